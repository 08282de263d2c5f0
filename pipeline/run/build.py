"""Build: the order of the stages, in one place.

    ingest → parse → extract          (per article: ``run.article.analyse_articles``)
    resolve → classify → link → label (corpus: ``assemble``)
    validate → write                  (``build``)

No stage builds paths: ``build`` receives the raw and output folders and hands each
stage the data it needs.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import pickle
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import ids, paths
from ..config import Settings
from ..errors import InputError, Interrupted, PipelineError, Problem, ValidationError, shown
from ..records import Article, ArticleResult, AttributedClaim, EvidenceLink
from ..schema import TABLES
from ..stages import classify, curate, ingest, label, link, resolve
from ..vocab import AVERITEC_LABELS, FEVER_LABELS
from . import engine, write


@dataclass(frozen=True, slots=True)
class Tables:
    """The dataset's tables as lists of row dicts, in their final order."""

    articles: list[dict]
    sources: list[dict]
    claims: list[dict]
    evidence: list[dict]

    def frames(self) -> dict[str, pd.DataFrame]:
        """Tables → pandas DataFrames with the schema's columns (for validation)."""
        return {
            name: pd.DataFrame(getattr(self, name), columns=schema.names)
            for name, schema in TABLES.items()
        }


@dataclass(slots=True)
class Summary:
    """What a build did: counts, rejected files and time taken."""

    articles: int = 0
    claims: int = 0
    sources: int = 0
    evidence: int = 0
    seconds: float = 0.0
    rejected: list[Problem] = field(default_factory=list)
    out_dir: str = ""
    rejected_report: str | None = None  # where the rejected files were listed (--skip-invalid)
    cached: int = 0  # articles whose per-article results came from the cache
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase

    def __str__(self) -> str:
        rej = f", {len(self.rejected)} file(s) rejected" if self.rejected else ""
        if self.rejected_report:
            rej += f" (listed in {self.rejected_report})"
        rej += f" ({self.cached} article(s) from the cache)" if self.cached else ""
        return (
            f"built {self.out_dir}: {self.articles} articles, {self.claims} claims, {self.sources} sources, "
            f"{self.evidence} evidence links in {self.seconds:.1f} s{rej}"
        )


# --- corpus stages ---------------------------------------------------------------------


def assemble(results: list[ArticleResult], reviews: Iterable[curate.Review] = (), *, clock: _Clock | None = None) -> Tables:
    """Article results (and curators' reviews) → the four tables (resolve, classify, link, label, curate).
    With a clock, each corpus stage's time is a lap of its own (``bench --corpus-stages``)."""
    lap = clock.lap if clock is not None else (lambda phase: None)
    # One pass keeps what resolve, claim rows and article rows need (no sentences: those are
    # most of a result's size, and results may be read back from disk one at a time);
    # linking makes the second and last pass.
    light = [dataclasses.replace(r, sentences=()) for r in results]
    sources, assignment = resolve.resolve_sources(light)
    source_rows = [source_row(s) for s in sources]
    claims = claim_rows(light, assignment)
    lap("resolve")
    linked = link.link_corpus(results, claims, {s["source_id"]: s for s in source_rows})
    links = linked.links
    lap("link")
    by_claim = links_by_claim(links)
    for row in claims:
        label_row(row, linked, by_claim)
    curate.apply_reviews(claims, reviews)
    evidence_rows = sorted((evidence_row(ev) for ev in links), key=lambda r: r["evidence_id"])
    article_rows = [article_row(r.article) for r in light]
    lap("label")
    return Tables(article_rows, source_rows, claims, evidence_rows)


def source_row(s: resolve.Source) -> dict:
    """A resolved Source → its row in the sources table."""
    return {"source_id": s.source_id, "name": s.name, "aliases": list(s.aliases), "source_type": s.source_type,
            "role": s.role, "affiliation": s.affiliation}


def links_by_claim(links: Iterable[EvidenceLink]) -> dict[str, list[EvidenceLink]]:
    """Evidence links → {claim_id: its links}."""
    by_claim: dict[str, list[EvidenceLink]] = {}
    for ev in links:
        by_claim.setdefault(ev.claim_id, []).append(ev)
    return by_claim


