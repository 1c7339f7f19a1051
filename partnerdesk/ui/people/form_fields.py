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

from partnerdesk.i18n import _
from partnerdesk.records import vocab
from partnerdesk.rules.payments import BENEFITS_NOTE
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
        self.setAccessibleName(_("Person details sections"))
        self.widgets: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}
        self.tab_of: dict[str, int] = {}

        about = self._tab(_("&About"))
        self._row(about, _("&Full name"), "full_name", _text(_("Full name")))
        self._row(about, _("&Preferred name"), "preferred_name", _text(_("Preferred name"), 120))
        self._row(about, _("P&ronouns"), "pronouns", _text(_("Pronouns"), 40))
        self._row(about, _("&Status"), "status", ChoiceCombo(vocab.STATUSES, _("Status")))
        self._row(about, None, "roles", CheckList(_("Roles"), vocab.ROLES))

        contact = self._tab(_("&Contact"))
        self._row(contact, _("&Email"), "email", _text(_("Email"), 254))
        self._row(contact, _("P&hone"), "phone", _text(_("Phone"), 40))
        self._row(contact, _("Address line &1"), "address_line1", _text(_("Address line 1")))
        self._row(contact, _("Address line &2"), "address_line2", _text(_("Address line 2")))
        self._row(contact, _("&Town or city"), "town", _text(_("Town or city"), 120))
        self._row(contact, _("Postco&de"), "postcode", _text(_("Postcode"), 10))
        self._row(
            contact,
            _("Best &way to contact"),
            "preferred_contact",
            ChoiceCombo(vocab.CONTACT_METHODS, _("Best way to contact"), blank=_("Not said")),
        )

        needs = self._tab(_("&Needs"))
        self._row(
            needs,
            _("&Papers sent as"),
            "papers_format",
            ChoiceCombo(vocab.PAPER_FORMATS, _("Papers sent as"), blank=_("Not said")),
        )
        self._row(needs, _("Papers format &details"), "papers_format_details", _text(_("Papers format details")))
        self._row(needs, None, "access_needs", CheckList(_("Access and communication needs"), vocab.ACCESS_NEEDS))
        self._row(needs, _("Other needs or de&tails"), "access_needs_details", _long_text(_("Other needs or details")))
        self._row(needs, _("Preferred &language"), "language", ChoiceCombo(vocab.LANGUAGES, _("Preferred language")))
        self._row(needs, _("Other lan&guage"), "language_other", _text(_("Other language"), 60))

        consent = self._tab(_("Payment and c&onsent"))
        self._row(
            consent,
            _("Pa&yments"),
            "payment_preference",
            ChoiceCombo(vocab.PAYMENT_PREFERENCES, _("Payment preference"), blank=_("Not asked yet")),
        )
        note = QLabel(_(BENEFITS_NOTE))
        note.setWordWrap(True)
        note.setObjectName("hint")
        consent.addRow("", note)
        self._row(consent, _("Consent &given on"), "consent_given_on", UkDateEdit(_("Consent given on")))
        self._row(
            consent,
            _("Consent given &how"),
            "consent_how",
            ChoiceCombo(vocab.CONSENT_METHODS, _("Consent given how"), blank=_("Not given yet")),
        )
        self._row(consent, _("Consent &for"), "consent_for", _long_text(_("What consent was given for")))
        self._row(consent, _("&Review consent on"), "consent_review_on", UkDateEdit(_("Review consent on")))

        notes = self._tab(_("Notes and &interests"))
        self._row(notes, _("Inte&rests"), "interests", _long_text(_("What they want to be involved in")))
        self._row(notes, _("No&tes"), "notes", _long_text(_("Notes")))

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
        message = FieldMessage(label.replace("&", "") if label else widget.accessibleName())
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
