#!/usr/bin/env bash
# The Spark map step (examples/spark_freq.py) on a local[2] cluster, compared byte for byte with
# `rungs freq`: over data/postings.jsonl, and over the 5,442-posting pool when ../shared is beside
# the project. Installs what it needs (Java from Debian if missing, a venv under target/ with the
# pinned pyspark) and fails loudly when it cannot.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v java >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || { echo "spark test: Java is missing and apt-get is not available" >&2; exit 1; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null || { sleep 10; apt-get update -q >/dev/null; }
    apt-get install -y -q openjdk-17-jre-headless >/dev/null \
        || { sleep 10; apt-get install -y -q openjdk-17-jre-headless >/dev/null; }
fi
venv=target/spark-venv
if ! "$venv/bin/python" -c "import pyspark, maturin" >/dev/null 2>&1; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q -r tests/spark/requirements.txt \
        || { sleep 10; "$venv/bin/pip" install -q -r tests/spark/requirements.txt; }
fi
cargo build --release --locked -q
rungs=$PWD/target/release/rungs
# The rungs_skills wheel, for the mapPartitions route (python/run-tests.sh builds it; build it
# here when it has not run).
if ! ls target/wheels/rungs_skills-*.whl >/dev/null 2>&1; then
    "$venv/bin/maturin" build --release --locked -m python/Cargo.toml -o target/wheels --quiet
fi
"$venv/bin/pip" install -q --force-reinstall --no-deps target/wheels/rungs_skills-*.whl
inputs=(data/postings.jsonl)
pool=../shared/bench-data/postings-pool.jsonl
if [ -f "$pool" ]; then
    inputs+=("$pool")
else
    echo "spark test: $pool not found; running on data/ only" >&2
fi
# Spark binds to loopback only: this test talks to nothing beyond the machine.
export SPARK_LOCAL_IP=127.0.0.1
PYSPARK_PYTHON="$venv/bin/python" "$venv/bin/python" tests/spark/check_merge.py "$rungs" "${inputs[@]}"
