"""Organisations and the committees, boards and groups they run."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _
from partnerdesk.records import vocab
from partnerdesk.services.common.errors import EditConflict, ValidationError
from partnerdesk.services.people.organisations import (
    delete_committee,
    delete_organisation,
    list_committees,
    list_organisations,
    save_committee,
    save_organisation,
)
from partnerdesk.ui.feedback import select_saved
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.conflict_dialog import MINE, THEIRS, ChangedField, ConflictDialog, shown
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty
from partnerdesk.ui.widgets.field_message import FieldMessage
from partnerdesk.ui.widgets.fitting import short_combo

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class NamedRecordDialog(QDialog):
    """A small form with a name, one drop-down and notes; saving is handed in as `save(name, choice, notes)`."""

    def __init__(self, title: str, choice_label: str, choice: QComboBox, save, parent: QWidget | None = None,
                 choice_key: str = "kind"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.version: int | None = None  # the record's version when opened: save() passes it to the service
        self.opened: dict[str, str] = {}
        self._keys = {"name": (_("Name"), self.name_box), choice_key: (choice_label.replace("&", ""), self.choice_box),
                      "notes": (_("Notes"), self.notes_box)}
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Name"))
        self.choice = choice
        self.notes = QLineEdit()
        self.notes.setAccessibleName(_("Notes"))
        self.message = FieldMessage(_("this form"))
        form = QFormLayout()
        form.addRow(_("&Name"), self.name)
        form.addRow(choice_label, self.choice)
        form.addRow(_("N&otes"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def loaded(self, version: int) -> None:
        """The record's details are on the form now, as read at version."""
        self.version = version
        self.opened = {key: box() for key, (_label, box) in self._keys.items()}

    def name_box(self, value=None, *, put: bool = False) -> str:
        if put:
            self.name.setText(value or "")
        return self.name.text()

    def choice_box(self, value=None, *, put: bool = False) -> str:
        if put:
            self.choice.setCurrentIndex(max(self.choice.findData(value), 0))
        index = self.choice.findData(value) if value is not None else self.choice.currentIndex()
        return self.choice.itemText(index) if index >= 0 else shown(value)

    def notes_box(self, value=None, *, put: bool = False) -> str:
        if put:
            self.notes.setText(value or "")
        return self.notes.text()

    def accept(self) -> None:
        try:
            done = self._save(self.name.text(), self.choice.currentData(), self.notes.text())
        except ValidationError as exc:
            self.message.show_message(" ".join(exc.messages.values()))
            return
        except EditConflict as exc:
            if self._settle(exc):
                self.accept()  # again, against the newer version, with the worker's choices
            return
        if done is not None:
            super().accept()

    def _settle(self, conflict: EditConflict) -> bool:
        """Ask how to combine this form with the newer save (as FormDialog does for the larger forms)."""
        fields = []
        for key, theirs in conflict.theirs.items():
            label, box = self._keys[key]
            mine = box()
            untouched = self.opened.get(key) == mine  # then only the newer save changed it: start from theirs
            fields.append(ChangedField(key, label, shown(mine), box(theirs) if key not in ("name", "notes")
                                       else shown(theirs), THEIRS if untouched else MINE))  # fmt: skip
        when = conflict.saved_at.astimezone().strftime("%H:%M on %d/%m/%Y") if conflict.saved_at else ""
        dialog = ConflictDialog(fields, conflict.saved_by or _("someone else"), when, self)
        if dialog.exec() != ConflictDialog.DialogCode.Accepted:
            return False
        for key, choice in dialog.choices().items():
            if choice == THEIRS:
                self._keys[key][1](conflict.theirs[key], put=True)
        self.version = conflict.version
        return True


