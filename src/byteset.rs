//! Sets of bytes, and the search for the first byte of a set: the skip loops of the passes
//! that stop only at a few bytes (markup, bullets, sentence ends) and let the rest of the text
//! go by; the table of ASCII letters and digits; the search for the first byte beyond ASCII;
//! and the reading of a word where one starts, its length and its lower-cased key at once.
//!
//! The skip loops and the word reader take sixteen bytes at a time with SSE2 on x86_64 (every
//! such target has it: the module `sse2` is compiled only where the target says so, which is
//! what makes its `unsafe` calls sound), and eight or one at a time elsewhere; tests hold the
//! two ways equal.

/// Letters and digits of ASCII. A table, since a byte's test of three ranges costs several
/// instructions, and the passes that use these test every byte of every posting.
pub(crate) const ASCII_ALPHANUMERIC: ByteSet =
    ByteSet::new(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

/// Where the first byte beyond ASCII is, eight bytes tested at a time.
pub(crate) fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        if u64::from_ne_bytes(chunk.try_into().expect("eight bytes")) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| b >= 0x80).map(|p| at + p)
}

/// The ASCII word `text[word]` lower-cased and packed into an integer, zero-padded, if it has
/// at most 16 bytes: a key that hashes with a multiply or two and compares at once. No word
/// holds a NUL, so no two words share a key. Where the text goes on for 16 bytes, they are read
/// at once and lower-cased together (a byte in `A`-`Z` gets bit 5), with no loop per byte.
#[inline]
pub(crate) fn packed_ascii_lowercase(text: &[u8], word: std::ops::Range<usize>) -> Option<u128> {
    const EACH: u128 = u128::from_le_bytes([1; 16]);
    let len = word.len();
    if len > 16 {
        return None;
    }
    let raw = match text.get(word.start..word.start + 16) {
        Some(block) => u128::from_le_bytes(block.try_into().expect("sixteen bytes")),
        None => {
            let mut key = [0u8; 16];
            key[..len].copy_from_slice(&text[word]);
            u128::from_le_bytes(key)
        }
    };
    let raw = if len == 16 { raw } else { raw & ((1 << (8 * len)) - 1) };
    debug_assert!(raw & (EACH * 0x80) == 0, "an ASCII word");
    // Per byte b < 0x80 neither sum carries into the next byte: bit 7 of b + 0x3f says b >= 'A',
    // bit 7 of b + 0x25 says b > 'Z'.
    let upper = (raw + EACH * 0x3f) & !(raw + EACH * 0x25) & (EACH * 0x80);
    Some(raw | upper >> 2)
}

/// The four bytes of `word` with those in `A`-`Z` lower-cased, all at once: the trick of
/// [`packed_ascii_lowercase`] for bytes that may lie beyond ASCII, which stay as they are.
#[inline]
pub(crate) fn ascii_lowercase_word(word: u32) -> u32 {
    const EACH: u32 = 0x0101_0101;
    // With bit 7 cleared no sum carries into the next byte; a byte that had bit 7 set is no
    // letter.
    let low = word & !(EACH * 0x80);
    let upper = (low + EACH * 0x3f) & !(low + EACH * 0x25) & !word & (EACH * 0x80);
    word | upper >> 2
}

/// A set of bytes, as a table, and for a set of at most [`FEW`] members their list, which a
/// search compares sixteen bytes at a time with (SSE2, on x86_64).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ByteSet {
    table: [bool; 256],
    /// The members, the first repeated to fill the list, if there are at most [`FEW`].
    #[cfg_attr(not(all(target_arch = "x86_64", target_feature = "sse2")), allow(dead_code))]
    few: Option<[u8; FEW]>,
}

/// The most members a set lists for the sixteen-byte search.
const FEW: usize = 8;

impl ByteSet {
    pub(crate) const fn new(members: &[u8]) -> ByteSet {
        let mut table = [false; 256];
        let mut i = 0;
        while i < members.len() {
            table[members[i] as usize] = true;
            i += 1;
        }
        let few = if members.is_empty() || members.len() > FEW {
            None
        } else {
            let mut list = [members[0]; FEW];
            let mut i = 0;
            while i < members.len() {
                list[i] = members[i];
                i += 1;
            }
            Some(list)
        };
        ByteSet { table, few }
    }

