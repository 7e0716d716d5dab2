"""What imports without an error but would show something wrong: checked, said, and how to fix it.

- **Boundaries or points in the wrong place** (`place_problems`): every feature must lie in the
  expected region — Germany, unless the spec's `[plausibility] extent` says otherwise. What
  lies outside is diagnosed: longitude and latitude swapped, or a coordinate system other than
  the declared one (25833 for 25832 data) that would put it in place.
- **Files that disagree** (`distance_problems`): coarser boundaries and points must lie where
  the finest boundaries are.
- **Areas of one level that overlap** (`overlap_problems`) by more than a sliver.
- **Poor coverage of the city's outline** (`coverage_problems`), where the spec gives one
  (`[plausibility] outline`).
- **Undeclared codes for "missing"** (`sentinel_problems`): `-9999`, `999.999`, `99999`
  repeating exactly across rows at the edge of a column's range, far from the other values.

Coordinates are WGS84 (x = longitude, y = latitude), as loaders.geodata returns them. Area
ratios are taken in degrees: within one city the distortion is the same for both sides.
"""
from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyproj
import shapely

from loaders.contract import Problem

if TYPE_CHECKING:
    from loaders.levels import Value

GERMANY = (5.5, 47.0, 15.5, 55.2)  # lon_min, lat_min, lon_max, lat_max: Germany with a margin
# Coordinate systems German geodata comes in: UTM 32/33 (also with the zone before the easting),
# Gauß-Krüger zones 2–5, web Mercator, LAEA Europe, WGS84.
CANDIDATE_CRS = ("EPSG:25832", "EPSG:25833", "EPSG:4647", "EPSG:5650", "EPSG:31466", "EPSG:31467", "EPSG:31468",
                 "EPSG:31469", "EPSG:3857", "EPSG:3035", "EPSG:4326")
MAX_LISTED = 10
OVERLAP_SHARE = 0.01  # of the smaller area: shared borders drawn slightly differently stay below this
COVERAGE_ERROR = 0.5  # less than half the outline covered: the areas are elsewhere
COVERAGE_WARNING = 0.95
OUTSIDE_WARNING = 0.05  # share of the areas' surface outside the outline
SENTINEL_REPEATS = 3


Bounds = tuple[float, float, float, float]


