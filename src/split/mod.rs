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
//!    (`Nice to have: Rust`) sets the section and leaves the text as a requirement.
//! 3. A line starting with a bullet marker (`-`, `*`, `•`, `·`, `1.`, `a)`, …, repeated markers
//!    such as `- - ` included) is a bullet.
//! 4. Inline bullets (` • `, ` · `, ` ▪ `, or ` - ` before a capital letter) split a line into
//!    bullets; many scraped postings are one long line of them. Text before the first inline
//!    bullet is prose.
//! 5. Prose is split into sentences with Unicode sentence boundaries (UAX #29).
//!
//! Splitting never fails: any text gives some (possibly empty) list of requirements, and
//! every requirement's range slices the posting text on character boundaries.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::byteset::{packed_ascii_lowercase, ByteSet};
use crate::context::Context;
use crate::input::text::lines_with_offsets;
use crate::sentences::sentence_ranges;

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
            let is_bullet = marker > 0 || n > 0;
            if is_bullet {
                self.requirement(segment, true);
            } else {
                self.prose(segment);
            }
        }
        self.segments = segments;
    }

    fn prose(&mut self, range: Range<usize>) {
        let base = range.start;
        // The sentences are joined in place: `kept` of them so far.
        let mut sentences = sentence_ranges(&self.text[range]);
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
        for sentence in sentences {
            self.requirement(sentence, false);
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
        // A section name before a colon is short: the colon is looked for only where it may be.
        let head = &content.as_bytes()[..content.len().min(LONGEST_HEADING + 1)];
        if let Some(colon) = head.iter().position(|&b| b == b':') {
            if let Some(strength) = section_strength(&content[..colon]) {
                self.strength = strength;
                self.section = section_kind(&content[..colon]);
                self.section_start = self.out.len();
                range = trim_range(self.text, range.start + colon + 1..range.end);
            }
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
    // Every bullet symbol starts with one of these bytes (dashes: `-`, and 0xE2 for `–`), so the
    // scan jumps between them instead of decoding every character of long scraped lines.
    let bytes = slice.as_bytes();
    let mut from = 0;
    const BULLET_LEADS: ByteSet = ByteSet::new(&[b'-', 0xC2, 0xE2, 0xEF]);
    while let Some(offset) = BULLET_LEADS.find(&bytes[from..]) {
        let at = from + offset;
        let ch = slice[at..].chars().next().expect("a char starts at a lead byte");
        from = at + ch.len_utf8();
        let symbol = matches!(ch, '•' | '·' | '●' | '▪' | '■' | '◦' | '‣' | '\u{f0b7}' | '\u{f0a7}');
        let dash = ch == '-' || ch == '–';
        if symbol {
            cuts.push((at, at + ch.len_utf8()));
        } else if dash && at > 0 && slice[..at].ends_with(' ') {
            let after = &slice[at + ch.len_utf8()..];
            let next = after.strip_prefix(' ').and_then(|a| a.chars().next());
            if next.is_some_and(|c| c.is_uppercase()) {
                cuts.push((at, at + ch.len_utf8()));
            }
        }
    }
    let mut start = 0;
    for (cut_start, cut_end) in cuts {
        segments.push(body.start + start..body.start + cut_start);
        start = cut_end;
    }
    segments.push(body.start + start..body.end);
}

/// Section names, lower case, and the strength they give what follows.
const SECTIONS: &[(&str, Strength)] = &[
    ("nice to have", Strength::Preferred),
    ("nice to haves", Strength::Preferred),
    ("nice-to-have", Strength::Preferred),
    ("nice-to-haves", Strength::Preferred),
    ("good to have", Strength::Preferred),
    ("preferred", Strength::Preferred),
    ("preferred qualifications", Strength::Preferred),
    ("preferred skills", Strength::Preferred),
    ("preferred experience", Strength::Preferred),
    ("preferred requirements", Strength::Preferred),
    ("preferred education", Strength::Preferred),
    ("preferred skills and experience", Strength::Preferred),
    ("additional preferred qualifications", Strength::Preferred),
    ("desired", Strength::Preferred),
    ("desired skills", Strength::Preferred),
    ("desired qualifications", Strength::Preferred),
    ("desired experience", Strength::Preferred),
    ("desirable", Strength::Preferred),
    ("desirable skills", Strength::Preferred),
    ("bonus", Strength::Preferred),
    ("bonus points", Strength::Preferred),
    ("bonus skills", Strength::Preferred),
    ("pluses", Strength::Preferred),
    ("plus", Strength::Preferred),
    ("extra credit", Strength::Preferred),
    ("ideally", Strength::Preferred),
    ("ideally you have", Strength::Preferred),
    ("it's a plus if you have", Strength::Preferred),
    ("what would make you stand out", Strength::Preferred),
    ("requirements", Strength::Required),
    ("job requirements", Strength::Required),
    ("minimum requirements", Strength::Required),
    ("qualifications", Strength::Required),
    ("required", Strength::Required),
    ("required qualifications", Strength::Required),
    ("required skills", Strength::Required),
    ("required experience", Strength::Required),
    ("minimum qualifications", Strength::Required),
    ("minimum required skills", Strength::Required),
    ("basic qualifications", Strength::Required),
    ("must have", Strength::Required),
    ("must haves", Strength::Required),
    ("must-have", Strength::Required),
    ("must-haves", Strength::Required),
    ("what you need", Strength::Required),
    ("what you'll need", Strength::Required),
    ("what you will need", Strength::Required),
    ("what we're looking for", Strength::Required),
    ("what we are looking for", Strength::Required),
    ("who you are", Strength::Required),
    ("about you", Strength::Required),
    ("skills", Strength::Required),
    ("key skills", Strength::Required),
    ("technical skills", Strength::Required),
    ("skills and experience", Strength::Required),
    ("skills & experience", Strength::Required),
    ("experience", Strength::Required),
    ("education", Strength::Required),
    ("responsibilities", Strength::Required),
    ("key responsibilities", Strength::Required),
    ("job responsibilities", Strength::Required),
    ("what you'll do", Strength::Required),
    ("what you will do", Strength::Required),
    ("job description", Strength::Required),
    ("about the role", Strength::Required),
    ("about us", Strength::Required),
    ("benefits", Strength::Required),
    // What the job is and does.
    ("summary", Strength::Required),
    ("job summary", Strength::Required),
    ("position summary", Strength::Required),
    ("job overview", Strength::Required),
    ("position overview", Strength::Required),
    ("role", Strength::Required),
    ("the role", Strength::Required),
    ("your role", Strength::Required),
    ("the position", Strength::Required),
    ("about the position", Strength::Required),
    ("the opportunity", Strength::Required),
    ("duties", Strength::Required),
    ("job duties", Strength::Required),
    ("essential duties", Strength::Required),
    ("key duties", Strength::Required),
    ("duties and responsibilities", Strength::Required),
    ("roles and responsibilities", Strength::Required),
    ("essential functions", Strength::Required),
    ("what you'll be doing", Strength::Required),
    ("what you will be doing", Strength::Required),
    ("what you'll bring", Strength::Required),
    ("what you bring", Strength::Required),
    ("your profile", Strength::Required),
    ("profile", Strength::Required),
];

/// Headings of sections that are not requirements, lower case.
const OTHER_SECTIONS: &[(&str, SectionKind)] = &[
    ("about us", SectionKind::Employer),
    ("about the company", SectionKind::Employer),
    ("about the team", SectionKind::Employer),
    ("about our team", SectionKind::Employer),
    ("the team", SectionKind::Employer),
    ("who we are", SectionKind::Employer),
    ("our company", SectionKind::Employer),
    ("company description", SectionKind::Employer),
    ("company overview", SectionKind::Employer),
    ("our mission", SectionKind::Employer),
    ("our story", SectionKind::Employer),
    ("our culture", SectionKind::Employer),
    ("life at", SectionKind::Employer),
    ("benefits", SectionKind::Benefits),
    ("our benefits", SectionKind::Benefits),
    ("perks", SectionKind::Benefits),
    ("perks and benefits", SectionKind::Benefits),
    ("benefits and perks", SectionKind::Benefits),
    ("perks & benefits", SectionKind::Benefits),
    ("benefits & perks", SectionKind::Benefits),
    ("what we offer", SectionKind::Benefits),
    ("we offer", SectionKind::Benefits),
    ("compensation", SectionKind::Benefits),
    ("compensation and benefits", SectionKind::Benefits),
    ("salary", SectionKind::Benefits),
    ("pay", SectionKind::Benefits),
    ("total rewards", SectionKind::Benefits),
    ("why join us", SectionKind::Benefits),
    ("what's in it for you", SectionKind::Benefits),
    ("equal opportunity", SectionKind::Legal),
    ("equal opportunity employer", SectionKind::Legal),
    ("eeo statement", SectionKind::Legal),
    ("privacy", SectionKind::Legal),
    ("privacy notice", SectionKind::Legal),
    ("disclaimer", SectionKind::Legal),
    ("accommodations", SectionKind::Legal),
    ("how to apply", SectionKind::Application),
    ("to apply", SectionKind::Application),
    ("application", SectionKind::Application),
    ("applications", SectionKind::Application),
    ("application process", SectionKind::Application),
    ("application procedure", SectionKind::Application),
    ("application deadline", SectionKind::Application),
    ("apply", SectionKind::Application),
    ("apply now", SectionKind::Application),
];

/// The kind of section `heading` opens.
fn section_kind(heading: &str) -> SectionKind {
    with_section_key(heading, |key| {
        if let Some(name) = section_names().get(key) {
            return name.other.unwrap_or(SectionKind::Requirements);
        }
        // "About Acme", "About Stripe": the employer introducing itself.
        if key.starts_with("about ") && !matches!(key, "about you" | "about the role" | "about the job") {
            return SectionKind::Employer;
        }
        SectionKind::Unknown
    })
    .unwrap_or(SectionKind::Unknown)
}

/// The length of the longest section name.
const LONGEST_SECTION: usize = 40;

/// The longest heading looked up: a section name with room for spaces and marks around it.
const LONGEST_HEADING: usize = LONGEST_SECTION + 8;

/// What a known section name says: the strength it gives (a name of [`SECTIONS`]), and the
/// kind of section it opens if not one of requirements (a name of [`OTHER_SECTIONS`]).
#[derive(Clone, Copy, Debug, Default)]
struct SectionName {
    strength: Option<Strength>,
    other: Option<SectionKind>,
}

/// Every known section name, by its key: one lookup for a heading, whichever list it is in.
fn section_names() -> &'static FxHashMap<&'static str, SectionName> {
    static NAMES: OnceLock<FxHashMap<&'static str, SectionName>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: FxHashMap<&'static str, SectionName> = FxHashMap::default();
        for &(name, strength) in SECTIONS {
            names.entry(name).or_default().strength = Some(strength);
        }
        for &(name, kind) in OTHER_SECTIONS {
            names.entry(name).or_default().other = Some(kind);
        }
        names
    })
}

