"""Export: a dataset → schema.org ClaimReview JSON-LD for every check-worthy claim.

Each review names the claim (``claimReviewed``), who made it and where it appeared
(``itemReviewed``: a Claim with its author and the article), and the evidence status as
``reviewRating.alternateName`` with the rationale as ``ratingExplanation``. The status
is relative to the corpus, which the review's ``reviewBody`` says. No numeric rating
is given: the statuses are not a truth scale.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..version import DATASET_NAME, RELEASE_DATE, __version__
from .loader import Dataset

FORMATS = ("claimreview",)
AUTHOR_TYPES = {"person": "Person", "organization": "Organization", "group": "Organization", "anonymous": "Person"}
CORPUS_NOTE = "Evidence status relative to the news corpus of the dataset, not a verdict on truth in the world."


def _clean(node: dict) -> dict:
    """A JSON-LD node → the same without null values (schema.org omits unknown properties)."""
    return {k: (_clean(v) if isinstance(v, dict) else v) for k, v in node.items() if v is not None and not (isinstance(v, float) and pd.isna(v))}


def claim_review(claim: dict) -> dict:
    """One row of Dataset.claims_with_sources() → a schema.org ClaimReview node."""
    appearance = {
        "@type": "NewsArticle",
        "identifier": claim["doc_id"],
        "headline": claim.get("article_title"),
        "publisher": {"@type": "Organization", "name": claim["article_outlet"]} if claim.get("article_outlet") else None,
        "datePublished": claim.get("article_published"),
        "url": claim.get("article_url"),
    }
    return _clean({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim["claim_id"],
        "claimReviewed": claim["content"],
        "datePublished": RELEASE_DATE,
        "author": {"@type": "Organization", "name": f"{DATASET_NAME} {__version__}"},
        "reviewBody": f"{claim['status_rationale']} {CORPUS_NOTE}",
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": AUTHOR_TYPES.get(str(claim["source_type"]), "Thing"), "name": claim["source_name"],
                       "jobTitle": claim.get("source_role") if str(claim["source_type"]) == "person" else None},
            "appearance": _clean(appearance),
            "datePublished": claim.get("article_published"),
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": str(claim["evidence_status"]),
            "ratingExplanation": claim["status_rationale"],
        },
    })


def claim_reviews(ds: Dataset) -> list[dict]:
    """A Dataset → ClaimReview nodes for its check-worthy claims, in claim order."""
    claims = ds.claims_with_sources()
    rows = claims[claims["checkworthy"]].astype(object).where(claims.notna(), None)
    return [claim_review(row) for row in rows.to_dict("records")]


def write_export(ds: Dataset, fmt: str, out: Path) -> int:
    """A Dataset, a format and an output path → the export file written; return the number of items."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    items = claim_reviews(ds)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(items, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return len(items)
