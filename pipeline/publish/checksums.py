"""Checksums: files of a folder ↔ a ``SHA256SUMS`` file (the format ``sha256sum -c`` reads)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import PipelineError, shown

SUMS_NAME = "SHA256SUMS"
_CHUNK = 1 << 20


class ChecksumError(PipelineError):
    """A file is missing or its bytes do not match the SHA256SUMS entry."""


def sha256_file(path: Path) -> str:
    """A file → the hex SHA-256 of its bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def render_sums(folder: Path, names: list[str]) -> str:
    """A folder and file names → SHA256SUMS text, one ``<hex>  <name>`` line per file, sorted by name."""
    return "".join(f"{sha256_file(Path(folder) / n)}  {n}\n" for n in sorted(names))


def write_sums(folder: Path, names: list[str]) -> Path:
    """Write ``folder/SHA256SUMS`` for the given files; return its path."""
    path = Path(folder) / SUMS_NAME
    path.write_text(render_sums(folder, names), encoding="utf-8", newline="\n")
    return path


def read_sums(path: Path) -> dict[str, str]:
    """A SHA256SUMS file → {name: hex}; a file that is not UTF-8 text, a malformed line or a name listed
    twice is an error naming the line."""
    sums: dict[str, str] = {}
    lines: dict[str, int] = {}
    path = Path(path)
    if not path.exists():
        raise ChecksumError(f"{shown(path)}: checksum file missing; cannot verify the dataset")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        raise ChecksumError(f"{shown(path)} (line {line}): not UTF-8 text ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise ChecksumError(f"{shown(path)}: cannot be read: {err.strerror or err}") from None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        name = name.lstrip("*")
        if not sep or len(digest) != 64 or any(ch not in "0123456789abcdef" for ch in digest) or not name:
            raise ChecksumError(f"{shown(path)} (line {number}): expected '<64 hex digits>  <file name>', got {shown(line[:120])!r}")
        if "/" in name or "\\" in name or name in (".", ".."):
            raise ChecksumError(f"{shown(path)} (line {number}): file name {shown(name)!r} is not a plain name in the folder")
        if name in sums:
            raise ChecksumError(f"{shown(path)} (line {number}): {shown(name)!r} is listed twice (first on line {lines[name]})")
        sums[name], lines[name] = digest, number
    return sums


def verify(folder: Path) -> dict[str, str]:
    """Check every file listed in ``folder/SHA256SUMS``; return the sums, or raise ChecksumError naming each bad file."""
    folder = Path(folder)
    sums = read_sums(folder / SUMS_NAME)
    bad = []
    for name, expected in sums.items():
        path = folder / name
        if not path.is_file():
            bad.append(f"{shown(path)}: missing" if not path.exists() else f"{shown(path)}: not a plain file")
        elif (actual := sha256_file(path)) != expected:
            bad.append(f"{shown(path)}: sha256 {actual} does not match {expected} in {SUMS_NAME}")
    if bad:
        raise ChecksumError("checksum verification failed: " + "; ".join(bad))  # one line, every file that differs
    return sums
