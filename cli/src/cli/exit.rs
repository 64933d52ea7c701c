//! Exit codes, in one place (they are part of the CLI's contract; the README lists them).

use std::process::ExitCode;

use rungs::batch::BatchError;
use rungs::input::InputError;
use rungs::taxonomy::TaxonomyError;

/// How `rungs` ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Done (bad records skipped with `--skip-bad-records` still count as done).
    Success = 0,
    /// Anything unexpected: an output file that cannot be written, an internal error.
    Failure = 1,
    /// The command line was wrong: unknown flag, bad value, missing argument.
    Usage = 2,
    /// The input was wrong: missing or unreadable file, invalid UTF-8, malformed record,
    /// missing column, no postings.
    BadInput = 3,
    /// The taxonomy (or a ladder) is invalid, or `taxonomy check` found problems.
    BadTaxonomy = 4,
}

impl Exit {
    /// The exit an error deserves, judged by what its chain contains.
    pub fn classify(err: &anyhow::Error) -> Exit {
        if super::is_broken_pipe(err) {
            return Exit::Success;
        }
        for cause in err.chain() {
            if cause.is::<TaxonomyError>() {
                return Exit::BadTaxonomy;
            }
            if cause.is::<InputError>() {
                return Exit::BadInput;
            }
            if let Some(batch) = cause.downcast_ref::<BatchError>() {
                return match batch {
                    BatchError::Output(_) => Exit::Failure,
                    BatchError::Input(_) | BatchError::NoPostings { .. } => Exit::BadInput,
                };
            }
            if cause.is::<super::config::UsageError>() {
                return Exit::Usage;
            }
        }
        Exit::Failure
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}
