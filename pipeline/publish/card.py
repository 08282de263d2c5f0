"""Card: the built tables → the dataset card ``README.md`` (Hugging Face YAML header + Datasheets sections).

Everything the card states about the data (tables, columns, row counts, label
distributions) is computed from the Parquet files it describes; the label vocabulary
comes from ``pipeline.vocab`` and the version from ``pipeline``. The card is written by
the build beside the Parquet files and is never edited by hand.
"""
from __future__ import annotations

from collections import Counter

import pyarrow as pa
import yaml

from ..schema import DESCRIPTION, KEYS
from ..version import DATASET_NAME, RELEASE_DATE, __version__
from ..vocab import AFFILIATIONS, AVERITEC_LABELS, CATEGORICAL_COLUMNS, EVIDENCE_STATUSES, FEVER_LABELS, STANCE_MEANINGS, STANCES, STATUS_MEANINGS

PRETTY_NAME = "kz-claims: attributed claims, their sources and the evidence the corpus holds"
LICENSE_FILE = "LICENSE.md"
CODEBOOK_FILE = "codebook.md"

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
    counts = Counter(table.column(column).to_pylist())
    out = {v: counts.get(v, 0) for v in values}
    if counts.get(None):
        out["(null)"] = counts[None]
    unknown = sorted(set(counts) - set(values) - {None})
    if unknown:
        raise ValueError(f"{column}: values outside the vocabulary: {unknown}")
    return out


def header(tables: dict[str, pa.Table]) -> str:
    """The tables → the card's YAML header in the Hugging Face dataset-card format."""
    languages = sorted({x for x in tables["articles"].column("language").to_pylist() if x})
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
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


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
    checkworthy = Counter(tables["claims"].column("checkworthy").to_pylist())
    parts.append(f"- `claims.checkworthy`: `true` {checkworthy.get(True, 0)}, `false` {checkworthy.get(False, 0)}\n")
    independent = Counter(tables["evidence"].column("independent").to_pylist())
    parts.append(f"- `evidence.independent`: `true` {independent.get(True, 0)}, `false` {independent.get(False, 0)}\n")
    return "".join(parts)


def affiliation_by_status(tables: dict[str, pa.Table]) -> str:
    """Claims joined to sources → a Markdown cross-table of claims by source affiliation and evidence status."""
    affiliation = dict(zip(tables["sources"].column("source_id").to_pylist(), tables["sources"].column("affiliation").to_pylist()))
    pairs = Counter(
        (affiliation.get(s), e)
        for s, e in zip(tables["claims"].column("source_id").to_pylist(), tables["claims"].column("evidence_status").to_pylist())
    )
    lines = ["| affiliation | " + " | ".join(f"`{s}`" for s in EVIDENCE_STATUSES) + " |", "|---" * (len(EVIDENCE_STATUSES) + 1) + "|"]
    for a in AFFILIATIONS:
        lines.append(f"| `{a}` | " + " | ".join(str(pairs.get((a, s), 0)) for s in EVIDENCE_STATUSES) + " |")
    return "\n".join(lines) + "\n"


def render(tables: dict[str, pa.Table]) -> str:
    """The dataset's tables (as read back from their Parquet files) → the dataset card text."""
    n = {name: t.num_rows for name, t in tables.items()}
    events = sorted({x for x in tables["articles"].column("event").to_pylist() if x})
    return f"""{header(tables)}
# {PRETTY_NAME}

Version **{__version__}**, released {RELEASE_DATE}. This card is generated from the data
by the build (`python -m pipeline build`); do not edit it by hand. What every label
means is fixed by the codebook (`{CODEBOOK_FILE}` in the release archive).

{n['articles']} articles, {n['claims']} attributed claims from {n['sources']} sources,
{n['evidence']} evidence links.

## Motivation

Fact-checkers and researchers of news reporting ask of every claim an article
reports: who said it, what exactly was said, where, and what the reporting itself
offers as evidence for or against it. This dataset answers those questions for a news
corpus with exact character offsets, so every label can be traced back to the text it
rests on. It was built to study sourcing — whose claims are reported, and how often
they are corroborated, contradicted or left unchecked — not to decide what is true.

## Composition

{tables_overview(tables)}
Tables join on their keys: `claims.doc_id` → `articles.doc_id`, `claims.source_id` →
`sources.source_id`, `evidence.claim_id` → `claims.claim_id`, `evidence.evidence_doc_id`
→ `articles.doc_id`, `evidence.evidence_source_id` → `sources.source_id`. Offsets are
Python string indices (Unicode code points) into `articles.text`.

News events covered: {', '.join(f'`{e}`' for e in events) or 'none stated'}.

### Columns

{column_tables(tables)}
## Collection process

Articles are plain-text news reports with optional YAML front matter (title, outlet,
date, address, language, event, provenance, rights). Fields the front matter does not
state are null, never guessed. The headline, captions, credits, datelines and page
furniture are removed from the body by general rules; the body that remains is
`articles.text` and every offset indexes it.

## Labelling

Claims, sources and evidence are extracted by the `pipeline` package's rules
(spaCy parsing, reporting-cue patterns, source resolution across articles); labels are
given by the codebook's rules, and a curator's reviewed label, where one exists,
overrides the rules' label (`label_source`). `status_rationale` explains each label
and names the evidence it rests on.

### Evidence status (`claims.evidence_status`)

The first rule that applies wins.

{status_table(tables['claims'])}
### Evidence stance (`evidence.stance`)

{stance_table(tables['evidence'])}
### Label distributions

{distributions(tables)}
### Claims by source affiliation and evidence status

{affiliation_by_status(tables)}
## Uses and limits

- Study of sourcing and attribution in news: who is quoted, with which reporting
  cues, and how their claims are corroborated within the corpus.
- Training and evaluating claim detection, attribution and evidence-linking systems;
  the AVeriTeC and FEVER columns map the statuses to those benchmarks' labels.
- **Labels are relative to the corpus, not world truth.** `supported` means the
  reporting in this corpus supports the claim; `contradicted` means the reporting
  contradicts it; `unverified` means nothing in the corpus bears on it. None of them
  says whether the claim is true in the world. `unsupported` is an absence of
  evidence, never a refutation.
- Labels are produced by rules and may be wrong; check `status_rationale` and the
  evidence rows before relying on a label. The corpus holds {n['articles']} articles
  about {len(events)} news event(s); its distributions do not describe news in general.
- Do not use the dataset to judge individuals: a claim's status reflects what the
  articles report, which depends on the outlets' own choices.

## Distribution

- Files: one Parquet file per table (zstd, Parquet 2.6), this card, `croissant.json`
  (MLCommons Croissant 1.0 metadata) and `SHA256SUMS`. Release archives
  `{DATASET_NAME}-{__version__}.tar.gz` and `.zip` also hold the codebook, the licences,
  `CITATION.cff`, `CHANGELOG.md` and the Great Expectations validation report.
- Loading: `from pipeline import load_dataset; ds = load_dataset("dataset")` verifies the
  checksums and returns pandas DataFrames with ordered categorical labels. The Parquet
  files also open unchanged in pandas, pyarrow, polars and DuckDB.
- Licences: see `{LICENSE_FILE}`. Annotations are CC BY 4.0; article texts remain
  their publishers'.

## Maintenance

- Every release has a semantic version; any change to a Parquet file gets a new
  version, a `CHANGELOG.md` entry and new checksums (`releases.json` records the
  checksums of every released version, and a test fails when they disagree).
- Verify a download with `sha256sum -c SHA256SUMS`.
- Problems and corrections: open an issue in the project's repository.
"""
