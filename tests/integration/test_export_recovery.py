"""No hidden count in any anonymised sheet can be worked out from what the sheet publishes.

tests/unit/test_disclosure.py proves the rule on arbitrary tables; this proves each anonymised sheet uses it on
the right tables. For the wellbeing and supervision sheets and the meetings sheet without names, random figures go
through the very code that writes the sheet's rows; the published figures are read back the way a reader would
(a percentage with its base gives the part away, a total and its parts give a missing part away) and the unit
test's recovery check looks for any small count (1 to threshold − 1) that some sum or difference pins down.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerdesk.exports import figures as figure_sheets
from partnerdesk.exports.meetings import ANONYMISED_COLUMNS, _row
from partnerdesk.rules.disclosure import HIDDEN, NONE, THRESHOLD, Policy, Published
from partnerdesk.rules.supervision import SESSION_TYPES
from partnerdesk.rules.wellbeing import CHECK_CONTEXTS
from partnerdesk.services.meetings.checks import MeetingCompliance
from partnerdesk.services.wellbeing.figures import SupervisionFigures, WellbeingFigures
from tests.unit.test_disclosure import recovered

DAY = date(2026, 2, 16)
counts = st.integers(0, 14)
policies = st.integers(2, 8).map(lambda threshold: Policy(THRESHOLD, threshold))


def _small(value: int, policy: Policy) -> bool:
    return 0 < value < policy.threshold


def assert_parts_safe(parts: list[int], shown_parts: list, shown_total, policy: Policy) -> None:
    """Parts of one total as a reader sees them (None for a part the sheet never prints): no small part can be
    worked out, and every printed figure is the exact one or hidden."""
    cells = tuple(HIDDEN if shown is None else shown for shown in shown_parts)
    for exact, shown in zip([*parts, sum(parts)], [*cells, shown_total], strict=True):
        assert shown in (exact, HIDDEN)
        assert not (_small(exact, policy) and shown != HIDDEN)
    published = Published(cells=(cells,), row_totals=(shown_total,), column_totals=None, grand_total=None)
    leaks = [name for name in recovered([parts], published) if _small(parts[name[2]], policy)]
    assert leaks == [], f"a small count can be worked out: {leaks}"


def assert_share_safe(part: int, whole: int, shown_part, shown_whole, percent: str, policy: Policy) -> None:
    """A part of a whole printed as a count and/or a percentage: a shown percentage with its base gives the part."""
    known_part = part if percent not in (HIDDEN, NONE) or shown_part not in (None, HIDDEN) else None
    if shown_part is not None:
        assert shown_part in (part, HIDDEN)
    assert_parts_safe([part, whole - part], [known_part, None], shown_whole, policy)


def assert_count_safe(exact: int, shown, policy: Policy) -> None:
    assert shown == (HIDDEN if _small(exact, policy) else exact)


@settings(max_examples=150, deadline=None)
@given(by_kind=st.lists(counts, min_size=len(CHECK_CONTEXTS), max_size=len(CHECK_CONTEXTS)), due=counts,
       on_time=counts, two_scores=counts, policy=policies)  # fmt: skip
def test_the_wellbeing_sheet_gives_no_hidden_count_away(by_kind, due, on_time, two_scores, policy):
    on_time = min(on_time, due)
    found = WellbeingFigures(dict(zip(CHECK_CONTEXTS, by_kind, strict=True)), 3, due, on_time, two_scores,
                             Decimal(two_scores), 1, 0)  # fmt: skip
    with pytest.MonkeyPatch.context() as patch:  # the figures as if counted from the database
        patch.setattr(figure_sheets, "wellbeing_figures", lambda *args: found)
        rows = dict(figure_sheets.wellbeing_rows(None, None, None, DAY, policy))  # type: ignore[arg-type]
    shown = [rows[f"Checks: {label}"] for label in CHECK_CONTEXTS.values()]
    assert_parts_safe(by_kind, shown, rows["Wellbeing checks done"], policy)
    assert_share_safe(on_time, due, None, rows["Follow-ups due in the period"], rows["Follow-ups completed on time"],
                      policy)  # fmt: skip
    assert_count_safe(two_scores, rows["People with two or more SWEMWBS scores"], policy)


@settings(max_examples=150, deadline=None)
@given(sessions=st.lists(counts, min_size=len(SESSION_TYPES), max_size=len(SESSION_TYPES)), earlier=counts,
       on_time=counts, agreed=counts, done=counts, expected=counts, in_date=counts, policy=policies)  # fmt: skip
def test_the_supervision_sheets_give_no_hidden_count_away(
    sessions, earlier, on_time, agreed, done, expected, in_date, policy
):
    on_time, done, in_date = min(on_time, earlier), min(done, agreed), min(in_date, expected)
    found = SupervisionFigures(dict(zip(SESSION_TYPES, sessions, strict=True)), earlier, on_time, 2, 1, agreed, done,
                               [("Safeguarding Adults", expected, in_date)])  # fmt: skip
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(figure_sheets, "supervision_figures", lambda *args: found)
        listed, training = figure_sheets.supervision_rows(None, None, None, DAY, policy)  # type: ignore[arg-type]
    rows = dict(listed)
    for label, exact in zip(SESSION_TYPES.values(), sessions, strict=True):
        assert_count_safe(exact, rows[f"{label} supervision sessions held"], policy)
    assert_share_safe(on_time, earlier, None, rows["1:1 sessions after an earlier one"],
                      rows["1:1 supervision on time (by the next due date)"], policy)  # fmt: skip
    assert_share_safe(done, agreed, rows["Actions done"], rows["Actions agreed in supervision"], HIDDEN, policy)
    [(_course, shown_expected, shown_in_date, percent)] = training
    assert_share_safe(in_date, expected, shown_in_date, shown_expected, percent, policy)


@settings(max_examples=150, deadline=None)
@given(marks=st.lists(counts, min_size=5, max_size=5), papers_late=counts, format_missed=counts, policy=policies)
def test_the_meetings_sheet_without_names_gives_no_hidden_count_away(marks, papers_late, format_missed, policy):
    attended, apologies, absent, sent_views, unrecorded = marks
    check = MeetingCompliance(
        meeting_id="m1", day=DAY, notice_days=14, notice_late=False, papers_received_days=None,
        papers_received_late=None, invited=sum(marks), papers_sent=sum(marks), papers_late=papers_late,
        format_missed=format_missed, attended=attended, apologies=apologies, absent=absent, sent_views=sent_views,
        unrecorded=unrecorded, members=sum(marks), present_members=attended, quorum_needed=None, quorate=None,
    )  # fmt: skip
    meeting = SimpleNamespace(
        starts_at=datetime(2026, 2, 16, 10, tzinfo=UTC), ends_at=datetime(2026, 2, 16, 12, tzinfo=UTC),
        committee="Board", organisation="Health Board", kind="committee", title="Typed title", mode="online",
        cancelled=False,
    )  # fmt: skip
    details = SimpleNamespace(notice_sent_on=None, minutes_sent_on=None, notice_reason=None, papers_reason=None,
                              cancel_reason=None)  # fmt: skip
    row = dict(zip([c.heading for c in ANONYMISED_COLUMNS], _row(meeting, details, check, None, policy), strict=True))
    shown = [row[heading] for heading in ("Attended", "Apologies", "Absent", "Sent views")]
    assert_parts_safe(marks, [*shown, None], row["Invited"], policy)  # those not yet recorded are not printed
    assert_count_safe(papers_late, row["Papers late"], policy)
    assert_count_safe(format_missed, row["Format not met"], policy)
