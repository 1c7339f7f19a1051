"""The Programmes area in the window's list: mentoring and buddying programmes, built when first shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from partnerdesk.i18n import N_
from partnerdesk.ui.area import Area


class ProgrammesArea(Area):
    title = N_("Programmes")
    # Ctrl+1 to Ctrl+9 already go to the nine areas that were there first, so they keep their keys.
    shortcut = "Ctrl+Shift+P"

    def build_page(self) -> QWidget:
        from partnerdesk.ui.programmes.page import ProgrammesPage

        return ProgrammesPage(self.writer, self.window)
