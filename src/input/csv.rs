//! CSV (and TSV) input: one posting per row, with a header naming the columns.
//!
//! The text column defaults to `text` and the id column to `id`; `--text-column description`
//! reads JobSpy exports as they are. A missing text column is an error about the whole file,
//! naming the columns it does have. A row without an id gets `<file stem>#<record>`.

use std::io::BufRead;

use super::{InputError, InputOptions};
use crate::posting::{Posting, SourceRef};

pub(crate) struct CsvRecords {
    records: csv::ByteRecordsIntoIter<Box<dyn BufRead + Send>>,
    origin: SourceRef,
    stem: String,
    id_index: Option<usize>,
    text_index: usize,
    title_index: Option<usize>,
    record: u64,
}

impl CsvRecords {
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        origin: SourceRef,
        stem: String,
        options: &InputOptions,
        tab_separated: bool,
    ) -> Result<CsvRecords, InputError> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(if tab_separated { b'\t' } else { b',' })
            .flexible(true)
            .from_reader(reader);
        let headers =
            reader.byte_headers().map_err(|e| InputError::Csv { at: origin.at_line(1), message: e.to_string() })?;
        let names: Vec<String> = headers.iter().map(|h| String::from_utf8_lossy(h).trim().to_string()).collect();
        let find = |wanted: &str| names.iter().position(|n| n.eq_ignore_ascii_case(wanted));
        let missing = |column: &str, flag| InputError::MissingColumn {
            path: origin.path.clone(),
            column: column.to_string(),
            available: names.join(", "),
            flag,
        };
        let text_index = find(&options.text_column).ok_or_else(|| missing(&options.text_column, "--text-column"))?;
        let id_index = find(&options.id_column);
        if id_index.is_none() && options.id_column_explicit {
            return Err(missing(&options.id_column, "--id-column"));
        }
        let title_index = find(&options.title_column);
        Ok(CsvRecords {
            records: reader.into_byte_records(),
            origin,
            stem,
            id_index,
            text_index,
            title_index,
            record: 0,
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
}

impl Iterator for CsvRecords {
    type Item = Result<Posting, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let result = self.records.next()?;
        self.record += 1;
        let record = match result {
            Ok(record) => record,
            Err(err) => {
                let at = match err.position() {
                    Some(pos) => self.origin.at_line(pos.line()).at_record(self.record),
                    None => self.origin.at_record(self.record),
                };
                let message = match err.kind() {
                    csv::ErrorKind::Io(e) => e.to_string(),
                    _ => err.to_string(),
                };
                return Some(Err(InputError::Csv { at, message }));
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let at = self.origin.at_line(line).at_record(self.record);
        Some((|| {
            let text = self.field(&record, self.text_index, &at)?;
            if text.trim().is_empty() {
                return Err(InputError::EmptyText { at: at.clone() });
            }
            let id = match self.id_index {
                Some(index) => self.field(&record, index, &at)?,
                None => String::new(),
            };
            let id = if id.trim().is_empty() { format!("{}#{}", self.stem, self.record) } else { id };
            let title = match self.title_index {
                Some(index) => Some(self.field(&record, index, &at)?).filter(|t| !t.trim().is_empty()),
                None => None,
            };
            Ok(Posting { id, title, text, source: at.clone() })
        })())
    }
}
