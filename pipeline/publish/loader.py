"""Loader: a dataset folder or release archive → verified pandas DataFrames for notebooks.

    from pipeline import load_dataset
    ds = load_dataset()                       # the repository's dataset/
    ds = load_dataset("kz-claims-0.1.0.zip")  # a downloaded release archive
    ds.claims, ds.sources, ds.articles, ds.evidence, ds.joined()

Checksums (``SHA256SUMS``) are verified before any table is read; label columns are
categoricals whose categories are the vocabulary (``pipeline.vocab``), so a value outside
it is an error rather than a silent NaN. Only ordered scales (the evidence statuses, in
rule order) are ordered; nominal labels (source type, affiliation, stance ...) are not.
Integer columns are pandas' nullable ``Int64``. Needs pandas and pyarrow only.
"""
from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from .. import paths
from ..errors import PipelineError, one_line, shown
from ..schema import TABLES
from ..vocab import CATEGORICAL_COLUMNS, ORDERED_COLUMNS
from .archive import is_archive, safe_extract
from .checksums import SUMS_NAME, ChecksumError, verify
from .dataset_io import read_table

SOURCE_COLUMNS = ("name", "source_type", "role", "affiliation")
ARTICLE_COLUMNS = ("title", "outlet", "published", "url")
EVIDENCE_COLUMNS = ("evidence_id", "stance", "independent", "evidence_doc_id", "evidence_start", "evidence_end",
                    "evidence_text", "evidence_source_id", "evidence_claim_id", "rationale")


@dataclass(frozen=True)
class Dataset:
    """The four tables of one dataset version as pandas DataFrames."""

    articles: pd.DataFrame
    sources: pd.DataFrame
    claims: pd.DataFrame
    evidence: pd.DataFrame
    version: str | None
    origin: str

    def tables(self) -> dict[str, pd.DataFrame]:
        """→ {table name: DataFrame} in schema order."""
        return {name: getattr(self, name) for name in TABLES}

    def claims_with_sources(self) -> pd.DataFrame:
        """→ one row per claim with its source's name, type, role and affiliation and its article's title, outlet, date and address."""
        sources = self.sources[["source_id", *SOURCE_COLUMNS]].rename(columns={c: f"source_{c}" for c in SOURCE_COLUMNS if c != "source_type"})
        articles = self.articles[["doc_id", *ARTICLE_COLUMNS]].rename(columns={c: f"article_{c}" for c in ARTICLE_COLUMNS})
        out = self.claims.merge(sources, on="source_id", how="left", validate="many_to_one")
        return out.merge(articles, on="doc_id", how="left", validate="many_to_one")

    def joined(self) -> pd.DataFrame:
        """→ claims with their source and article, one row per (claim, evidence link); claims without evidence keep one row with null evidence columns."""
        evidence = self.evidence[["claim_id", *EVIDENCE_COLUMNS]]
        out = self.claims_with_sources().merge(evidence, on="claim_id", how="left", validate="one_to_many")
        return out.sort_values(["doc_id", "content_start", "claim_id", "evidence_id"], kind="stable", na_position="last").reset_index(drop=True)

    def evidence_for(self, claim_id: str) -> pd.DataFrame:
        """A claim id → its evidence rows, each with the evidence source's name and affiliation."""
        if claim_id not in set(self.claims["claim_id"]):
            raise KeyError(f"no claim {claim_id!r} in this dataset")
        rows = self.evidence[self.evidence["claim_id"] == claim_id]
        names = self.sources[["source_id", "name", "affiliation"]].rename(
            columns={"source_id": "evidence_source_id", "name": "evidence_source_name", "affiliation": "evidence_source_affiliation"})
        return rows.merge(names, on="evidence_source_id", how="left").reset_index(drop=True)


