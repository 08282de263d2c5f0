"""Linking: one case per stance on sentences written for the tests, plus blocking, independence and order."""
from __future__ import annotations

import pytest

from pipeline.records import Article, ArticleResult, Sentence
from pipeline.stages import label, link, parse

SOURCES = {
    "s_gov": {"source_id": "s_gov", "name": "Interior Minister Aron Vale", "aliases": ["Vale"], "source_type": "person", "affiliation": "government"},
    "s_chief": {"source_id": "s_chief", "name": "police chief", "aliases": [], "source_type": "person", "affiliation": "government"},
    "s_mayor": {"source_id": "s_mayor", "name": "Mayor Ines Borra", "aliases": ["Borra"], "source_type": "person", "affiliation": "government"},
    "s_mon": {"source_id": "s_mon", "name": "election monitors", "aliases": [], "source_type": "group", "affiliation": "international"},
    "s_farmer": {"source_id": "s_farmer", "name": "Tomas", "aliases": [], "source_type": "person", "affiliation": "protester"},
    "s_marcher": {"source_id": "s_marcher", "name": "Lidia", "aliases": [], "source_type": "person", "affiliation": "protester"},
    "s_driver": {"source_id": "s_driver", "name": "Karel Mund", "aliases": ["Mund"], "source_type": "person", "affiliation": "other"},
    "s_union": {"source_id": "s_union", "name": "dockers' union", "aliases": [], "source_type": "organization", "affiliation": "civil_society"},
    "s_firm": {"source_id": "s_firm", "name": "Harbour Freight", "aliases": [], "source_type": "organization", "affiliation": "other"},
    "s_leader": {"source_id": "s_leader", "name": "Pavel Ost", "aliases": ["Ost"], "source_type": "person", "affiliation": "opposition"},
    "s_analysts": {"source_id": "s_analysts", "name": "analysts", "aliases": [], "source_type": "group", "affiliation": "expert"},
    "s_health": {"source_id": "s_health", "name": "health ministry", "aliases": [], "source_type": "organization", "affiliation": "government"},
}


def article(nlp, doc_id: str, text: str, claims: list[tuple[str, str, str]], *, event: str | None = None,
            published: str | None = None) -> tuple[ArticleResult, list[dict]]:
    """Text and (source_id, content, cue) triples → an ArticleResult and its claim rows (offsets found in the text)."""
    sentences = tuple(parse.sentence_records(nlp(text)))
    rows = []
    for n, (source_id, content, cue) in enumerate(claims):
        start = text.index(content)
        index = next(s.index for s in sentences if s.start <= start < s.end)
        cue_start = text.rfind(cue, 0, start) if cue in text[:start] else text.find(cue)
        rows.append({
            "claim_id": f"{doc_id}-c{n}", "doc_id": doc_id, "source_id": source_id, "content": content,
            "content_start": start, "content_end": start + len(content), "sentence_index": index, "cue": cue,
            "cue_start": cue_start, "cue_end": cue_start + len(cue), "speaker_start": None, "speaker_end": None,
            "checkworthy": True,
        })
    result = ArticleResult(Article(doc_id, f"{doc_id}.txt", text, event=event, published=published), sentences, ())
    return result, rows


def run(parts: list[tuple[ArticleResult, list[dict]]]):
    """Articles with claim rows → (links, {claim_id: evidence_status})."""
    results = [r for r, _ in parts]
    rows = [row for _, rs in parts for row in rs]
    links = link.link_evidence(results, rows, SOURCES)
    status = {row["claim_id"]: label.evidence_status(True, [ev for ev in links if ev.claim_id == row["claim_id"]])[0] for row in rows}
    return links, status


def only(links, claim_id: str):
    return [(ev.stance, ev.evidence_text, ev.evidence_source_id, ev.evidence_claim_id, ev.independent) for ev in links if ev.claim_id == claim_id]


def test_notes_absence_by_anaphor_and_by_topic(nlp):
    text = ("Interior Minister Aron Vale blamed the fires on saboteurs paid by a rival state. "
            "The ministry has offered no evidence to support its claims of foreign sabotage. "
            "A farmer named Tomas said officials \u201chaven\u2019t shown us a single saboteur.\u201d")
    parts = [article(nlp, "d1", text, [("s_gov", "the fires on saboteurs paid by a rival state", "blamed"),
                                       ("s_farmer", "officials \u201chaven\u2019t shown us a single saboteur.\u201d", "said")])]
    links, status = run(parts)
    got = only(links, "d1-c0")
    assert ("notes_absence", "The ministry has offered no evidence to support its claims of foreign sabotage.", None, None, True) in got
    assert any(s == "notes_absence" and c == "d1-c1" for s, _, _, c, _ in got)
    assert status["d1-c0"] == "unsupported"
    assert not only(links, "d1-c1")  # nobody says the farmer lacks evidence


def test_absence_said_of_someone_else_is_not_linked(nlp):
    text = ("Interior Minister Aron Vale said the fires were set by saboteurs. "
            "The local newspaper has offered no evidence for its claims about the mayor's budget.")
    links, status = run([article(nlp, "d1", text, [("s_gov", "the fires were set by saboteurs", "said")])])
    assert not links and status["d1-c0"] == "unverified"


