"""A printable supervision record (PDF) for the supervisor and supervisee(s) to sign and both keep a copy.

It holds the date, type, who was there, topics, agreed actions with owners and dates, the next due date, and a
signature block for each person. The notes are confidential: they are printed only when the worker asks for
them (include_notes), and then only through services.wellbeing.confidential.read_confidential_notes, the one gate for
confidential text. Drawn in DejaVu Sans like the meeting sheets (exports.meeting_pdf).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

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
from partnerdesk.records.people import Person
from partnerdesk.rules import roles
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.supervision import SESSION_TYPES, SUPERVISION_TOPICS
from partnerdesk.services.common.access import require
from partnerdesk.services.common.errors import NotFound
from partnerdesk.services.wellbeing.confidential import read_confidential_notes
from partnerdesk.services.wellbeing.supervision import get_session
from partnerdesk.services.wellbeing.supervision_actions import supervision_actions

BODY, SMALL = 10.5, 9


def _styles() -> dict:
    from reportlab.lib import colors

    style = paragraph_style
    return {
        "title": style("title", 18, bold=True, spaceAfter=2),
        "subtitle": style("subtitle", 11, textColor=colors.HexColor("#8A1C1C"), spaceAfter=10),
        "heading": heading_style("heading", 13, spaceBefore=12, spaceAfter=4),
        "label": style("label", BODY, bold=True),
        "body": style("body", BODY),
        "small": style("small", SMALL, textColor=colors.HexColor("#444444")),
    }


def _table(rows: list[list], widths: list[float], header: bool = False):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, BODY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    if header:
        commands += [("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor("#555555")),
                     ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4E8EE"))]  # fmt: skip
    else:
        commands.append(("LEFTPADDING", (0, 0), (0, -1), 0))
    table.setStyle(TableStyle(commands))
    return table


def _story(session: Session, record, include_notes: bool, width: float) -> list:
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    styles = _styles()

    def para(text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, styles[style])

    supervisor = session.get_one(Person, record.supervisor_id)
    supervisees = sorted((session.get_one(Person, a.person_id) for a in record.attendees), key=lambda p: p.full_name)
    topics = [
        _(SUPERVISION_TOPICS[code]) if code in SUPERVISION_TOPICS else code
        for code in record.topics or []
        if code != "other"
    ]
    if record.topics_other or "other" in (record.topics or []):
        topics.append(
            _("Other: {topics_other}").format(topics_other=record.topics_other) if record.topics_other else _("Other")
        )
    facts = [
        (_("Date"), f"{long_date(record.held_on)} ({format_uk(record.held_on)})"),
        (
            _("Type"),
            _("{kind} supervision").format(
                kind=_(SESSION_TYPES[record.kind]) if record.kind in SESSION_TYPES else record.kind
            ),
        ),
        (_("Supervisor"), supervisor.full_name),
        (_("Supervisee") if len(supervisees) == 1 else _("Supervisees"), ", ".join(p.full_name for p in supervisees)),
        (_("Topics"), "; ".join(topics) or _("None recorded")),
        (_("Next due"), format_uk(record.next_due_on) or _("Not set")),
    ]
    story = [
        para(_("Supervision record"), "title"),
        para(_("Confidential: for the people named here and their named managers only."), "subtitle"),
        _table(
            [[para(label, "label"), para(paragraph_text(value))] for label, value in facts],
            [width * 0.22, width * 0.78],
        ),  # fmt: skip
        para(_("Agreed actions"), "heading"),
    ]
    actions = supervision_actions(session, record.id)
    if actions:
        rows = [
            [para(_("Action"), "label"), para(_("Who"), "label"), para(_("By when"), "label"), para(_("Done"), "label")]
        ]
        rows += [[para(paragraph_text(a.description)), para(paragraph_text(a.owner)), para(format_uk(a.due_on)),
                  para(format_uk(a.done_on))] for a in actions]  # fmt: skip
        story.append(_table(rows, [width * 0.44, width * 0.24, width * 0.16, width * 0.16], header=True))
    else:
        story.append(para(_("No actions were agreed.")))
    story.append(para(_("Notes"), "heading"))
    if include_notes:
        # The export's own audit entry says the notes were included (exports.audited): this session only reads.
        notes = read_confidential_notes(session, "supervision_session", record.id, audited=False)["notes"]
        story.append(para(paragraph_text(notes) or _("No notes were written.")))
    else:
        story.append(para(_("The notes are confidential and are not printed on this copy."), "small"))
    story.append(para(_("Signatures"), "heading"))
    signers = [(supervisor.full_name, _("Supervisor"))] + [(p.full_name, _("Supervisee")) for p in supervisees]
    line = "_" * 34
    rows = [[para(f"<b>{paragraph_text(name)}</b><br/>{role}"), para(_("Signed<br/><br/>{line}").format(line=line)),
             para(_("Date<br/><br/>{value}").format(value='_' * 14))] for name, role in signers]  # fmt: skip
    story.append(KeepTogether([_table(rows, [width * 0.36, width * 0.42, width * 0.22]), Spacer(1, 6)]))
    story.append(para(_("Printed from PartnerDesk on {today_uk}. Both keep a copy.").format(
        today_uk=format_uk(today_uk()),
    ), "small"))
    return story


@audited("supervision_record", one="supervision_session")
def write_supervision_record(session: Session, session_id: str, path: Path, *, include_notes: bool = False) -> None:
    """Write a supervision session's record as a PDF at path, for the supervisor and supervisee(s) to sign.

    include_notes prints the confidential notes (read through services.wellbeing.confidential); leave it False for
    a copy that may be seen by others. Raises ExportError in plain words when the session can't be found or saved.
    """
    require(roles.SUPERVISION_READ)
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    path = destination(path)
    try:
        record = get_session(session, session_id)
    except NotFound as why:
        raise ExportError(str(why)) from None
    register_fonts()
    margin = 18 * mm

    def number_pages(canvas, doc) -> None:
        footer = _("Supervision record · {held_on} · Confidential").format(
            held_on=format_uk(record.held_on),
        )
        draw_footer(canvas, A4[0], margin, SMALL, footer, doc.page)

    build_pdf(path, lambda width: _story(session, record, include_notes, width), number_pages, pagesize=A4,
              initialFontSize=BODY, leftMargin=margin, rightMargin=margin, topMargin=margin,
              bottomMargin=margin + SMALL,
              title=_("Supervision record {held_on}").format(held_on=format_uk(record.held_on)),
              subject=_("Supervision record"))  # fmt: skip
