"""Everything the reach page shows, built from addresses, places and areas in pure functions.

The measure: for a category of places (optionally only wheelchair-accessible ones), the share of
addresses — or of their residents — within a chosen straight-line distance of the nearest place,
per area (metrics/reach.py). It is mapped, ranked, tabled and exported like any indicator; the
city value and coarser areas come from numerators and denominators. Hypothetical places
("what if") are added to the real ones, and the change per area is shown before/after.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import shapely

from loaders.store import Indicator, suppress_complements, suppress_small_counts
from metrics.reach import CandidateCells, Projection, nearest_distance, reach_by_area, roll_up, utm_crs, weighted_median
from views import charts, maps, text
from views.export import Column, ExportTable, count_or_number
from views.classify import (
    CELL_HIGHLIGHT_RGBA,
    HYPOTHETICAL_PLACE_COLOR,
    NO_DATA_COLOR,
    PLACE_COLOR,
    REACH_CIRCLE_COLOR,
    hex_to_rgba,
    quantile_classes,
)
from views.i18n import format_delta, format_number, format_value, format_values, t
from views.markup import LONG_TEXT_CHARACTERS, Markdown, escape_html, escape_markdown, markdown_list, plain
from views.overview import Headline, with_statistics
from views.points import attributes_of, describe
from views.state import ReachState
from views.tables import SCREEN_ROWS, area_table, notes, rows_note

UNIT = "%"
DECIMALS = 1
MANY_PLACES = 60  # above this, places and their circles are drawn finer on the map


# ---- where people are ------------------------------------------------------------------------
@dataclass(frozen=True)
class Origins:
    """The positions whose reach is measured: addresses, or (labelled approximation) area centres.

    `area_ids` holds the finest area of each origin (None outside every area); `residents` is
    None when the dataset gives none. `outside` counts origins without an area; `left_out`
    names areas that could not be placed (centre basis: no boundary or no residents).
    """

    basis: str
    lon: np.ndarray
    lat: np.ndarray
    xy: np.ndarray
    area_ids: np.ndarray
    residents: np.ndarray | None
    outside: int
    left_out: tuple[str, ...] = ()

    @property
    def weightings(self) -> tuple[str, ...]:
        """The weightings this basis allows: addresses count one each; residents where known."""
        if self.basis == "centroids":
            return ("residents",)
        return ("addresses", "residents") if self.residents is not None else ("addresses",)

    def weights(self, weighting: str) -> np.ndarray:
        if weighting == "residents" and self.residents is not None:
            return self.residents
        if weighting == "addresses" and self.basis == "addresses":
            return np.ones(len(self.area_ids))
        raise ValueError(f"Origins: weighting {weighting!r} is not available for the basis {self.basis!r}")


def projection_for(declared: str | None, lon: np.ndarray, lat: np.ndarray) -> tuple[Projection, bool]:
    """The dataset's metric CRS, else the UTM zone of the data's centre; True when declared."""
    return (Projection(declared), True) if declared else (Projection(utm_crs(lon, lat)), False)


def origins_from_addresses(addresses: pd.DataFrame, projection: Projection) -> Origins:
    """Addresses as origins (the store's address table)."""
    lon, lat = addresses["lon"].to_numpy(dtype=float), addresses["lat"].to_numpy(dtype=float)
    area_ids = addresses["area_id"].astype(object).where(addresses["area_id"].notna(), None).to_numpy()
    located = np.array([area is not None for area in area_ids], dtype=bool)
    residents = addresses["residents"].to_numpy(dtype=float)
    has_residents = bool(np.isfinite(residents[located]).all()) and located.any()
    return Origins(
        basis="addresses",
        lon=lon,
        lat=lat,
        xy=projection.to_metres(lon, lat),
        area_ids=area_ids,
        residents=np.where(located, np.nan_to_num(residents), 0.0) if has_residents else None,
        outside=int((~located).sum()),
    )


def origins_from_areas(geometries: pd.DataFrame, residents: pd.DataFrame, projection: Projection) -> Origins:
    """The approximation without addresses: each finest area as one point inside it, weighted by its residents.

    `geometries` (area_id, name, geometry as WKB) and `residents` (area_id, name, value) are the
    finest level; areas without a boundary or without a resident count are left out and named.
    """
    people = residents.set_index("area_id")["value"]
    shapes = shapely.from_wkb(geometries["geometry"].to_numpy())
    anchors = shapely.point_on_surface(shapes)
    weight = geometries["area_id"].map(people).to_numpy(dtype=float)
    keep = np.isfinite(weight)
    left_out = sorted(set(residents["name"]) - set(geometries.loc[keep, "name"]))
    lon, lat = shapely.get_x(anchors)[keep], shapely.get_y(anchors)[keep]
    return Origins(
        basis="centroids",
        lon=lon,
        lat=lat,
        xy=projection.to_metres(lon, lat),
        area_ids=geometries.loc[keep, "area_id"].to_numpy(dtype=object),
        residents=weight[keep],
        outside=0,
        left_out=tuple(left_out),
    )


def area_anchors(origins: Origins) -> pd.DataFrame:
    """Per finest area, the origin nearest to the mean position of the area's origins: area_id, lon, lat.

    Where the keyboard path ("a place in this area") puts a hypothetical place: at a real
    address near the middle of where the area's addresses are.
    """
    located = np.array([area is not None for area in origins.area_ids], dtype=bool)
    frame = pd.DataFrame(
        {"area_id": origins.area_ids[located], "x": origins.xy[located, 0], "y": origins.xy[located, 1],
         "lon": origins.lon[located], "lat": origins.lat[located]}
    )
    centre = frame.groupby("area_id")[["x", "y"]].transform("mean")
    frame["gap"] = np.hypot(frame["x"] - centre["x"], frame["y"] - centre["y"])
    nearest = frame.loc[frame.groupby("area_id")["gap"].idxmin()]
    return nearest[["area_id", "lon", "lat"]].sort_values("area_id").reset_index(drop=True)


def area_bounds(geometries: pd.DataFrame) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of the areas' boundaries; the whole world without any."""
    if geometries.empty:
        return (-180.0, -90.0, 180.0, 90.0)
    return tuple(float(b) for b in shapely.total_bounds(shapely.from_wkb(geometries["geometry"].to_numpy())))


def place_areas(added: Sequence[tuple[float, float]], geometries: pd.DataFrame) -> list[str | None]:
    """The name of the area (of `geometries`) that contains each hypothetical place; None outside all."""
    if not added:
        return []
    shapes = shapely.from_wkb(geometries["geometry"].to_numpy())
    names = []
    for lon, lat in added:
        inside = np.flatnonzero(shapely.contains_xy(shapes, lon, lat)) if len(shapes) else []
        names.append(str(geometries["name"].iloc[inside[0]]) if len(inside) else None)
    return names


def places_of(points: pd.DataFrame, *, category: str, wheelchair_only: bool) -> pd.DataFrame:
    """The places of one category; with `wheelchair_only` only those with wheelchair = yes."""
    chosen = points[points["category"] == category]
    if wheelchair_only:
        chosen = chosen[[attributes_of(a).get("wheelchair") == "yes" for a in chosen["attributes"]]]
    return chosen.reset_index(drop=True)


# ---- the measure per area --------------------------------------------------------------------
def shares_at_level(
    fine: pd.DataFrame, *, areas_by_level: Sequence[tuple[str, pd.DataFrame]], level: str, min_count: int, min_denominator: int
) -> pd.DataFrame:
    """The finest shares rolled up to `level`, for every area of it, with small counts withheld.

    `areas_by_level` lists (level id, the store's areas of that level) from coarsest to finest.
    Returns area_id, name, parent_id, value, numerator, denominator, suppressed, empty (an area
    without any origin: no value, and not "withheld").
    """
    order = [level_id for level_id, _ in areas_by_level]
    frames = dict(areas_by_level)
    rolled = fine
    for child in reversed(order[order.index(level) + 1:]):
        rolled = roll_up(rolled, frames[child].set_index("area_id")["parent_id"].to_dict())
    areas = frames[level][["area_id", "name", "parent_id"]]
    frame = areas.merge(rolled, on="area_id", how="left")
    frame["empty"] = ~(frame["denominator"] > 0)
    frame.loc[frame["empty"], ["numerator", "denominator", "value"]] = np.nan
    frame = suppress_small_counts(frame.assign(period=0), "share", min_count, min_denominator)
    frame = suppress_complements(frame)
    return frame.drop(columns="period").reset_index(drop=True)


def city_share(fine: pd.DataFrame) -> tuple[float, float, float | None]:
    """Numerator, denominator and share (%) of the whole city, from the finest areas."""
    numerator, denominator = float(fine["numerator"].sum()), float(fine["denominator"].sum())
    return numerator, denominator, (numerator / denominator * 100 if denominator > 0 else None)


def reach_entry(*, category_label: str, distance: int, weighting: str, basis: str, source: str, lang: str) -> Indicator:
    """The measure as a catalog entry, so that tables treat it like any share."""
    labels = {
        code: t(f"reach.indicator.{basis if basis == 'centroids' else weighting}", code, distance=format_number(distance, code), category=category_label)
        for code in ("de", "en")
    }
    return Indicator(
        indicator_id="reach",
        label_de=labels["de"],
        label_en=labels["en"],
        description_de=labels["de"],
        description_en=labels["en"],
        domain="soziale_dienste",
        unit_de=UNIT,
        unit_en=UNIT,
        polarity="higher_better",
        kind="share",
        scale=100.0,
        decimals=DECIMALS,
        source=source,
        licence=t("reach.licence", lang),
        vintage="",
        sdg="",
        is_synthetic=False,
    )


# ---- the view --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReachView:
    indicator_label: str
    place_count: int
    city_value: float | None
    headlines: list[Headline]
    summary: Markdown
    deck: pdk.Deck | None
    legend_html: str
    map_alt: str
    missing_geometry: list[str]
    ranking: go.Figure
    ranking_alt: str
    table: pd.DataFrame
    table_note: str  # plain text: that the table shows only its first rows ('' when it shows all)
    export: ExportTable
    map_export: ExportTable
    ranking_export: ExportTable
    whatif_table: pd.DataFrame | None
    whatif_summary: Markdown
    notes: list[Markdown]
    method: Markdown


def _basis_words(weighting: str, basis: str, lang: str) -> str:
    return t("reach.basis.centroids" if basis == "centroids" else f"reach.basis.{weighting}", lang)


def build_reach(
    *,
    origins: Origins,
    projection: Projection,
    crs_declared: bool,
    points: pd.DataFrame,
    state: ReachState,
    category_label: str,
    areas_by_level: Sequence[tuple[str, pd.DataFrame]],
    level: str,
    level_plural: str,
    geometries: pd.DataFrame,
    city: str,
    min_count: int,
    min_denominator: int,
    source: str,
    addresses_note: str | None,
    cells: CandidateCells | None,
    lang: str,
) -> ReachView:
    """The reach of one category at one level: headlines, map, ranking, tables, what-if, method.

    `points` are the dataset's points of interest (all categories); `geometries` the drawable
    areas of `level`; `cells` the grid a hypothetical place can be clicked into (None: the map
    is not selectable).
    """
    places = places_of(points, category=state.category, wheelchair_only=state.wheelchair_only)
    weights = origins.weights(state.weighting)
    before_distance = nearest_distance(origins.xy, projection.to_metres(places["lon"], places["lat"]) if len(places) else np.empty((0, 2)))
    added = np.array(state.added, dtype=float).reshape(-1, 2)
    after_distance = (
        np.minimum(before_distance, nearest_distance(origins.xy, projection.to_metres(added[:, 0], added[:, 1])))
        if len(added)
        else before_distance
    )
    fine_before = reach_by_area(origins.area_ids, weights, before_distance, state.distance)
    fine_after = reach_by_area(origins.area_ids, weights, after_distance, state.distance)
    common = dict(areas_by_level=areas_by_level, level=level, min_count=min_count, min_denominator=min_denominator)
    before = shares_at_level(fine_before, **common)
    after = shares_at_level(fine_after, **common)
    city_before, city_after = city_share(fine_before), city_share(fine_after)
    located = np.array([a is not None for a in origins.area_ids], dtype=bool)
    entry = reach_entry(
        category_label=category_label, distance=state.distance, weighting=state.weighting, basis=origins.basis, source=source, lang=lang
    )
    basis_words = _basis_words(state.weighting, origins.basis, lang)
    distance_text = format_value(state.distance, t("reach.metres", lang), lang, 0)

    # the shown frame: with the hypothetical places, if any
    shown = with_statistics(after.assign(period=0), entry=entry, city_value=city_after[2], lang=lang)
    shown[["ci_low", "ci_high"]] = np.nan  # a complete count of addresses, not a sample: no confidence interval
    shown["reliable"] = True
    shown["note"] = notes(shown, lang).where(~shown["empty"], t("reach.note.no_origins", lang, basis=basis_words))

    headlines = _headlines(
        city=city,
        city_before=city_before,
        city_after=city_after,
        places=len(places),
        added=len(added),
        median=weighted_median(after_distance[located], weights[located]),
        basis_words=basis_words,
        lang=lang,
    )
    found = text.extremes(shown, UNIT, DECIMALS, lang)
    summary = _summary(
        city=city, city_value=city_after, basis_words=basis_words, distance_text=distance_text, category_label=category_label,
        wheelchair_only=state.wheelchair_only, places=len(places), level_plural=level_plural, found=found, lang=lang,
    )

    # map: classes over before and after values, so colours compare across the scenario
    classes = quantile_classes(pd.concat([before["value"], after["value"]], ignore_index=True), "higher_better")
    drawable = geometries.merge(shown[["area_id", "value", "note", "numerator", "denominator"]], on="area_id", how="left").reset_index(drop=True)
    drawable = drawable.merge(before[["area_id", "value"]].rename(columns={"value": "before"}), on="area_id", how="left")
    # the map's texts, formatted per column; a row without a value says why (its note)
    values = drawable["value"].astype(float)
    why = [n if isinstance(n, str) and n else t("note.missing", lang) for n in drawable["note"].astype(object).tolist()]
    labels = pd.Series(np.where(values.notna().to_numpy(), format_values(values, UNIT, lang, DECIMALS).to_numpy(dtype=object), why).tolist())
    reached, total = format_values(drawable["numerator"], "", lang, 0).tolist(), format_values(drawable["denominator"], "", lang, 0).tolist()
    was = format_values(drawable["before"], UNIT, lang, DECIMALS).tolist()
    details = pd.Series(
        [
            label
            + (" · " + t("reach.tooltip.of", lang, reached=r, total=n, basis=basis_words) if counted else "")
            + (" · " + t("reach.tooltip.before", lang, value=w) if len(added) and known else "")
            for label, counted, r, n, known, w in zip(
                labels.tolist(), drawable["numerator"].notna().tolist(), reached, total, drawable["before"].notna().tolist(), was
            )
        ]
    )
    deck = None
    if not drawable.empty:
        deck = maps.choropleth(drawable, fills=classes.color(drawable["value"]), value_labels=labels, details=details, lang=lang)
        deck.layers.extend(_place_layers(places=places, added=added, distance=state.distance, category_label=category_label, lang=lang))
        if cells is not None:
            deck.layers.append(_cell_layer(cells, origins=origins, before_distance=before_distance, places_xy=projection.to_metres(places["lon"], places["lat"]) if len(places) else np.empty((0, 2)), lang=lang))
    legend_html = _legend(classes, category_label=category_label, distance_text=distance_text, any_missing=bool(shown["value"].isna().any()), added=len(added) > 0, lang=lang)
    map_alt = t(
        "reach.map_alt", lang, level=level_plural, indicator=entry.label(lang), classes=classes.count,
        extremes=t("text.extremes", lang, **found) if found else "",
    )

    table = area_table(shown, entry=entry, city_name=city, lang=lang, max_rows=SCREEN_ROWS).rename(
        columns={
            t("column.numerator", lang): t("reach.column.reached", lang, basis=_capital(basis_words)),
            t("column.denominator", lang): t("reach.column.total", lang, basis=_capital(basis_words)),
        }
    )
    whatif_table, whatif_summary = _whatif(before, after, city=city, city_before=city_before, city_after=city_after, added=len(added), basis_words=basis_words, lang=lang)
    context = [t("chart.city_line", lang, city=city, value=format_value(city_after[2], UNIT, lang, DECIMALS))] if city_after[2] is not None else []
    context += [plain(note, limit=LONG_TEXT_CHARACTERS) for note in _plain_notes(origins, addresses_note, lang)]
    if level != areas_by_level[-1][0]:
        context.append(t("note.aggregated", lang))
    export = _export(
        shown, before if len(added) else None, entry=entry, state=state, category_label=category_label, basis_words=basis_words,
        projection=projection, level_plural=level_plural, context=context, lang=lang,
    )
    short = [t("column.area_id", lang), t("column.area", lang), t("column.indicator", lang), t("column.value", lang), t("column.unit", lang), t("column.note", lang)]

    page_notes = []  # Markdown: data strings escaped
    if origins.outside:
        page_notes.append(t("reach.note.outside", lang, n=format_number(origins.outside, lang)))
    if origins.left_out:
        listed = markdown_list(origins.left_out[:10]) + (" …" if len(origins.left_out) > 10 else "")
        page_notes.append(t("reach.note.left_out", lang, n=len(origins.left_out), areas=listed))
    if origins.basis == "centroids":
        page_notes.append(t("reach.note.centroids_finest", lang))
    if addresses_note and origins.basis == "addresses":
        page_notes.append(escape_markdown(addresses_note, limit=LONG_TEXT_CHARACTERS))

    return ReachView(
        indicator_label=entry.label(lang),
        place_count=len(places),
        city_value=city_after[2],
        headlines=headlines,
        summary=Markdown(summary),
        deck=deck,
        legend_html=legend_html,
        map_alt=map_alt,
        missing_geometry=sorted(set(shown["name"]) - set(geometries["name"])),
        ranking=charts.ranking(shown, unit=UNIT, decimals=DECIMALS, city_value=city_after[2], city_name=city, lang=lang),
        ranking_alt=_ranking_alt(shown, entry=entry, level_plural=level_plural, city=city, city_value=city_after[2], lang=lang),
        table=table,
        table_note=rows_note(SCREEN_ROWS, len(shown), lang),
        export=export,
        map_export=export.subset(short, name=(*export.name, t("export.name.map", lang)), title=f"{export.title} · {t('reach.map', lang)}"),
        ranking_export=export.subset(
            [t("column.rank", lang), *short], name=(*export.name, t("export.name.ranking", lang)), title=f"{export.title} · {t('reach.ranking', lang)}"
        ),
        whatif_table=whatif_table,
        whatif_summary=Markdown(whatif_summary),
        notes=[Markdown(note) for note in page_notes],
        method=method_markdown(
            projection=projection, crs_declared=crs_declared, basis=origins.basis, weighting=state.weighting,
            outside=origins.outside, cell_size=cells.size_m if cells is not None else None,
            min_count=min_count, min_denominator=min_denominator, lang=lang,
        ),
    )


def _plain_notes(origins: Origins, addresses_note: str | None, lang: str) -> list[str]:
    """The notes on the origins as plain text (for a file's metadata)."""
    found = []
    if origins.outside:
        found.append(t("reach.note.outside", lang, n=format_number(origins.outside, lang)))
    if origins.left_out:
        found.append(t("reach.note.left_out", lang, n=len(origins.left_out), areas=", ".join(origins.left_out)))
    if origins.basis == "centroids":
        found.append(t("reach.note.centroids_finest", lang))
    if addresses_note and origins.basis == "addresses":
        found.append(addresses_note)
    return found


def _headlines(*, city: str, city_before, city_after, places: int, added: int, median: float, basis_words: str, lang: str) -> list[Headline]:
    numerator, denominator, value = city_after
    change = None if not added or value is None or city_before[2] is None else value - city_before[2]
    headlines = [
        Headline(
            label=t("reach.headline.city", lang, city=escape_markdown(city)),
            value=format_value(value, UNIT, lang, DECIMALS),
            delta=None if change is None else format_delta(change, UNIT, lang, DECIMALS),
            delta_color="normal",  # only with hypothetical places: the change they bring (a description would be cut off)
        ),
        Headline(
            label=t("reach.headline.reached", lang, basis=_capital(basis_words)),
            value=format_number(numerator, lang),
            delta=t("reach.headline.of", lang, total=format_number(denominator, lang)),
            delta_arrow="off",
        ),
        Headline(
            label=t("reach.headline.places", lang),
            value=format_number(places, lang),
            delta=t("reach.headline.added", lang, n=added) if added else None,
            delta_arrow="off",
        ),
    ]
    if np.isfinite(median):
        headlines.append(Headline(label=t("reach.headline.median", lang), value=format_value(median, t("reach.metres", lang), lang, 0)))
    return headlines


def _summary(*, city: str, city_value, basis_words: str, distance_text: str, category_label: str, wheelchair_only: bool, places: int,
             level_plural: str, found: dict | None, lang: str) -> str:
    numerator, denominator, value = city_value
    if places == 0 and not numerator:
        return t("reach.summary.no_places", lang, category=escape_markdown(category_label)) + (
            " " + t("reach.summary.wheelchair_hint", lang) if wheelchair_only else ""
        )
    sentence = t(
        "reach.summary",
        lang,
        share=format_value(value, UNIT, lang, DECIMALS),
        basis=basis_words,
        city=escape_markdown(city),
        reached=format_number(numerator, lang),
        total=format_number(denominator, lang),
        distance=distance_text,
        category=escape_markdown(category_label),
        wheelchair=t("reach.summary.wheelchair", lang) if wheelchair_only else "",
    )
    if found:
        sentence += " " + t(
            "reach.summary.range", lang, level=escape_markdown(level_plural),
            **{key: escape_markdown(found[key]) if key in ("top", "bottom") else found[key] for key in found},
        )
    return sentence


def _ranking_alt(frame: pd.DataFrame, *, entry: Indicator, level_plural: str, city: str, city_value: float | None, lang: str) -> str:
    found = text.extremes(frame, UNIT, DECIMALS, lang) or {"top": "–", "top_value": "–", "bottom": "–", "bottom_value": "–"}
    city_sentence = "" if city_value is None else t("chart.city_sentence", lang, city=city, value=format_value(city_value, UNIT, lang, DECIMALS))
    return t("reach.ranking_alt", lang, n=len(frame), level=level_plural, indicator=entry.label(lang), city_sentence=city_sentence, **found).strip()


def _place_layers(*, places: pd.DataFrame, added: np.ndarray, distance: int, category_label: str, lang: str) -> list[pdk.Layer]:
    """Reach circles around every place, the places, and the hypothetical places on top.

    With many places (Berlin has hundreds) dots and circles are drawn finer, so the areas' colours
    and names stay readable beneath them.
    """
    many = len(places) > MANY_PLACES
    described = describe(places, lang)
    real = [
        {"position": [round(float(lon), 6), round(float(lat), 6)], maps.NAME: plain(name), maps.TIP: plain(" · ".join(p for p in (category_label, str(detail)) if p))}
        for lon, lat, name, detail in zip(described["lon"], described["lat"], described["name"], described["description"])
    ]
    hypothetical = [
        {"position": [float(lon), float(lat)], maps.NAME: t("reach.added.name", lang, n=number + 1), maps.TIP: t("reach.added.detail", lang)}
        for number, (lon, lat) in enumerate(added)
    ]
    circle = dict(
        get_position="position", get_radius=float(distance), radius_units="'meters'", filled=False, stroked=True,
        get_line_color=hex_to_rgba(REACH_CIRCLE_COLOR, 90 if many else 170), line_width_min_pixels=1 if many else 1.5, pickable=False,
    )
    dot = dict(get_position="position", radius_units="'pixels'", stroked=True, get_line_color=[0, 0, 0, 255], pickable=True)
    layers = [pdk.Layer("ScatterplotLayer", data=real + hypothetical, id="reach", **circle)]
    layers.append(pdk.Layer("ScatterplotLayer", data=real, id="places", get_fill_color=hex_to_rgba(PLACE_COLOR), get_radius=3.5 if many else 6, line_width_min_pixels=1 if many else 1.5, **dot))
    if hypothetical:
        layers.append(
            pdk.Layer("ScatterplotLayer", data=hypothetical, id="added", get_fill_color=hex_to_rgba(HYPOTHETICAL_PLACE_COLOR), get_radius=8, line_width_min_pixels=3.5, **dot)
        )
    return layers


def _cell_layer(cells: CandidateCells, *, origins: Origins, before_distance: np.ndarray, places_xy: np.ndarray, lang: str) -> pdk.Layer:
    """The invisible, clickable grid: a click puts a hypothetical place at the cell's centre."""
    size = cells.size_m
    column = np.floor(origins.xy[:, 0] / size).astype(np.int64)
    row = np.floor(origins.xy[:, 1] / size).astype(np.int64)
    counts = pd.Series(1, index=pd.MultiIndex.from_arrays([column, row])).groupby(level=[0, 1]).sum()
    keys = pd.MultiIndex.from_arrays([np.floor(cells.centres_xy[:, 0] / size).astype(np.int64), np.floor(cells.centres_xy[:, 1] / size).astype(np.int64)])
    in_cell = counts.reindex(keys, fill_value=0).to_numpy()
    nearest = nearest_distance(cells.centres_xy, places_xy)
    records = [
        {
            "polygon": [[round(float(x), 6), round(float(y), 6)] for x, y in ring],
            "lon": round(float(lon), 6),
            "lat": round(float(lat), 6),
            maps.NAME: t("reach.cell.name", lang),
            maps.TIP: t("reach.cell.detail", lang, size=format_number(size, lang), nearest=format_value(d, t("reach.metres", lang), lang, 0) if np.isfinite(d) else "–")
            + (" · " + t("reach.cell.count", lang, n=format_number(n, lang)) if origins.basis == "addresses" else ""),
        }
        for ring, (lon, lat), n, d in zip(cells.corners, cells.centres, in_cell, nearest)
    ]
    return pdk.Layer(
        "PolygonLayer", data=records, id="cells", get_polygon="polygon", get_fill_color=[0, 0, 0, 1], stroked=False, filled=True,
        pickable=True, auto_highlight=True, highlight_color=list(CELL_HIGHLIGHT_RGBA),
    )


def _legend(classes, *, category_label: str, distance_text: str, any_missing: bool, added: bool, lang: str) -> str:
    """The classes, then the marks on the map drawn as they appear there (dot, ring, circle), each with its words."""
    items = list(zip(classes.colors, classes.labels(UNIT, lang, DECIMALS)))
    if any_missing:
        items.append((NO_DATA_COLOR, t("map.no_data", lang)))
    marks = [(f"width:.8em;height:.8em;background:{PLACE_COLOR};border:2px solid #000000", category_label)]
    if added:
        marks.append((f"width:.8em;height:.8em;background:{HYPOTHETICAL_PLACE_COLOR};border:3px solid #000000", t("reach.legend.added", lang)))
    marks.append((f"width:1.1em;height:1.1em;background:transparent;border:1.5px solid {REACH_CIRCLE_COLOR}", t("reach.legend.circle", lang, distance=distance_text)))
    rows = "".join(
        f'<li style="display:flex;align-items:center;gap:.5em;margin:.15em 0">'
        f'<span aria-hidden="true" style="display:inline-block;flex:none;border-radius:50%;{style}"></span>'
        f"<span>{escape_html(label)}</span></li>"
        for style, label in marks
    )
    extra = f'<strong>{escape_html(t("reach.legend.places", lang))}</strong><ul style="list-style:none;padding:0;margin:.3em 0">{rows}</ul>'
    return maps.legend(t("map.legend", lang), items, note=f"{t('polarity.higher_better', lang)} {t('map.classes_note', lang)}", extra=extra)


def _whatif(before: pd.DataFrame, after: pd.DataFrame, *, city: str, city_before, city_after, added: int, basis_words: str, lang: str) -> tuple[pd.DataFrame | None, str]:
    """The areas whose share rises with the hypothetical places (largest rise first) and a sentence."""
    if not added:
        return None, ""
    both = before.merge(after, on=["area_id", "name"], suffixes=("_before", "_after"))
    both["change"] = both["value_after"] - both["value_before"]
    both["gained"] = both["numerator_after"] - both["numerator_before"]
    changed = both[both["change"] > 0].sort_values(["change", "name"], ascending=[False, True])
    withheld = int((both["suppressed_before"] | both["suppressed_after"]).sum())
    gained_total = city_after[0] - city_before[0]
    places = _hypothetical(added, lang)
    if gained_total <= 0:
        summary = t("reach.whatif.nothing", lang, places=places, basis=basis_words)
    else:
        summary = t(
            "reach.whatif.summary", lang, places=places, city=escape_markdown(city),
            before=format_value(city_before[2], UNIT, lang, DECIMALS), after=format_value(city_after[2], UNIT, lang, DECIMALS),
            change=format_delta(city_after[2] - city_before[2], UNIT, lang, DECIMALS), gained=format_number(gained_total, lang), basis=basis_words,
        )
        if not changed.empty:
            top = changed.iloc[0]
            summary += " " + t("reach.whatif.top", lang, area=escape_markdown(top["name"]), change=format_delta(top["change"], UNIT, lang, DECIMALS))
    if withheld:
        summary += " " + t("reach.whatif.withheld", lang, n=withheld)
    table = pd.DataFrame(
        {
            t("column.area_id", lang): changed["area_id"],
            t("column.area", lang): changed["name"],
            t("reach.column.before", lang): [format_value(v, UNIT, lang, DECIMALS) for v in changed["value_before"]],
            t("reach.column.after", lang): [format_value(v, UNIT, lang, DECIMALS) for v in changed["value_after"]],
            t("reach.column.change", lang): [format_delta(v, UNIT, lang, DECIMALS) for v in changed["change"]],
            t("reach.column.gained", lang, basis=_capital(basis_words)): [format_number(v, lang) for v in changed["gained"]],
        }
    ).reset_index(drop=True)
    return table, summary


def _hypothetical(n: int, lang: str) -> str:
    """'einem gedachten Ort' / '3 gedachten Orten' (dative, as the sentences need it)."""
    return t("reach.places.one", lang) if n == 1 else t("reach.places.many", lang, n=n)


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


def _export(
    shown: pd.DataFrame, before: pd.DataFrame | None, *, entry: Indicator, state: ReachState, category_label: str, basis_words: str,
    projection: Projection, level_plural: str, context: Sequence[str], lang: str,
) -> ExportTable:
    """Raw numbers, one row per area in the order of the screen; every choice of the scenario in the title and metadata."""
    ordered = shown.sort_values(["rank", "name"], na_position="last").reset_index(drop=True)
    number = Column("number", DECIMALS, UNIT)
    columns: dict[str, tuple[object, Column]] = {
        t("column.rank", lang): (ordered["rank"], Column("integer")),
        t("column.area_id", lang): (ordered["area_id"], Column("id")),
        t("column.area", lang): (ordered["name"], Column("text")),
        t("column.indicator", lang): (entry.label(lang), Column("text")),
        t("column.value", lang): (ordered["value"], number),
        t("column.unit", lang): (UNIT, Column("text")),
        t("reach.column.reached", lang, basis=_capital(basis_words)): (ordered["numerator"], count_or_number(ordered["numerator"], 2)),
        t("reach.column.total", lang, basis=_capital(basis_words)): (ordered["denominator"], count_or_number(ordered["denominator"], 2)),
    }
    if before is not None:
        columns[t("reach.column.value_without", lang)] = (ordered[["area_id"]].merge(before, on="area_id", how="left")["value"].to_numpy(), number)
    columns[t("column.note", lang)] = (ordered["note"], Column("text"))
    frame = pd.DataFrame({header: data for header, (data, _) in columns.items()}, index=ordered.index)
    scenario = [
        t("reach.export.category", lang, category=category_label),
        t("reach.export.distance", lang, distance=format_value(state.distance, t("reach.metres", lang), lang, 0)),
        t("reach.export.method", lang, crs=f"{projection.name} ({projection.crs})"),
    ]
    if state.wheelchair_only:
        scenario.append(t("reach.export.wheelchair", lang))
    if state.added:
        places = "; ".join(f"{lon:.5f} {lat:.5f}" for lon, lat in state.added)
        scenario.append(t("reach.export.added", lang, places=places))
    return ExportTable(
        frame=frame,
        columns={header: column for header, (_, column) in columns.items()},
        name=("erreichbarkeit", state.category, f"{state.distance}m", level_plural) + (("was-waere-wenn",) if state.added else ()),
        title=f"{entry.label(lang)} · {level_plural}" + (f" · {t('reach.whatif.title', lang)}" if state.added else ""),
        indicators=(entry,),
        level=level_plural,
        notes=(*scenario, *context, t("map.classes_note", lang)),
    )


def method_markdown(*, projection: Projection, crs_declared: bool, basis: str, weighting: str, outside: int, cell_size: int | None,
                    min_count: int, min_denominator: int, lang: str) -> str:
    """How the figures are computed, as a Markdown list."""
    lines = [
        t("reach.method.distance", lang, name=projection.name, crs=projection.crs,
          origin=t("reach.method.crs_declared" if crs_declared else "reach.method.crs_utm", lang)),
        t("reach.method.limits", lang),
        t("reach.method.nearest", lang),
        t("reach.method.share_" + ("centroids" if basis == "centroids" else weighting), lang),
        t("reach.method.aggregate", lang),
        t("reach.method.median", lang),
        t("reach.method.wheelchair", lang),
        t("reach.method.outside", lang, n=format_number(outside, lang)) if basis == "addresses" else t("reach.method.centroids", lang),
        t("reach.method.suppression", lang, min_count=min_count, min_denominator=min_denominator),
        t("reach.method.whatif", lang, size=format_number(cell_size or 0, lang)) if cell_size else t("reach.method.whatif_keyboard", lang),
    ]
    return Markdown("\n".join(f"- {line}" for line in lines))
