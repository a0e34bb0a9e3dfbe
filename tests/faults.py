"""Helpers for the fault-injection modules (tests/test_faults_*.py): the installed command run
in a real process, with its own cache folder, and the child's peak memory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from tests.test_install import installed_command

MIB = 1024 * 1024


def environment(cache: Path | None = None, **extra: str) -> dict[str, str]:
    """The caller's environment without nhsjargon's own variables but the test session's cache
    folder (or `cache`), plus `extra`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("NHSJARGON_")}
    env["NHSJARGON_CACHE_DIR"] = os.environ["NHSJARGON_CACHE_DIR"]
    env["NO_COLOR"] = "1"
    env.pop("PYTHONUNBUFFERED", None)
    if cache is not None:
        env["NHSJARGON_CACHE_DIR"] = str(cache)
    env.update(extra)
    return env


def nhsjargon(
    *args: str,
    cache: Path | None = None,
    stdin: bytes | None = None,
    timeout: float = 60,
    variables: Mapping[str, str] | None = None,
    **extra: str,
) -> subprocess.CompletedProcess[str]:
    """One run of the installed command, stdout and stderr captured as text, with environment
    variables `extra` (or, where their names are not Python names, `variables`)."""
    return subprocess.run(
        [installed_command(), *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment(cache, **{**(variables or {}), **extra}),
        check=False,
    )


def shell(script: str, cache: Path | None = None, **extra: str) -> subprocess.CompletedProcess[str]:
    """A bash script with the installed command as "$NHSJ"."""
    env = environment(cache, NHSJ=installed_command(), **extra)
    return subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=120, env=env, check=False
    )


def peak_memory(
    *args: str, cache: Path | None = None, timeout: float = 120, warm: bool = True, **extra: str
) -> tuple[int, int]:
    """Exit code and peak resident memory (bytes) of one run, its output thrown away. Unless
    `warm` is false, a run before it fills the cache, so that building the cache (in a checkout,
    without the wheel's compiled base) is not what is measured."""
    if warm:
        nhsjargon("expand", "ICS", cache=cache, variables=extra)
    probe = (
        "import resource, subprocess, sys; "
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, installed_command(), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment(cache, **extra),
        check=True,
    )
    code, peak_kib = map(int, result.stdout.split())
    return code, peak_kib * 1024


def can_mount_a_small_disk() -> bool:
    """Whether `unshare -rm` gives this user a mount namespace where a tmpfs can be mounted."""
    if not shutil.which("unshare"):
        return False
    try:
        done = subprocess.run(
            ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0
