//! End-to-end throughput of the analysis pipeline on real postings, each beside a bare
//! Aho-Corasick pass over the same bytes with the same patterns, in the same run.
//!
//! Reads `../shared/bench-data/postings-pool.jsonl` (not shipped with rungs: the postings may
//! not be republished) and `../shared/bench-data/esco-labels.txt`; when they are absent the
//! benchmark says so and measures nothing. `RUNGS_BENCH_POSTINGS` limits how many postings
//! are used (default 1,000).
//!
//! Besides criterion's own report, the run ends with a ratio table measured by interleaving
//! the two passes, so machine noise hits both alike.

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use rungs::{Analyzer, Posting, Taxonomy};

const POOL: &str = "../shared/bench-data/postings-pool.jsonl";
const ESCO: &str = "../shared/bench-data/esco-labels.txt";

fn load_postings() -> Option<Vec<Posting>> {
    let text = fs::read_to_string(POOL).ok()?;
    let limit = std::env::var("RUNGS_BENCH_POSTINGS").ok().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let postings = text
        .lines()
        .take(limit)
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("pool lines are JSON");
            Posting::new(value["id"].as_str().unwrap_or_default(), value["text"].as_str().unwrap_or_default())
        })
        .collect();
    Some(postings)
}

fn analyzers() -> Vec<(&'static str, Analyzer)> {
    let mut out = vec![("default-taxonomy", Analyzer::new(Taxonomy::embedded()).expect("default taxonomy compiles"))];
    match fs::read_to_string(ESCO) {
        Ok(labels) => {
            out.push(("esco-flat", Analyzer::new(Taxonomy::from_flat_list(&labels, ESCO)).expect("ESCO compiles")))
        }
        Err(_) => eprintln!("{ESCO} not found: skipping the ESCO flat-taxonomy benchmark"),
    }
    out
}

fn pipeline(analyzer: &Analyzer, postings: &[Posting]) -> usize {
    postings.iter().map(|p| analyzer.analyse(p.clone()).matches.len()).sum()
}

fn bare_scan(analyzer: &Analyzer, postings: &[Posting]) -> usize {
    let automata = analyzer.matcher().automata();
    postings.iter().map(|p| automata.iter().map(|a| a.find_iter(p.text.as_str()).count()).sum::<usize>()).sum()
}

fn bench(c: &mut Criterion) {
    let Some(postings) = load_postings() else {
        eprintln!("{POOL} not found: run from the project root with ../shared beside it");
        return;
    };
    let bytes: usize = postings.iter().map(|p| p.text.len()).sum();
    for (name, analyzer) in analyzers() {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes as u64)).sample_size(10).measurement_time(Duration::from_secs(8));
        group.bench_function(BenchmarkId::new("pipeline", postings.len()), |b| {
            b.iter(|| black_box(pipeline(&analyzer, &postings)))
        });
        group.bench_function(BenchmarkId::new("bare-aho-corasick", postings.len()), |b| {
            b.iter(|| black_box(bare_scan(&analyzer, &postings)))
        });
        group.finish();
    }
}

/// Interleaved timing of both passes; prints MB/s for each and their ratio.
fn ratio_table() {
    let Some(postings) = load_postings() else {
        return;
    };
    let mb = postings.iter().map(|p| p.text.len()).sum::<usize>() as f64 / 1e6;
    println!("\nratio table ({} postings, {mb:.1} MB, 1 thread, best of 5 interleaved runs)", postings.len());
    println!("{:<18} {:>12} {:>12} {:>8}", "taxonomy", "pipeline", "bare AC", "ratio");
    for (name, analyzer) in analyzers() {
        let (mut best_pipeline, mut best_bare) = (f64::MAX, f64::MAX);
        for _ in 0..5 {
            let start = Instant::now();
            black_box(pipeline(&analyzer, &postings));
            best_pipeline = best_pipeline.min(start.elapsed().as_secs_f64());
            let start = Instant::now();
            black_box(bare_scan(&analyzer, &postings));
            best_bare = best_bare.min(start.elapsed().as_secs_f64());
        }
        println!(
            "{name:<18} {:>9.1} MB/s {:>7.1} MB/s {:>8.2}",
            mb / best_pipeline,
            mb / best_bare,
            best_bare / best_pipeline
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    if !Path::new(POOL).exists() {
        eprintln!("{POOL} not found: the benchmarks need ../shared/bench-data beside the project");
        return;
    }
    benches();
    criterion::Criterion::default().configure_from_args().final_summary();
    ratio_table();
}
