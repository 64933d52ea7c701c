//! Explicit level signals, kept as editable data in `taxonomy/level-signals.csv`: title words
//! ("senior", "staff", "intern"), scope and autonomy phrases ("receives detailed direction",
//! "cross-organizational", "industry"), the years-to-band table, and false friends ("senior
//! living", "lead generation", "principal component analysis") that contain a title word but
//! say nothing about the role.
//!
//! All phrases are found with one overlapping Aho-Corasick pass; of the whole-word hits, the
//! leftmost-longest win, so a false friend beats the title word inside it simply by being
//! longer, and a phrase that is not a whole word ("engineer i" in "Engineer Intern") does not
//! hide the one that is ("intern").
//!
//! Two more kinds of row shape what counts: `role` nouns, after which a level number is a
//! title word ("Engineer III", "SDE 2", "Analyst IV"), and `guard` cues, which keep a scope
//! phrase from voting when its clause is about someone else or negated ("creates learning
//! opportunities for others", "not well-defined").

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::matcher::is_word_char;
use crate::phrase_dfa::{Matches, PhraseDfa};
use crate::posting::SourceRef;
use crate::taxonomy::{Problem, Severity, TaxonomyError};

/// The embedded signal table.
pub const DEFAULT_SIGNALS_CSV: &str = include_str!("../../taxonomy/level-signals.csv");

/// What kind of evidence a phrase is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignalKind {
    /// A title word; strongest in the posting's title.
    Title,
    /// A scope or autonomy phrase.
    Scope,
    /// A false friend: matched only to stop the title word inside it.
    NotALevel,
    /// A role noun: a level number after it in a title is a title word.
    Role,
    /// A cue that a clause is about someone else, or negated.
    Guard,
}

/// One phrase of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct SignalPhrase {
    /// Its kind.
    pub kind: SignalKind,
    /// The phrase as written in the table.
    pub phrase: String,
    /// The band it points to.
    pub band: u8,
    /// How much it counts.
    pub weight: f64,
}

/// A phrase found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct SignalHit {
    /// Byte range in the text searched.
    pub range: Range<usize>,
    /// The phrase's index in [`LevelSignals::phrases`].
    pub phrase: usize,
}

/// A level word found in a title.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleHit {
    /// Byte range in the title.
    pub range: Range<usize>,
    /// The band it points to.
    pub band: u8,
    /// Its table weight.
    pub weight: f64,
}

/// The compiled signal table.
#[derive(Clone, Debug)]
pub struct LevelSignals {
    /// Every phrase, every match: the longest whole-word ones are chosen after.
    automaton: PhraseDfa,
    phrases: Vec<SignalPhrase>,
    /// (minimum years, band), ascending.
    years: Vec<(u32, u8)>,
    /// A role noun followed by a level number, if the table names role nouns.
    role_number: Option<Regex>,
}

impl LevelSignals {
    /// The embedded table.
    pub fn embedded() -> LevelSignals {
        LevelSignals::parse(DEFAULT_SIGNALS_CSV, "taxonomy/level-signals.csv").expect("the embedded signals are tested")
    }

