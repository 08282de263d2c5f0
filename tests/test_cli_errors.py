"""CLI errors: every failure is one line on stderr, exit 1; outputs are checked before any work."""
from __future__ import annotations

import os

import pytest
from conftest import ROOT, write_article
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import cli
from pipeline.cli import main


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("model", ["", "no.such.pkg", "../models/x", "no_such_model_pkg"])
def test_bad_model_names_are_one_line(tmp_path, capsys, model):
    assert main(["build", "--raw", str(ROOT / "raw"), "--out", str(tmp_path / "o"), "--model", model, "--no-cache"]) == 1
    err = _one_line_error(capsys)
    assert "spaCy model" in err and "Traceback" not in err


def test_model_from_the_environment_is_checked_too(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PIPELINE_SPACY_MODEL", "")
    assert main(["build", "--raw", str(ROOT / "raw"), "--out", str(tmp_path / "o"), "--no-cache"]) == 1
    assert "is not a package name" in _one_line_error(capsys)


def test_an_unexpected_exception_is_one_line_naming_its_type(tmp_path, capsys, monkeypatch):
    def boom(args):
        raise KeyError("line one\nline two")

    monkeypatch.setitem(cli.COMMANDS, "validate", boom)
    assert main(["validate", str(tmp_path)]) == 1
    err = _one_line_error(capsys)
    assert "unexpected KeyError" in err and "PIPELINE_DEBUG=1" in err
    monkeypatch.setenv("PIPELINE_DEBUG", "1")
    with pytest.raises(KeyError):
        main(["validate", str(tmp_path)])


@pytest.mark.parametrize(("where", "message"), [
    (lambda raw, tmp: raw / "rejected.json", "is inside the raw folder"),
    (lambda raw, tmp: raw / "a.txt", "is inside the raw folder"),  # an input article
    (lambda raw, tmp: tmp / "out" / "rejected.json", "is inside the dataset folder"),
    (lambda raw, tmp: tmp, "is a folder"),
])
def test_rejected_path_is_checked_before_any_work(tmp_path, capsys, where, message):
    raw = tmp_path / "raw"
    write_article(raw, "a.txt", "The clerk said the office was closed.")
    before = (raw / "a.txt").read_bytes()
    assert main(["build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--skip-invalid",
                 "--rejected", str(where(raw, tmp_path)), "--no-cache"]) == 1
    assert message in _one_line_error(capsys)
    assert (raw / "a.txt").read_bytes() == before and not (tmp_path / "out").exists()


@pytest.mark.parametrize(("make", "message"), [
    (lambda raw, tmp: raw / "out", "is inside the raw folder"),
    (lambda raw, tmp: (tmp / "link").symlink_to(tmp / "missing") or tmp / "link", "is a symbolic link to"),
])
def test_out_is_checked_before_any_work(tmp_path, capsys, make, message):
    raw = tmp_path / "raw"
    write_article(raw, "a.txt", "The clerk said the office was closed.")
    assert main(["build", "--raw", str(raw), "--out", str(make(raw, tmp_path)), "--no-cache"]) == 1
    assert message in _one_line_error(capsys)


@pytest.mark.slow
def test_a_symlinked_out_is_followed_and_the_link_kept(tmp_path, capsys):
    target = tmp_path / "real"
    target.mkdir()
    (tmp_path / "link").symlink_to(target)
    assert main(["build", "--raw", str(ROOT / "raw"), "--out", str(tmp_path / "link"), "--no-cache", "--workers", "1"]) == 0
    assert (tmp_path / "link").is_symlink() and (target / "claims.parquet").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".real.lock"]  # no staging left


@pytest.mark.parametrize("data", [b"", b"PAR1", b"PAR1" + b"\0" * 64 + b"PAR1", b"not parquet at all"])
def test_a_bad_parquet_file_is_one_line_under_validate_export_and_the_loader(tmp_path, capsys, data):
    import shutil

    from pipeline import load_dataset
    from pipeline.errors import PipelineError
    from pipeline.publish.checksums import SUMS_NAME, write_sums

    folder = shutil.copytree(ROOT / "dataset", tmp_path / "ds")
    (folder / "claims.parquet").write_bytes(data)
    write_sums(folder, sorted(p.name for p in folder.iterdir() if p.name != SUMS_NAME))  # checksums pass: the file itself is bad
    assert main(["validate", str(folder)]) == 1
    assert "claims.parquet: not a readable Parquet file" in _one_line_error(capsys)
    assert main(["export", "--format", "claimreview", "--dataset", str(folder), "--out", str(tmp_path / "x.jsonld")]) == 1
    assert "claims.parquet: not a readable Parquet file" in _one_line_error(capsys)
    with pytest.raises(PipelineError, match="claims.parquet: not a readable Parquet file"):
        load_dataset(folder)


def test_a_parquet_file_of_another_table_is_refused(tmp_path, capsys):
    import shutil

    folder = shutil.copytree(ROOT / "dataset", tmp_path / "ds")
    shutil.copyfile(folder / "sources.parquet", folder / "claims.parquet")
    from pipeline.publish.checksums import SUMS_NAME, write_sums

    write_sums(folder, sorted(p.name for p in folder.iterdir() if p.name != SUMS_NAME))
    assert main(["validate", str(folder)]) == 1
    assert "claims.parquet: not the 'claims' table of this dataset: no column 'claim_id'" in _one_line_error(capsys)


def test_a_file_name_with_a_newline_is_reported_on_one_line(tmp_path, capsys):
    raw = tmp_path / "raw"
    write_article(raw, "bad\nname.txt", "The clerk said the office was closed.")
    assert main(["build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "  - bad\\nname.txt: the file name" in err and os.linesep + "name.txt" not in err


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.text(max_size=30))
def test_any_model_setting_is_accepted_or_refused_in_one_line(name):
    from pipeline.errors import PipelineError
    from pipeline.run.engine import check_model_name

    try:
        check_model_name(name)
    except PipelineError as err:
        assert "\n" not in str(err) and "spaCy model" in str(err)
    else:
        assert name.isidentifier()
