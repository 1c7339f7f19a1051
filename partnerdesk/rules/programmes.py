"""Mentoring and buddying programmes: the codes, the match score and its reasons, who may not be paired,
progress against commitments, backfill due, and plain messages for bad input.

Pure: no database, no Qt. Time is whole minutes and money whole pence, never floats.

The optimal assignment of pairs over these scores is in rules.matching.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from partnerdesk.i18n import N_, _

PROGRAMME_KINDS = {
    "buddying": N_("Buddying"),
    "reciprocal_mentoring": N_("Reciprocal mentoring"),
    "other": N_("Other"),
}
SIDES = ("a", "b")
PAIR_STATUSES = {
    "active": N_("Active"),
    "paused": N_("Paused"),
    "ended_early": N_("Ended early"),
    "completed": N_("Completed"),
}
APPLICATION_STATUSES = {"applied": N_("Applied"), "withdrawn": N_("Withdrawn")}
ACTIVITY_KINDS = {
    "pair_meeting": N_("Pair meeting"),
    "pre_board_meeting": N_("Buddy meeting before a board meeting"),
    "leadership_meeting": N_("Leadership meeting at the partner's organisation"),
    "shadowing": N_("Shadowing"),
    "other": N_("Other"),
}
ATTENDED = ("both", "a", "b")
#: When an impact poll is answered: at the start, at intervals, and at the final review.
POLL_ROUNDS = {"start": N_("Start"), "interval": N_("Interval"), "end": N_("End")}
AVAILABILITY = {
    "weekday_mornings": N_("Weekday mornings"),
    "weekday_afternoons": N_("Weekday afternoons"),
    "weekday_evenings": N_("Weekday evenings"),
    "weekends": N_("Weekends"),
}

#: Defaults from DOMAIN.md: a board member commits about 15 hours and a community leader about 24 over 6 months.
DEFAULT_SIDE_MINUTES = {"board_member": 15 * 60, "community_leader": 24 * 60}
#: Half a working day of released time, for backfill: 24 hours is 6 half days, £1,050 at £175 (DOMAIN.md).
DEFAULT_MINUTES_PER_HALF_DAY = 240
MINUTES_IN_DAY = 24 * 60
LIKERT = range(1, 6)

# The points behind the score, kept here so the explanation and the arithmetic never disagree.
POINTS_COMMUNITY = 3
POINTS_AREA = 2
POINTS_LEARNING = 3
POINTS_TIME = 1
PENALTY_NO_TIME = 5


def key_of(phrase: str) -> str:
    """A phrase as matching compares it: spaces and capitals do not matter."""
    return " ".join(phrase.split()).casefold()


def _common(left: Iterable[str], right: Iterable[str]) -> list[str]:
    """The phrases in both lists, as typed in the left one, in its order, once each."""
    theirs = {key_of(p) for p in right}
    seen: set[str] = set()
    out = []
    for phrase in left:
        k = key_of(phrase)
        if k and k in theirs and k not in seen:
            seen.add(k)
            out.append(" ".join(phrase.split()))
    return out


@dataclass(frozen=True)
class Applicant:
    """What matching reads from one application. key is the application's id; person_id who applied."""

    key: str
    person_id: str
    side: str
    organisation_id: str | None = None
    aspirations: tuple[str, ...] = ()
    experience: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    availability: tuple[str, ...] = ()
    must_not_match: frozenset[str] = field(default_factory=frozenset)  # person ids


@dataclass(frozen=True)
class Match:
    """A possible pair's score and, in plain words, why."""

    score: int
    reasons: tuple[str, ...]


def match_score(a: Applicant, b: Applicant, sides: tuple[str, str] | None = None) -> Match:
    """How well two applicants on opposite sides suit each other, with the reasons in plain words.

    Shared communities of interest and areas of the city count, as does each one's experience meeting what the
    other wants to learn (both ways: mentoring here is reciprocal), and time in common; no time in common counts
    against. sides, the programme's names for side A and side B, let the reasons say who learns from whom.
    """
    reasons = []
    score = 0
    communities = _common(a.communities, b.communities)
    if communities:
        score += POINTS_COMMUNITY * len(communities)
        reasons.append(_("Both care about {things}.").format(things=", ".join(communities)))
    areas = _common(a.areas, b.areas)
    if areas:
        score += POINTS_AREA * len(areas)
        reasons.append(_("Both know {places}.").format(places=", ".join(areas)))
    for learner, teacher in ((a, b), (b, a)):
        learning = _common(learner.aspirations, teacher.experience)
        if learning:
            score += POINTS_LEARNING * len(learning)
            things = ", ".join(learning)
            if sides is None:
                reasons.append(_("One of them can learn about {things} from the other.").format(things=things))
            else:
                names = {"a": sides[0], "b": sides[1]}
                reasons.append(_("The {learner} can learn about {things} from the {teacher}.").format(
                    learner=names[learner.side], things=things, teacher=names[teacher.side]))  # fmt: skip
    if any(map(key_of, a.availability)) and any(map(key_of, b.availability)):
        times = _common(a.availability, b.availability)
        if times:
            score += POINTS_TIME * len(times)
            reasons.append(_("Both are free at {times}.").format(
                times=", ".join(_(AVAILABILITY.get(t, t)).lower() for t in times)))  # fmt: skip
        else:
            score -= PENALTY_NO_TIME
            reasons.append(_("They have no time in common."))
    if not reasons:
        reasons.append(_("Nothing in their applications in common yet."))
    return Match(score, tuple(reasons))


