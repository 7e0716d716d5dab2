"""Large CSV tables imported in batches: pyarrow's CSV reader into a DuckDB table, no Python object per cell.

An import whose spec names a CSV file of at least `STREAM_FROM_BYTES` on disk runs in streamed
mode (`StreamedImport.for_spec`): every table of that spec is read into one DuckDB table per
file (`line`, `area_id`, `period`, `key`, `num`, plus the reason where a cell cannot be read),
its values are assembled, checked and counted in SQL, and written to Parquet from DuckDB in
batches. Memory is bounded by pyarrow's block (`BLOCK_BYTES`), DuckDB's `MEMORY_LIMIT` (it
spills to a temporary folder beyond it), the distinct id cells (Arrow and numpy columns, with
a name per area) and one Python entry per distinct period, key and unusual number text; time
by the file size (`MAX_STREAM_BYTES`). The import's database is closed before the written
dataset is checked, so that the two never hold their working memory at once. Smaller files keep
the row-by-row reader of loaders.readers, which stops at `MAX_CELLS`.

What the row-by-row path says about a row, the streamed path says in the same words with the
same line numbers: ids, periods and unusual numbers are judged once per distinct text by the
same functions (`classify_row`, the period pattern, `parse_number`); only plain numbers
(`1234`, `-12,5` with the file's decimal mark) are converted in bulk. Line numbers are the
physical lines of the file, counted from the reader's rows plus the line breaks inside quoted
cells; rows the reader cannot split to the header's width are re-read one by one.

Specs with rows of other levels or city totals (`level_ids`, `total_ids`, tables of a coarser
level), or periods spread over columns (`columns_by_period`), stay on the row-by-row path.
"""
from __future__ import annotations

import atexit
import codecs
import csv
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from loaders import db
from loaders.contract import VALUES_FILE, Problem, arrow_schema
from loaders.levels import SKIP, classify_row
from loaders.patterns import PatternTimeout
from loaders.plausibility import SENTINEL_REPEATS, sentinel_code, sentinel_problem
from loaders.readers import (
    CellError,
    NumberFormat,
    SourceError,
    Table,
    _wide_encoding,
    cell_text,
    csv_header,
    decode,
    parse_number,
    problem,
    read_as_windows_1252,
    read_table,
    too_many_fields,
)
from loaders.spec import ImportSpec, IndicatorSpec, TableSpec

if TYPE_CHECKING:
    from loaders.importer import Files, Loaded, _Findings
    from loaders.report import ImportReport

STREAM_FROM_BYTES = 2**19  # a CSV table of at least 512 KiB switches the import to streamed mode
MAX_STREAM_BYTES = 20 * 2**30  # larger files are refused (time bound: about 200,000 rows, 8 MB per second)
BLOCK_BYTES = 8 * 2**20  # pyarrow reads this much text per batch
HEAD_BYTES = 2**20  # the head in which the separator and the header are found
MEMORY_LIMIT = "256MB"  # DuckDB's working memory; beyond it, it spills to its temporary folder (384 MB: the 1 GB CSV peaked at 1.06 GB)
MAX_LISTED = 10

_OK, _EMPTY, _MISMATCH, _SKIP = 0, 1, 2, 3  # an id's status
_NO_KEYS: dict = {}  # every streamed Record's `keyed` (its keyed cells stay in DuckDB): one empty dictionary, not one per area


def _streamable_table(table: TableSpec, finest: str) -> bool:
    return not table.level_ids and not table.total_ids and (table.level or finest) == finest


