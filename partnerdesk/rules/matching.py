"""The optimal assignment of pairs for a programme's applicants over rules.programmes' match score.

A small Hungarian algorithm rather than scipy.optimize.linear_sum_assignment: scipy's wheel is about 40 MB (over
100 MB installed) and would add over half again to the packaged app for one function, while the algorithm is some
forty lines, proved against brute force in tests/unit/test_programme_rules.py and fast enough (60 applicants a side
in about 0.1 s: bench/bench_programmes.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from partnerdesk.rules.programmes import (
    PENALTY_NO_TIME,
    POINTS_AREA,
    POINTS_COMMUNITY,
    POINTS_LEARNING,
    POINTS_TIME,
    Applicant,
    Match,
    key_of,
    match_score,
    pair_problem,
)


def hungarian(cost: Sequence[Sequence[int]]) -> list[int]:
    """The column for each row of a square matrix of whole-number costs, so the total cost is the least possible.

    The Hungarian algorithm with potentials, O(n³): 60 × 60 takes a few milliseconds.
    """
    n = len(cost)
    if any(len(row) != n for row in cost):
        raise ValueError("The cost matrix must be square.")  # not words: a programming mistake
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
    side_a: Sequence[Applicant], side_b: Sequence[Applicant], same_organisation_allowed: bool = False,
    sides: tuple[str, str] | None = None,
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
    return [Suggestion(side_a[i].key, side_b[j].key, match_score(side_a[i], side_b[j], sides))
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
            return frozenset(k for k in map(key_of, phrases) if k)

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


