"""Recording and changing wellbeing checks, and ticking off their follow-ups.

A check travels as a plain dict (CHECK_FIELDS). Its moment ("checked_at") is a timezone-aware datetime (the GUI
builds it from a London date and time with rules.meetings.uk_moment). The scales come as "ons4", a dict of
question code → 0–10 (rules.wellbeing.ONS4_QUESTIONS), and "swemwbs", a list of seven 1–5 answers; both may be
left out or blank. Only raw answers are stored: scores come from rules.wellbeing when shown.

Confidential fields (services.wellbeing.confidential.CONFIDENTIAL_FIELDS["wellbeing_check"]) may be left out of the data
when changing a check: they then keep what they held, so a form can be saved without the notes being opened.
Lists and histories: services.wellbeing_list and services.wellbeing_history. Debriefs: services.debrief.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _
from partnerdesk.records.base import current_user, utc_now
from partnerdesk.records.meetings import Meeting
from partnerdesk.records.people import Person
from partnerdesk.records.wellbeing import ONS4_COLUMNS, SWEMWBS_COLUMNS, WellbeingCheck
from partnerdesk.rules import roles
from partnerdesk.rules import wellbeing as rules
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common.access import require
from partnerdesk.services.common.errors import Problems, check_version
from partnerdesk.services.common.lookup import found
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.common.text import tidy
from partnerdesk.services.wellbeing.confidential import CONFIDENTIAL_FIELDS

#: Free-text fields and their longest allowed length.
TEXT_FIELDS = {
    "worker_name": 200,
    "concerns": 20000,
    "follow_up_by": 200,
    "follow_up_action": 20000,
    "signposted_to": 500,
    "confidential_notes": 20000,
}
#: Every field a wellbeing check form can send.
CHECK_FIELDS = (
    "person_id", "checked_at", "worker_person_id", "worker_name", "context", "meeting_id", "quick_score", "ons4",
    "swemwbs", "distress", "concerns", "follow_up_needed", "follow_up_by", "follow_up_due_on", "follow_up_done_on",
    "follow_up_action", "signposted_to", "confidential_notes",
)  # fmt: skip
_KIND = "wellbeing_check"
_DATE_MESSAGE = N_("Please type a date as day/month/year, for example 23/11/2026.")


def live_person(session: Session, person_id: str | None) -> Person | None:
    """The person with this id if they exist and are not in the Bin, else None."""
    person = session.get(Person, person_id) if person_id else None
    return person if person is not None and person.deleted_at is None else None


def _check_scales(out: dict[str, Any], problems: Problems) -> None:
    quick = out["quick_score"]
    if quick is not None:
        try:
            rules.quick_answer_label(quick)
        except ValueError as why:
            problems.add("quick_score", str(why))
    ons4 = out["ons4"] or {}
    if not isinstance(ons4, dict):
        problems.add("ons4", _("Please give the ONS4 answers question by question."))
    else:
        try:
            out["ons4"] = rules.ons4_answers(ons4)
        except ValueError as why:
            problems.add("ons4", str(why))
    answers = list(out["swemwbs"] or [])
    if all(answer is None for answer in answers):
        out["swemwbs"] = None
        return
    try:
        rules.swemwbs_raw(answers)
        out["swemwbs"] = answers
    except ValueError as why:
        problems.add("swemwbs", str(why))


def _check_follow_up(session: Session, out: dict[str, Any], check_day: date | None, problems: Problems) -> None:
    for field in ("follow_up_due_on", "follow_up_done_on"):
        if out[field] is not None and not isinstance(out[field], date):
            problems.add(field, _(_DATE_MESSAGE))
            out[field] = None
    out["distress"] = bool(out["distress"])
    # Distress always needs a follow-up (DOMAIN.md, After distress); so does a follow-up already done.
    out["follow_up_needed"] = bool(out["follow_up_needed"] or out["distress"] or out["follow_up_done_on"])
    if not out["follow_up_needed"]:
        if out["follow_up_due_on"] or out["follow_up_by"]:
            problems.add("follow_up_needed", _("Please tick 'follow-up needed', or clear who and when."))
        return
    if check_day is None:
        return
    if out["follow_up_due_on"] is None:
        out["follow_up_due_on"] = rules.default_follow_up_due(check_day, get_setting(session, "follow_up_working_days"))
    elif why := rules.follow_up_due_problem(check_day, out["follow_up_due_on"]):
        problems.add("follow_up_due_on", why)
    done = out["follow_up_done_on"]
    if done is not None and done < check_day:
        problems.add("follow_up_done_on", _("The follow-up can't be done before the check it follows."))
    elif done is not None and done > today_uk():
        problems.add("follow_up_done_on", _("The follow-up can't be done in the future. Please check the date."))


def clean_check(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    """Check a wellbeing check's details and return them tidied, or raise ValidationError saying what to fix.

    A distress check gets a follow-up due by the next working day (the organisation's setting) unless a date is
    given; any follow-up needed with no date gets the same default.
    """
    out = tidy(data, CHECK_FIELDS, _("wellbeing check"))
    problems = Problems()
    for field, longest in TEXT_FIELDS.items():
        if isinstance(out[field], str) and len(out[field]) > longest:
            problems.add(field, _("This is too long: please keep it to {longest} characters.").format(longest=longest))
    if live_person(session, out["person_id"]) is None:
        problems.add("person_id", _("Please pick the person the check is with."))
    check_day = None
    moment = out["checked_at"]
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        problems.add("checked_at", _("Please give the date and time of the check."))
    elif (check_day := today_uk(moment)) > today_uk():
        problems.add("checked_at", _("A check can't be recorded for a day that hasn't come yet."))
        check_day = None
    if out["worker_person_id"] is not None:
        if live_person(session, out["worker_person_id"]) is None:
            problems.add("worker_person_id", _("Please pick the worker from the list."))
    elif not out["worker_name"]:
        out["worker_name"] = current_user()  # the worker at the computer, until accounts say who is signed in
    if out["context"] not in rules.CHECK_CONTEXTS:
        problems.add("context", _("Please pick when the check happened (pre-meeting, debrief, phone check-in…)."))
    if out["meeting_id"] is not None:
        meeting = session.get(Meeting, out["meeting_id"])
        if meeting is None or meeting.deleted_at is not None:
            problems.add("meeting_id", _("Please pick the meeting from the list."))
    _check_scales(out, problems)
    _check_follow_up(session, out, check_day, problems)
    problems.raise_if_any()
    return out


def apply_check(check: WellbeingCheck, clean: dict[str, Any]) -> None:
    """Put cleaned details (from clean_check) on a check record."""
    ons4, swemwbs = clean.pop("ons4"), clean.pop("swemwbs")
    for code, column in ONS4_COLUMNS.items():
        setattr(check, column, ons4[code] if ons4 else None)
    for number, column in enumerate(SWEMWBS_COLUMNS):
        setattr(check, column, swemwbs[number] if swemwbs else None)
    for key, value in clean.items():
        setattr(check, key, value)


def create_check(session: Session, data: dict[str, Any]) -> WellbeingCheck:
    """Record a wellbeing check (fields: CHECK_FIELDS); raises ValidationError and saves nothing if not right."""
    clean = clean_check(session, data)
    check = WellbeingCheck()
    apply_check(check, clean)
    session.add(check)
    session.flush()
    return check


def get_check(session: Session, check_id: str) -> WellbeingCheck:
    """A check by id, including checks in the Bin; raises NotFound. Do not show its confidential fields from
    here: use services.wellbeing.confidential.read_confidential_notes."""
    return found(session, WellbeingCheck, check_id,
                 _("That wellbeing check could not be found. It may have been erased."))


def check_data(session: Session, check_id: str) -> dict[str, Any]:
    """A check's details for the form, WITHOUT its confidential fields (open those with read_confidential_notes)."""
    require(roles.WELLBEING_READ)
    check = get_check(session, check_id)
    hidden = CONFIDENTIAL_FIELDS[_KIND]
    data = {key: getattr(check, key) for key in CHECK_FIELDS if key not in hidden and key not in ("ons4", "swemwbs")}
    data["ons4"] = {code: getattr(check, column) for code, column in ONS4_COLUMNS.items()}
    data["swemwbs"] = [getattr(check, column) for column in SWEMWBS_COLUMNS]
    return data


def update_check(session: Session, check_id: str, data: dict[str, Any], version: int | None = None) -> WellbeingCheck:
    """Change a check. Confidential fields left out of data keep what they held. Raises ValidationError and
    changes nothing if the details are not right. A form passes the version it opened the check at: EditConflict
    if different details were saved since (confidential fields are compared only when the form sent them, so a
    form that never opened the notes is never shown them)."""
    check = get_check(session, check_id)
    kept = {field: getattr(check, field) for field in CONFIDENTIAL_FIELDS[_KIND] if field not in data}
    clean = clean_check(session, {**data, **kept})
    opened = {field: getattr(check, field) for field in CONFIDENTIAL_FIELDS[_KIND] if field in data}
    check_version(check, version, {key: clean[key] for key in data}, {**check_data(session, check_id), **opened})
    apply_check(check, clean)
    check.updated_at = utc_now()
    session.flush()
    return check


def change_check(session: Session, check_id: str, **changes: Any) -> WellbeingCheck:
    """Change only some fields of a check (for example follow_up_done_on=date(...)), checking the whole check."""
    return update_check(session, check_id, {**check_data(session, check_id), **changes})


def record_follow_up_done(
    session: Session, check_id: str, done_on: date, what_was_done: str | None = None, signposted_to: str | None = None
) -> WellbeingCheck:
    """Tick a check's follow-up off: when, what was done (confidential) and where the person was signposted."""
    changes: dict[str, Any] = {"follow_up_done_on": done_on, "signposted_to": signposted_to}
    if what_was_done is not None:
        changes["follow_up_action"] = what_was_done
    return change_check(session, check_id, **changes)


def delete_check(session: Session, check_id: str) -> None:
    """Move a check to the Bin (it can be restored)."""
    check = get_check(session, check_id)
    check.deleted_at = utc_now()
    session.flush()


def restore_check(session: Session, check_id: str) -> None:
    """Bring a check back from the Bin."""
    check = get_check(session, check_id)
    check.deleted_at, check.updated_at = None, utc_now()
    session.flush()


def swemwbs_wording(session: Session) -> tuple[list[str], str]:
    """The organisation's own seven SWEMWBS items (an empty list until typed in settings) and the copyright line
    to show wherever the items or scores appear."""
    return get_setting(session, "swemwbs_items"), rules.SWEMWBS_COPYRIGHT
