"""The trends builders on a hand-made series: order, shared axes, the widening sentence, the change
table, the balance map's classes, counts and balances, paging and search."""
from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from loaders.store import Indicator
from views import trends
from views.export import csv_bytes
from views.maps import area_objects, deck_json
from views.state import TrendOptions

PERIODS = [2019, 2020, 2021, 2022]
CITY = [10.0, 10.5, 11.0, 11.5]
# Nord moves away from the city (gaps 0, 1.5, 3, 4.5); Süd goes below and comes back; Ost has a
# withheld value in 2021. Changes 2019→2022: Nord +6 (+60 %), Süd +1 (+10 %), Ost +2 (+20 %); city +1.5 (+15 %).
VALUES = {"a1": [10.0, 12.0, 14.0, 16.0], "a2": [10.0, 9.0, 10.0, 11.0], "a3": [10.0, 10.0, np.nan, 12.0]}
NAMES = {"a1": "Nord", "a2": "Süd", "a3": "<b>Ost</b>"}
OPTIONS = TrendOptions(base=2019, show="value", sort="latest_desc", window=3, search="", page=1)


def entry(kind: str = "share", polarity: str = "higher_worse", unit: str = "%") -> Indicator:
    return Indicator(
        indicator_id="x", label_de="Armutsquote", label_en="Poverty rate", description_de="", description_en="",
        domain="einkommen_armut", unit_de=unit, unit_en=unit, polarity=polarity, kind=kind, scale=100.0, decimals=1,
        source="Test", licence="CC0", vintage="", sdg="", is_synthetic=True,
    )


def series(values: dict[str, list[float]] = VALUES, names: dict[str, str] = NAMES) -> pd.DataFrame:
    rows = [
        {"area_id": a, "name": names[a], "period": p, "value": v, "suppressed": bool(np.isnan(v))}
        for a, vs in values.items()
        for p, v in zip(PERIODS, vs)
    ]
    return pd.DataFrame(rows)


def city(values: list[float] = CITY) -> pd.DataFrame:
    return pd.DataFrame({"period": PERIODS, "value": values})


def build(data=None, *, kind="share", polarity="higher_worse", unit="%", options=OPTIONS, end=2022, lang="de", geometries=None):
    data = data if data is not None else trends.trend_data(series(), city())
    return trends.build_trends(
        data=data,
        geometries=geometries if geometries is not None else pd.DataFrame({"area_id": [], "name": [], "geometry": []}),
        entry=entry(kind, polarity, unit),
        end=end,
        options=options,
        city="Teststadt",
        level_plural="Stadtteile" if lang == "de" else "districts",
        lang=lang,
    )


def test_trend_data_is_wide_with_withheld_marks() -> None:
    data = trends.trend_data(series(), city())
    assert data.wide.shape == (3, 4) and list(data.wide.columns) == PERIODS
    assert bool(data.withheld.loc["a3", 2021]) and not data.withheld.loc["a1"].any()
    assert data.city.tolist() == CITY and data.periods == PERIODS and not data.signed


def test_widening_sentence_names_the_area_and_its_side() -> None:
    view = build()
    assert view.problem is None and view.measure == "absolute"
    assert view.widening_sentence == (
        "Seit 2020 wächst der Abstand zur Stadt in einem der 3 Stadtteile – "
        "zunehmend ungünstiger als die Stadt (höherer Wert): Nord."
    )
    assert "3 Jahre" in view.widening_rule and "2020–2022" in view.widening_rule
    english = build(lang="en")
    assert english.widening_sentence.startswith("Since 2020, the gap to the city has been widening in one of the 3 districts")
    longer = build(options=replace(OPTIONS, window=4))  # over 2019–2022 Nord's gaps are 0, 1.5, 3, 4.5: still widening
    assert longer.widening_sentence.startswith("Seit 2019 wächst") and longer.widening_sentence.endswith(": Nord.")


