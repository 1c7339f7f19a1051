"""Programmes and applications: creating and changing them, with a plain message per field for what can't be saved.

A programme's details travel as a plain dict (PROGRAMME_FIELDS): hours as typed ("15", "15.5") or whole minutes, money
as typed ("175.00") or whole pence, None for rates and caps meaning "the organisation's settings". An application's
lists (aspirations, experience, areas, communities, availability, must-not-match person ids) come as lists of text or
one text with commas or new lines between.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _
from partnerdesk.records.base import utc_now
from partnerdesk.records.people import Organisation, Person
from partnerdesk.records.programmes import Programme, ProgrammeApplication
from partnerdesk.rules.money import format_pounds, parse_pounds
from partnerdesk.rules.payments import MAX_CAP_HALF_DAYS
from partnerdesk.rules.programmes import (
    ACTIVITY_KINDS,
    AVAILABILITY,
    DEFAULT_MINUTES_PER_HALF_DAY,
    PROGRAMME_KINDS,
    SIDES,
)
from partnerdesk.services.common.errors import NotFound, Problems, ValidationError, check_version
from partnerdesk.services.common.lookup import found
from partnerdesk.services.common.text import text_problem, tidy

PROGRAMME_FIELDS = (
    "name", "kind", "starts_on", "ends_on", "side_a_name", "side_b_name", "side_a_hours", "side_b_hours",
    "required_activities", "required_notes", "backfill_side", "backfill_day", "backfill_half_day",
    "backfill_cap_half_days", "minutes_per_half_day", "same_organisation_allowed", "notes",
)  # fmt: skip
APPLICATION_FIELDS = (
    "programme_id", "person_id", "side", "organisation_id", "role", "aspirations", "experience", "areas",
    "communities", "availability", "must_not_match", "must_not_match_notes",
)  # fmt: skip
LIST_FIELDS = ("aspirations", "experience", "areas", "communities", "availability", "must_not_match")
#: The side names a new programme of each kind starts with (DOMAIN.md), changeable per programme.
DEFAULT_SIDES = {
    "buddying": (N_("Board member"), N_("VCS leader")),
    "reciprocal_mentoring": (N_("Established leader"), N_("Aspiring leader")),
    "other": (N_("Side A"), N_("Side B")),
}
_MOST_HOURS = 2000  # a year of full-time work: anything more is a typing slip
_LONGEST = {"name": 200, "side_a_name": 80, "side_b_name": 80, "role": 200}


def _hours(problems: Problems, field: str, value: Any) -> int:
    """Whole minutes from hours typed ("15", "15.5") or given as whole minutes (an int)."""
    if value is None:
        return 0
    if isinstance(value, int) and not isinstance(value, bool):
        minutes = value
    else:
        try:
            exact = Decimal(str(value).strip()) * 60
        except InvalidOperation:
            exact = Decimal(-1)
        if exact != exact.to_integral_value() or exact < 0:
            problems.add(field, _("Please give the hours as a number, for example 15 or 15.5."))
            return 0
        minutes = int(exact)
    if not 0 <= minutes <= _MOST_HOURS * 60:
        problems.add(field, _("Please give the hours from 0 to {most}.").format(most=_MOST_HOURS))
    return minutes


def _pence(problems: Problems, field: str, value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        return value
    try:
        return parse_pounds(str(value))
    except ValueError as why:
        problems.add(field, str(why))
        return None


def _whole(problems: Problems, field: str, value: Any, lowest: int, highest: int) -> int | None:
    if value is None:
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or not lowest <= int(text) <= highest:
        problems.add(field, _("Please give a whole number from {lowest} to {highest}.").format(
            lowest=lowest, highest=highest))  # fmt: skip
        return None
    return int(text)


def _required(problems: Problems, value: Any) -> list[dict[str, Any]]:
    out = []
    for item in value or []:
        kind, count = (item or {}).get("kind"), (item or {}).get("count")
        if kind not in ACTIVITY_KINDS:
            problems.add("required_activities", _("Please pick each required activity from the list."))
            continue
        number = _whole(problems, "required_activities", count, 1, 100)
        if number is not None:
            out.append({"kind": kind, "count": number})
    return out


def clean_programme(data: dict[str, Any]) -> dict[str, Any]:
    """A programme's details checked and turned into its columns; raises ValidationError with a message per field."""
    problems = Problems()
    out = tidy(data, PROGRAMME_FIELDS, "programme")
    kind = out["kind"] or "other"
    if kind not in PROGRAMME_KINDS:
        problems.add("kind", _("Please pick buddying, reciprocal mentoring or other."))
        kind = "other"
    if not out["name"]:
        problems.add("name", _("Please give the programme a name."))
    sides = DEFAULT_SIDES[kind]
    out["side_a_name"] = out["side_a_name"] or sides[0]
    out["side_b_name"] = out["side_b_name"] or sides[1]
    for field, longest in _LONGEST.items():
        if field in out and out[field] and len(out[field]) > longest:
            problems.add(field, _("This is too long: please keep it to {n} characters.").format(n=longest))
    if out["side_a_name"].casefold() == out["side_b_name"].casefold():
        problems.add("side_b_name", _("The two sides need different names, so everyone can tell them apart."))
    for field in ("starts_on", "ends_on"):
        if out[field] is not None and not isinstance(out[field], date):
            problems.add(field, _("Please type a date as day/month/year, for example 23/11/2026."))
            out[field] = None
    if out["starts_on"] and out["ends_on"] and out["ends_on"] <= out["starts_on"]:
        problems.add("ends_on", _("The end date must be after the start date."))
    if out["backfill_side"] not in (None, *SIDES):
        problems.add("backfill_side", _("Please pick which side is paid backfill, or nobody."))
    columns = {
        "name": out["name"], "kind": kind, "starts_on": out["starts_on"], "ends_on": out["ends_on"],
        "side_a_name": out["side_a_name"], "side_b_name": out["side_b_name"],
        "side_a_minutes": _hours(problems, "side_a_hours", out["side_a_hours"]),
        "side_b_minutes": _hours(problems, "side_b_hours", out["side_b_hours"]),
        "required_activities": _required(problems, out["required_activities"]),
        "required_notes": out["required_notes"], "backfill_side": out["backfill_side"],
        "backfill_day_pence": _pence(problems, "backfill_day", out["backfill_day"]),
        "backfill_half_day_pence": _pence(problems, "backfill_half_day", out["backfill_half_day"]),
        "backfill_cap_half_days": _whole(problems, "backfill_cap_half_days", out["backfill_cap_half_days"], 0,
                                         MAX_CAP_HALF_DAYS),
        "minutes_per_half_day": _whole(problems, "minutes_per_half_day", out["minutes_per_half_day"], 30, 720)
        or DEFAULT_MINUTES_PER_HALF_DAY,
        "same_organisation_allowed": bool(out["same_organisation_allowed"]), "notes": out["notes"],
    }  # fmt: skip
    day, half = columns["backfill_day_pence"], columns["backfill_half_day_pence"]
    if day is not None and half is not None and half > day:
        problems.add("backfill_half_day", _("The half-day rate can't be more than the day rate."))
    problems.raise_if_any()
    return columns


