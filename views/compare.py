"""The comparison page: two areas side by side across all indicators, the scatter plot of two
indicators, and the clustered correlation matrix (no Streamlit here).

Conventions:
- Every indicator is read in the chosen year, or where it has none, in its nearest year
  (views.state.nearest_period); the year is named wherever it differs.
- Which of two areas is more favourable follows the indicator's polarity; values within
  SIMILAR_WITHIN of each other count as "about the same"; neutral indicators get no verdict.
- An area's position is its mid-rank percentile among all areas of the level (0 = lowest,
  100 = highest value); the city's position is where the city value would stand. Counts get
  no city position: the city total is the sum of the areas.
- Correlations are over areas (not people): Pearson and Spearman for the scatter, optionally
  population-weighted; Spearman, pairwise complete, in the matrix (metrics.correlation).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from loaders.store import Indicator
from metrics.correlation import (
    Correlation,
    cluster_order,
    correlate,
    correlation_matrix,
    percentile_position,
)
from views.charts import Chart, apply_layout
from views.classify import ABOVE_COLOR, BELOW_COLOR, CITY_LINE_COLOR, CORRELATION_SCALE
from views.export import Column, ExportTable
from views.i18n import format_number, format_value, format_values, language_meta, t
from views.markup import LONG_TEXT_CHARACTERS, plain, plotly_text, plotly_wrapped
from views.profile import SIMILAR_WITHIN

MIN_PAIRS = 5  # areas with both values before a correlation is computed
MAX_LABELS = 15  # with more areas, the scatter labels only the chosen two and the largest deviations
OUTLIER_LABELS = 6
# Beyond this many other areas the scatter's hover gives each bubble's name and lets plotly write
# the numbers (in the language's format), and the labels are a trace of their own: three formatted
# strings and an empty label per area made the figure 20 MB and 9 s of every run at 100,000 areas.
MAX_HOVER_TEXTS = 2_000
MAX_NUMBERED = 15  # a larger correlation matrix marks strong relations with + / − instead of numbers
STRONG = 0.5
AREA_A_SYMBOL, AREA_B_SYMBOL = "circle", "diamond"
AREA_A_COLOR, AREA_B_COLOR = BELOW_COLOR, ABOVE_COLOR
OTHER_COLOR = "rgba(86, 180, 233, 0.55)"  # Okabe–Ito sky blue, see-through so overlaps show
PAIR_LABEL_WIDTH = 40  # characters per line of a name above a row of the dot plot (fits a phone)
PAIR_STEP_PIXELS = 21  # one line of text or one row of dots
STRENGTHS = ((0.1, "none"), (0.3, "weak"), (0.5, "moderate"), (1.01, "strong"))  # |r| below → word (Cohen)


@dataclass(frozen=True)
class IndicatorTable:
    """All indicators at one level: `values` (area_id × indicator_id; NaN = missing or withheld),
    `withheld` (same shape), `names` (area_id → name), `periods` (indicator → year used),
    `city` (indicator → city value, NaN where none) and `entries` in menu order."""

    values: pd.DataFrame
    withheld: pd.DataFrame
    names: pd.Series
    periods: dict[str, int]
    city: dict[str, float]
    entries: dict[str, Indicator]


def indicator_table(
    *,
    values: Mapping[str, pd.DataFrame],
    city_series: Mapping[str, pd.DataFrame],
    periods: Mapping[str, int],
    entries: Mapping[str, Indicator],
    areas: pd.DataFrame,
) -> IndicatorTable:
    """The IndicatorTable from the store's `values` per indicator (area_id, value, suppressed, in
    the year `periods[indicator]`), its `city_series` and the level's `areas` (area_id, name)."""
    index = pd.Index(areas["area_id"], name="area_id")
    columns, hidden, city = {}, {}, {}
    for indicator in entries:
        frame = values[indicator].set_index("area_id")
        columns[indicator] = frame["value"].astype(float).reindex(index)
        hidden[indicator] = frame["suppressed"].reindex(index).fillna(False).astype(bool)
        series = city_series[indicator].set_index("period")["value"]
        city[indicator] = float(series.get(periods[indicator], np.nan))
    return IndicatorTable(
        values=pd.DataFrame(columns, index=index),
        withheld=pd.DataFrame(hidden, index=index),
        names=areas.set_index("area_id")["name"].astype(str),
        periods=dict(periods),
        city=city,
        entries=dict(entries),
    )


