"""Write: tables → Parquet files in a new folder that replaces the old one only when complete.

Everything is written into a temporary sibling folder and swapped into place only
after every file is written, validated and synced. On Linux the swap is one atomic
``renameat2(RENAME_EXCHANGE)``, so out_dir always holds either the complete previous
dataset or the complete new one, whenever the build is killed; elsewhere the previous
dataset is moved aside first and ``recover`` puts it back after a kill in between.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import paths

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


def check_target(out_dir: Path, raw_dir: Path, table_names) -> None:
    """Refuse an output folder whose replacement would lose data: a file, a folder that holds
    the raw articles, or a non-empty folder that is not a dataset (no table file in it)."""
    from ..errors import PipelineError

    out_dir, raw_dir = Path(out_dir), Path(raw_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise PipelineError(f"--out {out_dir} is a file, not a dataset folder")
    if raw_dir.resolve().is_relative_to(out_dir.resolve()):
        raise PipelineError(f"--out {out_dir} holds the raw articles ({raw_dir}): replacing it would delete them")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not any((out_dir / f"{n}.parquet").is_file() for n in table_names):
        raise PipelineError(f"--out {out_dir} is a folder with other files in it, not a dataset: "
                            "refusing to replace it (choose an empty or new folder)")


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
    tmp = Path(tempfile.mkdtemp(prefix=paths.staging_prefix(out_dir), dir=out_dir.parent))
    os.chmod(tmp, 0o755)
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def publish(staged: Path, out_dir: Path) -> None:
    """Swap a complete staged folder into out_dir; the old one is removed only after the swap."""
    out_dir = Path(out_dir)
    for path in staged.iterdir():
        _fsync(path)
    _fsync(staged)
    if out_dir.exists() and _exchange(staged, out_dir):
        _fsync(out_dir.parent)
        shutil.rmtree(staged, ignore_errors=True)  # it now holds the previous dataset
        return
    old = paths.old_dataset(out_dir)
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(staged, out_dir)
    _fsync(out_dir.parent)
    shutil.rmtree(old, ignore_errors=True)


def recover(out_dir: Path) -> None:
    """Undo an interrupted build (call with the build lock held): restore a moved-aside
    dataset if out_dir is missing, and remove staging folders a killed build left."""
    out_dir = Path(out_dir)
    old = paths.old_dataset(out_dir)
    if old.exists():
        if out_dir.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(old, out_dir)
    for stale in out_dir.parent.glob(f"{paths.staging_prefix(out_dir)}*"):
        shutil.rmtree(stale, ignore_errors=True)


def write_json(data, path: Path) -> None:
    """Data → a JSON file written whole or not at all (temporary file, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        _fsync(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two existing paths (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync(path: Path) -> None:
    """Flush a file or folder to disk (best effort)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
