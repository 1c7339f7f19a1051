"""Tables and bar charts that PartnerDesk's report PDFs share (the monitoring return, the programme report): a
ruled table with a shaded header, a horizontal bar chart, a chart of two bars per row with an optional target mark,
and a chart kept together under its own small heading.

Drawn with reportlab.graphics in PartnerDesk's font, labels cut with "…" to their room so nothing runs off the page.
reportlab is imported only when a PDF is made. Charts are only ever given figures that may be published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from partnerdesk.exports.pdf_kit import FONT, FONT_BOLD, fit_line, paragraph_text

BODY, SMALL = 9.5, 8
BAR = "#2F5D8A"
#: The lighter bar of a pair (the "before" or the first of two), and the target mark.
BAR_LIGHT = "#9DB7D1"
TARGET = "#C0392B"
RULE = "#555555"


def ruled_table(rows: list[list], widths: list[float], header: bool = True, size: float = BODY):
    """A table with a light rule under every row and, when header, a shaded first row repeated on each page."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#BBBBBB")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4E8EE")),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(RULE))]  # fmt: skip
    table.setStyle(TableStyle(commands))
    return table


def bar_chart(rows: list[tuple[str, float, str]], width: float, scale: float | None = None):
    """A horizontal bar chart of (label, value, value as printed) rows, labels on the left cut with "…" to their
    room; scale is the value of a full-length bar (the largest value when None)."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.graphics.shapes import Line as Rule
    from reportlab.lib import colors

    bar, gap, size = 11.0, 5.0, SMALL
    label_room, value_room = width * 0.38, 52.0
    room = width - label_room - value_room - 8
    top = max((value for _label, value, _text in rows), default=0)
    full = scale or top or 1
    height = len(rows) * (bar + gap) + gap
    drawing = Drawing(width, height)
    left = label_room + 4
    for number, (label, value, text) in enumerate(rows):
        y = height - (number + 1) * (bar + gap)
        drawing.add(String(label_room, y + 2.5, fit_line(label, label_room, size), fontName=FONT, fontSize=size,
                           textAnchor="end"))  # fmt: skip
        length = room * min(value / full, 1) if full else 0
        block = Rect(left, y, max(length, 0.5), bar)
        block.fillColor, block.strokeColor = colors.HexColor(BAR), None
        drawing.add(block)
        drawing.add(String(left + length + 4, y + 2.5, text, fontName=FONT_BOLD, fontSize=size))
    drawing.add(Rule(left, 0, left, height, strokeColor=colors.HexColor(RULE), strokeWidth=0.6))
    return drawing


@dataclass(frozen=True)
class Compared:
    """One row of a compared chart: its label, two values with how each prints (None: not drawn, the text says
    why), and for each bar an optional target drawn as a mark across it (a commitment)."""

    label: str
    first: float | None
    first_text: str
    second: float | None
    second_text: str
    targets: tuple[float | None, float | None] = (None, None)


def compared_chart(rows: list[Compared], width: float, names: tuple[str, str], scale: float | None = None,
                   target_name: str = "", label_share: float = 0.3):  # fmt: skip
    """Two bars per row (the first lighter, the second darker), each with its figure and a red mark at its target
    when it has one; a key above says which bar is which. scale is the value of a full-length bar (the largest value or
    target when None); label_share is the part of the width the labels on the left may take."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.graphics.shapes import Line as Rule
    from reportlab.lib import colors

    bar, inner, gap, size, key = 8.0, 1.5, 7.0, SMALL, 14.0
    label_room, value_room = width * label_share, 60.0
    room = width - label_room - value_room - 8
    values = [v for row in rows for v in (row.first, row.second, *row.targets) if v is not None]
    full = scale or max(values, default=0) or 1
    height = len(rows) * (2 * bar + inner + gap) + gap + key
    drawing = Drawing(width, height)
    left = label_room + 4
    shades = (colors.HexColor(BAR_LIGHT), colors.HexColor(BAR))
    # The key: a swatch and a name for each bar, and for the target mark.
    x = left
    for shade, name in zip(shades, names, strict=True):
        swatch = Rect(x, height - key + 3, 8, 7)
        swatch.fillColor, swatch.strokeColor = shade, None
        drawing.add(swatch)
        drawing.add(String(x + 11, height - key + 3.5, name, fontName=FONT, fontSize=size))
        x += 11 + _width(name, size) + 14
    if target_name:
        drawing.add(Rule(x + 3, height - key + 2, x + 3, height - key + 11, strokeColor=colors.HexColor(TARGET),
                         strokeWidth=1.6))  # fmt: skip
        drawing.add(String(x + 8, height - key + 3.5, target_name, fontName=FONT, fontSize=size))
    top = height - key
    for number, row in enumerate(rows):
        y = top - (number + 1) * (2 * bar + inner + gap)
        drawing.add(String(label_room, y + bar - 2, fit_line(row.label, label_room, size), fontName=FONT,
                           fontSize=size, textAnchor="end"))  # fmt: skip
        for index, (value, text) in enumerate(((row.first, row.first_text), (row.second, row.second_text))):
            bar_y = y + (1 - index) * (bar + inner)
            length = room * min(value / full, 1) if value is not None else 0
            if value is not None:
                block = Rect(left, bar_y, max(length, 0.5), bar)
                block.fillColor, block.strokeColor = shades[index], None
                drawing.add(block)
            target = row.targets[index]
            if target is not None:
                mark = left + room * min(target / full, 1)
                drawing.add(Rule(mark, bar_y - 1, mark, bar_y + bar + 1, strokeColor=colors.HexColor(TARGET),
                                 strokeWidth=1.6))  # fmt: skip
            # With targets the figures stand in a column of their own, clear of every mark; else after the bar.
            at = left + room + 10 if any(row.targets) else left + length + 4
            drawing.add(String(at, bar_y + 1.2, text, fontName=FONT_BOLD if value is not None else FONT,
                               fontSize=size - 0.5))  # fmt: skip
    drawing.add(Rule(left, 0, left, top, strokeColor=colors.HexColor(RULE), strokeWidth=0.6))
    return drawing


def _width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, FONT, size)


def chart_block(title: str, chart, styles: dict, note: str = "") -> list:
    """A chart under its own small heading (styles["area"]), kept together on one page, with a note under it
    (styles["note"]) when given."""
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    parts: list = [Paragraph(paragraph_text(title), styles["area"]), chart]
    if note:
        parts.append(Paragraph(paragraph_text(note), styles["note"]))
    return [KeepTogether(parts), Spacer(1, 4)]
