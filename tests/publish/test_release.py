"""Releases: one version place, a checksum record per version, byte-identical archives, a valid CITATION.cff."""
from __future__ import annotations

import json
import re
import shutil
import tarfile
import zipfile
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

import pipeline
from pipeline import RELEASE_DATE, __version__
from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.publish import release as rel
from pipeline.publish.checksums import verify

pytestmark = pytest.mark.slow  # whole builds with the model, or subprocesses (make test-fast skips them)

CFF_SCHEMA = Path(__file__).resolve().parent.parent / "data" / "citation-file-format-1.2.0.schema.json"
SUMS = {"articles.parquet": "a" * 64, "claims.parquet": "b" * 64}


# --- the version record -------------------------------------------------------------------


def test_dataset_is_the_recorded_release_of_the_current_version():
    """Any change to a Parquet file without a new version fails here."""
    verify(ROOT / "dataset")
    problem = rel.record_problem(rel.load_releases(), rel.parquet_sums(ROOT / "dataset"))
    assert problem is None, problem


def test_every_recorded_version_has_a_changelog_entry_and_versions_increase():
    from packaging.version import Version

    releases = rel.load_releases()
    changelog = rel.CHANGELOG_FILE.read_text(encoding="utf-8")
    for version, entry in releases.items():
        assert rel.changelog_problem(changelog, version, entry["date"]) is None
    ordered = sorted(releases, key=Version)
    assert ordered[-1] == __version__
    dates = [releases[v]["date"] for v in ordered]
    assert dates == sorted(dates)


@pytest.mark.parametrize(("releases", "sums", "version", "date", "message"), [
    ({"1.0.0": {"date": "2026-01-01", "sha256": SUMS}}, SUMS, "1.0.0", "2026-01-01", None),
    ({"1.0.0": {"date": "2026-01-01", "sha256": SUMS}}, {**SUMS, "claims.parquet": "c" * 64}, "1.0.0", "2026-01-01", r"\['claims.parquet'\] differ.*bump"),
    ({"1.0.0": {"date": "2026-01-01", "sha256": SUMS}}, SUMS, "1.0.0", "2026-02-01", "released 2026-01-01"),
    ({"1.0.0": {"date": "2026-01-01", "sha256": SUMS}}, SUMS, "1.1.0", "2026-02-01", "1.1.0 is not recorded"),
])
def test_record_problem(releases, sums, version, date, message):
    problem = rel.record_problem(releases, sums, version, date)
    assert (problem is None) if message is None else re.search(message, problem)


def test_record_release_adds_a_new_version_and_refuses_changed_files(tmp_path, monkeypatch):
    path = tmp_path / "releases.json"
    assert rel.record_release(SUMS, path) is True
    assert json.loads(path.read_text())[__version__] == {"date": RELEASE_DATE, "sha256": SUMS}
    assert rel.record_release(SUMS, path) is False
    with pytest.raises(PipelineError, match="bump __version__"):
        rel.record_release({**SUMS, "claims.parquet": "c" * 64}, path)


# --- one version place --------------------------------------------------------------------


def test_citation_cff_is_valid_and_agrees_with_the_version():
    meta = rel.citation_metadata()
    jsonschema.validate(meta, json.loads(CFF_SCHEMA.read_text()))
    assert rel.citation_problem(meta) is None


@pytest.mark.parametrize(("meta", "ok"), [
    ({"version": __version__, "date-released": RELEASE_DATE}, True),
    ({"version": "0.0.1", "date-released": RELEASE_DATE}, False),
    ({"version": __version__, "date-released": "1999-01-01"}, False),
])
def test_citation_problem(meta, ok):
    assert (rel.citation_problem(meta) is None) == ok


