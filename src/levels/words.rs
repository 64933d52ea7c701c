//! The word-level reading the level stages share: a text's words (maximal runs of letters and
//! digits) and fixed word lists looked up once per word.
//!
//! The text model and the similarity index read every word of every requirement, so these are
//! on the level call's hot path: ASCII is read a byte at a time, and a list is a hash set built
//! on first use rather than a binary search of string comparisons.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// Calls `f` with each maximal run of letters and digits of `text`, in order: what
/// `text.split(|c: char| !c.is_alphanumeric())` yields less its empty pieces, with ASCII read a
/// byte at a time (the split's per-character search is most of the cost of short texts).
pub fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let mut start = None;
    let mut at = 0;
    while at < bytes.len() {
        let (is_word, width) = match bytes[at] {
            byte @ 0..=0x7f => (byte.is_ascii_alphanumeric(), 1),
            _ => {
                let c = text[at..].chars().next().unwrap_or_default();
                (c.is_alphanumeric(), c.len_utf8())
            }
        };
        match (is_word, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                f(&text[from..at]);
                start = None;
            }
            _ => {}
        }
        at += width;
    }
    if let Some(from) = start {
        f(&text[from..]);
    }
}

/// Appends `word` lower-cased to `buffer`: byte by byte when it is ASCII, else with
/// `str::to_lowercase`, which knows context (a final sigma) where `char::to_lowercase` does not.
pub fn push_lowercase(buffer: &mut String, word: &str) {
    if word.is_ascii() {
        buffer.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        buffer.push_str(&word.to_lowercase());
    }
}

/// A fixed list of lower-case words, looked up by hash.
pub struct WordSet {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordSet {
    /// The set of `words`, built on first use.
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet { words, set: OnceLock::new() }
    }

    /// Whether `word` is in the set.
    pub fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| self.words.iter().copied().collect()).contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_runs_a_split_on_other_characters_gives() {
        for text in
            ["", "a", " Go, Rust & C++ ", "Ünïcode—wörds…x2", "5+ years' k8s/AWS", "日本語 テキスト", "ab\u{300}c d"]
        {
            let mut found = Vec::new();
            for_each_word(text, |w| found.push(w));
            let split: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(found, split, "{text:?}");
        }
    }

    #[test]
    fn a_word_set_holds_its_words_only() {
        static SET: WordSet = WordSet::new(&["and", "the"]);
        assert!(SET.contains("the") && SET.contains("and"));
        assert!(!SET.contains("The") && !SET.contains("them") && !SET.contains(""));
    }
}
