"""The page "Daten & Export": the values of many indicators, years and areas in one table, and the catalog.

Values come from the store (suppression applied: a withheld value is empty and its note says
so). Two layouts: long (one row per area, indicator and year — tidy, for R and pandas) and
wide (one row per area and year, one column per indicator — for Excel). Screen tables are
formatted per language; the downloads carry the numbers (views.export).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from loaders.store import Indicator
from views.export import Column, ExportTable, count_or_number, periods_text
from views.i18n import format_number, format_values, t
from views.markup import escape_markdown
from views.tables import SCREEN_ROWS, rows_note

LAYOUTS = ("long", "wide")
VALUE_COLUMNS = ["indicator_id", "area_id", "name", "period", "value", "numerator", "denominator", "aggregated", "suppressed"]


def select_values(
    series: Mapping[str, pd.DataFrame], *, period_from: int, period_to: int, area_ids: Sequence[str] | None
) -> pd.DataFrame:
    """The store's series (indicator id → all periods of one level) cut to the years and areas asked
    for, in one long frame ordered by indicator (in the order given), year and area id."""
    parts = []
    for position, (indicator_id, frame) in enumerate(series.items()):
        keep = frame["period"].between(period_from, period_to)
        if area_ids:
            keep &= frame["area_id"].isin(area_ids)
        parts.append(frame.loc[keep].assign(indicator_id=indicator_id, _order=position))
    if not parts:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    combined = pd.concat(parts, ignore_index=True).sort_values(["_order", "period", "area_id"], kind="stable")
    return combined[VALUE_COLUMNS].reset_index(drop=True)


def value_notes(values: pd.DataFrame, lang: str) -> np.ndarray:
    """Per row: 'geheim gehalten (kleine Fallzahl)', 'kein Wert' or ''."""
    suppressed = values["suppressed"].fillna(False).astype(bool).to_numpy()
    missing = values["value"].isna().to_numpy()
    return np.where(suppressed, t("note.suppressed", lang), np.where(missing, t("note.missing", lang), ""))


def _decimals(entry: Indicator) -> int:
    """Counts are whole numbers; everything else has the catalog's decimals."""
    return 0 if entry.kind == "count" else int(entry.decimals)


def _formatted(values: pd.DataFrame, entries: Mapping[str, Indicator], lang: str) -> np.ndarray:
    """Each row's value with its indicator's unit and decimals, formatted a column (one indicator) at a time."""
    out = np.full(len(values), "", dtype=object)
    for indicator_id, rows in values.groupby("indicator_id", sort=False).indices.items():
        entry = entries[indicator_id]
        out[rows] = format_values(values["value"].iloc[rows], entry.unit(lang), lang, _decimals(entry)).to_numpy()
    return out


def long_screen(values: pd.DataFrame, entries: Mapping[str, Indicator], lang: str) -> pd.DataFrame:
    """The long table for the screen, its first SCREEN_ROWS rows: area, year, indicator, value with
    its unit, numerator, denominator, note (numbers formatted per language)."""
    shown = values.head(SCREEN_ROWS).reset_index(drop=True)
    table = pd.DataFrame(
        {
            t("column.area_id", lang): shown["area_id"],
            t("column.area", lang): shown["name"],
            t("column.period", lang): shown["period"].astype(str),
            t("column.indicator", lang): [entries[i].label(lang) for i in shown["indicator_id"]],
            t("column.value", lang): _formatted(shown, entries, lang),
            t("column.numerator", lang): format_values(shown["numerator"], "", lang, 0),
            t("column.denominator", lang): format_values(shown["denominator"], "", lang, 0),
            t("column.note", lang): value_notes(shown, lang),
        }
    )
    if shown["numerator"].isna().all():
        table = table.drop(columns=[t("column.numerator", lang), t("column.denominator", lang)])
    return table


def _wide_header(entry: Indicator, lang: str) -> str:
    unit = entry.unit(lang)
    return f"{entry.label(lang)} ({unit})" if unit else entry.label(lang)


