//! The `rungs` binary: parse arguments, build a typed config, dispatch, map errors to exit codes.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
