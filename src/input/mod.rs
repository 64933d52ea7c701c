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
    /// Bytes already in memory, read as if from a file called `name` (whose extension picks
    /// the format): for library callers and fuzzing.
    Bytes {
        /// The name messages use, and whose extension picks the format.
        name: String,
        /// The content.
        bytes: std::sync::Arc<[u8]>,
    },
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
    /// Whether `id_column` was named by the user (then its absence is an error).
    pub id_column_explicit: bool,
    /// Whether `text_column` was named by the user (else a CSV or JSONL record without it may
    /// fall back to [`FALLBACK_TEXT_COLUMNS`]).
    pub text_column_explicit: bool,
    /// Where the job title is.
    pub title_column: ColumnChoice,
    /// Where the employer's name is.
    pub company_column: ColumnChoice,
    /// Where the job's location is.
    pub location_column: ColumnChoice,
    /// Where the original posting's address is.
    pub url_column: ColumnChoice,
    /// The CSV field separator; `None` reads `,`, or tab for `.tsv`, or `;`/tab when the
    /// header line holds no comma and only that separator.
    pub delimiter: Option<u8>,
    /// The most bytes one posting may take: a CSV row, a JSONL line, or a plain-text file (all
    /// its postings together). Bigger ones are record errors, so endless input (`/dev/zero`)
    /// cannot exhaust memory.
    pub max_posting_bytes: usize,
}

/// Columns a CSV without the default `text` column is read from, in order of preference:
/// JobSpy and most job-board exports call the posting body `description`.
pub const FALLBACK_TEXT_COLUMNS: &[&str] = &["description", "job_description"];

/// Which column (or JSONL field) holds one of the optional facts about a posting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnChoice {
    /// The first of these names the input has, if any (compared without case).
    Default(&'static [&'static str]),
    /// The one the user named: an input without it is an error naming what it has.
    Named(String),
}

impl ColumnChoice {
    /// The names to look for, most preferred first.
    pub fn names(&self) -> Vec<&str> {
        match self {
            ColumnChoice::Default(names) => names.to_vec(),
            ColumnChoice::Named(name) => vec![name.as_str()],
        }
    }

    /// Whether the user named the column, so its absence is an error.
    pub fn is_named(&self) -> bool {
        matches!(self, ColumnChoice::Named(_))
    }
}

/// Where job titles are looked for by default (JobSpy and most exports say `title`).
pub const DEFAULT_TITLE_COLUMNS: &[&str] = &["title", "job_title"];
/// Where employers are looked for by default.
pub const DEFAULT_COMPANY_COLUMNS: &[&str] = &["company", "company_name", "employer"];
/// Where locations are looked for by default.
pub const DEFAULT_LOCATION_COLUMNS: &[&str] = &["location", "job_location"];
/// Where links to the original posting are looked for by default (JobSpy: `job_url`).
pub const DEFAULT_URL_COLUMNS: &[&str] = &["job_url", "url", "job_link", "link"];

/// The default of [`InputOptions::max_posting_bytes`]: 16 MiB, a hundred times the longest
/// posting in a pool of 5,442 real ones.
pub const DEFAULT_MAX_POSTING_BYTES: usize = 16 << 20;

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            format: None,
            id_column: "id".to_string(),
            text_column: "text".to_string(),
            id_column_explicit: false,
            text_column_explicit: false,
            title_column: ColumnChoice::Default(DEFAULT_TITLE_COLUMNS),
            company_column: ColumnChoice::Default(DEFAULT_COMPANY_COLUMNS),
            location_column: ColumnChoice::Default(DEFAULT_LOCATION_COLUMNS),
            url_column: ColumnChoice::Default(DEFAULT_URL_COLUMNS),
            delimiter: None,
            max_posting_bytes: DEFAULT_MAX_POSTING_BYTES,
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
    /// A JSONL file whose first object lacks a field the user named.
    #[error("{at}: no field named '{field}' in the first object (it has: {available}); pick one with {flag}")]
    MissingField {
        /// The first object's line.
        at: SourceRef,
        /// The field that was asked for.
        field: String,
        /// The object's keys, comma separated.
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
    /// A record (or a text file) larger than [`InputOptions::max_posting_bytes`].
    #[error("{at}: {what} is larger than {limit} bytes{rest} (raise the limit with --max-posting-bytes)")]
    TooLarge {
        /// The record.
        at: SourceRef,
        /// "the record", "the text file"…
        what: &'static str,
        /// The limit.
        limit: usize,
        /// What else could not be read because of it (", so the rest of the file is not read").
        rest: &'static str,
    },
    /// A file in UTF-16, found by its byte order mark or by NUL bytes in every other position.
    #[error(
        "{path}: the file is UTF-16{endian}; rungs reads UTF-8 only (convert with e.g. `iconv -f {encoding} -t utf-8`)"
    )]
    Utf16 {
        /// The file.
        path: String,
        /// " (little-endian, without a byte order mark)" and the like.
        endian: &'static str,
        /// The name iconv knows the encoding by.
        encoding: &'static str,
    },
}

