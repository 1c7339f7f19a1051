"""A person's data protection rights, from their form's "Data protection" button: everything we hold about them
(subject access, as a PDF or spreadsheet) and erasing them for good, with a plain explanation and a typed confirmation.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _, ngettext
from partnerdesk.rules.dates import format_uk
from partnerdesk.services.people.people import get_person
from partnerdesk.services.people.retention import old_check_ids
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.fitting import fit_to_screen


def data_rights_button(parent: QWidget, writer: Writer, person_id: str, on_erased, on_changed) -> QPushButton:
    """A "Data protection" button with its menu, for the person form's button row. on_erased() is called once the
    person has been erased (the form closes); on_changed() after their consent was withdrawn (the form reloads)."""
    # No letter of its own: every letter of its words is taken on the form; Tab reaches it.
    button = QPushButton(_("Data protection"))
    button.setAccessibleName(_("Data protection: everything we hold, consent withdrawn, or erase this person"))
    menu = QMenu(button)
    menu.addAction(_("Everything we hold about this person…"), lambda: export_everything(parent, writer, person_id))
    withdrawn = writer.read(lambda s: get_person(s, person_id).consent_withdrawn_on)
    if withdrawn is not None:
        menu.addAction(_("Consent withdrawn on {day}").format(day=format_uk(withdrawn))).setEnabled(False)
    else:
        consent = menu.addAction(_("Consent withdrawn…"), lambda: ask_and_withdraw(parent, writer, person_id,
                                                                                   on_changed))  # fmt: skip
        consent.setEnabled(not writer.read_only)
    old = len(writer.read(lambda s: old_check_ids(s, person_id)))
    if old:
        remove = menu.addAction(ngettext("Remove {count} old wellbeing check…", "Remove {count} old wellbeing checks…",
                                         old).format(count=old),
                                lambda: ask_and_remove_old_checks(parent, writer, person_id, old))  # fmt: skip
        remove.setEnabled(not writer.read_only)
    erase = menu.addAction(_("Erase this person…"), lambda: ask_and_erase(parent, writer, person_id, on_erased))
    erase.setEnabled(not writer.read_only)
    button.setMenu(menu)
    return button


def ask_and_remove_old_checks(parent: QWidget, writer: Writer, person_id: str, count: int) -> int:
    """Confirm, then remove for good the person's wellbeing checks older than the retention schedule keeps."""
    from partnerdesk.services.people.retention import remove_old_checks

    answer = QMessageBox.question(parent, _("Remove old wellbeing checks"), ngettext(
        "Remove {count} wellbeing check older than your retention schedule keeps, for good? Its notes go too. "
        "Backups made before today still hold it until they are deleted.",
        "Remove {count} wellbeing checks older than your retention schedule keeps, for good? Their notes go too. "
        "Backups made before today still hold them until they are deleted.", count).format(count=count))  # fmt: skip
    if answer != QMessageBox.StandardButton.Yes:
        return 0
    removed = writer.run(parent, lambda s: remove_old_checks(s, person_id))
    if not removed:
        return 0
    writer.store.checkpoint_after_erasure()
    writer.tell(ngettext("Removed {count} old wellbeing check.", "Removed {count} old wellbeing checks.",
                         removed).format(count=removed))  # fmt: skip
    return removed


def ask_and_withdraw(parent: QWidget, writer: Writer, person_id: str, on_changed) -> bool:
    """Confirm, then record today as the day the person withdrew their consent to be contacted."""
    from partnerdesk.services.people.consent import withdraw_consent

    if getattr(parent, "dirty", False):
        QMessageBox.information(parent, _("Consent withdrawn"), _("Please save or cancel your changes first."))
        return False
    answer = QMessageBox.question(parent, _("Consent withdrawn"), _(
        "Record that this person withdrew their consent to be contacted today? They will be left out of "
        "invitations, and Today will stop asking for their consent review. Their records stay: to remove them, "
        "use “Erase this person”."))  # fmt: skip
    if answer != QMessageBox.StandardButton.Yes:
        return False
    if writer.run(parent, lambda s: withdraw_consent(s, person_id)) is None:
        return False
    writer.tell(_("Consent withdrawn: recorded for today."))
    on_changed()
    return True


