#!/bin/sh
# The categoriser's held-out figures on the public datasets (docs/quality.md): Bitext (category,
# intent) and the multilingual helpdesk tickets (queue, type), 80/20 stratified, with the default
# [categorize] settings and the given seeds. Use a release build; the unit test
# (tests/analysis/categorize_test.cpp) reproduces the Bitext category figure of seed 1.
# Usage: bench/categorize_datasets.sh [BINARY] [DATASETS] [SEEDS]
#   (defaults: build/release/ticketlens, ../shared/datasets, "1 2 3 4 5")
set -eu
bin=${1:-build/release/ticketlens}
data=${2:-../shared/datasets}
seeds=${3:-1 2 3 4 5}
ws=${TMPDIR:-/tmp}/ticketlens-categorize-bench
# `categorize evaluate` reads [categorize] from the workspace's ticketlens.toml: Bitext (short
# requests with typos) with subword n-grams of 3-5 bytes, the multilingual tickets with the defaults.
mkdir -p "$ws/bitext" "$ws/multilingual"
printf '[categorize]\nmin_char_ngram = 3\nmax_char_ngram = 5\n' > "$ws/bitext/ticketlens.toml"
: > "$ws/multilingual/ticketlens.toml"
bitext="$data/bitext-customer-support-intents/Bitext_Sample_Customer_Support_Training_Dataset.csv"
multi="$data/multilingual-helpdesk-tickets/helpdesk_customer_tickets.csv"
printf '%-12s %-9s %5s %5s %5s %8s %8s %7s\n' dataset label seed train test accuracy macro_f1 seconds
for seed in $seeds; do
  for spec in "bitext:$bitext:instruction:category" "bitext:$bitext:instruction:intent" \
              "multilingual:$multi:subject,body:queue" "multilingual:$multi:subject,body:type"; do
    name=${spec%%:*}; rest=${spec#*:}; file=${rest%%:*}; rest=${rest#*:}; text=${rest%%:*}; label=${rest#*:}
    start=$(date +%s.%N)
    "$bin" categorize evaluate --workspace "$ws/$name" --csv "$file" --text "$text" --label "$label" --seed "$seed" \
      --format json > "$ws/eval.json"
    end=$(date +%s.%N)
    python3 - "$ws/eval.json" "$name" "$label" "$seed" "$start" "$end" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:<12} {sys.argv[3]:<9} {sys.argv[4]:>5} {e['train']:>5} {e['test']:>5} {e['accuracy']:>8.4f} "
      f"{e['macro_f1']:>8.4f} {float(sys.argv[6]) - float(sys.argv[5]):>7.1f}")
PY
  done
done
