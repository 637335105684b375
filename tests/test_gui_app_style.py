"""Right-to-left menus keep their widest item whole (Qt measures it a little short)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")


def test_right_to_left_menu_items_get_room_for_their_text(qapp) -> None:
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtWidgets import QMenu, QStyle, QStyleOptionMenuItem

    from habitat_desktop.ui.app_style import AppStyle

    style = AppStyle("fusion")
    menu = QMenu()
    option = QStyleOptionMenuItem()
    option.initFrom(menu)
    option.text = "حذف جميع الأنشطة المحذوفة نهائياً…(&A)"
    option.menuItemType = QStyleOptionMenuItem.MenuItemType.Normal
    text = QSize(option.fontMetrics.horizontalAdvance(option.text.replace("&", "")), option.fontMetrics.height())
    widths = {}
    for direction in (Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft):
        option.direction = direction
        widths[direction] = style.sizeFromContents(QStyle.ContentsType.CT_MenuItem, option, text, menu).width()
    base = style.baseStyle().sizeFromContents(QStyle.ContentsType.CT_MenuItem, option, text, menu).width()
    assert widths[Qt.LayoutDirection.LeftToRight] == base
    assert widths[Qt.LayoutDirection.RightToLeft] >= base + 2 * option.fontMetrics.averageCharWidth()


def test_arabic_table_columns_may_be_narrower_than_the_widest_ligature(qapp) -> None:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QHeaderView, QTableView

    from habitat_desktop.ui.fonts import application_font

    view = QTableView()
    view.setFont(application_font("ar"))
    view.setModel(QStandardItemModel(3, 6))
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.resize(600, 200)
    view.show()  # polished by the application's style
    header = view.horizontalHeader()
    assert header.fontMetrics().maxWidth() > 100  # Noto Sans Arabic's widest glyph, Qt's default minimum
    assert header.minimumSectionSize() <= 5 * header.fontMetrics().averageCharWidth()
    assert max(header.sectionSize(column) for column in range(6)) < 100
    view.close()