def test_change_table_ranks_the_changes_with_the_city_first() -> None:
    table = build().ranking.table
    assert table["Gebiet"].tolist() == ["Teststadt gesamt", "Nord", "<b>Ost</b>", "Süd"]
    assert table["Veränderung (Prozentpunkte)"].tolist() == [
        "+1,5\u00a0Prozentpunkte", "+6,0\u00a0Prozentpunkte", "+2,0\u00a0Prozentpunkte", "+1,0\u00a0Prozentpunkte"
    ]
    assert table["Veränderung (%)"].tolist() == ["+15,0\u00a0%", "+60,0\u00a0%", "+20,0\u00a0%", "+10,0\u00a0%"]
    assert table["Abstand zur Stadt wächst"].tolist() == ["", "◆ ja", "", ""]
    view = build()
    export = view.change_export
    assert export.frame.loc[1, "Veränderung (Prozentpunkte)"] == pytest.approx(6.0)
    assert export.columns["Veränderung (%)"].decimals == 1 and export.columns["Wert 2022"].unit == "%"
    assert export.periods == (2019, 2022) and export.name[0] == "x"
    lines = csv_bytes(export, excel_de=True).decode("utf-8-sig").splitlines()
    assert lines[2] == '"a1";"Nord";10,0;16,0;6,0;60,0;"◆ ja";""'  # German Excel: ; and decimal comma
    series = view.series_export.frame
    assert series.columns.tolist()[2:6] == ["2019", "2020", "2021", "2022"]
    assert np.isnan(series.set_index("Gebiets-Nr.").loc["a3", "2021"])  # withheld stays empty


def test_small_multiples_share_axes_and_mark_the_widening_area() -> None:
    view = build()
    panels = view.multiples
    titles = [figure.layout.annotations[0].text for figure in panels.figures]
    assert titles == ["Nord ◆", "&lt;b&gt;Ost&lt;/b&gt;", "Süd"]  # by the value in 2022, the name escaped
    ranges = {tuple(figure.layout.yaxis.range) for figure in panels.figures}
    assert len(ranges) == 1 and next(iter(ranges))[0] == 0  # shared; a share starts at zero
    assert next(iter(ranges))[1] > 16
    first = panels.figures[0]
    assert [trace.line.dash for trace in first.data] == ["dash", None]  # the city, then the area
    assert list(first.data[1].y) == VALUES["a1"]
    assert first.layout.plot_bgcolor == trends.WIDENING_FILL
    assert panels.alts[0] == "Liniendiagramm Nord: von 10,0\u00a0% (2019) auf 16,0\u00a0% (2022). Der Abstand zur Stadt wächst."
    assert panels.table.iloc[0]["Gebiet"] == "Teststadt gesamt" and panels.table.iloc[2]["2021"] == "geheim gehalten (kleine Fallzahl)"


def test_index_view_ranks_relative_change_against_the_city() -> None:
    view = build(options=replace(OPTIONS, show="index", sort="change_asc"))
    assert view.measure == "relative"
    assert [f.layout.annotations[0].text for f in view.multiples.figures] == ["Süd", "&lt;b&gt;Ost&lt;/b&gt;", "Nord ◆"]
    assert list(view.multiples.figures[2].data[1].y) == [100.0, 120.0, 140.0, 160.0]
    spec = view.ranking.figure.to_plotly_json()
    lines = [shape for shape in spec["layout"]["shapes"] if shape.get("line", {}).get("dash") == "dash"]
    assert [line["x0"] for line in lines] == [pytest.approx(15.0)]


def test_counts_compare_growth_not_the_city_total() -> None:
    counts = {"a1": [100.0, 110.0, 130.0, 160.0], "a2": [200.0, 200.0, 190.0, 180.0], "a3": [50.0, 50.0, 50.0, 50.0]}
    data = trends.trend_data(series(counts), city([350.0, 360.0, 370.0, 390.0]))
    view = build(data, kind="count", polarity="neutral", unit="EW")
    assert view.measure == "relative"
    assert all(len(figure.data) == 1 for figure in view.multiples.figures)  # no city line on a count
    assert any("Summe aller Gebiete" in note for note in view.notes)
    indexed = build(data, kind="count", polarity="neutral", unit="EW", options=replace(OPTIONS, show="index"))
    assert all(len(figure.data) == 2 for figure in indexed.multiples.figures)
    # growth 2020–2022: city index 100, 102.8, 108.3; Nord 100, 118.2, 145.5 (faster); Süd 100, 95, 90 and
    # Ost 100, 100, 100 (slower)
    assert view.widening_sentence == (
        "Seit 2020 wächst der Abstand zur Stadt in 3 der 3 Stadtteile – wachsen zunehmend stärker als die Stadt: Nord; "
        "wachsen zunehmend schwächer als die Stadt (oder schrumpfen): <b>Ost</b>, Süd."
    )


