"""A small line chart drawn with QPainter (QtCharts is not part of PartnerDesk): values over dates, one line.

Screen readers cannot see a picture, so the chart carries an accessible name and a description listing every
value, and text_alternative() gives the same words for a label beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from partnerdesk.i18n import _, ngettext
from partnerdesk.rules.dates import format_uk

LINE = QColor("#1d3b53")
GRID = QColor("#d9dee3")
TEXT = QColor("#333333")


class LineChart(QWidget):
    """Points (date, value) on a fixed vertical range, oldest on the left, joined by a line."""

    def __init__(self, name: str, lowest: float, highest: float, unit: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.name, self.lowest, self.highest, self.unit = name, lowest, highest, unit
        self.points: list[tuple[date, float]] = []
        self.setAccessibleName(name)
        self.setMinimumSize(420, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so a screen reader user can land on it and hear the values

    def set_points(self, points: Sequence[tuple[date, float]]) -> None:
        self.points = sorted(points)
        self.setAccessibleDescription(self.text_alternative())
        self.update()

    def text_alternative(self) -> str:
        """The chart in words: every value with its date."""
        if not self.points:
            return _("{name}: no scores recorded yet.").format(name=self.name)
        values = "; ".join(f"{format_uk(day)}: {value:g}{self.unit}" for day, value in self.points)
        count = len(self.points)
        scores = ngettext("{name}, {n} score: {values}.", "{name}, {n} scores: {values}.", count)
        return scores.format(name=self.name, n=count, values=values)

    def _plot_area(self) -> QRectF:
        return QRectF(48, 14, max(self.width() - 96, 10), max(self.height() - 48, 10))  # room for the dates

    def _position(self, area: QRectF, index: int, value: float) -> QPointF:
        first, last = self.points[0][0], self.points[-1][0]
        span = (last - first).days
        share = (self.points[index][0] - first).days / span if span else 0.5
        height = (value - self.lowest) / (self.highest - self.lowest)
        return QPointF(area.left() + share * area.width(), area.bottom() - height * area.height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        area = self._plot_area()
        painter.setFont(QFont(self.font().family(), 8))
        steps = 4
        for step in range(steps + 1):  # horizontal grid lines with their values
            value = self.lowest + (self.highest - self.lowest) * step / steps
            y = area.bottom() - area.height() * step / steps
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(TEXT)
            painter.drawText(QRectF(0, y - 8, 42, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{value:g}")
        if not self.points:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, _("No scores recorded yet"))
            return
        positions = [self._position(area, i, value) for i, (_day, value) in enumerate(self.points)]
        path = QPainterPath(positions[0])
        for point in positions[1:]:
            path.lineTo(point)
        painter.setPen(QPen(LINE, 2))
        painter.drawPath(path)
        painter.setBrush(LINE)
        for point in positions:
            painter.drawEllipse(point, 3.5, 3.5)
        painter.setPen(TEXT)  # the first and last dates under the axis
        bottom = QRectF(area.left() - 36, area.bottom() + 6, area.width() + 72, 18)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft, format_uk(self.points[0][0]))
        if len(self.points) > 1:
            painter.drawText(bottom, Qt.AlignmentFlag.AlignRight, format_uk(self.points[-1][0]))
