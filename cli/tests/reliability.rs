//! The reliability cases: nothing lost, nothing destroyed, no hang, time linear in the input.
//! Each test is one case a hostile user or a careless script found failing (see ARCHITECTURE.md,
//! "Reliability"). Complexity cases compare work at two input sizes in one run, so they hold on a
//! slow or busy machine; the real figures are in `benches/reliability.rs`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use rungs::{Analyzer, Posting, Taxonomy};

/// `count` JSONL postings, each with one bullet naming two skills.
fn jsonl_postings(count: usize) -> String {
    (0..count).map(|i| format!("{{\"id\":\"p{i}\",\"text\":\"- Python and Kubernetes\\n- Terraform\"}}\n")).collect()
}

mod data_is_never_destroyed_or_lost {
    use super::*;

    #[test]
    fn output_onto_an_input_is_refused_before_anything_is_touched() {
        let dir = scratch("same-file");
        let input = write(&dir, "same.jsonl", jsonl_postings(2).as_bytes());
        let link = dir.join("link.jsonl");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        let link = link.to_str().unwrap();
        let before = std::fs::read(&input).unwrap();
        for args in [
            vec!["scan", "-o", &input, &input],
            vec!["freq", "-o", link, &input],
            vec!["levels", "-o", &input, dir.to_str().unwrap()],
            vec!["report", "--html", &input, &input],
        ] {
            let o = run(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            assert!(stderr(&o).contains("is also an input"), "{}", stderr(&o));
            assert_eq!(std::fs::read(&input).unwrap(), before, "{args:?} changed its input");
        }
        let profile = write(&dir, "profile.md", b"Python, Go");
        let o = run(&["gap", "--profile", &profile, "-o", &profile, &input]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_eq!(std::fs::read_to_string(&profile).unwrap(), "Python, Go");
    }

    #[test]
    fn a_closed_stdout_is_an_error() {
        let o = Command::new("sh")
            .arg("-c")
            .arg(format!("'{}' scan -f csv data/sre-postings.txt >&-", env!("CARGO_BIN_EXE_rungs")))
            .current_dir(workspace_root())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("standard output is closed"), "{}", stderr(&o));
    }

    #[test]
    fn an_unclosed_csv_quote_is_a_record_error_naming_its_line() {
        let dir = scratch("unclosed");
        let csv = write(&dir, "unclosed.csv", b"id,text\na,- Python\nb,\"- Python\nc,- Kubernetes\nd,- Terraform\n");
        let o = run(&["scan", "-f", "csv", &csv]);
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("unclosed.csv:3 (record 2): malformed CSV: a quote opened on line 3"),
            "{}",
            stderr(&o)
        );
        let o = run(&["scan", "-f", "csv", "--skip-bad-records", &csv]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stdout(&o).contains("a,1,2,8,python"), "{}", stdout(&o));
        assert!(stderr(&o).contains("takes in lines 3-5"), "the skip says what it lost: {}", stderr(&o));
        assert!(stderr(&o).contains("1 postings, 1 requirements, 1 matches, 1 skipped"), "{}", stderr(&o));
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_refused_with_a_hint() {
        let dir = scratch("utf16");
        let text = "- 5+ years of Python\n- Terraform is a plus\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (name, bytes, hint) in [("le.txt", le, "utf-16le"), ("be.jsonl", be, "utf-16be")] {
            let path = write(&dir, name, &bytes);
            let o = run(&["freq", &path]);
            assert_eq!(o.status.code(), Some(3), "{name}");
            assert!(stderr(&o).contains(&format!("iconv -f {hint} -t utf-8")), "{}", stderr(&o));
        }
    }

    #[test]
    fn an_interrupted_run_leaves_the_output_file_as_it_was() {
        let dir = scratch("interrupted");
        let target = dir.join("out.csv");
        std::fs::write(&target, "the previous report\n").unwrap();
        let mut child = rungs()
            .args(["scan", "-f", "csv", "-j", "1", "--input-format", "jsonl", "-o", target.to_str().unwrap()])
            .stdin(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // More than one chunk of postings, so rows have been written to the temporary file.
        stdin.write_all(jsonl_postings(2_000).as_bytes()).unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(Duration::from_millis(500));
        // Ctrl-C: the target is untouched and the temporary file removed.
        // SAFETY: sends a signal to our own child process.
        assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) }, 0);
        let status = child.wait().unwrap();
        assert_eq!(std::os::unix::process::ExitStatusExt::signal(&status), Some(libc::SIGINT));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "the previous report\n");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "the temporary file is removed");
    }

    #[test]
    fn a_missing_input_leaves_no_output_file() {
        let dir = scratch("missing-input");
        let target = dir.join("out.csv");
        let o = run(&["scan", "-o", target.to_str().unwrap(), "no/such/postings.jsonl"]);
        assert_eq!(o.status.code(), Some(3));
        assert!(!target.exists());
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "no temporary file is left behind");
    }
}

