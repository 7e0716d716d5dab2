"""Maps as pydeck decks, built from DataFrames; nothing here talks to Streamlit.

Every deck uses `map_provider=None`: no basemap, no tile server, nothing is loaded from outside
the user's machine. The areas themselves give the orientation, with labels where there are few
enough to read.
"""
from __future__ import annotations

import json
import math

import pandas as pd
import pydeck as pdk
import shapely

from views.classify import NO_DATA_COLOR, OUTLINE_COLOR, Classes, category_colors, hex_to_rgba
from views.i18n import t
from views.markup import LONG_TEXT_CHARACTERS, escape_html, plain

MAX_LABELLED_AREAS = 15
MAX_LABEL_CHARACTERS = 40  # an area name written on the map; the tooltip and the table show it in full
MAX_SHORT_LABELLED_AREAS = 200  # beyond this even short labels (a type number) would cover each other
MAP_HEIGHT = 520
TOOLTIP_STYLE = {"backgroundColor": "#ffffff", "color": "#000000", "border": "1px solid #4d4d4d", "fontSize": "14px"}


def _rings(geometry: shapely.Geometry) -> list[list[list[list[float]]]]:
    """Polygon parts as deck.gl rings: [[outer ring], [hole], …] per part, lon/lat rounded to ~1 m."""
    parts = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    return [
        [[[round(x, 5), round(y, 5)] for x, y in ring.coords] for ring in (part.exterior, *part.interiors)]
        for part in parts
    ]


def _literal(text: str) -> str:
    """A string constant for a pydeck layer property (pydeck turns bare strings into expressions)."""
    return f"'{text}'"


def view_for_bounds(bounds: tuple[float, float, float, float], width: int = 700, height: int = MAP_HEIGHT) -> pdk.ViewState:
    """A view that fits the bounds (min lon, min lat, max lon, max lat) into a width × height map.

    deck.gl's Web Mercator world is 512 pixels wide at zoom 0.
    """
    min_x, min_y, max_x, max_y = bounds
    mid_lat = (min_y + max_y) / 2
    span_x = max(max_x - min_x, 1e-4)
    span_y = max((max_y - min_y) / max(math.cos(math.radians(mid_lat)), 0.1), 1e-4)
    zoom = min(math.log2(360 * width / (512 * span_x)), math.log2(360 * height / (512 * span_y))) - 0.1
    return pdk.ViewState(longitude=(min_x + max_x) / 2, latitude=mid_lat, zoom=round(zoom, 2), pitch=0, bearing=0)


