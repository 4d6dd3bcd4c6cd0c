// Costs: by a dimension (bars of direct and allocated) and the category × product area Pareto.
import { api } from '../api.js';
import { h, href, link, section, stat, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';

export async function costsPage({ params, week, status }) {
  const period = params.month ? { month: params.month } : params.from ? { from: params.from, to: params.to } : { week };
  const by = params.by || 'category';
  const c = await api('/api/cost', { ...period, by });
  const cur = c.currency;
  const groups = [...c.groups].sort((a, b) => b.totals.total - a.totals.total);
  const label = (g) => g.key[by];

  const select = h('select', { id: 'cost-by', 'aria-label': 'Break down by',
    onchange: (e) => { location.hash = href('costs', { ...period, by: e.target.value }); } },
  status.dimensions.map((d) => h('option', { value: d, selected: d === by }, d.replace('_', ' '))));

  const byChart = chart({
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 56, bottom: 64 },
    xAxis: { type: 'category', data: groups.map(label), axisLabel: { rotate: groups.length > 6 ? 30 : 0, interval: 0 } },
    yAxis: { type: 'value', name: cur },
    series: [
      { type: 'bar', stack: 'cost', name: 'direct', data: groups.map((g) => +g.totals.direct.toFixed(2)) },
      { type: 'bar', stack: 'cost', name: 'allocated', data: groups.map((g) => +g.totals.allocated.toFixed(2)) },
    ],
  }, { height: 300, label: `Cost by ${by}` });

  const pareto = c.pareto;
  const paretoChart = chart({
    legend: { top: 0 },
    grid: { left: 56, right: 56, top: 56, bottom: 40 },
    xAxis: { type: 'category', data: pareto.map((p, i) => `${i + 1}`), name: 'cell' },
    yAxis: [{ type: 'value', name: cur }, { type: 'value', name: 'cumulative %', max: 100 }],
    series: [
      { type: 'bar', name: 'cost', data: pareto.map((p) => +p.total.toFixed(2)) },
      { type: 'line', name: 'cumulative %', yAxisIndex: 1, symbol: 'diamond', symbolSize: 8, data: pareto.map((p) => +p.cumulative_pct.toFixed(1)) },
    ],
    tooltip: { trigger: 'axis', formatter: (items) => { const p = pareto[items[0].dataIndex]; return `${p.category} × ${p.product_area}<br>${f.money(p.total, cur)} · cumulative ${f.pct(p.cumulative_pct)}`; } },
  }, { height: 300, label: 'Pareto of cost by category and product area' });

  return h('div', { class: 'page costs' },
    h('div', { class: 'page-head' }, h('h1', {}, `Costs ${c.period.label}`),
      h('p', { class: 'muted' }, `Tickets created ${f.date(c.period.start)} to ${f.date(c.period.end)} (end exclusive). Direct = handling + escalation + re-handling; allocated = the month's fixed costs shared by handle time.`)),
    section('Total',
      h('div', { class: 'stats' },
        stat('Tickets', f.count(c.overall.tickets), { to: href('tickets', period), testid: 'cost-tickets' }),
        stat(`Total cost, ${cur}`, f.amount(c.overall.total), { testid: 'cost-total' }),
        stat(`Direct, ${cur}`, f.amount(c.overall.direct), { testid: 'cost-direct' }),
        stat(`Allocated, ${cur}`, f.amount(c.overall.allocated), { testid: 'cost-allocated' }),
        stat(`Per ticket, ${cur}`, f.amount(c.overall.per_ticket), { testid: 'cost-per-ticket' }),
        stat('Handle time estimated', f.count(c.overall.estimated), { note: 'tickets without a recorded handle time' }))),
    section(h('span', {}, 'By ', h('label', { for: 'cost-by', class: 'inline' }, select)),
      byChart,
      table([{ title: by.replace('_', ' ') }, { title: 'Tickets', num: true }, { title: 'Direct', num: true }, { title: 'Allocated', num: true }, { title: 'Total', num: true }, { title: 'Per ticket', num: true }],
        groups.map((g) => [label(g), link('tickets', { ...period, [by]: label(g) }, f.count(g.totals.tickets), { 'data-testid': `cost-group-tickets` }),
          f.money(g.totals.direct, cur), f.money(g.totals.allocated, cur), h('span', { 'data-testid': 'cost-group-total' }, f.money(g.totals.total, cur)), f.money(g.totals.per_ticket, cur)]))),
    section(`Pareto: ${c.pareto_cells} of ${pareto.length} category × product area cells make ${f.num1(c.pareto_target_pct)}% of the cost`,
      paretoChart,
      table([{ title: '#', num: true }, { title: 'Category' }, { title: 'Product area' }, { title: 'Tickets', num: true }, { title: 'Cost', num: true }, { title: 'Share', num: true }, { title: 'Cumulative', num: true }, { title: 'In the 80%' }],
        pareto.map((p, i) => [i + 1, p.category, p.product_area,
          link('tickets', { ...period, category: p.category, product_area: p.product_area }, f.count(p.tickets)),
          f.money(p.total, cur), f.pct(p.share_pct), f.pct(p.cumulative_pct), p.in_pareto ? '✓ yes' : 'no']))));
}
