"""The profile's builders: rows of a level, the verdict counts, the table with the verdict first,
the second area, the locator map, the profile across topics and the trend's axis."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from loaders.store import Store
from tests import dataset_factory as factory
from views.charts import axis_from_zero, trend
from views.classify import LOCATOR_COLORS, OUTLINE_COLOR
from views.profile import (
    ProfileRow,
    domain_profile,
    level_snapshot,
    locator,
    profile_export,
    profile_html,
    profile_rows,
    trend_export,
    trend_figure,
    verdict_counts,
)


class Source:
    """What the page's cached dataset offers, straight from the store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def values_of(self, indicators: list[str], period: int, level: str) -> dict[str, pd.DataFrame]:
        return {indicator: self.store.values(indicator, period, level) for indicator in indicators}

    def city_series_of(self, indicators: list[str]) -> dict[str, pd.DataFrame]:
        return {indicator: self.store.city_series(indicator) for indicator in indicators}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store(factory.write_dataset(tmp_path_factory.mktemp("ds") / "tiny"))


@pytest.fixture(scope="module")
def snapshot(store: Store):
    return level_snapshot(Source(store), 2021, "teil")


def test_rows_hold_the_area_and_the_city_and_what_is_withheld(snapshot) -> None:
    rows = {row.entry.indicator_id: row for row in profile_rows(snapshot, "A2")}
    assert rows["poverty"].value == pytest.approx(30.0)
    assert rows["poverty"].city_value == pytest.approx(106 / 452 * 100)  # from numerators and denominators
    withheld = {row.entry.indicator_id: row for row in profile_rows(snapshot, "B2")}["poverty"]
    assert withheld.withheld and withheld.value is None  # 1 of 2: below the minimum base of 10


def test_verdict_counts_and_the_table_with_the_verdict_first(snapshot) -> None:
    rows = profile_rows(snapshot, "A2")
    counts = verdict_counts(rows)
    # poverty 30 % > 23.5 %: less favourable; residents is a count and the index has no city value
    assert counts == {"unfavourable": 1, "similar": 0, "favourable": 0, "neutral": 2}
    html = profile_html(rows, city="Teststadt", area_name="Altstadt Süd", lang="de", compare=profile_rows(snapshot, "A1"), compare_name="Altstadt Nord")
    header = html.split("<thead>")[1].split("</thead>")[0]
    assert header.index("Einordnung") < header.index("Indikator") < header.index("Altstadt Süd") < header.index("Altstadt Nord")
    assert "− </span>" not in html and ">−</span>ungünstiger als die Stadt" in html  # sign and words, not colour alone
    assert ">+</span>günstiger als die Stadt" in html  # A1: 10 % < 23.5 %
    assert "30,0\u00a0%" in html and "+6,5\u00a0Prozentpunkte" in html


def test_data_strings_in_the_table_are_escaped(snapshot) -> None:
    rows = profile_rows(snapshot, "A1")
    html = profile_html(rows, city="<b>Stadt</b>", area_name='<img src=x onerror="alert(1)">', lang="en")
    assert "<img" not in html and "<b>Stadt" not in html and "&lt;img" in html


def test_the_export_has_both_areas(snapshot) -> None:
    export = profile_export(
        profile_rows(snapshot, "A1"), area_id="A1", area_name="Altstadt Nord", period=2021, city="Teststadt", level_plural="Teilgebiete",
        lang="en", compare=profile_rows(snapshot, "B2"), compare_id="B2", compare_name="Bergdorf Ost",
    )
    frame = export.frame.set_index("Indicator id")
    assert frame.loc["poverty", "Value"] == pytest.approx(10.0)
    assert math.isnan(frame.loc["poverty", "Value Bergdorf Ost"])
    assert frame.loc["poverty", "Note Bergdorf Ost"] == "withheld (small count)"
    assert "compared with Bergdorf Ost (B2)" in export.title


def test_the_topic_profile_against_hand_computed_gaps(snapshot) -> None:
    view = domain_profile(snapshot, areas=[("A1", "Altstadt Nord"), ("A2", "Altstadt Süd")], city="Teststadt", level_plural="Teilgebiete", lang="de")
    scores = view.scores.set_index(["area_id", "domain"])["score"]
    city = 106 / 452 * 100
    # B2 (1 of 2) is withheld, and B1 with it (else Bergdorf's total would reveal B2)
    assert snapshot.values["poverty"].set_index("area_id")["value"].isna().to_dict() == {"A1": False, "A2": False, "B1": True, "B2": True}
    spread = np.array([10.0, 30.0]).std()  # population standard deviation: 10
    assert scores[("A1", "einkommen_armut")] == pytest.approx(-(10 - city) / spread)
    assert scores[("A2", "einkommen_armut")] == pytest.approx(-(30 - city) / spread)
    assert view.figure is not None and view.figure.data[0].type == "bar"  # fewer than three topics: bars
    assert "Einwohner" in view.note  # the count is named as left out
    assert "Altstadt Nord" in view.alt
    assert view.export.frame.shape[0] == 2 * len(view.table)


