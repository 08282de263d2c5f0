"""SHA256SUMS: written sorted, read strictly, and a changed or missing file is named."""
from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


@pytest.mark.parametrize(("data", "message"), [
    (b"\xff\xfe" + "x".encode("utf-16-le"), r"SHA256SUMS \(line 1\): not UTF-8 text"),
    (("a" * 64 + "  x.parquet\n" + "b" * 64 + "  x.parquet\n").encode(), r"\(line 2\): 'x.parquet' is listed twice \(first on line 1\)"),
    (("a" * 64 + "  new\\nline\n").encode(), r"file name 'new\\\\nline' is not a plain name|listed"),
])
def test_hostile_checksum_files_are_refused_naming_the_line(tmp_path, data, message):
    (tmp_path / "SHA256SUMS").write_bytes(data)
    with pytest.raises(ChecksumError, match=message):
        read_sums(tmp_path / "SHA256SUMS")


@settings(max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), valid=st.booleans())
def test_any_bytes_as_a_checksum_file_are_sums_or_an_error_naming_it(tmp_path_factory, data, valid):
    folder = tmp_path_factory.mktemp("sums")
    prefix = (hashlib.sha256(b"").hexdigest() + "  empty.txt\n").encode() if valid else b""
    (folder / "SHA256SUMS").write_bytes(prefix + data)
    (folder / "empty.txt").write_bytes(b"")
    try:
        verify(folder)
    except ChecksumError as err:
        assert str(folder) in str(err)
