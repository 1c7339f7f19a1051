"""Committees' quorum rules, and each meeting's compliance: notice days, papers days and format, quorum, counts.

Compliance is computed from the dates entered, so a meeting recorded afterwards is judged the same way. The notice
and papers periods are those of the committee's organisation where it has its own, otherwise the defaults in the
settings (services.common.settings).

Who counts for quorum: the committee's members are the people holding a full (not back-up) seat on the meeting
date; present are the people marked "attended" who hold any seat then, so a back-up standing in counts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.base import utc_now
from partnerdesk.records.people import Committee
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.meetings import (
    QUORUM_KINDS,
    Periods,
    QuorumRule,
    days_before,
    format_met,
    is_late,
    is_quorate,
    periods_for,
    quorum_as_text,
    quorum_needed,
    quorum_rule_problems,
    uk_date,
)
from partnerdesk.services.common.errors import NotFound, Problems, check_version
from partnerdesk.services.common.lookup import raw_rows
from partnerdesk.services.common.settings import default_periods
from partnerdesk.services.meetings.attendance import seat_holders

_CHUNK = 500  # ids per IN (...) list, well inside every database's limit


def committee_quorum(committee: Committee) -> QuorumRule:
    """A committee's quorum rule (QuorumRule().is_set is False when none has been agreed)."""
    return QuorumRule(committee.quorum_number, committee.quorum_numerator, committee.quorum_denominator)


def set_committee_quorum(
    session: Session,
    committee_id: str,
    number: int | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
    on: date | None = None,
    version: int | None = None,
) -> Committee:
    """Agree a committee's quorum: a number of members, or a fraction (numerator/denominator, e.g. 1 and 3).

    All None clears it. A number larger than the committee's current full members (on the date given, default
    today) is refused with a ValidationError on "quorum_number", as is giving both a number and a fraction.
    A window passes the committee's version as it read it: EditConflict if a different quorum was saved since.
    """
    committee = session.get(Committee, committee_id) if committee_id else None
    if committee is None or committee.deleted_at is not None:
        raise NotFound(_("That committee could not be found."))
    rule = QuorumRule(number, numerator, denominator)
    members = len(seat_holders(session, committee_id, on or today_uk()))
    problems = Problems()
    for field, message in quorum_rule_problems(rule, members).items():
        problems.add(field, message)
    problems.raise_if_any()
    check_version(committee, version, {"quorum": quorum_as_text(rule)}, {"quorum": quorum_as_text(
        committee_quorum(committee))})
    committee.quorum_number, committee.quorum_numerator, committee.quorum_denominator = number, numerator, denominator
    committee.updated_at = utc_now()
    session.flush()
    return committee


@dataclass(frozen=True)
class CommitteeQuorum:
    """A committee's agreed quorum (QuorumRule().is_set is False when none), with its organisation and version."""

    committee_id: str
    name: str
    organisation: str
    rule: QuorumRule
    version: int


def committee_quorums(session: Session) -> list[CommitteeQuorum]:
    """Every committee not in the Bin with its quorum, by organisation and then name."""
    c, o = tables.committees, tables.organisations
    stmt = (
        select(c.c.id, c.c.name, o.c.name.label("organisation"), c.c.quorum_number, c.c.quorum_numerator,
               c.c.quorum_denominator, c.c.version)
        .select_from(c.join(o, o.c.id == c.c.organisation_id))
        .where(c.c.deleted_at.is_(None), o.c.deleted_at.is_(None))
        .order_by(func.lower(o.c.name), func.lower(c.c.name), c.c.id)
    )  # fmt: skip
    return [CommitteeQuorum(row.id, row.name, row.organisation, QuorumRule(row.quorum_number, row.quorum_numerator,
                                                                           row.quorum_denominator), row.version)
            for row in session.execute(stmt)]  # fmt: skip


