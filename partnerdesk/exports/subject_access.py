"""The subject access export: everything held about one person (services.people.subject_access), as a spreadsheet
with one sheet per kind of record and every field, or as a readable PDF with one small table per record.

Both record the export in the audit log as "subject_access" (the person's id, how many records, whether confidential
notes were included), in a writing transaction of their own (exports.audited). reportlab and openpyxl load only
when a file is written.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON
from sqlalchemy.orm import Session

from partnerdesk.exports.audited import record_separately
from partnerdesk.exports.full import Field, _kind, _xlsx_value
from partnerdesk.exports.sheet_layout import fitted_sheet
from partnerdesk.exports.xlsx import Column, destination, xlsx_file
from partnerdesk.i18n import _
from partnerdesk.records import vocab as v
from partnerdesk.rules.dates import UK, format_uk, today_uk
from partnerdesk.rules.money import format_pounds
from partnerdesk.services.people.subject_access import HeldAbout, Section, gather

#: How the PDF shows a field with nothing in it (such fields are left out of its tables).
EMPTY = "—"
#: A spreadsheet sheet's name can be at most this long.
LONGEST_SHEET_TITLE = 31


def export_subject_access(session: Session, person_id: str, path: Path, *, include_confidential: bool = False) -> int:
    """Write everything held about the person to path: .pdf for the readable copy, else an xlsx spreadsheet.
    Returns how many records were written. Raises NotFound, or ExportError in plain words."""
    path = destination(path)
    held = gather(session, person_id, include_confidential=include_confidential)
    if path.suffix.lower() == ".pdf":
        _write_pdf(held, path)
    else:
        _write_xlsx(held, path)
    record_separately(session, "subject_access", object_kind="person", object_id=person_id,
                      rows=held.row_count, confidential_included=include_confidential,
                      file_type=path.suffix.lstrip(".").lower())  # fmt: skip
    return held.row_count


def _sheet_title(section: Section, used: set[str]) -> str:
    base = section.table.name[:LONGEST_SHEET_TITLE]
    title, n = base, 2
    while title in used:
        title = f"{base[:LONGEST_SHEET_TITLE - 3]}_{n}"
        n += 1
    used.add(title)
    return title


def _write_xlsx(held: HeldAbout, path: Path) -> None:
    used: set[str] = set()
    with xlsx_file(path) as workbook:
        for section in held.sections:
            chosen = [Field(column, column.name, _kind(column)) for column in section.columns]
            values = [[_xlsx_value(f, row[f.column.name]) for f in chosen] for row in section.rows]
            columns = [Column(f.heading, kind=f.kind) for f in chosen]
            sheet = fitted_sheet(workbook, _sheet_title(section, used), columns, values)
            for row in values:
                sheet.append(row)
            sheet.finish()


#: Coded fields shown in words in the PDF, by table and column (the spreadsheet keeps the codes, as stored).
_WORDS = {
    ("people", "status"): v.STATUSES, ("person_roles", "role"): v.ROLES, ("people", "language"): v.LANGUAGES,
    ("people", "preferred_contact"): v.CONTACT_METHODS, ("people", "papers_format"): v.PAPER_FORMATS,
    ("people", "payment_preference"): v.PAYMENT_PREFERENCES, ("people", "consent_how"): v.CONSENT_METHODS,
    ("people", "access_needs"): v.ACCESS_NEEDS, ("attendance", "attendance"): v.ATTENDANCE,
    ("attendance", "papers_format"): v.PAPER_FORMATS, ("claims", "status"): v.CLAIM_STATUSES,
    ("claims", "payment_method"): v.PAYMENT_METHODS,
}  # fmt: skip


def _shown(column: Any, value: Any) -> str:
    """A value as a person reads it in the PDF: UK dates, pounds, yes/no, codes and lists as words."""
    if value is None or value == "" or value == []:
        return EMPTY
    words = _WORDS.get((column.table.name, column.name))
    if words is not None:
        values = value if isinstance(value, list) else [value]
        return ", ".join(_(words[code]) if code in words else str(code) for code in values)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if column.name.endswith("_pence") and isinstance(value, int):
        return format_pounds(value)
    if isinstance(value, datetime):
        moment = value.astimezone(UK)
        return f"{format_uk(moment.date())} {moment:%H:%M}"
    if isinstance(value, date):
        return format_uk(value)
    if isinstance(column.type, JSON):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else json.dumps(value, ensure_ascii=False)
    return str(value)


def _described(held: HeldAbout, column: Any, value: Any) -> str:
    """A value for the PDF, where an id of a meeting, committee or course comes with what it is in words."""
    shown = _shown(column, value)
    words = held.described.get(value) if isinstance(value, str) else None
    return f"{words} ({shown})" if words else shown


def _label_for(held: HeldAbout, column: Any, value: Any) -> str:
    """A field's label in the PDF: "Committee" rather than "Committee id" where the committee is named."""
    named = isinstance(value, str) and value in held.described
    return _label(column.name.removesuffix("_id") if named else column.name)


