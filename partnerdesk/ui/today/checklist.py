"""The first-run checklist at the top of Today: what to set up in a new database, in the order that works
(the organisation's rates, then organisations and committees, then people), each line ticking itself off once the
data shows it is done, with a button that does it. It goes when everything is done or the worker hides it.

It reads the tables directly (records.tables, like the rest of Today), so the first screen still opens without the
ORM. What it remembers (hidden, settings saved, demo tried) is kept per database in QSettings.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import exists, select

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.records import tables
from partnerdesk.ui.ops import Writer

if TYPE_CHECKING:
    from sqlalchemy import Connection

DONE_MARK, TO_DO_MARK = "✔", "☐"


class Step(NamedTuple):
    key: str
    words: str
    button: str
    optional: bool = False


#: The steps in the order that works: meetings and seats need committees, claims need the rates.
STEPS = (
    Step("settings", N_("Set your organisation's rates: mileage, payments for people's time and budgets"),
         N_("Open settings")),
    Step("committees", N_("Add the organisations and committees your representatives sit on"),
         N_("Add organisations")),
    Step("people", N_("Add the people you work with"), N_("Add a person")),
    Step("demo", N_("Try PartnerDesk with made-up people first (optional: it opens a separate window)"),
         N_("Open the demo"), optional=True),
)


def what_is_done(db: Connection) -> dict[str, bool]:
    """Which steps the data shows are done: a setting changed, a committee, a person (none in the Bin)."""
    def anything(table, live: bool = True) -> bool:
        where = exists().where(table.c.deleted_at.is_(None)) if live else exists().select_from(table)
        return bool(db.execute(select(where)).scalar_one())

    return {"settings": anything(tables.settings, live=False), "committees": anything(tables.committees),
            "people": anything(tables.people)}


def open_settings(window: QWidget, writer: Writer) -> bool:
    """Open the Settings window at its Money section (the rates); True when the worker saved there."""
    from partnerdesk.ui.settings import open_settings as open_window

    return open_window(window, "money")


class FirstRunChecklist(QFrame):
    """The checklist; emits what the worker asked for, and shows itself only while a new database needs it."""

    settings_wanted = Signal()
    organisations_wanted = Signal()
    new_person = Signal()
    demo_wanted = Signal()

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.setObjectName("firstRun")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_("Getting started"))
        database = str(writer.store.path or writer.store.url)
        self.key = "first_run/" + hashlib.sha256(database.encode()).hexdigest()[:16]
        self.done: dict[str, bool] = {}
        self.marks: dict[str, QLabel] = {}
        self.lines: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        if self._remembered("dismissed"):
            # A database in use: the list never comes back, so it is neither built nor read (part of the start).
            self.hide()
            return
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.hide_button = QPushButton(_("Hide this list"))
        self.hide_button.setToolTip(_("Hide the getting-started list for this database; it will not come back"))
        self.hide_button.clicked.connect(self.dismiss)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.hide_button)
        grid = QGridLayout()
        wanted = {"settings": self.settings_wanted, "committees": self.organisations_wanted,
                  "people": self.new_person, "demo": self._demo}
        for row, step in enumerate(STEPS):
            mark, line, button = QLabel(), QLabel(_(step.words)), QPushButton(_(step.button))
            line.setWordWrap(True)
            button.setAccessibleName(f"{_(step.button)}: {_(step.words)}")
            button.clicked.connect(wanted[step.key])
            grid.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(line, row, 1)
            grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
            self.marks[step.key], self.lines[step.key], self.buttons[step.key] = mark, line, button
        grid.setColumnStretch(1, 1)
        column = QVBoxLayout(self)
        column.addLayout(heading)
        column.addLayout(grid)
        self.refresh()

    # --- remembered for this database -----------------------------------------------------------------------
    def _remembered(self, what: str) -> bool:
        return QSettings().value(f"{self.key}/{what}", False, bool)

    def remember(self, what: str) -> None:
        """Keep, for this database, that something happened: "dismissed", "settings" saved, "demo" tried."""
        QSettings().setValue(f"{self.key}/{what}", True)

    def dismiss(self) -> None:
        """Hide the list for good (for this database)."""
        self.remember("dismissed")
        self.hide()

    def _demo(self) -> None:
        self.remember("demo")
        self.demo_wanted.emit()
        self.refresh()

    # --- reading ------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Tick off what the data shows is done; hide the list once all is done, or if it was hidden before."""
        if not self.marks:  # hidden for good before this window opened
            return
        found = self.writer.glance(what_is_done)
        if not self._remembered("new"):
            if found["committees"] and found["people"]:
                self.remember("dismissed")  # a database in use before the checklist existed: nothing to start
            else:
                self.remember("new")
        self.done = {**found, "settings": found["settings"] or self._remembered("settings"),
                     "demo": self._remembered("demo")}
        for step in STEPS:
            finished = self.done[step.key]
            self.marks[step.key].setText(DONE_MARK if finished else TO_DO_MARK)
            self.marks[step.key].setAccessibleName(_("Done") if finished else _("Still to do"))
            self.lines[step.key].setEnabled(not finished)  # greyed once done, and the mark says so too
            self.buttons[step.key].setVisible(not finished)
        needed = [step for step in STEPS if not step.optional]
        left = sum(not self.done[step.key] for step in needed)
        self.title.setText(ngettext("Getting started: {count} thing to do", "Getting started: {count} things to do",
                                    left).format(count=left))
        self.setVisible(left > 0 and not self._remembered("dismissed"))

    def settings_saved(self, saved: bool) -> None:
        """The settings were opened from the list: tick the line if they were saved (even left as they were)."""
        if saved:
            self.remember("settings")
        self.refresh()
