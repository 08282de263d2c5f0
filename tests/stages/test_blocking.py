"""Blocking inside an article: sentence windows and stem postings give what a scan would, in article order."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.stages.blocking import SentenceWindow, StemPostings


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