def _large_csv(path: Path) -> bool:
    """A CSV file on disk large enough to stream, in an encoding pyarrow reads in a stream (no UTF-16/32)."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls") or not path.is_file():
        return False
    if path.stat().st_size < STREAM_FROM_BYTES:
        return False
    with path.open("rb") as handle:
        head = handle.read(4)
    return head[:2] not in (b"\xff\xfe", b"\xfe\xff") and head not in (b"\x00\x00\xfe\xff",) and head[:4] != b"PK\x03\x04"


# --- reading ------------------------------------------------------------------------------------


_NEVER = np.iinfo(np.int64).max  # the first line of an id cell no good row had yet


class _DistinctIds:
    """The distinct id cells of one table in the order first seen: what _TableWriter._judge_id said of each, and its first good row.

    Kept as Arrow and numpy columns and looked up a batch at a time with pyarrow's hash (`index_in`),
    so that a batch costs no Python work per row or per id already seen; the judge runs once per new cell.
    """

    def __init__(self) -> None:
        self.texts = pa.array([], pa.string())  # the id cells as read
        self.status = np.empty(0, dtype=np.int8)
        self.area_ids = pa.array([], pa.string())
        self.pattern_names: list[str | None] = []  # the name id_pattern found in the cell
        self.odd: dict[int, tuple[int, str | None, str]] = {}  # position of a cell that is not an area → (status, pattern name, cell as written)
        self.first_line = np.empty(0, dtype=np.int64)  # per cell the line of its first good row (_NEVER: none yet)
        self.first_name: list[str | None] = []
        self.first_cells: list[list[str] | None] = []

    def positions(self, column: pa.Array, judge: Callable[[str], tuple[int, str, str | None, str]], lines: np.ndarray) -> np.ndarray:
        """Per row the position of its cell among the distinct cells; cells never seen before are judged and added.

        A spec pattern that runs out of time in `judge` becomes PatternTimeoutAt with the first line holding the cell.
        """
        encoded = pc.dictionary_encode(column)
        indices = encoded.indices.to_numpy(zero_copy_only=False)
        found = pc.index_in(encoded.dictionary, value_set=self.texts)
        at = found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        new = np.flatnonzero(at < 0)
        if len(new):
            texts = encoded.dictionary.take(pa.array(new))
            start = len(self.status)
            status, area_ids = [], []
            for offset, (unique, text) in enumerate(zip(new.tolist(), texts.to_pylist())):
                try:
                    code, area_id, name, raw = judge(text)
                except PatternTimeout as slow:
                    raise PatternTimeoutAt(slow, int(lines[int(np.flatnonzero(indices == unique)[0])])) from None
                status.append(code)
                area_ids.append(area_id)
                self.pattern_names.append(name)
                if code != _OK:
                    self.odd[start + offset] = (code, name, raw)
            self.texts = pa.concat_arrays([self.texts, texts])
            self.status = np.concatenate([self.status, np.array(status, dtype=np.int8)])
            self.area_ids = pa.concat_arrays([self.area_ids, pa.array(area_ids, pa.string())])
            self.first_line = np.concatenate([self.first_line, np.full(len(new), _NEVER, dtype=np.int64)])
            self.first_name.extend([None] * len(new))
            self.first_cells.extend([None] * len(new))
            at[new] = np.arange(start, start + len(new))
        return at[indices]

    def first_rows(self) -> dict[str, tuple[int, str | None, list[str] | None]]:
        """Per area id (in the order of its first line) the line, name and cells of its first good row, over all cells naming it."""
        seen = np.flatnonzero(self.first_line < _NEVER)
        area_ids = self.area_ids.to_pylist()
        first: dict[str, tuple[int, str | None, list[str] | None]] = {}
        for position in seen[np.argsort(self.first_line[seen], kind="stable")].tolist():
            first.setdefault(area_ids[position], (int(self.first_line[position]), self.first_name[position], self.first_cells[position]))
        return first


@dataclass
class _Reading:
    """What the batches of one table leave behind in Python: per distinct text its meaning, and the rows to report."""

    spec: TableSpec
    file: str
    columns: list[str]
    ids: _DistinctIds = field(default_factory=lambda: _DistinctIds())  # id cells, judged by _TableWriter._judge_id
    periods: dict[str, tuple[int, tuple[str, str] | None, str]] = field(default_factory=dict)  # period cell → _TableWriter._judge_period
    numbers: dict[str, float | None | tuple[str, str]] = field(default_factory=dict)  # unusual number text → value or (de, en)
    key_codes: dict[str, int] = field(default_factory=dict)  # key (long) or referenced column (wide) → its number in the rows
    key_names: list[str] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    empty: list[tuple[int, str]] = field(default_factory=list)
    mismatched: list[tuple[int, str]] = field(default_factory=list)
    bad_periods: dict[tuple[str, str], list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))


def _column_positions(spec: TableSpec, table: Table, referenced: set[str]) -> dict[str, int]:
    """The positions of the columns this table is read by: id, name, period, key, value (long) or each referenced column (wide)."""
    wanted = {"id": table.column_index(spec.id)}
    if spec.name_column:
        wanted["name"] = table.column_index(spec.name_column)
    if spec.period_column:
        wanted["period"] = table.column_index(spec.period_column)
    if spec.is_long:
        wanted["key"] = table.column_index(spec.indicator_column)
        wanted["value"] = table.column_index(spec.value_column)
    else:
        for ref in referenced:
            if table.has_column(ref):
                wanted[f"ref:{ref}"] = table.column_index(ref)
    return wanted


class PatternTimeoutAt(Exception):
    """A spec pattern ran out of time on the cell of `line` (loaders.patterns): reported like the row-by-row path reports it."""

    def __init__(self, slow: PatternTimeout, line: int):
        self.slow = slow
        self.line = line
        super().__init__(str(slow))


def _mapped(array: pa.Array, cache: dict, judge: Callable[[str], Any], lines: np.ndarray | None = None) -> tuple[np.ndarray, list[str]]:
    """Per row the index of its text among the distinct texts, and those; `judge` runs once per text never seen before.

    A spec pattern that runs out of time in `judge` becomes PatternTimeoutAt with the first line holding the text.
    """
    encoded = pc.dictionary_encode(array)
    uniques = encoded.dictionary.to_pylist()
    for position, text in enumerate(uniques):
        if text not in cache:
            try:
                cache[text] = judge(text)
            except PatternTimeout as slow:
                indices = encoded.indices.to_numpy(zero_copy_only=False)
                row = int(np.flatnonzero(indices == position)[0])
                raise PatternTimeoutAt(slow, int(lines[row]) if lines is not None else 0) from None
    return encoded.indices.to_numpy(zero_copy_only=False), uniques


def _plain_numbers(text: pa.Array, fmt: NumberFormat) -> tuple[pa.Array, np.ndarray]:
    """(float or null, is it plain) per cell: plain are digits with an optional sign and the file's decimal mark, nothing else."""
    decimal = "\\" + fmt.decimal if fmt.decimal in ".+*?^$()[]{}|\\" else fmt.decimal
    plain = pc.fill_null(pc.match_substring_regex(text, rf"^[+-]?[0-9]+({decimal}[0-9]+)?$"), False)
    normal = pc.replace_substring(text, fmt.decimal, ".") if fmt.decimal != "." else text
    normal = pc.if_else(plain, normal, pa.scalar(None, pa.string()))
    values = pc.cast(normal, pa.float64())
    missing = fmt.missing_numbers()
    if missing:
        values = pc.if_else(pc.is_in(values, pa.array(missing, pa.float64())), pa.scalar(None, pa.float64()), values)
    return values, plain.to_numpy(zero_copy_only=False)


def _judge_number(text: str, fmt: NumberFormat) -> float | None | tuple[str, str]:
    try:
        return parse_number(text, fmt)
    except CellError as error:
        return (error.de, error.en)


