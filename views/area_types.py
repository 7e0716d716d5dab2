"""Area types: the typology of the areas from chosen indicators, as tables, a map, charts and sentences.

The computation is metrics.typology (z-values, Ward, silhouette, bootstrap stability); this
module chooses the areas (complete values only, the others listed with their reason), words
each type's profile from the catalog's labels and polarity, and builds the map, the profile
heat map, the silhouette chart and the exports. Data strings are escaped for Markdown in
sentences and for plotly in charts; alt texts and tooltips are plain text.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from loaders.store import Indicator
from metrics.typology import (
    PATTERN,
    STABLE,
    Stability,
    standardise,
    suggest_k,
    type_profiles,
    types,
    ward_tree,
)
from views import maps
from views.charts import FONT, apply_layout
from views.classify import NO_DATA_COLOR, TYPE_COLORS
from views.export import Column, ExportTable
from views.i18n import format_number, format_values, t
from views.markup import LONG_TEXT_CHARACTERS, escape_markdown, plain, plotly_wrapped

MIN_INDICATORS = 2
MIN_AREAS = 4
K_MAX = len(TYPE_COLORS)
NOTABLE = 0.5  # |mean z| from which a type's profile names an indicator …
STRONG = 1.0  # … and from which it says "very"
MAX_NAMED = 4  # indicators named per type, strongest first
MAX_TOOLTIP = 2  # the area's values in its tooltip: of its type's most distinguishing indicators (map bytes)
MAX_LISTED_AREAS = 1_000  # up to this many typed areas the table lists every one …
LISTED_PER_TYPE = 100  # … beyond, per type the areas nearest its mean (the download holds all)
RESAMPLES = 100
SEED = 20_261_201
# z-values in the heat map: ColorBrewer PuOr (colour-blind safe), purple = below, orange = above the
# mean; only its lighter steps, so the black number in every cell stays readable
HEAT_SCALE = [[0.0, "#998ec3"], [0.5, "#f7f7f7"], [1.0, "#f1a340"]]
HEAT_RANGE = 2.5


@dataclass(frozen=True)
class Selection:
    """The areas of the typology (complete values) and those left out, with the reason."""

    matrix: pd.DataFrame  # index area_id, one column per used indicator (raw values)
    names: pd.Series  # area_id → name, for every area of the level
    left_out: pd.DataFrame  # area_id, name, reason (in words)
    dropped_indicators: list[tuple[str, str]]  # (indicator id, reason key)


def select_areas(values: dict[str, pd.DataFrame], *, labels: dict[str, str], lang: str) -> Selection:
    """The areas with a value for every chosen indicator; `values` maps indicator → the store's values.

    An indicator without any value at this level and period, or with the same value everywhere,
    is dropped (it cannot be standardised). An area missing any remaining value is left out,
    and the reason names the indicators (withheld for small counts, or no value).
    """
    frames = {indicator: frame.set_index("area_id") for indicator, frame in values.items()}
    names = next(iter(frames.values()))["name"] if frames else pd.Series(dtype=str)
    dropped: list[tuple[str, str]] = []
    kept: dict[str, pd.DataFrame] = {}
    for indicator, frame in frames.items():
        present = frame["value"].dropna()
        if present.empty:
            dropped.append((indicator, "types.dropped.no_values"))
        elif present.nunique() == 1:
            dropped.append((indicator, "types.dropped.constant"))
        else:
            kept[indicator] = frame
    matrix = pd.DataFrame({indicator: frame["value"] for indicator, frame in kept.items()}, index=names.index)
    reasons = []
    gap_texts = {}
    for indicator, frame in kept.items():  # per indicator, the reason of every area without a value ("" with one)
        withheld = frame["suppressed"].reindex(matrix.index).map(bool).to_numpy()
        texts = np.where(withheld, t("types.gap.withheld", lang, indicator=labels[indicator]), t("types.gap.missing", lang, indicator=labels[indicator]))
        gap_texts[indicator] = np.where(matrix[indicator].isna().to_numpy(), texts, "").tolist()
    for row in np.flatnonzero(matrix.isna().any(axis=1).to_numpy()):  # only the areas with a gap
        area_id = matrix.index[row]
        gaps = [texts[row] for texts in gap_texts.values() if texts[row]]
        if gaps:
            reasons.append({"area_id": area_id, "name": names[area_id], "reason": "; ".join(gaps)})
    left_out = pd.DataFrame(reasons, columns=["area_id", "name", "reason"])
    return Selection(matrix=matrix.drop(index=left_out["area_id"]), names=names, left_out=left_out, dropped_indicators=dropped)


@dataclass(frozen=True)
class Typology:
    """The typology of the selected areas: z-values, types 1 … k, profiles, silhouettes, suggested k."""

    z: pd.DataFrame  # index area_id, columns indicators
    labels: pd.Series  # area_id → type number
    profiles: pd.DataFrame  # index type number, columns indicators: mean z
    silhouettes: pd.DataFrame  # k, silhouette
    suggested_k: int
    k: int


def build_typology(matrix: pd.DataFrame, *, k: int | None) -> Typology:
    """Standardise, cluster (Ward; beyond MAX_WARD_AREAS areas on a sample, the rest to the nearest
    type mean), suggest k by the average silhouette, cut into `k` (or the suggested k)."""
    z = pd.DataFrame(standardise(matrix.to_numpy()), index=matrix.index, columns=matrix.columns)
    tree = ward_tree(z.to_numpy())
    suggested, silhouettes = suggest_k(z.to_numpy(), tree, K_MAX)
    chosen = suggested if k is None else min(k, len(matrix) - 1)
    labels = pd.Series(types(z.to_numpy(), tree, chosen), index=matrix.index)
    profiles = pd.DataFrame(
        type_profiles(z.to_numpy(), labels.to_numpy()), index=pd.RangeIndex(1, chosen + 1), columns=matrix.columns
    )
    return Typology(z=z, labels=labels, profiles=profiles, silhouettes=silhouettes, suggested_k=suggested, k=chosen)


# ---- words -----------------------------------------------------------------------------------
def level_word(z: float, lang: str) -> str | None:
    """'sehr hoch' / 'hoch' / 'niedrig' / 'sehr niedrig' for a mean z beyond ±NOTABLE, else None."""
    if abs(z) < NOTABLE:
        return None
    strength = "very_" if abs(z) >= STRONG else ""
    return t(f"types.level.{strength}{'high' if z > 0 else 'low'}", lang)


def judgement(z: float, polarity: str, lang: str) -> str:
    """'(günstig)' / '(ungünstig)' by the indicator's polarity; nothing for a neutral indicator."""
    if polarity == "neutral":
        return ""
    favourable = (z > 0) == (polarity == "higher_better")
    return " " + t("types.favourable" if favourable else "types.unfavourable", lang)


