"""Export: a dataset → schema.org ClaimReview JSON-LD for every check-worthy claim, or SQLite for Datasette.

Each review names the claim (``claimReviewed``), its own page (``url``: a base address
and the claim id), who made it and where it appeared (``itemReviewed``: a Claim with its
author, date and the article), and the evidence status as ``reviewRating`` whose
``alternateName`` says, in words shown to readers, that the status is relative to the
corpus ("Contradicted by the corpus"), with the rationale as ``ratingExplanation``. No
numeric rating is given: the statuses are not a truth scale. Anonymous sources get no
``author``; groups are typed ``Organization``, never ``Person``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from .. import paths
from ..version import DATASET_NAME, RELEASE_DATE, __version__
from .loader import Dataset

FORMATS = ("claimreview", "sqlite")
# Where each claim's page is published: the claim id is appended. The default is the claim
# page of `datasette dataset.db -m metadata.json` (port 8001, the "claim" canned query).
BASE_URL_ENV = "KZ_CLAIMS_BASE_URL"
DEFAULT_BASE_URL = "http://127.0.0.1:8001/dataset/claim?claim_id="
# schema.org type of a claim's author by source type; None: no author is given (who spoke is not known).
AUTHOR_TYPES: dict[str, str | None] = {"person": "Person", "organization": "Organization", "group": "Organization", "anonymous": None}
# What a reader is shown for each evidence status: always relative to the corpus, never a verdict.
READER_RATINGS: dict[str, str] = {
    "not_checkable": "Not checkable (opinion, intention or prediction)",
    "retracted": "Retracted by its own source in the corpus",
    "unsupported": "No evidence shown in the corpus",
    "contradicted": "Contradicted by the corpus",
    "supported": "Supported by the corpus",
    "disputed": "Disputed within the corpus",
    "unverified": "Unverified: nothing in the corpus bears on it",
}
CORPUS_NOTE = "Evidence status relative to the news corpus of the dataset, not a verdict on truth in the world."


def _clean(node: dict) -> dict:
    """A JSON-LD node → the same without null values (schema.org omits unknown properties)."""
    return {k: (_clean(v) if isinstance(v, dict) else v) for k, v in node.items() if v is not None and not (isinstance(v, float) and pd.isna(v))}


def resolve_base_url(given: str | None = None) -> str:
    """--base-url, else $KZ_CLAIMS_BASE_URL, else the local Datasette claim page; must be an http(s) address."""
    url = given or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"base address {url!r} must start with http:// or https:// (ClaimReview urls are absolute)")
    return url


def claim_author(claim: dict) -> dict | None:
    """A claim row → the schema.org author of the claim, or None for an anonymous source."""
    kind = AUTHOR_TYPES.get(str(claim["source_type"]))
    if kind is None:
        return None
    return {"@type": kind, "name": claim["source_name"], "jobTitle": claim.get("source_role") if kind == "Person" else None}


def claim_review(claim: dict, base: str = DEFAULT_BASE_URL) -> dict:
    """One row of Dataset.claims_with_sources() and the base address → a schema.org ClaimReview node."""
    appearance = {
        "@type": "NewsArticle",
        "identifier": claim["doc_id"],
        "headline": claim.get("article_title"),
        "publisher": {"@type": "Organization", "name": claim["article_outlet"]} if claim.get("article_outlet") else None,
        "datePublished": claim.get("article_published"),
        "url": claim.get("article_url"),
    }
    status = str(claim["evidence_status"])
    return _clean({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim["claim_id"],
        "url": f"{base}{claim['claim_id']}",
        "claimReviewed": claim["content"],
        "datePublished": RELEASE_DATE,
        "author": {"@type": "Organization", "name": f"{DATASET_NAME} {__version__}"},
        "reviewBody": f"{claim['status_rationale']} {CORPUS_NOTE}",
        "itemReviewed": {
            "@type": "Claim",
            "author": claim_author(claim),
            "appearance": _clean(appearance),
            "datePublished": claim.get("article_published"),
        },
        "reviewRating": {
            "@type": "Rating",
            "identifier": status,
            "alternateName": READER_RATINGS[status],
            "ratingExplanation": claim["status_rationale"],
        },
    })


def claim_reviews(ds: Dataset, base: str = DEFAULT_BASE_URL) -> list[dict]:
    """A Dataset → ClaimReview nodes for its check-worthy claims, in claim order."""
    claims = ds.claims_with_sources()
    rows = claims[claims["checkworthy"]].astype(object).where(claims.notna(), None)
    return [claim_review(row, base) for row in rows.to_dict("records")]


def write_export(ds: Dataset, fmt: str, out: Path, *, base: str = DEFAULT_BASE_URL) -> int:
    """A Dataset, a format and an output path → the ClaimReview file written; return the number of items."""
    if fmt != "claimreview":
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    items = claim_reviews(ds, base)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(items, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return len(items)


def export_command(dataset: Path, fmt: str, out: Path | None, *, base_url: str | None = None) -> str:
    """`export` on the command line: dataset folder or archive, format, output → what was written."""
    from ..errors import PipelineError
    from .loader import load_dataset

    if fmt == "sqlite":
        from .sqlite import write_sqlite

        db, meta = write_sqlite(load_dataset(dataset), Path(out) if out else paths.DEFAULT_DIST)
        return f"wrote {db} and {meta}; browse with: datasette {db} -m {meta}"
    try:
        base = resolve_base_url(base_url)
    except ValueError as err:
        raise PipelineError(str(err)) from err
    out = out or paths.DEFAULT_DIST / f"{DATASET_NAME}-{__version__}-{fmt}.jsonld"
    n = write_export(load_dataset(dataset), fmt, out, base=base)
    return f"wrote {n} {fmt} items to {out}"
