"""Faults: a build killed at any moment leaves the previous dataset whole; a second build at
the same time is refused. Builds run in subprocesses that are killed with SIGKILL."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, write_article

from pipeline.run.build import build, build_lock
from pipeline.run.write import recover
from pipeline.schema import TABLES

pytestmark = pytest.mark.slow  # whole builds with the model, or subprocesses (make test-fast skips them)

OLD_STORY = "The harbour master said the port would close for repairs. Workers said they had not been told.\n"
TOPICS = ["port", "rail line", "bridge", "airport", "power plant", "water works", "school", "hospital", "market", "mine"]


def new_story(topic: str) -> str:
    """A short made-up article about one topic, with a few attributed claims."""
    return (
        f"Officials said the {topic} would reopen within a week after repairs.\n\n"
        f"\u201cWe have fixed what was broken at the {topic},\u201d the mayor told reporters on Monday.\n\n"
        f"Workers at the {topic} said they had not been paid for two months, and a union leader "
        f"warned that a strike was possible if wages stayed unpaid.\n\n"
        f"The ministry denied that the {topic} had been closed for political reasons.\n"
    )


def snapshot(folder: Path) -> dict[str, bytes] | None:
    """A dataset folder → {file name: bytes}, or None when it is missing."""
    if not folder.is_dir():
        return None
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def leftovers(out: Path) -> list[str]:
    """Staging or moved-aside folders a build left beside out."""
    return sorted(p.name for p in out.parent.glob(f".{out.name}.*") if p.name != f".{out.name}.lock")


def cli(raw: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out), "--no-progress"]


# A build that kills itself at one precise point of the write: the points a random kill
# rarely hits. It patches the pipeline from outside; the pipeline has no test hooks.
INJECT = r"""
import os, signal, sys
from pipeline.run import write
point, raw, out = sys.argv[1:4]
die = lambda: os.kill(os.getpid(), signal.SIGKILL)
real_write_rows, real_exchange, real_replace = write.write_rows, write._exchange, os.replace
calls = []
if point == "mid-table":  # the second Parquet file half-written
    def write_rows(rows, schema, path, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            path.write_bytes(b"PAR1" + b"\0" * 100)
            die()
        real_write_rows(rows, schema, path, **kwargs)
    write.write_rows = write_rows
elif point == "before-swap":
    write._exchange = lambda a, b: die()
elif point == "after-swap":  # the new dataset in place, the old one not yet removed
    write._exchange = lambda a, b: real_exchange(a, b) and die()
elif point == "between-renames":  # no atomic exchange: old moved aside, new not yet in place
    write._exchange = lambda a, b: False
    def replace(a, b):
        real_replace(a, b)
        if str(a) == out:
            die()
    os.replace = replace
from pipeline.cli import main
sys.exit(main(["build", "--raw", raw, "--out", out, "--no-progress"]))
"""


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """An old corpus built into dataset/, a new corpus, and the reference build of the new one."""
    tmp = tmp_path_factory.mktemp("faults")
    old_raw, new_raw = tmp / "old", tmp / "new"
    write_article(old_raw, "harbour.txt", OLD_STORY)
    for i, topic in enumerate(TOPICS):
        write_article(new_raw, f"story-{i:02d}.txt", new_story(topic))
    out = tmp / "dataset"
    build(old_raw, out)
    started = time.perf_counter()
    subprocess.run(cli(new_raw, tmp / "reference"), check=True, cwd=ROOT, capture_output=True)
    seconds = time.perf_counter() - started
    return {"out": out, "new_raw": new_raw, "old": snapshot(out), "new": snapshot(tmp / "reference"), "seconds": seconds}


def _kill_after(cmd: list[str], delay: float) -> int | None:
    """Start cmd, SIGKILL it after delay seconds (if still running) → its exit code."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
    return proc.wait()


def test_killed_at_random_moments_the_dataset_is_old_or_new_never_partial(corpora):
    out, old, new = corpora["out"], corpora["old"], corpora["new"]
    assert old != new and set(new) >= {f"{t}.parquet" for t in TABLES}
    rng = random.Random(20260122)
    delays = sorted(rng.uniform(0.2, corpora["seconds"]) for _ in range(5))
    for delay in delays:
        before = snapshot(out)
        code = _kill_after(cli(corpora["new_raw"], out), delay)
        after = snapshot(out)
        assert after == before or (after == new and code in (0, -signal.SIGKILL)), f"killed at {delay:.2f} s: partial dataset"
        reset(out, old)  # the next kill starts from the old dataset again (leftovers stay)
    _assert_later_build_recovers(corpora)


def reset(out: Path, files: dict[str, bytes]) -> None:
    """Put a snapshot back into out (test set-up, no build running)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    for name, data in files.items():
        (out / name).write_bytes(data)


@pytest.mark.parametrize("point", ["mid-table", "before-swap", "after-swap", "between-renames"])
def test_killed_while_writing_the_dataset_is_old_or_new(corpora, point):
    out, old, new = corpora["out"], corpora["old"], corpora["new"]
    reset(out, old)
    proc = subprocess.run([sys.executable, "-c", INJECT, point, str(corpora["new_raw"]), str(out)], cwd=ROOT, capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    after = snapshot(out)
    if point == "between-renames":
        # Only where the system has no atomic exchange: dataset/ is briefly missing, and the
        # next build's recover puts the previous one back before anything else.
        assert after is None and leftovers(out)
    else:
        assert after == (new if point == "after-swap" else old)
    with build_lock(out):  # what the next build does first (a full later build: see above)
        recover(out)
    assert snapshot(out) == (new if point == "after-swap" else old)
    assert leftovers(out) == []


def _assert_later_build_recovers(corpora) -> None:
    out = corpora["out"]
    proc = subprocess.run(cli(corpora["new_raw"], out), cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert snapshot(out) == corpora["new"]
    assert leftovers(out) == []


def test_second_build_is_refused_while_one_holds_the_lock(corpora):
    out = corpora["out"]
    before = snapshot(out)
    with build_lock(out):
        proc = subprocess.run(cli(corpora["new_raw"], out), cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "another build is writing" in proc.stderr and "Traceback" not in proc.stderr
    assert snapshot(out) == before


def test_two_builds_started_together_one_wins_one_is_refused(corpora, tmp_path):
    out = tmp_path / "dataset"
    procs = [subprocess.Popen(cli(corpora["new_raw"], out), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [(p.wait(), p.stderr.read()) for p in procs]
    assert sorted(code for code, _ in results) == [0, 1], results
    assert any("another build is writing" in err for code, err in results if code == 1)
    assert snapshot(out) == corpora["new"]
