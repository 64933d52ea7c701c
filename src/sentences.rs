//! Sentence boundaries (Unicode UAX #29), with a fast path for ASCII text.
//!
//! `unicode-segmentation` implements UAX #29 for all of Unicode, which made it the slowest
//! stage of the pipeline on prose-heavy postings. Posting text is mostly ASCII plus a few
//! typographic characters (curly quotes, dashes, accented letters), where the rules reduce to
//! a handful of character classes; [`sentence_ranges`] applies those rules directly and hands
//! any text with a character outside that set to `unicode-segmentation`. Tests check that both
//! give the same boundaries on many generated strings.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::byteset::{first_non_ascii, ByteSet};

/// The byte ranges of the sentences of `text` (together they tile it).
pub fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    static ENDS: ByteSet = ByteSet::new(b".!?\n\r");
    let bytes = text.as_bytes();
    let interesting = |from: usize| ENDS.find(&bytes[from..]).map_or(bytes.len(), |p| from + p);
    let Some(first_non_ascii) = first_non_ascii(bytes) else {
        return fast_sentences(bytes.len(), |i| i, |i| class(bytes[i]), interesting);
    };
    // Byte by byte also works for text with known non-ASCII characters, as long as none of them
    // is a separator: every byte of a character takes the character's class, so runs, neighbours
    // and lookahead see the same sequence of classes, and breaks fall on character starts.
    let known_without_separators =
        non_ascii_chars(text, first_non_ascii).all(|c| non_ascii_class(c).is_some_and(|k| k != Class::Sep));
    if known_without_separators {
        let byte_class = |i: usize| {
            if bytes[i] < 0x80 {
                return class(bytes[i]);
            }
            let start = (0..=i).rev().find(|&s| text.is_char_boundary(s)).unwrap_or(0);
            text[start..].chars().next().and_then(non_ascii_class).unwrap_or(Class::Other)
        };
        return fast_sentences(bytes.len(), |i| i, byte_class, interesting);
    }
    match classify(text) {
        Some(chars) => {
            let interesting = |from: usize| {
                chars[from..]
                    .iter()
                    .position(|&(_, c)| matches!(c, Class::ATerm | Class::STerm | Class::Sep | Class::Cr))
                    .map_or(chars.len(), |p| from + p)
            };
            fast_sentences(chars.len(), |i| chars.get(i).map_or(text.len(), |&(at, _)| at), |i| chars[i].1, interesting)
        }
        None => text.split_sentence_bound_indices().map(|(at, s)| at..at + s.len()).collect(),
    }
}

/// The characters beyond ASCII of `text` from byte `from` on (a character start), found eight
/// bytes at a time rather than by decoding every character: most of a posting is ASCII.
fn non_ascii_chars(text: &str, from: usize) -> impl Iterator<Item = char> + '_ {
    let mut at = from;
    std::iter::from_fn(move || {
        let found = at + first_non_ascii(&text.as_bytes()[at..])?;
        // A byte beyond ASCII that follows ASCII (or a whole character) starts a character.
        let c = text[found..].chars().next()?;
        at = found + c.len_utf8();
        Some(c)
    })
}

/// UAX #29 sentence classes, restricted to ASCII.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Carriage return, which pairs with a following line feed.
    Cr,
    /// Line feed and the other paragraph separators.
    Sep,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

/// Each character's byte offset and class, or `None` if some character needs the full tables.
fn classify(text: &str) -> Option<Vec<(usize, Class)>> {
    let mut out = Vec::with_capacity(text.len());
    for (at, ch) in text.char_indices() {
        let class = if ch.is_ascii() { class(ch as u8) } else { non_ascii_class(ch)? };
        out.push((at, class));
    }
    Some(out)
}

