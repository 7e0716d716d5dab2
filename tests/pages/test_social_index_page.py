"""The page "Sozialindex" in AppTest: demo data in both languages, live weights, Berlin's official classes."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests import dataset_factory as factory
from tests.conftest import REPO_ROOT, SHARED_DATA, require_shared
from tests.rendered import rendered

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/social_index.py"
DEMO = REPO_ROOT / "data" / "demo"
STATUS_CLASS_NAMES = {"de": ("hoch", "mittel", "niedrig", "sehr niedrig"), "en": ("high", "medium", "low", "very low")}  # MSS 2021
BERLIN_SPEC = REPO_ROOT / "examples" / "berlin" / "import.toml"
TIMEOUT = 90
TITLE = {"de": "Sozialindex", "en": "Social index"}
STATUS_CLASS = {"de": "Statusklasse", "en": "Status class"}
AREA_ID = {"de": "Gebiets-Nr.", "en": "Area no."}


def open_app(monkeypatch: pytest.MonkeyPatch, dataset: Path, lang: str) -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(dataset))
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["lang"] = lang
    app.run()
    return app


def open_page(monkeypatch: pytest.MonkeyPatch, dataset: Path, lang: str) -> AppTest:
    app = open_app(monkeypatch, dataset, lang)
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, app.exception
    return app


def registered_pages(app: AppTest) -> set[str]:
    return {
        str(Path(info["script_path"]).relative_to(REPO_ROOT))
        for info in app._registered_pages.values()  # AppTest has no public list of the navigation
        if info.get("script_path")
    }


def index_table(app: AppTest) -> pd.DataFrame:
    return app.dataframe[0].value


def all_text(app: AppTest) -> str:
    parts = [e.value for e in (*app.markdown, *app.caption, *app.title, *app.header, *app.subheader, *app.info, *app.warning)]
    return rendered("\n".join(str(p) for p in parts))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_page_renders_on_the_demo(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_page(monkeypatch, DEMO, lang)
    assert app.title[0].value == TITLE[lang]
    assert not app.error
    text = all_text(app)
    assert {"de": "Teilgebiete · 2022", "en": "Sub-areas · 2022"}[lang] in text
    assert {"de": "So wird der Index berechnet", "en": "How the index is calculated"}[lang] in [e.label for e in app.expander]
    assert {"de": "hoch (Index unter −1,0)", "en": "high (index below −1.0)"}[lang] in text
    assert app.get("deck_gl_json_chart"), "the map"
    assert app.get("plotly_chart"), "the sensitivity chart"
    assert app.get("download_button")
    table = index_table(app)
    assert len(table) == 33
    assert sum(column.startswith("z ") for column in table.columns) == 6
    assert set(table[STATUS_CLASS[lang]]) <= set(STATUS_CLASS_NAMES[lang])
    assert len(app.slider) == 6 and all(s.value == 1.0 for s in app.slider)
    assert {"de": "33 von 33 Teilgebiete erhalten eine Statusklasse", "en": "33 of 33 sub-areas get a status class"}[lang] in text
    # the table behind the sensitivity chart
    assert len(app.dataframe) == 2 and len(app.dataframe[1].value) == 33


@pytest.mark.parametrize("lang", ["de", "en"])
def test_long_tables_show_their_first_rows(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """With the screen rows lowered to 5 (views.tables.SCREEN_ROWS, 1,000) the index table and the sensitivity table
    show the first 5 of the demo's 33 Teilgebiete, in the same order, and say so; the download keeps all."""
    import views.tables

    full = open_page(monkeypatch, DEMO, lang)
    monkeypatch.setattr(views.tables, "SCREEN_ROWS", 5)
    app = open_page(monkeypatch, DEMO, lang)
    for shown, whole in zip(app.dataframe, full.dataframe):
        assert shown.value.reset_index(drop=True).equals(whole.value.head(5).reset_index(drop=True))
    note = {"de": "Die Tabelle zeigt die ersten 5 von 33 Zeilen", "en": "The table shows the first 5 of 33 rows"}[lang]
    assert sum(note in c.value for c in app.caption) == 2


