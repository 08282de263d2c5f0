"""Bench: throughput and memory of the full build against spaCy's bare ``nlp.pipe``, on one corpus.

``python -m pipeline bench [--corpus DIR] [--repeat N] [--workers N] [--json FILE]``

1. The corpus (default ``../shared/bench/polnear-train``) is copied into a temporary
   raw folder, ``--sample``d and ``--repeat``ed with distinct ids (``r<k>-<id>``).
2. Each measured run is a fresh process, timed from its first step to its last, while
   this process samples the resident memory of that process and all its children
   (parsing workers, Dask nanny and workers) and keeps the peak:
   - ``bare``: load the model, then ``nlp.pipe`` over the same texts the build parses,
     with the same batch size and ``n_process`` = workers, and with more than one process
     the thread settings the build's workers get (``engine.WORKER_THREAD_ENV``);
   - ``pipeline``: the whole ``build`` (ingest, parse, extract, resolve, link, label,
     validate, write) into a fresh folder, without a cache.
   With ``--rounds R`` the two alternate R times and the fastest of each counts.
3. The figures go to the terminal as a table and, with ``--json FILE``, to a file.

Optional extra runs: ``--speedup`` (the build with 1 worker too), ``--incremental``
(a cold build with a cache, one article edited, the rebuild timed) and
``--compare-engines`` (local with 1 worker, local with N, Dask with N: the Parquet
files must be byte-identical).

``--corpus-stages [N,N,...]`` measures the corpus stages alone, without parsing: the
corpus is analysed once into a cache, then for each size N a fresh process replicates
those cached per-article results with distinct ids (as ``--repeat`` does) up to N
articles and times resolve, link, label, validate and metadata (card, Croissant, chart and
checksums, read back a column at a time), with the peak RSS of that process (writing is
streamed as in the build: articles and sources are written within resolve, claims and
evidence within label) (figures ``articles``, ``corpus_stage_seconds``, ``peak_rss_mb``: one entry per size).
"""
from __future__ import annotations

import json
import math
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import paths
from ..config import Settings
from ..errors import PipelineError

FIGURES = ("articles", "words", "articles_per_s", "words_per_s", "peak_rss_mb", "ratio_to_bare_spacy")


@dataclass(slots=True)
class Run:
    """One measured run: what ran, its wall time, the peak memory of its process tree, and its own report."""

    name: str
    seconds: float
    peak_rss_mb: float
    detail: dict = field(default_factory=dict)
    peak_main_mb: float = 0.0  # the run's own process
    peak_child_mb: float = 0.0  # its largest child process (a parsing or Dask worker)


@dataclass(frozen=True, slots=True)
class Options:
    """What to measure, besides the build settings (the command line's ``bench`` options)."""

    corpus: Path = paths.BENCH_CORPUS
    repeat: int = 1
    sample: int | None = None
    rounds: int = 1
    json: Path | None = None
    baseline: bool = True
    speedup: bool = False
    incremental: bool = False
    compare_engines: bool = False
    keep: Path | None = None
    corpus_stages: tuple[int, ...] | None = None  # sizes for the corpus-stage benchmark (no parsing)


def run(options: Options, settings: Settings) -> int:
    """Bench options and build settings → run the benchmark, print the table, write the JSON; exit code."""
    if options.repeat < 1 or options.rounds < 1 or (options.sample is not None and options.sample < 1):
        raise PipelineError("--repeat, --rounds and --sample must be at least 1")
    work = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="kz-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if options.corpus_stages:
            figures = corpus_stages(options.corpus, work, settings, options.corpus_stages, sample=options.sample)
        else:
            figures = benchmark(options.corpus, work, settings, repeat=options.repeat, sample=options.sample, rounds=options.rounds,
                                baseline=options.baseline, speedup=options.speedup, incremental=options.incremental,
                                compare=options.compare_engines)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(format_corpus_stages(figures) if options.corpus_stages else format_table(figures))
    if options.json:
        Path(options.json).parent.mkdir(parents=True, exist_ok=True)
        Path(options.json).write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0 if figures.get("engines_identical", True) else 1


