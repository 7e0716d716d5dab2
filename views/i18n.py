"""Every UI string per language, read from the catalogs `locales/<code>.toml`, and numbers per language.

One TOML file per language, named by its language code (`de.toml`, `en.toml`): its `[meta]`
section holds the language's own name, its number formats, its text direction and the dataset
language to show when a dataset has no strings in it (`data_fallback`); every other section
holds the strings whose keys start with the section's name (`t("map.legend", lang)` is
`"legend"` in `[map]`). Catalogs are read once, when this module is imported: the repository's
`locales/` and, if set, the folder named by SOZIALMONITOR_LOCALES (a city adds a language by
adding a file there; docs/languages.md). German is the default language and complete; a key
another catalog lacks is shown in its `data_fallback` language (else German), logged once.

Numbers follow the language's meta: 12.345,6 and 12,3 % in German, 12,345.6 and 12.3% in
English; `plotly_separators` gives plotly the same convention.
"""
from __future__ import annotations

import datetime
import logging
import math
import os
import re
import string
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping, TypeVar

import pandas as pd

LOCALES = Path(__file__).resolve().parents[1] / "locales"
LOCALES_VARIABLE = "SOZIALMONITOR_LOCALES"
DEFAULT_LANGUAGE = "de"
DATA_LANGUAGES = ("de", "en")  # the languages a dataset carries its strings in (label_de/label_en, …)
DIRECTIONS = ("ltr", "rtl")
MISSING = "–"

_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")  # a BCP 47 language tag: it becomes <html lang>
_log = logging.getLogger(__name__)
_Text = TypeVar("_Text", str, str | None)


class CatalogError(ValueError):
    """A catalog file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class LanguageMeta:
    """A catalog's `[meta]` section: how the language writes numbers and dates, and which way it runs."""

    name: str  # the language's own name: "Deutsch", "English"
    direction: str  # "ltr" or "rtl"
    decimal_mark: str  # one character
    thousands_separator: str  # one character
    percent: str  # a share, "{number} %" or "{number}%"
    minus: str  # the sign of negative numbers
    percentage_points: str  # the unit of a difference between two shares
    date: str  # strftime format of a day
    month: str  # strftime format of a month
    data_fallback: str  # one of DATA_LANGUAGES


@dataclass(frozen=True)
class Catalog:
    """One language: its code, the file it came from, its meta and every key's text."""

    code: str
    file: Path
    meta: LanguageMeta
    texts: Mapping[str, str]


def _placeholders(text: str, file: Path, key: str) -> set[str]:
    try:
        return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError as error:
        raise CatalogError(f"{file}: key {key!r}: {error} (write a literal brace as {{{{ or }}}})") from None


def _read_meta(raw: object, file: Path) -> LanguageMeta:
    if not isinstance(raw, dict):
        raise CatalogError(f"{file}: the section [meta] is missing (see locales/en.toml)")
    names = [field.name for field in fields(LanguageMeta)]
    for name in names:
        if not isinstance(raw.get(name), str) or not raw[name]:
            raise CatalogError(f"{file}: [meta] {name}: expected a text (see locales/en.toml)")
    unknown = sorted(set(raw) - set(names))
    if unknown:
        raise CatalogError(f"{file}: [meta] has unknown fields {unknown}; known are {names}")
    meta = LanguageMeta(**{name: raw[name] for name in names})
    if meta.direction not in DIRECTIONS:
        raise CatalogError(f"{file}: [meta] direction: expected one of {DIRECTIONS}, found {meta.direction!r}")
    if meta.data_fallback not in DATA_LANGUAGES:
        raise CatalogError(f"{file}: [meta] data_fallback: expected one of {DATA_LANGUAGES}, found {meta.data_fallback!r}")
    if len(meta.decimal_mark) != 1 or len(meta.thousands_separator) != 1 or meta.decimal_mark == meta.thousands_separator:
        raise CatalogError(f"{file}: [meta] decimal_mark and thousands_separator: expected two different single characters")
    if meta.percent.count("{number}") != 1:
        raise CatalogError(f"{file}: [meta] percent: expected {{number}} once, e.g. \"{{number}} %\"")
    return meta


