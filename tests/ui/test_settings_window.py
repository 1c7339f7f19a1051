"""The Settings window (Edit → Settings…): every organisation setting in one place, opened from the menu or from
the shortcuts on the Expenses and Wellbeing pages, saved together or not at all, never over someone else's save."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from partnerdesk.services.common.org_periods import organisation_periods
from partnerdesk.services.common.settings import get_setting, save_settings, set_setting
from partnerdesk.services.meetings.checks import meeting_compliance
from partnerdesk.ui.expenses.area import ExpensesArea
from partnerdesk.ui.settings.window import SettingsWindow
from partnerdesk.ui.widgets.conflict_dialog import ConflictDialog
from tests.builders import add_committee, add_meeting
from tests.integration.test_export_wellbeing import TODAY, figures, team  # noqa: F401 -- team is a fixture


@pytest.fixture
def opened(monkeypatch, qtbot) -> list[SettingsWindow]:
    """Settings windows PartnerDesk opens are shown without waiting, listed in the order opened."""
    shown = []

    def show(dialog) -> int:
        qtbot.addWidget(dialog)
        shown.append(dialog)
        dialog.show()
        return 0

    monkeypatch.setattr(SettingsWindow, "exec", show)
    return shown


def _setting(writer, key: str):
    return writer.read(lambda s: get_setting(s, key))


def test_edit_settings_opens_the_window_with_ctrl_comma_and_its_sections_by_keyboard(window, menu, opened, qtbot):
    action = next(a for top in window.menuBar().actions() if top.text() == "&Edit" for a in top.menu().actions())
    assert action.text().replace("&", "") == "Settings…" and action.shortcut() == QKeySequence("Ctrl+,")
    menu("Settings…")
    settings = opened[-1]
    assert [settings.list.item(row).text() for row in range(settings.list.count())] == [
        "Organisation", "Money", "Wellbeing", "Supervision and training", "Data"]
    assert settings.current_section().code == "organisation" and settings.focusWidget() is settings.list
    qtbot.keyClick(settings.list, Qt.Key.Key_Down)
    qtbot.keyClick(settings.list, Qt.Key.Key_Down)
    assert settings.current_section().code == "wellbeing"
    assert settings.pages.currentWidget().widget() is settings.section("wellbeing")


def test_the_page_shortcuts_open_the_window_at_their_section(window, menu, opened):
    area = window.area(ExpensesArea)
    window.show_area(area)
    area.page.settings_button.click()
    assert opened[-1].current_section().code == "money"
    opened[-1].reject()
    menu("Wellbeing settings…")
    assert opened[-1].current_section().code == "wellbeing"


def test_a_change_is_saved_with_a_status_and_is_there_on_reopening(window, menu, opened, writer, qtbot):
    menu("Settings…")
    settings = opened[-1]
    organisation = settings.section("organisation")
    organisation.notice.setValue(21)
    qtbot.keyClicks(organisation.name, "Voices Together")
    settings.save_button.click()
    assert "Settings saved" in settings.status.text() and "Settings saved" in window.statusBar().currentMessage()
    assert (_setting(writer, "notice_days"), _setting(writer, "organisation_name")) == (21, "Voices Together")
    settings.reject()
    assert not settings.isVisible()  # nothing left unsaved, so nothing to ask
    menu("Settings…")
    again = opened[-1].section("organisation")
    assert (again.notice.value(), again.name.text()) == (21, "Voices Together")


def test_a_bad_value_shows_a_message_by_its_field_and_nothing_is_saved(window, menu, opened, writer, qtbot):
    committee = add_committee(writer.store, organisation="City Health Board")
    menu("Settings…")
    settings = opened[-1]
    settings.show_section("money")
    settings.section("money").percent.setValue(75)  # a good change in another section…
    organisation = settings.section("organisation")
    [(own, notice, _papers)] = organisation.rows.values()
    qtbot.keyClicks(notice, "three weeks")  # …and a bad one
    settings.save_button.click()
    message = organisation.messages[f"{own.organisation_id}.notice_days"]
    assert message.isVisibleTo(settings) and "whole number of days" in message.text()
    assert settings.current_section() is organisation  # brought up where the problem is
    assert "Nothing was saved" in settings.status.text()
    assert _setting(writer, "budget_warning_percent") == 90  # all or nothing
    notice.setText("21")
    settings.save_button.click()
    assert not message.isVisibleTo(settings)
    assert _setting(writer, "budget_warning_percent") == 75
    assert writer.read(organisation_periods)[0].notice_days == 21
    meeting = add_meeting(writer.store, committee, date(2031, 6, 17), notice_sent_on=date(2031, 6, 1))
    assert writer.read(lambda s: meeting_compliance(s, meeting)).notice_late is True  # 16 days, 21 needed


def test_a_setting_someone_saved_meanwhile_is_never_overwritten_silently(window, menu, opened, writer, driven):
    menu("Settings…")
    settings = opened[-1]
    with writer.store.transaction() as session:  # another window, or another worker, saves first
        save_settings(session, {"notice_days": 21, "papers_days": 10})
    settings.section("organisation").notice.setValue(28)  # changed here too: a real clash
    asked = []

    def keep_mine(dialog: ConflictDialog) -> int:
        asked.append(sorted(dialog.choices()))
        dialog.keep_mine.click()
        return dialog.result()

    driven(ConflictDialog, keep_mine)
    assert settings.save()
    assert asked == [["notice_days"]]  # papers were not touched here, so there is nothing to choose
    assert (_setting(writer, "notice_days"), _setting(writer, "papers_days")) == (28, 10)  # theirs kept
    assert settings.section("organisation").papers.value() == 10  # and shown now

    with writer.store.transaction() as session:
        set_setting(session, "notice_days", 30)
    settings.section("organisation").notice.setValue(35)
    driven(ConflictDialog, lambda dialog: (dialog.reject(), dialog.result())[1])  # Cancel: nothing saved
    assert not settings.save() and _setting(writer, "notice_days") == 30
    assert "Nothing was saved" in settings.status.text()


def test_the_disclosure_rule_changes_what_the_anonymised_export_hides(window, menu, opened, writer, team, tmp_path):  # noqa: F811
    from partnerdesk.exports.figures import export_wellbeing

    def debriefs() -> object:
        out = tmp_path / "wellbeing.xlsx"
        with writer.store.reader() as session:
            export_wellbeing(session, out, today=TODAY)
        return figures(out)["Checks: Debrief after a meeting"]

    assert debriefs() == 6  # shown under the default threshold of 5
    menu("Settings…")
    settings = opened[-1]
    data = settings.section("data")
    assert data.threshold.isEnabled()
    data.threshold.setValue(7)
    assert settings.save()
    assert debriefs() == "*"  # 6 is below 7 now
    data.rule.set_code("nhs")
    assert not data.threshold.isEnabled()  # the NHS rule has its own fixed range
    assert settings.save() and _setting(writer, "disclosure_rule") == "nhs"
    assert debriefs() == "*"


def test_the_data_section_backs_up_now_and_says_when(window, menu, opened, writer, monkeypatch):
    import partnerdesk.ui.background as background

    monkeypatch.setattr(background, "run_with_progress", lambda _p, _t, _l, work: (True, work(None)))
    menu("Settings…")
    data = opened[-1].section("data")
    assert str(writer.store.path) in data.where.text()
    assert "No backup" in data.newest.text()
    data.back_up.click()
    assert data.backed_up.exists() and data.backed_up.parent == writer.store.path.parent / "backups"
    assert data.backed_up.name in data.newest.text()


def test_budget_headings_and_courses_buttons_go_to_their_pages(window, menu, opened):
    menu("Settings…")
    opened[-1].section("money").budgets.click()
    assert not opened[-1].isVisible()
    expenses = window.area(ExpensesArea).page
    assert window.current_page() is expenses and expenses.tabs.currentWidget() is expenses.budgets
    menu("Settings…")
    opened[-1].section("supervision").courses.click()
    supervision = window.current_page()
    assert supervision.tabs.currentWidget() is supervision.courses.parentWidget()


def test_closing_with_unsaved_changes_asks_first(window, menu, opened, writer, dialogs):
    menu("Settings…")
    settings = opened[-1]
    settings.section("wellbeing").working_days.setValue(3)
    dialogs.answers.append(QMessageBox.StandardButton.Save)
    settings.reject()
    assert "not saved" in dialogs.asked[-1] and not settings.isVisible()
    assert _setting(writer, "follow_up_working_days") == 3


def test_the_sections_keep_every_control_named(window, menu, opened):
    from tests.ui.test_accessibility import _problems

    menu("Settings…")
    assert _problems(opened[-1]) == []



def test_a_committees_quorum_is_typed_as_a_number_or_a_share(window, menu, opened, writer, qtbot):
    from partnerdesk.rules.meetings import QuorumRule
    from partnerdesk.services.meetings.checks import committee_quorums

    committee = add_committee(writer.store, "Mental Health Committee", organisation="City Health Board")
    menu("Settings…")
    settings = opened[-1]
    organisation = settings.section("organisation")
    [(own, box)] = organisation.quorums.values()
    assert own.committee_id == committee and box.text() == ""  # none agreed yet
    qtbot.keyClicks(box, "a third")
    assert not settings.save()
    message = organisation.messages[f"{committee}.quorum"]
    assert message.isVisibleTo(settings) and "such as 1/3" in message.text()
    box.clear()
    qtbot.keyClicks(box, "1/3")
    assert settings.save() and not message.isVisibleTo(settings)
    assert writer.read(committee_quorums)[0].rule == QuorumRule(numerator=1, denominator=3)
    settings.reject()
    menu("Settings…")
    assert next(iter(opened[-1].section("organisation").quorums.values()))[1].text() == "1/3"


def test_a_clash_over_money_is_shown_in_pounds_not_pence(window, menu, opened, writer, driven, qtbot):
    from PySide6.QtWidgets import QLabel

    menu("Settings…")
    settings = opened[-1]
    with writer.store.transaction() as session:
        set_setting(session, "payment_rates", {"day_pence": 36000, "half_day_pence": 18000})
    money = settings.section("money")
    money.day_rate.setText("£400.00")
    seen = {}

    def take_theirs(dialog: ConflictDialog) -> int:
        seen.update({label.accessibleName(): label.text() for label in dialog.findChildren(QLabel)
                     if label.accessibleName().endswith(("yours", "saved"))})
        dialog.take_theirs.click()
        return dialog.result()

    driven(ConflictDialog, take_theirs)
    assert settings.save()
    assert seen == {"Involvement and backfill rates: yours": "£400.00 a day, £175.00 a half day",
                    "Involvement and backfill rates: saved": "£360.00 a day, £180.00 a half day"}
    saved = _setting(writer, "payment_rates")
    assert (saved["day_pence"], saved["half_day_pence"]) == (36000, 18000)
    assert money.day_rate.text() == "£360.00"  # theirs, shown now
