// Banenmonitor dashboard: plain JavaScript, no libraries, no inline script
// (the Content-Security-Policy forbids it). Every figure comes from the JSON
// API; the server decides what a user may see, this page only shows it.
'use strict';

(function () {
  const state = { me: null, years: [], minPersons: 10, sort: {}, all: {} };
  const $ = (id) => document.getElementById(id);
  // One formatter per number of decimals (a new Intl.NumberFormat per cell costs more than the cell).
  const formatters = new Map();
  const nf = (d) => {
    if (!formatters.has(d)) formatters.set(d, new Intl.NumberFormat('nl-NL', { minimumFractionDigits: d, maximumFractionDigits: d }));
    return formatters.get(d);
  };
  // A table shows its first rows (in the chosen order) and a button for the rest.
  const FIRST_ROWS = 100;
  const WINDOW_NAMES = { q4: '4e kwartaal', year: 'heel jaar', q1: '1e kwartaal', q2: '2e kwartaal', q3: '3e kwartaal' };
  // An import's time (ISO 8601, UTC) as a Dutch reader expects it: "7 december 2026 om 06:53" (Amsterdam time).
  const importedFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
  function importedAt(iso) {
    const t = new Date(iso);
    return Number.isNaN(t.getTime()) ? String(iso) : importedFormat.format(t);
  }
  const LEVEL_NAMES = { sector: 'Sector', subsector: 'Subsector', organisation: 'Organisatie (ministerie)', employer: 'Werkgever' };
  const ROLE_NAMES = { admin: 'beheerder', analyst: 'analist', sector: 'sector' };
  const LEVEL_ORDER = ['total', 'sector', 'subsector', 'organisation', 'employer'];

  function fmt(v, d, secret) {
    if (v === null || v === undefined) return secret ? 'x' : '.';
    return nf(d).format(v);
  }
  function pct(v, secret) { return v === null || v === undefined ? (secret ? 'x' : '.') : nf(1).format(v) + ' %'; }

  async function api(path, options) {
    const opts = Object.assign({ credentials: 'same-origin', headers: {} }, options || {});
    if (opts.method && opts.method !== 'GET' && state.me) opts.headers['X-CSRF-Token'] = state.me.csrf_token;
    const res = await fetch(path, opts);
    let body = null;
    const type = res.headers.get('Content-Type') || '';
    if (type.startsWith('application/json')) body = await res.json();
    if (!res.ok && res.status !== 422) {
      const err = new Error((body && body.error) || ('Fout ' + res.status));
      err.status = res.status;
      throw err;
    }
    return body;
  }

  function levelOf(scope) {
    if (scope === 'total') return 'total';
    if (scope === 'government' || scope === 'market') return 'sector';
    return scope.split(':')[0];
  }

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // A table from column definitions; sortable tables get a button per header (keyboard usable).
  function renderTable(table, caption, columns, rows) {
    table.replaceChildren();
    if (caption) table.appendChild(el('caption', {}, caption));
    const thead = el('thead');
    const tr = el('tr');
    const sort = state.sort[table.id];
    columns.forEach((c, i) => {
      const th = el('th', { scope: 'col', class: c.num ? 'num' : '' });
      if (table.classList.contains('sortable')) {
        const b = el('button', { type: 'button', class: 'sort' }, c.title);
        const dir = sort && sort.col === i ? sort.dir : null;
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : dir === -1 ? 'descending' : 'none');
        b.addEventListener('click', () => {
          const d = sort && sort.col === i ? -sort.dir : 1;
          state.sort[table.id] = { col: i, dir: d };
          renderTable(table, caption, columns, rows);
          table.querySelectorAll('th button')[i].focus();
        });
        th.appendChild(b);
      } else {
        th.textContent = c.title;
      }
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    table.appendChild(thead);
    let sorted = rows.slice();
    if (sort && columns[sort.col]) {
      const key = columns[sort.col].key;
      sorted.sort((a, b) => {
        const x = key(a), y = key(b);
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (x < y ? -1 : 1) * sort.dir;
      });
    }
    const tbody = el('tbody');
    const shown = state.all[table.id] ? sorted : sorted.slice(0, FIRST_ROWS);
    for (const r of shown) {
      const row = el('tr');
      columns.forEach((c, i) => {
        const node = c.node ? c.node(r) : null;
        const cell = el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : { class: c.num ? 'num' : (c.node ? 'bar-cell' : '') },
          node ? undefined : c.show(r));
        if (node) cell.appendChild(node);
        row.appendChild(cell);
      });
      tbody.appendChild(row);
    }
    if (sorted.length === 0) {
      const row = el('tr');
      row.appendChild(el('td', { colspan: String(columns.length) }, 'Geen gegevens.'));
      tbody.appendChild(row);
    }
    table.appendChild(tbody);
    if (shown.length < sorted.length) {
      const row = el('tr');
      const cell = el('td', { colspan: String(columns.length) });
      cell.appendChild(el('span', {}, 'De eerste ' + shown.length + ' van ' + sorted.length + ' rijen. '));
      const more = el('button', { type: 'button', class: 'more' }, 'Toon alle ' + sorted.length + ' rijen');
      more.addEventListener('click', () => {
        state.all[table.id] = true;
        renderTable(table, caption, columns, rows);
      });
      cell.appendChild(more);
      row.appendChild(cell);
      const tfoot = el('tfoot');
      tfoot.appendChild(row);
      table.appendChild(tfoot);
    }
  }

  function params(extra) {
    const f = $('controls');
    const p = new URLSearchParams();
    p.set('year', f.year.value);
    p.set('window', f.window.value);
    p.set('scope', f.scope.value);
    p.set('level', f.level.value);
    p.set('regime', f.querySelector('input[name=regime]:checked').value);
    p.set('sroi', $('sroi').checked ? '1' : '0');
    for (const [k, v] of Object.entries(extra || {})) {
      if (v === null) p.delete(k); else p.set(k, v);
    }
    return p;
  }

  function fillLevels() {
    const scope = $('scope').value;
    const from = LEVEL_ORDER.indexOf(levelOf(scope));
    const sel = $('level');
    const keep = sel.value;
    sel.replaceChildren();
    for (const l of LEVEL_ORDER.slice(Math.max(from + 1, 1))) sel.appendChild(el('option', { value: l }, LEVEL_NAMES[l]));
    if (sel.options.length === 0) sel.appendChild(el('option', { value: 'employer' }, LEVEL_NAMES.employer));
    // The server's default: the next level down, and employers below a subsector or ministry.
    const fallback = from <= 0 ? 'sector' : from === 1 ? 'subsector' : 'employer';
    sel.value = [...sel.options].some((o) => o.value === keep) && keep !== '' ? keep : fallback;
  }

  async function fillScopes() {
    const sel = $('scope');
    const keep = sel.value;
    sel.replaceChildren();
    const me = state.me;
    const year = $('year').value;
    const add = (scope, label) => sel.appendChild(el('option', { value: scope }, label));
    // REQUIRES: nothing awaited before the first add(): showDashboard reads that choice at once.
    if (me.role === 'sector') {
      add(me.scope, me.scope_label);
      const orgs = await api('/api/v1/realisation?' + new URLSearchParams({ year, scope: me.scope, level: 'organisation' }));
      for (const r of orgs.rows) add(r.scope, r.label);
    } else {
      add('total', 'Totaal (Nederland)');
      const sub = await api('/api/v1/realisation?' + new URLSearchParams({ year, scope: 'total', level: 'subsector' }));
      for (const r of sub.national) if (r.scope !== 'total') add(r.scope, r.label);
      for (const r of sub.rows) add(r.scope, r.label);
    }
    if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
  }

  function kernCard(title, value, note) {
    const d = el('div', { class: 'card stat' });
    d.appendChild(el('p', { class: 'stat-title' }, title));
    d.appendChild(el('p', { class: 'stat-value' }, value));
    if (note) d.appendChild(el('p', { class: 'muted' }, note));
    return d;
  }

  async function loadRealisation() {
    const data = await api('/api/v1/realisation?' + params());
    const kern = $('kern');
    kern.replaceChildren();
    const r = data.scope_row;
    if (r) {
      kern.appendChild(kernCard('Gerealiseerde extra banen – ' + r.label, fmt(r.extra_jobs, 0, r.secret),
        'Banen: ' + fmt(r.jobs, 0, r.secret) + ', nulmeting ' + fmt(r.baseline_jobs, 0)));
      kern.appendChild(kernCard('Opgave ' + data.year, fmt(r.target_extra_jobs, 0), 'extra banen'));
      kern.appendChild(kernCard('Realisatie', pct(r.realisation_pct, r.secret),
        data.regime === 'current' ? 'huidige wet' : 'Wet banenafspraak 2026'));
    }
    for (const n of data.national) {
      if (r && n.scope === r.scope) continue;
      kern.appendChild(kernCard('Landelijk: ' + n.label, pct(n.realisation_pct, n.secret),
        fmt(n.extra_jobs, 0, n.secret) + ' van ' + fmt(n.target_extra_jobs, 0) + ' extra banen'));
    }
    $('disclosure-note').textContent = data.disclosure_control
      ? 'x = geheim: cijfers van minder dan ' + data.min_persons + ' personen (en cijfers waaruit die af te leiden zijn) worden niet getoond. . = ontbreekt.'
      : 'Beheerder: u ziet alle cijfers zonder geheimhouding; publiceer ze niet zo.';
    $('synthetic-banner').hidden = !data.snapshot.synthetic;
    $('snapshot-line').textContent = 'Levering: ' + data.snapshot.label + (data.snapshot.synthetic ? ', synthetische gegevens' : '') +
      ' (snapshot ' + data.snapshot.id + ', geïmporteerd ' + importedAt(data.snapshot.imported_at) + '). Meetperiode: ' +
      (WINDOW_NAMES[data.window] || data.window) + ' ' + data.year + '.';
    $('provenance').textContent = 'Bron: snapshot ' + data.snapshot.id + ', parameterversie ' + data.parameter_version +
      ', ' + nf(2).format(data.hours_per_job) + ' uur per baan in deze periode. Banenmonitor ' + state.me.program_version + '.';
    const cols = [
      { title: LEVEL_NAMES[data.level] || 'Scope', key: (x) => x.label, show: (x) => x.label },
      { title: 'Personen', num: true, key: (x) => x.persons, show: (x) => fmt(x.persons, 0, x.secret) },
      { title: 'Banen', num: true, key: (x) => x.jobs, show: (x) => fmt(x.jobs, 1, x.secret) },
      { title: 'Direct', num: true, key: (x) => x.jobs_direct, show: (x) => fmt(x.jobs_direct, 1, x.secret) },
      { title: 'Ingeleend', num: true, key: (x) => x.jobs_hired_in, show: (x) => fmt(x.jobs_hired_in, 1, x.secret) },
      { title: 'Extra banen', num: true, key: (x) => x.extra_jobs, show: (x) => fmt(x.extra_jobs, 1, x.secret) },
      { title: 'Opgave', num: true, key: (x) => x.target_extra_jobs, show: (x) => fmt(x.target_extra_jobs, 0) },
      { title: 'Realisatie', num: true, key: (x) => x.realisation_pct, show: (x) => pct(x.realisation_pct, x.secret) },
    ];
    if (data.previous_year) {
      // BZK's figure (Wet banenafspraak art. 4 lid 4): against the previous calendar year.
      cols.push({ title: 'Banen ' + data.previous_year.year, num: true, key: (x) => x.jobs_previous_year, show: (x) => fmt(x.jobs_previous_year, 1, x.change_secret) });
      cols.push({ title: 'Verschil t.o.v. ' + data.previous_year.year, num: true, key: (x) => x.change_jobs, show: (x) => fmt(x.change_jobs, 1, x.change_secret) });
    }
    $('law-line').textContent = 'Geteld volgens ' + data.law.label + (data.law.code === 'wet_banenafspraak'
      ? ' (landelijk doel: ' + (data.law.national_target === null ? 'doel niet vastgesteld' : fmt(data.law.national_target, 0)) + '; voorziening telt mee)'
      : '') + (data.previous_year ? '. Vorig jaar (' + data.previous_year.year + ') geteld volgens ' + data.previous_year.law.label + '.' : '.');
    renderTable($('realisation-table'), (LEVEL_NAMES[data.level] || '') + ' binnen ' + data.scope_label + ', ' + data.year, cols, data.rows);
    $('download-csv').href = '/api/v1/export/realisation.csv?' + params();
    // The progress report covers every sector: offered to analysts and admins (the server checks it too).
    $('report-downloads').hidden = state.me.role === 'sector';
    $('report-year').textContent = String(data.year);
    for (const f of ['html', 'md', 'xlsx']) $('report-' + f).href = '/api/v1/export/report?' + new URLSearchParams({ format: f, year: String(data.year) });
  }

  async function loadTrend() {
    const p = new URLSearchParams({ scope: $('scope').value, regime: params().get('regime') });
    const data = await api('/api/v1/trend?' + p);
    const img = $('trend-chart');
    const words = data.points.map((x) => x.year + ': ' + fmt(x.extra_jobs, 0, x.secret) + ' (opgave ' + fmt(x.target_extra_jobs, 0) + ')').join('; ');
    img.alt = 'Lijngrafiek van de extra banen tegen de opgave voor ' + data.scope_label + '. ' + words + '.';
    img.src = '/api/v1/chart/trend.svg?' + p;
    $('trend-caption').textContent = 'Extra banen (doorgetrokken lijn) en opgave (gestippeld), ' + data.scope_label + ', eindejaarsmetingen.';
    renderTable($('trend-table'), 'Extra banen per jaar, ' + data.scope_label, [
      { title: 'Jaar', key: (x) => x.year, show: (x) => String(x.year) },
      { title: 'Extra banen', num: true, key: (x) => x.extra_jobs, show: (x) => fmt(x.extra_jobs, 0, x.secret) },
      { title: 'Opgave', num: true, key: (x) => x.target_extra_jobs, show: (x) => fmt(x.target_extra_jobs, 0) },
      { title: 'Realisatie', num: true, key: (x) => x.realisation_pct, show: (x) => pct(x.realisation_pct, x.secret) },
    ], data.points);
  }

  // A bar for a share of the largest value (decorative: the figure is in its own column).
  function bar(value, max) {
    const b = el('span', { class: 'bar', 'aria-hidden': 'true' });
    b.style.width = (value === null || value === undefined || !max ? 0 : Math.max(0, (100 * value) / max)) + '%';
    const wrap = el('span', { 'aria-hidden': 'true' });
    wrap.style.display = 'block';
    wrap.appendChild(b);
    return wrap;
  }

  async function loadQuarters() {
    const p = new URLSearchParams({ year: $('year').value, scope: $('scope').value });
    const data = await api('/api/v1/quarters?' + p);
    $('quarters-note').textContent = data.scope_label + ', ' + data.from_year + '–' + data.to_year + ' (' + data.label + ').';
    const max = Math.max(0, ...data.quarters.map((q) => q.jobs || 0));
    renderTable($('quarters-table'), 'Personen en banen per kwartaal (indicatief), ' + data.scope_label, [
      { title: 'Kwartaal', key: (x) => x.quarter, show: (x) => x.quarter },
      { title: 'Geregistreerd', num: true, key: (x) => x.registered, show: (x) => fmt(x.registered, 0, x.hidden.registered) },
      { title: 'Werkend', num: true, key: (x) => x.working, show: (x) => fmt(x.working, 0, x.hidden.working) },
      { title: 'Instroom', num: true, key: (x) => x.inflow_work, show: (x) => fmt(x.inflow_work, 0, x.hidden.inflow_work) },
      { title: 'Uitstroom', num: true, key: (x) => x.outflow_work, show: (x) => fmt(x.outflow_work, 0, x.hidden.outflow_work) },
      { title: 'Banen', num: true, key: (x) => x.jobs, show: (x) => fmt(x.jobs, 1, x.hidden.jobs) },
      { title: 't.o.v. vorig kwartaal', num: true, key: (x) => x.change_jobs_prev_quarter, show: (x) => fmt(x.change_jobs_prev_quarter, 1, x.hidden.change_jobs_prev_quarter) },
      { title: 'Banen (grafiek)', key: (x) => x.jobs, node: (x) => bar(x.jobs, max) },
    ], data.quarters);
  }

  async function loadRegions() {
    const p = new URLSearchParams({ year: $('year').value, scope: $('scope').value });
    const data = await api('/api/v1/regions?' + p);
    $('regions-note').textContent = data.scope_label + ', eind ' + data.year + ': banen per arbeidsmarktregio van de werkgever '
      + 'en per grond van registratie (' + data.map + '; daarom staafjes, grootste eerst).';
    const byJobs = (rows) => rows.slice().sort((a, b) => (b.jobs || 0) - (a.jobs || 0));
    const regions = byJobs(data.regions), grounds = byJobs(data.grounds);
    const maxR = Math.max(0, ...regions.map((r) => r.jobs || 0)), maxG = Math.max(0, ...grounds.map((r) => r.jobs || 0));
    renderTable($('regions-table'), 'Banen per arbeidsmarktregio, eind ' + data.year, [
      { title: 'Regio', key: (x) => x.label, show: (x) => x.label },
      { title: 'Personen', num: true, key: (x) => x.persons, show: (x) => fmt(x.persons, 0, x.hidden.persons) },
      { title: 'Banen', num: true, key: (x) => x.jobs, show: (x) => fmt(x.jobs, 1, x.hidden.jobs) },
      { title: 'Banen (grafiek)', key: (x) => x.jobs, node: (x) => bar(x.jobs, maxR) },
    ], regions);
    const columns = [
      { title: 'Grond van registratie', key: (x) => x.label, show: (x) => x.label },
      { title: 'Personen', num: true, key: (x) => x.persons, show: (x) => fmt(x.persons, 0, x.hidden.persons) },
      { title: 'Banen', num: true, key: (x) => x.jobs, show: (x) => fmt(x.jobs, 1, x.hidden.jobs) },
    ];
    if (data.scope === 'total') {
      columns.push({ title: 'Geregistreerd', num: true, key: (x) => x.registered, show: (x) => fmt(x.registered, 0, x.hidden.registered) });
    }
    columns.push({ title: 'Banen (grafiek)', key: (x) => x.jobs, node: (x) => bar(x.jobs, maxG) });
    renderTable($('grounds-table'), 'Banen per grond van registratie, eind ' + data.year, columns, grounds);
  }

  async function loadScenario() {
    const p = new URLSearchParams({ year: $('year').value, scope: $('scope').value, sroi: $('sroi').checked ? '1' : '0' });
    const data = await api('/api/v1/scenario?' + p);
    const cur = data.regimes['current'].rows;
    const law = data.regimes['wet-banenafspraak-2026'].rows;
    const rows = cur.map((r) => ({ cur: r, law: law.find((x) => x.scope === r.scope) || {} }));
    renderTable($('scenario-table'), 'Realisatie ' + data.year + ' onder beide wetten', [
      { title: 'Scope', key: (x) => x.cur.label, show: (x) => x.cur.label },
      { title: 'Extra banen', num: true, key: (x) => x.cur.extra_jobs, show: (x) => fmt(x.cur.extra_jobs, 0, x.cur.secret) },
      { title: 'Opgave huidige wet', num: true, key: (x) => x.cur.target_extra_jobs, show: (x) => fmt(x.cur.target_extra_jobs, 0) },
      { title: 'Realisatie huidige wet', num: true, key: (x) => x.cur.realisation_pct, show: (x) => pct(x.cur.realisation_pct, x.cur.secret) },
      { title: 'Opgave wet 2026', num: true, key: (x) => x.law.target_extra_jobs, show: (x) => fmt(x.law.target_extra_jobs, 0) },
      { title: 'Realisatie wet 2026', num: true, key: (x) => x.law.realisation_pct, show: (x) => pct(x.law.realisation_pct, x.law.secret) },
    ], rows);
    // Social return for the buyer is a what-if without legal basis: the server's note says so under the table.
    $('scenario-note').textContent = $('sroi').checked ? data.social_return.note : '';
  }

  async function loadQuality() {
    // Quality per scope of the level of the chosen scope (its own row), per sector for the total.
    const scope = $('scope').value;
    const own = levelOf(scope);
    const p = new URLSearchParams({ year: $('year').value, scope, level: own === 'total' ? 'sector' : own });
    const data = await api('/api/v1/quality?' + p);
    renderTable($('quality-table'), 'Kwaliteit van de banen, ' + data.year, [
      { title: 'Scope', key: (x) => x.label, show: (x) => x.label },
      { title: 'Personen (4e kw.)', num: true, key: (x) => x.persons_q4, show: (x) => fmt(x.persons_q4, 0, x.secret) },
      { title: 'Behoud na een jaar', num: true, key: (x) => x.retention_pct, show: (x) => pct(x.retention_pct, x.secret) },
      { title: 'Vast contract', num: true, key: (x) => x.permanent_pct, show: (x) => pct(x.permanent_pct, x.secret) },
      { title: 'Uren per week', num: true, key: (x) => x.average_weekly_hours, show: (x) => fmt(x.average_weekly_hours, 1, x.secret) },
      { title: 'Instroom', num: true, key: (x) => x.inflow, show: (x) => fmt(x.inflow, 0, x.secret) },
    ], data.rows);
  }

  async function loadQuotum() {
    // The employers with the highest levy first, at most 25, chosen by the server
    // (the API without top and the exports have them all).
    const p = new URLSearchParams({ year: $('year').value, scope: $('scope').value, top: 25 });
    const data = await api('/api/v1/quotum?' + p);
    const top = data.rows;
    const caption = 'Quotumheffing per werkgever, ' + data.year + ', ' + data.levy_status + (data.employers > top.length
      ? ' (de ' + top.length + ' van ' + data.employers + ' werkgevers met de hoogste heffing)' : ' (' + data.employers + ' werkgevers)');
    $('quotum-status').textContent = data.levy_status === 'opgelegd' ? 'De heffing wordt over ' + data.year + ' opgelegd.'
      : 'Berekend, niet opgelegd: over ' + data.year + ' wordt geen quotumheffing geheven (' + data.levy_basis + ').';
    renderTable($('quotum-table'), caption, [
      { title: 'Werkgever', key: (x) => x.name, show: (x) => x.name + ' (' + x.employer_id + ')' },
      { title: 'Quotumplichtig', key: (x) => x.liable, show: (x) => (x.liable ? 'ja' : 'nee') },
      { title: 'Vereiste banen', num: true, key: (x) => x.required_jobs, show: (x) => fmt(x.required_jobs, 1) },
      { title: 'Tekort (banen)', num: true, key: (x) => x.shortfall_jobs, show: (x) => fmt(x.shortfall_jobs, 1, x.secret) },
      { title: 'Heffing, berekend (€)', num: true, key: (x) => x.levy_eur, show: (x) => fmt(x.levy_eur, 0, x.secret) },
    ], top);
  }

  async function loadAudit() {
    const data = await api('/api/v1/audit');
    renderTable($('audit-table'), 'Laatste gebeurtenissen', [
      { title: 'Tijd (UTC)', key: (x) => x.at, show: (x) => x.at },
      { title: 'Gebruiker', key: (x) => x.user, show: (x) => x.user },
      { title: 'Actie', key: (x) => x.action, show: (x) => x.action },
      { title: 'Details', key: (x) => x.detail, show: (x) => x.detail },
      { title: 'Adres', key: (x) => x.address, show: (x) => x.address },
    ], data.records.slice().reverse().slice(0, 50));
  }

  // The sectors' texts for the letter: the latest version per sector; a sector user edits its own.
  async function loadTexts() {
    const year = $('year').value;
    const data = await api('/api/v1/texts?year=' + encodeURIComponent(year));
    const latest = new Map();
    for (const v of data.versions) latest.set(v.scope, v);
    const mine = state.me.role === 'sector';
    $('text-form').hidden = !mine;
    if (mine && latest.has(state.me.scope) && !state.textEdited) $('text-markdown').value = latest.get(state.me.scope).markdown;
    const table = $('texts-table');
    table.replaceChildren(el('caption', {}, 'Teksten ' + year + ' (laatste versie per sector)'));
    const head = el('tr');
    for (const h of ['Sector', 'Versie', 'Status', 'Door', 'Tijd (UTC)', 'Actie']) head.appendChild(el('th', { scope: 'col' }, h));
    const thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    const body = el('tbody');
    for (const v of latest.values()) {
      const tr = el('tr');
      tr.appendChild(el('th', { scope: 'row' }, v.label));
      for (const x of [String(v.version), v.status, v.author, v.at]) tr.appendChild(el('td', {}, x));
      const action = el('td');
      if (!mine && v.status === 'ingediend') {
        const b = el('button', { type: 'button', 'data-scope': v.scope }, 'Akkoord voor ' + v.label);
        b.addEventListener('click', () => changeText('/api/v1/texts/accept', { scope: v.scope, year: Number(year) }, 'Akkoord gegeven.'));
        action.appendChild(b);
      }
      tr.appendChild(action);
      body.appendChild(tr);
    }
    if (!latest.size) {
      const tr = el('tr');
      tr.appendChild(el('td', { colspan: '6' }, 'Nog geen teksten voor ' + year + '.'));
      body.appendChild(tr);
    }
    table.appendChild(body);
  }

  // Sends a change of a text; says `done` once the table of texts shows it.
  async function changeText(path, payload, done) {
    try {
      await api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
    } catch (e) {
      $('text-result').textContent = e.message;
      return;
    }
    state.textEdited = false;
    try {
      await loadTexts();
      $('text-result').textContent = done;
    } catch (e) {
      $('text-result').textContent = done + ' ' + e.message;
    }
  }

  function writeText(status) {
    const payload = { scope: state.me.scope, year: Number($('year').value), markdown: $('text-markdown').value, status };
    return changeText('/api/v1/texts', payload, status === 'ingediend' ? 'Tekst ingediend.' : 'Opgeslagen als concept.');
  }

  async function refresh() {
    $('error').textContent = '';
    $('status').textContent = 'Cijfers laden…';
    try {
      // All questions at once: each table is drawn as its answer arrives, while the others are on their way.
      await Promise.all([loadRealisation(), loadTrend(), loadQuarters(), loadRegions(), loadScenario(), loadQuality(),
        loadQuotum(), loadTexts()]);
      if (state.me.role === 'admin') await loadAudit();
      $('status').textContent = 'Cijfers bijgewerkt.';
    } catch (e) {
      $('status').textContent = '';
      $('error').textContent = e.message;
    }
  }

  async function showDashboard() {
    const me = state.me;
    $('login-section').hidden = true;
    $('dashboard').hidden = false;
    $('who').hidden = false;
    $('who-text').textContent = me.name + ' (' + ROLE_NAMES[me.role] + (me.scope_label ? ': ' + me.scope_label : '') + ')';
    $('admin').hidden = me.role !== 'admin';
    try {
      const snaps = await api('/api/v1/snapshots');
      state.years = snaps.years;
      const year = $('year');
      year.replaceChildren();
      for (const y of snaps.years.slice().reverse()) year.appendChild(el('option', { value: String(y) }, String(y)));
      // The user's own scope is the first choice and is set before fillScopes waits for the
      // list of the others, so the figures are asked for at the same time as that list.
      const scopes = fillScopes();
      fillLevels();
      await Promise.all([scopes, refresh()]);
    } catch (e) {
      $('error').textContent = e.message;
    }
  }

  function showLogin(message) {
    state.me = null;
    $('dashboard').hidden = true;
    $('who').hidden = true;
    $('login-section').hidden = false;
    $('login-error').textContent = message || '';
    $('login-name').focus();
  }

  async function upload(ev) {
    ev.preventDefault();
    const form = $('upload-form');
    const data = new FormData();
    for (const f of $('upload-files').files) data.append('files', f, f.name);
    data.append('label', $('upload-label').value);
    if ($('upload-skip').checked) data.append('skip_invalid', '1');
    const out = $('upload-result');
    out.replaceChildren(el('p', { class: 'status' }, 'Bezig met importeren…'));
    try {
      const r = await api('/api/v1/upload', { method: 'POST', body: data });
      out.replaceChildren();
      const ok = !r.rejected;
      out.appendChild(el('p', { class: ok ? 'ok' : 'error', role: ok ? 'status' : 'alert' }, ok
        ? (r.already_imported ? 'Deze levering was al geïmporteerd als snapshot ' + r.snapshot_id + '.'
          : 'Geïmporteerd als snapshot ' + r.snapshot_id + (r.quarantined_rows ? ' (' + r.quarantined_rows + ' regels in quarantaine)' : '') + '.')
        : 'Niet geïmporteerd: de levering voldoet niet aan het gegevenscontract (' + r.errors + ' fouten). Er is niets veranderd.'));
      // The answers of the new snapshot are a step of their own: the import stands whatever becomes of them.
      const answersProblem = r.prepare_error || r.answers_error;
      if (answersProblem) {
        out.appendChild(el('p', { class: 'error', role: 'alert' }, 'Let op: de antwoorden voor het dashboard zijn niet alle voorbereid of opgeslagen ('
          + answersProblem + '); de import staat, en wat ontbreekt, wordt berekend wanneer het gevraagd wordt.'));
      } else if (typeof r.answers_seconds === 'number') {
        out.appendChild(el('p', { class: 'ok', role: 'status' }, 'Antwoorden voor het dashboard voorbereid in ' + nf(1).format(r.answers_seconds) + ' s.'));
      }
      if (r.findings.length) {
        out.appendChild(el('h3', {}, 'Meldingen van de controle'));
        const ul = el('ul', { class: 'findings' });
        for (const f of r.findings) ul.appendChild(el('li', { class: f.severity }, (f.severity === 'error' ? 'Fout: ' : 'Waarschuwing: ') + f.text));
        out.appendChild(ul);
      }
      if (r.quality) {
        out.appendChild(el('h3', {}, 'Rapport gegevenskwaliteit'));
        out.appendChild(el('pre', { class: 'quality', tabindex: '0', 'aria-label': 'Rapport gegevenskwaliteit (JSON)' }, JSON.stringify(r.quality, null, 2)));
      }
      if (ok) {
        form.reset();
        await showDashboard();
      }
    } catch (e) {
      out.replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message));
    }
  }

  async function start() {
    $('login-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        state.me = await api('/api/v1/login', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: $('login-name').value, password: $('login-password').value }),
        });
        $('login-password').value = '';
        await showDashboard();
        $('main').focus();
      } catch (e) {
        showLogin(e.message);
      }
    });
    $('logout').addEventListener('click', async () => {
      try { await api('/api/v1/logout', { method: 'POST' }); } catch (e) { /* the session is gone either way */ }
      showLogin('U bent uitgelogd.');
    });
    $('upload-form').addEventListener('submit', upload);
    $('text-form').addEventListener('submit', (ev) => { ev.preventDefault(); writeText('concept'); });
    $('text-submit').addEventListener('click', () => writeText('ingediend'));
    $('text-markdown').addEventListener('input', () => { state.textEdited = true; });
    $('controls').addEventListener('change', async (ev) => {
      if (ev.target.id === 'scope') fillLevels();
      if (ev.target.id === 'year') { await fillScopes(); fillLevels(); }
      await refresh();
    });
    try {
      state.me = await api('/api/v1/me');
      await showDashboard();
    } catch (e) {
      showLogin('');
    }
  }

  document.addEventListener('DOMContentLoaded', start);
})();