class _TableWriter:
    """Turns batches of cells (text) into rows of the DuckDB table `rows_<n>` and keeps what is to be reported."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, name: str, reading: _Reading, positions: dict[str, int],
                 referenced: set[str], keep_cells: bool, own_level: str):
        self.connection = connection
        self.name = name
        self.reading = reading
        self.positions = positions
        self.referenced = referenced
        self.keep_cells = keep_cells
        self.own_level = own_level
        self.key_of_raw: dict[str, int] = {}  # a long table's key cell → its number (reading.key_codes)
        if not reading.spec.is_long:
            for ref in sorted(referenced):
                reading.key_codes[ref] = len(reading.key_names)
                reading.key_names.append(ref)
        connection.execute(f"CREATE TABLE {name} (line BIGINT, area_id VARCHAR, period INTEGER, key INTEGER, num DOUBLE, bad VARCHAR, shown VARCHAR)")

    def _judge_id(self, cell: str) -> tuple[int, str, str | None, str]:
        """(status, area id, the name from id_pattern, the id as written) of one id cell."""
        spec = self.reading.spec
        raw = cell_text(cell)
        area_id, name = raw, None
        if spec.id_pattern is not None and raw:
            match = spec.id_pattern.fullmatch(raw)
            if match is None:
                return _MISMATCH, raw, None, raw
            area_id = (match.group("id") or "").strip()
            if "name" in spec.id_pattern.groupindex and match.group("name"):
                name = match.group("name").strip()
        if not area_id:
            return _EMPTY, "", name, raw
        if spec.id_width and area_id.isdigit():
            area_id = area_id.zfill(spec.id_width)
        kind, area_id = classify_row(spec, area_id, raw, self.own_level)
        return (_SKIP if kind == SKIP else _OK), area_id, name, raw

    def _judge_period(self, cell: str) -> tuple[int, tuple[str, str] | None, str]:
        """(the year or -1, why not, the cell as written) of one period cell."""
        spec = self.reading.spec
        text = cell_text(cell)
        match = spec.period_pattern.search(text)
        if match is None:
            return -1, (f"keine Jahreszahl erkennbar (period_pattern = '{spec.period_pattern.pattern}')",
                        f"no year found (period_pattern = '{spec.period_pattern.pattern}')"), text
        try:
            return int(match.group(1)), None, text
        except (ValueError, IndexError):
            return -1, ("die erste Gruppe von period_pattern muss die Jahreszahl fassen", "the first group of period_pattern must capture the year"), text

    def add(self, cells: list[pa.Array], lines: np.ndarray) -> None:
        """One batch: `cells` the columns as text (all of them), `lines` each row's line in the file."""
        if not len(lines):
            return
        reading, spec, positions = self.reading, self.reading.spec, self.positions
        at = reading.ids.positions(cells[positions["id"]], self._judge_id, lines)
        ok = reading.ids.status[at] == _OK
        for row in np.flatnonzero(~ok).tolist():
            code, pattern_name, text = reading.ids.odd[int(at[row])]
            line = int(lines[row])
            if code == _MISMATCH:
                reading.mismatched.append((line, text))
            elif code == _SKIP:
                reading.skipped.append((line, text))
            else:
                texts = [cell_text(column[row].as_py()) for column in cells]
                if any(texts):  # a blank row is no row
                    name = pattern_name or (texts[positions["name"]] if "name" in positions else None)
                    reading.empty.append((line, name or ", ".join(t for t in texts if t)[:40]))
        period = pa.nulls(len(lines), pa.int32())
        if "period" in positions:
            period_index, period_raws = _mapped(cells[positions["period"]], reading.periods, self._judge_period, lines)
            year_of = np.array([reading.periods[raw][0] for raw in period_raws], dtype=np.int64)[period_index]
            for row in np.flatnonzero(ok & (year_of < 0)).tolist():
                _, reason, text = reading.periods[period_raws[period_index[row]]]
                reading.bad_periods[reason].append((int(lines[row]), text))
            ok &= year_of >= 0
            period = pa.array(year_of.astype(np.int32))
        elif spec.period_fixed is not None:
            period = pa.array(np.full(len(lines), spec.period_fixed, dtype=np.int32))
        if not ok.all():
            mask = pa.array(ok)
            cells = [column.filter(mask) for column in cells]
            lines, period, at = lines[ok], period.filter(mask), at[ok]
        if not len(lines):
            return
        area_ids = reading.ids.area_ids.take(pa.array(at))
        self._first_rows(cells, lines, at)
        line_array = pa.array(lines.astype(np.int64))
        if spec.is_long:
            key_index, key_raws = _mapped(cells[positions["key"]], self.key_of_raw, self._key_code)
            codes = np.array([self.key_of_raw[raw] for raw in key_raws], dtype=np.int32)
            wanted = np.array([reading.key_names[code] in self.referenced for code in codes], dtype=bool)[key_index]
            self._insert(line_array, area_ids, period, pa.array(codes[key_index]), cells[positions["value"]], wanted)
        else:
            for ref in sorted(self.referenced):
                if f"ref:{ref}" not in positions:
                    continue
                code = reading.key_codes[ref]
                self._insert(line_array, area_ids, period, pa.array(np.full(len(lines), code, dtype=np.int32)), cells[positions[f"ref:{ref}"]],
                             np.ones(len(lines), dtype=bool))

    def _key_code(self, raw: str) -> int:
        """The number of a key (long: a normalised key text; wide: a referenced column)."""
        key = cell_text(raw)
        names = self.reading.key_names
        if key not in self.reading.key_codes:
            self.reading.key_codes[key] = len(names)
            names.append(key)
        return self.reading.key_codes[key]

    def _first_rows(self, cells: list[pa.Array], lines: np.ndarray, at: np.ndarray) -> None:
        """The first row of every id cell with no earlier good row: its line, name and (for a hierarchy lookup) cells."""
        ids, positions = self.reading.ids, self.positions
        order = np.argsort(lines, kind="stable")  # rows re-read one by one arrive last, with earlier lines
        distinct, first = np.unique(at[order], return_index=True)
        rows = order[first]
        earlier = lines[rows] < ids.first_line[distinct]
        if not earlier.any():
            return
        distinct, rows = distinct[earlier], rows[earlier]
        ids.first_line[distinct] = lines[rows]
        taken = pa.array(rows)
        names = cells[positions["name"]].take(taken).to_pylist() if "name" in positions else [None] * len(rows)
        kept = list(zip(*[column.take(taken).to_pylist() for column in cells])) if self.keep_cells else [None] * len(rows)
        for position, cell, row_cells in zip(distinct.tolist(), names, kept):
            name = ids.pattern_names[position]
            if not name and "name" in positions:
                name = cell_text(cell)
            ids.first_name[position] = name or None
            ids.first_cells[position] = [text or "" for text in row_cells] if row_cells is not None else None

    def _insert(self, lines: pa.Array, area_ids: pa.Array, period: pa.Array, key: pa.Array, text: pa.Array, wanted: np.ndarray) -> None:
        """Rows with their numbers; cells of keys no indicator reads are kept unparsed (num null, never reported)."""
        fmt = self.reading.spec.read.number
        values, plain = _plain_numbers(text, fmt)
        rows = np.flatnonzero(~plain & wanted)
        bad = shown = pa.nulls(len(text), pa.string())
        if len(rows):
            index, uniques = _mapped(text.take(pa.array(rows)), self.reading.numbers, lambda cell: _judge_number(cell, fmt))
            judged = [self.reading.numbers[cell] for cell in uniques]
            failed = [isinstance(j, tuple) for j in judged]
            position = np.full(len(text), -1, dtype=np.int64)
            position[rows] = index
            taken = pa.array(position, mask=position < 0)
            parsed = pa.array([None if f else j for j, f in zip(judged, failed)], pa.float64())
            values = pc.if_else(pa.array(position >= 0), parsed.take(taken), values)
            bad = pa.array([f"{j[0]}\x1f{j[1]}" if f else None for j, f in zip(judged, failed)], pa.string()).take(taken)
            shown = pa.array([cell_text(cell)[:40] if f else None for cell, f in zip(uniques, failed)], pa.string()).take(taken)
        batch = pa.table({"line": lines, "area_id": area_ids, "period": period, "key": key, "num": values, "bad": bad, "shown": shown})
        self.connection.register("incoming", batch)
        self.connection.execute(f"INSERT INTO {self.name} SELECT * FROM incoming")
        self.connection.unregister("incoming")


def _line_breaks(cells: list[pa.Array]) -> np.ndarray:
    """Per row the line breaks inside its (quoted) cells: \\r\\n, \\n and \\r each count once, as Python's csv module counts lines."""
    total = np.zeros(len(cells[0]), dtype=np.int64)
    for column in cells:
        if not _may_break(column):
            continue
        column = pc.fill_null(column, "")
        both = pc.count_substring(column, "\r\n").to_numpy(zero_copy_only=False)
        total += pc.count_substring(column, "\n").to_numpy(zero_copy_only=False) + pc.count_substring(column, "\r").to_numpy(zero_copy_only=False) - both
    return total


