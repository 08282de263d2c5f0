"""Card: the built tables → the dataset card ``README.md`` (Hugging Face YAML header + Datasheets sections).

The text is the template ``templates/card.md.j2`` rendered with Jinja2, the way
``huggingface_hub``'s ``DatasetCard.from_template`` renders one (``card_data`` is the
YAML header). Everything the card states about the data (tables, columns, row counts,
label distributions) is computed from the Parquet files it describes; the label vocabulary
comes from ``pipeline.vocab`` and the version from ``pipeline``. The card is written by
the build beside the Parquet files and is never edited by hand.
"""
from __future__ import annotations

from collections import Counter

import pyarrow as pa
import yaml

from .. import paths
from ..schema import DESCRIPTION, FOREIGN_KEYS, KEYS
from ..version import DATASET_NAME, RELEASE_DATE, __version__
from ..vocab import AFFILIATIONS, AVERITEC_LABELS, CATEGORICAL_COLUMNS, EVIDENCE_STATUSES, FEVER_LABELS, STANCE_MEANINGS, STANCES, STATUS_MEANINGS
from . import datasheet
from .chart import CHART_FILE, affiliations
from .dataset_io import value_counts
from .datasheet import PRETTY_NAME, bibtex

LICENSE_FILE = "LICENSE.md"
CODEBOOK_FILE = "codebook.md"
TEMPLATES = paths.CARD_TEMPLATES
CARD_TEMPLATE = "card.md.j2"
LISTED_ARTICLES = 1000  # the card lists articles one by one up to this many, else by outlet

LICENSE_TEXT = f"""# Licences of the {DATASET_NAME} dataset

- **Annotations** — everything the pipeline adds to the article texts: the claims
  table, the sources table, the evidence table, every label, identifier and offset —
  are licensed under the Creative Commons Attribution 4.0 International licence
  (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/). Cite the dataset as
  CITATION.cff says.
- **Article texts** (the `text`, `title` and quoted spans such as `content` and
  `evidence_text`) are third-party news. Their publishers keep their rights; they are
  included for research on the reporting itself and are not covered by the licence
  above. Each article's `rights` field says who holds them.
- **Code** that builds the dataset (the `pipeline` package): MIT licence.
"""


def size_category(n: int) -> str:
    """A row count → the Hugging Face size category."""
    bounds = ("1K", "10K", "100K", "1M", "10M", "100M", "1B", "10B", "100B", "1T")
    if n < 1_000:
        return "n<1K"
    for i, upper in enumerate(bounds[1:], 1):
        if n < 10 ** (i + 3):
            return f"{bounds[i - 1]}<n<{upper}"
    return "n>1T"


def label_counts(table: pa.Table, column: str, values: tuple[str, ...]) -> dict[str, int]:
    """A table column and its vocabulary → {label: rows}, every label (zeros included) in vocabulary order, then null."""
    counts = value_counts(table, [column])
    out = {v: counts.get(v, 0) for v in values}
    if counts.get(None):
        out["(null)"] = counts[None]
    unknown = sorted(set(counts) - set(values) - {None})
    if unknown:
        raise ValueError(f"{column}: values outside the vocabulary: {unknown}")
    return out


def card_data(tables: dict[str, pa.Table]) -> str:
    """The tables → the card's YAML header (between the ``---`` lines) in the Hugging Face dataset-card format."""
    languages = sorted(x for x in value_counts(tables["articles"], ["language"]) if x)
    meta = {
        "pretty_name": PRETTY_NAME,
        "license": "other",
        "license_name": "cc-by-4.0-annotations-third-party-texts",
        "license_link": LICENSE_FILE,
        "language": languages,
        "size_categories": [size_category(tables["claims"].num_rows)],
        "task_categories": ["text-classification", "token-classification"],
        "task_ids": ["fact-checking"],
        "tags": ["fact-checking", "claim-detection", "attribution", "evidence", "news"],
        "version": __version__,
        "configs": [
            {"config_name": name, "data_files": [{"split": "train", "path": f"{name}.parquet"}], **({"default": True} if name == "claims" else {})}
            for name in tables
        ],
    }
    return yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000).rstrip("\n")


