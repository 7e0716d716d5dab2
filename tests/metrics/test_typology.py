"""Area types: Ward clustering, silhouette, profiles, adjusted Rand index and bootstrap stability on hand-checked sets.

Ward on the line 0, 1, 10, 11, 30 (distance between groups A, B: √(2·nA·nB/(nA+nB)) × |mean A − mean B|):
{0,1} and {10,11} merge at 1; the two pairs at √2 × 10 = 14.1421 ({10,11}+{30} would cost
√(4/3) × 19.5 = 22.517); then 30 joins at √(8/5) × 24.5 = 30.9903.
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster

from metrics import typology
from metrics.typology import (
    Tree,
    adjusted_rand_index,
    cut,
    nearest_mean,
    silhouette,
    stability,
    standardise,
    suggest_k,
    type_profiles,
    types,
    ward,
    ward_tree,
)

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
    k, table = suggest_k(LINE, ward_tree(LINE), k_max=3)
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
    result = stability(points, cut(ward(points), 3), resamples=50, seed=7)
    assert result.resamples == 50
    assert result.jaccard == pytest.approx([1.0, 1.0, 1.0])
    assert result.rand_index == pytest.approx(1.0)


def test_types_cut_from_a_structureless_set_are_unstable_and_the_result_is_reproducible() -> None:
    rng = np.random.default_rng(3)
    points = rng.uniform(size=(40, 2))
    labels = cut(ward(points), 4)
    first = stability(points, labels, resamples=60, seed=11)
    again = stability(points, labels, resamples=60, seed=11)
    assert np.array_equal(first.jaccard, again.jaccard) and first.rand_index == again.rand_index
    assert first.jaccard.mean() < 0.85
    assert first.rand_index < 0.8
    with pytest.raises(ValueError, match="k < areas"):
        stability(points[:3], np.array([1, 2, 3]))


def test_many_areas_use_a_seeded_sample_for_silhouettes_and_stability(monkeypatch) -> None:
    # three well-separated groups of 50 areas; with a sample of 60 areas the three types are
    # still found by the silhouettes and reappear in every resample
    monkeypatch.setattr(typology, "MAX_SAMPLED_AREAS", 60)
    monkeypatch.setattr(typology, "MAX_BOOTSTRAP_AREAS", 60)
    rng = np.random.default_rng(7)
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    z = typology.standardise(np.vstack([centre + rng.normal(scale=0.3, size=(50, 2)) for centre in centres]))
    rows = typology.sampled_areas(150)
    assert rows.size == 60 and np.all(np.diff(rows) > 0) and np.array_equal(rows, typology.sampled_areas(150))
    assert np.array_equal(typology.sampled_areas(40), np.arange(40))  # few areas: all of them
    suggested, table = typology.suggest_k(z, typology.ward_tree(z), 6)
    assert suggested == 3 and table["silhouette"].max() > 0.9
    result = typology.stability(z, typology.cut(typology.ward(z), 3), resamples=20, seed=1)
    assert result.resamples == 20 and np.allclose(result.jaccard, 1.0) and result.rand_index == 1.0


def _numbered_by_size_as_before(raw: np.ndarray) -> np.ndarray:
    """The numbering `cut` used before it was vectorised (a dict per group), as the reference."""
    groups = np.unique(raw)
    first = {group: int(np.flatnonzero(raw == group)[0]) for group in groups}
    ordered = sorted(groups, key=lambda group: (-int((raw == group).sum()), first[group]))
    number = {group: position + 1 for position, group in enumerate(ordered)}
    return np.array([number[group] for group in raw], dtype=np.int64)


def test_up_to_the_limit_the_types_are_the_full_ward_tree_cut_as_before() -> None:
    rng = np.random.default_rng(5)
    z = standardise(rng.normal(size=(300, 4)))
    tree = ward_tree(z)
    assert np.array_equal(tree.rows, np.arange(300)) and tree.n == 300
    assert np.array_equal(tree.linkage, ward(z))
    for k in range(2, 8):
        raw = fcluster(ward(z), t=k, criterion="maxclust")
        assert np.array_equal(types(z, tree, k), _numbered_by_size_as_before(raw))
    # many equal sizes: ties go to the group holding the earlier row
    raw = np.array([7, 3, 3, 7, 5, 5, 9])
    assert np.array_equal(_numbered_by_size_as_before(raw), [1, 2, 2, 1, 3, 3, 4])
    assert np.array_equal(typology._numbered_by_size(raw), [1, 2, 2, 1, 3, 3, 4])


def test_beyond_the_limit_ward_on_a_sample_finds_the_full_partition_of_separated_groups(monkeypatch) -> None:
    # groups of 60, 40 and 20 areas far apart: Ward on 30 sampled areas and the nearest mean for
    # the other 90 give the same three types, with the same numbers, as Ward on all 120
    rng = np.random.default_rng(11)
    centres = np.array([[0.0, 0.0, 0.0], [12.0, 0.0, 3.0], [0.0, 12.0, -3.0]])
    points = np.vstack([centre + rng.normal(scale=0.5, size=(size, 3)) for centre, size in zip(centres, (60, 40, 20))])
    z = standardise(points[rng.permutation(120)])
    full = cut(ward(z), 3)
    monkeypatch.setattr(typology, "MAX_WARD_AREAS", 30)
    tree = ward_tree(z)
    assert tree.rows.size == 30 and tree.n == 120 and tree.linkage.shape == (29, 4)
    assert np.array_equal(tree.rows, ward_tree(z).rows)  # seeded
    sampled = types(z, tree, 3)
    assert adjusted_rand_index(sampled, full) == 1.0
    assert np.array_equal(sampled, full) and np.bincount(sampled)[1:].tolist() == [60, 40, 20]
    suggested, _ = suggest_k(z, tree, 5)
    assert suggested == 3


def test_the_other_areas_join_the_nearest_type_mean() -> None:
    means = np.array([[0.0, 0.0], [4.0, 0.0]])
    # (1, 0): 1 vs 9 → 1; (3, 0): 9 vs 1 → 2; (2, 0) and (2, 5): equally far → the lower number; (5, 1): 26 vs 2 → 2
    assert nearest_mean([[1.0, 0.0], [3.0, 0.0], [2.0, 0.0], [2.0, 5.0], [5.0, 1.0]], means).tolist() == [1, 2, 1, 1, 2]
    # the line 0, 1, 10, 11 (sampled, Ward: {0, 1} and {10, 11}, means 0.5 and 10.5), then 8 and 9:
    # 8 is 7.5 from 0.5 and 2.5 from 10.5, 9 is 8.5 and 1.5 → both join {10, 11}, which then has
    # 4 areas and becomes type 1; the profiles are the means over all areas: 9.5 and 0.5
    z = np.array([[0.0], [1.0], [10.0], [11.0], [8.0], [9.0]])
    tree = Tree(linkage=ward(z[:4]), rows=np.arange(4), n=6)
    labels = types(z, tree, 2)
    assert labels.tolist() == [2, 2, 1, 1, 1, 1]
    assert type_profiles(z, labels)[:, 0].tolist() == [9.5, 0.5]
    with pytest.raises(ValueError, match="tree is of 6 areas"):
        types(z[:5], tree, 2)


def _stability_as_before(z: np.ndarray, k: int, resamples: int, seed: int) -> tuple[np.ndarray, float, int]:
    """The bootstrap as it was written before (a dict per resample, a Jaccard per pair of types), the reference."""
    original = cut(ward(z), k)
    rng = np.random.default_rng(seed)
    totals, counts, rand_indices = np.zeros(k), np.zeros(k), []
    for _ in range(resamples):
        drawn = rng.integers(0, len(z), size=len(z))
        distinct = np.unique(drawn)
        if distinct.size <= k:
            continue
        label_of = dict(zip(drawn, cut(ward(z[drawn]), k)))
        relabelled = np.array([label_of[area] for area in distinct])
        before = original[distinct]
        for number in range(1, k + 1):
            members = before == number
            if members.any():
                totals[number - 1] += max(
                    (members & (relabelled == other)).sum() / (members | (relabelled == other)).sum() for other in np.unique(relabelled)
                )
                counts[number - 1] += 1
        rand_indices.append(adjusted_rand_index(before, relabelled))
    return np.where(counts > 0, totals / np.maximum(counts, 1), np.nan), float(np.mean(rand_indices)), len(rand_indices)


@pytest.mark.parametrize(("n", "k", "seed"), [(40, 4, 11), (25, 3, 2), (60, 6, 5), (12, 5, 1)])
def test_the_bootstrap_gives_exactly_what_it_gave_before(n: int, k: int, seed: int) -> None:
    points = np.random.default_rng(seed).uniform(size=(n, 3))  # no structure: Jaccards of every kind
    result = stability(points, cut(ward(points), k), resamples=40, seed=seed)
    jaccard, rand_index, used = _stability_as_before(points, k, 40, seed)
    assert np.array_equal(result.jaccard, jaccard) and result.rand_index == rand_index and result.resamples == used


def test_beyond_the_bootstrap_limit_the_resamples_come_from_a_seeded_sample(monkeypatch) -> None:
    # with a limit of 40 of 100 areas the bootstrap is that of the 40 sampled areas, compared with their shown types
    points = np.random.default_rng(4).uniform(size=(100, 2))
    labels = cut(ward(points), 3)
    monkeypatch.setattr(typology, "MAX_BOOTSTRAP_AREAS", 40)
    rows = typology.sampled_areas(100, 9, limit=40)
    result = stability(points, labels, resamples=30, seed=9)
    reference = stability(points[rows], labels[rows], resamples=30, seed=9)
    assert rows.size == 40
    assert np.array_equal(result.jaccard, reference.jaccard, equal_nan=True) and result.rand_index == reference.rand_index
