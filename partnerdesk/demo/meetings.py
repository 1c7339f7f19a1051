"""Demo meetings: a year of monthly committee meetings with invitations, attendance, papers, notice, minutes,
pre-meetings, debriefs and actions, as a worker would have recorded them.

Called by services.demo.fill_demo once the committees and their seats are in; the bench uses it directly with
more committees and more years. Rows go in as bulk inserts, but every value is one the services would accept
(tests/unit/test_demo_meetings.py re-checks a sample through them). The same seed and "today" give the same rows.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from partnerdesk.demo.common import DEMO_USER
from partnerdesk.records import tables
from partnerdesk.rules.meetings import uk_moment
from partnerdesk.rules.recurrence import Recurrence, meeting_dates
from partnerdesk.services.common.settings import get_setting

#: A committee meeting invites at most this many full members and back-ups: real committees are small even
#: when the demo gives a committee hundreds of seats.
FULL_PANEL, BACKUP_PANEL = 10, 2

_TIMES = ((time(10), time(12)), (time(14), time(16)), (time(9, 30), time(11, 30)), (time(13, 30), time(15)),
          (time(18), time(19, 30)))  # fmt: skip
_VENUES = ("Board Room, Tŷ Gwyn Headquarters", "Meeting Room 2, Riverside Health Centre", "Committee Room, Civic Hall",
           "The Hub, Canal Street Community Centre", "Seminar Room, Brook Lane Education Centre")  # fmt: skip
_ACCESS = ("Step-free entrance at the side; hearing loop in the room.", "Lift to the first floor; quiet room nearby.")
_ONLINE = "Microsoft Teams: the link goes out with the papers. Phone dial-in is available."
_SECRETARIES = ("Alison Pryce", "Gareth Lloyd", "Meera Shah", "Tom Whitfield", "Bronwen Ellis", "Kofi Mensah")
_CANCEL = ("Not enough business to hold a meeting this month.", "Chair unwell; business moved to next month.")
_LATE_NOTICE = ("Date agreed late by the committee chair.", "Meeting moved at short notice by the board office.",
                "Notice delayed while the venue was confirmed.")  # fmt: skip
_LATE_PAPERS = ("Papers arrived late from the board office.", "Person was away; papers sent when they got back.")
_WRONG_FORMAT = ("Large print copy not ready in time: emailed, printed copy to follow.",
                 "Printer out of action: sent by email instead, with a phone call.")  # fmt: skip
_ACTIONS = (
    "Send the patient stories to the committee secretary", "Ask for the waiting times figures by area",
    "Feed back the local group's views on the new leaflet", "Arrange a visit to the ward before the next meeting",
    "Share the easy read summary with the local groups", "Raise the parking problem with the estates team",
    "Circulate the revised terms of reference", "Check travel expenses were paid for the last meeting",
)  # fmt: skip
_OWNERS = ("Chair", "Committee secretary", "Head of Patient Experience", "Engagement lead")
_ATTEND_USUAL = (("attended", 78), ("apologies", 11), ("absent", 5), ("sent_views", 6))
_ATTEND_POOR = (("attended", 35), ("apologies", 35), ("absent", 20), ("sent_views", 10))
_OTHER_FORMATS = ("email", "post", "large_print", "easy_read")


@dataclass(frozen=True)
class MeetingsMade:
    """How many meeting records add_demo_meetings added (meetings include pre-meetings and debriefs)."""

    series: int
    meetings: int
    attendance: int
    actions: int


def _seats(session: Session, committee_ids: list[str]) -> dict[str, list[tuple]]:
    """Each committee's seats as (person id, start, end, back-up, papers format wanted), in a repeatable order."""
    m, p = tables.memberships, tables.people
    stmt = (
        select(m.c.committee_id, m.c.person_id, m.c.term_start, m.c.term_end, m.c.is_backup, p.c.papers_format)
        .select_from(m.join(p, p.c.id == m.c.person_id))
        .where(m.c.committee_id.in_(committee_ids), m.c.deleted_at.is_(None), p.c.deleted_at.is_(None))
        .order_by(m.c.id)
    )
    found: dict[str, list[tuple]] = {cid: [] for cid in committee_ids}
    for row in session.execute(stmt):
        found[row[0]].append(tuple(row)[1:])
    return found


def _seated(seat: tuple, day: date) -> bool:
    return seat[1] <= day and (seat[2] is None or seat[2] >= day)


