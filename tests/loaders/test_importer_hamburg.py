"""Hamburg's Stadtteil-Profile through examples/hamburg/import.toml: a third city, names as ids."""
from __future__ import annotations

import csv

import pyarrow.parquet as pq
import pytest

from loaders.contract import validate_dataset
from loaders.importer import check_import, run_import
from loaders.spec import load_spec, parse_spec
from tests.conftest import REPO_ROOT, SHARED_DATA, require_shared

HAMBURG = SHARED_DATA / "hamburg"
SPEC = REPO_ROOT / "examples" / "hamburg" / "import.toml"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    require_shared(HAMBURG)
    out = tmp_path_factory.mktemp("hamburg") / "dataset"
    report = run_import(load_spec(SPEC), out)
    assert report.ok, report.text("en")
    return out, report


def test_99_stadtteile_all_drawn(imported) -> None:
    out, report = imported
    assert validate_dataset(out) == []
    assert report.levels[0][3] == 99 and report.areas_with_geometry == {"stadtteil": 99}
    # the profile has no Neuwerk: its boundary is the one without data
    assert [u.value for u in report.geometries_without_data] == ["Neuwerk"]
    areas = pq.read_table(out / "areas.parquet").to_pandas().set_index("area_id")
    assert "Eimsbüttel" in areas.index and "Hamburg-Mitte" not in areas.index  # a Stadtteil, not the Bezirk


def test_values_with_spaces_between_thousands(imported) -> None:
    out, report = imported
    with open(HAMBURG / "hamburg_stadtteilprofile_2014.csv", encoding="utf-8", newline="") as handle:
        raw = {row["Stadtgebiet"]: row for row in csv.DictReader(handle, delimiter=";")}
    values = pq.read_table(out / "values.parquet").to_pandas().set_index(["area_id", "indicator_id", "period"])
    assert values.loc[("St. Pauli", "einwohner", 2013), "value"] == int(raw["St. Pauli"]["Bevölkerung"].replace(" ", "")) == 22392
    share = values.loc[("St. Pauli", "sgb2_anteil", 2013), "value"]
    published = float(raw["St. Pauli"]["Anteil der Leistungs-empfänger/-innen nach SGB II in % (Dez 2013)"].replace(",", "."))
    assert share == pytest.approx(published, abs=0.05)
    assert values.loc[("St. Pauli", "einkommen", 2010), "value"] == 25615
    # "." (secret) is missing, never 0
    assert raw["Hamburg-Altstadt"]["Preise für Eigentums-wohnungen in EUR/m² (Jan 2014)"].strip() == "."
    assert pd_isna(values.loc[("Hamburg-Altstadt", "preis_eigentumswohnung", 2014), "value"])
    assert report.missing_by_indicator["preis_eigentumswohnung"] == 28


def pd_isna(value) -> bool:
    return value is None or value != value


def test_st_pauli_is_suggested_without_the_rename() -> None:
    require_shared(HAMBURG)
    text = SPEC.read_text(encoding="utf-8")
    text = text.replace('"St.Pauli" = "St. Pauli", ', "")
    report = check_import(parse_spec(text, SPEC.parent, "import.toml"))
    suggestions = {u.value: u.suggestions for u in report.geometries_without_data}
    assert suggestions["St.Pauli"] == ("St. Pauli",)
    assert "„St.Pauli“ (hamburg_stadtteile_osm.geojson, Spalte „Stadtteil“, Feature 87) — meinten Sie „St. Pauli“?" in report.text("de")
