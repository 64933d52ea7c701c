//! What a requirement's wording says beyond its skills: how strongly it asks (cues such as
//! "is a plus", "(preferred)") and how many years it asks for ("5+ years", "3-5 years",
//! "two years").
//!
//! Both are found once per posting with one regex pass each and then assigned to
//! requirements and clauses by offset, so their cost does not grow with the taxonomy.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::packed;
use regex::{Regex, RegexBuilder};

use crate::byteset::ByteSet;

/// A regex whose classes and case folding are ASCII-only: the cue words are English, and
/// without Unicode tables the lazy DFA stays small and fast on every posting.
fn ascii_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).unicode(false).build()
}

/// A phrase that lowers a requirement (or one skill) to "preferred".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreferenceCue {
    /// Byte range in the text searched.
    pub range: Range<usize>,
    /// A parenthesised cue ("(preferred)", "(a plus)") qualifies only the skill right before it.
    pub parenthesised: bool,
}

/// A stated minimum number of years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearsMention {
    /// Byte range in the text searched.
    pub range: Range<usize>,
    /// The minimum the phrase allows: "3-5 years" → 3, "5+ years" → 5.
    pub min_years: u32,
}

/// Builds this module's fixed searchers and regexes now rather than on first use.
pub(crate) fn prepare() {
    preference_keywords();
    preference_regex();
    years_regex();
    years_tail_regex();
}

fn preference_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        ascii_regex(
            r"(?ix)
            \(\s*(?:strongly\s+)?(?:preferred|preferably|a\s+plus|plus|nice[\s-]to[\s-]have|optional|bonus|desired|desirable|ideally)\s*\)
            | (?-u:\b)(?:is|are|would\s+be|will\s+be|as)\s+(?:a\s+)?(?:big\s+|huge\s+|strong\s+|definite\s+|major\s+|great\s+|added\s+|nice\s+)?(?:plus|bonus|advantage|benefit)(?-u:\b)
            | (?-u:\b)a\s+(?:big\s+|huge\s+|strong\s+|definite\s+|major\s+|great\s+|nice\s+)?plus(?-u:\b)
            | (?-u:\b)an\s+added\s+(?:plus|bonus)(?-u:\b)
            | (?-u:\b)nice[\s-]to[\s-]haves?(?-u:\b)
            | (?-u:\b)good[\s-]to[\s-]have(?-u:\b)
            | (?-u:\b)(?:strongly\s+)?preferred(?-u:\b)
            | (?-u:\b)preferably(?-u:\b)
            | (?-u:\b)preference\s+(?:for|given|will\s+be\s+given)(?-u:\b)
            | (?-u:\b)bonus(?:\s+points)?(?-u:\b)
            | (?-u:\b)desir(?:ed|able)(?-u:\b)
            | (?-u:\b)ideally(?-u:\b)
            | (?-u:\b)plus\s+if(?-u:\b)
            | (?-u:\b)is\s+an?\s+(?:advantage|asset)(?-u:\b)
            | (?-u:\b)(?:an?\s+)?(?:added\s+)?advantage(?-u:\b)
            ",
        )
        .expect("valid regex")
    })
}

/// A stated number of years, up to the year word: its match starts with the number. Without
/// capture groups, the regex finds a match with its DFAs alone; the number and an excluding
/// tail are then read from the text ([`leading_number`], [`years_tail_regex`]).
fn years_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        ascii_regex(&format!(
            r"(?ix)
            (?-u:\b)(?:\d{{1,2}}|{NUMBER_WORDS})
            (?:\s*\(\s*\d{{1,2}}\s*\+?\s*\))?
            \s*(?:\+|plus|or\s+more)?
            (?:\s*(?:-|–|to)\s*(?:\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\s*\+?)?
            \s*(?:full[\s-]time\s+|professional\s+|relevant\s+|related\s+)?
            (?:years?|yrs?)(?-u:\b)(?:'|’)?
            "
        ))
        .expect("valid regex")
    })
}

/// The number words a stated number of years may start with, as a regex alternation. No word
/// is the start of another, so the one a match starts with is found by its prefix.
const NUMBER_WORDS: &str = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty";

