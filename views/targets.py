"""Targets and progress: judged targets as tables, a pace chart, a trend with the target path, sentences.

Each target is judged by metrics.targets (the method is stated there and in docs/targets.md):
a city-wide target on the city value, an area target on each of its areas, where the area
with the worst status sets the target's status. For a city-wide target the areas of the
chosen level are measured against the same target value, to show which are furthest from it.
Data strings (labels, names) are escaped for Markdown in sentences and for plotly in charts;
alt texts are plain text.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from loaders.contract import Target
from loaders.store import Indicator
from metrics.targets import (
    STATUSES,
    Assessment,
    assess,
    assess_areas,
    furthest_first,
    weakest,
)
from views.charts import FONT, apply_layout
from views.classify import SERIES_COLORS, TARGET_STATUS_COLORS, TARGET_STATUS_PATTERNS
from views.export import Column, ExportTable
from views.i18n import format_delta, format_number, format_value, percent_axis, t
from views.markup import (
    LONG_TEXT_CHARACTERS,
    escape_markdown,
    plain,
    plotly_text,
    plotly_wrapped,
)

MAX_LISTED_FURTHEST = 3
MAX_TREND_AREAS = 6
MAX_SHOWN_AREAS = 100  # rows of the areas' table on the page (furthest first); the download holds every area
RATIO_AXIS = (-150.0, 250.0)  # percent of the pace needed shown on the chart; the text carries the true value


def export_table(records: list[tuple[str, object, Column]], *, name: tuple[str | int, ...], title: str, indicators: tuple[Indicator, ...]) -> ExportTable:
    """An ExportTable from (header, values, column) triples, in order."""
    return ExportTable(
        frame=pd.DataFrame({header: values for header, values, _ in records}).reset_index(drop=True),
        columns={header: column for header, _, column in records},
        name=name,
        title=title,
        indicators=indicators,
    )


@dataclass(frozen=True)
class JudgedTarget:
    """One target with its judgement: `overall` sets its status; `areas` holds one row per area."""

    target: Target
    entry: Indicator
    overall: Assessment
    weakest_area: str | None
    city: Assessment
    areas: pd.DataFrame  # area_id, name and the fields of metrics.targets.Assessment
    level_id: str


def judge(target: Target, *, entry: Indicator, city_series: pd.DataFrame, area_series: pd.DataFrame, level_id: str) -> JudgedTarget:
    """Judge `target` on the city series and on the areas of `area_series` (area_id, name, period, value).

    `area_series` holds the areas of the target's level (or, for a city-wide target, of the
    level the reader chose); an area target keeps only its named areas.
    """
    rules = {"target": target.value, "direction": target.direction, "target_year": target.year, "base_year": target.base_year}
    city = assess(city_series["period"].to_numpy(), city_series["value"].to_numpy(dtype=float, na_value=np.nan), **rules)
    if target.areas:
        area_series = area_series[area_series["area_id"].isin(target.areas)]
    areas = assess_areas(area_series[["area_id", "period", "value"]], **rules)
    names = area_series.drop_duplicates("area_id").set_index("area_id")["name"]
    areas.insert(1, "name", areas["area_id"].map(names))
    if city.reason == "no_values" and areas["current_value"].notna().any():
        # the areas have values that cannot be combined into a city value (no numerator and denominator)
        city = Assessment(status="not_assessable", reason="no_city_value")
    overall, weakest_name = city, None
    if not target.is_citywide:
        row = weakest(areas)
        if row is None:
            reason = "no_values" if areas["reason"].eq("no_values").all() else "one_year"
            overall = Assessment(status="not_assessable", reason=reason)
        else:
            overall = Assessment(**{name: _plain(row[name]) for name in Assessment.__dataclass_fields__})
            weakest_name = str(row["name"])
    return JudgedTarget(target=target, entry=entry, overall=overall, weakest_area=weakest_name, city=city, areas=areas, level_id=level_id)


def _cells(column: pd.Series) -> list:
    """A column as plain Python values (NaN → None), as `_plain` gives them cell by cell."""
    return column.astype(object).where(column.notna(), None).tolist()


def _status_texts(judged: pd.DataFrame, lang: str) -> list[str]:
    """`status_text` of every row, worded once per status and reason."""
    pairs = list(zip(judged["status"], _cells(judged["reason"])))
    words = {pair: status_text(Assessment(status=pair[0], reason=pair[1]), lang) for pair in set(pairs)}
    return [words[pair] for pair in pairs]


def _plain(value: object) -> object:
    """A pandas cell as a plain Python value (NaN → None)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