    #[inline]
    pub(crate) fn contains(&self, byte: u8) -> bool {
        self.table[usize::from(byte)]
    }

    /// Where the first member of the set is in `haystack`.
    #[inline]
    pub(crate) fn find(&self, haystack: &[u8]) -> Option<usize> {
        let mut at = 0;
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        if let Some(members) = &self.few {
            while let Some(block) = haystack.get(at..at + 16) {
                let found = sse2::members_in_block(block.try_into().expect("sixteen bytes"), members);
                if found != 0 {
                    return Some(at + found.trailing_zeros() as usize);
                }
                at += 16;
            }
        }
        // Eight bytes are classified together with no branch per byte: the members are rare,
        // and a branch per byte was most of the cost of a skip loop.
        for chunk in haystack[at..].chunks_exact(8) {
            if chunk.iter().fold(false, |any, &b| any | self.contains(b)) {
                break;
            }
            at += 8;
        }
        haystack[at..].iter().position(|&b| self.contains(b)).map(|i| at + i)
    }
}

/// Where the first seam of case at or after `from` is: a place `at` (at least 1) where a small
/// letter stands right before a capital or a digit (`lineWrite`, `Requirements2+`), the end of
/// a sentence right before either (`plus.Experience`, `field.5+ years`), or a closing bracket
/// right before a capital (`(Onsite)Apply`). Where
/// a scraper glued lines together the seams show it; the rest of a text has few (`iPhone`,
/// `JavaScript`, `k8s`), so the caller reads each one found. Sixteen places at a time with SSE2
/// on x86_64.
pub(crate) fn find_case_seam(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from.max(1);
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    match sse2::find_case_seam(bytes, at) {
        Ok(found) => return Some(found),
        Err(tail) => at = tail,
    }
    (at..bytes.len()).find(|&at| is_case_seam(bytes[at - 1], bytes[at]))
}

/// Where the first capital after a space is in `from..end` of `bytes` (`from` at least 1):
/// where a word in title case starts, the only places a list item glued to the one before it
/// with a space can start. Sixteen places at a time with SSE2 on x86_64, reading on past `end`
/// where `bytes` goes on (a sentence's end is seldom a block's), one at a time near the end of
/// `bytes`.
pub(crate) fn find_capital_after_space(bytes: &[u8], from: usize, end: usize) -> Option<usize> {
    let mut at = from.max(1);
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    match sse2::find_capital_after_space(bytes, at, end) {
        Ok(found) => return Some(found).filter(|&found| found < end),
        Err(tail) => at = tail,
    }
    (at..end.min(bytes.len())).find(|&at| bytes[at - 1] == b' ' && bytes[at].is_ascii_uppercase())
}

/// Whether `before` then `byte` is a seam of case ([`find_case_seam`]).
#[inline]
fn is_case_seam(before: u8, byte: u8) -> bool {
    match before {
        b'a'..=b'z' => byte.is_ascii_uppercase() || byte.is_ascii_digit(),
        b'.' | b'!' | b'?' => byte.is_ascii_uppercase() || byte.is_ascii_digit(),
        b')' => byte.is_ascii_uppercase(),
        _ => false,
    }
}

/// A run of ASCII word bytes (letters and digits, and `_` where it counts) in a text: where a
/// word starts, what the scans that look words up need to know of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct AsciiWord {
    /// Where it starts.
    pub(crate) start: usize,
    /// Its length in bytes.
    pub(crate) len: usize,
    /// Whether a byte beyond ASCII follows it (the text's word may go on).
    pub(crate) more: bool,
    /// Its key, as [`packed_ascii_lowercase`] gives it (`None` past 16 bytes).
    pub(crate) key: Option<u128>,
}

impl AsciiWord {
    /// Its bytes' range in the text.
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.start..self.start + self.len
    }
}

/// The run of ASCII letters, digits and `_` starting at `at`: a word as the skill matcher reads
/// it.
#[inline]
pub(crate) fn ascii_word_at(bytes: &[u8], at: usize) -> AsciiWord {
    ascii_run_at::<true>(bytes, at)
}

