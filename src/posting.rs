//! The unit of work: one job posting, and where it came from.
//!
//! A [`Posting`] is produced by [`crate::input`] and consumed by every later stage. Its `text`
//! is never rewritten: every byte offset a report prints points into this exact string, so a
//! user (or a script) can slice the original text and see what was matched.

use std::fmt;

/// Where a posting or a bad record was found, for messages a person can act on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceRef {
    /// The file path as the user gave it, or `<stdin>`.
    pub path: String,
    /// The 1-based line the record starts on, when the format has lines.
    pub line: Option<u64>,
    /// The 1-based record number within the file (CSV rows, JSONL objects, text postings).
    pub record: Option<u64>,
}

impl SourceRef {
    /// A reference to a whole file.
    pub fn file(path: impl Into<String>) -> Self {
        SourceRef { path: path.into(), line: None, record: None }
    }

    /// The same file, at a 1-based line.
    pub fn at_line(&self, line: u64) -> Self {
        SourceRef { path: self.path.clone(), line: Some(line), record: self.record }
    }

    /// The same file, at a 1-based record number.
    pub fn at_record(&self, record: u64) -> Self {
        SourceRef { path: self.path.clone(), line: self.line, record: Some(record) }
    }
}

impl fmt::Display for SourceRef {
    /// `path:line (record N)`, the shape compilers and ripgrep use, so editors can jump to it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(record) = self.record {
            write!(f, " (record {record})")?;
        }
        Ok(())
    }
}

/// One job posting as read from the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posting {
    /// The record's own id, or one derived from the file name and position.
    pub id: String,
    /// The job title, when the input carries one separately from the text.
    pub title: Option<String>,
    /// The employer, from a `company` column or field (or the one the user names).
    pub company: Option<String>,
    /// Where the job is, from a `location` column or field.
    pub location: Option<String>,
    /// The original posting's address, from a `job_url` column or field; any text the input
    /// holds (reports link only `http(s)` addresses).
    pub url: Option<String>,
    /// The posting body, exactly as read.
    pub text: String,
    /// Where the posting was read from.
    pub source: SourceRef,
}

impl Posting {
    /// A posting with no title, for tests and library callers that build postings in code.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Posting {
            id: id.into(),
            title: None,
            company: None,
            location: None,
            url: None,
            text: text.into(),
            source: SourceRef::file("<memory>"),
        }
    }

    /// What a person calls the posting: "title · company" from what the input gives, else the
    /// id. Not unique: two postings of one title at one company share it.
    pub fn label(&self) -> String {
        posting_label(&self.id, self.title.as_deref(), self.company.as_deref())
    }
}

/// [`Posting::label`] from its parts, for records that carry them without the posting.
pub fn posting_label(id: &str, title: Option<&str>, company: Option<&str>) -> String {
    let parts: Vec<&str> = [title, company].into_iter().flatten().map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        id.to_string()
    } else {
        parts.join(" · ")
    }
}