def test_contrast_cue_links_the_author_and_the_named_source(nlp):
    text = ("Mayor Ines Borra said the count was fair and transparent, in stark contrast with the findings of the election monitors. "
            "In their report, the election monitors said the count \u201cwas marred by ballot stuffing.\u201d")
    parts = [article(nlp, "d1", text, [("s_mayor", "the count was fair and transparent", "said"),
                                       ("s_mon", "the count \u201cwas marred by ballot stuffing.\u201d", "said")])]
    links, status = run(parts)
    got = only(links, "d1-c0")
    assert ("contradicts", "in stark contrast with the findings of the election monitors", None, None, True) in got
    assert ("contradicts", "the count \u201cwas marred by ballot stuffing.\u201d", "s_mon", "d1-c1", True) in got
    assert status["d1-c0"] == "contradicted"


RETRACTION = ("what he said on the radio was false and that nobody had paid him", "s_driver", "d1-c1", False)


@pytest.mark.parametrize(("text", "claims", "expected", "status"), [
    # the same source takes it back later: a retraction, and the later statement is a claim of its own
    ("Karel Mund said on the radio that he had been paid to block the road. "
     "Two days later, Mund said what he said on the radio was false and that nobody had paid him.",
     [("s_driver", "he had been paid to block the road"), ("s_driver", RETRACTION[0])],
     [("retracts", *RETRACTION)], "retracted"),
    # another source denying it contradicts it
    ("The dockers' union said managers had cut wages by ten percent. Harbour Freight denied that wages had been cut.",
     [("s_union", "managers had cut wages by ten percent"), ("s_firm", "wages had been cut")],
     [("contradicts", "wages had been cut", "s_firm", "d1-c1", True)], "contradicted"),
    # a protester corroborating another protester is kept, not independent, and settles nothing
    ("A marcher named Lidia said riot police beat protesters near the station. "
     "A farmer named Tomas said riot police beat protesters near the station on Friday.",
     [("s_marcher", "riot police beat protesters near the station"), ("s_farmer", "riot police beat protesters near the station on Friday")],
     [("supports", "riot police beat protesters near the station on Friday", "s_farmer", "d1-c1", False)], "unverified"),
])
def test_claims_as_evidence(nlp, text, claims, expected, status):
    cue = {"s_firm": "denied"}
    links, got = run([article(nlp, "d1", text, [(src, content, cue.get(src, "said")) for src, content in claims])])
    assert only(links, "d1-c0") == expected
    assert got["d1-c0"] == status


@pytest.mark.parametrize(("source", "text", "content", "expected"), [
    # opposite polarity, the same actor ("officers") → contradicts
    ("s_chief", "The police chief said officers did not use tear gas at the march. "
     "On Sunday evening, officers fired tear gas at the marchers near the bridge.",
     "officers did not use tear gas at the march", ["contradicts"]),
    # opposite polarity of another actor → nothing
    ("s_chief", "The police chief said officers did not use tear gas at the march. "
     "Farmers used tear gas against wasps at the march of the bee-keepers.",
     "officers did not use tear gas at the march", []),
    # the author's next sentence answers with "Yet" and a negation → contradicts
    ("s_analysts", "Analysts said the army acted with restraint. "
     "Yet beating unarmed students in their dormitories cannot be described as restraint by any standard.",
     "the army acted with restraint", ["contradicts"]),
    # "the only opposition party" against "other opposition parties" → contradicts
    ("s_leader", "Pavel Ost said he leads the only opposition party in the region. "
     "Several other opposition parties took part in the regional vote last spring.",
     "he leads the only opposition party in the region", ["contradicts"]),
    # what the negation denies is more than the author asserts ("to perform surgery") → nothing
    ("s_council", "The city council said the clinic is not licensed in Verdon as a hospital to perform surgery. "
     "The clinic is licensed in the region as a hospital.",
     "the clinic is not licensed in Verdon as a hospital to perform surgery", []),
    # the author denies what the claim asserts, and more → contradicts
    ("s_council", "The city council said the clinic is licensed as a hospital to perform surgery. "
     "The clinic is not licensed at all.",
     "the clinic is licensed as a hospital to perform surgery", ["contradicts"]),
    # "in contrast with" two towns compares, it answers no statement → nothing
    ("s_mayor", "Mayor Ines Borra said the port reopened in May, in contrast with Tarsa and Velin, where it stayed shut.",
     "the port reopened in May", []),
])
def test_contradiction_rules(nlp, source, text, content, expected):
    links, status = run([article(nlp, "d1", text, [(source, content, "said")])])
    assert [s for s, *_ in only(links, "d1-c0")] == expected
    assert status["d1-c0"] == ("contradicted" if expected else "unverified")


def test_support_needs_the_same_figures(nlp):
    text = ("The health ministry said 40 patients were treated for smoke inhalation. "
            "Doctors at the city hospital treated 40 patients for smoke inhalation on Monday.")
    links, status = run([article(nlp, "d1", text, [("s_health", "40 patients were treated for smoke inhalation", "said")])])
    assert only(links, "d1-c0") == [("supports", "Doctors at the city hospital treated 40 patients for smoke inhalation on Monday.", None, None, True)]
    assert status["d1-c0"] == "supported"
    other = text.replace("treated 40", "treated 12")
    links, status = run([article(nlp, "d1", other, [("s_health", "40 patients were treated for smoke inhalation", "said")])])
    assert not links and status["d1-c0"] == "unverified"


@pytest.mark.parametrize(("event_a", "event_b", "linked"), [("port-strike", "port-strike", True), ("port-strike", "flood", False)])
def test_blocking_by_event(nlp, event_a, event_b, linked):
    a = article(nlp, "a", "The health ministry said 40 patients were treated for smoke inhalation in Varna.",
                [("s_health", "40 patients were treated for smoke inhalation in Varna", "said")], event=event_a)
    b = article(nlp, "b", "Doctors in Varna treated 40 patients for smoke inhalation on Monday night.", [], event=event_b)
    links, _ = run([a, b])
    assert bool(only(links, "a-c0")) is linked


