"""MenuStyle: the platform style, with right-to-left menu items a little wider so Qt does not elide the widest."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProxyStyle, QStyle


class MenuStyle(QProxyStyle):
    """In a right-to-left menu Qt measures the widest item "…(&A)" a few pixels short and draws it elided
    ("حذف جميع الأنشطة…ذوفة"); two average characters of room more avoid it. Left-to-right menus are unchanged."""

    def sizeFromContents(self, contents_type, option, size, widget=None):
        result = super().sizeFromContents(contents_type, option, size, widget)
        if (contents_type == QStyle.ContentsType.CT_MenuItem and option is not None
                and option.direction == Qt.LayoutDirection.RightToLeft):
            result.setWidth(result.width() + 2 * option.fontMetrics.averageCharWidth())
        return result
