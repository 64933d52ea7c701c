//! Where a mention may start, and the anchored walk that finds the aliases starting there.
//!
//! Searching from every position makes an automaton meet an alias inside most words (`go` in
//! `good`, `r` everywhere) only for the word-boundary check to throw it away. A mention that
//! can be accepted starts at the start of a word, or at a character that is not part of a word
//! (`.NET` in `ASP.NET`, `#`). [`StartIndex`] says, for such a position, which automata have an
//! alias that may start there: at a word start the whole word decides, with one hash lookup
//! (an alias begins with that very word, or with it less a plural or verb ending); at another
//! character, its byte. Only those automata are walked, anchored, each as a [`Trie`] of its
//! aliases; the scan then skips the rest of the word, where no mention can start.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::byteset::{ascii_lowercase_word, packed_ascii_lowercase, AsciiWord};

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
/// `i`; automata past the 32nd are always walked), and for the first one where its walk may
/// start.
///
/// A word looked up also says how its aliases go on after it: most words that begin an alias
/// begin only longer ones ("with", "data", "business"), and a walk from such a word in a text
/// usually fails a byte or two past it ("data is", "business needs"), after having stepped
/// through the whole word. The two bytes after the word in the text rule most of those walks
/// out before they start.
#[derive(Clone, Debug)]
pub(super) struct StartIndex {
    /// First words of the aliases, ASCII-folded (also for the exact-case automata: the filter
    /// may let through more than matches, never less), with the endings of one-word aliases:
    /// those of up to 16 bytes keyed by their bytes packed in an integer (most words of a text
    /// are short, and an integer hashes with a multiply or two and compares at once), the
    /// longer ones by their bytes.
    short_first_words: FxHashMap<u128, FirstWord>,
    long_first_words: FxHashMap<Box<[u8]>, FirstWord>,
    /// Per ASCII-folded byte that is not a word character: automata with an alias starting
    /// with it.
    non_word_first: Box<[u64; 256]>,
    /// The automata from the 33rd to the 64th, which the first words do not tell apart: always
    /// walked (and those past the 64th, which no bit names).
    unindexed: u64,
}

/// What the index knows of one first word.
#[derive(Clone, Copy, Debug)]
struct FirstWord {
    /// The automata with an alias starting with it, of the first 32 (the later ones are
    /// always walked).
    automata: u32,
    /// Where a walk through the word stands in the first automaton's trie when it folds case
    /// ([`Trie::node_after`]), or [`NO_NODE`]: the walk at such a word starts there, not at
    /// the word's first byte, which the lookup has already matched.
    node: u32,
    /// How the aliases go on after it: the [`continuation_bit`] of the two bytes after the word
    /// in each alias, or every bit where some alias is the word itself (or the word and one
    /// byte, `c#`), so that any text after the word may complete it.
    continuations: u64,
}

impl Default for FirstWord {
    fn default() -> Self {
        FirstWord { automata: 0, node: NO_NODE, continuations: 0 }
    }
}

/// No node to start a walk from.
pub(super) const NO_NODE: u32 = u32::MAX;

/// Any text after the word may complete an alias.
const ANY_CONTINUATION: u64 = u64::MAX;

/// The bit of a 64-bit set standing for the two bytes that follow a first word (ASCII-folded,
/// so that the set may let through more than matches, never less).
#[inline]
fn continuation_bit(separator: u8, next: u8) -> u64 {
    let (separator, next) = (u32::from(separator.to_ascii_lowercase()), u32::from(next.to_ascii_lowercase()));
    1 << ((separator * 7 + next) % 64)
}

impl Default for StartIndex {
    fn default() -> Self {
        StartIndex {
            short_first_words: FxHashMap::default(),
            long_first_words: FxHashMap::default(),
            non_word_first: Box::new([0; 256]),
            unindexed: 0,
        }
    }
}