def _may_break(column: pa.Array) -> bool:
    """Whether the text bytes behind a column (all of them, also outside a slice) hold a \\r or \\n: a cheap look before counting."""
    data = column.buffers()[2] if pa.types.is_string(column.type) else None
    if data is None:
        return True
    raw = np.frombuffer(data, dtype=np.uint8)
    return bool(np.any(raw == 10) or np.any(raw == 13))


def _encoding_error(path: Path, encoding: str, file: str) -> SourceError:
    """The first byte that is not `encoding`, with its line, in the words of loaders.readers.decode."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line, byte = 1, b""
    with path.open("rb") as handle:
        while chunk := handle.read(2**20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                start = max(0, error.start)
                line += chunk[:start].count(b"\n")
                byte = chunk[start:start + 1]
                break
            line += chunk.count(b"\n")
    return SourceError([problem(
        file, None,
        f"Datei ist nicht in der Kodierung {encoding} lesbar (Zeile {line}, Byte {byte!r}); encoding = \"latin-1\" oder encoding = \"auto\" angeben",
        f"file cannot be read as {encoding} (line {line}, byte {byte!r}); set encoding = \"latin-1\" or encoding = \"auto\"",
        rows=(line,))])


def _stream_csv(path: Path, spec: TableSpec, file: str, make_writer: Callable[[Table], _TableWriter]) -> tuple[Table, _TableWriter]:
    """Read one large CSV file in batches into its writer; SourceError for what makes the whole file unreadable."""
    read = spec.read
    size = path.stat().st_size
    if size > MAX_STREAM_BYTES:
        limit = f"{MAX_STREAM_BYTES / 2**30:.0f} GB"
        raise SourceError([problem(file, None, f"größer als {limit}: nicht gelesen — die Datei teilen (z. B. nach Jahren) und als mehrere Tabellen angeben",
                                   f"larger than {limit}: not read — split the file (e.g. by year) and name the parts as several tables")])
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    _wide_encoding(head, read.encoding, file)
    cut = head.rfind(b"\n")
    head = head[: cut + 1] if cut > 0 else head
    encodings = {"auto": ["utf-8", "cp1252"], "utf-8": ["utf-8"], "utf8": ["utf-8"], "utf-8-sig": ["utf-8"]}.get(read.encoding, [read.encoding])
    text, used = decode(head, read.encoding, file)
    if used == "cp1252":
        encodings = ["cp1252"]
    text = text.lstrip("\ufeff")
    separator, columns, body = csv_header(text, file, separator=read.separator, header_row=read.header_row, header_rows=read.header_rows)
    if not body:
        raise SourceError([problem(file, None, f"keine Datenzeilen in den ersten {HEAD_BYTES // 2**20} MB nach der Kopfzeile",
                                   f"no data rows in the first {HEAD_BYTES // 2**20} MB after the header")])
    first_line = body[0][0]
    widths = Counter(len(record) for _, record in body[:200] if any(c.strip() for c in record))
    width = max(len(columns), widths.most_common(1)[0][0] if widths else len(columns))
    for attempt, encoding in enumerate(encodings):
        table = Table(file=file, columns=columns, rows=[], row_numbers=[])
        writer = make_writer(table)
        try:
            _read_batches(path, encoding, separator, first_line, width, len(columns), read.footer_rows, file, writer)
        except pa.ArrowInvalid as error:
            if "UTF8" in str(error) and attempt + 1 < len(encodings):
                writer.connection.execute(f"DROP TABLE {writer.name}")
                continue
            if "UTF8" in str(error):
                raise _encoding_error(path, "utf-8", file) from None
            raise SourceError([problem(file, None, "keine lesbare CSV-Datei: Aufbau nicht lesbar (Anführungszeichen oder Trennzeichen?)",
                                       "not a readable CSV file: structure cannot be read (quotes or separators?)")]) from None
        if encoding == "cp1252" and read.encoding == "auto":
            table.notes.append(read_as_windows_1252(file))
        return table, writer
    raise AssertionError("unreachable")


class _LineCounter:
    """The physical line of each record the reader returns or hands to the invalid-row handler.

    Record k (counted from 0 after the skipped head) starts on `first_line + k +` the line breaks
    inside all records before it; the handler numbers its rows by record (`skip_rows + k + 1`).
    """

    def __init__(self, first_line: int, skipped: int):
        self.first_line = first_line
        self.skipped = skipped
        self.next_record = 0
        self.breaks = 0
        self.pending: list[tuple[int, str]] = []  # (record, text) of rows the handler took, not yet placed
        self.invalid: list[tuple[int, str]] = []  # (line, text) of those rows, placed

    def handler(self, row: Any) -> str:
        self.pending.append((row.number - self.skipped - 1, row.text))
        return "skip"

    def place(self, breaks: np.ndarray) -> np.ndarray:
        """The lines of one batch's rows, given the line breaks inside each."""
        pending = sorted(self.pending)
        offsets = np.array([record - self.next_record for record, _ in pending], dtype=np.int64)
        rows = _free_positions(np.arange(len(breaks)), offsets)
        last = int(rows[-1]) if len(rows) else -1
        per = np.zeros(last + 1, dtype=np.int64)
        per[rows] = breaks
        here = [(int(offset), text) for offset, (_, text) in zip(offsets, pending) if offset <= last]
        for offset, text in here:
            per[offset] = _text_breaks(text)
        starts = self.first_line + self.next_record + np.arange(last + 1) + self.breaks + np.concatenate([[0], np.cumsum(per)[:-1]])
        self.invalid.extend((int(starts[offset]), text) for offset, text in here)
        self.breaks += int(per.sum())
        self.next_record += last + 1
        self.pending = [(record, text) for record, text in pending if record >= self.next_record]
        return starts[rows]

    def finish(self) -> None:
        """Place the handler's rows after the last returned row."""
        for record, text in sorted(self.pending):
            self.invalid.append((self.first_line + record + self.breaks, text))
            self.breaks += _text_breaks(text)
        self.pending = []