def label_row(row: dict, linked: link.Linked, by_claim: dict[str, list[EvidenceLink]]) -> None:
    """A claim row, what linking found and its links by claim → the row with its cluster, the check-worthiness the
    linker may have promoted (``link.MATTER_OF_FACT``) and its rules' evidence status (in place)."""
    row["claim_cluster_id"] = linked.clusters.get(row["claim_id"], row["claim_id"])
    if row["claim_id"] in linked.promoted:
        row["checkworthy"] = True
    status, rationale = label.evidence_status(row["checkworthy"], by_claim.get(row["claim_id"], []))
    row.update(
        evidence_status=status, rule_evidence_status=status, label_source="rules", status_rationale=rationale,
        averitec_label=AVERITEC_LABELS[status], fever_label=FEVER_LABELS[status],
    )


def evidence_row(ev: EvidenceLink) -> dict:
    """An evidence link → its row in the evidence table (with its stable id)."""
    return dataclasses.asdict(ev) | {"evidence_id": ids.evidence_id(ev.claim_id, ev.evidence_doc_id, ev.evidence_text, ev.stance)}


# --- the corpus stages streamed into Parquet files (what ``build`` runs) --------------------------

LINK_PARTS_PER_WORKER = 4  # parts of the corpus's claims a linking process takes in turn: one slow part waits less


def write_tables(results: Sequence[ArticleResult], folder: Path, reviews: Iterable[curate.Review] = (), *,
                 clock: _Clock | None = None, row_group_size: int = write.ROW_GROUP_SIZE, workers: int = 1) -> dict[str, int]:
    """Article results (read back in order, twice) → the four tables as Parquet files in folder → rows per table.
    With ``workers`` > 1 the claims are linked in parts on that many processes forked once the corpus is indexed
    (``engine.forked_map``: the output is the same for any number).

    The same tables as ``assemble``, but no table is ever held whole: article rows are written
    while resolve tallies the claims' speakers (``resolve.Resolver``), claim rows are spilled
    per article while the linker indexes the corpus, then labelled and written a row group at a time."""
    lap = clock.lap if clock is not None else (lambda phase: None)
    counts: dict[str, int] = {}
    resolver = resolve.Resolver()

    def article_rows() -> Iterator[dict]:
        # this pass needs no sentences: a store of results reads only the head of each entry
        for r in (results.heads() if hasattr(results, "heads") else results):
            resolver.add(r)
            yield article_row(r.article)

    rows = article_rows()
    counts["articles"] = write.write_rows(rows, TABLES["articles"], folder / "articles.parquet", row_group_size=row_group_size)
    for _ in rows:  # every article is read even if a writer stopped early
        pass
    sources, assignment = resolver.finish()
    source_rows = {s.source_id: source_row(s) for s in sources}
    sources.clear()
    counts["sources"] = write.write_rows(source_rows.values(), TABLES["sources"], folder / "sources.parquet", row_group_size=row_group_size)
    lap("resolve")
    with _RowSpool() as spool:
        # a store of results gives each article's linker preparation: the pass reads only the heads of its entries
        stored = hasattr(results, "prepared")
        linked = link.link_corpus(results.heads() if stored else results, spool.rows_for(lambda r: claim_rows([r], assignment)),
                                  source_rows, prepared=results.prepared if stored else None,
                                  parts=LINK_PARTS_PER_WORKER * workers if workers > 1 else 1,
                                  each=functools.partial(engine.forked_map, workers=workers, doing="linking"))
        spool.flush()
        assignment.by_doc.clear()
        source_rows.clear()
        lap("link")
        by_claim = links_by_claim(linked.links)
        reviewed = _Reviews(reviews)

        def labelled() -> Iterator[dict]:
            for article_claims in spool:
                for row in article_claims:
                    label_row(row, linked, by_claim)
                yield from reviewed.apply(article_claims)

        counts["claims"] = write.write_rows(labelled(), TABLES["claims"], folder / "claims.parquet", row_group_size=row_group_size)
    reviewed.check()
    by_claim.clear()
    evidence = sorted((evidence_row(ev) for ev in linked.links), key=lambda r: r["evidence_id"])
    counts["evidence"] = write.write_rows(evidence, TABLES["evidence"], folder / "evidence.parquet", row_group_size=row_group_size)
    lap("label")
    return counts


class _RowSpool:
    """Claim rows spilled to a temporary file article by article, read back in the same order."""

    def __init__(self):
        self._file = tempfile.TemporaryFile(prefix="kz-claims-")
        self._pending: list[dict] | None = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._file.close()

    def rows_for(self, make: Callable[[ArticleResult], list[dict]]) -> Callable[[ArticleResult], list[dict]]:
        """A function making an article's rows → the same, spilling each article's rows when the next is asked
        for (the linker completes them, check-worthiness included, before it moves on)."""
        def rows(result: ArticleResult) -> list[dict]:
            self.flush()
            self._pending = make(result)
            return self._pending
        return rows

    def flush(self) -> None:
        if self._pending is not None:
            pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = None

    def __iter__(self) -> Iterator[list[dict]]:
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)
            except EOFError:
                return