def export_everything(parent: QWidget, writer: Writer, person_id: str) -> Path | None:
    """Ask whether to include confidential notes and where to save, then write the subject access file with a
    progress dialog. Returns where it was saved, or None."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Everything we hold about this person"),
                      _("Include their confidential notes (wellbeing concerns and notes, supervision notes)?"),
                      parent=parent)  # fmt: skip
    box.setInformativeText(_("Include them only if the person asked for them and you may share them. Either way, "
                             "this export is recorded in the audit log."))  # fmt: skip
    without = box.addButton(_("&Without confidential notes"), QMessageBox.ButtonRole.AcceptRole)
    with_notes = box.addButton(_("&Include confidential notes"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(without)
    box.exec()
    if box.clickedButton() not in (without, with_notes):
        return None
    include = box.clickedButton() is with_notes
    out = _ask_where(parent)
    if out is None:
        return None
    from partnerdesk.ui.background import run_with_progress

    def work(_progress):
        from partnerdesk.exports.subject_access import export_subject_access  # openpyxl / reportlab load now

        with writer.store.reader() as session:
            return export_subject_access(session, person_id, out, include_confidential=include)

    done, rows = run_with_progress(parent, _("Everything we hold about this person"), _("Gathering the records…"),
                                   work)  # fmt: skip
    if not done:
        return None
    writer.tell(ngettext("Saved {count:,} record to {out}", "Saved {count:,} records to {out}", int(rows or 0))
                .format(count=int(rows or 0), out=out))  # fmt: skip
    return out


def _ask_where(parent: QWidget) -> Path | None:
    settings = QSettings()
    folder = Path(str(settings.value("export/folder", str(Path.home()))))
    # No name in the file's name: exports folders are often shared, and the name alone says who asked.
    suggested = folder / f"subject-access-{datetime.now():%Y-%m-%d}.pdf"
    pdf, xlsx = _("PDF document (*.pdf)"), _("Excel spreadsheet, every field (*.xlsx)")
    path, chosen = QFileDialog.getSaveFileName(parent, _("Save everything we hold"), str(suggested), f"{pdf};;{xlsx}")
    if not path:
        return None
    suffix = ".xlsx" if chosen == xlsx else ".pdf"
    out = Path(path) if path.lower().endswith((".pdf", ".xlsx")) else Path(path + suffix)
    settings.setValue("export/folder", str(out.parent))
    return out


class EraseDialog(QDialog):
    """Says what erasing goes, what is kept for the accounts and why, and that backups age out; the Erase button
    works only once the confirming word is typed."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Erase this person"))
        self.word = _("erase")
        explain = QLabel(_(
            "<p><b>Erase {name} for good?</b> This cannot be undone.</p>"
            "<p><b>What goes:</b> their details, roles, seats on committees, invitations and attendance, wellbeing "
            "checks and their confidential notes, supervision, training, programme applications, pairs and poll "
            "answers, unsaved forms and reminders about them. Where someone else's record mentions them (a "
            "meeting's contact, an action's owner) the mention goes and the record stays.</p>"
            "<p><b>What is kept, and why:</b> expense claims that were sent for approval are part of the accounts, "
            "which the organisation must keep. They keep their dates, amounts and categories, and lose the name, "
            "notes, descriptions and receipts, so nobody can tell whose they were.</p>"
            "<p><b>Backups</b> made before today still hold them until those backups are deleted in the usual "
            "way; the audit log records that an erasure happened, by record number only.</p>"
        ).format(name=escape(name)))
        explain.setWordWrap(True)
        prompt = QLabel(_("To confirm, type the word <b>{word}</b>:").format(word=self.word))
        self.typed = QLineEdit()
        self.typed.setAccessibleName(_("Type the word to confirm erasing"))
        prompt.setBuddy(self.typed)
        buttons = QDialogButtonBox()
        self.erase_button = buttons.addButton(_("&Erase for good"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self.accept)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.clicked.connect(self.reject)
        cancel.setDefault(True)
        self.typed.textChanged.connect(
            lambda text: self.erase_button.setEnabled(text.strip().casefold() == self.word.casefold()))
        layout = QVBoxLayout(self)
        for widget in (explain, prompt, self.typed):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(620, 400))
        self.typed.setFocus()


def ask_and_erase(parent: QWidget, writer: Writer, person_id: str, on_erased) -> bool:
    """Explain, ask for the typed confirmation, then erase the person; True when done."""
    from partnerdesk.services.people.erasure import erase_person

    name = writer.read(lambda s: get_person(s, person_id).full_name)
    dialog = EraseDialog(name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    erased = writer.run(parent, lambda s: erase_person(s, person_id))
    if erased is None:
        return False
    writer.store.checkpoint_after_erasure()  # so the removed rows' old pages do not wait in the -wal file
    writer.tell_everyone()
    writer.tell(ngettext("Erased: {count:,} record removed", "Erased: {count:,} records removed",
                         erased.removed_count).format(count=erased.removed_count)
                + (" " + ngettext("and {count:,} kept for the accounts without their name.",
                                  "and {count:,} kept for the accounts without their name.",
                                  erased.anonymised_count).format(count=erased.anonymised_count)
                   if erased.anonymised_count else ""))  # fmt: skip
    on_erased()
    return True
