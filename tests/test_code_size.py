"""Small modules and short functions in the helper package: no module over MAX_MODULE_LINES lines and no
function over MAX_FUNCTION_LINES, unless its docstring says why in a line starting "Long because:"."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "helper"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
REASON = "Long because:"


def explains_its_length(node: ast.AST) -> bool:
    doc = ast.get_docstring(node) or ""
    return any(line.strip().startswith(REASON) for line in doc.splitlines())


def sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, path.read_text(encoding="utf-8")


def test_no_module_is_over_the_limit():
    long = []
    for path, text in sources():
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES and not explains_its_length(ast.parse(text)):
            long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert long == [], f"split these modules (at most {MAX_MODULE_LINES} lines):\n" + "\n".join(long)


def test_no_function_is_over_the_limit():
    long = []
    for path, text in sources():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                lines = node.end_lineno - first + 1
                if lines > MAX_FUNCTION_LINES and not explains_its_length(node):
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {lines} lines")
    assert long == [], f"split these functions (at most {MAX_FUNCTION_LINES} lines):\n" + "\n".join(long)


def test_a_reason_is_read_from_the_docstring_only():
    tree = ast.parse('def f():\n    """Does f.\n\n    Long because: one table."""\n\n\ndef g():\n    pass  # Long because: no\n')
    assert [explains_its_length(n) for n in tree.body] == [True, False]
