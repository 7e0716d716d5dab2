"""The page "Sozialindex" says which level and year it uses, keeps its weights in the URL (a copied
link reproduces the run) and shows the combined groups as a map and a 4 × 3 matrix."""
from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT
from tests.pages.markup_check import html_sources
from tests.rendered import rendered

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/social_index.py"
DEMO = REPO_ROOT / "data" / "demo"
TIMEOUT = 120
SCOPE = {
    "de": "Berechnet für die Ebene „Teilgebiet (synthetisch)“ im Jahr 2022",
    "en": "Computed at the level “Sub-area (synthetic)” for 2022",
}
LEVEL_NOTE = {
    "de": "Sie haben in der Seitenleiste „Stadtteil“ gewählt. Der Sozialindex ist für „Teilgebiet (synthetisch)“ festgelegt",
    "en": "You chose “District” in the sidebar. The social index is defined for “Sub-area (synthetic)”",
}


def open_page(monkeypatch: pytest.MonkeyPatch, **query: str) -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(DEMO))
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, app.exception
    return app


def shown(app: AppTest) -> str:
    return rendered("\n".join(str(e.value) for e in (*app.markdown, *app.caption, *app.info, *app.header)))


def slider(app: AppTest, indicator: str):
    return next(s for s in app.slider if s.key == f"w_si_weight_{indicator}")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_page_says_which_level_and_year_it_uses(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_page(monkeypatch, lang=lang, level="stadtteil")
    assert SCOPE[lang] in shown(app) and LEVEL_NOTE[lang] in shown(app)
    app.sidebar.radio(key="w_level").set_value("teilgebiet").run()
    assert SCOPE[lang] in shown(app) and LEVEL_NOTE[lang] not in shown(app)
    app.select_slider(key="w_period").set_value(2010).run()  # no dynamics before 2012: the page says what it shows
    assert {"de": "Für 2010 lässt sich der Index nicht bilden", "en": "The index cannot be formed for 2010"}[lang] in shown(app)


def test_a_copied_link_reproduces_the_weights(monkeypatch: pytest.MonkeyPatch) -> None:
    by_hand = open_page(monkeypatch, lang="de")
    slider(by_hand, "kinderarmut").set_value(0.0).run()
    slider(by_hand, "sgb2_quote").set_value(2.5).run()
    link = by_hand.query_params["weights"]
    assert link == "sgb2_quote:2.5,kinderarmut:0"
    copied = open_page(monkeypatch, lang="de", weights=link)
    assert slider(copied, "kinderarmut").value == 0.0 and slider(copied, "sgb2_quote").value == 2.5
    pd.testing.assert_frame_equal(copied.dataframe[0].value, by_hand.dataframe[0].value)
    assert "Ein kopierter Link rechnet mit denselben Gewichten" in shown(copied)
    reset = next(b for b in copied.button if b.label == "Gewichte zurücksetzen")
    reset.click().run()
    assert "weights" not in copied.query_params


def test_unusable_weights_in_a_link_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, lang="en", weights="sgb2_quote:2,mars:1,kinderarmut:77")
    assert slider(app, "sgb2_quote").value == 2.0 and slider(app, "kinderarmut").value == 1.0
    assert any("weights" in str(info.value) for info in app.info)
    assert app.query_params["weights"] == "sgb2_quote:2"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_combined_map_and_the_matrix(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_page(monkeypatch, lang=lang)
    assert {"de": "Status × Dynamik", "en": "Status × dynamics"}[lang] in [h.value for h in app.header]
    matrix = next(body for body in html_sources(app) if "<caption" in body)
    assert matrix.count("<td") == 20
    table = app.dataframe[0].value
    status = {"de": "Statusklasse", "en": "Status class"}[lang]
    total = sum(1 for value in table[status] if value != "–")
    assert f">{total}</td></tr></tbody>" in matrix  # the grand total is every classified area
    app.radio(key="w_si_dimension").set_value("combined").run()
    assert not app.exception
    assert app.get("deck_gl_json_chart")
    legend = "\n".join(html_sources(app))
    assert {"de": "Status und Dynamik", "en": "Status and dynamics"}[lang] in legend


def test_the_map_choice_is_in_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    by_hand = open_page(monkeypatch, lang="de")
    assert "map" not in by_hand.query_params  # status, the default, keeps the link short
    by_hand.radio(key="w_si_dimension").set_value("dynamics").run()
    assert by_hand.query_params["map"] == "dynamics"
    copied = open_page(monkeypatch, lang="de", map="dynamics")
    assert copied.radio(key="w_si_dimension").value == "dynamics"
    def deck(app: AppTest) -> str:
        return app.get("deck_gl_json_chart")[0].proto.json

    assert deck(copied) == deck(by_hand) != deck(open_page(monkeypatch, lang="de"))  # the same map, not the status map
    by_hand.radio(key="w_si_dimension").set_value("status").run()
    assert "map" not in by_hand.query_params


def test_an_unknown_map_choice_in_a_link_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, lang="en", map="<script>")
    assert app.radio(key="w_si_dimension").value == "status"
    assert any("map" in str(info.value) for info in app.info)
    assert "map" not in app.query_params
