"""Claims-and-sourcing fact-check dataset: the pipeline that builds it."""
from __future__ import annotations

__version__ = "0.1.0"
