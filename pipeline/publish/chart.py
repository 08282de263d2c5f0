"""Chart: the built tables → ``label_distributions.svg``, bar charts of the label distributions.

Hand-written SVG (no plotting library, no fonts embedded, no timestamps), so the same
tables always give the same bytes. Panels: claims by evidence status, by check-worthiness
and by their source's affiliation, and evidence links by stance; every label of the
vocabulary has a bar, zeros included.
"""
from __future__ import annotations

from collections import Counter
from html import escape

import pyarrow as pa

from ..vocab import AFFILIATIONS, EVIDENCE_STATUSES, STANCES
from .dataset_io import value_counts

CHART_FILE = "label_distributions.svg"
WIDTH, ROW, LABEL_W, BAR_W, TITLE_H, GAP = 640, 18, 170, 380, 26, 14
COLOURS = ("#2b6a99", "#6b8e23", "#b5651d", "#7b4f9d")


def affiliations(sources) -> dict[str, str]:
    """The sources table → {source_id: affiliation} (ids are unique), read in row batches."""
    return {s: a for s, a in value_counts(sources, ["source_id", "affiliation"])}


def panels(tables: dict[str, pa.Table]) -> list[tuple[str, list[tuple[str, int]]]]:
    """The tables → (panel title, [(label, count)]) for each panel, labels in vocabulary order."""
    claims, sources, evidence = tables["claims"], tables["sources"], tables["evidence"]
    status = value_counts(claims, ["evidence_status"])
    checkworthy = value_counts(claims, ["checkworthy"])
    affiliation_of = affiliations(sources)
    affiliation: Counter = Counter()
    for s, n in value_counts(claims, ["source_id"]).items():
        affiliation[affiliation_of.get(s)] += n
    stance = value_counts(evidence, ["stance"])
    return [
        ("claims by evidence_status", [(s, status.get(s, 0)) for s in EVIDENCE_STATUSES]),
        ("claims by checkworthy", [("true", checkworthy.get(True, 0)), ("false", checkworthy.get(False, 0))]),
        ("claims by source affiliation", [(a, affiliation.get(a, 0)) for a in AFFILIATIONS]),
        ("evidence links by stance", [(s, stance.get(s, 0)) for s in STANCES]),
    ]


def render(tables: dict[str, pa.Table]) -> str:
    """The tables → the SVG text of the label-distribution chart."""
    parts, y = [], 0
    for i, (title, bars) in enumerate(panels(tables)):
        top = max([n for _, n in bars] + [1])
        parts.append(f'<text x="0" y="{y + 18}" font-weight="bold">{escape(title)}</text>')
        y += TITLE_H
        for label, n in bars:
            w = round(BAR_W * n / top)
            parts.append(f'<text x="{LABEL_W - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>')
            parts.append(f'<rect x="{LABEL_W}" y="{y + 2}" width="{w}" height="{ROW - 4}" fill="{COLOURS[i % len(COLOURS)]}"/>')
            parts.append(f'<text x="{LABEL_W + w + 5}" y="{y + 13}">{n}</text>')
            y += ROW
        y += GAP
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{y}" viewBox="0 0 {WIDTH} {y}" '
            f'font-family="sans-serif" font-size="12" role="img">')
    title = "<title>Label distributions of the dataset</title>"
    return "\n".join([head, title, '<rect width="100%" height="100%" fill="white"/>', *parts, "</svg>"]) + "\n"
