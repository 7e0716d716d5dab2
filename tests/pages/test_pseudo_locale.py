"""Every page in a pseudo-language shows no UI text from outside the catalogs.

The pseudo-language `qps` is German with every catalog string between ⟦ and ⟧ and a third
longer (tests/locales.py), loaded through SOZIALMONITOR_LOCALES as a city's own catalog would
be. Every page of app.py's navigation is rendered in it on the demo data, and every visible text
— titles, headings, Markdown, captions, alerts, metric labels, widget labels, help and options,
button and expander labels, table headers, the text of st.html, the titles, tick labels,
annotations, series names and bar labels of plotly charts — must carry a marker, or
consist only of the dataset's own strings (area and indicator names, units, sources …, read from
its files here), language names and numbers.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from tests.app_pages import app_pages
from tests.conftest import REPO_ROOT
from tests.locales import PSEUDO_CODE, PSEUDO_END, PSEUDO_START, load_locales, write_pseudo_catalog  # noqa: F401  (a fixture)
from tests.pages.markup_check import html_sources
from tests.rendered import rendered
from views.i18n import language_name, languages

APP = str(REPO_ROOT / "app.py")
DEMO = REPO_ROOT / "data" / "demo"
TEXT_FIELDS = ("label", "body", "help", "placeholder", "delta")  # of an element's proto, where present
# What is left of a text without data strings that is no language: figures, signs (ρ: Spearman's), Markdown, icons.
NEUTRAL = re.compile(r":material/[a-z_]+:|[\d\s.,:;·•–—\-−+±%‰()/\[\]{}#*_|>…'\"„“”‘’«»=≈≠≤≥ρ◆<~×°→←↑↓\\&]+")


def json_strings(value: object, key: str = "") -> Iterator[str]:
    if isinstance(value, str) and not key.endswith("_en"):
        yield value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from json_strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item, key)


def dataset_strings() -> list[str]:
    """Every string of the demo dataset in its German form (the pseudo-language's data_fallback),
    longest first, and the language names of the switch."""
    strings = set(json_strings(json.loads((DEMO / "dataset.json").read_text(encoding="utf-8"))))
    for name in ("areas", "indicators", "pois"):
        table = pq.read_table(DEMO / f"{name}.parquet")
        for column in table.column_names:
            if str(table.schema.field(column).type) == "string" and not column.endswith("_en"):
                strings.update(value for value in table.column(column).to_pylist() if value)
    strings.update(language_name(code) for code in languages())
    return sorted((s for s in strings if s.strip()), key=len, reverse=True)


def visible_texts(node: object) -> Iterator[tuple[str, str]]:
    """(element type, text) for every text an element or block of the AppTest tree shows."""
    proto = getattr(node, "proto", None)
    kind = getattr(node, "type", type(node).__name__)
    if isinstance(getattr(node, "label", None), str):  # expanders, tabs, popovers
        yield kind, node.label
    if proto is not None and hasattr(proto, "DESCRIPTOR") and kind not in ("html", "plotly_chart", "deck_gl_json_chart", "code", "json"):
        fields = proto.DESCRIPTOR.fields_by_name
        for name in TEXT_FIELDS:
            if name in fields and isinstance(getattr(proto, name), str):
                yield f"{kind}.{name}", getattr(proto, name)
        if "options" in fields and kind in ("radio", "selectbox", "multiselect", "select_slider"):
            yield from ((f"{kind}.option", str(option)) for option in proto.options)
    if kind == "dataframe":
        yield from ((f"{kind}.column", str(column)) for column in node.value.columns)
    for child in getattr(node, "children", {}).values():
        yield from visible_texts(child)


def html_texts(app: AppTest) -> Iterator[tuple[str, str]]:
    for body in html_sources(app):
        body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
        for text in re.split(r"<[^>]*>", body):
            yield "html", html.unescape(text)


def title(part: object) -> str | None:
    text = part.get("title") if isinstance(part, dict) else None
    return text.get("text") if isinstance(text, dict) else text


def chart_texts(app: AppTest) -> Iterator[tuple[str, str]]:
    """The words of every plotly chart: titles, axis titles and tick labels, annotations, series names and bar labels."""
    for chart in app.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        layout = spec.get("layout", {})
        parts = [("chart.title", title(layout))]
        for name, part in layout.items():
            if isinstance(part, dict) and name.startswith(("xaxis", "yaxis", "legend", "coloraxis")):
                parts += [(f"chart.{name}", title(part)), *((f"chart.{name}.tick", str(tick)) for tick in part.get("ticktext") or [])]
        parts += [("chart.annotation", str(note.get("text", ""))) for note in layout.get("annotations") or []]
        for trace in spec.get("data", []):
            parts.append(("chart.series", trace.get("name")))
            parts += [("chart.label", str(label)) for label in trace.get("text") or [] if isinstance(trace.get("text"), list)]
        yield from ((kind, re.sub(r"<[^>]*>", " ", html.unescape(text))) for kind, text in parts if text)


def outside_catalogs(text: str, data: list[str]) -> str:
    """What of `text` is neither marked, data, nor figures: '' if all is well."""
    shown = rendered(text)
    if PSEUDO_START in shown or PSEUDO_END in shown:
        return ""
    for string in data:
        shown = shown.replace(string, " ")
    return NEUTRAL.sub(" ", shown).strip()


@pytest.fixture
def pseudo_language(tmp_path: Path, load_locales) -> str:
    load_locales(write_pseudo_catalog(tmp_path).parent)
    return PSEUDO_CODE


@pytest.mark.parametrize("page", list(app_pages()))
def test_every_text_on_the_page_comes_from_a_catalog(monkeypatch: pytest.MonkeyPatch, pseudo_language: str, page: str) -> None:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(DEMO))
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["lang"] = pseudo_language
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    assert app.sidebar.radio[0].value == pseudo_language
    data = dataset_strings()
    texts = [*visible_texts(app._tree), *html_texts(app), *chart_texts(app)]
    assert len(texts) > 20
    stray = sorted({(kind, text[:160]) for kind, text in texts if outside_catalogs(text, data)})
    assert not stray, "\n".join(f"{kind}: {text!r}" for kind, text in stray)
