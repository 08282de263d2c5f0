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

import json
import logging
import os
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
            failures.append(Failure(table, cfg.type, cfg.description or "", column, res.get("unexpected_count"), samples))
    return Report(success=not failures, failures=failures, statistics=statistics, results=results)


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
