"""Texts shown to visitors that come from files or from the central server:
the Moscow service standard, as Markdown per language.

Text from outside is never trusted. :func:`sanitise_markdown` turns it into a
small structure of headings, paragraphs and list items holding plain text only:
HTML tags are removed (script and style blocks with their content), links keep
their words but lose their address, images disappear entirely, and control or
direction-override characters are dropped. The screen shows the result in
plain-text labels, so nothing can become a link, a picture or markup.

A missing, broken or oversized file (or bundle text) is replaced by the text
shipped in ``assets/content/``, with a log line saying why.
"""

from __future__ import annotations

import enum
import html
import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk import resources

log = logging.getLogger(__name__)

SHIPPED_DIR = resources.assets_dir() / "content"
LANGUAGES = ("ru", "en")

# A summary of a code of conduct is a few kilobytes; anything far larger is a
# mistake (or an attempt to stall the screen), not a longer standard.
MAX_BYTES = 64 * 1024
MAX_BLOCKS = 300
MAX_BLOCK_CHARS = 2000


class ContentError(ValueError):
    """Text from a file or the server cannot be shown; the message says where and why."""


class BlockKind(enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"


@dataclass(frozen=True)
class Block:
    """One piece of a document, in plain text.

    ``marker`` is what stands before a list item: ``"•"`` or a number such as ``"2."``.
    """

    kind: BlockKind
    text: str
    marker: str = ""


Document = tuple[Block, ...]

# -- inline clean-up ---------------------------------------------------------------------------

_SCRIPT = re.compile(r"<\s*(script|style|iframe|object|embed|template)\b.*?(?:<\s*/\s*\1\s*>|\Z)",
                     re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z!?][^<>]*>")
# A tag left open ("<img src=x onerror=...") is cut to the end of its line, no further.
_OPEN_TAG = re.compile(r"</?[A-Za-z!?][^<>\n]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]]*\]\s*(?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]*)\]\s*(?:\([^)]*\)|\[[^\]]*\])")
_REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_EMPHASIS = (
    re.compile(r"\*\*(.+?)\*\*"),
    re.compile(r"__(.+?)__"),
    re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])"),
    re.compile(r"`+([^`]*)`+"),
)
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
# Characters that reorder or hide text: bidi overrides and isolates, zero-width marks.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2066\u2067\u2068\u2069\u2060\ufeff")


def _strip_markup(text: str) -> str:
    """Remove HTML and the address part of links; keep the words a reader needs."""
    text = _COMMENT.sub("", text)
    text = _SCRIPT.sub("", text)
    text = _TAG.sub("", text)
    return _OPEN_TAG.sub("", text)


def _clean_inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    # Entities are decoded only after tags are gone; a decoded "<b>" is then
    # removed again rather than shown.
    text = _strip_markup(html.unescape(text))
    text = "".join(" " if c == "\t" else c for c in text
                   if c not in _INVISIBLE and (c == "\t" or unicodedata.category(c)[0] != "C"))
    # A lone "<" or ">" left from a broken tag is harmless in a plain-text label,
    # but stray markup characters read as noise.
    text = text.replace("<", "").replace(">", "")
    return _SPACES.sub(" ", text).strip()


