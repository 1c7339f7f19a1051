"""Alt and a letter reaches one thing only: no two entries of a menu, and no two controls on show together in a
dialog, share their underlined letter (issue 12: S twice in File, T twice in the meeting form)."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QDialog, QGroupBox, QLabel, QMenu, QTabWidget, QWidget

from tests.ui.test_fits_laptop import _every_dialog


def accelerator(text: str) -> str | None:
    """The letter after a single "&" (a doubled "&&" is a plain ampersand), lower case; None when there is none."""
    at = 0
    while (at := text.find("&", at)) != -1 and at + 1 < len(text):
        if text[at + 1] != "&":
            return text[at + 1].lower()
        at += 2
    return None


def _clashes(texts: list[str]) -> list[str]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        letter = accelerator(text)
        if letter:
            by_letter[letter].append(text)
    return [f"{letter}: {' / '.join(found)}" for letter, found in sorted(by_letter.items()) if len(found) > 1]


def menu_clashes(menu: QMenu) -> dict[str, list[str]]:
    """Clashing letters in a menu and each of its submenus, by menu title."""
    found = {}
    actions = [action for action in menu.actions() if action.isVisible() and not action.isSeparator()]
    if clashes := _clashes([action.text() for action in actions]):
        found[menu.title()] = clashes
    for action in actions:
        if action.menu() is not None:
            found |= menu_clashes(action.menu())
    return found


def _texts_on_show(top: QWidget) -> list[str]:
    texts = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top):
            continue
        if isinstance(widget, QAbstractButton) or isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(index) for index in range(widget.count())]
    return texts


def dialog_clashes(dialog: QDialog) -> list[str]:
    """Clashing letters among what a dialog shows at once: as it opens, and with each tab of each set of tabs."""
    found = set(_clashes(_texts_on_show(dialog)))
    for tabs in dialog.findChildren(QTabWidget):
        for index in range(tabs.count()):
            if tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                found |= {f"{tabs.tabText(index)!r} tab: {c}" for c in _clashes(_texts_on_show(dialog))}
    return sorted(found)


def test_the_letters_are_read_as_qt_reads_them():
    assert accelerator("&Save") == "s"
    assert accelerator("Export mee&tings") == "t"
    assert accelerator("Tom && Jerry") is None
    assert accelerator("Tom && &Jerry") == "j"
    assert _clashes(["&Save", "&Schedule", "&Open"]) == ["s: &Save / &Schedule"]


def test_no_menu_has_two_entries_with_one_letter(window):
    found = {}
    for action in window.menuBar().actions():
        found |= menu_clashes(action.menu())
    assert found == {}
    assert _clashes([action.text() for action in window.menuBar().actions()]) == []


def test_no_dialog_has_two_controls_with_one_letter(qtbot, writer):
    from partnerdesk.demo.build import fill_demo

    fill_demo(writer.store, people=30)
    found = {}
    for dialog in _every_dialog(writer):
        qtbot.addWidget(dialog)
        if clashes := dialog_clashes(dialog):
            found[type(dialog).__name__] = clashes
    assert found == {}, "\n".join(f"{name}: {clashes}" for name, clashes in found.items())


def test_plain_words_where_there_was_jargon(qtbot, writer):
    """Issue 12 point 9: the words a worker met that did not say what they meant."""
    from partnerdesk.ui.expenses.claim_form import ClaimForm
    from partnerdesk.ui.meetings.attendance_panel import HEADINGS
    from partnerdesk.ui.wellbeing.check_form import CheckForm
    from partnerdesk.ui.wellbeing.wellbeing_page import WellbeingPage
    from tests.builders import add_claim, add_person

    check = CheckForm(writer)
    qtbot.addWidget(check)
    assert check.fields.captions["context"].text().replace("&", "") == "Kind of check"
    page = WellbeingPage(writer)
    qtbot.addWidget(page)
    # The filter lists everyone until someone is picked, and its empty box says so.
    assert page.person.box.placeholderText().startswith("Everyone")
    claim = ClaimForm(writer, add_claim(writer.store, add_person(writer.store)))
    qtbot.addWidget(claim)
    assert claim.status_panel.buttons["void"].text().replace("&", "") == "Cancel the claim…"
    assert "Reason (late, format)" not in HEADINGS


def test_no_two_controls_on_the_programmes_page_share_a_letter(qtbot, writer):
    from partnerdesk.ui.programmes.page import ProgrammesPage
    from tests.builders import add_programme_with_pairs

    add_programme_with_pairs(writer.store)
    page = ProgrammesPage(writer)
    qtbot.addWidget(page)
    page.show()
    assert dialog_clashes(page) == []  # the list, its buttons and each tab's controls are on show together


def test_every_equality_question_has_its_own_letter(writer, qtbot):
    # They had none: a keyboard user tabbed through nine drop-downs to reach the last.
    from partnerdesk.rules.equality import QUESTIONS
    from partnerdesk.ui.people.equality_fields import LABELS
    from partnerdesk.ui.people.person_form import PersonForm

    form = PersonForm(writer)
    qtbot.addWidget(form)
    labels = [label for label in form.findChildren(QLabel) if label.buddy() in form.fields.widgets.values()]
    shown = {label.text().replace("&", ""): label for label in labels}
    for question in QUESTIONS:
        label = shown[LABELS[question.field].replace("&", "")]
        assert accelerator(label.text()), question.field
        assert label.buddy() is form.fields.widgets[question.field]
    assert dialog_clashes(form) == []