def benchmark(corpus: Path, work: Path, settings: Settings, *, repeat: int = 1, sample: int | None = None, rounds: int = 1,
              baseline: bool = True, speedup: bool = False, incremental: bool = False, compare: bool = False) -> dict:
    """Corpus and options → the figures (see FIGURES, plus run details)."""
    from ..stages import ingest

    raw = work / "raw"
    n_files = prepare_corpus(corpus, raw, repeat=repeat, sample=sample)
    articles, _ = ingest.read_corpus(raw)
    words = sum(len(a.text.split()) for a in articles)
    figures: dict = {"articles": len(articles), "words": words, "files": n_files, "workers": settings.workers,
                     "engine": settings.engine, "repeat": repeat, "sample": sample, "model": settings.model}
    builds, bares = [], []
    for r in range(rounds):
        if baseline:
            bares.append(measure("bare", _bare_run, raw, settings, env=bare_environment(settings)))
        builds.append(measure("pipeline", _build_run, raw, work / f"out-{r}", settings, None))
    best = min(builds, key=lambda run: run.seconds)
    figures.update(
        seconds=round(best.seconds, 3), articles_per_s=round(len(articles) / best.seconds, 3),
        words_per_s=round(words / best.seconds, 1), peak_rss_mb=round(max(b.peak_rss_mb for b in builds), 1),
        peak_rss_main_mb=round(max(b.peak_main_mb for b in builds), 1),
        peak_rss_worker_mb=round(max(b.peak_child_mb for b in builds), 1),
        phases={k: round(v, 3) for k, v in best.detail.get("timings", {}).items()},
        claims=best.detail.get("claims"), evidence=best.detail.get("evidence"),
    )
    if bares:
        bare = min(bares, key=lambda run: run.seconds)
        figures.update(bare_seconds=round(bare.seconds, 3), bare_peak_rss_mb=round(max(b.peak_rss_mb for b in bares), 1),
                       bare_words_per_s=round(words / bare.seconds, 1), ratio_to_bare_spacy=round(bare.seconds / best.seconds, 3))
    else:
        figures["ratio_to_bare_spacy"] = None
    if speedup:
        one = measure("pipeline-1", _build_run, raw, work / "out-w1", _replace(settings, workers=1), None)
        figures.update(seconds_1_worker=round(one.seconds, 3), speedup_vs_1_worker=round(one.seconds / best.seconds, 3))
    if incremental:
        figures.update(incremental_run(raw, work, settings))
    if compare:
        figures.update(compare_engines(raw, work, settings))
    return figures


