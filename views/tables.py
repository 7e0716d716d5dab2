"""Tables behind the charts: one for the screen (formatted per language) and one for export.

Both are built from the store's values, in which small counts are already withheld, so no
table can show or export a hidden value.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.store import Indicator
from views.export import Column, ExportTable, count_or_number
from views.i18n import format_deltas, format_number, format_values, t


def notes(values: pd.DataFrame, lang: str) -> pd.Series:
    """Why a row has no value, or that it is uncertain: withheld, missing, uncertain (small base)."""
    if values.empty:
        return pd.Series(dtype=str)
    suppressed = _flags(values, "suppressed", False)
    # a share is uncertain only where its base is known and small (metrics.district)
    base_known = values["denominator"].notna().to_numpy() if "denominator" in values else np.zeros(len(values), dtype=bool)
    uncertain = base_known & ~_flags(values, "reliable", True)
    texts = np.select(
        [suppressed, values["value"].isna().to_numpy(), uncertain],
        [t("note.suppressed", lang), t("note.missing", lang), t("note.unreliable", lang)],
        "",
    )
    return pd.Series(texts.tolist(), index=values.index, dtype=str)


def _flags(values: pd.DataFrame, column: str, default: bool) -> np.ndarray:
    """A column read as truth values, as `if row[column]` reads it (a missing column: `default`)."""
    if column not in values:
        return np.full(len(values), default)
    flags = values[column]
    return flags.to_numpy() if flags.dtype == bool else np.array([bool(v) for v in flags.tolist()], dtype=bool)


SCREEN_ROWS = 1_000  # a table on the screen shows at most this many rows, the first in the page's order; its download has all


def rows_note(shown: int, total: int, lang: str) -> str:
    """The sentence under a screen table that shows only its first `shown` of `total` rows ('' when it shows them all)."""
    if total <= shown:
        return ""
    return t("note.first_rows", lang, shown=format_number(shown, lang), total=format_number(total, lang))


def area_table(values: pd.DataFrame, *, entry: Indicator, city_name: str, lang: str, max_rows: int | None = None) -> pd.DataFrame:
    """The on-screen table: rank, id, name, value, difference from the city, class, note.

    `values` carries the store's columns plus `rank`, `deviation_abs`, `ci_low`, `ci_high`
    (from metrics.district), `share_of_city`, `density` and `class_label` (views.overview);
    rows are ordered by rank, missing values last. Shares get their 95 % Wilson interval. A
    count gets its share of the city's total and, where known, its density instead of a
    difference from the total. With `max_rows`, only the first rows in this order (the columns
    are those of the whole table).
    """
    unit, decimals = entry.unit(lang), int(entry.decimals)
    ordered = values.sort_values(["rank", "name"], na_position="last")
    without_counts, without_intervals = ordered["numerator"].isna().all(), ordered["ci_low"].isna().all()
    with_density = "density" in ordered and ordered["density"].notna().any()
    if max_rows is not None:
        ordered = ordered.head(max_rows)
    columns: dict[str, object] = {
        t("column.rank", lang): ["–" if pd.isna(rank) else str(int(rank)) for rank in ordered["rank"]],
        t("column.area_id", lang): ordered["area_id"],
        t("column.area", lang): ordered["name"],
        t("column.value", lang): format_values(ordered["value"], unit, lang, decimals).tolist(),
    }
    if entry.kind == "count":
        columns[t("column.share_of_city", lang, city=city_name)] = format_values(ordered["share_of_city"], "%", lang, 1).tolist()
        if with_density:
            columns[t("column.density", lang, unit=unit)] = format_values(ordered["density"], "", lang, max(decimals, 0)).tolist()
    else:
        columns[t("column.deviation", lang, city=city_name)] = format_deltas(ordered["deviation_abs"], unit, lang, decimals).tolist()
    columns.update(
        {
            t("column.class", lang): ordered["class_label"].fillna("–"),
            t("column.interval", lang): (
                format_values(ordered["ci_low"], unit, lang, decimals) + " – " + format_values(ordered["ci_high"], unit, lang, decimals)
            ).where(ordered["ci_low"].notna(), "–").tolist(),
            t("column.numerator", lang): format_values(ordered["numerator"], "", lang, 0).tolist(),
            t("column.denominator", lang): format_values(ordered["denominator"], "", lang, 0).tolist(),
            t("column.note", lang): notes(ordered, lang),
        }
    )
    table = pd.DataFrame(columns)
    if without_counts:
        table = table.drop(columns=[t("column.numerator", lang), t("column.denominator", lang)])
    if without_intervals:
        table = table.drop(columns=[t("column.interval", lang)])
    return table.reset_index(drop=True)


def _export_headers(city_name: str, lang: str, unit: str = "") -> dict[str, str]:
    return {
        "rank": t("column.rank", lang),
        "area_id": t("column.area_id", lang),
        "area": t("column.area", lang),
        "period": t("column.period", lang),
        "indicator": t("column.indicator", lang),
        "value": t("column.value", lang),
        "unit": t("column.unit", lang),
        "deviation": t("column.deviation", lang, city=city_name),
        "share_of_city": t("column.share_of_city", lang, city=city_name),
        "density": t("column.density", lang, unit=unit),
        "class": t("column.class", lang),
        "class_range": t("export.column.class_range", lang),
        "ci_low": t("export.column.interval_low", lang),
        "ci_high": t("export.column.interval_high", lang),
        "numerator": t("column.numerator", lang),
        "denominator": t("column.denominator", lang),
        "note": t("column.note", lang),
    }


def map_columns(lang: str, unit: str = "") -> list[str]:
    """The export columns behind the map: area, value (for a count also the density it is coloured by), class."""
    headers = _export_headers("", lang, unit)
    return [headers[k] for k in ("area_id", "area", "period", "indicator", "value", "unit", "density", "class", "class_range", "note")]


def ranking_columns(city_name: str, lang: str) -> list[str]:
    """The export columns behind the ranking chart: rank, area, value, difference from the city
    (for a count: its share of the city's total)."""
    headers = _export_headers(city_name, lang)
    return [headers[k] for k in ("rank", "area_id", "area", "period", "indicator", "value", "unit", "deviation", "share_of_city", "note")]


def export_table(
    values: pd.DataFrame, *, entry: Indicator, city_name: str, level_plural: str, period: int, lang: str, context: tuple[str, ...] = ()
) -> ExportTable:
    """The table for download, in the order of the screen: rank, area, value (rounded to the
    indicator's decimals in CSV and xlsx), difference from the city, class and its bounds, the 95 %
    interval, numerator and denominator (whole numbers), note. Columns the screen leaves out
    (no interval, no numerator) are left out too.

    `values` is the overview's frame (store values plus metrics.district and the classes);
    `context` are sentences for the metadata (e.g. the city value).
    """
    unit, decimals = entry.unit(lang), int(entry.decimals)
    headers = _export_headers(city_name, lang, unit)
    ordered = values.sort_values(["rank", "name"], na_position="last").reset_index(drop=True)
    number = Column("number", decimals, unit)
    columns: dict[str, tuple[object, Column]] = {
        "rank": (ordered["rank"], Column("integer")),
        "area_id": (ordered["area_id"], Column("id")),
        "area": (ordered["name"], Column("text")),
        "period": (ordered["period"], Column("integer")),
        "indicator": (entry.label(lang), Column("text")),
        "value": (ordered["value"], Column("integer") if entry.kind == "count" else number),
        "unit": (unit, Column("text")),
        "deviation": (ordered["deviation_abs"], number),
        "share_of_city": (ordered["share_of_city"], Column("number", 1, "%")),
        "density": (ordered["density"], Column("number", decimals, t("unit.per_km2", lang, unit=unit))),
        "class": (ordered["class_number"], Column("integer")),
        "class_range": (ordered["class_range"], Column("text")),
        "ci_low": (ordered["ci_low"], number),
        "ci_high": (ordered["ci_high"], number),
        "numerator": (ordered["numerator"], count_or_number(ordered["numerator"])),
        "denominator": (ordered["denominator"], count_or_number(ordered["denominator"])),
        "note": (ordered["note"] if "note" in ordered else notes(ordered, lang), Column("text")),
    }
    if entry.kind == "count" or ordered["deviation_abs"].isna().all():
        del columns["deviation"]  # a count is a part of the city's total, not comparable with it
    if entry.kind != "count" or ordered["share_of_city"].isna().all():
        del columns["share_of_city"]
    if entry.kind != "count" or ordered["density"].isna().all():
        del columns["density"]
    if ordered["ci_low"].isna().all():
        del columns["ci_low"], columns["ci_high"]
    if ordered["numerator"].isna().all():
        del columns["numerator"], columns["denominator"]
    frame = pd.DataFrame({headers[key]: data for key, (data, _) in columns.items()}, index=ordered.index)
    if ordered["aggregated"].any():
        context = (*context, t("note.aggregated", lang))
    return ExportTable(
        frame=frame,
        columns={headers[key]: column for key, (_, column) in columns.items()},
        name=(entry.indicator_id, level_plural, period),
        title=f"{entry.label(lang)} · {period} · {level_plural}",
        indicators=(entry,),
        periods=(period,),
        level=level_plural,
        notes=(*context, t("map.classes_note", lang)),
    )
