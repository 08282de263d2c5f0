"""Read a built dataset folder back: as pyarrow Tables, DataFrames (validation, the loader) or a column at a time
(``ColumnReader``: the card, chart and Croissant file of a build, in memory bounded by one column, never the text).

Every table is read through ``read_table``, the one boundary for Parquet files a user
gives (``validate``, ``export``, the loader): a missing, empty, truncated or non-Parquet
file, or one whose columns are not those of the table's schema, is a one-line error
naming the file and what is wrong.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import PipelineError, one_line, shown
from ..schema import TABLES


def read_table(path: Path, name: str) -> pa.Table:
    """One Parquet file and its table name → the Table, checked against the schema of that table."""
    path = existing_file(path, name)
    try:
        table = pq.read_table(path)
        table.validate(full=True)  # damaged data (invalid UTF-8, offsets) fails here, not later in pandas
    except Exception as err:  # noqa: BLE001 (pyarrow raises ArrowInvalid, OSError, UnicodeDecodeError, ... for a bad file)
        raise unreadable(path, err) from None
    check_schema(path, name, table.schema)
    return table


def existing_file(path: Path, name: str) -> Path:
    """The path of a table's file → the Path, or a PipelineError when it is missing or not a file."""
    path = Path(path)
    if not path.exists():
        raise PipelineError(f"{shown(path)}: missing table {name!r}")
    if not path.is_file():
        raise PipelineError(f"{shown(path)}: not a file (table {name!r})")
    return path


def unreadable(path: Path, err: Exception) -> PipelineError:
    """A file pyarrow could not read and its exception → the one-line error naming it."""
    return PipelineError(f"{shown(path)}: not a readable Parquet file (empty, truncated or another format: {one_line(err, 200)})")


def check_schema(path: Path, name: str, schema: pa.Schema) -> None:
    """A file, its table name and the schema it holds → None, or a PipelineError naming what differs."""
    if problems := schema_problems(schema, TABLES[name]):
        raise PipelineError(f"{shown(path)}: not the {name!r} table of this dataset: {'; '.join(problems)}")


def schema_problems(found: pa.Schema, expected: pa.Schema, limit: int = 5) -> list[str]:
    """A file's schema and the table's → what differs (missing, unexpected or retyped columns), at most limit items."""
    have = {f.name: f for f in found}
    problems = [f"no column {f.name!r}" for f in expected if f.name not in have]
    problems += [f"unexpected column {shown(n)!r}" for n in have if n not in expected.names]
    problems += [f"column {f.name!r} is {have[f.name].type}, not {f.type}" for f in expected
                 if f.name in have and not have[f.name].type.equals(f.type)]
    return problems[:limit] + ([f"and {len(problems) - limit} more"] if len(problems) > limit else [])


def read_tables(dataset_dir: Path) -> dict[str, pa.Table]:
    """Dataset folder → {table: pyarrow Table} in schema order; a missing or unreadable table is a clear error."""
    return {name: read_table(Path(dataset_dir) / f"{name}.parquet", name) for name in TABLES}


class ColumnReader:
    """One Parquet table read a column at a time: ``schema``, ``num_rows``, ``num_columns``, ``column(name)`` and
    ``select(names)`` as on a pyarrow Table, the data read from the file only when asked for, and not kept.

    The metadata of a build reads counts and labels, never the text columns, so a corpus of a million articles
    does not come back into memory to write its card (``publish.metadata``)."""

    def __init__(self, path: Path, name: str):
        path = existing_file(path, name)
        try:
            self._file = pq.ParquetFile(path)
            schema = self._file.schema_arrow
        except Exception as err:  # noqa: BLE001 (as in read_table)
            raise unreadable(path, err) from None
        check_schema(path, name, schema)
        self.path, self.name, self.schema = path, name, schema
        self.num_rows, self.num_columns = self._file.metadata.num_rows, len(schema)

    def select(self, names: list[str]) -> pa.Table:
        """Column names → a Table of those columns only, read from the file now."""
        return self._file.read(columns=list(names))

    def column(self, name: str) -> pa.ChunkedArray:
        """A column name → its values, read from the file now."""
        return self.select([name]).column(0)

    def batches(self, rows: int, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
        """All columns (or those named), ``rows`` rows at a time."""
        return self._file.iter_batches(batch_size=rows, columns=columns)


COUNT_ROWS = 65_536  # rows of a table counted at a time


def value_counts(table, columns: list[str]) -> Counter:
    """A Table or ColumnReader and column names → Counter of their value tuples (one value when one column),
    counted COUNT_ROWS rows at a time: memory bounded by the distinct values, not by the rows."""
    batches = table.batches(COUNT_ROWS, columns) if isinstance(table, ColumnReader) else table.select(columns).to_batches(COUNT_ROWS)
    counts: Counter = Counter()
    for batch in batches:
        values = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        counts.update(values[0] if len(values) == 1 else zip(*values))
    return counts


def column_readers(dataset_dir: Path) -> dict[str, ColumnReader]:
    """Dataset folder → {table: ColumnReader} in schema order; a missing or unreadable table is a clear error."""
    return {name: ColumnReader(Path(dataset_dir) / f"{name}.parquet", name) for name in TABLES}


def check_files(dataset_dir: Path, *, batch_rows: int = 10_000) -> None:
    """A dataset folder → None when every table is readable, of its schema and holds valid data (checked
    ``batch_rows`` rows at a time, as ``read_table`` checks a whole table), else a PipelineError naming the file."""
    for reader in column_readers(dataset_dir).values():
        try:
            for batch in reader.batches(batch_rows):
                batch.validate(full=True)
        except Exception as err:  # noqa: BLE001 (as in read_table)
            raise unreadable(reader.path, err) from None


def read_frame(path: Path, name: str) -> pd.DataFrame:
    """One Parquet file and its table name → a DataFrame (checked as by read_table)."""
    table = read_table(path, name)
    try:
        return table.to_pandas(types_mapper=None)
    except Exception as err:  # noqa: BLE001 (values pyarrow read but pandas cannot hold)
        raise PipelineError(f"{shown(path)}: its values cannot be read ({one_line(err, 200)})") from None


def read_frames(dataset_dir: Path) -> dict[str, pd.DataFrame]:
    """Dataset folder → {table: DataFrame}; a missing or unreadable table is a clear error."""
    return {name: read_frame(Path(dataset_dir) / f"{name}.parquet", name) for name in TABLES}
