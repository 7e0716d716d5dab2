"""Which dataset folder the dashboard and the command-line tools read: SOZIALMONITOR_DATA, else data/demo.

SOZIALMONITOR_DATA may name a folder or a dataset on S3-compatible storage (`s3://bucket/prefix`,
loaders.objectstore): then the folder is the local copy of the version its manifest names now.
"""
from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "SOZIALMONITOR_DATA"
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATASET = REPO_ROOT / "data" / "demo"


def dataset_folder() -> Path:
    """The dataset named by SOZIALMONITOR_DATA (relative paths from the repository), default data/demo.

    For an s3:// address, DatasetError when the storage cannot be read (the dashboard shows it as it shows a broken dataset).
    """
    configured = os.environ.get(DATA_ENV)
    if not configured:
        return DEFAULT_DATASET
    if configured.startswith("s3://"):
        from loaders.contract import DatasetError, Problem
        from loaders.objectstore import ObjectStoreError, local_dataset

        try:
            return local_dataset(configured)
        except ObjectStoreError as error:
            raise DatasetError(Path(configured), [Problem(configured, None, f"Objektspeicher nicht lesbar: {error}",
                                                          f"object storage cannot be read: {error}")]) from None
    path = Path(configured)
    return path if path.is_absolute() else (REPO_ROOT / path)
