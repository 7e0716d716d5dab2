"""Files that mix levels: a large city's long table with the city (000), its Stadtbezirke (001–009)
and its Stadtteile (101–909) either imports to the official totals or is refused with a
message that names the rows and the fix — it never counts twice.

The expected numbers are read from the file's text by the test itself (`cells`), not from
the importer.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from loaders.importer import check_import, run_import
from loaders.levels import SKIP, TOTAL, UNMATCHED, classify_row, id_shape, odd_ids
from loaders.spec import SpecError, load_spec
from loaders.store import Store
from tests.loaders.bigcity import BOROUGHS, MIXED_ROWS, NAIVE_ROWS, YEARS, districts, figures, long_table, write_city


def cells(table: bytes) -> dict[tuple[str, int, str], tuple[int, str]]:
    """(id, year, key) → (line, cell) as written in the long table."""
    out = {}
    for line, text in enumerate(table.decode("cp1252").splitlines(), start=1):
        year, area_id, _, key, cell = text.split(";")
        if year.isdigit():
            out[(area_id, int(year), key)] = (line, cell)
    return out


def number(cell: str) -> float:
    return float(cell.replace(".", "").replace(",", "."))


def test_skipping_only_the_city_row_is_refused_naming_the_borough_rows_and_the_fix(tmp_path: Path) -> None:
    """The reported mistake: borough rows became districts under an invented Stadtbezirk "0"."""
    table = long_table()
    report = check_import(load_spec(write_city(tmp_path, rows=NAIVE_ROWS, table=table)))
    assert not report.ok
    [problem] = report.errors
    found = cells(table)
    first_lines = tuple(found[(f"00{b}", 2021, "Einwohner insgesamt")][0] for b in BOROUGHS)
    assert (problem.file, problem.column, problem.rows) == ("kennzahlen.csv", "Nr", first_lines)
    assert problem.values == tuple(f"00{b} → 0" for b in BOROUGHS)
    assert "Stadtbezirk „0“" in problem.expected_de and "kein bekanntes Gebiet" in problem.expected_de
    for fix in ("level_ids = { stadtbezirk = '…' }", "total_ids", "skip_ids"):
        assert fix in problem.expected_de and fix in problem.expected_en


def test_without_any_name_or_boundary_a_prefix_invents_no_borough(tmp_path: Path) -> None:
    spec = write_city(tmp_path, rows=r"skip_ids = ['0\d\d']")
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace('[[geometry]]\nfile = "stadtbezirke.shp"\nlevel = "stadtbezirk"\nid = "STB_NR"\nname = "STB_NAME"\n', ""), encoding="utf-8")
    [problem] = check_import(load_spec(spec)).errors
    assert "Stadtbezirk „1“, „2“, „3“, „4“, „5“ …" in problem.expected_de
    assert len(problem.rows) == 10 and problem.more_rows == 27  # every Stadtteil, by its first line
    assert 'names = { "1" = "…" }' in problem.expected_de


def test_the_mixed_file_imports_to_the_official_totals(tmp_path: Path) -> None:
    table = long_table()
    out = tmp_path / "out"
    report = run_import(load_spec(write_city(tmp_path, rows=MIXED_ROWS, table=table)), out)
    assert report.ok, report.text("en")
    assert [(level, count) for level, _, _, count in report.levels] == [("stadtbezirk", 9), ("stadtteil", 37)]
    # 10 official areas × 3 years × 5 counted cells (residents, under-18 numerator, 65+, unemployed, 15–64),
    # less the unemployed of 2021 for Stadtbezirk 9 and the city: a Stadtteil's value there is secret (".")
    assert (report.totals.compared, report.totals.differing, report.totals.incomplete) == (148, 0, 2)
    found = cells(table)
    store = Store(out)
    for year in YEARS:
        residents = sum(number(found[(d, year, "Einwohner insgesamt")][1]) for d in districts())
        assert residents == number(found[("000", year, "Einwohner insgesamt")][1])
        assert store.city_value("einwohner", year) == residents
        boroughs = store.values("einwohner", year, "stadtbezirk").set_index("area_id")["value"]
        for b in BOROUGHS:
            assert boroughs[b] == number(found[(f"00{b}", year, "Einwohner insgesamt")][1])
            assert boroughs[b] == sum(number(found[(d, year, "Einwohner insgesamt")][1]) for d, (_, p) in districts().items() if p == b)
    # the Stadtbezirk rows are that level's own values: a mean age cannot be aggregated, so only they give it
    ages = store.values("durchschnittsalter", 2023, "stadtbezirk").set_index("area_id")["value"]
    assert ages["9"] == number(found[("009", 2023, "Durchschnittsalter")][1])
    areas = pq.read_table(out / "areas.parquet").to_pandas().set_index("area_id")
    assert areas.loc[list(BOROUGHS), "name"].tolist() == list(BOROUGHS.values())  # named by their rows, umlauts intact
    assert areas.loc["902", "name"] == "Neumühle" and areas.loc["902", "parent_id"] == "9"
    assert not (set(areas.index) & {"000", "001", "0"})
    notes = "\n".join(p.text("de") for p in report.notes)
    assert "189 Zeilen (9 Ids) als Ebene „stadtbezirk“ gelesen" in notes and "21 Zeilen mit der Stadtsumme (total_ids)" in notes
    assert "Amtliche Summen: 148 verglichen, alle stimmen überein; 2 nicht vergleichbar" in report.text("de")


def test_an_official_total_that_differs_names_indicator_period_area_and_gap(tmp_path: Path) -> None:
    true = figures().get("3", 2022, "Einwohner insgesamt")
    written = f"{int(true) + 100:,}".replace(",", ".")
    table = long_table(change={("003", 2022, "Einwohner insgesamt"): written})
    report = check_import(load_spec(write_city(tmp_path, table=table)))
    [problem] = report.errors
    line = cells(table)[("003", 2022, "Einwohner insgesamt")][0]
    assert (problem.file, problem.column, problem.rows) == ("kennzahlen.csv", "Einwohner insgesamt", (line,))
    assert problem.values == (f"3 Lindenhöhe 2022: Σ {int(true)} ≠ {int(true) + 100} (-100; {-100 / (true + 100) * 100:+.3g} %)",)
    # one cell, three indicators resting on it
    assert problem.expected_de.startswith("einwohner, anteil_u18, anteil_65plus: die Summe der Stadtteile weicht vom amtlichen Wert")
    assert "total_tolerance" in problem.expected_en
    assert report.totals.differing == 1
    # a known deviation within the declared tolerance is imported, and listed as a warning
    tolerant = write_city(tmp_path / "tolerant", table=table, rows=MIXED_ROWS + "\ntotal_tolerance = 0.01")
    report = check_import(load_spec(tolerant))
    assert report.ok, report.text("en")
    assert report.totals.tolerated == 1
    assert any("innerhalb von total_tolerance = 0.01" in w.expected_de and w.rows == (line,) for w in report.warnings)


def test_a_wrong_numerator_in_the_city_row_is_found(tmp_path: Path) -> None:
    table = long_table(change={("000", 2023, "65 Jahre und älter"): "1"})
    [problem] = check_import(load_spec(write_city(tmp_path, table=table))).errors
    assert problem.column == "65 Jahre und älter" and problem.values[0].startswith("000 Beispielstadt 2023: Σ ")
    assert problem.expected_de.startswith("anteil_65plus:")


def test_skip_ids_take_patterns_and_boundary_names_name_the_boroughs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_import(load_spec(write_city(tmp_path, rows=r"skip_ids = ['0\d\d']")), out)
    assert report.ok, report.text("en")
    assert report.totals.compared == 0
    assert any("210 Zeilen (10 Ids) mit skip_ids übersprungen" in p.expected_de for p in report.notes)
    areas = pq.read_table(out / "areas.parquet").to_pandas().set_index("area_id")
    # nobody typed these: they come from the Stadtbezirk shapefile's name column (Windows-1252)
    assert areas.loc[list(BOROUGHS), "name"].tolist() == list(BOROUGHS.values())


def test_level_ids_naming_the_table_level_must_cover_every_row(tmp_path: Path) -> None:
    rows = "level_ids = { stadtbezirk = '00(?P<id>[1-9])', stadtteil = '[1-9]\\d\\d' }"
    table = long_table()
    [problem] = check_import(load_spec(write_city(tmp_path, rows=rows, table=table))).errors
    assert problem.values == ("000",) and problem.rows == (cells(table)[("000", 2021, "Einwohner insgesamt")][0],)
    assert "21 Zeilen passen zu keinem Muster in level_ids" in problem.expected_de
    assert check_import(load_spec(write_city(tmp_path / "fixed", rows=rows + '\ntotal_ids = ["000"]', table=table))).ok


def test_ids_of_another_form_are_reported(tmp_path: Path) -> None:
    """A level whose ids are three digits: a two-digit id and an all-zero id stand out."""
    table = long_table()
    text = table.decode("cp1252").replace(";101;", ";11;")
    report = check_import(load_spec(write_city(tmp_path, rows='total_ids = ["000"]\nlevel_ids = { stadtbezirk = \'00(?P<id>[1-9])\' }', table=text.encode("cp1252"))))
    [odd] = [w for w in report.warnings if w.expected_de.startswith("Ids mit abweichender Form")]
    assert odd.values == ("11",) and "3 Ziffern wie „102“" in odd.expected_de
    # the boundary of 101 then has no data, which the report lists too
    assert [u.value for u in report.geometries_without_data] == ["101"]


def test_classify_row() -> None:
    spec = load_spec_from_rows(MIXED_ROWS + "\nskip_ids = ['9\\d\\d']")
    table = spec.tables["kennzahlen"]
    assert classify_row(table, "000", "000", "stadtteil") == (TOTAL, "000")
    assert classify_row(table, "004", "004", "stadtteil") == ("stadtbezirk", "4")
    assert classify_row(table, "404", "404", "stadtteil") == ("stadtteil", "404")
    assert classify_row(table, "909", "909", "stadtteil") == (SKIP, "909")
    strict = load_spec_from_rows("level_ids = { stadtbezirk = '00(?P<id>\\d)', stadtteil = '[1-9]\\d\\d' }").tables["kennzahlen"]
    assert classify_row(strict, "1000", "1000", "stadtteil") == (UNMATCHED, "1000")


def load_spec_from_rows(rows: str):
    from loaders.spec import parse_spec
    from tests.loaders.bigcity import SPEC

    return parse_spec(SPEC.replace("{rows}", rows), Path("."))


@pytest.mark.parametrize(("ids", "odd"), [
    (["101", "102", "201", "000"], ["000"]),  # only zeros: the city total
    (["0101", "0102", "0201", "1"], ["1"]),  # another length
    (["01.1", "01.2", "02.1", "01"], ["01"]),  # another pattern
    (["Altona", "St. Pauli", "Hamm", "Eimsbüttel"], []),  # names as ids: no common form, nothing reported
    (["11", "12", "21", "22"], []),
])
def test_odd_ids(ids: list[str], odd: list[str]) -> None:
    found = {area_id: ("f.csv", "Nr", line) for line, area_id in enumerate(ids, start=2)}
    problems = odd_ids(("Stadtteile", "districts"), found)
    assert [v for p in problems for v in p.values] == odd
    assert id_shape("01.1") == "99.9" and id_shape("Ä7") == "A9"


@pytest.mark.parametrize(("rows", "key", "expected"), [
    ("skip_ids = ['0(\\d']", "tables.kennzahlen.skip_ids[0]", "Klammern ( ) passen nicht zusammen (Zeichen 2)"),
    ("level_ids = { bezirk = '00\\d' }", "tables.kennzahlen.level_ids.bezirk", "unbekannte Ebene: erwartet eine von stadtbezirk, stadtteil"),
    ("total_ids = '000'\ntotal_tolerance = 5", "tables.kennzahlen.total_tolerance", "erwartet einen Anteil zwischen 0 und 1"),
])
def test_spec_mistakes_in_the_level_keys(rows: str, key: str, expected: str) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec_from_rows(rows)
    [problem] = caught.value.problems
    assert problem.column == key and expected in problem.expected_de
    assert not re.search(r"missing|unbalanced|position", problem.expected_de)  # re's English never reaches the German text
