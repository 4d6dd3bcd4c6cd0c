// The dashboard: a hash router over the pages, the week picker and the token prompt.
import './style.css';
import { api, ApiError, token } from './api.js';
import { h } from './dom.js';
import { disposeCharts } from './charts.js';
import { loginPage } from './pages/login.js';
import { snapshotPage } from './pages/snapshot.js';
import { costsPage } from './pages/costs.js';
import { accountsPage } from './pages/accounts.js';
import { accountPage } from './pages/account.js';
import { ticketsPage } from './pages/tickets.js';
import { ticketPage } from './pages/ticket.js';
import { precursorsPage } from './pages/precursors.js';
import { alertsPage } from './pages/alerts.js';
import { retentionPage } from './pages/retention.js';
import { riskPage } from './pages/risk.js';
import { retentionAccountsPage } from './pages/retention_accounts.js';

const pages = {
  snapshot: snapshotPage,
  costs: costsPage,
  retention: retentionPage,
  precursors: precursorsPage,
  alerts: alertsPage,
  risk: riskPage,
  'retention-accounts': retentionAccountsPage,
  accounts: accountsPage,
  account: accountPage,
  tickets: ticketsPage,
  ticket: ticketPage,
};

const app = document.getElementById('app');
const picker = document.getElementById('week-picker');
let status = null;

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '') || 'snapshot';
  const [path, query] = raw.split('?');
  const [page, ...rest] = path.split('/');
  return { page, id: rest.length ? decodeURIComponent(rest.join('/')) : null, params: Object.fromEntries(new URLSearchParams(query || '')) };
}

export function go(page, params = {}) {
  const q = new URLSearchParams(params).toString();
  location.hash = `#/${page}${q ? '?' + q : ''}`;
}

async function loadStatus() {
  status = await api('/api/status');
  picker.replaceChildren(...status.weeks.map((w) => h('option', { value: w }, w)));
}

picker.addEventListener('change', () => {
  const { page, id, params } = parseHash();
  const target = page === 'account' || page === 'ticket' || page === 'login' ? 'snapshot' : page;
  const next = { ...params, week: picker.value };
  delete next.month;
  delete next.from;
  delete next.to;
  if (id && target === page) return;
  go(target, next);
});

document.getElementById('logout').addEventListener('click', () => {
  token.clear();
  status = null;
  go('login');
});

async function render() {
  disposeCharts();
  const route = parseHash();
  document.body.classList.toggle('logged-out', !token.get());
  document.querySelectorAll('#nav a').forEach((a) => a.toggleAttribute('aria-current', a.dataset.page === route.page));
  if (route.page === 'login' || !token.get()) {
    app.replaceChildren(loginPage(route.params.reason, async (t) => {
      token.set(t);
      try {
        await loadStatus();
        go('snapshot');
      } catch (e) {
        token.clear();
        go('login', { reason: e instanceof ApiError && e.status === 401 ? 'That token was refused (unknown or revoked).' : e.message });
      }
    }));
    return;
  }
  const render = pages[route.page];
  if (!render) {
    app.replaceChildren(h('p', { class: 'error' }, `No page '${route.page}'.`));
    return;
  }
  app.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    if (!status) await loadStatus();
    const week = route.params.week || (route.params.month || route.params.from ? '' : status.last_full_week || '');
    if (week) picker.value = week;
    const el = await render({ id: route.id, params: route.params, status, week });
    if (parseHash().page === route.page) app.replaceChildren(el);
    document.title = `ticketlens · ${route.page}`;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      token.clear();
      go('login', { reason: 'The token is no longer accepted (revoked?). Enter another.' });
      return;
    }
    app.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('strong', {}, 'Error: '), e.message));
  }
}

window.addEventListener('hashchange', render);
render();
