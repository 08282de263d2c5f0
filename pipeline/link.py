"""Link: claims and the corpus's sentences → evidence links (codebook section 4)."""
from __future__ import annotations

from collections.abc import Sequence

from .records import ArticleResult, EvidenceLink


def link_evidence(results: Sequence[ArticleResult], claims: Sequence[dict], sources: dict[str, object]) -> list[EvidenceLink]:
    """Article results, claim rows and sources by id → evidence links, sorted by evidence_id."""
    return []
