"""One Settings window (Edit → Settings…) for everything the organisation sets: its name and meeting periods,
money, wellbeing, supervision and training, and its data (backups, disclosure control)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from partnerdesk.ui.main_window import MainWindow


def open_settings(window: MainWindow, section: str | None = None) -> bool:
    """Open the Settings window over the main window, at a section ("organisation", "money", "wellbeing",
    "supervision", "data"); its buttons to budget headings and courses go to those pages. True when the worker
    saved."""
    from PySide6.QtWidgets import QDialog

    from partnerdesk.ui.settings.window import SettingsWindow

    dialog = SettingsWindow(window.writer, window, section)
    dialog.saved.connect(lambda message: window.statusBar().showMessage(message, 10000))
    dialog.go_to.connect(lambda where: _go_to(window, where))
    return dialog.exec() == QDialog.DialogCode.Accepted


def _go_to(window: MainWindow, where: str) -> None:
    from partnerdesk.ui.expenses.area import ExpensesArea
    from partnerdesk.ui.wellbeing.area import SupervisionArea

    if where == "budgets":
        area = window.area(ExpensesArea)
        window.show_area(area)
        area.page.show_budgets()
    elif where == "courses":
        area = window.area(SupervisionArea)
        window.show_area(area)
        area.page.tabs.setCurrentWidget(area.page.courses.parentWidget())