/// The common non-ASCII characters of postings whose class is certain.
fn non_ascii_class(ch: char) -> Option<Class> {
    Some(match ch {
        '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{202f}' => Class::Sp,
        '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Sep,
        '‘' | '’' | '“' | '”' | '«' | '»' => Class::Close,
        '–' | '—' | '：' => Class::SContinue,
        '•' | '·' | '€' | '£' | '©' | '®' | '™' | '°' | '…' => Class::Other,
        // Bullets, other dashes and signs that scraped postings carry.
        '●' | '▪' | '■' | '◦' | '○' | '❖' | '➢' | '→' | '✓' | '‐' | '‑' | '‒' | '―' | '−' | '§' | '¢' | '¦' | '¬'
        | '×' | '≥' | '≤' | '℠' | '\u{fffd}' => Class::Other,
        'ﬁ' | 'ﬂ' => Class::Lower,
        c if c.is_alphabetic() && ('\u{c0}'..='\u{24f}').contains(&c) => {
            if c.is_lowercase() {
                Class::Lower
            } else if c.is_uppercase() {
                Class::Upper
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

fn class(b: u8) -> Class {
    match b {
        b'\r' => Class::Cr,
        b'\n' => Class::Sep,
        b' ' | b'\t' | 0x0B | 0x0C => Class::Sp,
        b'a'..=b'z' => Class::Lower,
        b'A'..=b'Z' => Class::Upper,
        b'0'..=b'9' => Class::Numeric,
        b'.' => Class::ATerm,
        b'!' | b'?' => Class::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Class::Close,
        b',' | b'-' | b':' | b';' => Class::SContinue,
        _ => Class::Other,
    }
}

/// UAX #29 over `n` characters, given each one's class and byte offset (`offset(n)` is the
/// text's length).
/// `interesting(i)` is the first index at or after `i` holding a terminator or separator (or
/// `n`): only those can end a sentence, so everything between them is skipped in one scan.
fn fast_sentences(
    n: usize,
    offset: impl Fn(usize) -> usize,
    class_at: impl Fn(usize) -> Class,
    interesting: impl Fn(usize) -> usize,
) -> Vec<Range<usize>> {
    let len = offset(n);
    // About one sentence in a hundred bytes of a posting: room for most without growing.
    let mut out = Vec::with_capacity(len / 96 + 1);
    let mut start = 0;
    let mut i = 0;
    while i < n {
        i = interesting(i);
        if i >= n {
            break;
        }
        let c = class_at(i);
        // SB3/SB4: break after a paragraph separator (CR LF counts as one).
        if is_separator(c) {
            let end = if c == Class::Cr && i + 1 < n && class_at(i + 1) == Class::Sep && offset(i + 1) == offset(i) + 1
            {
                i + 2
            } else {
                i + 1
            };
            if end < n {
                out.push(start..offset(end));
                start = offset(end);
            }
            i = end;
            continue;
        }
        if c != Class::ATerm && c != Class::STerm {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && class_at(j) == Class::Close {
            j += 1;
        }
        let mut k = j;
        while k < n && class_at(k) == Class::Sp {
            k += 1;
        }
        if k >= n {
            break;
        }
        let next = class_at(k);
        if is_separator(next) {
            // SB9/SB10 keep the separator in this sentence; the Sep branch above ends it.
            i = k;
            continue;
        }
        let keep_going = if c == Class::ATerm {
            let adjacent = k == i + 1;
            let prev = if i > 0 { class_at(i - 1) } else { Class::Other };
            // SB6: "3.5"; SB7: "U.S" (letter, ATerm, capital, nothing between).
            (adjacent && next == Class::Numeric)
                || (adjacent && matches!(prev, Class::Upper | Class::Lower) && next == Class::Upper)
                // SB8: a lower-case letter comes before any letter, separator or terminator.
                || (k..n)
                    .map(&class_at)
                    .find(|c| matches!(c, Class::Upper | Class::Lower | Class::Sep | Class::Cr | Class::ATerm | Class::STerm))
                    == Some(Class::Lower)
        } else {
            false
        };
        // SB8a: a comma, dash, colon or another terminator continues the sentence.
        let keep_going = keep_going || matches!(next, Class::SContinue | Class::ATerm | Class::STerm);
        if !keep_going {
            out.push(start..offset(k));
            start = offset(k);
        }
        i = if keep_going { i + 1 } else { k };
    }
    if start < len {
        out.push(start..len);
    }
    out
}

fn is_separator(class: Class) -> bool {
    matches!(class, Class::Sep | Class::Cr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::XorShift;

    fn reference(text: &str) -> Vec<Range<usize>> {
        text.split_sentence_bound_indices().map(|(at, s)| at..at + s.len()).collect()
    }

    #[test]
    fn examples_match_uax29() {
        for text in [
            "We are hiring. You will build things! Really? Yes.",
            "Use e.g. Python. The U.S. Army. Version 3.5 is out.",
            "He said \"Go.\" Then left.  Two spaces. (Parenthetical.) Next",
            "Ends with a period.",
            "a.b. c. D",
            "Wait... what?! OK",
            "Line one.\nLine two.\r\nThree",
            "She’s here. “Quoted.” Next – and café. Éclair",
        ] {
            assert_eq!(sentence_ranges(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn each_known_character_breaks_as_uax29_says() {
        // Every character the fast path classifies, in the places where classes decide.
        let known = "\u{a0}\u{2002}\u{2003}\u{2009}\u{202f}\u{85}\u{2028}\u{2029}‘’“”«»–—：•·€£©®™°…●▪■◦○❖➢→✓‐‑‒―−§¢¦¬×≥≤℠\u{fffd}ﬁﬂéÉ";
        let templates = [
            "Go. {}x", "Go.{}x", "Go. {} x", "Go.{} X", "a{}. b", "A{}. B", "U.{}S", "x{}", "{}. Yes", "3.{}5",
            "ok?{} No",
        ];
        for c in known.chars() {
            for template in templates {
                let text = template.replace("{}", &c.to_string());
                assert_eq!(sentence_ranges(&text), reference(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn non_ascii_chars_are_every_character_beyond_ascii() {
        let text = "plain ascii é then a long ASCII stretch of more than eight bytes — “quoted” ﬁ€ end ü";
        for from in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
            let expected: Vec<char> = text[from..].chars().filter(|c| !c.is_ascii()).collect();
            assert_eq!(non_ascii_chars(text, from).collect::<Vec<_>>(), expected, "from {from}");
        }
    }

    #[test]
    fn generated_text_matches_uax29() {
        // A fixed xorshift stream, so failures reproduce; the alphabet covers every class.
        let alphabet: Vec<char> =
            "aZ9.!? \t\"'(),-:;x\n\rB’“–é\u{a0}É•\u{202f}\u{2002}：●▪■◦○❖➢→✓‐‑‒―−§¢¦¬×≥≤℠\u{fffd}ﬁﬂ".chars().collect();
        let mut random = XorShift::new(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let len = random.next() % 24;
            let text: String = (0..len).map(|_| alphabet[random.below(alphabet.len())]).collect();
            assert_eq!(sentence_ranges(&text), reference(&text), "{text:?}");
        }
    }
}
