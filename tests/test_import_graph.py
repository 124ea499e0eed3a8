"""The helper package's import graph, read statically with ast: no import cycle between its modules, and
no import inside a function except the few optional or platform-bound dependencies listed below (each
with why it is imported late). An import in a function hides a dependency from the reader and from this
graph; a cycle is fixed by moving code, not by importing late."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "helper"

# (importing module, imported module): why it is imported inside a function.
LATE_IMPORTS = {
    ("helper.desktop", "webview"): "pywebview is the optional `desktop` extra: servers without a display have none",
    ("helper.photos.worker", "resource"): "POSIX only: Windows has no resource module (the ImportError is caught)",
    ("helper.rules.loader", "jsonschema"): "buildtools/extension.py runs load_bundle with the system Python before "
                                           "the .venv exists: only a district profile needs jsonschema",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(node: ast.AST, name: str, is_package: bool, known: set[str]) -> list[str]:
    """The modules an import statement loads, absolute (a name imported from a package may be a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = name.split(".") if is_package else name.split(".")[:-1]
        base = base[:len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    submodules = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in known]
    # `from . import links` loads the submodule; the package itself only when a name is not a submodule.
    return submodules + ([target] if len(submodules) < len(node.names) else [])


def imports_of(name: str, path: Path, known: set[str]):
    """(imported module, line, inside a function?) for every import statement of one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"

    def walk(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for target in imported_modules(child, name, is_package, known):
                    yield target, child.lineno, in_function
            else:
                yield from walk(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                         ast.Lambda)))
    yield from walk(tree, False)


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    edges: dict[str, set[str]] = {name: set() for name in found}
    for name, path in found.items():
        for target, _line, _late in imports_of(name, path, known):
            if target in known and target != name:
                edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm, iteratively)."""
    index, low, on_stack, stack, out, counter = {}, {}, set(), [], [], [0]
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_of_the_helper_imports_itself_back_through_others():
    assert cycles(graph()) == []


def test_imports_are_at_module_top_but_for_the_listed_late_ones():
    found = modules()
    known = set(found)
    late = []
    for name, path in found.items():
        for target, line, in_function in imports_of(name, path, known):
            if in_function and (name, target) not in LATE_IMPORTS:
                late.append(f"{path.relative_to(ROOT)}:{line}: {target}")
    assert late == [], "move these imports to the module's top (or list them with a reason):\n" + "\n".join(late)


def test_every_listed_late_import_is_still_there():
    found = modules()
    known = set(found)
    seen = {(name, target) for name, path in found.items()
            for target, _line, in_function in imports_of(name, path, known) if in_function}
    assert set(LATE_IMPORTS) <= seen, set(LATE_IMPORTS) - seen
