"""Cue lexicons for the linking stage (codebook section 4), kept as data.

Each lexicon is a tuple of regular-expression fragments, matched case-insensitively on
text whose apostrophes and quotation marks are made plain (’ → ', “ ” → "). The rules
in ``pipeline/link.py`` combine a cue with what the cue points at (a source, a claim,
the claim's topic); no cue decides a stance alone.
"""
from __future__ import annotations

import re
from functools import lru_cache

_NEG = r"(?:not|n't|never|no)"
_SHOW = (r"(?:show|shown|showed|present|presented|produce|produced|provide|provided|offer|offered|give|given|gave|cite|cited|release|released"
         r"|publish|published|furnish|furnished)")
_PROOF = r"(?:evidence|proof|details?|substantiation|documentation|facts|examples?|names?|data)"

# The evidence says that no evidence has been shown for a claim ("notes_absence").
ABSENCE: tuple[str, ...] = (
    rf"\bno (?:\w+ ){{0,2}}{_PROOF}\b",  # "no evidence", "no hard evidence", "no further details"
    rf"\b(?:has|have|had|did|does|do)(?: not|n't|never) (?:yet )?{_SHOW}\b",  # "has not produced", "haven't shown"
    rf"\b{_SHOW} (?:no|little) (?:\w+ ){{0,2}}{_PROOF}\b",  # "presented no evidence", "gave no details"
    rf"\bwithout (?:\w+ ){{0,2}}{_PROOF}\b",  # "without evidence", "without offering any proof"
    rf"\b{_NEG} (?:a )?(?:single )?(?:shred|scrap|piece) of (?:evidence|proof)\b",
    r"\b(?:unsubstantiated|unproven|uncorroborated|unsupported by evidence)\b",
    r"\bfailed to (?:\w+ )?(?:show|present|produce|provide|offer|back up|substantiate|prove)\b",
)

# Absence found by a third party, who looked for evidence of someone else's claim: its subject is the one who
# looked ("we have not seen credible evidence that ...", "Reuters could not independently verify the claims").
ABSENCE_FOUND: tuple[str, ...] = (
    rf"\b(?:has|have|had)(?: not|n't| never) (?:yet )?seen (?:any )?(?:\w+ ){{0,2}}{_PROOF}\b",
    r"\b(?:could not|couldn't|can ?not|can't|(?:was|were|is|are|has been|have been)(?: not|n't) able to|(?:was|were|is|are) unable to)"
    r"(?: be)? (?:independently )?(?:verif(?:y|ied)|confirm(?:ed)?|corroborat(?:e|ed))\b",
)

# What a third party's absence is of, after its cue: someone's claims ("that the Belarusian claims are true",
# "the ministry's account"); the words before the noun may name whose.
CLAIM_NOUN: str = r"(?:claims?|allegations?|accusations?|assertions?|version|account|narrative)"
CLAIM_DETERMINERS: tuple[str, ...] = ("the", "these", "those", "such", "that", "this")  # say nothing of whose claims
ABSENCE_OF_RE = re.compile(rf"^\W*(?:\w+ ){{0,4}}?(?:{'|'.join(CLAIM_DETERMINERS)})? ?(?P<whose>(?:[\w'-]+ ){{0,3}}?){CLAIM_NOUN}\b", re.I)

# The author qualifies a report in its own sentence: "claimed, without evidence, that ...", "..., without providing proof".
QUALIFIER_RE = re.compile(
    r",\s*(?:and\s+)?(without (?:(?:providing|offering|giving|citing|presenting|producing|showing|supplying) )?(?:any )?"
    r"(?:\w+ )?(?:evidence|proof)\b[^,.;:!?\n]*)", re.I)

# The claim's own source takes it back ("retracts"); only counted for the same source.
RETRACTION: tuple[str, ...] = (
    r"\b(?:was|were|is|are|had been) (?:all |entirely |completely )?(?:false|untrue|not true|a lie|lies|made up|fabricated|invented)\b",
    r"\bfalse (?:confession|story|statement|testimony|account)\b",
    r"\bconfess(?:ed|ing)? to (?:a |something )?(?:false|untrue|made-up)\b",
    r"\b(?:took|take|takes|taking) (?:it |that |those |these |his |her |their |my )?(?:words? |claims? |statements? |remarks? )?back\b",
    r"\b(?:retract|retracted|retracts|retracting|recant|recanted|recants|recanting)\b",
    r"\b(?:withdrew|withdrawn|withdraws|withdrawing) (?:his|her|their|my|the|its) (?:\w+ )?(?:statement|claim|remark|allegation|confession|testimony"
    r"|accusation)s?\b",
    r"\bwalk(?:ed|s|ing)? back\b",
    r"\b(?:forced|pressured|coerced|made) to (?:say|confess|admit)\b",
    r"\bunder (?:duress|pressure|torture)\b",
    r"\bmisspoke\b",
)