def test_without_events_other_articles_must_share_a_name(nlp):
    a = article(nlp, "a", "The health ministry said 40 patients were treated for smoke inhalation in Varna.",
                [("s_health", "40 patients were treated for smoke inhalation in Varna", "said")])
    named = article(nlp, "b", "Doctors in Varna treated 40 patients for smoke inhalation on Monday night.", [])
    unnamed = article(nlp, "c", "Doctors treated 40 patients for smoke inhalation on Monday night.", [])
    links, _ = run([a, named, unnamed])
    assert {ev.evidence_doc_id for ev in links} == {"b"}


def test_links_are_sorted_and_reproducible(nlp):
    """Links come sorted by evidence_id, whatever the order of the claim rows, and the same on a second run."""
    from pipeline import ids

    parts = [article(nlp, "d1", "The police chief said officers did not use tear gas at the march. "
                     "On Sunday evening, officers fired tear gas at the marchers near the bridge. "
                     "A medic said officers fired tear gas at the marchers near the bridge on Sunday.",
                     [("s_chief", "officers did not use tear gas at the march", "said"),
                      ("s_medic", "officers fired tear gas at the marchers near the bridge on Sunday", "said")])]
    first, _ = run(parts)
    reversed_parts = [(result, rows[::-1]) for result, rows in parts]
    second, _ = run(reversed_parts)
    keys = [ids.evidence_id(x.claim_id, x.evidence_doc_id, x.evidence_text, x.stance) for x in first]
    assert len(first) >= 2  # more than one link, so that the order is tested
    assert keys == sorted(keys)
    assert first == second


@pytest.mark.parametrize(("text", "negated"), [
    ("Officers did not use tear gas.", True),
    ("The attackers made no demands.", True),
    ("The mayor never visited the camp.", True),
    ("Officers fired tear gas, albeit not officially.", False),
    ("Officers fired tear gas at the crowd.", False),
])
def test_negation_of_the_main_predicate(nlp, text, negated):
    words = next(iter(parse.sentence_records(nlp(text)))).words
    assert link.negation(words)[0] is negated


@pytest.mark.parametrize(("text", "scope"), [
    ("The clinic is not licensed as a hospital to perform surgery.", {"licens", "hospit", "perform", "surgeri"}),
    ("Officers did not use tear gas during the march.", {"tear", "gas", "march"}),
    ("The attackers made no demands.", None),  # the negation is on an object, not on the predicate
])
def test_the_scope_of_a_negation_is_the_negated_predicate_without_its_subject(nlp, text, scope):
    words = next(iter(parse.sentence_records(nlp(text)))).words
    st = link.Statement(key=0, doc_id="d", start=0, end=len(text), text=text, sentence_index=0, source_id=None, claim_id=None,
                        words=tuple(words), topic=link.topic_stems(words), context=frozenset(), names=frozenset(), negated=True,
                        negated_core=frozenset(), main=frozenset(), subject="")
    got = link.negated_scope(st)
    assert got == (None if scope is None else frozenset(scope)), got


@pytest.mark.parametrize(("text", "pieces"), [
    ("One sentence only.", ["One sentence only."]),
    ("A headline without a stop\n\nHe offered no proof.", ["A headline without a stop", "He offered no proof."]),
    ("First line\n \n\nSecond line", ["First line", "Second line"]),
])
def test_author_statements_stop_at_paragraph_breaks(text, pieces):
    sent = Sentence(0, 5, 5 + len(text), text)
    assert [text[a - 5 : b - 5] for a, b in link.paragraph_pieces(sent)] == pieces


@pytest.mark.parametrize(("text", "expected"), [
    ("Officers fired tear gas at the crowd.", True),
    ("Yet, beating unarmed students cannot be called restraint.", True),
    ("So just give us the tax returns of the last five years.", False),  # a command
    ("Partisan fireworks over the immunity deals.", False),  # no verb: a headline
])
def test_declarative(nlp, text, expected):
    assert link.declarative(next(iter(parse.sentence_records(nlp(text)))).words) is expected


@pytest.mark.parametrize(("published", "retracted"), [("2024-05-09", True), ("2024-05-01", False)])
def test_retraction_in_a_later_article_of_the_same_event(nlp, published, retracted):
    a = article(nlp, "a", "Karel Mund told state television that he had been paid to block the Varna road.",
                [("s_driver", "he had been paid to block the Varna road", "told")], event="varna-blockade", published="2024-05-02")
    b = article(nlp, "b", "Back home, Karel Mund said his story about being paid to block the Varna road was false.",
                [("s_driver", "his story about being paid to block the Varna road was false", "said")],
                event="varna-blockade", published=published)
    links, status = run([a, b])
    assert (status["a-c0"] == "retracted") is retracted
    assert bool([ev for ev in links if ev.stance == "retracts" and ev.evidence_doc_id == "b"]) is retracted


