#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs from the project's own samples (data/,
# tests/fixtures/, taxonomy/), so the fuzzers start from real postings, taxonomies and ladders.
# The corpus is not committed; a fuzz run grows it in place.
set -euo pipefail
cd "$(dirname "$0")"
root=..
for target in analysis readers taxonomy ladder html partial; do
    mkdir -p "corpus/$target"
done
while IFS= read -r -d '' file; do
    name=$(echo "${file#../}" | tr '/' '_')
    # Text-like seeds for the text targets, capped so each run stays fast.
    head -c 65536 "$file" > "corpus/analysis/$name"
    head -c 65536 "$file" > "corpus/taxonomy/$name"
    head -c 65536 "$file" > "corpus/html/$name"
    # The readers target picks the format from its first byte: seed every format.
    for selector in 0 1 2 3; do
        { printf "\\x3$selector"; head -c 65536 "$file"; } > "corpus/readers/$selector-$name"
    done
done < <(find "$root/data" "$root/tests/fixtures" "$root/taxonomy" -type f -print0)
cp "$root"/taxonomy/ladders/*.csv corpus/ladder/
# Partials of the sample postings, when a built rungs is there to count them.
for rungs in "$root/target/release/rungs" "$root/target/debug/rungs"; do
    if [ -x "$rungs" ]; then
        for file in "$root"/data/*.jsonl "$root"/data/*.txt; do
            "$rungs" freq --partial -q "$file" > "corpus/partial/$(basename "$file").partial"
        done
        break
    fi
done
