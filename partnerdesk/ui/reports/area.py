"""The Reports area in the window's list: the monitoring return's page, built when first shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from partnerdesk.i18n import N_
from partnerdesk.ui.area import Area


class ReportsArea(Area):
    title = N_("Reports")

    def build_page(self) -> QWidget:
        from partnerdesk.ui.reports.page import ReportsPage

        return ReportsPage(self.writer, self.window)