/// What after a stated number of years makes it no requirement: "years old", "a 4 year
/// degree", "three years in a row", "(36 years strong)". Anchored at the end of the years.
fn years_tail_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        ascii_regex(
            r"(?ix)
            \A(?:\s+(?:old|ago|warranty|guarantee|anniversary|contract|term|degree|college|university
                |bachelors?|undergraduate|institution|program|programme|course|probationary|from\s+now|in\s+a\s+row)(?-u:\b)
                |\s+(?:running|strong)\s*[,.;:!)])
            ",
        )
        .expect("valid regex")
    })
}

/// The number a match of [`years_regex`] starts with: its one or two digits, or its number word.
fn leading_number(matched: &str) -> Option<u32> {
    let digits = matched.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        return matched[..digits].parse().ok();
    }
    let bytes = matched.as_bytes();
    let word = NUMBER_WORDS
        .split('|')
        .find(|word| bytes.len() >= word.len() && bytes[..word.len()].eq_ignore_ascii_case(word.as_bytes()))?;
    parse_number(word)
}

/// Every preference cue in `text`.
pub fn preference_cues(text: &str) -> Vec<PreferenceCue> {
    // Every cue holds one of a few keywords. Finding those first, and running the regex only
    // around them, spares it the many "is", "are" and "a" of ordinary prose.
    // A cue reaches at most this far before and after its keyword ("(strongly preferred)",
    // "would be a definite plus", "preference will be given"); overlapping windows are merged
    // so that the regex sees each stretch of text once, as a full scan would.
    let folded = fold_ascii_letters(text);
    let windows = windows_around(text, preference_keywords().find_iter(&folded).map(|k| k.range()), 48, 32);
    let mut cues = Vec::new();
    for window in windows {
        for m in preference_regex().find_iter(&text[window.clone()]) {
            let range = window.start + m.start()..window.start + m.end();
            cues.push(PreferenceCue { range, parenthesised: m.as_str().starts_with('(') });
        }
    }
    cues
}

/// The keywords every preference cue holds, in lower case, to be found in a text folded by
/// [`fold_ascii_letters`]. A packed (SIMD) searcher skips the text between them many times
/// faster than an automaton steps through it byte by byte. (No keyword holds another, so its
/// leftmost matches are the ones an automaton reports first.)
fn preference_keywords() -> &'static packed::Searcher {
    static SEARCHER: OnceLock<packed::Searcher> = OnceLock::new();
    SEARCHER.get_or_init(|| {
        let keywords = [
            "plus",
            "bonus",
            "advantage",
            "benefit",
            "asset",
            "prefer",
            "nice",
            "good",
            "desir",
            "ideally",
            "optional",
        ];
        packed::Searcher::new(keywords).expect("eleven keywords fit a packed searcher")
    })
}

/// `text` with its ASCII capitals in lower case, byte for byte (offsets stay those of `text`).
/// Setting bit 5 of every byte does it: that bit is all that tells `A`-`Z` from `a`-`z`, and
/// no other byte becomes a letter by it, so a lower-case word is found in the folded text
/// exactly where the text has it in any ASCII case.
fn fold_ascii_letters(text: &str) -> Vec<u8> {
    text.bytes().map(|b| b | 0x20).collect()
}

/// The stretches of `text` from `before` bytes before each of `keywords` (in text order) to
/// `after` bytes after it, widened to whole words and merged where they overlap, so that a
/// regex run over each sees every stretch once, as a scan of the whole text would.
fn windows_around(
    text: &str,
    keywords: impl Iterator<Item = Range<usize>>,
    before: usize,
    after: usize,
) -> Vec<Range<usize>> {
    let mut windows: Vec<Range<usize>> = Vec::new();
    for keyword in keywords {
        let window = window_start(text, keyword.start.saturating_sub(before))..window_end(text, keyword.end + after);
        match windows.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => windows.push(window),
        }
    }
    windows
}