@pytest.mark.parametrize(("text", "claims", "claim", "stance"), [
    # a source disowning its own earlier words (a sports star, a politician)
    ("The player accused the coach of assaulting her in a post on Tuesday. "
     "On Friday she said: \u201cI have never said that the coach assaulted me.\u201d",
     [("s_marcher", "the coach of assaulting her in a post on Tuesday", "accused"),
      ("s_marcher", "I have never said that the coach assaulted me.", "said")], 0, "retracts"),
    ("Pavel Ost said the mayor had taken bribes from the port operator. "
     "Weeks later Ost said he had never claimed that the mayor took bribes from the port operator.",
     [("s_leader", "the mayor had taken bribes from the port operator", "said"),
      ("s_leader", "he had never claimed that the mayor took bribes from the port operator", "said")], 0, "retracts"),
])
def test_disowning_by_the_same_source(nlp, text, claims, claim, stance):
    links, _ = run([article(nlp, "d1", text, claims)])
    assert stance in {x.stance for x in links if x.claim_id == f"d1-c{claim}"}


@pytest.mark.parametrize(("cue", "text", "expected"), [
    ("said", "I have never said nor written anything accusing anyone", "never said"),
    ("said", "he had never claimed that the mayor took bribes", "never claimed"),
    ("denied", "ever having accused anyone of sexually assaulting her", "denied ever having accused"),
    ("denied", "she accused anyone of sexual assault", "denied she accused"),
    ("denies", "making the remarks about the judges", "denies making the remarks"),
    ("denied", "any involvement in the attack", None),  # a denial of a deed, not of words
    ("denied", "she made the call to the minister", None),
    ("said", "the company accused its rival of fraud", None),  # an accusation, not a disowning
])
def test_disowns_names_the_words_that_disown(nlp, cue, text, expected):
    words = tuple(parse.sentence_records(nlp(text)))[0].words
    fields = link._statement_fields(0, "d1", 0, len(text), text, 0, words, frozenset(), source_id="s_leader", claim_id="d1-c0", cue=cue)
    assert link.disowns(link.Statement(*fields)) == expected


@pytest.mark.parametrize(("parts", "claim"), [
    # the report gives the denial first and recalls the accusation after it (no order within an article)
    ([("d1", "The cyclist denied ever having accused anyone of doping her. In March the cyclist had accused her former "
             "team doctor of giving her banned drugs before the race.",
       [("s_marcher", "ever having accused anyone of doping her", "denied"),
        ("s_marcher", "her former team doctor of giving her banned drugs before the race", "accused")], None)], "d1-c1"),
    # another article, no event and no date, sharing no topic word with the claim: the source is the block
    ([("d1", "Lidia accused the harbour master of beating her in his office.",
       [("s_marcher", "the harbour master of beating her in his office", "accused")], None),
      ("d2", "Speaking on television, Lidia denied she accused anyone of assault.",
       [("s_marcher", "she accused anyone of assault", "denied")], None)], "d1-c0"),
])
def test_a_source_disowning_an_accusation_retracts_it(nlp, parts, claim):
    links, status = run([article(nlp, doc, text, claims, published=date) for doc, text, claims, date in parts])
    assert status[claim] == "retracted"
    assert any(x.stance == "retracts" and x.evidence_source_id == "s_marcher" for x in links if x.claim_id == claim)


@pytest.mark.parametrize("parts", [
    # an article published before the claim's cannot take it back
    [("d1", "Lidia accused the harbour master of beating her in his office.",
      [("s_marcher", "the harbour master of beating her in his office", "accused")], "2021-03-02"),
     ("d2", "Lidia denied she accused anyone of assault.", [("s_marcher", "she accused anyone of assault", "denied")], "2021-03-01")],
    # disowning any accusation says nothing of a claim that is no accusation and shares no topic with it
    [("d1", "Lidia said the ferry left the harbour at noon. Lidia denied ever having accused anyone of cheating.",
      [("s_marcher", "the ferry left the harbour at noon", "said"), ("s_marcher", "ever having accused anyone of cheating", "denied")], None)],
    # another source's denial is no retraction
    [("d1", "Lidia accused the harbour master of beating her in his office. Tomas denied ever having accused anyone of assault.",
      [("s_marcher", "the harbour master of beating her in his office", "accused"),
       ("s_farmer", "ever having accused anyone of assault", "denied")], None)],
])
def test_no_retraction_without_the_same_source_its_act_or_its_time(nlp, parts):
    links, status = run([article(nlp, doc, text, claims, published=date) for doc, text, claims, date in parts])
    assert status["d1-c0"] != "retracted"
    assert not [x for x in links if x.claim_id == "d1-c0" and x.stance == "retracts"]


@pytest.mark.parametrize(("text", "claims", "expected"), [
    # the denial answers the claim's own predicate ("had cut wages") → contradicts
    ("The dockers' union said managers had cut the wages of the crane drivers. Harbour Freight denied that managers had cut the wages of the crane drivers.",
     [("s_union", "managers had cut the wages of the crane drivers", "said"), ("s_firm", "that managers had cut the wages of the crane drivers", "denied")],
     {"contradicts"}),
    # the denial answers a clause the claim only mentions ("who has accused ..."), not what it asserts ("was a retraction")
    ("The health ministry said the letter was a retraction by Lidia, who has accused the harbour master of assault. "
     "Lidia denied she accused the harbour master of assault.",
     [("s_health", "the letter was a retraction by Lidia, who has accused the harbour master of assault", "said"),
      ("s_marcher", "she accused the harbour master of assault", "denied")], set()),
])
def test_a_denial_bears_on_what_the_claim_asserts(nlp, text, claims, expected):
    links, _ = run([article(nlp, "d1", text, claims)])
    assert {x.stance for x in links if x.claim_id == "d1-c0" and x.evidence_claim_id == "d1-c1"} == expected


