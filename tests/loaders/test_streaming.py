"""The streamed import (loaders.streaming) against the row-by-row path: the same dataset and the same report, line for line.

Each case writes a CSV and a spec, imports it twice — once as today's row-by-row path reads a
small file, once streamed (the size threshold set to 0, pyarrow's block cut to a few kilobytes
so that the file arrives in many batches) — and compares what each wrote and reported.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

import loaders.streaming
from loaders.importer import run_import
from loaders.spec import load_spec

SPEC = '''spec_version = 1

[dataset]
name = "Streamtest"
city = "Teststadt"
attribution = "Testdaten, CC0 1.0"
is_demo = true
population_indicator = "einwohner"
default = {{ indicator = "anteil_jung", period = 2022, level = "block" }}

[[dataset.levels]]
id = "block"
label_de = "Block"
label_en = "Block"

[tables.daten]
file = "daten.csv"
{read}

[indicator_defaults]
source = "Test"
licence = "CC0 1.0"
vintage = "31.12."
domain = "demografie"
polarity = "neutral"

[[indicators]]
id = "einwohner"
table = "daten"
column = "{residents}"
label_de = "Einwohner"
label_en = "Residents"
kind = "count"

[[indicators]]
id = "anteil_jung"
table = "daten"
numerator = "{young}"
denominator = "{residents}"
label_de = "Anteil jung"
label_en = "Share young"
kind = "share"
'''

LONG = '''separator = ";"
id = "Raum"
name = "Name"
period = "Jahr"
indicator_column = "Merkmal"
value_column = "Wert"{extra}'''

WIDE = '''separator = ";"
id = "Raum"
name = "Name"
period = "Jahr"{extra}'''


def _long_rows(areas: int, years: range) -> list[str]:
    rows = []
    for year in years:
        for area in range(areas):
            residents = 1000 + 37 * area + year % 7
            rows.append(f"{1000 + area};Block {area};{year};Einwohner;{residents}")
            rows.append(f"{1000 + area};Block {area};{year};unter 18;{residents // 5}")
    return rows


def _import_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, read: str, encoding: str = "utf-8",
                 residents: str = "Einwohner", young: str = "unter 18") -> tuple[dict, dict, Path, Path]:
    source = tmp_path / "src"
    source.mkdir(exist_ok=True)
    (source / "daten.csv").write_bytes(text.encode(encoding))
    (source / "import.toml").write_text(SPEC.format(read=read, residents=residents, young=young), encoding="utf-8")
    spec = load_spec(source / "import.toml")
    slow = run_import(spec, tmp_path / "slow", lang="en")
    monkeypatch.setattr(loaders.streaming, "STREAM_FROM_BYTES", 0)
    monkeypatch.setattr(loaders.streaming, "BLOCK_BYTES", 2048)
    monkeypatch.setattr(loaders.streaming, "HEAD_BYTES", 4096)
    fast = run_import(spec, tmp_path / "fast", lang="en")
    monkeypatch.undo()
    return _comparable(slow.to_dict()), _comparable(fast.to_dict()), tmp_path / "slow", tmp_path / "fast"


def _comparable(report: dict) -> dict:
    report.pop("output")
    return report


def _same_values(slow: Path, fast: Path) -> None:
    assert pq.read_table(fast / "values.parquet").equals(pq.read_table(slow / "values.parquet"))
    assert pq.read_table(fast / "areas.parquet").equals(pq.read_table(slow / "areas.parquet"))


def test_a_clean_long_table_gives_the_same_dataset_and_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Raum;Name;Jahr;Merkmal;Wert\n" + "\n".join(_long_rows(60, range(2018, 2023))) + "\n"
    slow, fast, slow_dir, fast_dir = _import_both(tmp_path, monkeypatch, text, LONG.format(extra=""))
    assert slow["errors"] == [] and slow["values"] == 60 * 5 * 2
    assert fast == slow
    _same_values(slow_dir, fast_dir)


def test_bad_rows_are_reported_with_the_same_lines_and_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _long_rows(40, range(2020, 2023))
    rows[3] = rows[3].rsplit(";", 1)[0] + ";12x"  # not a number
    rows[50] = rows[50].replace(";2020;", ";zwanzig;").replace(";2021;", ";zwanzig;")  # no year
    rows.insert(70, rows[70])  # the same area, year and key twice
    rows.insert(90, ";;2021;Einwohner;5")  # no area id
    rows.insert(100, "")  # a blank line
    rows.insert(110, '1005;"Block\nmit Umbruch";2021;Sonstiges;1')  # a line break inside a quoted cell: later lines shift
    rows[130] = rows[130].rsplit(";", 1)[0] + ";-9999"
    rows[140] = rows[140].rsplit(";", 1)[0] + ";1.234,5"  # a thousands separator: read by parse_number, not in bulk
    rows.insert(150, "1001;Block 1;2021;Einwohner")  # a short row: padded, the value missing
    text = "Raum;Name;Jahr;Merkmal;Wert\n" + "\n".join(rows) + "\nQuelle: Teststatistik\n"
    slow, fast, _, _ = _import_both(tmp_path, monkeypatch, text, LONG.format(extra="\nfooter_rows = 1"))
    assert slow["errors"], "the case must produce errors"
    messages = " ".join(str(e) for e in slow["errors"])
    assert "12x" in messages and "zwanzig" in messages and "duplicate row" in messages
    assert fast == slow


def test_a_wide_table_in_windows_1252_with_trailing_separators(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["Statistik der Teststadt", "Raum;Name;Jahr;Einwohner insgesamt;unter 18 Jahre;"]
    for year in (2021, 2022):
        for area in range(80):
            young = "." if area == 7 else f"{(900 + area) // 5},0"
            residents = 99999 if area in (11, 12, 13) else 900 + area  # a code for "missing" nobody declared
            lines.append(f"{2000 + area};Straße {area};{year};{residents};{young};")
    lines.insert(30, "2005;Überlang;2021;1;2;3;4")  # more fields than the header
    text = "\r\n".join(lines) + "\r\n"
    slow, fast, _, _ = _import_both(tmp_path, monkeypatch, text, WIDE.format(extra="\nheader_row = 2\ndecimal = \",\""),
                                    encoding="cp1252", residents="Einwohner insgesamt", young="unter 18 Jahre")
    assert any("more fields than the header" in str(e) for e in slow["errors"])
    assert fast == slow
    lines.pop(30)
    (tmp_path / "again").mkdir()
    slow, fast, slow_dir, fast_dir = _import_both(tmp_path / "again", monkeypatch, "\r\n".join(lines) + "\r\n",
                                                  WIDE.format(extra="\nheader_row = 2\ndecimal = \",\""), encoding="cp1252",
                                                  residents="Einwohner insgesamt", young="unter 18 Jahre")
    assert any("Windows-1252" in str(n) for n in slow["notes"]) and any("99999" in str(w) for w in slow["warnings"])
    assert fast == slow
    _same_values(slow_dir, fast_dir)


def test_a_pattern_that_runs_out_of_time_is_reported_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [f"{'1' * (area + 1)};Block {area};{year};{key};{100 + area}"
            for year in (2021, 2022) for area in range(30) for key in ("Einwohner", "unter 18")]
    rows.insert(77, f"{'1' * 60}x;Block x;2022;Einwohner;5")  # (1|11)+ tries every split of the 60 ones
    text = "Raum;Name;Jahr;Merkmal;Wert\n" + "\n".join(rows) + "\n"
    slow, fast, _, _ = _import_both(tmp_path, monkeypatch, text, LONG.format(extra="\nid_pattern = '(?P<id>(1|11)+)'"))
    assert any("takes longer than" in str(e) and e["rows"] == (79,) for e in slow["errors"]), slow["errors"]
    assert fast == slow


def test_a_bad_row_deep_in_a_large_file_is_reported_at_its_physical_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _long_rows(400, range(2015, 2023))  # 6,400 rows: about 200 batches of 2 kB
    rows.insert(1000, '1003;"Block\r\nmit\nzwei Umbrüchen";2016;Sonstiges;1')  # two line breaks inside quotes: every later line shifts by two
    rows[5000] = rows[5000].rsplit(";", 1)[0] + ";5x"  # deep in the file, far from the batch with the breaks
    text = "Raum;Name;Jahr;Merkmal;Wert\n" + "\n".join(rows) + "\n"
    line_of_bad = text[: text.index(";5x\n")].count("\n") + 1  # a \r\n holds one \n: it counts once, as a break
    slow, fast, _, _ = _import_both(tmp_path, monkeypatch, text, LONG.format(extra=""))
    bad = [e for e in fast["errors"] if "5x" in str(e)]
    assert len(bad) == 1 and bad[0]["rows"] == (line_of_bad,), (line_of_bad, bad)
    assert line_of_bad == 1 + 5001 + 2  # the header, the rows before and with it, the two breaks
    assert fast == slow


def test_an_area_first_seen_in_a_re_read_row_takes_its_name_from_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _long_rows(300, range(2020, 2023))
    rows = [row for row in rows if not row.startswith("1007;")]
    rows.insert(5, "1007;Erster Name;2020;Einwohner")  # a short row: re-read one by one after every batch, yet the area's first row
    rows.append("1007;Zweiter Name;2021;Einwohner;900")
    rows.append("007;Dritter Name;2022;Einwohner;901")  # the same area written with fewer digits (id_width = 4)
    text = "Raum;Name;Jahr;Merkmal;Wert\n" + "\n".join(rows) + "\n"
    slow, fast, slow_dir, fast_dir = _import_both(tmp_path, monkeypatch, text, LONG.format(extra="\nid_width = 4"))
    assert fast == slow
    areas = pq.read_table(fast_dir / "areas.parquet").to_pylist()
    assert [a["name"] for a in areas if a["area_id"] == "1007"] == ["Erster Name"]
    _same_values(slow_dir, fast_dir)


def test_a_repeated_wide_row_and_values_out_of_range_are_reported_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    changed = {(2021, 30): "-5;1",  # negative residents (and so a share's negative denominator, and 1 > -5)
               (2022, 10): "500;600"}  # more young than residents
    lines = ["Raum;Name;Jahr;Einwohner;unter 18"]
    for year in (2021, 2022):
        for area in range(60):
            lines.append(f"{3000 + area};Block {area};{year};{changed.get((year, area), f'{800 + area};{(800 + area) // 4}')}")
    lines.insert(40, "3005;Block 5;2021;805;201")  # the same area and year again: a duplicate of the values
    text = "\n".join(lines) + "\n"
    slow, fast, _, _ = _import_both(tmp_path, monkeypatch, text, WIDE.format(extra=""))
    messages = " ".join(str(e) for e in slow["errors"])
    assert "duplicate row" in messages and "numerator larger than denominator" in messages and "negative" in messages, messages
    assert fast == slow
