"""The overview offers the indicator report, the profile the area report, as PDF downloads."""
from __future__ import annotations

import pytest

from tests.conftest import REPO_ROOT
from tests.pages.test_pages import run_app

LABELS = {
    "pages/overview.py": {"de": "Bericht als PDF herunterladen", "en": "Download the report as PDF"},
    "pages/profile.py": {"de": "Gebietsbericht als PDF herunterladen", "en": "Download the area report as PDF"},
}


@pytest.mark.parametrize("page", list(LABELS))
@pytest.mark.parametrize("lang", ["de", "en"])
def test_pages_offer_their_report(monkeypatch: pytest.MonkeyPatch, page: str, lang: str) -> None:
    app = run_app(monkeypatch, REPO_ROOT / "data" / "demo", page, lang=lang, level="teilgebiet", indicator="kinderarmut")
    assert not app.exception, app.exception
    labels = [button.proto.label for button in app.get("download_button")]
    assert LABELS[page][lang] in labels, labels
