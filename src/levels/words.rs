//! The word-level reading the level stages share: a text's words (maximal runs of letters and
//! digits) and fixed word lists looked up once per word.
//!
//! The text model and the similarity index read every word of every requirement, so these are
//! on the level call's hot path: ASCII is read a byte at a time (sixteen at a time where the
//! text model looks words up by their packed bytes), and a list is a hash set built on first
//! use rather than a binary search of string comparisons.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::byteset::{ascii_alphanumeric_run_at, first_non_ascii, packed_ascii_lowercase, ASCII_ALPHANUMERIC};

/// Calls `f` with each maximal run of letters and digits of `text`, in order: what
/// `text.split(|c: char| !c.is_alphanumeric())` yields less its empty pieces, with ASCII read a
/// byte at a time (the split's per-character search is most of the cost of short texts).
pub fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    for_each_word_range(text, |range, _| f(&text[range]));
}

/// Calls `f` with the byte range of each word of `text` (as [`for_each_word`]) and whether the
/// word is all ASCII.
pub(crate) fn for_each_word_range(text: &str, mut f: impl FnMut(Range<usize>, bool)) {
    let mut at = 0;
    // Alternates between a run of other characters and a word.
    while at < text.len() {
        let (is_word, width) = char_at(text, at);
        if !is_word {
            at += width;
            continue;
        }
        let (end, ascii) = word_end(text, at + width, width == 1);
        f(at..end, ascii);
        at = end;
    }
}

/// Calls `f` with the byte range of each word of `text` (as [`for_each_word`]) and, for an
/// ASCII word of up to 16 bytes, its key ([`packed_ascii_lowercase`]): what the text model looks
/// words up by. An ASCII word is read sixteen bytes at a time where the text has them.
pub(crate) fn for_each_word_key(text: &str, mut f: impl FnMut(Range<usize>, Option<u128>)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let ascii_run = ASCII_ALPHANUMERIC.contains(bytes[at]).then(|| ascii_alphanumeric_run_at(bytes, at));
        let (word, key) = match ascii_run {
            // Unless a character beyond ASCII follows, which may go on with the word.
            Some(run) if !run.more => (run.range(), run.key),
            _ => {
                let (is_word, width) = char_at(text, at);
                if !is_word {
                    at += width;
                    continue;
                }
                let (end, ascii) = word_end(text, at + width, width == 1);
                (at..end, if ascii { packed_ascii_lowercase(bytes, at..end) } else { None })
            }
        };
        at = word.end;
        f(word, key);
    }
}

/// Whether the character at `at` is part of a word (a letter or digit), and its width: ASCII by
/// a byte test, anything else by decoding it.
#[inline]
fn char_at(text: &str, at: usize) -> (bool, usize) {
    match text.as_bytes()[at] {
        byte @ 0..=0x7f => (ASCII_ALPHANUMERIC.contains(byte), 1),
        _ => {
            let c = text[at..].chars().next().unwrap_or_default();
            (c.is_alphanumeric(), c.len_utf8())
        }
    }
}

/// Where the word that goes on at `at` ends, and whether it is all ASCII (`ascii`: so far).
#[inline]
fn word_end(text: &str, mut at: usize, mut ascii: bool) -> (usize, bool) {
    let bytes = text.as_bytes();
    while at < bytes.len() {
        if ASCII_ALPHANUMERIC.contains(bytes[at]) {
            at += 1;
            continue;
        }
        let (is_word, width) = char_at(text, at);
        if !is_word {
            break;
        }
        ascii &= width == 1;
        at += width;
    }
    (at, ascii)
}

/// Appends `text` lower-cased to `buffer`, as `str::to_lowercase` lower-cases it: runs of
/// ASCII are copied and lower-cased in place, other characters mapped one at a time. A capital
/// sigma, whose lower case depends on where it stands in its word, is left to
/// `str::to_lowercase`, which knows that context.
pub fn push_lowercase(buffer: &mut String, text: &str) {
    if text.contains('Σ') {
        buffer.push_str(&text.to_lowercase());
        return;
    }
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = first_non_ascii(rest.as_bytes()).unwrap_or(rest.len());
        let start = buffer.len();
        buffer.push_str(&rest[..ascii]);
        buffer[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        while let Some(c) = chars.next().filter(|c| !c.is_ascii()) {
            buffer.extend(c.to_lowercase());
            rest = chars.as_str();
        }
    }
}

