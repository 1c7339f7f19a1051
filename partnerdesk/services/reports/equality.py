"""The equality monitoring figures of a return: each question's answers counted over the people engaged.

Only counts leave here, protected by the organisation's disclosure rule: each question's answers (with "not asked
yet") are the parts of one total, the people engaged, so no hidden count can be worked out from the others, and
percentages are worked out from the published counts only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.rules.disclosure import HIDDEN, NONE, Figure, protect_parts
from partnerdesk.rules.equality import NOT_ASKED, QUESTIONS
from partnerdesk.services.reports.engaged import engaged_ids
from partnerdesk.services.reports.lines import Percent, Period


@dataclass(frozen=True)
class Answer:
    """One answer to one question: how many of the people engaged gave it, and their share, as published."""

    label: str
    people: Figure
    percent: Percent


@dataclass(frozen=True)
class EqualityTable:
    """One question's answers (every choice, then "not asked yet") and the people engaged they add up to."""

    heading: str
    answers: list[Answer]
    total: Figure
    exact: tuple[int, ...]  # the unprotected counts, in the order of answers; never publish


def published_percent(part: Figure, whole: Figure) -> Percent:
    """A share worked out from published counts only: hidden when either is, NONE over nought."""
    if part == HIDDEN or whole == HIDDEN:
        return HIDDEN
    assert isinstance(part, int) and isinstance(whole, int)
    if whole == 0:
        return NONE
    return (Decimal(part) * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 100


def answer_counts(session: Session, period: Period) -> dict[str, Counter]:
    """Exact counts of each answer (None for not asked) per question field, over the people engaged."""
    p = tables.people
    engaged = engaged_ids(period).subquery()
    found: dict[str, Counter] = {}
    for question in QUESTIONS:
        column = p.c[question.field]
        stmt = select(column, func.count()).where(p.c.id.in_(select(engaged.c.id))).group_by(column)
        found[question.field] = Counter(dict(session.execute(stmt).tuples().all()))
    return found


def equality_tables(session: Session, period: Period) -> list[EqualityTable]:
    """Every equality question's table for the people engaged in the period, protected."""
    counts = answer_counts(session, period)
    result = []
    for question in QUESTIONS:
        found = counts[question.field]
        codes = [*question.choices, None]
        exact = [found.get(code, 0) for code in codes]
        # Answers the vocabulary no longer lists (none today) would be lost from the parts: count them as not asked.
        exact[-1] += sum(n for code, n in found.items() if code not in question.choices and code is not None)
        shown, total = protect_parts(exact, period.policy)
        labels = [_(label) for label in question.choices.values()] + [_(NOT_ASKED)]
        answers = [Answer(label, figure, published_percent(figure, total))
                   for label, figure in zip(labels, shown, strict=True)]  # fmt: skip
        result.append(EqualityTable(_(question.heading), answers, total, tuple(exact)))
    return result
