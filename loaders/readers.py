"""Reading a city's own tables: CSV and Excel (xlsx); boundaries and points are in loaders.geodata.

Everything an analyst can get wrong in a file surfaces here as a `Problem` (loaders.contract)
that names the file, the row as the analyst sees it (the physical line of a text file, the row
number of an Excel sheet), the column, the value and what was expected — in German and English.

German number conventions are parsed in exactly one place, `parse_number`: decimal comma or
point, thousands separated by dots, commas, spaces, no-break or narrow no-break spaces (only in
groups of three, so `4.22594` is never read as 422594), and markers for a missing value
(`.`, `-`, `x`, `-9999`, …). Cells are kept as text until a column is parsed, so an id such as
`"01100101"` never loses its leading zero.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from loaders.contract import Problem

# Markers an official statistics table uses for a missing value (besides an empty cell):
# "." unknown or secret, "-" / "–" nothing, "x" cell blocked, "..." not yet available, "/" too uncertain.
DEFAULT_MISSING = (".", "-", "–", "—", "x", "X", "...", "…", "/")
SEPARATORS = (";", ",", "\t", "|")
SPACES = (" ", "\u00a0", "\u202f", "\u2009")
ENCODINGS = {"auto", "utf-8", "utf-8-sig", "latin-1", "cp1252", "iso-8859-1", "iso-8859-15", "utf-16"}
HEADER_JOIN = " / "

# Zip files (and Excel workbooks, which are zip files) are checked before anything is unpacked:
# a 1 MB zip can declare a member of many gigabytes. Limits per member and in total, and the
# ratio unpacked/packed for members larger than RATIO_FROM_BYTES (statistics files pack 5–20×).
MAX_UNPACKED_BYTES = 200 * 2**20
MAX_UNPACKED_TOTAL = 400 * 2**20
MAX_PACKING_RATIO = 100
RATIO_FROM_BYTES = 2**20
MAX_MEMBERS = 10_000
# Cells of one table held in memory (a city's long table at block level has a few million).
MAX_CELLS = 5_000_000


class SourceError(Exception):
    """A file cannot be read at all; `problems` says why and what to change."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.text("en") for p in problems))


def problem(file: str, column: str | None, de: str, en: str, rows: Iterable[int] = (), values: Iterable[str] = (), more: int = 0) -> Problem:
    return Problem(file=file, column=column, expected_de=de, expected_en=en, rows=tuple(rows), values=tuple(values), more_rows=more)


# --- zip files ------------------------------------------------------------------------------


def _megabytes(size: int, lang: str) -> str:
    text = f"{size / 2**20:,.1f} MB"
    return text.replace(",", "§").replace(".", ",").replace("§", ".") if lang == "de" else text


def _too_big(file: str, what_de: str, what_en: str) -> SourceError:
    return SourceError([problem(
        file, None,
        f"{what_de} — mehr als erlaubt (je Teil {_megabytes(MAX_UNPACKED_BYTES, 'de')}, zusammen {_megabytes(MAX_UNPACKED_TOTAL, 'de')}, "
        f"höchstens {MAX_PACKING_RATIO}-fach gepackt): nicht ausgepackt. Ist die Datei echt, sie ungepackt oder in kleineren Teilen angeben",
        f"{what_en} — more than allowed ({_megabytes(MAX_UNPACKED_BYTES, 'en')} per member, {_megabytes(MAX_UNPACKED_TOTAL, 'en')} in all, "
        f"packed at most {MAX_PACKING_RATIO}-fold): not unpacked. If the file is genuine, give it unpacked or in smaller parts")])


