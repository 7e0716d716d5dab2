"""The import specification: a TOML file that says how a city's own files become a dataset.

`load_spec(path)` reads and checks a spec; every mistake becomes a `Problem` naming the spec
file and the key (`tables.index.separator`, `indicators[3].kind`), with what was expected, and
a typo in a key name gets the closest known key suggested. The format is documented in
docs/importer.md.
"""
from __future__ import annotations

import codecs
import os
import re
import string
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.contract import DOMAINS, KINDS, POLARITIES, Problem
from loaders.patterns import SpecPattern, compile_spec_pattern
from loaders.plausibility import GERMANY
from loaders.readers import DEFAULT_MISSING, ENCODINGS, SEPARATORS, NumberFormat
from loaders.report import closest

SPEC_VERSION = 1
ID_PATTERN = re.compile(r"[a-z0-9_]+")
DEFAULT_PERIOD_PATTERN = r"(\d{4})"
LEVEL_ID = re.compile(r"[a-z0-9_]+")
WHEELCHAIR = ("yes", "limited", "no")


class SpecError(Exception):
    """The spec cannot be used; `problems` names each key and what was expected."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.text("en") for p in problems))


@dataclass(frozen=True)
class ReadOptions:
    """How to read one table file (CSV or Excel)."""

    file: str  # as written in the spec
    path: Path  # resolved
    separator: str = "auto"
    encoding: str = "auto"
    sheet: str | None = None
    header_row: int = 1
    header_rows: int = 1
    footer_rows: int = 0
    number: NumberFormat = NumberFormat()


@dataclass(frozen=True)
class TableSpec:
    """A data table: a file, its area id column, its period, wide or long."""

    name: str
    read: ReadOptions
    id: str
    id_pattern: SpecPattern | None = None  # spec patterns are matched with a time limit (loaders.patterns)
    id_width: int | None = None
    name_column: str | None = None
    period_column: str | None = None
    period_fixed: int | None = None
    period_pattern: SpecPattern = SpecPattern(DEFAULT_PERIOD_PATTERN, "period_pattern")
    level: str | None = None  # None: the finest level
    skip_ids: tuple[SpecPattern, ...] = ()  # rows left out; each pattern matches the whole id
    total_ids: tuple[SpecPattern, ...] = ()  # rows holding the city total: compared with the finest level, not imported
    level_ids: tuple[tuple[str, SpecPattern], ...] = ()  # (level, pattern): rows of that level; the group "id" is its area id
    total_tolerance: float = 0.0  # relative deviation from official totals that is only a warning
    indicator_column: str | None = None  # long format
    value_column: str | None = None

    @property
    def is_long(self) -> bool:
        return self.indicator_column is not None


@dataclass(frozen=True)
class Source:
    """Where one indicator's values come from in one table."""

    table: str
    column: tuple[str, ...] = ()  # summed when several
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    columns_by_period: tuple[tuple[int, str], ...] = ()  # wide periods: (year, column)
    key: str = ""  # the spec key path, for messages


@dataclass(frozen=True)
class IndicatorSpec:
    id: str
    catalog: dict[str, Any]  # the catalog row (contract columns except indicator_id)
    sources: tuple[Source, ...]
    key: str  # spec key path

    @property
    def kind(self) -> str:
        return self.catalog["kind"]

    @property
    def scale(self) -> float:
        return self.catalog["scale"]


@dataclass(frozen=True)
class HierarchyLevel:
    level: str
    table: str | None
    id_column: str | None
    id_prefix: int | None
    name_column: str | None
    names: dict[str, str]
    key: str


@dataclass(frozen=True)
class GeometrySpec:
    file: str
    path: Path
    level: str | None  # None: finest
    id_property: str | None  # features match areas by id when given …
    name_property: str | None  # … else by name; with both, the name property names areas that have no name yet
    replace: tuple[tuple[str, str], ...] = ()
    rename: dict[str, str] = field(default_factory=dict)
    crs: str | None = None
    encoding: str = "auto"  # shapefile texts: auto = the .cpg, else the .dbf's code-page byte, else UTF-8, else Windows-1252
    id_width: int | None = None
    key: str = "geometry"


@dataclass(frozen=True)
class PointsSpec:
    file: str
    path: Path
    read: ReadOptions | None  # for CSV/Excel point tables
    category: str | None
    category_column: str | None
    id: str | None
    name: str
    address: str | None
    attributes: tuple[tuple[str, str], ...]
    wheelchair: str | None
    wheelchair_values: dict[str, str]
    lat: str | None
    lon: str | None
    x: str | None
    y: str | None
    crs: str | None
    key: str


@dataclass(frozen=True)
class PlausibilitySpec:
    """Where the city lies, for the checks of loaders.plausibility."""

    extent: tuple[float, float, float, float] = GERMANY  # lon_min, lat_min, lon_max, lat_max (WGS84)
    outline_file: str | None = None  # the city's outline (GeoJSON, shapefile): the finest areas should cover it
    outline_path: Path | None = None
    outline_crs: str | None = None


@dataclass(frozen=True)
class ImportSpec:
    spec_file: str  # display name
    base: Path
    dataset: dict[str, Any]  # the dataset.json contents (contract keys)
    levels: tuple[str, ...]  # coarsest first
    tables: dict[str, TableSpec]
    areas_table: str | None
    hierarchy: tuple[HierarchyLevel, ...]
    geometry: tuple[GeometrySpec, ...]
    indicators: tuple[IndicatorSpec, ...]
    points: tuple[PointsSpec, ...]
    plausibility: PlausibilitySpec = PlausibilitySpec()
    simplify: dict[str, float] = field(default_factory=dict)  # level → map tolerance in metres, where the spec sets one

    @property
    def finest(self) -> str:
        return self.levels[-1]

    def files(self) -> list[Path]:
        """Every file the import reads."""
        found: dict[Path, None] = {}
        for table in self.tables.values():
            found.setdefault(table.read.path)
        for geometry in self.geometry:
            found.setdefault(geometry.path)
        for points in self.points:
            found.setdefault(points.path)
        if self.plausibility.outline_path is not None:
            found.setdefault(self.plausibility.outline_path)
        return list(found)


# --- reading and checking -------------------------------------------------------------------

TOP_KEYS = ("spec_version", "dataset", "tables", "areas", "hierarchy", "geometry", "indicator_defaults", "indicators", "points", "plausibility",
            "simplify")
