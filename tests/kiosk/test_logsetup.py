"""Logging to DATA_DIR/logs/kiosk.log (kiosk/logsetup.py): the level chosen,
rotation at 1 MiB keeping five old files, one set of handlers however often
it is called, a log line (not a crash) when the folder cannot be written, and
no Qt anywhere on the way."""

from __future__ import annotations

import logging
import logging.handlers
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import PROJECT_ROOT
from kiosk.logsetup import setup_logging

log = logging.getLogger("kiosk.test_logsetup")


@pytest.fixture(autouse=True)
def root_logger_restored() -> Iterator[logging.Logger]:
    """setup_logging changes the process-wide root logger: put it back for the next test."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def kiosk_handlers(root: logging.Logger) -> list[logging.Handler]:
    return [h for h in root.handlers if getattr(h, "_kiosk", False)]


def flush(root: logging.Logger) -> None:
    for handler in kiosk_handlers(root):
        handler.flush()


def test_records_at_the_level_and_above_go_to_the_file(tmp_path: Path, root_logger_restored: logging.Logger) -> None:
    path = setup_logging(tmp_path)
    assert path == tmp_path / "logs" / "kiosk.log"
    log.debug("debug detail")
    log.info("ticket П001 issued")
    flush(root_logger_restored)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(" INFO kiosk.test_logsetup: ticket П001 issued")


@pytest.mark.expect_log("kiosk.test_logsetup")
def test_a_higher_level_keeps_the_file_quiet(tmp_path: Path, root_logger_restored: logging.Logger) -> None:
    path = setup_logging(tmp_path, level=logging.ERROR)
    assert path is not None
    log.info("routine")
    log.error("the printer is out of paper")
    flush(root_logger_restored)
    text = path.read_text(encoding="utf-8")
    assert "routine" not in text and "the printer is out of paper" in text


def test_the_file_rotates_at_1_mib_keeping_five_old_ones(tmp_path: Path,
                                                         root_logger_restored: logging.Logger) -> None:
    path = setup_logging(tmp_path)
    assert path is not None
    line = "x" * 1000
    for _ in range(7 * 1100):  # about 7.5 MiB: more than the file and its five old copies hold
        log.info(line)
    flush(root_logger_restored)
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["kiosk.log", *(f"kiosk.log.{n}" for n in range(1, 6))]
    for part in path.parent.iterdir():
        assert part.stat().st_size <= 1 << 20


def test_calling_it_again_replaces_its_handlers(tmp_path: Path, root_logger_restored: logging.Logger) -> None:
    first = setup_logging(tmp_path / "one")
    second = setup_logging(tmp_path / "two")
    assert first is not None and second is not None
    assert len(kiosk_handlers(root_logger_restored)) == 2  # the console and the second file
    log.info("said once")
    flush(root_logger_restored)
    assert "said once" not in first.read_text(encoding="utf-8")
    assert second.read_text(encoding="utf-8").count("said once") == 1


def test_without_a_data_folder_only_the_console_logs(root_logger_restored: logging.Logger) -> None:
    assert setup_logging(None) is None
    handlers = kiosk_handlers(root_logger_restored)
    assert [type(h) for h in handlers] == [logging.StreamHandler]


@pytest.mark.expect_log("kiosk.logsetup")
def test_a_folder_that_cannot_be_written_is_logged_not_fatal(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                              root_logger_restored: logging.Logger) -> None:
    (tmp_path / "logs").write_text("a file where the folder should be", encoding="utf-8")
    assert setup_logging(tmp_path) is None
    assert [type(h) for h in kiosk_handlers(root_logger_restored)] == [logging.StreamHandler]
    assert any(r.name == "kiosk.logsetup" and r.levelno == logging.ERROR and "cannot write log file" in r.getMessage()
               for r in caplog.records)


def test_logging_needs_no_qt(tmp_path: Path) -> None:
    # The import contract sees static imports; this sees what actually loads when the kiosk logs.
    code = (
        "import logging, sys\n"
        "from pathlib import Path\n"
        "from kiosk.logsetup import setup_logging\n"
        f"path = setup_logging(Path({str(tmp_path)!r}))\n"
        "logging.getLogger('kiosk.x').warning('hello')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == "[]"
    assert "WARNING kiosk.x: hello" in result.stderr  # the console handler
    assert "WARNING kiosk.x: hello" in (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
