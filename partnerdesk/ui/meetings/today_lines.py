"""The meetings sections of the Today page: the next fortnight with what is due, overdue actions, and recent
meetings still missing attendance, minutes or a debrief."""

from __future__ import annotations

from partnerdesk.i18n import N_, _, short_date
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.meetings import LOOKAHEAD_DAYS, uk_times
from partnerdesk.rules.reminders import days_until
from partnerdesk.services.meetings.today import TodayMeeting, today_meetings
from partnerdesk.ui.today.sections import Line, Section, TodayGroup


def _when(m: TodayMeeting) -> str:
    day, start, _end = uk_times(m.starts_at, m.ends_at)
    return f"{short_date(day)} {start:%H:%M}"


def upcoming_line(m: TodayMeeting, today) -> str:
    """A meeting in the next fortnight and what is due for it, e.g. "… — Send papers by 10/06/2031 (overdue)"."""
    where = f" ({m.committee})" if m.committee else ""
    if not m.tasks:
        return _("{when} — {title}{where}: nothing outstanding").format(
            when=_when(m),
            title=m.title,
            where=where,
        )
    todo = []
    for task in m.tasks:
        text = task.label
        if task.due_on is not None:
            text += f" {'was due' if task.overdue(today) else 'by'} {format_uk(task.due_on)}"
        if task.detail:
            text += f" ({task.detail})"
        todo.append(text)
    return f"{_when(m)} — {m.title}{where}: " + "; ".join(todo)


def gap_line(m: TodayMeeting) -> str:
    """A past meeting and what it is still missing."""
    missing = "; ".join(task.label + (f" ({task.detail})" if task.detail else "") for task in m.tasks)
    return f"{_when(m)} — {m.title}: {missing}"


def _read(db, today) -> list[list[Line]]:
    found = today_meetings(db, today)
    upcoming = []
    for m in found.upcoming:
        late = [(today - t.due_on).days for t in m.tasks if t.due_on and t.overdue(today)]
        upcoming.append(Line(upcoming_line(m, today), "meeting", m.meeting_id, bool(late), max(late, default=0)))
    actions = [
        Line(_("{description} — {owner}, was due {due_on} ({days_until}), from “{meeting_title}”").format(
            description=a.description,
            owner=a.owner or _('nobody named'),
            due_on=format_uk(a.due_on),
            days_until=days_until(today, a.due_on),
            meeting_title=a.meeting_title,
        ), "meeting", a.meeting_id, True,
             (today - a.due_on).days, item=a.action_id)
        for a in found.overdue_actions
    ]
    gaps = [Line(gap_line(m), "meeting", m.meeting_id) for m in found.past_gaps]
    return [upcoming, actions, gaps]


MEETINGS_TODAY = TodayGroup(
    (
        Section("meetings", N_("Meetings in the next {days} days, and what is due"),
                N_("No meetings in the next {days} days."), days=LOOKAHEAD_DAYS),
        Section("actions", N_("Actions from meetings that are overdue"), N_("No actions are overdue.")),
        Section("gaps", N_("Past meetings still missing attendance, minutes or a debrief"),
                N_("Every recent meeting has its attendance, minutes and debrief.")),
    ),
    _read,
)
