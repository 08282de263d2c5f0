"""Validation as a guard: every expectation of every suite fails, by name, on a corruption
injected into its table. The cases are read from expectations/*.json, so a new expectation
without a corruption fails here until one is added."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import write_article

from pipeline import ids
from pipeline.publish.dataset_io import read_frames
from pipeline.run.build import build
from pipeline.stages.validate import load_suite_dicts, validate_frames

pytestmark = pytest.mark.slow  # whole builds with the model, or subprocesses (make test-fast skips them)

STORY = (
    "Mayor Elena Petrova said the harbour would reopen within a week. "
    "\u201cWe have repaired the cranes,\u201d Petrova told reporters.\n\n"
    "Dock workers said they had not been paid for two months.\n"
)
UNKNOWN = "zz-not-a-known-value"


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    """A small valid build, with one evidence link added if the rules found none."""
    tmp = tmp_path_factory.mktemp("v")
    write_article(tmp / "raw", "port.txt", STORY)
    build(tmp / "raw", tmp / "out")
    f = read_frames(tmp / "out")
    if f["evidence"].empty:
        f["evidence"] = pd.DataFrame([_evidence_row(f)], columns=f["evidence"].columns)
    assert len(f["articles"]) >= 1 and len(f["claims"]) >= 2 and len(f["sources"]) >= 2
    assert validate_frames(f).success
    return f


def _evidence_row(f) -> dict:
    """A valid evidence link: the last sentence of the article, supporting the first claim."""
    article, claim = f["articles"].iloc[0], f["claims"].iloc[0]
    text = article["text"]
    start = text.rindex("\n\n") + 2
    evidence_text = text[start:].rstrip()
    return {
        "evidence_id": ids.evidence_id(claim["claim_id"], article["doc_id"], evidence_text, "supports"),
        "claim_id": claim["claim_id"], "stance": "supports", "independent": True,
        "evidence_doc_id": article["doc_id"], "evidence_start": start, "evidence_end": start + len(evidence_text),
        "evidence_text": evidence_text, "evidence_source_id": f["sources"].iloc[1]["source_id"],
        "evidence_claim_id": None, "rationale": "test link",
    }


# --- corruptions ------------------------------------------------------------------------------
# Derived columns (``_`` prefix, added by pipeline/validate.py) are never corrupted directly:
# the corruption breaks the raw data the derived column is computed from.


def _set(table: str, column: str, value):
    def corrupt(f):
        f[table][column] = f[table][column].astype(object)
        f[table].at[f[table].index[0], column] = value
    return corrupt


def _shift(table: str, column: str, by: int):
    def corrupt(f):
        f[table].at[f[table].index[0], column] = int(f[table][column].iloc[0]) + by
    return corrupt


def _past_end(table: str, doc_column: str, end_column: str):
    def corrupt(f):
        text = f["articles"].set_index("doc_id")["text"][f[table][doc_column].iloc[0]]
        f[table].at[f[table].index[0], end_column] = len(text) + 5
    return corrupt


def _retraction_by_other_source(f):
    claim_source = f["claims"].set_index("claim_id")["source_id"][f["evidence"]["claim_id"].iloc[0]]
    other = next(s for s in f["sources"]["source_id"] if s != claim_source)
    _set("evidence", "stance", "retracts")(f)
    _set("evidence", "evidence_source_id", other)(f)


def _rule_label_without_evidence(f):
    linked = set(f["evidence"]["claim_id"])
    i = next(i for i, cid in zip(f["claims"].index, f["claims"]["claim_id"]) if cid not in linked)
    f["claims"].at[i, "rule_evidence_status"] = "supported"
    f["claims"].at[i, "evidence_status"] = "supported"


def _override_not_marked_curated(f):
    c = f["claims"]
    i = c.index[0]
    c.at[i, "evidence_status"] = "disputed" if c.at[i, "rule_evidence_status"] != "disputed" else "unverified"
    c.at[i, "label_source"] = "rules"


def _evidence_is_its_own_claim(f):
    f["evidence"]["evidence_claim_id"] = f["evidence"]["evidence_claim_id"].astype(object)
    f["evidence"].at[f["evidence"].index[0], "evidence_claim_id"] = f["evidence"]["claim_id"].iloc[0]


def _cluster_named_after_no_member(f):
    f["claims"].at[f["claims"].index[0], "claim_cluster_id"] = "c000000000000"


def _contradicted_by_own_cluster(f):
    e, c = f["evidence"], f["claims"]
    claim, other = c["claim_id"].iloc[0], c["claim_id"].iloc[1]
    c.loc[c["claim_id"].isin([claim, other]), "claim_cluster_id"] = min(claim, other)
    e["evidence_claim_id"] = e["evidence_claim_id"].astype(object)
    i = e.index[0]
    e.at[i, "claim_id"], e.at[i, "evidence_claim_id"], e.at[i, "stance"] = claim, other, "contradicts"


DERIVED = {
    ("claims", "_cluster_is_named_after_a_member"): _cluster_named_after_no_member,
    ("evidence", "_cluster_consistent"): _contradicted_by_own_cluster,
    ("claims", "_rule_label_has_evidence"): _rule_label_without_evidence,
    ("claims", "_curated_consistent"): _override_not_marked_curated,
    ("evidence", "_evidence_claim_known"): _set("evidence", "evidence_claim_id", "c000000000000"),
    ("evidence", "_not_self"): _evidence_is_its_own_claim,
    ("claims", "_doc_known"): _set("claims", "doc_id", "no-such-article"),
    ("claims", "_source_known"): _set("claims", "source_id", "s000000000000"),
    ("claims", "_offsets_in_range"): _past_end("claims", "doc_id", "content_end"),
    ("claims", "_text_at_offsets"): _shift("claims", "content_start", 1),
    ("evidence", "_claim_known"): _set("evidence", "claim_id", "c000000000000"),
    ("evidence", "_doc_known"): _set("evidence", "evidence_doc_id", "no-such-article"),
    ("evidence", "_offsets_in_range"): _past_end("evidence", "evidence_doc_id", "evidence_end"),
    ("evidence", "_text_at_offsets"): _shift("evidence", "evidence_start", 1),
    ("evidence", "_evidence_source_known"): _set("evidence", "evidence_source_id", "s000000000000"),
    ("evidence", "_retraction_by_own_source"): _retraction_by_other_source,
}
NOT_MATCHING = ["", "!", "../x", "NOT-A-MATCH", " \u2014 "]


def _duplicate(table: str, column: str):
    def corrupt(f):
        df = f[table]
        if len(df) >= 2:
            df.at[df.index[1], column] = df[column].iloc[0]
        else:
            f[table] = pd.concat([df, df.iloc[[0]]], ignore_index=True)
    return corrupt


def _reorder(table: str):
    def corrupt(f):
        cols = list(f[table].columns)
        f[table] = f[table][[cols[1], cols[0], *cols[2:]]]
    return corrupt


def _drop(table: str, column: str):
    def corrupt(f):
        f[table] = f[table].drop(columns=[column])
    return corrupt


def corruption_for(table: str, expectation: dict):
    """An expectation of a suite → a function that breaks the frames so that it must fail."""
    kind, kw = expectation["type"], expectation["kwargs"]
    column = kw.get("column") or kw.get("column_B")
    if column and column.startswith("_"):
        return DERIVED.get((table, column))
    if kind == "expect_column_values_to_not_be_null":
        return _set(table, column, None)
    if kind == "expect_column_values_to_be_unique":
        return _duplicate(table, column)
    if kind == "expect_column_values_to_be_in_set":
        return _set(table, column, UNKNOWN)
    if kind == "expect_column_values_to_match_regex":
        return _set(table, column, next(v for v in NOT_MATCHING if not re.search(kw["regex"], v)))
    if kind == "expect_column_value_lengths_to_be_between":
        too_long = "x" * (kw["max_value"] + 1) if kw.get("max_value") is not None else None
        return _set(table, column, "" if kw.get("min_value", 0) > 0 else too_long)
    if kind == "expect_column_values_to_be_between":
        return _set(table, column, kw["min_value"] - 1 if kw.get("min_value") is not None else kw["max_value"] + 1)
    if kind == "expect_table_columns_to_match_ordered_list":
        return _reorder(table)
    if kind == "expect_table_columns_to_match_set":
        return _drop(table, kw["column_set"][-1])
    return None


def suite_cases():
    """Every expectation of every suite, as (table, expectation) test cases."""
    for table, suite in load_suite_dicts().items():
        for i, e in enumerate(suite["expectations"]):
            kw = e["kwargs"]
            target = kw.get("column") or kw.get("column_B") or "table"
            yield pytest.param(table, e, id=f"{table}-{i:02d}-{e['type'].removeprefix('expect_')}-{target}")


@pytest.mark.parametrize("table, expectation", list(suite_cases()))
def test_each_expectation_fails_on_its_corruption(frames, table, expectation):
    corrupt = corruption_for(table, expectation)
    assert corrupt is not None, f"no corruption for {table}: {expectation['type']} {expectation['kwargs']}: add one to tests/stages/test_validate.py"
    broken = {k: v.copy() for k, v in frames.items()}
    corrupt(broken)
    report = validate_frames(broken, tables=(table,))
    kw = expectation["kwargs"]
    column = kw.get("column") or kw.get("column_A")
    assert any(
        f.table == table and f.expectation == expectation["type"] and f.column == column
        and f.description == expectation.get("description", "")
        for f in report.failures
    ), str(report)
    assert expectation["type"] in str(report) and table in str(report)


def test_every_derived_corruption_is_used():
    """No corruption is left over for an expectation that no suite has any longer."""
    used = {(p.values[0], p.values[1]["kwargs"].get("column") or p.values[1]["kwargs"].get("column_B")) for p in suite_cases()}
    assert set(DERIVED) <= used
