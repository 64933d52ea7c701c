//! The learned level model: a linear scorer over the word 1–3-grams of a requirement, trained
//! on the descriptor sentences of many companies' public career ladders
//! (`cargo run --release --example train_levels`) and shipped as data in
//! `taxonomy/level-model.csv`.
//!
//! A requirement's raw score is the intercept plus the sum of the weights of the n-grams it
//! contains, each scaled by `1 / k^norm_power` (k = how many distinct n-grams of the model it
//! has), so long and short sentences speak on one scale. The mean of raw scores is squeezed
//! toward the middle of the scale, as any regression mean is; a linear de-compression
//! (`band = scale · raw + shift`), fitted on out-of-company scores, spreads it back out.
//! Because it is linear, the mean of calibrated requirement bands is the calibrated mean.
//!
//! The file also carries the weights with which the posting's evidence is combined
//! ([`CombineParams`]), so every number the level call depends on is data.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::ngram_index::NgramIndex;
use super::words::{for_each_word, push_lowercase, LowerWords, WordSet};

use crate::fingerprint::Fnv1a;
use crate::posting::SourceRef;
use crate::taxonomy::{Problem, Severity, TaxonomyError};

/// The embedded model.
pub const DEFAULT_MODEL_CSV: &str = include_str!("../../taxonomy/level-model.csv");

/// The longest n-gram the model scores.
pub const MAX_NGRAM: usize = 3;

/// Words that carry grammar, not meaning: n-grams made only of them may weigh in the model, but
/// are never shown to a person as the reason for a level.
static FUNCTION_WORDS: WordSet = WordSet::new(&[
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "being", "both", "but", "by",
    "can", "could", "do", "does", "each", "either", "etc", "for", "from", "has", "have", "he", "her", "his", "how",
    "i", "if", "in", "into", "is", "it", "its", "may", "me", "might", "more", "most", "much", "must", "my", "of", "on",
    "one", "or", "other", "our", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "up", "us",
    "very", "was", "we", "well", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "within", "would", "you", "your", "yours",
]);

/// How the evidence of a posting is weighed against each other; part of the model file.
#[derive(Clone, Debug, PartialEq)]
pub struct CombineParams {
    /// Weight of a title word in the posting's title, times its table weight.
    pub title_weight: f64,
    /// Band of a title that names no level.
    pub plain_title_band: f64,
    /// Weight of a title that names no level (0 lets the body decide).
    pub plain_title_weight: f64,
    /// Weight of the largest stated minimum of years.
    pub years_weight: f64,
    /// What a stated minimum below the posting's largest one still counts, as a factor.
    pub lesser_years_factor: f64,
    /// Weight of the text model's vote for the whole posting, at full strength.
    pub text_weight: f64,
    /// How many scored requirements give the text vote its full strength.
    pub text_full_requirements: f64,
    /// The most all scope phrases of one posting may weigh together.
    pub scope_cap: f64,
}

/// The text model's parameters and weights.
#[derive(Clone, Debug)]
pub struct TextModel {
    /// Raw score of a text with no known n-gram.
    pub intercept: f64,
    /// Exponent of the n-gram count a weight is divided by (0: presence, 0.5: unit length).
    pub norm_power: f64,
    /// The de-compression's slope: band = scale · raw + shift.
    pub scale: f64,
    /// The de-compression's offset.
    pub shift: f64,
    /// How the posting's evidence is combined.
    pub combine: CombineParams,
    ngrams: Vec<(String, f64)>,
    /// The n-grams again, shared: a [`Contribution`] holds its n-gram without a copy (every
    /// scored requirement keeps a few as its reasons).
    shared_ngrams: Vec<Arc<str>>,
    index: NgramIndex,
    /// Each n-gram's place in the order contributions are shown in (largest weight magnitude
    /// first, then by text): sorting a text's n-grams by it needs no string comparison.
    strength_rank: Vec<u32>,
    /// Whether each n-gram has a word that is not a function word.
    has_content_word: Vec<bool>,
    fingerprint: String,
}

