"""The commissioners' monitoring return as a PDF summary for a board paper: what it covers, the Summary figures area
by area, the equality answers, bar charts of the figures that may be published, and the Definitions.

It prints the very figures the spreadsheet holds (services.reports.monitoring gathers them once, already protected
by the organisation's disclosure rule) and never works one out a second way. It names nobody: a hidden figure prints
as "*", explained under every table that has one, and a chart leaves hidden figures out rather than drawing them.
`partnerdesk export monitoring --out FILE.pdf` and the Reports page's "Export PDF…" call export_monitoring_pdf.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from partnerdesk.exports.audited import audited
from partnerdesk.exports.monitoring import definition_rows
from partnerdesk.exports.pdf_charts import BODY, SMALL, bar_chart, chart_block
from partnerdesk.exports.pdf_charts import ruled_table as _table
from partnerdesk.exports.pdf_kit import (
    build_pdf,
    draw_footer,
    heading_style,
    paragraph_style,
    paragraph_text,
)
from partnerdesk.exports.pdf_kit import register_fonts as _register_fonts
from partnerdesk.exports.xlsx import ExportCancelled, destination
from partnerdesk.i18n import _, long_date, ngettext
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.disclosure import HIDDEN
from partnerdesk.rules.money import format_pounds
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.reports.equality import EqualityTable
from partnerdesk.services.reports.lines import Period, Section
from partnerdesk.services.reports.monitoring import MonitoringReturn, monitoring_return

log = logging.getLogger(__name__)

#: The measures whose percentages the "on time" chart draws, in the Summary's order (what a board asks about).
ON_TIME = ("notice_on_time", "papers_on_time", "quorate", "attendance", "follow_ups_on_time", "supervision_on_time",
           "training")  # fmt: skip

Progress = Callable[[int, int], bool | None]


def figure_text(value: Any, money: bool = False) -> str:
    """A published figure as the PDF prints it: 1,234, 80%, £12.50, or the words (HIDDEN, none) as they are."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if money:
        return format_pounds(int(value))
    if isinstance(value, int):
        return f"{value:,}"
    return f"{Decimal(value) * 100:.0f}%"


def _styles() -> dict:
    from reportlab.lib import colors

    style = paragraph_style
    grey = colors.HexColor("#444444")
    return {
        "title": style("title", 20, bold=True, spaceAfter=4),
        "organisation": style("organisation", 13, spaceAfter=10),
        "heading": heading_style("heading", 14, spaceBefore=14, spaceAfter=6),
        "area": heading_style("area", 11.5, spaceBefore=10, spaceAfter=4),
        "body": style("body", BODY),
        "lead": style("lead", BODY, keepWithNext=1, spaceAfter=2),
        "cell": style("cell", BODY),
        "figure": style("figure", BODY, alignment=2),
        "head": style("head", BODY, bold=True),
        "head_figure": style("head_figure", BODY, bold=True, alignment=2),
        "note": style("note", SMALL, textColor=grey, spaceBefore=3, spaceAfter=2),
    }


def _has_hidden(values: list[Any]) -> bool:
    return any(value == HIDDEN for value in values)


def _chart_block(title: str, rows: list[tuple[str, float, str]], width: float, styles: dict, note: str = "",
                 scale: float | None = None) -> list:  # fmt: skip
    """A bar chart under its own small heading, with a note under it when given; nothing when every value is
    nought (bars of nothing tell a board nothing)."""
    if not any(value > 0 for _label, value, _text in rows):
        return []
    return chart_block(title, bar_chart(rows, width, scale), styles, note)


def _left_out(hidden: int) -> str:
    return ngettext("{n} hidden figure is left out of this chart.",
                    "{n} hidden figures are left out of this chart.", hidden).format(n=hidden)  # fmt: skip


