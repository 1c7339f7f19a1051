"""Choosing a meeting (for a claim, or the meeting a debrief follows) by searching its title, committee, venue or date,
rather than scrolling a list of every meeting there has ever been.

The meetings nearest to now come first, whichever side of today they fall, since a claim or a debrief is almost
always about a meeting of the last few days or the next few. Typing a date (23/11/2026) lists that day's meetings.
Keys and the rule that nothing is chosen silently: see search_picker.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from PySide6.QtWidgets import QWidget

from partnerdesk.i18n import _, ngettext, short_date
from partnerdesk.rules.dates import format_uk, parse_uk, today_uk
from partnerdesk.rules.meetings import uk_times
from partnerdesk.services.common.errors import NotFound
from partnerdesk.services.meetings.listing import MeetingFilter, count_meetings, meetings_page
from partnerdesk.services.meetings.meetings import get_meeting
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.search_picker import Found, Match, SearchPicker

SHOWN = 30  # matches listed; more than this and the worker is asked to type more


def typed_day(text: str) -> date | None:
    """The date typed, when the words are one date (23/11/2026, 23-11-26); None otherwise."""
    if not any(ch.isdigit() for ch in text):
        return None
    try:
        return parse_uk(text)
    except ValueError:
        return None


def nearest_first(session, flt: MeetingFilter, limit: int) -> list:
    """Up to limit meetings the filter matches (rows as meetings_page gives), those nearest to now first: the next
    ones from today on and the last ones before today, interleaved by how far they are from now."""
    today = today_uk()
    yesterday = today - timedelta(days=1)
    rows = []
    if flt.date_to is None or flt.date_to >= today:
        later = replace(flt, date_from=max(flt.date_from or today, today), sort="starts_at", descending=False)
        rows += meetings_page(session, later, 0, limit)
    if flt.date_from is None or flt.date_from <= yesterday:
        earlier = replace(flt, date_to=min(flt.date_to or yesterday, yesterday), sort="starts_at", descending=True)
        rows += meetings_page(session, earlier, 0, limit)
    now = datetime.now(UTC).replace(tzinfo=None)

    def distance(row) -> float:
        starts = row.starts_at.replace(tzinfo=None) if row.starts_at.tzinfo is None else \
            row.starts_at.astimezone(UTC).replace(tzinfo=None)  # fmt: skip
        return abs((starts - now).total_seconds())

    return sorted(rows, key=distance)[:limit]


def _match(meeting_id: str, starts_at: datetime, ends_at: datetime | None, title: str, committee: str | None) -> Match:
    day, start, _end = uk_times(starts_at, ends_at)
    line = f"{short_date(day)} {start:%H:%M} — {title}" + (f" ({committee})" if committee and committee != title
                                                            else "")  # fmt: skip
    return Match(meeting_id, line, f"{format_uk(day)} — {title}")


class MeetingPicker(SearchPicker):
    """meeting_id() is the meeting chosen (None: none); `picked` fires when that changes.

    window: the filter every search starts from (dates, kinds left out); cancelled meetings are never offered.
    With nothing typed, the meetings nearest to now are listed, ready to pick.
    """

    def __init__(self, writer: Writer, name: str, window: MeetingFilter | None = None, placeholder: str | None = None,
                 parent: QWidget | None = None, *, inline: bool = False):  # fmt: skip
        super().__init__(writer, name, placeholder or _("Type part of a title, committee or date"), parent,
                         inline=inline)
        self.window_filter = replace(window or MeetingFilter(), include_cancelled=False)

    def search(self, text: str) -> Found | None:
        day = typed_day(text)
        flt = replace(self.window_filter, date_from=day, date_to=day) if day else \
            replace(self.window_filter, search=text.strip())  # fmt: skip
        if day and ((self.window_filter.date_from and day < self.window_filter.date_from)
                    or (self.window_filter.date_to and day > self.window_filter.date_to)):
            return Found(0, [])

        def read(session):
            rows = nearest_first(session, flt, SHOWN)
            return (len(rows) if len(rows) < SHOWN else count_meetings(session, flt)), rows

        count, rows = self.writer.read(read)
        return Found(count, [_match(r.id, r.starts_at, r.ends_at, r.title, r.committee) for r in rows])

    def describe(self, record_id: str) -> Match | None:
        def read(session):
            try:
                meeting = get_meeting(session, record_id)
            except NotFound:
                return None
            committee = meeting.committee.name if meeting.committee else None
            return _match(meeting.id, meeting.starts_at, meeting.ends_at, meeting.title, committee)

        return self.writer.read(read)

    def count_words(self, found: Found) -> str:
        if found.count == 0:
            return _("No meeting matches: check the spelling, or type a date as day/month/year")
        if not self.box.text().strip():
            return _("The meetings nearest today are listed: type to find another")
        if found.count == 1:
            return _("1 meeting matches — press Enter to choose it")
        words = ngettext("{n} meeting matches — pick one", "{n} meetings match — pick one", found.count).format(
            n=found.count)
        if found.count > len(found.matches):
            words += " " + _("(the {shown} nearest today are listed: type more)").format(shown=len(found.matches))
        return words

    def meeting_id(self) -> str | None:
        """The meeting chosen, or None."""
        return self.value()
