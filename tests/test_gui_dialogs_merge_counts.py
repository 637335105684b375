"""Merge counts read as sentences with the right plural: 'Merged 1 export.', 'Merging would add 1 record.'"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication, QEvent, Qt

from habitat_desktop.l10n import LANGUAGES, use_language
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from habitat_desktop.ui.merge_wizard import merge_counts_text
from tests.gui_driving import click_button, when_modal
from tests.merge_support import add_activity, export, office_workspace

pytestmark = pytest.mark.gui


def _counts(**given: int) -> dict[str, int]:
    return {"added": 0, "updated": 0, "unchanged": 0, "deleted": 0, "conflicts": 0, **given}


def test_each_count_takes_its_own_plural_in_every_language() -> None:
    assert merge_counts_text(_counts(added=1), preview=True) == "Merging would add 1 record."
    assert merge_counts_text(_counts(added=2, conflicts=1), preview=False) == (
        "Added 2 records. Left 1 record in conflict for review."
    )
    assert merge_counts_text(_counts(unchanged=5), preview=False) == "Nothing changed."
    with use_language("ru"):
        forms = {n: merge_counts_text(_counts(updated=n), preview=False) for n in (1, 3, 5)}
        assert "запись" in forms[1] and "записи" in forms[3] and "записей" in forms[5]
    with use_language("ar"):
        forms = {n: merge_counts_text(_counts(added=n), preview=False) for n in (1, 2, 3, 11)}
        assert "واحد" in forms[1] and "سجلان" in forms[2] and "سجلات" in forms[3] and "سجلاً" in forms[11]
    for language in LANGUAGES:
        with use_language(language):
            assert len({merge_counts_text(_counts(added=n), preview=True) for n in (1, 2, 5)}) >= 2


def test_the_wizard_says_what_a_merge_of_one_export_would_do_and_did(qtbot, tmp_path: Path) -> None:
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    add_activity(ken, "Land tenure")
    add_activity(ken, "Slum upgrading")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    window = MainWindow(open_workspace(roaf))
    window.ask_unsaved = lambda: DISCARD
    window.show()
    try:
        wizard = window.exchange.open_merge_wizard([str(export(ken, tmp_path / "ken.habx"))])  # as dropped
        when_modal(lambda box: click_button(box, "Yes"))  # trust Kenya's key
        qtbot.mouseClick(wizard.preview_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(wizard.apply_button.isEnabled, timeout=15000)
        added = wizard.summary.item(wizard.summary.rowCount() - 1, 2).text()
        assert wizard.status.text() == f"Preview: nothing has changed yet. Merging would add {added} records."

        qtbot.mouseClick(wizard.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=15000)
        assert window.statusBar().currentMessage() == f"Merged 1 export. Added {added} records."
    finally:
        if window.exchange.wizard is not None:
            window.exchange.wizard.tasks.wait()
            window.exchange.wizard.close()
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
