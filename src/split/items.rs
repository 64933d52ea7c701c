//! List items an export glued together with a space: "…building pipelines for large data
//! Proficiency with scripting Strong communication skills Ability to work in a remote team". Such
//! a run has no sentence end and no case seam (`crate::clean`'s glued lines): it reads as one
//! requirement, the years of one item go to every skill of the others, and "a plus" of one
//! item to the next. An item of a requirements list opens with a few words, in title case
//! ("Experience with", "Strong", "Ability to", "Knowledge of"): one of them after a word in small
//! letters, itself followed by one, starts a new item. In running prose these words are not
//! capitalised mid-sentence; after a function word ("the Ability to…", "with Strong…") they
//! are left alone, and after a name too ("…with Python Strong…" reads like "Customer
//! Experience with…").

use std::ops::Range;

use crate::byteset::find_capital_after_space;

/// Words that open an item of a requirements list, in title case.
const ITEM_OPENERS: &[&str] = &[
    "Ability",
    "Advanced",
    "Comfortable",
    "Demonstrated",
    "Excellent",
    "Experience",
    "Expertise",
    "Exposure",
    "Familiarity",
    "Hands-on",
    "Knowledge",
    "Proficiency",
    "Proficient",
    "Proven",
    "Self-motivated",
    "Self-starter",
    "Solid",
    "Strong",
    "Understanding",
    "Working",
];

/// For each capital, the small letters that follow it in an opener, as bits: most capitals
/// after a space start no opener, and two bytes tell so before the word is read.
const OPENER_STARTS: [u32; 26] = {
    let mut starts = [0u32; 26];
    let mut i = 0;
    while i < ITEM_OPENERS.len() {
        let opener = ITEM_OPENERS[i].as_bytes();
        starts[(opener[0] - b'A') as usize] |= 1 << (opener[1] - b'a');
        i += 1;
    }
    starts
};

/// Words after which an opener goes on the same sentence ("meet the Minimum…", "with Strong…",
/// "relevant Experience"), in small letters.
const NOT_BEFORE_AN_ITEM: &[&str] = &[
    "all",
    "and",
    "any",
    "are",
    "both",
    "can",
    "could",
    "demonstrable",
    "either",
    "for",
    "from",
    "general",
    "had",
    "has",
    "have",
    "her",
    "his",
    "include",
    "includes",
    "including",
    "industry",
    "its",
    "like",
    "may",
    "might",
    "more",
    "most",
    "must",
    "not",
    "our",
    "overall",
    "previous",
    "prior",
    "professional",
    "related",
    "relevant",
    "should",
    "some",
    "such",
    "technical",
    "than",
    "that",
    "the",
    "their",
    "these",
    "this",
    "those",
    "very",
    "was",
    "were",
    "will",
    "with",
    "work",
    "would",
    "your",
];

/// Where items glued with a space start in `text[range]`, in order, to `starts`.
pub(super) fn glued_item_starts(text: &str, range: Range<usize>, starts: &mut Vec<usize>) {
    // The search may read on past the sentence (the text goes on); an item is read in it.
    let (bytes, sentence) = (text.as_bytes(), &text.as_bytes()[..range.end]);
    let mut from = range.start + 1;
    while let Some(at) = find_capital_after_space(bytes, from, range.end) {
        from = at + 1;
        if opens_an_item(sentence, range.start, at) {
            starts.push(at);
        }
    }
}

/// Whether the word in title case at `at` (after a space) opens an item glued to the one
/// before: an opener, followed by a word in small letters, after a whole word in small
/// letters that is no function word.
fn opens_an_item(bytes: &[u8], start: usize, at: usize) -> bool {
    // Most capitals after a space follow no small letter (a sentence's start, a name's second
    // word): ruled out before the word is read.
    if at < start + 2 || !bytes[at - 2].is_ascii_lowercase() {
        return false;
    }
    let second = bytes.get(at + 1).copied().unwrap_or(0);
    if !second.is_ascii_lowercase() || OPENER_STARTS[usize::from(bytes[at] - b'A')] >> (second - b'a') & 1 == 0 {
        return false;
    }
    let word_end = at + bytes[at..].iter().take_while(|&&b| b.is_ascii_alphabetic() || b == b'-').count();
    let next_is_small =
        bytes.get(word_end) == Some(&b' ') && bytes.get(word_end + 1).is_some_and(u8::is_ascii_lowercase);
    if !next_is_small || !ITEM_OPENERS.iter().any(|opener| opener.as_bytes() == &bytes[at..word_end]) {
        return false;
    }
    let before_end = at - 1;
    let before = bytes[start..before_end].iter().rev().take_while(|b| b.is_ascii_lowercase()).count();
    let before_start = before_end - before;
    let whole_word = before_start == start
        || !bytes[before_start - 1].is_ascii_alphanumeric() && !b"'-".contains(&bytes[before_start - 1]);
    before >= 3
        && whole_word
        && std::str::from_utf8(&bytes[before_start..before_end]).is_ok_and(|word| !NOT_BEFORE_AN_ITEM.contains(&word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Vec<&str> {
        let mut starts = Vec::new();
        glued_item_starts(text, 0..text.len(), &mut starts);
        let mut cuts = vec![0];
        cuts.extend(starts);
        cuts.push(text.len());
        cuts.windows(2).map(|w| text[w[0]..w[1]].trim()).collect()
    }

    #[test]
    fn items_glued_with_a_space_are_told_apart() {
        assert_eq!(
            items("building pipelines for large data Proficiency with scripting Strong communication skills Ability to work remotely"),
            [
                "building pipelines for large data",
                "Proficiency with scripting",
                "Strong communication skills",
                "Ability to work remotely"
            ]
        );
        // After a name the item is not told apart: "Customer Experience with…" reads alike.
        assert_eq!(
            items("Proficiency with Python Strong communication skills"),
            ["Proficiency with Python Strong communication skills"]
        );
        assert_eq!(
            items("5+ years of scripting Experience with Kafka is a plus"),
            ["5+ years of scripting", "Experience with Kafka is a plus"]
        );
    }

    #[test]
    fn openers_inside_a_sentence_are_left_alone() {
        for text in [
            "Applicants must meet the Minimum Qualifications and have Strong skills",
            "We value candidates with Strong communication and the Ability to learn",
            "Candidates with relevant Experience in SQL",
            "Customer Experience and User Experience teams",
            "Python Experience",
            "data Experience: three years",
            "the team's Knowledge base",
        ] {
            assert_eq!(items(text), [text], "{text}");
        }
    }
}
