"""Small steps a person takes in the meetings screens, shared by the GUI tests."""

from __future__ import annotations

from datetime import date

from partnerdesk.rules.dates import format_uk


def type_into(widget, text: str) -> None:
    """Replace what a box holds, as typing would (the form hears textEdited); for dates and times."""
    widget.setText(text)
    widget.textEdited.emit(text)


def type_date(widget, day: date) -> None:
    type_into(widget, format_uk(day))


def finish_editing(widget, text: str) -> None:
    """Type into a box in a table and move on (Tab), which is when the attendance panel saves it."""
    widget.setText(text)
    widget.editingFinished.emit()


def today_lines(page, key: str) -> list[str]:
    """The words of every line under a Today section (its key: "consent", "meetings"…), as shown."""
    section = page.sections[key]
    return [section.child(number).text(0) for number in range(section.childCount())]


def today_line(page, key: str, number: int = 0):
    """A line (a tree item) under a Today section, from 0."""
    return page.sections[key].child(number)


def open_today_line(page, key: str, number: int = 0) -> None:
    """Choose a Today line as Enter or a double-click does."""
    line = today_line(page, key, number)
    page.tree.setCurrentItem(line)
    page.tree.itemActivated.emit(line, 0)


def choose_in(qtbot, picker, text: str, row: int = 0) -> None:
    """Choose in a person or meeting picker as a person does with the keyboard: type the words key by key, press Down
    to go into the matches (and again to go further down the list: row counts from 0), then Enter."""
    from PySide6.QtCore import Qt

    picker.clear()
    qtbot.keyClicks(picker.box, text)
    qtbot.keyClick(picker.box, Qt.Key.Key_Down)
    for _ in range(row):
        qtbot.keyClick(picker.list, Qt.Key.Key_Down)
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