class _Reviews:
    """Curators' reviews applied to claim rows as they stream past; ``check`` fails on a review of a claim never seen."""

    def __init__(self, reviews: Iterable[curate.Review]):
        self.reviews = list(reviews)
        self.by_claim: dict[str, list[curate.Review]] = {}
        for r in self.reviews:
            self.by_claim.setdefault(r.claim_id, []).append(r)
        self.seen: set[str] = set()

    def apply(self, rows: list[dict]) -> list[dict]:
        here = [r for row in rows for r in self.by_claim.get(row["claim_id"], ())]
        self.seen.update(r.claim_id for r in here)
        return curate.apply_reviews(rows, here) if here else rows

    def check(self) -> None:
        missing = [r for r in self.reviews if r.claim_id not in self.seen]
        if missing:
            curate.apply_reviews([], missing)  # raises the InputError naming each entry's file and line


def article_row(a: Article) -> dict:
    """An Article → its row in the articles table."""
    return {
        "doc_id": a.doc_id, "title": a.title, "outlet": a.outlet, "published": a.published, "url": a.url,
        "language": a.language, "event": a.event, "provenance": a.provenance, "rights": a.rights,
        "text": a.text, "text_sha256": ids.sha256_text(a.text),
    }


def claim_rows(results: list[ArticleResult], assignment: dict[tuple[str, int], str]) -> list[dict]:
    """Article results and the source of each claim → claim rows, ordered by article then offset."""
    rows = []
    for result in results:
        doc_id = result.article.doc_id
        seen: dict[str, int] = {}
        for i in link.claim_order(result):
            c: AttributedClaim = result.claims[i]
            key = ids.normalise(c.content)
            n = seen.get(key, 0)
            seen[key] = n + 1
            rows.append({
                "claim_id": ids.claim_id(doc_id, c.content, n), "doc_id": doc_id, "source_id": assignment[doc_id, i],
                **link.claim_fields(c),
                "checkworthy": None,  # set by link.link_corpus, which reads the article's parse
                "claim_type": classify.claim_type(c.content, c.quote_type, c.cue),
            })
    return rows


# --- the whole build --------------------------------------------------------------------


