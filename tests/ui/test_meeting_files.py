"""Spreadsheet, calendar file and attendance sheet, made by pressing the Meetings buttons, then opened the way
Excel, Outlook and a PDF reader would (openpyxl, icalendar, pdftotext)."""

import shutil
from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from partnerdesk.services.meetings.attendance import record_attendances
from tests.builders import add_committee, add_invitations, add_meeting, add_person
from tests.readback import ics_events, pdf_font_sizes, pdf_text, sheet_rows

Button = QMessageBox.StandardButton
DAY = date(2026, 10, 27)  # just after the October clock change: 10:00 in London is 10:00 UTC


@pytest.fixture
def board(window, writer, go):
    """One past meeting with two people invited, one who came; the Meetings page shown with it selected."""
    store = writer.store
    committee = add_committee(store, "Partnership Board", "Valley Council")
    meeting = add_meeting(store, committee, DAY, title="Partnership Board")
    people = [add_person(store, full_name=name) for name in ("Ann Ash", "Ben Birch")]
    add_invitations(store, meeting, people)
    with store.transaction() as session:
        record_attendances(session, meeting, {people[0]: "attended", people[1]: "apologies"}, DAY)
    writer.tell_everyone()
    go(window.meetings)
    window.meetings.table.selectRow(0)
    return meeting


def test_export_asks_about_names_and_writes_only_what_was_chosen(window, board, dialogs, tmp_path):
    dialogs.save_as.append(str(tmp_path / "anonymous"))  # no .xlsx typed: it is added
    window.meetings.buttons["export"].click()  # the safe answer to "Include people's names?" is No
    sheet, rows = sheet_rows(tmp_path / "anonymous.xlsx")
    row = dict(zip(rows[0], rows[1], strict=True))
    # Without names, counts of 1 to 4 are hidden (1 of 2 came would point at someone), and the typed title is left
    # out; the meeting is found by its date, committee and kind.
    found_by = (row["Date"].date(), row["Committee"], row["Kind"])
    assert found_by == (DAY, "Partnership Board", "Committee or board meeting")
    assert (row["Attended"], row["Apologies"], row["Invited"]) == ("*", "*", "*")
    assert "Title" not in rows[0]
    assert sheet.parent.sheetnames == ["Meetings"]  # no one's name anywhere
    assert "Ann Ash" not in str(rows)
    assert "Exported 1 meetings" in window.statusBar().currentMessage()

    dialogs.save_as.append(str(tmp_path / "named.xlsx"))
    dialogs.answers.append(Button.Yes)
    window.meetings.buttons["export"].click()
    assert "Include people's names?" in dialogs.asked[-1]
    _sheet, exact = sheet_rows(tmp_path / "named.xlsx")
    row = dict(zip(exact[0], exact[1], strict=True))
    assert (row["Attended"], row["Apologies"], row["Invited"]) == (1, 1, 2)
    _sheet, named = sheet_rows(tmp_path / "named.xlsx", "Attendance")
    by_name = {row[named[0].index("Name")]: row[named[0].index("Attendance")] for row in named[1:]}
    assert by_name == {"Ann Ash": "Attended", "Ben Birch": "Sent apologies"}


def test_save_to_calendar_writes_an_ics_outlook_can_read(window, board, dialogs, tmp_path):
    dialogs.save_as.append(str(tmp_path / "board"))
    window.meetings.buttons["calendar"].click()
    [event] = ics_events(tmp_path / "board.ics")
    assert str(event["SUMMARY"]) == "Partnership Board"
    start = event["DTSTART"].dt
    assert (start.date(), start.hour, start.minute, str(start.tzinfo)) == (DAY, 10, 0, "Europe/London")
    assert "Saved 1 meeting to" in window.statusBar().currentMessage()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_print_attendance_sheet_in_large_print(window, board, dialogs, tmp_path):
    dialogs.save_as.append(str(tmp_path / "sheet.pdf"))
    dialogs.answers.append(Button.Yes)  # large print
    window.meetings.buttons["print"].click()
    assert "large print" in dialogs.asked[-1]
    out = tmp_path / "sheet.pdf"
    text = pdf_text(out)
    for words in ("Partnership Board", "Valley Council", "Ann Ash", "Ben Birch"):
        assert words in text
    assert min(pdf_font_sizes(out)) >= 16

    dialogs.save_as.append(str(tmp_path / "small.pdf"))  # No: ordinary print
    window.meetings.buttons["print"].click()
    assert min(pdf_font_sizes(tmp_path / "small.pdf")) < 16


def test_cancelling_the_file_chooser_writes_nothing(window, board, tmp_path):
    for key in ("export", "calendar", "print"):
        window.meetings.buttons[key].click()
    assert [p for p in tmp_path.rglob("*") if p.suffix in (".xlsx", ".ics", ".pdf")] == []