def _label(entry: Indicator, period: int, chosen_period: int, lang: str) -> str:
    return entry.label(lang) if period == chosen_period else f"{entry.label(lang)} ({period})"


def favourable(a: float, b: float, polarity: str) -> str:
    """'a' or 'b' (the more favourable one by `polarity`), 'similar' (within SIMILAR_WITHIN of
    the larger magnitude), or 'none' (neutral indicator or a missing value)."""
    if pd.isna(a) or pd.isna(b) or polarity == "neutral":
        return "none"
    if abs(a - b) <= SIMILAR_WITHIN * max(abs(a), abs(b)):
        return "similar"
    higher = "a" if a > b else "b"
    lower = "b" if higher == "a" else "a"
    return higher if polarity == "higher_better" else lower


def pair_table(*, table: IndicatorTable, area: str, compare: str, period: int, city: str, lang: str, raw: bool = False) -> pd.DataFrame:
    """Two areas and the city across all indicators, grouped by topic, with the more favourable
    area named (a check mark and the name: never colour alone). `raw` keeps numbers unformatted."""
    name_a, name_b = table.names[area], table.names[compare]
    city_column = t("chart.city_sentence", lang, city=city, value="").rstrip(" :.")
    records = []
    for indicator, entry in table.entries.items():
        a, b = table.values.loc[area, indicator], table.values.loc[compare, indicator]
        unit, decimals = entry.unit(lang), int(entry.decimals)
        verdict = favourable(a, b, entry.polarity)
        word = {
            "a": f"✓ {name_a}",
            "b": f"✓ {name_b}",
            "similar": "≈ " + t("compare.similar", lang),
            "none": "· " + t("compare.no_verdict_neutral" if entry.polarity == "neutral" else "compare.no_verdict_missing", lang),
        }[verdict]

        def shown(value: float, withheld: bool) -> object:
            if raw:
                return None if pd.isna(value) else float(value)
            return t("note.suppressed", lang) if withheld else format_value(value, unit, lang, decimals)

        records.append(
            {
                t("sidebar.domain", lang): t("domain." + entry.domain, lang),
                t("column.indicator", lang): entry.label(lang),
                name_a: shown(a, table.withheld.loc[area, indicator]),
                name_b if name_b != name_a else f"{name_b} ({compare})": shown(b, table.withheld.loc[compare, indicator]),
                t("compare.favourable", lang): word,
                city_column: shown(table.city[indicator], False),
                **({t("column.unit", lang): unit} if raw else {}),
                t("column.period", lang): table.periods[indicator],
            }
        )
    return pd.DataFrame(records)


def pair_export(*, table: IndicatorTable, area: str, compare: str, period: int, city: str, level_plural: str, lang: str) -> ExportTable:
    """The comparison for download: raw values (each at its indicator's decimals, counts whole),
    withheld and missing values empty, with unit and year."""
    frame = pair_table(table=table, area=area, compare=compare, period=period, city=city, lang=lang, raw=True)
    decimals = tuple(0 if e.kind == "count" else int(e.decimals) for e in table.entries.values())
    kinds = [Column("text"), Column("text"), Column("number", decimals), Column("number", decimals), Column("text"), Column("number", decimals), Column("text"), Column("integer")]
    name_a, name_b = table.names[area], table.names[compare]
    return ExportTable(
        frame=frame,
        columns=dict(zip([str(c) for c in frame.columns], kinds)),
        name=(t("compare.export_name", lang), area, name_a, compare, name_b, period),
        title=t("compare.export_title", lang, a=name_a, b=name_b, city=city, period=period),
        indicators=tuple(table.entries.values()),
        periods=tuple(sorted(set(table.periods.values()))),
        level=level_plural,
    )


