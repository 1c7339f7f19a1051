"""Exporting and backing up from the menus, long work with Cancel, and the Today page."""

from datetime import timedelta

from openpyxl import load_workbook

from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common.errors import Cancelled
from partnerdesk.services.people.people import delete_person
from partnerdesk.store.check import check_database
from partnerdesk.ui.background import run_with_progress
from partnerdesk.ui.today_page import FIRST_LINES, URGENT
from tests.builders import add_committee, add_membership, add_person
from tests.ui.steps import open_today_line, today_line, today_lines


def test_export_people_from_the_menu_writes_the_spreadsheet_where_asked(window, writer, dialogs, menu, tmp_path):
    add_person(writer.store, full_name="Siân Evans", email="sian@example.org")
    add_person(writer.store, full_name="=HYPERLINK(\"http://x\")")
    dialogs.save_as.append(str(tmp_path / "for the commissioner"))  # no .xlsx typed: it is added
    menu("Export people to a spreadsheet…")
    out = tmp_path / "for the commissioner.xlsx"
    rows = list(load_workbook(out, read_only=True).active.values)
    names = sorted(row[0] for row in rows[1:])
    assert names == ["'=HYPERLINK(\"http://x\")", "Siân Evans"]  # arrives as text, never as a formula
    assert "Exported 2 people" in window.statusBar().currentMessage()
    assert dialogs.told == []


def test_choosing_no_file_exports_nothing(window, dialogs, menu, tmp_path):
    menu("Export people to a spreadsheet…")  # the person pressed Cancel in the file chooser
    assert list(tmp_path.rglob("*.xlsx")) == []


def test_back_up_from_the_menu_makes_a_healthy_copy(window, writer, dialogs, menu, tmp_path):
    add_person(writer.store, full_name="Kept Safe")
    copy = tmp_path / "copy.sqlite3"
    dialogs.save_as.append(str(copy))
    menu("Back up the database…")
    assert "copied safely" in dialogs.told[-1]
    assert check_database(f"sqlite:///{copy}").healthy


def test_cancelled_work_is_not_reported_as_a_failure(qtbot, dialogs):
    def work(progress):
        progress(1, 10)
        raise Cancelled

    assert run_with_progress(None, "Export", "Writing…", work) == (False, None)
    assert dialogs.told == []


def test_failed_work_is_explained_and_finished_work_returns_its_result(qtbot, dialogs):
    def broken(_progress):
        raise OSError("The disk is full.")

    assert run_with_progress(None, "Export", "Writing…", broken) == (False, None)
    assert "nothing was kept" in dialogs.told[-1] and "The disk is full." in dialogs.told[-1]
    assert run_with_progress(None, "Export", "Writing…", lambda progress: 42) == (True, 42)


def test_today_lists_terms_ending_soon_and_consent_reviews_due(window, writer):
    today = today_uk()
    committee_id = add_committee(writer.store, "Maternity Voices", "Valley NHS Trust")
    ending = add_person(writer.store, full_name="Ewa Nowak")
    add_membership(writer.store, ending, committee_id, today - timedelta(days=700), today + timedelta(days=10))
    later = add_person(writer.store, full_name="Far Future")
    add_membership(writer.store, later, committee_id, today, today + timedelta(days=400))
    add_person(writer.store, full_name="Tomasz Review", consent_given_on=today - timedelta(days=400),
               consent_how="written", consent_review_on=today - timedelta(days=3))
    writer.tell_everyone()

    page = window.today
    terms, consent = today_lines(page, "terms"), today_lines(page, "consent")
    assert len(terms) == 1 and "Ewa Nowak — Maternity Voices (Valley NHS Trust)" in terms[0]
    assert "in 10 days" in terms[0]
    assert len(consent) == 1 and consent[0].startswith("Overdue: Tomasz Review: consent review was due")
    late = today_line(page, "consent")
    assert not late.icon(0).isNull()  # the warning icon and the word say it, not colour alone
    assert late.foreground(0).color() != URGENT  # only 3 days late: not red (red is kept for more than a week)
    assert page.sections["consent"].text(0) == (
        "Consent reviews due in the next 30 days or overdue — 1 (1 overdue)")
    assert not page.checklist.buttons["people"].isVisible()  # people added: that line of the checklist is done


def test_an_empty_database_says_how_to_start(window, writer):
    page = window.today
    people = page.checklist.buttons["people"]
    assert page.checklist.isVisible() and people.isVisible()
    assert today_lines(page, "terms")[0] == "No terms of office end in the next 60 days."
    person = add_person(writer.store)
    writer.tell_everyone()
    assert page.checklist.isVisible() and not people.isVisible()  # that line is done; others are still to do
    writer.run(None, lambda session: delete_person(session, person))  # someone in the Bin only: start again
    assert people.isVisible()


def test_a_long_today_list_shows_the_most_urgent_first_and_the_rest_on_request(window, writer):

    today = today_uk()
    for n in range(FIRST_LINES + 5):
        add_person(writer.store, full_name=f"Review {n:02d}", consent_given_on=today - timedelta(days=400),
                   consent_how="written", consent_review_on=today - timedelta(days=60 - n))
    writer.tell_everyone()
    lines = today_lines(window.today, "consent")
    assert len(lines) == FIRST_LINES + 1
    assert lines[0].startswith("Overdue: Review 00")  # the longest overdue first
    assert lines[FIRST_LINES].startswith("…and 5 more")
    open_today_line(window.today, "consent", FIRST_LINES)
    lines = today_lines(window.today, "consent")
    assert len(lines) == FIRST_LINES + 5
    assert lines[FIRST_LINES + 4].startswith("Overdue: Review 29")
    assert window.today.tree.currentItem() is today_line(window.today, "consent", FIRST_LINES)
