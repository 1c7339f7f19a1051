"""The person form's "Equality monitoring" tab: optional questions, each with "prefer not to say".

The answers are never shown in lists or in exports that name people; the monitoring return counts them, with small
numbers hidden. The tab registers its fields with the form's tabs (widgets, messages, tab_of by key), so the form
loads, drafts and saves them like every other field.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QTabWidget, QWidget

from partnerdesk.i18n import N_, _
from partnerdesk.rules.equality import NOT_ASKED, QUESTIONS
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.field_message import add_field_row

#: Each question's label with the letter that Alt reaches it by (the headings themselves also head the monitoring
#: return's tables, where a marked letter has no place). Letters the form's tabs and buttons do not already use.
LABELS = {
    "age_band": N_("A&ge"),
    "sex": N_("Se&x"),
    "gender_identity": N_("Gen&der identity"),
    "ethnic_group": N_("&Ethnic group"),
    "long_term_condition": N_("Long-&term condition or illness"),
    "condition_impact": N_("It limits da&y-to-day activities"),
    "sexual_orientation": N_("Sexual o&rientation"),
    "religion": N_("Re&ligion"),
    "carer": N_("&Unpaid carer"),
}


def add_equality_tab(fields: QTabWidget) -> QWidget:
    """Add the equality monitoring tab to a person form's tabs (which keep widgets, messages and tab_of by key)."""
    page = QWidget()
    layout = QFormLayout(page)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    note = QLabel(
        _("Every question is optional; ask only if the person is happy to answer. These answers are never shown in "
          "lists or in files that name people: they are only counted, with small numbers hidden, in the "
          "anonymised monitoring return.")
    )  # fmt: skip
    note.setWordWrap(True)
    note.setObjectName("hint")
    layout.addRow(note)
    index = fields.addTab(page, _("E&quality"))
    # With a seventh tab the row of tabs is wider than the form only where the form itself is squeezed (a screen
    # under about 870 pixels wide): the tabs then scroll, and their arrows must be wide enough to see and click.
    fields.tabBar().setStyleSheet("QTabBar::scroller { width: 48px; }")
    combos: dict[str, ChoiceCombo] = {}
    for question in QUESTIONS:
        heading = _(question.heading)
        combo = ChoiceCombo({code: _(label) for code, label in question.choices.items()}, heading, blank=_(NOT_ASKED))
        if question.field == "long_term_condition":
            # The census asks about a year or more; the label is kept short, so the box says it.
            combo.setToolTip(_("Long-term means lasting, or expected to last, 12 months or more."))
            combo.setAccessibleDescription(combo.toolTip())
        message, _caption, _holder = add_field_row(layout, _(LABELS[question.field]), combo)
        fields.widgets[question.field] = combo
        fields.messages[question.field] = message
        fields.tab_of[question.field] = index
        combos[question.field] = combo

    condition, impact = combos["long_term_condition"], combos["condition_impact"]

    def follow_condition() -> None:
        # How much a condition limits someone is only asked of people who said they have one.
        has_one = condition.code() == "yes"
        if not has_one:
            impact.set_code(None)
        impact.setEnabled(has_one)

    condition.currentIndexChanged.connect(follow_condition)
    follow_condition()
    return page
