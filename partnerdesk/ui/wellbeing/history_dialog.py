"""A person's wellbeing over time: a trend chart (SWEMWBS score, or the quick 1–5 answer), the change since their
first SWEMWBS score with a plain "meaningful change" flag, and every check listed. No confidential text."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import format_moment_uk
from partnerdesk.rules.wellbeing import (
    CHECK_CONTEXTS,
    ONS4_QUESTIONS,
    QUICK_ANSWERS,
    SWEMWBS_MEANINGFUL_CHANGE,
    format_swemwbs_metric,
)
from partnerdesk.services.people.people import get_person
from partnerdesk.services.wellbeing.history import WellbeingHistory, wellbeing_history
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.wellbeing.common import copyright_label, fill_table, read_only_table, selected_id
from partnerdesk.ui.widgets.fitting import fit_to_screen, short_combo
from partnerdesk.ui.widgets.line_chart import LineChart

HEADINGS = (N_("When"), N_("Context"), N_("How they were doing"), N_("SWEMWBS score"), N_("ONS4 (bands)"))
SCALES = {"swemwbs": N_("SWEMWBS score (7 to 35)"), "quick": N_("How they were doing (1 to 5)")}


def change_words(history: WellbeingHistory) -> str:
    """The change since the first SWEMWBS score, in words, with whether it is meaningful."""
    if history.swemwbs_first is None:
        return _("No SWEMWBS scores recorded yet.")
    first = format_swemwbs_metric(history.swemwbs_first)
    if history.swemwbs_change is None:
        return _("One SWEMWBS score so far: {first}. The change shows once there is a second score.").format(
            first=first,
        )
    latest, change = format_swemwbs_metric(history.swemwbs_latest), history.swemwbs_change
    direction = "up" if change > 0 else "down" if change < 0 else _("no change")
    amount = f"{direction} {format_swemwbs_metric(abs(change))}" if change else direction
    threshold = format_swemwbs_metric(SWEMWBS_MEANINGFUL_CHANGE)
    if history.meaningful_change:
        verdict = _("a meaningful change: {meaningful_change} (the threshold is {threshold} points)").format(
            meaningful_change=history.meaningful_change,
            threshold=threshold,
        )
    else:
        verdict = _("not a meaningful change (that takes {threshold} points or more)").format(
            threshold=threshold,
        )
    return _("SWEMWBS score from {first} (first) to {latest} (latest), {amount}: {verdict}.").format(
        first=first,
        latest=latest,
        amount=amount,
        verdict=verdict,
    )


class HistoryDialog(QDialog):
    """One person's wellbeing history. `open_check` asks for a check to be opened."""

    open_check = Signal(str)

    def __init__(self, writer: Writer, person_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer, self.person_id = writer, person_id
        name = writer.read(lambda s: get_person(s, person_id).full_name)
        self.setWindowTitle(_("Wellbeing history — {name}").format(name=name))
        heading = QLabel(_("Wellbeing history: {name}").format(name=name))
        heading.setObjectName("sectionTitle")
        self.scale = short_combo()
        self.scale.setAccessibleName(_("Score shown on the chart"))
        for code, text in SCALES.items():
            self.scale.addItem(_(text), code)
        self.chart = LineChart(_("Wellbeing of {name} over time").format(name=name), 7, 35)
        self.values = QLabel()
        self.values.setWordWrap(True)
        self.values.setObjectName("hint")
        self.values.setAccessibleName(_("The chart's scores in words"))
        self.change = QLabel()
        self.change.setWordWrap(True)
        self.change.setAccessibleName(_("Change since the first SWEMWBS score"))
        self.table = read_only_table(HEADINGS, _("Wellbeing checks of {name}").format(name=name), (140, 150, 180, 140))
        self.table.doubleClicked.connect(lambda _i: self._open())
        self.copyright = copyright_label()
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(_("&Open check…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self._open)
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        caption = QLabel(_("&Chart shows"))
        caption.setBuddy(self.scale)
        row.addWidget(caption)
        row.addWidget(self.scale)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.change)
        layout.addLayout(row)
        layout.addWidget(self.chart, 2)
        layout.addWidget(self.values)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.copyright)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(860, 640))  # scrolls on a short screen; its buttons stay in view
        self.scale.currentIndexChanged.connect(lambda _i: self._draw())
        writer.watch(self, ("wellbeing_checks", "people"), self.refresh)
        self.refresh()
        if self.history.swemwbs_first is None:
            self.scale.setCurrentIndex(1)  # nothing to draw on the SWEMWBS scale: show the quick answers

    def refresh(self) -> None:
        self.history = self.writer.read(lambda s: wellbeing_history(s, self.person_id))
        self.change.setText(change_words(self.history))
        rows = []
        for point in reversed(self.history.points):  # newest first, as in every other list
            quick = f"{point.quick_score} — {_(QUICK_ANSWERS[point.quick_score])}" if point.quick_score else ""
            swemwbs = format_swemwbs_metric(point.swemwbs_metric) if point.swemwbs_metric is not None else ""
            bands = "; ".join(
                f"{_(ONS4_QUESTIONS[code])}: {_(band)}" for code, band in (point.ons4_bands or {}).items()
            )
            context = _(CHECK_CONTEXTS[point.context]) if point.context in CHECK_CONTEXTS else ""
            rows.append((point.check_id, (format_moment_uk(point.checked_at), context,
                                          quick, swemwbs, bands), False))  # fmt: skip
        fill_table(self.table, rows)
        self._draw()

    def _draw(self) -> None:
        swemwbs = self.scale.currentData() == "swemwbs"
        self.chart.lowest, self.chart.highest = (7, 35) if swemwbs else (1, 5)
        self.chart.name = f"{self.windowTitle().split(' — ')[-1]}: {_(SCALES[self.scale.currentData()])}"
        self.chart.setAccessibleName(self.chart.name)
        points = [(p.day, float(p.swemwbs_metric) if swemwbs else p.quick_score) for p in self.history.points
                  if (p.swemwbs_metric if swemwbs else p.quick_score) is not None]  # fmt: skip
        self.chart.set_points(points)
        self.values.setText(self.chart.text_alternative())

    def _open(self) -> None:
        check_id = selected_id(self.table)
        if check_id:
            self.open_check.emit(check_id)
