"""One round of sync: drain the outbox upwards, refresh cached data downwards.

The outbox is the only memory: an event is marked ``sent`` only after a 2xx
answer that names it as accepted or duplicate, ``rejected`` (with the
server's code and reason) when the server refuses that one event, and stays
``pending`` in every other case. A restarted kiosk therefore resumes from
the store, never from memory, and the server's permanent event ids make
every resend harmless.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import shutil
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk import __version__, server_cache
from kiosk.clock import iso_utc, parse_iso_utc
from kiosk.config import StorageConfig
from kiosk.disk import DiskUsage, disk_report
from kiosk.events import EventKind
from kiosk.pauses import replace_server_pauses
from kiosk.store import Store
from kiosk.sync.backoff import Backoff
from kiosk.sync.bundle import bundle_problem
from kiosk.sync.client import AuthError, EventResult, RequestRejected, ServerClient, TransportError
from kiosk.sync.status import KEY_LAST_ATTEMPT, KEY_LAST_ERROR, KEY_LAST_SUCCESS, KEY_ONLINE

log = logging.getLogger(__name__)

KEY_BUNDLE_ERROR = "sync.bundle_error"
KEY_BUNDLE_VERSION = "sync.bundle_version"
KEY_LAST_HEARTBEAT = "sync.last_heartbeat_utc"
AUTH_RETRY_S = 300.0


class _Post:
    """One batch sent on a thread of its own; :meth:`result` waits for the server's verdicts."""

    def __init__(self, send: Callable[[list[dict[str, Any]]], list[EventResult]],
                 envelopes: list[dict[str, Any]], sent_after: int) -> None:
        self.sent_after = sent_after  # where the batch began, to send it again after a 413
        self._done = threading.Event()
        self._results: list[EventResult] = []
        self._error: BaseException | None = None
        self._send, self._envelopes = send, envelopes
        threading.Thread(target=self._run, name="sync-post", daemon=True).start()

    def _run(self) -> None:
        try:
            self._results = self._send(self._envelopes)
        except BaseException as exc:  # handed to the sync thread, which decides
            self._error = exc
        finally:
            self._done.set()

    def wait(self) -> None:
        self._done.wait()

    def result(self) -> list[EventResult]:
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._results


@dataclass(frozen=True)
class RoundResult:
    """What one round did, and when to run the next."""

    ok: bool
    settled: int
    delay_s: float
    error: str = ""