def test_the_denial_itself_is_not_disowned(nlp):
    """'denied ever having accused anyone' is a negated claim: the source's 'I never said' repeats it, it does not retract it."""
    text = ("Lidia denied ever having accused anyone of assault. Lidia said: \u201cI have never said that anyone assaulted me.\u201d")
    links, status = run([article(nlp, "d1", text, [("s_marcher", "ever having accused anyone of assault", "denied"),
                                                   ("s_marcher", "I have never said that anyone assaulted me.", "said")])])
    assert status["d1-c0"] != "retracted"


@pytest.mark.parametrize(("text", "claims"), [
    # health: a ministry denies an illness, a relative asserts it (opposite polarity, same proposition)
    ("The health ministry said the woman was not beaten in custody by the police officers. "
     "Lidia said the woman was beaten in custody by the police officers.",
     [("s_health", "the woman was not beaten in custody by the police officers", "said"),
      ("s_marcher", "the woman was beaten in custody by the police officers", "said")]),
    # labour: a firm and a union on the same strike
    ("Harbour Freight said the dockers did not stop work at the northern terminal. "
     "The dockers' union said the dockers stopped work at the northern terminal.",
     [("s_firm", "the dockers did not stop work at the northern terminal", "said"),
      ("s_union", "the dockers stopped work at the northern terminal", "said")]),
])
def test_opposite_polarity_contradicts(nlp, text, claims):
    links, _ = run([article(nlp, "d1", text, claims)])
    assert "contradicts" in {x.stance for x in links if x.claim_id == "d1-c0"}


def test_a_different_proposition_on_the_same_topic_is_no_restatement(nlp):
    """Close in topic ('debate', 'vice presidential') but another predicate: no support."""
    text = ("Analysts said Pence was the clear winner of the vice presidential debate. "
            "The mayor said Kaine faces Pence in the only vice presidential debate on Tuesday.")
    links, _ = run([article(nlp, "d1", text, [("s_analysts", "Pence was the clear winner of the vice presidential debate", "said"),
                                              ("s_mayor", "Kaine faces Pence in the only vice presidential debate on Tuesday", "said")])])
    assert not [x for x in links if x.claim_id == "d1-c0" and x.stance == "supports"]


def test_a_retraction_reported_of_someone_else_is_not_the_sources_own(nlp):
    text = ("Mayor Ines Borra said the harbour had been closed to stop the strike. "
            "Later, Borra said Harbour Freight had tried to walk back its statement about the strike.")
    parts = [article(nlp, "d1", text, [("s_mayor", "the harbour had been closed to stop the strike", "said"),
                                       ("s_mayor", "Harbour Freight had tried to walk back its statement about the strike", "said")])]
    links, status = run(parts)
    assert not [ev for ev in links if ev.stance == "retracts"] and status["d1-c0"] != "retracted"


@pytest.mark.parametrize(("text", "cue", "subject"), [
    ("It is essential to recognise that the monitors have not presented any evidence.", "have not presented", "monitors"),
    ("The ministry failed to show any proof.", "failed to show", "ministry"),
    ("Nobody has seen the letter.", "has seen", "Nobody"),
])
def test_the_subject_of_a_cue_is_that_of_its_nearest_verb(nlp, text, cue, subject):
    (result, _), = [article(nlp, "d1", text, [])]
    corpus = link.Corpus([result], [], SOURCES)
    (e,) = corpus.statements
    start = e.start + text.index(cue)
    assert e.word_text(link.cue_subject(e, start, start + len(cue))[0]) == subject


def test_an_unattributed_quotation_is_not_the_authors_reporting(nlp):
    text = ("Pavel Ost said the port workers were paid to strike.\n\n"
            "\u201cThe port workers were paid to strike, all of them, every single one.\u201d")
    links, status = run([article(nlp, "d1", text, [("s_leader", "the port workers were paid to strike", "said")])])
    assert not links and status["d1-c0"] == "unverified"


def test_an_evaluation_the_author_sets_against_findings_is_a_matter_of_fact(nlp):
    text = ("Interior Minister Aron Vale said the count was flawless and fair, in stark contrast with the findings of the observers.")
    result, rows = article(nlp, "d1", text, [("s_gov", "the count was flawless and fair", "said")])
    rows[0]["checkworthy"] = False
    linked = link.link_corpus([result], rows, SOURCES)
    assert linked.promoted == {"d1-c0"}
    assert [ev.stance for ev in linked.links if ev.claim_id == "d1-c0"] == ["contradicts"]


@pytest.mark.parametrize(("first", "second", "supported"), [
    ("s_gov", "s_mon", True),  # a government and election monitors (international): known apart
    ("s_gov", "s_mayor", False),  # the same affiliation: not independent
    ("s_driver", "s_firm", False),  # two sources of no known affiliation ('other'): not known to be apart
])
def test_another_source_asserting_the_same_corroborates_it(nlp, first, second, supported):
    a = article(nlp, "a", "Karel Mund said ballots were burned at polling stations in the north.",
                [(first, "ballots were burned at polling stations in the north", "said")], event="vote")
    b = article(nlp, "b", "The statement said that in the northern region voting papers were set on fire at polling stations.",
                [(second, "in the northern region voting papers were set on fire at polling stations", "said")], event="vote")
    links, status = run([a, b])
    assert (status["a-c0"] == "supported") is supported
    assert any(ev.rationale.startswith("another source asserts the same") for ev in links if ev.claim_id == "a-c0") is supported


