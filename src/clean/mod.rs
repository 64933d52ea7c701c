//! A markup-free view of a posting's text for the stages that read words, with a map back to
//! the original bytes.
//!
//! Scrapers write postings as Markdown or HTML: `C\+\+`, `5\+ years`, `**About us**`,
//! `[apply](https://…)`, `<li>Go</li>`, `R&amp;D`, `&nbsp;`. Read literally, `C\+\+` is "C" and
//! no "N+ years" is ever found. [`CleanText`] undoes that markup in one pass over the bytes:
//!
//! - a Markdown escape (one or two backslashes before ASCII punctuation) keeps the punctuation;
//! - emphasis markers (`**`, `__`, a `*` or `_` at a word's edge) and link syntax
//!   (`[text](url)` keeps `text`) are dropped; a `*` that starts a line is a bullet and stays;
//! - HTML tags that end a block (`<p>`, `<br>`, `<div>`, `<h2>`…) become a line break, `<li>`
//!   a line break and a bullet, other known tags and comments are dropped;
//! - character references (`&amp;`, `&nbsp;`, `&#8217;`, `&#x2022;`) are decoded;
//! - a line break goes back between lines an export glued together, list items, sentences and
//!   headings alike ("…in TableauResponsibilitiesWrite SQL…", "…a plusExperience with Go":
//!   the rules are `glued.rs`'s).
//!
//! Each piece of the clean text records the original bytes it came from, so a range found in
//! the clean text maps back onto the original ([`CleanText::to_original`]): every offset rungs
//! reports still points into the posting as read (a line break put back stands for no byte of
//! it). A text without any of the bytes markup starts with, and without a small letter glued to
//! a capital, is its own clean view, at the cost of two scans.

use std::ops::Range;

use crate::byteset::{find_case_seam, ByteSet};
use crate::split::is_section_name;
use glued::LONGEST_HEADING;

mod glued;

/// The clean view of one text and the map back to it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CleanText {
    /// The clean text; `None` when the original has no markup and is its own view.
    text: Option<String>,
    /// The pieces of the clean text, in order; bytes of the original between pieces were
    /// dropped.
    pieces: Vec<Piece>,
}

/// A run of clean bytes and the original bytes it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    clean: usize,
    clean_len: usize,
    original: usize,
    original_len: usize,
    /// Copied byte for byte (so offsets inside map one to one), rather than replaced.
    copied: bool,
}

impl CleanText {
    /// The clean view of `original`.
    ///
    /// ```
    /// use rungs::clean::CleanText;
    /// let original = "**Must have:** C\\+\\+, R&amp;D, 5\\+ years";
    /// let view = CleanText::new(original);
    /// assert_eq!(view.text(original), "Must have: C++, R&D, 5+ years");
    /// let cpp = view.text(original).find("C++").unwrap();
    /// assert_eq!(&original[view.to_original(cpp..cpp + 3)], "C\\+\\+");
    /// ```
    pub fn new(original: &str) -> CleanText {
        let bytes = original.as_bytes();
        if MARKUP_STARTS.find(bytes).is_none() && find_case_seam(bytes, 0).is_none() {
            return CleanText::default();
        }
        let mut builder = Builder::new(original);
        builder.run();
        builder.finish()
    }

    /// The clean text of `original` (the text this view was made from).
    pub fn text<'a>(&'a self, original: &'a str) -> &'a str {
        self.text.as_deref().unwrap_or(original)
    }

    /// Whether the clean text differs from the original.
    pub fn is_changed(&self) -> bool {
        self.text.is_some()
    }

