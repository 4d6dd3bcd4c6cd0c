// The weekly snapshot: signals, impact, cause, decision. Every number links to the rows behind it.
import { api } from '../api.js';
import { h, href, link, section, stat, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';

function periodParams(params, week) {
  if (params.month) return { month: params.month };
  if (params.from && params.to) return { from: params.from, to: params.to };
  return { week };
}

export async function snapshotPage({ params, week }) {
  const period = periodParams(params, week);
  const s = await api('/api/snapshot', period);
  const cur = s.currency;
  const sig = s.signals;
  const tickets = (extra) => href('tickets', { ...period, ...extra });
  const prevWeek = /^\d{4}-W\d{2}$/.test(s.history.prev_period || '') ? s.history.prev_period : null;

  const trend = chart({
    xAxis: { type: 'category', data: sig.tickets.trend.map((t) => t.period) },
    yAxis: { type: 'value', name: 'tickets' },
    series: [{ type: 'bar', name: 'tickets', data: sig.tickets.trend.map((t) => t.count), label: { show: true, position: 'top' } }],
  }, { height: 240, label: 'Tickets per period, the last 8 periods' });

  const volume = (rows, dim) => table(
    [{ title: dim === 'category' ? 'Category' : 'Product area' }, { title: 'Tickets', num: true }, { title: 'Previous', num: true }, { title: 'Change', num: true }],
    rows.map((r) => [r.name, link('tickets', { ...period, [dim]: r.name }, f.count(r.count), { 'data-testid': `by-${dim}-${r.name}` }),
      prevWeek ? link('tickets', { week: prevWeek, [dim]: r.name }, f.count(r.prev_count)) : f.count(r.prev_count), f.change(r.change_pct)]));

  const imp = s.impact;
  const exposed = imp.exposed_arr;
  const churn = imp.churn_90d;
  const cause = s.cause;
  const playbooks = s.decision.playbooks;

  return h('div', { class: 'page snapshot' },
    h('div', { class: 'page-head' },
      h('h1', {}, `Snapshot ${s.period.label}`),
      h('p', { class: 'muted' }, `${f.date(s.period.start)} to ${f.date(s.period.end)} (end exclusive) · previous: ${s.history.prev_period} (${s.history.prev_source})`),
      h('p', { class: 'summary', 'data-testid': 'decision-summary' }, s.decision.summary)),
    section('1 · Signals',
      h('div', { class: 'stats' },
        stat('Tickets', f.count(sig.tickets.count), { to: tickets({}), testid: 'tickets-count', note: `${f.change(sig.tickets.change_pct)} vs ${f.count(sig.tickets.prev_count)}` }),
        stat('First response, median', f.hours(sig.first_response_hours.median), { to: tickets({}), testid: 'frt-median', note: `p90 ${f.hours(sig.first_response_hours.p90)}` }),
        stat('Resolution, median', f.hours(sig.resolution_hours.median), { to: tickets({}), testid: 'resolution-median', note: `p90 ${f.hours(sig.resolution_hours.p90)}` }),
        stat('Recurrent', f.pct(sig.recurrent_pct), { testid: 'recurrent-pct', note: `previous ${f.pct(sig.prev_recurrent_pct)}` }),
        stat('CSAT', f.num1(sig.csat_mean), { to: tickets({}), testid: 'csat' }),
        stat('Backlog', f.count(sig.backlog), { testid: 'backlog' }),
        stat(`Cost, ${cur}`, f.amount(sig.cost.total), { to: href('costs', period), testid: 'cost-total', note: `${f.money(sig.cost.per_ticket, cur)} per ticket` })),
      h('h3', {}, 'Tickets, last 8 periods'), trend,
      h('div', { class: 'two' },
        h('div', {}, h('h3', {}, 'By category'), volume(sig.tickets.by_category, 'category')),
        h('div', {}, h('h3', {}, 'By product area'), volume(sig.tickets.by_product_area, 'product_area')))),
    section('2 · Impact',
      h('div', { class: 'stats' },
        stat(`Total ARR, ${cur}`, f.amount(imp.total_arr), { testid: 'total-arr' }),
        stat(`ARR exposed, ${cur}`, f.amount(exposed.amount), { testid: 'exposed-arr', note: `${f.pct(exposed.pct)} of ARR · accounts with more than ${exposed.threshold_tickets} tickets in ${exposed.window_days} days` }),
        stat('90-day churn, with support', f.pct(churn.supported), { testid: 'churn-supported', note: `${f.count(churn.supported_detail?.churned)} of ${f.count(churn.supported_detail?.accounts)} accounts` }),
        stat('90-day churn, without', f.pct(churn.unsupported), { testid: 'churn-unsupported', note: `${f.count(churn.unsupported_detail?.churned)} of ${f.count(churn.unsupported_detail?.accounts)} accounts` }),
        stat('Time to value, median', imp.ttv_days_median == null ? '–' : `${f.num1(imp.ttv_days_median)} days`, { testid: 'ttv', note: `first ${imp.activation_event || '(no activation event)'}` })),
      h('h3', {}, `Exposed accounts (${exposed.accounts.length})`),
      table([{ title: 'Account' }, { title: 'Tickets, 30 days', num: true }, { title: 'ARR', num: true }],
        exposed.accounts.map((a) => [link('account', {}, `${a.name || a.account_id} (${a.account_id})`, { href: `#/account/${encodeURIComponent(a.account_id)}`, 'data-testid': 'exposed-account' }),
          link('tickets', { from: dayBefore(s.period.end, exposed.window_days), to: s.period.end.slice(0, 10), account: a.account_id }, f.count(a.tickets_30d)),
          f.money(a.arr, cur)]))),
    section('3 · Cause',
      h('div', { class: 'stats' },
        stat('Escalated to product', f.pct(cause.escalated_to_product_pct), { testid: 'escalated-product' }),
        stat('Issue resolution, median', cause.issue_resolution_days.median == null ? '–' : `${f.num1(cause.issue_resolution_days.median)} days`, { note: `${f.count(cause.issue_resolution_days.open)} issues open` })),
      h('div', { class: 'two' },
        h('div', {}, h('h3', {}, 'Root causes'),
          table([{ title: 'Root cause' }, { title: 'Tickets', num: true }, { title: 'Share', num: true }],
            cause.root_causes.map((r) => [r.name, link('tickets', { ...period, root_cause: r.name }, f.count(r.count)), f.pct(r.pct)]))),
        h('div', {}, h('h3', {}, `Cost Pareto (${cause.cost_pareto.length} cells make 80%)`),
          table([{ title: 'Category × product area' }, { title: 'Tickets', num: true }, { title: 'Cost', num: true }, { title: 'Cumulative', num: true }],
            cause.cost_pareto.map((c) => [`${c.category} × ${c.product_area}`,
              link('tickets', { ...period, category: c.category, product_area: c.product_area }, f.count(c.tickets)),
              f.money(c.total, cur), f.pct(c.cumulative_pct)]))))),
    section('4 · Decision',
      h('p', {}, s.decision.summary),
      table([{ title: 'Playbook' }, { title: 'Status' }, { title: 'Owner' }, { title: 'Why' }, { title: 'Action' }],
        playbooks.map((p) => [p.name,
          h('span', { class: p.fired ? 'badge fired' : 'badge', 'data-testid': `playbook-${p.name}` }, p.fired ? '● FIRED' : p.decided === false ? '? undecided' : '○ not fired'),
          p.owner || '–', h('span', { class: 'reason' }, p.reason || ''), p.action || '–'])),
      s.targets?.length
        ? [h('h3', {}, 'Targets'), table([{ title: 'Metric' }, { title: 'Target', num: true }, { title: 'Value', num: true }, { title: 'Met' }],
          s.targets.map((t) => [t.metric, `${t.direction === 'at_least' ? '≥' : '≤'} ${f.num1(t.target)}`, f.num1(t.value), t.met === null ? 'unknown' : t.met ? '✓ yes' : '✗ no']))]
        : null));
}

function dayBefore(iso, days) {
  const d = new Date(iso);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
