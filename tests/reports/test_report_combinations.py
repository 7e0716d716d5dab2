"""Every demo indicator at every level as an indicator report, and an area report per level.

Counts, shares, rates, means and balances each take other paths through a report (a count has
no city line and a density map, a balance a diverging palette and no Gini), so each
indicator is rendered at each level. Every indicator runs in one language, alternating, and the
first indicator of each kind in both, to keep the suite's time in bounds.
"""
from __future__ import annotations

import pytest

from loaders.store import Store
from reports.area import area_report
from reports.indicator import indicator_report
from reports.source import StoreSource
from tests.conftest import REPO_ROOT

DEMO = REPO_ROOT / "data" / "demo"
STORE = Store(DEMO)
LEVELS = STORE.metadata.level_ids


def combinations() -> list[tuple[str, str, str]]:
    seen_kinds: set[str] = set()
    found = []
    for number, indicator in enumerate(STORE.indicator_ids()):
        kind = STORE.indicator(indicator).kind
        languages = ("de", "en") if kind not in seen_kinds else (("de", "en")[number % 2],)
        seen_kinds.add(kind)
        found += [(indicator, level, lang) for level in LEVELS for lang in languages]
    return found


@pytest.fixture(scope="module")
def source() -> StoreSource:
    return StoreSource(STORE)


def test_every_kind_runs_in_both_languages() -> None:
    chosen = combinations()
    kinds = {STORE.indicator(i).kind for i in STORE.indicator_ids()}
    assert {"count", "share", "rate", "mean", "balance"} <= kinds
    for kind in kinds:
        assert {lang for i, _, lang in chosen if STORE.indicator(i).kind == kind} == {"de", "en"}
    assert {(i, level) for i, level, _ in chosen} == {(i, level) for i in STORE.indicator_ids() for level in LEVELS}


@pytest.mark.parametrize(("indicator", "level", "lang"), combinations())
def test_every_indicator_report_renders(source: StoreSource, indicator: str, level: str, lang: str) -> None:
    pdf = indicator_report(source, indicator=indicator, period=2022, level=level, lang=lang, base_url="https://monitor.example")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("level", LEVELS)
def test_an_area_report_renders_at_every_level(source: StoreSource, level: str, lang: str) -> None:
    area = str(STORE.areas(level)["area_id"].iloc[0])  # the old town: an island among the districts
    pdf = area_report(source, area_id=area, period=2022, level=level, lang=lang, base_url="https://monitor.example")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
