"""Every page of app.py, in both languages, draws its plotly charts without plotly's toolbar.

The toolbar's eight English-labelled buttons were tab stops that a keyboard user had to pass on
every chart; downloads have their own buttons (ui.download).
"""
from __future__ import annotations

import json

import pytest

from tests.app_pages import app_pages
from tests.conftest import REPO_ROOT
from tests.pages.test_pages import run_app


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", list(app_pages()))
def test_every_chart_comes_without_plotly_toolbar(monkeypatch: pytest.MonkeyPatch, page: str, lang: str) -> None:
    app = run_app(monkeypatch, REPO_ROOT / "data" / "demo", page, lang=lang)
    assert not app.exception, app.exception
    configs = [json.loads(chart.proto.config) for chart in app.get("plotly_chart")]
    assert all(config.get("displayModeBar") is False for config in configs), configs