def test_a_balance_gets_no_index_and_absolute_change() -> None:
    signed = {"a1": [-2.0, 1.0, 3.0, 4.0], "a2": [1.0, 0.0, -1.0, -3.0], "a3": [0.5, 0.5, 0.5, 0.5]}
    data = trends.trend_data(series(signed), city([0.0, 0.5, 1.0, 1.0]))
    assert data.signed and trends.allowed_shows(data) == ("value", "change")
    view = build(data, kind="rate", polarity="neutral", unit="je 1.000 EW", options=replace(OPTIONS, show="index"))
    assert view.show == "value" and view.measure == "absolute"
    assert "Veränderung (%)" not in view.ranking.table.columns  # no relative change from a negative or zero base


def test_a_balance_that_happens_to_be_positive_is_still_signed() -> None:
    # net migration can be positive everywhere in some years: an index or a change in % of it
    # would still mean nothing (the next year may cross zero), so its kind decides
    positive = {"a1": [2.0, 4.0, 1.0, 8.0], "a2": [1.0, 3.0, 2.0, 1.0], "a3": [5.0, 5.0, 6.0, 7.0]}
    data = trends.trend_data(series(positive), city([2.0, 4.0, 3.0, 5.0]), kind="balance")
    assert data.signed and trends.allowed_shows(data) == ("value", "change")
    assert not trends.trend_data(series(positive), city([2.0, 4.0, 3.0, 5.0]), kind="rate").signed
    view = build(data, kind="balance", polarity="neutral", unit="je 1.000 EW", options=replace(OPTIONS, show="index"))
    assert view.show == "value" and view.measure == "absolute"
    assert "Veränderung (%)" not in view.ranking.table.columns
    # Nord 2 → 8: +6 in the balance's unit, never +300 %
    changes = dict(zip(view.ranking.table["Gebiet"], view.ranking.table["Veränderung (je 1.000 EW)"]))
    assert changes["Nord"] == "+6,0\u00a0je 1.000 EW" and changes["Teststadt gesamt"] == "+3,0\u00a0je 1.000 EW"


def test_balance_map_classes_around_zero_with_limits() -> None:
    import shapely

    geometries = pd.DataFrame(
        {"area_id": ["a1", "a2", "a3"], "name": ["Nord", "Süd", "<b>Ost</b>"],
         "geometry": [shapely.to_wkb(shapely.box(i, 0, i + 1, 1)) for i in range(3)]}
    )
    view = build(geometries=geometries)
    assert "Veränderung 2019–2022 (Prozentpunkte)" in view.legend_html
    # increases 1, 2, 6 in three quantile classes; an increase is unfavourable: light to dark red
    assert "+1,0</span>" in view.legend_html and "über +1,0 bis +2,0" in view.legend_html and "über +2,0 bis +6,0" in view.legend_html
    assert "Blau: gesunken (günstiger); rot: gestiegen (ungünstiger)." in view.legend_html
    fills = {o["name"]: o["fill"][:3] for o in area_objects(deck_json(view.deck))}
    assert fills == {"Nord": [178, 24, 43], "Süd": [253, 219, 199], "<b>Ost</b>": [239, 138, 98]}
    assert "3 gestiegen, 0 gesunken, 0 unverändert" in view.map_alt


