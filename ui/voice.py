"""Optional voice: reads each screen's title and the ticket number aloud.

Speech uses Qt's QTextToSpeech, which ships in PySide6-Addons (and needs the
PulseAudio client library, ``libpulse0`` on Debian, to load). Without it the
kiosk works as before and the voice switch stays hidden. The engine is made
only when a visitor first switches the voice on, so a kiosk without a speech
engine never logs an error until someone asks for speech; if the engine then
fails, the switch hides itself and a log line says why.

Voice is off by default and goes off again when the kiosk returns Home.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QLoggingCategory, QObject, Signal

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
        engine_name: a QTextToSpeech engine ("speechd", "mock", ...); empty
            lets Qt choose. Tests use "mock", which speaks into signals only.

    Signals:
        enabled_changed(bool): on or off (off also when the engine failed).
        said(str): a text handed to the engine, for logs and tests.
    """

    enabled_changed = Signal(bool)
    said = Signal(str)

    def __init__(self, engine_name: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine_name = engine_name
        self.available = SPEECH_MODULE_AVAILABLE
        self.enabled = False
        self.engine: QTextToSpeech | None = None
        self.language = "ru"

    def set_enabled(self, on: bool) -> None:
        if on == self.enabled:
            return
        if on and not self._ensure_engine():
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
        self.language = code
        self._apply_locale()

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

    def _ensure_engine(self) -> bool:
        if self.engine is not None:
            return True
        if QTextToSpeech is None:
            self.available = False
            return False
        engine = QTextToSpeech(self.engine_name, self) if self.engine_name else QTextToSpeech(self)
        if engine.state() == QTextToSpeech.State.Error:
            log.warning("voice unavailable: text-to-speech engine %r: %s",
                        self.engine_name or "(default)", engine.errorString())
            engine.deleteLater()
            self.available = False
            return False
        self.engine = engine
        self._apply_locale()
        return True

    def _apply_locale(self) -> None:
        if self.engine is None:
            return
        wanted = LOCALES.get(self.language)
        # An engine without this language keeps its own voice rather than fail.
        if wanted is not None and any(loc.language() == wanted.language() for loc in self.engine.availableLocales()):
            self.engine.setLocale(wanted)
