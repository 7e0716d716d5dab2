"""The inequality page's builder against hand-computed values and the reference data."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import shapely

from loaders.store import Store
from tests import dataset_factory as factory
from tests.conftest import REFERENCE_DATA, require_shared
from tests.rendered import rendered
from views.inequality import area_weights, build_inequality


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


def test_morans_i_and_clusters_on_the_reference_grid(store: Store) -> None:
    table = pd.read_csv(require_shared(REFERENCE_DATA / "synthetic10.csv"))
    features = json.loads((REFERENCE_DATA / "synthetic10.geojson").read_text())["features"]
    geometry = {f["properties"]["id"]: shapely.to_wkb(shapely.geometry.shape(f["geometry"])) for f in features}
    values = pd.DataFrame(
        {
            "area_id": table["id"],
            "name": table["id"],
            "value": table["income"],
            "numerator": np.nan,
            "denominator": np.nan,
        }
    )
    geometries = pd.DataFrame({"area_id": table["id"], "name": table["id"], "geometry": table["id"].map(geometry)})
    view = build_inequality(
        values=values,
        geometries=geometries,
        parents=None,
        population=table.set_index("id")["pop"],
        entry=store.indicator("poverty"),
        period=2021,
        level_plural="districts",
        parent_level=None,
        lang="en",
    )
    # REFERENCE.md: Moran's I of income, queen, row-standardised = 0.719155409441
    assert ("Moran's I (spatial similarity)", "0.72") in view.headlines
    assert rendered(view.sentences[-1]).startswith("Moran's I = 0.72 (p = ")
    assert "areas with similar values cluster together" in rendered(view.sentences[-1])
    # unweighted would differ: the Gini here is weighted by population (reference: 0.213701709250)
    assert view.headlines[0] == ("Gini coefficient", "0.214")
    assert len(view.cluster_table) == 10 and view.deck is not None
    assert "http" not in json.dumps(json.loads(view.deck.to_json()))
