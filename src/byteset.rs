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
