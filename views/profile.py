"""The area profile: every indicator for one area next to the city value, and its trend."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from loaders.store import Indicator
from views import charts
from views.export import Column, ExportTable
from views.i18n import format_delta, format_value, t

SIMILAR_WITHIN = 0.05  # a value within ±5 % of the city value counts as "about the same"


def assessment(value: float | None, city_value: float | None, polarity: str) -> str:
    """'favourable', 'unfavourable', 'similar' or 'neutral' relative to the city, by polarity."""
    if value is None or city_value is None or pd.isna(value) or pd.isna(city_value):
        return "neutral"
    if polarity == "neutral":
        return "neutral"
    if city_value != 0 and abs(value / city_value - 1) <= SIMILAR_WITHIN:
        return "similar"
    higher = value > city_value
    return "favourable" if higher == (polarity == "higher_better") else "unfavourable"


def profile_table(rows: list[tuple[Indicator, float | None, float | None, bool]], *, city: str, lang: str) -> pd.DataFrame:
    """One row per indicator: topic, indicator, area value, city value, difference, assessment.

    `rows` holds (entry, area value, city value, withheld) per indicator. Counts get no
    difference: an area's count minus the city's total says nothing.
    """
    records = []
    for entry, value, city_value, withheld in rows:
        unit, decimals = entry.unit(lang), int(entry.decimals)
        verdict = assessment(value, city_value, entry.polarity)
        records.append(
            {
                t("sidebar.domain", lang): t("domain." + entry.domain, lang),
                t("column.indicator", lang): entry.label(lang),
                t("column.value", lang): t("note.suppressed", lang) if withheld else format_value(value, unit, lang, decimals),
                t("chart.city_sentence", lang, city=city, value="").rstrip(" :."): format_value(city_value, unit, lang, decimals),
                t("column.deviation", lang, city=city): format_delta(
                    None if value is None or city_value is None or entry.kind == "count" else value - city_value,
                    unit,
                    lang,
                    decimals,
                ),
                t("profile.assessment", lang): t("assessment." + verdict, lang),
            }
        )
    return pd.DataFrame(records)


def profile_export(
    rows: list[tuple[Indicator, float | None, float | None, bool]],
    *,
    area_id: str,
    area_name: str,
    period: int,
    city: str,
    level_plural: str,
    lang: str,
) -> ExportTable:
    """The profile for download: one row per indicator with the area's and the city's value (each
    rounded to its indicator's decimals, counts whole), the difference, the assessment, withheld
    values empty with a note."""
    entries = [entry for entry, *_ in rows]
    decimals = tuple(0 if entry.kind == "count" else int(entry.decimals) for entry in entries)
    city_column = t("chart.city_sentence", lang, city=city, value="").rstrip(" :.")
    headers = {
        "area_id": t("column.area_id", lang),
        "area": t("column.area", lang),
        "period": t("column.period", lang),
        "domain": t("sidebar.domain", lang),
        "indicator_id": t("export.column.indicator_id", lang),
        "indicator": t("column.indicator", lang),
        "value": t("column.value", lang),
        "city": city_column,
        "deviation": t("column.deviation", lang, city=city),
        "assessment": t("profile.assessment", lang),
        "unit": t("column.unit", lang),
        "note": t("column.note", lang),
    }
    data = {
        "area_id": (area_id, Column("id")),
        "area": (area_name, Column("text")),
        "period": (period, Column("integer")),
        "domain": ([t("domain." + entry.domain, lang) for entry in entries], Column("text")),
        "indicator_id": ([entry.indicator_id for entry in entries], Column("id")),
        "indicator": ([entry.label(lang) for entry in entries], Column("text")),
        "value": ([np.nan if value is None else value for _, value, _, _ in rows], Column("number", decimals)),
        "city": ([np.nan if city_value is None else city_value for _, _, city_value, _ in rows], Column("number", decimals)),
        "deviation": (
            [
                np.nan if value is None or city_value is None or entry.kind == "count" else value - city_value
                for entry, value, city_value, _ in rows
            ],
            Column("number", decimals),
        ),
        "assessment": ([t("assessment." + assessment(value, city_value, entry.polarity), lang) for entry, value, city_value, _ in rows], Column("text")),
        "unit": ([entry.unit(lang) for entry in entries], Column("text")),
        "note": ([t("note.suppressed", lang) if withheld else ("" if value is not None else t("note.missing", lang)) for _, value, _, withheld in rows], Column("text")),
    }
    return ExportTable(
        frame=pd.DataFrame({headers[key]: values for key, (values, _) in data.items()}, index=range(len(rows))),
        columns={headers[key]: column for key, (_, column) in data.items()},
        name=(t("export.name.profile", lang), area_id, area_name, period),
        title=f"{t('profile.title', lang)}: {area_name} ({area_id}) · {period}",
        indicators=tuple(entries),
        periods=(period,),
        level=level_plural,
    )


def trend_export(
    area_series: pd.DataFrame, city_series: pd.DataFrame, *, area_id: str, area_name: str, city: str, entry: Indicator, level_plural: str, lang: str
) -> ExportTable:
    """The data of the trend chart: one row per year with the city's and the area's value, and a note
    where the area's value is withheld or missing."""
    city_column = t("chart.city_sentence", lang, city=city, value="").rstrip(" :.")
    area = area_series.set_index("period")
    periods = sorted(set(city_series["period"]) | set(area.index))
    city_values = city_series.set_index("period")["value"].reindex(periods)
    area_values = area["value"].reindex(periods)
    withheld = area["suppressed"].reindex(periods).fillna(False).astype(bool) if "suppressed" in area else pd.Series(False, index=periods)
    note = [t("note.suppressed", lang) if hidden else (t("note.missing", lang) if pd.isna(v) else "") for hidden, v in zip(withheld, area_values)]
    decimals = 0 if entry.kind == "count" else int(entry.decimals)
    unit = entry.unit(lang)
    headers = [t("column.period", lang), city_column, area_name, t("column.note", lang)]
    frame = pd.DataFrame(dict(zip(headers, [periods, city_values.to_numpy(), area_values.to_numpy(), note])))
    return ExportTable(
        frame=frame,
        columns=dict(zip(headers, [Column("integer"), Column("number", decimals, unit), Column("number", decimals, unit), Column("text")])),
        name=(entry.indicator_id, t("export.name.trend", lang), area_id, area_name),
        title=f"{entry.label(lang)} ({unit}) · {area_name} ({area_id}), {city_column}",
        indicators=(entry,),
        periods=tuple(int(p) for p in periods),
        level=level_plural,
    )


def trend_figure(
    area_series: pd.DataFrame, city_series: pd.DataFrame, *, area_name: str, city: str, entry: Indicator, lang: str
) -> tuple[go.Figure, pd.DataFrame]:
    """The trend of one indicator for the area and the city, and the long table behind it."""
    long = pd.concat(
        [
            city_series.assign(label=t("chart.city_sentence", lang, city=city, value="").rstrip(" :."))[["label", "period", "value"]],
            area_series.assign(label=area_name)[["label", "period", "value"]],
        ],
        ignore_index=True,
    )
    figure = charts.trend(long, unit=entry.unit(lang), decimals=int(entry.decimals), lang=lang)
    return figure, long
