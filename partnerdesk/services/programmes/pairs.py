"""Matching and pairs: suggested pairs for a programme's applicants (rules.programmes), accepting a pair, pausing,
completing or ending one early, and re-matching the partner who stays, keeping the ended pair as history.

Same side is always refused; a must-not-match or same-organisation pair needs the organiser to confirm
(NeedsConfirmation), since they may know better than the form. Messages carry no names: ids and sides only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records.base import utc_now
from partnerdesk.records.programmes import Programme, ProgrammeApplication, ProgrammePair
from partnerdesk.rules.matching import suggest_pairs
from partnerdesk.rules.programmes import (
    PAIR_STATUSES,
    Applicant,
    Match,
    match_score,
    pair_problem,
)
from partnerdesk.services.common.errors import NotFound, ValidationError, check_row_version, confirm_or_stop
from partnerdesk.services.common.text import tidy
from partnerdesk.services.programmes.programmes import applications_for, live_programme

#: A pair in one of these is taken: its people can't be in another pair of the same programme.
TAKEN = ("active", "paused")


@dataclass(frozen=True)
class SuggestedPair:
    """A suggested pair: the person on each side, their applications, and the score with its reasons."""

    side_a_person_id: str
    side_b_person_id: str
    match: Match


def applicant(application: ProgrammeApplication) -> Applicant:
    """What matching reads from an application."""
    return Applicant(
        key=application.id, person_id=application.person_id, side=application.side,
        organisation_id=application.organisation_id, aspirations=tuple(application.aspirations),
        experience=tuple(application.experience), areas=tuple(application.areas),
        communities=tuple(application.communities), availability=tuple(application.availability),
        must_not_match=frozenset(application.must_not_match),
    )  # fmt: skip


def paired_people(session: Session, programme_id: str) -> set[str]:
    """The people in an active or paused pair of the programme."""
    rows = session.execute(select(ProgrammePair.side_a_person_id, ProgrammePair.side_b_person_id).where(
        ProgrammePair.programme_id == programme_id, ProgrammePair.status.in_(TAKEN),
        ProgrammePair.deleted_at.is_(None)))  # fmt: skip
    return {person for row in rows for person in row}


def suggestions(session: Session, programme_id: str) -> list[SuggestedPair]:
    """The best pairs for the programme's applicants not yet in a pair: as many as the rules allow, then the best
    total score (optimal, not first-come)."""
    programme = live_programme(session, programme_id)
    taken = paired_people(session, programme_id)
    free = [applicant(a) for a in applications_for(session, programme_id) if a.person_id not in taken]
    side_a = [a for a in free if a.side == "a"]
    side_b = [b for b in free if b.side == "b"]
    people = {a.key: a.person_id for a in free}
    chosen = suggest_pairs(side_a, side_b, programme.same_organisation_allowed,
                           (programme.side_a_name, programme.side_b_name))
    return sorted((SuggestedPair(people[s.a_key], people[s.b_key], s.match) for s in chosen),
                  key=lambda s: -s.match.score)  # fmt: skip


def _application(session: Session, programme_id: str, person_id: str, field: str) -> ProgrammeApplication:
    found = session.scalar(select(ProgrammeApplication).where(
        ProgrammeApplication.programme_id == programme_id, ProgrammeApplication.person_id == person_id,
        ProgrammeApplication.deleted_at.is_(None), ProgrammeApplication.status == "applied"))  # fmt: skip
    if found is None:
        raise ValidationError({field: _("This person has no application to this programme. Record one first.")})
    return found


def accept_pair(
    session: Session, programme_id: str, first_person_id: str, second_person_id: str, starts_on: date, *,
    replaces_id: str | None = None, confirmed: bool = False,
) -> ProgrammePair:  # fmt: skip
    """Pair two applicants (in either order) from a day. Raises ValidationError (nothing saved) for a pair on one side
    or someone already in an active pair of the programme, and NeedsConfirmation for a pair their applications rule
    out, until confirmed=True."""
    programme = live_programme(session, programme_id)
    first = _application(session, programme_id, first_person_id, "side_a_person_id")
    second = _application(session, programme_id, second_person_id, "side_b_person_id")
    one, two = applicant(first), applicant(second)
    if one.person_id == two.person_id or one.side == two.side:
        raise ValidationError({"": pair_problem(one, two) or ""})
    taken = paired_people(session, programme_id)
    for who, field in ((one, "side_a_person_id"), (two, "side_b_person_id")):
        if who.person_id in taken:
            raise ValidationError({field: _("This person is already in an active pair in this programme. End or "
                                            "complete that pair first.")})  # fmt: skip
    if not isinstance(starts_on, date):
        raise ValidationError({"starts_on": _("Please give the day the pair starts.")})
    if programme.ends_on and starts_on >= programme.ends_on:
        raise ValidationError({"starts_on": _("The programme has ended by then. Please check the date.")})
    problem = pair_problem(one, two, programme.same_organisation_allowed)
    confirm_or_stop([problem] if problem else [], confirmed)
    side_a, side_b = (one, two) if one.side == "a" else (two, one)
    pair = ProgrammePair(
        programme_id=programme_id, side_a_person_id=side_a.person_id, side_b_person_id=side_b.person_id,
        starts_on=starts_on, status="active", replaces_id=replaces_id, score=match_score(side_a, side_b).score,
    )  # fmt: skip
    session.add(pair)
    session.flush()
    return pair


def get_pair(session: Session, pair_id: str) -> ProgrammePair:
    """A pair by id; raises NotFound."""
    pair = session.get(ProgrammePair, pair_id) if pair_id else None
    if pair is None or pair.deleted_at is not None:
        raise NotFound(_("That pair could not be found. It may have been erased."))
    return pair


def set_pair_status(session: Session, pair_id: str, status: str, on: date, reason: str | None = None,
                    version: int | None = None) -> ProgrammePair:  # fmt: skip
    """Pause, resume (active), complete or end a pair early on a day. An ended or completed pair stays as history
    and can't change again. A form passes the version it opened the pair at (EditConflict if changed since)."""
    pair = get_pair(session, pair_id)
    out = tidy({"reason": reason}, ("reason",), "pair")
    if status not in PAIR_STATUSES:
        raise ValidationError({"status": _("Please pick active, paused, ended early or completed.")})
    if pair.status in ("ended_early", "completed"):
        raise ValidationError({"status": _("This pair has already finished, so it stays as it is in the history.")})
    check_row_version(pair, version, {"status": pair.status})
    if status in ("ended_early", "completed"):
        if not isinstance(on, date) or on < pair.starts_on:
            raise ValidationError({"ends_on": _("A pair can't end before it started. Please check the date.")})
        pair.ends_on = on
        pair.end_reason = out["reason"]
    pair.status = status
    pair.updated_at = utc_now()
    session.flush()
    return pair


