#!/usr/bin/env python3
"""Every Markdown document that the code or the docs cite exists in the repository.

The code cites its specification by name (`counting.md §3`, `docs/security.md`); a citation of a
file that is not in the repository sends a reader nowhere. A cited Markdown file resolves when it
exists relative to the repository root, to the citing file's folder, or to `docs/`.
In source code only comments are read (a string literal names an output file). Prints each unresolved citation as FILE:LINE: NAME and exits 1 when there is one.
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CITATION = re.compile(r"(?<![\w./-])((?:[\w.-]+/)*[\w-]+\.md)\b")
SCANNED = ("src", "include", "tests", "bench", "fuzz", "scripts", "docs", "cmake", "examples")


def tracked_files() -> list[pathlib.Path]:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--cached", "--others", "--exclude-standard"],
                             check=True, capture_output=True, text=True).stdout.split()
        files = [ROOT / f for f in out]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: every file
        files = [p for p in ROOT.rglob("*") if p.is_file()]
    keep = []
    for p in files:
        rel = p.relative_to(ROOT)
        if "node_modules" in rel.parts or rel.parts[0].startswith("build"):
            continue
        if rel.parts[0] in SCANNED or len(rel.parts) == 1:
            keep.append(p)
    return keep


def resolves(name: str, citing: pathlib.Path) -> bool:
    return any((base / name).is_file() for base in (ROOT, citing.parent, ROOT / "docs"))


def main() -> int:
    missing = []
    for path in tracked_files():
        if not path.is_file() or path.suffix in (".png", ".pdf", ".xlsx", ".db"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        code = path.suffix in (".cc", ".h", ".in", ".mjs", ".js")
        for number, line in enumerate(text.splitlines(), 1):
            if code:  # in source code only comments cite; string literals name output files
                at = line.find("//")
                stripped = line.lstrip()
                if at >= 0:
                    line = line[at:]
                elif not stripped.startswith(("*", "/*")):
                    continue
            for match in CITATION.finditer(line):
                name = match.group(1)
                if "://" in line[max(0, match.start() - 80):match.start()] and "/" in name:
                    continue  # part of a URL
                if not resolves(name, path):
                    missing.append(f"{path.relative_to(ROOT)}:{number}: {name}")
    for m in missing:
        print(m)
    print(f"{len(missing)} cited documents not in the repository")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
