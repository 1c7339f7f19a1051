"""Read-only viewing: a banner saying why and what to do, "(read-only)" in the title, and every control that would
change the database disabled, in the window and in every form opened from it.

Which controls change the database is told by their words (New, Save, Delete, Approve…): buttons and menu entries
made later (a form opened afterwards, a Delete button that a selection enables again) are caught by a filter on the
whole application while the window is read-only. The Writer refuses any change that still gets through.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QMainWindow,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _, source_text
from partnerdesk.store.viewing import banner_text

#: First words of the buttons and menu entries that change the database.
WRITING_WORDS = frozenset({
    "new", "add", "save", "delete", "remove", "approve", "reject", "pay", "mark", "record", "restore", "invite",
    "arrange", "change", "edit", "schedule", "run", "keep", "take", "import", "submit", "withdraw", "duplicate",
    "move", "merge", "erase", "empty", "throw", "apply", "set", "update", "reopen", "close", "settle", "fill",
})  # fmt: skip
#: Words that start a writing entry's text but on their own only close a window or a form.
HARMLESS_ALONE = frozenset({"close", "cancel"})
_WORD = re.compile(r"[a-z]+")


def writes(text: str) -> bool:
    """Whether a button or menu entry with these words changes the database ("&New person…" does, "Export…"
    does not; "Close" on its own only closes a window), told by the English it was translated from."""
    words = _WORD.findall(source_text(text).replace("&", "").lower())
    if not words:
        return False
    if len(words) == 1 and words[0] in HARMLESS_ALONE:
        return False
    return words[0] in WRITING_WORDS


class _Guard(QObject):
    """Keeps writing controls disabled in the read-only window and every form opened from it."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window

    def _belongs(self, widget: QWidget) -> bool:
        """Whether widget is in the window or in a dialog opened from it (other windows are left alone)."""
        seen: QWidget | None = widget
        while seen is not None:
            if seen is self.window:
                return True
            seen = seen.parentWidget()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 -- Qt's name
        kind = event.type()
        if kind not in (QEvent.Type.Show, QEvent.Type.EnabledChange, QEvent.Type.ActionChanged):
            return False
        if not isinstance(watched, QWidget) or not self._belongs(watched):
            return False
        if kind == QEvent.Type.Show and watched.isWindow():
            disable_writing(watched)
        elif kind in (QEvent.Type.EnabledChange, QEvent.Type.Show) and _is_writing_button(watched):
            if watched.isEnabled():
                watched.setEnabled(False)
        elif kind == QEvent.Type.ActionChanged:
            _disable_actions(watched)
        return False


def _is_writing_button(widget: QObject) -> bool:
    # Ticks and choices are answers inside a form, not actions: they stay usable so a form can be read in full.
    return (isinstance(widget, QAbstractButton) and not isinstance(widget, QCheckBox | QRadioButton)
            and writes(widget.text()))


def _disable_actions(widget: QWidget) -> None:
    for action in widget.actions():
        if action.isEnabled() and writes(action.text()):
            action.setEnabled(False)


def disable_writing(root: QWidget) -> None:
    """Disable every button and menu entry under root that would change the database."""
    for button in root.findChildren(QAbstractButton):
        if _is_writing_button(button):
            button.setEnabled(False)
    for action in root.findChildren(QAction):
        if action.isEnabled() and writes(action.text()):
            action.setEnabled(False)


def enter_read_only(window: QMainWindow, reason: str) -> QLabel:
    """Show window's database read-only: a banner above everything, the title marked, writing controls off.

    Returns the banner (already in place if the window was read-only before)."""
    existing = window.findChild(QLabel, "readOnlyBanner")
    if existing is not None:
        return existing
    banner = QLabel(banner_text(reason))
    banner.setObjectName("readOnlyBanner")
    banner.setWordWrap(True)
    banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy it into an email
    banner.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable by Tab, so a screen reader reads it out
    banner.setAccessibleName(_("Read-only"))
    banner.setAccessibleDescription(banner.text())
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(banner)
    content = window.takeCentralWidget()
    column.addWidget(content, 1)
    window.setCentralWidget(holder)
    if window.isVisible():  # widgets put into a window already on screen are otherwise shown only later
        for widget in (holder, banner, content):
            widget.show()
    title = window.windowTitle()
    marker = _("(read-only)")
    if marker not in title:
        window.setWindowTitle(f"{title} {marker}")
    disable_writing(window)
    guard = _Guard(window)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(guard)  # Qt drops it again when the guard goes with the window
    return banner
