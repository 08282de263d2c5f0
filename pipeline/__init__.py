"""Claims-and-sourcing fact-check dataset: the pipeline that builds it.

The public API: ``load_dataset`` (and its ``Dataset``), ``__version__``,
``RELEASE_DATE`` and ``DATASET_NAME`` (defined in ``pipeline.version``).
"""
from __future__ import annotations

from .version import DATASET_NAME, RELEASE_DATE, __version__

__all__ = ["DATASET_NAME", "RELEASE_DATE", "Dataset", "__version__", "load_dataset"]


def __getattr__(name: str):
    """Lazy ``from pipeline import load_dataset`` (pandas is imported only when used)."""
    if name in ("load_dataset", "Dataset"):
        from .publish import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
