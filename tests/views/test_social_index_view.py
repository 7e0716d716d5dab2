"""The pure builders of the page "Sozialindex" (views/social_index.py), without a browser."""
from __future__ import annotations

import html

import dataclasses
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from loaders.contract import open_metadata
from loaders.store import Store
from metrics.social_index import SocialIndexConfig, status_dynamics_index
from tests import dataset_factory as factory
from tests.conftest import REPO_ROOT
from tests.rendered import rendered
from views import maps
from views import social_index as si
from views.classify import (
    DYNAMICS_CLASS_COLORS,
    NO_CLASS_COLOR,
    PALETTES,
    STATUS_CLASS_COLORS,
    hex_to_rgba,
)
from views.export import csv_bytes
from views.i18n import catalog

DEMO = REPO_ROOT / "data" / "demo"

# --- a tiny hand-made case ------------------------------------------------------------------
# five areas; "E" has a withheld (suppressed) unemployment value, "D" too few residents
CONFIG = SocialIndexConfig.from_dict(
    {
        "status_indicators": ["alo", "armut"],
        "dynamics_indicators": ["alo_change"],
        "dynamics_from_levels": {"alo_change": "alo"},
        "dynamics_span_years": 2,
        "population_indicator": "ew",
        "min_population": 300,
    }
)
NAMES = {"A": "Anger", "B": "Brink", "C": "Celle", "D": "Dorf", "E": "Eck"}


def store_frame(values: dict[str, float | None], period: int, suppressed: tuple[str, ...] = ()) -> pd.DataFrame:
    """A frame as Store.values returns it (the store sets withheld values to NaN)."""
    ids = sorted(values)
    return pd.DataFrame(
        {
            "area_id": ids,
            "name": [NAMES[i] for i in ids],
            "period": period,
            "value": [np.nan if i in suppressed or values[i] is None else values[i] for i in ids],
            "numerator": np.nan,
            "denominator": np.nan,
            "aggregated": False,
            "suppressed": [i in suppressed for i in ids],
        }
    )


ALO_2020 = {"A": 5.0, "B": 8.0, "C": 3.0, "D": 4.0, "E": 6.0}
ALO_2022 = {"A": 6.0, "B": 7.0, "C": 3.5, "D": 4.0, "E": 6.0}


def tiny_inputs() -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    values = {
        "alo": store_frame(ALO_2022, 2022, suppressed=("E",)),
        "armut": store_frame({"A": 20.0, "B": 30.0, "C": 10.0, "D": 15.0, "E": 25.0}, 2022),
        "ew": store_frame({"A": 1000.0, "B": 2000.0, "C": 1500.0, "D": 120.0, "E": 900.0}, 2022),
    }
    series = {
        "alo": pd.concat(
            [
                store_frame(ALO_2020, 2020),
                store_frame({**ALO_2020, "A": 5.5}, 2021),
                store_frame(ALO_2022, 2022, suppressed=("E",)),
            ],
            ignore_index=True,
        )
    }
    return values, series


@pytest.fixture()
def tiny() -> si.IndexTable:
    values, series = tiny_inputs()
    return si.build_table(CONFIG, values=values, level_series=series, period=2022)


def test_build_table_from_store_frames(tiny: si.IndexTable) -> None:
    table = tiny.table
    assert list(table.columns) == ["alo", "armut", "alo_change", "ew"]
    assert list(table.index) == ["A", "B", "C", "D", "E"]
    assert tiny.names.to_dict() == NAMES
    # derived dynamics: level 2022 minus level 2020, in the indicator's unit
    assert table["alo_change"].loc[["A", "B", "C", "D"]].tolist() == pytest.approx([1.0, -1.0, 0.5, 0.0])
    # withheld values stay missing, and their change too
    assert np.isnan(table.loc["E", "alo"]) and np.isnan(table.loc["E", "alo_change"])
    assert tiny.withheld.loc["E", ["alo", "alo_change"]].tolist() == [True, True]
    assert not tiny.withheld.drop(index="E").to_numpy().any()


