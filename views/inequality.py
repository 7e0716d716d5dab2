"""Inequality between areas and spatial patterns of one indicator, built from the store's DataFrames.

Conventions (see metrics/ for the formulas):
- Areas are weighted by their base: the denominator where every area has one (the people
  a share or rate refers to), else the residents (population indicator), else equally.
- Gini and the Theil decomposition need values ≥ 0 (Theil T: zeros allowed, not negative);
  where a measure is undefined the page says why instead of showing a number.
- A count is analysed per 1,000 residents (weighted by the residents): on raw counts every
  measure would mostly measure how large the areas are. The population count itself, or a
  count without residents per area, is not analysed, and the page says why.
- Spatial statistics use queen contiguity between the areas that have a value and a boundary,
  row-standardised, 999 permutations with a fixed seed (the same link shows the same p-values).
  An area without an adjoining one (an old town ringed by water) gets its nearest area as its
  neighbour, and the note says so. With fewer than MIN_AREAS_FOR_POWER areas a note says that
  the tests have little power. A local cluster counts as significant at p < 0.05 (pseudo
  p-value, not corrected for multiple testing — say so wherever clusters are shown).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import shapely

from loaders.store import Indicator
from metrics.inequality import SUMMARY_MEASURES, ge_decomposition, gini, lorenz_curve, summary_measures
from metrics.spatial import attach_islands, benjamini_hochberg, contiguity, getis_ord_gi_star, local_morans, morans_i
from views import maps
from views.charts import FONT, apply_layout
from views.classify import CLUSTER_COLORS, HOTSPOT_COLORS, NO_DATA_COLOR, SERIES_COLORS
from views.export import Column, ExportTable
from views.i18n import format_number, format_value, format_values, percent_axis, plotly_separators, t
from views.markup import Markdown, markdown_text, plotly_text
from views.tables import SCREEN_ROWS, notes, rows_note

PERMUTATIONS = 999
SEED = 20_261_126
SIGNIFICANCE = 0.05
MIN_AREAS_FOR_SPATIAL = 8
MIN_AREAS_FOR_POWER = 30  # below this, Moran's I and LISA carry a note on their little power
PER_RESIDENTS = 1000  # a count is analysed per 1,000 residents
QUADRANTS = ("HH", "LL", "HL", "LH")
FALSE_DISCOVERY_RATE = 0.05  # Gi* hot and cold spots: Benjamini–Hochberg adjusted p ≤ this
HOTSPOTS = ("hot", "cold", "ns", "none")
# The maps of spatial patterns, one shown at a time (a map of 10,000 areas is some 1.4 MB; issue 13
# allows 2 MB per page): LISA clusters (`InequalityView.deck`), Gi* hot spots (`hot_deck`).
PATTERNS = ("clusters", "hotspots")
MEASURE_DECIMALS = 3


@dataclass(frozen=True)
class InequalityView:
    headlines: list[tuple[str, str]]
    sentences: list[Markdown]
    lorenz: go.Figure | None
    lorenz_alt: str
    lorenz_table: pd.DataFrame
    deck: pdk.Deck | None
    legend_html: str
    map_alt: str
    missing_geometry: list[str]
    attached: dict[str, str]  # area without an adjoining one → the nearest area, its neighbour here
    spatial_notes: list[Markdown]  # few areas, attached islands: shown with Moran's I and the clusters
    cluster_table: pd.DataFrame
    lorenz_export: ExportTable | None
    cluster_export: ExportTable
    lorenz_points: tuple[np.ndarray, np.ndarray] | None = None  # population share, value share (0–1)
    hot_deck: pdk.Deck | None = None  # Getis–Ord Gi* hot and cold spots (FDR-corrected)
    hot_legend_html: str = ""
    hot_alt: str = ""
    hot_intro: Markdown = Markdown("")
    hot_found: bool = False
    cluster_table_note: str = ""  # plain text: that the cluster table shows only its first rows


def area_weights(values: pd.DataFrame, population: pd.Series | None) -> tuple[np.ndarray | None, str]:
    """The weight of each area and its kind: denominators if all present, else residents, else none."""
    denominators = values["denominator"].to_numpy(dtype=float)
    if np.isfinite(denominators).all() and (denominators > 0).all():
        return denominators, "denominator"
    if population is not None:
        residents = values["area_id"].map(population).to_numpy(dtype=float)
        if np.isfinite(residents).all() and (residents > 0).all():
            return residents, "population"
    return None, "none"


def per_residents(values: pd.DataFrame, population: pd.Series | None) -> pd.Series | None:
    """A count per PER_RESIDENTS residents of each area (index like `values`), or None where
    an area with a value lacks a positive number of residents."""
    if population is None:
        return None
    residents = values["area_id"].map(population).astype(float)
    if not ((residents > 0) | values["value"].isna()).all():
        return None
    return values["value"].astype(float) / residents * PER_RESIDENTS


def analysed_values(
    values: pd.DataFrame, population: pd.Series | None, *, entry: Indicator, population_indicator: str | None
) -> tuple[pd.DataFrame, np.ndarray | None, str, str | None]:
    """What the inequality measures rest on: the store's `values` (a count per PER_RESIDENTS
    residents), the weights and their kind (see `area_weights`; residents for a count), and for a
    count that is not analysed the key of the reason (the population count itself, or residents
    missing for an area with a value), else None."""
    if entry.kind == "count":
        if entry.indicator_id == population_indicator:
            return values, None, "none", "ineq.reason.count_population"
        per_resident = per_residents(values, population)
        if per_resident is None:
            return values, None, "none", "ineq.reason.count_no_residents"
        analysed = values.assign(value=per_resident)
        residents = analysed.dropna(subset=["value"])["area_id"].map(population).to_numpy(dtype=float)
        return analysed, residents, "population", None
    present = values.dropna(subset=["value"]).reset_index(drop=True)
    weights, kind = area_weights(present, population)
    return values, weights, kind, None


def local_plane(shapes: np.ndarray) -> np.ndarray:
    """WGS84 polygons with longitude scaled by the cosine of their mean latitude, so that
    distances between them compare as on the ground (at the size of a city)."""
    bounds = shapely.bounds(shapes)
    latitude = np.nanmean((bounds[:, 1] + bounds[:, 3]) / 2) if np.isfinite(bounds).any() else 0.0
    factor = np.array([np.cos(np.radians(latitude)), 1.0])
    return shapely.transform(shapes, lambda coordinates: coordinates * factor)


def _reason(x: np.ndarray) -> str | None:
    if x.size < 2:
        return "ineq.reason.few"
    if (x < 0).any():
        return "ineq.reason.negative"
    if np.allclose(x, x[0]):
        return "ineq.reason.constant"
    return None


def build_inequality(
    *,
    values: pd.DataFrame,
    geometries: pd.DataFrame,
    parents: pd.Series | None,
    population: pd.Series | None,
    entry: Indicator,
    period: int,
    level_plural: str,
    parent_level: str | None,
    lang: str,
    population_indicator: str | None = None,
) -> InequalityView:
    """Gini, Theil decomposition by parent area, Lorenz curve, Moran's I and LISA clusters.

    `values` are the store's values of one indicator, period and level (withheld values are
    missing and left out); `parents` maps area_id → parent area id and `parent_level` names the
    parents' level (both None on the coarsest level); `population` maps area_id → residents
    (None without a population indicator), `population_indicator` is its id. A count is
    analysed per 1,000 residents (see the module's conventions).
    """
    unit, decimals, label = entry.unit(lang), int(entry.decimals), entry.label(lang)
    headlines: list[tuple[str, str]] = []
    sentences: list[Markdown] = []
    analysed, weights, weight_kind, count_reason = analysed_values(values, population, entry=entry, population_indicator=population_indicator)
    per_resident = analysed["value"] if entry.kind == "count" and count_reason is None else None
    if count_reason:
        sentences.append(markdown_text("ineq.count_not_analysed", lang, indicator=label, reason=t(count_reason, lang)))
    elif per_resident is not None:
        sentences.append(markdown_text("ineq.count_per_resident", lang, indicator=label))
    present = analysed.dropna(subset=["value"]).reset_index(drop=True)
    x = present["value"].to_numpy(dtype=float)

    reason = "ineq.reason.balance" if entry.kind == "balance" else _reason(x)
    lorenz_figure, lorenz_alt, lorenz_table, lorenz_points = None, "", pd.DataFrame(), None
    if count_reason:
        pass  # said above
    elif reason is None:
        coefficient = gini(x, weights)
        shown = format_number(coefficient, lang, 3)
        headlines.append((t("ineq.gini", lang), shown))
        sentences.append(markdown_text("ineq.gini_sentence", lang, level=level_plural, gini=shown, weights=t(f"ineq.weights.{weight_kind}", lang)))
        population_share, value_share = lorenz_curve(x, weights)
        lorenz_points = (population_share, value_share)
        population_percent, value_percent = population_share * 100, value_share * 100
        lorenz_table = pd.DataFrame(
            {
                t("ineq.lorenz_x", lang): [format_value(v, "%", lang, 1) for v in population_percent],
                t("ineq.lorenz_y", lang): [format_value(v, "%", lang, 1) for v in value_percent],
            }
        )
        lorenz_figure = go.Figure()
        lorenz_figure.add_scatter(
            x=[0, 100], y=[0, 100], mode="lines", name=t("ineq.equality", lang), line={"color": "#000000", "dash": "dash", "width": 2}
        )
        lorenz_figure.add_scatter(
            x=population_percent,
            y=value_percent,
            mode="lines+markers",
            name=plotly_text(label),
            line={"color": "#0072B2", "width": 3},
            marker={"symbol": "circle", "size": 6},
        )
        apply_layout(lorenz_figure, lang=lang, height=480, x_title=t("ineq.lorenz_x", lang), y_title=t("ineq.lorenz_y", lang))
        lorenz_figure.update_xaxes(range=[0, 100], dtick=20, **percent_axis(lang))
        lorenz_figure.update_yaxes(range=[0, 100], dtick=20, **percent_axis(lang))
        lorenz_figure.update_layout(legend={"orientation": "v", "yanchor": "top", "y": 0.98, "xanchor": "left", "x": 0.02})
        lorenz_alt = t("ineq.lorenz_alt", lang, indicator=label, gini=shown)
        if parents is not None and parent_level:
            groups = present["area_id"].map(parents).to_numpy()
            total, between, within = ge_decomposition(x, weights if weights is not None else np.ones_like(x), groups, alpha=1.0)
            if total > 0:
                headlines.append((t("ineq.between", lang, parent=parent_level), format_value(between / total * 100, "%", lang, 0)))
                sentences.append(
                    markdown_text(
                        "ineq.decomposition_sentence",
                        lang,
                        total=format_number(total, lang, 3),
                        between=format_value(between / total * 100, "%", lang, 0),
                        within=format_value(within / total * 100, "%", lang, 0),
                        parent=parent_level,
                    )
                )
    else:
        sentences.append(markdown_text("ineq.undefined", lang, measure=t("ineq.gini", lang), reason=t(reason, lang)))

    # spatial analysis on the areas with a value and a boundary
    drawable = geometries.merge(present[["area_id", "value"]], on="area_id", how="inner").reset_index(drop=True)
    missing_geometry = sorted(set(values["name"]) - set(geometries["name"]))
    cluster = pd.Series("none", index=values["area_id"])
    local_i = pd.Series(np.nan, index=values["area_id"])
    p_values = pd.Series(np.nan, index=values["area_id"])
    attached: dict[str, str] = {}
    spatial_notes: list[Markdown] = []
    hotspot = pd.Series("none", index=values["area_id"])
    gi_z = pd.Series(np.nan, index=values["area_id"])
    gi_q = pd.Series(np.nan, index=values["area_id"])
    tests = 0
    spatial_values = drawable["value"].to_numpy(dtype=float)
    if count_reason:
        pass  # said above
    elif len(drawable) < MIN_AREAS_FOR_SPATIAL:
        sentences.append(
            markdown_text("ineq.undefined", lang, measure="Moran's I", reason=t("ineq.reason.geometry", lang, n=MIN_AREAS_FOR_SPATIAL))
        )
    elif np.allclose(spatial_values, spatial_values[0]):
        sentences.append(markdown_text("ineq.undefined", lang, measure="Moran's I", reason=t("ineq.reason.constant", lang)))
    else:
        shapes = shapely.from_wkb(drawable["geometry"].to_numpy())
        weights_matrix, nearest = attach_islands(contiguity(shapes), local_plane(shapes))
        names = drawable["name"].astype(str)
        attached = dict(sorted((names[island], names[neighbour]) for island, neighbour in nearest.items()))
        moran = morans_i(spatial_values, weights_matrix, permutations=PERMUTATIONS, seed=SEED)
        p_text = format_number(moran.p_sim, lang, 3)
        key = "ineq.moran_none"
        if moran.p_sim < SIGNIFICANCE:
            key = "ineq.moran_positive" if moran.I > moran.EI else "ineq.moran_negative"
        headlines.append((t("ineq.moran", lang), format_number(moran.I, lang, 2)))
        sentences.append(markdown_text(key, lang, i=format_number(moran.I, lang, 2), p=p_text))
        if len(drawable) < MIN_AREAS_FOR_POWER:
            spatial_notes.append(markdown_text("ineq.few_areas", lang, n=len(drawable), minimum=MIN_AREAS_FOR_POWER))
        if attached:
            pairs = [markdown_text("ineq.island_pair", lang, area=area, nearest=neighbour) for area, neighbour in attached.items()]
            spatial_notes.append(markdown_text("ineq.islands", lang, pairs=Markdown("; ".join(pairs))))
        sentences += spatial_notes
        local = local_morans(spatial_values, weights_matrix, permutations=PERMUTATIONS, seed=SEED)
        significant = np.nan_to_num(local.p_sim, nan=1.0) < SIGNIFICANCE
        kinds = np.where(significant, local.quadrant, "ns")
        cluster.loc[drawable["area_id"].to_numpy()] = kinds
        local_i.loc[drawable["area_id"].to_numpy()] = local.Is
        p_values.loc[drawable["area_id"].to_numpy()] = local.p_sim
        try:
            gi = getis_ord_gi_star(spatial_values, weights_matrix)
        except ValueError:  # e.g. signed values that sum to zero: no hot spots to show
            gi = None
        if gi is not None:
            adjusted = benjamini_hochberg(gi.p_norm)
            tests = int(np.isfinite(gi.p_norm).sum())
            notable = np.nan_to_num(adjusted, nan=1.0) <= FALSE_DISCOVERY_RATE
            hotspot.loc[drawable["area_id"].to_numpy()] = np.where(notable, np.where(gi.z > 0, "hot", "cold"), "ns")
            gi_z.loc[drawable["area_id"].to_numpy()] = gi.z
            gi_q.loc[drawable["area_id"].to_numpy()] = adjusted

    deck, legend, map_alt = None, "", ""
    if not drawable.empty and (cluster != "none").any():
        all_areas = geometries.reset_index(drop=True)
        kinds = all_areas["area_id"].map(cluster).fillna("none")
        counts = {key: int((cluster == key).sum()) for key in (*QUADRANTS, "ns", "none") if (cluster == key).any()}
        fills = kinds.map(lambda key: CLUSTER_COLORS.get(key, NO_DATA_COLOR))
        value_by_area = values.dropna(subset=["value"]).set_index("area_id")["value"]  # as stored, not per resident
        shown = format_values(value_by_area.reindex(all_areas["area_id"]).reset_index(drop=True), unit, lang, decimals).tolist()
        names = {key: t("ineq.cluster." + key, lang) for key in set(kinds)}
        details = [f"{value} · {names[kind]}" for value, kind in zip(shown, kinds)]
        deck = maps.choropleth(all_areas, fills=fills, value_labels=pd.Series(shown), details=pd.Series(details), lang=lang)
        legend = maps.legend(
            t("ineq.clusters", lang), [(CLUSTER_COLORS[key], f"{t('ineq.cluster.' + key, lang)} ({n})") for key, n in counts.items()]
        )
        map_alt = t(
            "ineq.map_alt",
            lang,
            indicator=label,
            counts="; ".join(t("ineq.cluster_count", lang, label=t("ineq.cluster." + k, lang), n=n) for k, n in counts.items()),
        )

    hot_deck, hot_legend, hot_alt = None, "", ""
    if tests:
        all_areas = geometries.reset_index(drop=True)
        kinds = all_areas["area_id"].map(hotspot).fillna("none")
        counts = {key: int((hotspot == key).sum()) for key in HOTSPOTS if (hotspot == key).any()}
        value_by_area = values.dropna(subset=["value"]).set_index("area_id")["value"]  # as stored, not per resident
        shown = format_values(value_by_area.reindex(all_areas["area_id"]).reset_index(drop=True), unit, lang, decimals).tolist()
        names = {key: t("ineq.hotspot." + key, lang) for key in set(kinds)}
        hot_deck = maps.choropleth(
            all_areas,
            fills=kinds.map(HOTSPOT_COLORS),
            value_labels=pd.Series(shown),
            details=pd.Series([f"{value} · {names[kind]}" for value, kind in zip(shown, kinds)]),
            short_labels=kinds.map({"hot": "+", "cold": "−"}).fillna(""),
            lang=lang,
        )
        hot_legend = maps.legend(
            t("ineq.gi_short", lang), [(HOTSPOT_COLORS[key], f"{t('ineq.hotspot.' + key, lang)} ({n})") for key, n in counts.items()]
        )
        hot_alt = t(
            "ineq.hotspot_map_alt",
            lang,
            indicator=label,
            counts="; ".join(t("ineq.cluster_count", lang, label=t("ineq.hotspot." + k, lang), n=n) for k, n in counts.items()),
        )
    hot_intro = markdown_text("ineq.hotspots_intro", lang, tests=tests, q=format_number(FALSE_DISCOVERY_RATE, lang, 2))

    shown = values.head(SCREEN_ROWS)  # the screen shows the first rows (by area id); the download has all
    table = pd.DataFrame(
        {
            t("column.area_id", lang): shown["area_id"],
            t("column.area", lang): shown["name"],
            t("column.value", lang): format_values(shown["value"], unit, lang, decimals).tolist(),
            **(
                {t("ineq.column.per_residents", lang): format_values(per_resident.iloc[:SCREEN_ROWS], "", lang, 1).tolist()}
                if per_resident is not None
                else {}
            ),
            t("ineq.column.cluster", lang): cluster.reindex(shown["area_id"]).map(lambda key: t("ineq.cluster." + key, lang)).tolist(),
            t("ineq.column.local_i", lang): format_values(local_i.reindex(shown["area_id"]), "", lang, 2).tolist(),
            t("ineq.column.p", lang): format_values(p_values.reindex(shown["area_id"]), "", lang, 3).tolist(),
            t("ineq.column.hotspot", lang): hotspot.reindex(shown["area_id"]).map(lambda key: t("ineq.hotspot." + key, lang)).tolist(),
            t("ineq.column.gi_z", lang): format_values(gi_z.reindex(shown["area_id"]), "", lang, 2).tolist(),
            t("ineq.column.gi_q", lang): format_values(gi_q.reindex(shown["area_id"]), "", lang, 3).tolist(),
        }
    ).reset_index(drop=True)
    context = tuple(sentences)
    lorenz_export = None
    if lorenz_figure is not None:
        lorenz_headers = [t("ineq.lorenz_x", lang), t("ineq.lorenz_y", lang)]
        lorenz_export = ExportTable(
            frame=pd.DataFrame(dict(zip(lorenz_headers, [population_percent, value_percent]))),
            columns={header: Column("number", 1, "%") for header in lorenz_headers},
            name=(entry.indicator_id, level_plural, period, t("export.name.lorenz", lang)),
            title=f"{t('ineq.lorenz', lang)}: {label} · {period} · {level_plural}",
            indicators=(entry,),
            periods=(period,),
            level=level_plural,
            notes=context,
        )
    def in_rows(per_area: pd.Series) -> pd.Series:
        """A per-area series (indexed by area id) in the rows' order, without a look-up per area."""
        return per_area.reindex(values["area_id"]).reset_index(drop=True)

    cluster_headers = [
        t("column.area_id", lang),
        t("column.area", lang),
        t("column.period", lang),
        t("column.value", lang),
        t("column.unit", lang),
        *([t("ineq.column.per_residents", lang)] if per_resident is not None else []),
        t("ineq.column.cluster", lang),
        t("ineq.column.local_i", lang),
        t("ineq.column.p", lang),
        t("ineq.column.hotspot", lang),
        t("ineq.column.gi_z", lang),
        t("ineq.column.gi_q", lang),
        t("column.note", lang),
    ]
    cluster_columns = [
        (values["area_id"], Column("id")),
        (values["name"], Column("text")),
        (period, Column("integer")),
        (values["value"], Column("integer") if entry.kind == "count" else Column("number", decimals, unit)),
        (unit, Column("text")),
        *([(per_resident, Column("number", 1))] if per_resident is not None else []),
        (in_rows(cluster).map(lambda key: t("ineq.cluster." + key, lang)).tolist(), Column("text")),
        (in_rows(local_i).tolist(), Column("number", 3)),
        (in_rows(p_values).tolist(), Column("number", 3)),
        (in_rows(hotspot).map(lambda key: t("ineq.hotspot." + key, lang)).tolist(), Column("text")),
        (in_rows(gi_z).tolist(), Column("number", 3)),
        (in_rows(gi_q).tolist(), Column("number", 3)),
        (notes(values, lang), Column("text")),
    ]
    cluster_export = ExportTable(
        frame=pd.DataFrame({h: data for h, (data, _) in zip(cluster_headers, cluster_columns)}, index=values.index).reset_index(drop=True),
        columns={h: column for h, (_, column) in zip(cluster_headers, cluster_columns)},
        name=(entry.indicator_id, level_plural, period, t("export.name.clusters", lang)),
        title=f"{t('ineq.clusters', lang)}: {label} · {period} · {level_plural}",
        indicators=(entry,),
        periods=(period,),
        level=level_plural,
        notes=context,
    )
    return InequalityView(
        headlines=headlines,
        sentences=sentences,
        lorenz=lorenz_figure,
        lorenz_alt=lorenz_alt,
        lorenz_table=lorenz_table,
        deck=deck,
        legend_html=legend,
        map_alt=map_alt,
        missing_geometry=missing_geometry,
        attached=attached,
        spatial_notes=spatial_notes,
        cluster_table=table,
        cluster_table_note=rows_note(SCREEN_ROWS, len(values), lang),
        lorenz_export=lorenz_export,
        cluster_export=cluster_export,
        lorenz_points=lorenz_points,
        hot_deck=hot_deck,
        hot_legend_html=hot_legend,
        hot_alt=hot_alt,
        hot_intro=hot_intro,
        hot_found=bool((hotspot.isin(["hot", "cold"])).any()),
    )



# --- the measures over all periods ---------------------------------------------------------------

@dataclass(frozen=True)
class MeasuresOverTime:
    """Gini, Theil T and L, Atkinson (ε = 0.5), Hoover and Palma for every period: the table for
    the screen, small multiples (one panel per measure), the alt text, the download, the plain
    sentence per measure and why a period has no measures."""

    table: pd.DataFrame
    figure: go.Figure | None
    alt: str
    export: ExportTable | None
    explanations: list[str]
    notes: list[str]


def measures_over_time(
    frames: dict[int, pd.DataFrame],
    population: dict[int, pd.Series | None],
    *,
    entry: Indicator,
    level_plural: str,
    lang: str,
    population_indicator: str | None = None,
) -> MeasuresOverTime:
    """The six measures per period of `frames` (period → the store's values of one level), each
    period weighted as `area_weights` says for it (`population`: period → residents per area).
    A period whose values no measure accepts (negative, signed balances, fewer than two areas,
    all equal) has empty measures and a note; a single undefined measure (Theil L with a zero,
    Palma with nothing in the bottom 40 %) is empty. A count is measured per 1,000 residents, or
    not at all (one note says why; see `analysed_values`)."""
    records = []
    notes: list[str] = []
    for period in sorted(frames):
        analysed, weights, kind, count_reason = analysed_values(
            frames[period], population.get(period), entry=entry, population_indicator=population_indicator
        )
        present = analysed.dropna(subset=["value"]).reset_index(drop=True)
        x = present["value"].to_numpy(dtype=float)
        reason = count_reason or ("ineq.reason.balance" if entry.kind == "balance" else _reason(x))
        record: dict[str, object] = {"period": period, "areas": len(x), "weights": ""}
        if reason is not None:
            record |= {measure: np.nan for measure in SUMMARY_MEASURES}
            note = t(reason, lang) if count_reason else f"{period}: {t(reason, lang)}"
            if note not in notes:
                notes.append(note)
        else:
            record |= {"weights": kind, **summary_measures(x, weights)}
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=["period", "areas", "weights", *SUMMARY_MEASURES])
    names = {measure: t(f"ineq.measure.{measure}", lang) for measure in SUMMARY_MEASURES}
    explanations = [t(f"ineq.explain.{measure}", lang) for measure in SUMMARY_MEASURES]
    table = pd.DataFrame(
        {
            t("column.period", lang): frame["period"].astype(str),
            t("ineq.column.areas", lang): frame["areas"],
            t("ineq.column.weights", lang): [t(f"ineq.weighting.{k}", lang) if k else "–" for k in frame["weights"]],
            **{names[m]: [format_number(v, lang, MEASURE_DECIMALS) for v in frame[m]] for m in SUMMARY_MEASURES},
        }
    )
    drawn = frame.dropna(subset=list(SUMMARY_MEASURES), how="all")
    if drawn.empty:
        return MeasuresOverTime(table, None, "", None, explanations, notes)
    from plotly.subplots import make_subplots

    # two columns: readable beside each other on a laptop and still on a phone
    figure = make_subplots(rows=3, cols=2, subplot_titles=[names[m] for m in SUMMARY_MEASURES], horizontal_spacing=0.14, vertical_spacing=0.13)
    changes = []
    for number, measure in enumerate(SUMMARY_MEASURES):
        series = drawn[["period", measure]].dropna()
        texts = [format_number(v, lang, MEASURE_DECIMALS) for v in series[measure]]
        figure.add_scatter(
            x=series["period"], y=series[measure], mode="lines+markers", name=names[measure], showlegend=False,
            line={"color": SERIES_COLORS[1], "width": 2.5}, marker={"size": 6}, customdata=texts,
            hovertemplate=f"<b>{plotly_text(names[measure])}</b> %{{x}}: %{{customdata}}<extra></extra>",
            row=number // 2 + 1, col=number % 2 + 1,
        )
        top = float(series[measure].max()) if not series.empty else 1.0
        figure.update_yaxes(range=[0, top * 1.15 or 1.0], nticks=4, row=number // 2 + 1, col=number % 2 + 1)
        if len(series) >= 2:
            changes.append(t("ineq.over_time_change", lang, measure=names[measure], start=texts[0], end=texts[-1]))
    first, last = int(drawn["period"].iloc[0]), int(drawn["period"].iloc[-1])
    figure.update_xaxes(tickformat="d", dtick=max(1, math.ceil((last - first) / 3)), tickangle=0, showline=True, linecolor="#000000", ticks="outside")
    figure.update_yaxes(showline=True, linecolor="#000000", ticks="outside", gridcolor="#e5e5e5")
    figure.update_annotations(font={**FONT, "size": 14})
    figure.update_layout(
        template="simple_white", font=FONT, height=620, margin={"l": 10, "r": 20, "t": 40, "b": 30},
        separators=plotly_separators(lang), hoverlabel={"font_size": 15},
    )
    alt = t("ineq.over_time_alt", lang, indicator=entry.label(lang), first=first, last=last, changes="; ".join(changes) or "–")
    headers = [
        t("column.period", lang), t("ineq.column.areas", lang), t("ineq.column.weights", lang), *(names[m] for m in SUMMARY_MEASURES)
    ]
    export_frame = pd.DataFrame(
        dict(zip(headers, [frame["period"], frame["areas"], table[t("ineq.column.weights", lang)], *(frame[m] for m in SUMMARY_MEASURES)]))
    )
    export = ExportTable(
        frame=export_frame,
        columns=dict(zip(headers, [Column("integer"), Column("integer"), Column("text"), *(Column("number", MEASURE_DECIMALS) for _ in SUMMARY_MEASURES)])),
        name=(entry.indicator_id, level_plural, t("export.name.measures", lang)),
        title=f"{t('ineq.over_time', lang)}: {entry.label(lang)} · {level_plural}",
        indicators=(entry,),
        periods=tuple(int(p) for p in frame["period"]),
        level=level_plural,
        notes=(*explanations, *notes),
    )
    return MeasuresOverTime(table, figure, alt, export, explanations, notes)


# --- the decomposition across the levels -----------------------------------------------------------

def ancestors_at(parents_by_level: list[pd.Series], depth: int) -> pd.Series:
    """For the areas of a level, their ancestor `depth` levels up: `parents_by_level` holds, from
    the level itself upwards, each level's area_id → parent_id (as many as `depth`)."""
    mapped = parents_by_level[0]
    for parents in parents_by_level[1:depth]:
        mapped = mapped.map(parents)
    return mapped


@dataclass(frozen=True)
class LevelDecomposition:
    """Theil T of one level split into between and within the areas of each coarser level."""

    table: pd.DataFrame
    export: ExportTable | None
    sentences: list[Markdown]
    reason: str = ""  # plain text: why there is no decomposition ("" where there is one or no coarser level)


def decomposition_by_level(
    values: pd.DataFrame,
    *,
    groupings: list[tuple[str, pd.Series]],
    population: pd.Series | None,
    entry: Indicator,
    period: int,
    level_plural: str,
    lang: str,
    population_indicator: str | None = None,
) -> LevelDecomposition:
    """For each (level label, area_id → that level's area) of `groupings`, the Theil T of the
    `values` (weighted as `area_weights` says) and its between/within parts (metrics.inequality.
    ge_decomposition, α = 1). A count per 1,000 residents (see `analysed_values`). Empty where
    the measure is undefined (see `_reason`), with the reason."""
    analysed, weights, _, count_reason = analysed_values(values, population, entry=entry, population_indicator=population_indicator)
    present = analysed.dropna(subset=["value"]).reset_index(drop=True)
    x = present["value"].to_numpy(dtype=float)
    reason = count_reason or ("ineq.reason.balance" if entry.kind == "balance" else _reason(x))
    headers = [
        t("ineq.column.grouped_by", lang), t("ineq.column.groups", lang), t("ineq.column.total", lang),
        t("ineq.column.between", lang), t("ineq.column.within", lang), t("ineq.column.between_share", lang),
    ]
    if reason is not None or not groupings:
        return LevelDecomposition(pd.DataFrame(columns=headers), None, [], t(reason, lang) if reason else "")
    rows, sentences = [], []
    for label, grouping in groupings:
        groups = present["area_id"].map(grouping).to_numpy()
        if pd.isna(groups).any():
            continue  # an area without a parent at that level: the contract forbids it, show nothing rather than guess
        total, between, within = ge_decomposition(x, weights if weights is not None else np.ones_like(x), groups, alpha=1.0)
        share = between / total if total > 0 else np.nan
        count = len(set(groups))
        rows.append([label, count, total, between, within, share * 100])
        if total > 0:
            sentences.append(markdown_text("ineq.by_level_sentence", lang, level=label, share=format_value(share * 100, "%", lang, 0), groups=count))
    frame = pd.DataFrame(rows, columns=headers)
    shown = frame.assign(
        **{h: [format_number(v, lang, MEASURE_DECIMALS) for v in frame[h]] for h in headers[2:5]},
        **{headers[5]: [format_value(v, "%", lang, 0) for v in frame[headers[5]]]},
    )
    export = ExportTable(
        frame=frame,
        columns=dict(zip(headers, [Column("text"), Column("integer"), *(Column("number", MEASURE_DECIMALS) for _ in range(3)), Column("number", 1, "%")])),
        name=(entry.indicator_id, level_plural, period, t("export.name.decomposition", lang)),
        title=f"{t('ineq.by_level', lang)}: {entry.label(lang)} · {period} · {level_plural}",
        indicators=(entry,),
        periods=(period,),
        level=level_plural,
        notes=tuple(sentences),
    ) if rows else None
    return LevelDecomposition(shown, export, sentences)
