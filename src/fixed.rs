//! Floats written with a fixed number of decimals, byte for byte as `format!("{:.N}")` (and
//! `{:+.N}`) writes them, without the formatting machinery for the common case.
//!
//! Level evidence and report cells write thousands of short numbers ("+0.12", "2.98"); the
//! standard formatter finds the exact decimal expansion of each, which costs far more than the
//! number is worth. Scaling by 10^N and rounding gives the same digits unless the value lies
//! within rounding error of a tie (…5 just past the last decimal), and those, like very large
//! or non-finite values, are left to the standard formatter.

use std::fmt::Write;

/// The most decimals the fast path writes.
const MAX_DECIMALS: usize = 4;
/// Scaled values at or above this go to the standard formatter: below it, the scaling's
/// rounding error (2^-53 relative) is far smaller than the distance to a tie the fast path
/// insists on.
const FAST_LIMIT: f64 = 1e9;
/// How far from a tie the scaled value must be for its rounding to be decided.
const TIE_MARGIN: f64 = 1e-6;

/// Appends `value` with `decimals` decimals, as `{:.N}` writes it, or as `{:+.N}` with `plus`.
pub fn push_fixed(out: &mut String, value: f64, decimals: usize, plus: bool) {
    const POWERS: [f64; MAX_DECIMALS + 1] = [1.0, 10.0, 100.0, 1_000.0, 10_000.0];
    let fast = POWERS.get(decimals).and_then(|&power| {
        let scaled = value.abs() * power;
        let fraction = scaled - scaled.trunc();
        // NaN and infinities fail `scaled < FAST_LIMIT`.
        (scaled < FAST_LIMIT && (fraction - 0.5).abs() >= TIE_MARGIN).then_some((scaled, power))
    });
    let Some((scaled, power)) = fast else {
        let _ = if plus { write!(out, "{value:+.decimals$}") } else { write!(out, "{value:.decimals$}") };
        return;
    };
    if value.is_sign_negative() {
        out.push('-');
    } else if plus {
        out.push('+');
    }
    let units = scaled.round() as u64;
    let divisor = power as u64;
    push_digits(out, units / divisor, 1);
    if decimals > 0 {
        out.push('.');
        push_digits(out, units % divisor, decimals);
    }
}

/// Appends `n` in decimal, left-padded with zeros to `width` digits.
fn push_digits(out: &mut String, n: u64, width: usize) {
    out.push_str(Digits::new(n).padded(width));
}

/// A whole number's decimal digits, written into a buffer of their own (no allocation).
pub(crate) struct Digits {
    /// Zeros before the digits, so that padding is a wider slice.
    bytes: [u8; 20],
    start: usize,
}

impl Digits {
    pub(crate) fn new(mut n: u64) -> Digits {
        let mut digits = Digits { bytes: [b'0'; 20], start: 20 };
        loop {
            digits.start -= 1;
            digits.bytes[digits.start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                return digits;
            }
        }
    }

    /// The digits.
    pub(crate) fn as_str(&self) -> &str {
        self.padded(0)
    }

    /// The digits, left-padded with zeros to `width` (at most 20).
    pub(crate) fn padded(&self, width: usize) -> &str {
        let at = self.start.min(self.bytes.len() - width);
        std::str::from_utf8(&self.bytes[at..]).expect("ASCII digits")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::XorShift;

    fn fast(value: f64, decimals: usize, plus: bool) -> String {
        let mut out = String::new();
        push_fixed(&mut out, value, decimals, plus);
        out
    }

    fn standard(value: f64, decimals: usize, plus: bool) -> String {
        if plus {
            format!("{value:+.decimals$}")
        } else {
            format!("{value:.decimals$}")
        }
    }

    #[test]
    fn writes_what_the_standard_formatter_writes() {
        let mut values = vec![
            0.0,
            -0.0,
            0.005,
            -0.005,
            0.125,
            -0.125,
            0.375,
            1.005,
            2.675,
            0.994999,
            0.995,
            9.995,
            99.999,
            -0.001,
            1e-12,
            123_456.785,
            1e8,
            5e9,
            1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            f64::MIN_POSITIVE,
        ];
        // Values on a fine grid around the ties of two decimals, and pseudo-random ones.
        for i in 0..20_000 {
            values.push(f64::from(i) / 1000.0 - 10.0);
            values.push(f64::from(i) / 2000.0 + 0.0025);
        }
        let mut random = XorShift::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let unit = (random.next() >> 11) as f64 / (1u64 << 53) as f64;
            values.push((unit - 0.5) * 2_000.0);
        }
        for value in values {
            for decimals in 0..=5 {
                for plus in [false, true] {
                    assert_eq!(
                        fast(value, decimals, plus),
                        standard(value, decimals, plus),
                        "{value:e} {decimals} {plus}"
                    );
                }
            }
        }
    }
}