/// One n-gram's contribution to a score.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    /// The n-gram, lower-cased, words separated by one space.
    pub ngram: Arc<str>,
    /// Its contribution in bands (after scaling and de-compression): positive is more senior.
    pub bands: f64,
    /// Whether it has a word that is not a function word and occurs in the text as written (not
    /// only through [`OTHERS_TOKEN`]): whether it may be shown as a reason.
    pub content: bool,
}

/// A text's score.
#[derive(Clone, Debug, PartialEq)]
pub struct TextScore {
    /// The raw score (before de-compression).
    pub raw: f64,
    /// How many distinct n-grams of the model the text has.
    pub known: usize,
    /// The known n-grams (indices into the model), largest weight magnitude first; turned into
    /// [`Contribution`]s only when asked, since a caller shows a few of them at most.
    strongest_first: Vec<u32>,
    /// The known n-grams that occur only with a word read as [`OTHERS_TOKEN`] (sorted).
    rewritten: Vec<u32>,
    /// The factor each weight was scaled by.
    unit: f64,
}

/// The room [`TextModel::score_known`] works in, one per thread: sets as wide as the model,
/// clear between texts, and the lists it fills and empties for each.
#[derive(Default)]
struct ScoreScratch {
    seen: Vec<u64>,
    seen_as_written: Vec<u64>,
    /// The words of the sets a text touched.
    touched: Vec<u32>,
    ranked: Vec<u64>,
}

thread_local! {
    static SCORE_SCRATCH: RefCell<ScoreScratch> = RefCell::new(ScoreScratch::default());
}

impl TextModel {
    /// The embedded model.
    pub fn embedded() -> TextModel {
        TextModel::parse(DEFAULT_MODEL_CSV, "taxonomy/level-model.csv").expect("the embedded level model is tested")
    }

    /// Parses a model file (`name` is used in messages). Lines starting with `#` are the
    /// header; the line `# checksum: fnv1a64:…`, if present, must match the data rows.
    pub fn parse(text: &str, name: &str) -> Result<TextModel, TaxonomyError> {
        let file = SourceRef::file(name);
        let mut problems = Vec::new();
        let mut recorded = None;
        let mut data = String::new();
        let mut first_data_line = 0;
        for (n, line) in text.lines().enumerate() {
            if let Some(comment) = line.strip_prefix('#') {
                if let Some(sum) = comment.trim().strip_prefix("checksum:") {
                    recorded = Some((n + 1, sum.trim().to_string()));
                }
            } else {
                if data.is_empty() {
                    first_data_line = n;
                }
                data.push_str(line);
                data.push('\n');
            }
        }
        let fingerprint = checksum(&data);
        if let Some((line, sum)) = &recorded {
            if *sum != fingerprint {
                problems.push(Problem {
                    at: file.at_line(*line as u64),
                    message: format!(
                        "checksum {sum} does not match the rows ({fingerprint}): the file was edited or cut"
                    ),
                    severity: Severity::Error,
                });
            }
        }
        let mut params: HashMap<String, f64> = HashMap::new();
        let mut ngrams = Vec::new();
        let mut seen = FxHashSet::default();
        let mut reader = csv::Reader::from_reader(data.as_bytes());
        for record in reader.records() {
            let (line, record) = match record {
                Ok(r) => (first_data_line as u64 + r.position().map_or(0, |p| p.line()), r),
                Err(e) => {
                    let line = first_data_line as u64 + e.position().map_or(0, |p| p.line());
                    problems.push(Problem {
                        at: file.at_line(line),
                        message: format!("malformed CSV: {e}"),
                        severity: Severity::Error,
                    });
                    continue;
                }
            };
            let field = |i: usize| record.get(i).unwrap_or("");
            let mut bad =
                |message: String| problems.push(Problem { at: file.at_line(line), message, severity: Severity::Error });
            let value: f64 = match field(2).parse::<f64>() {
                Ok(v) if v.is_finite() => v,
                _ => {
                    bad(format!("value '{}' is not a finite number", field(2)));
                    continue;
                }
            };
            match field(0) {
                "param" => {
                    if params.insert(field(1).to_string(), value).is_some() {
                        bad(format!("parameter '{}' is given twice", field(1)));
                    }
                }
                "ngram" => {
                    let key = field(1);
                    if !is_canonical_ngram(key) {
                        bad(format!("n-gram '{key}' is not 1 to {MAX_NGRAM} lower-case words separated by one space"));
                        continue;
                    }
                    if !seen.insert(key.to_string()) {
                        bad(format!("n-gram '{key}' is given twice"));
                        continue;
                    }
                    ngrams.push((key.to_string(), value));
                }
                other => bad(format!("kind '{other}' is not one of param, ngram")),
            }
        }
        let mut take = |key: &str| match params.remove(key) {
            Some(v) => v,
            None => {
                problems.push(Problem {
                    at: file.clone(),
                    message: format!("parameter '{key}' is missing"),
                    severity: Severity::Error,
                });
                0.0
            }
        };
        let model = TextModel {
            intercept: take("intercept"),
            norm_power: take("norm_power"),
            scale: take("scale"),
            shift: take("shift"),
            combine: CombineParams {
                title_weight: take("title_weight"),
                plain_title_band: take("plain_title_band"),
                plain_title_weight: take("plain_title_weight"),
                years_weight: take("years_weight"),
                lesser_years_factor: take("lesser_years_factor"),
                text_weight: take("text_weight"),
                text_full_requirements: take("text_full_requirements"),
                scope_cap: take("scope_cap"),
            },
            strength_rank: strength_ranks(&ngrams),
            has_content_word: content_words(&ngrams),
            index: NgramIndex::new(ngrams.iter().map(|(key, _)| key.as_str())),
            shared_ngrams: shared(&ngrams),
            ngrams,
            fingerprint,
        };
        let mut unknown: Vec<&String> = params.keys().collect();
        unknown.sort();
        for key in unknown {
            problems.push(Problem {
                at: file.clone(),
                message: format!("parameter '{key}' is not one rungs knows"),
                severity: Severity::Error,
            });
        }
        if problems.is_empty() {
            Ok(model)
        } else {
            Err(TaxonomyError { problems })
        }
    }