def test_a_denial_asserts_the_opposite_of_its_content(nlp):
    a = article(nlp, "a", "The health ministry denied that police had beaten the student in custody.",
                [("s_health", "that police had beaten the student in custody", "denied")], event="custody")
    b = article(nlp, "b", "Election monitors said police had beaten the student in custody.",
                [("s_mon", "police had beaten the student in custody", "said")], event="custody")
    links, status = run([a, b])
    assert {ev.stance for ev in links if ev.claim_id == "a-c0"} == {"contradicts"}
    assert status["a-c0"] == "contradicted"


@pytest.mark.parametrize(("claim", "evidence", "supported"), [
    ("more than 150 people have been killed in the unrest", "More than 300 people have been killed in the unrest.", True),
    ("more than 300 people have been killed in the unrest", "In the unrest, 451 protesters and 60 police officers have been killed.", True),
    ("451 protesters and 60 police officers have been killed in the unrest", "More than 300 people have been killed in the unrest.", False),
    ("more than 300 people have been killed in the unrest", "In the unrest, 120 people have been killed.", False),
    ("more than 300 people have been killed in the unrest", "In the unrest, 500 people have been arrested.", False),  # another count
    ("about 300 people were detained in the unrest", "In the unrest, 310 people were detained by the police.", True),
])
def test_a_figure_for_the_same_count_that_entails_the_claims_supports_it(nlp, claim, evidence, supported):
    a = article(nlp, "a", f"Analysts said {claim}.", [("s_analysts", claim, "said")], event="unrest")
    b = article(nlp, "b", evidence, [], event="unrest")
    links, _ = run([a, b])
    assert any(ev.rationale.startswith("gives a figure for the same count") for ev in links if ev.claim_id == "a-c0") is supported


@pytest.mark.parametrize(("text", "content", "cue", "unsupported"), [
    ("Pavel Ost claimed, without evidence, that the ballots had been burned.", "the ballots had been burned", "claimed", True),
    ("Pavel Ost repeated the claim that the ballots had been burned, without providing any proof.",
     "the ballots had been burned, without providing any proof", "repeated the claim", True),
    ("Pavel Ost said the ballots had been burned at night, without offering evidence.", "the ballots had been burned at night", "said", True),
    ("Pavel Ost said the police had acted without any evidence of a crime.", "the police had acted without any evidence of a crime", "said",
     False),  # part of what he said, not the author's qualifier
    ("Pavel Ost said \u201cthe ballots were burned, without any proof of who did it.\u201d",
     "the ballots were burned, without any proof of who did it.", "said", False),  # his own words
])
def test_the_author_qualifies_a_report_without_evidence(nlp, text, content, cue, unsupported):
    links, status = run([article(nlp, "d1", text, [("s_leader", content, cue)])])
    assert (status["d1-c0"] == "unsupported") is unsupported


# --- a preparation made before resolve (in the worker that parsed the article) --------------------

PREPARED_ARTICLES = {
    "p1": ("Interior Minister Aron Vale said police did not use force against the marchers in the square.\n\n"
           "Video footage shows police officers using force against the marchers in the square on Tuesday.\n\n"
           "Vale said the curfew would be lifted on Friday."),
    "p2": ("Lidia, a marcher, said police used force against the marchers in the square.\n\n"
           "Vale later said that what he had said about the marchers was false."),
}


def test_a_preparation_made_before_resolve_links_as_the_claim_rows_themselves(nlp):
    from pipeline.run.article import analyse_articles
    from pipeline.run.build import claim_rows

    results = list(analyse_articles([Article(d, f"{d}.txt", t, event="e1") for d, t in PREPARED_ARTICLES.items()], nlp))
    assignment = {(r.article.doc_id, i): ("s_gov" if "Vale" in c.source else "s_marcher")
                  for r in results for i, c in enumerate(r.claims)}
    direct_rows, prepared_rows = claim_rows(results, assignment), claim_rows(results, assignment)
    made = []

    def prepared(i, result):
        made.append(i)
        return link.prepare_article(result, link.placeholder_rows(result))

    direct = link.link_corpus(results, direct_rows, SOURCES)
    ready = link.link_corpus(results, prepared_rows, SOURCES, prepared=prepared)
    assert made == [0, 1] and direct.links  # something to compare: the footage contradicts the minister
    assert (ready.links, ready.clusters, ready.promoted) == (direct.links, direct.clusters, direct.promoted)
    assert [r["checkworthy"] for r in prepared_rows] == [r["checkworthy"] for r in direct_rows]
    assert all(isinstance(r["checkworthy"], bool) for r in prepared_rows)


def test_embedded_embeds_each_distinct_text_once_a_block_at_a_time(monkeypatch):
    """A claim's content is also its statement's text: the preparation embeds it once, in blocks of EMBED_BLOCK, and
    each text gets the vector embedding it alone gives."""
    import numpy as np

    from pipeline.stages import embed as embedding

    calls = []

    def counting(texts):
        calls.append(list(texts))
        return embedding.embed(texts)

    monkeypatch.setattr(link, "embed", counting)
    monkeypatch.setattr(link, "EMBED_BLOCK", 2)
    known = link.embedded({}, ["officers fired tear gas", "the march was calm"])
    known = link.embedded(known, ["the march was calm", "officers fired tear gas", "the bridge was closed", "the bridge was closed",
                                  "the vote was delayed"])
    assert calls == [["officers fired tear gas", "the march was calm"], ["the bridge was closed", "the vote was delayed"]]
    for text, vector in known.items():
        assert np.array_equal(vector, embedding.embed([text])[0])


