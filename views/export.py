"""Files for download: every table (and every chart's data) in the format the user chooses.

Formats (chosen by the user, never by the interface language):

- `csv`:          CSV, UTF-8 without BOM, `,` between cells, `.` as decimal mark;
- `csv_excel_de`: "CSV für Excel (deutsch)", UTF-8 with BOM, `;` between cells, decimal comma;
- `xlsx`:         Excel workbook: the table, then a sheet with the metadata;
- `parquet`:      Parquet with unrounded values; the metadata in the file's key-value metadata.

Both CSV flavours come as a ZIP in the manner of Our World in Data: the CSV, `metadata.json`
and a `README.md`. Conventions in every format:

- numbers are rounded to their column's decimals (the indicator's), half away from zero;
  Parquet keeps the unrounded value; integer columns (counts, ranks, classes) have no decimals;
- ids are text: quoted in CSV, text cells (format `@`) in xlsx, strings in Parquet;
- withheld and missing values are empty cells; the table's note column says why. The store
  has already removed withheld values, so no file can carry one;
- text cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return cannot become a
  formula: CSV prefixes them with `'`, xlsx stores them as text with Excel's quote prefix.
  Numbers are never touched (a negative number stays a number);
- CSV lines end with CRLF, the last one too.
"""
from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal
from urllib.parse import quote

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from loaders.store import Indicator
from views.i18n import t
from views.markup import escape_markdown_file

FORMATS = ("xlsx", "csv_excel_de", "csv", "parquet")
ColumnKind = Literal["id", "text", "number", "integer"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
METADATA_KEY = "sozialmonitor"
MIME = {
    "csv": "application/zip",
    "csv_excel_de": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
_XLSX_MAX_WIDTH = 60


@dataclass(frozen=True)
class Column:
    """How one column is written.

    `kind`: `id` (text that looks like a number, e.g. `01.1`), `text`, `number` or `integer`.
    `decimals`: for numbers, the decimals written to CSV and xlsx — one for the column, or one
    per row (a long table mixes indicators); None writes every significant digit.
    """

    kind: ColumnKind
    decimals: int | tuple[int, ...] | None = None
    unit: str = ""

    def decimals_at(self, row: int) -> int | None:
        return self.decimals[row] if isinstance(self.decimals, tuple) else self.decimals


@dataclass(frozen=True)
class ExportTable:
    """A table for download: raw values plus what each column is and what the table shows.

    `frame` holds the values (withheld ones already empty), its column names are the headers;
    `columns` describes every column of `frame`, in order. `name` are the parts of the file
    name after the dataset, e.g. ("kinderarmut", "stadtteile", 2022); `title` one line on what
    the table shows; `indicators`, `periods` and `level` (the level's plural) what it covers;
    `notes` further sentences for the metadata (e.g. how values were aggregated).
    """

    frame: pd.DataFrame
    columns: Mapping[str, Column]
    name: tuple[str | int, ...]
    title: str
    indicators: tuple[Indicator, ...] = ()
    periods: tuple[int, ...] = ()
    level: str = ""
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if list(self.columns) != [str(c) for c in self.frame.columns]:
            raise ValueError(f"export columns {list(self.columns)} do not match the table's {list(self.frame.columns)}")

    def subset(self, headers: Sequence[str], *, name: tuple[str | int, ...], title: str) -> ExportTable:
        """The same rows with fewer columns (headers not in the table are skipped), e.g. a chart's data."""
        kept = [h for h in headers if h in self.columns]
        return replace(self, frame=self.frame[kept].reset_index(drop=True), columns={h: self.columns[h] for h in kept}, name=name, title=title)


@dataclass(frozen=True)
class Provenance:
    """Where a download comes from: the dataset, the view's permalink, the time of the export."""

    dataset: str
    city: str
    attribution: str
    is_demo: bool
    suppression: str
    permalink: str
    exported: str
    lang: str


@dataclass(frozen=True)
class DownloadFile:
    name: str
    mime: str
    data: bytes = field(repr=False)


# ---- names -------------------------------------------------------------------------------------
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "–": "-", "—": "-"})