def pair_problem(a: Applicant, b: Applicant, same_organisation_allowed: bool = False) -> str | None:
    """Why these two can't be paired, in plain words, or None when they can."""
    if a.person_id == b.person_id:
        return _("A person can't be paired with themselves.")
    if a.side == b.side:
        return _("Both are on the same side of the programme. A pair needs one person from each side.")
    if b.person_id in a.must_not_match or a.person_id in b.must_not_match:
        return _("One of them must not be matched with the other (see their application).")
    if not same_organisation_allowed and a.organisation_id and a.organisation_id == b.organisation_id:
        return _("Both work for the same organisation, and this programme pairs people from different ones.")
    return None


# ------------------------------------------------------------------------------------------ time and progress


def parse_duration(text: str | int) -> int:
    """Whole minutes from what a person types: "1.5" or "1:30" hours, or a whole number of minutes as an int.

    Raises ValueError with a plain message for anything else, negative, or more than a day.
    """
    if isinstance(text, bool):
        raise ValueError(_("Please give the time in hours, for example 1.5 or 1:30."))
    if isinstance(text, int):
        minutes = text
    else:
        typed = text.strip()
        try:
            if ":" in typed:
                hours, _sep, mins = typed.partition(":")
                if not (hours.strip().isdigit() and mins.strip().isdigit() and int(mins) < 60):
                    raise ValueError
                minutes = int(hours) * 60 + int(mins)
            else:
                exact = Decimal(typed) * 60
                if exact != exact.to_integral_value():
                    raise ValueError
                minutes = int(exact)
        except (ValueError, InvalidOperation):
            raise ValueError(_("Please give the time in hours, for example 1.5 or 1:30.")) from None
    problem = minutes_problem(minutes)
    if problem:
        raise ValueError(problem)
    return minutes


def minutes_problem(minutes: int) -> str | None:
    """Why a time of one activity can't be right, or None: it must be more than nothing and at most a day."""
    if minutes <= 0:
        return _("The time must be more than nothing, for example 1.5 hours.")
    if minutes > MINUTES_IN_DAY:
        return _("That is more than 24 hours in one day. Please check the time.")
    return None


def likert_problem(answer: object) -> str | None:
    """Why a poll answer can't be saved, or None: answers are whole numbers from 1 to 5."""
    if isinstance(answer, bool) or not isinstance(answer, int) or answer not in LIKERT:
        return _("Please choose an answer from 1 to 5.")
    return None


def format_hours(minutes: int) -> str:
    """Minutes as a person reads them: "1 h 30 min", "15 h"."""
    hours, mins = divmod(minutes, 60)
    if mins == 0:
        return _("{hours} h").format(hours=hours)
    if hours == 0:
        return _("{minutes} min").format(minutes=mins)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=mins)


@dataclass(frozen=True)
class Progress:
    """Time logged against a commitment, what was due by now, and whether that is falling behind."""

    logged_minutes: int
    expected_minutes: int
    due_by_now_minutes: int
    behind: bool
    activities_missing: dict[str, int]  # activity kind → how many more are required


def due_by(expected_minutes: int, starts_on: date | None, ends_on: date | None, today: date) -> int:
    """The part of a commitment due by today, spread evenly from start to end (all of it from the end). Without
    both dates nothing can be said to be due yet, so 0."""
    if starts_on is None or ends_on is None or ends_on <= starts_on:
        return 0
    if today >= ends_on:
        return expected_minutes
    if today <= starts_on:
        return 0
    return expected_minutes * (today - starts_on).days // (ends_on - starts_on).days


def progress(
    logged_minutes: int,
    expected_minutes: int,
    starts_on: date | None,
    ends_on: date | None,
    today: date,
    done: dict[str, int] | None = None,
    required: dict[str, int] | None = None,
) -> Progress:
    """Progress against a commitment. Falling behind: less than three quarters of what was due by today is logged."""
    due = due_by(expected_minutes, starts_on, ends_on, today)
    done = done or {}
    missing = {kind: count - done.get(kind, 0) for kind, count in (required or {}).items()
               if count > done.get(kind, 0)}  # fmt: skip
    return Progress(logged_minutes, expected_minutes, due, logged_minutes * 4 < due * 3, missing)


# ---------------------------------------------------------------------------------------------------- backfill


@dataclass(frozen=True)
class Backfill:
    """Backfill due from logged time: half days earned, half days payable under the cap, and the pay split into
    whole days (at the day rate) and a half day left over (at the half-day rate)."""

    half_days_earned: int
    half_days_payable: int
    days: int
    half_days: int
    pence: int


def backfill_due(
    activity_minutes: Iterable[int],
    minutes_per_half_day: int,
    day_pence: int,
    half_day_pence: int,
    cap_half_days: int | None,
    already_half_days: int = 0,
) -> Backfill:
    """Backfill for one participant: each activity releases them for whole half days (rounded up: a one-hour buddy
    meeting is half a day away from work); the cap (None: no limit) counts what was already paid."""
    if minutes_per_half_day <= 0:
        raise ValueError(_("A half day must be more than nothing."))
    earned = 0
    for minutes in activity_minutes:
        if minutes_problem(minutes):
            raise ValueError(minutes_problem(minutes))
        earned += -(-minutes // minutes_per_half_day)
    payable = max(0, earned - already_half_days)
    if cap_half_days is not None:
        payable = max(0, min(payable, cap_half_days - already_half_days))
    days, half = divmod(payable, 2)
    return Backfill(earned, payable, days, half, days * day_pence + half * half_day_pence)
