"""Auto-lock (issue 15): after the idle time and on Ctrl+L the window and every form open from it are covered, no
record's words can be read (on screen, in a title, or by a screen reader walking the visible widgets), what was
being typed is kept as a draft, and Unlock — or Continue, when nobody signs in — returns to where the person was."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QWidget,
)

from partnerdesk.rules import roles
from partnerdesk.services.common.drafts import list_drafts
from partnerdesk.ui.lock.screen import LockScreen
from partnerdesk.ui.people.person_form import PersonForm
from tests.builders import add_person, signed_in
from tests.ui.steps import type_into

NAME = "Zebedee Lockmarker"  # the record's words no locked window may show
TYPED = "Quillon"  # typed into an open form just before locking


def readable_texts() -> list[str]:
    """Every bit of text a person (or a screen reader) could read in PartnerDesk's windows now: titles, labels,
    boxes, buttons and the cells of lists on show."""
    found = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        found.append(top.windowTitle())
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
                found.append(widget.text())
            elif isinstance(widget, QPlainTextEdit):
                found.append(widget.toPlainText())
            elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
                model = widget.model()
                root = widget.rootIndex()
                columns = 1 if isinstance(widget, QListView) else model.columnCount(root)
                found.extend(str(model.index(row, column, root).data()) for row in range(model.rowCount(root))
                             for column in range(columns))  # fmt: skip
    return found


def lock_screen() -> LockScreen | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, LockScreen) and w.isVisible()), None)


def open_person(window, writer, store) -> PersonForm:
    person = add_person(store, full_name=NAME)
    window.show_page(window.people)
    form = PersonForm(writer, person, None, window)
    form.show()
    type_into(form.fields.widgets["pronouns"], TYPED)
    return form


def test_ctrl_l_covers_everything_and_continue_returns_to_the_form_as_it_was(qtbot, window, writer, store):
    form = open_person(window, writer, store)
    assert any(NAME in text for text in readable_texts())  # proves the check below can see the record
    form.activateWindow()  # the person is typing in the form, not in the main window, when they step away
    qtbot.waitUntil(form.isActiveWindow)
    focus, title = form.focusWidget(), form.windowTitle()

    qtbot.keyClick(focus, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert window.locker.locked
    assert not [text for text in readable_texts() if NAME in text or TYPED in text]
    screen = lock_screen()
    assert screen is not None and screen.unlock_button.text().replace("&", "") == "Continue"
    assert "no password to ask for" in screen.explain.text()  # nobody signs in to this database
    grab = window.grab().toImage()
    corners = [(grab.width() * x // 4, grab.height() * y // 4) for x in (1, 3) for y in (1, 3)]
    assert {grab.pixelColor(x, y).name() for x, y in corners} == {"#24324a"}  # covered, not the page

    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)

    assert not window.locker.locked and lock_screen() is None
    assert form.isVisible() and form.fields.widgets["pronouns"].text() == TYPED
    assert form.fields.widgets["full_name"].text() == NAME
    assert form.windowTitle() == title and window.current_page() is window.people
    assert form.focusWidget() is focus


def test_locking_keeps_what_was_being_typed_as_a_draft(qtbot, window, writer, store):
    form = open_person(window, writer, store)
    form._draft_timer.stop()  # the pause in typing has not come yet: only locking can have saved it

    window.lock_now()

    drafts = writer.glance(list_drafts)
    assert [(draft.form, draft.record_id) for draft in drafts] == [(form.draft_form, form.person_id)]
    assert drafts[0].payload["fields"]["pronouns"] == TYPED


def test_the_window_locks_itself_after_the_idle_time(qtbot, window):
    assert window.locker.minutes == 5 and window.locker.timer.interval() == 5 * 60_000  # the default
    window.locker.timer.setInterval(150)  # a short idle time for the test
    window.locker.timer.start()
    qtbot.waitUntil(lambda: window.locker.locked, timeout=3000)
    assert lock_screen() is not None


def test_using_the_window_starts_the_idle_time_again_and_zero_never_locks(qtbot, window):
    qtbot.waitUntil(lambda: window.locker.watching_input, timeout=3000)  # from a moment after the window opens
    window.locker.timer.setInterval(1500)
    window.locker.timer.start()
    qtbot.wait(1000)
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)  # someone uses the window just before it would lock
    qtbot.wait(1000)
    assert not window.locker.locked
    qtbot.waitUntil(lambda: window.locker.locked, timeout=5000)  # then leaves it
    window.locker.unlock()
    window.locker.set_minutes(0)
    assert not window.locker.timer.isActive()


def test_a_signed_in_person_unlocks_with_their_password_only(qtbot, window):
    checked = []

    def verify(name: str, password: str) -> bool:
        checked.append(name)
        return password == "right horse"

    window.locker.verify = verify
    with signed_in(roles.WORKER, "Wyn Worker"):
        window.lock_now()
        screen = lock_screen()
        assert screen is not None and screen.password.isVisible() and "Wyn Worker" in screen.explain.text()
        qtbot.keyClicks(screen.password, "wrong")
        qtbot.keyClick(screen.password, Qt.Key.Key_Return)
        assert window.locker.locked and "not right" in screen.wrong.text() and screen.password.text() == ""
        qtbot.keyClick(screen, Qt.Key.Key_Escape)
        assert window.locker.locked  # Escape does not unlock
        qtbot.keyClicks(screen.password, "right horse")
        qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    assert not window.locker.locked and checked == ["Wyn Worker", "Wyn Worker"]


def test_switch_person_unlocks_once_someone_has_signed_in(qtbot, window):
    answers = [False, True]  # the first sign-in is cancelled
    window.locker.switch_person = lambda: answers.pop(0)
    window.locker.verify = lambda name, password: False
    with signed_in(roles.FINANCE):
        window.lock_now()
        screen = lock_screen()
        assert screen is not None and screen.switch_button.isVisible()
        screen.switch_button.click()
        assert window.locker.locked
        screen.switch_button.click()
    assert not window.locker.locked


@pytest.fixture
def signed_in_lock(window) -> Iterator[LockScreen]:
    """The lock screen as a signed-in worker sees it: password box, Unlock and Switch person."""
    window.locker.verify = lambda name, password: True
    window.locker.switch_person = lambda: True
    with signed_in(roles.WORKER):
        window.lock_now()
        screen = lock_screen()
        assert screen is not None
        yield screen
        window.locker.unlock()


def test_every_control_on_the_lock_screen_has_a_name_and_is_reached_by_tab(signed_in_lock):
    controls = [w for w in signed_in_lock.findChildren(QWidget) if isinstance(w, QAbstractButton | QLineEdit)
                and w.isVisible()]  # fmt: skip
    assert len(controls) == 3  # password, Unlock, Switch person
    for control in controls:
        assert control.accessibleName(), type(control).__name__
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def _contrast(first: QColor, second: QColor) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _colours(widget: QWidget) -> Counter:
    image = widget.grab().toImage()
    return Counter(image.pixelColor(x, y).rgb() for x in range(image.width()) for y in range(image.height()))


def test_the_lock_screens_buttons_and_password_box_can_be_read_against_the_cover(signed_in_lock):
    screen = signed_in_lock
    cover = QColor.fromRgb(_colours(screen).most_common(1)[0][0])
    for button in (screen.unlock_button, screen.switch_button):
        colours = _colours(button)
        face = QColor.fromRgb(colours.most_common(1)[0][0])
        words = max((QColor.fromRgb(rgb) for rgb, count in colours.items() if count >= 5),
                    key=lambda colour: _contrast(colour, face))  # fmt: skip
        assert _contrast(words, face) >= 4.5, button.text()  # WCAG AA for text
        assert _contrast(face, cover) >= 3, button.text()  # the button stands out from the cover
    box = QColor.fromRgb(_colours(screen.password).most_common(1)[0][0])
    assert _contrast(box, cover) >= 3  # where to type can be seen


def test_the_window_follows_the_idle_minutes_saved_in_settings(qtbot, window, writer):
    from partnerdesk.services.common.settings import set_setting

    writer.run(None, lambda session: set_setting(session, "lock_after_minutes", 12))
    assert window.locker.minutes == 12 and window.locker.timer.interval() == 12 * 60_000
    writer.run(None, lambda session: set_setting(session, "lock_after_minutes", 0))
    assert window.locker.minutes == 0 and not window.locker.timer.isActive()