/// `f` of `heading` as section names are spelled ([`heading_key`]), if it is short enough to be
/// one: no section name is this long, and most sentences are. An ASCII heading is lower-cased
/// on the stack: every requirement of every posting is asked whether it is a heading.
fn with_section_key<R>(heading: &str, f: impl FnOnce(&str) -> R) -> Option<R> {
    if heading.len() > LONGEST_HEADING {
        return None;
    }
    let trimmed = trim_heading(heading);
    if !trimmed.is_ascii() {
        return Some(f(&heading_key(trimmed)));
    }
    let mut key = [0u8; LONGEST_HEADING];
    let key = &mut key[..trimmed.len()];
    key.copy_from_slice(trimmed.as_bytes());
    key.make_ascii_lowercase();
    Some(f(std::str::from_utf8(key).expect("ASCII")))
}

/// The strength a known section name gives, if `heading` is one.
fn section_strength(heading: &str) -> Option<Strength> {
    with_section_key(heading, |key| section_names().get(key).and_then(|name| name.strength)).flatten()
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

/// `heading` as section names are spelled: trimmed ([`trim_heading`]), in lower case, with `’`
/// as `'`.
fn heading_key(heading: &str) -> String {
    trim_heading(heading).replace('’', "'").to_lowercase()
}

/// `heading` trimmed of spaces, a closing colon or dash, and emphasis marks.
fn trim_heading(heading: &str) -> &str {
    let trimmed = heading.trim().trim_end_matches([':', '-', '–']).trim();
    trimmed.trim_matches(['*', '_']).trim()
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

/// The first and the last words (runs of letters) of the known section names, lower-cased and
/// packed ([`packed_ascii_lowercase`]): a word of a text that is neither cannot start or end
/// one, which rules most places out before a name is looked up.
struct SectionWords {
    first: FxHashSet<u128>,
    last: FxHashSet<u128>,
}

fn section_words() -> &'static SectionWords {
    static WORDS: OnceLock<SectionWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = SectionWords { first: FxHashSet::default(), last: FxHashSet::default() };
        for name in section_names().keys() {
            let mut letters = name.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty());
            let key = |word: &str| packed_ascii_lowercase(word.as_bytes(), 0..word.len()).expect("short words");
            if let Some(first) = letters.next() {
                words.first.insert(key(first));
                words.last.insert(key(letters.next_back().unwrap_or(first)));
            }
        }
        words
    })
}