def choropleth(
    areas: pd.DataFrame,
    *,
    fills: pd.Series,
    value_labels: pd.Series,
    lang: str,
    details: pd.Series | None = None,
    points: pd.DataFrame | None = None,
    point_labels: dict[str, str] | None = None,
    short_labels: pd.Series | None = None,
) -> pdk.Deck:
    """A choropleth of `areas` (area_id, name, geometry as WKB) filled with `fills` (hex colours).

    `value_labels` (indexed like `areas`) is the text shown, for up to MAX_LABELLED_AREAS
    areas, as a label on the map (black with a white halo, readable on every fill) and in the
    tooltip, unless `details` gives a longer tooltip text. With more areas, `short_labels`
    (e.g. a class number) are written on up to MAX_SHORT_LABELLED_AREAS areas instead. `points` (name, category, lat, lon,
    description) are drawn on top, coloured by category (`point_labels`: category → label).
    """
    geometries = shapely.from_wkb(areas["geometry"].to_numpy())
    records = []
    tooltips = value_labels if details is None else details
    for geometry, (_, area), fill, label in zip(geometries, areas.iterrows(), fills, tooltips):
        for rings in _rings(geometry):
            records.append(
                {
                    "polygon": rings,
                    "fill": hex_to_rgba(fill, 235),
                    "name": plain(area["name"]),
                    "detail": plain(label),
                }
            )
    layers = [
        pdk.Layer(
            "PolygonLayer",
            data=records,
            id="areas",
            get_polygon="polygon",
            get_fill_color="fill",
            get_line_color=hex_to_rgba(OUTLINE_COLOR),
            line_width_min_pixels=1,
            stroked=True,
            filled=True,
            pickable=True,
        )
    ]
    few = len(areas) <= MAX_LABELLED_AREAS
    if few or (short_labels is not None and len(areas) <= MAX_SHORT_LABELLED_AREAS):
        anchors = shapely.point_on_surface(geometries)
        texts = (
            [f"{plain(name, limit=MAX_LABEL_CHARACTERS)}\n{plain(label, limit=MAX_LABEL_CHARACTERS)}" for name, label in zip(areas["name"], value_labels)]
            if few
            else [plain(label, limit=MAX_LABEL_CHARACTERS) for label in short_labels]
        )
        labels = [{"position": [round(p.x, 5), round(p.y, 5)], "text": text} for p, text in zip(anchors, texts)]
        layers.append(
            pdk.Layer(
                "TextLayer",
                data=labels,
                id="labels",
                get_position="position",
                get_text="text",
                get_color=[0, 0, 0, 255],
                get_size=13,
                size_units=_literal("pixels"),
                character_set=_literal("".join(sorted(set("".join(label["text"] for label in labels)) - {"'", "\\", "\n"}))),
                font_family=_literal("DejaVu Sans, Arial, sans-serif"),
                font_weight=_literal("bold"),
                font_settings={"sdf": True},
                outline_width=4,
                outline_color=[255, 255, 255, 255],
                get_text_anchor="'middle'",
                get_alignment_baseline="'center'",
            )
        )
    if points is not None and not points.empty:
        colour_of = category_colors(list(points["category"].unique()))
        point_records = [
            {
                "position": [row.lon, row.lat],
                "fill": hex_to_rgba(colour_of[row.category]),
                "name": plain(row.name),
                "detail": plain(
                    " · ".join(
                        part for part in ((point_labels or {}).get(row.category, row.category), getattr(row, "description", "")) if part
                    )
                ),
            }
            for row in points.itertuples(index=False)
        ]
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                data=point_records,
                id="points",
                get_position="position",
                get_fill_color="fill",
                get_line_color=[255, 255, 255, 255],
                line_width_min_pixels=2,
                stroked=True,
                get_radius=6,
                radius_units=_literal("pixels"),
                pickable=True,
            )
        )
    bounds = shapely.total_bounds(geometries) if len(geometries) else (0.0, 0.0, 1.0, 1.0)
    return pdk.Deck(
        layers=layers,
        initial_view_state=view_for_bounds(tuple(float(b) for b in bounds)),
        map_provider=None,  # no basemap; leave map_style unset (None would make Streamlit load one)
        # the frontend fills {name} and {detail} in as text, so no value can inject markup
        tooltip={"html": "<b>{name}</b><br/>{detail}", "style": TOOLTIP_STYLE},
    )


def swatch_list(title: str, items: list[tuple[str, str]], *, round_marks: bool = False) -> str:
    """A titled HTML list of colour swatches, each with its text label (colour is never the only cue)."""
    shape = "width:.9em;height:.9em;border-radius:50%;border:2px solid #ffffff;outline" if round_marks else "width:1.4em;height:1em;border"
    rows = "".join(
        f'<li style="display:flex;align-items:center;gap:.5em;margin:.15em 0">'
        f'<span aria-hidden="true" style="display:inline-block;flex:none;{shape}:1px solid {OUTLINE_COLOR};background:{color}"></span>'
        f"<span>{escape_html(label)}</span></li>"
        for color, label in items
    )
    return f'<strong>{escape_html(title)}</strong><ul style="list-style:none;padding:0;margin:.3em 0">{rows}</ul>'


def legend(title: str, items: list[tuple[str, str]], *, note: str = "", extra: str = "") -> str:
    """An accessible legend: a group named `title` with its swatches, optional further lists and a note."""
    small = f"<small>{escape_html(note, limit=LONG_TEXT_CHARACTERS)}</small>" if note else ""
    return f'<div role="group" aria-label="{escape_html(title)}">{swatch_list(title, items)}{extra}{small}</div>'


def legend_html(
    classes: Classes,
    *,
    unit: str,
    decimals: int,
    polarity: str,
    lang: str,
    with_no_data: bool,
    point_labels: dict[str, str] | None = None,
) -> str:
    """The choropleth's legend: a swatch and label per class and per point category."""
    items = list(zip(classes.colors, classes.labels(unit, lang, decimals)))
    if with_no_data:
        items.append((NO_DATA_COLOR, t("map.no_data", lang)))
    points = ""
    if point_labels:
        colours = category_colors(list(point_labels))
        points = swatch_list(
            t("poi.categories", lang), [(colours[c], label) for c, label in sorted(point_labels.items())], round_marks=True
        )
    return legend(
        t("map.legend", lang),
        items,
        note=f"{t('polarity.' + polarity, lang)} {t('map.classes_note', lang)}",
        extra=points,
    )


def deck_json(deck: pdk.Deck) -> dict:
    """The deck as the JSON Streamlit receives (for tests: nothing external may appear in it)."""
    return json.loads(deck.to_json())

