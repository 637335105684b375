"""The architecture holds: Qt only in ui/, a standalone domain, fronts that reach data only through services."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken" in result.stdout
    assert "Layers: l10n, domain, storage, exchange and reports, services, ui and cli KEPT" in result.stdout


def test_core_runs_without_qt() -> None:
    """Importing every non-GUI package and running the CLI's parser loads no Qt module."""
    code = (
        "import sys\n"
        "import habitat_desktop.cli, habitat_desktop.services.demo, habitat_desktop.services.backups\n"
        "import habitat_desktop.exchange.activity_files, habitat_desktop.l10n.formatting\n"
        "habitat_desktop.cli.build_parser()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
