"""No signal is connected straight to a slot with optional parameters: Qt would fill them with its own arguments.

QAction.triggered passes ``checked=False`` and QAbstractButton.clicked passes ``checked``; a slot such as
``export_workspace(target=None)`` then receives False and silently does nothing (File ▸ Export for coordinator did).
"""

from __future__ import annotations

import ast
from pathlib import Path

import habitat_desktop.ui

UI = Path(habitat_desktop.ui.__file__).parent


def _methods_with_optional_parameters(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (node.args.defaults or node.args.kw_defaults):
            names.add(node.name)
    return names


def _risky_connections(source: str) -> list[str]:
    tree = ast.parse(source)
    optional = _methods_with_optional_parameters(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "connect"
            and node.args
            and isinstance(node.args[0], ast.Attribute)
            and node.args[0].attr in optional
        ):
            found.append(f"line {node.lineno}: .connect({ast.unparse(node.args[0])})")
    return found


def test_the_check_finds_the_export_bug() -> None:
    source = (
        "class Menu:\n"
        "    def __init__(self):\n"
        "        self.export.triggered.connect(self.export_workspace)\n"
        "    def export_workspace(self, target=None):\n"
        "        pass\n"
    )
    assert _risky_connections(source) == ["line 3: .connect(self.export_workspace)"]


def test_no_slot_with_optional_parameters_is_connected_directly() -> None:
    problems = {
        path.name: found for path in sorted(UI.glob("*.py")) if (found := _risky_connections(path.read_text("utf-8")))
    }
    assert problems == {}