def _md(text: object) -> str:
    """A value → text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def status_table(claims: pa.Table) -> str:
    """The claims table → the Markdown label table: rule order, label, meaning, mappings and row count."""
    counts = label_counts(claims, "evidence_status", EVIDENCE_STATUSES)
    lines = ["| # | evidence_status | meaning | AVeriTeC | FEVER | claims |", "|---|---|---|---|---|---|"]
    for i, status in enumerate(EVIDENCE_STATUSES, 1):
        lines.append(
            f"| {i} | `{status}` | {_md(STATUS_MEANINGS[status])} | {AVERITEC_LABELS[status] or '—'} | {FEVER_LABELS[status] or '—'} | {counts[status]} |"
        )
    return "\n".join(lines) + "\n"


def stance_table(evidence: pa.Table) -> str:
    """The evidence table → the Markdown stance table with row counts."""
    counts = label_counts(evidence, "stance", STANCES)
    lines = ["| stance | the evidence ... | links |", "|---|---|---|"]
    lines += [f"| `{s}` | {STANCE_MEANINGS[s]} | {counts[s]} |" for s in STANCES]
    return "\n".join(lines) + "\n"


def tables_overview(tables: dict[str, pa.Table]) -> str:
    """The tables → a Markdown table of file, rows, columns, key and description."""
    lines = ["| table | file | rows | columns | key | description |", "|---|---|---|---|---|---|"]
    for name, t in tables.items():
        desc = (t.schema.metadata or {}).get(DESCRIPTION, b"").decode("utf-8")
        lines.append(f"| {name} | `{name}.parquet` | {t.num_rows} | {t.num_columns} | `{KEYS[name]}` | {_md(desc)} |")
    return "\n".join(lines) + "\n"


def column_tables(tables: dict[str, pa.Table]) -> str:
    """The tables → one Markdown section per table listing its columns, types, nullability and descriptions."""
    parts = []
    for name, t in tables.items():
        parts.append(f"#### `{name}` ({t.num_rows} rows)\n\n| column | type | nullable | description |\n|---|---|---|---|\n")
        for f in t.schema:
            desc = (f.metadata or {}).get(DESCRIPTION, b"").decode("utf-8")
            parts.append(f"| `{f.name}` | {f.type} | {'yes' if f.nullable else 'no'} | {_md(desc)} |\n")
        parts.append("\n")
    return "".join(parts)


def distributions(tables: dict[str, pa.Table]) -> str:
    """The tables → Markdown label distributions of every categorical column (vocabulary order, zeros shown)."""
    parts = []
    for name, columns in CATEGORICAL_COLUMNS.items():
        for column, values in columns.items():
            counts = label_counts(tables[name], column, values)
            cells = ", ".join(f"`{k}` {v}" for k, v in counts.items())
            parts.append(f"- `{name}.{column}`: {cells}\n")
    checkworthy = value_counts(tables["claims"], ["checkworthy"])
    parts.append(f"- `claims.checkworthy`: `true` {checkworthy.get(True, 0)}, `false` {checkworthy.get(False, 0)}\n")
    independent = value_counts(tables["evidence"], ["independent"])
    parts.append(f"- `evidence.independent`: `true` {independent.get(True, 0)}, `false` {independent.get(False, 0)}\n")
    return "".join(parts)


def affiliation_by_status(tables: dict[str, pa.Table]) -> str:
    """Claims joined to sources → a Markdown cross-table of claims by source affiliation and evidence status."""
    affiliation = affiliations(tables["sources"])
    pairs: Counter = Counter()
    for (s, e), n in value_counts(tables["claims"], ["source_id", "evidence_status"]).items():
        pairs[affiliation.get(s), e] += n
    lines = ["| affiliation | " + " | ".join(f"`{s}`" for s in EVIDENCE_STATUSES) + " |", "|---" * (len(EVIDENCE_STATUSES) + 1) + "|"]
    for a in AFFILIATIONS:
        lines.append(f"| `{a}` | " + " | ".join(str(pairs.get((a, s), 0)) for s in EVIDENCE_STATUSES) + " |")
    return "\n".join(lines) + "\n"


def provenance_table(articles) -> str:
    """The articles table → a Markdown table of each article's outlet, date, address and provenance note; past
    LISTED_ARTICLES articles, one row per outlet instead (articles, first and last date), so the card of a large
    corpus stays a page."""
    if articles.num_rows > LISTED_ARTICLES:
        return outlet_table(articles)
    lines = ["| doc_id | outlet | published | url | provenance |", "|---|---|---|---|---|"]
    for row in articles.select(["doc_id", "outlet", "published", "url", "provenance"]).to_pylist():
        cells = [row["doc_id"], row["outlet"] or "not stated", row["published"] or "not known", row["url"] or "not known", row["provenance"] or "not stated"]
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def outlet_table(articles) -> str:
    """The articles table → a Markdown table of articles per outlet with their first and last publication date."""
    by_outlet: dict[str, list] = {}  # outlet → [articles, first date, last date]
    for (outlet, published), n in value_counts(articles, ["outlet", "published"]).items():
        row = by_outlet.setdefault(outlet or "not stated", [0, None, None])
        row[0] += n
        if published:
            row[1] = min(row[1] or published, published)
            row[2] = max(row[2] or published, published)
    lines = [f"{articles.num_rows} articles, too many to list one by one (`articles.parquet` has each one's outlet, date, "
             "address and provenance note):", "", "| outlet | articles | first published | last published |", "|---|---|---|---|"]
    for outlet, (n, first, last) in sorted(by_outlet.items(), key=lambda kv: (-kv[1][0], kv[0])):
        lines.append(f"| {_md(outlet)} | {n} | {first or 'not known'} | {last or 'not known'} |")
    return "\n".join(lines) + "\n"


def joins_text() -> str:
    """→ the tables' foreign keys as a sentence fragment (`claims.doc_id` → `articles.doc_id`, ...)."""
    return ", ".join(f"`{t}.{c}` → `{rt}.{rc}`" for (t, c), (rt, rc) in FOREIGN_KEYS.items())


def render(tables: dict[str, pa.Table]) -> str:
    """The dataset's tables (as read back from their Parquet files) → the dataset card text, from the template file."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, autoescape=False)
    return env.get_template(CARD_TEMPLATE).render(card_data=card_data(tables), **template_values(tables))


def template_values(tables: dict[str, pa.Table]) -> dict:
    """The tables → every value the card template uses besides ``card_data``."""
    events = sorted(x for x in value_counts(tables["articles"], ["event"]) if x)
    return dict(
        pretty_name=PRETTY_NAME, version=__version__, release_date=RELEASE_DATE, name=DATASET_NAME,
        n={name: t.num_rows for name, t in tables.items()}, events=", ".join(f"`{e}`" for e in events) or "none stated",
        n_events=len(events), tables_overview=tables_overview(tables), joins=joins_text(), provenance=provenance_table(tables["articles"]),
        column_tables=column_tables(tables), status_table=status_table(tables["claims"]), stance_table=stance_table(tables["evidence"]),
        distributions=distributions(tables), affiliation_by_status=affiliation_by_status(tables), datasheet=datasheet,
        chart_file=CHART_FILE, codebook_file=CODEBOOK_FILE, license_file=LICENSE_FILE, bibtex=bibtex())
