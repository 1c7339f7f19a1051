"""The Summary's sections, one per area, each gathering the figures that area's services already compute.

To add an area's figures to the return: write a function here taking (session, period) and returning a Section,
and add it to SECTIONS. Nothing else changes: the spreadsheet, the Definitions sheet and the Reports page's preview
all follow SECTIONS.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.rules.disclosure import protect_parts
from partnerdesk.rules.meetings import NOTICE_KINDS, PAPERS_KINDS
from partnerdesk.rules.payments import EXPENSE_CATEGORIES
from partnerdesk.services.expenses.listing import ClaimFilter
from partnerdesk.services.expenses.totals import totals_by_category
from partnerdesk.services.meetings.checks import MeetingCompliance, compliance_for_meetings
from partnerdesk.services.meetings.listing import MeetingFilter, meetings_page
from partnerdesk.services.reports.engaged import count_engaged, representative_counts
from partnerdesk.services.reports.lines import (
    Line,
    Period,
    Section,
    money,
    people_count,
    people_share,
    plain_count,
    plain_share,
)
from partnerdesk.services.wellbeing.figures import one_to_ones_on_time, wellbeing_figures
from partnerdesk.services.wellbeing.training import training_compliance

#: Meetings held to prepare representatives for a meeting, and to support them after it (records.vocab).
SUPPORT_KINDS = ("pre_meeting", "debrief")
_CHUNK = 500


def people_section(session: Session, period: Period) -> Section:
    """People engaged, and representatives active and new."""
    active, new = representative_counts(session, period)
    policy = period.policy
    return Section(_("People"), [
        people_count("people_engaged", _("People engaged"), count_engaged(session, period), policy,
                     _("People who, in the period, attended a meeting or sent views to it, had a wellbeing check, "
                       "made an expense claim (not rejected or void) or were supervised. Each person counts once.")),
        people_count("active_representatives", _("Active representatives"), active, policy,
                     _("People with a representative role (service-user, carer or back-up) who held a committee "
                       "seat at some time in the period.")),
        people_count("new_representatives", _("New representatives"), new, policy,
                     _("Representatives whose first committee seat began in the period.")),
    ])  # fmt: skip


def period_meetings(session: Session, period: Period) -> tuple[list, dict[str, MeetingCompliance]]:
    """Every meeting dated in the period (cancelled ones too, not the Bin), in date order, with its compliance.

    Worked out once per period and session: the Summary and the Meetings sheet both need it, and compliance for a
    large organisation's year of meetings takes seconds."""
    key = (_("monitoring meetings"), period)
    if key not in session.info:
        flt = MeetingFilter(date_from=period.date_from, date_to=period.date_to, include_cancelled=True)
        found, offset = [], 0
        while chunk := meetings_page(session, flt, offset=offset, limit=_CHUNK):
            found += chunk
            offset += len(chunk)
            if len(chunk) < _CHUNK:
                break
        session.info[key] = (found, compliance_for_meetings(session, [m.id for m in found]) if found else {})
    return session.info[key]


def held_meetings(session: Session, period: Period) -> tuple[list, dict[str, MeetingCompliance]]:
    """The meetings in the period up to its end or today, whichever is sooner, not cancelled, with compliance: a
    meeting later in the quarter has not been supported yet."""
    meetings, checks = period_meetings(session, period)
    return [m for m in meetings if not m.cancelled and checks[m.id].day <= period.as_of], checks


def meetings_section(session: Session, period: Period) -> Section:
    """Meetings supported, notice and papers on time, quorate, attendance, pre-meetings and debriefs held."""
    meetings, checks = held_meetings(session, period)
    supported = [m for m in meetings if m.kind not in SUPPORT_KINDS]
    by_kind: dict[str, list[MeetingCompliance]] = {}
    for meeting in supported:
        by_kind.setdefault(meeting.kind, []).append(checks[meeting.id])
    noticed = [c for kind, found in by_kind.items() if kind in NOTICE_KINDS for c in found]
    papered = [c for kind, found in by_kind.items() if kind in PAPERS_KINDS for c in found]
    judged = [c for found in by_kind.values() for c in found if c.quorate is not None]
    every = [c for found in by_kind.values() for c in found]
    invited = sum(c.invited for c in papered)
    papers_on_time = sum(c.papers_sent - c.papers_late for c in papered)
    recorded = sum(c.attended + c.apologies + c.absent + c.sent_views for c in every)
    attended = sum(c.attended for c in every)
    policy = period.policy
    support = {kind: sum(m.kind == kind for m in meetings) for kind in SUPPORT_KINDS}
    return Section(_("Meetings"), [
        plain_count("meetings_supported", _("Meetings supported"), len(supported),
                    _("Meetings in the period that have taken place, not cancelled, other than pre-meetings and "
                      "debriefs.")),
        plain_share("notice_on_time", _("Notice sent on time"), sum(c.notice_late is False for c in noticed),
                    len(noticed),
                    _("Of the meetings that need notice, those whose notice went out at least the organisation's "
                      "notice period before. A meeting with no notice date recorded counts as not on time.")),
        people_share("papers_on_time", _("Papers sent on time"), papers_on_time, invited, policy,
                     _("Of the people invited to committee and steering group meetings, those sent papers at least "
                       "the organisation's papers period before. Nobody recorded as sent papers counts as late.")),
        plain_share("quorate", _("Meetings quorate"), sum(c.quorate is True for c in judged), len(judged),
                    _("Of the meetings with an agreed quorum and attendance recorded, those where enough members "
                      "attended.")),
        people_share("attendance", _("Attendance"), attended, recorded, policy,
                     _("Of the invitations with attendance recorded (attended, apologies, absent or sent views), "
                       "those where the person attended.")),
        plain_count("pre_meetings", _("Pre-meetings held"), support["pre_meeting"],
                    _("Pre-meetings that took place in the period, to prepare representatives for a meeting.")),
        plain_count("debriefs", _("Debriefs held"), support["debrief"],
                    _("Debriefs that took place in the period, to support representatives after a meeting.")),
    ])  # fmt: skip


