"""kiosk.printers.cups against a real CUPS scheduler (tests/cups_support.py): a job counts
as printed only once CUPS reports it completed; a job that cannot complete is
cancelled and never prints later; each queue state has its reason."""

from __future__ import annotations

import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import cups
import pytest

from kiosk.check import Verdict, check_printer
from kiosk.config import Config, PrinterConfig
from kiosk.printers import PrinterReason, PrintFailed
from kiosk.printers import cups as kcups
from tests import cups_support
from tests.cups_support import PrivateCups, landed, wait_until, write_pdf

COMPLETED, CANCELED = 9, 7


@pytest.fixture
def queue(cups_scheduler: PrivateCups) -> Iterator[str]:
    """A fresh cups-pdf queue on the session's scheduler, removed afterwards."""
    name = f"Kiosk{uuid.uuid4().hex[:8]}"
    cups_scheduler.add_queue(name)
    yield name
    cups_scheduler.delete_queue(name)


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "slip.pdf")


@pytest.fixture
def token() -> Iterator[str]:
    """A word for a job's title, to find its PDF; the PDFs are removed afterwards."""
    word = uuid.uuid4().hex
    yield word
    for path in landed(word):
        path.unlink()


def job_state(server: str, job_id: int) -> int:
    return int(cups.Connection(host=server).getJobAttributes(job_id, requested_attributes=["job-state"])["job-state"])


def kiosk_jobs(server: str, queue: str) -> dict[int, dict[str, object]]:
    """Every kiosk job the scheduler knows on the queue (completed and cancelled too)."""
    jobs = cups.Connection(host=server).getJobs(which_jobs="all", requested_attributes=[
        "job-id", "job-printer-uri", "job-state"])
    return {job_id: attrs for job_id, attrs in jobs.items()
            if str(attrs.get("job-printer-uri", "")).endswith("/" + queue)}


def print_sentinel(cups_scheduler: PrivateCups, queue: str, pdf: Path, token: str) -> kcups.CompletedJob:
    """Print one more job and see it complete: a job still waiting on the queue before it
    would have been printed first, so afterwards nothing else can come out late."""
    return kcups.print_pdf(pdf, queue=queue, title=f"sentinel {token}", server=cups_scheduler.server, timeout_s=30)


def test_a_completed_job_counts_as_printed_and_its_pdf_lands(cups_scheduler: PrivateCups, queue: str, pdf: Path,
                                                            token: str) -> None:
    done = kcups.print_pdf(pdf, queue=queue, title=f"П017 {token}", server=cups_scheduler.server, timeout_s=30)
    assert done.queue == queue
    assert job_state(cups_scheduler.server, done.job_id) == COMPLETED
    assert 0 < done.seconds < 30
    (out,) = landed(token)
    assert out.read_bytes().startswith(b"%PDF")
    print(f"completed job on cups-pdf in {done.seconds:.2f} s")  # the figure, with -s


def test_a_stopped_queue_fails_at_once_and_nothing_prints_when_it_is_enabled(
        cups_scheduler: PrivateCups, queue: str, pdf: Path, token: str) -> None:
    cups_scheduler.disable(queue)
    started = time.monotonic()
    with pytest.raises(PrintFailed) as failed:
        kcups.print_pdf(pdf, queue=queue, title=f"stale {token}", server=cups_scheduler.server, timeout_s=20)
    assert failed.value.reason is PrinterReason.STOPPED
    assert str(failed.value).startswith("stopped: ")
    assert time.monotonic() - started < 5  # not the 20 s timeout: the queue said so before any job was made
    assert kiosk_jobs(cups_scheduler.server, queue) == {}
    cups_scheduler.enable(queue)
    print_sentinel(cups_scheduler, queue, pdf, token)
    (only,) = landed(token)
    assert "sentinel" in only.name


@pytest.mark.expect_log("kiosk.printers.cups")
@pytest.mark.parametrize(("device", "reason"), [
    ("kiosktest:/stop", PrinterReason.STOPPED),  # CUPS stops the queue after a printer error
    ("kiosktest:/paperout", PrinterReason.MEDIA_EMPTY),  # the backend says media-empty-error, then stops
    ("kiosktest:/cover", PrinterReason.COVER_OPEN),
])
def test_a_queue_that_stops_under_the_job_cancels_it_and_it_never_prints(
        cups_scheduler: PrivateCups, queue: str, pdf: Path, token: str, device: str,
        reason: PrinterReason) -> None:
    cups_scheduler.set_device(queue, device)
    started = time.monotonic()
    with pytest.raises(PrintFailed) as failed:
        kcups.print_pdf(pdf, queue=queue, title=f"stale {token}", server=cups_scheduler.server, timeout_s=20)
    # Seen as soon as the queue stopped, not after the 20 s: the visitor hears at once.
    assert time.monotonic() - started < 10
    assert failed.value.reason is reason
    assert "cancelled" in failed.value.details
    assert kcups.printer_status(queue, cups_scheduler.server).reason is reason
    (job_id,) = kiosk_jobs(cups_scheduler.server, queue)
    assert job_state(cups_scheduler.server, job_id) == CANCELED
    # The printer is fixed and the queue enabled: the cancelled ticket does not come out.
    cups_scheduler.set_device(queue, "cups-pdf:/")
    cups_scheduler.enable(queue)
    print_sentinel(cups_scheduler, queue, pdf, token)
    assert job_state(cups_scheduler.server, job_id) == CANCELED
    assert not any("stale" in p.name for p in landed(token))


