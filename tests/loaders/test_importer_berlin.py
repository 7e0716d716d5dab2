"""Berlin MSS 2021 through the committed spec examples/berlin/import.toml, checked against the raw files."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
import shapely

from loaders.contract import validate_dataset
from loaders.importer import run_import
from loaders.spec import load_spec
from tests.conftest import REPO_ROOT, SHARED_DATA, require_shared

BERLIN = SHARED_DATA / "berlin"
SPEC = REPO_ROOT / "examples" / "berlin" / "import.toml"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    require_shared(BERLIN)
    out = tmp_path_factory.mktemp("berlin") / "dataset"
    report = run_import(load_spec(SPEC), out)
    assert report.ok, report.text("en")
    return out, report


def raw_rows(name: str, **options) -> dict[str, dict[str, str]]:
    """A raw file read with Python's csv module, keyed by Planungsraum id — independent of the importer."""
    with open(BERLIN / name, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, **options))
    key = next(k for k in ("PLR_ID", "PLR-ID", "Planungsraum (Nummer)") if k in rows[0])
    return {row[key]: row for row in rows}


def values(out: Path) -> pd.DataFrame:
    return pq.read_table(out / "values.parquet").to_pandas()


def value(out: Path, area: str, indicator: str, period: int) -> float | None:
    frame = values(out)
    row = frame[(frame.area_id == area) & (frame.indicator_id == indicator) & (frame.period == period)]
    assert len(row) == 1, (area, indicator, period)
    found = row.iloc[0]["value"]
    return None if pd.isna(found) else float(found)


def test_dataset_is_valid_and_report_saved(imported) -> None:
    out, report = imported
    assert validate_dataset(out) == []
    saved = json.loads((out / "import_report.json").read_text())
    assert saved["ok"] and saved["levels"][-1][3] == 542
    assert "Planungsräume (planungsraum): 542, davon 542 mit Geometrie" in (out / "import_report.txt").read_text()


def test_counts_per_level_all_with_geometry(imported) -> None:
    out, report = imported
    assert [(level, count) for level, _, _, count in report.levels] == [
        ("bezirk", 12),
        ("prognoseraum", 58),
        ("bezirksregion", 143),
        ("planungsraum", 542),
    ]
    assert report.areas_with_geometry == {"bezirk": 12, "prognoseraum": 58, "bezirksregion": 143, "planungsraum": 542}
    assert report.areas_without_geometry == [] and report.geometries_without_data == [] and report.unmatched_ids == []


def test_ids_keep_their_leading_zeros_and_the_hierarchy_holds(imported) -> None:
    out, _ = imported
    areas = pq.read_table(out / "areas.parquet").to_pandas().set_index("area_id")
    assert areas.loc["01100101", ["name", "level", "parent_id"]].tolist() == ["Stülerstraße", "planungsraum", "011001"]
    assert areas.loc["011001", ["name", "parent_id"]].tolist() == ["Tiergarten Süd", "0110"]
    assert areas.loc["0110", ["name", "parent_id"]].tolist() == ["Zentrum", "01"]
    assert areas.loc["01", ["name", "level"]].tolist() == ["Mitte", "bezirk"]
    assert pd.isna(areas.loc["01", "parent_id"])
    assert sorted(areas[areas.level == "bezirk"].name) == sorted(
        ["Mitte", "Friedrichshain-Kreuzberg", "Pankow", "Charlottenburg-Wilmersdorf", "Spandau", "Steglitz-Zehlendorf",
         "Tempelhof-Schöneberg", "Neukölln", "Treptow-Köpenick", "Marzahn-Hellersdorf", "Lichtenberg", "Reinickendorf"]
    )
    # every Planungsraum id of the raw files is there, as text
    assert set(areas[areas.level == "planungsraum"].index) == set(raw_rows("berlin_lor2021_plr_hierarchy.csv"))


