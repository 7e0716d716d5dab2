"""The worked example in docs/importer.md is real: its files import, and its report is what the page shows."""
from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import shapely

from loaders.importer import check_import, main, run_import
from loaders.spec import load_spec
from tests.conftest import REPO_ROOT

DOC = REPO_ROOT / "docs" / "importer.md"
FILE_BLOCK = re.compile(r"<!-- file: (?P<path>[^ ]+) -->\n```[a-z]*\n(?P<body>.*?)\n```", re.S)


def write_example(folder: Path) -> Path:
    text = DOC.read_text(encoding="utf-8")
    blocks = list(FILE_BLOCK.finditer(text))
    assert {m.group("path") for m in blocks} == {
        "musterstadt/bevoelkerung.csv",
        "musterstadt/stadtteile.geojson",
        "musterstadt/treffpunkte.csv",
        "musterstadt/import.toml",
    }
    for match in blocks:
        path = folder / match.group("path")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(match.group("body") + "\n", encoding="utf-8")
    return folder / "musterstadt" / "import.toml"


def documented_report() -> str:
    text = DOC.read_text(encoding="utf-8")
    return re.search(r"```text\n(Importbericht: Sozialmonitor Musterstadt.*?)\n```", text, re.S).group(1)


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
