"""Settings: how many workers a build starts by default (cores, a container's CPU quota, memory)."""
from __future__ import annotations

import pytest

from pipeline import config


@pytest.mark.parametrize(("v2", "v1", "expected"), [
    ("200000 100000\n", None, 2),  # cgroup v2: two CPUs
    ("150000 100000\n", None, 2),  # 1.5 CPUs round up
    ("50000 100000\n", None, 1),
    ("max 100000\n", None, None),  # no quota
    (None, ("400000", "100000"), 4),  # cgroup v1
    (None, ("-1", "100000"), None),  # v1 without a quota
    (None, None, None),  # neither file: not in a cgroup we can read
    ("garbage", None, None),
])
def test_the_cpu_quota_of_a_container(tmp_path, v2, v1, expected):
    cpu_max = tmp_path / "cpu.max"
    quota, period = tmp_path / "cpu.cfs_quota_us", tmp_path / "cpu.cfs_period_us"
    if v2 is not None:
        cpu_max.write_text(v2)
    if v1 is not None:
        quota.write_text(v1[0])
        period.write_text(v1[1])
    assert config.cpu_quota(cpu_max, (quota, period)) == expected


@pytest.mark.parametrize(("meminfo", "limit", "expected"), [
    ("MemTotal:       24000000 kB\nMemAvailable:    2048000 kB\n", None, 2000),
    ("MemAvailable:    2048000 kB\n", "max\n", 2000),
    ("MemAvailable:    2048000 kB\n", f"{1024 * 2**20}\n", 1024),  # the cgroup's limit is lower
    (None, None, None),
])
def test_the_memory_available_to_workers(tmp_path, meminfo, limit, expected):
    info, memory_max = tmp_path / "meminfo", tmp_path / "memory.max"
    if meminfo is not None:
        info.write_text(meminfo)
    if limit is not None:
        memory_max.write_text(limit)
    assert config.memory_mb(info, memory_max) == expected


@pytest.mark.parametrize(("affinity", "quota", "memory", "expected"), [
    (64, 2, 24_000, 2),  # a 64-core host, a container of 2 CPUs: 2 workers, not 64
    (64, None, 24_000, 48),  # no quota: memory holds 48 workers of WORKER_MEMORY_MB
    (2, None, 24_000, 2),
    (8, None, 1_000, 2),  # little memory: fewer workers than cores
    (8, None, 100, 1),
    (4, None, None, 4),  # memory unknown: one per core
])
def test_default_workers(monkeypatch, affinity, quota, memory, expected):
    monkeypatch.setattr(config.os, "sched_getaffinity", lambda pid: set(range(affinity)), raising=False)
    monkeypatch.setattr(config, "cpu_quota", lambda *a: quota)
    monkeypatch.setattr(config, "memory_mb", lambda *a: memory)
    assert config.WORKER_MEMORY_MB == 500
    assert config.default_workers() == expected
