"""The worked example in docs/importer.md is real: its files import, and its report is what the page shows."""
from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import shapely

from loaders.importer import check_import, main, run_import
from loaders.spec import load_spec
from loaders.store import Store
from tests.conftest import REPO_ROOT

DOC = REPO_ROOT / "docs" / "importer.md"
FILE_BLOCK = re.compile(r"<!-- file: (?P<path>[^ ]+) -->\n```[a-z]*\n(?P<body>.*?)\n```", re.S)


def write_example(folder: Path, example: str = "musterstadt") -> Path:
    """Write the files of one worked example (the `<!-- file: … -->` blocks of its folder); return its spec."""
    text = DOC.read_text(encoding="utf-8")
    blocks = list(FILE_BLOCK.finditer(text))
    assert {m.group("path") for m in blocks} == {
        "musterstadt/bevoelkerung.csv",
        "musterstadt/stadtteile.geojson",
        "musterstadt/treffpunkte.csv",
        "musterstadt/import.toml",
        "flussstadt/kennzahlen.csv",
        "flussstadt/stadtteile.geojson",
        "flussstadt/import.toml",
    }
    for match in blocks:
        if match.group("path").startswith(f"{example}/"):
            path = folder / match.group("path")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(match.group("body") + "\n", encoding="utf-8")
    return folder / example / "import.toml"


def documented_report(dataset: str = "Sozialmonitor Musterstadt") -> str:
    text = DOC.read_text(encoding="utf-8")
    return re.search(rf"```text\n(Importbericht: {dataset}.*?)\n```", text, re.S).group(1)


def test_worked_example_imports(tmp_path: Path) -> None:
    spec = write_example(tmp_path)
    out = tmp_path / "data" / "musterstadt"
    report = run_import(load_spec(spec), out)
    assert report.ok, report.text("en")
    areas = pq.read_table(out / "areas.parquet").to_pandas().set_index("area_id")
    assert areas.loc[["1", "2", "11", "12", "21"], "name"].tolist() == ["Mitte", "Nord", "Altstadt", "Hafen", "Nord"]
    # metres in EPSG:25832 came out as longitude/latitude near Lübeck
    min_x, min_y, max_x, max_y = shapely.from_wkb(areas.loc["11", "geometry"]).bounds
    assert 10.6 < min_x < max_x < 10.8 and 53.8 < min_y < max_y < 53.9
    assert areas.loc["11", "area_km2"] == pytest.approx(1.0, rel=0.01)


def test_documented_report_matches_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_example(tmp_path)
    assert main([str(spec), "--check"]) == 0
    assert capsys.readouterr().out.strip() == documented_report().strip()


def test_documented_error_message(tmp_path: Path) -> None:
    spec = write_example(tmp_path)
    csv = spec.parent / "bevoelkerung.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("2023;11 Altstadt;12.410;1.822;2.961;9,5", "2023;11 Altstadt;12.410;1.822;2.961;9.5"), encoding="utf-8")
    report = check_import(load_spec(spec))
    [problem] = report.errors
    assert f"  - {problem.text('de')}" in DOC.read_text(encoding="utf-8")


# --- the second example: one long table mixing the city, its boroughs and its districts --------------


def test_mixed_level_example_imports_to_the_official_totals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_example(tmp_path, "flussstadt")
    assert main([str(spec), "--check"]) == 0
    assert capsys.readouterr().out.strip() == documented_report("Sozialmonitor Flussstadt").strip()
    out = tmp_path / "data"
    report = run_import(load_spec(spec), out)
    assert report.ok
    store = Store(out)
    # the city row of the table, 28.000 residents, 1.445 + 3.077 under 18
    assert store.city_value("einwohner", 2023) == 28000
    assert store.city_value("anteil_u18", 2023) == pytest.approx((1445 + 3077) / 28000 * 100)
    boroughs = store.values("anteil_u18", 2023, "stadtbezirk").set_index("area_id")
    assert boroughs.loc["2", "name"] == "Mitte"
    assert boroughs.loc["2", "value"] == pytest.approx((561 + 1161) / 12045 * 100)  # the row "002 Mitte"
    districts = store.values("einwohner", 2023, "stadtteil")
    assert len(districts) == 7 and districts["value"].sum() == 28000


def _documented_error(heading: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(heading)
    return re.search(r"```text\n(.*?)\n```", text[start:], re.S).group(1)


def test_mixed_level_example_documented_refusals(tmp_path: Path) -> None:
    spec = write_example(tmp_path, "flussstadt")
    toml = spec.read_text(encoding="utf-8")
    naive = re.sub(r"total_ids = .*\nlevel_ids = .*\n", 'skip_ids = ["000"]\n', toml)
    assert naive != toml
    spec.write_text(naive, encoding="utf-8")
    [problem] = check_import(load_spec(spec)).errors
    assert _documented_error("Had the spec only skipped the city row") == f"  - {problem.text('de')}"
    spec.write_text(toml, encoding="utf-8")
    table = spec.parent / "kennzahlen.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("002;Mitte;2023;Einwohner;12.045", "002;Mitte;2023;Einwohner;12.054"), encoding="utf-8")
    [problem] = check_import(load_spec(spec)).errors
    assert _documented_error("And had the statistics office") == f"  - {problem.text('de')}"
