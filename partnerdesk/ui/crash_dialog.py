"""What the person sees when something goes wrong that PartnerDesk did not expect, and the log folder.

The error itself is written to the log by partnerdesk.logs (without its message, which may quote someone's
details); this module only shows it. "Copy details" copies the same safe description the log holds, so it can be
pasted into an email to whoever helps with PartnerDesk.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from partnerdesk import logs, paths
from partnerdesk.i18n import N_, _

HEADLINE = N_("Something went wrong. Your work is saved as a draft.")
EXPLANATION = (
    N_("PartnerDesk has written down what happened in its log, without anyone's details. You can carry on working. "
    "If it happens again, press “Copy details” and paste them into an email to whoever helps you with "
    "PartnerDesk, or send them the files in the log folder.")
)


def open_log_folder(parent: QWidget | None = None) -> bool:
    """Show the log folder in the computer's file manager; says where it is if no file manager opens."""
    folder = paths.logs_dir()
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(
        parent, _("Log folder"), _("PartnerDesk's log files are in this folder:\n\n{folder}").format(folder=folder)
    )
    return False


class CrashDialog(QDialog):
    """Says in plain words that something went wrong, with "Copy details" and "Open log folder"."""

    def __init__(self, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.details = details
        self.setWindowTitle(_("PartnerDesk — something went wrong"))
        self.setObjectName("crashDialog")
        headline = QLabel(_(HEADLINE))
        headline.setObjectName("crashHeadline")
        font = headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        headline.setFont(font)
        headline.setWordWrap(True)
        explanation = QLabel(_(EXPLANATION))
        explanation.setWordWrap(True)
        self.feedback = QLabel("")
        self.feedback.setAccessibleName(_("What happened when you pressed a button"))
        self.feedback.hide()  # shown once there is something to say, so the dialog has no empty gap

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(_("Copy details"))
        self.copy_button.setToolTip(_("Copy a description of the problem (no names or notes) to paste into an email"))
        self.folder_button = QPushButton(_("Open log folder"))
        self.close_button = QPushButton(_("Close"))
        self.close_button.setDefault(True)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button.clicked.connect(lambda: open_log_folder(self))
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(headline)
        layout.addWidget(explanation)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def copy_details(self) -> None:
        """Put the details on the clipboard."""
        QGuiApplication.clipboard().setText(self.details)
        self.feedback.setText(_("The details are copied: paste them into an email."))
        self.feedback.show()


class CrashReporter(QObject):
    """Shows uncaught errors in a CrashDialog, whichever thread they happened on.

    report() may be called from any thread: the signal carries the details to the thread this object lives on
    (the window's), because a widget made on another thread crashes Qt. One dialog at a time: an error that
    repeats (in a paint event, say) is logged each time but not shown again while the dialog is open.
    """

    crashed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.dialog: CrashDialog | None = None
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, details: str) -> None:
        """Called by partnerdesk.logs after the error is logged."""
        self.crashed.emit(details)

    @Slot(str)
    def _show(self, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return
        self.dialog = CrashDialog(details, QApplication.activeWindow())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()


def install_crash_reporter(app: QApplication) -> CrashReporter:
    """Log every uncaught error and show it in the crash dialog, from now until the application ends."""
    reporter = CrashReporter(app)
    logs.install_excepthooks()
    logs.set_crash_reporter(reporter.report)
    app.aboutToQuit.connect(lambda: logs.set_crash_reporter(None))
    return reporter

