"""Mentoring and buddying programmes: the codes, the match score and its reasons, who may not be paired, the optimal
assignment of pairs, progress against commitments, backfill due, and plain messages for bad input.

Pure: no database, no Qt. Time is whole minutes and money whole pence, never floats.

The assignment is a small Hungarian algorithm (below) rather than scipy.optimize.linear_sum_assignment: scipy's wheel
is about 40 MB (over 100 MB installed) and would more than half again the packaged app for one function, while
the algorithm is some forty lines, proved against brute force in tests/unit/test_programme_rules.py and fast enough
(60 applicants a side well under a second: bench/bench_programmes.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from partnerdesk.i18n import N_, _, ngettext

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


def _key(phrase: str) -> str:
    """A phrase as matching compares it: spaces and capitals do not matter."""
    return " ".join(phrase.split()).casefold()


def _common(left: Iterable[str], right: Iterable[str]) -> list[str]:
    """The phrases in both lists, as typed in the left one, in its order, once each."""
    theirs = {_key(p) for p in right}
    seen: set[str] = set()
    out = []
    for phrase in left:
        k = _key(phrase)
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


def match_score(a: Applicant, b: Applicant) -> Match:
    """How well two applicants on opposite sides suit each other, with the reasons in plain words.

    Shared communities of interest and areas of the city count, as does each one's experience meeting what the
    other wants to learn (both ways: mentoring here is reciprocal), and time in common; no time in common counts
    against.
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
            reasons.append(ngettext("One can learn {things} from the other.", "One can learn {things} from the other.",
                                    len(learning)).format(things=", ".join(learning)))  # fmt: skip
    if any(map(_key, a.availability)) and any(map(_key, b.availability)):
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


# ------------------------------------------------------------------------------------------- optimal assignment


def hungarian(cost: Sequence[Sequence[int]]) -> list[int]:
    """The column for each row of a square matrix of whole-number costs, so the total cost is the least possible.

    The Hungarian algorithm with potentials, O(n³): 60 × 60 takes a few milliseconds.
    """
    n = len(cost)
    if any(len(row) != n for row in cost):
        raise ValueError("The cost matrix must be square.")
    big = 1 + sum(abs(v) for row in cost for v in row)
    u = [0] * (n + 1)
    v = [0] * (n + 1)
    owner = [0] * (n + 1)  # owner[j]: the row (1-based) given column j; 0 for none
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        least = [big] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], big, 0
            row = cost[i0 - 1]
            for j in range(1, n + 1):
                if not used[j]:
                    reduced = row[j - 1] - u[i0] - v[j]
                    if reduced < least[j]:
                        least[j], way[j] = reduced, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(n + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    assignment = [0] * n
    for j in range(1, n + 1):
        assignment[owner[j] - 1] = j - 1
    return assignment


@dataclass(frozen=True)
class Suggestion:
    """A suggested pair: the side A and side B applicants' keys, the score and why."""

    a_key: str
    b_key: str
    match: Match


def suggest_pairs(
    side_a: Sequence[Applicant], side_b: Sequence[Applicant], same_organisation_allowed: bool = False
) -> list[Suggestion]:
    """The pairs that make as many allowed pairs as possible and, among those, the highest total score.

    Pairs that break a rule (pair_problem) are never suggested; people left over stay unpaired.
    """
    n = max(len(side_a), len(side_b))
    if n == 0:
        return []
    # Scores by set arithmetic for every possible pair; the worded reasons only for the pairs chosen (wording every
    # pair took most of the time at 60 a side).
    a_sets, b_sets = [_Sets.of(a) for a in side_a], [_Sets.of(b) for b in side_b]
    scores: dict[tuple[int, int], int] = {}
    for i, a in enumerate(side_a):
        for j, b in enumerate(side_b):
            if pair_problem(a, b, same_organisation_allowed) is None:
                scores[i, j] = a_sets[i].score(b_sets[j])
    if not scores:
        return []
    low, high = min(scores.values()), max(scores.values())
    # Every allowed pair is worth more than any total of scores, so the most pairs come first, then the best score.
    bonus = (high - low + 1) * n + 1
    worth = [[(scores[i, j] - low + 1 + bonus) if (i, j) in scores else 0 for j in range(n)] for i in range(n)]
    top = max(max(row) for row in worth)
    chosen = hungarian([[top - w for w in row] for row in worth])
    return [Suggestion(side_a[i].key, side_b[j].key, match_score(side_a[i], side_b[j]))
            for i, j in enumerate(chosen) if (i, j) in scores]  # fmt: skip


@dataclass(frozen=True)
class _Sets:
    """An applicant's phrases as matching compares them, for scoring many pairs quickly (same sums as match_score)."""

    aspirations: frozenset[str]
    experience: frozenset[str]
    areas: frozenset[str]
    communities: frozenset[str]
    availability: frozenset[str]

    @staticmethod
    def of(x: Applicant) -> _Sets:
        def keys(phrases: tuple[str, ...]) -> frozenset[str]:
            return frozenset(k for k in map(_key, phrases) if k)

        return _Sets(keys(x.aspirations), keys(x.experience), keys(x.areas), keys(x.communities),
                     keys(x.availability))  # fmt: skip

    def score(self, other: _Sets) -> int:
        total = (POINTS_COMMUNITY * len(self.communities & other.communities)
                 + POINTS_AREA * len(self.areas & other.areas)
                 + POINTS_LEARNING * len(self.aspirations & other.experience)
                 + POINTS_LEARNING * len(other.aspirations & self.experience))
        if self.availability and other.availability:
            common = len(self.availability & other.availability)
            total += POINTS_TIME * common if common else -PENALTY_NO_TIME
        return total


def best_by_brute_force(
    side_a: Sequence[Applicant], side_b: Sequence[Applicant], same_organisation_allowed: bool = False
) -> tuple[int, int]:
    """(most pairs, best total score) by trying every assignment: the yardstick for suggest_pairs on small cohorts."""
    best = (0, 0)
    small, large, flipped = (side_a, side_b, False) if len(side_a) <= len(side_b) else (side_b, side_a, True)
    for chosen in itertools.permutations(range(len(large)), len(small)):
        count = total = 0
        for i, j in enumerate(chosen):
            a, b = (large[j], small[i]) if flipped else (small[i], large[j])
            if pair_problem(a, b, same_organisation_allowed) is None:
                count += 1
                total += match_score(a, b).score
        best = max(best, (count, total))
    return best


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
