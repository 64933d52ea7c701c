//! CSV (and TSV) input: one posting per row, with a header naming the columns.
//!
//! The text column defaults to `text` and the id column to `id`. A file without a `text`
//! column is read from `description` (JobSpy exports), with a note saying so; a missing text
//! column, or an id, title, company, location or URL column the user named, is an error about
//! the whole file, naming the columns it does have. A row without an id gets
//! `<file stem>#<record>`. The separator is `,`, tab for `.tsv`, or `;`/tab when the header
//! line shows it unambiguously ([`sniff_delimiter`]), unless the user chose one.
//!
//! The `csv` crate ends a quoted field that is never closed at the end of the file, folding
//! every later row into it without a word. [`QuoteGuard`] follows the quoting as the bytes go
//! by, so such a row becomes a record error naming the line where the quote opened; it also
//! bounds a row's size, so an endless or runaway row cannot exhaust memory.

use std::io::{self, BufRead, Read};

use super::{ColumnChoice, InputError, InputOptions, Notice, NoticeSink, FALLBACK_TEXT_COLUMNS};
use crate::posting::{Posting, SourceRef};

pub(crate) struct CsvRecords {
    records: csv::ByteRecordsIntoIter<QuoteGuard<Box<dyn BufRead + Send>>>,
    /// The next row, read one ahead so that the last row can be checked for an open quote.
    ahead: Option<Result<csv::ByteRecord, csv::Error>>,
    origin: SourceRef,
    stem: String,
    id_index: Option<usize>,
    text_index: usize,
    meta: MetaIndexes,
    record: u64,
    limit: usize,
    done: bool,
}

impl CsvRecords {
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        origin: SourceRef,
        stem: String,
        options: &InputOptions,
        delimiter: u8,
        notices: &mut NoticeSink,
    ) -> Result<CsvRecords, InputError> {
        let guard = QuoteGuard::new(reader, delimiter, options.max_posting_bytes);
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(guard);
        let headers = reader.byte_headers().map_err(|e| csv_error(e, &origin.at_line(1), options.max_posting_bytes))?;
        let names: Vec<String> = headers.iter().map(|h| String::from_utf8_lossy(h).trim().to_string()).collect();
        let find = |wanted: &str| names.iter().position(|n| n.eq_ignore_ascii_case(wanted));
        let missing = |column: &str, flag| InputError::MissingColumn {
            path: origin.path.clone(),
            column: column.to_string(),
            available: names.join(", "),
            flag,
        };
        for (i, name) in names.iter().enumerate() {
            if let Some(first) = names[..i].iter().position(|n| n.eq_ignore_ascii_case(name)) {
                let message =
                    format!("the header names '{name}' twice (columns {} and {}); the first is used", first + 1, i + 1);
                notices(Notice { at: origin.at_line(1), message });
            }
        }
        let text_index = match find(&options.text_column) {
            Some(index) => index,
            None if !options.text_column_explicit => {
                let fallback = FALLBACK_TEXT_COLUMNS.iter().find_map(|name| find(name));
                let index = fallback.ok_or_else(|| missing(&options.text_column, "--text-column"))?;
                let message = format!(
                    "no '{}' column: reading the posting text from '{}' (choose with --text-column)",
                    options.text_column, names[index]
                );
                notices(Notice { at: origin.at_line(1), message });
                index
            }
            None => return Err(missing(&options.text_column, "--text-column")),
        };
        let id_index = find(&options.id_column);
        if id_index.is_none() && options.id_column_explicit {
            return Err(missing(&options.id_column, "--id-column"));
        }
        let choose = |choice: &ColumnChoice, flag| match choice.names().into_iter().find_map(find) {
            None if choice.is_named() => Err(missing(choice.names()[0], flag)),
            index => Ok(index),
        };
        let meta = MetaIndexes {
            title: choose(&options.title_column, "--title-column")?,
            company: choose(&options.company_column, "--company-column")?,
            location: choose(&options.location_column, "--location-column")?,
            url: choose(&options.url_column, "--url-column")?,
        };
        let mut records = reader.into_byte_records();
        let ahead = records.next();
        Ok(CsvRecords {
            records,
            ahead,
            origin,
            stem,
            id_index,
            text_index,
            meta,
            record: 0,
            limit: options.max_posting_bytes,
            done: false,
        })
    }

    fn field(&self, record: &csv::ByteRecord, index: usize, at: &SourceRef) -> Result<String, InputError> {
        let bytes = record.get(index).unwrap_or_default();
        String::from_utf8(bytes.to_vec()).map_err(|e| InputError::Utf8 {
            at: at.clone(),
            byte: e.utf8_error().valid_up_to(),
            guess: "latin1",
        })
    }

    fn posting(&self, record: &csv::ByteRecord) -> Result<Posting, InputError> {
        let line = record.position().map_or(0, |p| p.line());
        let at = self.origin.at_line(line).at_record(self.record);
        let text = self.field(record, self.text_index, &at)?;
        if text.trim().is_empty() {
            return Err(InputError::EmptyText { at: at.clone() });
        }
        let id = match self.id_index {
            Some(index) => self.field(record, index, &at)?,
            None => String::new(),
        };
        let id = if id.trim().is_empty() { format!("{}#{}", self.stem, self.record) } else { id };
        let optional = |index: Option<usize>| -> Result<Option<String>, InputError> {
            match index {
                Some(index) => Ok(Some(self.field(record, index, &at)?).filter(|t| !t.trim().is_empty())),
                None => Ok(None),
            }
        };
        Ok(Posting {
            title: optional(self.meta.title)?,
            company: optional(self.meta.company)?,
            location: optional(self.meta.location)?,
            url: optional(self.meta.url)?,
            source: at.clone(),
            ..Posting::new(id, text)
        })
    }
}