def pair_chart(*, table: IndicatorTable, area: str, compare: str, period: int, city: str, level_plural: str, lang: str) -> Chart:
    """Dot plot: for each indicator (grouped by topic) where the two areas and the city stand
    among all areas of the level (0 = lowest, 100 = highest value). The less favourable of the
    two is drawn open, the more favourable filled; a grey line joins them. Each indicator's name
    stands above its row and each topic above its rows, so that the dots get the full width on a
    phone as on a projector."""
    name_a, name_b = table.names[area], table.names[compare]
    rows = []
    for indicator, entry in table.entries.items():
        column = table.values[indicator]
        if column.notna().sum() == 0 or (pd.isna(column[area]) and pd.isna(column[compare])):
            continue
        a_pos, b_pos = percentile_position(column, [column[area], column[compare]])
        city_pos = np.nan if entry.kind == "count" else percentile_position(column, [table.city[indicator]])[0]
        rows.append(
            {
                "domain": t("domain." + entry.domain, lang),
                "label": _label(entry, table.periods[indicator], period, lang),
                "a": a_pos,
                "b": b_pos,
                "city": city_pos,
                "verdict": favourable(column[area], column[compare], entry.polarity),
                "a_text": format_value(column[area], entry.unit(lang), lang, int(entry.decimals)),
                "b_text": format_value(column[compare], entry.unit(lang), lang, int(entry.decimals)),
                "city_text": format_value(table.city[indicator], entry.unit(lang), lang, int(entry.decimals)),
            }
        )
    frame = pd.DataFrame(rows, columns=["domain", "label", "a", "b", "city", "verdict", "a_text", "b_text", "city_text"])
    # rows from the top, one step per line of text: a topic's name, then per indicator its name
    # and a row of dots
    annotations, row_y, y = [], [], 0.0
    for number, (domain, label) in enumerate(zip(frame["domain"], frame["label"])):
        if number == 0 or domain != frame["domain"].iloc[number - 1]:
            y += _row_text(annotations, f"<b>{plotly_wrapped(domain, width=PAIR_LABEL_WIDTH)}</b>", y, size=15)
        y += _row_text(annotations, plotly_wrapped(label, width=PAIR_LABEL_WIDTH), y, size=13)
        row_y.append(y)
        y += 1
    frame["y"] = row_y
    figure = go.Figure()
    joined = frame.dropna(subset=["a", "b"])
    figure.add_scatter(
        x=[value for a, b in zip(joined["a"], joined["b"]) for value in (a, b, None)],
        y=[value for row in joined["y"] for value in (row, row, None)],
        mode="lines",
        line={"color": "#9e9e9e", "width": 3},
        showlegend=False,
        hoverinfo="skip",
    )
    verdict_word = {
        "a": t("compare.hover_favourable", lang, name=plotly_text(name_a)),
        "b": t("compare.hover_favourable", lang, name=plotly_text(name_b)),
        "similar": t("compare.similar", lang),
        "none": t("compare.no_verdict", lang),
    }
    hover_verdicts = [verdict_word[v] for v in frame["verdict"]]
    hover_labels = [plotly_text(label) for label in frame["label"]]
    for key, name, symbol, color in (("a", name_a, AREA_A_SYMBOL, AREA_A_COLOR), ("b", name_b, AREA_B_SYMBOL, AREA_B_COLOR)):
        other = "b" if key == "a" else "a"
        symbols = [symbol + "-open" if v == other else symbol for v in frame["verdict"]]
        figure.add_scatter(
            x=frame[key],
            y=frame["y"],
            mode="markers",
            name=plotly_text(name),
            marker={"symbol": symbols, "size": 14, "color": color, "line": {"color": color, "width": 2.5}},
            customdata=np.stack([hover_labels, frame[f"{key}_text"], hover_verdicts], axis=-1) if len(frame) else None,
            hovertemplate=f"<b>{plotly_text(name)}</b><br>%{{customdata[0]}}<br>%{{customdata[1]}} · %{{customdata[2]}}<extra></extra>",
        )
    figure.add_scatter(
        x=frame["city"],
        y=frame["y"],
        mode="markers",
        name=plotly_text(t("chart.city_sentence", lang, city=city, value="").rstrip(" :.")),
        marker={"symbol": "line-ns", "size": 20, "line": {"color": CITY_LINE_COLOR, "width": 3}},
        customdata=np.stack([hover_labels, frame["city_text"]], axis=-1) if len(frame) else None,
        hovertemplate=f"<b>{plotly_text(city)}</b><br>%{{customdata[0]}}<br>%{{customdata[1]}}<extra></extra>",
    )
    figure.update_xaxes(
        range=[-3, 103],
        tickvals=[0, 25, 50, 75, 100],
        side="top",
        fixedrange=True,
    )
    figure.update_yaxes(range=[y - 0.5, -0.7], visible=False, fixedrange=True)
    apply_layout(figure, lang=lang, height=int(PAIR_STEP_PIXELS * max(y, 3)) + 190)
    axis_title = [t("compare.position_axis", lang, level=level_plural), t("compare.position_scale", lang)]
    figure.update_xaxes(title_text="<br>".join(plotly_text(line) for line in axis_title))  # two lines fit a phone
    figure.update_layout(
        annotations=annotations,
        margin={"l": 10, "r": 20, "t": 90, "b": 70},
        legend={"yref": "container", "y": 0, "yanchor": "bottom"},
    )
    counts = frame["verdict"].value_counts()
    alt = t(
        "compare.pair_alt",
        lang,
        a=name_a,
        b=name_b,
        n=len(frame),
        a_better=int(counts.get("a", 0)),
        b_better=int(counts.get("b", 0)),
        similar=int(counts.get("similar", 0)),
        level=level_plural,
    )
    return Chart(
        figure=figure,
        alt=plain(alt, limit=LONG_TEXT_CHARACTERS),
        table=pair_table(table=table, area=area, compare=compare, period=period, city=city, lang=lang),
    )


