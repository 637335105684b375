"""Right-to-left menus keep their widest item whole (Qt measures it a little short)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")



def test_right_to_left_menu_items_get_room_for_their_text(qapp) -> None:
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtWidgets import QMenu, QStyle, QStyleOptionMenuItem

    from habitat_desktop.ui.menu_style import MenuStyle

    style = MenuStyle("fusion")
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
