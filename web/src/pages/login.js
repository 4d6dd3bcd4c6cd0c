import { h } from '../dom.js';

export function loginPage(reason, onToken) {
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', placeholder: 'tl_…', required: true, 'aria-label': 'API token' });
  const form = h('form', { class: 'card login', onsubmit: (e) => { e.preventDefault(); onToken(input.value.trim()); } },
    h('h1', {}, 'Sign in to the dashboard'),
    h('p', {}, 'Paste an API token. Create one with ', h('code', {}, 'ticketlens token create NAME'),
      ' (ticketlens demo prints one). It is kept for this browser session only.'),
    reason ? h('p', { class: 'error', role: 'alert' }, reason) : null,
    h('label', { for: 'token' }, 'Token'), input,
    h('button', { type: 'submit' }, 'Open the dashboard'));
  return form;
}
