"""The programme report as a PDF for a steering group or a funder: per programme, what it asks of each side, every
pair with its hours against commitment (a chart) and the required activities done, backfill totals in exact
money, impact poll results in aggregate with a start-to-end chart, and the steering group's themes log.

It prints what services.programmes.report and poll_results give (the same figures as the spreadsheet). Without
named=True it names nobody: a pair is "Pair 1" and backfill is one total per programme. Poll averages over too few
people stay hidden, as in the spreadsheet. `partnerdesk export programmes --out FILE.pdf` calls
export_programme_report, and the Programmes page can too.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from partnerdesk.exports.audited import audited
from partnerdesk.exports.pdf_charts import BODY, SMALL, Compared, chart_block, compared_chart, ruled_table
from partnerdesk.exports.pdf_kit import build_pdf, draw_footer, heading_style, paragraph_style, paragraph_text
from partnerdesk.exports.pdf_kit import register_fonts as _register_fonts
from partnerdesk.exports.programmes import TOO_FEW, hours
from partnerdesk.exports.xlsx import destination
from partnerdesk.i18n import _, long_date, ngettext
from partnerdesk.records.people import Person
from partnerdesk.records.programmes import Programme
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.money import format_pounds
from partnerdesk.rules.programmes import ACTIVITY_KINDS, PAIR_STATUSES, PROGRAMME_KINDS, format_hours
from partnerdesk.services.common.settings import disclosure_policy, get_setting, payment_rates
from partnerdesk.services.programmes.polls import ItemResult, poll_results, themes_of
from partnerdesk.services.programmes.programmes import live_programme
from partnerdesk.services.programmes.report import ProgrammeReport, all_reports, programme_report

log = logging.getLogger(__name__)


def _styles() -> dict:
    from reportlab.lib import colors

    style = paragraph_style
    return {
        "title": style("title", 20, bold=True, spaceAfter=4),
        "organisation": style("organisation", 13, spaceAfter=10),
        "heading": heading_style("heading", 15, spaceBefore=4, spaceAfter=6),
        "area": heading_style("area", 11.5, spaceBefore=10, spaceAfter=4),
        "body": style("body", BODY),
        "cell": style("cell", BODY),
        "figure": style("figure", BODY, alignment=2),
        "head": style("head", BODY, bold=True),
        "head_figure": style("head_figure", BODY, bold=True, alignment=2),
        "head_small": style("head_small", SMALL, bold=True),
        "head_figure_small": style("head_figure_small", SMALL, bold=True, alignment=2),
        "note": style("note", SMALL, textColor=colors.HexColor("#444444"), spaceBefore=3, spaceAfter=2),
    }


class _Writer:
    """Builds the story for one report: the styles, the width tables fill, and whether names are printed."""

    def __init__(self, session: Session, width: float, named: bool):
        self.session, self.width, self.named = session, width, named
        self.styles = _styles()

    def para(self, text: str, style: str = "cell"):
        from reportlab.platypus import Paragraph

        return Paragraph(paragraph_text(text), self.styles[style])

    def table(self, heads: list[str], rows: list[list[str]], shares: tuple[float, ...], figures_from: int = 99,
              head_size: float = BODY):  # fmt: skip
        """A table of text cells; columns from figures_from on are figures, set to the right."""
        small = "_small" if head_size != BODY else ""
        cells = [[self.para(h, ("head" if n < figures_from else "head_figure") + small) for n, h in enumerate(heads)]]
        cells += [[self.para(v, "cell" if n < figures_from else "figure") for n, v in enumerate(row)] for row in rows]
        return ruled_table(cells, [self.width * share for share in shares])

    def facts(self, facts: list[tuple[str, str]]):
        rows = [[self.para(label, "head"), self.para(value, "body")] for label, value in facts]
        return ruled_table(rows, [self.width * 0.28, self.width * 0.72], header=False)

    def name(self, person_id: str) -> str:
        person = self.session.get(Person, person_id)
        return person.full_name if person is not None else ""

    # --- one programme -----------------------------------------------------------------------------------
    def programme(self, report: ProgrammeReport) -> list:
        programme = report.programme
        story: list = [self.para(programme.name, "heading"), self.facts(self._about(programme))]
        story += self._pairs(report)
        story += self._activities(report)
        story += self._backfill(report)
        story += self._polls(programme)
        story += self._themes(programme)
        return story

    def _about(self, programme: Programme) -> list[tuple[str, str]]:
        if programme.starts_on and programme.ends_on:
            dates = _("{first} to {last}").format(first=format_uk(programme.starts_on),
                                                  last=format_uk(programme.ends_on))  # fmt: skip
        else:
            dates = format_uk(programme.starts_on) if programme.starts_on else _("Not set")
        commitment = _("{side_a}: {hours_a} each; {side_b}: {hours_b} each").format(
            side_a=programme.side_a_name, hours_a=format_hours(programme.side_a_minutes),
            side_b=programme.side_b_name, hours_b=format_hours(programme.side_b_minutes))  # fmt: skip
        required = "; ".join(_("{kind}: {count} per pair").format(
            kind=_(ACTIVITY_KINDS.get(item["kind"], item["kind"])), count=item["count"])
            for item in programme.required_activities)  # fmt: skip
        facts = [(_("Kind"), _(PROGRAMME_KINDS.get(programme.kind, programme.kind))), (_("Dates"), dates),
                 (_("Time each person commits"), commitment), (_("Required activities"), required or _("None"))]
        return facts + [(_("Backfill"), self._backfill_terms(programme))]

    def _backfill_terms(self, programme: Programme) -> str:
        if programme.backfill_side is None:
            return _("None paid on this programme")
        rates = payment_rates(self.session)
        day = programme.backfill_day_pence if programme.backfill_day_pence is not None else rates.day_pence
        half = (programme.backfill_half_day_pence if programme.backfill_half_day_pence is not None
                else rates.half_day_pence)  # fmt: skip
        cap = programme.backfill_cap_half_days
        if cap is None:
            cap = get_setting(self.session, "backfill_cap_half_days")
        side = programme.side_a_name if programme.backfill_side == "a" else programme.side_b_name
        terms = _("For each {side}: {day} a day, {half} a half day").format(
            side=side, day=format_pounds(day), half=format_pounds(half))  # fmt: skip
        if cap is not None:
            terms += "; " + ngettext("up to {n} half day each", "up to {n} half days each", cap).format(n=cap)
        return terms

    def _pair_label(self, report: ProgrammeReport, number: int, pair_id: str) -> str:
        if not self.named:
            return _("Pair {n}").format(n=number)
        pair = next(p.pair for p in report.pairs if p.pair.id == pair_id)
        return _("Pair {n}: {a} and {b}").format(n=number, a=self.name(pair.side_a_person_id),
                                                 b=self.name(pair.side_b_person_id))  # fmt: skip

    def _pairs(self, report: ProgrammeReport) -> list:
        programme = report.programme
        story: list = [self.para(_("Pairs"), "area")]
        if not report.pairs:
            return story + [self.para(_("No pairs yet."), "body")]
        numbers = {p.pair.id: n for n, p in enumerate(report.pairs, start=1)}
        rows, bars = [], []
        for progress in report.pairs:
            pair, number = progress.pair, numbers[progress.pair.id]
            status = _(PAIR_STATUSES.get(pair.status, pair.status))
            if pair.replaces_id in numbers:
                status = _("{status} (replaces pair {n})").format(status=status, n=numbers[pair.replaces_id])
            span = format_uk(pair.starts_on) + (f" – {format_uk(pair.ends_on)}" if pair.ends_on else "")
            behind = progress.behind and pair.status in ("active", "paused")
            rows.append([self._pair_label(report, number, pair.id), status, span,
                         str(report.activity_counts.get(pair.id, 0)), _hours_of(progress.side_a),
                         _hours_of(progress.side_b), _("Yes") if behind else _("No")])  # fmt: skip
            bars.append(Compared(_("Pair {n}").format(n=number), _h(progress.side_a.logged_minutes),
                                 _hours_h(progress.side_a.logged_minutes), _h(progress.side_b.logged_minutes),
                                 _hours_h(progress.side_b.logged_minutes),
                                 (_h(programme.side_a_minutes), _h(programme.side_b_minutes))))  # fmt: skip
        heads = [_("Pair"), _("Status"), _("Dates"), _("Activities"), _("{side} hours").format(
            side=programme.side_a_name), _("{side} hours").format(side=programme.side_b_name), _("Falling behind")]
        # Wide enough for "Established", "Activities" and "05/08/2026" on one line each, in the small header.
        shares = ((0.22, 0.14, 0.14, 0.115, 0.14, 0.14, 0.105) if self.named
                  else (0.1, 0.2, 0.17, 0.115, 0.15, 0.15, 0.115))  # fmt: skip
        story.append(self.table(heads, rows, shares, figures_from=3, head_size=SMALL))
        story.append(self.para(_("Hours logged of the hours each person commits. Falling behind: less than three "
                                 "quarters of the time due by now is logged."), "note"))  # fmt: skip
        chart = compared_chart(bars, self.width, (programme.side_a_name, programme.side_b_name),
                               target_name=_("Commitment"))  # fmt: skip
        return story + chart_block(_("Hours logged against commitment"), chart, self.styles)

    def _activities(self, report: ProgrammeReport) -> list:
        required = {item["kind"]: int(item["count"]) for item in report.programme.required_activities}
        if not required or not report.pairs:
            return []
        kinds = list(required)
        rows = []
        for number, progress in enumerate(report.pairs, start=1):
            missing = progress.side_a.activities_missing
            rows.append([_("Pair {n}").format(n=number)] + [
                _("{done} of {required}").format(done=required[k] - missing.get(k, 0), required=required[k])
                for k in kinds])  # fmt: skip
        first = 0.22
        share = (1 - first) / len(kinds)
        heads = [_("Pair")] + [_(ACTIVITY_KINDS.get(k, k)) for k in kinds]
        return [self.para(_("Required activities done"), "area"),
                self.table(heads, rows, (first,) + (share,) * len(kinds), figures_from=1)]  # fmt: skip

    def _backfill(self, report: ProgrammeReport) -> list:
        if report.programme.backfill_side is None:
            return []
        story: list = [self.para(_("Backfill"), "area")]
        lines = report.backfill
        totals = [format_pounds(sum(x.claimed_pence for x in lines)), format_pounds(sum(x.due_pence for x in lines))]
        if self.named:
            rows = [[self.name(x.person_id), str(x.half_days_earned), format_pounds(x.claimed_pence),
                     format_pounds(x.due_pence)] for x in lines]  # fmt: skip
            rows.append([_("All participants"), str(sum(x.half_days_earned for x in lines)), *totals])
            heads = [_("Participant"), _("Half days logged"), _("Claimed"), _("Still due")]
            return story + [self.table(heads, rows, (0.43, 0.19, 0.19, 0.19), figures_from=1)]
        rows = [[str(len(lines)), str(sum(x.half_days_earned for x in lines)), *totals]]
        heads = [_("Participants"), _("Half days logged"), _("Claimed"), _("Still due")]
        return story + [self.table(heads, rows, (0.25, 0.25, 0.25, 0.25), figures_from=0),
                        self.para(_("Claimed counts claims from draft to paid; still due is what logged time "
                                    "earns under the limit and no claim pays yet."), "note")]  # fmt: skip

    def _polls(self, programme: Programme) -> list:
        results = poll_results(self.session, programme.id)
        story: list = [self.para(_("Impact polls"), "area")]
        if not results:
            return story + [self.para(_("No poll questions yet."), "body")]
        rows = [[r.wording, _round(r.start_average, r.start_count), _round(r.interval_average, r.interval_count),
                 _round(r.end_average, r.end_count), "" if r.change is None else f"{r.change:+}"]
                for r in results]  # fmt: skip
        heads = [_("Question"), _("At start"), _("In between (latest)"), _("At end"), _("Change start to end")]
        story.append(self.table(heads, rows, (0.4, 0.15, 0.15, 0.15, 0.15), figures_from=1))
        policy = disclosure_policy(self.session)
        fewest = next(n for n in range(1, 100) if not policy.is_small(n))
        story.append(self.para(_("The average answer from 1 (lowest) to 5 (highest) and how many answered: each "
                                 "person's latest answer in a round, in aggregate only. An average over fewer than "
                                 "{n} answers is not shown, so nobody's answer can be told.").format(n=fewest),
                               "note"))  # fmt: skip
        return story + self._poll_chart(results)

    def _poll_chart(self, results: list[ItemResult]) -> list:
        ended = any(r.end_count for r in results)
        later = _("At end") if ended else _("In between (latest)")
        rows = []
        for r in results:
            after, count = (r.end_average, r.end_count) if ended else (r.interval_average, r.interval_count)
            rows.append(Compared(r.wording, _f(r.start_average), _average(r.start_average, r.start_count) or "–",
                                 _f(after), _average(after, count) or "–"))  # fmt: skip
        if not any(row.first is not None or row.second is not None for row in rows):
            return [self.para(_("Too few answers to chart yet."), "note")]
        # The questions are the labels: they get half the width, and a long one is cut with "…".
        chart = compared_chart(rows, self.width, (_("At start"), later), scale=5, label_share=0.5)
        title = _("Average answer, start to end (1 to 5)") if ended else _("Average answer, start to now (1 to 5)")
        return chart_block(title, chart, self.styles)

    def _themes(self, programme: Programme) -> list:
        themes = themes_of(self.session, programme.id)
        story: list = [self.para(_("Themes for the steering group"), "area")]
        if not themes:
            return story + [self.para(_("No themes noted yet."), "body")]
        rows = [[format_uk(t.noted_on), t.theme] for t in themes]
        return story + [self.table([_("Noted on"), _("Theme")], rows, (0.16, 0.84))]


def _h(minutes: int) -> float:
    return minutes / 60  # only to size a bar; every printed figure comes from the whole minutes


def _f(average: Decimal | None) -> float | None:
    return None if average is None else float(average)


def _hours(minutes: int) -> str:
    """Whole minutes as hours to at most two places, as a table prints them: "4.5", "15", "7.25"."""
    return f"{hours(minutes).normalize():f}"


def _hours_h(minutes: int) -> str:
    return _("{hours} h").format(hours=_hours(minutes))


def _hours_of(progress) -> str:
    return _("{logged} of {expected}").format(logged=_hours(progress.logged_minutes),
                                              expected=_hours(progress.expected_minutes))  # fmt: skip


def _round(average: Decimal | None, answered: int) -> str:
    """A round's cell: the average over the line saying how many answered; a dash when nobody did."""
    if not answered:
        return "–"
    return _average(average, answered) + "\n" + ngettext("{n} answered", "{n} answered", answered).format(n=answered)


