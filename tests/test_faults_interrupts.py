"""Fault injection, Ctrl-C: a real SIGINT delivered at chosen moments of start-up and work.

The signal is sent by the process to itself when it begins to import a given module (an
import hook placed before the installed script runs), so each moment is hit every time rather
than by luck of timing. Whatever the moment: exit 130, at most a blank line on stderr.
"""

from __future__ import annotations

import pty
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES
from tests.faults import environment
from tests.test_install import installed_command

pytestmark = pytest.mark.subprocess

HOOK = """
import os, signal, sys, runpy

class Interrupt:
    module = sys.argv[1]

    def find_spec(self, name, path=None, target=None):
        if name == self.module:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
script = sys.argv[2]
sys.argv = [script, *sys.argv[3:]]
runpy.run_path(script, run_name="__main__")
"""

MOMENTS = [
    ("nhsjargon.launch", ["explain", "ICS"]),  # the script's first import of ours
    ("nhsjargon.knowledge.store", ["explain", "ICS"]),  # the fast path, reading the cache
    ("nhsjargon.views.terms", ["search", "integrated care"]),
    ("typer", ["list"]),  # the full CLI
    ("nhsjargon.compare", ["compare", "ICB", "ICP"]),
    ("rich", ["list", "--format", "rich"]),
    ("nhsjargon.decode.scanner", ["decode", str(FIXTURES / "draft_problems.md")]),
    ("_json", ["export", "--format", "json"]),  # JSON output's string quoting
]


@pytest.mark.parametrize(("module", "argv"), MOMENTS, ids=[module for module, _ in MOMENTS])
def test_ctrl_c_while_modules_import_exits_130_quietly(module: str, argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", HOOK, module, installed_command(), *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment(),
        check=False,
    )
    assert done.returncode == 130, done
    assert done.stderr in ("", "\n"), done.stderr


def test_ctrl_c_while_reading_a_terminal_exits_130_quietly() -> None:
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [installed_command(), "decode", "-"],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    )
    try:
        assert process.stderr is not None
        assert b"reading the document from the terminal" in process.stderr.readline()
        process.send_signal(2)
        out, err = process.communicate(timeout=30)
    finally:
        import os

        os.close(terminal)
        os.close(controller)
        if process.poll() is None:
            process.kill()
    assert (process.returncode, out) == (130, b"") and b"Traceback" not in err
