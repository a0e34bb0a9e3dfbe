"""Start-up benchmark: whole-process timings of the installed command, as ratios to baselines
measured in the same run (this machine is noisy: only ratios mean anything).

    python benchmarks/startup.py [--runs 20]

Measure an installed wheel (`pip install .`, not -e): only a wheel carries the compiled base
that the first run without a cache reads. Runs are interleaved round after round, so machine
noise hits every case alike; medians are printed as a Markdown table for the README.
PYTHONDONTWRITEBYTECODE is dropped so that bytecode is cached, as an install does.
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


def command() -> str:
    found = shutil.which("nhsjargon", path=str(Path(sys.executable).parent)) or shutil.which("nhsjargon")
    if not found:
        sys.exit("install nhsjargon first (pip install .)")
    return found


def time_once(argv: list[str], env: dict[str, str], fresh_cache: bool = False) -> float:
    if fresh_cache:
        shutil.rmtree(env["NHSJARGON_CACHE_DIR"], ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="nhsjargon-bench-"))
    env = {**os.environ, "NHSJARGON_CACHE_DIR": str(workdir / "cache"), "NO_COLOR": "1"}
    for name in ("NHSJARGON_DATA", "NHSJARGON_BASE", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    cold = {**env, "NHSJARGON_CACHE_DIR": str(workdir / "cold")}
    nhsjargon = command()
    # a 20,000-word query, under the kernel's 128 KiB limit for one argument
    words = " ".join(("care", "budget", "ics", f"q{i}")[i % 4] for i in range(20_000))
    cases: dict[str, tuple[list[str], dict[str, str], bool]] = {
        "python -c pass": ([sys.executable, "-c", "pass"], env, False),
        "python -c 'import typer'": ([sys.executable, "-c", "import typer"], env, False),
        "explain ACO (text, piped)": ([nhsjargon, "explain", "ACO"], env, False),
        "explain ACO --format json": ([nhsjargon, "explain", "ACO", "--format", "json"], env, False),
        "explain ACO --format rich": ([nhsjargon, "explain", "ACO", "--format", "rich"], env, False),
        "search 'what replaced CCGs'": ([nhsjargon, "search", "what replaced CCGs"], env, False),
        "explain ACO, first run, no cache": ([nhsjargon, "explain", "ACO"], cold, True),
    }
    for argv, case_env, fresh in cases.values():  # warm the cache and the OS file cache
        time_once(argv, case_env, fresh)
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (argv, case_env, fresh) in cases.items():
            samples[name].append(time_once(argv, case_env, fresh))
    long_query = min(time_once([nhsjargon, "search", words], env) for _ in range(3))
    floor = statistics.median(samples["python -c pass"])
    typer = statistics.median(samples["python -c 'import typer'"])
    entries = (
        subprocess.run(
            [nhsjargon, "list", "--format", "csv"], env=env, capture_output=True, text=True, check=False
        ).stdout.count("\n")
        - 1
    )
    print(f"{args.runs} interleaved runs each; Python {sys.version.split()[0]}; {entries} entries\n")
    print("| case | median (ms) | to python -c pass | to import typer |")
    print("| --- | ---: | ---: | ---: |")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"| {name} | {median * 1000:.1f} | {median / floor:.2f}x | {median / typer:.2f}x |")
    print(
        f"| search, a 20,000-word query (best of 3) | {long_query * 1000:.0f} | "
        f"{long_query / floor:.1f}x | {long_query / typer:.1f}x |"
    )
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
