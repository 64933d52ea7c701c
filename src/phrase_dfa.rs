//! A leftmost-longest search for a small set of phrases in any ASCII case, run where every
//! byte of most of a posting is read (the context cues of each requirement).
//!
//! The automaton is the `aho-corasick` crate's own DFA, built as before; its transitions are
//! then copied once into a table of our own, rows of byte classes, so that the search loop
//! holds the table in registers and does one load, one add and one compare a byte. The
//! crate's generic loop, reached through its automaton trait object, took about twice the
//! instructions a byte. The search steps through the copy exactly as the crate's leftmost
//! search steps through its DFA (a match state records a match, the dead state ends the
//! search), so it finds the same matches; a test compares the two tables state by state and
//! byte by byte, and the two searches on generated texts.

use std::ops::Range;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, BuildError, MatchKind, StartKind};

/// The phrases' leftmost-longest automaton as a table of our own.
#[derive(Clone, Debug)]
pub(crate) struct PhraseDfa {
    /// Each byte's class: the bytes no phrase holds share one, a letter's two cases another.
    classes: [u8; 256],
    /// How many classes there are: the width of a row.
    width: u32,
    /// Row by row, each class's next state, as the offset of its row. The dead state is row 0,
    /// the match states the rows after it, so that one compare finds either.
    table: Vec<u32>,
    /// States before this offset are dead or match.
    special_below: u32,
    /// Of each match state (by row, less one), the phrase it matches and its length.
    matches: Vec<(u32, u32)>,
    /// The offset of the start state's row.
    start: u32,
}

/// The dead state's offset: the search stops there.
const DEAD: u32 = 0;

impl PhraseDfa {
    /// The automaton of `phrases`, matched in any ASCII case, leftmost-longest. An empty
    /// phrase is refused: it would match everywhere.
    pub(crate) fn new(phrases: &[&str]) -> Result<PhraseDfa, BuildError> {
        let dfa = Self::crate_dfa(phrases)?;
        assert!(phrases.iter().all(|p| !p.is_empty()), "no phrase is empty");
        // Classes from the phrases' bytes: a byte no phrase holds leads every state where any
        // other such byte does, and a letter's cases are one byte to a folding automaton.
        let mut classes = [0u8; 256];
        let mut representatives: Vec<u8> = vec![0];
        for &byte in phrases.iter().flat_map(|p| p.as_bytes()) {
            let byte = byte.to_ascii_lowercase();
            if byte != 0 && classes[usize::from(byte)] == 0 {
                let class = u8::try_from(representatives.len()).expect("fewer than 256 distinct bytes");
                representatives.push(byte);
                classes[usize::from(byte)] = class;
                classes[usize::from(byte.to_ascii_uppercase())] = class;
            }
        }
        // A NUL in a phrase would share class 0 with the bytes no phrase holds.
        assert!(!phrases.iter().any(|p| p.as_bytes().contains(&0)), "no phrase holds a NUL");
        let width = representatives.len() as u32;

        // Every state the search can reach, breadth first from the start, with its next state
        // for each class. A state is known by its id, an offset into the crate's table: a
        // vector indexed by it says where a state was met.
        const UNSEEN: u32 = u32::MAX;
        let mut met_at: Vec<u32> = Vec::new();
        let mut meet = |state: StateID, states: &mut Vec<StateID>| {
            let id = state.as_usize();
            if met_at.len() <= id {
                met_at.resize(id + 1, UNSEEN);
            }
            if met_at[id] == UNSEEN {
                met_at[id] = states.len() as u32;
                states.push(state);
            }
        };
        let start = dfa.start_state(Anchored::No).expect("an unanchored start state");
        let mut states = Vec::new();
        meet(start, &mut states);
        let mut next_states: Vec<StateID> = Vec::new();
        let mut next = 0;
        while next < states.len() {
            let state = states[next];
            next += 1;
            for &byte in &representatives {
                // The dead state's transitions are never taken.
                let to = if dfa.is_dead(state) { state } else { dfa.next_state(Anchored::No, state, byte) };
                meet(to, &mut states);
                next_states.push(to);
            }
        }
        // Rows: the dead state (row 0, whether or not a search can reach it), the match
        // states, then the others.
        let is_match: Vec<bool> = states.iter().map(|&s| dfa.is_match(s)).collect();
        let mut row_of = vec![0u32; states.len()];
        let mut rows = 1;
        for pass in [true, false] {
            for (met, &state) in states.iter().enumerate() {
                if is_match[met] == pass && !dfa.is_dead(state) {
                    row_of[met] = rows;
                    rows += 1;
                }
            }
        }
        let special_rows = 1 + is_match.iter().filter(|&&m| m).count();
        let mut table = vec![DEAD; rows as usize * width as usize];
        let mut match_states = vec![start; special_rows - 1];
        for (met, &state) in states.iter().enumerate() {
            let row = row_of[met] as usize;
            if row == 0 {
                continue;
            }
            if is_match[met] {
                match_states[row - 1] = state;
            }
            let from = &next_states[met * width as usize..(met + 1) * width as usize];
            for (slot, to) in table[row * width as usize..(row + 1) * width as usize].iter_mut().zip(from) {
                *slot = row_of[met_at[to.as_usize()] as usize] * width;
            }
        }
        let matches = match_states
            .iter()
            .map(|&state| {
                // A leftmost automaton's state matches one phrase, the one the search reports.
                let phrase = dfa.match_pattern(state, 0);
                (phrase.as_u32(), dfa.pattern_len(phrase) as u32)
            })
            .collect();
        Ok(PhraseDfa {
            classes,
            width,
            table,
            special_below: special_rows as u32 * width,
            matches,
            start: row_of[met_at[start.as_usize()] as usize] * width,
        })
    }

