"""The Spark map step of examples/spark_freq.py on a local[2] cluster: partials of every
partition (one of them empty, one record without an id) merged by `rungs merge` must be byte
for byte what `rungs freq` prints for the same postings, in several formats. Exits non-zero on
any difference."""

import os
import subprocess
import sys
import tempfile

EXAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "spark_freq.py")
sys.path.insert(0, os.path.dirname(EXAMPLE))
from pyspark.sql import SparkSession  # noqa: E402
from spark_freq import partials, partials_in_python  # noqa: E402

import rungs_skills  # noqa: E402

VIEWS = [["--format", "csv"], ["--format", "json"], ["--format", "csv", "--by", "category"], ["--top", "15"]]


def main(rungs, inputs):
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("rungs-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    # The executors import the map step's helpers from the example, as a job would ship them.
    spark.sparkContext.addPyFile(EXAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        # The postings, plus one without an id, as one JSONL file: the reference input.
        everything = os.path.join(tmp, "all.jsonl")
        with open(everything, "w", encoding="utf-8") as out:
            for path in inputs:
                with open(path, encoding="utf-8") as f:
                    for line in f:
                        if line.strip():
                            out.write(line if line.endswith("\n") else line + "\n")
            out.write('{"text": "- 4+ years of Python and Terraform\\n- Kafka is a plus"}\n')
        lines = spark.sparkContext.textFile(everything, minPartitions=5)
        empty = spark.sparkContext.parallelize([], 1)
        lines = lines.union(empty)
        print(f"spark: {lines.getNumPartitions()} partitions, one of them empty", file=sys.stderr)
        rows = partials(lines, rungs).collect()
        python_rows = partials_in_python(lines, rungs_skills.Scanner()).collect()
        spark.stop()
        assert len(rows) == lines.getNumPartitions(), f"{len(rows)} partials for {lines.getNumPartitions()} partitions"
        assert any('"postings":0' in row for row in rows), "the empty partition gave a zero partial"
        merged_input = "\n".join(rows) + "\n"
        failures = 0
        for view in VIEWS:
            want = subprocess.run([rungs, "freq", "--quiet", *view, everything], capture_output=True, check=True).stdout
            got = subprocess.run([rungs, "merge", "--quiet", *view], input=merged_input.encode(), capture_output=True, check=True).stdout
            same = want == got
            failures += not same
            print(f"{'ok ' if same else 'BAD'} merge {' '.join(view)}: {len(got)} bytes", file=sys.stderr)
        # The Python package's partials merge to the same bytes as the CLI's.
        python_merged = subprocess.run([rungs, "merge", "--quiet", "--partial"], input="\n".join(python_rows).encode(), capture_output=True, check=True).stdout
        cli_merged = subprocess.run([rungs, "merge", "--quiet", "--partial"], input=merged_input.encode(), capture_output=True, check=True).stdout
        same = python_merged == cli_merged
        failures += not same
        print(f"{'ok ' if same else 'BAD'} mapPartitions with rungs_skills: merged partial equals the CLI's", file=sys.stderr)
        postings = sum(1 for line in open(everything, encoding="utf-8") if line.strip())
        print(f"spark map step: {postings} postings, {len(rows)} partials, {len(VIEWS) - failures}/{len(VIEWS)} views byte-identical to rungs freq, Python package partials equal", file=sys.stderr)
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