def slug(text: str | int) -> str:
    """An ASCII-safe part of a file name: 'Lübeck' → 'luebeck', 'Planungsräume' → 'planungsraeume'."""
    ascii_text = unicodedata.normalize("NFKD", str(text).translate(_TRANSLITERATION)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def file_stem(city: str, parts: Sequence[str | int]) -> str:
    """'sozialmonitor_luebeck_kinderarmut_stadtteile_2022' (empty parts left out)."""
    return "_".join(s for s in (slug(p) for p in ("sozialmonitor", city, *parts)) if s)


def file_name(table: ExportTable, fmt: str, provenance: Provenance) -> str:
    """The download's file name: what is inside, and the format (German Excel CSV: `_excel-de`)."""
    stem = file_stem(provenance.city, table.name)
    return {
        "csv": f"{stem}.zip",
        "csv_excel_de": f"{stem}_excel-de.zip",
        "xlsx": f"{stem}.xlsx",
        "parquet": f"{stem}.parquet",
    }[fmt]


# ---- cell values ---------------------------------------------------------------------------------
def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def rounded(value: float, decimals: int | None) -> Decimal:
    """`value` rounded half away from zero to `decimals` (None: as is), from its shortest decimal form
    (so 2.675, stored as 2.67499…, rounds to 2.68 as a reader of 2.675 expects); never -0."""
    exact = Decimal(repr(float(value)))
    result = exact if decimals is None else exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return result.copy_abs() if result.is_zero() else result


def _number_text(value: float, column: Column, row: int) -> str:
    """A number for CSV with `.` as decimal mark, no thousands separator, never in E notation."""
    if column.kind == "integer" and float(value).is_integer():
        return str(int(value))
    decimals = column.decimals_at(row)
    number = rounded(value, decimals)
    return format(number.normalize() if decimals is None else number, "f")


def neutralised(text: str) -> str:
    """A text cell that cannot start a formula in a spreadsheet: prefixed with `'` where it would."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# ---- CSV -----------------------------------------------------------------------------------------
def csv_bytes(table: ExportTable, *, excel_de: bool) -> bytes:
    """The table as CSV: `,` and `.` in UTF-8, or for German Excel `;`, decimal comma and a BOM.

    Headers, ids and text are quoted; numbers are not; empty cells stay empty.
    """
    separator, decimal_mark = (";", ",") if excel_de else (",", ".")
    lines = [separator.join(_quoted(neutralised(str(header))) for header in table.columns)]
    columns = list(table.columns.items())
    cells_by_column = []
    for header, column in columns:
        values = table.frame[header].tolist()
        if column.kind in ("id", "text"):
            cells = ["" if _missing(v) else _quoted(neutralised(str(v))) for v in values]
        else:
            cells = ["" if _missing(v) else _number_text(v, column, row).replace(".", decimal_mark) for row, v in enumerate(values)]
        cells_by_column.append(cells)
    lines.extend(separator.join(row) for row in zip(*cells_by_column))
    text = "\r\n".join(lines) + "\r\n"
    return text.encode("utf-8-sig" if excel_de else "utf-8")


# ---- metadata --------------------------------------------------------------------------------------
def periods_text(periods: Sequence[int]) -> str:
    """'2022', '2010–2022' (consecutive years), '2010, 2015, 2020'."""
    ordered = sorted({int(p) for p in periods})
    if not ordered:
        return ""
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(p) for p in ordered)


def indicator_metadata(entry: Indicator, lang: str) -> dict[str, object]:
    """One indicator's catalog entry as the metadata of a download."""
    return {
        "id": entry.indicator_id,
        "label": entry.label(lang),
        "unit": entry.unit(lang),
        "definition": entry.description(lang),
        "topic": t("domain." + entry.domain, lang),
        "kind": t("kind." + entry.kind, lang),
        "polarity": t("polarity." + entry.polarity, lang),
        "decimals": int(entry.decimals),
        "source": entry.source,
        "licence": entry.licence,
        "vintage": entry.vintage,
        "synthetic": bool(entry.is_synthetic),
    }


_TYPES = {"id": "string", "text": "string", "number": "number", "integer": "integer"}


def metadata(table: ExportTable, provenance: Provenance) -> dict[str, object]:
    """Everything a download says about itself (metadata.json, the xlsx sheet, Parquet metadata)."""
    lang = provenance.lang
    columns = []
    for header, column in table.columns.items():
        entry: dict[str, object] = {"name": header, "type": _TYPES[column.kind]}
        if column.unit:
            entry["unit"] = column.unit
        if isinstance(column.decimals, int):
            entry["decimals"] = column.decimals
        elif isinstance(column.decimals, tuple):
            entry["decimals"] = t("export.meta.decimals_per_indicator", lang)
        columns.append(entry)
    return {
        "title": table.title,
        "dataset": provenance.dataset,
        "city": provenance.city,
        "level": table.level,
        "periods": periods_text(table.periods),
        "indicators": [indicator_metadata(entry, lang) for entry in table.indicators],
        "suppression": provenance.suppression,
        "notes": list(table.notes),
        "attribution": provenance.attribution,
        "demo": provenance.is_demo,
        "permalink": provenance.permalink,
        "exported": provenance.exported,
        "language": lang,
        "rows": int(len(table.frame)),
        "columns": columns,
    }


def _meta_rows(meta: Mapping[str, object], lang: str) -> list[tuple[str, str, str]]:
    """The metadata as (key, label, text) rows for people: README and the xlsx sheet."""
    rows = [
        ("title", meta["title"]),
        ("dataset", meta["dataset"]),
        ("demo", t("demo.banner", lang) if meta["demo"] else ""),
        ("level", meta["level"]),
        ("periods", meta["periods"]),
        ("suppression", meta["suppression"]),
        *[("note", note) for note in meta["notes"]],  # type: ignore[union-attr]
        ("attribution", meta["attribution"]),
        ("permalink", meta["permalink"]),
        ("exported", meta["exported"]),
        ("rows", meta["rows"]),
    ]
    return [(key, t("export.meta." + key, lang), str(text)) for key, text in rows if str(text)]


_URL_SAFE = ":/?&=%#+,;@~-._"  # a link in README.md as an autolink; anything else percent-encoded
_INDICATOR_FIELDS = ("id", "label", "unit", "definition", "topic", "kind", "polarity", "source", "licence", "vintage")


def readme(meta: Mapping[str, object], csv_name: str, *, excel_de: bool, lang: str) -> str:
    """README.md of a CSV download: what the table shows, its sources, how to read the file.
    Data strings are escaped so that a Markdown viewer shows them as text."""
    lines = [f"# {escape_markdown_file(meta['title'])}", ""]
    for key, label, text in _meta_rows(meta, lang):
        shown = f"<{quote(text, safe=_URL_SAFE)}>" if key == "permalink" and "://" in text else escape_markdown_file(text)
        lines.append(f"- **{label}:** {shown}")
    lines += ["", f"## {t('export.meta.indicators', lang)}", ""]
    for indicator in meta["indicators"]:  # type: ignore[union-attr]
        lines += [f"### {escape_markdown_file(indicator['label'])} ({escape_markdown_file(indicator['unit'])})", ""]
        lines += [
            f"- **{t('export.field.' + key, lang)}:** {escape_markdown_file(indicator[key])}"
            for key in _INDICATOR_FIELDS
            if indicator[key] != ""
        ]
        lines.append("")
    lines += [f"## {t('export.meta.file', lang)}", ""]
    lines.append(t("export.readme.csv_excel_de" if excel_de else "export.readme.csv", lang, file=csv_name))
    lines.append("")
    lines += [f"| {t('export.meta.column', lang)} | {t('export.meta.type', lang)} | {t('export.field.unit', lang)} |", "|---|---|---|"]
    for column in meta["columns"]:  # type: ignore[union-attr]
        cells = (escape_markdown_file(column["name"]), t(f"export.type.{column['type']}", lang), escape_markdown_file(column.get("unit", "")))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _zip(files: Mapping[str, bytes], exported: str) -> bytes:
    """A ZIP of `files`, each dated at the export (so the same export gives the same bytes)."""
    try:
        stamp = datetime.fromisoformat(exported).timetuple()[:6]
    except ValueError:
        stamp = (1980, 1, 1, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def csv_zip_bytes(table: ExportTable, provenance: Provenance, *, excel_de: bool) -> bytes:
    """A ZIP with the CSV, metadata.json and README.md (in the manner of Our World in Data)."""
    meta = metadata(table, provenance)
    csv_name = file_stem(provenance.city, table.name) + ("_excel-de" if excel_de else "") + ".csv"
    meta["file"] = {
        "name": csv_name,
        "encoding": "UTF-8 with BOM" if excel_de else "UTF-8",
        "delimiter": ";" if excel_de else ",",
        "decimal": "," if excel_de else ".",
        "quoted": "headers, ids and text",
    }
    return _zip(
        {
            csv_name: csv_bytes(table, excel_de=excel_de),
            "metadata.json": (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
            "README.md": readme(meta, csv_name, excel_de=excel_de, lang=provenance.lang).encode("utf-8"),
        },
        provenance.exported,
    )


# ---- xlsx ----------------------------------------------------------------------------------------
def _text_cell(sheet, text: str, *, bold: bool = False, id_format: bool = False):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # never a formula or an error code, whatever the text begins with
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True
    if id_format:
        cell.number_format = "@"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _number_format(decimals: int | None) -> str:
    return "General" if decimals is None else ("0" if decimals == 0 else "0." + "0" * decimals)


def xlsx_bytes(table: ExportTable, provenance: Provenance) -> bytes:
    """An Excel workbook: the table (ids as text, numbers rounded, header frozen, filter on) and a
    second sheet with the metadata, the indicators and the columns."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    lang = provenance.lang
    meta = metadata(table, provenance)
    workbook = Workbook(write_only=True)
    workbook.properties.title = table.title[:250]
    workbook.properties.creator = "Sozialmonitor"
    data = workbook.create_sheet(t("export.sheet.data", lang))
    headers = list(table.columns)
    for number, header in enumerate(headers, start=1):
        values = table.frame[header]
        longest = max([len(str(header)), *(len(str(v)) for v in values.head(200) if not _missing(v))])
        data.column_dimensions[get_column_letter(number)].width = min(longest + 2, _XLSX_MAX_WIDTH)
    data.freeze_panes = "A2"
    if headers:
        data.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(table.frame) + 1}"
    data.append([_text_cell(data, str(h), bold=True) for h in headers])
    specs = list(table.columns.values())
    columns = [table.frame[h].tolist() for h in headers]
    for row in range(len(table.frame)):
        cells = []
        for column, values in zip(specs, columns):
            value = values[row]
            if _missing(value):
                cells.append(None)
            elif column.kind in ("id", "text"):
                cells.append(_text_cell(data, str(value), id_format=column.kind == "id"))
            elif column.kind == "integer" and float(value).is_integer():
                cells.append(int(value))
            else:
                decimals = column.decimals_at(row)
                cell = WriteOnlyCell(data, value=float(rounded(value, decimals)))
                cell.number_format = _number_format(decimals)
                cells.append(cell)
        data.append(cells)

    sheet = workbook.create_sheet(t("export.sheet.metadata", lang))
    sheet.column_dimensions["A"].width = 28
    for letter in "BCDEFGHIJ":
        sheet.column_dimensions[letter].width = 40 if letter == "B" else 24
    for _, label, text in _meta_rows(meta, lang):
        sheet.append([_text_cell(sheet, label, bold=True), _text_cell(sheet, text)])
    sheet.append([])
    sheet.append([_text_cell(sheet, t("export.meta.indicators", lang), bold=True)])
    sheet.append([_text_cell(sheet, t("export.field." + key, lang), bold=True) for key in _INDICATOR_FIELDS])
    for indicator in meta["indicators"]:  # type: ignore[union-attr]
        sheet.append([_text_cell(sheet, str(indicator[key]), id_format=key == "id") for key in _INDICATOR_FIELDS])
    sheet.append([])
    sheet.append([_text_cell(sheet, t("export.meta.columns", lang), bold=True)])
    sheet.append([_text_cell(sheet, t(key, lang), bold=True) for key in ("export.meta.column", "export.meta.type", "export.field.unit", "export.meta.decimals")])
    for column in meta["columns"]:  # type: ignore[union-attr]
        sheet.append(
            [
                _text_cell(sheet, str(column["name"])),
                _text_cell(sheet, t(f"export.type.{column['type']}", lang)),
                _text_cell(sheet, str(column.get("unit", ""))),
                _text_cell(sheet, str(column.get("decimals", ""))),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---- Parquet -------------------------------------------------------------------------------------
def parquet_bytes(table: ExportTable, provenance: Provenance) -> bytes:
    """Parquet with unrounded values (ids and text as strings, integers as int64), the metadata as
    JSON under the key 'sozialmonitor' of the file's key-value metadata, unit and decimals per field."""
    arrays, fields = [], []
    for header, column in table.columns.items():
        values = table.frame[header]
        if column.kind in ("id", "text"):
            array = pa.array([None if _missing(v) else str(v) for v in values], type=pa.string())
        elif column.kind == "integer" and all(_missing(v) or float(v).is_integer() for v in values):
            array = pa.array([None if _missing(v) else int(v) for v in values], type=pa.int64())
        else:
            array = pa.array([None if _missing(v) else float(v) for v in values], type=pa.float64())
        field_meta = {"kind": column.kind}
        if column.unit:
            field_meta["unit"] = column.unit
        if isinstance(column.decimals, int):
            field_meta["decimals"] = str(column.decimals)
        arrays.append(array)
        fields.append(pa.field(str(header), array.type, metadata=field_meta))
    meta = metadata(table, provenance)
    schema = pa.schema(
        fields,
        metadata={
            METADATA_KEY: json.dumps(meta, ensure_ascii=False),
            "title": str(meta["title"]),
            "permalink": str(meta["permalink"]),
            "suppression": str(meta["suppression"]),
        },
    )
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), buffer)
    return buffer.getvalue()


def render(table: ExportTable, fmt: str, provenance: Provenance) -> DownloadFile:
    """The download of `table` in format `fmt` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {FORMATS}")
    if fmt == "xlsx":
        data = xlsx_bytes(table, provenance)
    elif fmt == "parquet":
        data = parquet_bytes(table, provenance)
    else:
        data = csv_zip_bytes(table, provenance, excel_de=fmt == "csv_excel_de")
    return DownloadFile(name=file_name(table, fmt, provenance), mime=MIME[fmt], data=data)


# ---- column helpers for the builders ---------------------------------------------------------------
def count_or_number(values: pd.Series, decimals: int | tuple[int, ...] | None = None) -> Column:
    """An integer column where every value is whole (counts), else a number column."""
    present = pd.to_numeric(values, errors="coerce").dropna()
    whole = bool((present == present.round()).all())
    return Column("integer") if whole else Column("number", decimals)