impl StartIndex {
    /// Adds automaton `index`'s patterns.
    pub(super) fn add<P: AsRef<[u8]>>(&mut self, index: usize, patterns: &[P]) {
        let bit = if index < 32 { 1u32 << index } else { 0 };
        if (32..64).contains(&index) {
            self.unindexed |= 1 << index;
        }
        // The first word of each pattern, lower-cased, and with each ending: one buffer.
        let mut word: Vec<u8> = Vec::new();
        for pattern in patterns {
            let pattern = pattern.as_ref();
            let Some(&first) = pattern.first() else { continue };
            if first >= 0x80 {
                // A character beyond ASCII may or may not be part of a word; when it is not
                // (`•`, `€`), the position is looked up by its first byte.
                self.non_word_first[usize::from(first)] |= u64::from(bit);
            }
            let word_len = pattern.iter().take_while(|&&b| b >= 0x80 || ASCII_WORD[usize::from(b)]).count();
            if word_len == 0 {
                self.non_word_first[usize::from(first.to_ascii_lowercase())] |= u64::from(bit);
                continue;
            }
            word.clear();
            word.extend(pattern[..word_len].iter().map(u8::to_ascii_lowercase));
            if word_len == pattern.len() {
                for ending in WORD_ENDINGS {
                    word.extend_from_slice(ending.as_bytes());
                    self.add_first_word(&word, bit, ANY_CONTINUATION);
                    word.truncate(word_len);
                }
            }
            let continuations = match pattern[word_len..] {
                [separator, next, ..] => continuation_bit(separator, next),
                _ => ANY_CONTINUATION,
            };
            self.add_first_word(&word, bit, continuations);
        }
    }

    /// Gives each first word of automaton 0 the node its walk may start from, if `trie`, that
    /// automaton's, folds case (an exact-case walk depends on the case of the text's word).
    pub(super) fn link_first_automaton(&mut self, trie: &Trie) {
        if !trie.folds_case() {
            return;
        }
        for (key, first_word) in &mut self.short_first_words {
            if first_word.automata & 1 != 0 {
                let bytes = key.to_le_bytes();
                let len = bytes.iter().position(|&b| b == 0).unwrap_or(16);
                first_word.node = trie.node_after(&bytes[..len]).unwrap_or(NO_NODE);
            }
        }
        for (word, first_word) in &mut self.long_first_words {
            if first_word.automata & 1 != 0 {
                first_word.node = trie.node_after(word).unwrap_or(NO_NODE);
            }
        }
    }

    /// Adds a first word (ASCII-folded already). One beyond ASCII is kept by its bytes: the scan
    /// never looks it up (it walks every automaton at such a word), but the index holds every
    /// first word.
    fn add_first_word(&mut self, word: &[u8], automata: u32, continuations: u64) {
        let packed = if word.is_ascii() { packed_ascii_lowercase(word, 0..word.len()) } else { None };
        let entry = match packed {
            Some(key) => self.short_first_words.entry(key).or_default(),
            None => {
                // Looked up by the slice: a long word is copied only the first time it is met.
                if !self.long_first_words.contains_key(word) {
                    self.long_first_words.insert(word.into(), FirstWord::default());
                }
                self.long_first_words.get_mut(word).expect("inserted above")
            }
        };
        entry.automata |= automata;
        entry.continuations |= continuations;
    }

