// Alerts of a week: cost spikes per category, ticket rates and retention after releases, each
// with its evidence and the tickets behind it.
import { api } from '../api.js';
import { h, href, link, section, stat, table } from '../dom.js';
import * as f from '../format.js';

const kinds = {
  cost_spike: 'Cost spike',
  release_ticket_rate: 'Tickets after a release',
  release_retention: 'Retention after a release',
};

export async function alertsPage({ params, week }) {
  const period = params.month ? { month: params.month } : params.from ? { from: params.from, to: params.to } : { week };
  const r = await api('/api/alerts', period);
  const alerts = r.alerts;
  const value = (x) => (x === null ? '–' : Math.abs(x) >= 100 ? f.num1(x) : x.toPrecision(4));
  const card = (a, i) => section(h('span', {}, `${i + 1}. `, h('span', { class: 'tag' }, `[${kinds[a.kind] || a.kind}]`), ' ', a.title),
    h('p', { class: 'muted' }, `Observed ${f.date(a.observed.start)} to ${f.date(a.observed.end)}, baseline ${f.date(a.baseline.start)} to ${f.date(a.baseline.end)} · p ${a.p === null ? '–' : a.p < 1e-4 ? a.p.toExponential(1) : a.p.toFixed(4)} · severity ${a.severity === null ? '–' : a.severity.toFixed(1)}`
      + (a.release_id ? ` · release ${a.release_id}` : '') + (a.product_area ? ` · ${a.product_area}` : '') + (a.category ? ` · ${a.category}` : '')),
    table([{ title: 'Evidence' }, { title: 'Value', num: true }],
      Object.entries(a.numbers).map(([k, v]) => [k.replaceAll('_', ' '), h('span', { 'data-testid': `alert-${i}-${k}` }, value(v))])),
    h('p', {}, h('strong', { 'data-testid': `alert-${i}-tickets` }, f.count(a.tickets)), ' tickets behind it',
      a.ticket_ids.length ? ': ' : '.',
      a.ticket_ids.map((id, j) => [j ? ', ' : '', link(`ticket/${encodeURIComponent(id)}`, {}, id, { 'data-testid': 'alert-ticket' })]),
      a.tickets > a.ticket_ids.length ? ' …' : ''));

  return h('div', { class: 'page alerts' },
    h('div', { class: 'page-head' }, h('h1', {}, `Alerts ${r.period.label}`),
      h('p', { class: 'muted' }, `${f.date(r.period.start)} to ${f.date(r.period.end)} (end exclusive). Ranked by the strength of their evidence (−log10 p).`)),
    section('Summary',
      h('div', { class: 'stats' },
        stat('Alerts fired', f.count(alerts.length), { testid: 'alerts-count' }),
        ...Object.keys(kinds).map((k) => stat(kinds[k], f.count(alerts.filter((a) => a.kind === k).length), { testid: `alerts-${k}` })),
        stat('Tickets of the week', 'view', { to: href('tickets', period) }))),
    alerts.length ? alerts.map(card) : section('Nothing fired', h('p', { 'data-testid': 'alerts-none' }, 'No alert fired in this period.')));
}
