"""Paths: the one module that knows where things are (no other module builds a path).

Two kinds of places:

- the **repository** (a checkout, or an editable install of one): ``ROOT`` holds raw/,
  dataset/, expectations/, releases.json, CHANGELOG.md and CITATION.cff; ``SHARED`` is
  ``../shared`` beside it (codebook, gold sets, the benchmark corpus);
- the **installed package**: ``PACKAGE_DIR`` (its source, hashed by the cache) and the
  expectation suites shipped in it as package data (``pipeline/expectations``), so a
  non-editable install (``pip install .``) validates without the repository.

What a non-editable install cannot have (the repository's dataset/, ../shared) is
reported by the functions below with a message naming what is missing and how to fix it.
The names of the files a build keeps beside its output folder (staging, spool, the
moved-aside old dataset, the lock) are here too, so the writer, the engine and the build
agree on them.
"""
from __future__ import annotations

from pathlib import Path

from .errors import PipelineError

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent  # the repository root in a checkout or an editable install
SHARED = ROOT.parent / "shared"

# Command-line defaults, relative to the working directory.
DEFAULT_RAW = Path("raw")
DEFAULT_OUT = Path("dataset")
DEFAULT_CACHE = Path(".cache")
DEFAULT_DIST = Path("dist")
CURATION_DIRNAME = "curation"  # raw/curation/: reviewed labels, not articles

# Repository files.
REPO_DATASET = ROOT / "dataset"
RELEASES_FILE = ROOT / "releases.json"
CHANGELOG_FILE = ROOT / "CHANGELOG.md"
CITATION_FILE = ROOT / "CITATION.cff"
REPO_EXPECTATIONS = ROOT / "expectations"
DEFAULT_CODEBOOK = ROOT / "docs" / "codebook.md"  # the project's own codebook, shipped in releases
PACKAGED_EXPECTATIONS = PACKAGE_DIR / "expectations"  # the same suites, installed as package data
CHECKWORTHY_MODEL = PACKAGE_DIR / "models" / "checkworthy.json"  # the check-worthiness weights (package data)
CARD_TEMPLATES = PACKAGE_DIR / "publish" / "templates"  # the dataset card's Jinja2 template (package data)

# ../shared.
BENCH_CORPUS = SHARED / "bench" / "polnear-train"


def expectations_dir() -> Path:
    """→ the folder of Great Expectations suites: the repository's expectations/, else the installed copy."""
    for folder in (REPO_EXPECTATIONS, PACKAGED_EXPECTATIONS):
        if folder.is_dir():
            return folder
    raise PipelineError(f"no expectation suites: neither {REPO_EXPECTATIONS} nor {PACKAGED_EXPECTATIONS} exists; "
                        "reinstall the package (pip install kz-claims, or pip install -e . in a checkout)")


def default_dataset() -> Path:
    """→ the repository's dataset/ (what ``load_dataset()`` reads without an argument), or an error saying why there is none."""
    if not REPO_DATASET.is_dir():
        raise PipelineError(f"no dataset folder at {REPO_DATASET}: load_dataset() without a path reads the dataset/ of a "
                            "repository checkout, which this installation does not have; pass a dataset folder or a "
                            "release archive (load_dataset('kz-claims-<version>.zip'))")
    return REPO_DATASET


# --- names beside an output folder (out_dir.parent) --------------------------------------


def staging_prefix(out_dir: Path) -> str:
    """An output folder → the name prefix of its staging folders (``.<name>.new-``); ``write.recover`` removes any left behind."""
    return f".{Path(out_dir).name}.new-"


def spool_prefix(out_dir: Path) -> str:
    """An output folder → the prefix of a build's temporary spool, a staging name so a killed build's spool is removed too."""
    return f"{staging_prefix(out_dir)}spool-"


def old_dataset(out_dir: Path) -> Path:
    """An output folder → where the previous dataset is moved aside when the swap cannot be atomic."""
    out_dir = Path(out_dir)
    return out_dir.parent / f".{out_dir.name}.old"


def lock_file(out_dir: Path) -> Path:
    """An output folder → the lock file a build holds while it writes there."""
    out_dir = Path(out_dir)
    return out_dir.parent / f".{out_dir.name}.lock"


def release_staging_prefix(stem: str) -> str:
    """An archive stem (``<name>-<version>``) → the prefix of the staging folders a release makes in dist/."""
    return f".{stem}.staging-"
