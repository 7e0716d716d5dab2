"""The dataset contract (docs/data-contract.md) in code: file names, schemas, metadata and validation.

`validate_dataset(folder)` returns every problem it finds; each names the file, the column,
the offending rows (1-based data rows) with their values, and what was expected. Row-level
checks run as DuckDB queries over the Parquet files, so a large values table is never loaded
into memory to be checked.
"""
from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pyproj
import shapely

from loaders.db import cursor
from views.i18n import data_language, data_text

CONTRACT_VERSION = 1
METADATA_FILE = "dataset.json"
AREAS_FILE = "areas.parquet"
INDICATORS_FILE = "indicators.parquet"
VALUES_FILE = "values.parquet"
POIS_FILE = "pois.parquet"
ADDRESSES_FILE = "addresses.parquet"

DOMAINS = (
    "demografie",
    "bildung",
    "einkommen_armut",
    "arbeit",
    "gesundheit",
    "digitale_teilhabe",
    "soziale_dienste",
    "wohnen",
)
POLARITIES = ("higher_better", "higher_worse", "neutral")
KINDS = ("count", "share", "rate", "mean", "index", "balance")
# kinds whose values and numerators are never negative (a balance, a mean or an index may be)
NON_NEGATIVE_KINDS = ("count", "share", "rate")
WHEELCHAIR_VALUES = ("yes", "limited", "no")
TARGET_DIRECTIONS = ("increase", "decrease")
TARGET_KEYS = (
    "id", "indicator", "direction", "value", "year", "base_year", "level", "areas",
    "label_de", "label_en", "note_de", "note_en", "is_example",
)
MAX_LISTED_ROWS = 10
VALUE_TOLERANCE = 1e-6

# Logical column types: "string", "int", "number" (int or float), "bool", "binary".
AREAS_SCHEMA = {
    "area_id": "string",
    "name": "string",
    "level": "string",
    "parent_id": "string",
    "geometry": "binary",
    "area_km2": "number",
}
INDICATORS_SCHEMA = {
    "indicator_id": "string",
    "label_de": "string",
    "label_en": "string",
    "description_de": "string",
    "description_en": "string",
    "domain": "string",
    "unit_de": "string",
    "unit_en": "string",
    "polarity": "string",
    "kind": "string",
    "scale": "number",
    "decimals": "int",
    "source": "string",
    "licence": "string",
    "vintage": "string",
    "sdg": "string",
    "is_synthetic": "bool",
}
VALUES_SCHEMA = {
    "area_id": "string",
    "indicator_id": "string",
    "period": "int",
    "value": "number",
    "numerator": "number",
    "denominator": "number",
}
POIS_SCHEMA = {
    "poi_id": "string",
    "category": "string",
    "name": "string",
    "address": "string",
    "lat": "number",
    "lon": "number",
    "attributes": "string",
}
ADDRESSES_SCHEMA = {
    "address_id": "string",
    "lon": "number",
    "lat": "number",
    "area_id": "string",
}
SCHEMAS = {
    AREAS_FILE: AREAS_SCHEMA,
    INDICATORS_FILE: INDICATORS_SCHEMA,
    VALUES_FILE: VALUES_SCHEMA,
    POIS_FILE: POIS_SCHEMA,
    ADDRESSES_FILE: ADDRESSES_SCHEMA,
}
# Columns a file may carry; when present they must have this type.
OPTIONAL_COLUMNS = {
    ADDRESSES_FILE: {"residents": "number"},
    AREAS_FILE: {"map_geometry": "binary"},  # the geometry simplified for drawing; null: draw `geometry`
}
ARROW_TYPES = {
    "string": pa.string(),
    "int": pa.int32(),
    "number": pa.float64(),
    "bool": pa.bool_(),
    "binary": pa.binary(),
}
TYPE_NAMES = {
    "string": {"de": "Text", "en": "text"},
    "int": {"de": "ganze Zahl", "en": "integer"},
    "number": {"de": "Zahl", "en": "number"},
    "bool": {"de": "Wahrheitswert (true/false)", "en": "boolean (true/false)"},
    "binary": {"de": "Binärdaten (WKB)", "en": "binary (WKB)"},
}


def arrow_schema(file_name: str, *, optional: tuple[str, ...] = ()) -> pa.Schema:
    """The Arrow schema a writer should use for one of the contract's Parquet files (plus the named optional columns)."""
    columns = {**SCHEMAS[file_name], **{name: OPTIONAL_COLUMNS[file_name][name] for name in optional}}
    return pa.schema([(name, ARROW_TYPES[kind]) for name, kind in columns.items()])


@dataclass(frozen=True)
class Problem:
    """One breach of the contract, in words an analyst can act on."""

    file: str
    column: str | None
    expected_de: str
    expected_en: str
    rows: tuple[int, ...] = ()
    values: tuple[str, ...] = ()
    more_rows: int = 0

    def text(self, lang: str = "de") -> str:
        """One sentence: where, which rows and values, what was expected."""
        german = data_language(lang) == "de"  # the contract's messages come in German and English
        where = self.file if self.column is None else f"{self.file}, {'Spalte' if german else 'column'} „{self.column}“"
        parts = [where]
        if self.rows:
            label = "Zeilen" if german else "rows"
            listed = ", ".join(
                f"{row} ({value})" if value else str(row) for row, value in zip(self.rows, self.values or ("",) * len(self.rows))
            )
            more = ""
            if self.more_rows:
                more = f" und {self.more_rows} weitere" if german else f" and {self.more_rows} more"
            parts.append(f"{label} {listed}{more}")
        elif self.values:
            parts.append(", ".join(self.values))
        expected = self.expected_de if german else self.expected_en
        return ": ".join(parts) + " — " + expected


class DatasetError(Exception):
    """A dataset breaks the contract; `problems` lists every breach found."""

    def __init__(self, folder: Path, problems: list[Problem]):
        self.folder = Path(folder)
        self.problems = problems
        super().__init__(f"{folder}: " + "; ".join(p.text("en") for p in problems))


@dataclass(frozen=True)
class Level:
    id: str
    label_de: str
    label_en: str
    plural_de: str
    plural_en: str

    def label(self, lang: str) -> str:
        return data_text(lang, self.label_de, self.label_en)

    def plural(self, lang: str) -> str:
        return data_text(lang, self.plural_de, self.plural_en)


