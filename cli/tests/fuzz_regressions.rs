//! Replays saved fuzz inputs through the fuzz targets' checks on stable Rust: every crasher a
//! fuzzer ever found (kept in `fuzz/regressions/<target>/`) and the seed inputs (`data/`,
//! `tests/fixtures/`). See `fuzz/README.md` for running the fuzzers themselves.

#[path = "../../fuzz/checks.rs"]
mod checks;
mod common;

use std::path::{Path, PathBuf};

use common::*;

type Check = fn(&[u8]);

const TARGETS: &[(&str, Check)] = &[
    ("analysis", checks::analysis),
    ("readers", checks::readers),
    ("taxonomy", checks::taxonomy),
    ("ladder", checks::ladder),
    ("html", checks::html),
    ("partial", checks::partial),
];

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return files };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn saved_crashers_stay_fixed() {
    let root = workspace_root().join("fuzz/regressions");
    for (target, check) in TARGETS {
        for file in files_under(&root.join(target)) {
            check(&std::fs::read(&file).unwrap());
        }
    }
}

#[test]
fn seed_inputs_pass_every_check() {
    let root = workspace_root();
    let seeds: Vec<PathBuf> =
        ["data", "tests/fixtures", "taxonomy"].iter().flat_map(|d| files_under(&root.join(d))).collect();
    assert!(seeds.len() >= 10, "seed files are found");
    for seed in seeds {
        let bytes = std::fs::read(&seed).unwrap();
        for (_, check) in TARGETS {
            check(&bytes);
        }
        for selector in 0..4u8 {
            checks::readers(&[&[selector][..], &bytes].concat());
        }
    }
}

#[test]
fn the_real_report_passes_the_html_allow_list() {
    let dir = scratch("html-allow-list");
    let html = dir.join("report.html");
    let o = run(&[
        "report",
        "-q",
        "--html",
        html.to_str().unwrap(),
        "--profile",
        "data/profiles/profile-python-engineer.md",
        "data/sre-postings.txt",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    checks::check_html(&std::fs::read_to_string(html).unwrap());
}

#[test]
fn partials_of_the_samples_pass_the_partial_check() {
    for sample in ["data/postings.jsonl", "data/sre-postings.txt"] {
        let o = run(&["freq", "--partial", "-q", sample]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        checks::partial(&o.stdout);
    }
}
