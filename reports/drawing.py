"""Vector drawings for the reports: maps from the area polygons, bars and lines, in reportlab.

Each function takes prepared data (colours from views.classify, texts already formatted per
language) and returns a `reportlab.graphics.shapes.Drawing`, which platypus places like a
paragraph. No image is rasterised and nothing is fetched: the map is drawn from the polygons
themselves, without tiles. As on the screen, colour is never the only cue: bars above the city
value are hatched, lines differ in dash and marker, every value is written beside its bar.
Sizes are in points (1/72 inch).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import shapely
from reportlab.graphics.shapes import FILL_EVEN_ODD, Circle, Drawing, Line, Path, PolyLine, Polygon, Rect, String
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.fonts import typeface
from views.classify import ABOVE_COLOR, BELOW_COLOR, CITY_LINE_COLOR, EQUAL_COLOR, OUTLINE_COLOR, SERIES_COLORS

TEXT = HexColor("#000000")
MUTED = HexColor("#4d4d4d")
GRID = HexColor("#d9d9d9")
HALO = Color(1, 1, 1, alpha=0.8)
DASHES: tuple[tuple[float, ...] | None, ...] = (None, (5, 3), (1.5, 2), (6, 2, 1.5, 2), (9, 3))
MAX_LABELLED_AREAS = 15


def _canvas(width: float, height: float) -> Drawing:
    """An empty drawing that starts in the report's embedded font (reportlab's default is Helvetica)."""
    return Drawing(width, height, initialFontName=typeface().regular)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to fit `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# --- maps -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Projection:
    """Longitude/latitude to drawing points: equirectangular at the middle latitude, fitted to a box."""

    x0: float
    y0: float
    scale: float
    cos_lat: float
    left: float
    bottom: float

    @classmethod
    def fit(cls, bounds: Sequence[float], width: float, height: float, margin: float = 4) -> "Projection":
        min_x, min_y, max_x, max_y = bounds
        cos_lat = math.cos(math.radians((min_y + max_y) / 2))
        span_x = max((max_x - min_x) * cos_lat, 1e-9)
        span_y = max(max_y - min_y, 1e-9)
        scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        left = (width - span_x * scale) / 2
        bottom = (height - span_y * scale) / 2
        return cls(x0=min_x, y0=min_y, scale=scale, cos_lat=cos_lat, left=left, bottom=bottom)

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return self.left + (x - self.x0) * self.cos_lat * self.scale, self.bottom + (y - self.y0) * self.scale

    def inverse(self, px: float, py: float) -> tuple[float, float]:
        return self.x0 + (px - self.left) / (self.cos_lat * self.scale), self.y0 + (py - self.bottom) / self.scale


def _area_path(geometry: shapely.Geometry, project: Projection, fill: str, stroke_width: float) -> Path:
    path = Path(fillColor=HexColor(fill), strokeColor=HexColor(OUTLINE_COLOR), strokeWidth=stroke_width, fillMode=FILL_EVEN_ODD)
    parts = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    for part in parts:
        for ring in (part.exterior, *part.interiors):
            points = [project(x, y) for x, y in ring.coords]
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            path.closePath()
    return path


def _label_size(lines: Sequence[str], size: float, bold_first: bool = True) -> tuple[float, float]:
    face = typeface()
    fonts = [face.bold if bold_first and i == 0 else face.regular for i in range(len(lines))]
    return max(stringWidth(line, font, size) for line, font in zip(lines, fonts)) + 3, size * 1.15 * len(lines) + 1


def _label(drawing: Drawing, x: float, y: float, lines: Sequence[str], *, size: float, bold_first: bool = True) -> None:
    """Centred lines of text on a light halo, readable on every fill."""
    face = typeface()
    leading = size * 1.15
    width, height = _label_size(lines, size, bold_first)
    top = y + height / 2
    drawing.add(Rect(x - width / 2, top - height, width, height, fillColor=HALO, strokeColor=None, rx=1.5, ry=1.5))
    for i, line in enumerate(lines):
        font = face.bold if bold_first and i == 0 else face.regular
        drawing.add(String(x, top - leading * (i + 1) + size * 0.22, line, fontName=font, fontSize=size, fillColor=TEXT, textAnchor="middle"))


def _place_labels(
    shapes: Sequence[shapely.Geometry], labels: Sequence[Sequence[str]], project: Projection, size: float, width: float, height: float
) -> list[tuple[int, float, float, Sequence[str]]]:
    """Label positions that do not overlap: larger areas first, each at its inner point or moved
    up or down while the point stays inside the area; a label that finds no room is left out
    (the table lists every value)."""
    order = sorted(range(len(shapes)), key=lambda i: -shapes[i].area)
    anchors = shapely.point_on_surface(shapes)
    placed: list[tuple[float, float, float, float]] = []
    positions = []
    for i in order:
        w, h = _label_size(labels[i], size)
        x, y = project(anchors[i].x, anchors[i].y)
        for dy in (0.0, 0.6 * h, -0.6 * h, 1.2 * h, -1.2 * h, 1.8 * h, -1.8 * h):
            box = (x - w / 2, y + dy - h / 2, x + w / 2, y + dy + h / 2)
            inside_page = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            free = all(box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3] for b in placed)
            if inside_page and free and shapes[i].contains(shapely.Point(*project.inverse(x, y + dy))):
                placed.append(box)
                positions.append((i, x, y + dy, labels[i]))
                break
    return positions


def choropleth(
    geometries: Sequence[bytes],
    fills: Sequence[str],
    labels: Sequence[Sequence[str]] | None,
    *,
    width: float,
    height: float,
    label_size: float = 7.5,
) -> tuple[Drawing, list[int]]:
    """The areas (WKB polygons, WGS84) filled with `fills` (hex), and how many labels were left
    out: `labels` gives the text lines written inside each area where there is room (none for
    more than MAX_LABELLED_AREAS areas)."""
    shapes = shapely.from_wkb(list(geometries))
    drawing = _canvas(width, height)
    if len(shapes) == 0:
        return drawing, []
    project = Projection.fit(shapely.total_bounds(shapes), width, height)
    stroke = 0.6 if len(shapes) <= 60 else 0.25
    for geometry, fill in zip(shapes, fills):
        drawing.add(_area_path(geometry, project, fill, stroke))
    dropped: list[int] = []
    if labels is not None and len(shapes) <= MAX_LABELLED_AREAS:
        positions = _place_labels(shapes, labels, project, label_size, width, height)
        for _, x, y, lines in positions:
            _label(drawing, x, y, lines, size=label_size)
        placed = {i for i, *_ in positions}
        dropped = [i for i in range(len(shapes)) if i not in placed]
    return drawing, dropped


def locator(geometries: Sequence[bytes], chosen: Sequence[bool], *, width: float, height: float, fill: str) -> Drawing:
    """Where an area lies: the city's areas in light grey, the chosen ones in `fill` with a bold outline."""
    drawing, _ = choropleth(geometries, [fill if c else "#f0f0f0" for c in chosen], None, width=width, height=height)
    everything = shapely.from_wkb(list(geometries))
    if len(everything):
        project = Projection.fit(shapely.total_bounds(everything), width, height)
        for geometry, is_chosen in zip(everything, chosen):
            if is_chosen:
                outline = _area_path(geometry, project, fill, 2.0)
                outline.strokeColor = TEXT
                drawing.add(outline)
    return drawing


