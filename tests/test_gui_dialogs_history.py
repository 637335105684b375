"""Edit ▸ History tells each change as a sentence in the window's language, funding lines included."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from habitat_desktop.domain.enums import ActivityStatus
from habitat_desktop.l10n.formatting import format_money
from habitat_desktop.services import activity_editing
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.bidi import isolate
from habitat_desktop.ui.main import apply_language
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.gui_driving import click_button, type_text, when_modal

pytestmark = pytest.mark.gui


@pytest.fixture(params=["en", "ar"])
def window(request, demo_path: Path, qapp) -> Iterator[MainWindow]:
    """The demo workspace, whose newest activity was just added (planned) with one funding line."""
    workspace = open_workspace(demo_path)
    values = {
        **activity_editing.empty_values(workspace.office, "en"),
        "title": "Water kiosks for Kisumu",
        "status": "planned",
        "resolutions": ["2/7"],
        "outcomes": [1],
    }
    funding = [activity_editing.FundingEntry(Decimal("25000"), "USD", "core", "pledged")]
    activity_editing.save_activity(workspace, None, values, funding)
    workspace.close()
    apply_language(qapp, request.param)
    win = MainWindow(open_workspace(demo_path))
    win.ask_unsaved = lambda: DISCARD
    win.show()
    yield win
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    apply_language(qapp, "en")


def _sentences_after_setting_the_status_to_ongoing(window: MainWindow, qtbot) -> tuple[list[str], list[str]]:
    index = window.model.index(0, 0)
    QTest.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=window.table.visualRect(index).center())
    assert window.editor.title.text() == "Water kiosks for Kisumu"
    window.editor.tabs.setCurrentIndex(0)
    window.editor.status.setFocus()
    type_text(window.editor.status, ActivityStatus.ONGOING.label())  # typing a choice's name picks it
    assert window.editor.status.currentData() == "ongoing"
    window.menu_actions.save.trigger()  # File ▸ Save activity

    read: dict[str, list[str]] = {}

    def read_history(history: QWidget) -> None:
        table = history.table  # type: ignore[attr-defined]
        read["shown"] = [table.item(row, 3).text() for row in range(table.rowCount())]
        read["tips"] = [table.item(row, 3).toolTip() for row in range(table.rowCount())]
        read["summary"] = [history.summary.text()]  # type: ignore[attr-defined]
        click_button(history, _close_text(history))

    seen = when_modal(read_history)
    window.menu_actions.history.trigger()  # Edit ▸ History…
    assert len(seen) == 1
    return read["shown"], read["tips"]


def _close_text(dialog: QWidget) -> str:
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Close).text().replace("&", "")


def test_history_reads_as_sentences_with_translated_values(window: MainWindow, qtbot) -> None:
    shown, tips = _sentences_after_setting_the_status_to_ongoing(window, qtbot)
    planned, ongoing = isolate(ActivityStatus.PLANNED.label()), isolate(ActivityStatus.ONGOING.label())
    status_line = next(line for line in shown if planned in line and ongoing in line)
    assert status_line.index(planned) < status_line.index(ongoing)  # old first, in reading order, each isolated
    money = isolate(format_money(Decimal("25000"), "USD"))
    funding_line = next(line for line in shown if money.strip("\u2068\u2069") in line)
    words = " ".join(shown)
    for code in ("planned", "ongoing", "core", "pledged", "None", "→"):
        assert code not in words  # codes and arrows are not what a person reads
    if window.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        assert "«الحالة»" in status_line and "تمويل" in funding_line and "دولار أمريكي" in funding_line
    else:
        assert status_line == f"Status changed from {planned} to {ongoing}."
        assert funding_line.startswith("Funding line added:") and "Core resources" in funding_line
    assert shown == tips  # short values: the tooltip says the same
