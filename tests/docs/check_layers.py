#!/usr/bin/env python3
"""No layer of src/ includes a layer above it (src/README.md).

The layers, lowest first: common, data, params, count, analysis, store, generate, report, web,
cli. A file in src/LAYER may include the public API (banenmonitor/...), its own folder and the
folders before LAYER in that list. Prints each include that breaks the order as
FILE:LINE: "folder/header.h" (LAYER must not include FOLDER) and exits 1 when there is one.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
ORDER = ["common", "data", "params", "count", "analysis", "store", "generate", "report", "web", "cli"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"')


def main() -> int:
    bad = []
    for layer in ORDER:
        allowed = set(ORDER[: ORDER.index(layer) + 1]) | {"banenmonitor"}
        for path in sorted((ROOT / "src" / layer).rglob("*")):
            if path.suffix not in (".h", ".cc", ".in"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                m = INCLUDE.match(line)
                if m and m.group(1) in ORDER and m.group(1) not in allowed:
                    bad.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()} "
                               f"({layer} must not include {m.group(1)}, a layer above it)")
    for b in bad:
        print(b)
    print(f"{len(bad)} includes of a layer above")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
