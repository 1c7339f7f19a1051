"""Meeting rules: London times, notice and papers compliance, quorum, and what is due before and after a meeting.

Pure functions: no database, no Qt. The notice and papers periods are organisation settings (services.settings)
and are passed in; the defaults live there, not here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple, TypeGuard

from partnerdesk.i18n import _, ngettext
from partnerdesk.rules.dates import UK, format_uk

#: The Today page shows meetings from today to this many days ahead…
LOOKAHEAD_DAYS = 14
#: …and past meetings this far back that still miss attendance, minutes or a debrief.
LOOKBACK_DAYS = 90
#: Representatives are reminded of the time and date this many days before.
REMINDER_DAYS_BEFORE = 2

# Which kinds of meeting each duty applies to (codes from records.vocab.MEETING_KINDS). Pre-meetings, debriefs and
# buddy meetings are arranged around other meetings, informally, so formal notice is not tracked for them.
NOTICE_KINDS = frozenset({"committee", "local_group", "workshop", "steering_group", "other"})
PAPERS_KINDS = frozenset({"committee", "steering_group"})
#: Meetings representatives are prepared for (a pre-meeting) and supported after (a debrief).
SUPPORTED_KINDS = frozenset({"committee", "steering_group"})
MINUTED_KINDS = frozenset({"committee", "steering_group", "local_group"})
#: Kinds that must be quorate: the committee's own formal meetings. A pre-meeting or debrief is the worker's
#: meeting with representatives around the committee's, so the committee's quorum says nothing about it.
QUORUM_KINDS = frozenset({"committee", "steering_group"})
#: Kinds that must point at the meeting they serve.
SERVING_KINDS = frozenset({"pre_meeting", "debrief"})

# --- London time --------------------------------------------------------------------------------------------------


def uk_moment(day: date, at: time) -> datetime:
    """The UTC moment of a London date and time of day, correct either side of the clock changes.

    In the hour that happens twice (the last Sunday of October, 01:00–01:59) the first one, still summer time, is
    taken. A time that does not happen (the last Sunday of March, 01:00–01:59) raises ValueError saying so.
    """
    local = datetime.combine(day, at.replace(tzinfo=None), tzinfo=UK)  # fold=0: the first of a repeated hour
    moment = local.astimezone(UTC)
    if moment.astimezone(UK).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ValueError(
            _(
                "{at:%H:%M} does not exist on {day}: the clocks go forward an hour that night. Please "
                "choose another time."
            ).format(
                at=at,
                day=format_uk(day),
            )
        )
    return moment


def uk_date(moment: datetime) -> date:
    """The London date of a stored moment."""
    return moment.astimezone(UK).date()


def uk_times(starts_at: datetime, ends_at: datetime) -> tuple[date, time, time]:
    """A meeting's London date, start time and end time, as people type them."""
    start, end = starts_at.astimezone(UK), ends_at.astimezone(UK)
    return start.date(), start.time().replace(tzinfo=None), end.time().replace(tzinfo=None)


# --- Notice and papers --------------------------------------------------------------------------------------------


def days_before(meeting_day: date, sent_on: date | None) -> int | None:
    """Whole days between sending something and the meeting (the meeting day minus the day sent); None if unsent."""
    if sent_on is None:
        return None
    return (meeting_day - sent_on).days


class Periods(NamedTuple):
    """The least notice of a meeting and the least time to read its papers, in days."""

    notice_days: int
    papers_days: int


def periods_for(default: Periods, own_notice: int | None, own_papers: int | None) -> Periods:
    """The periods a meeting is held to: its committee's organisation's own where it has set one (an NHS board may
    ask for more notice), otherwise the default. Each period is chosen on its own, so an organisation can set only
    its notice."""
    return Periods(
        default.notice_days if own_notice is None else own_notice,
        default.papers_days if own_papers is None else own_papers,
    )


