"""Settings → Organisation: your organisation's name, the default notice and papers periods for meetings, each
partner organisation's own periods where it needs more (an NHS board may ask for 21 days' notice, say), and the
quorum each committee has agreed."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget

from partnerdesk.i18n import N_, _
from partnerdesk.rules.meetings import quorum_as_text
from partnerdesk.services.common.org_periods import OrganisationPeriods
from partnerdesk.services.common.settings import SETTINGS
from partnerdesk.services.meetings.checks import CommitteeQuorum
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.settings.section import Section, heading, note
from partnerdesk.ui.widgets.field_message import FieldMessage
from partnerdesk.ui.widgets.field_tabs import text_box

PERIODS = ("notice_days", "papers_days")


def period_key(organisation_id: str, period: str) -> str:
    """The message key for one organisation's period (the service's keys are per organisation)."""
    return f"{organisation_id}.{period}"


def _clear(grid: QGridLayout, messages: dict[str, FieldMessage], ending: str) -> None:
    """Empty a grid of per-record rows, and forget its messages (keyed "<id>.<field>")."""
    while grid.count():
        item = grid.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
    for key in [key for key in messages if "." in key and key.endswith(ending)]:
        del messages[key]


class OrganisationSection(Section):
    """The organisation's name and meeting periods, the defaults and each partner organisation's own."""

    title = N_("Organisation")
    code = "organisation"

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(writer, parent)
        form = self.form()
        self.name = self.field(form, _("Your organisation's &name"), "organisation_name",
                               text_box(SETTINGS["organisation_name"].label))
        self.notice = self.field(form, _("Notice of meetings (&days)"), "notice_days",
                                 self._days(SETTINGS["notice_days"].label))
        self.papers = self.field(form, _("&Papers before meetings (days)"), "papers_days",
                                 self._days(SETTINGS["papers_days"].label))
        self.column.addWidget(note(_(
            "Meetings are checked against these: notice sent later than this many days before a meeting, or "
            "papers sent later, is marked late.")))

        self.column.addWidget(heading(_("Partner organisations' own periods")))
        self.column.addWidget(note(_(
            "Some organisations, such as an NHS board, need more notice or more time with papers than your "
            "default. Type their own number of days here; leave a box blank to use the default. Their committees' "
            "meetings are checked against these.")))
        self.grid_holder = QWidget()
        self.grid = QGridLayout(self.grid_holder)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.column.addWidget(self.grid_holder)
        self.rows: dict[str, tuple[OrganisationPeriods, QLineEdit, QLineEdit]] = {}
        self.empty = note(_("No organisations yet: add them on the Organisations page, then set their periods "
                            "here if they need more than the default."))
        self.column.addWidget(self.empty)

        self.column.addWidget(heading(_("Quorum of each committee")))
        self.column.addWidget(note(_(
            "Each committee agrees its own quorum with its members: type a number of members, such as 4, or a share "
            "of them, such as 1/3 for a third. Leave it blank if none has been agreed: its meetings are then not "
            "checked. Pre-meetings, debriefs and other informal meetings have no quorum.")))
        self.quorum_holder = QWidget()
        self.quorum_grid = QGridLayout(self.quorum_holder)
        self.quorum_grid.setContentsMargins(0, 0, 0, 0)
        self.column.addWidget(self.quorum_holder)
        self.quorums: dict[str, tuple[CommitteeQuorum, QLineEdit]] = {}
        self.column.addStretch()

    @staticmethod
    def _days(name: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, 90)
        box.setSuffix(_(" days"))
        box.setMaximumWidth(150)
        box.setAccessibleName(name)
        return box

    def load(self, values: dict[str, Any]) -> None:
        self.name.setText(values["organisation_name"])
        self.notice.setValue(values["notice_days"])
        self.papers.setValue(values["papers_days"])
        for _own, notice, papers in self.rows.values():
            notice.setPlaceholderText(_("Default ({n})").format(n=values["notice_days"]))
            papers.setPlaceholderText(_("Default ({n})").format(n=values["papers_days"]))

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        return {"organisation_name": self.name.text(), "notice_days": self.notice.value(),
                "papers_days": self.papers.value()}, {}  # fmt: skip

    def load_periods(self, rows: list[OrganisationPeriods]) -> None:
        """Show every organisation with its own periods (blank: the default)."""
        _clear(self.grid, self.messages, "_days")
        self.rows = {}
        for column, text in enumerate((_("Organisation"), _("Notice (days)"), _("Papers (days)"))):
            self.grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        line = 1
        for own in rows:
            notice, papers = QLineEdit(), QLineEdit()
            for box, value, words in ((notice, own.notice_days, _("notice days")),
                                      (papers, own.papers_days, _("papers days"))):
                box.setText("" if value is None else str(value))
                box.setMaximumWidth(120)
                box.setAccessibleName(_("{name}: {what}").format(name=own.name, what=words))
            self.grid.addWidget(QLabel(own.name), line, 0)
            self.grid.addWidget(notice, line, 1)
            self.grid.addWidget(papers, line, 2)
            for offset, period in enumerate(PERIODS):
                message = FieldMessage(_("{name}: {what}").format(
                    name=own.name, what=_("notice days") if period == "notice_days" else _("papers days")))
                self.messages[period_key(own.organisation_id, period)] = message
                self.grid.addWidget(message, line + 1, 1 + offset)
            self.rows[own.organisation_id] = (own, notice, papers)
            line += 2
        self.grid.setColumnStretch(3, 1)
        self.grid_holder.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def load_quorums(self, rows: list[CommitteeQuorum]) -> None:
        """Show every committee with its agreed quorum (blank: none agreed)."""
        _clear(self.quorum_grid, self.messages, ".quorum")
        self.quorums = {}
        for column, text in enumerate((_("Committee"), _("Run by"), _("Quorum"))):
            self.quorum_grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        for line, own in enumerate(rows, start=1):
            box = QLineEdit(quorum_as_text(own.rule))
            box.setMaximumWidth(120)
            box.setAccessibleName(_("{name}: quorum").format(name=own.name))
            self.quorum_grid.addWidget(QLabel(own.name), 2 * line - 1, 0)
            self.quorum_grid.addWidget(QLabel(own.organisation), 2 * line - 1, 1)
            self.quorum_grid.addWidget(box, 2 * line - 1, 2)
            message = FieldMessage(_("{name}: quorum").format(name=own.name))
            self.messages[f"{own.committee_id}.quorum"] = message
            self.quorum_grid.addWidget(message, 2 * line, 0, 1, 3)
            self.quorums[own.committee_id] = (own, box)
        self.quorum_grid.setColumnStretch(3, 1)
        self.quorum_holder.setVisible(bool(rows))

    def changed_quorums(self) -> list[tuple[CommitteeQuorum, str]]:
        """The committees whose quorum was changed here: (as read, what was typed)."""
        return [(own, box.text().strip()) for own, box in self.quorums.values()
                if box.text().replace(" ", "") != quorum_as_text(own.rule)]  # fmt: skip

    def changed_periods(self) -> list[tuple[OrganisationPeriods, str, str]]:
        """The organisations whose periods were changed here: (as read, notice typed, papers typed)."""
        changed = []
        for own, notice, papers in self.rows.values():
            typed = (notice.text().strip(), papers.text().strip())
            if typed != tuple("" if v is None else str(v) for v in (own.notice_days, own.papers_days)):
                changed.append((own, *typed))
        return changed