# --- axes -----------------------------------------------------------------------------------

def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (steps of 1, 2, 2.5 or 5 × 10^k)."""
    if not math.isfinite(low) or not math.isfinite(high):
        return [0.0, 1.0]
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step + 1e-9) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def tick_decimals(ticks: Sequence[float]) -> int:
    """The fewest decimals that write every tick exactly (0 for 0, 10, 20; 1 for 2.5, 5, 7.5)."""
    return next((d for d in range(4) if all(abs(round(t, d) - t) < 1e-9 for t in ticks)), 3)


def _hatch(drawing: Drawing, x: float, y: float, w: float, h: float, spacing: float = 4.0) -> None:
    """Diagonal lines inside the rectangle (x, y, w, h): the 'above the city' pattern."""
    offset = -h
    while offset < w:
        x1, y1 = x + max(offset, 0), y + max(-offset, 0)
        x2_raw = x + offset + h
        x2, y2 = min(x2_raw, x + w), y + h - max(x2_raw - (x + w), 0)
        if x2 > x1:
            drawing.add(Line(x1, y1, x2, y2, strokeColor=TEXT, strokeWidth=0.4))
        offset += spacing


@dataclass(frozen=True)
class Bar:
    name: str
    value: float | None
    label: str  # the formatted value, or the note for an area without one


def ranking(
    bars: Sequence[Bar],
    *,
    city_value: float | None,
    city_label: str,
    hidden_label: str | None,
    width: float,
    tick_format=None,
    row: float = 13.0,
    size: float = 7.5,
) -> Drawing:
    """Horizontal bars from highest to lowest, the city as a dashed line, values written beside.

    `bars` come in drawing order (top first); `hidden_label`, if given, is written as a row in
    the middle where areas were left out. Bars above the city value are orange and hatched,
    those below blue, those equal grey.
    """
    face = typeface()
    rows: list[Bar | str] = list(bars)
    if hidden_label:
        rows.insert(len(rows) // 2, hidden_label)
    name_width = min(max((stringWidth(b.name, face.regular, size) for b in bars), default=40) + 6, width * 0.32)
    label_width = max((stringWidth(b.label, face.regular, size) for b in bars), default=20) + 6
    top_margin, bottom_margin = 16.0, 16.0
    height = top_margin + bottom_margin + row * max(len(rows), 1)
    drawing = _canvas(width, height)
    present = [b.value for b in bars if b.value is not None]
    low = min([0.0, *present, *([city_value] if city_value is not None else [])])
    high = max([0.0, *present, *([city_value] if city_value is not None else [])])
    if high == low:
        high = low + 1.0
    plot_left, plot_right = name_width, width - label_width
    span = plot_right - plot_left

    def x_of(value: float) -> float:
        return plot_left + (value - low) / (high - low) * span

    zero = x_of(0.0)
    ticks = nice_ticks(low, high)
    for tick in ticks:
        if low - 1e-9 <= tick <= high + 1e-9:
            drawing.add(Line(x_of(tick), bottom_margin, x_of(tick), height - top_margin, strokeColor=GRID, strokeWidth=0.4))
            if tick_format is not None:
                drawing.add(String(x_of(tick), bottom_margin - size - 2, tick_format(tick, tick_decimals(ticks)), fontName=face.regular, fontSize=size - 0.5, fillColor=MUTED, textAnchor="middle"))
    for index, item in enumerate(rows):
        y = height - top_margin - row * (index + 1)
        if isinstance(item, str):
            drawing.add(String(plot_left + span / 2, y + row * 0.3, item, fontName=face.regular, fontSize=size, fillColor=MUTED, textAnchor="middle"))
            continue
        drawing.add(String(plot_left - 4, y + row * 0.3, _fit(item.name, face.regular, size, name_width - 6), fontName=face.regular, fontSize=size, fillColor=TEXT, textAnchor="end"))
        if item.value is None:
            drawing.add(String(zero + 3, y + row * 0.3, item.label, fontName=face.regular, fontSize=size, fillColor=MUTED))
            continue
        if city_value is None or item.value == city_value:
            color, hatched = EQUAL_COLOR, False
        elif item.value > city_value:
            color, hatched = ABOVE_COLOR, True
        else:
            color, hatched = BELOW_COLOR, False
        left, right = sorted((zero, x_of(item.value)))
        bar_y, bar_h = y + row * 0.15, row * 0.7
        drawing.add(Rect(left, bar_y, max(right - left, 0.5), bar_h, fillColor=HexColor(color), strokeColor=TEXT, strokeWidth=0.4))
        if hatched and right - left > 2:
            _hatch(drawing, left, bar_y, right - left, bar_h)
        if item.value >= 0:
            drawing.add(String(right + 3, y + row * 0.3, item.label, fontName=face.regular, fontSize=size, fillColor=TEXT))
        else:
            drawing.add(String(left - 3, y + row * 0.3, item.label, fontName=face.regular, fontSize=size, fillColor=TEXT, textAnchor="end"))
    drawing.add(Line(zero, bottom_margin, zero, height - top_margin, strokeColor=TEXT, strokeWidth=0.6))
    if city_value is not None:
        x = x_of(city_value)
        drawing.add(Line(x, bottom_margin - 4, x, height - top_margin + 4, strokeColor=HexColor(CITY_LINE_COLOR), strokeWidth=1.2, strokeDashArray=(4, 2)))
        anchor = "middle" if plot_left + 60 < x < plot_right - 60 else ("start" if x <= plot_left + 60 else "end")
        drawing.add(String(x, height - top_margin + 6, city_label, fontName=face.bold, fontSize=size, fillColor=TEXT, textAnchor=anchor))
    return drawing


# --- lines ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[tuple[float, float | None], ...]  # (x, y); None leaves a gap


def _marker(drawing: Drawing, index: int, x: float, y: float, color: Color, size: float = 2.4) -> None:
    shape = index % 4
    if shape == 0:
        drawing.add(Circle(x, y, size, fillColor=color, strokeColor=white, strokeWidth=0.4))
    elif shape == 1:
        drawing.add(Rect(x - size, y - size, 2 * size, 2 * size, fillColor=color, strokeColor=white, strokeWidth=0.4))
    elif shape == 2:
        drawing.add(Polygon([x, y + size * 1.3, x + size * 1.3, y, x, y - size * 1.3, x - size * 1.3, y], fillColor=color, strokeColor=white, strokeWidth=0.4))
    else:
        drawing.add(Polygon([x, y + size * 1.3, x + size * 1.2, y - size, x - size * 1.2, y - size], fillColor=color, strokeColor=white, strokeWidth=0.4))


def line_chart(
    series: Sequence[Series],
    *,
    width: float,
    height: float,
    x_format,
    y_format,
    x_ticks: Sequence[float] | None = None,
    y_range: tuple[float, float] | None = None,
    y_title: str = "",
    legend: bool = True,
    from_zero: bool = False,
    diagonal: bool = False,
    size: float = 7.5,
) -> Drawing:
    """Lines over x with axes, grid, markers and a legend below; the first series is drawn black.

    `x_format` and `y_format` turn a tick value and the decimals its axis needs into text. `y_range` fixes the y
    axis; else it covers the values, and zero too with `from_zero` (for shares and counts, so
    that a small change does not look large).
    `diagonal` draws the line of equality (for a Lorenz curve).
    """
    face = typeface()
    drawing = _canvas(width, height)
    xs = [x for s in series for x, _ in s.points]
    ys = [y for s in series for _, y in s.points if y is not None]
    if not xs or not ys:
        return drawing
    low_y, high_y = y_range if y_range else (min(ys), max(ys))
    if from_zero and not y_range:
        low_y, high_y = min(low_y, 0.0), max(high_y, 0.0)
    y_ticks = nice_ticks(low_y, high_y, 5)
    low_y, high_y = (y_range if y_range else (y_ticks[0], y_ticks[-1]))
    x_ticks = list(x_ticks) if x_ticks is not None else sorted(set(xs))
    low_x, high_x = min(min(xs), x_ticks[0]), max(max(xs), x_ticks[-1])
    legend_rows = 0
    if legend and len(series) > 1:
        legend_rows = 1 + int(sum(stringWidth(s.label, face.regular, size) + 28 for s in series) // (width - 10))
    y_decimals = tick_decimals(y_ticks)
    x_decimals = tick_decimals(x_ticks)
    left = max(stringWidth(y_format(t, y_decimals), face.regular, size) for t in y_ticks) + 8
    bottom = 18 + legend_rows * (size + 5)
    top = 10 if not y_title else 18
    right = 10
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(x: float) -> float:
        return left + (x - low_x) / ((high_x - low_x) or 1) * plot_w

    def y_of(y: float) -> float:
        return bottom + (y - low_y) / ((high_y - low_y) or 1) * plot_h

    for tick in y_ticks:
        if low_y - 1e-9 <= tick <= high_y + 1e-9:
            drawing.add(Line(left, y_of(tick), left + plot_w, y_of(tick), strokeColor=GRID, strokeWidth=0.4))
            drawing.add(String(left - 4, y_of(tick) - size * 0.35, y_format(tick, y_decimals), fontName=face.regular, fontSize=size, fillColor=TEXT, textAnchor="end"))
    fit = max(int(plot_w // (max(stringWidth(x_format(x, x_decimals), face.regular, size) for x in x_ticks) + 5)), 1)
    step = max(1, math.ceil(len(x_ticks) / fit))
    for tick in x_ticks[::step]:
        drawing.add(Line(x_of(tick), bottom, x_of(tick), bottom - 3, strokeColor=TEXT, strokeWidth=0.5))
        drawing.add(String(x_of(tick), bottom - 3 - size, x_format(tick, x_decimals), fontName=face.regular, fontSize=size, fillColor=TEXT, textAnchor="middle"))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=TEXT, strokeWidth=0.6))
    if low_y < 0 < high_y:
        drawing.add(Line(left, y_of(0), left + plot_w, y_of(0), strokeColor=MUTED, strokeWidth=0.6))
    if y_title:
        drawing.add(String(left - 4, height - 9, y_title, fontName=face.regular, fontSize=size, fillColor=MUTED, textAnchor="start"))
    if diagonal:
        drawing.add(Line(x_of(low_x), y_of(low_y), x_of(high_x), y_of(high_y), strokeColor=MUTED, strokeWidth=0.8, strokeDashArray=(4, 2)))
    for index, line in enumerate(series):
        color = HexColor(SERIES_COLORS[index % len(SERIES_COLORS)])
        dash = DASHES[index % len(DASHES)]
        run: list[float] = []
        points = sorted(line.points)
        for x, y in [*points, (math.nan, None)]:
            if y is None:
                if len(run) >= 4:
                    drawing.add(PolyLine(run, strokeColor=color, strokeWidth=1.6, strokeDashArray=dash))
                run = []
                continue
            run.extend((x_of(x), y_of(y)))
        if len(points) <= 20:
            for x, y in points:
                if y is not None:
                    _marker(drawing, index, x_of(x), y_of(y), color)
    if legend_rows:
        x, row = left, 0
        for index, line in enumerate(series):
            label_width = stringWidth(line.label, face.regular, size)
            if x + label_width + 28 > width and x > left:
                x, row = left, row + 1
            color = HexColor(SERIES_COLORS[index % len(SERIES_COLORS)])
            baseline = (legend_rows - row - 1) * (size + 5) + 3
            middle = baseline + size * 0.35
            drawing.add(Line(x, middle, x + 16, middle, strokeColor=color, strokeWidth=1.6, strokeDashArray=DASHES[index % len(DASHES)]))
            _marker(drawing, index, x + 8, middle, color)
            drawing.add(String(x + 20, baseline, line.label, fontName=face.regular, fontSize=size, fillColor=TEXT))
            x += label_width + 28
    return drawing
