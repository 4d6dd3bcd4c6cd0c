// Accounts with tickets in the period, costliest first (cost to serve).
import { api } from '../api.js';
import { h, link, section, table } from '../dom.js';
import * as f from '../format.js';

export async function accountsPage({ params, week }) {
  const period = params.month ? { month: params.month } : params.from ? { from: params.from, to: params.to } : { week };
  const r = await api('/api/accounts', { ...period, limit: 200 });
  const cur = r.currency;
  return h('div', { class: 'page accounts' },
    h('div', { class: 'page-head' }, h('h1', {}, `Accounts with tickets, ${r.period.label}`),
      h('p', { class: 'muted' }, `${f.count(r.total)} accounts, costliest first${r.total > r.accounts.length ? ` (first ${r.accounts.length} shown)` : ''}.`)),
    section('Cost to serve',
      table([{ title: 'Account' }, { title: 'Tier' }, { title: 'Region' }, { title: 'Tickets', num: true }, { title: 'Cost', num: true }, { title: 'ARR', num: true }, { title: 'Cost % of ARR', num: true }],
        r.accounts.map((a) => [h('a', { href: `#/account/${encodeURIComponent(a.account_id)}`, 'data-testid': 'account-link' }, `${a.name || a.account_id} (${a.account_id})`),
          a.tier, a.region, link('tickets', { ...period, account: a.account_id }, f.count(a.tickets)), f.money(a.cost, cur), f.money(a.arr, cur), f.pct(a.cost_pct_of_arr)]))));
}
