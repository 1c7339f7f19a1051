"""The impact poll's results as a picture: for each item, the average answer at the start and the latest one (the
end, or in between while the programme runs) on the 1 to 5 scale, joined by an arrow. Drawn with QPainter like the
budgets chart (ui/widgets/bar_chart.py). Averages the disclosure rule holds back are not drawn, and say so.

A picture says nothing to a screen reader: the chart's accessible description says the same as result_lines(),
and the Polls tab shows them as a table beside it.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from partnerdesk.i18n import _
from partnerdesk.rules.programmes import LIKERT
from partnerdesk.services.programmes.polls import ItemResult

_ROW = 46  # pixels per item: its wording, then its dots
_TOP = 26  # room for the scale's numbers and the key
START = QColor("#8a94a0")  # grey: where people began
LATEST = QColor("#2f6f9f")  # the budgets chart's blue: where they are now
GRID = QColor("#d9dee3")


def latest(result: ItemResult) -> tuple[str, int, Decimal | None]:
    """The latest round with answers ("end", else "interval") with its count and average (None: held back)."""
    if result.end_count:
        return "end", result.end_count, result.end_average
    return "interval", result.interval_count, result.interval_average


def average_text(count: int, average: Decimal | None) -> str:
    """"3.4", or why there is no figure: nobody answered, or too few to show without telling whose answer it is."""
    if not count:
        return _("no answers yet")
    if average is None:
        return _("too few answers to show")
    return str(average)


def result_line(result: ItemResult) -> str:
    """One item's results in words: "Confidence: start 2.9, end 3.8 (up 0.9)"."""
    round_, count, average = latest(result)
    start = average_text(result.start_count, result.start_average)
    now = average_text(count, average)
    text = (_("{item}: start {start}, end {now}") if round_ == "end" else
            _("{item}: start {start}, latest {now}")).format(item=result.wording, start=start, now=now)  # fmt: skip
    if result.start_average is not None and average is not None:
        change = average - result.start_average
        if change > 0:
            text += " " + _("(up {by})").format(by=change)
        elif change < 0:
            text += " " + _("(down {by})").format(by=-change)
        else:
            text += " " + _("(no change)")
    return text


class PollChart(QWidget):
    """Start and latest average of each poll item on the 1 to 5 scale."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.results: list[ItemResult] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader user can land on it and hear the figures

    def set_results(self, results: list[ItemResult]) -> None:
        self.results = list(results)
        self.setAccessibleDescription("; ".join(map(result_line, self.results)) or _("No poll questions yet."))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 -- Qt's name
        return QSize(420, _TOP + max(1, len(self.results)) * _ROW + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, _TOP + _ROW + 8)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().text().color()
        if not self.results:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("No poll questions yet."))
            return
        metrics = QFontMetrics(self.font())
        caption_width = metrics.horizontalAdvance("0.0 → 0.0") + 16
        left, right = 16, self.width() - caption_width - 12
        lowest, highest = LIKERT.start, LIKERT.stop - 1

        def x_of(value: Decimal | int) -> float:
            return left + (right - left) * (float(value) - lowest) / (highest - lowest)

        for value in LIKERT:  # the scale's numbers; each item has a light mark at each answer under its dots
            painter.setPen(text)
            painter.drawText(QRectF(x_of(value) - 10, 0, 20, _TOP - 6), Qt.AlignmentFlag.AlignCenter, str(value))
        for place, result in enumerate(self.results):
            top = _TOP + place * _ROW
            middle = top + _ROW - 14  # the wording above, the dots below it
            painter.setPen(text)
            label = metrics.elidedText(result.wording, Qt.TextElideMode.ElideRight, self.width() - 8)
            painter.drawText(QRectF(4, top + 2, self.width() - 8, metrics.height()), Qt.AlignmentFlag.AlignLeft, label)
            painter.setPen(GRID)
            painter.drawLine(QPointF(left, middle), QPointF(right, middle))
            for value in LIKERT:
                painter.drawLine(QPointF(x_of(value), middle - 8), QPointF(x_of(value), middle + 8))
            _round, count, now = latest(result)
            start = result.start_average
            caption = QRectF(right + 12, middle - 10, caption_width, 20)
            if start is None and now is None:
                painter.setPen(START)
                painter.drawText(QRectF(left, middle - 10, self.width() - left, 20), Qt.AlignmentFlag.AlignVCenter,
                                 _("Nothing to show yet: {why}").format(why=average_text(count or result.start_count,
                                                                                          None)))  # fmt: skip
                continue
            if start is not None and now is not None and start != now:
                self._arrow(painter, QPointF(x_of(start), middle), QPointF(x_of(now), middle))
            if start is not None:
                self._dot(painter, QPointF(x_of(start), middle), START, hollow=True)
            if now is not None:
                self._dot(painter, QPointF(x_of(now), middle), LATEST, hollow=False)
            painter.setPen(text)
            painter.drawText(caption, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             f"{start if start is not None else '–'} → {now if now is not None else '–'}")
        painter.end()

    @staticmethod
    def _dot(painter: QPainter, at: QPointF, colour: QColor, hollow: bool) -> None:
        painter.setPen(QPen(colour, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush if hollow else colour)
        painter.drawEllipse(at, 6, 6)

    @staticmethod
    def _arrow(painter: QPainter, start: QPointF, end: QPointF) -> None:
        painter.setPen(QPen(LATEST, 2))
        painter.drawLine(start, end)
        tip = -1 if end.x() > start.x() else 1  # the head points the way the average moved
        painter.setBrush(LATEST)
        painter.drawPolygon(QPolygonF([QPointF(end.x() + tip * 7, end.y()), QPointF(end.x() + tip * 14, end.y() - 5),
                                       QPointF(end.x() + tip * 14, end.y() + 5)]))  # fmt: skip
