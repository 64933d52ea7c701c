//! Splitting a posting into requirements: bullets, inline bullets, or sentences.
//!
//! A [`Requirement`] is a byte range of the posting text (bullet markers and surrounding
//! whitespace excluded) plus the strength its section gives it. The rules, in order:
//!
//! 1. Each line is trimmed; blank lines separate nothing but themselves.
//! 2. A heading line (`# Requirements`, `Nice to have:`, a short line ending in `:`, or a known
//!    section name on its own) is not a requirement; it sets the strength of what follows
//!    (`Nice to have`, `Preferred qualifications`, `Bonus points` → preferred; every other
//!    heading → required). A known heading followed by `:` and text on the same line
//!    (`Nice to have: Rust`) sets the section and leaves the text as a requirement. In the
//!    employer's introduction a short line in title case is a heading too, known or not
//!    ("Who We Need"): it ends the introduction. The names are `sections.rs`'s.
//! 3. A line starting with a bullet marker (`-`, `*`, `•`, `·`, `1.`, `a)`, a word processor's
//!    `o` before a capital, …, repeated markers such as `- - ` included) is a bullet.
//! 4. Inline bullets (` • `, ` · `, ` ▪ `, ` - ` or ` * ` before a capital letter, or a dash
//!    glued to the word before it where a line has two or more: `Degree- 3+ years- Git`) split
//!    a line into bullets; many scraped postings are one long line of them. Text before the
//!    first inline bullet is prose, and an inline bullet's item is split into sentences like
//!    prose (in a posting scraped as one line, the rest of the text follows the last item).
//! 5. Prose is split into sentences with Unicode sentence boundaries (UAX #29). A sentence that
//!    is list items an export glued together with spaces ("…for large data Proficiency with
//!    Python Strong communication skills") is its items, as bullets (`items.rs`).
//!
//! Splitting never fails: any text gives some (possibly empty) list of requirements, and
//! every requirement's range slices the posting text on character boundaries.

use std::ops::Range;

use serde::Serialize;

use crate::byteset::ByteSet;
use crate::context::Context;
use crate::input::text::lines_with_offsets;
use crate::sentences::sentence_ranges;

mod items;
mod sections;

pub(crate) use sections::{ends_a_section_name, is_section_name, starts_a_section_name};
use sections::{
    is_button_label, leading_heading_len, section_kind, section_strength, split_trailing_heading, LONGEST_HEADING,
};

/// How strongly a posting asks for something.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// Asked for without qualification.
    Required,
    /// "Nice to have", "a plus", "preferred", a preferred-qualifications section…
    Preferred,
}

impl Strength {
    /// The lower-case name reports print.
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Required => "required",
            Strength::Preferred => "preferred",
        }
    }
}

/// What kind of section a heading opens; text before any heading, or under a heading rungs
/// does not know, is `Unknown` and is read by its own words (see [`crate::context`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectionKind {
    /// No heading yet, or one rungs does not know ("Assets", "The gig").
    Unknown,
    /// Requirements, qualifications, responsibilities, nice-to-haves.
    Requirements,
    /// About the company or the team.
    Employer,
    /// Benefits, perks, pay.
    Benefits,
    /// Equal opportunity, privacy, disclaimers.
    Legal,
    /// How to apply: documents to send, deadlines, where to send them.
    Application,
}

/// One requirement of a posting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// 1-based position among the posting's requirements.
    pub index: u32,
    /// Byte range in the posting text.
    pub range: Range<usize>,
    /// Byte range in the clean view of the text the stages read ([`crate::clean`]); the same
    /// as `range` where the text has no markup, and from [`split_requirements`] alone.
    pub clean_range: Range<usize>,
    /// The strength the enclosing section gives (cues inside the text may lower it).
    pub section_strength: Strength,
    /// Whether the requirement was a bullet (rather than a prose sentence).
    pub is_bullet: bool,
    /// The kind of section it stands in.
    pub section: SectionKind,
    /// Where it stands: set by [`crate::Analyzer`] ([`crate::context`]); `Requirement` from
    /// [`split_requirements`] alone.
    pub context: Context,
}

