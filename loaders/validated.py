"""Validate at import, check a digest at open: the record of a dataset folder that passed the contract check.

The contract check reads every row (seconds for 10,000 areas, a minute for 100,000). Whoever
has just validated a folder — the importer, `python -m loaders.validated DIR` — writes
`validated.json` beside its files: the SHA-256 of every file of the contract and of the
validator's own source (`loaders/contract.py`), and each file's size and modification time.
Opening the dataset compares, as git's index does, each file's size and modification time with
the record's; a file whose size or time differs, or whose time lies less than `RACY_SECONDS`
before the record was written (it could have changed again within the clock's resolution), is
read once without parsing and its digest compared. So a dataset opens in milliseconds where it
was written, and after a copy that gives its files new times by reading them once (reading and
hashing 800 MB took 4.8 s). Only `dataset.json` is checked again in full. A changed or added
file, a changed validator or a missing or unreadable record means the full check, exactly as
without a record.

The record vouches for nothing the digests and times do not cover: whoever can write the folder
can write anything into it, record or not, and a file rewritten with the same size whose old
time is then set back is not noticed (as in git).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import time
from pathlib import Path

from loaders import contract
from loaders.contract import (
    ADDRESSES_FILE,
    AREAS_FILE,
    INDICATORS_FILE,
    METADATA_FILE,
    POIS_FILE,
    VALUES_FILE,
    DatasetError,
    DatasetMetadata,
    Problem,
    open_metadata,
    read_metadata,
    validate_dataset,
)

RECORD_FILE = "validated.json"
RECORD_VERSION = 2
READABLE_RECORD_VERSIONS = (1, 2)  # version 1 has no sizes and times: every file is hashed
RACY_SECONDS = 2  # a file changed this close before its record is hashed, whatever its time says
CONTRACT_FILES = (METADATA_FILE, AREAS_FILE, INDICATORS_FILE, VALUES_FILE, POIS_FILE, ADDRESSES_FILE)


@functools.cache
def validator_digest() -> str:
    """SHA-256 of the validator's source: a record made by another version of the checks is not trusted."""
    return hashlib.sha256(Path(contract.__file__).read_bytes()).hexdigest()


def file_digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every file of the contract present in `folder`."""
    digests = {}
    for name in CONTRACT_FILES:
        path = folder / name
        if path.is_file():
            with path.open("rb") as handle:
                digests[name] = hashlib.file_digest(handle, "sha256").hexdigest()
    return digests


def file_stats(folder: Path) -> dict[str, list[int]]:
    """Size in bytes and modification time in nanoseconds of every file of the contract present in `folder`."""
    stats = {}
    for name in CONTRACT_FILES:
        try:
            stat = (folder / name).stat()
        except OSError:
            continue
        stats[name] = [stat.st_size, stat.st_mtime_ns]
    return stats


def record_validation(folder: Path | str) -> None:
    """Write the record of a folder that has just passed `validate_dataset` (atomically: a reader sees the old record or the new)."""
    folder = Path(folder)
    record = {
        "record_version": RECORD_VERSION,
        "validator": validator_digest(),
        "files": file_digests(folder),
        "stats": file_stats(folder),
        "recorded_ns": time.time_ns(),
    }
    staging = folder / f".{RECORD_FILE}.{os.getpid()}"
    staging.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    os.replace(staging, folder / RECORD_FILE)


def is_recorded_valid(folder: Path | str) -> bool:
    """Whether the folder's record names this validator and exactly the files now present, each unchanged since.

    A file counts as unchanged when its size and modification time are the recorded ones and that
    time lies at least `RACY_SECONDS` before the record; any other file must have its recorded digest.
    """
    folder = Path(folder)
    try:
        record = json.loads((folder / RECORD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(record, dict) or record.get("record_version") not in READABLE_RECORD_VERSIONS or record.get("validator") != validator_digest():
        return False
    digests, stats = record.get("files"), record.get("stats") or {}
    present = file_stats(folder)
    if not isinstance(digests, dict) or not isinstance(stats, dict) or set(digests) != set(present):
        return False
    settled_before = record.get("recorded_ns", 0) - RACY_SECONDS * 10**9 if isinstance(record.get("recorded_ns"), int) else 0
    for name, (size, mtime_ns) in present.items():
        if stats.get(name) == [size, mtime_ns] and mtime_ns < settled_before:
            continue
        with (folder / name).open("rb") as handle:
            if hashlib.file_digest(handle, "sha256").hexdigest() != digests[name]:
                return False
    return True


def validate_and_record(folder: Path | str) -> list[Problem]:
    """The full contract check; a folder without problems gets its record."""
    problems = validate_dataset(folder)
    if not problems:
        record_validation(folder)
    return problems


def open_validated(folder: Path | str) -> DatasetMetadata:
    """The dataset's metadata, or DatasetError: the digests checked where a record vouches for the files, else the full check."""
    folder = Path(folder)
    if not is_recorded_valid(folder):
        return open_metadata(folder)
    metadata, problems = read_metadata(folder)
    if problems or metadata is None:
        raise DatasetError(folder, problems)
    return metadata


def main(argv: list[str]) -> int:
    """`python -m loaders.validated DIR`: check a dataset in full and, when it is valid, write its record."""
    if len(argv) != 1:
        print("usage: python -m loaders.validated DATASET_FOLDER", file=sys.stderr)
        return 2
    problems = validate_and_record(argv[0])
    for problem in problems:
        print(problem.text("de"))
    print(f"{RECORD_FILE} geschrieben." if not problems else f"Datensatz ungültig: {RECORD_FILE} nicht geschrieben.")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