def incremental_run(raw: Path, work: Path, settings: Settings) -> dict:
    """A cold build with a cache, one article edited, the rebuild → their times and the fraction."""
    cache = work / "cache"
    cold = measure("cold", _build_run, raw, work / "out-inc", settings, cache)
    edited = sorted(raw.iterdir())[len(list(raw.iterdir())) // 2]
    with open(edited, "a", encoding="utf-8") as fh:
        fh.write("\n\nThe spokesman said the figures would be revised next week.\n")
    warm = measure("rebuild", _build_run, raw, work / "out-inc", settings, cache)
    return {"cold_build_seconds": round(cold.seconds, 3), "rebuild_one_changed_seconds": round(warm.seconds, 3),
            "rebuild_fraction": round(warm.seconds / cold.seconds, 3), "rebuild_cached": warm.detail.get("cached"),
            "rebuild_phases": {k: round(v, 3) for k, v in warm.detail.get("timings", {}).items()}}


def compare_engines(raw: Path, work: Path, settings: Settings) -> dict:
    """Build with local/1, local/N and Dask/N workers → their times and whether the Parquet files are byte-identical."""
    n = max(2, settings.workers)
    variants = {
        "local-1": _replace(settings, engine="local", workers=1, scheduler=None),
        f"local-{n}": _replace(settings, engine="local", workers=n, scheduler=None),
        f"dask-{n}": _replace(settings, engine="dask", workers=n),
    }
    outputs, seconds = {}, {}
    for name, variant in variants.items():
        out = work / f"out-{name}"
        seconds[name] = round(measure(name, _build_run, raw, out, variant, None).seconds, 3)
        outputs[name] = {p.name: p.read_bytes() for p in sorted(out.glob("*.parquet"))}
    reference = outputs["local-1"]
    identical = all(o == reference for o in outputs.values()) and bool(reference)
    return {"engines_seconds": seconds, "engines_identical": identical}


# --- the corpus stages alone ------------------------------------------------------------------

CORPUS_STAGE_SIZES = (10_000, 100_000)


def corpus_stages(corpus: Path, work: Path, settings: Settings, sizes: tuple[int, ...], *, sample: int | None = None) -> dict:
    """Corpus and sizes → time and peak RSS of resolve, link, label, validate and metadata (writing streamed within them) alone at each size."""
    raw = work / "raw"
    prepare_corpus(corpus, raw, sample=sample)
    cache = work / "corpus-cache"
    keys = measure("analyse once", _analyse_run, raw, cache, settings).detail["keys"]
    rows = []
    for n in sizes:
        run = measure(f"corpus stages, {n:,} articles", _corpus_run, cache, keys, n, work / f"corpus-out-{n}")
        phases = {k: round(v, 3) for k, v in run.detail["timings"].items()}
        rows.append({"articles": n, "seconds": round(run.seconds, 3), "ms_per_article": round(1000 * run.seconds / n, 3),
                     "peak_rss_mb": round(run.peak_rss_mb, 1), "phases": phases, "claims": run.detail["claims"],
                     "evidence": run.detail["evidence"]})
        shutil.rmtree(work / f"corpus-out-{n}", ignore_errors=True)
    figures = {"articles": [r["articles"] for r in rows], "corpus_stage_seconds": [r["seconds"] for r in rows],
               "peak_rss_mb": [r["peak_rss_mb"] for r in rows], "base_articles": len(keys), "rows": rows}
    if len(rows) > 1:
        figures["ms_per_article_ratio_last_to_first"] = round(rows[-1]["ms_per_article"] / rows[0]["ms_per_article"], 3)
    return figures


class Replicas:
    """Per-article results replicated up to n articles, copy k of an article with the id 'r<k>-<id>' (copy 0 keeps its id)."""

    def __init__(self, bases: list, n: int, preparations: list | None = None):
        self.bases, self.n, self.preparations = bases, n, preparations

    def __len__(self) -> int:
        return self.n

    def __iter__(self):
        from dataclasses import replace

        width = len(str((self.n - 1) // len(self.bases)))
        for i in range(self.n):
            k, base = divmod(i, len(self.bases))
            result = self.bases[base]
            if k:
                result = replace(result, article=replace(result.article, doc_id=f"r{k:0{width}d}-{result.article.doc_id}"))
            yield result

    def heads(self):
        """The replicas in order (what resolve reads: here the whole results, already in memory)."""
        return iter(self)

    def prepared(self, index: int, result):
        """A replica's position → the linker preparation of the article it copies (made once per article, as the build's
        workers make it beside each result)."""
        if self.preparations is None:
            from .cache import prepare

            return prepare(result)
        return self.preparations[index % len(self.bases)]


def _analyse_run(raw: Path, cache: Path, settings: Settings) -> tuple[float, dict]:
    """In a fresh process: analyse the raw folder into the cache → seconds and the articles' cache keys."""
    from ..stages import ingest
    from . import cache as cache_mod
    from . import engine

    started = time.perf_counter()
    articles, _ = ingest.read_corpus(raw)
    cache.mkdir(parents=True, exist_ok=True)
    stored = engine.analyse_into(cache_mod.ResultCache(cache), articles, settings)
    for i, result in enumerate(stored.heads()):  # workers store each preparation; one analysed in this process here
        stored.prepared(i, result)
    return time.perf_counter() - started, {"keys": stored.keys}


def _corpus_run(cache: Path, keys: list[str], n: int, out: Path, row_group_size: int | None = None) -> tuple[float, dict]:
    """In a fresh process: cached results replicated to n articles → seconds of resolve, link, label, validate and
    metadata, as the build runs them: streamed, tables written a row group at a time, validated from the files."""
    from ..publish.metadata import write_metadata
    from ..stages.validate import import_gx, validate_dataset
    from . import cache as cache_mod
    from . import engine, write
    from .build import _Clock, write_tables

    import_gx()  # an import, not work of the corpus stages
    store = cache_mod.ResultCache(cache)
    stored = cache_mod.StoredResults(store, keys)
    bases = list(stored)
    results = Replicas(bases, n, [stored.prepared(i, r) for i, r in enumerate(bases)])
    started = time.perf_counter()
    clock = _Clock()
    out.mkdir(parents=True, exist_ok=True)
    with engine.fewer_collections():  # as the build runs them
        # linked on this one process: the stages' own cost (forked children's pages would count twice in the tree's RSS)
        counts = write_tables(results, out, clock=clock, row_group_size=row_group_size or write.ROW_GROUP_SIZE, workers=1)
        report = validate_dataset(out)
        if not report.success:
            raise PipelineError(str(report))
        clock.lap("validate")
        write_metadata(out)  # card, Croissant, chart, checksums: read back a column at a time, as the build does
        clock.lap("metadata")
    return time.perf_counter() - started, {"timings": clock.laps, "claims": counts["claims"], "evidence": counts["evidence"]}


def format_corpus_stages(f: dict) -> str:
    """Corpus-stage figures → a table: one row per size."""
    names = list(f["rows"][0]["phases"]) if f["rows"] else []
    head = f"{'articles':>10}  {'seconds':>9}  {'ms/article':>10}  {'peak RSS MB':>11}  " + "  ".join(f"{n:>8}" for n in names)
    lines = [f"corpus stages alone, on {f['base_articles']:,} analysed articles replicated", head]
    for r in f["rows"]:
        lines.append(f"{r['articles']:>10,}  {r['seconds']:>9.1f}  {r['ms_per_article']:>10.2f}  {r['peak_rss_mb']:>11,.0f}  "
                     + "  ".join(f"{r['phases'].get(n, 0):>8.1f}" for n in names))
    if "ms_per_article_ratio_last_to_first" in f:
        lines.append(f"time per article, largest ÷ smallest: {f['ms_per_article_ratio_last_to_first']:.2f}")
    return "\n".join(lines)


# --- preparing the corpus ---------------------------------------------------------------


def prepare_corpus(corpus: Path, raw: Path, *, repeat: int = 1, sample: int | None = None) -> int:
    """A corpus folder → a raw folder of its files, sampled and repeated with distinct ids; the number of files written."""
    from ..stages.ingest import article_paths

    corpus = Path(corpus)
    if not corpus.is_dir():
        raise PipelineError(f"benchmark corpus {corpus} not found: pass --corpus DIR (a folder of raw articles)")
    files = list(article_paths(corpus))
    if not files:
        raise PipelineError(f"benchmark corpus {corpus} holds no .txt or .md articles")
    if sample is not None and sample < len(files):
        files = [files[math.floor(i * len(files) / sample)] for i in range(sample)]
    raw.mkdir(parents=True, exist_ok=True)
    width = len(str(repeat - 1))
    for path in files:
        data = path.read_text(encoding="utf-8")
        for k in range(repeat):
            # copy k is 'r<k>-<id>': in doc_id order each copy stays together, so the
            # tasks mix different articles as they do in the original corpus
            doc_id = path.stem if k == 0 else f"r{k:0{width}d}-{path.stem}"
            (raw / f"{doc_id}{path.suffix}").write_text(with_id(data, doc_id), encoding="utf-8")
    return len(files) * repeat


def with_id(text: str, doc_id: str) -> str:
    """A raw article and an id → the same article whose front matter gives that id."""
    if text.startswith("---\n"):
        head, sep, rest = text[4:].partition("\n---")
        if sep:
            head = "\n".join(line for line in head.split("\n") if not re.match(r"id\s*:", line))
            return f"---\nid: {doc_id}\n{head.strip(chr(10))}\n---{rest}".replace("\n\n---", "\n---", 1)
    return f"---\nid: {doc_id}\n---\n{text}"


# --- measured runs (each in a fresh process) ------------------------------------------------


CHILD_EXIT_SECONDS = 30  # how long a run that has reported may take to exit before it is stopped


def measure(name: str, target, *args, env: dict[str, str] | None = None) -> Run:
    """Run target(*args) in a fresh process (with ``env`` added to its environment where not set) → its time (reported
    by the process) and the peak RSS of its process tree."""
    from .engine import worker_environment

    print(f"bench: running {name} …", file=sys.stderr, flush=True)
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, target, args), name=f"bench-{name}")
    with worker_environment(env or {}):
        process.start()
    sender.close()
    peak = _Sampler(process.pid)
    peak.start()
    message = None
    try:
        message = receiver.recv()
    except EOFError:
        pass
    process.join(timeout=CHILD_EXIT_SECONDS)
    if process.is_alive():  # finished and reported, but stuck in interpreter shutdown
        process.terminate()
        process.join()
    peak.stop()
    if message is None or "error" in message:
        reason = message["error"] if message else f"exit code {process.exitcode}"
        raise PipelineError(f"benchmark run {name!r} failed: {reason}")
    print(f"bench: {name} took {message['seconds']:.1f} s, peak RSS {peak.peak_bytes / 2**20:,.0f} MB", file=sys.stderr, flush=True)
    return Run(name, message["seconds"], peak.peak_bytes / 2**20, message.get("detail", {}),
               peak.peak_root / 2**20, peak.peak_child / 2**20)


def _child(sender, target, args) -> None:
    try:
        seconds, detail = target(*args)
        sender.send({"seconds": seconds, "detail": detail})
    except BaseException as err:  # reported to the parent, which raises PipelineError
        sender.send({"error": f"{type(err).__name__}: {err}"})
    finally:
        sender.close()
    # The run is over and reported: leave without multiprocessing's exit handlers, which
    # can block for ever on queues left behind by spaCy's nlp.pipe(n_process=...) workers.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


class _Sampler(threading.Thread):
    """Polls the RSS of a process and all its descendants and keeps the largest sum."""

    def __init__(self, pid: int, interval: float = 0.1):  # a poll costs ~2 ms of CPU
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_bytes, self.peak_root, self.peak_child = pid, interval, 0, 0, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop_event.is_set():
            total = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for p in procs:
                try:
                    rss = p.memory_info().rss
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                total += rss
                if p is root:
                    self.peak_root = max(self.peak_root, rss)
                else:
                    self.peak_child = max(self.peak_child, rss)
            self.peak_bytes = max(self.peak_bytes, total)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def bare_environment(settings: Settings) -> dict[str, str]:
    """The thread settings bare spaCy runs with: those the build's workers get (``engine.WORKER_THREAD_ENV``) when it
    runs more than one process, so the ratio compares the build with the parser under the same conditions; none for
    one process (the build then parses in its own process, whose libraries keep their defaults)."""
    from .engine import WORKER_THREAD_ENV

    return dict(WORKER_THREAD_ENV) if settings.workers > 1 else {}


def _bare_run(raw: Path, settings: Settings) -> tuple[float, dict]:
    """In a fresh process: the texts the build parses → seconds to load the model and run bare nlp.pipe over them."""
    from ..stages import ingest, parse
    from .article import chunks

    articles, _ = ingest.read_corpus(raw)
    texts = [piece for a in articles for _, piece in chunks(a.text, settings.max_chunk_chars)]
    started = time.perf_counter()
    nlp = parse.load_model(settings.model)
    n = sum(1 for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=settings.workers))
    return time.perf_counter() - started, {"texts": n}


