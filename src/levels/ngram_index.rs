//! The text model's n-grams as tuples of word ids: how a requirement is scored without building
//! an n-gram string per position.
//!
//! Every word of every model n-gram gets an id. A text's words are lower-cased and looked up
//! once each (one hash of a short string per word); an n-gram is then three integers hashed
//! together, and an n-gram with a word the model does not know is never looked up, since no
//! model n-gram holds that word, nor one that starts with words no model n-gram starts with
//! (each key says whether a longer n-gram begins with it). The helping-verb reading of
//! [`for_each_ngram`] is applied on the way, so the n-grams found are exactly the ones the
//! string path finds.
//!
//! [`for_each_ngram`]: super::model::for_each_ngram

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::model::{ObjectReader, HELPING_VERBS, JUNIOR_WORDS, MAX_NGRAM, OTHERS_TOKEN};
use super::words::{for_each_word_key, push_lowercase, LowerWords};

thread_local! {
    /// The word ids of the text [`NgramIndex::for_each_known_in`] reads.
    static WORD_IDS: RefCell<Vec<(u32, bool)>> = const { RefCell::new(Vec::new()) };
}

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

/// What a key of word ids leads to.
#[derive(Clone, Copy, Debug)]
struct KeyInfo {
    /// The position of the n-gram it spells, or [`NO_NGRAM`] when it only begins longer ones.
    position: u32,
    /// Whether a longer n-gram begins with it.
    extends: bool,
}

/// A key that spells no n-gram of the model itself.
const NO_NGRAM: u32 = u32::MAX;

/// Words to what scoring needs to know of them. A word of up to 16 bytes is keyed by its bytes
/// packed into an integer (hashed with a multiply or two and compared at once), a longer one by
/// the string; most words of a text are short.
#[derive(Clone, Debug, Default)]
struct WordTable {
    short: FxHashMap<u128, WordInfo>,
    long: FxHashMap<Box<str>, WordInfo>,
}

