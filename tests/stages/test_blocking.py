"""Blocking inside an article: sentence windows and stem postings give what a scan would, in article order."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from pipeline.stages.blocking import Common, SentenceWindow, StatementStore, StemPostings, TermIndex, TermSets, VectorStore


@dataclass(frozen=True)
class S:
    key: int
    sentence_index: int
    stems: tuple[str, ...] = ()


ARTICLE = [S(0, 0, ("protest",)), S(1, 0, ("police",)), S(2, 2, ("protest", "fire")), S(3, 5, ("fire",)), S(4, 9, ("protest",))]


@pytest.mark.parametrize(("first", "last", "keys"), [
    (0, 0, [0, 1]), (1, 4, [2]), (-3, 2, [0, 1, 2]), (6, 8, []), (5, 20, [3, 4]),
])
def test_window_is_the_scan_it_replaces(first, last, keys):
    assert [s.key for s in SentenceWindow(ARTICLE).between(first, last)] == keys
    assert keys == [s.key for s in ARTICLE if first <= s.sentence_index <= last]


def test_window_out_of_order_still_filters():
    window = SentenceWindow([ARTICLE[3], ARTICLE[0]])
    assert not window.ordered and [s.key for s in window.between(0, 5)] == [3, 0]


@pytest.mark.parametrize(("stems", "cap", "keys"), [
    (["fire"], 10, {2, 3}), (["protest", "police"], 10, {0, 1, 2, 4}),
    (["protest", "police"], 2, {1}),  # 'protest' is in three statements: too common to follow
    (["nothing"], 10, set()),
])
def test_postings_share_a_stem_unless_too_common(stems, cap, keys):
    assert StemPostings(ARTICLE, lambda s: s.stems, cap).sharing(stems) == keys


# --- what the linker holds across the corpus -------------------------------------------------------


@dataclass(frozen=True)
class C:
    key: int
    doc_id: str
    sentence_index: int
    claim_id: str | None = None
    source_id: str | None = None
    checkworthy: bool = True
    words: tuple = ()


FIELDS = ("key", "doc_id", "sentence_index", "claim_id", "source_id", "checkworthy", "words")
CORPUS = [C(0, "a", 0, "c1", "s1", True, (1, 2)), C(1, "a", 1), C(2, "b", 0, "c2", "s2", False), C(3, "b", 0),
          C(4, "c", 3, "c3", "s1", True, ("x",)), C(5, "c", 4, "c4", None, True)]


@pytest.mark.parametrize(("hot_docs", "hot_statements"), [(1, 1), (64, 16384)])
def test_statement_store_gives_back_what_was_appended(hot_docs, hot_statements):
    store = StatementStore(C, FIELDS, hot_docs=hot_docs, hot_statements=hot_statements)
    for s in CORPUS:
        store.append(s, s.doc_id)
    assert len(store) == 6 and list(store) == CORPUS
    assert [store[k] for k in (5, 0, 3, 3, -1)] == [CORPUS[5], CORPUS[0], CORPUS[3], CORPUS[3], CORPUS[5]]
    assert store.doc("b") == CORPUS[2:4] and store.doc("a") == CORPUS[:2] and store.doc("zz") == []
    assert list(store.claims()) == [CORPUS[k] for k in (0, 2, 4, 5)]
    assert store.claim_headers == [("c1", "s1", True), ("c2", "s2", False), ("c3", "s1", True), ("c4", None, True)]
    assert [store.doc_index(k) for k in range(6)] == [0, 0, 1, 1, 2, 2] and store.doc_ids == ["a", "b", "c"]
    with pytest.raises(IndexError):
        store[6]


@pytest.mark.parametrize("append_buffer", [1, 1 << 20])
def test_statement_store_reads_what_is_not_written_yet(append_buffer, monkeypatch):
    monkeypatch.setattr(StatementStore, "WRITE_BUFFER", append_buffer)
    store = StatementStore(C, FIELDS, hot_docs=1, hot_statements=1)
    for s in CORPUS[:3]:
        store.append(s, s.doc_id)
    assert store[1] == CORPUS[1]
    for s in CORPUS[3:]:
        store.append(s, s.doc_id)
    assert list(store) == CORPUS and store[5] == CORPUS[5]


def test_statement_store_refuses_an_article_appended_in_two_pieces():
    store = StatementStore(C, FIELDS)
    store.append(CORPUS[0], "a")
    store.append(CORPUS[2], "b")
    with pytest.raises(ValueError, match="'a' appended after"):
        store.append(CORPUS[1], "a")


def test_term_index_keeps_only_a_count_past_its_cap():
    index = TermIndex(cap=3)
    for k in range(5):
        index.add("common", k)
    index.add("rare", 7)
    index.add("rare", 9)
    assert isinstance(index["common"], Common) and len(index["common"]) == 5 and list(index["rare"]) == [7, 9]
    assert len(index.get("absent", ())) == 0 and index.nbytes() == 8


def test_term_sets_and_vector_store():
    names = TermSets()
    for terms in (["tokayev"], [], ["almati", "tokayev"]):
        names.append(terms)
    ids = names.ids(["tokayev", "unknown"])
    assert [names.shares(k, ids) for k in range(3)] == [True, False, True] and not names.shares(2, names.ids(["x"]))
    vectors = VectorStore(4)
    block = np.arange(12, dtype=np.float32).reshape(3, 4) / 7
    vectors.extend(block[:2])
    vectors.extend(block[2:])
    assert len(vectors) == 3 and all((vectors[k] == block[k]).all() for k in range(3))
    with pytest.raises(IndexError):
        vectors[3]
