//! Section names: the headings rungs knows, what each says of the section it opens (the
//! strength it gives, or that it is not about requirements), and the lookups the splitter
//! and the clean view make of them: a heading line, a name before a colon, a name glued to the
//! end of a sentence, a word that may start or end a name.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{trim_range, SectionKind, Strength};
use crate::byteset::packed_ascii_lowercase;

/// Section names, lower case, and the strength they give what follows.
pub(super) const SECTIONS: &[(&str, Strength)] = &[
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
    // The details a job board prints at the foot of a posting (LinkedIn's job criteria, after
    // the "Show more" of a folded description): the job's and the employer's labels, asked of
    // no one ("Employment type: Full-time", "Industries: Software Development"). Not "Job
    // function", which also heads a job's duties ("JOB FUNCTION: Basic and applied research…").
    ("show more", SectionKind::Employer),
    ("show less", SectionKind::Employer),
    ("seniority level", SectionKind::Employer),
    ("employment type", SectionKind::Employer),
    ("industries", SectionKind::Employer),
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

/// Section names that are also a job board's button, scraped with the page: "Apply Now" at
/// the top or the foot of a posting, with the job's description after it (every one of the
/// pool's 46 lines of "Apply" or "Apply Now" alone). Such a line is no requirement, and it
/// leaves the section it stands in as it was.
const BUTTON_LABELS: &[&str] = &["apply", "apply now"];

/// Whether `heading` is a job board's button rather than a section's heading
/// ([`BUTTON_LABELS`]).
pub(super) fn is_button_label(heading: &str) -> bool {
    with_section_key(heading, |key| BUTTON_LABELS.contains(&key)).unwrap_or(false)
}

/// The kind of section `heading` opens.
pub(super) fn section_kind(heading: &str) -> SectionKind {
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
pub(super) const LONGEST_SECTION: usize = 40;

/// The longest heading looked up: a section name with room for spaces and marks around it.
pub(super) const LONGEST_HEADING: usize = LONGEST_SECTION + 8;

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
pub(super) fn section_strength(heading: &str) -> Option<Strength> {
    with_section_key(heading, |key| section_names().get(key).and_then(|name| name.strength)).flatten()
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

/// The one-word section names read as a heading run into the text after it: words that open
/// no noun phrase of a requirement ("Experience Creating Modules", "Skills Assessment" do).
const ONE_WORD_LEADING_HEADINGS: &[&str] = &["requirements", "qualifications", "responsibilities", "duties"];

/// Words that make a compound noun with a section name before them ("Requirements Gathering",
/// "Benefits Administration"): no heading ends before them.
const COMPOUND_SECOND_WORDS: &[&str] = &[
    "administration",
    "analysis",
    "analyst",
    "definition",
    "documentation",
    "elicitation",
    "engineering",
    "enrollment",
    "gathering",
    "management",
    "planning",
    "specialist",
    "specification",
    "specifications",
    "traceability",
];

/// The length of a known section name in title case that opens `content` and runs into what
/// follows it after a space, a capital or a digit ("Preferred Qualifications Experience with
/// Kafka", "Requirements Bachelor's degree"): a heading a scraper ran into its first item.
/// Names of sections of requirements: multi-word ones, and the one-word ones of
/// [`ONE_WORD_LEADING_HEADINGS`].
pub(super) fn leading_heading_len(content: &str) -> Option<usize> {
    let bytes = content.as_bytes();
    // Cheap filters first: this runs for every requirement, and most open with a word that
    // opens no such name.
    let (&first, &second) = (bytes.first()?, bytes.get(1)?);
    if !first.is_ascii_uppercase() || !leading_names().opens_a_name(first, second) {
        return None;
    }
    let first_word = bytes.iter().position(|b| !b.is_ascii_alphabetic()).unwrap_or(bytes.len());
    if bytes.get(first_word) != Some(&b' ') {
        return None;
    }
    let longest = packed_ascii_lowercase(bytes, 0..first_word).and_then(|key| leading_names().first_words.get(&key))?;
    let mut found = None;
    let mut word_start = 0;
    // As far as the longest name with this first word, and its space (and room for a `’`
    // written where the name has `'`).
    let spaces = memchr::memchr_iter(b' ', &bytes[..bytes.len().min(usize::from(*longest) + 3)]);
    for end in spaces.skip_while(|&at| at < first_word) {
        // The name's last word and the next one are capitalised; a colon ends the name.
        let (last_word, next) = (&bytes[word_start..end], &bytes[end + 1..]);
        word_start = end + 1;
        if last_word.last() == Some(&b':') {
            break;
        }
        if !last_word.first().is_some_and(u8::is_ascii_uppercase)
            || !next.first().is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            continue;
        }
        if with_section_key(&content[..end], |key| leading_names().names.contains(key)) != Some(true) {
            continue;
        }
        let next_word = &next[..next.iter().position(|b| !b.is_ascii_alphabetic()).unwrap_or(next.len())];
        if !COMPOUND_SECOND_WORDS.iter().any(|word| word.as_bytes().eq_ignore_ascii_case(next_word)) {
            found = Some(end);
        }
    }
    found
}

/// The section names read as a heading run into the text after it ([`leading_heading_len`]),
/// and their first words (packed: [`packed_ascii_lowercase`]) with the length of the longest
/// name each starts.
struct LeadingNames {
    names: FxHashSet<&'static str>,
    first_words: FxHashMap<u128, u8>,
    /// By a first word's first letter (less `a`), a bit per second letter (less `a`) of first
    /// words: most requirements open with two letters no name opens with.
    first_letters: [u32; 26],
}

impl LeadingNames {
    /// Whether a name may open with the letters `first` and `second` (in any case).
    #[inline]
    fn opens_a_name(&self, first: u8, second: u8) -> bool {
        let (first, second) =
            (first.to_ascii_lowercase().wrapping_sub(b'a'), second.to_ascii_lowercase().wrapping_sub(b'a'));
        first < 26 && second < 26 && self.first_letters[usize::from(first)] >> second & 1 != 0
    }
}

fn leading_names() -> &'static LeadingNames {
    static NAMES: OnceLock<LeadingNames> = OnceLock::new();
    NAMES.get_or_init(|| {
        // Only sections of requirements: a heading missed after one of another kind (a scraper
        // runs those in too, "…in the SF Financial District What You Have MSc.") would leave
        // the requirements that follow in the employer's introduction or the benefits. (That
        // also leaves out names that open a phrase: "Life at Acme", "The Team Lead will…".)
        let names: FxHashSet<&'static str> = section_names()
            .iter()
            .filter(|(key, name)| {
                name.strength.is_some()
                    && name.other.is_none()
                    && (key.contains(' ') || ONE_WORD_LEADING_HEADINGS.contains(key))
            })
            .map(|(key, _)| *key)
            .collect();
        let mut first_words: FxHashMap<u128, u8> = FxHashMap::default();
        let mut first_letters = [0u32; 26];
        for name in &names {
            if let [first @ b'a'..=b'z', second @ b'a'..=b'z', ..] = name.as_bytes() {
                first_letters[usize::from(first - b'a')] |= 1 << (second - b'a');
            }
            let first = name.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or(name);
            let key = packed_ascii_lowercase(first.as_bytes(), 0..first.len()).expect("short first words");
            let longest = first_words.entry(key).or_default();
            *longest = (*longest).max(u8::try_from(name.len()).expect("short names"));
        }
        LeadingNames { names, first_words, first_letters }
    })
}

/// Cuts a known multi-word section name off the end of a sentence.
pub(super) fn split_trailing_heading(text: &str, range: Range<usize>) -> (Range<usize>, Option<Strength>) {
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
