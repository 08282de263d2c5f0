"""SQLite export: a dataset → ``dataset.db`` (the four tables with keys, indexes and column
descriptions) and ``metadata.json`` for Datasette, the browser journalists already use:

    python -m pipeline export --format sqlite        # dist/dataset.db, dist/metadata.json
    datasette dist/dataset.db -m dist/metadata.json

Each table has its primary key, its foreign keys (which Datasette shows as links, labelled
by the referenced row's name or title) and an index on every foreign key and facet column;
each column's description is an SQL comment in its ``CREATE TABLE`` (kept in
``sqlite_master``) and in the metadata, which also gives titles, label meanings and facets
(status, source, affiliation, event), a ``claims_overview`` view that joins them, and a
``claim`` page: one claim with its source and every evidence link. The project writes these
files only; Datasette is not one of its dependencies.
"""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from html import escape
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..schema import DESCRIPTION, FOREIGN_KEYS, KEYS, TABLES, descriptions
from ..version import DATASET_NAME, RELEASE_DATE, __version__
from ..vocab import MEANINGS
from .loader import Dataset

DB_FILE = "dataset.db"
METADATA_FILE = "metadata.json"
DATABASE = Path(DB_FILE).stem  # Datasette names a database after its file
TITLES = {"articles": "Articles", "sources": "Sources of claims", "claims": "Attributed claims", "evidence": "Evidence links"}
LABEL_COLUMNS = {"articles": "title", "sources": "name", "claims": "content"}
FACETS = {
    "articles": ["event", "outlet"],
    "sources": ["source_type", "affiliation"],
    "claims": ["evidence_status", "source_id", "checkworthy", "doc_id"],
    "evidence": ["stance", "independent"],
    "claims_overview": ["evidence_status", "source", "affiliation", "event"],
}
OVERVIEW_SQL = """CREATE VIEW claims_overview AS
SELECT c.claim_id, c.content, s.name AS source, s.source_type, s.affiliation, a.event, c.evidence_status, c.checkworthy,
       (SELECT count(*) FROM evidence e WHERE e.claim_id = c.claim_id) AS evidence_links, c.doc_id
FROM claims c JOIN sources s ON s.source_id = c.source_id JOIN articles a ON a.doc_id = c.doc_id"""
CLAIM_SQL = """SELECT c.claim_id, c.content AS claim, s.name AS source, s.source_type, s.affiliation, s.role,
       c.evidence_status, c.status_rationale, e.stance, e.evidence_text AS evidence,
       coalesce(es.name, 'the author') AS evidence_source, e.independent, e.evidence_doc_id
FROM claims c JOIN sources s ON s.source_id = c.source_id
LEFT JOIN evidence e ON e.claim_id = c.claim_id LEFT JOIN sources es ON es.source_id = e.evidence_source_id
WHERE c.claim_id = :claim_id ORDER BY e.evidence_id"""


def sql_type(t: pa.DataType) -> str:
    """A pyarrow type → its SQLite column type (lists are stored as JSON text)."""
    if pa.types.is_integer(t) or pa.types.is_boolean(t):
        return "INTEGER"
    if pa.types.is_floating(t):
        return "REAL"
    return "TEXT"


def create_table(name: str, schema: pa.Schema) -> str:
    """A table name and its schema → ``CREATE TABLE`` with primary key, foreign keys and each description as a comment."""
    lines = []
    for f in schema:
        not_null = " NOT NULL" if not f.nullable else ""
        key = " PRIMARY KEY" if f.name == KEYS[name] else ""
        ref = FOREIGN_KEYS.get((name, f.name))
        fk = f" REFERENCES {ref[0]}({ref[1]})" if ref else ""
        desc = (f.metadata or {}).get(DESCRIPTION, b"").decode("utf-8").replace("\n", " ")
        lines.append(f"  {f.name} {sql_type(f.type)}{not_null}{key}{fk}, -- {desc}")
    lines[-1] = lines[-1].replace(", -- ", " -- ", 1)
    return f"CREATE TABLE {name} ( -- {(schema.metadata or {}).get(DESCRIPTION, b'').decode()}\n" + "\n".join(lines) + "\n)"