mod pipes_and_terminals {
    use super::*;

    #[test]
    fn a_reader_that_stops_early_ends_the_run_quietly() {
        let dir = scratch("pipe");
        let input = write(&dir, "many.jsonl", jsonl_postings(3_000).as_bytes());
        for format in ["csv", "json", "jsonl", "table"] {
            let mut child = rungs()
                .args(["scan", "-q", "-f", format, &input])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut first = String::new();
            BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
            let status = child.wait().unwrap();
            let mut err = String::new();
            child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
            assert_eq!(status.code(), Some(0), "{format}: {err}");
            assert!(err.is_empty(), "{format}: {err}");
        }
    }

    #[test]
    fn a_closed_stderr_drops_messages_without_a_panic() {
        let dir = scratch("stderr");
        let bad: String = (0..3_000)
            .map(|i| {
                if i % 2 == 0 {
                    format!("{{\"id\":\"x{i}\",\"text\":42}}\n")
                } else {
                    format!("{{\"id\":\"x{i}\",\"text\":\"- Go and Rust\"}}\n")
                }
            })
            .collect();
        let input = write(&dir, "bad.jsonl", bad.as_bytes());
        let mut child = rungs()
            .args(["scan", "--skip-bad-records", &input])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0));
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let dir = scratch("escapes");
        let input = write(
            &dir,
            "esc.jsonl",
            b"{\"id\":\"job\\u001b[2J\\u001b]0;pwned\\u0007\",\"text\":\"- Python \\u001b[31mred\"}\n",
        );
        let o = run(&["scan", "-q", &input]);
        assert!(!stdout(&o).contains('\u{1b}') && !stdout(&o).contains('\u{7}'), "{}", stdout(&o));
        assert!(stdout(&o).contains("job\u{fffd}[2J"), "{}", stdout(&o));
        // CSV and JSON keep the text as it is: they are for programs, not terminals.
        let o = run(&["scan", "-q", "-f", "jsonl", &input]);
        assert!(stdout(&o).contains("job\\u001b[2J"), "{}", stdout(&o));
        let name = write(&dir, "bad\u{1b}]0;x\u{7}.jsonl", b"{\"id\":1,\"text\":\"\"}\n");
        let o = run(&["scan", &name]);
        assert!(!stderr(&o).contains('\u{1b}'), "{}", stderr(&o));
    }

    #[test]
    fn markdown_output_carries_no_html_or_links_from_postings() {
        let input = b"{\"id\":\"<img src=x onerror=alert(1)>\",\"text\":\"- Python [x](javascript:alert(1))\"}\n";
        let o = run_stdin(&["scan", "-q", "-f", "md", "--input-format", "jsonl"], input);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(!stdout(&o).contains("<img"), "{}", stdout(&o));
        assert!(stdout(&o).contains("&lt;img src=x onerror=alert(1)&gt;"), "{}", stdout(&o));
    }
}

mod no_hang_no_unbounded_memory {
    use super::*;

