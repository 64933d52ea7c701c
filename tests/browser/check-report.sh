#!/usr/bin/env bash
# Opens the HTML report in headless Chromium, as a person's browser would, and checks that it
# renders: the DOM holds the inline SVG charts and the posting table, the page logs no console
# error, and a screenshot is not blank. Then explore.mjs (playwright-core, installed with
# `npm ci --prefix tests/browser`) sorts, filters and drills down as a person would. Run from the project root: tests/browser/check-report.sh
# [OUT_DIR]. Needs Debian's chromium (.ci/run installs it); exits 0 with a note when absent
# unless RUNGS_REQUIRE_BROWSER=1, which CI sets.
set -euo pipefail
out=${1:-target/browser-check}
mkdir -p "$out"
out=$(cd "$out" && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    if [ "${RUNGS_REQUIRE_BROWSER:-0}" = 1 ]; then
        echo "browser check: chromium is not installed" >&2
        exit 1
    fi
    echo "browser check: chromium not installed, skipped"
    exit 0
fi
cargo build --release --quiet
./target/release/rungs report --quiet -o "$out/report.html" --profile data/profiles/profile-python-engineer.md \
    data/sre-postings.txt data/postings.jsonl tests/fixtures/jobspy-export.csv
# Hostile text must reach the page as text.
printf '%s\n' '{"id":"x1","company":"\"><script>alert(4)</script>","job_url":"javascript:alert(3)","text":"- Python <script>alert(1)</script>\n- <img src=x onerror=alert(2)> Terraform"}' > "$out/hostile.jsonl"
./target/release/rungs report --quiet -o "$out/hostile.html" "$out/hostile.jsonl"

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$out/profile" --enable-logging=stderr --v=0)
fails=0
for page in report hostile; do
    rm -rf "$out/profile"
    timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$out/$page.html" > "$out/$page.dom" 2> "$out/$page.log" || true
    svgs=$(grep -o '<svg' "$out/$page.dom" | wc -l)
    if [ "$svgs" -lt 3 ]; then echo "$page: only $svgs SVG charts in the rendered DOM"; fails=$((fails + 1)); fi
    grep -q '<table' "$out/$page.dom" || { echo "$page: no posting table in the rendered DOM"; fails=$((fails + 1)); }
    if grep -E 'CONSOLE|Uncaught|Refused to' "$out/$page.log" | grep -viE 'dbus|gcm|fontconfig'; then
        echo "$page: console errors (above)"; fails=$((fails + 1))
    fi
done
grep -q '<script>alert' "$out/hostile.dom" && { echo "hostile: a posting's <script> became a script"; fails=$((fails + 1)); }
grep -qi '<img src="x"' "$out/hostile.dom" && { echo "hostile: a posting's <img> became an image"; fails=$((fails + 1)); }
grep -qi 'href="javascript' "$out/hostile.dom" && { echo "hostile: a javascript: address became a link"; fails=$((fails + 1)); }
rm -rf "$out/profile"
timeout 120 "$browser" "${flags[@]}" --window-size=1280,3600 --screenshot="$out/report.png" "file://$out/report.html" \
    > /dev/null 2>&1 || true
size=$(stat -c %s "$out/report.png" 2>/dev/null || echo 0)
if [ "$size" -lt 20000 ]; then echo "screenshot is missing or blank ($size bytes)"; fails=$((fails + 1)); fi
if [ -d tests/browser/node_modules/playwright-core ]; then
    CHROMIUM="$browser" node tests/browser/explore.mjs "$out/report.html" || fails=$((fails + 1))
elif [ "${RUNGS_REQUIRE_BROWSER:-0}" = 1 ]; then
    echo "browser check: playwright-core is not installed (npm ci --prefix tests/browser)"; fails=$((fails + 1))
else
    echo "browser check: playwright-core not installed, sorting and filtering not checked"
fi
if [ "$fails" -eq 0 ]; then
    echo "browser check: report renders in $("$browser" --version 2>/dev/null | head -n 1) with its charts, no console errors; screenshot $out/report.png ($size bytes)"
fi
[ "$fails" -eq 0 ]
