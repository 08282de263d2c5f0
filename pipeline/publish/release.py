"""Release: raw articles → a validated dataset and ``dist/<name>-<version>.tar.gz`` and ``.zip``.

    python -m pipeline release

builds ``dataset/`` from ``raw/``, validates it, checks that the version, release
date, CHANGELOG.md, CITATION.cff and the recorded checksums (``releases.json``) agree,
records the checksums of a new version, and writes two byte-identical-on-rerun
archives holding the dataset, its card, Croissant file, licences, codebook, citation,
changelog, the Great Expectations validation report as HTML, and SHA256SUMS over all.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import paths
from ..errors import PipelineError
from ..version import DATASET_NAME, RELEASE_DATE, __version__
from .archive import write_tar_gz, write_zip
from .checksums import SUMS_NAME, read_sums, sha256_file, verify, write_sums

RELEASES_FILE = paths.RELEASES_FILE
CHANGELOG_FILE = paths.CHANGELOG_FILE
CITATION_FILE = paths.CITATION_FILE
DEFAULT_CODEBOOK = paths.DEFAULT_CODEBOOK
DEFAULT_DIST = paths.DEFAULT_DIST
REPORT_PREFIX = "validation-report-"


@dataclass(frozen=True, slots=True)
class Release:
    """What a release wrote: the archives, their sha256 and the files they hold."""

    archives: dict[str, str]  # path -> sha256
    members: list[str]
    recorded: bool  # True when this run recorded a new version in releases.json

    def __str__(self) -> str:
        lines = [f"released {DATASET_NAME} {__version__} ({RELEASE_DATE})" + (", recorded in releases.json" if self.recorded else "")]
        lines += [f"  {sha}  {path}" for path, sha in self.archives.items()]
        return "\n".join(lines)


def archive_stem() -> str:
    """→ ``<name>-<version>``, the archives' file name stem and top folder."""
    return f"{DATASET_NAME}-{__version__}"


def parquet_sums(dataset_dir: Path) -> dict[str, str]:
    """A dataset folder → {parquet file: sha256} from its SHA256SUMS."""
    return {k: v for k, v in read_sums(Path(dataset_dir) / SUMS_NAME).items() if k.endswith(".parquet")}


