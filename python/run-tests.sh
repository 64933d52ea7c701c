#!/usr/bin/env bash
# Builds the rungs_skills wheel with maturin in a venv under target/ (pinned tools from
# python/requirements-dev.txt), installs it, and runs python/tests against the release CLI.
# Fails loudly when it cannot install what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/py-venv
if ! "$venv/bin/python" -c "import maturin, pytest, pandas, polars" >/dev/null 2>&1; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q -r python/requirements-dev.txt \
        || { sleep 10; "$venv/bin/pip" install -q -r python/requirements-dev.txt; }
fi
cargo build --release --locked -q
rm -rf target/wheels
"$venv/bin/maturin" build --release --locked -m python/Cargo.toml -o target/wheels --quiet
"$venv/bin/pip" install -q --force-reinstall --no-deps target/wheels/rungs_skills-*.whl
RUNGS_BIN=$PWD/target/release/rungs "$venv/bin/python" -m pytest -q python/tests
