"""The tables' explicit pyarrow schemas, with a description for every column.

The descriptions are stored in each Parquet field's metadata (key ``description``)
and are what the dataset card prints, so the two never disagree.
"""
from __future__ import annotations

import pyarrow as pa

from .version import __version__

DESCRIPTION = b"description"


def _field(name: str, type_: pa.DataType, description: str, *, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={DESCRIPTION: description.encode("utf-8")})


def _schema(table: str, description: str, *fields: pa.Field) -> pa.Schema:
    return pa.schema(
        list(fields),
        metadata={
            b"table": table.encode(),
            DESCRIPTION: description.encode("utf-8"),
            b"pipeline_version": __version__.encode(),
        },
    )


ARTICLES = _schema(
    "articles",
    "One row per news article: its metadata and the body text that every offset indexes.",
    _field("doc_id", pa.string(), "Article identifier: the front matter's id, else the file name without extension.", nullable=False),
    _field("title", pa.string(), "Headline: from the front matter, else the headline line detected at the top of the file; null if none."),
    _field("outlet", pa.string(), "Publisher or site, as stated in the front matter; null when not stated."),
    _field("published", pa.string(), "Publication date (ISO 8601, YYYY[-MM[-DD]]) as stated in the front matter; null when not stated."),
    _field("url", pa.string(), "Address of the original article, as stated in the front matter; null when not stated."),
    _field("language", pa.string(), "Language code (BCP 47) stated in the front matter; null when not stated."),
    _field("event", pa.string(), "Curated label of the news event the article reports (used to block evidence search); null when not stated."),
    _field("provenance", pa.string(), "Where the text was taken from (front matter 'source'); null when not stated."),
    _field("rights", pa.string(), "Who holds the rights to the article text (front matter 'rights'); null when not stated."),
    _field("text", pa.string(), "Article body with headline and page furniture removed; content_start/content_end and evidence offsets index this string"
                                " (Python str indices, i.e. Unicode code points).", nullable=False),
    _field("text_sha256", pa.string(), "Hex SHA-256 of the UTF-8 bytes of text.", nullable=False),
)

SOURCES = _schema(
    "sources",
    "One row per real-world source of claims, shared across articles.",
    _field("source_id", pa.string(), "Stable source identifier ('s' + 12 hex digits), derived from the source's resolution key.", nullable=False),
    _field("name", pa.string(), "Canonical name: the fullest form of the name in the corpus, titles removed; for groups and anonymous sources the description"
                                " as written.", nullable=False),
    _field("aliases", pa.list_(pa.string()), "Other names the corpus uses for this source (surnames, spelling variants, descriptions), sorted.",
                                             nullable=False),
    _field("source_type", pa.string(), "person, organization, group or anonymous (codebook section 2).", nullable=False),
    _field("role", pa.string(), "Role or title as the text gives it ('Almaty police spokeswoman'); null when the text gives none."),
    _field("affiliation", pa.string(), "government, opposition, civil_society, protester, expert, international, media or other (codebook section 2).",
                                       nullable=False),
)

