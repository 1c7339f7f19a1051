"""What every PartnerDesk PDF shares: the DejaVu Sans fonts, safe paragraph text and saving without half-written files.

The text is drawn in DejaVu Sans, shipped under partnerdesk/resources/fonts, because PDF's built-in fonts have no
Ł, ŵ or ŷ: a representative's name must print as they spell it. reportlab is imported only when a PDF is made.
"""

from __future__ import annotations

import os
import secrets
from importlib.resources import as_file, files
from pathlib import Path
from xml.sax.saxutils import escape

from partnerdesk.exports.xlsx import ExportError

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
        with as_file(files("partnerdesk").joinpath("resources", "fonts", file_name)) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    # So <b> in a paragraph switches to the bold file rather than a built-in font.
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)


def paragraph_text(value: str | None) -> str:
    """Typed text made safe for a reportlab paragraph (which reads <, > and & as markup), line breaks kept."""
    return escape(value or "").replace("\r\n", "\n").replace("\n", "<br/>")


def temporary_beside(path: Path) -> Path:
    """A hidden, randomly named file in path's folder to build a PDF in before it takes path's name."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")


def build_and_replace(document, temporary: Path, path: Path, story: list, on_page) -> None:
    """Build a reportlab document (made on temporary) and only then give it path's name, so a half-written PDF
    never replaces a good one. Raises ExportError in plain words when the file can't be saved."""
    try:
        document.build(story, onFirstPage=on_page, onLaterPages=on_page)
        os.replace(temporary, path)
    except PermissionError as exc:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"{path.name} could not be saved. If it is open in another program, close it.") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
