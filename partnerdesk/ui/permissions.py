"""The window shows only what the signed-in person's role lets them do (rules.roles): no dead buttons.

One helper for every place: forbid(button_or_action, permission) hides it for good unless the role has the
permission (it stays hidden when its page later shows it again), and apply_roles(window) hides the areas a role may
not see and, in areas it may see but not change, every control that would change something (told by its words,
as the read-only view does: read_only_banner.writes) — in the page, its File menu entries and the forms opened
from it. The services refuse the same things anyway (services.common.access), so a control missed here is refused
in plain words rather than obeyed. With nobody signed in everything shows, as before accounts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)

from partnerdesk.i18n import _
from partnerdesk.rules import roles
from partnerdesk.services.common.access import all_mine, allowed, own_rows_only
from partnerdesk.ui.read_only_banner import writes

if TYPE_CHECKING:
    from partnerdesk.ui.area import Area
    from partnerdesk.ui.main_window import MainWindow
    from partnerdesk.ui.ops import Writer

#: By area title: the permission needed to see the area (None: everyone) and to change what it shows (None: any
#: permission to change something, for Today, whose lines act on every area).
AREA_PERMISSIONS: dict[str, tuple[str | None, str | None]] = {
    "Today": (None, None),
    "People": (None, roles.PEOPLE_CHANGE),
    "Meetings": (None, roles.MEETINGS_CHANGE),
    "Expenses": (None, roles.EXPENSES_CHANGE),
    "Wellbeing": (roles.WELLBEING_READ, roles.WELLBEING_CHANGE),
    "Supervision": (roles.SUPERVISION_READ, roles.SUPERVISION_CHANGE),
    "Organisations": (None, roles.PEOPLE_CHANGE),
    "Programmes": (None, roles.PROGRAMMES_CHANGE),
    "Reports": (roles.REPORTS_VIEW, roles.REPORTS_VIEW),
    "Bin": (roles.BIN_RESTORE, roles.BIN_RESTORE),
}
_CHANGES = tuple(p for p in roles.ALL_PERMISSIONS if p.endswith(".change"))

__all__ = ["allowed", "apply_roles", "can_change", "can_see", "forbid", "only_own_selected"]


def can_see(area: Area) -> bool:
    """Whether the signed-in person's role shows this area in the window's list."""
    needed = AREA_PERMISSIONS.get(area.title, (None, None))[0]
    return needed is None or allowed(needed)


def can_change(area: Area) -> bool:
    """Whether the area's New, Change and Delete controls show for the signed-in person's role."""
    needed = AREA_PERMISSIONS.get(area.title, (None, None))[1]
    return any(map(allowed, _CHANGES)) if needed is None else allowed(needed)


class _KeepHidden(QObject):
    """Hides a widget again whenever its page shows it (a claim's Approve button after each reload, say)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 -- Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.hide()
        return False


def _hide_for_good(target: QWidget | QAction) -> None:
    if isinstance(target, QAction):
        target.setVisible(False)
        target.setEnabled(False)  # its keyboard shortcut too
        target.changed.connect(lambda: target.isVisible() and target.setVisible(False))
        return
    target.hide()
    keeper = _KeepHidden(target)
    target.installEventFilter(keeper)


def forbid(target: QWidget | QAction, permission: str) -> None:
    """Hide target, now and whenever it would show again, unless the signed-in person may use permission."""
    if not allowed(permission):
        _hide_for_good(target)


def _writing_control(widget: QObject) -> bool:
    # Ticks and choices are answers inside a form, not actions: a form opened to read is read in full.
    return (isinstance(widget, QAbstractButton) and not isinstance(widget, QCheckBox | QRadioButton)
            and writes(widget.text()))


def hide_writing(root: QWidget) -> None:
    """Hide, for good, every button and menu entry under root that would change something."""
    for button in root.findChildren(QAbstractButton):
        if _writing_control(button):
            _hide_for_good(button)
    for action in root.findChildren(QAction):
        if writes(action.text()):
            _hide_for_good(action)


class _Unchangeable(QObject):
    """Lets a choice or tick be reached and read (Tab, a screen reader) but not changed: clicks, the wheel and every
    key but Tab are swallowed. Qt has no read-only choice list, and a greyed one cannot be reached by Tab."""

    _PASS_KEYS = frozenset({Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape})
    _SWALLOW = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                          QEvent.Type.MouseButtonRelease, QEvent.Type.Wheel})  # fmt: skip

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 -- Qt's name
        if event.type() in self._SWALLOW:
            return True
        if isinstance(event, QKeyEvent) and event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return Qt.Key(event.key()) not in self._PASS_KEYS
        return False


