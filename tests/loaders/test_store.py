"""The store aggregates from numerators and denominators, suppresses small counts and binds parameters."""
from __future__ import annotations

from pathlib import Path

import pytest

import numpy as np
import pandas as pd

from loaders.store import Store, dataset_fingerprint, suppress_complements, suppress_small_counts
from tests import dataset_factory as factory


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store(factory.write_dataset(tmp_path_factory.mktemp("ds") / "tiny"))


def by_area(frame):
    return frame.set_index("area_id")


def test_shares_aggregate_from_numerators_and_denominators(store: Store) -> None:
    boroughs = by_area(store.values("poverty", 2021, "bezirk"))
    # A = (10 + 90) / (100 + 300) = 25 %, B = (5 + 1) / (50 + 2) = 11.538… % (hand-computed)
    assert boroughs.loc["A", "value"] == pytest.approx(25.0, abs=1e-12)
    assert boroughs.loc["B", "value"] == pytest.approx(600 / 52, abs=1e-12)
    assert boroughs.loc["B", ["numerator", "denominator"]].tolist() == [6.0, 52.0]
    assert boroughs["aggregated"].all() and not boroughs["suppressed"].any()


def test_city_value_is_not_the_mean_of_percentages(store: Store) -> None:
    # 106 / 452 = 23.4513…%, whereas the mean of 10, 30, 10, 50 % would be 25 %
    assert store.city_value("poverty", 2021) == pytest.approx(10600 / 452, abs=1e-12)
    assert store.city_value("residents", 2021) == 452.0


def test_counts_sum_and_non_aggregable_kinds_stay_empty(store: Store) -> None:
    assert by_area(store.values("residents", 2020, "bezirk"))["value"].to_dict() == {"A": 400.0, "B": 52.0}
    assert store.values("index_score", 2021, "bezirk")["value"].isna().all()
    assert store.city_value("index_score", 2021) is None
    assert by_area(store.values("index_score", 2021, "teil"))["value"].to_dict() == {"A1": 2.0, "A2": 3.0, "B1": 4.0, "B2": 5.0}


def test_small_counts_are_suppressed_where_shown(store: Store) -> None:
    sub_areas = by_area(store.values("poverty", 2021, "teil"))
    assert sub_areas.loc["B2", "suppressed"]  # 1 of 2: numerator and base too small
    assert sub_areas.loc["B2", ["value", "numerator", "denominator"]].isna().all()
    # B = B1 + B2 is shown (6 of 52), so B1 is withheld too: else B2 = B − B1
    assert sub_areas.loc["B1", "suppressed"] and pd.isna(sub_areas.loc["B1", "numerator"])
    assert not sub_areas.loc[["A1", "A2"], "suppressed"].any()
    residents = by_area(store.values("residents", 2021, "teil"))
    assert residents["suppressed"].tolist() == [False, False, True, True]
    assert residents.loc[["A1", "A2"], "value"].tolist() == [100.0, 300.0]


def test_complementary_suppression_covers_the_city_total_and_picks_the_smallest() -> None:
    frame = pd.DataFrame(
        {
            "area_id": ["a", "b", "c", "d"],
            "parent_id": [None, None, None, None],  # coarsest level: the group adds up to the city
            "period": [2021] * 4,
            "value": [np.nan, 40.0, 20.0, 30.0],
            "numerator": [np.nan, 40.0, 4.0, 30.0],
            "denominator": [np.nan, 100.0, 20.0, 100.0],
            "suppressed": [True, False, False, False],
        }
    )
    result = suppress_complements(frame)
    assert result["suppressed"].tolist() == [True, False, True, False]  # c has the smallest base
    assert result.loc[2, ["value", "numerator", "denominator"]].isna().all()
    two_hidden = frame.assign(suppressed=[True, False, True, False])
    assert suppress_complements(two_hidden)["suppressed"].tolist() == [True, False, True, False]


def test_complementary_suppression_per_parent_and_period() -> None:
    frame = pd.DataFrame(
        {
            "area_id": ["a1", "a2", "a3", "b1", "b2", "a1", "a2", "a3"],
            "parent_id": ["A", "A", "A", "B", "B", "A", "A", "A"],
            "period": [2020, 2020, 2020, 2020, 2020, 2021, 2021, 2021],
            # counts without a denominator: the smallest shown value (by magnitude) goes
            "value": [np.nan, 9.0, -5.0, 8.0, 7.0, 12.0, 9.0, 9.0],
            "numerator": np.nan,
            "denominator": np.nan,
            "suppressed": [True, False, False, False, False, False, False, False],
        }
    )
    result = suppress_complements(frame)
    assert result["suppressed"].tolist() == [True, False, True, False, False, False, False, False]
    tied = frame.assign(value=[np.nan, 6.0, 6.0, 8.0, 7.0, 12.0, 9.0, 9.0])
    assert suppress_complements(tied)["suppressed"].tolist()[:3] == [True, True, False]  # a tie takes the first
    alone = frame.iloc[3:5].assign(suppressed=[True, False])
    assert suppress_complements(alone)["suppressed"].tolist() == [True, True]


