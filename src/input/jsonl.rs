//! JSONL input: one JSON object per line, `{"id", "text", "title"?}` by default.
//!
//! Field names follow `--id-column`, `--text-column` and `--title-column`, so any JSONL
//! export can be read without reshaping. Blank lines are not records. A line that is not an
//! object with a string text field is a record error naming the line.

use std::io::BufRead;

use serde_json::Value;

use super::{decode_utf8, InputError, InputOptions};
use crate::posting::{Posting, SourceRef};

pub(crate) struct JsonlRecords {
    reader: Box<dyn BufRead + Send>,
    origin: SourceRef,
    stem: String,
    id_field: String,
    text_field: String,
    title_field: String,
    line: u64,
    buf: Vec<u8>,
    failed: bool,
}

impl JsonlRecords {
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        origin: SourceRef,
        stem: String,
        options: &InputOptions,
    ) -> Self {
        JsonlRecords {
            reader,
            origin,
            stem,
            id_field: options.id_column.clone(),
            text_field: options.text_column.clone(),
            title_field: options.title_column.clone(),
            line: 0,
            buf: Vec::new(),
            failed: false,
        }
    }

    fn parse(&self, line: String) -> Result<Posting, InputError> {
        let at = self.origin.at_line(self.line);
        let json_err = |message: String| InputError::Json { at: at.clone(), message };
        let value: Value = serde_json::from_str(&line).map_err(|e| json_err(format!("malformed JSON: {e}")))?;
        let Value::Object(mut object) = value else {
            return Err(json_err("expected a JSON object".to_string()));
        };
        let text = match object.remove(&self.text_field) {
            Some(Value::String(text)) => text,
            Some(_) => return Err(json_err(format!("field \"{}\" is not a string", self.text_field))),
            None => return Err(json_err(format!("no \"{}\" field (choose one with --text-column)", self.text_field))),
        };
        if text.trim().is_empty() {
            return Err(InputError::EmptyText { at });
        }
        let id = match object.remove(&self.id_field) {
            Some(Value::String(id)) => id,
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::Null) | None => format!("{}#{}", self.stem, self.line),
            Some(_) => return Err(json_err(format!("field \"{}\" is not a string or number", self.id_field))),
        };
        let title = match object.remove(&self.title_field) {
            Some(Value::String(title)) if !title.trim().is_empty() => Some(title),
            _ => None,
        };
        Ok(Posting { id, title, text, source: at })
    }
}

impl Iterator for JsonlRecords {
    type Item = Result<Posting, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(error) => {
                    // An I/O error mid-file ends this source; carrying on would loop forever.
                    self.failed = true;
                    return Some(Err(InputError::Io { path: self.origin.path.clone(), error }));
                }
            }
            self.line += 1;
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let line = match decode_utf8(std::mem::take(&mut self.buf), &self.origin, self.line) {
                Ok(line) => line,
                Err(err) => return Some(Err(err)),
            };
            return Some(self.parse(line));
        }
    }
}
