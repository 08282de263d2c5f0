"""Inputs: strict YAML, calendar dates, printable names and the error boundary shared by every reader of user data."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError, Problem, one_line, shown
from pipeline.inputs import boundary, calendar_date, load_yaml


@pytest.mark.parametrize(("text", "expected"), [
    ("id: 012", {"id": "012"}),  # not octal 10
    ("published: 2022-01-05", {"published": "2022-01-05"}),  # not a date object
    ("published: 2022-13-45", {"published": "2022-13-45"}),  # checked later, never a ValueError here
    ("title: yes\nurl: 1.10", {"title": "yes", "url": "1.10"}),
    ("a:\nb: null\nc: ~", {"a": None, "b": None, "c": None}),
    ("a: 'null'", {"a": "null"}),
    ("x: !!int 5", {"x": "5"}),
    ("- a\n- b", ["a", "b"]),
])
def test_scalars_stay_text_as_written(text, expected):
    assert load_yaml(text, "f.yaml") == expected


@pytest.mark.parametrize(("text", "where", "reason"), [
    ("title: a\ntitle: b", "line 3", "key 'title' appears twice (first on line 2)"),
    ("[" * 5000, None, "nested too deeply"),
    ("a: [b", "line 2", "expected ',' or ']'"),
    ("a: !!python/object:os.system x", "line 2", "could not determine a constructor"),
    ("? [a]\n: b", "line 2", "a key must be plain text"),
    ("a: \x07", "line 2", "character '\\x07' is not allowed"),
])
def test_bad_yaml_is_a_problem_naming_file_and_line(text, where, reason):
    with pytest.raises(InputError) as err:
        load_yaml(text, "f.md", first_line=2)
    problem = err.value.problems[0]
    assert problem.path == "f.md" and problem.where == where and reason in problem.reason


@pytest.mark.parametrize(("value", "partial", "ok"), [
    ("2022-01-18", False, True), ("2022", True, True), ("2022-07", True, True), ("2024-02-29", False, True),
    ("2022", False, False), ("2022-13-45", True, False), ("2022-02-30", True, False), ("2023-02-29", False, False),
    ("0000", True, False), ("2022-1-5", True, False), ("last week", True, False), ("2022-01-18T10:00", True, False),
])
def test_calendar_dates(value, partial, ok):
    assert (calendar_date(value, partial=partial) is None) is ok


@pytest.mark.parametrize(("name", "expected"), [
    ("plain.txt", "plain.txt"), ("new\nline.txt", "new\\nline.txt"), ("tab\t.txt", "tab\\t.txt"),
    ("bad\udcff.txt", "bad\\xff.txt"), ("sep\u2028.txt", "sep\\u2028.txt"), ("caf\u00e9.txt", "caf\u00e9.txt"),
])
def test_names_are_shown_on_one_line(name, expected):
    assert shown(name) == expected
    assert str(Problem(name, "why")) == f"{expected}: why"


def test_boundary_turns_any_exception_into_a_problem_of_the_file():
    with pytest.raises(InputError) as err, boundary("x\n.csv"):
        raise KeyError("boom\nagain")
    assert str(err.value.problems[0]) == "x\\n.csv: cannot be read: KeyError: 'boom\\nagain'"
    with pytest.raises(KeyboardInterrupt), boundary("x.csv"):
        raise KeyboardInterrupt


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.binary(max_size=300))
def test_any_bytes_as_yaml_are_data_or_a_problem(data):
    text = data.decode("utf-8", "replace")
    try:
        load_yaml(text, "any.yaml")
    except InputError as err:
        assert all(p.path == "any.yaml" for p in err.problems)
        assert "\n" not in str(err.problems[0])


def test_one_line_flattens_and_bounds_messages():
    assert one_line("a\nb\tc  d") == "a b c d"
    assert len(one_line("x" * 1000, 50)) == 50
