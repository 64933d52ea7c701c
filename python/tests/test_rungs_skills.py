"""rungs_skills against the rungs CLI on the same postings, and the README's examples."""

import json
import os
import pathlib
import pickle
import re
import subprocess
import threading

import pytest

import rungs_skills

ROOT = pathlib.Path(__file__).resolve().parents[2]
RUNGS = os.environ.get("RUNGS_BIN", str(ROOT / "target" / "release" / "rungs"))
POOL = ROOT.parent / "shared" / "bench-data" / "postings-pool.jsonl"


def cli(*args, stdin=None):
    return subprocess.run([RUNGS, *args], input=stdin, capture_output=True, check=True, cwd=ROOT).stdout


def sample_postings():
    """data/postings.jsonl, plus the first 400 pool postings when ../shared is beside the project."""
    lines = (ROOT / "data" / "postings.jsonl").read_text(encoding="utf-8").splitlines()
    if POOL.exists():
        with POOL.open(encoding="utf-8") as pool:
            lines += [next(pool).rstrip("\n") for _ in range(400)]
    records = [json.loads(line) for line in lines if line.strip()]
    return [r["id"] for r in records], [r["text"] for r in records], "\n".join(lines) + "\n"


@pytest.mark.parametrize("practices", [False, True])
def test_scan_rows_equal_the_cli(practices):
    ids, texts, jsonl = sample_postings()
    columns = rungs_skills.scan(texts, ids=ids, practices=practices)
    got = [
        {
            "posting": columns["posting"][i],
            "requirement": columns["requirement"][i],
            "start": columns["start_byte"][i],
            "end": columns["end_byte"][i],
            "skill_id": columns["skill_id"][i],
            "skill": columns["skill"][i],
            "category": columns["category"][i],
            "ancestors": columns["ancestors"][i],
            "matched": columns["matched"][i],
            "strength": columns["strength"][i],
            "min_years": columns["min_years"][i],
            "context": columns["context"][i],
        }
        for i in range(len(columns["posting"]))
    ]
    flags = ["--practices"] if practices else []
    want = [json.loads(line) for line in cli("scan", "-q", "-f", "jsonl", "--input-format", "jsonl", *flags, stdin=jsonl.encode()).splitlines()]
    assert practices == any(row["skill_id"] == "practice" for row in want)
    # The CLI also names each posting by title and company; a notebook has those beside its texts.
    for row in want:
        del row["title"], row["company"]
    assert len(got) > 100
    # Compared row by row: a failing `==` on thousands of dicts makes pytest's diff take minutes.
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g == w


def test_string_offsets_slice_the_matched_text():
    ids, texts, _ = sample_postings()
    texts = texts + ["- Erfahrung mit Kubernetes und Gö, C++ • Führung 👩‍💻 Python"]
    ids = ids + ["unicode"]
    columns = rungs_skills.scan(texts, ids=ids, practices=True)
    by_id = dict(zip(ids, texts))
    for posting, start, end, start_byte, end_byte, matched in zip(
        columns["posting"], columns["start"], columns["end"], columns["start_byte"], columns["end_byte"], columns["matched"]
    ):
        text = by_id[posting]
        assert text[start:end] == matched
        assert text.encode()[start_byte:end_byte].decode() == matched
    assert "unicode" in columns["posting"]


def test_freq_partial_equals_the_cli_partial():
    _, texts, jsonl = sample_postings()
    want = cli("freq", "--partial", "-q", "--input-format", "jsonl", stdin=jsonl.encode()).decode().strip()
    assert rungs_skills.Scanner().freq_partial(texts).to_json() == want
    assert rungs_skills.Scanner().freq_partial(texts, threads=1).to_json() == want


def test_merged_partials_equal_the_whole_and_the_cli_table():
    _, texts, jsonl = sample_postings()
    scanner = rungs_skills.Scanner()
    whole = scanner.freq_partial(texts)
    parts = [scanner.freq_partial(texts[i::3]) for i in range(3)] + [scanner.freq_partial([])]
    merged = parts[0]
    for part in parts[1:]:
        merged = merged.merge(part)
    assert merged.to_json() == whole.to_json()
    again = rungs_skills.Partial.from_json(whole.to_json())
    assert again.to_json() == whole.to_json()
    table = whole.table(by="category", top=5)
    rows = json.loads(cli("freq", "-q", "-f", "json", "--by", "category", "--top", "5", "--input-format", "jsonl", stdin=jsonl.encode()))["categories"]
    assert [dict(zip(table, values)) for values in zip(*table.values())] == rows
    with pytest.raises(ValueError, match="counted with taxonomy"):
        other = rungs_skills.Scanner(str(ROOT / "tests" / "fixtures" / "flat-skills.txt"))
        rungs_skills.Partial.from_json(other.freq_partial(texts[:3]).to_json())


def test_scanner_pickles_and_is_shared_by_threads():
    _, texts, _ = sample_postings()
    scanner = rungs_skills.Scanner()
    copy = pickle.loads(pickle.dumps(scanner))
    assert copy.fingerprint == scanner.fingerprint
    want = scanner.scan(texts)
    results = [None] * 4
    def work(i):
        results[i] = copy.scan(texts, threads=1)
    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == want for r in results)


def test_levels_explain_themselves():
    columns = rungs_skills.Scanner().levels(
        ["- 10+ years leading org-wide architecture across many teams", "- 1 year of Python, eager to learn"],
        titles=["Staff Site Reliability Engineer", "Junior Developer"],
    )
    assert columns["band"][0] > columns["band"][1]
    for title, text, evidence in zip(["Staff Site Reliability Engineer", "Junior Developer"],
                                     ["- 10+ years leading org-wide architecture across many teams", "- 1 year of Python, eager to learn"],
                                     columns["evidence"]):
        assert evidence, "every call has evidence"
        for signal, source, start, end, band in evidence:
            quoted = (title if source == "title" else text)[start:end]
            assert quoted.strip(), signal


def test_bad_arguments_are_value_errors():
    with pytest.raises(ValueError, match="2 ids for 1 texts"):
        rungs_skills.scan(["- Python"], ids=["a", "b"])
    with pytest.raises(ValueError, match="cannot use taxonomy"):
        rungs_skills.Scanner("/no/such/taxonomy")
    with pytest.raises(ValueError, match="not a rungs partial"):
        rungs_skills.Partial.from_json("{}")


def readme_python_blocks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


@pytest.mark.parametrize("block", range(2))
def test_readme_examples_run(block, tmp_path, monkeypatch):
    blocks = readme_python_blocks()
    assert len(blocks) >= 2, "the README shows a pandas and a Polars example"
    monkeypatch.chdir(ROOT)
    exec(compile(blocks[block], f"README.md python block {block + 1}", "exec"), {})