    /// Builds a model from trained weights (the training program's route; the CLI loads files).
    pub fn from_weights(
        intercept: f64,
        norm_power: f64,
        (scale, shift): (f64, f64),
        combine: CombineParams,
        ngrams: Vec<(String, f64)>,
    ) -> TextModel {
        let index = NgramIndex::new(ngrams.iter().map(|(key, _)| key.as_str()));
        let strength_rank = strength_ranks(&ngrams);
        let has_content_word = content_words(&ngrams);
        let mut model = TextModel {
            intercept,
            norm_power,
            scale,
            shift,
            combine,
            shared_ngrams: shared(&ngrams),
            ngrams,
            index,
            strength_rank,
            has_content_word,
            fingerprint: String::new(),
        };
        model.fingerprint = checksum(&model.data_rows());
        model
    }

    /// The checksum of the model's rows, as recorded in its file.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The n-grams and their weights.
    pub fn ngrams(&self) -> &[(String, f64)] {
        &self.ngrams
    }

    /// The data rows of the model file (what its checksum covers), in a fixed order.
    pub fn data_rows(&self) -> String {
        let c = &self.combine;
        let mut out = String::from("kind,key,value\n");
        for (key, value) in [
            ("intercept", self.intercept),
            ("norm_power", self.norm_power),
            ("scale", self.scale),
            ("shift", self.shift),
            ("title_weight", c.title_weight),
            ("plain_title_band", c.plain_title_band),
            ("plain_title_weight", c.plain_title_weight),
            ("years_weight", c.years_weight),
            ("lesser_years_factor", c.lesser_years_factor),
            ("text_weight", c.text_weight),
            ("text_full_requirements", c.text_full_requirements),
            ("scope_cap", c.scope_cap),
        ] {
            out.push_str(&format!("param,{key},{value}\n"));
        }
        for (ngram, weight) in &self.ngrams {
            out.push_str(&format!("ngram,{ngram},{weight}\n"));
        }
        out
    }

