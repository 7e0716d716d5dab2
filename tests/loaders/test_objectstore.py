"""Datasets on S3-compatible storage (loaders.objectstore) against a local S3 server: moto's server mode on loopback.

Two app replicas (`streamlit run app.py`) read the same s3:// dataset while a new version is
published: each run shows the old version or the new one, never parts of both, and both show
the new one once their manifest cache (SOZIALMONITOR_S3_TTL) has expired. A reader that
started on the old version finishes on it; clean-up keeps what is current or young.
"""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from loaders import objectstore
from loaders.importer import run_import
from loaders.spec import load_spec
from loaders.store import Store
from tests.conftest import REPO_ROOT, free_port
from tests.load.client import Session, query_value
from tests.load.scenario import version_of_period, write_version

TTL = 3.0
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}


def _wait(url: str, what: str, process: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"{what} did not answer: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        _wait(endpoint, "the S3 server", process, log, seconds=60)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def storage(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh bucket on the local S3 server, this process configured for it; returns its s3:// address."""
    for name, value in {**CREDENTIALS, objectstore.ENDPOINT_ENV: s3_endpoint, objectstore.TTL_ENV: str(TTL),
                        objectstore.CACHE_ENV: str(tmp_path / "cache")}.items():
        monkeypatch.setenv(name, value)
    bucket = request.node.name.replace("_", "-")[:50].strip("-").lower()
    pafs.S3FileSystem(endpoint_override=s3_endpoint, scheme="http", region="us-east-1", allow_bucket_creation=True).create_dir(bucket)
    objectstore._manifests.clear()
    return f"s3://{bucket}/city"


def _imported(folder: Path, marker: str) -> Path:
    spec = write_version(folder / marker.lower(), marker)
    out = folder / f"dataset-{marker}"
    report = run_import(load_spec(spec), out)
    assert report.ok, report.text("en")
    return out


def test_a_reader_on_the_old_version_finishes_on_it_and_clean_up_keeps_what_is_current(storage: str, tmp_path: Path,
                                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    alpha, beta = _imported(tmp_path, "Alpha"), _imported(tmp_path, "Beta")
    first = objectstore.publish(alpha, storage)
    folder = objectstore.local_dataset(storage)
    reader = Store(folder)
    assert reader.metadata.name == "Lasttest Alpha"
    before = reader.values("einwohner", 2023, "stadtteil")
    second = objectstore.publish(beta, storage)
    assert second != first
    # within the TTL the replica keeps the manifest it read; after it, the new version
    assert objectstore.local_dataset(storage) == folder
    monkeypatch.setenv(objectstore.TTL_ENV, "0")
    switched = objectstore.local_dataset(storage)
    assert switched != folder and Store(switched).metadata.name == "Lasttest Beta"
    # the reader that opened Alpha goes on reading Alpha, from its own copy and from the storage
    assert reader.values("einwohner", 2023, "stadtteil").equals(before)
    location = objectstore.Location.parse(storage)
    fs = objectstore.filesystem()
    stored = pq.read_table(location.key("versions", first, "values.parquet"), filesystem=fs)
    assert stored.equals(pq.read_table(alpha / "values.parquet"))
    # clean-up: never the current version, nothing younger than the grace period
    assert objectstore.clean_up(storage, keep=0, grace_seconds=3600) == []
    assert objectstore.clean_up(storage, keep=0, grace_seconds=0) == [first]
    assert objectstore.read_manifest(location)["version"] == second
    objectstore._manifests.clear()
    assert Store(objectstore.local_dataset(storage)).metadata.name == "Lasttest Beta"


def test_the_importer_publishes_to_object_storage(storage: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from loaders.importer import main

    spec = write_version(tmp_path / "alpha", "Alpha")
    assert main([str(spec), "--out", storage, "--lang", "en"]) == 0
    version = objectstore.read_manifest(objectstore.Location.parse(storage))["version"]
    assert f"{storage} (version {version})" in capsys.readouterr().out
    assert Store(objectstore.local_dataset(storage)).metadata.name == "Lasttest Alpha"


def test_a_manifest_that_does_not_match_its_files_is_refused(storage: str, tmp_path: Path) -> None:
    alpha = _imported(tmp_path, "Alpha")
    version = objectstore.publish(alpha, storage)
    location = objectstore.Location.parse(storage)
    fs = objectstore.filesystem()
    with fs.open_output_stream(location.key("versions", version, "values.parquet")) as sink:
        sink.write(b"not the published file")
    with pytest.raises(objectstore.ObjectStoreError, match="differs from its manifest"):
        objectstore.local_dataset(storage)
    assert not any((tmp_path / "cache").rglob("values.parquet")), "nothing half-downloaded is left where a reader would take it"


def _start_app(port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
         "--server.address", "127.0.0.1"],
        cwd=REPO_ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    _wait(f"http://127.0.0.1:{port}/_stcore/health", "streamlit", process, log)
    return process


async def _shown(url: str) -> tuple[set[str], str | None]:
    """What a new visitor of the overview sees: the version markers in the page, and the version its year belongs to."""
    async with Session(url, ("Alpha", "Beta")) as session:
        run = await session.run("lang=de")
    assert not run.errors, run.errors
    return run.markers, version_of_period(query_value(run.query, "period"))


def test_two_replicas_show_the_old_or_the_new_version_never_a_mix(storage: str, s3_endpoint: str, tmp_path: Path) -> None:
    alpha, beta = _imported(tmp_path, "Alpha"), _imported(tmp_path, "Beta")
    objectstore.publish(alpha, storage)
    apps = []
    try:
        for replica in (1, 2):
            env = {**os.environ, **CREDENTIALS, "SOZIALMONITOR_DATA": storage, objectstore.ENDPOINT_ENV: s3_endpoint,
                   objectstore.TTL_ENV: str(TTL), objectstore.CACHE_ENV: str(tmp_path / f"replica-{replica}")}
            port = free_port()
            apps.append((f"http://127.0.0.1:{port}", _start_app(port, env, tmp_path / f"replica-{replica}.log")))
        for url, _ in apps:
            assert asyncio.run(_shown(url)) == ({"Alpha"}, "Alpha")
        objectstore.publish(beta, storage)
        published = time.monotonic()
        seen: dict[str, list[str]] = {url: [] for url, _ in apps}
        while time.monotonic() - published < 120 and not all(views and views[-1] == "Beta" for views in seen.values()):
            for url, _ in apps:
                markers, by_year = asyncio.run(_shown(url))
                assert len(markers) == 1 and markers == {by_year}, f"{url} showed a mix: markers {markers}, year of {by_year}"
                seen[url].append(by_year)
        for url, views in seen.items():
            assert views[-1] == "Beta", f"{url} still shows {views[-1]} two minutes after the switch (TTL {TTL} s)"
            assert views == sorted(views), f"{url} went back to the old version: {views}"  # Alpha… then Beta…, never back
    finally:
        for _, process in apps:
            process.terminate()
        for _, process in apps:
            process.wait(timeout=30)
    for replica in (1, 2):
        assert "Traceback" not in (tmp_path / f"replica-{replica}.log").read_text()
