"""Skill frequencies over postings in a data lake: a Spark map step with `rungs freq --partial`.

Each partition of JSONL postings is piped through `rungs freq --partial -j 1`, which prints one
line of counts (an empty partition prints a zero partial); the driver collects those few lines
and `rungs merge` prints exactly what `rungs freq` prints for all the postings. Counts and year
histograms add exactly under any split, and medians and shares are computed once, after the
merge, so the result does not depend on how Spark partitions the data.

    spark-submit examples/spark_freq.py --rungs /path/to/rungs postings/*.jsonl -- --format csv

Arguments after `--` go to `rungs merge` (`--format`, `--by category`, `--top N`, `--partial`).
The `rungs` binary must exist at the same path on every executor (install it in the image, or
ship it with `--files` and use `./rungs`).
"""

import argparse
import json
import shlex
import subprocess
import sys

from pyspark.sql import SparkSession


def with_ids(indexed_line):
    """Gives a posting without an id a unique one, `spark#<line number>`.

    Without it, `rungs` would name it `stdin#<n>` after its place in the partition, and postings
    of different partitions would share ids (harmless for `freq`, wrong for `scan`)."""
    line, number = indexed_line
    if not line.strip():
        return line
    record = json.loads(line)
    if record.get("id") in (None, ""):
        record["id"] = f"spark#{number + 1}"
        return json.dumps(record, ensure_ascii=False)
    return line


def partials(lines, rungs, taxonomy=None):
    """The partial counts of every partition of an RDD of JSONL lines, one JSON line each."""
    lines = lines.zipWithIndex().map(with_ids)
    command = [rungs, "freq", "--partial", "-j", "1", "--quiet", "--input-format", "jsonl"]
    if taxonomy:
        command += ["--taxonomy", taxonomy]
    # checkCode: a failed partition fails the job instead of silently returning no rows.
    # env: `pipe` starts the command with an empty environment; give it what it needs.
    return lines.pipe(shlex.join(command), env={"LC_ALL": "C.UTF-8"}, checkCode=True)


def partials_in_python(lines, scanner):
    """The same partials without a subprocess: the `rungs_skills` package in `mapPartitions`.

    `scanner` is a `rungs_skills.Scanner`; it travels to the executors in the closure (it
    pickles as its taxonomy path and is rebuilt there), and each partition returns one line."""

    def count(records):
        texts = [json.loads(line)["text"] for line in records if line.strip()]
        yield scanner.freq_partial(texts, threads=1).to_json()

    return lines.mapPartitions(count)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rungs", default="rungs", help="path to the rungs binary on every node")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--taxonomy", help="a taxonomy directory or file (the same on every node)")
    parser.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    parser.add_argument("inputs", nargs="+", help="JSONL files or globs (one posting per line)")
    args, merge_args = parser.parse_known_args()
    merge_args = [a for a in merge_args if a != "--"]

    builder = SparkSession.builder.appName("rungs-freq")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        lines = spark.sparkContext.textFile(",".join(args.inputs), minPartitions=args.partitions)
        rows = partials(lines, args.rungs, args.taxonomy).collect()
    finally:
        spark.stop()
    command = [args.rungs, "merge"] + (["--taxonomy", args.taxonomy] if args.taxonomy else []) + merge_args
    merged = subprocess.run(command, input="\n".join(rows) + "\n", text=True, stdout=sys.stdout)
    sys.exit(merged.returncode)


if __name__ == "__main__":
    main()