def _row_text(annotations: list[dict], text: str, y: float, *, size: int) -> int:
    """Write `text` above the dot plot's next row, from the left edge of the plot, starting at
    step `y`; returns the steps its lines take."""
    lines = text.count("<br>") + 1
    annotations.append(
        {
            "text": text, "x": 0, "xref": "paper", "xanchor": "left", "y": y + (lines - 1) / 2, "yref": "y", "yanchor": "middle",
            "showarrow": False, "align": "left", "font": {"size": size, "color": "#000000"},
        }
    )
    return lines


# ---- scatter plot of two indicators ----------------------------------------------------------


def strength_word(r: float, lang: str) -> str:
    """'kein nennenswerter', 'schwacher', 'mittlerer' or 'starker' (Cohen's conventions 0.1/0.3/0.5)."""
    for limit, word in STRENGTHS:
        if abs(r) < limit:
            return t(f"compare.strength.{word}", lang)
    return t("compare.strength.strong", lang)


def format_p(p: float, lang: str) -> str:
    """'p = 0,027' with three decimals, 'p < 0,001' below that."""
    return f"p < {format_number(0.001, lang, 3)}" if p < 0.001 else f"p = {format_number(p, lang, 3)}"


def correlation_sentences(
    result: Correlation, *, x_label: str, y_label: str, level_plural: str, weighted: bool, lang: str
) -> list[str]:
    """The coefficients in words, and that correlation is not causation."""
    if result.n < 3 or np.isnan(result.pearson):
        return [t("compare.too_few", lang, n=result.n, level=level_plural), t("compare.not_causal", lang)]
    p_text = ""
    if not weighted:
        p_text = t("compare.p_values", lang, p=format_p(result.pearson_p, lang), q=format_p(result.spearman_p, lang))
    strength = strength_word(result.pearson, lang)
    if abs(result.pearson) < STRENGTHS[0][0]:
        meaning = t("compare.meaning.none", lang, strength=strength)
    else:
        meaning = t(
            "compare.meaning.positive" if result.pearson > 0 else "compare.meaning.negative",
            lang,
            strength=strength,
            x=x_label,
            y=y_label,
        )
    return [
        t(
            "compare.coefficients",
            lang,
            r=format_number(result.pearson, lang, 2),
            rho=format_number(result.spearman, lang, 2),
            n=result.n,
            level=level_plural,
            weights=t("compare.weighted" if weighted else "compare.unweighted", lang),
            p=p_text,
        ),
        meaning,
        t("compare.not_causal", lang),
    ]


