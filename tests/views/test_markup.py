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
