#!/bin/sh
# The strict planted-hazard check on the medium demo (20,000 accounts, ~5,500 churns), too heavy
# for the unit tests: generates the demo with a release/bench binary, fits `retention cox` and
# checks that the planted HRs (docs/demo.md, effect c: 2.0 and 2.5) lie inside the 95% intervals.
# Usage: bench/retention_planted.sh [BINARY] [WORKSPACE]   (default build/bench/app/ticketlens)
set -eu
bin=${1:-build/bench/app/ticketlens}
ws=${2:-${TMPDIR:-/tmp}/ticketlens-medium-demo}
if [ ! -f "$ws/ticketlens.db" ]; then
  "$bin" demo --size medium --seed 42 --end 2026-11-02 --workspace "$ws" > /dev/null
fi
start=$(date +%s.%N)
"$bin" retention cox --workspace "$ws" --format json > "$ws/retention_cox.json"
end=$(date +%s.%N)
python3 - "$ws/retention_cox.json" "$start" "$end" <<'PY'
import json, sys
fit = json.load(open(sys.argv[1]))
print(f"medium demo: {fit['accounts']} accounts, {fit['intervals']} intervals, {fit['churns']} churns, "
      f"retention cox {float(sys.argv[3]) - float(sys.argv[2]):.1f} s wall")
ok = True
for name, truth in (("recent_recurrent_ticket", 2.0), ("long_unresolved_ticket", 2.5)):
    c = next(c for c in fit["coefficients"] if c["name"] == name)
    inside = c["lower"] < truth < c["upper"]
    ok &= inside
    print(f"{name}: planted {truth}, estimated {c['hr']:.3f} (95% CI {c['lower']:.3f} to {c['upper']:.3f})"
          f" {'inside' if inside else 'OUTSIDE'}")
sys.exit(0 if ok else 1)
PY
