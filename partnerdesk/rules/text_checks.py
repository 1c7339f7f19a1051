"""Characters that have no place in what people type: the one set of rules for names, emails, notes and file names.

Pure: a string in, a plain-English reason (or None) out. The reasons never repeat the text itself, so they are
safe to log and to show next to the field.

- A lone surrogate (half of a character, left by some copy and paste) can't be stored as UTF-8 at all.
- Control characters (NUL, escape, backspace, DEL, the C1 range, line and paragraph separators) are invisible and
  can hide or break text in exports and other programs. Notes may keep tab and line breaks; one-line fields
  (names, email addresses, phone numbers, titles) may not.
- Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) make text display in a different order from
  how it is stored ("Trojan Source"), e.g. a file "receipt<U+202E>fdp.exe" shown as "receiptexe.pdf". They are
  refused in one-line fields and file names; notes keep them, because right-to-left writing pasted from elsewhere
  can carry isolates. Ordinary right-to-left text (Arabic, Hebrew, Urdu) needs none of them, and the plain
  direction marks (U+200E, U+200F, U+061C) are allowed everywhere.
"""

from __future__ import annotations

import unicodedata

from partnerdesk.i18n import N_, _

#: Bidirectional embedding, override and isolate characters: LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI.
BIDI_CONTROLS = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
#: What a note may hold that a one-line field may not: tab, and line breaks (as Windows, Mac and Linux write them,
#: and Unicode's line and paragraph separators, which word processors put in copied text).
NOTE_BREAKS = frozenset("\t\n\r\u2028\u2029")

BROKEN_MESSAGE = (
    N_("This contains a broken character (half of one, often left by copying from another program). "
    "Please delete it and type the text again.")
)
CONTROL_MESSAGE = (
    N_("This contains a hidden control character (for example a tab or a line break) that can't be saved here. "
    "Please delete it and type the text again on one line.")
)
NOTE_CONTROL_MESSAGE = (
    N_("This contains a hidden control character that can't be saved. Please delete it and type the text again.")
)
BIDI_MESSAGE = (
    N_("This contains a hidden character that changes the direction of the text, so it would read differently from "
    "what is saved. Please delete it and type the text again.")
)
FILE_NAME_MESSAGE = (
    N_("This file's name contains a hidden character (a control character or one that changes the direction of the "
    "text), so it may not be what it looks like. Please rename the file and add it again.")
)


def is_surrogate(char: str) -> bool:
    """Whether char is half of a UTF-16 pair on its own (U+D800–U+DFFF), which no text file or database can hold."""
    return "\ud800" <= char <= "\udfff"


def is_control(char: str) -> bool:
    """Whether char is a control character (C0, DEL, C1) or a line or paragraph separator (U+2028, U+2029)."""
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")


def line_problem(value: str) -> str | None:
    """Why text for a one-line field (a name, email address, phone number, title) can't be saved, or None."""
    if value.isascii() and value.isprintable():
        return None  # most text: no character below can be in it (checked at C speed, for imports of 10,000 rows)
    if any(is_surrogate(char) for char in value):
        return _(BROKEN_MESSAGE)
    if any(char in BIDI_CONTROLS for char in value):
        return _(BIDI_MESSAGE)
    if any(is_control(char) for char in value):
        return _(CONTROL_MESSAGE)
    return None


def note_problem(value: str) -> str | None:
    """Why text for a notes field (several lines) can't be saved, or None. Tabs and line breaks are fine."""
    if any(is_surrogate(char) for char in value):
        return _(BROKEN_MESSAGE)
    if any(is_control(char) and char not in NOTE_BREAKS for char in value):
        return _(NOTE_CONTROL_MESSAGE)
    return None


def file_name_problem(name: str) -> str | None:
    """Why a file's name (a receipt's, say) can't be kept, or None: the one-line rules, said about a file."""
    return _(FILE_NAME_MESSAGE) if line_problem(name) else None
