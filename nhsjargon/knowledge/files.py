"""Where the knowledge base's files are, and reading one with a size cap kept while reading."""

from __future__ import annotations

import os

from nhsjargon.errors import DataError, file_error

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

DATA_ENV = "NHSJARGON_DATA"
BASE_ENV = "NHSJARGON_BASE"  # replaces the built-in base entirely (tests; organisations with their own)
MAX_FILE_BYTES = 64 * 1024 * 1024
_CHUNK = 1 << 20


def _package_data(name: str) -> str:
    return os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "data", name)


def builtin_path() -> str:
    """The shipped terms.yaml: inside the installed package, or the checkout's data/ folder."""
    if os.environ.get(BASE_ENV):
        return os.environ[BASE_ENV]
    inside = _package_data("terms.yaml")
    checkout = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(inside))), "data", "terms.yaml")
    for candidate in (inside, checkout):
        if os.path.isfile(candidate):
            return candidate
    raise DataError(
        "the built-in knowledge base (terms.yaml) is missing from this installation",
        hint="reinstall nhsjargon",
    )


def data_path(name: str) -> str:
    """A data file shipped with the package (inside it when installed, data/ in a checkout)."""
    inside = _package_data(name)
    if os.path.isfile(inside):
        return inside
    return os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(inside))), "data", name)


def word_list(name: str) -> tuple[str, ...]:
    """The words of a shipped list (data/well_known.txt, first_names.txt, english_words.txt):
    whitespace-separated, `#` starts a comment. A list that cannot be read is empty, so decode
    still works, only less well."""
    try:
        with open(data_path(name), encoding="utf-8") as handle:
            return tuple(word for line in handle for word in line.split("#", 1)[0].split())
    except OSError:
        return ()


def compiled_path() -> str | None:
    """The base compiled when the wheel was built (absent in a checkout, or with NHSJARGON_BASE)."""
    if os.environ.get(BASE_ENV):
        return None
    path = _package_data("terms.kb")
    return path if os.path.isfile(path) else None


def overlay_paths(
    cli_paths: Sequence[str | os.PathLike[str]] = (), environ: Mapping[str, str] | None = None
) -> list[str | os.PathLike[str]]:
    """Overlay files from NHSJARGON_DATA (os.pathsep-separated), then from --data, in that order."""
    env = os.environ if environ is None else environ
    from_env: list[str | os.PathLike[str]] = [
        part for part in env.get(DATA_ENV, "").split(os.pathsep) if part.strip()
    ]
    return from_env + list(cli_paths)


def read_bytes(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The whole file, refusing it as soon as more than `limit` bytes have come.

    The size is counted while reading, not taken from stat: /dev/zero, a FIFO or a pipe
    (`--data <(cat x.yaml)`) report no useful size, and the pipes must keep working.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        with open(path, "rb", buffering=0) as handle:
            chunks = []
            total = 0
            while True:
                chunk = handle.read(_CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > limit:
                    raise DataError(f"{path}: file is too large (over {limit:,} bytes, the limit)")
                chunks.append(chunk)
    except OSError as exc:
        raise DataError(file_error(path, exc, "a YAML file")) from None
    return b"".join(chunks)
