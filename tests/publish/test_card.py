"""The dataset card states what the Parquet files hold: tables, columns, row counts, labels (= the vocabulary)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml
from conftest import ROOT
from synthetic import write_synthetic

from pipeline import RELEASE_DATE, __version__, vocab
from pipeline.publish import card, chart, datasheet
from pipeline.publish.dataset_io import read_tables
from pipeline.schema import TABLES, descriptions


@pytest.fixture(params=["committed", "synthetic"])
def dataset_dir(request, tmp_path) -> Path:
    return ROOT / "dataset" if request.param == "committed" else write_synthetic(tmp_path / "syn")


def _card(folder: Path) -> tuple[dict, str]:
    text = (folder / "README.md").read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    assert m, "card has no YAML header"
    return yaml.safe_load(m.group(1)), m.group(2)


def _counts(folder: Path, table: str, column: str) -> Counter:
    return Counter(pq.read_table(folder / f"{table}.parquet", columns=[column]).column(column).to_pylist())


def test_header_is_hugging_face_format(dataset_dir):
    meta, _ = _card(dataset_dir)
    for key in ("license", "language", "pretty_name", "size_categories", "task_categories", "configs"):
        assert meta.get(key), key
    paths = {c["config_name"]: [f["path"] for f in c["data_files"]] for c in meta["configs"]}
    assert paths == {name: [f"{name}.parquet"] for name in TABLES}
    assert all((dataset_dir / p[0]).exists() for p in paths.values())
    assert meta["version"] == __version__
    assert meta["license_link"] in {p.name for p in dataset_dir.iterdir()}


def test_tables_and_row_counts_match_parquet(dataset_dir):
    _, body = _card(dataset_dir)
    rows = re.findall(r"^\| (\w+) \| `(\w+)\.parquet` \| (\d+) \| (\d+) \|", body, re.M)
    assert [r[0] for r in rows] == list(TABLES)
    for name, file, n_rows, n_cols in rows:
        meta = pq.read_metadata(dataset_dir / f"{file}.parquet")
        assert (int(n_rows), int(n_cols)) == (meta.num_rows, meta.num_columns), name


def test_columns_match_schema(dataset_dir):
    _, body = _card(dataset_dir)
    for name in TABLES:
        section = re.search(rf"^#### `{name}` \((\d+) rows\)\n\n(.*?)\n\n", body, re.M | re.S)
        assert section, name
        schema = pq.read_schema(dataset_dir / f"{name}.parquet")
        assert int(section.group(1)) == pq.read_metadata(dataset_dir / f"{name}.parquet").num_rows
        listed = re.findall(r"^\| `(\w+)` \| [^|]+ \| (?:yes|no) \| (.*) \|$", section.group(2), re.M)
        assert [c for c, _ in listed] == schema.names
        assert {c: d.replace("\\|", "|") for c, d in listed} == descriptions(schema)


def test_label_table_is_the_vocabulary_with_counts(dataset_dir):
    _, body = _card(dataset_dir)
    rows = re.findall(r"^\| (\d) \| `(\w+)` \| .* \| (\d+) \|$", body, re.M)
    assert tuple(r[1] for r in rows) == vocab.EVIDENCE_STATUSES
    counts = _counts(dataset_dir, "claims", "evidence_status")
    assert {status: int(n) for _, status, n in rows} == {s: counts.get(s, 0) for s in vocab.EVIDENCE_STATUSES}
    stances = re.findall(r"^\| `(\w+)` \| [^|]+ \| (\d+) \|$", body, re.M)
    evidence = _counts(dataset_dir, "evidence", "stance")
    assert [(s, int(n)) for s, n in stances] == [(s, evidence.get(s, 0)) for s in vocab.STANCES]


def test_label_distributions_match_parquet(dataset_dir):
    _, body = _card(dataset_dir)
    for table, columns in vocab.CATEGORICAL_COLUMNS.items():
        for column, values in columns.items():
            line = re.search(rf"^- `{table}\.{column}`: (.*)$", body, re.M)
            assert line, f"{table}.{column}"
            stated = {k: int(v) for k, v in re.findall(r"`([^`]+)` (\d+)", line.group(1))}
            counts = _counts(dataset_dir, table, column)
            expected = {v: counts.get(v, 0) for v in values}
            if counts.get(None):
                expected["(null)"] = counts[None]
            assert stated == expected, f"{table}.{column}"


def test_meanings_cover_exactly_the_vocabulary():
    assert tuple(card.STATUS_MEANINGS) == vocab.EVIDENCE_STATUSES
    assert tuple(card.STANCE_MEANINGS) == vocab.STANCES


def test_card_says_labels_are_relative_to_the_corpus_and_names_the_release():
    _, body = _card(ROOT / "dataset")
    assert "relative to the corpus, not world truth" in body
    assert f"Version **{__version__}**, released {RELEASE_DATE}" in body
    for section in ("Motivation", "Composition", "Collection process", "Labelling", "Uses and limits", "Distribution", "Maintenance"):
        assert re.search(rf"^## {section}$", body, re.M), section


@pytest.mark.parametrize(("n", "category"), [(0, "n<1K"), (999, "n<1K"), (1000, "1K<n<10K"), (54_321, "10K<n<100K"),
                                             (2_000_000, "1M<n<10M"), (10**10, "10B<n<100B"), (10**13, "n>1T")])
def test_size_category(n, category):
    assert card.size_category(n) == category


def test_value_outside_vocabulary_is_an_error(tmp_path):
    import pyarrow as pa

    table = pa.table({"stance": ["supports", "agrees"]})
    with pytest.raises(ValueError, match="agrees"):
        card.label_counts(table, "stance", vocab.STANCES)


def test_header_is_valid_dataset_card_data(dataset_dir):
    from huggingface_hub import DatasetCard, DatasetCardData

    text = (dataset_dir / "README.md").read_text(encoding="utf-8")
    parsed = DatasetCard(text)
    assert isinstance(parsed.data, DatasetCardData)
    meta, _ = _card(dataset_dir)
    data = DatasetCardData(**meta)
    assert data.pretty_name == card.PRETTY_NAME and data.license == "other" and data.language == meta["language"]
    assert [c["config_name"] for c in data.configs] == list(TABLES)
    assert parsed.data.to_dict() == data.to_dict()


def test_card_is_the_template_rendered_as_huggingface_hub_renders_it(dataset_dir):
    from huggingface_hub import DatasetCard, DatasetCardData

    tables = read_tables(dataset_dir)
    meta = yaml.safe_load(card.card_data(tables))
    hub = DatasetCard.from_template(DatasetCardData(**meta), template_path=str(card.TEMPLATES / card.CARD_TEMPLATE), **card.template_values(tables))
    ours = card.render(tables)
    assert hub.text.strip() == ours.split("\n---\n", 1)[1].strip()  # the same body; the header as DatasetCardData writes it
    assert ours == (dataset_dir / "README.md").read_text(encoding="utf-8")


def test_card_prints_the_datasheet_the_croissant_file_also_holds(dataset_dir):
    _, body = _card(dataset_dir)
    for text in [datasheet.DATA_COLLECTION, datasheet.MAINTENANCE, *datasheet.ANNOTATION_PROTOCOL, *datasheet.LIMITATIONS,
                 *datasheet.BIASES, *datasheet.PERSONAL_SENSITIVE_INFORMATION, *datasheet.USE_CASES]:
        assert text in body
    assert datasheet.bibtex() in body
    for section in ("Biases", "Personal and sensitive information", "Articles and their provenance"):
        assert re.search(rf"^### {section}$", body, re.M), section


def test_chart_shows_every_label_with_its_count_and_is_deterministic(dataset_dir):
    svg = (dataset_dir / chart.CHART_FILE).read_text(encoding="utf-8")
    tables = read_tables(dataset_dir)
    assert svg == chart.render(tables) == chart.render(read_tables(dataset_dir))
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for title, bars in chart.panels(tables):
        i = texts.index(title)
        flat = texts[i + 1 : i + 1 + 2 * len(bars)]
        assert flat == [x for label, n in bars for x in (label, str(n))], title
    status = _counts(dataset_dir, "claims", "evidence_status")
    assert dict(chart.panels(tables)[0][1]) == {s: status.get(s, 0) for s in vocab.EVIDENCE_STATUSES}
    _, body = _card(dataset_dir)
    assert f"]({chart.CHART_FILE})" in body


def test_metadata_read_a_column_at_a_time_equals_metadata_of_the_whole_tables(dataset_dir):
    from pipeline.publish import croissant
    from pipeline.publish.dataset_io import column_readers

    whole, columns = read_tables(dataset_dir), column_readers(dataset_dir)
    assert card.render(columns) == card.render(whole) and chart.render(columns) == chart.render(whole)
    assert croissant.render(dataset_dir, columns) == croissant.render(dataset_dir, whole)
    assert {n: (c.num_rows, c.num_columns, c.schema) for n, c in columns.items()} == {n: (t.num_rows, t.num_columns, t.schema) for n, t in whole.items()}


def test_writing_the_metadata_never_reads_a_text_column_back(dataset_dir, tmp_path, monkeypatch):
    import shutil

    from pipeline.publish import dataset_io, metadata

    folder = shutil.copytree(dataset_dir, tmp_path / "ds")
    read: list[str] = []
    select = dataset_io.ColumnReader.select
    monkeypatch.setattr(dataset_io.ColumnReader, "select", lambda self, names: read.extend(f"{self.name}.{n}" for n in names) or select(self, names))
    metadata.write_metadata(folder)
    assert read and not {"articles.text", "claims.content", "claims.context", "evidence.evidence_text"} & set(read)
    assert (folder / "README.md").read_bytes() == (dataset_dir / "README.md").read_bytes()


def test_a_corpus_too_large_to_list_article_by_article_is_listed_by_outlet(dataset_dir, monkeypatch):
    articles = read_tables(dataset_dir)["articles"]
    listed = card.provenance_table(articles)
    assert listed.count("\n") == articles.num_rows + 2  # a header, a rule and a row per article
    monkeypatch.setattr(card, "LISTED_ARTICLES", articles.num_rows - 1)
    by_outlet = card.provenance_table(articles)
    outlets = Counter(o or "not stated" for o in articles.column("outlet").to_pylist())
    assert f"{articles.num_rows} articles, too many to list" in by_outlet
    for outlet, n in outlets.items():
        assert re.search(rf"^\| {re.escape(outlet)} \| {n} \|", by_outlet, re.M), outlet