# ---- formatting ----------------------------------------------------------------------------
def target_phrase(target: Target, entry: Indicator, lang: str) -> str:
    """'höchstens 20,0 % bis 2030' / 'at least 98.0% by 2030'."""
    value = format_value(target.value, entry.unit(lang), lang, int(entry.decimals))
    return t(f"targets.phrase.{target.direction}", lang, value=value, year=target.year)


def scope_text(target: Target, *, level_label: str | None, area_names: dict[str, str], lang: str) -> str:
    """Where a target applies: the whole city, every area of a level, or named areas."""
    if target.is_citywide:
        return t("targets.scope.city", lang)
    if not target.areas:
        return t("targets.scope.every", lang, level=level_label)
    names = ", ".join(area_names.get(area, area) for area in target.areas)
    return t("targets.scope.areas", lang, areas=names, level=level_label)


def pace_text(pace: float | None, method: str | None, entry: Indicator, lang: str) -> str:
    """A pace per year: a growth rate in % ('−1,5 % pro Jahr') or a change in the unit ('−0,50 Prozentpunkte pro Jahr')."""
    if pace is None or method is None or pd.isna(pace):
        return "–"
    if method == "growth":
        sign = "+" if round(pace * 100, 1) > 0 else ""
        return t("targets.pace.growth", lang, value=sign + format_value(pace * 100, "%", lang, 1))
    return t("targets.pace.linear", lang, value=format_delta(pace, entry.unit(lang), lang, int(entry.decimals) + 1))


def ratio_text(ratio: float | None, lang: str) -> str:
    """The pace achieved as a percentage of the pace needed ('56 %'), or '–'."""
    return "–" if ratio is None or pd.isna(ratio) else format_value(ratio * 100, "%", lang, 0)


def status_text(judged: Assessment, lang: str) -> str:
    """The status in words; for a target that cannot be judged, with the reason."""
    label = t(f"status.{judged.status}", lang)
    if judged.status == "not_assessable" and judged.reason:
        return f"{label} ({t('reason.' + judged.reason, lang)})"
    return label


def _value(value: float | None, entry: Indicator, lang: str) -> str:
    return format_value(value, entry.unit(lang), lang, int(entry.decimals))


def _year_value(year: float | None, value: float | None, entry: Indicator, lang: str) -> str:
    """'2015: 30,0 %'; the year may come as a float from a column with gaps."""
    return "–" if year is None else f"{int(year)}: {_value(value, entry, lang)}"


def _distance(remaining: float | None, entry: Indicator, lang: str) -> str:
    """The distance still to go in the indicator's unit ('10,9 Prozentpunkte'); '–' once reached or missing."""
    if remaining is None or pd.isna(remaining) or remaining <= 0:
        return "–"
    return format_delta(remaining, entry.unit(lang), lang, int(entry.decimals)).lstrip("+")


# ---- overview of all targets -----------------------------------------------------------------
@dataclass(frozen=True)
class TargetsOverview:
    table: pd.DataFrame
    export: ExportTable
    figure: go.Figure
    alt: str
    counts: list[tuple[str, int]]
    example_notes: list[str]