/// Whether `word`, ASCII letters, is the first word of a known section name, in any case.
pub(crate) fn starts_a_section_name(word: &[u8]) -> bool {
    packed_ascii_lowercase(word, 0..word.len()).is_some_and(|key| section_words().first.contains(&key))
}

/// Whether `word`, ASCII letters, is the last word of a known section name, in any case.
pub(crate) fn ends_a_section_name(word: &[u8]) -> bool {
    packed_ascii_lowercase(word, 0..word.len()).is_some_and(|key| section_words().last.contains(&key))
}

/// Whether `text` is a known section name, in any case ("Basic Qualifications", "Benefits").
pub(crate) fn is_section_name(text: &str) -> bool {
    with_section_key(text, |key| section_names().contains_key(key)).unwrap_or(false)
}

/// Whether `word` (with its full stop) is an abbreviation after which a sentence goes on.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.iter().any(|abbreviation| abbreviation.eq_ignore_ascii_case(word))
}

/// The last bytes of the multi-word section names (all lower case): a sentence ending in
/// another byte has none glued to its end.
const MULTI_WORD_SECTION_ENDS: [bool; 256] = {
    let mut ends = [false; 256];
    let mut i = 0;
    while i < SECTIONS.len() {
        let name = SECTIONS[i].0.as_bytes();
        let mut j = 0;
        while j < name.len() && name[j] != b' ' {
            j += 1;
        }
        if j < name.len() {
            ends[name[name.len() - 1] as usize] = true;
        }
        i += 1;
    }
    ends
};