/// The start of the word at or before `at`, so a window never begins inside a word (where the
/// regex would see a word boundary the full text does not have).
fn window_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = at.min(text.len());
    while start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || !text.is_char_boundary(start)) {
        start -= 1;
    }
    start
}

/// The end of the word at or after `at`.
fn window_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = at.min(text.len());
    while end < text.len() && (bytes[end].is_ascii_alphanumeric() || !text.is_char_boundary(end)) {
        end += 1;
    }
    end
}

/// Every stated minimum of years in `text`.
///
/// ```
/// use rungs::signals::years_mentions;
/// let years = |t: &str| years_mentions(t).into_iter().map(|m| m.min_years).collect::<Vec<_>>();
/// assert_eq!(years("5+ years of Go; at least 3 years of SQL"), [5, 3]);
/// assert_eq!(years("3-5 years, Minimum 2 years, (7+ years), two years"), [3, 2, 7, 2]);
/// assert_eq!(years("founded 20 years ago"), Vec::<u32>::new());
/// assert_eq!(years("a background check every two years, a 2 years warranty"), Vec::<u32>::new());
/// assert_eq!(years("grown 40% over the past 5 years; a 4 year degree"), Vec::<u32>::new());
/// assert_eq!(years("• 5+ years of Go; ’every’ 3 years"), [5, 3]);
/// assert_eq!(years("For over 20 years, we have led the industry; named a top workplace 3 years in a row"), Vec::<u32>::new());
/// ```
pub fn years_mentions(text: &str) -> Vec<YearsMention> {
    if !names_years(text) {
        return Vec::new();
    }
    // Every mention ends in "year(s)" or "yr(s)": the regex reads only the text around them. A
    // mention reaches at most this far before that word ("twelve (12+) or more to fifteen
    // full-time years") and its excluded tail this far after it ("years old", "year degree").
    let windows = windows_around(text, year_words(text), 96, 24);
    let mut mentions = Vec::new();
    for window in windows {
        scan_years(text, window, &mut mentions);
    }
    mentions
}

/// The stated years in `text[span]`, as a regex over that slice alone sees them.
fn scan_years(text: &str, span: Range<usize>, mentions: &mut Vec<YearsMention>) {
    let slice = &text[span.clone()];
    for found in years_regex().find_iter(slice) {
        let range = span.start + found.start()..span.start + found.end();
        if years_tail_regex().is_match(&slice[found.end()..]) || !asks_of_the_candidate(text, range.clone()) {
            continue;
        }
        let Some(value) = leading_number(found.as_str()) else { continue };
        if (1..=40).contains(&value) {
            mentions.push(YearsMention { range, min_years: value });
        }
    }
}

/// Whether `text` holds "year", "Year", "YEAR" or "yr": the spellings that open the scan, read
/// from the year words of any case that [`year_words`] finds (most requirements have none).
fn names_years(text: &str) -> bool {
    year_words(text).any(|word| matches!(&text.as_bytes()[word], b"year" | b"Year" | b"YEAR" | b"yr"))
}

/// Where "year" or "yr" starts in `text`, in any ASCII case.
fn year_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'y', b'Y', bytes).filter_map(move |at| {
        let rest = &bytes[at + 1..];
        let len = if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(b"ear") {
            4
        } else if rest.first().is_some_and(|b| b.eq_ignore_ascii_case(&b'r')) {
            2
        } else {
            return None;
        };
        Some(at..at + len)
    })
}

/// Whether the years at `mention` are asked of the candidate, rather than a period of time
/// ([`follows_period_word`]) or how long an organisation has been at something
/// ([`tells_organisation_history`]).
fn asks_of_the_candidate(text: &str, mention: Range<usize>) -> bool {
    !follows_period_word(text, mention.start) && !tells_organisation_history(text, mention)
}