def scatter_chart(
    *,
    table: IndicatorTable,
    x: str,
    y: str,
    population: pd.Series | None,
    weighted: bool,
    highlight: Sequence[str],
    period: int,
    city: str,
    level_plural: str,
    population_label: str,
    lang: str,
) -> tuple[Chart, Correlation, list[str]]:
    """Areas as bubbles (x and y indicator, size = population), the chosen areas labelled and
    marked, the (weighted) least-squares line, the city where comparable; the coefficients and
    their sentences. With weighting, areas without a population are left out."""
    x_entry, y_entry = table.entries[x], table.entries[y]
    frame = pd.DataFrame({"x": table.values[x], "y": table.values[y], "name": table.names})
    frame["population"] = population.reindex(frame.index).astype(float) if population is not None else np.nan
    both = frame.dropna(subset=["x", "y"])
    if weighted:
        both = both[both["population"] > 0]
    result = correlate(both["x"], both["y"], both["population"] if weighted else None)
    x_label = _label(x_entry, table.periods[x], period, lang)
    y_label = _label(y_entry, table.periods[y], period, lang)

    labelled = set(a for a in highlight if a in both.index)
    if len(both) <= MAX_LABELS:
        labelled |= set(both.index)
    elif not np.isnan(result.slope):
        residual = (both["y"] - (result.intercept + result.slope * both["x"])).abs()
        labelled |= set(residual.nlargest(OUTLIER_LABELS).index)

    sized = both["population"].notna().all() and len(both) > 0 and both["population"].max() > 0
    size_ref = 2.0 * float(both["population"].max()) / 45.0**2 if sized else 1.0
    figure = go.Figure()
    others = both[~both.index.isin(highlight)]
    groups = [(others, t("compare.other_areas", lang, level=level_plural), "circle", OTHER_COLOR)]
    for area_id, symbol, color in zip(highlight, (AREA_A_SYMBOL, AREA_B_SYMBOL), (AREA_A_COLOR, AREA_B_COLOR)):
        if area_id in both.index:
            groups.append((both.loc[[area_id]], plotly_text(table.names[area_id]), symbol, color))
    x_hover, y_hover = (plotly_text(entry.label(lang)) for entry in (x_entry, y_entry))
    for members, name, symbol, color in groups:
        if members.empty:
            continue
        if len(members) > MAX_HOVER_TEXTS:
            _add_many_bubbles(
                figure, members, labelled, name=name, color=color, sized=sized, size_ref=size_ref,
                hovertemplate=(
                    "<b>%{hovertext}</b><br>"
                    + f"{x_hover}: {_hover_number('x', x_entry, lang)}<br>{y_hover}: {_hover_number('y', y_entry, lang)}"
                    + (f"<br>{plotly_text(population_label)}: %{{marker.size:,.0f}}" if sized else "")
                    + "<extra></extra>"
                ),
            )
            continue
        texts = [plotly_text(n) if a in labelled else "" for a, n in zip(members.index, members["name"])]
        hover = np.stack(
            [
                [plotly_text(n) for n in members["name"]],
                format_values(members["x"], x_entry.unit(lang), lang, int(x_entry.decimals)).to_numpy(),
                format_values(members["y"], y_entry.unit(lang), lang, int(y_entry.decimals)).to_numpy(),
                format_values(members["population"], "", lang, 0).to_numpy(),
            ],
            axis=-1,
        )
        figure.add_scatter(
            x=members["x"],
            y=members["y"],
            mode="markers+text",
            name=name,
            text=texts,
            textposition="top center",
            textfont={"size": 12},
            marker={
                "symbol": symbol,
                "color": color,
                "line": {"color": "#000000" if color != OTHER_COLOR else "#1f4e79", "width": 1},
                **(
                    {"size": members["population"].fillna(0).tolist(), "sizemode": "area", "sizeref": size_ref, "sizemin": 5}
                    if sized
                    else {"size": 12}
                ),
            },
            customdata=hover,
            hovertemplate=(
                "<b>%{customdata[0]}</b><br>"
                + plotly_text(x_entry.label(lang)) + ": %{customdata[1]}<br>"
                + plotly_text(y_entry.label(lang)) + ": %{customdata[2]}<br>"
                + plotly_text(population_label) + ": %{customdata[3]}<extra></extra>"
            ),
        )
    if not np.isnan(result.slope):
        xs = np.array([both["x"].min(), both["x"].max()])
        figure.add_scatter(
            x=xs,
            y=result.intercept + result.slope * xs,
            mode="lines",
            name=t("compare.regression_weighted" if weighted else "compare.regression", lang),
            line={"color": CITY_LINE_COLOR, "dash": "dot", "width": 2},
            hoverinfo="skip",
        )
    city_x, city_y = table.city[x], table.city[y]
    if not (np.isnan(city_x) or np.isnan(city_y)) and "count" not in (x_entry.kind, y_entry.kind):
        figure.add_scatter(
            x=[city_x],
            y=[city_y],
            mode="markers",
            name=plotly_text(t("chart.city_sentence", lang, city=city, value="").rstrip(" :.")),
            marker={"symbol": "x-thin", "size": 16, "line": {"color": CITY_LINE_COLOR, "width": 3}},
            hovertemplate=plotly_text(city) + "<extra></extra>",
        )
    apply_layout(
        figure,
        lang=lang,
        height=560,
        x_title=plotly_text(f"{x_label} ({x_entry.unit(lang)})"),
        y_title=plotly_text(f"{y_label} ({y_entry.unit(lang)})"),
    )
    figure.update_layout(margin={"b": 120}, legend={"yref": "container", "y": 0, "yanchor": "bottom"})
    sentences = correlation_sentences(result, x_label=x_label, y_label=y_label, level_plural=level_plural, weighted=weighted, lang=lang)
    alt = t("compare.scatter_alt", lang, x=x_label, y=y_label, n=len(both), level=level_plural) + " " + sentences[0]
    scatter_table = pd.DataFrame(
        {
            t("column.area_id", lang): both.index,
            t("column.area", lang): both["name"].to_numpy(),
            f"{x_label} ({x_entry.unit(lang)})": format_values(both["x"], x_entry.unit(lang), lang, int(x_entry.decimals)).to_numpy(),
            f"{y_label} ({y_entry.unit(lang)})": format_values(both["y"], y_entry.unit(lang), lang, int(y_entry.decimals)).to_numpy(),
            population_label: format_values(both["population"], "", lang, 0).to_numpy(),
        }
    )
    if population is None:
        scatter_table = scatter_table.drop(columns=[population_label])
    return Chart(figure=figure, alt=plain(alt, limit=LONG_TEXT_CHARACTERS), table=scatter_table), result, sentences