def read_only_fields(root: QWidget) -> None:
    """Make every box under root readable but not changeable, each still reached by Tab so a screen reader reads
    it: text, dates and numbers read-only, lists' cells not editable, and choices and ticks deaf to clicks and
    keys."""
    for box in root.findChildren(QLineEdit) + root.findChildren(QPlainTextEdit) + root.findChildren(QTextEdit):
        box.setReadOnly(True)
    for spin in root.findChildren(QAbstractSpinBox):
        spin.setReadOnly(True)
    for view in root.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    guard = _Unchangeable(root)
    for choice in root.findChildren(QComboBox) + root.findChildren(QCheckBox) + root.findChildren(QRadioButton):
        choice.installEventFilter(guard)


class _RoleGuard(QObject):
    """Hides writing controls in the pages of areas the role may not change, and in forms opened from them."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.done: set[int] = set()

    def _area_of(self, widget: QWidget) -> Area | None:
        seen: QWidget | None = widget
        menus = self.window.menuBar()
        while seen is not None:
            if seen is menus:
                return None  # the window's own menus: each area's entries were fitted by apply_roles
            if seen is self.window:
                return None
            for area in self.window.areas:
                if area.page_built and seen is area.page:
                    return area
            if seen.isWindow() and seen.parentWidget() is not None:
                # A form or dialog belongs to the area on show when it opened.
                return self.window.areas[self.window.nav.currentRow()]
            seen = seen.parentWidget()
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 -- Qt's name
        if event.type() != QEvent.Type.Show or not isinstance(watched, QWidget) or id(watched) in self.done:
            return False
        if not (watched.isWindow() or _writing_control(watched) or any(a.page is watched for a in self._built())):
            return False
        area = self._area_of(watched)
        if area is not None and not can_change(area):
            self.done.add(id(watched))
            if _writing_control(watched):
                _hide_for_good(watched)
            else:
                hide_writing(watched)
        return False

    def _built(self) -> list[Area]:
        return [area for area in self.window.areas if area.page_built]


def only_own_selected(view: QAbstractItemView, buttons: list[QWidget], table: str,
                      selected: Callable[[], list[str]], writer: Writer) -> None:
    """For a role that may change only the records of table it made (a volunteer's meetings): buttons that act on
    the selected records are off, saying why, while any of them is someone else's, rather than refused when
    pressed. Other roles are left as they are."""
    if own_rows_only(table) is None:
        return
    why = _("You can change only the ones you recorded yourself.")

    def follow() -> None:
        ids = selected()
        mine = writer.read(lambda session: all_mine(session, table, ids))
        for button in buttons:
            button.setEnabled(mine)
            button.setToolTip("" if mine else why)

    view.selectionModel().selectionChanged.connect(follow)
    view.selectionModel().currentChanged.connect(follow)
    follow()


def apply_roles(window: MainWindow, area_actions: dict[Area, list[QAction]]) -> None:
    """Fit the window to the signed-in person's role: hide the areas they may not see (in the list, the Go menu
    and the File menu) and, in areas they may not change, every control that would change something."""
    if all(can_see(area) and can_change(area) for area in window.areas):
        return  # nobody signed in, or a coordinator: nothing to hide
    for row, area in enumerate(window.areas):
        actions = area_actions.get(area, [])
        if not can_see(area):
            window.nav.item(row).setHidden(True)
            for action in actions:
                _hide_for_good(action)
            go = window.go_actions.get(area)
            if go is not None:
                _hide_for_good(go)
        elif not can_change(area):
            for action in actions:
                if writes(action.text()):
                    _hide_for_good(action)
    if not can_see(window.areas[window.nav.currentRow()]):
        window.nav.setCurrentRow(next(row for row, area in enumerate(window.areas) if can_see(area)))
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(_RoleGuard(window))
    for area in window.areas:
        if area.page_built and not can_change(area):
            hide_writing(area.page)
