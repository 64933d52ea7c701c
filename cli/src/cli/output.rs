//! Where reports and messages go, written so that no run destroys or silently loses data.
//!
//! - A report file (`-o FILE`) is written to a hidden temporary file beside it and renamed over
//!   the target only when the report is complete ([`Output::commit`]). A failed or interrupted
//!   run leaves the target as it was, never a file cut at a row boundary that looks complete;
//!   on SIGINT, SIGTERM or SIGHUP the temporary file is removed too.
//! - An output path that is also an input (the same file, through any link) is refused before
//!   anything is opened ([`refuse_output_among_inputs`]).
//! - Standard output that was closed when rungs started (`rungs scan … >&-`) is an error.
//!   Rust's runtime quietly reopens a closed descriptor 0–2 on `/dev/null` before `main`, so the
//!   state is recorded earlier, by a constructor that runs before the runtime (Linux and the
//!   BSDs; elsewhere the check is skipped).
//! - Messages to stderr never panic: a closed stderr drops them ([`message`]). Anything from a
//!   posting that reaches a terminal has its control characters replaced (`rungs::report::printable`).

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use rungs::report::printable;

use super::config::UsageError;

/// Set before `main` when file descriptor 1 was not open.
static STDOUT_WAS_CLOSED: AtomicBool = AtomicBool::new(false);

#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd", target_os = "netbsd"))]
#[used]
#[link_section = ".init_array"]
static RECORD_CLOSED_STDOUT: extern "C" fn() = {
    extern "C" fn record() {
        // SAFETY: `fcntl(F_GETFD)` only queries the descriptor table; it touches no memory.
        if unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1 {
            STDOUT_WAS_CLOSED.store(true, Ordering::Relaxed);
        }
    }
    record
};

/// A report destination: standard output, or a file that appears only once complete.
pub struct Output {
    destination: Destination,
}

enum Destination {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File(PendingFile),
}

/// Whether an output path names standard output: `-o -`.
pub fn is_stdout(target: &Path) -> bool {
    target.as_os_str() == "-"
}

/// A temporary file beside `target`, removed on drop unless committed.
struct PendingFile {
    writer: Option<BufWriter<File>>,
    temporary: PathBuf,
    target: PathBuf,
}

impl Output {
    /// Standard output, or an error if it was closed when rungs started.
    pub fn stdout() -> anyhow::Result<Output> {
        if STDOUT_WAS_CLOSED.load(Ordering::Relaxed) {
            anyhow::bail!("standard output is closed: the report would be lost (redirect it, or use -o FILE)");
        }
        Ok(Output { destination: Destination::Stdout(BufWriter::with_capacity(1 << 16, io::stdout().lock())) })
    }

    /// Standard output if `target` is `-` (as `-` among the inputs is standard input), else
    /// [`Output::file`].
    pub fn to(target: &Path) -> anyhow::Result<Output> {
        if is_stdout(target) {
            Output::stdout()
        } else {
            Output::file(target)
        }
    }

    /// A file that replaces `target` when [`Output::commit`] is called, and never before.
    pub fn file(target: &Path) -> anyhow::Result<Output> {
        let file_name =
            target.file_name().with_context(|| format!("cannot write to {}: it names no file", target.display()))?;
        let directory = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // Hidden, so that a directory walk over the output's own folder never reads it.
        let mut attempt = 0u32;
        let (file, temporary) = loop {
            let name = format!(".{}.rungs-{}-{attempt}.tmp", file_name.to_string_lossy(), std::process::id());
            let temporary = directory.join(name);
            match OpenOptions::new().write(true).create_new(true).open(&temporary) {
                Ok(file) => break (file, temporary),
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
                Err(err) => return Err(err).with_context(|| format!("cannot create output file {}", target.display())),
            }
        };
        interrupt::remove_on_signal(&temporary);
        // A report that replaces a file keeps that file's permissions.
        if let Ok(existing) = fs::metadata(target) {
            let _ = fs::set_permissions(&temporary, existing.permissions());
        }
        Ok(Output {
            destination: Destination::File(PendingFile {
                writer: Some(BufWriter::with_capacity(1 << 16, file)),
                temporary,
                target: target.to_path_buf(),
            }),
        })
    }