@dataclass(frozen=True)
class Target:
    """One declared target (docs/targets.md): reach `value` by `year`, moving in `direction`.

    `level` None: a city-wide target (judged on the city value). `level` set: the target holds
    for every area of that level, or only for `areas` where given.
    """

    target_id: str
    indicator: str
    direction: str
    value: float
    year: int
    base_year: int | None = None
    level: str | None = None
    areas: tuple[str, ...] = ()
    label_de: str = ""
    label_en: str = ""
    note_de: str = ""
    note_en: str = ""
    is_example: bool = False

    @property
    def is_citywide(self) -> bool:
        return self.level is None

    def label(self, lang: str) -> str:
        return data_text(lang, self.label_de, self.label_en)

    def note(self, lang: str) -> str:
        return data_text(lang, self.note_de, self.note_en)


@dataclass(frozen=True)
class DatasetMetadata:
    """The contents of `dataset.json`."""

    name: str
    city: str
    attribution: str
    is_demo: bool
    levels: tuple[Level, ...]
    default_indicator: str
    default_period: int
    default_level: str
    population_indicator: str | None = None
    geometry_note_de: str | None = None
    geometry_note_en: str | None = None
    demo_notice_de: str | None = None
    demo_notice_en: str | None = None
    min_count: int = 3
    min_denominator: int = 10
    social_index: dict[str, Any] | None = None
    headline_indicators: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    area_type_indicators: tuple[str, ...] = ()  # the page "Gebietstypen" starts with these (docs/area-types.md)
    metric_crs: str | None = None
    addresses_note_de: str | None = None
    addresses_note_en: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)

    @property
    def finest_level(self) -> str:
        return self.levels[-1].id

    def level(self, level_id: str) -> Level:
        return next(level for level in self.levels if level.id == level_id)

    def geometry_note(self, lang: str) -> str | None:
        return data_text(lang, self.geometry_note_de, self.geometry_note_en)

    def addresses_note(self, lang: str) -> str | None:
        return data_text(lang, self.addresses_note_de, self.addresses_note_en)

    def demo_notice(self, lang: str) -> str | None:
        """What is real and what is invented in a demo dataset, shown beside the demo banner."""
        return data_text(lang, self.demo_notice_de, self.demo_notice_en)


def _problem(file: str, column: str | None, de: str, en: str, **kwargs: Any) -> Problem:
    return Problem(file=file, column=column, expected_de=de, expected_en=en, **kwargs)


def read_metadata(folder: Path) -> tuple[DatasetMetadata | None, list[Problem]]:
    """Parse `dataset.json`; return the metadata (None if unusable) and the problems found."""
    path = Path(folder) / METADATA_FILE
    if not path.is_file():
        return None, [_problem(METADATA_FILE, None, "Datei fehlt im Datensatz-Ordner", "file is missing from the dataset folder")]
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, [_problem(METADATA_FILE, None, "erwartet UTF-8-kodiertes JSON", "expected UTF-8 encoded JSON")]
    except json.JSONDecodeError as error:
        return None, [
            _problem(
                METADATA_FILE,
                None,
                f"kein gültiges JSON in Zeile {error.lineno}, Spalte {error.colno}: {error.msg}",
                f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
            )
        ]
    if not isinstance(raw, dict):
        return None, [_problem(METADATA_FILE, None, "erwartet ein JSON-Objekt", "expected a JSON object")]
    problems: list[Problem] = []

    def need(key: str, kind: type | tuple[type, ...], de: str, en: str) -> Any:
        value = raw.get(key)
        if value is None or not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            problems.append(_problem(METADATA_FILE, key, f"Schlüssel fehlt oder ist falsch: erwartet {de}", f"key missing or wrong: expected {en}"))
            return None
        return value

    if raw.get("contract_version") != CONTRACT_VERSION:
        problems.append(
            _problem(
                METADATA_FILE,
                "contract_version",
                f"erwartet {CONTRACT_VERSION}, gefunden {raw.get('contract_version')!r}",
                f"expected {CONTRACT_VERSION}, found {raw.get('contract_version')!r}",
            )
        )
    name = need("name", str, "Text", "text")
    city = need("city", str, "Text", "text")
    attribution = need("attribution", str, "Text", "text")
    is_demo = need("is_demo", bool, "true oder false", "true or false")
    raw_levels = need("levels", list, "eine Liste von Ebenen", "a list of levels")
    default = need("default", dict, 'ein Objekt {"indicator", "period", "level"}', 'an object {"indicator", "period", "level"}')
    levels: list[Level] = []
    for index, item in enumerate(raw_levels or []):
        if not (isinstance(item, dict) and all(isinstance(item.get(k), str) and item.get(k) for k in ("id", "label_de", "label_en"))):
            problems.append(
                _problem(
                    METADATA_FILE,
                    f"levels[{index}]",
                    'erwartet {"id": …, "label_de": …, "label_en": …} mit Text',
                    'expected {"id": …, "label_de": …, "label_en": …} with text',
                )
            )
            continue
        if any(key in item and not isinstance(item[key], str) for key in ("plural_de", "plural_en")):
            problems.append(_problem(METADATA_FILE, f"levels[{index}]", "plural_de/plural_en: erwartet Text", "plural_de/plural_en: expected text"))
        levels.append(
            Level(
                item["id"],
                item["label_de"],
                item["label_en"],
                item.get("plural_de") or item["label_de"],
                item.get("plural_en") or item["label_en"],
            )
        )
    if raw_levels is not None and not raw_levels:
        problems.append(_problem(METADATA_FILE, "levels", "mindestens eine Ebene", "at least one level"))
    if len({level.id for level in levels}) != len(levels):
        problems.append(_problem(METADATA_FILE, "levels", "jede Ebenen-id nur einmal", "each level id only once"))
    if default is not None:
        if not isinstance(default.get("indicator"), str):
            problems.append(_problem(METADATA_FILE, "default.indicator", "erwartet eine Indikator-id", "expected an indicator id"))
        if not isinstance(default.get("period"), int) or isinstance(default.get("period"), bool):
            problems.append(_problem(METADATA_FILE, "default.period", "erwartet eine Jahreszahl", "expected a year"))
        if default.get("level") not in {level.id for level in levels}:
            problems.append(
                _problem(
                    METADATA_FILE,
                    "default.level",
                    f"erwartet eine der Ebenen {[level.id for level in levels]}",
                    f"expected one of the levels {[level.id for level in levels]}",
                )
            )
    suppression = raw.get("suppression", {})
    if not isinstance(suppression, dict) or any(
        not isinstance(suppression.get(key, 1), int) or isinstance(suppression.get(key, 1), bool) or suppression.get(key, 1) < 0
        for key in ("min_count", "min_denominator")
    ):
        problems.append(
            _problem(
                METADATA_FILE,
                "suppression",
                'erwartet {"min_count": ganze Zahl ≥ 0, "min_denominator": ganze Zahl ≥ 0}',
                'expected {"min_count": integer ≥ 0, "min_denominator": integer ≥ 0}',
            )
        )
        suppression = {}
    for key in ("population_indicator", "geometry_note_de", "geometry_note_en", "addresses_note_de", "addresses_note_en", "metric_crs", "demo_notice_de", "demo_notice_en"):
        if key in raw and raw[key] is not None and not isinstance(raw[key], str):
            problems.append(_problem(METADATA_FILE, key, "erwartet Text", "expected text"))
    if isinstance(raw.get("metric_crs"), str):
        problems += _check_metric_crs(raw["metric_crs"])
    if "social_index" in raw and not isinstance(raw["social_index"], dict):
        problems.append(_problem(METADATA_FILE, "social_index", "erwartet ein Objekt", "expected an object"))
    headlines = raw.get("headline_indicators", [])
    if not isinstance(headlines, list) or not all(isinstance(i, str) for i in headlines):
        problems.append(
            _problem(METADATA_FILE, "headline_indicators", "erwartet eine Liste von indicator_id", "expected a list of indicator_id")
        )
        headlines = []
    targets = _read_targets(raw.get("targets", []), {level.id for level in levels}, problems)
    area_types = raw.get("area_types", {})
    if not (
        isinstance(area_types, dict)
        and set(area_types) <= {"indicators"}
        and isinstance(area_types.get("indicators", []), list)
        and all(isinstance(item, str) for item in area_types.get("indicators", []))
    ):
        problems.append(
            _problem(METADATA_FILE, "area_types", 'erwartet {"indicators": [Indikator-ids, …]}', 'expected {"indicators": [indicator ids, …]}')
        )
        area_types = {}
    if problems:
        return None, problems
    return (
        DatasetMetadata(
            name=name,
            city=city,
            attribution=attribution,
            is_demo=is_demo,
            levels=tuple(levels),
            default_indicator=default["indicator"],
            default_period=default["period"],
            default_level=default["level"],
            population_indicator=raw.get("population_indicator"),
            geometry_note_de=raw.get("geometry_note_de"),
            geometry_note_en=raw.get("geometry_note_en"),
            demo_notice_de=raw.get("demo_notice_de"),
            demo_notice_en=raw.get("demo_notice_en"),
            min_count=suppression.get("min_count", 3),
            min_denominator=suppression.get("min_denominator", 10),
            social_index=raw.get("social_index"),
            headline_indicators=tuple(headlines),
            targets=targets,
            area_type_indicators=tuple(area_types.get("indicators", [])),
            metric_crs=raw.get("metric_crs"),
            addresses_note_de=raw.get("addresses_note_de"),
            addresses_note_en=raw.get("addresses_note_en"),
            raw=raw,
        ),
        [],
    )


