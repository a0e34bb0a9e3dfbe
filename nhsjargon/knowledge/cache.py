"""The per-user cache of built knowledge bases: the only thing nhsjargon ever writes.

It may be deleted at any time. It is trusted only as far as it is safe: a folder the user owns
that nobody else can write to (as ssh treats its keys), regular files only, written to
unpredictable temporary names created exclusively and renamed into place, and a key that
changes whenever a file's content may have (size, modification and change times, inode).
Anything else (a symlink, a FIFO, /dev/zero, a foreign owner, damage) means "no cache":
the files are read instead, and the run goes on.
"""

from __future__ import annotations

import os
import stat
import sys

from nhsjargon import __version__
from nhsjargon.knowledge import store
from nhsjargon.knowledge.store import Opened

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

CACHE_ENV = "NHSJARGON_CACHE_DIR"
KEEP = 8  # overlay combinations kept at once; older ones are removed
MAX_CACHE_BYTES = 512 * 1024 * 1024
_PREFIX, _SUFFIX = "kb-", ".cache"
# The modules whose code shapes what is cached: a checkout that changes how the base is indexed
# or stored gets a new key without a version bump (an installed wheel's data file changes anyway).
_BUILDERS = tuple(
    os.path.join(os.path.dirname(os.path.dirname(__file__)), *parts)
    for parts in (
        ("knowledge", "index.py"),
        ("knowledge", "plain.py"),
        ("knowledge", "store.py"),
        ("model.py",),
    )
)


def cache_dir(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    if env.get(CACHE_ENV):
        return env[CACHE_ENV]
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nhsjargon")


def fingerprint(path: str | os.PathLike[str]) -> str | None:
    """What changes whenever the file's content may have: None if it cannot be stat'ed."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return f"{os.path.abspath(path)}|{info.st_size}|{info.st_mtime_ns}|{info.st_ctime_ns}|{info.st_ino}"


def key_for(paths: Sequence[str | os.PathLike[str]]) -> str | None:
    """The cache key of a combination of files, or None when one cannot be stat'ed (the load
    then reports it properly)."""
    from nhsjargon.schema import FIELD_NAMES

    parts = [
        __version__,
        str(store.FORMAT),
        ",".join(FIELD_NAMES),
        f"{sys.version_info[0]}.{sys.version_info[1]}",
        sys.byteorder,
    ]
    # a module shipped only as bytecode cannot be stat'ed here: its path stands in
    parts += (fingerprint(builder) or builder for builder in _BUILDERS)
    for path in paths:
        printed = fingerprint(path)
        if printed is None:
            return None
        parts.append(printed)
    return "\n".join(parts)


def file_for(key: str, folder: str | None = None) -> str:
    import zlib

    return os.path.join(folder or cache_dir(), f"{_PREFIX}{zlib.crc32(key.encode()):08x}{_SUFFIX}")


def _private(folder: str, create: bool) -> bool:
    """Whether `folder` is a directory this user owns that others cannot write to."""
    if create:
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        except (OSError, ValueError):
            return False
    try:
        info = os.stat(folder)
    except (OSError, ValueError):
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def open_stored(path: str) -> Opened | None:
    """The cache file, opened to be read a part at a time; None for anything but a readable
    regular file of ours (not a link, a FIFO, a device, another user's file or a huge one).
    The descriptor stays open for the life of the process, as the knowledge base reads it."""
    if not _private(os.path.dirname(path), create=False):
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(descriptor)
        if (
            stat.S_ISREG(info.st_mode)
            and info.st_size <= MAX_CACHE_BYTES
            and not (hasattr(os, "getuid") and info.st_uid != os.getuid())
        ):
            return Opened(descriptor, info.st_size)
    except (OSError, ValueError):
        pass
    os.close(descriptor)
    return None


def write(path: str, data: bytes) -> bool:
    """Store `data` at `path` atomically; False (and nothing left behind) if that is not safe."""
    folder = os.path.dirname(path)
    if not _private(folder, create=True):
        return False
    temp = os.path.join(folder, f".{_PREFIX}{os.urandom(8).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(temp, flags, 0o600)
    except (OSError, ValueError):
        return False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)  # replaces a symlink at `path` itself, never what it points to
    except (OSError, ValueError):
        try:
            os.unlink(temp)
        except OSError:
            pass
        return False
    _prune(folder)
    return True


def discard(path: str) -> None:
    try:
        if stat.S_ISREG(os.lstat(path).st_mode):
            os.unlink(path)
    except OSError:
        pass


def _prune(folder: str) -> None:
    """Keep the most recently written caches, so alternating overlays do not evict each other.

    Only this module's own files are touched (the folder may be shared): kb-*.cache files, older
    formats' kb-*.marshal files, and temporary files a killed run left more than an hour ago.
    """
    import time

    caches = []
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        path = os.path.join(folder, name)
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or not name.startswith((_PREFIX, "." + _PREFIX)):
            continue
        if name.endswith(_SUFFIX):
            caches.append((info.st_mtime, path))
        elif name.endswith(".marshal") or (name.endswith(".tmp") and time.time() - info.st_mtime > 3600):
            discard(path)
    caches.sort(reverse=True)
    for _, stale in caches[KEEP:]:
        discard(stale)
