"""The person form's fields, laid out in tabs. Layout only: what happens on save lives in person_form.py."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from partnerdesk.records import vocab
from partnerdesk.rules.payments import BENEFITS_NOTE
from partnerdesk.ui.people.equality_fields import add_equality_tab
from partnerdesk.ui.widgets.check_list import CheckList
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_tabs import FieldTabs, long_text_box, text_box


class PersonFields(FieldTabs):
    """Every field of a person, each with a FieldMessage underneath for what to fix.

    Another module adds a tab of its own the same way: `layout = fields.tab("&Title")`, then
    `fields.row(layout, "&Label", "key", widget)` for each field.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Person details sections", parent)

        about = self.tab("&About")
        self.row(about, "&Full name", "full_name", text_box("Full name"))
        self.row(about, "&Preferred name", "preferred_name", text_box("Preferred name", 120))
        self.row(about, "P&ronouns", "pronouns", text_box("Pronouns", 40))
        self.row(about, "Stat&us", "status", ChoiceCombo(vocab.STATUSES, "Status"))
        self.row(about, None, "roles", CheckList("Roles", vocab.ROLES))

        contact = self.tab("&Contact")
        self.row(contact, "&Email", "email", text_box("Email", 254))
        self.row(contact, "P&hone", "phone", text_box("Phone", 40))
        self.row(contact, "Address line &1", "address_line1", text_box("Address line 1"))
        self.row(contact, "Address line &2", "address_line2", text_box("Address line 2"))
        self.row(contact, "&Town or city", "town", text_box("Town or city", 120))
        self.row(contact, "Postco&de", "postcode", text_box("Postcode", 10))
        self.row(
            contact,
            "Best &way to contact",
            "preferred_contact",
            ChoiceCombo(vocab.CONTACT_METHODS, "Best way to contact", blank="Not said"),
        )

        needs = self.tab("&Needs")
        self.row(
            needs,
            "&Papers sent as",
            "papers_format",
            ChoiceCombo(vocab.PAPER_FORMATS, "Papers sent as", blank="Not said"),
        )
        self.row(needs, "Papers format &details", "papers_format_details", text_box("Papers format details"))
        self.row(needs, None, "access_needs", CheckList("Access and communication needs", vocab.ACCESS_NEEDS))
        self.row(needs, "Other needs or de&tails", "access_needs_details", long_text_box("Other needs or details"))
        self.row(needs, "Preferred &language", "language", ChoiceCombo(vocab.LANGUAGES, "Preferred language"))
        self.row(needs, "Other lan&guage", "language_other", text_box("Other language", 60))

        consent = self.tab("Payment and c&onsent")
        self.row(
            consent,
            "Pa&yments",
            "payment_preference",
            ChoiceCombo(vocab.PAYMENT_PREFERENCES, "Payment preference", blank="Not asked yet"),
        )
        note = QLabel(BENEFITS_NOTE)
        note.setWordWrap(True)
        note.setObjectName("hint")
        consent.addRow("", note)
        self.row(consent, "Consent &given on", "consent_given_on", UkDateEdit("Consent given on"))
        self.row(
            consent,
            "Consent given &how",
            "consent_how",
            ChoiceCombo(vocab.CONSENT_METHODS, "Consent given how", blank="Not given yet"),
        )
        self.row(consent, "Consent &for", "consent_for", long_text_box("What consent was given for"))
        self.row(consent, "&Review consent on", "consent_review_on", UkDateEdit("Review consent on"))

        notes = self.tab("Notes and &interests")
        self.row(notes, "Inte&rests", "interests", long_text_box("What they want to be involved in"))
        self.row(notes, "No&tes", "notes", long_text_box("Notes"))
        add_equality_tab(self)
