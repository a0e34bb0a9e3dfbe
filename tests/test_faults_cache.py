"""Fault injection, the cache: planted links, loose folders, damage, stale content, odd files.

The cache can neither be turned against its user nor break the tool: whatever is found at its
path, the answer is the files' answer, exit 0, nothing on stderr. Runs use the small fixture
base (NHSJARGON_BASE), so that every rebuild is quick.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from nhsjargon.knowledge import cache as cache_module
from tests.conftest import MINI
from tests.faults import MIB, nhsjargon, peak_memory

pytestmark = pytest.mark.subprocess

ACO = "ACO: Accountable Care Organisation\n"


def expand(folder: Path, *overlays: Path) -> str:
    data = [arg for overlay in overlays for arg in ("--data", str(overlay))]
    result = nhsjargon("expand", "ACO", *data, cache=folder, NHSJARGON_BASE=str(MINI), timeout=20)
    assert (result.returncode, result.stderr) == (0, ""), result
    return result.stdout


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("kb-*.cache"))


@pytest.fixture
def cached(tmp_path: Path) -> tuple[Path, Path]:
    """A cache folder holding one good cache of the fixture base, and that file."""
    folder = tmp_path / "cache"
    assert expand(folder) == ACO
    (written,) = cache_files(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(written.stat().st_mode) == 0o600
    return folder, written


def test_a_link_planted_at_the_cache_path_is_replaced_not_written_through(
    cached: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, path = cached
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    path.unlink()
    path.symlink_to(victim)
    assert expand(folder) == ACO
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not path.is_symlink() and path.stat().st_size > 0


def test_a_link_planted_at_the_temporary_name_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the temporary name guessed (here it is forced), the exclusive, no-follow create
    refuses the planted link: nothing is written, and the victim is untouched."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    monkeypatch.setattr(os, "urandom", lambda n: b"\x00" * n)
    (folder / f".kb-{'00' * 8}.tmp").symlink_to(victim)
    assert cache_module.write(str(folder / "kb-00000000.cache"), b"payload") is False
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (folder / "kb-00000000.cache").exists()


def test_temporary_names_differ_from_run_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    made: list[str] = []
    real_open = os.open

    def spy(path: str, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".tmp"):
            made.append(os.path.basename(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", spy)
    for _ in range(3):
        assert cache_module.write(str(folder / "kb-00000000.cache"), b"payload")
    assert len(set(made)) == 3


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722], ids=["world-writable", "group-writable", "o+w"])
def test_a_folder_others_can_write_to_is_not_used(tmp_path: Path, mode: int) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(mode)
    assert expand(folder) == ACO
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_a_folder_someone_else_owns_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    assert expand(folder) == ACO
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("offset", [0, 3, 4, 8, 11, 12, 15, 19, 20, 24, 100])
def test_one_flipped_bit_in_the_header_or_index_means_rebuild(cached: tuple[Path, Path], offset: int) -> None:
    folder, path = cached
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x10
    path.write_bytes(bytes(data))
    assert expand(folder) == ACO
    assert expand(folder) == ACO  # and the next run is right too, from a rewritten cache


def test_damage_inside_an_entry_read_late_gives_the_files_answer(cached: tuple[Path, Path]) -> None:
    folder, path = cached
    data = path.read_bytes()
    place = data.index(b"Accountable Care Organisation")
    path.write_bytes(data[:place] + b"X" + data[place + 1 :])
    assert expand(folder) == ACO


@pytest.mark.parametrize("size", [0, 1, 19, 20, "half"])
def test_a_truncated_cache_means_rebuild(cached: tuple[Path, Path], size: int | str) -> None:
    folder, path = cached
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 if size == "half" else int(size)])
    assert expand(folder) == ACO


def test_an_edit_that_keeps_size_and_modification_time_is_seen(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    overlay = tmp_path / "mine.yaml"
    overlay.write_text("terms:\n  - {id: aco, acronym: ACO, name: Alpha Care One, definition: x}\n", "utf-8")
    assert expand(folder, overlay) == "ACO: Alpha Care One\n"
    before = overlay.stat()
    overlay.write_text("terms:\n  - {id: aco, acronym: ACO, name: Gamma Care Two, definition: x}\n", "utf-8")
    os.utime(overlay, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert overlay.stat().st_size == before.st_size and overlay.stat().st_mtime_ns == before.st_mtime_ns
    assert expand(folder, overlay) == "ACO: Gamma Care Two\n"


def test_a_fifo_at_the_cache_path_does_not_hang(cached: tuple[Path, Path]) -> None:
    folder, path = cached
    path.unlink()
    os.mkfifo(path)
    assert expand(folder) == ACO  # within expand's 20 s timeout; nobody ever writes the FIFO
    assert stat.S_ISFIFO(os.lstat(path).st_mode) or stat.S_ISREG(os.lstat(path).st_mode)


def test_dev_zero_at_the_cache_path_is_not_read(cached: tuple[Path, Path]) -> None:
    folder, path = cached
    path.unlink()
    path.symlink_to("/dev/zero")
    # no warming run: it would replace the link before the measured run met it
    code, peak = peak_memory("expand", "ACO", cache=folder, warm=False, NHSJARGON_BASE=str(MINI))
    assert code == 0 and peak < 128 * MIB
    assert not path.is_symlink() and expand(folder) == ACO


def test_a_folder_at_the_cache_path_is_left_alone(cached: tuple[Path, Path]) -> None:
    folder, path = cached
    path.unlink()
    path.mkdir()
    (path / "keep.txt").write_text("mine", encoding="utf-8")
    assert expand(folder) == ACO
    assert (path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_the_cache_may_be_deleted_at_any_time(cached: tuple[Path, Path]) -> None:
    folder, _ = cached
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()
    assert expand(folder) == ACO and len(cache_files(folder)) == 1
