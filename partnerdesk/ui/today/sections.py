"""What an area puts on the Today page: groups of sections, each a titled list of lines read in one go.

Every group reads through a plain connection (records.tables), never the ORM: Today is the first screen, and
opening quickly depends on it (tests/unit/test_first_screen.py). A line that opens something names the kind of record
(see Area.record_kinds) and its id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import Connection

#: An overdue line turns red only when it is this many days late (or serious): in a real database most lines are a
#: little late, and when every line is red the colour stops meaning anything.
RED_AFTER_DAYS = 7


class Line(NamedTuple):
    """One line on the Today page. An urgent (overdue) line starts with "Overdue:" and a warning icon; it is also red
    when it is more than RED_AFTER_DAYS late or serious (a follow-up after distress)."""

    text: str
    kind: str | None = None  # the kind of record the line opens: "person", "meeting"…
    record_id: str | None = None
    urgent: bool = False
    days_late: int = 0
    serious: bool = False
    #: What the line is about, when that is not simply record_id (an action opens its meeting; a missing debrief is a
    #: meeting and a person): a snooze or "done" is kept against it.
    item: str | None = None

    @property
    def about(self) -> str | None:
        """The id a snooze or "done" is kept against: item if given, otherwise the record the line opens."""
        return self.item or self.record_id

    @property
    def red(self) -> bool:
        """Whether the line is also shown in red: overdue by more than a week, or serious."""
        return self.urgent and (self.serious or self.days_late > RED_AFTER_DAYS)


@dataclass(frozen=True)
class Section:
    """A titled list on the Today page. key names the page's attribute holding the list (tests and screen readers)."""

    key: str
    title: str
    empty: str  # said when there is nothing to do
    stretch: bool = True  # grows with the window (short lists: False)
    days: int = 0  # fills "{days}" in the title and the empty line, after they are translated


class TodayGroup(NamedTuple):
    """Sections that one read fills: read(db, today) returns a list of lines for each section, in order."""

    sections: tuple[Section, ...]
    read: Callable[[Connection, date], list[list[Line]]]
