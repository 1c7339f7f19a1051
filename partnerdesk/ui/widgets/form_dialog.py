"""What every record form shares: the window's close button acts like Cancel, Enter moves on rather than
saving, one way of asking about unsaved changes, drafts kept while typing (offered back after a crash), and the
choice between this form and a newer save of the same record (never a silent overwrite)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QDialog, QDialogButtonBox, QLabel, QMessageBox

from partnerdesk.i18n import N_, _
from partnerdesk.services.common import drafts
from partnerdesk.services.common.errors import EditConflict, ValidationError
from partnerdesk.ui.widgets import field_tabs
from partnerdesk.ui.widgets.conflict_dialog import MINE, THEIRS, ChangedField, ConflictDialog, shown

Button = QMessageBox.StandardButton
DRAFT_DELAY_MS = 800  # a pause in typing this long saves a draft


class FormDialog(QDialog):
    """A record's form. Closing it with changes not saved asks whether to save them (reject); a form says so by
    setting `dirty`, and words the question in `unsaved_question`.

    A form that keeps drafts calls keep_drafts() once, draft_later() whenever the person changes something, and
    implements draft_contents() and draft_record_id(); save_draft() and discard_draft() do the rest.
    """

    draft_form = ""  # the name drafts of this form are kept under (services.drafts)
    dirty = False  # changes typed since the form was opened or last saved
    unsaved_question = N_("You have changes that are not saved. Save them now?")
    # Forms whose save() closes them (accept) have nothing left to close after Save; others stay open until then.
    closes_on_save = False
    # The record's version when the form was opened, and the values it showed then: the service refuses a save
    # over a newer version (EditConflict), and the values tell which fields the worker has changed since.
    opened_version: int | None = None
    opened_values: dict[str, Any] = {}  # noqa: RUF012 -- replaced, never changed in place
    # The record is someone else's and the signed-in person's role may change only their own (access.may_change):
    # the form shows it in full, with no Save, Delete or other change that would only be refused.
    view_only = False

    def wire_buttons(self, buttons: QDialogButtonBox) -> None:
        """The form's Save (also Ctrl+S) calls save() and its Cancel calls reject()."""
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

    def write(self, work, data: dict[str, Any] | None = None) -> Any:
        """Run work in one transaction through the form's writer. When the input can't be saved, each message is
        shown by its field (show_problems) and None is returned; nothing was saved.

        work passes self.opened_version to the service and saves data (the form's values by field). When someone
        else saved the record since the form opened, the worker chooses field by field in the conflict dialog;
        their choices go into data and the form, and work runs again against the newer version."""
        while True:
            self._saved_version: int | None = None
            try:
                result = self.writer.run(self, work)
                if result is not None and self._saved_version is not None:
                    # Forms that stay open after saving: later saves are checked against this one.
                    self.opened_version = self._saved_version
                    self.opened_values = dict(data or {})
                return result
            except ValidationError as exc:
                self.show_problems(exc.messages)
                return None
            except EditConflict as exc:
                if data is None:  # a form that cannot merge: say so rather than save over the newer details
                    QMessageBox.warning(self, _("Saved elsewhere"), _(
                        "{saved_by} saved this record after you opened it, so nothing was saved. Please close this "
                        "form and open the record again to see their changes."
                    ).format(
                        saved_by=exc.saved_by or _('Someone else'),
                    ))
                    return None
                if not self.settle_conflict(exc, data):
                    return None

    def settle_conflict(self, conflict: EditConflict, data: dict[str, Any]) -> bool:
        """Ask how to combine this form with the newer save; put the choices into data and the form's fields.
        Returns False when the worker cancels (nothing saved, the form keeps what they typed)."""

        def untouched(key: str) -> bool:  # the newer save is then the only change, so the choice starts from it
            return key in self.opened_values and shown(self.opened_values[key]) == shown(data.get(key))

        fields = [
            ChangedField(key, self.field_label(key), self.shown_value(key, data.get(key)),
                         self.shown_value(key, theirs), THEIRS if untouched(key) else MINE)
            for key, theirs in conflict.theirs.items()
        ]
        when = conflict.saved_at.astimezone().strftime("%H:%M on %d/%m/%Y") if conflict.saved_at else ""
        dialog = ConflictDialog(fields, conflict.saved_by or _("someone else"), when, self)
        if dialog.exec() != ConflictDialog.DialogCode.Accepted:
            return False
        for key, choice in dialog.choices().items():
            if choice == THEIRS:
                data[key] = conflict.theirs[key]
                self.show_value(key, conflict.theirs[key])
        self.opened_version = conflict.version
        self.opened_values = {**self.opened_values, **conflict.theirs}
        return True

    def track(self, record: Any) -> Any:
        """Call inside work with the record just saved: once the save is committed, the form counts as opened at
        the record's new version. Returns the record."""
        self._saved_version = record.version
        return record

    def field_label(self, key: str) -> str:
        """The label a field is shown by in the conflict dialog: its caption on the form where there is one."""
        message = getattr(getattr(self, "fields", None), "messages", {}).get(key)
        if message is not None:
            return message.accessibleName().removeprefix("Problem with ")
        return key.replace("_", " ").capitalize()

    def shown_value(self, key: str, value: Any) -> str:
        """A field's value as the worker reads it, for the conflict dialog (forms may name their codes)."""
        return shown(value)

    def show_value(self, key: str, value: Any) -> None:
        """Put a value chosen in the conflict dialog into the form's field (forms built on FieldTabs need nothing
        more; others override this)."""
        widget = getattr(getattr(self, "fields", None), "widgets", {}).get(key)
        if widget is not None:
            field_tabs.show_value(widget, value)

    def show_problems(self, messages: dict[str, str]) -> None:
        """Show each message by the field it is about (forms that save through write() provide this)."""
        raise NotImplementedError

    def ask_to_save(self, question: str) -> QMessageBox.StandardButton:
        """Ask whether to save unsaved changes: Save, Discard or Cancel (Save is the default).

        A read-only database cannot keep them, so they are let go without asking."""
        if self.writer.read_only or self.view_only:
            return Button.Discard
        return QMessageBox.question(
            self, _("Unsaved changes"), question, Button.Save | Button.Discard | Button.Cancel, Button.Save
        )

    def reject(self) -> None:
        """Close (Cancel, Escape or the window's close button). With changes not saved, ask first: Save saves and
        closes (a save that fails keeps the form open), Discard throws the changes and their draft away, Cancel
        goes back to the form."""
        if self.dirty:
            answer = self.ask_to_save(_(self.unsaved_question))
            if answer == Button.Cancel:
                return
            if answer == Button.Save:
                if not self.save() or self.closes_on_save:
                    return
            elif answer == Button.Discard and self.draft_form:
                self.writer.run(self, lambda s: self.discard_draft(s, self.draft_record_id()), quiet=True)
        super().reject()

    def save(self) -> bool:
        """Check and save the form; True when saved (forms that can hold unsaved changes provide this)."""
        raise NotImplementedError

    def showEvent(self, event) -> None:  # noqa: N802 -- Qt's name
        super().showEvent(event)
        if self.view_only and not getattr(self, "_view_only_shown", False):
            self._view_only_shown = True  # once the form's panels are all built
            from partnerdesk.ui.permissions import hide_writing, read_only_fields

            hide_writing(self)
            read_only_fields(self)
            self.setWindowTitle(_("{title} (view only: someone else recorded it)").format(title=self.windowTitle()))
            note = QLabel(_("You can read this but not change it: someone else recorded it, and your role changes "
                            "only the records you made yourself."))  # fmt: skip
            note.setObjectName("viewOnlyNote")  # the read-only window's banner colours: reading, not an error
            note.setWordWrap(True)
            note.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable by Tab, so a screen reader reads it out
            note.setAccessibleName(_("View only"))
            note.setAccessibleDescription(note.text())
            layout = self.layout()
            if isinstance(layout, QBoxLayout):  # every form's outer layout is a column
                layout.insertWidget(0, note)
                note.show()  # the form's own children were shown just before this event

    def closeEvent(self, event) -> None:  # the window's close button behaves like Cancel
        event.ignore()
        self.reject()

    def keyPressEvent(self, event) -> None:
        # Enter in a one-line box would otherwise press Save by surprise; only Ctrl+S or the button saves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    # --- drafts -----------------------------------------------------------------------------------------
    def keep_drafts(self, form: str) -> None:
        self.draft_form = form
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)

    def draft_later(self) -> None:
        """Something was typed: save a draft once typing pauses."""
        self._draft_timer.start()

    def draft_record_id(self) -> str | None:
        """The id of the record this form's draft belongs to (None while the record is new)."""
        return None

    def draft_contents(self) -> tuple[str | None, str, dict[str, Any]]:
        """The record's id (None when new), a title to offer it back by, and everything typed (JSON-friendly)."""
        raise NotImplementedError

    def save_draft(self) -> None:
        """Keep what has been typed so far, in case the computer crashes before Save."""
        if self.view_only:
            return  # nothing typed here can be saved, so nothing is kept
        record_id, title, payload = self.draft_contents()
        self.writer.run(self, lambda s: drafts.save_draft(s, self.draft_form, record_id, title, payload), quiet=True)

    def discard_draft(self, session, record_id: str | None) -> None:
        """Forget this form's draft (call inside the transaction that saves, or after Discard)."""
        self._draft_timer.stop()
        drafts.discard_draft(session, self.draft_form, record_id)
