// A tiny DOM builder: text always goes in as text (no HTML from data reaches the page).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/// A link to a page of the dashboard: `#/page?k=v`.
export function href(page, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return `#/${page}${s ? '?' + s : ''}`;
}

export const link = (page, params, text, attrs = {}) => h('a', { href: href(page, params), ...attrs }, text);

/// A table in a horizontally scrolling box (phones). columns: [{title, num?}], rows: cells.
export function table(columns, rows, attrs = {}) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      attrs,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.num ? 'num' : '', scope: 'col' }, c.title)))),
      h(
        'tbody',
        {},
        rows.length
          ? rows.map((r) => h('tr', {}, r.map((cell, i) => h('td', { class: columns[i].num ? 'num' : '' }, cell))))
          : h('tr', {}, h('td', { colspan: columns.length }, 'No rows.')),
      ),
    ),
  );
}

/// A labelled figure: the number (a link when `to` is given) with a test id.
export function stat(label, value, { to, testid, note } = {}) {
  const v = to ? h('a', { href: to, 'data-testid': testid }, value) : h('span', { 'data-testid': testid }, value);
  return h('div', { class: 'stat' }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value' }, v),
    note ? h('div', { class: 'stat-note' }, note) : null);
}

export const section = (title, ...children) => h('section', { class: 'card' }, h('h2', {}, title), ...children);