def categorical(series: pd.Series, values: tuple[str, ...], where: str, *, ordered: bool = False) -> pd.Series:
    """A column and its vocabulary → a categorical (ordered only for a scale); a value outside the vocabulary is an error naming it."""
    unknown = sorted(set(series.dropna()) - set(values))
    if unknown:
        raise PipelineError(f"{where}: values outside the vocabulary: {unknown}")
    return pd.Series(pd.Categorical(series, categories=list(values), ordered=ordered), index=series.index, name=series.name)


def _nullable_integers(t: pa.DataType) -> pd.api.extensions.ExtensionDtype | None:
    """pyarrow → pandas type mapping: integers become pandas' nullable Int64 (a null offset stays <NA>, not a float NaN)."""
    return pd.Int64Dtype() if pa.types.is_integer(t) else None


def verify_tables(folder: Path) -> None:
    """Check SHA256SUMS in folder, and that it lists every table: no table is read unverified."""
    sums = verify(folder)
    unlisted = [f"{name}.parquet" for name in TABLES if f"{name}.parquet" not in sums]
    if unlisted:
        raise ChecksumError(f"{Path(folder) / SUMS_NAME}: no checksum for {', '.join(unlisted)}; cannot verify the dataset")


def read_folder(folder: Path, *, origin: str | None = None) -> Dataset:
    """A verified dataset folder → a Dataset with ordered categorical label columns."""
    folder = Path(folder)
    frames = {}
    for name in TABLES:
        path = folder / f"{name}.parquet"
        table = read_table(path, name)  # checked: readable, and the columns of the schema
        try:
            df = table.to_pandas(types_mapper=_nullable_integers)
        except Exception as err:  # noqa: BLE001 (values pyarrow read but pandas cannot hold)
            raise PipelineError(f"{shown(path)}: its values cannot be read ({one_line(err, 200)})") from None
        for column, values in CATEGORICAL_COLUMNS.get(name, {}).items():
            df[column] = categorical(df[column], values, f"{path} (column {column!r})", ordered=(name, column) in ORDERED_COLUMNS)
        frames[name] = df
    croissant = folder / "croissant.json"
    version = croissant_version(croissant) if croissant.exists() else None
    return Dataset(**frames, version=version, origin=origin or str(folder))


def croissant_version(path: Path) -> str | None:
    """croissant.json → the version it states; an unreadable file is an error naming it."""
    try:
        meta = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise PipelineError(f"{shown(path)}: not a readable Croissant JSON file ({one_line(err, 200)})") from None
    version = meta.get("version") if isinstance(meta, dict) else None
    return version if isinstance(version, str) else None


def dataset_root(folder: Path) -> Path:
    """An extracted archive → the one folder in it that holds SHA256SUMS (the archive's top folder or itself)."""
    folder = Path(folder)
    if (folder / SUMS_NAME).exists():
        return folder
    candidates = sorted(p.parent for p in folder.glob(f"*/{SUMS_NAME}"))
    if len(candidates) != 1:
        raise PipelineError(f"{folder}: expected one dataset folder with {SUMS_NAME} in the archive, found {len(candidates)}")
    return candidates[0]


def load_dataset(path: str | Path | None = None) -> Dataset:
    """A dataset folder or a release archive (.tar.gz/.zip) → its verified tables as a Dataset
    (no path: the repository's dataset/, an error naming what to pass where there is none)."""
    path = paths.default_dataset() if path is None else Path(path)
    if not path.exists():
        raise PipelineError(f"{path}: no such dataset folder or archive")
    if path.is_dir():
        verify_tables(path)
        return read_folder(path)
    if not is_archive(path):
        raise PipelineError(f"{path}: expected a dataset folder or a .tar.gz/.tgz/.zip release archive")
    with tempfile.TemporaryDirectory(prefix="kz-claims-") as tmp:
        safe_extract(path, Path(tmp))
        try:
            root = dataset_root(Path(tmp))
            verify_tables(root)
            return read_folder(root, origin=str(path))
        except PipelineError as err:  # name the member of the archive, not the temporary folder it was read from
            message = str(err).replace(f"{tmp}/", f"{shown(path)}:").replace(str(tmp), shown(path))
            raise type(err)(message) from None
