"""The label vocabulary of the dataset, defined once (see ../shared/codebook.md).

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
