"""The reach builder against hand-computed cases on the tiny dataset (views/reach.py, views/state.py).

Places (tests/dataset_factory.py): p1 "bibliothek" at 10.605 E 53.805 N (wheelchair yes), p2
"digitale_hilfe" at 10.625 E 53.806 N (wheelchair no). One hundredth of a degree is about
1 112 m north–south and 658 m east–west here. Addresses and their straight-line distances:

    address  area  residents  to p1          to p2
    a1       A1    10         111 m  (0.001° N)   1 316 m
    a2       A1    30         263 m  (0.004° E)   1 053 m
    a3       A2    20         658 m               668 m
    a4       A2    40         1 023 m             517 m
    b1       B1     5         1 321 m             111 m
    b2       B2    15         1 974 m             668 m
    x1       none   –         (outside every area: counted, not assigned)
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod

from loaders.store import Store
from metrics.reach import candidate_cells
from views import reach as rv
from views.maps import NAME, TIP, deck_json
from views.state import (
    MAX_ADDED_PLACES,
    REACH_BASES,
    REACH_WEIGHTINGS,
    ReachState,
    add_place,
    page_query,
    reach_query,
    remove_place,
    resolve_reach,
)
from tests import dataset_factory as factory


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = factory.write_dataset(tmp_path_factory.mktemp("reach") / "ds")
    return Store(factory.write_addresses(folder))


def build(store: Store, state: ReachState, *, level: str = "teil", min_count: int = 0, min_denominator: int = 0, lang: str = "de", cells=None):
    addresses = store.addresses()
    projection, declared = rv.projection_for(store.metadata.metric_crs, addresses["lon"], addresses["lat"])
    return rv.build_reach(
        origins=rv.origins_from_addresses(addresses, projection),
        projection=projection,
        crs_declared=declared,
        points=store.points(),
        state=state,
        category_label="Bibliothek" if state.category == "bibliothek" else "Hilfe",
        areas_by_level=[(level_id, store.areas(level_id)) for level_id in store.metadata.level_ids],
        level=level,
        level_plural="Gebiete",
        geometries=store.geometries(level),
        city="Teststadt",
        min_count=min_count,
        min_denominator=min_denominator,
        source="Test",
        addresses_note="Adressen: Test",
        cells=cells,
        lang=lang,
    )


def raw(view) -> pd.DataFrame:
    """The export's raw numbers by area id (value, numerator, denominator)."""
    frame = view.export.frame.set_index("Gebiets-Nr.")
    assert list(frame.columns[:4]) == ["Rang", "Gebiet", "Indikator", "Wert"]
    return frame.iloc[:, [3, 5, 6]].set_axis(["value", "numerator", "denominator"], axis=1)


def test_the_hand_computed_distances_hold() -> None:
    geod = Geod(ellps="WGS84")
    distance = lambda a, b: geod.inv(a[0], a[1], b[0], b[1])[2]  # noqa: E731
    p1, p2 = (10.605, 53.805), (10.625, 53.806)
    assert distance(p1, (10.605, 53.806)) == pytest.approx(111.3, abs=0.5)
    assert distance(p1, (10.609, 53.805)) == pytest.approx(263, abs=1)
    assert distance(p1, (10.615, 53.805)) == pytest.approx(658, abs=1)
    assert distance(p2, (10.619, 53.809)) == pytest.approx(517, abs=1)
    assert distance(p2, (10.615, 53.805)) == pytest.approx(668, abs=1)
    assert distance(p2, (10.635, 53.805)) == pytest.approx(668, abs=1)


def test_addresses_within_500_m_of_a_library(store: Store) -> None:
    view = build(store, ReachState(category="bibliothek", distance=500))
    numbers = raw(view)
    assert numbers.loc[["A1", "A2", "B1", "B2"], "numerator"].tolist() == [2, 0, 0, 0]  # a1 (111 m) and a2 (263 m)
    assert numbers.loc[["A1", "A2", "B1", "B2"], "denominator"].tolist() == [2, 2, 1, 1]
    assert numbers.loc[["A1", "A2"], "value"].tolist() == [100.0, 0.0]
    assert view.city_value == pytest.approx(200 / 6)  # x1 lies in no area and is not counted
    assert view.place_count == 1
    assert any("1 Adressen liegen in keinem Gebiet" in note for note in view.notes)


