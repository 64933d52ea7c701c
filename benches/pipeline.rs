//! End-to-end throughput of the analysis pipeline on real postings, each beside a bare
//! Aho-Corasick pass over the same bytes with the same patterns, in the same run.
//!
//! Reads `../shared/bench-data/postings-pool.jsonl` (not shipped with rungs: the postings may
//! not be republished) and `../shared/bench-data/esco-labels.txt`; when they are absent the
//! benchmark says so and measures nothing. `RUNGS_BENCH_POSTINGS` limits how many postings
//! are used (default 1,000).
//!
//! A `levels` group measures level mapping four ways in the same run: analysis alone (the
//! reference), `rungs levels` with the signal table only (the text model emptied: what the
//! level call cost before the learned model), `rungs levels` as it runs (requirements without
//! skills, levels without placing), and the full call `rungs ladder` makes (every requirement
//! placed on the ladders' competencies).
//!
//! Analysis is set up as `rungs freq` sets it up (mentions in requirements, contexts read where
//! a mention takes one).
//!
//! Each taxonomy's group also measures the matcher alone two ways (the word-start scan rungs
//! uses, and the reference that searches from every position) and a byte loop over the same
//! text, the floor.
//!
//! Besides criterion's own report, the run ends with ratio tables measured by interleaving
//! the passes, so machine noise hits all alike, and with the batch runner's speed-up from 1
//! to 2 threads beside the machine's own (two independent analyses at once).

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use rungs::batch::BatchOptions;
use rungs::context::ContextSet;
use rungs::ladder::Ladder;
use rungs::levels::model::TextModel;
use rungs::levels::{LevelData, LevelModel};
use rungs::{Analyzer, ContextReading, Posting, Taxonomy};

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
            let mut posting =
                Posting::new(value["id"].as_str().unwrap_or_default(), value["text"].as_str().unwrap_or_default());
            posting.title = value["title"].as_str().map(str::to_owned);
            posting
        })
        .collect();
    Some(postings)
}

/// An analyzer set up as `rungs freq` sets it up: mentions in requirements, contexts read
/// where a mention takes one.
fn freq_analyzer(taxonomy: Taxonomy) -> Analyzer {
    Analyzer::new(taxonomy)
        .expect("the taxonomy compiles")
        .with_contexts(ContextSet::REQUIREMENTS)
        .reading_contexts(ContextReading::OfMentions)
}

fn analyzers() -> Vec<(&'static str, Analyzer)> {
    let mut out = vec![("default-taxonomy", freq_analyzer(Taxonomy::embedded()))];
    match fs::read_to_string(ESCO) {
        Ok(labels) => out.push(("esco-flat", freq_analyzer(Taxonomy::from_flat_list(&labels, ESCO)))),
        Err(_) => eprintln!("{ESCO} not found: skipping the ESCO flat-taxonomy benchmark"),
    }
    out
}

fn pipeline(analyzer: &Analyzer, postings: &[Posting]) -> usize {
    postings.iter().map(|p| analyzer.analyse(p.clone()).matches.len()).sum()
}

/// The matcher's candidates with the word-start scan `rungs` uses.
fn word_start_candidates(analyzer: &Analyzer, postings: &[Posting]) -> usize {
    postings.iter().map(|p| analyzer.matcher().expect("a compiled matcher").candidates(&p.text).len()).sum()
}

/// The same candidates the way they were first found: searching from every position.
fn everywhere_candidates(analyzer: &Analyzer, postings: &[Posting]) -> usize {
    postings
        .iter()
        .map(|p| analyzer.matcher().expect("a compiled matcher").candidates_searching_everywhere(&p.text).len())
        .sum()
}

/// The floor: one pass over the bytes that looks at each.
fn byte_loop(postings: &[Posting]) -> usize {
    postings.iter().map(|p| p.text.bytes().filter(|&b| b == b' ').count()).sum()
}

fn bare_scan(analyzer: &Analyzer, postings: &[Posting]) -> usize {
    let automata = analyzer.matcher().expect("a compiled matcher").automata();
    postings.iter().map(|p| automata.iter().map(|a| a.find_iter(p.text.as_str()).count()).sum::<usize>()).sum()
}

