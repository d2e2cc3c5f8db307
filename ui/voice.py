"""Optional voice: reads each screen's title and the ticket number aloud.

Speech uses Qt's QTextToSpeech, which ships in PySide6-Addons (and needs the
PulseAudio client library, ``libpulse0`` on Debian, to load). The engine is
loaded once at start-up (:meth:`Voice.probe`, run by the window just after it
is built; loading takes milliseconds, speech-dispatcher answering or not, so
it stays on the GUI thread that owns the engine). The voice switch is shown
only in the languages that engine can speak: with no module, no engine that
loads, or an engine without the visitor's language, the switch is hidden,
never shown to vanish on the first tap, and one log line says why.

Voice is off by default and goes off again when the kiosk returns Home.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QLocale,
    QLoggingCategory,
    QMessageLogContext,
    QObject,
    QtMsgType,
    Signal,
    Slot,
    qInstallMessageHandler,
)

from kiosk.tickets import Ticket

log = logging.getLogger(__name__)

# Loading Qt Multimedia (under QtTextToSpeech) looks for PipeWire and warns
# when it is missing; speech goes through speech-dispatcher, not PipeWire, so
# that warning is noise in every log.
QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")
try:  # PySide6-Addons is optional
    from PySide6.QtTextToSpeech import QTextToSpeech
except ImportError:  # the module, or a library it needs (libpulse), is missing
    QTextToSpeech = None  # type: ignore[misc,assignment]  # the absence is the point

SPEECH_MODULE_AVAILABLE = QTextToSpeech is not None

LOCALES = {"ru": QLocale(QLocale.Language.Russian, QLocale.Country.Russia),
           "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)}


class Voice(QObject):
    """Speaks short texts when the visitor has switched the voice on.

    Args:
        engine_name: a QTextToSpeech engine ("speechd", "mock", ...); None
            takes :attr:`DEFAULT_ENGINE`, empty lets Qt choose. Tests use
            "mock", which speaks into signals only (and English only).

    Signals:
        enabled_changed(bool): on or off (off also when the engine failed).
        available_changed(bool): whether the voice can be offered in the current
            language (after :meth:`probe`, and on each change of language).
        said(str): a text handed to the engine, for logs and tests.
    """

    DEFAULT_ENGINE = ""

    enabled_changed = Signal(bool)
    available_changed = Signal(bool)
    said = Signal(str)

    def __init__(self, engine_name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine_name = self.DEFAULT_ENGINE if engine_name is None else engine_name
        # The kiosk languages the loaded engine speaks; none until probe() has run.
        self.languages: frozenset[str] = frozenset()
        self.enabled = False
        self.engine: QTextToSpeech | None = None
        self.language = "ru"

    @property
    def available(self) -> bool:
        """Whether the voice can be offered now: an engine loaded that speaks the current language."""
        return self.engine is not None and self.language in self.languages

    @Slot()
    def probe(self) -> bool:
        """Load the engine (again) and find which of the kiosk's languages it speaks.

        Returns:
            Whether the voice can be offered in the current language.
        """
        self.set_enabled(False)
        if self.engine is not None:
            self.engine.deleteLater()
            self.engine = None
        self.languages = frozenset()
        if self._load_engine():
            assert self.engine is not None
            spoken = {loc.language() for loc in self.engine.availableLocales()}
            self.languages = frozenset(code for code, loc in LOCALES.items() if loc.language() in spoken)
            if not self.languages:
                log.info("voice switch hidden: text-to-speech engine %r speaks none of %s",
                         self.engine_name or "(default)", ", ".join(LOCALES))
            else:
                log.info("voice ready: engine %r speaks %s", self.engine.engine(), ", ".join(sorted(self.languages)))
        self._apply_locale()
        self.available_changed.emit(self.available)
        return self.available

    def set_enabled(self, on: bool) -> None:
        if on == self.enabled:
            return
        if on and not self.available:
            self.enabled_changed.emit(False)
            return
        self.enabled = on
        if not on and self.engine is not None:
            self.engine.stop()
        log.info("voice %s", "on" if on else "off")
        self.enabled_changed.emit(on)

    def reset(self) -> None:
        self.set_enabled(False)

    def set_language(self, code: str) -> None:
        was = self.available
        self.language = code
        if not self.available:
            self.set_enabled(False)  # never read one language in another's voice
        self._apply_locale()
        if self.available != was:
            self.available_changed.emit(self.available)

    def say(self, *texts: str) -> None:
        """Stop whatever is being said and say ``texts`` one after another."""
        if not self.enabled or self.engine is None:
            return
        self.engine.stop()
        first = True
        for text in texts:
            if not text:
                continue
            # enqueue() waits for the previous text; say() interrupts it.
            (self.engine.say if first else self.engine.enqueue)(text)
            first = False
            self.said.emit(text)

    def ticket_phrase(self, ticket: Ticket) -> str:
        """The number as it is called in the hall: the letter, then the number without zeros."""
        return self.tr("Your number is {letter} {number}").format(letter=ticket.prefix, number=ticket.number)

    def _load_engine(self) -> bool:
        if QTextToSpeech is None:
            log.info("voice switch hidden: PySide6's QtTextToSpeech (PySide6-Addons, libpulse0) is not installed")
            return False
        # WORKAROUND: QTextToSpeech reports a plug-in that is missing or fails to
        # load as a critical message of Qt's default category; a kiosk without
        # speech is an ordinary set-up, so those messages become the one
        # log line below instead of an error in the kiosk's log.
        qt_said: list[str] = []

        def keep(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
            qt_said.append(message)

        previous = qInstallMessageHandler(keep)
        try:
            engine = QTextToSpeech(self.engine_name, self) if self.engine_name else QTextToSpeech(self)
        finally:
            qInstallMessageHandler(previous)
        if engine.state() == QTextToSpeech.State.Error:
            log.info("voice switch hidden: text-to-speech engine %r did not load: %s",
                     self.engine_name or "(default)", "; ".join([*qt_said, engine.errorString()]))
            engine.deleteLater()
            return False
        for message in qt_said:
            log.info("text-to-speech: %s", message)
        self.engine = engine
        return True

    def _apply_locale(self) -> None:
        if self.engine is None:
            return
        wanted = LOCALES.get(self.language)
        # An engine without this language keeps its own voice rather than fail.
        if wanted is not None and any(loc.language() == wanted.language() for loc in self.engine.availableLocales()):
            self.engine.setLocale(wanted)