def _wide_frame(values: pd.DataFrame, column: str) -> pd.DataFrame:
    """One row per area and year (ordered by area id, year), one column per indicator."""
    order = list(dict.fromkeys(values["indicator_id"]))
    wide = values.pivot(index=["area_id", "name", "period"], columns="indicator_id", values=column)
    return wide.reindex(columns=order).sort_index(level=["area_id", "period"])


def _wide_notes(values: pd.DataFrame, entries: Mapping[str, Indicator], lang: str) -> pd.Series:
    """Per area and year: 'geheim gehalten (kleine Fallzahl): A, B' for the withheld indicators."""
    withheld = values[values["suppressed"].fillna(False).astype(bool)]
    if withheld.empty:
        return pd.Series(dtype=object)
    labels = withheld.assign(label=[entries[i].label(lang) for i in withheld["indicator_id"]])
    grouped = labels.groupby(["area_id", "name", "period"], sort=False)["label"].agg(", ".join)
    return f"{t('note.suppressed', lang)}: " + grouped


def wide_screen(values: pd.DataFrame, entries: Mapping[str, Indicator], lang: str) -> pd.DataFrame:
    """The wide table for the screen, its first SCREEN_ROWS rows: area, year, then one formatted
    column per indicator, note."""
    wide = _wide_frame(values, "value").head(SCREEN_ROWS)
    notes = _wide_notes(values, entries, lang).reindex(wide.index).fillna("")
    table = pd.DataFrame(
        {
            t("column.area_id", lang): wide.index.get_level_values("area_id"),
            t("column.area", lang): wide.index.get_level_values("name"),
            t("column.period", lang): wide.index.get_level_values("period").astype(str),
        }
    )
    for indicator_id in wide.columns:
        entry = entries[indicator_id]
        table[_wide_header(entry, lang)] = format_values(wide[indicator_id], entry.unit(lang), lang, _decimals(entry)).to_numpy()
    table[t("column.note", lang)] = notes.to_numpy()
    return table


@dataclass(frozen=True)
class ValuesView:
    """What the page shows of a selection of values: the summary sentence, the screen table (its
    first rows) with the note saying so ('' when it has every row), and the download."""

    summary: str
    screen: pd.DataFrame
    screen_note: str
    export: ExportTable


def values_view(
    values: pd.DataFrame,
    entries: Mapping[str, Indicator],
    *,
    level_plural: str,
    layout: str,
    periods: Sequence[int],
    context: tuple[str, ...],
    lang: str,
) -> ValuesView:
    """The page's view of `values` (select_values; not empty) in the layout chosen; `entries` are the
    chosen indicators' catalog entries, in their order (see values_export)."""
    if layout == "wide":
        screen, rows = wide_screen(values, entries, lang), len(values.drop_duplicates(["area_id", "period"]))
    else:
        screen, rows = long_screen(values, entries, lang), len(values)
    return ValuesView(
        summary=summary(values, n_indicators=len(entries), level_plural=level_plural, lang=lang),
        screen=screen,
        screen_note=rows_note(SCREEN_ROWS, rows, lang),
        export=values_export(values, entries, periods=periods, level_plural=level_plural, layout=layout, context=context, lang=lang),
    )


def _title_and_name(
    entries: Sequence[Indicator], periods: Sequence[int], level_plural: str, layout: str, lang: str
) -> tuple[str, tuple[str | int, ...]]:
    span = periods_text(periods)
    if len(entries) == 1:
        what, name = entries[0].label(lang), (entries[0].indicator_id,)
    else:
        what = t("data.n_indicators", lang, n=len(entries))
        name = (t("export.name.values", lang), t("export.name.indicators", lang, n=len(entries)))
    layout_part = (t("data.layout_name.wide", lang),) if layout == "wide" else ()
    return f"{what} · {span} · {level_plural}", (*name, level_plural, span, *layout_part)