def _is_year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200


def _read_targets(raw_targets: Any, level_ids: set[str], problems: list[Problem]) -> tuple[Target, ...]:
    """Parse `targets` (docs/targets.md); every breach is added to `problems` with its key path."""
    if not isinstance(raw_targets, list):
        problems.append(_problem(METADATA_FILE, "targets", "erwartet eine Liste von Zielen", "expected a list of targets"))
        return ()
    targets: list[Target] = []
    seen: set[str] = set()
    for index, item in enumerate(raw_targets):
        where = f"targets[{index}]"
        if not isinstance(item, dict):
            problems.append(_problem(METADATA_FILE, where, "erwartet ein Objekt", "expected an object"))
            continue
        found: list[Problem] = []

        def fail(key: str, de: str, en: str) -> None:
            found.append(_problem(METADATA_FILE, f"{where}.{key}", de, en))

        unknown = sorted(set(item) - set(TARGET_KEYS))
        if unknown:
            fail(unknown[0], f"unbekannter Schlüssel; erlaubt sind {', '.join(TARGET_KEYS)}", f"unknown key; allowed are {', '.join(TARGET_KEYS)}")
        target_id = item.get("id")
        if not (isinstance(target_id, str) and re.fullmatch(r"[a-z0-9_]+", target_id)):
            fail("id", "erwartet eine id aus Kleinbuchstaben, Ziffern und _", "expected an id of lower-case letters, digits and _")
        elif target_id in seen:
            fail("id", f"die id „{target_id}“ kommt mehrfach vor: jede Ziel-id nur einmal", f"the id '{target_id}' occurs twice: each target id only once")
        if not isinstance(item.get("indicator"), str) or not item.get("indicator"):
            fail("indicator", "erwartet eine Indikator-id", "expected an indicator id")
        if item.get("direction") not in TARGET_DIRECTIONS:
            fail("direction", 'erwartet "increase" (Wert soll steigen) oder "decrease" (Wert soll sinken)',
                 'expected "increase" (the value should rise) or "decrease" (the value should fall)')
        value = item.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            fail("value", "erwartet eine Zahl in der Einheit des Indikators", "expected a number in the indicator's unit")
        if not _is_year(item.get("year")):
            fail("year", "erwartet das Zieljahr als ganze Zahl (z. B. 2030)", "expected the target year as an integer (e.g. 2030)")
        base_year = item.get("base_year")
        if base_year is not None:
            if not _is_year(base_year):
                fail("base_year", "erwartet ein Basisjahr als ganze Zahl oder den Schlüssel weglassen", "expected a base year as an integer, or leave the key out")
            elif _is_year(item.get("year")) and base_year >= item["year"]:
                fail("base_year", f"das Basisjahr {base_year} muss vor dem Zieljahr {item['year']} liegen",
                     f"the base year {base_year} must lie before the target year {item['year']}")
        level = item.get("level")
        if level is not None and level not in level_ids:
            fail("level", f"erwartet eine der Ebenen {sorted(level_ids)} oder den Schlüssel weglassen (gesamtstädtisches Ziel)",
                 f"expected one of the levels {sorted(level_ids)}, or leave the key out (a city-wide target)")
        areas = item.get("areas", [])
        if not (isinstance(areas, list) and all(isinstance(a, str) and a for a in areas)):
            fail("areas", "erwartet eine Liste von Gebiets-ids (Text)", "expected a list of area ids (text)")
            areas = []
        elif areas and level is None:
            fail("level", "bei „areas“ auch die Ebene dieser Gebiete nennen", "with 'areas', also name the level of these areas")
        for key in ("label_de", "label_en"):
            if not isinstance(item.get(key), str) or not item.get(key).strip():
                fail(key, "erwartet eine Beschriftung (Text)", "expected a label (text)")
        for key in ("note_de", "note_en"):
            if key in item and not isinstance(item[key], str):
                fail(key, "erwartet Text", "expected text")
        if "is_example" in item and not isinstance(item["is_example"], bool):
            fail("is_example", "erwartet true oder false", "expected true or false")
        problems.extend(found)
        if found:
            continue
        seen.add(target_id)
        targets.append(
            Target(
                target_id=target_id,
                indicator=item["indicator"],
                direction=item["direction"],
                value=float(value),
                year=int(item["year"]),
                base_year=base_year,
                level=level,
                areas=tuple(areas),
                label_de=item["label_de"],
                label_en=item["label_en"],
                note_de=item.get("note_de", ""),
                note_en=item.get("note_en", ""),
                is_example=bool(item.get("is_example", False)),
            )
        )
    return tuple(targets)