impl Iterator for CsvRecords {
    type Item = Result<Posting, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let current = self.ahead.take()?;
        self.ahead = self.records.next();
        self.record += 1;
        let record = match current {
            Ok(record) => record,
            Err(err) => {
                // A parse or I/O error leaves the reader's position unknown: this file ends here.
                self.done = true;
                let at = match err.position() {
                    Some(pos) => self.origin.at_line(pos.line()).at_record(self.record),
                    None => self.origin.at_line(self.records.reader().get_ref().record_line).at_record(self.record),
                };
                return Some(Err(csv_error(err, &at, self.limit)));
            }
        };
        if self.ahead.is_none() {
            if let Some(opened) = self.records.reader().get_ref().unclosed_quote_line() {
                let line = record.position().map_or(opened, |p| p.line());
                let last = self.records.reader().get_ref().last_line();
                let message = format!(
                    "a quote opened on line {opened} is never closed, so this record runs to the end of the \
                     file and takes in lines {opened}-{last}; close the quote (write a quote inside a field as \"\")"
                );
                return Some(Err(InputError::Csv { at: self.origin.at_line(line).at_record(self.record), message }));
            }
        }
        Some(self.posting(&record))
    }
}

/// The columns of the optional facts about a posting, where the header has them.
struct MetaIndexes {
    title: Option<usize>,
    company: Option<usize>,
    location: Option<usize>,
    url: Option<usize>,
}

/// The separator a header line uses when it is not the comma: `;` (spreadsheets in locales
/// with a decimal comma) or tab, when the line has no comma outside quotes and only that one.
pub(crate) fn sniff_delimiter(head: &[u8]) -> Option<u8> {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let (mut quoted, mut commas, mut semicolons, mut tabs) = (false, 0, 0, 0);
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            b'\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    match (commas, semicolons, tabs) {
        (0, s, 0) if s > 0 => Some(b';'),
        (0, 0, t) if t > 0 => Some(b'\t'),
        _ => None,
    }
}

/// The record error for a `csv` crate error.
fn csv_error(err: csv::Error, at: &SourceRef, limit: usize) -> InputError {
    match err.kind() {
        csv::ErrorKind::Io(e) if e.get_ref().is_some_and(|inner| inner.is::<RecordTooLarge>()) => {
            InputError::TooLarge {
                at: at.clone(),
                what: "the CSV record",
                limit,
                rest: ", so the rest of the file is not read",
            }
        }
        csv::ErrorKind::Io(e) => InputError::Csv { at: at.clone(), message: e.to_string() },
        _ => InputError::Csv { at: at.clone(), message: err.to_string() },
    }
}