def test_paging_and_search() -> None:
    many = {f"z{i:02d}": [10.0 + i, 10.0 + i, 10.0 + i, 10.0 + i] for i in range(30)}
    names = {a: f"Gebiet {a}" for a in many} | {"z07": "Nordstadt"}
    data = trends.trend_data(series(many, names), city())
    pages = -(-30 // trends.PAGE_SIZE)
    on_last = 30 - (pages - 1) * trends.PAGE_SIZE
    first = build(data)
    assert (first.page_count, first.matching, len(first.multiples.figures)) == (pages, 30, trends.PAGE_SIZE)
    last = build(data, options=replace(OPTIONS, page=pages))
    assert len(last.multiples.figures) == on_last
    assert first.multiples.figures[0].layout.yaxis.range == last.multiples.figures[0].layout.yaxis.range
    found = build(data, options=replace(OPTIONS, search="NORD"))
    assert found.matching == 1 and found.multiples.figures[0].layout.annotations[0].text == "Nordstadt"
    assert build(data, options=replace(OPTIONS, search="xyz")).multiples is None
    assert len(build(data, options=replace(OPTIONS, page=99)).multiples.figures) == on_last  # clamped to the last page


def test_search_finds_names_and_numbers_ignoring_case_in_the_order_given() -> None:
    ids = ["b10", "A7", "c3", "d4"]
    names = {"b10": "Straße Süd", "A7": "Nordstadt", "c3": "SÜDHAFEN", "d4": "Ost"}
    data = trends.trend_data(series({a: [1.0, 2.0, 3.0, 4.0] for a in ids}, names), city())
    ordered = ["d4", "c3", "b10", "A7"]
    assert trends.search_areas(data, ordered, "  süd ") == ["c3", "b10"]  # names, casefolded ('ß' and 'Ü' too)
    assert trends.search_areas(data, ordered, "STRASSE") == ["b10"]
    assert trends.search_areas(data, ordered, "a") == ["c3", "b10", "A7"]  # 'a7' by its number, the others by name
    assert trends.search_areas(data, ordered, "") == ordered and trends.search_areas(data, ordered, "zzz") == []
    assert [trends.matching_count(data, text) for text in ("", "süd", "7", "zzz")] == [4, 2, 1, 0]
    assert data.periods == [2019, 2020, 2021, 2022] and data.periods is data.periods  # computed once


def test_problems_are_named_not_drawn() -> None:
    empty = trends.trend_data(series({"a1": [np.nan] * 4}, {"a1": "Nord"}), city())
    assert build(empty).problem == "trends.no_values"
    single = series().query("period == 2022")
    assert build(trends.trend_data(single, city().query("period == 2022"))).problem == "trends.single_period"
    assert build(end=2019).problem == "trends.end_too_early"
    assert trends.choose_end([2020, 2022, 2024], 2020) == 2024 and trends.choose_end([2020, 2022], 2022) == 2022


def test_formats_of_change() -> None:
    share = entry()
    assert trends.format_change(1.25, share, "absolute", "de") == "+1,2\u00a0Prozentpunkte"
    assert trends.format_change(-3.44, share, "relative", "en") == "−3.4%"
    assert trends.format_change(0.0, share, "relative", "de") == "0,0\u00a0%"
    assert trends.format_change(120.0, entry("count", "neutral", "EW"), "absolute", "de") == "+120,0\u00a0EW"
    assert trends.format_change_number(-0.04, share, "absolute", "de") == "0,0"


def test_figures_serialise_without_external_resources() -> None:
    view = build()
    text = json.dumps([figure.to_plotly_json() for figure in view.multiples.figures], default=str)
    assert "http" not in text and "<b>Ost" not in text


def test_long_screen_tables_show_their_first_rows_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    # six areas, a screen limit of four: the tables show the city and the first four areas in their
    # order, the downloads all six; area zK rises by K (K = 0..5), so the change ranking is z5 … z0
    monkeypatch.setattr(trends, "SCREEN_ROWS", 4)
    many = {f"z{k}": [10.0, 10.0, 10.0, 10.0 + k] for k in range(6)}
    data = trends.trend_data(series(many, {a: f"Gebiet {a}" for a in many}), city())
    view = build(data, options=replace(OPTIONS, sort="latest_desc"))
    assert view.ranking.table["Gebiets-Nr."].tolist() == ["", "z5", "z4", "z3", "z2"]
    assert view.ranking.table["Veränderung (Prozentpunkte)"].tolist()[1:] == [
        "+5,0\u00a0Prozentpunkte", "+4,0\u00a0Prozentpunkte", "+3,0\u00a0Prozentpunkte", "+2,0\u00a0Prozentpunkte"
    ]
    assert view.multiples.table["Gebiets-Nr."].tolist() == ["", "z5", "z4", "z3", "z2"]  # latest value, highest first
    expected = "Die Tabelle zeigt die ersten 4 von 6 Zeilen in dieser Reihenfolge; der Download enthält alle."
    assert view.change_table_note == expected and view.series_table_note == expected
    assert len(view.change_export.frame) == 7 and len(view.series_export.frame) == 7  # the city and every area
    assert build().change_table_note == "" and build().series_table_note == ""  # three areas: all shown