/// Whether the years at `mention` tell how long an organisation has been at something: "For
/// over 20 years, we have…", "…has served the region for more than 40 years". Such histories
/// open many postings; read as a requirement, a bank's forty years made its analyst a
/// principal. They are years after "for" (and "over", "more than", …) that are not "years of"
/// something, in a sentence that opens with that "For", or that speaks of "we", "our" or what
/// an organisation "has" done, and not of "you", the candidate or what is required.
fn tells_organisation_history(text: &str, mention: Range<usize>) -> bool {
    let Some(for_at) = for_before(text, mention.start) else { return false };
    if word_after(text, mention.end).is_some_and(|word| word.eq_ignore_ascii_case("of")) {
        return false;
    }
    if text.as_bytes()[for_at] == b'F' && opens_sentence(text, for_at) {
        return true;
    }
    let mut speaks_of_organisation = false;
    let sentence = &text[sentence_start(text, for_at)..for_at];
    for word in sentence.split(|c: char| !(c.is_ascii_alphabetic() || c == '\'' || c == '’')) {
        match word.to_ascii_lowercase().as_str() {
            "you" | "your" | "you've" | "you’ve" | "candidate" | "candidates" | "applicant" | "applicants"
            | "looking" | "seeking" | "require" | "required" | "requires" | "must" | "should" | "need" | "needs"
            | "expect" | "ideal" | "minimum" => return false,
            "we" | "we've" | "we’ve" | "our" | "has" => speaks_of_organisation = true,
            _ => {}
        }
    }
    speaks_of_organisation
}

/// Where the "for" before the years at `at` starts, past one of the words that say the years
/// are a lower bound ("for over", "for more than", "for nearly", …), if a "for" is there.
fn for_before(text: &str, at: usize) -> Option<usize> {
    let (mut start, mut word) = word_before(text, at)?;
    let two_words = |start: usize, first: &str| {
        word_before(text, start).filter(|(_, before)| before.eq_ignore_ascii_case(first)).map(|(at, _)| at)
    };
    let lower = word.to_ascii_lowercase();
    let bound = match lower.as_str() {
        "than" => two_words(start, "more"),
        "to" => two_words(start, "close"),
        "over" => Some(two_words(start, "well").unwrap_or(start)),
        "nearly" | "almost" | "about" | "around" => Some(start),
        _ => None,
    };
    if let Some(bound) = bound {
        (start, word) = word_before(text, bound)?;
    }
    if word.eq_ignore_ascii_case("for") {
        return Some(start);
    }
    // A heading the scraper ran into the sentence: "OverviewFor more than 40 years".
    let glued = word.len() > 3 && word.ends_with("For") && word.as_bytes()[word.len() - 4].is_ascii_lowercase();
    glued.then(|| start + word.len() - 3)
}

/// The run of ASCII letters that ends where `at` is, past spaces, and where it starts.
fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let before = text[..at].trim_end();
    let start = before.len() - before.bytes().rev().take_while(u8::is_ascii_alphabetic).count();
    (start < before.len()).then(|| (start, &before[start..]))
}

/// The run of ASCII letters that starts at `at`, past spaces.
fn word_after(text: &str, at: usize) -> Option<&str> {
    let after = text[at..].trim_start();
    let len = after.bytes().take_while(u8::is_ascii_alphabetic).count();
    (len > 0).then(|| &after[..len])
}

/// Whether a sentence starts at `at`: at the text's start, after a sentence's or heading's end
/// (`.`, `:`, a line break, a bullet), or right after a letter, where a scraped heading runs
/// into the text ("OverviewFor more than 40 years").
fn opens_sentence(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    if at > 0 && bytes[at - 1].is_ascii_alphabetic() {
        return true;
    }
    let before = text[..at].trim_end();
    before.is_empty() || before.ends_with(['.', ':', '!', '?', ';', '•', '*', '-', ')'])
}

/// Where the sentence holding `at` starts: after the last `.`, `!`, `?`, `;` or line break
/// before it, looking back no further than a long sentence.
fn sentence_start(text: &str, at: usize) -> usize {
    const LONGEST_SENTENCE: usize = 400;
    static SENTENCE_ENDS: ByteSet = ByteSet::new(b".!?;\n");
    let mut from = at.saturating_sub(LONGEST_SENTENCE);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let bytes = &text.as_bytes()[from..at];
    match bytes.iter().rposition(|&b| SENTENCE_ENDS.contains(b)) {
        Some(end) => from + end + 1,
        None => from,
    }
}

