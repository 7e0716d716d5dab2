"""Validate at import, check a digest at open (loaders.validated): a record vouches only for the exact files it names."""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from loaders import contract, validated
from loaders.contract import POIS_FILE, VALUES_FILE, DatasetError, arrow_schema, open_metadata
from loaders.importer import run_import
from loaders.spec import load_spec
from loaders.store import Store
from loaders.validated import RECORD_FILE, is_recorded_valid, open_validated, validate_and_record
from tests import dataset_factory as factory
from tests.loaders.test_importer_helpers import write_city


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    folder = factory.write_dataset(tmp_path / "dataset")
    assert validate_and_record(folder) == []
    return folder


def full_check_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(folder):
        raise AssertionError("the full check ran")

    monkeypatch.setattr(contract, "validate_dataset", refuse)


def break_values(folder: Path) -> None:
    """The same values with a negative count: the full check refuses it."""
    columns = factory.values()
    columns["value"] = [-5.0 if (indicator, area) == ("residents", "A1") else value
                        for indicator, area, value in zip(columns["indicator_id"], columns["area_id"], columns["value"])]
    pq.write_table(pa.table(columns, schema=arrow_schema(VALUES_FILE)), folder / VALUES_FILE)


def test_a_recorded_dataset_opens_without_the_full_check(recorded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = open_metadata(recorded)
    record = json.loads((recorded / RECORD_FILE).read_text(encoding="utf-8"))
    assert sorted(record["files"]) == sorted(["dataset.json", "areas.parquet", "indicators.parquet", "values.parquet", "pois.parquet"])
    full_check_forbidden(monkeypatch)
    assert is_recorded_valid(recorded)
    assert open_validated(recorded) == expected
    store = Store(recorded)
    assert store.city_value("poverty", 2021) == pytest.approx(106 / 452 * 100)  # the factory's hand-computed city value


def test_a_changed_file_means_the_full_check_again(recorded: Path) -> None:
    break_values(recorded)
    assert not is_recorded_valid(recorded)
    with pytest.raises(DatasetError, match="values.parquet"):
        open_validated(recorded)
    with pytest.raises(DatasetError):
        Store(recorded)


def test_an_added_file_a_new_validator_or_a_broken_record_are_not_trusted(recorded: Path) -> None:
    (recorded / POIS_FILE).unlink()
    assert not is_recorded_valid(recorded), "the record names a file that is gone"
    assert validate_and_record(recorded) == []
    factory.write_table(recorded, POIS_FILE, factory.pois())
    assert not is_recorded_valid(recorded), "a file the record does not name"
    assert validate_and_record(recorded) == []
    record = json.loads((recorded / RECORD_FILE).read_text(encoding="utf-8"))
    (recorded / RECORD_FILE).write_text(json.dumps({**record, "validator": "0" * 64}), encoding="utf-8")
    assert not is_recorded_valid(recorded), "made by other checks"
    (recorded / RECORD_FILE).write_text("{not json", encoding="utf-8")
    assert not is_recorded_valid(recorded)
    assert open_validated(recorded).name == "Testdatensatz"  # the full check, which passes


def test_an_invalid_dataset_gets_no_record(tmp_path: Path) -> None:
    folder = factory.write_dataset(tmp_path / "dataset")
    break_values(folder)
    assert validate_and_record(folder)
    assert not (folder / RECORD_FILE).exists()


def test_metadata_is_still_checked_on_a_recorded_dataset(recorded: Path) -> None:
    """dataset.json is part of the record; a dataset.json edited afterwards is checked in full."""
    meta = factory.metadata()
    meta["default"]["indicator"] = "gibt_es_nicht"
    (recorded / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")
    assert not is_recorded_valid(recorded)
    with pytest.raises(DatasetError, match="gibt_es_nicht"):
        open_validated(recorded)


def test_an_import_records_its_validation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = run_import(load_spec(write_city(tmp_path / "source")), tmp_path / "dataset")
    assert report.ok, report.text("en")
    assert (tmp_path / "dataset" / RECORD_FILE).is_file()
    full_check_forbidden(monkeypatch)
    assert Store(tmp_path / "dataset").metadata.city


def settle(folder: Path, seconds_ago: int = 3600) -> None:
    """Give the dataset's files a modification time well before now, as a dataset written an hour ago has."""
    past = time.time() - seconds_ago
    for path in folder.iterdir():
        os.utime(path, (past, past))


def hashing_forbidden(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    hashed: list[str] = []

    def count(handle, algorithm):
        hashed.append(Path(handle.name).name)
        return real_file_digest(handle, algorithm)

    real_file_digest = hashlib.file_digest
    monkeypatch.setattr(validated.hashlib, "file_digest", count)
    return hashed


def test_a_settled_dataset_opens_without_reading_its_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sizes and times as recorded, written well before the record: nothing is hashed, nothing checked in full."""
    folder = factory.write_dataset(tmp_path / "dataset")
    settle(folder)
    assert validate_and_record(folder) == []
    full_check_forbidden(monkeypatch)
    hashed = hashing_forbidden(monkeypatch)
    assert is_recorded_valid(folder)
    assert hashed == []
    assert open_validated(folder).name == "Testdatensatz"


def test_a_file_with_another_time_is_hashed_and_passes_when_its_bytes_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy gives files new times: each such file is read once and its digest compared."""
    folder = factory.write_dataset(tmp_path / "dataset")
    settle(folder)
    assert validate_and_record(folder) == []
    touched = time.time() - 60
    os.utime(folder / VALUES_FILE, (touched, touched))
    hashed = hashing_forbidden(monkeypatch)
    assert is_recorded_valid(folder)
    assert hashed == [VALUES_FILE]


def test_a_changed_file_with_its_old_time_restored_is_caught_by_its_size(tmp_path: Path) -> None:
    folder = factory.write_dataset(tmp_path / "dataset")
    settle(folder)
    assert validate_and_record(folder) == []
    values = folder / VALUES_FILE
    old = values.stat()
    values.write_bytes(values.read_bytes() + b"appended")
    os.utime(values, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert not is_recorded_valid(folder)


def test_a_file_written_just_before_its_record_is_hashed(recorded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within RACY_SECONDS of the record a same-size change could keep its time: such files are always hashed."""
    # the files were written moments before their record; the window is widened so that this holds
    # however long the writing and the check took on a busy machine (CI once took more than 2 s)
    monkeypatch.setattr(validated, "RACY_SECONDS", 3600)
    hashed = hashing_forbidden(monkeypatch)
    assert is_recorded_valid(recorded)
    assert sorted(hashed) == sorted(json.loads((recorded / RECORD_FILE).read_text(encoding="utf-8"))["files"])


def test_a_version_1_record_without_times_is_still_read_by_hashing(tmp_path: Path) -> None:
    folder = factory.write_dataset(tmp_path / "dataset")
    settle(folder)
    assert validate_and_record(folder) == []
    record = json.loads((folder / RECORD_FILE).read_text(encoding="utf-8"))
    version_1 = {"record_version": 1, "validator": record["validator"], "files": record["files"]}
    (folder / RECORD_FILE).write_text(json.dumps(version_1), encoding="utf-8")
    assert is_recorded_valid(folder)
    break_values(folder)
    assert not is_recorded_valid(folder)
