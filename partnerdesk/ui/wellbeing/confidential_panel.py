"""Confidential notes on a form, hidden until the worker deliberately presses "Show confidential notes".

The notes are read only then, through services.wellbeing.confidential (the one gate that accounts and roles will plug
into), so a form opened for a date or a score never loads them. Until they are shown, saving leaves them as they were.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from partnerdesk.i18n import _
from partnerdesk.services.wellbeing.confidential import NotAllowed, may_open, read_confidential_notes
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.field_message import FieldMessage
from partnerdesk.ui.widgets.field_tabs import long_text_box


class ConfidentialPanel(QWidget):
    """Boxes for the confidential fields of one record (kind: services.wellbeing.confidential), behind a button."""

    def __init__(self, writer: Writer, kind: str, record_id: str | None, fields: dict[str, str],
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.writer, self.kind, self.record_id = writer, kind, record_id
        self.revealed = False
        column = QVBoxLayout(self)
        self.hint = QLabel(_("These notes are confidential. They never appear in lists or exports. Open them only "
                           "when nobody who should not see them can see your screen."))  # fmt: skip
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.show_button = QPushButton(_("Sho&w confidential notes"))
        self.show_button.setAccessibleName(_("Show confidential notes"))
        self.show_button.clicked.connect(self.reveal)
        self.refused = FieldMessage(_("confidential notes"))
        if record_id is not None and not writer.read(lambda s: may_open(s, kind, record_id)):
            self.show_button.hide()  # no dead button: say who can open them instead
            self.hint.setText(_("These notes are confidential. Only the person who wrote them, the supervisor of "
                                "the person they are about, or a coordinator can open them."))
        column.addWidget(self.hint)
        column.addWidget(self.show_button)
        column.addWidget(self.refused)
        self.boxes: dict[str, QPlainTextEdit] = {}
        self.messages: dict[str, FieldMessage] = {}
        self.captions: list[QLabel] = []
        for key, label in fields.items():
            caption = QLabel(label)
            box = long_text_box(label.replace("&", ""), 80)
            caption.setBuddy(box)
            message = FieldMessage(label.replace("&", "")).follow(box)
            for widget in (caption, box):
                widget.hide()
                column.addWidget(widget)
            column.addWidget(message)
            self.boxes[key], self.messages[key] = box, message
            self.captions.append(caption)
        column.addStretch(1)

    def reveal(self) -> bool:
        """Read the notes through the confidentiality gate and show them; False if refused."""
        if self.revealed:
            return True
        if self.record_id is not None:
            try:
                notes = self._open_notes()
            except NotAllowed as why:
                self.refused.show_message(str(why))
                return False
            for key, box in self.boxes.items():
                box.setPlainText(notes.get(key) or "")
        for widget in (*self.boxes.values(), *self.captions):
            widget.show()
        self.show_button.hide()
        self.revealed = True
        next(iter(self.boxes.values())).setFocus()
        return True

    def _open_notes(self) -> dict[str, str | None]:
        # Opened in a writing transaction so the audit log records it; a read-only database cannot take the
        # entry, and refusing to show the notes there would stop people reading their own records.
        if self.writer.read_only:
            return self.writer.read(lambda s: read_confidential_notes(s, self.kind, self.record_id, audited=False))

        def work(session) -> dict[str, str | None] | NotAllowed:
            try:
                return read_confidential_notes(session, self.kind, self.record_id)
            except NotAllowed as why:  # handed back: the writer treats an exception as a crash
                return why

        notes = self.writer.run(self, work)
        if isinstance(notes, NotAllowed):
            raise notes
        if notes is None:  # the database said no, and the writer has told the person why
            raise NotAllowed(_("The notes could not be opened just now. Please try again."))
        return notes

    def values(self) -> dict[str, str]:
        """The notes to save: only once shown (left out, the service keeps what they held)."""
        return {key: box.toPlainText() for key, box in self.boxes.items()} if self.revealed else {}

    def set_values(self, values: dict[str, str]) -> None:
        """Put notes typed earlier back (a restored draft), showing them."""
        self.revealed = True
        for widget in (*self.boxes.values(), *self.captions):
            widget.show()
        self.show_button.hide()
        for key, box in self.boxes.items():
            box.setPlainText(values.get(key) or "")

    def text(self) -> str:
        """Everything visible on the panel, for tests that check notes stay hidden."""
        return " ".join(box.toPlainText() for box in self.boxes.values() if box.isVisible())