def is_late(days: int | None, period: int) -> bool | None:
    """True when fewer days were given than the period asks; None when nothing was sent yet."""
    if days is None:
        return None
    return days < period


def format_met(sent_format: str | None, wanted_format: str | None) -> bool | None:
    """Whether papers went in the format the person asked for (codes from vocab.PAPER_FORMATS).

    None when no papers were sent; True when the person has not asked for any particular format.
    """
    if sent_format is None:
        return None
    if wanted_format is None:
        return True
    return sent_format == wanted_format


# --- Quorum -------------------------------------------------------------------------------------------------------


class QuorumRule(NamedTuple):
    """A committee's quorum: a number of members, or a fraction (numerator/denominator) of current members."""

    number: int | None = None
    numerator: int | None = None
    denominator: int | None = None

    @property
    def is_set(self) -> bool:
        """True when the committee has agreed a quorum."""
        return self.number is not None or (self.numerator is not None and self.denominator is not None)


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def quorum_rule_problems(rule: QuorumRule, members: int) -> dict[str, str]:
    """What is wrong with a quorum rule for a committee with this many current members; empty when it is fine.

    Leaving everything blank is fine: it means no quorum has been agreed.
    """
    fraction_given = rule.numerator is not None or rule.denominator is not None
    if rule.number is not None and fraction_given:
        return {"quorum_number": _("Please give either a number of members or a fraction of them, not both.")}
    if rule.number is not None:
        if not _whole(rule.number) or rule.number < 1:
            return {"quorum_number": _("Please give the quorum as a whole number of members, 1 or more.")}
        if rule.number > members:
            have = ngettext("{n} current member", "{n} current members", members).format(n=members)
            return {"quorum_number": _("The committee has only {have}, so the quorum can't be {number}.").format(
                have=have,
                number=rule.number,
            )}
    if fraction_given:
        if not (_whole(rule.numerator) and _whole(rule.denominator)) or rule.numerator < 1 or rule.denominator < 1:
            return {"quorum_denominator": _("Please give the fraction as two whole numbers, for example 1 and 3.")}
        if rule.numerator > rule.denominator:
            return {"quorum_numerator": _("A quorum can't be more than all of the members.")}
    return {}


def read_quorum(text: str) -> tuple[QuorumRule, str | None]:
    """A quorum as a person types it: a number of members ("4"), a share of them ("1/3"), or blank for none agreed.
    Returns the rule and None, or an empty rule and a plain message."""
    words = (text or "").replace(" ", "")
    if not words:
        return QuorumRule(), None
    top, slash, bottom = words.partition("/")
    if top.isdigit() and not slash:
        return QuorumRule(number=int(top)), None
    if top.isdigit() and bottom.isdigit():
        return QuorumRule(numerator=int(top), denominator=int(bottom)), None
    return QuorumRule(), _("Please type a number of members, such as 4, or a share of them, such as 1/3.")


def quorum_as_text(rule: QuorumRule) -> str:
    """A quorum as read_quorum takes it back: "4", "1/3", or "" when none is agreed."""
    if rule.number is not None:
        return str(rule.number)
    if rule.numerator is not None and rule.denominator is not None:
        return f"{rule.numerator}/{rule.denominator}"
    return ""


