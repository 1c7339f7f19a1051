"""The Wellbeing area (checks, follow-ups, debriefs, histories) and the Supervision and training area, with their
menu entries, the settings and the two anonymised figure exports. Forms and pages load when first needed."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QMenu, QWidget

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.rules import roles
from partnerdesk.ui.area import Area
from partnerdesk.ui.permissions import forbid

#: The wellbeing check form's name for its drafts (services.drafts); kept here so restoring needs no form import.
CHECK_FORM = "wellbeing_check"


class WellbeingArea(Area):
    title = N_("Wellbeing")
    draft_forms = (CHECK_FORM,)
    record_kinds = ("wellbeing_check", "debrief", "wellbeing_history")

    def build_page(self) -> QWidget:
        from partnerdesk.ui.wellbeing.wellbeing_page import WellbeingPage

        page = WellbeingPage(self.writer)
        page.new_check.connect(lambda: self.open_check(None))
        page.open_check.connect(self.open_check)
        page.run_debrief.connect(self.choose_debrief)
        page.show_history.connect(self.show_history)
        page.mark_done.connect(self.mark_done)
        return page

    def add_menu_entries(self, file_menu: QMenu) -> None:
        self.window.add_action(file_menu, _("New &wellbeing check…"), lambda: self.open_check(None), "Ctrl+Shift+W")
        self.window.add_action(file_menu, _("R&un a debrief after a meeting…"), self.choose_debrief)
        forbid(self.window.add_action(file_menu, _("Wellbeing settin&gs…"), self.edit_settings), roles.SETTINGS_CHANGE)

    def open_check(self, check_id: str | None, preset: dict | None = None, draft: dict | None = None) -> None:
        """Open the wellbeing check form (a new check when check_id is None)."""
        from partnerdesk.ui.wellbeing.check_form import CheckForm

        CheckForm(self.writer, check_id, preset, self.window, draft).exec()

    def choose_debrief(self) -> None:
        """Ask which recent meeting, then open its debrief."""
        from partnerdesk.ui.wellbeing.meeting_chooser import MeetingChooser

        chooser = MeetingChooser(self.writer, self.window)
        if chooser.exec() and chooser.meeting_id():
            self.run_debrief(chooser.meeting_id())

    def run_debrief(self, meeting_id: str) -> None:
        from partnerdesk.ui.wellbeing.debrief_dialog import DebriefDialog

        dialog = DebriefDialog(self.writer, meeting_id, self.window)
        dialog.saved.connect(self._debrief_saved)
        dialog.exec()

    def _debrief_saved(self, n: int) -> None:
        saved = ngettext("Debrief saved: {n} check recorded.", "Debrief saved: {n} checks recorded.", n)
        self.window.statusBar().showMessage(saved.format(n=n), 10000)

    def show_history(self, person_id: str) -> None:
        from partnerdesk.ui.wellbeing.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.writer, person_id, self.window)
        dialog.open_check.connect(self.open_check)
        dialog.exec()

    def mark_done(self, check_id: str, person_name: str) -> None:
        from partnerdesk.ui.wellbeing.follow_up_dialog import FollowUpDoneDialog

        FollowUpDoneDialog(self.writer, check_id, person_name, self.window).exec()

    def edit_settings(self) -> None:
        """A shortcut to the Wellbeing section of the Settings window."""
        self.window.open_settings("wellbeing")

    def open_record(self, kind: str, record_id: str) -> None:
        if kind == "debrief":
            self.run_debrief(record_id)
        elif kind == "wellbeing_history":
            self.show_history(record_id)
        else:
            self.open_check(record_id)

    def restore_draft(self, form: str, record_id: str | None, payload: dict) -> None:
        self.open_check(record_id, draft=payload)

    # --- the anonymised figures ---------------------------------------------------------------------------------
    def export_figures(self, which: str) -> bool:
        """Ask where to save, then write the anonymised wellbeing or supervision-and-training figures."""
        title = _("Export wellbeing figures") if which == "wellbeing" else _("Export supervision and training figures")
        out = self.window.ask_save_path(title, f"{which}-figures-{datetime.now():%Y-%m-%d}.xlsx",
                                        _("Excel spreadsheet"), ".xlsx")  # fmt: skip
        if out is None:
            return False
        from partnerdesk.ui.background import run_with_progress

        def work(_progress):
            from partnerdesk.exports import figures  # openpyxl loads only when exporting

            export = figures.export_wellbeing if which == "wellbeing" else figures.export_supervision
            with self.writer.store.reader() as session:
                return export(session, out)

        done, _rows = run_with_progress(self.window, title, _("Writing the figures…"), work)
        if done:
            self.window.statusBar().showMessage(
                _("Saved the anonymised figures (no names, no notes) to {out}").format(out=out), 10000
            )
        return done


class SupervisionArea(Area):
    title = N_("Supervision")
    record_kinds = ("supervision_pair", "supervision_session", "training_person")

    def build_page(self) -> QWidget:
        from partnerdesk.ui.wellbeing.supervision_page import SupervisionPage

        return SupervisionPage(self.writer, self.window)

    def add_menu_entries(self, file_menu: QMenu) -> None:
        self.window.add_action(file_menu, _("New supervision sess&ion…"), lambda: self.page.new_session())
        wellbeing = self.window.area(WellbeingArea)
        file_menu.addSeparator()
        self.window.add_action(file_menu, _("Export wellbeing figures…"), lambda: wellbeing.export_figures("wellbeing"))
        self.window.add_action(file_menu, _("Export supervision and training figures…"),
                               lambda: wellbeing.export_figures("supervision"))  # fmt: skip

    def open_record(self, kind: str, record_id: str) -> None:
        self.window.show_area(self)
        if kind == "supervision_pair":
            self.page.session_for_pair(record_id)
        elif kind == "supervision_session":
            self.page.open_session(record_id)
        else:
            self.page.record_training(record_id)