def load_releases(path: Path = RELEASES_FILE) -> dict[str, dict]:
    """releases.json → {version: {"date": ..., "sha256": {file: hex}}} ({} when absent)."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise PipelineError(f"{path} (line {err.lineno}): not valid JSON: {err.msg}") from err


def record_problem(releases: dict[str, dict], sums: dict[str, str], version: str = __version__, date: str = RELEASE_DATE) -> str | None:
    """The release record, current Parquet checksums, version and date → why they disagree, or None."""
    entry = releases.get(version)
    if entry is None:
        return f"version {version} is not recorded in releases.json"
    if entry.get("date") != date:
        return f"releases.json records version {version} as released {entry.get('date')}, pipeline/version.py says {date}"
    if entry.get("sha256") != sums:
        changed = sorted(k for k in set(entry.get("sha256", {})) | set(sums) if entry.get("sha256", {}).get(k) != sums.get(k))
        return (f"the Parquet files {changed} differ from those released as version {version}: "
                f"bump __version__ and RELEASE_DATE in pipeline/version.py, add a CHANGELOG.md entry, "
                f"update CITATION.cff and run `python -m pipeline release`")
    return None


def record_release(sums: dict[str, str], path: Path = RELEASES_FILE) -> bool:
    """Record the current version's Parquet checksums in releases.json; True if newly recorded, error if it disagrees."""
    releases = load_releases(path)
    problem = record_problem(releases, sums)
    if problem is None:
        return False
    if __version__ in releases:
        raise PipelineError(problem)
    releases[__version__] = {"date": RELEASE_DATE, "sha256": dict(sorted(sums.items()))}
    Path(path).write_text(json.dumps(releases, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return True


def changelog_problem(text: str, version: str = __version__, date: str = RELEASE_DATE) -> str | None:
    """CHANGELOG.md text → why it lacks a ``## [version] - date`` entry, or None."""
    if re.search(rf"^## \[{re.escape(version)}\] - {re.escape(date)}\s*$", text, re.M):
        return None
    return f"CHANGELOG.md has no entry '## [{version}] - {date}'"


def citation_metadata(path: Path = CITATION_FILE) -> dict:
    """CITATION.cff → its fields as JSON-compatible values (YAML dates as ISO strings)."""
    def plain(x):
        if isinstance(x, dict):
            return {k: plain(v) for k, v in x.items()}
        if isinstance(x, list):
            return [plain(v) for v in x]
        return x.isoformat() if isinstance(x, dt.date) else x

    try:
        return plain(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
    except yaml.YAMLError as err:
        raise PipelineError(f"{path}: not valid YAML: {err}") from err


def citation_problem(meta: dict, version: str = __version__, date: str = RELEASE_DATE) -> str | None:
    """CITATION.cff fields → why its version or date-released disagree with pipeline/version.py, or None."""
    if str(meta.get("version")) != version or str(meta.get("date-released")) != date:
        return (f"CITATION.cff says version {meta.get('version')} released {meta.get('date-released')}; "
                f"pipeline/version.py says {version} released {date}")
    return None


def validation_pages(report) -> dict[str, str]:
    """A validation Report → {file name: HTML page} rendered by Great Expectations, one per table, deterministic."""
    from great_expectations.core.expectation_validation_result import ExpectationSuiteValidationResult, ExpectationValidationResult
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration
    from great_expectations.render.renderer import ValidationResultsPageRenderer
    from great_expectations.render.view import DefaultJinjaPageView

    pages = {}
    for table, result in report.results.items():
        d = copy.deepcopy(result)
        d.get("meta", {}).get("batch_markers", {}).pop("ge_load_time", None)
        results = []
        for r in d["results"]:
            cfg = {k: v for k, v in r["expectation_config"].items() if k != "id"}
            results.append(ExpectationValidationResult(
                success=r["success"], expectation_config=ExpectationConfiguration(**cfg), result=r.get("result") or {},
                meta=r.get("meta") or {}, exception_info=r.get("exception_info")))
        suite_result = ExpectationSuiteValidationResult(
            success=d["success"], results=results, suite_name=d["suite_name"], suite_parameters=d.get("suite_parameters") or {},
            statistics=d["statistics"], meta=d.get("meta") or {})
        html = DefaultJinjaPageView().render(ValidationResultsPageRenderer().render(suite_result))
        pages[f"{REPORT_PREFIX}{table}.html"] = stable_html(html)
    return pages


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CACHE_BUST = re.compile(r"\?d=\d{8}T\d{6}\.\d+Z")


def stable_html(html: str) -> str:
    """A rendered GX page → the same page without render-time values (cache-busting timestamps, random element ids)."""
    html = _CACHE_BUST.sub("", html)
    ids: dict[str, str] = {}
    return _UUID.sub(lambda m: ids.setdefault(m.group(0), f"id{len(ids) + 1}"), html)


def check_sources(codebook: Path) -> None:
    """Fail before building when the codebook, CHANGELOG.md or CITATION.cff cannot go into this release."""
    if not Path(codebook).is_file():
        raise PipelineError(f"{codebook}: codebook not found; the release archive must hold it (docs/codebook.md of the project, or pass --codebook)")
    for path in (CHANGELOG_FILE, CITATION_FILE):
        if not path.is_file():
            raise PipelineError(f"{path}: missing; every release ships it")
    for problem in (changelog_problem(CHANGELOG_FILE.read_text(encoding="utf-8")), citation_problem(citation_metadata())):
        if problem:
            raise PipelineError(problem)


def stage(dataset_dir: Path, codebook: Path, pages: dict[str, str], folder: Path) -> list[str]:
    """Dataset folder, codebook and report pages → the release folder's files, with SHA256SUMS over all; return the names."""
    folder.mkdir(parents=True)
    listed = read_sums(Path(dataset_dir) / SUMS_NAME)
    for name in listed:
        shutil.copyfile(Path(dataset_dir) / name, folder / name)
    shutil.copyfile(codebook, folder / "codebook.md")
    shutil.copyfile(CHANGELOG_FILE, folder / CHANGELOG_FILE.name)
    shutil.copyfile(CITATION_FILE, folder / CITATION_FILE.name)
    for name, html in pages.items():
        (folder / name).write_text(html, encoding="utf-8", newline="\n")
    names = sorted(p.name for p in folder.iterdir())
    write_sums(folder, names)
    return sorted(names + [SUMS_NAME])


def release(raw_dir: Path, dataset_dir: Path, dist_dir: Path = DEFAULT_DIST, *, codebook: Path = DEFAULT_CODEBOOK, rebuild: bool = True) -> Release:
    """Raw folder → rebuilt, validated dataset_dir and ``dist_dir/<name>-<version>.tar.gz`` and ``.zip``."""
    check_sources(codebook)
    if rebuild:
        from ..run.build import build

        build(raw_dir, dataset_dir)
    from ..stages.validate import validate_dataset
    from .dataset_io import check_files

    verify(dataset_dir)
    check_files(dataset_dir)
    report = validate_dataset(dataset_dir)  # in row batches, the batches' results merged per table for the HTML reports
    if not report.success:
        raise PipelineError(f"{dataset_dir} does not validate:\n{report}")
    recorded = record_release(parquet_sums(dataset_dir), RELEASES_FILE)
    dist_dir = Path(dist_dir)
    dist_dir.mkdir(parents=True, exist_ok=True)
    stem = archive_stem()
    with dist_lock(dist_dir, stem):
        clear_stale_staging(dist_dir, stem)
        staging = Path(tempfile.mkdtemp(prefix=paths.release_staging_prefix(stem), dir=dist_dir))
        try:
            members = stage(dataset_dir, codebook, validation_pages(report), staging / stem)
            parts = {}
            for suffix, writer in ARCHIVE_WRITERS:
                parts[dist_dir / f"{stem}{suffix}"] = writer(staging / stem, stem, staging / f"{stem}{suffix}", RELEASE_DATE)
            move_in_together(parts)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    archives = {str(dest): sha256_file(dest) for dest in parts}
    return Release(archives=archives, members=[f"{stem}/{m}" for m in members], recorded=recorded)


ARCHIVE_WRITERS = ((".tar.gz", write_tar_gz), (".zip", write_zip))


def move_in_together(parts: dict[Path, Path]) -> None:
    """{destination: complete staged archive} → every archive in place. The previous archives of this
    version are removed first, so a release killed in between leaves archives missing (and a staging
    folder the next release clears), never a .tar.gz and a .zip of two different builds."""
    for part in parts.values():
        with open(part, "rb") as fh:
            os.fsync(fh.fileno())
    for dest in parts:
        dest.unlink(missing_ok=True)
    for dest, part in parts.items():
        os.replace(part, dest)


def clear_stale_staging(dist_dir: Path, stem: str) -> None:
    """Remove the staging folders a killed release left in dist_dir (call with the dist lock held)."""
    for prefix in (paths.release_staging_prefix(stem), f".{stem}-"):  # the second: releases before 0.2
        for stale in Path(dist_dir).glob(f"{prefix}*"):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)


def dist_lock(dist_dir: Path, stem: str):
    """Context: hold the lock of this version's archives in dist_dir, or fail at once if another release holds it."""
    from ..run.write import exclusive_lock

    return exclusive_lock(paths.lock_file(Path(dist_dir) / stem),
                          f"another release is writing {stem} archives in {dist_dir}; try again when it has finished")
