"""What both demo-data modules share: the demo user's name and quick, reproducible random choices."""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import accumulate
from typing import Any

#: What created_by and updated_by say on demo records, so they are easy to tell apart from real ones.
DEMO_USER = "demo"


class Weighted:
    """Picks from a list with weights; the running totals are worked out once because this runs millions of times."""

    def __init__(self, items: list[Any] | tuple[Any, ...], weights: list[int] | tuple[int, ...]):
        self.items = list(items)
        self.totals = list(accumulate(weights))

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect(self.totals, rng.random() * self.totals[-1])]


# Letters that don't come apart into a plain letter plus an accent, so NFKD alone can't make them ASCII.
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "ı": "i", "'": "", " ": ""})


@lru_cache(maxsize=4096)
def ascii_name(text: str) -> str:
    """A name as plain lower-case letters for an email address: "Łukasz" → "lukasz", "O'Brien" → "obrien"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if ch.isascii()).lower()


class QuickRandom(random.Random):
    """random.Random with quicker choice, randint and sample, each made from calls to random().

    The standard versions draw whole numbers bit by bit, which is exact but slower; for demo data the tiny bias
    of scaling a float does not matter, and 100,000 people need millions of draws.
    """

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def sample(self, population, k: int, *, counts=None):
        if counts is not None or k * 2 > len(population):
            return super().sample(population, k, counts=counts)
        picked: list = []
        while len(picked) < k:  # a few picks from a longer list, so repeats are rare
            item = self.choice(population)
            if item not in picked:
                picked.append(item)
        return picked


def working_moment(day: date, rng: random.Random) -> datetime:
    """A time during the working day on the given date, in UTC."""
    return datetime.combine(day, time(0), UTC) + timedelta(seconds=rng.randint(8 * 3600, 18 * 3600 - 1))