    /// The automata that may have an alias starting with `word`, the ASCII run starting a word
    /// of `text`: an alias that starts with that very word and, unless one is the word alone,
    /// goes on with the two bytes that follow it in the text. (An alias that ends inside the
    /// word is accepted only with a plural or verb ending up to the word's end, which the index
    /// holds as a word.) With them, the node the first automaton's walk may start from past the
    /// word, or [`NO_NODE`] if it starts at the word's first byte.
    #[inline]
    pub(super) fn at_word(&self, text: &[u8], word: &AsciiWord) -> (u64, u32) {
        // A word with a letter beyond ASCII, or a very long one, is rare: walk them all.
        if word.len > LONGEST_WORD || word.more {
            return (u64::MAX, NO_NODE);
        }
        let (key, word) = (word.key, word.range());
        let found = match key {
            Some(key) => self.short_first_words.get(&key),
            None => {
                let mut folded = [0u8; LONGEST_WORD];
                for (to, from) in folded.iter_mut().zip(&text[word.clone()]) {
                    *to = from.to_ascii_lowercase();
                }
                self.long_first_words.get(&folded[..word.len()])
            }
        };
        let Some(first_word) = found else { return (self.unindexed, NO_NODE) };
        let found = (u64::from(first_word.automata) | self.unindexed, first_word.node);
        if first_word.continuations == ANY_CONTINUATION {
            return found;
        }
        match text.get(word.end..word.end + 2) {
            Some(&[separator, next]) if first_word.continuations & continuation_bit(separator, next) != 0 => found,
            _ => (self.unindexed, NO_NODE),
        }
    }

    /// The automata that may have an alias starting with `byte`, at a position where no word
    /// starts.
    #[inline]
    pub(super) fn at_other(&self, byte: u8) -> u64 {
        self.non_word_first[usize::from(byte.to_ascii_lowercase())] | self.unindexed
    }
}

/// The aliases of one automaton as a byte trie, walked anchored at a position: all the scan
/// needs, since it only asks which aliases start where it stands. An Aho-Corasick automaton
/// would also carry failure links no anchored walk follows, and building them was most of the
/// matcher's start-up.
///
/// Laid out for the walk: every node is one block of `u32`s (its pattern, its number of
/// children, their bytes packed four to a word or as a bitmap, their blocks' offsets), blocks
/// in depth-first order, so that a step down usually stays in the cache lines just read. A run
/// of nodes with one child each and no pattern (the tail of most aliases: "…ineering") is one
/// chain block holding the run's bytes, four to a word: a node per byte made the default
/// taxonomy's trie a megabyte, most of it such runs, and a walk missed the cache at each step.
#[derive(Clone, Debug)]
pub(super) struct Trie {
    /// Bytes are ASCII-folded on both sides.
    fold_case: bool,
    /// The root's children by byte (`NONE`: no child).
    root: Box<[u32; 256]>,
    blocks: Vec<u32>,
}

/// No pattern ends at a node; no child for a byte.
const NONE: u32 = u32::MAX;

/// Appends `bytes` to `blocks` four to a little-endian word, the last zero-padded: how a block
/// lists its children's bytes and a chain its bytes.
fn push_packed(blocks: &mut Vec<u32>, bytes: impl Iterator<Item = u8>) {
    let start = blocks.len();
    for (i, byte) in bytes.enumerate() {
        if i % 4 == 0 {
            blocks.push(0);
        }
        blocks[start + i / 4] |= u32::from(byte) << (8 * (i % 4));
    }
}

/// Marks a chain block's second word, which holds the chain's length below this bit: its bytes
/// follow, packed four to a word, then the offset of the block they lead to.
const CHAIN: u32 = 1 << 31;

/// The most children a node lists by their bytes, packed four to a word and compared four at a
/// time; a node with more has a bitmap of its children's bytes (two words of ranks, eight of
/// bits), so that a step through a wide node (the second letter of a word) costs the same as
/// through a narrow one.
const PACKED_CHILDREN: usize = 8;

/// A wide node's words between its child count and its children's offsets: two of ranks, then
/// eight of bitmap.
const RANK_WORDS: usize = 2;
const WIDE_HEADER: usize = RANK_WORDS + 8;

