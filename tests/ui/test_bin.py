"""The Bin page: every kind of deleted record can be found and restored, in an order that makes sense."""

from datetime import date

from PySide6.QtCore import Qt

from partnerdesk.services.expenses.claims import delete_claim
from partnerdesk.services.expenses.listing import ClaimFilter, count_claims
from partnerdesk.services.meetings.meetings import delete_meeting
from partnerdesk.services.people.organisations import delete_committee, delete_organisation, list_organisations
from partnerdesk.services.people.people import delete_person
from partnerdesk.services.wellbeing.checks import delete_check
from partnerdesk.services.wellbeing.listing import list_checks
from tests.builders import add_check, add_claim, add_committee, add_line, add_meeting, add_person


def _bin_everything(store):
    person = add_person(store, full_name="Amara Okafor")
    committee = add_committee(store, "Carers Forum", "Valley Council")
    meeting = add_meeting(store, committee, title="Forum meeting")
    with store.transaction() as session:
        delete_person(session, person)
        delete_meeting(session, meeting)
        delete_committee(session, committee)
        organisation = next(o.id for o in list_organisations(session) if o.name == "Valley Council")
        delete_organisation(session, organisation)
    return person, committee, meeting


def _names(page):
    view = page.current_view()
    return [view.model().index(row, 0).data() for row in range(view.model().rowCount())]


def test_restore_each_kind_from_the_bin(qtbot, window, writer, go):
    _bin_everything(writer.store)
    writer.tell_everyone()
    page = window.bin
    go(page)
    assert _names(page) == ["Amara Okafor"]

    page.kind.set_code("meetings")
    assert _names(page) == ["17/06/2031 Forum meeting"]
    page.current_view().selectRow(0)
    assert not page.restore_selected()
    assert "restore the committee first" in page.message.text()

    page.kind.set_code("committees")
    page.current_view().selectRow(0)
    assert not page.restore_selected()
    assert "restore the organisation first" in page.message.text()

    page.kind.set_code("organisations")
    assert _names(page) == ["Valley Council"]
    page.current_view().setFocus()
    page.current_view().selectRow(0)
    qtbot.keyClick(page.current_view(), Qt.Key.Key_Return)  # Enter on a row restores it
    assert _names(page) == [] and page.count.text() == "No deleted organisations"
    for kind in ("committees", "meetings", "people"):
        page.kind.set_code(kind)
        page.current_view().selectRow(0)
        assert page.restore_selected()
        assert _names(page) == []
    assert not page.message.isVisible()

    window.meetings.refresh()
    assert window.meetings.model.rowCount() == 1
    go(window.people)
    assert window.people.model.rowCount() == 1


def test_search_the_bin(qtbot, window, writer, go):
    for name in ("Ann Ash", "Ben Birch"):
        person = add_person(writer.store, full_name=name)
        with writer.store.transaction() as session:
            delete_person(session, person)
    go(window.bin)
    qtbot.keyClicks(window.bin.search, "birch")
    assert _names(window.bin) == ["Ben Birch"]
    assert window.bin.count.text() == "1 deleted person"


def test_deleted_claims_and_wellbeing_checks_come_back_from_the_bin(window, writer, go):
    person = add_person(writer.store, full_name="Ceri Evans")
    claim = add_claim(writer.store, person, date(2026, 5, 1))
    add_line(writer.store, claim, "parking", date(2026, 5, 1), amount="4.50")
    check = add_check(writer.store, person, confidential_notes="SECRET-MARKER")
    with writer.store.transaction() as session:
        delete_claim(session, claim)
        delete_check(session, check)
    writer.tell_everyone()
    page = window.bin
    go(page)
    page.kind.set_code("claims")
    (shown,) = _names(page)
    assert shown.startswith("01/05/2026 EXP-") and shown.endswith("£4.50")
    page.kind.set_code("checks")
    texts = [page.current_view().model().index(0, column).data() for column in range(3)]
    assert "Ceri Evans" in texts and not any("SECRET-MARKER" in (text or "") for text in texts)
    page.current_view().selectRow(0)
    assert page.restore_selected()
    page.kind.set_code("claims")
    page.current_view().selectRow(0)
    assert page.restore_selected()
    with writer.store.reader() as session:
        assert count_claims(session, ClaimFilter()) == 1
        assert [c.check_id for c in list_checks(session)] == [check]
