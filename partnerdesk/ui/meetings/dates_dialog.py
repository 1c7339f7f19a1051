"""One date for several meetings: when notice of them went out, or when their papers went to everyone invited."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from partnerdesk.i18n import _, ngettext
from partnerdesk.records import vocab
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.meetings.bulk import (
    DateCount,
    PapersCount,
    meeting_versions,
    record_notice,
    record_papers,
)
from partnerdesk.ui.meetings.short_form import lay_out_short_form
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_tabs import FieldTabs, text_box

NOTICE, PAPERS = "notice", "papers"


def _skipped(changed_elsewhere: int) -> str:
    if not changed_elsewhere:
        return ""
    return " " + ngettext(
        "{n} meeting was changed by someone else after you picked it, so it was left alone: open it to check.",
        "{n} meetings were changed by someone else after you picked them, so they were left alone: open them to "
        "check.", changed_elsewhere,
    ).format(n=changed_elsewhere)


def describe_notice(count: DateCount) -> str:
    """What recording a notice date did, in words."""
    text = ngettext("Notice recorded for {n} meeting.", "Notice recorded for {n} meetings.", count.updated).format(
        n=count.updated)
    if count.unchanged:
        text += " " + ngettext("{n} already had that date.", "{n} already had that date.", count.unchanged).format(
            n=count.unchanged)
    if count.different:
        text += " " + ngettext(
            "{n} already had another date, which was kept: change it in the meeting if it was wrong.",
            "{n} already had another date, which was kept: change it in each meeting if it was wrong.",
            count.different,
        ).format(n=count.different)
    return text + _skipped(count.changed_elsewhere)


def describe_papers(count: PapersCount) -> str:
    """What recording a papers date did, in words."""
    people = ngettext("{n} person", "{n} people", count.people).format(n=count.people)
    meetings = ngettext("{n} meeting", "{n} meetings", count.meetings).format(n=count.meetings)
    text = _("Papers recorded for {people} at {meetings}.").format(people=people, meetings=meetings)
    if count.already:
        text += " " + ngettext(
            "{n} invitation already had papers recorded, which were kept.",
            "{n} invitations already had papers recorded, which were kept.", count.already,
        ).format(n=count.already)
    return text + _skipped(count.changed_elsewhere)


class MeetingDatesDialog(QDialog):
    """Record notice sent (what=NOTICE) or papers sent (what=PAPERS) for the meetings picked in the list.

    The meetings' versions are read as the dialog opens: one changed by someone else before Save is skipped and
    reported, not overwritten. After saving, `done_text` says what was done.
    """

    def __init__(self, writer: Writer, meeting_ids: list[str], what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer, self.what = writer, what
        self.versions: dict[str, int | None] = dict(writer.read(lambda s: meeting_versions(s, meeting_ids)))
        self.done_text = ""
        n = len(meeting_ids)
        if what == NOTICE:
            self.setWindowTitle(_("Record notice sent"))
            intro = ngettext("When did notice of the {n} meeting you picked go out?",
                             "When did notice of the {n} meetings you picked go out?", n)
        else:
            self.setWindowTitle(_("Record papers sent"))
            intro = ngettext(
                "When did the papers for the {n} meeting you picked go to everyone invited? Each person is recorded "
                "as sent the format they asked for.",
                "When did the papers for the {n} meetings you picked go to everyone invited? Each person is "
                "recorded as sent the format they asked for.", n)
        words = QLabel(intro.format(n=n))
        words.setWordWrap(True)
        self.fields = FieldTabs(_("Date for the meetings picked"))
        self.fields.tabBar().hide()
        form = self.fields.tab(_("Date"))
        self.day_key = "notice_sent_on" if what == NOTICE else "papers_sent_on"
        self.reason_key = "notice_reason" if what == NOTICE else "papers_reason"
        day = self.fields.row(form, _("&Sent on"), self.day_key, UkDateEdit(_("Date sent")))
        day.set_date(today_uk())
        if what == PAPERS:
            formats = {code: text for code, text in vocab.PAPER_FORMATS.items() if code != "other"}
            self.fields.row(form, _("&Format for people who did not ask for one"), "papers_format",
                            ChoiceCombo(formats, _("Format for people who did not ask for one")))
        self.fields.row(form, _("&Why it was late (if it was)"), self.reason_key,
                        text_box(_("Why it was late, if it was"), 500))
        self.summary, self.save_button = lay_out_short_form(self, words, self.fields, _("&Record"), 520)

    def save(self) -> bool:
        """Record the date for every meeting picked, in one transaction; True when done."""
        data, problems = self.fields.values(self.fields.widgets)
        if not problems:
            day, reason = data[self.day_key], data[self.reason_key]
            try:
                if self.what == NOTICE:
                    done = self.writer.run(self, lambda s: record_notice(s, self.versions, day, reason))
                    text = describe_notice(done) if done is not None else None
                else:
                    fmt = data["papers_format"]
                    done = self.writer.run(self, lambda s: record_papers(s, self.versions, day, fmt, reason))
                    text = describe_papers(done) if done is not None else None
            except ValidationError as exc:
                problems = exc.messages
            else:
                if text is None:
                    return False
                self.done_text = text
                self.accept()
                return True
        general = self.fields.show_messages(problems)
        self.summary.setText(_("Nothing has been recorded yet.") + " " + " ".join(general))
        self.summary.setVisible(bool(general))
        return False
