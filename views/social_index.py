"""Everything the page "Sozialindex" shows, built in pure functions from the store's DataFrames.

The flow: `read_config` checks the dataset's `social_index` block; `required_indicators` and
`index_periods` say what to read; `build_table` turns the store's frames into the index table
(one row per area, one column per indicator, values the store withheld stay missing, dynamics
derived from levels where the configuration says so); `run_index` computes the index and its
sensitivity (metrics.social_index) with the chosen weights; `build_view` makes the map, the
tables, the sensitivity chart and the sentences. Nothing here talks to Streamlit.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from loaders.contract import DatasetMetadata
from loaders.store import Indicator
from metrics.social_index import (
    DYNAMICS_CLASSES,
    NO_CLASS_REASONS,
    STATUS_CLASSES,
    SocialIndexConfig,
    derive_changes,
    index_sensitivity,
    status_dynamics_index,
)
from views import maps
from views.charts import FONT
from views.classify import (
    DYNAMICS_CLASS_COLORS,
    GROUP_COLORS,
    NO_CLASS_COLOR,
    STATUS_CLASS_COLORS,
    STATUS_CLASS_SYMBOLS,
)
from views.export import Column, ExportTable, count_or_number
from views.i18n import data_language, format_number, format_value, format_values, plotly_separators, t
from views.markup import LONG_TEXT_CHARACTERS, Markdown, escape_html, escape_markdown, markdown_list, markdown_text, plotly_text

DIMENSIONS = ("status", "dynamics", "combined")  # "combined": the group status × dynamics (1 … 12)
CODE_COLUMNS = {"status": "status_class", "dynamics": "dynamics_class", "combined": "group"}
WEIGHT_MAX = 3.0
WEIGHT_STEP = 0.1
WEIGHT_COLUMNS = 3
MAX_SENSITIVITY_ROWS = 60
ROW_HEIGHT = 26
INDEX_DECIMALS = 2
Z_DECIMALS = 2


class IndexUnavailable(Exception):
    """The index cannot be computed; `key` and `values` give the sentence for the page."""

    def __init__(self, key: str, **values: object):
        self.key = key
        self.values = values
        super().__init__(key)

    def text(self, lang: str) -> Markdown:
        return markdown_text(self.key, lang, **self.values)


# --- configuration and what to read -----------------------------------------------------------

def read_config(metadata: DatasetMetadata, catalog: pd.DataFrame) -> SocialIndexConfig | None:
    """The dataset's index configuration, or None without one; ValueError names a bad key.

    `higher_is_better` falls back to the catalog's polarity, the population indicator to the
    dataset's.
    """
    raw = metadata.social_index
    if not raw:
        return None
    polarity = dict(zip(catalog["indicator_id"], catalog["polarity"]))
    return SocialIndexConfig.from_dict(
        raw, polarity=polarity, population_indicator=metadata.population_indicator
    )


def index_level(config: SocialIndexConfig, level_ids: Sequence[str]) -> str:
    """The level the index runs on: the configured one, else the finest (the last) level."""
    if config.level is None:
        return level_ids[-1]
    if config.level not in level_ids:
        raise ValueError(
            f"social_index.level: {config.level!r} is not a level of the dataset {list(level_ids)}"
        )
    return config.level


def stored_dynamics(config: SocialIndexConfig) -> list[str]:
    """Dynamics indicators read as stored (not derived from levels)."""
    return [d for d in config.dynamics_indicators if d not in config.dynamics_from_levels]


def direct_indicators(config: SocialIndexConfig) -> list[str]:
    """Indicators read for the index year itself: status, stored dynamics and population."""
    return list(dict.fromkeys([*config.status_indicators, *stored_dynamics(config), config.population_indicator]))


def required_indicators(config: SocialIndexConfig) -> list[str]:
    """Every catalog indicator the index reads: status, stored dynamics, level sources, population."""
    ids = [
        *config.status_indicators,
        *stored_dynamics(config),
        *config.dynamics_from_levels.values(),
        config.population_indicator,
    ]
    return list(dict.fromkeys(ids))


def index_periods(config: SocialIndexConfig, periods_of: Mapping[str, Sequence[int]]) -> list[int]:
    """Years in which the index can be formed, ascending.

    Status, stored dynamics and population need a value in the year; a dynamics indicator
    derived from levels needs its level indicator in the year and `dynamics_span_years` before.
    """
    direct = direct_indicators(config)
    common = set(periods_of[direct[0]])
    for indicator in direct[1:]:
        common &= set(periods_of[indicator])
    span = config.dynamics_span_years
    for source in config.dynamics_from_levels.values():
        have = set(periods_of[source])
        common = {p for p in common if p in have and p - span in have}
    return sorted(int(p) for p in common)


def choose_period(available: Sequence[int], wanted: int) -> int:
    """The wanted year if the index can be formed then, else the latest year it can."""
    return int(wanted) if wanted in available else int(available[-1])


def default_weights(config: SocialIndexConfig) -> dict[str, float]:
    """The configured weight of every index indicator (1 where none is given)."""
    indicators = [*config.status_indicators, *config.dynamics_indicators]
    return {i: float(config.weights.get(i, 1.0)) for i in indicators}


def weights_text(weights: Mapping[str, float], defaults: Mapping[str, float]) -> str | None:
    """The weights for the URL: 'indicator:1.5,other:0' for those that differ from the default
    (one decimal, as the sliders), None when all are the default."""
    changed = [f"{i}:{round(float(weights[i]), 1):g}" for i in defaults if round(float(weights.get(i, defaults[i])), 1) != round(defaults[i], 1)]
    return ",".join(changed) or None


def weights_from_text(text: str | None, defaults: Mapping[str, float]) -> tuple[dict[str, float], bool]:
    """The weights a URL asks for ('indicator:1.5,…', see `weights_text`), and whether any part was
    unusable (unknown indicator, not a number, outside 0 … the slider's maximum): those parts
    keep their default."""
    weights = dict(defaults)
    if not text:
        return weights, False
    rejected = False
    for part in text.split(","):
        indicator, _, number = part.partition(":")
        try:
            value = round(float(number), 1)
        except ValueError:
            rejected = True
            continue
        if indicator not in defaults or not 0.0 <= value <= weight_slider_max(defaults[indicator]):
            rejected = True
            continue
        weights[indicator] = value
    return weights, rejected


def weight_slider_max(weight: float) -> float:
    """Upper end of a weight's slider: 3, or twice a larger configured weight."""
    return max(WEIGHT_MAX, round(2 * weight, 1))


def indicator_labels(
    config: SocialIndexConfig, catalog_label: Mapping[str, str], lang: str
) -> dict[str, str]:
    """Display label per index indicator; a derived dynamics indicator is 'change in <level label>'."""
    labels = {i: catalog_label.get(i, i) for i in [*config.status_indicators, *stored_dynamics(config)]}
    for derived, source in config.dynamics_from_levels.items():
        label = catalog_label.get(source, source)
        if data_language(lang) == "en" and label[:2].istitle():  # "Change in unemployment share", but "… in SGB II rate"
            label = label[0].lower() + label[1:]
        labels[derived] = t("si.change_label", lang, label=label, span=config.dynamics_span_years)
    labels[config.population_indicator] = catalog_label.get(config.population_indicator, config.population_indicator)
    return {i: labels[i] for i in [*config.status_indicators, *config.dynamics_indicators, config.population_indicator]}


def indicator_units(config: SocialIndexConfig, catalog_unit: Mapping[str, str], lang: str) -> dict[str, str]:
    """Display unit per index indicator; the change of a share in % is in percentage points."""
    units = {i: catalog_unit.get(i, "") for i in [*config.status_indicators, *stored_dynamics(config)]}
    for derived, source in config.dynamics_from_levels.items():
        unit = catalog_unit.get(source, "")
        units[derived] = t("si.unit.points", lang) if unit == "%" else unit
    return units


def indicator_decimals(config: SocialIndexConfig, catalog: Mapping[str, Indicator]) -> dict[str, int]:
    """Decimals per index indicator in downloads: the catalog's; a derived change takes its source's."""
    decimals = {i: int(catalog[i].decimals) for i in [*config.status_indicators, *stored_dynamics(config)] if i in catalog}
    for derived, source in config.dynamics_from_levels.items():
        if source in catalog:
            decimals[derived] = int(catalog[source].decimals)
    return decimals


# --- the index table ------------------------------------------------------------------------

@dataclass(frozen=True)
class IndexTable:
    """The input of the index: `table` indexed by area id (one column per index indicator and
    the population column; NaN = missing), `names` (area id → name) and `withheld` (True where
    the store withheld a value for small counts)."""

    table: pd.DataFrame
    names: pd.Series
    withheld: pd.DataFrame


def build_table(
    config: SocialIndexConfig,
    *,
    values: Mapping[str, pd.DataFrame],
    level_series: Mapping[str, pd.DataFrame],
    period: int,
) -> IndexTable:
    """The index table for one year from the store's frames.

    `values` maps each status indicator, stored dynamics indicator and the population indicator
    to the store's `values(indicator, period, level)`; `level_series` maps each level indicator
    of `dynamics_from_levels` to the store's `series(indicator, level)`. The change of a level is
    `derive_changes` over `dynamics_span_years` (in the indicator's unit, i.e. percentage points
    for shares); a change resting on a withheld level is missing and counts as withheld.
    """
    direct = direct_indicators(config)
    frames = [values[i] for i in direct]
    areas = pd.concat([f[["area_id", "name"]] for f in frames]).drop_duplicates("area_id")
    areas = areas.sort_values("area_id")
    index = pd.Index(areas["area_id"].astype(str), name="area_id")
    names = pd.Series(areas["name"].to_numpy(), index=index, name="name")
    table = pd.DataFrame(index=index)
    withheld = pd.DataFrame(index=index)
    for indicator in direct:
        frame = values[indicator].set_index("area_id")
        table[indicator] = frame["value"].astype("float64").reindex(index)
        withheld[indicator] = frame["suppressed"].reindex(index).fillna(False).astype(bool) if "suppressed" in frame else False
    if config.dynamics_from_levels:
        span = config.dynamics_span_years
        long = pd.concat(
            [
                level_series[source][["area_id", "period", "value"]].assign(indicator_id=source)
                for source in config.dynamics_from_levels.values()
            ],
            ignore_index=True,
        )
        long["value"] = long["value"].astype("float64")
        changes = derive_changes(long, span=span, period=period)
        for derived, source in config.dynamics_from_levels.items():
            table[derived] = changes[source].reindex(index) if source in changes else np.nan
            series = level_series[source]
            suppressed = series["suppressed"].fillna(False).astype(bool) if "suppressed" in series else False
            hidden = series[series["period"].isin([period, period - span]) & suppressed]
            withheld[derived] = index.isin(set(hidden["area_id"]))
    columns = [*config.status_indicators, *config.dynamics_indicators, config.population_indicator]
    return IndexTable(table=table[columns], names=names, withheld=withheld[columns])


# --- running the index ------------------------------------------------------------------------

@dataclass(frozen=True)
class IndexRun:
    """`result` of status_dynamics_index and `sensitivity` of index_sensitivity (None when it
    cannot be formed), for `weights`."""

    result: pd.DataFrame
    sensitivity: pd.DataFrame | None
    weights: dict[str, float]
    unknown_excluded: tuple[str, ...] = ()


def run_index(config: SocialIndexConfig, table: pd.DataFrame, weights: Mapping[str, float]) -> IndexRun:
    """The index and its sensitivity with `weights` (indicator → weight ≥ 0).

    Raises IndexUnavailable when all status (or all dynamics) weights are 0 or no area is valid.
    Excluded areas that are not in the table (e.g. of another level) are skipped and reported.
    """
    weights = {**default_weights(config), **{k: float(v) for k, v in weights.items()}}
    if not any(weights[i] > 0 for i in config.status_indicators):
        raise IndexUnavailable("si.error.status_weights_zero")
    if config.dynamics_indicators and not any(weights[i] > 0 for i in config.dynamics_indicators):
        raise IndexUnavailable("si.error.dynamics_weights_zero")
    arguments = config.index_arguments()
    excluded = tuple(a for a in arguments["exclude"] if a in table.index)
    unknown = tuple(a for a in arguments["exclude"] if a not in table.index)
    arguments.update(exclude=excluded, weights=weights)
    try:
        result = status_dynamics_index(table, **arguments)
    except ValueError as error:
        raise IndexUnavailable("si.error.no_index", detail=str(error)) from error
    sensitivity = None
    if sum(weights[i] > 0 for i in config.status_indicators) >= 2:
        try:
            sensitivity = index_sensitivity(table, **arguments)
        except ValueError:  # a scenario without variance: report no sensitivity rather than fail
            sensitivity = None
    return IndexRun(result=result, sensitivity=sensitivity, weights=weights, unknown_excluded=unknown)


# --- labels and colours -----------------------------------------------------------------------

def class_label(dimension: str, code: object, lang: str) -> str | None:
    """The official class name ('mittel', 'stabil' …) for a class code; None for NA."""
    if code is None or pd.isna(code):
        return None
    return class_labels(dimension, lang)[int(code)]


def class_labels(dimension: str, lang: str) -> dict[int, str]:
    """Code → class name of a dimension; a combined group is 'status / dynamics' ('hoch / stabil')."""
    if dimension == "combined":
        status, dynamics = class_labels("status", lang), class_labels("dynamics", lang)
        return {
            (s - 1) * len(DYNAMICS_CLASSES) + d: t("si.class.group", lang, status=status[s], dynamics=dynamics[d])
            for s in STATUS_CLASSES for d in DYNAMICS_CLASSES
        }
    codes = {"status": STATUS_CLASSES, "dynamics": DYNAMICS_CLASSES}[dimension]
    return {code: t(f"si.class.{dimension}.{code}", lang) for code in codes}


def class_label_column(dimension: str, codes: Iterable[object], lang: str, missing: str | None) -> list[str | None]:
    """class_label for every code of a column (the names looked up once); `missing` for NA."""
    names = class_labels(dimension, lang)
    return [missing if code is None or pd.isna(code) else names[int(code)] for code in codes]


def class_name(dimension: str, code: object, lang: str) -> str | None:
    """The class name with its end marked where it is one: 'hoch (günstigste Klasse)', 'mittel',
    'sehr niedrig (ungünstigste Klasse)'. A low index is favourable in both dimensions, so the
    first class is the most favourable; None for NA."""
    label = class_label(dimension, code, lang)
    if label is None:
        return None
    codes = STATUS_CLASSES if dimension == "status" else DYNAMICS_CLASSES
    if int(code) == codes[0]:
        return t("si.end.favourable", lang, label=label)
    if int(code) == codes[-1]:
        return t("si.end.unfavourable", lang, label=label)
    return label


def reading(lang: str, *, dynamics: bool) -> str:
    """Which end of the index is favourable, in plain words (status, and `dynamics` where the index has them)."""
    return t("si.reading.status", lang) + (f" {t('si.reading.dynamics', lang)}" if dynamics else "")


def class_colors(dimension: str) -> dict[int, str]:
    return {"status": STATUS_CLASS_COLORS, "dynamics": DYNAMICS_CLASS_COLORS, "combined": GROUP_COLORS}[dimension]


def class_color(dimension: str, code: object) -> str:
    """Fill colour of a class; the no-class grey for NA."""
    if code is None or pd.isna(code):
        return NO_CLASS_COLOR
    return class_colors(dimension)[int(code)]


def reason_label(reason: object, lang: str) -> str:
    return "" if reason is None or pd.isna(reason) else t(f"si.no_class.{reason}", lang)


def class_ranges(cuts: Sequence[float], lang: str) -> list[str]:
    """'unter −1,0', '−1,0 bis 1,0', 'über 1,0 bis 1,5', 'über 1,5' for the cuts (per language)."""
    f = [format_number(c, lang, 1) for c in cuts]
    ranges = [t("si.range.below", lang, a=f[0])]
    for i in range(1, len(f)):
        key = "si.range.between" if i == 1 else "si.range.above_to"
        ranges.append(t(key, lang, a=f[i - 1], b=f[i]))
    ranges.append(t("si.range.above", lang, a=f[-1]))
    return ranges


def count_label(n: int, lang: str) -> str:
    return t("si.legend.count_one", lang) if n == 1 else t("si.legend.count", lang, n=n)


def class_counts(result: pd.DataFrame, dimension: str, lang: str) -> str:
    """'hoch 4, mittel 22, niedrig 3, sehr niedrig 4' (every class, also empty ones; of the twelve
    combined groups only those with areas)."""
    labels = class_labels(dimension, lang)
    counts = result[CODE_COLUMNS[dimension]].value_counts()
    shown = [c for c in labels if dimension != "combined" or counts.get(c, 0)]
    return ", ".join(f"{labels[c]} {int(counts.get(c, 0))}" for c in shown)


def group_matrix(result: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The number of areas per status class (rows, hoch … sehr niedrig) and dynamics class
    (columns, positiv … negativ), with the totals of each row and column, as in the MSS report."""
    counts = pd.crosstab(result["status_class"], result["dynamics_class"])
    status, dynamics = class_labels("status", lang), class_labels("dynamics", lang)
    counts = counts.reindex(index=list(STATUS_CLASSES), columns=list(DYNAMICS_CLASSES), fill_value=0).astype(int)
    counts[t("si.matrix.total", lang)] = counts.sum(axis=1)
    counts.loc[len(STATUS_CLASSES) + 1] = counts.sum(axis=0)
    counts.index = [*(t("si.matrix.status_row", lang, label=status[s]) for s in STATUS_CLASSES), t("si.matrix.total", lang)]
    counts.columns = [*(t("si.matrix.dynamics_column", lang, label=dynamics[d]) for d in DYNAMICS_CLASSES), t("si.matrix.total", lang)]
    return counts.rename_axis(index=t("si.dimension.status", lang), columns=t("si.dimension.dynamics", lang))


def group_matrix_html(result: pd.DataFrame, lang: str, *, compact: bool = False) -> str:
    """The 4 × 3 matrix for st.html and the legend of the combined map: each cell in its group's
    colour with its number of areas and the group's number (1 … 12) — colour is never the only cue.
    `compact` (the legend beside the map): class names only, no totals."""
    matrix = group_matrix(result, lang)
    if compact:
        matrix = matrix.iloc[:-1, :-1]
        matrix.index = list(class_labels("status", lang).values())
        matrix.columns = list(class_labels("dynamics", lang).values())
    head = "".join(f'<th scope="col" style="padding:.2rem .4rem;font-weight:600">{escape_html(c)}</th>' for c in matrix.columns)
    rows = []
    for number, (label, row) in enumerate(matrix.iterrows(), start=1):
        cells = []
        for column, count in enumerate(row.to_numpy(), start=1):
            if number <= len(STATUS_CLASSES) and column <= len(DYNAMICS_CLASSES):
                group = (number - 1) * 3 + column
                colour = GROUP_COLORS[group]
                ink = "#ffffff" if number >= 3 else "#000000"
                cells.append(
                    f'<td style="background:{colour};color:{ink};text-align:center;padding:.3rem .5rem;border:1px solid #4d4d4d">'
                    f'<b>{int(count)}</b> <span style="font-size:.75rem">({group})</span></td>'
                )
            else:
                cells.append(f'<td style="text-align:center;padding:.3rem .5rem;border:1px solid #bdbdbd">{int(count)}</td>')
        rows.append(f'<tr><th scope="row" style="text-align:start;padding:.2rem .4rem;font-weight:600">{escape_html(label)}</th>{"".join(cells)}</tr>')
    corner = escape_html(f"{t('si.dimension.status', lang)} ↓ · {t('si.dimension.dynamics', lang)} →")
    caption = escape_html(t("si.matrix.caption", lang))
    return (
        f'<table style="border-collapse:collapse;font-size:.9rem"><caption style="text-align:start;font-size:.85rem;padding-bottom:.3rem">{caption}</caption>'
        f'<thead><tr><th scope="col" style="text-align:start;padding:.2rem .4rem;font-size:.8rem">{corner}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def group_matrix_alt(result: pd.DataFrame, level_plural: str, lang: str) -> str:
    """The matrix in a sentence (for screen readers and the download's notes)."""
    return t("si.matrix.alt", lang, level=level_plural, counts=class_counts(result, "combined", lang) or "–")


# --- the page's content -----------------------------------------------------------------------

@dataclass(frozen=True)
class SocialIndexView:
    summary: Markdown
    no_class_note: Markdown
    deck: pdk.Deck | None
    legend_html: str
    map_alt: str
    missing_geometry: list[str]
    table: pd.DataFrame
    export: ExportTable
    map_export: ExportTable
    sensitivity_export: ExportTable | None
    sensitivity_figure: go.Figure | None
    sensitivity_alt: str
    sensitivity_table: pd.DataFrame | None
    sensitivity_note: str
    sensitivity_intro: str
    reading: str  # which end is favourable, shown with the table (the legend and the exports carry it too)
    matrix: pd.DataFrame | None = None  # areas per status × dynamics class (None without dynamics)
    matrix_html: str = ""
    matrix_alt: str = ""
    matrix_export: ExportTable | None = None


def method_markdown(
    config: SocialIndexConfig, labels: Mapping[str, str], *, level_plural: str, lang: str
) -> Markdown:
    """The method in plain language (Markdown), with this dataset's indicators, cuts and minimum population."""
    c = [format_number(x, lang, 1) for x in config.status_cuts]
    d = [format_number(x, lang, 1) for x in config.dynamics_cuts]
    parts = [markdown_text("si.method.indicators", lang, status=markdown_list(labels[i] for i in config.status_indicators))]
    if config.dynamics_indicators:
        parts.append(markdown_text("si.method.dynamics", lang, dynamics=markdown_list(labels[i] for i in config.dynamics_indicators)))
    parts.append(markdown_text("si.method.steps", lang, level=level_plural))
    parts.append(t("si.method.status_classes", lang, c1=c[0], c2=c[1], c3=c[2]))
    if config.dynamics_indicators:
        parts.append(t("si.method.dynamics_classes", lang, d1=d[0], d2=d[1]))
    parts.append(t("si.method.validity", lang, min_population=format_number(config.min_population, lang, 0)))
    parts.append(t("si.method.origin", lang))
    return Markdown("\n\n".join(parts))


def legend_html(result: pd.DataFrame, config: SocialIndexConfig, dimension: str, lang: str) -> str:
    """Swatch, class name, index range and number of areas per class, plus 'no class'."""
    if dimension == "combined":
        without = int(result["group"].isna().sum())
        extra = maps.swatch_list("", [(NO_CLASS_COLOR, f"{t('si.legend.no_class', lang)} · {count_label(without, lang)}")]) if without else ""
        return maps.legend(t("si.dimension.combined", lang), [], note=t("si.legend.combined_note", lang), extra=group_matrix_html(result, lang, compact=True) + extra)
    codes = STATUS_CLASSES if dimension == "status" else DYNAMICS_CLASSES
    cuts = config.status_cuts if dimension == "status" else config.dynamics_cuts
    ranges = class_ranges(cuts, lang)
    counts = result[f"{dimension}_class"].value_counts()
    items = [
        (
            class_colors(dimension)[code],
            t("si.legend.item", lang, label=class_name(dimension, code, lang), range=ranges[i], count=count_label(int(counts.get(code, 0)), lang)),
        )
        for i, code in enumerate(codes)
    ]
    without = int(result[f"{dimension}_class"].isna().sum())
    if without:
        items.append((NO_CLASS_COLOR, f"{t('si.legend.no_class', lang)} · {count_label(without, lang)}"))
    return maps.legend(t(f"si.dimension.{dimension}", lang), items, note=f"{reading(lang, dynamics=bool(config.dynamics_indicators))} {t('si.legend.note', lang)}")


def map_labels(result: pd.DataFrame, dimension: str, lang: str) -> pd.Series:
    """Per area 'mittel (0,42)' or 'keine Klasse: fehlende Werte': tooltips and map labels."""
    labels = []
    if dimension == "combined":
        groups = class_labels("combined", lang)
        for code, status, dynamics, reason in zip(result["group"], result["status_index"], result["dynamics_index"], result["no_class_reason"]):
            if pd.isna(code):
                labels.append(t("si.map.no_class", lang, reason=reason_label(reason, lang) or t("si.legend.no_class", lang)))
            else:
                labels.append(
                    t("si.map.group_label", lang, group=int(code), label=groups[int(code)],
                      status=format_number(status, lang, INDEX_DECIMALS), dynamics=format_number(dynamics, lang, INDEX_DECIMALS))
                )
        return pd.Series(labels, index=result.index)
    names = {code: class_name(dimension, code, lang) for code in (STATUS_CLASSES if dimension == "status" else DYNAMICS_CLASSES)}
    for code, index, reason in zip(result[f"{dimension}_class"], result[f"{dimension}_index"], result["no_class_reason"]):
        if pd.isna(code):
            labels.append(t("si.map.no_class", lang, reason=reason_label(reason, lang) or t("si.legend.no_class", lang)))
        else:
            labels.append(t("si.map.label", lang, label=names[int(code)], index=format_number(index, lang, INDEX_DECIMALS)))
    return pd.Series(labels, index=result.index)


def screen_table(
    config: SocialIndexConfig,
    index_table: IndexTable,
    run: IndexRun,
    labels: Mapping[str, str],
    lang: str,
) -> pd.DataFrame:
    """All areas with population, z-values, index, classes, sensitivity and the reason for no class,
    formatted for the screen; ordered by status rank, areas without a class last."""
    result, names = run.result, index_table.names
    sens = run.sensitivity
    order = result.assign(_name=names).sort_values(["status_rank", "_name"], na_position="last").index
    r = result.loc[order]
    withheld = index_table.withheld.loc[order].any(axis=1)
    columns: dict[str, object] = {
        t("si.column.status_rank", lang): r["status_rank"].astype("Int64"),
        t("column.area_id", lang): list(order),
        t("column.area", lang): names.loc[order].to_numpy(),
        labels[config.population_indicator]: format_values(index_table.table.loc[order, config.population_indicator], "", lang, 0).tolist(),
    }
    for indicator in config.status_indicators:
        columns[t("si.column.z", lang, label=labels[indicator])] = format_values(r[f"z_{indicator}"], "", lang, Z_DECIMALS).tolist()
    columns[t("si.column.status_index", lang)] = format_values(r["status_index"], "", lang, INDEX_DECIMALS).tolist()
    columns[t("si.column.status_class", lang)] = class_label_column("status", r["status_class"], lang, "–")
    if config.dynamics_indicators:
        for indicator in config.dynamics_indicators:
            columns[t("si.column.z", lang, label=labels[indicator])] = format_values(r[f"z_{indicator}"], "", lang, Z_DECIMALS).tolist()
        columns[t("si.column.dynamics_index", lang)] = format_values(r["dynamics_index"], "", lang, INDEX_DECIMALS).tolist()
        columns[t("si.column.dynamics_class", lang)] = class_label_column("dynamics", r["dynamics_class"], lang, "–")
    if sens is not None:
        s = sens.loc[order]
        columns[t("si.column.class_share", lang)] = format_values(100 * s["class_share"].astype(float), "%", lang, 0).tolist()
        columns[t("si.column.rank_range", lang)] = [
            "–" if pd.isna(lo) else f"{int(lo)}–{int(hi)}" for lo, hi in zip(s["rank_min"], s["rank_max"])
        ]
    columns[t("si.column.no_class", lang)] = [
        no_class_text(config, area, reason, w, lang) for area, reason, w in zip(order, r["no_class_reason"], withheld)
    ]
    table = pd.DataFrame(columns).reset_index(drop=True)
    if not r["no_class_reason"].notna().any():
        table = table.drop(columns=[t("si.column.no_class", lang)])
    return table


def no_class_text(config: SocialIndexConfig, area_id: str, reason: object, withheld: bool, lang: str) -> str:
    """Why an area has no class: 'zu wenige Einwohner', 'ausgeschlossen (Ausreißer …)',
    'fehlende Werte (Wert geheim gehalten …)'; '' for an area with a class."""
    text = reason_label(reason, lang)
    if reason == "missing" and withheld:
        text += f" ({t('si.note.withheld', lang)})"
    if reason == "excluded" and config.exclude.get(area_id):
        text += f" ({config.exclude[area_id]})"
    return text


def subtitle(level_plural: str, period: int, lang: str) -> str:
    """'Planungsräume · 2020' (the plural capitalised, as at the start of a line)."""
    return t("si.subtitle", lang, level=level_plural[:1].upper() + level_plural[1:], period=period)


def export_table(
    config: SocialIndexConfig,
    index_table: IndexTable,
    run: IndexRun,
    labels: Mapping[str, str],
    units: Mapping[str, str],
    catalog: Mapping[str, Indicator],
    period: int,
    level_plural: str,
    lang: str,
) -> ExportTable:
    """The index for download: values (the indicators' decimals), z-values, index, class codes and
    names, ranks, group, sensitivity, reason for no class and the weights used; one row per area,
    by area id. Withheld values are empty; the reason column says so."""
    result, table = run.result, index_table.table
    order = table.index
    decimals = indicator_decimals(config, catalog)
    out: dict[str, tuple[object, Column]] = {
        t("column.area_id", lang): (list(order), Column("id")),
        t("column.area", lang): (index_table.names.loc[order].to_numpy(), Column("text")),
        t("column.period", lang): (period, Column("integer")),
    }
    population = table[config.population_indicator]
    out[labels[config.population_indicator]] = (population.to_numpy(), count_or_number(population, 0))
    indicators = [*config.status_indicators, *config.dynamics_indicators]
    for indicator in indicators:
        header = t("si.column.value", lang, label=labels[indicator], unit=units.get(indicator, ""))
        out[header] = (table[indicator].to_numpy(), Column("number", decimals.get(indicator), units.get(indicator, "")))
    for indicator in indicators:
        out[t("si.column.z", lang, label=labels[indicator])] = (result[f"z_{indicator}"].to_numpy(), Column("number", Z_DECIMALS))
    out[t("si.column.status_index", lang)] = (result["status_index"].to_numpy(), Column("number", INDEX_DECIMALS))
    out[t("si.column.status_class_code", lang)] = (result["status_class"].to_numpy(), Column("integer"))
    out[t("si.column.status_class", lang)] = (class_label_column("status", result["status_class"], lang, ""), Column("text"))
    out[t("si.column.status_rank", lang)] = (result["status_rank"].to_numpy(), Column("integer"))
    if config.dynamics_indicators:
        out[t("si.column.dynamics_index", lang)] = (result["dynamics_index"].to_numpy(), Column("number", INDEX_DECIMALS))
        out[t("si.column.dynamics_class_code", lang)] = (result["dynamics_class"].to_numpy(), Column("integer"))
        out[t("si.column.dynamics_class", lang)] = (class_label_column("dynamics", result["dynamics_class"], lang, ""), Column("text"))
        out[t("si.column.group", lang)] = (class_label_column("combined", result["group"], lang, ""), Column("text"))
    if run.sensitivity is not None:
        out[t("si.column.class_share", lang)] = ((run.sensitivity["class_share"] * 100).to_numpy(), Column("number", 0, "%"))
        out[t("si.column.rank_min", lang)] = (run.sensitivity["rank_min"].to_numpy(), Column("integer"))
        out[t("si.column.rank_max", lang)] = (run.sensitivity["rank_max"].to_numpy(), Column("integer"))
    out[t("si.column.no_class", lang)] = (
        [
            no_class_text(config, area, reason, bool(w), lang)
            for area, reason, w in zip(order, result["no_class_reason"], index_table.withheld.any(axis=1))
        ],
        Column("text"),
    )
    for indicator in indicators:
        out[t("si.column.weight", lang, label=labels[indicator])] = (run.weights[indicator], Column("number"))
    return ExportTable(
        frame=pd.DataFrame({header: data for header, (data, _) in out.items()}, index=range(len(order))),
        columns={header: column for header, (_, column) in out.items()},
        name=(t("export.name.social_index", lang), level_plural, period),
        title=f"{t('si.title', lang)} · {subtitle(level_plural, period, lang)}",
        indicators=tuple(catalog[i] for i in required_indicators(config) if i in catalog),
        periods=(period,),
        level=level_plural,
        notes=(reading(lang, dynamics=bool(config.dynamics_indicators)),),
    )


def map_export(export: ExportTable, config: SocialIndexConfig, dimension: str, lang: str) -> ExportTable:
    """The data behind the map: area, the shown dimension's index, class code and class."""
    keys = {
        "status": ("status_index", "status_class_code", "status_class"),
        "dynamics": ("dynamics_index", "dynamics_class_code", "dynamics_class"),
        "combined": ("status_index", "status_class", "dynamics_index", "dynamics_class", "group"),
    }[dimension]
    headers = [t("column.area_id", lang), t("column.area", lang), t("column.period", lang), *(t(f"si.column.{k}", lang) for k in keys)]
    headers.append(t("si.column.no_class", lang))
    return export.subset(
        headers,
        name=(*export.name, t("export.name.map", lang), t(f"si.dimension.{dimension}", lang)),
        title=f"{export.title} · {t('si.map.title', lang)}: {t(f'si.dimension.{dimension}', lang)}",
    )


def sensitivity_rows(
    run: IndexRun, names: pd.Series, lang: str, max_rows: int = MAX_SENSITIVITY_ROWS
) -> pd.DataFrame:
    """The areas of the sensitivity chart, ordered by base rank (rank 1 first).

    With more valid areas than `max_rows`, the least robust ones: lowest share of scenarios
    with the same class first, then the widest rank range. Columns: area_id, name, label
    ('12. Name'), status_rank, rank_min, rank_max, class_share, status_class, class_label,
    share_label.
    """
    sens = run.sensitivity
    if sens is None:
        return pd.DataFrame()
    valid = sens.dropna(subset=["status_class"]).copy()
    valid["width"] = valid["rank_max"] - valid["rank_min"]
    if len(valid) > max_rows:
        valid = valid.sort_values(["class_share", "width", "status_rank"], ascending=[True, False, True]).head(max_rows)
    valid = valid.sort_values("status_rank")
    rows = pd.DataFrame(
        {
            "area_id": list(valid.index),
            "name": names.loc[valid.index].to_numpy(),
            "status_rank": valid["status_rank"].astype(int).to_numpy(),
            "rank_min": valid["rank_min"].astype(int).to_numpy(),
            "rank_max": valid["rank_max"].astype(int).to_numpy(),
            "class_share": valid["class_share"].astype(float).to_numpy(),
            "status_class": valid["status_class"].astype(int).to_numpy(),
        }
    )
    rows["label"] = [plotly_text(f"{rank}. {name}") for rank, name in zip(rows["status_rank"], rows["name"])]
    rows["class_label"] = class_label_column("status", rows["status_class"], lang, None)
    rows["share_label"] = [format_value(100 * s, "%", lang, 0) for s in rows["class_share"]]
    return rows


def sensitivity_figure(rows: pd.DataFrame, *, n_valid: int, lang: str) -> go.Figure:
    """Rank range per area as a horizontal bar from best to worst rank, a marker at the base rank
    (colour and shape by status class) and the class name with the share of scenarios in which
    it holds as text; rank 1 at the top."""
    figure = go.Figure()
    for code in sorted(rows["status_class"].unique()):
        members = rows[rows["status_class"] == code]
        hover = [
            t("si.sensitivity.hover", lang, rank=r, low=lo, high=hi)
            for r, lo, hi in zip(members["status_rank"], members["rank_min"], members["rank_max"])
        ]
        figure.add_scatter(
            x=members["status_rank"],
            y=members["label"],
            mode="markers",
            name=class_label("status", code, lang),
            marker={
                "color": STATUS_CLASS_COLORS[int(code)],
                "symbol": STATUS_CLASS_SYMBOLS[int(code)],
                "size": 12,
                "line": {"color": "#000000", "width": 1.5},
            },
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (members["rank_max"] - members["status_rank"]).tolist(),
                "arrayminus": (members["status_rank"] - members["rank_min"]).tolist(),
                "color": "#4d4d4d",
                "thickness": 2,
                "width": 4,
            },
            customdata=np.column_stack([hover, members["class_label"], members["share_label"]]),
            hovertemplate="<b>%{y}</b><br>%{customdata[0]}<br>%{customdata[1]} · %{customdata[2]}<extra></extra>",
        )
    figure.add_scatter(
        x=rows["rank_max"],
        y=rows["label"],
        mode="text",
        text=[f"\u2003{t('si.sensitivity.holds', lang, label=c, share=s)}" for c, s in zip(rows["class_label"], rows["share_label"])],
        textposition="middle right",
        textfont={"size": 13, "color": "#000000"},
        hoverinfo="skip",
        showlegend=False,
        cliponaxis=False,
    )
    figure.update_yaxes(
        categoryorder="array", categoryarray=list(rows["label"])[::-1], automargin=True, range=[-0.7, len(rows) - 0.3]
    )
    figure.update_xaxes(range=[0, max(n_valid, 1) * 1.3 + 1], rangemode="tozero")
    figure.update_layout(
        template="simple_white",
        separators=plotly_separators(lang),
        font=FONT,
        height=ROW_HEIGHT * max(len(rows), 3) + 150,
        margin={"l": 10, "r": 30, "t": 60, "b": 60},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "left", "x": 0,
                "title": {"text": t("si.sensitivity.legend", lang) + ":"}},
        hoverlabel={"font_size": 15},
    )
    figure.update_xaxes(title_text=t("si.sensitivity.axis", lang), showgrid=True, gridcolor="#e0e0e0",
                        tickfont={"color": "#000000"})
    figure.update_yaxes(tickfont={"color": "#000000"})
    return figure


def sensitivity_alt(rows: pd.DataFrame, run: IndexRun, *, level_plural: str, lang: str) -> str:
    sens = run.sensitivity
    valid = sens.dropna(subset=["status_class"])
    widest = rows.assign(w=rows["rank_max"] - rows["rank_min"]).sort_values(["w", "status_rank"], ascending=[False, True]).iloc[0]
    return t(
        "si.sensitivity.alt",
        lang,
        shown=len(rows),
        level=level_plural,
        n=int(valid["n_scenarios"].iloc[0]),
        stable=int((valid["class_share"] == 1).sum()),
        valid=len(valid),
        widest=widest["name"],
        low=int(widest["rank_min"]),
        high=int(widest["rank_max"]),
    )


def sensitivity_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table behind the sensitivity chart."""
    return pd.DataFrame(
        {
            t("si.column.status_rank", lang): rows["status_rank"],
            t("column.area_id", lang): rows["area_id"],
            t("column.area", lang): rows["name"],
            t("si.column.status_class", lang): rows["class_label"],
            t("si.column.rank_min", lang): rows["rank_min"],
            t("si.column.rank_max", lang): rows["rank_max"],
            t("si.column.class_share", lang): rows["share_label"],
        }
    ).reset_index(drop=True)


def sensitivity_export(rows: pd.DataFrame, export: ExportTable, lang: str) -> ExportTable:
    """The data of the sensitivity chart: rank, area, class, best and worst rank, share of scenarios
    with the same class (in %)."""
    headers = [
        t("si.column.status_rank", lang),
        t("column.area_id", lang),
        t("column.area", lang),
        t("si.column.status_class", lang),
        t("si.column.rank_min", lang),
        t("si.column.rank_max", lang),
        t("si.column.class_share", lang),
    ]
    columns = [Column("integer"), Column("id"), Column("text"), Column("text"), Column("integer"), Column("integer"), Column("number", 0, "%")]
    data = [rows["status_rank"], rows["area_id"], rows["name"], rows["class_label"], rows["rank_min"], rows["rank_max"], rows["class_share"] * 100]
    return replace(
        export,
        frame=pd.DataFrame({h: d.to_numpy() for h, d in zip(headers, data)}),
        columns=dict(zip(headers, columns)),
        name=(*export.name, t("export.name.sensitivity", lang)),
        title=f"{export.title} · {t('si.sensitivity.title', lang)}",
    )


def no_class_note(result: pd.DataFrame, withheld: pd.DataFrame, lang: str) -> Markdown:
    """'Ohne Klasse: fehlende Werte 2 (1 davon, weil …), zu wenige Einwohner 1.' or ''."""
    reasons = result["no_class_reason"].dropna()
    if reasons.empty:
        return Markdown("")
    parts = []
    for reason in NO_CLASS_REASONS:
        members = reasons[reasons == reason].index
        if members.empty:
            continue
        part = f"{t(f'si.no_class.{reason}', lang)} {len(members)}"
        if reason == "missing":
            hidden = int(withheld.loc[members].any(axis=1).sum())
            if hidden:
                part += f" ({t('si.withheld_note', lang, n=hidden)})"
        parts.append(part)
    return Markdown(t("si.no_class_note", lang, reasons=", ".join(parts)))


def build_view(
    *,
    config: SocialIndexConfig,
    index_table: IndexTable,
    run: IndexRun,
    geometries: pd.DataFrame,
    labels: Mapping[str, str],
    units: Mapping[str, str],
    catalog: Mapping[str, Indicator],
    period: int,
    level_plural: str,
    dimension: str,
    lang: str,
) -> SocialIndexView:
    """Map, tables, sensitivity chart and sentences of the page for one run of the index.

    `geometries` (area_id, name, geometry as WKB) are the areas of the index level; `dimension`
    ("status" or "dynamics") chooses the classes on the map; `catalog` holds the catalog entries
    of the index indicators (for the downloads' decimals and metadata).
    """
    if dimension not in DIMENSIONS or (dimension != "status" and not config.dynamics_indicators):
        dimension = "status"
    result = run.result
    valid = int(result["status_class"].notna().sum())
    summary = markdown_text("si.summary", lang, valid=valid, total=len(result), level=level_plural, counts=class_counts(result, "status", lang))
    if config.dynamics_indicators:
        summary = Markdown(f"{summary} {t('si.summary_dynamics', lang, counts=class_counts(result, 'dynamics', lang))}")

    drawable = geometries[geometries["area_id"].isin(result.index)].reset_index(drop=True)
    codes = result[CODE_COLUMNS[dimension]].reindex(drawable["area_id"])
    deck = (
        maps.choropleth(
            drawable,
            fills=pd.Series([class_color(dimension, c) for c in codes]),
            value_labels=map_labels(result, dimension, lang).reindex(drawable["area_id"]).reset_index(drop=True),
            short_labels=codes.map(lambda code: "" if pd.isna(code) else str(int(code))).reset_index(drop=True) if dimension == "combined" else None,
            lang=lang,
        )
        if not drawable.empty
        else None
    )
    missing_geometry = sorted(index_table.names.loc[~result.index.isin(drawable["area_id"])])

    export = export_table(config, index_table, run, labels, units, catalog, period, level_plural, lang)
    rows = sensitivity_rows(run, index_table.names, lang)
    if run.sensitivity is None or rows.empty:
        figure, alt, behind, behind_export, note = None, "", None, None, t("si.sensitivity.unavailable", lang)
    else:
        n_valid = int(run.sensitivity["status_class"].notna().sum())
        figure = sensitivity_figure(rows, n_valid=n_valid, lang=lang)
        alt = sensitivity_alt(rows, run, level_plural=level_plural, lang=lang)
        behind = sensitivity_table(rows, lang)
        behind_export = sensitivity_export(rows, export, lang)
        note = t("si.sensitivity.subset", lang, shown=len(rows), valid=n_valid) if len(rows) < n_valid else ""

    matrix = matrix_export = None
    matrix_html = matrix_alt = ""
    if config.dynamics_indicators:
        matrix = group_matrix(result, lang)
        matrix_html = group_matrix_html(result, lang)
        matrix_alt = group_matrix_alt(result, level_plural, lang)
        frame = matrix.reset_index(names=t("si.dimension.status", lang))
        matrix_export = ExportTable(
            frame=frame,
            columns={c: Column("text") if number == 0 else Column("integer") for number, c in enumerate(frame.columns)},
            name=(*export.name, t("export.name.matrix", lang)),
            title=f"{export.title} · {t('si.matrix.title', lang)}",
            indicators=export.indicators,
            periods=export.periods,
            level=level_plural,
            notes=(matrix_alt,),
        )
    return SocialIndexView(
        matrix=matrix,
        matrix_html=matrix_html,
        matrix_alt=matrix_alt,
        matrix_export=matrix_export,
        summary=summary,
        no_class_note=no_class_note(result, index_table.withheld, lang),
        deck=deck,
        legend_html=legend_html(result, config, dimension, lang),
        map_alt=t(
            "si.map.alt",
            lang,
            level=level_plural,
            dimension=t(f"si.dimension.{dimension}", lang),
            period=period,
            counts=class_counts(result, dimension, lang),
        ),
        missing_geometry=missing_geometry,
        table=screen_table(config, index_table, run, labels, lang),
        export=export,
        map_export=map_export(export, config, dimension, lang),
        sensitivity_export=behind_export,
        sensitivity_figure=figure,
        sensitivity_alt=alt,
        sensitivity_table=behind,
        sensitivity_note=note,
        sensitivity_intro=(
            "" if run.sensitivity is None
            else t("si.sensitivity.intro", lang, n=int(run.sensitivity["n_scenarios"].dropna().iloc[0]))
        ),
        reading=reading(lang, dynamics=bool(config.dynamics_indicators)),
    )


def sources_caption(attribution: str, entries: Sequence[tuple[str, str, str]], lang: str) -> Markdown:
    """'Quellen und Lizenzen: <attribution> · A, B: source, licence · …' (Markdown) for the index
    indicators (label, source, licence), indicators of the same source and licence named together."""
    by_source: dict[tuple[str, str], list[str]] = {}
    for label, source, licence in entries:
        by_source.setdefault((source, licence), []).append(label)
    listed = " · ".join(
        f"{markdown_list(labels)}: {escape_markdown(source)}, {escape_markdown(licence)}" for (source, licence), labels in by_source.items()
    )
    attribution_text = escape_markdown(attribution, limit=LONG_TEXT_CHARACTERS)
    return Markdown(f"**{t('footer.attribution', lang)}:** {attribution_text}" + (f" · {listed}" if listed else ""))
