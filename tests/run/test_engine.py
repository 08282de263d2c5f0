"""Engines: every engine cuts the same tasks and returns the same results, in order; byte-identical output."""
from __future__ import annotations

import contextlib
import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.records import Article
from pipeline.run import engine
from pipeline.run.bench import prepare_corpus
from pipeline.run.build import build
from pipeline.schema import TABLES

pytestmark = pytest.mark.slow  # whole builds with the model, or subprocesses (make test-fast skips them)

SEED_DIR = ROOT / "raw"


def _articles(n: int) -> list[Article]:
    return [Article(doc_id=f"a{i:02d}", path=f"a{i:02d}.txt", text=f"The clerk said the office opened {i} days ago.") for i in range(n)]


@pytest.mark.parametrize(("n", "size", "expected"), [
    (0, 8, []),
    (1, 8, [1]),
    (8, 8, [8]),
    (9, 8, [8, 1]),
    (5, 2, [2, 2, 1]),
    (3, 0, [1, 1, 1]),  # a size below 1 means one article a task
])
def test_task_batches_cut_consecutive_runs(n, size, expected):
    articles = _articles(n)
    batches = engine.task_batches(articles, size)
    assert [len(b) for b in batches] == expected
    assert [a for b in batches for a in b] == articles


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(PipelineError, match="unknown engine 'spark'"):
        list(engine.analyse(_articles(2), Settings(engine="spark")))


def test_missing_model_is_a_clear_error():
    with pytest.raises(PipelineError, match="not installed"):
        list(engine.analyse(_articles(2), Settings(model="no_such_model_pkg", workers=1)))