# The source disowns words of its own: a negated verb of saying or accusing ("I have never said", "did not accuse").
DISOWNING: tuple[str, ...] = (
    r"\b(?:never|not|n't|no longer) (?:\w+ )?(?:said|say|says|written|wrote|write|accused|accuse|claimed|claim|alleged)\b",
    r"\b(?:never|not|n't) (?:\w+ )?made (?:any|such|that) (?:\w+ )?(?:claim|accusation|allegation)s?\b",
    r"\b(?:denied|denies|deny|denying) (?:ever )?(?:having )?(?:said|made|accused|claimed|alleged)\b",
)
# An act of accusing (a claim's cue, a disowning's verb) and a disowning that covers every one ("never accused anyone").
ACCUSING: tuple[str, ...] = (r"\b(?:accus|alleg)\w*",)
ANY_ONE: tuple[str, ...] = (r"\b(?:anyone|anybody|anything|any one|any person|any official)\b",)
# What a claim whose cue denies disowns when its content opens with an act of saying or accusing: "Peng denied [ever
# having accused anyone of ...]", "the minister denies [making the remarks]", "she denied [she had said that]".
DENIED_ACT: tuple[str, ...] = (
    r"^(?:\w+ ){0,2}?(?:ever )?(?:having |had |has |have )?(?:ever )?(?:said|saying|accused|accusing|claimed|claiming|alleged|alleging"
    r"|wrote|written|writing)\b",
    r"^(?:\w+ ){0,2}?(?:ever )?(?:having |had )?(?:made|making) (?:\w+ ){0,2}?(?:remarks?|comments?|claims?|statements?|accusations?"
    r"|allegations?)\b",
)

# The author sets a statement against other evidence ("in stark contrast with independent reports").
CONTRAST: tuple[str, ...] = (
    r"\bin (?:\w+ )?contrast (?:with|to)\b",
    r"\bcontrary to\b",
    r"\bcontradict(?:s|ed|ing)?\b",
    r"\bat odds with\b",
    r"\binconsistent with\b",
    r"\bbelied by\b",
)
# What a contrast cue must set the statement against to count: a statement, or a source (checked in link.py).
STATEMENT_NOUNS: tuple[str, ...] = (
    r"\b(?:reports?|findings?|claims?|statements?|evidence|data|records?|accounts?|assessments?|figures|testimony|"
    r"testimonies|footage|observations?|conclusions?|results|documents?|what)\b",
)

# A statement denies another or calls it false.
DENIAL: tuple[str, ...] = (
    r"\b(?:denied|denies|deny|denying)(?= (?:that|it|this|those|these|any|ever|having|being|wrongdoing|(?:the|his|her|their|such) (?:\w+ )?(?:claims?"
    r"|allegations?|accusations?|reports?|charges?|story|account|rumou?rs?)))",
    r"\b(?:refuted|refutes|refute|rebutted|rebuts)\b",
    r"\bfabricat(?:ed|ion)\b",
    r"\b(?:was|were|is|are|been) (?:completely |entirely |totally |simply )?(?:false|untrue|not true|wrong|incorrect|baseless|groundless|a lie|lies|fake)\b",
    r"\b(?:false|baseless|groundless|bogus|fabricated|unfounded) (?:claims?|allegations?|accusations?|reports?|assertions?|charges?)\b",
    r"\bno truth (?:to|in)\b",
    r"\b(?:never|did not|didn't) happen(?:ed)?\b",
)

# Words that open a sentence that answers the one before ("But ...", "Yet, ...").
CONTRAST_OPENERS: tuple[str, ...] = (r"^(?:but|yet|however|still|nevertheless|nonetheless|in fact|in reality|actually)\b",)

# Words that point back at an earlier statement: "its claims", "what he said", "the allegations".
ANAPHORA: tuple[str, ...] = (
    r"\b(?:its|his|her|their|the|these|those|such|that|this|my|our) (?:\w+ )?(?:claims?|allegations?|accusations?|assertions?|statements?|remarks?|words"
    r"|version|account|narrative|story|confession|charges?|theory)\b",
    r"\bwhat (?:he|she|they|i|we|it) (?:had )?(?:said|told|claimed|stated|alleged|confessed)\b",
    r"\bthe (?:government|authorities|police|officials?)'s? (?:\w+ )?(?:claims?|version|narrative|account)\b",
)