impl WordTable {
    /// `word`'s bytes, zero-padded, if it is short: no word holds a NUL, so no two words
    /// share a key.
    #[inline]
    fn packed(word: &str) -> Option<u128> {
        let bytes = word.as_bytes();
        (bytes.len() <= 16).then(|| {
            let mut key = [0u8; 16];
            key[..bytes.len()].copy_from_slice(bytes);
            u128::from_le_bytes(key)
        })
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn entry(&mut self, word: &str) -> &mut WordInfo {
        match Self::packed(word) {
            Some(key) => self.short.entry(key).or_default(),
            None => self.long.entry(word.into()).or_default(),
        }
    }

    /// What is known of the lower-case word packed in `key` (see [`WordTable::packed`]).
    #[inline]
    fn get_key(&self, key: u128) -> WordInfo {
        self.short.get(&key).copied().unwrap_or_default()
    }

    /// What is known of `word` (nothing: id [`UNKNOWN`]).
    #[inline]
    fn get(&self, word: &str) -> WordInfo {
        let found = match Self::packed(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        };
        found.copied().unwrap_or_default()
    }
}

/// The model's n-grams keyed by their words' ids.
#[derive(Clone, Debug, Default)]
pub struct NgramIndex {
    words: WordTable,
    /// Every n-gram of two words or more, and every proper beginning of one.
    ngrams: FxHashMap<[u32; MAX_NGRAM], KeyInfo>,
    /// One-word keys by word id: most words of a text are one, and an index is no hash.
    unigrams: Vec<KeyInfo>,
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
            for (n, word) in ngram.split(' ').take(MAX_NGRAM).enumerate() {
                if n > 0 {
                    index.ngrams.entry(key).or_insert(KeyInfo { position: NO_NGRAM, extends: false }).extends = true;
                }
                let next = index.words.len() as u32 + 1;
                let info = index.words.entry(word);
                if info.id == UNKNOWN {
                    info.id = next;
                }
                key[n] = info.id;
            }
            let entry = index.ngrams.entry(key).or_insert(KeyInfo { position: NO_NGRAM, extends: false });
            // Of equal n-grams, the first keeps its position.
            if entry.position == NO_NGRAM {
                entry.position = position as u32;
            }
        }
        index.unigrams = vec![KeyInfo { position: NO_NGRAM, extends: false }; index.words.len() + 1];
        index.ngrams.retain(|key, info| {
            let one_word = key[1] == UNKNOWN;
            if one_word {
                index.unigrams[key[0] as usize] = *info;
            }
            !one_word
        });
        for verb in HELPING_VERBS.words() {
            index.words.entry(verb).helping = true;
        }
        for word in JUNIOR_WORDS {
            index.words.entry(word).junior = true;
        }
        index.others = index.words.get(OTHERS_TOKEN).id;
        index
    }

    /// Calls `f` with the position of every model n-gram in `text`, once per place it occurs,
    /// and whether it is as written: what [`for_each_ngram`](super::model::for_each_ngram)
    /// followed by a look-up of each n-gram gives, in the same order.
    pub fn for_each_known(&self, text: &LowerWords, f: impl FnMut(u32, bool)) {
        let mut reader = ObjectReader::default();
        let words: Vec<(u32, bool)> =
            text.iter().map(|(word, _)| self.read(&mut reader, self.words.get(word))).collect();
        self.for_each_known_id(&words, f);
    }

    /// [`NgramIndex::for_each_known`] of `text`'s words, read straight from the text: each
    /// ASCII word is lower-cased into its key as it is looked up, with no lower-cased copy of
    /// the text.
    pub fn for_each_known_in(&self, text: &str, f: impl FnMut(u32, bool)) {
        // Every requirement of every posting is read here: the list of its word ids is the
        // thread's, kept from text to text for its room.
        WORD_IDS.with(|words| {
            let mut words = words.borrow_mut();
            words.clear();
            let mut reader = ObjectReader::default();
            let mut lower = String::new();
            for_each_word_key(text, |range, key| {
                let info = match key {
                    Some(key) => self.words.get_key(key),
                    None => {
                        lower.clear();
                        push_lowercase(&mut lower, &text[range]);
                        self.words.get(&lower)
                    }
                };
                words.push(self.read(&mut reader, info));
            });
            self.for_each_known_id(&words, f);
        });
    }

    /// A word's id as the n-grams read it: its own, or [`OTHERS_TOKEN`]'s as the object of a
    /// helping verb.
    #[inline]
    fn read(&self, reader: &mut ObjectReader, info: WordInfo) -> (u32, bool) {
        if reader.reads_as_others(info.helping, info.junior) {
            (self.others, false)
        } else {
            (info.id, true)
        }
    }

    /// The n-grams of a text's word ids (each with whether it is as written).
    fn for_each_known_id(&self, words: &[(u32, bool)], mut f: impl FnMut(u32, bool)) {
        for first in 0..words.len() {
            let mut key = [UNKNOWN; MAX_NGRAM];
            let mut written = true;
            for (n, &(id, as_written)) in words[first..].iter().take(MAX_NGRAM).enumerate() {
                if id == UNKNOWN {
                    break;
                }
                key[n] = id;
                written &= as_written;
                let found = if n == 0 {
                    self.unigrams[id as usize]
                } else {
                    let Some(&found) = self.ngrams.get(&key) else { break };
                    found
                };
                if found.position != NO_NGRAM {
                    f(found.position, written);
                }
                if !found.extends {
                    break;
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
            "internationalization",
            "internationalization of",
        ];
        let index = NgramIndex::new(ngrams);
        for text in [
            "",
            "Mentor junior engineers and own the entire platform",
            "Mentor Junior Engineers; a junior engineer who seeks help",
            "Coach new hires. Helps the team ship new features",
            "OWNS THE ENTIRE-platform!! Ünïcode wörds, 5+ years of k8s",
            "mentor mentor junior junior junior junior",
            "INTERNATIONALIZATION of Internationalizations, internationalization",
            "the entire the entire the entire",
            "unknown words only here",
        ] {
            let mut found = Vec::new();
            index.for_each_known(&LowerWords::new(text), |position, written| found.push((position, written)));
            assert_eq!(found, by_strings(&ngrams, text), "{text:?}");
            let mut in_text = Vec::new();
            index.for_each_known_in(text, |position, written| in_text.push((position, written)));
            assert_eq!(in_text, found, "{text:?}");
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