def end_early(session: Session, pair_id: str, on: date, reason: str | None = None, version: int | None = None
              ) -> ProgrammePair:  # fmt: skip
    """End a pair early (a partner left, or the pair broke down); the pair stays in the history."""
    return set_pair_status(session, pair_id, "ended_early", on, reason, version)


def rematch_suggestions(session: Session, ended_pair_id: str, staying_person_id: str) -> list[SuggestedPair]:
    """Applicants on the other side, not in a pair now, who could partner the person staying, best first."""
    pair = get_pair(session, ended_pair_id)
    programme = live_programme(session, pair.programme_id)
    staying = applicant(_application(session, pair.programme_id, staying_person_id, "person_id"))
    taken = paired_people(session, pair.programme_id) | {pair.side_a_person_id, pair.side_b_person_id}
    found = []
    for other in map(applicant, applications_for(session, pair.programme_id)):
        if other.side == staying.side or other.person_id in taken:
            continue
        if pair_problem(staying, other, programme.same_organisation_allowed) is None:
            a, b = (staying, other) if staying.side == "a" else (other, staying)
            found.append(SuggestedPair(a.person_id, b.person_id,
                                       match_score(a, b, (programme.side_a_name, programme.side_b_name))))
    return sorted(found, key=lambda s: -s.match.score)


def rematch(session: Session, ended_pair_id: str, staying_person_id: str, new_partner_id: str, starts_on: date, *,
            confirmed: bool = False) -> ProgrammePair:  # fmt: skip
    """Pair the partner who stays from an ended pair with someone new; the new pair names the ended one."""
    pair = get_pair(session, ended_pair_id)
    if pair.status != "ended_early":
        raise ValidationError({"": _("Only a pair that ended early can be re-matched. End it first.")})
    if staying_person_id not in (pair.side_a_person_id, pair.side_b_person_id):
        raise ValidationError({"person_id": _("Please pick one of the two people in the pair that ended.")})
    return accept_pair(session, pair.programme_id, staying_person_id, new_partner_id, starts_on,
                       replaces_id=pair.id, confirmed=confirmed)  # fmt: skip


def pairs_of(session: Session, programme_id: str, *, include_finished: bool = True) -> list[ProgrammePair]:
    """A programme's pairs, oldest first; finished ones too unless include_finished is False."""
    stmt = select(ProgrammePair).where(ProgrammePair.programme_id == programme_id,
                                       ProgrammePair.deleted_at.is_(None))  # fmt: skip
    if not include_finished:
        stmt = stmt.where(ProgrammePair.status.in_(TAKEN))
    return list(session.scalars(stmt.order_by(ProgrammePair.starts_on, ProgrammePair.created_at)))


def pairs_of_person(session: Session, programme_id: str, person_id: str) -> list[ProgrammePair]:
    """Every pair a person has been in on a programme, the history included, oldest first."""
    stmt = select(ProgrammePair).where(
        ProgrammePair.programme_id == programme_id, ProgrammePair.deleted_at.is_(None),
        or_(ProgrammePair.side_a_person_id == person_id, ProgrammePair.side_b_person_id == person_id),
    ).order_by(ProgrammePair.starts_on, ProgrammePair.created_at)  # fmt: skip
    return list(session.scalars(stmt))


def programme_of(session: Session, pair: ProgrammePair) -> Programme:
    """The programme a pair belongs to."""
    return live_programme(session, pair.programme_id)

