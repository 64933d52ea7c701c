//! Running the binary from tests: helpers shared by the integration test files.
#![allow(dead_code)] // Each test file uses its own subset.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The workspace root, where `data/`, `taxonomy/` and `tests/fixtures/` are: commands run there,
/// as a user following the README would.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the CLI crate sits in the workspace").to_path_buf()
}

pub fn rungs() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rungs"));
    cmd.current_dir(workspace_root()).env_remove("COLUMNS");
    cmd
}

pub fn run(args: &[&str]) -> Output {
    rungs().args(args).output().expect("rungs runs")
}

pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child =
        rungs().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // A run that refuses its arguments exits without reading stdin: a broken pipe here is
    // that run's answer, not a test failure.
    if let Err(error) = child.stdin.take().unwrap().write_all(input) {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "writing stdin: {error}");
    }
    child.wait_with_output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A fresh directory under the target dir for one test's files.
pub fn scratch(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", COUNTER.fetch_add(1, Ordering::Relaxed)));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}