# A claim that something is the only one of its kind ("the only opposition movement").
EXCLUSIVE: str = r"\b(?:the|its|their|his|her) (?:only|sole|single|lone) (?P<head>(?:\w+ ){0,2}\w+)"

# Words so general that sharing them says nothing about a shared topic (compared as stems).
GENERIC_WORDS: tuple[str, ...] = tuple(
    "say tell note add ask call claim report accord people person thing time year day week month way lot part "
    "get go make take come know see want think use include mr mrs ms also one two would could".split()
)

# Words for a second instance of something ("the various faces of the opposition").
PLURAL_MARKERS: tuple[str, ...] = (r"\b(?:various|other|another|several|many|rival|second|numerous|multiple|different)\b",)

# Reporting verbs: a sentence holding one with a subject reports someone, it is not the author speaking.
REPORTING_LEMMAS: frozenset[str] = frozenset("say tell claim insist state add note argue assert explain".split())

# Words of source names that say nothing of a side ("the campaign", "the ministry"): not compared by same_side.
SIDE_STOPWORDS: frozenset[str] = frozenset(
    "the campaign ministry office committee national state new york department party spokesperson spokesman official officials".split())

PRONOUN_SUBJECTS: frozenset[str] = frozenset({"he", "she", "they", "it", "i", "we"})

# Words before a figure that bound it: "more than 300" is at least 300, "nearly 300" at most 300.
FIGURE_AT_LEAST: tuple[str, ...] = ("more than", "over", "at least", "upwards of", "in excess of", "above")
FIGURE_AT_MOST: tuple[str, ...] = ("fewer than", "less than", "under", "up to", "nearly", "almost", "at most", "below")
FIGURE_ABOUT: tuple[str, ...] = ("about", "around", "some", "roughly", "approximately", "an estimated", "estimated")
FIGURE_SLACK = 0.2  # "about 300" is 240 to 360
# Nouns that count anyone: "300 people" may be "451 protesters".
COUNTED_ANYONE: frozenset[str] = frozenset({"people", "person", "individual", "civilian", "resident", "citizen"})

# Collective words by which a statement names the kind of actor a source is ("the government has not shown").
ACTOR_TERMS: dict[str, tuple[str, ...]] = {
    "government": ("government", "authorities", "officials", "official", "regime", "administration", "ministry",
                   "police", "prosecutors", "prosecution", "state", "kremlin", "security forces"),
    "opposition": ("opposition",),
    "protester": ("protesters", "demonstrators", "protestors"),
    "civil_society": ("activists", "rights groups", "campaigners"),
    "international": ("observers", "observer mission", "diplomats", "mission"),
    "expert": ("experts", "analysts"),
    "media": ("media", "broadcaster", "broadcasters", "journalists"),
}

NEGATION_LEMMAS: frozenset[str] = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor", "without"})


def compile_all(patterns: tuple[str, ...]) -> re.Pattern:
    """Regex fragments → one case-insensitive alternation."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


ABSENCE_RE = compile_all(ABSENCE + ABSENCE_FOUND)
ABSENCE_FOUND_RE = compile_all(ABSENCE_FOUND)
RETRACTION_RE = compile_all(RETRACTION)
DISOWNING_RE = compile_all(DISOWNING)
DENIED_ACT_RE = compile_all(DENIED_ACT)
ACCUSING_RE = compile_all(ACCUSING)
ANY_ONE_RE = compile_all(ANY_ONE)
CONTRAST_RE = compile_all(CONTRAST)
STATEMENT_NOUNS_RE = compile_all(STATEMENT_NOUNS)
DENIAL_RE = compile_all(DENIAL)
OPENER_RE = compile_all(CONTRAST_OPENERS)
ANAPHORA_RE = compile_all(ANAPHORA)
PLURAL_MARKERS_RE = compile_all(PLURAL_MARKERS)
EXCLUSIVE_RE = re.compile(EXCLUSIVE, re.I)

_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def plain(text: str) -> str:
    """Text → the same text with typographic quotes and dashes made plain (same length)."""
    return text.translate(_PLAIN)


@lru_cache(maxsize=1 << 16)
def search(pattern: re.Pattern, text: str) -> re.Match | None:
    """(compiled cue lexicon, text) → the first match in the plain form of the text (offsets hold for the text too)."""
    return pattern.search(plain(text))


@lru_cache(maxsize=1 << 16)
def find(pattern: re.Pattern, text: str) -> str | None:
    """(compiled cue lexicon, text) → the first cue found, as written, or None."""
    m = pattern.search(plain(text))
    return text[m.start() : m.end()] if m else None
