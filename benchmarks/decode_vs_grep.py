"""Benchmark: `nhsjargon decode` on a ~50 MB document against grep | sort | uniq -c, in one run.

    python benchmarks/decode_vs_grep.py [--size-mb 50] [--runs 5] [--file PATH] [--keep]

The document is a fixture paragraph repeated to the size asked for. Each round runs every
case once, in turn, so machine noise hits them alike; the table gives each case's median
time, its peak resident memory (RSS of the process tree, from getrusage of a probe process's
children) and its ratio to grep in the default locale. The goal is decode <= 1.5x grep with
memory that does not grow with the file. Standard library only; run by hand, not in CI.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH = ROOT / "tests" / "fixtures" / "board_paper_2018.md"
GREP = r"grep -oE '\b[A-Z][A-Za-z&]*[A-Z]s?\b' {file} | sort | uniq -c"

# Runs one command in a child and reports its exit code, wall time and the peak RSS of its
# process tree, so the numbers are the command's own and not this script's.
PROBE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
print(done.returncode, elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def nhsjargon() -> str:
    found = shutil.which("nhsjargon", path=str(Path(sys.executable).parent)) or shutil.which("nhsjargon")
    if not found:
        sys.exit("install nhsjargon first (pip install -e .)")
    return found


def make_document(path: Path, size: int) -> None:
    block = (PARAGRAPH.read_text(encoding="utf-8") + "\n") * 64
    data = block.encode()
    with path.open("wb") as handle:
        for _ in range(size // len(data) + 1):
            handle.write(data)


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, env=env, check=True
    )
    code, elapsed, peak_kib = result.stdout.split()
    if code != "0":
        sys.exit(f"{shlex.join(argv)} failed with exit code {code}")
    return float(elapsed), int(peak_kib)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=float, default=50, help="size of the generated document")
    parser.add_argument("--runs", type=int, default=5, help="rounds; medians are reported")
    parser.add_argument("--file", type=Path, help="decode this file instead of a generated one")
    parser.add_argument("--keep", action="store_true", help="keep the generated document")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="nhsjargon-bench-"))
    document = args.file or work / "document.md"
    if args.file is None:
        make_document(document, int(args.size_mb * 1024 * 1024))
    size = document.stat().st_size
    env = {**os.environ, "NO_COLOR": "1"}
    quoted = shlex.quote(str(document))
    cases = {
        "nhsjargon decode": [nhsjargon(), "decode", str(document)],
        "nhsjargon decode --format json": [nhsjargon(), "decode", str(document), "--format", "json"],
        "grep | sort | uniq -c": ["sh", "-c", GREP.format(file=quoted)],
        "same, LC_ALL=C": ["sh", "-c", f"export LC_ALL=C; {GREP.format(file=quoted)}"],
    }
    subprocess.run(cases["nhsjargon decode"], stdout=subprocess.DEVNULL, env=env, check=True)  # warm cache
    times: dict[str, list[float]] = {name: [] for name in cases}
    peaks: dict[str, int] = dict.fromkeys(cases, 0)
    for _ in range(args.runs):
        for name, argv in cases.items():
            elapsed, peak = measure(argv, env)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    baseline = statistics.median(times["grep | sort | uniq -c"])
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_CTYPE") or os.environ.get("LANG") or "C"
    print(
        f"{size / 1024 / 1024:.1f} MB document, {args.runs} runs, medians; locale {locale}, "
        f"Python {sys.version.split()[0]}\n"
    )
    print("| command | time (s) | vs grep | peak RSS (MB) |")
    print("| --- | --- | --- | --- |")
    for name in cases:
        median = statistics.median(times[name])
        label = name.replace("|", "\\|")  # a pipe inside a Markdown table cell
        print(f"| {label} | {median:.2f} | {median / baseline:.2f}x | {peaks[name] / 1024:.0f} |")
    if args.file is None and not args.keep:
        shutil.rmtree(work)
    elif args.file is None:
        print(f"\nkept {document}")


if __name__ == "__main__":
    main()
