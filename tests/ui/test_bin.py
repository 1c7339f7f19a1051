"""The Bin page: every kind of deleted record can be found and restored, in an order that makes sense."""

from PySide6.QtCore import Qt

from partnerdesk.services.meetings import delete_meeting
from partnerdesk.services.organisations import delete_committee, delete_organisation, list_organisations
from partnerdesk.services.people import delete_person
from tests.builders import add_committee, add_meeting, add_person


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
    writer.changed.emit()
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
