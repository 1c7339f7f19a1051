"""The wellbeing sections of the Today page: follow-ups due or overdue, supervision due within a week or overdue,
training running out, and representatives with no debrief check after a meeting. Overdue lines say so (see Line.red).
"""

from __future__ import annotations

from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.reminders import days_until
from partnerdesk.rules.supervision import DUE_WINDOW_DAYS, EXPIRING_WINDOW_DAYS
from partnerdesk.services.wellbeing.today import wellbeing_today
from partnerdesk.ui.today.sections import Line, Section, TodayGroup


def _late(today, due_on) -> int:
    return (today - due_on).days if due_on else 0


def _follow_up(item, today) -> Line:
    why = "after distress" if item.distress else "after a wellbeing check"
    by = f", by {item.follow_up_by}" if item.follow_up_by else ""
    if item.follow_up_status == "overdue":
        text = f"{item.person_name}: follow-up {why} is overdue, was due {format_uk(item.follow_up_due_on)} " \
               f"({days_until(today, item.follow_up_due_on)}){by}"  # fmt: skip
        return Line(text, "wellbeing_check", item.check_id, True, _late(today, item.follow_up_due_on), item.distress)
    return Line(f"{item.person_name}: follow-up {why} due today{by}", "wellbeing_check", item.check_id)


def _supervision(item, today) -> Line:
    last = f"last 1:1 {format_uk(item.last_session_on)}" if item.last_session_on else "no 1:1 yet"
    if item.status == "overdue":
        text = f"{item.supervisee_name}: supervision with {item.supervisor_name} is overdue, was due " \
               f"{format_uk(item.due_on)} ({days_until(today, item.due_on)}); {last}"  # fmt: skip
        return Line(text, "supervision_pair", item.pair_id, True, _late(today, item.due_on))
    return Line(f"{item.supervisee_name}: supervision with {item.supervisor_name} due {format_uk(item.due_on)} "
                f"({days_until(today, item.due_on)}); {last}", "supervision_pair", item.pair_id)  # fmt: skip


def _training(item, today) -> Line:
    if item.status == "expired":
        return Line(f"{item.person_name}: {item.course_name} ran out {format_uk(item.expires_on)} "
                    f"({days_until(today, item.expires_on)}) — overdue for renewal", "training_person",
                    item.person_id, True, _late(today, item.expires_on),
                    item=f"{item.person_id}:{item.course_id}")  # fmt: skip
    return Line(f"{item.person_name}: {item.course_name} runs out {format_uk(item.expires_on)} "
                f"({days_until(today, item.expires_on)})", "training_person", item.person_id,
                item=f"{item.person_id}:{item.course_id}")  # fmt: skip


def _read(db, today) -> list[list[Line]]:
    found = wellbeing_today(db, today)
    debriefs = [Line(f"{m.person_name}: no debrief yet after “{m.meeting_title}” on {format_uk(m.meeting_day)}",
                     "debrief", m.meeting_id, item=f"{m.meeting_id}:{m.person_id}")
                for m in found.missing_debriefs]  # fmt: skip
    return [
        [_follow_up(item, today) for item in found.follow_ups],
        [_supervision(item, today) for item in found.supervision],
        [_training(item, today) for item in found.training],
        debriefs,
    ]


WELLBEING_TODAY = TodayGroup(
    (
        Section("follow_ups", "Wellbeing follow-ups due today or overdue", "No wellbeing follow-ups are due.",
                stretch=False),
        Section("supervision", f"Supervision due in the next {DUE_WINDOW_DAYS} days or overdue",
                "No supervision is due.", stretch=False),
        Section("training", f"Training running out in the next {EXPIRING_WINDOW_DAYS} days, or run out",
                "No training is running out.", stretch=False),
        Section("debriefs", "Representatives with no debrief yet after a meeting",
                "Everyone who attended a recent meeting has had a debrief.", stretch=False),
    ),
    _read,
)
