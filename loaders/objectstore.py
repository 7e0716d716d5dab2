"""Datasets on S3-compatible object storage: versions under their own prefix, switched by one manifest object.

    SOZIALMONITOR_DATA=s3://bucket/prefix            the dataset the dashboard shows
    SOZIALMONITOR_S3_ENDPOINT=http://host:port       an endpoint other than AWS (MinIO, Ceph, moto …)
    AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION   the standard credentials
    SOZIALMONITOR_S3_TTL=30                          seconds a replica trusts the manifest it read last
    SOZIALMONITOR_CACHE=~/.cache/sozialmonitor       where a replica keeps its copies of versions

    python -m loaders.objectstore publish DIR s3://bucket/prefix     upload a validated dataset folder, then switch
    python -m loaders.objectstore clean-up s3://bucket/prefix [--keep 2] [--grace-hours 24]

Layout under the prefix: `versions/<version>/` holds one dataset's files (as the importer wrote
them, with the validation record `validated.json`), and `current.json` names the version the
dashboard shows, with each file's SHA-256 and size:

    {"version": "20261202T101500Z-3f2a9c1d", "published": "2026-12-02T10:15:00Z", "files": {"values.parquet": {"sha256": "…", "size": 123}, …}}

Publishing uploads every file of the new version first and writes `current.json` last, in one
PUT: an object is replaced atomically, so a reader finds the old manifest or the new one, and
either names a version whose files are complete. A reader resolves the manifest and then reads
only that version's files — into a local copy (`SOZIALMONITOR_CACHE/<bucket>/<prefix>/<version>`),
downloaded into a temporary folder, each file checked against the manifest's digest, and renamed
into place whole. The rest of the dashboard (loaders.store, the caches keyed on the folder) reads
that local folder as it reads any dataset folder, so a new version is a new folder and a new
cache key. Old versions stay on the storage until `clean-up`, which keeps the current one, the
`--keep` newest and anything younger than the grace period, so a replica still reading an older
version finishes on it.

Two importers publishing into the same prefix at once: the last manifest written wins (S3 has no
compare-and-swap that pyarrow exposes); run one import per dataset at a time.

Nothing here downloads code or extensions: pyarrow's own S3 client does the requests.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs

SCHEME = "s3://"
ENDPOINT_ENV = "SOZIALMONITOR_S3_ENDPOINT"
TTL_ENV = "SOZIALMONITOR_S3_TTL"
CACHE_ENV = "SOZIALMONITOR_CACHE"
DEFAULT_TTL = 30.0
MANIFEST = "current.json"
VERSIONS = "versions"
CHUNK = 8 * 2**20
MAX_MANIFEST_BYTES = 2**20


class ObjectStoreError(Exception):
    """The storage cannot be read or written as configured; the message says what to set."""


@dataclass(frozen=True)
class Location:
    """A dataset on object storage: `bucket` and `prefix` (no leading or trailing slash)."""

    bucket: str
    prefix: str

    @classmethod
    def parse(cls, url: str) -> Location:
        if not url.startswith(SCHEME):
            raise ObjectStoreError(f"not an s3:// address: {url}")
        bucket, _, prefix = url[len(SCHEME):].partition("/")
        if not bucket:
            raise ObjectStoreError(f"no bucket in {url}: expected s3://bucket/prefix")
        return cls(bucket, prefix.strip("/"))

    def key(self, *parts: str) -> str:
        """The object path for pyarrow.fs: bucket/prefix/parts."""
        return "/".join(part for part in (self.bucket, self.prefix, *parts) if part)

    def __str__(self) -> str:
        return f"{SCHEME}{self.key()}"


def is_object_store(url: str | os.PathLike | None) -> bool:
    return isinstance(url, str) and url.startswith(SCHEME)


def filesystem() -> pafs.S3FileSystem:
    """pyarrow's S3 client with the standard AWS_* variables, and SOZIALMONITOR_S3_ENDPOINT for another endpoint."""
    endpoint = os.environ.get(ENDPOINT_ENV, "").strip()
    options: dict[str, Any] = {"region": os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
                               "connect_timeout": 5, "request_timeout": 30}
    if endpoint:
        scheme, _, host = endpoint.partition("://")
        options["endpoint_override"] = host or endpoint
        options["scheme"] = scheme if host else "https"
    return pafs.S3FileSystem(**options)


