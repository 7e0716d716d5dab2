"""The importer: a city's own CSV, Excel, GeoJSON and shapefiles become a dataset.

    python -m loaders.importer SPEC --out DIR [--data-root DIR] [--check] [--lang de|en] [--show-crs]

The spec (TOML, docs/importer.md) says which files to read and how. `check_import` is the dry
run the page "Daten prüfen" uses: it builds and validates the dataset in a temporary folder and
returns the `ImportReport`, writing nothing else. `run_import` does the same, then swaps the
new folder in place of `out` — only after everything validated, so a failed import leaves an
existing dataset untouched.

Nothing a file does ends in a traceback: every reader turns what it knows can go wrong into a
`Problem`, and `_guarded` turns anything unexpected into one more (the traceback goes to the
log, shown on the command line only with --debug).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pyproj
import shapely

from loaders import objectstore
from loaders.contract import (
    AREAS_FILE,
    INDICATORS_FILE,
    METADATA_FILE,
    POIS_FILE,
    VALUES_FILE,
    Problem,
    arrow_schema,
)
from loaders.geodata import (
    SHAPEFILE_PARTS,
    Feature,
    FeatureSet,
    default_map_tolerance,
    parse_crs,
    polygonal,
    read_features,
    reproject,
    simplify_coverage,
)
from loaders.levels import SKIP, TOTAL, UNMATCHED, Value, classify_row, compare_totals, odd_ids
from loaders.patterns import BUDGET_SECONDS, MATCH_SECONDS, PatternTimeout, match_budget
from loaders.plausibility import Placed, coverage_problems, diagnosis, distance_problems, overlap_problems, place_problems, sentinel_problems
from loaders.readers import CellError, SourceError, Table, cell_text, parse_number, read_table, unknown_column
from loaders.report import ImportReport, MissingGeometry, Unmatched, closest
from loaders.spec import GeometrySpec, ImportSpec, IndicatorSpec, PointsSpec, ReadOptions, Source, SpecError, TableSpec, load_spec, parse_spec, template_parts
from loaders.streaming import PatternTimeoutAt, StreamedImport
from loaders.validated import validate_and_record
from loaders.versions import ImportLocked, clean_up, import_lock, publish, staging_folder, target_folder

REPORT_TEXT = "import_report.txt"
REPORT_JSON = "import_report.json"
MAX_ROWS = 10
_GEOD = pyproj.Geod(ellps="WGS84")
_LOG = logging.getLogger(__name__)
T = TypeVar("T")


def _problem(file: str, column: str | None, de: str, en: str, found: list[tuple[int, str]] | None = None) -> Problem:
    found = found or []
    shown = found[:MAX_ROWS]
    return Problem(
        file=file,
        column=column,
        expected_de=de,
        expected_en=en,
        rows=tuple(r for r, _ in shown),
        values=tuple(v for _, v in shown),
        more_rows=max(0, len(found) - len(shown)),
    )


class _Findings:
    """Collects offending rows per (file, column, message) and turns them into one Problem each."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str | None, str, str], list[tuple[int, str]]] = defaultdict(list)

    def add(self, file: str, column: str | None, de: str, en: str, line: int, value: str) -> None:
        self._rows[(file, column, de, en)].append((line, value))

    def problems(self) -> list[Problem]:
        # a cell read for several indicators (a count that is also a denominator) is listed once
        return [_problem(file, column, de, en, list(dict.fromkeys(rows))) for (file, column, de, en), rows in self._rows.items()]


# --- files ----------------------------------------------------------------------------------


class Files:
    """The bytes of the files a spec names: from disk, or from uploads matched by file name."""

    def __init__(self, uploads: Mapping[str, bytes] | None = None, disk: bool = True):
        self.uploads = dict(uploads or {})
        self.disk = disk

    def read(self, path: Path, shown: str) -> bytes:
        if path.name in self.uploads:
            return self.uploads[path.name]
        if self.disk and path.is_file():
            try:
                return path.read_bytes()
            except OSError as error:
                raise SourceError(
                    [Problem(shown, None, f"Datei nicht lesbar ({error.strerror or 'Lesefehler'}): Zugriffsrechte prüfen",
                             f"file cannot be read ({error.strerror or 'read error'}): check the permissions")]
                ) from None
        if self.disk:
            raise SourceError([Problem(shown, None, f"Datei nicht gefunden: {path}", f"file not found: {path}")])
        raise SourceError(
            [Problem(shown, None, f"Datei „{path.name}“ nicht hochgeladen: bitte mit hochladen", f"file '{path.name}' not uploaded: please upload it too")]
        )

    def parts(self, path: Path, shown: str) -> dict[str, bytes]:
        """A geodata file; for a shapefile also its sibling parts (.dbf, .prj, …)."""
        suffix = path.suffix.lower()
        if suffix != ".shp":
            return {suffix: self.read(path, shown)}
        out = {".shp": self.read(path, shown)}
        for ext in SHAPEFILE_PARTS[1:]:
            sibling = path.with_suffix(ext)
            try:
                out[ext] = self.read(sibling, sibling.name)
            except SourceError:
                continue
        return out


def _guarded(file: str, read: Callable[[], T]) -> T:
    """Run one file's reader; an unexpected failure becomes a message naming the file (the traceback goes to the log)."""
    try:
        return read()
    except (SourceError, PatternTimeoutAt):
        raise
    except Exception:
        _LOG.exception("unexpected error while reading %s", file)
        raise SourceError(
            [Problem(file, None, "Datei nicht lesbar: unerwarteter Fehler beim Lesen (beschädigt oder in einem unerwarteten Format?) — "
                     "die Datei prüfen oder neu exportieren; bleibt es dabei, bitte mit der Datei melden",
                     "file cannot be read: an unexpected error while reading (damaged or in an unexpected format?) — "
                     "check the file or export it again; if it persists, please report it with the file")]
        ) from None


# --- tables ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Record:
    """One area and period of a table: its cells (wide) or its keyed cells (long); `level` None for the city total."""

    line: int
    area_id: str
    name: str | None
    period: int | None
    level: str | None = None
    cells: list[Any] | None = None
    keyed: dict[str, tuple[Any, int]] = field(default_factory=dict)


@dataclass
class Loaded:
    spec: TableSpec
    table: Table
    level: str  # the table's own level; rows may belong to others (level_ids)
    records: list[Record]
    totals: list[Record] = field(default_factory=list)  # rows with the city total (total_ids)
    keys: set[str] = field(default_factory=set)  # long format: the indicator keys found

    @property
    def file(self) -> str:
        return self.table.file


def _display(read: ReadOptions | GeometrySpec | PointsSpec) -> str:
    return Path(read.file).name


