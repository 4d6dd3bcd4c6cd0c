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

async function apiGet(path) {
  const res = await fetch(base + path, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json();
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

test('phone width: no sideways scrolling of the page', async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  await phone.goto(base + '/');
  await phone.fill('#token', token);
  await phone.click('button[type=submit]');
  await phone.getByTestId('tickets-count').waitFor();
  await phone.waitForTimeout(150);
  await phone.screenshot({ path: join(artifacts, 'snapshot-phone.png'), fullPage: true });
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 392, `the snapshot page is ${width}px wide on a 390px screen`);
  const s = await apiGet('/api/accounts?limit=1');
  await phone.goto(`${base}/#/account/${encodeURIComponent(s.accounts[0].account_id)}`);
  await phone.getByTestId('account-name').waitFor();
  await phone.waitForTimeout(150);
  await phone.screenshot({ path: join(artifacts, 'account-phone.png'), fullPage: true });
  assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 392);
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
