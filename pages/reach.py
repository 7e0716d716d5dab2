"""Erreichbarkeit: the share of addresses (or residents) within a straight-line distance of the nearest place of a kind.

Thin: reads the reach choices (session, else URL), asks the store, hands everything to
views.reach.build_reach and shows what it built. Hypothetical places are added by a click into
the map (a pickable grid of cells) or, without a mouse, by choosing an area.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from metrics.reach import Projection
from ui.accessibility import plotly_chart
from ui.area_search import listed, search_field
from ui.data import Dataset
from ui.download import download
from ui.frame_cache import cached_by_bytes
from ui.layout import context, end_page, map_columns, map_with_legend
from ui.map_scope import MapScope, scope_for, scoped_geometries, show_scope, shown_map
from views import reach as rv
from views.i18n import category_label, format_number, format_value, t
from views.markup import LONG_TEXT_CHARACTERS, escape_markdown, plain
from views.state import (
    MAX_ADDED_PLACES,
    REACH_BASES,
    REACH_DISTANCES_M,
    REACH_WEIGHTINGS,
    ReachState,
    add_place,
    reach_query,
    remove_place,
    resolve_reach,
)

REACH_KEY = "sozialmonitor.reach"
MAP_KEY = "w_reach_map"
PREFERRED_CATEGORY = "digitale_hilfe"



@cached_by_bytes
def reach_basis(dataset: Dataset, basis: str) -> tuple[Projection, bool, rv.Origins, pd.DataFrame]:
    """The projection (and whether the dataset declares it), the origins of `basis` and each
    finest area's anchor for the keyboard path, once per dataset version (read-only, shared)."""
    metadata = dataset.store.metadata
    if basis == "addresses":
        addresses = dataset.addresses()
        projection, crs_declared = rv.projection_for(metadata.metric_crs, addresses["lon"].to_numpy(), addresses["lat"].to_numpy())
        origins = dataset.address_origins(projection.crs)
    else:
        finest_geometries = dataset.geometries(metadata.finest_level)
        population = metadata.population_indicator
        bounds = rv.area_bounds(finest_geometries)
        projection, crs_declared = rv.projection_for(metadata.metric_crs, [bounds[0], bounds[2]], [bounds[1], bounds[3]])
        residents = dataset.values(population, max(dataset.periods(population)), metadata.finest_level)
        origins = rv.origins_from_areas(finest_geometries, residents, projection)
    return projection, crs_declared, origins, rv.area_anchors(origins)


@cached_by_bytes
def has_addresses(dataset: Dataset) -> bool:
    """Whether any address lies in an area, once per dataset version (not the addresses on every run)."""
    return bool(dataset.addresses()["area_id"].notna().any())


@cached_by_bytes
def finest_bounds(dataset: Dataset) -> tuple[float, float, float, float]:
    """The finest areas' bounds (west, south, east, north), once per dataset version."""
    return rv.area_bounds(dataset.geometries(dataset.store.metadata.finest_level))


@cached_by_bytes
def added_place_areas(dataset: Dataset, added: tuple[tuple[float, float], ...]) -> list[str | None]:
    """The finest area of each hypothetical place, once per dataset version and set of places."""
    return rv.place_areas(added, dataset.geometries(dataset.store.metadata.finest_level))


@cached_by_bytes
def reach_view(dataset: Dataset, reach: ReachState, level_id: str, clickable: bool, lang: str, scope: MapScope) -> rv.ReachView:
    """The page's view (the map of every area with the places and, when `clickable`, the grid
    of cells; tables, ranking, export) once per dataset version and choice: a rerun that
    changes none of it does not build it again. Read-only, shared by the sessions."""
    store = dataset.store
    metadata = store.metadata
    projection, crs_declared, origins, _ = reach_basis(dataset, reach.basis)
    return rv.build_reach(
        origins=origins,
        projection=projection,
        crs_declared=crs_declared,
        points=dataset.points([]),
        state=reach,
        category_label=category_label(reach.category, lang),
        areas_by_level=[(level_id, dataset.areas(level_id)) for level_id in metadata.level_ids],
        level=level_id,
        level_plural=metadata.level(level_id).plural(lang),
        geometries=scoped_geometries(dataset, scope),
        city=metadata.city,
        min_count=metadata.min_count,
        min_denominator=metadata.min_denominator,
        source=t("reach.source", lang, attribution=metadata.attribution),
        addresses_note=metadata.addresses_note(lang),
        cells=dataset.reach_cells(projection.crs) if clickable else None,
        lang=lang,
    )


ctx = context()
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
metadata, store = ctx.metadata, ctx.dataset.store
level = metadata.level(state.level)
finest = metadata.level(metadata.finest_level)


def sources() -> None:
    st.divider()
    st.caption(f"**{t('footer.attribution', lang)}:** {escape_markdown(metadata.attribution, limit=LONG_TEXT_CHARACTERS)}")


st.title(t("reach.title", lang))

points = dataset.points([]) if store.has_points() else None
if points is None or points.empty:
    st.info(t("reach.no_points", lang), icon=":material/info:")
    sources()
    end_page()
