"""Compare output with a file in tests/golden/.

A missing or different golden file fails, everywhere. To write them on purpose, run
`UPDATE_GOLDEN=1 python -m pytest` (or `python -m pytest --update-golden`) and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
UPDATING = {"value": bool(os.environ.get("UPDATE_GOLDEN"))}  # set by --update-golden (conftest.py)


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATING["value"]:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"golden file {path} is missing; run UPDATE_GOLDEN=1 python -m pytest to write it"
    assert actual == path.read_text(encoding="utf-8"), (
        f"output differs from {path} (UPDATE_GOLDEN=1 rewrites it)"
    )
