//! A search for a small set of phrases in any ASCII case, run where every byte of most of a
//! posting is read: leftmost-longest for the context cues of each requirement, every match
//! (overlapping) for the level signals of each requirement.
//!
//! The automaton is the `aho-corasick` crate's own, with the semantics of its DFA; its
//! transitions are copied once into a table of our own, rows of byte classes, whose address
//! and length the search loop keeps in registers: a byte costs a class load, a table load and
//! two compares. The crate's generic loop, reached through its automaton trait object, ran
//! about 17 instructions a byte on the context cues (callgrind); this one about 13, and 8 on
//! the level signals. The search steps through the copy exactly as the crate's searches step
//! through its DFA (a match state records a match, the dead state ends a leftmost search;
//! every match state reports its matches in the crate's order when all are wanted), so it
//! finds the same matches; tests compare the two tables state by state and byte by byte, and
//! the searches on generated texts.

use std::ops::Range;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, BuildError, MatchKind};

/// The phrases' automaton as a table of our own.
#[derive(Clone, Debug)]
pub(crate) struct PhraseDfa {
    /// The matches it was built to find, which decide its search.
    kind: Matches,
    /// Each byte's class: the bytes no phrase holds share one, a letter's two cases another.
    classes: [u8; 256],
    /// How many classes there are: the width of a row.
    width: u32,
    /// Row by row, each class's next state, as the offset of its row. The dead state is row 0,
    /// the match states the rows after it, so that one compare finds either.
    table: Vec<u32>,
    /// States before this offset are dead or match.
    special_below: u32,
    /// Of each match state (by row, less one), where its matches start in `matches`; one more
    /// entry closes the last.
    match_starts: Vec<u32>,
    /// The phrases each match state matches, and their lengths, in the crate's order.
    matches: Vec<(u32, u32)>,
    /// The offset of the start state's row.
    start: u32,
}

/// The dead state's offset: the search stops there.
const DEAD: u32 = 0;

/// Which matches a [`PhraseDfa`] finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Matches {
    /// Of overlapping phrases, the one starting first, and of those the longest
    /// ([`PhraseDfa::find_iter`]).
    LeftmostLongest,
    /// Every phrase wherever it occurs ([`PhraseDfa::for_each_overlapping`]).
    All,
}

impl Matches {
    /// The crate's name for the same matches.
    fn crate_kind(self) -> MatchKind {
        match self {
            Matches::LeftmostLongest => MatchKind::LeftmostLongest,
            Matches::All => MatchKind::Standard,
        }
    }
}

impl PhraseDfa {
    /// The automaton of `phrases`, matched in any ASCII case. An empty phrase is refused (it
    /// would match everywhere): callers reject them first.
    pub(crate) fn new<P: AsRef<str>>(phrases: &[P], kind: Matches) -> Result<PhraseDfa, BuildError> {
        assert!(phrases.iter().all(|p| !p.as_ref().is_empty()), "no phrase is empty");
        let dfa = Self::crate_automaton(phrases, kind)?;
        // Classes from the phrases' bytes: a byte no phrase holds leads every state where any
        // other such byte does, and a letter's cases are one byte to a folding automaton.
        // Class 0 is the bytes no phrase holds; its representative is one of them.
        let mut classes = [0u8; 256];
        let mut held = [false; 256];
        let mut representatives: Vec<u8> = vec![0];
        for &byte in phrases.iter().flat_map(|p| p.as_ref().as_bytes()) {
            let byte = byte.to_ascii_lowercase();
            if !held[usize::from(byte)] {
                // At most 230 bytes fold apart, so the classes fit a byte.
                let class = u8::try_from(representatives.len()).expect("at most 231 classes");
                representatives.push(byte);
                for byte in [byte, byte.to_ascii_uppercase()] {
                    held[usize::from(byte)] = true;
                    classes[usize::from(byte)] = class;
                }
            }
        }
        match held.iter().position(|&held| !held) {
            Some(free) => representatives[0] = free as u8,
            // Every byte is held: class 0 names none.
            None => representatives[0] = representatives[1],
        }
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
        // A leftmost automaton's match state reports its first match; with all matches wanted,
        // each, in the crate's order.
        let mut match_starts = Vec::with_capacity(match_states.len() + 1);
        let mut matches = Vec::new();
        for &state in &match_states {
            match_starts.push(matches.len() as u32);
            let reported = if kind == Matches::All { dfa.match_len(state) } else { 1 };
            matches.extend((0..reported).map(|index| {
                let phrase = dfa.match_pattern(state, index);
                (phrase.as_u32(), dfa.pattern_len(phrase) as u32)
            }));
        }
        match_starts.push(matches.len() as u32);
        Ok(PhraseDfa {
            kind,
            classes,
            width,
            table,
            special_below: special_rows as u32 * width,
            match_starts,
            matches,
            start: row_of[met_at[start.as_usize()] as usize] * width,
        })
    }

