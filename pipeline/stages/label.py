"""Label: a claim's check-worthiness and evidence links → its evidence status and rationale.

The codebook's table (section 5), first rule that applies; the rationale names the link
that decides it. Curated overrides are applied afterwards by ``curate.apply_reviews``;
the rules' own label is kept beside them (``rule_evidence_status``).
"""
from __future__ import annotations

from collections.abc import Sequence

from ..records import EvidenceLink


def evidence_status(checkworthy: bool, links: Sequence[EvidenceLink]) -> tuple[str, str]:
    """(check-worthy?, the claim's evidence links) → (evidence_status, one-sentence rationale)."""
    if not checkworthy:
        return "not_checkable", "Not check-worthy: an opinion, intention, prediction, question or call to action."
    by = lambda stance, pred=lambda ev: True: [ev for ev in links if ev.stance == stance and pred(ev)]  # noqa: E731
    author = lambda ev: ev.evidence_source_id is None  # noqa: E731
    independent = lambda ev: ev.independent  # noqa: E731
    if retracts := by("retracts"):
        return "retracted", f"Its own source takes it back later: {quote(retracts[0])}."
    indep_support = by("supports", independent)
    if (absence := by("notes_absence")) and not indep_support:
        return "unsupported", f"The corpus notes that no evidence has been shown for it: {quote(absence[0])}."
    if author_contra := by("contradicts", author):
        return "contradicted", f"The author's own reporting contradicts it: {quote(author_contra[0])}."
    indep_contra = by("contradicts", independent)
    if indep_contra and not indep_support:
        return "contradicted", f"Independent evidence contradicts it and none supports it: {quote(indep_contra[0])}."
    if author_support := by("supports", author):
        return "supported", f"The author's own reporting supports it: {quote(author_support[0])}."
    if indep_support and not indep_contra:
        return "supported", f"Independent evidence supports it and none contradicts it: {quote(indep_support[0])}."
    if indep_support and indep_contra:
        return (
            "disputed",
            f"Independent sources both support it ({quote(indep_support[0])}) and contradict it "
            f"({quote(indep_contra[0])}), and the author takes neither side.",
        )
    if links:
        return "unverified", f"Only statements of its own source or side bear on it, which settles nothing: {quote(links[0])}."
    return "unverified", "Nothing in the corpus bears on it."


def quote(link: EvidenceLink, limit: int = 120) -> str:
    """An evidence link → its text in quotation marks, shortened, with where it is."""
    text = " ".join(link.evidence_text.split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    who = "the author" if link.evidence_source_id is None else f"source {link.evidence_source_id}"
    return f"\u201c{text}\u201d ({who}, {link.evidence_doc_id} {link.evidence_start}-{link.evidence_end})"
