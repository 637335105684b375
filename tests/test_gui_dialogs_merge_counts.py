"""Merge counts say what kind of record changed, each count a plural: 'Merged 1 export.', '3 activities added'."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.l10n import use_language as in_language
from habitat_desktop.services import activity_editing, workspaces
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main import Shell
from habitat_desktop.ui.main_window import DISCARD
from habitat_desktop.ui.merge_wizard import merge_counts_text
from tests.journey_support import Modals, back_to, button, click, close_dialog, merge_wizard_with, use_language
from tests.merge_support import add_activity, edit_activity, export, office_workspace

pytestmark = pytest.mark.gui


def _tables(**given: dict[str, int]) -> dict[str, dict[str, int]]:
    kinds = ("added", "updated", "unchanged", "deleted", "conflicts")
    return {table: {kind: counts.get(kind, 0) for kind in kinds} for table, counts in given.items()}


def test_each_kind_of_record_and_change_takes_its_own_plural_in_every_language() -> None:
    two = _tables(activity={"added": 3, "updated": 1}, funding={"added": 2})
    assert merge_counts_text(two, preview=True) == (
        "If you merge: 3 activities added, 1 activity changed; 2 funding records added."
    )
    assert merge_counts_text(_tables(activity={"added": 1, "conflicts": 1}), preview=False) == (
        "Changes: 1 activity added, 1 activity in conflict."
    )
    assert merge_counts_text(_tables(activity={"unchanged": 5}), preview=False) == "Nothing changed."
    assert merge_counts_text({}, preview=True) == "Merging would change nothing."
    with in_language("ru"):
        forms = {n: merge_counts_text(_tables(activity={"updated": n}), preview=False) for n in (1, 3, 5)}
        assert "мероприятие" in forms[1] and "мероприятия" in forms[3] and "мероприятий" in forms[5]
    with in_language("ar"):
        forms = {n: merge_counts_text(_tables(activity={"added": n}), preview=False) for n in (1, 2, 3, 11)}
        assert "نشاط واحد" in forms[1] and "نشاطين" in forms[2] and "أنشطة" in forms[3] and "نشاطًا" in forms[11]
    for language in LANGUAGES:
        with in_language(language):
            said = {
                merge_counts_text(_tables(activity={"added": n}, funding={"added": n}), preview=True) for n in (1, 2, 5)
            }
            assert len(said) >= 2


def _kenya_with_funding(path: Path) -> Path:
    """Kenya's workspace: three activities, one of them with two funding lines."""
    office_workspace(path, "KEN")
    add_activity(path, "Land tenure")
    add_activity(path, "Slum upgrading")
    workspace = workspaces.open_workspace(path)
    try:
        values = {**activity_editing.empty_values("KEN", "en"), "title": "Urban planning", "resolutions": ["2/7"]}
        lines = [
            activity_editing.FundingEntry(Decimal("25000"), "USD", "core", "pledged"),
            activity_editing.FundingEntry(Decimal("10000"), "USD", "core", "received"),
        ]
        activity_editing.save_activity(workspace, None, {**values, "outcomes": [1]}, lines)
    finally:
        workspace.close()
    return path


PREVIEWS = {
    "en": "Preview: nothing has changed yet. If you merge: 3 activities added; 2 funding records added; "
    "1 office record added.",
    "ar": "معاينة: لم يتغيّر شيء بعد. عند الدمج: إضافة 3 أنشطة؛ إضافة سجلَّي تمويل؛ إضافة سجل مكتب واحد.",
}
MERGED = {
    "en": "Merged 1 export. Changes: 1 activity added, 1 activity changed.",
    "ar": "دُمج ملف تصدير واحد. التغييرات: إضافة نشاط واحد، تغيير نشاط واحد.",
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_wizard_counts_activities_and_funding_apart(language, qapp, qtbot, tmp_path: Path) -> None:
    ken = _kenya_with_funding(tmp_path / "ken.habitat")
    first = export(ken, tmp_path / "ken.habx")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    use_language(qapp, language)
    try:
        window = shell.show_workspace(open_workspace(roaf))
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: qapp.activeWindow() is window)

        def merge(file: Path, *, trust: bool) -> str:
            """File ▸ Merge exports (Ctrl+Shift+M), Add files…, Preview (trusting Kenya), Merge; the preview's words."""
            wizard = merge_wizard_with(qtbot, qapp, window, file)
            if trust:
                modals = Modals(qtbot).expect(lambda box: click(qtbot, button(box, QMessageBox.StandardButton.Yes)))
            click(qtbot, wizard.preview_button)
            if trust:
                modals.done()
            qtbot.waitUntil(wizard.apply_button.isEnabled, timeout=20000)
            previewed = wizard.status.text()
            total = wizard.summary.item(wizard.summary.rowCount() - 1, 2).text()
            assert total in previewed
            click(qtbot, wizard.apply_button)
            qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=20000)
            close_dialog(qtbot, wizard)
            back_to(qtbot, qapp, window)
            return previewed

        assert merge(first, trust=True) == PREVIEWS[language]

        # Kenya adds an activity and renames another: the next export adds one and changes one, nothing else.
        add_activity(ken, "Housing finance")
        merge(_renamed_and_exported(ken, tmp_path / "ken2.habx"), trust=False)
        assert window.statusBar().currentMessage() == MERGED[language]
    finally:
        if shell.window is not None:
            shell.window.ask_unsaved = lambda: DISCARD
            shell.window.close()
        use_language(qapp, "en")


def _renamed_and_exported(ken: Path, out: Path) -> Path:
    import sqlite3

    connection = sqlite3.connect(ken)
    try:
        (first,) = connection.execute("SELECT id FROM activity WHERE title = 'Land tenure'").fetchone()
    finally:
        connection.close()
    edit_activity(ken, first, title="Land tenure and property rights")
    return export(ken, out)