def profile_sentence(number: int, size: int, profile: pd.Series, *, entries: dict[str, Indicator], lang: str) -> str:
    """'**Typ 2** (8 Gebiete): SGB-II-Quote sehr hoch (ungünstig), Anteil unter 18 Jahren hoch, …'.

    Names the indicators whose mean z lies beyond ±NOTABLE, strongest first (at most
    MAX_NAMED); words come from the catalog's labels and polarity, never from a fixed list.
    """
    notable = profile[profile.abs() >= NOTABLE].sort_values(key=np.abs, ascending=False).head(MAX_NAMED)
    parts = [
        f"{escape_markdown(entries[i].label(lang))} {level_word(z, lang)}{judgement(z, entries[i].polarity, lang)}" for i, z in notable.items()
    ]
    body = ", ".join(parts) if parts else t("types.near_mean", lang)
    return t("types.sentence", lang, number=number, n=size, areas=t("types.areas_one" if size == 1 else "types.areas_many", lang), profile=body)


def distinguishing_indicators(profile: pd.Series) -> list[str]:
    """The indicators whose mean z sets the type most apart (|mean z| ≥ NOTABLE), strongest
    first, at most MAX_TOOLTIP: the values an area's tooltip gives (the table has them all)."""
    return list(profile[profile.abs() >= NOTABLE].sort_values(key=np.abs, ascending=False, kind="stable").head(MAX_TOOLTIP).index)


def typical_areas(typology: Typology) -> pd.Index:
    """Per type the LISTED_PER_TYPE areas nearest its mean (Euclidean distance of the z-values to
    the type's profile; ties: the earlier area), by type and then from the nearest."""
    z = typology.z.to_numpy()
    numbers = typology.labels.to_numpy()
    distance = np.sqrt(np.square(z - typology.profiles.loc[numbers].to_numpy()).sum(axis=1))
    order = np.lexsort((np.arange(len(numbers)), distance, numbers))
    rank_in_type = pd.Series(numbers[order]).groupby(numbers[order]).cumcount().to_numpy()
    return typology.z.index[order[rank_in_type < LISTED_PER_TYPE]]


def stability_word(jaccard: float, lang: str) -> str:
    if np.isnan(jaccard):
        return "–"
    if jaccard >= STABLE:
        return t("types.stable", lang)
    return t("types.pattern" if jaccard >= PATTERN else "types.unstable", lang)


