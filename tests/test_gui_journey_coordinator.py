"""A regional coordinator's work in the window, in English and Arabic, driven only as a person drives it.

Merge two offices' exports through the wizard (add files, trust, preview, apply) → edit a merged activity of another
office → settle the title conflict in File ▸ Conflicts while the form holds an unsaved edit → save that unrelated
field: the settled title and the owning office survive → a title changed by another program while the form edits it
is offered side by side and the person's choice is what is stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from habitat_desktop.services import conflicts
from habitat_desktop.services.activity_editing import load_activity
from habitat_desktop.services.history import activity_history
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main import Shell
from habitat_desktop.ui.main_window import DISCARD
from tests.journey_support import (
    CTRL,
    Modals,
    back_to,
    button,
    choose_file,
    click,
    click_row,
    close_dialog,
    type_into,
    use_language,
)
from tests.merge_support import add_activity, edit_activity, export, office_workspace, sync

pytestmark = pytest.mark.gui


@pytest.fixture
def region(qapp, tmp_path: Path):
    """Kenya created an activity, Uganda received it, and both changed its title differently."""
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    uga = office_workspace(tmp_path / "uga.habitat", "UGA", "UG")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    shared = add_activity(ken, "Land tenure")
    sync(ken, uga, tmp_path, "k0")
    edit_activity(ken, shared, title="Land tenure (Kenya)")
    edit_activity(uga, shared, title="Land tenure (Uganda)")
    files = [export(ken, tmp_path / "ken.habx"), export(uga, tmp_path / "uga.habx")]
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    yield shell, roaf, files, shared
    if shell.window is not None:
        shell.window.ask_unsaved = lambda: DISCARD
        shell.window.close()
    use_language(qapp, "en")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_coordinator_merges_settles_a_conflict_and_no_save_undoes_it(language, region, qapp, qtbot) -> None:
    shell, roaf, files, shared = region
    use_language(qapp, language)
    window = shell.show_workspace(open_workspace(roaf))
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is window)
    editor = window.editor

    # File ▸ Merge exports (Ctrl+Shift+M): add the two files, trust their signers, preview, merge.
    qtbot.keyClick(window, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    wizard = window.exchange.wizard
    assert wizard is not None
    qtbot.waitExposed(wizard)
    for file in files:  # Add files…, one at a time
        modals = Modals(qtbot).expect(lambda dialog, file=file: choose_file(qtbot, dialog, file))
        click(qtbot, wizard.add_button)
        modals.done()
    assert wizard.files.count() == 2
    asked: list[str] = []

    def trust(box) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)  # Enter does not trust
        click(qtbot, box.checkBox())  # Uganda passes on a change to Kenya's record: trusted as a coordinator
        click(qtbot, button(box, QMessageBox.StandardButton.Yes))

    modals = Modals(qtbot).expect(trust)
    click(qtbot, wizard.preview_button)
    modals.done()
    assert "KEN" in asked[0] and "UGA" in asked[0]
    qtbot.waitUntil(wizard.apply_button.isEnabled, timeout=20000)
    click(qtbot, wizard.apply_button)
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=20000)
    close_dialog(qtbot, wizard)
    back_to(qtbot, qapp, window)
    assert len(conflicts.list_conflicts(roaf)) == 1

    # The merged activity of Kenya, edited here: its office stays Kenya's.
    qtbot.waitUntil(lambda: window.model.row_of(shared) >= 0)
    click_row(qtbot, window.table, window.model.row_of(shared))
    qtbot.waitUntil(lambda: editor.activity_id() == shared)
    shown_title = editor.title.text()
    assert shown_title in ("Land tenure (Kenya)", "Land tenure (Uganda)")
    type_into(qtbot, editor.description, "Reviewed by the regional office.")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: load_activity(window.workspace, shared).values["description"] != "")
    saved = load_activity(window.workspace, shared)
    assert saved.values["office"] == "KEN" and saved.created_by == "KEN"

    # An unsaved edit of City, then the conflict settled in File ▸ Conflicts: the form says it changed meanwhile.
    type_into(qtbot, editor.city, "Kampala")
    other = "Land tenure (Uganda)" if shown_title == "Land tenure (Kenya)" else "Land tenure (Kenya)"
    window.exchange.conflicts.trigger()
    review = window.exchange.review
    assert review is not None
    qtbot.waitExposed(review)
    click_row(qtbot, review.list_view, 0)
    row = next(r for r in range(review.values_model.rowCount()) if review.values_model.item(r, 0).text() == other)
    click_row(qtbot, review.values_view, row)
    click(qtbot, review.keep_button)
    qtbot.waitUntil(lambda: load_activity(window.workspace, shared).values["title"] == other)
    assert editor.elsewhere.isVisible() and editor.title.text() == shown_title  # the edit is kept, and said so
    close_dialog(qtbot, review)
    back_to(qtbot, qapp, window)

    # Saving City keeps the settled title and the office.
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: load_activity(window.workspace, shared).values["city"] == "Kampala")
    saved = load_activity(window.workspace, shared)
    assert saved.values["title"] == other and saved.values["office"] == "KEN"
    assert editor.title.text() == other and not editor.elsewhere.isVisible()  # the form shows what is stored
    assert not [e for e in activity_history(window.workspace, shared) if e.field == "office"]

    # The same field changed by another program while the form edits it: both shown, the person chooses.
    type_into(qtbot, editor.title, "Land tenure and property rights")
    edit_activity(roaf, shared, title="Land tenure (from the command line)")
    offered: list[str] = []

    def choose_mine(dialog) -> None:
        values = [label for label in dialog.findChildren(QLabel) if label.property("choice")]
        offered.extend(label.text() for label in values)
        click(qtbot, next(label for label in values if label.text() == "Land tenure and property rights"))
        click(qtbot, button(dialog, QDialogButtonBox.StandardButton.Save))

    modals = Modals(qtbot).expect(choose_mine)
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    modals.done()
    assert set(offered) == {"Land tenure (from the command line)", "Land tenure and property rights"}
    qtbot.waitUntil(
        lambda: load_activity(window.workspace, shared).values["title"] == "Land tenure and property rights"
    )
    assert load_activity(window.workspace, shared).values["city"] == "Kampala"
