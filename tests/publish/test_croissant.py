"""croissant.json validates with mlcroissant and its records are the Parquet rows."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT
from synthetic import write_synthetic

from pipeline import __version__
from pipeline.publish import datasheet
from pipeline.publish.checksums import sha256_file
from pipeline.publish.croissant import ANNOTATIONS_LICENSE, CONFORMS_TO, bibtex, data_type
from pipeline.schema import FOREIGN_KEYS, TABLES
from pipeline.version import DATASET_URL, RELEASE_DATE

MLCROISSANT = Path(sys.executable).parent / "mlcroissant"


@pytest.fixture(params=["committed", "synthetic"])
def dataset_dir(request, tmp_path) -> Path:
    if request.param == "committed":
        return ROOT / "dataset"
    return write_synthetic(tmp_path / "syn")


@pytest.mark.slow
def test_mlcroissant_validate_exits_0(dataset_dir):
    run = subprocess.run([str(MLCROISSANT), "validate", "--jsonld", "croissant.json"], cwd=dataset_dir, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "WARNING" not in run.stderr, run.stderr


def test_file_objects_carry_the_files_sha256(dataset_dir):
    doc = json.loads((dataset_dir / "croissant.json").read_text())
    assert doc["conformsTo"] == CONFORMS_TO and doc["version"] == __version__
    files = {d["contentUrl"]: d for d in doc["distribution"]}
    assert set(files) == {f"{t}.parquet" for t in TABLES}
    for name, node in files.items():
        assert node["@type"] == "cr:FileObject" and node["sha256"] == sha256_file(dataset_dir / name)
    assert [rs["@id"] for rs in doc["recordSet"]] == list(TABLES)


@pytest.mark.slow
def test_every_record_set_loads_through_mlcroissant(dataset_dir):
    import mlcroissant as mlc

    for name in TABLES:
        # One Dataset per record set: mlcroissant 1.1 reuses the joined record sets' generators
        # across records() calls of one Dataset, so a second table whose references join a first fails.
        ds = mlc.Dataset(jsonld=str(dataset_dir / "croissant.json"))
        expected = pq.read_table(dataset_dir / f"{name}.parquet").to_pylist()
        records = list(ds.records(record_set=name))
        assert len(records) == len(expected), name
        for got, want in zip(records, expected):
            for column, value in want.items():
                v = got[f"{name}/{column}"]
                if isinstance(v, bytes):
                    v = v.decode("utf-8")
                if isinstance(v, list):
                    v = [x.decode("utf-8") if isinstance(x, bytes) else x for x in v]
                assert v == value or (value is None and v is None), f"{name}.{column}"


@pytest.mark.parametrize(("arrow", "expected"), [
    (pa.string(), ("sc:Text", False)), (pa.int64(), ("sc:Integer", False)), (pa.bool_(), ("sc:Boolean", False)),
    (pa.list_(pa.string()), ("sc:Text", True)), (pa.float64(), ("sc:Float", False)),
])
def test_data_types(arrow, expected):
    assert data_type(arrow) == expected


def test_unknown_type_is_an_error():
    with pytest.raises(ValueError, match="no Croissant dataType"):
        data_type(pa.binary())


def test_url_and_bibtex_citation(dataset_dir):
    doc = json.loads((dataset_dir / "croissant.json").read_text())
    assert doc["url"] == DATASET_URL and DATASET_URL.startswith("https://")
    cite = doc["citeAs"]
    assert cite == bibtex()
    assert re.fullmatch(r"@misc\{[A-Za-z0-9_:-]+,\n(  [a-z]+ = (\{[^\n]*\}|[a-z]+),?\n)+\}", cite), cite
    fields = dict(re.findall(r"^  ([a-z]+) = \{?(.*?)\}?,?$", cite, re.M))
    assert fields["version"] == __version__ and fields["year"] == RELEASE_DATE[:4] and fields["url"] == DATASET_URL
    assert cite.count("kz-claims:") == 1  # the title once, not "kz-claims: kz-claims: ..."


def test_references_on_every_key_field(dataset_dir):
    doc = json.loads((dataset_dir / "croissant.json").read_text())
    fields = {f["@id"]: f for rs in doc["recordSet"] for f in rs["field"]}
    declared = {fid: f["references"]["field"]["@id"] for fid, f in fields.items() if "references" in f}
    assert declared == {f"{t}/{c}": f"{rt}/{rc}" for (t, c), (rt, rc) in FOREIGN_KEYS.items()}
    assert all(target in fields for target in declared.values())
    keys = {rs["key"]["@id"] for rs in doc["recordSet"]}
    assert set(declared.values()) <= keys  # every reference names a record set's key


def test_responsible_ai_properties(dataset_dir):
    import mlcroissant as mlc

    meta = mlc.Dataset(jsonld=str(dataset_dir / "croissant.json")).metadata
    assert meta.data_collection == datasheet.DATA_COLLECTION
    assert meta.data_annotation_protocol == datasheet.ANNOTATION_PROTOCOL
    assert meta.data_limitations == datasheet.LIMITATIONS and meta.data_biases == datasheet.BIASES
    assert meta.personal_sensitive_information == datasheet.PERSONAL_SENSITIVE_INFORMATION
    assert meta.data_use_cases == datasheet.USE_CASES and meta.data_release_maintenance_plan == datasheet.MAINTENANCE
    assert meta.machine_annotation_tools and meta.data_collection_missing_data


def test_licences_are_true_to_the_parts(dataset_dir):
    doc = json.loads((dataset_dir / "croissant.json").read_text())
    licences = doc["license"]
    assert licences[0] == ANNOTATIONS_LICENSE
    texts = licences[1]
    assert texts["@type"] == "sc:CreativeWork" and "not covered by CC BY" in texts["description"]
    assert "articles.text" in texts["description"]
