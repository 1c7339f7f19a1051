"""Qt's own words (standard buttons, file dialogs) follow the language PartnerDesk is shown in."""

from __future__ import annotations

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from partnerdesk import i18n
from partnerdesk.ui.app import make_application


def test_qt_buttons_follow_the_chosen_language(qapp, tmp_path, monkeypatch):
    catalog = Catalog(locale="de", domain=i18n.DOMAIN)
    catalog.add("Save", "Speichern")
    target = tmp_path / "de" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    target.parent.mkdir(parents=True)
    with target.open("wb") as handle:
        write_mo(handle, catalog)
    monkeypatch.setattr(i18n, "CATALOGUES", tmp_path)
    try:
        assert i18n.set_language("de") == "de"
        make_application()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    finally:
        i18n.set_language("en")
        for translator in qapp.findChildren(QTranslator):
            QCoreApplication.removeTranslator(translator)
        qapp.setProperty("partnerdesk_qt_translated", None)
    assert QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel).button(
        QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