def test_weights_change_the_table_and_reset_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, DEMO, "de")
    before = index_table(app)
    slider = next(s for s in app.slider if s.key == "w_si_weight_kinderarmut")
    slider.set_value(0.0).run()
    assert not app.exception
    after = index_table(app)
    assert not after["Status-Index"].equals(before["Status-Index"])
    assert "Eigene Gewichtung" in all_text(app)
    reset = next(b for b in app.button if b.label == "Gewichte zurücksetzen")
    reset.click().run()
    assert not app.exception
    assert next(s for s in app.slider if s.key == "w_si_weight_kinderarmut").value == 1.0
    pd.testing.assert_frame_equal(index_table(app), before)
    assert "Eigene Gewichtung" not in all_text(app)


def test_all_status_weights_zero_gives_a_notice_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, DEMO, "en")
    for indicator in ("arbeitslosenanteil", "sgb2_quote", "kinderarmut"):
        next(s for s in app.slider if s.key == f"w_si_weight_{indicator}").set_value(0.0)
    app.run()
    assert not app.exception
    assert "At least one status indicator needs a weight above 0." in [w.value for w in app.warning]
    assert any(b.label == "Reset weights" for b in app.button)


def test_dynamics_map_and_language_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, DEMO, "de")
    app.radio(key="w_si_dimension").set_value("dynamics").run()
    assert not app.exception
    assert app.get("deck_gl_json_chart")


def test_page_is_offered_only_with_a_configuration(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert PAGE in registered_pages(open_app(monkeypatch, DEMO, "de"))
    plain = factory.write_dataset(tmp_path / "plain")
    assert PAGE not in registered_pages(open_app(monkeypatch, plain, "de"))


# --- Berlin MSS 2021, imported with the committed spec ----------------------------------------

@pytest.fixture(scope="module")
def berlin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not BERLIN_SPEC.is_file():
        pytest.skip(f"no Berlin import spec yet: {BERLIN_SPEC.relative_to(REPO_ROOT)} (the importer's example)")
    require_shared(SHARED_DATA / "berlin")
    from loaders.importer import run_import
    from loaders.spec import load_spec

    folder = tmp_path_factory.mktemp("berlin") / "dataset"
    report = run_import(load_spec(BERLIN_SPEC), folder)
    assert report.ok, report.text("en")
    return folder


@pytest.fixture(scope="module")
def official() -> pd.Series:
    path = require_shared(SHARED_DATA / "berlin" / "berlin_mss2021_status_index_official.csv")
    frame = pd.read_csv(path, dtype={"PLR_ID": str})
    frame["PLR_ID"] = frame["PLR_ID"].str.zfill(8)
    return frame.set_index("PLR_ID")["SI_N"].where(lambda s: s != -9999)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_berlin_page_classes_equal_the_official_ones(monkeypatch: pytest.MonkeyPatch, berlin: Path, official: pd.Series, lang: str) -> None:
    app = open_page(monkeypatch, berlin, lang)
    assert not app.error
    table = index_table(app)
    assert len(table) == 542
    shown = table.set_index(AREA_ID[lang])[STATUS_CLASS[lang]]
    code_of = {label: code for code, label in enumerate(STATUS_CLASS_NAMES[lang], start=1)}
    codes = shown.map(lambda label: code_of.get(label, pd.NA)).astype("Int64")
    expected = official.reindex(codes.index).astype("Int64")
    assert codes.notna().sum() == 536
    pd.testing.assert_series_equal(codes, expected, check_names=False)
    text = all_text(app)
    assert {"de": "Planungsräume · 2020", "en": "Planning areas · 2020"}[lang] in text
    reasons = table.set_index(AREA_ID[lang])[{"de": "Ohne Klasse, weil", "en": "No class because"}[lang]]
    assert reasons["10100205"] == {"de": "ausgeschlossen", "en": "excluded"}[lang] + " (Ausreißer laut MSS 2021)"
    assert {"de": "hoch 75, mittel 366, niedrig 46, sehr niedrig 49", "en": "high 75, medium 366, low 46, very low 49"}[lang] in text
    assert app.get("deck_gl_json_chart") and app.get("plotly_chart")
