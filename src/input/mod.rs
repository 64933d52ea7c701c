//! Reading postings from files, directories and stdin.
//!
//! This module owns everything that touches input bytes: choosing a format, decoding UTF-8,
//! and turning records into [`Posting`]s with a [`SourceRef`] that says where each came from.
//! It does not split postings into requirements (that is [`crate::split`]).
//!
//! Formats:
//! - **text** (`.txt`, `.md`, anything unknown): one file holds one posting or several; see
//!   [`text`] for the rule that separates them.
//! - **CSV** (`.csv`, `.tsv`): one posting per row, text and id taken from named columns.
//! - **JSONL** (`.jsonl`, `.ndjson`, `.json`): one object per line with `id`, `text`, `title`.
//!
//! Reading is streaming: [`PostingReader`] yields one posting at a time, so a caller that does
//! not keep postings (`rungs freq`) runs in memory that does not grow with the corpus.

mod csv;
mod jsonl;
pub mod text;

use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::posting::{Posting, SourceRef};

/// The formats rungs reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text or Markdown.
    Text,
    /// Comma- (or, for `.tsv`, tab-) separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl InputFormat {
    /// The format a file name implies, if its extension names one.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "tsv" => Some(InputFormat::Csv),
            "jsonl" | "ndjson" | "json" => Some(InputFormat::Jsonl),
            "txt" | "md" | "markdown" | "text" => Some(InputFormat::Text),
            _ => None,
        }
    }
}

/// One input the user named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputSource {
    /// Standard input (`-` or no path at all).
    Stdin,
    /// A file, or a directory holding one posting per file.
    Path(PathBuf),
}

/// How records are read: everything the user can choose about input.
#[derive(Clone, Debug)]
pub struct InputOptions {
    /// Forces a format instead of guessing from the extension.
    pub format: Option<InputFormat>,
    /// CSV column or JSONL field holding the posting id.
    pub id_column: String,
    /// CSV column or JSONL field holding the posting text.
    pub text_column: String,
    /// CSV column or JSONL field holding the job title, when present.
    pub title_column: String,
    /// Whether `id_column` was named by the user (then its absence is an error).
    pub id_column_explicit: bool,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            format: None,
            id_column: "id".to_string(),
            text_column: "text".to_string(),
            title_column: "title".to_string(),
            id_column_explicit: false,
        }
    }
}

/// A problem with the input, always naming where it is.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// A file or directory could not be opened or read.
    #[error("{path}: {error}")]
    Io {
        /// The path as the user gave it.
        path: String,
        /// The underlying error; part of this message rather than a separate cause, so that
        /// a `{:#}` chain does not print it twice.
        error: io::Error,
    },
    /// Bytes that are not UTF-8.
    #[error("{at}: invalid UTF-8 at byte {byte} of the line; rungs reads UTF-8 only (convert with e.g. `iconv -f {guess} -t utf-8`)")]
    Utf8 {
        /// Where the bad bytes are.
        at: SourceRef,
        /// 0-based byte column of the first bad byte within its line.
        byte: usize,
        /// The encoding the file most likely has, for the hint (`utf-16` after a UTF-16 byte
        /// order mark, else `latin1`).
        guess: &'static str,
    },
    /// A JSONL line that is not a JSON object with a text field.
    #[error("{at}: {message}")]
    Json {
        /// The line.
        at: SourceRef,
        /// What is wrong.
        message: String,
    },
    /// A CSV file without the column rungs needs.
    #[error("{path}: no column named '{column}' (the header has: {available}); pick one with {flag}")]
    MissingColumn {
        /// The file.
        path: String,
        /// The column that was asked for.
        column: String,
        /// The header's columns, comma separated.
        available: String,
        /// The flag that chooses it.
        flag: &'static str,
    },
    /// A CSV record the parser rejected.
    #[error("{at}: malformed CSV: {message}")]
    Csv {
        /// The record.
        at: SourceRef,
        /// What the parser said.
        message: String,
    },
    /// A record whose posting text is empty.
    #[error("{at}: the posting text is empty")]
    EmptyText {
        /// The record.
        at: SourceRef,
    },
}

impl InputError {
    /// Whether the error concerns one record, so that `--skip-bad-records` may skip it and go
    /// on. Errors about a whole source (a missing file, a CSV without its column) never are.
    pub fn is_record_error(&self) -> bool {
        !matches!(self, InputError::Io { .. } | InputError::MissingColumn { .. })
    }
}

/// Yields postings from a list of sources, in the order given (directories in sorted order).
pub struct PostingReader {
    pending: std::vec::IntoIter<PendingSource>,
    current: Option<Box<dyn Iterator<Item = Result<Posting, InputError>> + Send>>,
    options: InputOptions,
}

/// A source waiting to be opened; directories are expanded when the reader is built.
struct PendingSource {
    source: InputSource,
    /// Files found in a directory hold one posting each.
    single_posting: bool,
}

impl PostingReader {
    /// Prepares to read `sources`. Directories are listed now, recursively (sorted, hidden files
    /// and folders skipped), so an unreadable directory is reported before any output is written.
    pub fn new(sources: &[InputSource], options: InputOptions) -> Result<PostingReader, InputError> {
        let mut pending = Vec::new();
        let sources = if sources.is_empty() { &[InputSource::Stdin][..] } else { sources };
        for source in sources {
            match source {
                InputSource::Path(path) if path.is_dir() => {
                    for file in list_directory(path)? {
                        pending.push(PendingSource { source: InputSource::Path(file), single_posting: true });
                    }
                }
                other => pending.push(PendingSource { source: other.clone(), single_posting: false }),
            }
        }
        Ok(PostingReader { pending: pending.into_iter(), current: None, options })
    }