PLAUSIBILITY_KEYS = ("extent", "outline", "outline_crs")
DATASET_KEYS = ("name", "city", "attribution", "is_demo", "levels", "default", "population_indicator", "geometry_note_de",
                "geometry_note_en", "suppression", "social_index", "targets", "area_types")
READ_KEYS = ("file", "separator", "decimal", "thousands", "encoding", "sheet", "header_row", "header_rows", "footer_rows", "missing", "zero")
TABLE_KEYS = READ_KEYS + ("id", "id_pattern", "id_width", "name", "period", "period_pattern", "level", "skip_ids", "total_ids",
                          "level_ids", "total_tolerance", "indicator_column", "value_column")
CATALOG_KEYS = ("label_de", "label_en", "description_de", "description_en", "domain", "unit_de", "unit_en", "polarity", "kind",
                "scale", "decimals", "source", "licence", "vintage", "sdg", "is_synthetic")
SOURCE_KEYS = ("table", "column", "numerator", "denominator", "columns")
INDICATOR_KEYS = ("id",) + CATALOG_KEYS + SOURCE_KEYS + ("from",)
HIERARCHY_KEYS = ("level", "table", "id", "id_prefix", "name", "names")
GEOMETRY_KEYS = ("file", "level", "id", "name", "rename", "replace", "crs", "encoding", "id_width")
POINT_KEYS = READ_KEYS + ("category", "category_column", "id", "name", "address", "attributes", "wheelchair", "wheelchair_values",
                          "lat", "lon", "x", "y", "crs")
VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class _Checker:
    """Walks the parsed TOML and collects problems with the key path of each."""

    def __init__(self, spec_file: str):
        self.spec_file = spec_file
        self.problems: list[Problem] = []

    def fail(self, key: str, de: str, en: str) -> None:
        self.problems.append(Problem(file=self.spec_file, column=key, expected_de=de, expected_en=en))

    def keys(self, data: dict, allowed: tuple[str, ...], path: str) -> None:
        for key in data:
            if key not in allowed:
                close = closest(key, allowed, n=1)
                hint_de = f" — meinten Sie „{close[0]}“?" if close else ""
                hint_en = f" — did you mean '{close[0]}'?" if close else ""
                self.fail(_join(path, key), f"unbekannter Schlüssel{hint_de} Erlaubt: {', '.join(allowed)}",
                          f"unknown key{hint_en} Allowed: {', '.join(allowed)}")

    def text(self, data: dict, key: str, path: str, required: bool = False, default: str | None = None) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(_join(path, key), "fehlt: erwartet Text", "missing: expected text")
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(_join(path, key), "erwartet nicht-leeren Text in Anführungszeichen", "expected non-empty text in quotes")
            return default
        return value

    def integer(self, data: dict, key: str, path: str, default: int | None = None, minimum: int = 0) -> int | None:
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(_join(path, key), f"erwartet eine ganze Zahl ≥ {minimum}", f"expected a whole number ≥ {minimum}")
            return default
        return value

    def number(self, data: dict, key: str, path: str, default: float) -> float:
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            self.fail(_join(path, key), "erwartet eine Zahl > 0", "expected a number > 0")
            return default
        return float(value)

    def boolean(self, data: dict, key: str, path: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail(_join(path, key), "erwartet true oder false", "expected true or false")
            return default
        return value

    def one_of(self, data: dict, key: str, path: str, allowed: tuple[str, ...], required: bool = True, default: str | None = None) -> str | None:
        value = data.get(key, default)
        if value is None:
            if required:
                self.fail(_join(path, key), f"fehlt: erwartet einen von {', '.join(allowed)}", f"missing: expected one of {', '.join(allowed)}")
            return None
        if value not in allowed:
            close = closest(str(value), allowed, n=1)
            hint_de = f" — meinten Sie „{close[0]}“?" if close else ""
            hint_en = f" — did you mean '{close[0]}'?" if close else ""
            self.fail(_join(path, key), f"„{value}“ unbekannt: erwartet einen von {', '.join(allowed)}{hint_de}",
                      f"'{value}' unknown: expected one of {', '.join(allowed)}{hint_en}")
            return None
        return value

    def names(self, data: dict, key: str, path: str) -> tuple[str, ...]:
        """A column name or a list of column names."""
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str) and value:
            return (value,)
        if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
            return tuple(value)
        self.fail(_join(path, key), "erwartet einen Spaltennamen oder eine Liste von Spaltennamen", "expected a column name or a list of column names")
        return ()

    def table(self, data: dict, key: str, path: str) -> dict:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.fail(_join(path, key), "erwartet eine Tabelle [ … ] bzw. { … }", "expected a table [ … ] or { … }")
            return {}
        return value

    def regex(self, data: dict, key: str, path: str) -> SpecPattern | None:
        value = self.text(data, key, path)
        if value is None:
            return None
        return self.compile(value, _join(path, key))

    def compile(self, pattern: str, key: str) -> SpecPattern | None:
        """A spec pattern, checked for syntax and for shapes that could run without end (loaders.patterns)."""
        try:
            return compile_spec_pattern(pattern, key)
        except re.error as error:
            de, en = regex_error_text(error)
            self.fail(key, f"kein gültiger regulärer Ausdruck: {de}", f"not a valid regular expression: {en}")
        except ValueError as refused:
            de, en = refused.args
            self.fail(key, f"Muster abgelehnt: {de}", f"pattern refused: {en}")
        return None

    def patterns(self, data: dict, key: str, path: str) -> tuple[SpecPattern, ...]:
        """A list of ids or regular expressions, each matching a whole id."""
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(_join(path, key), "erwartet eine Liste von Ids oder Mustern als Text, z. B. [\"000\", '00\\d']",
                      "expected a list of ids or patterns as text, e.g. [\"000\", '00\\d']")
            return ()
        compiled = (self.compile(v, f"{_join(path, key)}[{i}]") for i, v in enumerate(value))
        return tuple(p for p in compiled if p is not None)


# re's messages (English) in our words; the position is given separately
_REGEX_MESSAGES = (
    (("missing )", "unbalanced parenthesis"), "Klammern ( ) passen nicht zusammen", "parentheses ( ) do not match"),
    (("nothing to repeat", "multiple repeat"), "*, + oder ? ohne etwas davor", "*, + or ? with nothing before it"),
    (("unterminated character set",), "[ ohne schließende ]", "[ without a closing ]"),
    (("bad escape",), "unbekanntes Zeichen nach \\", "unknown character after \\"),
    (("missing group name", "bad character in group name", "unknown extension", "missing >", "redefinition of group name", "unknown group name"),
     "Gruppe falsch geschrieben: (?P<id>…) bzw. (?P<name>…)", "group written wrongly: (?P<id>…) or (?P<name>…)"),
)


