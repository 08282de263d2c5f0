"""docs/codebook.md, the project's own codebook: its label tables are the vocabulary of pipeline/vocab.py."""
from __future__ import annotations

import re

import pytest
from conftest import ROOT

from pipeline import vocab

CODEBOOK = ROOT / "docs" / "codebook.md"
TABLES = {
    "quote_type": vocab.QUOTE_TYPE_MEANINGS,
    "source_type": vocab.SOURCE_TYPE_MEANINGS,
    "affiliation": vocab.AFFILIATION_MEANINGS,
    "claim_type": vocab.CLAIM_TYPE_MEANINGS,
    "stance": vocab.STANCE_MEANINGS,
    "label_source": vocab.LABEL_SOURCE_MEANINGS,
}


def label_table(text: str, column: str) -> dict[str, str]:
    """The codebook text and a column → {label: meaning} from its `| `column` | meaning |` table."""
    m = re.search(rf"^\| `{column}` \| meaning \|\n\|---\|---\|\n((?:\|.*\|\n)+)", text, re.M)
    assert m, f"no label table for {column}"
    return dict(re.findall(r"^\| `(\w+)` \| (.*) \|$", m.group(1), re.M))


@pytest.mark.parametrize("column", list(TABLES))
def test_label_tables_are_the_vocabulary(column):
    assert label_table(CODEBOOK.read_text(encoding="utf-8"), column) == TABLES[column]


def test_meaning_tables_cover_exactly_the_vocabulary():
    for table, columns in vocab.MEANINGS.items():
        for column, meanings in columns.items():
            assert tuple(meanings) == vocab.CATEGORICAL_COLUMNS[table][column], f"{table}.{column}"


def test_status_table_is_the_rule_order_with_meanings_and_mappings():
    rows = re.findall(r"^\| (\d) \| `(\w+)` \| (.*) \| (.*) \| (.*) \|$", CODEBOOK.read_text(encoding="utf-8"), re.M)
    assert tuple(r[1] for r in rows) == vocab.EVIDENCE_STATUSES
    assert [int(r[0]) for r in rows] == list(range(1, len(vocab.EVIDENCE_STATUSES) + 1))
    for _, status, meaning, averitec, fever in rows:
        assert meaning == vocab.STATUS_MEANINGS[status]
        assert averitec == (vocab.AVERITEC_LABELS[status] or "—") and fever == (vocab.FEVER_LABELS[status] or "—")


def test_every_label_is_named_and_the_cluster_section_is_reserved():
    text = CODEBOOK.read_text(encoding="utf-8")
    for columns in vocab.CATEGORICAL_COLUMNS.values():
        for values in columns.values():
            assert all(v in text for v in values)
    assert "## 6. Claim clusters" in text and "claim_cluster_id" in text
    assert "relative to the corpus" in text


def test_readme_and_card_link_the_codebook():
    assert "docs/codebook.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    card = (ROOT / "dataset" / "README.md").read_text(encoding="utf-8")
    assert "[codebook](codebook.md)" in card and (ROOT / "dataset" / "codebook.md").read_bytes() == CODEBOOK.read_bytes()
