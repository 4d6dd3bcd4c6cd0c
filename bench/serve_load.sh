#!/usr/bin/env bash
# Load benchmark of the dashboard API (not a test): wrk with 64 connections for 30 s on each
# route of ROUTES against `ticketlens serve` on 127.0.0.1 (a free port), on the demo company.
# Prints wrk's report per route (requests/s, latency percentiles, errors) and a summary line
# each; docs/performance.md has figures.
#   bench/serve_load.sh [BINARY] [SIZE]   defaults: build/release/ticketlens small
#   ROUTES="snapshot kpi ..."  CONNECTIONS=64  DURATION=30s  THREADS=64
# Traffic goes to 127.0.0.1 only; the run is bounded by wrk's -d and stops by itself.
set -euo pipefail
binary=${1:-build/release/ticketlens}
size=${2:-small}
connections=${CONNECTIONS:-64}
duration=${DURATION:-30s}
command -v wrk >/dev/null || { echo "serve_load: wrk not found (apt-get install wrk)" >&2; exit 1; }
[ -x "$binary" ] || { echo "serve_load: no binary at $binary (cmake --preset release && cmake --build --preset release)" >&2; exit 1; }

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$binary" demo --no-serve --workspace "$work/ws" --size "$size" --seed 42 --end 2026-11-23 >/dev/null
token=$("$binary" token create load --workspace "$work/ws" 2>/dev/null)
: >"$work/serve.out"
"$binary" serve --workspace "$work/ws" --port 0 --threads "${THREADS:-64}" >"$work/serve.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "serve_load: the server did not start" >&2; cat "$work/serve.out" >&2; exit 1; }
week=$(curl -sf -H "Authorization: Bearer $token" "$url/api/status" | sed -n 's/.*"last_full_week":"\([^"]*\)".*/\1/p')
routes=${ROUTES:-status snapshot kpi cost precursors alerts retention retention-accounts risk accounts}
for route in $routes; do
  case $route in
    status) path="/api/status" ;;
    snapshot|kpi|alerts|accounts) path="/api/$route?week=$week" ;;
    cost) path="/api/cost?week=$week&by=category" ;;
    retention-accounts) path="/api/retention/accounts?by=tier&group=enterprise" ;;
    *) path="/api/$route" ;;
  esac
  # The first request computes and caches the result; wrk then measures the served path.
  start=$(date +%s.%N)
  # (an analysis past the server's --time-cap answers 503 and goes on filling the cache: ask again)
  for attempt in $(seq 1 60); do
    curl -sf -o /dev/null -H "Authorization: Bearer $token" "$url$path" && break
    [ "$attempt" -lt 60 ] || { echo "serve_load: $path did not answer 200" >&2; exit 1; }
    sleep 1
  done
  first=$(echo "$(date +%s.%N) - $start" | bc)
  echo "serve_load: $size demo, $connections connections, $duration, GET $path (first request ${first}s)"
  wrk -t2 -c"$connections" -d"$duration" --timeout 5s --latency -H "Authorization: Bearer $token" "$url$path" |
    tee "$work/wrk.out"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.out")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.out")
  errors=$(grep -E 'Non-2xx|Socket errors' "$work/wrk.out" | tr '\n' ' ' || true)
  echo "summary: $route req/s=$rps p50=$p50 p99=$p99 first=${first}s errors=${errors:-none}"
done