def regex_error_text(error: re.error) -> tuple[str, str]:
    """A regular-expression error in German and English, with its position."""
    de, en = "Syntaxfehler", "syntax error"
    for prefixes, text_de, text_en in _REGEX_MESSAGES:
        if error.msg.startswith(prefixes):
            de, en = text_de, text_en
            break
    if error.pos is not None:
        return f"{de} (Zeichen {error.pos + 1})", f"{en} (character {error.pos + 1})"
    return de, en


# tomllib's messages (English) in our words; the line and column are given separately
_TOML_MESSAGES = (
    (("Invalid value",), "ungültiger Wert: Text gehört in Anführungszeichen, Zahlen mit Punkt, true/false klein",
     "invalid value: text belongs in quotes, numbers with a point, true/false in lower case"),
    (("Expected '=' after a key",), "nach dem Schlüssel fehlt „=“", "'=' missing after the key"),
    (("Cannot overwrite", "Cannot declare", "Cannot redefine", "Duplicate inline table key", "Cannot mutate"),
     "Schlüssel oder Tabelle doppelt angegeben", "key or table given twice"),
    (("Unterminated string",), "Text ohne schließendes Anführungszeichen", "text without a closing quote"),
    (("Unescaped '\\'", "Escaped character", "Invalid hex value"),
     "ungültiges \\ in einem Text: reguläre Ausdrücke in einfache Anführungszeichen setzen ('\\d+')",
     "invalid \\ inside a text: put regular expressions in single quotes ('\\d+')"),
    (("Unclosed array",), "Liste ohne schließende ]", "list without a closing ]"),
    (("Unclosed inline table",), "{ … } ohne schließende }", "{ … } without a closing }"),
    (("Invalid date",), "ungültiges Datum", "invalid date"),
)


def toml_error_text(error: tomllib.TOMLDecodeError) -> tuple[str, str]:
    """A TOML syntax error in German and English, with its line and column."""
    message = str(error)
    de, en = "Syntaxfehler: erwartet schlüssel = wert, [tabelle] oder [[liste]]", "syntax error: expected key = value, [table] or [[list]]"
    for prefixes, text_de, text_en in _TOML_MESSAGES:
        if message.startswith(prefixes):
            de, en = text_de, text_en
            break
    where = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if where:
        return f"Zeile {where.group(1)}, Spalte {where.group(2)}: {de}", f"line {where.group(1)}, column {where.group(2)}: {en}"
    if "end of document" in message:
        return f"am Dateiende: {de}", f"at the end of the file: {en}"
    return de, en


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def resolve_path(text: str, base: Path, expand: bool = True) -> Path:
    """A spec path: `${VAR}` from the environment, `~` expanded, relative to `base`.

    With `expand=False` (uploads) the path is taken as written: only its file name matters.
    """
    if not expand:
        return base / text

    def variable(match: re.Match) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise KeyError(name)
        return os.environ[name]

    expanded = os.path.expanduser(VAR.sub(variable, text))
    path = Path(expanded)
    return path if path.is_absolute() else (base / path)


