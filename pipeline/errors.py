"""Errors a user can act on: each names the file, the field or line, and the reason."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

# Characters that would break a one-line message: controls (a newline in a file name),
# line separators, and the lone surrogates that stand for bytes that were not UTF-8.
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def shown(text: str | os.PathLike) -> str:
    """A path or message → text safe to print on one line and to store as UTF-8: controls escaped
    (``\\n``), bytes that were not UTF-8 as ``\\xff``."""
    text = os.fspath(text)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    return UNPRINTABLE.sub(_escape, text)


def one_line(text, limit: int = 300) -> str:
    """Any message (an exception's text) → one printable line of at most limit characters."""
    flat = shown(" ".join(str(text).split()))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _escape(m: re.Match) -> str:
    code = ord(m.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's surrogateescape for one undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return m.group(0).encode("unicode_escape").decode("ascii")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input file."""

    path: str
    reason: str
    where: str | None = None  # "line 3", "field 'published'"

    def __str__(self) -> str:
        where = f" ({shown(self.where)})" if self.where else ""
        return f"{shown(self.path)}{where}: {shown(self.reason)}"


class PipelineError(Exception):
    """An error to report to the user without a traceback."""


class InputError(PipelineError):
    """One or more input files are invalid."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} invalid input file(s):\n{lines}")


class ValidationError(PipelineError):
    """The built tables break one or more expectations."""

    def __init__(self, report: str):
        self.report = report
        super().__init__(report)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM during a build, with where it stopped ('during link, 41 s in'), for the one-line message."""

    def __init__(self, where: str):
        super().__init__(where)
        self.where = where
