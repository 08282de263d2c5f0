"""Blocking inside one article: which of its statements a claim is compared with, in time linear in its length.

Comparing every claim of an article with every statement of that article is quadratic
in the article's length: a 920 KB transcript holds thousands of each. The linker
instead asks two indexes of the article, built once when it reaches the article:

* ``SentenceWindow``: the statements (or claims) within a range of sentences, found by
  bisection, for the rules that look near a statement (an anaphor's antecedent, the
  next sentence's rebuttal, the author's contrast with a nearby claim);
* ``StemPostings``: the statements sharing a word stem with the claim, for the rules
  that need a shared topic (support, polarity, a denial or absence on the same topic).
  A stem in more than ``max_postings`` statements of the article says little about a
  shared topic and is not followed, so each claim visits a bounded number of statements.

Both take statements as plain objects with ``key`` and ``sentence_index`` attributes
(``link.Statement``), in the article's order, and give them back in that order.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence


class SentenceWindow:
    """One article's statements in article order → those whose sentence lies in a range.

    'the claims within three sentences before this one' is a slice, not a scan."""

    def __init__(self, statements: Iterable):
        self.items = list(statements)
        self.index = [s.sentence_index for s in self.items]
        self.ordered = all(a <= b for a, b in zip(self.index, self.index[1:]))

    def between(self, first: int, last: int) -> list:
        """Sentence indexes first..last (inclusive) → the statements in them, in article order."""
        if not self.ordered:  # never for statements built in sentence order; kept correct anyway
            return [s for s in self.items if first <= s.sentence_index <= last]
        return self.items[bisect_left(self.index, first) : bisect_right(self.index, last)]


class StemPostings:
    """One article's statements by the stems of their words: stem → keys, in article order."""

    def __init__(self, statements: Sequence, stems_of: Callable[[object], Iterable[str]], max_postings: int):
        self.max_postings = max_postings
        self.postings: dict[str, list[int]] = defaultdict(list)
        for s in statements:
            for t in set(stems_of(s)):
                self.postings[t].append(s.key)

    def sharing(self, stems: Iterable[str]) -> set[int]:
        """Stems → the keys of the statements holding one of them (stems in too many statements are not followed)."""
        found: set[int] = set()
        for t in set(stems):
            keys = self.postings.get(t, ())
            if len(keys) <= self.max_postings:
                found.update(keys)
        return found