def test_geometry_is_wgs84_and_levels_are_dissolved(imported) -> None:
    out, _ = imported
    areas = pq.read_table(out / "areas.parquet").to_pandas()
    geometries = areas.set_index("area_id").geometry.map(shapely.from_wkb)
    for geometry in geometries:
        min_x, min_y, max_x, max_y = geometry.bounds
        assert 13.0 < min_x < max_x < 13.8 and 52.3 < min_y < max_y < 52.7
    # Berlin covers 891 km²; every level adds up to it
    for level, total in areas.groupby("level").area_km2.sum().items():
        assert total == pytest.approx(891.1, abs=0.5), level
    # a Bezirk is the union of its Planungsräume
    members = areas[(areas.level == "planungsraum") & areas.area_id.str.startswith("01")].area_id
    union = shapely.union_all(list(geometries[members]))
    assert geometries["01"].symmetric_difference(union).area < 1e-6 * union.area


def test_indicators_and_periods(imported) -> None:
    out, report = imported
    for indicator in ("einwohner", "s1", "s3", "s4", "d1", "d3", "d4", "jugendarbeitslosigkeit", "altersarmut", "anteil_unter18", "gigabit"):
        assert indicator in report.indicators
    assert report.periods == [2020, 2022, 2024]
    catalog = pq.read_table(out / "indicators.parquet").to_pandas().set_index("indicator_id")
    assert catalog.loc["s4", ["kind", "polarity", "scale"]].tolist() == ["share", "higher_worse", 100.0]
    assert catalog.loc["gigabit", "domain"] == "digitale_teilhabe"


def test_sample_of_values_matches_the_raw_files(imported) -> None:
    out, _ = imported
    index = raw_rows("berlin_mss2021_raw_index_indikatoren.csv")
    kontext = raw_rows("berlin_mss2021_raw_kontext_indikatoren.csv")
    for area in ("01100101", "03400831", "08100104", "12601236"):
        for column in ("S1", "S3", "S4", "D1", "D3", "D4"):
            raw = float(index[area][column])
            assert value(out, area, column.lower(), 2020) == (None if raw == -9999 else pytest.approx(raw))
        for column, indicator in (("KI_01", "jugendarbeitslosigkeit"), ("KI_10", "wohndauer_5_jahre"), ("KI_16", "anteil_auslaender")):
            raw = float(kontext[area][column])
            assert value(out, area, indicator, 2020) == (None if raw == -9999 else pytest.approx(raw))
    assert value(out, "01100101", "einwohner", 2020) == 3419
    assert value(out, "01100101", "s4", 2020) == pytest.approx(19.39799)
    # June 2022: share under 18 = (unter6 + 6-15 + 15-18) / Gesamt
    einwohner = raw_rows("berlin_einwohner_2022-06_plr.csv", delimiter=";")["01100101"]
    assert value(out, "01100101", "einwohner", 2022) == float(einwohner["Gesamt"]) == 3503
    under18 = sum(float(einwohner[c]) for c in ("unter6", "6-15", "15-18"))
    assert value(out, "01100101", "anteil_unter18", 2022) == pytest.approx(under18 / 3503 * 100)
    # gigabit: three header rows, " 2 613 " style numbers, "98.3" shares
    assert value(out, "01100101", "gigabit", 2024) == pytest.approx(98.3)
    assert value(out, "01100101", "glasfaser", 2024) == pytest.approx(58.3)
    assert value(out, "12601236", "glasfaser", 2024) == pytest.approx(5.6)


def test_minus_9999_is_missing_never_a_number(imported) -> None:
    out, report = imported
    frame = values(out)
    assert not (frame.value == -9999).any()
    invalid = [a for a, row in raw_rows("berlin_mss2021_raw_index_indikatoren.csv").items() if row["S1"] == "-9999"]
    assert sorted(invalid) == ["03300515", "03400831", "04400725", "05300838", "06200418", "10100205"]
    for area in invalid:
        assert value(out, area, "s1", 2020) is None
        assert value(out, area, "d4", 2020) is None
    assert report.missing_by_indicator["s1"] == 6
    # the empty context columns (K 08, 14, 15) are not in the spec; no indicator is all-missing
    assert all(frame[frame.indicator_id == i].value.notna().any() for i in report.indicators)


