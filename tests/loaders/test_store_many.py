"""Several indicators in one query: the same rows, values and withheld values as one query per indicator."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from loaders.store import VALUE_COLUMNS, Store
from tests import dataset_factory as factory

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
NO_PERIOD = 1900  # a period without any value: every indicator's rows come from the fallback


@pytest.fixture(scope="module", params=["demo", "factory"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The demo (counts, shares, rates, means, a balance, small counts withheld) and the factory's
    tiny dataset with a balance (values stored at a coarser level, an indicator that cannot be rolled up)."""
    if request.param == "demo":
        return Store(DEMO)
    return Store(factory.add_balance(factory.write_dataset(tmp_path_factory.mktemp("many") / "tiny")))


def one_by_one(answers: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The single-indicator answers, each with its indicator_id in front, concatenated in the order given."""
    frame = pd.concat([answer.assign(indicator_id=indicator_id) for indicator_id, answer in answers.items()], ignore_index=True)
    return frame[["indicator_id", *(column for column in frame.columns if column != "indicator_id")]]


def asked(store: Store) -> list[str]:
    """Every indicator, in an order that is neither the catalog's nor alphabetical."""
    ids = store.indicator_ids()
    return ids[1::2] + ids[::2]


def every_period(store: Store) -> list[int]:
    return sorted({period for indicator_id in store.indicator_ids() for period in store.periods(indicator_id)} | {NO_PERIOD})


def test_values_of_many_indicators_equal_one_query_each(store: Store) -> None:
    """Every level and period. A single indicator's rows of a period are read once per level, as its
    series (equal to `values` in that period, checked in the last period of each indicator);
    where that series has no row in the period, from `values` itself (every area without a value)."""
    ids = asked(store)
    checked = withheld = 0
    for level in store.metadata.level_ids:
        series = {indicator_id: store.series(indicator_id, level) for indicator_id in ids}
        for indicator_id in ids:
            last = store.periods(indicator_id)[-1]
            rows = series[indicator_id]
            pd.testing.assert_frame_equal(
                rows[rows["period"] == last].reset_index(drop=True), store.values(indicator_id, last, level), obj=f"{indicator_id} {level}"
            )
        for period in every_period(store):
            single = {i: series[i][series[i]["period"] == period].reset_index(drop=True) for i in ids}
            single = {i: rows if len(rows) else store.values(i, period, level) for i, rows in single.items()}
            many = store.values_many(ids, period, level)
            pd.testing.assert_frame_equal(many, one_by_one(single), obj=f"{level} {period}")
            assert list(many.columns) == ["indicator_id", *VALUE_COLUMNS]
            checked += 1
            withheld += int(many["suppressed"].sum())
    assert checked == len(store.metadata.level_ids) * len(every_period(store))
    assert withheld > 0  # the comparison covers withheld values


def test_series_and_city_series_of_many_indicators_equal_one_query_each(store: Store) -> None:
    ids = asked(store)
    withheld = 0
    for level in store.metadata.level_ids:
        many = store.series_many(ids, level)
        pd.testing.assert_frame_equal(many, one_by_one({i: store.series(i, level) for i in ids}), obj=level)
        withheld += int(many["suppressed"].sum())
    assert withheld > 0
    city = store.city_series_many(ids)
    pd.testing.assert_frame_equal(city, one_by_one({i: store.city_series(i) for i in ids}))
    assert set(city["indicator_id"]) == set(ids)


def test_a_subset_repeated_and_in_any_order(store: Store) -> None:
    """Each indicator once, in the order first given; a subset gives that subset's rows of the whole."""
    ids = store.indicator_ids()
    chosen = [ids[-1], ids[0], ids[-1]]
    period = store.periods(ids[0])[-1]
    level = store.metadata.finest_level
    many = store.values_many(chosen, period, level)
    assert list(dict.fromkeys(many["indicator_id"])) == [ids[-1], ids[0]]
    whole = store.values_many(ids, period, level)
    expected = pd.concat([whole[whole["indicator_id"] == i] for i in (ids[-1], ids[0])], ignore_index=True)
    pd.testing.assert_frame_equal(many, expected)
