"""The fixed lists of choices people pick from, as stored code → plain-English label.

Codes are what the database holds (they never change once shipped); labels are what people read.
Pure Python so the GUI, the exports and the rules can all share one list.
"""

from __future__ import annotations

STATUSES = {
    "interested": "Interested",
    "active": "Active",
    "paused": "Paused",
    "left": "Left",
}

ROLES = {
    "service_user_rep": "Service-user representative",
    "carer_rep": "Carer representative",
    "backup_rep": "Back-up representative",
    "peer_supporter": "Peer supporter (volunteer)",
    "peer_support_worker": "Peer support worker (paid)",
    "coordinator": "Coordinator",
    "board_member": "Board member",
    "vcs_leader": "VCS leader",
    "other": "Other",
}

CONTACT_METHODS = {
    "email": "Email",
    "phone": "Phone call",
    "text": "Text message",
    "post": "Post",
    "in_person": "In person",
}

PAPER_FORMATS = {
    "email": "Email",
    "post": "Post",
    "large_print": "Large print",
    "easy_read": "Easy Read",
    "other": "Other (say which)",
}

ACCESS_NEEDS = {
    "large_print": "Large print",
    "easy_read": "Easy Read",
    "bsl": "British Sign Language interpreter",
    "interpreter": "Spoken-language interpreter",
    "braille": "Braille",
    "hearing_loop": "Hearing loop",
    "step_free": "Step-free access",
    "personal_assistant": "Personal assistant or carer",
    "other": "Other (say which)",
}

LANGUAGES = {
    "english": "English",
    "welsh": "Welsh",
    "other": "Other (say which)",
}

PAYMENT_PREFERENCES = {
    "paid": "Happy to be paid",
    "expenses_only": "Expenses only",
    "no_payments": "No payments at all",
}

CONSENT_METHODS = {
    "written": "Signed form",
    "online": "Online form",
    "email": "Email",
    "verbal": "Spoken (noted by a worker)",
}

ORGANISATION_KINDS = {
    "vcs": "Voluntary or community organisation",
    "nhs": "NHS body",
    "council": "Council",
    "other": "Other",
}


MEETING_KINDS = {
    "committee": "Committee or board meeting",
    "local_group": "Local group",
    "pre_meeting": "Pre-meeting",
    "debrief": "Debrief",
    "workshop": "Workshop or learning lab",
    "steering_group": "Steering group",
    "buddy": "Buddy meeting",
    "other": "Other",
}

MEETING_MODES = {
    "in_person": "In person",
    "online": "Online",
    "hybrid": "Hybrid (in person and online)",
}

# Blank (None) until the worker records it.
ATTENDANCE = {
    "attended": "Attended",
    "apologies": "Sent apologies",
    "absent": "Absent",
    "sent_views": "Sent views to be presented",
}

RECURRENCE_RULES = {
    "weekly": "Every week, or every few weeks",
    "monthly_weekday": "Monthly on a weekday (for example the second Tuesday)",
    "monthly_day": "Monthly on a date (for example the 15th)",
}

# Keyed by number (0 = Monday, as date.weekday()); look labels up directly: label() treats 0 as "nothing chosen".
WEEKDAYS = {0: "Monday", 1: "Tuesday", 2: "Wednesday", 3: "Thursday", 4: "Friday", 5: "Saturday", 6: "Sunday"}

# Which week of the month for "monthly on a weekday"; -1 is the last one. There is no "fifth": not every month has
# one (see rules.recurrence).
WEEK_OF_MONTH = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}

# Where an expense claim is in its life. Draft → submitted → approved → paid; rejected and void say why.
CLAIM_STATUSES = {
    "draft": "Draft",
    "submitted": "Waiting for approval",
    "approved": "Approved, not paid yet",
    "paid": "Paid",
    "rejected": "Rejected",
    "void": "Void",
}

PAYMENT_METHODS = {
    "bank_transfer": "Bank transfer",
    "cheque": "Cheque",
    "cash": "Cash",
    "voucher": "Voucher",
}


def label(vocabulary: dict[str, str], code: str | None) -> str:
    """The label for a code, or an empty string when nothing was chosen."""
    if not code:
        return ""
    return vocabulary.get(code, code)
