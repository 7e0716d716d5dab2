"""Data strings shown as text: the escaping helper (checked in Chromium in tests/e2e)."""
from __future__ import annotations

from views.markup import MAX_SHOWN_CHARACTERS, escape_html, escape_markdown, plain


def test_markdown_punctuation_becomes_character_references() -> None:
    assert escape_markdown("**x** ![a](b)") == "&#42;&#42;x&#42;&#42; &#33;&#91;a&#93;&#40;b&#41;"
    assert escape_markdown("Ä ö ß 12") == "Ä ö ß 12"


def test_bare_addresses_are_not_linked() -> None:
    joiner = "\u2060"
    assert escape_markdown("http://a") == f"http&#58;{joiner}&#47;&#47;a"
    assert escape_markdown("www.a") == f"www{joiner}&#46;a"
    assert escape_markdown("x@y") == f"x&#64;{joiner}y"


def test_controls_and_direction_overrides_are_dropped_and_length_is_bounded() -> None:
    assert plain("a\x00b\u202ec\nd") == "abc d"
    long = plain("x" * 10_000)
    assert len(long) == MAX_SHOWN_CHARACTERS and long.endswith("…")


def test_html_is_escaped() -> None:
    assert escape_html('<img src="x">') == "&lt;img src=&quot;x&quot;&gt;"


def test_markdown_text_escapes_the_values_and_keeps_its_own_markdown() -> None:
    from views.markup import Markdown, markdown_list, markdown_text

    text = markdown_text("si.method.indicators", "de", status="**x**")
    assert text == "**Status** aus: &#42;&#42;x&#42;&#42;." and isinstance(text, Markdown)
    # a Markdown value is not escaped twice
    assert markdown_text("si.method.indicators", "de", status=markdown_list(["a*", "b"])) == "**Status** aus: a&#42;, b."
    assert escape_markdown(escape_markdown("*")) == "&#42;"


def test_plotly_text_keeps_tags_literal() -> None:
    from views.markup import plotly_text

    assert plotly_text('<a href="http://x">A & B</a>') == '&lt;a href="http://x"&gt;A &amp; B&lt;/a&gt;'