# ---- the page's view -------------------------------------------------------------------------
@dataclass(frozen=True)
class TypesView:
    summary: str
    sentences: list[str]
    deck: pdk.Deck | None
    legend_html: str
    map_alt: str
    missing_geometry: list[str]
    heatmap: go.Figure
    heatmap_alt: str
    profile_table: pd.DataFrame
    silhouette_figure: go.Figure
    silhouette_alt: str
    silhouette_table: pd.DataFrame
    stability_sentence: str
    stability_table: pd.DataFrame
    area_table: pd.DataFrame
    area_table_note: str  # beyond MAX_LISTED_AREAS: which areas the table lists ("" when it lists all)
    export: ExportTable
    left_out_table: pd.DataFrame
    profile_export: ExportTable
    silhouette_export: ExportTable


def type_label(number: int, lang: str) -> str:
    return t("types.type", lang, number=number)


def build_view(
    typology: Typology,
    selection: Selection,
    *,
    stability: Stability,
    entries: dict[str, Indicator],
    geometries: pd.DataFrame,
    period: int,
    level_plural: str,
    lang: str,
) -> TypesView:
    """Sentences, map, profile heat map, silhouette chart, stability and tables of one typology."""
    indicators = list(typology.z.columns)
    labels_of = {i: entries[i].label(lang) for i in indicators}
    sizes = typology.labels.value_counts().sort_index()
    summary = t(
        "types.summary",
        lang,
        n=len(typology.labels),
        level=escape_markdown(level_plural),
        k=typology.k,
        m=len(indicators),
        period=period,
        indicators=", ".join(escape_markdown(labels_of[i]) for i in indicators),
    )
    if selection.left_out.shape[0]:
        summary += " " + t("types.left_out_count", lang, n=selection.left_out.shape[0])
    sentences = [
        profile_sentence(int(number), int(sizes[number]), typology.profiles.loc[number], entries=entries, lang=lang) for number in sizes.index
    ]

    # map: one colour and the type number per area; areas left out in grey
    type_of = typology.labels
    drawable = geometries.reset_index(drop=True)
    numbers = drawable["area_id"].map(type_of)
    fills = numbers.map(lambda n: NO_DATA_COLOR if pd.isna(n) else TYPE_COLORS[int(n) - 1])
    shown = pd.Series([t("types.not_typed", lang) if pd.isna(n) else type_label(int(n), lang) for n in numbers])
    short = pd.Series(["–" if pd.isna(n) else str(int(n)) for n in numbers])
    raw = selection.matrix
    on_map = raw.reindex(drawable["area_id"])
    columns = {i: format_values(on_map[i], entries[i].unit(lang), lang, int(entries[i].decimals)).tolist() for i in indicators}
    distinguishing = {number: distinguishing_indicators(typology.profiles.loc[number]) for number in sizes.index}
    details = [
        f"{label} · " + ", ".join(f"{labels_of[i]} {columns[i][row]}" for i in distinguishing[int(number)])
        if not pd.isna(number) and distinguishing[int(number)]
        else label
        for row, (label, number) in enumerate(zip(shown, numbers))
    ]
    deck = None
    if not drawable.empty:
        deck = maps.choropleth(drawable, fills=fills, value_labels=shown, short_labels=short, details=pd.Series(details), lang=lang)
    legend_items = [(TYPE_COLORS[n - 1], f"{type_label(n, lang)} ({int(sizes[n])})") for n in sizes.index]
    if numbers.isna().any():
        legend_items.append((NO_DATA_COLOR, t("types.not_typed", lang)))
    legend_html = maps.legend(t("types.legend", lang), legend_items, note=t("types.legend_note", lang))
    map_alt = plain(t(
        "types.map_alt",
        lang,
        level=level_plural,
        k=typology.k,
        counts="; ".join(f"{type_label(n, lang)}: {int(sizes[n])}" for n in sizes.index),
    ), limit=LONG_TEXT_CHARACTERS)
    missing_geometry = sorted(set(selection.names[typology.labels.index]) - set(geometries["name"]))

    heatmap, heatmap_alt, profile_table = _heatmap(typology, labels_of, lang)
    silhouette_figure, silhouette_alt, silhouette_table = _silhouette_chart(typology, lang)

    jaccard = stability.jaccard
    stability_table = pd.DataFrame(
        {
            t("types.column.type", lang): [type_label(n, lang) for n in sizes.index],
            t("types.column.size", lang): [int(sizes[n]) for n in sizes.index],
            t("types.column.jaccard", lang): [format_number(jaccard[n - 1], lang, 2) for n in sizes.index],
            t("types.column.stability", lang): [stability_word(jaccard[n - 1], lang) for n in sizes.index],
        }
    )
    stability_sentence = t(
        "types.stability_sentence",
        lang,
        resamples=stability.resamples,
        ari=format_number(stability.rand_index, lang, 2),
        stable=sum(1 for n in sizes.index if jaccard[n - 1] >= STABLE),
        k=typology.k,
    )

    # the areas: type, z and raw values; export with raw numbers
    order = typology.labels.sort_values(kind="stable").index
    ordered_raw, ordered_z = raw.reindex(order), typology.z.reindex(order)
    area_names = selection.names.reindex(order).tolist()
    type_numbers = [int(n) for n in typology.labels.reindex(order)]
    listed = order if len(order) <= MAX_LISTED_AREAS else typical_areas(typology)
    area_table = pd.DataFrame(
        {
            t("column.area_id", lang): list(listed),
            t("column.area", lang): selection.names.reindex(listed).tolist(),
            t("types.column.type", lang): [type_label(int(n), lang) for n in typology.labels.reindex(listed)],
            **{
                f"{labels_of[i]} ({entries[i].unit(lang)})": format_values(raw[i].reindex(listed), entries[i].unit(lang), lang, int(entries[i].decimals)).tolist()
                for i in indicators
            },
            **{t("types.column.z", lang, indicator=labels_of[i]): format_values(typology.z[i].reindex(listed), "", lang, 2).tolist() for i in indicators},
        }
    )
    area_table_note = (
        t("types.listed_note", lang, per_type=LISTED_PER_TYPE, n=format_number(len(order), lang, 0), listed=format_number(len(listed), lang, 0))
        if len(listed) < len(order)
        else ""
    )
    records = [
        (t("column.area_id", lang), list(order), Column("id")),
        (t("column.area", lang), area_names, Column("text")),
        (t("column.period", lang), [period] * len(order), Column("integer")),
        (t("types.column.type", lang), type_numbers, Column("integer")),
        *[
            (f"{labels_of[i]} ({entries[i].unit(lang)})", ordered_raw[i].astype(float).tolist(), Column("number", int(entries[i].decimals)))
            for i in indicators
        ],
        *[(t("types.column.z", lang, indicator=labels_of[i]), ordered_z[i].astype(float).tolist(), Column("number", 3)) for i in indicators],
    ]
    used = tuple(entries[i] for i in indicators)
    notes = (t("types.export_note", lang, k=typology.k, suggested=typology.suggested_k),)

    def table(rows: list, name: str, title: str) -> ExportTable:
        return ExportTable(
            frame=pd.DataFrame({header: values for header, values, _ in rows}).reset_index(drop=True),
            columns={header: column for header, _, column in rows},
            name=(t(name, lang), level_plural, period, f"k{typology.k}"),
            title=f"{title} · {level_plural} · {period}",
            indicators=used,
            periods=(period,),
            level=level_plural,
            notes=notes,
        )

    export = table(records, "export.name.types", t("types.title", lang))
    profile_export = table(
        [
            (t("types.column.type", lang), [int(n) for n in typology.profiles.index], Column("integer")),
            *[(labels_of[i], list(typology.profiles[i]), Column("number", 3)) for i in indicators],
        ],
        "export.name.type_profiles",
        t("types.heatmap_title", lang),
    )
    silhouette_export = table(
        [
            (t("types.k_axis", lang), [int(k) for k in typology.silhouettes["k"]], Column("integer")),
            (t("types.silhouette_axis", lang), list(typology.silhouettes["silhouette"]), Column("number", 3)),
        ],
        "export.name.silhouette",
        t("types.k_title", lang),
    )
    left_out_table = pd.DataFrame(
        {
            t("column.area_id", lang): selection.left_out["area_id"],
            t("column.area", lang): selection.left_out["name"],
            t("types.column.reason", lang): selection.left_out["reason"],
        }
    )
    return TypesView(
        summary=summary,
        sentences=sentences,
        deck=deck,
        legend_html=legend_html,
        map_alt=map_alt,
        missing_geometry=missing_geometry,
        heatmap=heatmap,
        heatmap_alt=heatmap_alt,
        profile_table=profile_table,
        silhouette_figure=silhouette_figure,
        silhouette_alt=silhouette_alt,
        silhouette_table=silhouette_table,
        stability_sentence=stability_sentence,
        stability_table=stability_table,
        area_table=area_table,
        area_table_note=area_table_note,
        export=export,
        left_out_table=left_out_table,
        profile_export=profile_export,
        silhouette_export=silhouette_export,
    )


