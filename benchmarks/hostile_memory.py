"""Benchmark: peak memory of `nhsjargon decode` on documents made to exhaust it.

    python benchmarks/hostile_memory.py [--size-mb 200] [--keep DIR]

Three documents of the size asked for, written to a temporary folder: random capital-letter
tokens of 2 to 7 letters (each could be an acronym; millions distinct), random tokens of 8 to
40 letters, and ordinary prose with acronyms. Each is decoded once by the installed command
(output thrown away) after a one-line document, the baseline measured in the same run; the
table gives wall time and peak resident memory (from getrusage of a probe's children). The
promise is at most 64 MiB for each. Standard library only; run by hand, not in CI.
"""

from __future__ import annotations

import argparse
import random
import shutil
import string
import subprocess
import sys
import tempfile
from pathlib import Path

PROBE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(done.returncode, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
WORDS = "the board met and agreed a plan for care with local partners in the region".split()
ACRONYMS = ["ICB", "ICS", "PCN", "CCG", "NHS", "A&E", "GP", "STP", "CQC"]
MIB = 1024 * 1024


def nhsjargon() -> str:
    found = shutil.which("nhsjargon", path=str(Path(sys.executable).parent)) or shutil.which("nhsjargon")
    if not found:
        sys.exit("install nhsjargon first (pip install .)")
    return found


def write(path: Path, size: int, token: object) -> Path:
    pick = random.Random(path.name)
    written = 0
    with path.open("w", encoding="ascii") as handle:
        while written < size:
            line = " ".join(token(pick) for _ in range(20_000)) + "\n"  # type: ignore[operator]
            handle.write(line)
            written += len(line)
    return path


def capitals(shortest: int, longest: int) -> object:
    return lambda pick: "".join(pick.choices(string.ascii_uppercase, k=pick.randint(shortest, longest)))


def prose(pick: random.Random) -> str:
    return pick.choice(ACRONYMS) if pick.random() < 0.05 else pick.choice(WORDS)


def measure(path: Path) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, nhsjargon(), "decode", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    code, seconds, peak_kib = done.stdout.split()
    if code != "0":
        sys.exit(f"decode {path} failed with exit code {code}")
    return float(seconds), int(peak_kib) * 1024 / MIB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="write the documents here and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="nhsjargon-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    size = args.size_mb * 1_000_000
    try:
        small = folder / "one-line.txt"
        small.write_text("The ICB met the PCN.\n", encoding="ascii")
        measure(small)  # fills the cache, so that the baseline is a cached run
        cases = [
            ("one line (baseline)", small),
            (f"{args.size_mb} MB of 2-7 capitals", write(folder / "short.txt", size, capitals(2, 7))),
            (f"{args.size_mb} MB of 8-40 capitals", write(folder / "long.txt", size, capitals(8, 40))),
            (f"{args.size_mb} MB of prose", write(folder / "prose.txt", size, prose)),
        ]
        print(f"{'document':<28} {'seconds':>8} {'peak MiB':>9}")
        for label, path in cases:
            seconds, peak = measure(path)
            verdict = "" if peak <= 64 else "  over 64 MiB"
            print(f"{label:<28} {seconds:>8.2f} {peak:>9.1f}{verdict}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
