//! A fixed pseudo-random stream for the unit tests that generate inputs, so that a failure
//! reproduces on every run.

/// Marsaglia's xorshift64.
pub(crate) struct XorShift(u64);

impl XorShift {
    /// A stream from `seed` (not zero).
    pub(crate) fn new(seed: u64) -> XorShift {
        XorShift(seed)
    }

    /// The next number.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// An index below `len`.
    pub(crate) fn below(&mut self, len: usize) -> usize {
        (self.next() % len as u64) as usize
    }

    /// Fewer than `most` of `pieces`, each drawn at random, strung together: a generated text.
    pub(crate) fn text(&mut self, pieces: &[&str], most: usize) -> String {
        (0..self.below(most)).map(|_| pieces[self.below(pieces.len())]).collect()
    }
}
