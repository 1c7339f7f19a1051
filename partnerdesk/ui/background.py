"""Long work (exports, demo data) off the GUI thread, with a progress dialog and a Cancel button."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from partnerdesk.i18n import _
from partnerdesk.services.common.errors import Cancelled

log = logging.getLogger(__name__)

#: The work is given a progress function; it calls it with (done, total) and stops if it returns False.
Work = Callable[[Callable[[int, int], bool]], object]


def _is_explained(exc: Exception) -> bool:
    """Whether the error's message was written for the person (a file that could not be saved, say)."""
    from partnerdesk.exports.xlsx import ExportError
    from partnerdesk.services.common.errors import NotFound, ValidationError
    from partnerdesk.store.engine import StoreError

    return isinstance(exc, ExportError | StoreError | ValidationError | NotFound | OSError)


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work):
        super().__init__()
        self._work = work
        self.cancelled = threading.Event()
        # Read by the GUI thread only after the thread has finished (QThread.wait), so no lock is needed.
        self.result: object = None
        self.error: str | None = None
        self.unexpected: tuple | None = None
        self.done = False

    def run(self) -> None:
        def progress(done: int, total: int) -> bool:
            self.progressed.emit(done, total)
            return not self.cancelled.is_set()

        try:
            result = self._work(progress)
        except Cancelled:  # the person pressed Cancel and the work stopped cleanly: not a failure
            self.failed.emit("")
            return
        except Exception as exc:
            if _is_explained(exc):  # a message written for the person: shown to them
                log.exception("background work failed")
                self.error = str(exc) or type(exc).__name__
            else:  # unexpected: its message may quote someone's details, so it goes to the crash dialog instead
                self.unexpected = sys.exc_info()
            self.failed.emit(self.error or "")
            return
        self.result, self.done = result, True
        self.finished.emit(result)


class _ProgressRelay(QObject):
    """Lives on the GUI thread, so progress signals from the worker are queued to it rather than run on the
    worker thread (a plain function connected to a signal would run where the signal was sent, and touching a
    widget from there crashes Qt)."""

    def __init__(self, dialog: QProgressDialog):
        super().__init__(dialog)
        self._dialog = dialog

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, total))


def run_with_progress(parent: QWidget, title: str, label: str, work: Work) -> tuple[bool, object]:
    """Run work on a worker thread while a progress dialog shows; returns (completed, result).

    Nothing on the worker thread touches widgets: it only emits signals that the dialog receives.
    """
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoReset(False)  # close when the work has really finished, not when the bar is full
    thread = QThread(parent)
    worker = _Worker(work)
    worker.moveToThread(thread)

    relay = _ProgressRelay(dialog)
    worker.progressed.connect(relay.show_progress)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(dialog.reset)
    dialog.canceled.connect(worker.cancelled.set)
    thread.started.connect(worker.run)
    thread.start()
    dialog.exec()
    if dialog.wasCanceled():
        worker.cancelled.set()
    thread.quit()
    thread.wait()
    if worker.unexpected is not None:
        log.error("unexpected error in long work (%s)", title)
        # Shown here, on the window's thread: the installed hook (partnerdesk.logs) logs it and shows the crash dialog.
        sys.excepthook(*worker.unexpected)
        return False, None
    if worker.error is not None:
        QMessageBox.warning(parent, title, _("This could not be finished, so nothing was kept.\n\n{error}").format(
            error=worker.error,
        ))
        return False, None
    if worker.done:  # finished just as Cancel was pressed still counts as finished
        return True, worker.result
    return False, None
