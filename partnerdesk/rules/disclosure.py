"""Disclosure control for anonymised figures: which counts may be published, so no one can be picked out.

Hiding small counts is not enough on its own. If a total and all but one of its parts are published, the hidden
part is the difference; a percentage with its base gives the count back ("5 due, 80% on time" means 1 late). So
every anonymised export hands its figures here as tables of counts with their totals, and writes what comes out.

Two rules, chosen in the organisation's settings (DOMAIN.md, "Disclosure control"):

- THRESHOLD (the default): counts from 1 to N-1 are hidden (N is a setting, 5 unless changed), and then more
  cells are hidden ("secondary suppression") until no hidden cell can be worked out from the published cells of
  its table by adding and subtracting rows, columns and totals. Nought is shown: it identifies nobody.
- NHS: NHS Digital's rule for sub-national figures. Counts from 1 to 7 are hidden, every other count is rounded
  to the nearest 5, and percentages are worked out from the rounded numbers; secondary suppression as above too,
  because rounding alone can leave a hidden count with only one possible value.

Every hidden cell is written the same way (HIDDEN), whichever reason hid it, so a reader cannot tell a small
count from one hidden to protect it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import NamedTuple

from partnerdesk.i18n import N_, _

THRESHOLD = "threshold"
NHS = "nhs"
RULES = {
    THRESHOLD: N_("Hide counts below a threshold, and enough others that none can be worked out"),
    NHS: N_("NHS Digital style: hide 1 to 7, round every other count to 5"),
}
DEFAULT_RULE = THRESHOLD
DEFAULT_THRESHOLD = 5
#: What a hidden figure reads as, in every anonymised file.
HIDDEN = "*"
#: What a percentage or average of nothing reads as.
NONE = "none"

#: NHS Digital hides counts up to this one.
NHS_HIGHEST_HIDDEN = 7

Figure = int | str


@dataclass(frozen=True)
class Policy:
    """The organisation's disclosure rule (THRESHOLD or NHS) and, for THRESHOLD, the smallest count shown."""

    rule: str = DEFAULT_RULE
    threshold: int = DEFAULT_THRESHOLD

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(_("Unknown disclosure rule {rule!r}").format(rule=self.rule))
        if self.threshold < 2:
            raise ValueError(_("The threshold must be 2 or more"))

    def is_small(self, count: int) -> bool:
        """True for a count the rule hides on its own account (a primary suppression)."""
        highest = NHS_HIGHEST_HIDDEN if self.rule == NHS else self.threshold - 1
        return 0 < count <= highest

    def note(self) -> str:
        """One plain sentence for the top of a sheet, saying what HIDDEN means."""
        if self.rule == NHS:
            return (
                _(
                    "Counts from 1 to 7 are shown as \"{HIDDEN}\"; other counts are rounded to the nearest 5, "
                    "and percentages are worked out from the rounded counts."
                ).format(
                    HIDDEN=HIDDEN,
                )
            )
        return (
            _(
                "Counts from 1 to {value}, and any figure from which one could be worked out, are shown as "
                "\"{HIDDEN}\"."
            ).format(
                value=self.threshold - 1,
                HIDDEN=HIDDEN,
            )
        )


class Published(NamedTuple):
    """A table as it may be published: cells[row][column], row totals, column totals and the grand total.

    Each figure is a whole number or HIDDEN; the totals are None when the table was given without them.
    """

    cells: tuple[tuple[Figure, ...], ...]
    row_totals: tuple[Figure, ...] | None
    column_totals: tuple[Figure, ...] | None
    grand_total: Figure | None


