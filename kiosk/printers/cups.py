"""A CUPS queue through pycups: its status as a :class:`~kiosk.printers.PrinterStatus`, and
printing a PDF that counts as printed only when CUPS says the job completed.

CUPS accepts a job into a stopped queue (what "paper out" looks like to it)
and prints it whenever the queue is enabled again, minutes or days later. So:

- before submitting, a queue that is stopped, refuses jobs, is missing or
  whose scheduler is down fails at once, with that reason, and no job is made;
- a submitted job is watched (its IPP ``job-state``) until it completes or the
  deadline passes; a job still not completed then is cancelled and reported
  failed with the queue's reason (``timed_out`` when the queue looked ready);
- a kiosk job that was left behind anyway (the scheduler died while we
  waited, the kiosk was killed) is cancelled before the next one is sent,
  and carries ``job-cancel-after`` so CUPS itself stops it if it hangs while
  printing.

Every call opens its own connection: a pycups connection belongs to the
thread that made it (the print thread, or the sync thread for a heartbeat).
"""

from __future__ import annotations

import logging
import math
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cups

from kiosk.printers import PrinterReason, PrinterStatus, PrintFailed

log = logging.getLogger(__name__)

# Every job the kiosk submits is named so (job-name, seen in lpstat) and its document too
# (document-name-supplied): the stale-job sweep cancels only these. CUPS shows a job's name only
# to its authenticated owner (JobPrivateValues), the document's name to anyone.
TITLE_PREFIX = "mfc-kiosk "
DOCUMENT_PREFIX = "mfc-kiosk-"
POLL_S = 0.1
DEFAULT_TIMEOUT_S = 20.0

# IPP printer-state and job-state values (RFC 8011).
PRINTER_STOPPED = 5
JOB_COMPLETED = 9
JOB_ENDED = (7, 8, 9)  # canceled, aborted, completed
_JOB_STATES = {3: "pending", 4: "held", 5: "processing", 6: "stopped", 7: "canceled", 8: "aborted",
               9: "completed"}
_PRINTER_STATES = {3: "idle", 4: "processing", 5: "stopped"}
# A server-error-* status (0x05xx): the scheduler is gone or unwell. pycups reports a
# connection that broke as one of these (service-unavailable, or internal-error "No such file").
_SERVER_ERRORS = range(0x0500, 0x0600)
# Queue states in which a job would only wait: fail at once instead of submitting.
REFUSING = (PrinterReason.QUEUE_MISSING, PrinterReason.DAEMON_DOWN, PrinterReason.STOPPED,
            PrinterReason.NOT_ACCEPTING)
_STATUS_ATTRIBUTES = ["printer-state", "printer-state-reasons", "printer-state-message",
                      "printer-is-accepting-jobs"]


@dataclass(frozen=True)
class CompletedJob:
    """A job CUPS reports completed."""

    queue: str
    job_id: int
    seconds: float  # from submission to completed, as polled


def split_server(server: str) -> tuple[str, int | None]:
    """Host and port for pycups from ``printer.cups_server``.

    ``""`` is libcups' default (CUPS_SERVER, client.conf, the local socket); else a
    socket path, ``host`` or ``host:port``.
    """
    if not server or server.startswith("/"):
        return server, None
    host, sep, port = server.rpartition(":")
    if sep and port.isdigit() and host:
        return host, int(port)
    return server, None


def connect(server: str = "") -> Any:
    """A connection to the scheduler.

    Raises:
        PrintFailed: ``daemon_down`` when nothing answers.
    """
    host, port = split_server(server)
    try:
        if port is not None:
            return cups.Connection(host=host, port=port)
        return cups.Connection(host=host) if host else cups.Connection()
    except RuntimeError as exc:  # pycups: "failed to connect to server"
        where = server or cups.getServer()
        raise PrintFailed(f"CUPS at {where}: {exc}", PrinterReason.DAEMON_DOWN) from None


def _ipp_failure(exc: Exception, what: str) -> PrintFailed:
    """A pycups error as a failure with its reason."""
    if isinstance(exc, cups.IPPError) and len(exc.args) == 2:
        code, message = int(exc.args[0]), str(exc.args[1])
        details = f"{what}: {message} (IPP status 0x{code:04x})"
        if code == cups.IPP_NOT_FOUND:
            return PrintFailed(details, PrinterReason.QUEUE_MISSING)
        if code == cups.IPP_NOT_ACCEPTING:
            return PrintFailed(details, PrinterReason.NOT_ACCEPTING)
        if code in _SERVER_ERRORS:
            return PrintFailed(details, PrinterReason.DAEMON_DOWN)
        return PrintFailed(details, PrinterReason.OTHER)
    # cups.HTTPError carries only an HTTP status.
    return PrintFailed(f"{what}: {type(exc).__name__} {exc}", PrinterReason.OTHER)