def load_spec(path: Path | str, data_root: Path | str | None = None) -> ImportSpec:
    """Read and check a spec file; relative paths resolve against `data_root` (default: the spec's folder)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SpecError([Problem(str(path), None, "Spezifikation nicht gefunden", "spec file not found")]) from None
    except UnicodeDecodeError:
        raise SpecError([Problem(str(path), None, "erwartet eine UTF-8-kodierte TOML-Datei", "expected a UTF-8 encoded TOML file")]) from None
    return parse_spec(text, Path(data_root) if data_root is not None else path.resolve().parent, spec_file=path.name)


def parse_spec(text: str, base: Path, spec_file: str = "spec.toml", expand: bool = True) -> ImportSpec:
    """Check a spec given as TOML text; relative file paths resolve against `base`.

    `expand=False` leaves `${VAR}` and `~` in file paths alone: for uploaded files, matched by name.
    """
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        de, en = toml_error_text(error)
        raise SpecError([Problem(spec_file, None, f"kein gültiges TOML, {de}", f"not valid TOML, {en}")]) from None
    check = _Checker(spec_file)
    check.keys(raw, TOP_KEYS, "")
    version = raw.get("spec_version", SPEC_VERSION)
    if version != SPEC_VERSION:
        check.fail("spec_version", f"erwartet {SPEC_VERSION}", f"expected {SPEC_VERSION}")

    dataset, levels = _dataset(check, raw)
    defaults = check.table(raw, "indicator_defaults", "")
    check.keys(defaults, CATALOG_KEYS, "indicator_defaults")

    def file_path(data: dict, key: str, path: str) -> tuple[str, Path] | None:
        value = check.text(data, key, path, required=True)
        if value is None:
            return None
        try:
            return value, resolve_path(value, base, expand)
        except KeyError as error:
            check.fail(_join(path, key), f"Umgebungsvariable {error.args[0]} ist nicht gesetzt", f"environment variable {error.args[0]} is not set")
            return None

    def read_options(data: dict, path: str, located: tuple[str, Path]) -> ReadOptions:
        separator = data.get("separator", "auto")
        if separator == "\\t":
            separator = "\t"
        if separator not in ("auto", *SEPARATORS):
            check.fail(_join(path, "separator"), 'erwartet "auto", ";", ",", "\\t" oder "|"', 'expected "auto", ";", ",", "\\t" or "|"')
            separator = "auto"
        decimal = check.one_of(data, "decimal", path, (",", "."), required=False, default=",") or ","
        thousands = data.get("thousands", [])
        if isinstance(thousands, str):
            thousands = [thousands]
        if not isinstance(thousands, list) or not all(isinstance(t, str) and len(t) == 1 for t in thousands) or decimal in thousands:
            check.fail(_join(path, "thousands"), "erwartet eine Liste einzelner Zeichen ohne das Dezimalzeichen, z. B. [\".\", \" \"]",
                       "expected a list of single characters other than the decimal mark, e.g. [\".\", \" \"]")
            thousands = []
        missing = data.get("missing", [])
        if isinstance(missing, str):
            missing = [missing]
        if not isinstance(missing, list) or not all(isinstance(m, (str, int, float)) and not isinstance(m, bool) for m in missing):
            check.fail(_join(path, "missing"), 'erwartet eine Liste von Markierungen, z. B. [".", "-9999"]', 'expected a list of markers, e.g. [".", "-9999"]')
            missing = []
        zero = data.get("zero", [])
        if isinstance(zero, str):
            zero = [zero]
        if not isinstance(zero, list) or not all(isinstance(z, str) and z for z in zero):
            check.fail(_join(path, "zero"), 'erwartet eine Liste von Markierungen für „nichts vorhanden“, z. B. ["-"]',
                       'expected a list of markers meaning "nothing", e.g. ["-"]')
            zero = []
        encoding = str(data.get("encoding", "auto")).lower()
        if encoding not in ENCODINGS:
            check.fail(_join(path, "encoding"), f"erwartet eine von {', '.join(sorted(ENCODINGS))}", f"expected one of {', '.join(sorted(ENCODINGS))}")
            encoding = "auto"
        return ReadOptions(
            file=located[0],
            path=located[1],
            separator=separator,
            encoding=encoding,
            sheet=check.text(data, "sheet", path),
            header_row=check.integer(data, "header_row", path, 1, minimum=1),
            header_rows=check.integer(data, "header_rows", path, 1, minimum=1),
            footer_rows=check.integer(data, "footer_rows", path, 0),
            number=NumberFormat(
                decimal=decimal,
                thousands=tuple(thousands),
                missing=tuple(m for m in dict.fromkeys([*DEFAULT_MISSING, *(str(m) for m in missing)]) if m not in zero),
                zero=tuple(zero),
            ),
        )

    # tables
    tables: dict[str, TableSpec] = {}
    raw_tables = check.table(raw, "tables", "")
    if not raw_tables:
        check.fail("tables", "mindestens eine Datentabelle [tables.NAME] mit file = …", "at least one data table [tables.NAME] with file = …")
    for name, data in raw_tables.items():
        path = f"tables.{name}"
        if not isinstance(data, dict):
            check.fail(path, "erwartet eine Tabelle [tables.NAME]", "expected a table [tables.NAME]")
            continue
        check.keys(data, TABLE_KEYS, path)
        located = file_path(data, "file", path)
        id_column = check.text(data, "id", path, required=True)
        if located is None or id_column is None:
            continue
        period = data.get("period")
        period_column = period_fixed = None
        if isinstance(period, str) and period:
            period_column = period
        elif isinstance(period, int) and not isinstance(period, bool) and 1000 <= period <= 9999:
            period_fixed = period
        elif period is not None:
            check.fail(_join(path, "period"), "erwartet den Namen der Zeitspalte oder eine Jahreszahl (z. B. 2020)",
                       "expected the name of the period column or a year (e.g. 2020)")
        pattern = check.regex(data, "period_pattern", path) or SpecPattern(DEFAULT_PERIOD_PATTERN, _join(path, "period_pattern"))
        if pattern.groups < 1:
            check.fail(_join(path, "period_pattern"), "erwartet eine Gruppe ( … ) um die Jahreszahl", "expected a group ( … ) around the year")
        id_pattern = check.regex(data, "id_pattern", path)
        if id_pattern is not None and "id" not in id_pattern.groupindex:
            check.fail(_join(path, "id_pattern"), "erwartet eine benannte Gruppe (?P<id>…), optional (?P<name>…)",
                       "expected a named group (?P<id>…), optionally (?P<name>…)")
        skip = check.patterns(data, "skip_ids", path)
        totals = check.patterns(data, "total_ids", path)
        level_ids: list[tuple[str, SpecPattern]] = []
        for level_id, level_pattern in check.table(data, "level_ids", path).items():
            key = f"{_join(path, 'level_ids')}.{level_id}"
            if level_id not in levels:
                check.fail(key, f"unbekannte Ebene: erwartet eine von {', '.join(levels)}", f"unknown level: expected one of {', '.join(levels)}")
            elif not isinstance(level_pattern, str) or not level_pattern:
                check.fail(key, "erwartet ein Muster als Text, z. B. '00(?P<id>\\d)'", "expected a pattern as text, e.g. '00(?P<id>\\d)'")
            elif (compiled := check.compile(level_pattern, key)) is not None:
                level_ids.append((level_id, compiled))
        tolerance = data.get("total_tolerance", 0.0)
        if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 <= tolerance < 1:
            check.fail(_join(path, "total_tolerance"), "erwartet einen Anteil zwischen 0 und 1, z. B. 0.01 für 1 %", "expected a fraction between 0 and 1, e.g. 0.01 for 1 %")
            tolerance = 0.0
        indicator_column = check.text(data, "indicator_column", path)
        value_column = check.text(data, "value_column", path)
        if (indicator_column is None) != (value_column is None):
            check.fail(path, "Langformat braucht indicator_column und value_column", "long format needs both indicator_column and value_column")
        level = data.get("level")
        if level is not None and level not in levels:
            check.fail(_join(path, "level"), f"erwartet eine der Ebenen {', '.join(levels)}", f"expected one of the levels {', '.join(levels)}")
        tables[name] = TableSpec(
            name=name,
            read=read_options(data, path, located),
            id=id_column,
            id_pattern=id_pattern,
            id_width=check.integer(data, "id_width", path, None, minimum=1),
            name_column=check.text(data, "name", path),
            period_column=period_column,
            period_fixed=period_fixed,
            period_pattern=pattern,
            level=level,
            skip_ids=skip,
            total_ids=totals,
            level_ids=tuple(level_ids),
            total_tolerance=float(tolerance),
            indicator_column=indicator_column,
            value_column=value_column,
        )

    # areas
    areas = check.table(raw, "areas", "")
    check.keys(areas, ("table",), "areas")
    areas_table = check.text(areas, "table", "areas")
    if areas_table is not None and areas_table not in raw_tables:
        check.fail("areas.table", f"unbekannte Tabelle: erwartet eine von {', '.join(raw_tables)}", f"unknown table: expected one of {', '.join(raw_tables)}")

    hierarchy = _hierarchy(check, raw, levels, raw_tables)
    geometry = _geometry(check, raw, levels, file_path)
    indicators = _indicators(check, raw, defaults, raw_tables, tables)
    points = _points(check, raw, file_path, read_options)
    plausibility = _plausibility(check, raw, file_path)
    simplify = _simplify(check, raw, levels)

    known = {indicator.id for indicator in indicators}
    for key in ("population_indicator",):
        if dataset.get(key) is not None and dataset[key] not in known:
            check.fail(f"dataset.{key}", f"unbekannter Indikator „{dataset[key]}“", f"unknown indicator '{dataset[key]}'")
    default = dataset.get("default") or {}
    if isinstance(default, dict) and default.get("indicator") is not None and default["indicator"] not in known:
        check.fail("dataset.default.indicator", f"unbekannter Indikator „{default['indicator']}“", f"unknown indicator '{default['indicator']}'")
    if isinstance(dataset.get("social_index"), dict):
        _check_social_index(check, dataset, indicators, levels)

    if check.problems:
        raise SpecError(list(dict.fromkeys(check.problems)))
    return ImportSpec(
        spec_file=spec_file,
        base=base,
        dataset=dataset,
        levels=levels,
        tables=tables,
        areas_table=areas_table,
        hierarchy=hierarchy,
        geometry=geometry,
        indicators=tuple(indicators),
        points=tuple(points),
        plausibility=plausibility,
        simplify=simplify,
    )


def _plausibility(check: _Checker, raw: dict, file_path) -> PlausibilitySpec:
    """`[plausibility]`: the region the city lies in (default Germany) and its outline."""
    data = check.table(raw, "plausibility", "")
    check.keys(data, PLAUSIBILITY_KEYS, "plausibility")
    extent = data.get("extent", list(GERMANY))
    valid = (isinstance(extent, list) and len(extent) == 4 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in extent)
             and -180 <= extent[0] < extent[2] <= 180 and -90 <= extent[1] < extent[3] <= 90)
    if not valid:
        check.fail("plausibility.extent", "erwartet [Länge min, Breite min, Länge max, Breite max] in Grad (WGS84), z. B. [9.7, 53.3, 10.4, 53.8]",
                   "expected [lon min, lat min, lon max, lat max] in degrees (WGS84), e.g. [9.7, 53.3, 10.4, 53.8]")
        extent = list(GERMANY)
    located = file_path(data, "outline", "plausibility") if "outline" in data else None
    return PlausibilitySpec(
        extent=tuple(float(v) for v in extent),
        outline_file=located[0] if located else None,
        outline_path=located[1] if located else None,
        outline_crs=check.text(data, "outline_crs", "plausibility"),
    )


def _simplify(check: _Checker, raw: dict, levels: tuple[str, ...]) -> dict[str, float]:
    """`[simplify]`: the map geometry's tolerance in metres per level (0 = the exact outline);
    levels not named get the default (loaders.geodata.default_map_tolerance)."""
    data = check.table(raw, "simplify", "")
    out: dict[str, float] = {}
    for level, tolerance in data.items():
        if levels and level not in levels:
            check.fail(f"simplify.{level}", f"unbekannte Ebene: erwartet eine der Ebenen {', '.join(levels)}",
                       f"unknown level: expected one of the levels {', '.join(levels)}")
        elif isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 <= tolerance < float("inf"):
            check.fail(f"simplify.{level}", f"erwartet eine Zahl ≥ 0 in Metern (0 = genaue Grenze), z. B. {level} = 20; gefunden: {tolerance!r}",
                       f"expected a number ≥ 0 in metres (0 = the exact outline), e.g. {level} = 20; found: {tolerance!r}")
        else:
            out[level] = float(tolerance)
    return out


def _dataset(check: _Checker, raw: dict) -> tuple[dict[str, Any], tuple[str, ...]]:
    data = check.table(raw, "dataset", "")
    if not data:
        check.fail("dataset", "fehlt: [dataset] mit name, city, attribution, levels, default", "missing: [dataset] with name, city, attribution, levels, default")
    check.keys(data, DATASET_KEYS, "dataset")
    out: dict[str, Any] = {"contract_version": 1}
    for key in ("name", "city", "attribution"):
        out[key] = check.text(data, key, "dataset", required=bool(data))
    out["is_demo"] = check.boolean(data, "is_demo", "dataset", False)
    levels: list[str] = []
    raw_levels = data.get("levels")
    if data and (not isinstance(raw_levels, list) or not raw_levels):
        check.fail("dataset.levels", "erwartet [[dataset.levels]] mit id, label_de, label_en — gröbste Ebene zuerst",
                   "expected [[dataset.levels]] with id, label_de, label_en — coarsest level first")
        raw_levels = []
    out["levels"] = []
    for index, level in enumerate(raw_levels or []):
        path = f"dataset.levels[{index}]"
        if not isinstance(level, dict):
            check.fail(path, "erwartet id, label_de, label_en", "expected id, label_de, label_en")
            continue
        check.keys(level, ("id", "label_de", "label_en", "plural_de", "plural_en"), path)
        level_id = check.text(level, "id", path, required=True)
        if level_id is not None and not LEVEL_ID.fullmatch(level_id):
            check.fail(f"{path}.id", "nur Kleinbuchstaben, Ziffern und _", "only lower-case letters, digits and _")
        entry = {"id": level_id, "label_de": check.text(level, "label_de", path, required=True), "label_en": check.text(level, "label_en", path, required=True)}
        for plural in ("plural_de", "plural_en"):
            if check.text(level, plural, path) is not None:
                entry[plural] = level[plural]
        out["levels"].append(entry)
        if level_id:
            if level_id in levels:
                check.fail(f"{path}.id", "jede Ebene nur einmal", "each level only once")
            levels.append(level_id)
    default = check.table(data, "default", "dataset")
    if data:
        check.keys(default, ("indicator", "period", "level"), "dataset.default")
        if not isinstance(default.get("indicator"), str):
            check.fail("dataset.default.indicator", "erwartet eine Indikator-id", "expected an indicator id")
        if isinstance(default.get("period"), bool) or not isinstance(default.get("period"), int):
            check.fail("dataset.default.period", "erwartet eine Jahreszahl", "expected a year")
        if levels and default.get("level") not in levels:
            check.fail("dataset.default.level", f"erwartet eine der Ebenen {', '.join(levels)}", f"expected one of the levels {', '.join(levels)}")
    out["default"] = dict(default)
    for key in ("population_indicator", "geometry_note_de", "geometry_note_en"):
        value = check.text(data, key, "dataset")
        if value is not None:
            out[key] = value
    if "suppression" in data:
        suppression = check.table(data, "suppression", "dataset")
        check.keys(suppression, ("min_count", "min_denominator"), "dataset.suppression")
        out["suppression"] = {k: check.integer(suppression, k, "dataset.suppression", d) for k, d in (("min_count", 3), ("min_denominator", 10))}
    if "social_index" in data:
        out["social_index"] = check.table(data, "social_index", "dataset")
    if "area_types" in data:  # checked by the contract once the dataset is written
        out["area_types"] = check.table(data, "area_types", "dataset")
    if "targets" in data:  # checked in full by the contract (docs/targets.md) once the dataset is written
        targets = data["targets"]
        if isinstance(targets, list) and all(isinstance(item, dict) for item in targets):
            out["targets"] = [dict(item) for item in targets]
        else:
            check.fail("dataset.targets", "erwartet [[dataset.targets]]-Einträge (siehe docs/targets.md)",
                       "expected [[dataset.targets]] entries (see docs/targets.md)")
    return out, tuple(levels)


def _check_social_index(check: _Checker, dataset: dict, indicators: list[IndicatorSpec], levels: tuple[str, ...]) -> None:
    """Check the social-index table with the metrics module's own reader, where it exists."""
    try:
        from metrics.social_index import SocialIndexConfig
    except ImportError:
        return
    polarity = {i.id: i.catalog["polarity"] for i in indicators}
    try:
        config = SocialIndexConfig.from_dict(dataset["social_index"], polarity=polarity, population_indicator=dataset.get("population_indicator"))
    except ValueError as error:
        check.fail("dataset.social_index", str(error), str(error))
        return
    known = set(polarity)
    named = (*config.status_indicators, *config.dynamics_indicators, config.population_indicator, *getattr(config, "dynamics_from_levels", {}).values())
    unknown = [i for i in dict.fromkeys(named) if i not in known and i not in getattr(config, "dynamics_from_levels", {})]
    if unknown:
        check.fail("dataset.social_index", f"unbekannte Indikatoren: {', '.join(unknown)}", f"unknown indicators: {', '.join(unknown)}")
    level = getattr(config, "level", None)
    if level is not None and level not in levels:
        check.fail("dataset.social_index.level", f"erwartet eine der Ebenen {', '.join(levels)}", f"expected one of the levels {', '.join(levels)}")


