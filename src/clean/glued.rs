//! Where an export glued lines together, and where the line breaks go back.
//!
//! Scrapers that keep a page's text but drop its list items and paragraphs write a posting as
//! one run: "…build reports (in Tableau)ResponsibilitiesWrite SQL queriesBuild dashboardsKafka
//! is a plusExperience with Go.Preferred QualificationsMS in Statistics". Read as it stands, a
//! whole list is one requirement: the years of one item go to every skill in it, the "a plus"
//! of one item makes the next preferred, headings are never seen, and a skill glued to the
//! word before it ("plusKafka") starts no word and is missed. A quarter of the bench pool's
//! real postings has such seams.
//!
//! The seams show in the letters' case: a word in small letters right before a capitalised
//! one ("queriesBuild"), a sentence's end or a closing bracket right before one
//! ("Go.Preferred", "Tableau)Responsibilities"), and a section name glued to what follows it
//! ("ResponsibilitiesWrite", "Qualifications2+ years"). [`breaks_line`] reads each seam the
//! byte scan finds and says which are glued lines; names written in mixed case are not
//! ("iPhone", "JavaScript", "dataOps", "(S)He", a URL's "resourcesContents").

use crate::byteset::find_case_seam;
use crate::split::{ends_a_section_name, is_abbreviation, is_section_name, starts_a_section_name};

/// The longest run read as a section name: longer than every name.
pub(super) const LONGEST_HEADING: usize = 48;

/// The shortest section name read where it is glued to a word: shorter ones are also the start
/// of names written in one word ("PayPal", "PlusOne").
const SHORTEST_GLUED_HEADING: usize = 6;

/// The shortest word in small letters read as the end of a glued line: shorter ones start names
/// written in mixed case ("eCommerce", "iPhone", "jQuery", "devOps", "pyTorch").
const SHORTEST_LAST_WORD: usize = 4;

/// Capitalised words that end names written in one word after a word in small letters
/// ("dataOps", "mlOps"), not a line glued to the next.
const NAME_ENDINGS: &[&[u8]] = &[b"Ops"];

/// Whether a line break belongs at `at`, a seam of case that [`find_case_seam`] found in
/// `bytes`; the line holding it starts at `line_start` or after a line break past it.
pub(super) fn breaks_line(bytes: &[u8], line_start: usize, at: usize) -> bool {
    let before = bytes[at - 1];
    let opens_word = bytes[at].is_ascii_uppercase() && bytes.get(at + 1).is_some_and(u8::is_ascii_lowercase);
    let glued = if before.is_ascii_lowercase() {
        opens_word && ends_a_line(bytes, at) || heads_its_line(bytes, line_start, at)
    } else if before == b')' {
        // "(S)He" is one word.
        opens_word && !(at >= 3 && bytes[at - 3] == b'(')
    } else {
        (opens_word || bytes[at].is_ascii_digit()) && ends_a_sentence(bytes, at - 1) && !starts_an_address(&bytes[at..])
    };
    glued || section_name_follows(bytes, at)
}

/// Whether the line up to `at` is a section name in title case ("Basic Qualifications",
/// after a bullet or not), glued to what follows it.
fn heads_its_line(bytes: &[u8], line_start: usize, at: usize) -> bool {
    // Most seams ("JavaScript") end a word that ends no section name.
    let mut word = at;
    while word > line_start && bytes[word - 1].is_ascii_alphabetic() {
        word -= 1;
        if word > 0 && is_case_seam_at(bytes, word) {
            break;
        }
    }
    if !ends_a_section_name(&bytes[word..at]) {
        return false;
    }
    let from = at.saturating_sub(LONGEST_HEADING).max(line_start);
    let line = match bytes[from..at].iter().rposition(|&b| b == b'\n') {
        Some(newline) => from + newline + 1,
        None if from == line_start => from,
        None => return false,
    };
    let Ok(head) = std::str::from_utf8(&bytes[line..at]) else { return false };
    let head = head.trim_start_matches(|c: char| !c.is_alphanumeric());
    head.len() >= SHORTEST_GLUED_HEADING && head.starts_with(|c: char| c.is_ascii_uppercase()) && is_section_name(head)
}

