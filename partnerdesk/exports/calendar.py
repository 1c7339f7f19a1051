"""Calendar files (.ics, RFC 5545) for a meeting, a series, or one person's upcoming meetings.

Times are written as London wall-clock times with TZID=Europe/London and a VTIMEZONE that carries the UK's clock
change rules, so Outlook, Thunderbird and phones show 10:00 as 10:00 on both sides of a clock change. The file is
written by hand rather than with a library: the format is small, and this keeps a dependency out of the app.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk import __version__
from partnerdesk.exports.audited import audited
from partnerdesk.exports.xlsx import destination, replacing
from partnerdesk.i18n import _
from partnerdesk.records import vocab as v
from partnerdesk.records.meetings import Attendance, Meeting
from partnerdesk.rules.dates import UK
from partnerdesk.rules.meetings import uk_moment
from partnerdesk.services.meetings.series import series_meetings

PRODID = f"-//PartnerDesk//PartnerDesk {__version__}//EN"  # not words
UID_DOMAIN = "partnerdesk"
TZID = "Europe/London"

# The UK's rules since 1996 (EU summer time): clocks go forward at 01:00 GMT on the last Sunday of March and back at
# 02:00 BST on the last Sunday of October. Each DTSTART is the local time just before the change, as RFC 5545 asks.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19960331T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19961027T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)

_LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded


def escape_text(value: str) -> str:
    """Text as an iCalendar TEXT value: backslash, semicolon and comma escaped, every kind of line break as \\n."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded so no physical line is over 75 octets (UTF-8), never splitting a character.

    Each continuation starts with a space, which readers remove; lines are joined with CRLF.
    """
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        octets = len(char.encode("utf-8"))
        # The first physical line holds 75 octets; each later one 74 after its leading space.
        limit = _LINE_OCTETS if not pieces else _LINE_OCTETS - 1
        if size + octets > limit:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _local(moment: datetime) -> str:
    return moment.astimezone(UK).strftime("%Y%m%dT%H%M%S")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _description(meeting: Meeting) -> str:
    parts = []
    if meeting.committee is not None:
        parts.append(f"{meeting.committee.name} ({meeting.committee.organisation.name})")
    parts.append(v.label(v.MEETING_KINDS, meeting.kind) + ", " + v.label(v.MEETING_MODES, meeting.mode).lower())
    if meeting.cancelled:
        parts.append("CANCELLED" + (f": {meeting.cancel_reason}" if meeting.cancel_reason else ""))
    if meeting.joining_details:
        parts.append(_("Joining details:\n{joining_details}").format(joining_details=meeting.joining_details))
    if meeting.access_notes:
        parts.append(_("Access:\n{access_notes}").format(access_notes=meeting.access_notes))
    given = [meeting.contact_name or (meeting.contact_person.full_name if meeting.contact_person else None)]
    given += [meeting.contact_phone, meeting.contact_email]
    contact = [part for part in given if part]
    if contact:
        parts.append(_("Contact: {contact}").format(contact=", ".join(contact)))
    return "\n\n".join(parts)


def _location(meeting: Meeting) -> str:
    if meeting.mode == "online":
        return _("Online")
    if meeting.mode == "hybrid":
        return _("{venue} and online").format(venue=meeting.venue) if meeting.venue else _("Online")
    return meeting.venue or ""


#: SEQUENCE counts seconds from here to the meeting's last change (about 2.1 billion, a 32-bit number, in 2088).
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def sequence(meeting: Meeting) -> int:
    """The meeting's iCalendar SEQUENCE: it grows with every change, so a calendar that already holds the meeting
    (Outlook in particular) replaces it with a moved or cancelled copy rather than keeping the old one.

    Derived from when the meeting was last changed, so no counter is stored: any later change gives a higher
    number. Changes other than time, place or status raise it too, which calendars take as a harmless update."""
    changed = meeting.updated_at or meeting.created_at
    if changed is None:
        return 0
    if changed.tzinfo is None:
        changed = changed.replace(tzinfo=UTC)
    return max(0, int((changed - SEQUENCE_EPOCH).total_seconds()))


def _event(meeting: Meeting, stamp: datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting.id}@{UID_DOMAIN}",
        f"DTSTAMP:{_utc(stamp)}",
        f"SEQUENCE:{sequence(meeting)}",
        f"DTSTART;TZID={TZID}:{_local(meeting.starts_at)}",
        f"DTEND;TZID={TZID}:{_local(meeting.ends_at)}",
        f"SUMMARY:{escape_text(meeting.title)}",
    ]
    location = _location(meeting)
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append(f"DESCRIPTION:{escape_text(_description(meeting))}")
    lines.append(f"STATUS:{'CANCELLED' if meeting.cancelled else 'CONFIRMED'}")
    if meeting.created_at is not None:
        lines.append(f"CREATED:{_utc(meeting.created_at)}")
    if meeting.updated_at is not None:
        # Calendars that already hold the meeting (same UID) take the newer copy: a move or cancellation shows.
        lines.append(f"LAST-MODIFIED:{_utc(meeting.updated_at)}")
    lines.append("END:VEVENT")
    return lines


def _meetings(session: Session, meeting_ids: Iterable[str]) -> list[Meeting]:
    ids = list(dict.fromkeys(meeting_ids))
    found: list[Meeting] = []
    for start in range(0, len(ids), 500):  # keep each IN (...) list well inside the database's limit
        stmt = select(Meeting).where(Meeting.id.in_(ids[start : start + 500]), Meeting.deleted_at.is_(None))
        found.extend(session.scalars(stmt))
    return sorted(found, key=lambda meeting: (meeting.starts_at, meeting.id))


def meetings_ics(session: Session, meeting_ids: Sequence[str]) -> str:
    """The calendar file's text for these meetings, earliest first (ids not found or in the Bin are left out).

    Cancelled meetings are included with STATUS:CANCELLED, so importing the file again takes them off a calendar.
    """
    stamp = datetime.now(UTC).replace(microsecond=0)
    lines = ["BEGIN:VCALENDAR", f"PRODID:{PRODID}", "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    lines.extend(VTIMEZONE)
    for meeting in _meetings(session, meeting_ids):
        lines.extend(_event(meeting, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


@audited("calendar")
def write_ics(session: Session, path: Path, meeting_ids: Sequence[str]) -> int:
    """Write a calendar file for these meetings at path (replacing it whole); returns how many meetings it holds.

    Raises ExportError, in plain words, when the folder is missing or the file can't be written.
    """
    path = destination(path)
    text = meetings_ics(session, meeting_ids)
    count = text.count("BEGIN:VEVENT")
    # newline="" writes the CRLF line endings exactly as they are, on Windows too.
    with replacing(path) as temporary, open(temporary, "w", encoding="utf-8", newline="") as file:
        file.write(text)
    return count


def person_upcoming_ids(session: Session, person_id: str, today: date) -> list[str]:
    """Ids of the meetings (not in the Bin, cancelled ones included) a person is invited to from today on."""
    stmt = (
        select(Meeting.id)
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(
            Attendance.person_id == person_id,
            Attendance.invited.is_(True),
            Meeting.deleted_at.is_(None),
            Meeting.starts_at >= uk_moment(today, time(0)),
        )
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return list(session.scalars(stmt))


def series_ids(session: Session, series_id: str) -> list[str]:
    """Ids of a series' meetings (moved and cancelled ones included, not those in the Bin), earliest first."""
    return [meeting.id for meeting in series_meetings(session, series_id)]