/// The default ladders' level model, with the embedded text model or, for the "before"
/// reference, with one that knows no n-gram (the signal table alone decides).
fn level_models(taxonomy: &Taxonomy) -> [(&'static str, LevelModel); 2] {
    // The ladders `rungs levels` uses by default: the multi-level ones.
    let ladders: Vec<Ladder> = Ladder::embedded().into_iter().filter(|l| l.levels.len() > 1).collect();
    let full = LevelData::embedded();
    let embedded = &full.text;
    let empty = TextModel::from_weights(
        embedded.intercept,
        embedded.norm_power,
        (embedded.scale, embedded.shift),
        embedded.combine.clone(),
        Vec::new(),
    );
    let signals_only = LevelData { signals: full.signals.clone(), text: empty };
    [
        ("levels-signals-only", LevelModel::new(ladders.clone(), signals_only, taxonomy)),
        ("levels", LevelModel::new(ladders, full, taxonomy)),
    ]
}

/// How much of a level call a pass makes.
#[derive(Clone, Copy)]
enum LevelPass<'m> {
    /// Analysis alone, skills included: the reference.
    AnalyseOnly,
    /// What `rungs levels` runs: requirements without skills, levels without placing.
    Levels(&'m LevelModel),
    /// What `rungs ladder` runs: a full analysis, and every requirement placed on the ladders.
    Placed(&'m LevelModel),
}

fn analyse_and_level(analyzer: &Analyzer, pass: LevelPass, postings: &[Posting]) -> usize {
    postings
        .iter()
        .map(|p| match pass {
            LevelPass::AnalyseOnly => analyzer.analyse(p.clone()).matches.len(),
            LevelPass::Levels(model) => model.estimate_levels(&analyzer.analyse_requirements(p.clone())).evidence.len(),
            LevelPass::Placed(model) => model.estimate(&analyzer.analyse(p.clone())).evidence.len(),
        })
        .sum()
}

fn bench_levels(c: &mut Criterion, postings: &[Posting], bytes: usize) {
    let analyzer = freq_analyzer(Taxonomy::embedded());
    let mut group = c.benchmark_group("levels");
    group.throughput(Throughput::Bytes(bytes as u64)).sample_size(10).measurement_time(Duration::from_secs(8));
    group.bench_function(BenchmarkId::new("analyse-only", postings.len()), |b| {
        b.iter(|| black_box(analyse_and_level(&analyzer, LevelPass::AnalyseOnly, postings)))
    });
    for (name, model) in level_models(analyzer.taxonomy()) {
        group.bench_function(BenchmarkId::new(name, postings.len()), |b| {
            b.iter(|| black_box(analyse_and_level(&analyzer, LevelPass::Levels(&model), postings)))
        });
    }
    let [_, (_, model)] = level_models(analyzer.taxonomy());
    group.bench_function(BenchmarkId::new("levels-placed", postings.len()), |b| {
        b.iter(|| black_box(analyse_and_level(&analyzer, LevelPass::Placed(&model), postings)))
    });
    group.finish();
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
        group.bench_function(BenchmarkId::new("matcher-word-starts", postings.len()), |b| {
            b.iter(|| black_box(word_start_candidates(&analyzer, &postings)))
        });
        group.bench_function(BenchmarkId::new("matcher-everywhere", postings.len()), |b| {
            b.iter(|| black_box(everywhere_candidates(&analyzer, &postings)))
        });
        group.bench_function(BenchmarkId::new("byte-loop", postings.len()), |b| {
            b.iter(|| black_box(byte_loop(&postings)))
        });
        group.finish();
    }
    bench_levels(c, &postings, bytes);
}

/// Interleaved timing of the passes; prints MB/s for each and the ratios.
fn ratio_table() {
    let Some(postings) = load_postings() else {
        return;
    };
    let mb = postings.iter().map(|p| p.text.len()).sum::<usize>() as f64 / 1e6;
    println!("\nratio table ({} postings, {mb:.1} MB, 1 thread, best of 5 interleaved runs, MB/s)", postings.len());
    println!(
        "{:<18} {:>9} {:>11} {:>11} {:>9} {:>10} {:>16} {:>16}",
        "taxonomy",
        "pipeline",
        "word-start",
        "everywhere",
        "bare AC",
        "byte loop",
        "matcher speedup",
        "pipeline/bareAC"
    );
    for (name, analyzer) in analyzers() {
        let passes: [&dyn Fn() -> usize; 5] = [
            &|| pipeline(&analyzer, &postings),
            &|| word_start_candidates(&analyzer, &postings),
            &|| everywhere_candidates(&analyzer, &postings),
            &|| bare_scan(&analyzer, &postings),
            &|| byte_loop(&postings),
        ];
        let mut best = [f64::MAX; 5];
        for _ in 0..5 {
            for (slot, pass) in passes.iter().enumerate() {
                let start = Instant::now();
                black_box(pass());
                best[slot] = best[slot].min(start.elapsed().as_secs_f64());
            }
        }
        println!(
            "{name:<18} {:>9.1} {:>11.1} {:>11.1} {:>9.1} {:>10.1} {:>15.2}x {:>16.2}",
            mb / best[0],
            mb / best[1],
            mb / best[2],
            mb / best[3],
            mb / best[4],
            best[2] / best[1],
            best[3] / best[0]
        );
    }
}

/// Interleaved timing of the level call against analysis alone; prints MB/s and ratios.
fn levels_ratio_table() {
    let Some(postings) = load_postings() else {
        return;
    };
    let mb = postings.iter().map(|p| p.text.len()).sum::<usize>() as f64 / 1e6;
    let analyzer = freq_analyzer(Taxonomy::embedded());
    let [(_, signals_only), (_, full)] = level_models(analyzer.taxonomy());
    let passes =
        [LevelPass::AnalyseOnly, LevelPass::Levels(&signals_only), LevelPass::Levels(&full), LevelPass::Placed(&full)];
    let mut best = [f64::MAX; 4];
    for _ in 0..5 {
        for (slot, pass) in passes.into_iter().enumerate() {
            let start = Instant::now();
            black_box(analyse_and_level(&analyzer, pass, &postings));
            best[slot] = best[slot].min(start.elapsed().as_secs_f64());
        }
    }
    println!("\nlevels ratio table ({} postings, {mb:.1} MB, 1 thread, best of 5 interleaved runs)", postings.len());
    println!("{:<34} {:>12} {:>18}", "pass", "throughput", "time / analyse");
    let names = [
        "analyse only (skills, as freq)",
        "levels, signals only",
        "levels, text model (rungs levels)",
        "levels placed on ladders (ladder)",
    ];
    for (name, time) in names.iter().zip(best) {
        println!("{name:<34} {:>7.1} MB/s {:>18.2}", mb / time, time / best[0]);
    }
    println!("text model cost: levels with it take {:.2}x the time of levels without it", best[2] / best[1]);
}

/// The batch runner (what `rungs freq` and `scan` use: chunks analysed on a pool, results in
/// order) on 1 and on 2 threads, with the default chunks and with chunks four times as long,
/// interleaved; prints MB/s and the speed-ups. Beside them, the machine's own ceiling in the
/// same run: two threads each analysing every posting on its own, sharing nothing but the
/// analyzer, against one doing it alone. On a shared machine that ceiling is often well under
/// 2x, and the runner can do no better than it.
fn scaling_table() {
    let Some(postings) = load_postings() else {
        return;
    };
    let mb = postings.iter().map(|p| p.text.len()).sum::<usize>() as f64 / 1e6;
    let analyzer = freq_analyzer(Taxonomy::embedded());
    let pools: Vec<rayon::ThreadPool> = [1, 2]
        .iter()
        .map(|&n| rayon::ThreadPoolBuilder::new().num_threads(n).build().expect("a thread pool starts"))
        .collect();
    let default = BatchOptions::default();
    let long_chunks =
        BatchOptions { chunk_size: default.chunk_size * 4, chunk_bytes: default.chunk_bytes * 4, ..default };
    let run = |pool: &rayon::ThreadPool, options: BatchOptions| {
        let mut matches = 0;
        rungs::batch::run(postings.iter().cloned().map(Ok), &analyzer, pool, options, &mut |_| {}, &mut |analysis| {
            matches += analysis.matches.len();
            Ok(())
        })
        .expect("the pool postings analyse");
        matches
    };
    let chunkings = [("default chunks", default), ("4x longer chunks", long_chunks)];
    let mut best = [[f64::MAX; 2]; 2];
    // One thread alone, and two at once, each analysing every posting.
    let mut ceiling = [f64::MAX; 2];
    for _ in 0..5 {
        let start = Instant::now();
        black_box(pipeline(&analyzer, &postings));
        ceiling[0] = ceiling[0].min(start.elapsed().as_secs_f64());
        let start = Instant::now();
        std::thread::scope(|scope| {
            let other = scope.spawn(|| black_box(pipeline(&analyzer, &postings)));
            black_box(pipeline(&analyzer, &postings));
            other.join().expect("the second analysis finishes");
        });
        ceiling[1] = ceiling[1].min(start.elapsed().as_secs_f64());
        for (chunking, &(_, options)) in chunkings.iter().enumerate() {
            for (threads, pool) in pools.iter().enumerate() {
                let start = Instant::now();
                black_box(run(pool, options));
                best[chunking][threads] = best[chunking][threads].min(start.elapsed().as_secs_f64());
            }
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "\nthread scaling ({} postings, {mb:.1} MB, batch runner, best of 5 interleaved runs, {cores} cores)",
        postings.len()
    );
    for ((name, options), best) in chunkings.iter().zip(best) {
        println!(
            "{name:<17} ({:>3} postings, {:>4} KB)   1 thread {:>7.1} MB/s   2 threads {:>7.1} MB/s   speed-up {:.2}x",
            options.chunk_size,
            options.chunk_bytes / 1024,
            mb / best[0],
            mb / best[1],
            best[0] / best[1]
        );
    }
    let ceiling_speed_up = 2.0 * ceiling[0] / ceiling[1];
    println!(
        "machine ceiling   (two independent analyses at once)  1 thread {:>7.1} MB/s   2 threads {:>7.1} MB/s   speed-up {:.2}x",
        mb / ceiling[0],
        2.0 * mb / ceiling[1],
        ceiling_speed_up
    );
    println!(
        "runner speed-up with the default chunks / machine ceiling: {:.2}",
        best[0][0] / best[0][1] / ceiling_speed_up
    );
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
    levels_ratio_table();
    scaling_table();
}
