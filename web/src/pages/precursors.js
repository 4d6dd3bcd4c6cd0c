// Precursors: which product events precede which kind of ticket (lift against control windows),
// the last-k paths and the error events before tickets. Numbers link to the tickets behind them.
import { api } from '../api.js';
import { h, href, link, section, stat, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';

export async function precursorsPage({ params }) {
  const range = { from: params.from, to: params.to };
  const p = await api('/api/precursors', { ...range, window: params.window, category: params.category });
  const pairs = p.pairs;
  const top = pairs.slice(0, 15);
  const fixed = (x, d) => (x === null || x === undefined ? '–' : x.toFixed(d));
  const value = (x) => (x === null || x === undefined ? null : +x.toFixed(3));  // an infinite lift comes as null
  const tickets = (extra) => href('tickets', { from: p.period.start.slice(0, 10), to: p.period.end.slice(0, 10), ...extra });

  const liftChart = chart({
    legend: { top: 0 },
    grid: { left: 200, right: 32, top: 40, bottom: 40 },
    yAxis: { type: 'category', inverse: true, data: top.map((r) => `${r.event} → ${r.category}`) },
    xAxis: { type: 'log', name: 'lift', min: 0.5 },
    tooltip: { trigger: 'axis', formatter: (items) => { const r = top[items[0].dataIndex]; return `${r.event} → ${r.category}<br>lift ${fixed(r.lift, 2)} (95% ${fixed(r.lift_lower, 2)}–${fixed(r.lift_upper, 2)})<br>q ${r.q === null ? '–' : r.q.toExponential(2)}`; } },
    series: [
      { type: 'bar', name: 'lift', data: top.map((r) => value(r.lift)), label: { show: true, position: 'right', formatter: (d) => fixed(d.value, 2) } },
      { type: 'scatter', name: '95% lower', symbol: 'triangle', symbolRotate: 90, data: top.map((r) => value(r.lift_lower)) },
      { type: 'scatter', name: '95% upper', symbol: 'triangle', symbolRotate: -90, data: top.map((r) => value(r.lift_upper)) },
    ],
  }, { height: Math.max(200, 40 + 26 * top.length), label: 'Lift of the top precursor pairs with their 95% intervals' });

  return h('div', { class: 'page precursors' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Precursors'),
      h('p', { class: 'muted' }, `Tickets created ${f.date(p.period.start)} to ${f.date(p.period.end)} (end exclusive); the ${p.window_hours} h before each ticket against ${p.controls_per_ticket} control windows of the same account (seed ${p.seed}). Significant: Benjamini–Hochberg q < 0.05 and lift > 1.`)),
    section('Windows',
      h('div', { class: 'stats' },
        stat('Tickets analysed', f.count(p.tickets), { to: tickets({}), testid: 'prec-tickets' }),
        stat('Pairs tested', f.count(p.pairs_tested), { testid: 'prec-tested' }),
        stat('Significant pairs', f.count(pairs.length), { testid: 'prec-significant' }),
        stat('Control windows', f.count(p.controls_drawn), { testid: 'prec-controls', note: `${f.count(p.controls_missing)} could not be drawn` }),
        stat('Left out', f.count(p.windows_truncated), { note: 'window before the data’s first event' }))),
    section('Behaviours that precede tickets, ranked',
      top.length ? liftChart : h('p', {}, 'No pair is significant.'),
      table([{ title: '#', num: true }, { title: 'Event' }, { title: 'Category' }, { title: 'Tickets', num: true }, { title: 'With event', num: true }, { title: 'Controls with it', num: true }, { title: 'Lift (95%)', num: true }, { title: 'q', num: true }, { title: 'Median h before', num: true }],
        pairs.map((r) => [r.rank, r.event, r.category,
          link('tickets', { from: p.period.start.slice(0, 10), to: p.period.end.slice(0, 10), category: r.category }, f.count(r.tickets)),
          h('span', { 'data-testid': 'prec-share' }, f.pct(100 * r.ticket_share)), f.pct(100 * r.control_share),
          h('span', { 'data-testid': 'prec-lift' }, `${fixed(r.lift, 2)} (${fixed(r.lift_lower, 2)}–${fixed(r.lift_upper, 2)})`),
          r.q === null ? '–' : r.q < 1e-4 ? r.q.toExponential(1) : r.q.toFixed(4), f.num1(r.median_hours_before)]))),
    h('div', { class: 'two' },
      section('Most common paths before tickets',
        table([{ title: 'Category' }, { title: 'Last events' }, { title: 'Tickets', num: true }, { title: 'Share', num: true }],
          p.paths.map((r) => [r.category, r.path, f.count(r.tickets), f.pct(100 * r.share)]))),
      section('Error events before tickets',
        table([{ title: 'Category' }, { title: 'Error event' }, { title: 'Product area' }, { title: 'Tickets', num: true }, { title: 'Share', num: true }],
          p.errors.map((r) => [r.category, r.error_event, r.product_area, f.count(r.tickets), f.pct(100 * r.share)])))),
    section('Tickets and control windows per category',
      table([{ title: 'Category' }, { title: 'Tickets', num: true }, { title: 'Empty windows', num: true }, { title: 'Controls', num: true }, { title: 'Not drawn', num: true }],
        p.categories.map((c) => [c.category, link('tickets', { from: p.period.start.slice(0, 10), to: p.period.end.slice(0, 10), category: c.category }, f.count(c.tickets)),
          f.count(c.empty_windows), f.count(c.controls), f.count(c.controls_missing)]))));
}
