#!/usr/bin/env bash
# The window linkage kernel against DuckDB, on the same generated data, in one run:
#   bench/peers/run.sh [BUILD_DIR] [--events N --accounts N --tickets N]
# 1. builds nothing: expects BUILD_DIR (default build/bench) to hold bench/window_link_peer
#    (cmake --preset bench && cmake --build --preset bench --target window_link_peer);
# 2. generates 10M events over 100k accounts and 200k tickets as canonical CSVs into a scratch
#    folder under /tmp (kept between runs; delete it to regenerate);
# 3. installs @duckdb/node-api into /tmp/ticketlens-peers/node (a scratch folder, not a product
#    dependency) unless it is there;
# 4. runs both: ticketlens loads the CSVs into the World's columns and runs
#    analysis::count_account_events_before; DuckDB reads the CSVs into tables and runs the range
#    join; both count each ticket's account events in [created_at − 7 d, created_at);
# 5. checks the totals agree and prints the ratios (DuckDB time / ticketlens time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build/bench}"
shift || true
scratch=/tmp/ticketlens-peers
data="$scratch/window_link_data"
duckdb_version="${DUCKDB_NODE_API_VERSION:-1.5.6-r.1}"
peer="$build/bench/window_link_peer"
[[ -x "$peer" ]] || { echo "missing $peer: cmake --preset bench && cmake --build --preset bench --target window_link_peer" >&2; exit 1; }

mkdir -p "$scratch/node"
if [[ ! -f "$data/tickets.csv" ]]; then
  echo "generating into $data ..." >&2
  "$peer" generate "$data" "$@" >&2
fi
if [[ ! -d "$scratch/node/node_modules/@duckdb/node-api" ]]; then
  echo "installing @duckdb/node-api@$duckdb_version into $scratch/node ..." >&2
  (cd "$scratch/node" && [[ -f package.json ]] || echo '{"private": true}' > "$scratch/node/package.json"
   cd "$scratch/node" && npm install --no-audit --no-fund --silent "@duckdb/node-api@$duckdb_version" >&2)
fi
cp "$here/duckdb_window_link.mjs" "$scratch/node/"

# Warm the page cache for both (the first reader would otherwise pay for the disk).
cat "$data/events.csv" "$data/tickets.csv" > /dev/null

tl="$("$peer" run "$data" --days 7 --repeat 5)"
dk="$(node "$scratch/node/duckdb_window_link.mjs" "$data" 7 5)"
echo "ticketlens: $tl"
echo "duckdb:     $dk"
TL="$tl" DK="$dk" node -e '
  const tl = JSON.parse(process.env.TL), dk = JSON.parse(process.env.DK);
  if (String(tl.total) !== String(dk.total)) {
    console.error(`totals differ: ticketlens ${tl.total}, duckdb ${dk.total}`);
    process.exit(2);
  }
  const loaded = dk.query_s / tl.kernel_s;
  const withLoad = (dk.load_s + dk.query_s) / (tl.load_s + tl.kernel_s);
  console.log(`same total: ${tl.total} events in the 7 days before ${tl.tickets} tickets`);
  console.log(`loaded data:   ticketlens ${(tl.kernel_s * 1000).toFixed(1)} ms, DuckDB ${dk.version} ${(dk.query_s * 1000).toFixed(1)} ms -> ${loaded.toFixed(1)}x (goal >= 8x)`);
  console.log(`from CSV:      ticketlens ${(tl.load_s + tl.kernel_s).toFixed(2)} s, DuckDB ${(dk.load_s + dk.query_s).toFixed(2)} s -> ${withLoad.toFixed(2)}x (goal >= 2x)`);
'
