"""The installed command in real subprocesses: pipes, standard input, Ctrl-C, flat memory."""

from __future__ import annotations

import json
import os
import pty
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

pytestmark = [pytest.mark.subprocess, pytest.mark.usefixtures("mini_base")]

PARAGRAPH = (FIXTURES / "draft_problems.md").read_text(encoding="utf-8")


def command() -> str:
    found = shutil.which("nhsjargon", path=str(Path(sys.executable).parent)) or shutil.which("nhsjargon")
    if not found:
        pytest.fail("the nhsjargon console script is not installed in this environment")
    return found


def test_decode_reads_a_pipe() -> None:
    result = subprocess.run(
        [command(), "decode", "-", "--format", "json"],
        input=PARAGRAPH.encode(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == b""
    assert [term["acronym"] for term in json.loads(result.stdout)["terms"]] == ["CCG", "ICB", "ICP", "ICS"]


def test_check_in_a_pipeline_exits_1_with_one_summary_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [command(), "check", str(FIXTURES / "draft_problems.md")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and len(result.stdout.splitlines()) == 3
    assert (
        result.stderr
        == "nhsjargon: error: 3 finding(s) in 1 file(s): 1 never defined, 1 defined late, 1 outdated\n"
    )


def test_output_closed_early_ends_quietly(tmp_path: Path) -> None:
    """`nhsjargon list | head -1` with more output than a pipe holds: no traceback, exit 0."""
    overlay = tmp_path / "many.yaml"
    overlay.write_text(
        "terms:\n"
        + "".join(
            f"  - {{id: t{i}, acronym: T{i:05d}X, name: Test term number {i} with a long name, "
            f"definition: Entry {i}.}}\n"
            for i in range(3000)
        ),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [command(), "list", "--data", str(overlay)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # what head does after its line
    error = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert first.split() == [b"term", b"name", b"category", b"status", b"when"]
    assert error == b""


def test_shell_pipe_to_head(tmp_path: Path) -> None:
    document = tmp_path / "long.md"
    document.write_text(PARAGRAPH * 5000, encoding="utf-8")
    result = subprocess.run(
        f"'{command()}' decode --inline '{document}' | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout == "# Joining up care in our area\n" and result.stderr == ""


def test_ctrl_c_exits_130_quietly() -> None:
    """Interrupted while waiting for input on a terminal: a blank line and exit code 130."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [command(), "decode", "-"], stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    os.close(terminal)
    try:
        assert process.stderr is not None
        prompt = process.stderr.readline()  # it says it reads the terminal: it is in the command now
        assert b"reading the document from the terminal" in prompt
        time.sleep(0.2)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        os.close(controller)
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err and out == b""


def test_memory_stays_flat_on_a_large_file(tmp_path: Path) -> None:
    """A 60 MB document is decoded in well under its own size of memory (peak RSS of the child)."""
    document = tmp_path / "big.md"
    block = (PARAGRAPH * 200).encode()
    with document.open("wb") as handle:
        for _ in range(60 * 1024 * 1024 // len(block) + 1):
            handle.write(block)
    size = document.stat().st_size
    probe = (
        "import resource, subprocess, sys; "
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, command(), "decode", str(document), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    code, peak_kib = map(int, result.stdout.split())
    assert code == 0
    # Reading it whole would take its size twice over (bytes, then text) on top of the interpreter.
    assert size >= 60 * 1024 * 1024 and peak_kib < 100 * 1024, f"peak RSS {peak_kib} KiB"


def test_progress_bar_on_a_terminal_stderr_only(tmp_path: Path) -> None:
    """A large file with stderr on a terminal: a progress bar there, clean JSON on stdout."""
    document = tmp_path / "large-report.md"
    block = (PARAGRAPH * 200).encode()
    with document.open("wb") as handle:
        for _ in range(17 * 1024 * 1024 // len(block) + 1):
            handle.write(block)
    controller, terminal = pty.openpty()
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    environment.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [command(), "decode", str(document), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=environment,
    )
    os.close(terminal)
    shown = b""
    try:
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    assert b"large-report.md" in shown and "\u2501".encode() in shown  # the name and the bar
    assert json.loads(out)["terms"][0]["acronym"] == "CCG"