def _load_table(spec: TableSpec, files: Files, level: str, report: ImportReport, findings: _Findings) -> Loaded | None:
    shown = _display(spec.read)
    read = spec.read
    try:
        data = files.read(read.path, shown)
        table = _guarded(shown, lambda: read_table(
            data,
            shown,
            separator=read.separator,
            encoding=read.encoding,
            sheet=read.sheet,
            header_row=read.header_row,
            header_rows=read.header_rows,
            footer_rows=read.footer_rows,
        ))
        id_index = table.column_index(spec.id)
        name_index = table.column_index(spec.name_column) if spec.name_column else None
        period_index = table.column_index(spec.period_column) if spec.period_column else None
        key_index = table.column_index(spec.indicator_column) if spec.indicator_column else None
        value_index = table.column_index(spec.value_column) if spec.value_column else None
    except SourceError as error:
        report.errors.extend(error.problems)
        return None
    report.notes.extend(table.notes)
    own_level = spec.level or level
    records: list[Record] = []
    totals: list[Record] = []
    skipped: list[tuple[int, str]] = []
    empty: list[tuple[int, str]] = []
    unmatched: list[tuple[int, str]] = []
    other_levels: dict[str, list[tuple[int, str]]] = defaultdict(list)
    total_rows: list[tuple[int, str]] = []
    by_key: dict[tuple[str | None, str, int | None], Record] = {}
    keys: set[str] = set()
    # a long table repeats an id on many lines: list each id once
    shown_rows = _first_per_id if spec.is_long else (lambda rows: rows)
    line = 0
    try:
        for cells, line in zip(table.rows, table.row_numbers):
            raw = cell_text(cells[id_index])
            name = cell_text(cells[name_index]) if name_index is not None else None
            area_id = raw
            if spec.id_pattern is not None and raw:
                match = spec.id_pattern.fullmatch(raw)
                if match is None:
                    findings.add(
                        shown,
                        spec.id,
                        f"passt nicht zum Muster id_pattern = '{spec.id_pattern.pattern}'",
                        f"does not match id_pattern = '{spec.id_pattern.pattern}'",
                        line,
                        raw,
                    )
                    continue
                area_id = (match.group("id") or "").strip()
                if "name" in spec.id_pattern.groupindex and match.group("name"):
                    name = match.group("name").strip()
            if not area_id:
                empty.append((line, name or ", ".join(c for c in (cell_text(x) for x in cells) if c)[:40]))
                continue
            if spec.id_width and area_id.isdigit():
                area_id = area_id.zfill(spec.id_width)
            kind, area_id = classify_row(spec, area_id, raw, own_level)
            if kind == SKIP:
                skipped.append((line, raw))
                continue
            if kind == UNMATCHED or not area_id:
                unmatched.append((line, raw))
                continue
            if kind == TOTAL:
                total_rows.append((line, raw))
            elif kind != own_level:
                other_levels[kind].append((line, raw))
            row_level = None if kind == TOTAL else kind
            target = totals if kind == TOTAL else records
            period = spec.period_fixed
            if period_index is not None:
                period = _period(cells[period_index], spec, shown, line, findings)
                if period is None:
                    continue
            if key_index is None:
                target.append(Record(line, area_id, name, period, row_level, cells=cells))
                continue
            key = cell_text(cells[key_index])
            keys.add(key)
            record = by_key.get((row_level, area_id, period))
            if record is None:
                record = by_key[(row_level, area_id, period)] = Record(line, area_id, name, period, row_level)
                target.append(record)
            if key in record.keyed:
                findings.add(shown, spec.indicator_column, "doppelte Zeile: Gebiet, Zeitraum und Merkmal kommen mehrfach vor",
                             "duplicate row: area, period and key occur more than once", line, f"{area_id} {period} {key}")
                continue
            record.keyed[key] = (cells[value_index], line)
    except PatternTimeout as slow:
        report.errors.append(_slow_pattern(slow, shown, line))
        return None
    if skipped:
        report.notes.append(
            _problem(shown, spec.id, f"{len(skipped)} Zeilen{_ids_de(skipped)} mit skip_ids übersprungen",
                     f"{len(skipped)} rows{_ids_en(skipped)} skipped by skip_ids", shown_rows(skipped))
        )
    if empty:
        report.notes.append(
            _problem(shown, spec.id, f"{len(empty)} Zeilen ohne Gebiets-Id übersprungen (z. B. Summenzeilen)",
                     f"{len(empty)} rows without an area id skipped (e.g. total rows)", empty)
        )
    if unmatched:
        patterns = ", ".join(f"{lvl} = '{p.pattern}'" for lvl, p in spec.level_ids)
        report.errors.append(
            _problem(shown, spec.id, f"{len(unmatched)} Zeilen{_ids_de(unmatched)} passen zu keinem Muster in level_ids ({patterns}), total_ids "
                     "oder skip_ids: jede Zeile einer Ebene zuordnen",
                     f"{len(unmatched)} rows{_ids_en(unmatched)} match no pattern in level_ids ({patterns}), total_ids or skip_ids: "
                     "assign every row to a level", shown_rows(unmatched))
        )
    for row_level, rows in other_levels.items():
        report.notes.append(
            _problem(shown, spec.id, f"{len(rows)} Zeilen{_ids_de(rows)} als Ebene „{row_level}“ gelesen (level_ids): ihre amtlichen Werte",
                     f"{len(rows)} rows{_ids_en(rows)} read as the level '{row_level}' (level_ids): its official values", shown_rows(rows))
        )
    if total_rows:
        report.notes.append(
            _problem(shown, spec.id, f"{len(total_rows)} Zeilen mit der Stadtsumme (total_ids): verglichen, nicht importiert",
                     f"{len(total_rows)} rows with the city total (total_ids): compared, not imported", shown_rows(total_rows))
        )
    return Loaded(spec, table, own_level, records, totals, keys)


def _slow_pattern(slow: PatternTimeout, file: str, line: int) -> Problem:
    """A spec pattern that ran out of time (loaders.patterns): the file, the line and the value it was matched against."""
    if slow.value is None:
        return Problem(file, slow.key,
                       f"die Muster der Spezifikation brauchten zusammen länger als {BUDGET_SECONDS:g} s (zuletzt '{slow.pattern}' in dieser Zeile): "
                       "einfacher schreiben — jede Alternative und jede Wiederholung vervielfacht die Arbeit",
                       f"the spec's patterns took longer than {BUDGET_SECONDS:g} s together (last '{slow.pattern}' on this line): "
                       "write them more simply — every alternative and every repetition multiplies the work",
                       rows=(line,))
    return Problem(file, slow.key,
                   f"das Muster '{slow.pattern}' braucht für diesen Wert länger als {str(MATCH_SECONDS).replace('.', ',')} s und wurde abgebrochen: "
                   "es probiert zu viele Zerlegungen durch, etwa bei Alternativen, die dasselbe treffen ((a|aa)+) — einfacher schreiben",
                   f"the pattern '{slow.pattern}' takes longer than {MATCH_SECONDS:g} s on this value and was stopped: "
                   "it tries too many ways to split the value, e.g. alternatives matching the same text ((a|aa)+) — write it more simply",
                   rows=(line,), values=(slow.value[:60] + ("…" if len(slow.value) > 60 else ""),))


