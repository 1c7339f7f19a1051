"""Demo wellbeing checks, supervision and training, as a peer support team would have recorded them over a year.

Debrief checks for the representatives at the demo debriefs (some with distress and a follow-up, a few of those
overdue), routine and phone check-ins with ONS4 and SWEMWBS scores for peer supporters, coordinators supervising
peer support workers (1:1 every four to six weeks, monthly group sessions, a few overdue), and training records
(some expiring, expired or missing). Called by services.demo.fill_demo after the meetings; bulk inserts, capped
so that `demo --people 100000` stays quick. The same seed and "today" always give the same rows.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from partnerdesk.demo.common import DEMO_USER
from partnerdesk.records import tables
from partnerdesk.records.wellbeing import ONS4_COLUMNS, SWEMWBS_COLUMNS
from partnerdesk.rules import supervision as sup_rules
from partnerdesk.rules.wellbeing import default_follow_up_due
from partnerdesk.services.common.settings import get_setting

#: Caps that keep a 100,000-person demo quick and realistic: a real team supervises tens, not thousands.
MOST_SUPERVISEES, MOST_CHECKED, MOST_TRAINED = 300, 600, 2000

_WORKERS = ("Rhian (engagement worker)", "Jo (engagement worker)", "Femi (peer support coordinator)")
_SIGNPOSTS = ("GP", "Samaritans (116 123)", "Local crisis line", "Mind advocacy service", "Carers' centre", None)
_CONCERNS = (
    "Found the discussion of ward closures upsetting.",
    "Worried about speaking at the next meeting.",
    "Tired after a long meeting; low mood this week.",
    "Felt their views were dismissed by the chair.",
)
_ACTIONS = ("Phoned the next day; feeling calmer.", "Met for a coffee and talked it through.",
            "Passed on the crisis line number and checked in again on Friday.")  # fmt: skip
_SESSION_NOTES = ("Caseload feels manageable; discussed boundaries with one person supported.",
                  "Some stress about lone working; agreed a buddy system for evening groups.",
                  "Talked through a difficult conversation and what went well.")  # fmt: skip
_SESSION_ACTIONS = ("Book the Safeguarding Adults refresher", "Shadow a colleague at the Tuesday group",
                    "Write up the reflective log for the month", "Review caseload split with the team")  # fmt: skip


@dataclass(frozen=True)
class WellbeingMade:
    checks: int
    pairs: int
    sessions: int
    training: int


class _Maker:
    def __init__(self, seed: int, today: date, follow_up_days: int):
        self.rng = random.Random(f"partnerdesk-demo-wellbeing-{seed}")
        self.today, self.follow_up_days = today, follow_up_days

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def shared(self, at: datetime) -> dict[str, Any]:
        return {"id": self.uid(), "created_at": at, "updated_at": at, "deleted_at": None, "created_by": DEMO_USER,
                "updated_by": DEMO_USER}  # fmt: skip

    def check(self, person_id: str, at: datetime, context: str, meeting_id: str | None, scales: bool) -> dict:
        rng = self.rng
        row = {**self.shared(at), "person_id": person_id, "checked_at": at, "worker_person_id": None,
               "worker_name": rng.choice(_WORKERS), "context": context, "meeting_id": meeting_id,
               "quick_score": rng.choice((2, 3, 3, 4, 4, 4, 5, 5)), "distress": False, "concerns": None,
               "follow_up_needed": False, "follow_up_by": None, "follow_up_due_on": None, "follow_up_done_on": None,
               "follow_up_action": None, "signposted_to": None, "confidential_notes": None}  # fmt: skip
        ons4 = scales and rng.random() < 0.6
        for column in ONS4_COLUMNS.values():
            row[column] = rng.randint(2, 9) if ons4 else None
        swemwbs = scales and rng.random() < 0.7
        level = rng.choice((2, 3, 3, 4))
        for column in SWEMWBS_COLUMNS:
            row[column] = min(5, max(1, level + rng.choice((-1, 0, 0, 1)))) if swemwbs else None
        if rng.random() < 0.08:
            self.distress(row, at)
        return row

    def distress(self, row: dict, at: datetime) -> None:
        """Distress: a follow-up due by the default; most done on time, some late, some still open."""
        rng = self.rng
        day = at.date()
        due = default_follow_up_due(at, self.follow_up_days)
        row.update(distress=True, quick_score=rng.choice((1, 2)), concerns=rng.choice(_CONCERNS),
                   follow_up_needed=True, follow_up_by=row["worker_name"], follow_up_due_on=due)  # fmt: skip
        r = rng.random()
        done = due if r < 0.7 else due + timedelta(days=rng.randint(1, 4)) if r < 0.85 else None
        if done is not None and done <= self.today:
            row.update(follow_up_done_on=max(done, day), follow_up_action=rng.choice(_ACTIONS),
                       signposted_to=rng.choice(_SIGNPOSTS))  # fmt: skip


def _moment(day: date, hour: int, rng: random.Random) -> datetime:
    return datetime.combine(day, time(hour), UTC) + timedelta(minutes=rng.randint(0, 50))


def _people_with(session: Session, roles: tuple[str, ...], limit: int) -> list[str]:
    p, r = tables.people, tables.person_roles
    stmt = (
        select(p.c.id).where(p.c.deleted_at.is_(None), p.c.status != "left",
                             p.c.id.in_(select(r.c.person_id).where(r.c.role.in_(roles))))
        .order_by(p.c.id).limit(limit)
    )  # fmt: skip
    return list(session.scalars(stmt))


def _checks(session: Session, maker: _Maker) -> list[dict]:
    rng, today = maker.rng, maker.today
    m, a = tables.meetings, tables.attendance
    rows = []
    # A debrief check (in person, by phone or at a debrief meeting) for most representatives after each meeting;
    # the most recent meetings are still being worked through, so Today has some debriefs to do.
    stmt = (
        select(m.c.id, m.c.ends_at, a.c.person_id)
        .select_from(m.join(a, a.c.meeting_id == m.c.id))
        .where(m.c.kind.not_in(("pre_meeting", "debrief")), m.c.cancelled.is_(False), m.c.deleted_at.is_(None),
               a.c.attendance == "attended")
        .order_by(m.c.starts_at, m.c.id, a.c.person_id)
    )  # fmt: skip
    for meeting_id, ends_at, person_id in session.execute(stmt):
        day = ends_at.date() + timedelta(days=rng.randint(0, 3))
        if day < today and rng.random() < (0.9 if day < today - timedelta(days=7) else 0.4):
            rows.append(maker.check(person_id, _moment(day, 16 if day == ends_at.date() else 11, rng), "debrief",
                                    meeting_id, False))  # fmt: skip
    # Routine and phone check-ins for peer supporters, several a year so their history has a trend.
    for person_id in _people_with(session, ("peer_supporter", "peer_support_worker"), MOST_CHECKED):
        for _ in range(rng.randint(1, 4)):
            day = today - timedelta(days=rng.randint(1, 360))
            context = rng.choice(("routine", "routine", "phone", "concern"))
            rows.append(maker.check(person_id, _moment(day, 10, rng), context, None, True))
    return rows


def _supervision(session: Session, maker: _Maker) -> tuple[list, list, list, list]:
    rng, today = maker.rng, maker.today
    supervisees = _people_with(session, ("peer_support_worker",), MOST_SUPERVISEES)
    supervisors = [pid for pid in _people_with(session, ("coordinator",), 20) if pid not in supervisees]
    pairs: list[dict] = []
    sessions: list[dict] = []
    attendees: list[dict] = []
    actions: list[dict] = []
    if not supervisors:
        return pairs, sessions, attendees, actions
    teams: dict[str, list[str]] = {}
    for person_id in supervisees:
        supervisor = rng.choice(supervisors)
        teams.setdefault(supervisor, []).append(person_id)
        starts = today - timedelta(days=rng.randint(380, 700))
        at = _moment(starts, 9, rng)
        pairs.append({**maker.shared(at), "supervisor_id": supervisor, "supervisee_id": person_id, "starts_on": starts,
                      "ends_on": None})  # fmt: skip
        day = today - timedelta(days=365)
        stops = today - timedelta(days=rng.randint(50, 120)) if rng.random() < 0.12 else today  # a few overdue
        while True:
            day += timedelta(days=rng.randint(28, 45))
            if day > stops or day >= today:
                break
            row = {**maker.shared(_moment(day, 15, rng)), "held_on": day, "kind": "one_to_one",
                   "supervisor_id": supervisor, "topics": rng.sample(list(sup_rules.SUPERVISION_TOPICS)[:4], 2),
                   "topics_other": None, "notes": rng.choice(_SESSION_NOTES),
                   "next_due_on": day + timedelta(days=42)}  # fmt: skip
            sessions.append(row)
            attendees.append({"session_id": row["id"], "person_id": person_id})
            for _ in range(rng.choice((0, 0, 1, 2))):
                due = day + timedelta(days=rng.randint(14, 40))
                done = due - timedelta(days=rng.randint(0, 10)) if due < today and rng.random() < 0.8 else None
                actions.append({**maker.shared(row["created_at"]), "session_id": row["id"],
                                "description": rng.choice(_SESSION_ACTIONS), "owner_person_id": person_id,
                                "owner_name": None, "due_on": due, "done_on": done})  # fmt: skip
    for supervisor, team in teams.items():  # monthly group supervision for each coordinator's team
        for months_ago in range(12, 0, -1):
            day = today - timedelta(days=months_ago * 30 + rng.randint(0, 6))
            row = {**maker.shared(_moment(day, 14, rng)), "held_on": day, "kind": "group", "supervisor_id": supervisor,
                   "topics": ["wellbeing", "health_and_safety"], "topics_other": None, "notes": None,
                   "next_due_on": None}  # fmt: skip
            sessions.append(row)
            came = [pid for pid in team[:8] if rng.random() < 0.8] or team[:1]
            attendees += [{"session_id": row["id"], "person_id": pid} for pid in came]
    return pairs, sessions, attendees, actions


def _training(session: Session, maker: _Maker) -> list[dict]:
    rng, today = maker.rng, maker.today
    c = tables.training_courses
    courses = list(session.execute(select(c.c.id, c.c.renewal_months).where(c.c.deleted_at.is_(None))))
    rows = []
    for person_id in _people_with(session, tuple(get_setting(session, "training_roles")), MOST_TRAINED):
        for course_id, months in courses:
            if rng.random() < 0.12:
                continue  # missing
            span = (months or 48) * 30
            done = today - timedelta(days=rng.randint(20, span + 60))  # some run out, some soon
            rows.append({**maker.shared(_moment(done, 16, rng)), "person_id": person_id, "course_id": course_id,
                         "completed_on": done, "expires_on": sup_rules.training_expires_on(done, months)})  # fmt: skip
    return rows


def add_demo_wellbeing(session: Session, seed: int, today: date) -> WellbeingMade:
    """Add demo wellbeing checks, supervision and training for people and meetings already in the database."""
    maker = _Maker(seed, today, get_setting(session, "follow_up_working_days"))
    checks = _checks(session, maker)
    pairs, sessions, attendees, actions = _supervision(session, maker)
    training = _training(session, maker)
    for table, rows in (
        (tables.wellbeing_checks, checks),
        (tables.supervision_pairs, pairs),
        (tables.supervision_sessions, sessions),
        (tables.supervision_attendees, attendees),
        (tables.supervision_actions, actions),
        (tables.training_records, training),
    ):
        if rows:
            session.execute(insert(table), rows)  # fmt: skip
    return WellbeingMade(len(checks), len(pairs), len(sessions), len(training))
