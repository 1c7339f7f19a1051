"""Scoring wellbeing checks: the quick 1–5 answer, ONS4 personal wellbeing, SWEMWBS, and the follow-up after distress.

Sources are the research notes in DOMAIN.md (Wellbeing scales; After distress).

SWEMWBS licence: PartnerDesk ships only the scoring (raw total and the published metric conversion), never the wording
of the seven items. Each organisation enters the items from its own licensed copy, and SWEMWBS_COPYRIGHT must be
shown wherever the items or scores appear.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeGuard

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.working_days import next_working_day

# --- The check itself -------------------------------------------------------------------------------------------

CHECK_CONTEXTS = {
    "pre_meeting": N_("Pre-meeting"),
    "debrief": N_("Debrief after a meeting"),
    "phone": N_("Phone check-in"),
    "routine": N_("Routine check"),
    "concern": N_("Concern raised"),
}

# Higher is better, as on the scales below (except ONS4 anxiety).
QUICK_ANSWERS = {
    1: N_("Not good at all"),
    2: N_("Not so good"),
    3: "OK",
    4: N_("Good"),
    5: N_("Very good"),
}


def quick_answer_label(answer: int) -> str:
    """The plain words for a quick "how are you doing" answer (1 "Not good at all" … 5 "Very good")."""
    if not _is_whole_number(answer) or answer not in QUICK_ANSWERS:
        raise ValueError(_("How the person is doing must be a whole number from 1 to 5."))
    return _(QUICK_ANSWERS[answer])


def _is_whole_number(value: object) -> TypeGuard[int]:
    # bool is an int in Python, but True is not an answer anybody gave.
    return isinstance(value, int) and not isinstance(value, bool)


# --- ONS4 personal wellbeing --------------------------------------------------------------------------------------

# Codes are what the database holds; labels are what people read. Order is the order the questions are asked.
ONS4_QUESTIONS = {
    "life_satisfaction": N_("Life satisfaction"),
    "worthwhile": N_("Feeling the things you do are worthwhile"),
    "happiness": N_("Happiness yesterday"),
    "anxiety": N_("Anxiety yesterday"),
}

# The Office for National Statistics' published thresholds: (highest score in the band, band).
_POSITIVE_BANDS = ((4, "low"), (6, "medium"), (8, "high"), (10, N_("very high")))
_ANXIETY_BANDS = ((1, N_("very low")), (3, "low"), (5, "medium"), (10, "high"))


def _band(question: str, score: int, bands: tuple[tuple[int, str], ...]) -> str:
    _check_ons4_score(question, score)
    return next(label for highest, label in bands if score <= highest)


def life_satisfaction_band(score: int) -> str:
    """ONS band for life satisfaction: 0–4 low, 5–6 medium, 7–8 high, 9–10 very high."""
    return _band("life_satisfaction", score, _POSITIVE_BANDS)


def worthwhile_band(score: int) -> str:
    """ONS band for feeling things are worthwhile: 0–4 low, 5–6 medium, 7–8 high, 9–10 very high."""
    return _band("worthwhile", score, _POSITIVE_BANDS)


def happiness_band(score: int) -> str:
    """ONS band for happiness yesterday: 0–4 low, 5–6 medium, 7–8 high, 9–10 very high."""
    return _band("happiness", score, _POSITIVE_BANDS)


def anxiety_band(score: int) -> str:
    """ONS band for anxiety yesterday: 0–1 very low, 2–3 low, 4–5 medium, 6–10 high. Here "high" is the worry."""
    return _band("anxiety", score, _ANXIETY_BANDS)


_BAND_FOR = {
    "life_satisfaction": life_satisfaction_band,
    "worthwhile": worthwhile_band,
    "happiness": happiness_band,
    "anxiety": anxiety_band,
}


def ons4_band(question: str, score: int) -> str:
    """The band for any of the four questions, by its code."""
    if question not in _BAND_FOR:
        raise ValueError(_("There is no ONS4 question called {question!r}.").format(question=question))
    return _BAND_FOR[question](score)


def _check_ons4_score(question: str, score: object) -> None:
    if not _is_whole_number(score) or not 0 <= score <= 10:
        raise ValueError(_("{value}: the answer must be a whole number from 0 to 10.").format(
            value=ONS4_QUESTIONS[question],
        ))


def ons4_answers(answers: Mapping[str, int | None]) -> dict[str, int] | None:
    """Check ONS4 answers: all four whole numbers 0–10, or none at all.

    answers maps question codes to scores; a missing code or None means not answered. Returns the four answers in
    question order, or None when the scale was not used. Raises ValueError with a plain message naming the question.
    """
    unknown = [code for code in answers if code not in ONS4_QUESTIONS]
    if unknown:
        raise ValueError(_("There is no ONS4 question called {value!r}.").format(value=unknown[0]))
    if all(answers.get(code) is None for code in ONS4_QUESTIONS):
        return None
    checked: dict[str, int] = {}
    for code, label in ONS4_QUESTIONS.items():
        value = answers.get(code)
        if value is None:
            raise ValueError(
                _("{label} has no answer. Please answer all four ONS4 questions, or leave all four blank.").format(
                    label=label,
                )
            )
        _check_ons4_score(code, value)
        checked[code] = value
    return checked


def ons4_bands(answers: Mapping[str, int]) -> dict[str, str]:
    """The band for each of the four answers, in question order."""
    checked = ons4_answers(answers)
    if checked is None:
        raise ValueError(_("There are no ONS4 answers to put in bands."))
    return {code: ons4_band(code, score) for code, score in checked.items()}


# --- SWEMWBS ------------------------------------------------------------------------------------------------------

SWEMWBS_COPYRIGHT = (
    N_("Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of Warwick and "
    "University of Edinburgh, 2008, all rights reserved.")
)
SWEMWBS_ITEMS = 7
SWEMWBS_LOWEST_ANSWER = 1
SWEMWBS_HIGHEST_ANSWER = 5

# The published raw → metric conversion table, in hundredths so no binary fraction can misround it (951 is 9.51).
_SWEMWBS_METRIC_HUNDREDTHS = {
    7: 700, 8: 951, 9: 1125, 10: 1240, 11: 1333, 12: 1408, 13: 1475, 14: 1532, 15: 1584, 16: 1636,
    17: 1688, 18: 1743, 19: 1798, 20: 1859, 21: 1925, 22: 1998, 23: 2073, 24: 2154, 25: 2235, 26: 2321,
    27: 2411, 28: 2503, 29: 2602, 30: 2703, 31: 2813, 32: 2931, 33: 3070, 34: 3255, 35: 3500,
}  # fmt: skip

# About 3 metric points is a meaningful change for one person (DOMAIN.md research notes: the standard error of
# measurement is about 1.03, so a change this size is unlikely to be measurement noise). Reaching it counts.
SWEMWBS_MEANINGFUL_CHANGE = Decimal("3.00")


def swemwbs_raw(answers: Sequence[int | None]) -> int:
    """The raw SWEMWBS score (7–35): the sum of seven answers, each a whole number from 1 to 5.

    A partial scale cannot be scored (the published conversion needs all seven), so fewer answers, a blank
    answer or an answer outside 1–5 raises ValueError with a plain message.
    """
    if isinstance(answers, str | bytes):
        raise ValueError(_("SWEMWBS answers must be given as a list of seven numbers."))
    answered = sum(1 for answer in answers if answer is not None)
    if len(answers) > SWEMWBS_ITEMS:
        raise ValueError(_("SWEMWBS has seven questions, but {count} answers were given.").format(
            count=len(answers),
        ))
    if answered < SWEMWBS_ITEMS:
        raise ValueError(
            _(
                "Only {answered} of the seven SWEMWBS questions are answered. A score needs all seven; "
                "answer the rest or leave the whole scale blank."
            ).format(
                answered=answered,
            )
        )
    raw = 0
    for number, answer in enumerate(answers, start=1):
        if not _is_whole_number(answer) or not SWEMWBS_LOWEST_ANSWER <= answer <= SWEMWBS_HIGHEST_ANSWER:
            raise ValueError(_("SWEMWBS question {number}: the answer must be a whole number from 1 to 5.").format(
                number=number,
            ))
        raw += answer
    return raw


def swemwbs_metric(raw: int) -> Decimal:
    """The published metric score for a raw SWEMWBS score, exactly (raw 8 → Decimal("9.51")).

    Compare people and changes on the metric score, never the raw one.
    """
    if not _is_whole_number(raw) or raw not in _SWEMWBS_METRIC_HUNDREDTHS:
        raise ValueError(_("A raw SWEMWBS score must be a whole number from 7 to 35."))
    return Decimal(_SWEMWBS_METRIC_HUNDREDTHS[raw]).scaleb(-2)


def swemwbs_score(answers: Sequence[int | None]) -> Decimal:
    """The metric score straight from the seven answers."""
    return swemwbs_metric(swemwbs_raw(answers))


def format_swemwbs_metric(metric: Decimal | int) -> str:
    """A metric score (or a change or average of them) to two decimal places, half up: "9.51", "-2.90"."""
    return str(_as_decimal(metric).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _as_decimal(value: Decimal | int) -> Decimal:
    # Floats are refused: 9.51 as a float is not 9.51, and that is exactly the misrounding this module avoids.
    if isinstance(value, Decimal):
        return value
    if _is_whole_number(value):
        return Decimal(value)
    raise TypeError(f"Expected a Decimal or a whole number, not {type(value).__name__}")


def meaningful_change(first_metric: Decimal | int, latest_metric: Decimal | int) -> str | None:
    """Whether a change in metric score is meaningful: "better" or "worse" at about 3 points or more, else None.

    The threshold is SWEMWBS_MEANINGFUL_CHANGE (DOMAIN.md research notes, Wellbeing scales). It is for one person's
    change; comparing groups needs 30 or more people with two scores each, which is a different test.
    """
    change = _as_decimal(latest_metric) - _as_decimal(first_metric)
    if change >= SWEMWBS_MEANINGFUL_CHANGE:
        return "better"
    if change <= -SWEMWBS_MEANINGFUL_CHANGE:
        return "worse"
    return None


# --- Follow-up after distress -------------------------------------------------------------------------------------


def default_follow_up_due(check: date | datetime, working_days: int = 1) -> date:
    """When the follow-up after distress is due unless the worker picks another date: the next working day.

    Good practice is to phone later that day or early the next (DOMAIN.md research notes, After distress), so the
    default is the working day after the check's UK date; a check on Friday is followed up on Monday, or Tuesday
    after a bank holiday Monday. check is a date, or a timezone-aware moment (read as UK local time, so a check
    at 23:30 on a summer evening belongs to that evening, not to the next day in UTC).
    working_days (an organisation setting, 1 by default) counts further working days on.
    """
    day = today_uk(check) if isinstance(check, datetime) else check
    for _unused in range(max(working_days, 1)):
        day = next_working_day(day)
    return day


def follow_up_due_problem(check_on: date, due_on: date) -> str | None:
    """A plain reason the follow-up date cannot be used, or None: it cannot be before the check."""
    if due_on < check_on:
        return _("The follow-up can't be due before the check it follows. Please pick the day of the check or later.")
    return None


def follow_up_status(today: date, due_on: date, done_on: date | None = None) -> str:
    """Where a follow-up stands: "done", "overdue" (due before today), "due" (due today) or "not due"."""
    if done_on is not None:
        return "done"
    if due_on < today:
        return "overdue"
    if due_on == today:
        return "due"
    return _("not due")


def follow_up_on_time(due_on: date, done_on: date | None) -> bool:
    """True when the follow-up was done on or before the day it was due."""
    return done_on is not None and done_on <= due_on
