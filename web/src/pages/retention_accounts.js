// The accounts behind a retention number: a survival group, a cohort cell or a ticket category's
// hazard ratio (/api/retention/accounts), each linking to its account page.
import { api } from '../api.js';
import { h, href, section, stat, table } from '../dom.js';
import * as f from '../format.js';

const keys = ['as_of', 'by', 'group', 'cohort', 'segment', 'key', 'category', 'horizon'];

function title(sel) {
  if (sel.group !== undefined) return `Survival group ${sel.by} = ${sel.group}`;
  if (sel.cohort !== undefined) return `Signup month ${sel.cohort}${sel.horizon ? `, eligible at ${sel.horizon} months` : ''}`;
  if (sel.key !== undefined) return `Cohort segment ${sel.segment} = ${sel.key}${sel.horizon ? `, eligible at ${sel.horizon} months` : ''}`;
  return `Ticket category ${sel.category} (a ticket of it in the trailing 90 days)`;
}

export async function retentionAccountsPage({ params }) {
  const query = Object.fromEntries(keys.filter((k) => params[k] !== undefined).map((k) => [k, params[k]]));
  const limit = 500;
  const r = await api('/api/retention/accounts', { ...query, limit });
  const sel = r.selection;
  const horizon = sel.horizon;
  const category = sel.category !== undefined;
  const cohort = sel.cohort !== undefined || sel.key !== undefined;
  const yes = (b) => (b === null || b === undefined ? '–' : b ? '✓ yes' : '✗ no');
  const columns = [{ title: 'Account' }, { title: 'Tier' }, { title: 'Region' }, { title: 'Signup' }, { title: 'Churned' }];
  if (category) columns.push({ title: 'First exposed, day', num: true }, { title: 'Churned while exposed' });
  else if (cohort) columns.push(...(horizon ? [{ title: `Subscribed at ${horizon} months` }, { title: 'MRR start', num: true }, { title: 'MRR then', num: true }] : [{ title: 'At 6 / 12 / 24 months' }]));
  else columns.push({ title: 'Days observed', num: true });
  const rows = r.accounts.map((a) => {
    const row = [h('a', { href: `#/account/${encodeURIComponent(a.account_id)}`, 'data-testid': 'segment-account' }, `${a.name || a.account_id} (${a.account_id})`),
      a.tier, a.region, f.date(a.entry), a.churned ? `churned ${f.date(a.churned_at)}` : 'active'];
    if (category) row.push(f.count(a.first_exposed_days), yes(a.churned_while_exposed));
    else if (cohort) {
      if (horizon) row.push(yes(a.retained[String(horizon)]), f.amount(a.mrr_start), f.amount(a.mrr_then));
      else row.push(['6', '12', '24'].map((m) => (a.retained[m] === null ? '–' : a.retained[m] ? '✓' : '✗')).join(' / '));
    } else row.push(f.count(a.days));
    return row;
  });
  const stats = [stat('Accounts', f.count(r.total), { testid: 'segment-total' }), stat('Churned', f.count(r.churned), { testid: 'segment-churned', note: `as of ${f.date(r.as_of)}` })];
  if (horizon) stats.push(stat(`Subscribed at ${horizon} months`, f.count(r.retained), { testid: 'segment-retained', note: `of ${f.count(r.eligible)} eligible (${f.pct(r.eligible ? (100 * r.retained) / r.eligible : null)})` }));
  if (category) stats.push(stat('Churned while exposed', f.count(r.churned_while_exposed), { testid: 'segment-churned-exposed' }));
  return h('div', { class: 'page retention-accounts' },
    h('div', { class: 'page-head' },
      h('h1', {}, title(sel)),
      h('p', { class: 'muted' }, h('a', { href: href('retention', { as_of: params.as_of }) }, '← Retention'), ` · accounts as of ${f.date(r.as_of)}, churned first${r.total > r.accounts.length ? ` (first ${r.accounts.length} of ${f.count(r.total)} shown)` : ''}.`)),
    section('Summary', h('div', { class: 'stats' }, stats)),
    section('Accounts', table(columns, rows)));
}