def _charts(report: MonitoringReturn, width: float, styles: dict) -> list:
    """Bar charts of what may be published: meetings supported, the on-time percentages, money by kind of line and
    each equality question's answers. A hidden figure is never drawn: the chart says how many it leaves out."""
    lines = {line.key: line for section in report.sections for line in section.lines}
    story: list = []
    counts = [lines[key] for key in ("meetings_supported", "pre_meetings", "debriefs") if key in lines]
    shown = [(line.measure, float(line.count), figure_text(line.count)) for line in counts
             if isinstance(line.count, int)]  # fmt: skip
    if shown:
        story += _chart_block(_("Meetings held"), shown, width, styles)
    rates = [lines[key] for key in ON_TIME if key in lines]
    drawn = [(line.measure, float(line.percent), figure_text(line.percent)) for line in rates
             if isinstance(line.percent, Decimal)]  # fmt: skip
    hidden = sum(line.percent == HIDDEN for line in rates)
    if drawn:
        story += _chart_block(_("On time, quorate and attended (percentage)"), drawn, width, styles,
                              _left_out(hidden) if hidden else "", scale=1.0)  # fmt: skip
    money = next((s for s in report.sections if any(line.key == "expenses_total" for line in s.lines)), None)
    if money is not None:
        kinds = [line for line in money.lines if line.key != "expenses_total"]
        drawn = [(line.measure, float(line.pence), figure_text(line.pence, money=True)) for line in kinds
                 if isinstance(line.pence, int) and line.pence > 0]  # fmt: skip
        hidden = sum(line.pence == HIDDEN for line in kinds)
        if drawn:
            story += _chart_block(_("Expenses and payments by kind of line"), drawn, width, styles,
                                  _left_out(hidden) if hidden else "")  # fmt: skip
    for table in report.equality:
        drawn = [(answer.label, float(answer.people), figure_text(answer.people)) for answer in table.answers
                 if isinstance(answer.people, int) and answer.people > 0]  # fmt: skip
        hidden = sum(answer.people == HIDDEN for answer in table.answers)
        if len(drawn) >= 2:
            story += _chart_block(_("Equality: {question} (people)").format(question=table.heading), drawn, width,
                                  styles, _left_out(hidden) if hidden else "")  # fmt: skip
    return story


def _summary_table(section: Section, width: float, styles: dict) -> list:
    from reportlab.platypus import Paragraph

    def cell(text: str, style: str = "cell") -> Paragraph:
        return Paragraph(paragraph_text(text), styles[style])

    heads = [_("Measure"), _("Count"), _("Out of"), _("Percentage"), _("Amount")]
    rows: list[list] = [[cell(heads[0], "head")] + [cell(head, "head_figure") for head in heads[1:]]]
    values: list[Any] = []
    for line in section.lines:
        figures = [line.count, line.base, line.percent, line.pence]
        values += figures
        rows.append([cell(line.measure)] + [cell(figure_text(value, money=number == 3), "figure")
                                            for number, value in enumerate(figures)])  # fmt: skip
    # Wide enough for "Percentage" and "£12,345.67" on one line each; the measure wraps if it must.
    widths = [width * share for share in (0.40, 0.13, 0.13, 0.16, 0.18)]
    return [Paragraph(paragraph_text(section.title), styles["area"]),
            _table(rows, widths)] + _hidden_note(values, styles)  # fmt: skip


def _hidden_note(values: list[Any], styles: dict) -> list:
    """Under a table with a hidden figure: why it is hidden (the organisation's rule, in its own words)."""
    from reportlab.platypus import Paragraph

    if not _has_hidden(values):
        return []
    return [Paragraph(paragraph_text(styles["why"]), styles["note"])]


def _equality_table(table: EqualityTable, width: float, styles: dict) -> list:
    from reportlab.platypus import Paragraph

    def cell(text: str, style: str = "cell") -> Paragraph:
        return Paragraph(paragraph_text(text), styles[style])

    rows: list[list] = [[cell(_("Answer"), "head"), cell(_("People"), "head_figure"),
                         cell(_("Percentage"), "head_figure")]]  # fmt: skip
    values: list[Any] = [table.total]
    for answer in table.answers:
        values += [answer.people, answer.percent]
        rows.append([cell(answer.label), cell(figure_text(answer.people), "figure"),
                     cell(figure_text(answer.percent), "figure")])  # fmt: skip
    rows.append([cell(_("All people engaged"), "head"), cell(figure_text(table.total), "figure"), cell("")])
    return [Paragraph(paragraph_text(table.heading), styles["area"]),
            _table(rows, [width * 0.64, width * 0.18, width * 0.18])] + _hidden_note(values, styles)  # fmt: skip