    /// The original byte range a clean byte range came from. A range that starts or ends
    /// inside a replaced piece (a decoded entity, a tag's line break) widens to the whole of
    /// its markup.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        if self.text.is_none() {
            return range;
        }
        let start = self.map_start(range.start);
        let end = if range.end <= range.start { start } else { self.map_end(range.end).max(start) };
        start..end
    }

    /// [`CleanText::to_original`] of each of `ranges`, in place. Ranges that come in text order
    /// (a posting's requirements, its mentions) are mapped by walking the pieces once rather
    /// than by a search each; one that goes back is searched for.
    pub fn map_to_original<'r>(&self, ranges: impl IntoIterator<Item = &'r mut Range<usize>>) {
        if self.text.is_none() {
            return;
        }
        let (mut starts, mut ends) = (PieceCursor::default(), PieceCursor::default());
        for range in ranges {
            let (at, to) = (range.start, range.end);
            let start = self.start_in(starts.seek(&self.pieces, at, |p| p.clean + p.clean_len <= at), at);
            let end = if to <= at {
                start
            } else {
                self.end_in(ends.seek(&self.pieces, to, |p| p.clean + p.clean_len < to), to).max(start)
            };
            *range = start..end;
        }
    }

    /// The clean byte range an original byte range stands for: the inverse of
    /// [`CleanText::to_original`], for showing the clean text with marks placed from offsets
    /// into the original. Markup dropped at either end is left out; a range inside a replaced
    /// piece covers its whole replacement.
    pub fn to_clean(&self, range: Range<usize>) -> Range<usize> {
        if self.text.is_none() {
            return range;
        }
        let end_of_all = self.pieces.last().map_or(0, |p| p.clean + p.clean_len);
        let start = {
            let i = self.pieces.partition_point(|p| p.original + p.original_len <= range.start);
            match self.pieces.get(i) {
                Some(p) if range.start >= p.original && p.copied => p.clean + (range.start - p.original),
                Some(p) => p.clean,
                None => end_of_all,
            }
        };
        let end = {
            let i = self.pieces.partition_point(|p| p.original + p.original_len < range.end);
            match self.pieces.get(i) {
                Some(p) if range.end > p.original && p.copied => p.clean + (range.end - p.original),
                Some(p) if range.end > p.original => p.clean + p.clean_len,
                // In the markup dropped before piece `i`: the clean text up to the piece before.
                Some(p) => p.clean,
                None => end_of_all,
            }
        };
        start..end.max(start)
    }

    fn map_start(&self, at: usize) -> usize {
        self.start_in(self.pieces.partition_point(|p| p.clean + p.clean_len <= at), at)
    }

    /// Where clean byte `at`, in piece `i` (or past every piece), starts in the original.
    fn start_in(&self, i: usize, at: usize) -> usize {
        match self.pieces.get(i) {
            Some(p) if p.copied => p.original + (at - p.clean),
            Some(p) => p.original,
            None => self.pieces.last().map_or(0, |p| p.original + p.original_len),
        }
    }

    fn map_end(&self, at: usize) -> usize {
        self.end_in(self.pieces.partition_point(|p| p.clean + p.clean_len < at), at)
    }

    /// Where a clean range ending at `at`, in piece `i` (or past every piece), ends in the
    /// original.
    fn end_in(&self, i: usize, at: usize) -> usize {
        match self.pieces.get(i) {
            Some(p) if p.copied => p.original + (at - p.clean),
            Some(p) => p.original + p.original_len,
            None => self.pieces.last().map_or(0, |p| p.original + p.original_len),
        }
    }
}

/// A place among the pieces that moves on with the positions asked for: the first piece a
/// predicate that holds for ever fewer pieces as the position grows does not hold for.
#[derive(Debug, Default)]
struct PieceCursor {
    index: usize,
    last: usize,
}

impl PieceCursor {
    /// The first piece `before` does not hold for, at position `at`.
    fn seek(&mut self, pieces: &[Piece], at: usize, before: impl Fn(&Piece) -> bool) -> usize {
        if at < self.last {
            self.index = pieces.partition_point(&before);
        } else {
            while self.index < pieces.len() && before(&pieces[self.index]) {
                self.index += 1;
            }
        }
        self.last = at;
        self.index
    }
}

/// Tags whose end or start breaks a line.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Tags dropped without a trace (inline formatting).
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "big", "cite", "code", "em", "font", "i", "img", "ins", "kbd", "mark", "s", "small", "span",
    "strike", "strong", "sub", "sup", "u",
];

