#!/usr/bin/env bash
# The same questions on the same generated data, every engine in one run:
#   bench/peers/run.sh [BUILD_DIR] [--events N --accounts N --tickets N] [--no-clickhouse]
#     [--only duckdb,sqlite,postgres,pandas]
# Questions (definitions in py_peers.py): Q1 window linkage — for every ticket, its account's
# events in [created_at − 7 d, created_at), summed; Q2 weekly active accounts (a checksum over the
# weeks). Engines: ticketlens embedded (the World's columns, analysis kernels); ticketlens with a
# two-shard ClickHouse cluster (scripts/clickhouse-cluster; the events loaded as `ingest` lays
# them out; store::ClickHouseEventKernels: tickets shipped as an external table, SQL on the
# shards); DuckDB (npm @duckdb/node-api in a scratch folder); SQLite (Python's sqlite3, an index on
# (account_id, ts)); PostgreSQL 15 (a scratch cluster, unlogged tables, the same index); pandas
# (numpy searchsorted over account-time keys).
# 1. builds nothing: expects BUILD_DIR (default build/bench) to hold bench/window_link_peer
#    (cmake --preset bench && cmake --build --preset bench --target window_link_peer);
# 2. generates 10M events over 100k accounts and 200k tickets as canonical CSVs into a scratch
#    folder under /tmp (kept between runs; delete it to regenerate);
# 3. installs @duckdb/node-api into /tmp/ticketlens-peers/node (a scratch folder, not a product
#    dependency) unless it is there;
# 4. runs every engine, checks that all answers agree (exit 2 if not), prints the times and the
#    ratios against ticketlens embedded.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$root/build/bench"
if [[ $# -gt 0 && "$1" != --* ]]; then build="$1"; shift; fi
clickhouse=1 only="duckdb,sqlite,postgres,pandas" gen_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-clickhouse) clickhouse=0; shift ;;
    --only) only="$2"; shift 2 ;;
    *) gen_args+=("$1"); shift ;;
  esac
done
scratch=/tmp/ticketlens-peers
data="$scratch/window_link_data"
duckdb_version="${DUCKDB_NODE_API_VERSION:-1.5.6-r.1}"
peer="$build/bench/window_link_peer"
[[ -x "$peer" ]] || { echo "missing $peer: cmake --preset bench && cmake --build --preset bench --target window_link_peer" >&2; exit 1; }

mkdir -p "$scratch/node"
if [[ ! -f "$data/tickets.csv" ]]; then
  echo "generating into $data ..." >&2
  "$peer" generate "$data" "${gen_args[@]}" >&2
fi
if [[ ! -d "$scratch/node/node_modules/@duckdb/node-api" ]]; then
  echo "installing @duckdb/node-api@$duckdb_version into $scratch/node ..." >&2
  (cd "$scratch/node" && [[ -f package.json ]] || echo '{"private": true}' > "$scratch/node/package.json"
   cd "$scratch/node" && npm install --no-audit --no-fund --silent "@duckdb/node-api@$duckdb_version" >&2)
fi
cp "$here/duckdb_window_link.mjs" "$scratch/node/"

# Warm the page cache for both (the first reader would otherwise pay for the disk).
cat "$data/events.csv" "$data/tickets.csv" > /dev/null

chmod -R o+rX "$scratch"  # PostgreSQL's psql runs as the postgres user
results="$scratch/results.jsonl"; : > "$results"
ch_args=()
if [[ $clickhouse -eq 1 ]]; then
  "$root/scripts/clickhouse-cluster" start "$scratch/clickhouse" 2 19520 > "$scratch/clickhouse.toml"
  trap '"$root/scripts/clickhouse-cluster" stop "$scratch/clickhouse"' EXIT
  ch_args=(--clickhouse http://127.0.0.1:19521 --cluster local_cluster --shards http://127.0.0.1:19521,http://127.0.0.1:19522)
fi
echo "ticketlens ..." >&2
tl="$("$peer" run "$data" --days 7 --repeat 5 "${ch_args[@]}")"
echo "$tl" > "$scratch/ticketlens.json"
if [[ ",$only," == *,duckdb,* ]]; then echo "duckdb ..." >&2; echo "{\"engine\": \"duckdb\", \"r\": $(node "$scratch/node/duckdb_window_link.mjs" "$data" 7 5)}" >> "$results"; fi
if [[ ",$only," == *,sqlite,* ]]; then echo "sqlite ..." >&2; echo "{\"engine\": \"sqlite\", \"r\": $(/usr/bin/python3 "$here/py_peers.py" sqlite "$data" 7 3)}" >> "$results"; fi
if [[ ",$only," == *,postgres,* ]]; then echo "postgres ..." >&2; echo "{\"engine\": \"postgres\", \"r\": $("$here/postgres_peer.sh" "$data" "$scratch" 7 3)}" >> "$results"; fi
if [[ ",$only," == *,pandas,* ]]; then echo "pandas ..." >&2; echo "{\"engine\": \"pandas\", \"r\": $(/usr/bin/python3 "$here/py_peers.py" pandas "$data" 7 3)}" >> "$results"; fi

TL="$tl" RESULTS="$results" node -e '
  const fs = require("fs");
  const tl = JSON.parse(process.env.TL);
  const rows = [{ name: "ticketlens embedded", load: tl.load_s, q1: tl.kernel_s, total: String(tl.total), q2: tl.wau_s, wau: String(tl.wau_checksum) }];
  if (tl.clickhouse) rows.push({ name: `ticketlens + ClickHouse ${tl.clickhouse.version} (2 shards)`, load: tl.clickhouse.load_s,
    q1: tl.clickhouse.kernel_s, total: String(tl.clickhouse.total), q2: tl.clickhouse.wau_s, wau: String(tl.clickhouse.wau_checksum) });
  for (const line of fs.readFileSync(process.env.RESULTS, "utf8").split("\n").filter(Boolean)) {
    const { engine, r } = JSON.parse(line);
    rows.push({ name: `${engine === "duckdb" ? "DuckDB " : ""}${r.version}`, load: r.load_s, q1: r.query_s, total: String(r.total), q2: r.wau_s, wau: String(r.wau_checksum) });
  }
  let bad = false;
  for (const r of rows) if (r.total !== rows[0].total || r.wau !== rows[0].wau) {
    console.error(`answers differ: ${r.name} gives ${r.total} / ${r.wau}, ticketlens embedded ${rows[0].total} / ${rows[0].wau}`);
    bad = true;
  }
  console.log(`${tl.events} events, ${tl.accounts} accounts, ${tl.tickets} tickets; every engine: Q1 = ${rows[0].total}, Q2 = ${rows[0].wau}${bad ? " (NOT all equal)" : " (all equal)"}`);
  console.log("| engine | load (s) | Q1 window linkage (s) | × embedded | Q2 weekly active accounts (s) | × embedded |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const r of rows)
    console.log(`| ${r.name} | ${r.load.toFixed(2)} | ${r.q1.toFixed(4)} | ${(r.q1 / rows[0].q1).toFixed(1)} | ${r.q2.toFixed(4)} | ${(r.q2 / rows[0].q2).toFixed(1)} |`);
  if (bad) process.exit(2);
'