def indexes(name: str) -> list[str]:
    """A table → ``CREATE INDEX`` statements for its foreign keys and facet columns (its key has one already)."""
    columns = dict.fromkeys([c for (t, c) in FOREIGN_KEYS if t == name] + FACETS[name])
    return [f"CREATE INDEX idx_{name}_{c} ON {name}({c})" for c in columns if c != KEYS[name]]


def _cell(value: object) -> object:
    """A DataFrame cell → an SQLite value (NA → NULL, bool → 0/1, a list or array → JSON text)."""
    if hasattr(value, "__len__") and not isinstance(value, str):
        return json.dumps([str(v) for v in value], ensure_ascii=False)
    if value is None or pd.isna(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return int(value) if isinstance(value, bool) else value


def write_db(ds: Dataset, path: Path) -> None:
    """A Dataset → a new SQLite file at path (written beside it, then moved into place)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        with con:
            con.execute("PRAGMA foreign_keys = ON")
            for name, schema in TABLES.items():
                con.execute(create_table(name, schema))
            for name, schema in TABLES.items():
                df = ds.tables()[name][schema.names]
                rows = [tuple(_cell(v) for v in row) for row in df.astype(object).itertuples(index=False, name=None)]
                con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(schema))})", rows)
                for statement in indexes(name):
                    con.execute(statement)
            con.execute(OVERVIEW_SQL)
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        con.close()
        if problems:
            raise ValueError(f"{path}: rows whose foreign key names no row: {problems[:5]}")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def labels_html(table: str) -> str:
    """A table → an HTML list of what each label of its label columns means."""
    parts = []
    for column, meanings in MEANINGS.get(table, {}).items():
        items = "".join(f"<li><code>{escape(k)}</code>: {escape(v, quote=False)}</li>" for k, v in meanings.items())
        parts.append(f"<p><strong>{escape(column)}</strong></p><ul>{items}</ul>")
    return "".join(parts)


def metadata() -> dict:
    """→ Datasette's metadata.json: titles, descriptions, column descriptions, label meanings, facets and the claim page."""
    tables = {}
    for name, schema in TABLES.items():
        desc = (schema.metadata or {}).get(DESCRIPTION, b"").decode("utf-8")
        tables[name] = {"title": TITLES[name], "description_html": f"<p>{escape(desc, quote=False)}</p>{labels_html(name)}",
                        "columns": descriptions(schema), "facets": FACETS[name], "sort": KEYS[name]}
        if name in LABEL_COLUMNS:
            tables[name]["label_column"] = LABEL_COLUMNS[name]
    tables["claims_overview"] = {"title": "Claims with their source, affiliation and event",
                                 "description": "Every claim joined to its source and article, to facet by status, source, affiliation and event.",
                                 "facets": FACETS["claims_overview"]}
    return {
        "title": f"{DATASET_NAME} {__version__}",
        "description": "Attributed claims in news articles, their sources and the evidence the corpus holds. "
                       "Evidence statuses are relative to the corpus, not verdicts on truth in the world.",
        "license": "CC BY 4.0 (annotations); article texts remain their publishers'",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": f"{DATASET_NAME} {__version__}, released {RELEASE_DATE}",
        "databases": {DATABASE: {"tables": tables, "queries": {"claim": {
            "title": "A claim, its source and its evidence", "hide_sql": True,
            "description": "One row per evidence link of the claim (one row with empty evidence when the corpus holds none).",
            "sql": CLAIM_SQL}}}},
    }


def write_sqlite(ds: Dataset, out_dir: Path) -> tuple[Path, Path]:
    """A Dataset and a folder → ``dataset.db`` and ``metadata.json`` written in it; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    db, meta = out_dir / DB_FILE, out_dir / METADATA_FILE
    write_db(ds, db)
    meta.write_text(json.dumps(metadata(), indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return db, meta
