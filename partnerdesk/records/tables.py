"""Every table, described once, as plain SQLAlchemy Core tables.

The record classes (records.people, records.meetings…) are mapped onto these tables, and code that must stay light
reads them directly: the Today page and the drafts check run as the window opens, before SQLAlchemy's ORM is imported
(tests/unit/test_first_screen.py). tests/unit/test_store.py holds these tables to what the migrations build, so a
change here needs a migration in store/migrations/versions.

Money is whole pence and miles whole tenths of a mile, so nothing is a float. Codes (statuses, kinds, modes…) come
from records.vocab and partnerdesk.rules; the comments name the list.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    text,
)

from partnerdesk.records.base import UTCDateTime, current_user, metadata, new_id, record_table, utc_now


def _link(name: str, target: str, *, nullable: bool, ondelete: str | None = None, **kw) -> Column:
    """A column holding another record's id; its type (String(36)) comes from the column it points at."""
    return Column(name, ForeignKey(target, ondelete=ondelete), nullable=nullable, **kw)


# People, organisations, committees and who sits on which committee ---------------------------------------------------

people = record_table(
    "people",
    Column("full_name", String(200), nullable=False),
    Column("preferred_name", String(120)),
    Column("pronouns", String(40)),
    Column("status", String(20), nullable=False, default="interested"),  # vocab.STATUSES
    Column("email", String(254)),
    Column("phone", String(40)),
    Column("address_line1", String(200)),
    Column("address_line2", String(200)),
    Column("town", String(120)),
    Column("postcode", String(10)),
    Column("preferred_contact", String(20)),
    Column("papers_format", String(20)),
    Column("papers_format_details", String(200)),
    Column("access_needs", JSON, nullable=False, default=list),
    Column("access_needs_details", Text),
    Column("language", String(20), nullable=False, default="english"),
    Column("language_other", String(60)),
    # None means nobody has asked yet; payments can affect welfare benefits, so we never assume.
    Column("payment_preference", String(20)),
    Column("consent_given_on", Date),
    Column("consent_how", String(20)),
    Column("consent_for", Text),
    Column("consent_review_on", Date),
    Column("interests", Text),
    Column("notes", Text),
    # Equality monitoring (rules.equality; migration 0011): each optional, None until asked, reported only in aggregate.
    Column("age_band", String(40)),
    Column("sex", String(40)),
    Column("gender_identity", String(40)),
    Column("ethnic_group", String(40)),
    Column("long_term_condition", String(40)),
    Column("condition_impact", String(40)),
    Column("sexual_orientation", String(40)),
    Column("religion", String(40)),
    Column("carer", String(40)),
    # The spreadsheet import that added this person (services.people.importing), so the import can be undone.
    Column("import_batch", String(36), index=True),
    # The day they withdrew consent to be contacted (services.people.consent; migration 0018): invitations leave them
    # out and Today stops asking for a consent review. Consent given again on a later day ends it.
    Column("consent_withdrawn_on", Date),
    # The name index for the list and the search index are SQLite-specific: see migration 0002.
    Index("ix_people_status_changed", "status", "deleted_at", "updated_at"),  # also Today's retention review
    Index("ix_people_consent_review", "consent_review_on"),
    # Only the people in the Bin (see migration 0007): quick to find, and no help to queries about the rest. Migration
    # 0007 makes it partial on PostgreSQL too; saying postgresql_where here would import SQLAlchemy's PostgreSQL
    # dialect (19 modules) at every start, before the window shows, for a database PartnerDesk has no driver for yet.
    Index("ix_people_binned", "deleted_at", sqlite_where=text("deleted_at IS NOT NULL")),
    # Whether someone is in the Bin or has left, by id, without reading their whole record (migration 0015).
    Index("ix_people_id_live", "id", "deleted_at", "status"),
    # The list sorted by any other column, read in order rather than sorting everyone (migration 0020).
    *(Index(f"ix_people_live_{column}", column, sqlite_where=text("deleted_at IS NULL"))
      for column in ("status", "email", "phone", "postcode", "updated_at")),
)

