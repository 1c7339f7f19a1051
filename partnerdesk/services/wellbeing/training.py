"""Training courses and who has completed them: records, each person's training, and who is missing or due.

People with any role in the "training_roles" setting (peer supporters and peer support workers by default) are
expected to complete every course; a course's renewal period decides when a completion runs out
(rules.supervision.training_expires_on, stored on the record as expires_on so Today can find it by index).

The reading functions use records.tables on a plain connection or a session alike: the Today page asks for training
running out (training_expiring) as the window opens, before SQLAlchemy's ORM is imported. The record classes are
imported only by the functions that hand out or change a course or a training record.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Connection, exists, func, select

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.base import utc_now
from partnerdesk.rules import roles
from partnerdesk.rules import supervision as rules
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.meetings import LOOKBACK_DAYS
from partnerdesk.services.common.access import require
from partnerdesk.services.common.errors import NotFound, Problems, check_row_version
from partnerdesk.services.common.lookup import found
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.common.text import text_problem, tidy

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from partnerdesk.records.supervision import TrainingCourse, TrainingRecord

RECORD_FIELDS = ("person_id", "course_id", "completed_on")
_CHUNK = 500


class TrainingStatus(NamedTuple):
    """One person and one course: the latest completion and where it stands (rules.supervision.training_status)."""

    person_id: str
    person_name: str
    course_id: str
    course_name: str
    completed_on: date | None
    expires_on: date | None
    status: str  # "missing", "expired", "expiring" or "in date"
    record_id: str | None


class CourseView(NamedTuple):
    course_id: str
    name: str
    renewal_months: int | None  # None: never needs renewing


def list_courses(session: Session) -> list[CourseView]:
    """Courses not in the Bin, by name."""
    c = tables.training_courses
    stmt = select(c.c.id, c.c.name, c.c.renewal_months).where(c.c.deleted_at.is_(None)).order_by(func.lower(c.c.name))
    return [CourseView(*row) for row in session.execute(stmt)]


def save_course(session: Session, course_id: str | None, name: str, renewal_months: int | None) -> TrainingCourse:
    """Add a course (course_id None) or change one. Changing the renewal period re-works every expiry date."""
    problems = Problems()
    name = (name or "").strip()
    if not name:
        problems.add("name", _("Please give the course a name."))
    elif len(name) > 200:
        problems.add("name", _("This is too long: please keep it to 200 characters."))
    elif why := text_problem("name", name):
        problems.add("name", why)
    if isinstance(renewal_months, str):
        renewal_months = int(renewal_months) if renewal_months.strip().isdigit() else (renewal_months.strip() or None)
    if why := rules.renewal_months_problem(renewal_months):
        problems.add("renewal_months", why)
    problems.raise_if_any()
    from partnerdesk.records.supervision import TrainingCourse, TrainingRecord

    if course_id is None:
        course = TrainingCourse(name=name, renewal_months=renewal_months)
        session.add(course)
    else:
        course = get_course(session, course_id)
        course.name, course.renewal_months, course.updated_at = name, renewal_months, utc_now()
        for record in session.scalars(select(TrainingRecord).where(TrainingRecord.course_id == course_id)):
            record.expires_on = rules.training_expires_on(record.completed_on, renewal_months)
    session.flush()
    return course


def get_course(session: Session, course_id: str) -> TrainingCourse:
    """A course by id; raises NotFound."""
    from partnerdesk.records.supervision import TrainingCourse

    return found(session, TrainingCourse, course_id, _("That course could not be found."))


def delete_course(session: Session, course_id: str) -> None:
    """Move a course to the Bin: nobody is then expected to do it."""
    course = get_course(session, course_id)
    course.deleted_at = utc_now()
    session.flush()


def clean_record(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    """Check a training record and return it tidied with expires_on worked out, or raise ValidationError."""
    from partnerdesk.records.supervision import TrainingCourse
    from partnerdesk.services.wellbeing.checks import live_person

    out = tidy(data, RECORD_FIELDS, _("training record"))
    problems = Problems()
    if live_person(session, out["person_id"]) is None:
        problems.add("person_id", _("Please pick the person from the list."))
    course = session.get(TrainingCourse, out["course_id"]) if out["course_id"] else None
    if course is None or course.deleted_at is not None:
        problems.add("course_id", _("Please pick the course from the list."))
    if not isinstance(out["completed_on"], date):
        problems.add("completed_on", _("Please give the date the training was completed, for example 23/11/2026."))
    elif why := rules.completed_on_problem(today_uk(), out["completed_on"]):
        problems.add("completed_on", why)
    problems.raise_if_any()
    assert course is not None  # refused above
    out["expires_on"] = rules.training_expires_on(out["completed_on"], course.renewal_months)
    return out


def record_training(session: Session, data: dict[str, Any]) -> TrainingRecord:
    """Record that a person completed a course on a date (fields: RECORD_FIELDS)."""
    from partnerdesk.records.supervision import TrainingRecord

    record = TrainingRecord(**clean_record(session, data))
    session.add(record)
    session.flush()
    return record


def get_training_record(session: Session, record_id: str) -> TrainingRecord:
    """A training record by id; raises NotFound."""
    from partnerdesk.records.supervision import TrainingRecord

    return found(session, TrainingRecord, record_id, _("That training record could not be found."))


def update_training_record(
    session: Session, record_id: str, data: dict[str, Any], version: int | None = None
) -> TrainingRecord:
    """Change a training record (all fields). A form passes the version it read the record at: EditConflict if
    someone saved different details since."""
    record = get_training_record(session, record_id)
    clean = clean_record(session, data)
    check_row_version(record, version, clean)
    for key, value in clean.items():
        setattr(record, key, value)
    record.updated_at = utc_now()
    session.flush()
    return record


def delete_training_record(session: Session, record_id: str) -> None:
    """Move a training record to the Bin."""
    record = get_training_record(session, record_id)
    record.deleted_at = utc_now()
    session.flush()


def _latest(session: Session, person_ids: list[str]) -> dict[tuple[str, str], tuple[str, date, date | None]]:
    """(person, course) → (record id, completed_on, expires_on) of the latest completion."""
    t = tables.training_records
    found = {}
    for start in range(0, len(person_ids), _CHUNK):
        stmt = (
            select(t.c.person_id, t.c.course_id, t.c.id, t.c.completed_on, t.c.expires_on)
            .where(t.c.person_id.in_(person_ids[start : start + _CHUNK]), t.c.deleted_at.is_(None))
            .order_by(t.c.completed_on)
        )
        for person_id, course_id, record_id, completed_on, expires_on in session.execute(stmt):
            found[person_id, course_id] = (record_id, completed_on, expires_on)
    return found


def _statuses(session: Session, people: list[tuple[str, str]], today: date) -> list[TrainingStatus]:
    courses = list_courses(session)
    latest = _latest(session, [person_id for person_id, _unused in people])
    result = []
    for person_id, name in people:
        for course in courses:
            record_id, completed_on, _unused = latest.get((person_id, course.course_id), (None, None, None))
            expires_on = rules.training_expires_on(completed_on, course.renewal_months) if completed_on else None
            status = rules.training_status(today, completed_on, course.renewal_months)
            result.append(TrainingStatus(person_id, name, course.course_id, course.name, completed_on, expires_on,
                                         status, record_id))  # fmt: skip
    return result


def person_training(session: Session, person_id: str, today: date | None = None) -> list[TrainingStatus]:
    """Every course with the person's latest completion and its status, by course name."""
    require(roles.SUPERVISION_READ)
    p = tables.people
    name = session.scalar(select(p.c.full_name).where(p.c.id == person_id))
    if name is None:
        raise NotFound(_("That person could not be found."))
    return _statuses(session, [(person_id, name)], today or today_uk())


