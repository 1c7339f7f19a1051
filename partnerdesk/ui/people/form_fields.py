"""The person form's fields, laid out in tabs. Layout only: what happens on save lives in person_form.py."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from partnerdesk.i18n import _
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
        super().__init__(_("Person details sections"), parent)

        about = self.tab(_("&About"))
        self.row(about, _("&Full name"), "full_name", text_box(_("Full name")))
        self.row(about, _("&Preferred name"), "preferred_name", text_box(_("Preferred name"), 120))
        self.row(about, _("P&ronouns"), "pronouns", text_box(_("Pronouns"), 40))
        self.row(about, _("Stat&us"), "status", ChoiceCombo(vocab.STATUSES, _("Status")))
        self.row(about, None, "roles", CheckList(_("Roles"), vocab.ROLES))

        contact = self.tab(_("&Contact"))
        self.row(contact, _("&Email"), "email", text_box(_("Email"), 254))
        self.row(contact, _("P&hone"), "phone", text_box(_("Phone"), 40))
        self.row(contact, _("Address line &1"), "address_line1", text_box(_("Address line 1")))
        self.row(contact, _("Address line &2"), "address_line2", text_box(_("Address line 2")))
        self.row(contact, _("&Town or city"), "town", text_box(_("Town or city"), 120))
        self.row(contact, _("Postco&de"), "postcode", text_box(_("Postcode"), 10))
        self.row(
            contact,
            _("Best &way to contact"),
            "preferred_contact",
            ChoiceCombo(vocab.CONTACT_METHODS, _("Best way to contact"), blank=_("Not said")),
        )

        needs = self.tab(_("&Needs"))
        self.row(
            needs,
            _("&Papers sent as"),
            "papers_format",
            ChoiceCombo(vocab.PAPER_FORMATS, _("Papers sent as"), blank=_("Not said")),
        )
        self.row(needs, _("Papers format &details"), "papers_format_details", text_box(_("Papers format details")))
        self.row(needs, None, "access_needs", CheckList(_("Access and communication needs"), vocab.ACCESS_NEEDS))
        self.row(
            needs, _("Other needs or de&tails"), "access_needs_details", long_text_box(_("Other needs or details"))
        )
        self.row(needs, _("Preferred &language"), "language", ChoiceCombo(vocab.LANGUAGES, _("Preferred language")))
        self.row(needs, _("Other lan&guage"), "language_other", text_box(_("Other language"), 60))

        consent = self.tab(_("Payment and c&onsent"))
        self.row(
            consent,
            _("Pa&yments"),
            "payment_preference",
            ChoiceCombo(vocab.PAYMENT_PREFERENCES, _("Payment preference"), blank=_("Not asked yet")),
        )
        note = QLabel(_(BENEFITS_NOTE))
        note.setWordWrap(True)
        note.setObjectName("hint")
        consent.addRow("", note)
        self.row(consent, _("Consent &given on"), "consent_given_on", UkDateEdit(_("Consent given on")))
        self.row(
            consent,
            _("Consent given &how"),
            "consent_how",
            ChoiceCombo(vocab.CONSENT_METHODS, _("Consent given how"), blank=_("Not given yet")),
        )
        self.row(consent, _("Consent &for"), "consent_for", long_text_box(_("What consent was given for")))
        self.row(consent, _("&Review consent on"), "consent_review_on", UkDateEdit(_("Review consent on")))

        notes = self.tab(_("Notes and &interests"))
        self.row(notes, _("Inte&rests"), "interests", long_text_box(_("What they want to be involved in")))
        self.row(notes, _("No&tes"), "notes", long_text_box(_("Notes")))
        add_equality_tab(self)
