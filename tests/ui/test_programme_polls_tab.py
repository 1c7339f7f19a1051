"""The Polls tab, used as an organiser uses it: add questions, record people's answers from their paper forms and
see only the averages (held back while too few answered), answers outside 1 to 5 refused with nothing saved, and
anonymised themes for the steering group."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from partnerdesk.ui.programmes.poll_dialog import PollAnswersDialog, QuestionDialog, ThemeDialog
from partnerdesk.ui.programmes.polls_tab import PollsTab
from tests.builders import add_programme_with_pairs, count_rows
from tests.ui.steps import type_into

CONFIDENCE = "How confident do you feel speaking at board meetings?"
TRUST = "How much do you trust the system's leaders?"


@pytest.fixture
def built(store):
    return add_programme_with_pairs(store, pairs=3, spare_b=0)


@pytest.fixture
def tab(qtbot, writer, built):
    host = QWidget()  # stands in for the Programmes page
    qtbot.addWidget(host)
    tab = PollsTab(writer)
    QVBoxLayout(host).addWidget(tab)
    host.resize(1000, 600)
    host.show()
    tab.show_programme(built.programme_id)
    yield tab  # the host lives until the test ends


def ask(wording: str):
    def step(dialog: QuestionDialog) -> int:
        type_into(dialog.wording, wording)
        assert dialog.save()
        return 0

    return step


def answer(person_id: str, round_: str, *answers: str):
    """Fill in the Record answers dialog as from one paper form: who, which round, then each answer in order."""

    def step(dialog: PollAnswersDialog) -> int:
        dialog.person.setCurrentIndex(dialog.person.findData(person_id))
        dialog.round.set_code(round_)
        for box, typed in zip(dialog.answers.values(), answers, strict=True):
            type_into(box, typed)
        step.saved = dialog.save()  # type: ignore[attr-defined]
        step.dialog = dialog  # type: ignore[attr-defined]
        return 0

    return step


@pytest.fixture
def questions(tab, driven):
    for wording in (CONFIDENCE, TRUST):
        driven(QuestionDialog, ask(wording))
        tab.question_button.click()
    return tab


def cells(tab: PollsTab, row: int) -> list[str]:
    return [tab.table.item(row, column).text() for column in range(tab.table.columnCount())]


def test_questions_added_are_listed_and_answers_can_then_be_recorded(questions):
    tab = questions
    assert [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())] == [CONFIDENCE, TRUST]
    assert cells(tab, 0)[1:] == ["no answers yet", "no answers yet", ""]
    assert tab.answers_button.isEnabled()
    assert tab.chart.accessibleName() and CONFIDENCE in tab.chart.accessibleDescription()


def test_results_are_shown_only_as_averages_and_held_back_for_too_few(questions, driven, built, store):
    tab = questions
    everyone = built.side_a + built.side_b  # six people
    for person in everyone[:4]:
        driven(PollAnswersDialog, answer(person, "start", "2", "3"))
        tab.answers_button.click()
    # Four answered: too few for an average that can't be traced to someone (the rule is five).
    assert cells(tab, 0)[1] == "too few answers to show"
    driven(PollAnswersDialog, answer(everyone[4], "start", "2", "3"))
    tab.answers_button.click()
    assert cells(tab, 0)[1:3] == ["2.0", "no answers yet"]
    for person in everyone[:5]:
        driven(PollAnswersDialog, answer(person, "end", "4", ""))
        tab.answers_button.click()
    assert cells(tab, 0)[1:] == ["2.0", "4.0", "+2.0"]
    assert cells(tab, 1)[1:] == ["3.0", "no answers yet", ""]
    assert f"{CONFIDENCE}: start 2.0, end 4.0 (up 2.0)" in tab.chart.accessibleDescription()
    assert count_rows(store, "poll_answers") == 15


@pytest.mark.parametrize("typed", ["6", "0", "-1", "four"])
def test_an_answer_outside_one_to_five_is_refused_by_its_question_and_nothing_is_saved(questions, driven, built,
                                                                                      store, typed):  # fmt: skip
    step = answer(built.side_a[0], "start", "3", typed)
    driven(PollAnswersDialog, step)
    questions.answers_button.click()
    assert not step.saved
    dialog = step.dialog
    messages = [dialog.fields.messages[q].text() for q in dialog.answers]
    assert messages == ["", "Please choose an answer from 1 to 5."]
    assert dialog.summary.isVisible() or dialog.summary.text()
    assert count_rows(store, "poll_answers") == 0


def test_answers_need_someone_who_answered(questions, driven, store):
    def step(dialog: PollAnswersDialog) -> int:
        type_into(next(iter(dialog.answers.values())), "3")
        step.saved = dialog.save()  # type: ignore[attr-defined]
        step.message = dialog.fields.messages["person_id"].text()  # type: ignore[attr-defined]
        return 0

    driven(PollAnswersDialog, step)
    questions.answers_button.click()
    assert not step.saved and step.message == "Please choose who answered."  # type: ignore[attr-defined]
    assert count_rows(store, "poll_answers") == 0


def test_a_theme_is_added_to_the_steering_group_log_with_a_warning_not_to_name_anyone(tab, driven, store):
    def note(dialog: ThemeDialog) -> int:
        warnings = [w for w in dialog.findChildren(QWidget) if w.accessibleName() == "Do not name people in a theme"]
        assert warnings and "Do not name anyone" in warnings[0].text()
        dialog.theme.setPlainText("Board papers are hard to follow without a briefing.")
        assert dialog.save()
        return 0

    driven(ThemeDialog, note)
    tab.theme_button.click()
    assert tab.themes.rowCount() == 1
    assert tab.themes.item(0, 1).text() == "Board papers are hard to follow without a briefing."


def test_an_empty_theme_is_refused_and_nothing_is_saved(tab, driven, store):
    def note(dialog: ThemeDialog) -> int:
        note.saved = dialog.save()  # type: ignore[attr-defined]
        note.message = dialog.fields.messages["theme"].text()  # type: ignore[attr-defined]
        return 0

    driven(ThemeDialog, note)
    tab.theme_button.click()
    assert not note.saved and "without naming anyone" in note.message  # type: ignore[attr-defined]
    assert count_rows(store, "programme_themes") == 0


def test_with_no_programme_chosen_nothing_can_be_added(tab):
    tab.show_programme(None)
    assert not tab.question_button.isEnabled() and not tab.theme_button.isEnabled()
    assert tab.table.rowCount() == 0 and tab.themes.rowCount() == 0
