"""The package's shape: no import cycle, no long function, a short top level."""
from __future__ import annotations

import ast

import imports

MAX_FUNCTION_LINES = 80
MAX_TOP_LEVEL_MODULES = 16


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """An import graph → its cycles, each as the modules on it (a depth-first search, one cycle per back edge)."""
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_cycle_finder_finds_a_cycle_through_a_function_level_import():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_among_the_package_modules():
    assert cycles(imports.graph()) == []


def long_functions(path, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """A module file → 'name (N lines)' for each function or method longer than limit."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > limit]


def test_long_function_finder_counts_lines(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("def f():\n" + "    x = 1\n" * 80 + "\ndef g():\n    pass\n")
    assert long_functions(path) == ["f (81 lines)"]


def test_no_function_longer_than_80_lines():
    long = {name: found for name, path in imports.module_names().items() if (found := long_functions(path))}
    assert long == {}


def test_at_most_16_modules_directly_in_the_package():
    top = sorted(p.name for p in imports.PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top
