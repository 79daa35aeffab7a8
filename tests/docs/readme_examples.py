#!/usr/bin/env python3
"""Every shell example of README.md runs as shown and prints real figures (issue 15 item 13).

A newcomer copies the README's ```sh blocks line by line. This runs each line that calls
`build/banenmonitor`, in README order, in a fresh directory that holds what the README says is
there after `./scripts/demo.sh`: `build/banenmonitor` (the program under test), `examples/`
(the repository's) and `banenmonitor-demo/` (made by `build/banenmonitor demo`, which is what
demo.sh runs after the build; here at a small scale). Lines of `./scripts/...` (installing and
building) are not run.

An example fails when it exits non-zero, or when it is an analysis (count, quotum, scenario,
project, quality) whose figures are all zero: the same command with `--format csv` must have a
non-zero value in a column of counted figures (persons, hours, jobs, levy, ...; not the targets,
baselines, parameters or what follows from them alone, such as extra_jobs = jobs - baseline,
which are not zero for an empty delivery). Two commands cannot run
unattended as written and get what a person at the terminal gives them: `user add` types its
password twice on a terminal (run under `script`, with the password on its input), and `serve`
runs until stopped (it is given `--port 0` so that it never collides with another test, asked
for its page once and stopped).

Usage: readme_examples.py --binary build/banenmonitor [--readme README.md] [--scale 0.01]
Prints one line per example and exits 1 when one fails.
"""
import argparse
import csv
import io
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANALYSES = {"count", "quotum", "scenario", "project", "quality"}
FIGURE = re.compile(r"persons|hours|jobs|levy|shortfall|surcharge|bonus|retention|permanent|inflow|projected|realised")
NOT_A_FIGURE = re.compile(r"target|baseline|^extra_jobs$|realisation_pct|^change|threshold|quotum_pct|year|_id$|^scope$|^window$")
PASSWORD = "een-lang-wachtwoord-van-de-readme"


def examples(readme: pathlib.Path) -> list[str]:
    """The `build/banenmonitor ...` lines of the ```sh blocks, without their trailing comments."""
    out, in_block = [], False
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_block = line.strip() == "```sh" if not in_block else False
            continue
        if in_block and line.startswith("build/banenmonitor"):
            out.append(re.sub(r"\s+#.*$", "", line).strip())
    return out


def with_csv(words: list[str]) -> list[str]:
    """The same command with --format csv instead of any --format it had."""
    out, skip = [], False
    for w in words:
        if skip:
            skip = False
            continue
        if w == "--format":
            skip = True
            continue
        if w.startswith("--format="):
            continue
        out.append(w)
    return out + ["--format", "csv"]


def nonzero_figures(csv_text: str) -> list[str]:
    """Names of the columns of counted figures that hold a value other than zero."""
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    found = set()
    for row in rows:
        for column, value in row.items():
            if column is None or not FIGURE.search(column) or NOT_A_FIGURE.search(column):
                continue
            try:
                if float(value) != 0:
                    found.add(column)
            except (TypeError, ValueError):
                pass
    return sorted(found)


def run(words: list[str], cwd: pathlib.Path, stdin: str = "", timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(words, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=timeout)


def run_user_add(line: str, cwd: pathlib.Path) -> subprocess.CompletedProcess:
    # On a terminal, as the README says: the password typed twice.
    return run(["script", "-qec", line, "/dev/null"], cwd, stdin=f"{PASSWORD}\n{PASSWORD}\n")


def run_serve(words: list[str], cwd: pathlib.Path) -> tuple[bool, str]:
    proc = subprocess.Popen(words + ["--port", "0"], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        match = re.search(r"http://([\d.]+):(\d+)/", line)
        if not match:
            proc.kill()
            return False, line + proc.stderr.read()
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://{match.group(1)}:{match.group(2)}/", timeout=10) as r:
                    return r.status == 200, line
            except OSError as e:
                if time.time() > deadline:
                    return False, f"{line}{e}"
                time.sleep(0.2)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def check(line: str, cwd: pathlib.Path) -> str | None:
    """None when the example runs and prints figures; else why not."""
    words = shlex.split(line)
    command = words[1] if len(words) > 1 else ""
    if command == "serve":
        ok, said = run_serve(words, cwd)
        return None if ok else f"the dashboard did not answer: {said.strip()}"
    if command == "user" and "--password-stdin" not in words:
        r = run_user_add(line, cwd)
    else:
        r = run(words, cwd)
    if r.returncode != 0:
        return f"exit code {r.returncode}\n{r.stdout[-2000:]}{r.stderr[-2000:]}"
    if command in ANALYSES and "--explain" not in words:
        c = run(with_csv(words), cwd)
        if c.returncode != 0:
            return f"with --format csv: exit code {c.returncode}\n{c.stderr[-2000:]}"
        if not nonzero_figures(c.stdout):
            return "prints only zeros (every counted figure of its --format csv is 0)\n" + c.stdout[:1500]
    return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--readme", default=str(ROOT / "README.md"))
    parser.add_argument("--scale", default="0.01")
    args = parser.parse_args()
    lines = examples(pathlib.Path(args.readme))
    if not lines:
        print("README.md has no build/banenmonitor examples in ```sh blocks")
        return 1
    failures = 0
    with tempfile.TemporaryDirectory(prefix="banenmonitor-readme-") as tmp:
        cwd = pathlib.Path(tmp)
        (cwd / "build").mkdir()
        (cwd / "build" / "banenmonitor").symlink_to(pathlib.Path(args.binary).resolve())
        shutil.copytree(ROOT / "examples", cwd / "examples")
        demo = run(["build/banenmonitor", "demo", "--out", "banenmonitor-demo", "--scale", args.scale], cwd, timeout=600)
        if demo.returncode != 0:
            print(f"setup: build/banenmonitor demo failed ({demo.returncode}):\n{demo.stderr}")
            return 1
        for line in lines:
            started = time.time()
            why = check(line, cwd)
            print(f"{'ok  ' if why is None else 'FAIL'} {line}  ({time.time() - started:.1f} s)")
            if why is not None:
                failures += 1
                print("     " + why.replace("\n", "\n     "))
    print(f"{len(lines) - failures} of {len(lines)} README examples run as shown")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
