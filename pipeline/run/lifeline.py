"""Lifeline: worker processes die with the build that started them, and stay silent on Ctrl-C.

The local engine runs its workers from a forkserver. Each worker holds a copy of the
forkserver's "alive" pipe and of its own task queue, so after a SIGKILL of the build
nothing would ever tell them to stop: the forkserver, the resource tracker and the
workers (the model loaded) would run for ever. Two Linux parent-death signals
(``prctl(PR_SET_PDEATHSIG)``) break that: the forkserver gets SIGKILL when the build
dies, and each worker when the forkserver dies. The worker's signal is armed in the forkserver's
fork hook, the first code the child runs, not in the pool's initializer: a build killed while a
worker starts up would otherwise leave it running. A parent that died before its child armed
the signal is caught by the one race-free test, the child's parent pid after arming (a dead
build can still answer ``kill(pid, 0)`` as a zombie). Ctrl-C reaches the whole process group;
the build reports it once, so the forkserver and workers ignore SIGINT (the build
stops them). A worker the forkserver was forking when the build stopped finds the pool's semaphores
gone as it starts, and ends without a traceback (``pool_gone``).

The forkserver imports this module first (``set_forkserver_preload``): at import, the
forkserver whose parent is the build named in ``BUILD_PID_ENV`` sets itself up as a
child. Imported anywhere else it does nothing but define its functions.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys

BUILD_PID_ENV = "PIPELINE_BUILD_PID"
PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent dies (Linux); False where it cannot."""
    with contextlib.suppress(AttributeError, OSError):
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0) == 0
    return False


def become_child(parent_pid: int) -> None:
    """In the forkserver or a worker: ignore Ctrl-C (the build reports it and stops us), die with the
    parent, and exit at once when the parent is already gone (it died before the signal was armed,
    and this process now belongs to another)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    if os.getppid() != parent_pid:
        os._exit(1)


_ROLE = {"forkserver": 0}  # the forkserver's pid, in the forkserver only (and 0 in its children)


def _after_fork_in_child() -> None:
    """``os.register_at_fork`` hook: a child forked by the forkserver (a worker) dies with it. A fork's
    child inherits the memory of the process that forked, so only the forkserver's children see its
    pid here; processes that a worker forks are left alone."""
    forkserver_pid, _ROLE["forkserver"] = _ROLE["forkserver"], 0
    if forkserver_pid:
        become_child(forkserver_pid)


def pool_gone(kind: type, value: BaseException, tb) -> bool:
    """True for the error of a worker that starts after its build has gone: rebuilding the pool's semaphore from its
    name (``SemLock.__setstate__``) finds no such file, because the build that made it unlinked it on its way out
    (a Ctrl-C that reached the build while the forkserver was forking this worker)."""
    if not issubclass(kind, FileNotFoundError) or tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code
    return code.co_name == "__setstate__" and os.path.basename(code.co_filename) == "synchronize.py"


def quiet_when_pool_gone(previous=None):
    """An excepthook for the forkserver's children: silent for a worker whose build has gone (``pool_gone``),
    there is nobody left to tell; ``previous`` (the excepthook in place) for anything else: a worker's own error is
    still printed."""
    previous = previous or sys.excepthook

    def hook(kind, value, tb):
        if not pool_gone(kind, value, tb):
            previous(kind, value, tb)
    return hook


def worker_initializer() -> None:
    """ProcessPoolExecutor initializer: a worker (child of the forkserver) dies with the forkserver, which
    dies with the build. The fork hook has armed it already, with the parent check; this arms it again
    for the parent it has now, where the hook did not run."""
    become_child(os.getppid())


def start_forkserver_ignoring_ctrl_c() -> None:
    """Start the forkserver with SIGINT ignored, so that it inherits SIG_IGN across exec: a Ctrl-C
    while it starts (before it has imported this module) cannot print its traceback. Main thread only."""
    import threading
    from multiprocessing import forkserver

    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def mark_build() -> None:
    """In the build's process, before the forkserver starts: the process its children die with."""
    os.environ[BUILD_PID_ENV] = str(os.getpid())


def is_forkserver_of_a_build() -> bool:
    """True in the forkserver a build started (it preloads this module), and only there: a build's
    variable is inherited by any process the build's process starts later (a test, a script running
    ``python -m pipeline build``), which must keep its own Ctrl-C and outlive its parent."""
    started_as_forkserver = any("multiprocessing.forkserver" in arg for arg in getattr(sys, "orig_argv", ()))
    return started_as_forkserver and os.environ.get(BUILD_PID_ENV) == str(os.getppid())


if is_forkserver_of_a_build():
    become_child(int(os.environ[BUILD_PID_ENV]))
    _ROLE["forkserver"] = os.getpid()
    os.register_at_fork(after_in_child=_after_fork_in_child)
    sys.excepthook = quiet_when_pool_gone()  # the forkserver reports a child's start-up error through it
