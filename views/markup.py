"""Data strings are text: escaping for every place where they meet Markdown or HTML.

Names of areas, indicator labels, descriptions, sources, licences and the dataset name come
from the dataset, i.e. from outside. Streamlit renders `st.markdown`, `st.caption`, titles,
headers, metric labels and widget labels as Markdown (with its own extensions: `:red[…]`,
`:material/…:`, emoji shortcodes, `$…$` LaTeX), and `st.html` and deck.gl tooltips as HTML.
Every data string passes through one of the functions here before it reaches such a place.
"""
from __future__ import annotations

import html
import re

__all__ = ["escape_markdown", "escape_html", "plain", "MAX_SHOWN_CHARACTERS"]

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all
# also defuses Streamlit's extensions (colour directives, icons, shortcodes, LaTeX).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^%@;/?,])")
# Control characters (NUL included) and Unicode direction overrides are dropped, so a name
# cannot hide text or reverse what follows it on the page.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MAX_SHOWN_CHARACTERS = 300
# GFM turns bare addresses into links after parsing (escapes do not stop it); an invisible word
# joiner breaks the three patterns it looks for: "scheme://", "www." and "name@host".
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")
_WORD_JOINER = "\u2060"


def plain(text: object, *, limit: int = MAX_SHOWN_CHARACTERS) -> str:
    """`text` as a single line of plain text: control and direction-override characters removed,
    line breaks as spaces, cut to `limit` characters with an ellipsis."""
    cleaned = _CONTROL.sub("", str(text)).replace("\r", " ").replace("\n", " ")
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def escape_markdown(text: object, *, limit: int = MAX_SHOWN_CHARACTERS) -> str:
    """`text` for a Markdown context: shown literally, never interpreted (punctuation as numeric
    character references, bare addresses not turned into links)."""
    unlinked = _AUTOLINK.sub(_WORD_JOINER, plain(text, limit=limit))
    return _MARKDOWN_SPECIAL.sub(lambda match: f"&#{ord(match.group(1))};", unlinked)


def escape_html(text: object, *, limit: int = MAX_SHOWN_CHARACTERS) -> str:
    """`text` for an HTML context (st.html, tooltips): shown literally, never interpreted."""
    return html.escape(plain(text, limit=limit), quote=True)
