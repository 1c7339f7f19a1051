"""Calendar (.ics) files, read back with the icalendar library as a calendar program would."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from partnerdesk.exports.calendar import fold, meetings_ics, person_upcoming_ids, series_ids, write_ics
from partnerdesk.records.meetings import Meeting
from partnerdesk.services.meetings.meetings import cancel_meeting, delete_meeting, move_meeting
from partnerdesk.services.meetings.series import create_series
from tests.builders import add_committee, add_invitations, add_meeting, add_person

AWKWARD = "Papers: see link, then reply; path C:\\board\\2026\nSecond line, with Siân's notes"


@pytest.fixture
def committee(store):
    return add_committee(store, "Mental Health Committee", "City Health Board")


def _parse(text: str) -> Calendar:
    return Calendar.from_ical(text)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _stored(store, meeting_id: str) -> Meeting:
    with store.reader() as session:
        meeting = session.get(Meeting, meeting_id)
        session.expunge(meeting)
        return meeting


def test_a_meeting_after_the_october_clock_change_keeps_its_london_time(store, committee):
    after = add_meeting(store, committee, date(2026, 10, 27), title="After the change")  # GMT: 10:00 is 10:00 UTC
    before = add_meeting(store, committee, date(2026, 10, 20), title="Before the change")  # BST: 10:00 is 09:00 UTC
    with store.reader() as session:
        text = meetings_ics(session, [after, before])
    assert "DTSTART;TZID=Europe/London:20261027T100000\r\n" in text
    assert "DTSTART;TZID=Europe/London:20261020T100000\r\n" in text
    events = _events(_parse(text))
    for meeting_id, utc_hour in ((after, 10), (before, 9)):
        stored = _stored(store, meeting_id)
        event = events[f"{meeting_id}@partnerdesk"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start == stored.starts_at and end == stored.ends_at
        assert start.astimezone(UTC).hour == utc_hour


def test_the_file_carries_the_uk_clock_change_rules(store, committee):
    meeting = add_meeting(store, committee, date(2026, 10, 27))
    with store.reader() as session:
        calendar = _parse(meetings_ics(session, [meeting]))
    assert str(calendar["VERSION"]) == "2.0" and "PartnerDesk" in str(calendar["PRODID"])
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    assert {part.name for part in zone.subcomponents} == {"DAYLIGHT", "STANDARD"}
    # A calendar program with no time-zone database of its own works from these rules alone.
    tz = zone.to_tz()
    for day, hours in (
        (datetime(2026, 10, 20, 10), 1),
        (datetime(2026, 10, 27, 10), 0),
        (datetime(2027, 3, 29, 10), 1),
    ):
        assert day.replace(tzinfo=tz).utcoffset() == timedelta(hours=hours)


def test_a_series_exports_every_meeting_at_the_right_time(store, committee):
    with store.transaction() as session:
        made = create_series(
            session,
            {
                "rule": "monthly_weekday", "weekday": 1, "week_of_month": 3, "starts_on": date(2026, 9, 1),
                "count": 3, "start_time": time(10), "end_time": time(12), "kind": "committee",
                "title": "Board", "committee_id": committee, "venue": "Board room",
            },
        )  # fmt: skip
        series = made.series.id
        ids = [m.id for m in made.meetings]
    with store.transaction() as session:
        delete_meeting(session, ids[2])  # in the Bin: left out
    with store.reader() as session:
        assert series_ids(session, series) == ids[:2]
        events = _events(_parse(meetings_ics(session, series_ids(session, series))))
    assert len(events) == 2
    october = events[f"{ids[1]}@partnerdesk"]
    assert october.decoded("DTSTART") == datetime(2026, 10, 20, 9, 0, tzinfo=UTC)  # 10:00 BST
    assert october.decoded("DTSTART") == _stored(store, ids[1]).starts_at
    assert str(october["LOCATION"]) == "Board room"


def test_text_is_escaped_and_comes_back_exactly(store, committee):
    meeting = add_meeting(
        store,
        committee,
        title="Budget; plans, and \\ more",
        mode="hybrid",
        venue="Room 1, Civic Centre; Cardiff",
        joining_details=AWKWARD,
        access_notes="Step-free; hearing loop",
        contact_name="Łukasz Wójcik",
        contact_phone="029 2000 0000",
        contact_email="lw@example.org",
    )
    with store.reader() as session:
        text = meetings_ics(session, [meeting])
    assert "SUMMARY:Budget\\; plans\\, and \\\\ more\r\n" in text
    event = _events(_parse(text))[f"{meeting}@partnerdesk"]
    assert str(event["SUMMARY"]) == "Budget; plans, and \\ more"
    assert str(event["LOCATION"]) == "Room 1, Civic Centre; Cardiff and online"
    description = str(event["DESCRIPTION"])
    assert AWKWARD in description
    assert "Step-free; hearing loop" in description
    assert "Contact: Łukasz Wójcik, 029 2000 0000, lw@example.org" in description
    assert str(event["STATUS"]) == "CONFIRMED"


def test_lines_end_in_crlf_and_are_folded_at_75_octets(store, committee):
    long_notes = "Ŵ" * 50 + " access notes," * 20  # no trailing space: the form trims it
    meeting = add_meeting(store, committee, access_notes=long_notes)
    with store.reader() as session:
        text = meetings_ics(session, [meeting])
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)
    assert long_notes in str(_events(_parse(text))[f"{meeting}@partnerdesk"]["DESCRIPTION"])
    # Folding never splits a character between lines.
    folded = fold("X:" + "ŵ" * 100)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "X:" + "ŵ" * 100


def test_cancelled_meetings_say_so_and_online_ones_say_online(store, committee):
    cancelled = add_meeting(store, committee, date(2026, 11, 10))
    online = add_meeting(store, committee, date(2026, 11, 17), mode="online", venue=None, joining_details="Teams link")
    with store.transaction() as session:
        cancel_meeting(session, cancelled, "Chair unwell")
    with store.reader() as session:
        events = _events(_parse(meetings_ics(session, [cancelled, online])))
    assert str(events[f"{cancelled}@partnerdesk"]["STATUS"]) == "CANCELLED"
    assert "Chair unwell" in str(events[f"{cancelled}@partnerdesk"]["DESCRIPTION"])
    assert str(events[f"{online}@partnerdesk"]["LOCATION"]) == "Online"
    assert "Teams link" in str(events[f"{online}@partnerdesk"]["DESCRIPTION"])
    for event in events.values():
        assert event.decoded("DTSTAMP").tzinfo is not None


def test_one_persons_upcoming_meetings(store, committee, tmp_path):
    person, other = add_person(store), add_person(store)
    past = add_meeting(store, committee, date(2026, 1, 13))
    soon = add_meeting(store, committee, date(2026, 10, 27))
    later = add_meeting(store, committee, date(2026, 12, 8))
    not_invited = add_meeting(store, committee, date(2026, 11, 3))
    for meeting in (past, soon, later):
        add_invitations(store, meeting, [person])
    add_invitations(store, not_invited, [other])
    with store.transaction() as session:
        move_meeting(session, later, date(2026, 11, 24), time(14), time(16))
    with store.reader() as session:
        ids = person_upcoming_ids(session, person, date(2026, 10, 27))
        assert ids == [soon, later]
        path = tmp_path / "mine.ics"
        assert write_ics(session, path, ids) == 2
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF everywhere, on every platform
    events = _events(_parse(raw.decode("utf-8")))
    assert events[f"{later}@partnerdesk"].decoded("DTSTART") == datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    assert list(tmp_path.glob("*.part")) == []


def _sequence(store, meeting_id: str) -> int:
    with store.reader() as session:
        return int(_events(_parse(meetings_ics(session, [meeting_id])))[f"{meeting_id}@partnerdesk"]["SEQUENCE"])


def _age(store, meeting_id: str, hours: int) -> None:
    """Make the meeting's last change some hours older, as if the export came that long after it."""
    from sqlalchemy import select, update

    table = Meeting.__table__
    with store.transaction() as session:
        changed = session.execute(select(table.c.updated_at).where(table.c.id == meeting_id)).scalar_one()
        earlier = changed - timedelta(hours=hours)
        session.execute(update(table).where(table.c.id == meeting_id).values(updated_at=earlier))


def test_the_sequence_grows_when_a_meeting_moves_or_is_cancelled(store, committee):
    # Outlook replaces a meeting it already holds only when the new copy's SEQUENCE is higher.
    meeting = add_meeting(store, committee, date(2026, 11, 10))
    _age(store, meeting, 2)
    first = _sequence(store, meeting)
    with store.transaction() as session:
        move_meeting(session, meeting, date(2026, 11, 12), time(14), time(16))
    _age(store, meeting, 1)
    moved = _sequence(store, meeting)
    with store.transaction() as session:
        cancel_meeting(session, meeting, "Chair unwell")
    cancelled = _sequence(store, meeting)
    assert 0 <= first < moved < cancelled
