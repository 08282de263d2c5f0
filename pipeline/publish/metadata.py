"""Metadata: a folder of freshly written Parquet tables → its card, Croissant file, licence and checksums.

Called by the build inside the staging folder, so the metadata is swapped in with the
data it describes and always agrees with it. Everything is read back from the files, a
column at a time (``dataset_io.ColumnReader``), so memory stays bounded by one label column.
"""
from __future__ import annotations

from pathlib import Path

from .. import paths
from ..errors import PipelineError
from ..schema import TABLES
from . import card, chart, croissant
from .checksums import write_sums
from .dataset_io import column_readers

CARD_FILE = "README.md"
CROISSANT_FILE = "croissant.json"
CODEBOOK = paths.DEFAULT_CODEBOOK  # the project's codebook, shipped beside the data it defines


def dataset_files() -> list[str]:
    """The names of every file a dataset folder holds besides SHA256SUMS."""
    return [f"{name}.parquet" for name in TABLES] + [CARD_FILE, CROISSANT_FILE, card.LICENSE_FILE, chart.CHART_FILE, card.CODEBOOK_FILE]


def write_metadata(folder: Path) -> None:
    """Write README.md, croissant.json, LICENSE.md, the label chart, the codebook and SHA256SUMS into a folder holding the Parquet tables."""
    folder = Path(folder)
    if not CODEBOOK.is_file():
        raise PipelineError(f"{CODEBOOK}: the codebook is missing; every dataset folder ships it")
    tables = column_readers(folder)  # a column at a time: the text columns are never read back
    _write(folder / chart.CHART_FILE, chart.render(tables))
    _write(folder / card.CODEBOOK_FILE, CODEBOOK.read_text(encoding="utf-8"))
    _write(folder / CARD_FILE, card.render(tables))
    _write(folder / CROISSANT_FILE, croissant.dumps(croissant.render(folder, tables)))
    _write(folder / card.LICENSE_FILE, card.LICENSE_TEXT)
    write_sums(folder, dataset_files())


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
