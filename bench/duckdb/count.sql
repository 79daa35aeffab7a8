-- The count of counting.md §3 in DuckDB SQL: for every year YEAR_FROM..YEAR_TO
-- the window of MONTHS months from FIRST_MONTH, all levels, in the row order and
-- the printed figures of `banenmonitor count --by all --format csv`.
-- Placeholders (replaced by count.mjs): {DIR} {YEAR_FROM} {YEAR_TO} {MONTH_FROM} {MONTH_TO}
-- (two digits) {WINDOW} {PER_JOB} (micro-hours per job in the window, 1331 x MONTHS / 12 hours).
-- Every figure is exact integer arithmetic in micro-hours (HUGEINT where it can
-- exceed 64 bits), rounded half away from zero like src/report/number_format.cc.
-- DuckDB's CSV reader types the columns (hours as DECIMAL(18, 6): exact to the
-- micro-hour; ids and periods as text). Unlike the engine, fields are not
-- trimmed of blanks: the files are assumed to be written without them, as the
-- generator and tests/reference/random_delivery.py write them.
CREATE OR REPLACE TEMP MACRO fixed(num, den, d) AS
  (CASE WHEN num < 0 AND (abs(CAST(num AS HUGEINT)) * (CASE d WHEN 1 THEN 10 ELSE 100 END) * 2 + den) // (2 * den) <> 0 THEN '-' ELSE '' END)
  || CAST(((abs(CAST(num AS HUGEINT)) * (CASE d WHEN 1 THEN 10 ELSE 100 END) * 2 + den) // (2 * den)) // (CASE d WHEN 1 THEN 10 ELSE 100 END) AS VARCHAR)
  || '.' || lpad(CAST(((abs(CAST(num AS HUGEINT)) * (CASE d WHEN 1 THEN 10 ELSE 100 END) * 2 + den) // (2 * den)) % (CASE d WHEN 1 THEN 10 ELSE 100 END) AS VARCHAR), d, '0');

WITH
employers AS (
  SELECT row_number() OVER () AS ord, trim(employer_id) AS employer_id, trim(sector) AS sector,
         CASE WHEN trim(sector) = 'market' THEN 'market' ELSE trim(subsector) END AS subsector,
         coalesce(trim(organisation), '') AS organisation
  FROM read_csv('{DIR}/employers.csv', header = true, all_varchar = true)  -- small: every column as text
),
register AS (
  SELECT person_id, start_date, nullif(end_date, '') AS end_date
  FROM read_csv('{DIR}/register.csv', header = true,
                types = {'person_id': 'VARCHAR', 'ground': 'VARCHAR', 'start_date': 'VARCHAR', 'end_date': 'VARCHAR'})
  WHERE ground <> 'voorziening'                                    -- Wfsv art. 38b lid 2: not for this count
    AND (nullif(end_date, '') IS NULL OR end_date >= start_date)     -- a period that ends before it starts covers no day
),
payroll AS (                                                       -- rule 2: summed per person, employer, month
  SELECT person_id, employer_id, period, sum(micro) AS h, coalesce(sum(micro) FILTER (WHERE wsw = '1'), 0) AS wsw_h
  FROM (
    SELECT person_id, employer_id, period, CAST(hours * 1000000 AS BIGINT) AS micro, wsw
    FROM read_csv('{DIR}/payroll.csv', header = true,
                  types = {'person_id': 'VARCHAR', 'employer_id': 'VARCHAR', 'period': 'VARCHAR',
                           'hours': 'DECIMAL(18, 6)', 'wsw': 'VARCHAR'})
  )
  WHERE period BETWEEN '{YEAR_FROM}-01' AND '{YEAR_TO}-12' AND substr(period, 6, 2) BETWEEN '{MONTH_FROM}' AND '{MONTH_TO}'
  GROUP BY ALL
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
    SELECT person_id, lender_id, hirer_id, period, CAST(hours * 1000000 AS BIGINT) AS micro
    FROM read_csv('{DIR}/hire_in.csv', header = true,
                  types = {'person_id': 'VARCHAR', 'lender_id': 'VARCHAR', 'hirer_id': 'VARCHAR', 'period': 'VARCHAR',
                           'hours': 'DECIMAL(18, 6)'})
    WHERE period BETWEEN '{YEAR_FROM}-01' AND '{YEAR_TO}-12' AND substr(period, 6, 2) BETWEEN '{MONTH_FROM}' AND '{MONTH_TO}'
  ) h JOIN employers e ON e.employer_id = h.hirer_id
  GROUP BY ALL
),
requests AS (                                                      -- rule 3: hire-in rows behind a counted payroll cell
  SELECT c.person_id, c.employer_id, c.period, c.h, h.hirer_id, h.hirer_ord, h.x,
         sum(h.x) OVER (PARTITION BY c.person_id, c.employer_id, c.period) AS s
  FROM cells c JOIN hire h ON h.person_id = c.person_id AND h.lender_id = c.employer_id AND h.period = c.period
),
scaled AS (                                                        -- capped at payroll, scaled down pro rata (Besluit Wfsv art. 2.30)
  SELECT *,
         CASE WHEN s <= h THEN x ELSE CAST((CAST(x AS HUGEINT) * h) // s AS BIGINT) END AS base,
         CASE WHEN s <= h THEN 0 ELSE CAST((CAST(x AS HUGEINT) * h) % s AS BIGINT) END AS rem
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
  SELECT person_id, employer_id, period, sum(hired) AS a FROM shares GROUP BY ALL
),
direct AS (                                                        -- rule 4: the rest, less its Wsw part, stays direct
  SELECT c.person_id, c.employer_id, c.period,
         CASE WHEN c.h - coalesce(a.a, 0) > 0
              THEN CAST((CAST(c.h - coalesce(a.a, 0) AS HUGEINT) * (c.h - c.wsw_h) * 2 + c.h) // (2 * c.h) AS BIGINT)
              ELSE 0 END AS d
  FROM cells c LEFT JOIN attributed a USING (person_id, employer_id, period)
),
contributions AS (
  SELECT CAST(substr(period, 1, 4) AS INTEGER) AS year, person_id, employer_id, d AS direct, 0 AS hired
  FROM direct WHERE d > 0
  UNION ALL
  SELECT CAST(substr(period, 1, 4) AS INTEGER), person_id, hirer_id, 0, hired FROM shares WHERE hired > 0
),
per_person AS (                                                    -- a person's hours per employer and year
  SELECT year, person_id, employer_id, sum(direct) AS direct, sum(hired) AS hired
  FROM contributions GROUP BY ALL
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
  FROM per_person p JOIN scope_of s USING (employer_id) GROUP BY ALL
),
per_scope AS (                                                     -- rule 7: persons with more than 0 hours
  SELECT year, level, scope, count(*) AS persons, sum(direct) AS direct, sum(hired) AS hired
  FROM per_scope_person GROUP BY ALL
),
scopes AS (
  SELECT DISTINCT y.year, s.level, s.scope FROM scope_of s, range({YEAR_FROM}, {YEAR_TO} + 1) AS y(year)
),
targets AS (
  SELECT CAST(trim(year) AS INTEGER) AS year, trim(scope) AS scope,
         CAST(round(CAST(coalesce(nullif(trim(baseline_jobs), ''), '0') AS DECIMAL(38, 10)) * 1000000000) AS HUGEINT) AS b,
         CAST(round(CAST(nullif(trim(target_extra_jobs), '') AS DECIMAL(38, 10)) * 1000000000) AS HUGEINT) AS t
  FROM read_csv('{DIR}/targets.csv', header = true, all_varchar = true)
),
figures AS (
  SELECT sc.year, sc.level, sc.scope, coalesce(ps.persons, 0) AS persons,
         CAST(coalesce(ps.direct, 0) + coalesce(ps.hired, 0) AS HUGEINT) AS h,
         CAST(coalesce(ps.direct, 0) AS HUGEINT) AS hd, CAST(coalesce(ps.hired, 0) AS HUGEINT) AS hh,
         coalesce(t.b, 0) AS b, t.t,
         CAST({PER_JOB} AS HUGEINT) AS pj
  FROM scopes sc
  LEFT JOIN per_scope ps USING (year, level, scope)
  LEFT JOIN targets t USING (year, scope)
),
exact AS (                                                         -- rules 5 and 8 as exact fractions (num, den > 0)
  SELECT *, h * 1000000000 - b * pj AS extra_num, pj * 1000000000 AS extra_den FROM figures
)
SELECT year, '{WINDOW}' AS "window", scope, persons,
       -- fixed(num, den, decimals): round |num| / den half up, the sign in front unless the result is 0
       fixed(h, 1000000, 2) AS hours, fixed(h, pj, 2) AS jobs, fixed(hd, pj, 2) AS jobs_direct,
       fixed(hh, pj, 2) AS jobs_hired_in, fixed(b, 1000000000, 2) AS baseline_jobs,
       fixed(extra_num, extra_den, 2) AS extra_jobs,
       CASE WHEN t IS NULL THEN '' ELSE fixed(t, 1000000000, 2) END AS target_extra_jobs,
       CASE WHEN t IS NULL OR t = 0 THEN ''
            ELSE fixed(extra_num * 100000000000 * sign(t), extra_den * abs(t), 1) END AS realisation_pct
FROM exact
ORDER BY year, level, scope;
