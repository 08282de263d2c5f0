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

import os
import pickle
import tempfile
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence

import numpy as np


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

    def sharing(self, stems: Iterable[str], *, most: int | None = None) -> set[int]:
        """Stems → the keys of the statements holding one of them (stems in too many statements are not followed);
        with ``most``, only that many: those sharing the most stems, then the earliest."""
        shared: dict[int, int] = defaultdict(int)
        for t in set(stems):
            keys = self.postings.get(t, ())
            if len(keys) <= self.max_postings:
                for k in keys:
                    shared[k] += 1
        if most is None or len(shared) <= most:
            return set(shared)
        return {k for _, k in sorted((-n, k) for k, n in shared.items())[:most]}


# --- what the linker holds across the corpus: compact in memory, the rest spilled to disk ------------


class StatementStore(Sequence):
    """A corpus's statements by key, spilled to a temporary file: in memory only their offsets, the
    article each belongs to, a few fields of each claim and a few recently read articles' statements.

    Statements are appended in key order, one article after another, each stored as the tuple of
    its fields (``cls(*fields)`` rebuilds it). ``doc(doc_id)`` gives an article's statements in
    order (the linker's own-article rules), ``store[k]`` one statement (a candidate of another
    article), ``doc_index(k)`` the number of its article without reading it."""

    WRITE_BUFFER = 1 << 20  # bytes of appended statements gathered before a write

    def __init__(self, cls: type, fields: Sequence[str], *, header: Sequence[str] = ("claim_id", "source_id", "checkworthy"),
                 hot_docs: int = 32, hot_statements: int = 4096):
        self.cls, self.fields, self.header = cls, tuple(fields), tuple(header)
        self.claim_headers: list[tuple] = []  # the ``header`` fields of each claim, in key order: passes that need no more
        self._file = tempfile.TemporaryFile(prefix="kz-statements-")
        self._fd = self._file.fileno()
        self._offsets = array("q", [0])
        self._pending = bytearray()  # the pickles of the last statements appended, not written yet
        self._doc_of = array("i")  # article number of each statement
        self._first = array("q")  # first key of each article
        self._claims = array("q")  # keys of the statements that are claims
        self.doc_ids: list[str] = []  # article number → doc_id
        self.doc_number: dict[str, int] = {}
        self._docs: OrderedDict[int, list] = OrderedDict()
        self._hot: OrderedDict[int, object] = OrderedDict()
        self._hot_docs, self._hot_statements = hot_docs, hot_statements

    def append(self, statement, doc_id: str) -> None:
        """Add the next statement (its key is len(self)) of article doc_id (articles come one after another)."""
        number = self.doc_number.get(doc_id)
        if number is None:
            number = self.doc_number[doc_id] = len(self.doc_ids)
            self.doc_ids.append(doc_id)
            self._first.append(len(self))
        elif number != len(self.doc_ids) - 1:
            raise ValueError(f"statements of {doc_id!r} appended after those of another article")
        data = pickle.dumps(tuple(getattr(statement, f) for f in self.fields), protocol=pickle.HIGHEST_PROTOCOL)
        self._pending += data  # written with the next read, or once a buffer's worth has gathered: one write, not one a statement
        self._offsets.append(self._offsets[-1] + len(data))
        if len(self._pending) >= self.WRITE_BUFFER:
            self.flush()
        self._doc_of.append(number)
        if getattr(statement, "claim_id", None):
            self._claims.append(len(self) - 1)
            self.claim_headers.append(tuple(getattr(statement, f) for f in self.header))

    def __len__(self) -> int:
        return len(self._doc_of)

    def flush(self) -> None:
        """Write the statements appended since the last write (a process forked after it reads them all from the file)."""
        if self._pending:
            os.pwrite(self._fd, self._pending, self._offsets[-1] - len(self._pending))
            self._pending = bytearray()

    def _read(self, first: int, last: int) -> list:
        """Keys first..last-1 → their statements, read in one call."""
        self.flush()
        base = self._offsets[first]
        data = os.pread(self._fd, self._offsets[last] - base, base)
        return [self.cls(*pickle.loads(data[self._offsets[k] - base : self._offsets[k + 1] - base])) for k in range(first, last)]

    def __getitem__(self, key: int):
        if key < 0:
            key += len(self)
        if not 0 <= key < len(self):
            raise IndexError(key)
        doc = self._docs.get(self._doc_of[key])
        if doc is not None:
            return doc[key - self._first[self._doc_of[key]]]
        found = self._hot.get(key)
        if found is None:
            found = self._hot[key] = self._read(key, key + 1)[0]
            if len(self._hot) > self._hot_statements:
                self._hot.popitem(last=False)
        return found

    def __iter__(self):
        """Every statement in key order, read an article at a time (kept out of the recently-read caches)."""
        for number in range(len(self.doc_ids)):
            yield from self._read(*self._span(number))

    def claims(self, numbers: range | None = None):
        """The statements that are claims (those numbered ``numbers`` among them, or all), in key order, an article at
        a time (through the recently-read articles, where the linker then finds the article it works on)."""
        i, n = (0, len(self._claims)) if numbers is None else (numbers.start, min(numbers.stop, len(self._claims)))
        while i < n:
            number = self._doc_of[self._claims[i]]
            statements = self.doc(self.doc_ids[number])
            first = self._first[number]
            while i < n and self._doc_of[self._claims[i]] == number:
                yield statements[self._claims[i] - first]
                i += 1

    def claim_keys(self) -> array:
        """The keys of the statements that are claims, in key order."""
        return self._claims

    def _span(self, number: int) -> tuple[int, int]:
        last = self._first[number + 1] if number + 1 < len(self._first) else len(self)
        return self._first[number], last

    def doc_numbers(self) -> np.ndarray:
        """The article number of every statement, by key, as an array (a copy: the store may grow after)."""
        return np.array(self._doc_of, dtype=np.int32)

    def doc_index(self, key: int) -> int:
        """A statement's key → the number of its article."""
        return self._doc_of[key]

    def doc(self, doc_id: str) -> list:
        """An article's doc_id → its statements in key order ([] for an article without any)."""
        number = self.doc_number.get(doc_id)
        if number is None:
            return []
        found = self._docs.get(number)
        if found is None:
            found = self._docs[number] = self._read(*self._span(number))
            if len(self._docs) > self._hot_docs:
                self._docs.popitem(last=False)
        else:
            self._docs.move_to_end(number)
        return found

    def nbytes(self) -> int:
        """What the store holds in memory for the corpus (offsets and article numbers), caches aside."""
        return self._offsets.itemsize * len(self._offsets) + self._doc_of.itemsize * len(self._doc_of) + 8 * len(self._first)


