"""The fixed lists of choices people pick from, as stored code → plain-English label.

Codes are what the database holds (they never change once shipped); labels are what people read.
Pure Python so the GUI, the exports and the rules can all share one list.
"""

from __future__ import annotations

from partnerdesk.i18n import N_, _

STATUSES = {
    "interested": N_("Interested"),
    "active": N_("Active"),
    "paused": N_("Paused"),
    "left": N_("Left"),
}

ROLES = {
    "service_user_rep": N_("Service-user representative"),
    "carer_rep": N_("Carer representative"),
    "backup_rep": N_("Back-up representative"),
    "peer_supporter": N_("Peer supporter (volunteer)"),
    "peer_support_worker": N_("Peer support worker (paid)"),
    "coordinator": N_("Coordinator"),
    "board_member": N_("Board member"),
    "vcs_leader": N_("VCS leader"),
    "other": N_("Other"),
}

CONTACT_METHODS = {
    "email": N_("Email"),
    "phone": N_("Phone call"),
    "text": N_("Text message"),
    "post": N_("Post"),
    "in_person": N_("In person"),
}

PAPER_FORMATS = {
    "email": N_("Email"),
    "post": N_("Post"),
    "large_print": N_("Large print"),
    "easy_read": N_("Easy Read"),
    "other": N_("Other (say which)"),
}

ACCESS_NEEDS = {
    "large_print": N_("Large print"),
    "easy_read": N_("Easy Read"),
    "bsl": N_("British Sign Language interpreter"),
    "interpreter": N_("Spoken-language interpreter"),
    "braille": N_("Braille"),
    "hearing_loop": N_("Hearing loop"),
    "step_free": N_("Step-free access"),
    "personal_assistant": N_("Personal assistant or carer"),
    "other": N_("Other (say which)"),
}

LANGUAGES = {
    "english": N_("English"),
    "welsh": N_("Welsh"),
    "other": N_("Other (say which)"),
}

PAYMENT_PREFERENCES = {
    "paid": N_("Happy to be paid"),
    "expenses_only": N_("Expenses only"),
    "no_payments": N_("No payments at all"),
}

CONSENT_METHODS = {
    "written": N_("Signed form"),
    "online": N_("Online form"),
    "email": N_("Email"),
    "verbal": N_("Spoken (noted by a worker)"),
}

ORGANISATION_KINDS = {
    "vcs": N_("Voluntary or community organisation"),
    "nhs": N_("NHS body"),
    "council": N_("Council"),
    "other": N_("Other"),
}


MEETING_KINDS = {
    "committee": N_("Committee or board meeting"),
    "local_group": N_("Local group"),
    "pre_meeting": N_("Pre-meeting"),
    "debrief": N_("Debrief"),
    "workshop": N_("Workshop or learning lab"),
    "steering_group": N_("Steering group"),
    "buddy": N_("Buddy meeting"),
    "other": N_("Other"),
}

MEETING_MODES = {
    "in_person": N_("In person"),
    "online": N_("Online"),
    "hybrid": N_("Hybrid (in person and online)"),
}

# Blank (None) until the worker records it.
ATTENDANCE = {
    "attended": N_("Attended"),
    "apologies": N_("Sent apologies"),
    "absent": N_("Absent"),
    "sent_views": N_("Sent views to be presented"),
}

RECURRENCE_RULES = {
    "weekly": N_("Every week, or every few weeks"),
    "monthly_weekday": N_("Monthly on a weekday (for example the second Tuesday)"),
    "monthly_day": N_("Monthly on a date (for example the 15th)"),
}

# Keyed by number (0 = Monday, as date.weekday()); look labels up directly: label() treats 0 as "nothing chosen".
WEEKDAYS = {
    0: N_("Monday"),
    1: N_("Tuesday"),
    2: N_("Wednesday"),
    3: N_("Thursday"),
    4: N_("Friday"),
    5: N_("Saturday"),
    6: N_("Sunday"),
}

# Which week of the month for "monthly on a weekday"; -1 is the last one. There is no "fifth": not every month has
# one (see rules.recurrence).
WEEK_OF_MONTH = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}

# Where an expense claim is in its life. Draft → submitted → approved → paid; rejected and void say why.
CLAIM_STATUSES = {
    "draft": N_("Draft"),
    "submitted": N_("Waiting for approval"),
    "approved": N_("Approved, not paid yet"),
    "paid": N_("Paid"),
    "rejected": N_("Rejected"),
    "void": N_("Void"),
}

PAYMENT_METHODS = {
    "bank_transfer": N_("Bank transfer"),
    "cheque": N_("Cheque"),
    "cash": N_("Cash"),
    "voucher": N_("Voucher"),
}


def label(vocabulary: dict[str, str], code: str | None) -> str:
    """The label for a code, or an empty string when nothing was chosen."""
    if not code:
        return ""
    return _(vocabulary[code]) if code in vocabulary else code