/// Splits `text` into requirements by the rules in the module docs.
///
/// ```
/// use rungs::split::{split_requirements, Strength};
/// let text = "About us: we ship.\nRequirements:\n- 3+ years of Python\nNice to have: Rust • Go";
/// let reqs = split_requirements(text);
/// let parts: Vec<(&str, Strength)> = reqs.iter().map(|r| (&text[r.range.clone()], r.section_strength)).collect();
/// assert_eq!(parts, [
///     ("we ship.", Strength::Required),
///     ("3+ years of Python", Strength::Required),
///     ("Rust", Strength::Preferred),
///     ("Go", Strength::Preferred),
/// ]);
/// ```
pub fn split_requirements(text: &str) -> Vec<Requirement> {
    // About one requirement in 250 bytes of a posting: room for most without growing.
    let out = Vec::with_capacity(text.len() / 256 + 1);
    let mut splitter = Splitter {
        text,
        strength: Strength::Required,
        section: SectionKind::Unknown,
        section_start: 0,
        out,
        segments: Vec::new(),
    };
    for line in lines_with_offsets(text) {
        splitter.line(line);
    }
    splitter.out
}

struct Splitter<'a> {
    text: &'a str,
    strength: Strength,
    section: SectionKind,
    /// How many requirements there were when the section began.
    section_start: usize,
    out: Vec<Requirement>,
    /// A line's segments, kept from line to line for their room.
    segments: Vec<Range<usize>>,
}

impl Splitter<'_> {
    /// A heading line: the strength and the kind of what follows.
    fn heading(&mut self, heading: &str) {
        if is_button_label(heading) {
            return;
        }
        self.strength = section_strength(heading).unwrap_or(Strength::Required);
        self.section = section_kind(heading);
        self.section_start = self.out.len();
    }

    fn line(&mut self, line: Range<usize>) {
        let line = trim_range(self.text, line);
        if line.is_empty() {
            return;
        }
        let content = &self.text[line.clone()];
        if let Some(rest) = content.strip_prefix('#') {
            // A Markdown heading: its words name the section.
            let heading = rest.trim_start_matches('#');
            self.heading(heading);
            return;
        }
        let marker = bullet_marker_len(content);
        let body = trim_range(self.text, line.start + marker..line.end);
        let mut segments = std::mem::take(&mut self.segments);
        inline_bullets(self.text, body, &mut segments);
        for (n, segment) in segments.drain(..).enumerate() {
            if n == 0 && marker > 0 {
                self.requirement(segment, true);
            } else {
                // An inline bullet's item may run on for sentences: in a posting scraped as
                // one line, the rest of the text follows the last item.
                self.prose(segment, marker > 0 || n > 0);
            }
        }
        self.segments = segments;
    }

    /// Sentences, each a requirement (a bullet's, if `is_bullet`: an item that runs on).
    fn prose(&mut self, range: Range<usize>, is_bullet: bool) {
        let base = range.start;
        // The sentences are joined in place: `kept` of them so far.
        let mut sentences = sentence_ranges(&self.text[range.clone()]);
        let mut kept: usize = 0;
        for i in 0..sentences.len() {
            let r = base + sentences[i].start..base + sentences[i].end;
            // UAX #29 ends a sentence at a dot that begins a name (" .NET", " .js"); such a dot
            // follows a space and touches the next word, so the two parts are one sentence.
            // It also ends one after an abbreviation before a capital ("e.g. Chrome", "Sr. Data
            // Scientist"), which a posting's sentence goes on after.
            match kept.checked_sub(1).map(|last| &mut sentences[last]) {
                Some(last)
                    if (self.text[last.clone()].ends_with(" .")
                        && self.text[r.clone()].starts_with(char::is_alphanumeric))
                        || ends_with_abbreviation(&self.text[last.clone()]) =>
                {
                    last.end = r.end;
                }
                _ => {
                    sentences[kept] = r;
                    kept += 1;
                }
            }
        }
        sentences.truncate(kept);
        split_before_numbers(self.text, range, &mut sentences);
        let mut items = Vec::new();
        for sentence in sentences {
            // A sentence that is a list glued with spaces is its items, bullets all.
            items.clear();
            items::glued_item_starts(self.text, sentence.clone(), &mut items);
            if items.is_empty() {
                self.requirement(sentence, is_bullet);
                continue;
            }
            let mut start = sentence.start;
            for &item in &items {
                self.requirement(start..item, true);
                start = item;
            }
            self.requirement(start..sentence.end, true);
        }
    }

    /// Emits a requirement unless the text is a heading; handles `Heading: text`.
    fn requirement(&mut self, range: Range<usize>, is_bullet: bool) {
        let mut range = trim_range(self.text, range);
        let content = &self.text[range.clone()];
        if content.is_empty() {
            return;
        }
        if is_heading(content) {
            self.heading(content);
            return;
        }
        // The employer's introduction ends at the next heading, known or not ("Who We Are" …
        // "Who We Need"): what follows is no longer the employer's by its section. (Not its
        // first line: that may be the employer's name.)
        let introduced = self.out.len() > self.section_start;
        if self.section == SectionKind::Employer && introduced && !is_bullet && reads_as_a_heading(content) {
            self.heading(content);
            return;
        }
        // "About Acme Acme builds rockets." after the requirements: the employer's heading run
        // into its introduction (where the name ends is not known: the sentence stays whole,
        // the employer's). Before any heading, the sentences are read one by one
        // ([`crate::context`]): what follows such an opening is as often the job's.
        if !is_bullet && self.section == SectionKind::Requirements && opens_about_the_employer(content) {
            self.strength = Strength::Required;
            self.section = SectionKind::Employer;
            self.section_start = self.out.len();
        }
        // A section name before a colon is short: the colon is looked for only where it may be.
        let head = &content.as_bytes()[..content.len().min(LONGEST_HEADING + 1)];
        let colon = head.iter().position(|&b| b == b':').filter(|&colon| section_strength(&content[..colon]).is_some());
        // Or a scraper ran the heading into its first item ("Preferred Qualifications Experience
        // with Kafka").
        if let Some(name_len) = colon.or_else(|| leading_heading_len(content)) {
            let name = &content[..name_len];
            self.strength = section_strength(name).unwrap_or(Strength::Required);
            self.section = section_kind(name);
            self.section_start = self.out.len();
            range = trim_range(self.text, range.start + name_len + 1..range.end);
        }
        // A prose sentence that ends with a section name ("… the team. Preferred Qualifications")
        // is a heading glued to the previous sentence by a scraper.
        let (range, trailing) = split_trailing_heading(self.text, range);
        if self.text[range.clone()].chars().any(char::is_alphanumeric) {
            self.out.push(Requirement {
                index: self.out.len() as u32 + 1,
                clean_range: range.clone(),
                range,
                section_strength: self.strength,
                is_bullet,
                section: self.section,
                context: Context::Requirement,
            });
        }
        if let Some(strength) = trailing {
            self.strength = strength;
            self.section = SectionKind::Requirements;
            self.section_start = self.out.len();
        }
    }
}

