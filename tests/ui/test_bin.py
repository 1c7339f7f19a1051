"""The Bin page: every kind of deleted record can be found and restored, in an order that makes sense."""

from datetime import date

from PySide6.QtCore import Qt

from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.expenses.claims import delete_claim
from partnerdesk.services.expenses.listing import ClaimFilter, count_claims
from partnerdesk.services.meetings.meetings import delete_meeting
from partnerdesk.services.people.organisations import delete_committee, delete_organisation, list_organisations
from partnerdesk.services.people.people import delete_person
from partnerdesk.services.wellbeing.checks import delete_check
from partnerdesk.services.wellbeing.listing import list_checks
from partnerdesk.ui.app import start_window
from tests.builders import (
    add_check,
    add_claim,
    add_committee,
    add_line,
    add_meeting,
    add_person,
    bin_record,
    count_rows,
    new_store,
)
from tests.ui.test_settings_window import opened  # noqa: F401 -- a fixture


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


# ------------------------------------------------------------------------------------------------ Empty Bin


def _in_bin(page, kind: str) -> list[str]:
    page.kind.set_code(kind)
    return _names(page)


def test_empty_bin_asks_with_the_count_then_deletes_for_good(window, writer, go, dialogs):
    person = add_person(writer.store, full_name="Amara Okafor")
    add_check(writer.store, person)
    claim = add_claim(writer.store, add_person(writer.store, full_name="Bryn Evans"))
    bin_record(writer.store, delete_person, person)
    bin_record(writer.store, delete_claim, claim)
    writer.tell_everyone()
    page = window.bin
    go(page)
    assert page.empty_button.isEnabled() and page.empty_button.accessibleName()

    page.empty_button.click()  # nobody presses "Delete for good": cancelled, nothing goes
    assert dialogs.asked[-1] == "Delete 2 records in the Bin for good? They cannot be restored afterwards."
    assert _in_bin(page, "people") == ["Amara Okafor"]

    dialogs.clicks.append("Delete for good")
    page.empty_button.click()
    assert _in_bin(page, "people") == [] and _in_bin(page, "claims") == []
    assert window.statusBar().currentMessage() == "2 records deleted for good."
    with writer.store.reader() as session:
        assert list_checks(session) == []
    dialogs.clicks.append("Delete for good")
    page.empty_button.click()  # an empty Bin: said so, nothing asked
    assert len(dialogs.asked) == 2 and "nothing" in window.statusBar().currentMessage()


def test_at_start_what_has_been_in_the_bin_longer_than_the_setting_is_deleted_for_good(qtbot, tmp_path):
    store = new_store(tmp_path, "pd.sqlite3")
    old, recent = add_person(store, full_name="Old Deletion"), add_person(store, full_name="Recent Deletion")
    bin_record(store, delete_person, old, days_ago=31)
    bin_record(store, delete_person, recent, days_ago=3)
    store.close()

    started = start_window(tmp_path / "pd.sqlite3")
    assert started is not None
    window, store, lock = started
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: count_rows(store, "people") == 1, timeout=5000)
        window.show_page(window.bin)
        assert _names(window.bin) == ["Recent Deletion"]
    finally:
        lock.stop()
        store.close()


def test_the_settings_data_section_sets_how_long_the_bin_keeps_things(window, menu, opened, writer):  # noqa: F811
    menu("Settings…")
    data = opened[-1].section("data")
    assert data.bin_days.value() == 30 and data.bin_days.accessibleName()
    data.bin_days.setValue(7)
    assert opened[-1].save()
    with writer.store.reader() as session:
        assert get_setting(session, "bin_keep_days") == 7


def test_a_programme_pair_comes_back_from_the_bin_after_its_programme(qtbot, window, writer, go):
    from partnerdesk.services.programmes.binning import delete_pair, delete_programme
    from partnerdesk.services.programmes.pairs import accept_pair, pairs_of
    from partnerdesk.services.programmes.programmes import create_application
    from tests.builders import add_programme

    programme = add_programme(writer.store, "Buddying 2026")
    board, leader = add_person(writer.store, full_name="Ann Board"), add_person(writer.store, full_name="Bea Leader")
    with writer.store.transaction() as session:
        for person, side in ((board, "a"), (leader, "b")):
            create_application(session, {"programme_id": programme, "person_id": person, "side": side})
        pair = accept_pair(session, programme, board, leader, date(2026, 1, 5)).id
        delete_pair(session, pair)
        delete_programme(session, programme)
    writer.tell_everyone()
    page = window.bin
    go(page)
    page.kind.set_code("programme_pairs")
    assert _names(page) == ["Ann Board and Bea Leader"] and page.count.text() == "1 deleted programme pair"
    page.current_view().selectRow(0)
    assert not page.restore_selected()
    assert "Its programme, Buddying 2026, is in the Bin too: restore the programme first." in page.message.text()
    page.kind.set_code("programmes")
    page.current_view().selectRow(0)
    assert page.restore_selected()
    page.kind.set_code("programme_pairs")
    page.current_view().selectRow(0)
    assert page.restore_selected() and _names(page) == []
    with writer.store.reader() as session:
        assert [p.id for p in pairs_of(session, programme)] == [pair]
