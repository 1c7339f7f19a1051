"""The optional validated scales on a wellbeing check: ONS4 (four questions, 0 to 10) and SWEMWBS (seven items,
1 to 5). Each answer is a drop-down whose first choice is "Not asked", so a scale can be left out, and a number
can be typed to pick an answer quickly.

PartnerDesk does not ship the SWEMWBS wording (the licence does not allow it): the organisation's own wording
from settings is shown, or "Item 1…7" with a note until it is typed in. The copyright line is always shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from partnerdesk.i18n import N_, _
from partnerdesk.rules.wellbeing import ONS4_QUESTIONS, SWEMWBS_ITEMS, format_swemwbs_metric, swemwbs_metric
from partnerdesk.ui.wellbeing.common import copyright_label
from partnerdesk.ui.widgets.fitting import short_combo

NOT_ASKED = N_("Not asked")


def answer_box(name: str, lowest: int, highest: int) -> QComboBox:
    """A drop-down of whole-number answers with "Not asked" first."""
    box = short_combo()
    box.setAccessibleName(name)
    box.addItem(NOT_ASKED, None)
    for value in range(lowest, highest + 1):
        box.addItem(str(value), value)
    box.setMaximumWidth(130)
    return box


def set_answer(box: QComboBox, value: int | None) -> None:
    box.setCurrentIndex(max(box.findData(value), 0))


class Ons4Fields(QGroupBox):
    """The four ONS4 personal wellbeing questions, each answered 0 (not at all) to 10 (completely)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("ONS4 personal wellbeing (0 = not at all, 10 = completely)"), parent)
        self.setAccessibleName(_("ONS4 personal wellbeing"))
        form = QFormLayout(self)
        self.boxes: dict[str, QComboBox] = {}
        for code, question in ONS4_QUESTIONS.items():
            box = answer_box(_("ONS4: {question}").format(question=_(question)), 0, 10)
            form.addRow(_(question), box)
            self.boxes[code] = box

    def answers(self) -> dict[str, int | None]:
        return {code: box.currentData() for code, box in self.boxes.items()}

    def set_answers(self, answers: dict[str, int | None] | None) -> None:
        for code, box in self.boxes.items():
            set_answer(box, (answers or {}).get(code))


class SwemwbsFields(QGroupBox):
    """The seven SWEMWBS items, each answered 1 (none of the time) to 5 (all of the time)."""

    def __init__(self, wording: list[str], parent: QWidget | None = None):
        super().__init__(_("SWEMWBS (1 = none of the time, 5 = all of the time)"), parent)
        self.setAccessibleName("SWEMWBS")
        column = QVBoxLayout(self)
        if not wording:
            note = QLabel(_("Your organisation has not typed in its licensed SWEMWBS wording yet, so the items are "
                          "numbered. Ask the person the items from your licensed copy, or enter the wording under "
                          "Edit → Settings → Wellbeing."))  # fmt: skip
            note.setObjectName("hint")
            note.setWordWrap(True)
            column.addWidget(note)
        form = QFormLayout()
        column.addLayout(form)
        self.boxes: list[QComboBox] = []
        for number in range(SWEMWBS_ITEMS):
            text = wording[number] if wording else _("Item {value}").format(value=number + 1)
            box = answer_box(_("SWEMWBS item {value}: {text}").format(value=number + 1, text=text), 1, 5)
            caption = QLabel(text)
            caption.setWordWrap(True)
            caption.setBuddy(box)
            form.addRow(caption, box)
            self.boxes.append(box)
            box.currentIndexChanged.connect(self._show_score)
        self.score = QLabel()
        self.score.setAccessibleName(_("SWEMWBS score"))
        column.addWidget(self.score)
        column.addWidget(copyright_label())
        self._show_score()

    def _show_score(self, *_args) -> None:
        """The score as soon as all seven are answered, so the worker sees it before saving."""
        answers = self.answers()
        if all(answer is None for answer in answers):
            self.score.setText(_("Score: not asked."))
        elif any(answer is None for answer in answers):
            self.score.setText(_("Score: answer all seven items ({value} of 7 so far).").format(
                value=7 - answers.count(None),
            ))
        else:
            raw = sum(answers)
            self.score.setText(_("Score: {swemwbs_metric} (raw total {raw} of 35).").format(
                swemwbs_metric=format_swemwbs_metric(swemwbs_metric(raw)),
                raw=raw,
            ))

    def answers(self) -> list[int | None]:
        return [box.currentData() for box in self.boxes]

    def set_answers(self, answers: list[int | None] | None) -> None:
        for number, box in enumerate(self.boxes):
            set_answer(box, (answers or [None] * SWEMWBS_ITEMS)[number])
