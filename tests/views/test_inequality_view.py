"""The inequality page's builder against hand-computed values and the reference data."""
from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import shapely
import shapely.affinity

from loaders.store import Store
from tests import dataset_factory as factory
from tests.conftest import REFERENCE_DATA, require_shared
from tests.rendered import rendered
from metrics.spatial import morans_i
from views.i18n import format_number, format_value
from views.inequality import area_weights, build_inequality


# REFERENCE.md's queen neighbours of synthetic10 (positions D0 … D9)
SYNTHETIC10_QUEEN_BY_ID = {
    0: [1, 5, 6], 1: [0, 2, 5, 6, 7], 2: [1, 3, 6, 7, 8], 3: [2, 4, 7, 8, 9], 4: [3, 8, 9],
    5: [0, 1, 6], 6: [0, 1, 2, 5, 7], 7: [1, 2, 3, 6, 8], 8: [2, 3, 4, 7, 9], 9: [3, 4, 8],
}  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store(factory.write_dataset(tmp_path_factory.mktemp("ds") / "tiny"))


def tiny_view(store: Store, lang: str = "de"):
    """The tiny dataset's poverty 2021 with only B2 missing (as if just B2 were withheld)."""
    areas = store.areas("teil")
    values = pd.DataFrame(
        {
            "area_id": ["A1", "A2", "B1", "B2"],
            "name": ["Altstadt Nord", "Altstadt Süd", "Bergdorf West", "Bergdorf Ost"],
            "value": [10.0, 30.0, 10.0, np.nan],
            "numerator": [10.0, 90.0, 5.0, np.nan],
            "denominator": [100.0, 300.0, 50.0, np.nan],
        }
    )
    return build_inequality(
        values=values,
        geometries=store.geometries("teil"),
        parents=areas.set_index("area_id")["parent_id"],
        population=store.values("residents", 2021, "teil").set_index("area_id")["value"],
        entry=store.indicator("poverty"),
        period=2021,
        level_plural="Teilgebiete",
        parent_level="Bezirk",
        lang=lang,
    )


def test_gini_and_decomposition_by_hand(store: Store) -> None:
    view = tiny_view(store)
    # B2 is withheld. Persons: 100 at 10 %, 300 at 30 %, 50 at 10 % → 150 at 10, 300 at 30;
    # Gini = 2·150·300·20 / (2 · 450² · 23.33…) = 4/21 = 0.190…
    assert view.headlines[0] == ("Gini-Koeffizient", "0,190")
    # Theil T by hand: between the Bezirke A (mean 25, 400 persons) and B (mean 10, 50 persons)
    mu = (150 * 10 + 300 * 30) / 450
    total = (150 / 450) * (10 / mu) * np.log(10 / mu) + (300 / 450) * (30 / mu) * np.log(30 / mu)
    between = (400 / 450) * (25 / mu) * np.log(25 / mu) + (50 / 450) * (10 / mu) * np.log(10 / mu)
    assert view.headlines[1] == ("Anteil zwischen Gebieten der Ebene „Bezirk“", f"{round(between / total * 100)}\u00a0%")
    assert rendered(view.sentences[1]).startswith(f"Von der Ungleichheit (Theil-Index {total:.3f}".replace(".", ","))
    assert "gewichtet mit der Bezugsgröße jedes Gebiets (Nenner)" in rendered(view.sentences[0])
    # too few areas for the spatial statistics: said, not computed
    assert rendered(view.sentences[2]) == "Moran's I ist hier nicht definiert: zu wenige Gebiete mit Wert und Grenzen (mindestens 8 nötig)."
    assert view.deck is None
    assert view.lorenz_table.iloc[-1].tolist() == ["100,0\u00a0%", "100,0\u00a0%"]


def test_weights_fall_back_from_denominator_to_population_to_none() -> None:
    values = pd.DataFrame({"area_id": ["a", "b"], "denominator": [np.nan, 5.0]})
    weights, kind = area_weights(values, pd.Series({"a": 10.0, "b": 20.0}))
    assert kind == "population" and weights.tolist() == [10.0, 20.0]
    assert area_weights(values, None) == (None, "none")


def test_negative_values_are_explained_not_computed(store: Store) -> None:
    values = store.values("poverty", 2021, "teil").assign(value=[-1.0, 2.0, 3.0, np.nan], denominator=np.nan)
    view = build_inequality(
        values=values,
        geometries=store.geometries("teil"),
        parents=None,
        population=None,
        entry=store.indicator("poverty"),
        period=2021,
        level_plural="sub-areas",
        parent_level=None,
        lang="en",
    )
    assert view.headlines == []
    assert rendered(view.sentences[0]) == "Gini coefficient is not defined here: the indicator has negative values."
    assert view.lorenz is None