    /// Parses a signal table (`name` is used in messages).
    pub fn parse(text: &str, name: &str) -> Result<LevelSignals, TaxonomyError> {
        let file = SourceRef::file(name);
        let mut problems = Vec::new();
        let mut phrases = Vec::new();
        let mut years = Vec::new();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    problems.push(Problem {
                        at: file.at_line(line),
                        message: format!("malformed CSV: {e}"),
                        severity: Severity::Error,
                    });
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            let field = |i: usize| record.get(i).unwrap_or("").trim();
            let mut bad =
                |message: String| problems.push(Problem { at: file.at_line(line), message, severity: Severity::Error });
            let band: u8 = match field(2).parse() {
                Ok(b) if b <= 6 => b,
                _ => {
                    bad(format!("band '{}' is not a number from 0 to 6", field(2)));
                    continue;
                }
            };
            let weight: f64 = match field(3) {
                "" => 1.0,
                w => match w.parse::<f64>() {
                    Ok(w) if w.is_finite() && w >= 0.0 => w,
                    _ => {
                        bad(format!("weight '{w}' is not a number of at least 0"));
                        continue;
                    }
                },
            };
            let kind = match field(0) {
                "title" => SignalKind::Title,
                "scope" => SignalKind::Scope,
                "not" => SignalKind::NotALevel,
                "role" => SignalKind::Role,
                "guard" => SignalKind::Guard,
                "years" => {
                    match field(1).parse() {
                        Ok(min) => years.push((min, band)),
                        Err(_) => bad(format!("years row needs a whole number of years, not '{}'", field(1))),
                    }
                    continue;
                }
                other => {
                    bad(format!("kind '{other}' is not one of title, scope, not, role, guard, years"));
                    continue;
                }
            };
            if field(1).is_empty() {
                bad("empty phrase".to_string());
                continue;
            }
            phrases.push(SignalPhrase { kind, phrase: field(1).to_string(), band, weight });
        }
        if !problems.is_empty() {
            return Err(TaxonomyError { problems });
        }
        years.sort_unstable();
        let texts: Vec<&str> = phrases.iter().map(|p| p.phrase.as_str()).collect();
        let automaton = PhraseDfa::new(&texts, Matches::All).map_err(|e| TaxonomyError {
            problems: vec![Problem { at: file.clone(), message: e.to_string(), severity: Severity::Error }],
        })?;
        let roles: Vec<String> =
            phrases.iter().filter(|p| p.kind == SignalKind::Role).map(|p| regex::escape(&p.phrase)).collect();
        let role_number = (!roles.is_empty()).then(|| {
            Regex::new(&format!(r"(?i)\b(?:{})s?[\s\-]*(?P<n>iv|v|i{{1,3}}|[1-6])\b", roles.join("|")))
                .expect("escaped role nouns form a valid pattern")
        });
        Ok(LevelSignals { automaton, phrases, years, role_number })
    }

    /// The phrases of the table.
    pub fn phrases(&self) -> &[SignalPhrase] {
        &self.phrases
    }

    /// Title, scope and guard phrases in `text`: whole words, leftmost-longest, false friends
    /// and role nouns left out.
    pub fn find(&self, text: &str) -> Vec<SignalHit> {
        let mut hits: Vec<SignalHit> = Vec::new();
        self.automaton.for_each_overlapping(text.as_bytes(), |phrase, range| {
            let before_ok = !text[..range.start].chars().next_back().is_some_and(is_word_char);
            let after_ok = !text[range.end..].chars().next().is_some_and(is_word_char);
            if before_ok && after_ok {
                hits.push(SignalHit { range, phrase });
            }
        });
        hits.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(b.range.end.cmp(&a.range.end)));
        let mut chosen: Vec<SignalHit> = Vec::new();
        for hit in hits {
            if chosen.last().is_none_or(|last| hit.range.start >= last.range.end) {
                chosen.push(hit);
            }
        }
        chosen.retain(|h| !matches!(self.phrases[h.phrase].kind, SignalKind::NotALevel | SignalKind::Role));
        chosen
    }

    /// Level words of a title: title phrases of the table, and a level number after a role
    /// noun ("Engineer III", "SDE-2"), where a roman or arabic n is band n.
    pub fn find_in_title(&self, title: &str) -> Vec<TitleHit> {
        let mut hits: Vec<TitleHit> = self
            .find(title)
            .into_iter()
            .filter(|h| self.phrases[h.phrase].kind == SignalKind::Title)
            .map(|h| {
                let phrase = &self.phrases[h.phrase];
                TitleHit { range: h.range, band: phrase.band, weight: phrase.weight }
            })
            .collect();
        if let Some(role_number) = &self.role_number {
            for captures in role_number.captures_iter(title) {
                let (Some(whole), Some(n)) = (captures.get(0), captures.name("n")) else { continue };
                let band = match n.as_str().to_ascii_lowercase().as_str() {
                    "i" | "1" => 1,
                    "ii" | "2" => 2,
                    "iii" | "3" => 3,
                    "iv" | "4" => 4,
                    "v" | "5" => 5,
                    _ => 6,
                };
                // The number is the level word; a table phrase over it ("Level II") already spoke.
                if !hits.iter().any(|h| h.range.start < n.end() && n.start() < h.range.end) {
                    hits.push(TitleHit { range: whole.range(), band, weight: 1.0 });
                }
            }
        }
        hits.sort_by_key(|h| h.range.start);
        hits
    }

    /// Scope phrases of `text` that speak about the role holder: a phrase whose clause also has
    /// a guard cue outside the phrase ("for others", "their manager", "not") does not.
    pub fn find_about_holder(&self, text: &str) -> Vec<SignalHit> {
        let hits = self.find(text);
        let guards: Vec<&SignalHit> =
            hits.iter().filter(|h| self.phrases[h.phrase].kind == SignalKind::Guard).collect();
        hits.iter()
            .filter(|h| self.phrases[h.phrase].kind == SignalKind::Scope)
            .filter(|h| {
                let clause = clause_around(text, h.range.clone());
                !guards.iter().any(|g| g.range.start >= clause.start && g.range.end <= clause.end)
            })
            .cloned()
            .collect()
    }

    /// The band a stated minimum of `years` points to.
    pub fn years_band(&self, years: u32) -> u8 {
        self.years.iter().rev().find(|(min, _)| years >= *min).map_or(1, |&(_, band)| band)
    }
}

