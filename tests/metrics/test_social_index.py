"""Tests for metrics.social_index: Berlin MSS 2021 reproduction, hand-computed cases, errors."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.social_index import (
    DYNAMICS_CLASSES,
    GROUPS,
    STATUS_CLASSES,
    SocialIndexConfig,
    derive_changes,
    index_sensitivity,
    status_dynamics_index,
)
from tests.conftest import SHARED_DATA, require_shared

BERLIN = SHARED_DATA / "berlin"
BERLIN_CONFIG = {
    "status_indicators": ["S1", "S3", "S4"],
    "dynamics_indicators": ["D1", "D3", "D4"],
    "population_indicator": "EW",
    "min_population": 300,
    "dynamics_span_years": 2,
    "exclude": [{"area_id": "10100205", "reason": "Ausreißer"}],
}


def _read_berlin(name: str) -> pd.DataFrame:
    """A Berlin MSS file indexed by PLR_ID (text), with the sentinel -9999 as NaN."""
    path = require_shared(BERLIN / name)
    df = pd.read_csv(path, dtype={"PLR_ID": str, "BEZ_ID": str}).set_index("PLR_ID")
    return df.replace(-9999, np.nan)


@pytest.fixture(scope="module")
def berlin() -> pd.DataFrame:
    return _read_berlin("berlin_mss2021_raw_index_indikatoren.csv")


@pytest.fixture(scope="module")
def official() -> pd.DataFrame:
    return _read_berlin("berlin_mss2021_status_index_official.csv")


@pytest.fixture(scope="module")
def berlin_result(berlin: pd.DataFrame) -> pd.DataFrame:
    cfg = SocialIndexConfig.from_dict(BERLIN_CONFIG)
    return status_dynamics_index(berlin, **cfg.index_arguments())


# --- Berlin MSS 2021 -----------------------------------------------------------------------

def test_berlin_status_classes_equal_official(berlin_result, official):
    assert len(berlin_result) == 542
    official_class = official["SI_N"].astype("Int64")
    classified = official_class.notna()
    assert classified.sum() == 536
    pd.testing.assert_series_equal(
        berlin_result.loc[classified, "status_class"], official_class[classified],
        check_names=False,
    )
    assert berlin_result.loc[~classified, "status_class"].isna().all()
    # the official text labels are the German labels of the codes
    labels = berlin_result.loc[classified, "status_class"].map(
        {1: "hoch", 2: "mittel", 3: "niedrig", 4: "sehr niedrig"}.get)
    assert (labels == official.loc[classified, "SI_V"]).all()


def test_berlin_areas_without_class_have_the_right_reason(berlin_result, berlin):
    reason = berlin_result["no_class_reason"]
    assert reason.isna().sum() == 536
    assert reason.value_counts().to_dict() == {"population": 5, "excluded": 1}
    assert reason["10100205"] == "excluded"
    small = reason.index[reason == "population"]
    assert set(berlin.loc[small, "KOM"]) == {"ungültig (EW unter 300)"}
    assert berlin.loc[small, "EW"].fillna(0).lt(300).all()  # Pankower Tor has no EW at all
    no_class = berlin_result[reason.notna()]
    assert no_class.drop(columns="no_class_reason").isna().all().all()


def test_berlin_indicator_z_classes_equal_published_sd_groups(berlin_result, berlin):
    """``*_SD_GR`` is the class of each single indicator's z-value, 1 lowest … (4 for S, 3
    for D), with the cuts of the status (-1, 1, 1.5) and dynamics (-1, 1) index. The status
    groups fix the population standard deviation (ddof=0) of step 1: with ddof=1, one area
    each of S3 and S4 (and of D4) would fall into another group."""
    valid = berlin_result["no_class_reason"].isna()
    cuts = {"S": [-1.0, 1.0, 1.5], "D": [-1.0, 1.0]}
    mismatches = {}
    for ind in ["S1", "S3", "S4", "D1", "D3", "D4"]:
        z = berlin_result.loc[valid, f"z_{ind}"].to_numpy()
        ours = 1 + (z[:, None] > np.array(cuts[ind[0]])).sum(axis=1)
        published = berlin.loc[valid, f"{ind}_SD_GR"].to_numpy()
        mismatches[ind] = list(berlin_result.index[valid][ours != published])
    # Two published D groups contradict their own values under either ddof: D1 of
    # 11501339 (z = -0.9957, group 1) and D3 of 10300734 (z = +1.0008, group 2). No single
    # mean and SD reproduces all D1 groups; they were computed from slightly other data.
    assert mismatches == {
        "S1": [], "S3": [], "S4": [], "D1": ["11501339"], "D3": ["10300734"], "D4": []}
    assert berlin_result.loc["11501339", "z_D1"] == pytest.approx(-0.9957, abs=1e-4)
    assert berlin_result.loc["10300734", "z_D3"] == pytest.approx(1.0008, abs=1e-4)
    # the sample standard deviation would move one area each of S3 and S4 to another group
    for ind, area in (("S3", "05400942"), ("S4", "12100102")):
        x = berlin.loc[valid, ind]
        z_sample = (x[area] - x.mean()) / x.std(ddof=1)
        published = berlin.loc[area, f"{ind}_SD_GR"]
        assert 1 + int((z_sample > np.array(cuts["S"])).sum()) != published


def test_berlin_dynamics_classes_are_sane(berlin_result, berlin):
    r = berlin_result[berlin_result["no_class_reason"].isna()]
    for dim in ("status", "dynamics"):
        assert r[f"{dim}_index"].mean() == pytest.approx(0, abs=1e-12)
        assert r[f"{dim}_index"].std(ddof=0) == pytest.approx(1)
        # classes are ordered like the index
        bounds = r.groupby(f"{dim}_class")[f"{dim}_index"].agg(["min", "max"])
        assert (bounds["max"].iloc[:-1].to_numpy() < bounds["min"].iloc[1:].to_numpy()).all()
    d = r["dynamics_index"]
    assert ((d < -1) == (r["dynamics_class"] == 1)).all()
    assert ((d > 1) == (r["dynamics_class"] == 3)).all()
    # If all three z-values exceed +1, the sum exceeds 3 while its SD is at most 3, so the
    # index exceeds +1: such areas must be "negativ" (and "positiv" for all below -1).
    groups = berlin.loc[r.index, ["D1_SD_GR", "D3_SD_GR", "D4_SD_GR"]]
    all_worse = (groups == 3).all(axis=1)
    all_better = (groups == 1).all(axis=1)
    assert all_worse.sum() > 0 and all_better.sum() > 0
    assert (r.loc[all_worse, "dynamics_class"] == 3).all()
    assert (r.loc[all_better, "dynamics_class"] == 1).all()
    # regression values (no official dynamics classes are published in these files)
    assert r["dynamics_class"].value_counts().sort_index().tolist() == [48, 436, 52]
    assert (r["group"] == (r["status_class"] - 1) * 3 + r["dynamics_class"]).all()


def test_berlin_resident_weighted_standardisation_would_not_reproduce(berlin, official):
    """Documents the convention: the unweighted index is the official one; weighting by
    residents (replicating every area EW times) is not."""
    valid = official["SI_N"].notna()
    t = berlin[valid]
    w = t["EW"].to_numpy()

    def wz(x: np.ndarray) -> np.ndarray:
        m = np.average(x, weights=w)
        return (x - m) / math.sqrt(np.average((x - m) ** 2, weights=w))

    s = wz(sum(wz(t[c].to_numpy()) for c in ["S1", "S3", "S4"]))
    cls = 1 + (s[:, None] > np.array([-1.0, 1.0, 1.5])).sum(axis=1)
    assert (cls != official.loc[valid, "SI_N"].to_numpy()).sum() > 20


def test_berlin_sensitivity(berlin):
    cfg = SocialIndexConfig.from_dict(BERLIN_CONFIG)
    s = index_sensitivity(berlin, **cfg.index_arguments())
    valid = s["status_class"].notna()
    assert valid.sum() == 536
    assert (s.loc[valid, "n_scenarios"] == 9).all()  # 3 indicators × (×0.5, ×1.5, left out)
    assert s.loc[valid, "class_share"].between(0, 1).all()
    assert (s.loc[valid, "rank_min"] <= s.loc[valid, "rank_max"]).all()
    assert (s.loc[valid, "class_share"] == 1).sum() == 480  # regression value


# --- small hand-computed cases -------------------------------------------------------------

def _table(**columns: list[float]) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    ids = [chr(ord("a") + i) for i in range(n)]
    return pd.DataFrame({**columns, "EW": [1000] * n}, index=ids)


def test_small_case_by_hand():
    # A = [1, 2, 3, 6]: mean 3, deviations [-2, -1, 0, 3], population SD sqrt(14/4)
    # B (higher is better) = [4, 3, 2, 3] → turned around [-4, -3, -2, -3]: mean -3,
    # deviations [-1, 0, 1, 0], SD sqrt(2/4)
    t = _table(A=[1.0, 2.0, 3.0, 6.0], B=[4.0, 3.0, 2.0, 3.0], D=[1.0, -1.0, 1.0, -1.0])
    r = status_dynamics_index(t, ["A", "B"], ["D"], "EW", higher_is_better=["B"])
    z_a = np.array([-2, -1, 0, 3]) / math.sqrt(3.5)
    z_b = np.array([-1, 0, 1, 0]) / math.sqrt(0.5)
    np.testing.assert_allclose(r["z_A"], z_a)
    np.testing.assert_allclose(r["z_B"], z_b)
    np.testing.assert_allclose(r["status_sum"], z_a + z_b)
    s = z_a + z_b  # ≈ [-2.483, -0.535, 1.414, 1.604], mean 0, SD ≈ 1.660
    np.testing.assert_allclose(r["status_index"], s / s.std())
    np.testing.assert_allclose(r["status_index"], [-1.496, -0.322, 0.852, 0.966], atol=1e-3)
    # → hoch, mittel, mittel, mittel
    assert r["status_class"].tolist() == [1, 2, 2, 2]
    assert r["status_rank"].tolist() == [4, 3, 2, 1]
    # D = ±1 with mean 0 and SD 1: the index is exactly ±1, on the cuts → both "stabil"
    assert r["dynamics_index"].tolist() == [1.0, -1.0, 1.0, -1.0]
    assert r["dynamics_class"].tolist() == [2, 2, 2, 2]
    assert r["group"].tolist() == [2, 5, 5, 5]
    assert r["no_class_reason"].tolist() == [None] * 4


def test_values_on_a_cut_fall_into_the_class_nearer_to_the_average():
    t = _table(A=[-1.0, 1.0], D=[-1.0, 1.0])  # index exactly -1 and +1
    r = status_dynamics_index(t, ["A"], ["D"], "EW", status_cuts=(-2.0, -1.0, 1.0))
    assert r["status_class"].tolist() == [3, 3]  # -1 on a negative cut: the upper class
    r = status_dynamics_index(t, ["A"], ["D"], "EW", status_cuts=(-1.0, 0.5, 1.0))
    assert r["status_class"].tolist() == [2, 3]  # +1 on a positive cut: the lower class


def test_weights_and_polarity():
    t = _table(A=[1.0, 2.0, 4.0, 8.0, 3.0], B=[2.0, 1.0, 1.0, 5.0, 9.0], D=[0.0, 1, 2, 3, 5])
    base = status_dynamics_index(t, ["A", "B"], ["D"], "EW")
    doubled = status_dynamics_index(t, ["A", "B"], ["D"], "EW", weights={"A": 2, "B": 2})
    np.testing.assert_allclose(doubled["status_index"], base["status_index"])
    only_a = status_dynamics_index(t, ["A", "B"], ["D"], "EW", weights={"B": 0})
    np.testing.assert_allclose(only_a["status_index"], only_a["z_A"])
    flipped = t.assign(A=-t["A"])
    turned = status_dynamics_index(flipped, ["A", "B"], ["D"], "EW", higher_is_better=["A"])
    pd.testing.assert_frame_equal(turned, base)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.integers(-20, 20)),
             min_size=4, max_size=12),
    st.floats(0.1, 10), st.floats(-100, 100), st.permutations(range(12)),
)
def test_index_is_invariant_to_units_and_row_order(rows, scale, shift, perm):
    t = _table(A=[float(a) for a, _, _ in rows], B=[float(b) for _, b, _ in rows],
               D=[float(d) for _, _, d in rows]).reset_index(drop=True)
    if (t[["A", "B", "D"]].nunique() < 2).any():
        return  # zero variance is rejected, tested elsewhere
    try:
        base = status_dynamics_index(t, ["A", "B"], ["D"], "EW")
    except ValueError as err:  # A and B perfectly anti-correlated: the sum is constant
        assert "zero variance in status sum" in str(err)
        return
    order = [i for i in perm if i < len(t)]
    moved = t.assign(A=t["A"] * scale + shift).iloc[order]
    again = status_dynamics_index(moved, ["A", "B"], ["D"], "EW").loc[base.index]
    for col in ("status_index", "dynamics_index", "z_A"):
        np.testing.assert_allclose(again[col], base[col], atol=1e-9)
    r = base[base["no_class_reason"].isna()]
    assert r["status_index"].mean() == pytest.approx(0, abs=1e-9)
    assert r["status_index"].std(ddof=0) == pytest.approx(1)


def test_reasons_and_validity():
    t = pd.DataFrame(
        {"A": [1.0, 2.0, np.nan, 4.0, 5.0, 9.0, 3.0],
         "D": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, np.nan],
         "EW": [500, 299, 500, np.nan, 500, 500, 500]},
        index=["p", "q", "r", "s", "t", "u", "v"],
    )
    r = status_dynamics_index(t, ["A"], ["D"], "EW", exclude=["u", "q"])
    assert r["no_class_reason"].tolist() == [
        None, "excluded", "missing", "population", None, "excluded", "missing"]
    # the standardisation runs over p and t only
    assert r.loc[["p", "t"], "z_A"].tolist() == [-1.0, 1.0]
    assert r["status_class"].isna().tolist() == [False, True, True, True, False, True, True]


def test_without_dynamics_indicators():
    t = _table(A=[1.0, 2.0, 4.0])
    r = status_dynamics_index(t, ["A"], [], "EW")
    assert r["status_class"].notna().all()
    assert r[["dynamics_sum", "dynamics_index", "dynamics_class", "group"]].isna().all().all()


def test_labels_and_groups():
    from views.social_index import class_label

    assert STATUS_CLASSES == (1, 2, 3, 4)
    assert DYNAMICS_CLASSES == (1, 2, 3)
    assert GROUPS == tuple(range(1, 13))
    assert [class_label("combined", 1, lang) for lang in ("de", "en")] == ["hoch / positiv", "high / positive"]
    assert [class_label("combined", 12, lang) for lang in ("de", "en")] == ["sehr niedrig / negativ", "very low / negative"]


# --- sensitivity ---------------------------------------------------------------------------

def test_sensitivity_hand_computed():
    # A = [0, 5, 3, 1, 6]: mean 3, deviations [-3, 2, 0, -2, 3], SD sqrt(26/5) = 2.2804
    #   zA = [-1.3156, 0.8771, 0, -0.8771, 1.3156]
    # B = [2, 1, 4, 3, 5]: mean 3, deviations [-1, -2, 1, 0, 2], SD sqrt(2)
    #   zB = [-0.7071, -1.4142, 0.7071, 0, 1.4142]
    # r = mean(zA·zB) = (3 - 4 + 0 + 0 + 6) / (5 · 2.2804 · 1.4142) = 0.3101
    # For weights (wa, wb): sum = wa·zA + wb·zB, SD(sum) = sqrt(wa² + wb² + 2·wa·wb·r),
    # index = sum / SD(sum); ranks follow the sum (1 = highest).
    #
    #  scenario      SD     index a, b, c, d, e                  classes    ranks
    #  base (1, 1)   1.619  -1.250 -0.332 0.437 -0.542 1.686     1 2 2 2 4  5 3 2 4 1
    #  A×0.5         1.249  -1.093 -0.781 0.566 -0.351 1.659     1 2 2 2 4  5 4 2 3 1
    #  A×1.5         2.045  -1.311 -0.048 0.346 -0.643 1.657     1 2 2 2 4  5 3 2 4 1
    #  B×0.5         1.249  -1.336  0.136 0.283 -0.702 1.619     1 2 2 2 4  5 3 2 4 1
    #  B×1.5         2.045  -1.162 -0.609 0.519 -0.429 1.681     1 2 2 2 4  5 4 2 3 1
    #  without A     1      -0.707 -1.414 0.707  0     1.414     2 1 2 2 3  4 5 2 3 1
    #  without B     1      -1.316  0.877 0     -0.877 1.316     1 2 2 2 3  5 2 3 4 1
    #
    # class kept: a 5/6 (not without A), b 5/6 (not without A), c 6/6, d 6/6,
    #             e 4/6 (not without A or B)
    # rank range: a 4–5, b 2–5, c 2–3, d 3–4, e 1–1
    t = _table(A=[0.0, 5.0, 3.0, 1.0, 6.0], B=[2.0, 1.0, 4.0, 3.0, 5.0],
               D=[0.0, 1.0, 0.0, 2.0, 1.0])
    s = index_sensitivity(t, ["A", "B"], ["D"], "EW")
    assert s["status_class"].tolist() == [1, 2, 2, 2, 4]
    assert s["status_rank"].tolist() == [5, 3, 2, 4, 1]
    assert s["n_scenarios"].tolist() == [6] * 5
    np.testing.assert_allclose(s["class_share"], [5 / 6, 5 / 6, 1, 1, 4 / 6])
    assert s["rank_min"].tolist() == [4, 2, 2, 3, 1]
    assert s["rank_max"].tolist() == [5, 5, 3, 4, 1]


def test_sensitivity_areas_without_class_and_scenario_count():
    t = _table(A=[0.0, 5.0, 3.0, 1.0, 6.0, 2.0], B=[2.0, 1.0, 4.0, 3.0, 5.0, 2.0],
               C=[1.0, 2.0, 2.0, 5.0, 1.0, 3.0], D=[0.0, 1.0, 0.0, 2.0, 1.0, 1.0])
    s = index_sensitivity(t, ["A", "B", "C"], ["D"], "EW", exclude=["f"], weight_variation=0.2)
    assert s.loc["a":"e", "n_scenarios"].tolist() == [9] * 5  # 3 indicators × 3 scenarios
    assert s.loc["f"].isna().all()


def test_sensitivity_rejects_bad_input():
    t = _table(A=[0.0, 5.0, 3.0], B=[2.0, 1.0, 4.0], D=[0.0, 1.0, 3.0])
    with pytest.raises(ValueError, match="index_sensitivity.*two status indicators"):
        index_sensitivity(t, ["A"], ["D"], "EW")
    with pytest.raises(ValueError, match="index_sensitivity.*weight_variation"):
        index_sensitivity(t, ["A", "B"], ["D"], "EW", weight_variation=1.0)


# --- derive_changes ------------------------------------------------------------------------

def test_derive_changes_long_and_wide():
    long = pd.DataFrame({
        "area_id": ["01", "02", "03"] * 2 * 2,
        "indicator_id": ["alo"] * 6 + ["sgb2"] * 6,
        "period": ([2018] * 3 + [2020] * 3) * 2,
        "value": [5.0, 7.5, 3.0, 6.0, 7.0, np.nan,
                  10.0, 12.0, 9.0, 9.5, 15.0, 9.0],
    })
    # 2020 minus 2018, in percentage points:
    #   alo: 01 6.0-5.0 = 1.0; 02 7.0-7.5 = -0.5; 03 missing
    #   sgb2: 01 9.5-10.0 = -0.5; 02 15.0-12.0 = 3.0; 03 9.0-9.0 = 0.0
    expected = pd.DataFrame(
        {"alo": [1.0, -0.5, np.nan], "sgb2": [-0.5, 3.0, 0.0]},
        index=pd.Index(["01", "02", "03"], name="area_id"),
    )
    pd.testing.assert_frame_equal(derive_changes(long, span=2, period=2020), expected)
    wide = long.pivot(index=["area_id", "period"], columns="indicator_id", values="value")
    wide.columns.name = None
    pd.testing.assert_frame_equal(derive_changes(wide, span=2, period=2020), expected)
    pd.testing.assert_frame_equal(derive_changes(wide.reset_index(), 2, 2020), expected)


def test_derive_changes_errors():
    long = pd.DataFrame({"area_id": ["01", "01"], "indicator_id": ["x", "x"],
                         "period": [2019, 2020], "value": [1.0, 2.0]})
    with pytest.raises(ValueError, match="derive_changes.*period 2017"):
        derive_changes(long, span=3, period=2020)
    with pytest.raises(ValueError, match="derive_changes.*span"):
        derive_changes(long, span=0, period=2020)
    with pytest.raises(ValueError, match="derive_changes.*duplicate"):
        derive_changes(pd.concat([long, long]), span=1, period=2020)
    with pytest.raises(ValueError, match="derive_changes.*columns"):
        derive_changes(long.drop(columns="period"), span=1, period=2020)


# --- errors of status_dynamics_index -------------------------------------------------------

@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"table": pd.DataFrame()}, "table is empty"),
        ({"status_indicators": ["A", "X"]}, r"unknown column.*'X'"),
        ({"population": "residents"}, r"unknown column.*'residents'"),
        ({"min_population": 10_000}, "no valid area"),
        ({"exclude": ["a", "b", "c"]}, "no valid area"),
        ({"exclude": ["zz"]}, "excluded area ids not in the table"),
        ({"weights": {"A": -1}}, "weights must be finite numbers ≥ 0"),
        ({"weights": {"X": 1}}, "weights for non-index indicators"),
        ({"status_cuts": (1.0, -1.0, 1.5)}, "status_cuts must be 3 finite, strictly increasing"),
        ({"dynamics_cuts": (-1.0, 0.0, 1.0)}, "dynamics_cuts must be 2"),
        ({"status_indicators": ["A", "Flat"]}, "zero variance in Flat"),
        ({"weights": {"A": 0}}, "zero variance in status sum"),
        ({"status_indicators": []}, "no status indicators"),
        ({"dynamics_indicators": ["A"]}, "listed twice"),
        ({"higher_is_better": ["X"]}, "higher_is_better names non-index"),
        ({"status_indicators": ["A", "Name"]}, "column 'Name' is not numeric"),
    ],
)
def test_status_dynamics_index_rejects_undefined_input(kwargs, message):
    t = _table(A=[1.0, 2.0, 4.0], D=[0.0, 1.0, 3.0]).assign(Flat=2.0, Name=["x", "y", "z"])
    args = {"table": t, "status_indicators": ["A"], "dynamics_indicators": ["D"],
            "population": "EW", **kwargs}
    with pytest.raises(ValueError, match=f"status_dynamics_index: .*{message}"):
        status_dynamics_index(**args)


def test_duplicate_area_ids_rejected():
    t = _table(A=[1.0, 2.0, 4.0], D=[0.0, 1.0, 3.0])
    t.index = ["a", "a", "b"]
    with pytest.raises(ValueError, match="not unique"):
        status_dynamics_index(t, ["A"], ["D"], "EW")


# --- configuration -------------------------------------------------------------------------

def test_config_from_dict_full_and_defaults():
    cfg = SocialIndexConfig.from_dict({
        "status_indicators": ["alo", "sgb2", "erwerbstaetig"],
        "dynamics_indicators": ["alo_change"],
        "higher_is_better": ["erwerbstaetig"],
        "weights": {"alo": 2, "sgb2": 0.5},
        "status_cuts": [-1.5, 1, 2],
        "dynamics_cuts": [-0.5, 0.5],
        "min_population": 200,
        "population_indicator": "einwohner",
        "dynamics_span_years": 3,
        "exclude": ["0101", {"area_id": "0707", "reason": "Gewerbegebiet"}],
    })
    assert cfg.status_cuts == (-1.5, 1.0, 2.0)
    assert cfg.dynamics_span_years == 3
    assert dict(cfg.exclude) == {"0101": None, "0707": "Gewerbegebiet"}
    assert cfg.index_arguments() == {
        "status_indicators": ("alo", "sgb2", "erwerbstaetig"),
        "dynamics_indicators": ("alo_change",),
        "population": "einwohner",
        "min_population": 200.0,
        "exclude": ("0101", "0707"),
        "weights": {"alo": 2.0, "sgb2": 0.5},
        "status_cuts": (-1.5, 1.0, 2.0),
        "dynamics_cuts": (-0.5, 0.5),
        "higher_is_better": ("erwerbstaetig",),
    }
    minimal = SocialIndexConfig.from_dict(
        {"status_indicators": ["a"], "dynamics_indicators": []}, population_indicator="ew")
    assert (minimal.population_indicator, minimal.min_population) == ("ew", 300)
    assert (minimal.status_cuts, minimal.dynamics_cuts) == ((-1.0, 1.0, 1.5), (-1.0, 1.0))
    assert minimal.dynamics_span_years == 2
    assert (dict(minimal.weights), dict(minimal.exclude)) == ({}, {})


def test_config_polarity_from_catalog():
    d = {"status_indicators": ["alo", "erwerbstaetig"], "dynamics_indicators": ["d_alo"],
         "population_indicator": "ew"}
    polarity = {"alo": "higher_worse", "erwerbstaetig": "higher_better",
                "d_alo": "higher_worse", "other": "neutral"}
    assert SocialIndexConfig.from_dict(d, polarity=polarity).higher_is_better == ("erwerbstaetig",)
    assert SocialIndexConfig.from_dict({**d, "higher_is_better": []},
                                       polarity=polarity).higher_is_better == ()
    with pytest.raises(ValueError, match=r"higher_is_better.*'d_alo' is 'neutral'"):
        SocialIndexConfig.from_dict(d, polarity={**polarity, "d_alo": "neutral"})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status_indicators": None}, r"status_indicators: missing"),
        ({"status_indicators": []}, r"status_indicators: expected a non-empty list"),
        ({"status_indicators": "S1"}, r"status_indicators: expected a non-empty list"),
        ({"dynamics_indicators": ["S1"]}, r"expected every indicator once"),
        ({"higher_is_better": ["X"]}, r"higher_is_better: \['X'\] are not"),
        ({"weights": {"S1": -1}}, r"weights: expected an object indicator id → number ≥ 0"),
        ({"weights": {"X": 1}}, r"weights: \['X'\] are not"),
        ({"weights": [1, 2]}, r"weights: expected an object"),
        ({"status_cuts": [1, 0, 2]}, r"status_cuts: expected a list of 3 strictly increasing"),
        ({"status_cuts": [-1, 1]}, r"status_cuts: expected a list of 3"),
        ({"dynamics_cuts": [-1, "1"]}, r"dynamics_cuts: expected a list of 2"),
        ({"min_population": -5}, r"min_population: expected a number ≥ 0"),
        ({"population_indicator": None}, r"population_indicator: expected an indicator id"),
        ({"dynamics_span_years": 2.5}, r"dynamics_span_years: expected a whole number ≥ 1"),
        ({"exclude": [10100205]}, r"exclude: expected a list of area ids \(text"),
        ({"exclude": "10100205"}, r"exclude: expected a list"),
        ({"exclude": [{"id": "1"}]}, r"exclude: expected"),
        ({"status_indicator": ["S1"]}, r"unknown key\(s\) \['status_indicator'\]"),
    ],
)
def test_config_from_dict_rejects_bad_configuration(change, message):
    d = {**BERLIN_CONFIG, **change}
    d = {k: v for k, v in d.items() if v is not None}
    with pytest.raises(ValueError, match=f"social_index.*{message}"):
        SocialIndexConfig.from_dict(d)


def test_config_dynamics_from_levels_and_level():
    d = {
        "status_indicators": ["alo", "sgb2"],
        "dynamics_indicators": ["alo_change", "sgb2_stored"],
        "dynamics_from_levels": {"alo_change": "alo"},
        "population_indicator": "ew",
        "dynamics_span_years": 3,
        "level": "teilgebiet",
    }
    polarity = {"alo": "higher_worse", "sgb2": "higher_better", "sgb2_stored": "higher_worse"}
    cfg = SocialIndexConfig.from_dict(d, polarity=polarity)
    assert dict(cfg.dynamics_from_levels) == {"alo_change": "alo"}
    assert cfg.level == "teilgebiet"
    # the derived indicator takes its level indicator's polarity; it needs none of its own
    assert cfg.higher_is_better == ("sgb2",)
    assert SocialIndexConfig.from_dict(
        d, polarity={**polarity, "alo": "higher_better"}
    ).higher_is_better == ("alo", "sgb2", "alo_change")
    # not index arguments: the page derives the columns and picks the level
    assert set(cfg.index_arguments()) == {
        "status_indicators", "dynamics_indicators", "population", "min_population", "exclude",
        "weights", "status_cuts", "dynamics_cuts", "higher_is_better",
    }
    plain = SocialIndexConfig.from_dict(BERLIN_CONFIG)
    assert (dict(plain.dynamics_from_levels), plain.level) == ({}, None)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"dynamics_from_levels": ["S1"]}, r"dynamics_from_levels: expected an object"),
        ({"dynamics_from_levels": {"D1": ""}}, r"dynamics_from_levels: expected an object"),
        ({"dynamics_from_levels": {"X": "S1"}}, r"dynamics_from_levels: \['X'\] are not dynamics"),
        ({"dynamics_from_levels": {"D1": "S1", "D3": "S1"}}, r"named twice"),
        ({"dynamics_from_levels": {"D1": "D3"}}, r"\['D3'\] are dynamics indicators themselves"),
        ({"level": ""}, r"level: expected the id of an area level"),
        ({"level": 3}, r"level: expected the id of an area level"),
    ],
)
def test_config_rejects_bad_dynamics_from_levels_and_level(change, message):
    with pytest.raises(ValueError, match=f"social_index.*{message}"):
        SocialIndexConfig.from_dict({**BERLIN_CONFIG, **change})
