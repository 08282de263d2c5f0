"""Archives are byte-identical for identical files, and extraction never writes outside its target."""
from __future__ import annotations

import gzip
import io
import os
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import PipelineError
from pipeline.publish.archive import UnsafeArchiveError, safe_extract, write_tar_gz, write_zip


@pytest.fixture()
def folder(tmp_path) -> Path:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "b.txt").write_text("bee\n")
    (src / "a.parquet").write_bytes(os.urandom(64))
    (src / "sub" / "c.md").write_text("sea\n")
    return src


@pytest.mark.parametrize("writer,suffix", [(write_tar_gz, ".tar.gz"), (write_zip, ".zip")])
def test_same_files_give_byte_identical_archives(folder, tmp_path, writer, suffix):
    first = writer(folder, "ds-1.0.0", tmp_path / f"one{suffix}", "2026-01-02").read_bytes()
    os.utime(folder / "b.txt", (1, 1))  # mtimes and umask do not leak into the archive
    os.chmod(folder / "b.txt", 0o600)
    second = writer(folder, "ds-1.0.0", tmp_path / f"two{suffix}", "2026-01-02").read_bytes()
    assert first == second
    third = writer(folder, "ds-1.0.0", tmp_path / f"three{suffix}", "2026-01-03").read_bytes()
    assert third != first


@pytest.mark.parametrize("writer,suffix", [(write_tar_gz, ".tar.gz"), (write_zip, ".zip")])
def test_round_trip(folder, tmp_path, writer, suffix):
    archive = writer(folder, "ds-1.0.0", tmp_path / f"a{suffix}", "2026-01-02")
    out = tmp_path / "out"
    safe_extract(archive, out)
    for p in folder.rglob("*"):
        if p.is_file():
            assert (out / "ds-1.0.0" / p.relative_to(folder)).read_bytes() == p.read_bytes()


def test_tar_metadata_is_fixed(folder, tmp_path):
    archive = write_tar_gz(folder, "ds", tmp_path / "a.tar.gz", "2026-01-02")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        assert names == sorted(names)
        for m in tar.getmembers():
            assert (m.uid, m.gid, m.uname, m.gname) == (0, 0, "", "")
            assert m.mode == (0o755 if m.isdir() else 0o644)
            assert m.mtime == 1767312000  # 2026-01-02T00:00:00Z
    assert archive.read_bytes()[4:8] == b"\0\0\0\0"  # gzip header mtime 0


# --- malicious archives ----------------------------------------------------------------


