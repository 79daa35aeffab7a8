#!/usr/bin/env python3
"""Random but valid delivery generator for cross-checking the counting engine.

Usage::

    python3 random_delivery.py --out DIR --seed N [--size small|medium]

Writes employers.csv, register.csv, payroll.csv, hire_in.csv and targets.csv
(data contract, spec §2 of docs/counting.md) for the years 2022-2024, all
months, with most activity in 2023 (the year compare.py counts).  The same seed
and size always give the same bytes (only ``random.Random(seed)`` is used and
nothing depends on hash or directory order).

What it exercises, by rule of spec §3:

* data contract (§2): 9-digit BSNs passing the elfproef (some with leading
  zeros) mixed with 64-hex pseudonymised ids, some rows writing them as a
  spreadsheet does (leading zeros lost, separators, NL prefix, 10 digits, a
  trailing .0, upper-case hex: ``spreadsheet_form``, for compare.py); loonheffingennummers
  ``#########L##`` (some sharing the 9-digit part); columns in a shuffled order
  per file; rows shuffled; RFC 4180 quoting (names with commas, quotes, a line
  break and non-ASCII letters; some files fully quoted; some seeds use CRLF
  line ends); ``lender`` written as ``none`` or empty; ``wsw`` as ``0`` or empty;
  hours with 0-2 decimals up to 744, zero hours; contracts permanent, temporary
  or empty.
* rule 1 (Wfsv art. 38g lid 8, art. 38b lid 2): register periods starting and
  ending mid-month, several rows per person, open end dates, voorziening-only
  persons, voorziening next to a counting ground, rows with end before start,
  payroll persons that are not in the register at all.
* rule 2: several payroll rows for the same person, employer and month.
* rule 3 (Besluit Wfsv art. 2.27-2.31): hire-in below, equal to and above the
  payroll hours, to one and to two hirers, split rows for the same hirer,
  hire-in without payroll behind it, lender payroll without hire-in.
* rule 4 (Wfsv art. 122n lid 4-5): wsw=1 rows at wsw employers, seconded or
  not, occasionally mixed with wsw=0 rows in the same month.
* rule 6: government employers across several subsectors, Rijk employers with
  ministries as organisation (mixed-case codes so byte-wise sorting matters),
  market employers with subsector empty or ``market``, agency and wsw lenders,
  employers without any hours.
* rule 8: targets for total, market, government, subsectors, organisations and
  employers, some with empty or zero target, some for scopes without employers.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import random
import sys

YEARS = (2022, 2023, 2024)
COUNTING_GROUNDS = ["participatiewet", "wsw", "wajong", "indicatie", "vso_pro",
                    "transitie", "wia_experiment", "gelijkgesteld"]
GOV_SUBSECTORS = ["rijk", "gemeenten", "provincies", "waterschappen", "defensie",
                  "politie", "rechtspraak", "po", "vo", "mbo", "hbo", "wo", "umc",
                  "onderzoek", "overig"]
# Mixed case on purpose: byte-wise order puts "BZK" before "BuZa" and "IenW" before "JenV".
MINISTRIES = ["AZ", "BZK", "BuZa", "DEF", "EZK", "FIN", "IenW", "JenV", "LNV",
              "OCW", "SZW", "VWS"]
NAMES = ["Gemeente Voorbeeld", "Ministerie, afdeling Noord", 'Stichting "De Brug"',
         "Súdwest-Fryslân", "Bakkerij Markt BV", "Flex Uitzend", "SW-bedrijf Regio",
         "Waterschap Aa en Maas", "Regionale Eenheid\nOost", "", "Zorg & Co", "ROC Twente"]

SIZES = {
    # persons, extra government employers, extra market employers
    "small": dict(persons=45, gov=8, market=4),
    "medium": dict(persons=130, gov=18, market=8),
}


def make_bsn(rng: random.Random) -> str:
    """A 9-digit BSN that passes the elfproef (sum d_i*(9-i), i<8, minus d_8 = 0 mod 11)."""
    while True:
        first = [rng.randrange(10) for _ in range(8)]
        if rng.random() < 0.15:
            first[0] = 0  # leading zero: ids are text, not numbers
        check = sum(d * (9 - i) for i, d in enumerate(first)) % 11
        if check < 10:
            return "".join(map(str, first)) + str(check)


def make_person_id(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return make_bsn(rng)
    return "".join(rng.choice("0123456789abcdef") for _ in range(64))


def spreadsheet_form(rng: random.Random, pid: str) -> str:
    """The person id as a spreadsheet or a person may write it (issue 15 item 1):
    mostly canonical; sometimes a BSN without its leading zeros, with separators,
    with NL in front, with 10 digits or a trailing .0, or a pseudonymised id in
    upper case. The engine and the reference must both read it back as ``pid``."""
    if rng.random() >= 0.15:
        return pid
    if len(pid) == 64:
        return pid.upper()
    short = pid.lstrip("0") if len(pid.lstrip("0")) >= 7 else pid  # Excel keeps at least 7 digits of a BSN
    forms = [
        short,
        f"{pid[:4]}.{pid[4:6]}.{pid[6:]}",
        f"{pid[:4]}-{pid[4:6]}-{pid[6:]}",
        f"{pid[:3]} {pid[3:6]} {pid[6:]}",
        "NL" + pid,
        "0" + pid,
        short + ".0",
    ]
    return rng.choice(forms)


def make_hours(rng: random.Random, low: float, high: float) -> str:
    """Hours as text with 0, 1 or 2 decimals, within [low, high] and <= 744."""
    high = min(high, 744)
    decimals = rng.choice([0, 0, 1, 2])
    value = round(rng.uniform(low, high), decimals)
    value = max(0.0, min(value, 744.0))
    return f"{value:.{decimals}f}"


def to_cents(text: str) -> int:
    """Exact hundredths of a decimal text with at most 2 decimals."""
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def cents_text(rng: random.Random, cents: int) -> str:
    """Hundredths as text, with trailing zeros dropped or kept at random ("12", "12.5", "12.50")."""
    assert cents >= 0
    text = f"{cents // 100}.{cents % 100:02d}"
    if rng.random() < 0.5:
        text = text.rstrip("0").rstrip(".")
    return text


def rand_date(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def all_months() -> list[tuple[int, int]]:
    return [(y, m) for y in YEARS for m in range(1, 13)]


def period(ym: tuple[int, int]) -> str:
    return f"{ym[0]:04d}-{ym[1]:02d}"


class Generator:
    def __init__(self, seed: int, size: str, spreadsheet_forms: bool = False):
        """With ``spreadsheet_forms`` some person ids are written as a spreadsheet
        does (``spreadsheet_form``; compare.py); without it (the command line, the
        benchmark's SQL peers, which compare ids as text) always canonically."""
        self.spreadsheet_forms = spreadsheet_forms
        self.forms_rng = random.Random(seed * 7919 + 1)  # its own stream: the rest is the same either way
        self.rng = random.Random(seed)
        self.seed = seed
        self.size = SIZES[size]
        self.used_employer_ids: set[str] = set()
        self.used_person_ids: set[str] = set()
        self._reversed: dict[str, tuple[int, int]] = {}

    # -- employers ------------------------------------------------------------

    def employer_id(self, base: str | None = None) -> str:
        rng = self.rng
        while True:
            nine = base or "".join(str(rng.randrange(10)) for _ in range(9))
            eid = f"{nine}L{rng.randrange(1, 100):02d}"
            if eid not in self.used_employer_ids:
                self.used_employer_ids.add(eid)
                return eid

    def employers(self) -> list[dict[str, str]]:
        rng = self.rng
        rows = []

        def add(sector, subsector, organisation, lender, base=None):
            rows.append(dict(employer_id=self.employer_id(base), name=rng.choice(NAMES),
                             sector=sector, subsector=subsector, organisation=organisation,
                             lender=lender))
            return rows[-1]

        ministries = rng.sample(MINISTRIES, rng.randint(3, 6))
        # Rijk employers with ministries; two loonheffingennummers for the first ministry,
        # sharing the 9-digit part (L01 / L02 style).
        first = add("government", "rijk", ministries[0], rng.choice(["none", ""]))
        add("government", "rijk", ministries[0], "none", base=first["employer_id"][:9])
        for m in ministries[1:]:
            add("government", "rijk", m, rng.choice(["none", ""]))
        add("government", "rijk", "", "none")  # a Rijk employer without organisation
        others = rng.sample([s for s in GOV_SUBSECTORS if s != "rijk"], k=min(10, self.size["gov"]))
        for i in range(self.size["gov"]):
            sub = others[i % len(others)]
            org = rng.choice(["", "", "", "Politie NL" if sub == "politie" else ""])
            add("government", sub, org, rng.choice(["none", "none", ""]))
        for _ in range(self.size["market"]):
            add("market", rng.choice(["", "market"]), "", rng.choice(["none", ""]))
        # Lenders: agencies (market) and Wsw employers (gemeenten, sometimes market/overig).
        for _ in range(rng.randint(2, 3)):
            add("market", rng.choice(["", "market"]), "", "agency")
        for _ in range(rng.randint(2, 3)):
            sub, sector = rng.choice([("gemeenten", "government"), ("gemeenten", "government"),
                                      ("overig", "government"), ("market", "market")])
            add(sector, sub, "", "wsw")
        return rows

    # -- register -------------------------------------------------------------

    def register_rows(self, pid: str, kind: str) -> list[dict[str, str]]:
        """Register rows of one person; kind in 'normal', 'voorziening', 'absent',
        'reversed' (only a row that ends before it starts, within one month)."""
        rng = self.rng
        if kind == "absent":
            return []
        if kind == "reversed":
            ym = self.reversed_month(pid)
            start = datetime.date(ym[0], ym[1], rng.randint(12, 28))
            end = start - datetime.timedelta(days=rng.randint(1, 10))
            rows = [dict(person_id=pid, ground=rng.choice(COUNTING_GROUNDS),
                         start_date=start.isoformat(), end_date=end.isoformat())]
            if rng.random() < 0.3:
                rows.append(dict(person_id=pid, ground="voorziening",
                                 start_date="2020-01-01", end_date=""))
            return rows
        rows = []
        n = rng.choice([1, 1, 1, 2, 2, 3])
        for i in range(n):
            ground = "voorziening" if kind == "voorziening" else rng.choice(COUNTING_GROUNDS)
            if kind == "normal" and i > 0 and rng.random() < 0.2:
                ground = "voorziening"
            start = rand_date(rng, datetime.date(2016, 1, 1), datetime.date(2024, 12, 31))
            if rng.random() < 0.4:
                start = rand_date(rng, datetime.date(2022, 9, 1), datetime.date(2024, 3, 31))
            r = rng.random()
            if r < 0.4:
                end = ""
            elif r < 0.47:
                # end before start: covers no day (often within the same month)
                back = rng.randint(1, 400) if rng.random() < 0.4 else rng.randint(1, 10)
                end = (start - datetime.timedelta(days=back)).isoformat()
            elif r < 0.55:
                end = start.isoformat()  # one day
            else:
                e = start + datetime.timedelta(days=rng.randint(0, 900))
                r2 = rng.random()
                if r2 < 0.25:  # sometimes end on a month end
                    e = (e.replace(day=1) + datetime.timedelta(days=32)).replace(day=1) \
                        - datetime.timedelta(days=1)
                elif r2 < 0.45:  # or on the first day of a month (one day of that month)
                    e = e.replace(day=1)
                end = e.isoformat()
            rows.append(dict(person_id=pid, ground=ground, start_date=start.isoformat(),
                             end_date=end))
        return rows

    # -- payroll and hire-in --------------------------------------------------

    def reversed_month(self, pid: str) -> tuple[int, int]:
        """The month (in 2023) of a 'reversed' person's register row; payroll covers it."""
        if pid not in self._reversed:
            self._reversed[pid] = (2023, self.rng.randint(1, 12))
        return self._reversed[pid]

    def spell_months(self) -> list[tuple[int, int]]:
        """A run of consecutive months, mostly touching 2023."""
        rng = self.rng
        months = all_months()
        length = rng.choice([1, 2, 3, 4, 6, 9, 12, 15])
        start = rng.randrange(len(months))
        if rng.random() < 0.7:
            start = rng.randrange(8, 24)  # 2022-09 .. 2023-12
        return months[start:start + length]

    def payroll_and_hire_in(self, persons, employers):
        rng = self.rng
        normal = [e for e in employers if e["lender"] in ("none", "")]
        government = [e for e in normal if e["sector"] == "government"]
        agencies = [e for e in employers if e["lender"] == "agency"]
        wsw = [e for e in employers if e["lender"] == "wsw"]
        hirers = normal  # hired-in hours go to non-lending employers
        payroll, hire_in = [], []

        def payroll_rows(pid, eid, ym, total: str, wsw_flag: str, mix: bool):
            """One month at one employer, possibly split over several rows."""
            contract = rng.choice(["permanent", "permanent", "temporary", ""])
            split = rng.random() < 0.15
            parts = [total]
            if split:
                cents = to_cents(total)
                cut = rng.randint(0, cents)
                parts = [cents_text(rng, cut), cents_text(rng, cents - cut)]
            for part in parts:
                payroll.append(dict(person_id=pid, employer_id=eid, period=period(ym),
                                    hours=part, contract=contract,
                                    wsw=wsw_flag if wsw_flag == "1" else rng.choice(["0", "0", ""])))
            if mix:
                payroll.append(dict(person_id=pid, employer_id=eid, period=period(ym),
                                    hours=make_hours(rng, 0, 60), contract=contract,
                                    wsw=rng.choice(["0", ""])))

        def month_hours() -> str:
            r = rng.random()
            if r < 0.05:
                return rng.choice(["0", "0.00"])
            if r < 0.08:
                return make_hours(rng, 300, 744)  # several jobs' worth
            return make_hours(rng, 5, 180)

        def hire_out(pid, lender, ym, h: float):
            """Hire-in rows for (pid, lender, ym) with payroll sum h."""
            r = rng.random()
            if r < 0.2:
                return  # nothing attributed: stays with the lender
            n_hirers = 1 if rng.random() < 0.65 else 2
            chosen = rng.sample(hirers, n_hirers)
            mode = rng.random()
            if mode < 0.4:
                total = h * rng.uniform(0.1, 0.95)   # below payroll
            elif mode < 0.55:
                total = h                            # exactly the payroll
            else:
                total = h * rng.uniform(1.05, 2.0) + rng.uniform(0, 20)  # above payroll
            weights = [rng.uniform(0.2, 1) for _ in chosen]
            for hirer, w in zip(chosen, weights):
                x = int(round(total * w / sum(weights) * 100))   # cents
                if mode >= 0.4 and mode < 0.55 and n_hirers == 1:
                    x = int(round(h * 100))                      # exactly the payroll sum
                x = min(x, 744 * 100)  # a row holds at most the 744 hours of a month (data contract)
                pieces = [x]
                if rng.random() < 0.1:  # same (person, lender, hirer, month) in two rows
                    a = x // 3
                    pieces = [a, x - a]
                for p in pieces:
                    hire_in.append(dict(person_id=pid, lender_id=lender["employer_id"],
                                        hirer_id=hirer["employer_id"], period=period(ym),
                                        hours=cents_text(rng, p)))

        for pid, kind in persons:
            for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
                role = rng.random()
                months = self.spell_months()
                if kind == "reversed":
                    forced = self.reversed_month(pid)
                    months = [m for m in all_months() if m[0] == 2023 and abs(m[1] - forced[1]) <= 1]
                if role < 0.55:  # direct employment
                    pool = government if rng.random() < 0.6 else normal
                    emp = rng.choice(pool)
                    for ym in months:
                        payroll_rows(pid, emp["employer_id"], ym, month_hours(), "0", False)
                elif role < 0.8:  # agency worker, usually hired out
                    lender = rng.choice(agencies)
                    for ym in months:
                        h = month_hours()
                        payroll_rows(pid, lender["employer_id"], ym, h, "0", False)
                        hire_out(pid, lender, ym, float(h))
                else:  # Wsw employee, sometimes seconded, sometimes mixed with wsw=0 hours
                    lender = rng.choice(wsw)
                    for ym in months:
                        h = month_hours()
                        mix = rng.random() < 0.12
                        payroll_rows(pid, lender["employer_id"], ym, h, "1", mix)
                        if rng.random() < 0.7:
                            hire_out(pid, lender, ym, float(h) * (1.2 if mix else 1.0))
            if rng.random() < 0.06:
                # hire-in without any payroll behind it at that lender and month
                lender = rng.choice(agencies + wsw)
                ym = rng.choice(all_months())
                hire_in.append(dict(person_id=pid, lender_id=lender["employer_id"],
                                    hirer_id=rng.choice(hirers)["employer_id"], period=period(ym),
                                    hours=make_hours(rng, 1, 100)))
        # Deduplicate "hire-in without payroll" only by construction: rows may also land
        # on a month with payroll, which is fine (then it simply attributes).
        return payroll, hire_in

    # -- targets --------------------------------------------------------------

    def targets(self, employers) -> list[dict[str, str]]:
        rng = self.rng
        scopes = ["total", "market", "government"]
        subs = sorted({("subsector:" + ("market" if e["sector"] == "market" else e["subsector"]))
                       for e in employers})
        orgs = sorted({"organisation:" + e["organisation"] for e in employers if e["organisation"]})
        emps = [("employer:" + e["employer_id"]) for e in employers]
        scopes += rng.sample(subs, min(len(subs), rng.randint(2, 5)))
        scopes += rng.sample(orgs, min(len(orgs), rng.randint(1, 3)))
        scopes += rng.sample(emps, min(len(emps), rng.randint(2, 5)))
        # scopes that no employer has: must not produce an output row
        scopes += ["subsector:umc" if "subsector:umc" not in subs else "subsector:nonexistent",
                   "organisation:GEENORG", "employer:000000000L00"]
        rows = []
        for year in YEARS:
            for scope in scopes:
                if rng.random() < 0.15:
                    continue  # no row this year
                total_like = scope.startswith(("subsector:", "organisation:", "employer:"))
                baseline = "0" if total_like and rng.random() < 0.6 else \
                    f"{rng.uniform(0, 3):.{rng.choice([0, 1, 2, 3])}f}"
                r = rng.random()
                if r < 0.15:
                    target = ""
                elif r < 0.22:
                    target = rng.choice(["0", "0.00"])
                else:
                    target = f"{rng.uniform(0.1, 6):.{rng.choice([0, 1, 2])}f}"
                    if float(target) == 0:
                        target = "1"
                rows.append(dict(year=str(year), scope=scope, baseline_jobs=baseline,
                                 target_extra_jobs=target))
        return rows

    # -- all ------------------------------------------------------------------

    def generate(self) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
        rng = self.rng
        employers = self.employers()
        persons = []
        register = []
        for _ in range(self.size["persons"]):
            while True:
                pid = make_person_id(rng)
                if pid not in self.used_person_ids:
                    self.used_person_ids.add(pid)
                    break
            kind = rng.choices(["normal", "voorziening", "absent", "reversed"],
                               [0.78, 0.08, 0.10, 0.04])[0]
            persons.append((pid, kind))
            register += self.register_rows(pid, kind)
        # some registered persons never work
        for _ in range(3):
            pid = make_bsn(rng)
            if pid not in self.used_person_ids:
                self.used_person_ids.add(pid)
                register += self.register_rows(pid, "normal")
        payroll, hire_in = self.payroll_and_hire_in(persons, employers)
        targets = self.targets(employers)
        return {
            "employers.csv": (["employer_id", "name", "sector", "subsector", "organisation",
                               "lender"], employers),
            "register.csv": (["person_id", "ground", "start_date", "end_date"], register),
            "payroll.csv": (["person_id", "employer_id", "period", "hours", "contract", "wsw"],
                            payroll),
            "hire_in.csv": (["person_id", "lender_id", "hirer_id", "period", "hours"], hire_in),
            "targets.csv": (["year", "scope", "baseline_jobs", "target_extra_jobs"], targets),
        }

    def write(self, out_dir: str) -> None:
        rng = self.rng
        files = self.generate()
        os.makedirs(out_dir, exist_ok=True)
        crlf = self.seed % 5 == 4  # RFC 4180 line ends for some seeds
        for name in sorted(files):
            columns, rows = files[name]
            columns = columns[:]
            rng.shuffle(columns)          # the contract allows any column order
            rows = rows[:]
            rng.shuffle(rows)
            quoting = csv.QUOTE_ALL if rng.random() < 0.2 else csv.QUOTE_MINIMAL
            with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f, quoting=quoting, lineterminator="\r\n" if crlf else "\n")
                writer.writerow(columns)
                for row in rows:
                    values = dict(row)
                    if self.spreadsheet_forms and "person_id" in values:
                        values["person_id"] = spreadsheet_form(self.forms_rng, values["person_id"])
                    writer.writerow([values[c] for c in columns])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a random valid delivery (spec §2).")
    parser.add_argument("--out", required=True, help="directory to write (created)")
    parser.add_argument("--seed", required=True, type=int)
    parser.add_argument("--size", default="small", choices=list(SIZES))
    args = parser.parse_args(argv)
    Generator(args.seed, args.size).write(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
