"""A printable meeting cover and attendance sheet (PDF), in ordinary or large print.

The cover says what, when (London time), where or how to join, access arrangements and who to contact; the sheet
lists everyone invited with a box to tick (or what was recorded), a space to sign, and the papers format each
person asked for and was sent. Large print uses 16 pt or more for every piece of text.

reportlab is imported only here, when a sheet is printed: it costs time at start-up that most sessions never need.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

from partnerdesk.exports.audited import audited
from partnerdesk.exports.pdf_kit import (
    FONT,
    build_pdf,
    draw_footer,
    heading_style,
    paragraph_style,
    paragraph_text,
    register_fonts,
)
from partnerdesk.exports.xlsx import ExportError, destination
from partnerdesk.i18n import _, long_date
from partnerdesk.records import vocab as v
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.meetings import uk_times
from partnerdesk.services.common.errors import NotFound
from partnerdesk.services.meetings.attendance import Invitation, invitations
from partnerdesk.services.meetings.meetings import get_meeting

#: Empty rows at the foot of the sheet for people who come but were not on the list (a back-up found on the day).
SPARE_ROWS = 2
TICK_BOX = "\u2610"  # ☐


@dataclass(frozen=True)
class _Sizes:
    body: float
    small: float
    title: float
    heading: float
    row_height: float  # the least height of a row in the attendance table, room for a signature


_NORMAL = _Sizes(body=10.5, small=9, title=18, heading=13, row_height=26)
_LARGE = _Sizes(body=16, small=16, title=26, heading=20, row_height=40)


def _styles(sizes: _Sizes) -> dict:
    from reportlab.lib import colors

    def style(name: str, size: float, bold: bool = False, **extra):
        return paragraph_style(name, size, bold, leading=1.25, **extra)

    return {
        "organisation": style("organisation", sizes.body, textColor=colors.HexColor("#444444")),
        "title": style("title", sizes.title, bold=True, spaceAfter=2),
        "subtitle": style("subtitle", sizes.heading, spaceAfter=8),
        "heading": heading_style("heading", sizes.heading, leading=1.25, spaceBefore=10,
                                 spaceAfter=4),
        "label": style("label", sizes.body, bold=True),
        "body": style("body", sizes.body),
        "cell": style("cell", sizes.body),
        "cell_head": style("cell_head", sizes.body, bold=True),
        "small": style("small", sizes.small, textColor=colors.HexColor("#444444")),
        "cancelled": style(
            "cancelled", sizes.heading, bold=True, textColor=colors.white, backColor=colors.HexColor("#B00020"),
            borderPadding=(4, 6, 4, 6), spaceBefore=4, spaceAfter=10,
        ),
    }  # fmt: skip


def _when(meeting) -> str:
    day, start, end = uk_times(meeting.starts_at, meeting.ends_at)
    return _("{day} ({day2}), {start:%H:%M} to {end:%H:%M} UK time").format(
        day=long_date(day),
        day2=format_uk(day),
        start=start,
        end=end,
    )


def _where(meeting) -> list[tuple[str, str]]:
    rows = [(_("How"), paragraph_text(v.label(v.MEETING_MODES, meeting.mode)))]
    if meeting.mode in ("in_person", "hybrid"):
        rows.append((_("Venue"), paragraph_text(meeting.venue) or _("To be confirmed")))
    if meeting.mode in ("online", "hybrid"):
        rows.append((_("Joining details"), paragraph_text(meeting.joining_details) or _("To be sent")))
    if meeting.access_notes:
        rows.append((_("Access"), paragraph_text(meeting.access_notes)))
    contact_name = meeting.contact_name or (meeting.contact_person.full_name if meeting.contact_person else None)
    parts = (contact_name, meeting.contact_phone, meeting.contact_email)
    contact = ", ".join(paragraph_text(part) for part in parts if part)
    if contact:
        rows.append((_("Contact"), contact))
    return rows


def _wanted(person: Invitation) -> str:
    """The papers format a person asked for, in their own words when they chose "Other (say which)"."""
    if person.wanted_format is None:
        return _("No preference")
    label = v.label(v.PAPER_FORMATS, person.wanted_format).replace(" (say which)", "")
    details = (person.wanted_details or "").strip()
    return f"{label}: {details}" if details else label


def _papers(person: Invitation) -> str:
    wanted = _wanted(person)
    if person.papers_sent_on is None:
        return _("Asks for: {paragraph_text}<br/>Not sent yet").format(
            paragraph_text=paragraph_text(wanted),
        )
    sent = v.label(v.PAPER_FORMATS, person.papers_format)
    words = _("Asks for: {paragraph_text}<br/>Sent {papers_sent_on}: {paragraph_text2}").format(
        paragraph_text=paragraph_text(wanted),
        papers_sent_on=format_uk(person.papers_sent_on),
        paragraph_text2=paragraph_text(sent),
    )
    if person.format_met is False:
        words += _(" (<b>not the format asked for</b>)")
    return words


def _attendance_table(people: list[Invitation], styles: dict, sizes: _Sizes, width: float):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    def cell(text: str, style: str = "cell") -> Paragraph:
        return Paragraph(text, styles[style])

    heads = [_("Name"), _("Back-up"), _("Papers"), _("Attendance"), _("Signature")]
    box = f'<font size="{sizes.body * 1.6:g}">{TICK_BOX}</font>'  # big enough to tick with a pen
    data: list[list[Flowable | str]] = [[cell(head, "cell_head") for head in heads]]
    for person in people:
        mark = paragraph_text(v.label(v.ATTENDANCE, person.attendance)) or box
        data.append(
            [
                cell(f"<b>{paragraph_text(person.person_name)}</b>"),
                cell(_("Yes") if person.is_backup else ""),
                cell(_papers(person), "cell"),
                cell(mark),
                "",
            ]
        )
    for _unused in range(SPARE_ROWS):
        data.append([cell(""), cell(""), cell(""), cell(box), ""])
    shares = (0.25, 0.13, 0.28, 0.17, 0.17)
    table = Table(data, colWidths=[width * share for share in shares], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                # Plain (empty) cells too: otherwise the table sets its default 10 pt Helvetica for them.
                ("FONT", (0, 0), (-1, -1), FONT, sizes.body),
                ("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor("#555555")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4E8EE")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                # Room under each name to sign.
                ("BOTTOMPADDING", (0, 1), (-1, -1), sizes.row_height / 3),
            ]
        )
    )
    return table


def _story(meeting, people: list[Invitation], sizes: _Sizes, width: float) -> list:
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    styles = _styles(sizes)
    story: list[Flowable] = []
    if meeting.committee is not None:
        story.append(Paragraph(paragraph_text(meeting.committee.organisation.name), styles["organisation"]))
        story.append(Paragraph(paragraph_text(meeting.committee.name), styles["title"]))
        story.append(Paragraph(paragraph_text(meeting.title), styles["subtitle"]))
    else:
        story.append(Paragraph(paragraph_text(meeting.title), styles["title"]))
        story.append(Paragraph(paragraph_text(v.label(v.MEETING_KINDS, meeting.kind)), styles["subtitle"]))
    if meeting.cancelled:
        reason = f": {paragraph_text(meeting.cancel_reason)}" if meeting.cancel_reason else ""
        story.append(Paragraph(_("This meeting is cancelled{reason}").format(reason=reason), styles["cancelled"]))

    facts = [(_("When"), paragraph_text(_when(meeting)))] + _where(meeting)
    label_width = width * (0.28 if sizes is _LARGE else 0.2)
    table = Table(
        [[Paragraph(label, styles["label"]), Paragraph(value, styles["body"])] for label, value in facts],
        colWidths=[label_width, width - label_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, sizes.body),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    story += [table, Spacer(1, 6)]

    story.append(Paragraph(_("Attendance"), styles["heading"]))
    invited = [person for person in people if person.invited]
    if not invited:
        story.append(Paragraph(_("Nobody has been invited yet: add names by hand below."), styles["body"]))
    story.append(_attendance_table(invited, styles, sizes, width))
    story.append(Spacer(1, 8))
    story.append(
        Paragraph(
            _("Tick the box for each person who comes. Printed from PartnerDesk on {today_uk}.").format(
                today_uk=format_uk(today_uk()),
            ),
            styles["small"],
        )
    )
    return story


@audited("attendance_sheet", one="meeting")
def write_attendance_sheet(session: Session, meeting_id: str, path: Path, *, large_print: bool = False) -> None:
    """Write a meeting's cover and attendance sheet as a PDF at path (replacing any file there only once complete).

    large_print draws every piece of text at 16 pt or more. Raises ExportError, in plain words, when the meeting
    can't be found or the file can't be saved.
    """
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm

    path = destination(path)
    try:
        meeting = get_meeting(session, meeting_id)
    except NotFound as why:
        raise ExportError(str(why)) from None
    people = invitations(session, meeting_id)
    register_fonts()
    sizes = _LARGE if large_print else _NORMAL

    margin = 16 * mm
    # Large print goes landscape so the attendance table's columns stay wide enough for 16 pt words.
    page = landscape(A4) if large_print else A4
    footer = f"{meeting.title} · {format_uk(uk_times(meeting.starts_at, meeting.ends_at)[0])}"

    def number_pages(canvas, doc) -> None:
        draw_footer(canvas, page[0], margin, sizes.small, footer, doc.page)

    build_pdf(path, lambda width: _story(meeting, people, sizes, width), number_pages, pagesize=page,
              initialFontSize=sizes.body, leftMargin=margin, rightMargin=margin, topMargin=margin,
              bottomMargin=margin + sizes.small, title=_("Attendance: {title}").format(title=meeting.title),
              subject=_("Meeting cover and attendance sheet"))  # fmt: skip
