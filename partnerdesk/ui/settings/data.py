"""Settings → Data: where the database and its backups are, a backup now, the newest backup and when it was taken,
how long the Bin keeps what was deleted, when the window locks itself, how to try the demo data safely, and how
anonymised exports hide small numbers (the disclosure rule)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget

from partnerdesk.i18n import N_, _
from partnerdesk.rules import disclosure
from partnerdesk.rules.dates import format_moment_uk
from partnerdesk.services.common.settings import SETTINGS
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.settings.section import Section, heading, note

BACKUP_REASON = "by-hand"  # in the copy's name, beside the automatic ones taken before an upgrade


def backups_folder(database: Path) -> Path:
    """Where backups go: a 'backups' folder beside the database (as the automatic ones before an upgrade)."""
    return database.parent / "backups"


def newest_backup(database: Path) -> Path | None:
    """The most recent copy in the backups folder, or None when there is none."""
    copies = sorted(backups_folder(database).glob(f"{database.stem}-*.sqlite3"), key=lambda p: p.stat().st_mtime)
    return copies[-1] if copies else None


class RuleChoice(QWidget):
    """The disclosure rules as radio buttons, each with its whole description (a drop-down would cut it off)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(SETTINGS["disclosure_rule"].label)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for code, words in disclosure.RULES.items():
            button = QRadioButton(words)
            button.setAccessibleName(words)
            self.group.addButton(button)
            column.addWidget(button)
            self.buttons[code] = button
            button.toggled.connect(lambda on: on and self.changed.emit())

    def code(self) -> str | None:
        """The chosen rule's code."""
        return next((code for code, button in self.buttons.items() if button.isChecked()), None)

    def set_code(self, code: str) -> None:
        """Choose a rule by its code."""
        self.buttons[code].setChecked(True)


