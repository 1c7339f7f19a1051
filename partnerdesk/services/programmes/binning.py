"""Deleting programme records to the Bin and bringing them back: programmes, applications, pairs, pair activities,
poll answers and themes (services.bin lists them; services.bin.purge deletes them for good).

A record in the Bin is left out of every list, progress figure, backfill sum, poll result and report. What hangs off
it stays as it was (a programme's pairs, a pair's activities) and comes back with it. Restoring checks that what the
record belongs to is not in the Bin itself, and that it breaks no rule the services keep (a person in two active
pairs of one programme).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _
from partnerdesk.records.base import utc_now
from partnerdesk.records.people import Person
from partnerdesk.records.programmes import (
    PairActivity,
    PollAnswer,
    PollQuestion,
    Programme,
    ProgrammeApplication,
    ProgrammePair,
    ProgrammeTheme,
)
from partnerdesk.services.common.errors import NotFound, Problems

#: The Bin's kinds of programme record: code → what the worker sees, and one of them.
KINDS = {
    "programmes": (N_("Programmes"), N_("programme")),
    "applications": (N_("Programme applications"), N_("programme application")),
    "programme_pairs": (N_("Programme pairs"), N_("programme pair")),
    "activities": (N_("Pair meetings and activities"), N_("pair meeting or activity")),
    "poll_answers": (N_("Poll answers"), N_("poll answer")),
    "themes": (N_("Steering group themes"), N_("steering group theme")),
}
MODELS: dict[str, Any] = {
    "programmes": Programme, "applications": ProgrammeApplication, "programme_pairs": ProgrammePair,
    "activities": PairActivity, "poll_answers": PollAnswer, "themes": ProgrammeTheme,
}  # fmt: skip
_LIVE_PAIR = ("active", "paused")


def _record(session: Session, kind: str, record_id: str) -> Any:
    record = session.get(MODELS[kind], record_id) if record_id else None
    if record is None:
        raise NotFound(_("That record could not be found. It may have been erased."))
    return record


def _refuse(message: str, field: str = "") -> None:
    problems = Problems()
    problems.add(field, message)
    problems.raise_if_any()


def _to_bin(record: Any) -> None:
    if record.deleted_at is None:
        record.deleted_at = record.updated_at = utc_now()


def delete_programme(session: Session, programme_id: str) -> None:
    """Move a programme to the Bin, and with it (out of sight, not deleted) its applications, pairs, time, poll
    and themes. Its backfill claims stay in Expenses, still saying which programme they were for."""
    _to_bin(_record(session, "programmes", programme_id))
    session.flush()


def delete_application(session: Session, application_id: str) -> None:
    """Move an application to the Bin. Refused while the person is in an active or paused pair of the programme:
    end the pair (or delete it) first, since their time and backfill depend on it."""
    application = _record(session, "applications", application_id)
    if _live_pairs_of(session, application.programme_id, application.person_id):
        _refuse(_("This person is in a pair on this programme. End the pair, or delete it, before deleting their "
                  "application."))  # fmt: skip
    _to_bin(application)
    session.flush()


def delete_pair(session: Session, pair_id: str) -> None:
    """Move a pair to the Bin, with its time out of the progress and backfill figures until it is restored."""
    _to_bin(_record(session, "programme_pairs", pair_id))
    session.flush()


def delete_activity(session: Session, activity_id: str) -> None:
    """Move one logged meeting or activity to the Bin (a mistake, or logged twice)."""
    _to_bin(_record(session, "activities", activity_id))
    session.flush()


def delete_poll_answers(session: Session, programme_id: str, person_id: str, round_: str, answered_on: date) -> int:
    """Move one person's answers in one round of a programme's poll to the Bin; returns how many answers moved."""
    stmt = select(PollAnswer).join(PollQuestion, PollQuestion.id == PollAnswer.question_id).where(
        PollQuestion.programme_id == programme_id, PollAnswer.person_id == person_id, PollAnswer.round == round_,
        PollAnswer.answered_on == answered_on, PollAnswer.deleted_at.is_(None))  # fmt: skip
    answers = list(session.scalars(stmt))
    for answer in answers:
        _to_bin(answer)
    session.flush()
    return len(answers)


def delete_theme(session: Session, theme_id: str) -> None:
    """Move a steering-group theme to the Bin."""
    _to_bin(_record(session, "themes", theme_id))
    session.flush()


def _live_pairs_of(session: Session, programme_id: str, person_id: str, leaving_out: str = "") -> int:
    pairs = ProgrammePair
    return session.scalar(select(func.count()).where(
        pairs.programme_id == programme_id, pairs.deleted_at.is_(None), pairs.status.in_(_LIVE_PAIR),
        pairs.id != leaving_out,
        (pairs.side_a_person_id == person_id) | (pairs.side_b_person_id == person_id))) or 0  # fmt: skip


# ---------------------------------------------------------------------------------------------------- restoring


def _programme_back(session: Session, programme_id: str) -> None:
    programme = session.get(Programme, programme_id)
    if programme is not None and programme.deleted_at is not None:
        _refuse(_("Its programme, {name}, is in the Bin too: restore the programme first.").format(
            name=programme.name))  # fmt: skip


def _people_back(session: Session, *person_ids: str) -> None:
    for person_id in person_ids:
        person = session.get(Person, person_id)
        if person is not None and person.deleted_at is not None:
            _refuse(_("{full_name} is in the Bin too: restore them from People first.").format(
                full_name=person.full_name))  # fmt: skip


def _pair_back(session: Session, pair_id: str) -> ProgrammePair:
    pair = session.get(ProgrammePair, pair_id)
    if pair is None:
        raise NotFound(_("That record could not be found. It may have been erased."))
    if pair.deleted_at is not None:
        _refuse(_("Its pair is in the Bin too: restore the pair first (Programme pairs)."))
    _programme_back(session, pair.programme_id)
    return pair


def restore_programme_record(session: Session, kind: str, record_id: str) -> None:
    """Bring a programme record of one of KINDS back from the Bin; ValidationError says what must come back
    first, or why it can't."""
    record = _record(session, kind, record_id)
    if kind == "applications":
        _programme_back(session, record.programme_id)
        _people_back(session, record.person_id)
    elif kind == "programme_pairs":
        _programme_back(session, record.programme_id)
        _people_back(session, record.side_a_person_id, record.side_b_person_id)
        if record.status in _LIVE_PAIR and any(
                _live_pairs_of(session, record.programme_id, person, record.id)
                for person in (record.side_a_person_id, record.side_b_person_id)):  # fmt: skip
            _refuse(_("One of this pair is in another active pair on this programme now, so this pair can't come "
                      "back as it was. End that pair first."))  # fmt: skip
    elif kind == "activities":
        _pair_back(session, record.pair_id)
    elif kind == "poll_answers":
        question = session.get(PollQuestion, record.question_id)
        if question is not None:
            _programme_back(session, question.programme_id)
        _people_back(session, record.person_id)
    elif kind == "themes":
        _programme_back(session, record.programme_id)
    record.deleted_at, record.updated_at = None, utc_now()
    session.flush()