impl Trie {
    pub(super) fn new<P: AsRef<[u8]>>(patterns: &[P], fold_case: bool) -> Trie {
        let fold = |b: u8| if fold_case { b.to_ascii_lowercase() } else { b };
        // Laid out from the patterns sorted by their (folded) bytes: the patterns under a node
        // are then a run of the order, and its children the runs that share the next byte.
        // An empty pattern can start no mention; of equal patterns the first is reported (the
        // sort keeps ids ascending among equals). The patterns are folded once into one
        // buffer, so that the sort compares plain slices.
        let mut folded: Vec<u8> = Vec::with_capacity(patterns.iter().map(|p| p.as_ref().len()).sum());
        let mut spans: Vec<Range<usize>> = Vec::with_capacity(patterns.len());
        for pattern in patterns {
            let start = folded.len();
            folded.extend(pattern.as_ref().iter().map(|&b| fold(b)));
            spans.push(start..folded.len());
        }
        // Each pattern beside its id, so that the sort compares the slices themselves.
        let mut order: Vec<(&[u8], u32)> = spans
            .iter()
            .zip(0..)
            .map(|(span, id)| (&folded[span.clone()], id))
            .filter(|(key, _)| !key.is_empty())
            .collect();
        order.sort_unstable();
        let key = |at: usize| order[at].0;
        let byte_at = |at: usize, depth: usize| key(at)[depth];

        let mut root = Box::new([NONE; 256]);
        let mut blocks: Vec<u32> = Vec::new();
        // Nodes to lay out, depth-first with children in byte order: the run of `order` under
        // the node, its depth (the bytes its patterns share), and where its offset goes (a
        // word of `blocks`, or the root's entry for its byte).
        enum Slot {
            Root(u8),
            Block(usize),
        }
        let mut stack: Vec<(Range<usize>, usize, Slot)> = Vec::new();
        // The runs of a node's run under each next byte, in byte order, into one buffer.
        let child_runs = |run: Range<usize>, depth: usize, runs: &mut Vec<(u8, Range<usize>)>| {
            runs.clear();
            for at in run.filter(|&at| key(at).len() > depth) {
                let byte = byte_at(at, depth);
                match runs.last_mut() {
                    Some((last, run)) if *last == byte => run.end = at + 1,
                    _ => runs.push((byte, at..at + 1)),
                }
            }
        };
        let mut edges: Vec<(u8, Range<usize>)> = Vec::new();
        child_runs(0..order.len(), 0, &mut edges);
        for (byte, run) in edges.drain(..).rev() {
            stack.push((run, 1, Slot::Root(byte)));
        }
        while let Some((run, depth, slot)) = stack.pop() {
            let at = blocks.len() as u32;
            match slot {
                Slot::Root(byte) => root[usize::from(byte)] = at,
                Slot::Block(word) => blocks[word] = at,
            }
            // Patterns ending here sort first in the run; the first of them is reported.
            let (first, id) = order[run.start];
            blocks.push(if first.len() == depth { id } else { NONE });
            child_runs(run, depth, &mut edges);
            if let [(_, below)] = edges.as_slice() {
                // One child: the bytes every pattern below shares lead, node by node, to where
                // one ends or they part. No pattern ends on the way: it would be a prefix of the
                // others, sort first and shorten the shared bytes.
                let (lowest, highest) = (key(below.start), key(below.end - 1));
                let shared = lowest.iter().zip(highest).skip(depth).take_while(|(a, b)| a == b).count();
                if shared >= 2 {
                    blocks.push(CHAIN | shared as u32);
                    push_packed(&mut blocks, lowest[depth..depth + shared].iter().copied());
                    blocks.push(NONE);
                    let target = blocks.len() - 1;
                    let below = below.clone();
                    edges.clear();
                    stack.push((below, depth + shared, Slot::Block(target)));
                    continue;
                }
            }
            blocks.push(edges.len() as u32);
            if edges.len() > PACKED_CHILDREN {
                let mut bitmap = [0u32; 8];
                for &(byte, _) in &edges {
                    bitmap[usize::from(byte >> 5)] |= 1 << (byte & 31);
                }
                // Children before each word of the bitmap, a byte each.
                let mut ranks = [0u32; 2];
                let mut before = 0;
                for (word, bits) in bitmap.iter().enumerate() {
                    ranks[word / 4] |= before << (8 * (word % 4));
                    before += bits.count_ones();
                }
                blocks.extend(ranks);
                blocks.extend(bitmap);
            } else {
                push_packed(&mut blocks, edges.iter().map(|&(byte, _)| byte));
            }
            // The children's offsets, filled in as each is laid out.
            let targets = blocks.len();
            blocks.resize(targets + edges.len(), NONE);
            for (i, (_, run)) in edges.drain(..).enumerate().rev() {
                stack.push((run, depth + 1, Slot::Block(targets + i)));
            }
        }
        Trie { fold_case, root, blocks }
    }

