"""Importing meetings from a spreadsheet (a diary kept in Excel, or PartnerDesk's own meetings export), through the
shared import steps of services.common.importing.

Each row is checked by the same rules as the meeting form (meetings.clean_meeting). The committee is found by its
name (and its organisation's, when a column gives it): an unknown committee is a problem with that row, never a new
committee made up from a typing slip. A row for a meeting of the same committee at the same time as one already in
PartnerDesk, or earlier in the sheet, is skipped unless the worker says otherwise, so importing a sheet twice does
not double the diary. The named contact is linked to the person in PartnerDesk with that name when there is exactly
one; otherwise the name is kept as typed.

A pre-meeting or debrief is linked to the meeting it serves, which a sheet cannot point at: the same committee's
next meeting (for a pre-meeting) or the one before (for a debrief), within a month, in PartnerDesk or in the sheet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.records import tables
from partnerdesk.records import vocab as v
from partnerdesk.records.base import current_user, new_id, utc_now
from partnerdesk.rules.meetings import SERVING_KINDS
from partnerdesk.rules.typed_dates import read_date, read_time
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.importing import (
    Decision,
    Importer,
    ImportPlan,
    ImportReport,
    RowPlan,
    Rows,
    cell_text,
    cells,
    choice_codes,
    folded,
    problem_lines,
    skipped,
    summary,
    undo_batch,
)
from partnerdesk.services.common.importing import row_report as _row_report
from partnerdesk.services.meetings.meetings import DETAIL_FIELDS, TRACKING_FIELDS, clean_meeting

FIELDS: dict[str, str] = {
    "": N_("(leave out)"),
    "committee": N_("Committee"),
    "organisation": N_("Organisation"),
    "title": N_("Title"),
    "kind": N_("Kind of meeting"),
    "date": N_("Date"),
    "start_time": N_("Start time"),
    "end_time": N_("End time"),
    "mode": N_("In person or online"),
    "venue": N_("Place"),
    "joining_details": N_("Joining details"),
    "access_notes": N_("Access notes"),
    "contact_name": N_("Named contact"),
    "contact_phone": N_("Contact's phone"),
    "contact_email": N_("Contact's email"),
    "notes": N_("Notes"),
    "notice_sent_on": N_("Notice sent on"),
    "minutes_sent_on": N_("Minutes sent on"),
    "cancelled": N_("Cancelled"),
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "committee": ("committee", "committeename", "board", "group", "committeeorboard", "committeeboard"),
    "organisation": ("organisation", "organization", "org", "body"),
    "title": ("title", "meeting", "meetingtitle", "subject", "meetingname", "description"),
    "kind": ("kind", "type", "meetingtype", "kindofmeeting"),
    "date": ("date", "meetingdate", "day", "dateofmeeting", "on"),
    "start_time": ("start", "starttime", "starts", "from", "time", "begins"),
    "end_time": ("end", "endtime", "ends", "to", "finish", "finishes", "until"),
    "mode": ("mode", "inpersononline", "onlineorinperson", "inpersonoronline", "how", "format"),
    "venue": ("place", "venue", "location", "where", "room"),
    "joining_details": ("joiningdetails", "link", "joininglink", "onlinelink", "teamslink", "zoomlink"),
    "access_notes": ("accessnotes", "access"),
    "contact_name": ("contact", "namedcontact", "contactname", "organiser", "organizer", "arrangedby"),
    "contact_phone": ("contactphone", "contacttel", "contactnumber"),
    "contact_email": ("contactemail", "contactemailaddress"),
    "notes": ("notes", "note", "comments"),
    "notice_sent_on": ("noticesenton", "noticesent", "noticedate"),
    "minutes_sent_on": ("minutessenton", "minutessent", "minutesdate"),
    "cancelled": ("cancelled", "canceled"),
}  # fmt: skip

_DATES = ("date", "notice_sent_on", "minutes_sent_on")
_TIMES = ("start_time", "end_time")
_NO_DATE = N_("No column is chosen for the meeting's date. Please choose which column holds the date, then try again.")
_YES = {"yes", "y", "true", "1", "cancelled", "canceled"}


def field_label(name: str) -> str:
    """The words for a field in the worker's language ("Committee")."""
    return _(FIELDS[name]) if name in FIELDS else name


