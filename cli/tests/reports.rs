//! Snapshot checks of every report format on the sample postings in `data/`, so a change to
//! any column, number format or ordering shows up as a reviewed diff (`cargo insta review`,
//! or `INSTA_UPDATE=always cargo test` to accept).

mod common;

use std::process::Command;

use common::workspace_root;

fn rungs(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_rungs"))
        .current_dir(workspace_root())
        .env_remove("COLUMNS")
        .args(args)
        // `ladder show` reads no postings, so it has no summary line to silence.
        .args(if args.starts_with(&["ladder", "show"]) { &[][..] } else { &["--quiet"][..] })
        .output()
        .expect("rungs runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("reports are UTF-8")
}

const SAMPLES: [&str; 2] = ["data/postings.jsonl", "data/sre-postings.txt"];

#[test]
fn scan_in_every_format() {
    for format in ["table", "csv", "json", "jsonl", "md"] {
        let mut args = vec!["scan", "--format", format, "data/postings.jsonl"];
        if format == "table" {
            args.push("--threads=2");
        }
        insta::assert_snapshot!(format!("scan-{format}"), rungs(&args));
    }
}

#[test]
fn freq_in_every_format() {
    for format in ["table", "csv", "json", "jsonl", "md"] {
        let mut args = vec!["freq", "--format", format, "--top", "25"];
        args.extend(SAMPLES);
        insta::assert_snapshot!(format!("freq-{format}"), rungs(&args));
    }
}

#[test]
fn freq_by_category() {
    let mut args = vec!["freq", "--by", "category", "--format", "table"];
    args.extend(SAMPLES);
    insta::assert_snapshot!("freq-by-category-table", rungs(&args));
    let mut args = vec!["freq", "--by", "category", "--format", "json"];
    args.extend(SAMPLES);
    insta::assert_snapshot!("freq-by-category-json", rungs(&args));
}

#[test]
fn seed_postings_scan() {
    insta::assert_snapshot!("scan-seed-sre-postings-csv", rungs(&["scan", "--format", "csv", "data/sre-postings.txt"]));
}

#[test]
fn levels_and_ladders() {
    insta::assert_snapshot!("levels-table", rungs(&["levels", "--ladder", "kensho-sre", "data/postings.jsonl"]));
    insta::assert_snapshot!("levels-jsonl", rungs(&["levels", "--format", "jsonl", "data/postings.jsonl"]));
    insta::assert_snapshot!("levels-summary", rungs(&["levels", "--summary", "data/sre-postings.txt"]));
    insta::assert_snapshot!(
        "ladder-show-kensho-md",
        rungs(&["ladder", "show", "kensho-sre", "--resolved", "--format", "md"])
    );
    insta::assert_snapshot!(
        "ladder-view-csv",
        rungs(&["ladder", "--ladder", "kensho-sre", "--target", "3", "--format", "csv", "data/sre-postings.txt"])
    );
}

#[test]
fn html_report_golden() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-golden");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    rungs(&[
        "report",
        "--html",
        page.to_str().unwrap(),
        "--profile",
        "data/profiles/profile-python-engineer.md",
        "data/sre-postings.txt",
        "data/postings.jsonl",
    ]);
    // The page has no volatile parts (no time, no random ids), so it is compared whole.
    insta::assert_snapshot!("report-html", std::fs::read_to_string(page).unwrap());
}