# -- block structure ----------------------------------------------------------------------------

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s{0,3}[-*+•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s{0,3}(\d{1,3})[.)]\s+(.*)$")
_RULE = re.compile(r"^\s{0,3}([-*_=])(\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    pending: list[str] = []
    pending_kind = BlockKind.PARAGRAPH
    pending_marker = ""

    def flush() -> None:
        nonlocal pending, pending_kind, pending_marker
        words = _clean_inline(" ".join(pending))
        if words:
            blocks.append(Block(pending_kind, words, pending_marker))
        pending, pending_kind, pending_marker = [], BlockKind.PARAGRAPH, ""

    for raw in text.split("\n"):
        line = _QUOTE.sub("", raw.rstrip())
        if not line.strip() or _RULE.match(line) or _FENCE.match(line) or _REFERENCE_DEF.match(line):
            flush()
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if heading:
            flush()
            pending, pending_kind = [heading.group(2)], BlockKind.HEADING
            flush()
        elif bullet:
            flush()
            pending, pending_kind, pending_marker = [bullet.group(1)], BlockKind.ITEM, "•"
        elif numbered:
            flush()
            pending, pending_kind = [numbered.group(2)], BlockKind.ITEM
            pending_marker = f"{int(numbered.group(1))}."
        else:
            # A continuation line of a paragraph or of a list item.
            pending.append(line.strip())
    flush()
    return blocks


def sanitise_markdown(text: object, source: str) -> Document:
    """Turn Markdown from outside into plain-text blocks safe to show.

    Args:
        text: the Markdown (anything else is refused).
        source: where it came from, for messages (a file name, ``bundle content.standard_md.ru``).

    Raises:
        ContentError: not text, larger than :data:`MAX_BYTES`, too many or too long
            blocks, or nothing readable left.
    """
    if not isinstance(text, str):
        raise ContentError(f"{source}: expected Markdown text, got {type(text).__name__}")
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_BYTES:
        raise ContentError(f"{source}: {size} bytes is larger than the {MAX_BYTES} allowed")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    # HTML may span lines (a script block), so it goes before the text is split into blocks.
    blocks = _blocks(_strip_markup(text))
    if not blocks:
        raise ContentError(f"{source}: no readable text")
    if len(blocks) > MAX_BLOCKS:
        raise ContentError(f"{source}: {len(blocks)} paragraphs is more than the {MAX_BLOCKS} allowed")
    for block in blocks:
        if len(block.text) > MAX_BLOCK_CHARS:
            raise ContentError(f"{source}: a paragraph of {len(block.text)} characters is longer than "
                               f"the {MAX_BLOCK_CHARS} allowed")
    return tuple(blocks)


def read_markdown(path: Path) -> Document:
    """Read and sanitise one Markdown file (UTF-8).

    Raises:
        ContentError: unreadable, not UTF-8, oversized or empty.
    """
    try:
        with path.open("rb") as handle:
            # Never read more than the limit allows: a huge file must not stall the kiosk.
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ContentError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise ContentError(f"{path}: larger than the {MAX_BYTES} bytes allowed")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return sanitise_markdown(text, str(path))


def standard_file(directory: Path, language: str) -> Path:
    return directory / f"standard_{language}.md"


def shipped_standard(language: str, shipped_dir: Path = SHIPPED_DIR) -> Document:
    """The standard as shipped with the kiosk; empty (with an error logged) if even that is unusable.

    An empty document lets the screen say the text is unavailable instead of
    stopping the kiosk over one damaged file.
    """
    try:
        return read_markdown(standard_file(shipped_dir, language))
    except ContentError as exc:
        log.error("shipped text of the service standard is unusable: %s", exc)
        return ()


def load_standard(override_dir: Path | None = None, shipped_dir: Path = SHIPPED_DIR) -> dict[str, Document]:
    """The service standard in every language: from ``override_dir`` when it has a usable
    file for that language, otherwise the shipped text (with a log line saying why)."""
    documents: dict[str, Document] = {}
    for language in LANGUAGES:
        if override_dir is not None:
            try:
                documents[language] = read_markdown(standard_file(override_dir, language))
                continue
            except ContentError as exc:
                log.warning("service standard (%s): %s; showing the shipped text instead", language, exc)
        documents[language] = shipped_standard(language, shipped_dir)
    return documents


def standard_from_bundle(standard_md: object, fallback: Mapping[str, Document]) -> dict[str, Document]:
    """The standard from a content bundle's ``content.standard_md`` (``{"ru": ..., "en": ...}``).

    Each language is sanitised on its own; a missing, broken or oversized text
    keeps the ``fallback`` document for that language, with a log line.
    """
    documents: dict[str, Document] = {}
    given = standard_md if isinstance(standard_md, Mapping) else {}
    if not isinstance(standard_md, Mapping):
        log.warning("bundle content.standard_md is %s, not a table of languages; keeping the current text",
                    type(standard_md).__name__)
    for language in LANGUAGES:
        try:
            documents[language] = sanitise_markdown(given.get(language),
                                                    f"bundle content.standard_md.{language}")
        except ContentError as exc:
            log.warning("%s; keeping the current text", exc)
            documents[language] = tuple(fallback.get(language, ()))
    return documents
