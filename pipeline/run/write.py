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
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import paths
from ..errors import PipelineError, shown

ROW_GROUP_SIZE = 50_000
# A row group is also closed once its rows' text reaches this many characters, so a writer holds a
# bounded amount however long the rows (50,000 articles of a few pages each would be gigabytes).
# Where the data decides it, the same data gives the same row groups: the bytes stay deterministic.
ROW_GROUP_CHARS = 64 * 2**20
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


def check_target(out_dir: Path, raw_dir: Path, table_names) -> Path:
    """Refuse an output folder whose replacement would lose data: a file, a folder that holds
    the raw articles or lies inside them, or a non-empty folder that is not a dataset (no table
    file in it). A symbolic link is followed: the folder it names is replaced, the link kept
    (a dangling one is refused). Returns the folder to write."""
    out_dir, raw_dir = Path(out_dir), Path(raw_dir)
    if out_dir.is_symlink():
        target = Path(os.path.realpath(out_dir))
        if not target.exists():
            raise PipelineError(f"--out {shown(out_dir)} is a symbolic link to {shown(target)}, which does not exist: "
                                "create that folder or give the folder itself")
        out_dir = target
    if out_dir.exists() and not out_dir.is_dir():
        raise PipelineError(f"--out {shown(out_dir)} is a file, not a dataset folder")
    raw, out = raw_dir.resolve(), out_dir.resolve()
    if raw.is_relative_to(out):
        raise PipelineError(f"--out {shown(out_dir)} holds the raw articles ({shown(raw_dir)}): replacing it would delete them")
    if out.is_relative_to(raw):
        raise PipelineError(f"--out {shown(out_dir)} is inside the raw folder {shown(raw_dir)}: the dataset would be read as "
                            "articles by the next build; write it elsewhere")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not any((out_dir / f"{n}.parquet").is_file() for n in table_names):
        raise PipelineError(f"--out {shown(out_dir)} is a folder with other files in it, not a dataset: "
                            "refusing to replace it (choose an empty or new folder)")
    return out_dir


def check_report_path(path: Path, raw_dir: Path, out_dir: Path) -> Path:
    """Refuse a --rejected file that would overwrite an input, land inside the raw folder or the
    dataset folder, or cannot be written; a symbolic link is followed. Returns the file to write."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    given = shown(path)
    resolved = path.resolve()
    if path.is_dir():
        raise PipelineError(f"--rejected {given} is a folder; name a file (e.g. {given}/rejected.json)")
    if resolved.is_relative_to(Path(raw_dir).resolve()):
        raise PipelineError(f"--rejected {given} is inside the raw folder {shown(raw_dir)}: it could overwrite an "
                            "article and would be read by the next build; write it elsewhere")
    if resolved.is_relative_to(Path(out_dir).resolve()):
        raise PipelineError(f"--rejected {given} is inside the dataset folder {shown(out_dir)}, which the build replaces: "
                            "leave out --rejected to keep the report there (OUT/rejected.json)")
    folder = next((p for p in [resolved.parent, *resolved.parent.parents] if p.exists()), None)
    if folder is None or not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise PipelineError(f"--rejected {given}: cannot write in {shown(folder or resolved.parent)}")
    return path


def write_rows(rows: Iterable[dict], schema: pa.Schema, path: Path, *, row_group_size: int = ROW_GROUP_SIZE,
               row_group_chars: int = ROW_GROUP_CHARS) -> int:
    """Row dicts (a list, or any iterable: a generator streams) → a Parquet file written one row group at a time,
    holding at most one row group's rows (never the whole table) → the number of rows written.
    A row group ends at ``row_group_size`` rows or once its text fields reach ``row_group_chars`` characters;
    for rows within both, the same bytes as ``write_table(to_table(list(rows), schema), path)``."""
    written = 0
    with pq.ParquetWriter(path, schema, **PARQUET_OPTIONS) as writer:
        batch: list[dict] = []
        chars = 0
        for row in rows:
            batch.append(row)
            chars += sum(len(v) for v in row.values() if isinstance(v, str))
            if len(batch) >= row_group_size or chars >= row_group_chars:
                writer.write_table(to_table(batch, schema), row_group_size=row_group_size)
                written, batch, chars = written + len(batch), [], 0
        if batch or not written:  # an empty table is still written once (its schema)
            writer.write_table(to_table(batch, schema), row_group_size=row_group_size)
            written += len(batch)
    return written


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


@contextlib.contextmanager
def exclusive_lock(lock_path: Path, busy: str) -> Iterator[None]:
    """Context: hold an exclusive lock on lock_path (created if needed), or PipelineError(busy) at once if another process holds it."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PipelineError(busy) from None
        yield
    finally:
        os.close(fd)


def write_json(data, path: Path) -> None:
    """Data → a JSON file written whole or not at all (temporary file, then rename)."""
    tmp = stage_json(data, path)
    try:
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def stage_json(data, path: Path) -> Path:
    """Data → a synced temporary file beside path (``os.replace`` it into place); nothing is left on failure."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        _fsync(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


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
