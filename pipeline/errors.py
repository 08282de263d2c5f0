"""Errors a user can act on: each names the file, the field or line, and the reason."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input file."""

    path: str
    reason: str
    where: str | None = None  # "line 3", "field 'published'"

    def __str__(self) -> str:
        where = f" ({self.where})" if self.where else ""
        return f"{self.path}{where}: {self.reason}"


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