def _text_breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _read_batches(path: Path, encoding: str, separator: str, first_line: int, width: int, header_width: int, footer_rows: int,
                  file: str, writer: _TableWriter) -> None:
    counter = _LineCounter(first_line, first_line - 1)
    names = [f"c{i}" for i in range(width)]
    reader = pacsv.open_csv(
        str(path),
        read_options=pacsv.ReadOptions(skip_rows=first_line - 1, column_names=names, block_size=BLOCK_BYTES, use_threads=False,
                                       encoding="utf8" if encoding == "utf-8" else encoding),
        parse_options=pacsv.ParseOptions(delimiter=separator, newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=counter.handler),
        convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False, quoted_strings_can_be_null=False),
    )
    held: list[tuple[list[pa.Array], np.ndarray]] = []  # the last rows, until it is known whether they are the footer
    too_long: list[tuple[int, str]] = []
    for batch in reader:
        cells = [batch.column(i) for i in range(width)]
        lines = counter.place(_line_breaks(cells))
        for column in cells[header_width:]:
            extra = np.flatnonzero(pc.not_equal(pc.utf8_trim_whitespace(column), "").to_numpy(zero_copy_only=False))
            too_long.extend((int(lines[row]), f"{width} Felder / fields") for row in extra.tolist())
        held.append((cells[:header_width], lines))
        while len(held) > 1 and sum(len(lines) for _, lines in held[1:]) >= footer_rows:
            writer.add(*held.pop(0))
    counter.finish()
    invalid = counter.invalid
    footer: set[int] = set()
    if footer_rows:
        footer = set(sorted([int(line) for _, lines in held for line in lines[-footer_rows:]] + [line for line, _ in invalid])[-footer_rows:])
    for cells, lines in held:
        keep = ~np.isin(lines, list(footer)) if footer else np.ones(len(lines), dtype=bool)
        writer.add([column.filter(pa.array(keep)) for column in cells], lines[keep])
    too_long = [(line, text) for line, text in too_long if line not in footer]
    extra_rows, extra_lines = [], []
    for line, text in invalid:
        if line in footer:
            continue
        record = next(csv.reader([text], delimiter=separator, strict=False), [])
        if len(record) > header_width:
            if any(cell.strip() for cell in record[header_width:]):
                too_long.append((line, f"{len(record)} Felder / fields"))
                continue
            record = record[:header_width]
        extra_rows.append(record + [""] * (header_width - len(record)))
        extra_lines.append(line)
    if too_long:
        raise too_many_fields(file, header_width, separator, sorted(too_long))
    if extra_rows:
        writer.add([pa.array([row[i] for row in extra_rows], pa.string()) for i in range(header_width)], np.array(extra_lines, dtype=np.int64))


def _free_positions(wanted: np.ndarray, occupied: np.ndarray) -> np.ndarray:
    """The `wanted`-th free offsets when the offsets in `occupied` (sorted) are taken."""
    if not len(occupied):
        return wanted
    shifted = occupied - np.arange(len(occupied))
    return wanted + np.searchsorted(shifted, wanted, side="right")


# --- the import ---------------------------------------------------------------------------------


