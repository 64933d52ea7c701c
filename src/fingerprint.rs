//! Fingerprints of data (taxonomies, ladders) that stay the same across builds, platforms and
//! runs, so partial results can say what they were counted with.

/// 64-bit FNV-1a, written out because its value must never change between builds (the
/// standard library's hashers promise no such thing).
pub(crate) struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// Each field followed by a separator no field contains, so ("ab", "c") ≠ ("a", "bc").
    pub(crate) fn fields<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        for field in fields {
            self.bytes(field.as_bytes());
            self.bytes(&[0]);
        }
    }

    /// `fnv1a64:` and 16 hex digits.
    pub(crate) fn finish(&self) -> String {
        format!("fnv1a64:{:016x}", self.0)
    }
}