def _hierarchy(check: _Checker, raw: dict, levels: tuple[str, ...], raw_tables: dict) -> tuple[HierarchyLevel, ...]:
    items = raw.get("hierarchy", [])
    if not isinstance(items, list):
        check.fail("hierarchy", "erwartet [[hierarchy]]-Einträge, einen je gröberer Ebene", "expected [[hierarchy]] entries, one per coarser level")
        return ()
    out = []
    for index, data in enumerate(items):
        path = f"hierarchy[{index}]"
        if not isinstance(data, dict):
            check.fail(path, "erwartet eine Tabelle", "expected a table")
            continue
        check.keys(data, HIERARCHY_KEYS, path)
        level = check.one_of(data, "level", path, levels[:-1] or ("—",))
        table = check.text(data, "table", path)
        if table is not None and table not in raw_tables:
            check.fail(f"{path}.table", f"unbekannte Tabelle: erwartet eine von {', '.join(raw_tables)}", f"unknown table: expected one of {', '.join(raw_tables)}")
        id_column = check.text(data, "id", path)
        id_prefix = check.integer(data, "id_prefix", path, None, minimum=1)
        if (id_column is None) == (id_prefix is None):
            check.fail(path, "erwartet genau eines von id (Spalte) oder id_prefix (Anzahl Zeichen der feinsten Id)",
                       "expected exactly one of id (a column) or id_prefix (number of leading characters of the finest id)")
        if id_column is not None and table is None:
            check.fail(f"{path}.table", "id braucht table = … (die Zuordnungstabelle)", "id needs table = … (the lookup table)")
        name_column = check.text(data, "name", path)
        if name_column is not None and table is None:
            check.fail(f"{path}.table", "name braucht table = … (die Zuordnungstabelle)", "name needs table = … (the lookup table)")
        names = check.table(data, "names", path)
        if not all(isinstance(v, str) for v in names.values()):
            check.fail(f"{path}.names", 'erwartet { "01" = "Mitte", … }', 'expected { "01" = "Mitte", … }')
            names = {}
        if level is not None:
            out.append(HierarchyLevel(level, table, id_column, id_prefix, name_column, dict(names), path))
    given = [h.level for h in out]
    for level in levels[:-1]:
        if given.count(level) != 1 and not check.problems:
            check.fail("hierarchy", f"Ebene „{level}“: erwartet genau einen [[hierarchy]]-Eintrag", f"level '{level}': expected exactly one [[hierarchy]] entry")
    order = {level: i for i, level in enumerate(levels)}
    return tuple(sorted(out, key=lambda h: order.get(h.level, 0)))


