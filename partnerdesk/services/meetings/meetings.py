"""Creating, changing, moving, cancelling, deleting to the Bin and restoring single meetings.

A meeting's details travel as a plain dict (the form's fields, MEETING_FIELDS). Its time is typed as a London
date ("date") with a start and end time of day ("start_time", "end_time"); the service stores UTC moments, so a
10:00 meeting stays 10:00 in London in summer and winter. Series: services.meetings.series. Invitations and
attendance: services.meetings.attendance. Lists: services.meetings.listing. Today page: services.meetings.today.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _
from partnerdesk.records import vocab as v
from partnerdesk.records.base import utc_now
from partnerdesk.records.meetings import Meeting
from partnerdesk.records.people import Committee, Person
from partnerdesk.rules import contact
from partnerdesk.rules.meetings import SERVING_KINDS, Periods, periods_for, uk_moment, uk_times
from partnerdesk.services.common.errors import Problems, check_version
from partnerdesk.services.common.lookup import found
from partnerdesk.services.common.settings import default_periods
from partnerdesk.services.common.text import text_problem, tidy

#: Free-text fields and their longest allowed length.
TEXT_FIELDS = {
    "title": 200,
    "venue": 300,
    "access_notes": 4000,
    "joining_details": 4000,
    "contact_name": 200,
    "contact_phone": 40,
    "contact_email": 254,
    "notes": 20000,
    "notice_reason": 500,
    "papers_reason": 500,
}
#: The meeting's own details, which a series copies to every meeting it makes.
DETAIL_FIELDS = (
    "kind", "committee_id", "title", "mode", "venue", "access_notes", "joining_details",
    "contact_person_id", "contact_name", "contact_phone", "contact_email", "notes",
)  # fmt: skip
WHEN_FIELDS = ("date", "start_time", "end_time")
#: Dates recorded as the meeting is prepared and followed up, with the reasons given when one was late.
TRACKING_FIELDS = (
    "notice_sent_on", "notice_reason", "papers_received_on", "papers_reason", "reminders_sent_on", "minutes_sent_on",
)  # fmt: skip
#: Every field a meeting form can send.
MEETING_FIELDS = (*DETAIL_FIELDS, *WHEN_FIELDS, "serves_meeting_id", *TRACKING_FIELDS)
_DATE_MESSAGE = N_("Please type a date as day/month/year, for example 23/11/2026.")


def check_details(session: Session, out: dict[str, Any], problems: Problems) -> None:
    """Check the meeting's own details (DETAIL_FIELDS) in out, tidying them in place."""
    for field, longest in TEXT_FIELDS.items():
        if isinstance(out.get(field), str) and len(out[field]) > longest:
            problems.add(field, _("This is too long: please keep it to {longest} characters.").format(longest=longest))
    if out["kind"] not in v.MEETING_KINDS:
        problems.add("kind", _("Please pick what kind of meeting this is."))
    if not out["title"]:
        problems.add("title", _("Please give the meeting a title."))
    out["mode"] = out["mode"] or "in_person"
    if out["mode"] not in v.MEETING_MODES:
        problems.add("mode", _("Please pick one of the choices in the list."))
    if out["committee_id"] is not None:
        committee = session.get(Committee, out["committee_id"])
        if committee is None or committee.deleted_at is not None:
            problems.add("committee_id", _("Please pick a committee from the list."))
    elif out["kind"] == "committee":
        problems.add("committee_id", _("Please pick the committee or board that is meeting."))
    if out["contact_person_id"] is not None:
        person = session.get(Person, out["contact_person_id"])
        if person is None or person.deleted_at is not None:
            problems.add("contact_person_id", _("Please pick the contact from the list."))
    if out["contact_email"] and (why := contact.email_problem(out["contact_email"])):
        problems.add("contact_email", why)
    if out["contact_phone"] and (why := contact.phone_problem(out["contact_phone"])):
        problems.add("contact_phone", why)