def test_suppression_rules() -> None:
    frame = pd.DataFrame(
        {"value": [0.0, 2.0, 3.0, 50.0, 20.0], "numerator": [0.0, 2.0, 3.0, 5.0, 1.0], "denominator": [9.0, 100.0, 100.0, 10.0, 5.0]}
    )
    hidden = suppress_small_counts(frame, "share", min_count=3, min_denominator=10)["suppressed"].tolist()
    # 0/9: base below 10; 2/100: 0 < 2 < 3; 3/100 fine; 5/10 fine; 1/5 both
    assert hidden == [True, True, False, False, True]
    counts = pd.DataFrame({"value": [0.0, 1.0, 2.0, 3.0], "numerator": [None] * 4, "denominator": [None] * 4})
    assert suppress_small_counts(counts, "count", 3, 10)["suppressed"].tolist() == [False, True, True, False]


def test_series_and_periods(store: Store) -> None:
    series = store.series("index_score", "teil", ["A1", "B2"])
    assert series[["area_id", "period", "value"]].values.tolist() == [["A1", 2020, 1.0], ["B2", 2020, 4.0], ["A1", 2021, 2.0], ["B2", 2021, 5.0]]
    assert store.periods("poverty") == [2020, 2021]
    assert store.values("poverty", 1999, "bezirk")["value"].isna().all()


def test_periods_at_a_level_count_only_values_that_level_can_show(store: Store) -> None:
    assert store.periods("index_score") == [2020, 2021]
    assert store.periods_at("index_score", "teil") == [2020, 2021]
    assert store.periods_at("index_score", "bezirk") == []  # a finished score of the finest areas cannot be combined
    assert store.periods_at("poverty", "bezirk") == [2020, 2021]


def _periods_of_the_series(store: Store, indicator: str, level: str) -> list[int]:
    """The periods in which the suppressed series (both steps, in pandas) shows a value."""
    series = store.series(indicator, level)
    return sorted(int(period) for period in series.loc[series["value"].notna(), "period"].unique())


@pytest.mark.parametrize("dataset", ["demo", "factory"])
def test_periods_at_are_the_periods_of_the_series_with_a_value(dataset: str, tmp_path: Path) -> None:
    """Every indicator of the demo (counts, shares, rates, means, a balance) and of the factory, at every level."""
    folder = Path(__file__).resolve().parents[2] / "data" / "demo" if dataset == "demo" else factory.add_balance(factory.write_dataset(tmp_path / "ds"))
    chosen = Store(folder)
    for indicator in chosen.indicator_ids():
        for level in chosen.metadata.level_ids:
            expected = _periods_of_the_series(chosen, indicator, level)
            assert chosen.periods_at(indicator, level) == expected, (dataset, indicator, level)


