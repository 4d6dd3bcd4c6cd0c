// Risk: accounts ranked by churn (or costly-support) risk × ARR, each with the reasons that raise
// its risk and the play configured for them, and how well the model ranked accounts on a time split.
import { api } from '../api.js';
import { h, href, section, stat, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';

const targets = ['churn', 'costly'];

export async function riskPage({ params }) {
  const target = targets.includes(params.target) ? params.target : 'churn';
  const top = params.top || 50;
  const r = await api('/api/risk', { target, top, as_of: params.as_of });
  const accounts = r.accounts;
  const fixed = (x, d = 3) => (x === null || x === undefined ? '–' : x.toFixed(d));
  const prob = (x) => (x === null || x === undefined ? '–' : f.pct(100 * x));
  const model = (name) => r.evaluation.models.find((m) => m.model === name)?.summary;
  const logistic = model('logistic');
  const baseline = model('baseline_ticket_count');
  const atRisk = accounts.reduce((s, a) => s + (a.risk_arr || 0), 0);

  const shown = accounts.slice(0, 15);
  const bars = chart({
    grid: { left: 150, right: 40, top: 16, bottom: 40 },
    tooltip: { trigger: 'item', formatter: (d) => `${d.name}: ${f.amount(d.value)} (probability ${prob(shown[d.dataIndex].probability)})` },
    xAxis: { type: 'value', name: 'probability × ARR', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'category', inverse: true, data: shown.map((a) => a.account_id), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', name: 'risk × ARR', data: shown.map((a) => +a.risk_arr.toFixed(2)) }],
  }, { height: 60 + 24 * shown.length, label: `The ${shown.length} accounts with the highest ${target} risk × ARR` });

  const pick = h('select', { id: 'risk-target', 'aria-label': 'target',
    onchange: (e) => { location.hash = href('risk', { target: e.target.value, top, as_of: params.as_of }); } },
  targets.map((t) => h('option', { value: t, selected: t === target }, t)));

  const reasons = (a) => h('ul', { class: 'reasons' }, a.reasons.map((x) =>
    h('li', { class: 'reason' }, `${x.feature} = ${x.value === null ? '–' : +x.value.toPrecision(4)}`, h('span', { class: 'muted' }, ` (+${fixed(x.contribution, 2)} log-odds)`))));

  return h('div', { class: 'page risk' },
    h('div', { class: 'page-head' },
      h('h1', {}, 'Risk: ', h('label', { for: 'risk-target', class: 'inline' }, pick)),
      h('p', { class: 'muted' }, `Accounts as of ${f.date(r.as_of)}, ranked by the probability of ${target === 'churn' ? 'churning' : 'costly support'} within ${r.horizon_days} days × their ARR. `
        + `Logistic model trained on cut-offs ${r.model.train_cutoffs.at(-1) || '–'} to ${r.model.train_cutoffs[0] || '–'} (${f.count(r.model.train_rows)} rows, ${f.count(r.model.train_positives)} positive).`)),
    section('Summary',
      h('div', { class: 'stats' },
        stat('Accounts scored', f.count(r.accounts_scored), { testid: 'risk-scored' }),
        stat(`Risk × ARR, top ${accounts.length}`, f.amount(atRisk), { testid: 'risk-total' }),
        stat('AUC, model', fixed(logistic?.auc), { testid: 'risk-auc', note: logistic ? `95% ${fixed(logistic.auc_lower)}–${fixed(logistic.auc_upper)}, tested at ${r.evaluation.test_cutoff}` : 'not evaluated' }),
        stat('AUC, ticket-count baseline', fixed(baseline?.auc), { testid: 'risk-auc-baseline', note: baseline ? `95% ${fixed(baseline.auc_lower)}–${fixed(baseline.auc_upper)}` : '' }))),
    section(`Top ${shown.length} by risk × ARR`, bars),
    section(`Ranked accounts (${accounts.length} of ${f.count(r.accounts_scored)})`,
      table([{ title: '#', num: true }, { title: 'Account' }, { title: 'Probability', num: true }, { title: 'ARR', num: true }, { title: 'Risk × ARR', num: true }, { title: 'Reasons' }, { title: 'Play' }],
        accounts.map((a) => [a.rank,
          h('a', { href: `#/account/${encodeURIComponent(a.account_id)}`, 'data-testid': 'risk-account' }, `${a.name || a.account_id} (${a.account_id})`),
          h('span', { 'data-testid': 'risk-probability' }, prob(a.probability)), f.amount(a.arr),
          h('span', { 'data-testid': 'risk-arr' }, f.amount(a.risk_arr)), reasons(a), a.play || '–']))),
    section('How well the model ranks accounts (time split)',
      table([{ title: 'Model' }, { title: 'Test rows', num: true }, { title: 'Positives', num: true }, { title: 'AUC (95%)', num: true }, { title: 'Precision, top 10%', num: true }, { title: 'Base rate', num: true }, { title: 'Brier', num: true }],
        r.evaluation.models.map((m) => [m.model, f.count(m.summary.test_rows), f.count(m.summary.positives),
          `${fixed(m.summary.auc)} (${fixed(m.summary.auc_lower)}–${fixed(m.summary.auc_upper)})`, prob(m.summary.precision_top10), prob(m.summary.base_rate), fixed(m.summary.brier)])),
      h('p', { class: 'muted' }, 'Trained on accounts at earlier cut-offs whose outcome is known by the test cut-off, scored at the test cut-off. Reasons: the features that raise this account\'s log-odds most against the training mean.')));
}
