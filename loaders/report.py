"""The import report: what an import found, as data, and as text in German and English.

The command line prints it and saves it beside the dataset; the page "Daten prüfen" shows the
same object before anything is imported. Errors stop an import; warnings and notes do not.
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Iterable

from loaders.contract import Problem

MAX_LISTED = 50


def _key(text: str) -> str:
    """A comparison key: case, accents, spaces and punctuation ignored."""
    text = unicodedata.normalize("NFKD", str(text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", text)


def _plain(value: Any) -> Any:
    """dataclasses.asdict without its deep copy of every leaf: dataclasses as dicts, lists and tuples kept as they are."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def closest(value: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to `n` candidates closest to `value` (e.g. "St. Pauli" for "St.Pauli"), best first."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(_key(candidate), candidate)
    wanted = _key(value)
    if wanted in by_key:
        return [by_key[wanted]]
    plain: dict[str, str] = {}
    for candidate in by_key.values():
        plain.setdefault(str(candidate).casefold(), candidate)
    found = difflib.get_close_matches(wanted, list(by_key), n=n, cutoff=cutoff)
    if not found:
        return [plain[c] for c in difflib.get_close_matches(str(value).casefold(), list(plain), n=n, cutoff=cutoff)]
    return [by_key[f] for f in found]


@dataclass(frozen=True)
class Unmatched:
    """An id (or name) in one file that matches nothing in the other."""

    file: str
    column: str
    value: str
    rows: tuple[int, ...] = ()  # lines of a table, or feature numbers of a geodata file
    suggestions: tuple[str, ...] = ()
    feature: bool = False  # rows are feature numbers


@dataclass(frozen=True)
class MissingGeometry:
    area_id: str
    name: str
    level: str


@dataclass(frozen=True)
class CrsNote:
    """The coordinate system a geodata file was read in: a short, honest label and the full definition."""

    file: str
    label_de: str
    label_en: str
    definition: str  # as the file (.prj, GeoJSON crs) or the spec writes it


@dataclass
class TotalsCheck:
    """Official totals in the files (city and coarser-level rows) compared with the sums of the finest level."""

    compared: int = 0  # comparisons made (an area, indicator, period and count each)
    differing: int = 0  # beyond the tolerance: errors
    tolerated: int = 0  # differing within total_tolerance: warnings
    incomplete: int = 0  # not comparable: a finest value or the official value is missing


