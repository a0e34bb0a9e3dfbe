"""Rewrite the output shown under each `$ nhsjargon ...` example in README.md from a real run.

    python tools/readme_examples.py          # rewrite README.md in place
    python tools/readme_examples.py --check  # exit 1 if any example's output is out of date

Each example runs as tests/test_readme.py runs it: the installed command, in a folder holding
`draft.md` and `minutes.md` (copies of tests/fixtures/draft_problems.md and minutes.md), at 100
columns, no colour, stderr merged. An example keeps as many lines as it shows now; one that ended
in "..." still does.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DRAFT = ROOT / "tests" / "fixtures" / "draft_problems.md"
BLOCK = re.compile(r"```\n(\$ nhsjargon [^\n]*)\n(.*?)```", re.DOTALL)


def run(command: str, folder: Path) -> list[str]:
    script = shutil.which("nhsjargon", path=str(Path(sys.executable).parent)) or shutil.which("nhsjargon")
    if script is None:
        sys.exit("install nhsjargon first (pip install -e .)")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    env["PATH"] = f"{Path(script).parent}{os.pathsep}{env.get('PATH', '')}"
    for name in ("NHSJARGON_BASE", "NHSJARGON_DATA", "FORCE_COLOR"):
        env.pop(name, None)
    done = subprocess.run(
        ["bash", "-c", command + " 2>&1"], cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    return [line.rstrip() for line in done.stdout.splitlines()]


def rewritten(text: str, folder: Path) -> str:
    def replace(match: re.Match[str]) -> str:
        command, shown = match.group(1), match.group(2).rstrip("\n").split("\n")
        elided = shown[-1].strip() == "..."
        keep = len(shown) - 1 if elided else len(shown)
        actual = run(command[2:], folder)
        lines = actual[:keep] + (["..."] if elided and len(actual) > keep else [])
        return "```\n" + "\n".join([command, *lines]) + "\n```"

    return BLOCK.sub(replace, text)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if out of date")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(DRAFT, Path(folder) / "draft.md")
        shutil.copy(DRAFT.parent / "minutes.md", Path(folder) / "minutes.md")
        old = README.read_text(encoding="utf-8")
        new = rewritten(old, Path(folder))
    if args.check:
        if new != old:
            print("README.md: examples out of date; run python tools/readme_examples.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
