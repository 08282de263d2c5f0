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


def copy_modules(fake, names):
    """Copies of the package's modules named (dotted) under a fake package folder → that folder."""
    for name in names:
        dst = fake.joinpath(*name.split(".")).with_suffix(".py")
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(paths.PACKAGE_DIR.joinpath(*name.split(".")).with_suffix(".py").read_bytes())
    return fake


def test_preparation_key_covers_every_module_the_linker_imports():
    edges = imports.graph()
    assert imports.closure(["stages.link"], edges) - {""} <= set(cache.PREP_MODULES)


def test_preparation_key_follows_the_linker_and_not_the_article_key_alone(monkeypatch, tmp_path):
    key = "ab" * 32
    before = cache.prep_key(key)
    assert cache.prep_key(key) == before and cache.prep_key("cd" * 32) != before
    fake = copy_modules(tmp_path / "pipeline", cache.PREP_MODULES)
    monkeypatch.setattr(paths, "PACKAGE_DIR", fake)
    cache.prep_code_hash.cache_clear()
    try:
        assert cache.prep_key(key) == before
        path = fake / "stages" / "link.py"
        path.write_text(path.read_text() + "\n# an edit\n")
        cache.prep_code_hash.cache_clear()
        assert cache.prep_key(key) != before
    finally:
        cache.prep_code_hash.cache_clear()


def test_preparation_round_trip_and_unreadable_entry(tmp_path):
    from pipeline.stages.link import Prepared

    store = cache.ResultCache(tmp_path)
    prepared = Prepared((True, False), ((0, 4), (5, 9)), (), b"")
    assert store.get_prepared("ab" * 32) is None
    store.put_prepared("ab" * 32, prepared)
    assert store.get_prepared("ab" * 32) == prepared and store.get_prepared("cd" * 32) is None
    assert not store.has("ab" * 32)  # a preparation is no result
    store.prepared_path("ab" * 32).write_bytes(b"not a pickle")
    with pytest.raises(PipelineError, match="cannot be read"):
        store.get_prepared("ab" * 32)


def test_code_hash_changes_with_a_covered_module(monkeypatch, tmp_path):
    before = cache.code_hash()
    fake = copy_modules(tmp_path / "pipeline", cache.PER_ARTICLE_MODULES)
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


@pytest.mark.slow
def test_workers_store_each_preparation_and_a_rebuild_only_indexes_them(tmp_path, monkeypatch):
    raw, cache_dir = tmp_path / "raw", tmp_path / "cache"
    for i in range(3):
        write_article(raw, f"a{i}.txt", f"Officials said the road to village {i} had reopened on Monday.\n")
    first = build(raw, tmp_path / "one", settings=Settings(workers=2, task_size=1), cache_dir=cache_dir)
    assert first.cached == 0 and len(list((cache_dir / "prepared").rglob("*.pkl"))) == 3

    def refuse(result):
        raise AssertionError(f"{result.article.doc_id} prepared again")

    monkeypatch.setattr(cache, "prepare", refuse)
    again = build(raw, tmp_path / "two", settings=Settings(workers=2), cache_dir=cache_dir)
    assert again.cached == 3
    monkeypatch.undo()
    build(raw, tmp_path / "three", settings=Settings(workers=1))  # prepared in this process, no cache
    for name in TABLES:
        assert (tmp_path / "two" / f"{name}.parquet").read_bytes() == (tmp_path / "three" / f"{name}.parquet").read_bytes()
