//! `rungs taxonomy suggest`: terms that postings ask for and the taxonomy does not know.
//!
//! Reads the requirements (context `requirement`) of analysed postings and keeps the words no
//! skill matched that look like the names of technologies:
//!
//! - `camel`: a capital after a lower-case letter (`GraphQL`, `PyTorch`, `iOS`);
//! - `dotted`: a dot between letters (`Next.js`, `ASP.NET`);
//! - `digits`: letters and digits (`ESP32`, `Log4j`, `S3`), but not ordinals or amounts;
//! - `listed`: a capitalised word listed next to a skill the taxonomy knows ("Kafka, **Pulsar**
//!   and Flink"), not an ordinary English word.
//!
//! Each term is counted once per posting and shown with its commonest spelling and the first
//! requirement it was seen in, so a maintainer sees at a glance what to add.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use crate::analyse::Analysis;
use crate::context::Context;
use crate::taxonomy::check::is_common_english;
use crate::taxonomy::Taxonomy;

/// The shapes that make a word look like a technology, as bits.
const CAMEL: u8 = 1;
const DOTTED: u8 = 2;
const DIGITS: u8 = 4;
const LISTED: u8 = 8;

/// The longest example shown, in characters.
const EXAMPLE_CHARS: usize = 160;

/// Counts of unknown, technology-looking terms over postings.
#[derive(Debug)]
pub struct Suggestions {
    /// Every name and alias of the taxonomy, lower-cased: known terms are never suggested
    /// (an ambiguous name its evidence rules rejected is known, not missing).
    known: HashSet<String>,
    terms: HashMap<String, Tally>,
    postings: u64,
}

#[derive(Debug, Default)]
struct Tally {
    spellings: BTreeMap<String, u64>,
    postings: u64,
    mentions: u64,
    /// The last posting (by [`Suggestions::postings`]) that counted it.
    last_posting: u64,
    shapes: u8,
    example: String,
}

/// One suggested term.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SuggestedTerm {
    /// Its commonest spelling.
    pub term: String,
    /// How many postings ask for it.
    pub postings: u64,
    /// How many times it is written.
    pub mentions: u64,
    /// Why it looks like a technology: `camel`, `dotted`, `digits`, `listed`, joined by `+`.
    pub shape: String,
    /// The first requirement it was seen in.
    pub example: String,
}

impl Suggestions {
    /// Empty counts, knowing the names of `taxonomy`.
    pub fn new(taxonomy: &Taxonomy) -> Suggestions {
        let known = taxonomy
            .skills()
            .iter()
            .flat_map(|s| {
                std::iter::once(&s.name).chain(&s.aliases).chain(&s.cased_aliases).chain(&s.ambiguous_aliases)
            })
            .map(|a| a.to_lowercase())
            .collect();
        Suggestions { known, terms: HashMap::new(), postings: 0 }
    }

    /// Counts the unknown terms of one posting's requirements.
    pub fn add(&mut self, analysis: &Analysis) {
        self.postings += 1;
        let text = analysis.clean_text();
        for requirement in analysis.requirements.iter().filter(|r| r.context == Context::Requirement) {
            let range = requirement.clean_range.clone();
            let sentence = &text[range.clone()];
            // The requirement's matches, as clean ranges would be too costly to map back; a
            // token is known when its original range overlaps a match.
            let matched: Vec<Range<usize>> = analysis
                .matches
                .iter()
                .filter(|m| m.requirement == requirement.index)
                .map(|m| m.range.clone())
                .collect();
            let tokens = tokens(sentence);
            let is_matched = |t: &Range<usize>| {
                let original = analysis.view.to_original(range.start + t.start..range.start + t.end);
                matched.iter().any(|m| m.start < original.end && original.start < m.end)
            };
            let matched_flags: Vec<bool> = tokens.iter().map(is_matched).collect();
            for (i, token) in tokens.iter().enumerate() {
                if matched_flags[i] {
                    continue;
                }
                let word = &sentence[token.clone()];
                let mut shapes = shape_of(word);
                if shapes == 0 && word.starts_with(|c: char| c.is_ascii_uppercase()) && !is_common_english(word) {
                    // The neighbouring item, over a conjunction: "Kafka, Pulsar and Flink".
                    let is_conjunction = |j: usize| matches!(&sentence[tokens[j].clone()], "and" | "or");
                    let before = (0..i).rev().find(|&j| !is_conjunction(j));
                    let after = (i + 1..tokens.len()).find(|&j| !is_conjunction(j));
                    let listed_before =
                        before.is_some_and(|j| matched_flags[j] && is_list_gap(&sentence[tokens[j].end..token.start]));
                    let listed_after =
                        after.is_some_and(|j| matched_flags[j] && is_list_gap(&sentence[token.end..tokens[j].start]));
                    if listed_before || listed_after {
                        shapes |= LISTED;
                    }
                }
                if shapes == 0 || self.known.contains(&word.to_lowercase()) {
                    continue;
                }
                let tally = self.terms.entry(word.to_lowercase()).or_default();
                *tally.spellings.entry(word.to_string()).or_default() += 1;
                tally.mentions += 1;
                tally.shapes |= shapes;
                if tally.last_posting != self.postings {
                    tally.last_posting = self.postings;
                    tally.postings += 1;
                }
                if tally.example.is_empty() {
                    tally.example = sentence.chars().take(EXAMPLE_CHARS).collect();
                }
            }
        }
    }

