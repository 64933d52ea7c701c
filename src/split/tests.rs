//! Tests of the splitter: bullets, headings and their strengths, sentences, and what is not a
//! bullet.

use super::sections::{LONGEST_SECTION, SECTIONS};
use super::*;
use Strength::{Preferred as P, Required as R};

fn split(text: &str) -> Vec<(&str, Strength, bool)> {
    split_requirements(text).into_iter().map(|r| (&text[r.range], r.section_strength, r.is_bullet)).collect()
}

#[test]
fn bullets_of_every_kind() {
    let text = "- dash\n* star\n• dot\n1. one\n2) two\n(a) letter\n- - double\n·middle";
    let got: Vec<&str> = split(text).into_iter().map(|(t, _, _)| t).collect();
    assert_eq!(got, ["dash", "star", "dot", "one", "two", "letter", "double", "middle"]);
}

#[test]
fn inline_bullets_split_long_lines() {
    let text = "We are hiring. Qualifications • 5+ years SQL • Tableau - Nice to have: Python";
    assert_eq!(
        split(text),
        [("We are hiring.", R, false), ("5+ years SQL", R, true), ("Tableau", R, true), ("Python", P, true),]
    );
}

#[test]
fn a_sentence_goes_on_after_an_abbreviation() {
    let text = "Browsers, e.g. Chrome and Firefox. We hire a Sr. Data Scientist. Use e.g.\nNext line";
    let got: Vec<&str> = split(text).into_iter().map(|(t, _, _)| t).collect();
    assert_eq!(got, ["Browsers, e.g. Chrome and Firefox.", "We hire a Sr. Data Scientist.", "Use e.g.", "Next line"]);
}

#[test]
fn headings_set_strength_until_the_next_heading() {
    let text = "Requirements:\n- Go\nNice to have\n- Rust\n## Benefits\n- Dental";
    assert_eq!(split(text), [("Go", R, true), ("Rust", P, true), ("Dental", R, true)]);
}

#[test]
fn trailing_title_case_heading_is_cut_off() {
    let text = "Build dashboards. Preferred Qualifications • Python";
    assert_eq!(split(text), [("Build dashboards.", R, false), ("Python", P, true)]);
}

#[test]
fn a_heading_glued_to_the_end_of_a_sentence_is_cut_off() {
    // Scraped without the line break: the heading ends the sentence before it.
    let text = "You will mentor the team and own our pipelines Preferred Qualifications\n- Python";
    assert_eq!(split(text), [("You will mentor the team and own our pipelines", R, false), ("Python", P, true)]);
    // Not in running prose, nor where the sentence ends in a byte no name ends in.
    let prose = "Kafka is nice to have\n- Python";
    assert_eq!(split(prose), [("Kafka is nice to have", R, false), ("Python", R, true)]);
}

#[test]
fn hyphenated_words_and_ranges_are_not_bullets() {
    let text = "Experience with infrastructure-as-code - required and 3 - 5 years";
    assert_eq!(split(text).len(), 1);
}

#[test]
fn longest_section_is_longest() {
    assert!(SECTIONS.iter().all(|(name, _)| name.len() <= LONGEST_SECTION));
}

#[test]
fn never_panics_and_ranges_are_char_boundaries() {
    let texts = ["", "\n\n", "•", "- ", "1.", "é•ü - Ä", "a\u{2028}b. C d! ", ":", "# ", "(ii) x", "—— —"];
    for text in texts {
        for r in split_requirements(text) {
            assert!(text.is_char_boundary(r.range.start) && text.is_char_boundary(r.range.end), "{text:?}");
            assert!(!text[r.range].trim().is_empty());
        }
    }
}

#[test]
fn an_unknown_heading_ends_the_employers_introduction() {
    let text = "Who We Are\nAcme builds rockets.\nWho We Need\nTake a consultative role with Looker.\nAbout Us\nAcme Rockets\n- Our Values";
    let sections: Vec<(&str, SectionKind)> =
        split_requirements(text).into_iter().map(|r| (&text[r.range], r.section)).collect();
    assert_eq!(
        sections,
        [
            ("Acme builds rockets.", SectionKind::Employer),
            ("Take a consultative role with Looker.", SectionKind::Unknown),
            ("Acme Rockets", SectionKind::Employer),
            ("Our Values", SectionKind::Employer),
        ]
    );
}

#[test]
fn headings_of_what_the_job_is_end_the_section_before() {
    let text = "Nice to have:\n- Rust\nPosition Summary\n- Build dashboards\nThe Team\n- Ten analysts\nEssential Functions:\n- Write SQL";
    let got: Vec<(&str, Strength, SectionKind)> =
        split_requirements(text).into_iter().map(|r| (&text[r.range], r.section_strength, r.section)).collect();
    assert_eq!(
        got,
        [
            ("Rust", P, SectionKind::Requirements),
            ("Build dashboards", R, SectionKind::Requirements),
            ("Ten analysts", R, SectionKind::Employer),
            ("Write SQL", R, SectionKind::Requirements),
        ]
    );
}

