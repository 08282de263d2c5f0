"""The claim extractor on sentences written for these tests (no corpus text).

Each row of a table is (text, expected): the expected claims as dicts of the fields
that matter for the case, in content order. A field left out is not checked.
"""
from __future__ import annotations

import pytest

from pipeline.records import AttributedClaim
from pipeline.stages.extract import (
    according_to_claims,
    colon_and_dash_claims,
    extract_claims,
    quote_spans,
    reporting_verb_claims,
)
from pipeline.vocab import QUOTE_TYPES, SOURCE_TYPES


def claims_of(nlp, text: str) -> list[AttributedClaim]:
    return list(extract_claims(nlp(text)))


def check(claims: list[AttributedClaim], expected: list[dict]) -> None:
    assert len(claims) == len(expected), [(c.source, c.cue, c.content) for c in claims]
    for claim, want in zip(claims, expected):
        for field, value in want.items():
            got = getattr(claim, field)
            if field == "role":
                assert got is not None and value in got, (field, got, value)
            else:
                assert got == value, (field, got, value, claim)


CUES = [
    # quotation, cue after it
    ("“The bridge will open in May,” the mayor said.",
     [dict(content="The bridge will open in May", source="the mayor", cue="said", quote_type="direct")]),
    # inverted cue, apposition kept in the source as written
    ("“Prices are falling,” said Maria Lopez, an economist at the central bank.",
     [dict(content="Prices are falling", entity="Maria Lopez", cue="said", quote_type="direct")]),
    # colon after the verb
    ("The minister said: “We have enough grain for the winter.”",
     [dict(content="We have enough grain for the winter.", source="The minister", quote_type="direct")]),
    # colon with no verb
    ("Harlan Voss: “The budget is balanced and the debt is falling.”",
     [dict(content="The budget is balanced and the debt is falling.", cue=":", entity="Harlan Voss")]),
    # indirect, with and without "that"
    ("The governor said the factory would close next year.",
     [dict(content="the factory would close next year", source="The governor", quote_type="indirect")]),
    ("Engineers said that three roads were flooded.",
     [dict(content="three roads were flooded", source="Engineers", source_type="group")]),
    # indirect with the cue after the clause
    ("The river rose by two meters overnight, the agency said.",
     [dict(content="The river rose by two meters overnight", source="the agency", cue="said")]),
    # according to
    ("According to the weather service, the storm will reach the coast on Sunday.",
     [dict(content="the storm will reach the coast on Sunday", source="the weather service", cue="According to")]),
    # a negation inside the quotation does not negate the cue
    ("“Is the city ready? Probably not,” the fire chief said.",
     [dict(content="Is the city ready? Probably not", source="the fire chief", quote_type="direct")]),
    # a parenthetical cue in the middle of the sentence
    ("But to avoid delays, she said, voters should arrive early.",
     [dict(content="voters should arrive early", source="she", quote_type="indirect")]),
    # a multiword cue after the verb is part of the cue
    ("The ministry said in a statement that the border would reopen.",
     [dict(content="the border would reopen", cue="said in a statement")]),
    # by-passive
    ("The figures were disputed by the union, which called them “pure fiction.”",
     [dict(content="them “pure fiction.”", cue="called", quote_type="mixed")]),
    # participle keeps the outer subject
    ("The coach praised the players, saying “They never gave up.”",
     [dict(content="the players", cue="praised"),
      dict(content="They never gave up.", source="The coach", cue="saying", quote_type="direct")]),
    ("“We are ready,” the captain said, adding that the ship would sail at dawn.",
     [dict(content="We are ready", source="the captain", cue="said"),
      dict(content="the ship would sail at dawn", source="the captain", cue="adding", quote_type="indirect")]),
]

QUOTE_TYPES_CASES = [
    # mixed: reported speech that quotes some words
    ("The senator blamed the delay on “reckless spending” by the city council.",
     [dict(content="the delay on “reckless spending” by the city council", cue="blamed", quote_type="mixed")]),
    ("The director said the film was “a love letter to the city.”",
     [dict(content="the film was “a love letter to the city.”", quote_type="mixed")]),
    # direct quotation after "that"
    ("The judge said that “no one is above the law.”",
     [dict(content="no one is above the law.", quote_type="direct")]),
]

