"""Croissant: the built tables → ``croissant.json`` (MLCommons Croissant 1.0 JSON-LD).

One FileObject per Parquet file with its sha256, one RecordSet per table with one
typed Field per column (descriptions from the schema), each foreign key field with
``references`` to the key it names (``pipeline.schema.FOREIGN_KEYS``), the dataset's
address, a BibTeX ``citeAs``, licences per part (annotations CC BY 4.0, article texts
their publishers') and the Responsible-AI properties (``rai:*``, text shared with the
card in ``pipeline.publish.datasheet``). Written by the build beside the Parquet files,
deterministically (sorted keys, no timestamps but the release date).
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from ..schema import DESCRIPTION, FOREIGN_KEYS, KEYS
from ..version import DATASET_NAME, DATASET_URL, RELEASE_DATE, __version__
from . import datasheet
from .card import LICENSE_FILE
from .checksums import sha256_file
from .dataset_io import value_counts
from .datasheet import CREATOR, PRETTY_NAME, bibtex

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
PARQUET_MIME = "application/x-parquet"
ANNOTATIONS_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
# The article texts (articles.text and title, and the spans quoted from them) are not the dataset's to license.
TEXTS_LICENSE = {
    "@type": "sc:CreativeWork",
    "name": "Article texts: third-party news, rights remain with their publishers",
    "description": ("articles.text, articles.title and the spans quoted from them (claims.content, claims.speaker_text, "
                    "claims.cue, evidence.evidence_text) are third-party news included for research on the reporting; "
                    f"they are not covered by CC BY 4.0. Each article's rights field says who holds them; see {LICENSE_FILE}."),
}

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
    if (ref := FOREIGN_KEYS.get((table, f.name))) is not None:
        node["references"] = {"field": {"@id": f"{ref[0]}/{ref[1]}"}}
    return node


def rai() -> dict:
    """→ the Responsible-AI properties (Croissant RAI 1.0), from the datasheet text the card also prints."""
    return {
        "rai:dataCollection": datasheet.DATA_COLLECTION,
        "rai:dataCollectionType": datasheet.DATA_COLLECTION_TYPE,
        "rai:dataCollectionMissingData": datasheet.MISSING_DATA,
        "rai:dataAnnotationProtocol": datasheet.ANNOTATION_PROTOCOL,
        "rai:machineAnnotationTools": datasheet.MACHINE_ANNOTATION_TOOLS,
        "rai:dataLimitations": datasheet.LIMITATIONS,
        "rai:dataBiases": datasheet.BIASES,
        "rai:personalSensitiveInformation": datasheet.PERSONAL_SENSITIVE_INFORMATION,
        "rai:dataUseCases": datasheet.USE_CASES,
        "rai:dataReleaseMaintenancePlan": datasheet.MAINTENANCE,
    }


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
        "url": DATASET_URL,
        "license": [ANNOTATIONS_LICENSE, TEXTS_LICENSE],
        "creator": {"@type": "sc:Organization", "name": CREATOR},
        "citeAs": bibtex(),
        "keywords": ["fact-checking", "claim detection", "attribution", "evidence", "news"],
        "inLanguage": sorted(x for x in value_counts(tables["articles"], ["language"]) if x),
        "isAccessibleForFree": True,
        "distribution": distribution,
        "recordSet": record_sets,
        **rai(),
    }


def dumps(doc: dict) -> str:
    """A Croissant document → its deterministic JSON text (sorted keys, 2-space indent, final newline)."""
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
