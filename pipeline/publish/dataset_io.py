"""Read a built dataset folder back: as pyarrow Tables (card, Croissant) or DataFrames (validation, the loader).

Every table is read through ``read_table``, the one boundary for Parquet files a user
gives (``validate``, ``export``, the loader): a missing, empty, truncated or non-Parquet
file, or one whose columns are not those of the table's schema, is a one-line error
naming the file and what is wrong.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import PipelineError, one_line, shown
from ..schema import TABLES


def read_table(path: Path, name: str) -> pa.Table:
    """One Parquet file and its table name → the Table, checked against the schema of that table."""
    path = Path(path)
    if not path.exists():
        raise PipelineError(f"{shown(path)}: missing table {name!r}")
    if not path.is_file():
        raise PipelineError(f"{shown(path)}: not a file (table {name!r})")
    try:
        table = pq.read_table(path)
        table.validate(full=True)  # damaged data (invalid UTF-8, offsets) fails here, not later in pandas
        problems = schema_problems(table.schema, TABLES[name])
    except Exception as err:  # noqa: BLE001 (pyarrow raises ArrowInvalid, OSError, UnicodeDecodeError, ... for a bad file)
        raise PipelineError(f"{shown(path)}: not a readable Parquet file (empty, truncated or another format: {one_line(err, 200)})") from None
    if problems:
        raise PipelineError(f"{shown(path)}: not the {name!r} table of this dataset: {'; '.join(problems)}")
    return table


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