CONTINUATION_AND_NESTING = [
    # a quotation continuing in the next sentence with no cue of its own
    ("“The water is rising fast,” said Anna Berg. “We moved the children upstairs.”",
     [dict(content="The water is rising fast", entity="Anna Berg"),
      dict(content="We moved the children upstairs.", entity="Anna Berg", quote_type="direct")]),
    # nested attribution: the outer source only
    ("The farmer said his neighbor told him that the well was poisoned.",
     [dict(content="his neighbor told him that the well was poisoned", source="The farmer")]),
    ("“My brother said the dam would break,” the fisherman told reporters.",
     [dict(content="My brother said the dam would break", source="the fisherman", cue="told")]),
]

RESOLUTION = [
    # pronoun -> most recent person
    ("Tomas Weller, a retired pilot, lives near the airport. He said the noise had doubled.",
     [dict(source="He", entity="Tomas Weller", content="the noise had doubled", source_type="person")]),
    # description -> the entity the text described with that noun
    ("The concert was led by Ilse Varga, a well-known pianist. The pianist said the hall was too cold.",
     [dict(source="The pianist", entity="Ilse Varga")]),
    # description through a broader noun ("the analyst" after "political scientist X")
    ("Political scientist Aaron Kolb has studied elections for years. The analyst said turnout would fall.",
     [dict(source="The analyst", entity="Aaron Kolb", role="scientist")]),
    # a title before a name makes a later "the <title>" refer to it
    ("Governor Ada Lind visited the port. The governor said the harbor would be dredged.",
     [dict(source="The governor", entity="Ada Lind")]),
    # surname -> earlier full name; title kept in the role, not in the entity
    ("Mayor Clara Benton opened the fair. Later, Benton said the fair had drawn record crowds.",
     [dict(source="Benton", entity="Clara Benton")]),
    ("Sen. Rob Hale said the bill was dead.",
     [dict(entity="Rob Hale", role="Sen.", source_type="person")]),
    # relative pronoun as written, resolved to its antecedent
    ("The plan was drafted by Nora Quist, who said it would save money.",
     [dict(source="who", entity="Nora Quist", content="it would save money")]),
    # a name given by "named"
    ("A farmer named Pedro told reporters that the harvest had failed.",
     [dict(entity="Pedro", content="the harvest had failed")]),
]

SOURCE_TYPES_CASES = [
    ("A senior diplomat said the talks had collapsed.", [dict(source_type="anonymous")]),
    ("Officials who spoke on condition of anonymity said the plant was shut.", [dict(source_type="anonymous")]),
    ("Demonstrators said police fired tear gas at the crowd.", [dict(source_type="group")]),
    ("The Red Cross said two hospitals had run out of fuel.", [dict(source_type="organization")]),
]

NOT_CLAIMS = [
    "The town has 4,000 residents and two schools.",  # the author's own statement
    "Protesters chanted “Down with the tax!” outside the hall.",  # a chant
    "The slogan “Bread and work!” was painted on the walls.",  # a slogan
    "The crowd shouted “Shame!” as the minister left.",  # a chant
    "The president called in troops after the riot.",  # an action
    "Hundreds protested against the arrest of the editor.",  # an action
    "She saw smoke rising from the roof of the depot.",  # perception
    "He felt the ground shake under his feet.",  # feeling
    "The company did not say whether the plant would reopen.",  # no assertion
    "He was promised money and a job.",  # passive, no source
    "The mayor tried to calm the crowd by announcing a curfew.",  # the means of an action
]

MARKS = [
    # guillemets, straight and mixed quotation marks
    ("«The border stays closed», the minister said.", "The border stays closed"),
    ('"We will appeal," the lawyer said.', "We will appeal"),
    ("“The road is closed,\" the officer said.", "The road is closed"),
    ("''The vote was fair,'' the observer said.", "The vote was fair"),
]

