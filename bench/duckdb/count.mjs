// The DuckDB peer of `banenmonitor count --by all --format csv` (bench/README.md):
// runs count.sql (counting.md §3 in SQL, DuckDB's own CSV reader, no extensions)
// on a delivery directory and prints the same CSV.
//
//   node count.mjs --data DIR [--from 2013] [--to 2024] [--window q4] [--threads 2]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const args = { data: '', from: '2013', to: '2024', window: 'q4', threads: '2' };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in args) || i + 1 >= process.argv.length) {
    console.error(`usage: node count.mjs --data DIR [--from Y] [--to Y] [--window q1|q2|q3|q4|year] [--threads N]`);
    process.exit(64);
  }
  args[key] = process.argv[i + 1];
}
if (!args.data) {
  console.error('count.mjs: --data DIR is required');
  process.exit(64);
}
const first = { q1: 1, q2: 4, q3: 7, q4: 10, year: 1 }[args.window];
if (first === undefined) {
  console.error(`count.mjs: --window ${args.window}: expected q1, q2, q3, q4 or year`);
  process.exit(64);
}
const months = args.window === 'year' ? 12 : 3;
// Micro-hours per job in the window: 1331 hours a year (Besluit Wfsv art. 2.32) x months / 12.
const perJob = (1331 * 1000000 * months) / 12;
const here = dirname(fileURLToPath(import.meta.url));
// An optional file that is absent reads as an empty file with its header.
let sqlText = readFileSync(join(here, 'count.sql'), 'utf8');
const optional = {
  'hire_in.csv': 'person_id,lender_id,hirer_id,period,hours',
  'targets.csv': 'year,scope,baseline_jobs,target_extra_jobs',
};
let emptyDir = '';
for (const [file, header] of Object.entries(optional)) {
  if (existsSync(join(args.data, file))) continue;
  if (!emptyDir) emptyDir = mkdtempSync(join(tmpdir(), 'banenmonitor-duckdb-'));
  writeFileSync(join(emptyDir, file), header + '\n');
  sqlText = sqlText.replaceAll(`{DIR}/${file}`, join(emptyDir, file).replaceAll("'", "''"));
}
const sql = sqlText
  .replaceAll('{DIR}', resolve(args.data).replaceAll("'", "''"))
  .replaceAll('{YEAR_FROM}', String(Number(args.from)))
  .replaceAll('{YEAR_TO}', String(Number(args.to)))
  .replaceAll('{MONTH_FROM}', String(first).padStart(2, '0'))
  .replaceAll('{MONTH_TO}', String(first + months - 1).padStart(2, '0'))
  .replaceAll('{WINDOW}', args.window)
  .replaceAll('{PER_JOB}', String(perJob));
const [macro, query] = sql.split(/;\s*\n(?=\s*WITH\b)/);

const instance = await DuckDBInstance.create(':memory:', { threads: args.threads });
const connection = await instance.connect();
await connection.run(macro);
const reader = await connection.runAndReadAll(query);
const lines = ['year,window,scope,persons,hours,jobs,jobs_direct,jobs_hired_in,baseline_jobs,extra_jobs,target_extra_jobs,realisation_pct'];
for (const row of reader.getRowsJS()) lines.push(row.map((v) => (v === null ? '' : String(v))).join(','));
process.stdout.write(lines.join('\n') + '\n');
if (emptyDir) rmSync(emptyDir, { recursive: true, force: true });
