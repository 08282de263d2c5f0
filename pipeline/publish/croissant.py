"""Croissant: the built tables → ``croissant.json`` (MLCommons Croissant 1.0 JSON-LD).

One FileObject per Parquet file with its sha256, one RecordSet per table with one
typed Field per column (descriptions from the schema). Foreign keys are not declared as
``references``: mlcroissant turns those into joins when it loads records.
Written by the build beside the Parquet files, deterministically (sorted keys, no
timestamps but the release date).
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from ..schema import DESCRIPTION, KEYS
from ..version import DATASET_NAME, RELEASE_DATE, __version__
from .card import PRETTY_NAME
from .checksums import sha256_file

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
PARQUET_MIME = "application/x-parquet"
ANNOTATIONS_LICENSE = "https://creativecommons.org/licenses/by/4.0/"

# The Croissant 1.0 JSON-LD context, as the specification gives it.
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

def data_type(t: pa.DataType) -> tuple[str, bool]:
    """A pyarrow type → (Croissant dataType, repeated); unknown types are an error."""
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        inner, _ = data_type(t.value_type)
        return inner, True
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "sc:Text", False
    if pa.types.is_integer(t):
        return "sc:Integer", False
    if pa.types.is_floating(t):
        return "sc:Float", False
    if pa.types.is_boolean(t):
        return "sc:Boolean", False
    if pa.types.is_date(t) or pa.types.is_timestamp(t):
        return "sc:Date", False
    raise ValueError(f"no Croissant dataType for pyarrow type {t}")


def field(table: str, f: pa.Field) -> dict:
    """A table name and one of its schema fields → a Croissant Field."""
    dtype, repeated = data_type(f.type)
    node = {
        "@type": "cr:Field",
        "@id": f"{table}/{f.name}",
        "name": f.name,
        "description": (f.metadata or {}).get(DESCRIPTION, b"").decode("utf-8"),
        "dataType": dtype,
        "source": {"fileObject": {"@id": f"{table}.parquet"}, "extract": {"column": f.name}},
    }
    if repeated:
        node["repeated"] = True
    return node


def render(folder: Path, tables: dict[str, pa.Table]) -> dict:
    """The dataset folder and its tables → the Croissant JSON-LD document (a dict)."""
    distribution = [
        {
            "@type": "cr:FileObject",
            "@id": f"{name}.parquet",
            "name": f"{name}.parquet",
            "description": f"The {name} table.",
            "contentUrl": f"{name}.parquet",
            "contentSize": f"{(Path(folder) / f'{name}.parquet').stat().st_size} B",
            "encodingFormat": PARQUET_MIME,
            "sha256": sha256_file(Path(folder) / f"{name}.parquet"),
        }
        for name in tables
    ]
    record_sets = [
        {
            "@type": "cr:RecordSet",
            "@id": name,
            "name": name,
            "description": (t.schema.metadata or {}).get(DESCRIPTION, b"").decode("utf-8"),
            "key": {"@id": f"{name}/{KEYS[name]}"},
            "field": [field(name, f) for f in t.schema],
        }
        for name, t in tables.items()
    ]
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": DATASET_NAME,
        "alternateName": PRETTY_NAME,
        "description": (
            "Attributed claims reported in news articles, with their sources, exact character offsets, "
            "check-worthiness and the evidence the corpus itself holds for or against them. Evidence "
            "statuses are relative to the corpus, not world truth."
        ),
        "conformsTo": CONFORMS_TO,
        "version": __version__,
        "datePublished": RELEASE_DATE,
        "license": ANNOTATIONS_LICENSE,
        "creator": {"@type": "sc:Organization", "name": "The kz-claims maintainers"},
        "citeAs": f"The kz-claims maintainers ({RELEASE_DATE[:4]}). {DATASET_NAME}: {PRETTY_NAME}. Version {__version__}.",
        "keywords": ["fact-checking", "claim detection", "attribution", "evidence", "news"],
        "inLanguage": sorted({x for x in tables["articles"].column("language").to_pylist() if x}),
        "isAccessibleForFree": True,
        "distribution": distribution,
        "recordSet": record_sets,
    }


def dumps(doc: dict) -> str:
    """A Croissant document → its deterministic JSON text (sorted keys, 2-space indent, final newline)."""
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
