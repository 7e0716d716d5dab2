"""Files that mix levels: statistics offices publish the city, its boroughs and its districts in one table.

Three rules keep such a file from being counted twice:

- **Every row is assigned a level by its id** (`classify_row`): `skip_ids` leave rows out,
  `total_ids` mark the city total (compared, never imported), `level_ids` read rows as areas of
  a coarser level (`"001"` → Stadtbezirk `"1"` via the group `(?P<id>…)`); the rest belong to
  the table's level.
- **Ids that look unlike the rest of their level** (another length, other characters, only
  zeros) are reported (`odd_ids`): they are usually totals of a coarser level.
- **Official totals are compared** (`compare_totals`): each coarser-level or city row of a
  count, and the numerator and denominator of a share, rate or mean, against the sum over its
  finest-level areas. A difference names the indicator, period, area, both numbers and the gap.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from loaders.contract import Problem
from loaders.report import TotalsCheck
from loaders.spec import TableSpec

SKIP = "skip"
TOTAL = "total"
UNMATCHED = "unmatched"
MAX_ROWS = 10


@dataclass
class Value:
    """One imported value, with where it came from (file, column, line)."""

    area_id: str
    indicator_id: str
    period: int
    value: float | None
    numerator: float | None
    denominator: float | None
    file: str
    column: str
    line: int  # the value's line (a long table: the line of its first key, or of its numerator)
    numerator_column: str = ""  # where numerator and denominator are given: their columns (or keys) …
    denominator_column: str = ""
    denominator_line: int = 0  # … and in a long table the denominator's line (0: the same line)


def classify_row(table: TableSpec, area_id: str, raw: str, default_level: str) -> tuple[str, str]:
    """What one row is: (SKIP, id), (TOTAL, id), (level, area id of that level) or (UNMATCHED, id).

    Checked in this order: skip_ids, total_ids, level_ids (first match); a row matching no
    level_ids pattern belongs to the table's own level — unless level_ids names that level too,
    then every row must match one of the patterns.
    """
    if any(p.fullmatch(area_id) or p.fullmatch(raw) for p in table.skip_ids):
        return SKIP, area_id
    if any(p.fullmatch(area_id) for p in table.total_ids):
        return TOTAL, area_id
    for level, pattern in table.level_ids:
        match = pattern.fullmatch(area_id)
        if match is not None:
            mapped = match.group("id") if "id" in pattern.groupindex else area_id
            return level, (mapped or "").strip()
    if any(level == default_level for level, _ in table.level_ids):
        return UNMATCHED, area_id
    return default_level, area_id


# --- ids that look unlike the rest of their level --------------------------------------------------


def id_shape(area_id: str) -> str:
    """The form of an id: digits as 9, letters as A, everything else as it is ("01.1" → "99.9")."""
    return re.sub(r"[^\W\d_]", "A", re.sub(r"\d", "9", area_id))


def _describe(shape: str, example: str, lang: str) -> str:
    if shape.isdigit() and set(shape) == {"9"}:
        return f"{len(shape)} Ziffern wie „{example}“" if lang == "de" else f"{len(shape)} digits like '{example}'"
    return f"wie „{example}“" if lang == "de" else f"like '{example}'"


def odd_ids(level_label: tuple[str, str], found: dict[str, tuple[str, str, int]]) -> list[Problem]:
    """Ids of one level whose form differs from most of the others, or that are only zeros.

    `found` maps each id to where it was first read (file, column, line). Levels whose ids
    have no dominant form (names as ids, as in Hamburg) are left alone.
    """
    if len(found) < 3:
        return []
    shapes = {area_id: id_shape(area_id) for area_id in found}
    shape, count = Counter(shapes.values()).most_common(1)[0]
    if count < 2 / 3 * len(found):
        return []
    example = next(a for a, s in shapes.items() if s == shape)
    odd = {a: s for a, s in shapes.items() if s != shape or (set(a) == {"0"} and "9" in shape)}
    if not odd:
        return []
    by_file: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for area_id in sorted(odd, key=lambda a: found[a][2]):
        file, column, line = found[area_id]
        by_file[(file, column)].append((line, area_id))
    plural_de, plural_en = level_label
    problems = []
    for (file, column), rows in by_file.items():
        zeros = any(set(a) == {"0"} for _, a in rows)
        problems.append(
            Problem(
                file,
                column,
                f"Ids mit abweichender Form: die meisten {plural_de} haben {_describe(shape, example, 'de')}, diese nicht"
                + (" („0…0“ ist meist die Summe der Stadt)" if zeros else "")
                + ". Sind es Zeilen einer gröberen Ebene oder Summen? Dann mit level_ids = { ebene = '…' } dieser Ebene zuordnen, "
                "mit total_ids = [\"…\"] als Stadtsumme vergleichen oder mit skip_ids überspringen",
                f"ids of another form: most {plural_en} have {_describe(shape, example, 'en')}, these do not"
                + (" ('0…0' is usually the city total)" if zeros else "")
                + ". Are they rows of a coarser level or totals? Then assign them to that level with level_ids = { level = '…' }, "
                "compare them as the city total with total_ids = [\"…\"] or leave them out with skip_ids",
                rows=tuple(line for line, _ in rows[:MAX_ROWS]),
                values=tuple(a for _, a in rows[:MAX_ROWS]),
                more_rows=max(0, len(rows) - MAX_ROWS),
            )
        )
    return problems


# --- official totals --------------------------------------------------------------------------------


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"


@dataclass
class _Cell:
    """One official number in a file, and the sum of the finest level it should equal."""

    label: str
    period: int
    stated: float | None
    total: float | None  # None: a finest value is missing
    allowed: float
    indicators: list[str]


def compare_totals(
    official: list[tuple[Value, str, list[str]]],
    finest: dict[tuple[str, int, str], Value],
    summable: dict[str, bool],
    tolerance: dict[str, float],
    finest_plural: tuple[str, str],
) -> tuple[TotalsCheck, list[Problem], list[Problem]]:
    """Compare official values with the sums over their finest-level areas.

    `official` holds (value, label, finest areas): coarser-level values and the city totals;
    the label names the area in messages ("1 Innenstadt", "000 Stadt"). `finest` maps (area,
    period, indicator) to the finest values; `summable[indicator]` says whether a plain value
    may be summed (counts); numerators and denominators are compared where the indicator has
    them. Each official number in a file is compared once, whichever indicators use it.
    `tolerance[file]` is the relative deviation that is only a warning. Returns the counts,
    the errors and the warnings.
    """
    cells: dict[tuple[str, str, int], _Cell] = {}
    for value, label, areas in official:
        parts = [finest.get((a, value.period, value.indicator_id)) for a in areas]
        if not any(parts):
            continue  # the indicator has no finest-level values in this period: nothing to compare
        if value.numerator is not None or value.denominator is not None:
            measures = [(value.numerator_column, value.numerator, [p.numerator if p else None for p in parts], value.line),
                        (value.denominator_column, value.denominator, [p.denominator if p else None for p in parts], value.denominator_line or value.line)]
        elif summable.get(value.indicator_id):
            measures = [(value.column, value.value, [p.value if p else None for p in parts], value.line)]
        else:
            continue  # a share or mean without its counts cannot be summed
        for column, stated, found, line in measures:
            cell = cells.get((value.file, column, line))
            if cell is None:
                complete = stated is not None and all(f is not None for f in found)
                total = float(sum(found)) if complete else None
                cell = cells[(value.file, column, line)] = _Cell(label, value.period, stated, total, tolerance.get(value.file, 0.0), [])
            cell.indicators.append(value.indicator_id)
    check = TotalsCheck()
    differing: dict[tuple[str, str, tuple[str, ...]], list[tuple[int, str]]] = defaultdict(list)
    tolerated: dict[tuple[str, str, tuple[str, ...], float], list[tuple[int, str]]] = defaultdict(list)
    for (file, column, line), cell in cells.items():
        if cell.total is None or cell.stated is None:
            check.incomplete += 1
            continue
        check.compared += 1
        gap = cell.total - cell.stated
        if abs(gap) <= 1e-9 * max(1.0, abs(cell.stated)):
            continue
        relative = f"{gap / cell.stated * 100:+.3g} %" if cell.stated else "–"
        shown = f"{cell.label} {cell.period}: Σ {_number(cell.total)} ≠ {_number(cell.stated)} ({gap:+.6g}; {relative})"
        indicators = tuple(dict.fromkeys(cell.indicators))
        if cell.allowed and abs(gap) <= cell.allowed * abs(cell.stated):
            check.tolerated += 1
            tolerated[(file, column, indicators, cell.allowed)].append((line, shown))
        else:
            check.differing += 1
            differing[(file, column, indicators)].append((line, shown))
    plural_de, plural_en = finest_plural
    errors = [
        _listed(file, column, rows,
                f"{', '.join(indicators)}: die Summe der {plural_de} weicht vom amtlichen Wert in dieser Zeile ab (Werte: Gebiet Jahr: "
                f"Σ {plural_de} ≠ amtlich (Differenz Σ − amtlich; relativ)). Fehlen Zeilen, sind Zeilen doppelt, oder gehören Zeilen zu einer "
                "anderen Ebene (level_ids, total_ids)? Ist die Abweichung bekannt (z. B. Personen ohne Zuordnung), für diese Tabelle "
                "total_tolerance = 0.01 (1 %) angeben",
                f"{', '.join(indicators)}: the sum of the {plural_en} differs from the official value in this row (values: area year: "
                f"Σ {plural_en} ≠ official (difference Σ − official; relative)). Are rows missing, duplicated, or of another level "
                "(level_ids, total_ids)? If the deviation is known (e.g. people without an assigned area), set total_tolerance = 0.01 (1 %) "
                "for this table")
        for (file, column, indicators), rows in differing.items()
    ]
    warnings = [
        _listed(file, column, rows,
                f"{', '.join(indicators)}: die Summe der {plural_de} weicht vom amtlichen Wert ab, innerhalb von total_tolerance = {allowed:g}",
                f"{', '.join(indicators)}: the sum of the {plural_en} differs from the official value, within total_tolerance = {allowed:g}")
        for (file, column, indicators, allowed), rows in tolerated.items()
    ]
    return check, errors, warnings


def _listed(file: str, column: str, rows: list[tuple[int, str]], de: str, en: str) -> Problem:
    return Problem(file, column, de, en, rows=tuple(r for r, _ in rows[:MAX_ROWS]), values=tuple(v for _, v in rows[:MAX_ROWS]),
                   more_rows=max(0, len(rows) - MAX_ROWS))