def _check_metric_crs(text: str) -> list[Problem]:
    """`metric_crs` names a projected CRS in metres (for straight-line distances), e.g. EPSG:25832."""
    try:
        crs = pyproj.CRS.from_user_input(text)
    except pyproj.exceptions.CRSError:
        crs = None
    if crs is not None and crs.is_projected and all(axis.unit_name in ("metre", "meter") for axis in crs.axis_info):
        return []
    return [
        _problem(
            METADATA_FILE,
            "metric_crs",
            f"„{text}“ ist kein projiziertes Koordinatensystem in Metern: erwartet z. B. „EPSG:25832“ (ETRS89 / UTM 32N)",
            f"'{text}' is not a projected coordinate system in metres: expected e.g. 'EPSG:25832' (ETRS89 / UTM 32N)",
        )
    ]


def _logical_type(arrow_type: pa.DataType) -> set[str]:
    """The logical types an Arrow column type satisfies."""
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type) or pa.types.is_string_view(arrow_type):
        return {"string"}
    if pa.types.is_dictionary(arrow_type):
        return _logical_type(arrow_type.value_type)
    if pa.types.is_integer(arrow_type):
        return {"int", "number"}
    if pa.types.is_floating(arrow_type) or pa.types.is_decimal(arrow_type):
        return {"number"}
    if pa.types.is_boolean(arrow_type):
        return {"bool"}
    if pa.types.is_binary(arrow_type) or pa.types.is_large_binary(arrow_type) or pa.types.is_binary_view(arrow_type):
        return {"binary"}
    return set()


def _check_schema(folder: Path, file_name: str) -> list[Problem]:
    """File present and readable, every column present with the right type."""
    path = folder / file_name
    if not path.is_file():
        return [_problem(file_name, None, "Datei fehlt im Datensatz-Ordner", "file is missing from the dataset folder")]
    try:
        schema = pq.read_schema(path)
    except (pa.ArrowException, OSError) as error:
        return [_problem(file_name, None, f"keine lesbare Parquet-Datei ({error})", f"not a readable Parquet file ({error})")]
    problems = []
    for column, kind in SCHEMAS[file_name].items():
        index = schema.get_field_index(column)
        if index < 0:
            problems.append(
                _problem(
                    file_name,
                    column,
                    f"Spalte fehlt (erwartet: {TYPE_NAMES[kind]['de']})",
                    f"column is missing (expected: {TYPE_NAMES[kind]['en']})",
                )
            )
        elif kind not in _logical_type(schema.field(index).type):
            found = schema.field(index).type
            problems.append(
                _problem(
                    file_name,
                    column,
                    f"falscher Typ {found}: erwartet {TYPE_NAMES[kind]['de']}",
                    f"wrong type {found}: expected {TYPE_NAMES[kind]['en']}",
                )
            )
    for column, kind in OPTIONAL_COLUMNS.get(file_name, {}).items():
        index = schema.get_field_index(column)
        if index >= 0 and kind not in _logical_type(schema.field(index).type):
            found = schema.field(index).type
            problems.append(
                _problem(
                    file_name,
                    column,
                    f"falscher Typ {found}: erwartet {TYPE_NAMES[kind]['de']} (oder Spalte weglassen)",
                    f"wrong type {found}: expected {TYPE_NAMES[kind]['en']} (or leave the column out)",
                )
            )
    return problems


def _offending_rows(file_name: str, column: str | None, sql: str, params: dict[str, Any], de: str, en: str) -> list[Problem]:
    """Run a query returning (row, value) pairs of offending rows; turn them into one problem.

    The query must select `row` (1-based) and `shown` (text) and may return any number of rows;
    the first MAX_LISTED_ROWS are listed and the rest counted.
    """
    counted = f"SELECT row, shown, count(*) OVER () AS total FROM ({sql}) ORDER BY row LIMIT {MAX_LISTED_ROWS}"
    used = {name: value for name, value in params.items() if f"${name}" in sql}
    result = cursor().execute(counted, used).fetchall()
    if not result:
        return []
    total = result[0][2]
    return [
        _problem(
            file_name,
            column,
            de,
            en,
            rows=tuple(int(row) for row, _, _ in result),
            values=tuple("" if shown is None else str(shown) for _, shown, _ in result),
            more_rows=int(total) - len(result),
        )
    ]


def _source(folder: Path, file_name: str) -> str:
    return str(folder / file_name)


def _table(alias: str) -> str:
    """A read_parquet call with 1-based row numbers; the path is bound as parameter $alias."""
    return f"(SELECT *, file_row_number + 1 AS row FROM read_parquet(${alias}, file_row_number = true))"


def _check_required_text(folder: Path, file_name: str, columns: tuple[str, ...]) -> list[Problem]:
    problems = []
    for column in columns:
        problems += _offending_rows(
            file_name,
            column,
            f'SELECT row, NULL AS shown FROM {_table("f")} WHERE "{column}" IS NULL OR trim("{column}") = \'\'',
            {"f": _source(folder, file_name)},
            "Wert fehlt: erwartet nicht-leeren Text",
            "value is missing: expected non-empty text",
        )
    return problems


def _check_unique(folder: Path, file_name: str, key: tuple[str, ...]) -> list[Problem]:
    columns = ", ".join(f'"{c}"' for c in key)
    shown = " || ' / ' || ".join(f'coalesce(CAST("{c}" AS VARCHAR), \'∅\')' for c in key)
    return _offending_rows(
        file_name,
        ", ".join(key),
        f"SELECT row, {shown} AS shown FROM (SELECT *, count(*) OVER (PARTITION BY {columns}) AS n FROM {_table('f')}) WHERE n > 1",
        {"f": _source(folder, file_name)},
        f"doppelter Schlüssel: ({', '.join(key)}) muss eindeutig sein",
        f"duplicate key: ({', '.join(key)}) must be unique",
    )


