"""A meeting's compliance (notice, papers, quorum, attendance) in plain words, for the form and its tabs."""

from __future__ import annotations

from partnerdesk.i18n import ngettext
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
        lines.append(f"Notice: not sent yet (at least {_days(notice_period)} are needed).")
    elif c.notice_late:
        lines.append(f"Notice: LATE — sent {_days(c.notice_days)} before, under the {_days(notice_period)} needed. "
                     "Please record why.")
    else:
        lines.append(f"Notice: sent {_days(c.notice_days)} before — on time.")
    if c.papers_received_days is not None:
        late = " — late" if c.papers_received_late else ""
        lines.append(f"Papers arrived from the committee {_days(c.papers_received_days)} before{late}.")
    if c.invited:
        text = f"Papers sent to {c.papers_sent} of {c.invited} invited"
        if c.papers_late:
            text += f"; {c.papers_late} LATE (under {_days(papers_period)})"
        if c.format_missed:
            text += f"; {c.format_missed} NOT in the format they asked for"
        lines.append(text + ".")
    if not quorum_applies:
        pass
    elif c.quorum_needed is None:
        lines.append("Quorum: no quorum has been agreed for this committee.")
    elif c.quorate is None:
        lines.append(f"Quorum: {c.quorum_needed} of {c.members} members needed; attendance not recorded yet.")
    else:
        verdict = "enough members were there" if c.quorate else "NOT enough members were there"
        lines.append(f"Quorum: {verdict} — {c.present_members} present, {c.quorum_needed} of {c.members} needed.")
    if c.invited and c.invited != c.unrecorded:
        lines.append(f"Attendance: {c.attended} attended, {c.apologies} apologies, {c.absent} absent, "
                     f"{c.sent_views} sent views, {c.unrecorded} not recorded.")
    return lines