def _build_run(raw: Path, out: Path, settings: Settings, cache: Path | None) -> tuple[float, dict]:
    """In a fresh process: the whole build of raw into out → its seconds and summary."""
    from .build import build

    started = time.perf_counter()
    summary = build(raw, out, settings=settings, cache_dir=cache)
    seconds = time.perf_counter() - started
    detail = {k: v for k, v in asdict(summary).items() if k != "rejected"}
    return seconds, detail


def _replace(settings: Settings, **changes) -> Settings:
    from dataclasses import replace

    return replace(settings, **changes)


# --- the report -----------------------------------------------------------------------------


def format_table(f: dict) -> str:
    """Figures → a short plain-text table for the terminal."""
    rows = [
        ("corpus", f"{f['articles']:,} articles, {f['words']:,} words ({f['engine']}, {f['workers']} worker(s))"),
        ("full pipeline", f"{f['seconds']:.1f} s  {f['articles_per_s']:.2f} articles/s  {f['words_per_s']:,.0f} words/s"),
        ("peak RSS (tree)", f"{f['peak_rss_mb']:,.0f} MB (main process {f['peak_rss_main_mb']:,.0f} MB, "
                            f"largest worker {f['peak_rss_worker_mb']:,.0f} MB)"),
    ]
    if f.get("ratio_to_bare_spacy") is not None:
        rows += [
            ("bare nlp.pipe", f"{f['bare_seconds']:.1f} s  {f['bare_words_per_s']:,.0f} words/s  peak {f['bare_peak_rss_mb']:,.0f} MB"),
            ("ratio to bare spaCy", f"{f['ratio_to_bare_spacy']:.3f}"),
        ]
    if f.get("phases"):
        rows.append(("phases (s)", "  ".join(f"{k} {v:.1f}" for k, v in f["phases"].items())))
    if "speedup_vs_1_worker" in f:
        rows.append(("1 worker", f"{f['seconds_1_worker']:.1f} s  speed-up {f['speedup_vs_1_worker']:.2f}×"))
    if "rebuild_fraction" in f:
        rows.append(("rebuild, 1 changed", f"{f['rebuild_one_changed_seconds']:.1f} s of {f['cold_build_seconds']:.1f} s cold "
                                           f"= {f['rebuild_fraction']:.1%}"))
    if "engines_identical" in f:
        times = ", ".join(f"{k} {v:.1f} s" for k, v in f["engines_seconds"].items())
        rows.append(("engines", f"{'byte-identical' if f['engines_identical'] else 'DIFFERENT'} Parquet ({times})"))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)