def test_without_any_direction_there_is_no_topic_chart(store: Store) -> None:
    rows = level_snapshot(Source(store), 2021, "teil")
    neutral = type(rows)(period=rows.period, level=rows.level, entries=tuple(e for e in rows.entries if e.polarity == "neutral"), values=rows.values, city=rows.city)
    view = domain_profile(neutral, areas=[("A1", "Altstadt Nord")], city="Teststadt", level_plural="Teilgebiete", lang="en")
    assert view.figure is None and view.export is None


def test_the_locator_marks_both_areas_and_says_so(store: Store) -> None:
    geometries = store.geometries("teil")
    where = locator(geometries, area_id="A2", area_name="Altstadt Süd", city="Teststadt", level_plural="Teilgebiete", lang="de", compare_id="B1", compare_name="Bergdorf West")
    assert where.svg.startswith("<svg") and where.svg.count("<path") == 4
    assert f'fill="{LOCATOR_COLORS["area"]}"' in where.svg and 'fill="url(#sm-hatch)"' in where.svg
    assert where.alt == "Lagekarte: Altstadt Süd innerhalb von Teststadt hervorgehoben, Bergdorf West als zweites Gebiet."
    assert "Altstadt Süd" in where.legend_html and "übrige Teilgebiete" in where.legend_html
    # squares of equal size stay squares: longitude is scaled by cos(latitude)
    first = where.svg.split('d="M')[1].split('"')[0]
    xs = [float(p.split(",")[0]) for p in first.rstrip("Z").split("L")]
    ys = [float(p.split(",")[1]) for p in first.rstrip("Z").split("L")]
    assert (max(xs) - min(xs)) / (max(ys) - min(ys)) == pytest.approx(math.cos(math.radians(53.805)), abs=0.02)
    missing = locator(geometries[geometries["area_id"] != "A1"], area_id="A1", area_name="Altstadt Nord", city="Teststadt", level_plural="Teilgebiete", lang="en")
    assert missing.svg == "" and missing.alt == "No boundary is available for Altstadt Nord."


def test_the_locator_of_a_level_with_too_many_areas_draws_the_coarser_outlines(store: Store) -> None:
    geometries, coarser = store.geometries("teil"), store.geometries("bezirk")
    whole = locator(geometries, area_id="A2", area_name="Altstadt Süd", city="Teststadt", level_plural="Teilgebiete", lang="de", compare_id="B1", compare_name="Bergdorf West")
    where = locator(
        geometries, area_id="A2", area_name="Altstadt Süd", city="Teststadt", level_plural="Bezirke", lang="de", compare_id="B1",
        compare_name="Bergdorf West", background=coarser,
    )
    paths = where.svg.split("<path")[1:]
    assert len(paths) == len(coarser) + 2 and all(f'stroke="{OUTLINE_COLOR}"' in p for p in paths[:-2])  # grey Bezirke, both areas on top
    assert paths[-2:] == whole.svg.split("<path")[-2:]  # the same outlines where they lie: the Bezirke cover the same extent
    assert "übrige Bezirke" in where.legend_html and where.alt == whole.alt


def test_the_trend_with_a_second_area_and_its_axis(store: Store) -> None:
    series = store.series("poverty", "teil", ["A1", "A2"])
    entry = store.indicator("poverty")
    figure, long = trend_figure(
        series[series["area_id"] == "A1"], store.city_series("poverty"), area_name="Altstadt Nord", city="Teststadt", entry=entry, lang="de",
        compare_series=series[series["area_id"] == "A2"], compare_name="Altstadt Süd",
    )
    assert [trace.name for trace in figure.data] == ["Teststadt gesamt", "Altstadt Nord", "Altstadt Süd"]
    assert figure.layout.yaxis.range[0] == 0  # a share: the axis starts at zero
    export = trend_export(
        series[series["area_id"] == "A1"], store.city_series("poverty"), area_id="A1", area_name="Altstadt Nord", city="Teststadt",
        entry=entry, level_plural="Teilgebiete", lang="de", compare_series=series[series["area_id"] == "A2"], compare_id="A2", compare_name="Altstadt Süd",
    )
    assert export.frame.columns.tolist() == ["Jahr", "Teststadt gesamt", "Altstadt Nord", "Altstadt Süd", "Hinweis"]
    assert export.frame["Altstadt Süd"].tolist() == pytest.approx([30.0, 30.0])


def test_which_axes_start_at_zero() -> None:
    assert axis_from_zero("share", [10.0, 20.0]) and axis_from_zero("count", [3.0])
    assert not axis_from_zero("rate", [10.0]) and not axis_from_zero("mean", [40.0])
    assert not axis_from_zero("share", [-1.0, 2.0])  # a negative value cannot sit on a zero baseline
    frame = pd.DataFrame({"label": ["a", "a"], "period": [2020, 2021], "value": [40.0, 42.0]})
    assert trend(frame, unit="Jahre", decimals=1, lang="de", kind="mean").layout.yaxis.range is None


def test_plain_tuples_still_work_for_the_report(snapshot) -> None:
    rows = [tuple(row) for row in profile_rows(snapshot, "A1")]
    assert verdict_counts([ProfileRow(*row) for row in rows])["favourable"] == 1
