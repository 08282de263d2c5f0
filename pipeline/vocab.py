"""The label vocabulary of the dataset and what each label means, defined once (docs/codebook.md).

Every other place that names a label (GX suites, the dataset card, the loader's
ordered categoricals) reads it from here, and a test checks that they agree.
"""
from __future__ import annotations

QUOTE_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")

SOURCE_TYPES: tuple[str, ...] = ("person", "organization", "group", "anonymous")

AFFILIATIONS: tuple[str, ...] = (
    "government",
    "opposition",
    "civil_society",
    "protester",
    "expert",
    "international",
    "media",
    "other",
)

CLAIM_TYPES: tuple[str, ...] = (
    "event_property",
    "numerical",
    "causal",
    "quote_verification",
    "position_statement",
)

STANCES: tuple[str, ...] = ("supports", "contradicts", "notes_absence", "retracts")

# Evidence status: the codebook's table, in rule order (the first rule that applies wins).
EVIDENCE_STATUSES: tuple[str, ...] = (
    "not_checkable",
    "retracted",
    "unsupported",
    "contradicted",
    "supported",
    "disputed",
    "unverified",
)

AVERITEC_LABELS: dict[str, str | None] = {
    "not_checkable": None,
    "retracted": "Conflicting Evidence/Cherrypicking",
    "unsupported": "Not Enough Evidence",
    "contradicted": "Refuted",
    "supported": "Supported",
    "disputed": "Conflicting Evidence/Cherrypicking",
    "unverified": "Not Enough Evidence",
}

FEVER_LABELS: dict[str, str | None] = {
    "not_checkable": None,
    "retracted": "NOT ENOUGH INFO",
    "unsupported": "NOT ENOUGH INFO",
    "contradicted": "REFUTES",
    "supported": "SUPPORTS",
    "disputed": "NOT ENOUGH INFO",
    "unverified": "NOT ENOUGH INFO",
}

LABEL_SOURCES: tuple[str, ...] = ("rules", "curated")

# Column -> allowed values, for every categorical column of every table.
CATEGORICAL_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "sources": {"source_type": SOURCE_TYPES, "affiliation": AFFILIATIONS},
    "claims": {
        "quote_type": QUOTE_TYPES,
        "claim_type": CLAIM_TYPES,
        "evidence_status": EVIDENCE_STATUSES,
        "rule_evidence_status": EVIDENCE_STATUSES,
        "averitec_label": tuple(sorted({v for v in AVERITEC_LABELS.values() if v})),
        "fever_label": tuple(sorted({v for v in FEVER_LABELS.values() if v})),
        "label_source": LABEL_SOURCES,
    },
    "evidence": {"stance": STANCES},
}

# What each label means (docs/codebook.md prints these tables; a test checks the codebook
# against them, and that every label of the vocabulary has exactly one meaning).
QUOTE_TYPE_MEANINGS: dict[str, str] = {
    "direct": "the content lies wholly inside quotation marks",
    "indirect": "reported speech, without quotation marks",
    "mixed": "reported speech that quotes some of the words",
}
SOURCE_TYPE_MEANINGS: dict[str, str] = {
    "person": "one named or described individual",
    "organization": "a body: ministry, police force, party, NGO, observer mission, company, outlet; a document speaks for the body that wrote it",
    "group": "several people described together (protesters, experts, residents)",
    "anonymous": "an unnamed individual the text does not identify (a foreign diplomat, a police source)",
}
AFFILIATION_MEANINGS: dict[str, str] = {
    "government": "officials, police, prosecutors, the military and state media",
    "opposition": "opposition parties, candidates and their leaders",
    "civil_society": "activists, NGOs and civic movements",
    "protester": "people taking part in the protests",
    "expert": "analysts, academics and other specialists",
    "international": "observer missions, foreign governments, diplomats and international bodies",
    "media": "journalists and news outlets",
    "other": "anyone who fits none of the above",
}
CLAIM_TYPE_MEANINGS: dict[str, str] = {
    "event_property": "what happened, where, when, to whom",
    "numerical": "a count, amount or other figure",
    "causal": "one thing caused or led to another",
    "quote_verification": "that someone said something",
    "position_statement": "a source's stated position, taken as a checkable fact that they hold it",
}
STANCE_MEANINGS: dict[str, str] = {
    "supports": "asserts the same fact, or one that entails it",
    "contradicts": "asserts something incompatible with it",
    "notes_absence": "says that no evidence has been shown for it, or that whoever looked found none or could not verify it"
                     " (\"we have not seen credible evidence that the Belarusian claims are true\")",
    "retracts": "is the claim's own source taking it back later",
}
STATUS_MEANINGS: dict[str, str] = {
    "not_checkable": "The claim is not check-worthy: opinion, intention, threat, prediction, question or call to action.",
    "retracted": "The claim's own source takes it back later in the corpus.",
    "unsupported": "The corpus notes that no evidence has been shown for it, and no independent evidence supports it.",
    "contradicted": "The author's own statements contradict it, or independent evidence contradicts it and none supports it.",
    "supported": "The author's own statements support it, or independent evidence supports it and none contradicts it.",
    "disputed": "Independent sources support it and contradict it, and the author takes neither side.",
    "unverified": "Nothing in the corpus bears on it.",
}
LABEL_SOURCE_MEANINGS: dict[str, str] = {
    "rules": "the pipeline's rules gave the evidence status",
    "curated": "a curator's reviewed label (raw/curation/) set the evidence status",
}
# Column → {label: meaning}, for the nominal and ordered label columns named by a meaning table.
MEANINGS: dict[str, dict[str, dict[str, str]]] = {
    "sources": {"source_type": SOURCE_TYPE_MEANINGS, "affiliation": AFFILIATION_MEANINGS},
    "claims": {"quote_type": QUOTE_TYPE_MEANINGS, "claim_type": CLAIM_TYPE_MEANINGS, "evidence_status": STATUS_MEANINGS,
               "rule_evidence_status": STATUS_MEANINGS, "label_source": LABEL_SOURCE_MEANINGS},
    "evidence": {"stance": STANCE_MEANINGS},
}
# Label columns whose order means something (a scale or the rule order); the loader makes
# only these ordered categoricals. Source type, affiliation, quote type, claim type, stance
# and label source are nominal: unordered.
ORDERED_COLUMNS: frozenset[tuple[str, str]] = frozenset({("claims", "evidence_status"), ("claims", "rule_evidence_status")})
