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

CONDITION, IMPACT = "long_term_condition", "condition_impact"
#: A condition with no answer about how much it limits (not asked, or prefer not to say).
NOT_SAID = "not_said"
LIMITS = ("a_lot", "a_little", "not_at_all")


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
    """Exact counts of each answer (None for not asked) per question field, over the people engaged; the condition
    question is counted with how much it limits, as "yes/a_lot"."""
    p = tables.people
    fields = [question.field for question in QUESTIONS]
    # One pass over the people engaged, every answer at once: working out who was engaged is the slow part.
    stmt = select(*(p.c[field] for field in fields), func.count()).where(
        p.c.id.in_(select(engaged_ids(period).subquery().c.id))
    ).group_by(*(p.c[field] for field in fields))
    found: dict[str, Counter] = {field: Counter() for field in fields if field != IMPACT}
    for *answers, n in session.execute(stmt):
        given = dict(zip(fields, answers, strict=True))
        for field in found:
            code = given[field]
            if field == CONDITION and code == "yes":
                code = f"yes/{given[IMPACT] if given[IMPACT] in LIMITS else NOT_SAID}"
            found[field][code] += n
    return found


def _choices(field: str, choices: dict[str, str]) -> dict[str, str]:
    """A question's answers as the return counts them: a condition with how much it limits day-to-day activities is
    one answer, so the two questions are protected as one table and neither gives the other's hidden counts away."""
    if field != CONDITION:
        return choices
    joined = {
        "yes/a_lot": _("Yes: limits day-to-day activities a lot"),
        "yes/a_little": _("Yes: limits day-to-day activities a little"),
        "yes/not_at_all": _("Yes: does not limit day-to-day activities"),
        f"yes/{NOT_SAID}": _("Yes: how much it limits them not said"),
    }
    return {**joined, **{code: _(label) for code, label in choices.items() if code != "yes"}}


def equality_tables(session: Session, period: Period) -> list[EqualityTable]:
    """Every equality question's table for the people engaged in the period, protected."""
    counts = answer_counts(session, period)
    result = []
    for question in QUESTIONS:
        if question.field == IMPACT:
            continue
        found = counts[question.field]
        choices = _choices(question.field, question.choices)
        codes = [*choices, None]
        exact = [found.get(code, 0) for code in codes]
        # Answers the vocabulary no longer lists (none today) would be lost from the parts: count them as not asked.
        exact[-1] += sum(n for code, n in found.items() if code not in choices and code is not None)
        shown, total = protect_parts(exact, period.policy)
        labels = [_(label) for label in choices.values()] + [_(NOT_ASKED)]
        answers = [Answer(label, figure, published_percent(figure, total))
                   for label, figure in zip(labels, shown, strict=True)]  # fmt: skip
        result.append(EqualityTable(_(question.heading), answers, total, tuple(exact)))
    return result
