"""End to end: a tiny corpus builds into tmp_path, validates, and rebuilds byte-identically."""
from __future__ import annotations

import filecmp
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.build import build, chunks
from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.schema import TABLES

from conftest import ROOT, write_article

STORY = (
    "Officials in the port city of Varna confirmed the closure on Tuesday.\n\n"
    "Mayor Elena Petrova said the harbour would reopen within a week. "
    "\u201cWe have repaired the cranes,\u201d Petrova told reporters.\n\n"
    "Dock workers said they had not been paid for two months.\n"
)


@pytest.fixture()
def tiny_corpus(tmp_path) -> Path:
    raw = tmp_path / "raw"
    write_article(raw, "varna-port.txt", STORY, title='"Varna port closes"', event="varna-port", published="2023-05-02")
    write_article(raw, "plain.txt", "Nobody is quoted in this short article about the weather.\n")
    return raw


def test_tiny_corpus_builds_and_validates(tiny_corpus, tmp_path):
    out = tmp_path / "dataset"
    summary = build(tiny_corpus, out)
    assert summary.articles == 2 and summary.claims >= 2
    for name, schema in TABLES.items():
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema.equals(schema, check_metadata=False)
        for f in table.schema:
            assert f.metadata and f.metadata[b"description"], f"{name}.{f.name} has no description"
    claims = pq.read_table(out / "claims.parquet").to_pylist()
    texts = {a["doc_id"]: a["text"] for a in pq.read_table(out / "articles.parquet").to_pylist()}
    for c in claims:
        assert texts[c["doc_id"]][c["content_start"] : c["content_end"]] == c["content"]
    assert main(["validate", str(out)]) == 0


def test_rebuild_is_byte_identical_and_ids_stable(tiny_corpus, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build(tiny_corpus, a)
    build(tiny_corpus, b)
    for name in TABLES:
        assert (a / f"{name}.parquet").read_bytes() == (b / f"{name}.parquet").read_bytes()
    before = {c["content"]: c["claim_id"] for c in pq.read_table(a / "claims.parquet").to_pylist()}
    # an unrelated edit elsewhere (another article added, text appended) renumbers nothing
    write_article(tiny_corpus, "another.txt", "The governor said the budget was balanced.\n")
    (tiny_corpus / "varna-port.txt").write_text((tiny_corpus / "varna-port.txt").read_text() + "\nThe weather was fine.\n")
    build(tiny_corpus, b)
    after = {c["content"]: c["claim_id"] for c in pq.read_table(b / "claims.parquet").to_pylist()}
    assert all(after.get(content) == cid for content, cid in before.items())


def test_failed_build_leaves_previous_dataset(tiny_corpus, tmp_path):
    out = tmp_path / "dataset"
    build(tiny_corpus, out)
    snapshot = {p.name: p.read_bytes() for p in out.iterdir()}
    (tiny_corpus / "broken.txt").write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(InputError):
        build(tiny_corpus, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == snapshot
    assert not list(tmp_path.glob(".dataset.new-*"))


def test_cli_reports_bad_input_without_traceback(tmp_path, capsys):
    raw = tmp_path / "raw"
    write_article(raw, "bad.txt", "")
    assert main(["build", "--raw", str(raw), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "bad.txt" in err and "Traceback" not in err


def test_chunks_cover_the_text_exactly():
    text = ("word " * 50 + "\n\n") * 40
    pieces = chunks(text, 700)
    assert "".join(p for _, p in pieces) == text
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    assert all(len(p) <= 700 for _, p in pieces)


def test_committed_dataset_is_the_build_of_raw(tmp_path):
    out = tmp_path / "dataset"
    build(ROOT / "raw", out)
    committed = ROOT / "dataset"
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in committed.iterdir() if not p.name.startswith("."))
    match, mismatch, errors = filecmp.cmpfiles(committed, out, names, shallow=False)
    assert not mismatch and not errors, f"dataset/ is stale: run `make dataset` ({mismatch + errors})"
