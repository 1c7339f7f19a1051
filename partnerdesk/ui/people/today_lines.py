"""The people sections of the Today page: terms of office ending soon and consent reviews due."""

from __future__ import annotations

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.reminders import CONSENT_REVIEW_WINDOW_DAYS, TERM_ENDING_WINDOW_DAYS, days_until
from partnerdesk.services.people.today import consent_reviews_due, terms_ending
from partnerdesk.ui.today.sections import Line, Section, TodayGroup


def _read(db, today) -> list[list[Line]]:
    terms = [
        Line(_("{person_name} — {committee} ({organisation}): term ends {term_end}, {days_until}").format(
            person_name=t.person_name,
            committee=t.committee,
            organisation=t.organisation,
            term_end=format_uk(t.term_end),
            days_until=days_until(today, t.term_end),
        ), "person", t.person_id)
        for t in terms_ending(db, today)
    ]
    reviews = [
        Line(_("{person_name}: consent review {value} {review_on}, {days_until}").format(
            person_name=r.person_name,
            value=_('was due') if r.review_on < today else 'due',
            review_on=format_uk(r.review_on),
            days_until=days_until(today, r.review_on),
        ), "person", r.person_id,
             r.review_on < today, (today - r.review_on).days)
        for r in consent_reviews_due(db, today)
    ]
    return [terms, reviews]


PEOPLE_TODAY = TodayGroup(
    (
        Section("terms", N_("Terms of office ending in the next {days} days"),
                N_("No terms of office end in the next {days} days."), stretch=False, days=TERM_ENDING_WINDOW_DAYS),
        Section("consent", N_("Consent reviews due in the next {days} days or overdue"),
                N_("No consent reviews are due."), stretch=False, days=CONSENT_REVIEW_WINDOW_DAYS),
    ),
    _read,
)