def _read_catalog(file: Path) -> Catalog:
    """One catalog file, checked: valid TOML, a complete [meta], every key a text with well-formed placeholders."""
    code = file.stem
    if not _CODE.fullmatch(code):
        raise CatalogError(f"{file}: the file name must be a language code such as de.toml, tr.toml or pt-BR.toml")
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CatalogError(f"{file}: not a valid UTF-8 TOML file: {error}") from None
    meta = _read_meta(raw.pop("meta", None), file)
    texts: dict[str, str] = {}
    for section, entries in raw.items():
        if not isinstance(entries, dict):
            raise CatalogError(f"{file}: {section!r} must be a section [{section}] of texts")
        for rest, text in entries.items():
            key = f"{section}.{rest}"
            if not isinstance(text, str):
                raise CatalogError(f"{file}: key {key!r}: expected a text; write the key in quotes so its dots do not nest: \"{rest}\" = \"…\"")
            _placeholders(text, file, key)
            texts[key] = text
    return Catalog(code=code, file=file, meta=meta, texts=texts)


def locale_folders() -> list[Path]:
    """The repository's locales/, then the folder named by SOZIALMONITOR_LOCALES if it is set."""
    folders = [LOCALES]
    extra = os.environ.get(LOCALES_VARIABLE, "").strip()
    if extra:
        folder = Path(extra)
        if not folder.is_dir():
            raise CatalogError(f"{LOCALES_VARIABLE}={extra}: no such folder (it should hold catalogs such as tr.toml)")
        folders.append(folder)
    return folders


def load_catalogs(folders: list[Path]) -> dict[str, Catalog]:
    """Every `*.toml` of the folders, default language first, then by code; a key a catalog lacks is
    filled from its data_fallback language (else the default) and logged once."""
    read: dict[str, Catalog] = {}
    for folder in folders:
        for file in sorted(folder.glob("*.toml")):
            catalog = _read_catalog(file)
            if catalog.code in read:
                raise CatalogError(f"{file}: the language {catalog.code!r} is already read from {read[catalog.code].file}")
            read[catalog.code] = catalog
    if DEFAULT_LANGUAGE not in read:
        raise CatalogError(f"{LOCALES}: the default catalog {DEFAULT_LANGUAGE}.toml is missing")
    default = read[DEFAULT_LANGUAGE]
    catalogs = {}
    for code in [DEFAULT_LANGUAGE, *sorted(set(read) - {DEFAULT_LANGUAGE})]:
        catalog = read[code]
        for key, text in catalog.texts.items():
            if key in default.texts and not _placeholders(text, catalog.file, key) <= _placeholders(default.texts[key], default.file, key):
                raise CatalogError(f"{catalog.file}: key {key!r}: uses placeholders that {default.file.name} does not have: "
                                   f"{sorted(_placeholders(text, catalog.file, key) - _placeholders(default.texts[key], default.file, key))}")
        fallback = read.get(catalog.meta.data_fallback, default)
        missing = [key for key in default.texts if key not in catalog.texts]
        if missing:
            _log.warning("%s lacks %d keys, shown in %r instead: %s", catalog.file, len(missing), fallback.code, ", ".join(missing[:10]))
        texts = {key: catalog.texts.get(key) or fallback.texts.get(key) or default.texts[key] for key in default.texts}
        catalogs[code] = Catalog(code=code, file=catalog.file, meta=catalog.meta, texts=MappingProxyType(texts))
    return catalogs


_catalogs: dict[str, Catalog] = {}


def reload_catalogs() -> None:
    """Read the catalogs again (after SOZIALMONITOR_LOCALES changed); at import they are read once."""
    global _catalogs
    _catalogs = load_catalogs(locale_folders())


reload_catalogs()


def languages() -> tuple[str, ...]:
    """The codes of every loaded language: the default first, then sorted."""
    return tuple(_catalogs)


def catalog(lang: str) -> Catalog:
    """The catalog of `lang`; an unknown language gets the default one."""
    return _catalogs.get(lang) or _catalogs[DEFAULT_LANGUAGE]


def language_meta(lang: str) -> LanguageMeta:
    """The `[meta]` section of `lang`'s catalog."""
    return catalog(lang).meta


def language_name(code: str) -> str:
    """The language's own name ("Deutsch", "English"); a code without a catalog as it is."""
    return _catalogs[code].meta.name if code in _catalogs else code


def data_language(lang: str) -> str:
    """The dataset language ("de" or "en") whose strings are shown in `lang`."""
    return lang if lang in DATA_LANGUAGES else language_meta(lang).data_fallback


def data_text(lang: str, de: _Text, en: _Text) -> _Text:
    """Of a dataset's German and English string, the one shown in `lang` (see `data_language`)."""
    return de if data_language(lang) == "de" else en