    /// The band a raw score stands for.
    pub fn calibrate(&self, raw: f64) -> f64 {
        self.scale * raw + self.shift
    }

    /// Scores `text`, or `None` if it has no n-gram the model knows: what
    /// [`TextModel::score_words`] gives for its words, read straight from the text.
    pub fn score(&self, text: &str) -> Option<TextScore> {
        self.score_known(|f| self.index.for_each_known_in(text, f))
    }

    /// Scores a text read into words, or `None` if it has no n-gram the model knows.
    pub fn score_words(&self, text: &LowerWords) -> Option<TextScore> {
        self.score_known(|f| self.index.for_each_known(text, f))
    }

    /// Scores the known n-grams `for_each_known` calls its argument with.
    fn score_known(&self, for_each_known: impl FnOnce(&mut dyn FnMut(u32, bool))) -> Option<TextScore> {
        SCORE_SCRATCH.with(|scratch| self.score_known_in(&mut scratch.borrow_mut(), for_each_known))
    }

    fn score_known_in(
        &self,
        scratch: &mut ScoreScratch,
        for_each_known: impl FnOnce(&mut dyn FnMut(u32, bool)),
    ) -> Option<TextScore> {
        // Which n-grams occur, and which occur as written, as bit sets over the model: no sort
        // to de-duplicate, and reading a set in order gives the indices ascending. The sets are
        // the thread's, kept clear between texts: only the words of them a text touched are
        // read and cleared again, not the whole model's width for every requirement.
        let words = self.ngrams.len().div_ceil(64);
        let ScoreScratch { seen, seen_as_written, touched, ranked } = scratch;
        if seen.len() < words {
            seen.resize(words, 0);
            seen_as_written.resize(words, 0);
        }
        // A text whose scoring panicked (the batch runner goes on after a panic) left its words.
        for word in touched.drain(..) {
            (seen[word as usize], seen_as_written[word as usize]) = (0, 0);
        }
        // Room for the n-grams of a typical requirement, so that few grow the list.
        let mut known: Vec<u32> = Vec::with_capacity(64);
        for_each_known(&mut |i, written| {
            let (word, bit) = (i as usize / 64, 1u64 << (i % 64));
            if seen[word] & bit == 0 {
                if seen[word] == 0 {
                    touched.push(word as u32);
                }
                seen[word] |= bit;
                known.push(i);
            }
            if written {
                seen_as_written[word] |= bit;
            }
        });
        // The touched words in index order: the weights are summed in index order, as the
        // model was fitted and calibrated, and the rewritten n-grams come out sorted.
        touched.sort_unstable();
        // -0.0, where `Iterator::sum` starts, so that the sum is the one it gave.
        let mut sum = -0.0;
        let mut rewritten: Vec<u32> = Vec::new();
        for &word in touched.iter() {
            let word = word as usize;
            let (mut bits, as_written) = (seen[word], seen_as_written[word]);
            while bits != 0 {
                let bit = bits.trailing_zeros();
                let i = (word * 64) as u32 + bit;
                sum += self.ngrams[i as usize].1;
                if as_written >> bit & 1 == 0 {
                    rewritten.push(i);
                }
                bits &= bits - 1;
            }
            (seen[word], seen_as_written[word]) = (0, 0);
        }
        touched.clear();
        if known.is_empty() {
            return None;
        }
        let unit = 1.0 / (known.len() as f64).powf(self.norm_power);
        let raw = self.intercept + sum * unit;
        let count = known.len();
        // Every contribution is its weight times the same factor, so weights order them. Ranks
        // are distinct: sorting them with their n-grams alongside, as plain integers, orders the
        // n-grams with no lookup per comparison.
        ranked.clear();
        ranked.extend(known.iter().map(|&i| u64::from(self.strength_rank[i as usize]) << 32 | u64::from(i)));
        ranked.sort_unstable();
        for (slot, ranked) in known.iter_mut().zip(ranked.iter()) {
            *slot = *ranked as u32;
        }
        Some(TextScore { raw, known: count, strongest_first: known, rewritten, unit })
    }

