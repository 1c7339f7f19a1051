"""The wellbeing sections of the Today page: follow-ups due or overdue, supervision due within a week or overdue,
training running out, and representatives with no debrief check after a meeting. Overdue lines say so (see Line.red).
"""

from __future__ import annotations

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.reminders import days_until
from partnerdesk.rules.supervision import DUE_WINDOW_DAYS, EXPIRING_WINDOW_DAYS
from partnerdesk.services.wellbeing.today import wellbeing_today
from partnerdesk.ui.today.sections import Line, Section, TodayGroup


def _late(today, due_on) -> int:
    return (today - due_on).days if due_on else 0


def _follow_up(item, today) -> Line:
    why = _("after distress") if item.distress else _("after a wellbeing check")
    by = _(", by {follow_up_by}").format(follow_up_by=item.follow_up_by) if item.follow_up_by else ""
    if item.follow_up_status == "overdue":
        text = _("{person_name}: follow-up {why} is overdue, was due {follow_up_due_on} ({days_until}){by}").format(
            person_name=item.person_name,
            why=why,
            follow_up_due_on=format_uk(item.follow_up_due_on),
            days_until=days_until(today, item.follow_up_due_on),
            by=by,
        )  # fmt: skip
        return Line(text, "wellbeing_check", item.check_id, True, _late(today, item.follow_up_due_on), item.distress)
    return Line(_("{person_name}: follow-up {why} due today{by}").format(
        person_name=item.person_name,
        why=why,
        by=by,
    ), "wellbeing_check", item.check_id)


def _supervision(item, today) -> Line:
    last = (
        _("last 1:1 {last_session_on}").format(last_session_on=format_uk(item.last_session_on))
        if item.last_session_on
        else _("no 1:1 yet")
    )
    if item.status == "overdue":
        text = _(
            "{supervisee_name}: supervision with {supervisor_name} is overdue, was due {due_on} "
            "({days_until}); {last}"
        ).format(
            supervisee_name=item.supervisee_name,
            supervisor_name=item.supervisor_name,
            due_on=format_uk(item.due_on),
            days_until=days_until(today, item.due_on),
            last=last,
        )  # fmt: skip
        return Line(text, "supervision_pair", item.pair_id, True, _late(today, item.due_on))
    return Line(_("{supervisee_name}: supervision with {supervisor_name} due {due_on} ({days_until}); {last}").format(
        supervisee_name=item.supervisee_name,
        supervisor_name=item.supervisor_name,
        due_on=format_uk(item.due_on),
        days_until=days_until(today, item.due_on),
        last=last,
    ), "supervision_pair", item.pair_id)  # fmt: skip


def _training(item, today) -> Line:
    if item.status == "expired":
        return Line(_("{person_name}: {course_name} ran out {expires_on} ({days_until}) — overdue for renewal").format(
            person_name=item.person_name,
            course_name=item.course_name,
            expires_on=format_uk(item.expires_on),
            days_until=days_until(today, item.expires_on),
        ), "training_person",
                    item.person_id, True, _late(today, item.expires_on),
                    item=f"{item.person_id}:{item.course_id}")  # fmt: skip
    return Line(_("{person_name}: {course_name} runs out {expires_on} ({days_until})").format(
        person_name=item.person_name,
        course_name=item.course_name,
        expires_on=format_uk(item.expires_on),
        days_until=days_until(today, item.expires_on),
    ), "training_person", item.person_id,
                item=f"{item.person_id}:{item.course_id}")  # fmt: skip


def _read(db, today) -> list[list[Line]]:
    found = wellbeing_today(db, today)
    debriefs = [Line(_("{person_name}: no debrief yet after “{meeting_title}” on {meeting_day}").format(
        person_name=m.person_name,
        meeting_title=m.meeting_title,
        meeting_day=format_uk(m.meeting_day),
    ),
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
        Section("follow_ups", N_("Wellbeing follow-ups due today or overdue"), N_("No wellbeing follow-ups are due."),
                stretch=False),
        Section("supervision", N_("Supervision due in the next {days} days or overdue"),
                N_("No supervision is due."), stretch=False, days=DUE_WINDOW_DAYS),
        Section("training", N_("Training running out in the next {days} days, or run out"),
                N_("No training is running out."), stretch=False, days=EXPIRING_WINDOW_DAYS),
        Section("debriefs", N_("Representatives with no debrief yet after a meeting"),
                N_("Everyone who attended a recent meeting has had a debrief."), stretch=False),
    ),
    _read,
)