    #[test]
    fn directories_with_link_loops_and_fifos_are_walked_once() {
        let dir = scratch("loops");
        std::fs::write(dir.join("p.txt"), "- Python").unwrap();
        std::os::unix::fs::symlink(".", dir.join("a")).unwrap();
        std::os::unix::fs::symlink(".", dir.join("b")).unwrap();
        let fifo = dir.join("pipe");
        assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let started = Instant::now();
        let o = run(&["scan", "-f", "csv", dir.to_str().unwrap()]);
        assert!(started.elapsed() < Duration::from_secs(20));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stdout(&o).lines().count(), 2, "one posting, read once: {}", stdout(&o));
        assert!(stderr(&o).contains("not read: a link back to"), "{}", stderr(&o));
        assert!(stderr(&o).contains("pipe: not read: not a regular file"), "{}", stderr(&o));
    }

    #[test]
    fn endless_input_stops_at_the_posting_size_limit() {
        let o = run(&["scan", "--max-posting-bytes", "100000", "/dev/zero"]);
        assert_eq!(o.status.code(), Some(3));
        assert!(stderr(&o).contains("/dev/zero: the text file is larger than 100000 bytes"), "{}", stderr(&o));
    }

    #[test]
    fn an_oversized_record_is_skipped_and_the_rest_read() {
        let long = format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n", "Python ".repeat(1_000));
        let input =
            format!("{{\"id\":\"a\",\"text\":\"- Python\"}}\n{long}{{\"id\":\"b\",\"text\":\"- Kubernetes\"}}\n");
        let args = ["scan", "-f", "csv", "--input-format", "jsonl", "--max-posting-bytes", "1000"];
        let o = run_stdin(&args, input.as_bytes());
        assert_eq!(o.status.code(), Some(3));
        assert!(stderr(&o).contains("<stdin>:2: the JSON line is larger than 1000 bytes"), "{}", stderr(&o));
        let o = run_stdin(&[&args[..], &["--skip-bad-records"]].concat(), input.as_bytes());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stderr(&o).contains("2 postings, 2 requirements, 2 matches, 1 skipped"), "{}", stderr(&o));
        let csv = format!("id,text\na,- Go\nbig,\"{}\"\n", "x".repeat(2_000));
        let o = run_stdin(&["scan", "--input-format", "csv", "--max-posting-bytes", "1000"], csv.as_bytes());
        assert_eq!(o.status.code(), Some(3));
        assert!(stderr(&o).contains("the CSV record is larger than 1000 bytes"), "{}", stderr(&o));
    }
}

mod time_grows_linearly {
    use super::*;

    /// The CPU time this thread has used: unlike the wall clock, it does not count the time the
    /// thread waits for a core, which on a busy machine (other tests, other jobs) made a run of a
    /// few milliseconds look several times longer than the work it did.
    fn thread_cpu_time() -> Duration {
        let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `now` is a valid timespec for the call to fill.
        assert_eq!(unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) }, 0);
        Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
    }

    /// Asserts that `work` at four times the size costs well under the sixteen times a quadratic
    /// cost would (the thread's CPU time, best of three runs each, to ride out a busy machine).
    fn assert_near_linear(case: &str, work: impl Fn(usize) -> usize) {
        let time = |scale: usize| {
            (0..3)
                .map(|_| {
                    let started = thread_cpu_time();
                    std::hint::black_box(work(scale));
                    thread_cpu_time() - started
                })
                .min()
                .unwrap()
        };
        let (small, large) = (time(1), time(4));
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-4);
        assert!(ratio < 9.0, "{case}: 4× the input took {ratio:.1}× the time ({small:?} → {large:?})");
    }

    fn analyse(text: String) -> usize {
        thread_local! {
            static ANALYZER: Analyzer = Analyzer::new(Taxonomy::embedded()).unwrap();
        }
        ANALYZER.with(|analyzer| analyzer.analyse(Posting::new("p", text)).matches.len())
    }

    #[test]
    fn parenthesised_cues() {
        assert_eq!(analyse("Python (preferred) ".repeat(10)), 10);
        assert_near_linear("(preferred) cues", |n| analyse("Python (preferred) ".repeat(500 * n)));
    }

    #[test]
    fn cues_in_many_clauses() {
        assert_near_linear("clauses × cues", |n| {
            analyse(format!("- {}{}", "Python; ".repeat(200 * n), "a plus; ".repeat(200 * n)))
        });
    }

    #[test]
    fn context_of_ambiguous_names() {
        assert_near_linear("ambiguous-name context", |n| {
            analyse(format!("- {}", "Python and Rust ".repeat(1_000 * n)))
        });
    }

    #[test]
    fn one_long_line() {
        let sentence = "We need 5+ years of Go, Kubernetes and Terraform (preferred); AWS is a plus. ";
        assert_near_linear("one long line", |n| analyse(sentence.repeat(1_000 * n)));
    }

    #[test]
    fn many_postings_in_one_text_file() {
        let dir = scratch("many-postings");
        let input = write(&dir, "many.txt", "---\n- Python\n".repeat(50_000).as_bytes());
        let o = run(&["freq", "-f", "json", "-j", "1", &input]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stdout(&o).starts_with("{\"postings\":50000,"), "{}", &stdout(&o)[..80]);
        assert_near_linear("text file split", |n| {
            rungs::input::text::split_document(&"---\n- Python\n".repeat(5_000 * n)).len()
        });
    }

    #[test]
    fn a_large_taxonomy_compiles() {
        let labels = |n: usize| (0..6_000 * n).map(|i| format!("skill number {i}\n")).collect::<String>();
        assert_near_linear("taxonomy compile", |n| {
            Analyzer::new(Taxonomy::from_flat_list(&labels(n), "flat"))
                .unwrap()
                .matcher()
                .expect("a compiled matcher")
                .pattern_count()
        });
    }

    #[test]
    fn carriage_returns_alone_end_lines() {
        let o = run_stdin(&["scan", "-q", "-f", "csv"], b"- 5+ years of Python\r- Terraform is a plus\r");
        let rows: Vec<String> =
            stdout(&o).lines().skip(1).map(|l| l.split(',').skip(4).collect::<Vec<_>>().join(",")).collect();
        assert_eq!(
            rows,
            [
                "python,Python,programming-language,Python,required,5,requirement,NA,NA,NA",
                "terraform,Terraform,iac,Terraform,preferred,NA,requirement,infrastructure-as-code,NA,NA"
            ]
        );
    }
}

