"""Numbers are formatted per language, and every UI string exists in both languages."""
from __future__ import annotations

import math

import pytest

from views.i18n import LANGUAGES, TEXTS, format_delta, format_number, format_value, plotly_separators, register, t


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (12.345, "de", 1, "12,3"),
        (12.345, "en", 1, "12.3"),
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


def test_plotly_separators() -> None:
    assert plotly_separators("de") == ",."
    assert plotly_separators("en") == ".,"


def test_every_text_has_both_languages_and_fills_its_placeholders() -> None:
    for key, texts in TEXTS.items():
        assert set(texts) == set(LANGUAGES), key
        de_fields = {part.split("}")[0] for part in texts["de"].split("{")[1:]}
        en_fields = {part.split("}")[0] for part in texts["en"].split("{")[1:]}
        assert de_fields == en_fields, key
    assert t("overview.since", "en", period=2020) == "since 2020"


def test_register_rejects_conflicts_and_missing_languages() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register({"app.title": {"de": "Anders", "en": "Other"}})
    with pytest.raises(ValueError, match="exactly the languages"):
        register({"test.only_german": {"de": "Nur Deutsch"}})
