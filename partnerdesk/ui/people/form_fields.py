"""The person form's fields, laid out in tabs. Layout only: what happens on save lives in person_form.py."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.records import vocab
from partnerdesk.rules.payments import BENEFITS_NOTE
from partnerdesk.ui.people.equality_fields import add_equality_tab
from partnerdesk.ui.widgets.check_list import CheckList
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import FieldMessage


def _text(name: str, longest: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setMaxLength(longest)
    return edit


def _long_text(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)  # Tab moves on to the next field, as in every other box
    edit.setMinimumHeight(70)
    return edit


class PersonFields(QTabWidget):
    """Every field of a person, each with a FieldMessage underneath for what to fix."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Person details sections")
        self.widgets: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}
        self.tab_of: dict[str, int] = {}

        about = self._tab("&About")
        self._row(about, "&Full name", "full_name", _text("Full name"))
        self._row(about, "&Preferred name", "preferred_name", _text("Preferred name", 120))
        self._row(about, "P&ronouns", "pronouns", _text("Pronouns", 40))
        self._row(about, "Stat&us", "status", ChoiceCombo(vocab.STATUSES, "Status"))
        self._row(about, None, "roles", CheckList("Roles", vocab.ROLES))

        contact = self._tab("&Contact")
        self._row(contact, "&Email", "email", _text("Email", 254))
        self._row(contact, "P&hone", "phone", _text("Phone", 40))
        self._row(contact, "Address line &1", "address_line1", _text("Address line 1"))
        self._row(contact, "Address line &2", "address_line2", _text("Address line 2"))
        self._row(contact, "&Town or city", "town", _text("Town or city", 120))
        self._row(contact, "Postco&de", "postcode", _text("Postcode", 10))
        self._row(
            contact,
            "Best &way to contact",
            "preferred_contact",
            ChoiceCombo(vocab.CONTACT_METHODS, "Best way to contact", blank="Not said"),
        )

        needs = self._tab("&Needs")
        self._row(
            needs,
            "&Papers sent as",
            "papers_format",
            ChoiceCombo(vocab.PAPER_FORMATS, "Papers sent as", blank="Not said"),
        )
        self._row(needs, "Papers format &details", "papers_format_details", _text("Papers format details"))
        self._row(needs, None, "access_needs", CheckList("Access and communication needs", vocab.ACCESS_NEEDS))
        self._row(needs, "Other needs or de&tails", "access_needs_details", _long_text("Other needs or details"))
        self._row(needs, "Preferred &language", "language", ChoiceCombo(vocab.LANGUAGES, "Preferred language"))
        self._row(needs, "Other lan&guage", "language_other", _text("Other language", 60))

        consent = self._tab("Payment and c&onsent")
        self._row(
            consent,
            "Pa&yments",
            "payment_preference",
            ChoiceCombo(vocab.PAYMENT_PREFERENCES, "Payment preference", blank="Not asked yet"),
        )
        note = QLabel(BENEFITS_NOTE)
        note.setWordWrap(True)
        note.setObjectName("hint")
        consent.addRow("", note)
        self._row(consent, "Consent &given on", "consent_given_on", UkDateEdit("Consent given on"))
        self._row(
            consent,
            "Consent given &how",
            "consent_how",
            ChoiceCombo(vocab.CONSENT_METHODS, "Consent given how", blank="Not given yet"),
        )
        self._row(consent, "Consent &for", "consent_for", _long_text("What consent was given for"))
        self._row(consent, "&Review consent on", "consent_review_on", UkDateEdit("Review consent on"))

        notes = self._tab("Notes and &interests")
        self._row(notes, "Inte&rests", "interests", _long_text("What they want to be involved in"))
        self._row(notes, "No&tes", "notes", _long_text("Notes"))
        add_equality_tab(self)

    def _tab(self, title: str) -> QFormLayout:
        page = QWidget()
        layout = QFormLayout(page)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.addTab(page, title)
        return layout

    def _row(self, layout: QFormLayout, label: str | None, key: str, widget: QWidget) -> None:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = FieldMessage(label.replace("&", "") if label else widget.accessibleName()).follow(widget)
        column.addWidget(message)
        if label:
            caption = QLabel(label)
            caption.setBuddy(widget)  # Alt+letter jumps to the field
            layout.addRow(caption, holder)
        else:
            layout.addRow(holder)
        self.widgets[key] = widget
        self.messages[key] = message
        self.tab_of[key] = self.count() - 1
