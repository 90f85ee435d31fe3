"""Imports run only downward, service -> workers -> config -> extractors -> schemas, and
no module imports itself back through others (checked on the source, with ast)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("schemas", "extractors", "config", "workers", "service")  # lowest first


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in LAYERS:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module `name` refers to (a submodule, else its package), or None."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> Iterator[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module if is_package else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}".rstrip(".")
        names = [f"{base}.{alias.name}" for alias in node.names] or [base]
    for name in names:
        target = _resolve(name)
        if target is not None:
            yield target


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, top_level_only: bool) -> set[str]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    nodes: list[ast.AST] = []
    if top_level_only:  # what runs when the module is imported
        stack: list[ast.stmt] = list(tree.body)
        while stack:
            stmt = stack.pop()
            nodes.append(stmt)
            if isinstance(stmt, ast.If) and not _type_checking(stmt):
                stack += stmt.body + stmt.orelse
            elif isinstance(stmt, ast.Try):
                stack += stmt.body + stmt.orelse + stmt.finalbody
                stack += [s for handler in stmt.handlers for s in handler.body]
    else:
        nodes = list(ast.walk(tree))
    return {
        target
        for node in nodes
        if isinstance(node, ast.Import | ast.ImportFrom)
        for target in _targets(node, module, is_package)
        if target != module
    }


def _layer(module: str) -> int:
    return LAYERS.index(module.partition(".")[0])


def test_no_module_imports_a_layer_above_it() -> None:
    upward = sorted(
        f"{module} imports {target}"
        for module in MODULES
        for target in _imports(module, top_level_only=False)
        if _layer(target) > _layer(module)
    )
    assert upward == []


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph`, as the modules along it, or None (depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def test_no_import_cycle() -> None:
    graph = {module: _imports(module, top_level_only=True) for module in MODULES}
    assert _cycle(graph) is None


def test_the_checks_see_an_upward_import_and_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
    assert "config" in _imports("workers.steps", top_level_only=True)
    assert _layer("service.app") > _layer("workers.steps") > _layer("config")


def _runs_at_import(tree: ast.Module) -> Iterator[ast.AST]:
    """Nodes evaluated when the module is imported: not function bodies (decorators and
    defaults are), everything else, class bodies included."""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            stack += node.decorator_list if not isinstance(node, ast.Lambda) else []
            stack += [d for d in [*node.args.defaults, *node.args.kw_defaults] if d]
            continue
        yield node
        stack += list(ast.iter_child_nodes(node))


def _reads_environment(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "from_env"):
        return True
    return isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("Settings", "getenv")


def test_settings_are_not_read_at_import() -> None:
    readers = sorted(
        module
        for module, path in MODULES.items()
        if module.partition(".")[0] in ("extractors", "config", "workers", "service")
        # alembic runs env.py as a script, to migrate: reading DATABASE_URL is its job.
        and not module.startswith("workers.migrations")
        for node in _runs_at_import(ast.parse(path.read_text(encoding="utf-8")))
        if _reads_environment(node)
    )
    assert readers == []
    probe = ast.parse("import os\nLIMIT = os.environ.get('A')\ndef f() -> None:\n    os.environ")
    assert sum(_reads_environment(node) for node in _runs_at_import(probe)) == 1
