//! Running the analysis over a stream of postings on a thread pool, in input order.
//!
//! Postings are read on the calling thread in chunks; each chunk is analysed in parallel with
//! rayon's indexed iterators (which keep input order) and handed to the sink in order. The pool
//! holds two chunks at a time, so its workers go from one chunk's last postings straight to the
//! next chunk's, while the calling thread writes the chunks that are done and reads the next.
//! Output therefore never depends on the thread count, and memory holds three chunks at a time.
//!
//! Bad records are the caller's decision: with `skip_bad_records` they are reported to
//! `on_skip` and counted; without it the first one ends the run with its error.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::analyse::{Analysis, Analyzer};
use crate::input::InputError;
use crate::posting::Posting;

/// How a batch run treats its input.
#[derive(Clone, Copy, Debug)]
pub struct BatchOptions {
    /// Postings read before a parallel step; bounds memory.
    pub chunk_size: usize,
    /// Bytes of posting text after which a chunk is closed before it has `chunk_size`
    /// postings: long postings make short chunks, so memory stays bounded whatever their size.
    pub chunk_bytes: usize,
    /// Count and report bad records instead of stopping at the first.
    pub skip_bad_records: bool,
}

impl Default for BatchOptions {
    fn default() -> Self {
        // Three chunks are held at a time (see `CHUNKS_IN_FLIGHT`). Chunks of 64 postings of
        // the pool's average size (3 KB) took the same time as chunks of 256 for whole commands
        // on the pool at one and two threads (the bench's runner moves a few per cent either
        // way between runs), with 2.4 MB less peak memory.
        BatchOptions { chunk_size: 64, chunk_bytes: 256 * 1024, skip_bad_records: false }
    }
}

