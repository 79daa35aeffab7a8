// The dashboard benchmark (issue 20 item 3): per run it starts `banenmonitor
// serve` on a workspace and measures
//   (a) serve start to listening (the address printed: prepared, accepting),
//   (b) the first data request's latency (/api/v1/realisation, latest year, as
//       the analyst, right after login over HTTP),
//   (c) login-to-drawn-page in headless Chromium (playwright-core of
//       tests/e2e/) for the analyst and for a sector user: from the click on
//       "Inloggen" until #status says "Cijfers bijgewerkt." (the e2e test's ready),
// and prints the medians over RUNS runs (a new server each run).
//
//   node bench/dashboard/run.mjs --workspace WS --analyst NAME --sector NAME --password-stdin < pw
// Env: BANENMONITOR_BINARY (build/banenmonitor), CHROMIUM (/usr/bin/chromium), RUNS (3).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', '..', 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');
const binary = process.env.BANENMONITOR_BINARY || join(here, '..', '..', 'build', 'banenmonitor');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const runs = Number(process.env.RUNS || 3);
const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const workspace = arg('--workspace'), analyst = arg('--analyst'), sector = arg('--sector');
if (!workspace || !analyst || !sector || !process.argv.includes('--password-stdin')) {
  console.error('usage: run.mjs --workspace WS --analyst NAME --sector NAME --password-stdin');
  process.exit(2);
}
const password = readFileSync(0, 'utf8').split('\n')[0];
const now = () => Number(process.hrtime.bigint()) / 1e9;

function startServe() {
  const t0 = now();
  const server = spawn(binary, ['serve', '--workspace', workspace, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  server.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ server, base: `http://127.0.0.1:${m[1]}`, listening: now() - t0, err: () => err });
    });
    server.on('exit', (code) => reject(new Error('serve stopped with ' + code + ': ' + err)));
  });
}

async function firstDataRequest(base) {
  const login = await fetch(base + '/api/v1/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: analyst, password }),
  });
  if (!login.ok) throw new Error('login ' + login.status);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const snaps = await (await fetch(base + '/api/v1/snapshots', { headers: { Cookie: cookie } })).json();
  const year = snaps.years.at(-1);
  const t0 = now();
  const res = await fetch(`${base}/api/v1/realisation?year=${year}`, { headers: { Cookie: cookie } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error('realisation ' + res.status);
  return now() - t0;
}

async function loginToDrawn(browser, base, name) {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.getByLabel('Gebruikersnaam').fill(name);
  await page.getByLabel('Wachtwoord').fill(password);
  const t0 = now();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Cijfers bijgewerkt.', null, { timeout: 300000 });
  const t = now() - t0;
  await context.close();
  return t;
}

const median = (xs) => { const s = xs.slice().sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const rows = { 'serve start to listening': [], 'first data request (realisation)': [],
  [`login to drawn page: analyst (${analyst})`]: [], [`login to drawn page: sector (${sector})`]: [],
  [`login to drawn page: sector again (${sector})`]: [] };
const keys = Object.keys(rows);
for (let r = 1; r <= runs; r++) {
  const s = await startServe();
  try {
    rows[keys[0]].push(s.listening);
    rows[keys[1]].push(await firstDataRequest(s.base));
    rows[keys[2]].push(await loginToDrawn(browser, s.base, analyst));
    rows[keys[3]].push(await loginToDrawn(browser, s.base, sector));
    rows[keys[4]].push(await loginToDrawn(browser, s.base, sector));
  } finally {
    s.server.kill('SIGTERM');
    await new Promise((res) => s.server.once('exit', res));
  }
  console.error(`run ${r}: ` + keys.map((k) => rows[k].at(-1).toFixed(3)).join(' '));
}
await browser.close();
console.log(`| measure | runs | median s | min-max s |`);
console.log(`|---|---|---|---|`);
for (const k of keys) {
  const xs = rows[k];
  console.log(`| ${k} | ${xs.length} | ${median(xs).toFixed(3)} | ${Math.min(...xs).toFixed(3)}-${Math.max(...xs).toFixed(3)} |`);
}