def _geometry(check: _Checker, raw: dict, levels: tuple[str, ...], file_path) -> tuple[GeometrySpec, ...]:
    items = raw.get("geometry", [])
    if isinstance(items, dict):
        items = [items]
        paths = ["geometry"]
    elif isinstance(items, list):
        paths = [f"geometry[{i}]" for i in range(len(items))]
    else:
        check.fail("geometry", "erwartet [geometry] oder [[geometry]]", "expected [geometry] or [[geometry]]")
        return ()
    out = []
    for path, data in zip(paths, items):
        if not isinstance(data, dict):
            check.fail(path, "erwartet eine Tabelle", "expected a table")
            continue
        check.keys(data, GEOMETRY_KEYS, path)
        located = file_path(data, "file", path)
        level = data.get("level")
        if level is not None and level not in levels:
            check.fail(f"{path}.level", f"erwartet eine der Ebenen {', '.join(levels)}", f"expected one of the levels {', '.join(levels)}")
        id_property = check.text(data, "id", path)
        name_property = check.text(data, "name", path)
        if id_property is None and name_property is None:
            check.fail(path, "erwartet id = \"Eigenschaft mit der Gebiets-Id\" oder name = \"Eigenschaft mit dem Gebietsnamen\" (oder beide)",
                       "expected id = \"property holding the area id\" or name = \"property holding the area name\" (or both)")
        encoding = check.text(data, "encoding", path, default="auto") or "auto"
        if encoding != "auto":
            try:
                codecs.lookup(encoding)
            except LookupError:
                check.fail(f"{path}.encoding", f"unbekannte Kodierung „{encoding}“: erwartet z. B. \"utf-8\", \"cp1252\" oder \"auto\"",
                           f"unknown encoding '{encoding}': expected e.g. \"utf-8\", \"cp1252\" or \"auto\"")
                encoding = "auto"
        replace = check.table(data, "replace", path)
        if not all(isinstance(v, str) for v in replace.values()):
            check.fail(f"{path}.replace", 'erwartet { "Sankt " = "St. " }', 'expected { "Sankt " = "St. " }')
            replace = {}
        rename = check.table(data, "rename", path)
        if not all(isinstance(v, str) for v in rename.values()):
            check.fail(f"{path}.rename", 'erwartet { "St.Pauli" = "St. Pauli" } (ganzer Wert → Gebiets-Id oder -Name)',
                       'expected { "St.Pauli" = "St. Pauli" } (whole value → area id or name)')
            rename = {}
        if located is not None:
            out.append(
                GeometrySpec(
                    file=located[0],
                    path=located[1],
                    level=level,
                    id_property=id_property,
                    name_property=name_property,
                    replace=tuple(replace.items()),
                    rename=dict(rename),
                    crs=check.text(data, "crs", path),
                    encoding=encoding,
                    id_width=check.integer(data, "id_width", path, None, minimum=1),
                    key=path,
                )
            )
    return tuple(out)


