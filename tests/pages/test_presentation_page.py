"""The presentation mode through app.py (AppTest): ?present=1 shows one screen, the buttons move on."""
from __future__ import annotations

import pytest

from tests.conftest import REPO_ROOT
from tests.pages.test_pages import run_app

DEMO = REPO_ROOT / "data" / "demo"


def html(app) -> str:
    return "\n".join(str(element.proto.body) for element in app.get("html"))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_present_in_the_url_shows_the_screens(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = run_app(monkeypatch, DEMO, present="1", lang=lang, indicator="kinderarmut", period="2022", level="stadtteil")
    assert not app.exception, app.exception
    assert not app.title  # no page, one screen
    assert app.markdown[0].value.endswith("2022 · " + {"de": "Stadtteil", "en": "District"}[lang])
    assert app.get("deck_gl_json_chart")
    imprint = html(app)
    assert {"de": "Folie 1 von 4", "en": "Slide 1 of 4"}[lang] in imprint
    assert "Demodaten – keine amtliche Statistik" in imprint
    assert "lang=" + lang + "&amp;indicator=kinderarmut&amp;period=2022&amp;level=stadtteil" in imprint
    assert not app.warning  # the banner gives way to the notice on the screen

    forward = {"de": "Weiter", "en": "Next"}[lang]
    next(b for b in app.button if b.label == forward).click().run()
    assert not app.exception
    assert app.query_params["slide"] == ["2"] or app.query_params["slide"] == "2"
    assert app.get("plotly_chart") and not app.get("deck_gl_json_chart")

    leave = {"de": "Beenden", "en": "Leave"}[lang]
    next(b for b in app.button if b.label == leave).click().run()
    assert not app.exception
    assert app.title[0].value == {"de": "Überblick", "en": "Overview"}[lang]
    assert "present" not in app.query_params
    assert app.sidebar.toggle[0].value is False


def test_a_bad_slide_number_falls_back_to_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, DEMO, present="1", slide="99", lang="de")
    assert not app.exception
    assert "Folie 4 von 4" in html(app) or "Folie 3 von 3" in html(app)  # clamped to the last screen
    app = run_app(monkeypatch, DEMO, present="1", slide="x", lang="de")
    assert "Folie 1 von" in html(app)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("level", ["bezirk", "teil"])
def test_hostile_texts_on_every_screen_are_text(monkeypatch: pytest.MonkeyPatch, tmp_path, level: str, lang: str) -> None:
    from tests import dataset_factory as factory
    from tests.pages.test_markup import assert_nothing_interpreted

    hostile = factory.write_hostile_dataset(tmp_path / "hostile")
    app = run_app(monkeypatch, hostile, present="1", lang=lang, level=level, indicator="poverty", period="2021")
    for _ in range(4):
        assert_nothing_interpreted(app)
        forward = [b for b in app.button if b.label == {"de": "Weiter", "en": "Next"}[lang] and not b.proto.disabled]
        if not forward:
            break
        forward[0].click().run()