def nhs_round(count: int) -> Figure:
    """A count under the NHS rule: 0 as 0, 1 to 7 hidden, anything else to the nearest 5 (halves up)."""
    if count == 0:
        return 0
    if 0 < count <= NHS_HIGHEST_HIDDEN:
        return HIDDEN
    return int((Decimal(count) / 5).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 5


# A table position: ("cell", row, column), ("row", row, -1), ("column", -1, column) or ("grand", -1, -1).
Position = tuple[str, int, int]


def _lines(
    rows: int, columns: int, row_totals: bool, column_totals: bool
) -> list[list[tuple[Position, int]]]:
    """The table's additive equations as (position, coefficient) lists whose weighted sum is zero."""
    lines: list[list[tuple[Position, int]]] = []
    if row_totals:
        for r in range(rows):
            lines.append([(("cell", r, c), 1) for c in range(columns)] + [(("row", r, -1), -1)])
    if column_totals:
        for c in range(columns):
            lines.append([(("cell", r, c), 1) for r in range(rows)] + [(("column", -1, c), -1)])
    if row_totals and column_totals:
        lines.append([(("column", -1, c), 1) for c in range(columns)] + [(("grand", -1, -1), -1)])
        lines.append([(("row", r, -1), 1) for r in range(rows)] + [(("grand", -1, -1), -1)])
    return lines


def determined(
    lines: Sequence[Sequence[tuple[Position, int]]], values: dict[Position, int], hidden: set[Position]
) -> list[Position]:
    """The hidden positions whose value follows exactly from the published ones through the equations in lines.

    Gaussian elimination over the rationals on the equations restricted to hidden positions: a hidden position is
    determined when, in reduced row echelon form, its pivot row involves no free (undetermined) position.
    """
    unknowns = sorted(hidden)
    index = {position: number for number, position in enumerate(unknowns)}
    matrix: list[list[Fraction]] = []
    for line in lines:
        row = [Fraction(0)] * len(unknowns)
        for position, coefficient in line:
            if position in index:
                row[index[position]] += coefficient
        if any(row):
            matrix.append(row)
    pivots: list[int] = []
    top = 0
    for column in range(len(unknowns)):
        found = next((r for r in range(top, len(matrix)) if matrix[r][column] != 0), None)
        if found is None:
            continue
        matrix[top], matrix[found] = matrix[found], matrix[top]
        lead = matrix[top][column]
        matrix[top] = [value / lead for value in matrix[top]]
        for r in range(len(matrix)):
            if r != top and matrix[r][column] != 0:
                factor = matrix[r][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[top], strict=True)]
        pivots.append(column)
        top += 1
    found_out = []
    for row_number, column in enumerate(pivots):
        others = [c for c in range(len(unknowns)) if c != column and matrix[row_number][c] != 0]
        if not others:
            found_out.append(unknowns[column])
    return found_out


def _secondary(
    lines: list[list[tuple[Position, int]]], values: dict[Position, int], hidden: set[Position]
) -> set[Position]:
    """Hide more positions until no hidden one is determined: each time, the smallest published count on a line
    through the first determined position (interior cells before totals, nought only when nothing else is left)."""
    hidden = set(hidden)
    while True:
        exposed = determined(lines, values, hidden)
        if not exposed:
            return hidden
        target = exposed[0]
        near = {p for line in lines if any(p == target for p, _unused in line) for p, _unused in line}
        candidates = [p for p in near if p not in hidden] or [p for p in values if p not in hidden]

        def cost(position: Position) -> tuple[bool, bool, int, Position]:
            value = values[position]
            return (value == 0, position[0] != "cell", value, position)

        hidden.add(min(candidates, key=cost))


