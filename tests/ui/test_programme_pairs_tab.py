"""The Pairs tab, used as an organiser uses it: pairs with their hours and "Falling behind" in words, time logged
(bad times refused, nothing saved), a pair paused, ended early and its partner re-matched with the history kept, and
backfill paid as a draft claim found in the Expenses list of claims."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from partnerdesk.rules.dates import today_uk
from partnerdesk.services.programmes.pairs import pairs_of
from partnerdesk.ui.programmes.activity_dialog import ActivityDialog, typed_time
from partnerdesk.ui.programmes.pair_dialogs import BackfillDialog, PairEndDialog, RematchDialog
from partnerdesk.ui.programmes.pairs_tab import PairsTab
from partnerdesk.ui.wellbeing.common import ID_ROLE
from tests.builders import add_programme_with_pairs, count_rows
from tests.ui.steps import type_date, type_into

PROGRESS, STATUS, HOURS_B = 2, 5, 4


@pytest.fixture
def built(store):
    return add_programme_with_pairs(store, pairs=2, spare_b=1)


@pytest.fixture
def tab(qtbot, writer, built):
    host = QWidget()  # the Programmes page stands here; the tab needs nothing from it but show_programme
    qtbot.addWidget(host)
    tab = PairsTab(writer)
    QVBoxLayout(host).addWidget(tab)
    host.show()
    tab.show_programme(built.programme_id)
    yield tab  # the host lives until the test ends


def cell(tab: PairsTab, row: int, column: int) -> str:
    return tab.table.item(row, column).text()


def log(hours: str, attended: str = "both"):
    """What an organiser does in the Log time dialog: type the time, say who came, and press Log it."""

    def step(dialog: ActivityDialog) -> int:
        type_into(dialog.time, hours)
        dialog.attended.setCurrentIndex(dialog.attended.findData(attended))
        step.saved = dialog.save()  # type: ignore[attr-defined]
        step.dialog = dialog  # type: ignore[attr-defined]
        return 0

    return step


def test_the_tab_lists_each_pair_and_says_in_words_who_is_falling_behind(tab, built):
    assert tab.table.rowCount() == 2
    assert tab.table.horizontalHeaderItem(0).text() == "Established leader"
    assert tab.table.horizontalHeaderItem(HOURS_B).text() == "Aspiring leader hours"
    # 90 days into six months with nothing logged: both pairs are behind, and it says so, not only in red.
    assert cell(tab, 0, PROGRESS).startswith("Falling behind: Established leader 0 h of 7 h")
    assert cell(tab, 0, HOURS_B) == "0 h of 24 h"
    assert "2 are falling behind" in tab.summary.text()


def test_logging_time_changes_the_pairs_progress(tab, driven, store):
    tab.table.selectRow(0)
    step = log("10h")
    driven(ActivityDialog, step)
    tab.log_button.click()
    assert step.saved
    assert count_rows(store, "pair_activities") == 1
    assert cell(tab, 0, HOURS_B) == "10 h of 24 h"
    assert cell(tab, 0, PROGRESS) == "On track"
    assert cell(tab, 1, PROGRESS).startswith("Falling behind")
    assert "1 is falling behind" in tab.summary.text()


@pytest.mark.parametrize(("typed", "says"), [
    ("-1", "more than nothing"), ("25h", "more than 24 hours"), ("lots", "for example 1.5 or 1:30"), ("", "hours"),
])  # fmt: skip
def test_a_time_that_cannot_be_right_is_refused_in_plain_words_and_nothing_is_saved(tab, driven, store, typed, says):
    tab.table.selectRow(0)
    step = log(typed)
    driven(ActivityDialog, step)
    tab.log_button.click()
    assert not step.saved
    assert says in step.dialog.fields.messages["time"].text()
    assert count_rows(store, "pair_activities") == 0


def test_more_than_24_hours_for_a_pair_on_one_day_is_refused(tab, driven, store):
    tab.table.selectRow(0)
    for typed in ("20h", "4h30"):
        step = log(typed)
        driven(ActivityDialog, step)
        tab.log_button.click()
    assert not step.saved
    assert "more than 24 hours for this pair on one day" in step.dialog.fields.messages["time"].text()
    assert count_rows(store, "pair_activities") == 1


def test_times_are_read_as_people_type_them():
    assert [typed_time(t) for t in ("1h30", "1 h 30 min", "2 hours", "45 min", "90m")] == [90, 90, 120, 45, 90]
    assert typed_time(" 1.5 ") == "1.5"  # hours, as the programme service reads them


def test_a_pair_can_be_paused_and_resumed(tab, store):
    tab.table.selectRow(0)
    tab.pause_button.click()
    assert cell(tab, 0, STATUS) == "Paused"
    assert tab.pause_button.text() == "Res&ume"
    tab.pause_button.click()
    assert cell(tab, 0, STATUS) == "Active"


def test_ending_a_pair_early_and_re_matching_the_partner_who_stays_keeps_the_history(tab, driven, store, built):
    tab.table.selectRow(0)

    def end(dialog: PairEndDialog) -> int:
        type_date(dialog.on, today_uk())
        type_into(dialog.reason, "A partner changed job")
        assert dialog.save()
        return 0

    driven(PairEndDialog, end)
    tab.end_button.click()
    assert cell(tab, 0, STATUS) == "Ended early"
    assert cell(tab, 0, PROGRESS) == "Finished"
    assert not tab.end_button.isEnabled() and tab.rematch_button.isEnabled()
    spare = built.side_b[-1]

    def pick(dialog: RematchDialog) -> int:
        dialog.staying.setCurrentIndex(dialog.staying.findData(built.side_a[0]))
        # The spare applicant (not the partner who left: someone who left is not offered back).
        assert [dialog.table.item(r, 0).data(ID_ROLE) for r in range(dialog.table.rowCount())] == [spare]
        assert "Both care about housing." in dialog.table.item(0, 2).text()
        dialog.table.selectRow(0)
        assert dialog.save()
        return 0

    driven(RematchDialog, pick)
    tab.rematch_button.click()
    assert tab.table.rowCount() == 3
    statuses = sorted(cell(tab, r, STATUS) for r in range(3))
    assert statuses == ["Active", "Active, new partner", "Ended early, re-matched"]
    with store.reader() as session:
        pairs = pairs_of(session, built.programme_id)
        new = [p for p in pairs if p.replaces_id == built.pairs[0]]
        assert len(new) == 1 and new[0].side_a_person_id == built.side_a[0] and new[0].side_b_person_id == spare


def test_a_pair_end_needs_a_date_and_saves_nothing_without_one(tab, driven, store, built):
    tab.table.selectRow(0)

    def end(dialog: PairEndDialog) -> int:
        type_into(dialog.on, "")
        end.saved = dialog.save()  # type: ignore[attr-defined]
        end.message = dialog.fields.messages["ends_on"].text()  # type: ignore[attr-defined]
        return 0

    driven(PairEndDialog, end)
    tab.end_button.click()
    assert not end.saved and "day the pair ended" in end.message  # type: ignore[attr-defined]
    assert cell(tab, 0, STATUS) == "Active"


def test_backfill_due_becomes_a_draft_claim_found_in_the_claims_list(tab, driven, writer, store, built, qtbot):
    from partnerdesk.ui.expenses.list_page import ClaimsListPage
    from partnerdesk.ui.feedback import find_row

    claims = ClaimsListPage(writer)
    qtbot.addWidget(claims)
    claims.show()
    tab.table.selectRow(0)
    driven(ActivityDialog, log("3h"))  # a buddy meeting: the leader is away from work for one half day
    tab.log_button.click()
    told: list[str] = []
    writer.told.connect(told.append)

    def claim(dialog: BackfillDialog) -> int:
        assert dialog.table.rowCount() == 2  # the two paired leaders on the paid side
        row = next(r for r in range(2) if dialog.due.get(dialog.table.item(r, 0).data(ID_ROLE)))
        assert "£175.00 (1 half day)" in dialog.table.item(row, 3).text()
        dialog.table.selectRow(row)
        claim.made = dialog.create_claim()  # type: ignore[attr-defined]
        assert dialog.table.item(row, 3).text() == "Nothing due"
        assert not dialog.create.isEnabled()  # nothing left to claim for them
        return 0

    driven(BackfillDialog, claim)
    tab.backfill_button.click()
    made = claim.made  # type: ignore[attr-defined]
    assert made is not None
    assert any("It is in Expenses" in text for text in told)
    assert find_row(claims.table, made) is not None
    assert claims.table.currentIndex().row() == find_row(claims.table, made)
    assert count_rows(store, "claims") == 1


def test_with_no_programme_chosen_the_tab_says_what_to_do(tab):
    tab.show_programme(None)
    assert tab.table.rowCount() == 0
    assert not tab.log_button.isEnabled() and not tab.backfill_button.isEnabled()


def test_backfill_for_someone_who_prefers_no_pay_for_time_asks_first_and_no_means_nothing_saved(
    tab, driven, store, built, dialogs
):
    import sqlite3

    leader = built.side_b[0]
    with sqlite3.connect(store.path) as db:
        db.execute("update people set payment_preference = 'expenses_only' where id = ?", (leader,))
    driven(ActivityDialog, log("3h"))
    tab.table.selectRow(0)
    tab.table.doubleClicked.emit(tab.table.model().index(0, 0))  # a double-click on a pair logs time for it
    assert count_rows(store, "pair_activities") == 1

    def claim(dialog: BackfillDialog) -> int:
        row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).data(ID_ROLE) == leader)
        dialog.table.selectRow(row)
        claim.made = dialog.create_claim()  # type: ignore[attr-defined]
        return 0

    driven(BackfillDialog, claim)
    tab.backfill_button.click()
    assert claim.made is None  # type: ignore[attr-defined]
    assert dialogs.asked and "Do you want to go ahead anyway?" in dialogs.asked[-1]
    assert count_rows(store, "claims") == 0


def test_a_completed_pair_stays_in_the_list_and_can_no_longer_be_paused_or_ended(tab, driven):
    tab.table.selectRow(1)

    def complete(dialog: PairEndDialog) -> int:
        assert dialog.save()
        return 0

    driven(PairEndDialog, complete)
    tab.complete_button.click()
    assert [cell(tab, r, STATUS) for r in range(2)] == ["Active", "Completed"]
    tab.table.selectRow(1)
    assert cell(tab, 1, PROGRESS) == "Finished"
    assert not (tab.pause_button.isEnabled() or tab.end_button.isEnabled() or tab.rematch_button.isEnabled())
    assert "1 pair going, 1 finished" in tab.summary.text()
