"""Navigation policy: which screen is on, the way back, and when a screen goes Home by itself.

Screens never navigate; they emit what the visitor chose, and the window
asks the :class:`Navigator` to show the next one. The navigator owns the
history (for *Back*), knows which screens end a visit (*Back* from a ticket,
a message, the rating's thanks or admin mode goes Home, not to the step
before), and runs the one timer that brings the kiosk Home after a period
without touches. Every screen has its own period: the visitor's idle
timeout by default, the ticket screen's own (longer) one, a short one for
the thanks, admin mode's 60 seconds, none on Home. Any touch anywhere
restarts it, so nobody is thrown out while using a screen.

Screens are built on first use, not at start: the window registers a
factory for each one under a name, and the navigator builds the screen the
first time it is asked for it (:meth:`Navigator.screen`), puts it on the
stack and gives it its policy. Adding a screen is one call::

    nav.register("best_time", lambda: BestTimeScreen(ctx), timeout_ms=IDLE, ends_visit=False)

and ``nav.screen("best_time")`` then builds it (once) and returns it. The
factory may connect the new screen's signals before returning it; it runs
exactly once. :meth:`Navigator.build_all` builds every registered screen
(the accessibility walk and the screenshots reach screens through it).
A screen that must exist from the start (Home) is added with :meth:`Navigator.add`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QStackedWidget

from ui.idle import ACTIVITY_EVENTS, is_input
from ui.widgets.private_text import clear_clipboard
from ui.widgets.screen import Screen

log = logging.getLogger(__name__)

# A screen registered with this timeout uses the visitor's idle timeout (the config's).
IDLE = -1

S = TypeVar("S", bound=Screen)


@dataclass
class ScreenPolicy:
    """How one screen behaves in navigation.

    Attributes:
        timeout_ms: period without touches before the screen gives up; :data:`IDLE`
            for the visitor's idle timeout, None for never (Home).
        ends_visit: *Back* from here goes Home rather than one step back.
        on_timeout: what to do when the period runs out; Home when None.
    """

    timeout_ms: int | None = IDLE
    ends_visit: bool = False
    on_timeout: Callable[[], None] | None = None


@dataclass
class _Registered:
    """A screen known by name: how to build it, its policy, and the screen once built."""

    factory: Callable[[], Screen]
    policy: ScreenPolicy
    screen: Screen | None = None
    building: bool = False


class Navigator(QObject):
    """The stack's current screen, the history, and the screen timer.

    Installed as an application event filter, it sees every touch and key.

    Args:
        stack: the window's stack of screens.
        home: the Home screen (never timed out, the end of every way back).
        idle_s: the visitor's idle timeout in seconds.

    Signals:
        screen_shown(object): a screen became current (after its refresh).
        went_home(): Home is shown and every registered screen has forgotten its visitor.
    """

    screen_shown = Signal(object)
    went_home = Signal()

    def __init__(self, stack: QStackedWidget, home: Screen, idle_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = stack
        self.home_screen = home
        self.idle_ms = idle_s * 1000
        self.history: list[Screen] = []
        self._policies: dict[Screen, ScreenPolicy] = {}
        self._registry: dict[str, _Registered] = {}
        self.timer = QTimer(self)
        self.timer.setObjectName("screen-timer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timeout)
        self.add(home, timeout_ms=None)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # -- registration ---------------------------------------------------------------
    def add(self, screen: S, *, timeout_ms: int | None = IDLE, ends_visit: bool = False,
            on_timeout: Callable[[], None] | None = None) -> S:
        """Put a screen on the stack under a policy; returns the screen."""
        if self.stack.indexOf(screen) < 0:
            self.stack.addWidget(screen)
        self._policies[screen] = ScreenPolicy(timeout_ms, ends_visit, on_timeout)
        return screen

    def register(self, name: str, factory: Callable[[], Screen], *, timeout_ms: int | None = IDLE,
                 ends_visit: bool = False, on_timeout: Callable[[], None] | None = None) -> None:
        """Make a screen known by ``name``, built by ``factory`` the first time it is needed.

        Args:
            name: the screen's key for :meth:`screen` (unique).
            factory: builds the screen (and may connect its signals); called at most once.
            timeout_ms, ends_visit, on_timeout: its :class:`ScreenPolicy`.
        """
        if name in self._registry:
            raise ValueError(f"screen {name!r} is registered twice")
        self._registry[name] = _Registered(factory, ScreenPolicy(timeout_ms, ends_visit, on_timeout))

    def screen(self, name: str) -> Screen:
        """The screen registered as ``name``, built (and put on the stack) if it is not yet."""
        entry = self._registry[name]
        if entry.screen is None:
            if entry.building:
                raise RuntimeError(f"screen {name!r} needs itself to be built")
            entry.building = True
            try:
                screen = entry.factory()
            finally:
                entry.building = False
            policy = entry.policy
            self.add(screen, timeout_ms=policy.timeout_ms, ends_visit=policy.ends_visit,
                     on_timeout=policy.on_timeout)
            entry.screen = screen
            log.debug("screen %s built", name)
        return entry.screen

    def built(self, name: str) -> Screen | None:
        """The screen registered as ``name`` if it has been built, else None (nothing is built)."""
        return self._registry[name].screen

    def names(self) -> tuple[str, ...]:
        """The names of every registered screen, in the order they were registered."""
        return tuple(self._registry)

    def build_all(self) -> tuple[Screen, ...]:
        """Every screen: Home, then each registered one (built now if it was not yet)."""
        for name in self._registry:
            self.screen(name)
        registered = [self._registry[name].screen for name in self._registry]
        others = [s for s in self._policies if s is not self.home_screen and s not in registered]
        return (self.home_screen, *(s for s in registered if s is not None), *others)

    def screens(self) -> tuple[Screen, ...]:
        """Every screen built so far, Home first (see :meth:`build_all` for all of them)."""
        return tuple(self._policies)

    def timeout_ms(self, screen: Screen) -> int | None:
        """The period without touches after which ``screen`` gives up (None: never)."""
        value = self._policies[screen].timeout_ms
        return self.idle_ms if value == IDLE else value

    def set_timeout_ms(self, screen: Screen, timeout_ms: int | None) -> None:
        """Change one screen's period (it takes effect at once if the screen is showing)."""
        self._policies[screen].timeout_ms = timeout_ms
        if self.current() is screen:
            self._arm()

    def set_idle_ms(self, idle_ms: int) -> None:
        """Change the visitor's idle timeout for every screen that uses it."""
        self.idle_ms = idle_ms
        self._arm()

    # -- moving ---------------------------------------------------------------------
    def current(self) -> Screen:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def show(self, screen: Screen, remember: bool = True) -> None:
        """Refresh and show ``screen``; ``remember`` keeps the current one for *Back*."""
        if remember and self.stack.currentWidget() is not screen:
            self.history.append(self.current())
        screen.refresh()
        self.stack.setCurrentWidget(screen)
        self._arm()
        self.screen_shown.emit(screen)

    def restart_from_home(self) -> None:
        """Make *Back* from the current screen lead Home (a flow started over)."""
        self.history = [self.home_screen]

    @Slot()
    def back(self) -> None:
        """One step back; Home from a screen that ends a visit, or when there is no way back."""
        if self._policies[self.current()].ends_visit or not self.history:
            self.home()
            return
        self.show(self.history.pop(), remember=False)

    @Slot()
    def home(self) -> None:
        """Back to Home, every registered screen forgetting what this visitor chose."""
        self.history.clear()
        for screen in self._policies:
            if screen is not self.home_screen:
                screen.reset()
        self.show(self.home_screen, remember=False)
        # Nothing a visitor typed or selected waits on the clipboard for the next one.
        clear_clipboard()
        self.went_home.emit()

    # -- the screen timer -----------------------------------------------------------
    def _arm(self) -> None:
        period = self.timeout_ms(self.current())
        if period is None:
            self.timer.stop()
        else:
            self.timer.setInterval(period)
            self.timer.start()

    def _on_timeout(self) -> None:
        screen = self.current()
        policy = self._policies[screen]
        log.info("no touch for %d s on %s: giving up", self.timer.interval() // 1000,
                 screen.property("screenName"))
        if policy.on_timeout is not None:
            policy.on_timeout()
        else:
            self.home()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An app-wide filter sees one real click twice (window, then widget):
        # restarting the timer twice is harmless.
        if is_input(event) and event.type() in ACTIVITY_EVENTS and self.timer.isActive():
            self.timer.start()
        return False

    def uninstall(self) -> None:
        """Stop watching input (at shutdown)."""
        self.timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
