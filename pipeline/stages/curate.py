"""Curate: a reviewed-labels file → curated evidence statuses, applied after the rules.

Curators confirm or override a claim's label in ``raw/curation/reviewed_labels.csv`` (or
``.yaml``/``.yml``), one entry per claim with the fields ``claim_id``, ``evidence_status``,
``rationale``, ``reviewer`` and ``date`` (YYYY-MM-DD). CSV is read with the csv module,
YAML with the safe loader only. An entry for a claim the build does not have, with a
label outside the codebook, a missing field, a bad date or a claim reviewed twice fails
the build with a message naming the file, the line and the reason.

A curated label replaces ``evidence_status`` (and the AVeriTeC and FEVER labels mapped
from it); the rules' own label stays in ``rule_evidence_status`` and ``label_source``
becomes ``curated``.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..inputs import boundary, calendar_date, load_yaml
from ..vocab import AVERITEC_LABELS, EVIDENCE_STATUSES, FEVER_LABELS

FIELDS: tuple[str, ...] = ("claim_id", "evidence_status", "rationale", "reviewer", "date")
FILE_NAMES: tuple[str, ...] = ("reviewed_labels.csv", "reviewed_labels.yaml", "reviewed_labels.yml")


@dataclass(frozen=True, slots=True)
class Review:
    """One curator's decision on one claim, with where it was written."""

    claim_id: str
    evidence_status: str
    rationale: str
    reviewer: str
    date: str
    path: str
    line: int


def find_file(curation_dir: Path) -> Path | None:
    """The curation folder → its reviewed-labels file, or None when there is none (two is an error)."""
    found = [Path(curation_dir) / n for n in FILE_NAMES if (Path(curation_dir) / n).is_file()]
    if len(found) > 1:
        raise InputError([Problem(str(found[1]), f"more than one reviewed-labels file: {', '.join(p.name for p in found)}; keep one")])
    return found[0] if found else None


def read_reviews(path: Path) -> list[Review]:
    """A reviewed-labels file (CSV or YAML) → its entries, each checked field by field; InputError on any bad one
    (and on any failure to read it: the boundary names the file)."""
    path = Path(path)
    with boundary(path):
        return _read_reviews(path)


def _read_reviews(path: Path) -> list[Review]:
    try:
        # utf-8-sig: a byte-order mark, as spreadsheet programs save CSV, is not part of the first column's name
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError([Problem(str(path), f"not UTF-8 text ({err.reason} at byte {err.start})")]) from None
    entries = _yaml_entries(text, path) if path.suffix.lower() in (".yaml", ".yml") else _csv_entries(text, path)
    problems: list[Problem] = []
    reviews: list[Review] = []
    for line, entry in entries:
        try:
            reviews.append(_review(entry, str(path), line))
        except ValueError as err:
            problems.append(Problem(str(path), str(err), f"line {line}"))
    seen: dict[str, int] = {}
    for r in reviews:
        if r.claim_id in seen:
            problems.append(Problem(str(path), f"claim {r.claim_id} is reviewed twice (first on line {seen[r.claim_id]})", f"line {r.line}"))
        seen.setdefault(r.claim_id, r.line)
    if problems:
        raise InputError(problems)
    return reviews


def _csv_entries(text: str, path: Path) -> list[tuple[int, dict]]:
    """CSV text → (line, row) per data row; the header must hold every field."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as err:
        raise InputError([Problem(str(path), f"not valid CSV: {err}", "line 1")]) from None
    if twice := sorted({f for f in header if header.count(f) > 1}):
        raise InputError([Problem(str(path), f"column(s) {', '.join(map(repr, twice))} appear more than once in the header", "line 1")])
    if missing := [f for f in FIELDS if f not in header]:
        raise InputError([Problem(str(path), f"header lacks column(s) {', '.join(missing)} (expected {', '.join(FIELDS)})", "line 1")])
    out = []
    try:
        for row in reader:
            if None in row:
                raise InputError([Problem(str(path), "more values than header columns", f"line {reader.line_num}")])
            if any((v or "").strip() for v in row.values()):
                out.append((reader.line_num, row))
    except csv.Error as err:  # raised while reading the record after line_num
        raise InputError([Problem(str(path), f"not valid CSV: {err}", f"line {reader.line_num + 1}")]) from None
    return out


def _yaml_entries(text: str, path: Path) -> list[tuple[int, dict]]:
    """YAML text (a list of mappings) → (line, mapping) per entry, read with the safe loader."""
    data = load_yaml(text, str(path))  # strict: scalars stay text, duplicate keys refused
    if data is None:
        return []
    if not isinstance(data, list):
        raise InputError([Problem(str(path), "expected a list of entries (- claim_id: ...)", "line 1")])
    out = []
    for line, item in zip(_entry_lines(text), data):
        if not isinstance(item, dict):
            raise InputError([Problem(str(path), "an entry must be a mapping of fields", f"line {line}")])
        out.append((line, item))
    return out


def _entry_lines(text: str) -> list[int]:
    """YAML text holding a list → the line each entry starts on (composed with the safe loader)."""
    import yaml

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    return [node.start_mark.line + 1 for node in root.value] if isinstance(root, yaml.SequenceNode) else []


def _review(entry: dict, path: str, line: int) -> Review:
    """One raw entry → a Review; ValueError naming the field when it is wrong."""
    if unknown := sorted(repr(k) if not isinstance(k, str) else k for k in entry if k not in FIELDS):
        raise ValueError(f"unknown field(s) {', '.join(unknown)} (expected {', '.join(FIELDS)})")
    values = {}
    for f in FIELDS:
        v = entry.get(f)
        if isinstance(v, list | dict):
            raise ValueError(f"field {f!r} must be text, not a {'list' if isinstance(v, list) else 'mapping'}")
        v = "" if v is None else str(v).strip()
        if not v:
            raise ValueError(f"field {f!r} is empty")
        values[f] = v
    if values["evidence_status"] not in EVIDENCE_STATUSES:
        raise ValueError(f"unknown label {values['evidence_status']!r} in 'evidence_status' (one of {', '.join(EVIDENCE_STATUSES)})")
    if why := calendar_date(values["date"], partial=False):
        raise ValueError(f"field 'date' is not a date YYYY-MM-DD: {why}")
    return Review(**values, path=path, line=line)


def apply_reviews(claims: list[dict], reviews: Iterable[Review]) -> list[dict]:
    """Claim rows labelled by the rules and the reviews → the rows with curated labels applied (in place, returned).

    Fails (InputError naming file and line) when a review names a claim the build does not have."""
    by_id = {row["claim_id"]: row for row in claims}
    reviews = list(reviews)
    if missing := [r for r in reviews if r.claim_id not in by_id]:
        raise InputError([
            Problem(r.path, f"claim {r.claim_id} does not exist in this build (its text or article changed?); update or remove the entry", f"line {r.line}")
            for r in missing
        ])
    for r in reviews:
        row = by_id[r.claim_id]
        row.update(
            evidence_status=r.evidence_status, label_source="curated",
            status_rationale=f"Curated by {r.reviewer} on {r.date} (rules said {row['rule_evidence_status']}): {r.rationale}",
            averitec_label=AVERITEC_LABELS[r.evidence_status], fever_label=FEVER_LABELS[r.evidence_status],
        )
    return claims
