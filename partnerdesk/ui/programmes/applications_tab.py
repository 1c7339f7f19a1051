"""The Applications tab: everyone who has applied to the chosen programme (person, side, organisation, role,
status), with New and Change."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.rules.programmes import APPLICATION_STATUSES
from partnerdesk.services.programmes.names import organisation_names, people_names
from partnerdesk.services.programmes.pairs import paired_people
from partnerdesk.services.programmes.programmes import applications_for, get_programme
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.programmes.tab import ProgrammeTab
from partnerdesk.ui.wellbeing.common import ID_ROLE, fill_table, read_only_table, selected_id
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty
from partnerdesk.ui.widgets.fitting import ButtonRow

HEADINGS = (N_("Person"), N_("Side"), N_("Organisation"), N_("Role"), N_("Status"))
WATCHED = ("programmes", "programme_applications", "programme_pairs", "people", "organisations")


class ApplicationsTab(ProgrammeTab):
    """The chosen programme's applications."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(writer, parent)
        self.counts = QLabel()
        self.counts.setObjectName("hint")
        self.counts.setWordWrap(True)
        self.table = read_only_table(HEADINGS, _("Applications to the programme"), (150, 130, 140, 120))
        self.table.doubleClicked.connect(lambda _index: self.change_application())
        self.empty = show_when_empty(
            self.table,
            NextStep(_("No applications yet. Record each person's application: pairs are suggested once both sides "
                       "have applicants."), _("New application…"), self.new_application),
            NextStep(_("Choose a programme to see its applications.")),
            lambda: self.programme_id is None,
        )  # fmt: skip
        self.new_button = QPushButton(_("N&ew application…"))
        self.new_button.setAccessibleName(_("Record a new application to the programme"))
        self.new_button.clicked.connect(self.new_application)
        self.change_button = QPushButton(_("Chan&ge application…"))
        self.change_button.setAccessibleName(_("Change the selected application"))
        self.change_button.clicked.connect(self.change_application)
        buttons = ButtonRow(_("More application actions"))
        buttons.add(self.change_button)
        buttons.add(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        writer.watch(self, WATCHED, self.refresh)

    def refresh(self) -> None:
        """Read the chosen programme's applications again."""
        programme_id = self.programme_id
        if programme_id is None:
            fill_table(self.table, [])
            self.counts.setText("")
            self.empty.update_state()  # no row came or went, but what an empty list says has changed
            return

        def read(session):
            programme = get_programme(session, programme_id)
            sides = {"a": programme.side_a_name, "b": programme.side_b_name}
            rows, on_side = [], []
            applications = applications_for(session, programme_id)
            people = people_names(session, (a.person_id for a in applications))
            organisations = organisation_names(session, (a.organisation_id for a in applications))
            paired = paired_people(session, programme_id)  # "Applied" alone would not say who still needs a partner
            for application in applications:
                rows.append((application.id, [
                    people.get(application.person_id, ""), sides.get(application.side, ""),
                    organisations.get(application.organisation_id or "", ""), application.role or "",
                    _("In a pair") if application.person_id in paired else
                    _(APPLICATION_STATUSES.get(application.status, application.status)),
                ], False))  # fmt: skip
                on_side.append(application.side)
            return sides, rows, on_side

        sides, rows, on_side = self.writer.read(read)
        chosen = selected_id(self.table)
        fill_table(self.table, rows)
        self.empty.update_state()
        self.select(chosen)
        parts = []
        for code in ("a", "b"):
            count = on_side.count(code)
            parts.append(ngettext("{side}: {n} applicant", "{side}: {n} applicants", count).format(
                side=sides[code], n=count))  # fmt: skip
        self.counts.setText(" · ".join(parts))

    def select(self, application_id: str | None) -> None:
        """Select an application's row (nothing happens if it is not listed)."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(ID_ROLE) == application_id:
                self.table.selectRow(row)

    def new_application(self) -> str | None:
        """Record an application to the chosen programme; returns its id once saved."""
        return self._open(None)

    def change_application(self) -> str | None:
        """Open the selected application."""
        application_id = selected_id(self.table)
        return self._open(application_id) if application_id else None

    def _open(self, application_id: str | None) -> str | None:
        if self.programme_id is None:
            return None
        from partnerdesk.ui.programmes.application_form import ApplicationForm

        form = ApplicationForm(self.writer, self.programme_id, application_id, self)
        form.exec()
        if form.saved_id is not None:
            self.refresh()
            self.select(form.saved_id)
        return form.saved_id