class DataSection(Section):
    """The database, backups, demo data and the disclosure rule for anonymised exports."""

    title = N_("Data")
    code = "data"

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(writer, parent)
        database = writer.store.path
        self.column.addWidget(heading(_("Your database and backups")))
        if database is None:
            self.where = note(_("This database is on a server: {url}. Back it up with the server's own tools.")
                              .format(url=writer.store.url))
            self.column.addWidget(self.where)
        else:
            self.where = note(_("Your database: {path}").format(path=database))
            self.where.setAccessibleName(_("Where the database is"))
            self.column.addWidget(self.where)
            self.column.addWidget(note(_("Backups: {folder}").format(folder=backups_folder(database))))
            self.newest = note("")
            self.newest.setAccessibleName(_("Newest backup"))
            self.column.addWidget(self.newest)
            row = QHBoxLayout()
            self.back_up = QPushButton(_("&Back up now"))
            self.back_up.setAccessibleName(_("Back up the database now, into the backups folder"))
            self.back_up.clicked.connect(self.back_up_now)
            row.addWidget(self.back_up)
            row.addStretch()
            self.column.addLayout(row)
            self.column.addWidget(note(_(
                "Keep a copy somewhere else too (a USB stick kept safely, or your organisation's shared drive): a "
                "backup on the same laptop is lost with the laptop.")))
            self.show_newest()

        self.column.addWidget(heading(_("The Bin")))
        self.column.addWidget(note(_(
            "What you delete waits in the Bin, where it can be restored, then is deleted for good when PartnerDesk "
            "starts. Expense claims sent for approval are kept for the accounts.")))
        bin_form = self.form()
        self.bin_days = QSpinBox()
        self.bin_days.setRange(1, 3650)
        self.bin_days.setMaximumWidth(150)
        self.bin_days.setAccessibleName(SETTINGS["bin_keep_days"].label)
        self.field(bin_form, _("Delete Bin items for good after (da&ys)"), "bin_keep_days", self.bin_days)

        self.column.addWidget(heading(_("Keeping records (retention schedule)")))
        self.column.addWidget(note(_(
            "Keep personal records no longer than you need them. Today lists people who left, and wellbeing checks, "
            "older than these, for someone to review: erase the person, or remove the old checks, from the "
            "person's Data protection button.")))
        keep_form = self.form()
        self.left_years, self.check_years = QSpinBox(), QSpinBox()
        for box, key, words in ((self.left_years, "retention_left_years", _("People who &left more than (years)")),
                                (self.check_years, "retention_check_years", _("&Wellbeing checks older than (years)"))):
            box.setRange(1, 50)
            box.setMaximumWidth(150)
            box.setAccessibleName(SETTINGS[key].label)
            self.field(keep_form, words, key, box)
        self.column.addWidget(heading(_("Locking when nobody is using it")))
        self.column.addWidget(note(_(
            "On a shared computer, PartnerDesk covers its window after some minutes without use, and on Ctrl+L, "
            "so nobody passing can read it; what was being typed is kept. With Never (0) it locks only on Ctrl+L.")))
        lock_form = self.form()
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setMaximumWidth(150)
        self.lock_minutes.setSpecialValueText(_("Never"))
        self.lock_minutes.setAccessibleName(SETTINGS["lock_after_minutes"].label)
        self.field(lock_form, _("Lock after this many idle &minutes"), "lock_after_minutes", self.lock_minutes)

        self.column.addWidget(heading(_("Trying things out")))
        self.column.addWidget(note(_(
            "To try PartnerDesk without touching real records, use File → Open the demo database: it opens a "
            "separate file full of made-up people in its own window, so nothing you do there reaches this one.")))

        self.column.addWidget(heading(_("Small numbers in anonymised exports")))
        self.column.addWidget(note(_(
            "Anonymised spreadsheets (wellbeing, supervision and meetings without names) hide small counts, which "
            "could point at someone. With the threshold rule, every count from 1 up to one below the threshold is "
            "shown as *, and enough other figures in the same row or column are hidden too that nobody can work a "
            "hidden one out from the totals. With the NHS Digital rule, counts from 1 to 7 are shown as * and every "
            "other count is rounded to the nearest 5; the threshold is then not used. Percentages are not shown "
            "when the count they are worked out from is small.")))
        self.rule = RuleChoice()
        self.column.addWidget(self.rule)
        self.column.addWidget(self.message_for("disclosure_rule", SETTINGS["disclosure_rule"].label))
        form = self.form()
        self.threshold = QSpinBox()
        self.threshold.setRange(2, 50)
        self.threshold.setMaximumWidth(150)
        self.threshold.setAccessibleName(SETTINGS["disclosure_threshold"].label)
        self.field(form, _("Smallest count &shown"), "disclosure_threshold", self.threshold)
        self.rule.changed.connect(self._threshold_in_use)
        self.column.addStretch()

    def _threshold_in_use(self) -> None:
        self.threshold.setEnabled(self.rule.code() == disclosure.THRESHOLD)

    def show_newest(self) -> None:
        """Say which backup is newest and when it was taken."""
        database = self.writer.store.path
        newest = newest_backup(database) if database is not None else None
        if newest is None:
            self.newest.setText(_("No backup has been taken into the backups folder yet."))
            return
        taken = format_moment_uk(datetime.fromtimestamp(newest.stat().st_mtime, UTC))
        self.newest.setText(_("Newest backup: {name}, taken at {when}.").format(name=newest.name, when=taken))

    def back_up_now(self) -> None:
        """Copy the database into the backups folder, checked after copying, while a progress dialog shows."""
        from partnerdesk.store.backup import automatic_backup_path, backup_sqlite
        from partnerdesk.ui.background import run_with_progress

        source = self.writer.store.path
        assert source is not None  # the button is only there for a database file
        target = automatic_backup_path(source, BACKUP_REASON)
        done, _copy = run_with_progress(self, _("Back up"), _("Copying the database…"),
                                        lambda _progress: backup_sqlite(source, target, self.writer.store.key))
        if done:
            self.show_newest()
            self.backed_up = target

    def load(self, values: dict[str, Any]) -> None:
        self.rule.set_code(values["disclosure_rule"])
        self.threshold.setValue(values["disclosure_threshold"])
        self.bin_days.setValue(values["bin_keep_days"])
        self.left_years.setValue(values["retention_left_years"])
        self.check_years.setValue(values["retention_check_years"])
        self.lock_minutes.setValue(values["lock_after_minutes"])
        self._threshold_in_use()

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        return {"disclosure_rule": self.rule.code(), "disclosure_threshold": self.threshold.value(),
                "bin_keep_days": self.bin_days.value(), "lock_after_minutes": self.lock_minutes.value(),
                "retention_left_years": self.left_years.value(), "retention_check_years": self.check_years.value()}, {}
