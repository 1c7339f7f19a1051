"""A meeting's compliance (notice, papers, quorum, attendance) in plain words, for the form and its tabs."""

from __future__ import annotations

from partnerdesk.i18n import _, ngettext
from partnerdesk.services.meetings.checks import MeetingCompliance


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def describe_compliance(
    c: MeetingCompliance, notice_period: int, papers_period: int, quorum_applies: bool = True
) -> list[str]:
    """One line each for notice, papers and quorum. quorum_applies is False for a meeting that has no quorum by its
    kind (a pre-meeting, debrief or local group): then nothing is said about quorum at all, since "no quorum
    agreed" would read as something the worker forgot to set up."""
    lines = []
    if c.notice_days is None:
        lines.append(_("Notice: not sent yet (at least {days} are needed).").format(days=_days(notice_period)))
    elif c.notice_late:
        lines.append(_("Notice: LATE — sent {days} before, under the {days2} needed. Please record why.").format(
            days=_days(c.notice_days),
            days2=_days(notice_period),
        ))
    else:
        lines.append(_("Notice: sent {days} before — on time.").format(days=_days(c.notice_days)))
    if c.papers_received_days is not None:
        late = _(" — late") if c.papers_received_late else ""
        lines.append(_("Papers arrived from the committee {days} before{late}.").format(
            days=_days(c.papers_received_days),
            late=late,
        ))
    if c.invited:
        text = _("Papers sent to {papers_sent} of {invited} invited").format(
            papers_sent=c.papers_sent,
            invited=c.invited,
        )
        if c.papers_late:
            text += _("; {papers_late} LATE (under {days})").format(
                papers_late=c.papers_late,
                days=_days(papers_period),
            )
        if c.format_missed:
            text += _("; {format_missed} NOT in the format they asked for").format(
                format_missed=c.format_missed,
            )
        lines.append(text + ".")
    if not quorum_applies:
        pass
    elif c.quorum_needed is None:
        lines.append(_("Quorum: no quorum has been agreed for this committee."))
    elif c.quorate is None:
        lines.append(_("Quorum: {quorum_needed} of {members} members needed; attendance not recorded yet.").format(
            quorum_needed=c.quorum_needed,
            members=c.members,
        ))
    else:
        verdict = _("enough members were there") if c.quorate else _("NOT enough members were there")
        lines.append(_("Quorum: {verdict} — {present_members} present, {quorum_needed} of {members} needed.").format(
            verdict=verdict,
            present_members=c.present_members,
            quorum_needed=c.quorum_needed,
            members=c.members,
        ))
    if c.invited and c.invited != c.unrecorded:
        lines.append(_(
            "Attendance: {attended} attended, {apologies} apologies, {absent} absent, {sent_views} "
            "sent views, {unrecorded} not recorded."
        ).format(
            attended=c.attended,
            apologies=c.apologies,
            absent=c.absent,
            sent_views=c.sent_views,
            unrecorded=c.unrecorded,
        ))
    return lines