/// Whether the seam at `at` follows a whole word in small letters, long enough not to start a
/// name in mixed case, and not inside an address or code (`/`, `.`, `_`, `@` before it).
fn ends_a_line(bytes: &[u8], at: usize) -> bool {
    let run = bytes[..at].iter().rev().take_while(|b| b.is_ascii_lowercase()).count();
    let whole_word =
        bytes[..at - run].last().is_none_or(|&b| !(b.is_ascii_alphanumeric() || b >= 0x80 || b"./_@\\".contains(&b)));
    run >= SHORTEST_LAST_WORD && whole_word && !NAME_ENDINGS.iter().any(|name| opens_with_word(&bytes[at..], name))
}

/// Whether the full stop (or `!`, `?`) at `stop` ends a sentence: it follows a word of two
/// letters or more ending in a small letter, not an abbreviation ("e.g.", "Dr.") or a part of
/// an address ("example.com.").
fn ends_a_sentence(bytes: &[u8], stop: usize) -> bool {
    let run = bytes[..stop].iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
    let word_start = stop - run;
    let whole_word = bytes[..word_start].last().is_none_or(|&b| !(b.is_ascii_alphanumeric() || b"./@".contains(&b)));
    run >= 2
        && bytes[stop - 1].is_ascii_lowercase()
        && whole_word
        && std::str::from_utf8(&bytes[word_start..=stop]).is_ok_and(|word| !is_abbreviation(word))
}

/// Whether the word at the start of `text` goes on into an e-mail address
/// ("Kat.Lawrence@example.com").
fn starts_an_address(text: &[u8]) -> bool {
    text.iter().take(64).take_while(|b| !b.is_ascii_whitespace()).any(|&b| b == b'@')
}

/// Whether a section name in title case starts at `at` and is glued to what follows it
/// ("(in Tableau)ResponsibilitiesWrite"), or to what precedes it and then a colon
/// ("Python or JavaNice to Haves:"): it ends at the next seam or at the colon.
fn section_name_follows(bytes: &[u8], at: usize) -> bool {
    // Most capitals after a seam ("JavaScript") start a word that starts no section name.
    let mut word = at + 1;
    while word < bytes.len() && bytes[word].is_ascii_alphabetic() && !is_case_seam_at(bytes, word) {
        word += 1;
    }
    if !bytes[at].is_ascii_uppercase() || !starts_a_section_name(&bytes[at..word]) {
        return false;
    }
    let window = &bytes[..bytes.len().min(at + LONGEST_HEADING + 1)];
    let is_name = |end: usize| {
        let head = &bytes[at..end];
        end - at >= SHORTEST_GLUED_HEADING
            && head.iter().all(|&b| b.is_ascii_alphabetic() || b" &'-".contains(&b))
            && std::str::from_utf8(head).is_ok_and(is_section_name)
    };
    let colon = memchr::memchr2(b':', b'\n', &window[at..]).map(|i| at + i).filter(|&i| bytes[i] == b':');
    match find_case_seam(window, at + 1) {
        Some(end) if bytes[end - 1].is_ascii_lowercase() && colon.is_none_or(|colon| end < colon) => is_name(end),
        _ => colon.is_some_and(is_name),
    }
}

/// Whether a word's letters meet a seam at `at`: a small letter, then a capital.
fn is_case_seam_at(bytes: &[u8], at: usize) -> bool {
    bytes[at - 1].is_ascii_lowercase() && bytes[at].is_ascii_uppercase()
}

