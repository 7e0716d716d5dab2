"""Overview: headline figures, a choropleth map and the ranking of the areas for one indicator."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from loaders.store import Indicator
from reports import pdf_name
from ui.data import Dataset
from ui.layout import app_url, context, end_page, footer, map_columns, map_with_legend, set_view
from ui.map_scope import MapScope, look_into, map_scope, no_values_at_coarser, scoped_geometries, shown_map
from ui.accessibility import plotly_chart
from ui.area_search import MATCHES, listed, matching_areas
from ui.download import download
from ui.frame_cache import cached_by_bytes
from views.classify import CLASS_METHODS, DEFAULT_CLASS_METHOD
from views.i18n import category_label, t
from views.maps import area_of_selection
from views.markup import LONG_TEXT_CHARACTERS, escape_markdown, markdown_text, plain
from views.overview import Overview, build_overview
from views.points import ACCESS_FILTERS, describe, point_table, points_export, with_access

PROFILE_PAGE = "pages/profile.py"
OPEN_PROFILE = "sozialmonitor.open_profile"  # set by a click on the map: open the profile on this run
MAP_ROUND = "sozialmonitor.map_round"  # counts the clicks that opened a profile: a fresh map widget each time

if st.session_state.pop(OPEN_PROFILE, False):
    st.switch_page(PROFILE_PAGE)

ctx = context()
lang, state, entry, dataset = ctx.lang, ctx.state, ctx.entry, ctx.dataset
metadata = ctx.metadata
level = metadata.level(state.level)
map_key = f"overview_map_{st.session_state.get(MAP_ROUND, 0)}"


def open_clicked_area() -> None:
    """The map's click: remember the area and open its profile (on the rerun that follows)."""
    area_id = area_of_selection(st.session_state[map_key].get("selection"))
    if area_id is not None and scope.coarser:
        look_into(scope, area_id)
    elif area_id is not None:
        set_view(area=area_id)
        st.session_state[MAP_ROUND] = st.session_state.get(MAP_ROUND, 0) + 1
        st.session_state[OPEN_PROFILE] = True


st.title(t("overview.title", lang))
st.subheader(f"{escape_markdown(entry.label(lang))} · {state.period} · {escape_markdown(level.label(lang))}")

areas_listed = listed(dataset, state.level)  # else the search is a text field (ui.area_search)
if areas_listed:
    areas = dataset.areas(state.level)
    area_ids = list(areas.sort_values("name")["area_id"])
    area_names = dict(zip(areas["area_id"], areas["name"]))


def chosen_points(dataset: Dataset, categories: tuple[str, ...], access: str, lang: str) -> pd.DataFrame | None:
    """The places of the chosen categories that meet the access filter, described (None if none)."""
    chosen = with_access(dataset.points(list(categories)), access) if categories else None
    return describe(chosen, lang) if chosen is not None and not chosen.empty else None


@cached_by_bytes
def overview_view(
    dataset: Dataset, entry: Indicator, period: int, level_id: str, lang: str, class_method: str, found_area: str | None,
    categories: tuple[str, ...], access: str | None, scope: MapScope,
) -> Overview:
    """The page's view, built once per dataset version and choice (the map of every area, the
    tables): a rerun that changes none of it does not build them again. Read-only, shared by
    the sessions."""
    metadata = dataset.store.metadata
    return build_overview(
        values=dataset.values(entry.indicator_id, period, level_id),
        geometries=scoped_geometries(dataset, scope),
        entry=entry,
        period=period,
        city=metadata.city,
        city_series=dataset.city_series(entry.indicator_id),
        residents_series=dataset.city_series(metadata.population_indicator) if metadata.population_indicator else None,
        level_plural=metadata.level(level_id).plural(lang),
        lang=lang,
        area_sizes=dataset.areas(level_id).set_index("area_id")["area_km2"],
        points=chosen_points(dataset, categories, access, lang) if access is not None else None,
        point_labels={c: category_label(c, lang) for c in categories},
        class_method=class_method,
        found_area=found_area,
    )


