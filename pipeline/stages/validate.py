"""Validate: the built tables → a Great Expectations report (one suite per table).

Suites live in ``expectations/<table>.json``. Checks that span tables (offsets that
reproduce the content, foreign keys) run on derived columns added to a copy of each
table before validation, so every rule is still one named GX expectation:

- ``_text_at_offsets``: the article text sliced at the row's offsets;
- ``_offsets_in_range``: 0 ≤ start < end ≤ len(text);
- ``_doc_known`` / ``_source_known`` / ``_claim_known`` / ``_evidence_source_known``:
  the foreign key exists (null keys count as known where the column is nullable);
- ``_retraction_by_own_source``: a ``retracts`` link comes from the claim's own source;
- ``_evidence_claim_known`` / ``_not_self``: evidence_claim_id is a known claim, never the claim itself;
- ``_rule_label_has_evidence``: a rule label other than not_checkable/unverified rests on an evidence row;
- ``_curated_consistent``: evidence_status differs from rule_evidence_status only where label_source is curated.

Great Expectations is imported here only, so building the tables costs nothing until
they are validated.
"""
from __future__ import annotations

import copy
import json
import logging
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import paths
from ..schema import TABLES

SAMPLE_ROWS = 5


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed expectation: which table, which expectation, how many rows, sample rows."""

    table: str
    expectation: str
    description: str
    column: str | None
    unexpected_count: int | None
    samples: list = field(default_factory=list)

    def __str__(self) -> str:
        col = f" on {self.column!r}" if self.column else ""
        n = f" ({self.unexpected_count} rows)" if self.unexpected_count is not None else ""
        lines = [f"{self.table}: {self.expectation}{col} failed{n}: {self.description}"]
        lines += [f"    e.g. {s}" for s in self.samples]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of validating every table: per-table statistics and the failures."""

    success: bool
    failures: list[Failure]
    statistics: dict[str, dict]
    results: dict[str, dict]  # table -> GX validation result as JSON

    def __str__(self) -> str:
        if self.success:
            n = sum(s.get("evaluated_expectations", 0) for s in self.statistics.values())
            return f"validation passed: {n} expectations on {len(self.statistics)} tables"
        return "validation failed:\n" + "\n".join(str(f) for f in self.failures)


def load_suite_dicts(expectations_dir: Path | None = None) -> dict[str, dict]:
    """expectations/*.json (default: ``paths.expectations_dir()``) → {table: suite dict}; every table must have a suite."""
    expectations_dir = paths.expectations_dir() if expectations_dir is None else expectations_dir
    suites = {}
    for table in TABLES:
        path = Path(expectations_dir) / f"{table}.json"
        if not path.exists():
            raise FileNotFoundError(f"missing expectation suite for table {table!r}: {path}")
        suites[table] = json.loads(path.read_text(encoding="utf-8"))
    return suites


