"""Start-up benchmark: `nhsjargon explain ACO` against `python -c "import typer"`, in one run.

    python benchmarks/startup.py [--runs 30] [--scale]

Runs are interleaved (baseline, then each case, round after round) so machine noise
hits every case alike; medians and ratios to the baseline are printed as a Markdown table
for the README. `--scale` adds synthetic overlays of 1,000 to 20,000 entries (cached).
PYTHONDONTWRITEBYTECODE is dropped so that an editable checkout gets its .pyc files, as a
pip install does at install time. Run by hand, not in CI.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def command() -> list[str]:
    found = shutil.which("nhsjargon", path=str(Path(sys.executable).parent)) or shutil.which("nhsjargon")
    if not found:
        sys.exit("install nhsjargon first (pip install -e .)")
    return [found]


def synthetic_overlay(path: Path, count: int) -> None:
    lines = ["terms:"]
    for i in range(count):
        lines += [
            f"  - id: synthetic-{i}",
            f"    acronym: SYN{i}",
            f"    name: Synthetic term number {i}",
            "    category: concept",
            "    status: current",
            f"    definition: A generated entry for the scale benchmark, number {i}.",
            "    sources: [{title: benchmark, url: 'https://example.org'}]",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def time_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--scale", action="store_true", help="also time synthetic overlays")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="nhsjargon-bench-"))
    env = {**os.environ, "NHSJARGON_CACHE_DIR": str(workdir / "cache"), "NO_COLOR": "1"}
    env.pop("NHSJARGON_DATA", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cases: dict[str, tuple[list[str], dict[str, str]]] = {
        "python -c 'import typer' (baseline)": ([sys.executable, "-c", "import typer"], env),
        "nhsjargon explain ACO --format json": ([*command(), "explain", "ACO", "--format", "json"], env),
        "nhsjargon explain ACO --format rich": ([*command(), "explain", "ACO", "--format", "rich"], env),
        "nhsjargon explain ACO (text, piped)": ([*command(), "explain", "ACO"], env),
    }
    if args.scale:
        for count in (1_000, 5_000, 20_000):
            overlay = workdir / f"synthetic-{count}.yaml"
            synthetic_overlay(overlay, count)
            scaled_env = {**env, "NHSJARGON_DATA": str(overlay)}
            cases[f"explain ACO, +{count:,} overlay entries"] = (
                [*command(), "explain", "ACO", "--format", "json"],
                scaled_env,
            )
    for argv, case_env in cases.values():  # warm the cache and the OS file cache
        time_once(argv, case_env)
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (argv, case_env) in cases.items():
            samples[name].append(time_once(argv, case_env))
    baseline = statistics.median(next(iter(samples.values())))
    print(f"{args.runs} interleaved runs each, Python {sys.version.split()[0]}\n")
    print("| case | median (ms) | ratio to import typer |")
    print("| --- | ---: | ---: |")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"| {name} | {median * 1000:.1f} | {median / baseline:.2f}x |")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