def quorum_needed(rule: QuorumRule, members: int) -> int | None:
    """How many members must be present; None when no quorum is agreed.

    A fraction is rounded up (a third of 10 members is 4) and is never less than 1.
    """
    if rule.number is not None:
        return rule.number
    if rule.numerator is None or rule.denominator is None:
        return None
    return max(1, -(-members * rule.numerator // rule.denominator))  # ceiling, in whole numbers


def is_quorate(rule: QuorumRule, members: int, present: int) -> bool | None:
    """Whether enough members were present; None when no quorum is agreed."""
    needed = quorum_needed(rule, members)
    return None if needed is None else present >= needed


def describe_quorum(rule: QuorumRule) -> str:
    """The rule in words: "4 members", "1/3 of the members", or "No quorum agreed"."""
    if rule.number is not None:
        return ngettext("{n} member", "{n} members", rule.number).format(n=rule.number)
    if rule.numerator is not None and rule.denominator is not None:
        return _("{numerator}/{denominator} of the members").format(
            numerator=rule.numerator,
            denominator=rule.denominator,
        )
    return _("No quorum agreed")


# --- What is due --------------------------------------------------------------------------------------------------


class MeetingFacts(NamedTuple):
    """What the Today page knows about one meeting, gathered by the service in a few queries."""

    kind: str
    day: date  # London date
    notice_sent_on: date | None = None
    reminders_sent_on: date | None = None
    minutes_sent_on: date | None = None
    invited: int = 0
    awaiting_papers: int = 0  # invited, not sent apologies, no papers sent yet
    apologies: int = 0
    backups_standing_in: int = 0  # back-ups invited who have not sent apologies
    unrecorded: int = 0  # invited with no attendance recorded
    has_pre_meeting: bool = False
    has_debrief: bool = False


class Task(NamedTuple):
    """One thing to do for a meeting. due_on is the last day to do it in time (None: as soon as possible)."""

    code: str
    label: str
    due_on: date | None = None
    detail: str = ""

    def overdue(self, today: date) -> bool:
        """True once the last good day has passed."""
        return self.due_on is not None and self.due_on < today


def _people(n: int) -> str:
    return ngettext("{n} representative", "{n} representatives", n).format(n=n)


def tasks_before(facts: MeetingFacts, notice_days: int, papers_days: int) -> list[Task]:
    """What still needs doing before an upcoming meeting, in the order it is usually done."""
    tasks = []
    if facts.kind in NOTICE_KINDS and facts.notice_sent_on is None:
        tasks.append(Task("send_notice", _("Send notice"), facts.day - timedelta(days=notice_days)))
    if facts.kind in PAPERS_KINDS and facts.awaiting_papers:
        due = facts.day - timedelta(days=papers_days)
        tasks.append(
            Task(
                "send_papers",
                _("Send papers"),
                due,
                _("{people} still to get them").format(people=_people(facts.awaiting_papers)),
            )
        )
    if facts.kind in SUPPORTED_KINDS and not facts.has_pre_meeting:
        tasks.append(Task("arrange_pre_meeting", _("Arrange a pre-meeting"), facts.day - timedelta(days=1)))
    if facts.apologies > facts.backups_standing_in:
        missing = facts.apologies - facts.backups_standing_in
        tasks.append(
            Task(
                "find_backup",
                _("Find a back-up"),
                facts.day,
                _("{people} sent apologies").format(people=_people(missing)),
            )
        )
    if facts.invited - facts.apologies > 0 and facts.reminders_sent_on is None:
        due = facts.day - timedelta(days=REMINDER_DAYS_BEFORE)
        tasks.append(Task("send_reminders", _("Remind representatives of the time and date"), due))
    return tasks


def gaps_after(facts: MeetingFacts) -> list[Task]:
    """What a past meeting is still missing: attendance, minutes, a debrief."""
    gaps = []
    if facts.unrecorded or (facts.invited == 0 and facts.kind in SUPPORTED_KINDS):
        detail = (
            _("not recorded for {people}").format(people=_people(facts.unrecorded))
            if facts.unrecorded
            else _("nobody recorded")
        )
        gaps.append(Task("record_attendance", _("Record attendance"), detail=detail))
    if facts.kind in MINUTED_KINDS and facts.minutes_sent_on is None:
        gaps.append(Task("send_minutes", _("Minutes not sent yet")))
    if facts.kind in SUPPORTED_KINDS and not facts.has_debrief:
        gaps.append(Task("arrange_debrief", _("Arrange a debrief and wellbeing check")))
    return gaps
