"""Write: a staged folder replaces the dataset whole, an interrupted swap is undone, and
row-group streaming gives the same bytes as writing the whole table at once."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from pipeline.run import write
from pipeline.schema import SOURCES


def _dataset(folder, content: str):
    folder.mkdir(parents=True)
    for name in ("articles.parquet", "claims.parquet"):
        (folder / name).write_text(f"{content} {name}")
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("atomic_exchange", [True, False])
def test_publish_replaces_the_dataset_whole(tmp_path, monkeypatch, atomic_exchange):
    if not atomic_exchange:
        monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    out = tmp_path / "dataset"
    _dataset(out, "old")
    with write.staging_dir(out) as staged:
        new = _dataset(staged / "x", "new")
        for name in new:
            (staged / "x" / name).rename(staged / name)
        (staged / "x").rmdir()
        write.publish(staged, out)
    assert _files(out) == new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset"]


def test_exchange_swaps_two_folders(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    fa, fb = _dataset(a, "A"), _dataset(b, "B")
    if not write._exchange(a, b):
        pytest.skip("this system has no renameat2(RENAME_EXCHANGE)")
    assert _files(a) == fb and _files(b) == fa


@pytest.mark.parametrize(
    "left_behind",
    [
        ["dataset.old"],  # killed between moving the dataset aside and moving the new one in
        ["dataset", "dataset.old"],  # killed after the swap, before the old one was removed
        ["dataset", "dataset.new-abc"],  # killed while writing the staged folder
        ["dataset", "dataset.new-abc", "dataset.new-def"],
    ],
)
def test_recover_restores_the_previous_dataset(tmp_path, left_behind):
    out = tmp_path / "dataset"
    contents = {}
    for name in left_behind:
        folder = tmp_path / (name if name == "dataset" else f".{name}")
        contents[name] = _dataset(folder, name)
    write.recover(out)
    expected = contents.get("dataset", contents.get("dataset.old"))
    assert _files(out) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset"]


def test_staging_folder_is_removed_on_error(tmp_path):
    out = tmp_path / "dataset"
    with pytest.raises(ValueError):
        with write.staging_dir(out) as staged:
            (staged / "half.parquet").write_bytes(b"PAR1")
            raise ValueError("boom")
    assert list(tmp_path.iterdir()) == []


def test_write_json_is_whole_or_absent(tmp_path, monkeypatch):
    path = tmp_path / "r" / "rejected.json"
    write.write_json({"b": 1, "a": [1]}, path)
    assert json.loads(path.read_text()) == {"a": [1], "b": 1}
    monkeypatch.setattr(write.os, "replace", lambda a, b: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        write.write_json({"c": 2}, path)
    assert json.loads(path.read_text()) == {"a": [1], "b": 1}
    assert sorted(p.name for p in path.parent.iterdir()) == ["rejected.json"]




def _rows(n: int) -> list[dict]:
    return [{"source_id": f"s{i:012x}", "name": f"Name {i}", "aliases": [f"N{i}"] * (i % 3), "source_type": "person",
             "role": None if i % 2 else "mayor", "affiliation": "government"} for i in range(n)]


@pytest.mark.parametrize("n", [0, 1, 5, 120])
def test_write_rows_matches_write_table(tmp_path, n):
    rows = _rows(n)
    write.write_table(write.to_table(rows, SOURCES), tmp_path / "a.parquet")
    write.write_rows(rows, SOURCES, tmp_path / "b.parquet")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


@pytest.mark.parametrize(("n", "size", "groups"), [(0, 4, 1), (4, 4, 1), (9, 4, 3), (120, 50, 3)])
def test_write_rows_writes_row_groups(tmp_path, n, size, groups):
    rows = _rows(n)
    write.write_rows(rows, SOURCES, tmp_path / "c.parquet", row_group_size=size)
    f = pq.ParquetFile(tmp_path / "c.parquet")
    assert f.num_row_groups == groups
    assert f.read().to_pylist() == write.to_table(rows, SOURCES).to_pylist()


def test_check_target_follows_a_symlink_and_refuses_a_dangling_one(tmp_path):
    from pipeline.errors import PipelineError
    from pipeline.run.write import check_target

    raw = tmp_path / "raw"
    raw.mkdir()
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert check_target(tmp_path / "link", raw, ["claims"]) == tmp_path / "real"
    (tmp_path / "dangling").symlink_to(tmp_path / "gone")
    with pytest.raises(PipelineError, match="symbolic link to .*gone, which does not exist"):
        check_target(tmp_path / "dangling", raw, ["claims"])
    with pytest.raises(PipelineError, match="inside the raw folder"):
        check_target(raw / "ds", raw, ["claims"])
