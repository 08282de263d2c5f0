"""dataset_io: the one reader of the Parquet files a user gives; any bytes are a table or one line naming the file."""
from __future__ import annotations

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
