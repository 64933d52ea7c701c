//! Explicit level signals, kept as editable data in `taxonomy/level-signals.csv`: title words
//! ("senior", "staff", "intern"), scope and autonomy phrases ("receives detailed direction",
//! "cross-organizational", "industry"), the years-to-band table, and false friends ("senior
//! living", "lead generation", "principal component analysis") that contain a title word but
//! say nothing about the role.
//!
//! All phrases are found with one leftmost-longest Aho-Corasick pass, whole words only, so a
//! false friend wins over the title word inside it simply by being longer.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::matcher::is_word_char;
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

/// The compiled signal table.
#[derive(Clone, Debug)]
pub struct LevelSignals {
    automaton: AhoCorasick,
    phrases: Vec<SignalPhrase>,
    /// (minimum years, band), ascending.
    years: Vec<(u32, u8)>,
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
            let weight: f64 = field(3).parse().unwrap_or(1.0);
            let kind = match field(0) {
                "title" => SignalKind::Title,
                "scope" => SignalKind::Scope,
                "not" => SignalKind::NotALevel,
                "years" => {
                    match field(1).parse() {
                        Ok(min) => years.push((min, band)),
                        Err(_) => bad(format!("years row needs a whole number of years, not '{}'", field(1))),
                    }
                    continue;
                }
                other => {
                    bad(format!("kind '{other}' is not one of title, scope, not, years"));
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
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(phrases.iter().map(|p| p.phrase.as_str()))
            .map_err(|e| TaxonomyError {
                problems: vec![Problem { at: file.clone(), message: e.to_string(), severity: Severity::Error }],
            })?;
        Ok(LevelSignals { automaton, phrases, years })
    }

    /// The phrases of the table.
    pub fn phrases(&self) -> &[SignalPhrase] {
        &self.phrases
    }

    /// Title and scope phrases in `text`, whole words only, false friends left out.
    pub fn find(&self, text: &str) -> Vec<SignalHit> {
        self.automaton
            .find_iter(text)
            .filter(|m| {
                let before_ok = !text[..m.start()].chars().next_back().is_some_and(is_word_char);
                let after_ok = !text[m.end()..].chars().next().is_some_and(is_word_char);
                before_ok && after_ok && self.phrases[m.pattern().as_usize()].kind != SignalKind::NotALevel
            })
            .map(|m| SignalHit { range: m.range(), phrase: m.pattern().as_usize() })
            .collect()
    }

    /// The band a stated minimum of `years` points to.
    pub fn years_band(&self, years: u32) -> u8 {
        self.years.iter().rev().find(|(min, _)| years >= *min).map_or(1, |&(_, band)| band)
    }
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
        assert_eq!(found("Drive cross-organizational initiatives"), [("cross-organizational".to_string(), 5)]);
        assert_eq!(found("Works under close supervision"), [("close supervision".to_string(), 1)]);
        assert_eq!(found("You will mentor junior engineers"), [("mentor junior engineers".to_string(), 3)]);
    }

    #[test]
    fn years_table() {
        let signals = LevelSignals::embedded();
        let bands: Vec<u8> = [0, 1, 2, 3, 5, 7, 8, 10, 15].iter().map(|&y| signals.years_band(y)).collect();
        assert_eq!(bands, [1, 1, 2, 2, 3, 4, 5, 5, 6]);
    }
}
