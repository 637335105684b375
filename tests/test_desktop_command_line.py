"""`habitat-desktop --help` and its usage errors speak the person's language (LANG or --lang), argparse's words too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

ROOT = Path(__file__).resolve().parent.parent


def _desktop(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value for key, value in os.environ.items() if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
    }
    environment.update(LANG=lang, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "habitat_desktop.ui.main", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ar_EG.UTF-8", ["الاستخدام: habitat-desktop", "عرض رسالة المساعدة هذه والخروج", "افتح نافذة"]),
        (
            "fr_FR.UTF-8",
            ["utilisation\u202f: habitat-desktop", "afficher ce message d’aide et quitter", "Ouvrir la fenêtre"],
        ),
    ],
)
def test_help_is_in_the_language_of_the_environment(lang: str, words: list[str]) -> None:
    shown = _desktop("--help", lang=lang)
    assert shown.returncode == 0, shown.stderr
    for word in words:
        assert word in shown.stdout
    assert "usage:" not in shown.stdout and "show this help message" not in shown.stdout


def test_lang_chooses_the_language_of_help_and_of_usage_errors() -> None:
    shown = _desktop("--lang", "fr", "--help", lang="C.UTF-8")
    assert "utilisation\u202f: habitat-desktop" in shown.stdout and "Ouvrir la fenêtre" in shown.stdout
    refused = _desktop("--lang=ar", "--no-such-option", lang="en_GB.UTF-8")
    assert refused.returncode == 2
    assert "الاستخدام:" in refused.stderr and "Traceback" not in refused.stderr