def _average(average: Decimal | None, answered: int) -> str:
    """An average as printed: blank when nobody answered, words when too few did for it to be shown."""
    if average is None:
        return _(TOO_FEW) if answered else ""
    return f"{average}"


def _story(session: Session, reports: list[ProgrammeReport], named: bool, width: float, title: str) -> list:
    from reportlab.platypus import PageBreak

    writer = _Writer(session, width, named)
    story: list = [writer.para(title, "title")]
    organisation = get_setting(session, "organisation_name") or ""
    if organisation:
        story.append(writer.para(organisation, "organisation"))
    story.append(writer.facts([
        (_("Made on"), long_date(today_uk())),
        (_("Names included"), _("Yes: partners and participants are named") if named
         else _("No: pairs are numbered and nobody is named")),
        (_("Programmes"), str(len(reports))),
    ]))  # fmt: skip
    if not reports:
        story.append(writer.para(_("There are no programmes yet. Add one on the Programmes page."), "body"))
    for number, report in enumerate(reports):
        if number:
            story.append(PageBreak())
        story += writer.programme(report)
    return story


@audited("programme_report", named="named", rows=len)
def export_programme_report(session: Session, path: Path, *, programme_id: str | None = None,
                            named: bool = False) -> list[ProgrammeReport]:  # fmt: skip
    """Write the programme report (one programme, or every programme not in the Bin) as an A4 PDF at path and return
    the reports it printed. Names nobody unless named. Raises ExportError in plain words when the file can't be
    saved, NotFound when the programme was erased and ValidationError when it is in the Bin."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    path = destination(path)
    if programme_id is not None:
        reports = [programme_report(session, live_programme(session, programme_id))]
        title = reports[0].programme.name
    else:
        reports = all_reports(session)
        title = _("Mentoring and buddying programmes")
    _register_fonts()
    margin = 18 * mm
    footer = _("Programme report · {day} · {names}").format(
        day=format_uk(today_uk()), names=_("names included") if named else _("names nobody"))  # fmt: skip

    def number_pages(canvas, doc) -> None:
        draw_footer(canvas, A4[0], margin, SMALL, footer, doc.page)

    build_pdf(path, lambda width: _story(session, reports, named, width, title), number_pages, pagesize=A4,
              initialFontSize=BODY, leftMargin=margin, rightMargin=margin, topMargin=margin,
              bottomMargin=margin + SMALL, title=title, subject=_("Programme report"))  # fmt: skip
    log.info("programme report PDF written: %d programmes", len(reports))
    return reports
