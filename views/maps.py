"""Maps as pydeck decks, built from DataFrames; nothing here talks to Streamlit.

Every deck uses `map_provider=None`: no basemap, no tile server, nothing is loaded from outside
the user's machine. The areas themselves give the orientation, with labels where there are few
enough to read.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pydeck as pdk
import shapely
from pydeck.bindings.json_tools import default_serialize

from views.classify import NO_DATA_COLOR, OUTLINE_COLOR, POINT_RING_COLORS, Classes, category_colors, hex_to_rgba
from views.i18n import t
from views.markup import LONG_TEXT_CHARACTERS, escape_html, plain

MAX_LABELLED_AREAS = 15
MAX_LABEL_CHARACTERS = 40  # an area name written on the map; the tooltip and the table show it in full
MAX_SHORT_LABELLED_AREAS = 200  # beyond this even short labels (a type number) would cover each other
MAP_HEIGHT = 520
# The width a map's first view is fitted into: a phone's (390 px screen less the page margins),
# so the whole city is in view on every screen; wider screens show it with more room around.
FIT_WIDTH = 340
FOUND_OUTLINE_PIXELS = 4  # the outline of the area found by the search (black, on a white halo)
LABEL_PIXELS = 13  # the size of the labels' text
LABEL_CHARACTER_PIXELS = 8.5  # the widest mean advance of a bold character at that size (generous)
LABEL_LINE_PIXELS = 16
LABEL_HALO_PIXELS = 3
MIN_LABELLED_PIXELS = LABEL_LINE_PIXELS + 2 * LABEL_HALO_PIXELS  # an area labelled is at least one text line across
AREAS_LAYER = "areas"  # the id of the pickable layer of areas (its objects carry the area's id under AREA_ID)
# The keys of a map's objects, one letter each because they repeat for every area (a tenth of a
# map's bytes at 10,000 areas with the full words): the area's id (what a click reports), the
# two lines of the tooltip (NAME in bold, TIP below; every pickable layer's objects carry both),
# the area's colour as an index into its layer's palette, and its polygon.
AREA_ID, NAME, TIP, COLOR, POLYGON = "i", "n", "t", "c", "p"
TOOLTIP_HTML = f"<b>{{{NAME}}}</b><br/>{{{TIP}}}"  # the frontend fills the fields in as text: no value can inject markup
TOOLTIP_STYLE = {"backgroundColor": "#ffffff", "color": "#000000", "border": "1px solid #4d4d4d", "fontSize": "14px"}


COORDINATE_DECIMALS = 5  # lon/lat rounded to ~1 m in what is sent to the browser
# A map draws at most this many areas at city scale (about 170 bytes of JSON each: 20,000 areas
# are some 3.5 MB); a level with more is shown at the next coarser level that fits, and its
# finest areas only within one chosen area of that level (ui.map_scope). MAX_MAP_AREAS_ENV overrides it.
MAX_MAP_AREAS = 20_000
MAX_MAP_AREAS_ENV = "SOZIALMONITOR_MAX_MAP_AREAS"


def max_map_areas() -> int:
    """The most areas one map draws at city scale: MAX_MAP_AREAS, or the whole number ≥ 1 in
    the environment variable MAX_MAP_AREAS_ENV (anything else is logged once and ignored)."""
    given = os.environ.get(MAX_MAP_AREAS_ENV, "").strip()
    if given.isdigit() and int(given) >= 1:
        return int(given)
    if given:
        _warn_unusable_limit(given)
    return MAX_MAP_AREAS


@functools.cache
def _warn_unusable_limit(given: str) -> None:
    logging.getLogger(__name__).warning(
        "%s=%r is not a whole number of at least 1; maps use the default of %d areas", MAX_MAP_AREAS_ENV, given, MAX_MAP_AREAS
    )


def map_level(level_ids: Sequence[str], counts: Mapping[str, int], chosen: str, limit: int) -> str:
    """The level a map of `chosen` shows at city scale: `chosen` when its areas fit under
    `limit`, else the nearest coarser level that fits (`level_ids` coarsest first), else the
    coarsest."""
    if counts.get(chosen, 0) <= limit:
        return chosen
    coarser = list(level_ids[: list(level_ids).index(chosen)])
    fitting = [level for level in coarser if counts.get(level, 0) <= limit]
    return fitting[-1] if fitting else (coarser[0] if coarser else chosen)


def only_drawn(geometries: pd.DataFrame, area_ids: Iterable[str] | None) -> pd.DataFrame:
    """`geometries` with the map geometry of every area not in `area_ids` left empty: those
    areas stay in the frame (for the views' tables and measures, which use `geometry`), but
    `choropleth` does not draw them. None keeps every area drawn."""
    if area_ids is None:
        return geometries
    keep = geometries["area_id"].isin(set(area_ids))
    return geometries.assign(map_geometry=drawn_geometry(geometries).where(keep, None))


_to_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode  # one value as compact JSON


class RawJson:
    """JSON text that a Deck writes into its JSON as it is: a layer's objects, put together from
    pieces written once (`Outlines`) instead of encoded anew for every map and rerun."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Deck(pdk.Deck):
    """pydeck's Deck written as compact JSON. pydeck indents its JSON by two spaces, which
    makes a map of many polygons about three times as large (every coordinate on its own,
    deeply indented line) and forces Python's slow pure-Python JSON encoder; and it writes
    every letter beyond ASCII as six (`\u00b7` for the tooltips' "·"), where UTF-8 needs two.
    A layer's data given as RawJson goes in as it is."""

    def to_json(self) -> str:
        raw: list[str] = []

        def serialize(value: object) -> object:
            if isinstance(value, RawJson):
                raw.append(value.text)
                return f"@@raw-json-{len(raw) - 1}@@"
            return default_serialize(value)

        text = json.dumps(self, sort_keys=True, default=serialize, separators=(",", ":"), ensure_ascii=False)
        for number, piece in enumerate(raw):  # each placeholder comes before any text of the data it stands for
            text = text.replace(f'"@@raw-json-{number}@@"', piece, 1)
        return text


def polygon_parts(geometries: np.ndarray) -> tuple[np.ndarray, list[list]]:
    """Every polygon part of `geometries` (Polygons and MultiPolygons) as a deck.gl polygon, built
    from coordinate arrays in one pass: the index of the geometry each part belongs to, and per
    part its outline as one flat list [lon, lat, lon, lat, …] (the layer's positionFormat "XY"),
    or for a part with holes its rings [[outer ring], [hole], …] of [lon, lat] corners; lon/lat
    rounded to COORDINATE_DECIMALS and each ring's closing corner left out (deck.gl closes rings)."""
    parts, part_owner = shapely.get_parts(geometries, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coordinates, coordinate_ring = shapely.get_coordinates(rings, return_index=True)
    corners = np.round(coordinates, COORDINATE_DECIMALS)
    lengths = np.bincount(coordinate_ring, minlength=len(rings))
    ring_ends = np.cumsum(lengths)
    ring_starts = ring_ends - lengths
    closing = np.zeros(len(rings), dtype=bool)
    long = lengths > 3
    closing[long] = (corners[ring_starts[long]] == corners[ring_ends[long] - 1]).all(axis=1)
    ring_stops = (ring_ends - closing).tolist()
    flat = corners.ravel().tolist()
    pairs = corners.tolist()
    rings_per_part = np.bincount(ring_part, minlength=len(parts)).tolist()
    shaped: list[list] = [[] for _ in range(len(parts))]
    for part, start, stop in zip(ring_part.tolist(), ring_starts.tolist(), ring_stops):
        if rings_per_part[part] == 1:
            shaped[part] = flat[2 * start : 2 * stop]
        else:
            shaped[part].append(pairs[start:stop])
    return part_owner, shaped


def palette_accessor(palette: Sequence[Sequence[int]]) -> str:
    """A layer's colour accessor that looks an object's COLOR index up in `palette` (RGBA lists):
    one small number per area in the JSON instead of four. The palette stands in parentheses:
    deck.gl's expression parser (jsep) reads an index only after a name or a group."""
    return f"({json.dumps([list(color) for color in palette], separators=(',', ':'))})[{COLOR}]"


def area_objects(spec: Mapping) -> list[dict]:
    """The objects of the layer of areas of a deck's JSON (`deck_json`) with their keys spelt out:
    area_id, name, detail (the tooltip's second line), fill (RGBA) and polygon."""
    layer = next(layer for layer in spec["layers"] if layer["id"] == AREAS_LAYER)
    palette = json.loads(layer["getFillColor"].removeprefix("@@=(").removesuffix(f")[{COLOR}]"))
    return [
        {"area_id": o[AREA_ID], "name": o[NAME], "detail": o[TIP], "fill": palette[o[COLOR]], "polygon": o[POLYGON]} for o in layer["data"]
    ]


@dataclass(frozen=True)
class Outlines:
    """What a map takes from its areas whatever it shows of them: their shapes and extent, and
    per polygon part (`polygon_parts`) the position of its area and its JSON fields AREA_ID,
    NAME and POLYGON, written once."""

    geometries: np.ndarray
    bounds: tuple[float, float, float, float]
    owners: list[int]
    fields: list[str]


# Outlines of the last sets of areas drawn, by their content (ids, names, geometry): the maps of
# one level share them, whatever their indicator, language or page (inequality's two maps, the
# next rerun, the next visitor). About 150 bytes per area each; 0 keeps none.
OUTLINES_KEPT = 8
_outlines: OrderedDict[bytes, Outlines] = OrderedDict()
_outlines_lock = threading.Lock()


def outlines_of(areas: pd.DataFrame) -> Outlines:
    """The Outlines of `areas` (area_id, name, the geometry drawn: `drawn_geometry`), from the
    cache when the same areas were drawn before."""
    ids = areas["area_id"].astype(str).tolist()
    names = areas["name"].astype(str).tolist()
    shapes = drawn_geometry(areas).tolist()
    digest = hashlib.blake2b(digest_size=20)
    digest.update("\x1f".join(ids).encode("utf-8", "surrogatepass") + b"\x1e")
    digest.update("\x1f".join(names).encode("utf-8", "surrogatepass") + b"\x1e")
    for shape in shapes:
        digest.update(len(shape).to_bytes(8, "little") + shape)
    key = digest.digest()
    with _outlines_lock:
        if key in _outlines and OUTLINES_KEPT > 0:
            _outlines.move_to_end(key)
            return _outlines[key]
    geometries = shapely.from_wkb(np.array(shapes, dtype=object))
    bounds = tuple(float(b) for b in shapely.total_bounds(geometries)) if len(geometries) else (0.0, 0.0, 1.0, 1.0)
    owners, polygons = polygon_parts(geometries)
    owners = owners.tolist()
    head = [f'"{AREA_ID}":{_to_json(area_id)},"{NAME}":{_to_json(plain(name))}' for area_id, name in zip(ids, names)]
    fields = [f'{head[owner]},"{POLYGON}":{_to_json(polygon)}' for owner, polygon in zip(owners, polygons)]
    made = Outlines(geometries=geometries, bounds=bounds, owners=owners, fields=fields)
    with _outlines_lock:
        if OUTLINES_KEPT > 0:
            _outlines[key] = made
            while len(_outlines) > OUTLINES_KEPT:
                _outlines.popitem(last=False)
    return made


def _rows(column, keep: np.ndarray):
    """The rows of a column given by position (a Series, list or array; None stays None) where `keep` is true."""
    if column is None:
        return None
    kept = pd.Series(list(column) if not isinstance(column, pd.Series) else column.to_numpy())[keep]
    return kept.reset_index(drop=True)


def drawn_geometry(areas: pd.DataFrame) -> pd.Series:
    """The WKB a map draws for `areas`: the simplified `map_geometry` (loaders.store) where the
    frame carries it, else the exact `geometry`."""
    return areas["map_geometry"] if "map_geometry" in areas else areas["geometry"]


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


def view_for_bounds(bounds: tuple[float, float, float, float], width: int = FIT_WIDTH, height: int = MAP_HEIGHT) -> pdk.ViewState:
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
    highlight: str | None = None,
) -> pdk.Deck:
    """A choropleth of `areas` (area_id, name, geometry as WKB; drawn from `map_geometry`, the
    geometry simplified at import, where the frame has it) filled with `fills` (hex colours).

    `value_labels` (indexed like `areas`) is the text shown, for up to MAX_LABELLED_AREAS
    areas, as a label on the map (black with a white halo, readable on every fill) and in the
    tooltip, unless `details` gives a longer tooltip text. With more areas, `short_labels`
    (e.g. a class number) are written on up to MAX_SHORT_LABELLED_AREAS areas instead. `points` (name, category, lat, lon,
    description) are drawn on top, coloured by category (`point_labels`: category → label,
    which also fixes the colours, so they match the legend whatever is filtered out).

    Labels never cover each other in the first view (`place_labels`): a label that would
    collide is moved within its area or left out (larger areas and the `highlight`ed one
    first); the name stays in the tooltip and the table. The area with
    the id `highlight` is outlined thick. The objects of the layer AREAS_LAYER carry the area's id (AREA_ID),
    so a click (st.pydeck_chart's selection) tells which area was chosen.
    """
    drawn = drawn_geometry(areas).notna().to_numpy()
    if not drawn.all():  # areas outside the shown extent (only_drawn): not sent to the browser
        areas, fills, value_labels = areas[drawn], _rows(fills, drawn), _rows(value_labels, drawn)
        details, short_labels = _rows(details, drawn), _rows(short_labels, drawn)
    outlines = outlines_of(areas)
    geometries = outlines.geometries
    view = view_for_bounds(outlines.bounds)
    tooltips = value_labels if details is None else details
    color_of, palette = pd.factorize(pd.Series(list(fills), dtype=object))
    color_of = color_of.tolist()
    tips = [_to_json(plain(tip)) for tip in tooltips]
    records = ",".join(
        f'{{{fields},"{COLOR}":{color_of[i]},"{TIP}":{tips[i]}}}' for i, fields in zip(outlines.owners, outlines.fields)
    )
    layers = [
        pdk.Layer(
            "PolygonLayer",
            data=RawJson(f"[{records}]"),
            id=AREAS_LAYER,
            get_polygon=POLYGON,
            position_format=_literal("XY"),
            get_fill_color=palette_accessor([hex_to_rgba(color, 235) for color in palette]),
            get_line_color=hex_to_rgba(OUTLINE_COLOR),
            line_width_min_pixels=1,
            stroked=True,
            filled=True,
            pickable=True,
        )
    ]
    found = [i for i, area_id in enumerate(areas["area_id"]) if highlight is not None and str(area_id) == str(highlight)]
    if found:
        outline = [{"path": ring} for i in found for rings in _rings(geometries[i]) for ring in rings[:1]]
        for layer_id, color, width in (("found_halo", [255, 255, 255, 255], FOUND_OUTLINE_PIXELS + 4), ("found", [0, 0, 0, 255], FOUND_OUTLINE_PIXELS)):
            layers.append(
                pdk.Layer(
                    "PathLayer",
                    data=outline,
                    id=layer_id,
                    get_path="path",
                    get_color=color,
                    get_width=width,
                    width_units=_literal("pixels"),
                    joint_rounded=True,
                    pickable=False,
                )
            )
    few = len(areas) <= MAX_LABELLED_AREAS
    if few or (short_labels is not None and len(areas) <= MAX_SHORT_LABELLED_AREAS):
        anchors = shapely.point_on_surface(geometries)
        texts = (
            [f"{plain(name, limit=MAX_LABEL_CHARACTERS)}\n{plain(label, limit=MAX_LABEL_CHARACTERS)}" for name, label in zip(areas["name"], value_labels)]
            if few
            else [plain(label, limit=MAX_LABEL_CHARACTERS) for label in short_labels]
        )
        places = place_labels(geometries, [(p.x, p.y) for p in anchors], texts, zoom=view.zoom, first=found)
        labels = [
            {"position": [round(p.x, 5), round(p.y, 5)], "text": text, "offset": list(offset)}
            for p, text, offset in zip(anchors, texts, places)
            if offset is not None
        ]
        layers.append(
            pdk.Layer(
                "TextLayer",
                data=labels,
                id="labels",
                get_position="position",
                get_text="text",
                get_color=[0, 0, 0, 255],
                get_size=LABEL_PIXELS,
                size_units=_literal("pixels"),
                character_set=_literal("".join(sorted(set("".join(label["text"] for label in labels)) - {"'", "\\", "\n"}))),
                font_family=_literal("DejaVu Sans, Arial, sans-serif"),
                font_weight=_literal("bold"),
                font_settings={"sdf": True},
                outline_width=4,
                outline_color=[255, 255, 255, 255],
                get_text_anchor="'middle'",
                get_alignment_baseline="'center'",
                get_pixel_offset="offset",
            )
        )
    if points is not None and not points.empty:
        colour_of = category_colors(list(point_labels) if point_labels else list(points["category"].unique()))
        point_records = [
            {
                "position": [row.lon, row.lat],
                "fill": hex_to_rgba(colour_of[row.category]),
                NAME: plain(row.name),
                TIP: plain(
                    " · ".join(
                        part for part in ((point_labels or {}).get(row.category, row.category), getattr(row, "description", "")) if part
                    )
                ),
            }
            for row in points.itertuples(index=False)
        ]
        inner_ring, outer_ring = (hex_to_rgba(c) for c in POINT_RING_COLORS)
        layers += [
            pdk.Layer(  # the outer ring: a slightly larger dark disc under each marker
                "ScatterplotLayer",
                data=point_records,
                id="points_ring",
                get_position="position",
                get_fill_color=outer_ring,
                stroked=False,
                get_radius=10,
                radius_units=_literal("pixels"),
                pickable=False,
            ),
            pdk.Layer(
                "ScatterplotLayer",
                data=point_records,
                id="points",
                get_position="position",
                get_fill_color="fill",
                get_line_color=inner_ring,
                line_width_min_pixels=2,
                line_width_units=_literal("pixels"),
                get_line_width=2,
                stroked=True,
                get_radius=8,
                radius_units=_literal("pixels"),
                pickable=True,
            ),
        ]
    return Deck(
        layers=layers,
        initial_view_state=view,
        map_provider=None,  # no basemap; leave map_style unset (None would make Streamlit load one)
        tooltip={"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE},
    )


def world_pixels(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates of a point at `zoom` (deck.gl: the world is 512 px wide at 0)."""
    scale = 512 * 2**zoom
    lat = max(min(lat, 85.0), -85.0)
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2
    return (lon + 180) / 360 * scale, y * scale


def lonlat_of(x: float, y: float, zoom: float) -> tuple[float, float]:
    """The inverse of world_pixels."""
    scale = 512 * 2**zoom
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / scale))))
    return x / scale * 360 - 180, lat


def label_box(text: str) -> tuple[float, float]:
    """Width and height in pixels of a map label (LABEL_PIXELS bold, one line per '\n', with its halo)."""
    lines = text.split("\n")
    width = max(len(line) for line in lines) * LABEL_CHARACTER_PIXELS + 2 * LABEL_HALO_PIXELS
    return width, len(lines) * LABEL_LINE_PIXELS + 2 * LABEL_HALO_PIXELS


def place_labels(
    geometries: np.ndarray, anchors: list[tuple[float, float]], texts: list[str], *, zoom: float, first: list[int] = ()
) -> list[tuple[float, float] | None]:
    """Where each area's label goes in the first view (at `zoom`): its pixel offset from the
    anchor (lon, lat), or None when it is left out. Labels are placed one by one, the areas in
    `first` and then the larger areas first; a label that would overlap one already placed is
    moved above, below, right or left of its anchor if its centre stays inside its own area,
    else left out. So no two labels cover each other, and none sits on a neighbour. An area
    smaller in the first view than one line of label text (MIN_LABELLED_PIXELS across, either
    way) gets none: its label would cover its neighbours more than itself."""
    sizes = shapely.area(geometries)
    bounds = shapely.bounds(geometries).tolist()
    corners = [(world_pixels(b[0], b[1], zoom), world_pixels(b[2], b[3], zoom)) for b in bounds]
    large_enough = [abs(x1 - x0) >= MIN_LABELLED_PIXELS and abs(y1 - y0) >= MIN_LABELLED_PIXELS for (x0, y0), (x1, y1) in corners]
    order = sorted(range(len(texts)), key=lambda i: (i not in first, -sizes[i], i))
    placed: list[tuple[float, float, float, float]] = []
    result: list[tuple[float, float] | None] = [None] * len(texts)
    for i in order:
        if not large_enough[i]:
            continue
        x, y = world_pixels(*anchors[i], zoom)
        width, height = label_box(texts[i])
        for dx, dy in ((0.0, 0.0), (0.0, -0.75 * height), (0.0, 0.75 * height), (0.6 * width, 0.0), (-0.6 * width, 0.0)):
            box = (x + dx - width / 2, y + dy - height / 2, x + dx + width / 2, y + dy + height / 2)
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                continue
            if (dx, dy) != (0.0, 0.0) and not geometries[i].contains(shapely.Point(lonlat_of(x + dx, y + dy, zoom))):
                continue
            placed.append(box)
            result[i] = (round(dx, 1), round(dy, 1))
            break
    return result


def area_of_selection(selection: Mapping | None) -> str | None:
    """The id of the area clicked on a choropleth, from st.pydeck_chart's selection state
    ({"indices": {layer: [...]}, "objects": {layer: [{...}]}}); None when no area is selected
    (nothing, or a point of interest)."""
    objects = ((selection or {}).get("objects") or {}).get(AREAS_LAYER) or []
    area_id = objects[0].get(AREA_ID) if objects else None
    return str(area_id) if area_id not in (None, "") else None


def swatch_list(title: str, items: list[tuple[str, str]], *, round_marks: bool = False) -> str:
    """A titled HTML list of colour swatches, each with its text label (colour is never the only cue)."""
    shape = (
        f"width:.9em;height:.9em;border-radius:50%;border:2px solid {POINT_RING_COLORS[0]};box-shadow:0 0 0 2px {POINT_RING_COLORS[1]};outline"
        if round_marks
        else "width:1.4em;height:1em;border"
    )
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
    classes_note: str | None = None,
    note: str = "",
    found: bool = False,
) -> str:
    """The choropleth's legend: a swatch and label (its limits) per class and per point
    category, the polarity, how the classes are formed (`classes_note`, default: quantiles),
    `note`, and the outline of the area found by the search when `found`."""
    items = list(zip(classes.colors, classes.labels(unit, lang, decimals)))
    if with_no_data:
        items.append((NO_DATA_COLOR, t("map.no_data", lang)))
    outline = (
        f'<div style="display:flex;align-items:center;gap:.5em;margin:.15em 0 .4em">'
        f'<span aria-hidden="true" style="display:inline-block;flex:none;width:1.4em;height:1em;border:{FOUND_OUTLINE_PIXELS}px solid #000000;'
        f'outline:2px solid #ffffff"></span><span>{escape_html(t("map.found_legend", lang))}</span></div>'
        if found
        else ""
    )
    points = ""
    if point_labels:
        colours = category_colors(list(point_labels))
        points = swatch_list(
            t("poi.categories", lang), [(colours[c], label) for c, label in sorted(point_labels.items())], round_marks=True
        )
    return legend(
        t("map.legend", lang),
        items,
        note=" ".join(part for part in (t("polarity." + polarity, lang), classes_note or t("map.classes_note", lang), note) if part),
        extra=outline + points,
    )


def deck_json(deck: pdk.Deck) -> dict:
    """The deck as the JSON Streamlit receives (for tests: nothing external may appear in it)."""
    return json.loads(deck.to_json())