@dataclass(frozen=True)
class MeetingCompliance:
    """How one meeting measures up. None means "not known yet" (nothing sent, no rule, nobody recorded)."""

    meeting_id: str
    day: date
    notice_days: int | None  # days of notice given
    notice_late: bool | None
    papers_received_days: int | None  # days before the meeting the committee's papers arrived
    papers_received_late: bool | None
    invited: int
    papers_sent: int  # invited people who were sent papers
    papers_late: int  # …of whom this many got them under the papers period
    format_missed: int  # …and this many not in the format they asked for
    attended: int
    apologies: int
    absent: int
    sent_views: int
    unrecorded: int
    members: int  # full seats on the committee on the day
    present_members: int  # attended and holding a seat (back-ups included)
    quorum_needed: int | None
    quorate: bool | None  # None when no quorum is agreed or no attendance is recorded yet
    periods: Periods = Periods(14, 7)  # the notice and papers periods this meeting was held to


class _Seats:
    """One committee's seats, arranged to answer for any day how many people hold a full seat and whether someone
    holds any seat, without going through every seat for every meeting (a large organisation's committees have
    thousands of seats, and a year has hundreds of meetings).

    Days are kept as the database returns them (ISO text from SQLite, dates elsewhere), which sort as days do:
    converting tens of thousands of them was most of the monitoring return's time. Ask with _stored(session, day).
    """

    def __init__(self) -> None:
        self.by_person: dict[str, list[tuple[Any, Any, bool]]] = {}
        self._starts: list[Any] = []
        self._ends: list[Any] = []

    def arrange(self, last: Any) -> None:
        """Merge each person's overlapping full seats, so each person counts once on any day, and sort the ends.
        last: a day after every day that will be asked about, for seats with no end."""
        for seats in self.by_person.values():
            if len(seats) == 1:  # most people: one seat, nothing to merge
                start, end, backup = seats[0]
                if not backup:
                    self._starts.append(start)
                    self._ends.append(end or last)
                continue
            merged: list[list[Any]] = []
            for start, end, _backup in sorted((s, e or last, b) for s, e, b in seats if not b):
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            for start, end in merged:
                self._starts.append(start)
                self._ends.append(end)
        self._starts.sort()
        self._ends.sort()

    def full_on(self, day: Any) -> int:
        """How many people hold a full (not back-up) seat on that day: seats begun by then less those ended before."""
        return bisect_right(self._starts, day) - bisect_left(self._ends, day)

    def seated_on(self, person_id: str, day: Any) -> bool:
        """Whether the person holds any seat (full or back-up) on that day."""
        return any(s <= day and (e is None or e >= day) for s, e, _b in self.by_person.get(person_id, ()))


def _stored(session: Session, day: date) -> Any:
    """A day as the database returns it when read straight from its driver (raw_rows)."""
    return day.isoformat() if session.get_bind().dialect.name == "sqlite" else day


def _seats_by_committee(session: Session, committee_ids: set[str], first: date, last: date) -> dict[str, _Seats]:
    """The seats of people not in the Bin on these committees that cover any day from first to last (days as
    _stored gives them)."""
    m, p = tables.memberships, tables.people
    found = {cid: _Seats() for cid in committee_ids}
    # The few people in the Bin, set aside here: joining every seat to its holder's record to find them took as
    # long as reading the seats (tens of thousands of them in a large organisation).
    binned = {person_id for (person_id,) in raw_rows(session, select(p.c.id).where(p.c.deleted_at.is_not(None)))}
    ids = sorted(committee_ids)
    for start in range(0, len(ids), _CHUNK):
        stmt = select(m.c.committee_id, m.c.person_id, m.c.term_start, m.c.term_end, m.c.is_backup).where(
            m.c.committee_id.in_(ids[start : start + _CHUNK]), m.c.deleted_at.is_(None),
            m.c.term_start <= last, or_(m.c.term_end.is_(None), m.c.term_end >= first),
        )  # fmt: skip
        for committee_id, person_id, term_start, term_end, backup in raw_rows(session, stmt):
            if person_id not in binned:
                found[committee_id].by_person.setdefault(person_id, []).append((term_start, term_end, backup))
    after = _stored(session, date.max)
    for seats in found.values():
        seats.arrange(after)
    return found


