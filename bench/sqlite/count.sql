-- The count of counting.md §3 in SQLite SQL (the second peer of bench/README.md):
-- for every year YEAR_FROM..YEAR_TO the window of MONTHS months from FIRST_MONTH,
-- all levels, printed like `banenmonitor count --by all --format csv`.
-- count.sh imports the CSV files first (sqlite3's .import: tables employers_raw,
-- register_raw, payroll_raw, hire_in_raw, targets_raw, columns named by the header)
-- and replaces the placeholders {YEAR_FROM} {YEAR_TO} {FIRST_MONTH} {MONTHS}
-- {WINDOW} {PER_JOB} (micro-hours per job in the window).
--
-- Exactness: hours, attribution (cap, largest remainder in micro-hours), Wsw
-- split, persons, hours and jobs are 64-bit integer arithmetic and print exactly
-- what the engine prints. SQLite has no 128-bit integer, so extra_jobs and
-- realisation_pct are computed in binary floating point and printed with
-- printf: they can differ from the engine's exact rounding in the last printed
-- decimal only when the exact value lies within about 1e-12 (relative) of a
-- rounding tie (…5 exactly at the third decimal of jobs or the second of the
-- percentage). Hours are read through REAL: exact for up to 6 decimals.
WITH
employers AS (
  SELECT rowid AS ord, trim(employer_id) AS employer_id, trim(sector) AS sector,
         CASE WHEN trim(sector) = 'market' THEN 'market' ELSE trim(subsector) END AS subsector,
         coalesce(trim(organisation), '') AS organisation
  FROM employers_raw
),
register AS (
  SELECT trim(person_id) AS person_id, trim(start_date) AS start_date, nullif(trim(end_date), '') AS end_date
  FROM register_raw WHERE trim(ground) <> 'voorziening'           -- Wfsv art. 38b lid 2: not for this count
    AND (nullif(trim(end_date), '') IS NULL OR trim(end_date) >= trim(start_date))  -- ends before it starts: no day
),
payroll AS (                                                       -- rule 2: summed per person, employer, month
  SELECT person_id, employer_id, period, sum(micro) AS h, sum(CASE WHEN wsw THEN micro ELSE 0 END) AS wsw_h
  FROM (
    SELECT trim(person_id) AS person_id, trim(employer_id) AS employer_id, trim(period) AS period,
           CAST(round(CAST(trim(hours) AS REAL) * 1000000) AS INTEGER) AS micro,
           coalesce(trim(wsw), '') = '1' AS wsw
    FROM payroll_raw
  )
  WHERE CAST(substr(period, 1, 4) AS INTEGER) BETWEEN {YEAR_FROM} AND {YEAR_TO}
    AND CAST(substr(period, 6, 2) AS INTEGER) BETWEEN {FIRST_MONTH} AND {FIRST_MONTH} + {MONTHS} - 1
  GROUP BY person_id, employer_id, period
),
cells AS (                                                         -- rule 1 with the part-period rule (Wfsv art. 38g lid 8)
  SELECT p.* FROM payroll p
  WHERE EXISTS (SELECT 1 FROM register r
                WHERE r.person_id = p.person_id AND r.start_date <= p.period || '-31'
                  AND (r.end_date IS NULL OR r.end_date >= p.period || '-01'))
),
hire AS (                                                          -- hire-in rows summed per (person, lender, hirer, month)
  SELECT h.person_id, h.lender_id, e.ord AS hirer_ord, h.hirer_id, h.period, sum(h.micro) AS x
  FROM (
    SELECT trim(person_id) AS person_id, trim(lender_id) AS lender_id, trim(hirer_id) AS hirer_id,
           trim(period) AS period, CAST(round(CAST(trim(hours) AS REAL) * 1000000) AS INTEGER) AS micro
    FROM hire_in_raw
  ) h JOIN employers e ON e.employer_id = h.hirer_id
  GROUP BY h.person_id, h.lender_id, e.ord, h.hirer_id, h.period
),
requests AS (                                                      -- rule 3: hire-in rows behind a counted payroll cell
  SELECT c.person_id, c.employer_id, c.period, c.h, h.hirer_id, h.hirer_ord, h.x,
         sum(h.x) OVER (PARTITION BY c.person_id, c.employer_id, c.period) AS s
  FROM cells c JOIN hire h ON h.person_id = c.person_id AND h.lender_id = c.employer_id AND h.period = c.period
),
scaled AS (                                                        -- capped at payroll, scaled down pro rata (Besluit Wfsv art. 2.30)
  SELECT *, CASE WHEN s <= h THEN x ELSE (x * h) / s END AS base,
            CASE WHEN s <= h THEN 0 ELSE (x * h) % s END AS rem
  FROM requests
),
shares AS (                                                        -- largest remainder, ties to the earlier hirer in employers.csv
  SELECT person_id, employer_id, period, hirer_id,
         base + CASE WHEN s > h AND row_number() OVER w_rank <= h - sum(base) OVER w_cell THEN 1 ELSE 0 END AS hired
  FROM scaled
  WINDOW w_cell AS (PARTITION BY person_id, employer_id, period),
         w_rank AS (PARTITION BY person_id, employer_id, period ORDER BY rem DESC, hirer_ord)
),
attributed AS (
  SELECT person_id, employer_id, period, sum(hired) AS a FROM shares GROUP BY person_id, employer_id, period
),
direct AS (                                                        -- rule 4: the rest, less its Wsw part, stays direct
  SELECT c.person_id, c.employer_id, c.period,
         CASE WHEN c.h - coalesce(a.a, 0) > 0
              THEN ((c.h - coalesce(a.a, 0)) * (c.h - c.wsw_h) * 2 + c.h) / (2 * c.h) ELSE 0 END AS d
  FROM cells c LEFT JOIN attributed a USING (person_id, employer_id, period)
),
contributions AS (
  SELECT CAST(substr(period, 1, 4) AS INTEGER) AS year, person_id, employer_id, d AS direct, 0 AS hired
  FROM direct WHERE d > 0
  UNION ALL
  SELECT CAST(substr(period, 1, 4) AS INTEGER), person_id, hirer_id, 0, hired FROM shares WHERE hired > 0
),
per_person AS (
  SELECT year, person_id, employer_id, sum(direct) AS direct, sum(hired) AS hired
  FROM contributions GROUP BY year, person_id, employer_id
),
scope_of AS (                                                      -- rule 6: the scopes of an employer, with the level's order
  SELECT employer_id, 0 AS level, 'total' AS scope FROM employers
  UNION ALL SELECT employer_id, 1, sector FROM employers
  UNION ALL SELECT employer_id, 2, 'subsector:' || subsector FROM employers
  UNION ALL SELECT employer_id, 3, 'organisation:' || organisation FROM employers WHERE organisation <> ''
  UNION ALL SELECT employer_id, 4, 'employer:' || employer_id FROM employers
),
per_scope_person AS (
  SELECT p.year, s.level, s.scope, p.person_id, sum(p.direct) AS direct, sum(p.hired) AS hired
  FROM per_person p JOIN scope_of s USING (employer_id) GROUP BY p.year, s.level, s.scope, p.person_id
),
per_scope AS (                                                     -- rule 7: persons with more than 0 hours
  SELECT year, level, scope, count(*) AS persons, sum(direct) AS direct, sum(hired) AS hired
  FROM per_scope_person GROUP BY year, level, scope
),
years(year) AS (SELECT {YEAR_FROM} UNION ALL SELECT year + 1 FROM years WHERE year < {YEAR_TO}),
scopes AS (SELECT DISTINCT y.year, s.level, s.scope FROM scope_of s, years y),
targets AS (
  SELECT CAST(trim(year) AS INTEGER) AS year, trim(scope) AS scope,
         CAST(coalesce(nullif(trim(baseline_jobs), ''), '0') AS REAL) AS b,
         CAST(nullif(trim(target_extra_jobs), '') AS REAL) AS t
  FROM targets_raw
),
figures AS (
  SELECT sc.year, sc.level, sc.scope, coalesce(ps.persons, 0) AS persons,
         coalesce(ps.direct, 0) + coalesce(ps.hired, 0) AS h, coalesce(ps.direct, 0) AS hd,
         coalesce(ps.hired, 0) AS hh, coalesce(t.b, 0) AS b, t.t, {PER_JOB} AS pj
  FROM scopes sc
  LEFT JOIN per_scope ps ON ps.year = sc.year AND ps.level = sc.level AND ps.scope = sc.scope
  LEFT JOIN targets t ON t.year = sc.year AND t.scope = sc.scope
),
printed AS (
  SELECT year, level, scope, persons,
         -- exact: round(h / den, 2) half up for h >= 0, as integers
         printf('%d.%02d', (h + 5000) / 10000 / 100, (h + 5000) / 10000 % 100) AS hours,
         printf('%d.%02d', (200 * h + pj) / (2 * pj) / 100, (200 * h + pj) / (2 * pj) % 100) AS jobs,
         printf('%d.%02d', (200 * hd + pj) / (2 * pj) / 100, (200 * hd + pj) / (2 * pj) % 100) AS jobs_direct,
         printf('%d.%02d', (200 * hh + pj) / (2 * pj) / 100, (200 * hh + pj) / (2 * pj) % 100) AS jobs_hired_in,
         printf('%.2f', b) AS baseline_jobs,
         CAST(h AS REAL) / pj - b AS extra,
         t
  FROM figures
)
SELECT year || ',{WINDOW},' || scope || ',' || persons || ',' || hours || ',' || jobs || ',' || jobs_direct || ','
       || jobs_hired_in || ',' || baseline_jobs || ','
       || CASE WHEN printf('%.2f', abs(extra)) = '0.00' THEN '0.00' ELSE printf('%.2f', extra) END || ','
       || CASE WHEN t IS NULL THEN '' ELSE printf('%.2f', t) END || ','
       || CASE WHEN t IS NULL OR t = 0 THEN ''
               WHEN printf('%.1f', abs(extra / t * 100)) = '0.0' THEN '0.0'
               ELSE printf('%.1f', extra / t * 100) END
FROM printed
ORDER BY year, level, scope;