def check_archive(archive: zipfile.ZipFile, file: str) -> None:
    """Refuse a zip whose declared sizes or packing ratios exceed the limits, before anything is unpacked.

    zipfile never unpacks more than a member declares, so checking the declarations bounds
    the memory any later reader (openpyxl, pyshp) can take.
    """
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _too_big(file, f"die ZIP-Datei enthält {len(members):,} Teile".replace(",", "."), f"the zip file holds {len(members):,} members")
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_UNPACKED_BYTES or (info.file_size > RATIO_FROM_BYTES and ratio > MAX_PACKING_RATIO):
            raise _too_big(
                file,
                f"„{info.filename}“ entpackt sich zu {_megabytes(info.file_size, 'de')} aus {_megabytes(info.compress_size, 'de')} "
                f"({f'{ratio:,.0f}'.replace(',', '.')}-fach)",
                f"'{info.filename}' unpacks to {_megabytes(info.file_size, 'en')} from {_megabytes(info.compress_size, 'en')} ({ratio:,.0f}-fold)",
            )
    if total > MAX_UNPACKED_TOTAL:
        raise _too_big(file, f"die ZIP-Datei entpackt sich zu {_megabytes(total, 'de')}", f"the zip file unpacks to {_megabytes(total, 'en')}")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str) -> bytes:
    """One member of a checked zip, read in chunks and never beyond the limit."""
    chunks, size = [], 0
    with archive.open(info) as member:
        while chunk := member.read(2**20):
            size += len(chunk)
            if size > MAX_UNPACKED_BYTES:
                raise _too_big(file, f"„{info.filename}“ ist größer als angegeben", f"'{info.filename}' is larger than declared")
            chunks.append(chunk)
    return b"".join(chunks)


# --- numbers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberFormat:
    """How numbers are written in one file."""

    decimal: str = ","
    thousands: tuple[str, ...] = ()  # empty: spaces plus the mark that is not the decimal mark
    missing: tuple[str, ...] = DEFAULT_MISSING
    zero: tuple[str, ...] = ()  # markers that mean "nothing", read as 0 (e.g. "-" in official tables)

    def separators(self) -> tuple[str, ...]:
        if self.thousands:
            return tuple(s for s in self.thousands if s != self.decimal)
        other = "." if self.decimal == "," else ","
        return (other, *SPACES)

    def missing_numbers(self) -> tuple[float, ...]:
        found = []
        for marker in self.missing:
            try:
                found.append(float(_plain_number(marker)))
            except ValueError:
                continue
        return tuple(found)


class CellError(ValueError):
    """A cell that is neither a number nor a missing-value marker."""

    def __init__(self, de: str, en: str):
        self.de = de
        self.en = en
        super().__init__(en)


def _plain_number(text: str) -> str:
    text = text.strip().replace("\u2212", "-")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
        raise ValueError(text)
    return text


def _missing_hint(fmt: NumberFormat) -> tuple[str, str]:
    shown = ", ".join(f"„{m}“" for m in fmt.missing[:6])
    example_de = "1.234,5" if fmt.decimal == "," else "1 234.5"
    example_en = "1.234,5" if fmt.decimal == "," else "1,234.5"
    mark_de = "Dezimalkomma" if fmt.decimal == "," else "Dezimalpunkt"
    mark_en = "decimal comma" if fmt.decimal == "," else "decimal point"
    return (
        f"erwartet eine Zahl mit {mark_de} (z. B. {example_de}) oder einen fehlenden Wert (leer, {shown})",
        f"expected a number with a {mark_en} (e.g. {example_en}) or a missing value (empty, {shown})",
    )