def _check_one_of(folder: Path, file_name: str, column: str, allowed: tuple[str, ...]) -> list[Problem]:
    return _offending_rows(
        file_name,
        column,
        f'SELECT row, "{column}" AS shown FROM {_table("f")} WHERE "{column}" IS NULL OR NOT list_contains($allowed, "{column}")',
        {"f": _source(folder, file_name), "allowed": list(allowed)},
        f"erwartet einen von: {', '.join(allowed)}",
        f"expected one of: {', '.join(allowed)}",
    )


def _check_areas(folder: Path, metadata: DatasetMetadata) -> list[Problem]:
    problems = _check_required_text(folder, AREAS_FILE, ("area_id", "name", "level"))
    problems += _check_unique(folder, AREAS_FILE, ("area_id",))
    problems += _check_one_of(folder, AREAS_FILE, "level", metadata.level_ids)
    params = {"f": _source(folder, AREAS_FILE), "levels": list(metadata.level_ids)}
    # parent: null on the coarsest level, otherwise an area of the next coarser level
    problems += _offending_rows(
        AREAS_FILE,
        "parent_id",
        f"""SELECT a.row, a.area_id || ' → ' || coalesce(a.parent_id, '∅') AS shown
            FROM {_table('f')} a LEFT JOIN read_parquet($f) p ON p.area_id = a.parent_id
            WHERE list_position($levels, a.level) > 1
              AND (a.parent_id IS NULL OR p.area_id IS NULL OR list_position($levels, p.level) <> list_position($levels, a.level) - 1)""",
        params,
        "erwartet die id eines Gebiets der nächstgröberen Ebene",
        "expected the id of an area of the next coarser level",
    )
    problems += _offending_rows(
        AREAS_FILE,
        "parent_id",
        f"SELECT row, area_id || ' → ' || parent_id AS shown FROM {_table('f')} WHERE list_position($levels, level) = 1 AND parent_id IS NOT NULL",
        params,
        "Gebiete der gröbsten Ebene haben kein übergeordnetes Gebiet (leer lassen)",
        "areas of the coarsest level have no parent (leave it empty)",
    )
    problems += _offending_rows(
        AREAS_FILE,
        "area_km2",
        f"SELECT row, CAST(area_km2 AS VARCHAR) AS shown FROM {_table('f')} WHERE area_km2 IS NOT NULL AND NOT (area_km2 > 0)",
        {"f": _source(folder, AREAS_FILE)},
        "erwartet eine Fläche > 0 km²",
        "expected an area > 0 km²",
    )
    problems += _check_geometry(folder, "geometry")
    if "map_geometry" in pq.read_schema(folder / AREAS_FILE).names:
        problems += _check_geometry(folder, "map_geometry")
    return problems


def _check_geometry(folder: Path, column: str) -> list[Problem]:
    """Geometry (and the optional map geometry) must be WKB polygons in WGS84 (longitude −180…180, latitude −90…90) and valid."""
    table = pq.read_table(folder / AREAS_FILE, columns=["area_id", column])
    ids = table.column("area_id").to_pylist()
    blobs = table.column(column).to_pylist()
    unreadable, wrong_type, out_of_range, invalid = [], [], [], []
    for row, (area_id, blob) in enumerate(zip(ids, blobs), start=1):
        if blob is None:
            continue
        try:
            geometry = shapely.from_wkb(blob)
        except shapely.errors.ShapelyError:
            unreadable.append((row, area_id))
            continue
        if geometry.geom_type not in ("Polygon", "MultiPolygon"):
            wrong_type.append((row, f"{area_id}: {geometry.geom_type}"))
            continue
        min_x, min_y, max_x, max_y = geometry.bounds
        if not (-180 <= min_x and max_x <= 180 and -90 <= min_y and max_y <= 90):
            out_of_range.append((row, f"{area_id}: x {min_x:.0f}…{max_x:.0f}, y {min_y:.0f}…{max_y:.0f}"))
        elif not geometry.is_valid:
            invalid.append((row, f"{area_id}: {shapely.is_valid_reason(geometry)}"))

    def listed(found: list[tuple[int, str]], de: str, en: str) -> list[Problem]:
        if not found:
            return []
        shown = found[:MAX_LISTED_ROWS]
        return [
            _problem(
                AREAS_FILE,
                column,
                de,
                en,
                rows=tuple(r for r, _ in shown),
                values=tuple(str(v) for _, v in shown),
                more_rows=len(found) - len(shown),
            )
        ]

    return (
        listed(unreadable, "keine lesbare WKB-Geometrie", "not a readable WKB geometry")
        + listed(wrong_type, "erwartet Polygon oder MultiPolygon", "expected Polygon or MultiPolygon")
        + listed(
            out_of_range,
            "Koordinaten außerhalb von WGS84 (Länge −180…180, Breite −90…90); Geometrie in EPSG:4326 umprojizieren "
            "(Werte in Hunderttausenden deuten auf UTM, z. B. EPSG:25832)",
            "coordinates outside WGS84 (longitude −180…180, latitude −90…90); reproject the geometry to EPSG:4326 "
            "(values in the hundreds of thousands suggest UTM, e.g. EPSG:25832)",
        )
        + listed(invalid, "ungültige Geometrie (z. B. Selbstüberschneidung)", "invalid geometry (e.g. self-intersection)")
    )


def _check_indicators(folder: Path) -> list[Problem]:
    problems = _check_required_text(
        folder, INDICATORS_FILE, ("indicator_id", "label_de", "label_en", "unit_de", "unit_en", "source", "licence")
    )
    problems += _check_unique(folder, INDICATORS_FILE, ("indicator_id",))
    problems += _offending_rows(
        INDICATORS_FILE,
        "indicator_id",
        f"SELECT row, indicator_id AS shown FROM {_table('f')} WHERE NOT regexp_full_match(indicator_id, '[a-z0-9_]+')",
        {"f": _source(folder, INDICATORS_FILE)},
        "erwartet nur Kleinbuchstaben, Ziffern und _",
        "expected only lower-case letters, digits and _",
    )
    problems += _check_one_of(folder, INDICATORS_FILE, "domain", DOMAINS)
    problems += _check_one_of(folder, INDICATORS_FILE, "polarity", POLARITIES)
    problems += _check_one_of(folder, INDICATORS_FILE, "kind", KINDS)
    problems += _offending_rows(
        INDICATORS_FILE,
        "scale",
        f"SELECT row, CAST(scale AS VARCHAR) AS shown FROM {_table('f')} WHERE scale IS NULL OR NOT (scale > 0)",
        {"f": _source(folder, INDICATORS_FILE)},
        "erwartet einen Faktor > 0 (100 für Prozent)",
        "expected a factor > 0 (100 for percent)",
    )
    problems += _offending_rows(
        INDICATORS_FILE,
        "decimals",
        f"SELECT row, CAST(decimals AS VARCHAR) AS shown FROM {_table('f')} WHERE decimals IS NULL OR decimals < 0 OR decimals > 6",
        {"f": _source(folder, INDICATORS_FILE)},
        "erwartet 0 bis 6 Nachkommastellen",
        "expected 0 to 6 decimals",
    )
    return problems