    /// The terms asked for in at least `min_postings` postings, most postings first (then
    /// mentions, then the term), at most `top` of them.
    pub fn rows(&self, min_postings: u64, top: Option<usize>) -> Vec<SuggestedTerm> {
        let mut rows: Vec<SuggestedTerm> = self
            .terms
            .values()
            .filter(|t| t.postings >= min_postings)
            .map(|t| {
                // The commonest spelling; ties go to the first in byte order, so output is stable.
                let term = t.spellings.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(s, _)| s.clone());
                SuggestedTerm {
                    term: term.unwrap_or_default(),
                    postings: t.postings,
                    mentions: t.mentions,
                    shape: shape_names(t.shapes),
                    example: t.example.clone(),
                }
            })
            .collect();
        rows.sort_by(|a, b| b.postings.cmp(&a.postings).then(b.mentions.cmp(&a.mentions)).then(a.term.cmp(&b.term)));
        rows.truncate(top.unwrap_or(usize::MAX));
        rows
    }
}

/// The byte ranges of the words of `text`: runs of ASCII letters, digits and the joiners
/// technology names use (`+`, `#`, `.`, `-`, `_`, `/` inside), trimmed of trailing joiners.
fn tokens(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let is_part = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'#' | b'.' | b'-' | b'_');
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_part(bytes[i]) {
            i += 1;
        }
        let mut end = i;
        while end > start && matches!(bytes[end - 1], b'.' | b'-' | b'_') {
            end -= 1;
        }
        // A word glued to a letter of another script is not an ASCII name.
        if text.is_char_boundary(end) {
            out.push(start..end);
        }
    }
    out
}

/// The technology shapes of `word`.
fn shape_of(word: &str) -> u8 {
    let bytes = word.as_bytes();
    let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if letters < 2 || word.len() < 3 {
        return 0;
    }
    let mut shapes = 0;
    if let Some(at) = bytes.windows(2).position(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase()) {
        // Two words a scraper glued together ("SummaryThe", "skillsExperience") are not a name.
        let (head, tail) = word.split_at(at + 1);
        let glued = head.len() >= 4 && is_common_english(head) && is_common_english(tail);
        if !glued {
            shapes |= CAMEL;
        }
    }
    if bytes.windows(3).any(|w| w[0].is_ascii_alphabetic() && w[1] == b'.' && w[2].is_ascii_alphabetic()) {
        // "e.g", "U.S": abbreviations; "hire.Copyright": two sentences glued; "bit.ly",
        // "www.amazon.jobs": addresses. None is a name.
        let abbreviation = word.split('.').all(|part| part.len() <= 1);
        let glued = bytes.windows(3).any(|w| w[0] == b'.' && w[1].is_ascii_uppercase() && w[2].is_ascii_lowercase());
        let lower = word.to_ascii_lowercase();
        let address = lower.starts_with("www.")
            || ["com", "org", "gov", "edu", "ly", "jobs", "co", "us", "html"]
                .iter()
                .any(|tld| lower.rsplit('.').next() == Some(tld));
        if !abbreviation && !glued && !address {
            shapes |= DOTTED;
        }
    }
    if bytes.iter().any(u8::is_ascii_digit) && !is_amount(word) {
        shapes |= DIGITS;
    }
    shapes
}

/// Ordinals, amounts and times: "5th", "10x", "401k", "24h", "2yrs", "100M".
fn is_amount(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let unit = word[digits..].to_ascii_lowercase();
    unit.is_empty()
        || [
            "st", "nd", "rd", "th", "x", "k", "m", "b", "s", "h", "hr", "hrs", "yr", "yrs", "am", "pm", "d", "w", "mo",
            "gb", "tb", "mb",
        ]
        .contains(&unit.as_str())
}

/// Whether the text between two list items is only a list separator.
fn is_list_gap(gap: &str) -> bool {
    let rest = gap.trim_matches(|c: char| c == ' ' || c == ',' || c == '/' || c == '(' || c == ')').trim();
    match rest {
        // Two words side by side ("Data Analyst") are a name, not a list.
        "" => gap.contains([',', '/']),
        "and" | "or" => true,
        _ => false,
    }
}

fn shape_names(shapes: u8) -> String {
    [(CAMEL, "camel"), (DOTTED, "dotted"), (DIGITS, "digits"), (LISTED, "listed")]
        .iter()
        .filter(|(bit, _)| shapes & bit != 0)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join("+")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Analyzer, Posting};

    #[test]
    fn shapes_of_technology_names() {
        assert_eq!(shape_names(shape_of("PyTorchLightning")), "camel");
        assert_eq!(shape_names(shape_of("Remix.run")), "dotted");
        assert_eq!(shape_names(shape_of("ESP32")), "digits");
        for word in ["5th", "10x", "401k", "e.g", "U.S", "Go", "the", "SummaryThe", "hire.Copyright", "bit.ly"] {
            assert_eq!(shape_of(word), 0, "{word}");
        }
    }

    #[test]
    fn unknown_names_beside_known_skills_are_suggested_once_per_posting() {
        let analyzer = Analyzer::new(Taxonomy::embedded()).unwrap();
        let mut suggestions = Suggestions::new(analyzer.taxonomy());
        for (id, text) in [
            ("a", "- Kafka, Pulsarix and Flink\n- Remix.run and HTMX2 experience; Pulsarix again"),
            ("b", "- Python or Pulsarix\n- The Team is great"),
        ] {
            suggestions.add(&analyzer.analyse(Posting::new(id, text)));
        }
        let rows: Vec<(String, u64, u64, String)> =
            suggestions.rows(1, None).into_iter().map(|r| (r.term, r.postings, r.mentions, r.shape)).collect();
        assert_eq!(
            rows,
            [
                ("Pulsarix".to_string(), 2, 2, "listed".to_string()),
                ("HTMX2".to_string(), 1, 1, "digits".to_string()),
                ("Remix.run".to_string(), 1, 1, "dotted".to_string()),
            ]
        );
    }
}