def validation_frames(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables as DataFrames → copies with the derived cross-table columns the suites check."""
    articles, sources, claims, evidence = (frames[t] for t in ("articles", "sources", "claims", "evidence"))
    texts = {d: t for d, t in zip(articles["doc_id"], articles["text"]) if isinstance(t, str)}  # a null text indexes nothing
    source_ids = set(sources["source_id"])
    out = {"articles": articles.copy(), "sources": sources.copy()}

    c = claims.copy()
    c["_doc_known"] = c["doc_id"].map(lambda d: d in texts).astype(bool)
    c["_source_known"] = c["source_id"].map(lambda s: s in source_ids).astype(bool)
    c["_offsets_in_range"] = _in_range(c["doc_id"], c["content_start"], c["content_end"], texts)
    c["_text_at_offsets"] = _slices(c["doc_id"], c["content_start"], c["content_end"], texts)
    linked = set(evidence["claim_id"])
    c["_rule_label_has_evidence"] = [
        status in ("not_checkable", "unverified") or cid in linked for status, cid in zip(c["rule_evidence_status"], c["claim_id"])
    ]
    c["_rule_label_has_evidence"] = c["_rule_label_has_evidence"].astype(bool)
    c["_curated_consistent"] = [
        (src == "curated") or (final == rule) for src, final, rule in zip(c["label_source"], c["evidence_status"], c["rule_evidence_status"])
    ]
    c["_curated_consistent"] = c["_curated_consistent"].astype(bool)
    cluster = dict(zip(claims["claim_id"], claims["claim_cluster_id"]))
    c["_cluster_is_named_after_a_member"] = [cluster.get(k) == k for k in c["claim_cluster_id"]]
    c["_cluster_is_named_after_a_member"] = c["_cluster_is_named_after_a_member"].astype(bool)
    out["claims"] = c

    e = evidence.copy()
    claim_source = dict(zip(claims["claim_id"], claims["source_id"]))
    e["_claim_known"] = e["claim_id"].map(lambda x: x in claim_source).astype(bool)
    e["_doc_known"] = e["evidence_doc_id"].map(lambda d: d in texts).astype(bool)
    e["_evidence_source_known"] = e["evidence_source_id"].map(lambda s: s is None or pd.isna(s) or s in source_ids).astype(bool)
    e["_offsets_in_range"] = _in_range(e["evidence_doc_id"], e["evidence_start"], e["evidence_end"], texts)
    e["_text_at_offsets"] = _slices(e["evidence_doc_id"], e["evidence_start"], e["evidence_end"], texts)
    e["_retraction_by_own_source"] = [
        stance != "retracts" or (src is not None and not pd.isna(src) and claim_source.get(cid) == src)
        for stance, src, cid in zip(e["stance"], e["evidence_source_id"], e["claim_id"])
    ]
    e["_retraction_by_own_source"] = e["_retraction_by_own_source"].astype(bool)
    e["_evidence_claim_known"] = e["evidence_claim_id"].map(lambda x: x is None or pd.isna(x) or x in claim_source).astype(bool)
    e["_not_self"] = pd.Series([a != b for a, b in zip(e["claim_id"], e["evidence_claim_id"])], index=e.index, dtype=bool)
    e["_cluster_consistent"] = [  # a claim of the claim's own cluster asserts the same: it cannot contradict it
        stance != "contradicts" or x is None or pd.isna(x) or cluster.get(x) != cluster.get(cid)
        for stance, x, cid in zip(e["stance"], e["evidence_claim_id"], e["claim_id"])
    ]
    e["_cluster_consistent"] = e["_cluster_consistent"].astype(bool)
    out["evidence"] = e
    return out


def _in_range(doc_ids, starts, ends, texts) -> pd.Series:
    return pd.Series(
        [
            d in texts and pd.notna(s) and pd.notna(t) and 0 <= int(s) < int(t) <= len(texts[d])
            for d, s, t in zip(doc_ids, starts, ends)
        ],
        index=doc_ids.index,
        dtype=bool,
    )


def _slices(doc_ids, starts, ends, texts) -> pd.Series:
    return pd.Series(
        [
            texts[d][int(s) : int(t)] if d in texts and pd.notna(s) and pd.notna(t) else None
            for d, s, t in zip(doc_ids, starts, ends)
        ],
        index=doc_ids.index,
        dtype=object,
    )


def import_gx():
    """Import Great Expectations (seconds of work) quietly → the module."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx

    return gx


def validate_frames(frames: dict[str, pd.DataFrame], *, expectations_dir: Path | None = None,
                    tables: tuple[str, ...] | None = None) -> Report:
    """The four tables as DataFrames → a Report from their GX suites (only ``tables`` when given)."""
    gx = import_gx()
    from great_expectations.core.expectation_suite import ExpectationSuite

    context = gx.get_context(mode="ephemeral")
    _quiet_progress_bars(context)
    datasource = context.data_sources.add_pandas("pipeline")
    vframes = validation_frames(frames)
    failures: list[Failure] = []
    statistics: dict[str, dict] = {}
    results: dict[str, dict] = {}
    for table, suite_dict in load_suite_dicts(expectations_dir).items():
        if tables is not None and table not in tables:
            continue
        suite = context.suites.add(ExpectationSuite(**suite_dict))
        batch_def = datasource.add_dataframe_asset(name=table).add_batch_definition_whole_dataframe(table)
        df = vframes[table]
        result = batch_def.get_batch(batch_parameters={"dataframe": df}).validate(suite, result_format="COMPLETE")
        statistics[table] = dict(result.statistics)
        results[table] = result.to_json_dict()
        failures += _failures(result, df, table)
    return Report(success=not failures, failures=failures, statistics=statistics, results=results)


# --- a written dataset, row group by row group ---------------------------------------------

BATCH_ROWS = 10_000  # rows of a table validated at once: what the build holds of a table at any time
UNIQUE = "expect_column_values_to_be_unique"

# The derived columns of validation_frames over the Parquet files, so no table is ever read whole into this process.
# - A table's own columns stream from its file in row order (pyarrow, a row group at a time).
# - Columns from the ids of other tables (foreign keys, clusters) come from DuckDB, one key set a query: each query
#   joins one set (a hash join DuckDB can spill) and is copied, sorted by row number, to a Parquet file in the spill
#   folder before the next runs, so one hash table is in memory at a time (as one query they needed more than 32 MB
#   for 139,000 claims).
# - Columns from the article text (offsets, the text at them) are looked up per batch in a temporary SQLite table of
#   the texts: joining or sorting the texts in DuckDB needed several times their size (45 MB of text failed at 128 MB)
#   and failed the 100,000-article bench.
# Semantics follow validation_frames: a doc with a null text is unknown; a null key is unknown unless the column is
# nullable.
_CLAIMS = "(SELECT claim_id, any_value(source_id) AS source_id, any_value(claim_cluster_id) AS cluster FROM {claims} GROUP BY claim_id)"
_SOURCE_IDS = "(SELECT DISTINCT source_id FROM {sources} WHERE source_id IS NOT NULL)"
DERIVED_SQL = {
    "claims": (
        f"""SELECT t.file_row_number, s.source_id IS NOT NULL AS _source_known
            FROM {{claims}} t LEFT JOIN {_SOURCE_IDS} s ON t.source_id = s.source_id""",
        """SELECT t.file_row_number,
                  coalesce(t.rule_evidence_status IN ('not_checkable', 'unverified') OR e.claim_id IS NOT NULL, false)
                      AS _rule_label_has_evidence,
                  coalesce(t.label_source = 'curated' OR t.evidence_status = t.rule_evidence_status, false) AS _curated_consistent
           FROM {claims} t LEFT JOIN (SELECT DISTINCT claim_id FROM {evidence} WHERE claim_id IS NOT NULL) e ON t.claim_id = e.claim_id""",
        f"""SELECT t.file_row_number, r.claim_id IS NOT NULL AS _cluster_is_named_after_a_member
            FROM {{claims}} t LEFT JOIN (SELECT claim_id FROM {_CLAIMS} WHERE cluster = claim_id) r ON t.claim_cluster_id = r.claim_id""",
    ),
    "evidence": (
        f"""SELECT t.file_row_number, c.claim_id IS NOT NULL AS _claim_known,
                   coalesce(t.stance IS DISTINCT FROM 'retracts' OR (t.evidence_source_id IS NOT NULL AND c.source_id = t.evidence_source_id),
                            false) AS _retraction_by_own_source,
                   t.claim_id IS DISTINCT FROM t.evidence_claim_id AS _not_self, c.cluster AS _claim_cluster
            FROM {{evidence}} t LEFT JOIN {_CLAIMS} c ON t.claim_id = c.claim_id""",
        f"""SELECT t.file_row_number, coalesce(t.evidence_claim_id IS NULL OR x.claim_id IS NOT NULL, false) AS _evidence_claim_known,
                   x.cluster AS _evidence_claim_cluster
            FROM {{evidence}} t LEFT JOIN {_CLAIMS} x ON t.evidence_claim_id = x.claim_id""",
        f"""SELECT t.file_row_number, coalesce(t.evidence_source_id IS NULL OR s.source_id IS NOT NULL, false) AS _evidence_source_known
            FROM {{evidence}} t LEFT JOIN {_SOURCE_IDS} s ON t.evidence_source_id = s.source_id""",
    ),
}
# table → (doc_id column, start column, end column) of the offsets checked against the article text
TEXT_SPANS = {"claims": ("doc_id", "content_start", "content_end"), "evidence": ("evidence_doc_id", "evidence_start", "evidence_end")}


class _Texts:
    """The article texts by doc_id in a temporary SQLite file: what a batch needs is read back, never the whole corpus."""

    CHUNK = 500  # doc ids per lookup

    def __init__(self, path: Path, articles: Path, batch_rows: int):
        import sqlite3

        import pyarrow.parquet as pq

        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE texts (doc_id TEXT PRIMARY KEY, text TEXT NOT NULL)")
        for batch in pq.ParquetFile(articles).iter_batches(batch_size=batch_rows, columns=["doc_id", "text"]):
            rows = [(d, t) for d, t in zip(batch.column("doc_id").to_pylist(), batch.column("text").to_pylist())
                    if d is not None and t is not None]
            self.db.executemany("INSERT OR IGNORE INTO texts VALUES (?, ?)", rows)  # a repeated doc_id: its first text
        self.db.commit()

    def of(self, doc_ids) -> dict[str, str]:
        """doc ids → {doc_id: text} of those with a text."""
        wanted = sorted({d for d in doc_ids if isinstance(d, str)})
        out: dict[str, str] = {}
        for i in range(0, len(wanted), self.CHUNK):
            part = wanted[i : i + self.CHUNK]
            out.update(self.db.execute(f"SELECT doc_id, text FROM texts WHERE doc_id IN ({','.join('?' * len(part))})", part))
        return out

    def close(self) -> None:
        self.db.close()


def _exactly(batches, n: int, schema):
    """Record batches → pyarrow Tables of exactly n rows (the last may be shorter); one empty Table where there are none."""
    import pyarrow as pa

    pending, size, given = [], 0, False
    for batch in batches:
        if batch.num_rows:
            pending.append(batch)
            size += batch.num_rows
        while size >= n:
            table = pa.Table.from_batches(pending, schema=schema)
            yield table.slice(0, n)
            given = True
            rest = table.slice(n)
            pending, size = rest.to_batches(), rest.num_rows
    if size or not given:
        yield pa.Table.from_batches(pending, schema=schema)


def _distinct(a, b) -> bool:
    """SQL's a IS DISTINCT FROM b: two nulls are not distinct, a null and a value are."""
    return pd.isna(a) != pd.isna(b) or (not pd.isna(a) and a != b)


def _cluster_consistent(df: pd.DataFrame) -> pd.Series:
    """An evidence batch with the clusters of its claim and of its evidence claim (two queries, popped here) → a claim
    of the claim's own cluster asserts the same, so it cannot contradict it."""
    theirs, ours = df.pop("_evidence_claim_cluster"), df.pop("_claim_cluster")
    return pd.Series([stance != "contradicts" or pd.isna(other) or _distinct(x, y)
                      for stance, other, x, y in zip(df["stance"], df["evidence_claim_id"], theirs, ours)], index=df.index, dtype=bool)


def _derived_files(con, table: str, names: dict[str, str], spill: Path) -> list[Path]:
    """A table's DERIVED_SQL, each query copied in row order to a Parquet file in the spill folder, one after another."""
    files = []
    for i, sql in enumerate(DERIVED_SQL.get(table, ())):
        path = spill / f"{table}-derived-{i}.parquet"
        con.execute(f"COPY ({sql.format(**names)} ORDER BY t.file_row_number) TO '{path}' (FORMAT parquet)")
        files.append(path)
    return files


def table_frames(con, folder: Path, table: str, names: dict[str, str], texts: _Texts, batch_rows: int, spill: Path):
    """A table's file → DataFrames of ``batch_rows`` rows in file order, indexed by row number, with the derived
    columns of validation_frames (one empty frame for an empty table: its columns are still checked)."""
    import pyarrow.parquet as pq

    def rows_of(path: Path):
        file = pq.ParquetFile(path)
        return _exactly(file.iter_batches(batch_size=batch_rows), batch_rows, file.schema_arrow)

    own = rows_of(folder / f"{table}.parquet")
    derived = [rows_of(path) for path in _derived_files(con, table, names, spill)]
    at = 0
    for part in own:
        df = part.to_pandas()
        df.index = pd.RangeIndex(at, at + len(df))
        at += len(df)
        for flags in (next(d).to_pandas() for d in derived):
            if len(flags) != len(df) or (len(df) and flags["file_row_number"].iloc[-1] != df.index[-1]):
                raise RuntimeError(f"validation of {table}: the derived columns are out of step with the file's rows")
            for column in flags.columns.drop("file_row_number"):
                df[column] = flags[column].to_numpy(dtype=bool if flags[column].dtype == bool else object)
        if table == "evidence":
            df["_cluster_consistent"] = _cluster_consistent(df)
        if table in TEXT_SPANS:
            doc, start, end = TEXT_SPANS[table]
            known = texts.of(df[doc])
            df["_doc_known"] = df[doc].isin(list(known)).astype(bool)
            df["_offsets_in_range"] = _in_range(df[doc], df[start], df[end], known)
            df["_text_at_offsets"] = _slices(df[doc], df[start], df[end], known)
        yield df


def validate_dataset(folder: Path, *, batch_rows: int = BATCH_ROWS, expectations_dir: Path | None = None,
                     memory_limit: str = "256MB") -> Report:
    """A folder of the four Parquet tables → a Report from their GX suites, checked ``batch_rows`` rows at a time.

    DuckDB derives the cross-table columns (foreign keys, text at offsets) over the files and
    streams each table in row order; every batch is one GX batch of the table's suite, and each
    column that must be unique is checked once over the whole file. Failures of the batches are
    merged (one per expectation, counts summed, the first samples kept), so the report reads
    like that of ``validate_frames`` on the whole tables."""
    import duckdb

    gx = import_gx()
    from great_expectations.core.expectation_suite import ExpectationSuite

    folder = Path(folder)
    context = gx.get_context(mode="ephemeral")
    _quiet_progress_bars(context)
    datasource = context.data_sources.add_pandas("pipeline")
    spill = Path(tempfile.mkdtemp(prefix=f"{folder.name}.duckdb-", dir=folder.parent))  # a staging folder's prefix: recover() removes a killed one's
    con = duckdb.connect(config={"memory_limit": memory_limit, "temp_directory": str(spill), "preserve_insertion_order": False})
    names = {t: f"read_parquet('{folder / f'{t}.parquet'}', file_row_number = true)" for t in TABLES}
    merged: dict[tuple, Failure] = {}
    statistics: dict[str, dict] = {}
    results: dict[str, dict] = {}
    texts = None
    try:
        texts = _Texts(spill / "texts.sqlite", folder / "articles.parquet", batch_rows)
        for table, suite_dict in load_suite_dicts(expectations_dir).items():
            per_batch = {**suite_dict, "expectations": [e for e in suite_dict["expectations"] if e["type"] != UNIQUE]}
            suite = context.suites.add(ExpectationSuite(**per_batch))
            batch_def = datasource.add_dataframe_asset(name=table).add_batch_definition_whole_dataframe(table)
            stats = {"evaluated_expectations": len(suite_dict["expectations"]), "successful_expectations": 0, "batches": 0}
            whole: dict | None = None  # the batches' GX results merged into one for the whole table
            for df in table_frames(con, folder, table, names, texts, batch_rows, spill):
                result = batch_def.get_batch(batch_parameters={"dataframe": df}).validate(suite, result_format="COMPLETE")
                stats["batches"] += 1
                for failure in _failures(result, df, table):
                    _merge(merged, failure)
                whole = merge_results(whole, result.to_json_dict())
            uniques = {}
            for e in suite_dict["expectations"]:
                if e["type"] == UNIQUE:
                    failure = _duplicates(con, names[table], table, e)
                    if failure:
                        _merge(merged, failure)
                    uniques[id(e)] = unique_result(e, failure, _rows_and_nulls(con, names[table], e["kwargs"]["column"]))
            failed = {f.expectation + (f.column or "") for f in merged.values() if f.table == table}
            stats["successful_expectations"] = sum(
                1 for e in suite_dict["expectations"] if e["type"] + (e["kwargs"].get("column") or e["kwargs"].get("column_A") or "") not in failed)
            stats["unsuccessful_expectations"] = stats["evaluated_expectations"] - stats["successful_expectations"]
            stats["success_percent"] = 100.0 * stats["successful_expectations"] / max(1, stats["evaluated_expectations"])
            statistics[table] = stats
            in_order = iter(whole["results"])
            whole.setdefault("meta", {})["batch_markers"] = {"batches": stats["batches"], "rows_per_batch": batch_rows}
            results[table] = {**whole, "success": not failed, "statistics": stats, "suite_name": suite_dict.get("name", table),
                              "results": [uniques[id(e)] if id(e) in uniques else next(in_order) for e in suite_dict["expectations"]]}
    finally:
        if texts is not None:
            texts.close()
        con.close()
        shutil.rmtree(spill, ignore_errors=True)
    failures = list(merged.values())
    return Report(success=not failures, failures=failures, statistics=statistics, results=results)


PARTIAL = 20  # unexpected values (and their row numbers) kept per expectation of a merged result, as GX's partial lists
_COUNTS = ("element_count", "missing_count", "unexpected_count")
_LISTS = ("partial_unexpected_list", "partial_unexpected_index_list", "unexpected_list", "unexpected_index_list")


def merge_results(whole: dict | None, batch: dict) -> dict:
    """The merged GX suite result so far (None at first) and one more batch's → the result for all rows so far:
    an expectation succeeds where it succeeded on every batch; counts add up, percentages are recomputed,
    unexpected values and row numbers are kept up to PARTIAL (memory bounded whatever the table's size)."""
    batch = copy.deepcopy(batch)
    for r in batch["results"]:
        _cap(r.get("result") or {})
    if whole is None:
        return batch
    for a, b in zip(whole["results"], batch["results"]):
        a["success"] = bool(a["success"] and b["success"])
        ra, rb = a.setdefault("result", {}), b.get("result") or {}
        for k in _COUNTS:
            if k in ra or k in rb:
                ra[k] = (ra.get(k) or 0) + (rb.get(k) or 0)
        for k in _LISTS:
            if k in ra or k in rb:
                ra[k] = (list(ra.get(k) or []) + list(rb.get(k) or []))[:PARTIAL]
        if "partial_unexpected_counts" in ra or "partial_unexpected_counts" in rb:
            counts = Counter()
            for item in (ra.get("partial_unexpected_counts") or []) + (rb.get("partial_unexpected_counts") or []):
                counts[json.dumps(item["value"], sort_keys=True, default=str)] += item["count"]
            ra["partial_unexpected_counts"] = [{"value": json.loads(v), "count": n} for v, n in counts.most_common(PARTIAL)]
        _percentages(ra)
        if not (a.get("exception_info") or {}).get("raised_exception") and (b.get("exception_info") or {}).get("raised_exception"):
            a["exception_info"] = b["exception_info"]
    whole["success"] = all(r["success"] for r in whole["results"])
    return whole


def _cap(result: dict) -> None:
    for k in _LISTS:
        if k in result and result[k] is not None:
            result[k] = list(result[k])[:PARTIAL]
    if result.get("partial_unexpected_counts"):
        result["partial_unexpected_counts"] = result["partial_unexpected_counts"][:PARTIAL]


def _percentages(r: dict) -> None:
    """A merged column-map result → its percentages from its counts, as GX computes them."""
    n, missing, unexpected = r.get("element_count"), r.get("missing_count") or 0, r.get("unexpected_count")
    if not n or unexpected is None:
        return
    nonmissing = n - missing
    if "missing_percent" in r:
        r["missing_percent"] = 100.0 * missing / n
    for k in ("unexpected_percent", "unexpected_percent_nonmissing"):
        if k in r:
            r[k] = 100.0 * unexpected / nonmissing if nonmissing else None
    if "unexpected_percent_total" in r:
        r["unexpected_percent_total"] = 100.0 * unexpected / n


def unique_result(expectation: dict, failure: Failure | None, counts: tuple[int, int]) -> dict:
    """A uniqueness expectation checked over the whole file (DuckDB), its failure and the (rows, nulls) of its
    column → its entry in the table's merged GX result, with the fields GX gives a column-map result."""
    rows, nulls = counts
    duplicates = failure.unexpected_count if failure else 0
    nonmissing = rows - nulls
    return {
        "success": failure is None,
        "expectation_config": {k: expectation[k] for k in ("type", "kwargs", "meta", "description") if k in expectation},
        "result": {"element_count": rows, "missing_count": nulls, "missing_percent": 100.0 * nulls / rows if rows else None,
                   "unexpected_count": duplicates, "unexpected_percent": 100.0 * duplicates / nonmissing if nonmissing else None,
                   "unexpected_percent_total": 100.0 * duplicates / rows if rows else None,
                   "unexpected_percent_nonmissing": 100.0 * duplicates / nonmissing if nonmissing else None,
                   "partial_unexpected_list": list(failure.samples) if failure else [], "partial_unexpected_counts": [],
                   "partial_unexpected_index_list": []},
        "meta": {"checked": "over the whole file (DuckDB), not per batch"},
        "exception_info": {"raised_exception": False, "exception_traceback": None, "exception_message": None},
    }


def _rows_and_nulls(con, source: str, column: str) -> tuple[int, int]:
    """A table's file and a column → (rows, nulls in the column)."""
    quoted = '"' + column.replace('"', '""') + '"'
    rows, values = con.cursor().execute(f"SELECT count(*), count({quoted}) FROM {source}").fetchone()
    return int(rows), int(rows - values)


def _failures(result, df: pd.DataFrame, table: str) -> list[Failure]:
    """A GX validation result of one batch → its failures, with sample rows."""
    out = []
    for r in result.results:
        if r.success:
            continue
        cfg = r.expectation_config
        kwargs = cfg.kwargs
        column = kwargs.get("column") or kwargs.get("column_A")
        res = r.result or {}
        index = res.get("unexpected_index_list") or res.get("partial_unexpected_index_list") or []
        samples = [_sample(df, table, i) for i in list(index)[:SAMPLE_ROWS]]
        if not samples and res.get("partial_unexpected_list"):
            samples = [repr(v) for v in res["partial_unexpected_list"][:SAMPLE_ROWS]]
        if r.exception_info and r.exception_info.get("raised_exception"):
            samples.append(f"exception: {r.exception_info.get('exception_message')}")
        out.append(Failure(table, cfg.type, cfg.description or "", column, res.get("unexpected_count"), samples))
    return out


def _merge(merged: dict[tuple, Failure], f: Failure) -> None:
    """Add one batch's failure to the report's: the same expectation's counts add up, samples up to SAMPLE_ROWS."""
    key = (f.table, f.expectation, f.column, f.description)
    if (old := merged.get(key)) is None:
        merged[key] = f
        return
    count = None if old.unexpected_count is None and f.unexpected_count is None else (old.unexpected_count or 0) + (f.unexpected_count or 0)
    merged[key] = Failure(f.table, f.expectation, f.description, f.column, count, (old.samples + f.samples)[:SAMPLE_ROWS])


def _duplicates(con, source: str, table: str, expectation: dict) -> Failure | None:
    """A column that must be unique, over the whole file (a batch sees only its own rows) → a Failure, or None."""
    column = expectation["kwargs"]["column"]
    quoted = '"' + column.replace('"', '""') + '"'
    con = con.cursor()  # a query of its own: the table's batches may still hold the connection's
    rows = con.execute(f"SELECT {quoted}, count(*) AS n FROM {source} WHERE {quoted} IS NOT NULL GROUP BY {quoted} HAVING n > 1 "
                       f"ORDER BY n DESC, {quoted} LIMIT {SAMPLE_ROWS}").fetchall()
    if not rows:
        return None
    total = con.execute(f"SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {source} WHERE {quoted} IS NOT NULL "
                        f"GROUP BY {quoted} HAVING n > 1)").fetchone()[0]
    return Failure(table, UNIQUE, expectation.get("description", ""), column, int(total),
                   [f"{column}={v!r} occurs {n} times" for v, n in rows])


def _sample(df: pd.DataFrame, table: str, index) -> str:
    from ..schema import KEYS

    try:
        row = df.loc[index]
    except (KeyError, TypeError):
        return repr(index)
    shown = {k: row[k] for k in row.index if not k.startswith("_") and k not in ("text",)}
    key = KEYS[table]
    head = f"{key}={shown.pop(key, None)!r} "
    return head + ", ".join(f"{k}={_short(v)}" for k, v in list(shown.items())[:6])


def _short(v) -> str:
    s = repr(v)
    return s if len(s) <= 60 else s[:57] + "..."


def _quiet_progress_bars(context) -> None:
    try:
        from great_expectations.data_context.types.base import ProgressBarsConfig

        context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    except Exception:  # older or newer GX without this knob: bars are only cosmetic
        pass
