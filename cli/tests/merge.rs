//! `freq --partial` and `merge`: partials of any split of a corpus merge to exactly what `freq`
//! prints for the whole, in every format.

mod common;

use common::*;

/// The sample postings as JSONL lines: `data/postings.jsonl` and the seed collection's postings.
fn corpus() -> Vec<String> {
    let root = workspace_root();
    let root = root.display();
    let mut lines: Vec<String> =
        std::fs::read_to_string(format!("{root}/data/postings.jsonl")).unwrap().lines().map(str::to_string).collect();
    let seeds = std::fs::read_to_string(format!("{root}/data/sre-postings.txt")).unwrap();
    for (i, range) in rungs::input::text::split_document(&seeds).into_iter().enumerate() {
        lines.push(serde_json::json!({ "id": format!("seed-{i}"), "text": &seeds[range] }).to_string());
    }
    assert!(lines.len() >= 20);
    lines
}

/// Cuts `lines` into `k` uneven chunks (sizes growing with their index), shuffled by a fixed
/// rotation, with an empty chunk among them.
fn chunks(lines: &[String], k: usize) -> Vec<String> {
    let weights: Vec<usize> = (1..=k).collect();
    let total: usize = weights.iter().sum();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, w) in weights.iter().enumerate() {
        let end = if i + 1 == k { lines.len() } else { (start + lines.len() * w / total).min(lines.len()) };
        out.push(lines[start..end].iter().map(|l| format!("{l}\n")).collect::<String>());
        start = end;
    }
    out.push(String::new());
    let turn = k / 2 + 1;
    let len = out.len();
    out.rotate_left(turn % len);
    out
}

fn partial(chunk: &str, threads: &str) -> String {
    let o = run_stdin(&["freq", "--partial", "-q", "-j", threads, "--input-format", "jsonl"], chunk.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn merged_partials_print_what_freq_prints_in_every_format() {
    let lines = corpus();
    let whole: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let dir = scratch("merge");
    let all = write(&dir, "all.jsonl", whole.as_bytes());
    let views: &[&[&str]] = &[
        &["-f", "table"],
        &["-f", "csv"],
        &["-f", "json"],
        &["-f", "jsonl"],
        &["-f", "md"],
        &["-f", "csv", "--by", "category"],
        &["-f", "json", "--top", "5"],
        &["-f", "table", "--by", "category", "--top", "3"],
    ];
    for k in [1, 2, 3, 7, 16] {
        let partials: String =
            chunks(&lines, k).iter().enumerate().map(|(i, c)| partial(c, if i % 2 == 0 { "1" } else { "4" })).collect();
        let parts = write(&dir, &format!("parts-{k}.jsonl"), partials.as_bytes());
        for view in views {
            let want = run(&[&["freq"], *view, &[all.as_str()]].concat());
            let got = run(&[&["merge"], *view, &[parts.as_str()]].concat());
            assert_eq!(got.status.code(), Some(0), "{}", stderr(&got));
            assert_eq!(stdout(&got), stdout(&want), "k={k} {view:?}");
            assert_eq!(stderr(&got), stderr(&want), "the summary line too: k={k} {view:?}");
        }
    }
}

#[test]
fn partials_do_not_depend_on_threads_and_merge_associatively() {
    let lines = corpus();
    let whole: String = lines.iter().map(|l| format!("{l}\n")).collect();
    assert_eq!(partial(&whole, "1"), partial(&whole, "4"));
    let parts: Vec<String> = chunks(&lines, 3).iter().map(|c| partial(c, "2")).collect();
    let merge_partial = |input: String| {
        let o = run_stdin(&["merge", "--partial", "-q"], input.as_bytes());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
    };
    assert_eq!(parts.len(), 4, "three chunks and an empty one");
    let left = merge_partial(merge_partial(parts[0].clone() + &parts[1]) + &parts[2] + &parts[3]);
    let right = merge_partial(parts[0].clone() + &merge_partial(parts[1].clone() + &parts[2] + &parts[3]));
    assert!(left == right, "merge --partial is associative");
    assert!(left == partial(&whole, "1"), "a tree of merges equals the partial of the whole");
}

#[test]
fn empty_input_is_a_zero_partial_but_merging_nothing_is_an_error() {
    let zero = partial("", "1");
    assert!(zero.contains("\"postings\":0"), "{zero}");
    let o = run_stdin(&["merge"], zero.as_bytes());
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("no postings in the input"), "{}", stderr(&o));
}

#[test]
fn partials_of_another_taxonomy_or_garbage_are_refused_naming_the_line() {
    let dir = scratch("merge-refused");
    let ours = partial(&corpus()[0], "1");
    let o = run_stdin(
        &["freq", "--partial", "-q", "--input-format", "jsonl", "--taxonomy", "tests/fixtures/flat-skills.txt"],
        corpus()[0].as_bytes(),
    );
    let theirs = stdout(&o);
    let parts = write(&dir, "mixed.jsonl", format!("{ours}\n{theirs}").as_bytes());
    let o = run(&["merge", &parts]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("mixed.jsonl:3: partial counted with taxonomy"), "{}", stderr(&o));
    let o = run_stdin(&["merge"], b"{\"postings\": 3}\n");
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("<stdin>:1: not a rungs partial"), "{}", stderr(&o));
}

#[test]
fn level_summaries_and_ladder_coverage_merge_like_one_run() {
    let lines = corpus();
    let whole: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let dir = scratch("merge-levels");
    let all = write(&dir, "all.jsonl", whole.as_bytes());
    let cases: &[(&[&str], &[&str])] = &[
        (&["levels", "--summary"], &[]),
        (&["levels", "--summary", "--ladder", "kensho-sre"], &["--ladder", "kensho-sre"]),
        (&["ladder", "--ladder", "kensho-sre", "--coverage"], &["--ladder", "kensho-sre"]),
    ];
    for (command, merge_flags) in cases {
        let mut partials = String::new();
        for (i, chunk) in chunks(&lines, 3).iter().enumerate() {
            let threads = if i % 2 == 0 { "1" } else { "3" };
            let args = [*command, &["--partial", "-q", "-j", threads, "--input-format", "jsonl"]].concat();
            let o = run_stdin(&args, chunk.as_bytes());
            assert_eq!(o.status.code(), Some(0), "{command:?}: {}", stderr(&o));
            partials.push_str(&stdout(&o));
        }
        let parts = write(&dir, "parts.jsonl", partials.as_bytes());
        for format in ["table", "csv", "json"] {
            let want = run(&[*command, &["-f", format, all.as_str()]].concat());
            let got = run(&[&["merge", "-f", format], *merge_flags, &[parts.as_str()]].concat());
            assert_eq!(got.status.code(), Some(0), "{command:?}: {}", stderr(&got));
            assert!(stdout(&got) == stdout(&want), "{command:?} -f {format}: merge differs from one run");
            assert_eq!(stderr(&got), stderr(&want), "{command:?}: the summary line");
        }
    }
    // Partials counted against other ladders are refused, naming the line.
    let o = run_stdin(&["levels", "--summary", "--partial", "-q", "--input-format", "jsonl"], lines[0].as_bytes());
    let parts = write(&dir, "one.jsonl", &o.stdout);
    let o = run(&["merge", "--ladder", "kensho-sre", &parts]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("one.jsonl:1: partial counted against ladders"), "{}", stderr(&o));
}
