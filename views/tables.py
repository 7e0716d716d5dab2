"""Tables behind the charts: one for the screen (formatted per language) and one for export.

Both are built from the store's values, in which small counts are already withheld, so no
table can show or export a hidden value.
"""
from __future__ import annotations

import pandas as pd

from loaders.store import Indicator
from views.i18n import format_delta, format_number, format_value, t


def notes(values: pd.DataFrame, lang: str) -> pd.Series:
    """Why a row has no value, or that it is uncertain: withheld, missing, uncertain (small base)."""

    def note(row: pd.Series) -> str:
        if row.get("suppressed", False):
            return t("note.suppressed", lang)
        if pd.isna(row["value"]):
            return t("note.missing", lang)
        # a share is uncertain only where its base is known and small (metrics.district)
        uncertain = pd.notna(row.get("denominator")) and not bool(row.get("reliable", True))
        return t("note.unreliable", lang) if uncertain else ""

    return values.apply(note, axis=1) if not values.empty else pd.Series(dtype=str)


def area_table(values: pd.DataFrame, *, entry: Indicator, city_name: str, lang: str) -> pd.DataFrame:
    """The on-screen table: rank, id, name, value, difference from the city, class, note.

    `values` carries the store's columns plus `rank`, `deviation_abs`, `ci_low`, `ci_high`
    (from metrics.district) and `class_label`; rows are ordered by rank, missing values last.
    Shares get their 95 % Wilson interval.
    """
    unit, decimals = entry.unit(lang), int(entry.decimals)
    ordered = values.sort_values(["rank", "name"], na_position="last")
    table = pd.DataFrame(
        {
            t("column.rank", lang): ["–" if pd.isna(rank) else str(int(rank)) for rank in ordered["rank"]],
            t("column.area_id", lang): ordered["area_id"],
            t("column.area", lang): ordered["name"],
            t("column.value", lang): [format_value(v, unit, lang, decimals) for v in ordered["value"]],
            t("column.deviation", lang, city=city_name): [format_delta(v, unit, lang, decimals) for v in ordered["deviation_abs"]],
            t("column.class", lang): ordered["class_label"].fillna("–"),
            t("column.interval", lang): [
                "–" if pd.isna(low) else f"{format_value(low, unit, lang, decimals)} – {format_value(high, unit, lang, decimals)}"
                for low, high in zip(ordered["ci_low"], ordered["ci_high"])
            ],
            t("column.numerator", lang): [format_number(v, lang, 0) for v in ordered["numerator"]],
            t("column.denominator", lang): [format_number(v, lang, 0) for v in ordered["denominator"]],
            t("column.note", lang): notes(ordered, lang),
        }
    )
    if ordered["numerator"].isna().all():
        table = table.drop(columns=[t("column.numerator", lang), t("column.denominator", lang)])
    if ordered["ci_low"].isna().all():
        table = table.drop(columns=[t("column.interval", lang)])
    return table.reset_index(drop=True)


def export_table(values: pd.DataFrame, *, entry: Indicator, lang: str) -> pd.DataFrame:
    """The export table: raw numbers (no rounding), one row per area, with unit, note, source and licence."""
    return pd.DataFrame(
        {
            t("column.area_id", lang): values["area_id"],
            t("column.area", lang): values["name"],
            t("column.period", lang): values["period"],
            t("column.indicator", lang): entry.label(lang),
            t("column.value", lang): values["value"],
            t("column.unit", lang): entry.unit(lang),
            t("column.numerator", lang): values["numerator"],
            t("column.denominator", lang): values["denominator"],
            t("column.note", lang): notes(values, lang),
            t("column.source", lang): entry.source,
            t("column.licence", lang): entry.licence,
        }
    ).reset_index(drop=True)
