"""What the screens need from the rest of the kiosk, passed in one object."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.catalog import Catalog
from kiosk.config import Config
from kiosk.tickets import TicketDesk
from ui.i18n import LanguageManager


@dataclass
class UiContext:
    config: Config
    catalog: Catalog
    desk: TicketDesk
    language: LanguageManager
