"""The social index's combined groups (status × dynamics): the 4 × 3 matrix of counts, the group
map's colours and labels, and the weights in the URL."""
from __future__ import annotations

import pandas as pd
import pytest

from loaders.contract import open_metadata
from loaders.store import Store
from tests.conftest import REPO_ROOT
from views import social_index as si
from views.classify import GROUP_COLORS, hex_to_rgba
from views.maps import area_objects, deck_json

DEMO = REPO_ROOT / "data" / "demo"


def result(pairs: list[tuple[int | None, int | None]]) -> pd.DataFrame:
    """A result as metrics.social_index returns it, for the given (status, dynamics) classes."""
    status = pd.array([s for s, _ in pairs], dtype="Int64")
    dynamics = pd.array([d for _, d in pairs], dtype="Int64")
    return pd.DataFrame(
        {
            "status_class": status,
            "dynamics_class": dynamics,
            "group": (status - 1) * 3 + dynamics,
            "status_index": [0.5] * len(pairs),
            "dynamics_index": [-1.25] * len(pairs),
            "no_class_reason": [None if s is not None else "missing" for s, _ in pairs],
        },
        index=[f"A{i}" for i in range(len(pairs))],
    )


CASE = result([(1, 1), (1, 1), (2, 2), (4, 3), (4, 3), (4, 3), (2, 1), (None, None)])


def test_the_matrix_counts_each_combination_with_totals() -> None:
    matrix = si.group_matrix(CASE, "de")
    assert matrix.index.tolist() == ["Status hoch", "Status mittel", "Status niedrig", "Status sehr niedrig", "Summe"]
    assert matrix.columns.tolist() == ["Dynamik positiv", "Dynamik stabil", "Dynamik negativ", "Summe"]
    assert matrix.to_numpy().tolist() == [
        [2, 0, 0, 2],
        [1, 1, 0, 2],
        [0, 0, 0, 0],
        [0, 0, 3, 3],
        [3, 1, 3, 7],  # the area without a class is not counted
    ]
    html = si.group_matrix_html(CASE, "en")
    assert "<b>3</b> <span" in html and "(12)</span>" in html and html.count("<td") == 20
    assert si.group_matrix_alt(CASE, "districts", "en") == (
        "Number of districts per group of status and dynamics: high / positive 2, medium / positive 1, medium / stable 1, very low / negative 3."
    )
    compact = si.group_matrix_html(CASE, "de", compact=True)
    assert compact.count("<td") == 12 and "Summe" not in compact


def test_group_colours_get_darker_with_lower_status_and_differ_by_dynamics() -> None:
    assert sorted(GROUP_COLORS) == list(range(1, 13)) and len(set(GROUP_COLORS.values())) == 12

    def lightness(colour: str) -> float:
        red, green, blue, _ = hex_to_rgba(colour)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    for dynamics in (1, 2, 3):
        column = [lightness(GROUP_COLORS[(status - 1) * 3 + dynamics]) for status in (1, 2, 3, 4)]
        assert all(a > b for a, b in zip(column, column[1:])), column


def test_group_labels_on_the_map() -> None:
    labels = si.map_labels(CASE, "combined", "de")
    assert labels["A3"] == "12: sehr niedrig / negativ"
    assert labels["A7"] == "keine Klasse: fehlende Werte"
    assert si.class_counts(CASE, "combined", "en") == "high / positive 2, medium / positive 1, medium / stable 1, very low / negative 3"


def test_the_demo_view_draws_the_groups() -> None:
    store = Store(DEMO)
    config = si.read_config(open_metadata(DEMO), store.catalog())
    level = si.index_level(config, store.metadata.level_ids)
    table = si.build_table(
        config,
        values={i: store.values(i, 2022, level) for i in si.direct_indicators(config)},
        level_series={s: store.series(s, level) for s in config.dynamics_from_levels.values()},
        period=2022,
    )
    run = si.run_index(config, table.table, si.default_weights(config))
    view = si.build_view(
        config=config, index_table=table, run=run, geometries=store.geometries(level),
        labels=si.indicator_labels(config, {i: store.indicator(i).label("de") for i in store.indicator_ids()}, "de"),
        units={}, catalog={i: store.indicator(i) for i in si.required_indicators(config)},
        period=2022, level_plural="Teilgebiete", dimension="combined", lang="de",
    )
    groups = run.result["group"]
    assert int(view.matrix.iloc[-1, -1]) == int(groups.notna().sum()) == 33
    for status in (1, 2, 3, 4):
        for dynamics in (1, 2, 3):
            assert view.matrix.iloc[status - 1, dynamics - 1] == int((groups == (status - 1) * 3 + dynamics).sum())
    fills = {tuple(o["fill"][:3]) for o in area_objects(deck_json(view.deck))}
    assert fills <= {tuple(hex_to_rgba(colour)[:3]) for colour in GROUP_COLORS.values()}
    assert "Gruppe" in view.map_export.frame.columns
    assert view.matrix_export.frame.shape == (5, 5)
    assert "Status und Dynamik" in view.legend_html


def test_weights_go_into_the_url_and_come_back() -> None:
    defaults = {"alo": 1.0, "armut": 1.0, "alo_change": 1.0}
    assert si.weights_text(defaults, defaults) is None
    assert si.weights_text({**defaults, "armut": 2.0, "alo_change": 0.0}, defaults) == "armut:2,alo_change:0"
    assert si.weights_text({**defaults, "alo": 1.2000000001}, defaults) == "alo:1.2"
    assert si.weights_from_text("armut:2,alo_change:0", defaults) == ({**defaults, "armut": 2.0, "alo_change": 0.0}, False)
    weights, rejected = si.weights_from_text("armut:2,mars:1,alo:x,alo_change:99,alo_change:-1", defaults)
    assert weights == {**defaults, "armut": 2.0} and rejected  # unknown, not a number, above the slider, below 0
    assert si.weights_from_text(None, defaults) == (defaults, False)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_new_string_exists_in_both_languages(lang: str) -> None:
    from views.i18n import catalog

    for key in ("si.dimension.combined", "si.matrix.title", "si.matrix.alt", "si.scope", "si.level_note", "si.weights.link"):
        assert catalog(lang).texts[key]