impl InputError {
    /// Whether the error concerns one record, so that `--skip-bad-records` may skip it and go
    /// on. Errors about a whole source (a missing file, a CSV without its column) never are.
    pub fn is_record_error(&self) -> bool {
        !matches!(
            self,
            InputError::Io { .. }
                | InputError::MissingColumn { .. }
                | InputError::MissingField { .. }
                | InputError::Utf16 { .. }
        )
    }
}

/// Something about the input worth telling the user that loses no posting: a file in a
/// directory that is not read (a FIFO, a link loop), a repeated CSV header or JSON key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Where.
    pub at: SourceRef,
    /// What, in a sentence.
    pub message: String,
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// What one source yields: postings, and notices to pass on.
pub(crate) enum Item {
    Posting(Posting),
    Notice(Notice),
}

/// The records of one open source.
type Records = Box<dyn Iterator<Item = Result<Item, InputError>> + Send>;

/// Where a reader sends its [`Notice`]s.
pub type NoticeSink = Box<dyn FnMut(Notice) + Send>;

/// Yields postings from a list of sources, in the order given (directories in sorted order).
pub struct PostingReader {
    pending: std::vec::IntoIter<PendingSource>,
    current: Option<Records>,
    options: InputOptions,
    notices: NoticeSink,
    progress: ReadProgress,
}

/// How far a [`PostingReader`] has read, for a progress bar: shared, so another thread (or a
/// callback) can look while the reader is busy.
#[derive(Clone, Debug)]
pub struct ReadProgress {
    read: std::sync::Arc<std::sync::atomic::AtomicU64>,
    total: Option<u64>,
}

impl ReadProgress {
    /// Bytes taken from the sources so far (they are read ahead in 64 KiB blocks).
    pub fn bytes_read(&self) -> u64 {
        self.read.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The size of every source together, when all are files or bytes (stdin has no size).
    pub fn total_bytes(&self) -> Option<u64> {
        self.total
    }
}

/// A reader that adds what it reads to a [`ReadProgress`].
struct Counted<R> {
    inner: R,
    read: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
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
    /// Notices (files in a directory that are not read, repeated headers) are dropped; see
    /// [`PostingReader::with_notices`].
    pub fn new(sources: &[InputSource], options: InputOptions) -> Result<PostingReader, InputError> {
        PostingReader::with_notices(sources, options, Box::new(|_| ()))
    }

    /// [`PostingReader::new`], sending notices to `notices` as they arise.
    pub fn with_notices(
        sources: &[InputSource],
        options: InputOptions,
        mut notices: NoticeSink,
    ) -> Result<PostingReader, InputError> {
        let pending: Vec<PendingSource> = expand_directories(sources, &mut notices)?
            .into_iter()
            .map(|(source, single_posting)| PendingSource { source, single_posting })
            .collect();
        let total = pending
            .iter()
            .map(|p| match &p.source {
                InputSource::Path(path) => fs::metadata(path).ok().map(|m| m.len()),
                InputSource::Bytes { bytes, .. } => Some(bytes.len() as u64),
                InputSource::Stdin => None,
            })
            .sum();
        let progress = ReadProgress { read: Default::default(), total };
        Ok(PostingReader { pending: pending.into_iter(), current: None, options, notices, progress })
    }

    /// A handle on how far reading has got, to watch from elsewhere.
    pub fn progress(&self) -> ReadProgress {
        self.progress.clone()
    }

