#!/usr/bin/env bash
# PostgreSQL 15's side of bench/peers/run.sh (Debian's postgresql-15): a scratch cluster in
# SCRATCH/pg (initdb on first use, as the postgres user when run as root), stopped at the end.
# The same two questions as window_link_peer on the same CSVs (see py_peers.py for their
# definitions). Usage: postgres_peer.sh DIR SCRATCH [DAYS] [REPEAT]. Prints one JSON line.
set -euo pipefail
data="$1" scratch="$2" days="${3:-7}" repeat="${4:-3}"
bin=/usr/lib/postgresql/15/bin
[[ -x "$bin/initdb" ]] || { echo "postgres_peer: $bin/initdb missing (apt-get install postgresql-15)" >&2; exit 1; }
as_pg=()
if [[ "$(id -u)" -eq 0 ]]; then as_pg=(runuser -u postgres --); fi
pgdata="$scratch/pg" port="${PGPORT_PEERS:-55432}"
mkdir -p "$pgdata"
[[ "$(id -u)" -eq 0 ]] && chown postgres "$pgdata" && chmod 700 "$pgdata"
[[ -f "$pgdata/PG_VERSION" ]] || "${as_pg[@]}" "$bin/initdb" -D "$pgdata" -A trust -U postgres >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$pgdata" -o "-p $port -k /tmp -c shared_buffers=1GB -c work_mem=256MB" -w start >/dev/null
trap '"${as_pg[@]}" "$bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null' EXIT
psql() { PGOPTIONS='-c client_min_messages=warning' "${as_pg[@]}" "$bin/psql" -h /tmp -p "$port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }
cat "$data/events.csv" "$data/tickets.csv" >/dev/null
t0=$(now)
psql -c "DROP TABLE IF EXISTS events, tickets;
  CREATE UNLOGGED TABLE events (ts timestamptz, account_id text, name text);
  CREATE UNLOGGED TABLE tickets (ticket_id text, account_id text, created_at timestamptz);"
psql -c "\\copy events FROM '$data/events.csv' WITH (FORMAT csv, HEADER true)"
psql -c "\\copy tickets FROM '$data/tickets.csv' WITH (FORMAT csv, HEADER true)"
psql -c "CREATE INDEX ON events (account_id, ts); ANALYZE events; ANALYZE tickets;"
load_s=$(echo "$(now) - $t0" | bc)
best() {  # best wall time of $repeat runs of the query $1 in $best_s; the answer in $answer
  local t s
  best_s=999999
  for ((i = 0; i < repeat; i++)); do
    s=$(now); answer=$(psql -c "$1"); t=$(echo "$(now) - $s" | bc)
    best_s=$(echo "if ($t < $best_s) $t else $best_s" | bc)
  done
}
best "SELECT count(*) FROM tickets t JOIN events e ON e.account_id = t.account_id
  AND e.ts >= t.created_at - interval '$days days' AND e.ts < t.created_at"
q1_s=$best_s total=$answer
best "SELECT sum(w * n) FROM (SELECT floor((extract(epoch FROM ts) - 345600) / 604800)::bigint AS w,
  count(DISTINCT account_id) AS n FROM events GROUP BY w) x"
q2_s=$best_s wau=$answer
version=$(psql -c "SHOW server_version")
printf '{"version": "PostgreSQL %s", "load_s": %.4f, "query_s": %.4f, "total": "%s", "wau_s": %.4f, "wau_checksum": "%s"}\n' \
  "$version" "$load_s" "$q1_s" "$total" "$q2_s" "$wau"
