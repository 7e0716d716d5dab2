"""The overview and profile builders on the hand-made dataset: values, texts, map and chart contents."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from loaders.store import Store
from tests import dataset_factory as factory
from tests.rendered import rendered
from views.classify import DIVERGING_PALETTES, NO_DATA_COLOR, hex_to_rgba
from views.maps import area_objects, deck_json, view_for_bounds
from views.overview import build_overview, delta_style
from views.profile import assessment, profile_table


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store(factory.write_dataset(tmp_path_factory.mktemp("ds") / "tiny"))


def overview(store: Store, level: str, lang: str, indicator: str = "poverty"):
    return build_overview(
        values=store.values(indicator, 2021, level),
        geometries=store.geometries(level),
        entry=store.indicator(indicator),
        period=2021,
        city="Teststadt",
        city_series=store.city_series(indicator),
        residents_series=store.city_series("residents"),
        level_plural="Teilgebiete" if lang == "de" else "sub-areas",
        lang=lang,
    )


def test_headlines_and_summary_in_german(store: Store) -> None:
    built = overview(store, "teil", "de")
    assert [(h.label, h.value, h.delta, h.delta_description) for h in built.headlines] == [
        ("Bevölkerung 2021", "452", "0", "seit 2020"),
        ("Teststadt gesamt", "23,5\u00a0%", "0,0\u00a0Prozentpunkte", "seit 2020"),
        ("Höchster Wert", "30,0\u00a0%", "Altstadt Süd", None),
        ("Niedrigster Wert", "10,0\u00a0%", "Altstadt Nord", None),
    ]
    assert (built.headlines[1].delta_color, built.headlines[1].delta_arrow) == ("gray", "off")  # no change from 2020
    assert rendered(built.summary) == (
        "Armutsquote liegt 2021 in Teststadt bei 23,5\u00a0%. Die Spanne der Teilgebiete reicht von "
        "10,0\u00a0% (Altstadt Nord) bis 30,0\u00a0% (Altstadt Süd)."
    )


def test_a_unit_other_than_percent_is_said_once_above_the_cards(store: Store) -> None:
    assert overview(store, "teil", "de").headline_unit == ""  # "23,5 %" carries its unit
    built = overview(store, "teil", "en", indicator="index_score")
    assert built.headline_unit == "Unit of the indicator values: Punkte"
    assert [h.label for h in built.headlines][1:] == ["Highest value", "Lowest value"]  # short labels, never cut off
    assert [h.value for h in built.headlines][1:] == ["5.0", "2.0"]  # 2021: scores 1 … 4 plus one


def test_table_ranks_and_withholds(store: Store) -> None:
    table = overview(store, "teil", "de").table
    # B2 is withheld (1 of 2), and B1 with it, since Bergdorf's total is shown
    assert table["Gebiet"].tolist() == ["Altstadt Süd", "Altstadt Nord", "Bergdorf Ost", "Bergdorf West"]
    assert table["Rang"].tolist() == ["1", "2", "–", "–"]
    assert table["Wert"].tolist() == ["30,0\u00a0%", "10,0\u00a0%", "–", "–"]
    assert table["Abweichung von Teststadt"].iloc[0] == "+6,5\u00a0Prozentpunkte"
    assert table["Hinweis"].tolist()[2:] == ["geheim gehalten (kleine Fallzahl)"] * 2
    # Wilson interval of 90/300 at 95 %, by hand: centre (0.3 + z²/600) / (1 + z²/300),
    # half-width z / (1 + z²/300) · sqrt(0.3 · 0.7 / 300 + z² / 360000), z = 1.959964 → 25,1 % … 35,4 %
    assert table["95-%-Vertrauensbereich"].iloc[0] == "25,1\u00a0% – 35,4\u00a0%"
    # 10/100 rests on a base under 30? no: 100 ≥ 30, but its interval (5,5 % … 17,4 %) is wider than 10 points
    assert table["Hinweis"].iloc[1] == "unsicher (kleine Basis)"


def test_a_long_table_shows_its_first_rows_and_says_so(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import views.overview

    monkeypatch.setattr(views.overview, "SCREEN_ROWS", 3)
    built = overview(store, "teil", "de")
    # the first three rows of the table above, with its columns (the interval of the first row)
    assert built.table["Gebiet"].tolist() == ["Altstadt Süd", "Altstadt Nord", "Bergdorf Ost"]
    assert built.table["95-%-Vertrauensbereich"].tolist() == ["25,1\u00a0% – 35,4\u00a0%", "5,5\u00a0% – 17,4\u00a0%", "–"]
    assert built.table_notes[-1] == "Die Tabelle zeigt die ersten 3 von 4 Zeilen in dieser Reihenfolge; der Download enthält alle."
    assert len(built.export.frame) == 4  # the download: every area
    monkeypatch.setattr(views.overview, "SCREEN_ROWS", 4)
    assert "Die Tabelle zeigt" not in " ".join(overview(store, "teil", "de").table_notes)


def test_export_never_carries_a_withheld_value(store: Store) -> None:
    built = overview(store, "teil", "en")
    export = built.export.frame
    withheld = export[export["Area no."] == "B2"].iloc[0]
    assert pd.isna(withheld["Value"]) and pd.isna(withheld["Numerator"]) and pd.isna(withheld["Denominator"])
    assert withheld["Note"] == "withheld (small count)"
    assert export.loc[export["Area no."] == "A2", "Numerator"].iloc[0] == 90.0
    # rank, class and interval as the screen shows them, as numbers
    a2 = export[export["Area no."] == "A2"].iloc[0]
    # a rate with a polarity: the classes split at the city value 23.5 %
    assert (a2["Rank"], a2["Class"], a2["Class bounds"]) == (1, 2.0, "above 23.5% to 30.0%")
    assert a2["95% confidence interval from"] == pytest.approx(25.0939, abs=1e-4)
    assert built.map_export.frame.columns.tolist() == ["Area no.", "Area", "Year", "Indicator", "Value", "Unit", "Class", "Class bounds", "Note"]
    assert built.ranking_export.frame.columns.tolist() == [
        "Rank", "Area no.", "Area", "Year", "Indicator", "Value", "Unit", "Difference from Teststadt", "Note"
    ]
    assert built.export.notes[0] == "Teststadt total: 23.5%"


def test_ranking_figure_has_the_city_line_and_language_separators(store: Store) -> None:
    figure = overview(store, "bezirk", "de").ranking
    assert figure.layout.separators == ",."
    line = figure.layout.shapes[0]
    assert line.x0 == pytest.approx(10600 / 452)
    assert figure.layout.annotations[0].text == "Teststadt gesamt: 23,5\u00a0%"
    bars = {trace.name: list(trace.y) for trace in figure.data if trace.type == "bar"}
    assert bars == {"über dem Wert der Stadt": ["Altstadt"], "unter dem Wert der Stadt": ["Bergdorf"]}
    above = next(trace for trace in figure.data if trace.name == "über dem Wert der Stadt")
    assert above.marker.pattern.shape == "/"  # colour is not the only cue


def test_map_loads_nothing_from_outside_and_labels_areas(store: Store) -> None:
    built = overview(store, "bezirk", "en")
    deck = deck_json(built.deck)
    text = json.dumps(deck)
    assert "http" not in text and "mapProvider" not in deck
    assert deck["mapStyle"] == "__MAP_STYLE__"  # pydeck's "no style": Streamlit draws no basemap
    labels = next(layer for layer in deck["layers"] if layer["@@type"] == "TextLayer")
    assert [item["text"] for item in labels["data"]] == ["Altstadt\n25.0%", "Bergdorf\n11.5%"]
    assert "Map of the sub-areas by Armutsquote 2021" in built.map_alt
    assert "Highest: Altstadt (25.0%); lowest: Bergdorf (11.5%)." in built.map_alt


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", {"A1": "10,0\u00a0%", "A2": "30,0\u00a0%", "B1": "geheim gehalten (kleine Fallzahl)", "B2": "geheim gehalten (kleine Fallzahl)"}),
        ("en", {"A1": "10.0%", "A2": "30.0%", "B1": "withheld (small count)", "B2": "withheld (small count)"}),
    ],
)
def test_the_map_tooltip_of_every_area_is_its_value_as_written_in_the_language(store: Store, lang: str, expected: dict[str, str]) -> None:
    """The factory's shares by hand (A1 10/100, A2 90/300), each in the tooltip of its area beside
    its name, in the language's number format; B2 (1/2) is withheld, and B1 with it (B's total would
    give B2 away), both said in words."""
    built = overview(store, "teil", lang)
    objects = area_objects(deck_json(built.deck))
    assert {o["area_id"]: o["detail"] for o in objects} == expected
    assert {o["area_id"]: o["name"] for o in objects} == {"A1": "Altstadt Nord", "A2": "Altstadt Süd", "B1": "Bergdorf West", "B2": "Bergdorf Ost"}
    # the withheld areas have the colour of "no data": told apart by colour and by text
    fills = {o["area_id"]: tuple(o["fill"][:3]) for o in objects}
    assert fills["B1"] == fills["B2"] == tuple(hex_to_rgba(NO_DATA_COLOR)[:3]) != fills["A1"]
    assert deck_json(built.deck)["layers"][0]["getFillColor"].startswith("@@=([[")  # the colours once, an index per area


def test_not_aggregable_indicator_has_no_city_value(store: Store) -> None:
    built = overview(store, "bezirk", "en", indicator="index_score")
    assert built.city_value is None
    assert [h.label for h in built.headlines] == ["Population 2021"]
    assert built.summary == ""


def test_view_fits_the_bounds() -> None:
    view = view_for_bounds((10.57, 53.80, 10.95, 54.00), width=700, height=520)
    # 700 px must hold 0.38° of longitude at the chosen zoom (512 px world at zoom 0)
    assert 360 * 700 / (512 * 2**view.zoom) >= 0.38
    assert (view.longitude, view.latitude) == pytest.approx((10.76, 53.90))


def test_assessment_follows_polarity() -> None:
    assert assessment(30.0, 20.0, "higher_worse") == "unfavourable"
    assert assessment(30.0, 20.0, "higher_better") == "favourable"
    assert assessment(20.5, 20.0, "higher_better") == "similar"
    assert assessment(30.0, 20.0, "neutral") == "neutral"
    assert assessment(None, 20.0, "higher_worse") == "neutral"


def test_profile_table(store: Store) -> None:
    rows = [
        (store.indicator("residents"), 400.0, 452.0, False),
        (store.indicator("poverty"), 25.0, 10600 / 452, False),
        (store.indicator("poverty"), None, 10600 / 452, True),
    ]
    table = profile_table(rows, city="Teststadt", lang="de")
    assert table.columns.tolist() == ["Themenfeld", "Indikator", "Wert", "Teststadt gesamt", "Abweichung von Teststadt", "Einordnung"]
    assert table.iloc[0].tolist() == ["Demografie", "Einwohner", "400,0\u00a0EW", "452,0\u00a0EW", "–", "keine Wertung"]
    assert table.iloc[1, 4:].tolist() == ["+1,5\u00a0Prozentpunkte", "ungünstiger als die Stadt"]
    assert table.iloc[2, 2] == "geheim gehalten (kleine Fallzahl)"


def test_builders_do_not_import_streamlit() -> None:
    root = Path(__file__).resolve().parents[2]
    for folder in ("views", "metrics", "loaders"):
        for path in (root / folder).glob("*.py"):
            assert "import streamlit" not in path.read_text(encoding="utf-8"), path


def test_long_rankings_show_the_extremes_and_say_what_is_left_out() -> None:
    from views.charts import ranking

    values = pd.DataFrame({"name": [f"Gebiet {i:03d}" for i in range(100)], "value": [float(i) for i in range(100)], "note": ""})
    figure = ranking(values, unit="%", decimals=1, city_value=50.0, city_name="Stadt", lang="de")
    drawn = [name for trace in figure.data for name in trace.y]
    assert "Gebiet 099" in drawn and "Gebiet 000" in drawn and "Gebiet 050" not in drawn
    assert "… 60 weitere Gebiete: siehe Tabelle …" in drawn
    assert len(figure.layout.yaxis.categoryarray) == 41


def test_a_long_unit_stands_on_the_axis_and_in_the_hover_not_beside_every_bar() -> None:
    from views.charts import ranking

    values = pd.DataFrame({"name": ["Nord", "Süd"], "value": [53.4, -7.8], "note": ""})
    figure = ranking(values, unit="je 1.000 EW", decimals=1, city_value=15.3, city_name="Stadt", lang="de")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    written = [text for trace in figure.data for text in (trace.text or ()) if text]
    assert "53,4" in [text.strip() for text in written] and not any("EW" in text for text in written)
    assert {value for trace in bars for value in trace.customdata} == {"53,4\u00a0je 1.000 EW", "−7,8\u00a0je 1.000 EW"}
    assert figure.layout.xaxis.title.text == "je 1.000 EW"
    assert figure.layout.annotations[0].text == "Stadt gesamt: 15,3"
    percent = ranking(values, unit="%", decimals=1, city_value=15.3, city_name="Stadt", lang="de")
    assert "53,4\u00a0%" in [text.strip() for trace in percent.data for text in (trace.text or ())]  # "%" is short enough


def test_profile_export_has_raw_numbers_and_no_withheld_value(store: Store) -> None:
    from views.profile import profile_export

    rows = [(store.indicator("poverty"), 25.0, 10600 / 452, False), (store.indicator("residents"), None, 452.0, True)]
    export = profile_export(rows, area_id="A", area_name="Altstadt", period=2021, city="Teststadt", level_plural="boroughs", lang="en")
    frame = export.frame
    assert frame.columns.tolist() == [
        "Area no.", "Area", "Year", "Topic", "Indicator id", "Indicator", "Value", "Teststadt total",
        "Difference from Teststadt", "Assessment", "Unit", "Note",
    ]
    assert frame["Value"].iloc[0] == 25.0 and frame["Teststadt total"].iloc[0] == pytest.approx(23.4513274)
    assert frame["Difference from Teststadt"].iloc[0] == pytest.approx(25 - 23.4513274)
    assert pd.isna(frame["Value"].iloc[1]) and frame["Note"].iloc[1] == "withheld (small count)"
    assert export.columns["Value"].decimals == (1, 0)  # the share's decimals; the count is whole
    assert [e.indicator_id for e in export.indicators] == ["poverty", "residents"]


def test_a_change_is_coloured_by_polarity_and_points_by_its_sign() -> None:
    # our numbers carry the typographic minus, so the arrow and colour are set explicitly
    assert delta_style(-0.4, "higher_worse", 1) == ("green", "down")  # less poverty is better
    assert delta_style(0.4, "higher_worse", 1) == ("red", "up")
    assert delta_style(0.4, "higher_better", 1) == ("green", "up")
    assert delta_style(-12, "neutral", 0) == ("gray", "down")
    assert delta_style(0.04, "higher_better", 1) == ("gray", "off")  # rounds to 0,0


def test_a_count_is_a_share_of_the_city_total_never_a_difference_from_it(store: Store) -> None:
    built = build_overview(
        values=store.values("residents", 2021, "teil"),
        geometries=store.geometries("teil"),
        entry=store.indicator("residents"),
        period=2021,
        city="Teststadt",
        city_series=store.city_series("residents"),
        residents_series=store.city_series("residents"),
        level_plural="Teilgebiete",
        lang="de",
        area_sizes=store.areas("teil").set_index("area_id")["area_km2"],
    )
    table = built.table.set_index("Gebiet")
    assert "Abweichung von Teststadt" not in built.table.columns
    # by hand: 100 / 452 = 22,1 %, 300 / 452 = 66,4 %; 100 / 0,65 km² = 154, 300 / 0,65 = 462
    assert table.loc["Altstadt Nord", "Anteil an Teststadt gesamt"] == "22,1\u00a0%"
    assert table.loc["Altstadt Süd", "Anteil an Teststadt gesamt"] == "66,4\u00a0%"
    assert table.loc["Altstadt Süd", "Dichte (EW je km²)"] == "461,5"
    assert table.loc["Altstadt Süd", "Rang"] == "1"
    # no city line, no "below the city value"; each bar says its share of the total
    assert not built.ranking.layout.shapes
    names = {trace.name for trace in built.ranking.data}
    assert "unter dem Wert der Stadt" not in names and "über dem Wert der Stadt" not in names
    assert "300,0\u00a0EW (66,4\u00a0%)" in [text for trace in built.ranking.data for text in (trace.text or ())]
    assert "452" in built.ranking_note and "Anteil" in built.ranking_note
    assert rendered(built.summary).startswith("Einwohner: 2021 in Teststadt zusammen 452,0\u00a0EW.")
    # the map colours the density, and says so
    assert "Dichte" in built.legend_html and "EW je km²" in built.legend_html
    export = built.export.frame.set_index("Gebiets-Nr.")
    assert "Abweichung von Teststadt" not in built.export.frame.columns
    assert export.loc["A2", "Anteil an Teststadt gesamt"] == pytest.approx(300 / 452 * 100)
    assert export.loc["A2", "Dichte (EW je km²)"] == pytest.approx(300 / 0.65)
    assert not built.table_notes  # a count gets no interval and no sentence on one


def test_a_share_says_what_its_interval_expresses(store: Store) -> None:
    built = overview(store, "teil", "en")
    assert "95% confidence interval" in built.table.columns
    assert any("random variation of small numbers" in note for note in built.table_notes)


def test_a_balance_is_drawn_around_zero_without_interval(tmp_path: Path) -> None:
    signed = Store(factory.add_balance(factory.write_dataset(tmp_path / "ds")))
    built = build_overview(
        values=signed.values("net_migration", 2021, "teil"),
        geometries=signed.geometries("teil"),
        entry=signed.indicator("net_migration"),
        period=2021,
        city="Teststadt",
        city_series=signed.city_series("net_migration"),
        residents_series=None,
        level_plural="sub-areas",
        lang="en",
    )
    assert built.city_value == pytest.approx(-14 / 452 * 1000)
    assert "95% confidence interval" not in built.table.columns and not built.table_notes
    assert "split at 0" in built.legend_html and "split at zero" in built.map_alt
    # A2 (−100 ‰) takes the colour below zero, A1 (+200 ‰) the one above
    deck = deck_json(built.deck)
    fills = {o["name"]: tuple(o["fill"][:3]) for o in area_objects(deck)}
    below, above = DIVERGING_PALETTES["neutral"]
    assert fills["Altstadt Süd"] == tuple(hex_to_rgba(below[-1])[:3]) and fills["Altstadt Nord"] == tuple(hex_to_rgba(above[0])[:3])
    low, high = built.ranking.layout.xaxis.range
    assert low < -100 and high > 200
    # the label of a bar below zero is written right of zero, never over the area names
    bars = {name: text for trace in built.ranking.data if trace.type == "bar" for name, text in zip(trace.y, trace.text or ())}
    written = [trace for trace in built.ranking.data if trace.type == "scatter" and trace.mode == "text"]
    assert bars["Altstadt Süd"] == "" and bars["Altstadt Nord"].startswith("200")
    assert any(tuple(trace.x) == (0.0,) and trace.y == ("Altstadt Süd",) and trace.text[0].strip().startswith("−100") for trace in written)


def test_the_profile_does_not_judge_a_count_against_the_city_total(store: Store) -> None:
    from views.profile import trend_figure

    assert assessment(400.0, 452.0, "higher_worse", "count") == "neutral"
    residents = store.indicator("residents")
    figure, long = trend_figure(
        store.series("residents", "teil", ["A1"]), store.city_series("residents"), area_name="Altstadt Nord", city="Teststadt", entry=residents, lang="de"
    )
    assert set(long["label"]) == {"Altstadt Nord"} and len(figure.data) == 1


def test_a_headline_sparkline_has_a_sentence_that_says_what_it_shows() -> None:
    """Hand-computed: the values up to the chosen year, the missing year left out."""
    from views.overview import trend_sentence

    series = pd.DataFrame({"period": [2019, 2020, 2021, 2022, 2023, 2018], "value": [10.0, 8.5, 12.26, 11.0, 30.0, float("nan")]})
    assert trend_sentence(series, 2022, label="Lübeck gesamt", unit="%", decimals=1, lang="de") == (
        "Linie in „Lübeck gesamt“: 2019 10,0\u00a0%, 2022 11,0\u00a0%; am niedrigsten 8,5\u00a0% (2020), am höchsten 12,3\u00a0% (2021)."
    )
    assert trend_sentence(series, 2022, label="Population 2022", unit="", decimals=0, lang="en") == (
        "Line in “Population 2022”: 10 in 2019, 11 in 2022; lowest 8 (2020), highest 12 (2021)."  # 8.5 rounds half to even
    )
    assert trend_sentence(series, 2019, label="x", unit="", decimals=0, lang="en") is None  # one value: no line
