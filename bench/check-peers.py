#!/usr/bin/env python3
"""The benchmark's peers give the engine's numbers: byte-for-byte equality of
``banenmonitor count --by all --format csv`` with the SQLite peer
(bench/sqlite/count.sh) and, when it is installed, the DuckDB peer
(bench/duckdb/count.mjs) on small deliveries.

Usage::

    python3 bench/check-peers.py --binary build/banenmonitor [--seeds 6] [--peers sqlite,duckdb]
                                 [--data DIR --from 2013 --to 2024]   # one given delivery instead

Deliveries: the worked example (tests/data/example, 2023) and random valid
deliveries of tests/reference/random_delivery.py (2022-2024: every rule, BSNs
and pseudonyms, quoting, Wsw, hire-in above payroll, registrations that start
or end within a month), each for the windows q4 and year, all years at once.
The last line is ``N passed, M failed``; the exit status is 0 only when all agree.
The DuckDB peer needs ``npm ci`` in bench/duckdb (scripts/install-deps.sh --with-tests
does it); asked for and missing, it is a failure, not a skip.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "reference"))
sys.dont_write_bytecode = True

import random_delivery  # noqa: E402


def run(cmd: list[str]) -> str:
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {result.returncode}:\n{result.stderr}")
    return result.stdout


def peer_command(peer: str, data: str, first: int, last: int, window: str) -> list[str]:
    if peer == "sqlite":
        return [os.path.join(HERE, "sqlite", "count.sh"), data, str(first), str(last), window]
    if peer == "duckdb":
        return ["node", os.path.join(HERE, "duckdb", "count.mjs"), "--data", data, "--from", str(first),
                "--to", str(last), "--window", window]
    raise ValueError(peer)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--seeds", type=int, default=6)
    parser.add_argument("--peers", default="sqlite,duckdb")
    parser.add_argument("--data", help="check this delivery only")
    parser.add_argument("--from", dest="first", type=int, default=2013)
    parser.add_argument("--to", dest="last", type=int, default=2024)
    parser.add_argument("--windows", default="q4,year")
    args = parser.parse_args()
    peers = [p for p in args.peers.split(",") if p]
    if "duckdb" in peers and not os.path.isdir(os.path.join(HERE, "duckdb", "node_modules", "@duckdb")):
        print("bench/duckdb/node_modules is missing: run `npm ci` in bench/duckdb "
              "(scripts/install-deps.sh --with-tests does)", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    with tempfile.TemporaryDirectory(prefix="banenmonitor-peers-") as work:
        deliveries: list[tuple[str, str, int, int]] = []
        if args.data:
            deliveries.append((args.data, args.data, args.first, args.last))
        else:
            deliveries.append(("worked example", os.path.join(ROOT, "tests", "data", "example"), 2023, 2023))
            for seed in range(1, args.seeds + 1):
                out = os.path.join(work, f"seed-{seed}")
                random_delivery.main(["--out", out, "--seed", str(seed), "--size", "medium" if seed % 2 else "small"])
                deliveries.append((f"random delivery seed {seed}", out, 2022, 2024))
        passed = failed = 0
        for name, data, first, last in deliveries:
            for window in args.windows.split(","):
                engine = run([args.binary, "count", "--data", data, "--year", str(first), "--to-year", str(last),
                              "--window", window, "--by", "all", "--format", "csv"])
                for peer in peers:
                    try:
                        got = run(peer_command(peer, data, first, last, window))
                    except RuntimeError as e:
                        print(f"FAIL {peer} on {name}, {window}: {e}")
                        failed += 1
                        continue
                    if got == engine:
                        passed += 1
                        continue
                    failed += 1
                    print(f"FAIL {peer} on {name}, {window} ({data}): differs from banenmonitor count")
                    diff = difflib.unified_diff(engine.splitlines(), got.splitlines(), "banenmonitor", peer, lineterm="", n=0)
                    for i, line in enumerate(diff):
                        if i >= 40:
                            print("  ...")
                            break
                        print("  " + line)
        print(f"{passed} passed, {failed} failed")
        return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
