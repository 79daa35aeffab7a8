#!/usr/bin/env python3
"""Independent reference implementation of the banenafspraak counting rules.

This is a deliberately plain, slow-but-obvious implementation of
``docs/counting.md`` (data contract §2, rules §3, output contract §4).
It uses only the Python standard library and exact arithmetic
(:class:`fractions.Fraction`); numbers are rounded only when printed, half away
from zero.  It exists to cross-check the C++ engine (see ``compare.py``); it was
written from the spec alone, without looking at the C++ code.

Usage::

    python3 count_reference.py --data DIR --year Y [--window q4|q1|q2|q3|year]
                               [--by sector|subsector|organisation|employer]
                               [--format csv]

Rules (spec §3), with the legal articles the spec names:

1. Eligible person-month: a person counts in month m when a register row with a
   ground other than ``voorziening`` (Wfsv art. 38b lid 2) covers at least one
   day of m; the whole month's hours then count (part-period rule, Wfsv art. 38g
   lid 8).  ``gelijkgesteld`` (Pwet art. 78d) counts.
2. Payroll hours of (person, employer, month) are summed ("verloonde uren",
   Wfsv art. 38b lid 4).
3. Hire-in attribution (inleenverband, Besluit Wfsv art. 2.27-2.31): for the
   payroll sum h at the lender and hire-in rows x_i with S = sum x_i, min(S, h)
   is attributed; when S > h each x_i is scaled by h/S (cap at payroll hours,
   Besluit Wfsv art. 2.30).  Attributed hours count at the hirer as hired-in
   hours, the rest h - min(S, h) stays at the lender as direct hours.  Hire-in
   without payroll attributes nothing (warning on stderr).
4. Wsw: hours of a payroll row with wsw=1 count only where they are hired out
   (Wfsv art. 122n lid 4-5; Wet banenafspraak 2026 art. 4 lid 3).
5. Jobs = hours / (1331 * months_in_window / 12); 1331 hours per job-year is
   Besluit Wfsv art. 2.32 (variable G), 25.5 hours a week.
6. Scopes: total, sector, subsector:<code> (market: subsector:market),
   organisation:<name> (only when not empty), employer:<id>.
7. Persons of a scope: distinct persons with more than 0 counted hours there.
8. extra_jobs = jobs - baseline_jobs; realisation_pct = extra_jobs /
   target_extra_jobs * 100; no targets row for Y means baseline 0, no target.

Choices of the lead engineer where the spec is silent (followed here):

* Scopes of a level come from employers.csv only; a targets.csv row for a scope
  without employers produces no output row.  ``total`` is always printed.
* A register row whose end_date is before its start_date covers no day.
* Rule 4 with a (person, employer, month) group that mixes wsw=1 and wsw=0
  rows: attribution (rule 3) works on the whole group sum h; of the remainder
  r = h - min(S, h) the share r * (non-wsw hours / h) stays as direct hours,
  the wsw share does not count.
* extra_jobs and realisation_pct are computed from unrounded values;
  realisation_pct is empty when there is no targets row, the target is empty,
  or the target is 0.
* Hire-in rows with the same (person, lender, hirer, month) are summed.
* jobs_direct and jobs_hired_in are each rounded on their own.

Exit status: 0 on success, 2 on a delivery that breaks the data contract.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import math
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

# --------------------------------------------------------------------------
# Constants (spec §1, §3 rule 5, §6)
# --------------------------------------------------------------------------

#: Paid hours in one job-year, Besluit Wfsv art. 2.32 (variable G).
HOURS_PER_JOB_YEAR = Fraction(1331)

#: Months of each window (spec §3, first paragraph).
WINDOWS: dict[str, tuple[int, ...]] = {
    "q1": (1, 2, 3),
    "q2": (4, 5, 6),
    "q3": (7, 8, 9),
    "q4": (10, 11, 12),
    "year": tuple(range(1, 13)),
}

LEVELS = ("sector", "subsector", "organisation", "employer")

HEADER = ("year,window,scope,persons,hours,jobs,jobs_direct,jobs_hired_in,"
          "baseline_jobs,extra_jobs,target_extra_jobs,realisation_pct")

GROUNDS = {"participatiewet", "wsw", "wajong", "indicatie", "vso_pro",
           "transitie", "wia_experiment", "gelijkgesteld", "voorziening"}
#: Ground that counts for the quotum but not for the banenafspraak (rule 1).
NOT_COUNTING_GROUND = "voorziening"

GOVERNMENT_SUBSECTORS = {"rijk", "gemeenten", "provincies", "waterschappen",
                         "defensie", "politie", "rechtspraak", "po", "vo",
                         "mbo", "hbo", "wo", "umc", "onderzoek", "overig"}

EMPLOYER_ID_RE = re.compile(r"^[0-9]{9}L[0-9]{2}$")
PERIOD_RE = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
HOURS_RE = re.compile(r"^[0-9]+(\.[0-9]+)?$")
SIGNED_DECIMAL_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
BSN_RE = re.compile(r"^[0-9]{9}$")


class DeliveryError(Exception):
    """The delivery breaks the data contract of spec §2."""


# --------------------------------------------------------------------------
# Data contract (spec §2)
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Employer:
    employer_id: str
    name: str
    sector: str          # "government" | "market"
    subsector: str       # as in the file ("" allowed for market)
    organisation: str    # "" when none
    lender: str          # "none" | "agency" | "wsw"

    def scope(self, level: str) -> str | None:
        """Scope name of this employer at a level (spec §3 rule 6)."""
        if level == "total":
            return "total"
        if level == "sector":
            return self.sector
        if level == "subsector":
            # Market employers belong to subsector:market whatever the column says.
            return "subsector:" + ("market" if self.sector == "market" else self.subsector)
        if level == "organisation":
            return "organisation:" + self.organisation if self.organisation else None
        if level == "employer":
            return "employer:" + self.employer_id
        raise ValueError(level)

    def scopes(self) -> list[str]:
        """Every scope the hours of this employer count for (rule 6)."""
        levels = ("total",) + LEVELS
        return [s for s in (self.scope(lv) for lv in levels) if s is not None]


@dataclass(frozen=True)
class RegisterRow:
    person_id: str
    ground: str
    start: datetime.date
    end: datetime.date | None   # inclusive; None = still registered


@dataclass(frozen=True)
class PayrollRow:
    person_id: str
    employer_id: str
    period: tuple[int, int]
    hours: Fraction
    wsw: bool


@dataclass(frozen=True)
class HireInRow:
    person_id: str
    lender_id: str
    hirer_id: str
    period: tuple[int, int]
    hours: Fraction


@dataclass(frozen=True)
class Target:
    baseline_jobs: Fraction
    target_extra_jobs: Fraction | None


@dataclass
class Delivery:
    employers: dict[str, Employer]
    register: list[RegisterRow]
    payroll: list[PayrollRow]
    hire_in: list[HireInRow]
    targets: dict[tuple[int, str], Target]


def elfproef(bsn: str) -> bool:
    """The 11-test of a BSN: sum(d_i * (9 - i), i = 0..7) - d_8 is a multiple of 11."""
    digits = [int(c) for c in bsn]
    total = sum(d * (9 - i) for i, d in enumerate(digits[:8])) - digits[8]
    return total % 11 == 0


#: A pseudonymised id: exactly 64 hex digits (any case; lower case is canonical).
PSEUDONYM_RE = re.compile(r"^[0-9a-fA-F]{64}$")
#: A number in a spreadsheet's scientific notation (1.23456782E+08): refused.
SCIENTIFIC_RE = re.compile(r"^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)[eE][+-]?[0-9]+$")
#: Digit groups with one separator between them: space, '.', '-', '/', U+00A0, U+202F.
SEPARATED_DIGITS_RE = re.compile("^[0-9]+([ .\\-/\u00a0\u202f][0-9]+)*$")


def check_person_id(value: str, where: str) -> str:
    """The canonical form of a person id (spec §2, person ids):

    * 64 hex digits: a pseudonymised id, folded to lower case;
    * a BSN candidate: after removing no-break spaces at the ends, a leading
      apostrophe, a leading NL/nl (and one separator after it), a trailing
      ``.0``/``,0`` and the separators between digit groups, 7 to 10 digits;
      7-8 digits are left-padded with zeros, the leading zero of 10 digits is
      dropped; the 9 digits must pass the elfproef;
    * anything else (scientific notation, letters, other lengths) is refused.
    """
    if value == "":
        raise DeliveryError(f"{where}: empty person_id")
    if PSEUDONYM_RE.match(value):
        return value.lower()
    v = value.strip("\u00a0 \t")
    if SCIENTIFIC_RE.match(v):
        raise DeliveryError(f"{where}: person_id in scientific notation")
    if v.startswith("'"):
        v = v[1:]
    if len(v) > 2 and v[:2] in ("NL", "nl"):
        v = v[2:]
        if v[:1] in (" ", ".", "-", "/", "\u00a0", "\u202f"):
            v = v[1:]
    if len(v) > 2 and v[-2:] in (".0", ",0") and v[-3] in "0123456789":
        v = v[:-2]
    if not SEPARATED_DIGITS_RE.match(v):
        raise DeliveryError(f"{where}: person_id is not a BSN or a pseudonymised id")
    digits = "".join(c for c in v if c in "0123456789")
    if len(digits) in (7, 8):
        digits = digits.rjust(9, "0")
    elif len(digits) == 10 and digits[0] == "0":
        digits = digits[1:]
    elif len(digits) != 9:
        raise DeliveryError(f"{where}: person_id has {len(digits)} digits")
    if digits == "000000000" or not elfproef(digits):
        raise DeliveryError(f"{where}: person_id fails the elfproef")
    return digits


def parse_hours(value: str, where: str, maximum: Fraction | None = None) -> Fraction:
    if not HOURS_RE.match(value):
        raise DeliveryError(f"{where}: hours {value!r} is not a non-negative decimal")
    h = Fraction(value)
    if maximum is not None and h > maximum:
        raise DeliveryError(f"{where}: hours {value} above {maximum}")
    return h


def parse_period(value: str, where: str) -> tuple[int, int]:
    m = PERIOD_RE.match(value)
    if not m:
        raise DeliveryError(f"{where}: period {value!r} is not YYYY-MM")
    return int(m.group(1)), int(m.group(2))


def parse_date(value: str, where: str) -> datetime.date:
    if not DATE_RE.match(value):
        raise DeliveryError(f"{where}: date {value!r} is not YYYY-MM-DD")
    try:
        return datetime.date(int(value[0:4]), int(value[5:7]), int(value[8:10]))
    except ValueError as e:
        raise DeliveryError(f"{where}: date {value!r}: {e}") from None


def read_csv(path: str, columns: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    """Read an RFC 4180 CSV file; columns may come in any order (spec §2).

    Returns (location, row) pairs; every listed column must be in the header.
    """
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise DeliveryError(f"{path}: empty file, no header") from None
        missing = [c for c in columns if c not in header]
        if missing:
            raise DeliveryError(f"{path}: missing column(s) {', '.join(missing)}")
        if len(set(header)) != len(header):
            raise DeliveryError(f"{path}: duplicate column names")
        index = {c: header.index(c) for c in columns}
        rows = []
        for record in reader:
            where = f"{os.path.basename(path)} line {reader.line_num}"
            if record == [] or record == [""] and len(header) > 1:
                continue  # blank line
            if len(record) != len(header):
                raise DeliveryError(f"{where}: {len(record)} fields, header has {len(header)}")
            rows.append((where, {c: record[i] for c, i in index.items()}))
        return rows


def load_delivery(data_dir: str) -> Delivery:
    """Read and check a delivery directory (spec §2)."""
    def path(name: str) -> str:
        return os.path.join(data_dir, name)

    for required in ("employers.csv", "register.csv", "payroll.csv"):
        if not os.path.isfile(path(required)):
            raise DeliveryError(f"{path(required)}: required file missing")

    employers: dict[str, Employer] = {}
    for where, r in read_csv(path("employers.csv"),
                             ("employer_id", "name", "sector", "subsector",
                              "organisation", "lender")):
        eid = r["employer_id"]
        if not EMPLOYER_ID_RE.match(eid):
            raise DeliveryError(f"{where}: employer_id {eid!r} is not 9 digits, L, 2 digits")
        if eid in employers:
            raise DeliveryError(f"{where}: employer_id {eid} not unique")
        sector = r["sector"]
        if sector == "government":
            if r["subsector"] not in GOVERNMENT_SUBSECTORS:
                raise DeliveryError(f"{where}: government subsector {r['subsector']!r} unknown")
        elif sector == "market":
            if r["subsector"] not in ("", "market"):
                raise DeliveryError(f"{where}: market subsector {r['subsector']!r} not empty/market")
        else:
            raise DeliveryError(f"{where}: sector {sector!r} unknown")
        lender = r["lender"] or "none"
        if lender not in ("none", "agency", "wsw"):
            raise DeliveryError(f"{where}: lender {lender!r} unknown")
        employers[eid] = Employer(eid, r["name"], sector, r["subsector"],
                                  r["organisation"], lender)

    register: list[RegisterRow] = []
    for where, r in read_csv(path("register.csv"),
                             ("person_id", "ground", "start_date", "end_date")):
        pid = check_person_id(r["person_id"], where)
        if r["ground"] not in GROUNDS:
            raise DeliveryError(f"{where}: ground {r['ground']!r} unknown")
        start = parse_date(r["start_date"], where)
        end = parse_date(r["end_date"], where) if r["end_date"] != "" else None
        register.append(RegisterRow(pid, r["ground"], start, end))

    payroll: list[PayrollRow] = []
    for where, r in read_csv(path("payroll.csv"),
                             ("person_id", "employer_id", "period", "hours",
                              "contract", "wsw")):
        pid = check_person_id(r["person_id"], where)
        if r["employer_id"] not in employers:
            raise DeliveryError(f"{where}: employer_id {r['employer_id']!r} not in employers.csv")
        if r["contract"] not in ("permanent", "temporary", ""):
            raise DeliveryError(f"{where}: contract {r['contract']!r} unknown")
        if r["wsw"] not in ("0", "1", ""):
            raise DeliveryError(f"{where}: wsw {r['wsw']!r} not 0/1/empty")
        payroll.append(PayrollRow(pid, r["employer_id"], parse_period(r["period"], where),
                                  parse_hours(r["hours"], where, Fraction(744)),
                                  r["wsw"] == "1"))

    hire_in: list[HireInRow] = []
    if os.path.isfile(path("hire_in.csv")):
        for where, r in read_csv(path("hire_in.csv"),
                                 ("person_id", "lender_id", "hirer_id", "period", "hours")):
            pid = check_person_id(r["person_id"], where)
            lender = employers.get(r["lender_id"])
            if lender is None or lender.lender not in ("agency", "wsw"):
                raise DeliveryError(f"{where}: lender_id {r['lender_id']!r} is not an "
                                    f"agency or wsw employer in employers.csv")
            if r["hirer_id"] not in employers:
                raise DeliveryError(f"{where}: hirer_id {r['hirer_id']!r} not in employers.csv")
            hire_in.append(HireInRow(pid, r["lender_id"], r["hirer_id"],
                                     parse_period(r["period"], where),
                                     parse_hours(r["hours"], where)))

    targets: dict[tuple[int, str], Target] = {}
    if os.path.isfile(path("targets.csv")):
        for where, r in read_csv(path("targets.csv"),
                                 ("year", "scope", "baseline_jobs", "target_extra_jobs")):
            if not re.match(r"^[0-9]{4}$", r["year"]):
                raise DeliveryError(f"{where}: year {r['year']!r}")
            key = (int(r["year"]), r["scope"])
            if key in targets:
                raise DeliveryError(f"{where}: second targets row for {key}")
            for col in ("baseline_jobs", "target_extra_jobs"):
                if r[col] != "" and not SIGNED_DECIMAL_RE.match(r[col]):
                    raise DeliveryError(f"{where}: {col} {r[col]!r} is not a decimal")
            baseline = Fraction(r["baseline_jobs"]) if r["baseline_jobs"] != "" else Fraction(0)
            target = Fraction(r["target_extra_jobs"]) if r["target_extra_jobs"] != "" else None
            targets[key] = Target(baseline, target)

    return Delivery(employers, register, payroll, hire_in, targets)


# --------------------------------------------------------------------------
# Rules (spec §3)
# --------------------------------------------------------------------------

def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, month, 1)
    nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - datetime.timedelta(days=1)


def covers_a_day(row: RegisterRow, year: int, month: int) -> bool:
    """Does a register row cover at least one day of the month?

    end_date is inclusive, empty means still registered; a row that ends before
    it starts covers no day (lead's choice).
    """
    first, last = month_bounds(year, month)
    if row.end is not None and row.end < row.start:
        return False
    return row.start <= last and (row.end is None or row.end >= first)


def is_eligible(register_by_person: dict[str, list[RegisterRow]], person: str,
                year: int, month: int) -> bool:
    """Rule 1: eligible person-month (Wfsv art. 38g lid 8; voorziening excluded)."""
    return any(row.ground != NOT_COUNTING_GROUND and covers_a_day(row, year, month)
               for row in register_by_person.get(person, []))


@dataclass
class Counted:
    """Counted hours per scope, split by kind and by person (for rule 7)."""
    direct: dict[str, Fraction]
    hired_in: dict[str, Fraction]
    per_person: dict[str, dict[str, Fraction]]   # scope -> person -> hours
    warnings: list[str]


def count_hours(delivery: Delivery, year: int, window: str) -> Counted:
    """Apply rules 1-4 and 6 to every person-month of the window."""
    months = [(year, m) for m in WINDOWS[window]]
    register_by_person: dict[str, list[RegisterRow]] = defaultdict(list)
    for row in delivery.register:
        register_by_person[row.person_id].append(row)

    # Rule 2: sum payroll per (person, employer, month); keep the wsw=1 part apart (rule 4).
    payroll_total: dict[tuple, Fraction] = defaultdict(Fraction)
    payroll_wsw: dict[tuple, Fraction] = defaultdict(Fraction)
    for row in delivery.payroll:
        key = (row.person_id, row.employer_id, row.period)
        payroll_total[key] += row.hours
        if row.wsw:
            payroll_wsw[key] += row.hours

    # Hire-in rows summed per (person, lender, hirer, month), grouped per (person, lender, month).
    hires: dict[tuple, dict[str, Fraction]] = defaultdict(lambda: defaultdict(Fraction))
    for row in delivery.hire_in:
        hires[(row.person_id, row.lender_id, row.period)][row.hirer_id] += row.hours

    direct: dict[str, Fraction] = defaultdict(Fraction)
    hired_in: dict[str, Fraction] = defaultdict(Fraction)
    per_person: dict[str, dict[str, Fraction]] = defaultdict(lambda: defaultdict(Fraction))
    warnings: list[str] = []

    def credit(employer_id: str, person: str, hours: Fraction, kind: dict[str, Fraction]) -> None:
        """Rule 6: hours count for every scope of the (attributed) employer."""
        for scope in delivery.employers[employer_id].scopes():
            kind[scope] += hours
            per_person[scope][person] += hours

    for key in sorted(payroll_total):
        person, employer_id, period = key
        if period not in months:
            continue
        if not is_eligible(register_by_person, person, *period):    # rule 1
            continue
        h = payroll_total[key]                                      # rule 2
        h_wsw = payroll_wsw[key]
        attributions = hires.get(key, {})
        s = sum(attributions.values(), Fraction(0))
        attributed = min(s, h)                                      # rule 3 (art. 2.30 cap)
        for hirer_id in sorted(attributions):
            x = attributions[hirer_id]
            share = x if s <= h else x * h / s
            credit(hirer_id, person, share, hired_in)
        rest = h - attributed
        # Rule 4: the wsw=1 part of the rest does not count; the non-wsw share stays direct.
        direct_hours = rest * (h - h_wsw) / h if h > 0 else Fraction(0)
        credit(employer_id, person, direct_hours, direct)

    for key in sorted(hires):
        if key[2] in months and key not in payroll_total:
            person, lender_id, (y, m) = key
            warnings.append(f"hire-in without payroll: person {person} lender {lender_id} "
                            f"{y:04d}-{m:02d}; attributes nothing")

    return Counted(direct, hired_in, per_person, warnings)


def level_scopes(delivery: Delivery, level: str) -> list[str]:
    """Scopes of a level: those of the employers in employers.csv, byte-wise sorted."""
    scopes = {e.scope(level) for e in delivery.employers.values()}
    scopes.discard(None)
    return sorted(scopes, key=lambda s: s.encode("utf-8"))


# --------------------------------------------------------------------------
# Output (spec §4)
# --------------------------------------------------------------------------

def fmt(value: Fraction, decimals: int) -> str:
    """Exact value rounded half away from zero to `decimals` places; never "-0.00"."""
    scaled = abs(value) * 10 ** decimals
    n = math.floor(scaled + Fraction(1, 2))
    sign = "-" if value < 0 and n != 0 else ""
    digits = str(n).rjust(decimals + 1, "0")
    return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"


def report_rows(delivery: Delivery, year: int, window: str, level: str,
                counted: Counted | None = None) -> list[list[str]]:
    """Rows of the §4 CSV (without header): total first, then the level's scopes."""
    if counted is None:
        counted = count_hours(delivery, year, window)
    hours_per_job = HOURS_PER_JOB_YEAR * len(WINDOWS[window]) / 12    # rule 5
    rows = []
    for scope in ["total"] + level_scopes(delivery, level):
        d = counted.direct.get(scope, Fraction(0))
        hi = counted.hired_in.get(scope, Fraction(0))
        hours = d + hi
        persons = sum(1 for h in counted.per_person.get(scope, {}).values() if h > 0)  # rule 7
        jobs = hours / hours_per_job
        target = delivery.targets.get((year, scope))
        baseline = target.baseline_jobs if target else Fraction(0)
        goal = target.target_extra_jobs if target else None
        extra = jobs - baseline                                                # rule 8
        pct = fmt(extra / goal * 100, 1) if goal else ""                       # None or 0: empty
        rows.append([str(year), window, scope, str(persons), fmt(hours, 2), fmt(jobs, 2),
                     fmt(d / hours_per_job, 2), fmt(hi / hours_per_job, 2),
                     fmt(baseline, 2), fmt(extra, 2),
                     fmt(goal, 2) if goal is not None else "", pct])
    return rows


def render_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    out.write(HEADER + "\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


def report(delivery: Delivery, year: int, window: str, level: str,
           counted: Counted | None = None) -> str:
    """The full §4 CSV text for one (year, window, level)."""
    return render_csv(report_rows(delivery, year, window, level, counted))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="delivery directory (spec §2)")
    parser.add_argument("--year", required=True, type=int)
    parser.add_argument("--window", default="q4", choices=list(WINDOWS))
    parser.add_argument("--by", default="sector", choices=list(LEVELS))
    parser.add_argument("--format", default="csv", choices=["csv"],
                        help="only csv (accepted so the C++ command line can be mirrored)")
    args = parser.parse_args(argv)
    try:
        delivery = load_delivery(args.data)
    except (DeliveryError, OSError, csv.Error, UnicodeDecodeError) as e:
        print(f"count_reference: {e}", file=sys.stderr)
        return 2
    counted = count_hours(delivery, args.year, args.window)
    for w in counted.warnings:
        print(f"count_reference: warning: {w}", file=sys.stderr)
    sys.stdout.buffer.write(report(delivery, args.year, args.window, args.by, counted).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
