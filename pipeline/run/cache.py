"""Cache: per-article results on disk, keyed by what determines them.

An ``ArticleResult`` depends only on the article (its text and front-matter fields),
the pipeline version, the spaCy model (name, package version, spaCy version), the
per-article settings and the code of the per-article stages. The key hashes all of
them, so editing one article, upgrading the model or changing an extraction rule or
lexicon entry misses exactly the entries it affects and nothing else.

The same store serves as the build's spool: results are written here as they arrive
from the workers and read back one article at a time by the corpus stages, so no
step holds every article's parse in memory. A build without a cache spools to a
temporary folder that is removed afterwards.

Entries are pickles written atomically (temporary file + rename), so concurrent
builds may share a cache; an entry that cannot be read stops the build with a
message naming it. Only point the cache at a folder you trust: loading a pickle runs
code.
"""
from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import hashlib
import importlib.metadata
import os
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from .. import paths, records
from ..config import Settings
from ..errors import PipelineError
from ..records import Article, ArticleResult
from ..version import __version__

# The code a per-article result depends on: the per-article module and every pipeline
# module it imports, transitively (tests/run/test_cache.py checks the list is complete).
PER_ARTICLE_MODULES = (
    "run.article", "stages.parse", "stages.extract", "records", "lexicon", "config", "errors",
)


ENTRY_FORMAT = "head+sentences"  # how an entry is laid out (ResultCache.put): part of every key

# The code an article's linker preparation (``link.prepare_article``: its statements, the check-worthiness of its
# claims, their vectors) depends on besides its result: the linker and every module it imports (checked by a test),
# the check-worthiness weights and the embedding model's package. Editing the linker misses every preparation but
# no parse: the preparations are made again from the cached results.
PREP_MODULES = (
    "stages.link", "stages.blocking", "stages.classify", "stages.cluster", "stages.embed", "stages.extract",
    "stages.resolve", "cues", "lexicon", "records", "ids", "paths", "vocab", "errors",
)
PREP_DATA = (paths.CHECKWORTHY_MODEL,)
PREP_PACKAGES = ("wordllama", "numpy")


def _sources(h, modules: Sequence[str]):
    """A hash and package modules → the hash updated with each module's name and source, in name order."""
    for name in sorted(modules):
        path = paths.PACKAGE_DIR.joinpath(*name.split(".")).with_suffix(".py")
        h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h


@lru_cache(maxsize=1)
def code_hash() -> str:
    """The source of the per-article modules → hex digest."""
    return _sources(hashlib.sha256(), PER_ARTICLE_MODULES).hexdigest()


@lru_cache(maxsize=1)
def prep_code_hash() -> str:
    """The source of the linker's modules, its data files and its packages' versions → hex digest."""
    h = _sources(hashlib.sha256(), PREP_MODULES)
    for path in PREP_DATA:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for dist in PREP_PACKAGES:
        h.update(f"{dist}=={_version(dist)}".encode() + b"\0")
    return h.hexdigest()


def prep_key(key: str) -> str:
    """An article's cache key → the key of its linker preparation (which follows the linker's code as well)."""
    return hashlib.sha256(f"prepared\x1f{key}\x1f{prep_code_hash()}".encode()).hexdigest()


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=8)
def model_version(model: str) -> str:
    """An installed spaCy model package → 'name==version (spacy==version)', without loading it."""
    return f"{model}=={_version(model.replace('_', '-'))} (spacy=={_version('spacy')})"


def stage_fingerprint(settings: Settings) -> str:
    """Settings → hex digest of everything besides the article that a per-article result depends on."""
    parts = [__version__, model_version(settings.model), str(settings.max_chunk_chars), code_hash(), ENTRY_FORMAT]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def article_key(article: Article, fingerprint: str) -> str:
    """An article and the stage fingerprint → its cache key (sha256 of text, metadata and fingerprint)."""
    h = hashlib.sha256(fingerprint.encode())
    for f in dataclasses.fields(Article):
        value = getattr(article, f.name)
        h.update(f.name.encode() + b"\0" + (b"\1" if value is None else b"\2" + str(value).encode("utf-8")) + b"\0")
    return h.hexdigest()


def register_fast_pickling() -> None:
    """Pickle every record dataclass as a call of its class with its field values: several times
    faster to load than the default state restore of a frozen slots dataclass, and the same records."""
    for cls in vars(records).values():
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == records.__name__):
            continue
        fields = dataclasses.fields(cls)
        if any(not f.init for f in fields):
            continue
        copyreg.pickle(cls, _reducer(tuple(f.name for f in fields)))


