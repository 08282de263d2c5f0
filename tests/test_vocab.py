"""The label vocabulary lives once in code: the GX suites and the codebook agree with it."""
from __future__ import annotations

import json
import re

import pytest

from pipeline import vocab
from pipeline.paths import REPO_EXPECTATIONS as EXPECTATIONS_DIR
from pipeline.schema import TABLES


def _value_sets(table: str) -> dict[str, set]:
    suite = json.loads((EXPECTATIONS_DIR / f"{table}.json").read_text())
    return {
        e["kwargs"]["column"]: set(e["kwargs"]["value_set"])
        for e in suite["expectations"]
        if e["type"] == "expect_column_values_to_be_in_set" and not e["kwargs"]["column"].startswith("_")
    }


@pytest.mark.parametrize("table", sorted(vocab.CATEGORICAL_COLUMNS))
def test_suites_use_the_vocabulary(table):
    sets = _value_sets(table)
    for column, values in vocab.CATEGORICAL_COLUMNS[table].items():
        assert column in TABLES[table].names
        assert sets.get(column) == set(values), f"{table}.{column}: suite and vocab disagree"


def test_every_expectation_has_a_description():
    for table in TABLES:
        suite = json.loads((EXPECTATIONS_DIR / f"{table}.json").read_text())
        assert suite["expectations"], table
        for e in suite["expectations"]:
            assert e.get("description", "").strip(), f"{table}: {e['type']} has no description"


def test_label_mappings_cover_every_status():
    assert set(vocab.AVERITEC_LABELS) == set(vocab.EVIDENCE_STATUSES) == set(vocab.FEVER_LABELS)


def test_codebook_labels_match(shared_dir):
    codebook = (shared_dir / "codebook.md").read_text(encoding="utf-8")
    table = re.findall(r"^\| \d \| `(\w+)` \|", codebook, re.M)
    assert tuple(table) == vocab.EVIDENCE_STATUSES
    stances = re.findall(r"^\| `(\w+)` \|", codebook, re.M)
    assert tuple(stances) == vocab.STANCES
    for word in (*vocab.SOURCE_TYPES, *vocab.AFFILIATIONS, *vocab.QUOTE_TYPES):
        assert f"`{word}`" in codebook, word
