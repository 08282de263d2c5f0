"""Stable identifiers: derived from what a row is, never from where it falls in a list.

An ID depends only on the row's own identity (its article and text for a claim, its
canonical name for a source), so rebuilding the same input gives the same IDs and an
edit elsewhere in the corpus renumbers nothing.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata


def digest(*parts: str, size: int = 6) -> str:
    """Strings → a short hex digest (blake2b), the same on every machine and run."""
    h = hashlib.blake2b(digest_size=size)
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def normalise(text: str) -> str:
    """Text → a comparison key: NFKC, case-folded, whitespace collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def claim_id(doc_id: str, content: str, occurrence: int = 0) -> str:
    """(article, content, n-th identical content in the article) → 'c' + 12 hex digits."""
    return "c" + digest(doc_id, normalise(content), str(occurrence))


def source_id(key: str) -> str:
    """A source's resolution key → 's' + 12 hex digits."""
    return "s" + digest(key)


def evidence_id(claim: str, evidence_doc_id: str, evidence_text: str, stance: str) -> str:
    """(claim, evidence article, evidence text, stance) → 'e' + 12 hex digits."""
    return "e" + digest(claim, evidence_doc_id, normalise(evidence_text), stance)


def sha256_text(text: str) -> str:
    """Text → the hex sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