def build_overview(judged: list[JudgedTarget], *, level_labels: dict[str, str], area_names: dict[str, str], lang: str) -> TargetsOverview:
    """The table of all targets, its export (raw numbers), the pace chart with its alt text, status counts."""
    rows, export_rows = [], []
    for item in judged:
        target, entry, overall = item.target, item.entry, item.overall
        scope = scope_text(target, level_label=level_labels.get(target.level or ""), area_names=area_names, lang=lang)
        rows.append(
            {
                t("column.target", lang): target.label(lang),
                t("column.indicator", lang): entry.label(lang),
                t("column.scope", lang): scope,
                t("column.target_value", lang): target_phrase(target, entry, lang),
                t("column.base", lang): _year_value(overall.base_year, overall.base_value, entry, lang),
                t("column.current", lang): _year_value(overall.current_year, overall.current_value, entry, lang),
                t("column.status", lang): status_text(overall, lang),
                t("column.achieved_pace", lang): pace_text(overall.achieved_pace, overall.method, entry, lang),
                t("column.required_pace", lang): pace_text(overall.required_pace, overall.method, entry, lang),
                t("column.ratio", lang): ratio_text(overall.ratio, lang),
                t("column.weakest_area", lang): item.weakest_area or "–",
            }
        )
        export_rows.append((item, scope))
    counts = [(status, sum(item.overall.status == status for item in judged)) for status in STATUSES]
    counts = [(status, n) for status, n in counts if n]
    notes = list(dict.fromkeys(item.target.note(lang) for item in judged if item.target.is_example and item.target.note(lang)))
    figure = pace_chart(judged, lang=lang)
    items = "; ".join(
        t("targets.ratio_item", lang, label=item.target.label(lang), status=status_text(item.overall, lang), ratio=ratio_text(item.overall.ratio, lang))
        for item in judged
    )
    return TargetsOverview(
        table=pd.DataFrame(rows),
        export=_overview_export(export_rows, lang),
        figure=figure,
        alt=plain(t("targets.ratio_alt", lang, items=items + "."), limit=LONG_TEXT_CHARACTERS),
        counts=counts,
        example_notes=notes,
    )


def _overview_export(rows: list[tuple[JudgedTarget, str]], lang: str) -> ExportTable:
    """All targets with base, current, paces (growth rates as fractions, linear paces in the unit), ratio and status."""
    items = [item for item, _ in rows]
    decimals = tuple(int(item.entry.decimals) for item in items)
    overall = [item.overall for item in items]
    records = [
        (t("column.target_id", lang), [i.target.target_id for i in items], Column("id")),
        (t("column.target", lang), [i.target.label(lang) for i in items], Column("text")),
        (t("column.indicator", lang), [i.entry.label(lang) for i in items], Column("text")),
        (t("column.unit", lang), [i.entry.unit(lang) for i in items], Column("text")),
        (t("column.scope", lang), [scope for _, scope in rows], Column("text")),
        (t("column.direction", lang), [t(f"direction.{i.target.direction}", lang) for i in items], Column("text")),
        (t("column.target_value", lang), [i.target.value for i in items], Column("number", decimals)),
        (t("column.target_year", lang), [i.target.year for i in items], Column("integer")),
        (t("column.base_year", lang), [a.base_year for a in overall], Column("integer")),
        (t("column.base_value", lang), [a.base_value for a in overall], Column("number", decimals)),
        (t("column.current_year", lang), [a.current_year for a in overall], Column("integer")),
        (t("column.current_value", lang), [a.current_value for a in overall], Column("number", decimals)),
        (t("column.method", lang), [t(f"targets.method.{a.method}", lang) if a.method else "" for a in overall], Column("text")),
        (t("column.achieved_pace", lang), [a.achieved_pace for a in overall], Column("number", 4)),
        (t("column.required_pace", lang), [a.required_pace for a in overall], Column("number", 4)),
        (t("column.ratio", lang), [a.ratio for a in overall], Column("number", 3)),
        (t("column.status", lang), [status_text(a, lang) for a in overall], Column("text")),
        (t("column.weakest_area", lang), [i.weakest_area or "" for i in items], Column("text")),
        (t("column.example", lang), [t("value.yes" if i.target.is_example else "value.no", lang) for i in items], Column("text")),
        (t("column.note", lang), [i.target.note(lang) for i in items], Column("text")),
        (t("column.source", lang), [i.entry.source for i in items], Column("text")),
        (t("column.licence", lang), [i.entry.licence for i in items], Column("text")),
    ]
    return export_table(records, name=(t("export.name.targets", lang),), title=t("targets.overview", lang), indicators=tuple(dict.fromkeys(i.entry for i in items)))