def parse_number(cell: Any, fmt: NumberFormat) -> float | None:
    """One cell as a float, None where it is missing; CellError says what was expected.

    Accepts numbers from Excel as they are; text is parsed with the file's decimal mark and
    thousands separators. A thousands separator is only accepted between groups of three
    digits, so a decimal point read with `decimal = ","` is an error, never a silent ×1000.
    """
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise CellError("erwartet eine Zahl, gefunden ein Wahrheitswert", "expected a number, found a boolean")
    if isinstance(cell, (int, float)):
        value = float(cell)
        if math.isnan(value):
            return None
        if value in fmt.missing_numbers():
            return None
        if math.isinf(value):
            raise CellError("erwartet eine endliche Zahl", "expected a finite number")
        return value
    if isinstance(cell, (dt.date, dt.datetime, dt.time)):
        de, en = _missing_hint(fmt)
        raise CellError(f"Datum statt Zahl: {de}", f"a date instead of a number: {en}")
    text = str(cell)
    for space in SPACES[1:]:
        text = text.replace(space, " ")
    text = text.strip()
    if text in fmt.zero:
        return 0.0
    if text == "" or text in fmt.missing:
        return None
    text = text.replace("\u2212", "-")
    sign = ""
    if text[0] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:].strip()
    separators = fmt.separators()
    decimal = re.escape(fmt.decimal)
    grouped = "|".join(re.escape(s) for s in separators) if separators else None
    integer = r"\d+"
    if grouped:
        integer = rf"(?:\d{{1,3}}(?:(?P<sep>{grouped})\d{{3}})(?:(?P=sep)\d{{3}})*|\d+)"
    match = re.fullmatch(rf"(?P<int>{integer})(?:{decimal}(?P<frac>\d+))?(?:[eE](?P<exp>[+-]?\d+))?", text)
    if match is None and text.startswith(fmt.decimal):
        match = re.fullmatch(rf"(?P<int>){decimal}(?P<frac>\d+)", text)
    if match is None:
        de, en = _missing_hint(fmt)
        other = "." if fmt.decimal == "," else ","
        if re.fullmatch(rf"\d+{re.escape(other)}\d+", text):
            de += f"; die Datei scheint „{other}“ als Dezimalzeichen zu nutzen: decimal = \"{other}\" angeben"
            en += f"; the file seems to use '{other}' as decimal mark: set decimal = \"{other}\""
        raise CellError(de, en)
    digits = re.sub(r"\D", "", match.group("int")) or "0"
    number = f"{sign}{digits}"
    if match.group("frac"):
        number += "." + match.group("frac")
    if match.groupdict().get("exp"):
        number += "e" + match.group("exp")
    value = float(number)
    if not math.isfinite(value):
        raise CellError("Zahl außerhalb des darstellbaren Bereichs (über 10^308): Tippfehler im Exponenten oder zu viele Ziffern?",
                        "number out of range (beyond 10^308): a typo in the exponent, or too many digits?")
    if value in fmt.missing_numbers():
        return None
    return value


# --- tables ---------------------------------------------------------------------------------


@dataclass
class Table:
    """A read table: cells as found (text from CSV, typed from Excel), with their file rows."""

    file: str  # the name shown in messages
    columns: list[str]
    rows: list[list[Any]]
    row_numbers: list[int]  # per row: its line in the text file or its row in the sheet
    row_label_de: str = "Zeile"
    row_label_en: str = "line"
    notes: list[Problem] = field(default_factory=list)

    def column_index(self, name: str) -> int:
        """Position of a column; SourceError lists the columns and the closest names."""
        wanted = normalise_header(name)
        for index, column in enumerate(self.columns):
            if column == wanted:
                return index
        folded = [column.casefold() for column in self.columns]
        if wanted.casefold() in folded:
            return folded.index(wanted.casefold())
        raise SourceError([unknown_column(self.file, name, self.columns)])

    def has_column(self, name: str) -> bool:
        try:
            self.column_index(name)
        except SourceError:
            return False
        return True


def unknown_column(file: str, name: str, columns: list[str]) -> Problem:
    from loaders.report import closest  # local import: report builds on readers

    close = closest(name, columns)
    listed = ", ".join(f"„{c}“" for c in columns[:40])
    hint_de = f" Meinten Sie {' oder '.join(f'„{c}“' for c in close)}?" if close else ""
    hint_en = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return problem(
        file,
        name,
        f"Spalte nicht gefunden.{hint_de} Vorhandene Spalten: {listed}",
        f"column not found.{hint_en} Columns in the file: {listed}",
    )


