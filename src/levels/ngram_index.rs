//! The text model's n-grams as tuples of word ids: how a requirement is scored without building
//! an n-gram string per position.
//!
//! Every word of every model n-gram gets an id. A text's words are lower-cased and looked up
//! once each (one hash of a short string per word); an n-gram is then three integers hashed
//! together, and an n-gram with a word the model does not know is never looked up, since no
//! model n-gram holds that word. The helping-verb reading of [`for_each_ngram`] is applied on
//! the way, so the n-grams found are exactly the ones the string path finds.
//!
//! [`for_each_ngram`]: super::model::for_each_ngram

use rustc_hash::FxHashMap;

use super::model::{ObjectReader, HELPING_VERBS, JUNIOR_WORDS, MAX_NGRAM, OTHERS_TOKEN};
use super::words::LowerWords;

/// No word of the model: ids start at 1 so that 0 can fill the unused places of a key.
const UNKNOWN: u32 = 0;

/// What scoring needs to know of one lower-case word.
#[derive(Clone, Copy, Debug, Default)]
struct WordInfo {
    /// The word's id, or [`UNKNOWN`].
    id: u32,
    /// Whether it is a helping verb (its object may be read as [`OTHERS_TOKEN`]).
    helping: bool,
    /// Whether it is a junior word.
    junior: bool,
}

/// The model's n-grams keyed by their words' ids.
#[derive(Clone, Debug, Default)]
pub struct NgramIndex {
    words: FxHashMap<Box<str>, WordInfo>,
    ngrams: FxHashMap<[u32; MAX_NGRAM], u32>,
    /// The id of [`OTHERS_TOKEN`], or [`UNKNOWN`] when no n-gram has it.
    others: u32,
}

impl NgramIndex {
    /// Indexes `ngrams` (canonical: lower-case words one space apart); an n-gram's value is its
    /// position in the slice.
    pub fn new<'a>(ngrams: impl IntoIterator<Item = &'a str>) -> NgramIndex {
        let mut index = NgramIndex::default();
        for (position, ngram) in ngrams.into_iter().enumerate() {
            let mut key = [UNKNOWN; MAX_NGRAM];
            for (place, word) in key.iter_mut().zip(ngram.split(' ')) {
                let next = index.words.len() as u32 + 1;
                let info = index.words.entry(word.into()).or_default();
                if info.id == UNKNOWN {
                    info.id = next;
                }
                *place = info.id;
            }
            index.ngrams.entry(key).or_insert(position as u32);
        }
        for verb in HELPING_VERBS.words() {
            index.words.entry((*verb).into()).or_default().helping = true;
        }
        for word in JUNIOR_WORDS {
            index.words.entry((*word).into()).or_default().junior = true;
        }
        index.others = index.words.get(OTHERS_TOKEN).map_or(UNKNOWN, |info| info.id);
        index
    }

    /// Calls `f` with the position of every model n-gram in `text`, once per place it occurs,
    /// and whether it is as written: what [`for_each_ngram`](super::model::for_each_ngram)
    /// followed by a look-up of each n-gram gives, in the same order.
    pub fn for_each_known(&self, text: &LowerWords, mut f: impl FnMut(u32, bool)) {
        let mut reader = ObjectReader::default();
        let mut words: Vec<(u32, bool)> = Vec::with_capacity(text.len());
        for (word, _) in text.iter() {
            let info = self.words.get(word).copied().unwrap_or_default();
            words.push(if reader.reads_as_others(info.helping, info.junior) {
                (self.others, false)
            } else {
                (info.id, true)
            });
        }
        for first in 0..words.len() {
            let mut key = [UNKNOWN; MAX_NGRAM];
            let mut written = true;
            for (n, &(id, as_written)) in words[first..].iter().take(MAX_NGRAM).enumerate() {
                if id == UNKNOWN {
                    break;
                }
                key[n] = id;
                written &= as_written;
                if let Some(&position) = self.ngrams.get(&key) {
                    f(position, written);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::for_each_ngram;
    use super::*;

    /// (position, as written) of the model n-grams in `text`, the string way.
    fn by_strings(ngrams: &[&str], text: &str) -> Vec<(u32, bool)> {
        let mut found = Vec::new();
        for_each_ngram(text, |ngram, written| {
            if let Some(position) = ngrams.iter().position(|g| *g == ngram) {
                found.push((position as u32, written));
            }
        });
        found
    }

    #[test]
    fn ids_find_what_ngram_strings_find() {
        let ngrams = [
            "mentor",
            "mentor others",
            "others",
            "others engineers",
            "junior",
            "junior engineer",
            "owns the entire",
            "the entire",
            "platform",
            "new",
            "coach new",
            "wörds",
            "k8s",
            "5",
            "years of",
        ];
        let index = NgramIndex::new(ngrams);
        for text in [
            "",
            "Mentor junior engineers and own the entire platform",
            "Mentor Junior Engineers; a junior engineer who seeks help",
            "Coach new hires. Helps the team ship new features",
            "OWNS THE ENTIRE-platform!! Ünïcode wörds, 5+ years of k8s",
            "mentor mentor junior junior junior junior",
            "the entire the entire the entire",
            "unknown words only here",
        ] {
            let mut found = Vec::new();
            index.for_each_known(&LowerWords::new(text), |position, written| found.push((position, written)));
            assert_eq!(found, by_strings(&ngrams, text), "{text:?}");
        }
    }

    #[test]
    fn others_is_unknown_when_no_ngram_has_it() {
        let index = NgramIndex::new(["mentor", "engineers"]);
        let mut found = Vec::new();
        index.for_each_known(&LowerWords::new("mentor junior engineers"), |position, written| {
            found.push((position, written))
        });
        assert_eq!(found, [(0, true), (1, true)]);
    }
}