def has_text(key: str) -> bool:
    """Whether `key` is in the catalogs."""
    return key in _catalogs[DEFAULT_LANGUAGE].texts


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, with `{placeholders}` filled from `values`."""
    text = catalog(lang).texts[key]
    return text.format(**values) if values else text


def category_label(category: str, lang: str) -> str:
    """The label of a point-of-interest category; unknown categories are shown by their id."""
    key = f"poi.{category}"
    return t(key, lang) if has_text(key) else category.replace("_", " ").capitalize()


def _is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | None, lang: str, decimals: int = 0) -> str:
    """A number with the language's decimal mark, thousands separator and minus sign; '–' when missing."""
    if _is_missing(value):
        return MISSING
    meta = language_meta(lang)
    text = f"{abs(float(value)):,.{decimals}f}"
    negative = float(value) < 0 and float(text.replace(",", "")) != 0  # -0.04 shown with one decimal is 0,0
    text = text.replace(",", "\0").replace(".", meta.decimal_mark).replace("\0", meta.thousands_separator)
    return meta.minus + text if negative else text


def format_value(value: float | None, unit: str, lang: str, decimals: int = 1) -> str:
    """A value with its unit: '12,3 %' in German, '12.3%' in English; '–' when missing."""
    if _is_missing(value):
        return MISSING
    number = format_number(value, lang, decimals)
    if unit == "%":
        return language_meta(lang).percent.replace("{number}", number)
    return f"{number}\u00a0{unit}" if unit else number


def format_delta(value: float | None, unit: str, lang: str, decimals: int = 1) -> str:
    """A signed difference: '+1,2 Prozentpunkte' for shares in %, '+1,2 EW' otherwise."""
    if _is_missing(value):
        return MISSING
    sign = "+" if round(float(value), decimals) > 0 else ""
    if unit == "%":
        return f"{sign}{format_number(value, lang, decimals)}\u00a0{language_meta(lang).percentage_points}"
    return sign + format_value(value, unit, lang, decimals)


def format_values(values: pd.Series | Iterable[float | None], unit: str, lang: str, decimals: int = 1, *, signed: bool = False) -> pd.Series:
    """format_value for a whole column at once (one pass, no pandas scalar access): the same
    string for every element, '–' where missing; indexed like `values` if it is a Series.
    `signed` puts '+' before values that round to more than zero, as format_delta does."""
    numbers = values.astype(float) if isinstance(values, pd.Series) else pd.Series(list(values), dtype=float)
    meta = language_meta(lang)
    marks = str.maketrans({",": meta.thousands_separator, ".": meta.decimal_mark})
    prefix, suffix = meta.percent.split("{number}") if unit == "%" else ("", f"\u00a0{unit}" if unit else "")
    spec = f",.{decimals}f"
    texts = []
    for value in numbers.to_numpy().tolist():
        if value != value:  # NaN
            texts.append(MISSING)
            continue
        text = format(abs(value), spec)
        negative = value < 0 and bool(text.strip("0.,"))  # -0.04 shown with one decimal is 0,0
        sign = "+" if signed and round(value, decimals) > 0 else ""
        texts.append(sign + prefix + (meta.minus if negative else "") + text.translate(marks) + suffix)
    return pd.Series(texts, index=numbers.index)


def format_deltas(values: pd.Series | Iterable[float | None], unit: str, lang: str, decimals: int = 1) -> pd.Series:
    """format_delta for a whole column at once (see format_values)."""
    return format_values(values, language_meta(lang).percentage_points if unit == "%" else unit, lang, decimals, signed=True)


def percent_axis(lang: str) -> dict[str, str]:
    """plotly axis settings for ticks in %, written as the language writes a share ("20\u00a0%" in German)."""
    prefix, suffix = language_meta(lang).percent.split("{number}")
    return {"tickprefix": prefix, "ticksuffix": suffix}


def format_date(day: datetime.date, lang: str, *, month: bool = False) -> str:
    """A day (or, with `month`, its month) as the language writes it: 02.12.2026 or 2026-12-02."""
    meta = language_meta(lang)
    return day.strftime(meta.month if month else meta.date)


def plotly_separators(lang: str) -> str:
    """plotly's `layout.separators`: decimal mark, then thousands separator."""
    meta = language_meta(lang)
    return meta.decimal_mark + meta.thousands_separator
