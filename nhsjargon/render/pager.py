"""Paging long output on a terminal, as git does: $PAGER, or `less -FRX`; never in a pipe."""

from __future__ import annotations

import os

from nhsjargon.render import Terminal


def page_text(text: str, terminal: Terminal) -> bool:
    """Show `text` through the pager; False if there is none to run (the caller prints it)."""
    import shlex
    import subprocess

    command = os.environ.get("NHSJARGON_PAGER", os.environ.get("PAGER", "less -FRX")).strip()
    if not command or command == "cat":
        return False
    try:
        argv = shlex.split(command)
    except ValueError:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode("utf-8", "replace"))
        process.stdin.close()
    except (BrokenPipeError, OSError):  # the reader quit the pager early: that is fine
        pass
    while True:
        try:
            process.wait()
            break
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
            continue
    return True
