"""The service standard's text: the shipped files, an operator's replacement,
the server's bundle, and the fall-back to the shipped text when any of those
is broken."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.content import (
    LANGUAGES,
    MAX_BYTES,
    SHIPPED_DIR,
    BlockKind,
    load_standard,
    shipped_standard,
    standard_from_bundle,
)


def test_shipped_text_is_a_labelled_summary_with_the_confirmed_rules_and_promises() -> None:
    documents = load_standard()
    ru = [block.text for block in documents["ru"]]
    en = [block.text for block in documents["en"]]
    assert "краткое изложение" in ru[0] and "summary" in en[0]
    for rule in ("Выслушать. Услышать. Помочь.", "Беречь время клиента.", "Доступность и удобство.",
                 "Дружелюбие и приветливость."):
        assert rule in ru
    assert any("15 минут" in text for text in ru) and any("горячий напиток" in text for text in ru)
    assert any("15 minutes" in text for text in en) and any("hot drink" in text for text in en)
    for language in LANGUAGES:
        kinds = {block.kind for block in documents[language]}
        assert kinds == {BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.ITEM}
        # Four rule names are confirmed; the text must not pretend to list all eight.
        items_under_rules = [b for b in documents[language] if b.kind is BlockKind.ITEM]
        assert len(items_under_rules) == 8  # four rules and four promises


def test_an_operators_folder_replaces_the_shipped_text(tmp_path: Path) -> None:
    (tmp_path / "standard_ru.md").write_text("## Наш стандарт\n\nТекст центра.", encoding="utf-8")
    (tmp_path / "standard_en.md").write_text("## Our standard\n\nThe centre's text.", encoding="utf-8")
    documents = load_standard(tmp_path)
    assert [b.text for b in documents["ru"]] == ["Наш стандарт", "Текст центра."]
    assert [b.text for b in documents["en"]] == ["Our standard", "The centre's text."]


@pytest.mark.parametrize(("content", "reason"), [
    (None, "cannot be read"),
    (b"\xff\xfe not utf-8 \xc3", "not UTF-8"),
    (b"x" * (MAX_BYTES + 1), "larger than"),
    (b"<script>alert(1)</script>", "no readable text"),
])
@pytest.mark.expect_log("kiosk.content")
def test_a_broken_file_falls_back_to_the_shipped_text_with_a_log_line(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, content: bytes | None, reason: str) -> None:
    if content is not None:
        (tmp_path / "standard_ru.md").write_bytes(content)
    (tmp_path / "standard_en.md").write_text("Our own English text.", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk.content"):
        documents = load_standard(tmp_path)
    assert documents["ru"] == shipped_standard("ru")
    assert [b.text for b in documents["en"]] == ["Our own English text."]
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1
    assert "standard_ru.md" in messages[0] and reason in messages[0] and "shipped text" in messages[0]


@pytest.mark.expect_log("kiosk.content")
def test_a_damaged_shipped_file_gives_an_empty_text_not_a_crash(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "standard_ru.md").write_bytes(b"\xff\xff")
    (tmp_path / "standard_en.md").write_text((SHIPPED_DIR / "standard_en.md").read_text("utf-8"), "utf-8")
    with caplog.at_level(logging.ERROR, logger="kiosk.content"):
        documents = load_standard(shipped_dir=tmp_path)
    assert documents["ru"] == ()
    assert documents["en"] == shipped_standard("en")
    assert any("unusable" in r.getMessage() for r in caplog.records)


@pytest.mark.expect_log("kiosk.content")
def test_bundle_text_is_sanitised_and_a_bad_language_keeps_the_current_text(
        caplog: pytest.LogCaptureFixture) -> None:
    current = load_standard()
    bundle = {"ru": "## Новое\n\nСм. [сайт](https://evil.example) <img src=x onerror=alert(1)>",
              "en": "x" * (MAX_BYTES + 1)}
    with caplog.at_level(logging.WARNING, logger="kiosk.content"):
        documents = standard_from_bundle(bundle, current)
    assert [b.text for b in documents["ru"]] == ["Новое", "См. сайт"]
    assert documents["en"] == current["en"]
    assert any("content.standard_md.en" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("bad", [None, "just text", ["ru", "en"], {"ru": 5}])
@pytest.mark.expect_log("kiosk.content")
def test_a_malformed_bundle_keeps_the_current_text(bad: object) -> None:
    current = load_standard()
    documents = standard_from_bundle(bad, current)
    assert documents["en"] == current["en"]
    if not (isinstance(bad, dict) and isinstance(bad.get("ru"), str)):
        assert documents["ru"] == current["ru"]
