"""Translatable text for every part of PartnerDesk, on the standard library's gettext (no Qt, so rules, services,
exports and the command line can use it as well as the window).

Wrap what a person reads in `_("…")`; mark words kept in a table and translated when shown with `N_("…")`; say
counts with `ngettext` (Welsh has six plural forms, so never add an "s" by hand); give a short word that means
different things in different places a context with `pgettext`. Dates with day and month names go through
`long_date`, never strftime, whose names follow the computer's C library rather than the chosen language.

`scripts/extract_messages.py` gathers every wrapped string into resources/translations/partnerdesk.pot; a test keeps
that catalogue current. The pseudo-language (PARTNERDESK_LANGUAGE=pseudo) makes every wrapped string visibly
different and 40% longer, so a screen shows at a glance which words were never wrapped and which labels clip.
"""

from __future__ import annotations

import gettext
import math
import os
import re
from datetime import date
from pathlib import Path

from partnerdesk.resources_access import resource

DOMAIN = "partnerdesk"
PSEUDO = "pseudo"
ENGLISH = "en"
LANGUAGE_ENV = "PARTNERDESK_LANGUAGE"
#: Where compiled catalogues live: resources/translations/<language>/LC_MESSAGES/partnerdesk.mo.
CATALOGUES = Path(str(resource("translations")))

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = ENGLISH
_sources: dict[str, str] | None = None  # translation -> English, made when source_text first needs it


def _(message: str) -> str:
    """The message in the chosen language."""
    return _translation.gettext(message)


def N_(message: str) -> str:  # noqa: N802 -- the name every gettext extractor knows
    """Mark a message for translation without translating it yet (tables of labels, translated when shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The right form for a count of n in the chosen language ("1 meeting", "2 meetings")."""
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """The message in the chosen language, where the same English word needs different words elsewhere."""
    return _translation.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """ngettext with a context."""
    return _translation.npgettext(context, singular, plural, n)


# Placeholders ({name}, {0:%d}, %(name)s, %s) and Qt's "&" accelerator marks must survive pseudo-translation intact.
_KEEP = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[a-z%]|&&|&(?=\w)")
_ACCENTED = str.maketrans(
    "aeiouyAEIOUYcCnNsSzZ",
    "áéíóúýÁÉÍÓÚÝçÇñÑšŠžŽ",
)


def pseudo(message: str) -> str:
    """The message altered as the pseudo-language shows it: accented, 40% longer and bracketed with ⟦ ⟧."""
    if not message:
        return message
    pieces, last = [], 0
    for match in _KEEP.finditer(message):
        pieces.append(message[last : match.start()].translate(_ACCENTED))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(message[last:].translate(_ACCENTED))
    padding = "·" * max(1, math.ceil(len(message) * 0.4) - 2)
    return f"⟦{''.join(pieces)}{padding}⟧"


def is_pseudo(text: str) -> bool:
    """Whether a piece of text came through the pseudo-language (so it was wrapped for translation)."""
    return text.startswith("⟦") and text.endswith("⟧")


_PLAIN = str.maketrans("áéíóúýÁÉÍÓÚÝçÇñÑšŠžŽ", "aeiouyAEIOUYcCnNsSzZ")


def source_text(text: str) -> str:
    """The English a piece of shown text was translated from, where the catalogue has it whole (otherwise the text
    as it is): for code that recognises a control by its words (read_only_banner.writes) whatever the language."""
    if _language == ENGLISH:
        return text
    if _language == PSEUDO:
        return text[1:-1].rstrip("·").translate(_PLAIN) if is_pseudo(text) else text
    global _sources
    if _sources is None:
        # GNUTranslations keeps its messages in _catalog: msgid (or (msgid, n) for plurals, with a context before
        # \x04) to the translation. Read once per language, backwards.
        _sources = {}
        for key, translated in getattr(_translation, "_catalog", {}).items():
            msgid = key[0] if isinstance(key, tuple) else key
            if msgid and translated:
                _sources.setdefault(translated, msgid.rsplit("\x04", 1)[-1])
    return _sources.get(text, text)


class _PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


def set_language(code: str | None = None) -> str:
    """Choose the language for everything shown from now on; returns the one in use.

    None reads PARTNERDESK_LANGUAGE (empty: English). A language without a catalogue falls back to English rather
    than failing, because a missing translation must never stop someone working.
    """
    global _translation, _language, _sources
    _sources = None
    if code is None:
        code = os.environ.get(LANGUAGE_ENV, "").strip() or ENGLISH
    if code == PSEUDO:
        _translation = _PseudoTranslations()
    elif code == ENGLISH:
        _translation = gettext.NullTranslations()
    else:
        found = gettext.translation(DOMAIN, localedir=CATALOGUES, languages=[code], fallback=True)
        if isinstance(found, gettext.GNUTranslations):
            _translation = found
        else:
            _translation, code = gettext.NullTranslations(), ENGLISH
    _language = code
    return code


def language() -> str:
    """The language in use: "en", "pseudo", or a code such as "cy" whose catalogue was found."""
    return _language


_WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"))
_MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip


_SHORT_WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def weekday_name(day: date) -> str:
    """The day of the week in the chosen language ("Wednesday")."""
    return _(_WEEKDAYS[day.weekday()])


def month_name(day: date) -> str:
    """The month in the chosen language ("May")."""
    return _(_MONTHS[day.month - 1])


def short_date(day: date) -> str:
    """A date with its short day name, as lists show it: "Wed 27/05/2026"."""
    from partnerdesk.rules.dates import format_uk  # here: rules.dates says its own messages through this module

    return _("{weekday} {date}").format(weekday=_(_SHORT_WEEKDAYS[day.weekday()]), date=format_uk(day))


def long_date(day: date) -> str:
    """A date written out in the chosen language: "Wednesday 27 May 2026"."""
    # The order is itself translatable: other languages put the parts differently.
    return _("{weekday} {day} {month} {year}").format(
        weekday=weekday_name(day), day=day.day, month=month_name(day), year=day.year
    )