def build_lock(out_dir: Path):
    """Context: hold the output folder's lock, or fail at once if another build holds it."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = paths.lock_file(out_dir)
    return write.exclusive_lock(lock_path, f"another build is writing {shown(out_dir)} (lock {shown(lock_path)} is held); "
                                           "try again when it has finished")


REJECTED_REPORT = "rejected.json"


def rejected_report(problems: list[Problem]) -> dict:
    """Problems of the files left out → the JSON report --skip-invalid writes (sorted, no timestamps)."""
    rows = sorted(({"path": shown(p.path), "where": p.where and shown(p.where), "reason": shown(p.reason)} for p in problems),
                  key=lambda r: (r["path"], r["where"] or "", r["reason"]))
    return {"rejected_files": len({r["path"] for r in rows}), "problems": rows}


def build(raw_dir: Path, out_dir: Path, *, settings: Settings = Settings(), skip_invalid: bool = False, progress: bool = False,
          rejected_path: Path | None = None, curation: bool = True, cache_dir: Path | None = None) -> Summary:
    """Raw folder → validated dataset in out_dir (replaced only when the new one is complete).
    With ``skip_invalid`` the rejected files and reasons go to out_dir/rejected.json (swapped in
    with the tables) or to ``rejected_path`` when given. With ``curation`` the reviewed labels
    in raw/curation/ are applied after the rules. Per-article results are kept in cache_dir
    (reused by later builds) or, when None, in a temporary spool; settings.engine/workers
    say where the per-article stages run."""
    started = time.perf_counter()
    engine.check_not_starting_a_worker()
    engine.check_model_name(settings.model)  # settings, and every output, checked before any work
    out_dir = write.check_target(out_dir, raw_dir, TABLES)
    if skip_invalid and rejected_path:
        rejected_path = write.check_report_path(rejected_path, raw_dir, out_dir)
    clock = _Clock()
    with clock.telling_where_interrupted(), build_lock(out_dir):
        write.recover(out_dir)
        review_file = curate.find_file(Path(raw_dir) / paths.CURATION_DIRNAME) if curation else None
        reviews = curate.read_reviews(review_file) if review_file else []
        articles, rejected = ingest.read_corpus(raw_dir, skip_invalid=skip_invalid)
        if not articles:
            raise InputError(rejected) if rejected else PipelineError(f"no valid articles under {raw_dir}")
        clock.lap("ingest")
        importing = _import_validation_in_background()
        with engine.result_store(cache_dir, out_dir) as store, engine.fewer_collections():
            bar = (lambda results, total: _progress(results, total, True)) if progress else None
            results = engine.analyse_into(store, articles, settings, progress=bar)
            del articles  # the store holds them now; keep one copy of the texts, not two
            clock.lap("analyse")
            importing.join()  # no thread is left to hold a lock that the linker's forked processes would inherit
            with write.staging_dir(out_dir) as staged:  # tables streamed, none held whole
                counts = write_tables(results, staged, reviews, clock=clock, workers=settings.workers)
                from ..stages.validate import validate_dataset

                report = validate_dataset(staged)  # row group by row group, cross-table checks in DuckDB
                if not report.success:
                    raise ValidationError(str(report))
                clock.lap("validate")
                staged_report = _finish(staged, out_dir, rejected, skip_invalid, rejected_path)
        clock.lap("write")
        report_path = (Path(rejected_path) if rejected_path else Path(out_dir) / REJECTED_REPORT) if skip_invalid else None
        if staged_report:
            _move_report(staged_report, Path(rejected_path), out_dir)
    return Summary(
        articles=counts["articles"], claims=counts["claims"], sources=counts["sources"],
        evidence=counts["evidence"], seconds=time.perf_counter() - started, rejected=rejected, out_dir=str(out_dir),
        rejected_report=str(report_path) if report_path else None, cached=store.hits, timings=clock.laps,
    )


def _finish(staged: Path, out_dir: Path, rejected: list[Problem], skip_invalid: bool, rejected_path: Path | None) -> Path | None:
    """A staged folder with validated tables → the rejected report, card, Croissant and sums added, swapped into
    out_dir → the staged --rejected report to move into place (or None)."""
    if skip_invalid and not rejected_path:
        write.write_json(rejected_report(rejected), staged / REJECTED_REPORT)
    from ..publish.metadata import write_metadata

    write_metadata(staged)  # card, Croissant, licence, SHA256SUMS: swapped in with the data
    staged_report = write.stage_json(rejected_report(rejected), rejected_path) if skip_invalid and rejected_path else None
    try:
        write.publish(staged, out_dir)
    except BaseException:
        if staged_report:
            staged_report.unlink(missing_ok=True)
        raise
    return staged_report


def _move_report(staged: Path, path: Path, out_dir: Path) -> None:
    """Move the staged --rejected report into place after the swap; a failure says the dataset was replaced."""
    try:
        os.replace(staged, path)
    except OSError as err:
        staged.unlink(missing_ok=True)
        raise PipelineError(f"the new dataset is in {shown(out_dir)}, but the list of rejected files could not be written "
                            f"to {shown(path)}: {err.strerror or err}") from None


def _import_validation_in_background() -> threading.Thread:
    """Start importing Great Expectations on a thread: while workers parse, this process idles,
    and the import (seconds) then costs nothing at the validation step."""
    from ..stages.validate import import_gx

    thread = threading.Thread(target=import_gx, name="import-gx", daemon=True)
    thread.start()
    return thread


class _Clock:
    """Wall time per phase of a build (PHASES, in order)."""

    PHASES = ("ingest", "analyse", "resolve", "link", "label", "validate", "write")

    def __init__(self):
        self.laps: dict[str, float] = {}
        self._start = self._last = time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.laps[phase] = now - self._last
        self._last = now

    @contextlib.contextmanager
    def telling_where_interrupted(self) -> Iterator[None]:
        """Context: Ctrl-C or SIGTERM inside it becomes Interrupted saying where (a build stopped by a time limit
        tells which phase was slow)."""
        try:
            yield
        except KeyboardInterrupt:
            raise Interrupted(self.where()) from None

    def where(self) -> str:
        """→ the phase in progress and the time so far ('during link, 41 s in; ingest 0.1 s, analyse 20.3 s, ...')."""
        current = next((p for p in self.PHASES if p not in self.laps), "the end")
        done = ", ".join(f"{p} {t:.1f} s" for p, t in self.laps.items())
        return f"during {current}, {time.perf_counter() - self._start:.0f} s in" + (f"; {done}" if done else "")


def _progress(iterable, total: int, enabled: bool):
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, unit="article", desc="parse+extract")
