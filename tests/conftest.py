"""Shared fixtures: the spaCy model (loaded once), paths to ../shared (skipped when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.config import Settings
    from pipeline.stages.parse import load_model

    return load_model(Settings().model)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


def write_article(folder: Path, name: str, text: str, **front_matter) -> Path:
    """Write one raw article (with front matter when given) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    if front_matter:
        lines = ["---", *(f"{k}: {v}" for k, v in front_matter.items()), "---", ""]
    path = folder / name
    path.write_text("\n".join(lines) + text, encoding="utf-8")
    return path
