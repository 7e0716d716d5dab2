"""The pages "Ziele & Fortschritt" and "Gebietstypen" with AppTest: demo data at every level, both languages, Berlin."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT
from tests.pages.test_pages import all_text, run_app

DEMO = REPO_ROOT / "data" / "demo"
DEMO_TARGETS = [
    "kinderarmut_2030",
    "arbeitslosigkeit_2030",
    "kita_u3_2030",
    "gigabit_2030",
    "ohne_abschluss_stadtteile_2030",
    "sgb2_moisling_buntekuh_2030",
]


def main_selectbox(app: AppTest, label: str):
    return next(box for box in app.main.selectbox if box.label == label)


@pytest.mark.parametrize("level", ["stadtteil", "teilgebiet"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_targets_page_shows_every_demo_target(monkeypatch: pytest.MonkeyPatch, lang: str, level: str) -> None:
    app = run_app(monkeypatch, DEMO, "pages/targets.py", lang=lang, level=level)
    assert not app.exception, app.exception
    assert app.title[0].value == {"de": "Ziele und Fortschritt", "en": "Targets and progress"}[lang]
    overview = app.dataframe[0].value
    assert len(overview) == len(DEMO_TARGETS)
    status = {"de": "Stand", "en": "Status"}[lang]
    # hand-checked in tests/views and by the numbers in docs/targets.md: child poverty rose from 27.2 % (2015) to 27.8 % (2022)
    assert overview[status].iloc[0] == {"de": "entfernt sich vom Ziel", "en": "moving away from the target"}[lang]
    box = main_selectbox(app, {"de": "Ziel", "en": "Target"}[lang])
    assert box.options == [str(o) for o in box.options] and len(box.options) == len(DEMO_TARGETS)
    for index, target_id in enumerate(DEMO_TARGETS):
        box = main_selectbox(app, {"de": "Ziel", "en": "Target"}[lang])
        box.set_value(target_id).run()
        assert not app.exception, (target_id, app.exception)
        assert app.query_params["target"] == target_id
        assert len(app.get("plotly_chart")) == 2
        assert len(app.get("download_button")) == 3  # all targets, the trend's data, the areas
        areas = app.dataframe[-1].value
        expected_level = {"ohne_abschluss_stadtteile_2030": 10, "sgb2_moisling_buntekuh_2030": 2}.get(target_id)
        assert len(areas) == (expected_level or {"stadtteil": 10, "teilgebiet": 33}[level]), target_id
        assert "Demodaten – keine amtliche Statistik" in all_text(app)


def test_a_link_to_a_target_opens_it_and_an_unknown_one_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, DEMO, "pages/targets.py", lang="de", target="sgb2_moisling_buntekuh_2030")
    assert not app.exception
    assert main_selectbox(app, "Ziel").value == "sgb2_moisling_buntekuh_2030"
    assert list(app.dataframe[-1].value["Gebiet"]) == ["Moisling", "Buntekuh"]
    app = run_app(monkeypatch, DEMO, "pages/targets.py", lang="en", target="no_such_target")
    assert main_selectbox(app, "Target").value == "kinderarmut_2030"
    assert any("does not exist" in info.value for info in app.info)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_targets_on_berlin_are_not_assessable_and_say_why(monkeypatch: pytest.MonkeyPatch, berlin: Path, lang: str) -> None:
    app = run_app(monkeypatch, berlin, "pages/targets.py", lang=lang)
    assert not app.exception, app.exception
    overview = app.dataframe[0].value
    assert len(overview) == 2
    status = overview[{"de": "Stand", "en": "Status"}[lang]]
    assert all(s.startswith({"de": "nicht bewertbar", "en": "not assessable"}[lang]) for s in status)
    assert "Demodaten" not in all_text(app)
    box = main_selectbox(app, {"de": "Ziel", "en": "Target"}[lang])
    box.set_value("gigabit_planungsraeume_2030").run()
    assert not app.exception
    text = all_text(app)
    one_year = {"de": "nur ein Jahr mit Wert", "en": "only one year with a value"}[lang]
    assert one_year in text
    # the 100 planning areas furthest from 98 % first; the caption says that the download holds all 542
    assert len(app.dataframe[-1].value) == 100
    assert {"de": "die 100 der 542 Gebiete", "en": "the 100 of the 542 areas"}[lang] in text


def test_a_dataset_without_targets_says_how_to_declare_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tests import dataset_factory as factory

    folder = factory.write_dataset(tmp_path / "ds")
    app = run_app(monkeypatch, folder, "pages/targets.py", lang="en")
    assert not app.exception
    assert "declares no targets" in app.info[0].value


TYPE_TITLE = {"de": "Gebietstypen", "en": "Area types"}
DEMO_TYPE_INDICATORS = ["anteil_unter_18", "anteil_65_plus", "sgb2_quote", "ohne_abschluss", "gigabit_haushalte"]


@pytest.mark.parametrize("level", ["stadtteil", "teilgebiet"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_area_types_page_on_the_demo(monkeypatch: pytest.MonkeyPatch, lang: str, level: str) -> None:
    app = run_app(monkeypatch, DEMO, "pages/area_types.py", lang=lang, level=level)
    assert not app.exception, app.exception
    assert app.title[0].value == TYPE_TITLE[lang]
    assert app.multiselect[0].value == DEMO_TYPE_INDICATORS  # dataset.json "area_types"
    assert app.query_params["types"] == ",".join(DEMO_TYPE_INDICATORS)
    assert app.get("deck_gl_json_chart") and len(app.get("plotly_chart")) == 2
    areas = {"stadtteil": 10, "teilgebiet": 33}[level]
    area_table = app.dataframe[3].value
    left_out = app.dataframe[4].value if len(app.dataframe) > 4 else area_table.iloc[0:0]
    assert len(area_table) + len(left_out) == areas  # typed, or named with the reason
    typ = {"de": "Typ", "en": "Type"}[lang]
    k = area_table[typ].nunique()
    assert 2 <= k <= 7 and "k" not in app.query_params  # the suggested number
    assert len(app.dataframe[2].value) == k  # stability: one row per type
    profiles = next(m.value for m in app.markdown if m.value.startswith("- **"))
    assert len(profiles.splitlines()) == k
    # choose three types: the URL keeps it, the tables follow
    app.button_group[0].set_value(3).run()
    assert not app.exception, app.exception
    assert app.query_params["k"] == "3"
    assert app.dataframe[3].value[typ].nunique() == 3
    # fewer indicators
    app.multiselect[0].set_value(["sgb2_quote", "gigabit_haushalte"]).run()
    assert not app.exception
    assert app.query_params["types"] == "sgb2_quote,gigabit_haushalte"
    assert app.dataframe[3].value.shape[1] == 3 + 2 + 2  # id, name, type, two values, two z
    assert len(app.get("download_button")) == 3  # the areas, the profiles, the silhouettes


@pytest.mark.parametrize("indicator", ["einwohner", "durchschnittsalter", "wanderungssaldo", "altenquotient", "pflegebeduerftige"])
def test_area_types_with_every_kind_of_indicator(monkeypatch: pytest.MonkeyPatch, indicator: str) -> None:
    """Counts, means, signed balances and rates next to a share: each typology renders."""
    app = run_app(monkeypatch, DEMO, "pages/area_types.py", lang="de", level="teilgebiet", types=f"{indicator},sgb2_quote")
    assert not app.exception, app.exception
    assert app.multiselect[0].value == [indicator, "sgb2_quote"]
    left_out = len(app.dataframe[4].value) if len(app.dataframe) > 4 else 0
    assert len(app.dataframe[3].value) + left_out == 33


def test_too_few_indicators_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, DEMO, "pages/area_types.py", lang="en", types="sgb2_quote")
    assert not app.exception
    assert "Please choose at least 2 indicators" in app.info[0].value
    assert not app.get("deck_gl_json_chart")


def test_a_link_with_k_opens_that_many_types(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, DEMO, "pages/area_types.py", lang="de", level="teilgebiet", types="kinderarmut,gigabit_haushalte", k="4")
    assert not app.exception
    assert app.dataframe[3].value["Typ"].nunique() == 4
    assert app.button_group[0].value == 4


@pytest.mark.parametrize("lang", ["de", "en"])
def test_area_types_on_berlin(monkeypatch: pytest.MonkeyPatch, berlin: Path, lang: str) -> None:
    app = run_app(monkeypatch, berlin, "pages/area_types.py", lang=lang, level="planungsraum", types="s1,s3,s4,gigabit")
    assert not app.exception, app.exception
    typed = app.dataframe[3].value
    left_out = app.dataframe[4].value
    assert len(typed) + len(left_out) == 542  # every planning area is either typed or named with its reason
    assert len(left_out) > 0 and left_out.iloc[:, 2].str.len().gt(0).all()
    assert app.get("deck_gl_json_chart")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_hostile_target_labels_and_names_are_shown_as_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str) -> None:
    import json

    from tests import dataset_factory as factory
    from tests.pages.test_markup import assert_nothing_interpreted

    folder = factory.write_hostile_dataset(tmp_path / "hostile")
    metadata = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    metadata["targets"] = [
        {"id": "city", "indicator": "poverty", "direction": "decrease", "value": 10, "year": 2030, "label_de": factory.HOSTILE_HTML,
         "label_en": factory.HOSTILE_LINK, "note_de": factory.HOSTILE_IMAGE, "note_en": factory.HOSTILE_STREAMLIT, "is_example": True},
        {"id": "areas", "indicator": "poverty", "direction": "decrease", "value": 10, "year": 2030, "level": "teil",
         "label_de": factory.HOSTILE_LONG, "label_en": factory.HOSTILE_RTL},
    ]
    (folder / "dataset.json").write_text(json.dumps(metadata, ensure_ascii=False), encoding="utf-8")
    for level in ("bezirk", "teil"):
        app = run_app(monkeypatch, folder, "pages/targets.py", lang=lang, level=level)
        assert_nothing_interpreted(app)
        main_selectbox(app, {"de": "Ziel", "en": "Target"}[lang]).set_value("areas").run()
        assert_nothing_interpreted(app)
        app = run_app(monkeypatch, folder, "pages/area_types.py", lang=lang, level=level, types="poverty,index_score,residents")
        assert_nothing_interpreted(app)