def _heatmap(typology: Typology, labels_of: dict[str, str], lang: str) -> tuple[go.Figure, str, pd.DataFrame]:
    """Mean z per indicator (rows) and type (columns), each cell also written as a number.

    Indicators as rows and types as narrow columns keep the grid readable on a phone; the
    colour only repeats the number (orange above, purple below the average).
    """
    profiles = typology.profiles
    rows = [type_label(n, lang) for n in profiles.index]
    indicators = [plotly_wrapped(labels_of[i], width=16, limit=80) for i in profiles.columns]
    grid = profiles.to_numpy().T
    text = [[format_number(v, lang, 1) for v in row] for row in grid]
    figure = go.Figure(
        go.Heatmap(
            z=grid,
            x=[str(n) for n in profiles.index],
            y=indicators,
            zmin=-HEAT_RANGE,
            zmax=HEAT_RANGE,
            colorscale=HEAT_SCALE,
            showscale=False,
            text=text,
            texttemplate="%{text}",
            textfont={**FONT, "size": 12},
            xgap=2,
            ygap=2,
            hovertemplate=f"{t('types.column.type', lang)} %{{x}} · %{{y}}<br>z = %{{text}}<extra></extra>",
        )
    )
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_xaxes(side="top", title_text=t("types.column.type", lang), automargin=True)
    apply_layout(figure, lang=lang, height=90 + 56 * len(indicators), x_title=t("types.column.type", lang))
    figure.update_xaxes(side="top")
    figure.update_layout(margin={"l": 10, "r": 10, "t": 60, "b": 10})
    alt = plain(t(
        "types.heatmap_alt",
        lang,
        k=typology.k,
        m=len(indicators),
        extremes="; ".join(
            f"{type_label(n, lang)}: "
            + ", ".join(f"{labels_of[i]} {format_number(profiles.at[n, i], lang, 1)}" for i in profiles.columns)
            for n in profiles.index
        ),
    ), limit=LONG_TEXT_CHARACTERS)
    table = pd.DataFrame(
        {labels_of[i]: [format_number(v, lang, 2) for v in profiles[i]] for i in profiles.columns},
        index=pd.Index(rows, name=t("types.column.type", lang)),
    ).reset_index()
    return figure, alt, table