/// The clause around `range`: up to the nearest clause punctuation on either side.
fn clause_around(text: &str, range: Range<usize>) -> Range<usize> {
    static BREAK: OnceLock<Regex> = OnceLock::new();
    let breaks = BREAK.get_or_init(|| Regex::new(r"[.;:!?,()\n]|\s(?:and|but|while|whereas)\s").expect("valid"));
    let start = breaks.find_iter(&text[..range.start]).last().map_or(0, |m| m.end());
    let end = breaks.find(&text[range.end..]).map_or(text.len(), |m| range.end + m.start());
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, u8)> {
        let signals = LevelSignals::embedded();
        signals.find(text).into_iter().map(|h| (text[h.range].to_string(), signals.phrases()[h.phrase].band)).collect()
    }

    #[test]
    fn title_words_and_their_false_friends() {
        assert_eq!(found("Senior Data Engineer"), [("Senior".to_string(), 3)]);
        assert_eq!(found("Sales for a Senior Living community"), []);
        assert_eq!(found("Lead generation and principal component analysis"), []);
        assert_eq!(found("Internal tools for our staff"), []);
        assert_eq!(found("Staff Engineer"), [("Staff".to_string(), 5)]);
    }

    #[test]
    fn scope_phrases() {
        assert_eq!(found("Drive the technical strategy of the group"), [("technical strategy".to_string(), 5)]);
        assert_eq!(found("Works with detailed direction"), [("detailed direction".to_string(), 1)]);
    }

    fn about_holder(text: &str) -> Vec<String> {
        let signals = LevelSignals::embedded();
        signals.find_about_holder(text).into_iter().map(|h| text[h.range].to_string()).collect()
    }

    #[test]
    fn a_phrase_about_someone_else_or_negated_does_not_vote() {
        assert_eq!(about_holder("Sets the technical direction of the platform"), ["technical direction"]);
        assert_eq!(about_holder("Follows the technical direction set by their manager"), Vec::<String>::new());
        assert_eq!(about_holder("Does not yet set technical direction"), Vec::<String>::new());
        assert_eq!(about_holder("Helps new engineers learn the codebase"), Vec::<String>::new());
        // The cue must share the clause: a comma ends it.
        assert_eq!(about_holder("Mentors others, and sets the technical direction"), ["technical direction"]);
        // A cue inside the phrase itself is part of it.
        assert_eq!(about_holder("Mentors more junior engineers"), ["more junior"]);
    }

    fn title_bands(title: &str) -> Vec<(String, u8)> {
        let signals = LevelSignals::embedded();
        signals.find_in_title(title).into_iter().map(|h| (title[h.range].to_string(), h.band)).collect()
    }

    #[test]
    fn level_words_of_real_titles() {
        assert_eq!(title_bands("Software Engineer Intern"), [("Intern".to_string(), 1)]);
        assert_eq!(title_bands("Software Engineer 3"), [("Engineer 3".to_string(), 3)]);
        assert_eq!(title_bands("SDE 2, Payments"), [("SDE 2".to_string(), 2)]);
        assert_eq!(title_bands("SDE-III"), [("SDE-III".to_string(), 3)]);
        assert_eq!(title_bands("Data Analyst IV"), [("Analyst IV".to_string(), 4)]);
        assert_eq!(title_bands("Support Engineer, Level II"), [("Level II".to_string(), 2)]);
        assert_eq!(title_bands("Software Engineer (L5)"), [("L5".to_string(), 3)]);
        assert_eq!(title_bands("Production Engineer E4"), [("E4".to_string(), 2)]);
        assert_eq!(title_bands("IC3 Backend Engineer"), [("IC3".to_string(), 3)]);
        assert_eq!(title_bands("Senior Engineer II"), [("Senior Engineer II".to_string(), 4)]);
        // Roman numerals need a role noun before them; words that start with one do not count.
        assert_eq!(title_bands("Engineer in Test"), []);
        assert_eq!(title_bands("Principal Component Analysis Engineer"), []);
    }

    #[test]
    fn years_table() {
        let signals = LevelSignals::embedded();
        let bands: Vec<u8> = [0, 1, 2, 3, 5, 7, 8, 10, 15].iter().map(|&y| signals.years_band(y)).collect();
        assert_eq!(bands, [1, 1, 2, 2, 3, 4, 5, 5, 6]);
    }
}
