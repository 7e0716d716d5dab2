"""Area types: areas left out with their reason, type profiles worded from labels and polarity, the view's tables."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from loaders.store import Indicator
from metrics.typology import Stability
from views.area_types import (
    build_typology,
    build_view,
    distinguishing_indicators,
    profile_sentence,
    select_areas,
)
from views.maps import area_objects, deck_json


def entry(indicator_id: str, label: str, polarity: str) -> Indicator:
    return Indicator(indicator_id, label, label, "", "", "bildung", "%", "%", polarity, "share", 100.0, 1, "Amt", "CC0", "", "", True)


ENTRIES = {
    "kids": entry("kids", "Anteil Kinder", "neutral"),
    "poor": entry("poor", "SGB-II-Quote *", "higher_worse"),
    "giga": entry("giga", "Gigabit", "higher_better"),
}


def values(indicator: str, numbers: list[float | None], suppressed: tuple[int, ...] = ()) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_id": [f"a{i}" for i in range(len(numbers))],
            "name": [f"Gebiet {i}" for i in range(len(numbers))],
            "value": [np.nan if v is None else v for v in numbers],
            "suppressed": [i in suppressed for i in range(len(numbers))],
        }
    )


def test_areas_without_complete_values_are_left_out_with_the_reason() -> None:
    selection = select_areas(
        {
            "kids": values("kids", [10, 12, None, 30, 31, 11]),
            "poor": values("poor", [5, 6, 20, None, 21, 5], suppressed=(3,)),
            "giga": values("giga", [50, 50, 50, 50, 50, 50]),
        },
        labels={i: e.label("de") for i, e in ENTRIES.items()},
        lang="de",
    )
    assert selection.dropped_indicators == [("giga", "types.dropped.constant")]
    assert list(selection.matrix.index) == ["a0", "a1", "a4", "a5"]
    assert list(selection.left_out["reason"]) == ["Anteil Kinder ohne Wert", "SGB-II-Quote * geheim gehalten (kleine Fallzahl)"]


def test_a_profile_is_worded_from_labels_and_polarity() -> None:
    profile = pd.Series({"kids": 0.8, "poor": 1.6, "giga": -1.2})
    sentence = profile_sentence(2, 8, profile, entries=ENTRIES, lang="de")
    assert sentence == (
        "**Typ 2** (8 Gebiete): SGB&#45;II&#45;Quote &#42; sehr hoch (ungünstig), Gigabit sehr niedrig (ungünstig), Anteil Kinder hoch."
    )
    english = profile_sentence(1, 1, pd.Series({"kids": -0.7, "poor": -0.2, "giga": 0.55}), entries=ENTRIES, lang="en")
    assert english == "**Type 1** (1 area): Anteil Kinder low, Gigabit high (favourable)."
    assert profile_sentence(3, 2, pd.Series({"kids": 0.1, "poor": -0.4, "giga": 0.0}), entries=ENTRIES, lang="en").endswith(
        "close to the average in every chosen indicator."
    )


def test_the_view_of_a_hand_checkable_typology() -> None:
    # two clear groups: a0–a2 (few children, poor) and a3–a5 (many children, not poor)
    matrix = pd.DataFrame(
        {"kids": [10.0, 11.0, 12.0, 30.0, 31.0, 32.0], "poor": [20.0, 21.0, 22.0, 5.0, 6.0, 7.0]},
        index=[f"a{i}" for i in range(6)],
    )
    typology = build_typology(matrix, k=None)
    assert typology.suggested_k == 2 and typology.k == 2
    assert list(typology.labels) == [1, 1, 1, 2, 2, 2]
    names = pd.Series({a: f"Gebiet {a}" for a in matrix.index})
    selection = type("S", (), {"matrix": matrix, "names": names, "left_out": pd.DataFrame(columns=["area_id", "name", "reason"])})()
    geometries = pd.DataFrame(
        {"area_id": list(matrix.index), "name": list(names), "geometry": [shapely.to_wkb(shapely.box(i, 0, i + 1, 1)) for i in range(6)]}
    )
    view = build_view(
        typology,
        selection,
        stability=Stability(jaccard=np.array([1.0, 0.7]), rand_index=0.9, resamples=100),
        entries=ENTRIES,
        geometries=geometries,
        period=2022,
        level_plural="Teilgebiete",
        lang="de",
    )
    # type 1, by hand: kids −10 / 10.033 = −0.997 (sd √(604/6)); poor +7.5 / 7.544 = +0.994 (sd √(341.5/6)): both beyond ½, not 1
    assert view.sentences[0] == "**Typ 1** (3 Gebiete): Anteil Kinder niedrig, SGB&#45;II&#45;Quote &#42; hoch (ungünstig)."
    assert typology.profiles.loc[1].tolist() == pytest.approx([-10 / np.sqrt(604 / 6), 7.5 / np.sqrt(341.5 / 6)])
    assert list(view.stability_table["Einordnung"]) == ["stabil", "erkennbares Muster"]
    assert "1 von 2 Typen sind stabil" in view.stability_sentence
    assert list(view.export.frame["Typ"]) == [1, 1, 1, 2, 2, 2]
    assert view.export.columns["Gebiets-Nr."].kind == "id"
    assert view.export.frame["z: Anteil Kinder"].tolist() == pytest.approx(list((matrix["kids"] - matrix["kids"].mean()) / matrix["kids"].std(ddof=0)))
    assert "Typ 1 (3)" in view.legend_html and "Typ 2 (3)" in view.legend_html
    assert view.map_alt == "Karte der Teilgebiete nach 2 Gebietstypen: Typ 1: 3; Typ 2: 3."
    # the tooltip: the type and the area's values of its type's most distinguishing indicators
    # (|mean z| 0.997 for the children before 0.994 for SGB II, in both types)
    details = {o["area_id"]: o["detail"] for o in area_objects(deck_json(view.deck))}
    assert details["a0"] == "Typ 1 · Anteil Kinder 10,0\u00a0%, SGB-II-Quote * 20,0\u00a0%"
    assert details["a5"] == "Typ 2 · Anteil Kinder 32,0\u00a0%, SGB-II-Quote * 7,0\u00a0%"


def test_beyond_the_limit_the_table_lists_the_most_typical_areas_of_each_type(monkeypatch) -> None:
    # two clear types; in each the type's mean is (11.33, 21) and (31.33, 6): the middle area is
    # nearest in both z-values, the first next (−1.33 and −1 from the mean against +1.67 and +1)
    matrix = pd.DataFrame(
        {"kids": [10.0, 11.0, 13.0, 30.0, 31.0, 33.0], "poor": [20.0, 21.0, 22.0, 5.0, 6.0, 7.0]},
        index=[f"a{i}" for i in range(6)],
    )
    typology = build_typology(matrix, k=2)
    names = pd.Series({a: f"Gebiet {a}" for a in matrix.index})
    selection = type("S", (), {"matrix": matrix, "names": names, "left_out": pd.DataFrame(columns=["area_id", "name", "reason"])})()
    geometries = pd.DataFrame(
        {"area_id": list(matrix.index), "name": list(names), "geometry": [shapely.to_wkb(shapely.box(i, 0, i + 1, 1)) for i in range(6)]}
    )
    arguments = {
        "stability": Stability(jaccard=np.array([1.0, 1.0]), rand_index=1.0, resamples=100), "entries": ENTRIES,
        "geometries": geometries, "period": 2022, "level_plural": "Teilgebiete", "lang": "de",
    }
    assert build_view(typology, selection, **arguments).area_table_note == ""  # 6 areas: every one listed
    monkeypatch.setattr("views.area_types.MAX_LISTED_AREAS", 4)
    monkeypatch.setattr("views.area_types.LISTED_PER_TYPE", 2)
    view = build_view(typology, selection, **arguments)
    assert list(view.area_table["Gebiets-Nr."]) == ["a1", "a0", "a4", "a3"]
    assert list(view.area_table["Typ"]) == ["Typ 1", "Typ 1", "Typ 2", "Typ 2"]
    assert list(view.area_table["Anteil Kinder (%)"]) == ["11,0\u00a0%", "10,0\u00a0%", "31,0\u00a0%", "30,0\u00a0%"]
    assert view.area_table_note.startswith("Die Tabelle nennt je Typ die 2 Gebiete") and "4 von 6 Gebieten" in view.area_table_note
    assert len(view.export.frame) == 6  # the download holds every area


def test_a_tooltip_names_at_most_two_distinguishing_indicators_strongest_first() -> None:
    profile = pd.Series({"a": 0.3, "b": -1.2, "c": 0.8, "d": 0.9, "e": -0.9})
    assert distinguishing_indicators(profile) == ["b", "d"]  # d before e: equally strong, the earlier column
    assert distinguishing_indicators(pd.Series({"a": 0.49, "b": -0.2})) == []  # near the mean everywhere: the type alone
    assert distinguishing_indicators(pd.Series({"a": 0.1, "b": -0.5})) == ["b"]


def test_the_exports_render_in_every_format() -> None:
    from views.export import FORMATS, Provenance, render

    matrix = pd.DataFrame({"kids": [10.0, 11.0, 30.0, 31.0], "poor": [20.0, 21.0, 5.0, 6.0]}, index=["a", "b", "c", "d"])
    typology = build_typology(matrix, k=None)
    selection = type("S", (), {"matrix": matrix, "names": pd.Series({a: a.upper() for a in matrix.index}), "left_out": pd.DataFrame(columns=["area_id", "name", "reason"])})()
    view = build_view(typology, selection, stability=Stability(np.array([1.0, 1.0]), 1.0, 10), entries=ENTRIES,
                      geometries=pd.DataFrame(columns=["area_id", "name", "geometry"]), period=2022, level_plural="T", lang="en")
    origin = Provenance(dataset="D", city="X", attribution="A", is_demo=True, suppression="S", permalink="", exported="2026-01-01", lang="en")
    for table in (view.export, view.profile_export, view.silhouette_export):
        for fmt in FORMATS:
            assert render(table, fmt, origin).data
    assert view.deck is None  # no boundaries: no map, the table still lists every area
