"""The import report for the page "Daten prüfen": tables and figures, no Streamlit.

Every function takes the `ImportReport` (loaders.report) or the parsed spec and returns plain
data or DataFrames with translated column names, so the page only lays them out.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders.contract import Problem
from loaders.report import ImportReport, MissingGeometry, Unmatched
from loaders.spec import ImportSpec
from views.i18n import data_text, format_number, t

LINE_HEIGHT_PX = 21  # one line of text in a dataframe cell
CHARACTERS_PER_LINE = 75  # in the wide "what to do" column on a laptop screen
MAX_LINES = 14


@dataclass(frozen=True)
class Section:
    """One list of the report: its title, how grave it is (error, warning, info) and its rows."""

    key: str
    title: str
    severity: str
    table: pd.DataFrame
    wide_column: str | None = None  # the column with sentences, shown wide …
    row_height: int | None = None  # … in rows tall enough that the longest sentence wraps instead of being cut off


def _wrapped(table: pd.DataFrame, column: str) -> int | None:
    """A row height (pixels) at which the longest text of `column` wraps fully; None when one line holds it."""
    longest = max((len(str(text)) for text in table[column]), default=0)
    lines = min(MAX_LINES, math.ceil(longest / CHARACTERS_PER_LINE))
    return lines * LINE_HEIGHT_PX + 12 if lines > 1 else None


def expected_files(spec: ImportSpec, uploaded: set[str], lang: str) -> pd.DataFrame:
    """The files the spec reads, what each is for, and whether it was uploaded."""
    rows: dict[str, str] = {}
    for name, table in spec.tables.items():
        rows.setdefault(Path(table.read.file).name, t("check.role.table", lang, name=name))
    for geometry in spec.geometry:
        rows.setdefault(Path(geometry.file).name, t("check.role.geometry", lang))
        if Path(geometry.file).suffix.lower() == ".shp":
            for ext in (".dbf", ".prj"):
                rows.setdefault(Path(geometry.file).with_suffix(ext).name, t("check.role.geometry", lang))
    for points in spec.points:
        rows.setdefault(Path(points.file).name, t("check.role.points", lang))
    return pd.DataFrame(
        {
            t("check.file", lang): list(rows),
            t("check.file_role", lang): list(rows.values()),
            t("check.file_status", lang): [
                "✓ " + t("check.uploaded", lang) if name in uploaded else "✗ " + t("check.missing_upload", lang) for name in rows
            ],
        }
    )


def summary(report: ImportReport, lang: str) -> list[tuple[str, str, str | None]]:
    """Headline figures as (label, value, detail): areas per level, indicators, periods, values, missing,
    and how many official totals were compared with the sums of the finest level."""
    figures: list[tuple[str, str, str | None]] = []
    for level_id, label_de, label_en, count in report.levels:
        drawn = report.areas_with_geometry.get(level_id, 0)
        figures.append(
            (
                t("check.metric.areas", lang, level=data_text(lang, label_de, label_en)),
                format_number(count, lang),
                t("check.metric.with_geometry", lang, n=format_number(drawn, lang)),
            )
        )
    periods = report.periods
    shown = "–" if not periods else (str(periods[0]) if len(periods) == 1 else f"{periods[0]}–{periods[-1]}")
    figures += [
        (t("check.metric.indicators", lang), format_number(len(report.indicators), lang), None),
        (t("check.metric.periods", lang), format_number(len(periods), lang), shown),
        (t("check.metric.values", lang), format_number(report.values, lang), None),
        (t("check.metric.missing", lang), format_number(report.missing, lang), None),
    ]
    totals = report.totals
    if totals.compared:
        if totals.differing:
            detail = t("check.metric.totals_differ", lang, n=format_number(totals.differing, lang))
        elif totals.tolerated:
            detail = t("check.metric.totals_tolerated", lang, n=format_number(totals.tolerated, lang))
        else:
            detail = t("check.metric.totals_match", lang)
        figures.append((t("check.metric.totals", lang), format_number(totals.compared, lang), detail))
    return figures


def _rows_text(problem: Problem, lang: str) -> str:
    text = ", ".join(str(r) for r in problem.rows)
    if problem.more_rows:
        text += " " + t("check.more_rows", lang, n=problem.more_rows)
    return text


def problems_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """One row per problem: file, column (or spec key), rows, values, what was expected."""
    return pd.DataFrame(
        {
            t("check.column.file", lang): [p.file for p in problems],
            t("check.column.column", lang): [p.column or "" for p in problems],
            t("check.column.rows", lang): [_rows_text(p, lang) for p in problems],
            t("check.column.values", lang): ["; ".join(v for v in p.values if v) for p in problems],
            t("check.column.expected", lang): [data_text(lang, p.expected_de, p.expected_en) for p in problems],
        }
    )


def unmatched_table(items: list[Unmatched], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("check.column.value", lang): [u.value for u in items],
            t("check.column.suggestions", lang): [", ".join(u.suggestions) for u in items],
            t("check.column.file", lang): [u.file for u in items],
            t("check.column.column", lang): [u.column for u in items],
            t("check.column.rows", lang): [", ".join(str(r) for r in u.rows[:10]) + (" …" if len(u.rows) > 10 else "") for u in items],
        }
    )


def missing_geometry_table(items: list[MissingGeometry], report: ImportReport, lang: str) -> pd.DataFrame:
    labels = {level_id: data_text(lang, label_de, label_en) for level_id, label_de, label_en, _ in report.levels}
    return pd.DataFrame(
        {
            t("check.column.area_id", lang): [m.area_id for m in items],
            t("check.column.name", lang): [m.name for m in items],
            t("check.column.level", lang): [labels.get(m.level, m.level) for m in items],
        }
    )


def sections(report: ImportReport, lang: str) -> list[Section]:
    """The report's non-empty lists, gravest first."""
    found = [
        ("errors", "error", problems_table(report.errors, lang) if report.errors else None),
        (
            "areas_without_geometry",
            "warning",
            missing_geometry_table(report.areas_without_geometry, report, lang) if report.areas_without_geometry else None,
        ),
        (
            "geometries_without_data",
            "warning",
            unmatched_table(report.geometries_without_data, lang) if report.geometries_without_data else None,
        ),
        ("unmatched_ids", "warning", unmatched_table(report.unmatched_ids, lang) if report.unmatched_ids else None),
        ("out_of_range", "warning", problems_table(report.out_of_range, lang) if report.out_of_range else None),
        ("warnings", "warning", problems_table(report.warnings, lang) if report.warnings else None),
        ("notes", "info", problems_table(report.notes, lang) if report.notes else None),
    ]
    expected = t("check.column.expected", lang)
    return [
        Section(key, t(f"check.section.{key}", lang), severity, table, *((expected, _wrapped(table, expected)) if expected in table.columns else ()))
        for key, severity, table in found
        if table is not None
    ]


def report_download(report: ImportReport, lang: str) -> tuple[str, bytes]:
    """File name and bytes of the report as text, for a download button."""
    stem = Path(report.spec_file or "import").stem
    name = f"{stem}.import-report.{lang}.txt"
    return name, report.text(lang).encode("utf-8")


def import_command(spec_file: str) -> str:
    """The command that imports for real, once the report is right."""
    return f"python -m loaders.importer {spec_file} --out data/<name>"