#[test]
fn a_job_boards_details_at_the_foot_are_no_requirements() {
    // LinkedIn's job criteria after a folded description, with the line breaks a scrape keeps.
    let text = "Responsibilities\n- Write SQL\nShow more\nShow less\nSeniority level\nMid-Senior level\n\
                Employment type\nFull-time\nJob function\nInformation Technology\nIndustries\nSoftware Development";
    let got: Vec<(&str, SectionKind)> =
        split_requirements(text).into_iter().map(|r| (&text[r.range], r.section)).collect();
    assert_eq!(got[0], ("Write SQL", SectionKind::Requirements));
    assert!(got[1..].iter().all(|&(_, kind)| kind == SectionKind::Employer), "{got:?}");
    let lines: Vec<&str> = got.iter().map(|&(line, _)| line).collect();
    // (A short title-case line after "Job function" reads as a heading of its own.)
    assert_eq!(lines[1..], ["Mid-Senior level", "Full-time", "Job function", "Software Development"]);
}

#[test]
fn dashes_glued_to_the_word_before_them_are_a_lists_bullets() {
    // A scraped list whose line breaks were dropped: each item is its own requirement, and an
    // item that runs on is split into its sentences.
    let text = "Qualifications:- Bachelor's Degree- 3+ years of PHP- Experience with Git. We test a lot.\
                - Excellent written skills\nNice to Haves:- AWS- Docker";
    assert_eq!(
        split(text),
        [
            ("Bachelor's Degree", R, true),
            ("3+ years of PHP", R, true),
            ("Experience with Git.", R, true),
            ("We test a lot.", R, true),
            ("Excellent written skills", R, true),
            ("AWS", P, true),
            ("Docker", P, true),
        ]
    );
    // One glued dash is a name or a title; a dash between numbers is a range.
    assert_eq!(
        split("We hire a Statistician- Data Scientist."),
        [("We hire a Statistician- Data Scientist.", R, false)]
    );
    assert_eq!(split("Skills: SQL- Python, and 4- 5+ years"), [("SQL- Python, and 4- 5+ years", R, false)]);
}

#[test]
fn a_job_boards_apply_button_opens_no_section() {
    let text =
        "Data Scientist\nApply Now\nResponsibilities\n- Build models\nWe are hiring.\nApply Now\n- Python\nApply";
    let got: Vec<(&str, SectionKind)> =
        split_requirements(text).into_iter().map(|r| (&text[r.range], r.section)).collect();
    assert_eq!(
        got,
        [
            ("Data Scientist", SectionKind::Unknown),
            ("Build models", SectionKind::Requirements),
            ("We are hiring.", SectionKind::Requirements),
            ("Python", SectionKind::Requirements),
        ]
    );
    // "How to Apply" is a section all the same.
    let text = "How to Apply\nSend your CV.";
    assert_eq!(split_requirements(text)[0].section, SectionKind::Application);
}

#[test]
fn the_text_after_an_inline_bullet_is_split_into_sentences() {
    // A posting scraped as one line: a dash in its title, then everything else.
    let text = "Senior Manager – BI & Analytics, San Francisco. Acme is a leader in legal tech. \
                You know SQL. Acme is an equal opportunity employer.";
    assert_eq!(
        split(text),
        [
            ("Senior Manager", R, false),
            ("BI & Analytics, San Francisco.", R, true),
            ("Acme is a leader in legal tech.", R, true),
            ("You know SQL.", R, true),
            ("Acme is an equal opportunity employer.", R, true),
        ]
    );
}

#[test]
fn stars_between_spaces_and_a_word_processors_o_are_bullets() {
    let text = "Requirements:   * Experience with Java * 5+ years of SQL * Kafka is a plus\no Bachelor's degree\n\
                Compute 6 * 7 or o well";
    assert_eq!(
        split(text),
        [
            ("Experience with Java", R, true),
            ("5+ years of SQL", R, true),
            ("Kafka is a plus", R, true),
            ("Bachelor's degree", R, true),
            ("Compute 6 * 7 or o well", R, false),
        ]
    );
}

#[test]
fn a_heading_run_into_its_first_item_still_heads_its_section() {
    let text = "We build maps. Requirements Bachelor's degree in CS. Preferred Qualifications Experience with Kafka. \
                Spark is used. About Acme Acme builds rockets.";
    let got: Vec<(&str, Strength, SectionKind)> =
        split_requirements(text).into_iter().map(|r| (&text[r.range], r.section_strength, r.section)).collect();
    assert_eq!(
        got,
        [
            ("We build maps.", R, SectionKind::Unknown),
            ("Bachelor's degree in CS.", R, SectionKind::Requirements),
            ("Experience with Kafka.", P, SectionKind::Requirements),
            ("Spark is used.", P, SectionKind::Requirements),
            ("About Acme Acme builds rockets.", R, SectionKind::Employer),
        ]
    );
    // Not a name that opens a phrase of its own, nor one before a word in small letters or a
    // colon, nor a one-word name that a requirement may open with.
    for sentence in [
        "Requirements Gathering with stakeholders.",
        "Experience Creating Modules in Magento.",
        "The Team Lead will mentor.",
        "Nice to have experience with Go.",
        "Employment Type: Full Time",
    ] {
        assert_eq!(split(sentence), [(sentence, R, false)], "{sentence}");
    }
}

#[test]
fn a_sentence_ends_at_a_full_stop_before_a_number() {
    let text = "BS in CS or similar. 2+ years of SQL. Knows Python etc. 5 more. Acme Inc. 5000 list.";
    let got: Vec<&str> = split(text).into_iter().map(|(t, _, _)| t).collect();
    assert_eq!(got, ["BS in CS or similar.", "2+ years of SQL.", "Knows Python etc. 5 more.", "Acme Inc. 5000 list."]);
}