@dataclass
class Placed:
    """One geodata file's features as read: where they lie, and the coordinate system they were read in."""

    file: str
    column: str  # what to fix, for the message: "crs" or the spec's coordinate columns
    features: list[tuple[int, Bounds]]  # feature (or line) number and its bounds in WGS84
    crs: str | None  # the definition the coordinates were read with; None: WGS84
    points: bool = False  # a points layer ("Punkte"), else boundaries ("Features")

    def bounds(self) -> Bounds | None:
        if not self.features:
            return None
        boxes = [b for _, b in self.features]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))

    def centre(self) -> tuple[float, float]:
        """The median of the features' centres: one stray feature does not move it."""
        xs = sorted((b[0] + b[2]) / 2 for _, b in self.features)
        ys = sorted((b[1] + b[3]) / 2 for _, b in self.features)
        return xs[len(xs) // 2], ys[len(ys) // 2]


def _inside(bounds: Bounds, extent: Bounds) -> bool:
    return extent[0] <= bounds[0] and bounds[2] <= extent[2] and extent[1] <= bounds[1] and bounds[3] <= extent[3]


def _point_inside(x: float, y: float, extent: Bounds) -> bool:
    return extent[0] <= x <= extent[2] and extent[1] <= y <= extent[3]


def region_text(extent: Bounds, lang: str) -> str:
    if extent == GERMANY:
        return "Deutschland" if lang == "de" else "Germany"
    shown = ", ".join(f"{v:g}" for v in extent)
    return f"extent = [{shown}]"


@functools.lru_cache(maxsize=64)
def _transformer(source: str, target: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(pyproj.CRS.from_user_input(source), pyproj.CRS.from_user_input(target), always_xy=True)


def _moved(x: float, y: float, source: str, target: str) -> tuple[float, float] | None:
    try:
        moved = _transformer(source, target).transform(x, y)
    except (pyproj.exceptions.ProjError, pyproj.exceptions.CRSError):
        return None
    return moved if all(math.isfinite(v) for v in moved) else None


def diagnosis(placed: Placed, fits: Callable[[float, float], bool]) -> tuple[str, str] | None:
    """Why `placed` lies elsewhere than `fits` wants and what to set, in German and English; None when no fix is evident."""
    de = _diagnosis(placed, fits, "de")
    return None if de is None else (de, _diagnosis(placed, fits, "en") or "")


def _diagnosis(placed: Placed, fits: Callable[[float, float], bool], lang: str) -> str | None:
    """Why the features might lie elsewhere than they should, and what to set: swapped axes or another CRS."""
    de = lang == "de"
    x, y = placed.centre()
    if fits(y, x):
        if placed.points and placed.column != "crs":
            return ("Breite und Länge scheinen vertauscht (getauscht läge es richtig): lat und lon in der Spezifikation tauschen"
                    if de else "latitude and longitude seem swapped (swapped, it would lie right): exchange lat and lon in the spec")
        return ("Länge und Breite scheinen vertauscht (getauscht läge es richtig): GeoJSON schreibt [Länge, Breite]; "
                "die Datei mit dieser Achsenfolge neu exportieren"
                if de else "longitude and latitude seem swapped (swapped, it would lie right): GeoJSON writes [longitude, latitude]; "
                "export the file again in that axis order")
    declared = placed.crs or "EPSG:4326"
    raw = _moved(x, y, "EPSG:4326", declared)
    if raw is None:
        return None
    if placed.crs is not None:
        swapped = _moved(raw[1], raw[0], declared, "EPSG:4326")
        if swapped is not None and fits(*swapped):
            return ("x und y scheinen vertauscht (getauscht läge es richtig): die Achsen in der Datei bzw. in x = …, y = … tauschen"
                    if de else "x and y seem swapped (swapped, it would lie right): exchange the axes in the file or in x = …, y = …")
    matching = []
    for candidate in CANDIDATE_CRS:
        moved = _moved(raw[0], raw[1], candidate, "EPSG:4326")
        if moved is None or not fits(*moved) or (abs(moved[0] - x) < 0.01 and abs(moved[1] - y) < 0.01):
            continue
        matching.append(candidate)
    if matching:
        names = [f"{code} ({pyproj.CRS.from_user_input(code).name})" for code in matching[:3]]
        read_with = placed.crs if placed.crs and len(placed.crs) <= 40 else ("WGS84" if placed.crs is None else ("die .prj-Datei" if de else "the .prj file"))
        if de:
            return (f"gelesen als {read_with}; die Koordinaten passen zu {' oder '.join(names)}: "
                    f"crs = \"{matching[0]}\" angeben (in [geometry] bzw. [[points]])")
        return (f"read as {read_with}; the coordinates fit {' or '.join(names)}: "
                f"set crs = \"{matching[0]}\" (in [geometry] or [[points]])")
    return None


def _fix(placed: Placed, fits: Callable[[float, float], bool]) -> tuple[str, str]:
    """The diagnosis, or the general advice."""
    return diagnosis(placed, fits) or (_generic("de"), _generic("en"))


def _generic(lang: str) -> str:
    if lang == "de":
        return ("das Koordinatensystem prüfen (crs = \"EPSG:…\"); liegt die Stadt außerhalb Deutschlands, in der Spezifikation "
                "[plausibility] extent = [Länge min, Breite min, Länge max, Breite max] angeben")
    return ("check the coordinate reference system (crs = \"EPSG:…\"); if the city lies outside Germany, set "
            "[plausibility] extent = [lon min, lat min, lon max, lat max] in the spec")


def _where(bounds: Bounds) -> str:
    return f"{(bounds[0] + bounds[2]) / 2:.3f}, {(bounds[1] + bounds[3]) / 2:.3f}"


def place_problems(placed: Placed, extent: Bounds) -> list[Problem]:
    """Features outside the expected region: an error with the diagnosis (values: longitude, latitude of each)."""
    outside = [(number, bounds) for number, bounds in placed.features if not _inside(bounds, extent)]
    if not outside:
        return []
    def fits(x: float, y: float) -> bool:
        return _point_inside(x, y, extent)

    kind_de, kind_en = ("Punkte", "points") if placed.points else ("Features", "features")
    fix_de, fix_en = _fix(placed, fits)
    return [Problem(
        placed.file, placed.column,
        f"{len(outside)} von {len(placed.features)} {kind_de} liegen außerhalb des erwarteten Gebiets ({region_text(extent, 'de')}; "
        f"Werte: Länge, Breite) — {fix_de}",
        f"{len(outside)} of {len(placed.features)} {kind_en} lie outside the expected region ({region_text(extent, 'en')}; "
        f"values: longitude, latitude) — {fix_en}",
        rows=tuple(n for n, _ in outside[:MAX_LISTED]),
        values=tuple(_where(b) for _, b in outside[:MAX_LISTED]),
        more_rows=max(0, len(outside) - MAX_LISTED),
    )]


def _kilometres(a: Bounds, b: Bounds) -> float:
    """The distance between two boxes' centres."""
    geod = pyproj.Geod(ellps="WGS84")
    _, _, metres = geod.inv((a[0] + a[2]) / 2, (a[1] + a[3]) / 2, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
    return metres / 1000


def _near(bounds: Bounds, reference: Bounds) -> bool:
    """Whether a box overlaps the reference, widened by a fifth of its size (and at least 2 km)."""
    margin_x = max(0.2 * (reference[2] - reference[0]), 0.03)
    margin_y = max(0.2 * (reference[3] - reference[1]), 0.02)
    return not (bounds[2] < reference[0] - margin_x or bounds[0] > reference[2] + margin_x
                or bounds[3] < reference[1] - margin_y or bounds[1] > reference[3] + margin_y)


def distance_problems(placed: Placed, reference: Placed) -> list[Problem]:
    """A file most of whose features lie away from the finest boundaries: an error with the diagnosis.

    Either file may be the wrong one: where another coordinate system would move the finest
    boundaries onto the file (and none would move the file onto them), the error names them.
    """
    area = reference.bounds()
    if area is None or not placed.features:
        return []
    away = [(number, bounds) for number, bounds in placed.features if not _near(bounds, area)]
    if len(away) <= len(placed.features) / 2:
        return []
    distance = f"{_kilometres(placed.bounds() or area, area):,.0f}"
    kind_de, kind_en = ("Punkte", "points") if placed.points else ("Features", "features")
    own = diagnosis(placed, lambda x, y: _near((x, y, x, y), area))
    theirs = None if own is not None else diagnosis(reference, lambda x, y: _near((x, y, x, y), placed.bounds() or area))
    if theirs is not None:
        return [Problem(
            reference.file, reference.column,
            f"die Gebiete liegen {distance.replace(',', '.')} km von {placed.file} entfernt — {theirs[0]}",
            f"the areas lie {distance} km away from {placed.file} — {theirs[1]}",
        )]
    fix_de, fix_en = own or (_generic("de"), _generic("en"))
    return [Problem(
        placed.file, placed.column,
        f"{len(away)} von {len(placed.features)} {kind_de} liegen nicht bei den Gebieten aus {reference.file}, "
        f"im Mittel {distance.replace(',', '.')} km entfernt (Werte: Länge, Breite) — {fix_de}",
        f"{len(away)} of {len(placed.features)} {kind_en} do not lie with the areas of {reference.file}, {distance} km away on average "
        f"(values: longitude, latitude) — {fix_en}",
        rows=tuple(n for n, _ in away[:MAX_LISTED]),
        values=tuple(_where(b) for _, b in away[:MAX_LISTED]),
        more_rows=max(0, len(away) - MAX_LISTED),
    )]


def _percent(share: float, lang: str) -> str:
    text = f"{share * 100:.0f} %" if share >= 0.01 or share < 0.0005 else f"{share * 100:.1f} %"
    return text.replace(".", ",") if lang == "de" else text.replace(" %", "%")


def overlap_problems(file: str, column: str, level: tuple[str, str], areas: Iterable[tuple[str, object]]) -> list[Problem]:
    """Areas of one level overlapping by more than a sliver of the smaller one: a warning naming each pair and its share."""
    items = [(area_id, geometry) for area_id, geometry in areas if geometry is not None and not geometry.is_empty]
    if len(items) < 2:
        return []
    geometries = [geometry for _, geometry in items]
    tree = shapely.STRtree(geometries)
    left, right = tree.query(geometries, predicate="intersects")
    pairs = []
    for i, j in zip(left.tolist(), right.tolist()):
        if i >= j:
            continue
        shared = shapely.intersection(geometries[i], geometries[j]).area
        smaller = min(geometries[i].area, geometries[j].area)
        if smaller > 0 and shared / smaller > OVERLAP_SHARE:
            pairs.append((shared / smaller, items[i][0], items[j][0]))
    if not pairs:
        return []
    pairs.sort(reverse=True)
    label_de, label_en = level
    return [Problem(
        file, column,
        f"{len(pairs)} Paare von Gebieten der Ebene „{label_de}“ überlappen sich (Werte: Id ∩ Id: Anteil an der kleineren Fläche): auf der Karte "
        "überdecken sie einander. Liegen Gebiete zweier Ebenen in einer Datei, oder ein Gebiet doppelt? Je Ebene eine Datei angeben, "
        "Doppeltes entfernen",
        f"{len(pairs)} pairs of areas of the level '{label_en}' overlap (values: id ∩ id: share of the smaller area): on the map they cover each other. "
        "Does the file hold areas of two levels, or an area twice? Give one file per level, remove duplicates",
        values=tuple(f"{a} ∩ {b}: {_percent(share, 'de')}" for share, a, b in pairs[:MAX_LISTED]),
        more_rows=max(0, len(pairs) - MAX_LISTED),
    )]


def coverage_problems(file: str, outline_file: str, finest: tuple[str, str], areas: object, outline: object,
                      diagnosis: tuple[str, str] | None) -> tuple[list[Problem], list[Problem]]:
    """How much of the city's outline the finest areas cover, and how much of them lies outside it: (errors, warnings)."""
    if areas is None or outline is None or outline.is_empty or areas.is_empty:
        return [], []
    covered = shapely.intersection(areas, outline).area / outline.area
    outside = shapely.difference(areas, outline).area / areas.area
    areas_de, areas_en = f"Gebiete der Ebene „{finest[0]}“", f"areas of the level '{finest[1]}'"
    errors, warnings = [], []
    if covered < COVERAGE_ERROR:
        fix_de, fix_en = diagnosis or ("das Koordinatensystem beider Dateien prüfen", "check the coordinate reference system of both files")
        errors.append(Problem(
            file, "crs",
            f"die {areas_de} decken nur {_percent(covered, 'de')} der Stadtgrenze aus {outline_file} ab: sie liegen woanders — {fix_de}",
            f"the {areas_en} cover only {_percent(covered, 'en')} of the city outline in {outline_file}: they lie elsewhere — {fix_en}",
        ))
        return errors, warnings
    if covered < COVERAGE_WARNING:
        warnings.append(Problem(
            file, None,
            f"die {areas_de} decken {_percent(covered, 'de')} der Stadtgrenze aus {outline_file} ab: fehlen Gebiete in der Datei? "
            "(Gebiete ohne Geometrie sind gesondert gelistet)",
            f"the {areas_en} cover {_percent(covered, 'en')} of the city outline in {outline_file}: are areas missing from the file? "
            "(areas without geometry are listed separately)",
        ))
    if outside > OUTSIDE_WARNING:
        warnings.append(Problem(
            file, None,
            f"{_percent(outside, 'de')} der Fläche der {areas_de} liegen außerhalb der Stadtgrenze aus {outline_file}: "
            "gehören Gebiete einer anderen Stadt dazu, oder ist die Stadtgrenze veraltet?",
            f"{_percent(outside, 'en')} of the surface of the {areas_en} lie outside the city outline in {outline_file}: "
            "are areas of another city included, or is the outline out of date?",
        ))
    return errors, warnings


# --- codes for "missing" that were not declared --------------------------------------------------


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.6f}".rstrip("0")


def _looks_like_code(value: float) -> bool:
    """-9999, 99999, 999.999, -99 (nines only), or a repeated digit below zero such as -1 or -7777."""
    digits = _number(abs(value)).replace(".", "")
    if len(digits) >= 2 and set(digits) == {"9"}:
        return True
    return value < 0 and len(set(digits)) == 1 and digits != "0"


def sentinel_code(extremes: Iterable[tuple[float, int, float | None, float | None]]) -> float | None:
    """A code at the edge of the range, repeated, far from the other values; None if there is none.

    `extremes`: for the largest, then the smallest number of a column, (the number, how often it
    occurs, the largest absolute value and the smallest value of the other numbers; None without others).
    """
    for value, count, others_abs_max, others_min in extremes:
        if count < SENTINEL_REPEATS or not _looks_like_code(value) or others_min is None:
            continue
        if value > 0 and value > 2 * others_abs_max:
            return value
        if value < 0 and (others_min >= 0 or value < 2 * others_min):
            return value
    return None


def sentinel_problem(file: str, column: str, code: float, lines: list[int], count: int, low: float, high: float,
                     table_of_file: dict[str, str]) -> Problem:
    """The warning for a column whose `count` numbers hold `code` on `lines`, the others between `low` and `high`."""
    shown, low_text, high_text = _number(code), _number(low), _number(high)
    table = table_of_file.get(file, "…")
    return Problem(
        file, column,
        f"„{shown}“ steht in {len(lines)} von {count} Zeilen, weit außerhalb der übrigen Werte ({low_text} … {high_text}): ein Code für "
        f"„fehlt“? Dann in [tables.{table}] missing = [\"{shown}\"] angeben — sonst wird er als Zahl gerechnet",
        f"'{shown}' occurs in {len(lines)} of {count} rows, far outside the other values ({low_text} … {high_text}): a code for "
        f"'missing'? Then set missing = [\"{shown}\"] in [tables.{table}] — otherwise it is counted as a number",
        rows=tuple(lines[:MAX_LISTED]), values=(shown,), more_rows=max(0, len(lines) - MAX_LISTED),
    )


def sentinel_problems(values: Iterable[Value], table_of_file: dict[str, str]) -> list[Problem]:
    """Per column of a file, a value such as -9999 repeating across rows at the edge of the range: a warning suggesting `missing`."""
    cells: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    for value in values:
        if value.numerator_column:
            measured = [(value.numerator_column, value.line, value.numerator),
                        (value.denominator_column, value.denominator_line or value.line, value.denominator)]
        else:
            measured = [(value.column, value.line, value.value)]
        for column, line, number in measured:
            if number is not None and " + " not in column:
                cells[(value.file, column)][line] = number
    problems = []
    for (file, column), by_line in cells.items():
        numbers = list(by_line.values())
        if len(numbers) < SENTINEL_REPEATS + 2:
            continue
        counts = Counter(numbers)
        extremes = []
        for value in (max(numbers), min(numbers)):
            others = [n for n in numbers if n != value]
            extremes.append((value, counts[value], max((abs(n) for n in others), default=None), min(others, default=None)))
        code = sentinel_code(extremes)
        if code is None:
            continue
        lines = sorted(line for line, number in by_line.items() if number == code)
        rest = [n for n in numbers if n != code]
        problems.append(sentinel_problem(file, column, code, lines, len(numbers), min(rest), max(rest), table_of_file))
    return problems
