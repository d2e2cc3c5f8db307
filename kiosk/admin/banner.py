"""A short message for visitors on Home, in both languages, with an expiry.

Kept in ``kiosk_state`` as JSON, so it survives a restart; it disappears by
itself once expired. Setting and removing it are audited (and so synced).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass

from kiosk.audit import BANNER_CLEARED, BANNER_SET, audit
from kiosk.clock import iso_utc, parse_iso_utc
from kiosk.store import Store

log = logging.getLogger(__name__)

KEY_BANNER = "admin.banner"
MAX_BANNER_CHARS = 200



@dataclass(frozen=True)
class Banner:
    ru: str
    en: str
    expires_utc: dt.datetime

    def text(self, language: str) -> str:
        """The text in a language, falling back to the other one if only one was written."""
        first, second = (self.en, self.ru) if language == "en" else (self.ru, self.en)
        return first or second


def _clean(text: str) -> str:
    # One line of plain text: the label on Home shows it as typed, never as markup.
    return " ".join(text.split())[:MAX_BANNER_CHARS]


def stored_banner(store: Store) -> Banner | None:
    """The banner as stored, expired or not (None when there is none or it cannot be read)."""
    raw = store.get_state(KEY_BANNER)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return Banner(str(data["ru"]), str(data["en"]), parse_iso_utc(str(data["expires_utc"])))
    except (ValueError, KeyError, TypeError):
        log.error("the stored banner cannot be read; it is not shown")
        return None


def current_banner(store: Store) -> Banner | None:
    """The banner visitors should see now: stored, not expired, not empty."""
    banner = stored_banner(store)
    if banner is None or store.clock.now_utc() >= banner.expires_utc or not (banner.ru or banner.en):
        return None
    return banner


def set_banner(store: Store, role: str | None, ru: str, en: str, expires_utc: dt.datetime) -> Banner:
    """Show a banner until ``expires_utc``.

    Raises:
        ValueError: both texts empty, or the expiry is not in the future.
    """
    banner = Banner(_clean(ru), _clean(en), expires_utc.astimezone(dt.UTC))
    if not (banner.ru or banner.en):
        raise ValueError("a banner needs a text")
    if banner.expires_utc <= store.clock.now_utc():
        raise ValueError("a banner's expiry must be in the future")
    with store.transaction() as conn:
        store.set_state(conn, KEY_BANNER, json.dumps(
            {"ru": banner.ru, "en": banner.en, "expires_utc": iso_utc(banner.expires_utc)}, ensure_ascii=False))
        audit(store, conn, role, BANNER_SET, {"ru": banner.ru, "en": banner.en,
                                              "expires_utc": iso_utc(banner.expires_utc)})
    return banner


def clear_banner(store: Store, role: str | None) -> None:
    with store.transaction() as conn:
        store.set_state(conn, KEY_BANNER, "")
        audit(store, conn, role, BANNER_CLEARED)
