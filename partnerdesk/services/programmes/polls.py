"""Impact polls and the steering group's themes: a programme's poll items (answered 1 to 5), each person's answers
in a round (start, interval, end), results per item only in aggregate, and anonymised themes.

Results follow the organisation's disclosure rule (services.common.settings.disclosure_policy): an average over too
few people to be anonymous is not given, so nobody's answer can be told from the results.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records.people import Person
from partnerdesk.records.programmes import PollAnswer, PollQuestion, ProgrammeTheme
from partnerdesk.rules.disclosure import Policy
from partnerdesk.rules.programmes import POLL_ROUNDS, likert_problem
from partnerdesk.services.common.errors import Problems, ValidationError
from partnerdesk.services.common.settings import disclosure_policy
from partnerdesk.services.common.text import tidy
from partnerdesk.services.programmes.programmes import live_programme


def add_question(session: Session, programme_id: str, wording: str) -> PollQuestion:
    """Add a poll item to a programme, after its others; raises ValidationError for no wording or too long."""
    live_programme(session, programme_id)
    out = tidy({"wording": wording}, ("wording",), _("poll item"))
    if not out["wording"]:
        raise ValidationError({"wording": _("Please type the question, for example: How confident do you feel?")})
    if len(out["wording"]) > 300:
        raise ValidationError({"wording": _("This is too long: please keep it to {n} characters.").format(n=300)})
    last = len(questions_of(session, programme_id))
    question = PollQuestion(programme_id=programme_id, position=last, wording=out["wording"])
    session.add(question)
    session.flush()
    return question


def questions_of(session: Session, programme_id: str) -> list[PollQuestion]:
    """A programme's poll items in order."""
    stmt = select(PollQuestion).where(PollQuestion.programme_id == programme_id, PollQuestion.deleted_at.is_(None))
    return list(session.scalars(stmt.order_by(PollQuestion.position)))


def record_answers(session: Session, programme_id: str, person_id: str, round_: str, answered_on: date,
                   answers: dict[str, Any]) -> list[PollAnswer]:  # fmt: skip
    """Save one person's answers in a round, question id → 1 to 5. Any answer outside the scale (or an unknown item)
    gets a message under its question id and nothing at all is saved."""
    live_programme(session, programme_id)
    problems = Problems()
    person = session.get(Person, person_id) if person_id else None
    if person is None or person.deleted_at is not None:
        problems.add("person_id", _("Please pick the person who answered."))
    if round_ not in POLL_ROUNDS:
        problems.add("round", _("Please pick start, interval or end."))
    if not isinstance(answered_on, date):
        problems.add("answered_on", _("Please type a date as day/month/year, for example 23/11/2026."))
    known = {q.id for q in questions_of(session, programme_id)}
    for question_id, answer in answers.items():
        if question_id not in known:
            problems.add(question_id, _("This question is not in this programme's poll."))
        elif why := likert_problem(answer):
            problems.add(question_id, why)
    if not answers:
        problems.add("", _("Please answer at least one question."))
    problems.raise_if_any()
    saved = []
    for question_id, answer in answers.items():
        existing = session.scalar(select(PollAnswer).where(
            PollAnswer.question_id == question_id, PollAnswer.person_id == person_id, PollAnswer.round == round_,
            PollAnswer.answered_on == answered_on))  # fmt: skip
        if existing is None:
            existing = PollAnswer(question_id=question_id, person_id=person_id, round=round_, answered_on=answered_on)
            session.add(existing)
        existing.answer = answer
        saved.append(existing)
    session.flush()
    return saved


@dataclass(frozen=True)
class ItemResult:
    """One poll item's average answer at the start and at the end, with how many answered; an average is None when
    too few answered for it to be shown (the disclosure rule)."""

    wording: str
    start_count: int
    start_average: Decimal | None
    end_count: int
    end_average: Decimal | None
    interval_count: int = 0  # the latest answers in between, for a programme still running
    interval_average: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        """End average less start average, when both can be shown."""
        if self.start_average is None or self.end_average is None:
            return None
        return self.end_average - self.start_average


def _average(latest: dict[tuple[str, str], int], round_: str, policy: Policy) -> tuple[int, Decimal | None]:
    """How many answered in a round, and their average to one place unless too few answered to show it."""
    values = [value for (asked_in, _person), value in latest.items() if asked_in == round_]
    if not values or policy.is_small(len(values)):
        return len(values), None
    return len(values), (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"))


def poll_results(session: Session, programme_id: str) -> list[ItemResult]:
    """Each poll item's change from start to end, in aggregate only (each person's latest answer in a round)."""
    policy = disclosure_policy(session)
    results = []
    for question in questions_of(session, programme_id):
        latest: dict[tuple[str, str], int] = {}
        stmt = select(PollAnswer).where(PollAnswer.question_id == question.id, PollAnswer.deleted_at.is_(None))
        for answer in session.scalars(stmt.order_by(PollAnswer.answered_on)):
            latest[answer.round, answer.person_id] = answer.answer
        start, end = _average(latest, "start", policy), _average(latest, "end", policy)
        between = _average(latest, "interval", policy)
        results.append(ItemResult(question.wording, start[0], start[1], end[0], end[1], between[0], between[1]))
    return results


def add_theme(session: Session, programme_id: str, noted_on: date, theme: str) -> ProgrammeTheme:
    """Note an anonymised theme for the steering group; raises ValidationError when there is no text or date."""
    live_programme(session, programme_id)
    out = tidy({"notes": theme}, ("notes",), "theme")
    problems = Problems()
    if not out["notes"]:
        problems.add("theme", _("Please type the theme, without naming anyone."))
    if not isinstance(noted_on, date):
        problems.add("noted_on", _("Please type a date as day/month/year, for example 23/11/2026."))
    problems.raise_if_any()
    row = ProgrammeTheme(programme_id=programme_id, noted_on=noted_on, theme=out["notes"])
    session.add(row)
    session.flush()
    return row


def themes_of(session: Session, programme_id: str) -> list[ProgrammeTheme]:
    """A programme's themes, oldest first."""
    stmt = select(ProgrammeTheme).where(ProgrammeTheme.programme_id == programme_id,
                                        ProgrammeTheme.deleted_at.is_(None))  # fmt: skip
    return list(session.scalars(stmt.order_by(ProgrammeTheme.noted_on, ProgrammeTheme.created_at)))