def test_withheld_areas_get_no_class_with_reason_missing(tiny: si.IndexTable) -> None:
    run = si.run_index(CONFIG, tiny.table, si.default_weights(CONFIG))
    reasons = run.result["no_class_reason"].to_dict()
    assert reasons == {"A": None, "B": None, "C": None, "D": "population", "E": "missing"}
    assert run.result.loc[["D", "E"], "status_class"].isna().all()
    # the same as calling the metric directly on the table
    direct = status_dynamics_index(tiny.table, **CONFIG.index_arguments())
    pd.testing.assert_frame_equal(run.result, direct)
    note = si.no_class_note(run.result, tiny.withheld, "de")
    assert note == "Ohne Klasse: zu wenige Einwohner 1, fehlende Werte 1 (1 davon, weil ein Wert wegen kleiner Fallzahlen geheim gehalten wird)."
    assert "withheld for small counts" in si.no_class_note(run.result, tiny.withheld, "en")
    table = si.screen_table(CONFIG, tiny, run, si.indicator_labels(CONFIG, {}, "de"), "de")
    last = table.iloc[-2:]
    assert list(last["Gebiet"]) == ["Dorf", "Eck"]  # no class: at the end
    assert list(last["Ohne Klasse, weil"]) == ["zu wenige Einwohner", "fehlende Werte (Wert geheim gehalten (kleine Fallzahl))"]
    assert list(last["Statusklasse"]) == ["–", "–"]


def test_index_periods_need_levels_a_span_earlier() -> None:
    periods = {"alo": [2018, 2019, 2020, 2021, 2022], "armut": [2019, 2020, 2021, 2022], "ew": [2020, 2021, 2022, 2023]}
    assert si.index_periods(CONFIG, periods) == [2020, 2021, 2022]
    plain = SocialIndexConfig.from_dict({"status_indicators": ["alo", "armut"], "dynamics_indicators": [], "population_indicator": "ew"})
    assert si.index_periods(plain, periods) == [2020, 2021, 2022]
    assert si.choose_period([2020, 2021, 2022], 2021) == 2021
    assert si.choose_period([2020, 2021, 2022], 2010) == 2022
    assert si.required_indicators(CONFIG) == ["alo", "armut", "ew"]
    assert si.direct_indicators(CONFIG) == ["alo", "armut", "ew"]


def test_weights_change_the_index_and_zero_weights_are_refused(tiny: si.IndexTable) -> None:
    base = si.run_index(CONFIG, tiny.table, si.default_weights(CONFIG))
    tilted = si.run_index(CONFIG, tiny.table, {"alo": 0.0})
    assert tilted.weights == {"alo": 0.0, "armut": 1.0, "alo_change": 1.0}
    assert not np.allclose(base.result["status_index"].dropna(), tilted.result["status_index"].dropna())
    # with alo at weight 0 the status index is the standardised armut
    valid = tilted.result["status_index"].dropna()
    armut = tiny.table.loc[valid.index, "armut"]
    assert valid.to_numpy() == pytest.approx(((armut - armut.mean()) / armut.std(ddof=0)).to_numpy())
    # sensitivity needs two status indicators with a weight above 0
    assert base.sensitivity is not None and tilted.sensitivity is None
    with pytest.raises(si.IndexUnavailable) as caught:
        si.run_index(CONFIG, tiny.table, {"alo": 0, "armut": 0})
    assert caught.value.text("en") == "At least one status indicator needs a weight above 0."
    with pytest.raises(si.IndexUnavailable) as caught:
        si.run_index(CONFIG, tiny.table, {"alo_change": 0})
    assert caught.value.key == "si.error.dynamics_weights_zero"


def test_excluded_areas_of_other_levels_are_skipped(tiny: si.IndexTable) -> None:
    config = SocialIndexConfig.from_dict(
        {**json.loads(json.dumps({"status_indicators": ["alo", "armut"], "dynamics_indicators": []})),
         "population_indicator": "ew", "exclude": ["A", "ZZ"]}
    )
    run = si.run_index(config, tiny.table, {})
    assert run.unknown_excluded == ("ZZ",)
    assert run.result.loc["A", "no_class_reason"] == "excluded"
    with_reason = dataclasses.replace(config, exclude={"A": "Gewerbegebiet"})
    assert si.no_class_text(with_reason, "A", "excluded", False, "de") == "ausgeschlossen (Gewerbegebiet)"
    assert si.no_class_text(with_reason, "B", None, False, "de") == ""


# --- configuration from the dataset ---------------------------------------------------------

