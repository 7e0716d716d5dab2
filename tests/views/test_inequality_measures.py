"""The inequality page's additions against reference values: six measures over all periods, the
between/within decomposition across the levels, and Gi* hot spots corrected for multiple tests."""
from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import shapely

from loaders.store import Store
from metrics.inequality import summary_measures
from metrics.spatial import benjamini_hochberg, contiguity, getis_ord_gi_star
from tests import dataset_factory as factory
from tests.conftest import REFERENCE_DATA, require_shared
from tests.rendered import rendered
from views.inequality import FALSE_DISCOVERY_RATE, ancestors_at, build_inequality, decomposition_by_level, measures_over_time

SYNTHETIC = 1e-9


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store(factory.write_dataset(tmp_path_factory.mktemp("ds") / "tiny"))


@pytest.fixture(scope="module")
def synthetic10() -> pd.DataFrame:
    return pd.read_csv(require_shared(REFERENCE_DATA / "synthetic10.csv"))


def frame(ids, values, denominators=None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_id": list(ids),
            "name": [f"Gebiet {i}" for i in ids],
            "value": list(values),
            "numerator": np.nan,
            "denominator": list(denominators) if denominators is not None else np.nan,
        }
    )


def test_summary_measures_match_the_reference(synthetic10: pd.DataFrame) -> None:
    measures = summary_measures(synthetic10["income"], synthetic10["pop"])
    assert measures["gini"] == pytest.approx(0.213701709250, abs=SYNTHETIC)
    assert measures["theil_t"] == pytest.approx(0.0714963045906, abs=SYNTHETIC)
    assert measures["theil_l"] == pytest.approx(0.0714314905626, abs=SYNTHETIC)
    assert measures["atkinson"] == pytest.approx(0.0352346260672, abs=SYNTHETIC)
    assert measures["hoover"] == pytest.approx(0.161794769158, abs=SYNTHETIC)
    # Palma by hand: ten areas 1 … 10, equal weights: top 10 % hold 10/55, bottom 40 % hold 10/55
    assert summary_measures(np.arange(1.0, 11.0))["palma"] == pytest.approx(1.0)
    # Theil L is undefined with a zero; the others still are
    with_zero = summary_measures([0.0, 1.0, 2.0, 3.0])
    assert math.isnan(with_zero["theil_l"])
    assert with_zero["gini"] == pytest.approx(20 / (2 * 16 * 1.5))  # Σ|xi − xj| / (2 n² μ)


def test_benjamini_hochberg_by_hand() -> None:
    # sorted 0.01, 0.03, 0.04, 0.2 → p·n/rank = 0.04, 0.06, 0.0533, 0.2 → step-up minimum
    adjusted = benjamini_hochberg([0.01, 0.04, 0.03, 0.2, np.nan])
    assert adjusted[:4] == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.2])
    assert math.isnan(adjusted[4])


def test_measures_over_time_follow_each_years_weights(synthetic10: pd.DataFrame, store: Store) -> None:
    ids = synthetic10["id"]
    frames = {
        2020: frame(ids, synthetic10["income"], synthetic10["pop"]),  # weighted by the base
        2021: frame(ids, synthetic10["income"]),  # no base: the population (none here): equally
        2022: frame(ids, [-1.0, *synthetic10["income"][1:]]),  # a negative value: no measures
    }
    view = measures_over_time(frames, {2020: None, 2021: None, 2022: None}, entry=store.indicator("poverty"), level_plural="Bezirke", lang="de")
    assert view.table["Gini"].tolist() == ["0,214", "0,212", "–"]  # weighted 0.2137, unweighted 0.2120 (reference)
    assert view.table["Gewichtet"].tolist() == ["Bezugsgröße", "gleich", "–"]
    assert view.notes == ["2022: das Merkmal hat negative Werte."]
    assert view.export.frame["Theil T"].iloc[0] == pytest.approx(0.0714963045906, abs=SYNTHETIC)
    assert len(view.figure.data) == 6 and len(view.explanations) == 6
    assert "Gini von 0,214 auf 0,212" in view.alt
    english = measures_over_time(frames, {}, entry=store.indicator("poverty"), level_plural="boroughs", lang="en")
    assert english.explanations[0].startswith("Gini: 0 means every area has the same")


