"""Lifeline: a build's workers die with it; SIGTERM and Ctrl-C stop it with one line and nothing left running."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import psutil
import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow  # builds with worker processes and the model


def _default_ctrl_c() -> None:
    """In a child before exec: Ctrl-C at its default, as from a shell. An ignored SIGINT is inherited
    across exec, and the process running these tests (an xdist worker, after other tests) may have it ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_build(tmp_path):
    cmd = [sys.executable, "-m", "pipeline", "build", "--raw", str(ROOT / "raw"), "--out", str(tmp_path / "out"),
           "--no-cache", "--workers", "2", "--no-progress"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, preexec_fn=_default_ctrl_c)


def _wait_for_workers(proc, timeout: float = 300) -> dict[int, str]:
    """A running build → {pid: command} of its descendants once the forkserver has forked a worker."""
    main, seen, deadline = psutil.Process(proc.pid), {}, time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        for child in main.children(recursive=True):
            try:
                seen[child.pid] = " ".join(child.cmdline())
            except psutil.Error:
                pass
        if sum("forkserver" in c for c in seen.values()) >= 2:  # the forkserver and one worker
            return seen
        time.sleep(0.1)
    pytest.fail(f"the build started no worker in time: {seen}")


def _alive(pids) -> list[int]:
    out = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                out.append(pid)
        except psutil.NoSuchProcess:
            pass
    return out


def test_no_process_of_a_build_outlives_a_sigkill_of_its_main_process(tmp_path):
    proc = _start_build(tmp_path)
    family = _wait_for_workers(proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(5)
    left = _alive(family)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], {pid: family[pid] for pid in left}


@pytest.mark.parametrize("send", [
    lambda pid: os.kill(pid, signal.SIGTERM),
    lambda pid: os.killpg(pid, signal.SIGINT),  # Ctrl-C reaches the whole process group, workers included
], ids=["SIGTERM", "Ctrl-C"])
def test_sigterm_and_ctrl_c_stop_the_build_with_one_line(tmp_path, send):
    proc = _start_build(tmp_path)
    family = _wait_for_workers(proc)
    send(proc.pid)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    line = err.decode().strip()  # one line, no traceback from any worker, saying where the build stopped
    assert re.fullmatch(r"interrupted \(during analyse, \d+ s in; ingest \d+\.\d s\): the previous dataset is unchanged", line), line
    time.sleep(2)
    assert _alive(family) == []
    assert not (tmp_path / "out").exists()


def test_a_process_that_inherits_a_builds_variable_keeps_its_ctrl_c():
    """A build started by a process that itself built with workers (a test run, a script) inherits
    PIPELINE_BUILD_PID naming its parent: it must not take itself for that build's forkserver
    (ignore Ctrl-C, die with its parent)."""
    code = "import signal, pipeline.run.lifeline; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"
    env = dict(os.environ, PIPELINE_BUILD_PID=str(os.getpid()))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT,
                          preexec_fn=_default_ctrl_c)
    assert done.stdout.strip() == "True", done.stderr


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          preexec_fn=_default_ctrl_c)


ZOMBIE = "zombie()"  # a process that has exited and is not reaped yet: what a killed build is for a moment


@pytest.mark.parametrize("parent, alive", [("os.getppid()", True), ("os.getppid() + 100000", False), (ZOMBIE, False)],
                         ids=["its parent", "a parent already gone", "a parent dead but not reaped"])
def test_a_child_whose_parent_died_before_it_armed_its_signal_exits(parent, alive):
    """The race of a build killed while a worker starts: the parent is gone (the child now belongs to
    another process) before the death signal is armed, so it would never come. Only the parent pid
    after arming tells; a dead build may still answer kill(pid, 0) as a zombie."""
    code = f"""
import os, time
from pipeline.run import lifeline
def zombie():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    time.sleep(0.3)
    return pid
lifeline.become_child({parent})
print('alive')
"""
    done = _run(code)
    assert (done.returncode, done.stdout.strip()) == ((0, "alive") if alive else (1, "")), done.stderr


def test_the_forkservers_fork_hook_arms_its_workers_and_not_their_children():
    """Children of the forkserver die with it from the first code they run (not only from the pool's
    initializer, which runs later); a process a worker forks is none of the lifeline's business."""
    code = """
import ctypes, os
from pipeline.run import lifeline
libc = ctypes.CDLL(None, use_errno=True)
def armed():
    sig = ctypes.c_int(0)
    libc.prctl(2, ctypes.byref(sig), 0, 0, 0)  # PR_GET_PDEATHSIG
    return sig.value
lifeline._ROLE["forkserver"] = os.getpid()
os.register_at_fork(after_in_child=lifeline._after_fork_in_child)
r, w = os.pipe()
if os.fork() == 0:
    worker = armed()
    if os.fork() == 0:
        os.write(w, f"{worker} {armed()}".encode()); os._exit(0)
    os.wait(); os._exit(0)
os.wait(); os.close(w); print(os.read(r, 100).decode())
"""
    done = _run(code)
    assert done.stdout.split() == [str(int(signal.SIGKILL)), "0"], done.stderr


def _error_of(make):
    try:
        make()
    except Exception as exc:
        return type(exc), exc, exc.__traceback__
    raise AssertionError("no error")


def _semaphore_gone():
    # what a worker meets when its build unlinked the pool's semaphore while the forkserver forked it
    import multiprocessing.synchronize as synchronize

    lock = synchronize.Lock.__new__(synchronize.Lock)
    lock.__setstate__((0, synchronize.RECURSIVE_MUTEX, 1, f"/kz-claims-no-such-semaphore-{os.getpid()}"))


def _other_missing_file():
    open(f"/nonexistent-{os.getpid()}/x")  # noqa: SIM115


@pytest.mark.parametrize(("make", "gone"), [
    (_semaphore_gone, True),
    (_other_missing_file, False),  # a missing file of the worker's own is its error, and is printed
    (lambda: 1 / 0, False),
], ids=["semaphore-gone", "other-missing-file", "other-error"])
def test_a_worker_starting_after_its_build_has_gone_ends_without_a_traceback(make, gone):
    from pipeline.run import lifeline

    printed = []
    hook = lifeline.quiet_when_pool_gone(lambda *exc: printed.append(exc[0]))
    error = _error_of(make)
    assert lifeline.pool_gone(*error) is gone
    hook(*error)
    assert printed == ([] if gone else [error[0]])
