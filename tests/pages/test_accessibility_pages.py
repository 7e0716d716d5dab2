"""Every page of app.py, in both languages, draws its plotly charts without plotly's toolbar.

The toolbar's eight English-labelled buttons were tab stops that a keyboard user had to pass on
every chart; downloads have their own buttons (ui.download).
"""
from __future__ import annotations

import json

import pytest

from tests.app_pages import app_pages
from tests.conftest import REPO_ROOT
from tests.locales import RTL_CODE, load_locales, write_rtl_catalog  # noqa: F401  (load_locales is a fixture)
from tests.pages.test_pages import run_app


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", list(app_pages()))
def test_every_chart_comes_without_plotly_toolbar(monkeypatch: pytest.MonkeyPatch, page: str, lang: str) -> None:
    app = run_app(monkeypatch, REPO_ROOT / "data" / "demo", page, lang=lang)
    assert not app.exception, app.exception
    configs = [json.loads(chart.proto.config) for chart in app.get("plotly_chart")]
    assert all(config.get("displayModeBar") is False for config in configs), configs


@pytest.mark.parametrize(("lang", "expected"), [("de", ("Höchstens 1 MB", "Höchstens 25 MB")), ("en", ("At most 1 MB", "At most 25 MB"))])
def test_the_uploaders_explain_themselves_in_the_readers_language(monkeypatch: pytest.MonkeyPatch, lang: str, expected: str) -> None:
    """The uploader's field is English (Streamlit); its help says what to do, and the size limit, in the chosen language."""
    app = run_app(monkeypatch, REPO_ROOT / "data" / "demo", "pages/data_check.py", lang=lang)
    assert not app.exception, app.exception
    helps = [uploader.proto.help for uploader in app.get("file_uploader")]
    assert len(helps) == 2 and all(size in text and "Upload" in text for size, text in zip(expected, helps)), helps


def test_the_frame_declares_language_and_direction(tmp_path, load_locales) -> None:
    """`<html lang>` and `<html dir>` from the catalog; the styles hold no "<" (Streamlit's
    sanitiser drops a style element whose text has one, and every rule with it)."""
    from ui.accessibility import STYLE, frame_html

    write_rtl_catalog(tmp_path)
    load_locales(tmp_path)
    assert 'lang = "de"; document.documentElement.dir = "ltr";' in frame_html("de")
    assert f'lang = "{RTL_CODE}"; document.documentElement.dir = "rtl";' in frame_html(RTL_CODE)
    assert "<" not in STYLE.strip().removeprefix("<style>").removesuffix("</style>")
    with pytest.raises(ValueError, match="unknown language"):
        frame_html('x"; alert(1); "')
