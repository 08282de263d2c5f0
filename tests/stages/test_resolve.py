"""Resolve: one source per real-world source across articles; variants kept as aliases."""
from __future__ import annotations

import pytest

from pipeline.records import Article, ArticleResult, AttributedClaim
from pipeline.stages.resolve import (
    Resolver,
    affiliation_of,
    fullest_name,
    is_named,
    is_spelling_variant,
    mention_of,
    merge_names,
    name_tokens,
    pick_role,
    resolve_sources,
    roles_in,
)


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
     ("UNICEF", ["UNICEF"], True),
     # an age after the name is not part of it
     ("Olzhas Bek, 26", ["Olzhas", "Bek"], True), ("Protasevich, 26", ["Protasevich"], True)],
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


@pytest.mark.parametrize(
    "keys, merged",
    [(["Ana Lima", "Rival Ana Lima", "Lima"], {"Ana Lima", "Rival Ana Lima", "Lima"}),
     (["Ana Lima", "Rui Lima", "Lima"], {"Ana Lima"}),
     (["Ana Lima", "Lima"], {"Ana Lima", "Lima"}),
     (["Ana Lima", "Ana"], {"Ana Lima", "Ana"}),  # no name ends with it: a family name written first ("Peng" of "Peng Shuai")
     (["Ana Lima", "Ana Rui", "Ana"], {"Ana Lima"}),  # two names start with it: it stays apart
     (["Ana Lima", "Bia Ana", "Ana"], {"Ana Lima"})],  # a name ends with it: that is the reading
)
def test_merge_names(keys, merged):
    target = merge_names(sorted(keys))
    group = target["Ana Lima"]
    assert {k for k in keys if target[k] == group} == merged


@pytest.mark.parametrize(("words", "names", "fullest"), [
    (["Lima"], [["Ana", "Lima"]], ["Ana", "Lima"]),
    (["Ana"], [["Ana", "Lima"]], ["Ana", "Lima"]),  # the family name first
    (["Ana"], [["Ana", "Lima"], ["Ana", "Rui"]], ["Ana"]),  # two readings: left alone
    (["Ana"], [["Ana", "Lima"], ["Bia", "Ana"]], ["Bia", "Ana"]),  # a name ending with it wins
])
def test_fullest_name(words, names, fullest):
    assert fullest_name(words, names) == fullest


def test_written_full_name_beats_a_wrong_entity():
    c = claim("Rui Lima", "Ana Lima")
    assert mention_of(c) == "Rui Lima"
    assert mention_of(claim("President Ana Lima", "Ana Lima")) == "Ana Lima"
    assert mention_of(claim("she", "Ana Lima")) == "Ana Lima"
    assert mention_of(claim("Some", "Ana Lima")) == "Some"
    assert mention_of(claim("A farmer named Tariq", None)) == "Tariq"
    assert mention_of(claim("a farmer, whose first name was Ode", "Ana Lima")) == "Ode"



@pytest.mark.parametrize("written, entity, mention", [
    # a description resolved to what it describes: the source is that, by name or not
    ("the preliminary conclusions", "the observation mission", "the observation mission"),
    ("which", "the foreign arm of the broadcaster", "the foreign arm of the broadcaster"),
    ("These voters", "voters", "voters"),
    ("the report", None, "the report"),
])
def test_a_description_resolves_to_its_entity(written, entity, mention):
    assert mention_of(claim(written, entity)) == mention


@pytest.mark.parametrize(
    "surface, name, roles",
    [("political scientist Ana Lima", "Ana Lima", ["political scientist"]),
     ("Lima, the analyst", "Lima", ["analyst"]),
     ("A pianist named Tariq", "Tariq", ["pianist"]),
     ("Mr. Lima", "Lima", []),
     ("Ana Lima", "Ana Lima", [])],
)
def test_roles_in(surface, name, roles):
    assert roles_in(surface, name) == roles


def test_definite_description_with_a_role_joins_its_named_source():
    results = [result("a", claim("Republican nominee Ana Lima", "Ana Lima", role="Republican nominee"),
                      claim("The Republican nominee", None, start=10), claim("the governor", None, start=20))]
    sources, assignment = resolve_sources(results)
    assert assignment["a", 0] == assignment["a", 1] != assignment["a", 2]


def test_ids_are_stable_and_independent_of_other_articles():
    one, _ = resolve_sources([result("a", claim("Ana Lima", "Ana Lima"))])
    two, _ = resolve_sources([result("z", claim("Bo Chen", "Bo Chen")), result("a", claim("Ana Lima", "Ana Lima"))])
    assert one[0].source_id in {s.source_id for s in two}