def test_a_preparation_for_other_claim_rows_is_refused(nlp):
    from pipeline.run.article import analyse_articles
    from pipeline.run.build import claim_rows

    (result,) = analyse_articles([Article("p1", "p1.txt", PREPARED_ARTICLES["p1"])], nlp)
    rows = claim_rows([result], {("p1", i): "s_gov" for i in range(len(result.claims))})
    stale = link.prepare_article(result, link.placeholder_rows(result)[:-1])
    with pytest.raises(ValueError, match="not made for its claim rows"):
        link.Corpus([result], rows, SOURCES, prepared=lambda i, r: stale)


def test_claims_linked_in_parts_give_what_one_pass_gives(nlp):
    """The build links the claims in parts on forked processes: any number of parts, mapped by any ``each`` that
    keeps their order, gives the links, clusters and promotions of a single pass."""
    from pipeline.run import engine

    parts = [article(nlp, f"d{i}", "The police chief said officers did not use tear gas at the march. "
                     "A medic said officers fired tear gas at the marchers near the bridge on Sunday.",
                     [("s_chief", "officers did not use tear gas at the march", "said"),
                      ("s_medic", "officers fired tear gas at the marchers near the bridge on Sunday", "said")],
                     event="e1") for i in range(3)]
    results, rows = [r for r, _ in parts], [row for _, rs in parts for row in rs]
    one = link.link_corpus(results, [dict(r) for r in rows], SOURCES)
    assert one.links and len(set(one.clusters.values())) < len(one.clusters)  # links and clusters across articles
    for n, each in [(2, map), (3, lambda fn, items: reversed([fn(x) for x in reversed(list(items))])),
                    (6, lambda fn, items: engine.forked_map(fn, items, workers=2))]:
        many = link.link_corpus(results, [dict(r) for r in rows], SOURCES, parts=n, each=each)
        assert (many.links, many.clusters, many.promoted) == (one.links, one.clusters, one.promoted), n


def test_claim_parts_are_consecutive_runs_of_whole_articles(nlp):
    parts = [article(nlp, f"d{i}", "The mayor said the bridge would reopen. The mayor said the port was closed.",
                     [("s_mayor", "the bridge would reopen", "said"), ("s_mayor", "the port was closed", "said")][: 1 + i % 2])
             for i in range(5)]
    corpus = link.Corpus([r for r, _ in parts], [row for _, rs in parts for row in rs], SOURCES)
    keys = corpus.statements.claim_keys()
    for n in (1, 2, 3, 10):
        cut = link.claim_parts(corpus, n)
        assert [i for part in cut for i in part] == list(range(len(keys)))  # every claim once, in order
        assert len(cut) <= min(n, 5)
        starts = [part.start for part in cut[1:]]  # a part never splits an article
        assert all(corpus.statements.doc_index(keys[s]) != corpus.statements.doc_index(keys[s - 1]) for s in starts)


def test_words_are_read_back_as_the_words_they_were():
    import pickle

    from pipeline.records import Word

    words = (Word(0, 3, "the", "DET", "det", False, 4), Word(4, 9, "chief", "NOUN", "nsubj", True, 10))
    held = link.Words.of(words)
    back = pickle.loads(pickle.dumps(held))
    assert back == words and tuple(back) == words and back[1:] == words[1:] and len(back) == 2
    assert isinstance(back[0], Word) and back[0].lemma == "the"
    assert back[0] is back[0]  # made once: a rule may compare words by identity
    assert held == back and hash(held) == hash(back)
    assert pickle.loads(pickle.dumps(back)) == words  # read, then stored again


def test_a_part_gives_back_only_the_claims_it_finds_something_for(nlp):
    """Most claims have no link, no claim saying the same and no promotion: a part's result (pickled back from a
    forked process, held until merged) leaves them out."""
    result, rows = article(nlp, "d0", "The police chief said officers did not use tear gas at the march. "
                           "A medic said officers fired tear gas at the marchers near the bridge on Sunday. "
                           "The mayor said the library would open in May.",
                           [("s_chief", "officers did not use tear gas at the march", "said"),
                            ("s_medic", "officers fired tear gas at the marchers near the bridge on Sunday", "said"),
                            ("s_mayor", "the library would open in May", "said")])
    corpus = link.Corpus([result], rows, SOURCES)
    found = link.link_part(corpus, frozenset(r["claim_id"] for r in rows), range(3))
    assert [n for n, _ in found] == [0, 1]  # the two claims about tear gas answer each other; the library has nothing
    assert all(outcome.links for _, outcome in found)


