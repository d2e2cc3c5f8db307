"""Shared fixtures, and the rules every test runs under.

Qt runs offscreen: without a display pytest would abort with exit 134
instead of failing.

Unexpected log records fail the test (after qutebrowser's
``tests/helpers/logfail.py``). Every WARNING, ERROR or CRITICAL record that
reaches the root logger while a test runs is unexpected unless the test
names its logger::

    @pytest.mark.expect_log("kiosk.sync.engine")       # that logger and the ones below it
    @pytest.mark.expect_log("kiosk.store", "kiosk.sync")
    pytestmark = pytest.mark.expect_log("central")     # a whole module
    pytest.param("drop", marks=pytest.mark.expect_log("kiosk.sync.engine"))

The marker is the one way to say so: using ``caplog`` (at any level) does not
by itself allow a record, because a test may use caplog without looking at
the record that worries us. The marker allows records, it does not demand
them; a test for which the log line is the behaviour asserts it with
``caplog`` as well. A record seen during the test's call fails the test; one
seen while fixtures are set up or torn down is reported as an error there.
Records below WARNING are never checked, and Qt's own messages are
pytest-qt's business (``qt_log_level_fail`` in setup.cfg).

Hypothesis runs under one profile, ``kiosk`` (below); a test sets its own
``max_examples`` only when an example is costly (it opens a store) or cheap
enough that more of them pay.
"""

from __future__ import annotations

import logging
import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from kiosk.catalog import Catalog, load_catalog
from kiosk.clock import ManualClock
from kiosk.config import DEMO_CONFIG, Config, load_config
from kiosk.hours import parse_weekly_hours
from kiosk.store import Store
from kiosk.tickets import TicketDesk
from tests import cups_support
from tests.cups_support import PrivateCups
from tests.support import moscow

# No PIN or token a test used may reach a log (tests/secrets_guard.py); pytester
# runs small suites under that rule (the log rule below is checked in a subprocess,
# tests/test_logfail.py).
pytest_plugins = ["tests.secrets_guard", "pytester"]

# Shared CI-like machines with 2 cores: a wall-clock deadline per example only
# measures how busy the machine is, so none is set; an example that is slow to
# generate is not a bug either.
settings.register_profile("kiosk", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.load_profile("kiosk")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


# -- unexpected log records fail the test ------------------------------------------------------


class LogFailHandler(logging.Handler):
    """Keeps the WARNING-or-worse records that the running test did not announce.

    Args:
        allowed: logger names whose records (and their children's) are expected;
            None allows every logger.
    """

    def __init__(self, allowed: tuple[str, ...] | None) -> None:
        super().__init__(logging.WARNING)
        self.allowed = allowed
        self.unexpected: list[logging.LogRecord] = []

    def expected(self, name: str) -> bool:
        if self.allowed is None:
            return True
        return any(name == logger or name.startswith(logger + ".") for logger in self.allowed)

    def emit(self, record: logging.LogRecord) -> None:
        # Collect, never raise: raising here would throw into the code under test
        # (or kill a worker thread) instead of failing the test.
        if not self.expected(record.name):
            self.unexpected.append(record)

    def take(self) -> list[logging.LogRecord]:
        """The unexpected records so far, forgotten here (other threads may be logging)."""
        assert self.lock is not None  # logging.Handler.__init__ made it
        with self.lock:  # emit() runs under the same lock
            records, self.unexpected = self.unexpected, []
        return records


_HANDLER = pytest.StashKey[LogFailHandler]()


def allowed_loggers(item: pytest.Item) -> tuple[str, ...] | None:
    """The loggers the item's ``expect_log`` markers name; () without a marker, None for a bare one."""
    names: list[str] = []
    for mark in item.iter_markers("expect_log"):
        if not mark.args:
            return None
        names.extend(str(name) for name in mark.args)
    return tuple(names)


def fail_on(records: dict[str, list[logging.LogRecord]]) -> None:
    """Fail with every unexpected record, under the phase it came in."""
    parts = [f"{where}:\n" + "\n".join(f"  {r.levelname} {r.name}: {r.getMessage()}" for r in found)
             for where, found in records.items() if found]
    if parts:
        pytest.fail("unexpected log records (mark the test @pytest.mark.expect_log(LOGGER) if they are "
                    "intended)\n" + "\n".join(parts), pytrace=False)


@pytest.fixture(autouse=True)
def fail_on_unexpected_logs(request: pytest.FixtureRequest) -> Iterator[LogFailHandler]:
    """Fail the test on an unannounced WARNING/ERROR record (see the module docstring)."""
    handler = LogFailHandler(allowed_loggers(request.node))
    root = logging.getLogger()
    root.addHandler(handler)
    request.node.stash[_HANDLER] = handler
    yield handler
    root.removeHandler(handler)
    fail_on({"while fixtures were torn down": handler.take()})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    # Checked here, right after the test body, so such a test is reported as failed
    # (a failure in the fixture's teardown would count as an error besides a pass).
    handler = item.stash.get(_HANDLER, None)
    setup = handler.take() if handler is not None else []
    try:
        result = yield
    except BaseException:
        if handler is not None:
            handler.take()  # the test failed already; its captured log shows these records
        raise
    if handler is not None:
        fail_on({"while fixtures were set up": setup, "during the test": handler.take()})
    return result


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(moscow(2026, 11, 24, 10, 0))


@pytest.fixture
def config() -> Config:
    """The demo config with a normal working day (08:00-20:00), so closing can be tested."""
    return load_config(DEMO_CONFIG).with_overrides(hours=parse_weekly_hours({"daily": "08:00-20:00"}))


@pytest.fixture
def catalog(config: Config) -> Catalog:
    return load_catalog(config.catalog_path)


@pytest.fixture
def store(tmp_path: Path, clock: ManualClock) -> Store:
    opened = Store.open(tmp_path / "data", clock)
    yield opened
    opened.close()


@pytest.fixture
def desk(store: Store, config: Config, catalog: Catalog) -> TicketDesk:
    return TicketDesk(store, config, catalog)


@pytest.fixture(scope="session")
def cups_scheduler() -> Iterator[PrivateCups]:
    """A CUPS scheduler of the session's own (tests/cups_support.py), stopped at the end;
    the tests that need it are skipped, with the reason, where it cannot run."""
    reason = cups_support.unavailable()
    if reason is not None:
        pytest.skip(reason)
    # Not under pytest's basetemp: that is mode 0700, and CUPS' filters run as user lp.
    root = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
    scheduler = PrivateCups(root)
    try:
        scheduler.start()
        yield scheduler
    finally:
        scheduler.stop()
        cups_support.remove_tree(root)


# --------------------------------------------------------------------------
# the central server's database, on SQLite and on PostgreSQL (tests/central/server_dbs.py)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    """A PostgreSQL of the session's own; skipped with the reason where it cannot run, except in CI."""
    from tests.central import server_dbs

    reason = server_dbs.unavailable_reason()
    if reason is not None:
        if server_dbs.in_ci():
            pytest.fail(f"CI=true, so the PostgreSQL half of the server tests must run, but: {reason}")
        pytest.skip(reason)
    with server_dbs.cluster() as running:
        yield running


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty server database: an SQLite file path, or a ``postgresql://`` URL."""
    from central import db as dbmod

    if request.param == "sqlite":
        path = str(tmp_path / "central.db")
        yield path
        dbmod.dispose(path)
        return
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.create_database()
    yield url
    cluster.drop_database(url)
