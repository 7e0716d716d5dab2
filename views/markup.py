"""Data strings are text: escaping for every place where they meet Markdown or HTML.

Names of areas, indicator labels, descriptions, sources, licences and the dataset name come
from the dataset, i.e. from outside. Streamlit renders `st.markdown`, `st.caption`, titles,
headers, alerts, expander, button and widget labels, radio options, and the label, value and
delta of `st.metric` as Markdown (with its own extensions: `:red[…]`, `:material/…:`, emoji
shortcodes, `$…$` LaTeX); `st.html` as HTML; plotly renders a subset of HTML in every text it
draws (labels, ticks, legend, hover). Selectbox and multiselect options, dataframe cells and
deck.gl tooltips (the frontend escapes them) show plain text. Every data string passes through
one of the functions here before it reaches such a place:

- `escape_markdown` / `markdown_text` for Markdown (the result is a `Markdown` string, which is
  never escaped twice);
- `escape_html` for st.html; `plotly_text` for plotly;
- `plain` for plain-text places (alt text, options, tooltips, map labels): one line, no
  control characters, bounded length.
"""
from __future__ import annotations

import html
import re

from views.i18n import t

__all__ = [
    "LONG_TEXT_CHARACTERS",
    "MAX_SHOWN_CHARACTERS",
    "Markdown",
    "escape_html",
    "escape_markdown",
    "escape_markdown_file",
    "markdown_list",
    "markdown_text",
    "plain",
    "plotly_text",
]

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all
# also defuses Streamlit's extensions (colour directives, icons, shortcodes, LaTeX).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^%@;/?,])")
# Control characters (NUL included) and Unicode direction overrides are dropped, so a name
# cannot hide text or reverse what follows it on the page.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MAX_SHOWN_CHARACTERS = 300  # a name, label, unit, source …
LONG_TEXT_CHARACTERS = 2000  # a description, an attribution, a problem of the contract check, an alt text
# GFM turns bare addresses into links after parsing (escapes do not stop it); an invisible word
# joiner breaks the three patterns it looks for: "scheme://", "www." and "name@host".
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")
_WORD_JOINER = "\u2060"


class Markdown(str):
    """Text that is already safe in a Markdown context: escaped data, or our own strings with
    escaped data filled in. `escape_markdown` returns it unchanged, so nothing is escaped twice.
    (Concatenating gives a plain `str` again: wrap the result only when every part is safe.)"""

    __slots__ = ()


def plain(text: object, *, limit: int = MAX_SHOWN_CHARACTERS) -> str:
    """`text` as a single line of plain text: control and direction-override characters removed,
    line breaks as spaces, cut to `limit` characters with an ellipsis."""
    cleaned = _CONTROL.sub("", str(text)).replace("\r", " ").replace("\n", " ")
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def escape_markdown(text: object, *, limit: int = MAX_SHOWN_CHARACTERS) -> Markdown:
    """`text` for a Markdown context: shown literally, never interpreted (punctuation as numeric
    character references, bare addresses not turned into links). A `Markdown` string is
    returned unchanged."""
    if isinstance(text, Markdown):
        return text
    unlinked = _AUTOLINK.sub(_WORD_JOINER, plain(text, limit=limit))
    return Markdown(_MARKDOWN_SPECIAL.sub(lambda match: f"&#{ord(match.group(1))};", unlinked))


def markdown_text(key: str, lang: str, /, **values: object) -> Markdown:
    """The UI string `key` (views.i18n) for a Markdown context: its own Markdown is kept, every
    value filled in is escaped (a `Markdown` value is taken as it is)."""
    return Markdown(t(key, lang, **{name: escape_markdown(value) for name, value in values.items()}))


# In a Markdown file that people also read as plain text, only what can start markup is escaped
# (with a backslash, so "Kinderarmut (SGB II)" stays readable): no HTML, links, images,
# emphasis, code, tables or entities.
_MARKDOWN_FILE_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~&])")


def escape_markdown_file(text: object, *, limit: int = LONG_TEXT_CHARACTERS) -> str:
    """`text` for a Markdown file such as a download's README.md: shown literally by a Markdown
    viewer, still readable as plain text (markup characters backslash-escaped, one line)."""
    return _MARKDOWN_FILE_SPECIAL.sub(r"\\\1", _AUTOLINK.sub(_WORD_JOINER, plain(text, limit=limit)))


def markdown_list(items: object, *, separator: str = ", ") -> Markdown:
    """Data strings joined for a Markdown context, each escaped (and bounded) on its own."""
    return Markdown(separator.join(escape_markdown(item) for item in items))


def escape_html(text: object, *, limit: int = MAX_SHOWN_CHARACTERS) -> str:
    """`text` for an HTML context (st.html): shown literally, never interpreted."""
    return html.escape(plain(text, limit=limit), quote=True)


def plotly_text(text: object, *, limit: int = MAX_SHOWN_CHARACTERS) -> str:
    """`text` for plotly (labels, tick and legend text, hover text): its tags (`<a href>`,
    `<span style>`, `<b>` …) shown literally. plotly decodes `&amp;`, `&lt;`, `&gt;` (not
    `&quot;`), so only these three are replaced."""
    return html.escape(plain(text, limit=limit), quote=False)


def plotly_wrapped(text: object, *, width: int, limit: int = MAX_SHOWN_CHARACTERS) -> str:
    """`text` for a plotly label (tags shown literally), broken at spaces into lines of about
    `width` characters; a number and its per cent sign stay on one line."""
    lines: list[str] = []
    for word in plain(text, limit=limit).replace(" %", "\u00a0%").split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(plotly_text(line) for line in lines)