    fn open(&mut self, pending: &PendingSource) -> Result<Records, InputError> {
        let (display, mut reader) = open_counted(&pending.source, &self.progress.read)?;
        let path = match &pending.source {
            InputSource::Path(path) => Some(path.as_path()),
            InputSource::Bytes { name, .. } => Some(Path::new(name.as_str())),
            InputSource::Stdin => None,
        };
        let head = reader.fill_buf().map_err(|error| InputError::Io { path: display.clone(), error })?;
        if let Some((endian, encoding)) = sniff_utf16(head) {
            return Err(InputError::Utf16 { path: display, endian, encoding });
        }
        let format = match self.options.format.or_else(|| path.and_then(InputFormat::from_path)) {
            Some(format) => format,
            None => sniff_format(&mut reader).map_err(|error| InputError::Io { path: display.clone(), error })?,
        };
        let stem = id_stem(path);
        let origin = SourceRef::file(display);
        let limit = self.options.max_posting_bytes;
        Ok(match format {
            InputFormat::Text => {
                let postings = text::read_text(reader, origin, stem, pending.single_posting, limit)?;
                Box::new(postings.into_iter().map(|p| Ok(Item::Posting(p))))
            }
            InputFormat::Jsonl => Box::new(jsonl::JsonlRecords::new(reader, origin, stem, &self.options)),
            InputFormat::Csv => {
                let tsv = path.and_then(|p| p.extension()).is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
                let head = reader.fill_buf().map_err(|error| InputError::Io { path: origin.path.clone(), error })?;
                let delimiter = self
                    .options
                    .delimiter
                    .or(tsv.then_some(b'\t'))
                    .or_else(|| csv::sniff_delimiter(head))
                    .unwrap_or(b',');
                let records = csv::CsvRecords::new(reader, origin, stem, &self.options, delimiter, &mut self.notices)?;
                Box::new(records.map(|r| r.map(Item::Posting)))
            }
        })
    }
}

impl Iterator for PostingReader {
    type Item = Result<Posting, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(current) = &mut self.current {
                match current.next() {
                    Some(Ok(Item::Posting(posting))) => return Some(Ok(posting)),
                    Some(Ok(Item::Notice(notice))) => (self.notices)(notice),
                    Some(Err(err)) => return Some(Err(err)),
                    None => self.current = None,
                }
                continue;
            }
            let pending = self.pending.next()?;
            match self.open(&pending) {
                Ok(records) => self.current = Some(records),
                Err(err) => return Some(Err(err)),
            }
        }
    }
}

/// Opens one source for reading: its name for messages, and its bytes.
pub(crate) fn open_source(source: &InputSource) -> Result<(String, Box<dyn BufRead + Send>), InputError> {
    open_counted(source, &Default::default())
}

/// [`open_source`], adding every byte read to `read`.
fn open_counted(
    source: &InputSource,
    read: &std::sync::Arc<std::sync::atomic::AtomicU64>,
) -> Result<(String, Box<dyn BufRead + Send>), InputError> {
    let counted =
        |inner: Box<dyn Read + Send>| BufReader::with_capacity(1 << 16, Counted { inner, read: read.clone() });
    Ok(match source {
        InputSource::Stdin => ("<stdin>".to_string(), Box::new(counted(Box::new(io::stdin())))),
        InputSource::Bytes { name, bytes } => {
            (name.clone(), Box::new(counted(Box::new(io::Cursor::new(ArcBytes(bytes.clone()))))))
        }
        InputSource::Path(path) => {
            let display = path.display().to_string();
            let file = fs::File::open(path).map_err(|error| InputError::Io { path: display.clone(), error })?;
            (display, Box::new(counted(Box::new(file))))
        }
    })
}

/// The sources with directories replaced by the files under them (sorted, hidden ones
/// skipped), each with whether it was found in a directory; no sources at all means stdin.
pub(crate) fn expand_directories(
    sources: &[InputSource],
    notices: &mut NoticeSink,
) -> Result<Vec<(InputSource, bool)>, InputError> {
    let mut expanded = Vec::new();
    let sources = if sources.is_empty() { &[InputSource::Stdin][..] } else { sources };
    for source in sources {
        match source {
            InputSource::Path(path) if path.is_dir() => {
                expanded.extend(list_directory(path, notices)?.into_iter().map(|file| (InputSource::Path(file), true)))
            }
            other => expanded.push((other.clone(), false)),
        }
    }
    Ok(expanded)
}

