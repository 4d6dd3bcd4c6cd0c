// Retention: Kaplan–Meier survival of accounts by segment, support contact (time-varying), the Cox
// hazard ratios of churn and cohort retention as a heatmap with its numbers in the cells.
import { api } from '../api.js';
import { h, href, link, section, stat, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';

const groupings = ['tier', 'region', 'industry', 'cohort', 'all'];
const segments = ['support', 'tier', 'region', 'industry'];
const symbols = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect'];

export async function retentionPage({ params }) {
  const by = params.by || 'tier';
  const segment = params.segment || 'support';
  const r = await api('/api/retention', { by, segment, as_of: params.as_of });
  const s = r.survival;
  const fixed = (x, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));
  const pv = (p) => (p === null || p === undefined ? '–' : p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

  const groups = s.groups.slice(0, 7);
  const km = chart({
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 48, bottom: 48 },
    xAxis: { type: 'value', name: 'days since signup', nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', name: 'surviving', min: 0, max: 1 },
    tooltip: { trigger: 'item', formatter: (d) => `${d.seriesName}: S(${d.value[0]}) = ${d.value[1].toFixed(3)}` },
    series: groups.map((g, i) => ({
      type: 'line', name: g.group, step: 'end', symbol: symbols[i % symbols.length], symbolSize: 5, showSymbol: true,
      lineStyle: { type: ['solid', 'dashed', 'dotted'][i % 3] },
      data: [[0, 1], ...g.curve.days.map((d, k) => [d, +g.curve.surv[k].toFixed(4)])],
    })),
  }, { height: 320, label: `Kaplan–Meier survival of accounts by ${by}` });

  const months = r.cohorts.by_signup_month;
  const horizons = [6, 12, 24];
  const cells = [];
  months.forEach((m, y) => m.horizons.forEach((hz, x) => {
    if (hz.logo_retention !== null) cells.push([x, y, +(100 * hz.logo_retention).toFixed(1)]);
  }));
  const heat = chart({
    grid: { left: 80, right: 24, top: 16, bottom: 64 },
    tooltip: { trigger: 'item', formatter: (d) => `${months[d.value[1]].key}, ${horizons[d.value[0]]} months: ${d.value[2]}% still subscribed` },
    xAxis: { type: 'category', data: horizons.map((m) => `${m} months`), splitArea: { show: true } },
    yAxis: { type: 'category', data: months.map((m) => m.key), inverse: true },
    visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, text: ['100%', '0%'] },
    series: [{ type: 'heatmap', name: 'logo retention %', data: cells, label: { show: true, formatter: (d) => `${d.value[2]}%` } }],
    onClick: (d) => { location.hash = drill({ cohort: months[d.value[1]].key, horizon: horizons[d.value[0]] }); },
  }, { height: Math.max(220, 90 + 22 * months.length), label: 'Cohort heatmap: share of each signup month still subscribed after 6, 12 and 24 months' });

  const pick = (id, value, options, key) => h('select', { id, 'aria-label': key,
    onchange: (e) => { location.hash = href('retention', { by, segment, as_of: params.as_of, [key]: e.target.value }); } },
  options.map((o) => h('option', { value: o, selected: o === value }, o)));

  // The accounts behind a number (/api/retention/accounts), by the figure's own definition.
  const drill = (selection) => href('retention-accounts', { as_of: params.as_of, ...selection });
  const tv = r.support.time_varying;
  const cox = r.cox;
  const cohortRows = (rows, select) => rows.map((row) => [row.key,
    h('a', { href: drill(select(row.key)), 'data-testid': 'cohort-accounts' }, f.count(row.accounts)),
    ...row.horizons.map((hz) => (hz.logo_retention === null ? '–'
      : h('a', { href: drill({ ...select(row.key), horizon: hz.months }), 'data-testid': 'cohort-cell' }, `${f.pct(100 * hz.logo_retention)} of ${f.count(hz.eligible)}`)))]);

  return h('div', { class: 'page retention' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Retention'),
      h('p', { class: 'muted' }, `As of ${f.date(r.as_of)}. Accounts from signup to their first churn; still subscribed accounts are censored. Support counts from an account's first ticket on (time-varying), never from signup.`)),
    section('Support contact and churn',
      h('div', { class: 'stats' },
        stat('Accounts', f.count(r.support.accounts), { testid: 'ret-accounts' }),
        stat('Churn HR, supported vs not', fixed(tv.hazard_ratio.hr), { testid: 'ret-tv-hr', note: `95% ${fixed(tv.hazard_ratio.lower)}–${fixed(tv.hazard_ratio.upper)}, time-varying` }),
        stat('Churns per 1,000 account-months, supported', fixed(tv.supported.churns_per_1000_account_months), { testid: 'ret-rate-supported' }),
        stat('… not supported', fixed(tv.unsupported.churns_per_1000_account_months), { testid: 'ret-rate-unsupported' }),
        stat('Cox concordance', fixed(cox.concordance.value, 3), { note: `${f.count(cox.churns)} churns, ${f.count(cox.accounts)} accounts` }))),
    section(h('span', {}, 'Survival by ', h('label', { for: 'ret-by', class: 'inline' }, pick('ret-by', by, groupings, 'by'))),
      km,
      table([{ title: by }, { title: 'Accounts', num: true }, { title: 'Churned', num: true }, { title: 'Median days (95%)', num: true }, { title: 'S 6 m', num: true }, { title: 'S 12 m', num: true }, { title: 'S 24 m', num: true }],
        s.groups.map((g) => [g.group, h('a', { href: drill({ by, group: g.group }), 'data-testid': 'km-accounts' }, f.count(g.accounts)),
          link('retention-accounts', { as_of: params.as_of, by, group: g.group }, f.count(g.churned)),
          g.median_days.value === null ? 'not reached' : `${f.count(g.median_days.value)} (${f.count(g.median_days.lower)}–${f.count(g.median_days.upper)})`,
          ...g.survival_at.map((a) => (a.survival === null ? '–' : fixed(a.survival, 3)))])),
      h('p', { class: 'muted' }, s.log_rank ? `Log-rank: χ² ${fixed(s.log_rank.chisq)} on ${s.log_rank.df} df, p ${pv(s.log_rank.p)}` : 'Log-rank: fewer than two groups.')),
    section('Hazard ratios of churn (Cox, time-varying ticket covariates)',
      table([{ title: 'Covariate' }, { title: 'HR', num: true }, { title: '95% interval', num: true }, { title: 'p', num: true }],
        cox.coefficients.map((c) => [c.name, h('span', { 'data-testid': 'hr-value' }, fixed(c.hr, 3)), `${fixed(c.lower, 3)}–${fixed(c.upper, 3)}`, pv(c.p)])),
      h('h3', {}, 'Ticket categories by how much they go with churn (adjusted HR, highest first)'),
      table([{ title: '#', num: true }, { title: 'Category' }, { title: 'HR', num: true }, { title: '95% interval', num: true }, { title: 'p', num: true }],
        cox.categories_ranked.map((c, i) => [i + 1,
          h('a', { href: drill({ category: c.name.replace(/^category=/, '') }), 'data-testid': 'hr-category' }, c.name.replace(/^category=/, '')), fixed(c.hr, 3), `${fixed(c.lower, 3)}–${fixed(c.upper, 3)}`, pv(c.p)]))),
    section('Cohorts: share still subscribed N months after signup',
      heat,
      table([{ title: 'Signup month' }, { title: 'Accounts', num: true }, ...horizons.map((m) => ({ title: `${m} months`, num: true }))], cohortRows(months, (key) => ({ cohort: key })))),
    section(h('span', {}, 'Cohorts by ', h('label', { for: 'ret-segment', class: 'inline' }, pick('ret-segment', segment, segments, 'segment')),
      segment === 'support' ? ' (first ticket category in the first 90 days)' : ''),
      table([{ title: segment }, { title: 'Accounts', num: true }, ...horizons.map((m) => ({ title: `${m} months`, num: true }))], cohortRows(r.cohorts.by_segment, (key) => ({ segment, key })))));
}
