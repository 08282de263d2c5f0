"""ClaimReview export: one schema.org ClaimReview per check-worthy claim, status as reviewRating.alternateName."""
from __future__ import annotations

import json

import pytest
from synthetic import write_synthetic

from pipeline import load_dataset, vocab
from pipeline.cli import main
from pipeline.publish.export import claim_reviews, write_export


@pytest.fixture()
def ds(tmp_path):
    return load_dataset(write_synthetic(tmp_path / "syn"))


def test_one_review_per_checkworthy_claim(ds):
    reviews = claim_reviews(ds)
    checkworthy = ds.claims[ds.claims["checkworthy"]]
    assert [r["identifier"] for r in reviews] == list(checkworthy["claim_id"])
    statuses = dict(zip(ds.claims["claim_id"], ds.claims["evidence_status"]))
    for r in reviews:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["reviewRating"]["@type"] == "Rating"
        assert r["reviewRating"]["alternateName"] == statuses[r["identifier"]]
        assert r["reviewRating"]["alternateName"] in vocab.EVIDENCE_STATUSES
        assert r["itemReviewed"]["@type"] == "Claim" and r["itemReviewed"]["author"]["name"]
        assert "not a verdict on truth" in r["reviewBody"]
        assert "ratingValue" not in r["reviewRating"]


def test_review_carries_claim_source_and_article(ds):
    review = next(r for r in claim_reviews(ds) if r["identifier"] == "c000000000001")
    claim = ds.claims_with_sources().set_index("claim_id").loc["c000000000001"]
    assert review["claimReviewed"] == claim["content"]
    assert review["itemReviewed"]["author"]["name"] == claim["source_name"]
    appearance = review["itemReviewed"]["appearance"]
    assert appearance["url"] == claim["article_url"] and appearance["headline"] == claim["article_title"]
    assert "null" not in json.dumps(review)


@pytest.mark.slow
def test_cli_writes_the_export(tmp_path):
    folder = write_synthetic(tmp_path / "syn")
    out = tmp_path / "out" / "reviews.jsonld"
    assert main(["export", "--format", "claimreview", "--dataset", str(folder), "--out", str(out)]) == 0
    items = json.loads(out.read_text())
    assert len(items) == int(load_dataset(folder).claims["checkworthy"].sum())


def test_unknown_format_is_refused(ds, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        write_export(ds, "csv", tmp_path / "x")
