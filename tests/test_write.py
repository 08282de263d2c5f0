"""Write: row-group streaming gives the same bytes as writing the whole table at once."""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from pipeline import write
from pipeline.schema import SOURCES


def _rows(n: int) -> list[dict]:
    return [{"source_id": f"s{i:012x}", "name": f"Name {i}", "aliases": [f"N{i}"] * (i % 3), "source_type": "person",
             "role": None if i % 2 else "mayor", "affiliation": "government"} for i in range(n)]


@pytest.mark.parametrize("n", [0, 1, 5, 120])
def test_write_rows_matches_write_table(tmp_path, n):
    rows = _rows(n)
    write.write_table(write.to_table(rows, SOURCES), tmp_path / "a.parquet")
    write.write_rows(rows, SOURCES, tmp_path / "b.parquet")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


@pytest.mark.parametrize(("n", "size", "groups"), [(0, 4, 1), (4, 4, 1), (9, 4, 3), (120, 50, 3)])
def test_write_rows_writes_row_groups(tmp_path, n, size, groups):
    rows = _rows(n)
    write.write_rows(rows, SOURCES, tmp_path / "c.parquet", row_group_size=size)
    f = pq.ParquetFile(tmp_path / "c.parquet")
    assert f.num_row_groups == groups
    assert f.read().to_pylist() == write.to_table(rows, SOURCES).to_pylist()