    /// The crate's DFA of `phrases`, as the search copies it.
    fn crate_dfa(phrases: &[&str]) -> Result<DFA, BuildError> {
        DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(phrases)
    }

    /// The leftmost-longest phrase in `haystack` at or after `at`: its index and range. (Kept
    /// out of its callers: inlined into the cue reader, the loop ran 2% more instructions a
    /// posting.)
    #[inline(never)]
    pub(crate) fn find_at(&self, haystack: &[u8], at: usize) -> Option<(usize, Range<usize>)> {
        let (table, classes, special_below) = (self.table.as_slice(), &self.classes, self.special_below);
        let mut state = self.start;
        let mut found = None;
        let mut end = at;
        while end < haystack.len() {
            state = table[(state + u32::from(classes[usize::from(haystack[end])])) as usize];
            end += 1;
            if state < special_below {
                if state == DEAD {
                    break;
                }
                // A match state: the longest match so far; a longer one may follow.
                let (phrase, len) = self.matches[(state / self.width) as usize - 1];
                found = Some((phrase as usize, end - len as usize..end));
            }
        }
        found
    }

    /// Every leftmost-longest phrase of `haystack`, one after another, none overlapping.
    pub(crate) fn find_iter<'a>(&'a self, haystack: &'a [u8]) -> impl Iterator<Item = (usize, Range<usize>)> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            let found = self.find_at(haystack, at)?;
            at = found.1.end;
            Some(found)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::XorShift;
    use aho_corasick::AhoCorasick;
    use rustc_hash::FxHashMap;

    const PHRASES: &[&str] = &[
        "ability to",
        "to apply",
        "apply",
        "you",
        "your",
        "your application",
        "we ",
        "we’re",
        "we offer",
        "will be",
        "equal opportunity",
        "benefits",
        "experience",
        "C#",
    ];

    #[test]
    fn the_table_steps_as_the_crates_dfa_from_every_state_on_every_byte() {
        let ours = PhraseDfa::new(PHRASES).expect("phrases build");
        let theirs = PhraseDfa::crate_dfa(PHRASES).expect("phrases build");
        // Walk both from the start over every byte, pairing states as they are met.
        let mut pairs = vec![(ours.start, theirs.start_state(Anchored::No).expect("a start"))];
        let mut seen: FxHashMap<u32, StateID> = FxHashMap::default();
        seen.insert(pairs[0].0, pairs[0].1);
        while let Some((row, state)) = pairs.pop() {
            assert_eq!(row == DEAD, theirs.is_dead(state));
            assert_eq!(row != DEAD && row < ours.special_below, theirs.is_match(state));
            if row == DEAD {
                continue;
            }
            for byte in 0..=255u8 {
                let next_row = ours.table[(row + u32::from(ours.classes[usize::from(byte)])) as usize];
                let next_state = theirs.next_state(Anchored::No, state, byte);
                match seen.get(&next_row) {
                    Some(&paired) => assert_eq!(paired, next_state, "byte {byte:#x}"),
                    None => {
                        seen.insert(next_row, next_state);
                        pairs.push((next_row, next_state));
                    }
                }
            }
        }
        let reached = seen.keys().filter(|&&row| row != DEAD).count();
        assert_eq!((reached + 1) * ours.width as usize, ours.table.len(), "every row but the dead one is reached");
    }

    #[test]
    fn the_search_finds_what_the_crates_search_finds() {
        let ours = PhraseDfa::new(PHRASES).expect("phrases build");
        let theirs = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(PHRASES)
            .expect("phrases build");
        let pieces = [
            "ability",
            " to",
            " apply",
            "capability",
            "YOU",
            "r",
            " application",
            "We",
            " ",
            "’re",
            "we’",
            "offer",
            "will",
            " be",
            "Equal",
            " opportunity",
            "benefit",
            "s",
            "experi",
            "ence",
            "c#",
            "é",
            "\n",
            "x",
        ];
        let mut rng = XorShift::new(41);
        for _ in 0..20_000 {
            let text: String = (0..rng.below(12)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let found: Vec<(usize, Range<usize>)> = ours.find_iter(text.as_bytes()).collect();
            let expected: Vec<(usize, Range<usize>)> =
                theirs.find_iter(&text).map(|m| (m.pattern().as_usize(), m.range())).collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }
}