def _hover_number(axis: str, entry: Indicator, lang: str) -> str:
    """A plotly hover placeholder that writes the value as format_value does (plotly takes the
    decimal mark and thousands separator from the layout's `separators`)."""
    number = f"%{{{axis}:,.{int(entry.decimals)}f}}"
    unit = entry.unit(lang)
    if unit == "%":
        return language_meta(lang).percent.replace("{number}", number)
    return f"{number}\u00a0{unit}" if unit else number


def _add_many_bubbles(
    figure: go.Figure, members: pd.DataFrame, labelled: set, *, name: str, color: str, sized: bool, size_ref: float, hovertemplate: str
) -> None:
    """Many areas' bubbles as numbers (base64 arrays), the name as hover text, and the labelled
    ones written by a trace of their own."""
    figure.add_scatter(
        x=members["x"].to_numpy(),
        y=members["y"].to_numpy(),
        mode="markers",
        name=name,
        marker={
            "symbol": "circle",
            "color": color,
            "line": {"color": "#1f4e79", "width": 1},
            **(
                {"size": members["population"].fillna(0).to_numpy(), "sizemode": "area", "sizeref": size_ref, "sizemin": 5}
                if sized
                else {"size": 12}
            ),
        },
        hovertext=[plotly_text(n) for n in members["name"]],
        hovertemplate=hovertemplate,
    )
    shown = members[members.index.isin(labelled)]
    if not shown.empty:
        figure.add_scatter(
            x=shown["x"], y=shown["y"], mode="text", text=[plotly_text(n) for n in shown["name"]], textposition="top center",
            textfont={"size": 12}, showlegend=False, hoverinfo="skip",
        )


