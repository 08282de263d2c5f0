"""Paths: one module knows where things are, and a non-editable install finds what it needs or says what it lacks."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from pipeline import paths
from pipeline.errors import PipelineError
from pipeline.publish.loader import load_dataset


def test_repository_paths_point_into_the_checkout():
    assert paths.ROOT == ROOT
    assert paths.expectations_dir() == ROOT / "expectations"
    assert paths.default_dataset() == ROOT / "dataset"
    assert paths.SHARED == ROOT.parent / "shared"


def test_names_beside_the_output_folder(tmp_path):
    out = tmp_path / "ds"
    assert paths.lock_file(out) == tmp_path / ".ds.lock"
    assert paths.old_dataset(out) == tmp_path / ".ds.old"
    assert paths.spool_prefix(out).startswith(paths.staging_prefix(out))  # so write.recover removes a killed build's spool


def test_missing_suites_and_dataset_are_clear_errors(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "REPO_EXPECTATIONS", tmp_path / "nope")
    monkeypatch.setattr(paths, "PACKAGED_EXPECTATIONS", tmp_path / "nope-either")
    with pytest.raises(PipelineError, match="no expectation suites.*reinstall"):
        paths.expectations_dir()
    monkeypatch.setattr(paths, "REPO_DATASET", tmp_path / "dataset")
    with pytest.raises(PipelineError, match="no dataset folder at .*pass a dataset folder or a release archive"):
        load_dataset()


SCRIPT = """
import sys
from pipeline import load_dataset, paths
from pipeline.errors import PipelineError
from pipeline.stages.validate import load_suite_dicts
assert paths.expectations_dir() == paths.PACKAGED_EXPECTATIONS, paths.expectations_dir()
assert sorted(load_suite_dicts()) == ["articles", "claims", "evidence", "sources"]
try:
    load_dataset()
except PipelineError as err:
    print("error:", err)
print(len(load_dataset(sys.argv[1]).claims), "claims")
"""


@pytest.mark.slow
def test_a_non_editable_install_ships_the_suites_and_explains_the_missing_dataset(tmp_path):
    src = tmp_path / "src"
    for name in ("pipeline", "expectations"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copyfile(ROOT / name, src / name)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PIP_RETRIES": "0", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    pip = [sys.executable, "-m", "pip", "--quiet"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "-w", str(tmp_path / "wheel"), str(src)], env=env, capture_output=True, text=True)
    if built.returncode:
        pytest.skip(f"cannot build a wheel here (no build backend reachable): {built.stderr[-300:]}")
    wheel = next((tmp_path / "wheel").glob("*.whl"))
    target = tmp_path / "site"
    subprocess.run([*pip, "install", "--no-deps", "--no-index", "--target", str(target), str(wheel)], env=env, check=True)
    dataset = shutil.copytree(ROOT / "dataset", tmp_path / "data")
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(dataset)], cwd=tmp_path, env=env | {"PYTHONPATH": str(target)},
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert f"error: no dataset folder at {target / 'dataset'}" in run.stdout
    assert "claims" in run.stdout.splitlines()[-1]
