"""croissant.json validates with mlcroissant and its records are the Parquet rows."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT
from synthetic import write_synthetic

from pipeline import __version__
from pipeline.publish.checksums import sha256_file
from pipeline.publish.croissant import CONFORMS_TO, data_type
from pipeline.schema import TABLES

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
def test_records_load_through_mlcroissant(dataset_dir):
    import mlcroissant as mlc

    ds = mlc.Dataset(jsonld=str(dataset_dir / "croissant.json"))
    for name in TABLES:
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
