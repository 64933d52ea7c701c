//! JSONL input: one JSON object per line, `{"id", "text", "title"?, "company"?, "location"?,
//! "job_url"?}` by default.
//!
//! Field names follow `--id-column`, `--text-column`, `--title-column` and the like, so any
//! JSONL export can be read without reshaping. Blank lines are not records. A line that is not
//! an object with a string text field is a record error naming the line; an object without
//! `text` is read from `description` when the user did not name the text field, with a notice.
//! The first object stands for a header: a field the user named must be in it.
//!
//! Only the fields rungs uses are decoded; the rest of an object is skipped unread. A
//! numeric id keeps the digits it was written with (`12345678901234567890` stays that, where a
//! float would round it), and a field given twice in one object is reported once per file.

use std::fmt;
use std::io::{self, BufRead};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

use super::{decode_utf8, ColumnChoice, InputError, InputOptions, Item, Notice, FALLBACK_TEXT_COLUMNS};
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
    /// A record held back while the notices about it go out first.
    held: Option<Result<Posting, InputError>>,
    notices: Vec<Notice>,
    repeated_reported: bool,
    fallback_reported: bool,
    /// Whether an object has been parsed: the first one is checked like a header.
    seen_object: bool,
}

/// The names of the fields rungs reads.
struct Fields {
    id: String,
    text: String,
    /// Where the text is read from when an object has no `text` field: none when the user
    /// named the field.
    text_fallbacks: &'static [&'static str],
    /// Title, company, location and URL, in [`Meta`] order.
    meta: [ColumnChoice; 4],
}

/// A posting, with the fallback field its text was read from if it was.
type ParsedPosting = Result<(Posting, Option<&'static str>), InputError>;

/// The flags that name the fields of [`Fields::meta`], in its order.
const META_FLAGS: [&str; 4] = ["--title-column", "--company-column", "--location-column", "--url-column"];

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
                text_fallbacks: if options.text_column_explicit { &[] } else { FALLBACK_TEXT_COLUMNS },
                meta: [
                    options.title_column.clone(),
                    options.company_column.clone(),
                    options.location_column.clone(),
                    options.url_column.clone(),
                ],
            },
            line: 0,
            buf: Vec::new(),
            limit: options.max_posting_bytes,
            failed: false,
            held: None,
            notices: Vec::new(),
            repeated_reported: false,
            fallback_reported: false,
            seen_object: false,
        }
    }

    /// Parses one line; also returns the name of a field the object gives twice.
    fn parse(&self, line: &str) -> (ParsedPosting, Option<String>) {
        let at = self.origin.at_line(self.line);
        let json_err = |message: String| InputError::Json { at: at.clone(), message };
        let mut deserializer = serde_json::Deserializer::from_str(line);
        // The first object stands for a header: a field the user named must be in it.
        let first = !self.seen_object;
        let parsed = RecordSeed { fields: &self.fields, collect_keys: first }.deserialize(&mut deserializer).and_then(
            |record| {
                deserializer.end()?;
                Ok(record)
            },
        );
        let record = match parsed {
            Ok(record) => record,
            Err(e) if e.is_data() && e.to_string().starts_with("invalid type") => {
                return (Err(json_err("expected a JSON object".to_string())), None)
            }
            Err(e) => return (Err(json_err(format!("malformed JSON: {e}"))), None),
        };
        if first {
            for (index, (choice, flag)) in self.fields.meta.iter().zip(META_FLAGS).enumerate() {
                if let (ColumnChoice::Named(name), None) = (choice, record.meta[index].as_ref()) {
                    let error = InputError::MissingField {
                        at: at.clone(),
                        field: name.clone(),
                        available: record.keys.join(", "),
                        flag,
                    };
                    return (Err(error), None);
                }
            }
        }
        let repeated = record.repeated.clone();
        (self.posting(record, at), repeated)
    }

    /// The posting, and the fallback field its text was read from, if it was.
    fn posting(&self, record: RawRecord<'_>, at: SourceRef) -> ParsedPosting {
        let json_err = |message: String| InputError::Json { at: at.clone(), message };
        let (text, fallback) = match (record.text, record.fallback_text) {
            (Some(text), _) => (text, None),
            // Decoded only now: an object that has `text` never pays for its `description`.
            (None, Some((rank, raw))) => {
                (serde_json::from_str(raw.get()).unwrap_or(Value::Null), Some(self.fields.text_fallbacks[rank]))
            }
            (None, None) => {
                return Err(json_err(format!("no \"{}\" field (choose one with --text-column)", self.fields.text)))
            }
        };
        let text = match text {
            Value::String(text) => text,
            _ => return Err(json_err(format!("field \"{}\" is not a string", fallback.unwrap_or(&self.fields.text)))),
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
        let [title, company, location, url] = record.meta.map(|value| match value {
            Some((_, Value::String(s))) if !s.trim().is_empty() => Some(s),
            Some((_, Value::Number(n))) => Some(n.to_string()),
            _ => None,
        });
        let posting = Posting { title, company, location, url, source: at, ..Posting::new(id, text) };
        Ok((posting, fallback))
    }
}