/// Words in small letters that end with a full stop before a number and end no sentence there
/// ("etc. 5 more", "ext. 121").
const STOPS_BEFORE_NUMBERS: &[&str] =
    &["etc", "ext", "min", "max", "approx", "incl", "est", "dept", "yrs", "hrs", "nos"];

/// Splits `sentences` (ranges of `text`, in order, tiling `range`) after a full stop ending a
/// word of three small letters or more before a number: UAX #29 goes on there ("…or similar.
/// 2+ years of SQL"), a posting's sentence does not, and the years would be read as the
/// sentence's before them.
fn split_before_numbers(text: &str, range: Range<usize>, sentences: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let ends_before_number = |stop: usize| {
        let after = &bytes[stop + 1..range.end];
        let spaces = after.iter().take_while(|&&b| b == b' ').count();
        if spaces == 0 || !after.get(spaces).is_some_and(u8::is_ascii_digit) {
            return false;
        }
        let word = &bytes[range.start..stop];
        let letters = word.iter().rev().take_while(|b| b.is_ascii_lowercase()).count();
        let whole = word.len() == letters || !word[word.len() - letters - 1].is_ascii_alphanumeric();
        letters >= 3
            && whole
            && !STOPS_BEFORE_NUMBERS.iter().any(|stop| stop.as_bytes() == &word[word.len() - letters..])
    };
    // One search of the whole text for its full stops; most have none before a number.
    let mut stops = memchr::memchr_iter(b'.', &bytes[range.clone()]).map(|at| range.start + at);
    let mut i = 0;
    while let Some(stop) = stops.find(|&stop| ends_before_number(stop)) {
        while sentences[i].end <= stop + 1 {
            i += 1;
        }
        let sentence = sentences[i].clone();
        if sentence.start <= stop {
            sentences[i] = sentence.start..stop + 1;
            sentences.insert(i + 1, stop + 1..sentence.end);
            i += 1;
        }
    }
}

