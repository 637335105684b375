"""Exchange in the desktop (offscreen): the merge wizard, conflict review, history, trust and provenance."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from habitat_desktop.services import conflicts, merges, trust
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.exchange_records import MergeHistoryDialog, TrustedOfficesDialog
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.merge_support import activity, add_activity, edit_activity, export, office_workspace, sync

pytestmark = pytest.mark.gui


@pytest.fixture
def scene(tmp_path: Path):
    """Kenya and Uganda edited the same title; the region opens its workspace in the window."""
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    uga = office_workspace(tmp_path / "uga.habitat", "UGA", "UG")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    shared = add_activity(ken, "Land tenure")
    sync(ken, uga, tmp_path, "k0")
    edit_activity(ken, shared, title="Land tenure (Kenya)")
    edit_activity(uga, shared, title="Land tenure (Uganda)")
    files = [export(ken, tmp_path / "ken.habx"), export(uga, tmp_path / "uga.habx")]
    # Uganda changed Kenya's activity: only an office trusted as a coordinator may bring that (write_policy.WritePolicy)
    trust.trust_export_signer(roaf, files[1], as_coordinator=True)
    window = MainWindow(open_workspace(roaf))
    window.alerts = []
    window.alert = window.alerts.append
    window.ask_unsaved = lambda: DISCARD
    window.show()
    yield window, roaf, files, shared
    from PySide6.QtCore import QCoreApplication, QEvent

    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_wizard_previews_asks_for_trust_then_merges_with_a_backup(scene, qtbot) -> None:
    window, roaf, files, shared = scene
    wizard = window.exchange.open_merge_wizard([str(f) for f in files])
    asked: list[list[str]] = []
    wizard.ask = lambda signers: asked.append([s.office for s in signers]) or True
    wizard.preview()
    qtbot.waitUntil(lambda: wizard.apply_button.isEnabled(), timeout=15000)
    assert sorted(asked[0]) == ["KEN"]
    assert activity(roaf, shared) == {}  # a preview changes nothing
    total_row = wizard.summary.rowCount() - 1
    assert wizard.summary.item(total_row, 2).text() == (  # added by Kenya's file, changed by Uganda's
        "1 activity added, 1 activity changed, 1 activity in conflict; 2 office records added"
    )

    qtbot.mouseClick(wizard.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=15000)
    assert activity(roaf, shared)["title"] in ("Land tenure (Kenya)", "Land tenure (Uganda)")
    assert Path(str(wizard.outcome.backup)).exists()
    row = window.model.row_of(shared)
    assert row >= 0 and window.model.data(window.model.index(row, 0), Qt.ItemDataRole.DecorationRole) is not None
    wizard.grab().save(str(roaf.parent / "wizard.png"))
    assert "backup" in wizard.status.text()
    assert f"\u2068{wizard.outcome.backup}\u2069" in wizard.status.text()  # a path reads left to right in Arabic

    again = window.exchange.open_merge_wizard([str(f) for f in files])  # the same files once more
    again.preview()
    qtbot.waitUntil(lambda: again.apply_button.isEnabled(), timeout=15000)
    qtbot.mouseClick(again.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: again.outcome is not None, timeout=15000)
    assert again.outcome.backup is None and "merged before" in again.status.text()


def test_conflicts_are_reviewed_side_by_side_and_settled(scene, qtbot) -> None:
    window, roaf, files, shared = scene
    merges.merge_files(roaf, files, trust=True)
    window.model.refresh()
    review = window.exchange.review_conflicts()
    assert review.list_model.rowCount() == 1 and review.values_model.rowCount() == 2
    values = {review.values_model.item(r, 0).text() for r in range(2)}
    assert values == {"Land tenure (Kenya)", "Land tenure (Uganda)"}
    assert review.message.text() == "1 field in conflict."
    review.show()
    qtbot.waitUntil(lambda: review.list_view.viewport().width() > 100)
    header = review.list_view.horizontalHeader()  # the record's name takes the room the other columns leave
    assert sum(header.sectionSize(c) for c in range(header.count())) >= review.list_view.viewport().width() - 2
    kenya = next(r for r in range(2) if review.values_model.item(r, 1).text() == "KEN")
    review.values_view.selectRow(kenya)
    review.keep_selected()
    assert activity(roaf, shared)["title"] == "Land tenure (Kenya)"
    assert conflicts.list_conflicts(roaf) == [] and review.list_model.rowCount() == 0
    row = window.model.row_of(shared)
    tip = window.model.data(window.model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert "resolved" in tip  # the record keeps a mark
    review.grab().save(str(roaf.parent / "review.png"))


def test_history_trust_and_provenance_are_shown(scene, qtbot) -> None:
    window, roaf, files, shared = scene
    merges.merge_files(roaf, files[:1], trust=True)
    history = MergeHistoryDialog(roaf, window)
    assert history.model.rowCount() == 1 and history.model.item(0, 1).text() == "ken.habx"
    trusted = TrustedOfficesDialog(roaf, window)
    assert [trusted.model.item(r, 0).text() for r in range(trusted.model.rowCount())] == ["KEN", "UGA"]
    trusted.view.selectRow(0)
    trusted.remove_selected()
    assert trusted.model.rowCount() == 1 and [o.office for o in trust.trusted_offices(roaf)] == ["UGA"]
    window.model.refresh()
    window.open_activity(shared)
    text = window.editor.provenance.text()
    assert "KEN" in text and "ken.habx" in text


def test_the_wizard_says_what_it_set_aside_and_the_proposal_is_decided_in_the_review(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Kenya (trusted for itself) renamed Uganda's activity: its own activity merges, the rename waits as a proposal."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from tests.merge_support import four_offices, record_id

    field = four_offices(tmp_path)
    uganda = record_id(field["KEN"], "activity", "UGA")
    edit_activity(field["KEN"], uganda, title="Renamed by Kenya")
    add_activity(field["KEN"], "Kenya's own activity")
    file = export(field["KEN"], tmp_path / "ken.habx")
    window = MainWindow(open_workspace(field["ROAF"]))
    window.ask_unsaved = lambda: DISCARD
    window.show()
    try:
        wizard = window.exchange.open_merge_wizard([str(file)])
        wizard.ask = lambda _signers: True
        wizard.preview()
        qtbot.waitUntil(lambda: wizard.apply_button.isEnabled(), timeout=15000)
        assert "Set aside 1 record that office KEN may not change" in wizard.status.text()  # said before merging
        qtbot.mouseClick(wizard.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=15000)
        assert "1 change of office KEN is kept as a proposal" in wizard.status.text()
        assert activity(field["ROAF"], uganda)["title"] == "Kampala land readjustment"
        review = window.exchange.review_conflicts()
        assert review.list_model.rowCount() == 1
        labels = [review.list_model.item(0, c).text() for c in range(review.list_model.columnCount())]
        assert any("which may change only its own records" in text for text in labels), labels
        proposed = next(r for r in range(2) if review.values_model.item(r, 0).text() == "Renamed by Kenya")
        review.values_view.selectRow(proposed)
        review.keep_selected()  # accepted: the region writes it as its own
        assert activity(field["ROAF"], uganda)["title"] == "Renamed by Kenya"
        review.close()
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
