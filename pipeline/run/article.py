"""Per-article work: what a worker runs on its articles (chunking, parse, extract, offsets).

``build`` (in process), ``engine`` (on workers) and ``cache`` (for the fingerprint of
this code) import this module, never each other. Everything an article's result depends
on besides the article, the model and the settings is the code of the modules listed in
``cache.PER_ARTICLE_MODULES``; a test checks that this module imports nothing else.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from ..config import Settings
from ..records import Article, ArticleResult
from ..stages import parse
from ..stages.extract import extract_claims


def chunks(text: str, max_chars: int) -> list[tuple[int, str]]:
    """A body → (offset, piece) pieces of at most max_chars, cut at paragraph breaks where possible."""
    if len(text) <= max_chars:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            cut = text.rfind("\n\n", start + 1, end)
            if cut <= start:
                cut = text.rfind("\n", start + 1, end)
            if cut <= start:
                cut = text.rfind(" ", start + 1, end)
            end = cut if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def analyse_articles(articles: Iterable[Article], nlp, *, settings: Settings = Settings()) -> Iterator[ArticleResult]:
    """Articles → one ArticleResult each (parse, sentences, claims), streamed in order."""
    pieces = ((chunk, (article, offset)) for article in articles for offset, chunk in chunks(article.text, settings.max_chunk_chars))
    current: Article | None = None
    sentences: list = []
    claims: list = []
    for doc, (article, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=settings.batch_size):
        if current is not None and article is not current:
            yield ArticleResult(current, tuple(sentences), tuple(claims))
            sentences, claims = [], []
        current = article
        base = len(sentences)
        sentences.extend(shift(s, offset, base) for s in parse.sentence_records(doc))
        claims.extend(shift(c, offset, base) for c in extract_claims(doc))
    if current is not None:
        yield ArticleResult(current, tuple(sentences), tuple(claims))


def shift(record, offset: int, sentence_base: int):
    """A record from a piece of an article → the same record in whole-article coordinates."""
    if not offset and not sentence_base:
        return record
    changes = {}
    for name in ("start", "end", "source_start", "source_end", "cue_start", "cue_end"):
        if hasattr(record, name) and getattr(record, name) is not None:
            changes[name] = getattr(record, name) + offset
    if hasattr(record, "sentence_index"):
        changes["sentence_index"] = record.sentence_index + sentence_base
    if hasattr(record, "index"):
        changes["index"] = record.index + sentence_base
    if getattr(record, "words", None) and offset:
        changes["words"] = tuple(w._replace(start=w.start + offset, end=w.end + offset, head=w.head + offset) for w in record.words)
    return dataclasses.replace(record, **changes)
