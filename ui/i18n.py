"""Languages: Russian first, English second.

Visitor-facing sentences live in the UI behind ``self.tr(...)`` with English
source texts; ``assets/i18n/kiosk_ru.ts`` and ``kiosk_en.ts`` hold the
translations and are compiled to ``.qm`` files by ``tools/i18n.py``.
Installing a translator makes Qt send ``LanguageChange`` to every widget, and
each screen answers with ``retranslate()``.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal

from kiosk import resources

log = logging.getLogger(__name__)

I18N_DIR = resources.assets_dir() / "i18n"
LANGUAGES = ("ru", "en")


class MissingTranslation(RuntimeError):
    """A compiled translation file is missing or unreadable."""


class LanguageManager(QObject):
    """Holds the current language and swaps Qt translators.

    Signals:
        changed(str): the new language code, after the translator is installed.
    """

    changed = Signal(str)

    def __init__(self, default: str, directory: Path = I18N_DIR, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.default = default
        self._directory = directory
        self._translators: dict[str, QTranslator] = {}
        self._current = ""
        for code in LANGUAGES:
            translator = QTranslator(self)
            path = directory / f"kiosk_{code}.qm"
            if not translator.load(str(path)):
                raise MissingTranslation(f"cannot load {path}; run: python tools/i18n.py")
            self._translators[code] = translator

    @property
    def current(self) -> str:
        return self._current or self.default

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}")
        if code == self._current:
            return
        app = QCoreApplication.instance()
        if self._current:
            QCoreApplication.removeTranslator(self._translators[self._current])
        self._current = code
        if app is not None:
            QCoreApplication.installTranslator(self._translators[code])
        log.info("language set to %s", code)
        self.changed.emit(code)

    def reset(self) -> None:
        self.set_language(self.default)

    def text_in(self, language: str, context: str, source: str, n: int = -1) -> str:
        """``source`` translated into ``language`` without switching the UI's language
        (for a printed ticket in the language it was taken in)."""
        translated = self._translators[language].translate(context, source, None, n) or source
        return translated.replace("%n", str(n)) if n >= 0 else translated

    def uninstall(self) -> None:
        """Remove the installed translator (at shutdown)."""
        if self._current:
            QCoreApplication.removeTranslator(self._translators[self._current])
            self._current = ""


def format_time(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


def format_date(moment: dt.datetime | dt.date) -> str:
    return moment.strftime("%d.%m.%Y")
