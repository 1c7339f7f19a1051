"""Demo mentoring and buddying: a 12-month buddying programme (board members and VCS leaders, 6 pairs) and a 6-month
reciprocal-mentoring cohort of 17 pairs (the size of a real first cohort), four months in, with applications,
suggested pairs accepted, one pair ended early and its aspiring leader re-matched, logged time (a few pairs falling
behind), backfill claims for the leaders who are happy to be paid, impact poll answers and steering-group themes.

Made through the programme services (a few hundred records, so speed does not matter here), so the demo obeys the
same rules as the window. The same seed and "today" give the same programmes, people and times (not the same ids).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _, ngettext
from partnerdesk.records import tables
from partnerdesk.rules.programmes import AVAILABILITY
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.programmes.activities import create_backfill_claim, log_activity
from partnerdesk.services.programmes.pairs import accept_pair, end_early, rematch, suggestions
from partnerdesk.services.programmes.polls import add_question, add_theme, record_answers
from partnerdesk.services.programmes.programmes import create_application, create_programme

_TOPICS = ("budgets", "governance", "lived experience", "commissioning", "youth work", "mental health", "housing",
           "racial equity", "carers", "strategy", "community organising", "data and evidence")  # fmt: skip
_AREAS = ("North", "South", "East", "West", "City centre", "Docks")
_ROLES_A = ("Non-executive director", "Board member", "Director of strategy", "Chief officer")
_ROLES_B = ("Chief executive", "Project lead", "Community organiser", "Coordinator")
#: The fewest demo people worth making programmes for: 6 + 6 buddies and 18 + 18 mentoring applicants.
FEWEST_PEOPLE = 48


@dataclass(frozen=True)
class ProgrammesMade:
    """How many programme records the demo added, and the programmes' names (never a person's)."""

    programmes: int
    pairs: int
    activities: int
    claims: int  # backfill claims
    names: tuple[str, ...] = ()
    applications: int = 0
    rematched: int = 0  # pairs ended early whose staying partner was re-matched
    minutes: int = 0  # time logged over every activity
    poll_answers: int = 0


def _application(rng: random.Random, side: str, organisations: list[str]) -> dict:
    return {
        "side": side, "organisation_id": rng.choice(organisations) if organisations else None,
        "role": rng.choice(_ROLES_A if side == "a" else _ROLES_B),
        "aspirations": rng.sample(_TOPICS, 3), "experience": rng.sample(_TOPICS, 3),
        "areas": rng.sample(_AREAS, 2), "communities": rng.sample(_TOPICS, 2),
        "availability": rng.sample(sorted(AVAILABILITY), 2),
    }  # fmt: skip


def _run(session: Session, rng: random.Random, data: dict, people: list[str], organisations: list[str],
         today: date) -> tuple[str, list[str]]:  # fmt: skip
    """Make the programme and its applications (people split half and half), accept every suggested pair."""
    programme = create_programme(session, data).id
    half = len(people) // 2
    for n, person in enumerate(people):
        create_application(session, {"programme_id": programme, "person_id": person,
                                     **_application(rng, "a" if n < half else "b", organisations)})  # fmt: skip
    pairs = [accept_pair(session, programme, s.side_a_person_id, s.side_b_person_id, data["starts_on"],
                         confirmed=True).id for s in suggestions(session, programme)]  # fmt: skip
    return programme, pairs


def _log(session: Session, rng: random.Random, pair_id: str, start: date, until: date, kinds: tuple[str, ...],
         keen: float, today: date) -> int:  # fmt: skip
    """About a meeting a fortnight from start until a day, fewer for pairs that are less keen."""
    made, day = 0, start + timedelta(days=rng.randrange(3, 10))
    while day <= min(until, today):
        if rng.random() < keen:
            minutes = rng.choice((60, 90, 90, 120, 180, 240))
            # Aspiring leaders commit more hours than their partners: some visits and shadowing are theirs alone.
            attended = rng.choice(("both",) * 7 + ("a", "b", "b"))
            log_activity(session, pair_id, {"held_on": day, "kind": rng.choice(kinds), "time": minutes,
                                            "attended": attended}, today)  # fmt: skip
            made += 1
        day += timedelta(days=rng.randrange(10, 18))
    return made


def add_demo_programmes(session: Session, seed: int, today: date) -> ProgrammesMade:
    """Add the demo programmes, using people and organisations already in the database (nothing when there are
    fewer than FEWEST_PEOPLE people)."""
    rng = random.Random(f"programmes-{seed}")
    p = tables.people.c
    people = list(session.scalars(select(p.id).where(p.deleted_at.is_(None)).order_by(p.full_name, p.id)))
    if len(people) < FEWEST_PEOPLE:
        return ProgrammesMade(0, 0, 0, 0)
    organisations = list(session.scalars(select(tables.organisations.c.id).order_by(tables.organisations.c.name)))
    chosen = rng.sample(people, FEWEST_PEOPLE)
    buddy_start = today - timedelta(days=150)
    buddying_name = f"Board buddying {buddy_start.year}"
    _buddying, buddy_pairs = _run(session, rng, {
        "name": buddying_name, "kind": "buddying", "starts_on": buddy_start,
        "ends_on": buddy_start + timedelta(days=365), "side_a_hours": "15", "side_b_hours": "24",
        "required_activities": [{"kind": "pre_board_meeting", "count": 6}], "backfill_side": "b",
        "backfill_cap_half_days": 6, "required_notes": "A buddy meeting before each board meeting.",
    }, chosen[:12], organisations, today)  # fmt: skip
    start = today - timedelta(days=120)
    mentoring_name = f"Reciprocal mentoring cohort 1 ({start.year})"
    mentoring, pairs = _run(session, rng, {
        "name": mentoring_name, "kind": "reciprocal_mentoring",
        "starts_on": start, "ends_on": start + timedelta(days=182), "side_a_hours": "15", "side_b_hours": "24",
        "required_activities": [{"kind": "leadership_meeting", "count": 3}], "backfill_side": "b",
        "backfill_cap_half_days": 6,
    }, chosen[12:46], organisations, today)  # fmt: skip
    # One partner leaves six weeks in; the aspiring leader is re-matched with the reserve established leader.
    reserve = chosen[46]
    create_application(session, {"programme_id": mentoring, "person_id": reserve, **_application(rng, "a", [])})
    activities = 0
    gone = pairs[0]
    ended_on = start + timedelta(days=42)
    activities += _log(session, rng, gone, start, ended_on, ("pair_meeting",), 0.8, today)
    ended = end_early(session, gone, ended_on, "Left the organisation")
    new_pair = rematch(session, gone, ended.side_b_person_id, reserve, ended_on + timedelta(days=7),
                       confirmed=True).id  # fmt: skip
    activities += _log(session, rng, new_pair, ended_on + timedelta(days=7), today,
                       ("pair_meeting", "leadership_meeting", "shadowing"), 0.9, today)  # fmt: skip
    for n, pair in enumerate(pairs[1:]):
        keen = 0.35 if n % 6 == 5 else 0.85  # a few pairs fall behind
        activities += _log(session, rng, pair, start, today, ("pair_meeting", "leadership_meeting", "shadowing"),
                           keen, today)  # fmt: skip
    for pair in buddy_pairs:
        activities += _log(session, rng, pair, buddy_start, today, ("pre_board_meeting",), 0.7, today)
    claims = 0
    pay = tables.people.c.payment_preference
    for programme, leaders in ((mentoring, chosen[12 + 17:46]), (_buddying, chosen[6:12])):
        happy = set(session.scalars(select(p.id).where(p.id.in_(leaders), pay == "paid")))
        for person in sorted(happy)[:4]:
            try:
                create_backfill_claim(session, programme, person, today, confirmed=True, today=today)
                claims += 1
            except ValidationError:  # nothing due yet for this leader
                continue
    _polls(session, rng, mentoring, chosen[12:47], start, today)
    return ProgrammesMade(2, len(buddy_pairs) + len(pairs) + 1, activities, claims, (buddying_name, mentoring_name),
                          *_counted(session, [_buddying, mentoring]))  # fmt: skip


def _counted(session: Session, programme_ids: list[str]) -> tuple[int, int, int, int]:
    """Applications, re-matched pairs, minutes logged and poll answers of these programmes, as the database holds
    them (so the demo's summary says what is really there)."""
    apps, pairs, acts = tables.programme_applications.c, tables.programme_pairs.c, tables.pair_activities.c
    questions, answers = tables.poll_questions.c, tables.poll_answers.c
    applications = session.scalar(select(func.count()).where(apps.programme_id.in_(programme_ids))) or 0
    rematched = session.scalar(select(func.count()).where(pairs.programme_id.in_(programme_ids),
                                                          pairs.replaces_id.is_not(None))) or 0  # fmt: skip
    minutes = session.scalar(select(func.coalesce(func.sum(acts.minutes), 0)).select_from(
        tables.pair_activities.join(tables.programme_pairs, pairs.id == acts.pair_id)).where(
        pairs.programme_id.in_(programme_ids))) or 0  # fmt: skip
    polled = session.scalar(select(func.count()).select_from(
        tables.poll_answers.join(tables.poll_questions, questions.id == answers.question_id)).where(
        questions.programme_id.in_(programme_ids))) or 0  # fmt: skip
    return int(applications), int(rematched), int(minutes), int(polled)


def programmes_summary(made: ProgrammesMade) -> str:
    """What the demo made for mentoring and buddying, in a sentence: the programmes by name and how many of each
    thing, naming nobody."""
    if not made.programmes:
        return _("No mentoring or buddying programmes: the demo makes them from {n} people or more.").format(
            n=FEWEST_PEOPLE)  # fmt: skip
    hours = (Decimal(made.minutes) / 60).quantize(Decimal("0.1")).normalize()
    parts = [
        ngettext("{n} programme", "{n} programmes", made.programmes).format(n=made.programmes)
        + " (" + "; ".join(made.names) + ")",
        ngettext("{n} application", "{n} applications", made.applications).format(n=made.applications),
        ngettext("{n} pair", "{n} pairs", made.pairs).format(n=made.pairs) + " ("
        + ngettext("{n} ended early and re-matched", "{n} ended early and re-matched", made.rematched).format(
            n=made.rematched) + ")",
        ngettext("{hours} hour logged in {n} activity", "{hours} hours logged in {n} activities",
                 made.activities).format(hours=f"{hours:,f}", n=made.activities),
        ngettext("{n} backfill claim", "{n} backfill claims", made.claims).format(n=made.claims),
    ]  # fmt: skip
    answers = ngettext("{n} poll answer", "{n} poll answers", made.poll_answers).format(n=made.poll_answers)
    return _("Mentoring and buddying: {parts} and {last}.").format(parts=", ".join(parts), last=answers)


_ITEMS = ("How confident do you feel speaking at board level?", "How much do you trust the system's leaders?",
          "How well do you understand how decisions are made in the system?")  # fmt: skip
_THEMES = ("Board papers are hard to follow without a briefing beforehand.",
           "Aspiring leaders want more chances to chair a meeting.",
           "Established leaders learnt a lot about community groups' funding pressures.")  # fmt: skip


def _polls(session: Session, rng: random.Random, programme: str, people: list[str], start: date, today: date) -> None:
    """Start answers from everyone, answers at three months from most, a little higher; and a few themes."""
    items = [add_question(session, programme, wording).id for wording in _ITEMS]
    for person in people:
        before = {item: rng.choice((1, 2, 2, 3, 3, 4)) for item in items}
        record_answers(session, programme, person, "start", start, before)
        if rng.random() < 0.8 and start + timedelta(days=91) <= today:
            after = {item: min(5, value + rng.choice((0, 1, 1, 2))) for item, value in before.items()}
            record_answers(session, programme, person, "interval", start + timedelta(days=91), after)
    for n, theme in enumerate(_THEMES):
        add_theme(session, programme, min(today, start + timedelta(days=60 + 30 * n)), theme)
