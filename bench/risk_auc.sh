#!/bin/sh
# The risk models on the medium demo (20,000 accounts), too heavy for the unit tests: generates the
# demo with a release binary (once), runs `ticketlens risk` for both targets and prints the AUC
# table (logistic, XGBoost, ticket-count baseline, 95% bootstrap intervals), then the top of
# `ticketlens backlog`. Exits 1 unless, for churn, the logistic model's AUC interval lies above the
# baseline's (non-overlapping intervals, the issue's acceptance test).
# Usage: bench/risk_auc.sh [BINARY] [WORKSPACE]   (default build/release/ticketlens)
set -eu
bin=${1:-build/release/ticketlens}
ws=${2:-${TMPDIR:-/tmp}/ticketlens-medium-demo}
if [ ! -f "$ws/ticketlens.db" ]; then
  "$bin" demo --size medium --seed 42 --end 2026-11-02 --no-serve --workspace "$ws" > /dev/null
fi
for target in churn costly; do
  start=$(date +%s.%N)
  "$bin" risk --workspace "$ws" --target "$target" --top 10 --no-save --format json > "$ws/risk_$target.json"
  end=$(date +%s.%N)
  echo "risk --target $target: $(echo "$end - $start" | bc) s wall"
done
start=$(date +%s.%N)
"$bin" backlog --workspace "$ws" --top 10 > "$ws/backlog.txt"
end=$(date +%s.%N)
echo "backlog: $(echo "$end - $start" | bc) s wall"
python3 - "$ws" <<'PY'
import json, sys
ws = sys.argv[1]
ok = True
print("| target | model | test rows | positives | AUC (95% CI) | precision top 5% | top 10% | Brier |")
print("|---|---|---:|---:|---|---:|---:|---:|")
for target in ("churn", "costly"):
    r = json.load(open(f"{ws}/risk_{target}.json"))
    models = {m["model"]: m["summary"] for m in r["evaluation"]["models"]}
    for name, s in models.items():
        print(f"| {target} | {name} | {s['test_rows']} | {s['positives']} | {s['auc']:.3f} ({s['auc_lower']:.3f} to "
              f"{s['auc_upper']:.3f}) | {s['precision_top5']:.3f} | {s['precision_top10']:.3f} | {s['brier']:.4f} |")
    if target == "churn":
        ok &= models["logistic"]["auc_lower"] > models["baseline_ticket_count"]["auc_upper"]
print()
print(open(f"{ws}/backlog.txt").read())
sys.exit(0 if ok else 1)
PY