# The map comes first, so that it is on the first screen of a projector (1280×720); its
# controls and legend stand beside it (below it on a phone), the headline figures follow it.
st.header(t("overview.map", lang), divider="gray")
map_column, side_column = map_columns()
with side_column:
    class_method = st.selectbox(
        t("map.class_method", lang),
        CLASS_METHODS,
        index=CLASS_METHODS.index(state.classes or DEFAULT_CLASS_METHOD),
        format_func=lambda method: t(f"map.method.{method}", lang),
        placeholder=t("select.placeholder", lang),
        help=t("map.class_method_help", lang),
        key="w_classes",
        on_change=lambda: set_view(classes=None if st.session_state["w_classes"] == DEFAULT_CLASS_METHOD else st.session_state["w_classes"]),
    )
    if areas_listed:
        found_area = st.selectbox(
            t("map.search", lang),
            area_ids,
            index=area_ids.index(state.area) if state.area in area_ids else None,
            format_func=lambda area_id: plain(area_names[area_id]),
            placeholder=t("map.search_placeholder", lang),
            help=t("map.search_help", lang),
            key="w_search",
            on_change=lambda: set_view(area=st.session_state["w_search"]),
        )
    else:
        typed = st.text_input(
            t("map.search", lang),
            key="w_search_text",
            placeholder=t("map.search_field_placeholder", lang),
            help=t("map.search_field_help", lang, n=MATCHES),
        )
        matches = matching_areas(dataset, state.level, typed)
        area_names = {**dataset.area_names(state.level, [state.area] if state.area else []), **matches}  # the found area stays
        area_ids = list(area_names)
        found_area = st.selectbox(
            t("map.search_matches", lang, n=MATCHES),
            area_ids,
            index=area_ids.index(state.area) if state.area in area_ids else None,
            format_func=lambda area_id: plain(f"{area_names[area_id]} ({area_id})"),
            placeholder=t("select.placeholder", lang),
            key="w_search_match",
            on_change=lambda: set_view(area=st.session_state["w_search_match"]),
        )
        if typed.strip() and not matches:
            st.caption(markdown_text("select.no_match", lang, search=typed.strip()))

    points = None
    categories: list[str] = []
    access = None
    if dataset.store.has_points():
        all_points = dataset.points([])
        available = sorted(all_points["category"].unique())
        if st.toggle(t("map.poi_toggle", lang), key="w_points"):
            categories = st.multiselect(
                t("poi.categories", lang),
                available,
                default=available,
                format_func=lambda c: plain(category_label(c, lang)),
                key="w_categories",
                placeholder=t("select.placeholder", lang),
            )
            access = st.radio(t("poi.access", lang), ACCESS_FILTERS, format_func=lambda a: t(f"poi.access.{a}", lang), key="w_access")
            points = chosen_points(dataset, tuple(categories), access, lang)
            if points is None:
                st.info(t("poi.none_left", lang))
            else:
                st.caption(t("poi.shown", lang, shown=len(points), total=len(all_points)))

with map_column:
    scope = map_scope(dataset, state.level, lang, key="overview")
overview = overview_view(dataset, entry, state.period, state.level, lang, class_method, found_area, tuple(categories), access, scope)
on_map = shown_map(
    scope, overview, lambda level: overview_view(dataset, entry, state.period, level, lang, class_method, None, tuple(categories), access, MapScope(level, level))
)
if scope.coarser and not on_map.has_values:
    with map_column:
        no_values_at_coarser(dataset, scope, entry.label(lang), state.period, lang)

if not overview.has_values:
    st.info(markdown_text("error.no_values", lang, indicator=entry.label(lang), period=state.period, level=level.label(lang)))
    if entry.kind not in ("count",) and state.level != metadata.finest_level:
        st.markdown(markdown_text("error.not_aggregable", lang, finest=metadata.level(metadata.finest_level).label(lang)))
    footer(ctx)
    end_page()

if overview.found:
    with map_column:
        found_column, link_column = st.columns([3, 2], vertical_alignment="center")
        found_column.markdown(f"**{escape_markdown(overview.found)}** · {t('map.found_outline', lang)}")
        link_column.page_link(
            PROFILE_PAGE,
            label=escape_markdown(t("map.open_profile", lang, area=area_names[found_area])),
            icon=":material/location_city:",
            query_params=st.query_params.to_dict(),
        )
