//! The command-line front end: everything that knows about clap, the environment, stdout and
//! exit codes. The library below it takes plain values.

mod args;
mod cmd;
mod config;
mod exit;

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
                eprintln!("rungs: {err:#}");
            }
            exit.into()
        }
    }
}

/// Whether an error chain ends in a closed pipe (`rungs scan … | head`), which is not a failure.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}
