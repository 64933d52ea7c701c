//! Properties over many generated texts (markup included): the pipeline never panics,
//! requirements are ordered, disjoint and on character boundaries, every match lies inside its
//! requirement, and offsets slice the original text. Texts come from a fixed xorshift stream over an alphabet chosen to
//! hit the splitter's and matcher's edge cases, so a failure reproduces.

use rungs::context::{Context, ContextSet};
use rungs::{Analyzer, ContextReading, Posting, Taxonomy};

/// Pieces the generator strings together: words the matcher knows (some ambiguous), bullets,
/// headings, cues, years, multi-byte letters and punctuation.
const PIECES: &[&str] = &[
    "Python",
    "Go",
    "R",
    "C",
    "C++",
    "C#",
    ".NET",
    "CI/CD",
    "node.js",
    "Spring",
    "Excel",
    "Rust",
    "k8s",
    "SQL",
    "infrastructure-as-code",
    "Kubernetes",
    "Terraform",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "- ",
    "* ",
    "• ",
    " · ",
    "1. ",
    "- - ",
    "---\n",
    "Requirements:",
    "Nice to have:",
    "Preferred Qualifications",
    "is a plus",
    "(preferred)",
    "5+ years",
    "3-5 yrs",
    "two years",
    ".",
    ", ",
    "; ",
    "/",
    "&",
    "'s",
    "’",
    "é",
    "Ü",
    "中文",
    "🙂",
    "\u{a0}",
    "\t",
    "\u{2028}",
    "and",
    "or",
    "experience with",
    "the",
    "C-suite",
    "No-Go",
    "(",
    ")",
    ":",
    "e.g.",
    "U.S.",
    // Markup as scrapers write it.
    "\\+",
    "\\\\#",
    "\\",
    "**",
    "*",
    "_",
    "__",
    "<li>",
    "</li>",
    "<p>",
    "<br/>",
    "<b>",
    "</b>",
    "<",
    ">",
    "&amp;",
    "&nbsp;",
    "&#8217;",
    "&#x1F600;",
    "[",
    "]",
    "](https://x.io/a_b)",
    "](",
    "<!-- c -->",
    // Words with aliases inside them, and aliases that only a shorter one of rescues.
    "partner",
    "projects",
    "good",
    "JavaScript",
    "Java se",
    "Java service",
    "mentored",
    "APIs",
    "ASP.NET",
    "go-to",
    "HIVE",
    "react",
    "Data Science",
    "machine-learning",
    "_",
];

fn generated_texts(count: usize) -> Vec<String> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let len = (next() % 40) as usize;
            (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect()
        })
        .collect()
}

#[test]
fn analysis_invariants_hold_on_generated_text() {
    let analyzer = Analyzer::new(Taxonomy::embedded()).unwrap();
    for text in generated_texts(3000) {
        let analysis = analyzer.analyse(Posting::new("p", text.clone()));
        let mut previous_end = 0;
        for (i, r) in analysis.requirements.iter().enumerate() {
            assert_eq!(r.index as usize, i + 1, "{text:?}");
            assert!(previous_end <= r.range.start && r.range.start < r.range.end, "{text:?}: {:?}", r.range);
            assert!(text.is_char_boundary(r.range.start) && text.is_char_boundary(r.range.end), "{text:?}");
            assert!(!text[r.range.clone()].trim().is_empty(), "{text:?}");
            assert!(analysis.clean_text().get(r.clean_range.clone()).is_some(), "{text:?}");
            previous_end = r.range.end;
        }
        let mut previous_match = 0;
        for m in &analysis.matches {
            let requirement = &analysis.requirements[m.requirement as usize - 1];
            assert!(requirement.range.start <= m.range.start && m.range.end <= requirement.range.end, "{text:?}");
            assert!(text.get(m.range.clone()).is_some(), "{text:?}: {:?}", m.range);
            assert!(previous_match <= m.range.start, "matches overlap or go backwards in {text:?}");
            previous_match = m.range.end;
        }
    }
}

#[test]
fn output_does_not_depend_on_which_postings_come_before() {
    // Analysis is per posting: the same text gives the same matches alone or after others.
    let analyzer = Analyzer::new(Taxonomy::embedded()).unwrap();
    let texts = generated_texts(200);
    let alone: Vec<_> = texts.iter().map(|t| analyzer.analyse(Posting::new("p", t.clone())).matches).collect();
    let again: Vec<_> = texts.iter().rev().map(|t| analyzer.analyse(Posting::new("p", t.clone())).matches).collect();
    assert!(alone.iter().eq(again.iter().rev()));
}

