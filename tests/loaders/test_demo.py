"""The Lübeck demo dataset in data/demo and its generator, loaders/demo.py."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
import shapely

from loaders import demo
from loaders.contract import (
    ADDRESSES_FILE,
    AREAS_FILE,
    DOMAINS,
    INDICATORS_FILE,
    METADATA_FILE,
    POIS_FILE,
    VALUES_FILE,
    arrow_schema,
    validate_dataset,
)
from tests.conftest import REPO_ROOT, SHARED_DATA, require_shared

DEMO = REPO_ROOT / "data" / "demo"
PARQUET_FILES = (AREAS_FILE, INDICATORS_FILE, VALUES_FILE, POIS_FILE, ADDRESSES_FILE)
OPTIONAL = {ADDRESSES_FILE: ("residents",)}
REAL_INDICATORS = {
    "einwohner",
    "anteil_unter_18",
    "anteil_65_plus",
    "altenquotient",
    "durchschnittsalter",
    "geburtenrate",
    "sterberate",
    "wanderungssaldo",
}


def population_csv() -> pd.DataFrame:
    frame = pd.read_csv(require_shared(SHARED_DATA / demo.POPULATION_CSV), dtype={"stadtteil": str})
    frame["stadtteil_id"] = frame["stadtteil"].str[:2]
    return frame


@pytest.fixture(scope="module")
def areas() -> pd.DataFrame:
    return pq.read_table(DEMO / AREAS_FILE).to_pandas()


@pytest.fixture(scope="module")
def catalog() -> pd.DataFrame:
    return pq.read_table(DEMO / INDICATORS_FILE).to_pandas()


@pytest.fixture(scope="module")
def values(areas) -> pd.DataFrame:
    frame = pq.read_table(DEMO / VALUES_FILE).to_pandas()
    return frame.merge(areas[["area_id", "parent_id", "level"]], on="area_id", how="left")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    require_shared(SHARED_DATA / "luebeck")
    return demo.generate(tmp_path_factory.mktemp("regenerated") / "demo", SHARED_DATA)


# (1) the committed files are what the script writes
@pytest.mark.parametrize("name", PARQUET_FILES)
def test_regenerating_gives_identical_parquet(regenerated, name):
    committed, fresh = pq.read_table(DEMO / name), pq.read_table(regenerated / name)
    assert committed.schema.equals(arrow_schema(name, optional=OPTIONAL.get(name, ())))
    assert fresh.schema.equals(arrow_schema(name, optional=OPTIONAL.get(name, ())))
    assert fresh.num_rows == committed.num_rows
    assert fresh.equals(committed), f"{name} differs from a fresh run of `python -m loaders.demo`"


def test_regenerating_gives_identical_metadata(regenerated):
    committed = json.loads((DEMO / METADATA_FILE).read_text(encoding="utf-8"))
    assert json.loads((regenerated / METADATA_FILE).read_text(encoding="utf-8")) == committed


def test_the_folder_holds_only_the_dataset():
    assert sorted(path.name for path in DEMO.iterdir()) == sorted([METADATA_FILE, *PARQUET_FILES])


def test_a_broken_dataset_never_replaces_the_old_one(tmp_path, monkeypatch):
    require_shared(SHARED_DATA / "luebeck")
    out = tmp_path / "demo"
    out.mkdir()
    (out / "marker.txt").write_text("old", encoding="utf-8")
    build = demo.build_dataset

    def broken(shared):
        dataset = build(shared)
        dataset.metadata = {**dataset.metadata, "default": {"indicator": "gibt_es_nicht", "period": 2022, "level": "stadtteil"}}
        return dataset

    monkeypatch.setattr(demo, "build_dataset", broken)
    with pytest.raises(demo.DemoDatasetError, match="gibt_es_nicht"):
        demo.generate(out, SHARED_DATA)
    assert (out / "marker.txt").read_text(encoding="utf-8") == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["demo"]  # no staging folder left behind


# (2) the contract
def test_demo_dataset_is_valid():
    assert [problem.text("en") for problem in validate_dataset(DEMO)] == []


def test_metadata():
    metadata = json.loads((DEMO / METADATA_FILE).read_text(encoding="utf-8"))
    assert metadata["contract_version"] == 1
    assert metadata["is_demo"] is True
    assert metadata["city"] == "Lübeck"
    assert [level["id"] for level in metadata["levels"]] == ["stadtteil", "teilgebiet"]
    assert "synthetisch" in metadata["levels"][1]["label_de"] and "synthetic" in metadata["levels"][1]["label_en"]
    assert metadata["default"] == {"indicator": "sgb2_quote", "period": 2022, "level": "stadtteil"}
    assert metadata["population_indicator"] == "einwohner"
    assert metadata["suppression"] == {"min_count": 3, "min_denominator": 10}
    assert "Schematische Demo-Geometrie" in metadata["geometry_note_de"]
    assert "Schematic demo geometry" in metadata["geometry_note_en"]
    for credit in ("Kommunale Statistikstelle", "CC BY 4.0", "GeoBasis-DE / BKG", "dl-de/by-2.0", "LVermGeo SH", "synthetische", "CC0 1.0"):
        assert credit in metadata["attribution"]
    assert "Adressen (Hauskoordinaten" in metadata["attribution"] and "Addresses (house coordinates" in metadata["attribution"]
    assert metadata["metric_crs"] == "EPSG:25832"
    assert "geschätzt" in metadata["addresses_note_de"] and "estimated" in metadata["addresses_note_en"]


def test_areas(areas):
    stadtteile = areas[areas["level"] == "stadtteil"]
    assert list(zip(stadtteile["area_id"], stadtteile["name"])) == [
        ("01", "Innenstadt"),
        ("02", "St. Jürgen"),
        ("03", "Moisling"),
        ("04", "Buntekuh"),
        ("05", "St. Lorenz Süd"),
        ("06", "St. Lorenz Nord"),
        ("07", "St. Gertrud"),
        ("08", "Schlutup"),
        ("09", "Kücknitz"),
        ("10", "Travemünde"),
    ]
    assert stadtteile["parent_id"].isna().all()
    teilgebiete = areas[areas["level"] == "teilgebiet"]
    assert 25 <= len(teilgebiete) <= 40
    per_stadtteil = teilgebiete.groupby("parent_id").size()
    assert set(per_stadtteil.index) == set(stadtteile["area_id"])
    assert per_stadtteil.between(2, 5).all()
    for row in teilgebiete.itertuples():
        assert row.area_id.startswith(row.parent_id + ".")
        assert row.name.startswith(stadtteile.set_index("area_id").at[row.parent_id, "name"] + " – Teilgebiet ")
    assert areas["area_id"].is_unique
    assert areas["geometry"].notna().all() and (areas["area_km2"] > 0).all()


# (3) the real facts
def test_teilgebiete_sum_exactly_to_the_real_stadtteil_figures(values):
    real = population_csv()
    stadtteile = real[real["stadtteil_id"] != "00"].astype({"jahr": "int32"}).set_index(["jahr", "stadtteil_id"]).sort_index()
    fine = values[values["level"] == "teilgebiet"]
    assert not values[values["indicator_id"].isin(REAL_INDICATORS)]["level"].eq("stadtteil").any()

    def summed(indicator_id: str, column: str) -> pd.Series:
        rows = fine[fine["indicator_id"] == indicator_id]
        return rows.groupby(["period", "parent_id"])[column].sum().rename_axis(["jahr", "stadtteil_id"])

    residents = summed("einwohner", "value")
    assert len(residents) == 13 * 10
    pd.testing.assert_series_equal(residents, stadtteile["einwohner"].astype(float), check_names=False)
    pd.testing.assert_series_equal(summed("anteil_unter_18", "numerator"), stadtteile["kinder"].astype(float), check_names=False)
    pd.testing.assert_series_equal(summed("anteil_65_plus", "numerator"), stadtteile["aeltere"].astype(float), check_names=False)
    pd.testing.assert_series_equal(summed("altenquotient", "denominator"), stadtteile["erwachsene"].astype(float), check_names=False)
    pd.testing.assert_series_equal(summed("geburtenrate", "numerator"), stadtteile["geburten"].astype(float), check_names=False)
    pd.testing.assert_series_equal(summed("sterberate", "numerator"), stadtteile["sterbefaelle"].astype(float), check_names=False)
    balance = (stadtteile["zuzuege"] - stadtteile["wegzuege"]).astype(float)
    pd.testing.assert_series_equal(summed("wanderungssaldo", "numerator"), balance, check_names=False)
    # the average age aggregates back (Σ years of age / Σ residents) to the real one
    mean_age = summed("durchschnittsalter", "numerator") / summed("durchschnittsalter", "denominator")
    np.testing.assert_allclose(mean_age.to_numpy(), stadtteile["durchschnittsalter"].to_numpy(), rtol=1e-12)
    assert (fine[fine["indicator_id"] == "einwohner"]["value"] % 1 == 0).all()


def test_the_city_total_is_the_sum_of_the_stadtteile_not_the_published_total(values):
    real = population_csv()
    published = real[real["stadtteil_id"] == "00"].set_index("jahr")["einwohner"]
    demo_total = values[values["indicator_id"] == "einwohner"].groupby("period")["value"].sum()
    differences = {int(year): int(demo_total[year] - published[year]) for year in published.index if demo_total[year] != published[year]}
    assert differences == {2015: -3}  # the source is off by 3 in 2015: noted, not faked


def test_the_catalog_notes_the_2015_difference(catalog):
    description = catalog.set_index("indicator_id").at["einwohner", "description_de"]
    assert "2015: -3" in description


# (4) coverage
def test_indicators_years_and_domains(catalog, values):
    assert len(catalog) >= 24
    assert set(catalog["domain"]) == set(DOMAINS)
    periods = values.groupby("indicator_id")["period"].agg(["min", "max", "nunique"])
    assert set(periods.index) == set(catalog["indicator_id"])
    assert (periods["nunique"] >= 10).all()
    assert (periods["min"] == 2010).all() and (periods["max"] == 2022).all()
    assert values.groupby(["indicator_id", "period"]).size().eq(len(values["area_id"].unique())).all()


def test_every_ratio_has_numerator_and_denominator(catalog, values):
    kinds = catalog.set_index("indicator_id")["kind"]
    ratios = values[values["indicator_id"].map(kinds).isin(["share", "rate", "mean"])]
    assert ratios["numerator"].notna().all() and ratios["denominator"].notna().all()
    assert (ratios["denominator"] > 0).all()
    assert values["value"].notna().all()
    shares = catalog[catalog["kind"] == "share"]
    assert (shares["scale"] == 100).all() and (shares["decimals"] == 1).all()
    counts = values[values["indicator_id"].map(kinds) == "count"]
    assert counts["numerator"].isna().all() and counts["denominator"].isna().all()


def test_suppression_sometimes_triggers_on_teilgebiete(values):
    ratios = values[values["numerator"].notna()]
    small = ((ratios["numerator"] > 0) & (ratios["numerator"] < 3)) | (ratios["denominator"] < 10)
    assert 0 < small.mean() < 0.03


# (5) real versus synthetic
def test_catalog_marks_real_and_synthetic(catalog):
    real = catalog[~catalog["is_synthetic"]]
    assert set(real["indicator_id"]) == REAL_INDICATORS
    assert (real["source"] == "Hansestadt Lübeck, Kommunale Statistikstelle").all()
    assert (real["licence"] == "CC BY 4.0").all()
    assert real["description_de"].str.contains("Teilgebiete ist synthetisch").all()
    assert real["description_en"].str.contains("sub-areas is synthetic").all()
    synthetic = catalog[catalog["is_synthetic"]]
    assert len(synthetic) >= 18
    assert (synthetic["source"] == "Synthetische Demodaten (Sozialmonitor)").all()
    assert (synthetic["licence"] == "CC0 1.0").all()
    assert synthetic["description_de"].str.contains("Synthetische Demodaten").all()
    for column in ("label_de", "label_en", "description_de", "description_en", "unit_de", "unit_en", "vintage"):
        assert catalog[column].str.strip().ne("").all(), column


# (6) structured like reality
def test_poverty_indicators_correlate_across_teilgebiete(values):
    latest = values[(values["period"] == 2022) & (values["level"] == "teilgebiet")].pivot(
        index="area_id", columns="indicator_id", values="value"
    )
    assert latest["sgb2_quote"].corr(latest["kinderarmut"]) > 0.7
    assert latest["sgb2_quote"].corr(latest["arbeitslosenanteil"]) > 0.7
    assert latest["sgb2_quote"].corr(latest["beschaeftigungsquote"]) < 0
    assert 4 <= latest["sgb2_quote"].min() and latest["sgb2_quote"].max() <= 35


def test_deprived_and_affluent_stadtteile(values):
    rows = values[(values["indicator_id"] == "sgb2_quote") & (values["period"] == 2022)]
    by_stadtteil = rows.groupby("parent_id")["numerator"].sum() / rows.groupby("parent_id")["denominator"].sum()
    assert by_stadtteil[["03", "04", "06"]].min() > by_stadtteil[["02", "07", "10"]].max()


def test_trends(values):
    def city(indicator_id: str) -> pd.Series:
        rows = values[values["indicator_id"] == indicator_id]
        return rows.groupby("period")["numerator"].sum() / rows.groupby("period")["denominator"].sum() * 100

    unemployment = city("arbeitslosenanteil")
    assert unemployment[2019] < unemployment[2010] and unemployment[2020] > unemployment[2019]
    gigabit, fibre = city("gigabit_haushalte"), city("glasfaser_haushalte")
    assert gigabit[2022] > 60 > 10 > gigabit[2010]
    assert (gigabit >= fibre).all()


# (7) geometry
def test_stadtteile_lie_inside_the_city_outline(areas):
    outline = demo.read_outline(require_shared(SHARED_DATA))
    stadtteile = areas[areas["level"] == "stadtteil"]
    assert len(stadtteile) == 10
    shapes = [shapely.from_wkb(blob) for blob in stadtteile["geometry"]]
    for shape in shapes:
        assert shape.geom_type in ("Polygon", "MultiPolygon") and shape.is_valid
    union = shapely.union_all(shapes)
    assert outline.buffer(1e-5).contains(union)  # inside, up to ≈ 1 m of coordinate snapping
    assert 0.8 < union.area / outline.area < 1.0  # the water of the Trave is cut out
    assert sum(shapely.get_num_coordinates(shape) for shape in shapes) < 2000  # loads fast


def test_teilgebiete_lie_within_their_stadtteil(areas):
    shapes = {row.area_id: shapely.from_wkb(row.geometry) for row in areas.itertuples()}
    teilgebiete = areas[areas["level"] == "teilgebiet"]
    for row in teilgebiete.itertuples():
        part, whole = shapes[row.area_id], shapes[row.parent_id]
        assert part.is_valid
        assert part.difference(whole).area <= 1e-12, row.area_id
    for stadtteil_id, group in teilgebiete.groupby("parent_id"):
        union = shapely.union_all([shapes[area_id] for area_id in group["area_id"]])
        assert union.symmetric_difference(shapes[stadtteil_id]).area <= 1e-10, stadtteil_id


def test_area_km2_is_the_metric_area(areas):
    for row in areas.itertuples():
        assert row.area_km2 == pytest.approx(demo.area_km2(shapely.from_wkb(row.geometry)), abs=1e-4)
    total = areas[areas["level"] == "stadtteil"]["area_km2"].sum()
    assert 180 < total < 214  # Lübeck: 214 km² including water


# points of interest
def test_points_of_interest(areas):
    pois = pq.read_table(DEMO / POIS_FILE).to_pandas()
    assert 40 <= len(pois) <= 60
    assert {"digitale_hilfe", "bibliothek", "sozialberatung"} <= set(pois["category"])
    assert pois["name"].str.endswith("(Demo)").all()
    assert pois["address"].str.contains(r", 235\d\d Lübeck$").all()
    attributes = [json.loads(text) for text in pois["attributes"]]
    assert {item["wheelchair"] for item in attributes} == {"yes", "limited", "no"}
    assert all(isinstance(item["digital_help"], bool) for item in attributes)
    assert all(item["digital_help"] for item, category in zip(attributes, pois["category"]) if category == "digitale_hilfe")
    stadtteile = areas[areas["level"] == "stadtteil"]
    shapes = [shapely.from_wkb(blob) for blob in stadtteile["geometry"]]
    for name, lon, lat in zip(pois["name"], pois["lon"], pois["lat"]):
        inside = [area_name for area_name, shape in zip(stadtteile["name"], shapes) if shape.contains(shapely.Point(lon, lat))]
        assert len(inside) == 1, name
        if "Stadtbibliothek" not in name:
            assert inside[0] in name, name


# addresses
def test_addresses_are_the_real_ones_each_in_the_teilgebiet_that_contains_it(areas, values):
    real = pd.read_parquet(require_shared(SHARED_DATA / demo.ADDRESSES_PARQUET), columns=["uri", "lat", "lon"])
    addresses = pq.read_table(DEMO / ADDRESSES_FILE).to_pandas()
    assert len(addresses) == len(real) == 51_568
    assert addresses["address_id"].is_unique
    merged = addresses.merge(real.assign(address_id=real["uri"].str.split("Address_").str[-1]), on="address_id", suffixes=("", "_real"))
    assert len(merged) == len(real)
    assert (merged["lon"] - merged["lon_real"]).abs().max() <= 5.001e-6 and (merged["lat"] - merged["lat_real"]).abs().max() <= 5.001e-6
    # a point-in-polygon check on point geometries (the generator tests coordinates), one Teilgebiet at a time
    teilgebiete = areas[areas["level"] == "teilgebiet"]
    points = shapely.points(merged["lon_real"].to_numpy(), merged["lat_real"].to_numpy())
    expected = pd.Series(None, index=merged.index, dtype=object)
    for row in teilgebiete.itertuples():
        shape = shapely.from_wkb(row.geometry)
        shapely.prepare(shape)
        inside = shapely.contains(shape, points)
        assert expected[inside].isna().all()
        expected[inside] = row.area_id
    assert merged["area_id"].fillna("–").tolist() == expected.fillna("–").tolist()
    outside = int(merged["area_id"].isna().sum())
    assert 0 < outside < 0.03 * len(merged)  # in the water cut out of the schematic geometry: kept, counted, not assigned
    assert merged.loc[merged["area_id"].isna(), "residents"].isna().all()


def test_residents_per_address_add_up_to_the_teilgebiet_residents(values):
    addresses = pq.read_table(DEMO / ADDRESSES_FILE).to_pandas()
    residents = values[(values["indicator_id"] == "einwohner") & (values["period"] == 2022)].set_index("area_id")["value"]
    summed = addresses.groupby("area_id")["residents"].sum()
    assert set(summed.index) == set(residents.index)
    np.testing.assert_allclose(summed.sort_index().to_numpy(), residents.sort_index().to_numpy(), rtol=1e-12)
    assert addresses.groupby("area_id")["residents"].nunique().eq(1).all()  # an equal part for every address of a Teilgebiet


def test_the_address_file_stays_small():
    assert (DEMO / ADDRESSES_FILE).stat().st_size < 700_000


def test_net_migration_is_a_balance_with_negative_numerators(catalog, values) -> None:
    entry = catalog.set_index("indicator_id").loc["wanderungssaldo"]
    assert (entry["kind"], entry["scale"]) == ("balance", 1000.0)
    net = values[values["indicator_id"] == "wanderungssaldo"]
    assert (net["numerator"] < 0).any() and (net["numerator"] > 0).any()
    assert (net["denominator"] > 0).all()