def test_a_count_is_measured_per_resident_over_time_and_across_levels(store: Store) -> None:
    # counts 10, 20, 30 with 100, 100, 300 residents: 100, 200, 100 per 1,000, weighted by the
    # residents; by hand Σᵢⱼ wᵢwⱼ|xᵢ − xⱼ| / (2 W² μ) = 2·(100·100·100 + 100·300·100) / (2·500²·120) = 0.1333
    counts = frame(["a", "b", "c"], [10.0, 20.0, 30.0])
    residents = pd.Series({"a": 100.0, "b": 100.0, "c": 300.0})
    count = replace(store.indicator("residents"), indicator_id="clients")  # a count that is not the population
    view = measures_over_time({2022: counts}, {2022: residents}, entry=count, level_plural="Bezirke", lang="de", population_indicator="residents")
    assert view.table["Gini"].tolist() == ["0,133"] and view.table["Gewichtet"].tolist() == ["Bevölkerung"]
    assert view.export.frame["Gini"].iloc[0] == pytest.approx(0.4 / 3)
    # without the residents of every area, or for the population count itself: no numbers, one reason
    missing = measures_over_time({2021: counts, 2022: counts}, {}, entry=count, level_plural="Bezirke", lang="de", population_indicator="residents")
    assert missing.figure is None and missing.notes == [
        "Eine Anzahl misst vor allem, wie groß die Gebiete sind; ohne die Einwohnerzahl jedes Gebiets lässt sie sich nicht je Einwohner rechnen."
    ]
    itself = measures_over_time(
        {2022: counts}, {2022: residents}, entry=store.indicator("residents"), level_plural="Bezirke", lang="de", population_indicator="residents"
    )
    assert itself.figure is None and itself.notes[0].startswith("Die Einwohnerzahl misst vor allem, wie groß die Gebiete sind")
    groups = pd.Series({"a": "X", "b": "X", "c": "Y"})
    by_level = decomposition_by_level(
        counts, groupings=[("Bezirk", groups)], population=residents, entry=count, period=2022, level_plural="Teilgebiete",
        lang="de", population_indicator="residents",
    )
    # Theil T of 100, 200, 100 weighted 100, 100, 300 (μ = 120): between X (150, weight 200) and Y (100, weight 300)
    shares = np.array([100.0, 100.0, 300.0]) / 500
    ratios = np.array([100.0, 200.0, 100.0]) / 120
    total = float(np.sum(shares * ratios * np.log(ratios)))
    between = 0.4 * (150 / 120) * math.log(150 / 120) + 0.6 * (100 / 120) * math.log(100 / 120)
    assert by_level.export.frame["Theil T gesamt"].iloc[0] == pytest.approx(total)
    assert by_level.export.frame["zwischen"].iloc[0] == pytest.approx(between)
    refused = decomposition_by_level(
        counts, groupings=[("Bezirk", groups)], population=None, entry=count, period=2022, level_plural="Teilgebiete", lang="de",
        population_indicator="residents",
    )
    assert refused.export is None and refused.reason.startswith("Eine Anzahl misst vor allem")


def test_decomposition_across_levels_matches_the_mexico_reference(store: Store) -> None:
    mexico = pd.read_csv(require_shared(REFERENCE_DATA / "mexico.csv"))
    ids = [f"S{i:02d}" for i in range(len(mexico))]
    values = frame(ids, mexico["pcgdp1940"])
    regions = pd.Series(mexico["hanson98"].astype(int).astype(str).to_numpy(), index=ids)
    view = decomposition_by_level(
        values, groupings=[("Region", regions), ("Land", pd.Series("MX", index=ids))], population=None,
        entry=store.indicator("index_score"), period=1940, level_plural="Staaten", lang="de",
    )
    first, country = view.export.frame.iloc[0], view.export.frame.iloc[1]
    assert first["Theil T gesamt"] == pytest.approx(0.20894344, abs=1e-7)
    assert first["zwischen"] == pytest.approx(0.0345889, abs=1e-7) and first["innerhalb"] == pytest.approx(0.17435454, abs=1e-7)
    assert first["Anteil zwischen"] == pytest.approx(0.0345889 / 0.20894344 * 100, abs=1e-4)
    assert country["zwischen"] == pytest.approx(0.0) and country["Gruppen"] == 1
    assert "Gruppiert nach „Region“ liegen 17\u00a0% der Ungleichheit" in rendered(view.sentences[0])


def test_ancestors_walk_up_the_levels() -> None:
    teil_to_bezirk = pd.Series({"A1": "A", "A2": "A", "B1": "B"})
    bezirk_to_stadt = pd.Series({"A": "X", "B": "X"})
    assert ancestors_at([teil_to_bezirk, bezirk_to_stadt], 1).to_dict() == {"A1": "A", "A2": "A", "B1": "B"}
    assert ancestors_at([teil_to_bezirk, bezirk_to_stadt], 2).to_dict() == {"A1": "X", "A2": "X", "B1": "X"}


def test_hot_spots_are_the_validated_gi_star_after_the_fdr_correction(synthetic10: pd.DataFrame, store: Store) -> None:
    features = json.loads(require_shared(REFERENCE_DATA / "synthetic10.geojson").read_text(encoding="utf-8"))["features"]
    shapes = [shapely.geometry.shape(f["geometry"]) for f in features]
    ids = [f["properties"]["id"] for f in features]
    geometries = pd.DataFrame({"area_id": ids, "name": [f"Gebiet {i}" for i in ids], "geometry": shapely.to_wkb(shapes)})
    values = frame(ids, synthetic10.set_index("id").loc[ids, "income"], synthetic10.set_index("id").loc[ids, "pop"])
    view = build_inequality(
        values=values, geometries=geometries, parents=None, population=None, entry=store.indicator("poverty"),
        period=2021, level_plural="Bezirke", parent_level=None, lang="de",
    )
    gi = getis_ord_gi_star(values["value"].to_numpy(), contiguity(shapes))
    adjusted = benjamini_hochberg(gi.p_norm)
    expected = np.where(adjusted <= FALSE_DISCOVERY_RATE, np.where(gi.z > 0, "Hot Spot (hoch, mit Nachbarn)", "Cold Spot (niedrig, mit Nachbarn)"), "nicht auffällig")
    table = view.cluster_table
    assert table["Hot/Cold Spot"].tolist() == expected.tolist()
    assert table["Gi* (z-Wert)"].tolist() == [f"{z:.2f}".replace(".", ",").replace("-", "−") for z in gi.z]
    assert view.hot_deck is not None and "10 gleichzeitige Tests" in view.hot_intro
    assert view.cluster_export.frame["p-Wert (FDR-korrigiert)"].to_numpy() == pytest.approx(adjusted)
