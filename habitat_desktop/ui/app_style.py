"""AppStyle: the platform style, corrected where Qt measures text in some scripts short or far too wide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QProxyStyle, QStyle

if TYPE_CHECKING:
    from typing import Any

HEADER_MINIMUM_CHARACTERS = 4  # a column narrower than about four characters is no longer readable


class AppStyle(QProxyStyle):
    """Two corrections, whatever the platform style:

    - In a right-to-left menu Qt measures the widest item "…(&A)" a few pixels short and draws it elided
      ("حذف جميع الأنشطة…ذوفة"); two average characters of room more avoid it. Left-to-right menus are unchanged.
    - A table header's smallest column is by default the font's widest glyph; in Noto Sans Arabic that is a
      ligature some ten characters wide, which made every column of an Arabic table at least 131 pixels wide. It
      becomes a few average characters.
    """

    def sizeFromContents(self, contents_type: Any, option: Any, size: Any, widget: Any = None) -> Any:
        result = super().sizeFromContents(contents_type, option, size, widget)
        if (
            contents_type == QStyle.ContentsType.CT_MenuItem
            and option is not None
            and option.direction == Qt.LayoutDirection.RightToLeft
        ):
            result.setWidth(result.width() + 2 * option.fontMetrics.averageCharWidth())
        return result

    def polish(self, target: Any) -> Any:  # QWidget, QApplication or QPalette
        if isinstance(target, QHeaderView) and target.orientation() == Qt.Orientation.Horizontal:
            fit_header(target)  # a row's height is the font's, as Qt has it
        return super().polish(target)


def fit_header(header: QHeaderView) -> None:
    """Let a horizontal header's columns be as narrow as a few characters (call before setting widths)."""
    header.setMinimumSectionSize(HEADER_MINIMUM_CHARACTERS * header.fontMetrics().averageCharWidth())