def pace_chart(judged: list[JudgedTarget], *, lang: str) -> go.Figure:
    """One bar per target: the pace achieved in % of the pace needed, coloured and patterned by status.

    Above each bar, across the whole width (so the chart also reads on a phone), its
    percentage and status are written in words, then the target's label. Bars are clipped to
    RATIO_AXIS; the text gives the true percentage. Targets already achieved or not assessable get no bar, only their status.
    Lines at 0, 60 and 95 % mark the thresholds.
    """
    figure = go.Figure()
    rows = list(range(len(judged)))
    for status in STATUSES:
        members = [(row, item) for row, item in zip(rows, judged) if item.overall.status == status]
        if not members or status in ("achieved", "not_assessable"):
            continue
        figure.add_bar(
            x=[min(max((item.overall.ratio or 0.0) * 100, RATIO_AXIS[0]), RATIO_AXIS[1]) for _, item in members],
            y=[row for row, _ in members],
            orientation="h",
            width=0.3,
            name=t("status_short." + status, lang),
            marker={
                "color": TARGET_STATUS_COLORS[status],
                "line": {"color": "#000000", "width": 1},
                "pattern": {"shape": TARGET_STATUS_PATTERNS[status], "fgcolor": "#000000", "size": 7},
            },
            hoverinfo="skip",
        )
    for row, item in zip(rows, judged):
        status = (
            f"{ratio_text(item.overall.ratio, lang)} · " if item.overall.ratio is not None and item.overall.status != "achieved" else ""
        ) + t("status_short." + item.overall.status, lang)
        figure.add_annotation(
            x=0, xref="paper", y=row - 0.26, yref="y", text=f"<b>{plotly_text(status)}</b><br>{plotly_wrapped(item.target.label(lang), width=38)}",
            showarrow=False, xanchor="left", yanchor="bottom", align="left", font={**FONT, "size": 14},
        )
    for value in (0, 60, 95):
        figure.add_vline(x=value, line={"color": "#000000", "dash": "solid" if value == 0 else "dot", "width": 1.5 if value == 0 else 1})
    figure.update_yaxes(showticklabels=False, range=[len(judged) - 0.6, -1.0], showgrid=False)
    figure.update_xaxes(range=list(RATIO_AXIS), dtick=100, **percent_axis(lang))
    figure.update_layout(barmode="overlay")
    apply_layout(figure, lang=lang, height=110 * max(len(judged), 2) + 150, x_title=t("targets.ratio_chart_x", lang))
    figure.update_layout(margin={"l": 10, "r": 10, "t": 20, "b": 90}, legend={"y": -0.2 - 0.5 / max(len(judged), 3)})
    return figure


# ---- one target in detail --------------------------------------------------------------------
@dataclass(frozen=True)
class TargetDetail:
    sentences: list[str]
    figure: go.Figure | None  # None when there is no value to draw
    alt: str
    trend_table: pd.DataFrame
    trend_export: ExportTable
    areas_intro: str
    furthest: str
    area_counts: str
    area_table: pd.DataFrame  # the MAX_SHOWN_AREAS areas furthest from the target
    area_table_note: str  # how many areas the table leaves out ("" when it shows all)
    area_export: ExportTable


def _progress_sentence(judged: Assessment, where: str, entry: Indicator, lang: str) -> str:
    if judged.base_year is None or judged.current_year is None or judged.current_year == judged.base_year:
        return ""
    common = {
        "where": where,
        "base_year": judged.base_year,
        "base": _value(judged.base_value, entry, lang),
        "current_year": judged.current_year,
        "current": _value(judged.current_value, entry, lang),
    }
    if judged.required_pace is None:
        return t("targets.sentence.progress_no_ratio", lang, **common)
    return t(
        "targets.sentence.progress",
        lang,
        achieved=pace_text(judged.achieved_pace, judged.method, entry, lang),
        required=pace_text(judged.required_pace, judged.method, entry, lang),
        ratio=ratio_text(judged.ratio, lang),
        method=t(f"targets.method.{judged.method}", lang),
        **common,
    )