/// Shared bytes as a reader's buffer.
struct ArcBytes(std::sync::Arc<[u8]>);

impl AsRef<[u8]> for ArcBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Reads one whole text file as one posting (a profile, a résumé): no splitting into several.
pub fn read_document(path: &Path) -> Result<Posting, InputError> {
    let display = path.display().to_string();
    let origin = SourceRef::file(display.clone());
    let file = fs::File::open(path).map_err(|error| InputError::Io { path: display, error })?;
    let mut reader = BufReader::new(file);
    let head = reader.fill_buf().map_err(|error| InputError::Io { path: origin.path.clone(), error })?;
    if let Some((endian, encoding)) = sniff_utf16(head) {
        return Err(InputError::Utf16 { path: origin.path.clone(), endian, encoding });
    }
    let text = decode_utf8(read_all(reader, &origin, DEFAULT_MAX_POSTING_BYTES, "the file")?, &origin, 1)?;
    if text.trim().is_empty() {
        return Err(InputError::EmptyText { at: origin });
    }
    Ok(Posting { source: origin, ..Posting::new(id_stem(Some(path)), text) })
}

/// The files under a directory, in sorted path order, without hidden files or folders.
///
/// Links are followed, as the user's shell would, with loop detection: a link back to a folder
/// being walked is reported and not entered. Anything that is not a regular file (a FIFO, a
/// socket, a device) is reported and skipped, since reading it could block forever.
fn list_directory(dir: &Path, notices: &mut NoticeSink) -> Result<Vec<PathBuf>, InputError> {
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'));
    let mut files = Vec::new();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let at = err.path().unwrap_or(dir).display().to_string();
                if let Some(ancestor) = err.loop_ancestor() {
                    let message = format!("not read: a link back to {} (a loop)", ancestor.display());
                    notices(Notice { at: SourceRef::file(at), message });
                    continue;
                }
                let error = err.into_io_error().unwrap_or_else(|| io::Error::other("cannot walk the directory"));
                return Err(InputError::Io { path: at, error });
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            let message = "not read: not a regular file (a FIFO, socket or device)".to_string();
            notices(Notice { at: SourceRef::file(entry.path().display().to_string()), message });
            continue;
        }
        files.push(entry.into_path());
    }
    Ok(files)
}

/// Whether the start of an input is UTF-16: a byte order mark, or (without one) NUL bytes in
/// nearly every odd or every even position, which is how ASCII looks in UTF-16. UTF-8 text has
/// no NUL bytes. Returns the wording for the message and the encoding's iconv name.
fn sniff_utf16(head: &[u8]) -> Option<(&'static str, &'static str)> {
    if head.starts_with(&[0xFF, 0xFE]) {
        return Some((" (little-endian, with a byte order mark)", "utf-16"));
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Some((" (big-endian, with a byte order mark)", "utf-16"));
    }
    let head = &head[..head.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs == 0 {
        return None;
    }
    let zeros = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    // Most characters of a posting are ASCII; allow a fifth to be other scripts.
    let mostly = |n: usize| n * 5 >= pairs * 4;
    let rarely = |n: usize| n * 10 <= pairs;
    if mostly(odd) && rarely(even) {
        Some((" (little-endian, without a byte order mark)", "utf-16le"))
    } else if mostly(even) && rarely(odd) {
        Some((" (big-endian, without a byte order mark)", "utf-16be"))
    } else {
        None
    }
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

/// Reads all of `reader`, for formats that need the whole file (plain text), up to `limit`
/// bytes: a larger input is a record error, read no further than one byte past the limit.
pub(crate) fn read_all(
    reader: impl Read,
    at: &SourceRef,
    limit: usize,
    what: &'static str,
) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    let mut bounded = reader.take(limit as u64 + 1);
    bounded.read_to_end(&mut bytes).map_err(|error| InputError::Io { path: at.path.clone(), error })?;
    if bytes.len() > limit {
        return Err(InputError::TooLarge { at: at.clone(), what, limit, rest: "" });
    }
    Ok(bytes)
}
