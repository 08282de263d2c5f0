"""Read a built dataset folder back: as pyarrow Tables (card, Croissant) or DataFrames (validation)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import PipelineError
from ..schema import TABLES


def read_tables(dataset_dir: Path) -> dict[str, pa.Table]:
    """Dataset folder → {table: pyarrow Table} in schema order; a missing table is a clear error."""
    tables = {}
    for name in TABLES:
        path = Path(dataset_dir) / f"{name}.parquet"
        if not path.exists():
            raise PipelineError(f"{path}: missing table {name!r}")
        tables[name] = pq.read_table(path)
    return tables


def read_frames(dataset_dir: Path) -> dict[str, pd.DataFrame]:
    """Dataset folder → {table: DataFrame}; a missing table is a clear error."""
    return {name: table.to_pandas(types_mapper=None) for name, table in read_tables(dataset_dir).items()}
