"""The catalogs (locales/*.toml) are complete and load on their own; numbers follow each catalog's meta."""
from __future__ import annotations

import logging
import math
import re
import string
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import REPO_ROOT
from tests.locales import load_locales, write_catalog  # noqa: F401  (load_locales is a fixture)
from views.i18n import (
    CatalogError,
    catalog,
    data_language,
    format_date,
    format_delta,
    format_deltas,
    format_number,
    format_value,
    format_values,
    has_text,
    language_name,
    languages,
    percent_axis,
    plotly_separators,
    t,
)

SHIPPED = ("de", "en")


def raw_texts(code: str) -> dict[str, str]:
    """The strings of a shipped catalog as written in its file (no fallback filled in)."""
    raw = tomllib.loads((REPO_ROOT / "locales" / f"{code}.toml").read_text(encoding="utf-8"))
    raw.pop("meta")
    return {f"{section}.{key}": text for section, entries in raw.items() for key, text in entries.items()}


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_shipped_catalogs_are_complete_and_fill_the_same_placeholders() -> None:
    german, english = raw_texts("de"), raw_texts("en")
    assert len(german) > 1000
    assert set(german) == set(english), sorted(set(german) ^ set(english))
    for key, text in german.items():
        assert text.strip() and english[key].strip(), key
        assert placeholders(text) == placeholders(english[key]), key
    assert languages()[:2] == SHIPPED


def test_every_key_the_code_asks_for_is_in_the_catalogs() -> None:
    literal = re.compile(r"\b(?:t|markdown_text)\(\s*\"([a-z_0-9]+(?:\.[A-Za-z0-9_]+)+)\"(?!\s*\+)")  # not "poi." + category
    asked = {
        (path.relative_to(REPO_ROOT), key)
        for folder in ("app.py", "views", "ui", "pages", "reports", "feedback")
        for path in ([REPO_ROOT / folder] if folder.endswith(".py") else (REPO_ROOT / folder).rglob("*.py"))
        for key in literal.findall(path.read_text(encoding="utf-8"))
    }
    assert len(asked) > 500
    assert [pair for pair in asked if not has_text(pair[1])] == []


def test_catalogs_load_without_any_page_or_view_module() -> None:
    code = (
        "import sys, views.i18n as i18n; "
        "own = sorted(m for m in sys.modules if m.split('.')[0] in {'views', 'ui', 'pages', 'loaders', 'metrics', 'reports', 'feedback', 'streamlit'}); "
        "print(own); print(i18n.t('trends.title', 'en'), i18n.t('si.matrix.title', 'de'), len(i18n.catalog('en').texts))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True, timeout=60)
    modules, texts = result.stdout.splitlines()
    assert modules == "['views', 'views.i18n']"
    assert texts == f"{raw_texts('en')['trends.title']} {raw_texts('de')['si.matrix.title']} {len(raw_texts('en'))}"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (12.345, "de", 1, "12,3"),
        (12.345, "en", 1, "12.3"),
        (12345.6, "de", 1, "12.345,6"),
        (12345.6, "en", 1, "12,345.6"),
        (1234567.891, "de", 2, "1.234.567,89"),
        (1234567.891, "en", 2, "1,234,567.89"),
        (-0.04, "de", 1, "0,0"),
        (-1500, "de", 0, "−1.500"),
        (None, "de", 1, "–"),
        (math.nan, "en", 1, "–"),
    ],
)
def test_format_number(value, lang, decimals, expected) -> None:
    assert format_number(value, lang, decimals) == expected


def test_format_value_and_delta() -> None:
    assert format_value(12.345, "%", "de") == "12,3\u00a0%"
    assert format_value(12.345, "%", "en") == "12.3%"
    assert format_value(222077, "EW", "de", 0) == "222.077\u00a0EW"
    assert format_delta(1.25, "%", "de") == "+1,2\u00a0Prozentpunkte"
    assert format_delta(-2.0, "%", "en") == "−2.0\u00a0percentage points"
    assert format_delta(0.0, "", "de", 0) == "0"
    assert percent_axis("de") == {"tickprefix": "", "ticksuffix": "\u00a0%"} and percent_axis("en") == {"tickprefix": "", "ticksuffix": "%"}


def test_plotly_separators_dates_and_names() -> None:
    assert plotly_separators("de") == ",."
    assert plotly_separators("en") == ".,"
    day = __import__("datetime").date(2026, 3, 4)
    assert (format_date(day, "de"), format_date(day, "de", month=True)) == ("04.03.2026", "03/2026")
    assert (format_date(day, "en"), format_date(day, "en", month=True)) == ("2026-03-04", "2026-03")
    assert [language_name(code) for code in SHIPPED] == ["Deutsch", "English"]
    assert t("overview.since", "en", period=2020) == "since 2020"
    assert t("overview.since", "xx", period=2020) == "seit 2020"  # an unknown language: German