/// Named character references postings use, and what they stand for.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("apos", "'"),
    ("bull", "•"),
    ("copy", "©"),
    ("gt", ">"),
    ("hellip", "…"),
    ("laquo", "«"),
    ("ldquo", "“"),
    ("lsquo", "‘"),
    ("lt", "<"),
    ("mdash", "—"),
    ("middot", "·"),
    ("nbsp", " "),
    ("ndash", "–"),
    ("quot", "\""),
    ("raquo", "»"),
    ("rdquo", "”"),
    ("reg", "®"),
    ("rsquo", "’"),
    ("trade", "™"),
];

/// The longest tag (with attributes) and link target read as markup.
const MAX_TAG_LEN: usize = 1024;
const MAX_LINK_TEXT_LEN: usize = 300;
const MAX_LINK_TARGET_LEN: usize = 2048;

struct Builder<'a> {
    original: &'a str,
    bytes: &'a [u8],
    out: String,
    pieces: Vec<Piece>,
    /// Where the pending run of copied bytes starts.
    run_start: usize,
    /// Where a pending link's `](target)` starts and ends, to drop when the scan reaches it.
    link_tail: Option<Range<usize>>,
    /// Where the last line break put back between glued lines stands (0 before any).
    line_start: usize,
}

impl<'a> Builder<'a> {
    fn new(original: &'a str) -> Builder<'a> {
        Builder {
            original,
            bytes: original.as_bytes(),
            out: String::with_capacity(original.len()),
            pieces: Vec::new(),
            run_start: 0,
            link_tail: None,
            line_start: 0,
        }
    }

    fn run(&mut self) {
        let mut i = 0;
        let mut seam = find_case_seam(self.bytes, 0);
        while i < self.bytes.len() {
            // Most bytes start no markup: skip them in a tight loop.
            let markup = MARKUP_STARTS.find(&self.bytes[i..]).map(|skip| i + skip);
            // The seams of case before it, where the text is copied as it stands (not in
            // markup dropped or replaced).
            while let Some(at) = seam.filter(|&at| markup.is_none_or(|markup| at < markup)) {
                if at >= self.run_start && glued::breaks_line(self.bytes, self.line_start, at) {
                    self.replace(at..at, "\n");
                    self.line_start = at;
                }
                seam = find_case_seam(self.bytes, at + 1);
            }
            let Some(markup) = markup else { break };
            i = markup;
            if let Some(tail) = self.link_tail.clone().filter(|t| t.start == i) {
                self.link_tail = None;
                self.replace(tail.clone(), "");
                i = tail.end;
                continue;
            }
            i = match self.bytes[i] {
                b'\\' => self.escape(i),
                b'&' => self.entity(i),
                b'<' => self.tag(i),
                b'*' | b'_' => self.emphasis(i),
                b'[' | b'!' => self.link(i),
                _ => i + 1,
            };
        }
    }

    fn finish(mut self) -> CleanText {
        if self.pieces.is_empty() && self.run_start == 0 {
            return CleanText::default(); // nothing was replaced or dropped
        }
        self.flush(self.bytes.len());
        if self.pieces.len() == 1 && self.pieces[0].copied && self.pieces[0].original_len == self.bytes.len() {
            return CleanText::default();
        }
        if self.pieces.is_empty() && self.bytes.is_empty() {
            return CleanText::default();
        }
        CleanText { text: Some(self.out), pieces: self.pieces }
    }

    /// Copies the pending run up to `end`.
    fn flush(&mut self, end: usize) {
        if end <= self.run_start {
            return;
        }
        let clean = self.out.len();
        self.out.push_str(&self.original[self.run_start..end]);
        let len = end - self.run_start;
        match self.pieces.last_mut() {
            Some(last) if last.copied && last.original + last.original_len == self.run_start => {
                last.clean_len += len;
                last.original_len += len;
            }
            _ => self.pieces.push(Piece {
                clean,
                clean_len: len,
                original: self.run_start,
                original_len: len,
                copied: true,
            }),
        }
        self.run_start = end;
    }

    /// Replaces the original bytes `range` with `with` (nothing, to drop them).
    fn replace(&mut self, range: Range<usize>, with: &str) {
        self.flush(range.start);
        if !with.is_empty() {
            self.pieces.push(Piece {
                clean: self.out.len(),
                clean_len: with.len(),
                original: range.start,
                original_len: range.len(),
                copied: false,
            });
            self.out.push_str(with);
        }
        self.run_start = range.end;
    }

    /// Drops markup, leaving a space where dropping it would glue a word to what precedes it
    /// (`skills***Please`, `done.**Next**`), or a line break where the line so far or the text
    /// up to the next markup is a section name alone (`<strong>Requirements</strong>Experience…`,
    /// `…SQL**Preferred:**Kafka`): a heading set in bold and glued to the lines around it.
    fn drop_between_words(&mut self, range: Range<usize>, after: Option<u8>) {
        // What precedes is the clean text so far: the original byte before may be markup too.
        self.flush(range.start);
        let before = self.out.as_bytes().last().copied();
        let glue = is_word(after) && before.is_some_and(|b| !b.is_ascii_whitespace() && !b"([\"'/-".contains(&b));
        let with = match glue {
            true if self.line_is_a_section_name() || self.section_name_at(range.end) => "\n",
            true => " ",
            false => "",
        };
        self.replace(range, with);
    }

    /// Whether the original text at `at`, up to the next markup, is a section name, a colon
    /// after it allowed: a heading set in bold glued to the end of the line before it
    /// (`…SQL<strong>Preferred</strong>…`).
    fn section_name_at(&self, at: usize) -> bool {
        let window = &self.bytes[at..self.bytes.len().min(at + LONGEST_HEADING + 1)];
        let Some(end) = window.iter().position(|b| b"<*_\n".contains(b)) else { return false };
        std::str::from_utf8(&window[..end]).is_ok_and(|name| is_section_name(name.trim()))
    }

    /// Whether the clean line so far is a section name alone, a colon after it allowed.
    fn line_is_a_section_name(&self) -> bool {
        // Read back no further than the longest heading: a one-line export has many tags.
        let out = self.out.as_bytes();
        let window = out.len().saturating_sub(LONGEST_HEADING + 1);
        let line_start = match memchr::memrchr(b'\n', &out[window..]) {
            Some(at) => window + at + 1,
            None if out.len() <= LONGEST_HEADING => 0,
            None => return false,
        };
        // The window may start inside a character; the line, after a line break, does not.
        // (The name's lookup trims a colon after it.)
        is_section_name(self.out[line_start..].trim())
    }

    /// `\+` or `\\+`: the backslashes go, the punctuation stays (and is not read as markup).
    fn escape(&mut self, at: usize) -> usize {
        let slashes = self.bytes[at..].iter().take(2).take_while(|&&b| b == b'\\').count();
        match self.bytes.get(at + slashes) {
            Some(b) if b.is_ascii_punctuation() && *b != b'\\' => {
                self.replace(at..at + slashes, "");
                at + slashes + 1
            }
            _ => at + slashes,
        }
    }

    /// `&amp;`, `&#8217;`, `&#x2022;`.
    fn entity(&mut self, at: usize) -> usize {
        let window = &self.bytes[at + 1..self.bytes.len().min(at + 12)];
        let Some(semicolon) = window.iter().position(|&b| b == b';') else {
            return at + 1;
        };
        let name = &self.original[at + 1..at + 1 + semicolon];
        let decoded: Option<String> = if let Some(number) = name.strip_prefix('#') {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            code.and_then(char::from_u32).filter(|c| *c != '\0').map(|c| match c {
                '\u{a0}' => " ".to_string(),
                c => c.to_string(),
            })
        } else {
            ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_string())
        };
        match decoded {
            Some(text) => {
                let end = at + semicolon + 2;
                self.replace(at..end, &text);
                end
            }
            None => at + 1,
        }
    }