/// A text's words, lower-cased once into one buffer: read by both the text model and the
/// similarity index, which would otherwise each split and lower-case the text again.
#[derive(Clone, Debug, Default)]
pub struct LowerWords {
    lower: String,
    /// Each word's range in `lower`, and its length in bytes as written.
    words: Vec<(Range<usize>, usize)>,
}

impl LowerWords {
    /// The words of `text` ([`for_each_word`]), each lower-cased as [`push_lowercase`] does.
    pub fn new(text: &str) -> LowerWords {
        // ASCII words are read in place in a copy of the whole text with its ASCII lower-cased
        // (one pass, no copy per word); other words are lower-cased whole and appended.
        let mut lower = text.to_ascii_lowercase();
        // Room for words of five bytes and a separator on average, so that few texts regrow.
        let mut words = Vec::with_capacity(text.len() / 6 + 1);
        for_each_word_range(text, |range, ascii| {
            let written_len = range.len();
            if ascii {
                words.push((range, written_len));
            } else {
                let start = lower.len();
                push_lowercase(&mut lower, &text[range]);
                words.push((start..lower.len(), written_len));
            }
        });
        LowerWords { lower, words }
    }

    /// Each word lower-cased, with its length in bytes as written (which lower-casing may
    /// change outside ASCII).
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.words.iter().map(|(range, written_len)| (&self.lower[range.clone()], *written_len))
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the text has no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
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

    /// The words of the set.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
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
        for text in [
            "",
            "a",
            " Go, Rust & C++ ",
            "Ünïcode—wörds…x2",
            "5+ years' k8s/AWS",
            "日本語 テキスト",
            "ab\u{300}c d",
            "naïveté—café,x",
            "é",
            "…",
            "end.",
        ] {
            let mut found = Vec::new();
            for_each_word(text, |w| found.push(w));
            let split: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(found, split, "{text:?}");
        }
    }

    #[test]
    fn keyed_words_are_the_words_with_their_keys() {
        // Short and long words, words that go on beyond ASCII, `_` (not a letter here), and
        // texts long enough to be read sixteen bytes at a time.
        let pieces =
            ["Kafka", "k8s", "_", " ", ", ", "wörds", "Ünïcode", "AWS", "x", "—", "internationalization", "42"];
        let mut rng = crate::test_rng::XorShift::new(0x5eed_0002);
        for _ in 0..500 {
            let text = rng.text(&pieces, 16);
            let mut expected = Vec::new();
            for_each_word_range(&text, |range, ascii| {
                let key = if ascii { packed_ascii_lowercase(text.as_bytes(), range.clone()) } else { None };
                expected.push((range, key));
            });
            let mut found = Vec::new();
            for_each_word_key(&text, |range, key| found.push((range, key)));
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn lower_words_are_each_word_lower_cased() {
        for text in ["Mentor JUNIOR engineers", "Ünïcode—WÖRDS…x2 İstanbul", "ΟΔΟΣ and K\u{212a}", ""] {
            let mut expected = Vec::new();
            for_each_word(text, |word| {
                let mut lower = String::new();
                push_lowercase(&mut lower, word);
                expected.push((lower, word.len()));
            });
            let words = LowerWords::new(text);
            let found: Vec<(String, usize)> = words.iter().map(|(w, n)| (w.to_string(), n)).collect();
            assert_eq!(found, expected, "{text:?}");
            assert_eq!(words.len(), expected.len());
        }
    }

    #[test]
    fn lower_casing_is_what_str_to_lowercase_does() {
        for text in [
            "",
            "Mentor JUNIOR engineers",
            "Ünïcode—WÖRDS…x2 İstanbul",
            "ΟΔΟΣ and ΟΔΟΣ. Σ ΣΑ",
            "K\u{212a}elvin ẞ ǅ Ⅻ ﬁ",
            "日本語 テキスト, “Quoted” — Ä.",
            "é",
        ] {
            let mut lower = String::from("kept ");
            push_lowercase(&mut lower, text);
            assert_eq!(lower, format!("kept {}", text.to_lowercase()), "{text:?}");
        }
    }

    #[test]
    fn a_word_set_holds_its_words_only() {
        static SET: WordSet = WordSet::new(&["and", "the"]);
        assert!(SET.contains("the") && SET.contains("and"));
        assert!(!SET.contains("The") && !SET.contains("them") && !SET.contains(""));
    }
}