def test_periods_at_leave_out_years_that_suppression_empties(tmp_path: Path) -> None:
    """Years in which every value of a level is withheld, by the small-count rule or as the complement of one (the
    factory's areas: A = A1 + A2, B = B1 + B2; min_count 3, min_denominator 10), are no periods of that level."""
    folder = factory.add_balance(factory.write_dataset(tmp_path / "ds"))
    rows = [
        # residents: 2016 B2 small, B1 its complement (B = 52 shows); 2017 only B2 (B = 2 small); 2018 A1 alone in A;
        # 2019 every sub-area small (A = 3 shows); 2020 A2 and B2 small, A1 and B1 their complements; 2021 all
        *[("residents", 2016, area, value, None, None) for area, value in (("B1", 50.0), ("B2", 2.0))],
        ("residents", 2017, "B2", 2.0, None, None),
        *[("residents", 2018, area, value, None, None) for area, value in (("A1", 100.0), ("B2", 2.0))],
        *[("residents", 2019, area, value, None, None) for area, value in (("A1", 1.0), ("A2", 2.0), ("B1", 1.0))],
        *[("residents", 2020, area, value, None, None) for area, value in (("A1", 100.0), ("A2", 2.0), ("B1", 50.0), ("B2", 2.0))],
        *[("residents", 2021, area, value, None, None) for area, value in (("A1", 100.0), ("A2", 300.0), ("B1", 50.0), ("B2", 2.0))],
        # poverty: 2019 B = 2/7 withheld (base < 10) and A, the only other borough, with it; 2020 A1 and B2 small,
        # A2 and B1 their complements; 2021 B2 small, B1 its complement
        *[("poverty", 2019, area, n / d * 100, n, d) for area, n, d in (("A1", 10.0, 100.0), ("A2", 90.0, 300.0), ("B1", 1.0, 5.0), ("B2", 1.0, 2.0))],
        *[("poverty", 2020, area, n / d * 100, n, d) for area, n, d in (("A1", 1.0, 100.0), ("A2", 90.0, 300.0), ("B1", 5.0, 50.0), ("B2", 1.0, 2.0))],
        *[("poverty", 2021, area, n / d * 100, n, d) for area, n, d in (("A1", 10.0, 100.0), ("A2", 90.0, 300.0), ("B1", 5.0, 50.0), ("B2", 1.0, 2.0))],
        # a balance as a net count: 2020 A1 small (|−2| < 3), A2 its complement, B shown; 2021 only A1 and A2
        *[("net_migration", 2020, area, value, None, None) for area, value in (("A1", -2.0), ("A2", -40.0), ("B1", 0.0), ("B2", 5.0))],
        *[("net_migration", 2021, area, value, None, None) for area, value in (("A1", -2.0), ("A2", -40.0))],
    ]
    columns = ["indicator_id", "period", "area_id", "value", "numerator", "denominator"]
    factory.write_table(folder, "values.parquet", {column: [row[i] for row in rows] for i, column in enumerate(columns)})
    store = Store(folder)
    expected = {
        ("residents", "teil"): [2018, 2021], ("residents", "bezirk"): [2016, 2019, 2020, 2021],
        ("poverty", "teil"): [2019, 2021], ("poverty", "bezirk"): [2020, 2021],
        ("net_migration", "teil"): [2020], ("net_migration", "bezirk"): [2020, 2021],
    }
    for (indicator, level), periods in expected.items():
        assert store.periods_at(indicator, level) == periods, (indicator, level)
        assert _periods_of_the_series(store, indicator, level) == periods, (indicator, level)
    assert store.periods("residents") == [2016, 2017, 2018, 2019, 2020, 2021]


def test_parameters_are_bound_not_spliced(store: Store) -> None:
    hostile = "poverty' OR '1'='1"
    with pytest.raises(KeyError):
        store.values(hostile, 2021, "bezirk")
    assert store.periods(hostile) == []
    assert store.series("poverty", "teil", ["A1' OR '1'='1"]).empty


def test_points_by_category(store: Store) -> None:
    assert store.points(["bibliothek"])["name"].tolist() == ["Stadtbibliothek"]
    assert len(store.points()) == 2


def test_addresses_with_and_without_residents(tmp_path: Path) -> None:
    folder = factory.write_dataset(tmp_path / "ds")
    store = Store(folder)
    assert not store.has_addresses() and store.addresses().empty
    factory.write_addresses(folder)
    store = Store(folder)
    addresses = store.addresses()
    assert list(addresses.columns) == ["address_id", "lon", "lat", "area_id", "residents"]
    assert addresses["address_id"].tolist() == ["a1", "a2", "a3", "a4", "b1", "b2", "x1"]
    assert addresses["area_id"].tolist() == ["A1", "A1", "A2", "A2", "B1", "B2", None]
    assert addresses["residents"].iloc[:6].tolist() == [10.0, 30.0, 20.0, 40.0, 5.0, 15.0] and pd.isna(addresses["residents"].iloc[6])
    factory.write_addresses(folder, {k: v for k, v in factory.addresses().items() if k != "residents"})
    without = Store(folder).addresses()
    assert without["residents"].isna().all() and len(without) == 7


def test_fingerprint_changes_when_a_file_is_replaced(tmp_path: Path) -> None:
    folder = factory.write_dataset(tmp_path / "ds")
    before = dataset_fingerprint(folder)
    values = factory.values()
    values["value"][0] = 1.5
    factory.write_table(folder, "values.parquet", values)
    assert dataset_fingerprint(folder) != before