    /// The matches of the match state at `state`.
    #[inline]
    fn matches_of(&self, state: u32) -> &[(u32, u32)] {
        let row = (state / self.width) as usize;
        &self.matches[self.match_starts[row - 1] as usize..self.match_starts[row] as usize]
    }

    /// The crate's automaton of `phrases`, whose transitions the table copies: its contiguous
    /// NFA, whose next state (failure transitions followed) is its DFA's. It builds in a
    /// fraction of the DFA's time and steps fast enough for the copy: start-up with it was
    /// below that with the DFA (or with the noncontiguous NFA, whose sparse states made the
    /// copy slow) for both searches.
    fn crate_automaton<P: AsRef<str>>(phrases: &[P], kind: Matches) -> Result<NFA, BuildError> {
        NFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(kind.crate_kind())
            .prefilter(false)
            .build(phrases.iter().map(AsRef::as_ref))
    }

    /// The leftmost-longest phrase in `haystack` at or after `at`: its index and range. (Kept
    /// out of its callers: inlined into the cue reader, the loop ran 2% more instructions a
    /// posting.)
    #[inline(never)]
    pub(crate) fn find_at(&self, haystack: &[u8], at: usize) -> Option<(usize, Range<usize>)> {
        debug_assert_eq!(self.kind, Matches::LeftmostLongest, "a leftmost search of a leftmost automaton");
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
                let (phrase, len) = self.matches_of(state)[0];
                found = Some((phrase as usize, end - len as usize..end));
            }
        }
        found
    }

    /// Every phrase of `haystack` wherever it occurs, overlapping, in the order the crate's
    /// overlapping search reports them (by end, then as the automaton lists them): each as its
    /// index and range, to `found`. The automaton must have been built for [`Matches::All`].
    pub(crate) fn for_each_overlapping(&self, haystack: &[u8], mut found: impl FnMut(usize, Range<usize>)) {
        debug_assert_eq!(self.kind, Matches::All, "an overlapping search of an every-match automaton");
        let (table, classes, special_below) = (self.table.as_slice(), &self.classes, self.special_below);
        let mut state = self.start;
        let mut end = 0;
        while end < haystack.len() {
            state = table[(state + u32::from(classes[usize::from(haystack[end])])) as usize];
            end += 1;
            if state < special_below {
                for &(phrase, len) in self.matches_of(state) {
                    found(phrase as usize, end - len as usize..end);
                }
            }
        }
    }

    /// Every leftmost-longest phrase of `haystack`, one after another, none overlapping. The
    /// automaton must have been built for [`Matches::LeftmostLongest`].
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
    use aho_corasick::dfa::DFA;
    use aho_corasick::{AhoCorasick, StartKind};
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
        // With a NUL and a byte beyond ASCII among the phrases' bytes, and a phrase twice.
        let phrases: Vec<&str> = PHRASES.iter().copied().chain(["a\0b", "é", "apply"]).collect();
        for kind in [Matches::LeftmostLongest, Matches::All] {
            let ours = PhraseDfa::new(&phrases, kind).expect("phrases build");
            let theirs = DFA::builder()
                .ascii_case_insensitive(true)
                .match_kind(kind.crate_kind())
                .start_kind(StartKind::Unanchored)
                .build(&phrases)
                .expect("phrases build");
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
                if theirs.is_match(state) {
                    let expected: Vec<u32> = match kind {
                        Matches::LeftmostLongest => vec![theirs.match_pattern(state, 0).as_u32()],
                        Matches::All => {
                            (0..theirs.match_len(state)).map(|i| theirs.match_pattern(state, i).as_u32()).collect()
                        }
                    };
                    let listed: Vec<u32> = ours.matches_of(row).iter().map(|&(phrase, _)| phrase).collect();
                    assert_eq!(listed, expected);
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
    }

    #[test]
    fn the_searches_find_what_the_crates_searches_find() {
        let crate_searcher = |kind| {
            AhoCorasick::builder().ascii_case_insensitive(true).match_kind(kind).build(PHRASES).expect("phrases build")
        };
        let (leftmost, all) = (
            PhraseDfa::new(PHRASES, Matches::LeftmostLongest).expect("phrases build"),
            PhraseDfa::new(PHRASES, Matches::All).expect("phrases build"),
        );
        let (crate_leftmost, crate_all) =
            (crate_searcher(MatchKind::LeftmostLongest), crate_searcher(MatchKind::Standard));
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
            let text = rng.text(&pieces, 12);
            let found: Vec<(usize, Range<usize>)> = leftmost.find_iter(text.as_bytes()).collect();
            let expected: Vec<(usize, Range<usize>)> =
                crate_leftmost.find_iter(&text).map(|m| (m.pattern().as_usize(), m.range())).collect();
            assert_eq!(found, expected, "{text:?}");
            let mut found = Vec::new();
            all.for_each_overlapping(text.as_bytes(), |phrase, range| found.push((phrase, range)));
            let expected: Vec<(usize, Range<usize>)> =
                crate_all.find_overlapping_iter(&text).map(|m| (m.pattern().as_usize(), m.range())).collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }
}