@dataclass
class ImportReport:
    """Everything an import (or a dry run) found."""

    spec_file: str = ""
    dataset_name: str = ""
    city: str = ""
    levels: list[tuple[str, str, str, int]] = field(default_factory=list)  # id, plural_de, plural_en (or labels), areas
    areas_with_geometry: dict[str, int] = field(default_factory=dict)  # level → areas drawn
    map_geometry: dict[str, tuple[float, int, int]] = field(default_factory=dict)  # level → map tolerance in m, corners before, after
    indicators: list[str] = field(default_factory=list)
    periods: list[int] = field(default_factory=list)
    values: int = 0
    missing: int = 0
    missing_by_indicator: dict[str, int] = field(default_factory=dict)
    points: dict[str, int] = field(default_factory=dict)  # category → points
    totals: TotalsCheck = field(default_factory=TotalsCheck)
    crs: list[CrsNote] = field(default_factory=list)  # per geodata file read in a coordinate system other than WGS84
    areas_without_geometry: list[MissingGeometry] = field(default_factory=list)
    geometries_without_data: list[Unmatched] = field(default_factory=list)
    unmatched_ids: list[Unmatched] = field(default_factory=list)
    out_of_range: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    output: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        data = _plain(self)
        data["ok"] = self.ok
        return data

    def to_json(self) -> str:
        """The report as compact JSON (no indent, so that json uses its C encoder: a report listing 500,000 areas takes seconds)."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def text(self, lang: str = "de", show_crs: bool = False) -> str:
        """The report as plain text for the terminal and the saved file; `show_crs` adds each full CRS definition."""
        de = lang == "de"
        lines: list[str] = []
        title = "Importbericht" if de else "Import report"
        lines.append(f"{title}: {self.dataset_name or self.spec_file}" + (f" ({self.city})" if self.city else ""))
        lines.append("=" * len(lines[0]))
        if self.errors:
            lines.append(
                f"FEHLGESCHLAGEN: {len(self.errors)} Fehler — nichts wurde importiert, ein vorhandener Datensatz bleibt unverändert."
                if de
                else f"FAILED: {len(self.errors)} error(s) — nothing was imported, an existing dataset is left untouched."
            )
        elif self.output:
            lines.append(f"Importiert nach {self.output}." if de else f"Imported into {self.output}.")
        else:
            lines.append("Prüfung ohne Fehler: der Import würde gelingen." if de else "Check passed: the import would succeed.")
        lines.append("")
        if self.levels:
            lines.append("Gebiete:" if de else "Areas:")
            for level_id, label_de, label_en, count in self.levels:
                drawn = self.areas_with_geometry.get(level_id, 0)
                label = label_de if de else label_en
                lines.append(
                    f"  {label} ({level_id}): {count}, davon {drawn} mit Geometrie"
                    if de
                    else f"  {label} ({level_id}): {count}, {drawn} with geometry"
                )
                tolerance, before, after = self.map_geometry.get(level_id, (0.0, 0, 0))
                if after < before:
                    lines.append(
                        f"    Karte vereinfacht mit {tolerance:.0f} m: {before} → {after} Eckpunkte"
                        if de
                        else f"    map simplified with {tolerance:.0f} m: {before} → {after} corners"
                    )
        if self.indicators:
            lines.append((f"Indikatoren: {len(self.indicators)}" if de else f"Indicators: {len(self.indicators)}") + f" ({', '.join(self.indicators)})")
        if self.periods:
            shown = _periods(self.periods)
            lines.append((f"Zeiträume: {len(self.periods)}" if de else f"Periods: {len(self.periods)}") + f" ({shown})")
        if self.levels or self.indicators:
            lines.append(f"Werte: {self.values}, fehlende Werte: {self.missing}" if de else f"Values: {self.values}, missing values: {self.missing}")
            gaps = [f"{k} {v}" for k, v in self.missing_by_indicator.items() if v]
            if gaps:
                lines.append(("  fehlend je Indikator: " if de else "  missing per indicator: ") + ", ".join(gaps))
        if self.points:
            lines.append(("Orte: " if de else "Points: ") + ", ".join(f"{k} {v}" for k, v in self.points.items()))
        if self.totals.compared:
            lines.append(_totals_line(self.totals, de))

        def section(heading_de: str, heading_en: str, items: list[str]) -> None:
            if not items:
                return
            lines.append("")
            lines.append(f"{heading_de if de else heading_en} ({len(items)}):")
            for item in items[:MAX_LISTED]:
                lines.append(f"  - {item}")
            if len(items) > MAX_LISTED:
                lines.append(f"  … und {len(items) - MAX_LISTED} weitere" if de else f"  … and {len(items) - MAX_LISTED} more")

        section("Fehler", "Errors", [p.text(lang) for p in self.errors])
        section(
            "Gebiete ohne Geometrie (werden gelistet, aber nicht gezeichnet)",
            "Areas without geometry (listed, but not drawn)",
            [(m.area_id if m.name == m.area_id else f"{m.area_id} {m.name}") + f" ({m.level})" for m in self.areas_without_geometry],
        )
        section("Geometrien ohne Daten", "Geometries without data", [_unmatched(u, lang) for u in self.geometries_without_data])
        section("Ids ohne passendes Gebiet (nicht importiert)", "Ids without a matching area (not imported)", [_unmatched(u, lang) for u in self.unmatched_ids])
        section("Werte außerhalb des möglichen Bereichs", "Values outside their possible range", [p.text(lang) for p in self.out_of_range])
        section("Warnungen", "Warnings", [p.text(lang) for p in self.warnings])
        section("Hinweise", "Notes", [p.text(lang) for p in self.notes])
        if show_crs and self.crs:
            lines.append("")
            lines.append("Koordinatensysteme (vollständige Definition):" if de else "Coordinate reference systems (full definition):")
            for note in self.crs:
                lines.append(f"  {note.file}: {note.label_de if de else note.label_en}")
                lines.append(f"    {note.definition}")
        return "\n".join(lines) + "\n"


def _totals_line(totals: TotalsCheck, de: bool) -> str:
    if de:
        text = f"Amtliche Summen: {totals.compared} verglichen"
        if totals.differing or totals.tolerated:
            text += f", {totals.differing} {'weicht' if totals.differing == 1 else 'weichen'} ab (siehe Fehler)" if totals.differing else ""
            text += f", {totals.tolerated} innerhalb der erlaubten Abweichung (siehe Warnungen)" if totals.tolerated else ""
        else:
            text += ", alle stimmen überein"
        return text + (f"; {totals.incomplete} nicht vergleichbar (fehlende Werte)" if totals.incomplete else "")
    text = f"Official totals: {totals.compared} compared"
    if totals.differing or totals.tolerated:
        text += f", {totals.differing} {'differs' if totals.differing == 1 else 'differ'} (see errors)" if totals.differing else ""
        text += f", {totals.tolerated} within the allowed deviation (see warnings)" if totals.tolerated else ""
    else:
        text += ", all match"
    return text + (f"; {totals.incomplete} not comparable (missing values)" if totals.incomplete else "")


def _periods(periods: list[int]) -> str:
    if len(periods) > 2 and periods == list(range(periods[0], periods[-1] + 1)):
        return f"{periods[0]}–{periods[-1]}"
    return ", ".join(str(p) for p in periods)


def _unmatched(item: Unmatched, lang: str) -> str:
    de = lang == "de"
    where = f"{item.file}, {'Spalte' if de else 'column'} „{item.column}“"
    if item.rows:
        rows = ", ".join(str(r) for r in item.rows[:5]) + (" …" if len(item.rows) > 5 else "")
        label = "Feature" if item.feature else ("Zeile" if de else "line")
        where += f", {label} {rows}"
    text = f"„{item.value}“ ({where})"
    if item.suggestions:
        joined = " oder " if de else " or "
        text += (" — meinten Sie " if de else " — did you mean ") + joined.join(f"„{s}“" for s in item.suggestions) + "?"
    return text
