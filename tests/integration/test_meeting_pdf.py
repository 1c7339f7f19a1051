"""The meeting cover and attendance sheet (PDF), read back with poppler's pdftotext and pdffonts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date

import pytest

from partnerdesk.exports.meeting_pdf import write_attendance_sheet
from partnerdesk.exports.xlsx import ExportError
from partnerdesk.services.meetings.attendance import record_attendances, record_papers_sent
from partnerdesk.services.meetings.meetings import cancel_meeting
from tests.builders import add_committee, add_invitations, add_meeting, add_person
from tests.readback import pdf_font_sizes, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")

WELSH = "Siân Ŵyn Łukasz"
TITLE = "Quarterly board: budget & <plans>"


@pytest.fixture
def meeting(store):
    committee = add_committee(store, "Mental Health Committee", "Cardiff and Vale University Health Board")
    people = [
        add_person(store, full_name=WELSH, papers_format="large_print"),
        add_person(store, full_name="Ann Bell", papers_format="email"),
        add_person(store, full_name="Zoë Müller"),
    ]
    meeting_id = add_meeting(
        store,
        committee,
        date(2026, 10, 27),
        title=TITLE,
        mode="hybrid",
        venue="Room 1, Civic Centre, Cardiff",
        joining_details="Teams meeting ID 123 456 789",
        access_notes="Step-free entrance; hearing loop",
        contact_name="Łucja Nowak",
        contact_phone="029 2000 0000",
    )
    add_invitations(store, meeting_id, people[:2])
    add_invitations(store, meeting_id, people[2:], as_backup=True)
    with store.transaction() as session:
        record_papers_sent(session, meeting_id, people[0], date(2026, 10, 20), "email")
        record_attendances(session, meeting_id, {people[1]: "apologies"}, date(2026, 10, 1))
    return meeting_id


def _write(store, meeting_id, path, **options):
    with store.reader() as session:
        write_attendance_sheet(session, meeting_id, path, **options)
    return path


def test_the_sheet_shows_the_meeting_and_everyone_invited(store, meeting, tmp_path):
    path = _write(store, meeting, tmp_path / "sheet.pdf")
    text = pdf_text(path)
    for words in (
        "Cardiff and Vale University Health Board",
        "Mental Health Committee",
        TITLE,
        "Tuesday 27 October 2026 (27/10/2026), 10:00 to 12:00 UK time",  # London time, after the clock change
        "Room 1, Civic Centre, Cardiff",
        "Teams meeting ID 123 456 789",
        "Step-free entrance; hearing loop",
        "Łucja Nowak, 029 2000 0000",
        WELSH,
        "Ann Bell",
        "Zoë Müller",
        "apologies",  # "Sent apologies", wrapped in its column
        "Signature",
        "Asks for: Large print",
        "Sent 20/10/2026: Email",
        "not the format",
    ):
        assert words in text, words
    assert "☐" in text  # boxes to tick for the people not yet recorded
    assert re.search(r"Zoë Müller\s+Yes", text)  # the back-up is marked
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "DejaVuSans" in fonts and "DejaVuSans-Bold" in fonts


def test_large_print_uses_16_point_or_more_for_everything(store, meeting, tmp_path):
    normal = _write(store, meeting, tmp_path / "normal.pdf")
    large = _write(store, meeting, tmp_path / "large.pdf", large_print=True)
    assert min(pdf_font_sizes(normal)) < 16  # the check can tell the difference
    assert min(pdf_font_sizes(large)) >= 16
    assert WELSH in pdf_text(large) and TITLE in pdf_text(large)
    # Cross-check with poppler's own measure: every word box is as high as its font size, 16 pt or more.
    bbox = subprocess.run(["pdftotext", "-bbox", str(large), "-"], capture_output=True, text=True, check=True).stdout
    heights = [float(y2) - float(y1) for y1, y2 in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', bbox)]
    assert heights and min(heights) >= 16 - 1e-6  # poppler gives the font size, less rounding


def test_a_cancelled_meeting_says_so(store, meeting, tmp_path):
    with store.transaction() as session:
        cancel_meeting(session, meeting, "Chair unwell")
    assert "This meeting is cancelled: Chair unwell" in pdf_text(_write(store, meeting, tmp_path / "c.pdf"))


def test_a_meeting_with_nobody_invited_still_prints(store, tmp_path):
    lonely = add_meeting(store, None, date(2026, 5, 5), title="Drop-in", mode="online", venue=None)
    text = pdf_text(_write(store, lonely, tmp_path / "empty.pdf"))
    assert "Drop-in" in text and "Nobody has been invited yet" in text and "Joining details" in text


def test_problems_are_plain_and_leave_no_file(store, meeting, tmp_path):
    with store.reader() as session:
        with pytest.raises(ExportError, match="could not be found"):
            write_attendance_sheet(session, "no-such-meeting", tmp_path / "x.pdf")
        with pytest.raises(ExportError, match="does not exist"):
            write_attendance_sheet(session, meeting, tmp_path / "missing" / "x.pdf")
    assert list(tmp_path.glob("*.pdf")) == []
    assert list(tmp_path.glob("*.part")) == []


def test_reportlab_is_loaded_only_when_printing():
    code = (
        "import sys, partnerdesk.cli, partnerdesk.exports.meeting_pdf, partnerdesk.exports.calendar; "
        "assert 'reportlab' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
