"""The checks are one list: `make lint`, the pre-commit hooks and CI run the same commands, lint before tests."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _make_lint_commands() -> list[str]:
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text("utf-8"), re.M)
    assert recipe is not None
    return [line.strip().replace("$(BIN)/", ".venv/bin/") for line in recipe.group(1).splitlines()]


def _pre_commit_commands() -> list[str]:
    text = (ROOT / ".pre-commit-config.yaml").read_text("utf-8")
    return [entry.strip() for entry in re.findall(r"^\s+entry:\s*(.+)$", text, re.M)]


def test_make_lint_runs_ruff_check_ruff_format_mypy_and_lint_imports() -> None:
    tools = [" ".join(command.split()[:2]) for command in _make_lint_commands()]
    assert tools == [
        ".venv/bin/ruff check",
        ".venv/bin/ruff format",
        ".venv/bin/mypy",
        ".venv/bin/lint-imports",
    ]
    assert "--check" in _make_lint_commands()[1]


def test_pre_commit_runs_the_same_checks_as_make_lint() -> None:
    assert _pre_commit_commands() == _make_lint_commands()


def test_ci_runs_the_checks_before_the_tests() -> None:
    steps = [line.split("#")[0].strip() for line in (ROOT / ".ci" / "run").read_text("utf-8").splitlines()]
    assert "make lint" in steps and "make test" in steps
    assert steps.index("make lint") < steps.index("make test")