def test_700_m_reaches_the_helper_from_more_addresses_and_coarser_areas_sum_counts(store: Store) -> None:
    fine = raw(build(store, ReachState(category="digitale_hilfe", distance=750)))
    assert fine.loc[["A1", "A2", "B1", "B2"], "numerator"].tolist() == [0, 2, 1, 1]  # a3 668 m, a4 517 m, b1, b2
    coarse = raw(build(store, ReachState(category="digitale_hilfe", distance=750), level="bezirk"))
    assert coarse.loc["A"].tolist() == [50.0, 2, 4]  # (0 + 2) / (2 + 2)
    assert coarse.loc["B"].tolist() == [100.0, 2, 2]


def test_residents_weighting(store: Store) -> None:
    view = build(store, ReachState(category="digitale_hilfe", distance=750, weighting="residents"), level="bezirk")
    numbers = raw(view)
    # A: (20 + 40) / (10 + 30 + 20 + 40) = 60 %, B: (5 + 15) / 20 = 100 %; city 80 / 120
    assert numbers.loc["A"].tolist() == [60.0, 60.0, 100.0]
    assert numbers.loc["B"].tolist() == [100.0, 20.0, 20.0]
    assert view.city_value == pytest.approx(80 / 120 * 100)
    assert "Einwohner in Reichweite" in view.table.columns


def test_the_aggregate_is_not_the_mean_of_shares(store: Store) -> None:
    fine = raw(build(store, ReachState(category="bibliothek", distance=500, weighting="residents")))
    coarse = raw(build(store, ReachState(category="bibliothek", distance=500, weighting="residents"), level="bezirk"))
    assert fine.loc[["A1", "A2"], "value"].tolist() == [100.0, 0.0]  # mean 50 %
    assert coarse.loc["A", "value"] == pytest.approx(40.0)  # (10 + 30) / (10 + 30 + 20 + 40)


def test_small_counts_are_withheld_with_their_complement(store: Store) -> None:
    view = build(store, ReachState(category="bibliothek", distance=500, weighting="residents"), min_count=3, min_denominator=10)
    numbers = raw(view)
    assert numbers.loc["A1"].tolist() == [100.0, 40.0, 40.0]
    assert numbers.loc["A2"].tolist() == [0.0, 0.0, 60.0]
    assert numbers.loc[["B1", "B2"]].isna().all().all()  # B1: base 5 < 10; B2 goes with it (the only sibling)
    notes = view.export.frame.set_index("Gebiets-Nr.")["Hinweis"]
    assert notes["B1"] == notes["B2"] == "geheim gehalten (kleine Fallzahl)"


@pytest.mark.parametrize("fmt", ["xlsx", "csv_excel_de", "csv", "parquet"])
def test_withheld_shares_are_absent_from_every_download_and_from_the_what_if_table(store: Store, fmt: str) -> None:
    """B1 (5 residents) is withheld, B2 with it; a hypothetical library at b2 lifts B2 from 0 % to
    100 % — neither value, nor their counts, may reach a file or the list of gaining areas."""
    from tests.views.test_export import read_back

    state = add_place(ReachState(category="bibliothek", distance=500, weighting="residents"), 10.635, 53.805)
    view = build(store, state, min_count=3, min_denominator=10)
    hidden = ["Wert", "Einwohner in Reichweite", "Einwohner gesamt", "Wert ohne gedachte Orte"]
    for table, columns in ((view.export, hidden), (view.map_export, ["Wert"]), (view.ranking_export, ["Wert"])):
        back = read_back(table, fmt).set_index("Gebiets-Nr.")
        assert back.loc[["B1", "B2"], columns].isna().all().all(), (table.name, back.loc[["B1", "B2"], columns])
        assert (back.loc[["B1", "B2"], "Hinweis"] == "geheim gehalten (kleine Fallzahl)").all()
        assert back.loc["A1", "Wert"] == 100.0  # the rest is shown
    assert "B2" not in set(view.whatif_table["Gebiets-Nr."])
    assert "geheim" in view.whatif_summary or "withheld" in view.whatif_summary


def test_wheelchair_filter_drops_places_without_access(store: Store) -> None:
    view = build(store, ReachState(category="digitale_hilfe", distance=3000, wheelchair_only=True))
    assert view.place_count == 0 and view.city_value == 0.0
    assert "keinen Ort der Art „Hilfe“" in view.summary and "rollstuhlgerechte" in view.summary
    assert build(store, ReachState(category="bibliothek", distance=500, wheelchair_only=True)).place_count == 1


