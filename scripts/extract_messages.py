"""Gather every string wrapped for translation into the catalogue translators start from.

Run from the project folder after changing any user-visible text:

    .venv/bin/python scripts/extract_messages.py

It writes resources/translations/partnerdesk.pot. tests/unit/test_i18n.py fails while the checked-in catalogue is
out of date, so CI catches a forgotten run. The catalogue has no dates or line numbers, so running it twice
changes nothing.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

PROJECT = Path(__file__).resolve().parent.parent
SOURCE = PROJECT / "partnerdesk"
CATALOGUE = PROJECT / "resources" / "translations" / "partnerdesk.pot"
#: The functions partnerdesk/i18n.py offers, and which arguments are the message (and context, "c").
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}


def build_catalogue() -> str:
    """The catalogue's text for the source as it is now."""
    catalog = Catalog(
        project="PartnerDesk",
        charset="utf-8",
        fuzzy=False,
        header_comment="# Every message PartnerDesk shows, for translators. Made by scripts/extract_messages.py.\n#",
    )
    catalog.creation_date = catalog.revision_date = None  # type: ignore[assignment]  -- keeps the file stable
    for filename, lineno, message, comments, context in extract_from_dir(
        SOURCE,
        method_map=[("store/migrations/**.py", "ignore"), ("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
    ):
        location = (f"partnerdesk/{filename}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    out = io.BytesIO()
    # No line numbers: moving code about must not make the catalogue look out of date.
    write_po(out, catalog, width=120, sort_output=True, include_lineno=False)
    return _without_dates(out.getvalue().decode("utf-8"))


def _without_dates(text: str) -> str:
    return "".join(
        line for line in text.splitlines(keepends=True) if not line.startswith(('"POT-Creation-Date', '"PO-Revision'))
    )


def main() -> int:
    CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
    CATALOGUE.write_text(build_catalogue(), encoding="utf-8")
    print(f"Wrote {CATALOGUE.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