def test_a_balance_rolls_up_from_numerators_and_is_withheld_by_its_absolute_count(tmp_path: Path) -> None:
    store = Store(factory.add_balance(factory.write_dataset(tmp_path / "ds")))
    boroughs = store.values("net_migration", 2021, "bezirk").set_index("area_id")
    assert boroughs.loc["A", "value"] == pytest.approx(-10 / 400 * 1000)
    assert boroughs.loc["B", "value"] == pytest.approx(-4 / 52 * 1000)
    assert store.city_value("net_migration", 2021) == pytest.approx(-14 / 452 * 1000)  # not the mean of −25 and −76.9
    sub = store.values("net_migration", 2021, "teil").set_index("area_id")
    assert bool(sub.loc["B2", "suppressed"]) and bool(sub.loc["B1", "suppressed"])  # B2 small, B1 its complement
    assert sub.loc["A2", "value"] == pytest.approx(-100.0)
    frame = pd.DataFrame({"value": [-1000.0, -10.0], "numerator": [-2.0, -20.0], "denominator": [2000.0, 2000.0]})
    assert suppress_small_counts(frame, "balance", 3, 10)["suppressed"].tolist() == [True, False]
    net = pd.DataFrame({"value": [-2.0, 5.0, 0.0], "numerator": [float("nan")] * 3, "denominator": [float("nan")] * 3})
    assert suppress_small_counts(net, "balance", 3, 10)["suppressed"].tolist() == [True, False, False]


def _both_queries(areas: Path, values: Path, finest: str, indicator: str, kind: str, scale: float, periods=(-(2**31), 2**31 - 1)):
    from loaders import store as store_module
    from loaders.db import cursor

    parameters = {"areas": str(areas), "values": str(values), "level": finest, "indicators": [indicator], "kinds": [kind],
                  "scales": [scale], "period_from": periods[0], "period_to": periods[1]}
    general = cursor().execute(store_module._VALUES_SQL, {**parameters, "finest": finest}).df()
    shortcut = cursor().execute(store_module._FINEST_VALUES_SQL, parameters).df()
    return general, shortcut


@pytest.mark.parametrize("dataset", ["demo", "factory"])
def test_the_finest_level_shortcut_gives_the_general_querys_rows(dataset: str, store: Store) -> None:
    """Every indicator of the demo (counts, shares, rates, means, a balance) and of the factory, all periods and one."""
    chosen = Store(Path(__file__).resolve().parents[2] / "data" / "demo") if dataset == "demo" else store
    finest = chosen.metadata.finest_level
    for indicator in chosen.indicator_ids():
        entry = chosen.indicator(indicator)
        periods = chosen.periods(indicator)
        for span in [(-(2**31), 2**31 - 1), (periods[-1], periods[-1])]:
            general, shortcut = _both_queries(Path(chosen._path("areas.parquet")), Path(chosen._path("values.parquet")), finest,
                                              indicator, entry.kind, float(entry.scale), span)
            assert len(general) > 0
            pd.testing.assert_frame_equal(shortcut, general, check_dtype=False, obj=f"{dataset} {indicator} {span}")


def test_the_finest_level_shortcut_on_stored_numerators_without_a_value(tmp_path: Path) -> None:
    """Rows the contract's check would refuse still give the same answer: a quotient where numerator and denominator
    are stored (× scale), none for a zero denominator or a missing part, an area without a row kept empty."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    areas = tmp_path / "areas.parquet"
    pq.write_table(pa.table({"area_id": ["C", "A", "B", "D", "E"], "name": ["City", "Ah", "Be", "De", "Ee"],
                             "level": ["city", "part", "part", "part", "part"], "parent_id": [None, "C", "C", "C", "C"]}), areas)
    values = tmp_path / "values.parquet"
    pq.write_table(pa.table({
        "indicator_id": ["x"] * 6,
        "area_id": ["A", "B", "D", "A", "B", "D"],
        "period": [2020, 2020, 2020, 2021, 2021, 2021],
        "value": [None, 12.5, None, None, None, 3.0],
        "numerator": [3.0, None, 4.0, 1.0, 2.0, None],
        "denominator": [12.0, None, 0.0, None, 8.0, 6.0],
    }), values)
    for kind, scale in [("share", 100.0), ("rate", 1000.0), ("count", 1.0), ("balance", 1.0)]:
        general, shortcut = _both_queries(areas, values, "part", "x", kind, scale)
        pd.testing.assert_frame_equal(shortcut, general, check_dtype=False, obj=kind)
    rows = shortcut.set_index(["area_id", "period"])
    assert rows.loc[("A", 2020), "value"] == pytest.approx(3 / 12 * 1.0) and rows.loc[("A", 2020), "aggregated"]  # the balance's scale 1
    assert np.isnan(rows.loc[("D", 2020), "value"]) and np.isnan(rows.loc[("E", 2021), "value"])
    assert rows.loc[("B", 2021), "value"] == pytest.approx(2 / 8)