def values_export(
    values: pd.DataFrame,
    entries: Mapping[str, Indicator],
    *,
    periods: Sequence[int],
    level_plural: str,
    layout: str,
    context: tuple[str, ...],
    lang: str,
) -> ExportTable:
    """The selection for download, long or wide. Values are rounded to their indicator's decimals
    in CSV and xlsx (counts whole), unrounded in Parquet; withheld values are empty with a note.

    `entries` are the catalog entries of the indicators in `values`, in the order of the columns;
    `context` are sentences for the metadata (e.g. the filters).
    """
    chosen = [entries[i] for i in dict.fromkeys(values["indicator_id"])] or list(entries.values())
    title, name = _title_and_name(chosen, periods, level_plural, layout, lang)
    if values["aggregated"].fillna(False).astype(bool).any():
        context = (*context, t("note.aggregated", lang))
    if layout == "wide":
        frame, columns = _wide_export(values, entries, lang)
    else:
        frame, columns = _long_export(values, entries, lang)
    return ExportTable(
        frame=frame,
        columns=columns,
        name=name,
        title=title,
        indicators=tuple(chosen),
        periods=tuple(sorted({int(p) for p in values["period"].unique()})) or tuple(periods),
        level=level_plural,
        notes=context,
    )


def _long_export(values: pd.DataFrame, entries: Mapping[str, Indicator], lang: str) -> tuple[pd.DataFrame, dict[str, Column]]:
    rows = values.reset_index(drop=True)
    row_entries = [entries[i] for i in rows["indicator_id"]]
    data = {
        t("column.area_id", lang): (rows["area_id"], Column("id")),
        t("column.area", lang): (rows["name"], Column("text")),
        t("column.period", lang): (rows["period"], Column("integer")),
        t("export.column.indicator_id", lang): (rows["indicator_id"], Column("id")),
        t("column.indicator", lang): ([e.label(lang) for e in row_entries], Column("text")),
        t("column.value", lang): (rows["value"], Column("number", tuple(_decimals(e) for e in row_entries))),
        t("column.unit", lang): ([e.unit(lang) for e in row_entries], Column("text")),
        t("column.numerator", lang): (rows["numerator"], count_or_number(rows["numerator"])),
        t("column.denominator", lang): (rows["denominator"], count_or_number(rows["denominator"])),
        t("column.note", lang): (value_notes(rows, lang), Column("text")),
    }
    frame = pd.DataFrame({header: column for header, (column, _) in data.items()}, index=rows.index)
    return frame, {header: spec for header, (_, spec) in data.items()}


def _wide_export(values: pd.DataFrame, entries: Mapping[str, Indicator], lang: str) -> tuple[pd.DataFrame, dict[str, Column]]:
    wide = _wide_frame(values, "value")
    notes = _wide_notes(values, entries, lang).reindex(wide.index).fillna("")
    frame = pd.DataFrame(
        {
            t("column.area_id", lang): wide.index.get_level_values("area_id"),
            t("column.area", lang): wide.index.get_level_values("name"),
            t("column.period", lang): wide.index.get_level_values("period"),
        }
    )
    columns: dict[str, Column] = {
        t("column.area_id", lang): Column("id"),
        t("column.area", lang): Column("text"),
        t("column.period", lang): Column("integer"),
    }
    for indicator_id in wide.columns:
        entry = entries[indicator_id]
        header = _wide_header(entry, lang)
        frame[header] = wide[indicator_id].to_numpy(dtype=float)
        columns[header] = Column("integer") if entry.kind == "count" else Column("number", _decimals(entry), entry.unit(lang))
    frame[t("column.note", lang)] = notes.to_numpy()
    columns[t("column.note", lang)] = Column("text")
    return frame, columns


