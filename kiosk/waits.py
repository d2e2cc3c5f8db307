"""An expected wait in words: its band and how it compares with the norm.

Live queue monitors in Moscow colour the expected wait in four bands: up to
10 minutes, 11 to 20, 21 to 30 and over 30. The kiosk never relies on the
colour alone: every band has its words, in Russian and English, and the wait
is also compared with the norm (15 minutes in the Moscow service standard,
``appointments.wait_norm_min`` for booked visits). Over the norm the visitor
is told about the free hot drink.

Pure data and arithmetic: the UI picks the words for its language from here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kiosk.catalog import Text

WAIT_NORM_MINUTES = 15
# The upper bound (inclusive, in whole minutes) of each band but the last.
BAND_LIMITS = (10, 20, 30)


class Band(enum.Enum):
    """A band of expected wait; ``value`` is also the stylesheet role the UI gives it."""

    SHORT = "short"  # up to 10 min
    MODERATE = "moderate"  # 11-20 min
    LONG = "long"  # 21-30 min
    VERY_LONG = "very_long"  # over 30 min


_BAND_WORDS = {
    Band.SHORT: Text(ru="Короткое ожидание (до 10 мин)", en="Short wait (up to 10 min)"),
    Band.MODERATE: Text(ru="Среднее ожидание (11–20 мин)", en="Moderate wait (11–20 min)"),
    Band.LONG: Text(ru="Долгое ожидание (21–30 мин)", en="Long wait (21–30 min)"),
    Band.VERY_LONG: Text(ru="Очень долгое ожидание (более 30 мин)", en="Very long wait (over 30 min)"),
}

_BAND_SHORT_WORDS = {
    Band.SHORT: Text(ru="короткое", en="short"),
    Band.MODERATE: Text(ru="среднее", en="moderate"),
    Band.LONG: Text(ru="долгое", en="long"),
    Band.VERY_LONG: Text(ru="очень долгое", en="very long"),
}


@dataclass(frozen=True)
class WaitVerdict:
    """An expected wait, its band and whether it is over the norm."""

    minutes: int
    norm: int
    band: Band

    @property
    def over_norm(self) -> bool:
        return self.minutes > self.norm

    @property
    def minutes_over(self) -> int:
        return max(0, self.minutes - self.norm)


def band_of(minutes: int) -> Band:
    """The band of a wait in whole minutes (10 is still short, 11 is moderate, ...)."""
    if minutes <= BAND_LIMITS[0]:
        return Band.SHORT
    if minutes <= BAND_LIMITS[1]:
        return Band.MODERATE
    if minutes <= BAND_LIMITS[2]:
        return Band.LONG
    return Band.VERY_LONG


def assess(minutes: int, norm: int = WAIT_NORM_MINUTES) -> WaitVerdict:
    """The verdict on a wait of ``minutes`` (negative counts as none) against ``norm``."""
    minutes = max(0, int(minutes))
    return WaitVerdict(minutes=minutes, norm=norm, band=band_of(minutes))


_TILE_WORDS = {
    Band.SHORT: Text(ru="короткое ожидание", en="short wait"),
    Band.MODERATE: Text(ru="среднее ожидание", en="moderate wait"),
    Band.LONG: Text(ru="долгое ожидание", en="long wait"),
    Band.VERY_LONG: Text(ru="очень долгое ожидание", en="very long wait"),
}


def tile_words(verdict: WaitVerdict, language: str) -> str:
    """The band and the norm in a few words for a tile: 'moderate wait, within the norm'."""
    norm = Text(ru="дольше нормы", en="over the norm") if verdict.over_norm else \
        Text(ru="в пределах нормы", en="within the norm")
    return f"{_TILE_WORDS[verdict.band].get(language)}, {norm.get(language)}"


def band_words(band: Band, language: str) -> str:
    """'Short wait (up to 10 min)', in ``language``."""
    return _BAND_WORDS[band].get(language)


def band_word(band: Band, language: str) -> str:
    """The band in one word or two ('short', 'very long'), for a tile's detail line."""
    return _BAND_SHORT_WORDS[band].get(language)


def norm_words(verdict: WaitVerdict, language: str) -> str:
    """'within the 15-minute norm' or 'longer than the 15-minute norm by 6 min'."""
    if not verdict.over_norm:
        return Text(ru=f"в пределах нормы {verdict.norm} мин",
                    en=f"within the {verdict.norm}-minute norm").get(language)
    return Text(ru=f"дольше нормы {verdict.norm} мин на {verdict.minutes_over} мин",
                en=f"longer than the {verdict.norm}-minute norm by {verdict.minutes_over} min").get(language)


def hot_drink_words(norm: int, language: str) -> str:
    """The free hot drink a visitor is offered after waiting longer than the norm."""
    return Text(ru=f"Если вы прождёте дольше {norm} минут, вам предложат бесплатный горячий напиток.",
                en=f"If you wait longer than {norm} minutes, you will be offered a free hot drink.").get(language)


def wait_line(verdict: WaitVerdict, language: str) -> str:
    """One line for a ticket or a tile: 'Expected wait about 12 min: moderate wait (11–20 min), within ...'."""
    head = Text(ru=f"Ожидание около {verdict.minutes} мин", en=f"Expected wait about {verdict.minutes} min")
    band = band_words(verdict.band, language)
    band = band[0].lower() + band[1:]
    return f"{head.get(language)}: {band}, {norm_words(verdict, language)}."


def ticket_words(verdict: WaitVerdict, language: str) -> str:
    """What a ticket says of its wait: :func:`wait_line`, and the hot drink when over the norm."""
    line = wait_line(verdict, language)
    if verdict.over_norm:
        return f"{line} {hot_drink_words(verdict.norm, language)}"
    return line
