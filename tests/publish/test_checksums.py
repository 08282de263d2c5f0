"""SHA256SUMS: written sorted, read strictly, and a changed or missing file is named."""
from __future__ import annotations

import hashlib

import pytest

from pipeline.publish.checksums import ChecksumError, read_sums, verify, write_sums


def test_written_sums_verify_and_match_hashlib(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"bee")
    (tmp_path / "a.txt").write_bytes(b"ay")
    write_sums(tmp_path, ["b.txt", "a.txt"])
    text = (tmp_path / "SHA256SUMS").read_text()
    assert text == f"{hashlib.sha256(b'ay').hexdigest()}  a.txt\n{hashlib.sha256(b'bee').hexdigest()}  b.txt\n"
    assert verify(tmp_path) == read_sums(tmp_path / "SHA256SUMS")


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: (d / "a.txt").write_bytes(b"changed"), "a.txt: sha256"),
    (lambda d: (d / "a.txt").unlink(), "a.txt: missing"),
    (lambda d: (d / "SHA256SUMS").unlink(), "checksum file missing"),
])
def test_a_changed_or_missing_file_fails(tmp_path, change, message):
    (tmp_path / "a.txt").write_bytes(b"ay")
    write_sums(tmp_path, ["a.txt"])
    change(tmp_path)
    with pytest.raises(ChecksumError, match=message):
        verify(tmp_path)


@pytest.mark.parametrize(("line", "message"), [
    ("abc  a.txt", "line 1"),
    ("0" * 64 + " a.txt", "line 1"),
    ("0" * 64 + "  ../a.txt", "not a plain name"),
    ("0" * 64 + "  sub/a.txt", "not a plain name"),
])
def test_malformed_lines_are_refused(tmp_path, line, message):
    (tmp_path / "SHA256SUMS").write_text(line + "\n")
    with pytest.raises(ChecksumError, match=message):
        read_sums(tmp_path / "SHA256SUMS")
