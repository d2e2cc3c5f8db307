"""The wait bands in words, at every boundary, in both languages, against the norm."""

from __future__ import annotations

import pytest

from kiosk.waits import Band, assess, band_of, band_words, norm_words, ticket_words


@pytest.mark.parametrize(("minutes", "band"), [
    (0, Band.SHORT), (9, Band.SHORT), (10, Band.SHORT), (11, Band.MODERATE), (20, Band.MODERATE),
    (21, Band.LONG), (30, Band.LONG), (31, Band.VERY_LONG), (240, Band.VERY_LONG),
])
def test_band_at_each_boundary(minutes: int, band: Band) -> None:
    assert band_of(minutes) is band


@pytest.mark.parametrize(("minutes", "ru", "en"), [
    (9, "Короткое ожидание (до 10 мин)", "Short wait (up to 10 min)"),
    (10, "Короткое ожидание (до 10 мин)", "Short wait (up to 10 min)"),
    (11, "Среднее ожидание (11–20 мин)", "Moderate wait (11–20 min)"),
    (20, "Среднее ожидание (11–20 мин)", "Moderate wait (11–20 min)"),
    (21, "Долгое ожидание (21–30 мин)", "Long wait (21–30 min)"),
    (30, "Долгое ожидание (21–30 мин)", "Long wait (21–30 min)"),
    (31, "Очень долгое ожидание (более 30 мин)", "Very long wait (over 30 min)"),
])
def test_band_words_in_both_languages(minutes: int, ru: str, en: str) -> None:
    verdict = assess(minutes)
    assert band_words(verdict.band, "ru") == ru
    assert band_words(verdict.band, "en") == en


@pytest.mark.parametrize("minutes", [9, 10, 11, 15])
def test_within_the_norm_no_hot_drink(minutes: int) -> None:
    verdict = assess(minutes)
    assert not verdict.over_norm
    assert norm_words(verdict, "ru") == "в пределах нормы 15 мин"
    assert norm_words(verdict, "en") == "within the 15-minute norm"
    assert "напиток" not in ticket_words(verdict, "ru")
    assert "drink" not in ticket_words(verdict, "en")


@pytest.mark.parametrize("minutes", [16, 20, 21, 30, 31])
def test_over_the_norm_mentions_the_free_hot_drink(minutes: int) -> None:
    verdict = assess(minutes)
    assert verdict.over_norm
    assert f"на {minutes - 15} мин" in norm_words(verdict, "ru")
    assert "бесплатный горячий напиток" in ticket_words(verdict, "ru")
    assert "free hot drink" in ticket_words(verdict, "en")


def test_a_booked_norm_of_five_minutes_is_kept() -> None:
    verdict = assess(9, norm=5)
    assert verdict.band is Band.SHORT and verdict.over_norm
    assert ticket_words(verdict, "en") == (
        "Expected wait about 9 min: short wait (up to 10 min), longer than the 5-minute norm by 4 min. "
        "If you wait longer than 5 minutes, you will be offered a free hot drink.")
    assert ticket_words(assess(-3), "ru") == (
        "Ожидание около 0 мин: короткое ожидание (до 10 мин), в пределах нормы 15 мин.")