def wellbeing_section(session: Session, period: Period) -> Section:
    """Wellbeing checks done and follow-ups completed on time (the wellbeing export's own figures)."""
    figures = wellbeing_figures(session, period.date_from, period.date_to, period.as_of)
    policy = period.policy
    return Section(_("Wellbeing"), [
        people_count("wellbeing_checks", _("Wellbeing checks done"), figures.checks, policy,
                     _("Wellbeing checks made in the period, of every kind.")),
        people_share("follow_ups_on_time", _("Follow-ups completed on time"), figures.follow_ups_on_time,
                     figures.follow_ups_due, policy,
                     _("Of the follow-ups agreed at checks in the period whose due date has come (or that are "
                       "done), those done by their due date.")),
    ])  # fmt: skip


def supervision_section(session: Session, period: Period) -> Section:
    """1:1 supervision held on time (the supervision export's own figure; the return needs only this one of the
    supervision figures, so it asks for it alone)."""
    with_earlier, on_time = one_to_ones_on_time(session, period.date_from, period.date_to)
    return Section(_("Supervision"), [
        people_share("supervision_on_time", _("1:1 supervision on time"), on_time, with_earlier, period.policy,
                     _("Of the 1:1 supervision sessions in the period that followed an earlier one, those held by "
                       "the next due date agreed (or the cadence for the person's role).")),
    ])  # fmt: skip


def training_section(session: Session, period: Period) -> Section:
    """Training compliance, all courses together and course by course, at the end of the period."""
    courses = training_compliance(session, period.as_of)
    policy = period.policy
    lines = [
        people_share("training", _("Training in date, all courses"), sum(c[2] for c in courses),
                     sum(c[1] for c in courses), policy,
                     _("Of the courses people are expected to have done, those in date at the end of the period (or "
                       "today, if sooner).")),
    ]  # fmt: skip
    for number, (name, expected, in_date) in enumerate(courses, start=1):
        lines.append(people_share(f"training_{number}", _("Training in date: {course}").format(course=name), in_date,
                                  expected, policy, _("As above, for one course.")))  # fmt: skip
    return Section(_("Training"), lines)


def expenses_section(session: Session, period: Period) -> Section:
    """Expenses and payments by kind of line (the expenses export's own totals), claims not rejected or void."""
    totals = totals_by_category(
        session, ClaimFilter(date_from=period.date_from, date_to=period.date_to), EXPENSE_CATEGORIES
    )
    # The number of lines of each kind is protected as parts of all lines; a kind whose count is hidden has its
    # money hidden too, and a second kind is hidden with it, so no one claim can be worked out from the total.
    shown, all_lines = protect_parts([total.count for total in totals], period.policy) if totals else ((), 0)
    lines: list[Line] = [
        money(f"expenses_{total.key}", total.name, total.total_pence, figure,
              _("Lines of this kind on claims dated in the period that were not rejected or void, drafts "
                "included."), total.count)
        for total, figure in zip(totals, shown, strict=True)
    ]  # fmt: skip
    lines.append(money("expenses_total", _("All expenses and payments"), sum(t.total_pence for t in totals),
                       all_lines, _("Every line above added up."), sum(t.count for t in totals)))  # fmt: skip
    return Section(_("Expenses and payments"), lines)


#: The Summary's sections in order: one provider per area. Programmes have no records yet; when they do, add
#: programmes_section here (programme figures: sessions run, people taking part), and the return carries them.
SECTIONS: tuple[Callable[[Session, Period], Section], ...] = (
    people_section,
    meetings_section,
    wellbeing_section,
    supervision_section,
    training_section,
    expenses_section,
)