def _about(report: MonitoringReturn, organisation: str, width: float, styles: dict) -> list:
    """The title block: whose return, the period, when it was made, that it names nobody and what "*" means."""
    from reportlab.platypus import Paragraph

    period = report.period
    story: list = [Paragraph(paragraph_text(_("Monitoring return")), styles["title"])]
    if organisation:
        story.append(Paragraph(paragraph_text(organisation), styles["organisation"]))
    facts = [
        (_("Period"), _("{first} to {last}").format(first=long_date(period.date_from), last=long_date(period.date_to))),
        (_("Made on"), long_date(period.today)),
        (_("Names included"), _("No: this summary names nobody")),
        (_("Small numbers"), period.policy.note()),
    ]
    rows = [[Paragraph(paragraph_text(label), styles["head"]), Paragraph(paragraph_text(value), styles["body"])]
            for label, value in facts]  # fmt: skip
    story.append(_table(rows, [width * 0.24, width * 0.76], header=False))
    return story


def _story(report: MonitoringReturn, organisation: str, width: float) -> list:
    from reportlab.platypus import PageBreak, Paragraph

    styles = _styles()
    # The footnote under every table with a hidden figure: nobody can be picked out, and the rule that hid it.
    styles["why"] = _("{hidden} A figure is hidden so that nobody can be picked out. {rule}").format(
        hidden=HIDDEN, rule=report.period.policy.note())
    story = _about(report, organisation, width, styles)
    story.append(Paragraph(paragraph_text(_("Summary")), styles["heading"]))
    for section in report.sections:
        story += _summary_table(section, width, styles)
    story.append(Paragraph(paragraph_text(_("Charts")), styles["heading"]))
    story += _charts(report, width, styles) or [Paragraph(paragraph_text(_("Nothing to chart in this period.")),
                                                          styles["body"])]  # fmt: skip
    story.append(Paragraph(paragraph_text(_("Equality")), styles["heading"]))
    story.append(Paragraph(paragraph_text(_("Answers of the people engaged in the period. Every question is "
                                            "optional.")), styles["lead"]))  # fmt: skip
    for table in report.equality:
        story += _equality_table(table, width, styles)
    story.append(PageBreak())
    story.append(Paragraph(paragraph_text(_("Definitions")), styles["heading"]))
    # The spreadsheet's definitions, less its Meetings sheet: the summary has no row per meeting to explain.
    rows = [[Paragraph(paragraph_text(_("Measure")), styles["head"]),
             Paragraph(paragraph_text(_("What it means")), styles["head"])]]  # fmt: skip
    rows += [[Paragraph(paragraph_text(measure), styles["cell"]), Paragraph(paragraph_text(meaning), styles["cell"])]
             for measure, meaning in definition_rows(report) if measure != _("Meetings sheet")]  # fmt: skip
    story.append(_table(rows, [width * 0.3, width * 0.7]))
    return story


@audited("monitoring_summary", named=False)
def export_monitoring_pdf(
    session: Session, path: Path, period: Period, *, progress: Progress | None = None
) -> MonitoringReturn:
    """Write the monitoring return for the period as an anonymised A4 PDF summary at path and return what it says.

    progress, if given, is called as progress(done, total) now and then; returning False stops the export
    (ExportCancelled, no file written). Raises ExportError in plain words when the file can't be saved."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    path = destination(path)
    if progress is not None and progress(0, 0) is False:
        raise ExportCancelled
    report = monitoring_return(session, period)
    if progress is not None and progress(1, 2) is False:
        raise ExportCancelled
    organisation = get_setting(session, "organisation_name") or ""
    _register_fonts()
    margin = 18 * mm
    span = f"{format_uk(period.date_from)} – {format_uk(period.date_to)}"
    footer = _("Monitoring return · {period} · names nobody").format(period=span)

    def number_pages(canvas, doc) -> None:
        draw_footer(canvas, A4[0], margin, SMALL, footer, doc.page)

    build_pdf(path, lambda width: _story(report, organisation, width), number_pages, pagesize=A4,
              initialFontSize=BODY, leftMargin=margin, rightMargin=margin, topMargin=margin,
              bottomMargin=margin + SMALL, title=_("Monitoring return {period}").format(period=span),
              subject=_("Monitoring return"))  # fmt: skip
    log.info("monitoring return PDF written: %d sections", len(report.sections))
    return report


def written_pdf_message(report: MonitoringReturn, path: Path) -> str:
    """What the CLI and the Reports page say once the PDF is written."""
    period = report.period
    return _("Wrote the monitoring return for {start} to {end} as a PDF summary to {path}").format(
        start=format_uk(period.date_from), end=format_uk(period.date_to), path=path
    )
