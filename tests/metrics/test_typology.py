"""Area types: Ward clustering, silhouette, profiles, adjusted Rand index and bootstrap stability on hand-checked sets.

Ward on the line 0, 1, 10, 11, 30 (distance between groups A, B: √(2·nA·nB/(nA+nB)) × |mean A − mean B|):
{0,1} and {10,11} merge at 1; the two pairs at √2 × 10 = 14.1421 ({10,11}+{30} would cost
√(4/3) × 19.5 = 22.517); then 30 joins at √(8/5) × 24.5 = 30.9903.
"""
from __future__ import annotations

import numpy as np
import pytest

import metrics.typology as typology
from metrics.typology import adjusted_rand_index, cut, silhouette, stability, standardise, suggest_k, type_profiles, ward

LINE = np.array([[0.0], [1.0], [10.0], [11.0], [30.0]])


def test_ward_merges_and_cuts_a_hand_checked_line() -> None:
    tree = ward(LINE)
    assert tree[:, 2] == pytest.approx([1.0, 1.0, 14.1421, 30.9903], abs=1e-4)
    assert list(cut(tree, 2)) == [1, 1, 1, 1, 2]
    assert list(cut(tree, 3)) == [1, 1, 2, 2, 3]  # types by size; ties: the earlier area first


def test_silhouette_by_hand() -> None:
    # 0: (10.5 − 1) / 10.5; 1: (9.5 − 1) / 9.5; symmetric for 10 and 11
    assert silhouette(LINE[:4], [1, 1, 2, 2]) == pytest.approx((9.5 / 10.5 + 8.5 / 9.5) / 2)
    assert silhouette(LINE[:4], [1, 1, 2, 2]) == pytest.approx(0.8997494, abs=1e-7)


def test_the_suggested_number_of_types_has_the_highest_silhouette() -> None:
    k, table = suggest_k(LINE, ward(LINE), k_max=3)
    # k = 2: (0.75556 + 0.77011 + 0.66667 + 0.61404 + 0) / 5; k = 3: (2 × 0.904762 + 2 × 0.894737 + 0) / 5 (30 alone: 0)
    assert list(table["k"]) == [2, 3]
    assert table["silhouette"].tolist() == pytest.approx([0.561276, 0.719800], abs=1e-5)
    assert k == 3


def test_standardise_and_profiles() -> None:
    z = standardise([[1.0, 10.0], [2.0, 10.0], [3.0, 40.0]])
    assert z[:, 0] == pytest.approx([-1.2247449, 0.0, 1.2247449])  # sd √(2/3)
    assert z[:, 1] == pytest.approx([-0.7071068, -0.7071068, 1.4142136])
    assert type_profiles(z, [1, 1, 2]) == pytest.approx(np.array([[-0.6123724, -0.7071068], [1.2247449, 1.4142136]]))
    with pytest.raises(ValueError, match="constant"):
        standardise([[1.0, 5.0], [2.0, 5.0]])
    with pytest.raises(ValueError, match="missing"):
        standardise([[1.0, np.nan], [2.0, 5.0]])


def test_adjusted_rand_index_by_hand() -> None:
    # pairs together: 1 of 6; rows 2, columns 1; expected 2 × 1 / 6; max (2 + 1) / 2 → (1 − 1/3) / (1.5 − 1/3) = 4/7
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(4 / 7)
    # Σ C(n_ij, 2) = 2; rows 6, columns 3, C(6, 2) = 15 → (2 − 1.2) / (4.5 − 1.2)
    assert adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(0.8 / 3.3)
    assert adjusted_rand_index([1, 1, 2, 2], [5, 5, 7, 7]) == 1.0


def test_well_separated_types_are_stable_under_resampling() -> None:
    rng = np.random.default_rng(1)
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    points = np.vstack([centre + rng.normal(scale=0.2, size=(8, 2)) for centre in centres])
    result = stability(points, 3, resamples=50, seed=7)
    assert result.resamples == 50
    assert result.jaccard == pytest.approx([1.0, 1.0, 1.0])
    assert result.rand_index == pytest.approx(1.0)


def test_types_cut_from_a_structureless_set_are_unstable_and_the_result_is_reproducible() -> None:
    rng = np.random.default_rng(3)
    points = rng.uniform(size=(40, 2))
    first = stability(points, 4, resamples=60, seed=11)
    again = stability(points, 4, resamples=60, seed=11)
    assert np.array_equal(first.jaccard, again.jaccard) and first.rand_index == again.rand_index
    assert first.jaccard.mean() < 0.85
    assert first.rand_index < 0.8
    with pytest.raises(ValueError, match="k < areas"):
        stability(points[:3], 3)


def test_many_areas_use_a_seeded_sample_for_silhouettes_and_stability(monkeypatch) -> None:
    # three well-separated groups of 50 areas; with a sample of 60 areas the three types are
    # still found by the silhouettes and reappear in every resample
    monkeypatch.setattr(typology, "MAX_SAMPLED_AREAS", 60)
    rng = np.random.default_rng(7)
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    z = typology.standardise(np.vstack([centre + rng.normal(scale=0.3, size=(50, 2)) for centre in centres]))
    rows = typology.sampled_areas(150)
    assert rows.size == 60 and np.all(np.diff(rows) > 0) and np.array_equal(rows, typology.sampled_areas(150))
    assert np.array_equal(typology.sampled_areas(40), np.arange(40))  # few areas: all of them
    suggested, table = typology.suggest_k(z, typology.ward(z), 6)
    assert suggested == 3 and table["silhouette"].max() > 0.9
    result = typology.stability(z, 3, resamples=20, seed=1)
    assert result.resamples == 20 and np.allclose(result.jaccard, 1.0) and result.rand_index == 1.0
