"""Claims-and-sourcing fact-check dataset: the pipeline that builds it.

The dataset's version and release date live here and nowhere else: pyproject.toml,
the dataset card, the Croissant file, CITATION.cff (checked by a test) and the release
archives' names all read them from here.
"""
from __future__ import annotations

__version__ = "0.1.0"
RELEASE_DATE = "2026-11-22"  # ISO 8601 date of the release of __version__
DATASET_NAME = "kz-claims"


def __getattr__(name: str):
    """Lazy ``from pipeline import load_dataset`` (pandas is imported only when used)."""
    if name in ("load_dataset", "Dataset"):
        from . import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