    /// Each known n-gram's contribution to `score`, largest magnitude first.
    pub fn contributions<'a>(&'a self, score: &'a TextScore) -> impl Iterator<Item = Contribution> + 'a {
        score.strongest_first.iter().map(move |&i| self.contribution(score, i))
    }

    /// The contributions that may be shown as reasons ([`Contribution::content`]), largest
    /// magnitude first: [`TextModel::contributions`] filtered, without building the others.
    pub fn reasons<'a>(&'a self, score: &'a TextScore) -> impl Iterator<Item = Contribution> + 'a {
        score.strongest_first.iter().filter(|&&i| self.is_content(score, i)).map(move |&i| self.contribution(score, i))
    }

    fn contribution(&self, score: &TextScore, i: u32) -> Contribution {
        let weight = self.ngrams[i as usize].1;
        Contribution {
            ngram: Arc::clone(&self.shared_ngrams[i as usize]),
            bands: weight * score.unit * self.scale,
            content: self.is_content(score, i),
        }
    }

    fn is_content(&self, score: &TextScore, i: u32) -> bool {
        self.has_content_word[i as usize] && !score.rewritten.contains(&i)
    }
}

/// The n-grams as shared strings.
fn shared(ngrams: &[(String, f64)]) -> Vec<Arc<str>> {
    ngrams.iter().map(|(ngram, _)| Arc::from(ngram.as_str())).collect()
}

/// Whether each n-gram has a word that is not a function word.
fn content_words(ngrams: &[(String, f64)]) -> Vec<bool> {
    ngrams.iter().map(|(ngram, _)| ngram.split(' ').any(|w| !is_function_word(w))).collect()
}

/// Each n-gram's rank when ordered by weight magnitude, largest first, then by text.
fn strength_ranks(ngrams: &[(String, f64)]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..ngrams.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let ((ga, wa), (gb, wb)) = (&ngrams[a as usize], &ngrams[b as usize]);
        wb.abs().total_cmp(&wa.abs()).then_with(|| ga.cmp(gb))
    });
    let mut rank = vec![0; ngrams.len()];
    for (place, &i) in order.iter().enumerate() {
        rank[i as usize] = place as u32;
    }
    rank
}

/// Whether `word` (lower-case) only carries grammar.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(word)
}

/// The lower-case words of `text`: maximal runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(text, |word| words.push(word.to_lowercase()));
    words
}

/// Verbs whose object is someone the role holder helps: a level word right after one describes
/// that person, not the holder ("mentor **junior** engineers" is said of seniors).
pub(super) static HELPING_VERBS: WordSet = WordSet::new(&[
    "coach",
    "coached",
    "coaches",
    "coaching",
    "guide",
    "guided",
    "guides",
    "guiding",
    "help",
    "helped",
    "helping",
    "helps",
    "mentor",
    "mentored",
    "mentoring",
    "mentors",
    "onboard",
    "onboarded",
    "onboarding",
    "onboards",
    "support",
    "supported",
    "supporting",
    "supports",
    "teach",
    "teaches",
    "teaching",
    "train",
    "trained",
    "training",
    "trains",
]);

/// Words that place the person they describe low on a ladder.
pub(super) const JUNIOR_WORDS: &[&str] =
    &["early", "entry", "graduates", "interns", "junior", "juniors", "less", "new", "newcomers", "newer"];

/// What a junior word after a helping verb is read as: "mentor junior engineers" means what
/// "mentor others" means, and the model learns it apart from "junior". An n-gram with a word
/// read this way is not shown as a reason, since a person would not find it in the text.
pub const OTHERS_TOKEN: &str = "others";

/// How many words after a helping verb a junior word may stand and still describe its object.
const OBJECT_REACH: usize = 3;

