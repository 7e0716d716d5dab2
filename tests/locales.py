"""Test-only catalogs made from locales/de.toml (a pseudo-locale, a right-to-left one), and a
fixture that loads a folder of catalogs through SOZIALMONITOR_LOCALES."""
from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from views.i18n import LOCALES_VARIABLE, reload_catalogs

PSEUDO_START, PSEUDO_END = "⟦", "⟧"
PSEUDO_CODE = "qps"  # "qps-ploc" is Windows' pseudo-locale; the private-use range qaa–qtz is free for tests
RTL_CODE = "ar"
RTL_PREFIX = "ع "  # an Arabic letter: the browser lays the text out right to left


def german_catalog() -> dict[str, dict[str, str]]:
    return tomllib.loads((REPO_ROOT / "locales" / "de.toml").read_text(encoding="utf-8"))


def pseudo_text(text: str) -> str:
    """`text` between ⟦ and ⟧, lengthened by a third with breakable padding; {placeholders} intact."""
    padding = " ".join("·" * 5 for _ in range(math.ceil(len(text) / 3 / 6)))
    return f"{PSEUDO_START}{text} {padding}{PSEUDO_END}"


def write_catalog(folder: Path, code: str, transform: Callable[[str], str], **meta: str) -> Path:
    """A catalog `code`.toml in `folder`: every German string through `transform`, German meta with `meta` replaced."""
    raw = german_catalog()
    lines = ["[meta]"] + [f"{field} = {json.dumps(value, ensure_ascii=False)}" for field, value in {**raw.pop("meta"), **meta}.items()]
    for section, entries in raw.items():
        lines.append(f"[{section}]")
        lines.extend(f"{json.dumps(key)} = {json.dumps(transform(text), ensure_ascii=False)}" for key, text in entries.items())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_pseudo_catalog(folder: Path) -> Path:
    return write_catalog(folder, PSEUDO_CODE, pseudo_text, name="Pseudo ⟦Deutsch⟧", percentage_points=pseudo_text("Prozentpunkte"))


def write_rtl_catalog(folder: Path) -> Path:
    """German strings with an Arabic letter before each, laid out right to left."""
    return write_catalog(folder, RTL_CODE, lambda text: RTL_PREFIX + text, name="عربي (Test)", direction="rtl")


@pytest.fixture
def load_locales(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """Call with a folder: its catalogs are loaded beside the repository's until the test ends."""

    def load(folder: Path) -> None:
        monkeypatch.setenv(LOCALES_VARIABLE, str(folder))
        reload_catalogs()

    yield load
    monkeypatch.delenv(LOCALES_VARIABLE, raising=False)
    reload_catalogs()
