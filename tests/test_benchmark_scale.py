"""The scale benchmark cannot rot: its generator writes valid datasets and one page runs through it at a tiny size.

No timing is asserted (timings belong to the benchmark's table, docs/performance.md).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from benchmarks import scale
from benchmarks.scale_data import write_long_csv, write_scale_dataset
from loaders.contract import validate_dataset

AREAS = 200


def test_generated_dataset_passes_the_contract_and_is_reproducible(tmp_path: Path) -> None:
    first = write_scale_dataset(tmp_path / "a", areas=AREAS, indicators=30, periods=15, seed=5)
    assert validate_dataset(tmp_path / "a") == []
    # 200 blocks → 10 districts of 20 → 1 borough
    assert first == {"areas": AREAS + 10 + 1, "finest": AREAS, "indicators": 30, "value_rows": AREAS * 30 * 15}
    areas = pq.read_table(tmp_path / "a" / "areas.parquet")
    levels = pc.value_counts(areas.column("level")).to_pylist()
    assert {entry["values"]: entry["counts"] for entry in levels} == {"bezirk": 1, "stadtteil": 10, "block": AREAS}
    blocks = areas.filter(pc.equal(areas.column("level"), "block")).to_pandas()
    assert blocks.groupby("parent_id").size().eq(20).all()
    values = pq.read_table(tmp_path / "a" / "values.parquet")
    keys = values.select(["indicator_id", "period", "area_id"]).to_pandas()
    assert keys.equals(keys.sort_values(["indicator_id", "period", "area_id"]).reset_index(drop=True)), "sorted as the contract asks"
    write_scale_dataset(tmp_path / "b", areas=AREAS, indicators=30, periods=15, seed=5)
    assert pq.read_table(tmp_path / "b" / "values.parquet").equals(values)
    assert pq.read_table(tmp_path / "b" / "areas.parquet").equals(areas)
    write_scale_dataset(tmp_path / "c", areas=AREAS, indicators=30, periods=15, seed=6)
    assert not pq.read_table(tmp_path / "c" / "values.parquet").equals(values)


def test_long_csv_for_the_import_benchmark(tmp_path: Path) -> None:
    info = write_long_csv(tmp_path, target_bytes=20_000)
    lines = (tmp_path / "kennzahlen.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Raum;Raumname;Jahr;Merkmal;Wert"
    assert len(lines) - 1 == info["rows"] == info["areas"] * 5 * 10
    assert re.fullmatch(r"\d{7};Block \d{7};20\d\d;[^;]+;\d+", lines[1])
    assert (tmp_path / "import.toml").is_file()


def test_one_page_at_a_tiny_size_gives_a_row_per_dataset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert scale.main(["--sizes", str(AREAS), "--repeats", "1", "--pages", "overview", "--work", str(tmp_path), "--timeout", "240",
                       "--session", "2"]) == 0
    table = capsys.readouterr().out
    rows = [line for line in table.splitlines() if line.startswith("| overview")]
    assert [row.split("|")[2].strip() for row in rows] == ["33", f"{AREAS}"], table
    for row in rows:
        cells = [cell.strip() for cell in row.split("|")[1:-1]]
        assert "did not finish" not in row and "failed" not in row and "exception" not in row, row
        assert re.fullmatch(r"\d+\.\d\d", cells[2]) and re.fullmatch(r"\d+\.\d\d", cells[3]), row  # cold, warm seconds
        assert cells[6].endswith("B") and cells[6] != "—", "the overview sends a map"
    dataset = next(tmp_path.glob(f"areas-{AREAS}-*"))
    assert validate_dataset(dataset) == []
    assert json.loads((dataset / ".complete").read_text())["finest"] == AREAS
    opened = [line for line in table.splitlines() if line.startswith(("| demo", f"| {AREAS}")) and line.count("|") == 9]
    assert len(opened) == 2 and all("s |" in line for line in opened), table
    sessions = [line for line in table.splitlines() if line.startswith(("| demo |", f"| {AREAS} |")) and line.count("|") == 8]
    assert [cells.split("|")[3].strip() for cells in sessions] == ["2", "2"], table  # two views done on each dataset, no exception


def test_a_session_visits_every_page_with_indicators_of_every_kind_in_both_languages() -> None:
    pages = ["pages/overview.py", "pages/trends.py", "pages/reach.py"]
    views = scale.session_views(scale.DEMO, pages, 12)
    assert [page for page, _ in views] == pages * 4
    assert [query["indicator"] for _, query in views] == list(scale.SESSION_INDICATORS) * 2 + list(scale.SESSION_INDICATORS[:2])
    assert [query["lang"] for _, query in views] == ["de"] * 3 + ["en"] * 3 + ["de"] * 3 + ["en"] * 3
    assert {query["level"] for _, query in views} == {"teilgebiet"}  # the demo's finest level
