"""Command line: --version, the program name as typed, a sub-command's own usage on its errors, validate and checksums."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from pipeline import __version__, paths
from pipeline.cli import main, make_parser, program_name
from pipeline.paths import REPO_DATASET as DEFAULT_DATASET


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        make_parser("kz-claims").parse_args(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.strip() == f"kz-claims {__version__}"


@pytest.mark.parametrize(("argv0", "name"), [
    ("/usr/local/bin/kz-claims", "kz-claims"), ("kz-claims", "kz-claims"),
    ("/work/repo/pipeline/__main__.py", "python -m pipeline"), ("", "python -m pipeline"),
])
def test_program_name_is_the_one_typed(argv0, name):
    assert program_name(argv0) == name


def test_module_run_names_itself_in_usage():
    run = subprocess.run([sys.executable, "-m", "pipeline", "export"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert run.returncode == 2
    assert run.stderr.startswith("usage: python -m pipeline export ") and "--format" in run.stderr  # the sub-command's usage


@pytest.mark.parametrize(("argv", "usage"), [
    (["build", "--rejected", "x.json"], "usage: kz-claims build "),
    (["export", "--format", "csv"], "usage: kz-claims export "),
    (["export", "--format", "sqlite", "--base-url", "https://x/"], "usage: kz-claims export "),
    (["validate", "a", "b"], "usage: kz-claims "),
])
def test_subcommand_errors_show_that_subcommands_usage(argv, usage, capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["/usr/bin/kz-claims"])
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage), err


def test_dataset_commands_default_to_where_load_dataset_reads():
    parser = make_parser("kz-claims")
    assert parser.parse_args(["validate"]).dir == DEFAULT_DATASET == paths.default_dataset()  # what load_dataset() reads
    assert parser.parse_args(["export", "--format", "sqlite"]).dataset == DEFAULT_DATASET


def test_validate_fails_naming_the_parquet_that_no_longer_matches_its_checksum(tmp_path, capsys):
    tampered = tmp_path / "tampered"
    shutil.copytree(ROOT / "dataset", tampered)
    assert main(["validate", str(tampered)]) == 0
    capsys.readouterr()
    data = bytearray((tampered / "claims.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tampered / "claims.parquet").write_bytes(bytes(data))
    assert main(["validate", str(tampered)]) == 1
    err = capsys.readouterr().err
    assert f"{tampered / 'claims.parquet'}: sha256" in err and "does not match" in err
    assert "articles.parquet" not in err and "Traceback" not in err


def test_validate_without_checksums_still_runs_the_suites(tmp_path, capsys):
    folder = tmp_path / "copy"
    shutil.copytree(ROOT / "dataset", folder)
    (folder / "SHA256SUMS").unlink()
    assert main(["validate", str(folder)]) == 0
    assert "SHA256SUMS" not in capsys.readouterr().out
