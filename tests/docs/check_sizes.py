#!/usr/bin/env python3
"""No file in src/ or include/ is longer than 600 lines and no function longer than 150 (issue 16).

A function is found by its braces: a line that opens a body ("...) ... {" or a lambda-free
definition head ending in "{") at any indentation, up to the "}" at the same indentation.
Namespaces, classes, structs, enums and unions are containers, not functions. Prints each
breach as FILE:LINE: what and how long, and exits 1 when there is one.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
MAX_FILE = 600
MAX_FUNCTION = 150
CONTAINER = re.compile(r"^\s*(namespace|class|struct|enum|union|extern|template\s*<[^>]*>\s*(class|struct))\b")
HEAD = re.compile(r"\)\s*(const|override|final|noexcept|->\s*[\w:<>,*& ]+|\s)*\{\s*$")


def functions(lines):
    """Yields (first line number, length) of each function body in `lines`."""
    open_at = {}  # indentation -> line number of the head
    for n, line in enumerate(lines, 1):
        stripped = line.rstrip("\n")
        indent = len(stripped) - len(stripped.lstrip(" "))
        if HEAD.search(stripped) and not CONTAINER.match(stripped) and indent not in open_at:
            if not re.match(r"^\s*(if|for|while|switch|else|do|catch|try)\b", stripped) and "[" not in stripped.split("(")[0]:
                open_at[indent] = n
                continue
        if stripped.strip() in ("}", "};") and indent in open_at:
            start = open_at.pop(indent)
            yield start, n - start + 1
            for deeper in [i for i in open_at if i > indent]:
                del open_at[deeper]


def main() -> int:
    bad = []
    for folder in ("src", "include"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".cc", ".h") or "generated" in path.parts:
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            rel = path.relative_to(ROOT)
            if len(lines) > MAX_FILE:
                bad.append(f"{rel}:1: file of {len(lines)} lines (at most {MAX_FILE})")
            for start, length in functions(lines):
                if length > MAX_FUNCTION:
                    bad.append(f"{rel}:{start}: function of {length} lines (at most {MAX_FUNCTION})")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
