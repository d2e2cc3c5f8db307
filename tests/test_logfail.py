"""The rule in tests/conftest.py that fails a test on an unexpected WARNING or
ERROR record, run on a small suite of its own (in a subprocess) so that a rule
which quietly stopped working would show here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import PROJECT_ROOT

CONFTEST = f"""
import sys
sys.path.insert(0, {str(PROJECT_ROOT)!r})
from tests.conftest import fail_on_unexpected_logs, pytest_runtest_call  # noqa: F401
"""
INI = """
[pytest]
addopts = -p no:cacheprovider
markers =
    expect_log(*loggers): the test logs WARNING or worse on these loggers on purpose
"""
SAMPLE = """
import logging
import threading

import pytest

log = logging.getLogger("kiosk.sample")


def test_unexpected_warning():
    log.warning("disk nearly full")


def test_below_warning():
    logging.getLogger().setLevel(logging.DEBUG)
    log.info("fine")
    log.debug("fine")


@pytest.mark.expect_log("kiosk")
def test_marker_covers_children():
    logging.getLogger("kiosk.sample.deep").error("on purpose")


@pytest.mark.expect_log("kiosk.sample")
def test_marker_names_another_logger():
    logging.getLogger("kiosk.samplex").error("not this one")


@pytest.mark.expect_log
def test_bare_marker():
    logging.getLogger("anything").critical("allowed")


def test_caplog_alone(caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.sample"):
        log.warning("looked at")
    assert caplog.records


@pytest.fixture
def noisy():
    log.warning("while setting up")
    yield
    log.warning("while tearing down")


def test_noisy_fixture(noisy):
    pass


def test_other_thread():
    worker = threading.Thread(target=lambda: log.error("from the sync thread"))
    worker.start()
    worker.join()


def test_fails_anyway():
    log.warning("and then")
    assert False
"""


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample suite's verbose output. In a subprocess of its own: here, the outer
    test's handler would see the sample's records (and fail the outer test)."""
    folder: Path = tmp_path_factory.mktemp("logfail")
    (folder / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (folder / "pytest.ini").write_text(INI, encoding="utf-8")
    (folder / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "-v", "-p", "no:randomly"], cwd=folder,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr  # some sample tests fail on purpose
    return result.stdout


def outcome(output: str, test: str) -> list[str]:
    """PASSED / FAILED / ERROR, as -v reports each phase of ``test``."""
    return re.findall(rf"^test_sample\.py::{test} (PASSED|FAILED|ERROR)", output, re.M)


def section(output: str, test: str) -> str:
    """The failure report of ``test`` (its '___ test ___' block)."""
    reports = re.split(r"^=+ short test summary info =+$", output, flags=re.M)[0]
    blocks = re.split(r"^_{3,} (?:ERROR at \w+ of )?(\S+) _{3,}$", reports, flags=re.M)
    return "\n".join(blocks[i + 1] for i in range(1, len(blocks) - 1, 2) if blocks[i] == test)


def test_an_unexpected_warning_fails_the_test(sample_run: str) -> None:
    assert outcome(sample_run, "test_unexpected_warning") == ["FAILED"]
    report = section(sample_run, "test_unexpected_warning")
    assert "unexpected log records" in report and "during the test:" in report
    assert "WARNING kiosk.sample: disk nearly full" in report


def test_records_below_warning_are_not_checked(sample_run: str) -> None:
    assert outcome(sample_run, "test_below_warning") == ["PASSED"]


def test_the_marker_allows_its_loggers_and_their_children_only(sample_run: str) -> None:
    assert outcome(sample_run, "test_marker_covers_children") == ["PASSED"]
    assert outcome(sample_run, "test_bare_marker") == ["PASSED"]
    assert outcome(sample_run, "test_marker_names_another_logger") == ["FAILED"]
    assert "ERROR kiosk.samplex: not this one" in section(sample_run, "test_marker_names_another_logger")


def test_caplog_alone_does_not_allow_a_record(sample_run: str) -> None:
    assert outcome(sample_run, "test_caplog_alone") == ["FAILED"]


def test_a_record_from_a_fixture_is_reported_with_its_phase(sample_run: str) -> None:
    assert outcome(sample_run, "test_noisy_fixture") == ["FAILED", "ERROR"]
    report = section(sample_run, "test_noisy_fixture")
    assert "while fixtures were set up:" in report and "while setting up" in report
    assert "while fixtures were torn down:" in report and "while tearing down" in report


def test_a_record_from_another_thread_counts_too(sample_run: str) -> None:
    assert outcome(sample_run, "test_other_thread") == ["FAILED"]
    assert "ERROR kiosk.sample: from the sync thread" in section(sample_run, "test_other_thread")


def test_a_test_that_fails_anyway_is_not_reported_twice(sample_run: str) -> None:
    assert outcome(sample_run, "test_fails_anyway") == ["FAILED"]
    assert "unexpected log records" not in section(sample_run, "test_fails_anyway")