class _Lookups:
    """Committees by name (and organisation), people by name for the named contact, and the meetings already in
    PartnerDesk by committee and start: read once for the whole sheet."""

    def __init__(self, session: Session) -> None:
        c, o, p, m = tables.committees, tables.organisations, tables.people, tables.meetings
        self.committees: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        stmt = select(c.c.id, c.c.name, o.c.name).join(o, o.c.id == c.c.organisation_id).where(c.c.deleted_at.is_(None))
        for committee_id, name, organisation in session.execute(stmt):
            self.committees[folded(name)].append((committee_id, name, folded(organisation)))
        self.people: dict[str, list[str]] = defaultdict(list)
        for person_id, name in session.execute(select(p.c.id, p.c.full_name).where(p.c.deleted_at.is_(None))):
            self.people[folded(name)].append(person_id)
        self.meetings: dict[tuple[str | None, datetime], Any] = {}
        stmt = select(m.c.id, m.c.committee_id, m.c.starts_at).where(m.c.deleted_at.is_(None))
        for meeting_id, committee_id, starts_at in session.execute(stmt):
            self.meetings.setdefault((committee_id, starts_at), meeting_id)
        # Meetings a pre-meeting or debrief can serve, by committee: (starts, ends, id, sheet row or None).
        self.served: dict[str | None, list[tuple[datetime, datetime, str, int | None]]] = defaultdict(list)
        live = select(m.c.id, m.c.committee_id, m.c.starts_at, m.c.ends_at).where(
            m.c.deleted_at.is_(None), m.c.kind.not_in(SERVING_KINDS), m.c.committee_id.is_not(None)
        )
        for row in session.execute(live):
            self.served[row.committee_id].append((row.starts_at, row.ends_at, row.id, None))

    def committee(self, name: str, organisation: str | None) -> tuple[str | None, str | None, str | None]:
        """(id, name as PartnerDesk has it, problem) for a committee named in the sheet."""
        found = self.committees.get(folded(name), [])
        if organisation and len(found) > 1:
            found = [item for item in found if item[2] == folded(organisation)]
        if not found:
            return None, None, _(
                "There is no committee called that in PartnerDesk. Add the committee first, or correct its name."
            )
        if len(found) > 1:
            return None, None, _(
                "Two committees have that name. Add an Organisation column to say which, or rename one of them."
            )
        return found[0][0], found[0][1], None


def _row_data(found: dict[str, Any], problems: dict[str, str]) -> dict[str, Any]:
    """The meeting form's fields from a row's cells, with what could not be read in problems."""
    data: dict[str, Any] = {}
    for name, value in found.items():
        try:
            if name in _DATES:
                data[name] = read_date(value)
            elif name in _TIMES:
                data[name] = read_time(value)
            elif name == "kind":
                data["kind"] = choice_codes(v.MEETING_KINDS).get(cell_text(value).lower(), cell_text(value))
            elif name == "mode":
                text = cell_text(value).lower()
                data["mode"] = choice_codes(v.MEETING_MODES).get(text, "hybrid" if "hybrid" in text else text)
            elif name not in ("committee", "organisation", "cancelled"):
                data[name] = cell_text(value)
        except ValueError as why:
            problems[name] = str(why)
    return data


def _plan_row(session: Session, number: int, found: dict[str, Any], known: _Lookups) -> RowPlan:
    problems: dict[str, str] = {}
    data = _row_data(found, problems)
    committee_name = None
    data["committee_id"] = None
    if "committee" in found:
        committee_id, committee_name, why = known.committee(cell_text(found["committee"]), found.get("organisation"))
        data["committee_id"] = committee_id
        if why:
            problems["committee_id"] = why  # said instead of the form's "Please pick the committee"
    data.setdefault("kind", "committee" if "committee" in found else "local_group")
    # PartnerDesk's anonymised meetings export leaves the typed title out: the committee's name stands in for it.
    data.setdefault("title", committee_name or _(v.MEETING_KINDS.get(data["kind"], v.MEETING_KINDS["other"])))
    contact = folded(data.get("contact_name"))
    if contact and len(known.people.get(contact, [])) == 1:
        data["contact_person_id"] = known.people[contact][0]
    for name in problems:
        data.pop(name, None)
    serving = data["kind"] in SERVING_KINDS
    try:
        # The meeting a pre-meeting or debrief serves may be further down the sheet: it is found afterwards.
        details = clean_meeting(session, {**data, "kind": "other"} if serving else data)
    except ValidationError as why:
        problems = {**why.messages, **problems}
        details = None
    if problems or details is None:
        return RowPlan(number, None, problem_lines(problems, _meeting_label), decision=Decision.SKIP)
    details.update(kind=data["kind"], id=new_id(), serves_row=None)
    details["cancelled"] = cell_text(found.get("cancelled", "")).lower() in _YES
    plan = RowPlan(number, details)
    key = (details["committee_id"], details["starts_at"])
    if (earlier := known.meetings.get(key)) is not None:
        plan.duplicate_of, plan.duplicate_row = (earlier, None) if isinstance(earlier, str) else (None, earlier)
        plan.why_duplicate = _("the same committee at the same time")
        plan.decision = Decision.SKIP
    else:
        known.meetings[key] = number
        if not serving and details["committee_id"] is not None:
            known.served[details["committee_id"]].append(
                (details["starts_at"], details["ends_at"], details["id"], number)
            )
    return plan