def test_invalid_citation_is_caught_by_the_schema():
    meta = rel.citation_metadata() | {"date-released": "22 Nov"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(meta, json.loads(CFF_SCHEMA.read_text()))


def test_changelog_has_the_current_version():
    assert rel.changelog_problem(rel.CHANGELOG_FILE.read_text(encoding="utf-8")) is None
    assert rel.changelog_problem("## [0.0.1] - 2020-01-01\n") is not None


def test_version_and_date_flow_from_one_place():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'version = { attr = "pipeline.version.__version__" }' in pyproject
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", RELEASE_DATE)
    card = (ROOT / "dataset" / "README.md").read_text()
    croissant = json.loads((ROOT / "dataset" / "croissant.json").read_text())
    assert f"version: {__version__}" in card and croissant["version"] == __version__ and croissant["datePublished"] == RELEASE_DATE
    assert rel.archive_stem() == f"{pipeline.DATASET_NAME}-{__version__}"


# --- the release command -------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory):
    """Run the release command twice into separate folders (the repo's raw/ and releases.json, untouched); no ../shared needed."""
    out = []
    for run in ("one", "two"):
        base = tmp_path_factory.mktemp(run)
        code = main(["release", "--raw", str(ROOT / "raw"), "--dataset", str(base / "dataset"), "--dist", str(base / "dist")])
        assert code == 0
        out.append(base / "dist")
    return out


def test_two_releases_are_byte_identical(two_releases):
    one, two = two_releases
    names = sorted(p.name for p in one.iterdir() if not p.name.startswith("."))  # .<stem>.lock: the release lock, kept as the build's is
    assert names == [f"{rel.archive_stem()}.tar.gz", f"{rel.archive_stem()}.zip"]
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_archive_holds_everything_a_user_needs(two_releases, tmp_path):
    stem = rel.archive_stem()
    with tarfile.open(two_releases[0] / f"{stem}.tar.gz") as tar:
        tar_names = sorted(m.name for m in tar.getmembers() if m.isfile())
    with zipfile.ZipFile(two_releases[0] / f"{stem}.zip") as zf:
        zip_names = sorted(n for n in zf.namelist() if not n.endswith("/"))
    assert tar_names == zip_names
    files = {n.removeprefix(f"{stem}/") for n in tar_names}
    expected = {"articles.parquet", "sources.parquet", "claims.parquet", "evidence.parquet", "README.md", "croissant.json",
                "SHA256SUMS", "LICENSE.md", "codebook.md", "label_distributions.svg", "CITATION.cff", "CHANGELOG.md",
                *(f"validation-report-{t}.html" for t in ("articles", "sources", "claims", "evidence"))}
    assert files == expected
    with tarfile.open(two_releases[0] / f"{stem}.tar.gz") as tar:
        html = tar.extractfile(f"{stem}/validation-report-claims.html").read().decode()
        sums = tar.extractfile(f"{stem}/SHA256SUMS").read().decode()
    assert "<html" in html and "claims" in html and "Validation" in html
    assert sorted(line.split("  ")[1] for line in sums.splitlines()) == sorted(files - {"SHA256SUMS"})
    with tarfile.open(two_releases[0] / f"{stem}.tar.gz") as tar:  # the release rebuilt raw/ into exactly the committed files
        for p in sorted(ROOT.glob("dataset/*")):
            if p.name != "SHA256SUMS":
                assert tar.extractfile(f"{stem}/{p.name}").read() == p.read_bytes(), p.name
    assert set((ROOT / "dataset" / "SHA256SUMS").read_text().splitlines()) <= set(sums.splitlines())
    with tarfile.open(two_releases[0] / f"{stem}.tar.gz") as tar:  # the project's own codebook, not ../shared's
        assert tar.extractfile(f"{stem}/codebook.md").read() == (ROOT / "docs" / "codebook.md").read_bytes()


def test_released_archive_loads(two_releases):
    from pipeline import load_dataset

    ds = load_dataset(two_releases[0] / f"{rel.archive_stem()}.zip")
    committed = load_dataset()
    assert ds.version == __version__ and len(ds.claims) == len(committed.claims)


def test_release_without_codebook_fails_clearly(tmp_path, capsys):
    code = main(["release", "--dataset", str(tmp_path / "d"), "--dist", str(tmp_path / "dist"), "--codebook", str(tmp_path / "nope.md")])
    assert code == 1
    err = capsys.readouterr().err
    assert "nope.md: codebook not found" in err and "Traceback" not in err
    assert not (tmp_path / "dist").exists() and not (tmp_path / "d").exists()


def test_release_refuses_changed_data_under_a_released_version(tmp_path, monkeypatch):
    releases = tmp_path / "releases.json"
    releases.write_text(json.dumps({__version__: {"date": RELEASE_DATE, "sha256": {"articles.parquet": "0" * 64}}}))
    monkeypatch.setattr(rel, "RELEASES_FILE", releases)
    dataset = tmp_path / "dataset"
    shutil.copytree(ROOT / "dataset", dataset)
    with pytest.raises(PipelineError, match="differ from those released"):
        rel.release(ROOT / "raw", dataset, tmp_path / "dist", codebook=rel.DEFAULT_CODEBOOK, rebuild=False)
    assert not list((tmp_path / "dist").glob("*.tar.gz"))


def test_archives_move_in_together_and_stale_staging_is_cleared(tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    stale = dist / f"{rel.paths.release_staging_prefix('kz-claims-9.9.9')}old"
    (stale / "kz-claims-9.9.9").mkdir(parents=True)
    (dist / ".kz-claims-9.9.9-x").mkdir()  # the staging name of earlier releases
    rel.clear_stale_staging(dist, "kz-claims-9.9.9")
    assert sorted(p.name for p in dist.iterdir()) == []
    old = {dist / "a.tar.gz": b"old tar", dist / "a.zip": b"old zip"}
    for path, data in old.items():
        path.write_bytes(data)
    parts = {}
    for dest in old:
        part = tmp_path / f"new-{dest.name}"
        part.write_bytes(b"new " + dest.name.encode())
        parts[dest] = part
    rel.move_in_together(parts)
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == {"a.tar.gz": b"new a.tar.gz", "a.zip": b"new a.zip"}


def test_a_release_killed_between_its_archives_leaves_no_mixed_pair(tmp_path, monkeypatch):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "a.tar.gz").write_bytes(b"old tar")
    (dist / "a.zip").write_bytes(b"old zip")
    parts = {dist / "a.tar.gz": tmp_path / "t", dist / "a.zip": tmp_path / "z"}
    for part in parts.values():
        part.write_bytes(b"new")
    real_replace, calls = rel.os.replace, []

    def die_on_second(a, b):
        calls.append(b)
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed between the two moves
        real_replace(a, b)

    monkeypatch.setattr(rel.os, "replace", die_on_second)
    with pytest.raises(KeyboardInterrupt):
        rel.move_in_together(parts)
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == {"a.tar.gz": b"new"}  # the old zip is gone, never mixed