class Windows:
    """doc_id → a SentenceWindow over some of that article's statements, built when asked for, a few kept."""

    def __init__(self, statements_of: Callable[[str], list], keep: Callable[[object], bool] = lambda s: True, hot: int = 16):
        self.statements_of, self.keep, self.hot = statements_of, keep, hot
        self._cache: OrderedDict[str, SentenceWindow | None] = OrderedDict()

    def get(self, doc_id: str, default=None) -> SentenceWindow | None:
        if doc_id in self._cache:
            self._cache.move_to_end(doc_id)
            return self._cache[doc_id] or default
        items = [s for s in self.statements_of(doc_id) if self.keep(s)]
        window = self._cache[doc_id] = SentenceWindow(items) if items else None
        if len(self._cache) > self.hot:
            self._cache.popitem(last=False)
        return window or default


class Common(Sequence):
    """The postings of a term in more statements than any blocking follows: only their number is kept."""

    def __init__(self, count: int):
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i):
        raise IndexError("a term too common to block on keeps no postings")


class TermIndex(dict):
    """term → keys of the statements holding it (an int32 array once frozen); a term in more than
    ``cap`` statements keeps only its count (``Common``): blocking never follows it, and the index
    stays bounded by the vocabulary × cap however large the corpus."""

    def __init__(self, cap: int):
        super().__init__()
        self.cap = cap

    def add(self, term: str, key: int) -> None:
        postings = self.get(term)
        if postings is None:
            self[term] = array("i", [key])
        elif isinstance(postings, Common):
            postings.count += 1
        elif len(postings) >= self.cap:
            self[term] = Common(len(postings) + 1)
        else:
            postings.append(key)

    def sharing(self, terms: Iterable[str], max_df: int, doc_of: np.ndarray, doc: int) -> tuple[np.ndarray, np.ndarray]:
        """Terms, the largest postings followed, each key's article number and an article → the keys of other
        articles' statements holding one of the terms, ascending, and how many of the terms each holds."""
        lists = [p for t in terms if (p := self.get(t)) is not None and len(p) <= max_df]
        if not lists:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64)
        keys = np.concatenate([np.frombuffer(p, dtype=np.int32) for p in lists])
        return np.unique(keys[doc_of[keys] != doc], return_counts=True)

    def nbytes(self) -> int:
        """Memory of the postings (arrays), the term strings and the table aside."""
        return sum(p.itemsize * len(p) for p in self.values() if isinstance(p, array))


class VectorStore:
    """One unit vector per statement key, spilled to a temporary file as float32 rows: ``store[k]`` reads a row.

    Rows are appended in key order, an article's at a time (``link.Prepared``)."""

    def __init__(self, dim: int):
        self.dim = dim
        self.row_bytes = 4 * dim
        self._file = tempfile.TemporaryFile(prefix="kz-vectors-")
        self._fd = self._file.fileno()
        self.rows = 0

    def extend(self, vectors: np.ndarray) -> None:
        data = np.ascontiguousarray(vectors, dtype=np.float32)
        os.pwrite(self._fd, data.tobytes(), self.rows * self.row_bytes)
        self.rows += len(data)

    def __len__(self) -> int:
        return self.rows

    def __getitem__(self, key: int) -> np.ndarray:
        if not 0 <= key < self.rows:
            raise IndexError(key)
        return np.frombuffer(os.pread(self._fd, self.row_bytes, key * self.row_bytes), dtype=np.float32)


class TermSets:
    """A small set of terms per statement key (its names), as int ids in two arrays rather than a frozenset per statement."""

    def __init__(self):
        self.term_id: dict[str, int] = {}
        self._start = array("q", [0])
        self._ids = array("i")

    def append(self, terms: Iterable[str]) -> None:
        """The next key's terms."""
        for t in terms:
            self._ids.append(self.term_id.setdefault(t, len(self.term_id)))
        self._start.append(len(self._ids))

    def ids(self, terms: Iterable[str]) -> set[int]:
        """Terms → the ids of those any statement holds."""
        return {i for t in terms if (i := self.term_id.get(t)) is not None}

    def shares(self, key: int, ids: set[int]) -> bool:
        """True when the statement with this key holds one of these term ids."""
        return any(self._ids[j] in ids for j in range(self._start[key], self._start[key + 1]))
