"""Shared fixtures: the spaCy model (loaded once), paths to ../shared (skipped when absent)."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.config import Settings
    from pipeline.stages.parse import load_model

    return load_model(Settings().model)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture(scope="session")
def raw_build(tmp_path_factory) -> Path:
    """The repository's raw/ built once per test run (one worker, one article a task) → its output folder:
    read it, never write into it. Under pytest-xdist the processes of a run share it: the first to
    need it builds it while the others wait on a lock (a build swaps its output in whole, so an
    existing folder is a finished build)."""
    from pipeline.config import Settings
    from pipeline.run.build import build

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # pytest-<n>/, shared by this run's workers (popen-gw0/, popen-gw1/ under it)
    out = base / "raw-build"
    with open(base / "raw-build.wait", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not out.is_dir():
            build(ROOT / "raw", out, settings=Settings(workers=1, task_size=1))
    return out


def write_article(folder: Path, name: str, text: str, **front_matter) -> Path:
    """Write one raw article (with front matter when given) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    if front_matter:
        lines = ["---", *(f"{k}: {v}" for k, v in front_matter.items()), "---", ""]
    path = folder / name
    path.write_text("\n".join(lines) + text, encoding="utf-8")
    return path


# --- make test on two processes (pytest-xdist: -n 2 --dist loadgroup) ------------------------
# Tests that share an expensive module-scoped fixture go to one process, which builds the
# fixture once; every other test goes wherever a process is free. (xdist's own loadgroup reads
# xdist_group marks by renaming node IDs, which pytest 9.2 no longer allows (pytest-xdist
# issue 1386): the grouping is by node ID prefix here, one name per fixture.)
ONE_PROCESS = {
    "tests/run/test_faults.py::": "faults corpora",
    "tests/run/test_build.py::test_odd_but_valid_articles_build_with_exact_offsets": "odd_build",
    "tests/publish/test_release.py::test_two_releases_are_byte_identical": "two_releases",
    "tests/publish/test_release.py::test_archive_holds_everything_a_user_needs": "two_releases",
    "tests/publish/test_release.py::test_released_archive_loads": "two_releases",
    "tests/stages/test_validate.py::test_each_expectation_fails_on_its_corruption": "validate frames",
    "tests/stages/test_link_seeds.py::": "link seeds",
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """--dist loadgroup → xdist's scheduler with the groups above (any other --dist: xdist's own)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class SharedFixtureScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            group = next((g for prefix, g in ONE_PROCESS.items() if nodeid.startswith(prefix)), None)
            return f"group: {group}" if group else super()._split_scope(nodeid)

    return SharedFixtureScheduling(config, log)
