// Browser tests of the dashboard (issue 7): headless Chromium from Debian,
// driven by playwright-core, accessibility checked with axe-core (WCAG 2.1 AA).
// Starts `banenmonitor serve` on a free loopback port on a workspace with a
// small generated delivery and one user of each role.
//
//   BANENMONITOR_BINARY=build/banenmonitor node --test tests/e2e/dashboard.test.mjs
// Set SCREENSHOT_DIR to keep screenshots of the dashboard per role.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, mkdirSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const binary = process.env.BANENMONITOR_BINARY || join(here, '..', '..', 'build', 'banenmonitor');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const screenshots = process.env.SCREENSHOT_DIR || '';
const PASSWORD = 'e2e-wachtwoord-lang-genoeg';

let dir, server, base, browser;

function run(args, input) {
  return execFileSync(binary, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banenmonitor-e2e-'));
  run(['generate', '--out', join(dir, 'levering'), '--scale', '0.005', '--from', '2019', '--seed', '7']);
  run(['init', join(dir, 'ws')]);
  run(['import', join(dir, 'ws'), '--data', join(dir, 'levering'), '--label', 'Levering Q4 2024']);
  for (const [name, role, scope] of [['beheer', 'admin'], ['analist', 'analyst'], ['vng', 'sector', 'subsector:gemeenten'],
    ['rijk', 'sector', 'subsector:rijk']]) {
    run(['user', 'add', join(dir, 'ws'), name, '--role', role, ...(scope ? ['--scope', scope] : []), '--password-stdin'], PASSWORD + '\n');
  }
  server = spawn(binary, ['serve', '--workspace', join(dir, 'ws'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    server.on('exit', (code) => reject(new Error('serve stopped with ' + code + ': ' + out)));
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function login(name, password = PASSWORD, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'nl-NL', viewport });
  const page = await context.newPage();
  const errors = [];
  // The page asks /api/v1/me before login: that 401 is expected, any other error is not.
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 401/.test(m.text())) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + '/');
  await page.getByLabel('Gebruikersnaam').fill(name);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  return { context, page, errors };
}

async function ready(page) {
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Cijfers bijgewerkt.', null, { timeout: 30000 });
}

// axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays as it is).
async function accessibilityViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

async function tableTexts(page, id) {
  return page.$$eval(`#${id} tbody tr`, (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
}

test('the login page is accessible and a wrong password is refused', async () => {
  const { context, page } = await login('vng', 'verkeerd-wachtwoord');
  await page.getByRole('alert').filter({ hasText: 'Onjuiste gebruikersnaam of wachtwoord' }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await context.close();
});

test('a sector user sees its own sector and employers, and is refused another sector', async () => {
  const { context, page, errors } = await login('vng');
  await ready(page);
  assert.match(await page.textContent('#who-text'), /vng \(sector: Gemeenten\)/);
  // Only its own scope to choose.
  const scopes = await page.$$eval('#scope option', (o) => o.map((x) => x.value));
  assert.ok(scopes.length >= 1 && scopes.every((s) => s === 'subsector:gemeenten' || s.startsWith('organisation:')), scopes.join());
  // The table lists the employers of gemeenten, as the API gives them to this user.
  const mine = await page.request.get(base + '/api/v1/realisation?scope=subsector:gemeenten&level=employer');
  assert.equal(mine.status(), 200);
  const rows = await tableTexts(page, 'realisation-table');
  assert.equal(rows.length, (await mine.json()).rows.length);
  assert.ok(rows.length > 0);
  // The server refuses another sector, whatever the page does.
  for (const scope of ['subsector:rijk', 'total', 'market']) {
    const res = await page.request.get(base + '/api/v1/realisation?scope=' + encodeURIComponent(scope));
    assert.equal(res.status(), 403, scope);
  }
  const quotum = await page.request.get(base + '/api/v1/quotum?scope=subsector:rijk');
  assert.equal(quotum.status(), 403);
  // Small numbers are hidden.
  assert.match(await page.textContent('#disclosure-note'), /minder dan 10 personen/);
  // The quotum's levy is computed, never charged (Wfsv art. 122na).
  assert.match(await page.textContent('#quotum-status'), /Berekend, niet opgelegd.*122na/);
  assert.match(await page.textContent('#quotum-table caption'), /berekend, niet opgelegd/);
  assert.deepEqual(await accessibilityViolations(page), []);
  if (screenshots) {
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'dashboard-sector.png'), fullPage: true });
  }
  assert.deepEqual(errors, []);
  await context.close();
});

// The selects of the form that show their longest option cut off: "id: has of needs px".
async function cutSelects(page) {
  return page.$$eval('#controls select', (selects) => selects.flatMap((s) => {
    const has = s.offsetWidth;
    s.style.width = 'max-content';
    const needs = s.offsetWidth;
    s.style.width = '';
    return needs > has ? [`${s.id}: ${has} of ${needs} px`] : [];
  }));
}

test('every select of the form shows its longest option whole, at the tests\' width and on a 320 px phone', async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 320, height: 700 }]) {
    for (const name of ['analist', 'vng']) {
      const { context, page } = await login(name, PASSWORD, viewport);
      await ready(page);
      assert.equal(await page.$eval('#window option[value=q4]', (o) => o.textContent), '4e kwartaal (eindejaarsmeting)');
      assert.deepEqual(await cutSelects(page), [], `${name} at ${viewport.width} px`);
      // The form stays within the page's width.
      const form = await page.$eval('#controls', (f) => [f.scrollWidth, f.clientWidth]);
      assert.ok(form[0] <= form[1], `${name} at ${viewport.width} px: the form is ${form[0]} px wide in ${form[1]}`);
      await context.close();
    }
  }
});