/// What a run read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Postings analysed and handed to the sink.
    pub postings: u64,
    /// Bad records skipped.
    pub skipped: u64,
    /// Postings whose id an earlier posting already had (each is still analysed; reports
    /// that key on ids cannot tell them apart).
    pub duplicate_ids: u64,
}

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// Bad input (and not skippable, or skipping was not asked for).
    #[error(transparent)]
    Input(#[from] InputError),
    /// Writing the output failed.
    #[error(transparent)]
    Output(#[from] io::Error),
    /// Nothing to analyse.
    #[error("no postings in the input{}", if *.skipped > 0 { format!(" (all {} records were skipped)", .skipped) } else { " (it is empty)".to_string() })]
    NoPostings {
        /// Records skipped as bad.
        skipped: u64,
    },
}

/// Analyses every posting from `postings` on `pool`, calling `sink` in input order.
pub fn run(
    postings: impl Iterator<Item = Result<Posting, InputError>>,
    analyzer: &Analyzer,
    pool: &rayon::ThreadPool,
    options: BatchOptions,
    on_skip: &mut dyn FnMut(&InputError),
    sink: &mut dyn FnMut(Analysis) -> io::Result<()>,
) -> Result<BatchSummary, BatchError> {
    run_with(postings, pool, options, on_skip, &|posting| analyzer.analyse(posting), sink)
}

/// Runs `work` on every posting on `pool` (in parallel, chunk by chunk) and hands the results
/// to `sink` in input order: [`run`] with any per-posting work, such as analysis followed by
/// level estimation.
pub fn run_with<T: Send>(
    mut postings: impl Iterator<Item = Result<Posting, InputError>>,
    pool: &rayon::ThreadPool,
    options: BatchOptions,
    on_skip: &mut dyn FnMut(&InputError),
    work: &(dyn Fn(Posting) -> T + Sync),
    sink: &mut dyn FnMut(T) -> io::Result<()>,
) -> Result<BatchSummary, BatchError> {
    let mut summary = BatchSummary::default();
    // Ids are remembered by a 64-bit hash: 8 bytes a posting, not the id itself.
    let mut seen_ids: FxHashSet<u64> = FxHashSet::default();
    let mut read_chunk = |summary: &mut BatchSummary| -> Result<Vec<Posting>, BatchError> {
        let mut chunk = Vec::with_capacity(options.chunk_size);
        let mut bytes = 0;
        while chunk.len() < options.chunk_size && bytes < options.chunk_bytes {
            match postings.next() {
                Some(Ok(posting)) => {
                    if !seen_ids.insert(id_hash(&posting.id)) {
                        summary.duplicate_ids += 1;
                    }
                    bytes += posting.text.len();
                    chunk.push(posting)
                }
                Some(Err(err)) if options.skip_bad_records && err.is_record_error() => {
                    summary.skipped += 1;
                    on_skip(&err);
                }
                Some(Err(err)) => return Err(err.into()),
                None => break,
            }
        }
        Ok(chunk)
    };
    // Two chunks are in the pool at a time: while the workers finish one they already have the
    // next, so a chunk's last postings never leave a worker idle, and meanwhile this thread
    // hands the finished chunks' results to the sink and reads the next chunk. Each chunk's
    // results come back whole (rayon's indexed collect keeps input order within a chunk), and
    // chunks reach the sink in the order they were read.
    let (finished_tx, finished_rx) = mpsc::channel::<(usize, std::thread::Result<Vec<T>>)>();
    let mut outcome: Result<(), BatchError> = Ok(());
    pool.in_place_scope(|scope| {
        let mut spawned = 0;
        let mut sunk = 0;
        let mut reading = true;
        let mut arrived: BTreeMap<usize, std::thread::Result<Vec<T>>> = BTreeMap::new();
        loop {
            while reading && spawned - sunk < CHUNKS_IN_FLIGHT {
                match read_chunk(&mut summary) {
                    Ok(chunk) if chunk.is_empty() => reading = false,
                    Ok(chunk) => {
                        let tx = finished_tx.clone();
                        let number = spawned;
                        scope.spawn(move |_| {
                            // A panic is sent on too: this thread waits for every chunk, and
                            // raises it here rather than wait for results that never come.
                            let analysed = panic::catch_unwind(AssertUnwindSafe(|| {
                                chunk.into_par_iter().map(work).collect::<Vec<T>>()
                            }));
                            // The receiver is gone only when the run already failed.
                            let _ = tx.send((number, analysed));
                        });
                        spawned += 1;
                    }
                    // A bad record ends the run after the chunks before it are written, as
                    // when reading, analysing and writing took turns.
                    Err(err) => {
                        outcome = Err(err);
                        reading = false;
                    }
                }
            }
            if sunk == spawned {
                break;
            }
            while !arrived.contains_key(&sunk) {
                let (number, results) = finished_rx.recv().expect("every spawned chunk sends its results");
                arrived.insert(number, results);
            }
            let results = match arrived.remove(&sunk).expect("the chunk arrived") {
                Ok(results) => results,
                Err(panicked) => panic::resume_unwind(panicked),
            };
            sunk += 1;
            if let Err(err) = sink_all(results, &mut summary, sink) {
                outcome = Err(err);
                break;
            }
        }
    });
    outcome?;
    if summary.postings == 0 {
        return Err(BatchError::NoPostings { skipped: summary.skipped });
    }
    Ok(summary)
}

/// Chunks handed to the pool before the oldest is written: two keep the workers busy across
/// a chunk's end, and memory at three chunks (two in the pool, one being read).
const CHUNKS_IN_FLIGHT: usize = 2;

/// Hands `results` to `sink` in order, counting them.
fn sink_all<T>(
    results: Vec<T>,
    summary: &mut BatchSummary,
    sink: &mut dyn FnMut(T) -> io::Result<()>,
) -> Result<(), BatchError> {
    for result in results {
        summary.postings += 1;
        sink(result)?;
    }
    Ok(())
}

/// A hash of an id with fixed keys, so the count of repeated ids is the same on every run.
fn id_hash(id: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::SourceRef;

    /// Postings numbered 0.., with a bad record in place of each of `bad`.
    fn stream(count: usize, bad: &[usize]) -> impl Iterator<Item = Result<Posting, InputError>> + '_ {
        (0..count).map(move |i| {
            if bad.contains(&i) {
                let at = SourceRef::file("input.jsonl").at_line(i as u64 + 1);
                Err(InputError::Json { at, message: "expected a JSON object".into() })
            } else {
                Ok(Posting::new(i.to_string(), "text"))
            }
        })
    }

    fn pool() -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("a pool starts")
    }

    fn run_ids(
        count: usize,
        bad: &[usize],
        options: BatchOptions,
        fail_at: Option<usize>,
    ) -> (Result<BatchSummary, BatchError>, Vec<usize>) {
        let mut seen = Vec::new();
        let work = |posting: Posting| posting.id.parse::<usize>().expect("numbered ids");
        let result = run_with(stream(count, bad), &pool(), options, &mut |_| {}, &work, &mut |id| {
            if Some(seen.len()) == fail_at {
                return Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"));
            }
            seen.push(id);
            Ok(())
        });
        (result, seen)
    }

    #[test]
    fn results_reach_the_sink_in_input_order_across_chunks() {
        let options = BatchOptions { chunk_size: 7, chunk_bytes: usize::MAX, skip_bad_records: false };
        let (result, seen) = run_ids(1_000, &[], options, None);
        assert_eq!(result.expect("no bad record").postings, 1_000);
        assert_eq!(seen, (0..1_000).collect::<Vec<_>>());
    }

    #[test]
    fn a_bad_record_ends_the_run_after_the_chunks_before_its_own() {
        let options = BatchOptions { chunk_size: 7, chunk_bytes: usize::MAX, skip_bad_records: false };
        // Record 500 is in the chunk of records 497 to 503: the chunks before it are written.
        let (result, seen) = run_ids(1_000, &[500], options, None);
        assert!(matches!(result, Err(BatchError::Input(InputError::Json { .. }))), "{result:?}");
        assert_eq!(seen, (0..497).collect::<Vec<_>>());
    }

    #[test]
    fn a_chunk_closes_at_its_byte_budget() {
        // Each posting's text is 4 bytes: a budget of 10 closes a chunk at its third posting,
        // so record 500 is in the chunk of records 498 to 500 (with no budget: 0 to 999).
        let options = BatchOptions { chunk_size: 1_000, chunk_bytes: 10, skip_bad_records: false };
        let (result, seen) = run_ids(1_000, &[500], options, None);
        assert!(matches!(result, Err(BatchError::Input(InputError::Json { .. }))), "{result:?}");
        assert_eq!(seen, (0..498).collect::<Vec<_>>());
    }

    #[test]
    fn skipped_records_are_counted_and_the_rest_written() {
        let options = BatchOptions { chunk_size: 7, chunk_bytes: usize::MAX, skip_bad_records: true };
        let (result, seen) = run_ids(100, &[3, 50, 99], options, None);
        let summary = result.expect("bad records skipped");
        assert_eq!((summary.postings, summary.skipped), (97, 3));
        assert_eq!(seen, (0..100).filter(|i| ![3, 50, 99].contains(i)).collect::<Vec<_>>());
    }

    #[test]
    fn a_failed_write_stops_the_run() {
        let options = BatchOptions { chunk_size: 7, chunk_bytes: usize::MAX, skip_bad_records: false };
        let (result, seen) = run_ids(1_000, &[], options, Some(100));
        assert!(matches!(result, Err(BatchError::Output(_))), "{result:?}");
        assert_eq!(seen.len(), 100);
    }

    #[test]
    fn a_panic_in_the_analysis_ends_the_run_instead_of_hanging_it() {
        let (done_tx, done_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let outcome = panic::catch_unwind(|| {
                let work = |posting: Posting| {
                    assert_ne!(posting.id, "500", "a bug in the analysis");
                };
                let options = BatchOptions { chunk_size: 7, chunk_bytes: usize::MAX, skip_bad_records: false };
                run_with(stream(1_000, &[]), &pool(), options, &mut |_| {}, &work, &mut |()| Ok(()))
            });
            let _ = done_tx.send(outcome.is_err());
        });
        let panicked = done_rx.recv_timeout(std::time::Duration::from_secs(60)).expect("the run ends");
        assert!(panicked);
    }

    #[test]
    fn no_posting_is_an_error_that_counts_the_skipped() {
        let options = BatchOptions { chunk_size: 7, chunk_bytes: usize::MAX, skip_bad_records: true };
        let (result, _) = run_ids(2, &[0, 1], options, None);
        assert!(matches!(result, Err(BatchError::NoPostings { skipped: 2 })), "{result:?}");
    }
}