def check_times(problems: Problems, day: date | None, start: Any, end: Any) -> tuple[Any, Any] | None:
    """Turn a London date and start/end times into UTC moments, or add what is wrong and return None.

    With day None only the times themselves are checked (and None returned).
    """
    ok = True
    if not isinstance(start, time):
        problems.add("start_time", _("Please give the time the meeting starts, for example 10:00."))
        ok = False
    if not isinstance(end, time):
        problems.add("end_time", _("Please give the time the meeting ends, for example 12:00."))
        ok = False
    if not ok:
        return None
    if end <= start:
        problems.add("end_time", _("The meeting must end after it starts."))
        return None
    if day is None:  # only the times could be checked
        return None
    moments = []
    for field, at in (("start_time", start), ("end_time", end)):
        try:
            moments.append(uk_moment(day, at))
        except ValueError as why:
            problems.add(field, str(why))
    return (moments[0], moments[1]) if len(moments) == 2 else None


def _check_serving(session: Session, out: dict[str, Any], meeting_id: str | None, problems: Problems) -> None:
    served_id = out["serves_meeting_id"]
    if out["kind"] not in SERVING_KINDS:
        if served_id is not None:
            problems.add("serves_meeting_id", _("Only pre-meetings and debriefs are linked to another meeting."))
        return
    if served_id is None:
        which = _("prepares for") if out["kind"] == "pre_meeting" else "follows"
        problems.add(
            "serves_meeting_id", _("Please pick the meeting this {value} {which}.").format(
                value=v.MEETING_KINDS[out['kind']].lower(),
                which=which,
            )
        )
        return
    served = session.get(Meeting, served_id)
    if served_id == meeting_id or served is None or served.deleted_at is not None:
        problems.add("serves_meeting_id", _("Please pick another meeting from the list."))
        return
    if out["committee_id"] is None:  # a pre-meeting or debrief belongs with the committee it serves
        out["committee_id"] = served.committee_id
    if out.get("starts_at") is None:
        return
    if out["kind"] == "pre_meeting" and out["ends_at"] > served.starts_at:
        problems.add("start_time", _("A pre-meeting must finish before the meeting it prepares for starts."))
    if out["kind"] == "debrief" and out["starts_at"] < served.ends_at:
        problems.add("start_time", _("A debrief must start after the meeting it follows has finished."))


def _check_tracking(out: dict[str, Any], problems: Problems) -> None:
    for field in ("notice_sent_on", "papers_received_on", "reminders_sent_on", "minutes_sent_on"):
        if out[field] is not None and not isinstance(out[field], date):
            problems.add(field, _DATE_MESSAGE)
    day = out["date"]
    if not isinstance(day, date):
        return
    after = {"notice_sent_on": _("Notice"), "papers_received_on": _("Papers"), "reminders_sent_on": _("Reminders")}
    for field, what in after.items():
        if isinstance(out[field], date) and out[field] > day:
            problems.add(field, _("{what} can't be dated after the meeting.").format(what=what))
    if isinstance(out["minutes_sent_on"], date) and out["minutes_sent_on"] < day:
        problems.add("minutes_sent_on", _("Minutes can't be sent before the meeting."))


def clean_meeting(session: Session, data: dict[str, Any], meeting_id: str | None = None) -> dict[str, Any]:
    """Check a meeting's details and return them tidied, with starts_at and ends_at (UTC) worked out.

    Raises ValidationError with a message per field when something is wrong. meeting_id: the meeting being changed.
    """
    problems = Problems()
    out = tidy(data, MEETING_FIELDS)
    check_details(session, out, problems)
    if out["date"] is None:
        problems.add("date", _("Please give the date of the meeting."))
    elif not isinstance(out["date"], date):
        problems.add("date", _DATE_MESSAGE)
        out["date"] = None
    moments = check_times(problems, out["date"], out["start_time"], out["end_time"])
    out["starts_at"], out["ends_at"] = moments or (None, None)
    _check_serving(session, out, meeting_id, problems)
    _check_tracking(out, problems)
    problems.raise_if_any()
    return out


def _apply(meeting: Meeting, clean: dict[str, Any]) -> None:
    old_start = meeting.starts_at
    for key, value in clean.items():
        if key not in WHEN_FIELDS:
            setattr(meeting, key, value)
    # An occurrence of a series that is moved remembers where the series put it; moving it back forgets that.
    if meeting.series_id and old_start is not None and clean["starts_at"] != old_start:
        if meeting.moved_from is None:
            meeting.moved_from = old_start
        elif meeting.moved_from == clean["starts_at"]:
            meeting.moved_from = None


def create_meeting(session: Session, data: dict[str, Any]) -> Meeting:
    """Add a meeting (past dates are allowed, for catching up); raises ValidationError and saves nothing if the
    details are not right."""
    clean = clean_meeting(session, data)
    meeting = Meeting()
    _apply(meeting, clean)
    session.add(meeting)
    session.flush()
    return meeting