/// The marker inside the I/O error [`QuoteGuard`] returns for a row over the size limit.
#[derive(Debug)]
struct RecordTooLarge;

impl std::fmt::Display for RecordTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the CSV record is too large")
    }
}

impl std::error::Error for RecordTooLarge {}

/// Where the quoting of a CSV stream stands, as the `csv` crate's own parser sees it with its
/// default settings (quote `"`, doubled to escape, records end at `\n`, `\r` or `\r\n`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QuoteState {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the field's end, or the first half of `""`.
    QuoteInQuoted,
}

/// A reader that passes bytes through while following their CSV quoting.
pub(crate) struct QuoteGuard<R> {
    inner: R,
    delimiter: u8,
    state: QuoteState,
    /// 1-based line of the byte about to be read.
    line: u64,
    /// The line the current record started on.
    record_line: u64,
    /// The line of the quote that opened the current quoted field.
    quote_line: u64,
    record_bytes: usize,
    limit: usize,
    /// Whether the last byte read was a newline.
    ended_line: bool,
}

impl<R: Read> QuoteGuard<R> {
    fn new(inner: R, delimiter: u8, limit: usize) -> Self {
        QuoteGuard {
            inner,
            delimiter,
            state: QuoteState::FieldStart,
            line: 1,
            record_line: 1,
            quote_line: 1,
            record_bytes: 0,
            limit,
            ended_line: false,
        }
    }

    /// The line of the last byte read (a final newline ends its line, not starts one).
    fn last_line(&self) -> u64 {
        self.line - u64::from(self.ended_line)
    }

    /// After the end of input: the line of a quote that was never closed.
    fn unclosed_quote_line(&self) -> Option<u64> {
        (self.state == QuoteState::Quoted).then_some(self.quote_line)
    }

    fn follow(&mut self, bytes: &[u8]) -> io::Result<()> {
        for &byte in bytes {
            let end_of_line = byte == b'\n' || byte == b'\r';
            self.state = match (self.state, byte) {
                (QuoteState::Quoted, b'"') => QuoteState::QuoteInQuoted,
                (QuoteState::Quoted, _) => QuoteState::Quoted,
                (QuoteState::QuoteInQuoted, b'"') => QuoteState::Quoted,
                (QuoteState::FieldStart, b'"') => {
                    self.quote_line = self.line;
                    QuoteState::Quoted
                }
                (_, b) if b == self.delimiter => QuoteState::FieldStart,
                (_, _) if end_of_line => {
                    self.record_bytes = 0;
                    self.record_line = self.line + u64::from(byte == b'\n');
                    QuoteState::FieldStart
                }
                (_, _) => QuoteState::Unquoted,
            };
            if byte == b'\n' {
                self.line += 1;
            }
            self.ended_line = byte == b'\n';
            self.record_bytes += 1;
            if self.record_bytes > self.limit {
                return Err(io::Error::other(RecordTooLarge));
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for QuoteGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.follow(&buf[..n])?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_after(text: &str) -> (QuoteState, u64) {
        let mut guard = QuoteGuard::new(text.as_bytes(), b',', usize::MAX);
        guard.follow(text.as_bytes()).unwrap();
        (guard.state, guard.quote_line)
    }

    #[test]
    fn quoting_is_followed_like_the_csv_parser() {
        assert_eq!(state_after("a,\"b\nc\",d\n").0, QuoteState::FieldStart);
        assert_eq!(state_after("a,\"say \"\"hi\"\"\"\n").0, QuoteState::FieldStart);
        // A quote inside an unquoted field is a literal character.
        assert_eq!(state_after("a,5\" screen\n").0, QuoteState::FieldStart);
        assert_eq!(state_after("id,text\na,\"- Python\nb,x\n"), (QuoteState::Quoted, 2));
    }

    #[test]
    fn a_row_over_the_limit_is_an_error() {
        let mut guard = QuoteGuard::new("a,b\n".as_bytes(), b',', 8);
        assert!(guard.follow(b"short\n").is_ok());
        let err = guard.follow(b"\"0123456789").unwrap_err();
        assert!(err.get_ref().unwrap().is::<RecordTooLarge>());
    }
}