@pytest.mark.parametrize(
    "name, role, expected",
    [("Jane Roe", "police spokeswoman", "government"), ("ODIHR", None, "international"),
     ("Sam Poe", "political scientist", "expert"), ("protesters", None, "protester"),
     ("Lee Kim", "human rights activist", "civil_society"), ("Kim Lee", None, "other"),
     ("Ron Ode", "White House press secretary", "government"), ("Ann Bee", "MSNBC host", "media")],
)
def test_affiliation(name, role, expected):
    assert affiliation_of(name, role) == expected


@pytest.mark.parametrize(
    "roles, expected",
    [([("a", 1, "Mr."), ("a", 5, "political scientist")], "political scientist"),
     ([("a", 1, "Mr.")], None),
     ([("b", 1, "senator"), ("a", 9, "governor"), ("c", 3, "governor")], "governor")],
)
def test_pick_role(roles, expected):
    assert pick_role(roles) == expected


def event_result(doc_id, event, *claims):
    return ArticleResult(Article(doc_id=doc_id, path=f"{doc_id}.txt", text="x" * 100, event=event), (), tuple(claims))


@pytest.mark.parametrize("event_b, joined", [("flood", True), ("election", False), (None, False)])
def test_description_resolves_across_articles_of_one_event(event_b, joined):
    """"the chief engineer" in one article is the named source another article of the same
    event gives that role; the description stays an alias. Other events keep it apart."""
    results = [
        event_result("a", "flood", claim("Ivo Marek, the chief engineer", "Ivo Marek", role="the chief engineer",
                                         source_type="person")),
        event_result("b", event_b, claim("the chief engineer", None, source_type="person")),
    ]
    sources, assignment = resolve_sources(results)
    same = assignment["a", 0] == assignment["b", 0]
    assert same is joined
    if joined:
        marek = next(s for s in sources if s.source_id == assignment["a", 0])
        assert marek.name == "Ivo Marek" and "the chief engineer" in marek.aliases


def test_description_with_two_owners_in_the_event_stays_apart():
    results = [
        event_result("a", "flood", claim("Ivo Marek, the chief engineer", "Ivo Marek", role="the chief engineer")),
        event_result("c", "flood", claim("Rita Holm, the chief engineer", "Rita Holm", role="the chief engineer")),
        event_result("b", "flood", claim("the chief engineer", None)),
    ]
    _, assignment = resolve_sources(results)
    assert assignment["b", 0] not in (assignment["a", 0], assignment["c", 0])


def test_the_resolver_holds_per_article_only_its_source_ids_and_per_name_one_tally():
    """Memory grows with the distinct names and the unnamed sources, not with the mentions: 300 articles quoting the
    same two people ten times each leave two tallies of names, one per article's unnamed 'officials', and a tuple
    of ids per article."""
    resolver = Resolver()
    for n in range(300):
        claims = [claim("Ana Lima" if k % 2 else "Lima", "Ana Lima", start=k) for k in range(5)]
        claims += [claim("analyst Chidi Okonkwo", "Chidi Okonkwo", role="analyst", start=10 + k) for k in range(4)]
        claims.append(claim("officials", None, source_type="group", start=30))
        resolver.add(result(f"d{n:03d}", *claims))
    assert sum(named for _, named in resolver.tallies) == 2
    assert sum(not named for _, named in resolver.tallies) == 300
    sources, assignment = resolver.finish()
    assert len(sources) == 302 and len(assignment) == 3000
    lima = next(s for s in sources if s.name == "Ana Lima")
    assert {assignment[f"d{n:03d}", k] for n in range(300) for k in range(5)} == {lima.source_id}
    assert assignment["d000", 9] != assignment["d001", 9]  # unnamed sources stay in their article


def test_a_role_tie_goes_to_the_earliest_mention_whichever_name_gave_it():
    """Roles are tallied per article-level name and merged across articles: on equal counts the earliest (article,
    offset) wins, as if every mention had been read in one list."""
    results = [result("b", claim("Ana Lima, the senator", "Ana Lima", start=5)),
               result("a", claim("Lima, the governor", "Lima", start=50)),
               result("c", claim("Lima", "Lima"))]
    sources, _ = resolve_sources(results)
    assert [s.role for s in sources if s.name == "Ana Lima"] == ["governor"]
