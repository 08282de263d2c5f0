"""ClaimReview export: one schema.org ClaimReview per check-worthy claim, status as reviewRating.alternateName."""
from __future__ import annotations

import json
from urllib.parse import urlsplit

import jsonschema
import pytest
from synthetic import write_synthetic

from pipeline import load_dataset, vocab
from pipeline.cli import main
from pipeline.publish.export import DEFAULT_BASE_URL, READER_RATINGS, claim_reviews, write_export

# Google's fact-check (ClaimReview) markup: required properties claimReviewed, reviewRating
# (a Rating with the required alternateName) and url; the recommended author (Organization or
# Person with a name), datePublished and itemReviewed (a Claim whose author is an Organization
# or Person with a name, with appearance and datePublished), as a JSON Schema.
_NAMED = {"type": "object", "required": ["@type", "name"],
          "properties": {"@type": {"enum": ["Organization", "Person"]}, "name": {"type": "string", "minLength": 1}}}
GOOGLE_CLAIMREVIEW = {
    "type": "object",
    "required": ["@context", "@type", "claimReviewed", "reviewRating", "url"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "ClaimReview"},
        "claimReviewed": {"type": "string", "minLength": 1},
        "url": {"type": "string", "pattern": "^https?://[^ ]+$"},
        "datePublished": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
        "author": _NAMED,
        "reviewRating": {"type": "object", "required": ["@type", "alternateName"],
                         "properties": {"@type": {"const": "Rating"}, "alternateName": {"type": "string", "minLength": 1}}},
        "itemReviewed": {"type": "object", "required": ["@type"], "properties": {
            "@type": {"const": "Claim"},
            "author": _NAMED,
            "datePublished": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
            "appearance": {"type": "object", "required": ["@type"], "properties": {"url": {"type": "string", "pattern": "^https?://"}}},
        }},
    },
}


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
        assert r["reviewRating"]["identifier"] == statuses[r["identifier"]]
        assert r["reviewRating"]["alternateName"] == READER_RATINGS[statuses[r["identifier"]]]
        assert r["itemReviewed"]["@type"] == "Claim"
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


def test_every_item_has_the_fields_google_requires(ds):
    reviews = claim_reviews(ds)
    assert reviews
    for r in reviews:
        jsonschema.validate(r, GOOGLE_CLAIMREVIEW)
        assert r["url"] == DEFAULT_BASE_URL + r["identifier"]


def test_reader_ratings_say_they_are_relative_to_the_corpus():
    assert tuple(READER_RATINGS) == vocab.EVIDENCE_STATUSES
    for status, text in READER_RATINGS.items():
        assert text != status and ("corpus" in text or status == "not_checkable"), status
    assert READER_RATINGS["contradicted"] == "Contradicted by the corpus"


def test_anonymous_sources_get_no_author_and_groups_are_organizations(ds):
    types = dict(zip(ds.sources["source_id"], ds.sources["source_type"]))
    by_id = dict(zip(ds.claims["claim_id"], ds.claims["source_id"]))
    seen = set()
    for r in claim_reviews(ds):
        kind = types[by_id[r["identifier"]]]
        author = r["itemReviewed"].get("author")
        seen.add(kind)
        if kind == "anonymous":
            assert author is None
        else:
            assert author["@type"] == ("Person" if kind == "person" else "Organization")
    assert {"anonymous", "group", "person"} <= seen


def test_claim_date_and_appearance_come_from_the_article(ds):
    articles = ds.articles.set_index("doc_id")
    doc_of = dict(zip(ds.claims["claim_id"], ds.claims["doc_id"]))
    for r in claim_reviews(ds):
        article = articles.loc[doc_of[r["identifier"]]]
        assert r["itemReviewed"]["datePublished"] == article["published"]
        assert r["itemReviewed"]["appearance"]["url"] == article["url"]


def test_base_address_is_configurable(tmp_path, monkeypatch):
    folder = write_synthetic(tmp_path / "syn")
    out = tmp_path / "r.jsonld"
    assert main(["export", "--format", "claimreview", "--dataset", str(folder), "--out", str(out),
                 "--base-url", "https://claims.example.org/c/"]) == 0
    assert all(urlsplit(r["url"]).netloc == "claims.example.org" and r["url"].endswith(r["identifier"]) for r in json.loads(out.read_text()))
    monkeypatch.setenv("KZ_CLAIMS_BASE_URL", "https://env.example.org/")
    assert main(["export", "--format", "claimreview", "--dataset", str(folder), "--out", str(out)]) == 0
    assert json.loads(out.read_text())[0]["url"].startswith("https://env.example.org/c")
    assert main(["export", "--format", "claimreview", "--dataset", str(folder), "--out", str(out), "--base-url", "claims/"]) == 1


def test_seed_items_all_have_google_fields_and_the_diplomat_url():
    from pipeline.paths import REPO_DATASET as DEFAULT_DATASET

    reviews = claim_reviews(load_dataset(DEFAULT_DATASET))
    for r in reviews:
        jsonschema.validate(r, GOOGLE_CLAIMREVIEW)
    diplomat = [r for r in reviews if r["itemReviewed"]["appearance"]["identifier"] == "001_0ec9f294b2e533db"]
    assert diplomat and all(r["itemReviewed"]["appearance"]["url"].startswith("https://thediplomat.com/2019/06/") for r in diplomat)
    assert all(r["itemReviewed"]["datePublished"] == "2019-06" for r in diplomat)
    copy = [r for r in reviews if r["itemReviewed"]["appearance"]["identifier"] == "000_3924efaae52b3c14"]
    assert copy and all("url" not in r["itemReviewed"]["appearance"] for r in copy)  # its own address is not known