/// Whether `text` starts with `word` and no letter follows it.
fn opens_with_word(text: &[u8], word: &[u8]) -> bool {
    text.starts_with(word) && text.get(word.len()).is_none_or(|b| !b.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use crate::clean::CleanText;

    fn unglued(text: &str) -> String {
        CleanText::new(text).text(text).to_string()
    }

    #[test]
    fn glued_list_items_sentences_and_headings_get_their_line_breaks_back() {
        assert_eq!(
            unglued("Build reports (in Tableau)ResponsibilitiesWrite SQL queriesBuild dashboards"),
            "Build reports (in Tableau)\nResponsibilities\nWrite SQL queries\nBuild dashboards"
        );
        assert_eq!(
            unglued("Kafka is a plusExperience with Go.Preferred QualificationsMS in Statistics"),
            "Kafka is a plus\nExperience with Go.\nPreferred Qualifications\nMS in Statistics"
        );
        assert_eq!(
            unglued("Job DescriptionWith 75 million members, Goodreads is part of Amazon, Inc.Goodreads is hiring."),
            "Job Description\nWith 75 million members, Goodreads is part of Amazon, Inc.\nGoodreads is hiring."
        );
        assert_eq!(unglued("• Qualifications2+ years of SQL"), "• Qualifications\n2+ years of SQL");
        assert_eq!(
            unglued("and actionabilityBasic QualificationsBS/BA"),
            "and actionability\nBasic Qualifications\nBS/BA"
        );
        assert_eq!(unglued("Location: CA (Onsite)Responsibilities"), "Location: CA (Onsite)\nResponsibilities");
        assert_eq!(unglued("Apply today!Applicants must"), "Apply today!\nApplicants must");
        assert_eq!(unglued("or a related field.5+ years of SQL"), "or a related field.\n5+ years of SQL");
        assert_eq!(unglued("Schedule: Full-timeJob Posting"), "Schedule: Full-time\nJob Posting");
        // A section name glued to a name before it, and ended by its colon.
        assert_eq!(unglued("Python or JavaNice to Haves:- AWS"), "Python or Java\nNice to Haves:- AWS");
        assert_eq!(
            unglued("BS in EngineeringDesired Qualifications:Linux"),
            "BS in Engineering\nDesired Qualifications:Linux"
        );
        // Not a name that only starts like one ("JavaResponsible: yes" names no section).
        assert_eq!(unglued("JavaResponsible: yes"), "JavaResponsible: yes");
    }

    #[test]
    fn names_in_mixed_case_are_left_alone() {
        for text in [
            "JavaScript, TypeScript, GitHub, PowerPoint and DevOps",
            "iPhone, eCommerce, jQuery, devOps and pyTorch",
            "supporting the dataOps needs of teams",
            "quick changes. (S)He will lead",
            "e.g.Python, Dr.Smith and https://e-verify.gov/media/resourcesContents/Poster.pdf",
            "mail Kat.Lawrence@CyberCoders.comPlease",
            "PayPal and PlusOne",
            "s.parentNode.insertBefore(a, s)",
            "Python3, log4j, EC2, 2.5 years, v1.2, e.g.2 years, U.S.2",
        ] {
            assert_eq!(unglued(text), text);
        }
    }

    #[test]
    fn offsets_in_unglued_text_map_back_onto_the_original() {
        let original = "**Skills**Kafka is a plusExperience with Go";
        let view = CleanText::new(original);
        let text = view.text(original);
        assert_eq!(text, "Skills\nKafka is a plus\nExperience with Go");
        for word in ["Kafka", "plus", "Experience", "Go"] {
            let start = text.find(word).unwrap();
            assert_eq!(&original[view.to_original(start..start + word.len())], word);
        }
        // The line break stands for no byte: a range across it covers the glued bytes.
        let seam = text.rfind('\n').unwrap();
        assert_eq!(&original[view.to_original(seam - 4..seam + 11)], "plusExperience");
        assert_eq!(view.to_clean(view.to_original(seam + 1..seam + 11)), seam + 1..seam + 11);
    }
}
