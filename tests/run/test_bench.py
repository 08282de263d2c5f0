"""Bench: the prepared corpus, and a whole benchmark run on the seeds writing the JSON figures."""
from __future__ import annotations

import argparse
import json

import pytest
from conftest import ROOT, write_article

from pipeline.cli import main, sizes_list
from pipeline.config import Settings
from pipeline.records import Article, ArticleResult
from pipeline.run import bench, engine
from pipeline.run.bench import FIGURES, Replicas, prepare_corpus, with_id
from pipeline.stages import ingest


@pytest.mark.parametrize(("text", "expected"), [
    ("Body.\n", "---\nid: r1-x\n---\nBody.\n"),
    ("---\ntitle: T\n---\nBody.\n", "---\nid: r1-x\ntitle: T\n---\nBody.\n"),
    ("---\nid: old\ntitle: T\n---\nBody.\n", "---\nid: r1-x\ntitle: T\n---\nBody.\n"),
])
def test_with_id_sets_the_front_matter_id(text, expected):
    assert with_id(text, "r1-x") == expected


def test_prepare_corpus_repeats_with_distinct_ids_and_samples(tmp_path):
    corpus = tmp_path / "corpus"
    for i in range(5):
        write_article(corpus, f"n{i}.txt", f"Story number {i}.\n", title=f"T{i}")
    assert prepare_corpus(corpus, tmp_path / "raw", repeat=3, sample=2) == 6
    articles, _ = ingest.read_corpus(tmp_path / "raw")
    assert sorted(a.doc_id for a in articles) == ["n0", "n2", "r1-n0", "r1-n2", "r2-n0", "r2-n2"]
    assert {a.title for a in articles} == {"T0", "T2"}


def test_missing_corpus_is_a_clear_error(tmp_path, capsys):
    assert main(["bench", "--corpus", str(tmp_path / "nope")]) == 1
    assert "nope" in capsys.readouterr().err


@pytest.mark.slow
def test_bench_on_the_seeds_writes_the_figures(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert main(["bench", "--corpus", str(ROOT / "raw"), "--workers", "1", "--repeat", "2", "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    assert set(FIGURES) <= set(figures)
    assert figures["articles"] == 4 and figures["words"] > 1000
    assert figures["articles_per_s"] > 0 and figures["peak_rss_mb"] > 100 and figures["ratio_to_bare_spacy"] > 0
    assert "ratio to bare spaCy" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "message"), [
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
    (["--workers", "0"], "--workers must be at least 1"),
])
def test_build_rejects_bad_engine_options(tmp_path, capsys, argv, message):
    assert main(["build", "--raw", str(ROOT / "raw"), "--out", str(tmp_path / "o"), *argv]) == 1
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(("text", "expected"), [("10000,100000", (10_000, 100_000)), ("1_000", (1000,)), ("5,", (5,))])
def test_sizes_list_reads_article_counts(text, expected):
    assert sizes_list(text) == expected


@pytest.mark.parametrize("text", ["", "0", "ten", "5,-1"])
def test_sizes_list_rejects_what_is_no_count(text):
    with pytest.raises(argparse.ArgumentTypeError):
        sizes_list(text)


def test_replicas_give_distinct_ids_and_the_same_results():
    bases = [ArticleResult(Article(doc_id=d, path=f"{d}.txt", text="Body.")) for d in ("a", "b")]
    copies = list(Replicas(bases, 5))
    assert [r.article.doc_id for r in copies] == ["a", "b", "r1-a", "r1-b", "r2-a"]
    assert copies[0] is bases[0] and copies[3].article.text == "Body."


def test_corpus_stages_alone_write_the_figures(tmp_path, capsys):
    out = tmp_path / "corpus.json"
    assert main(["bench", "--corpus", str(ROOT / "raw"), "--workers", "1", "--corpus-stages", "2,6", "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    assert figures["articles"] == [2, 6] and len(figures["corpus_stage_seconds"]) == 2 and min(figures["peak_rss_mb"]) > 50
    # writing is streamed: articles and sources are written in resolve, claims and evidence in label
    assert set(figures["rows"][1]["phases"]) == {"resolve", "link", "label", "validate", "metadata"}
    assert figures["rows"][1]["claims"] == 3 * figures["rows"][0]["claims"] > 0
    assert "corpus stages alone" in capsys.readouterr().out


@pytest.mark.parametrize(("workers", "expected"), [(2, engine.WORKER_THREAD_ENV), (1, {})])
def test_bare_spacy_runs_with_the_thread_settings_of_the_build(workers, expected):
    """With several processes the build's workers run one thread per library, and so does bare spaCy: the ratio
    compares the two under the same conditions."""
    assert bench.bare_environment(Settings(workers=workers)) == expected