/// The section names of more than one word ([`SECTIONS`]), by their last word (lower case,
/// packed: [`packed_ascii_lowercase`]).
fn multi_word_sections() -> &'static FxHashMap<u128, Vec<(&'static str, Strength)>> {
    static BY_LAST_WORD: OnceLock<FxHashMap<u128, Vec<(&'static str, Strength)>>> = OnceLock::new();
    BY_LAST_WORD.get_or_init(|| {
        let mut names: FxHashMap<u128, Vec<(&'static str, Strength)>> = FxHashMap::default();
        for &(name, strength) in SECTIONS {
            if let Some((_, last_word)) = name.rsplit_once(' ') {
                let key = packed_ascii_lowercase(last_word.as_bytes(), 0..last_word.len()).expect("a short ASCII word");
                names.entry(key).or_default().push((name, strength));
            }
        }
        names
    })
}

/// Cuts a known multi-word section name off the end of a sentence.
fn split_trailing_heading(text: &str, range: Range<usize>) -> (Range<usize>, Option<Strength>) {
    let content = &text[range.clone()];
    let body = content.trim_end_matches(':').trim_end();
    let Some(last) = body.bytes().last().map(|b| b.to_ascii_lowercase()) else { return (range, None) };
    // Cheap filters first: this runs for every requirement of every posting, and most end in a
    // byte no section name ends in (a full stop).
    if !MULTI_WORD_SECTION_ENDS[usize::from(last)] {
        return (range, None);
    }
    // Then the names that end in the sentence's last word: most sentences end in none.
    let last_word = body.as_bytes().iter().rposition(|&b| b == b' ').map_or(0, |space| space + 1)..body.len();
    let key = body.as_bytes()[last_word.clone()].is_ascii().then(|| packed_ascii_lowercase(body.as_bytes(), last_word));
    let Some(names) = key.flatten().and_then(|key| multi_word_sections().get(&key)) else {
        return (range, None);
    };
    for (name, strength) in names {
        if body.len() <= name.len() {
            continue;
        }
        let split = body.len() - name.len();
        if !body.is_char_boundary(split) || !body[split..].eq_ignore_ascii_case(name) {
            continue;
        }
        let before = &body[..split];
        // Only at a sentence or word boundary, and only in Title Case, so that "… and nice to
        // have" in running prose is left alone.
        let title_case = body[split..].starts_with(|c: char| c.is_uppercase());
        if before.ends_with([' ', '.', ':']) && title_case {
            let kept = trim_range(text, range.start..range.start + split);
            return (kept, Some(*strength));
        }
    }
    (range, None)
}

#[cfg(test)]
mod tests;
