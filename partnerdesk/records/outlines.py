"""Outlines of the tables the first screen reads: names and types only, without SQLAlchemy's ORM.

The Today page and the check for unsaved forms run before anything else is on screen. Reading through these
outlines instead of the record classes saves importing the ORM and declaring every record (about a third of a
second), so the window is up sooner; the rest loads in the background afterwards. The record classes stay the one
definition of the schema: tests/unit/test_outlines.py checks every column here against them.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Date, Integer, String, Text, column, table

from partnerdesk.records.types import UTCDateTime


def _live(name: str, *columns):
    """An outline with the id and Bin columns every record has."""
    return table(name, column("id", String), column("deleted_at", UTCDateTime), *columns)


people = _live(
    "people",
    column("full_name", String),
    column("status", String),
    column("consent_review_on", Date),
)
organisations = _live("organisations", column("name", String))
committees = _live("committees", column("name", String), column("organisation_id", String))
memberships = _live(
    "memberships",
    column("person_id", String),
    column("committee_id", String),
    column("term_end", Date),
)
meetings = _live(
    "meetings",
    column("title", String),
    column("kind", String),
    column("committee_id", String),
    column("starts_at", UTCDateTime),
    column("ends_at", UTCDateTime),
    column("mode", String),
    column("venue", String),
    column("cancelled", Boolean),
    column("serves_meeting_id", String),
    column("notice_sent_on", Date),
    column("reminders_sent_on", Date),
    column("minutes_sent_on", Date),
)
attendance = _live(
    "attendance",
    column("meeting_id", String),
    column("person_id", String),
    column("invited", Boolean),
    column("is_backup", Boolean),
    column("attendance", String),
    column("papers_sent_on", Date),
)
meeting_actions = _live(
    "meeting_actions",
    column("meeting_id", String),
    column("description", Text),
    column("owner_person_id", String),
    column("owner_name", String),
    column("due_on", Date),
    column("done_on", Date),
)
settings = _live("settings", column("key", String), column("value", JSON))
budget_headings = _live(
    "budget_headings", column("financial_year", Integer), column("name", String), column("allocation_pence", Integer)
)
claims = _live(
    "claims",
    column("person_id", String),
    column("claim_date", Date),
    column("status", String),
    column("budget_heading_id", String),
    column("total_pence", Integer),
    column("receipts_missing", Integer),
    column("submitted_at", UTCDateTime),
    column("approved_at", UTCDateTime),
)
form_drafts = table(
    "form_drafts",
    column("id", String),
    column("form", String),
    column("record_id", String),
    column("title", String),
    column("payload", JSON),
    column("saved_at", UTCDateTime),
    column("saved_by", String),
)

person_roles = table("person_roles", column("person_id", String), column("role", String))
wellbeing_checks = _live(
    "wellbeing_checks",
    column("person_id", String),
    column("checked_at", UTCDateTime),
    column("context", String),
    column("meeting_id", String),
    column("distress", Boolean),
    column("follow_up_needed", Boolean),
    column("follow_up_by", String),
    column("follow_up_due_on", Date),
    column("follow_up_done_on", Date),
)
supervision_pairs = _live(
    "supervision_pairs",
    column("supervisor_id", String),
    column("supervisee_id", String),
    column("starts_on", Date),
    column("ends_on", Date),
)
supervision_sessions = _live(
    "supervision_sessions",
    column("held_on", Date),
    column("kind", String),
    column("next_due_on", Date),
)
supervision_attendees = table("supervision_attendees", column("session_id", String), column("person_id", String))
training_courses = _live("training_courses", column("name", String), column("renewal_months", Integer))
training_records = _live(
    "training_records",
    column("person_id", String),
    column("course_id", String),
    column("completed_on", Date),
    column("expires_on", Date),
)

#: Every outline, for the test that holds them to the record classes.
ALL = (
    people, organisations, committees, memberships, meetings, attendance, meeting_actions, settings, form_drafts,
    person_roles, wellbeing_checks, supervision_pairs, supervision_sessions, supervision_attendees, training_courses,
    training_records, budget_headings, claims,
)  # fmt: skip