class SyncEngine:
    """Runs sync rounds against one server, on the thread that owns ``store``.

    Args:
        store: a Store opened by the sync thread itself (its own connection).
        client: the HTTP client for this kiosk.
        kiosk_id: put on every event envelope.
        business_day: today's local date (for today's appointments).
        interval_s: pause between successful rounds.
        batch_size: events per request (halved when the server says 413).
        rng: the jitter's randomness (tests seed it).
        storage: the free-disk limits the heartbeat's ``disk_state`` is measured against.
        disk_usage: measures the data folder's filesystem (tests pass a fake one).
        facts: the box's own checks for the heartbeat (``mfc-kiosk check``'s local lines,
            by name: verdict and detail); never allowed to stop a heartbeat.
    """

    def __init__(self, store: Store, client: ServerClient, kiosk_id: str, *,
                 business_day: Callable[[], dt.date], interval_s: float = 60.0, batch_size: int = 200,
                 backoff: Backoff | None = None, rng: random.Random | None = None,
                 heartbeat_every_s: float = 300.0, storage: StorageConfig | None = None,
                 disk_usage: DiskUsage = shutil.disk_usage,
                 facts: Callable[[], Mapping[str, Any]] | None = None) -> None:
        self.store = store
        self.client = client
        self.kiosk_id = kiosk_id
        self.business_day = business_day
        self.interval_s = interval_s
        self.batch_size = batch_size
        self.backoff = backoff or Backoff()
        self.rng = rng or random.Random()
        self.heartbeat_every_s = heartbeat_every_s
        self.storage = storage or StorageConfig()
        self.disk_usage = disk_usage
        self.facts = facts
        self.failures = 0
        self._restore_checked = False

    # -- a round ---------------------------------------------------------------------
    def run_once(self) -> RoundResult:
        now = self.store.clock.now_utc()
        self._set_state({KEY_LAST_ATTEMPT: iso_utc(now)})
        try:
            if not self._restore_checked:
                self.requeue_lost_by_server()
                self._restore_checked = True
            settled = self.push()
            self.pull()
            if self._heartbeat_due(now):
                self.queue_heartbeat()
                settled += self.push()
        except AuthError as exc:
            # The server is there but refuses this kiosk: keep everything, say so, try rarely.
            log.error("sync: the server refused the kiosk's credential (%s)", exc)
            self._set_state({KEY_ONLINE: "1", KEY_LAST_ERROR: f"credential refused: {exc}"})
            return RoundResult(False, 0, max(self.interval_s, AUTH_RETRY_S), str(exc))
        except (TransportError, RequestRejected) as exc:
            self.failures += 1
            retry_after = exc.retry_after_s if isinstance(exc, TransportError) else None
            delay = self.backoff.delay(self.failures, self.rng, retry_after)
            log.warning("sync failed (%s); retry in %.1f s", exc, delay)
            self._set_state({KEY_ONLINE: "0", KEY_LAST_ERROR: str(exc)})
            return RoundResult(False, 0, delay, str(exc))
        self.failures = 0
        self._set_state({KEY_ONLINE: "1", KEY_LAST_SUCCESS: iso_utc(self.store.clock.now_utc()),
                         KEY_LAST_ERROR: ""})
        return RoundResult(True, settled, self.interval_s)

    # -- up -------------------------------------------------------------------------------
    def push(self) -> int:
        """Send pending events in batches until none are left; return how many were settled.

        One batch is on the wire at a time, from a helper thread; meanwhile
        this thread reads and encodes the next batch and, once the answer is
        in and the next batch sent, marks the answered one. The server never
        has two batches of this kiosk at once, and an event is still marked
        only after an answer names it.
        """
        settled = 0
        batch = self.batch_size
        after = 0  # the highest seq already put on the wire in this push
        on_wire: _Post | None = None
        try:
            while True:
                rows = self._pending_after(after, batch)
                if on_wire is None:
                    if not rows:
                        return settled
                    on_wire = _Post(self.client.post_events, self._envelopes(rows), sent_after=after)
                    after = rows[-1][0]
                    continue
                try:
                    results = on_wire.result()
                except RequestRejected as exc:
                    if exc.status == 413 and batch > 1:
                        # Too large for the server: that batch again, halved; the one read ahead is dropped.
                        batch = max(1, batch // 2)
                        after, on_wire = on_wire.sent_after, None
                        continue
                    raise
                on_wire = None
                if not results:
                    raise TransportError("the server named none of the events sent")
                if rows:
                    on_wire = _Post(self.client.post_events, self._envelopes(rows), sent_after=after)
                    after = rows[-1][0]
                self._mark(results)
                settled += len(results)
        finally:
            if on_wire is not None:
                on_wire.wait()  # the client is not shared between threads: let the request end first

    def _pending_after(self, after: int, limit: int) -> list[tuple[Any, ...]]:
        return self.store.db.conn.execute(
            "SELECT seq, id, kind, schema, occurred_utc, payload FROM outbox WHERE state = 'pending' AND seq > ? "
            "ORDER BY seq LIMIT ?", (after, limit)).fetchall()

    def _envelopes(self, rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
        return [{"id": r[1], "kind": r[2], "schema": r[3], "kiosk_id": self.kiosk_id,
                 "occurred_utc": r[4], "seq": r[0], "payload": json.loads(r[5])} for r in rows]

    def _mark(self, results: list[EventResult]) -> None:
        now = iso_utc(self.store.clock.now_utc())
        with self.store.transaction() as tx:
            for result in results:
                if result.status == "rejected":
                    tx.execute("UPDATE outbox SET state = 'rejected', rejected_code = ?, last_error = ?, "
                               "attempts = attempts + 1 WHERE id = ? AND state = 'pending'",
                               (result.code or "rejected", result.reason, result.id))
                    log.warning("event %s rejected by the server: %s %s", result.id, result.code,
                                result.reason)
            # One executemany for the batch's stored events: 0.9 ms for 200 rows here, against 1.3 ms call by call.
            tx.executemany("UPDATE outbox SET state = 'sent', sent_utc = ?, attempts = attempts + 1 "
                           "WHERE id = ? AND state = 'pending'",
                           [(now, result.id) for result in results if result.status != "rejected"])

    def requeue_lost_by_server(self) -> int:
        """If the server knows fewer of our events than we sent (restored from an old
        backup), mark the missing ones pending again; ids make the resend harmless."""
        body = self.client.status()
        server_max = body.get("max_seq")
        if not isinstance(server_max, int) or isinstance(server_max, bool):
            raise TransportError("kiosk status answer lacks max_seq")
        return self.requeue_after(server_max)

    def requeue_after(self, seq: int) -> int:
        """Mark every sent event after ``seq`` pending again (also an operator's tool)."""
        with self.store.transaction() as tx:
            count = tx.execute("UPDATE outbox SET state = 'pending' WHERE state = 'sent' AND seq > ?",
                               (seq,)).rowcount
        if count:
            log.warning("the server lacks %d events this kiosk sent (restored backup?); sending them again", count)
        return int(count)

    def _heartbeat_due(self, now: dt.datetime) -> bool:
        last = self.store.get_state(KEY_LAST_HEARTBEAT)
        return last is None or (now - parse_iso_utc(last)).total_seconds() >= self.heartbeat_every_s

    def queue_heartbeat(self) -> None:
        counts = self.store.outbox_counts()
        db_path = self.store.health.path
        disk = disk_report(db_path.parent, self.storage, self.disk_usage)
        payload: dict[str, Any] = {
            "version": __version__, "pending_events": counts["pending"], "rejected_events": counts["rejected"],
            "db_bytes": db_path.stat().st_size if db_path.exists() else 0,
            # disk_state: ok, low (below storage.disk_warn_mib), full (below disk_refuse_mib:
            # the kiosk refuses tickets) or unknown; free bytes are null when unmeasurable.
            "disk_free_bytes": disk.free_bytes, "disk_state": disk.state.value,
            "bundle_version": self.store.get_state(KEY_BUNDLE_VERSION),
        }
        if self.facts is not None:
            try:
                payload["checks"] = dict(self.facts())
            except Exception:  # a check that breaks must not cost the heartbeat itself
                log.exception("the box's checks failed; the heartbeat goes without them")
        now = self.store.clock.now_utc()
        with self.store.transaction() as tx:
            self.store.add_event(tx, EventKind.HEARTBEAT, payload, occurred=now)
            self.store.set_state(tx, KEY_LAST_HEARTBEAT, iso_utc(now))

    # -- down -------------------------------------------------------------------------------
    def pull(self) -> None:
        self._pull_bundle()
        self._pull_appointments()
        self._pull_queue()
        self._pull_load()

    def _cache(self, tx: Any, name: str, body: dict[str, Any], etag: str | None) -> None:
        server_cache.save(tx, name, body, etag, self.store.clock.now_utc())

    def _pull_bundle(self) -> None:
        try:
            fetched = self.client.get("/bundle", server_cache.etag(self.store, server_cache.BUNDLE))
        except RequestRejected as exc:
            if exc.code == "no_bundle":
                return
            raise
        if fetched.body is None:
            return
        # Checked in full before anything is cached or applied: a bundle the server
        # would not have accepted (a {lang} link template, say) keeps the previous one.
        problem = bundle_problem(fetched.body)
        if problem:
            log.error("configuration bundle refused, keeping the previous one: %s", problem)
            self._set_state({KEY_BUNDLE_ERROR: problem[:500]})
            return
        body = fetched.body
        with self.store.transaction() as tx:
            self._cache(tx, server_cache.BUNDLE, body, fetched.etag)
            replace_server_pauses(tx, [(item["service_id"], item["reason_code"])
                                       for item in body.get("paused_services", [])], self.store.clock.now_utc())
            # int(): JSON Schema counts 3.0 as the integer 3, and the version is shown as "3".
            self.store.set_state(tx, KEY_BUNDLE_VERSION, str(int(body["version"])))
            self.store.set_state(tx, KEY_BUNDLE_ERROR, "")
        log.info("configuration bundle version %s applied", body.get("version"))

    def _pull_appointments(self) -> None:
        today = self.business_day()
        day = today.isoformat()
        name = server_cache.appointments_name(today)
        fetched = self.client.get("/appointments", server_cache.etag(self.store, name), params={"date": day})
        if fetched.body is None:
            return
        if not isinstance(fetched.body.get("appointments"), list) or fetched.body.get("date") != day:
            raise TransportError("appointments answer has the wrong shape")
        with self.store.transaction() as tx:
            self._cache(tx, name, fetched.body, fetched.etag)
            # Keep only today's list and yesterday's, for a kiosk that runs over midnight.
            server_cache.prune_appointments(tx, today - dt.timedelta(days=1))

    def _pull_queue(self) -> None:
        try:
            fetched = self.client.get("/queue")
        except RequestRejected as exc:
            if exc.code == "no_queue":
                return
            raise
        if fetched.body is None:
            return
        problem = server_cache.queue_problem(fetched.body)
        if problem:
            raise TransportError(f"queue figures refused: {problem}")
        with self.store.transaction() as tx:
            self._cache(tx, server_cache.QUEUE, fetched.body, fetched.etag)

    def _pull_load(self) -> None:
        """The centre-wide load for "best time to visit", kept with its ETag (a server without it: skipped)."""
        from kiosk.visit_load import LOAD

        try:
            fetched = self.client.get("/load", server_cache.etag(self.store, LOAD))
        except RequestRejected as exc:
            if exc.code == "not_found":
                return
            raise
        if fetched.body is None:
            return
        if not isinstance(fetched.body.get("cells"), list) or not isinstance(fetched.body.get("period_from"), str):
            raise TransportError("load answer has the wrong shape")
        with self.store.transaction() as tx:
            self._cache(tx, LOAD, fetched.body, fetched.etag)

    # -- status ---------------------------------------------------------------------------------
    def _set_state(self, values: dict[str, str]) -> None:
        with self.store.transaction() as tx:
            for key, value in values.items():
                self.store.set_state(tx, key, value)