def scatter_export(
    *, table: IndicatorTable, x: str, y: str, population: pd.Series | None, population_label: str, period: int, level_plural: str, lang: str
) -> ExportTable:
    """The scatter plot's data for download: one row per area with both values and the population."""
    x_entry, y_entry = table.entries[x], table.entries[y]
    x_label, y_label = _label(x_entry, table.periods[x], period, lang), _label(y_entry, table.periods[y], period, lang)
    frame = pd.DataFrame(
        {
            t("column.area_id", lang): table.values.index,
            t("column.area", lang): table.names.reindex(table.values.index).to_numpy(),
            x_label: table.values[x].to_numpy(),
            y_label: table.values[y].to_numpy(),
        }
    )
    columns = {
        t("column.area_id", lang): Column("id"),
        t("column.area", lang): Column("text"),
        x_label: Column("number", 0 if x_entry.kind == "count" else int(x_entry.decimals), x_entry.unit(lang)),
        y_label: Column("number", 0 if y_entry.kind == "count" else int(y_entry.decimals), y_entry.unit(lang)),
    }
    if population is not None and population_label not in columns:
        frame[population_label] = population.reindex(table.values.index).to_numpy()
        columns[population_label] = Column("number", 0)
    return ExportTable(
        frame=frame,
        columns=columns,
        name=(t("compare.export_scatter", lang), x, y, period),
        title=t("compare.scatter_alt", lang, x=x_label, y=y_label, n=int(table.values[[x, y]].notna().all(axis=1).sum()), level=level_plural),
        indicators=(x_entry, y_entry),
        periods=tuple(sorted({table.periods[x], table.periods[y]})),
        level=level_plural,
    )


# ---- correlation matrix ------------------------------------------------------------------------


def strength_mark(rho: float) -> str:
    """The cell mark of a large matrix, where numbers do not fit: '+' or '−' for a strong
    relation (|ρ| ≥ STRONG), nothing otherwise."""
    if np.isnan(rho) or abs(rho) < STRONG:
        return ""
    return "+" if rho > 0 else "−"


@dataclass(frozen=True)
class Heatmap:
    chart: Chart | None
    used: int  # areas with at least two of the indicators
    pair_min: int
    pair_max: int
    left_out: list[str]  # labels of indicators without enough values or without spread
    export: ExportTable | None = None  # every pair with ρ and n, for download
    marks: bool = False  # cells hold + / − marks instead of numbers (more than MAX_NUMBERED indicators)


