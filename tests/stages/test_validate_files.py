"""Validation of a written dataset row group by row group (``validate_dataset``): the same verdict as on the
whole tables, including what spans batches (a duplicate key, a foreign key), while only a few rows are held."""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from synthetic import rows

from pipeline.publish.dataset_io import read_frames
from pipeline.run import write
from pipeline.schema import TABLES
from pipeline.stages.validate import UNIQUE, validate_dataset, validate_frames

BATCH = 5  # rows at a time: claims and sources span two batches, a duplicate key the two
IN_SET = "expect_column_values_to_be_in_set"


def _write(folder, tables):
    folder.mkdir(parents=True, exist_ok=True)
    for name, schema in TABLES.items():
        write.write_rows(tables[name], schema, folder / f"{name}.parquet", row_group_size=BATCH)
    return folder


def _verdicts(report) -> set[tuple]:
    return {(f.table, f.expectation, f.column) for f in report.failures}


def test_batches_give_the_verdict_of_the_whole_tables(tmp_path):
    """The synthetic tables (two known failures of their own) with corruptions that span batches."""
    tables = rows()
    claims, evidence = tables["claims"], tables["evidence"]
    assert len(claims) > BATCH
    claims[-1] = claims[-1] | {"claim_id": claims[0]["claim_id"]}  # first and last batch share a key
    claims[1] = claims[1] | {"content_start": claims[1]["content_start"] + 1}  # no longer the text at its offsets
    evidence[-1] = evidence[-1] | {"claim_id": "c0000000000ff"}  # a claim no row has
    gone = tables["sources"].pop(0)["source_id"]  # its claims point nowhere
    broken = _write(tmp_path / "broken", tables)
    report = validate_dataset(broken, batch_rows=BATCH)
    assert report.statistics["claims"]["batches"] > 1 and not list(tmp_path.glob("*.duckdb-*"))  # spill folder removed
    expected = _verdicts(validate_frames(read_frames(broken)))
    assert _verdicts(report) == expected and {("claims", UNIQUE, "claim_id"), ("evidence", IN_SET, "_claim_known"),
                                               ("claims", IN_SET, "_source_known")} <= expected
    found = {(f.table, f.expectation, f.column): f for f in report.failures}
    assert found["claims", UNIQUE, "claim_id"].unexpected_count == 2 and claims[0]["claim_id"] in found["claims", UNIQUE, "claim_id"].samples[0]
    assert found["claims", IN_SET, "_source_known"].unexpected_count == sum(c["source_id"] == gone for c in claims)


def _per_expectation(report) -> dict[tuple, tuple]:
    out = {}
    for table, result in report.results.items():
        for r in result["results"]:
            cfg, res = r["expectation_config"], r.get("result") or {}
            key = (table, cfg["type"], cfg["kwargs"].get("column") or cfg["kwargs"].get("column_A"), cfg["kwargs"].get("column_B"))
            out[key] = (r["success"], res.get("element_count"), res.get("missing_count"), res.get("unexpected_count"),
                        None if res.get("unexpected_percent") is None else round(res["unexpected_percent"], 6))
    return out


def test_the_merged_results_of_the_batches_are_those_of_the_whole_tables(tmp_path):
    """What the release's HTML reports are rendered from: per expectation, success, counts and percentages."""
    tables = rows()
    tables["claims"][1] = tables["claims"][1] | {"content_start": tables["claims"][1]["content_start"] + 1}
    tables["claims"][-1] = tables["claims"][-1] | {"evidence_status": "not_a_status"}
    tables["evidence"][-1] = tables["evidence"][-1] | {"claim_id": "c0000000000ff"}
    broken = _write(tmp_path / "broken", tables)
    whole, batched = validate_frames(read_frames(broken)), validate_dataset(broken, batch_rows=BATCH)
    assert batched.statistics["claims"]["batches"] > 1
    expected, got = _per_expectation(whole), _per_expectation(batched)
    assert got == expected and any(not v[0] for v in got.values())
    for table, result in batched.results.items():
        stats = result["statistics"]
        assert result["success"] == whole.results[table]["success"] == (stats["unsuccessful_expectations"] == 0)
        assert len(result["results"]) == stats["evaluated_expectations"] == len(whole.results[table]["results"])
        assert all(len((r.get("result") or {}).get("partial_unexpected_list") or []) <= 20 for r in result["results"])


@pytest.mark.parametrize("n", [0, 7])
def test_write_rows_streams_a_generator(tmp_path, n):
    tables = rows()
    source = (r for r in (tables["sources"] * 2)[:n])
    assert write.write_rows(source, TABLES["sources"], tmp_path / "s.parquet", row_group_size=BATCH) == n
    assert pq.ParquetFile(tmp_path / "s.parquet").metadata.num_rows == n
    write.write_rows((tables["sources"] * 2)[:n], TABLES["sources"], tmp_path / "l.parquet", row_group_size=BATCH)
    assert (tmp_path / "s.parquet").read_bytes() == (tmp_path / "l.parquet").read_bytes()


def test_a_row_group_ends_at_its_share_of_text(tmp_path):
    tables = rows()
    n = write.write_rows(tables["articles"], TABLES["articles"], tmp_path / "a.parquet", row_group_chars=len(tables["articles"][0]["text"]))
    assert n == 2 and pq.ParquetFile(tmp_path / "a.parquet").num_row_groups == 2


def test_the_texts_are_never_held_whole(tmp_path):
    """Articles with 24 MB of text validate under a 16 MB DuckDB limit with the verdict of the whole tables: the texts
    stream from their file and are looked up per batch (sorting or joining them in DuckDB needed several times their size)."""
    tables = rows()
    for a in tables["articles"]:
        a["text"] = a["text"] + "\n" + "padding words after the article. " * (12_000_000 // 33)  # offsets stay valid
    folder = _write(tmp_path / "big", tables)
    report = validate_dataset(folder, batch_rows=BATCH, memory_limit="16MB")
    assert _verdicts(report) == _verdicts(validate_frames(read_frames(folder)))