UNBALANCED = [
    "“This never ends, the official said. Then he left.",
    "The official said the “talks were over.",
    "He said ” nothing “ at all.",
    "“”",
    "“ ",
    "«»«",
    "She said: ‘we stay’ and “go",
]


@pytest.mark.parametrize("text,expected", CUES + QUOTE_TYPES_CASES + CONTINUATION_AND_NESTING + RESOLUTION)
def test_claims(nlp, text, expected):
    check(claims_of(nlp, text), expected)


@pytest.mark.parametrize("text,expected", SOURCE_TYPES_CASES)
def test_source_types(nlp, text, expected):
    check(claims_of(nlp, text), expected)


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_claims(nlp, text):
    assert claims_of(nlp, text) == [], text


@pytest.mark.parametrize("text,content", MARKS)
def test_quotation_marks(nlp, text, content):
    check(claims_of(nlp, text), [dict(content=content, quote_type="direct", source="the " + text.split(" the ")[-1].split()[0])])


@pytest.mark.parametrize("text", UNBALANCED)
def test_unbalanced_marks_never_crash(nlp, text):
    for claim in claims_of(nlp, text):
        assert text[claim.start:claim.end] == claim.content


ALL_TEXTS = [t for t, _ in CUES + QUOTE_TYPES_CASES + CONTINUATION_AND_NESTING + RESOLUTION + SOURCE_TYPES_CASES] + [
    t for t, _ in MARKS] + UNBALANCED + [
    "Ana Ruiz, the mayor, said the budget was “balanced.” “We cut nothing,” she added. Critics disagreed.\n\n"
    "“The numbers are wrong,” said Ben Ode, an accountant. According to Ode, the city owes $3 million.",
]


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_offsets_and_fields(nlp, text):
    doc = nlp(text)
    sents = list(doc.sents)
    claims = list(extract_claims(doc))
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for c in claims:
        assert doc.text[c.start:c.end] == c.content
        assert c.content.strip() == c.content and any(ch.isalnum() for ch in c.content)
        assert c.quote_type in QUOTE_TYPES
        assert c.source_type is None or c.source_type in SOURCE_TYPES
        if c.source_start is not None:
            assert doc.text[c.source_start:c.source_end] == c.source
        if c.cue_start is not None:
            assert doc.text[c.cue_start:c.cue_end] == c.cue
        assert sents[c.sentence_index].start_char <= c.start < sents[c.sentence_index].end_char
        assert not c.content.endswith(",")
    # no two claims from the same cue with overlapping content
    for a in claims:
        for b in claims:
            if a is not b and a.cue_start == b.cue_start:
                assert a.end <= b.start or b.end <= a.start


@pytest.mark.parametrize("text,spans", [
    ("a “b” c", [(2, 5)]),
    ("don’t “go” now", [(6, 10)]),
    ("“a ‘b’ c”", [(0, 9)]),
    ("“open only", []),
    ("closing only” here", []),
    ("«x» and ‹y›", [(0, 3), (8, 11)]),
    ('He said "yes" and "no".', [(8, 13), (18, 22)]),
])
def test_quote_spans(text, spans):
    assert [(q.start, q.end) for q in quote_spans(text)] == spans


@pytest.mark.parametrize("func,text,content", [
    (reporting_verb_claims, "The governor said the factory would close next year.", "the factory would close next year"),
    (reporting_verb_claims, "According to the agency, exports fell sharply.", None),
    (according_to_claims, "According to the agency, exports fell sharply.", "exports fell sharply"),
    (according_to_claims, "The governor said the factory would close next year.", None),
    (colon_and_dash_claims, "“The schools are too crowded.” ― Lena Horvath", "The schools are too crowded."),
    (colon_and_dash_claims, "HOLT: The debate will start at nine and last ninety minutes.",
     "The debate will start at nine and last ninety minutes"),
    (colon_and_dash_claims, "Correction: An earlier version misstated the date of the vote.", None),
])
def test_cue_kinds_one_by_one(nlp, func, text, content):
    claims = list(func(nlp(text)))
    assert [c.content for c in claims] == ([content] if content else [])