def test_demo_configuration_is_read_and_runs_on_teilgebiete() -> None:
    store = Store(DEMO)
    config = si.read_config(store.metadata, store.catalog())
    assert config is not None
    assert config.status_indicators == ("arbeitslosenanteil", "sgb2_quote", "kinderarmut")
    assert dict(config.dynamics_from_levels) == {
        "arbeitslosenanteil_veraenderung": "arbeitslosenanteil",
        "sgb2_quote_veraenderung": "sgb2_quote",
        "kinderarmut_veraenderung": "kinderarmut",
    }
    assert (config.min_population, config.population_indicator, config.dynamics_span_years) == (300, "einwohner", 2)
    assert config.higher_is_better == ()  # all three are higher_worse in the catalog
    assert si.index_level(config, store.metadata.level_ids) == "teilgebiet"
    assert set(si.required_indicators(config)) <= set(store.indicator_ids())


def test_index_level_defaults_to_the_finest_and_rejects_unknown_levels() -> None:
    config = SocialIndexConfig.from_dict({"status_indicators": ["a"], "dynamics_indicators": [], "population_indicator": "ew"})
    assert si.index_level(config, ("bezirk", "planungsraum")) == "planungsraum"
    bad = SocialIndexConfig.from_dict({"status_indicators": ["a"], "dynamics_indicators": [], "population_indicator": "ew", "level": "x"})
    with pytest.raises(ValueError, match="social_index.level"):
        si.index_level(bad, ("bezirk", "planungsraum"))


def test_dataset_without_configuration(tmp_path: Path) -> None:
    folder = factory.write_dataset(tmp_path / "ds")
    store = Store(folder)
    assert si.read_config(store.metadata, store.catalog()) is None