/// Whether `sentence` opens with "About" and a name ("About Acme", "About Bio-RadBio-Rad is"),
/// not with "About you" or "About the role".
fn opens_about_the_employer(sentence: &str) -> bool {
    let Some(rest) = sentence.strip_prefix("About ") else { return false };
    let name = rest.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    name.starts_with(|c: char| c.is_uppercase()) && !matches!(name, "You" | "Your" | "The" | "This")
}

/// Shrinks a range to exclude surrounding whitespace.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    if start >= end {
        start..start
    } else {
        start..end
    }
}

/// The length of the bullet marker(s) at the start of a trimmed line, with their whitespace.
fn bullet_marker_len(line: &str) -> usize {
    let mut consumed = 0;
    loop {
        let rest = &line[consumed..];
        let len = single_marker_len(rest);
        if len == 0 {
            return consumed;
        }
        consumed += len;
        consumed += line[consumed..].len() - line[consumed..].trim_start().len();
    }
}

fn single_marker_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    let followed_by_space = |at: usize| s[at..].starts_with(|c: char| c.is_whitespace());
    if matches!(
        first,
        '-' | '*'
            | '+'
            | '•'
            | '·'
            | '●'
            | '○'
            | '◦'
            | '▪'
            | '■'
            | '‣'
            | '–'
            | '—'
            | '→'
            | '✓'
            | '✔'
            | '\u{f0b7}'
            | '\u{f0a7}'
    ) {
        let after = first.len_utf8();
        // Symbols that are never prose may touch the text ("•Python"); dashes need a space.
        let glued_ok = !matches!(first, '-' | '*' | '+' | '–' | '—');
        if followed_by_space(after) || (glued_ok && after < s.len()) {
            return after;
        }
        return 0;
    }
    // A letter o as a word processor's bullet ("o Bachelor's degree").
    if first == 'o' && s[1..].starts_with(' ') && s[1..].trim_start().starts_with(|c: char| c.is_ascii_uppercase()) {
        return 1;
    }
    // Numbered and lettered markers: "1.", "2)", "(3)", "a.", "iv)".
    let inner = s.strip_prefix('(').unwrap_or(s);
    let open = s.len() - inner.len();
    let label_len = inner.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(inner.len());
    let label = &inner[..label_len];
    let numeric = !label.is_empty() && label.len() <= 3 && label.bytes().all(|b| b.is_ascii_digit());
    let lettered = label.len() == 1 && label.bytes().all(|b| b.is_ascii_lowercase())
        || (!label.is_empty() && label.len() <= 4 && label.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')));
    if (numeric || lettered) && inner[label_len..].starts_with(['.', ')']) {
        let end = open + label_len + 1;
        if followed_by_space(end) {
            return end;
        }
    }
    0
}

