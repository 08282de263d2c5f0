"""Cache: keys follow what a per-article result depends on; a rebuild after one edit analyses one article."""
from __future__ import annotations

import dataclasses

import imports
import pyarrow.parquet as pq
import pytest
from conftest import write_article

from pipeline import paths
from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.records import Article, ArticleResult, Sentence
from pipeline.run import cache
from pipeline.run.build import build
from pipeline.schema import TABLES

BASE = Article(doc_id="d1", path="d1.txt", text="The mayor said the bridge was closed.", title="Bridge", event="e1")


@pytest.mark.parametrize(("change", "same"), [
    ({}, True),
    ({"text": "The mayor said the bridge was open."}, False),
    ({"title": "Bridge closed"}, False),
    ({"title": None}, False),
    ({"event": None}, False),
    ({"doc_id": "d2"}, False),
])
def test_article_key_follows_text_and_metadata(change, same):
    fp = cache.stage_fingerprint(Settings())
    assert (cache.article_key(dataclasses.replace(BASE, **change), fp) == cache.article_key(BASE, fp)) is same


@pytest.mark.parametrize(("settings", "same"), [
    (Settings(), True),
    (Settings(workers=7, task_size=3, batch_size=5, engine="dask"), True),  # how it runs does not change results
    (Settings(max_chunk_chars=5_000), False),
    (Settings(model="some_other_model"), False),
])
def test_stage_fingerprint_follows_what_changes_results(settings, same):
    assert (cache.stage_fingerprint(settings) == cache.stage_fingerprint(Settings())) is same


def test_fingerprint_covers_every_module_the_per_article_work_imports():
    edges = imports.graph()
    covered = set(cache.PER_ARTICLE_MODULES)
    assert imports.closure(["run.article"], edges) - {""} <= covered
    assert not covered & {"stages.link", "stages.label", "stages.resolve"}  # corpus stages do not invalidate the cache


def test_code_hash_changes_with_a_covered_module(monkeypatch, tmp_path):
    before = cache.code_hash()
    fake = tmp_path / "pipeline"
    for name in cache.PER_ARTICLE_MODULES:
        src = paths.PACKAGE_DIR.joinpath(*name.split(".")).with_suffix(".py")
        dst = fake.joinpath(*name.split(".")).with_suffix(".py")
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(src.read_bytes())
    monkeypatch.setattr(paths, "PACKAGE_DIR", fake)
    cache.code_hash.cache_clear()
    try:
        assert cache.code_hash() == before
        path = fake / "lexicon.py"
        path.write_text(path.read_text() + "\n# an edit\n")
        cache.code_hash.cache_clear()
        assert cache.code_hash() != before
    finally:
        cache.code_hash.cache_clear()


def test_store_round_trip_and_unreadable_entry(tmp_path):
    store = cache.ResultCache(tmp_path)
    result = ArticleResult(BASE, (Sentence(0, 0, 10, "The mayor", ("The",), ("mayor",)),), ())
    store.put("ab" * 32, result)
    assert store.has("ab" * 32) and not store.has("cd" * 32)
    assert list(cache.StoredResults(store, ["ab" * 32, "ab" * 32])) == [result, result]
    store.path("ab" * 32).write_bytes(b"not a pickle")
    with pytest.raises(PipelineError, match="cannot be read"):
        store.get("ab" * 32)


@pytest.mark.slow
def test_rebuild_after_one_edit_analyses_only_that_article(tmp_path):
    raw, cache_dir = tmp_path / "raw", tmp_path / "cache"
    for i in range(4):
        write_article(raw, f"a{i}.txt", f"Officials said the road to village {i} had reopened on Monday.\n")
    settings = Settings(workers=1)
    first = build(raw, tmp_path / "one", settings=settings, cache_dir=cache_dir)
    assert first.cached == 0
    again = build(raw, tmp_path / "two", settings=settings, cache_dir=cache_dir)
    assert again.cached == 4
    write_article(raw, "a2.txt", "Officials said the road to the valley had been closed by snow.\n")
    edited = build(raw, tmp_path / "three", settings=settings, cache_dir=cache_dir)
    assert edited.cached == 3
    fresh = build(raw, tmp_path / "four", settings=settings)  # no cache at all
    assert fresh.cached == 0
    for name in TABLES:
        assert (tmp_path / "three" / f"{name}.parquet").read_bytes() == (tmp_path / "four" / f"{name}.parquet").read_bytes()
    contents = [c["content"] for c in pq.read_table(tmp_path / "three" / "claims.parquet").to_pylist()]
    assert any("valley" in c for c in contents) and not any("village 2" in c for c in contents)


@pytest.mark.slow
def test_build_without_cache_leaves_no_spool(tmp_path):
    raw = tmp_path / "raw"
    write_article(raw, "a.txt", "The minister said the budget was balanced.\n")
    build(raw, tmp_path / "out", settings=Settings(workers=1))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == [".out.lock"]
