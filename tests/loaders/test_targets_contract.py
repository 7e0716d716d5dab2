"""Targets in dataset.json (docs/targets.md): parsed into the metadata, every mistake named with its key."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.contract import Target, validate_dataset
from loaders.store import Store
from tests import dataset_factory as factory


def write_targets(folder: Path, targets: object) -> None:
    metadata = factory.metadata()
    metadata["targets"] = targets
    (folder / "dataset.json").write_text(json.dumps(metadata, ensure_ascii=False), encoding="utf-8")


def good(**changes: object) -> dict:
    target = {
        "id": "poverty_2030",
        "indicator": "poverty",
        "direction": "decrease",
        "value": 15,
        "year": 2030,
        "base_year": 2020,
        "label_de": "Armut senken",
        "label_en": "Reduce poverty",
    }
    target.update(changes)
    return {key: value for key, value in target.items() if value is not None}


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return factory.write_dataset(tmp_path / "ds")


def texts(folder: Path, lang: str = "en") -> list[str]:
    return [problem.text(lang) for problem in validate_dataset(folder)]


def test_targets_are_read_through_the_store(dataset: Path) -> None:
    write_targets(
        dataset,
        [good(), good(id="teil_a", level="teil", areas=["A1", "A2"], direction="increase", value=5, note_de="Beispiel", is_example=True)],
    )
    assert texts(dataset) == []
    city, areas = Store(dataset).targets()
    assert city == Target("poverty_2030", "poverty", "decrease", 15.0, 2030, 2020, None, (), "Armut senken", "Reduce poverty")
    assert city.is_citywide and not areas.is_citywide
    assert (areas.level, areas.areas, areas.note("de"), areas.note("en"), areas.is_example) == ("teil", ("A1", "A2"), "Beispiel", "", True)


def test_no_targets_is_valid_and_empty(dataset: Path) -> None:
    assert Store(dataset).targets() == ()


def test_structural_mistakes_name_the_key(dataset: Path) -> None:
    write_targets(
        dataset,
        [
            good(direction="down"),
            good(id="Bad Id", value="15"),
            good(id="y", year=30, base_year=None, label_en=" "),
            good(id="z", base_year=2031),
            good(id="w", level="planet", colour="red"),
            good(id="v", areas=["A1"]),
            "not an object",
        ],
    )
    found = texts(dataset)
    expected = [
        'dataset.json, column „targets[0].direction“ — expected "increase" (the value should rise) or "decrease" (the value should fall)',
        "dataset.json, column „targets[1].id“ — expected an id of lower-case letters, digits and _",
        "dataset.json, column „targets[1].value“ — expected a number in the indicator's unit",
        "dataset.json, column „targets[2].year“ — expected the target year as an integer (e.g. 2030)",
        "dataset.json, column „targets[2].label_en“ — expected a label (text)",
        "dataset.json, column „targets[3].base_year“ — the base year 2031 must lie before the target year 2030",
        "dataset.json, column „targets[4].colour“ — unknown key; allowed are id, indicator, direction, value, year, base_year, level, areas, label_de, label_en, note_de, note_en, is_example",
        "dataset.json, column „targets[4].level“ — expected one of the levels ['bezirk', 'teil'], or leave the key out (a city-wide target)",
        "dataset.json, column „targets[5].level“ — with 'areas', also name the level of these areas",
        "dataset.json, column „targets[6]“ — expected an object",
    ]
    assert found == expected


def test_duplicate_ids_and_a_list_expected(dataset: Path) -> None:
    write_targets(dataset, [good(), good()])
    assert texts(dataset, "de") == [
        "dataset.json, Spalte „targets[1].id“ — die id „poverty_2030“ kommt mehrfach vor: jede Ziel-id nur einmal"
    ]
    write_targets(dataset, {"id": "x"})
    assert texts(dataset) == ["dataset.json, column „targets“ — expected a list of targets"]


def test_references_to_the_data_are_checked(dataset: Path) -> None:
    write_targets(
        dataset,
        [
            good(indicator="nothing"),
            good(id="b", value=120),
            good(id="c", indicator="residents", value=-1, direction="increase"),
            good(id="d", level="teil", areas=["A1", "A", "ZZ"]),
        ],
    )
    assert texts(dataset) == [
        "dataset.json, column „targets[0].indicator“ — unknown indicator 'nothing': expected an indicator_id from indicators.parquet",
        "dataset.json, column „targets[1].value“ — 120 lies outside 0 to 100: a share cannot be negative or above 100 %",
        "dataset.json, column „targets[2].value“ — a count is never negative: expected a value ≥ 0",
        "dataset.json, column „targets[3].areas“: A, ZZ — expected areas of the level 'teil' from areas.parquet",
    ]


def test_area_type_indicators_are_read_and_checked(dataset: Path) -> None:
    metadata = factory.metadata()
    metadata["area_types"] = {"indicators": ["poverty", "residents"]}
    (dataset / "dataset.json").write_text(json.dumps(metadata), encoding="utf-8")
    assert Store(dataset).metadata.area_type_indicators == ("poverty", "residents")
    metadata["area_types"] = {"indicators": ["poverty", "nothing"]}
    (dataset / "dataset.json").write_text(json.dumps(metadata), encoding="utf-8")
    assert texts(dataset) == [
        "dataset.json, column „area_types.indicators[1]“ — unknown indicator 'nothing': expected an indicator_id from indicators.parquet"
    ]
    metadata["area_types"] = ["poverty"]
    (dataset / "dataset.json").write_text(json.dumps(metadata), encoding="utf-8")
    assert texts(dataset) == ['dataset.json, column „area_types“ — expected {"indicators": [indicator ids, …]}']