    /// Flushes everything and, for a file, moves it into place.
    pub fn commit(mut self) -> anyhow::Result<()> {
        match &mut self.destination {
            Destination::Stdout(writer) => writer.flush()?,
            Destination::File(pending) => {
                let writer = pending.writer.take().expect("an uncommitted file has its writer");
                let file = writer.into_inner().map_err(|e| e.into_error())?;
                file.sync_all().with_context(|| format!("cannot write {}", pending.target.display()))?;
                drop(file);
                fs::rename(&pending.temporary, &pending.target)
                    .with_context(|| format!("cannot write {}", pending.target.display()))?;
                interrupt::forget();
                pending.temporary = PathBuf::new();
            }
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.destination {
            Destination::Stdout(writer) => writer.write(buf),
            Destination::File(pending) => pending.writer.as_mut().expect("open until committed").write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.destination {
            Destination::Stdout(writer) => writer.write_all(buf),
            Destination::File(pending) => pending.writer.as_mut().expect("open until committed").write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.destination {
            Destination::Stdout(writer) => writer.flush(),
            Destination::File(pending) => pending.writer.as_mut().expect("open until committed").flush(),
        }
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if !self.temporary.as_os_str().is_empty() {
            drop(self.writer.take());
            interrupt::forget();
            let _ = fs::remove_file(&self.temporary);
        }
    }
}

/// Removing the temporary report file when the run is interrupted (Ctrl-C, `kill`, a closed
/// terminal), so that an interrupted run leaves nothing behind, not even a hidden file.
#[cfg(unix)]
mod interrupt {
    use std::ffi::{c_char, c_int, CString};
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;
    use std::sync::atomic::{AtomicPtr, Ordering};

    /// The temporary file to remove, as a C string; null when there is none. A string once
    /// published is never freed: the handler may be reading it at any moment.
    static PENDING: AtomicPtr<c_char> = AtomicPtr::new(std::ptr::null_mut());

    const SIGNALS: [c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

    extern "C" fn on_signal(signal: c_int) {
        let path = PENDING.load(Ordering::SeqCst);
        // SAFETY: `unlink`, `signal` and `raise` are async-signal-safe; `path` is either null or
        // a NUL-terminated string that is never freed.
        unsafe {
            if !path.is_null() {
                libc::unlink(path);
            }
            // Die of the same signal, so the shell sees how the run ended.
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    pub(super) fn remove_on_signal(temporary: &Path) {
        let Ok(path) = CString::new(temporary.as_os_str().as_bytes()) else { return };
        PENDING.store(path.into_raw(), Ordering::SeqCst);
        for signal in SIGNALS {
            // SAFETY: installs a handler that only makes async-signal-safe calls.
            unsafe {
                libc::signal(signal, on_signal as extern "C" fn(c_int) as libc::sighandler_t);
            }
        }
    }

    pub(super) fn forget() {
        PENDING.store(std::ptr::null_mut(), Ordering::SeqCst);
    }
}

#[cfg(not(unix))]
mod interrupt {
    pub(super) fn remove_on_signal(_: &std::path::Path) {}
    pub(super) fn forget() {}
}

/// Refuses an output file that is one of `inputs` (compared as files, so links and other
/// spellings of the same path count), or that sits inside an input directory and already
/// exists (it would be read as a posting and then replaced).
pub fn refuse_output_among_inputs<'a>(
    output: Option<&Path>,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> anyhow::Result<()> {
    let Some(output) = output.filter(|output| !is_stdout(output)) else { return Ok(()) };
    if !output.exists() {
        return Ok(());
    }
    let canonical_output = fs::canonicalize(output).ok();
    for input in inputs {
        let clash = same_file::is_same_file(output, input).unwrap_or(false)
            || input.is_dir()
                && canonical_output
                    .as_ref()
                    .zip(fs::canonicalize(input).ok())
                    .is_some_and(|(out, dir)| out.starts_with(dir));
        if clash {
            return Err(UsageError(format!(
                "the output file {} is also an input ({}); write the report somewhere else",
                output.display(),
                input.display()
            ))
            .into());
        }
    }
    Ok(())
}

/// Prints one line to stderr. A closed or broken stderr drops the message instead of
/// panicking as `eprintln!` does; control characters from postings are made visible.
pub fn message(line: std::fmt::Arguments<'_>) {
    let text = line.to_string();
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", printable(&text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_only_when_committed() {
        let dir = std::env::temp_dir().join(format!("rungs-output-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let target = dir.join("report.csv");
        fs::write(&target, "old").unwrap();
        let mut output = Output::file(&target).unwrap();
        output.write_all(b"new").unwrap();
        drop(output);
        assert_eq!(fs::read_to_string(&target).unwrap(), "old", "an uncommitted report leaves the target alone");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "and no temporary file behind");
        let mut output = Output::file(&target).unwrap();
        output.write_all(b"new").unwrap();
        output.commit().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        fs::remove_dir_all(&dir).unwrap();
    }
}