def _label(name: str) -> str:
    """A column's name as a label: "consent_review_on" → "Consent review on"."""
    words = name.removesuffix("_pence").replace("_", " ")
    return words[:1].upper() + words[1:]


def _write_pdf(held: HeldAbout, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    from partnerdesk.exports.pdf_kit import (
        build_pdf,
        draw_footer,
        heading_style,
        paragraph_style,
        paragraph_text,
        register_fonts,
    )

    register_fonts()
    margin = 16 * mm
    title = paragraph_style("title", 18, bold=True, spaceAfter=4)
    body = paragraph_style("body", 10, spaceAfter=6)
    heading = heading_style("heading", 13, spaceBefore=12, spaceAfter=4)
    cell, cell_head = paragraph_style("cell", 9), paragraph_style("cell_head", 9, bold=True)
    person = held.sections[0].rows[0] if held.sections and held.sections[0].table.name == "people" else {}
    name = str(person.get("full_name") or "")

    def story(width: float) -> list:
        parts: list = [
            Paragraph(_("Everything we hold about {name}").format(name=paragraph_text(name)), title),
            Paragraph(_("Prepared on {day} in answer to a subject access request. Each section is one kind of "
                        "record; each table is one record, with every field that holds something (the spreadsheet "
                        "copy has every field, empty or not). Where a record also involves someone else, only "
                        "their record number is given.").format(
                day=format_uk(today_uk())), body),  # fmt: skip
            Paragraph(_("Confidential notes are included.") if held.confidential_included else
                      _("Confidential notes are not included in this copy."), body),  # fmt: skip
        ]
        for section in held.sections:
            parts.append(Paragraph(f"{paragraph_text(section.title)} ({len(section.rows)})", heading))
            for row in section.rows:
                grid = [[Paragraph(paragraph_text(_label_for(held, c, row[c.name])), cell_head),
                         Paragraph(paragraph_text(_described(held, c, row[c.name])), cell)]
                        for c in section.columns if _shown(c, row[c.name]) != EMPTY]  # fmt: skip
                if not grid:
                    continue
                table = Table(grid, colWidths=[width * 0.3, width * 0.7])
                table.setStyle(TableStyle([
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0f0f0")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]))  # fmt: skip
                parts.append(KeepTogether([table, Spacer(1, 6)]) if len(grid) <= 12 else table)
                if len(grid) > 12:
                    parts.append(Spacer(1, 6))
        return parts

    def number_pages(canvas, doc) -> None:
        draw_footer(canvas, A4[0], margin, 8.5, _("Subject access: {name}").format(name=name), doc.page)

    build_pdf(path, story, number_pages, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
              bottomMargin=margin + 8, title=_("Everything we hold about one person"),
              subject=_("Subject access"))  # fmt: skip