@pytest.mark.expect_log("kiosk.printers.cups")
def test_a_job_that_does_not_complete_in_time_is_cancelled_and_reported_timed_out(
        cups_scheduler: PrivateCups, queue: str, pdf: Path, token: str) -> None:
    cups_scheduler.set_device(queue, "kiosktest:/hang")  # takes the data and never finishes
    started = time.monotonic()
    with pytest.raises(PrintFailed) as failed:
        kcups.print_pdf(pdf, queue=queue, title=f"slow {token}", server=cups_scheduler.server, timeout_s=3)
    assert 3 <= time.monotonic() - started < 10
    assert failed.value.reason is PrinterReason.TIMED_OUT
    (job_id,) = kiosk_jobs(cups_scheduler.server, queue)
    assert job_state(cups_scheduler.server, job_id) == CANCELED


def test_a_queue_that_refuses_jobs_fails_at_once(cups_scheduler: PrivateCups, queue: str, pdf: Path) -> None:
    cups_scheduler.reject(queue)
    assert kcups.printer_status(queue, cups_scheduler.server).reason is PrinterReason.NOT_ACCEPTING
    with pytest.raises(PrintFailed) as failed:
        kcups.print_pdf(pdf, queue=queue, title="refused", server=cups_scheduler.server)
    assert failed.value.reason is PrinterReason.NOT_ACCEPTING
    assert kiosk_jobs(cups_scheduler.server, queue) == {}


def test_status_reasons_of_a_ready_a_missing_and_a_stopped_queue(cups_scheduler: PrivateCups, queue: str) -> None:
    server = cups_scheduler.server
    ready = kcups.printer_status(queue, server)
    assert ready.ok and ready.details == f"queue {queue}: idle"
    missing = kcups.printer_status("NoSuchQueue", server)
    assert missing.reason is PrinterReason.QUEUE_MISSING and "not-found" in missing.details
    # The session's scheduler has no default queue.
    assert kcups.printer_status("", server).reason is PrinterReason.QUEUE_MISSING
    cups_scheduler.disable(queue)
    stopped = kcups.printer_status(queue, server)
    assert stopped.reason is PrinterReason.STOPPED and "paused" in stopped.details


def test_nothing_listening_is_the_daemon_down(tmp_path: Path, pdf: Path) -> None:
    server = str(tmp_path / "no-cupsd.sock")
    status = kcups.printer_status("KioskReceipt", server)
    assert status.reason is PrinterReason.DAEMON_DOWN
    assert server in status.details
    with pytest.raises(PrintFailed) as failed:
        kcups.print_pdf(pdf, queue="KioskReceipt", title="x", server=server)
    assert failed.value.reason is PrinterReason.DAEMON_DOWN


@pytest.fixture
def own_scheduler() -> Iterator[PrivateCups]:
    """A scheduler of this test's own, which it stops and starts."""
    reason = cups_support.unavailable()
    if reason is not None:
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
    scheduler = PrivateCups(root)
    scheduler.start()
    yield scheduler
    scheduler.stop()
    cups_support.remove_tree(root)


@pytest.mark.expect_log("kiosk.printers.cups")
def test_a_scheduler_that_dies_while_we_wait_is_the_daemon_down_and_its_job_is_cancelled_next_time(
        own_scheduler: PrivateCups, pdf: Path, caplog: pytest.LogCaptureFixture) -> None:
    server = own_scheduler.server
    queue = own_scheduler.add_queue("KioskHang", "kiosktest:/hang")
    outcome: list[BaseException] = []

    def submit() -> None:
        try:
            kcups.print_pdf(pdf, queue=queue, title="left behind", server=server, timeout_s=60)
        except BaseException as exc:  # handed to the test's thread
            outcome.append(exc)

    worker = threading.Thread(target=submit)
    worker.start()
    wait_until(lambda: any(a.get("job-state") == 5 for a in kiosk_jobs(server, queue).values()), 20,
               "the job is printing")
    (job_id,) = kiosk_jobs(server, queue)
    own_scheduler.stop()  # CUPS keeps the unfinished job in its spool and prints it after a restart
    worker.join(timeout=30)
    assert not worker.is_alive()
    (failure,) = outcome
    assert isinstance(failure, PrintFailed) and failure.reason is PrinterReason.DAEMON_DOWN

    own_scheduler.start()
    assert job_state(server, job_id) not in (CANCELED, COMPLETED)  # back, and it would print
    with pytest.raises(PrintFailed):  # still the hanging printer, so the new job times out
        kcups.print_pdf(pdf, queue=queue, title="next", server=server, timeout_s=1)
    assert job_state(server, job_id) == CANCELED
    assert f"cancelled 1 stale kiosk job(s) on {queue} that never completed: {job_id}" in caplog.text


def test_the_check_command_reads_the_queue(cups_scheduler: PrivateCups, queue: str, config: Config) -> None:
    system = config.with_overrides(printer=PrinterConfig(kind="system", name=queue, cups_server=cups_scheduler.server))
    line = check_printer(system)
    assert line.verdict is Verdict.OK and line.detail == f"CUPS queue {queue}: ready (queue {queue}: idle)"
    cups_scheduler.disable(queue)
    line = check_printer(system)
    assert line.verdict is Verdict.FAIL and line.detail.startswith(f"CUPS queue {queue}: stopped (")
