"""Read a built dataset folder back as DataFrames (for validation and tests)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from .errors import PipelineError
from .schema import TABLES


def read_frames(dataset_dir: Path) -> dict[str, pd.DataFrame]:
    """Dataset folder → {table: DataFrame}; a missing table is a clear error."""
    frames = {}
    for name in TABLES:
        path = Path(dataset_dir) / f"{name}.parquet"
        if not path.exists():
            raise PipelineError(f"{path}: missing table {name!r}")
        frames[name] = pq.read_table(path).to_pandas(types_mapper=None)
    return frames