    fn open(
        &self,
        pending: &PendingSource,
    ) -> Result<Box<dyn Iterator<Item = Result<Posting, InputError>> + Send>, InputError> {
        let (display, reader): (String, Box<dyn BufRead + Send>) = match &pending.source {
            InputSource::Stdin => ("<stdin>".to_string(), Box::new(BufReader::with_capacity(1 << 16, io::stdin()))),
            InputSource::Path(path) => {
                let display = path.display().to_string();
                let file = fs::File::open(path).map_err(|error| InputError::Io { path: display.clone(), error })?;
                (display, Box::new(BufReader::with_capacity(1 << 16, file)))
            }
        };
        let mut reader = reader;
        let path = match &pending.source {
            InputSource::Path(path) => Some(path.as_path()),
            InputSource::Stdin => None,
        };
        let format = match self.options.format.or_else(|| path.and_then(InputFormat::from_path)) {
            Some(format) => format,
            None => sniff_format(&mut reader).map_err(|error| InputError::Io { path: display.clone(), error })?,
        };
        let stem = id_stem(path);
        let origin = SourceRef::file(display);
        Ok(match format {
            InputFormat::Text => {
                Box::new(text::read_text(reader, origin, stem, pending.single_posting)?.into_iter().map(Ok))
            }
            InputFormat::Jsonl => Box::new(jsonl::JsonlRecords::new(reader, origin, stem, &self.options)),
            InputFormat::Csv => {
                let tab = path.and_then(|p| p.extension()).is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
                Box::new(csv::CsvRecords::new(reader, origin, stem, &self.options, tab)?)
            }
        })
    }
}

impl Iterator for PostingReader {
    type Item = Result<Posting, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(current) = &mut self.current {
                if let Some(item) = current.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let pending = self.pending.next()?;
            match self.open(&pending) {
                Ok(records) => self.current = Some(records),
                Err(err) => return Some(Err(err)),
            }
        }
    }
}

/// Reads one whole text file as one posting (a profile, a résumé): no splitting into several.
pub fn read_document(path: &Path) -> Result<Posting, InputError> {
    let display = path.display().to_string();
    let origin = SourceRef::file(display.clone());
    let file = fs::File::open(path).map_err(|error| InputError::Io { path: display, error })?;
    let text = decode_utf8(read_all(file, &origin)?, &origin, 1)?;
    if text.trim().is_empty() {
        return Err(InputError::EmptyText { at: origin });
    }
    Ok(Posting { id: id_stem(Some(path)), title: None, text, source: origin })
}

/// The files of a directory, sorted by name, without hidden files or subdirectories.
fn list_directory(dir: &Path) -> Result<Vec<PathBuf>, InputError> {
    let io_err = |error| InputError::Io { path: dir.display().to_string(), error };
    let mut entries: Vec<(PathBuf, bool)> = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_err)? {
        let entry = entry.map_err(io_err)?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type().map_err(io_err)?;
        // Symbolic links are followed, as the user's shell would.
        let is_dir = kind.is_dir() || (kind.is_symlink() && entry.path().is_dir());
        entries.push((entry.path(), is_dir));
    }
    entries.sort();
    // Subdirectories are read in place, depth first, so the order is the sorted path order.
    let mut files = Vec::new();
    for (path, is_dir) in entries {
        if is_dir {
            files.extend(list_directory(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

/// Guesses the format of an input with no telling extension (stdin, mostly): a first
/// non-blank byte of `{` means JSONL, anything else plain text. CSV is never guessed, because
/// plain prose with commas would be misread; `--input-format csv` asks for it.
fn sniff_format(reader: &mut Box<dyn BufRead + Send>) -> io::Result<InputFormat> {
    let buf = reader.fill_buf()?;
    let first = buf.iter().find(|b| !b.is_ascii_whitespace());
    Ok(if first == Some(&b'{') { InputFormat::Jsonl } else { InputFormat::Text })
}

/// The base of ids made up for records that carry none: the file stem, or `stdin`.
fn id_stem(path: Option<&Path>) -> String {
    path.and_then(|p| p.file_stem()).map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "stdin".to_string())
}

/// Decodes a buffer as UTF-8, naming the line and column of the first bad byte.
/// A UTF-8 byte order mark at the start of a file is not part of the text (Windows tools write
/// one); it is dropped so that ids, headers and offsets are what the user sees.
pub(crate) fn decode_utf8(bytes: Vec<u8>, at: &SourceRef, first_line: u64) -> Result<String, InputError> {
    let mut text = String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let line = first_line + bytes[..valid].iter().filter(|&&b| b == b'\n').count() as u64;
        let line_start = bytes[..valid].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        InputError::Utf8 {
            at: at.at_line(line),
            byte: valid - line_start,
            guess: if utf16 { "utf-16" } else { "latin1" },
        }
    })?;
    if first_line == 1 && text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Reads all of `reader`, for formats that need the whole file (plain text).
pub(crate) fn read_all(mut reader: impl Read, at: &SourceRef) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|error| InputError::Io { path: at.path.clone(), error })?;
    Ok(bytes)
}