def test_index_from_a_real_store_with_withheld_population(tmp_path: Path) -> None:
    folder = factory.write_dataset(tmp_path / "ds")
    meta = factory.metadata()
    meta["social_index"] = {
        "status_indicators": ["poverty", "index_score"],
        "dynamics_indicators": ["poverty_change"],
        "dynamics_from_levels": {"poverty_change": "poverty"},
        "dynamics_span_years": 1,
        "min_population": 10,
    }
    (folder / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")
    store = Store(folder)
    config = si.read_config(store.metadata, store.catalog())
    assert config.population_indicator == "residents"  # the dataset's
    assert config.higher_is_better == ("index_score",)  # from the catalog's polarity
    level = si.index_level(config, store.metadata.level_ids)
    periods = si.index_periods(config, {i: store.periods(i) for i in si.required_indicators(config)})
    assert (level, periods) == ("teil", [2021])
    table = si.build_table(
        config,
        values={i: store.values(i, 2021, level) for i in si.direct_indicators(config)},
        level_series={s: store.series(s, level) for s in config.dynamics_from_levels.values()},
        period=2021,
    )
    # B2: 2 residents and 1 of 2 poor are withheld by the store, and B1 with it (Bergdorf's total is shown)
    assert table.withheld.loc[["B1", "B2"], ["poverty", "poverty_change", "residents"]].all().all()
    assert table.table.loc[["A1", "A2"], "poverty_change"].tolist() == [0.0, 0.0]
    # every change is 0 here (no variance), so the index runs on the status alone
    # (with only A1 and A2 left, poverty and the reversed index_score cancel out: status on poverty alone)
    status_only = dataclasses.replace(
        config, status_indicators=("poverty",), higher_is_better=(), dynamics_indicators=(), dynamics_from_levels={}
    )
    run = si.run_index(status_only, table.table, {})
    assert run.result.loc[["B1", "B2"], "no_class_reason"].tolist() == ["population", "population"]
    assert run.result["status_class"].notna().sum() == 2


# --- labels, palette, text ------------------------------------------------------------------

def luminance(color: str) -> float:
    red, green, blue, _ = hex_to_rgba(color)

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


@pytest.mark.parametrize("colors", [STATUS_CLASS_COLORS, DYNAMICS_CLASS_COLORS])
def test_class_palettes_are_neutral_and_ordered_by_lightness(colors: dict[int, str]) -> None:
    ordered = [colors[c] for c in sorted(colors)]
    # lightness alone separates the classes (readable for every kind of colour blindness and in grey)
    lum = [luminance(c) for c in ordered]
    assert all(a > b + 0.05 for a, b in zip(lum, lum[1:])), lum
    for color in ordered:
        red, green, blue, _ = hex_to_rgba(color)
        assert blue >= red and blue >= green, f"{color}: not a blue/purple hue"  # no red, orange or green
        assert color not in PALETTES["higher_worse"]  # not the overview's 'worse' colours
    assert NO_CLASS_COLOR not in ordered
    assert len(STATUS_CLASS_COLORS) == 4 and len(DYNAMICS_CLASS_COLORS) == 3


def test_class_labels_are_the_official_neutral_names() -> None:
    assert [si.class_label("status", c, "de") for c in (1, 2, 3, 4)] == ["hoch", "mittel", "niedrig", "sehr niedrig"]
    assert [si.class_label("status", c, "en") for c in (1, 2, 3, 4)] == ["high", "medium", "low", "very low"]
    assert [si.class_label("dynamics", c, "de") for c in (1, 2, 3)] == ["positiv", "stabil", "negativ"]
    assert si.class_label("status", pd.NA, "de") is None
    assert si.class_color("status", pd.NA) == NO_CLASS_COLOR
    assert si.class_color("dynamics", 3) == DYNAMICS_CLASS_COLORS[3]
    texts = " ".join(text for lang in ("de", "en") for key, text in catalog(lang).texts.items() if key.startswith("si.")).lower()
    for word in ("problem", "brennpunkt", "gefahr", "danger", "risk", "risiko"):
        assert word not in texts


def test_every_page_string_exists_in_both_languages() -> None:
    keys = [k for k in catalog("de").texts if k.startswith("si.") or k == "nav.social_index"]
    assert len(keys) > 50
    for key in keys:
        assert catalog("de").texts[key] and catalog("en").texts[key], key


def test_class_ranges_and_method_follow_the_language_and_the_cuts() -> None:
    assert si.class_ranges((-1.0, 1.0, 1.5), "de") == ["unter −1,0", "−1,0 bis 1,0", "über 1,0 bis 1,5", "über 1,5"]
    assert si.class_ranges((-1.0, 1.0), "en") == ["below −1.0", "−1.0 to 1.0", "above 1.0"]
    labels = si.indicator_labels(CONFIG, {"alo": "Arbeitslose", "armut": "Armut", "ew": "Einwohner"}, "de")
    assert labels == {"alo": "Arbeitslose", "armut": "Armut", "alo_change": "Veränderung Arbeitslose in 2 Jahren", "ew": "Einwohner"}
    assert si.indicator_units(CONFIG, {"alo": "%", "armut": "%"}, "en") == {"alo": "%", "armut": "%", "alo_change": "percentage points"}
    de = si.method_markdown(CONFIG, labels, level_plural="Teilgebiete", lang="de")
    assert "hoch (Index unter −1,0)" in de and "sehr niedrig (über 1,5)" in de and "weniger als 300" in de
    assert "Veränderung Arbeitslose in 2 Jahren" in de and "Teilgebiete" in de
    en = si.method_markdown(CONFIG, si.indicator_labels(CONFIG, {}, "en"), level_plural="sub-areas", lang="en")
    assert "high (index below −1.0)" in en and "positive (index below −1.0)" in en
    plain = SocialIndexConfig.from_dict({"status_indicators": ["alo"], "dynamics_indicators": [], "population_indicator": "ew"})
    assert "Dynamik" not in si.method_markdown(plain, {"alo": "A", "ew": "E"}, level_plural="x", lang="de")


# --- the whole view on the demo -------------------------------------------------------------

def demo_view(lang: str, weights: dict[str, float] | None = None, dimension: str = "status"):
    store = Store(DEMO)
    config = si.read_config(store.metadata, store.catalog())
    level = si.index_level(config, store.metadata.level_ids)
    table = si.build_table(
        config,
        values={i: store.values(i, 2022, level) for i in si.direct_indicators(config)},
        level_series={s: store.series(s, level) for s in config.dynamics_from_levels.values()},
        period=2022,
    )
    run = si.run_index(config, table.table, weights or {})
    labels = si.indicator_labels(config, {i: store.indicator(i).label(lang) for i in store.indicator_ids()}, lang)
    units = si.indicator_units(config, {i: store.indicator(i).unit(lang) for i in store.indicator_ids()}, lang)
    view = si.build_view(
        config=config, index_table=table, run=run, geometries=store.geometries(level), labels=labels, units=units,
        catalog={i: store.indicator(i) for i in si.required_indicators(config)}, period=2022, level_plural="Teilgebiete" if lang == "de" else "sub-areas", dimension=dimension, lang=lang,
    )
    return config, table, run, view


@pytest.mark.parametrize("lang", ["de", "en"])
def test_demo_view_has_map_table_and_sensitivity(lang: str) -> None:
    config, table, run, view = demo_view(lang)
    assert len(view.table) == 33 and len(view.export.frame) == 33
    z_prefix = "z "
    assert sum(c.startswith(z_prefix) for c in view.table.columns) == 6
    status_class = {"de": "Statusklasse", "en": "Status class"}[lang]
    assert set(view.table[status_class]) <= set(si.class_ranges((0, 1, 2), lang)) | {
        si.class_label("status", c, lang) for c in (1, 2, 3, 4)
    }
    rank = {"de": "Rang (1 = ungünstigste Lage)", "en": "Rank (1 = least favourable)"}[lang]
    assert view.table[rank].tolist() == sorted(view.table[rank].tolist())
    # map: no external resources, a class name in every tooltip, one label per area
    deck = maps.deck_json(view.deck)
    text = json.dumps(deck)
    assert "http" not in text.replace("http://www.w3.org", "")
    tooltips = [o["detail"] for o in maps.area_objects(deck)]
    names = {si.class_name("status", c, lang) for c in (1, 2, 3, 4)}
    assert all(any(tip.startswith(f"{n} · ") for n in names) for tip in tooltips)
    labelled = any(layer["id"] == "labels" for layer in deck["layers"])
    assert labelled == (len(view.table) <= maps.MAX_LABELLED_AREAS)
    assert all(f"{si.class_name('status', c, lang)}:" in view.legend_html for c in (1, 2, 3, 4))
    assert rendered(view.summary).startswith({"de": "33 von 33 Teilgebiete", "en": "33 of 33 sub-areas"}[lang])
    assert view.no_class_note == ""
    assert {"de": "Ohne Klasse, weil", "en": "No class because"}[lang] not in view.table.columns  # every area has a class
    assert si.subtitle("planning areas", 2020, "en") == "Planning areas · 2020"
    # sensitivity: all 33 areas, the table behind the chart, alt text
    assert view.sensitivity_figure is not None and len(view.sensitivity_table) == 33
    assert view.sensitivity_alt and view.sensitivity_intro.count("9") >= 1
    # the export: raw numbers that open in Excel in the language
    raw = csv_bytes(view.export, excel_de=lang == "de").decode("utf-8-sig")
    assert raw.splitlines()[0].startswith({"de": '"Gebiets-Nr.";"Gebiet";"Jahr"', "en": '"Area no.","Area","Year"'}[lang])
    assert len(view.map_export.frame) == 33 and len(view.sensitivity_export.frame) == 33


def test_demo_view_follows_the_weights_and_the_dimension() -> None:
    _, _, base_run, base = demo_view("de")
    _, _, run, tilted = demo_view("de", {"kinderarmut": 0.0, "sgb2_quote": 3.0})
    assert not base.table["Status-Index"].equals(tilted.table["Status-Index"])
    assert tilted.export.frame["Gewicht Kinderarmut (SGB II)"].eq(0.0).all()
    _, _, _, dynamics = demo_view("de", dimension="dynamics")
    assert "Dynamik" in dynamics.legend_html and "stabil:" in dynamics.legend_html
    tooltips = [o["detail"] for o in maps.area_objects(maps.deck_json(dynamics.deck))]
    names = ("positiv (günstigste Klasse)", "stabil", "negativ (ungünstigste Klasse)")
    assert all(any(tip.startswith(f"{n} · Index ") for n in names) for tip in tooltips)
    # the dynamics use the derived two-year changes of the status indicators
    assert {"z Veränderung Arbeitslosenanteil in 2 Jahren", "Dynamikklasse"} <= set(dynamics.table.columns)


def test_sensitivity_rows_and_figure_data() -> None:
    _, table, run, view = demo_view("en")
    rows = si.sensitivity_rows(run, table.names, "en")
    assert rows["status_rank"].tolist() == sorted(rows["status_rank"])
    assert (rows["rank_min"] <= rows["status_rank"]).all() and (rows["status_rank"] <= rows["rank_max"]).all()
    figure = si.sensitivity_figure(rows, n_valid=33, lang="en")
    markers = [trace for trace in figure.data if trace.mode == "markers"]
    assert {trace.name for trace in markers} <= {"high", "medium", "low", "very low"}
    for trace in markers:
        members = rows.set_index("label").loc[list(trace.y)]
        assert list(trace.x) == members["status_rank"].tolist()
        assert list(trace.error_x.array) == (members["rank_max"] - members["status_rank"]).tolist()
        assert list(trace.error_x.arrayminus) == (members["status_rank"] - members["rank_min"]).tolist()
    text = next(trace for trace in figure.data if trace.mode == "text")
    assert all("holds in" in s and "%" in s for s in text.text)
    assert list(figure.layout.yaxis.categoryarray)[-1] == rows["label"].iloc[0]  # rank 1 at the top
    # with many areas, the least robust ones are shown
    few = si.sensitivity_rows(run, table.names, "en", max_rows=5)
    assert len(few) == 5
    rest = run.sensitivity.dropna(subset=["status_class"]).drop(index=few["area_id"])
    assert few["class_share"].max() <= rest["class_share"].min() or (few["class_share"] < 1).all()


def test_sources_caption_names_each_source_once() -> None:
    caption = si.sources_caption(
        "Stadt X, CC BY 4.0",
        [("A", "Amt", "CC0"), ("B", "Amt", "CC0"), ("EW", "Statistik", "dl-de/by-2.0")],
        "en",
    )
    assert rendered(caption) == "**Sources and licences:** Stadt X, CC BY 4.0 · A, B: Amt, CC0 · EW: Statistik, dl-de/by-2.0"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_favourable_end_is_worded_the_same_on_map_legend_table_and_export(lang: str) -> None:
    """A low index is favourable: status 'hoch', rank 1 the highest index (issue 8, item 11)."""
    config, _, run, view = demo_view(lang)
    reading = {
        "de": "So ist der Status-Index zu lesen: Niedrig ist günstig. Ein niedriger Index heißt wenig Benachteiligung und "
        "ergibt die Statusklasse „hoch“ (die günstigste); ein hoher Index heißt viel Benachteiligung und ergibt „sehr niedrig“ "
        "(die ungünstigste). Rang 1 hat den höchsten Index, also die ungünstigste Lage.",
        "en": "How to read the status index: low is favourable. A low index means little disadvantage and gives the status "
        "class “high” (the most favourable); a high index means much disadvantage and gives “very low” (the least "
        "favourable). Rank 1 has the highest index, i.e. the least favourable situation.",
    }[lang]
    favourable, unfavourable = {
        "de": ("hoch (günstigste Klasse)", "sehr niedrig (ungünstigste Klasse)"),
        "en": ("high (most favourable class)", "very low (least favourable class)"),
    }[lang]
    assert view.reading.startswith(reading)  # shown under the table
    # legend: the ends named, each range read as an index, the same sentence as its note
    legend = html.unescape(view.legend_html)
    assert {"de": f"{favourable}: Index unter −1,0", "en": f"{favourable}: index below −1.0"}[lang] in legend
    assert {"de": f"{unfavourable}: Index über 1,5", "en": f"{unfavourable}: index above 1.5"}[lang] in legend
    assert reading in legend
    # map: the tooltip of the area with the lowest index names the favourable end, the highest the other
    deck = maps.deck_json(view.deck)
    tips = {o["name"]: o["detail"] for o in maps.area_objects(deck)}
    result = run.result.dropna(subset=["status_index"])
    names = demo_view_names()
    highest = names[result["status_index"].idxmax()]
    assert set(result["status_class"]) == {1, 2, 3, 4}  # the demo has every class
    for area_id, code in result["status_class"].items():
        assert tips[names[area_id]].startswith({1: favourable, 4: unfavourable}.get(code, si.class_label("status", code, lang) + " · "))
    # table: rank 1 is the highest index and the least favourable class present
    rank = {"de": "Rang (1 = ungünstigste Lage)", "en": "Rank (1 = least favourable)"}[lang]
    first = view.table.loc[view.table[rank] == 1].iloc[0]
    assert first[{"de": "Gebiet", "en": "Area"}[lang]] == highest
    assert first[{"de": "Statusklasse", "en": "Status class"}[lang]] == si.class_label("status", result["status_class"].max(), lang)
    # export and the map's data: the same header and sentence in their metadata
    assert rank in view.export.frame.columns and view.export.notes[0] == view.reading
    assert view.map_export.notes == view.export.notes
    # nothing left of the old wording that read as a contradiction
    texts = " ".join(text for key, text in catalog(lang).texts.items() if key.startswith("si."))
    assert {"de": "Rang 1 = höchster Status-Index", "en": "Rank 1 = highest status index"}[lang] not in texts


def demo_view_names() -> pd.Series:
    store = Store(DEMO)
    config = si.read_config(store.metadata, store.catalog())
    areas = store.areas(si.index_level(config, store.metadata.level_ids))
    return areas.set_index("area_id")["name"]