    /// The block of `block`'s child by `byte`, if it has one.
    #[inline]
    fn child(&self, block: usize, byte: u8) -> Option<usize> {
        let count = self.blocks[block + 1] as usize;
        if count == 1 {
            // Most nodes deep in the trie have one child: spare them the word compare.
            return (self.blocks[block + 2] as u8 == byte).then(|| self.blocks[block + 3] as usize);
        }
        if count > PACKED_CHILDREN {
            // The child's place among its siblings: the children before its bitmap word, and
            // those below it in the word.
            let word = usize::from(byte >> 5);
            let bits = self.blocks[block + 2 + RANK_WORDS + word];
            if bits >> (byte & 31) & 1 == 0 {
                return None;
            }
            let before = self.blocks[block + 2 + word / 4] >> (8 * (word % 4)) & 0xff;
            let index = before + (bits & ((1 << (byte & 31)) - 1)).count_ones();
            return Some(self.blocks[block + 2 + WIDE_HEADER + index as usize] as usize);
        }
        let words = count.div_ceil(4);
        let packed = &self.blocks[block + 2..block + 2 + words];
        let wanted = u32::from(byte) * 0x0101_0101;
        for (word_index, &word) in packed.iter().enumerate() {
            // Four bytes compared at once: the lowest high bit of `zero` marks the first byte
            // equal to `byte` (bits above it may be false alarms, never bits below).
            let diff = word ^ wanted;
            let zero = diff.wrapping_sub(0x0101_0101) & !diff & 0x8080_8080;
            if zero != 0 {
                let index = word_index * 4 + (zero.trailing_zeros() / 8) as usize;
                // The padding of the last word is zero bytes: a NUL may find it.
                return (index < count).then(|| self.blocks[block + 2 + words + index] as usize);
            }
        }
        None
    }

    /// Every pattern that starts at `at`, as (end, pattern id), shortest first. (Kept out of
    /// the scan loop: inlined there, it ran more instructions.)
    #[inline(never)]
    pub(super) fn matches_at(&self, bytes: &[u8], at: usize, out: &mut Vec<(usize, usize)>) {
        out.clear();
        let fold = |b: u8| if self.fold_case { b.to_ascii_lowercase() } else { b };
        let Some(&first) = bytes.get(at) else { return };
        let block = self.root[usize::from(fold(first))];
        if block != NONE {
            self.walk_from(bytes, block as usize, at + 1, out);
        }
    }

    /// Whether bytes are ASCII-folded on both sides.
    pub(super) fn folds_case(&self) -> bool {
        self.fold_case
    }

    /// [`Trie::matches_at`] for a walk already at `block`, the node [`Trie::node_after`] gave
    /// for the text's bytes up to `end`: the patterns that end at `end` or later.
    #[inline(never)]
    pub(super) fn matches_from(&self, bytes: &[u8], block: u32, end: usize, out: &mut Vec<(usize, usize)>) {
        out.clear();
        self.walk_from(bytes, block as usize, end, out);
    }