def compliance_for_meetings(session: Session, meeting_ids: list[str]) -> dict[str, MeetingCompliance]:
    """Compliance for many meetings at once (for lists and exports), by meeting id, in a handful of queries."""
    default = default_periods(session)
    m, a, c, p, o = tables.meetings, tables.attendance, tables.committees, tables.people, tables.organisations
    meetings: dict[str, Any] = {}
    people: dict[str, Any] = {}
    ids = list(dict.fromkeys(meeting_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        stmt = select(
            m, c.c.quorum_number, c.c.quorum_numerator, c.c.quorum_denominator,
            o.c.notice_days.label("own_notice_days"), o.c.papers_days.label("own_papers_days"),
        ).select_from(m.outerjoin(c, c.c.id == m.c.committee_id).outerjoin(o, o.c.id == c.c.organisation_id))
        meetings.update((row.id, row) for row in session.execute(stmt.where(m.c.id.in_(chunk))))
        stmt = (
            select(
                a.c.meeting_id, a.c.person_id, a.c.attendance, a.c.papers_sent_on, a.c.papers_format, p.c.papers_format
            )
            .select_from(a.join(p, p.c.id == a.c.person_id))
            .where(a.c.meeting_id.in_(chunk), a.c.invited.is_(True))
        )
        for row in session.execute(stmt):
            people.setdefault(row[0], []).append(tuple(row)[1:])
    days = {meeting_id: uk_date(row.starts_at) for meeting_id, row in meetings.items()}
    committees = {row.committee_id for row in meetings.values() if row.committee_id}
    seats = _seats_by_committee(session, committees, min(days.values()), max(days.values())) if committees else {}
    stored = {meeting_id: _stored(session, day) for meeting_id, day in days.items()}

    result = {}
    for meeting_id, row in meetings.items():
        day, stored_day = days[meeting_id], stored[meeting_id]
        held = seats.get(row.committee_id) if row.committee_id else None
        full = held.full_on(stored_day) if held else 0
        invited = people.get(meeting_id, [])
        marks = Counter(mark for _unused, mark, _unused, _unused, _unused in invited)
        sent = [(days_before(day, on), fmt, wanted) for _unused, _unused, on, fmt, wanted in invited if on is not None]
        present = sum(1 for person_id, mark, *_unused in invited
                      if mark == "attended" and held is not None and held.seated_on(person_id, stored_day))  # fmt: skip
        rule = QuorumRule(row.quorum_number, row.quorum_numerator, row.quorum_denominator)
        if row.kind not in QUORUM_KINDS:
            rule = QuorumRule()  # no quorum is agreed for a pre-meeting, debrief or other informal meeting
        recorded = len(invited) - marks[None] > 0
        notice, received = days_before(day, row.notice_sent_on), days_before(day, row.papers_received_on)
        periods = periods_for(default, row.own_notice_days, row.own_papers_days)
        notice_period, papers_period = periods.notice_days, periods.papers_days
        result[meeting_id] = MeetingCompliance(
            meeting_id=meeting_id,
            day=day,
            notice_days=notice,
            notice_late=is_late(notice, notice_period),
            papers_received_days=received,
            papers_received_late=is_late(received, papers_period),
            invited=len(invited),
            papers_sent=len(sent),
            papers_late=sum(1 for days, _unused, _unused in sent if is_late(days, papers_period)),
            format_missed=sum(1 for _unused, fmt, wanted in sent if format_met(fmt, wanted) is False),
            attended=marks["attended"],
            apologies=marks["apologies"],
            absent=marks["absent"],
            sent_views=marks["sent_views"],
            unrecorded=marks[None],
            members=full,
            present_members=present,
            quorum_needed=quorum_needed(rule, full),
            quorate=is_quorate(rule, full, present) if recorded else None,
            periods=periods,
        )
    return result


def meeting_compliance(session: Session, meeting_id: str) -> MeetingCompliance:
    """Compliance for one meeting (see MeetingCompliance); raises NotFound."""
    found = compliance_for_meetings(session, [meeting_id])
    if meeting_id not in found:
        raise NotFound(_("That meeting could not be found. It may have been erased."))
    return found[meeting_id]
