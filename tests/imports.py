"""The package's import graph, read from the source (imports inside functions included)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"


def module_names() -> dict[str, Path]:
    """Every module of the package → its file ('stages.extract', 'cli', 'run' for run/__init__.py)."""
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """A module's source → the package modules it imports (relative or absolute, anywhere in it)."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if name else []
    package = here if is_package else here[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            elif node.module and (node.module == "pipeline" or node.module.startswith("pipeline.")):
                base = []
                node_module = node.module.removeprefix("pipeline").lstrip(".")
                target = node_module.split(".") if node_module else []
                _add(found, base + target, node.names, known)
                continue
            else:
                continue
            target = base + (node.module.split(".") if node.module else [])
            _add(found, target, node.names, known)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("pipeline."):
                    found.add(alias.name.removeprefix("pipeline."))
    found.discard(name)
    return found


def _add(found: set[str], target: list[str], names, known: set[str]) -> None:
    module = ".".join(target)
    for alias in names:
        sub = f"{module}.{alias.name}" if module else alias.name
        if sub in known:
            found.add(sub)  # "from . import extract": the submodule itself
        else:
            found.add(module)  # "from .extract import X" or a name of a package's __init__


def graph() -> dict[str, set[str]]:
    """Module → the package modules it imports."""
    names = module_names()
    known = set(names)
    return {name: imports_of(name, path, known) for name, path in names.items()}


def closure(roots, edges: dict[str, set[str]]) -> set[str]:
    """Modules → them and everything they import, transitively."""
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(edges.get(name, ()))
    return seen