# --- reading ------------------------------------------------------------------------------------


def read_manifest(location: Location, fs: pafs.FileSystem | None = None) -> dict[str, Any]:
    """The manifest as stored; ObjectStoreError when there is none or it cannot be read."""
    fs = fs or filesystem()
    try:
        with fs.open_input_stream(location.key(MANIFEST)) as stream:
            data = stream.read(MAX_MANIFEST_BYTES + 1)
    except (OSError, FileNotFoundError) as error:
        raise ObjectStoreError(f"{location}/{MANIFEST} cannot be read ({error}): publish a dataset there first "
                               f"(python -m loaders.objectstore publish DIR {location}) and check {ENDPOINT_ENV} and the AWS_* credentials") from None
    if len(data) > MAX_MANIFEST_BYTES:
        raise ObjectStoreError(f"{location}/{MANIFEST} is larger than {MAX_MANIFEST_BYTES} bytes: not a manifest")
    try:
        manifest = json.loads(data)
        str(manifest["version"])
        dict(manifest["files"])
    except (ValueError, KeyError, TypeError):
        raise ObjectStoreError(f"{location}/{MANIFEST} is not a manifest (expected JSON with version and files)") from None
    return manifest


_manifests: dict[Location, tuple[float, dict[str, Any]]] = {}
_lock = threading.Lock()


def current_manifest(location: Location) -> dict[str, Any]:
    """The manifest, read again at most every SOZIALMONITOR_S3_TTL seconds per process (every rerun asks)."""
    ttl = float(os.environ.get(TTL_ENV, DEFAULT_TTL))
    now = time.monotonic()
    with _lock:
        cached = _manifests.get(location)
        if cached is not None and now - cached[0] < ttl:
            return cached[1]
    manifest = read_manifest(location)
    with _lock:
        _manifests[location] = (now, manifest)
    return manifest


def cache_root() -> Path:
    configured = os.environ.get(CACHE_ENV)
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "sozialmonitor"


def local_dataset(url: str) -> Path:
    """The local copy of the version the manifest names now (downloaded once per version and replica)."""
    location = Location.parse(url)
    manifest = current_manifest(location)
    return local_copy(location, manifest)


def local_copy(location: Location, manifest: dict[str, Any], fs: pafs.FileSystem | None = None) -> Path:
    """The files of the manifest's version in a local folder: fetched into a temporary folder, checked, renamed into place whole."""
    version = _safe_name(str(manifest["version"]))
    target = cache_root() / _safe_name(location.bucket) / (_safe_name(location.prefix.replace("/", "__")) or "_") / version
    if target.is_dir():
        return target
    fs = fs or filesystem()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=target.parent))
    try:
        for name, expected in dict(manifest["files"]).items():
            _download(fs, location.key(VERSIONS, version, _safe_name(name)), staging / _safe_name(name), expected)
        os.chmod(staging, 0o755)
        try:
            os.rename(staging, target)
        except OSError:
            if not target.is_dir():  # another process of this replica renamed its copy first: use that one
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _download(fs: pafs.FileSystem, key: str, path: Path, expected: dict[str, Any]) -> None:
    digest, size = hashlib.sha256(), 0
    try:
        with fs.open_input_stream(key) as source, path.open("wb") as sink:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                sink.write(chunk)
    except (OSError, FileNotFoundError) as error:
        raise ObjectStoreError(f"s3://{key} cannot be read ({error}): the version is incomplete or was cleaned up — publish again") from None
    if digest.hexdigest() != expected.get("sha256") or size != expected.get("size"):
        raise ObjectStoreError(f"s3://{key} differs from its manifest (SHA-256 or size): the version was changed after publishing — publish again")


