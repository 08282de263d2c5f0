"""Inputs: what every reader of user data shares — strict YAML, printable names, one error boundary.

- ``load_yaml``: YAML read with the safe loader made strict: every scalar stays text as
  written (``id: 012`` is ``"012"``, ``published: 2022-13-45`` is the text ``2022-13-45``,
  checked later as a date; only an empty value or ``null``/``~`` is null), a key given
  twice is refused, and any failure (nesting thousands deep included) is a Problem
  naming the file and line.
- ``shown``: a file name as it can be printed on one line: control characters (a
  newline) and bytes that are not UTF-8 are escaped.
- ``boundary``: a context that turns any exception from reading one input into an
  ``InputError`` naming the file, so a user never sees a traceback for bad data.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from .errors import UNPRINTABLE, InputError, PipelineError, Problem, one_line, shown


def printable_name(name: str) -> bool:
    """True when a file name is valid UTF-8 without control characters (it can be stored and printed as it is)."""
    return not UNPRINTABLE.search(name)


class StrictLoader(yaml.SafeLoader):
    """The safe loader with no implicit types but null, and duplicate keys refused."""

    first_line = 1  # the file line the YAML text starts on, for messages

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    if key in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"key {key!r} appears twice (first on line {seen[key] + self.first_line})", key_node.start_mark)
                    seen[key] = key_node.start_mark.line
                except TypeError:  # an unhashable key (a list or mapping as key)
                    raise yaml.constructor.ConstructorError(None, None, "a key must be plain text", key_node.start_mark) from None
        return super().construct_mapping(node, deep=deep)


StrictLoader.add_constructor("tag:yaml.org,2002:null", lambda loader, node: None)
for _tag in ("bool", "int", "float", "timestamp", "binary", "set", "omap", "pairs"):
    # an explicit tag (!!int 5, !!timestamp ...) keeps its text, like the implicit forms
    StrictLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", lambda loader, node: loader.construct_scalar(node)
                                 if isinstance(node, yaml.ScalarNode) else _not_text(node))


def _not_text(node):
    raise yaml.constructor.ConstructorError(None, None, f"unsupported tag {node.tag}", node.start_mark)


def load_yaml(text: str, path: str, *, first_line: int = 1):
    """YAML text → its data (scalars as text, None for null); InputError naming path and line on any failure.
    first_line: the file line the text starts on (front matter starts on line 2)."""
    loader = None
    try:
        loader = StrictLoader(text)  # the reader checks the characters here
        loader.first_line = first_line
        return loader.get_single_data()
    except yaml.reader.ReaderError as err:  # a control character: no mark, a position
        line = text[: err.position].count("\n") + first_line
        char = chr(err.character) if isinstance(err.character, int) else err.character
        raise InputError([Problem(path, f"not valid YAML: character {char!r} is not allowed", f"line {line}")]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        where = f"line {mark.line + first_line}" if mark is not None else None
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError([Problem(path, f"not valid YAML: {reason}", where)]) from None
    except RecursionError:
        raise InputError([Problem(path, "not valid YAML: nested too deeply")]) from None
    finally:
        if loader is not None:
            loader.dispose()


def calendar_date(value: str, *, partial: bool) -> str | None:
    """A date as text → why it is not a calendar date YYYY-MM-DD (with ``partial``: or YYYY-MM, YYYY), or None."""
    forms = "YYYY-MM-DD, YYYY-MM or YYYY" if partial else "YYYY-MM-DD"
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m or (not partial and not m.group(3)):
        return f"{value!r} is not a date as {forms}"
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        dt.date(year, month, day)
    except ValueError as err:
        return f"{value!r} is not a calendar date ({err})"
    return None


@contextlib.contextmanager
def boundary(path: str | Path, what: str = "cannot be read") -> Iterator[None]:
    """Context: any exception but the project's own while reading one input → InputError naming it (and the reason)."""
    try:
        yield
    except PipelineError:
        raise
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except RecursionError:
        raise InputError([Problem(shown(path), f"{what}: nested too deeply")]) from None
    except OSError as err:
        raise InputError([Problem(shown(path), f"{what}: {err.strerror or err}")]) from None
    except Exception as err:  # noqa: BLE001 (the boundary: anything else is a bad input, said in one line)
        raise InputError([Problem(shown(path), f"{what}: {type(err).__name__}: {one_line(str(err))}")]) from None
