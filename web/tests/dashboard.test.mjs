// The dashboard in headless Chromium (Debian's), driven by playwright-core: log in with a token,
// open every page, compare the numbers shown with the API's, click through snapshot → account →
// ticket, check phone width, and save screenshots as test artifacts.
//   TICKETLENS_BINARY  the ticketlens binary      TICKETLENS_ASSETS  the built dashboard
//   TICKETLENS_ARTIFACTS  where screenshots go    CHROMIUM  the browser (default Debian's)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const binary = process.env.TICKETLENS_BINARY;
const assets = process.env.TICKETLENS_ASSETS;
const artifacts = process.env.TICKETLENS_ARTIFACTS || join(tmpdir(), 'ticketlens-screenshots');
const browserPath = process.env.CHROMIUM || ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(existsSync);

if (!browserPath) {
  console.log('SKIP: no Chromium (apt-get install chromium, or set CHROMIUM=/path); the browser tests did not run');
  process.exit(77);
}

let dir, ws, server, base, token, browser, page;

const run = (...args) => execFileSync(binary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/// GET with the token; an analysis past the server's time cap (503) is asked for again.
async function apiGet(path) {
  for (let attempt = 0; ; ++attempt) {
    const res = await fetch(base + path, { headers: { Authorization: `Bearer ${token}` } });
    if (res.status === 503 && attempt < 10) continue;
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return res.json();
  }
}

/// The number a page shows in an element, as the page formats it (1,234.50 / 12.5% / EUR 3.00).
async function shown(locator) {
  const text = (await locator.first().textContent()).trim();
  const m = text.replace(/,/g, '').match(/-?\d+(\.\d+)?/);
  assert.ok(m, `no number in '${text}'`);
  return Number(m[0]);
}

function near(actual, expected, decimals, what) {
  assert.ok(Math.abs(actual - expected) <= 0.5 * 10 ** -decimals + 1e-9, `${what}: shown ${actual}, API ${expected}`);
}

async function shot(name) {
  await page.waitForTimeout(150);  // charts draw on the next frame
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

before(async () => {
  assert.ok(binary && assets, 'TICKETLENS_BINARY and TICKETLENS_ASSETS must be set');
  mkdirSync(artifacts, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'ticketlens-browser-'));
  ws = join(dir, 'ws');
  run('demo', '--no-serve', '--workspace', ws, '--size', 'small', '--seed', '7', '--end', '2026-11-23');
  token = run('token', 'create', 'browser', '--workspace', ws).trim();
  server = spawn(binary, ['serve', '--workspace', ws, '--port', '0', '--assets', assets], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => { throw e; });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('asks for a token once and refuses a wrong one', async () => {
  await page.goto(base + '/');
  await page.locator('#token').waitFor();
  await shot('login');
  await page.fill('#token', 'tl_wrong');
  await page.click('button[type=submit]');
  await page.locator('.login .error').waitFor();
  assert.match(await page.locator('.login .error').textContent(), /refused/);
  await page.fill('#token', token);
  await page.click('button[type=submit]');
  await page.getByTestId('tickets-count').waitFor();
  // The token is kept for the session: a reload stays signed in.
  await page.reload();
  await page.getByTestId('tickets-count').waitFor();
});

test('snapshot page shows the API numbers', async () => {
  const status = await apiGet('/api/status');
  const s = await apiGet(`/api/snapshot?week=${status.last_full_week}`);
  assert.equal(await page.locator('#week-picker').inputValue(), status.last_full_week);
  assert.equal(await shown(page.getByTestId('tickets-count')), s.signals.tickets.count);
  near(await shown(page.getByTestId('cost-total')), s.signals.cost.total, 2, 'cost');
  near(await shown(page.getByTestId('total-arr')), s.impact.total_arr, 2, 'total ARR');
  near(await shown(page.getByTestId('exposed-arr')), s.impact.exposed_arr.amount, 2, 'exposed ARR');
  near(await shown(page.getByTestId('recurrent-pct')), s.signals.recurrent_pct, 1, 'recurrent %');
  for (const c of s.signals.tickets.by_category)
    assert.equal(await shown(page.getByTestId(`by-category-${c.name}`)), c.count, c.name);
  assert.equal(await page.getByTestId('decision-summary').textContent(), s.decision.summary);
  for (const p of s.decision.playbooks)
    assert.match(await page.getByTestId(`playbook-${p.name}`).textContent(), p.fired ? /FIRED/ : /not fired|undecided/);
  await shot('snapshot');
  // Another week from the picker.
  const other = status.weeks[3];
  await page.selectOption('#week-picker', other);
  await page.waitForURL(new RegExp(`week=${other}`));
  const s2 = await apiGet(`/api/snapshot?week=${other}`);
  await page.locator('h1', { hasText: `Snapshot ${other}` }).waitFor();
  assert.equal(await shown(page.getByTestId('tickets-count')), s2.signals.tickets.count);
  await page.selectOption('#week-picker', status.last_full_week);
  await page.locator('h1', { hasText: `Snapshot ${status.last_full_week}` }).waitFor();
});

test('drill-down: snapshot count → tickets → account → ticket', async () => {
  const status = await apiGet('/api/status');
  const week = status.last_full_week;
  const s = await apiGet(`/api/snapshot?week=${week}`);
  const top = s.signals.tickets.by_category[0];
  await page.getByTestId(`by-category-${top.name}`).click();
  await page.getByTestId('tickets-total').waitFor();
  assert.equal(await shown(page.getByTestId('tickets-total')), top.count);
  const list = await apiGet(`/api/tickets?week=${week}&category=${encodeURIComponent(top.name)}`);
  assert.equal(list.total, top.count);
  await page.locator('td a[href^="#/account/"]').first().click();
  await page.getByTestId('account-name').waitFor();
  const accountId = decodeURIComponent(page.url().split('#/account/')[1]);
  assert.equal(accountId, list.tickets[0].account_id);
  const a = await apiGet(`/api/accounts/${encodeURIComponent(accountId)}`);
  assert.equal(await page.getByTestId('account-name').textContent(), a.account.name || a.account.account_id);
  assert.equal(await shown(page.getByTestId('account-tickets')), a.ticket_count);
  near(await shown(page.getByTestId('mrr-now')), a.mrr_now, 2, 'MRR');
  near(await shown(page.getByTestId('account-cost')), a.ticket_cost, 2, 'account cost');
  assert.equal(await shown(page.getByTestId('account-events')), a.days.events.reduce((x, y) => x + y, 0));
  assert.equal(await page.getByTestId('ticket-link').count(), a.tickets.length);
  await shot('account');
  await page.getByTestId('ticket-link').first().click();
  await page.getByTestId('ticket-id').waitFor();
  const ticketId = decodeURIComponent(page.url().split('#/ticket/')[1]);
  const t = await apiGet(`/api/tickets/${encodeURIComponent(ticketId)}`);
  assert.equal(t.account_id, accountId);
  near(await shown(page.getByTestId('ticket-cost')), t.cost_breakdown.total, 2, 'ticket cost');
  await shot('ticket');
  // And back up to its account.
  await page.getByTestId('ticket-account').click();
  await page.getByTestId('account-name').waitFor();
});

test('exposed accounts on the snapshot open their account page', async () => {
  const status = await apiGet('/api/status');
  const s = await apiGet(`/api/snapshot?week=${status.last_full_week}`);
  await page.goto(`${base}/#/snapshot?week=${status.last_full_week}`);
  await page.getByTestId('tickets-count').waitFor();
  assert.equal(await page.getByTestId('exposed-account').count(), s.impact.exposed_arr.accounts.length);
  if (s.impact.exposed_arr.accounts.length) {
    await page.getByTestId('exposed-account').first().click();
    await page.getByTestId('account-name').waitFor();
    assert.equal(decodeURIComponent(page.url().split('#/account/')[1]), s.impact.exposed_arr.accounts[0].account_id);
  }
});

test('costs page: totals, a dimension and the Pareto', async () => {
  const status = await apiGet('/api/status');
  const week = status.last_full_week;
  await page.goto(`${base}/#/costs?week=${week}`);
  await page.getByTestId('cost-total').waitFor();
  const c = await apiGet(`/api/cost?week=${week}&by=category`);
  near(await shown(page.getByTestId('cost-total')), c.overall.total, 2, 'total');
  near(await shown(page.getByTestId('cost-direct')), c.overall.direct, 2, 'direct');
  assert.equal(await shown(page.getByTestId('cost-tickets')), c.overall.tickets);
  assert.equal(await page.getByTestId('cost-group-total').count(), c.groups.length);
  await shot('costs');
  await page.selectOption('#cost-by', 'channel');
  await page.waitForURL(/by=channel/);
  const byChannel = await apiGet(`/api/cost?week=${week}&by=channel`);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=cost-group-total]').length === n, byChannel.groups.length);
});

test('accounts and tickets lists', async () => {
  const status = await apiGet('/api/status');
  const week = status.last_full_week;
  await page.goto(`${base}/#/accounts?week=${week}`);
  await page.getByTestId('account-link').first().waitFor();
  const accounts = await apiGet(`/api/accounts?week=${week}&limit=200`);
  assert.equal(await page.getByTestId('account-link').count(), accounts.accounts.length);
  await shot('accounts');
  await page.goto(`${base}/#/tickets?week=${week}`);
  await page.getByTestId('tickets-total').waitFor();
  const tickets = await apiGet(`/api/tickets?week=${week}`);
  assert.equal(await shown(page.getByTestId('tickets-total')), tickets.total);
  await shot('tickets');
});

test('retention page: survival curves, hazard ratios and the cohort heatmap', async () => {
  const r = await apiGet('/api/retention?by=tier&segment=support');
  await page.goto(`${base}/#/retention`);
  await page.getByTestId('ret-accounts').waitFor();
  assert.equal(await shown(page.getByTestId('ret-accounts')), r.support.accounts);
  near(await shown(page.getByTestId('ret-tv-hr')), r.support.time_varying.hazard_ratio.hr, 2, 'time-varying HR');
  const km = page.getByTestId('km-accounts');
  assert.equal(await km.count(), r.survival.groups.length);
  for (let i = 0; i < r.survival.groups.length; ++i)
    assert.equal(await shown(km.nth(i)), r.survival.groups[i].accounts, r.survival.groups[i].group);
  const hrs = page.getByTestId('hr-value');
  assert.equal(await hrs.count(), r.cox.coefficients.length);
  assert.ok(r.cox.coefficients.length > 0, 'the Cox model has coefficients');
  near(await shown(hrs.first()), r.cox.coefficients[0].hr, 3, r.cox.coefficients[0].name);
  // The charts drew: one line per group (up to 7) and a heatmap cell per cohort and horizon.
  await page.waitForFunction(() => document.querySelectorAll('.chart svg').length >= 2);
  await shot('retention');
  await page.selectOption('#ret-by', 'region');
  await page.waitForURL(/by=region/);
  const byRegion = await apiGet('/api/retention?by=region&segment=support');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=km-accounts]').length === n, byRegion.survival.groups.length);
});

test('precursors page: the ranked pairs with their lift', async () => {
  const p = await apiGet('/api/precursors');
  await page.goto(`${base}/#/precursors`);
  await page.getByTestId('prec-tickets').waitFor();
  assert.equal(await shown(page.getByTestId('prec-tickets')), p.tickets);
  assert.equal(await shown(page.getByTestId('prec-tested')), p.pairs_tested);
  assert.equal(await shown(page.getByTestId('prec-significant')), p.pairs.length);
  assert.ok(p.pairs.length > 0, 'the demo plants precursors: some pair is significant');
  const lifts = page.getByTestId('prec-lift');
  assert.equal(await lifts.count(), p.pairs.length);
  near(await shown(lifts.first()), p.pairs[0].lift, 2, `lift of ${p.pairs[0].event} → ${p.pairs[0].category}`);
  near(await shown(page.getByTestId('prec-share').first()), 100 * p.pairs[0].ticket_share, 1, 'ticket share');
  await shot('precursors');
});

test('alerts page: the alerts of a week with their evidence and tickets', async () => {
  const status = await apiGet('/api/status');
  let week = null, r = null;
  for (const w of status.weeks) {  // the newest week with an alert (the demo plants a release spike)
    r = await apiGet(`/api/alerts?week=${w}`);
    if (r.alerts.length) { week = w; break; }
  }
  assert.ok(week, 'some week of the demo has an alert');
  await page.goto(`${base}/#/alerts?week=${week}`);
  await page.getByTestId('alerts-count').waitFor();
  assert.equal(await shown(page.getByTestId('alerts-count')), r.alerts.length);
  const a = r.alerts[0];
  assert.equal(await shown(page.getByTestId('alert-0-tickets')), a.tickets);
  const [name, value] = Object.entries(a.numbers).find(([, v]) => v !== null);
  const text = await page.getByTestId(`alert-0-${name}`).textContent();
  assert.ok(Math.abs(Number(text.replace(/,/g, '')) - value) <= Math.abs(value) * 1e-3 + 0.05, `${name}: shown ${text}, API ${value}`);
  await shot('alerts');
  if (a.ticket_ids.length) {
    await page.getByTestId('alert-ticket').first().click();
    await page.getByTestId('ticket-id').waitFor();
    assert.equal(decodeURIComponent(page.url().split('#/ticket/')[1]), a.ticket_ids[0]);
  }
});

test('risk page: accounts ranked by risk × ARR, each opening its account page', async () => {
  const r = await apiGet('/api/risk?target=churn&top=50');
  await page.goto(`${base}/#/risk`);
  await page.getByTestId('risk-scored').waitFor({ timeout: 120000 });
  assert.equal(await shown(page.getByTestId('risk-scored')), r.accounts_scored);
  const accounts = page.getByTestId('risk-account');
  assert.equal(await accounts.count(), r.accounts.length);
  assert.ok(r.accounts.length > 0, 'the demo has accounts at risk');
  for (let i = 0; i < Math.min(5, r.accounts.length); ++i) {
    assert.match(await accounts.nth(i).textContent(), new RegExp(`\\(${r.accounts[i].account_id}\\)`));
    near(await shown(page.getByTestId('risk-arr').nth(i)), r.accounts[i].risk_arr, 2, `risk × ARR of ${r.accounts[i].account_id}`);
    near(await shown(page.getByTestId('risk-probability').nth(i)), 100 * r.accounts[i].probability, 1, 'probability');
  }
  const auc = (name) => r.evaluation.models.find((m) => m.model === name).summary.auc;
  near(await shown(page.getByTestId('risk-auc')), auc('logistic'), 3, 'AUC');
  near(await shown(page.getByTestId('risk-auc-baseline')), auc('baseline_ticket_count'), 3, 'baseline AUC');
  await page.waitForFunction(() => document.querySelectorAll('.chart svg').length >= 1);
  await shot('risk');
  await accounts.first().click();
  await page.getByTestId('account-name').waitFor();
  assert.equal(decodeURIComponent(page.url().split('#/account/')[1]), r.accounts[0].account_id);
});

test('retention drill-down: a survival group, a cohort cell and a category open their accounts', async () => {
  const r = await apiGet('/api/retention?by=tier&segment=support');
  await page.goto(`${base}/#/retention`);
  await page.getByTestId('ret-accounts').waitFor({ timeout: 60000 });
  // The accounts of the first survival group.
  const g = r.survival.groups[0];
  await page.getByTestId('km-accounts').first().click();
  await page.getByTestId('segment-total').waitFor({ timeout: 60000 });
  assert.equal(await shown(page.getByTestId('segment-total')), g.accounts, `group ${g.group}`);
  assert.equal(await shown(page.getByTestId('segment-churned')), g.churned, `churned of ${g.group}`);
  assert.equal(await page.getByTestId('segment-account').count(), Math.min(g.accounts, 500));
  await shot('retention-group');
  await page.getByTestId('segment-account').first().click();
  await page.getByTestId('account-name').waitFor();
  // A cohort cell: the first signup month with an eligible account at 6 months.
  const months = r.cohorts.by_signup_month;
  const row = months.find((m) => m.horizons[0].eligible > 0);
  const cell = row.horizons[0];
  await page.goto(`${base}/#/retention`);
  await page.getByTestId('ret-accounts').waitFor({ timeout: 60000 });
  await page.locator(`a[data-testid=cohort-cell][href*="cohort=${row.key}&horizon=6"]`).click();
  await page.getByTestId('segment-retained').waitFor({ timeout: 60000 });
  assert.equal(await shown(page.getByTestId('segment-retained')), cell.retained, `retained of ${row.key} at 6 months`);
  assert.equal(await shown(page.getByTestId('segment-total')), cell.eligible, `eligible of ${row.key} at 6 months`);
  await shot('retention-cohort-cell');
  // The category with the highest hazard ratio.
  const top = r.cox.categories_ranked[0];
  assert.ok(top, 'the Cox model ranks categories');
  const category = top.name.replace(/^category=/, '');
  const list = await apiGet(`/api/retention/accounts?category=${encodeURIComponent(category)}&limit=1`);
  await page.goto(`${base}/#/retention`);
  await page.getByTestId('ret-accounts').waitFor({ timeout: 60000 });
  await page.getByTestId('hr-category').first().click();
  await page.getByTestId('segment-churned-exposed').waitFor({ timeout: 60000 });
  assert.equal(await shown(page.getByTestId('segment-total')), list.total, category);
  assert.equal(await shown(page.getByTestId('segment-churned-exposed')), list.churned_while_exposed, category);
});

test('phone width (390 px): no page scrolls sideways', async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  phone.on('pageerror', (e) => { throw e; });
  await phone.goto(base + '/');
  await phone.fill('#token', token);
  await phone.click('button[type=submit]');
  await phone.getByTestId('tickets-count').waitFor();
  const status = await apiGet('/api/status');
  const account = (await apiGet('/api/accounts?limit=1')).accounts[0].account_id;
  const ticket = (await apiGet(`/api/tickets?week=${status.last_full_week}&limit=1`)).tickets[0].ticket_id;
  const group = (await apiGet('/api/retention?by=tier')).survival.groups[0].group;
  const pages = [
    ['snapshot', `#/snapshot?week=${status.last_full_week}`, 'tickets-count'],
    ['costs', `#/costs?week=${status.last_full_week}`, 'cost-total'],
    ['retention', '#/retention', 'ret-accounts'],
    ['retention-accounts', `#/retention-accounts?by=tier&group=${encodeURIComponent(group)}`, 'segment-total'],
    ['precursors', '#/precursors', 'prec-tickets'],
    ['alerts', `#/alerts?week=${status.last_full_week}`, 'alerts-count'],
    ['risk', '#/risk', 'risk-scored'],
    ['accounts', `#/accounts?week=${status.last_full_week}`, 'account-link'],
    ['tickets', `#/tickets?week=${status.last_full_week}`, 'tickets-total'],
    ['account', `#/account/${encodeURIComponent(account)}`, 'account-name'],
    ['ticket', `#/ticket/${encodeURIComponent(ticket)}`, 'ticket-id'],
  ];
  const wide = [];
  for (const [name, hash, testid] of pages) {
    await phone.goto(`${base}/${hash}`);
    await phone.getByTestId(testid).first().waitFor({ timeout: 120000 });
    await phone.waitForTimeout(200);  // charts draw on the next frame
    if (name === 'snapshot' || name === 'account' || name === 'risk' || name === 'retention')
      await phone.screenshot({ path: join(artifacts, `${name}-phone.png`), fullPage: true });
    const width = await phone.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
    if (width > 390) wide.push(`${name}: ${width}px`);
  }
  assert.deepEqual(wide, [], 'pages wider than the 390 px screen');
  await phone.close();
});

test('a revoked token sends the page back to the token prompt', async () => {
  run('token', 'revoke', 'browser', '--workspace', ws);
  const res = await fetch(base + '/api/status', { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 401);
  await page.reload();  // whatever page is open: its next API call gets 401
  try {
    await page.locator('#token').waitFor({ timeout: 15000 });
  } finally {
    await shot('revoked');
  }
  assert.match(await page.locator('.login .error').textContent(), /no longer accepted|refused/);
});