def _silhouette_chart(typology: Typology, lang: str) -> tuple[go.Figure, str, pd.DataFrame]:
    """Average silhouette per number of types; the suggested one hatched and marked."""
    table = typology.silhouettes
    suggested = table["k"] == typology.suggested_k
    figure = go.Figure()
    figure.add_bar(
        x=table["k"],
        y=table["silhouette"],
        marker={
            "color": ["#0072B2" if s else "#bdbdbd" for s in suggested],
            "line": {"color": "#000000", "width": 1},
            "pattern": {"shape": ["/" if s else "" for s in suggested], "fgcolor": "#ffffff", "size": 8},
        },
        text=[format_number(v, lang, 2) + (f" · {t('types.suggested', lang)}" if s else "") for v, s in zip(table["silhouette"], suggested)],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="k = %{x}<br>%{text}<extra></extra>",
        showlegend=False,
    )
    figure.update_xaxes(dtick=1, title_text=t("types.k_axis", lang))
    figure.update_yaxes(range=[min(0.0, float(table["silhouette"].min()) * 1.2), max(1.0, float(table["silhouette"].max()) * 1.25)])
    apply_layout(figure, lang=lang, height=340, x_title=t("types.k_axis", lang), y_title=t("types.silhouette_axis", lang))
    alt = t(
        "types.silhouette_alt",
        lang,
        values="; ".join(f"k = {k}: {format_number(v, lang, 2)}" for k, v in zip(table["k"], table["silhouette"])),
        k=typology.suggested_k,
    )
    shown = pd.DataFrame(
        {
            t("types.k_axis", lang): table["k"],
            t("types.silhouette_axis", lang): [format_number(v, lang, 3) for v in table["silhouette"]],
            t("types.column.suggested", lang): [t("value.yes", lang) if s else "" for s in suggested],
        }
    )
    return figure, alt, shown


def default_indicators(configured: Sequence[str], social_index: dict | None, catalog_ids: Sequence[str]) -> list[str]:
    """The dataset's `area_types.indicators`, else the social index's status indicators, else the first four indicators."""
    for candidates in (list(configured), list((social_index or {}).get("status_indicators", []))):
        known = [i for i in candidates if i in catalog_ids]
        if len(known) >= MIN_INDICATORS:
            return known
    return list(catalog_ids[:4])
