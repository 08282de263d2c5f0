"""The light install: `pip install kz-claims` in a fresh virtual environment gives the loader with
pandas and pyarrow only, and loads a release archive without spaCy or Great Expectations.

The environment is a new `python -m venv` without the system's site packages; pandas and
pyarrow come from the package registry (pip's cache when it has them), the project from a
wheel built from this source tree with --no-deps.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from pipeline.publish.archive import write_tar_gz
from pipeline.publish.release import archive_stem
from pipeline.version import RELEASE_DATE

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow

PROBE = r"""
import importlib.util, json, sys
import pipeline
ds = pipeline.load_dataset(sys.argv[1])
print(json.dumps({
    "rows": {name: len(df) for name, df in ds.tables().items()},
    "version": ds.version,
    "file": pipeline.__file__,
    "missing": [m for m in ("spacy", "great_expectations", "dask", "yaml", "jinja2") if importlib.util.find_spec(m) is None],
    "loaded": sorted(m for m in ("spacy", "great_expectations", "dask") if m in sys.modules),
    "offsets": str(ds.claims["speaker_start"].dtype),
    "affiliation_ordered": bool(ds.sources["affiliation"].cat.ordered),
}))
"""


def run(*cmd: str, cwd: Path | None = None) -> str:
    """Run a command outside this test's environment (no PYTHONPATH: the fresh venv sees only what it installed)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900, env=env)
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_light_install_loads_a_release_archive(tmp_path):
    src, wheels = tmp_path / "src", tmp_path / "wheels"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):  # a copy of the source tree: the build leaves nothing in the repository
        shutil.copyfile(ROOT / name, src / name)
    shutil.copytree(ROOT / "pipeline", src / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "expectations", src / "expectations")  # shipped as package data (pipeline.expectations)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(src))
    wheel = next(wheels.glob("kz_claims-*.whl"))
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False, clear=True).create(env)
    py = str(env / "bin" / "python")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pins = [line.strip().strip('",') for line in pyproject.split("dependencies = [", 1)[1].split("]", 1)[0].splitlines() if line.strip().startswith('"')]
    assert sorted(p.split(">")[0].split("=")[0] for p in pins) == ["pandas", "pyarrow"]  # the light install's whole list
    run(py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pins)
    run(py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", str(wheel))
    archive = write_tar_gz(ROOT / "dataset", archive_stem(), tmp_path / f"{archive_stem()}.tar.gz", RELEASE_DATE)
    out = json.loads(run(py, "-I", "-c", PROBE, str(archive), cwd=tmp_path).strip().splitlines()[-1])
    assert str(env) in out["file"]  # the installed package, not this source tree
    assert {"spacy", "great_expectations", "dask"} <= set(out["missing"]) and out["loaded"] == []
    assert all(n > 0 for n in out["rows"].values()) and set(out["rows"]) == {"articles", "sources", "claims", "evidence"}
    assert out["offsets"] == "Int64" and out["affiliation_ordered"] is False
    version = run(str(env / "bin" / "kz-claims"), "--version").strip()
    assert version.startswith("kz-claims ")
