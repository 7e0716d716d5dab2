"""The targets page's builders: tables, sentences, the target path and exports from hand-checked series."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from loaders.contract import Target
from loaders.store import Indicator
from views.targets import build_detail, build_overview, judge, target_path

ENTRY = Indicator(
    "poverty", "Armut <b>quote</b>", "Poverty *rate*", "", "", "einkommen_armut", "%", "%", "higher_worse", "share", 100.0, 1,
    "Amt", "CC0", "", "", True,
)
CITY_TARGET = Target("poverty_2030", "poverty", "decrease", 20.0, 2030, 2015, label_de="Armut senken", label_en="Reduce poverty",
                     note_de="Beispiel", note_en="Example", is_example=True)
AREA_TARGET = Target("poverty_ab", "poverty", "decrease", 20.0, 2030, 2015, level="teil", areas=("a", "b"),
                     label_de="Armut in a und b", label_en="Poverty in a and b")
CITY = pd.DataFrame({"period": [2015, 2022], "value": [30.0, 27.0]})
AREAS = pd.DataFrame(
    {
        "area_id": ["a", "a", "b", "b", "c", "c"],
        "name": ["Altstadt", "Altstadt", "Berg [x](y)", "Berg [x](y)", "Cölln", "Cölln"],
        "period": [2015, 2022] * 3,
        "value": [30.0, 27.0, 40.0, 44.0, 18.0, 15.0],
    }
)


def test_a_city_target_is_judged_on_the_city_and_its_areas_listed_furthest_first() -> None:
    item = judge(CITY_TARGET, entry=ENTRY, city_series=CITY, area_series=AREAS, level_id="teil")
    assert item.overall.status == "stalling" and item.weakest_area is None
    assert item.overall.ratio == pytest.approx(0.56016, abs=1e-5)  # tests/metrics/test_targets.py
    detail = build_detail(
        item, city="Teststadt", city_series=CITY, area_series=AREAS, level_label="Teilgebiet", level_plural="Teilgebiete",
        area_names={}, lang="de",
    )
    assert detail.sentences[0] == "**Ziel:** Armut &#60;b&#62;quote&#60;&#47;b&#62; höchstens 20,0\u00a0% bis 2030 – gilt für: Gesamtstadt."
    assert detail.sentences[1] == (
        "In Teststadt lag der Wert 2015 bei 30,0\u00a0%, 2022 bei 27,0\u00a0%. Erreicht: −1,5\u00a0% pro Jahr; nötig für das Ziel: "
        "−2,7\u00a0% pro Jahr (Wachstumsrate) – das sind 56\u00a0% des nötigen Tempos."
    )
    assert detail.sentences[2] == "**Stand:** kaum Fortschritt."
    assert detail.furthest == (
        "Am weitesten vom Zielwert entfernt: Berg &#91;x&#93;&#40;y&#41; (noch 24,0\u00a0Prozentpunkte), Altstadt (noch 7,0\u00a0Prozentpunkte)."
    )
    table = detail.area_table
    assert list(table["Gebiet"]) == ["Berg [x](y)", "Altstadt", "Cölln"]
    assert list(table["Stand"]) == ["entfernt sich vom Ziel", "kaum Fortschritt", "Ziel erreicht"]
    assert list(table["nötiges Tempo"]) == ["−4,5\u00a0% pro Jahr", "−2,7\u00a0% pro Jahr", "–"]  # (20/40)^(1/15) − 1 = −4,5 %
    export = detail.area_export.frame
    assert list(export["noch bis zum Ziel"]) == [24.0, 7.0, -5.0]
    assert np.isnan(export["Anteil des nötigen Tempos"].iloc[2])
    assert detail.area_counts == "Stand der 3 Gebiete: 1 × Ziel erreicht, 1 × kaum Fortschritt, 1 × entfernt sich vom Ziel."
    path = target_path(item.overall, CITY_TARGET)
    assert (path["period"].iloc[0], path["period"].iloc[-1]) == (2015, 2030)
    assert path["value"].iloc[0] == 30.0 and path["value"].iloc[-1] == pytest.approx(20.0)
    assert "Zielwert 20,0\u00a0% im Jahr 2030" in detail.alt and "ab 2015" in detail.alt


def test_a_long_areas_table_shows_the_furthest_and_says_how_many_more_the_download_holds(monkeypatch) -> None:
    # 1,204 areas: a (30 → 27), b (40 → 44), c (18 → 15), then d0 … (one value: not assessable, "–" years) and e0 … (no value)
    extra = pd.DataFrame(
        {
            "area_id": [f"d{i}" for i in range(600)] + [f"e{i}" for i in range(601)],
            "name": [f"D {i}" for i in range(600)] + [f"E {i}" for i in range(601)],
            "period": [2022] * 1201,
            "value": [21.0] * 600 + [np.nan] * 601,
        }
    )
    areas = pd.concat([AREAS, extra], ignore_index=True)
    item = judge(CITY_TARGET, entry=ENTRY, city_series=CITY, area_series=areas, level_id="teil")
    monkeypatch.setattr("views.targets.MAX_SHOWN_AREAS", 4)
    detail = build_detail(
        item, city="Teststadt", city_series=CITY, area_series=areas, level_label="Teilgebiet", level_plural="Teilgebiete",
        area_names={}, lang="de",
    )
    table = detail.area_table
    # furthest first: b (24), a (7), then d0 … (one year: 1 point still to go) before c (reached, −5)
    assert list(table["Gebiet"]) == ["Berg [x](y)", "Altstadt", "D 0", "D 1"]
    assert list(table["Basis"]) == ["2015: 40,0\u00a0%", "2015: 30,0\u00a0%", "2022: 21,0\u00a0%", "2022: 21,0\u00a0%"]
    assert list(table["Stand"])[2] == "nicht bewertbar (nur ein Jahr mit Wert – ein Trend braucht mindestens zwei)"
    assert detail.area_table_note == (
        "Die Tabelle zeigt die 4 der 1.204 Gebiete, die am weitesten vom Zielwert entfernt sind; die übrigen 1.200 stehen im Download."
    )
    export = detail.area_export.frame
    assert len(export) == 1204 and export["Gebiets-Nr."].iloc[-1] == "e600"
    assert export["Basisjahr"].iloc[2] == 2022 and pd.isna(export["Basisjahr"].iloc[-1])
    statuses = export["Stand"]
    assert (statuses == "nicht bewertbar (keine Werte)").sum() == 601
    assert (statuses == "nicht bewertbar (nur ein Jahr mit Wert – ein Trend braucht mindestens zwei)").sum() == 600
    few = judge(CITY_TARGET, entry=ENTRY, city_series=CITY, area_series=AREAS, level_id="teil")
    assert build_detail(few, city="X", city_series=CITY, area_series=AREAS, level_label="T", level_plural="T", area_names={}, lang="de").area_table_note == ""


def test_an_area_target_is_as_far_along_as_its_weakest_area() -> None:
    item = judge(AREA_TARGET, entry=ENTRY, city_series=CITY, area_series=AREAS, level_id="teil")
    assert list(item.areas["area_id"]) == ["a", "b"]
    assert (item.overall.status, item.weakest_area) == ("moving_away", "Berg [x](y)")
    overview = build_overview([item], level_labels={"teil": "Teilgebiet"}, area_names={"a": "Altstadt", "b": "Berg"}, lang="en")
    row = overview.table.iloc[0]
    assert row["applies to"] == "Altstadt, Berg (Teilgebiet)"
    assert row["Status"] == "moving away from the target"
    assert row["Target value"] == "at most 20.0% by 2030"
    assert (row["Base"], row["Current"]) == ("2015: 40.0%", "2022: 44.0%")
    assert overview.counts == [("moving_away", 1)]
    assert overview.export.frame.iloc[0]["Base value"] == 40.0
    assert overview.export.columns["Target id"].kind == "id" and overview.export.columns["Base year"].kind == "integer"


def test_a_single_year_is_not_assessable_and_says_why() -> None:
    one = AREAS[AREAS["period"] == 2022]
    item = judge(CITY_TARGET, entry=ENTRY, city_series=CITY.tail(1), area_series=one, level_id="teil")
    assert (item.overall.status, item.overall.reason) == ("not_assessable", "one_year")
    overview = build_overview([item], level_labels={}, area_names={}, lang="de")
    assert overview.table.iloc[0]["Stand"] == "nicht bewertbar (nur ein Jahr mit Wert – ein Trend braucht mindestens zwei)"
    assert overview.example_notes == ["Beispiel"]
    detail = build_detail(item, city="X", city_series=CITY.tail(1), area_series=one, level_label="T", level_plural="T", area_names={}, lang="de")
    assert detail.sentences[-1] == "**Stand:** nicht bewertbar – nur ein Jahr mit Wert – ein Trend braucht mindestens zwei."
    area_item = judge(AREA_TARGET, entry=ENTRY, city_series=CITY.tail(1), area_series=one, level_id="teil")
    assert (area_item.overall.status, area_item.overall.reason) == ("not_assessable", "one_year")


def test_every_export_renders_in_every_format() -> None:
    from views.export import FORMATS, Provenance, render

    item = judge(CITY_TARGET, entry=ENTRY, city_series=CITY, area_series=AREAS, level_id="teil")
    overview = build_overview([item], level_labels={}, area_names={}, lang="de")
    detail = build_detail(item, city="X", city_series=CITY, area_series=AREAS, level_label="T", level_plural="T", area_names={}, lang="de")
    origin = Provenance(dataset="D", city="X", attribution="A", is_demo=True, suppression="S", permalink="", exported="2026-01-01", lang="de")
    for table in (overview.export, detail.area_export, detail.trend_export):
        for fmt in FORMATS:
            assert render(table, fmt, origin).data
