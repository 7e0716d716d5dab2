"""Inequality between areas and spatial patterns of one indicator, built from the store's DataFrames.

Conventions (see metrics/ for the formulas):
- Areas are weighted by their base: the denominator where every area has one (the people
  a share or rate refers to), else the residents (population indicator), else equally.
- Gini and the Theil decomposition need values ≥ 0 (Theil T: zeros allowed, not negative);
  where a measure is undefined the page says why instead of showing a number.
- Spatial statistics use queen contiguity between the areas that have a value and a boundary,
  row-standardised, 999 permutations with a fixed seed (the same link shows the same p-values).
  A local cluster counts as significant at p < 0.05 (pseudo p-value, not corrected for multiple
  testing — say so wherever clusters are shown).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import shapely

from loaders.store import Indicator
from metrics.inequality import ge_decomposition, gini, lorenz_curve
from metrics.spatial import contiguity, local_morans, morans_i
from views import maps
from views.charts import apply_layout
from views.classify import CLUSTER_COLORS, NO_DATA_COLOR
from views.export import Column, ExportTable
from views.i18n import format_number, format_value, register, t
from views.markup import Markdown, markdown_text, plotly_text
from views.tables import notes

PERMUTATIONS = 999
SEED = 20_261_126
SIGNIFICANCE = 0.05
MIN_AREAS_FOR_SPATIAL = 8
QUADRANTS = ("HH", "LL", "HL", "LH")

register(
    {
        "ineq.title": {"de": "Ungleichheit und räumliche Muster", "en": "Inequality and spatial patterns"},
        "ineq.intro": {
            "de": "Wie ungleich ist {indicator} auf die {level} verteilt, und liegen ähnliche Werte räumlich beieinander?",
            "en": "How unequally is {indicator} spread across the {level}, and do similar values lie next to each other?",
        },
        "ineq.gini": {"de": "Gini-Koeffizient", "en": "Gini coefficient"},
        "ineq.between": {"de": "Anteil zwischen Gebieten der Ebene „{parent}“", "en": "Share between areas of the level “{parent}”"},
        "ineq.moran": {"de": "Moran's I (räumliche Ähnlichkeit)", "en": "Moran's I (spatial similarity)"},
        "ineq.gini_sentence": {
            "de": "Der Gini-Koeffizient über die {level} beträgt {gini} (0 = alle Gebiete gleich, 1 = größtmögliche Ungleichheit); gewichtet {weights}.",
            "en": "The Gini coefficient across the {level} is {gini} (0 = all areas equal, 1 = greatest possible inequality); weighted {weights}.",
        },
        "ineq.weights.denominator": {"de": "mit der Bezugsgröße jedes Gebiets (Nenner)", "en": "by each area's base (denominator)"},
        "ineq.weights.population": {"de": "mit der Bevölkerung jedes Gebiets", "en": "by each area's population"},
        "ineq.weights.none": {"de": "nicht (jedes Gebiet zählt gleich)", "en": "not at all (every area counts the same)"},
        "ineq.decomposition_sentence": {
            "de": "Von der Ungleichheit (Theil-Index {total}) liegen {between} zwischen den Gebieten der Ebene „{parent}“ und {within} innerhalb dieser Gebiete.",
            "en": "Of the inequality (Theil index {total}), {between} lies between the areas of the level “{parent}” and {within} within them.",
        },
        "ineq.undefined": {"de": "{measure} ist hier nicht definiert: {reason}", "en": "{measure} is not defined here: {reason}"},
        "ineq.reason.negative": {"de": "das Merkmal hat negative Werte.", "en": "the indicator has negative values."},
        "ineq.reason.few": {"de": "zu wenige Gebiete mit Wert.", "en": "too few areas with a value."},
        "ineq.reason.constant": {"de": "alle Gebiete haben denselben Wert.", "en": "all areas have the same value."},
        "ineq.reason.geometry": {
            "de": "zu wenige Gebiete mit Wert und Grenzen (mindestens {n} nötig).",
            "en": "too few areas with a value and a boundary (at least {n} needed).",
        },
        "ineq.moran_positive": {
            "de": "Moran's I = {i} (p = {p}): Gebiete mit ähnlichen Werten liegen gehäuft nebeneinander.",
            "en": "Moran's I = {i} (p = {p}): areas with similar values cluster together.",
        },
        "ineq.moran_negative": {
            "de": "Moran's I = {i} (p = {p}): benachbarte Gebiete unterscheiden sich stärker, als es der Zufall erwarten ließe.",
            "en": "Moran's I = {i} (p = {p}): neighbouring areas differ more than chance would suggest.",
        },
        "ineq.moran_none": {
            "de": "Moran's I = {i} (p = {p}): kein räumliches Muster, das sich vom Zufall unterscheidet.",
            "en": "Moran's I = {i} (p = {p}): no spatial pattern that stands out from chance.",
        },
        "ineq.lorenz": {"de": "Lorenzkurve", "en": "Lorenz curve"},
        "ineq.lorenz_x": {"de": "Anteil der Bevölkerung (Gebiete aufsteigend nach Wert)", "en": "Share of population (areas by ascending value)"},
        "ineq.lorenz_y": {"de": "Anteil an der Summe", "en": "Share of the total"},
        "ineq.equality": {"de": "Gleichverteilung", "en": "Equal distribution"},
        "ineq.lorenz_alt": {
            "de": "Lorenzkurve von {indicator}: Je weiter die Kurve unter der Diagonale liegt, desto ungleicher. Gini {gini}.",
            "en": "Lorenz curve of {indicator}: the further the curve lies below the diagonal, the more unequal. Gini {gini}.",
        },
        "ineq.clusters": {"de": "Räumliche Häufungen (LISA)", "en": "Spatial clusters (LISA)"},
        "ineq.clusters_intro": {
            "de": "Jedes Gebiet wird mit seinen Nachbarn verglichen. Markiert sind Gebiete, bei denen das Muster mit weniger als 5 % Wahrscheinlichkeit zufällig ist (Pseudo-p-Wert aus 999 Zufallsanordnungen, nicht für mehrfaches Testen korrigiert – ein Hinweis, kein Beweis).",
            "en": "Each area is compared with its neighbours. Marked are areas whose pattern has less than a 5% chance of being random (pseudo p-value from 999 random arrangements, not corrected for multiple testing – a hint, not a proof).",
        },
        "ineq.cluster.HH": {"de": "hoch, Nachbarn hoch", "en": "high, neighbours high"},
        "ineq.cluster.LL": {"de": "niedrig, Nachbarn niedrig", "en": "low, neighbours low"},
        "ineq.cluster.HL": {"de": "hoch, Nachbarn niedrig", "en": "high, neighbours low"},
        "ineq.cluster.LH": {"de": "niedrig, Nachbarn hoch", "en": "low, neighbours high"},
        "ineq.cluster.ns": {"de": "kein auffälliges Muster", "en": "no notable pattern"},
        "ineq.cluster.none": {"de": "nicht berechnet (kein Wert oder keine Grenze)", "en": "not computed (no value or no boundary)"},
        "ineq.cluster_count": {"de": "{label}: {n}", "en": "{label}: {n}"},
        "ineq.map_alt": {
            "de": "Karte der räumlichen Häufungen von {indicator}: {counts}.",
            "en": "Map of the spatial clusters of {indicator}: {counts}.",
        },
        "ineq.column.local_i": {"de": "lokales Moran's I", "en": "local Moran's I"},
        "ineq.column.p": {"de": "p-Wert", "en": "p-value"},
        "ineq.column.cluster": {"de": "Muster", "en": "Pattern"},
        "ineq.islands": {
            "de": "Ohne Nachbarn (in der räumlichen Analyse ohne Vergleich): {areas}",
            "en": "Without neighbours (no comparison in the spatial analysis): {areas}",
        },
    }
)


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
    islands: list[str]
    cluster_table: pd.DataFrame
    lorenz_export: ExportTable | None
    cluster_export: ExportTable


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
) -> InequalityView:
    """Gini, Theil decomposition by parent area, Lorenz curve, Moran's I and LISA clusters.

    `values` are the store's values of one indicator, period and level (withheld values are
    missing and left out); `parents` maps area_id → parent area id and `parent_level` names the
    parents' level (both None on the coarsest level); `population` maps area_id → residents
    (None without a population indicator).
    """
    unit, decimals, label = entry.unit(lang), int(entry.decimals), entry.label(lang)
    present = values.dropna(subset=["value"]).reset_index(drop=True)
    x = present["value"].to_numpy(dtype=float)
    weights, weight_kind = area_weights(present, population)
    headlines: list[tuple[str, str]] = []
    sentences: list[Markdown] = []

    reason = _reason(x)
    lorenz_figure, lorenz_alt, lorenz_table = None, "", pd.DataFrame()
    if reason is None:
        coefficient = gini(x, weights)
        shown = format_number(coefficient, lang, 3)
        headlines.append((t("ineq.gini", lang), shown))
        sentences.append(markdown_text("ineq.gini_sentence", lang, level=level_plural, gini=shown, weights=t(f"ineq.weights.{weight_kind}", lang)))
        population_share, value_share = lorenz_curve(x, weights)
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
        suffix = "\u00a0%" if lang == "de" else "%"
        lorenz_figure.update_xaxes(range=[0, 100], ticksuffix=suffix, dtick=20)
        lorenz_figure.update_yaxes(range=[0, 100], ticksuffix=suffix, dtick=20)
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
    islands: list[str] = []
    spatial_values = drawable["value"].to_numpy(dtype=float)
    if len(drawable) < MIN_AREAS_FOR_SPATIAL:
        sentences.append(
            markdown_text("ineq.undefined", lang, measure="Moran's I", reason=t("ineq.reason.geometry", lang, n=MIN_AREAS_FOR_SPATIAL))
        )
    elif np.allclose(spatial_values, spatial_values[0]):
        sentences.append(markdown_text("ineq.undefined", lang, measure="Moran's I", reason=t("ineq.reason.constant", lang)))
    else:
        weights_matrix = contiguity(shapely.from_wkb(drawable["geometry"].to_numpy()))
        islands = sorted(drawable.loc[weights_matrix.islands, "name"])
        moran = morans_i(spatial_values, weights_matrix, permutations=PERMUTATIONS, seed=SEED)
        p_text = format_number(moran.p_sim, lang, 3)
        key = "ineq.moran_none"
        if moran.p_sim < SIGNIFICANCE:
            key = "ineq.moran_positive" if moran.I > moran.EI else "ineq.moran_negative"
        headlines.append((t("ineq.moran", lang), format_number(moran.I, lang, 2)))
        sentences.append(markdown_text(key, lang, i=format_number(moran.I, lang, 2), p=p_text))
        local = local_morans(spatial_values, weights_matrix, permutations=PERMUTATIONS, seed=SEED)
        significant = np.nan_to_num(local.p_sim, nan=1.0) < SIGNIFICANCE
        kinds = np.where(significant, local.quadrant, "ns")
        cluster.loc[drawable["area_id"].to_numpy()] = kinds
        local_i.loc[drawable["area_id"].to_numpy()] = local.Is
        p_values.loc[drawable["area_id"].to_numpy()] = local.p_sim

    deck, legend, map_alt = None, "", ""
    if not drawable.empty and (cluster != "none").any():
        all_areas = geometries.reset_index(drop=True)
        kinds = all_areas["area_id"].map(cluster).fillna("none")
        counts = {key: int((cluster == key).sum()) for key in (*QUADRANTS, "ns", "none") if (cluster == key).any()}
        fills = kinds.map(lambda key: CLUSTER_COLORS.get(key, NO_DATA_COLOR))
        value_by_area = present.set_index("area_id")["value"]
        shown = [format_value(value_by_area.get(area_id), unit, lang, decimals) for area_id in all_areas["area_id"]]
        details = [f"{value} · {t('ineq.cluster.' + kind, lang)}" for value, kind in zip(shown, kinds)]
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

    table = pd.DataFrame(
        {
            t("column.area_id", lang): values["area_id"],
            t("column.area", lang): values["name"],
            t("column.value", lang): [format_value(v, unit, lang, decimals) for v in values["value"]],
            t("ineq.column.cluster", lang): [t("ineq.cluster." + cluster[a], lang) for a in values["area_id"]],
            t("ineq.column.local_i", lang): [format_number(local_i[a], lang, 2) for a in values["area_id"]],
            t("ineq.column.p", lang): [format_number(p_values[a], lang, 3) for a in values["area_id"]],
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
    cluster_headers = [
        t("column.area_id", lang),
        t("column.area", lang),
        t("column.period", lang),
        t("column.value", lang),
        t("column.unit", lang),
        t("ineq.column.cluster", lang),
        t("ineq.column.local_i", lang),
        t("ineq.column.p", lang),
        t("column.note", lang),
    ]
    cluster_columns = [
        (values["area_id"], Column("id")),
        (values["name"], Column("text")),
        (period, Column("integer")),
        (values["value"], Column("integer") if entry.kind == "count" else Column("number", decimals, unit)),
        (unit, Column("text")),
        ([t("ineq.cluster." + cluster[a], lang) for a in values["area_id"]], Column("text")),
        ([local_i[a] for a in values["area_id"]], Column("number", 3)),
        ([p_values[a] for a in values["area_id"]], Column("number", 3)),
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
        islands=islands,
        cluster_table=table,
        lorenz_export=lorenz_export,
        cluster_export=cluster_export,
    )

