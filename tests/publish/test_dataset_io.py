"""dataset_io: the one reader of the Parquet files a user gives; any bytes are a table or one line naming the file."""
from __future__ import annotations

import re
from collections import Counter

import pyarrow.parquet as pq
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import PipelineError
from pipeline.publish.dataset_io import read_table, schema_problems
from pipeline.schema import TABLES

REAL = (ROOT / "dataset" / "claims.parquet").read_bytes()


def test_the_committed_tables_are_read():
    for name in TABLES:
        assert read_table(ROOT / "dataset" / f"{name}.parquet", name).schema.names == TABLES[name].names


def test_schema_problems_name_missing_unexpected_and_retyped_columns():
    import pyarrow as pa

    found = pa.schema([("claim_id", pa.int64()), ("extra", pa.string())])
    problems = schema_problems(found, TABLES["claims"], limit=100)
    assert "column 'claim_id' is int64, not string" in problems and "unexpected column 'extra'" in problems
    assert "no column 'doc_id'" in problems


@settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, len(REAL)), junk=st.binary(max_size=64), flip=st.integers(0, len(REAL) - 1))
def test_any_damaged_parquet_file_is_read_or_refused_naming_it(tmp_path_factory, cut, junk, flip):
    data = bytearray(REAL[:cut] + junk + REAL[cut + len(junk):])
    if data:
        data[flip % len(data)] ^= 0xFF
    path = tmp_path_factory.mktemp("pq") / "claims.parquet"
    path.write_bytes(bytes(data))
    try:
        read_table(path, "claims")
    except PipelineError as err:
        assert str(err).startswith(str(path)) and "\n" not in str(err)


@pytest.mark.parametrize("rows", [1, 2, 3, 65_536])
def test_values_are_counted_alike_in_batches_of_any_size_from_a_table_or_its_file(tmp_path, monkeypatch, rows):
    import pyarrow as pa

    from pipeline.publish import dataset_io

    monkeypatch.setattr(dataset_io, "COUNT_ROWS", rows)
    claims = pq.read_table(ROOT / "dataset" / "claims.parquet")
    expected = Counter(zip(claims.column("source_id").to_pylist(), claims.column("evidence_status").to_pylist()))
    reader = dataset_io.ColumnReader(ROOT / "dataset" / "claims.parquet", "claims")
    assert dataset_io.value_counts(claims, ["source_id", "evidence_status"]) == expected
    assert dataset_io.value_counts(reader, ["source_id", "evidence_status"]) == expected
    assert dataset_io.value_counts(reader, ["checkworthy"]) == Counter(claims.column("checkworthy").to_pylist())
    assert dataset_io.value_counts(pa.table({"x": pa.array([], pa.string())}), ["x"]) == Counter()


@pytest.mark.parametrize("make, message", [
    (lambda d: (d / "claims.parquet").unlink(), "missing table 'claims'"),
    (lambda d: ((d / "claims.parquet").unlink(), (d / "claims.parquet").mkdir()), "not a file (table 'claims')"),
    (lambda d: (d / "claims.parquet").write_bytes(b"PAR1"), "not a readable Parquet file"),
    (lambda d: (d / "claims.parquet").write_bytes((d / "sources.parquet").read_bytes()), "not the 'claims' table of this dataset"),
])
def test_reading_a_column_at_a_time_refuses_a_bad_table_naming_it(tmp_path, make, message):
    import shutil

    from pipeline.errors import PipelineError
    from pipeline.publish.dataset_io import check_files, column_readers

    folder = shutil.copytree(ROOT / "dataset", tmp_path / "ds")
    make(folder)
    for read in (column_readers, check_files):
        with pytest.raises(PipelineError, match=re.escape(message)):
            read(folder)