categories = sorted(points["category"].unique())
counts = points["category"].value_counts()

previous: ReachState | None = st.session_state.get(REACH_KEY)
if previous is None:
    default = ReachState(category=PREFERRED_CATEGORY if PREFERRED_CATEGORY in categories else categories[0])
    previous, rejected = resolve_reach(
        st.query_params.to_dict(),
        categories=categories,
        weightings=REACH_WEIGHTINGS,
        bases=REACH_BASES,
        bounds=finest_bounds(dataset),
        default=default,
    )
    if rejected:
        st.info(t("reach.notice.url_fallback", lang, keys=", ".join(rejected)))


def remember(reach: ReachState) -> None:
    """The choices into the session and the URL (a copied link reproduces the scenario)."""
    st.session_state[REACH_KEY] = reach
    query = reach_query(reach)
    st.query_params.update(query)
    if "reach_places" not in query and "reach_places" in st.query_params:
        del st.query_params["reach_places"]


# ---- the basis: addresses, or the labelled approximation by area centres ----------------------
if has_addresses(dataset):
    basis = "addresses"
else:
    st.warning(t("reach.no_addresses", lang), icon=":material/location_off:")
    population = metadata.population_indicator
    if population is None or not dataset.periods(population):
        st.info(t("reach.approx.no_population", lang))
        sources()
        end_page()
    approximate = st.toggle(
        t("reach.approx.toggle", lang, finest=escape_markdown(finest.label(lang))), value=previous.basis == "centroids", key="w_reach_approx"
    )
    if not approximate:
        remember(replace(previous, basis="addresses"))
        sources()
        end_page()
    basis = "centroids"
    population_period = max(dataset.periods(population))
    st.warning(t("reach.approx.warning", lang, finest=escape_markdown(finest.label(lang)), period=population_period), icon=":material/warning:")

projection, _, origins, anchors = reach_basis(dataset, basis)

# ---- choices -----------------------------------------------------------------------------------
columns = st.columns([4, 4, 3])
category = columns[0].selectbox(
    t("reach.controls.category", lang),
    categories,
    index=categories.index(previous.category),
    key="w_reach_category",
    placeholder=t("select.placeholder", lang),
    format_func=lambda c: t("reach.controls.category_count", lang, label=plain(category_label(c, lang)), n=int(counts[c])),
)
distance = columns[1].select_slider(
    t("reach.controls.distance", lang),
    REACH_DISTANCES_M,
    value=previous.distance,
    key="w_reach_distance",
    format_func=lambda d: format_value(d, t("reach.metres", lang), lang, 0),
    help=t("reach.controls.distance_help", lang),
)
wheelchair_only = columns[2].toggle(
    t("reach.controls.wheelchair", lang), value=previous.wheelchair_only, key="w_reach_wheelchair", help=t("reach.controls.wheelchair_help", lang)
)
# The map first (on the first screen of a projector), under a heading that says what it shows
# (filled in once the figures are built); the weighting and the what-if switch beside it, the
# headline figures after it.
heading = st.container()
map_column, side_column = map_columns()
weighting = origins.weightings[0]
if len(origins.weightings) > 1:
    weighting = side_column.radio(
        t("reach.controls.weighting", lang),
        origins.weightings,
        index=origins.weightings.index(previous.weighting) if previous.weighting in origins.weightings else 0,
        key="w_reach_weighting",
        format_func=lambda w: t(f"reach.controls.weighting.{w}", lang),
        horizontal=True,
    )
reach = ReachState(
    category=category, distance=int(distance), wheelchair_only=wheelchair_only, weighting=weighting, basis=basis, added=previous.added
)
remember(reach)


def add_clicked_place() -> None:
    """The map's callback: a click on a grid cell adds a hypothetical place at the cell's centre."""
    event = st.session_state.get(MAP_KEY)
    objects = event.selection.objects.get("cells", []) if event is not None else []
    if objects:
        st.session_state[REACH_KEY] = add_place(st.session_state[REACH_KEY], objects[0]["lon"], objects[0]["lat"])


def add_area_place(anchors) -> None:
    """The keyboard path: a hypothetical place at the address nearest to the middle of the chosen area's addresses."""
    row = anchors[anchors["area_id"] == st.session_state.get("w_reach_area")]
    if not row.empty:
        st.session_state[REACH_KEY] = add_place(st.session_state[REACH_KEY], float(row["lon"].iloc[0]), float(row["lat"].iloc[0]))


def drop_place(index: int | None) -> None:
    st.session_state[REACH_KEY] = remove_place(st.session_state[REACH_KEY], index)


# ---- the figures ---------------------------------------------------------------------------------
grid = dataset.reach_cells(projection.crs)
cells = grid if st.session_state.get("w_reach_click", False) else None
scope = scope_for(dataset, state.level, key="reach")
view = reach_view(dataset, reach, state.level, cells is not None, lang, scope)
on_map = shown_map(scope, view, lambda shown: reach_view(dataset, reach, shown, cells is not None, lang, MapScope(shown, shown)))
with map_column:
    show_scope(dataset, scope, lang)