impl Iterator for JsonlRecords {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.notices.is_empty() {
            return Some(Ok(Item::Notice(self.notices.remove(0))));
        }
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
            let (parsed, repeated) = self.parse(&line);
            self.seen_object = true;
            let at = self.origin.at_line(self.line);
            if let Some(field) = repeated.filter(|_| !self.repeated_reported) {
                self.repeated_reported = true;
                let message =
                    format!("the object gives \"{field}\" more than once; the last value is used (said once per file)");
                self.notices.push(Notice { at: at.clone(), message });
            }
            let posting = match parsed {
                Ok((posting, Some(fallback))) if !self.fallback_reported => {
                    self.fallback_reported = true;
                    let message = format!(
                        "no \"{}\" field: reading the posting text from \"{fallback}\" (choose with --text-column; said once per file)",
                        self.fields.text
                    );
                    self.notices.push(Notice { at, message });
                    Ok(posting)
                }
                Ok((posting, _)) => Ok(posting),
                Err(err @ InputError::MissingField { .. }) => {
                    self.failed = true;
                    Err(err)
                }
                Err(err) => Err(err),
            };
            if self.notices.is_empty() {
                return Some(posting.map(Item::Posting));
            }
            self.held = Some(posting);
            return Some(Ok(Item::Notice(self.notices.remove(0))));
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
        let (chunk, done) = match memchr::memchr(b'\n', available) {
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
/// number keeps its digits), the rest decoded in the same pass.
struct RawRecord<'a> {
    id: Option<&'a RawValue>,
    text: Option<Value>,
    /// The text from a fallback field, with that field's rank in [`Fields::text_fallbacks`].
    fallback_text: Option<(usize, &'a RawValue)>,
    /// Title, company, location and URL, each with the rank of the name it was found under.
    meta: [Option<(usize, Value)>; 4],
    /// A field of those that the object gives more than once.
    repeated: Option<String>,
    /// Every key of the object, when asked for (the first object, for error messages).
    keys: Vec<String>,
}

struct RecordSeed<'f> {
    fields: &'f Fields,
    collect_keys: bool,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = RawRecord<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// Keeps `value` in `slot` if its name ranks at least as well as the one there; says whether
/// the same name was given twice.
fn keep_ranked<T>(slot: &mut Option<(usize, T)>, rank: usize, value: T) -> bool {
    match slot {
        Some((held, _)) if *held < rank => false,
        Some((held, _)) => {
            let repeated = *held == rank;
            *slot = Some((rank, value));
            repeated
        }
        None => {
            *slot = Some((rank, value));
            false
        }
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = RawRecord<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut record = RawRecord {
            id: None,
            text: None,
            fallback_text: None,
            meta: Default::default(),
            repeated: None,
            keys: Vec::new(),
        };
        let rank_in = |names: &[&str], key: &str| names.iter().position(|n| n.eq_ignore_ascii_case(key));
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if self.collect_keys {
                record.keys.push(key.to_string());
            }
            let repeated = if key == self.fields.text {
                record.text.replace(map.next_value()?).is_some()
            } else if key == self.fields.id {
                record.id.replace(map.next_value()?).is_some()
            } else if let Some(rank) = rank_in(self.fields.text_fallbacks, &key) {
                keep_ranked(&mut record.fallback_text, rank, map.next_value()?)
            } else if let Some((slot, rank)) = self
                .fields
                .meta
                .iter()
                .zip(record.meta.iter_mut())
                .find_map(|(choice, slot)| rank_in(&choice.names(), &key).map(|rank| (slot, rank)))
            {
                keep_ranked(slot, rank, map.next_value()?)
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
