#!/bin/sh
# Time of `ticketlens precursors` on the medium demo (issue 5's target: <= 3 s), not a test.
# Generates the demo once (reused from WORKSPACE when it holds one), then runs the analysis RUNS
# times (default 3) and prints each wall time and the best; the first run includes the World load.
# Usage: bench/precursors_medium.sh [BINARY] [WORKSPACE]   (default build/release/ticketlens)
set -eu
bin=${1:-build/release/ticketlens}
ws=${2:-${TMPDIR:-/tmp}/ticketlens-medium-demo}
runs=${RUNS:-3}
if [ ! -f "$ws/ticketlens.db" ]; then
  "$bin" demo --no-serve --size medium --seed 42 --end 2026-11-02 --workspace "$ws" > /dev/null
fi
best=
i=0
while [ "$i" -lt "$runs" ]; do
  start=$(date +%s.%N)
  "$bin" precursors --workspace "$ws" --format json > "$ws/precursors.json"
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  echo "run $((i + 1)): $t s wall"
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  i=$((i + 1))
done
python3 - "$ws/precursors.json" "$best" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"medium demo: {r['tickets']} tickets, {r['controls_drawn']} control windows, {r['pairs_tested']} pairs tested, "
      f"{len(r['pairs'])} significant; best {float(sys.argv[2]):.2f} s wall (target 3 s)")
PY