def target_path(judged: Assessment, target: Target) -> pd.DataFrame:
    """The path that reaches the target value in the target year from the base: period, value (empty if none)."""
    if judged.method is None or judged.base_year is None or judged.base_year >= target.year:
        return pd.DataFrame(columns=["period", "value"])
    years = np.arange(judged.base_year, target.year + 1)
    steps = years - judged.base_year
    if judged.method == "growth":
        values = judged.base_value * (1 + judged.required_pace) ** steps
    else:
        values = judged.base_value + judged.required_pace * steps
    return pd.DataFrame({"period": years, "value": values})


def build_detail(
    item: JudgedTarget,
    *,
    city: str,
    city_series: pd.DataFrame,
    area_series: pd.DataFrame,
    level_label: str,
    level_plural: str,
    area_names: dict[str, str],
    lang: str,
) -> TargetDetail:
    """Sentences, the trend chart with the target path, and the areas furthest from the target."""
    target, entry, overall = item.target, item.entry, item.overall
    unit, decimals = entry.unit(lang), int(entry.decimals)
    scope = scope_text(target, level_label=level_label, area_names=area_names, lang=lang)
    sentences = [
        t(
            "targets.sentence.target",
            lang,
            indicator=escape_markdown(entry.label(lang)),
            phrase=target_phrase(target, entry, lang),
            scope=escape_markdown(scope),
        )
    ]
    if item.weakest_area:
        sentences.append(t("targets.sentence.weakest", lang, area=escape_markdown(item.weakest_area)))
    where = t("targets.where.city", lang, city=escape_markdown(city)) if target.is_citywide else t(
        "targets.where.area", lang, area=escape_markdown(item.weakest_area or "")
    )
    progress = _progress_sentence(overall, where, entry, lang)
    if progress:
        sentences.append(progress)
    if overall.status == "not_assessable":
        sentences.append(t("targets.not_assessable", lang, reason=t(f"reason.{overall.reason}", lang)))
    else:
        sentences.append(t("targets.sentence.status", lang, status=t(f"status.{overall.status}", lang)))
    if overall.past_target_year:
        sentences.append(t("targets.past_year", lang, year=target.year))

    # the trend: the city (city-wide target) or the target's areas, the target value and the path needed
    city_label = t("chart.city_sentence", lang, city=city, value="").rstrip(" :.")
    if target.is_citywide:
        shown = city_series.assign(label=city_label)[["label", "period", "value"]]
        path = target_path(overall, target)
    else:
        chosen = list(target.areas) or list(furthest_first(item.areas)["area_id"].head(MAX_TREND_AREAS))
        rows = area_series[area_series["area_id"].isin(chosen[:MAX_TREND_AREAS])]
        shown = rows.assign(label=rows["name"])[["label", "period", "value"]]
        path = target_path(overall, target) if len(chosen) == 1 else pd.DataFrame(columns=["period", "value"])
    drawable = shown["value"].notna().any()
    figure = _trend_figure(shown, path, target=target, unit=unit, decimals=decimals, lang=lang) if drawable else None
    series_names = ", ".join(dict.fromkeys(shown["label"])) or "–"
    present = shown.dropna(subset=["value"])
    alt = plain(t(
        "targets.trend_alt",
        lang,
        indicator=entry.label(lang),
        first=int(present["period"].min()) if not present.empty else "–",
        last=int(present["period"].max()) if not present.empty else "–",
        series=series_names,
        value=_value(target.value, entry, lang),
        year=target.year,
        path=t("targets.trend_alt_path", lang, year=overall.base_year) if not path.empty else "",
    ), limit=LONG_TEXT_CHARACTERS)
    path_label = t("targets.path", lang, year=overall.base_year)
    trend_rows = pd.concat([shown, path.assign(label=path_label)[["label", "period", "value"]]], ignore_index=True)
    trend_table = (
        trend_rows.assign(value=[_value(v, entry, lang) for v in trend_rows["value"]])
        .pivot_table(index="period", columns="label", values="value", aggfunc="first", sort=False)
        .reindex(columns=list(dict.fromkeys(trend_rows["label"])))
        .fillna("–")
        .rename_axis(index=t("column.period", lang), columns=None)
    )

    # the areas, furthest from the target value first
    ordered = furthest_first(item.areas)
    areas_intro = t("targets.areas_city_note", lang, level=escape_markdown(level_label)) if target.is_citywide else ""
    ahead = ordered[ordered["remaining"] > 0].head(MAX_LISTED_FURTHEST)
    if not ahead.empty:
        furthest = t(
            "targets.furthest",
            lang,
            areas=", ".join(
                t("targets.furthest_item", lang, area=escape_markdown(row["name"]), distance=_distance(row["remaining"], entry, lang))
                for _, row in ahead.iterrows()
            ),
        )
    elif ordered["remaining"].notna().any():
        furthest = t("targets.all_reached", lang)
    else:
        furthest = ""
    counts = ", ".join(
        f"{int((ordered['status'] == status).sum())} × {t('status.' + status, lang)}" for status in STATUSES if (ordered["status"] == status).any()
    )
    area_counts = t("targets.area_counts", lang, n=len(ordered), counts=counts) if len(ordered) else ""
    statuses = _status_texts(ordered, lang)
    shown_rows = ordered.head(MAX_SHOWN_AREAS)  # formatted for the screen: only the rows shown
    cells = {name: _cells(shown_rows[name]) for name in ordered.columns}
    area_table = pd.DataFrame(
        {
            t("column.rank", lang): [str(i + 1) if r is not None else "–" for i, r in enumerate(cells["remaining"])],
            t("column.area_id", lang): shown_rows["area_id"],
            t("column.area", lang): shown_rows["name"],
            t("column.base", lang): [_year_value(y, v, entry, lang) for y, v in zip(cells["base_year"], cells["base_value"])],
            t("column.current", lang): [_year_value(y, v, entry, lang) for y, v in zip(cells["current_year"], cells["current_value"])],
            t("column.remaining", lang): [_distance(r, entry, lang) for r in cells["remaining"]],
            t("column.status", lang): statuses[: len(shown_rows)],
            t("column.achieved_pace", lang): [pace_text(p, m, entry, lang) for p, m in zip(cells["achieved_pace"], cells["method"])],
            t("column.required_pace", lang): [pace_text(p, m, entry, lang) for p, m in zip(cells["required_pace"], cells["method"])],
            t("column.ratio", lang): [ratio_text(r, lang) for r in cells["ratio"]],
        }
    )
    area_table_note = (
        t(
            "targets.areas_not_shown",
            lang,
            shown=format_number(len(shown_rows), lang, 0),
            n=format_number(len(ordered), lang, 0),
            rest=format_number(len(ordered) - len(shown_rows), lang, 0),
        )
        if len(ordered) > len(shown_rows)
        else ""
    )
    method_words = {method: t(f"targets.method.{method}", lang) for method in ("growth", "linear")}
    records = [
        (t("column.target_id", lang), [target.target_id] * len(ordered), Column("id")),
        (t("column.area_id", lang), list(ordered["area_id"]), Column("id")),
        (t("column.area", lang), list(ordered["name"]), Column("text")),
        (t("column.indicator", lang), [entry.label(lang)] * len(ordered), Column("text")),
        (t("column.unit", lang), [unit] * len(ordered), Column("text")),
        (t("column.target_value", lang), [target.value] * len(ordered), Column("number", decimals)),
        (t("column.target_year", lang), [target.year] * len(ordered), Column("integer")),
        (t("column.base_year", lang), _cells(ordered["base_year"]), Column("integer")),
        (t("column.base_value", lang), _cells(ordered["base_value"]), Column("number", decimals)),
        (t("column.current_year", lang), _cells(ordered["current_year"]), Column("integer")),
        (t("column.current_value", lang), _cells(ordered["current_value"]), Column("number", decimals)),
        (t("column.remaining", lang), _cells(ordered["remaining"]), Column("number", decimals)),
        (t("column.method", lang), [method_words.get(m, "") for m in _cells(ordered["method"])], Column("text")),
        (t("column.achieved_pace", lang), _cells(ordered["achieved_pace"]), Column("number", 4)),
        (t("column.required_pace", lang), _cells(ordered["required_pace"]), Column("number", 4)),
        (t("column.ratio", lang), _cells(ordered["ratio"]), Column("number", 3)),
        (t("column.status", lang), statuses, Column("text")),
        (t("column.source", lang), [entry.source] * len(ordered), Column("text")),
        (t("column.licence", lang), [entry.licence] * len(ordered), Column("text")),
    ]
    area_export = export_table(
        records, name=(target.target_id, level_plural), title=f"{target.label(lang)} · {level_plural}", indicators=(entry,)
    )
    trend_export = export_table(
        [
            (t("column.series", lang), list(trend_rows["label"]), Column("text")),
            (t("column.period", lang), [int(p) for p in trend_rows["period"]], Column("integer")),
            (t("column.value", lang), [_plain(v) for v in trend_rows["value"]], Column("number", decimals, unit)),
        ],
        name=(target.target_id, t("export.name.trend", lang)),
        title=f"{t('targets.trend_title', lang)}: {target.label(lang)}",
        indicators=(entry,),
    )
    return TargetDetail(
        sentences=sentences,
        figure=figure,
        alt=alt,
        trend_table=trend_table,
        trend_export=trend_export,
        areas_intro=areas_intro,
        furthest=furthest,
        area_counts=area_counts,
        area_table=area_table,
        area_table_note=area_table_note,
        area_export=area_export,
    )


