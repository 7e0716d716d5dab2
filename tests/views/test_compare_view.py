"""The comparison builders on hand-made areas: the favourable side, the pair table and chart, the
scatter's coefficients against scipy, and the clustered correlation matrix."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from loaders.store import Indicator
from metrics.correlation import correlate
from views import compare

IDS = ["a1", "a2", "a3", "a4", "a5", "a6"]
NAMES = ["Nord", "Süd", "Ost", "West", "Mitte", "<i>Hafen</i>"]


def entry(indicator_id: str, *, kind: str = "share", polarity: str = "neutral", domain: str = "einkommen_armut", unit: str = "%") -> Indicator:
    return Indicator(
        indicator_id=indicator_id, label_de=indicator_id.capitalize(), label_en=indicator_id.capitalize(), description_de="",
        description_en="", domain=domain, unit_de=unit, unit_en=unit, polarity=polarity, kind=kind, scale=100.0, decimals=1,
        source="Test", licence="CC0", vintage="", sdg="", is_synthetic=True,
    )


ENTRIES = {
    "armut": entry("armut", polarity="higher_worse"),
    "bildung": entry("bildung", polarity="higher_better", domain="bildung"),
    "alter": entry("alter", kind="mean", domain="demografie", unit="Jahre"),
    "einwohner": entry("einwohner", kind="count", domain="demografie", unit="EW"),
    "konstant": entry("konstant", domain="bildung"),
}
VALUES = pd.DataFrame(
    {
        "armut": [10.0, 20.0, 30.0, 40.0, 50.0, np.nan],
        "bildung": [50.0, 40.0, 45.0, 20.0, 10.0, 30.0],
        "alter": [40.0, 41.0, 39.0, 45.0, 38.0, 42.0],
        "einwohner": [1000.0, 3000.0, 2000.0, 500.0, 1500.0, 800.0],
        "konstant": [5.0] * 6,
    },
    index=pd.Index(IDS, name="area_id"),
)
CITY = {"armut": 27.0, "bildung": 35.0, "alter": 41.0, "einwohner": 8800.0, "konstant": 5.0}


def table(values: pd.DataFrame = VALUES, *, withheld: set[tuple[str, str]] = frozenset()) -> compare.IndicatorTable:
    hidden = pd.DataFrame(False, index=values.index, columns=values.columns)
    for area, indicator in withheld:
        hidden.loc[area, indicator] = True
    return compare.IndicatorTable(
        values=values,
        withheld=hidden,
        names=pd.Series(NAMES[: len(values)], index=values.index),
        periods={i: 2022 for i in ENTRIES} | {"alter": 2021},
        city=CITY,
        entries=ENTRIES,
    )


def test_indicator_table_from_store_frames() -> None:
    areas = pd.DataFrame({"area_id": ["a1", "a2"], "name": ["Nord", "Süd"]})
    values = {"armut": pd.DataFrame({"area_id": ["a2", "a1"], "value": [20.0, np.nan], "suppressed": [False, True]})}
    city_series = {"armut": pd.DataFrame({"period": [2021, 2022], "value": [1.0, 23.5]})}
    built = compare.indicator_table(values=values, city_series=city_series, periods={"armut": 2022}, entries={"armut": ENTRIES["armut"]}, areas=areas)
    assert built.values["armut"].tolist()[1] == 20.0 and np.isnan(built.values.loc["a1", "armut"])
    assert bool(built.withheld.loc["a1", "armut"]) and built.city == {"armut": 23.5}


def test_favourable_follows_the_polarity() -> None:
    assert compare.favourable(10.0, 20.0, "higher_worse") == "a"
    assert compare.favourable(10.0, 20.0, "higher_better") == "b"
    assert compare.favourable(10.0, 10.4, "higher_better") == "similar"  # within 5 % of the larger value
    assert compare.favourable(10.0, 20.0, "neutral") == "none"
    assert compare.favourable(np.nan, 20.0, "higher_worse") == "none"
    assert compare.favourable(-2.0, 3.0, "higher_better") == "b"  # signed values


def test_pair_table_names_the_favourable_area_in_words() -> None:
    shown = compare.pair_table(table=table(withheld={("a2", "bildung")}), area="a1", compare="a2", period=2022, city="Teststadt", lang="de")
    assert list(shown.columns) == ["Themenfeld", "Indikator", "Nord", "Süd", "Günstiger", "Teststadt gesamt", "Jahr"]
    rows = shown.set_index("Indikator")
    assert rows.loc["Armut", "Günstiger"] == "✓ Nord"  # 10 % against 20 %, lower is better
    assert rows.loc["Bildung", "Süd"] == "geheim gehalten (kleine Fallzahl)"
    assert rows.loc["Alter", "Günstiger"] == "· keine Wertung (neutral)" and rows.loc["Alter", "Jahr"] == 2021
    assert rows.loc["Armut", "Teststadt gesamt"] == "27,0\u00a0%"
    export = compare.pair_export(table=table(), area="a1", compare="a2", period=2022, city="Teststadt", level_plural="districts", lang="en")
    rows = export.frame.set_index("Indicator")
    assert rows.loc["Armut", "Nord"] == 10.0 and rows.loc["Einwohner", "Unit"] == "EW"
    assert export.columns["Nord"].decimals == (1, 1, 1, 0, 1)  # per indicator, counts whole


def test_pair_chart_positions_and_open_symbol_for_the_less_favourable() -> None:
    chart = compare.pair_chart(table=table(), area="a1", compare="a2", period=2022, city="Teststadt", level_plural="Stadtteile", lang="de")
    a_trace, b_trace, city_trace = chart.figure.data[1:4]
    labels = [row[0] for row in a_trace.customdata]
    armut = labels.index("Armut")
    # Nord has the lowest of 5 poverty values: position 10; Süd 30; the city (27) stands at 40
    assert a_trace.x[armut] == pytest.approx(10.0) and b_trace.x[armut] == pytest.approx(30.0)
    assert city_trace.x[armut] == pytest.approx(40.0)
    assert a_trace.marker.symbol[armut] == "circle" and b_trace.marker.symbol[armut] == "diamond-open"
    assert np.isnan(city_trace.x[labels.index("Einwohner")])  # no city position for a count
    assert "Alter (2021)" in labels
    # each name is written above its row of dots (escaped for plotly), each topic above its indicators
    written = [(a.text, a.y) for a in chart.figure.layout.annotations]
    assert [text for text, _ in written] == [
        "<b>Einkommen &amp; Armut</b>", "Armut", "<b>Bildung</b>", "Bildung", "<b>Demografie</b>", "Alter (2021)", "Einwohner",
        "<b>Bildung</b>", "Konstant",
    ]
    assert [y for _, y in written] == [0, 1, 3, 4, 6, 7, 9, 11, 12]
    assert list(a_trace.y) == list(b_trace.y) == list(city_trace.y) == [2, 5, 8, 10, 13]
    assert chart.alt.startswith("Punktdiagramm: Nord und Süd bei 5 Indikatoren")
    assert "Günstiger ist Nord bei 2, Süd bei 0 Indikatoren" in chart.alt  # poverty 10 < 20, education 50 > 40


def test_scatter_coefficients_equal_scipy_and_the_weighted_ones_correlate() -> None:
    chart, result, sentences = compare.scatter_chart(
        table=table(), x="armut", y="bildung", population=VALUES["einwohner"], weighted=False, highlight=["a1", "a2"],
        period=2022, city="Teststadt", level_plural="Stadtteile", population_label="Einwohner", lang="de",
    )
    x, y = VALUES["armut"].iloc[:5], VALUES["bildung"].iloc[:5]  # Hafen has no poverty value
    assert result.n == 5
    assert result.pearson == pytest.approx(stats.pearsonr(x, y).statistic)
    assert result.spearman == pytest.approx(stats.spearmanr(x, y).statistic)
    assert sentences[0] == (
        "Korrelation über 5 Stadtteile, jedes Gebiet gleich gewichtet: Pearson r = −0,92, Spearman ρ = −0,90 (p = 0,027 bzw. p = 0,037)."
    )
    assert sentences[1].startswith("Es besteht ein starker negativer Zusammenhang")
    assert sentences[2].startswith("Korrelation ist keine Kausalität")
    weighted = compare.scatter_chart(
        table=table(), x="armut", y="bildung", population=VALUES["einwohner"], weighted=True, highlight=["a1", "a2"],
        period=2022, city="Teststadt", level_plural="Stadtteile", population_label="Einwohner", lang="en",
    )[1]
    assert weighted.pearson == pytest.approx(correlate(x, y, VALUES["einwohner"].iloc[:5]).pearson)
    assert weighted.pearson != pytest.approx(result.pearson)
    names = [trace.name for trace in chart.figure.data]
    assert names[:3] == ["übrige Stadtteile", "Nord", "Süd"] and "Regressionsgerade" in names and "Teststadt gesamt" in names
    assert chart.table.shape[0] == 5 and "Einwohner" in chart.table.columns


def test_a_scatter_of_many_areas_sends_numbers_and_names_and_labels_in_a_trace_of_their_own(monkeypatch) -> None:
    monkeypatch.setattr(compare, "MAX_HOVER_TEXTS", 2)  # the three other areas count as many
    chart, result, _ = compare.scatter_chart(
        table=table(), x="alter", y="bildung", population=VALUES["einwohner"], weighted=False, highlight=["a1", "a2"],
        period=2022, city="Teststadt", level_plural="Stadtteile", population_label="Einwohner", lang="de",
    )
    others = chart.figure.data[0]
    assert others.name == "übrige Stadtteile" and others.mode == "markers" and others.customdata is None
    assert list(others.hovertext) == ["Ost", "West", "Mitte", "&lt;i&gt;Hafen&lt;/i&gt;"]
    assert list(others.x) == [39.0, 45.0, 38.0, 42.0] and list(others.marker.size) == [2000.0, 500.0, 1500.0, 800.0]
    assert others.hovertemplate == (
        "<b>%{hovertext}</b><br>Alter: %{x:,.1f}\u00a0Jahre<br>Bildung: %{y:,.1f}\u00a0%<br>Einwohner: %{marker.size:,.0f}<extra></extra>"
    )
    labels = chart.figure.data[1]  # six areas: every one labelled (MAX_LABELS), the other four in their own trace
    assert labels.mode == "text" and list(labels.text) == ["Ost", "West", "Mitte", "&lt;i&gt;Hafen&lt;/i&gt;"] and not labels.showlegend
    assert [trace.name for trace in chart.figure.data[2:4]] == ["Nord", "Süd"]
    assert chart.figure.layout.separators == ",."  # plotly writes 38,0 in German
    assert result.n == 6 and chart.table.shape[0] == 6


def test_scatter_with_a_count_draws_no_city_and_too_few_areas_say_so() -> None:
    chart, _, _ = compare.scatter_chart(
        table=table(), x="einwohner", y="alter", population=None, weighted=False, highlight=["a1", "a6"],
        period=2022, city="Teststadt", level_plural="Stadtteile", population_label="", lang="de",
    )
    assert "Teststadt gesamt" not in [trace.name for trace in chart.figure.data]
    assert "&lt;i&gt;Hafen&lt;/i&gt;" in [trace.name for trace in chart.figure.data]
    few = VALUES.copy()
    few.loc[["a1", "a2", "a3", "a4"], "armut"] = np.nan
    _, result, sentences = compare.scatter_chart(
        table=table(few), x="armut", y="bildung", population=None, weighted=False, highlight=["a1", "a2"],
        period=2022, city="Teststadt", level_plural="Stadtteile", population_label="", lang="de",
    )
    assert result.n == 1 and sentences[0] == "Gebiete mit beiden Werten: 1 – zu wenige für eine Korrelation (mindestens 3)."


def test_heatmap_is_clustered_counts_areas_and_leaves_out_the_constant() -> None:
    heatmap = compare.correlation_heatmap(table=table(), domain="all", period=2022, level_plural="Stadtteile", lang="de")
    figure = heatmap.chart.figure
    assert heatmap.left_out == ["Konstant"]
    assert heatmap.used == 6 and (heatmap.pair_min, heatmap.pair_max) == (5, 6)
    labels = list(figure.data[0].x)
    assert sorted(labels) == ["Alter (2021)", "Armut", "Bildung", "Einwohner"]
    z = pd.DataFrame(figure.data[0].z, index=labels, columns=labels)
    assert z.loc["Armut", "Bildung"] == pytest.approx(stats.spearmanr(VALUES["armut"].iloc[:5], VALUES["bildung"].iloc[:5]).statistic)
    assert heatmap.chart.table.columns.tolist() == ["Indikator 1", "Indikator 2", "ρ", "Gebiete (n)"]
    assert heatmap.chart.table.iloc[0]["ρ"] == "−0,90"  # the strongest pair first
    assert heatmap.export.frame.iloc[0]["ρ"] == pytest.approx(-0.9) and heatmap.export.frame.iloc[0]["Gebiete (n)"] == 5
    one_domain = compare.correlation_heatmap(table=table(), domain="bildung", period=2022, level_plural="Stadtteile", lang="de")
    assert one_domain.chart is None and one_domain.left_out == ["Konstant"]


def test_a_large_matrix_marks_strong_relations() -> None:
    rng = np.random.default_rng(3)
    base = rng.normal(size=30)
    columns = {f"i{k:02d}": base * (1 if k % 2 else -1) + rng.normal(scale=0.2 if k < 10 else 3.0, size=30) for k in range(18)}
    values = pd.DataFrame(columns, index=pd.Index([f"a{k}" for k in range(30)], name="area_id"))
    entries = {k: entry(k) for k in columns}
    big = compare.IndicatorTable(
        values=values, withheld=values.isna(), names=pd.Series(values.index, index=values.index),
        periods={k: 2022 for k in columns}, city={k: np.nan for k in columns}, entries=entries,
    )
    heatmap = compare.correlation_heatmap(table=big, domain="all", period=2022, level_plural="Gebiete", lang="en")
    assert heatmap.marks
    text = heatmap.chart.figure.data[0].text
    assert {mark for row in text for mark in row} <= {"", "+", "−"} and any("−" in row for row in text)
    assert compare.strength_mark(0.49) == "" and compare.strength_mark(-0.5) == "−"
