"""Curation: reviewed labels are parsed safely, checked entry by entry, and applied after the rules."""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import write_article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.run.build import build
from pipeline.stages import curate
from pipeline.stages.curate import read_reviews

HEADER = "claim_id,evidence_status,rationale,reviewer,date\n"


def rows() -> list[dict]:
    return [{"claim_id": "c000000000001", "evidence_status": "unverified", "rule_evidence_status": "unverified",
             "label_source": "rules", "status_rationale": "Nothing in the corpus bears on it.",
             "averitec_label": "Not Enough Evidence", "fever_label": "NOT ENOUGH INFO"}]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_override_is_applied_beside_the_rule_label(tmp_path):
    path = write(tmp_path, "reviewed_labels.csv", HEADER + 'c000000000001,contradicted,"The court record shows the opposite.",ana,2024-03-01\n')
    claims = curate.apply_reviews(rows(), curate.read_reviews(path))
    row = claims[0]
    assert (row["evidence_status"], row["rule_evidence_status"], row["label_source"]) == ("contradicted", "unverified", "curated")
    assert (row["averitec_label"], row["fever_label"]) == ("Refuted", "REFUTES")
    assert "ana" in row["status_rationale"] and "court record" in row["status_rationale"]


def test_yaml_entries_are_read_with_their_lines(tmp_path):
    path = write(tmp_path, "reviewed_labels.yaml",
                 "- claim_id: c000000000001\n  evidence_status: supported\n  rationale: Two wire reports agree.\n"
                 "  reviewer: bo\n  date: 2024-03-02\n")
    [review] = curate.read_reviews(path)
    assert (review.evidence_status, review.date, review.line) == ("supported", "2024-03-02", 1)


@pytest.mark.parametrize(("name", "text", "where", "reason"), [
    ("reviewed_labels.csv", HEADER + "c000000000001,refuted,x,ana,2024-03-01\n", "line 2", "unknown label 'refuted'"),
    ("reviewed_labels.csv", HEADER + "c000000000001,supported,,ana,2024-03-01\n", "line 2", "field 'rationale' is empty"),
    ("reviewed_labels.csv", HEADER + "c000000000001,supported,x,ana,1 March\n", "line 2", "not a date"),
    ("reviewed_labels.csv", HEADER + "c000000000001,supported,x,ana,2024-03-01\nc000000000001,unverified,y,bo,2024-03-02\n",
     "line 3", "reviewed twice"),
    ("reviewed_labels.csv", "claim_id,evidence_status\nc000000000001,supported\n", "line 1", "header lacks column(s) rationale"),
    ("reviewed_labels.yaml", "- claim_id: c000000000001\n  evidence_status: [supported\n", "line", "not valid YAML"),
    ("reviewed_labels.yaml", "- !!python/object/apply:os.system ['echo unsafe']\n", "line", "not valid YAML"),
    ("reviewed_labels.yaml", "claim_id: c000000000001\n", "line 1", "expected a list"),
    ("reviewed_labels.yaml", "- claim_id: c000000000001\n  evidence_status: supported\n  rationale: x\n  reviewer: bo\n"
     "  date: 2024-03-02\n  colour: red\n", "line 1", "unknown field(s) colour"),
])
def test_bad_entries_name_file_line_and_reason(tmp_path, name, text, where, reason):
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as err:
        curate.read_reviews(path)
    message = str(err.value)
    assert name in message and where in message and reason in message


def test_review_of_a_claim_that_does_not_exist_fails(tmp_path):
    path = write(tmp_path, "reviewed_labels.csv", HEADER + "c0000000000ff,supported,x,ana,2024-03-01\n")
    with pytest.raises(InputError, match=r"reviewed_labels.csv \(line 2\): claim c0000000000ff does not exist"):
        curate.apply_reviews(rows(), curate.read_reviews(path))


@pytest.mark.slow
def test_build_applies_curation_and_fails_on_a_stale_entry(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_article(raw, "a.txt", "The harbour master said the pier was closed for three days after the storm.\n")
    build(raw, out)
    claim = pq.read_table(out / "claims.parquet").to_pylist()[0]
    (raw / "curation").mkdir()
    write(raw / "curation", "reviewed_labels.csv", HEADER + f"{claim['claim_id']},supported,Port notice confirms it.,ana,2024-03-01\n")
    build(raw, out)
    curated = pq.read_table(out / "claims.parquet").to_pylist()[0]
    assert (curated["evidence_status"], curated["label_source"], curated["rule_evidence_status"]) == (
        "supported", "curated", claim["rule_evidence_status"])
    build(raw, tmp_path / "rules", curation=False)
    assert pq.read_table(tmp_path / "rules" / "claims.parquet").to_pylist()[0]["label_source"] == "rules"
    before = (out / "claims.parquet").read_bytes()
    write(raw / "curation", "reviewed_labels.csv", HEADER + "c0000000000ff,supported,x,ana,2024-03-01\n")
    with pytest.raises(InputError, match="does not exist"):
        build(raw, out)
    assert (out / "claims.parquet").read_bytes() == before  # a failed build leaves the dataset as it was


# --- hostile curation files (issue 14) ------------------------------------------------------------



@pytest.mark.parametrize(("name", "data", "where", "reason"), [
    ("reviewed_labels.yaml", b"- claim_id: c1\n  evidence_status: supported\n  rationale: r\n  reviewer: me\n  date: 2022-13-45\n",
     "line 1", "'2022-13-45' is not a calendar date"),
    ("reviewed_labels.yaml", b"- claim_id: c1\n  claim_id: c2\n", "line 2", "appears twice"),
    ("reviewed_labels.yaml", b"- " * 5000 + b"x\n", None, "nested too deeply"),
    ("reviewed_labels.yaml", b"- claim_id: [c1]\n  evidence_status: supported\n  rationale: r\n  reviewer: me\n  date: 2022-01-02\n",
     "line 1", "must be text, not a list"),
    ("reviewed_labels.csv", (HEADER + "c1,supported,r,me,2022-02-30\n").encode(), "line 2", "'2022-02-30' is not a calendar date"),
    ("reviewed_labels.csv", b"claim_id,claim_id,evidence_status,rationale,reviewer,date\n", "line 1", "more than once"),
    ("reviewed_labels.csv", b"\xff\xfe" + HEADER.encode("utf-16-le"), None, "not UTF-8"),
    ("reviewed_labels.csv", (HEADER + "c1,supported,\"" + "x" * 200_000 + "\",me,2022-01-02\n").encode(), "line 2", "not valid CSV"),
])
def test_hostile_curation_files_are_one_clear_problem(tmp_path, name, data, where, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_reviews(path)
    problem = err.value.problems[0]
    assert problem.path == str(path) and problem.where == where and reason in problem.reason


def test_a_csv_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "reviewed_labels.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + "c1,supported,checked,me,2022-01-02\n").encode())
    assert [(r.claim_id, r.line) for r in read_reviews(path)] == [("c1", 2)]


@settings(max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".yaml"]), prefix=st.sampled_from([b"", HEADER.encode(), b"- "]))
def test_any_bytes_in_a_curation_file_are_reviews_or_a_problem_naming_it(tmp_path_factory, data, suffix, prefix):
    path = tmp_path_factory.mktemp("cur") / f"reviewed_labels{suffix}"
    path.write_bytes(prefix + data)
    try:
        read_reviews(path)
    except InputError as err:
        assert all(p.path == str(path) and "\n" not in str(p) for p in err.problems)