def _check_values(folder: Path) -> list[Problem]:
    params = {
        "v": _source(folder, VALUES_FILE),
        "a": _source(folder, AREAS_FILE),
        "i": _source(folder, INDICATORS_FILE),
        "non_negative": list(NON_NEGATIVE_KINDS),
    }
    values = _table("v")
    problems = []
    for column in ("area_id", "indicator_id", "period"):
        problems += _offending_rows(
            VALUES_FILE,
            column,
            f'SELECT row, NULL AS shown FROM {values} WHERE "{column}" IS NULL',
            {"v": params["v"]},
            "Wert fehlt",
            "value is missing",
        )
    problems += _check_unique(folder, VALUES_FILE, ("area_id", "indicator_id", "period"))
    problems += _offending_rows(
        VALUES_FILE,
        "area_id",
        f"SELECT row, area_id AS shown FROM {values} WHERE area_id IS NOT NULL AND area_id NOT IN (SELECT area_id FROM read_parquet($a))",
        {"v": params["v"], "a": params["a"]},
        f"unbekanntes Gebiet: erwartet eine area_id aus {AREAS_FILE}",
        f"unknown area: expected an area_id from {AREAS_FILE}",
    )
    problems += _offending_rows(
        VALUES_FILE,
        "indicator_id",
        f"SELECT row, indicator_id AS shown FROM {values} WHERE indicator_id IS NOT NULL "
        "AND indicator_id NOT IN (SELECT indicator_id FROM read_parquet($i))",
        {"v": params["v"], "i": params["i"]},
        f"unbekannter Indikator: erwartet eine indicator_id aus {INDICATORS_FILE}",
        f"unknown indicator: expected an indicator_id from {INDICATORS_FILE}",
    )
    joined = f"(SELECT v.*, i.kind, i.scale FROM {values} v JOIN read_parquet($i) i USING (indicator_id))"
    problems += _offending_rows(
        VALUES_FILE,
        "value",
        f"SELECT row, indicator_id || ' ' || area_id || ' ' || period || ': ' || value AS shown FROM {joined} "
        "WHERE list_contains($non_negative, kind) AND value < 0",
        params,
        "negativer Wert: Anzahlen, Anteile und Quoten sind nie negativ (ein Saldo hat kind „balance“)",
        "negative value: counts, shares and rates are never negative (a net figure has kind “balance”)",
    )
    problems += _offending_rows(
        VALUES_FILE,
        "numerator",
        f"SELECT row, indicator_id || ' ' || area_id || ' ' || period || ': ' || numerator AS shown FROM {joined} "
        "WHERE list_contains($non_negative, kind) AND numerator < 0",
        params,
        "negativer Zähler: erwartet einen Wert ≥ 0 (ein Saldo, z. B. Zuzüge minus Wegzüge, hat kind „balance“)",
        "negative numerator: expected a value ≥ 0 (a net figure, e.g. moves in minus moves out, has kind “balance”)",
    )
    problems += _offending_rows(
        VALUES_FILE,
        "denominator",
        f"SELECT row, indicator_id || ' ' || area_id || ' ' || period || ': ' || denominator AS shown FROM {joined} WHERE denominator < 0",
        params,
        "negativer Nenner: erwartet einen Wert ≥ 0",
        "negative denominator: expected a value ≥ 0",
    )
    problems += _offending_rows(
        VALUES_FILE,
        "numerator",
        f"SELECT row, indicator_id || ' ' || area_id || ' ' || period || ': ' || numerator || ' > ' || denominator AS shown "
        f"FROM {joined} WHERE kind = 'share' AND numerator > denominator",
        params,
        "Zähler größer als Nenner: ein Anteil kann nicht über 100 % liegen",
        "numerator larger than denominator: a share cannot exceed 100 %",
    )
    problems += _offending_rows(
        VALUES_FILE,
        "value",
        f"SELECT row, indicator_id || ' ' || area_id || ' ' || period || ': ' || value || ' ≠ ' "
        f"|| round(numerator / denominator * scale, 6) AS shown FROM {joined} "
        "WHERE value IS NOT NULL AND numerator IS NOT NULL AND denominator > 0 "
        f"AND abs(value - numerator / denominator * scale) > {VALUE_TOLERANCE} * greatest(1, abs(value))",
        params,
        "Wert passt nicht zu Zähler / Nenner × scale",
        "value does not equal numerator / denominator × scale",
    )
    problems += _offending_rows(
        VALUES_FILE,
        "value",
        f"SELECT row, indicator_id || ' ' || area_id || ' ' || period AS shown FROM {values} WHERE isnan(value) OR isinf(value)",
        {"v": params["v"]},
        "keine Zahl (NaN/∞): fehlende Werte als leer (null) speichern",
        "not a number (NaN/∞): store missing values as null",
    )
    return problems


