"""File ▸ Conflicts shows each competing value whole (wrapped, with a tooltip) and in the window's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtTest import QTest

from habitat_desktop.domain.enums import ActivityStatus
from habitat_desktop.services import merges, trust
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main import apply_language
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.merge_support import add_activity, edit_activity, export, office_workspace, sync

LONG_KENYA = (
    "Participatory slum upgrading in Kibera, Mathare and Mukuru informal settlements with community-led "
    "mapping, secure tenure for 4,000 households, drainage, water kiosks and the county's resettlement plan (Kenya)"
)
LONG_UGANDA = (
    "Participatory slum upgrading in Kampala's Kisenyi and Bwaise settlements with community-led mapping, "
    "secure tenure for 2,500 households, drainage, sanitation blocks and the city's resettlement plan (Uganda)"
)

pytestmark = pytest.mark.gui


@pytest.fixture(params=["en", "ar"])
def window(request, tmp_path: Path, qapp) -> Iterator[MainWindow]:
    """The region's workspace after merging Kenya's and Uganda's competing title and status of one activity."""
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    uga = office_workspace(tmp_path / "uga.habitat", "UGA", "UG")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    shared = add_activity(ken, "Slum upgrading")
    sync(ken, uga, tmp_path, "k0")
    edit_activity(ken, shared, title=LONG_KENYA, status="ongoing")
    edit_activity(uga, shared, title=LONG_UGANDA, status="stalled")
    files = [export(ken, tmp_path / "ken.habx"), export(uga, tmp_path / "uga.habx")]
    trust.trust_export_signer(roaf, files[1], as_coordinator=True)  # Uganda relays a change to Kenya's record
    merges.merge_files(roaf, files, trust=True)
    apply_language(qapp, request.param)
    win = MainWindow(open_workspace(roaf))
    win.ask_unsaved = lambda: DISCARD
    win.show()
    yield win
    if win.exchange.review is not None:
        win.exchange.review.close()
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    apply_language(qapp, "en")


def _click(view, row: int, column: int = 0) -> None:  # type: ignore[no-untyped-def]
    index = view.model().index(row, column)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def _assert_shown_whole(review) -> str:  # type: ignore[no-untyped-def]
    """Check the competing values on screen now; say which field they were of."""
    values = [review.values_model.item(r, 0) for r in range(review.values_model.rowCount())]
    texts = {item.text() for item in values}
    if texts != {LONG_KENYA, LONG_UGANDA}:
        assert texts == {ActivityStatus.ONGOING.label(), ActivityStatus.STALLED.label()}
        return "status"
    view = review.values_view
    width = view.columnWidth(0)
    assert width >= view.viewport().width() // 3  # the values take most of the room
    metrics = view.fontMetrics()
    for row, item in enumerate(values):
        assert item.toolTip() == item.text()
        assert metrics.horizontalAdvance(item.text()) > width  # too long for one line …
        needed = metrics.boundingRect(QRect(0, 0, width - 8, 10_000), Qt.TextFlag.TextWordWrap, item.text())
        assert view.rowHeight(row) >= needed.height()  # … so the row is tall enough for all its lines
    return "title"


def test_competing_values_are_shown_whole_and_translated(window: MainWindow, qtbot) -> None:
    window.exchange.conflicts.trigger()  # File ▸ Conflicts…
    review = window.exchange.review
    qtbot.waitExposed(review)
    model = review.list_model
    assert model.rowCount() == 2  # title and status, by their names in the window's language
    assert {model.item(row, 1).text() for row in range(2)} <= {"Title", "Status", "العنوان", "الحالة"}
    records = review.list_view
    for row in range(2):  # the record's name (the title shown now) wraps too, its tooltip whole
        item = model.item(row, 0)
        assert item.text() in (LONG_KENYA, LONG_UGANDA) and item.toolTip() == item.text()
        width = records.columnWidth(0)
        needed = records.fontMetrics().boundingRect(
            QRect(0, 0, width - 8, 10_000), Qt.TextFlag.TextWordWrap, item.text()
        )
        assert records.rowHeight(row) >= needed.height()
    seen = {_assert_shown_whole(review)}  # the first conflict, shown as the dialog opens
    review.resize(review.width() - 120, review.height())  # a narrower window wraps the values again
    qtbot.wait(50)
    seen.add(_assert_shown_whole(review))
    for row in range(2):
        _click(review.list_view, row)
        seen.add(_assert_shown_whole(review))
    assert seen == {"title", "status"}
