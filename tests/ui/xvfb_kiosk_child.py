"""A kiosk window under a real X server, for tests that drive it with xdotool and xclip.

Run as ``python -m tests.ui.xvfb_kiosk_child DATA_DIR STATUS_FILE [entry]`` with
``QT_QPA_PLATFORM=xcb``: it opens the comment screen (the rating entry's code
field with ``entry``), puts text in, prints ``READY x1 y x2`` (screen points at
the start and end of the text), writes the field's text and the current
screen to STATUS_FILE every 50 ms, and goes Home when a file
``STATUS_FILE.home`` appears.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer

from kiosk.clock import ManualClock
from kiosk.config import DEMO_CONFIG, load_config
from tests.support import moscow
from ui.app import Kiosk

COMMENT = "позвоните мне 89160001122"
CODE = "П017"


def write_status(status: Path, text: str) -> None:
    """Replace the status file whole: the test reads it at any moment, and a file being
    rewritten in place can be read empty between its truncation and its write."""
    part = status.with_name(status.name + ".part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, status)


def main() -> None:
    data_dir, status = Path(sys.argv[1]), Path(sys.argv[2])
    kiosk = Kiosk(load_config(DEMO_CONFIG), data_dir, clock=ManualClock(moscow(2026, 11, 24, 10, 0)), printer=None)
    window = kiosk.window
    screen = kiosk.app.primaryScreen()
    window.setGeometry(screen.geometry())
    window.show()
    window.nav.set_idle_ms(600_000)
    box = window.rating_comment.box
    if sys.argv[3:] == ["entry"]:
        window.nav.show(window.rating_entry)
        code = window.rating_entry.code
        code.setText(CODE)

        def report_code() -> None:
            write_status(status, code.text() + "\n" + window.current().screen_name)

        codes = QTimer()
        codes.timeout.connect(report_code)
        codes.start(50)

        def code_ready() -> None:
            y = code.height() // 2
            start, end = code.mapToGlobal(QPoint(2, y)), code.mapToGlobal(QPoint(code.width() - 4, y))
            print(f"READY {start.x()} {start.y()} {end.x()}", flush=True)

        QTimer.singleShot(500, code_ready)
        kiosk.app.exec()
        return
    window.nav.show(window.rating_comment)
    box.insertPlainText(COMMENT)

    def report() -> None:
        write_status(status, box.toPlainText() + "\n" + ("home" if window.current() is window.home else "comment"))
        if Path(f"{status}.home").exists() and window.current() is not window.home:
            window.go_home()

    timer = QTimer()
    timer.timeout.connect(report)
    timer.start(50)

    def ready() -> None:
        viewport = box.viewport()
        rect = box.cursorRect(box.textCursor())  # the end of the text
        start = viewport.mapToGlobal(QPoint(4, rect.center().y()))
        end = viewport.mapToGlobal(QPoint(rect.right() + 2, rect.center().y()))
        print(f"READY {start.x()} {start.y()} {end.x()}", flush=True)

    QTimer.singleShot(500, ready)
    kiosk.app.exec()


if __name__ == "__main__":
    main()
