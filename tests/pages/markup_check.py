"""Walk an AppTest's element tree and collect what the browser will interpret as markup.

Streamlit renders labels, bodies, deltas, help texts, alert titles and radio/select-slider
options as Markdown, st.html as HTML, and plotly interprets tags in every text of a figure. The
collectors return those sources, so a test can assert that no data string reached them raw.
"""
from __future__ import annotations

from collections.abc import Iterator

from streamlit.testing.v1 import AppTest

MARKDOWN_FIELDS = ("label", "body", "delta", "delta_description", "help", "title", "captions")
MARKDOWN_OPTIONS = ("Radio", "Slider")  # options rendered as Markdown (selectbox options are plain text)
NOT_MARKDOWN = ("Html", "PlotlyChart", "DeckGlJsonChart", "Dataframe", "Code")


def _nodes(node) -> Iterator[object]:
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from _nodes(child)


def _protos(app: AppTest) -> Iterator[object]:
    for node in _nodes(app._tree):  # AppTest has no public walk over every element
        proto = getattr(node, "proto", None)
        if proto is not None:
            yield proto


def _strings(proto, field: str) -> list[str]:
    if field not in proto.DESCRIPTOR.fields_by_name:
        return []
    value = getattr(proto, field)
    return [str(v) for v in value] if not isinstance(value, (str, bytes)) and hasattr(value, "__iter__") else [str(value)]


def markdown_sources(app: AppTest) -> list[str]:
    """Every text the frontend renders as Markdown."""
    found = []
    for proto in _protos(app):
        name = proto.DESCRIPTOR.name
        if name in NOT_MARKDOWN:
            continue
        for field in MARKDOWN_FIELDS:
            found += _strings(proto, field)
        if name in MARKDOWN_OPTIONS:
            found += _strings(proto, "options")
    return [text for text in found if text]


def html_sources(app: AppTest) -> list[str]:
    """The bodies of st.html, less the frame's fixed language script and styles (ui.accessibility)."""
    from ui.accessibility import frame_html
    from views.i18n import languages

    frame = {frame_html(lang) for lang in languages()}
    return [proto.body for proto in _protos(app) if proto.DESCRIPTOR.name == "Html" and proto.body not in frame]


def plotly_specs(app: AppTest) -> list[str]:
    """The figures' JSON (plotly interprets tags in its texts)."""
    return [proto.spec for proto in _protos(app) if proto.DESCRIPTOR.name == "PlotlyChart"]


def alt_texts(app: AppTest) -> list[str]:
    """Alt texts of charts and maps (plain text)."""
    return [proto.alt for proto in _protos(app) if proto.DESCRIPTOR.name in ("PlotlyChart", "DeckGlJsonChart")]
