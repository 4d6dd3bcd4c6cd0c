// Numbers as the pages show them; the browser test parses them back and compares with the API.
const nf0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const nf2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const missing = (x) => x === null || x === undefined || Number.isNaN(x);

export const count = (x) => (missing(x) ? '–' : nf0.format(x));
export const num1 = (x) => (missing(x) ? '–' : nf1.format(x));
export const money = (x, currency = '') => (missing(x) ? '–' : `${currency ? currency + ' ' : ''}${nf2.format(x)}`);
/// Money without the currency code (a stat's label carries it).
export const amount = (x) => (missing(x) ? '–' : nf2.format(x));
export const pct = (x) => (missing(x) ? '–' : `${nf1.format(x)}%`);
export const hours = (x) => (missing(x) ? '–' : `${nf1.format(x)} h`);
/// A change in percent, with an arrow and a sign so it reads without colour.
export const change = (x) => (missing(x) ? 'n/a' : `${x > 0 ? '▲ +' : x < 0 ? '▼ ' : '■ '}${nf1.format(x)}%`);
export const date = (iso) => (iso ? iso.slice(0, 10) : '–');
export const datetime = (iso) => (iso ? iso.replace('T', ' ').replace(/:\d\dZ$/, ' UTC') : '–');