def _trend_figure(shown: pd.DataFrame, path: pd.DataFrame, *, target: Target, unit: str, decimals: int, lang: str) -> go.Figure:
    """Lines per series, the path needed (dashed), the target value as a dotted line and a star."""
    figure = go.Figure()
    for index, (label, rows) in enumerate(shown.groupby("label", sort=False)):
        rows = rows.sort_values("period")
        name = plotly_text(label, limit=60)
        figure.add_scatter(
            x=rows["period"],
            y=rows["value"],
            name=name,
            mode="lines+markers",
            line={"color": SERIES_COLORS[index % len(SERIES_COLORS)], "width": 3},
            marker={"symbol": ("circle", "square", "diamond", "triangle-up", "cross", "x")[index % 6], "size": 8},
            customdata=[format_value(v, unit, lang, decimals) for v in rows["value"]],
            hovertemplate=f"<b>{name}</b> %{{x}}<br>%{{customdata}}<extra></extra>",
            connectgaps=False,
        )
    if not path.empty:
        figure.add_scatter(
            x=path["period"],
            y=path["value"],
            name=t("targets.path", lang, year=int(path["period"].iloc[0])),
            mode="lines",
            line={"color": "#555555", "dash": "dash", "width": 2},
            customdata=[format_value(v, unit, lang, decimals) for v in path["value"]],
            hovertemplate="%{x}<br>%{customdata}<extra></extra>",
        )
    label = t("targets.target_marker", lang, year=target.year)
    figure.add_scatter(
        x=[target.year],
        y=[target.value],
        name=label,
        mode="markers+text",
        marker={"symbol": "star", "size": 18, "color": "#000000"},
        text=[format_value(target.value, unit, lang, decimals)],
        textposition="top center",
        textfont=FONT,
        hovertemplate=f"{label}<br>%{{text}}<extra></extra>",
    )
    figure.add_hline(y=target.value, line={"color": "#000000", "dash": "dot", "width": 1})
    figure.update_xaxes(tickformat="d")
    return apply_layout(figure, lang=lang, height=420, y_title=unit)
