"""load_dataset: verified tables with ordered categorical labels, from a folder or an archive; the files open anywhere."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import ROOT
from synthetic import rows, write_synthetic

from pipeline import __version__, load_dataset, vocab
from pipeline.errors import PipelineError
from pipeline.publish.archive import write_tar_gz, write_zip
from pipeline.publish.checksums import ChecksumError
from pipeline.schema import TABLES


@pytest.fixture()
def synthetic(tmp_path) -> Path:
    return write_synthetic(tmp_path / "syn")


def test_default_is_the_committed_dataset():
    ds = load_dataset()
    assert ds.version == __version__
    for name in TABLES:
        assert len(getattr(ds, name)) == pq.read_metadata(ROOT / "dataset" / f"{name}.parquet").num_rows


@pytest.mark.parametrize(("table", "column"), [(t, c) for t, cols in vocab.CATEGORICAL_COLUMNS.items() for c in cols])
def test_label_columns_are_categoricals_from_the_vocabulary_ordered_only_for_scales(synthetic, table, column):
    series = getattr(load_dataset(synthetic), table)[column]
    assert isinstance(series.dtype, pd.CategoricalDtype)
    assert series.dtype.ordered == ((table, column) in vocab.ORDERED_COLUMNS)
    assert tuple(series.cat.categories) == vocab.CATEGORICAL_COLUMNS[table][column]
    raw = pq.read_table(synthetic / f"{table}.parquet").column(column).to_pylist()
    assert [None if pd.isna(v) else v for v in series] == raw


def test_nominal_labels_are_unordered_and_statuses_ordered(synthetic):
    ds = load_dataset(synthetic)
    assert not ds.sources["source_type"].cat.ordered and not ds.sources["affiliation"].cat.ordered
    assert ds.claims["evidence_status"].cat.ordered


def test_nullable_integers_stay_nullable_integers(synthetic):
    claims = load_dataset(synthetic).claims
    for column in ("speaker_start", "speaker_end", "cue_start", "cue_end", "content_start", "content_end", "sentence_index"):
        assert claims[column].dtype == pd.Int64Dtype(), column
    assert claims["speaker_start"].isna().any() and claims["content_start"].notna().all()
    raw = pq.read_table(synthetic / "claims.parquet").column("speaker_start").to_pylist()
    assert [None if pd.isna(v) else int(v) for v in claims["speaker_start"]] == raw


def test_statuses_order_as_the_codebook_rules(synthetic):
    claims = load_dataset(synthetic).claims
    assert (claims["evidence_status"] < "unverified").sum() == (claims["evidence_status"] != "unverified").sum()


@pytest.mark.parametrize("writer,suffix", [(write_tar_gz, ".tar.gz"), (write_zip, ".zip")])
def test_loads_from_an_archive(synthetic, tmp_path, writer, suffix):
    archive = writer(synthetic, "kz-claims-9.9.9", tmp_path / f"release{suffix}", "2026-01-01")
    ds = load_dataset(archive)
    direct = load_dataset(synthetic)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(ds, name), getattr(direct, name))
    assert ds.origin == str(archive)


def test_refuses_a_changed_parquet_file(synthetic):
    table = pq.read_table(synthetic / "claims.parquet")
    pq.write_table(table.slice(1), synthetic / "claims.parquet")
    with pytest.raises(ChecksumError, match="claims.parquet: sha256"):
        load_dataset(synthetic)


@pytest.mark.parametrize("writer,suffix", [(write_tar_gz, ".tar.gz"), (write_zip, ".zip")])
def test_refuses_an_archive_whose_checksums_do_not_match(synthetic, tmp_path, writer, suffix):
    (synthetic / "sources.parquet").write_bytes((synthetic / "sources.parquet").read_bytes() + b"\0")
    archive = writer(synthetic, "kz-claims-9.9.9", tmp_path / f"release{suffix}", "2026-01-01")
    with pytest.raises(ChecksumError, match="sources.parquet"):
        load_dataset(archive)


def test_refuses_a_table_missing_from_the_checksums(synthetic):
    sums = synthetic / "SHA256SUMS"
    sums.write_text("".join(line + "\n" for line in sums.read_text().splitlines() if "claims.parquet" not in line))
    with pytest.raises(ChecksumError, match="no checksum for claims.parquet"):
        load_dataset(synthetic)


def test_unreadable_parquet_is_a_clear_error(synthetic):
    from pipeline.publish.checksums import write_sums
    from pipeline.publish.metadata import dataset_files

    (synthetic / "evidence.parquet").write_bytes(b"not parquet")
    write_sums(synthetic, dataset_files())
    with pytest.raises(PipelineError, match="evidence.parquet: not a readable Parquet file"):
        load_dataset(synthetic)


def test_refuses_a_folder_without_checksums(synthetic):
    (synthetic / "SHA256SUMS").unlink()
    with pytest.raises(ChecksumError, match="checksum file missing"):
        load_dataset(synthetic)


def test_value_outside_the_vocabulary_is_an_error(synthetic):
    from pipeline.publish.checksums import write_sums
    from pipeline.publish.metadata import dataset_files
    from pipeline.run import write

    claims = rows()["claims"]
    claims[0]["evidence_status"] = "true"
    write.write_table(write.to_table(claims, TABLES["claims"]), synthetic / "claims.parquet")
    write_sums(synthetic, dataset_files())  # checksums agree: only the vocabulary check can refuse it
    folder = synthetic
    with pytest.raises(PipelineError, match=r"claims.parquet \(column 'evidence_status'\).*'true'"):
        load_dataset(folder)


@pytest.mark.parametrize("path", ["nowhere", "file.csv"])
def test_bad_paths_are_clear_errors(tmp_path, path):
    if path.endswith(".csv"):
        (tmp_path / path).write_text("a,b\n")
    with pytest.raises(PipelineError, match=path):
        load_dataset(tmp_path / path)


def test_joined_view_has_one_row_per_claim_and_evidence_link(synthetic):
    ds = load_dataset(synthetic)
    joined = ds.joined()
    links = ds.evidence["claim_id"].value_counts()
    expected = sum(max(1, links.get(c, 0)) for c in ds.claims["claim_id"])
    assert len(joined) == expected
    with_evidence = joined.dropna(subset=["evidence_id"])
    assert set(with_evidence["evidence_id"]) == set(ds.evidence["evidence_id"])
    sources = ds.sources.set_index("source_id")
    for row in joined.itertuples():
        assert row.source_name == sources.loc[row.source_id, "name"]
        assert row.source_affiliation == sources.loc[row.source_id, "affiliation"]


def test_evidence_for_a_claim(synthetic):
    ds = load_dataset(synthetic)
    ev = ds.evidence_for("c000000000001")
    assert list(ev["stance"]) == ["contradicts"] and list(ev["evidence_source_affiliation"]) == ["opposition"]
    with pytest.raises(KeyError, match="no claim"):
        ds.evidence_for("c-missing")


# --- the files open unchanged in other tools -------------------------------------------


@pytest.mark.parametrize("name", list(TABLES))
def test_parquet_opens_in_pandas_pyarrow_and_duckdb(name):
    import duckdb

    path = ROOT / "dataset" / f"{name}.parquet"
    n = pq.read_metadata(path).num_rows
    assert len(pd.read_parquet(path)) == n
    table = pq.read_table(path)
    assert table.num_rows == n and table.schema.names == TABLES[name].names
    con = duckdb.connect()
    assert con.execute("select count(*) from read_parquet(?)", [str(path)]).fetchone()[0] == n
    columns = [r[0] for r in con.execute("describe select * from read_parquet(?)", [str(path)]).fetchall()]
    assert columns == TABLES[name].names


def test_duckdb_joins_the_tables(synthetic):
    import duckdb

    con = duckdb.connect()
    q = f"""select s.affiliation, c.evidence_status, count(*) from read_parquet('{synthetic}/claims.parquet') c
            join read_parquet('{synthetic}/sources.parquet') s using (source_id) group by all order by all"""
    got = con.execute(q).fetchall()
    claims = load_dataset(synthetic).claims_with_sources()
    expected = claims.groupby(["source_affiliation", "evidence_status"], observed=True).size()
    assert sorted((a, s, n) for (a, s), n in expected.items()) == sorted(got)
