"""A pytest plugin: no PIN, token or phone number the tests used ever reaches a log.

Tests register the secrets they make (:func:`remember_secret`): the admin PINs
of the UI tests, every kiosk token the central server issues to them. The
plugin keeps every log record of the run (each formatted with its traceback)
and, at the end, reads those and every ``*.log`` file the run wrote under its
temporary folder (the logs of kiosks started as subprocesses); a secret found
anywhere fails the run, naming where.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

_SECRETS: set[str] = set()
# Short secrets (PINs) are matched as whole tokens, and only after ids and times
# are blanked out: a ticket's UUID may well contain "4821".
_NOISE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
                    r"|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?Z?")
SHORT = 8


def remember_secret(secret: str) -> str:
    """Register a secret a test uses (returned unchanged, to wrap where it is made)."""
    if secret:
        _SECRETS.add(secret)
    return secret


def find_secrets(text: str, secrets: set[str] | None = None) -> list[str]:
    """The registered secrets that occur in ``text``."""
    wanted = _SECRETS if secrets is None else secrets
    if not wanted:
        return []
    cleaned = _NOISE.sub(" ", text)
    found = []
    for secret in sorted(wanted):
        if len(secret) >= SHORT:
            if secret in text:
                found.append(secret)
        elif re.search(rf"(?<![0-9A-Za-z]){re.escape(secret)}(?![0-9A-Za-z])", cleaned):
            found.append(secret)
    return found


class _Keeper(logging.Handler):
    """Keeps every record of the run, formatted as a log file would hold it."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # a record that cannot be formatted still must not break the run
            self.lines.append(f"{record.levelname} {record.name}: {record.msg!r} {record.args!r}")


_keeper = _Keeper()


_previous_level = logging.WARNING


def pytest_sessionstart(session: pytest.Session) -> None:
    global _previous_level
    root = logging.getLogger()
    # INFO as the kiosk logs in production: a secret in an info line counts too.
    _previous_level = root.level
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    root.addHandler(_keeper)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    logging.getLogger().removeHandler(_keeper)
    logging.getLogger().setLevel(_previous_level)
    problems: list[str] = []
    for secret in find_secrets("\n".join(_keeper.lines)):
        problems.append(f"log records of this run contain the secret {secret[:3]}…")
    factory = getattr(session.config, "_tmp_path_factory", None)
    base: Path | None = factory.getbasetemp() if factory is not None else None
    if base is not None and base.exists():
        for path in base.rglob("*.log*"):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            for secret in find_secrets(text):
                problems.append(f"{path} contains the secret {secret[:3]}…")
    if problems:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "secrets in logs:\n  " + "\n  ".join(problems)
        if reporter is not None:
            reporter.write_line(message, red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
