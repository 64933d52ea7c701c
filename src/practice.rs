//! Practice phrases: what a requirement asks the reader to *do* ("communicate complex ideas to
//! non-technical stakeholders", "mentor junior engineers"), as opposed to the tools it names.
//!
//! A practice phrase starts at a verb of the editable list `taxonomy/practice-verbs.txt` (in
//! any of its regular forms: "collaborates", "collaborated", "collaborating", "planning") and
//! runs to the end of its clause (`,` `;` `:` `.` `(` `)` `!` `?` `•` or ` - `, or an "and"
//! that opens another "-ing" clause), at most [`MAX_WORDS`] words; a lone verb is not a
//! phrase. Only requirements that ask something of the reader yield phrases: those in
//! requirement context whose section is a requirements section, that are bullets, or whose
//! words are a requirement cue ("you", "experience", "ability to", …). A verb form right after
//! a determiner or possessive ("the design", "our work"), before a noun it modifies ("working
//! knowledge", "work experience"), or a gerund before "of" ("understanding of") is a noun, not
//! a practice; after "we", or in the third person anywhere but at the start ("the platform
//! provides…"), it is what someone else does.
//!
//! Phrases are found in the clean view of the text; [`crate::Analyzer`] maps their ranges
//! back like every other range. Placing a phrase on a ladder competency is the level model's
//! job ([`crate::levels::LevelModel::place_phrase`]).

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::split::Strength;

/// The verb list, compiled in.
const PRACTICE_VERBS: &str = include_str!("../taxonomy/practice-verbs.txt");

/// The longest phrase, in words; past it a clause is a list or a run-on sentence.
pub const MAX_WORDS: usize = 10;

/// Words after which a verb form is not a practice asked of the reader: a determiner or
/// possessive makes it a noun ("the design", "your research"), and "we" makes it what the
/// employer does ("how we build and run our services").
const DETERMINERS: &[&str] =
    &["a", "an", "the", "our", "their", "its", "this", "that", "of", "his", "her", "my", "your", "we"];

/// Nouns that make the verb form before them part of a noun phrase: "working knowledge",
/// "work experience", "work environment".
const NOUNS_AFTER: &[&str] = &[
    "knowledge",
    "experience",
    "environment",
    "environments",
    "hours",
    "schedule",
    "ethic",
    "life",
    "location",
    "authorization",
    "permit",
    "style",
    "skills",
];

/// One practice phrase of a posting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PracticePhrase {
    /// The requirement's 1-based index within the posting.
    pub requirement: u32,
    /// Byte range in the posting text (as read, not the clean view).
    pub range: Range<usize>,
    /// The base form of the verb that opens it ("communicate" for "communicating").
    pub verb: &'static str,
    /// Required or preferred: the requirement's section, lowered by a preference cue in it.
    pub strength: Strength,
}

/// The practice verbs, by base form.
#[derive(Debug)]
pub struct PracticeVerbs {
    verbs: FxHashSet<&'static str>,
}

impl PracticeVerbs {
    /// The compiled-in list.
    pub fn get() -> &'static PracticeVerbs {
        static VERBS: OnceLock<PracticeVerbs> = OnceLock::new();
        VERBS.get_or_init(|| PracticeVerbs {
            verbs: PRACTICE_VERBS
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .collect(),
        })
    }

    /// The base form of `word` (any case) when it is a form of a practice verb.
    pub fn base_form(&self, word: &str) -> Option<&'static str> {
        // Every word of every asking requirement comes here: lower-case it on the stack.
        let mut buffer = [0u8; 25];
        if word.len() < 2 || word.len() >= buffer.len() || !word.is_ascii() {
            return None;
        }
        buffer[..word.len()].copy_from_slice(word.as_bytes());
        buffer[..word.len()].make_ascii_lowercase();
        let known = |stem: &[u8]| std::str::from_utf8(stem).ok().and_then(|stem| self.verbs.get(stem).copied());
        if let Some(verb) = known(&buffer[..word.len()]) {
            return Some(verb);
        }
        for suffix in [&b"ing"[..], b"ed", b"es", b"s", b"d"] {
            let Some(stem_len) =
                word.len().checked_sub(suffix.len()).filter(|_| buffer[..word.len()].ends_with(suffix))
            else {
                continue;
            };
            if let Some(verb) = known(&buffer[..stem_len]) {
                return Some(verb);
            }
            if suffix == b"ing" || suffix == b"ed" {
                // "planning", "planned": the final consonant doubled.
                if stem_len >= 3 && buffer[stem_len - 1] == buffer[stem_len - 2] {
                    if let Some(verb) = known(&buffer[..stem_len - 1]) {
                        return Some(verb);
                    }
                }
                // "making", "managed": the final e dropped before the ending.
                let ending = std::mem::replace(&mut buffer[stem_len], b'e');
                if let Some(verb) = known(&buffer[..=stem_len]) {
                    return Some(verb);
                }
                buffer[stem_len] = ending;
            }
        }
        None
    }

    /// The practice phrases of one requirement, `text` being its clean text, as ranges of
    /// `text` with their verbs, in text order and disjoint.
    pub fn phrases_in(&self, text: &str) -> Vec<(Range<usize>, &'static str)> {
        let words = words(text);
        let mut phrases: Vec<(Range<usize>, &'static str)> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            if phrases.last().is_some_and(|(last, _)| word.start < last.end) {
                continue;
            }
            let Some(verb) = self.base_form(&text[word.clone()]) else { continue };
            // A third-person form after other words has a subject other than the reader ("the
            // platform provides…", "which creates…"); at the start it is a duty ("Collaborates
            // with…").
            let third_person = word.len() > verb.len() && text[word.clone()].ends_with(['s', 'S']);
            if third_person && i > 0 {
                continue;
            }
            if i > 0
                && is_determiner(&text[words[i - 1].clone()])
                && text[words[i - 1].end..word.start].trim().is_empty()
            {
                continue;
            }
            if let Some(next) = words.get(i + 1).filter(|next| text[word.end..next.start] == *" ") {
                let next = &text[next.clone()];
                // "understanding of", "planning of": a noun, with its object.
                let gerund_noun = next == "of" && text[word.clone()].ends_with("ing");
                // "work at Acme", "working for a start-up": where one is employed, not a practice.
                let employment = verb == "work" && matches!(next, "at" | "for");
                if gerund_noun || employment || NOUNS_AFTER.iter().any(|noun| noun.eq_ignore_ascii_case(next)) {
                    continue;
                }
            }
            let end = self.clause_end(text, word.end);
            let in_clause: Vec<&Range<usize>> = words[i..].iter().take_while(|w| w.end <= end).collect();
            // A verb with nothing after it but function words ("participate in", "working
            // with us") names no practice.
            if in_clause[1..].iter().all(|w| is_function_word(&text[(*w).clone()])) {
                continue;
            }
            let last = in_clause[in_clause.len().min(MAX_WORDS) - 1];
            phrases.push((word.start..last.end, verb));
        }
        phrases
    }
}

