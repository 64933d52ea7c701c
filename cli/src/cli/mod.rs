//! The command-line front end: everything that knows about clap, the environment, stdout and
//! exit codes. The library below it takes plain values.

mod args;
mod cmd;
mod config;
mod examples;
mod exit;
mod output;

use std::io;
use std::process::ExitCode;

use clap::Parser;

pub use exit::Exit;

/// Parses the command line, runs the command, and turns the outcome into an exit code.
pub fn main() -> ExitCode {
    let args = match args::Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            // clap prints help and version to stdout with success, and usage errors to stderr.
            let _ = err.print();
            return if err.use_stderr() { Exit::Usage.into() } else { Exit::Success.into() };
        }
    };
    match cmd::run(args) {
        Ok(exit) => exit.into(),
        Err(err) => {
            let exit = Exit::classify(&err);
            if exit != Exit::Success {
                output::message(format_args!("rungs: {err:#}"));
            }
            exit.into()
        }
    }
}

/// Whether an error chain ends in a closed pipe (`rungs scan … | head`), which is not a failure.
/// The I/O error may sit inside a library error that is transparent to `source()`.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = |e: &io::Error| e.kind() == io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(broken)
            || matches!(cause.downcast_ref::<rungs::batch::BatchError>(), Some(rungs::batch::BatchError::Output(e)) if broken(e))
    })
}
