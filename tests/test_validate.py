"""Validation: every table's suite passes on a good build and fails, by name, on each corruption."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.build import build
from pipeline.dataset_io import read_frames
from pipeline.validate import validate_frames

from conftest import write_article

STORY = (
    "Mayor Elena Petrova said the harbour would reopen within a week. "
    "\u201cWe have repaired the cranes,\u201d Petrova told reporters.\n\n"
    "Dock workers said they had not been paid for two months.\n"
)


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("v")
    write_article(tmp / "raw", "port.txt", STORY)
    build(tmp / "raw", tmp / "out")
    return read_frames(tmp / "out")


def _copy(frames):
    return {k: v.copy() for k, v in frames.items()}


def corrupt_duplicate_claim_id(f):
    f["claims"].loc[1, "claim_id"] = f["claims"].loc[0, "claim_id"]


def corrupt_bad_offset(f):
    f["claims"].loc[0, "content_start"] = f["claims"].loc[0, "content_start"] + 1


def corrupt_unknown_label(f):
    f["claims"].loc[0, "evidence_status"] = "probably_true"


def corrupt_unknown_source(f):
    f["claims"].loc[0, "source_id"] = "s000000000000"


def corrupt_duplicate_doc_id(f):
    f["articles"] = pd.concat([f["articles"], f["articles"].iloc[[0]]], ignore_index=True)


def corrupt_duplicate_source_id(f):
    f["sources"] = pd.concat([f["sources"], f["sources"].iloc[[0]]], ignore_index=True)


def corrupt_unknown_affiliation(f):
    f["sources"].loc[0, "affiliation"] = "aliens"


def corrupt_empty_content(f):
    f["claims"].loc[0, "content"] = ""


def corrupt_unknown_quote_type(f):
    f["claims"].loc[0, "quote_type"] = "paraphrase"


@pytest.mark.parametrize(
    "corrupt, table, expectation",
    [
        (corrupt_duplicate_claim_id, "claims", "expect_column_values_to_be_unique"),
        (corrupt_bad_offset, "claims", "expect_column_pair_values_to_be_equal"),
        (corrupt_unknown_label, "claims", "expect_column_values_to_be_in_set"),
        (corrupt_unknown_source, "claims", "expect_column_values_to_be_in_set"),
        (corrupt_duplicate_doc_id, "articles", "expect_column_values_to_be_unique"),
        (corrupt_duplicate_source_id, "sources", "expect_column_values_to_be_unique"),
        (corrupt_unknown_affiliation, "sources", "expect_column_values_to_be_in_set"),
        (corrupt_empty_content, "claims", "expect_column_value_lengths_to_be_between"),
        (corrupt_unknown_quote_type, "claims", "expect_column_values_to_be_in_set"),
    ],
)
def test_corruption_fails_validation_naming_the_expectation(frames, corrupt, table, expectation):
    assert validate_frames(frames).success
    broken = _copy(frames)
    corrupt(broken)
    report = validate_frames(broken)
    assert not report.success
    assert any(f.table == table and f.expectation == expectation for f in report.failures), str(report)
    assert expectation in str(report)
