"""Characters refused in what people type (rules.text_checks), checked over every Unicode code point."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from partnerdesk.rules.text_checks import (
    BIDI_MESSAGE,
    BROKEN_MESSAGE,
    CONTROL_MESSAGE,
    FILE_NAME_MESSAGE,
    NOTE_CONTROL_MESSAGE,
    file_name_problem,
    line_problem,
    note_problem,
)

# Written out by hand from the Unicode standard, not from the module's own sets, so the two can disagree.
C0 = set(range(0x00, 0x20))
C1_AND_DEL = set(range(0x7F, 0xA0))
SEPARATORS = {0x2028, 0x2029}
BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}
SURROGATES = set(range(0xD800, 0xE000))
NOTE_BREAKS = {0x09, 0x0A, 0x0D, 0x2028, 0x2029}
EVERY = range(sys.maxunicode + 1)


def test_every_code_point_is_refused_in_a_one_line_field_exactly_when_it_should_be():
    refused_line = C0 | C1_AND_DEL | SEPARATORS | BIDI | SURROGATES
    wrong = [code for code in EVERY if (line_problem(chr(code)) is not None) != (code in refused_line)]
    assert wrong == []


def test_every_code_point_is_refused_in_notes_exactly_when_it_should_be():
    refused_note = (C0 | C1_AND_DEL | SEPARATORS | SURROGATES) - NOTE_BREAKS
    wrong = [code for code in EVERY if (note_problem(chr(code)) is not None) != (code in refused_note)]
    assert wrong == []


def test_each_kind_of_character_gets_its_own_reason():
    assert line_problem("Sam\x00Jones") == CONTROL_MESSAGE
    assert line_problem("sam@example.org\n") == CONTROL_MESSAGE
    assert line_problem("Sam\tJones") == CONTROL_MESSAGE
    assert line_problem("Sam \u202eSenoj") == BIDI_MESSAGE
    assert line_problem("Sam \udc80") == BROKEN_MESSAGE
    # A broken character is named first: it is the one that would stop the save altogether.
    assert line_problem("\u202e\x00\ud800") == BROKEN_MESSAGE
    assert note_problem("Line one\r\n\tLine two\u2028") is None
    assert note_problem("Rang\x07 twice") == NOTE_CONTROL_MESSAGE
    assert note_problem("half \ud83d") == BROKEN_MESSAGE


def test_ordinary_text_in_any_script_passes():
    for text in ("Siân Llŷr", "Zoë O'Brien-Ødegård", "محمد علي", "דוד כהן", "李小龍", "Ayşe\u200f", "£1,050.00 🙂"):
        assert line_problem(text) is None
        assert note_problem(text) is None
        assert file_name_problem(text + ".pdf") is None


def test_notes_may_keep_direction_isolates_from_pasted_right_to_left_text():
    assert note_problem("Said \u2067محمد\u2069 will come") is None
    assert line_problem("\u2067محمد\u2069") == BIDI_MESSAGE


def test_file_names_that_hide_their_real_ending_are_refused():
    assert file_name_problem("receipt\u202efdp.exe") == FILE_NAME_MESSAGE
    assert file_name_problem("receipt\x00.png") == FILE_NAME_MESSAGE
    assert file_name_problem("receipt\ud800.png") == FILE_NAME_MESSAGE
    assert file_name_problem("Train ticket 23-11-2026.pdf") is None


@given(st.text(), st.sampled_from(sorted(BIDI | C0 | SURROGATES)), st.text())
def test_a_refused_character_anywhere_in_a_name_is_found(before, bad, after):
    assert line_problem(before + chr(bad) + after) is not None


@given(st.text())
def test_the_reasons_are_fixed_sentences_that_never_carry_the_text(text):
    fixed = {None, BIDI_MESSAGE, BROKEN_MESSAGE, CONTROL_MESSAGE, FILE_NAME_MESSAGE, NOTE_CONTROL_MESSAGE}
    assert {line_problem(text), note_problem(text), file_name_problem(text)} <= fixed
