"""Archives: a folder ↔ deterministic ``.tar.gz`` / ``.zip`` files, and safe extraction.

Writing: members sorted by name, fixed mtime (the release date), uid/gid 0 with no
owner names, mode 0644 for files and 0755 for folders, gzip with mtime 0 and no file
name, zip entries with a fixed date — so the same files give byte-identical archives.

Extraction never writes outside its target folder: members with absolute paths,
``..`` components, drive letters or backslashes, links (symbolic or hard), devices,
duplicate names, too many members and more data than the limits below (a size and an
expansion ratio) are refused before anything is written; files are then streamed to
disk by this module (never by ``tarfile.extractall``, never read whole into memory)
with modes it chooses.
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import stat
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import PipelineError, one_line, shown

TAR_SUFFIXES = (".tar.gz", ".tgz", ".tar")
ZIP_SUFFIXES = (".zip",)
# Limits checked before anything is written (a release archive of this dataset is a few MB
# and expands about 3×): at most MAX_MEMBERS members, expanding to at most MAX_RATIO times
# the archive's size (never less than MIN_LIMIT) and never more than MAX_EXPANDED_BYTES.
MAX_MEMBERS = 10_000
MAX_RATIO = 100
MIN_LIMIT = 64 * 2**20
MAX_EXPANDED_BYTES = 4 * 2**30


class UnsafeArchiveError(PipelineError):
    """An archive member would escape the target folder or is not a plain file or folder."""


def is_archive(path: Path) -> bool:
    """A path → whether its name is that of a supported archive."""
    return str(path).lower().endswith(TAR_SUFFIXES + ZIP_SUFFIXES)


def epoch(date: str) -> int:
    """An ISO date (YYYY-MM-DD) → seconds since the epoch at midnight UTC."""
    return int(dt.datetime.fromisoformat(date).replace(tzinfo=dt.UTC).timestamp())


def _members(folder: Path, prefix: str) -> list[tuple[str, Path]]:
    """A folder → sorted (archive name, path) pairs of its folders and files under prefix/."""
    out = [(prefix, Path(folder))]
    for p in sorted(Path(folder).rglob("*")):
        if p.is_symlink() or not (p.is_file() or p.is_dir()):
            raise PipelineError(f"{p}: only plain files and folders can be archived")
        out.append((f"{prefix}/{p.relative_to(folder).as_posix()}", p))
    return sorted(out, key=lambda m: m[0])


def write_tar_gz(folder: Path, prefix: str, dest: Path, date: str) -> Path:
    """A folder → dest (.tar.gz) holding it under prefix/, byte-identical for identical files and date."""
    mtime = epoch(date)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, path in _members(folder, prefix):
            info = tarfile.TarInfo(name)
            info.mtime, info.uid, info.gid, info.uname, info.gname = mtime, 0, 0, "", ""
            if path.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                data = path.read_bytes()
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
    with open(dest, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(buf.getvalue())
    return Path(dest)


def write_zip(folder: Path, prefix: str, dest: Path, date: str) -> Path:
    """A folder → dest (.zip) holding it under prefix/, byte-identical for identical files and date."""
    date_time = dt.date.fromisoformat(date).timetuple()[:3] + (0, 0, 0)
    with zipfile.ZipFile(dest, "w") as zf:
        for name, path in _members(folder, prefix):
            info = zipfile.ZipInfo(name + "/" if path.is_dir() else name, date_time=date_time)
            info.create_system = 3  # unix, so external_attr carries the mode
            if path.is_dir():
                info.external_attr = (stat.S_IFDIR | 0o755) << 16 | 0x10
                zf.writestr(info, b"")
            else:
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return Path(dest)


def safe_name(archive: Path, name: str) -> PurePosixPath:
    """A member name → the relative path it may be extracted to, or UnsafeArchiveError naming the member."""
    if not name or "\\" in name or "\x00" in name:
        raise UnsafeArchiveError(f"{archive}: member {name!r}: empty name, backslash or NUL")
    p = PurePosixPath(name)
    if p.is_absolute() or (p.parts and p.parts[0].endswith(":")):
        raise UnsafeArchiveError(f"{archive}: member {name!r}: absolute path")
    if ".." in p.parts:
        raise UnsafeArchiveError(f"{archive}: member {name!r}: '..' would leave the target folder")
    parts = [x for x in p.parts if x not in ("", ".")]
    if not parts:
        raise UnsafeArchiveError(f"{archive}: member {name!r}: names no file")
    return PurePosixPath(*parts)


class _Limited(io.RawIOBase):
    """A readable stream that refuses to give more than ``limit`` bytes (the decompressed size of a tar)."""

    def __init__(self, raw, limit: int, archive: Path):
        self.raw, self.limit, self.archive, self.count = raw, limit, archive, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        self.count += len(data)
        if self.count > self.limit:
            raise UnsafeArchiveError(f"{shown(self.archive)}: expands to more than {_mb(self.limit)}: refused "
                                     f"(limits: {_mb(MAX_EXPANDED_BYTES)}, {MAX_RATIO}× the archive's size)")
        buffer[: len(data)] = data
        return len(data)


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def expansion_limit(archive: Path) -> int:
    """An archive → the most its members may expand to: MAX_RATIO × its size, at least MIN_LIMIT, at most MAX_EXPANDED_BYTES."""
    return min(MAX_EXPANDED_BYTES, max(MIN_LIMIT, MAX_RATIO * Path(archive).stat().st_size))


def _check_sizes(archive: Path, sizes: list[int], limit: int) -> None:
    """Declared member sizes → refuse too many members or too much data, before anything is written."""
    if len(sizes) > MAX_MEMBERS:
        raise UnsafeArchiveError(f"{shown(archive)}: {len(sizes):,} members, more than the {MAX_MEMBERS:,} a dataset archive may hold")
    if sum(sizes) > limit:
        raise UnsafeArchiveError(f"{shown(archive)}: its files add up to {_mb(sum(sizes))}, more than {_mb(limit)}: refused "
                                 f"(limits: {_mb(MAX_EXPANDED_BYTES)}, {MAX_RATIO}× the archive's size)")


def _open_tar_stream(archive: Path, limit: int):
    """A .tar.gz/.tgz/.tar → a streaming TarFile whose decompressed bytes are counted against limit."""
    with open(archive, "rb") as fh:
        gzipped = fh.read(2) == b"\x1f\x8b"
    raw = gzip.open(archive, "rb") if gzipped else open(archive, "rb")  # noqa: SIM115 (closed with the TarFile below)
    slack = 1024 * (MAX_MEMBERS + 4)  # tar headers and padding
    stream = io.BufferedReader(_Limited(raw, limit + slack, archive), buffer_size=1 << 16)
    tar = tarfile.open(fileobj=stream, mode="r|")
    return tar, raw


def _plan_tar(archive: Path, limit: int) -> list[tuple[PurePosixPath, int | None]]:
    """A tar file → (relative path, size or None for a folder) for every member, refusing unsafe ones; read as a stream."""
    plan = []
    tar, raw = _open_tar_stream(archive, limit)
    with raw, tar:
        for m in tar:
            rel = safe_name(archive, m.name)
            if m.issym() or m.islnk():
                raise UnsafeArchiveError(f"{shown(archive)}: member {shown(m.name)!r}: links are not allowed (-> {shown(m.linkname)!r})")
            if m.isdir():
                plan.append((rel, None))
            elif m.isfile():
                plan.append((rel, m.size))
            else:
                raise UnsafeArchiveError(f"{shown(archive)}: member {shown(m.name)!r}: not a regular file or folder")
            if len(plan) > MAX_MEMBERS:
                break
    _check_sizes(archive, [size or 0 for _, size in plan], limit)
    return plan


def _plan_zip(archive: Path, zf: zipfile.ZipFile, limit: int) -> list[tuple[PurePosixPath, zipfile.ZipInfo | None]]:
    """A zip file → (relative path, entry or None for a folder) for every entry, refusing unsafe ones and too much data."""
    plan = []
    infos = zf.infolist()
    _check_sizes(archive, [i.file_size for i in infos], limit)
    for info in infos:
        rel = safe_name(archive, info.filename)
        kind = stat.S_IFMT(info.external_attr >> 16)
        if info.create_system == 3 and kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
            raise UnsafeArchiveError(f"{shown(archive)}: member {shown(info.filename)!r}: links and special files are not allowed")
        plan.append((rel, None if info.is_dir() else info))
    return plan


def safe_extract(archive: Path, target: Path) -> list[Path]:
    """A .tar.gz/.tgz/.tar/.zip archive → its files written under target (all checked first: names, kinds,
    sizes against the limits); members are streamed to disk, never read whole; return their paths."""
    archive, target = Path(archive), Path(target)
    name = archive.name.lower()
    if not name.endswith(ZIP_SUFFIXES + TAR_SUFFIXES):
        raise PipelineError(f"{shown(archive)}: unsupported archive type (expected {', '.join(TAR_SUFFIXES + ZIP_SUFFIXES)})")
    try:
        limit = expansion_limit(archive)
        if name.endswith(ZIP_SUFFIXES):
            with zipfile.ZipFile(archive) as zf:
                plan = _plan_zip(archive, zf, limit)
                return _write_plan(archive, target, plan, lambda info: zf.open(info), lambda info: info.file_size)
        plan = _plan_tar(archive, limit)
        tar, raw = _open_tar_stream(archive, limit)
        with raw, tar:
            members = iter(tar)
            return _write_plan(archive, target, plan, lambda size: _next_file(tar, members), lambda size: size)
    except PipelineError:
        raise
    except Exception as err:  # noqa: BLE001 (tarfile, zipfile, gzip and zlib raise many kinds for a bad archive)
        raise PipelineError(f"{shown(archive)}: not a readable archive ({type(err).__name__}: {one_line(err, 200)})") from None


def _next_file(tar: tarfile.TarFile, members):
    """The next regular-file member of a streamed tar → its data stream (folders are skipped, as in the plan)."""
    for m in members:
        if m.isfile():
            return tar.extractfile(m)
    raise PipelineError("the archive changed while it was read")


def _write_plan(archive: Path, target: Path, plan, open_member, declared) -> list[Path]:
    """A checked extraction plan → files written under target by streaming each member (refusing duplicates,
    escapes and members larger than declared)."""
    seen: set[PurePosixPath] = set()
    for rel, _ in plan:
        if rel in seen:
            raise UnsafeArchiveError(f"{shown(archive)}: member {shown(rel.as_posix())!r} appears twice")
        seen.add(rel)
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    written = []
    for rel, member in plan:
        dest = root.joinpath(*rel.parts)
        if not dest.resolve().is_relative_to(root):
            raise UnsafeArchiveError(f"{shown(archive)}: member {shown(rel.as_posix())!r} resolves outside {shown(target)}")
        if member is None:
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.is_symlink() or dest.exists():
            raise UnsafeArchiveError(f"{shown(archive)}: member {shown(rel.as_posix())!r} would overwrite {shown(dest)}")
        with open_member(member) as src, open(dest, "xb") as fh:
            _copy(src, fh, declared(member), archive, rel)
        written.append(dest)
    return written


def _copy(src, dst, size: int, archive: Path, rel: PurePosixPath) -> None:
    """Stream one member to its file in chunks; more bytes than its header declares is an unsafe archive."""
    copied = 0
    while block := src.read(1 << 20):
        copied += len(block)
        if copied > size:
            raise UnsafeArchiveError(f"{shown(archive)}: member {shown(rel.as_posix())!r} holds more than the {size:,} bytes it declares")
        dst.write(block)