@pytest.mark.parametrize(("a", "b", "same_source", "expected"), [
    # one source repeating itself: a figure, a quoted phrase, a finding restated
    ("more than 300 people have been killed in the unrest across the country",
     "more than 300 people have been killed, including eleven children", True, True),
    ("the city has been the victim of a \u201ccoordinated criminal sabotage.\u201d",
     "a \u201ccoordinated criminal sabotage -- one more attack on our port and our workers.\u201d", True, True),
    ("the guards used \u201cexcessive and indiscriminate lethal force\u201d against the strikers",
     "the guards employed \u201cexcessive and indiscriminate lethal force\u201d to break up the strike at the mine", True, True),
    # not a repetition: another source, the opposite polarity, another figure, one phrase in two long quotations
    ("more than 300 people have been killed in the unrest across the country",
     "more than 300 people have been killed, including eleven children", False, False),
    ("the guards used excessive and indiscriminate lethal force against the strikers",
     "the guards never used excessive and indiscriminate lethal force against the strikers", True, False),
    ("more than 300 people have been killed in the unrest", "more than 40 people have been killed in the unrest", True, False),
    ("We would", "We would, minister.", True, False),  # no content word repeated
    ("We know the mayor is trying to distract attention from the budget. The port is losing money, the schools are "
     "closing, and every family in this city is paying more for water than it did five years ago.",
     "The truth is that our candidate speaks plainly to voters. His critics are trying to distract attention, and the "
     "voters will see through it on election day when they choose who runs the harbour.", True, False),
])
def test_a_source_repeating_itself(nlp, a, b, same_source, expected):
    def statement(key, text, source_id):
        words = tuple(w for s in parse.sentence_records(nlp(text)) for w in s.words)
        return link.Statement(*link._statement_fields(key, "d1", 0, len(text), text, 0, words, frozenset(), source_id=source_id,
                                                      claim_id=f"d1-c{key}", cue="said"))
    assert link.repeats(statement(0, a, "s_leader"), statement(1, b, "s_leader" if same_source else "s_mayor")) is expected


@pytest.mark.parametrize(("text", "claims", "expected"), [
    # a third party found no evidence of the claims it names by their source, or points back at
    ("Interior Minister Aron Vale said saboteurs from abroad had set the fires. The election monitors said they had "
     "not seen credible evidence that the minister's claims were true.",
     [("s_gov", "saboteurs from abroad had set the fires", "said"),
      ("s_mon", "they had not seen credible evidence that the minister's claims were true", "said")], True),
    ("Mayor Ines Borra said the count was fair and transparent. Reuters could not independently verify the claims.",
     [("s_mayor", "the count was fair and transparent", "said")], True),
    ("Mayor Ines Borra said the count was fair and transparent. The monitors said they had not seen any evidence that "
     "these claims were true.", [("s_mayor", "the count was fair and transparent", "said"),
                                 ("s_mon", "they had not seen any evidence that these claims were true", "said")], True),
    ("Harbour Freight said the strike had cost it two million euros. Analysts said they were unable to verify "
     "the company's figures, and the union's account was not confirmed either.",
     [("s_firm", "the strike had cost it two million euros", "said")], False),  # 'figures' is no claim noun; the union is not the firm
    # not said of this claim: another source's claims, the looker's own ('its claims'), a claim made after it
    ("Mayor Ines Borra said the count was fair and transparent. The election monitors have not seen any evidence "
     "that the union's claims are true.",
     [("s_mayor", "the count was fair and transparent", "said")], False),
    ("Mayor Ines Borra said the count was fair and transparent. The dockers' union said it could not verify its "
     "claims about the port.",
     [("s_mayor", "the count was fair and transparent", "said"),
      ("s_union", "it could not verify its claims about the port", "said")], False),
    ("Reuters could not independently verify the claims. Mayor Ines Borra said the count was fair and transparent.",
     [("s_mayor", "the count was fair and transparent", "said")], False),
])
def test_absence_found_by_a_third_party(nlp, text, claims, expected):
    links, status = run([article(nlp, "d1", text, claims)])
    assert ("notes_absence" in {x.stance for x in links if x.claim_id == "d1-c0"}) is expected
    assert (status["d1-c0"] == "unsupported") is expected


@pytest.mark.parametrize(("text", "claim", "cue", "head"), [
    ("However, the White House tried to walk back the comment, claiming that the president meant something else.",
     "the president meant something else", "claiming", "However, the White House tried to walk back the comment"),
    ("Police fired tear gas at the crowd near the station, saying protesters had thrown stones.",
     "protesters had thrown stones", "saying", "Police fired tear gas at the crowd near the station"),
    # no head of the author's: another claim's words before the cue, 'according to', too few words, a question
    ("\u201cWe will win the vote,\u201d the mayor said, adding that the count was fair.", "the count was fair", "adding", None),
    ("Clinton leads Trump by 46 percent to 42 percent, according to the poll.", "Clinton leads Trump by 46 percent to 42 percent",
     "according to", None),
    ("He then defended the remark, saying it was a joke.", "it was a joke", "saying", None),
])
def test_the_authors_clause_before_a_participle_cue(nlp, text, claim, cue, head):
    result, rows = article(nlp, "d1", text, [("s_mayor", claim, cue)])
    words = {id(r): [w for s in result.sentences for w in s.words if w.start >= r["content_start"] and w.end <= r["content_end"]]
             for r in rows}
    authors = [f for f in link._article_statements(result, rows, list(result.sentences), lambda r: words[id(r)])
               if f[link._FIELDS.index("source_id")] is None]
    heads = [f[link._FIELDS.index("text")] for f in authors if f[link._FIELDS.index("end")] <= rows[0]["cue_start"]]
    assert heads == ([head] if head else [])


@pytest.mark.parametrize("words", [
    ["demonstrators", "demonstration", "generously", "poisoning", "novichok", "elections", "legitimate", "bribery"],
    ["sky", "news", "dying", "agreed", "succeeded", "arguing", "communism", "tbilisi", "doesn't", "19th"],
])
def test_the_stemmer_gives_the_pure_python_snowball_stems(words):
    """link.stem goes through snowballstemmer, which uses PyStemmer (C) when it is installed: the stems, and so every
    topic, block and link, are those of the pure-Python Snowball stemmer either way."""
    from snowballstemmer.english_stemmer import EnglishStemmer

    pure = EnglishStemmer()
    assert [link.stem(w) for w in words] == [pure.stemWord(w) for w in words]