/// Splits a line body at inline bullets, onto `segments`; the first segment may be prose.
fn inline_bullets(text: &str, body: Range<usize>, segments: &mut Vec<Range<usize>>) {
    let slice = &text[body.clone()];
    let mut cuts = Vec::new();
    let mut glued_dashes = Vec::new();
    // Every bullet symbol starts with one of these bytes (dashes: `-`, and 0xE2 for `–`), so the
    // scan jumps between them instead of decoding every character of long scraped lines.
    let bytes = slice.as_bytes();
    let mut from = 0;
    const BULLET_LEADS: ByteSet = ByteSet::new(&[b'-', b'*', 0xC2, 0xE2, 0xEF]);
    while let Some(offset) = BULLET_LEADS.find(&bytes[from..]) {
        let at = from + offset;
        let ch = slice[at..].chars().next().expect("a char starts at a lead byte");
        from = at + ch.len_utf8();
        let symbol = matches!(ch, '•' | '·' | '●' | '▪' | '■' | '◦' | '‣' | '\u{f0b7}' | '\u{f0a7}');
        let dash = ch == '-' || ch == '–';
        if ch == '*' {
            // A star between spaces, before a capital or a digit: the bullets of a list
            // flattened into one line ("…multiple sites * Experience with J2EE * Good…").
            if is_spaced_marker(bytes, at) {
                cuts.push((at, at + 1));
            }
        } else if symbol {
            cuts.push((at, at + ch.len_utf8()));
        } else if dash && at > 0 {
            let after = &slice[at + ch.len_utf8()..];
            let next = after.strip_prefix(' ').and_then(|a| a.chars().next());
            let before = slice[..at].chars().next_back().expect("a character before a dash past the start");
            if before == ' ' && next.is_some_and(char::is_uppercase) {
                cuts.push((at, at + ch.len_utf8()));
            } else if is_glued_dash(before, next) {
                glued_dashes.push((at, at + ch.len_utf8()));
            }
        }
    }
    // A dash glued to the word before it and spaced from the next ("Degree- 3+ years of PHP-
    // Experience with Git") is a bullet where a line has several: a scraped list whose line
    // breaks were dropped. One alone is more often a name or a title ("Statistician- Data
    // Scientist").
    if glued_dashes.len() >= 2 {
        cuts.extend(glued_dashes);
        cuts.sort_unstable();
    }
    let mut start = 0;
    for (cut_start, cut_end) in cuts {
        segments.push(body.start + start..body.start + cut_start);
        start = cut_end;
    }
    segments.push(body.start + start..body.end);
}

/// Whether the one-byte marker at `at` of `bytes` stands between spaces, before a capital or a
/// digit (after one space or more), and not between numbers ("6 * 12 months").
fn is_spaced_marker(bytes: &[u8], at: usize) -> bool {
    let spaced = at > 0 && bytes[at - 1] == b' ' && bytes.get(at + 1) == Some(&b' ');
    let after_number = bytes[..at].iter().rev().find(|&&b| b != b' ').is_some_and(u8::is_ascii_digit);
    spaced
        && bytes[at + 1..]
            .iter()
            .find(|&&b| b != b' ')
            .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit() && !after_number)
}

/// Whether a dash between the characters `before` and `next` (after a space, if there is one)
/// is glued to the word before it as a list's bullet: after a letter or digit, a closing
/// bracket or a stop, and before a space and a word; not between two numbers, where it is a
/// range ("4- 5+ years").
fn is_glued_dash(before: char, next: Option<char>) -> bool {
    let Some(next) = next.filter(|&c| c.is_alphanumeric() || c == '(') else { return false };
    match before {
        '0'..='9' => !next.is_ascii_digit(),
        ')' | '.' | ':' | '!' | '?' => true,
        _ => before.is_alphabetic(),
    }
}

/// Abbreviations after which a sentence goes on, lower case with their dots.
const ABBREVIATIONS: &[&str] =
    &["e.g.", "i.e.", "eg.", "ie.", "sr.", "jr.", "dr.", "mr.", "ms.", "mrs.", "vs.", "incl.", "approx."];

/// Whether `sentence` (as UAX #29 cut it, trailing spaces included) ends with an abbreviation
/// on the same line.
fn ends_with_abbreviation(sentence: &str) -> bool {
    let trimmed = sentence.trim_end_matches([' ', '\t']);
    if trimmed.len() == sentence.len() {
        return false;
    }
    let last_word = trimmed.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    is_abbreviation(last_word)
}

/// Whether a trimmed segment is only a heading: a known section name, or a short
/// colon-terminated label ("Tech stack:").
fn is_heading(content: &str) -> bool {
    is_section_name(content) || content.ends_with(':') && content.split_whitespace().count() <= 5
}

/// Whether a line reads as a heading, known or not ("Who We Need", "Your Impact"): a few words,
/// each capitalised but for short links ("of", "and"), and no sentence or list (no stop, comma
/// or colon).
fn reads_as_a_heading(content: &str) -> bool {
    let mut words = 0;
    for word in content.split_whitespace() {
        words += 1;
        let capitalised = word.starts_with(|c: char| c.is_uppercase());
        let link = word.len() <= 3 && word.chars().all(|c| c.is_ascii_lowercase());
        if words > 6 || !(capitalised || link && words > 1) {
            return false;
        }
    }
    words > 0 && !content.contains([',', ';', ':', '.', '!', '?'])
}

/// Whether `word` (with its full stop) is an abbreviation after which a sentence goes on.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.iter().any(|abbreviation| abbreviation.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests;
