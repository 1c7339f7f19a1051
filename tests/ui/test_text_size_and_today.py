"""View → Text size, and the Today page as one work list (issue 12, parts 4 and 5)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from partnerdesk.rules.dates import today_uk
from partnerdesk.ui.app import TEXT_SIZE_KEY, make_application
from partnerdesk.ui.today_page import COLLAPSED_KEY, URGENT, TodayPage
from tests.builders import add_committee, add_membership, add_person
from tests.ui.steps import today_line, today_lines


def _sizes(window) -> tuple[int, int, float]:
    """A people list row's height, a Today line's height and the Today heading's font size."""
    people = window.people
    tree = window.today.tree
    line = today_line(window.today, "consent")
    return (people.table.rowHeight(0), tree.visualItemRect(line).height(),
            window.today.heading.font().pointSizeF())  # fmt: skip


def test_larger_text_makes_table_rows_today_lines_and_labels_bigger_and_is_remembered(window, writer, qtbot):
    add_person(writer.store, full_name="Ann Ash", consent_given_on=today_uk() - timedelta(days=400),
               consent_how="written", consent_review_on=today_uk() - timedelta(days=2))  # fmt: skip
    writer.tell_everyone()
    window.show_page(window.people)
    QApplication.processEvents()
    row, line, heading = _sizes(window)
    assert window.text_sizes["normal"].isChecked()

    window.text_sizes["larger"].trigger()
    QApplication.processEvents()
    bigger_row, bigger_line, bigger_heading = _sizes(window)
    assert bigger_row > row and bigger_line > line
    assert bigger_heading > heading * 1.4
    assert window.text_sizes["larger"].isChecked() and not window.text_sizes["normal"].isChecked()
    assert QSettings().value(TEXT_SIZE_KEY) == "larger"
    make_application()  # as on the next start: the choice is kept
    assert QApplication.font().pointSizeF() > heading / 1.6 * 1.4

    window.text_sizes["normal"].trigger()
    QApplication.processEvents()
    assert _sizes(window) == (row, line, heading)


def test_text_size_entries_are_reachable_from_the_keyboard_with_names(window):
    view = next(action.menu() for action in window.menuBar().actions() if action.text() == "&View")
    sizes = view.actions()[0].menu()
    assert sizes.accessibleName() == "Text size"
    assert [action.text() for action in sizes.actions()] == ["&Normal", "&Large", "La&rger"]
    assert all(action.isCheckable() for action in sizes.actions())


def test_today_is_one_list_counted_by_section_the_most_urgent_first(writer, qtbot):
    today = today_uk()
    committee = add_committee(writer.store, "Maternity Voices", "Valley NHS Trust")
    ending = add_person(writer.store, full_name="Ewa Nowak")
    add_membership(writer.store, ending, committee, date(2020, 1, 1), today + timedelta(days=10))
    for name, late in (("Just Late", 2), ("Long Late", 20)):
        add_person(writer.store, full_name=name, consent_given_on=today - timedelta(days=400),
                   consent_how="written", consent_review_on=today - timedelta(days=late))  # fmt: skip
    page = TodayPage(writer)  # on its own: opening a line here opens nothing but the signal
    qtbot.addWidget(page)
    page.show()

    top = [page.tree.topLevelItem(n) for n in range(page.tree.topLevelItemCount())]
    assert top[0] is page.sections["consent"]  # the only section with red lines comes first
    assert top[0].text(0).endswith("— 2 (2 overdue)") and all(item.isExpanded() for item in top)
    assert page.sections["terms"].text(0).endswith(" — 1")
    lines = today_lines(page, "consent")
    assert lines[0].startswith("Overdue: Long Late") and lines[1].startswith("Overdue: Just Late")
    assert today_line(page, "consent", 0).foreground(0).color() == URGENT  # 20 days late
    assert today_line(page, "consent", 1).foreground(0).color() != URGENT  # 2 days late: icon and words only

    opened = []
    page.open_record.connect(lambda kind, record_id: opened.append((kind, record_id)))
    page.tree.setFocus()
    page.tree.setCurrentItem(today_line(page, "terms"))
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert opened == [("person", ending)]


def test_a_closed_section_stays_closed_next_time(window, writer, qtbot):
    page = window.today
    page.sections["terms"].setExpanded(False)
    assert QSettings().value(COLLAPSED_KEY, [], list) == ["terms"]
    page.refresh()
    assert not page.sections["terms"].isExpanded() and page.sections["consent"].isExpanded()
    again = TodayPage(writer)
    qtbot.addWidget(again)
    assert not again.sections["terms"].isExpanded()
    page.sections["terms"].setExpanded(True)
    assert QSettings().value(COLLAPSED_KEY, [], list) == []