def describe(session: Session, record: Any) -> tuple[str, str]:
    """What the Bin shows for a programme record: what it is, and what it belongs to (or whose it is)."""
    from partnerdesk.rules.dates import format_uk
    from partnerdesk.rules.programmes import ACTIVITY_KINDS, POLL_ROUNDS, format_hours

    def programme_name(programme_id: str) -> str:
        programme = session.get(Programme, programme_id)
        return programme.name if programme is not None else ""

    def name_of(person_id: str) -> str:
        person = session.get(Person, person_id)
        return person.full_name if person is not None else _("someone no longer recorded")

    if isinstance(record, Programme):
        return record.name, format_uk(record.starts_on) if record.starts_on else ""
    if isinstance(record, ProgrammeApplication):
        return name_of(record.person_id), programme_name(record.programme_id)
    if isinstance(record, ProgrammePair):
        return (_("{a} and {b}").format(a=name_of(record.side_a_person_id), b=name_of(record.side_b_person_id)),
                programme_name(record.programme_id))  # fmt: skip
    if isinstance(record, PairActivity):
        pair = session.get(ProgrammePair, record.pair_id)
        who = "" if pair is None else _("{a} and {b}").format(a=name_of(pair.side_a_person_id),
                                                              b=name_of(pair.side_b_person_id))  # fmt: skip
        kind = _(ACTIVITY_KINDS[record.kind]) if record.kind in ACTIVITY_KINDS else ""
        return f"{format_uk(record.held_on)} {kind} ({format_hours(record.minutes)})", who
    if isinstance(record, PollAnswer):  # whose and when, never the answer itself
        question = session.get(PollQuestion, record.question_id)
        round_ = _(POLL_ROUNDS[record.round]) if record.round in POLL_ROUNDS else ""
        wording = question.wording if question is not None else ""
        return f"{format_uk(record.answered_on)} {round_}: {wording}", name_of(record.person_id)
    return f"{format_uk(record.noted_on)} {record.theme}", programme_name(record.programme_id)