def reference_grid(shift_last: float = 0.0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """REFERENCE.md's synthetic10 grid (5 × 2 unit squares) as values and geometries; the last
    area (D9, bottom right) moved `shift_last` units to the right."""
    table = pd.read_csv(require_shared(REFERENCE_DATA / "synthetic10.csv"))
    features = json.loads((REFERENCE_DATA / "synthetic10.geojson").read_text())["features"]
    shapes = {f["properties"]["id"]: shapely.geometry.shape(f["geometry"]) for f in features}
    shapes["D9"] = shapely.affinity.translate(shapes["D9"], xoff=shift_last)
    values = pd.DataFrame({"area_id": table["id"], "name": table["id"], "value": table["income"], "numerator": np.nan, "denominator": np.nan, "pop": table["pop"]})
    geometries = pd.DataFrame({"area_id": table["id"], "name": table["id"], "geometry": table["id"].map(lambda i: shapely.to_wkb(shapes[i]))})
    return values, geometries


def grid_view(store: Store, values: pd.DataFrame, geometries: pd.DataFrame, *, entry=None, population=True, lang: str = "en", population_indicator=None):
    return build_inequality(
        values=values.drop(columns="pop"),
        geometries=geometries,
        parents=None,
        population=values.set_index("area_id")["pop"] if population else None,
        entry=entry or store.indicator("poverty"),
        period=2021,
        level_plural="districts",
        parent_level=None,
        lang=lang,
        population_indicator=population_indicator,
    )


def test_morans_i_and_clusters_on_the_reference_grid(store: Store) -> None:
    values, geometries = reference_grid()
    view = grid_view(store, values, geometries)
    # REFERENCE.md: Moran's I of income, queen, row-standardised = 0.719155409441
    assert ("Moran's I (spatial similarity)", "0.72") in view.headlines
    moran = rendered(view.sentences[1])
    assert moran.startswith("Moran's I = 0.72 (p = ")
    assert "areas with similar values cluster together" in moran
    # unweighted would differ: the Gini here is weighted by population (reference: 0.213701709250)
    assert view.headlines[0] == ("Gini coefficient", "0.214")
    assert len(view.cluster_table) == 10 and view.deck is not None
    assert "http" not in json.dumps(json.loads(view.deck.to_json()))
    assert view.attached == {}
    assert view.cluster_table_note == ""  # ten areas: all shown


def test_a_long_cluster_table_shows_its_first_rows_and_says_so(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import views.inequality

    values, geometries = reference_grid()
    full = grid_view(store, values, geometries)
    monkeypatch.setattr(views.inequality, "SCREEN_ROWS", 4)
    view = grid_view(store, values, geometries)
    pd.testing.assert_frame_equal(view.cluster_table, full.cluster_table.head(4))  # the first rows, as the full table has them
    assert view.cluster_table_note == "The table shows the first 4 of 10 rows in this order; the download holds them all."
    assert len(view.cluster_export.frame) == 10


@pytest.mark.parametrize("lang", ["de", "en"])
def test_fewer_than_30_areas_carry_a_note_on_little_power(store: Store, lang: str) -> None:
    values, geometries = reference_grid()
    view = grid_view(store, values, geometries, lang=lang)
    note = {
        "de": "Nur 10 Gebiete: Bei weniger als 30 Gebieten haben Moran's I und die lokalen Häufungen (LISA) wenig Aussagekraft.",
        "en": "Only 10 areas: with fewer than 30 areas, Moran's I and the local clusters (LISA) have little power.",
    }[lang]
    assert [rendered(n) for n in view.spatial_notes] == [rendered(view.sentences[2])]
    assert rendered(view.sentences[2]).startswith(note)
    assert rendered(view.sentences[2]) in view.cluster_export.notes[2] or note in rendered(view.cluster_export.notes[2])


def test_30_areas_carry_no_note_on_power(store: Store) -> None:
    # a 6 × 5 lattice of unit squares, values rising to the right: 30 areas, a clear pattern
    boxes = [shapely.box(c, r, c + 1, r + 1) for r in range(5) for c in range(6)]
    ids = [f"Q{i:02d}" for i in range(30)]
    values = pd.DataFrame({"area_id": ids, "name": ids, "value": [float(i % 6 + i // 6 % 2) for i in range(30)], "numerator": np.nan, "denominator": np.nan, "pop": 1000.0})
    geometries = pd.DataFrame({"area_id": ids, "name": ids, "geometry": [shapely.to_wkb(b) for b in boxes]})
    view = grid_view(store, values, geometries)
    assert view.spatial_notes == [] and view.attached == {}
    assert not any("little power" in rendered(s) for s in view.sentences)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_island_gets_its_nearest_area_as_neighbour_and_the_note_says_so(store: Store, lang: str) -> None:
    # D9 (x 4–5, y 0–1) moved to x 7–8: it touches nothing; D4 (x 4–5, y 1–2) is 2 away, D8 3
    values, geometries = reference_grid(shift_last=3.0)
    view = grid_view(store, values, geometries, lang=lang)
    assert view.attached == {"D9": "D4"}
    by_hand = dict(SYNTHETIC10_QUEEN_BY_ID)
    by_hand.update({9: [4], 4: [3, 8, 9], 3: [2, 4, 7, 8], 8: [2, 3, 4, 7]})
    expected = morans_i(values["value"].to_numpy(), by_hand, permutations=0).I
    assert ({"de": "Moran's I (räumliche Ähnlichkeit)", "en": "Moran's I (spatial similarity)"}[lang], format_number(expected, lang, 2)) in view.headlines
    assert expected != pytest.approx(0.719155409441, abs=1e-3)  # the graph did change
    note = {
        "de": "Ohne angrenzendes Gebiet: D9 (nächstes Gebiet: D4). Als Nachbar gilt dort in Moran's I und LISA das nächstgelegene Gebiet.",
        "en": "No adjoining area: D9 (nearest area: D4). There Moran's I and LISA take the nearest area as its neighbour.",
    }[lang]
    assert note in [rendered(n) for n in view.spatial_notes]
    assert note in [rendered(n) for n in view.sentences]
    # the island is analysed, not left out: it has a local Moran's I
    local = view.cluster_table.set_index(view.cluster_table.columns[0]).iloc[:, 3]
    assert local["D9"] not in ("", "–") and local.notna().all()


def test_a_count_is_analysed_per_resident(store: Store) -> None:
    # a count equal to income × residents / 1,000 is `income` per 1,000 residents: the reference
    # values of income hold (Gini weighted by population 0.213701709250, Moran's I 0.719155409441)
    values, geometries = reference_grid()
    counts = values.assign(value=values["value"] * values["pop"] / 1000)
    entry = replace(store.indicator("residents"), indicator_id="recipients", label_en="Recipients")
    view = grid_view(store, counts, geometries, entry=entry, population_indicator="residents")
    assert view.headlines[0] == ("Gini coefficient", "0.214")
    assert ("Moran's I (spatial similarity)", "0.72") in view.headlines
    assert rendered(view.sentences[0]) == (
        "Recipients is a count: large areas have more of it because of their size alone. The Gini, Theil, Lorenz curve "
        "and Moran's I therefore rest on Recipients per 1,000 residents, weighted by the residents."
    )
    assert "weighted by each area's population" in rendered(view.sentences[1])
    # the table shows the count as stored and the figure per 1,000 residents beside it
    first = view.cluster_table.iloc[0]
    assert first["Value"] == format_value(12000 * 28.4 / 1000, entry.unit_en, "en", int(entry.decimals))
    assert first["per 1,000 residents"] == "28.4"
    assert "per 1,000 residents" in view.cluster_export.frame.columns


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_population_count_and_a_count_without_residents_are_not_analysed(store: Store, lang: str) -> None:
    values, geometries = reference_grid()
    residents = values.assign(value=values["pop"].astype(float))
    view = grid_view(store, residents, geometries, entry=store.indicator("residents"), population_indicator="residents", lang=lang)
    assert view.headlines == [] and view.lorenz is None and view.deck is None and view.lorenz_points is None
    start = {"de": "Gini, Theil und Moran's I werden für Residents nicht berechnet: Die Einwohnerzahl misst vor allem, wie groß die Gebiete sind",
             "en": "The Gini, Theil and Moran's I are not computed for Residents: The number of residents mostly measures how large the areas are"}[lang]
    label = store.indicator("residents").label(lang)
    assert [rendered(s) for s in view.sentences] == [rendered(view.sentences[0])]
    assert rendered(view.sentences[0]).startswith(start.replace("Residents", label))
    other = replace(store.indicator("residents"), indicator_id="recipients")
    view = grid_view(store, residents, geometries, entry=other, population=False, population_indicator="residents", lang=lang)
    assert view.headlines == [] and view.deck is None
    assert {"de": "ohne die Einwohnerzahl jedes Gebiets", "en": "without the residents of every area"}[lang] in rendered(view.sentences[0])