heading.subheader(f"{escape_markdown(view.indicator_label)} · {escape_markdown(level.label(lang))}", divider="gray")
side_column.toggle(
    t("reach.whatif.toggle", lang), key="w_reach_click", help=t("reach.whatif.toggle_help", lang, size=format_number(grid.size_m, lang))
)
if cells is not None:
    side_column.caption(t("reach.whatif.click_hint", lang, size=format_number(cells.size_m, lang)))
map_with_legend(
    on_map.deck,
    alt=on_map.map_alt,
    legend_html=on_map.legend_html,
    missing_geometry=on_map.missing_geometry,
    metadata=metadata,
    lang=lang,
    key=MAP_KEY if cells is not None else None,
    on_select=add_clicked_place if cells is not None else None,
    columns=(map_column, side_column),
)
for note in view.notes:
    st.caption(note)
download(view.map_export, key="reach_map", what="map")
st.caption(t("reach.intro", lang))

for column, headline in zip(st.columns(len(view.headlines)), view.headlines):
    column.metric(
        headline.label,
        headline.value,
        headline.delta,
        delta_color=headline.delta_color,
        delta_arrow=headline.delta_arrow,
        delta_description=headline.delta_description,
        border=True,
    )
st.markdown(view.summary)

# ---- what if …? --------------------------------------------------------------------------------
st.header(t("reach.whatif.title", lang), divider="gray")
st.markdown(t("reach.whatif.intro", lang))
if view.whatif_summary:
    st.markdown(view.whatif_summary)
if view.whatif_table is not None and not view.whatif_table.empty:
    st.markdown(f"**{t('reach.whatif.table', lang)}**")
    st.dataframe(view.whatif_table, hide_index=True)

area_column, button_column = st.columns([3, 1], vertical_alignment="bottom")
if listed(dataset, finest.id):
    finest_areas = dataset.areas(finest.id)
    names = dict(zip(finest_areas["area_id"], finest_areas["name"]))
    choosable = [area_id for area_id in anchors["area_id"] if area_id in names]
    area_label = names
else:  # too many areas for one list: a text field, and the areas found that have an address (ui.area_search)
    names = search_field(area_column, dataset, finest.id, key="w_reach_area_search", lang=lang)
    with_anchor = set(anchors.loc[anchors["area_id"].isin(list(names)), "area_id"])
    choosable = [area_id for area_id in names if area_id in with_anchor]
    area_label = {area_id: f"{name} ({area_id})" for area_id, name in names.items()}
area_column.selectbox(
    t("reach.whatif.area", lang),
    choosable,
    key="w_reach_area",
    placeholder=t("select.placeholder", lang),
    format_func=lambda area_id: plain(area_label[area_id]),
    help=t("reach.whatif.area_help", lang),
)
full = len(reach.added) >= MAX_ADDED_PLACES
button_column.button(
    t("reach.whatif.add", lang), on_click=add_area_place, args=(anchors,), icon=":material/add_location:", disabled=full, key="w_reach_add"
)
if full:
    st.caption(t("reach.whatif.full", lang, n=MAX_ADDED_PLACES))

st.markdown(f"**{t('reach.whatif.list', lang)}**")
if not reach.added:
    st.caption(t("reach.whatif.none", lang))
for number, ((lon, lat), area) in enumerate(zip(reach.added, added_place_areas(dataset, tuple(reach.added)))):
    text_column, remove_column = st.columns([4, 1], vertical_alignment="center")
    position = dict(n=number + 1, lon=format_number(lon, lang, 5), lat=format_number(lat, lang, 5))
    text_column.markdown(
        t("reach.whatif.item", lang, area=escape_markdown(area), **position) if area else t("reach.whatif.item_outside", lang, **position)
    )
    remove_column.button(t("reach.whatif.remove", lang), key=f"w_reach_remove_{number}", on_click=drop_place, args=(number,), icon=":material/delete:")
if reach.added:
    st.button(t("reach.whatif.remove_all", lang), on_click=drop_place, args=(None,), icon=":material/layers_clear:", key="w_reach_remove_all")
if cells is not None:
    st.caption(t("reach.whatif.limits", lang, half=format_number(cells.size_m / 2, lang)))

# ---- ranking, table, download, method --------------------------------------------------------------
st.header(t("reach.ranking", lang), divider="gray")
plotly_chart(view.ranking, alt=plain(view.ranking_alt, limit=LONG_TEXT_CHARACTERS))
download(view.ranking_export, key="reach_ranking", what="chart")

st.header(t("reach.table", lang), divider="gray")
st.dataframe(view.table, hide_index=True)
if view.table_note:
    st.caption(escape_markdown(view.table_note))
st.caption(t("note.suppression_rule", lang, min_count=metadata.min_count, min_denominator=metadata.min_denominator))
if state.level != finest.id:
    st.caption(t("note.aggregated", lang))
download(view.export, key="reach_table")
with st.expander(t("reach.method.title", lang), icon=":material/menu_book:"):
    st.markdown(view.method)
sources()