def _check_pois(folder: Path) -> list[Problem]:
    problems = _check_required_text(folder, POIS_FILE, ("poi_id", "category", "name"))
    problems += _check_unique(folder, POIS_FILE, ("poi_id",))
    problems += _offending_rows(
        POIS_FILE,
        "lat, lon",
        f"SELECT row, poi_id || ': ' || coalesce(CAST(lat AS VARCHAR), '∅') || ', ' || coalesce(CAST(lon AS VARCHAR), '∅') AS shown "
        f"FROM {_table('f')} WHERE lat IS NULL OR lon IS NULL OR NOT (lat BETWEEN -90 AND 90) OR NOT (lon BETWEEN -180 AND 180)",
        {"f": _source(folder, POIS_FILE)},
        "erwartet WGS84-Koordinaten (Breite −90…90, Länge −180…180)",
        "expected WGS84 coordinates (latitude −90…90, longitude −180…180)",
    )
    table = pq.read_table(folder / POIS_FILE, columns=["poi_id", "attributes"])
    bad = []
    for row, (poi_id, text) in enumerate(zip(table.column("poi_id").to_pylist(), table.column("attributes").to_pylist()), start=1):
        try:
            attributes = json.loads(text) if text else {}
        except json.JSONDecodeError:
            bad.append((row, f"{poi_id}: {text[:40]}"))
            continue
        if not isinstance(attributes, dict) or attributes.get("wheelchair", "yes") not in WHEELCHAIR_VALUES:
            bad.append((row, f"{poi_id}: {text[:40]}"))
    if bad:
        problems.append(
            _problem(
                POIS_FILE,
                "attributes",
                'erwartet ein JSON-Objekt, "wheelchair" mit yes, limited oder no',
                'expected a JSON object, "wheelchair" being yes, limited or no',
                rows=tuple(r for r, _ in bad[:MAX_LISTED_ROWS]),
                values=tuple(v for _, v in bad[:MAX_LISTED_ROWS]),
                more_rows=max(0, len(bad) - MAX_LISTED_ROWS),
            )
        )
    return problems


def _check_addresses(folder: Path, metadata: DatasetMetadata) -> list[Problem]:
    """Addresses: unique ids, WGS84 coordinates, an area of the finest level or none, residents ≥ 0 for all or none."""
    problems = _check_required_text(folder, ADDRESSES_FILE, ("address_id",))
    problems += _check_unique(folder, ADDRESSES_FILE, ("address_id",))
    params = {"f": _source(folder, ADDRESSES_FILE), "a": _source(folder, AREAS_FILE), "finest": metadata.finest_level}
    problems += _offending_rows(
        ADDRESSES_FILE,
        "lat, lon",
        f"SELECT row, coalesce(address_id, '∅') || ': ' || coalesce(CAST(lat AS VARCHAR), '∅') || ', ' || coalesce(CAST(lon AS VARCHAR), '∅') AS shown "
        f"FROM {_table('f')} WHERE lat IS NULL OR lon IS NULL OR NOT (lat BETWEEN -90 AND 90) OR NOT (lon BETWEEN -180 AND 180)",
        params,
        "erwartet WGS84-Koordinaten (Breite −90…90, Länge −180…180)",
        "expected WGS84 coordinates (latitude −90…90, longitude −180…180)",
    )
    problems += _offending_rows(
        ADDRESSES_FILE,
        "area_id",
        f"SELECT f.row, f.address_id || ' → ' || f.area_id AS shown FROM {_table('f')} f "
        "LEFT JOIN read_parquet($a) a ON a.area_id = f.area_id WHERE f.area_id IS NOT NULL AND (a.area_id IS NULL OR a.level <> $finest)",
        params,
        f"erwartet die id eines Gebiets der feinsten Ebene „{metadata.finest_level}“ aus {AREAS_FILE} (leer für Adressen außerhalb aller Gebiete)",
        f"expected the id of an area of the finest level '{metadata.finest_level}' from {AREAS_FILE} (empty for addresses outside every area)",
    )
    if "residents" in pq.read_schema(folder / ADDRESSES_FILE).names:
        problems += _offending_rows(
            ADDRESSES_FILE,
            "residents",
            f"SELECT row, address_id || ': ' || CAST(residents AS VARCHAR) AS shown FROM {_table('f')} "
            "WHERE residents < 0 OR isnan(residents) OR isinf(residents)",
            params,
            "erwartet eine Einwohnerzahl ≥ 0",
            "expected a number of residents ≥ 0",
        )
        problems += _offending_rows(
            ADDRESSES_FILE,
            "residents",
            f"SELECT row, address_id AS shown FROM {_table('f')} "
            f"WHERE residents IS NULL AND area_id IS NOT NULL AND (SELECT count(residents) FROM read_parquet($f)) > 0",
            params,
            "Einwohnerzahl fehlt: für alle Adressen eines Gebiets angeben (0 für Adressen ohne Einwohner) oder die Spalte weglassen",
            "residents missing: give them for every address in an area (0 where nobody lives) or leave the column out",
        )
    return problems


# Text shown on the pages must be readable text: no control characters (NUL, escape …), which
# could hide or garble what follows them. Tab, line feed and carriage return are allowed.
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
TEXT_COLUMNS = {
    AREAS_FILE: ("area_id", "name"),
    INDICATORS_FILE: ("label_de", "label_en", "description_de", "description_en", "unit_de", "unit_en", "source", "licence", "vintage", "sdg"),
    POIS_FILE: ("poi_id", "category", "name", "address"),
}
_CONTROL_EXPECTED = (
    "Steuerzeichen (z. B. NUL, hier als � gezeigt) im Text: erwartet lesbaren Text; Zeichen in der Quelldatei entfernen",
    "control character (e.g. NUL, shown here as �) in the text: expected readable text; remove it in the source file",
)


def _check_text_characters(folder: Path, file_name: str) -> list[Problem]:
    """No control characters in the texts of a Parquet file that the pages show."""
    problems = []
    for column in TEXT_COLUMNS[file_name]:
        problems += _offending_rows(
            file_name,
            column,
            f'SELECT row, left(regexp_replace("{column}", \'{CONTROL_CHARACTERS}\', \'\ufffd\', \'g\'), 60) AS shown '
            f'FROM {_table("f")} WHERE regexp_matches("{column}", \'{CONTROL_CHARACTERS}\')',
            {"f": _source(folder, file_name)},
            *_CONTROL_EXPECTED,
        )
    return problems


def _metadata_texts(raw: Any, path: str = "") -> list[tuple[str, str]]:
    """Every text in dataset.json with its key path (levels[0].label_de …)."""
    if isinstance(raw, str):
        return [(path, raw)]
    if isinstance(raw, dict):
        return [found for key, value in raw.items() for found in _metadata_texts(value, f"{path}.{key}" if path else str(key))]
    if isinstance(raw, list):
        return [found for index, value in enumerate(raw) for found in _metadata_texts(value, f"{path}[{index}]")]
    return []


def _check_metadata_characters(metadata: DatasetMetadata) -> list[Problem]:
    pattern = re.compile(CONTROL_CHARACTERS)
    return [
        _problem(METADATA_FILE, key, *_CONTROL_EXPECTED, values=(pattern.sub("\ufffd", text)[:60],))
        for key, text in _metadata_texts(metadata.raw)
        if pattern.search(text)
    ]


