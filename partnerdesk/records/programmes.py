"""Mentoring and buddying programmes: the programme, applications to it, pairs and the pairs' activities
(tables: records.tables).

Time is whole minutes and money whole pence, so nothing is a float. Codes (programme kind, side, pair status, activity
kind) come from rules.programmes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Mapped

from partnerdesk.records import tables
from partnerdesk.records.orm import Record


class Programme(Record):
    """A buddying or mentoring programme (or cohort): its two sides, commitments, required activities and backfill."""

    __table__ = tables.programmes

    name: Mapped[str]
    kind: Mapped[str]
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    side_a_name: Mapped[str]
    side_b_name: Mapped[str]
    side_a_minutes: Mapped[int]
    side_b_minutes: Mapped[int]
    required_activities: Mapped[list[dict[str, Any]]]
    required_notes: Mapped[str | None]
    backfill_side: Mapped[str | None]
    backfill_day_pence: Mapped[int | None]
    backfill_half_day_pence: Mapped[int | None]
    backfill_cap_half_days: Mapped[int | None]
    minutes_per_half_day: Mapped[int]
    same_organisation_allowed: Mapped[bool]
    notes: Mapped[str | None]


class ProgrammeApplication(Record):
    """One person's application to a programme, on one side, with what matching reads."""

    __table__ = tables.programme_applications

    programme_id: Mapped[str]
    person_id: Mapped[str]
    side: Mapped[str]
    organisation_id: Mapped[str | None]
    role: Mapped[str | None]
    aspirations: Mapped[list[str]]
    experience: Mapped[list[str]]
    areas: Mapped[list[str]]
    communities: Mapped[list[str]]
    availability: Mapped[list[str]]
    must_not_match: Mapped[list[str]]
    must_not_match_notes: Mapped[str | None]
    status: Mapped[str]


class ProgrammePair(Record):
    """Two people paired on a programme; an ended pair stays as history and its replacement names it."""

    __table__ = tables.programme_pairs

    programme_id: Mapped[str]
    side_a_person_id: Mapped[str]
    side_b_person_id: Mapped[str]
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    status: Mapped[str]
    end_reason: Mapped[str | None]
    replaces_id: Mapped[str | None]
    score: Mapped[int | None]


class PairActivity(Record):
    """A meeting or activity of a pair: the day, the kind, whole minutes, and who attended."""

    __table__ = tables.pair_activities

    pair_id: Mapped[str]
    held_on: Mapped[date]
    kind: Mapped[str]
    minutes: Mapped[int]
    attended: Mapped[str]
    notes: Mapped[str | None]


class PollQuestion(Record):
    """An impact poll item of a programme, answered 1 to 5, in the organisation's own words."""

    __table__ = tables.poll_questions

    programme_id: Mapped[str]
    position: Mapped[int]
    wording: Mapped[str]


class PollAnswer(Record):
    """One person's answer to a poll item in a round (start, interval or end); reported only in aggregate."""

    __table__ = tables.poll_answers

    question_id: Mapped[str]
    person_id: Mapped[str]
    round: Mapped[str]
    answered_on: Mapped[date]
    answer: Mapped[int]


class ProgrammeTheme(Record):
    """An anonymised theme for the steering group."""

    __table__ = tables.programme_themes

    programme_id: Mapped[str]
    noted_on: Mapped[date]
    theme: Mapped[str]
