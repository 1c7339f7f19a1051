"""The Settings window: a list of sections on the left (Organisation, Money, Wellbeing, Supervision and training,
Data), the chosen section on the right, and one Save for the whole window.

Save keeps every setting changed in any section, together, or nothing: a value that is not allowed is shown by its
field (and its section is brought up). Only settings the worker changed are saved, so a setting someone else saved
while the window was open is never put back; if both changed the same setting, the conflict dialog asks which to
keep. A partner organisation's periods or a committee's quorum saved elsewhere meanwhile are reloaded with a plain
message.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _
from partnerdesk.records.vocab import ROLES, label
from partnerdesk.rules import disclosure
from partnerdesk.rules.dates import format_moment_uk, format_uk, today_uk
from partnerdesk.rules.meetings import read_quorum
from partnerdesk.rules.mileage import MileageRates, rates_on
from partnerdesk.rules.money import format_pounds
from partnerdesk.rules.payments import EXPENSE_CATEGORIES
from partnerdesk.services.common.errors import EditConflict, ValidationError
from partnerdesk.services.common.org_periods import organisation_periods, set_organisation_periods
from partnerdesk.services.common.settings import (
    SETTINGS,
    SettingsConflict,
    all_settings,
    differs,
    save_settings,
    setting_versions,
)
from partnerdesk.services.meetings.checks import committee_quorums, set_committee_quorum
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.settings.data import DataSection
from partnerdesk.ui.settings.money import MoneySection
from partnerdesk.ui.settings.organisation import OrganisationSection, period_key
from partnerdesk.ui.settings.section import Section
from partnerdesk.ui.settings.supervision import SupervisionSection
from partnerdesk.ui.settings.wellbeing import WellbeingSection
from partnerdesk.ui.widgets.conflict_dialog import MINE, THEIRS, ChangedField, ConflictDialog, shown
from partnerdesk.ui.widgets.fitting import SCREEN_SHARE, available_geometry

SECTIONS: tuple[type[Section], ...] = (
    OrganisationSection, MoneySection, WellbeingSection, SupervisionSection, DataSection
)
WANTED = QSize(1000, 700)


class SettingsWindow(QDialog):
    """Every organisation setting in one window. `section` is the code of the section to open at."""

    #: A button asked to go to a page outside Settings ("budgets", "courses"); the window has closed.
    go_to = Signal(str)
    #: Emitted after a save, with a short message for the main window's status bar.
    saved = Signal(str)

    def __init__(self, writer: Writer, parent: QWidget | None = None, section: str | None = None):
        super().__init__(parent)
        self.writer = writer
        self.setWindowTitle(_("Settings"))
        self.sections = [kind(writer) for kind in SECTIONS]
        self.organisation = next(s for s in self.sections if isinstance(s, OrganisationSection))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Sections of the settings"))
        self.pages = QStackedWidget()
        for item in self.sections:
            self.list.addItem(_(item.title))
            scroll = QScrollArea()
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidgetResizable(True)
            scroll.setWidget(item)
            self.pages.addWidget(scroll)
            item.go_to.connect(self._go_to)
        self.list.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.list.setFixedWidth(max(self.list.sizeHintForColumn(0) + 24, 160))

        self.status = QLabel()  # said through _say(), which shows it only when there is something to say
        self.status.setObjectName("formSummary")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("What happened when you saved"))
        self.status.hide()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName(_("Save the settings of every section"))
        self.close_button = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        room = available_geometry(parent).size()
        self.resize(WANTED.boundedTo(QSize(int(room.width() * SCREEN_SHARE), int(room.height() * SCREEN_SHARE))))
        self.reload()
        self.show_section(section or SECTIONS[0].code)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)  # the arrow keys move between sections at once

    # --- sections ---------------------------------------------------------------------------------------
    def section(self, code: str) -> Section:
        """The section with that code."""
        return next(item for item in self.sections if item.code == code)

    def show_section(self, code: str) -> None:
        """Bring up a section, as if its name had been chosen in the list."""
        self.list.setCurrentRow(self.sections.index(self.section(code)))

    def current_section(self) -> Section:
        """The section on show."""
        return self.sections[self.list.currentRow()]

    def _go_to(self, where: str) -> None:
        if self.has_changes() and not self._leave_anyway():
            return
        self.accept()
        self.go_to.emit(where)

    # --- reading and saving -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Show what is saved now in every section."""
        self.values, self.versions, periods, quorums = self.writer.read(
            lambda s: (all_settings(s), setting_versions(s), organisation_periods(s), committee_quorums(s)))
        self.organisation.load_periods(periods)
        self.organisation.load_quorums(quorums)
        for item in self.sections:
            item.load(self.values)

    def typed(self) -> tuple[dict[str, Any], dict[str, str]]:
        """Every section's settings as typed, and what the boxes themselves know is wrong."""
        data: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for item in self.sections:
            values, wrong = item.values()
            data.update(values)
            problems.update(wrong)
        return data, problems

    def changes(self) -> dict[str, Any]:
        """The settings the worker changed since the window opened (or last saved), by key."""
        data, _problems = self.typed()
        return {key: value for key, value in data.items() if differs(key, value, self.values[key])}

    def has_changes(self) -> bool:
        """Whether anything typed here is not saved yet."""
        data, problems = self.typed()
        return bool(problems or self.organisation.changed_periods() or self.organisation.changed_quorums()
                    or any(differs(key, value, self.values[key]) for key, value in data.items()))

    def save(self) -> bool:
        """Save every changed setting together, or nothing; True when saved (or nothing needed saving)."""
        data, problems = self.typed()
        if problems:
            self._show_problems(problems)
            return False
        changed = {key: value for key, value in data.items() if differs(key, value, self.values[key])}
        periods, quorums = self.organisation.changed_periods(), self.organisation.changed_quorums()
        if not changed and not periods and not quorums:
            self._show_problems({})
            self._say(_("Nothing to save: no setting has been changed."))
            return True
        versions = dict(self.versions)
        while True:
            try:
                result = self.writer.run(self, lambda s: self._work(s, changed, versions, periods, quorums))
            except ValidationError as exc:
                self._show_problems(exc.messages)
                return False
            except SettingsConflict as exc:
                if not self._settle(exc, changed, versions):
                    self._say(_("Nothing was saved."))
                    return False
                continue
            except EditConflict as exc:
                who = exc.saved_by or _("Someone else")
                QMessageBox.information(self, _("Saved elsewhere"), _(
                    "{who} changed an organisation's periods or a committee's quorum while this window was open, "
                    "so nothing was saved. What is saved now is shown: please check it and save again."
                ).format(who=who))
                self.organisation.load_periods(self.writer.read(organisation_periods))
                self.organisation.load_quorums(self.writer.read(committee_quorums))
                self.organisation.load(self.values)
                return False
            if result is None:  # a database or disk failure, already explained in a message box
                return False
            break
        self._show_problems({})
        self.reload()
        message = _("Settings saved at {when}.").format(when=format_moment_uk(result)[-5:])
        self._say(message)
        self.saved.emit(message)
        return True

    @staticmethod
    def _work(session, changed: dict[str, Any], versions: dict[str, int], periods, quorums) -> Any:
        from partnerdesk.records.types import utc_now

        problems: dict[str, str] = {}
        try:
            save_settings(session, changed, versions)
        except ValidationError as exc:
            problems.update(exc.messages)
        for own, notice, papers in periods:
            try:
                set_organisation_periods(session, own.organisation_id, notice, papers, own.version)
            except ValidationError as exc:
                problems.update({period_key(own.organisation_id, key): text for key, text in exc.messages.items()})
        for own, typed in quorums:
            key = f"{own.committee_id}.quorum"
            rule, message = read_quorum(typed)
            try:
                if message:
                    raise ValidationError({key: message})
                set_committee_quorum(session, own.committee_id, rule.number, rule.numerator, rule.denominator,
                                     version=own.version)  # fmt: skip
            except ValidationError as exc:
                problems[key] = " ".join(exc.messages.values())
        if problems:
            raise ValidationError(problems)  # one transaction: nothing is kept unless everything is right
        return utc_now()

    def _settle(self, conflict: SettingsConflict, changed: dict[str, Any], versions: dict[str, int]) -> bool:
        """Ask which of the worker's values and the newer saves to keep; drop the ones they leave to the other."""
        fields = [ChangedField(key, SETTINGS[key].label, self._shown(key, changed[key]), self._shown(key, theirs),
                               MINE) for key, theirs in conflict.theirs.items()]  # fmt: skip
        when = conflict.saved_at.astimezone().strftime("%H:%M on %d/%m/%Y") if conflict.saved_at else ""
        dialog = ConflictDialog(fields, conflict.saved_by or _("someone else"), when, self)
        if dialog.exec() != ConflictDialog.DialogCode.Accepted:
            return False
        versions.update(conflict.versions)
        for key, choice in dialog.choices().items():
            if choice == THEIRS:
                del changed[key]  # theirs is saved already; the window shows it after this save
        return True

    def _shown(self, key: str, value: Any) -> str:
        """A setting's value in words for the conflict dialog: names for codes, pounds for pence."""
        clean, message = SETTINGS[key].check(value)
        value = value if message else clean
        if key == "payment_rates" and isinstance(value, dict):
            return _("{day} a day, {half} a half day").format(day=format_pounds(value["day_pence"]),
                                                              half=format_pounds(value["half_day_pence"]))
        if key == "mileage_rates" and isinstance(value, list) and value:
            # The set in force today, which is the one this window changes.
            now = rates_on(today_uk(), tuple(MileageRates.from_settings(item) for item in value))
            return _("Car or van {first}p then {after}p a mile, from {day}").format(
                first=now.car_first_pence, after=now.car_after_pence, day=format_uk(now.effective_from))
        if key in ("receipt_categories", "training_roles") and isinstance(value, list):
            vocabulary = EXPENSE_CATEGORIES if key == "receipt_categories" else ROLES
            return ", ".join(label(vocabulary, code) for code in value)
        if key == "disclosure_rule":
            return label(disclosure.RULES, value)
        return shown(value)

    def _show_problems(self, messages: dict[str, str]) -> None:
        placed = [item for item in self.sections if item.show_problems(messages)]
        if placed and self.current_section() not in placed:
            self.list.setCurrentRow(self.sections.index(placed[0]))
        if messages:
            places = ", ".join(_(item.title) for item in placed)
            self._say(_("Nothing was saved. Please fix what is marked in: {places}.").format(
                places=places) if places else " ".join(messages.values()))

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _leave_anyway(self) -> bool:
        answer = QMessageBox.question(
            self, _("Unsaved changes"), _("Some settings have been changed but not saved. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        if self.has_changes() and not self._leave_anyway():
            return
        super().reject()

    def closeEvent(self, event) -> None:  # the window's close button behaves like Close
        event.ignore()
        self.reject()
