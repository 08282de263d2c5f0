"""SQLite export: the four tables with keys, foreign keys, indexes and column descriptions; Datasette metadata."""
from __future__ import annotations

import json
import sqlite3

import pytest
from synthetic import write_synthetic

from pipeline import load_dataset, vocab
from pipeline.cli import main
from pipeline.publish.sqlite import FACETS, metadata, write_sqlite
from pipeline.schema import FOREIGN_KEYS, KEYS, TABLES, descriptions


@pytest.fixture()
def exported(tmp_path):
    ds = load_dataset(write_synthetic(tmp_path / "syn"))
    db, meta = write_sqlite(ds, tmp_path / "out")
    con = sqlite3.connect(db)
    yield ds, con, json.loads(meta.read_text())
    con.close()


def test_every_table_and_row_is_written(exported):
    ds, con, _ = exported
    for name in TABLES:
        assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == len(getattr(ds, name))
        assert [r[1] for r in con.execute(f"PRAGMA table_info({name})")] == TABLES[name].names


def test_keys_foreign_keys_and_indexes(exported):
    _, con, _ = exported
    for name, key in KEYS.items():
        assert [r[1] for r in con.execute(f"PRAGMA table_info({name})") if r[5]] == [key]
    declared = {(t, r[3]): (r[2], r[4]) for t in TABLES for r in con.execute(f"PRAGMA foreign_key_list({t})")}
    assert declared == FOREIGN_KEYS
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    indexed = {(t, r[2]) for t in TABLES for i in con.execute(f"PRAGMA index_list({t})") for r in con.execute(f"PRAGMA index_info({i[1]})")}
    assert set(FOREIGN_KEYS) <= indexed
    assert ("claims", "evidence_status") in indexed and ("sources", "affiliation") in indexed and ("articles", "event") in indexed


def test_column_descriptions_are_in_the_schema_text(exported):
    _, con, _ = exported
    for name, schema in TABLES.items():
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        for column, desc in descriptions(schema).items():
            assert f"{column} " in sql and f"-- {desc}" in sql


def test_values_round_trip(exported):
    ds, con, _ = exported
    row = con.execute("SELECT content, content_start, checkworthy, speaker_start FROM claims WHERE claim_id = 'c000000000001'").fetchone()
    claim = ds.claims.set_index("claim_id").loc["c000000000001"]
    assert row == (claim["content"], claim["content_start"], int(claim["checkworthy"]), None)
    aliases = dict(con.execute("SELECT source_id, aliases FROM sources"))
    assert all(json.loads(aliases[s]) == list(a) for s, a in zip(ds.sources["source_id"], ds.sources["aliases"]))


def test_datasette_metadata(exported):
    _, con, meta = exported
    tables = meta["databases"]["dataset"]["tables"]
    assert set(TABLES) <= set(tables)
    for name, schema in TABLES.items():
        assert tables[name]["title"] and tables[name]["columns"] == descriptions(schema)
    assert set(FACETS["claims_overview"]) == {"evidence_status", "source", "affiliation", "event"}
    assert tables["claims_overview"]["facets"] == FACETS["claims_overview"]
    for status, meaning in vocab.STATUS_MEANINGS.items():
        assert f"<code>{status}</code>" in tables["claims"]["description_html"] and meaning.split(",")[0] in tables["claims"]["description_html"]
    assert tables["sources"]["label_column"] == "name"
    query = meta["databases"]["dataset"]["queries"]["claim"]["sql"]
    rows = con.execute(query, {"claim_id": "c000000000000"}).fetchall()
    assert len(rows) == 2  # two evidence links
    assert con.execute("SELECT count(*) FROM claims_overview").fetchone()[0] == con.execute("SELECT count(*) FROM claims").fetchone()[0]


def test_cli_writes_db_and_metadata(tmp_path, capsys):
    folder = write_synthetic(tmp_path / "syn")
    assert main(["export", "--format", "sqlite", "--dataset", str(folder), "--out", str(tmp_path / "o")]) == 0
    assert (tmp_path / "o" / "dataset.db").is_file() and (tmp_path / "o" / "metadata.json").is_file()
    assert "datasette" in capsys.readouterr().out
    assert metadata()["databases"]["dataset"]["tables"]["claims"]["facets"][0] == "evidence_status"
