"""Downloads: every format is read back the way its target tool reads it.

German Excel CSV and plain CSV with pandas (as R and Python users would, with the column types
from metadata.json), xlsx with openpyxl (cell types and formats as Excel sees them), Parquet
with pyarrow (types and key-value metadata). The numbers asserted are written by hand.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from loaders.store import Store
from tests import dataset_factory as factory
from tests.conftest import REPO_ROOT
from views.export import FORMATS, Column, ExportTable, Provenance, csv_bytes, file_stem, render, rounded, slug

PROVENANCE = Provenance(
    dataset="Sozialmonitor Lübeck – Demodaten",
    city="Lübeck",
    attribution="Demodaten, CC0 1.0",
    is_demo=True,
    suppression="Werte unter 3 Fällen werden geheim gehalten.",
    permalink="https://sozialmonitor.example/?lang=de&indicator=kinderarmut&period=2022&level=stadtteil",
    exported="2025-03-04T05:06:07+01:00",
    lang="de",
)


@pytest.fixture(scope="module")
def tiny() -> Store:
    import tempfile

    return Store(factory.write_dataset(Path(tempfile.mkdtemp()) / "tiny"))


def sample(store: Store) -> ExportTable:
    """Three areas with ids that spreadsheets like to mangle; the second row is withheld."""
    entry = store.indicator("poverty")
    frame = pd.DataFrame(
        {
            "Gebiets-Nr.": ["01.1", "001", "10"],
            "Gebiet": ["Innenstadt", "St. Jürgen", "Travemünde"],
            "Jahr": [2022, 2022, 2022],
            "Wert": [12.25, np.nan, -3.45],
            "Zähler": [145.0, np.nan, 3.0],
            "Hinweis": ["", "geheim gehalten (kleine Fallzahl)", ""],
        }
    )
    return ExportTable(
        frame=frame,
        columns={
            "Gebiets-Nr.": Column("id"),
            "Gebiet": Column("text"),
            "Jahr": Column("integer"),
            "Wert": Column("number", 1, "%"),
            "Zähler": Column("integer"),
            "Hinweis": Column("text"),
        },
        name=("poverty", "Stadtteile", 2022),
        title="Armutsquote · 2022 · Stadtteile",
        indicators=(entry,),
        periods=(2022,),
        level="Stadtteile",
    )


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


PANDAS_TYPES = {"string": str, "number": "float64", "integer": "Int64"}


def read_back(table: ExportTable, fmt: str) -> pd.DataFrame:
    """A download as its target tool reads it (CSV: with the column types from metadata.json)."""
    data = render(table, fmt, PROVENANCE).data
    if fmt == "parquet":
        return pq.read_table(io.BytesIO(data)).to_pandas()
    if fmt == "xlsx":
        return pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=object)
    files = unzip(data)
    meta = json.loads(files["metadata.json"])
    dtypes = {c["name"]: PANDAS_TYPES[c["type"]] for c in meta["columns"]}
    german = fmt == "csv_excel_de"
    return pd.read_csv(
        io.BytesIO(files[meta["file"]["name"]]),
        sep=";" if german else ",",
        decimal="," if german else ".",
        encoding="utf-8-sig" if german else "utf-8",
        dtype=dtypes,
        keep_default_na=False,
        na_values={name: [""] for name, kind in dtypes.items() if kind != str},
    )


def test_german_excel_csv_reads_back(tiny: Store) -> None:
    files = unzip(render(sample(tiny), "csv_excel_de", PROVENANCE).data)
    assert sorted(files) == ["README.md", "metadata.json", "sozialmonitor_luebeck_poverty_stadtteile_2022_excel-de.csv"]
    raw = files["sozialmonitor_luebeck_poverty_stadtteile_2022_excel-de.csv"]
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    assert text.endswith("\r\n") and not text.endswith("\r\n\r\n")
    assert text.split("\r\n")[:4] == [
        '"Gebiets-Nr.";"Gebiet";"Jahr";"Wert";"Zähler";"Hinweis"',
        '"01.1";"Innenstadt";2022;12,3;145;""',  # 12.25 rounds half away from zero; a count has no decimals
        '"001";"St. Jürgen";2022;;;"geheim gehalten (kleine Fallzahl)"',
        '"10";"Travemünde";2022;-3,5;3;""',
    ]
    back = read_back(sample(tiny), "csv_excel_de")
    assert back["Gebiets-Nr."].tolist() == ["01.1", "001", "10"]
    assert back["Wert"].tolist()[0::2] == [12.3, -3.5] and pd.isna(back["Wert"].iloc[1])
    assert back["Zähler"].tolist()[0::2] == [145, 3] and str(back["Zähler"].dtype) == "Int64"
    meta = json.loads(files["metadata.json"])
    assert meta["file"] == {
        "name": "sozialmonitor_luebeck_poverty_stadtteile_2022_excel-de.csv",
        "encoding": "UTF-8 with BOM",
        "delimiter": ";",
        "decimal": ",",
        "quoted": "headers, ids and text",
    }
    assert meta["indicators"][0] | {"definition": ""} == {
        "id": "poverty", "label": "Armutsquote", "unit": "%", "definition": "", "topic": "Einkommen & Armut",
        "kind": "Anteil", "polarity": "Höhere Werte sind ungünstiger.", "decimals": 1, "source": "Test",
        "licence": "CC0", "vintage": "31.12.", "synthetic": True,
    }
    assert (meta["periods"], meta["level"], meta["permalink"]) == ("2022", "Stadtteile", PROVENANCE.permalink)
    assert meta["suppression"] == PROVENANCE.suppression and meta["demo"] is True
    readme = files["README.md"].decode()
    assert readme.startswith("# Armutsquote · 2022 · Stadtteile\n") and PROVENANCE.permalink in readme
    assert "Semikolon" in readme and "- **Quelle:** Test" in readme


def test_international_csv_uses_comma_and_point_without_bom(tiny: Store) -> None:
    files = unzip(render(sample(tiny), "csv", PROVENANCE).data)
    raw = files["sozialmonitor_luebeck_poverty_stadtteile_2022.csv"]
    assert not raw.startswith("\ufeff".encode())
    assert raw.decode("utf-8").split("\r\n")[1] == '"01.1","Innenstadt",2022,12.3,145,""'
    back = read_back(sample(tiny), "csv")
    assert back["Gebiets-Nr."].tolist() == ["01.1", "001", "10"] and back["Wert"].iloc[2] == -3.5


def test_xlsx_has_text_ids_numbers_and_a_metadata_sheet(tiny: Store) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(render(sample(tiny), "xlsx", PROVENANCE).data))
    assert workbook.sheetnames == ["Daten", "Metadaten"]
    data = workbook["Daten"]
    ids = [data.cell(row, 1) for row in (2, 3, 4)]
    assert [c.value for c in ids] == ["01.1", "001", "10"]
    assert all(c.data_type == "s" and c.number_format == "@" for c in ids)
    value, count = data.cell(2, 4), data.cell(2, 5)
    assert (value.value, value.number_format, count.value) == (12.3, "0.0", 145)
    assert isinstance(count.value, int) and data.cell(4, 4).value == -3.5
    assert data.cell(3, 4).value is None and data.cell(3, 6).value == "geheim gehalten (kleine Fallzahl)"
    assert data.freeze_panes == "A2" and data.auto_filter.ref == "A1:F4"
    rows = list(workbook["Metadaten"].iter_rows(values_only=True))
    meta = {row[0]: row[1] for row in rows[: rows.index((None,) * len(rows[0]))]}  # the block before the first empty row
    assert meta["Inhalt"] == "Armutsquote · 2022 · Stadtteile"
    assert (meta["Gebietsebene"], meta["Jahr(e)"], meta["Link zur Ansicht"]) == ("Stadtteile", "2022", PROVENANCE.permalink)
    assert meta["Geheimhaltung"] == PROVENANCE.suppression and meta["Hinweis"] == "Demodaten – keine amtliche Statistik"
    header = rows.index(next(r for r in rows if r[0] == "Kennung"))
    indicator = dict(zip(rows[header], rows[header + 1]))
    assert {k: indicator[k] for k in ("Kennung", "Indikator", "Einheit", "Quelle", "Lizenz", "Stand")} == {
        "Kennung": "poverty", "Indikator": "Armutsquote", "Einheit": "%", "Quelle": "Test", "Lizenz": "CC0", "Stand": "31.12.",
    }
    back = read_back(sample(tiny), "xlsx")
    assert back["Gebiets-Nr."].tolist() == ["01.1", "001", "10"]


def test_parquet_keeps_unrounded_values_types_and_metadata(tiny: Store) -> None:
    table = pq.read_table(io.BytesIO(render(sample(tiny), "parquet", PROVENANCE).data))
    assert [str(t) for t in table.schema.types] == ["string", "string", "int64", "double", "int64", "string"]
    assert table.column("Gebiets-Nr.").to_pylist() == ["01.1", "001", "10"]
    assert table.column("Wert").to_pylist() == [12.25, None, -3.45]  # unrounded
    assert table.column("Zähler").to_pylist() == [145, None, 3]
    assert table.schema.field("Wert").metadata == {b"kind": b"number", b"unit": b"%", b"decimals": b"1"}
    meta = json.loads(table.schema.metadata[b"sozialmonitor"])
    assert meta["title"] == "Armutsquote · 2022 · Stadtteile" and meta["permalink"] == PROVENANCE.permalink
    assert [(i["label"], i["unit"], i["source"], i["licence"], i["vintage"]) for i in meta["indicators"]] == [
        ("Armutsquote", "%", "Test", "CC0", "31.12.")
    ]
    assert (meta["periods"], meta["level"], meta["suppression"]) == ("2022", "Stadtteile", PROVENANCE.suppression)
    assert table.schema.metadata[b"permalink"].decode() == PROVENANCE.permalink


def test_duckdb_reads_the_parquet_and_its_metadata(tiny: Store, tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "export.parquet"
    path.write_bytes(render(sample(tiny), "parquet", PROVENANCE).data)
    connection = duckdb.connect()
    rows = connection.execute('SELECT "Gebiets-Nr.", "Wert", "Zähler" FROM read_parquet(?) ORDER BY 1', [str(path)]).fetchall()
    assert rows == [("001", None, None), ("01.1", 12.25, 145), ("10", -3.45, 3)]
    meta = dict(connection.execute("SELECT decode(key), decode(value) FROM parquet_kv_metadata(?)", [str(path)]).fetchall())
    assert json.loads(meta["sozialmonitor"])["indicators"][0]["licence"] == "CC0"
    assert meta["permalink"] == PROVENANCE.permalink and meta["suppression"] == PROVENANCE.suppression


def test_formula_injection_is_neutralised_in_text_but_numbers_stay_numbers() -> None:
    attacks = ["=1+2", "+491234", "-2+3", "@SUM(A1)", "\t=1", "=HYPERLINK(\"http://x\";\"klick\")", "St. Jürgen"]
    frame = pd.DataFrame({"=Name": attacks, "Wert": [-2.5, 1, 2, 3, 4, 5, 6]})
    table = ExportTable(frame=frame, columns={"=Name": Column("text"), "Wert": Column("number", 1)}, name=("x",), title="x")
    lines = csv_bytes(table, excel_de=True).decode("utf-8-sig").split("\r\n")
    assert lines[0] == '"\'=Name";"Wert"'
    assert [line.rsplit(";", 1)[0] for line in lines[1:-1]] == [
        '"\'=1+2"', '"\'+491234"', '"\'-2+3"', '"\'@SUM(A1)"', '"\'\t=1"', '"\'=HYPERLINK(""http://x"";""klick"")"', '"St. Jürgen"'
    ]
    assert lines[1].endswith(";-2,5")  # a negative number is a number, not neutralised
    sheet = openpyxl.load_workbook(io.BytesIO(render(table, "xlsx", PROVENANCE).data))["Daten"]
    cells = [sheet.cell(row, 1) for row in range(2, 9)]
    assert [c.value for c in cells] == attacks  # the text survives exactly …
    assert all(c.data_type == "s" for c in cells)  # … as text, never a formula
    assert [c.quotePrefix for c in cells] == [True] * 6 + [False]
    assert sheet.cell(1, 1).data_type == "s" and sheet.cell(2, 2).value == -2.5


def test_rounding_is_half_away_from_zero_from_the_shown_decimal() -> None:
    assert rounded(2.675, 2) == Decimal("2.68")  # binary 2.67499… still rounds as written
    assert rounded(0.125, 2) == Decimal("0.13") and rounded(-2.5, 0) == Decimal("-3")
    assert str(rounded(-0.04, 1)) == "0.0"  # no negative zero
    assert str(rounded(1e-7, None)) == "1E-7"
    table = ExportTable(
        frame=pd.DataFrame({"a": [1e-7, 123456789.0, 0.1 + 0.2]}), columns={"a": Column("number")}, name=("x",), title="x"
    )
    assert csv_bytes(table, excel_de=False).decode().split("\r\n")[1:4] == ["0.0000001", "123456789", "0.30000000000000004"]


def test_file_names_say_what_is_inside() -> None:
    assert slug("Lübeck") == "luebeck" and slug("Planungsräume") == "planungsraeume" and slug("2010–2022") == "2010-2022"
    assert file_stem("Lübeck", ("kinderarmut", "Stadtteile", 2022)) == "sozialmonitor_luebeck_kinderarmut_stadtteile_2022"
    store = Store(REPO_ROOT / "data" / "demo")
    from views.overview import build_overview

    built = build_overview(
        values=store.values("kinderarmut", 2022, "stadtteil"),
        geometries=store.geometries("stadtteil"),
        entry=store.indicator("kinderarmut"),
        period=2022,
        city="Lübeck",
        city_series=store.city_series("kinderarmut"),
        residents_series=store.city_series("einwohner"),
        level_plural="Stadtteile",
        lang="de",
    )
    names = {fmt: render(built.export, fmt, PROVENANCE).name for fmt in FORMATS}
    assert names == {
        "csv": "sozialmonitor_luebeck_kinderarmut_stadtteile_2022.zip",
        "csv_excel_de": "sozialmonitor_luebeck_kinderarmut_stadtteile_2022_excel-de.zip",
        "xlsx": "sozialmonitor_luebeck_kinderarmut_stadtteile_2022.xlsx",
        "parquet": "sozialmonitor_luebeck_kinderarmut_stadtteile_2022.parquet",
    }
    assert render(built.map_export, "xlsx", PROVENANCE).name == "sozialmonitor_luebeck_kinderarmut_stadtteile_2022_karte.xlsx"
    assert unzip(render(built.export, "csv", PROVENANCE).data).keys() == {
        "sozialmonitor_luebeck_kinderarmut_stadtteile_2022.csv", "metadata.json", "README.md"
    }


def test_an_export_must_describe_every_column() -> None:
    with pytest.raises(ValueError, match="do not match"):
        ExportTable(frame=pd.DataFrame({"a": [1], "b": [2]}), columns={"a": Column("integer")}, name=("x",), title="x")
    with pytest.raises(ValueError, match="unknown export format"):
        render(ExportTable(frame=pd.DataFrame({"a": [1]}), columns={"a": Column("integer")}, name=("x",), title="x"), "ods", PROVENANCE)


def withheld_exports(store: Store, lang: str) -> dict[str, tuple[ExportTable, list[str]]]:
    """Exports of the tiny dataset at the sub-area level, where B2 is withheld (1 of 2 poor, 2
    residents) and B1 with it (Bergdorf's total is shown): the table and the columns that must be
    empty for B1 and B2."""
    from views import data_export
    from views.overview import build_overview
    from views.profile import profile_export

    built = build_overview(
        values=store.values("poverty", 2021, "teil"),
        geometries=store.geometries("teil"),
        entry=store.indicator("poverty"),
        period=2021,
        city="Teststadt",
        city_series=store.city_series("poverty"),
        residents_series=store.city_series("residents"),
        level_plural="Teilgebiete",
        lang=lang,
    )
    value, numerator, denominator = (
        {"de": "Wert", "en": "Value"}[lang], {"de": "Zähler", "en": "Numerator"}[lang], {"de": "Nenner", "en": "Denominator"}[lang]
    )
    entries = {i: store.indicator(i) for i in ("residents", "poverty")}
    series = {i: store.series(i, "teil") for i in entries}
    values = data_export.select_values(series, period_from=2020, period_to=2021, area_ids=None)
    long = data_export.values_export(values, entries, periods=[2020, 2021], level_plural="Teilgebiete", layout="long", context=(), lang=lang)
    wide = data_export.values_export(values, entries, periods=[2020, 2021], level_plural="Teilgebiete", layout="wide", context=(), lang=lang)
    wide_columns = [c for c in wide.columns if c.startswith(("Einwohner", "Armutsquote"))]
    b2 = store.values("poverty", 2021, "teil").set_index("area_id").loc["B2"]
    b2_residents = store.values("residents", 2021, "teil").set_index("area_id").loc["B2"]
    rows = [
        (store.indicator("poverty"), None if pd.isna(b2["value"]) else b2["value"], 10600 / 452, bool(b2["suppressed"])),
        (store.indicator("residents"), None if pd.isna(b2_residents["value"]) else b2_residents["value"], 452.0, bool(b2_residents["suppressed"])),
    ]
    profile = profile_export(rows, area_id="B2", area_name="Bergdorf Ost", period=2021, city="Teststadt", level_plural="Teilgebiete", lang=lang)
    difference = {"de": "Abweichung von Teststadt", "en": "Difference from Teststadt"}[lang]
    return {
        "overview": (built.export, [value, numerator, denominator]),
        "map": (built.map_export, [value]),
        "ranking": (built.ranking_export, [value]),
        "long": (long, [value, numerator, denominator]),
        "wide": (wide, wide_columns),
        "profile": (profile, [value, difference]),
    }


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_withheld_values_are_absent_from_every_format(tiny: Store, fmt: str, lang: str) -> None:
    """The suppression tests of the store (tests/loaders/test_store.py), carried into every download."""
    withheld = {"de": "geheim gehalten (kleine Fallzahl)", "en": "withheld (small count)"}[lang]
    area_id, note = {"de": ("Gebiets-Nr.", "Hinweis"), "en": ("Area no.", "Note")}[lang]
    for name, (table, hidden) in withheld_exports(tiny, lang).items():
        back = read_back(table, fmt)
        rows = back[back[area_id].astype(str).isin(["B1", "B2"])]
        assert len(rows) > 0, name
        assert rows[hidden].isna().all().all(), (name, rows[hidden])
        assert rows[note].astype(str).str.contains(withheld, regex=False).all(), name
        shown = back[back[area_id].astype(str).isin(["A1", "A2"])]
        assert shown.empty or shown[hidden].notna().any().all(), name  # the columns are not simply empty


def test_readme_shows_data_strings_as_text_and_the_link_as_a_link() -> None:
    hostile = '<img src="https://evil.example/x.png"> **fett** [klick](https://evil.example)'
    table = ExportTable(frame=pd.DataFrame({hostile: ["a"]}), columns={hostile: Column("text")}, name=("x",), title=hostile)
    origin = Provenance(**{**PROVENANCE.__dict__, "permalink": "https://sozialmonitor.example/?a=1&b=<x>"})
    readme = unzip(render(table, "csv", origin).data)["README.md"].decode()
    for raw in (r"(?<!\\)<img", r"\*\*fett", r"(?<!\\)\]\(", "https://evil"):  # unescaped
        assert not re.search(raw, readme), raw
    assert readme.startswith("# \\<img src=\"https:\u2060//evil.example/x.png\"\\> \\*\\*fett\\*\\* \\[klick\\](https:\u2060//evil.example)\n")
    assert "- **Link zur Ansicht:** <https://sozialmonitor.example/?a=1&b=%3Cx%3E>" in readme.split("\n")
