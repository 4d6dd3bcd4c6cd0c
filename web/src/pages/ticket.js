// One ticket: its fields, what it cost and the requester's events before it.
import { api } from '../api.js';
import { h, section, table } from '../dom.js';
import * as f from '../format.js';

export async function ticketPage({ id }) {
  const t = await api(`/api/tickets/${encodeURIComponent(id)}`);
  const cur = t.currency;
  const c = t.cost_breakdown;
  const field = (k, v) => [h('dt', {}, k), h('dd', {}, v === null || v === undefined || v === '' ? '–' : v)];
  return h('div', { class: 'page ticket' },
    h('div', { class: 'page-head' },
      h('h1', { 'data-testid': 'ticket-id' }, `Ticket ${t.ticket_id}`),
      h('p', {}, 'Account ', h('a', { href: `#/account/${encodeURIComponent(t.account_id)}`, 'data-testid': 'ticket-account' }, `${t.account.name || t.account_id} (${t.account_id})`))),
    h('div', { class: 'two' },
      section('Ticket', h('dl', { class: 'fields' },
        field('Created', f.datetime(t.created_at)), field('First response', f.datetime(t.first_response_at)),
        field('Solved', f.datetime(t.solved_at)), field('Status', t.status), field('Channel', t.channel),
        field('Priority', t.priority), field('Category', t.category), field('Product area', t.product_area),
        field('Root cause', t.root_cause), field('Escalated to', t.escalated_to), field('Issue', t.issue_id),
        field('Requester', t.requester_id), field('Assignee', t.assignee), field('Team', t.team),
        field('Tags', t.tags), field('Reopens', t.reopens), field('Replies', t.replies), field('CSAT', t.csat))),
      section('Cost', table([{ title: 'Part' }, { title: cur, num: true }], [
        ['Handling', f.money(c.handling)], ['Escalation', f.money(c.escalation)], ['Re-handling', f.money(c.rehandle)],
        ['Direct', f.money(c.direct)], ['Allocated (fixed costs)', f.money(c.allocated)],
        [h('strong', {}, 'Total'), h('strong', { 'data-testid': 'ticket-cost' }, f.money(c.total))]]),
      h('p', { class: 'muted' }, `Handle time ${f.num1(c.handle_minutes)} min (${c.handle_source.replace('_', ' ')}).`))),
    section(`Events in the ${t.precursor_window_hours} h before it, ${t.events_scope === 'requester' ? 'by its requester' : 'in its account'} (${t.events_before.length})`,
      table([{ title: 'Time' }, { title: 'Event' }, { title: 'User' }, { title: 'Product area' }, { title: 'Error' }],
        t.events_before.map((e) => [f.datetime(e.ts), e.name, e.user_id || '–', e.product_area || '–', e.is_error ? '⚠ error' : '']))));
}
