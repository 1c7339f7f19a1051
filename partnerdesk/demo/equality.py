"""Made-up equality monitoring answers for demo people: a realistic mix, with many "prefer not to say" and many
people never asked, so the monitoring return's Equality sheet shows small numbers being hidden.

The answers come from their own random stream (seeded from the demo's seed), so adding them changed none of the
other demo data a seed gives.
"""

from __future__ import annotations

from typing import Any

from partnerdesk.demo.common import QuickRandom, Weighted
from partnerdesk.rules.equality import FIELDS, PREFER_NOT

P = PREFER_NOT
#: Share of people who filled in the monitoring form at all (per thousand); the rest were never asked.
ASKED = 720

_AGE = Weighted(["under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_over", P],
                [5, 60, 130, 150, 170, 160, 110, 45, 170])  # fmt: skip
_SEX = {
    "female": Weighted(["female", "male", P], [880, 10, 110]),
    "male": Weighted(["male", "female", P], [880, 10, 110]),
    "neutral": Weighted(["female", "male", P], [300, 250, 450]),
}
_GENDER = Weighted(["same", "different", P], [860, 25, 115])
_ETHNIC = Weighted(
    ["white_british", "white_irish", "white_gypsy_traveller", "white_roma", "white_other", "asian_bangladeshi",
     "asian_chinese", "asian_indian", "asian_pakistani", "asian_other", "black_african", "black_caribbean",
     "black_other", "mixed_white_asian", "mixed_white_black_african", "mixed_white_black_caribbean", "mixed_other",
     "other_arab", "other_any", P],
    [640, 8, 4, 2, 40, 18, 10, 16, 14, 10, 24, 8, 4, 8, 6, 10, 6, 14, 6, 150],
)  # fmt: skip
_CONDITION = Weighted(["yes", "no", P], [520, 300, 180])
_IMPACT = Weighted(["a_lot", "a_little", "not_at_all", P], [330, 420, 110, 140])
_ORIENTATION = Weighted(["straight", "gay_lesbian", "bisexual", "other", P], [700, 45, 50, 12, 193])
_RELIGION = Weighted(["none", "christian", "buddhist", "hindu", "jewish", "muslim", "sikh", "other", P],
                     [430, 320, 6, 10, 3, 50, 5, 12, 164])  # fmt: skip
_CARER = Weighted(["yes", "no", P], [260, 610, 130])


class EqualityMaker:
    """Answers for one person after another, from a stream of their own."""

    def __init__(self, seed: int):
        self.rng = QuickRandom(seed * 7_919 + 14)  # issue 14's stream, apart from the people's

    def answers(self, gender: str) -> dict[str, Any]:
        """One person's answers (gender is the one their made-up name suggests); all None when never asked."""
        rng = self.rng
        if rng.random() * 1000 >= ASKED:
            return dict.fromkeys(FIELDS)
        if rng.random() < 0.06:  # some people tick "prefer not to say" all the way down
            return {**dict.fromkeys(FIELDS, P), "condition_impact": None}
        condition = _CONDITION(rng)
        return {
            "age_band": _AGE(rng), "sex": _SEX.get(gender, _SEX["neutral"])(rng), "gender_identity": _GENDER(rng),
            "ethnic_group": _ETHNIC(rng), "long_term_condition": condition,
            "condition_impact": _IMPACT(rng) if condition == "yes" else None,
            "sexual_orientation": _ORIENTATION(rng), "religion": _RELIGION(rng), "carer": _CARER(rng),
        }  # fmt: skip