/// Calls `f` with every 1- to [`MAX_NGRAM`]-gram of `text`'s words, in order, each once per
/// position (the caller de-duplicates), and whether the n-gram is as written. A junior word that
/// is the object of a helping verb ("mentor junior engineers", "coach new hires") is read as
/// [`OTHERS_TOKEN`], and n-grams with it are not as written.
pub fn for_each_ngram(text: &str, mut f: impl FnMut(&str, bool)) {
    // The words, lower-cased one by one (as [`words`] does) into one buffer: a few allocations
    // per text instead of one per word.
    let mut lower = String::with_capacity(text.len());
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for_each_word(text, |word| {
        let start = lower.len();
        push_lowercase(&mut lower, word);
        ends.push((start, lower.len()));
    });
    // Each word, and whether it is as written.
    let mut words: Vec<(&str, bool)> = ends.iter().map(|&(start, end)| (&lower[start..end], true)).collect();
    let mut reader = ObjectReader::default();
    for word in &mut words {
        if reader.reads_as_others(HELPING_VERBS.contains(word.0), JUNIOR_WORDS.binary_search(&word.0).is_ok()) {
            *word = (OTHERS_TOKEN, false);
        }
    }
    let mut ngram = String::new();
    for first in 0..words.len() {
        ngram.clear();
        let mut written = true;
        for (n, &(word, as_written)) in words[first..].iter().take(MAX_NGRAM).enumerate() {
            if n > 0 {
                ngram.push(' ');
            }
            ngram.push_str(word);
            written &= as_written;
            f(&ngram, written);
        }
    }
}

/// Reads a text's words in order and says which junior words are the object of a helping verb.
#[derive(Debug)]
pub(super) struct ObjectReader {
    since_helping_verb: usize,
}

impl Default for ObjectReader {
    fn default() -> ObjectReader {
        ObjectReader { since_helping_verb: usize::MAX }
    }
}

impl ObjectReader {
    /// Takes the next word (whether it is a helping verb, a junior word) and says whether it is
    /// read as [`OTHERS_TOKEN`].
    pub(super) fn reads_as_others(&mut self, helping: bool, junior: bool) -> bool {
        if helping {
            self.since_helping_verb = 0;
            return false;
        }
        self.since_helping_verb = self.since_helping_verb.saturating_add(1);
        self.since_helping_verb <= OBJECT_REACH && junior
    }
}

/// Whether `key` is spelled as [`for_each_ngram`] spells n-grams: 1 to [`MAX_NGRAM`] lower-case
/// words, one space apart.
fn is_canonical_ngram(key: &str) -> bool {
    let parts: Vec<&str> = key.split(' ').collect();
    parts.len() <= MAX_NGRAM && parts.iter().all(|part| words(part) == [*part])
}

fn checksum(data: &str) -> String {
    let mut hash = Fnv1a::default();
    hash.bytes(data.as_bytes());
    hash.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junior_words_are_sorted_for_binary_search() {
        assert!(JUNIOR_WORDS.windows(2).all(|w| w[0] < w[1]), "{JUNIOR_WORDS:?}");
    }

    #[test]
    fn a_junior_word_after_a_helping_verb_describes_someone_else() {
        let unigrams = |text: &str| {
            let mut seen = Vec::new();
            for_each_ngram(text, |g, written| {
                if !g.contains(' ') {
                    seen.push(if written { g.to_string() } else { format!("({g})") })
                }
            });
            seen.join(" ")
        };
        assert_eq!(unigrams("Mentor junior engineers"), "mentor (others) engineers");
        assert_eq!(unigrams("Coaches and supports new hires"), "coaches and supports (others) hires");
        assert_eq!(unigrams("A junior engineer who seeks help"), "a junior engineer who seeks help");
        // Too far from the verb to be its object.
        assert_eq!(unigrams("Helps the team ship new features"), "helps the team ship new features");
    }

    #[test]
    fn ngrams_of_a_text() {
        let mut seen = Vec::new();
        for_each_ngram("Owns the entire-platform!", |g, _| seen.push(g.to_string()));
        assert_eq!(
            seen,
            [
                "owns",
                "owns the",
                "owns the entire",
                "the",
                "the entire",
                "the entire platform",
                "entire",
                "entire platform",
                "platform"
            ]
        );
    }
}