class _Maker:
    """Makes the rows from one random stream of its own, so the people the demo makes are the same with or
    without meetings."""

    def __init__(self, seed: int, today: date, notice_days: int, papers_days: int):
        self.rng = random.Random(f"partnerdesk-demo-meetings-{seed}")
        self.today, self.notice_days, self.papers_days = today, notice_days, papers_days
        self.series: list[dict] = []
        self.meetings: list[dict] = []
        self.support: list[dict] = []  # pre-meetings and debriefs, inserted after the meetings they point at
        self.attendance: list[dict] = []
        self.actions: list[dict] = []

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.rng.randint(low, high))

    def shared(self, created: date, updated: date | None = None) -> dict[str, Any]:
        """The columns every record has; moments fall in the working day, never after today."""
        created = min(created, self.today)
        updated = min(max(updated or created, created), self.today)
        at = self.rng.randint(8 * 3600, 17 * 3600)
        first = datetime.combine(created, time(0), UTC) + timedelta(seconds=at)
        last = datetime.combine(updated, time(0), UTC) + timedelta(seconds=at + 60) if updated > created else first
        return {"id": self.uid(), "created_at": first, "updated_at": last, "deleted_at": None,
                "created_by": DEMO_USER, "updated_by": DEMO_USER}  # fmt: skip

    @property
    def ndays(self) -> timedelta:
        return timedelta(days=self.notice_days)

    def pick(self, weighted: tuple) -> str:
        r = self.rng.random() * sum(w for _, w in weighted)
        for code, weight in weighted:
            r -= weight
            if r < 0:
                return code
        return weighted[-1][0]

    # --- committees ---

    def quorum(self, seats: list[tuple]) -> tuple[int | None, int | None, int | None]:
        """A quorum the committee could agree today: a fraction for small committees, a number for large ones."""
        full = sum(1 for seat in seats if not seat[3] and _seated(seat, self.today))
        if full == 0:
            return None, None, None
        if full <= FULL_PANEL:
            return (None, *self.rng.choice(((1, 2), (1, 3), (2, 3))))
        return min(full, self.rng.choice((4, 5, 6))), None, None

    def committee(self, committee_id: str, name: str, seats: list[tuple], first: date, months: int) -> None:
        """A monthly series for each twelve months from `first`, with everything recorded about each meeting."""
        rng = self.rng
        order = list(seats)
        rng.shuffle(order)  # who sits on the panel: the same people month to month, as terms allow
        weekday, week = rng.choice((1, 1, 2, 2, 3, 3, 0, 4)), rng.choice((1, 2, 2, 3, 4, -1))
        start, end = rng.choice(_TIMES)
        mode = rng.choice(("in_person", "in_person", "online", "hybrid"))
        secretary = rng.choice(_SECRETARIES)
        details = {
            "kind": "committee", "committee_id": committee_id, "title": name, "mode": mode,
            "venue": None if mode == "online" else rng.choice(_VENUES),
            "access_notes": rng.choice(_ACCESS) if mode != "online" and self.chance(0.5) else None,
            "joining_details": None if mode == "in_person" else _ONLINE, "contact_person_id": None,
            "contact_name": secretary, "contact_phone": f"029 2018 0{rng.randint(0, 999):03d}",
            "contact_email": f"{secretary.lower().replace(' ', '.')}@example.org", "notes": None,
        }  # fmt: skip
        for year in range(0, months, 12):
            index = first.year * 12 + first.month - 1 + year
            starts_on = date(index // 12, index % 12 + 1, 1)
            count = min(12, months - year)
            pattern = Recurrence("monthly_weekday", starts_on, 1, weekday, week, None, count, None)
            series = self.shared(starts_on - self.days(30, 75))
            series.update({k: details[k] for k in ("committee_id", "kind", "title")})
            series.update(rule="monthly_weekday", interval=1, weekday=weekday, week_of_month=week, day_of_month=None,
                          starts_on=starts_on, start_time=start, end_time=end, count=count, until=None)  # fmt: skip
            self.series.append(series)
            for day in meeting_dates(pattern):
                self.meeting(details, series, day, start, end, order)

    # --- one meeting ---

    def meeting(self, details: dict, series: dict, day: date, start: time, end: time, seats: list[tuple]) -> None:
        rng, today = self.rng, self.today
        row = {**self.shared(series["created_at"].date()), **details, "series_id": series["id"], "moved_from": None,
               "serves_meeting_id": None, "cancelled": False, "cancel_reason": None, "notice_reason": None,
               "papers_reason": None}  # fmt: skip
        if self.chance(0.03):  # moved a week later, as happens when the chair can't make it
            row["moved_from"] = uk_moment(day, start)
            day += timedelta(days=7)
        row["starts_at"], row["ends_at"] = uk_moment(day, start), uk_moment(day, end)
        past = day < today
        row["cancelled"] = self.chance(0.03)
        row["cancel_reason"] = rng.choice(_CANCEL) if row["cancelled"] else None
        self.tracking(row, day, past)
        self.meetings.append(row)
        panel = self.panel(seats, day)
        # A poorly attended month now and then, so some meetings are not quorate.
        marks = _ATTEND_POOR if self.chance(0.12) else _ATTEND_USUAL
        recorded = past and not row["cancelled"] and not (day > today - timedelta(days=10) and self.chance(0.4))
        came = []
        for person_id, backup, wanted in panel:
            mark = self.pick(marks) if recorded else None
            if not past and not row["cancelled"] and day - today < timedelta(days=60) and self.chance(0.05):
                mark = "apologies"  # apologies can come before the day
            sent, fmt, why = (None, None, None) if row["cancelled"] else self.papers(day, wanted, past)
            self.attendance.append({**self.shared(row["created_at"].date(), max(sent or day, day)),
                                    "meeting_id": row["id"], "person_id": person_id, "invited": True,
                                    "interested": False, "is_backup": backup, "attendance": mark,
                                    "papers_sent_on": sent, "papers_format": fmt, "papers_reason": why})  # fmt: skip
            if mark != "apologies":
                came.append(person_id)
        if row["cancelled"]:
            return
        if (past or day - today < timedelta(days=30)) and self.chance(0.65 if past else 0.4):
            self.supporting(row, "pre_meeting", day - self.days(1, 6), came)
        if past and self.chance(0.55):
            self.supporting(row, "debrief", day + self.days(1, 7), came)
        if past:
            self.agreed(row, day, came)

    def tracking(self, row: dict, day: date, past: bool) -> None:
        """Notice, papers from the committee, reminders and minutes: mostly on time, some late or missing."""
        today = self.today
        late = self.chance(0.12)
        sent = day - (self.days(5, self.notice_days - 1) if late else self.days(self.notice_days, 35))
        notice: date | None = sent
        if sent > today:  # not due yet, though some go out as soon as the year's dates are agreed
            notice = row["created_at"].date() if self.chance(0.2) else None
        elif self.chance(0.03 if past else 0.15):
            notice = None  # forgotten: the Today page says so
        row["notice_sent_on"] = notice
        row["notice_reason"] = self.rng.choice(_LATE_NOTICE) if notice and day - notice < self.ndays else None
        received = day - (self.days(2, self.papers_days - 1) if self.chance(0.15) else self.days(self.papers_days, 16))
        row["papers_received_on"] = received if received <= today and self.chance(0.97 if past else 0.6) else None
        if row["papers_received_on"] and day - received < timedelta(days=self.papers_days):
            row["papers_reason"] = self.rng.choice(_LATE_PAPERS)
        reminded = day - self.days(2, 4)
        row["reminders_sent_on"] = reminded if reminded <= today and self.chance(0.8) else None
        minutes = day + self.days(5, 21)
        row["minutes_sent_on"] = minutes if past and minutes <= today and self.chance(0.85) else None
        if row["cancelled"]:
            row["papers_received_on"] = row["papers_reason"] = row["reminders_sent_on"] = row["minutes_sent_on"] = None
        done = [d for d in (notice, row["papers_received_on"], row["reminders_sent_on"], row["minutes_sent_on"]) if d]
        if done:
            row["updated_at"] = self.shared(row["created_at"].date(), max(done))["updated_at"]

    def panel(self, seats: list[tuple], day: date) -> list[tuple[str, bool, str | None]]:
        """Who is invited: the first full members and back-ups (in the committee's shuffled order) seated that day."""
        full: list[tuple[str, bool, str | None]] = []
        backups: list[tuple[str, bool, str | None]] = []
        for person_id, _, _, backup, wanted in (s for s in seats if _seated(s, day)):
            group, size = (backups, BACKUP_PANEL) if backup else (full, FULL_PANEL)
            if len(group) < size:
                group.append((person_id, backup, wanted))
            if len(full) >= FULL_PANEL and len(backups) >= BACKUP_PANEL:
                break
        return full + backups

    def papers(self, day: date, wanted: str | None, past: bool) -> tuple[date | None, str | None, str | None]:
        """When and how papers went to one person: mostly a week or more ahead in the format they asked for."""
        today, why = self.today, None
        late = self.chance(0.1)
        sent = day - (self.days(1, self.papers_days - 1) if late else self.days(self.papers_days, 12))
        if sent > today or not (past or self.chance(0.6)):
            return None, None, None
        fmt = wanted or "email"
        if self.chance(0.06):
            fmt = self.rng.choice([f for f in _OTHER_FORMATS if f != fmt])
            why = self.rng.choice(_WRONG_FORMAT)
        elif late:
            why = self.rng.choice(_LATE_PAPERS)
        return sent, fmt, why

    def supporting(self, served: dict, kind: str, day: date, came: list[str]) -> None:
        """A pre-meeting (days before) or debrief and wellbeing check (days after) for a few representatives."""
        start = time(14) if kind == "pre_meeting" else time(11)
        online = self.chance(0.5)
        title = "Pre-meeting" if kind == "pre_meeting" else "Debrief and wellbeing check"
        row = {**self.shared(min(day, served["created_at"].date() + timedelta(days=20))), "kind": kind,
               "committee_id": served["committee_id"], "title": f"{title}: {served['title']}",
               "starts_at": uk_moment(day, start), "ends_at": uk_moment(day, start.replace(hour=start.hour + 1)),
               "mode": "online" if online else "in_person", "venue": None if online else "Engagement team office",
               "access_notes": None, "joining_details": "Phone or video call" if online else None,
               "contact_person_id": None, "contact_name": None, "contact_phone": None, "contact_email": None,
               "notes": None, "serves_meeting_id": served["id"], "series_id": None, "moved_from": None,
               "cancelled": False, "cancel_reason": None, "notice_sent_on": None, "notice_reason": None,
               "papers_received_on": None, "papers_reason": None, "reminders_sent_on": None,
               "minutes_sent_on": None}  # fmt: skip
        self.support.append(row)
        for person_id in self.rng.sample(came, min(len(came), self.rng.randint(1, 3))):
            mark = ("attended" if self.chance(0.9) else "apologies") if day < self.today else None
            self.attendance.append({**self.shared(row["created_at"].date(), day), "meeting_id": row["id"],
                                    "person_id": person_id, "invited": True, "interested": False,
                                    "is_backup": False, "attendance": mark, "papers_sent_on": None,
                                    "papers_format": None, "papers_reason": None})  # fmt: skip

    def agreed(self, row: dict, day: date, came: list[str]) -> None:
        """Actions agreed at a past meeting: most done, some overdue, some not due yet."""
        today = self.today
        for _ in range(self.rng.randint(0, 3)):
            due = day + self.days(14, 56)
            if due < today:
                done = min(day + self.days(3, (due - day).days + 14), today) if self.chance(0.7) else None
            else:
                done = day + self.days(1, (today - day).days) if day < today and self.chance(0.25) else None
            person = self.rng.choice(came) if came and self.chance(0.6) else None
            self.actions.append({**self.shared(day, done or day), "meeting_id": row["id"],
                                 "description": self.rng.choice(_ACTIONS), "owner_person_id": person,
                                 "owner_name": None if person else self.rng.choice(_OWNERS), "due_on": due,
                                 "done_on": done})  # fmt: skip


def add_demo_meetings(
    session: Session,
    committees: list[tuple[str, str]],
    seed: int,
    today: date,
    months_before: int = 6,
    months_after: int = 6,
) -> MeetingsMade:
    """Add monthly meetings for each (committee id, name), from months_before whole months before today's month
    to months_after months from it, with quorum rules for the committees. Their seats must be in already."""
    maker = _Maker(seed, today, get_setting(session, "notice_days"), get_setting(session, "papers_days"))
    first_index = today.year * 12 + today.month - 1 - months_before
    first = date(first_index // 12, first_index % 12 + 1, 1)
    seats = _seats(session, [cid for cid, _ in committees]) if committees else {}
    c = tables.committees
    for committee_id, name in committees:
        number, numerator, denominator = maker.quorum(seats[committee_id])
        session.execute(
            update(c)
            .where(c.c.id == committee_id)
            .values(quorum_number=number, quorum_numerator=numerator, quorum_denominator=denominator)
            # Part of making the committee, not a later change: keep its "updated" stamp as made.
            .values(updated_at=c.c.updated_at, updated_by=c.c.updated_by)
        )
        maker.committee(committee_id, name, seats[committee_id], first, months_before + months_after)
    for table, rows in ((tables.meeting_series, maker.series), (tables.meetings, maker.meetings),
                        (tables.meetings, maker.support), (tables.attendance, maker.attendance),
                        (tables.meeting_actions, maker.actions)):  # fmt: skip
        if rows:
            session.execute(insert(table), rows)
    return MeetingsMade(
        len(maker.series), len(maker.meetings) + len(maker.support), len(maker.attendance), len(maker.actions)
    )
