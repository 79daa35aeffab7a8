// The DuckDB peer of `banenmonitor import` (bench/README.md, "Import"): loads
// every CSV file of a delivery with DuckDB's own reader (read_csv, types
// detected) into tables of a persistent database file and checkpoints it, so
// that the rows are on disk when it exits.
//
//   node load.mjs --data DIR --db FILE [--threads 2]
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const args = { data: '', db: '', threads: '2' };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in args) || i + 1 >= process.argv.length) {
    console.error('usage: node load.mjs --data DIR --db FILE [--threads N]');
    process.exit(64);
  }
  args[key] = process.argv[i + 1];
}
if (!args.data || !args.db) {
  console.error('load.mjs: --data DIR and --db FILE are required');
  process.exit(64);
}
// A fresh database every run: the load, not an append, is measured.
for (const f of [args.db, args.db + '.wal']) rmSync(f, { force: true });
const tables = ['delivery', 'employers', 'register', 'targets', 'payroll', 'hire_in', 'employer_hours', 'sroi'];
const instance = await DuckDBInstance.create(resolve(args.db), { threads: args.threads });
const connection = await instance.connect();
for (const table of tables) {
  const file = join(resolve(args.data), `${table}.csv`);
  if (!existsSync(file)) continue;
  await connection.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}', header = true)`);
}
await connection.run('CHECKPOINT');
const reader = await connection.runAndReadAll(
  tables.filter((t) => existsSync(join(resolve(args.data), `${t}.csv`))).map((t) => `SELECT '${t}', count(*) FROM ${t}`).join(' UNION ALL '));
let total = 0n;
for (const [, n] of reader.getRowsJS()) total += BigInt(n);
connection.closeSync();
instance.closeSync();
console.log(`loaded ${total} rows into ${args.db}`);