#[test]
fn reading_the_contexts_of_mentions_only_changes_no_mention() {
    // What counts and mention lists read is the same whichever requirements' contexts are
    // read; a requirement left unread keeps the default context.
    let every = Analyzer::new(Taxonomy::embedded()).unwrap();
    let lean = every.clone().reading_contexts(ContextReading::OfMentions);
    let seed = include_str!("../data/sre-postings.txt").to_string();
    let employer =
        "We are a leading bank. We offer a pension plan and Kubernetes training.\n- 5+ years of Go".to_string();
    let mut unread = 0;
    for text in generated_texts(1_000).into_iter().chain([seed, employer]) {
        let full = every.analyse(Posting::new("p", text.clone()));
        let read = lean.analyse(Posting::new("p", text.clone()));
        assert_eq!(read.matches, full.matches, "{text:?}");
        for (lean, full) in read.requirements.iter().zip(&full.requirements) {
            assert_eq!((lean.index, &lean.range), (full.index, &full.range));
            if read.matches.iter().any(|m| m.requirement == lean.index) {
                assert_eq!(lean.context, full.context, "{text:?}");
            } else if lean.context != full.context {
                assert_eq!(lean.context, Context::Requirement, "{text:?}");
                unread += 1;
            }
        }
    }
    // "We are a leading bank." is the employer speaking, and holds no mention to read it for.
    assert!(unread > 0);
}

#[test]
fn the_word_start_scan_finds_what_searching_everywhere_finds() {
    let analyzer = Analyzer::new(Taxonomy::embedded()).unwrap();
    for text in generated_texts(4_000) {
        let matcher = analyzer.matcher().expect("a compiled matcher");
        assert_eq!(matcher.candidates(&text), matcher.candidates_searching_everywhere(&text), "{text:?}");
    }
    // Aliases that start or end beyond ASCII, inside and outside words.
    let analyzer =
        Analyzer::new(Taxonomy::from_flat_list("€uro budget\n•bullet\nüber\nnaïve bayes\n", "accents")).unwrap();
    for text in ["a €uro budget", "x•bullet", "über, Über", "naïve bayes", "Kanüber"] {
        let matcher = analyzer.matcher().expect("a compiled matcher");
        assert_eq!(matcher.candidates(text), matcher.candidates_searching_everywhere(text), "{text:?}");
    }
    // A flat taxonomy of word pairs, more patterns than one automaton holds, over texts of
    // those words in any case: many aliases inside and across each other, and many first words
    // that only longer aliases start with.
    let words: Vec<&str> = include_str!("../taxonomy/common-english.txt")
        .lines()
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .take(160)
        .collect();
    let labels: String = words.iter().flat_map(|a| words.iter().map(move |b| format!("{a} {b}\n{a}{b}s\n"))).collect();
    let analyzer = Analyzer::new(Taxonomy::from_flat_list(&labels, "pairs")).unwrap();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..2_000 {
        let text: String = (0..30)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let word = words[(state % words.len() as u64) as usize];
                // Any case: the index of first words and what follows them folds it.
                let word = match (state >> 40) % 4 {
                    0 => word.to_ascii_uppercase(),
                    1 => word[..1].to_ascii_uppercase() + &word[1..],
                    _ => word.to_string(),
                };
                let glue = [" ", " ", "", "-", ", ", "s "][(state >> 20) as usize % 6];
                format!("{word}{glue}")
            })
            .collect();
        let matcher = analyzer.matcher().expect("a compiled matcher");
        assert_eq!(matcher.candidates(&text), matcher.candidates_searching_everywhere(&text), "{text:?}");
    }
}

#[test]
fn analysing_for_some_contexts_keeps_what_analysing_for_all_keeps_of_them() {
    // The analysis skips the evidence of mentions whose context it drops; what it keeps must be
    // what keeping those contexts of a full analysis gives.
    let all = Analyzer::new(Taxonomy::embedded()).unwrap();
    let sets = [
        ContextSet::REQUIREMENTS,
        ContextSet::of([Context::Title]),
        ContextSet::of([Context::Benefit, Context::Employer]),
        ContextSet::of([Context::Requirement, Context::Title, Context::Legal]),
    ];
    let seed = include_str!("../data/sre-postings.txt").to_string();
    let texts: Vec<String> = generated_texts(600).into_iter().chain([seed]).collect();
    for contexts in sets {
        let some = all.clone().with_contexts(contexts);
        for text in &texts {
            let mut full = all.analyse(Posting::new("p", text.clone()));
            full.keep_contexts(contexts);
            let kept = some.analyse(Posting::new("p", text.clone()));
            assert_eq!(kept.matches, full.matches, "{contexts:?} {text:?}");
        }
    }
}