/// The run of ASCII letters and digits starting at `at`: a word as the level stages read it.
#[inline]
pub(crate) fn ascii_alphanumeric_run_at(bytes: &[u8], at: usize) -> AsciiWord {
    ascii_run_at::<false>(bytes, at)
}

/// The run of ASCII letters and digits (and `_` if `UNDERSCORE`) starting at `at`. Where the
/// text has sixteen bytes from there, they are classified and lower-cased at once (SSE2, on
/// x86_64): most words are shorter, and a byte at a time this was a third of the matcher's scan.
#[inline]
fn ascii_run_at<const UNDERSCORE: bool>(bytes: &[u8], at: usize) -> AsciiWord {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if let Some(block) = bytes.get(at..at + 16) {
        let (len, more, key) = sse2::run_in_block::<UNDERSCORE>(block.try_into().expect("sixteen bytes"));
        if len < 16 {
            return AsciiWord { start: at, len, more, key: Some(key) };
        }
    }
    ascii_run_at_bytewise::<UNDERSCORE>(bytes, at)
}

/// [`ascii_run_at`] a byte at a time: near the end of a text, past sixteen bytes, and on other
/// targets.
fn ascii_run_at_bytewise<const UNDERSCORE: bool>(bytes: &[u8], at: usize) -> AsciiWord {
    let len = bytes[at..].iter().take_while(|&&b| (UNDERSCORE && b == b'_') || ASCII_ALPHANUMERIC.contains(b)).count();
    let more = bytes.get(at + len).is_some_and(|&b| b >= 0x80);
    AsciiWord { start: at, len, more, key: packed_ascii_lowercase(bytes, at..at + len) }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use std::arch::x86_64::*;

    /// The length of the run of letters and digits (and `_` if `UNDERSCORE`) at the start of
    /// `block` (16 if it fills it), whether a byte beyond ASCII ends it, and its bytes
    /// lower-cased and zero-padded.
    #[inline]
    pub(super) fn run_in_block<const UNDERSCORE: bool>(block: &[u8; 16]) -> (usize, bool, u128) {
        // SAFETY: the module is compiled only where the target has SSE2 (every x86_64 one).
        unsafe { run_in_block_sse2::<UNDERSCORE>(block) }
    }

    /// A bit per byte of `block` that is one of `members`.
    #[inline]
    pub(super) fn members_in_block(block: &[u8; 16], members: &[u8; super::FEW]) -> u32 {
        // SAFETY: the module is compiled only where the target has SSE2 (every x86_64 one).
        unsafe { members_in_block_sse2(block, members) }
    }

    /// The first seam of case at or after `at` (at least 1) where sixteen places can be read at
    /// once, or where the places left to read one at a time start.
    #[inline]
    pub(super) fn find_case_seam(bytes: &[u8], at: usize) -> Result<usize, usize> {
        // SAFETY: the module is compiled only where the target has SSE2 (every x86_64 one).
        unsafe { find_case_seam_sse2(bytes, at) }
    }

    #[target_feature(enable = "sse2")]
    fn find_case_seam_sse2(bytes: &[u8], at: usize) -> Result<usize, usize> {
        let is = |v: __m128i, b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        find_pair(bytes, at, usize::MAX, |before, byte| {
            let capital = within(byte, b'A', b'Z');
            let capital_or_digit = _mm_or_si128(capital, within(byte, b'0', b'9'));
            // Most blocks of prose have no capital or digit a seam needs.
            if _mm_movemask_epi8(capital_or_digit) == 0 {
                return 0;
            }
            let after_small = _mm_and_si128(within(before, b'a', b'z'), capital_or_digit);
            let stops = _mm_or_si128(_mm_or_si128(is(before, b'.'), is(before, b'!')), is(before, b'?'));
            let after_stop = _mm_and_si128(stops, capital_or_digit);
            let after_bracket = _mm_and_si128(is(before, b')'), capital);
            _mm_movemask_epi8(_mm_or_si128(after_small, _mm_or_si128(after_stop, after_bracket)))
        })
    }

    /// The first capital after a space at or after `at` (at least 1) where sixteen places can
    /// be read at once, or where the places left to read one at a time start.
    #[inline]
    pub(super) fn find_capital_after_space(bytes: &[u8], at: usize, end: usize) -> Result<usize, usize> {
        // SAFETY: the module is compiled only where the target has SSE2 (every x86_64 one).
        unsafe { find_capital_after_space_sse2(bytes, at, end) }
    }

    #[target_feature(enable = "sse2")]
    fn find_capital_after_space_sse2(bytes: &[u8], at: usize, end: usize) -> Result<usize, usize> {
        find_pair(bytes, at, end, |before, byte| {
            _mm_movemask_epi8(_mm_and_si128(
                within(byte, b'A', b'Z'),
                _mm_cmpeq_epi8(before, _mm_set1_epi8(b' ' as i8)),
            ))
        })
    }

    /// The first place at or after `at` (at least 1) that `places` marks, given the sixteen
    /// bytes before the places of a block and the sixteen at them (a bit per place), or where
    /// the places left to read one at a time start: past `bytes`' last full block, or at `end`
    /// or past it (a place found may lie at or past `end`, in the last block read).
    #[target_feature(enable = "sse2")]
    #[inline]
    fn find_pair(
        bytes: &[u8],
        mut at: usize,
        end: usize,
        places: impl Fn(__m128i, __m128i) -> i32,
    ) -> Result<usize, usize> {
        while let Some(block) = bytes.get(at - 1..at + 16).filter(|_| at < end) {
            // SAFETY: `block` is seventeen readable bytes; each load reads sixteen of them, and
            // `loadu` needs no alignment.
            let (before, byte) =
                unsafe { (_mm_loadu_si128(block.as_ptr().cast()), _mm_loadu_si128(block[1..].as_ptr().cast())) };
            let found = places(before, byte);
            if found != 0 {
                return Ok(at + found.trailing_zeros() as usize);
            }
            at += 16;
        }
        Err(at)
    }

    /// A lane per byte of `v` in `low..=high`: shifted so that the range starts at -128, one
    /// signed compare.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn within(v: __m128i, low: u8, high: u8) -> __m128i {
        let shifted = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(low) as i8));
        _mm_cmplt_epi8(shifted, _mm_set1_epi8((0x80 + u32::from(high - low) + 1) as u8 as i8))
    }

    #[target_feature(enable = "sse2")]
    fn members_in_block_sse2(block: &[u8; 16], members: &[u8; super::FEW]) -> u32 {
        // SAFETY: `block` is sixteen readable bytes, and `loadu` needs no alignment.
        let v = unsafe { _mm_loadu_si128(block.as_ptr().cast()) };
        let found = members.iter().fold(_mm_setzero_si128(), |found, &member| {
            _mm_or_si128(found, _mm_cmpeq_epi8(v, _mm_set1_epi8(member as i8)))
        });
        _mm_movemask_epi8(found) as u32
    }

    #[target_feature(enable = "sse2")]
    fn run_in_block_sse2<const UNDERSCORE: bool>(block: &[u8; 16]) -> (usize, bool, u128) {
        // SAFETY: `block` is sixteen readable bytes, and `loadu` needs no alignment.
        let v = unsafe { _mm_loadu_si128(block.as_ptr().cast()) };
        let folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let mut word = _mm_or_si128(within(folded, b'a', b'z'), within(v, b'0', b'9'));
        if UNDERSCORE {
            word = _mm_or_si128(word, _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8)));
        }
        // A bit per word byte: the first clear one ends the run (bits 16 and up are clear).
        let len = (!(_mm_movemask_epi8(word) as u32)).trailing_zeros();
        let beyond_ascii = (_mm_movemask_epi8(v) as u32) >> len & 1 != 0;
        let upper = _mm_and_si128(within(v, b'A', b'Z'), _mm_set1_epi8(0x20));
        // The run's bytes, lower-cased: the lanes below `len`.
        let lanes = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        let run = _mm_cmpgt_epi8(_mm_set1_epi8(len as i8), lanes);
        let key = _mm_and_si128(_mm_or_si128(v, upper), run);
        let low = _mm_cvtsi128_si64(key) as u64;
        let high = _mm_cvtsi128_si64(_mm_unpackhi_epi64(key, key)) as u64;
        (len as usize, beyond_ascii, u128::from(high) << 64 | u128::from(low))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::XorShift;

    #[test]
    fn a_word_read_sixteen_bytes_at_once_is_the_word_read_byte_by_byte() {
        // Every byte value, at every place of a word that starts a long text and of one that
        // nearly fills sixteen bytes, with text after the word or not: the ranges' edges
        // (`/` `0` `9` `:`, `@` `A` `Z` `[`, `` ` `` `a` `z` `{`, `_`, DEL, bytes beyond ASCII).
        for byte in 0..=255u8 {
            for place in 0..20 {
                let mut text = b"abcdefghijklmnopqrstuvwxyz".to_vec();
                text[place] = byte;
                for start in [0, 3, 10] {
                    for end in [text.len(), 15, 16, 17, 20] {
                        let bytes = &text[..end];
                        let (word, alphanumeric) =
                            (ascii_run_at_bytewise::<true>(bytes, start), ascii_run_at_bytewise::<false>(bytes, start));
                        assert_eq!(ascii_word_at(bytes, start), word, "{bytes:?} {start}");
                        assert_eq!(ascii_alphanumeric_run_at(bytes, start), alphanumeric, "{bytes:?} {start}");
                    }
                }
            }
        }
        // Texts of words, punctuation and capitals, read from every position.
        let pieces: [&[u8]; 12] = [
            b"Kafka",
            b"k8s",
            b"_id",
            b" ",
            b", ",
            b"C#",
            "é".as_bytes(),
            b"AWS",
            b"x",
            b"-",
            b"DATA_ENG",
            b"sixteenletterss",
        ];
        let mut rng = XorShift::new(0x5eed_0001);
        for _ in 0..300 {
            let text: Vec<u8> = (0..rng.below(12)).flat_map(|_| pieces[rng.below(pieces.len())].to_vec()).collect();
            for at in 0..text.len() {
                assert_eq!(ascii_word_at(&text, at), ascii_run_at_bytewise::<true>(&text, at), "{text:?} {at}");
                let alphanumeric = ascii_run_at_bytewise::<false>(&text, at);
                assert_eq!(ascii_alphanumeric_run_at(&text, at), alphanumeric, "{text:?} {at}");
            }
        }
    }

    #[test]
    fn seams_of_case_found_sixteen_at_a_time_are_those_found_one_at_a_time() {
        assert_eq!(find_case_seam(b"", 0), None);
        assert_eq!(find_case_seam(b"A", 0), None);
        assert_eq!(find_case_seam(b"skillsExperience", 0), Some(6));
        assert_eq!(find_case_seam(b"Requirements2+ years", 0), Some(12));
        assert_eq!(find_case_seam(b"a plus.Experience", 0), Some(7));
        assert_eq!(find_case_seam(b"a field.5+ years", 0), Some(8));
        assert_eq!(find_case_seam(b"Plain Text, 2 years. No Seams (at all) here (2)3", 0), None);
        // Every pair of bytes at every place of a long text, searched from several places.
        for_each_pair_at_block_edges(b' ', |text, before, byte, place| {
            let expected = is_case_seam(before, byte).then_some(place);
            assert_eq!(find_case_seam(text, 0), expected, "{before} {byte} at {place}");
            assert_eq!(find_case_seam(text, place), expected, "{before} {byte} from {place}");
            assert_eq!(find_case_seam(text, place + 1), None, "{before} {byte} after {place}");
        });
    }

    /// `check` of every pair of bytes written at the places of a 34-byte text of `filler` that
    /// lie on either side of the sixteen-byte blocks' edges, with the text, the pair and the
    /// place of its second byte.
    fn for_each_pair_at_block_edges(filler: u8, mut check: impl FnMut(&[u8], u8, u8, usize)) {
        for before in 0..=255u8 {
            for byte in 0..=255u8 {
                for place in [1, 15, 16, 17, 30] {
                    let mut text = vec![filler; 34];
                    text[place - 1] = before;
                    text[place] = byte;
                    check(&text, before, byte, place);
                }
            }
        }
    }

    #[test]
    fn capitals_after_spaces_found_sixteen_at_a_time_are_those_found_one_at_a_time() {
        let find = |text: &[u8], from: usize| find_capital_after_space(text, from, text.len());
        assert_eq!(find(b"", 0), None);
        assert_eq!(find(b"dashboards Strong skills", 0), Some(11));
        assert_eq!(find_capital_after_space(b"dashboards Strong skills", 0, 11), None);
        assert_eq!(find(b"Start,Comma and-Dash and  lower", 0), None);
        // No other place is one: the byte after the pair is no capital, the one before no space.
        for_each_pair_at_block_edges(b'x', |text, before, byte, place| {
            let found = before == b' ' && byte.is_ascii_uppercase();
            assert_eq!(find(text, 0), found.then_some(place), "{before} {byte} at {place}");
            assert_eq!(find(text, place + 1), None, "{before} {byte} after {place}");
            assert_eq!(find(&text[..place], 0), None, "{before} {byte} before {place}");
            // An end inside the text: places from it on are not found, those before are.
            for end in [place, place + 1, 20] {
                let expected = found.then_some(place).filter(|&at| at < end);
                assert_eq!(find_capital_after_space(text, 0, end), expected, "{before} {byte} at {place} to {end}");
            }
        });
    }

    #[test]
    fn the_first_byte_beyond_ascii_is_found_wherever_it_falls() {
        assert_eq!(first_non_ascii(b""), None);
        assert_eq!(first_non_ascii(b"plain ASCII text, longer than one chunk"), None);
        for at in 0..20 {
            let mut text = "a".repeat(20);
            text.replace_range(at..at + 1, "é");
            assert_eq!(first_non_ascii(text.as_bytes()), Some(at), "{text}");
        }
    }

    #[test]
    fn packed_words_are_lower_cased_as_each_byte_would_be() {
        let naive = |word: &[u8]| {
            let mut key = [0u8; 16];
            for (to, from) in key.iter_mut().zip(word) {
                *to = from.to_ascii_lowercase();
            }
            u128::from_le_bytes(key)
        };
        // Every ASCII byte but NUL, at every place and length, with text after the word or not.
        let ascii: Vec<u8> = (1..0x80).collect();
        for start in 0..ascii.len() {
            for len in 0..=16.min(ascii.len() - start) {
                let word = start..start + len;
                assert_eq!(packed_ascii_lowercase(&ascii, word.clone()), Some(naive(&ascii[word.clone()])), "{word:?}");
                let alone = &ascii[word.clone()];
                assert_eq!(packed_ascii_lowercase(alone, 0..len), Some(naive(alone)), "{word:?} alone");
            }
        }
        assert_eq!(packed_ascii_lowercase(b"Internationalization", 0..20), None);
        assert_eq!(packed_ascii_lowercase(b"AbC_9 xyz", 0..5), packed_ascii_lowercase(b"abc_9", 0..5));
    }

    #[test]
    fn find_returns_the_first_member_wherever_it_falls() {
        let set = ByteSet::new(b"<&");
        assert_eq!(set.find(b""), None);
        assert_eq!(set.find(b"plain text, no markup at all"), None);
        // Before, inside and after the eight-byte chunks, and the first of several.
        for at in 0..20 {
            let mut text = vec![b'a'; 20];
            text[at] = b'&';
            if at + 3 < 20 {
                text[at + 3] = b'<';
            }
            assert_eq!(set.find(&text), Some(at), "member at {at}");
        }
        // Sets searched sixteen bytes at a time (up to eight members, bytes beyond ASCII
        // among them) and by the table (more), each member at every place of a long text.
        let sets: [&[u8]; 6] =
            [b"&", b"\\<&*_[]!", b".!?\n\r", &[b'-', 0xC2, 0xE2, 0xEF], b"0123456789", b"abcdefghijklmnopqrstuvwxyz"];
        for members in sets {
            let set = ByteSet::new(members);
            for &member in members {
                for at in 0..40 {
                    let mut text = vec![b' '; 40];
                    text[at] = member;
                    text[39] = member;
                    assert_eq!(set.find(&text), Some(at), "{members:?} {member} at {at}");
                    assert_eq!(set.find(&text[..at]), None, "{members:?} before {at}");
                }
            }
        }
    }
}
