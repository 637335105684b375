"""A coordinator in the window, in English and Arabic, driven only as a person drives it: File ▸ Merge exports
brings an old laptop's new activity dated in an approved period → it is not in the table → File ▸ Conflicts says
the office proposes a new activity in the approved period → accepting it puts it in the table (or rejecting it
keeps it out for good); the decision is written on the operations worker, never on the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings

from habitat_desktop.services import proposals, reporting_periods
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main import Shell
from habitat_desktop.ui.main_window import DISCARD
from tests.cycle_support import DUE, reported, three_workspaces
from tests.journey_support import (
    back_to,
    click,
    click_row,
    close_dialog,
    merge_wizard_with,
    use_language,
)
from tests.merge_support import activity, export
from tests.test_cycle_new_records import GRANT
from tests.test_cycle_record_locks import save
from tests.test_reporting_cycles import _clone

pytestmark = pytest.mark.gui


@pytest.fixture
def late_export(qapp, tmp_path: Path):
    """Headquarters approved KEN's 2025; an old laptop copied before, never told, added a 2025 activity."""
    three = three_workspaces(tmp_path)
    reporting_periods.open_period(three.hq, "2025", due=DUE, offices=["KEN"])
    three.send(three.hq, three.ken)
    reported(three)
    reporting_periods.submit(three.ken, "2025")
    three.send(three.ken, three.hq)
    old_laptop = tmp_path / "old.habitat"
    _clone(three.ken, old_laptop)
    reporting_periods.review(three.hq, "2025", "KEN", approve=True)
    new = save(old_laptop, None, [GRANT], title="Late workshop", start_date="2025-11-02", end_date="2025-11-03")
    file = export(old_laptop, tmp_path / "old-laptop.habx")
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    yield shell, three.hq, file, new
    if shell.window is not None:
        shell.window.ask_unsaved = lambda: DISCARD
        shell.window.close()
    use_language(qapp, "en")


@pytest.fixture
def decide_threads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each decision the window made ran on the GUI thread (it must not)."""
    seen: list[bool] = []
    original = proposals.decide

    def spy(*args, **kwargs):
        seen.append(threading.current_thread() is threading.main_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(proposals, "decide", spy)
    return seen


def _merge(qtbot, qapp, window, file: Path) -> None:
    """File ▸ Merge exports (Ctrl+Shift+M): add the file (its signer, KEN, is trusted already), preview, merge."""
    wizard = merge_wizard_with(qtbot, qapp, window, file)
    click(qtbot, wizard.preview_button)
    qtbot.waitUntil(wizard.apply_button.isEnabled, timeout=20000)
    click(qtbot, wizard.apply_button)
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=20000)
    close_dialog(qtbot, wizard)
    back_to(qtbot, qapp, window)


def _open_conflicts(qtbot, window):
    window.exchange.conflicts.trigger()  # File ▸ Conflicts
    review = window.exchange.review
    qtbot.waitExposed(review)
    return review


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_coordinator_accepts_a_new_activity_of_an_approved_period(
    language, late_export, qapp, qtbot, decide_threads
) -> None:
    shell, hq, file, new = late_export
    use_language(qapp, language)
    window = shell.show_workspace(open_workspace(hq))
    qtbot.waitExposed(window)
    _merge(qtbot, qapp, window, file)
    assert window.model.row_of(new) < 0  # not inserted: a proposal

    review = _open_conflicts(qtbot, window)
    labels = [review.list_model.item(row, 0).text() for row in range(review.list_model.rowCount())]
    [sentence] = [label for label in labels if "Late workshop" in label]
    assert "2025" in sentence and "Office KEN" in sentence
    if language == "en":
        assert sentence == "Office KEN proposes a new activity “Late workshop” in the approved period 2025."
        assert review.message.text() == "2 proposed changes to accept or reject."  # the activity and its funding
    assert not any(button.isEnabled() for button in review.bulk.values())  # keep newer/mine/theirs: conflicts only
    click_row(qtbot, review.list_view, labels.index(sentence))
    values = [review.values_model.item(row, 0).text() for row in range(review.values_model.rowCount())]
    assert any("Late workshop" in value for value in values)
    click_row(qtbot, review.values_view, next(i for i, value in enumerate(values) if "Late workshop" in value))
    click(qtbot, review.keep_button)  # keep the proposed record: accept it
    qtbot.waitUntil(lambda: review.list_model.rowCount() == 0)  # its funding line went with it
    close_dialog(qtbot, review)
    back_to(qtbot, qapp, window)
    qtbot.waitUntil(lambda: window.model.row_of(new) >= 0)  # now in the table
    assert decide_threads == [False]  # written on the operations worker


def test_a_coordinator_rejects_a_new_activity_of_an_approved_period(late_export, qapp, qtbot, decide_threads) -> None:
    shell, hq, file, new = late_export
    window = shell.show_workspace(open_workspace(hq))
    qtbot.waitExposed(window)
    _merge(qtbot, qapp, window, file)
    review = _open_conflicts(qtbot, window)
    labels = [review.list_model.item(row, 0).text() for row in range(review.list_model.rowCount())]
    click_row(qtbot, review.list_view, next(i for i, label in enumerate(labels) if "Late workshop" in label))
    click_row(qtbot, review.values_view, 0)  # the value shown now: nothing, until accepted
    click(qtbot, review.keep_button)  # keep that: reject the proposed record
    qtbot.waitUntil(lambda: review.list_model.rowCount() == 0)
    assert "Rejected" in review.message.text()
    close_dialog(qtbot, review)
    back_to(qtbot, qapp, window)
    assert window.model.row_of(new) < 0 and activity(hq, new)["deleted"]
    _merge(qtbot, qapp, window, file)  # the same export again: nothing comes back
    assert window.model.row_of(new) < 0 and not proposals.list_proposals(hq)
    assert decide_threads == [False]
