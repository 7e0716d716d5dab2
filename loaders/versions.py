"""A dataset folder that is replaced in one atomic step: readers see the old dataset or the new one, never none or a mix.

`--out data/luebeck` becomes a symbolic link to a versioned folder beside it,
`data/.luebeck.v20250101-120000-1a2b3c4d`. An import writes and validates the new version in a
staging folder (`data/.luebeck.import-…`), renames it to its version name, and switches the
link with a single `os.replace` — the one step in which the old dataset is exchanged for the
new. A process killed at any moment leaves `data/luebeck` pointing to a complete dataset.

- The version switched away from stays, linked as `data/.luebeck.previous`, so an analyst can
  switch back (`ln -sfn "$(readlink data/.luebeck.previous)" data/luebeck`). When a later
  import replaces it as the previous one, it is marked retired (`….retired` beside it) and
  kept for `RETIRED_SECONDS` more: a page run that resolved the link to it long ago, on a busy
  server, still finds every file.
- The next import removes what killed imports left (staging folders, half-made links, versions
  that never became current) and retired versions past their time. It holds a lock
  (`data/.luebeck.lock`), so two imports into the same folder never interleave.
- A plain folder from before (or a hand-made one) is exchanged for the link in one step too
  (Linux `renameat2` with RENAME_EXCHANGE); it becomes the previous version.
- Everything is written in the dataset's own parent folder. Where `--out` is a link of the
  user's own (not one of these), it is followed, and the import says where it writes.

Readers resolve the link once (`Path.resolve()`) and read every file from the version it names.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREVIOUS = "previous"
RETIRED = ".retired"
RETIRED_SECONDS = 600


class ImportLocked(Exception):
    """Another import into the same folder is running."""


def _names(out: Path) -> dict[str, re.Pattern]:
    stem = re.escape(out.name)
    return {
        "version": re.compile(rf"\.{stem}\.v\d{{8}}-\d{{6}}-[0-9a-f]{{8}}"),
        "staging": re.compile(rf"\.{stem}\.import-[A-Za-z0-9_]{{8}}"),
        "link": re.compile(rf"\.{stem}\.link-[0-9a-f]{{8}}"),
    }


def is_version_of(out: Path, target: str) -> bool:
    """Whether a link target is one of `out`'s own version folders (a bare name beside it)."""
    return _names(out)["version"].fullmatch(target) is not None


def target_folder(out: Path | str) -> tuple[Path, Path | None]:
    """Where an import into `out` writes: (the path to switch, the user's own link followed to get there, if any).

    `out`'s parent is resolved; a link of the user's own (not one of ours) is followed, as
    imports always did, so the dataset is written where that link points.
    """
    out = Path(out)
    out = out.parent.resolve() / out.name
    followed = None
    while out.is_symlink() and not is_version_of(out, os.readlink(out)):
        followed = followed or out
        out = out.resolve()
    return out, followed


def previous_link(out: Path) -> Path:
    return out.parent / f".{out.name}.{PREVIOUS}"


@contextmanager
def import_lock(out: Path, wait_seconds: float = 120.0) -> Iterator[None]:
    """Hold the import lock of `out` (a file beside it), waiting for another import to finish; ImportLocked after `wait_seconds`.

    The lock dies with its process, so a killed import never blocks the next one.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f".{out.name}.lock", "a") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ImportLocked(str(out)) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def staging_folder(out: Path) -> Path:
    """A new, empty staging folder beside `out` (call with the lock held)."""
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.import-", dir=out.parent))


def _link_target(link: Path) -> str | None:
    try:
        return os.readlink(link)
    except OSError:
        return None


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def clean_up(out: Path, keep: tuple[str, ...] = ()) -> list[str]:
    """Remove what earlier (killed) imports left beside `out`, and retired versions past their time.

    Kept: the version `out` points to, the one `.previous` points to, `keep`, and retired
    versions younger than RETIRED_SECONDS. Removed: staging folders, half-made links, versions
    that never became current (no retired mark) and stray marks. Call with the lock held.
    Returns the names removed.
    """
    names = _names(out)
    used = {_link_target(out), _link_target(previous_link(out)), *keep}
    present = {path.name for path in out.parent.iterdir()}
    now = time.time()
    removed = []
    for path in out.parent.iterdir():
        name = path.name
        if names["staging"].fullmatch(name) or names["link"].fullmatch(name):
            stale = True
        elif names["version"].fullmatch(name):
            mark = path.with_name(name + RETIRED)
            stale = name not in used and (not mark.exists() or now - mark.stat().st_mtime > RETIRED_SECONDS)
            if stale:
                mark.unlink(missing_ok=True)
        else:
            stale = name.endswith(RETIRED) and names["version"].fullmatch(name[: -len(RETIRED)]) is not None \
                and name[: -len(RETIRED)] not in present
        if stale:
            _remove(path)
            removed.append(name)
    return removed


def _version_name(out: Path) -> str:
    return f".{out.name}.v{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}"


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def publish(staging: Path, out: Path) -> bool:
    """Make the complete, validated `staging` folder the dataset at `out`, in one atomic step.

    Returns False when `out` was a plain folder and the system could not exchange it for the
    link in one step (then it took two renames). Call with the lock held.
    """
    version = out.parent / _version_name(out)
    os.rename(staging, version)
    link = out.parent / f".{out.name}.link-{secrets.token_hex(4)}"
    os.symlink(version.name, link)
    previous: str | None = None
    atomic = True
    if out.is_symlink() or not out.exists():
        previous = _link_target(out)
        os.replace(link, out)  # the switch
    else:
        previous = _version_name(out)
        if _exchange(link, out):  # the switch: `out` is now the link, `link` the old folder
            os.rename(link, out.parent / previous)
        else:
            atomic = False
            os.rename(out, out.parent / previous)
            os.replace(link, out)
    if previous is not None and is_version_of(out, previous):
        retired = _link_target(previous_link(out))
        marker = out.parent / f".{out.name}.link-{secrets.token_hex(4)}"
        os.symlink(previous, marker)
        os.replace(marker, previous_link(out))
        if retired is not None and retired != previous and is_version_of(out, retired):
            (out.parent / (retired + RETIRED)).touch()
    clean_up(out)
    return atomic
