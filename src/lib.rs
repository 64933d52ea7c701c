//! rungs reads job postings, finds the skills they ask for, reports how often, places each
//! posting on career ladders, and compares postings with a job seeker's profile.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! input ──► split ──► matcher ──► (signals) ──► aggregate ──► report
//! Posting   Requirement  Candidate   strength, years   FrequencyTable   table/CSV/JSON…
//! ```
//!
//! - [`input`] reads text, CSV and JSONL into [`Posting`]s, naming file and line on errors.
//! - [`split`] cuts a posting into requirements (bullets, inline bullets, sentences).
//! - [`sentences`] finds sentence boundaries (UAX #29) for prose.
//! - [`matcher`] finds whole-word skill mentions with two Aho-Corasick automata (any case and
//!   exact case) and keeps ambiguous names (`Go`, `R`, `Spring`) only with evidence.
//! - [`signals`] finds "nice to have"-style cues and stated years.
//! - [`analyse`] ties those together for one posting; [`batch`] runs it over a stream on a
//!   thread pool, in input order.
//! - [`aggregate`] counts; [`partial`] turns counts into mergeable partial results (for a map
//!   step on many machines); [`report`] formats (table, CSV, JSON, JSONL, Markdown, HTML).
//! - [`taxonomy`] loads and validates the skills data (embedded by default); [`ladder`] does the
//!   same for career ladders.
//! - [`levels`] estimates the level of a posting and of each requirement, with evidence.
//! - [`overview`] computes the HTML report's figures; [`gap`] sorts what postings ask for into what a profile has, nearly has, and lacks.
//!
//! ```
//! use rungs::{Analyzer, Posting, Taxonomy};
//! let analyzer = Analyzer::new(Taxonomy::embedded()).unwrap();
//! let analysis = analyzer.analyse(Posting::new("job-1", "• 3+ years with Go and Rust\n• Spring Boot is a plus"));
//! let names: Vec<&str> = analysis
//!     .matches
//!     .iter()
//!     .map(|m| analyzer.taxonomy().skills()[m.skill as usize].name.as_str())
//!     .collect();
//! assert_eq!(names, ["Go", "Rust", "Spring Boot"]);
//! ```

#![deny(missing_docs)]

pub mod aggregate;
pub mod analyse;
pub mod batch;
mod byteset;
pub mod clean;
pub mod context;
mod fingerprint;
mod fixed;
pub mod gap;
pub mod input;
pub mod ladder;
pub mod levels;
pub mod matcher;
pub mod overview;
pub mod partial;
mod phrase_dfa;
pub mod posting;
pub mod practice;
pub mod report;
pub mod sentences;
pub mod signals;
pub mod split;
pub mod taxonomy;
#[cfg(test)]
mod test_rng;

pub use analyse::{Analysis, Analyzer, ContextReading, SkillMatch};
pub use posting::{Posting, SourceRef};
pub use taxonomy::Taxonomy;

/// Any error of the library, for callers that handle them alike (the Python package, a
/// service). Each stage's own error type says where and what; this only gathers them.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Bad input: a file, a record, an encoding.
    #[error(transparent)]
    Input(#[from] input::InputError),
    /// An invalid taxonomy or ladder.
    #[error(transparent)]
    Taxonomy(#[from] taxonomy::TaxonomyError),
    /// A batch run that stopped.
    #[error(transparent)]
    Batch(#[from] batch::BatchError),
    /// A partial result that cannot be merged.
    #[error(transparent)]
    Partial(#[from] partial::PartialError),
    /// Level summaries of different ladders.
    #[error(transparent)]
    Ladders(#[from] levels::summary::LadderMismatch),
    /// Aliases the matcher cannot compile.
    #[error("cannot compile the taxonomy's aliases: {0}")]
    Compile(#[from] aho_corasick::BuildError),
}
