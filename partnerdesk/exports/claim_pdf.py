"""A printable expense claim form (PDF): who, what for, each line with how it was worked out, the total, a
declaration and spaces to sign for the claimant and the approver.

Drawn in DejaVu Sans (registered by exports.meeting_pdf), so names such as Łukasz or Tŷ Gwyn print as spelt.
reportlab is imported only when a form is printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from partnerdesk.exports.audited import audited
from partnerdesk.i18n import N_, _

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

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
from partnerdesk.records import vocab as v
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.expenses import claim_reference, financial_year_label
from partnerdesk.rules.meetings import uk_date
from partnerdesk.rules.money import format_pounds
from partnerdesk.rules.payments import BENEFITS_NOTE, EXPENSE_CATEGORIES, PAYMENTS_FOR_TIME
from partnerdesk.services.common.errors import NotFound
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.expenses.claims import get_claim
from partnerdesk.services.expenses.lines import claim_lines

DECLARATION = (
    N_("I declare that the expenses on this form were spent by me on the organisation's business, that I have not "
    "claimed them before or from anyone else, and that the receipts attached are genuine.")
)


def _styles() -> dict:
    from reportlab.lib import colors

    style = paragraph_style
    return {
        "title": style("title", 18, bold=True, spaceAfter=2),
        "subtitle": style("subtitle", 11, textColor=colors.HexColor("#444444"), spaceAfter=8),
        "heading": heading_style("heading", 12, spaceBefore=10, spaceAfter=4),
        "body": style("body", 10),
        "label": style("label", 10, bold=True),
        "cell": style("cell", 9.5),
        "cell_head": style("cell_head", 9.5, bold=True),
        "money": style("money", 9.5, alignment=2),
        "money_bold": style("money_bold", 10, bold=True, alignment=2),
        "small": style("small", 8.5, textColor=colors.HexColor("#444444")),
        "banner": style("banner", 12, bold=True, textColor=colors.white, backColor=colors.HexColor("#B00020"),
                        borderPadding=(4, 6, 4, 6), spaceBefore=4, spaceAfter=10),
    }  # fmt: skip


def _grid(data: list, widths: list[float], head: bool = True, extra: list | None = None):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(data, colWidths=widths, repeatRows=1 if head else 0)
    commands = [
        ("FONT", (0, 0), (-1, -1), FONT, 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if head:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4E8EE")))
    table.setStyle(TableStyle(commands + (extra or [])))
    return table


def _story(session: Session, claim, width: float) -> list:
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    s = _styles()
    lines = claim_lines(session, claim.id)
    required = set(get_setting(session, "receipt_categories"))
    story: list[Flowable] = [
        Paragraph(_("Expense claim"), s["title"]),
        Paragraph(f"{claim_reference(claim.id)} · {paragraph_text(v.label(v.CLAIM_STATUSES, claim.status))}",
                  s["subtitle"]),
    ]
    if claim.status == "void":
        story.append(
            Paragraph(_("Void: {paragraph_text}").format(paragraph_text=paragraph_text(claim.void_reason)), s["banner"])
        )
    elif claim.status == "rejected":
        story.append(Paragraph(_("Rejected: {paragraph_text}").format(
            paragraph_text=paragraph_text(claim.rejected_reason),
        ), s["banner"]))
    facts = [(_("Name"), claim.person.full_name), (_("Date of claim"), format_uk(claim.claim_date))]
    if claim.budget_heading:
        heading = claim.budget_heading
        facts.append((_("Budget heading"), f"{heading.name} ({financial_year_label(heading.financial_year)})"))
    if claim.programme:
        facts.append((_("Programme"), claim.programme))
    if claim.meeting:
        facts.append((_("Meeting"), f"{claim.meeting.title}, {format_uk(uk_date(claim.meeting.starts_at))}"))
    if claim.notes:
        facts.append((_("Notes"), claim.notes))
    table = Table([[Paragraph(k, s["label"]), Paragraph(paragraph_text(val), s["body"])] for k, val in facts],
                  colWidths=[width * 0.22, width * 0.78])  # fmt: skip
    table.setStyle(TableStyle([
        # Every cell in our font (an empty one would otherwise name Helvetica), labels level with their values.
        ("FONT", (0, 0), (-1, -1), FONT, 10), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))  # fmt: skip
    story += [table, Paragraph(_("What is claimed"), s["heading"])]

    def cell(text: str, style: str = "cell"):
        return Paragraph(text, s[style])

    heads = (_("Date"), _("Kind"), _("Details"), _("Receipt"), _("Amount"))
    data: list[list[Flowable | str]] = [[cell(h, "cell_head") for h in heads]]
    for line in lines:
        details = paragraph_text(line.description)
        if line.working:
            details += ("<br/>" if details else "") + f'<font color="#444444">{paragraph_text(line.working)}</font>'
        has = any(r.deleted_at is None for r in line.receipts)
        receipt = _("Attached") if has else (_("<b>Missing</b>") if line.category in required else _("Not needed"))
        data.append([cell(format_uk(line.day)), cell(paragraph_text(_(EXPENSE_CATEGORIES[line.category]))),
                     cell(details), cell(receipt), cell(format_pounds(line.amount_pence), "money")])  # fmt: skip
    data.append(["", "", "", cell(_("<b>Total</b>")), cell(format_pounds(claim.total_pence), "money_bold")])
    shares = (0.14, 0.18, 0.39, 0.15, 0.14)  # Receipt wide enough that "Attached" never wraps
    story.append(_grid(data, [width * x for x in shares], extra=[("SPAN", (0, -1), (2, -1))]))
    if any(line.category in PAYMENTS_FOR_TIME for line in lines):
        story += [Spacer(1, 6), Paragraph(paragraph_text(_(BENEFITS_NOTE)), s["small"])]
    if claim.status == "paid":
        how = v.label(v.PAYMENT_METHODS, claim.payment_method)
        paid = _("Paid on {paid_on} by {paragraph_text}").format(
            paid_on=format_uk(claim.paid_on),
            paragraph_text=paragraph_text(how),
        )
        story += [Spacer(1, 6), Paragraph(paid + (_(", reference {paragraph_text}").format(
            paragraph_text=paragraph_text(claim.payment_reference),
        )
                                                  if claim.payment_reference else "") + ".", s["body"])]  # fmt: skip

    story += [Paragraph(_("Declaration"), s["heading"]), Paragraph(_(DECLARATION), s["body"]), Spacer(1, 8)]
    story.append(Paragraph(_("Signatures"), s["heading"]))
    approver = claim.approved_by.full_name if claim.approved_by else ""
    approved_on = format_uk(claim.approved_at.date()) if claim.approved_at else ""
    sign = [
        [
            cell("", "cell_head"),
            cell(_("Name"), "cell_head"),
            cell(_("Signature"), "cell_head"),
            cell(_("Date"), "cell_head"),
        ],
        [cell(_("<b>Claimant</b>")), cell(paragraph_text(claim.person.full_name)), "", ""],
        [cell(_("<b>Approved by</b>")), cell(paragraph_text(approver)), "", cell(approved_on)],
    ]
    story.append(_grid(sign, [width * x for x in (0.18, 0.3, 0.34, 0.18)], extra=[
        ("BOTTOMPADDING", (0, 1), (-1, -1), 18), ("TOPPADDING", (0, 1), (-1, -1), 8)]))  # fmt: skip
    story += [
        Spacer(1, 8),
        Paragraph(_("Printed from PartnerDesk on {today_uk}.").format(today_uk=format_uk(today_uk())), s["small"]),
    ]
    return story


@audited("claim_form", one="claim")
def write_claim_form(session: Session, claim_id: str, path: Path) -> None:
    """Write a claim's form as an A4 PDF at path (replacing any file there only once complete).

    Raises ExportError, in plain words, when the claim can't be found or the file can't be saved.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    path = destination(path)
    try:
        claim = get_claim(session, claim_id)
    except NotFound as why:
        raise ExportError(str(why)) from None
    register_fonts()
    margin = 16 * mm
    footer = f"{claim_reference(claim.id)} · {claim.person.full_name}"

    def number_pages(canvas, doc) -> None:
        draw_footer(canvas, A4[0], margin, 8.5, footer, doc.page)

    build_pdf(path, lambda width: _story(session, claim, width), number_pages, pagesize=A4, initialFontSize=10,
              leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin + 8,
              title=_("Expense claim {claim_reference}").format(claim_reference=claim_reference(claim.id)),
              subject=_("Expense claim form"))  # fmt: skip
