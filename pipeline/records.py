"""Frozen records passed between the stages.

The per-article stages (ingest → parse → extract) produce an ``ArticleResult`` that
holds only plain data, so it can be cached, sent to another process or a Dask
worker, and the corpus-level stages (resolve → link → label) never need a spaCy Doc.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Article:
    """One input article: its metadata and the body that all offsets index."""

    doc_id: str
    path: str  # where it came from, relative to the raw folder (for messages)
    text: str  # the article body, page furniture removed
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date as given
    url: str | None = None
    language: str | None = None
    event: str | None = None
    provenance: str | None = None  # where the text came from (a file, an archive)
    rights: str | None = None  # who holds the rights to the text


@dataclass(frozen=True, slots=True)
class AttributedClaim:
    """A proposition the article attributes to a source, with exact offsets into the body."""

    source: str  # the speaker as written: "he", "President Kassym-Jomart Tokayev"
    cue: str  # the reporting word(s) as written: "said", "according to", ":"
    content: str  # text[start:end]
    start: int
    end: int
    quote_type: str  # one of vocab.QUOTE_TYPES
    sentence_index: int  # index of the sentence holding the start of the content
    source_start: int | None = None  # offsets of the speaker mention, when in the text
    source_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    entity: str | None = None  # the fullest in-document name of the entity the source refers to
    source_type: str | None = None  # hint: one of vocab.SOURCE_TYPES
    role: str | None = None  # title or apposition the text gives the source ("political scientist")


class Word(NamedTuple):
    """One token of a sentence, as plain data: where it is, its lemma, part of speech and dependency.

    A named tuple, not a dataclass: an article holds one per token, and the corpus stages read
    them back from disk several times; a tuple unpickles several times faster than a dataclass."""

    start: int
    end: int
    lemma: str  # lower-case lemma
    pos: str  # universal part of speech ("NOUN", "VERB", ...)
    dep: str  # dependency label ("nsubj", "neg", ...)
    content: bool = False  # a content word: noun, proper noun, verb, adjective or number, not a stop word
    head: int = -1  # start offset of its syntactic head (its own start for a sentence root)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the body, as candidate evidence for the linking stage."""

    index: int
    start: int
    end: int
    text: str
    entities: tuple[str, ...] = ()  # named entities in the sentence, as written
    lemmas: tuple[str, ...] = ()  # lower-case lemmas of its content words
    words: tuple[Word, ...] = ()  # its tokens, so a part of it (a claim's content) can be read alone


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the per-article stages learn about one article."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    claims: tuple[AttributedClaim, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class EvidenceLink:
    """A statement of the corpus that bears on a claim, with its stance (codebook section 4)."""

    claim_id: str
    stance: str  # one of vocab.STANCES
    independent: bool
    evidence_doc_id: str
    evidence_start: int
    evidence_end: int
    evidence_text: str
    evidence_source_id: str | None  # None: the author's own statement
    evidence_claim_id: str | None  # set when the evidence is itself an attributed claim
    rationale: str