class StreamedImport:
    """The tables of one import in a DuckDB database in a temporary folder; its values assembled, checked and written in SQL."""

    def __init__(self, spec: ImportSpec):
        self.spec = spec
        self.folder = tempfile.TemporaryDirectory(prefix="sozialmonitor-import-")
        # a database file, not memory: DuckDB compresses what it checkpoints there and keeps only MEMORY_LIMIT in memory
        self.connection = duckdb.connect(str(Path(self.folder.name) / "import.duckdb"))
        self.connection.execute("PRAGMA disable_checkpoint_on_shutdown")  # the file is deleted after the import
        _bound_the_check()
        self.connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        self.connection.execute(f"SET temp_directory = '{Path(self.folder.name) / 'spill'}'")
        self.connection.execute("SET preserve_insertion_order = false")
        self.connection.execute("SET threads = 2")
        self.tables: dict[str, tuple[str, Loaded]] = {}  # spec table name → (DuckDB table, loaded)
        self.tables_bad: dict[str, bool] = {}  # DuckDB table → has cells that cannot be read
        self.key_codes: dict[str, dict[str, int]] = {}  # DuckDB table → key (or referenced column) → its number in `key`
        self.sources: list[tuple[str, str]] = []  # per source of values (vals.source): its file and column as reported

    @classmethod
    def for_spec(cls, spec: ImportSpec, files: Files) -> StreamedImport | None:
        """Streamed mode when a table is a large CSV file on disk and no table needs the row-by-row path."""
        if not all(_streamable_table(t, spec.finest) for t in spec.tables.values()):
            return None
        if any(s.columns_by_period for i in spec.indicators for s in i.sources):
            return None
        if not any(t.read.path.name not in files.uploads and files.disk and _large_csv(t.read.path) for t in spec.tables.values()):
            return None
        return cls(spec)

    def close_database(self) -> None:
        """Close the import's database and remove its folder, and let go of the tables' records (may be called more than once)."""
        self.connection.close()
        self.tables.clear()
        self.folder.cleanup()

    def close(self) -> None:
        """close_database, and the contract check's memory bound lifted again."""
        self.close_database()
        try:
            db.cursor().execute("RESET memory_limit")
        except duckdb.Error:
            pass  # the check's bound stays: harmless, and no reason to fail an import that is done

    def _referenced(self, name: str) -> set[str]:
        refs: set[str] = set()
        for indicator in self.spec.indicators:
            for source in indicator.sources:
                if source.table == name:
                    refs.update(source.column, source.numerator, source.denominator)
        return refs

    def load(self, spec: TableSpec, files: Files, level: str, report: ImportReport, findings: _Findings) -> Loaded | None:
        """One table into DuckDB (streamed when large, else read whole and added in one batch); None after a read error."""
        from loaders.importer import (
            Loaded,
            Record,
            _display,
            _first_per_id,
            _guarded,
            _ids_de,
            _ids_en,
            _problem,
            _slow_pattern,
        )

        shown = _display(spec.read)
        name = f"rows_{len(self.tables)}"
        referenced = self._referenced(spec.name)
        keep_cells = any(entry.table == spec.name and (entry.id_column or entry.name_column) for entry in self.spec.hierarchy)
        reading = _Reading(spec, shown, [])
        made: list[_TableWriter] = []

        def make_writer(table: Table) -> _TableWriter:
            reading.columns = table.columns
            positions = _column_positions(spec, table, referenced)
            writer = _TableWriter(self.connection, name, reading, positions, referenced, keep_cells, spec.level or level)
            made.append(writer)
            return writer

        def read() -> Table:
            if spec.read.path.name not in files.uploads and files.disk and _large_csv(spec.read.path):
                return _stream_csv(spec.read.path, spec, shown, make_writer)[0]
            data = files.read(spec.read.path, shown)
            read = spec.read
            table = _guarded(shown, lambda: read_table(data, shown, separator=read.separator, encoding=read.encoding, sheet=read.sheet,
                                                       header_row=read.header_row, header_rows=read.header_rows, footer_rows=read.footer_rows))
            writer = make_writer(table)
            if table.rows:
                columns = [pa.array([row[i] if isinstance(row[i], str) else cell_text(row[i]) for row in table.rows], pa.string())
                           for i in range(len(table.columns))]
                writer.add(columns, np.array(table.row_numbers, dtype=np.int64))
            return table

        try:
            table = _guarded(shown, read)
        except SourceError as error:
            report.errors.extend(error.problems)
            return None
        except PatternTimeoutAt as slow:
            report.errors.append(_slow_pattern(slow.slow, shown, slow.line))
            return None
        report.notes.extend(table.notes)
        for (de, en), rows in reading.bad_periods.items():
            for line, text in rows:
                findings.add(shown, spec.period_column, de, en, line, text)
        for line, raw in reading.mismatched:
            findings.add(shown, spec.id, f"passt nicht zum Muster id_pattern = '{spec.id_pattern.pattern}'",
                         f"does not match id_pattern = '{spec.id_pattern.pattern}'", line, raw)
        if spec.is_long:
            self._duplicate_keys(name, shown, spec, findings, reading.key_names)
        skipped, empty = sorted(reading.skipped), sorted(reading.empty)
        if skipped:
            report.notes.append(_problem(shown, spec.id, f"{len(skipped)} Zeilen{_ids_de(skipped)} mit skip_ids übersprungen",
                                         f"{len(skipped)} rows{_ids_en(skipped)} skipped by skip_ids", _first_per_id(skipped) if spec.is_long else skipped))
        if empty:
            report.notes.append(_problem(shown, spec.id, f"{len(empty)} Zeilen ohne Gebiets-Id übersprungen (z. B. Summenzeilen)",
                                         f"{len(empty)} rows without an area id skipped (e.g. total rows)", empty))
        own = spec.level or level
        records = [Record(line, area_id, area_name, None, own, cells=cells, keyed=_NO_KEYS) for area_id, (line, area_name, cells) in
                   reading.ids.first_rows().items()]
        loaded = Loaded(spec, table, own, records, [], set(reading.key_names) if spec.is_long else set())
        self.key_codes[name] = reading.key_codes
        self.tables[spec.name] = (name, loaded)
        self.tables_bad[name] = bool(self.connection.execute(f"SELECT count(*) FROM {name} WHERE bad IS NOT NULL").fetchall()[0][0])
        return loaded

    def _duplicate_keys(self, name: str, shown: str, spec: TableSpec, findings: _Findings, key_names: list[str]) -> None:
        """A long table's rows repeating area, period and key: reported and dropped (the first is kept)."""
        repeated = f"SELECT area_id, period, key FROM {name} GROUP BY ALL HAVING count(*) > 1"
        if not self.connection.execute(f"SELECT count(*) FROM ({repeated})").fetchall()[0][0]:
            return
        query = f"""SELECT line, area_id, period, key FROM (
            SELECT line, area_id, period, key, row_number() OVER (PARTITION BY area_id, period, key ORDER BY line) AS n
            FROM {name} SEMI JOIN ({repeated}) USING (area_id, period, key)) WHERE n > 1"""
        for line, area_id, period, key in self.connection.execute(f"{query} ORDER BY line").fetchall():
            findings.add(shown, spec.indicator_column, "doppelte Zeile: Gebiet, Zeitraum und Merkmal kommen mehrfach vor",
                         "duplicate row: area, period and key occur more than once", line, f"{area_id} {period} {key_names[key]}")
        self.connection.execute(f"DELETE FROM {name} WHERE line IN (SELECT line FROM ({query}))")

    # --- values ---

    def values(self, areas: dict[str, Any], report: ImportReport, findings: _Findings) -> None:
        """The table `vals`: every indicator's values of every record, with where they came from, as _record_values makes them."""
        from loaders.report import Unmatched, closest

        parts = []
        reported: set[tuple[str, ...]] = set()
        pivots: dict[str, dict[str, int]] = {}
        for indicator in self.spec.indicators:
            for source in indicator.sources:
                if source.table not in self.tables:
                    continue
                name, loaded = self.tables[source.table]
                refs = source.column + source.numerator + source.denominator
                if not self._resolve(loaded, refs, report, reported):
                    continue
                for ref in refs:
                    self._report_bad(name, loaded, ref, findings, reported)
                if name not in pivots:
                    pivots[name] = self._pivot(name, loaded)
                parts.append(self._source_sql(name, pivots[name], loaded, indicator, source, len(parts)))
                self.sources.append((loaded.file, " / ".join(" + ".join(refs) for refs in (source.numerator, source.denominator))
                                     if source.numerator else " + ".join(source.column)))
        known = set(areas)
        loaded_as = {table: loaded for table, loaded in self.tables.values()}
        unknown = {name: sorted({record.area_id for record in loaded_as[name].records} - known) for name in pivots}
        for name, ids in unknown.items():
            if ids:
                self._unknown(name, loaded_as[name], ids, report, closest, Unmatched, list(areas))
        select = " UNION ALL ".join(parts) if parts else (
            "SELECT NULL::VARCHAR AS area_id, NULL::VARCHAR AS indicator_id, NULL::INTEGER AS period, NULL::DOUBLE AS value, NULL::DOUBLE AS numerator, "
            "NULL::DOUBLE AS denominator, NULL::BIGINT AS line, NULL::INTEGER AS source WHERE FALSE")
        if any(unknown.values()):
            self.connection.register("known_areas", pa.table({"area_id": pa.array(sorted(known), pa.string())}))
            select = f"SELECT * FROM ({select}) WHERE area_id IN (SELECT area_id FROM known_areas)"
        several = any(len([s for s in i.sources if s.table in self.tables]) > 1 for i in self.spec.indicators)
        repeated = any(not loaded.spec.is_long and self.connection.execute(
            f"SELECT count(*) FROM (SELECT area_id, period FROM {pivot_name(name)} GROUP BY ALL HAVING count(*) > 1)").fetchall()[0][0]
            for name, loaded in self.tables.values() if name in pivots)
        if several or repeated:
            self.connection.execute(f"CREATE TABLE candidates AS {select}")
            self._duplicates(report)
        else:
            self.connection.execute(f"CREATE TABLE vals AS {select}")
        for name in pivots:
            self.connection.execute(f"DROP TABLE {pivot_name(name)}")

    def _pivot(self, name: str, loaded: Loaded) -> dict[str, int]:
        """One row per record (a long table: area and period; a wide one: a line) with each referenced cell's number, reason and line."""
        refs = sorted({ref for indicator in self.spec.indicators for source in indicator.sources if source.table == loaded.spec.name
                       for ref in source.column + source.numerator + source.denominator})
        columns = {ref: i for i, ref in enumerate(refs)}
        codes = self.key_codes[name]
        def bad(code: int) -> str:  # no cell of the table failed: nothing to aggregate
            return f"bool_or(bad IS NOT NULL) FILTER (WHERE key = {code})" if self.tables_bad[name] else "CAST(NULL AS BOOLEAN)"

        cells = ", ".join(f"max(num) FILTER (WHERE key = {codes.get(ref, -1)}) AS n{i}, {bad(codes.get(ref, -1))} AS b{i}, "
                          f"min(line) FILTER (WHERE key = {codes.get(ref, -1)}) AS l{i}" for ref, i in columns.items())
        group = "area_id, period" if loaded.spec.is_long else "line, area_id, period"
        line = "min(line) AS line, " if loaded.spec.is_long else ""
        self.connection.execute(f"CREATE TABLE {pivot_name(name)} AS SELECT {group}, {line}{cells} FROM {name} GROUP BY {group}")
        return columns

    def _resolve(self, loaded: Loaded, refs: tuple[str, ...], report: ImportReport, reported: set) -> bool:
        from loaders.importer import _unknown_key

        for ref in refs:
            if loaded.spec.is_long:
                if ref not in loaded.keys:
                    if (loaded.spec.name, ref) not in reported:
                        report.errors.append(_unknown_key(loaded, ref))
                        reported.add((loaded.spec.name, ref))
                    return False
            elif not loaded.table.has_column(ref):
                if (loaded.spec.name, ref) not in reported:
                    try:
                        loaded.table.column_index(ref)
                    except SourceError as error:
                        report.errors.extend(error.problems)
                    reported.add((loaded.spec.name, ref))
                return False
        return True

    def _shown_column(self, loaded: Loaded, ref: str) -> str:
        if loaded.spec.is_long:
            return f"{loaded.spec.value_column} ({ref})"
        return loaded.table.columns[loaded.table.column_index(ref)]

    def _report_bad(self, name: str, loaded: Loaded, ref: str, findings: _Findings, reported: set) -> None:
        if ("bad", loaded.spec.name, ref) in reported:
            return
        reported.add(("bad", loaded.spec.name, ref))
        if not self.tables_bad[name]:
            return
        shown = self._shown_column(loaded, ref)
        code = self.key_codes[name].get(ref, -1)
        for line, bad, text in self.connection.execute(f"SELECT line, bad, shown FROM {name} WHERE key = ? AND bad IS NOT NULL ORDER BY line", [code]).fetchall():
            de, en = bad.split("\x1f")
            findings.add(loaded.file, shown, de, en, line, text)

    def _source_sql(self, name: str, columns: dict[str, int], loaded: Loaded, indicator: IndicatorSpec, source: Any, order: int) -> str:
        """One source's values in SQL: a sum of cells is null when one is missing, and no value at all when one cannot be read.

        Its file and column are not repeated per row: `order` numbers it in `self.sources`.
        """

        def total(refs: tuple[str, ...]) -> tuple[str, str]:
            bad = " OR ".join(f"coalesce(b{columns[r]}, FALSE)" for r in refs)
            missing = " OR ".join(f"n{columns[r]} IS NULL" for r in refs)
            summed = " + ".join(f"n{columns[r]}" for r in refs)
            return f"({bad})", f"CASE WHEN {missing} THEN NULL ELSE {summed} END"

        def line(refs: tuple[str, ...]) -> str:
            return f"coalesce(l{columns[refs[0]]}, line)" if loaded.spec.is_long else "line"

        if source.numerator:
            bad_n, numerator = total(source.numerator)
            bad_d, denominator = total(source.denominator)
            value = (f"CASE WHEN ({numerator}) IS NOT NULL AND ({denominator}) IS NOT NULL AND ({denominator}) > 0 "
                     f"THEN ({numerator}) / ({denominator}) * {float(indicator.scale)!r} END")
            select = f"{value} AS value, {numerator} AS numerator, {denominator} AS denominator, {line(source.numerator)} AS line"
            where = f"NOT {bad_n} AND NOT {bad_d}"
        else:
            bad, value = total(source.column)
            select = f"{value} AS value, CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator, {line(source.column)} AS line"
            where = f"NOT {bad}"
        return f"SELECT area_id, {_quote(indicator.id)} AS indicator_id, period, {select}, {order} AS source FROM {pivot_name(name)} WHERE {where}"

    def _unknown(self, name: str, loaded: Loaded, ids: list[str], report: ImportReport, closest: Callable, Unmatched: type, pool: list[str]) -> None:
        self.connection.register("unknown_ids", pa.table({"area_id": pa.array(ids, pa.string())}))
        found = self.connection.execute(
            f"SELECT area_id, list(line ORDER BY line) FROM {pivot_name(name)} WHERE area_id IN (SELECT area_id FROM unknown_ids) "
            "GROUP BY area_id ORDER BY min(line)").fetchall()
        self.connection.unregister("unknown_ids")
        for value, lines in found:
            report.unmatched_ids.append(Unmatched(loaded.file, loaded.spec.id, value, tuple(sorted(set(lines))), tuple(closest(value, pool))))

    def _duplicates(self, report: ImportReport) -> None:
        from loaders.importer import _Findings

        self.connection.execute("""CREATE TABLE vals AS SELECT * EXCLUDE (n) FROM (
            SELECT *, row_number() OVER (PARTITION BY area_id, indicator_id, period ORDER BY source, line) AS n
            FROM candidates) WHERE n = 1""")
        again = self.connection.execute("""
            WITH ranked AS (SELECT *, row_number() OVER (PARTITION BY area_id, indicator_id, period ORDER BY source, line) AS n
                            FROM candidates)
            SELECT a.source, a.line, a.area_id, a.period, f.source, f.line FROM ranked a JOIN ranked f
              ON a.area_id = f.area_id AND a.indicator_id = f.indicator_id AND a.period = f.period AND f.n = 1
            WHERE a.n > 1 ORDER BY a.source, a.line""").fetchall()
        self.connection.execute("DROP TABLE candidates")
        if not again:
            return
        by_row: dict[tuple[str, int], tuple[str, str]] = {}
        for source, line, area_id, period, first_source, first_line in again:
            by_row.setdefault((self.sources[source][0], line), (f"{area_id} {period}", f"{self.sources[first_source][0]} {first_line}"))
        findings = _Findings()
        for (file, line), (what, where) in by_row.items():
            findings.add(file, None, "doppelte Zeile: dieses Gebiet und dieser Zeitraum kamen schon vor (Wert: Gebiet, Zeitraum und die erste Zeile)",
                         "duplicate row: this area and period occurred before (value: area, period and the first row)", line, f"{what} = {where}")
        report.errors.extend(findings.problems())

    # --- checks and figures ---

    def check_ranges(self, report: ImportReport) -> None:
        """_check_ranges in SQL: the same rules, messages and shown values; rows listed in the order of the values."""
        from loaders.importer import _Findings

        errors, warnings = _Findings(), _Findings()
        for indicator in self.spec.indicators:
            kind, ident = indicator.kind, indicator.id
            checks: list[tuple[_Findings, str, str, str, str]] = []
            if kind in ("count", "share"):
                checks.append((errors, "value < 0", f"{ident}: negativer Wert — Anzahlen und Anteile sind nie negativ",
                               f"{ident}: negative value — counts and shares are never negative", "shown"))
            checks.append((errors, ("numerator < 0 OR denominator < 0" if kind == "share" else "denominator < 0"),
                           f"{ident}: negativer Zähler oder Nenner", f"{ident}: negative numerator or denominator", "fraction"))
            if kind == "share":
                checks.append((errors, "numerator > denominator", f"{ident}: Zähler größer als Nenner — ein Anteil kann nicht über 100 % liegen",
                               f"{ident}: numerator larger than denominator — a share cannot exceed 100 %", "greater"))
                checks.append((warnings, f"NOT coalesce(numerator > denominator, FALSE) AND value > {float(indicator.scale) * (1 + 1e-9)!r}",
                               f"{ident}: Anteil über {indicator.scale:g} (mehr als 100 %)", f"{ident}: share above {indicator.scale:g} (more than 100 %)", "shown"))
            for target, condition, de, en, how in checks:
                rows = self.connection.execute(
                    f"SELECT source, line, area_id, period, value, numerator, denominator FROM vals WHERE indicator_id = ? AND ({condition}) "
                    "ORDER BY source, line", [ident]).fetchall()
                for source, line, area_id, period, value, numerator, denominator in rows:
                    file, column = self.sources[source]
                    if how == "shown":
                        text = f"{area_id} {period}: {value if value is None else round(value, 6)}"
                    elif how == "fraction":
                        text = f"{area_id} {period}: {numerator} / {denominator}"
                    else:
                        text = f"{area_id} {period}: {numerator:g} > {denominator:g}"
                    target.add(file, column, de, en, line, text)
        report.errors.extend(errors.problems())
        report.out_of_range.extend(warnings.problems())

    def sentinels(self, table_of_file: dict[str, str]) -> list[Problem]:
        """sentinel_problems from the read cells: per file and referenced column or key (not sums), its numbers, each cell once."""
        problems = []
        measured = sorted({(name, ref) for indicator in self.spec.indicators for source in indicator.sources if source.table in self.tables
                           for name, _ in [self.tables[source.table]]
                           for refs in (source.column, source.numerator, source.denominator) if len(refs) == 1 and " + " not in refs[0]
                           for ref in refs})
        for name, ref in measured:
            loaded = next(loaded for table, loaded in self.tables.values() if table == name)
            code_of_ref = self.key_codes[name].get(ref)
            if code_of_ref is None:
                continue
            cells = f"FROM {name} WHERE key = {code_of_ref} AND num IS NOT NULL AND bad IS NULL"
            count, highest, lowest = self.connection.execute(f"SELECT count(*), max(num), min(num) {cells}").fetchall()[0]
            if count < SENTINEL_REPEATS + 2:
                continue
            extremes = self.connection.execute(
                "SELECT count(*) FILTER (WHERE num = $h), max(abs(num)) FILTER (WHERE num <> $h), min(num) FILTER (WHERE num <> $h), "
                f"count(*) FILTER (WHERE num = $l), max(abs(num)) FILTER (WHERE num <> $l), min(num) FILTER (WHERE num <> $l) {cells}",
                {"h": highest, "l": lowest}).fetchall()[0]
            code = sentinel_code([(highest, *extremes[:3]), (lowest, *extremes[3:])])
            if code is None:
                continue
            lines = [row[0] for row in self.connection.execute(f"SELECT line {cells} AND num = ? ORDER BY line", [code]).fetchall()]
            low, high = self.connection.execute(f"SELECT min(num), max(num) {cells} AND num <> ?", [code]).fetchall()[0]
            problems.append(sentinel_problem(loaded.file, ref, code, lines, count, low, high, table_of_file))
        return problems

    def indicators_with_values(self) -> set[str]:
        return {row[0] for row in self.connection.execute("SELECT DISTINCT indicator_id FROM vals WHERE value IS NOT NULL").fetchall()}

    def keep(self, kept: set[str]) -> None:
        self.connection.register("kept", pa.table({"indicator_id": pa.array(sorted(kept), pa.string())}))
        self.connection.execute("DELETE FROM vals WHERE indicator_id NOT IN (SELECT indicator_id FROM kept)")

    def figures(self, report: ImportReport) -> None:
        """The report's counts: periods, values, missing values (in all and per indicator)."""
        report.periods = [row[0] for row in self.connection.execute("SELECT DISTINCT period FROM vals ORDER BY period").fetchall()]
        report.values, report.missing = self.connection.execute("SELECT count(value), count(*) - count(value) FROM vals").fetchall()[0]
        missing = dict(self.connection.execute("SELECT indicator_id, count(*) - count(value) FROM vals GROUP BY ALL").fetchall())
        report.missing_by_indicator = {i: int(missing.get(i, 0)) for i in report.indicators}

    def periods_of(self, indicator: str) -> list[int]:
        return [row[0] for row in self.connection.execute("SELECT DISTINCT period FROM vals WHERE indicator_id = ? ORDER BY period", [indicator]).fetchall()]

    def has_value(self, indicator: str, period: Any) -> bool:
        return bool(self.connection.execute("SELECT count(*) FROM vals WHERE indicator_id = ? AND period = ? AND value IS NOT NULL",
                                            [indicator, period]).fetchall()[0][0])

    def write_values(self, path: Path) -> None:
        """The values file, sorted as write_dataset sorts, written in batches with the contract's schema."""
        schema = arrow_schema(VALUES_FILE)
        self.connection.execute("SET preserve_insertion_order = true")  # else the sorted result arrives in parallel chunks
        result = self.connection.sql("SELECT area_id, indicator_id, period, value, numerator, denominator FROM vals "
                                     "ORDER BY indicator_id, period, area_id")
        with pq.ParquetWriter(path, schema) as writer:
            for batch in result.to_arrow_reader(64_000):
                writer.write_table(pa.Table.from_batches([batch]).cast(schema), row_group_size=64_000)


_check_spill: str | None = None  # the spill folder of loaders.db's connection, set once per process (DuckDB cannot switch it after use)


def _bound_the_check() -> None:
    """The contract check of the written dataset (on loaders.db's connection) within MEMORY_LIMIT, spilling to a folder of its own."""
    global _check_spill
    cursor = db.cursor()
    if _check_spill is None:
        _check_spill = tempfile.mkdtemp(prefix="sozialmonitor-check-spill-")
        atexit.register(shutil.rmtree, _check_spill, True)
        try:
            cursor.execute(f"SET temp_directory = '{_check_spill}'")
        except duckdb.Error:
            pass  # this process has spilled before: DuckDB keeps the folder it used
    cursor.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")


def pivot_name(name: str) -> str:
    return f"{name}_records"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