def programme_data(programme: Programme) -> dict[str, Any]:
    """A programme's details as the plain dict its form and clean_programme use."""

    def hours(minutes: int) -> str:
        return str((Decimal(minutes) / 60).normalize()) if minutes % 60 else str(minutes // 60)

    def pounds(pence: int | None) -> str | None:
        return None if pence is None else format_pounds(pence).lstrip("£").replace(",", "")

    return {
        "name": programme.name, "kind": programme.kind, "starts_on": programme.starts_on,
        "ends_on": programme.ends_on, "side_a_name": programme.side_a_name, "side_b_name": programme.side_b_name,
        "side_a_hours": hours(programme.side_a_minutes), "side_b_hours": hours(programme.side_b_minutes),
        "required_activities": list(programme.required_activities), "required_notes": programme.required_notes,
        "backfill_side": programme.backfill_side, "backfill_day": pounds(programme.backfill_day_pence),
        "backfill_half_day": pounds(programme.backfill_half_day_pence),
        "backfill_cap_half_days": programme.backfill_cap_half_days,
        "minutes_per_half_day": programme.minutes_per_half_day,
        "same_organisation_allowed": programme.same_organisation_allowed, "notes": programme.notes,
    }  # fmt: skip


def create_programme(session: Session, data: dict[str, Any]) -> Programme:
    """Start a programme; raises ValidationError and saves nothing if the details are not right."""
    programme = Programme(**clean_programme(data))
    session.add(programme)
    session.flush()
    return programme


def get_programme(session: Session, programme_id: str) -> Programme:
    """A programme by id, including one in the Bin; raises NotFound."""
    return found(session, Programme, programme_id, _("That programme could not be found. It may have been erased."))


def live_programme(session: Session, programme_id: str) -> Programme:
    """A programme that is not in the Bin; raises NotFound or ValidationError (key "") saying why not."""
    programme = get_programme(session, programme_id)
    if programme.deleted_at is not None:
        raise ValidationError({"": _("This programme is in the Bin. Restore it first to change it.")})
    return programme


def update_programme(session: Session, programme_id: str, data: dict[str, Any], version: int | None = None
                     ) -> Programme:  # fmt: skip
    """Change a programme's details. A form passes the version it opened the programme at: EditConflict if
    different details were saved since."""
    programme = live_programme(session, programme_id)
    clean = clean_programme(data)
    check_version(programme, version, data, programme_data(programme))
    for key, value in clean.items():
        setattr(programme, key, value)
    programme.updated_at = utc_now()
    session.flush()
    return programme


def list_programmes(session: Session) -> list[Programme]:
    """Programmes not in the Bin, newest start first."""
    stmt = select(Programme).where(Programme.deleted_at.is_(None))
    return sorted(session.scalars(stmt), key=lambda p: (p.starts_on or date.min, p.name), reverse=True)


# ------------------------------------------------------------------------------------------------ applications


def _phrases(problems: Problems, field: str, value: Any) -> list[str]:
    """A list of short phrases from a list or from text with commas or new lines between; blanks dropped."""
    items = value.replace("\n", ",").split(",") if isinstance(value, str) else list(value or [])
    out = []
    for item in items:
        if not isinstance(item, str):
            problems.add(field, _("Please type words or short phrases."))
            continue
        phrase = " ".join(item.split())
        if why := text_problem(field, phrase):
            problems.add(field, why)
        elif phrase and len(phrase) <= 200 and phrase not in out:
            out.append(phrase)
        elif len(phrase) > 200:
            problems.add(field, _("Please keep each item to 200 characters."))
    return out


def clean_application(session: Session, data: dict[str, Any], application_id: str | None = None) -> dict[str, Any]:
    """An application's details checked; raises ValidationError with a message per field."""
    problems = Problems()
    plain = {key: value for key, value in data.items() if key not in LIST_FIELDS}
    out = tidy(plain, tuple(f for f in APPLICATION_FIELDS if f not in LIST_FIELDS), "application")
    for field in LIST_FIELDS:
        out[field] = _phrases(problems, field, data.get(field))
    programme = session.get(Programme, out["programme_id"]) if out["programme_id"] else None
    if programme is None or programme.deleted_at is not None:
        problems.add("programme_id", _("Please pick the programme from the list."))
    person = session.get(Person, out["person_id"]) if out["person_id"] else None
    if person is None or person.deleted_at is not None:
        problems.add("person_id", _("Please pick the person who is applying."))
    if out["side"] not in SIDES:
        problems.add("side", _("Please pick which side of the programme they are on."))
    if out["organisation_id"] is not None:
        organisation = session.get(Organisation, out["organisation_id"])
        if organisation is None or organisation.deleted_at is not None:
            problems.add("organisation_id", _("Please pick the organisation from the list."))
    if out["role"] and len(out["role"]) > _LONGEST["role"]:
        problems.add("role", _("This is too long: please keep it to {n} characters.").format(n=_LONGEST["role"]))
    if any(code not in AVAILABILITY for code in out["availability"]):
        problems.add("availability", _("Please pick the times they are free from the list."))
    if out["person_id"] in out["must_not_match"]:
        problems.add("must_not_match", _("A person can't be listed as someone they must not be matched with."))
    if programme is not None and person is not None:
        taken = select(ProgrammeApplication.deleted_at).where(
            ProgrammeApplication.programme_id == programme.id, ProgrammeApplication.person_id == person.id,
            ProgrammeApplication.id != (application_id or ""))  # fmt: skip
        found = session.execute(taken).first()
        if found is not None and found.deleted_at is not None:  # one application per person: it comes back
            problems.add("person_id", _("This person's application to this programme is in the Bin. Restore it "
                                        "from the Bin instead."))  # fmt: skip
        elif found is not None:
            problems.add("person_id", _("This person has already applied to this programme. Change that application "
                                        "instead."))  # fmt: skip
    problems.raise_if_any()
    return out


def application_data(application: ProgrammeApplication) -> dict[str, Any]:
    """An application's details as the plain dict its form and clean_application use."""
    return {key: getattr(application, key) for key in APPLICATION_FIELDS}


def create_application(session: Session, data: dict[str, Any]) -> ProgrammeApplication:
    """Record a person's application; raises ValidationError and saves nothing if the details are not right."""
    application = ProgrammeApplication(**clean_application(session, data), status="applied")
    session.add(application)
    session.flush()
    return application


def update_application(session: Session, application_id: str, data: dict[str, Any], version: int | None = None
                       ) -> ProgrammeApplication:  # fmt: skip
    """Change an application. A form passes the version it opened it at: EditConflict if different details were
    saved since."""
    application = session.get(ProgrammeApplication, application_id) if application_id else None
    if application is None or application.deleted_at is not None:
        raise NotFound(_("That application could not be found. It may have been erased."))
    clean = clean_application(session, data, application_id)
    if clean["person_id"] != application.person_id or clean["programme_id"] != application.programme_id:
        raise ValidationError({"person_id": _("An application stays with its person and programme. Record a new "
                                              "application instead.")})  # fmt: skip
    check_version(application, version, clean, application_data(application))
    for key, value in clean.items():
        setattr(application, key, value)
    application.updated_at = utc_now()
    session.flush()
    return application


def applications_for(session: Session, programme_id: str) -> list[ProgrammeApplication]:
    """A programme's applications that are not withdrawn or in the Bin, side A first, oldest first."""
    stmt = select(ProgrammeApplication).where(
        ProgrammeApplication.programme_id == programme_id, ProgrammeApplication.deleted_at.is_(None),
        ProgrammeApplication.status == "applied",
    ).order_by(ProgrammeApplication.side, ProgrammeApplication.created_at)  # fmt: skip
    return list(session.scalars(stmt))