def _training_role(session: Connection | Session, person_id: Any) -> Any:
    """Whether the person with this id holds a role in the training_roles setting, looked up by the roles' own key:
    for a few people (expiring training), quicker than listing the tens of thousands of holders first."""
    r = tables.person_roles
    return exists().where(r.c.person_id == person_id, r.c.role.in_(get_setting(session, "training_roles")))


def _expected_to_train(session: Connection | Session, by_key: bool = False) -> list:
    """The conditions on people that make someone expected to do the training (see people_needing_training).

    The role holders are listed once, for lists and counts that go through most people; by_key looks each person's
    roles up instead, for a query that reaches only some people (those with training on record)."""
    p, r = tables.people, tables.person_roles
    if by_key:
        return [p.c.deleted_at.is_(None), p.c.status != "left", _training_role(session, p.c.id)]
    with_role = select(r.c.person_id).where(r.c.role.in_(get_setting(session, "training_roles")))
    return [p.c.deleted_at.is_(None), p.c.status != "left", p.c.id.in_(with_role)]


def people_needing_training(session: Session) -> list[tuple[str, str]]:
    """(id, name) of everyone expected to do the training: a role in the training_roles setting, not left, not in
    the Bin; by name."""
    p = tables.people
    stmt = (
        select(p.c.id, p.c.full_name)
        .where(*_expected_to_train(session))
        .order_by(func.lower(p.c.full_name), p.c.id)
    )
    return [tuple(row) for row in session.execute(stmt)]


