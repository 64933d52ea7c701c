//! Where a mention may start, and the anchored walk that finds the aliases starting there.
//!
//! Searching from every position makes an automaton meet an alias inside most words (`go` in
//! `good`, `r` everywhere) only for the word-boundary check to throw it away. A mention that
//! can be accepted starts at the start of a word, or at a character that is not part of a word
//! (`.NET` in `ASP.NET`, `#`). [`StartIndex`] says, for such a position, which automata have an
//! alias that may start there: at a word start the whole word decides, with one hash lookup
//! (an alias begins with that very word, or with it less a plural or verb ending); at another
//! character, its byte and the next one. Only those automata are walked, anchored, by
//! [`Walker`].

use aho_corasick::{Anchored, MatchKind, StartKind};
use rustc_hash::FxHashMap;

/// Letters, digits and `_` among ASCII bytes: `is_word_char` without decoding.
pub(super) const ASCII_WORD: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// The endings a one-word alias may take when it is accepted (plurals in either case, verb
/// forms), so that "APIs" and "mentored" still find "API" and "mentor".
const WORD_ENDINGS: &[&str] = &["s", "es", "d", "ed", "ing"];

/// The longest word looked up; a longer one is walked without asking.
const LONGEST_WORD: usize = 48;

/// Which automata may have an alias starting at a position, as bits (automaton `i` is bit
/// `i`; automata past the 64th are always walked).
#[derive(Clone, Debug)]
pub(super) struct StartIndex {
    /// First words of the aliases, ASCII-folded (also for the exact-case automata: the filter
    /// may let through more than matches, never less), with the endings of one-word aliases.
    first_words: FxHashMap<Box<[u8]>, u64>,
    /// Per ASCII-folded byte that is not a word character: automata with an alias starting
    /// with it.
    non_word_first: Box<[u64; 256]>,
}

impl Default for StartIndex {
    fn default() -> Self {
        StartIndex { first_words: FxHashMap::default(), non_word_first: Box::new([0; 256]) }
    }
}

impl StartIndex {
    /// Adds automaton `index`'s patterns.
    pub(super) fn add<P: AsRef<[u8]>>(&mut self, index: usize, patterns: &[P]) {
        let bit = if index < 64 { 1u64 << index } else { 0 };
        for pattern in patterns {
            let pattern = pattern.as_ref();
            let Some(&first) = pattern.first() else { continue };
            if first >= 0x80 {
                // A character beyond ASCII may or may not be part of a word; when it is not
                // (`•`, `€`), the position is looked up by its first byte.
                self.non_word_first[usize::from(first)] |= bit;
            }
            let word_len = pattern.iter().take_while(|&&b| b >= 0x80 || ASCII_WORD[usize::from(b)]).count();
            if word_len == 0 {
                self.non_word_first[usize::from(first.to_ascii_lowercase())] |= bit;
                continue;
            }
            let word = pattern[..word_len].to_ascii_lowercase();
            if word_len == pattern.len() {
                for ending in WORD_ENDINGS {
                    let mut longer = word.clone();
                    longer.extend_from_slice(ending.as_bytes());
                    *self.first_words.entry(longer.into()).or_default() |= bit;
                }
            }
            *self.first_words.entry(word.into()).or_default() |= bit;
        }
    }

    /// The automata that may have an alias starting at `at` (a char boundary of `bytes`);
    /// `word_start` says that a word starts there.
    #[inline]
    pub(super) fn at(&self, bytes: &[u8], at: usize, word_start: bool) -> u64 {
        if !word_start {
            return self.non_word_first[usize::from(bytes[at].to_ascii_lowercase())];
        }
        let rest = &bytes[at..];
        let len = rest.iter().take_while(|&&b| b < 0x80 && ASCII_WORD[usize::from(b)]).count();
        // A word with a letter beyond ASCII, or a very long one, is rare: walk them all.
        if len > LONGEST_WORD || rest.get(len).is_some_and(|&b| b >= 0x80) {
            return u64::MAX;
        }
        let mut folded = [0u8; LONGEST_WORD];
        for (to, from) in folded.iter_mut().zip(&rest[..len]) {
            *to = from.to_ascii_lowercase();
        }
        self.first_words.get(&folded[..len]).copied().unwrap_or(0)
    }
}

/// An anchored leftmost-longest automaton the scan walks itself: a concrete type, so that
/// each byte's transition is inlined rather than a dynamic call through `AhoCorasick`.
#[derive(Clone, Debug)]
pub(super) enum Walker {
    /// For the small exact-case pattern sets: one lookup a byte.
    Dfa(aho_corasick::dfa::DFA),
    /// For the large any-case ones: compact.
    Nfa(aho_corasick::nfa::contiguous::NFA),
}

impl Walker {
    pub(super) fn new<P: AsRef<[u8]>>(
        patterns: &[P],
        any_case: bool,
        max_dfa_patterns: usize,
    ) -> Result<Walker, aho_corasick::BuildError> {
        if !any_case && patterns.len() <= max_dfa_patterns {
            let dfa = aho_corasick::dfa::DFA::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .prefilter(false)
                .build(patterns)?;
            return Ok(Walker::Dfa(dfa));
        }
        let nfa = aho_corasick::nfa::contiguous::NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(any_case)
            .prefilter(false)
            .build(patterns)?;
        Ok(Walker::Nfa(nfa))
    }

    /// Every pattern that starts at `at`, as (end, pattern id), shortest first: the match
    /// states an anchored walk passes through whose pattern spans the walk (in a
    /// leftmost-longest automaton, each prefix of the longest match that is itself a pattern).
    pub(super) fn matches_at(&self, bytes: &[u8], at: usize, out: &mut Vec<(usize, usize)>) {
        match self {
            Walker::Dfa(dfa) => walk(dfa, bytes, at, out),
            Walker::Nfa(nfa) => walk(nfa, bytes, at, out),
        }
    }
}

fn walk<A: aho_corasick::automaton::Automaton>(automaton: &A, bytes: &[u8], at: usize, out: &mut Vec<(usize, usize)>) {
    out.clear();
    // Both kinds are built to allow anchored searches, so this cannot fail.
    let Ok(mut state) = automaton.start_state(Anchored::Yes) else { return };
    for (i, &byte) in bytes[at..].iter().enumerate() {
        state = automaton.next_state(Anchored::Yes, state, byte);
        if automaton.is_special(state) {
            if automaton.is_dead(state) {
                return;
            }
            if automaton.is_match(state) {
                // A state also holds matches that an unanchored search reaches through
                // failure links ("ner" at the end of "partner"): only one that spans the whole
                // walk starts here.
                let pattern = automaton.match_pattern(state, 0);
                if automaton.pattern_len(pattern) == i + 1 {
                    out.push((at + i + 1, pattern.as_usize()));
                }
            }
        }
    }
}