def protect(
    cells: Sequence[Sequence[int]], policy: Policy, *, row_totals: bool = True, column_totals: bool = True
) -> Published:
    """A table of counts as it may be published, with its row and column totals (and grand total when both).

    cells holds the exact counts, one list per row; totals are worked out here. Leave out row_totals or
    column_totals when the file does not publish them (a list of parts with one total is one row with
    row_totals=True, column_totals=False).
    """
    rows, columns = len(cells), len(cells[0]) if cells else 0
    if any(len(row) != columns for row in cells):
        raise ValueError(_("Every row of the table needs the same number of columns"))
    if any(count < 0 for row in cells for count in row):
        raise ValueError(_("Counts cannot be negative"))
    values: dict[Position, int] = {("cell", r, c): cells[r][c] for r in range(rows) for c in range(columns)}
    if row_totals:
        values.update({("row", r, -1): sum(cells[r]) for r in range(rows)})
    if column_totals:
        values.update({("column", -1, c): sum(row[c] for row in cells) for c in range(columns)})
    if row_totals and column_totals:
        values[("grand", -1, -1)] = sum(map(sum, cells))

    lines = _lines(rows, columns, row_totals, column_totals)
    primary = {position for position, value in values.items() if policy.is_small(value)}
    # Rounding alone can still pin a hidden count down: parts 1, 23 and 23 publish as *, 25 and 25 of 45, and only
    # 1 fits (a property test found it). So the NHS rule gets the same secondary suppression as the threshold rule.
    hidden = _secondary(lines, values, primary)
    shown: dict[Position, Figure] = {
        position: HIDDEN if position in hidden else nhs_round(value) if policy.rule == NHS else value
        for position, value in values.items()
    }

    return Published(
        cells=tuple(tuple(shown[("cell", r, c)] for c in range(columns)) for r in range(rows)),
        row_totals=tuple(shown[("row", r, -1)] for r in range(rows)) if row_totals else None,
        column_totals=tuple(shown[("column", -1, c)] for c in range(columns)) if column_totals else None,
        grand_total=shown[("grand", -1, -1)] if row_totals and column_totals else None,
    )


def protect_parts(parts: Sequence[int], policy: Policy) -> tuple[tuple[Figure, ...], Figure]:
    """Parts of one total (checks by kind, with the number of checks) as they may be published: (parts, total).

    The parts must add up to the total; a remainder nobody publishes ("other") belongs in parts too, so that
    hiding it protects the rest, and the caller leaves it out of the file.
    """
    published = protect([list(parts)], policy, row_totals=True, column_totals=False)
    assert published.row_totals is not None
    return published.cells[0], published.row_totals[0]


def count(value: int, policy: Policy) -> Figure:
    """A count that is not part of any published sum, as it may be published."""
    if policy.rule == NHS:
        return nhs_round(value)
    return HIDDEN if policy.is_small(value) else value


def share(part: int, whole: int, policy: Policy) -> tuple[Figure, Figure, str]:
    """A part of a whole with its percentage, as they may be published: (part, whole, "80%").

    The part and the rest of the whole are protected as a table, so the percentage is withheld whenever the part
    or the rest is hidden (a percentage and its base give the count back); under the NHS rule the percentage is
    worked out from the rounded counts. A whole of nought gives NONE.
    """
    if not 0 <= part <= whole:
        raise ValueError(_("The part must be between nought and the whole"))
    (shown_part, rest), shown_whole = protect_parts([part, whole - part], policy)
    if whole == 0:
        return shown_part, shown_whole, NONE
    # Rounding protects the rest under the NHS rule; under the threshold rule a hidden rest means a small one.
    guarded = (shown_part, shown_whole) if policy.rule == NHS else (shown_part, rest, shown_whole)
    if HIDDEN in guarded or not isinstance(shown_whole, int) or shown_whole == 0:
        return shown_part, shown_whole, HIDDEN
    assert isinstance(shown_part, int)
    percent = (Decimal(shown_part) * 100 / Decimal(shown_whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return shown_part, shown_whole, f"{percent}%"


def average(total: Decimal, how_many: int, policy: Policy, places: int = 2) -> Decimal | str:
    """An average to places decimals, HIDDEN when it is over a hidden number of values, NONE over none."""
    if how_many == 0:
        return NONE
    if policy.is_small(how_many):
        return HIDDEN
    step = Decimal(1).scaleb(-places)
    return (Decimal(total) / how_many).quantize(step, rounding=ROUND_HALF_UP)