class OrganisationsPage(QWidget):
    """Two lists: organisations, and the committees of the one selected."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        title = QLabel(_("Organisations and committees"))
        title.setObjectName("pageTitle")
        self.organisations = QListWidget()
        self.organisations.setAccessibleName(_("Organisations"))
        self.committees = QListWidget()
        self.committees.setAccessibleName(_("Committees of the selected organisation"))
        self.organisations.currentItemChanged.connect(lambda *_: self._fill_committees())
        self.organisations.itemActivated.connect(lambda _i: self.edit_organisation())
        self.committees.itemActivated.connect(lambda _i: self.edit_committee())
        show_when_empty(self.organisations, NextStep(
            _("No organisations yet. Add the health boards, councils and other bodies your representatives sit on."),
            _("Add organisation"), self.add_organisation))
        show_when_empty(self.committees, NextStep(_("No committees for this organisation yet."), _("Add committee"),
                                                  self.add_committee),
                        NextStep(_("Add an organisation first, then its committees, boards and groups here.")),
                        lambda: self._current(self.organisations) is None)
        select_saved(writer, self.organisations, ("organisations",), ID_ROLE)
        select_saved(writer, self.committees, ("committees",), ID_ROLE)

        grid = QGridLayout()
        org_label, com_label = QLabel(_("O&rganisations")), QLabel(_("Co&mmittees, boards and groups"))
        org_label.setBuddy(self.organisations)
        com_label.setBuddy(self.committees)
        grid.addWidget(org_label, 0, 0)
        grid.addWidget(com_label, 0, 1)
        grid.addWidget(self.organisations, 1, 0)
        grid.addWidget(self.committees, 1, 1)
        grid.addLayout(
            self._buttons((_("Add organisation…"), self.add_organisation), (_("Change…"), self.edit_organisation),
                          (_("Delete"), self.delete_organisation)), 2, 0)
        grid.addLayout(
            self._buttons((_("Add committee…"), self.add_committee), (_("Change…"), self.edit_committee),
                          (_("Delete"), self.delete_committee)), 2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(grid)
        self._loaded = False
        writer.watch(self, ("people", "person_roles", "memberships", "committees", "organisations"), self._changed)

    def showEvent(self, event) -> None:
        # Read when first shown, not when the window is built, so PartnerDesk opens quickly.
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    def _changed(self) -> None:
        if self._loaded:
            self.refresh()

    @staticmethod
    def _buttons(*specs) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in specs:
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch()
        return row

    def refresh(self) -> None:
        """Re-read both lists, keeping the selected organisation selected."""
        self._loaded = True
        current = self._current(self.organisations)
        rows = self.writer.read(lambda s: [(o.id, o.name, o.kind) for o in list_organisations(s)])
        self.organisations.blockSignals(True)
        self.organisations.clear()
        for org_id, name, kind in rows:
            item = QListWidgetItem(f"{name}  ·  {vocab.label(vocab.ORGANISATION_KINDS, kind)}", self.organisations)
            item.setData(ID_ROLE, org_id)
            if org_id == current:
                self.organisations.setCurrentItem(item)
        self.organisations.blockSignals(False)
        if self.organisations.currentRow() < 0 and rows:
            self.organisations.setCurrentRow(0)
        self._fill_committees()

    def _fill_committees(self) -> None:
        org_id = self._current(self.organisations)
        rows = self.writer.read(lambda s: [(c.id, c.name) for c in list_committees(s) if c.organisation_id == org_id])
        self.committees.clear()
        for committee_id, name in rows:
            QListWidgetItem(name, self.committees).setData(ID_ROLE, committee_id)

    @staticmethod
    def _current(widget: QListWidget) -> str | None:
        item = widget.currentItem()
        return item.data(ID_ROLE) if item else None

    def _organisation_dialog(self, org_id: str | None) -> None:
        kind = ChoiceCombo(vocab.ORGANISATION_KINDS, _("Kind of organisation"))

        def save(name, kind_code, notes):
            return self.writer.run(dialog, lambda s: save_organisation(s, name, kind_code, notes, org_id,
                                                                       dialog.version))

        dialog = NamedRecordDialog(_("Organisation"), _("&Kind"), kind, save, self)
        if org_id:
            org = next(o for o in self.writer.read(list_organisations) if o.id == org_id)
            dialog.name.setText(org.name)
            kind.set_code(org.kind)
            dialog.notes.setText(org.notes or "")
            dialog.loaded(org.version)
        dialog.exec()

    def _committee_dialog(self, committee_id: str | None) -> None:
        orgs = short_combo()
        orgs.setAccessibleName(_("Organisation that runs it"))
        for org in self.writer.read(list_organisations):
            orgs.addItem(org.name, org.id)
        orgs.setCurrentIndex(max(orgs.findData(self._current(self.organisations)), 0))

        def save(name, org_id, notes):
            return self.writer.run(dialog, lambda s: save_committee(s, org_id, name, notes, committee_id,
                                                                    dialog.version))

        dialog = NamedRecordDialog(_("Committee, board or group"), _("Run &by"), orgs, save, self, "organisation_id")
        if committee_id:
            committee = next(c for c in self.writer.read(list_committees) if c.id == committee_id)
            dialog.name.setText(committee.name)
            orgs.setCurrentIndex(max(orgs.findData(committee.organisation_id), 0))
            dialog.notes.setText(committee.notes or "")
            dialog.loaded(committee.version)
        dialog.exec()

    def add_organisation(self) -> None:
        self._organisation_dialog(None)

    def edit_organisation(self) -> None:
        if org_id := self._current(self.organisations):
            self._organisation_dialog(org_id)

    def add_committee(self) -> None:
        if self.organisations.count() == 0:
            QMessageBox.information(self, _("Add committee"), _("Please add the organisation that runs it first."))
            return
        self._committee_dialog(None)

    def edit_committee(self) -> None:
        if committee_id := self._current(self.committees):
            self._committee_dialog(committee_id)

    def _confirm_delete(self, widget: QListWidget) -> str | None:
        item = widget.currentItem()
        if item is None:
            return None
        answer = QMessageBox.question(self, _("Delete to Bin"), _("Move {text} to the Bin?").format(text=item.text()))
        return item.data(ID_ROLE) if answer == QMessageBox.StandardButton.Yes else None

    def delete_organisation(self) -> None:
        if org_id := self._confirm_delete(self.organisations):
            try:
                self.writer.run(self, lambda s: delete_organisation(s, org_id))
            except ValidationError as exc:
                QMessageBox.information(self, _("Cannot delete yet"), " ".join(exc.messages.values()))

    def delete_committee(self) -> None:
        if committee_id := self._confirm_delete(self.committees):
            self.writer.run(self, lambda s: delete_committee(s, committee_id))