side_column.caption(t("map.click_hint", lang))
map_with_legend(
    on_map.deck,
    alt=on_map.map_alt,
    legend_html=on_map.legend_html,
    missing_geometry=on_map.missing_geometry,
    metadata=metadata,
    lang=lang,
    on_select=open_clicked_area,
    key=map_key,
    columns=(map_column, side_column),
)
download(overview.map_export, key="overview_map", what="map")
if points is not None:
    with st.expander(t("poi.table_alt", lang)):
        st.dataframe(point_table(points, lang), hide_index=True)
        download(points_export(points, lang), key="overview_points", what="points")

if overview.headline_unit:
    st.caption(escape_markdown(overview.headline_unit))
for column, headline in zip(st.columns(len(overview.headlines) or 1), overview.headlines):
    column.metric(
        escape_markdown(headline.label),
        escape_markdown(headline.value),
        None if headline.delta is None else escape_markdown(headline.delta),
        delta_color=headline.delta_color,
        delta_arrow=headline.delta_arrow,
        delta_description=None if headline.delta_description is None else escape_markdown(headline.delta_description),
        chart_data=list(headline.trend) or None,
        chart_type="line",
        border=True,
    )
trend_texts = [headline.trend_text for headline in overview.headlines if headline.trend_text]
if trend_texts:
    st.caption(escape_markdown(" ".join(trend_texts), limit=LONG_TEXT_CHARACTERS))
if overview.summary:
    st.markdown(overview.summary)
if overview.city_value is None:
    st.caption(t("overview.no_city_value", lang))

st.header(t("overview.ranking", lang), divider="gray")
if overview.ranking_note:
    st.caption(escape_markdown(overview.ranking_note, limit=LONG_TEXT_CHARACTERS))
plotly_chart(overview.ranking, alt=plain(overview.ranking_alt, limit=LONG_TEXT_CHARACTERS))
if overview.ranking_whiskers:
    st.caption(escape_markdown(overview.ranking_whiskers))
download(overview.ranking_export, key="overview_ranking", what="chart")

st.header(t("overview.table", lang), divider="gray")
st.dataframe(overview.table, hide_index=True)
for note in overview.table_notes:
    st.caption(escape_markdown(note, limit=LONG_TEXT_CHARACTERS))
st.caption(t("note.suppression_rule", lang, min_count=metadata.min_count, min_denominator=metadata.min_denominator))
if overview.aggregated:
    st.caption(t("note.aggregated", lang))
download(overview.export, key="overview_table")
base_url = app_url()


def indicator_pdf() -> bytes:
    """The indicator report, made on the click (reportlab and the metrics load only then)."""
    from reports.indicator import indicator_report
    from reports.source import StoreSource

    source = StoreSource(dataset.store)
    return indicator_report(source, indicator=state.indicator, period=state.period, level=state.level, lang=lang, base_url=base_url)


st.download_button(
    t("report.download_indicator", lang),
    data=indicator_pdf,
    file_name=pdf_name(state.indicator, state.level, state.period, lang),
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    help=t("report.download_help", lang),
    on_click="ignore",
)

with st.expander(t("overview.about", lang)):
    st.markdown(
        f"**{escape_markdown(entry.label(lang))}** ({escape_markdown(entry.unit(lang))}) — "
        f"{escape_markdown(entry.description(lang), limit=LONG_TEXT_CHARACTERS)}"
    )
    st.markdown(
        "\n".join(
            [
                f"- {t('catalog.kind', lang)}: {t('kind.' + entry.kind, lang)}",
                f"- {t('polarity.' + entry.polarity, lang)}",
                f"- {t('catalog.source', lang)}: {escape_markdown(entry.source)}",
                f"- {t('catalog.licence', lang)}: {escape_markdown(entry.licence)}",
                f"- {t('catalog.vintage', lang)}: {escape_markdown(entry.vintage)}",
                *([f"- {t('catalog.sdg', lang)}: {escape_markdown(entry.sdg)}"] if entry.sdg else []),
                f"- {t('catalog.synthetic' if entry.is_synthetic else 'catalog.real', lang)}",
            ]
        )
    )
footer(ctx)