test('the quarterly trend and the regions and grounds: national for an analyst, its own scope for a sector user', async () => {
  const { context, page, errors } = await login('analist');
  await ready(page);
  // Eight quarters of the last two years, labelled indicatief.
  const quarters = await tableTexts(page, 'quarters-table');
  const year = Number(await page.$eval('#year', (s) => s.value));
  assert.deepEqual(quarters.map((r) => r[0]), [year - 1, year].flatMap((y) => [1, 2, 3, 4].map((q) => y + 'Q' + q)));
  assert.match(await page.textContent('#quarters-note'), /indicatief/);
  assert.match(await page.textContent('#quarters-table caption'), /indicatief/);
  // The jobs of the last quarter are the year-end measurement of the realisation view.
  const total = await (await page.request.get(base + '/api/v1/realisation?scope=total&year=' + year)).json();
  const q4 = await (await page.request.get(base + '/api/v1/quarters?scope=total&year=' + year)).json();
  assert.equal(q4.quarters.at(-1).jobs, total.scope_row.jobs);
  // Every ground of the contract, and the regions add up to the total.
  const grounds = await tableTexts(page, 'grounds-table');
  assert.equal(grounds.length, 9);
  const regions = await (await page.request.get(base + '/api/v1/regions?scope=total&year=' + year)).json();
  assert.ok(regions.regions.length >= 1);
  const sum = regions.regions.reduce((a, r) => a + (r.jobs ?? 0), 0);
  if (regions.regions.every((r) => r.jobs !== null)) assert.ok(Math.abs(sum - regions.scope_row.jobs) < 0.05 * regions.regions.length);
  assert.match(await page.textContent('#regions-note'), /geen kaart/);
  assert.deepEqual(await accessibilityViolations(page), []);
  if (screenshots) {
    mkdirSync(screenshots, { recursive: true });
    await page.locator('#quarters-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'dashboard-quarters-regions.png'), fullPage: true });
  }
  assert.deepEqual(errors, []);
  await context.close();

  // A sector user gets its own scope only: the national region view is refused.
  const sector = await login('vng');
  await ready(sector.page);
  assert.equal((await sector.page.request.get(base + '/api/v1/regions?scope=total')).status(), 403);
  assert.equal((await sector.page.request.get(base + '/api/v1/quarters?scope=subsector:rijk')).status(), 403);
  const own = await (await sector.page.request.get(base + '/api/v1/regions?scope=subsector:gemeenten')).json();
  assert.equal(own.scope, 'subsector:gemeenten');
  assert.ok(own.grounds.every((g) => !('registered' in g)), 'the register is a national figure');
  assert.match(await sector.page.textContent('#quarters-note'), /Gemeenten/);
  assert.deepEqual(await accessibilityViolations(sector.page), []);
  assert.deepEqual(sector.errors, []);
  await sector.context.close();
});

test('an analyst sees every sector, switches law, sorts a table and downloads it', async () => {
  const { context, page, errors } = await login('analist');
  await ready(page);
  const scopes = await page.$$eval('#scope option', (o) => o.map((x) => x.value));
  for (const s of ['total', 'government', 'market', 'subsector:gemeenten', 'subsector:rijk']) assert.ok(scopes.includes(s), s);
  // Realisation per subsector of the government.
  await page.selectOption('#scope', 'government');
  await ready(page);
  const subsectors = await tableTexts(page, 'realisation-table');
  assert.ok(subsectors.length >= 2);
  // Sorting by a column, with the keyboard.
  const header = page.locator('#realisation-table th button', { hasText: 'Banen' }).first();
  await header.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#realisation-table th[aria-sort=ascending]');
  const sorted = await tableTexts(page, 'realisation-table');
  const numbers = sorted.map((r) => r[2]).filter((t) => t !== 'x' && t !== '.').map((t) => Number(t.replaceAll('.', '').replace(',', '.')));
  assert.deepEqual(numbers, numbers.slice().sort((a, b) => a - b));
  // The law of 2026: one national target.
  await page.selectOption('#scope', 'total');
  await ready(page);
  const before = await page.textContent('#kern');
  await page.getByRole('radio', { name: 'Wet banenafspraak 2026' }).check();
  await ready(page);
  assert.match(await page.textContent('#kern'), /Wet banenafspraak 2026/);
  assert.notEqual(await page.textContent('#kern'), before);
  const scenario = await tableTexts(page, 'scenario-table');
  assert.ok(scenario.length >= 3);
  assert.equal(await page.textContent('#scenario-note'), '');
  await page.check('#sroi');
  await ready(page);
  assert.match(await page.textContent('#scenario-note'), /beleidsmatige what-if: geen artikel van de Wet banenafspraak/);
  await page.uncheck('#sroi');
  await ready(page);
  // The chart is drawn.
  await page.waitForFunction(() => document.getElementById('trend-chart').naturalWidth > 0);
  assert.match(await page.getAttribute('#trend-chart', 'alt'), /Lijngrafiek/);
  // Download the table.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^scope,persons,jobs,/);
  assert.deepEqual(await accessibilityViolations(page), []);
  if (screenshots) {
    await page.getByRole('radio', { name: 'Huidige wet' }).check();
    await ready(page);
    await page.screenshot({ path: join(screenshots, 'dashboard-analyst.png'), fullPage: true });
  }
  // Admin pages are refused.
  assert.equal((await page.request.get(base + '/api/v1/audit')).status(), 403);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long table shows its first 100 rows in the chosen order and all of them on request', async () => {
  const { context, page, errors } = await login('analist');
  await ready(page);
  await page.selectOption('#scope', 'total');
  await page.selectOption('#level', 'employer');
  await ready(page);
  const api = await (await page.request.get(base + '/api/v1/realisation?' + new URLSearchParams({
    year: await page.inputValue('#year'), window: 'q4', scope: 'total', level: 'employer', regime: 'current', sroi: '0' }))).json();
  const all = api.rows.length;
  assert.ok(all > 100, 'the e2e delivery has more than 100 employers: ' + all);
  assert.equal((await tableTexts(page, 'realisation-table')).length, 100);
  assert.equal(await page.textContent('#realisation-table tfoot span'), 'De eerste 100 van ' + all + ' rijen. ');
  // Sorted, the first 100 are those of the whole table.
  const header = page.locator('#realisation-table th button', { hasText: 'Personen' }).first();
  await header.click();
  await page.waitForSelector('#realisation-table th[aria-sort=ascending]');
  await header.click();
  await page.waitForSelector('#realisation-table th[aria-sort=descending]');
  // Hidden figures sort last: the 100 shown are the largest visible ones of all rows.
  const shown = (await tableTexts(page, 'realisation-table')).map((r) => r[1]).filter((t) => t !== 'x' && t !== '.')
    .map((t) => Number(t.replaceAll('.', '').replace(',', '.')));
  const visible = api.rows.map((r) => r.persons).filter((v) => v !== null).sort((a, b) => b - a);
  assert.equal(shown.length, Math.min(100, visible.length));
  assert.deepEqual(shown, visible.slice(0, shown.length));
  await page.getByRole('button', { name: 'Toon alle ' + all + ' rijen' }).click();
  assert.equal((await tableTexts(page, 'realisation-table')).length, all);
  assert.equal(await page.$('#realisation-table tfoot'), null);
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an admin uploads a broken delivery (nothing changes) and a good one (a new snapshot)', async () => {
  const { context, page, errors } = await login('beheer');
  await ready(page);
  assert.equal(await page.isVisible('#admin'), true);
  // A copy of the delivery with one impossible month.
  const broken = join(dir, 'kapot');
  mkdirSync(broken);
  for (const f of readdirSync(join(dir, 'levering'))) copyFileSync(join(dir, 'levering', f), join(broken, f));
  writeFileSync(join(broken, 'payroll.csv'), readFileSync(join(broken, 'payroll.csv'), 'utf8') + '999900018,100000001L01,2024-13,10,permanent,0\n');
  const files = (d) => readdirSync(d).map((f) => join(d, f));
  await page.setInputFiles('#upload-files', files(broken));
  await page.getByRole('button', { name: 'Uploaden en importeren' }).click();
  await page.getByText('Niet geïmporteerd').waitFor();
  assert.match(await page.textContent('#upload-result'), /payroll\.csv:\d+/);
  const snaps = await (await page.request.get(base + '/api/v1/snapshots')).json();
  assert.equal(snaps.snapshots.length, 1);
  // A new delivery: another seed.
  const next = join(dir, 'levering2');
  run(['generate', '--out', next, '--scale', '0.005', '--from', '2019', '--seed', '8']);
  await page.setInputFiles('#upload-files', files(next));
  await page.getByLabel('Omschrijving').fill('Tweede levering');
  await page.getByRole('button', { name: 'Uploaden en importeren' }).click();
  await page.getByText('Geïmporteerd als snapshot 2').waitFor({ timeout: 60000 });
  assert.match(await page.textContent('#upload-result'), /Rapport gegevenskwaliteit/);
  assert.match(await page.textContent('#upload-result'), /Antwoorden voor het dashboard voorbereid in \d+,\d s\./);
  await page.waitForFunction(() => /Tweede levering/.test(document.getElementById('snapshot-line').textContent));
  await ready(page);
  // The import's time and the window in words, as a Dutch reader writes them (not ISO 8601, not "q4").
  assert.match(await page.textContent('#snapshot-line'),
    /^Levering: Tweede levering, synthetische gegevens \(snapshot 2, geïmporteerd \d{1,2} [a-z]+ \d{4} om \d\d:\d\d\)\. Meetperiode: (4e kwartaal|heel jaar|[123]e kwartaal) \d{4}\.$/);
  const audit = await tableTexts(page, 'audit-table');
  const actions = audit.map((r) => r[2]);
  for (const a of ['login', 'import', 'import-rejected']) assert.ok(actions.includes(a), a + ' in ' + actions.join());
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(errors.filter((e) => !/status of 422/.test(e)), []);
  await context.close();
});

test('a sector writes its text for the letter, an analyst accepts it, the letter holds it; another sector\'s text is 403', async () => {
  const { context, page } = await login('vng');
  await ready(page);
  const year = await page.locator('#year').inputValue();
  await page.getByLabel('Tekst van de eigen sector').fill('De gemeenten plaatsen **meer** mensen via de Participatiewet.');
  await page.getByRole('button', { name: 'Opslaan als concept' }).click();
  await page.getByText('Opgeslagen als concept.').waitFor();
  await page.getByRole('button', { name: 'Indienen' }).click();
  await page.getByText('Tekst ingediend.').waitFor();
  assert.deepEqual((await tableTexts(page, 'texts-table')).map((r) => [r[0], r[1], r[2]]), [['Gemeenten', '2', 'ingediend']]);
  assert.deepEqual(await accessibilityViolations(page), []);
  // Another sector's text, with the page's own session and CSRF token: refused, reading and writing.
  const other = await page.evaluate(async (y) => {
    const me = await (await fetch('/api/v1/me')).json();
    const write = await fetch('/api/v1/texts', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: JSON.stringify({ scope: 'subsector:rijk', year: Number(y), markdown: 'Niet van mij.', status: 'concept' }),
    });
    const read = await fetch('/api/v1/texts?year=' + y + '&scope=subsector:rijk');
    const accept = await fetch('/api/v1/texts/accept', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: JSON.stringify({ scope: 'subsector:gemeenten', year: Number(y) }),
    });
    const noCsrf = await fetch('/api/v1/texts', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scope: 'subsector:gemeenten', year: Number(y), markdown: 'Zonder token.' }),
    });
    return [write.status, read.status, accept.status, noCsrf.status];
  }, year);
  assert.deepEqual(other, [403, 403, 403, 403]);
  await context.close();

  const analyst = await login('analist');
  await ready(analyst.page);
  await analyst.page.getByRole('button', { name: 'Akkoord voor Gemeenten' }).click();
  await analyst.page.getByText('Akkoord gegeven.').waitFor();
  assert.deepEqual((await tableTexts(analyst.page, 'texts-table')).map((r) => [r[0], r[1], r[2], r[3]]),
    [['Gemeenten', '3', 'akkoord', 'analist']]);
  assert.deepEqual(analyst.errors, []);
  await analyst.context.close();

  // The letter takes the accepted text; the memo no longer lists gemeenten as not delivered.
  const out = join(dir, 'brieven');
  run(['brief', '--workspace', join(dir, 'ws'), '--year', year, '--format', 'md', '--out', out]);
  const letter = readFileSync(join(out, `kamerbrief-banenafspraak-overheid-${year}.md`), 'utf8');
  assert.match(letter, /### Gemeenten\n\n[^\n]*\n\nDe gemeenten plaatsen \*\*meer\*\* mensen via de Participatiewet\./);
  assert.doesNotMatch(letter, /ingediend, nog niet akkoord/);
  const memo = readFileSync(join(out, `beslisnota-banenafspraak-overheid-${year}.md`), 'utf8');
  assert.doesNotMatch(memo.match(/Nog geen aanpak en aandachtspunten aangeleverd: [^\n]*/)[0], /Gemeenten/);
  // Every version is kept: the third is the accepted one.
  const versions = run(['input', 'list', join(dir, 'ws'), '--year', year]);
  assert.match(versions, /subsector:gemeenten\t\d+\t3\takkoord\tanalist/);
});

test('logging out ends the session', async () => {
  const { context, page } = await login('rijk');
  await ready(page);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByText('U bent uitgelogd.').waitFor();
  assert.equal((await page.request.get(base + '/api/v1/me')).status(), 401);
  await context.close();
});