def test_a_script_building_at_its_top_level_is_told_to_guard_the_call(tmp_path):
    # the pool's workers import the script as their main module: unguarded, each would start the build again
    script = tmp_path / "unguarded.py"
    script.write_text(
        "from pathlib import Path\n"
        "from pipeline.config import Settings\n"
        "from pipeline.run.build import build\n"
        f"build(Path({str(ROOT / 'raw')!r}), Path({str(tmp_path / 'out')!r}), settings=Settings(workers=2))\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert done.returncode != 0
    assert "call build() under 'if __name__ == \"__main__\":'" in done.stderr
    assert "see its own error above" in done.stderr
    assert "another build is writing" not in done.stderr  # not the lock the worker's build would have found
    assert not (tmp_path / "out").exists()


def test_pool_returns_results_in_article_order(nlp):
    articles = _articles(5)
    results = list(engine.analyse(articles, Settings(workers=2, task_size=1)))
    assert [r.article for r in results] == articles
    assert all(r.claims and r.claims[0].cue == "said" for r in results)


def _parquet(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.parquet").read_bytes() for name in TABLES}


def _builds_agree(raw: Path, tmp_path: Path, task_size: int, scheduler: str | None = None,
                  serial: Path | None = None) -> dict[str, dict[str, bytes]]:
    """Builds of raw by one worker (or serial: that build, already made), a local pool and Dask → their Parquet, all equal."""
    variants = {
        "serial": Settings(workers=1, task_size=task_size),
        "pool": Settings(workers=2, task_size=task_size),
        "dask": Settings(engine="dask", workers=2, task_size=task_size, scheduler=scheduler),
    }
    outputs = {"serial": _parquet(serial)} if serial else {}
    for name, settings in variants.items():
        if name in outputs:
            continue
        build(raw, tmp_path / name, settings=settings)
        outputs[name] = _parquet(tmp_path / name)
    assert outputs["pool"] == outputs["serial"], "local worker pool differs from one worker"
    assert outputs["dask"] == outputs["serial"], "Dask engine differs from the local engine"
    return outputs


def test_engines_give_byte_identical_parquet_on_the_seeds(tmp_path, raw_build):
    # engine "dask" without a scheduler address starts its own two-worker LocalCluster; the
    # one-worker build (workers=1, task_size=1) is the run's shared build of raw/ (conftest)
    outputs = _builds_agree(SEED_DIR, tmp_path, task_size=1, serial=raw_build)
    assert outputs["serial"] == _parquet(ROOT / "dataset")


def test_engines_give_byte_identical_parquet_on_a_bench_sample(shared_dir, tmp_path):
    corpus = shared_dir / "bench" / "polnear-train"
    if not corpus.is_dir():
        pytest.skip("no benchmark corpus in ../shared")
    raw = tmp_path / "raw"
    prepare_corpus(corpus, raw, sample=6)
    # an existing cluster, reached by its scheduler address as with --scheduler
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        _builds_agree(raw, tmp_path, task_size=2, scheduler=cluster.scheduler_address)


@pytest.mark.parametrize("fails", [False, True])
def test_fewer_collections_gives_the_caller_its_thresholds_back(fails):
    """The build collects garbage less often while it runs; a notebook that called it keeps its own collector settings."""
    before = gc.get_threshold()
    with pytest.raises(RuntimeError) if fails else contextlib.nullcontext():
        with engine.fewer_collections():
            assert gc.get_threshold() == engine.GC_THRESHOLDS != before
            if fails:
                raise RuntimeError("a failed build")
    assert gc.get_threshold() == before


def test_forked_map_runs_in_forked_processes_what_it_cannot_pickle():
    """The linker's parts run on forked processes that inherit the corpus index: the function is never pickled."""
    state = {"offset": 10}
    out = engine.forked_map(lambda x: (x + state["offset"], os.getpid()), range(6), workers=2)
    assert [v for v, _ in out] == list(range(10, 16))
    assert os.getpid() not in {pid for _, pid in out}


@pytest.mark.parametrize(("workers", "items"), [(1, range(3)), (4, [7])])
def test_forked_map_runs_here_for_one_worker_or_one_item(workers, items):
    assert engine.forked_map(lambda x: (x, os.getpid()), items, workers=workers) == [(x, os.getpid()) for x in items]


def test_forked_map_passes_on_an_error_and_names_a_dead_process():
    def fail(x):
        if x == 1:
            raise ValueError("bad part")
        return x

    with pytest.raises(ValueError, match="bad part"):
        engine.forked_map(fail, range(4), workers=2)
    with pytest.raises(PipelineError, match="a process died during linking"):
        engine.forked_map(lambda x: os._exit(1) if x == 2 else x, range(4), workers=2, doing="linking")


def test_a_forked_process_leaves_interruptions_to_the_build():
    """The command turns SIGTERM into an interruption it reports; a forked process inherits that handler, and must
    neither report Ctrl-C nor a termination itself (it dies quietly, and with its parent)."""
    import signal

    def handlers(_):
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        return signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), bool(blocked & {signal.SIGINT, signal.SIGTERM})

    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    try:
        seen = engine.forked_map(handlers, range(2), workers=2)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert seen == [(signal.SIG_IGN, signal.SIG_DFL, False)] * 2  # blocked while it forked, unblocked once set
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == mask  # and this process's mask is as it was


@pytest.mark.parametrize("finished", [False, True])
def test_a_pool_interrupted_while_it_starts_shuts_down_quietly(finished):
    """Ctrl-C between a pool's creating its manager thread and starting it leaves a thread shutdown cannot join: the
    build must report the interruption, not that; a pool that finished its work must not hide the error."""
    import threading
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=1)
    pool._executor_manager_thread = threading.Thread(target=lambda: None)  # created, never started
    with pytest.raises(RuntimeError) if finished else contextlib.nullcontext():
        engine.shut(pool, finished)


def test_workers_start_with_one_thread_per_library_unless_the_user_says_otherwise(monkeypatch):
    """The forkserver (and so every worker) starts with the thread settings of WORKER_THREAD_ENV; a variable the user
    has set is kept, and this process's environment is as it was afterwards."""
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    for name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "TOKENIZERS_PARALLELISM"):
        monkeypatch.delenv(name, raising=False)
    seen = {}
    monkeypatch.setattr(engine.lifeline, "start_forkserver_ignoring_ctrl_c",
                        lambda: seen.update({k: os.environ.get(k) for k in engine.WORKER_THREAD_ENV}))
    with engine.local_pool(Settings(workers=1), 1):
        pass
    assert seen == {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "3", "MKL_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}
    assert os.environ.get("OMP_NUM_THREADS") == "3"
    assert all(name not in os.environ for name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "TOKENIZERS_PARALLELISM"))


def test_a_local_dask_cluster_starts_its_workers_with_the_same_thread_settings(monkeypatch):
    pytest.importorskip("dask.distributed")
    from dask.distributed import Client

    monkeypatch.delenv("TOKENIZERS_PARALLELISM", raising=False)
    with engine.local_cluster(Settings(workers=1)) as cluster, Client(cluster) as client:
        seen = client.submit(os.getenv, "TOKENIZERS_PARALLELISM", pure=False).result()
        blas = client.submit(os.getenv, "OPENBLAS_NUM_THREADS", pure=False).result()
    assert (seen, blas) == ("false", "1")
    assert "TOKENIZERS_PARALLELISM" not in os.environ
