"""Write: tables → Parquet files in a new folder that replaces the old one only when complete.

Everything is written into a temporary sibling folder; the previous dataset is moved
aside and the new one renamed into place only after every file is written and
validated, so a failed or killed build leaves the previous dataset as it was.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROW_GROUP_SIZE = 50_000
PARQUET_OPTIONS = dict(
    compression="zstd",
    compression_level=9,
    use_dictionary=True,
    write_statistics=True,
    data_page_version="2.0",
    version="2.6",
)


def write_table(table: pa.Table, path: Path) -> None:
    """A pyarrow Table → a Parquet file, byte-identical for identical tables."""
    pq.write_table(table, path, row_group_size=ROW_GROUP_SIZE, **PARQUET_OPTIONS)


def to_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """Row dicts → a Table with exactly the given schema (extra keys are an error)."""
    names = set(schema.names)
    for row in rows[:1]:
        extra = set(row) - names
        if extra:
            raise ValueError(f"rows carry columns not in the {schema.metadata.get(b'table', b'?').decode()} schema: {sorted(extra)}")
    return pa.Table.from_pylist(rows, schema=schema)


def write_rows(rows: list[dict], schema: pa.Schema, path: Path, *, row_group_size: int = ROW_GROUP_SIZE) -> None:
    """Row dicts → a Parquet file written one row group at a time (never the whole table in Arrow at once);
    the same bytes as ``write_table(to_table(rows, schema), path)``."""
    with pq.ParquetWriter(path, schema, **PARQUET_OPTIONS) as writer:
        for start in range(0, max(len(rows), 1), row_group_size):
            writer.write_table(to_table(rows[start : start + row_group_size], schema), row_group_size=row_group_size)


@contextlib.contextmanager
def staging_dir(out_dir: Path) -> Iterator[Path]:
    """Context: a fresh temporary folder beside out_dir; removed on error, never left half-used."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    os.chmod(tmp, 0o755)
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def publish(staged: Path, out_dir: Path) -> None:
    """Swap a complete staged folder into out_dir; the old one is removed only after the swap."""
    out_dir = Path(out_dir)
    old = out_dir.parent / f".{out_dir.name}.old"
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(staged, out_dir)
    _fsync_dir(out_dir.parent)
    shutil.rmtree(old, ignore_errors=True)


def recover(out_dir: Path) -> None:
    """Undo an interrupted build (call with the build lock held): restore a moved-aside
    dataset if out_dir is missing, and remove staging folders a killed build left."""
    out_dir = Path(out_dir)
    old = out_dir.parent / f".{out_dir.name}.old"
    if old.exists():
        if out_dir.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(old, out_dir)
    for stale in out_dir.parent.glob(f".{out_dir.name}.new-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
