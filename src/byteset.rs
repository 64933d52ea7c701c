//! Sets of bytes, and the search for the first byte of a set: the skip loops of the passes
//! that stop only at a few bytes (markup, bullets, sentence ends) and let the rest of the text
//! go by; the table of ASCII letters and digits; and the search for the first byte beyond ASCII.

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

/// A set of bytes, as a table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ByteSet([bool; 256]);

impl ByteSet {
    pub(crate) const fn new(members: &[u8]) -> ByteSet {
        let mut table = [false; 256];
        let mut i = 0;
        while i < members.len() {
            table[members[i] as usize] = true;
            i += 1;
        }
        ByteSet(table)
    }

    #[inline]
    pub(crate) fn contains(&self, byte: u8) -> bool {
        self.0[usize::from(byte)]
    }

    /// Where the first member of the set is in `haystack`.
    #[inline]
    pub(crate) fn find(&self, haystack: &[u8]) -> Option<usize> {
        // Eight bytes are classified together with no branch per byte: the members are rare,
        // and a branch per byte was most of the cost of a skip loop.
        let mut at = 0;
        for chunk in haystack.chunks_exact(8) {
            if chunk.iter().fold(false, |any, &b| any | self.contains(b)) {
                break;
            }
            at += 8;
        }
        haystack[at..].iter().position(|&b| self.contains(b)).map(|i| at + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