# ---- the catalog --------------------------------------------------------------------------------
def catalog_export(entries: Sequence[Indicator], periods: Mapping[str, Sequence[int]], *, dataset: str, lang: str) -> ExportTable:
    """The indicator catalog: id, topic, label, unit, definition, polarity, kind, decimals, source,
    licence, vintage, years with values, SDG, synthetic or official — one row per indicator."""
    yes, no = t("data.yes", lang), t("data.no", lang)
    data = {
        t("export.field.id", lang): ([e.indicator_id for e in entries], Column("id")),
        t("export.field.topic", lang): ([t("domain." + e.domain, lang) for e in entries], Column("text")),
        t("export.field.label", lang): ([e.label(lang) for e in entries], Column("text")),
        t("export.field.unit", lang): ([e.unit(lang) for e in entries], Column("text")),
        t("export.field.definition", lang): ([e.description(lang) for e in entries], Column("text")),
        t("export.field.polarity", lang): ([t("polarity." + e.polarity, lang) for e in entries], Column("text")),
        t("export.field.kind", lang): ([t("kind." + e.kind, lang) for e in entries], Column("text")),
        t("export.meta.decimals", lang): ([int(e.decimals) for e in entries], Column("integer")),
        t("export.field.source", lang): ([e.source for e in entries], Column("text")),
        t("export.field.licence", lang): ([e.licence for e in entries], Column("text")),
        t("export.field.vintage", lang): ([e.vintage for e in entries], Column("text")),
        t("data.catalog.periods", lang): ([periods_text(periods.get(e.indicator_id, ())) for e in entries], Column("text")),
        t("catalog.sdg", lang): ([e.sdg for e in entries], Column("text")),
        t("data.catalog.synthetic", lang): ([yes if e.is_synthetic else no for e in entries], Column("text")),
    }
    return ExportTable(
        frame=pd.DataFrame({header: column for header, (column, _) in data.items()}, index=range(len(entries))),
        columns={header: spec for header, (_, spec) in data.items()},
        name=(t("export.name.catalog", lang),),
        title=f"{t('data.catalog.title', lang)}: {dataset}",
        indicators=tuple(entries),
        periods=tuple(sorted({p for ps in periods.values() for p in ps})),
    )


def indicator_card(entry: Indicator, periods: Sequence[int], lang: str) -> str:
    """One catalog entry as Markdown (every data string escaped): label, unit, definition, then
    topic, kind, polarity, years, source, licence, vintage, SDG, id."""
    rows = [
        (t("export.field.topic", lang), t("domain." + entry.domain, lang)),
        (t("export.field.kind", lang), t("kind." + entry.kind, lang)),
        (t("export.field.polarity", lang), t("polarity." + entry.polarity, lang)),
        (t("data.catalog.periods", lang), periods_text(periods)),
        (t("export.field.source", lang), entry.source),
        (t("export.field.licence", lang), entry.licence),
        (t("export.field.vintage", lang), entry.vintage),
        (t("catalog.sdg", lang), entry.sdg),
        (t("export.field.id", lang), entry.indicator_id),
    ]
    unit = f" ({escape_markdown(entry.unit(lang))})" if entry.unit(lang) else ""
    lines = [f"**{escape_markdown(entry.label(lang))}**{unit}", "", escape_markdown(entry.description(lang), limit=2000), ""]
    lines += [f"- {label}: {escape_markdown(text)}" for label, text in rows if text]
    lines.append(f"- {t('catalog.synthetic' if entry.is_synthetic else 'catalog.real', lang)}")
    return "\n".join(lines)


def summary(values: pd.DataFrame, *, n_indicators: int, level_plural: str, lang: str) -> str:
    """'1.234 Zeilen · 3 Indikatoren · 542 Planungsräume · 2020–2022 · 12 Werte geheim gehalten'."""
    withheld = int(values["suppressed"].fillna(False).astype(bool).sum())
    parts = [
        t("data.summary.rows", lang, n=format_number(len(values), lang)),
        t("data.one_indicator", lang) if n_indicators == 1 else t("data.n_indicators", lang, n=n_indicators),
        f"{format_number(values['area_id'].nunique(), lang)} {level_plural}",
        periods_text(values["period"].unique()),
    ]
    if withheld:
        parts.append(t("data.summary.withheld", lang, n=format_number(withheld, lang)))
    return " · ".join(p for p in parts if p)