def correlation_heatmap(*, table: IndicatorTable, domain: str, period: int, level_plural: str, lang: str) -> Heatmap:
    """Spearman correlations between the indicators of `domain` ("all": every indicator), in a
    clustered order, with ρ written in every cell; the table lists every pair with its n."""
    chosen = [i for i, e in table.entries.items() if domain == "all" or e.domain == domain]
    values = table.values[chosen]
    usable = [i for i in chosen if values[i].notna().sum() >= MIN_PAIRS and values[i].nunique() > 1]
    left_out = [table.entries[i].label(lang) for i in chosen if i not in usable]
    if len(usable) < 2:
        return Heatmap(chart=None, used=0, pair_min=0, pair_max=0, left_out=left_out)
    coefficients, counts = correlation_matrix(values[usable], method="spearman", min_pairs=MIN_PAIRS)
    order = cluster_order(coefficients)
    coefficients, counts = coefficients.loc[order, order], counts.loc[order, order]
    labels = [plotly_text(_label(table.entries[i], table.periods[i], period, lang)) for i in order]
    hover_text = [[format_number(v, lang, 2) if not np.isnan(v) else "–" for v in row] for row in coefficients.to_numpy()]
    cell_text = hover_text if len(order) <= MAX_NUMBERED else [[strength_mark(v) for v in row] for row in coefficients.to_numpy()]
    figure = go.Figure(
        go.Heatmap(
            z=coefficients.to_numpy(),
            x=labels,
            y=labels,
            zmin=-1,
            zmax=1,
            colorscale=CORRELATION_SCALE,
            text=cell_text,
            texttemplate="%{text}",
            textfont={"size": 12 if len(order) <= MAX_NUMBERED else 14},
            customdata=np.stack([hover_text, counts.to_numpy().astype(str)], axis=-1),
            hovertemplate="%{y}<br>%{x}<br>ρ = %{customdata[0]} (n = %{customdata[1]})<extra></extra>",
            colorbar={"title": {"text": "ρ"}, "tickvals": [-1, -0.5, 0, 0.5, 1]},
            xgap=1,
            ygap=1,
        )
    )
    size = len(order)
    apply_layout(figure, lang=lang, height=min(max(28 * size + 260, 420), 1400))
    figure.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": 12 if size <= 12 else 10})
    figure.update_xaxes(tickangle=-45, automargin=True, tickfont={"size": 12 if size <= 12 else 10}, showgrid=False, side="bottom")
    figure.update_layout(margin={"b": 10, "t": 20})
    pairs = []
    for i, first in enumerate(order):
        for second in order[i + 1:]:
            pairs.append(
                {
                    t("compare.first", lang): _label(table.entries[first], table.periods[first], period, lang),
                    t("compare.second", lang): _label(table.entries[second], table.periods[second], period, lang),
                    "ρ": np.nan if np.isnan(coefficients.loc[first, second]) else round(float(coefficients.loc[first, second]), 3),
                    t("compare.pairs", lang): int(counts.loc[first, second]),
                }
            )
    raw_pairs = pd.DataFrame(pairs)
    raw_pairs = raw_pairs.reindex(raw_pairs["ρ"].abs().sort_values(ascending=False, na_position="last").index).reset_index(drop=True)
    pair_table = raw_pairs.assign(ρ=[format_number(v, lang, 2) for v in raw_pairs["ρ"]])
    export = ExportTable(
        frame=raw_pairs,
        columns=dict(zip(raw_pairs.columns, [Column("text"), Column("text"), Column("number", 3), Column("integer")])),
        name=(t("compare.export_matrix", lang), domain, level_plural),
        title=t("compare.export_matrix_title", lang, level=level_plural),
        indicators=tuple(table.entries[i] for i in order),
        periods=tuple(sorted({table.periods[i] for i in order})),
        level=level_plural,
        notes=(t("compare.export_matrix_note", lang),),
    )
    off_diagonal = counts.to_numpy()[~np.eye(size, dtype=bool)]
    used = int((values[usable].notna().sum(axis=1) >= 2).sum())
    strongest = pairs and max(pairs, key=lambda p: -1 if np.isnan(p["ρ"]) else abs(p["ρ"]))
    alt = t(
        "compare.heatmap_alt",
        lang,
        k=size,
        n=used,
        level=level_plural,
        first=strongest[t("compare.first", lang)] if strongest else "–",
        second=strongest[t("compare.second", lang)] if strongest else "–",
        rho=format_number(strongest["ρ"], lang, 2) if strongest else "–",
    )
    return Heatmap(
        chart=Chart(figure=figure, alt=plain(alt, limit=LONG_TEXT_CHARACTERS), table=pair_table),
        used=used,
        pair_min=int(off_diagonal.min()),
        pair_max=int(off_diagonal.max()),
        left_out=left_out,
        export=export,
        marks=size > MAX_NUMBERED,
    )