def normalise_header(text: Any) -> str:
    """A header cell with line breaks and runs of spaces collapsed to one space."""
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    return " ".join(str(text).split())


def combine_headers(header_rows: list[list[Any]]) -> list[str]:
    """Several header rows into one name per column.

    Upper rows are spanning titles: an empty cell continues the title on its left (as merged
    cells export); the parts of a column are joined with " / ", empty parts left out.
    """
    width = max((len(row) for row in header_rows), default=0)
    filled: list[list[str]] = []
    for depth, row in enumerate(header_rows):
        cells = [normalise_header(row[i]) if i < len(row) else "" for i in range(width)]
        if depth < len(header_rows) - 1:
            current = ""
            for i, cell in enumerate(cells):
                if cell:
                    current = cell
                elif i > 0 and _parent_continues(filled, i):
                    cells[i] = current
            # a title never spills into columns before its first cell
        filled.append(cells)
    names = []
    for i in range(width):
        parts = [row[i] for row in filled if row[i]]
        names.append(HEADER_JOIN.join(parts))
    return names


def _parent_continues(filled: list[list[str]], i: int) -> bool:
    """An upper-row title continues to the right only inside its parent's span."""
    if not filled:
        return True
    parent = filled[-1]
    return parent[i] != "" and parent[i] == parent[i - 1]


def _unique_columns(file: str, columns: list[str], first_row: int) -> list[str]:
    """Blank headers become "Spalte N"; duplicates get " (2)", " (3)" appended."""
    seen: Counter[str] = Counter()
    out = []
    for index, name in enumerate(columns, start=1):
        name = name or f"Spalte {index}"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


# Byte-order marks of the Unicode encodings Excel and Windows tools write ("Unicode text" is UTF-16 LE).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32", "FF FE 00 00"), (b"\x00\x00\xfe\xff", "utf-32", "00 00 FE FF"),
         (b"\xff\xfe", "utf-16", "FF FE"), (b"\xfe\xff", "utf-16", "FE FF"))


def _wide_encoding(data: bytes, encoding: str, file: str) -> tuple[str, str] | None:
    """UTF-16/UTF-32 told by the byte-order mark: (codec, mark) to read with; SourceError when the spec says otherwise.

    Without a byte-order mark, NUL bytes mean UTF-16 without one, or no text file at all; read
    as UTF-8 they would end up inside the column names ("column not found").
    """
    for mark, codec, shown in _BOMS:
        if data.startswith(mark):
            if encoding in ("auto", codec):
                return codec, shown
            name = codec.upper()
            raise SourceError([problem(
                file, None,
                f"die Datei ist {name}-kodiert (Byte-Order-Mark {shown} am Anfang), die Spezifikation sagt encoding = \"{encoding}\": "
                f"encoding = \"auto\" angeben oder die Datei als „CSV UTF-8“ speichern",
                f"the file is encoded as {name} (byte-order mark {shown} at its start), the spec says encoding = \"{encoding}\": "
                f"set encoding = \"auto\" or save the file as 'CSV UTF-8'")])
    head = data[:4096]
    if encoding not in ("utf-16",) and head.count(0) > len(head) // 10:
        raise SourceError([problem(
            file, None,
            "die Datei enthält Null-Bytes: UTF-16 ohne Byte-Order-Mark oder gar keine Textdatei (z. B. altes Excel .xls unter anderem Namen) — "
            "in Excel als „CSV UTF-8“ speichern",
            "the file contains NUL bytes: UTF-16 without a byte-order mark, or no text file at all (e.g. an old Excel .xls under another name) — "
            "save it as 'CSV UTF-8' in Excel")])
    return None