def training_gaps(
    session: Session, today: date | None = None, statuses: tuple[str, ...] = ("missing", "expired", "expiring")
) -> list[TrainingStatus]:
    """Who is missing a course, or whose training has expired or runs out within 30 days: people expected to do
    the training only, by name then course."""
    require(roles.SUPERVISION_READ)
    return [
        item for item in _statuses(session, people_needing_training(session), today or today_uk())
        if item.status in statuses
    ]  # fmt: skip


def training_compliance(session: Session, today: date | None = None) -> list[tuple[str, int, int]]:
    """Per course, by name: (course name, people expected to do it, people whose training is in date today;
    "expiring" still counts as in date).

    Counted in the database, not person by person (a large organisation has tens of thousands of people expected to
    train): each person's latest completion of each course, grouped by course and date, so the training rule
    (rules.supervision.training_status) is applied once per course and completion date."""
    today = today or today_uk()
    p, t = tables.people, tables.training_records
    courses = list_courses(session)
    expected = session.execute(select(func.count()).select_from(p).where(*_expected_to_train(session))).scalar_one()
    # Each completion's holder looked up by key: listing everyone expected to train first, to look the completions
    # up in, took twice as long at 100,000 people (most of whom have no training on record).
    latest = (
        select(t.c.course_id, func.max(t.c.completed_on).label("completed_on"))
        .select_from(t.join(p, p.c.id == t.c.person_id))
        .where(t.c.deleted_at.is_(None), *_expected_to_train(session, by_key=True))
        .group_by(t.c.person_id, t.c.course_id)
    ).subquery()
    by_date = select(latest.c.course_id, latest.c.completed_on, func.count()).group_by(
        latest.c.course_id, latest.c.completed_on
    )
    renewal = {course.course_id: course.renewal_months for course in courses}
    in_date: dict[str, int] = dict.fromkeys(renewal, 0)
    for course_id, completed_on, people in session.execute(by_date):
        if course_id in renewal and rules.training_status(today, completed_on, renewal[course_id]) in (
            "in date", "expiring"
        ):
            in_date[course_id] += people
    counts: dict[str, list[int]] = {course.name: [0, 0] for course in courses}
    for course in courses:
        counts[course.name][0] += expected
        counts[course.name][1] += in_date[course.course_id]
    return [(name, expected, done) for name, (expected, done) in counts.items()]


def training_expiring(session: Connection | Session, today: date, limit: int = 200) -> list[TrainingStatus]:
    """For the Today page: training of people expected to do it that runs out within 30 days, or ran out in the
    last 90 days and has not been renewed; soonest expiry first.

    Found from the expiry index rather than by working out everyone's training, so it stays quick with thousands
    of people; "missing" training is on the training page (training_gaps), not on Today.
    """
    t, c, p = tables.training_records, tables.training_courses, tables.people
    later = t.alias("later")
    window = (today - timedelta(days=LOOKBACK_DAYS), today + timedelta(days=rules.EXPIRING_WINDOW_DAYS))
    renewed = exists().where(
        later.c.person_id == t.c.person_id, later.c.course_id == t.c.course_id, later.c.deleted_at.is_(None),
        later.c.completed_on > t.c.completed_on,
    )  # fmt: skip
    stmt = (
        select(p.c.id, p.c.full_name, c.c.id, c.c.name, t.c.completed_on, t.c.expires_on, c.c.renewal_months, t.c.id)
        .select_from(t.join(p, p.c.id == t.c.person_id).join(c, c.c.id == t.c.course_id))
        .where(
            t.c.expires_on.between(*window),
            t.c.deleted_at.is_(None), p.c.deleted_at.is_(None), c.c.deleted_at.is_(None), p.c.status != "left",
            _training_role(session, t.c.person_id), ~renewed,
        )
        .order_by(t.c.expires_on, func.lower(p.c.full_name))
        .limit(limit)
    )  # fmt: skip
    return [
        TrainingStatus(pid, name, cid, course, done, expires, rules.training_status(today, done, months), rid)
        for pid, name, cid, course, done, expires, months, rid in session.execute(stmt)
    ]