#: How far from a pre-meeting or debrief the meeting it serves may be.
_SERVES_WITHIN = timedelta(days=31)


def _link_serving(plans: list[RowPlan], known: _Lookups) -> None:
    """Point each pre-meeting at its committee's next meeting, and each debrief at the one before, or report it."""
    for plan in plans:
        d = plan.details
        if d is None or d["kind"] not in SERVING_KINDS:
            continue
        meetings = known.served.get(d["committee_id"], [])
        if d["kind"] == "pre_meeting":
            after = [m for m in meetings if d["ends_at"] <= m[0] <= d["ends_at"] + _SERVES_WITHIN]
            found = min(after, default=None)
        else:
            before = [m for m in meetings if d["starts_at"] - _SERVES_WITHIN <= m[1] <= d["starts_at"]]
            found = max(before, key=lambda m: m[1], default=None)
        if found is not None:
            d["serves_meeting_id"], d["serves_row"] = found[2], found[3]
            continue
        plan.problems = [_("Kind of meeting: no meeting of the same committee within a month, in PartnerDesk or in "
                           "this sheet, for it to go with. Import that meeting too, or change the kind.")]  # fmt: skip
        plan.details, plan.decision = None, Decision.SKIP


def _meeting_label(name: str) -> str:
    # The meeting form's field names, said as the sheet's columns.
    return field_label({"committee_id": "committee", "contact_person_id": "contact_name"}.get(name, name))


def _plan_rows(session: Session, rows: Rows, mapping: list[str]) -> list[RowPlan]:
    known = _Lookups(session)
    plans = [_plan_row(session, number, cells(mapping, values), known) for number, values in rows]
    _link_serving(plans, known)
    return plans


def plan_import(session: Session, rows: Rows, mapping: Sequence[str] | None = None) -> ImportPlan:
    """Check every row below the headings against the meeting form's rules; see the module's notes."""
    return MEETINGS.plan(session, rows, mapping)


_COLUMNS = (*DETAIL_FIELDS, *TRACKING_FIELDS, "serves_meeting_id", "starts_at", "ends_at", "cancelled")


def import_meetings(session: Session, plan: ImportPlan) -> ImportReport:
    """Add every valid row not skipped, in the caller's one transaction; returns the report (batch for Undo)."""
    batch, now, who = new_id(), utc_now(), current_user()
    stamp = {"import_batch": batch, "created_at": now, "updated_at": now, "created_by": who, "updated_by": who}
    going = [row for row in plan.rows if row.details is not None and row.decision is not Decision.SKIP]
    served = {row.details["id"] for row in going if row.details and row.details["kind"] not in SERVING_KINDS}
    left = skipped(plan, _("Looks like a meeting already there ({why})."))
    main: list[dict[str, Any]] = []
    serving: list[dict[str, Any]] = []
    for row in going:
        d = row.details or {}
        if d["serves_row"] is not None and d["serves_meeting_id"] not in served:
            # The worker chose to skip the meeting this one goes with.
            left.append((row.row, _("The meeting it goes with (row {row}) is not being imported.").format(
                row=d["serves_row"])))  # fmt: skip
            continue
        (serving if d["kind"] in SERVING_KINDS else main).append(
            {**{key: d[key] for key in _COLUMNS}, **stamp, "id": d["id"]}
        )
    # The meetings served go in first: a pre-meeting or debrief points at one of them.
    for rows in (main, serving):
        if rows:
            session.execute(insert(tables.meetings), rows)
    return ImportReport(batch, len(main) + len(serving), 0, sorted(left))


def undo_import(session: Session, batch: str) -> int:
    """Put every meeting an import added (and not already in the Bin) in the Bin; returns how many."""
    return undo_batch(session, tables.meetings, batch)


def row_report(plan: ImportPlan) -> list[str]:
    """One plain line per row that will not simply be added (row numbers and reasons, never values)."""
    return _row_report(plan, _("looks like a meeting already in PartnerDesk"), _("will be added"))


def report_summary(report: ImportReport) -> str:
    """The import's result in one plain sentence."""
    added = ngettext("{count:,} meeting added", "{count:,} meetings added", report.added).format(count=report.added)
    return summary(report, added)


MEETINGS = Importer(
    kind="meetings",
    fields=FIELDS,
    synonyms=SYNONYMS,
    needs=(("date",), _NO_DATE),
    plan_rows=_plan_rows,
    commit=import_meetings,
    undo=undo_import,
    summary=report_summary,
    report=row_report,
)