def test_what_if_a_library_at_b2(store: Store) -> None:
    state = add_place(ReachState(category="bibliothek", distance=500), 10.635, 53.805)
    view = build(store, state)
    numbers = raw(view)
    assert numbers.loc["B2"].tolist() == [100.0, 1, 1]  # b2 is at the new place; b1 (694 m) still is not
    assert numbers.loc["B1", "numerator"] == 0
    assert view.city_value == pytest.approx(300 / 6)
    assert view.whatif_table.to_dict("list") == {
        "Gebiets-Nr.": ["B2"],
        "Gebiet": ["Bergdorf Ost"],
        "Ohne gedachte Orte": ["0,0\u00a0%"],
        "Mit gedachten Orten": ["100,0\u00a0%"],
        "Veränderung": ["+100,0\u00a0Prozentpunkte"],
        "Adressen zusätzlich in Reichweite": ["1"],
    }
    assert view.whatif_summary.startswith("Mit einem gedachten Ort stiege der Anteil in Teststadt von 33,3\u00a0% auf 50,0\u00a0% (+16,7\u00a0Prozentpunkte); 1 weitere Adressen")
    assert "Bergdorf Ost" in view.whatif_summary
    assert view.export.frame.set_index("Gebiets-Nr.").loc["B2", "Wert ohne gedachte Orte"] == 0.0
    assert "Mit gedachten Orten (Länge Breite): 10.63500 53.80500" in view.export.notes
    assert view.export.name == ("erreichbarkeit", "bibliothek", "500m", "Gebiete", "was-waere-wenn")
    assert "Entfernung: Luftlinie, berechnet in WGS 84 / UTM zone 32N (EPSG:32632)" in view.export.notes
    layers = {layer["id"] for layer in deck_json(view.deck)["layers"]}
    assert {"areas", "reach", "places", "added"} <= layers


def test_what_if_where_everything_is_reached_changes_nothing(store: Store) -> None:
    view = build(store, add_place(ReachState(category="bibliothek", distance=500), 10.6051, 53.8051))
    assert view.whatif_table.empty
    assert view.whatif_summary.startswith("Mit einem gedachten Ort änderte sich nichts")


def test_english_texts(store: Store) -> None:
    view = build(store, add_place(ReachState(category="bibliothek", distance=500), 10.635, 53.805), lang="en")
    assert view.summary.startswith("50.0% of addresses in Teststadt (3 of 6) have a place of the kind")
    assert "Addresses newly within reach" in view.whatif_table.columns
    assert "straight line" in view.method and "EPSG:32632" in view.method


def test_the_method_names_the_crs_and_its_origin(store: Store) -> None:
    view = build(store, ReachState(category="bibliothek", distance=500))
    assert "WGS 84 / UTM zone 32N (EPSG:32632)" in view.method and "UTM-Zone" in view.method
    assert "Luftlinie" in view.method
    projection, declared = rv.projection_for("EPSG:25832", np.array([10.6]), np.array([53.8]))
    assert (projection.crs, declared) == ("EPSG:25832", True)


def test_the_clickable_grid_is_on_top_and_carries_the_cell_centre(store: Store) -> None:
    projection = rv.projection_for(None, np.array([10.6, 10.64]), np.array([53.8, 53.81]))[0]
    cover = projection.geometry_to_metres(shapely.from_wkb(store.geometries("teil")["geometry"].to_numpy()))
    cells = candidate_cells(cover, projection)
    view = build(store, ReachState(category="bibliothek", distance=500), cells=cells)
    layers = deck_json(view.deck)["layers"]
    assert layers[-1]["id"] == "cells" and layers[-1]["pickable"] is True
    first = layers[-1]["data"][0]
    assert {"lon", "lat", "polygon", NAME, TIP} <= set(first)
    assert len(layers[-1]["data"]) == len(cells.centres)