def get_meeting(session: Session, meeting_id: str) -> Meeting:
    """A meeting by id, including meetings in the Bin; raises NotFound."""
    return found(session, Meeting, meeting_id, _("That meeting could not be found. It may have been erased."))


def meeting_periods(session: Session, meeting_id: str) -> Periods:
    """The notice and papers periods one meeting is held to (its committee's organisation's, or the defaults)."""
    meeting = get_meeting(session, meeting_id)
    own = meeting.committee.organisation if meeting.committee is not None else None
    default = default_periods(session)
    return periods_for(default, own.notice_days, own.papers_days) if own is not None else default


def meeting_data(meeting: Meeting) -> dict[str, Any]:
    """A meeting's details as the plain dict the form and clean_meeting use (London date and times)."""
    data = {key: getattr(meeting, key) for key in MEETING_FIELDS if key not in WHEN_FIELDS}
    data["date"], data["start_time"], data["end_time"] = uk_times(meeting.starts_at, meeting.ends_at)
    return data


def update_meeting(session: Session, meeting_id: str, data: dict[str, Any], version: int | None = None) -> Meeting:
    """Change a meeting's details (all fields, as from the form); raises ValidationError and changes nothing if
    they are not right. Changing the date or time of a meeting in a series marks it as moved. A form passes the
    version it opened the meeting at: EditConflict if different details were saved since."""
    meeting = get_meeting(session, meeting_id)
    clean = clean_meeting(session, data, meeting_id)
    check_version(meeting, version, clean, meeting_data(meeting))
    _apply(meeting, clean)
    meeting.updated_at = utc_now()
    session.flush()
    return meeting


def change_meeting(session: Session, meeting_id: str, **changes: Any) -> Meeting:
    """Change only some fields of a meeting (for example notice_sent_on=date(...)), checking the whole meeting."""
    meeting = get_meeting(session, meeting_id)
    return update_meeting(session, meeting_id, {**meeting_data(meeting), **changes})


def move_meeting(session: Session, meeting_id: str, day: date, start_time: time, end_time: time) -> Meeting:
    """Give a meeting a new London date and times. In a series, only this meeting moves (and is marked moved)."""
    return change_meeting(session, meeting_id, date=day, start_time=start_time, end_time=end_time)


def cancel_meeting(session: Session, meeting_id: str, reason: str | None) -> Meeting:
    """Cancel a meeting, saying why. In a series the other meetings are left alone. The meeting stays on record."""
    meeting = get_meeting(session, meeting_id)
    problems = Problems()
    reason = (reason or "").strip()
    if not reason:
        problems.add("cancel_reason", _("Please say why the meeting is cancelled."))
    elif len(reason) > 500:
        problems.add("cancel_reason", _("This is too long: please keep it to 500 characters."))
    elif why := text_problem("cancel_reason", reason):
        problems.add("cancel_reason", why)
    problems.raise_if_any()
    meeting.cancelled, meeting.cancel_reason = True, reason
    meeting.updated_at = utc_now()
    session.flush()
    return meeting


def reinstate_meeting(session: Session, meeting_id: str) -> Meeting:
    """Undo a cancellation."""
    meeting = get_meeting(session, meeting_id)
    meeting.cancelled, meeting.cancel_reason = False, None
    meeting.updated_at = utc_now()
    session.flush()
    return meeting


def delete_meeting(session: Session, meeting_id: str) -> None:
    """Move a meeting to the Bin (it can be restored). Cancelling is usually what people mean; this is for mistakes."""
    meeting = get_meeting(session, meeting_id)
    meeting.deleted_at = utc_now()
    session.flush()


def restore_meeting(session: Session, meeting_id: str) -> None:
    """Bring a meeting back from the Bin."""
    meeting = get_meeting(session, meeting_id)
    meeting.deleted_at = None
    meeting.updated_at = utc_now()
    session.flush()


def serving_meetings(session: Session, meeting_id: str) -> list[Meeting]:
    """The pre-meetings and debriefs arranged for a meeting (not in the Bin), earliest first."""
    stmt = (
        select(Meeting)
        .where(Meeting.serves_meeting_id == meeting_id, Meeting.deleted_at.is_(None))
        .order_by(Meeting.starts_at)
    )
    return list(session.scalars(stmt))