    /// The node a walk reaches through `word` (ASCII-folded if the trie folds), if it ends at
    /// one (not inside a chain) and no pattern ends on the way, before the word's last byte: a
    /// walk that starts there finds what one from the word's first byte finds.
    pub(super) fn node_after(&self, word: &[u8]) -> Option<u32> {
        let fold = |b: u8| if self.fold_case { b.to_ascii_lowercase() } else { b };
        let (&first, mut rest) = word.split_first()?;
        let mut block = self.root[usize::from(fold(first))];
        while !rest.is_empty() {
            if block == NONE || self.blocks[block as usize] != NONE {
                return None;
            }
            let at = block as usize;
            let header = self.blocks[at + 1];
            if header & CHAIN != 0 {
                let len = (header & !CHAIN) as usize;
                let chain = self.blocks[at + 2..at + 2 + len.div_ceil(4)].iter().flat_map(|w| w.to_le_bytes());
                if rest.len() < len || !rest[..len].iter().map(|&b| fold(b)).eq(chain.take(len)) {
                    return None;
                }
                block = self.blocks[at + 2 + len.div_ceil(4)];
                rest = &rest[len..];
            } else {
                block = self.child(at, fold(rest[0])).map_or(NONE, |child| child as u32);
                rest = &rest[1..];
            }
        }
        (block != NONE).then_some(block)
    }

