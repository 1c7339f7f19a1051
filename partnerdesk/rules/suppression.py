"""Small-number suppression for anonymised figures: a count under 5 could point at a person, so it is not shown.

Commissioners get figures, not people. A count of 1 to 4 (say "2 people had a follow-up late") can identify
someone in a small service, so it is written as "fewer than 5"; so is any percentage or average worked out from
fewer than 5. Nought is shown: it identifies nobody.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

#: Counts from 1 up to one below this are suppressed.
SMALLEST_SHOWN = 5
SUPPRESSED = "fewer than 5"


def is_suppressed(count: int) -> bool:
    """True for a count that must not be shown (1 to 4)."""
    return 0 < count < SMALLEST_SHOWN


def count_figure(count: int) -> int | str:
    """A count as it may be published: the number, or "fewer than 5"."""
    return SUPPRESSED if is_suppressed(count) else count


def percent_figure(part: int, whole: int) -> str:
    """part of whole as a whole-number percentage ("83%"), "fewer than 5" when whole is 1–4, "none" when whole is 0.

    The part is not suppressed on its own: with 5 or more in the whole, a percentage does not point at a person.
    """
    if whole == 0:
        return "none"
    if is_suppressed(whole):
        return SUPPRESSED
    percent = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{percent}%"


def average_figure(total: Decimal, how_many: int, places: int = 2) -> Decimal | str:
    """An average to places decimals (Decimal("2.35")), "fewer than 5" when it is of 1–4 values, "none" for none."""
    if how_many == 0:
        return "none"
    if is_suppressed(how_many):
        return SUPPRESSED
    step = Decimal(1).scaleb(-places)
    return (Decimal(total) / how_many).quantize(step, rounding=ROUND_HALF_UP)