def _first_per_id(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The first row of each id (a long table repeats an id on many lines)."""
    first: dict[str, int] = {}
    for line, area_id in rows:
        first.setdefault(area_id, line)
    return [(line, area_id) for area_id, line in first.items()]


def _ids_de(rows: list[tuple[int, str]]) -> str:
    count = len({a for _, a in rows})
    return f" ({count} Ids)" if 1 < count < len(rows) else ""


def _ids_en(rows: list[tuple[int, str]]) -> str:
    count = len({a for _, a in rows})
    return f" ({count} ids)" if 1 < count < len(rows) else ""


def _period(cell: Any, spec: TableSpec, file: str, line: int, findings: _Findings) -> int | None:
    if hasattr(cell, "year") and not isinstance(cell, (int, float, str)):
        return int(cell.year)
    text = cell_text(cell)
    match = spec.period_pattern.search(text)
    if match is None:
        findings.add(
            file,
            spec.period_column,
            f"keine Jahreszahl erkennbar (period_pattern = '{spec.period_pattern.pattern}')",
            f"no year found (period_pattern = '{spec.period_pattern.pattern}')",
            line,
            text,
        )
        return None
    try:
        return int(match.group(1))
    except (ValueError, IndexError):
        findings.add(file, spec.period_column, "die erste Gruppe von period_pattern muss die Jahreszahl fassen",
                     "the first group of period_pattern must capture the year", line, text)
        return None


# --- areas and hierarchy --------------------------------------------------------------------


@dataclass(slots=True)
class Area:
    area_id: str
    name: str
    level: str
    parent_id: str | None = None
    geometry: Any = None
    map_geometry: Any = None  # the geometry simplified for drawing (loaders.geodata.simplify_coverage); None: draw `geometry`
    origin: tuple[str, str, int] | None = None  # where it was first read: file, id column, line


def _level_label(spec: ImportSpec, level: str, lang: str, plural: bool = False) -> str:
    for entry in spec.dataset["levels"]:
        if entry["id"] == level:
            label = entry[f"label_{lang}"]
            return entry.get(f"plural_{lang}", label) if plural else label
    return level


def _areas(spec: ImportSpec, loaded: dict[str, Loaded], report: ImportReport) -> dict[str, Area]:
    """The finest areas: the areas table, or every id found in the finest-level rows of the tables."""
    finest = spec.finest
    areas: dict[str, Area] = {}
    if spec.areas_table:
        sources = [loaded[spec.areas_table]] if spec.areas_table in loaded else []
    else:
        sources = list(loaded.values())
    for table in sources:
        for record in table.records:
            if record.level == finest and record.area_id not in areas:
                areas[record.area_id] = Area(record.area_id, record.name or record.area_id, finest, origin=(table.file, table.spec.id, record.line))
    return dict(sorted(areas.items()))


def _report_odd_ids(spec: ImportSpec, loaded: dict[str, Loaded], report: ImportReport) -> None:
    """Ids whose form differs from most ids of their level: often totals of a coarser level."""
    found: dict[str, dict[str, tuple[str, str, int]]] = defaultdict(dict)
    for table in loaded.values():
        for record in table.records:
            if record.level is not None:
                found[record.level].setdefault(record.area_id, (table.file, table.spec.id, record.line))
    for level, ids in found.items():
        labels = (_level_label(spec, level, "de", plural=True), _level_label(spec, level, "en", plural=True))
        report.warnings.extend(odd_ids(labels, ids))


def _hierarchy(spec: ImportSpec, finest: dict[str, Area], loaded: dict[str, Loaded], boundaries: list[_Boundary],
               report: ImportReport) -> dict[str, Area]:
    """Every area of every level, with parents; coarser areas come from the [[hierarchy]] entries.

    A coarser area must be known — named in the spec or a lookup table, read from rows of
    that level (level_ids), or drawn in a boundary file of that level — or the import stops:
    an id prefix must never invent an area.
    """
    all_areas: dict[str, Area] = {}
    member_of: dict[str, dict[str, str]] = {}  # level → finest id → area id of that level
    names: dict[str, dict[str, str]] = {}
    for entry in spec.hierarchy:
        mapping: dict[str, str] = {}
        level_names: dict[str, str] = dict(entry.names)
        lookup: dict[str, Record] = {}
        table = loaded.get(entry.table) if entry.table else None
        if entry.table and table is None:
            continue  # its read error is reported already
        if table is not None:
            for record in table.records:
                if record.level == spec.finest:
                    lookup.setdefault(record.area_id, record)
        try:
            id_index = table.table.column_index(entry.id_column) if (table and entry.id_column) else None
            name_index = table.table.column_index(entry.name_column) if (table and entry.name_column) else None
        except SourceError as error:
            report.errors.extend(error.problems)
            continue
        without: list[tuple[int, str]] = []
        for number, area_id in enumerate(finest, start=1):
            record = lookup.get(area_id)
            if entry.id_prefix is not None:
                coarse = area_id[: entry.id_prefix]
            elif record is not None and id_index is not None:
                coarse = cell_text(record.cells[id_index]) if record.cells is not None else ""
            else:
                coarse = ""
            if not coarse:
                without.append((number, area_id))
                continue
            mapping[area_id] = coarse
            if record is not None and name_index is not None and record.cells is not None:
                name = cell_text(record.cells[name_index])
                if name:
                    level_names.setdefault(coarse, name)
        if without:
            report.errors.append(
                Problem(
                    table.file if table else spec.spec_file,
                    entry.id_column or entry.key,
                    f"Gebiete ohne Zuordnung zur Ebene „{entry.level}“: jede Id der feinsten Ebene braucht eine Zeile in der Zuordnungstabelle",
                    f"areas without an assignment to the level '{entry.level}': every finest-level id needs a row in the lookup table",
                    values=tuple(a for _, a in without[:MAX_ROWS]),
                    more_rows=max(0, len(without) - MAX_ROWS),
                )
            )
        known = _known_areas(entry.level, loaded, boundaries, level_names)
        _report_invented(spec, entry.level, mapping, known, finest, report)
        member_of[entry.level] = mapping
        names[entry.level] = level_names
    # build the levels coarsest first, each parent from the next coarser level
    levels = spec.levels
    for position, level in enumerate(levels[:-1]):
        mapping = member_of.get(level, {})
        parent_map = member_of.get(levels[position - 1], {}) if position > 0 else {}
        parents: dict[str, set[str]] = defaultdict(set)
        for area_id, coarse in mapping.items():
            if position > 0 and area_id in parent_map:
                parents[coarse].add(parent_map[area_id])
        conflicting = [(0, f"{c} → {', '.join(sorted(p))}") for c, p in parents.items() if len(p) > 1]
        if conflicting:
            report.errors.append(
                Problem(spec.spec_file, f"hierarchy ({level})",
                        f"ein Gebiet der Ebene „{level}“ liegt in mehreren Gebieten der Ebene „{levels[position - 1]}“",
                        f"an area of the level '{level}' lies in several areas of the level '{levels[position - 1]}'",
                        values=tuple(v for _, v in conflicting[:MAX_ROWS]), more_rows=max(0, len(conflicting) - MAX_ROWS))
            )
        for coarse in sorted(set(mapping.values())):
            parent = next(iter(sorted(parents[coarse])), None) if position > 0 else None
            _add_area(all_areas, Area(coarse, names.get(level, {}).get(coarse, coarse), level, parent), spec, report)
    parent_map = member_of.get(levels[-2], {}) if len(levels) > 1 else {}
    for area in finest.values():
        area.parent_id = parent_map.get(area.area_id)
        _add_area(all_areas, area, spec, report)
    return all_areas


def _known_areas(level: str, loaded: dict[str, Loaded], boundaries: list[_Boundary], names: dict[str, str]) -> set[str]:
    """The ids of a coarser level that exist: named (`names` is filled in place), in rows of that level, or drawn in its boundaries."""
    known = set(names)
    for table in loaded.values():
        for record in table.records:
            if record.level == level:
                known.add(record.area_id)
                if record.name:
                    names.setdefault(record.area_id, record.name)
    for boundary in boundaries:
        if boundary.level != level or boundary.spec.id_property is None:
            continue
        for _, key, name in boundary.keys:
            known.add(key)
            if name:
                names.setdefault(key, name)
    return known


def _report_invented(spec: ImportSpec, level: str, mapping: dict[str, str], known: set[str], finest: dict[str, Area], report: ImportReport) -> None:
    """An error for every finest area whose parent of `level` is no known area: it would be invented."""
    unknown = sorted(set(mapping.values()) - known)
    if not unknown:
        return
    by_file: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    invented = set(unknown)
    for area_id, coarse in mapping.items():
        if coarse in invented:
            file, column, line = finest[area_id].origin or (spec.spec_file, "hierarchy", 0)
            by_file[(file, column)].append((line, f"{area_id} → {coarse}"))
    label_de, label_en = _level_label(spec, level, "de"), _level_label(spec, level, "en")
    shown = ", ".join(f"„{u}“" for u in unknown[:5]) + (" …" if len(unknown) > 5 else "")
    example = unknown[0]
    for (file, column), rows in by_file.items():
        rows.sort()
        report.errors.append(
            _problem(
                file,
                column,
                f"diese Zeilen ergäben {label_de} {shown} — kein bekanntes Gebiet dieser Ebene (kein Name, keine Grenze): "
                "es würde erfunden, und sind die Zeilen Summen, zählte der Import doppelt. "
                f"Sind es Zeilen einer gröberen Ebene oder der Stadt? Dann mit level_ids = {{ {level} = '…' }} als deren Werte lesen, "
                "mit total_ids = [\"…\"] als Stadtsumme vergleichen oder mit skip_ids überspringen. "
                f"Ist es ein echtes Gebiet: seinen Namen angeben, in [[hierarchy]] names = {{ \"{example}\" = \"…\" }}, "
                "mit einer Namensspalte oder einer Grenzdatei dieser Ebene mit id = … und name = …",
                f"these rows would make {label_en} {shown.replace('„', chr(39)).replace('“', chr(39))} — no known area of that level (no name, no boundary): "
                "it would be invented, and if the rows are totals, the import would count twice. "
                f"Are they rows of a coarser level or of the city? Then read them as that level's values with level_ids = {{ {level} = '…' }}, "
                "compare them as the city total with total_ids = [\"…\"] or leave them out with skip_ids. "
                f"Is it a real area: give its name, in [[hierarchy]] names = {{ \"{example}\" = \"…\" }}, "
                "with a name column or a boundary file of that level with id = … and name = …",
                rows,
            )
        )


def _add_area(all_areas: dict[str, Area], area: Area, spec: ImportSpec, report: ImportReport) -> None:
    if area.area_id in all_areas:
        other = all_areas[area.area_id]
        report.errors.append(
            Problem(spec.spec_file, "hierarchy", "Ids müssen über alle Ebenen eindeutig sein (z. B. unterschiedliche Länge oder Präfix)",
                    "ids must be unique across all levels (e.g. different length or prefix)",
                    values=(f"{area.area_id}: {other.level} / {area.level}",))
        )
        return
    all_areas[area.area_id] = area


# --- geometry -------------------------------------------------------------------------------


@dataclass
class _Boundary:
    """A boundary file as read, with the key each feature matches by (and its name, where the spec gives both)."""

    spec: GeometrySpec
    level: str
    features: FeatureSet
    keys: list[tuple[Feature, str, str | None]]
    missing_property: list[tuple[int, str]]


def _match_key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _feature_key(geo: GeometrySpec, value: Any) -> str:
    key = cell_text(value)
    key = geo.rename.get(key, key)
    for old, new in geo.replace:
        key = key.replace(old, new)
    if geo.id_property and geo.id_width and key.isdigit():
        key = key.zfill(geo.id_width)
    return key


def _read_boundaries(spec: ImportSpec, files: Files, report: ImportReport) -> list[_Boundary]:
    """Every boundary file, read before the areas are built: coarser levels take their names from them."""
    out = []
    for geo in spec.geometry:
        shown = _display(geo)
        try:
            features = _guarded(shown, lambda: read_features(files.parts(geo.path, shown), shown, crs=geo.crs, encoding=geo.encoding))
        except SourceError as error:
            report.errors.extend(error.problems)
            continue
        _take_notes(features, report)
        prop = geo.id_property or geo.name_property
        keys: list[tuple[Feature, str, str | None]] = []
        missing: list[tuple[int, str]] = []
        for feature in features.features:
            if prop not in feature.properties:
                missing.append((feature.number, ", ".join(list(feature.properties)[:8])))
                continue
            name = cell_text(feature.properties.get(geo.name_property)) if geo.id_property and geo.name_property else ""
            keys.append((feature, _feature_key(geo, feature.properties[prop]), name or None))
        if geo.id_property and geo.name_property and features.features and all(geo.name_property not in f.properties for f in features.features):
            report.errors.append(unknown_column(shown, geo.name_property, features.property_names()))
        out.append(_Boundary(geo, geo.level or spec.finest, features, keys, missing))
    return out


def _take_notes(features: FeatureSet, report: ImportReport) -> None:
    report.notes.extend(features.notes)
    report.warnings.extend(features.warnings)
    if features.crs is not None and features.crs not in report.crs:
        report.crs.append(features.crs)


def _geometry(spec: ImportSpec, areas: dict[str, Area], boundaries: list[_Boundary], report: ImportReport) -> None:
    """Attach boundaries: match by id or name, repair, dissolve coarser levels."""
    given_levels: set[str] = set()
    for boundary in boundaries:
        given_levels.add(boundary.level)
        _attach(boundary, areas, report)
    # coarser levels without a file of their own: dissolve the finer areas
    for position in range(len(spec.levels) - 2, -1, -1):
        level = spec.levels[position]
        if level in given_levels:
            continue
        children: dict[str, list[Area]] = defaultdict(list)
        for area in areas.values():
            if area.level == spec.levels[position + 1] and area.parent_id:
                children[area.parent_id].append(area)
        for area in areas.values():
            if area.level != level:
                continue
            parts = children.get(area.area_id, [])
            if parts and all(p.geometry is not None for p in parts):
                merged = polygonal(shapely.make_valid(shapely.union_all([p.geometry for p in parts])))
                area.geometry = merged
    for area in areas.values():
        if area.geometry is None:
            report.areas_without_geometry.append(MissingGeometry(area.area_id, area.name, area.level))


def _attach(boundary: _Boundary, areas: dict[str, Area], report: ImportReport) -> None:
    geo, features = boundary.spec, boundary.features
    shown = features.file
    candidates = {a.area_id: a for a in areas.values() if a.level == boundary.level}
    prop = geo.id_property or geo.name_property
    by_name: dict[str, list[Area]] = defaultdict(list)
    for area in candidates.values():
        by_name[_match_key(area.name)].append(area)
    found: dict[str, list[Any]] = defaultdict(list)
    unmatched: list[tuple[int, str]] = []
    repaired: list[tuple[int, str]] = []
    not_polygon: list[tuple[int, str]] = []
    for feature, key, name in boundary.keys:
        if geo.id_property:
            targets = [candidates[key]] if key in candidates else []
        else:
            targets = by_name.get(_match_key(key), [])
            if len(targets) > 1:
                report.warnings.append(
                    Problem(shown, prop, "Name mehrdeutig: mehrere Gebiete heißen so; nach Id zuordnen (id = …)",
                            "ambiguous name: several areas have it; match by id instead (id = …)", values=(key,))
                )
                continue
        if not targets:
            unmatched.append((feature.number, key))
            continue
        if name and targets[0].name == targets[0].area_id:
            targets[0].name = name  # a name nobody typed: from the boundary file
        geometry = feature.geometry
        if geometry is None or geometry.is_empty:
            continue
        if not geometry.is_valid:
            repaired.append((feature.number, f"{key}: {shapely.is_valid_reason(geometry)}"))
            geometry = shapely.make_valid(geometry)
        geometry = polygonal(geometry)
        if geometry is None:
            not_polygon.append((feature.number, f"{key}: {feature.geometry.geom_type}"))
            continue
        found[targets[0].area_id].append(geometry)
    missing_property = boundary.missing_property
    if missing_property:
        if len(missing_property) == len(features.features):
            report.errors.append(unknown_column(shown, prop, features.property_names()))
        else:
            report.errors.append(
                _problem(shown, prop, f"Eigenschaft „{prop}“ fehlt an diesen Features (Werte: ihre Eigenschaften)",
                         f"property '{prop}' is missing from these features (values: their properties)", missing_property)
            )
    for area_id, parts in found.items():
        candidates[area_id].geometry = parts[0] if len(parts) == 1 else polygonal(shapely.make_valid(shapely.union_all(parts)))
    if len([p for parts in found.values() for p in parts]) > len(found):
        report.notes.append(Problem(shown, prop, "mehrere Features je Gebiet wurden vereinigt", "several features per area were merged"))
    if repaired:
        report.warnings.append(
            _problem(shown, "geometry", "ungültige Geometrie mit make_valid repariert — bitte an der Quelle prüfen",
                     "invalid geometry repaired with make_valid — please check it at the source", repaired)
        )
    if not_polygon:
        report.warnings.append(
            _problem(shown, "geometry", "keine Fläche (Polygon/MultiPolygon): nicht übernommen", "not an area (Polygon/MultiPolygon): left out", not_polygon)
        )
    free = [a for a in candidates.values() if a.area_id not in found]
    pool = [a.area_id for a in free] if geo.id_property else [a.name for a in free]
    for number, key in unmatched:
        report.geometries_without_data.append(Unmatched(shown, prop, key, (number,), tuple(closest(key, pool)), feature=True))


def _map_geometry(spec: ImportSpec, areas: dict[str, Area], report: ImportReport) -> None:
    """Each level's polygons simplified together for drawing (the spec's `[simplify]` tolerance or
    the level's default); the exact geometry stays for areas in km², addresses and neighbours."""
    for level in spec.levels:
        members = [a for a in areas.values() if a.level == level and a.geometry is not None]
        if not members:
            continue
        exact = np.array([a.geometry for a in members], dtype=object)
        tolerance = spec.simplify.get(level, default_map_tolerance(exact))
        simplified = simplify_coverage(exact, tolerance)
        before, after = shapely.get_num_coordinates(exact), shapely.get_num_coordinates(simplified)
        for area, geometry, fewer in zip(members, simplified, after < before):
            area.map_geometry = geometry if fewer else None  # no corner saved: the exact geometry is drawn
        report.map_geometry[level] = (round(tolerance, 1), int(before.sum()), int(after.sum()))


def _km2(geometry: Any) -> float | None:
    if geometry is None:
        return None
    area, _ = _GEOD.geometry_area_perimeter(geometry)
    return abs(area) / 1e6 or None


# --- plausibility ---------------------------------------------------------------------------


def _placed(boundary: _Boundary) -> Placed:
    features = boundary.features
    return Placed(features.file, "crs", [(f.number, f.geometry.bounds) for f in features.features if f.geometry is not None and not f.geometry.is_empty],
                  features.crs.definition if features.crs else None)


def _plausibility(spec: ImportSpec, files: Files, areas: dict[str, Area], boundaries: list[_Boundary], points: list[Placed],
                  report: ImportReport) -> None:
    """Where the geodata lies, whether areas of a level overlap, how well they cover the outline (loaders.plausibility)."""
    extent = spec.plausibility.extent
    placed = [(boundary, _placed(boundary)) for boundary in boundaries]
    misplaced: set[str] = set()
    for item in [p for _, p in placed] + points:
        problems = place_problems(item, extent)
        report.errors.extend(problems)
        if problems:
            misplaced.add(item.file)
    finest = [p for b, p in placed if b.level == spec.finest and p.file not in misplaced]
    reference = finest[0] if finest else None
    if reference is not None:
        for item in [p for _, p in placed] + points:
            if item is not reference and item.file not in misplaced:
                report.errors.extend(distance_problems(item, reference))
    for level in dict.fromkeys(b.level for b, p in placed if p.file not in misplaced):
        file = next(p.file for b, p in placed if b.level == level)
        members = [(a.area_id, a.geometry) for a in areas.values() if a.level == level]
        labels = (_level_label(spec, level, "de"), _level_label(spec, level, "en"))
        report.warnings.extend(overlap_problems(file, "geometry", labels, members))
    outline_file = spec.plausibility.outline_file
    if outline_file is None or spec.plausibility.outline_path is None:
        return
    shown = Path(outline_file).name
    try:
        outline = _guarded(shown, lambda: read_features(files.parts(spec.plausibility.outline_path, shown), shown, crs=spec.plausibility.outline_crs))
    except SourceError as error:
        report.errors.extend(error.problems)
        return
    outline_placed = Placed(shown, "crs", [(f.number, f.geometry.bounds) for f in outline.features if f.geometry is not None and not f.geometry.is_empty],
                            outline.crs.definition if outline.crs else None)
    problems = place_problems(outline_placed, extent)
    report.errors.extend(problems)
    shape = polygonal(shapely.make_valid(shapely.union_all([f.geometry for f in outline.features if f.geometry is not None])))
    if problems or shape is None or reference is None:
        return
    drawn = [a.geometry for a in areas.values() if a.level == spec.finest and a.geometry is not None]
    if not drawn:
        return
    union = shapely.union_all(drawn)
    box = shape.bounds
    fix = diagnosis(reference, lambda x, y: box[0] <= x <= box[2] and box[1] <= y <= box[3])
    labels = (_level_label(spec, spec.finest, "de"), _level_label(spec, spec.finest, "en"))
    errors, warnings = coverage_problems(reference.file, shown, labels, union, shape, fix)
    report.errors.extend(errors)
    report.warnings.extend(warnings)


# --- values ---------------------------------------------------------------------------------


_ERROR = object()


def _number(cell: Any, fmt, file: str, column: str, line: int, findings: _Findings) -> Any:
    try:
        return parse_number(cell, fmt)
    except CellError as error:
        findings.add(file, column, error.de, error.en, line, cell_text(cell)[:40])
        return _ERROR


class _Columns:
    """Resolves column names (wide) or keys (long) once per table, reporting unknown ones once."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.cache: dict[tuple[str, str], int | str | None] = {}

    def resolve(self, loaded: Loaded, ref: str) -> int | str | None:
        key = (loaded.spec.name, ref)
        if key in self.cache:
            return self.cache[key]
        if loaded.spec.is_long:
            if ref in loaded.keys:
                found: int | str | None = ref
            else:
                found = None
                self.report.errors.append(_unknown_key(loaded, ref))
        else:
            try:
                found = loaded.table.column_index(ref)
            except SourceError as error:
                found = None
                self.report.errors.extend(error.problems)
        self.cache[key] = found
        return found


def _unknown_key(loaded: Loaded, ref: str) -> Problem:
    keys = sorted(loaded.keys)
    close = closest(ref, keys)
    hint_de = f" Meinten Sie {' oder '.join(f'„{c}“' for c in close)}?" if close else ""
    hint_en = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    listed = ", ".join(f"„{k}“" for k in keys[:40])
    return Problem(
        loaded.file,
        loaded.spec.indicator_column,
        f"Merkmal „{ref}“ kommt in der Spalte nicht vor.{hint_de} Vorhanden: {listed}",
        f"key '{ref}' does not occur in the column.{hint_en} Found: {listed}",
    )


def _cell(loaded: Loaded, record: Record, resolved: int | str) -> tuple[Any, int, str]:
    if isinstance(resolved, int):
        return record.cells[resolved], record.line, loaded.table.columns[resolved]
    cell, line = record.keyed.get(resolved, (None, record.line))
    return cell, line, f"{loaded.spec.value_column} ({resolved})"


def _sum(loaded: Loaded, record: Record, refs: tuple[str, ...], columns: _Columns, findings: _Findings) -> Any:
    """The sum of the named cells: None if any is missing, _ERROR if any cannot be read."""
    total = 0.0
    missing = False
    for ref in refs:
        resolved = columns.resolve(loaded, ref)
        if resolved is None:
            return _ERROR
        cell, line, shown = _cell(loaded, record, resolved)
        value = _number(cell, loaded.spec.read.number, loaded.file, shown, line, findings)
        if value is _ERROR:
            return _ERROR
        if value is None:
            missing = True
        else:
            total += value
    return None if missing else total


def _values(spec: ImportSpec, loaded: dict[str, Loaded], areas: dict[str, Area], report: ImportReport,
            findings: _Findings) -> tuple[list[Value], list[tuple[Value, str]]]:
    """The values of every area, and those of the city-total rows (with a label naming the row) for the comparison."""
    columns = _Columns(report)
    out: list[Value] = []
    city: list[tuple[Value, str]] = []
    seen: dict[tuple[str, str, int], Value] = {}
    unknown: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    duplicates: list[tuple[Value, Value]] = []
    ids_by_level: dict[str, set[str]] = defaultdict(set)
    for area in areas.values():
        ids_by_level[area.level].add(area.area_id)
    for indicator in spec.indicators:
        for source in indicator.sources:
            table = loaded.get(source.table)
            if table is None:
                continue
            for record in table.totals:
                label = f"{record.area_id} {record.name}" if record.name else record.area_id
                city.extend((value, label) for value in _record_values(indicator, source, table, record, columns, findings))
            for record in table.records:
                if record.area_id not in ids_by_level[record.level]:
                    unknown[(table.file, table.spec.id, record.area_id)].append(record.line)
                    continue
                for value in _record_values(indicator, source, table, record, columns, findings):
                    key = (value.area_id, value.indicator_id, value.period)
                    if key in seen:
                        duplicates.append((seen[key], value))
                        continue
                    seen[key] = value
                    out.append(value)
    for (file, column, value), lines in unknown.items():
        pool = [a.area_id for a in areas.values()]
        report.unmatched_ids.append(Unmatched(file, column, value, tuple(sorted(set(lines))), tuple(closest(value, pool))))
    if duplicates:
        by_row: dict[tuple[str, int], tuple[str, str]] = {}
        for first, again in duplicates:
            by_row.setdefault((again.file, again.line), (f"{again.area_id} {again.period}", f"{first.file} {first.line}"))
        findings_dup = _Findings()
        for (file, line), (what, where) in by_row.items():
            findings_dup.add(file, None, "doppelte Zeile: dieses Gebiet und dieser Zeitraum kamen schon vor (Wert: Gebiet, Zeitraum und die erste Zeile)",
                             "duplicate row: this area and period occurred before (value: area, period and the first row)", line, f"{what} = {where}")
        report.errors.extend(findings_dup.problems())
    return out, city


def _record_values(indicator: IndicatorSpec, source: Source, table: Loaded, record: Record, columns: _Columns, findings: _Findings) -> list[Value]:
    base = dict(area_id=record.area_id, indicator_id=indicator.id, file=table.file)

    def line(refs: tuple[str, ...]) -> int:  # a long table keeps each key on its own line
        return record.keyed[refs[0]][1] if refs and refs[0] in record.keyed else record.line

    if source.columns_by_period:
        out = []
        for period, column in source.columns_by_period:
            value = _sum(table, record, (column,), columns, findings)
            if value is not _ERROR:
                out.append(Value(period=period, value=value, numerator=None, denominator=None, column=column, line=record.line, **base))
        return out
    assert record.period is not None
    if source.numerator:
        numerator = _sum(table, record, source.numerator, columns, findings)
        denominator = _sum(table, record, source.denominator, columns, findings)
        if numerator is _ERROR or denominator is _ERROR:
            return []
        value = None
        if numerator is not None and denominator is not None and denominator > 0:
            value = numerator / denominator * indicator.scale
        above, below = " + ".join(source.numerator), " + ".join(source.denominator)
        return [Value(period=record.period, value=value, numerator=numerator, denominator=denominator, column=f"{above} / {below}",
                      line=line(source.numerator), numerator_column=above, denominator_column=below, denominator_line=line(source.denominator),
                      **base)]
    value = _sum(table, record, source.column, columns, findings)
    if value is _ERROR:
        return []
    return [Value(period=record.period, value=value, numerator=None, denominator=None, column=" + ".join(source.column),
                  line=line(source.column), **base)]


def _check_ranges(spec: ImportSpec, values: list[Value], report: ImportReport) -> None:
    """Values outside their possible range: warnings, or errors where they break the contract."""
    kinds = {i.id: i for i in spec.indicators}
    errors = _Findings()
    warnings = _Findings()
    for v in values:
        indicator = kinds[v.indicator_id]
        shown = f"{v.area_id} {v.period}: {v.value if v.value is None else round(v.value, 6)}"
        if indicator.kind in ("count", "share") and v.value is not None and v.value < 0:
            errors.add(v.file, v.column, f"{indicator.id}: negativer Wert — Anzahlen und Anteile sind nie negativ",
                       f"{indicator.id}: negative value — counts and shares are never negative", v.line, shown)
        if (v.numerator is not None and v.numerator < 0 and indicator.kind == "share") or (v.denominator is not None and v.denominator < 0):
            errors.add(v.file, v.column, f"{indicator.id}: negativer Zähler oder Nenner", f"{indicator.id}: negative numerator or denominator",
                       v.line, f"{v.area_id} {v.period}: {v.numerator} / {v.denominator}")
        if indicator.kind == "share" and v.numerator is not None and v.denominator is not None and v.numerator > v.denominator:
            errors.add(v.file, v.column, f"{indicator.id}: Zähler größer als Nenner — ein Anteil kann nicht über 100 % liegen",
                       f"{indicator.id}: numerator larger than denominator — a share cannot exceed 100 %", v.line,
                       f"{v.area_id} {v.period}: {v.numerator:g} > {v.denominator:g}")
        elif indicator.kind == "share" and v.value is not None and v.value > indicator.scale * (1 + 1e-9):
            warnings.add(v.file, v.column, f"{indicator.id}: Anteil über {indicator.scale:g} (mehr als 100 %)",
                         f"{indicator.id}: share above {indicator.scale:g} (more than 100 %)", v.line, shown)
    report.errors.extend(errors.problems())
    report.out_of_range.extend(warnings.problems())


def _compare_totals(spec: ImportSpec, loaded: dict[str, Loaded], areas: dict[str, Area], values: list[Value],
                    city: list[tuple[Value, str]], report: ImportReport) -> None:
    """Official totals in the files (coarser-level rows, city rows) against the sums of their finest areas."""
    finest_level = spec.finest
    finest = {(v.area_id, v.period, v.indicator_id): v for v in values if areas[v.area_id].level == finest_level}
    members: dict[str, list[str]] = defaultdict(list)
    for area in areas.values():
        if area.level != finest_level:
            continue
        parent = area.parent_id
        while parent is not None and parent in areas:
            members[parent].append(area.area_id)
            parent = areas[parent].parent_id
    every = [a.area_id for a in areas.values() if a.level == finest_level]
    official = [
        (v, f"{v.area_id} {areas[v.area_id].name}" if areas[v.area_id].name != v.area_id else v.area_id, members.get(v.area_id, []))
        for v in values
        if areas[v.area_id].level != finest_level
    ]
    official += [(v, label, every) for v, label in city]
    if not official:
        return
    check, errors, warnings = compare_totals(
        official,
        finest,
        summable={i.id: i.kind == "count" for i in spec.indicators},
        tolerance={t.file: t.spec.total_tolerance for t in loaded.values()},
        finest_plural=(_level_label(spec, finest_level, "de", plural=True), _level_label(spec, finest_level, "en", plural=True)),
    )
    report.totals = check
    report.errors.extend(errors)
    report.warnings.extend(warnings)


# --- points ---------------------------------------------------------------------------------


def _template(template: str | None, properties: Mapping[str, Any]) -> str | None:
    """A point's address: one column, or a template of plain field names (spec.template_parts), empty parts dropped."""
    if not template:
        return None
    if "{" not in template:
        return cell_text(properties.get(template)) or None
    filled = "".join(text + (cell_text(properties.get(name)) if name is not None else "") for text, name in template_parts(template))
    cleaned = " ".join(filled.split()).replace(" ,", ",").strip(" ,")
    while ", ," in cleaned:
        cleaned = cleaned.replace(", ,", ",")
    return cleaned or None


def _points(spec: ImportSpec, files: Files, report: ImportReport, placed: list[Placed]) -> list[dict[str, Any]]:
    """Every point layer's points; where each layer lies is added to `placed` (for the plausibility checks)."""
    out: list[dict[str, Any]] = []
    ids: set[str] = set()
    for entry in spec.points:
        shown = _display(entry)
        try:
            items, crs = _guarded(shown, lambda: _point_items(entry, files, shown, report))
        except SourceError as error:
            report.errors.extend(error.problems)
            continue
        column = f"{entry.lat}, {entry.lon}" if entry.lat else "crs"
        placed.append(Placed(shown, column, [(n, (x, y, x, y)) for n, _, x, y in items if x is not None and y is not None], crs, points=True))
        findings = _Findings()
        duplicates: list[tuple[int, str]] = []
        for number, properties, lon, lat in items:
            category = entry.category or cell_text(properties.get(entry.category_column or ""))
            if not category:
                findings.add(shown, entry.category_column, "Kategorie fehlt", "category is missing", number, "")
                continue
            name = cell_text(properties.get(entry.name))
            if not name:
                findings.add(shown, entry.name, "Name fehlt", "name is missing", number, "")
                continue
            if lon is None or lat is None:
                findings.add(shown, entry.lat or "geometry", "Koordinaten fehlen", "coordinates are missing", number, name[:40])
                continue
            raw_id = cell_text(properties.get(entry.id)) if entry.id else str(number)
            poi_id = f"{category}_{raw_id or number}"
            if poi_id in ids:
                duplicates.append((number, poi_id))
                poi_id = f"{poi_id}_{number}"
            ids.add(poi_id)
            attributes = {}
            for attribute, column in entry.attributes:
                value = properties.get(column)
                if value is not None and cell_text(value) != "":
                    attributes[attribute] = value if isinstance(value, (int, float, bool)) else cell_text(value)
            if entry.wheelchair:
                raw = cell_text(properties.get(entry.wheelchair))
                mapped = entry.wheelchair_values.get(raw, raw if raw in ("yes", "limited", "no") else None)
                if raw and mapped is None:
                    findings.add(shown, entry.wheelchair, 'unbekannter Wert: in wheelchair_values auf "yes", "limited" oder "no" abbilden',
                                 'unknown value: map it to "yes", "limited" or "no" in wheelchair_values', number, raw)
                elif mapped:
                    attributes["wheelchair"] = mapped
            out.append(
                {
                    "poi_id": poi_id,
                    "category": category,
                    "name": name,
                    "address": _template(entry.address, properties),
                    "lat": lat,
                    "lon": lon,
                    "attributes": json.dumps(attributes, ensure_ascii=False, sort_keys=True, default=str),
                }
            )
            report.points[category] = report.points.get(category, 0) + 1
        report.errors.extend(findings.problems())
        if duplicates:
            report.warnings.append(_problem(shown, entry.id, "doppelte Id: mit Zeilennummer ergänzt", "duplicate id: row number appended", duplicates))
    return out


def _point_items(entry: PointsSpec, files: Files, shown: str,
                 report: ImportReport) -> tuple[list[tuple[int, dict[str, Any], float | None, float | None]], str | None]:
    """The points of one entry (number, properties, lon, lat) and the coordinate system they were read in (None: WGS84)."""
    if entry.read is None:
        features = read_features(files.parts(entry.path, shown), shown, crs=entry.crs)
        _take_notes(features, report)
        items = []
        for feature in features.features:
            geometry = feature.geometry
            lon = lat = None
            if geometry is not None and not geometry.is_empty:
                point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
                lon, lat = point.x, point.y
            items.append((feature.number, feature.properties, lon, lat))
        for name in (entry.name, entry.id):
            if name and features.features and all(name not in f.properties for f in features.features):
                raise SourceError([unknown_column(shown, name, features.property_names())])
        return items, features.crs.definition if features.crs else None
    read = entry.read
    table = read_table(files.read(read.path, shown), shown, separator=read.separator, encoding=read.encoding, sheet=read.sheet,
                       header_row=read.header_row, header_rows=read.header_rows, footer_rows=read.footer_rows)
    for name in (entry.name, entry.id, entry.lat, entry.lon, entry.x, entry.y, entry.category_column, entry.wheelchair, *dict(entry.attributes).values()):
        if name:
            table.column_index(name)
    findings = _Findings()
    xs_name, ys_name = (entry.lon, entry.lat) if entry.lat else (entry.x, entry.y)
    rows = []
    for cells, line in zip(table.rows, table.row_numbers):
        properties = dict(zip(table.columns, cells))
        x = _number(properties[xs_name], read.number, shown, xs_name, line, findings)
        y = _number(properties[ys_name], read.number, shown, ys_name, line, findings)
        rows.append((line, properties, None if x is _ERROR else x, None if y is _ERROR else y))
    if findings.problems():
        raise SourceError(findings.problems())
    if entry.x and entry.crs:
        crs = parse_crs(entry.crs, shown)
        points = reproject([shapely.Point(x, y) if x is not None and y is not None else None for _, _, x, y in rows], crs)
        rows = [(line, props, p.x if p is not None else None, p.y if p is not None else None) for (line, props, _, _), p in zip(rows, points)]
        return rows, entry.crs
    return rows, None


# --- build, write, swap ---------------------------------------------------------------------


@dataclass
class Built:
    metadata: dict[str, Any]
    areas: list[Area]
    catalog: list[dict[str, Any]]
    values: list[Value]
    pois: list[dict[str, Any]]
    streamed: StreamedImport | None = None  # streamed mode: the values are in its DuckDB table, not in `values`

    def close(self) -> None:
        """Remove the streamed mode's temporary database (nothing to do otherwise)."""
        if self.streamed is not None:
            self.streamed.close()


def build(spec: ImportSpec, files: Files | None = None) -> tuple[ImportReport, Built | None]:
    """Read every file of the spec and assemble the dataset in memory, with its report.

    An unexpected failure (a bug, not a bad file) becomes an error of the report too, so
    neither the command line nor the page ever shows a traceback; it is logged.
    """
    report = ImportReport(spec_file=spec.spec_file, dataset_name=spec.dataset.get("name") or "", city=spec.dataset.get("city") or "")
    try:
        with match_budget():
            return report, _build(spec, files or Files(), report)
    except Exception:
        _LOG.exception("unexpected error while importing %s", spec.spec_file)
        report.errors.append(
            Problem(spec.spec_file, None, "interner Fehler beim Import: bitte mit der Spezifikation und den Dateien melden",
                    "internal error during the import: please report it with the spec and the files")
        )
        return report, None


def _build(spec: ImportSpec, files: Files, report: ImportReport) -> Built | None:
    streamed = StreamedImport.for_spec(spec, files)
    try:
        built = _build_from(spec, files, report, streamed)
    except BaseException:
        if streamed is not None:
            streamed.close()
        raise
    if built is None and streamed is not None:
        streamed.close()
    return built


def _build_from(spec: ImportSpec, files: Files, report: ImportReport, streamed: StreamedImport | None) -> Built | None:
    """The dataset in memory; in streamed mode (loaders.streaming) its values stay in DuckDB until they are written."""
    findings = _Findings()
    loaded: dict[str, Loaded] = {}
    for name, table_spec in spec.tables.items():
        if streamed is not None:
            table = streamed.load(table_spec, files, spec.finest, report, findings)
        else:
            table = _load_table(table_spec, files, spec.finest, report, findings)
        if table is not None:
            loaded[name] = table
    report.errors.extend(findings.problems())
    findings = _Findings()
    finest = _areas(spec, loaded, report)
    if not finest and not report.errors:
        report.errors.append(Problem(spec.spec_file, "areas", "keine Gebiete gefunden: Id-Spalten und skip_ids prüfen",
                                     "no areas found: check the id columns and skip_ids"))
    _report_odd_ids(spec, loaded, report)
    boundaries = _read_boundaries(spec, files, report)
    areas = _hierarchy(spec, finest, loaded, boundaries, report)
    _geometry(spec, areas, boundaries, report)
    _map_geometry(spec, areas, report)
    table_of_file = {Path(t.read.file).name: name for name, t in spec.tables.items()}
    values: list[Value] = []
    if streamed is not None:
        streamed.values(areas, report, findings)
        report.errors.extend(findings.problems())
        streamed.check_ranges(report)
        report.warnings.extend(streamed.sentinels(table_of_file))
    else:
        values, city = _values(spec, loaded, areas, report, findings)
        report.errors.extend(findings.problems())
        _check_ranges(spec, values, report)
        report.warnings.extend(sentinel_problems(values, table_of_file))
        _compare_totals(spec, loaded, areas, values, city, report)
    placed_points: list[Placed] = []
    pois = _points(spec, files, report, placed_points)
    _plausibility(spec, files, areas, boundaries, placed_points, report)

    # catalog: indicators without a single value are left out (and named)
    with_values = streamed.indicators_with_values() if streamed is not None else {v.indicator_id for v in values if v.value is not None}
    catalog = []
    for indicator in spec.indicators:
        if indicator.id not in with_values:
            if any(loaded.get(s.table) is None for s in indicator.sources):
                continue  # a read error explains it
            important = indicator.id in (spec.dataset.get("population_indicator"), (spec.dataset.get("default") or {}).get("indicator"))
            target = report.errors if important else report.warnings
            target.append(
                Problem(spec.spec_file, indicator.key, "alle Werte fehlen (leere Spalte?): Indikator nicht übernommen",
                        "every value is missing (an empty column?): indicator left out")
            )
            continue
        catalog.append({"indicator_id": indicator.id, **indicator.catalog})
    kept = {row["indicator_id"] for row in catalog}
    if streamed is not None:
        streamed.keep(kept)
    values = [v for v in values if v.indicator_id in kept]

    # the report's figures
    for level in spec.dataset["levels"]:
        members = [a for a in areas.values() if a.level == level["id"]]
        plural_de, plural_en = level.get("plural_de", level["label_de"]), level.get("plural_en", level["label_en"])
        report.levels.append((level["id"], plural_de, plural_en, len(members)))
        report.areas_with_geometry[level["id"]] = sum(a.geometry is not None for a in members)
    report.indicators = [row["indicator_id"] for row in catalog]
    if streamed is not None:
        streamed.figures(report)
    else:
        report.periods = sorted({v.period for v in values})
        report.values = sum(v.value is not None for v in values)
        report.missing = sum(v.value is None for v in values)
        report.missing_by_indicator = {i: sum(v.value is None for v in values if v.indicator_id == i) for i in report.indicators}

    default = spec.dataset.get("default") or {}
    if streamed is not None:
        has_default = streamed.has_value(default.get("indicator"), default.get("period"))
    else:
        has_default = any(v.indicator_id == default.get("indicator") and v.period == default.get("period") and v.value is not None for v in values)
    if default.get("indicator") in kept and not has_default:
        if streamed is not None:
            found = streamed.periods_of(default["indicator"])
        else:
            found = sorted({v.period for v in values if v.indicator_id == default["indicator"]})
        report.errors.append(
            Problem(spec.spec_file, "dataset.default.period", f"{default['indicator']} hat keine Werte im Jahr {default.get('period')}; vorhanden: {found}",
                    f"{default['indicator']} has no values in {default.get('period')}; available: {found}")
        )
    if report.errors:
        return None
    metadata = {k: v for k, v in spec.dataset.items() if v is not None}
    ordered = sorted(areas.values(), key=lambda a: (spec.levels.index(a.level), a.area_id))
    return Built(metadata, ordered, catalog, values, pois, streamed)


def write_dataset(built: Built, folder: Path) -> None:
    """Write the four Parquet files and dataset.json with the contract's types."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / METADATA_FILE).write_text(json.dumps(built.metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    areas = {
        "area_id": [a.area_id for a in built.areas],
        "name": [a.name for a in built.areas],
        "level": [a.level for a in built.areas],
        "parent_id": [a.parent_id for a in built.areas],
        "geometry": [None if a.geometry is None else shapely.to_wkb(a.geometry) for a in built.areas],
        "area_km2": [_km2(a.geometry) for a in built.areas],
        "map_geometry": [None if a.map_geometry is None else shapely.to_wkb(a.map_geometry) for a in built.areas],
    }
    pq.write_table(pa.table(areas, schema=arrow_schema(AREAS_FILE, optional=("map_geometry",))), folder / AREAS_FILE)
    schema = arrow_schema(INDICATORS_FILE)
    pq.write_table(pa.table({name: [row[name] for row in built.catalog] for name in schema.names}, schema=schema), folder / INDICATORS_FILE)
    if built.streamed is not None:
        built.streamed.write_values(folder / VALUES_FILE)
    else:
        _write_values(built.values, folder / VALUES_FILE)
    if built.pois:
        schema = arrow_schema(POIS_FILE)
        pq.write_table(pa.table({name: [row[name] for row in built.pois] for name in schema.names}, schema=schema), folder / POIS_FILE)


def _write_values(values: list[Value], path: Path) -> None:
    values = sorted(values, key=lambda v: (v.indicator_id, v.period, v.area_id))
    table = {
        "area_id": [v.area_id for v in values],
        "indicator_id": [v.indicator_id for v in values],
        "period": [v.period for v in values],
        "value": [v.value for v in values],
        "numerator": [v.numerator for v in values],
        "denominator": [v.denominator for v in values],
    }
    pq.write_table(pa.table(table, schema=arrow_schema(VALUES_FILE)), path, row_group_size=64_000)


def _validated(built: Built, folder: Path, report: ImportReport) -> bool:
    """Write and check the dataset; a valid one gets its record (loaders.validated), so that opening it checks digests, not rows.

    In streamed mode the import's DuckDB database is closed once the values are written, so that its
    memory is free before the check reads the written files.
    """
    write_dataset(built, folder)
    if built.streamed is not None:
        built.streamed.close_database()
    problems = validate_and_record(folder)
    report.errors.extend(problems)
    return not problems


def check_import(spec: ImportSpec, files: Mapping[str, bytes] | None = None, disk: bool = True) -> ImportReport:
    """Dry run: build and validate the dataset in a temporary folder; nothing else is written.

    `files` maps file names to uploaded bytes; they take the place of the files of the same name
    the spec points to. With `disk=False` only uploaded files are read.
    """
    report, built = build(spec, Files(files, disk=disk))
    if built is None:
        return report
    try:
        with tempfile.TemporaryDirectory(prefix="sozialmonitor-check-") as folder:
            _validated(built, Path(folder), report)
    finally:
        built.close()
    return report


def check_uploaded(spec_bytes: bytes, files: Mapping[str, bytes], spec_name: str = "import.toml") -> tuple[ImportSpec | None, ImportReport]:
    """The page's dry run: a spec and its files as uploaded bytes; only uploaded files are read.

    Returns the parsed spec (None when it is unusable) and the report; problems of the spec
    itself are the report's errors.
    """
    try:
        text = spec_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, ImportReport(spec_file=spec_name, errors=[Problem(spec_name, None, "erwartet eine UTF-8-kodierte TOML-Datei", "expected a UTF-8 encoded TOML file")])
    try:
        spec = parse_spec(text, Path("uploads"), spec_name, expand=False)
    except SpecError as error:
        return None, ImportReport(spec_file=spec_name, errors=list(error.problems))
    return spec, check_import(spec, files=files, disk=False)


def run_import(spec: ImportSpec, out: Path | str, files: Mapping[str, bytes] | None = None, lang: str = "de") -> ImportReport:
    """Build, validate and switch the dataset into `out` in one atomic step (loaders.versions); a failure leaves `out` untouched.

    `out` becomes a link to a versioned folder beside it; the switch of old for new is a
    single rename, so a reader or a killed import never finds `out` without a complete
    dataset. The report is saved in the new version (import_report.txt/.json); after a
    failure it is saved beside `out` as `<out>.import-report.txt`.
    """
    out, followed = target_folder(out)
    report, built = build(spec, Files(files))
    if followed is not None:
        report.notes.append(
            Problem(str(followed), None, f"„{followed}“ ist ein Link auf „{out}“: der Datensatz wird dort geschrieben, Zwischenstände daneben",
                    f"'{followed}' is a link to '{out}': the dataset is written there, with its staging folders beside it")
        )
    if built is not None and out.exists() and not out.is_symlink() and not _replaceable(out):
        report.errors.append(
            Problem(str(out), None, "Ordner existiert und ist kein Datensatz (kein dataset.json): wird nicht ersetzt; einen neuen Ordner angeben",
                    "folder exists and is not a dataset (no dataset.json): not replaced; choose a new folder")
        )
        built.close()
        built = None
    if built is None:
        _save_failed(report, out, lang)
        return report
    try:
        with import_lock(out):
            clean_up(out)
            staging = staging_folder(out)
            try:
                valid = _validated(built, staging, report)
            finally:
                built.close()
            if not valid:
                shutil.rmtree(staging, ignore_errors=True)
                _save_failed(report, out, lang)
                return report
            report.output = str(out)
            (staging / REPORT_TEXT).write_text(report.text(lang), encoding="utf-8")
            (staging / REPORT_JSON).write_text(report.to_json() + "\n", encoding="utf-8")
            os.chmod(staging, 0o755)
            if not publish(staging, out):
                report.notes.append(
                    Problem(str(out), None, "dieses System kann einen einfachen Ordner nicht in einem Schritt gegen einen Link tauschen: "
                            "der erste Wechsel geschah in zwei Schritten, alle folgenden sind atomar",
                            "this system cannot exchange a plain folder for a link in one step: the first switch took two steps, "
                            "every later one is atomic")
                )
    except ImportLocked:
        report.errors.append(
            Problem(str(out), None, "in diesen Ordner importiert gerade ein anderer Import: dessen Ende abwarten und dann erneut starten",
                    "another import into this folder is running: wait for it to finish, then start again")
        )
        _save_failed(report, out, lang)
        return report
    failed = out.parent / f"{out.name}.import-report.txt"
    failed.unlink(missing_ok=True)
    return report


def _replaceable(folder: Path) -> bool:
    return folder.is_dir() and ((folder / METADATA_FILE).is_file() or not any(folder.iterdir()))


def _save_failed(report: ImportReport, out: Path, lang: str) -> None:
    """The report of a failed import, beside `out` (written whole, then renamed into place)."""
    target = out.parent / f"{out.name}.import-report.txt"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}")
        partial.write_text(report.text(lang), encoding="utf-8")
        os.replace(partial, target)
    except OSError as error:  # the report is printed anyway; say why it could not also be saved
        print(f"import report not saved next to {out}: {error}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m loaders.importer",
        description="Import a city's CSV/Excel/GeoJSON/shapefile data into a Sozialmonitor dataset (docs/importer.md).",
    )
    parser.add_argument("spec", type=Path, help="the import specification (TOML)")
    parser.add_argument("--out", help="the dataset folder to write (replaced only after a successful import), or s3://bucket/prefix "
                        "to publish it there as a new version (loaders.objectstore)")
    parser.add_argument("--data-root", type=Path, help="folder that relative file paths in the spec start from (default: the spec's folder)")
    parser.add_argument("--check", action="store_true", help="dry run: check everything and print the report, write nothing")
    parser.add_argument("--lang", choices=("de", "en"), default="de", help="language of the report (default: de)")
    parser.add_argument("--show-crs", action="store_true", help="also print the full definition (WKT) of every coordinate system read")
    parser.add_argument("--debug", action="store_true", help="print the traceback of an unexpected error (for a bug report)")
    args = parser.parse_args(argv)
    if not args.check and args.out is None:
        parser.error("--out DIR is required (or --check for a dry run)")
    if args.debug:
        logging.basicConfig(level=logging.DEBUG)
    elif not logging.getLogger().handlers:
        logging.getLogger("loaders").addHandler(logging.NullHandler())  # no traceback on the terminal: the report says it
    try:
        spec = load_spec(args.spec, args.data_root)
    except SpecError as error:
        heading = "Die Spezifikation ist fehlerhaft:" if args.lang == "de" else "The spec has errors:"
        print(heading, file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem.text(args.lang)}", file=sys.stderr)
        return 1
    if args.check:
        report = check_import(spec)
    elif objectstore.is_object_store(args.out):
        return _import_and_publish(spec, args.out, args.lang, args.show_crs)
    else:
        report = run_import(spec, Path(args.out), lang=args.lang)
    print(report.text(args.lang, show_crs=args.show_crs), end="", file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def _import_and_publish(spec: ImportSpec, url: str, lang: str, show_crs: bool) -> int:
    """Import into a temporary folder, then publish it as a new version on object storage; nothing is published after an error."""
    with tempfile.TemporaryDirectory(prefix="sozialmonitor-publish-") as work:
        report = run_import(spec, Path(work) / "dataset", lang=lang)
        if report.ok:
            try:
                version = objectstore.publish(Path(work) / "dataset", url)
            except objectstore.ObjectStoreError as error:
                print(report.text(lang, show_crs=show_crs), end="")
                print(f"{'Nicht veröffentlicht' if lang == 'de' else 'Not published'}: {error}", file=sys.stderr)
                return 1
            report.output = f"{url} (version {version})"
    print(report.text(lang, show_crs=show_crs), end="", file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
