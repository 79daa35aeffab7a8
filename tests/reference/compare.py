#!/usr/bin/env python3
"""Compare the banenmonitor binary with the Python reference, byte for byte.

Usage::

    python3 compare.py --binary PATH_TO_banenmonitor [--seeds 25] [--first-seed 1]
                       [--workdir DIR] [--year 2023] [--keep]

Steps:

1. Sanity: the reference CLI (count_reference.py, run as a subprocess) must
   reproduce the five ``expected-*.csv`` files of shared/spec/example/
   (spec §5).  If it does not, the reference itself is wrong: exit 1 at once.
2. The binary on the worked example: ``BINARY count --data EXAMPLE --year Y
   --window W --by L --format csv`` against each expected file.
3. For each seed, random_delivery.py writes a delivery (odd seeds ``medium``,
   even seeds ``small``; at most ~2,000 payroll rows), and for every window
   (q1 q2 q3 q4 year) and every level (sector subsector organisation employer)
   the binary's stdout is compared with the reference output for that year.

On a mismatch the seed, the arguments and a unified diff are printed (and the
delivery is kept under the work directory).  The last line is
``N passed, M failed`` (counted outputs of steps 2 and 3).  Exit status 0 only
when all agree.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree

import count_reference  # noqa: E402
import random_delivery  # noqa: E402

WINDOWS = ["q1", "q2", "q3", "q4", "year"]
LEVELS = ["sector", "subsector", "organisation", "employer"]


def find_example_dir() -> str | None:
    """The worked example: the project's copy (tests/data/example), else shared/spec/example."""
    candidates = [os.environ.get("BANENMONITOR_SPEC_EXAMPLE", ""), os.path.join(HERE, os.pardir, "data", "example")]
    d = HERE
    for _ in range(6):
        candidates.append(os.path.join(d, "shared", "spec", "example"))
        d = os.path.dirname(d)
    candidates.append("/work/shared/spec/example")
    for c in candidates:
        if c and os.path.isdir(c):
            return c
    return None


EXPECTED_RE = re.compile(r"^expected-(\d{4})-(q1|q2|q3|q4|year)-(sector|subsector|organisation|employer)\.csv$")


def example_cases(example_dir: str) -> list[tuple[str, int, str, str]]:
    cases = []
    for name in sorted(os.listdir(example_dir)):
        m = EXPECTED_RE.match(name)
        if m:
            cases.append((os.path.join(example_dir, name), int(m.group(1)), m.group(2), m.group(3)))
    return cases


def unified(expected: str, actual: str, label_expected: str, label_actual: str,
            limit: int = 60) -> str:
    lines = list(difflib.unified_diff(expected.splitlines(keepends=True),
                                      actual.splitlines(keepends=True),
                                      label_expected, label_actual))
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more diff lines)\n"]
    return "".join(line if line.endswith("\n") else line + "\n\\ no newline\n" for line in lines)


def run_binary(binary: str, data: str, year: int, window: str, level: str) -> tuple[list[str], str | None, str]:
    """Run the binary; return (argv, stdout or None on failure, stderr)."""
    argv = [binary, "count", "--data", data, "--year", str(year), "--window", window,
            "--by", level, "--format", "csv"]
    try:
        p = subprocess.run(argv, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return argv, None, str(e)
    stderr = p.stderr.decode("utf-8", "replace")
    if p.returncode != 0:
        return argv, None, f"exit status {p.returncode}\n{stderr}"
    try:
        return argv, p.stdout.decode("utf-8"), stderr
    except UnicodeDecodeError as e:
        return argv, None, f"stdout is not UTF-8: {e}"


def sanity_check_reference(example_dir: str) -> bool:
    """Step 1: the reference CLI reproduces every expected file of spec §5."""
    ok = True
    cases = example_cases(example_dir)
    if not cases:
        print(f"sanity: no expected-*.csv in {example_dir}")
        return False
    for path, year, window, level in cases:
        p = subprocess.run([sys.executable, os.path.join(HERE, "count_reference.py"),
                            "--data", example_dir, "--year", str(year),
                            "--window", window, "--by", level], capture_output=True)
        with open(path, "rb") as f:
            expected = f.read()
        if p.returncode == 0 and p.stdout == expected:
            print(f"sanity: reference reproduces {os.path.basename(path)}")
        else:
            ok = False
            print(f"sanity: REFERENCE DIFFERS from {os.path.basename(path)} "
                  f"(exit {p.returncode})\n{p.stderr.decode()}")
            print(unified(expected.decode(), p.stdout.decode(), path, "reference"))
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare banenmonitor with the reference.")
    parser.add_argument("--binary", required=True, help="path to the banenmonitor executable")
    parser.add_argument("--seeds", type=int, default=25, help="number of random deliveries")
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--workdir", help="where deliveries are written (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep all deliveries, not only failing ones")
    args = parser.parse_args(argv)

    binary = os.path.abspath(args.binary) if os.sep in args.binary else args.binary
    workdir = args.workdir or tempfile.mkdtemp(prefix="banenmonitor-compare-")
    os.makedirs(workdir, exist_ok=True)
    passed = failed = 0

    def record(ok: bool, what: str, cmd: list[str], expected: str, actual: str | None,
               stderr: str) -> None:
        nonlocal passed, failed
        if ok:
            passed += 1
            return
        failed += 1
        print(f"MISMATCH {what}\n  command: {' '.join(cmd)}")
        if actual is None:
            print(f"  binary failed: {stderr.strip()}")
        else:
            print(unified(expected, actual, "reference", "binary"), end="")

    # Step 1: reference against the worked example.
    example_dir = find_example_dir()
    if example_dir is None:
        print("sanity: shared/spec/example not found (set BANENMONITOR_SPEC_EXAMPLE)")
        return 1
    if not sanity_check_reference(example_dir):
        print("the reference does not reproduce the worked example; not comparing")
        print(f"{passed} passed, {failed + 1} failed")
        return 1

    # Step 2: binary against the worked example.
    for path, year, window, level in example_cases(example_dir):
        with open(path, encoding="utf-8", newline="") as f:
            expected = f.read()
        cmd, out, err = run_binary(binary, example_dir, year, window, level)
        record(out == expected, f"example {os.path.basename(path)}", cmd, expected, out, err)

    # Step 3: random deliveries.
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        size = "medium" if seed % 2 else "small"
        data = os.path.join(workdir, f"seed-{seed}")
        if os.path.exists(data):
            shutil.rmtree(data)
        random_delivery.Generator(seed, size, spreadsheet_forms=True).write(data)
        delivery = count_reference.load_delivery(data)
        seed_failed = False
        for window in WINDOWS:
            counted = count_reference.count_hours(delivery, args.year, window)
            for level in LEVELS:
                expected = count_reference.report(delivery, args.year, window, level, counted)
                cmd, out, err = run_binary(binary, data, args.year, window, level)
                ok = out == expected
                record(ok, f"seed {seed} ({size}) --year {args.year} --window {window} --by {level}",
                       cmd, expected, out, err)
                seed_failed |= not ok
        if seed_failed:
            print(f"  delivery of seed {seed} kept in {data} "
                  f"(regenerate: random_delivery.py --out DIR --seed {seed} --size {size})")
        elif not args.keep:
            shutil.rmtree(data)
    if not args.workdir and not args.keep and failed == 0:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