def _check_metadata_references(folder: Path, metadata: DatasetMetadata) -> list[Problem]:
    """The default indicator, period and population indicator exist in the data; so do the targets' indicators and areas."""
    problems = []
    known = {
        row[0]
        for row in cursor().execute("SELECT indicator_id FROM read_parquet(?)", [_source(folder, INDICATORS_FILE)]).fetchall()
    }
    references = [
        ("default.indicator", metadata.default_indicator),
        ("population_indicator", metadata.population_indicator),
        *(("headline_indicators", i) for i in metadata.headline_indicators),
        *((f"area_types.indicators[{n}]", i) for n, i in enumerate(metadata.area_type_indicators)),
    ]
    for key, indicator in references:
        if indicator is not None and indicator not in known:
            problems.append(
                _problem(
                    METADATA_FILE,
                    key,
                    f"unbekannter Indikator „{indicator}“: erwartet eine indicator_id aus {INDICATORS_FILE}",
                    f"unknown indicator '{indicator}': expected an indicator_id from {INDICATORS_FILE}",
                )
            )
    if not problems:
        found = cursor().execute(
            "SELECT count(*) FROM read_parquet(?) WHERE indicator_id = ? AND period = ?",
            [_source(folder, VALUES_FILE), metadata.default_indicator, metadata.default_period],
        ).fetchone()[0]
        if found == 0:
            problems.append(
                _problem(
                    METADATA_FILE,
                    "default.period",
                    f"für {metadata.default_indicator} gibt es keine Werte im Jahr {metadata.default_period}",
                    f"{metadata.default_indicator} has no values in {metadata.default_period}",
                )
            )
    return problems + _check_target_references(folder, metadata)


def _check_target_references(folder: Path, metadata: DatasetMetadata) -> list[Problem]:
    """Each target names a known indicator, a value its kind allows, and known areas of its level."""
    if not metadata.targets:
        return []
    catalog = {
        row[0]: (row[1], float(row[2]))
        for row in cursor().execute("SELECT indicator_id, kind, scale FROM read_parquet(?)", [_source(folder, INDICATORS_FILE)]).fetchall()
    }
    levels = dict(cursor().execute("SELECT area_id, level FROM read_parquet(?)", [_source(folder, AREAS_FILE)]).fetchall())
    problems = []
    for index, target in enumerate(metadata.targets):
        where = f"targets[{index}]"
        if target.indicator not in catalog:
            problems.append(
                _problem(
                    METADATA_FILE,
                    f"{where}.indicator",
                    f"unbekannter Indikator „{target.indicator}“: erwartet eine indicator_id aus {INDICATORS_FILE}",
                    f"unknown indicator '{target.indicator}': expected an indicator_id from {INDICATORS_FILE}",
                )
            )
            continue
        kind, scale = catalog[target.indicator]
        if kind == "share" and not 0 <= target.value <= scale:
            problems.append(
                _problem(
                    METADATA_FILE,
                    f"{where}.value",
                    f"{target.value:g} liegt außerhalb von 0 bis {scale:g}: ein Anteil kann nicht negativ oder über 100 % sein",
                    f"{target.value:g} lies outside 0 to {scale:g}: a share cannot be negative or above 100 %",
                )
            )
        if kind == "count" and target.value < 0:
            problems.append(
                _problem(METADATA_FILE, f"{where}.value", "eine Anzahl ist nie negativ: erwartet einen Wert ≥ 0", "a count is never negative: expected a value ≥ 0")
            )
        wrong = [area for area in target.areas if levels.get(area) != target.level]
        if wrong:
            problems.append(
                _problem(
                    METADATA_FILE,
                    f"{where}.areas",
                    f"erwartet Gebiete der Ebene „{target.level}“ aus {AREAS_FILE}",
                    f"expected areas of the level '{target.level}' from {AREAS_FILE}",
                    values=tuple(wrong[:MAX_LISTED_ROWS]),
                )
            )
    return problems


def validate_dataset(folder: Path | str) -> list[Problem]:
    """Check a dataset folder against the contract; an empty list means it is valid."""
    folder = Path(folder)
    if not folder.is_dir():
        return [_problem(str(folder), None, "Datensatz-Ordner nicht gefunden", "dataset folder not found")]
    metadata, problems = read_metadata(folder)
    required = (AREAS_FILE, INDICATORS_FILE, VALUES_FILE)
    schema_problems = {name: _check_schema(folder, name) for name in required}
    for optional in (POIS_FILE, ADDRESSES_FILE):
        if (folder / optional).exists():
            schema_problems[optional] = _check_schema(folder, optional)
    for found in schema_problems.values():
        problems += found
    if metadata is not None:
        problems += _check_metadata_characters(metadata)
    try:
        if metadata is not None and not schema_problems[AREAS_FILE]:
            problems += _check_areas(folder, metadata)
            problems += _check_text_characters(folder, AREAS_FILE)
        if not schema_problems[INDICATORS_FILE]:
            problems += _check_indicators(folder)
            problems += _check_text_characters(folder, INDICATORS_FILE)
        if not any(schema_problems[name] for name in required):
            problems += _check_values(folder)
            if metadata is not None:
                problems += _check_metadata_references(folder, metadata)
        if POIS_FILE in schema_problems and not schema_problems[POIS_FILE]:
            problems += _check_pois(folder)
            problems += _check_text_characters(folder, POIS_FILE)
        if ADDRESSES_FILE in schema_problems and not schema_problems[ADDRESSES_FILE] and metadata is not None and not schema_problems[AREAS_FILE]:
            problems += _check_addresses(folder, metadata)
    except duckdb.Error as error:
        problems.append(_problem(str(folder), None, f"Datensatz nicht lesbar: {error}", f"dataset cannot be read: {error}"))
    return problems


def open_metadata(folder: Path | str) -> DatasetMetadata:
    """Validate the whole dataset and return its metadata, or raise DatasetError."""
    folder = Path(folder)
    problems = validate_dataset(folder)
    if problems:
        raise DatasetError(folder, problems)
    metadata, _ = read_metadata(folder)
    assert metadata is not None
    return metadata


def main(argv: list[str]) -> int:
    """`python -m loaders.contract DIR [--lang en]`: print every problem; exit 1 if any."""
    lang = "en" if "--lang" in argv and argv[argv.index("--lang") + 1] == "en" else "de"
    folders = [a for a in argv if not a.startswith("--") and a not in ("de", "en")]
    if len(folders) != 1:
        print("usage: python -m loaders.contract DATASET_FOLDER [--lang de|en]", file=sys.stderr)
        return 2
    problems = validate_dataset(folders[0])
    for problem in problems:
        print(problem.text(lang))
    if not problems:
        print("Datensatz ist gültig." if lang == "de" else "Dataset is valid.")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