def test_points(imported) -> None:
    out, report = imported
    assert report.points == {"pflegeeinrichtung": 274, "jugendfreizeiteinrichtung": 407}
    pois = pq.read_table(out / "pois.parquet").to_pandas().set_index("poi_id")
    assert len(pois) == 681 and pois.index.is_unique
    home = pois.loc["pflegeeinrichtung_511100229"]
    assert home["address"] == "Judith-Auer-Straße 8, 10369 Berlin"
    assert (home["lat"], home["lon"]) == pytest.approx((52.53379, 13.468158))
    assert json.loads(home["attributes"])["plaetze"] == 122
    assert pois.loc["jugendfreizeiteinrichtung_01010003", "name"] == "Freizeithaus am Mauerpark"


def test_coarser_levels_sum_where_the_indicator_allows(imported) -> None:
    """Counts sum and shares with numerator/denominator re-aggregate; MSS percentages do not."""
    out, _ = imported
    from loaders.store import Store

    store = Store(out)
    frame = values(out)
    finest = frame[(frame.indicator_id == "einwohner") & (frame.period == 2022)].assign(bezirk=lambda f: f.area_id.str[:2])
    expected = finest.groupby("bezirk").value.sum()
    bezirke = store.values("einwohner", 2022, "bezirk").set_index("area_id")
    assert bezirke.value.to_dict() == pytest.approx(expected.to_dict())
    assert bezirke.value.sum() == pytest.approx(finest.value.sum())
    assert store.city_value("einwohner", 2022) == pytest.approx(finest.value.sum())
    # the same sums by DuckDB over the output, independent of the store
    duck = dict(
        duckdb.sql(
            f"SELECT substr(area_id, 1, 2), sum(value) FROM '{out / 'values.parquet'}' "
            "WHERE indicator_id = 'einwohner' AND period = 2022 GROUP BY 1"
        ).fetchall()
    )
    assert duck == pytest.approx(expected.to_dict())
    # share under 18: Σ numerator / Σ denominator per Bezirksregion, never a mean of percentages
    shares = frame[(frame.indicator_id == "anteil_unter18") & (frame.period == 2022)].assign(region=lambda f: f.area_id.str[:6])
    sums = shares.groupby("region")[["numerator", "denominator"]].sum()
    regions = store.values("anteil_unter18", 2022, "bezirksregion").set_index("area_id")
    assert regions.value.to_dict() == pytest.approx((sums.numerator / sums.denominator * 100).to_dict())
    # MSS percentages carry no numerator: no aggregate on a coarser level
    assert store.values("s1", 2020, "bezirk").value.isna().all()


def test_social_index_configuration_is_readable(imported) -> None:
    out, _ = imported
    metadata = json.loads((out / "dataset.json").read_text())
    config = metadata["social_index"]
    assert config["status_indicators"] == ["s1", "s3", "s4"] and config["dynamics_indicators"] == ["d1", "d3", "d4"]
    social_index = pytest.importorskip("metrics.social_index")
    parsed = social_index.SocialIndexConfig.from_dict(config, population_indicator=metadata["population_indicator"])
    assert parsed.population_indicator == "einwohner" and parsed.min_population == 300
    assert list(parsed.exclude) == ["10100205"] and parsed.dynamics_span_years == 2


def test_empty_context_columns_are_reported_not_fatal() -> None:
    """K 08, 14 and 15 hold nothing but -9999 and empty cells: named in the report, left out, no crash."""
    require_shared(BERLIN)
    from loaders.importer import check_import
    from loaders.spec import parse_spec

    extra = "".join(
        f'\n[[indicators]]\nid = "{column.lower()}"\ntable = "kontext"\ncolumn = "{column}"\nlabel_de = "{column}"\n'
        f'label_en = "{column}"\ndomain = "wohnen"\nkind = "share"\npolarity = "neutral"\n'
        for column in ("KI_08", "KI_14", "KI_15")
    )
    text = SPEC.read_text(encoding="utf-8")
    text = text.replace("# --- points of interest", extra + "\n# --- points of interest")
    report = check_import(parse_spec(text, SPEC.parent, "import.toml"))
    assert report.ok, report.text("en")
    assert not {"ki_08", "ki_14", "ki_15"} & set(report.indicators)
    left_out = [p.column for p in report.warnings if "every value is missing" in p.expected_en]
    assert [c.split(" ")[1] for c in left_out] == ["(ki_08)", "(ki_14)", "(ki_15)"]