def _source(check: _Checker, data: dict, path: str, raw_tables: dict, tables: dict[str, TableSpec]) -> Source | None:
    table = check.text(data, "table", path, required=True)
    if table is None:
        return None
    if table not in raw_tables:
        check.fail(f"{path}.table", f"unbekannte Tabelle „{table}“: erwartet eine von {', '.join(raw_tables)}",
                   f"unknown table '{table}': expected one of {', '.join(raw_tables)}")
        return None
    column = check.names(data, "column", path)
    numerator = check.names(data, "numerator", path)
    denominator = check.names(data, "denominator", path)
    by_period_raw = check.table(data, "columns", path)
    by_period: list[tuple[int, str]] = []
    for year, name in by_period_raw.items():
        if not (str(year).isdigit() and len(str(year)) == 4 and isinstance(name, str)):
            check.fail(f"{path}.columns", 'erwartet { 2020 = "Spalte 2020", 2021 = "Spalte 2021" }', 'expected { 2020 = "column 2020", 2021 = "column 2021" }')
            break
        by_period.append((int(year), name))
    ways = sum(bool(x) for x in (column, numerator or denominator, by_period))
    if ways != 1:
        check.fail(path, "erwartet genau eines: column = …, numerator = … mit denominator = …, oder columns = { Jahr = Spalte }",
                   "expected exactly one of: column = …, numerator = … with denominator = …, or columns = { year = column }")
        return None
    if bool(numerator) != bool(denominator):
        check.fail(path, "numerator und denominator nur gemeinsam", "numerator and denominator only together")
        return None
    spec = tables.get(table)
    if spec is not None and by_period and (spec.period_column or spec.period_fixed):
        check.fail(f"{path}.columns", f"Tabelle {table} hat schon period = …: column = … statt columns = {{ Jahr = Spalte }}",
                   f"table {table} already has period = …: use column = … instead of columns = {{ year = column }}")
    if spec is not None and not by_period and not (spec.period_column or spec.period_fixed):
        check.fail(f"tables.{table}.period", "fehlt: erwartet den Namen der Zeitspalte oder eine Jahreszahl (z. B. period = 2020)",
                   "missing: expected the name of the period column or a year (e.g. period = 2020)")
    return Source(table=table, column=column, numerator=numerator, denominator=denominator, columns_by_period=tuple(by_period), key=path)


def _indicators(check: _Checker, raw: dict, defaults: dict, raw_tables: dict, tables: dict[str, TableSpec]) -> list[IndicatorSpec]:
    items = raw.get("indicators", [])
    if not isinstance(items, list) or not items:
        check.fail("indicators", "erwartet mindestens einen [[indicators]]-Eintrag", "expected at least one [[indicators]] entry")
        return []
    out: list[IndicatorSpec] = []
    seen: set[str] = set()
    for index, data in enumerate(items):
        path = f"indicators[{index}]"
        if not isinstance(data, dict):
            check.fail(path, "erwartet eine Tabelle", "expected a table")
            continue
        check.keys(data, INDICATOR_KEYS, path)
        indicator_id = check.text(data, "id", path, required=True)
        if indicator_id is not None:
            path = f"indicators[{index}] ({indicator_id})"
            if not ID_PATTERN.fullmatch(indicator_id):
                check.fail(f"{path}.id", "nur Kleinbuchstaben, Ziffern und _ (z. B. anteil_u18)", "only lower-case letters, digits and _ (e.g. share_u18)")
            if indicator_id in seen:
                check.fail(f"{path}.id", "jede Indikator-id nur einmal", "each indicator id only once")
            seen.add(indicator_id)
        merged = {**defaults, **{k: v for k, v in data.items() if k in CATALOG_KEYS}}
        kind = check.one_of(merged, "kind", path, KINDS)
        catalog: dict[str, Any] = {
            "label_de": check.text(merged, "label_de", path, required=True),
            "label_en": check.text(merged, "label_en", path, required=True),
            "description_de": check.text(merged, "description_de", path, default="") or "",
            "description_en": check.text(merged, "description_en", path, default="") or "",
            "domain": check.one_of(merged, "domain", path, DOMAINS),
            "unit_de": check.text(merged, "unit_de", path, required=kind not in ("share", "count"), default=_unit(kind, "de")),
            "unit_en": check.text(merged, "unit_en", path, required=kind not in ("share", "count"), default=_unit(kind, "en")),
            "polarity": check.one_of(merged, "polarity", path, POLARITIES),
            "kind": kind,
            "scale": check.number(merged, "scale", path, 100.0 if kind == "share" else 1.0),
            "decimals": check.integer(merged, "decimals", path, 0 if kind == "count" else 1),
            "source": check.text(merged, "source", path, required=True),
            "licence": check.text(merged, "licence", path, required=True),
            "vintage": check.text(merged, "vintage", path, default="") or "",
            "sdg": str(merged.get("sdg", "")),
            "is_synthetic": check.boolean(merged, "is_synthetic", path, False),
        }
        if kind == "rate" and "scale" not in merged:
            check.fail(f"{path}.scale", "eine Rate braucht scale (z. B. 1000 für „je 1.000 EW“)", "a rate needs a scale (e.g. 1000 for 'per 1,000 residents')")
        if catalog["decimals"] is not None and catalog["decimals"] > 6:
            check.fail(f"{path}.decimals", "erwartet 0 bis 6", "expected 0 to 6")
        sources: list[Source] = []
        if "from" in data:
            if any(k in data for k in SOURCE_KEYS):
                check.fail(path, "entweder from = [ … ] oder table/column, nicht beides", "either from = [ … ] or table/column, not both")
            items_from = data["from"]
            if not isinstance(items_from, list) or not items_from or not all(isinstance(x, dict) for x in items_from):
                check.fail(f"{path}.from", 'erwartet [ { table = "…", column = "…" }, … ]', 'expected [ { table = "…", column = "…" }, … ]')
                items_from = []
            for position, item in enumerate(items_from):
                check.keys(item, SOURCE_KEYS, f"{path}.from[{position}]")
                found = _source(check, item, f"{path}.from[{position}]", raw_tables, tables)
                if found:
                    sources.append(found)
        else:
            found = _source(check, data, path, raw_tables, tables)
            if found:
                sources.append(found)
        for source in sources:
            if source.numerator and kind not in ("share", "rate", "mean", "balance"):
                check.fail(f"{source.key}.numerator", "Zähler/Nenner nur für kind share, rate, mean oder balance", "numerator/denominator only for kind share, rate, mean or balance")
        if indicator_id is not None and kind is not None:
            out.append(IndicatorSpec(indicator_id, catalog, tuple(sources), path))
    return out