mod smaller_findings {
    use super::*;

    #[test]
    fn repeated_csv_headers_are_reported() {
        let o = run_stdin(&["scan", "--input-format", "csv", "-f", "csv"], b"id,text,TEXT\na,- Go and Rust,- Python\n");
        assert_eq!(o.status.code(), Some(0));
        assert!(
            stderr(&o).contains("the header names 'TEXT' twice (columns 2 and 3); the first is used"),
            "{}",
            stderr(&o)
        );
        assert!(stdout(&o).contains(",rust,") && !stdout(&o).contains("python"), "{}", stdout(&o));
    }

    #[test]
    fn numeric_json_ids_keep_every_digit() {
        let o = run_stdin(&["scan", "-f", "csv"], b"{\"id\":12345678901234567890123,\"text\":\"- Python\"}\n");
        assert!(stdout(&o).contains("\n12345678901234567890123,1,"), "{}", stdout(&o));
    }

    #[test]
    fn repeated_ids_and_json_keys_are_reported_once() {
        let input = b"{\"id\":\"a\",\"text\":\"- Go\",\"text\":\"- Rust\"}\n{\"id\":\"a\",\"text\":\"- Python\",\"text\":\"- C\"}\n{\"id\":\"a\",\"text\":\"- SQL\"}\n";
        let o = run_stdin(&["scan", "-f", "csv"], input);
        assert_eq!(o.status.code(), Some(0));
        let err = stderr(&o);
        assert_eq!(err.matches("gives \"text\" more than once").count(), 1, "{err}");
        assert!(err.contains("2 postings have an id an earlier posting already had"), "{err}");
    }

    #[test]
    fn taxonomy_check_reports_parent_loops() {
        let dir = scratch("parent-loop");
        write(&dir, "categories.csv", b"id,name,kind\nlang,Languages,technology\n");
        write(
            &dir,
            "skills.csv",
            b"id,name,category,parent\nax,Axolotl,lang,bx\nbx,Bexfoo,lang,cx\ncx,Cexbar,lang,ax\n",
        );
        let o = run(&["taxonomy", "check", dir.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(4));
        assert!(stdout(&o).contains("skills.csv:2: parent links form a loop: ax → bx → cx → ax"), "{}", stdout(&o));
    }

    #[test]
    fn ladder_competencies_need_distinct_names() {
        let dir = scratch("ladder-names");
        let header = "ladder_id,ladder_name,level,level_title,band,area,competency,descriptor,status\n";
        let ladder = format!("{header}x,X,1,L1,1,A,!!!,Does things,stated\nx,X,1,L1,1,A,Code Review,Reviews,stated\nx,X,2,L2,2,A,Code review,Reviews more,stated\n");
        let path = write(&dir, "ladder.csv", ladder.as_bytes());
        let o = run(&["taxonomy", "check", &path]);
        assert_eq!(o.status.code(), Some(4), "{}", stdout(&o));
        assert!(stdout(&o).contains("competency '!!!' needs a letter or digit"), "{}", stdout(&o));
        assert!(
            stdout(&o).contains("competency 'Code review' has the id 'code-review' of 'Code Review' above"),
            "{}",
            stdout(&o)
        );
    }
}
