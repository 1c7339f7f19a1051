"""The people sections of the Today page: terms of office ending soon, consent reviews due, and records the retention
schedule asks someone to review."""

from __future__ import annotations

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.reminders import CONSENT_REVIEW_WINDOW_DAYS, TERM_ENDING_WINDOW_DAYS, days_until
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.people.today import consent_reviews_due, retention_reviews, terms_ending
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
    left_years, check_years = get_setting(db, "retention_left_years"), get_setting(db, "retention_check_years")
    keep = []
    for r in retention_reviews(db, today, left_years, check_years):
        parts = []
        if r.left_on is not None:
            parts.append(_("left (last changed {day}): erase them, or keep and update their record").format(
                day=format_uk(r.left_on)))
        if r.old_checks:
            parts.append(ngettext("{count} wellbeing check older than {years} years",
                                  "{count} wellbeing checks older than {years} years",
                                  r.old_checks).format(count=r.old_checks, years=check_years))
        keep.append(Line(f"{r.person_name}: {'; '.join(parts)}", "person", r.person_id))
    return [terms, reviews, keep]


PEOPLE_TODAY = TodayGroup(
    (
        Section("terms", N_("Terms of office ending in the next {days} days"),
                N_("No terms of office end in the next {days} days."), stretch=False, days=TERM_ENDING_WINDOW_DAYS),
        Section("consent", N_("Consent reviews due in the next {days} days or overdue"),
                N_("No consent reviews are due."), stretch=False, days=CONSENT_REVIEW_WINDOW_DAYS),
        # The retention schedule (Settings → Data): each line opens the person, whose Data protection button acts.
        Section("retention", N_("Records to review: kept longer than your retention schedule"),
                N_("No records are due for review under your retention schedule."), stretch=False),
    ),
    _read,
)