def decode(data: bytes, encoding: str, file: str) -> tuple[str, str]:
    """Bytes to text with the declared encoding ("auto": a UTF-16/32 byte-order mark, else UTF-8, else Windows-1252); returns (text, encoding)."""
    wide = _wide_encoding(data, encoding, file)
    if wide is not None:
        try:
            return data.decode(wide[0]), wide[0]
        except UnicodeDecodeError as error:
            raise SourceError([problem(file, None, f"die Datei beginnt wie {wide[0].upper()} (Byte-Order-Mark {wide[1]}), ist aber beschädigt "
                                       f"(Byte {error.start}): neu exportieren, am besten als „CSV UTF-8“",
                                       f"the file starts like {wide[0].upper()} (byte-order mark {wide[1]}) but is damaged "
                                       f"(byte {error.start}): export it again, preferably as 'CSV UTF-8'")]) from None
    candidates = ["utf-8-sig", "cp1252"] if encoding == "auto" else [encoding]
    if encoding in ("utf-8", "utf8"):
        candidates = ["utf-8-sig"]
    for candidate in candidates:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError as error:
            last = error
        except LookupError:
            raise SourceError(
                [problem(file, None, f"unbekannte Kodierung „{encoding}“: erwartet utf-8, latin-1, cp1252 oder auto",
                         f"unknown encoding '{encoding}': expected utf-8, latin-1, cp1252 or auto")]
            ) from None
    line = data[: last.start].count(b"\n") + 1
    raise SourceError(
        [
            problem(
                file,
                None,
                f"Datei ist nicht in der Kodierung {encoding} lesbar (Zeile {line}, Byte {data[last.start:last.start + 1]!r}); "
                'encoding = "latin-1" oder encoding = "auto" angeben',
                f"file cannot be read as {encoding} (line {line}, byte {data[last.start:last.start + 1]!r}); "
                'set encoding = "latin-1" or encoding = "auto"',
                rows=(line,),
            )
        ]
    )


def too_many_cells(file: str, line: int) -> SourceError:
    limit_de, limit_en = f"{MAX_CELLS:,}".replace(",", "."), f"{MAX_CELLS:,}"
    return SourceError([problem(
        file, None,
        f"mehr als {limit_de} Zellen (bis Zeile {line}): nicht weiter gelesen — nicht benötigte Spalten weglassen oder die Datei teilen",
        f"more than {limit_en} cells (up to line {line}): not read further — leave out columns that are not needed, or split the file",
        rows=(line,))])


