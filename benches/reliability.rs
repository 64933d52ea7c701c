//! The inputs that once took cubic or quadratic time, at 1×, 4× and 16× their size: each group's
//! time per byte should stay flat. Ends with a table of time ratios against 1× (linear: 4 and
//! 16). Needs nothing from `../shared`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rungs::{Analyzer, Posting, Taxonomy};

const SCALES: [usize; 3] = [1, 4, 16];

/// A named input family: the text (or taxonomy) at a scale, and the work to time on it.
struct Case {
    name: &'static str,
    input: fn(usize) -> String,
    work: fn(&Analyzer, &str) -> usize,
}

fn analyse(analyzer: &Analyzer, text: &str) -> usize {
    analyzer.analyse(Posting::new("bench", text)).matches.len()
}

fn cases() -> Vec<Case> {
    vec![
        Case { name: "parenthesised-cues", input: |n| "Python (preferred) ".repeat(1_000 * n), work: analyse },
        Case {
            name: "clauses-and-cues",
            input: |n| format!("- {}{}", "Python; ".repeat(400 * n), "a plus; ".repeat(400 * n)),
            work: analyse,
        },
        Case {
            name: "ambiguous-context",
            input: |n| format!("- {}", "Python and Rust ".repeat(5_000 * n)),
            work: analyse,
        },
        Case {
            name: "one-long-line",
            input: |n| {
                "We need 5+ years of Go, Kubernetes and Terraform (preferred); AWS is a plus. ".repeat(2_000 * n)
            },
            work: analyse,
        },
        Case {
            name: "text-file-of-postings",
            input: |n| "---\n- Python\n".repeat(12_500 * n),
            work: |_, text| rungs::input::text::split_document(text).len(),
        },
        Case {
            name: "taxonomy-compile",
            input: |n| (0..6_250 * n).map(|i| format!("skill number {i}\n")).collect(),
            work: |_, labels| {
                Analyzer::new(Taxonomy::from_flat_list(labels, "flat"))
                    .unwrap()
                    .matcher()
                    .expect("a compiled matcher")
                    .pattern_count()
            },
        },
    ]
}

fn bench(c: &mut Criterion) {
    let analyzer = Analyzer::new(Taxonomy::embedded()).expect("the embedded taxonomy compiles");
    let mut ratios = Vec::new();
    for case in cases() {
        let mut group = c.benchmark_group(case.name);
        group.sample_size(10).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_millis(500));
        let mut times = Vec::new();
        for scale in SCALES {
            let input = (case.input)(scale);
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(format!("{scale}x")), &input, |b, input| {
                b.iter(|| black_box((case.work)(&analyzer, input)))
            });
            // One more timing of our own, best of three, for the ratio table.
            let best = (0..3)
                .map(|_| {
                    let started = Instant::now();
                    black_box((case.work)(&analyzer, &input));
                    started.elapsed()
                })
                .min()
                .unwrap();
            times.push((input.len(), best));
        }
        group.finish();
        ratios.push((case.name, times));
    }
    println!("\ntime against 1× (linear growth: 4.0 and 16.0)");
    println!("{:<24} {:>10} {:>12} {:>8} {:>8}", "case", "1× bytes", "1× time", "4×", "16×");
    for (name, times) in ratios {
        let base = times[0].1.as_secs_f64();
        println!(
            "{:<24} {:>10} {:>12.2?} {:>8.1} {:>8.1}",
            name,
            times[0].0,
            times[0].1,
            times[1].1.as_secs_f64() / base,
            times[2].1.as_secs_f64() / base
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