def template_parts(template: str) -> list[tuple[str, str | None]]:
    """An address template as (text, field) pairs: only plain field names, `{{` and `}}` for braces.

    ValueError(de, en) for anything str.format would do beyond naming a field — a format
    spec (`{Adresse:>300000000}` pads to 300 MB), a conversion (`!r`) or attribute and index
    access (`{a.b}`, `{a[0]}`) — so filling it can never allocate more than the cells hold.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        raise ValueError("{ und } passen nicht zusammen (eine geschweifte Klammer als Text: {{ bzw. }})",
                         "{ and } do not match (a brace as text: {{ or }})") from None
    parts: list[tuple[str, str | None]] = []
    for text, name, format_spec, conversion in parsed:
        if name is not None and (format_spec or conversion or any(c in name for c in ".[]") or not name.strip()):
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{format_spec}" if format_spec else "") + "}"
            raise ValueError(f"nur Spaltennamen in {{ }} erlaubt, ohne Formatangabe (:…), Umwandlung (!…), Punkt oder [ ]: „{shown[:60]}“",
                             f"only column names are allowed in {{ }}, without a format spec (:…), conversion (!…), dot or [ ]: '{shown[:60]}'")
        parts.append((text, name))
    return parts


def _address(check: _Checker, data: dict, path: str) -> str | None:
    """The address column or template, its fields checked (template_parts)."""
    address = check.text(data, "address", path)
    if address is not None and "{" in address:
        try:
            template_parts(address)
        except ValueError as error:
            de, en = error.args
            check.fail(_join(path, "address"), f"ungültige Adressvorlage: {de}", f"invalid address template: {en}")
            return None
    return address


def _unit(kind: str | None, lang: str) -> str | None:
    if kind == "share":
        return "%"
    if kind == "count":
        return "Anzahl" if lang == "de" else "number"
    return None


def _points(check: _Checker, raw: dict, file_path, read_options) -> list[PointsSpec]:
    items = raw.get("points", [])
    if not isinstance(items, list):
        check.fail("points", "erwartet [[points]]-Einträge", "expected [[points]] entries")
        return []
    out = []
    for index, data in enumerate(items):
        path = f"points[{index}]"
        if not isinstance(data, dict):
            check.fail(path, "erwartet eine Tabelle", "expected a table")
            continue
        check.keys(data, POINT_KEYS, path)
        located = file_path(data, "file", path)
        category = check.text(data, "category", path)
        category_column = check.text(data, "category_column", path)
        if (category is None) == (category_column is None):
            check.fail(path, "erwartet genau eines: category = \"…\" (fest) oder category_column = \"Spalte\"",
                       "expected exactly one: category = \"…\" (fixed) or category_column = \"column\"")
        if category is not None and not ID_PATTERN.fullmatch(category):
            check.fail(f"{path}.category", "nur Kleinbuchstaben, Ziffern und _ (z. B. jugendfreizeit)", "only lower-case letters, digits and _ (e.g. youth_centre)")
        attributes = check.table(data, "attributes", path)
        if not all(isinstance(v, str) for v in attributes.values()):
            check.fail(f"{path}.attributes", 'erwartet { plaetze = "platzzahl", … } (Attribut = Spalte)', 'expected { places = "platzzahl", … } (attribute = column)')
            attributes = {}
        wheelchair_values = check.table(data, "wheelchair_values", path)
        if any(v not in WHEELCHAIR for v in wheelchair_values.values()):
            check.fail(f"{path}.wheelchair_values", 'erwartet { "ja" = "yes", "teilweise" = "limited", "nein" = "no" }',
                       'expected { "ja" = "yes", "teilweise" = "limited", "nein" = "no" }')
            wheelchair_values = {}
        lat, lon, x, y = (check.text(data, k, path) for k in ("lat", "lon", "x", "y"))
        if located is None:
            continue
        is_table = located[1].suffix.lower() in (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
        if is_table and not ((lat and lon) or (x and y)):
            check.fail(path, "eine Tabelle braucht lat = … und lon = … (WGS84) oder x = …, y = … mit crs = …",
                       "a table needs lat = … and lon = … (WGS84) or x = …, y = … with crs = …")
        if x and y and not data.get("crs"):
            check.fail(f"{path}.crs", "x/y brauchen crs = \"EPSG:…\"", "x/y need crs = \"EPSG:…\"")
        out.append(
            PointsSpec(
                file=located[0],
                path=located[1],
                read=read_options(data, path, located) if is_table else None,
                category=category,
                category_column=category_column,
                id=check.text(data, "id", path),
                name=check.text(data, "name", path, required=True) or "",
                address=_address(check, data, path),
                attributes=tuple(attributes.items()),
                wheelchair=check.text(data, "wheelchair", path),
                wheelchair_values=dict(wheelchair_values),
                lat=lat,
                lon=lon,
                x=x,
                y=y,
                crs=check.text(data, "crs", path),
                key=path,
            )
        )
    return out