/// Whether the word before `at` makes the years that follow a period of time rather than
/// experience: "a background check **every** two years", "over the **past** 10 years".
fn follows_period_word(text: &str, at: usize) -> bool {
    const PERIOD_WORDS: &[&str] = &["after", "each", "every", "first", "last", "next", "past", "per", "within"];
    word_before(text, at).is_some_and(|(_, word)| PERIOD_WORDS.iter().any(|period| period.eq_ignore_ascii_case(word)))
}

fn parse_number(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    const WORDS: &[(&str, u32)] = &[
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("fifteen", 15),
        ("twenty", 20),
    ];
    let lower = word.to_ascii_lowercase();
    WORDS.iter().find(|(w, _)| *w == lower).map(|&(_, n)| n)
}

/// Clause ranges of a requirement: split at `;` and at sentence ends (`. ` before a capital),
/// so that "Degree required; Master's preferred" has two clauses.
pub fn clauses(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    static CLAUSE_ENDS: ByteSet = ByteSet::new(b";.!?");
    let slice = &text[range.clone()];
    let bytes = slice.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(found) = CLAUSE_ENDS.find(&bytes[from..]) {
        let i = from + found;
        let cut = bytes[i] == b';'
            || bytes.get(i + 1) == Some(&b' ') && bytes.get(i + 2).is_some_and(|b| b.is_ascii_uppercase());
        if cut {
            out.push(range.start + start..range.start + i + 1);
            start = i + 1;
        }
        from = i + 1;
    }
    out.push(range.start + start..range.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::XorShift;

    fn cues(text: &str) -> Vec<&str> {
        preference_cues(text).into_iter().map(|c| &text[c.range]).collect()
    }

    #[test]
    fn preference_cues_are_found() {
        assert_eq!(cues("Go is a plus"), ["is a plus"]);
        assert_eq!(cues("Azure (preferred) or AWS"), ["(preferred)"]);
        assert_eq!(cues("Serverless knowledge is a big plus."), ["is a big plus"]);
        assert_eq!(cues("Nice to have: Rust"), ["Nice to have"]);
        assert_eq!(cues("Eastern time zone a plus."), ["a plus"]);
        assert_eq!(cues("Bonus: Kafka"), ["Bonus"]);
        assert_eq!(cues("Experience in Spark/MLlib specifically an added plus"), ["an added plus"]);
        assert!(cues("5 years of Python required").is_empty());
    }

    #[test]
    fn keyword_windows_find_what_a_full_scan_finds() {
        let long = format!("{} is a plus", "x ".repeat(60));
        let texts = [
            "Nice to have: Kafka, preferably Go; a plus would be Rust (strongly preferred) and SQL is an advantage.",
            "Bananaplus and goodness are not cues, but good to have and nice-to-have are. Desirable: Python.",
            "preferred preferred (optional) bonus points, ideally with a big plus",
            long.as_str(),
            "The desired candidate is a huge plus to any team; preference will be given to locals.",
        ];
        for text in texts {
            let full: Vec<(usize, usize)> = preference_regex().find_iter(text).map(|m| (m.start(), m.end())).collect();
            let windowed: Vec<(usize, usize)> =
                preference_cues(text).into_iter().map(|c| (c.range.start, c.range.end)).collect();
            assert_eq!(windowed, full, "{text}");
        }
    }

    #[test]
    fn keyword_windows_find_what_a_full_scan_finds_on_generated_text() {
        // Cues, their keywords inside other words, and the characters around word boundaries.
        const PIECES: &[&str] = &[
            "is a plus",
            "a plus",
            "plus",
            "surplus",
            "_plus",
            "éplus",
            "(preferred)",
            "( Nice-to-have )",
            "preferably",
            "nonpreferred",
            "preference given",
            "bonus points",
            "Bonus",
            "is an asset",
            "assets",
            "advantage",
            "an added advantage",
            "disadvantage",
            "desirable",
            "undesirable",
            "ideally",
            "IDEALLY",
            "A PLUS",
            "Strongly PreFerred",
            "NICE TO HAVE",
            "good to have",
            "goodness",
            "nice to haves",
            "optional",
            "(optional)",
            "benefit",
            "would be a big benefit",
            "Go",
            "Kafka",
            " ",
            " ",
            ", ",
            ". ",
            "\n",
            "-",
            "(",
            ")",
            "x",
            "9",
            // Bytes that setting bit 5 turns into other punctuation, never into letters.
            "@",
            "[",
            "^",
            "Ü",
        ];
        let mut random = XorShift::new(0x243F_6A88_85A3_08D3);
        for _ in 0..3_000 {
            let len = random.next() % 30;
            let text: String = (0..len).map(|_| PIECES[random.below(PIECES.len())]).collect();
            let full: Vec<(usize, usize)> = preference_regex().find_iter(&text).map(|m| (m.start(), m.end())).collect();
            let windowed: Vec<(usize, usize)> =
                preference_cues(&text).into_iter().map(|c| (c.range.start, c.range.end)).collect();
            assert_eq!(windowed, full, "{text:?}");
        }
    }

    #[test]
    fn years_forms() {
        let years = |t: &str| years_mentions(t).into_iter().map(|m| m.min_years).collect::<Vec<_>>();
        assert_eq!(years("8+ years experience"), [8]);
        assert_eq!(years("two (2) years of experience"), [2]);
        assert_eq!(years("3 to 5 yrs"), [3]);
        assert_eq!(years("Minimum of 4 years"), [4]);
        assert_eq!(years("5 years' experience"), [5]);
        assert_eq!(years("a 10-year track record"), Vec::<u32>::new());
        assert_eq!(years("100 years"), Vec::<u32>::new());
        // Each spelling that opens the scan, anywhere in the text; once open, any case reads.
        assert_eq!(years("5 Years of Go"), [5]);
        assert_eq!(years("5 YEARS OF GO"), [5]);
        assert_eq!(years("Go: 5 yr"), [5]);
        assert_eq!(years("7 YRS of Go, over the years"), [7]);
    }

    #[test]
    fn an_organisations_history_and_awards_ask_no_years() {
        let years = |t: &str| years_mentions(t).into_iter().map(|m| m.min_years).collect::<Vec<_>>();
        let none = Vec::<u32>::new();
        for history in [
            "For over 20 years, we have led the industry.",
            "OverviewFor more than 40 years, East West Bank has served as a pathway to success.",
            "About us:For 11 years Incendia Partners has placed engineers.",
            "Genentech has been at the forefront of biotechnology for more than 40 years, using data.",
            "We have been in business for over 30 years.",
            "Our employees have voted us a Best Place to Work for nine years.",
            "Named a Best Place to Work two years in a row.",
            "On the Fast 500 for five years running, Sojern applies technology.",
            "Some think we are old (36 years strong).",
            "Ten years from now, it will look silly.",
            "A four year undergraduate degree; an accredited four year institution; a one year probationary period.",
        ] {
            assert_eq!(years(history), none, "{history}");
        }
        // Years after "for" that the candidate is asked for stay.
        for (asked, want) in [
            ("Have worked in a data science role for 5+ years.", 5),
            ("You have been managing analytics teams for at least 2 years.", 2),
            ("For this junior position we are looking for 1-2 years of full time experience.", 1),
            ("We require experience working for 3 years in finance.", 3),
            ("Strong full stack experience for a minimum of 3 years.", 3),
            ("Preference for 5+ years of industry experience.", 5),
            ("5 years strong experience in Java", 5),
            ("3+ years running Kubernetes in production", 3),
            ("Our ideal candidate has worked in analytics for over 4 years.", 4),
        ] {
            assert_eq!(years(asked), [want], "{asked}");
        }
    }

    #[test]
    fn the_years_prefilter_opens_on_the_four_spellings_only() {
        let spelled = |t: &str| t.contains("year") || t.contains("yr") || t.contains("Year") || t.contains("YEAR");
        let pieces = ["y", "Y", "e", "E", "a", "A", "r", "R", "ye", "yea", "Yea", "YEA", " ", "é", "5"];
        let mut rng = XorShift::new(29);
        for _ in 0..5_000 {
            let text = rng.text(&pieces, 8);
            assert_eq!(names_years(&text), spelled(&text), "{text:?}");
        }
    }

    #[test]
    fn year_windows_find_what_a_full_scan_finds() {
        let far_apart = format!("5+ years of Go. {} At least three YEARS of SQL", "Filler words here. ".repeat(20));
        let texts = [
            "8+ years experience; two (2) years of Rust; 3 to 5 yrs of SQL; Minimum of 4 Years; 5 YRS",
            "twelve (12+) or more to fifteen full-time years, founded 20 years ago, a 4 year degree",
            "Yearly reviews and 7 years. Your yard. 10 Yr. 2 year-old team; 12 years' experience",
            far_apart.as_str(),
            "year 3 years yr 2 yrs",
            "For over 20 years, we have led. For this role: 3 years of Go, 4 years in a row",
        ];
        for text in texts {
            // The whole text read by the regex, as before the windows.
            let mut full = Vec::new();
            scan_years(text, 0..text.len(), &mut full);
            assert!(!full.is_empty(), "{text}");
            assert_eq!(years_mentions(text), full, "{text}");
        }
    }

    /// The years regex as it was, one pattern with the number and the excluding tail as
    /// capture groups: what [`scan_years`] reads with a regex without groups and the text.
    fn years_regex_with_groups() -> Regex {
        ascii_regex(&format!(
            r"(?ix)
            (?-u:\b)(?P<n>\d{{1,2}}|{NUMBER_WORDS})
            (?:\s*\(\s*\d{{1,2}}\s*\+?\s*\))?
            \s*(?:\+|plus|or\s+more)?
            (?:\s*(?:-|–|to)\s*(?:\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\s*\+?)?
            \s*(?:full[\s-]time\s+|professional\s+|relevant\s+|related\s+)?
            (?:years?|yrs?)(?-u:\b)(?:'|’)?
            (?P<tail>\s+(?:old|ago|warranty|guarantee|anniversary|contract|term|degree|college|university
                |bachelors?|undergraduate|institution|program|programme|course|probationary|from\s+now|in\s+a\s+row)(?-u:\b)
                |\s+(?:running|strong)\s*[,.;:!)])?
            "
        ))
        .expect("valid regex")
    }

    #[test]
    fn the_years_scan_reads_what_one_regex_with_groups_reads() {
        let with_groups = years_regex_with_groups();
        let pieces = [
            "5",
            "12",
            "123",
            "one",
            "Fifteen",
            "twenty",
            "ten",
            "tenyears",
            " ",
            "  ",
            "+",
            " plus",
            " or more",
            " (3+)",
            "-",
            " to ",
            "–",
            "full-time ",
            "relevant ",
            "year",
            "YEARS",
            "yrs",
            "'",
            "’",
            " old",
            " ago",
            " degree",
            " in a row",
            " from now",
            " running,",
            " strong)",
            " strong",
            " of Go",
            "for over ",
            "We ",
            ". ",
            "é",
            "x",
            "\n",
        ];
        let mut rng = XorShift::new(43);
        for _ in 0..20_000 {
            let text = rng.text(&pieces, 10);
            let expected: Vec<YearsMention> = with_groups
                .captures_iter(&text)
                .filter(|c| c.name("tail").is_none())
                .filter_map(|c| {
                    let whole = c.get(0)?;
                    let value = parse_number(c.name("n")?.as_str())?;
                    let kept = (1..=40).contains(&value) && asks_of_the_candidate(&text, whole.range());
                    kept.then_some(YearsMention { range: whole.range(), min_years: value })
                })
                .collect();
            let mut found = Vec::new();
            scan_years(&text, 0..text.len(), &mut found);
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn clauses_split_at_semicolons_and_sentences() {
        let text = "BS required; MS preferred. Also Go. e.g. this";
        let got: Vec<&str> = clauses(text, 0..text.len()).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["BS required;", " MS preferred.", " Also Go. e.g. this"]);
    }
}
