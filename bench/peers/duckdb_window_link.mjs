// DuckDB's side of the window linkage benchmark: the same question as window_link_peer run —
// for every ticket, its account's events in the 7 days before created_at, [created_at − 7 d,
// created_at) — once from the CSV files (load included) and once on the loaded tables (best of
// `repeat`); and weekly active accounts (a checksum, see window_link_peer). Prints one JSON line. Usage: node duckdb_window_link.mjs DIR [days] [repeat]
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, daysArg = '7', repeatArg = '5'] = process.argv.slice(2);
const days = Number(daysArg), repeat = Number(repeatArg);
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const version = (await (await db.run('SELECT version()')).getRows())[0][0];
const threads = (await (await db.run("SELECT current_setting('threads')")).getRows())[0][0];

const query = `SELECT count(*) FROM tickets t JOIN events e
  ON e.account_id = t.account_id AND e.ts >= t.created_at - INTERVAL ${days} DAY AND e.ts < t.created_at`;

const t0 = performance.now();
await db.run(`CREATE TABLE events AS SELECT * FROM read_csv('${dir}/events.csv', header = true,
  columns = {'ts': 'TIMESTAMP', 'account_id': 'VARCHAR', 'name': 'VARCHAR'})`);
await db.run(`CREATE TABLE tickets AS SELECT * FROM read_csv('${dir}/tickets.csv', header = true,
  columns = {'ticket_id': 'VARCHAR', 'account_id': 'VARCHAR', 'created_at': 'TIMESTAMP'})`);
const loadS = (performance.now() - t0) / 1000;

let best = Infinity, total = null;
for (let i = 0; i < repeat; i++) {
  const q0 = performance.now();
  const rows = await (await db.run(query)).getRows();
  best = Math.min(best, (performance.now() - q0) / 1000);
  total = rows[0][0].toString();
}
// Weekly active accounts: Σ over weeks (Monday 00:00 UTC) of week_index × distinct accounts.
const wauQuery = `SELECT sum(w * n)::VARCHAR FROM (SELECT floor((epoch(ts) - 345600) / 604800)::BIGINT AS w,
  count(DISTINCT account_id) AS n FROM events GROUP BY w)`;
let wauBest = Infinity, wau = null;
for (let i = 0; i < repeat; i++) {
  const q0 = performance.now();
  const rows = await (await db.run(wauQuery)).getRows();
  wauBest = Math.min(wauBest, (performance.now() - q0) / 1000);
  wau = rows[0][0].toString();
}
console.log(JSON.stringify({ version, threads: Number(threads), load_s: loadS, query_s: best, total,
  wau_s: wauBest, wau_checksum: wau }));