def resolve_queue(conn: Any, queue: str) -> str:
    """The queue's name; the scheduler's default queue for ``""``.

    Raises:
        PrintFailed: ``queue_missing`` when there is no default.
    """
    if queue:
        return queue
    try:
        default = conn.getDefault()
    except (cups.IPPError, cups.HTTPError) as exc:
        raise _ipp_failure(exc, "the default queue") from None
    if not default:
        raise PrintFailed("CUPS has no default queue", PrinterReason.QUEUE_MISSING)
    return str(default)


def _base(reason: str) -> str:
    """``media-empty-error`` -> ``media-empty`` (RFC 8011's -error/-warning/-report suffixes)."""
    for suffix in ("-error", "-warning", "-report"):
        if reason.endswith(suffix):
            return reason[: -len(suffix)]
    return reason


def classify(queue: str, attributes: dict[str, Any]) -> PrinterStatus:
    """A queue's IPP attributes as a status; the most specific reason wins."""
    state = int(attributes.get("printer-state", 3))
    raw_reasons = attributes.get("printer-state-reasons") or []
    reasons = [str(r) for r in ([raw_reasons] if isinstance(raw_reasons, str) else raw_reasons)
               if r and r != "none"]
    accepting = bool(attributes.get("printer-is-accepting-jobs", True))
    message = str(attributes.get("printer-state-message") or "").strip()
    parts = [f"queue {queue}: {_PRINTER_STATES.get(state, str(state))}"]
    if not accepting:
        parts.append("not accepting jobs")
    if reasons:
        parts.append("reasons " + ", ".join(reasons))
    if message:
        parts.append(f"«{message}»")
    details = "; ".join(parts)
    bases = {_base(r) for r in reasons}
    if bases & {"media-empty", "media-needed"}:
        return PrinterStatus(PrinterReason.MEDIA_EMPTY, details)
    if bases & {"cover-open", "door-open", "interlock-open"}:
        return PrinterStatus(PrinterReason.COVER_OPEN, details)
    if state == PRINTER_STOPPED:
        return PrinterStatus(PrinterReason.STOPPED, details)
    if not accepting:
        return PrinterStatus(PrinterReason.NOT_ACCEPTING, details)
    if "offline" in bases:
        return PrinterStatus(PrinterReason.UNREACHABLE, details)
    if any(r.endswith("-error") for r in reasons):
        return PrinterStatus(PrinterReason.OTHER, details)
    return PrinterStatus(PrinterReason.OK, details)


def queue_status(conn: Any, queue: str) -> PrinterStatus:
    """The status of a queue on an open connection."""
    try:
        name = resolve_queue(conn, queue)
        attributes = conn.getPrinterAttributes(name, requested_attributes=_STATUS_ATTRIBUTES)
    except PrintFailed as failed:
        return PrinterStatus(failed.reason, failed.details)
    except (cups.IPPError, cups.HTTPError) as exc:
        problem = _ipp_failure(exc, f"queue {queue}")
        return PrinterStatus(problem.reason, problem.details)
    return classify(name, attributes)


def printer_status(queue: str, server: str = "") -> PrinterStatus:
    """How the queue is now (``""``: the default queue). Never raises for a printer problem."""
    try:
        conn = connect(server)
    except PrintFailed as failed:
        return PrinterStatus(failed.reason, failed.details)
    return queue_status(conn, queue)


def cancel_stale_jobs(conn: Any, queue: str) -> list[int]:
    """Cancel this kiosk's jobs on the queue that never completed (left behind by a crash or a
    scheduler that went away while we waited), so they never print late. Returns their ids."""
    try:
        # pycups drops a job from its answer unless job-id is among the attributes asked for.
        jobs = conn.getJobs(which_jobs="not-completed", requested_attributes=[
            "job-id", "job-name", "document-name-supplied", "job-printer-uri"])
    except (cups.IPPError, cups.HTTPError) as exc:
        raise _ipp_failure(exc, f"the jobs of queue {queue}") from None
    stale = [int(job_id) for job_id, attrs in jobs.items()
             if (str(attrs.get("document-name-supplied", "")).startswith(DOCUMENT_PREFIX)
                 or str(attrs.get("job-name", "")).startswith(TITLE_PREFIX))
             and str(attrs.get("job-printer-uri", "")).rstrip("/").endswith("/" + queue)]
    for job_id in stale:
        try:
            conn.cancelJob(job_id)
        except (cups.IPPError, cups.HTTPError) as exc:
            raise _ipp_failure(exc, f"cancelling stale job {job_id}") from None
    if stale:
        log.warning("cancelled %d stale kiosk job(s) on %s that never completed: %s", len(stale), queue,
                    ", ".join(map(str, stale)))
    return stale


