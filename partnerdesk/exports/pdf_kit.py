"""What every PartnerDesk PDF shares: the DejaVu Sans fonts, paragraph styles, safe paragraph text and saving without
half-written files.

The text is drawn in DejaVu Sans, shipped under resources/fonts, because PDF's built-in fonts have no
Ł, ŵ or ŷ: a representative's name must print as they spell it. reportlab is imported only when a PDF is made.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import as_file
from pathlib import Path
from xml.sax.saxutils import escape

from partnerdesk.exports.xlsx import replacing
from partnerdesk.i18n import _
from partnerdesk.resources_access import resource

FONT = "PartnerDeskSans"
FONT_BOLD = "PartnerDeskSans-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) with reportlab once, so a PDF can print every name as it is spelt."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, file_name in _FONT_FILES.items():
        # as_file gives a real path even from a zipped bundle; the font is read in full straight away.
        with as_file(resource("fonts", file_name)) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    # So <b> in a paragraph switches to the bold file rather than a built-in font.
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)


def paragraph_text(value: str | None) -> str:
    """Typed text made safe for a reportlab paragraph (which reads <, > and & as markup), line breaks kept."""
    return escape(value or "").replace("\r\n", "\n").replace("\n", "<br/>")


def paragraph_style(name: str, size: float, bold: bool = False, leading: float = 1.3, **extra):
    """A reportlab paragraph style in PartnerDesk's font: size in points, line height `leading` times the size.

    Text always wraps, never is cut: a long hyphenated name ("Ffion Rhys-Llewellyn-Bowen") breaks after one of its
    own hyphens, and only a word too long for the whole column is split."""
    from reportlab.lib.styles import ParagraphStyle

    extra.setdefault("embeddedHyphenation", 2)  # 1 still split some bold names mid-word; 2 prefers the hyphens
    extra.setdefault("splitLongWords", 1)
    return ParagraphStyle(name, fontName=FONT_BOLD if bold else FONT, fontSize=size, leading=size * leading, **extra)


def heading_style(name: str, size: float, **extra):
    """A bold heading that stays on the same page as what follows it (never alone at the foot of a page)."""
    return paragraph_style(name, size, True, keepWithNext=1, **extra)


def fit_line(text: str, width: float, size: float, font: str = FONT) -> str:
    """text as it fits on one line width points wide: whole, or cut at a word with "…" (never mid-word if a word
    boundary fits)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        shorter = " ".join(words).rstrip(" ·,;:-") + "…"
        if stringWidth(shorter, font, size) <= width:
            return shorter
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def draw_footer(canvas, page_width: float, margin: float, size: float, text: str, page: int) -> None:
    """A page's footer: text on the left, cut with "…" so it never runs into "Page N" on the right."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    number = _("Page {page}").format(page=page)
    room = page_width - 2 * margin - stringWidth(number, FONT, size) - size * 2
    canvas.saveState()
    canvas.setFont(FONT, size)
    canvas.drawString(margin, margin / 2, fit_line(text, room, size))
    canvas.drawRightString(page_width - margin, margin / 2, number)
    canvas.restoreState()


def build_pdf(path: Path, story: Callable[[float], list], on_page: Callable, **options) -> None:
    """Build an A4-style reportlab document at path, whole or not at all (see xlsx.replacing).

    story(width) gives the contents for the width tables may fill; on_page draws each page's footer; options go to
    reportlab's SimpleDocTemplate (page size, margins, title…). Raises ExportError in plain words when the file
    can't be saved."""
    from reportlab.platypus import SimpleDocTemplate

    with replacing(path) as temporary:
        # initialFontName: otherwise every page names Helvetica, which can't draw Ł or ŵ.
        document = SimpleDocTemplate(str(temporary), initialFontName=FONT, author="PartnerDesk", **options)
        # The frame keeps 6 pt of padding each side inside the margins; tables fill what is left exactly.
        document.build(story(document.width - 12), onFirstPage=on_page, onLaterPages=on_page)