    /// A known HTML tag or a comment.
    fn tag(&mut self, at: usize) -> usize {
        let rest = &self.bytes[at + 1..];
        if rest.starts_with(b"!--") {
            let limit = rest.len().min(MAX_TAG_LEN * 4);
            if let Some(end) = find(&rest[..limit], b"-->") {
                let end = at + 1 + end + 3;
                self.replace(at..end, "");
                return end;
            }
            return at + 1;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 || !rest[name_start].is_ascii_alphabetic() {
            return at + 1;
        }
        let name = self.original[at + 1 + name_start..at + 1 + name_start + name_len].to_ascii_lowercase();
        let after = &rest[name_start + name_len..];
        let limit = after.len().min(MAX_TAG_LEN);
        let end = match after.first() {
            Some(b'>') => 1,
            Some(b'/') if after.get(1) == Some(&b'>') => 2,
            Some(b) if b.is_ascii_whitespace() => match after[..limit].iter().position(|&b| b == b'>' || b == b'<') {
                Some(p) if after[p] == b'>' => p + 1,
                _ => return at + 1,
            },
            _ => return at + 1,
        };
        let end = at + 1 + name_start + name_len + end;
        if BLOCK_TAGS.binary_search(&name.as_str()).is_ok() {
            self.replace(at..end, if name == "li" && !closing { "\n- " } else { "\n" });
        } else if INLINE_TAGS.binary_search(&name.as_str()).is_ok() {
            self.drop_between_words(at..end, self.bytes.get(end).copied());
        } else {
            return at + 1;
        }
        end
    }

    /// `**bold**`, `__bold__`, `*it*`, `_it_`; not a bullet `*`, not `snake_case`, not `5 * 3`,
    /// not a `*` that a flattened scrape glued between sentences as a bullet
    /// (`responsible.*Minimum`).
    fn emphasis(&mut self, at: usize) -> usize {
        let marker = self.bytes[at];
        let run = self.bytes[at..].iter().take_while(|&&b| b == marker).count();
        let before = at.checked_sub(1).map(|i| self.bytes[i]);
        let after = self.bytes.get(at + run).copied();
        if run == 1 {
            let starts_line =
                self.bytes[..at].iter().rev().take_while(|&&b| b != b'\n').all(|b| *b == b' ' || *b == b'\t');
            if marker == b'*' && starts_line && is_space(after) {
                return at + 1; // a bullet
            }
            let opening = (is_space(before) || before.is_some_and(|b| b"(\"'".contains(&b))) && is_word(after);
            let closing = (is_word(before) || before.is_some_and(|b| b".,:;!?)".contains(&b))) && !is_word(after);
            let emphasis = match marker {
                b'_' => is_word(before) != is_word(after),
                _ => opening || closing,
            };
            if !emphasis {
                return at + 1;
            }
        } else if run > 3 {
            return at + run; // a rule or decoration, kept as it is
        }
        self.drop_between_words(at..at + run, after);
        at + run
    }

    /// `[text](target)` keeps `text`; `![alt](target)` keeps `alt`.
    fn link(&mut self, at: usize) -> usize {
        let image = self.bytes[at] == b'!';
        let open = at + usize::from(image);
        if self.bytes.get(open) != Some(&b'[') {
            return at + 1;
        }
        let text_limit = self.bytes.len().min(open + 1 + MAX_LINK_TEXT_LEN);
        let Some(close) = self.bytes[open + 1..text_limit].iter().position(|&b| matches!(b, b']' | b'[' | b'\n'))
        else {
            return at + 1;
        };
        let close = open + 1 + close;
        if self.bytes[close] != b']' || self.bytes.get(close + 1) != Some(&b'(') {
            return at + 1;
        }
        let target_start = close + 2;
        let target_limit = self.bytes.len().min(target_start + MAX_LINK_TARGET_LEN);
        let Some(paren) =
            self.bytes[target_start..target_limit].iter().position(|&b| b == b')' || b.is_ascii_whitespace())
        else {
            return at + 1;
        };
        let paren = target_start + paren;
        if self.bytes[paren] != b')' {
            return at + 1;
        }
        self.replace(at..open + 1, "");
        self.link_tail = Some(close..paren + 1);
        open + 1
    }
}

/// The bytes markup may start at. `]` and `!` only matter inside and before a link, but the
/// scan must stop at them.
const MARKUP_STARTS: ByteSet = ByteSet::new(b"\\<&*_[]!");

/// A byte of a word: ASCII letter or digit, or part of a non-ASCII character.
fn is_word(b: Option<u8>) -> bool {
    b.is_some_and(|b| b.is_ascii_alphanumeric() || b >= 0x80)
}

/// Whitespace, or the text's edge.
fn is_space(b: Option<u8>) -> bool {
    b.is_none_or(|b| b.is_ascii_whitespace())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests;