    /// The walk from `block`, the node reached by the text's bytes up to `end`.
    #[inline(always)]
    fn walk_from(&self, bytes: &[u8], mut block: usize, mut end: usize, out: &mut Vec<(usize, usize)>) {
        let fold = |b: u8| if self.fold_case { b.to_ascii_lowercase() } else { b };
        loop {
            let pattern = self.blocks[block];
            if pattern != NONE {
                out.push((end, pattern as usize));
            }
            let header = self.blocks[block + 1];
            if header & CHAIN != 0 {
                let len = (header & !CHAIN) as usize;
                let Some(text) = bytes.get(end..end + len) else { return };
                // Four bytes at a time; the last word is zero-padded on both sides.
                let words = &self.blocks[block + 2..block + 2 + len.div_ceil(4)];
                let fold_word = |four: [u8; 4]| {
                    let word = u32::from_le_bytes(four);
                    if self.fold_case {
                        ascii_lowercase_word(word)
                    } else {
                        word
                    }
                };
                let mut chunks = text.chunks_exact(4);
                for (chunk, &word) in chunks.by_ref().zip(words) {
                    if fold_word(chunk.try_into().expect("four bytes")) != word {
                        return;
                    }
                }
                let rest = chunks.remainder();
                if !rest.is_empty() {
                    let mut four = [0; 4];
                    four[..rest.len()].copy_from_slice(rest);
                    if fold_word(four) != words[words.len() - 1] {
                        return;
                    }
                }
                block = self.blocks[block + 2 + words.len()] as usize;
                end += len;
                continue;
            }
            let Some(&byte) = bytes.get(end) else { return };
            let Some(child) = self.child(block, fold(byte)) else { return };
            block = child;
            end += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(trie: &Trie, text: &str, at: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        trie.matches_at(text.as_bytes(), at, &mut out);
        out
    }

    #[test]
    fn a_walk_reports_every_pattern_starting_there_shortest_first() {
        let trie = Trie::new(&["java", "javascript", "java se", "go"], false);
        assert_eq!(walk(&trie, "use javascript", 4), [(8, 0), (14, 1)]);
        assert_eq!(walk(&trie, "java service", 0), [(4, 0), (7, 2)]);
        // Anchored: nothing starts inside a pattern's text.
        assert_eq!(walk(&trie, "ago", 0), []);
        assert_eq!(walk(&trie, "go", 2), []);
    }

    #[test]
    fn folding_matches_any_ascii_case_and_equal_patterns_report_the_first() {
        let folded = Trie::new(&["Kafka", "kafka", "SQL"], true);
        assert_eq!(walk(&folded, "KAFKA and sql", 0), [(5, 0)]);
        assert_eq!(walk(&folded, "KAFKA and sql", 10), [(13, 2)]);
        let exact = Trie::new(&["Go", "GO"], false);
        assert_eq!(walk(&exact, "go", 0), []);
        assert_eq!(walk(&exact, "GO", 0), [(2, 1)]);
    }

    #[test]
    fn chains_of_single_children_compare_every_byte() {
        // "engineering" and "engineer" share a chain that ends where the shorter one does;
        // the longer goes on in a chain of its own. Folding touches ASCII letters only: `É`
        // is not `é`, and no byte beyond ASCII turns into a letter.
        let trie = Trie::new(&["engineer", "engineering", "café au lait", "c\u{e9}z"], true);
        assert_eq!(walk(&trie, "ENGINEERING", 0), [(8, 0), (11, 1)]);
        assert_eq!(walk(&trie, "Engineers", 0), [(8, 0)]);
        assert_eq!(walk(&trie, "engineerinx", 0), [(8, 0)]);
        assert_eq!(walk(&trie, "enginee", 0), []);
        assert_eq!(walk(&trie, "CAFé AU LAIT", 0), [(13, 2)]);
        assert_eq!(walk(&trie, "CAFÉ AU LAIT", 0), []);
        assert_eq!(walk(&trie, "café au lai", 0), []);
        assert_eq!(walk(&trie, "café au laiT!", 0), [(13, 2)]);
        let exact = Trie::new(&["Kubernetes"], false);
        assert_eq!(walk(&exact, "Kubernetes", 0), [(10, 0)]);
        assert_eq!(walk(&exact, "KuberneteS", 0), []);
        for byte in 0..=255u8 {
            let folded = ascii_lowercase_word(u32::from_le_bytes([byte, b'Q', 0xc3, 0x89]));
            assert_eq!(folded.to_le_bytes(), [byte.to_ascii_lowercase(), b'q', 0xc3, 0x89], "{byte:#x}");
        }
    }

    #[test]
    fn a_walk_from_the_node_after_a_word_finds_what_one_from_its_first_byte_finds() {
        let trie = Trie::new(
            &["data", "data engineering", "data science", "database", "java", "javascript", "kubernetes", "Go lang"],
            true,
        );
        // A node where the word's path ends at one and no pattern ends before its last byte:
        // not inside a chain ("dat", "kube"), past the trie, or past "java" ("javascript").
        let has_node = |word: &str| trie.node_after(word.as_bytes()).is_some();
        for word in ["data", "kubernetes", "java"] {
            assert!(has_node(word), "{word}");
        }
        for word in ["dat", "kube", "kubernetez", "javascript", "database", "", "datas", "go"] {
            assert!(!has_node(word), "{word}");
        }
        let exact = Trie::new(&["Go", "Go lang"], false);
        assert!(exact.node_after(b"go").is_none() && exact.node_after(b"Go").is_some());
        for text in ["data engineering team", "DATA Science!", "data", "data engineerin", "Kubernetes", "JAVA"] {
            let word = text.bytes().take_while(u8::is_ascii_alphanumeric).count();
            let node = trie.node_after(text[..word].to_ascii_lowercase().as_bytes()).expect("a node");
            let mut from_node = Vec::new();
            trie.matches_from(text.as_bytes(), node, word, &mut from_node);
            assert_eq!(from_node, walk(&trie, text, 0), "{text}");
        }
    }

    #[test]
    fn a_node_with_many_children_finds_each() {
        // Children in several words of a wide node's bitmap (digits, capitals, small letters),
        // so that the ranks before each word count.
        let patterns: Vec<String> =
            (b'0'..=b'9').chain(b'A'..=b'Z').chain(b'a'..=b'z').map(|b| format!("x{}", char::from(b))).collect();
        let trie = Trie::new(&patterns, false);
        for (id, pattern) in patterns.iter().enumerate() {
            assert_eq!(walk(&trie, pattern, 0), [(2, id)]);
        }
        assert_eq!(walk(&trie, "x!", 0), []);
        // The zero bytes that pad a node's packed children are not children.
        assert_eq!(walk(&trie, "x\0", 0), []);
        let nul = Trie::new(&["a\0b"], false);
        assert_eq!(walk(&nul, "a\0b", 0), [(3, 0)]);
    }
}
