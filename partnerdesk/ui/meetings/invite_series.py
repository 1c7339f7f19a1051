"""Invite a committee's members to every meeting of a series still to come, after saying plainly what will happen."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from partnerdesk.i18n import _, ngettext
from partnerdesk.services.common.settings import get_setting, set_setting
from partnerdesk.services.meetings.bulk import describe_invitations, invite_series, plan_series_invitations
from partnerdesk.ui.ops import Writer

AUTOMATIC = "invite_series_members"


def ask_and_invite(parent: QWidget, writer: Writer, series_id: str, offer_automatic: bool = False) -> str | None:
    """Ask first, then invite the series' committee members to every meeting still to come, in one transaction.

    Returns what was done in words (for the status line), or None when the worker said no. offer_automatic adds a
    tick box to do this for new meetings of every series from now on (the organisation setting).
    """
    plan = writer.read(lambda s: plan_series_invitations(s, series_id))
    if plan.invitations == 0:
        text = describe_invitations(plan)
        QMessageBox.information(parent, _("Invite committee members"), text)
        return text
    people = ngettext("{n} committee member", "{n} committee members", plan.people).format(n=plan.people)
    meetings = ngettext("the {n} meeting", "all {n} meetings", plan.meetings).format(n=plan.meetings)
    question = _("Invite {people} to {meetings} of this series still to come?").format(
        people=people, meetings=meetings)
    details = [_("Each person is invited to the meetings that fall while they hold a seat on the committee. "
                 "Back-up representatives are not invited.")]
    if plan.already:
        details.append(ngettext("{n} invitation is there already and will be left as it is.",
                                "{n} invitations are there already and will be left as they are.",
                                plan.already).format(n=plan.already))
    box = QMessageBox(QMessageBox.Icon.Question, _("Invite committee members"), question,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(" ".join(details))
    invite = box.addButton(_("Invite them"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Not now"), QMessageBox.ButtonRole.RejectRole)
    automatic = None
    if offer_automatic and not writer.read(lambda s: get_setting(s, AUTOMATIC)):
        words = _("From now on, invite the committee's members to new meetings of a series automatically")
        automatic = QCheckBox(words, box)  # owned by the box: Python must not delete it first
        box.setCheckBox(automatic)
    box.exec()
    agreed = box.clickedButton() is invite
    also_automatic = automatic is not None and automatic.isChecked()
    box.deleteLater()  # owned by parent, which may live much longer than this question
    if not agreed:
        return None

    def work(session):
        if also_automatic:
            set_setting(session, AUTOMATIC, True)
        return invite_series(session, series_id)

    done = writer.run(parent, work)
    return describe_invitations(done) if done is not None else None