def _safe_name(name: str) -> str:
    """A name used as one path part: no separators, no dots only."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise ObjectStoreError(f"not a usable name in a manifest: {name!r}")
    return name


# --- publishing ---------------------------------------------------------------------------------


def publish(folder: Path, url: str, fs: pafs.FileSystem | None = None, version: str | None = None) -> str:
    """Upload a validated dataset folder as a new version, then switch the manifest to it; returns the version."""
    from loaders.validated import RECORD_FILE

    folder = Path(folder).resolve()
    if not (folder / RECORD_FILE).is_file():
        raise ObjectStoreError(f"{folder} has no {RECORD_FILE}: publish only a dataset the importer (or python -m loaders.validated) has validated")
    location = Location.parse(url)
    fs = fs or filesystem()
    files = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        with path.open("rb") as handle:
            files[path.name] = {"sha256": hashlib.file_digest(handle, "sha256").hexdigest(), "size": path.stat().st_size}
    now = dt.datetime.now(dt.UTC)
    combined = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:8]
    version = version or f"{now:%Y%m%dT%H%M%S%fZ}-{combined}"
    for name in files:
        with (folder / name).open("rb") as source, fs.open_output_stream(location.key(VERSIONS, version, name)) as sink:
            while chunk := source.read(CHUNK):
                sink.write(chunk)
    manifest = {"version": version, "published": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "files": files}
    with fs.open_output_stream(location.key(MANIFEST)) as sink:  # one PUT: the switch
        sink.write(json.dumps(manifest, indent=1).encode("utf-8"))
    return version


def clean_up(url: str, keep: int = 2, grace_seconds: float = 24 * 3600, fs: pafs.FileSystem | None = None) -> list[str]:
    """Delete versions other than the current one and the `keep` newest, and only those older than `grace_seconds`; returns them."""
    location = Location.parse(url)
    fs = fs or filesystem()
    current = str(read_manifest(location, fs)["version"])
    infos = fs.get_file_info(pafs.FileSelector(location.key(VERSIONS), allow_not_found=True))
    versions = sorted((info.base_name for info in infos if info.type == pafs.FileType.Directory), reverse=True)
    now = dt.datetime.now(dt.UTC)
    removed = []
    for version in versions[keep:]:
        if version == current:
            continue
        files = fs.get_file_info(pafs.FileSelector(location.key(VERSIONS, version), allow_not_found=True))
        newest = max((info.mtime for info in files if info.mtime is not None), default=None)
        if newest is not None and (now - newest).total_seconds() < grace_seconds:
            continue
        fs.delete_dir(location.key(VERSIONS, version))
        removed.append(version)
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders.objectstore", description="Publish datasets to S3-compatible storage (docs/deployment.md).")
    commands = parser.add_subparsers(dest="command", required=True)
    publishing = commands.add_parser("publish", help="upload a validated dataset folder as a new version and switch the manifest")
    publishing.add_argument("folder", type=Path)
    publishing.add_argument("url", help="s3://bucket/prefix")
    cleaning = commands.add_parser("clean-up", help="delete old versions (never the current one, the --keep newest or younger ones)")
    cleaning.add_argument("url")
    cleaning.add_argument("--keep", type=int, default=2)
    cleaning.add_argument("--grace-hours", type=float, default=24.0)
    args = parser.parse_args(argv)
    try:
        if args.command == "publish":
            print(f"published {publish(args.folder, args.url)} to {args.url}")
        else:
            removed = clean_up(args.url, keep=args.keep, grace_seconds=args.grace_hours * 3600)
            print(f"removed {len(removed)} old versions: {', '.join(removed) or '—'}")
    except ObjectStoreError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
