"""Text from outside (a file, the server's bundle) reaches the screen as plain
words: no HTML, no script, no link address, no image."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content import MAX_BYTES, Block, BlockKind, ContentError, sanitise_markdown


def words(text: str) -> str:
    """Everything a visitor would read, in one string."""
    return " | ".join(block.text for block in sanitise_markdown(text, "test"))


def test_structure_headings_paragraphs_and_items() -> None:
    document = sanitise_markdown(
        "Intro line one\ncontinues here.\n\n## Rules\n\n- First rule\n- Second **rule**\n\n"
        "1. One\n2) Two\n\n> Quoted *words*\n\n---\n", "test")
    assert document == (
        Block(BlockKind.PARAGRAPH, "Intro line one continues here."),
        Block(BlockKind.HEADING, "Rules"),
        Block(BlockKind.ITEM, "First rule", "•"),
        Block(BlockKind.ITEM, "Second rule", "•"),
        Block(BlockKind.ITEM, "One", "1."),
        Block(BlockKind.ITEM, "Two", "2."),
        Block(BlockKind.PARAGRAPH, "Quoted words"),
    )


def test_script_tags_go_with_their_content() -> None:
    text = words("Before <script>alert('x'); document.title = 'owned'</script> after.\n\n"
                 "<SCRIPT type=text/javascript>\nvar a = 1;\n</SCRIPT>\nNext\n\n"
                 "<style>body { display: none }</style>Styled")
    assert text == "Before after. | Next | Styled"


def test_unclosed_script_removes_the_rest_rather_than_show_code() -> None:
    assert words("Safe words\n\n<script>steal()\nmore()") == "Safe words"


def test_html_tags_and_attributes_are_removed_but_words_stay() -> None:
    text = words('<b>Bold</b> and <a href="https://evil.example" onclick="x()">click me</a>'
                 '<img src=x onerror="alert(1)"> <iframe src="https://evil.example"></iframe>end')
    assert text == "Bold and click me end"
    assert "evil" not in text and "onerror" not in text


def test_escaped_html_does_not_come_back_as_markup() -> None:
    text = words("Fish &amp; chips &lt;script&gt;alert(1)&lt;/script&gt; &laquo;ok&raquo;")
    assert text == "Fish & chips «ok»"


def test_links_keep_their_words_and_lose_their_address() -> None:
    text = words("See [the rules](https://evil.example/phish \"title\") and [more][ref].\n\n"
                 "[ref]: https://evil.example/ref\n\n<https://evil.example/auto>")
    assert text == "See the rules and more."
    assert "evil" not in text


def test_images_disappear_entirely() -> None:
    text = words("Look ![a cat](https://evil.example/cat.png) here ![alt][img]\n\n"
                 "![only an image](x.png)\n\nEnd")
    assert text == "Look here | End"


def test_direction_overrides_and_control_characters_are_dropped() -> None:
    text = words("Pay\u202e000 1\u202c here\x07\x1b[31m now\u200b!")
    assert text == "Pay000 1 here[31m now!"


def test_oversized_text_is_refused() -> None:
    big = "Слово " * (MAX_BYTES // 6 + 10)
    with pytest.raises(ContentError, match="larger than"):
        sanitise_markdown(big, "bundle content.standard_md.ru")


@pytest.mark.parametrize("bad", [None, 42, ["# list"], "", "   \n\n", "<script>only()</script>", "![x](y.png)"])
def test_nothing_readable_is_refused(bad: object) -> None:
    with pytest.raises(ContentError):
        sanitise_markdown(bad, "test")


def test_a_paragraph_of_runaway_length_is_refused() -> None:
    with pytest.raises(ContentError, match="longer than"):
        sanitise_markdown("word" * 1000, "test")


@given(st.text(alphabet=st.sampled_from(list("<>/[]()!*_`#-&;:\"'= \nabcscriptimgхрф1")), max_size=400))
def test_no_input_leaves_markup_behind(text: str) -> None:
    try:
        document = sanitise_markdown(text, "fuzz")
    except ContentError:
        return
    for block in document:
        assert block.text and block.text == block.text.strip()
        assert "<" not in block.text and ">" not in block.text
        assert "\n" not in block.text and block.text.isprintable()


WORD = st.text(alphabet=st.sampled_from(list("abcxyzйцук")), min_size=1, max_size=8)


@given(WORD, WORD, st.sampled_from(["[{t}]({u}) after", "![{t}]({u}) after", "<a href=\"{u}\">{t}</a> after",
                                    "[{t}][r] after\n\n[r]: {u}", "<img src=\"{u}\" alt=\"{t}\"> after"]))
def test_no_link_or_image_address_survives(text: str, path: str, form: str) -> None:
    address = f"https://evil.example/{path}"
    markdown = "Before " + form.format(t=text, u=address)
    shown = " ".join(block.text for block in sanitise_markdown(markdown, "fuzz"))
    assert "evil" not in shown and "https" not in shown
    assert shown.startswith("Before") and shown.endswith("after")
