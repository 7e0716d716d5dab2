"""The ranking draws the confidence intervals of shares as whiskers, writes each value beyond
its whisker, and keeps the legend apart from the axis unit."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from views.charts import BOTTOM_MARGIN, ranking


def wilson(successes: float, trials: float, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval, by the textbook formula (in %)."""
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z / (1 + z * z / trials) * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return 100 * (centre - half), 100 * (centre + half)


def frame() -> pd.DataFrame:
    rows = [("A1", "Nord", 90, 300), ("A2", "Süd", 3, 12), ("A3", "Mitte", 40, 400)]
    intervals = [wilson(n, d) for _, _, n, d in rows]
    return pd.DataFrame(
        {
            "area_id": [r[0] for r in rows],
            "name": [r[1] for r in rows],
            "value": [100 * r[2] / r[3] for r in rows],
            "ci_low": [low for low, _ in intervals],
            "ci_high": [high for _, high in intervals],
            "note": ["", "", ""],
        }
    )


def test_whiskers_are_the_intervals_and_values_stand_beyond_them() -> None:
    values = frame()
    figure = ranking(values, unit="%", decimals=1, city_value=20.0, city_name="Teststadt", lang="de")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    drawn = {}
    for bar in bars:
        for name, value, plus, minus in zip(bar.y, bar.x, bar.error_x.array, bar.error_x.arrayminus):
            drawn[name] = (value - minus, value + plus)
    # Süd: 3 of 12 = 25 %, Wilson 95 % by hand ≈ 8.9 % … 53.2 % — a small number, a wide whisker
    assert drawn["Süd"] == pytest.approx(wilson(3, 12))
    assert drawn["Süd"] == pytest.approx((8.89, 53.23), abs=0.01)
    assert drawn["Nord"] == pytest.approx(wilson(90, 300))
    texts = [trace for trace in figure.data if trace.type == "scatter" and trace.mode == "text"]
    placed = {name: x for trace in texts for name, x in zip(trace.y, trace.x)}
    assert placed["Süd"] == pytest.approx(drawn["Süd"][1])  # the label starts where the whisker ends
    assert all(bar.text is None for bar in bars)  # no second label on the bar itself
    legend = [trace.name for trace in figure.data if trace.showlegend is not False and trace.name]
    assert "95-%-Vertrauensbereich" in legend
    assert figure.layout.xaxis.range[1] > drawn["Süd"][1]  # the whisker fits the axis


def test_without_intervals_the_values_stay_on_the_bars() -> None:
    values = frame().assign(ci_low=float("nan"), ci_high=float("nan"))
    figure = ranking(values, unit="%", decimals=1, city_value=20.0, city_name="Teststadt", lang="en")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert all(bar.error_x.array is None for bar in bars) and all(bar.text is not None for bar in bars)
    assert "95% confidence interval" not in [trace.name for trace in figure.data]


def test_the_legend_sits_below_the_axis_title_at_every_height() -> None:
    for rows in (frame(), pd.concat([frame().assign(name=frame()["name"] + str(i), area_id=frame()["area_id"] + str(i)) for i in range(12)])):
        figure = ranking(rows, unit="%", decimals=1, city_value=20.0, city_name="Teststadt", lang="de")
        legend = figure.layout.legend
        # the legend is anchored to the figure's foot (container), the x-axis and its title to
        # the plot, which ends BOTTOM_MARGIN px above it: they cannot meet
        assert (legend.yref, legend.yanchor, legend.y) == ("container", "bottom", 0)
        assert figure.layout.margin.b == BOTTOM_MARGIN >= 130
        assert figure.layout.xaxis.title.text == "%"
