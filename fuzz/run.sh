#!/usr/bin/env bash
# Fuzzes every target for SECONDS (default 600; .ci/run gives 60) each, one after the
# other, printing executions and CPU time per target. Crashers land in fuzz/artifacts/<target>/;
# move each into fuzz/regressions/<target>/ once fixed, so `cargo test` replays it forever.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
./seed.sh
cargo +nightly fuzz build -O
for target in analysis readers taxonomy ladder html partial; do
    start=$(date +%s)
    log=$(mktemp)
    /usr/bin/time -f "%U %S" -o "$log.time" cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 >"$log" 2>&1 \
        || { tail -40 "$log"; echo "fuzz target $target FAILED (crasher in fuzz/artifacts/$target/)"; exit 1; }
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    cpu=$(awk '{print $1+$2}' "$log.time")
    echo "$target: $runs executions in $(( $(date +%s) - start )) s wall, ${cpu} s CPU, corpus $(ls "corpus/$target" | wc -l) inputs, no crash"
    rm -f "$log" "$log.time"
done
