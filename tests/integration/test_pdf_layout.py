"""Every PDF PartnerDesk prints, rendered by poppler: no word runs off the page, the footer never runs into the page
number, words wrap rather than split, and the papers format a person wrote is what prints."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from partnerdesk.exports.claim_pdf import write_claim_form
from partnerdesk.exports.meeting_pdf import write_attendance_sheet
from partnerdesk.exports.supervision_pdf import write_supervision_record
from partnerdesk.services.expenses.receipts import add_receipt
from tests.builders import (
    TINY_PNG,
    add_claim,
    add_committee,
    add_invitations,
    add_line,
    add_meeting,
    add_person,
    add_session,
)

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None, reason="poppler-utils is not installed"
)

# Capitals are the widest letters: the footer once ran over the page number with a title like this.
LONG_TITLE = (
    "JOINT MEETING OF THE MENTAL HEALTH AND WELLBEING COMMITTEE WITH THE REGIONAL PARTNERSHIP BOARD "
    "ON COMMISSIONING WELLBEING SERVICES"
)
HYPHENATED = "Ffion Angharad Rhys-Llewellyn-Bowen-Prichard"
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def pages(path: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Each page's size and its words with their boxes, as poppler lays them out."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for width, height, body in _PAGE.findall(html):
        words = [(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in _WORD.findall(body)]
        found.append((float(width), float(height), words))
    return found


def assert_fits_the_page(path: Path, tmp_path: Path) -> list:
    laid_out = pages(path)
    assert laid_out
    for width, height, words in laid_out:
        for x_min, y_min, x_max, y_max, text in words:
            assert x_min >= 0 and x_max <= width and y_min >= 0 and y_max <= height, f"{text!r} runs off the page"
        numbers = [word for word in words if word[4] == "Page"]
        assert len(numbers) == 1
        footer = [word for word in words if abs(word[1] - numbers[0][1]) < 2 and word is not numbers[0]]
        footer = [word for word in footer if word[0] < numbers[0][0]]
        assert all(word[2] < numbers[0][0] for word in footer), "the footer runs into the page number"
    # Rendered as a printer or viewer would draw it.
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / path.stem)], check=True)
    assert list(tmp_path.glob(f"{path.stem}*.png"))
    return laid_out


def assert_broken_only_at_hyphens(words: list[str]) -> None:
    """Pieces of the hyphenated surname on the page are whole parts ending in their own hyphen, never mid-part."""
    parts = HYPHENATED.split()[-1].split("-")
    pieces = {"-".join(parts[i:j]) + ("-" if j < len(parts) else "") for i in range(len(parts))
              for j in range(i + 1, len(parts) + 1)}  # fmt: skip
    for word in words:
        if len(word) >= 2 and word in HYPHENATED.split()[-1]:
            assert word in pieces, f"{word!r} is part of a name split mid-word"


@pytest.fixture
def crowded_meeting(store):
    committee = add_committee(store, "Mental Health and Learning Disabilities Committee",
                              "Cardiff and Vale University Health Board")  # fmt: skip
    people = [add_person(store, full_name=HYPHENATED, papers_format="other", papers_format_details="Braille, grade 2")]
    people += [add_person(store, full_name=f"Representative Number {n}") for n in range(24)]
    meeting = add_meeting(store, committee, date(2026, 10, 27), title=LONG_TITLE)
    add_invitations(store, meeting, people)
    return meeting


@pytest.mark.parametrize("large_print", [False, True])
def test_attendance_sheets_stay_on_the_page(store, crowded_meeting, tmp_path, large_print):
    path = tmp_path / f"sheet-{large_print}.pdf"
    with store.reader() as session:
        write_attendance_sheet(session, crowded_meeting, path, large_print=large_print)
    laid_out = assert_fits_the_page(path, tmp_path)
    text = " ".join(word[4] for _, _, words in laid_out for word in words)
    assert "say which" not in text and "Braille, grade 2" in text
    assert_broken_only_at_hyphens(text.split())
    assert "…" in text  # the long title is cut with an ellipsis in the footer, not mid-phrase
    # The "Attendance" heading is never the last thing on a page, away from its table.
    for _, _, words in laid_out:
        body = [word for word in words if word[4] != "Page" and not word[4].isdigit()]
        assert "Attendance" not in [word[4] for word in body[-3:]]


def test_the_claim_form_stays_on_the_page_and_attached_is_one_word(store, tmp_path):
    person = add_person(store, full_name=HYPHENATED, payment_preference="paid")
    claim = add_claim(store, person)
    for n in range(3):
        line = add_line(store, claim, "public_transport", amount="4.50", description=f"Train {n}")
        with store.transaction() as session:
            add_receipt(session, line, "ticket.png", TINY_PNG)
    path = tmp_path / "claim.pdf"
    with store.reader() as session:
        write_claim_form(session, claim, path)
    laid_out = assert_fits_the_page(path, tmp_path)
    words = [word[4] for _, _, found in laid_out for word in found]
    assert words.count("Attached") == 3 and "Attache" not in words
    assert_broken_only_at_hyphens(words)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts


def test_the_supervision_record_stays_on_the_page(store, tmp_path):
    supervisor = add_person(store, full_name="Carys Coordinator", roles=["coordinator"])
    supervisee = add_person(store, full_name=HYPHENATED, roles=["peer_support_worker"])
    record = add_session(store, supervisor, [supervisee], date(2025, 6, 1), notes="A note")
    path = tmp_path / "record.pdf"
    with store.reader() as session:
        write_supervision_record(session, record, path)
    assert_fits_the_page(path, tmp_path)
