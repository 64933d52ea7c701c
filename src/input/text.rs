//! Plain text and Markdown input, and the rule that finds several postings in one file.
//!
//! A text file holds one posting unless it says otherwise, in one of two ways:
//!
//! 1. **Separator lines.** A line holding only three or more `-`, `=` or `*` (Markdown's
//!    horizontal rule) ends one posting and starts the next. Blank parts are ignored.
//! 2. **Double bullets.** Where lines start with `- - `, each such line begins a new posting
//!    (the inner `- ` is the posting's first bullet). Text before the first line that starts
//!    with `- ` is a preamble (notes, links, a title) and is not a posting. This is how
//!    collections of pasted requirement lists are often kept (see `data/sre-postings.txt`).
//!
//! Files found by walking a directory always hold exactly one posting each.

use std::io::BufRead;
use std::ops::Range;

use super::{decode_utf8, read_all, InputError};
use crate::posting::{Posting, SourceRef};

/// Reads a whole text file and returns its postings.
pub(crate) fn read_text(
    reader: Box<dyn BufRead + Send>,
    origin: SourceRef,
    stem: String,
    single_posting: bool,
    max_bytes: usize,
) -> Result<Vec<Posting>, InputError> {
    let bytes = read_all(reader, &origin, max_bytes, "the text file")?;
    let text = decode_utf8(bytes, &origin, 1)?;
    let ranges = if single_posting { std::iter::once(0..text.len()).collect() } else { split_document(&text) };
    let ranges: Vec<Range<usize>> = ranges.into_iter().filter(|r| !text[r.clone()].trim().is_empty()).collect();
    if ranges.is_empty() {
        return Err(InputError::EmptyText { at: origin });
    }
    let many = ranges.len() > 1;
    // Line numbers are counted in one pass over the text, however many postings it holds.
    let mut line = 1u64;
    let mut counted = 0;
    Ok(ranges
        .into_iter()
        .enumerate()
        .map(|(n, range)| {
            line += text[counted..range.start].bytes().filter(|&b| b == b'\n').count() as u64;
            counted = range.start;
            let id = if many { format!("{stem}#{}", n + 1) } else { stem.clone() };
            let source = if many { origin.at_line(line).at_record(n as u64 + 1) } else { origin.clone() };
            Posting { id, source, ..Posting::new(String::new(), &text[range]) }
        })
        .collect())
}

/// The byte ranges of the postings in a text document, by the rule in the module docs.
///
/// ```
/// use rungs::input::text::split_document;
/// let doc = "Notes\n\n- Python\n- SQL\n- - Go\n- Rust\n";
/// let parts: Vec<&str> = split_document(doc).into_iter().map(|r| &doc[r]).collect();
/// assert_eq!(parts, ["- Python\n- SQL\n", "- - Go\n- Rust\n"]);
/// ```
pub fn split_document(text: &str) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut part_start = 0;
    for line in lines_with_offsets(text) {
        if is_separator_line(&text[line.clone()]) {
            parts.push(part_start..line.start);
            part_start = line.end;
        }
    }
    parts.push(part_start..text.len());
    parts
        .into_iter()
        .flat_map(|part| split_double_bullets(text, part))
        .filter(|r| !text[r.clone()].trim().is_empty())
        .collect()
}

/// Splits one part at lines starting with `- - `, dropping the preamble before the first bullet.
fn split_double_bullets(text: &str, part: Range<usize>) -> Vec<Range<usize>> {
    let lines: Vec<Range<usize>> =
        lines_with_offsets(&text[part.clone()]).map(|r| r.start + part.start..r.end + part.start).collect();
    if !lines.iter().any(|l| text[l.clone()].starts_with("- - ")) {
        return vec![part];
    }
    let Some(first_bullet) = lines.iter().find(|l| text[(*l).clone()].starts_with("- ")) else {
        return vec![part];
    };
    let mut postings = Vec::new();
    let mut start = first_bullet.start;
    for line in &lines {
        if line.start > start && text[line.clone()].starts_with("- - ") {
            postings.push(start..line.start);
            start = line.start;
        }
    }
    postings.push(start..part.end);
    postings
}

fn is_separator_line(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 3
        && (line.bytes().all(|b| b == b'-') || line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'*'))
}

/// Line ranges including their line ending, so that consecutive ranges tile the text. A line
/// ends at `\n`, `\r\n`, or a lone `\r` (old Mac files and some exports use only that).
pub(crate) fn lines_with_offsets(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let end = match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            None => bytes.len(),
            Some(i) if bytes[start + i] == b'\r' && bytes.get(start + i + 1) == Some(&b'\n') => start + i + 2,
            Some(i) => start + i + 1,
        };
        let line = start..end;
        start = end;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(doc: &str) -> Vec<&str> {
        split_document(doc).into_iter().map(|r| &doc[r]).collect()
    }

    #[test]
    fn single_posting_is_whole_text() {
        assert_eq!(parts("We need Python.\nAnd SQL.\n"), ["We need Python.\nAnd SQL.\n"]);
    }

    #[test]
    fn separator_lines_split() {
        assert_eq!(parts("A: Python\n---\nB: Go\n\n-----\n\n"), ["A: Python\n", "B: Go\n\n"]);
    }

    #[test]
    fn double_bullets_split_and_drop_preamble() {
        let doc = "Links\n1. study\n\n- a\n- b\n- - c\n- d\n- - e\n";
        assert_eq!(parts(doc), ["- a\n- b\n", "- - c\n- d\n", "- - e\n"]);
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rd";
        let lines: Vec<&str> = lines_with_offsets(text).map(|r| &text[r]).collect();
        assert_eq!(lines, ["a\n", "b\r\n", "c\r", "d"]);
    }

    #[test]
    fn plain_bullets_without_double_bullets_stay_one_posting() {
        let doc = "Intro\n- a\n- b\n";
        assert_eq!(parts(doc), [doc]);
    }
}
