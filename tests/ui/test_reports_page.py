"""The Reports page: a worker picks a quarter, reads the Summary figures and exports the return, with names only
after saying yes twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from partnerdesk.rules.quarters import Quarter
from partnerdesk.ui.reports.area import ReportsArea
from tests.builders import add_check, add_person
from tests.integration.test_monitoring_pdf import text_lines

Button = pytest.importorskip("PySide6.QtWidgets").QMessageBox.StandardButton


@pytest.fixture
def reports(window, store):
    for number in range(6):
        person = add_person(store, full_name=f"Reported Person {number}")
        add_check(store, person, at=datetime(2026, 5, 12 + number, 11, tzinfo=UTC))
    area = window.area(ReportsArea)
    window.show_area(area)
    area.page.choose_quarter(Quarter(2026, 1))
    return area.page


def test_reports_come_after_the_other_areas_in_the_list(window):
    titles = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert titles.index("Reports") == titles.index("Organisations") + 1


def test_a_quarter_shows_its_summary_figures(reports):
    figures = reports.figures()
    assert figures["People engaged"][2] == "6"
    assert figures["Wellbeing checks done"][2] == "6"
    assert figures["Meetings supported"][2] == "0"
    assert (reports.date_from.text(), reports.date_to.text()) == ("01/04/2026", "30/06/2026")
    assert "April 2026 to June 2026" in reports.note.text()


def test_another_quarter_has_its_own_figures(reports):
    reports.choose_quarter(Quarter(2026, 2))
    assert reports.figures()["People engaged"][2] == "0"


def test_own_dates_typed_wrongly_get_a_plain_message_and_keep_the_figures(qtbot, reports):
    reports.quarter.setCurrentIndex(reports.quarter.findData("custom"))
    reports.date_from.setText("31/02/2026")
    reports.date_to.setText("30/06/2026")
    qtbot.mouseClick(reports.show_button, Qt.MouseButton.LeftButton)
    assert reports.problem.isVisible() and "not a real date" in reports.problem.text()
    reports.date_from.setText("01/07/2026")
    qtbot.mouseClick(reports.show_button, Qt.MouseButton.LeftButton)
    assert "after the 'to' date" in reports.problem.text()
    assert reports.figures()["People engaged"][2] == "6"  # still the last figures worked out
    reports.choose_dates(date(2026, 5, 1), date(2026, 5, 31))
    assert not reports.problem.isVisible()
    assert reports.figures()["People engaged"][2] == "6"


def _sheets(path) -> dict:
    book = load_workbook(path)
    return {sheet.title: [row for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def test_export_writes_the_anonymised_return_for_the_quarter_on_show(qtbot, reports, dialogs, tmp_path):
    out = tmp_path / "q1.xlsx"
    dialogs.save_as.append(str(out))
    qtbot.mouseClick(reports.export_button, Qt.MouseButton.LeftButton)
    sheets = _sheets(out)
    assert list(sheets) == ["Summary", "Equality", "Meetings", "Expenses", "Definitions"]
    assert ("Names included", "No: this file names nobody", None, None, None, None) in sheets["Summary"]
    assert ("People", "People engaged", 6, None, None, None) in sheets["Summary"]
    assert not any("Reported Person" in str(cell) for rows in sheets.values() for row in rows for cell in row)
    assert dialogs.asked == []  # no names asked for, no question


def test_names_go_in_only_after_the_box_is_ticked_and_the_worker_says_yes(qtbot, reports, dialogs, tmp_path):
    reports.named.setChecked(True)
    dialogs.answers.append(Button.No)
    dialogs.save_as.append(str(tmp_path / "said-no.xlsx"))
    qtbot.mouseClick(reports.export_button, Qt.MouseButton.LeftButton)
    assert "naming everyone engaged" in dialogs.asked[-1]
    assert "Named people" not in _sheets(tmp_path / "said-no.xlsx")
    assert not reports.named.isChecked()

    reports.named.setChecked(True)
    dialogs.answers.append(Button.Yes)
    dialogs.save_as.append(str(tmp_path / "said-yes.xlsx"))
    qtbot.mouseClick(reports.export_button, Qt.MouseButton.LeftButton)
    sheets = _sheets(tmp_path / "said-yes.xlsx")
    assert sorted(row[0] for row in sheets["Named people"][1:]) == [f"Reported Person {n}" for n in range(6)]
    assert any(row[0] == "Names included" and row[1].startswith("Yes") for row in sheets["Summary"])


def test_export_pdf_writes_the_summary_with_charts_and_never_asks_about_names(qtbot, reports, dialogs, tmp_path):
    reports.named.setChecked(True)  # the named sheet is the spreadsheet's: the PDF names nobody, so nothing is asked
    out = tmp_path / "q1.pdf"
    dialogs.save_as.append(str(out))
    qtbot.mouseClick(reports.pdf_button, Qt.MouseButton.LeftButton)
    lines = text_lines(out)
    assert "People engaged 6" in lines and "Wellbeing checks done 6" in lines
    assert "Period Wednesday 1 April 2026 to Tuesday 30 June 2026" in lines
    assert "Charts" in lines and "Definitions" in lines
    assert not any("Reported Person" in line for line in lines)
    assert dialogs.asked == []
    assert "as a PDF summary" in reports.window_.statusBar().currentMessage()


def test_cancelling_the_file_chooser_writes_nothing(qtbot, reports, tmp_path):
    qtbot.mouseClick(reports.export_button, Qt.MouseButton.LeftButton)  # the chooser is cancelled
    qtbot.mouseClick(reports.pdf_button, Qt.MouseButton.LeftButton)
    assert list(tmp_path.glob("*.xlsx")) == [] and list(tmp_path.glob("*.pdf")) == []


def test_every_control_has_a_name_and_is_reached_by_keyboard(reports):
    for control in (reports.quarter, reports.date_from, reports.date_to, reports.table, reports.named,
                    reports.export_button, reports.pdf_button, reports.show_button):  # fmt: skip
        assert control.accessibleName() or control.text()
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus
