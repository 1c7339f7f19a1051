"""A plain horizontal bar chart drawn with QPainter: one bar per item, an optional line marking each item's limit.

Used for spend against budget headings. QtCharts is not part of PartnerDesk's Qt, and a few bars need nothing more.
The chart is a picture, so whoever uses it must also show the same figures as text (a table) for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from partnerdesk.i18n import _

_ROW = 34  # pixels per bar, label included
_FILL = QColor("#2f6f9f")
_SECOND = QColor("#9cc3e0")  # a lighter shade: committed (waiting) money after spent money
_OVER = QColor("#b00020")
_LIMIT = QColor("#222222")


@dataclass(frozen=True)
class Bar:
    """One bar: a label, a first and second part (spent, then waiting) and the limit (allocation), in one unit."""

    label: str
    first: int
    second: int
    limit: int
    caption: str = ""  # written at the end of the bar: "£900.00 of £1,000.00 (90%)"


class BarChart(QWidget):
    """Bars scaled to the largest of any bar or limit; a bar past its limit turns red."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        self.setAccessibleDescription("; ".join(f"{bar.label}: {bar.caption}" for bar in self.bars))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, max(1, len(self.bars)) * _ROW + 12)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, max(1, len(self.bars)) * _ROW + 12)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        if not self.bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("Nothing to show yet."))
            return
        label_width = min(max(metrics.horizontalAdvance(bar.label) for bar in self.bars) + 12, self.width() // 3)
        caption_width = max(metrics.horizontalAdvance(bar.caption) for bar in self.bars) + 12
        area = max(40, self.width() - label_width - caption_width - 8)
        largest = max(max(bar.first + bar.second, bar.limit) for bar in self.bars) or 1
        for place, bar in enumerate(self.bars):
            top = 6 + place * _ROW
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(0, top, label_width - 8, _ROW - 8), Qt.AlignmentFlag.AlignVCenter
                             | Qt.AlignmentFlag.AlignRight, label)
            over = bar.limit and bar.first + bar.second > bar.limit
            first = area * bar.first / largest
            second = area * bar.second / largest
            painter.fillRect(QRectF(label_width, top + 4, first, _ROW - 16), _OVER if over else _FILL)
            painter.fillRect(QRectF(label_width + first, top + 4, second, _ROW - 16), _SECOND)
            if bar.limit:
                x = label_width + area * bar.limit / largest
                painter.setPen(QPen(_LIMIT, 2))
                painter.drawLine(int(x), top + 1, int(x), top + _ROW - 9)
            painter.setPen(_OVER if over else self.palette().text().color())
            painter.drawText(QRectF(label_width + area + 8, top, caption_width, _ROW - 8),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, bar.caption)
        painter.end()
