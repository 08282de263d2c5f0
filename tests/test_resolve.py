"""Resolve: one source per real-world source across articles; variants kept as aliases."""
from __future__ import annotations

import pytest

from pipeline.records import Article, ArticleResult, AttributedClaim
from pipeline.resolve import affiliation_of, is_named, is_spelling_variant, name_tokens, resolve_sources


def claim(source, entity=None, role=None, source_type=None, start=0):
    return AttributedClaim(source=source, cue="said", content="x", start=start, end=start + 1, quote_type="indirect",
                           sentence_index=0, entity=entity, role=role, source_type=source_type)


def result(doc_id, *claims):
    return ArticleResult(Article(doc_id=doc_id, path=f"{doc_id}.txt", text="x" * 100), (), tuple(claims))


@pytest.mark.parametrize(
    "a, b, same",
    [("Okonkwo", "Okonkow", True), ("Haraldsson", "Haraldson", True), ("Smith", "Smyth", False),
     ("Trump", "Truman", False), ("Johnson", "Jackson", False), ("Mbeki", "Mbeki", True)],
)
def test_spelling_variants(a, b, same):
    assert is_spelling_variant(a, b) is same


@pytest.mark.parametrize(
    "mention, tokens, named",
    [("President Ana Lima", ["Ana", "Lima"], True), ("Sen. Joe Bloggs's", ["Joe", "Bloggs"], True),
     ("he", ["he"], False), ("protesters", ["protesters"], False), ("the analyst", ["analyst"], False),
     ("UNICEF", ["UNICEF"], True)],
)
def test_name_tokens_and_named(mention, tokens, named):
    assert name_tokens(mention) == tokens
    assert is_named(mention) is named


def test_one_source_across_articles_and_variants():
    results = [
        result("a", claim("President Ana Lima", "Ana Lima", role="President", source_type="person"),
               claim("Lima", "Lima", start=10), claim("he", "Ana Lima", start=20),
               claim("Okonkow", "Okonkow", start=30), claim("analyst Chidi Okonkwo", "Chidi Okonkwo", role="analyst", start=40)),
        result("b", claim("Lima", "Lima"), claim("protesters", None, source_type="group", start=5)),
        result("c", claim("protesters", None, source_type="group")),
    ]
    sources, assignment = resolve_sources(results)
    names = {s.name: s for s in sources}
    lima = names["Ana Lima"]
    assert {assignment["a", 0], assignment["a", 1], assignment["a", 2], assignment["b", 0]} == {lima.source_id}
    assert "Lima" in lima.aliases and "President Ana Lima" in lima.aliases
    assert lima.role == "President" and lima.affiliation == "government"
    okonkwo = names["Chidi Okonkwo"]
    assert assignment["a", 3] == assignment["a", 4] == okonkwo.source_id
    assert "Okonkow" in okonkwo.aliases and okonkwo.affiliation == "expert"
    # groups are scoped to their article
    assert assignment["b", 1] != assignment["c", 0]


def test_ids_are_stable_and_independent_of_other_articles():
    one, _ = resolve_sources([result("a", claim("Ana Lima", "Ana Lima"))])
    two, _ = resolve_sources([result("z", claim("Bo Chen", "Bo Chen")), result("a", claim("Ana Lima", "Ana Lima"))])
    assert one[0].source_id in {s.source_id for s in two}


@pytest.mark.parametrize(
    "name, role, expected",
    [("Jane Roe", "police spokeswoman", "government"), ("ODIHR", None, "international"),
     ("Sam Poe", "political scientist", "expert"), ("protesters", None, "protester"),
     ("Lee Kim", "human rights activist", "civil_society"), ("Kim Lee", None, "other")],
)
def test_affiliation(name, role, expected):
    assert affiliation_of(name, role, (), "person") == expected