def _job_state(conn: Any, job_id: int) -> int:
    attributes = conn.getJobAttributes(job_id, requested_attributes=["job-state"])
    return int(attributes["job-state"])


def _printer_state(conn: Any, queue: str) -> int:
    attributes = conn.getPrinterAttributes(queue, requested_attributes=["printer-state"])
    return int(attributes.get("printer-state", 3))


def print_pdf(pdf: Path, *, queue: str, title: str, timeout_s: float = DEFAULT_TIMEOUT_S, server: str = "",
              poll_s: float = POLL_S, clock: Callable[[], float] = time.monotonic) -> CompletedJob:
    """Print a PDF and wait until CUPS says the job completed.

    Args:
        pdf: the document (CUPS copies it at submission; it may be deleted afterwards).
        queue: the queue's name; ``""`` for the default queue.
        title: the job's name after :data:`TITLE_PREFIX` (seen in ``lpstat``).
        timeout_s: how long the job may take from submission to completed.
        server: where the scheduler is (see :func:`split_server`).
        poll_s: how often the job's state is read.
        clock: monotonic seconds (tests may pass their own).

    Returns:
        The completed job.

    Raises:
        PrintFailed: the job did not complete (the reason says why); a job that was
            submitted has been cancelled, unless the scheduler went away first (then the
            next print cancels it).
    """
    conn = connect(server)
    name = resolve_queue(conn, queue)
    cancel_stale_jobs(conn, name)
    before = queue_status(conn, name)
    if before.reason in REFUSING:
        raise PrintFailed.from_status(before)
    options = {"job-cancel-after": str(max(1, math.ceil(timeout_s)))}
    started = clock()
    with tempfile.TemporaryDirectory(prefix="mfc-kiosk-cups-") as folder:
        # libcups names the document after the file: a link gives it the kiosk's mark.
        document = Path(folder) / f"{DOCUMENT_PREFIX}{pdf.name}"
        document.symlink_to(pdf.resolve())
        try:
            job_id = int(conn.printFile(name, str(document), TITLE_PREFIX + title, options))
        except (cups.IPPError, cups.HTTPError) as exc:
            raise _ipp_failure(exc, f"submitting to queue {name}") from None
    deadline = started + timeout_s
    state = 0
    cancelled = False
    try:
        while True:
            state = _job_state(conn, job_id)
            if state in JOB_ENDED or clock() >= deadline:
                break
            # A queue that stopped under the job (the roll ran out mid-ticket, CUPS' stop-printer
            # error policy, cupsdisable) will not print it before someone enables it: stop waiting.
            if _printer_state(conn, name) == PRINTER_STOPPED:
                break
            time.sleep(poll_s)
        if state not in JOB_ENDED:
            try:
                conn.cancelJob(job_id)
                cancelled = True
            except cups.IPPError as exc:
                # "already completed - can't cancel": it ended between the last look and now.
                if not exc.args or exc.args[0] != cups.IPP_NOT_POSSIBLE:
                    raise
            state = _job_state(conn, job_id)
    except (cups.IPPError, cups.HTTPError) as exc:
        raise _ipp_failure(exc, f"job {job_id} on queue {name}") from None
    if state == JOB_COMPLETED:
        seconds = clock() - started
        log.info("job %d on %s completed in %.2f s", job_id, name, seconds)
        return CompletedJob(queue=name, job_id=job_id, seconds=seconds)
    waited = clock() - started
    if cancelled:
        log.warning("job %d on %s not completed after %.1f s (timeout %g s); cancelled", job_id, name, waited,
                    timeout_s)
        what = f"job {job_id} not completed after {waited:.1f} s, cancelled"
    else:  # CUPS (or someone at the kiosk) cancelled or aborted it
        what = f"job {job_id} {_JOB_STATES.get(state, str(state))}"
    now = queue_status(conn, name)
    if now.ok:
        raise PrintFailed(f"{what}; {now.details}", PrinterReason.TIMED_OUT if cancelled else PrinterReason.OTHER)
    raise PrintFailed(f"{what}; {now.details}", now.reason)