CLAIMS = _schema(
    "claims",
    "One row per attributed claim: who said what, where in which article, and its evidence status.",
    _field("claim_id", pa.string(), "Stable claim identifier ('c' + 12 hex digits) from the article, the content and its occurrence.", nullable=False),
    _field("doc_id", pa.string(), "Article the claim is in (articles.doc_id).", nullable=False),
    _field("source_id", pa.string(), "Resolved source of the claim (sources.source_id).", nullable=False),
    _field("speaker_text", pa.string(), "The source as written at the claim ('he', 'the musician', 'Tokayev').", nullable=False),
    _field("speaker_start", pa.int64(), "Start offset of speaker_text in the article text; null when the speaker is not written in the claim's sentence."),
    _field("speaker_end", pa.int64(), "End offset (exclusive) of speaker_text in the article text; null when speaker_start is null."),
    _field("cue", pa.string(), "The reporting cue as written ('said', 'according to', ':').", nullable=False),
    _field("cue_start", pa.int64(), "Start offset of the cue in the article text; null for a continued quotation that has no cue of its own."),
    _field("cue_end", pa.int64(), "End offset (exclusive) of the cue; null when cue_start is null."),
    _field("content", pa.string(), "The claim itself: exactly articles.text[content_start:content_end].", nullable=False),
    _field("content_start", pa.int64(), "Start offset of content in articles.text (Unicode code points).", nullable=False),
    _field("content_end", pa.int64(), "End offset (exclusive) of content in articles.text.", nullable=False),
    _field("sentence_index", pa.int64(), "Index (from 0) of the sentence of the article holding the start of the content.", nullable=False),
    _field("quote_type", pa.string(), "direct (all inside quotation marks), indirect (reported speech) or mixed (reported speech quoting some words).",
                                      nullable=False),
    _field("checkworthy", pa.bool_(), "True for a factual assertion that evidence could confirm or refute; false for opinion, intention, threat, prediction,"
                                      " question or call to action.", nullable=False),
    _field("claim_type", pa.string(), "AVeriTeC claim type: event_property, numerical, causal, quote_verification or position_statement."),
    _field("evidence_status", pa.string(), "Final evidence status (codebook section 5): the curated label where a curator reviewed the claim, else the rules'"
                                           " label.", nullable=False),
    _field("rule_evidence_status", pa.string(), "Evidence status given by the rules alone, before any curation.", nullable=False),
    _field("label_source", pa.string(), "rules, or curated when a reviewed-labels entry set evidence_status.", nullable=False),
    _field("status_rationale", pa.string(), "One sentence explaining evidence_status, naming the evidence it rests on.", nullable=False),
    _field("averitec_label", pa.string(), "evidence_status mapped to the AVeriTeC verdict; null for not_checkable."),
    _field("fever_label", pa.string(), "evidence_status mapped to the FEVER label; null for not_checkable."),
)

EVIDENCE = _schema(
    "evidence",
    "One row per evidence link: a statement of the corpus that bears on a claim, with its stance.",
    _field("evidence_id", pa.string(), "Stable evidence identifier ('e' + 12 hex digits).", nullable=False),
    _field("claim_id", pa.string(), "The claim the evidence bears on (claims.claim_id).", nullable=False),
    _field("stance", pa.string(), "supports, contradicts, notes_absence or retracts (codebook section 4).", nullable=False),
    _field("independent", pa.bool_(), "True when the evidence's source is neither the claim's source nor of the same affiliation; the author's reporting is"
                                      " independent.", nullable=False),
    _field("evidence_doc_id", pa.string(), "Article holding the evidence (articles.doc_id).", nullable=False),
    _field("evidence_start", pa.int64(), "Start offset of evidence_text in that article's text.", nullable=False),
    _field("evidence_end", pa.int64(), "End offset (exclusive) of evidence_text.", nullable=False),
    _field("evidence_text", pa.string(), "The evidence: exactly articles.text[evidence_start:evidence_end] of evidence_doc_id.", nullable=False),
    _field("evidence_source_id", pa.string(), "Source of the evidence (sources.source_id); null when it is the author's own statement."),
    _field("evidence_claim_id", pa.string(), "The claim the evidence is, when it is itself an attributed claim; else null."),
    _field("rationale", pa.string(), "Why this stance: the cue or overlap the rule found.", nullable=False),
)

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "sources": SOURCES,
    "claims": CLAIMS,
    "evidence": EVIDENCE,
}
KEYS: dict[str, str] = {"articles": "doc_id", "sources": "source_id", "claims": "claim_id", "evidence": "evidence_id"}
# Every foreign key between the tables: (table, column) → (referenced table, its key column).
# The card, the Croissant ``references`` and the SQLite export all read it from here.
FOREIGN_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("claims", "doc_id"): ("articles", "doc_id"),
    ("claims", "source_id"): ("sources", "source_id"),
    ("evidence", "claim_id"): ("claims", "claim_id"),
    ("evidence", "evidence_doc_id"): ("articles", "doc_id"),
    ("evidence", "evidence_source_id"): ("sources", "source_id"),
    ("evidence", "evidence_claim_id"): ("claims", "claim_id"),
}


def descriptions(schema: pa.Schema) -> dict[str, str]:
    """A schema → {column: description}."""
    return {f.name: (f.metadata or {}).get(DESCRIPTION, b"").decode("utf-8") for f in schema}
