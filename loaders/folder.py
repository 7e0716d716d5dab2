"""Which dataset folder the dashboard and the command-line tools read: SOZIALMONITOR_DATA, else data/demo."""
from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "SOZIALMONITOR_DATA"
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATASET = REPO_ROOT / "data" / "demo"


def dataset_folder() -> Path:
    """The dataset named by SOZIALMONITOR_DATA (relative paths from the repository), default data/demo."""
    configured = os.environ.get(DATA_ENV)
    if not configured:
        return DEFAULT_DATASET
    path = Path(configured)
    return path if path.is_absolute() else (REPO_ROOT / path)