def test_a_city_catalog_brings_its_own_formats(tmp_path: Path, load_locales) -> None:
    write_catalog(
        tmp_path, "fr", lambda text: text,
        name="Français", decimal_mark=",", thousands_separator="\u202f", percent="{number}\u202f%", minus="-",
        percentage_points="points de pourcentage", data_fallback="en",
    )
    load_locales(tmp_path)
    assert languages() == ("de", "en", "fr") and language_name("fr") == "Français"
    assert format_value(12345.6, "%", "fr") == "12\u202f345,6\u202f%"
    assert format_value(-1234.5, "EW", "fr", 0) == "-1\u202f234\u00a0EW"  # -1234.5 rounds half to even
    assert format_delta(1.25, "%", "fr") == "+1,2\u00a0points de pourcentage"
    assert plotly_separators("fr") == ",\u202f"
    assert data_language("fr") == "en" and data_language("de") == "de"


def test_a_missing_key_falls_back_and_is_logged_once(tmp_path: Path, load_locales, caplog: pytest.LogCaptureFixture) -> None:
    path = write_catalog(tmp_path, "nl", lambda text: "NL " + text, name="Nederlands", data_fallback="en")
    path.write_text(path.read_text(encoding="utf-8").replace('"title" = "NL Sozialmonitor"\n', ""), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="views.i18n"):
        load_locales(tmp_path)
    assert t("app.title", "nl") == raw_texts("en")["app.title"]  # the data_fallback language's string
    assert t("nav.overview", "nl") == "NL " + raw_texts("de")["nav.overview"]
    assert [record.getMessage() for record in caplog.records] == [f"{path} lacks 1 keys, shown in 'en' instead: app.title"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda text: text.replace('"title" = "Sozialmonitor"', 'title.short = "x"'), r"key 'app\.title': expected a text; write the key in quotes"),
        (lambda text: text.replace('decimal_mark = ","', 'decimal_mark = ""'), r"\[meta\] decimal_mark"),
        (lambda text: text.replace('direction = "ltr"', 'direction = "up"'), r"\[meta\] direction"),
        (lambda text: text.replace('"since" = "seit {period}"', '"since" = "seit {jahr}"'), r"key 'overview\.since'.*\['jahr'\]"),
        (lambda text: text.replace('"since" = "seit {period}"', '"since" = "seit {period"'), r"key 'overview\.since'"),
        (lambda text: text + "\n[broken\n", "not a valid UTF-8 TOML file"),
    ],
)
def test_a_broken_catalog_names_its_file_and_key(tmp_path: Path, load_locales, change, message: str) -> None:
    source = (REPO_ROOT / "locales" / "de.toml").read_text(encoding="utf-8")
    (tmp_path / "tr.toml").write_text(change(source), encoding="utf-8")
    with pytest.raises(CatalogError, match=message) as raised:
        load_locales(tmp_path)
    assert str(tmp_path / "tr.toml") in str(raised.value)
    assert catalog("tr").code == "de"  # the failed load left the catalogs as they were


# a hand-written set: missing (None, NaN), negatives, −0.0 and values that round to zero from
# below, halves, thousands, very large and very small numbers
EDGE_VALUES = [
    None, math.nan, 0.0, -0.0, -0.04, 0.04, -0.05, 0.05, 0.25, -0.25, 1.0, -1.0, 12.345, -12.345, 999.95, -999.95,
    1234.5, -1234.5, 1234567.891, -1234567.891, 1e15, -3.5e12, 2.675, 1e-9, -1e-9, 7, -1500,
]


@pytest.mark.parametrize("lang", SHIPPED)
@pytest.mark.parametrize("unit", ["%", "EW", "je 1.000 EW", ""])
@pytest.mark.parametrize("decimals", [0, 1, 2, 3])
def test_format_values_equals_format_value_per_element(lang, unit, decimals) -> None:
    column = pd.Series(EDGE_VALUES, index=[f"a{i}" for i in range(len(EDGE_VALUES))], dtype=object)
    formatted = format_values(column, unit, lang, decimals)
    assert list(formatted.index) == list(column.index)
    assert formatted.tolist() == [format_value(v, unit, lang, decimals) for v in EDGE_VALUES]
    assert format_values(EDGE_VALUES, unit, lang, decimals).tolist() == formatted.tolist()  # a plain list, too
    assert format_deltas(column, unit, lang, decimals).tolist() == [format_delta(v, unit, lang, decimals) for v in EDGE_VALUES]


def test_format_values_by_hand() -> None:
    column = pd.Series([1234.56, -0.04, None, -1500.0, 0.05])
    assert format_values(column, "%", "de", 1).tolist() == ["1.234,6\u00a0%", "0,0\u00a0%", "–", "−1.500,0\u00a0%", "0,1\u00a0%"]
    assert format_values(column, "%", "en", 1).tolist() == ["1,234.6%", "0.0%", "–", "−1,500.0%", "0.1%"]
    assert format_deltas(column, "%", "de", 1).tolist() == [
        "+1.234,6\u00a0Prozentpunkte", "0,0\u00a0Prozentpunkte", "–", "−1.500,0\u00a0Prozentpunkte", "+0,1\u00a0Prozentpunkte",
    ]
    assert format_values(pd.Series([], dtype=float), "EW", "de", 0).tolist() == []
