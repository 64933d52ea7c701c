//! Tests of the clean view: markup undone, offsets mapped both ways, ranges mapped in one walk.

use super::*;

#[test]
fn clean_ranges_of_original_ranges_round_trip() {
    let original = "**Must have:** C\\+\\+ and R&amp;D, <b>Go</b>";
    let view = CleanText::new(original);
    let clean = view.text(original);
    assert_eq!(clean, "Must have: C++ and R&D, Go");
    for word in ["C\\+\\+", "R&amp;D", "Go", "Must have:"] {
        let at = original.find(word).unwrap();
        let range = view.to_clean(at..at + word.len());
        assert_eq!(&original[view.to_original(range.clone())], word, "{word}");
    }
    let at = original.find("C\\+").unwrap();
    assert_eq!(&clean[view.to_clean(at..at + 5)], "C++");
    assert_eq!(&clean[view.to_clean(0..original.len())], clean);
}

#[test]
fn ranges_mapped_in_one_walk_map_as_each_alone() {
    let originals = [
        "**Must have:** C\\+\\+ and R&amp;D, <b>Go</b><li>Kafka</li>",
        "Kafka is a plusExperience with Go.Preferred QualificationsMS in <i>Statistics</i>&nbsp;",
        "plain text, no markup",
    ];
    for original in originals {
        let view = CleanText::new(original);
        let len = view.text(original).len();
        // Every range of the clean text, in text order and then in an order that goes back.
        let mut ranges: Vec<Range<usize>> =
            (0..=len).flat_map(|start| (start..=len).map(move |end| start..end)).collect();
        let mut shuffled: Vec<Range<usize>> = ranges.iter().rev().step_by(7).cloned().collect();
        shuffled.extend(ranges.iter().step_by(5).cloned());
        for ranges in [&mut ranges, &mut shuffled] {
            let alone: Vec<Range<usize>> = ranges.iter().map(|r| view.to_original(r.clone())).collect();
            view.map_to_original(ranges.iter_mut());
            assert_eq!(*ranges, alone, "{original}");
        }
    }
}

fn clean(text: &str) -> String {
    CleanText::new(text).text(text).to_string()
}

#[test]
fn lists_are_sorted_for_binary_search() {
    assert!(BLOCK_TAGS.windows(2).all(|w| w[0] < w[1]));
    assert!(INLINE_TAGS.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn markdown_escapes_are_undone() {
    assert_eq!(clean(r"C\+\+, C\#, 5\+ years, problem\-solving"), "C++, C#, 5+ years, problem-solving");
    assert_eq!(clean(r"C\\+\\+ and \\# and a \\path"), r"C++ and # and a \\path");
    assert_eq!(clean(r"\*not emphasis\*"), "*not emphasis*");
}

#[test]
fn emphasis_and_links_are_dropped() {
    assert_eq!(clean("**About us** and __this__"), "About us and this");
    assert_eq!(clean("*Java* or _Kotlin_, snake_case, 5 * 3"), "Java or Kotlin, snake_case, 5 * 3");
    assert_eq!(clean("* a bullet\n  * another"), "* a bullet\n  * another");
    assert_eq!(clean("communication skills***Please reply"), "communication skills Please reply");
    assert_eq!(clean("is responsible.*Minimum of 2 years"), "is responsible.*Minimum of 2 years");
    assert_eq!(clean("<b>Kafka</b>Python"), "Kafka Python");
    assert_eq!(clean("See [our stack](https://x.io/a_b) and ![logo](l.png)"), "See our stack and logo");
    assert_eq!(clean("[not a link] (x)"), "[not a link] (x)");
}

#[test]
fn a_bold_heading_glued_to_its_neighbours_is_a_line_of_its_own() {
    assert_eq!(clean("<b>Skills</b>Python"), "Skills\nPython");
    assert_eq!(
        clean("<strong>Requirements:</strong>3+ years of SQL<strong>Preferred</strong>Kafka"),
        "Requirements:\n3+ years of SQL\nPreferred\nKafka"
    );
    assert_eq!(clean("SQL**Nice to have:**Kafka"), "SQL\nNice to have:\nKafka");
    // Bold words that are no section name stay in their line.
    assert_eq!(clean("Know <b>SQL</b>Server and **Python**Django"), "Know SQL Server and Python Django");
    // A heading with a space before and after already reads as one: no break is added.
    assert_eq!(clean("done. <b>Preferred</b> Kafka"), "done. Preferred Kafka");
}

#[test]
fn html_is_stripped_and_decoded() {
    assert_eq!(clean("<ul><li>Go</li><li>R&amp;D</li></ul>"), "\n\n- Go\n\n- R&D\n\n");
    assert_eq!(clean("<p>Hi&nbsp;there</p><!-- x --><b>bold</b>"), "\nHi there\nbold");
    assert_eq!(clean("<div class=\"x\">&#8217;&#x2022;</div>"), "\n’•\n");
    assert_eq!(clean("a <5 years, List<T>, &unknown; & done"), "a <5 years, List<T>, &unknown; & done");
}

#[test]
fn offsets_map_back_onto_the_original() {
    let original = "<li>**C\\+\\+**</li> &amp; Go";
    let view = CleanText::new(original);
    let text = view.text(original);
    assert_eq!(text, "\n- C++\n & Go");
    let at = |needle: &str| {
        let start = text.find(needle).unwrap();
        &original[view.to_original(start..start + needle.len())]
    };
    assert_eq!(at("C++"), "C\\+\\+");
    assert_eq!(at("&"), "&amp;");
    assert_eq!(at("Go"), "Go");
    assert_eq!(at("C++\n & Go"), "C\\+\\+**</li> &amp; Go");
}

#[test]
fn a_text_without_markup_is_its_own_view() {
    let view = CleanText::new("plain text, 5+ years");
    assert!(!view.is_changed());
    assert_eq!(view.to_original(3..7), 3..7);
    assert!(!CleanText::new("a_b and [x]").is_changed());
}