# One role a person holds. A link row, replaced with the person, so it carries no shared columns.
person_roles = Table(
    "person_roles",
    metadata,
    _link("person_id", "people.id", nullable=False, ondelete="CASCADE", primary_key=True),
    Column("role", String(40), primary_key=True, index=True),  # vocab.ROLES
)

organisations = record_table(
    "organisations",
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False, default="vcs"),
    Column("notes", Text),
    # The organisation's own notice and papers periods in days (an NHS board may need more than the default);
    # blank means the organisation's settings apply. Added in migration 0009.
    Column("notice_days", Integer),
    Column("papers_days", Integer),
)

committees = record_table(
    "committees",
    _link("organisation_id", "organisations.id", nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("notes", Text),
    # The quorum rule: a number of members, or a fraction of the current members (numerator over denominator, e.g.
    # 1/3 for "a third"); blank when none has been agreed. Whole numbers only: no floats. Added in migration 0003.
    Column("quorum_number", Integer),
    Column("quorum_numerator", Integer),
    Column("quorum_denominator", Integer),
)

# A person's seat on a committee for a term of office.
memberships = record_table(
    "memberships",
    _link("person_id", "people.id", nullable=False, index=True),
    _link("committee_id", "committees.id", nullable=False, index=True),
    Column("term_start", Date, nullable=False),
    Column("term_end", Date, index=True),
    Column("is_backup", Boolean, nullable=False, default=False),
    # Who held a seat when, by committee and by person, from the index alone (migration 0015).
    Index("ix_memberships_committee_terms", "committee_id", "term_start", "term_end", "is_backup", "person_id",
          "deleted_at"),
    Index("ix_memberships_person_terms", "person_id", "deleted_at", "term_start", "term_end"),
)

# Meetings: times are UTC moments; people see and type them in Europe/London time (rules.meetings.uk_moment) ------

meeting_series = record_table(
    "meeting_series",
    _link("committee_id", "committees.id", nullable=True, index=True),
    Column("kind", String(20), nullable=False),
    Column("title", String(200), nullable=False),
    Column("rule", String(20), nullable=False),  # vocab.RECURRENCE_RULES
    Column("interval", Integer, nullable=False, default=1),  # every N weeks or N months
    Column("weekday", Integer),  # 0 = Monday
    Column("week_of_month", Integer),  # 1–4, or -1 for the last
    Column("day_of_month", Integer),  # 1–28
    Column("starts_on", Date, nullable=False),
    Column("start_time", Time, nullable=False),  # London time
    Column("end_time", Time, nullable=False),
    Column("count", Integer),
    Column("until", Date),
)

meetings = record_table(
    "meetings",
    Column("kind", String(20), nullable=False),  # vocab.MEETING_KINDS
    _link("committee_id", "committees.id", nullable=True),
    Column("title", String(200), nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime, nullable=False),
    Column("mode", String(20), nullable=False, default="in_person"),  # vocab.MEETING_MODES
    Column("venue", String(300)),
    Column("access_notes", Text),
    Column("joining_details", Text),
    # The named contact who arranges the meeting: someone in PartnerDesk, or (often the committee's secretary, who
    # is not) a name typed in, with a phone number and email if known.
    _link("contact_person_id", "people.id", nullable=True),
    Column("contact_name", String(200)),
    Column("contact_phone", String(40)),
    Column("contact_email", String(254)),
    Column("notes", Text),
    # A pre-meeting or debrief points at the meeting it serves.
    _link("serves_meeting_id", "meetings.id", nullable=True, ondelete="SET NULL"),
    _link("series_id", "meeting_series.id", nullable=True, ondelete="SET NULL"),
    # Set when an occurrence of a series is moved: where the series had put it.
    Column("moved_from", UTCDateTime),
    Column("cancelled", Boolean, nullable=False, default=False),
    Column("cancel_reason", String(500)),
    # Compliance dates, with the reason the worker gives when one was late.
    Column("notice_sent_on", Date),
    Column("notice_reason", String(500)),
    Column("papers_received_on", Date),  # from the committee
    Column("papers_reason", String(500)),
    Column("reminders_sent_on", Date),  # time-and-date reminders to representatives
    Column("minutes_sent_on", Date),
    # The spreadsheet import that added this meeting (services.meetings.importing), so it can be undone (0014).
    Column("import_batch", String(36), index=True),
    Index("ix_meetings_starts_at", "starts_at"),
    Index("ix_meetings_committee_starts", "committee_id", "starts_at"),
    Index("ix_meetings_series_id", "series_id"),
    Index("ix_meetings_serves_meeting_id", "serves_meeting_id"),
    # The list sorted by title reads this in order instead of sorting every meeting (see migration 0007).
    Index("ix_meetings_title", text("lower(title)")),
)

# One person and one meeting. A row can exist for someone who has only expressed interest (invited false);
# attendance is recorded only for people who were invited.
attendance = record_table(
    "attendance",
    _link("meeting_id", "meetings.id", nullable=False, ondelete="CASCADE"),
    _link("person_id", "people.id", nullable=False, index=True),
    Column("invited", Boolean, nullable=False, default=True),
    Column("interested", Boolean, nullable=False, default=False),
    Column("is_backup", Boolean, nullable=False, default=False),
    Column("attendance", String(20)),  # vocab.ATTENDANCE; None until recorded
    Column("papers_sent_on", Date),
    Column("papers_format", String(20)),  # vocab.PAPER_FORMATS
    Column("papers_reason", String(500)),
    # The unique pair's own index also serves every "who is invited to this meeting" lookup.
    UniqueConstraint("meeting_id", "person_id"),
)

meeting_actions = record_table(
    "meeting_actions",
    _link("meeting_id", "meetings.id", nullable=False, ondelete="CASCADE", index=True),
    Column("description", Text, nullable=False),
    _link("owner_person_id", "people.id", nullable=True),
    Column("owner_name", String(200)),
    Column("due_on", Date, index=True),
    Column("done_on", Date),
)

# Expenses ------------------------------------------------------------------------------------------------------------

# A budget heading for one financial year (April to March), named by the year it starts: 2026 is 2026–27.
budget_headings = record_table(
    "budget_headings",
    Column("financial_year", Integer, nullable=False),
    Column("name", String(120), nullable=False),
    Column("allocation_pence", Integer, nullable=False),
    Column("notes", Text),
    UniqueConstraint("financial_year", "name"),
)

claims = record_table(
    "claims",
    _link("person_id", "people.id", nullable=False),
    _link("meeting_id", "meetings.id", nullable=True, ondelete="SET NULL"),
    # The programme the claim is for (migration 0012); the backfill cap counts per person per programme. The typed
    # name is kept: claims made before programmes were records keep what was typed, linked to a programme made
    # from it.
    Column("programme", String(200)),
    _link("programme_id", "programmes.id", nullable=True),
    Column("claim_date", Date, nullable=False),
    Column("status", String(20), nullable=False, default="draft"),  # vocab.CLAIM_STATUSES
    _link("budget_heading_id", "budget_headings.id", nullable=True),
    Column("notes", Text),
    # Kept up to date with the lines (services.expenses.lines.refresh_claim) in the same transaction as every line
    # change, so the list and the budget view never add up lines on the fly.
    Column("total_pence", Integer, nullable=False, default=0),
    Column("line_count", Integer, nullable=False, default=0),
    Column("receipts_missing", Integer, nullable=False, default=0),
    # One bit per kind of line on the claim (rules.expenses.category_bit), so "claims with mileage" reads an index.
    Column("category_mask", Integer, nullable=False, default=0),
    Column("submitted_at", UTCDateTime),
    _link("approved_by_id", "people.id", nullable=True),
    Column("approved_at", UTCDateTime),
    Column("paid_on", Date),
    Column("payment_method", String(20)),  # vocab.PAYMENT_METHODS
    Column("payment_reference", String(100)),
    Column("rejected_reason", String(500)),
    Column("void_reason", String(500)),
    # The spreadsheet import that added this claim (services.expenses.importing), so it can be undone (0014).
    Column("import_batch", String(36), index=True),
    # "Covering" indexes hold every column a query needs, so counting and adding up claims reads only the index:
    # the list's count and total by date, status and missing receipts; the budget view by heading and status.
    Index("ix_claims_live_date", "deleted_at", "claim_date", "status", "total_pence", "receipts_missing",
          "category_mask"),
    Index("ix_claims_status_date", "status", "claim_date"),
    Index("ix_claims_person_date", "person_id", "claim_date"),
    Index("ix_claims_heading_status", "budget_heading_id", "status", "deleted_at", "claim_date", "total_pence"),
    Index("ix_claims_total", "total_pence"),
    Index("ix_claims_meeting_id", "meeting_id"),
)  # fmt: skip

# One thing claimed for. Mileage lines also hold the miles (in tenths), the vehicle and passengers, and how the amount
# was worked out; involvement and backfill lines hold the unit (day or half day) and how many.
claim_lines = record_table(
    "claim_lines",
    _link("claim_id", "claims.id", nullable=False, ondelete="CASCADE"),
    Column("position", Integer, nullable=False, default=0),  # the order typed, for lines on the same day
    Column("category", String(30), nullable=False),  # rules.payments.EXPENSE_CATEGORIES
    Column("day", Date, nullable=False),
    Column("description", String(500)),
    Column("amount_pence", Integer, nullable=False),
    Column("miles_tenths", Integer),
    Column("vehicle", String(20)),  # rules.mileage.VEHICLES
    Column("passengers", Integer),
    Column("working", String(300)),  # "10 miles at 45p, 5 miles at 25p: £5.75"
    Column("time_unit", String(10)),  # rules.payments.TIME_UNITS
    Column("time_count", Integer),
    Index("ix_claim_lines_claim_id", "claim_id"),
    # By category then claim: "claims with a mileage line" reads only this index.
    Index("ix_claim_lines_category", "category", "claim_id"),
)

# A receipt (image or PDF) for a claim line, kept inside the database so backups cover it.
receipts = record_table(
    "receipts",
    _link("line_id", "claim_lines.id", nullable=False, ondelete="CASCADE"),
    Column("filename", String(255), nullable=False),
    Column("content_type", String(60), nullable=False),
    Column("size_bytes", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Index("ix_receipts_line_id", "line_id"),
)

# One step in a claim's life: from which status to which, by which worker, when and why.
claim_status_changes = record_table(
    "claim_status_changes",
    _link("claim_id", "claims.id", nullable=False, ondelete="CASCADE"),
    Column("from_status", String(20)),
    Column("to_status", String(20), nullable=False),
    Column("changed_by", String(120), nullable=False),
    Column("changed_at", UTCDateTime, nullable=False),
    Column("reason", String(500)),
    Index("ix_claim_status_changes_claim_id", "claim_id"),
)

# Wellbeing checks: raw answers only; the scores are worked out by rules.wellbeing whenever they are shown, so a
# correction to a published table never leaves stale scores behind. concerns, follow_up_action and
# confidential_notes are confidential: only services.wellbeing.confidential hands them out.
wellbeing_checks = record_table(
    "wellbeing_checks",
    _link("person_id", "people.id", nullable=False),
    Column("checked_at", UTCDateTime, nullable=False),
    # The worker: someone in PartnerDesk, or a name typed in (workers are not always on the contact list).
    _link("worker_person_id", "people.id", nullable=True),
    Column("worker_name", String(200)),
    Column("context", String(20), nullable=False),  # rules.wellbeing.CHECK_CONTEXTS
    # The meeting the check is about (a debrief after it, or a pre-meeting before it).
    _link("meeting_id", "meetings.id", nullable=True, ondelete="SET NULL"),
    Column("quick_score", Integer),  # 1–5, rules.wellbeing.QUICK_ANSWERS
    Column("ons4_life_satisfaction", Integer),
    Column("ons4_worthwhile", Integer),
    Column("ons4_happiness", Integer),
    Column("ons4_anxiety", Integer),
    *(Column(f"swemwbs_{number}", Integer) for number in range(1, 8)),
    Column("distress", Boolean, nullable=False, default=False),
    Column("concerns", Text),  # confidential
    Column("follow_up_needed", Boolean, nullable=False, default=False),
    Column("follow_up_by", String(200)),
    Column("follow_up_due_on", Date),
    Column("follow_up_done_on", Date),
    Column("follow_up_action", Text),  # what was done; confidential
    Column("signposted_to", String(500)),
    Column("confidential_notes", Text),  # confidential
    Index("ix_wellbeing_checks_person_checked", "person_id", "checked_at"),
    Index("ix_wellbeing_checks_checked_at", "checked_at"),
    Index("ix_wellbeing_checks_follow_up", "follow_up_due_on"),
    Index("ix_wellbeing_checks_meeting_id", "meeting_id"),
)

# Supervision and training; codes (session kind, topics) come from rules.supervision --------------------------------

# A named supervisor for a supervisee, from a date until (optionally) another.
supervision_pairs = record_table(
    "supervision_pairs",
    _link("supervisor_id", "people.id", nullable=False, index=True),
    _link("supervisee_id", "people.id", nullable=False, index=True),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date),
)

# One session: 1:1 (one supervisee) or group (several), with topics, notes and the next due date.
supervision_sessions = record_table(
    "supervision_sessions",
    Column("held_on", Date, nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # rules.supervision.SESSION_TYPES
    _link("supervisor_id", "people.id", nullable=False, index=True),
    Column("topics", JSON, nullable=False, default=list),  # rules.supervision.SUPERVISION_TOPICS
    Column("topics_other", String(200)),
    Column("notes", Text),  # confidential: only services.wellbeing.confidential hands it out
    Column("next_due_on", Date),
)

# A supervisee at a session (one for 1:1, several for a group). A link row replaced with the session.
supervision_attendees = Table(
    "supervision_attendees",
    metadata,
    _link("session_id", "supervision_sessions.id", nullable=False, ondelete="CASCADE", primary_key=True),
    _link("person_id", "people.id", nullable=False, primary_key=True, index=True),
)

supervision_actions = record_table(
    "supervision_actions",
    _link("session_id", "supervision_sessions.id", nullable=False, ondelete="CASCADE", index=True),
    Column("description", Text, nullable=False),
    _link("owner_person_id", "people.id", nullable=True),
    Column("owner_name", String(200)),
    Column("due_on", Date),
    Column("done_on", Date),
)

# A course and how often it must be renewed (None: never). Seeded with rules.supervision DEFAULT_COURSES by 0005.
training_courses = record_table(
    "training_courses",
    Column("name", String(200), nullable=False),
    Column("renewal_months", Integer),
)

# A person completing a course on a day; expires_on is worked out from the course's renewal period on save, so
# Today finds training running out by index.
training_records = record_table(
    "training_records",
    _link("person_id", "people.id", nullable=False),
    _link("course_id", "training_courses.id", nullable=False),
    Column("completed_on", Date, nullable=False),
    Column("expires_on", Date, index=True),
    Index("ix_training_records_person_course", "person_id", "course_id"),
)

# The organisation's own settings ------------------------------------------------------------------------------------

# Only settings that differ from their default have a row; services.common.settings holds the defaults and checks.
settings = record_table(
    "settings",
    Column("key", String(60), nullable=False),
    # JSON so settings can hold more than a number (e.g. dated mileage rates in pence).
    Column("value", JSON, nullable=False),
    UniqueConstraint("key"),
)

# Unsaved form contents, kept as people type so a crash loses nothing. Not a record people manage, so it has no Bin:
# it goes when the form is saved.
form_drafts = Table(
    "form_drafts",
    metadata,
    Column("id", String(36), primary_key=True, default=new_id),
    Column("form", String(40), nullable=False),
    Column("record_id", String(36)),
    Column("title", String(200), nullable=False, default=""),
    Column("payload", JSON, nullable=False),
    Column("saved_at", UTCDateTime, nullable=False, default=utc_now, onupdate=utc_now),
    Column("saved_by", String(120), nullable=False, default=current_user),
    # The PC it was made on (services.common.drafts sets it): drafts are offered only to their author there.
    Column("machine", String(255), nullable=False, server_default="unknown"),
)

# A line of the Today page put off until a day, by one worker: hidden from their list until then. line_kind is the
# Today section the line is in ("follow_ups", "actions"…), record_id what the line is about (a check's id, an
# action's id, or a pair of ids joined by ":"); a worker's own snoozes never hide a line from a colleague.
today_snoozes = record_table(
    "today_snoozes",
    Column("line_kind", String(40), nullable=False),
    Column("record_id", String(80), nullable=False),
    Column("worker", String(120), nullable=False, default=current_user),
    Column("until", Date, nullable=False),
    UniqueConstraint("line_kind", "record_id", "worker"),
)

# Mentoring and buddying programmes (records.programmes; codes from rules.programmes) ---------------------------------

# A programme or cohort: two sides (e.g. board member / VCS leader), the hours each side commits, the activities each
# pair must do, and backfill for the side released from work. Rates and caps None: the organisation's settings apply.
programmes = record_table(
    "programmes",
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False, default="other"),  # rules.programmes.PROGRAMME_KINDS
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("side_a_name", String(80), nullable=False, default="Side A"),  # not words: stored data
    Column("side_b_name", String(80), nullable=False, default="Side B"),  # not words: stored data
    Column("side_a_minutes", Integer, nullable=False, default=0),  # expected time per person, whole minutes
    Column("side_b_minutes", Integer, nullable=False, default=0),
    # [{"kind": activity kind, "count": how many per pair}] (rules.programmes.ACTIVITY_KINDS)
    Column("required_activities", JSON, nullable=False, default=list),
    Column("required_notes", Text),
    Column("backfill_side", String(1)),  # "a", "b" or None: who is paid backfill
    Column("backfill_day_pence", Integer),
    Column("backfill_half_day_pence", Integer),
    Column("backfill_cap_half_days", Integer),
    Column("minutes_per_half_day", Integer, nullable=False, default=240),
    Column("same_organisation_allowed", Boolean, nullable=False, default=False),
    Column("notes", Text),
    Index("ix_programmes_name", "name"),
)

# One person's application to join a programme on one side, with what the matching reads.
programme_applications = record_table(
    "programme_applications",
    _link("programme_id", "programmes.id", nullable=False, ondelete="CASCADE"),
    _link("person_id", "people.id", nullable=False),
    Column("side", String(1), nullable=False),  # "a" or "b"
    _link("organisation_id", "organisations.id", nullable=True, ondelete="SET NULL"),
    Column("role", String(200)),
    Column("aspirations", JSON, nullable=False, default=list),  # short phrases: what they want to learn
    Column("experience", JSON, nullable=False, default=list),  # short phrases: what they can offer
    Column("areas", JSON, nullable=False, default=list),  # areas of the city
    Column("communities", JSON, nullable=False, default=list),  # communities of interest
    Column("availability", JSON, nullable=False, default=list),  # rules.programmes.AVAILABILITY codes
    Column("must_not_match", JSON, nullable=False, default=list),  # person ids never to pair them with
    Column("must_not_match_notes", Text),
    Column("status", String(20), nullable=False, default="applied"),  # rules.programmes.APPLICATION_STATUSES
    UniqueConstraint("programme_id", "person_id"),
    Index("ix_programme_applications_person_id", "person_id"),
)

# Two people paired on a programme. A pair that ends early stays as history; the new pair names it in replaces_id.
programme_pairs = record_table(
    "programme_pairs",
    _link("programme_id", "programmes.id", nullable=False, ondelete="CASCADE"),
    _link("side_a_person_id", "people.id", nullable=False),
    _link("side_b_person_id", "people.id", nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date),
    Column("status", String(20), nullable=False, default="active"),  # rules.programmes.PAIR_STATUSES
    Column("end_reason", String(500)),
    _link("replaces_id", "programme_pairs.id", nullable=True, ondelete="SET NULL"),
    Column("score", Integer),  # the match score when accepted, kept to explain the choice later
    Index("ix_programme_pairs_programme_id", "programme_id", "status"),
)

# A meeting or activity of a pair: when, what, how long (whole minutes) and which side(s) attended.
pair_activities = record_table(
    "pair_activities",
    _link("pair_id", "programme_pairs.id", nullable=False, ondelete="CASCADE"),
    Column("held_on", Date, nullable=False),
    Column("kind", String(30), nullable=False),  # rules.programmes.ACTIVITY_KINDS
    Column("minutes", Integer, nullable=False),
    Column("attended", String(10), nullable=False, default="both"),  # "both", "a" or "b"
    Column("notes", Text),
    Index("ix_pair_activities_pair_id", "pair_id", "held_on"),
)

# An impact poll item a programme asks (a Likert question, answered 1 to 5): each organisation words its own.
poll_questions = record_table(
    "poll_questions",
    _link("programme_id", "programmes.id", nullable=False, ondelete="CASCADE"),
    Column("position", Integer, nullable=False, default=0),
    Column("wording", String(300), nullable=False),
    Index("ix_poll_questions_programme_id", "programme_id"),
)

# One person's answer to a poll item in a round (rules.programmes.POLL_ROUNDS). Reported only in aggregate.
poll_answers = record_table(
    "poll_answers",
    _link("question_id", "poll_questions.id", nullable=False, ondelete="CASCADE"),
    _link("person_id", "people.id", nullable=False),
    Column("round", String(10), nullable=False),
    Column("answered_on", Date, nullable=False),
    Column("answer", Integer, nullable=False),  # 1 to 5
    UniqueConstraint("question_id", "person_id", "round", "answered_on"),
    Index("ix_poll_answers_question_id", "question_id", "round"),
)

# The steering group's themes log: anonymised themes from reviews and polls, never naming anyone.
programme_themes = record_table(
    "programme_themes",
    _link("programme_id", "programmes.id", nullable=False, ondelete="CASCADE"),
    Column("noted_on", Date, nullable=False),
    Column("theme", Text, nullable=False),
)

# The audit log (services.common.audit; migration 0017): who did what, when, to which record, by ids and counts only.
# Append-only, so it has no shared columns (no version, no Bin): triggers refuse every UPDATE and DELETE, and each
# entry carries a hash of itself and the entry before, so a change made around the triggers shows in `check`.
audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),  # 1, 2, 3…: the chain's order
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("account_id", String(36)),  # the signed-in account (partnerdesk.actor), if any
    Column("account_name", String(120), nullable=False),
    Column("kind", String(40), nullable=False, index=True),  # services.common.audit.KINDS
    Column("object_kind", String(40)),
    Column("object_id", String(80)),
    Column("details", JSON, nullable=False, default=dict),  # ids and counts only, never names or notes
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# The people who sign in to PartnerDesk, each with a role (rules.roles' codes). Inside the encrypted database, so a
# role cannot be changed by editing a file; each account's copy of the database key is in the key file beside it
# (store.keys). name_key is the name folded for comparison: names are unique whatever their capitals.
accounts = record_table(
    "accounts",
    Column("name", String(120), nullable=False),
    Column("name_key", String(120), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
)
