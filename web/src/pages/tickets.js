// Tickets of a period, filtered by dimension values or account: the rows behind a count.
import { api } from '../api.js';
import { h, href, section, table } from '../dom.js';
import * as f from '../format.js';

const PERIOD = ['week', 'month', 'from', 'to'];

export async function ticketsPage({ params, week }) {
  const query = { ...params };
  if (!PERIOD.some((k) => query[k])) query.week = week;
  const r = await api('/api/tickets', { ...query, limit: 500 });
  const cur = r.currency;
  const filters = Object.entries(r.filters);
  const clear = (k) => { const q = { ...params }; delete q[k]; return href('tickets', q); };
  return h('div', { class: 'page tickets' },
    h('div', { class: 'page-head' }, h('h1', {}, `Tickets, ${r.period.label}`),
      h('p', {}, h('span', { 'data-testid': 'tickets-total' }, f.count(r.total)), ` tickets · ${f.money(r.total_cost, cur)}`,
        r.total > r.tickets.length ? ` · first ${r.tickets.length} shown` : ''),
      filters.length
        ? h('p', { class: 'filters' }, 'Filtered by ', filters.map(([k, v]) => h('span', { class: 'chip' }, `${k.replace('_', ' ')} = ${v} `, h('a', { href: clear(k), 'aria-label': `remove filter ${k}` }, '✕'))))
        : null),
    section('Tickets',
      table([{ title: 'Ticket' }, { title: 'Created' }, { title: 'Account' }, { title: 'Category' }, { title: 'Product area' }, { title: 'Channel' }, { title: 'Priority' }, { title: 'Status' }, { title: 'Cost', num: true }],
        r.tickets.map((t) => [h('a', { href: `#/ticket/${encodeURIComponent(t.ticket_id)}`, 'data-testid': 'ticket-link' }, t.ticket_id), f.datetime(t.created_at),
          h('a', { href: `#/account/${encodeURIComponent(t.account_id)}` }, t.account_id), t.category, t.product_area, t.channel, t.priority, t.status || '–',
          `${f.money(t.cost, cur)}${t.estimated ? ' *' : ''}`])),
      h('p', { class: 'muted' }, '* handle time estimated (not recorded)')));
}