def test_centroid_approximation_without_addresses(store: Store) -> None:
    geometries = store.geometries("teil")
    residents = store.values("residents", 2021, "teil")  # B2 (2 residents) is withheld, and B1 with it (its only sibling)
    projection = rv.projection_for(None, np.array([10.6, 10.64]), np.array([53.8, 53.81]))[0]
    origins = rv.origins_from_areas(geometries, residents, projection)
    assert origins.left_out == ("Bergdorf Ost", "Bergdorf West") and origins.weightings == ("residents",)
    view = rv.build_reach(
        origins=origins, projection=projection, crs_declared=False, points=store.points(),
        state=ReachState(category="bibliothek", distance=500, weighting="residents", basis="centroids"),
        category_label="Bibliothek", areas_by_level=[(lvl, store.areas(lvl)) for lvl in store.metadata.level_ids],
        level="bezirk", level_plural="Bezirke", geometries=store.geometries("bezirk"), city="Teststadt",
        min_count=0, min_denominator=0, source="Test", addresses_note=None, cells=None, lang="de",
    )
    numbers = raw(view)
    assert numbers.loc["A"].tolist() == [25.0, 100.0, 400.0]  # A1's centre is the library; A2's is 658 m away
    assert numbers.loc["B"].isna().all()  # no area of B could be placed
    assert view.export.frame.set_index("Gebiets-Nr.").loc["B", "Hinweis"] == "keine Einwohner (Näherung) im Gebiet"
    assert "Näherung: auf der feinsten Ebene ist jeder Wert 0 % oder 100 %, weil jedes Gebiet als ein Punkt zählt." in view.export.notes
    assert "Näherung" in view.indicator_label and any("0 % oder 100 %" in note for note in view.notes)


def test_area_anchor_is_the_address_nearest_the_middle(store: Store) -> None:
    addresses = store.addresses()
    projection = rv.projection_for(None, addresses["lon"], addresses["lat"])[0]
    anchors = rv.area_anchors(rv.origins_from_addresses(addresses, projection)).set_index("area_id")
    assert anchors.loc["A1"].tolist() in ([10.605, 53.806], [10.609, 53.805])  # two addresses: either is nearest the middle
    assert anchors.loc["B1"].tolist() == [10.625, 53.807]
    assert "x1" not in anchors.index


# ---- URL state ---------------------------------------------------------------------------------
BOUNDS = (10.6, 53.8, 10.64, 53.81)
DEFAULT = ReachState(category="digitale_hilfe")


def resolve(query):
    return resolve_reach(query, categories=["bibliothek", "digitale_hilfe"], weightings=REACH_WEIGHTINGS, bases=REACH_BASES, bounds=BOUNDS, default=DEFAULT)


def test_reach_state_round_trip() -> None:
    state = ReachState(category="bibliothek", distance=750, wheelchair_only=True, weighting="residents", basis="centroids",
                       added=((10.61234, 53.80111), (10.63, 53.805)))
    query = reach_query(state)
    assert query["reach_places"] == "10.61234_53.80111~10.63000_53.80500"
    assert resolve(query) == (state, [])
    assert page_query({**query, "lang": "de", "junk": "x"}) == query


def test_bad_reach_urls_fall_back_and_are_reported() -> None:
    state, rejected = resolve({"reach_category": "zoo", "reach_distance": "123", "reach_wheelchair": "maybe",
                               "reach_weight": "cats", "reach_basis": "guess", "reach_places": "10.61_53.805~99_99~abc"})
    assert rejected == ["reach_category", "reach_distance", "reach_wheelchair", "reach_weight", "reach_basis", "reach_places"]
    assert state == ReachState(category="digitale_hilfe", added=((10.61, 53.805),))


def test_adding_and_removing_places() -> None:
    state = add_place(DEFAULT, 10.612345678, 53.8)
    assert state.added == ((10.61235, 53.8),)
    assert add_place(state, 10.61235, 53.8) is state  # already there
    assert add_place(state, math.nan, 53.8) is state
    for number in range(MAX_ADDED_PLACES + 3):
        state = add_place(state, 10.6 + number / 1000, 53.801)
    assert len(state.added) == MAX_ADDED_PLACES
    assert remove_place(state, 0).added == state.added[1:]
    assert remove_place(state).added == ()


def test_the_downloads_render_in_every_format(store: Store) -> None:
    from views.export import FORMATS, Provenance, render

    view = build(store, add_place(ReachState(category="bibliothek", distance=500, weighting="residents"), 10.635, 53.805))
    origin = Provenance(
        dataset="Test", city="Teststadt", attribution="CC0", is_demo=True, suppression="–",
        permalink="http://localhost/reach?reach_places=10.63500_53.80500", exported="2026-12-01T00:00:00+00:00", lang="de",
    )
    for table in (view.export, view.map_export, view.ranking_export):
        for fmt in FORMATS:
            file = render(table, fmt, origin)
            assert file.data and "erreichbarkeit" in file.name and "bibliothek" in file.name
    assert "Einwohner in Reichweite" in view.export.columns and "Wert ohne gedachte Orte" in view.export.columns
    assert list(view.map_export.columns) == ["Gebiets-Nr.", "Gebiet", "Indikator", "Wert", "Einheit", "Hinweis"]
