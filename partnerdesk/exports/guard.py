"""The one guard against spreadsheet formula injection, used for every cell a person typed.

A name or note such as ``=HYPERLINK("http://evil.example","click")`` or ``+cmd|' /C calc'!A0`` is harmless in
PartnerDesk, but a spreadsheet program may run it as a formula: openpyxl itself stores any text starting with
``=`` as a formula, and the same text copied into a CSV file, or pasted into another sheet, is read as one by Excel
and LibreOffice. Following the OWASP advice on CSV injection, text that starts with a character a spreadsheet
reads as the start of a formula gets an apostrophe in front of it.

Why an apostrophe rather than a leading space: both keep the value readable ("'+44 7700 900123" is still plainly a
phone number), but spreadsheet programs trim leading spaces when they import text, after which the formula is
live again. An apostrophe is the spreadsheet's own way of saying "this is text", so it survives being copied,
re-typed or saved as CSV and opened again.
"""

from __future__ import annotations

import re

#: Characters that make a spreadsheet read a cell as a formula (OWASP: =, +, -, @, tab and carriage return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The neutraliser put in front of dangerous text.
NEUTRALISER = "'"

# Characters that are not allowed in an xlsx file at all: control characters below space other than tab, line feed
# and carriage return, and the two "non-characters" U+FFFE and U+FFFF. Writing one is an error, so one pasted stray
# character would stop a whole export; they are never visible, so dropping them loses nothing a reader could see.
_NOT_ALLOWED_IN_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def safe_text(value: str) -> str:
    """The text to put in a spreadsheet cell for something a person typed.

    Text that would start a formula (=, +, -, @, tab or carriage return, also after leading spaces) gets an
    apostrophe in front, so it shows as the words that were typed and never runs. Invisible control characters
    that spreadsheets cannot hold are dropped. Everything else comes back unchanged.
    """
    if _NOT_ALLOWED_IN_XLSX.search(value):
        value = _NOT_ALLOWED_IN_XLSX.sub("", value)
    first = value[:1]
    # Tab and carriage return count as whitespace, so they are checked as first characters before looking past
    # leading whitespace: "\t=1", "\r+1" and "  =1" are all caught. Checking the first character on its own
    # first keeps the usual case quick (this runs for every cell of every export).
    if first in FORMULA_STARTS or (first.isspace() and value.lstrip().startswith(FORMULA_STARTS)):
        return NEUTRALISER + value
    return value
