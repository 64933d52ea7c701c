//! Running the analysis over a stream of postings on a thread pool, in input order.
//!
//! Postings are read on the calling thread in chunks; each chunk is analysed in parallel with
//! rayon's indexed iterators (which keep input order) and handed to the sink in order. While
//! the pool analyses a chunk, the calling thread writes the one before and reads the one after,
//! so that neither step leaves the workers waiting. Output therefore never depends on the thread
//! count, and memory holds three chunks at a time.
//!
//! Bad records are the caller's decision: with `skip_bad_records` they are reported to
//! `on_skip` and counted; without it the first one ends the run with its error.

use std::hash::{Hash, Hasher};
use std::io;

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
    /// Count and report bad records instead of stopping at the first.
    pub skip_bad_records: bool,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions { chunk_size: 256, skip_bad_records: false }
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
        while chunk.len() < options.chunk_size {
            match postings.next() {
                Some(Ok(posting)) => {
                    if !seen_ids.insert(id_hash(&posting.id)) {
                        summary.duplicate_ids += 1;
                    }
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
    // While the pool analyses one chunk, this thread hands the previous chunk's results to the
    // sink and reads the next chunk: reading and writing never leave the workers idle.
    let mut chunk = read_chunk(&mut summary)?;
    let mut finished: Vec<T> = Vec::new();
    while !chunk.is_empty() {
        let mut results: Vec<T> = Vec::new();
        let mut meanwhile: Result<Vec<Posting>, BatchError> = Ok(Vec::new());
        pool.in_place_scope(|scope| {
            let analysing = std::mem::take(&mut chunk);
            let results = &mut results;
            scope.spawn(move |_| *results = analysing.into_par_iter().map(work).collect());
            meanwhile =
                sink_all(std::mem::take(&mut finished), &mut summary, sink).and_then(|()| read_chunk(&mut summary));
        });
        finished = results;
        // A bad record or a failed write ends the run after the chunks before it are written,
        // as when reading, analysing and writing took turns.
        chunk = match meanwhile {
            Ok(next) => next,
            Err(err) => {
                if !matches!(err, BatchError::Output(_)) {
                    sink_all(finished, &mut summary, sink)?;
                }
                return Err(err);
            }
        };
    }
    sink_all(finished, &mut summary, sink)?;
    if summary.postings == 0 {
        return Err(BatchError::NoPostings { skipped: summary.skipped });
    }
    Ok(summary)
}

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