impl PracticeVerbs {
    /// Where the clause that goes on at byte `from` of `text` ends: at punctuation, or at an
    /// "and" that opens the next practice ("mentor juniors and communicate…").
    fn clause_end(&self, text: &str, from: usize) -> usize {
        let rest = &text[from..];
        for (at, c) in rest.char_indices() {
            if matches!(c, ',' | ';' | ':' | '.' | '(' | ')' | '!' | '?' | '•') || rest[at..].starts_with(" - ") {
                return from + at;
            }
            if let Some(after) = rest[at..].strip_prefix(" and ") {
                let next = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                if self.base_form(next).is_some() {
                    return from + at;
                }
            }
        }
        text.len()
    }
}

/// Words that carry no content of their own.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "in", "on", "with", "to", "for", "at", "of", "and", "or", "us", "it", "them", "you", "this",
    "that",
];

fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word))
}

fn is_determiner(word: &str) -> bool {
    DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// The words of `text`: runs of letters, digits, and apostrophes or hyphens between letters.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let joins = matches!(c, '\'' | '’' | '-')
            && start.is_some()
            && chars.peek().is_some_and(|&(_, next)| next.is_alphanumeric());
        if c.is_alphanumeric() || joins {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            words.push(s..at);
        }
    }
    if let Some(s) = start {
        words.push(s..text.len());
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(text: &str) -> Vec<&str> {
        PracticeVerbs::get().phrases_in(text).into_iter().map(|(range, _)| &text[range]).collect()
    }

    #[test]
    fn verb_forms_reduce_to_their_base() {
        let verbs = PracticeVerbs::get();
        for (word, base) in [
            ("Collaborated", "collaborate"),
            ("collaborating", "collaborate"),
            ("collaborates", "collaborate"),
            ("planning", "plan"),
            ("planned", "plan"),
            ("mentors", "mentor"),
            ("managed", "manage"),
            ("analyses", "analyse"),
        ] {
            assert_eq!(verbs.base_form(word), Some(base), "{word}");
        }
        for word in ["planet", "tested-ness", "kubernetes", "design's", "leader", "ed", "s", "ing", "eed", "Ss"] {
            assert_eq!(verbs.base_form(word), None, "{word}");
        }
    }

    #[test]
    fn a_phrase_runs_from_its_verb_to_the_end_of_its_clause() {
        assert_eq!(
            phrases("You can communicate complex ideas to non-technical stakeholders, and mentor juniors."),
            ["communicate complex ideas to non-technical stakeholders", "mentor juniors"]
        );
        assert_eq!(phrases("Experience designing and building data pipelines"), ["building data pipelines"]);
        assert_eq!(
            phrases("Mentor junior engineers and communicate clearly"),
            ["Mentor junior engineers", "communicate clearly"]
        );
        assert_eq!(phrases("Ability to work independently"), ["work independently"]);
    }

    #[test]
    fn nouns_lone_verbs_and_long_runs_are_not_phrases() {
        assert!(phrases("Experience with the design of APIs").is_empty());
        assert!(phrases("Working knowledge of Linux; an understanding of networks").is_empty());
        assert!(phrases("Strong ability to lead.").is_empty());
        assert!(phrases("We build and run our services; you will participate in it").is_empty());
        assert!(phrases("The platform provides insights to teams").is_empty());
        assert_eq!(phrases("Collaborates with product teams"), ["Collaborates with product teams"]);
        assert!(phrases("You will work at Acme or work for a start-up").is_empty());
        let long = phrases("Drive one two three four five six seven eight nine ten eleven twelve");
        assert_eq!(long, ["Drive one two three four five six seven eight nine"]);
    }
}
