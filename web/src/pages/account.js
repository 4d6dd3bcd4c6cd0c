// One account: events, errors and tickets per day, MRR over time, its tickets and subscriptions.
import { api } from '../api.js';
import { h, section, stat, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';

/// The MRR in force on each day (step series), from the change points.
function mrrPerDay(days, steps) {
  const out = [];
  let i = 0;
  let mrr = 0;
  for (const d of days) {
    const end = `${d}T23:59:59Z`;
    while (i < steps.length && steps[i].at <= end) mrr = steps[i++].mrr;
    out.push(+mrr.toFixed(2));
  }
  return out;
}

export async function accountPage({ id, params }) {
  const a = await api(`/api/accounts/${encodeURIComponent(id)}`, { from: params.from, to: params.to });
  const cur = a.currency;
  const days = a.days.day;
  const ticketDays = days.map((d, i) => (a.days.tickets[i] ? [d, a.days.tickets[i]] : null)).filter(Boolean);
  const timeline = chart({
    legend: { top: 0 },
    grid: { left: 56, right: 64, top: 64, bottom: 80 },
    xAxis: { type: 'category', data: days },
    yAxis: [{ type: 'value', name: 'events / day' }, { type: 'value', name: `MRR (${cur})` }, { type: 'value', show: false, max: (v) => Math.max(4, v.max * 4) }],
    dataZoom: [{ type: 'slider', bottom: 8 }, { type: 'inside' }],
    series: [
      { type: 'bar', name: 'events', data: a.days.events, barMaxWidth: 6 },
      { type: 'bar', name: 'errors', data: a.days.errors, barMaxWidth: 6, barGap: '-100%' },
      { type: 'line', name: 'MRR', yAxisIndex: 1, step: 'end', symbol: 'none', lineStyle: { width: 2, type: 'dashed' }, data: mrrPerDay(days, a.mrr) },
      { type: 'scatter', name: 'tickets', yAxisIndex: 2, symbol: 'triangle', symbolSize: 12, data: ticketDays },
    ],
  }, { height: 340, label: `Timeline of ${a.account.name}: events, errors and tickets per day, and MRR` });

  const acc = a.account;
  return h('div', { class: 'page account' },
    h('div', { class: 'page-head' },
      h('h1', { 'data-testid': 'account-name' }, `${acc.name || acc.account_id}`),
      h('p', { class: 'muted' }, `${acc.account_id} · ${acc.tier} · ${acc.region} · ${acc.industry || 'industry unknown'} · signed up ${f.date(acc.signup_at)}`)),
    section('Summary',
      h('div', { class: 'stats' },
        stat(`MRR now, ${cur}`, f.amount(a.mrr_now), { testid: 'mrr-now' }),
        stat(`ARR now, ${cur}`, f.amount(a.mrr_now * 12)),
        stat('Status', a.churned_at ? `churned ${f.date(a.churned_at)}` : 'active', { testid: 'account-status' }),
        stat('Tickets', f.count(a.ticket_count), { testid: 'account-tickets', note: `${f.date(a.period.start)} to ${f.date(a.period.end)}` }),
        stat(`Support cost, ${cur}`, f.amount(a.ticket_cost), { testid: 'account-cost' }),
        stat('Events', f.count(a.days.events.reduce((x, y) => x + y, 0)), { testid: 'account-events' }))),
    section('Timeline', timeline,
      h('p', { class: 'muted' }, 'Bars: product events (and errors) per day; dashed step line: MRR; triangles: days with tickets. Drag the slider to zoom.')),
    section(`Tickets (${a.tickets.length})`,
      table([{ title: 'Ticket' }, { title: 'Created' }, { title: 'Category' }, { title: 'Product area' }, { title: 'Priority' }, { title: 'Status' }, { title: 'Cost', num: true }],
        [...a.tickets].reverse().map((t) => [h('a', { href: `#/ticket/${encodeURIComponent(t.ticket_id)}`, 'data-testid': 'ticket-link' }, t.ticket_id),
          f.datetime(t.created_at), t.category, t.product_area, t.priority, t.status || '–', f.money(t.cost, cur)]))),
    section('Subscriptions',
      table([{ title: 'Subscription' }, { title: 'Plan' }, { title: 'Started' }, { title: 'Ended' }, { title: 'MRR', num: true }],
        a.subscriptions.map((s) => [s.subscription_id, s.plan || '–', f.date(s.started_at), s.ended_at ? f.date(s.ended_at) : 'active', f.money(s.mrr, cur)]))));
}