def _records(text: str, separator: str, file: str = "") -> list[tuple[int, list[str]]]:
    """CSV records with the physical line each starts on (quoted fields may span lines); at most MAX_CELLS cells."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=False)
    out = []
    previous_end = 0
    cells = 0
    for record in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        cells += len(record)
        if cells > MAX_CELLS:
            raise too_many_cells(file, start)
        out.append((start, record))
    return out


def _width_profile(records: list[tuple[int, list[str]]]) -> tuple[int, float]:
    widths = [len(r) for _, r in records[:50] if any(c.strip() for c in r)]
    if not widths:
        return 0, 0.0
    width, count = Counter(widths).most_common(1)[0]
    return width, count / len(widths)


def detect_separator(text: str, header_line: int) -> str | None:
    """The separator that splits the lines from the header on into the most, most regular columns."""
    best, best_score = None, (1, 0.0)
    lines = text.splitlines()[header_line - 1 : header_line + 60]
    sample = "\n".join(lines)
    for candidate in SEPARATORS:
        try:
            width, share = _width_profile(_records(sample, candidate))
        except csv.Error:
            continue
        if width > 1 and (share, width) > (best_score[1], best_score[0]) and share >= 0.6:
            best, best_score = candidate, (width, share)
    return best


def csv_header(text: str, file: str, *, separator: str, header_row: int, header_rows: int) -> tuple[str, list[str], list[tuple[int, list[str]]]]:
    """The separator, the column names and the body records (with their first lines) of a decoded CSV text.

    SourceError when the separator cannot be told or the given one is evidently wrong, or there
    is no header. `text` may be the head of a large file only (loaders.streaming reads the rest).
    """
    detected = detect_separator(text, header_row)
    if separator == "auto":
        if detected is None:
            raise SourceError(
                [problem(file, None, "Trennzeichen nicht erkennbar: separator = \";\" (oder \",\", \"\\t\") angeben",
                         "cannot tell the separator: set separator = \";\" (or \",\", \"\\t\")")]
            )
        separator = detected
    try:
        records = _records(text, separator, file)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            de = f"ein Feld ist länger als {csv.field_size_limit():,} Zeichen: fehlt ein schließendes Anführungszeichen?".replace(",", ".")
            en = f"a field is longer than {csv.field_size_limit():,} characters: is a closing quote missing?"
        else:
            de, en = "Aufbau nicht lesbar (Anführungszeichen oder Trennzeichen?)", "structure cannot be read (quotes or separators?)"
        raise SourceError([problem(file, None, f"keine lesbare CSV-Datei: {de}", f"not a readable CSV file: {en}")]) from None
    records = [(line, record) for line, record in records if line >= header_row]
    header = records[:header_rows]
    if not header:
        raise SourceError([problem(file, None, f"keine Kopfzeile ab Zeile {header_row} gefunden", f"no header found from line {header_row} on")])
    columns = combine_headers([record for _, record in header])
    if len(columns) <= 1 and detected is not None and detected != separator:
        raise SourceError(
            [
                problem(
                    file,
                    None,
                    f"falsches Trennzeichen: angegeben ist „{_show_sep(separator)}“, die Datei nutzt „{_show_sep(detected)}“ — "
                    f"separator = \"{_show_sep(detected)}\" angeben",
                    f"wrong separator: the spec says '{_show_sep(separator)}', the file uses '{_show_sep(detected)}' — "
                    f"set separator = \"{_show_sep(detected)}\"",
                    rows=(header[0][0],),
                    values=(header[0][1][0][:60] if header[0][1] else "",),
                )
            ]
        )
    return separator, _unique_columns(file, columns, header[0][0]), records[header_rows:]


def read_csv(
    data: bytes,
    file: str,
    *,
    separator: str = "auto",
    encoding: str = "auto",
    header_row: int = 1,
    header_rows: int = 1,
    footer_rows: int = 0,
) -> Table:
    """A CSV file as a Table. `header_row` is the line the header starts on (1 = first line)."""
    text, used_encoding = decode(data, encoding, file)
    text = text.lstrip("\ufeff")
    separator, columns, body = csv_header(text, file, separator=separator, header_row=header_row, header_rows=header_rows)
    if footer_rows:
        body = body[:-footer_rows] if footer_rows < len(body) else []
    rows, numbers, too_long = [], [], []
    for line, record in body:
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(columns):
            if any(cell.strip() for cell in record[len(columns):]):
                too_long.append((line, f"{len(record)} Felder / fields"))
                continue
            record = record[: len(columns)]
        rows.append(record + [""] * (len(columns) - len(record)))
        numbers.append(line)
    if too_long:
        raise too_many_fields(file, len(columns), separator, too_long)
    table = Table(file=file, columns=columns, rows=rows, row_numbers=numbers)
    if used_encoding == "cp1252" and encoding == "auto":
        table.notes.append(read_as_windows_1252(file))
    if used_encoding in ("utf-16", "utf-32") and encoding == "auto":
        name = used_encoding.upper()
        table.notes.append(problem(file, None, f"als {name} gelesen (Byte-Order-Mark am Dateianfang)", f"read as {name} (byte-order mark at the start of the file)"))
    return table


def read_as_windows_1252(file: str) -> Problem:
    return problem(file, None, "als Windows-1252 (Latin-1) gelesen, nicht UTF-8", "read as Windows-1252 (Latin-1), not UTF-8")


def too_many_fields(file: str, width: int, separator: str, too_long: list[tuple[int, str]]) -> SourceError:
    """Rows with more (non-empty) fields than the header: `too_long` holds (line, "N Felder / fields")."""
    shown = too_long[:10]
    return SourceError(
        [
            problem(
                file,
                None,
                f"mehr Felder als die Kopfzeile ({width}): Trennzeichen im Wert? Werte mit „{_show_sep(separator)}“ in Anführungszeichen setzen",
                f"more fields than the header ({width}): a separator inside a value? Quote values containing '{_show_sep(separator)}'",
                rows=[r for r, _ in shown],
                values=[v for _, v in shown],
                more=len(too_long) - len(shown),
            )
        ]
    )


def _show_sep(separator: str) -> str:
    return "\\t" if separator == "\t" else separator


def read_xlsx(data: bytes, file: str, *, sheet: str | None = None, header_row: int = 1, header_rows: int = 1, footer_rows: int = 0) -> Table:
    """One sheet of an Excel workbook as a Table; row numbers are the sheet's row numbers."""
    import openpyxl  # imported here: only Excel imports need it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive, file)
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError):
        raise SourceError(
            [problem(file, None, "keine lesbare Excel-Datei (.xlsx): beschädigt oder in einem anderen Format; in Excel öffnen und als .xlsx speichern",
                     "not a readable Excel file (.xlsx): damaged or in another format; open it in Excel and save it as .xlsx")]
        ) from None
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise SourceError(
                [problem(file, None, f"Tabellenblatt „{sheet}“ fehlt; vorhanden: {', '.join(workbook.sheetnames)}",
                         f"sheet '{sheet}' not found; the workbook has: {', '.join(workbook.sheetnames)}")]
            )
        all_rows = []
        cells = 0
        for index, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells += len(values)
            if cells > MAX_CELLS:
                raise too_many_cells(file, index)
            all_rows.append((index, list(values)))
    finally:
        workbook.close()
    header = [row for index, row in all_rows if header_row <= index < header_row + header_rows]
    if not header or not any(any(c is not None and str(c).strip() for c in row) for row in header):
        raise SourceError([problem(file, None, f"keine Kopfzeile in Zeile {header_row}", f"no header in row {header_row}")])
    columns = _unique_columns(file, combine_headers(header), header_row)
    body = [(index, row) for index, row in all_rows if index >= header_row + header_rows]
    if footer_rows:
        body = body[:-footer_rows] if footer_rows < len(body) else []
    rows, numbers = [], []
    for index, row in body:
        if not any(cell is not None and str(cell).strip() for cell in row):
            continue
        cells = [("" if cell is None else cell) for cell in row[: len(columns)]]
        rows.append(cells + [""] * (len(columns) - len(cells)))
        numbers.append(index)
    return Table(file=file, columns=columns, rows=rows, row_numbers=numbers, row_label_de="Zeile", row_label_en="row")


def read_table(
    data: bytes,
    file: str,
    *,
    separator: str = "auto",
    encoding: str = "auto",
    sheet: str | None = None,
    header_row: int = 1,
    header_rows: int = 1,
    footer_rows: int = 0,
) -> Table:
    """A CSV or Excel file (chosen by the file name's ending) as a Table."""
    suffix = Path(file).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(data, file, sheet=sheet, header_row=header_row, header_rows=header_rows, footer_rows=footer_rows)
    if suffix == ".xls":
        raise SourceError([problem(file, None, "altes Excel-Format .xls: in Excel als .xlsx speichern", "old Excel format .xls: save it as .xlsx in Excel")])
    if data[:4] == b"PK\x03\x04":
        return read_xlsx(data, file, sheet=sheet, header_row=header_row, header_rows=header_rows, footer_rows=footer_rows)
    return read_csv(data, file, separator=separator, encoding=encoding, header_row=header_row, header_rows=header_rows, footer_rows=footer_rows)


def cell_text(cell: Any) -> str:
    """A cell as text for ids and names: Excel integers without ".0", text stripped."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, (dt.datetime, dt.date)):
        return cell.isoformat()
    return " ".join(str(cell).split())
