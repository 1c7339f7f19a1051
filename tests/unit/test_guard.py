"""The formula-injection guard that every typed value goes through on its way into a spreadsheet."""

from itertools import product

import pytest

from partnerdesk.exports.guard import safe_text

DANGEROUS = [
    '=HYPERLINK("http://evil.example","click")',
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\tplain after a tab",
    "   =1+1",
    " +44 7700 900123",
    "\u00a0=1+1",  # non-breaking space pasted from a web page
    "+44 7700 900123",
    "-",
    "=",
]

HARMLESS = [
    "",
    "Zoë Łukasz-Müller",
    "029 2000 0000",
    "07700 900123",
    "O'Brien",
    "name@example.org",
    "Likes gardening = good for wellbeing",
    "2+2",
    "#N/A",
    "Line one\nline two",
    "CF10 1AA",
]


@pytest.mark.parametrize("value", DANGEROUS)
def test_dangerous_values_get_an_apostrophe_in_front(value):
    assert safe_text(value) == "'" + value


@pytest.mark.parametrize("value", HARMLESS)
def test_harmless_values_are_unchanged(value):
    assert safe_text(value) == value


def test_phone_numbers_stay_readable():
    assert safe_text("+44 7700 900123") == "'+44 7700 900123"


def test_control_characters_spreadsheets_cannot_hold_are_dropped():
    assert safe_text("Ann\x00 Smith\x0b\x1f") == "Ann Smith"


def test_a_dangerous_start_hidden_behind_a_control_character_is_still_caught():
    assert safe_text("\x0b=1+1") == "'=1+1"


@pytest.mark.parametrize("value", DANGEROUS + HARMLESS)
def test_guarded_text_never_starts_a_formula(value):
    guarded = safe_text(value)
    assert not guarded.lstrip().startswith(("=", "+", "-", "@"))
    assert not guarded.startswith(("\t", "\r"))


def test_guarding_twice_changes_nothing_more():
    once = safe_text("=1+1")
    assert safe_text(once) == once


def test_every_short_mix_of_awkward_characters_comes_out_harmless_and_otherwise_unchanged():
    # Every string of up to four characters from this alphabet: all the orders in which spaces, control
    # characters and formula signs can come at the start of a value.
    alphabet = ["=", "+", "-", "@", "\t", "\r", "\n", " ", "\u00a0", "\x00", "\x0b", "\ufffe", "a", "1", "'"]
    for value in ("".join(chars) for length in range(5) for chars in product(alphabet, repeat=length)):
        guarded = safe_text(value)
        kept = "".join(ch for ch in value if ch in "\t\n\r" or (ch >= " " and ch not in "\ufffe\uffff"))
        assert guarded in (kept, "'" + kept), repr(value)
        assert not guarded.lstrip().startswith(("=", "+", "-", "@")), repr(value)
        assert not guarded.startswith(("\t", "\r")), repr(value)