def _reducer(names: tuple[str, ...]):
    def reduce(obj):
        return type(obj), tuple([getattr(obj, name) for name in names])

    return reduce


register_fast_pickling()


class ResultCache:
    """A folder of pickled ArticleResults, one file per key (``ab/abcdef….pkl``): two pickles in each, the
    article and its claims first, its sentences after them, so a pass that needs no sentences reads only the first."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.hits = 0
        self.misses = 0

    def path(self, key: str) -> Path:
        """A key → the file that holds its entry."""
        return self.root / key[:2] / f"{key}.pkl"

    def get(self, key: str, *, sentences: bool = True) -> ArticleResult:
        """A key → its stored result (without its sentences when ``sentences`` is False: only the entry's head is
        read); PipelineError naming the file when it is missing or unreadable."""
        path = self.path(key)
        try:
            with open(path, "rb") as fh:
                head = pickle.load(fh)
                tail = pickle.load(fh) if sentences else ()
        except Exception as err:
            raise PipelineError(
                f"cache entry {path} cannot be read ({type(err).__name__}: {err}); delete it or build with --no-cache"
            ) from None
        if not (isinstance(head, tuple) and len(head) == 2 and isinstance(head[0], Article) and isinstance(tail, tuple)):
            raise PipelineError(f"cache entry {path} does not hold an article result; delete it or build with --no-cache")
        return ArticleResult(head[0], tail, head[1])

    def has(self, key: str) -> bool:
        """A key → True when an entry is stored for it."""
        return self.path(key).is_file()

    def put(self, key: str, result: ArticleResult) -> None:
        """Store a result under its key, atomically (a reader sees the old entry or the whole new one)."""
        # the head (article, claims), then the sentences: most of the bytes
        _write_atomically(self.path(key), (result.article, result.claims), result.sentences)

    def prepared_path(self, key: str) -> Path:
        """An article's cache key → the file that holds its linker preparation."""
        key = prep_key(key)
        return self.root / "prepared" / key[:2] / f"{key}.pkl"

    def get_prepared(self, key: str):
        """An article's cache key → its stored ``link.Prepared``, or None when none is stored for the linker's code
        of now; PipelineError naming the file when it cannot be read."""
        from ..stages.link import Prepared

        path = self.prepared_path(key)
        try:
            with open(path, "rb") as fh:
                fields = pickle.load(fh)
            return Prepared(*fields)
        except FileNotFoundError:
            return None
        except Exception as err:
            raise PipelineError(
                f"cache entry {path} cannot be read ({type(err).__name__}: {err}); delete it or build with --no-cache"
            ) from None

    def put_prepared(self, key: str, prepared) -> None:
        """Store an article's linker preparation beside its result, atomically."""
        _write_atomically(self.prepared_path(key), tuple(getattr(prepared, f.name) for f in dataclasses.fields(prepared)))


def prepare(result: ArticleResult):
    """An article's result → its ``link.Prepared`` from its placeholder rows (what a worker stores beside the result)."""
    from ..stages import link

    return link.prepare_article(result, link.placeholder_rows(result))


def _write_atomically(path: Path, *objects) -> None:
    """Pickles of objects, one after another, into path through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for obj in objects:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class StoredResults(Sequence):
    """The corpus's ArticleResults in build order, read from a ResultCache one at a time.

    Every access reads a file: the corpus stages should iterate it (a pass over 10,000
    articles takes seconds) and keep what they need, not index it once per claim."""

    def __init__(self, cache: ResultCache, keys: Sequence[str]):
        self.cache = cache
        self.keys = list(keys)

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return StoredResults(self.cache, self.keys[index])
        return self.cache.get(self.keys[index])

    def __iter__(self) -> Iterator[ArticleResult]:
        for i in range(len(self.keys)):
            yield self[i]

    def prepared(self, index: int, result: ArticleResult):
        """The position of a result and the result (whole, or its head) → its linker preparation: stored by the worker
        that analysed it, or made now from the whole result and stored (the linker's code changed since, or the article
        was analysed in this process)."""
        key = self.keys[index]
        found = self.cache.get_prepared(key)
        if found is None:
            found = prepare(self[index])
            self.cache.put_prepared(key, found)
        return found

    def heads(self) -> Iterator[ArticleResult]:
        """The results in order without their sentences (what resolve and the article rows read): only each entry's head."""
        for key in self.keys:
            yield self.cache.get(key, sentences=False)

