//! JSONL input: one JSON object per line, `{"id", "text", "title"?}` by default.
//!
//! Field names follow `--id-column`, `--text-column` and `--title-column`, so any JSONL
//! export can be read without reshaping. Blank lines are not records. A line that is not an
//! object with a string text field is a record error naming the line.
//!
//! Only the three fields rungs uses are decoded; the rest of an object is skipped unread. A
//! numeric id keeps the digits it was written with (`12345678901234567890` stays that, where a
//! float would round it), and a field given twice in one object is reported once per file.

use std::fmt;
use std::io::{self, BufRead};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

use super::{decode_utf8, InputError, InputOptions, Item, Notice};
use crate::posting::{Posting, SourceRef};

pub(crate) struct JsonlRecords {
    reader: Box<dyn BufRead + Send>,
    origin: SourceRef,
    stem: String,
    fields: Fields,
    line: u64,
    buf: Vec<u8>,
    limit: usize,
    failed: bool,
    /// A record held back while the notice about its repeated field goes out first.
    held: Option<Result<Posting, InputError>>,
    repeated_reported: bool,
}

/// The names of the fields rungs reads.
struct Fields {
    id: String,
    text: String,
    title: String,
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
            fields: Fields {
                id: options.id_column.clone(),
                text: options.text_column.clone(),
                title: options.title_column.clone(),
            },
            line: 0,
            buf: Vec::new(),
            limit: options.max_posting_bytes,
            failed: false,
            held: None,
            repeated_reported: false,
        }
    }

    /// Parses one line; also returns the name of a field the object gives twice.
    fn parse(&self, line: &str) -> (Result<Posting, InputError>, Option<String>) {
        let at = self.origin.at_line(self.line);
        let json_err = |message: String| InputError::Json { at: at.clone(), message };
        let mut deserializer = serde_json::Deserializer::from_str(line);
        let parsed = RecordSeed { fields: &self.fields }.deserialize(&mut deserializer).and_then(|record| {
            deserializer.end()?;
            Ok(record)
        });
        let record = match parsed {
            Ok(record) => record,
            Err(e) if e.is_data() && e.to_string().starts_with("invalid type") => {
                return (Err(json_err("expected a JSON object".to_string())), None)
            }
            Err(e) => return (Err(json_err(format!("malformed JSON: {e}"))), None),
        };
        let repeated = record.repeated.clone();
        (self.posting(record, at), repeated)
    }

    fn posting(&self, record: RawRecord<'_>, at: SourceRef) -> Result<Posting, InputError> {
        let json_err = |message: String| InputError::Json { at: at.clone(), message };
        let text = match record.text {
            Some(Value::String(text)) => text,
            Some(_) => return Err(json_err(format!("field \"{}\" is not a string", self.fields.text))),
            None => return Err(json_err(format!("no \"{}\" field (choose one with --text-column)", self.fields.text))),
        };
        if text.trim().is_empty() {
            return Err(InputError::EmptyText { at });
        }
        let id = match record.id.map(|raw| raw.get()) {
            None | Some("null") => format!("{}#{}", self.stem, self.line),
            // A number keeps its digits as written: ids are names, not quantities.
            Some(raw) if raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => raw.to_string(),
            Some(raw) => match serde_json::from_str::<String>(raw) {
                Ok(id) => id,
                Err(_) => return Err(json_err(format!("field \"{}\" is not a string or number", self.fields.id))),
            },
        };
        let title = match record.title {
            Some(Value::String(title)) if !title.trim().is_empty() => Some(title),
            _ => None,
        };
        Ok(Posting { id, title, text, source: at })
    }
}

impl Iterator for JsonlRecords {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(held) = self.held.take() {
            return Some(held.map(Item::Posting));
        }
        if self.failed {
            return None;
        }
        loop {
            self.buf.clear();
            let read = match read_line_bounded(&mut self.reader, &mut self.buf, self.limit) {
                Ok(read) => read,
                Err(error) => {
                    // An I/O error mid-file ends this source; carrying on would loop forever.
                    self.failed = true;
                    return Some(Err(InputError::Io { path: self.origin.path.clone(), error }));
                }
            };
            self.line += 1;
            match read {
                LineRead::End => return None,
                LineRead::TooLong => {
                    let at = self.origin.at_line(self.line);
                    return Some(Err(InputError::TooLarge { at, what: "the JSON line", limit: self.limit, rest: "" }));
                }
                LineRead::Line => {}
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let line = match decode_utf8(std::mem::take(&mut self.buf), &self.origin, self.line) {
                Ok(line) => line,
                Err(err) => return Some(Err(err)),
            };
            let (posting, repeated) = self.parse(&line);
            if let Some(field) = repeated.filter(|_| !self.repeated_reported) {
                self.repeated_reported = true;
                self.held = Some(posting);
                let message =
                    format!("the object gives \"{field}\" more than once; the last value is used (said once per file)");
                return Some(Ok(Item::Notice(Notice { at: self.origin.at_line(self.line), message })));
            }
            return Some(posting.map(Item::Posting));
        }
    }
}

/// How a bounded line read ended.
#[derive(Debug, PartialEq, Eq)]
enum LineRead {
    /// No more input.
    End,
    /// A line (with its `\n`, if any) is in the buffer.
    Line,
    /// The line was longer than the limit; it was read to its end and dropped.
    TooLong,
}

/// `read_until(b'\n')` that keeps at most `limit` bytes: a longer line is consumed to its end
/// without being stored, so memory stays bounded whatever the input.
fn read_line_bounded(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<LineRead> {
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let used = chunk.len();
        if !too_long && buf.len() + used <= limit {
            buf.extend_from_slice(chunk);
        } else {
            too_long = true;
            buf.clear();
        }
        reader.consume(used);
        if done {
            break;
        }
    }
    Ok(match (any, too_long) {
        (false, _) => LineRead::End,
        (true, true) => LineRead::TooLong,
        (true, false) => LineRead::Line,
    })
}

/// The fields of one object that rungs reads: the id as raw JSON borrowed from the line (so a
/// number keeps its digits), text and title decoded in the same pass.
struct RawRecord<'a> {
    id: Option<&'a RawValue>,
    text: Option<Value>,
    title: Option<Value>,
    /// A field of the three that the object gives more than once.
    repeated: Option<String>,
}

struct RecordSeed<'f> {
    fields: &'f Fields,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = RawRecord<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = RawRecord<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut record = RawRecord { id: None, text: None, title: None, repeated: None };
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let repeated = if key == self.fields.text {
                record.text.replace(map.next_value()?).is_some()
            } else if key == self.fields.id {
                record.id.replace(map.next_value()?).is_some()
            } else if key == self.fields.title {
                record.title.replace(map.next_value()?).is_some()
            } else {
                map.next_value::<IgnoredAny>()?;
                false
            };
            if repeated && record.repeated.is_none() {
                record.repeated = Some(key.into_owned());
            }
        }
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_lines_drop_long_ones_and_go_on() {
        let mut reader = io::BufReader::with_capacity(4, "short\nmuch too long\nok".as_bytes());
        let mut buf = Vec::new();
        let mut lines = Vec::new();
        loop {
            buf.clear();
            match read_line_bounded(&mut reader, &mut buf, 8).unwrap() {
                LineRead::End => break,
                read => lines.push((read, String::from_utf8(buf.clone()).unwrap())),
            }
        }
        assert_eq!(
            lines,
            [
                (LineRead::Line, "short\n".to_string()),
                (LineRead::TooLong, String::new()),
                (LineRead::Line, "ok".to_string())
            ]
        );
    }
}