def _tar(path: Path, members: list[tuple[tarfile.TarInfo, bytes | None]]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for info, data in members:
            if data is not None:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def _info(name: str, kind=tarfile.REGTYPE, linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, linkname
    return info


MALICIOUS_TAR = {
    "absolute path": [(_info("/tmp/evil.txt"), b"x")],
    "dot-dot": [(_info("ds/../../evil.txt"), b"x")],
    "symlink": [(_info("ds/link", tarfile.SYMTYPE, "/etc/passwd"), None)],
    "symlink then write through it": [(_info("ds/link", tarfile.SYMTYPE, ".."), None), (_info("ds/link/evil.txt"), b"x")],
    "hardlink": [(_info("ds/hard", tarfile.LNKTYPE, "/etc/passwd"), None)],
    "device": [(_info("ds/dev", tarfile.CHRTYPE), None)],
    "backslash": [(_info("ds\\..\\..\\evil.txt"), b"x")],
    "duplicate": [(_info("ds/a.txt"), b"1"), (_info("ds/a.txt"), b"2")],
}


def _zip(path: Path, entries: list[tuple[str, bytes, int | None]]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data, mode in entries:
            info = zipfile.ZipInfo(name)
            if mode is not None:
                info.create_system = 3
                info.external_attr = mode << 16
            zf.writestr(info, data)
    return path


MALICIOUS_ZIP = {
    "absolute path": [("/tmp/evil.txt", b"x", None)],
    "dot-dot": [("ds/../../evil.txt", b"x", None)],
    "drive letter": [("C:/evil.txt", b"x", None)],
    "symlink": [("ds/link", b"/etc/passwd", stat.S_IFLNK | 0o777)],
    "duplicate": [("ds/a.txt", b"1", None), ("ds/a.txt", b"2", None)],
}


MALICIOUS = [("evil.tar.gz", _tar, case, MALICIOUS_TAR[case]) for case in sorted(MALICIOUS_TAR)] + [
    ("evil.zip", _zip, case, MALICIOUS_ZIP[case]) for case in sorted(MALICIOUS_ZIP)]


@pytest.mark.parametrize(("name", "make", "case", "members"), MALICIOUS, ids=[f"{m[0]}-{m[2]}" for m in MALICIOUS])
def test_malicious_archive_is_refused_and_nothing_is_written(tmp_path, name, make, case, members):
    archive = make(tmp_path / name, members)
    target = tmp_path / "box" / "target"
    target.mkdir(parents=True)
    before = sorted(p for p in tmp_path.rglob("*"))
    with pytest.raises(UnsafeArchiveError, match=f"{name}: member"):
        safe_extract(archive, target)
    assert sorted(p for p in tmp_path.rglob("*")) == before
    assert not Path("/tmp/evil.txt").exists()


def test_existing_symlink_in_target_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "target"
    target.mkdir()
    (target / "ds").symlink_to(outside)
    archive = _tar(tmp_path / "a.tar.gz", [(_info("ds/evil.txt"), b"x")])
    with pytest.raises(UnsafeArchiveError, match="outside"):
        safe_extract(archive, target)
    assert not (outside / "evil.txt").exists()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("broken.tar.gz", b"not an archive", "not a readable archive"),
    ("broken.zip", b"not an archive", "not a readable archive"),
    ("data.rar", b"whatever", "unsupported archive type"),
])
def test_unreadable_archives_are_clear_errors(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(PipelineError, match=message):
        safe_extract(tmp_path / name, tmp_path / "out")


# --- limits before extraction, members streamed (issue 14) ----------------------------------------


def _zeros(fh, megabytes: int) -> None:
    for _ in range(megabytes):
        fh.write(b"\0" * (1 << 20))


def test_a_zip_bomb_is_refused_before_anything_is_written(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("ds/zeros.bin", "w") as fh:
        _zeros(fh, 1024)  # a gigabyte of zeros in about 1 MB
    assert bomb.stat().st_size < 2 << 20
    with pytest.raises(UnsafeArchiveError, match=r"bomb.zip: its files add up to 1,024 MB, more than"):
        safe_extract(bomb, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_tar_gz_bomb_is_refused_while_read_as_a_stream(tmp_path):
    bomb = tmp_path / "bomb.tar.gz"
    with open(bomb, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as gz, tarfile.open(fileobj=gz, mode="w|") as tar:
        info = tarfile.TarInfo("ds/zeros.bin")
        info.size = 256 << 20
        tar.addfile(info, io.BytesIO(b"\0" * info.size))
    with pytest.raises(UnsafeArchiveError, match=r"bomb.tar.gz: expands to more than"):
        safe_extract(bomb, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_too_many_members_are_refused(tmp_path, monkeypatch):
    import pipeline.publish.archive as archive

    monkeypatch.setattr(archive, "MAX_MEMBERS", 3)
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as zf:
        for i in range(5):
            zf.writestr(f"ds/{i}.txt", "x")
    with pytest.raises(UnsafeArchiveError, match="5 members, more than the 3"):
        safe_extract(many, tmp_path / "out")


def test_a_member_larger_than_it_declares_is_refused(tmp_path):
    liar = tmp_path / "liar.zip"
    with zipfile.ZipFile(liar, "w") as zf:
        zf.writestr("ds/a.txt", b"x" * 1000)
    data = bytearray(liar.read_bytes())
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed size in both headers → 10
        at = data.index(header)
        data[at + offset : at + offset + 4] = (10).to_bytes(4, "little")
    liar.write_bytes(bytes(data))
    with pytest.raises(PipelineError, match="liar.zip"):
        safe_extract(liar, tmp_path / "out")


@settings(max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".zip", ".tar.gz", ".tgz", ".tar"]),
       head=st.sampled_from([b"", b"PK\x03\x04", b"\x1f\x8b\x08\x00", b"ustar"]))
def test_any_bytes_as_an_archive_load_or_fail_naming_it(tmp_path_factory, data, suffix, head):
    from pipeline import load_dataset

    path = tmp_path_factory.mktemp("arc") / f"release{suffix}"
    path.write_bytes(head + data)
    with pytest.raises(PipelineError) as err:
        load_dataset(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value).strip()
