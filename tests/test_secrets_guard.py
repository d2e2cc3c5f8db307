"""The log guard itself: it finds a secret where it is and not where it only seems to be."""

from __future__ import annotations

import pytest

from kiosk.config import PROJECT_ROOT
from tests.secrets_guard import find_secrets


def test_a_token_or_pin_in_a_log_line_is_found() -> None:
    secrets = {"4821", "s3cr3t-token-abcdefghijklmnop"}
    assert find_secrets("INFO sync: Authorization: Bearer s3cr3t-token-abcdefghijklmnop", secrets) == [
        "s3cr3t-token-abcdefghijklmnop"]
    assert find_secrets("WARNING admin: wrong PIN 4821 typed", secrets) == ["4821"]


def test_ids_ports_and_times_that_contain_the_digits_are_not_a_pin() -> None:
    secrets = {"4821"}
    assert find_secrets("ticket 0b6f3f1e-4821-4222-8333-944455556666 printed", secrets) == []
    assert find_secrets("Serving on http://127.0.0.1:48213 at 2026-11-24T10:48:21Z", secrets) == []


def test_a_run_whose_logs_hold_a_secret_fails(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(PROJECT_ROOT))
    pytester.makeconftest('pytest_plugins = ["tests.secrets_guard"]')
    pytester.makepyfile(test_leak='''
import logging
from tests.secrets_guard import remember_secret

def test_leaks(tmp_path):
    pin = remember_secret("97531")
    logging.getLogger("kiosk").info("signed in with %s", pin)
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*secrets in logs*"])
