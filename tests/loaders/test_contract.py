"""Every way of breaking the contract yields a message naming file, column, rows and what was expected."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely

from loaders.contract import (
    ADDRESSES_FILE,
    AREAS_FILE,
    INDICATORS_FILE,
    POIS_FILE,
    VALUES_FILE,
    DatasetError,
    arrow_schema,
    open_metadata,
    validate_dataset,
)
from tests import dataset_factory as factory


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return factory.write_dataset(tmp_path / "ds")


def only_problem(folder: Path):
    problems = validate_dataset(folder)
    assert len(problems) == 1, [p.text("en") for p in problems]
    return problems[0]


def test_the_factory_dataset_is_valid(dataset: Path) -> None:
    assert validate_dataset(dataset) == []
    assert open_metadata(dataset).levels[1].plural("de") == "Teilgebiet"


def test_missing_file(dataset: Path) -> None:
    (dataset / VALUES_FILE).unlink()
    problem = only_problem(dataset)
    assert (problem.file, problem.column) == (VALUES_FILE, None)
    assert problem.text("de") == "values.parquet — Datei fehlt im Datensatz-Ordner"
    assert problem.text("en") == "values.parquet — file is missing from the dataset folder"


def test_missing_metadata_and_broken_json(dataset: Path) -> None:
    (dataset / "dataset.json").write_text('{"name": "x",\n "levels": [', encoding="utf-8")
    problem = only_problem(dataset)
    assert problem.file == "dataset.json"
    assert "line 2" in problem.text("en")


def test_missing_column(dataset: Path) -> None:
    columns = factory.values()
    del columns["period"]
    schema = pa.schema([f for f in arrow_schema(VALUES_FILE) if f.name != "period"])
    factory.write_table(dataset, VALUES_FILE, columns, schema)
    problem = only_problem(dataset)
    assert (problem.file, problem.column) == (VALUES_FILE, "period")
    assert problem.text("en") == "values.parquet, column „period“ — column is missing (expected: integer)"


def test_wrong_type(dataset: Path) -> None:
    columns = factory.areas()
    columns["area_km2"] = [str(v) for v in columns["area_km2"]]
    schema = arrow_schema(AREAS_FILE).set(5, pa.field("area_km2", pa.string()))
    factory.write_table(dataset, AREAS_FILE, columns, schema)
    problem = only_problem(dataset)
    assert (problem.file, problem.column) == (AREAS_FILE, "area_km2")
    assert problem.text("de") == "areas.parquet, Spalte „area_km2“ — falscher Typ string: erwartet Zahl"


def test_duplicate_key(dataset: Path) -> None:
    columns = factory.values()
    for key in columns:
        columns[key].append(columns[key][0])  # row 25 repeats row 1
    factory.write_table(dataset, VALUES_FILE, columns)
    problem = only_problem(dataset)
    assert (problem.file, problem.column) == (VALUES_FILE, "area_id, indicator_id, period")
    assert problem.rows == (1, 25)
    assert problem.values == ("A1 / index_score / 2020",) * 2
    assert "duplicate key" in problem.text("en")


def test_unknown_area_and_unknown_indicator(dataset: Path) -> None:
    columns = factory.values()
    columns["area_id"][3] = "Z9"
    columns["indicator_id"][5] = "nonexistent"
    factory.write_table(dataset, VALUES_FILE, columns)
    problems = {p.column: p for p in validate_dataset(dataset)}
    assert set(problems) == {"area_id", "indicator_id"}
    assert problems["area_id"].rows == (4,) and problems["area_id"].values == ("Z9",)
    assert "unknown area" in problems["area_id"].text("en")
    assert problems["indicator_id"].rows == (6,) and problems["indicator_id"].values == ("nonexistent",)
    assert "unbekannter Indikator" in problems["indicator_id"].text("de")


def test_negative_count(dataset: Path) -> None:
    columns = factory.values()
    row = next(i for i, (ind, area, period) in enumerate(zip(columns["indicator_id"], columns["area_id"], columns["period"]))
               if (ind, area, period) == ("residents", "A2", 2021))
    columns["value"][row] = -300.0
    factory.write_table(dataset, VALUES_FILE, columns)
    problem = only_problem(dataset)
    assert (problem.column, problem.rows) == ("value", (row + 1,))
    assert problem.values == ("residents A2 2021: -300.0",)
    assert "never negative" in problem.text("en")


def test_numerator_larger_than_denominator(dataset: Path) -> None:
    columns = factory.values()
    row = next(i for i, (ind, area, period) in enumerate(zip(columns["indicator_id"], columns["area_id"], columns["period"]))
               if (ind, area, period) == ("poverty", "B1", 2020))
    columns["numerator"][row], columns["denominator"][row], columns["value"][row] = 60.0, 50.0, 120.0
    factory.write_table(dataset, VALUES_FILE, columns)
    problem = only_problem(dataset)
    assert (problem.column, problem.rows) == ("numerator", (row + 1,))
    assert problem.values == ("poverty B1 2020: 60.0 > 50.0",)
    assert "cannot exceed 100 %" in problem.text("en")


def test_value_inconsistent_with_numerator_and_denominator(dataset: Path) -> None:
    columns = factory.values()
    row = columns["indicator_id"].index("poverty")
    columns["value"][row] = 99.0
    factory.write_table(dataset, VALUES_FILE, columns)
    problem = only_problem(dataset)
    assert problem.column == "value" and problem.rows == (row + 1,)
    assert "numerator / denominator × scale" in problem.text("en")


def test_geometry_not_in_wgs84(dataset: Path) -> None:
    columns = factory.areas()
    # the same square in UTM 32N metres, as a statistics office exports it
    columns["geometry"][2] = shapely.to_wkb(shapely.box(605000, 5965000, 606000, 5966000))
    factory.write_table(dataset, AREAS_FILE, columns)
    problem = only_problem(dataset)
    assert (problem.file, problem.column, problem.rows) == (AREAS_FILE, "geometry", (3,))
    assert problem.values == ("A1: x 605000…606000, y 5965000…5966000",)
    assert "EPSG:25832" in problem.text("en") and "WGS84" in problem.text("de")


def test_invalid_and_unreadable_geometry(dataset: Path) -> None:
    columns = factory.areas()
    bowtie = shapely.Polygon([(10.60, 53.80), (10.61, 53.81), (10.61, 53.80), (10.60, 53.81), (10.60, 53.80)])
    columns["geometry"][3] = shapely.to_wkb(bowtie)
    columns["geometry"][4] = b"not wkb"
    columns["geometry"][5] = shapely.to_wkb(shapely.Point(10.6, 53.8))
    factory.write_table(dataset, AREAS_FILE, columns)
    texts = [p.text("en") for p in validate_dataset(dataset)]
    assert texts == [
        "areas.parquet, column „geometry“: rows 5 (B1) — not a readable WKB geometry",
        "areas.parquet, column „geometry“: rows 6 (B2: Point) — expected Polygon or MultiPolygon",
        "areas.parquet, column „geometry“: rows 4 (A2: Self-intersection[10.605 53.805]) — invalid geometry (e.g. self-intersection)",
    ]


def test_parent_of_wrong_level(dataset: Path) -> None:
    columns = factory.areas()
    columns["parent_id"][3] = "B1"  # A2's parent must be a Bezirk, B1 is a Teilgebiet
    factory.write_table(dataset, AREAS_FILE, columns)
    problem = only_problem(dataset)
    assert (problem.column, problem.rows, problem.values) == ("parent_id", (4,), ("A2 → B1",))


def test_catalog_enumerations(dataset: Path) -> None:
    columns = factory.catalog()
    columns["kind"][1] = "percent"
    columns["polarity"][0] = "good"
    factory.write_table(dataset, INDICATORS_FILE, columns)
    problems = {p.column: p for p in validate_dataset(dataset)}
    assert problems["kind"].values == ("percent",) and problems["kind"].rows == (2,)
    assert problems["polarity"].text("en").endswith("expected one of: higher_better, higher_worse, neutral")


def test_pois_out_of_range_and_bad_attributes(dataset: Path) -> None:
    columns = factory.pois()
    columns["lat"][1] = 5965000.0
    columns["attributes"][0] = '{"wheelchair": "maybe"}'
    factory.write_table(dataset, POIS_FILE, columns)
    problems = {p.column: p for p in validate_dataset(dataset)}
    assert problems["lat, lon"].rows == (2,)
    assert problems["attributes"].rows == (1,)


def test_many_offending_rows_are_counted_not_all_listed(dataset: Path) -> None:
    columns = factory.values()
    columns["area_id"] = ["Z"] * len(columns["area_id"])
    columns["period"] = list(range(len(columns["period"])))
    factory.write_table(dataset, VALUES_FILE, columns)
    problem = next(p for p in validate_dataset(dataset) if p.column == "area_id")
    assert len(problem.rows) == 10 and problem.more_rows == 14
    assert problem.text("de").endswith("und 14 weitere — unbekanntes Gebiet: erwartet eine area_id aus areas.parquet")


def test_default_indicator_must_exist(dataset: Path) -> None:
    meta = factory.metadata()
    meta["default"]["indicator"] = "nope"
    (dataset / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")
    problem = only_problem(dataset)
    assert (problem.file, problem.column) == ("dataset.json", "default.indicator")


@pytest.mark.parametrize(
    ("headlines", "expected"),
    [
        (["poverty", "nope"], "unknown indicator 'nope': expected an indicator_id from indicators.parquet"),
        ("poverty", "expected a list of indicator_id"),
    ],
)
def test_headline_indicators_must_be_a_list_of_known_ids(dataset: Path, headlines, expected: str) -> None:
    meta = factory.metadata()
    meta["headline_indicators"] = headlines
    (dataset / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")
    problem = only_problem(dataset)
    assert (problem.file, problem.column) == ("dataset.json", "headline_indicators")
    assert expected in problem.text("en")


def test_open_metadata_raises_with_every_problem(dataset: Path) -> None:
    (dataset / AREAS_FILE).unlink()
    (dataset / INDICATORS_FILE).unlink()
    with pytest.raises(DatasetError) as raised:
        open_metadata(dataset)
    assert [p.file for p in raised.value.problems] == [AREAS_FILE, INDICATORS_FILE]


# addresses (optional)
def test_a_valid_address_table(dataset: Path) -> None:
    factory.write_addresses(dataset)
    assert validate_dataset(dataset) == []
    without_residents = {k: v for k, v in factory.addresses().items() if k != "residents"}
    factory.write_addresses(dataset, without_residents)
    assert validate_dataset(dataset) == []


def test_addresses_need_an_area_of_the_finest_level(dataset: Path) -> None:
    columns = factory.addresses()
    columns["area_id"][0] = "A"  # a Bezirk, not a Teilgebiet
    columns["area_id"][1] = "Q9"
    factory.write_addresses(dataset, columns)
    problem = only_problem(dataset)
    assert (problem.file, problem.column, problem.rows, problem.values) == (ADDRESSES_FILE, "area_id", (1, 2), ("a1 → A", "a2 → Q9"))
    assert "finest level 'teil'" in problem.text("en") and "empty for addresses outside every area" in problem.text("en")


def test_address_coordinates_ids_and_residents(dataset: Path) -> None:
    columns = factory.addresses()
    columns["lat"][2] = 5_965_000.0  # UTM northing in the latitude column
    columns["address_id"][3] = "a1"
    columns["residents"][4] = -1.0
    factory.write_addresses(dataset, columns)
    problems = {p.column: p for p in validate_dataset(dataset)}
    assert problems["lat, lon"].rows == (3,)
    assert problems["address_id"].rows == (1, 4)
    assert problems["residents"].rows == (5,) and "≥ 0" in problems["residents"].text("en")


def test_residents_for_all_addresses_or_none(dataset: Path) -> None:
    columns = factory.addresses()
    columns["residents"][1] = None
    factory.write_addresses(dataset, columns)
    problem = only_problem(dataset)
    assert (problem.column, problem.rows) == ("residents", (2,))
    assert "leave the column out" in problem.text("en")


def test_address_column_types(dataset: Path) -> None:
    columns = factory.addresses()
    columns["residents"] = [str(v) for v in columns["residents"]]
    schema = arrow_schema(ADDRESSES_FILE).append(pa.field("residents", pa.string()))
    factory.write_table(dataset, ADDRESSES_FILE, columns, schema)
    problem = only_problem(dataset)
    assert (problem.column, problem.expected_en) == ("residents", "wrong type string: expected number (or leave the column out)")


@pytest.mark.parametrize("crs", ["EPSG:4326", "nonsense", "EPSG:3857x"])
def test_metric_crs_must_be_projected_in_metres(dataset: Path, crs: str) -> None:
    meta = factory.metadata()
    meta["metric_crs"] = crs
    (dataset / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")
    problem = only_problem(dataset)
    assert (problem.file, problem.column) == ("dataset.json", "metric_crs")
    assert "EPSG:25832" in problem.text("de")


def test_a_declared_metric_crs_is_read(dataset: Path) -> None:
    meta = {**factory.metadata(), "metric_crs": "EPSG:25833", "addresses_note_de": "Hinweis", "addresses_note_en": "Note"}
    (dataset / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")
    metadata = open_metadata(dataset)
    assert (metadata.metric_crs, metadata.addresses_note("de"), metadata.addresses_note("en")) == ("EPSG:25833", "Hinweis", "Note")


def test_a_balance_may_be_negative_but_a_rate_may_not(dataset: Path) -> None:
    factory.add_balance(dataset)
    assert validate_dataset(dataset) == []
    catalog = pq.read_table(dataset / INDICATORS_FILE).to_pydict()
    catalog["kind"] = ["rate" if i == "net_migration" else k for i, k in zip(catalog["indicator_id"], catalog["kind"])]
    factory.write_table(dataset, INDICATORS_FILE, catalog)  # net migration declared as a rate
    problems = validate_dataset(dataset)
    texts = [p.text("en") for p in problems]
    assert any(p.column == "numerator" and "negative numerator" in p.text("en") and "balance" in p.text("en") for p in problems), texts
    assert any(p.column == "value" and "net_migration A2 2020: -100.0" in p.text("en") for p in problems), texts


def test_control_characters_in_shown_texts_are_refused(dataset: Path) -> None:
    areas = factory.areas()
    areas["name"][2] = "Alt\x00stadt"
    factory.write_table(dataset, AREAS_FILE, areas)
    meta = factory.metadata() | {"demo_notice_de": "Demo\x1b[31m"}
    (dataset / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")
    problems = validate_dataset(dataset)
    assert [(p.file, p.column) for p in problems] == [("dataset.json", "demo_notice_de"), (AREAS_FILE, "name")]
    assert problems[1].text("de") == (
        "areas.parquet, Spalte „name“: Zeilen 3 (Alt\ufffdstadt) — Steuerzeichen (z. B. NUL, hier als \ufffd gezeigt) im Text: "
        "erwartet lesbaren Text; Zeichen in der Quelldatei entfernen"
    )
    assert "\x00" not in problems[1].text("en") and "\x1b" not in problems[0].text("en")


def test_the_demo_notice_comes_from_the_dataset(dataset: Path) -> None:
    meta = factory.metadata() | {"demo_notice_de": "Nur ausgedacht.", "demo_notice_en": "All made up."}
    (dataset / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")
    metadata = open_metadata(dataset)
    assert (metadata.demo_notice("de"), metadata.demo_notice("en")) == ("Nur ausgedacht.", "All made up.")
