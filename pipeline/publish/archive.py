"""Archives: a folder ↔ deterministic ``.tar.gz`` / ``.zip`` files, and safe extraction.

Writing: members sorted by name, fixed mtime (the release date), uid/gid 0 with no
owner names, mode 0644 for files and 0755 for folders, gzip with mtime 0 and no file
name, zip entries with a fixed date — so the same files give byte-identical archives.

Extraction never writes outside its target folder: members with absolute paths,
``..`` components, drive letters or backslashes, links (symbolic or hard), devices and
duplicate names are refused before anything is written, and files are written by this
module (never by ``tarfile.extractall``) with modes it chooses.
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import stat
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import PipelineError

TAR_SUFFIXES = (".tar.gz", ".tgz", ".tar")
ZIP_SUFFIXES = (".zip",)


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


def _plan_tar(archive: Path, tar: tarfile.TarFile) -> list[tuple[PurePosixPath, tarfile.TarInfo | None]]:
    """A tar file → (relative path, member or None for a folder) for every member, refusing unsafe ones."""
    plan = []
    for m in tar.getmembers():
        rel = safe_name(archive, m.name)
        if m.issym() or m.islnk():
            raise UnsafeArchiveError(f"{archive}: member {m.name!r}: links are not allowed (-> {m.linkname!r})")
        if m.isdir():
            plan.append((rel, None))
        elif m.isfile():
            plan.append((rel, m))
        else:
            raise UnsafeArchiveError(f"{archive}: member {m.name!r}: not a regular file or folder")
    return plan


def _plan_zip(archive: Path, zf: zipfile.ZipFile) -> list[tuple[PurePosixPath, zipfile.ZipInfo | None]]:
    """A zip file → (relative path, entry or None for a folder) for every entry, refusing unsafe ones."""
    plan = []
    for info in zf.infolist():
        rel = safe_name(archive, info.filename)
        kind = stat.S_IFMT(info.external_attr >> 16)
        if info.create_system == 3 and kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
            raise UnsafeArchiveError(f"{archive}: member {info.filename!r}: links and special files are not allowed")
        plan.append((rel, None if info.is_dir() else info))
    return plan


def safe_extract(archive: Path, target: Path) -> list[Path]:
    """A .tar.gz/.tgz/.tar/.zip archive → its files written under target (checked first); return their paths."""
    archive, target = Path(archive), Path(target)
    name = archive.name.lower()
    try:
        if name.endswith(ZIP_SUFFIXES):
            with zipfile.ZipFile(archive) as zf:
                return _write_plan(archive, target, _plan_zip(archive, zf), zf.read)
        if name.endswith(TAR_SUFFIXES):
            with tarfile.open(archive, "r:*") as tar:
                return _write_plan(archive, target, _plan_tar(archive, tar), lambda m: tar.extractfile(m).read())
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError, gzip.BadGzipFile) as err:
        raise PipelineError(f"{archive}: not a readable archive ({err})") from err
    raise PipelineError(f"{archive}: unsupported archive type (expected {', '.join(TAR_SUFFIXES + ZIP_SUFFIXES)})")


def _write_plan(archive: Path, target: Path, plan, read) -> list[Path]:
    """A checked extraction plan → files written under target (refusing duplicates and escapes)."""
    seen: set[PurePosixPath] = set()
    for rel, _ in plan:
        if rel in seen:
            raise UnsafeArchiveError(f"{archive}: member {rel.as_posix()!r} appears twice")
        seen.add(rel)
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    written = []
    for rel, member in plan:
        dest = root.joinpath(*rel.parts)
        if not dest.resolve().is_relative_to(root):
            raise UnsafeArchiveError(f"{archive}: member {rel.as_posix()!r} resolves outside {target}")
        if member is None:
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.is_symlink() or dest.exists():
            raise UnsafeArchiveError(f"{archive}: member {rel.as_posix()!r} would overwrite {dest}")
        with open(dest, "xb") as fh:
            fh.write(read(member))
        written.append(dest)
    return written
