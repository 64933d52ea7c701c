#![allow(dead_code)] // Each fuzz target uses one of these checks.
//! The properties the fuzz targets check, one function per target. Shared by the targets in
//! `fuzz_targets/` and by `cli/tests/fuzz_regressions.rs`, which replays saved inputs (crashers
//! kept in `fuzz/regressions/<target>/`, and the project's sample data) through them on stable
//! Rust in every `cargo test`.

use std::sync::{Arc, OnceLock};

use rungs::aggregate::{CategoryFrequency, FrequencyTable, SkillFrequency, YearsSpread};
use rungs::gap::{PostingGap, Profile, SkillGraph};
use rungs::input::{InputFormat, InputOptions, InputSource, PostingReader};
use rungs::ladder::{parse_ladder, Ladder};
use rungs::levels::LevelData;
use rungs::levels::LevelModel;
use rungs::partial::FrequencyPartial;
use rungs::report::html::{render, GapView, HtmlReport, LearnNext, LevelChart, Piece, PostingFit, PostingRow, SCRIPT};
use rungs::{Analysis, Analyzer, Posting, Taxonomy};

struct Fixtures {
    analyzer: Analyzer,
    model: LevelModel,
    graph: SkillGraph,
    profile: Profile,
}

fn fixtures() -> &'static Fixtures {
    static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let analyzer = Analyzer::new(Taxonomy::embedded()).expect("the embedded taxonomy compiles");
        let model = LevelModel::new(Ladder::embedded(), LevelData::embedded(), analyzer.taxonomy());
        let graph = SkillGraph::new(analyzer.taxonomy());
        let profile_text = "Python, Go and Kubernetes for 6 years; Terraform, AWS, PostgreSQL.";
        let profile = Profile::new(&analyzer.analyse(Posting::new("profile", profile_text)));
        Fixtures { analyzer, model, graph, profile }
    })
}

/// Splitting, matching, signals, levels and the gap on any text: ranges ordered, disjoint and
/// on character boundaries; matches inside their requirement; evidence slices the text.
pub fn analysis(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let fixtures = fixtures();
    let analysis = fixtures.analyzer.analyse(Posting::new("fuzz", text));
    check_analysis(&analysis);
    let level = fixtures.model.estimate(&analysis);
    assert!((1.0..=6.0).contains(&level.estimate), "band {} out of range", level.estimate);
    assert!((0.0..=1.0).contains(&level.confidence), "confidence {}", level.confidence);
    let text = &analysis.posting.text;
    for requirement in &level.requirements {
        assert!(text.get(requirement.range.clone()).is_some(), "requirement level range {:?}", requirement.range);
        for evidence in &requirement.evidence {
            assert!(text.get(evidence.range.clone()).is_some(), "evidence range {:?}", evidence.range);
            assert!(
                requirement.range.start <= evidence.range.start && evidence.range.end <= requirement.range.end,
                "evidence {:?} outside its requirement {:?}",
                evidence.range,
                requirement.range
            );
        }
    }
    let gap = PostingGap::new(&analysis, &fixtures.profile, &fixtures.graph);
    for rate in [PostingGap::rate(&gap.required), PostingGap::rate(&gap.preferred)].into_iter().flatten() {
        assert!((0.0..=1.0).contains(&rate), "match rate {rate}");
    }
}

fn check_analysis(analysis: &Analysis) {
    let text = &analysis.posting.text;
    let mut previous_end = 0;
    for (i, requirement) in analysis.requirements.iter().enumerate() {
        let range = &requirement.range;
        assert_eq!(requirement.index as usize, i + 1, "requirements are numbered in order");
        assert!(range.start >= previous_end && range.start < range.end, "requirement {range:?} after {previous_end}");
        assert!(text.get(range.clone()).is_some(), "requirement {range:?} is not on character boundaries");
        let clean = &requirement.clean_range;
        assert!(analysis.clean_text().get(clean.clone()).is_some(), "clean range {clean:?} does not slice the view");
        previous_end = range.end;
    }
    let mut previous_end = 0;
    for m in &analysis.matches {
        assert!(m.range.start >= previous_end, "matches overlap or are out of order");
        let requirement = &analysis.requirements[m.requirement as usize - 1];
        assert!(
            requirement.range.start <= m.range.start && m.range.end <= requirement.range.end,
            "match {:?} outside requirement {:?}",
            m.range,
            requirement.range
        );
        assert!(text.get(m.range.clone()).is_some_and(|s| !s.is_empty()), "match {:?} slices nothing", m.range);
        previous_end = m.range.end;
    }
}

/// The readers on any bytes, in every format: no panic, every record is a posting with text or
/// an error, and a record error never ends the stream early unless it says the source ended.
pub fn readers(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let (name, format) = match selector % 4 {
        0 => ("fuzz.txt", InputFormat::Text),
        1 => ("fuzz.csv", InputFormat::Csv),
        2 => ("fuzz.tsv", InputFormat::Csv),
        _ => ("fuzz.jsonl", InputFormat::Jsonl),
    };
    let options = InputOptions { max_posting_bytes: 4096, ..InputOptions::default() };
    let source = InputSource::Bytes { name: name.to_string(), bytes: Arc::from(bytes) };
    let Ok(reader) = PostingReader::new(&[source], options) else { return };
    let mut records = 0;
    for item in reader {
        records += 1;
        assert!(records <= bytes.len() + 1, "more records than bytes ({format:?})");
        if let Ok(posting) = item {
            assert!(!posting.text.trim().is_empty(), "a posting without text ({format:?})");
            assert!(posting.text.len() <= 4096, "a posting over the size limit ({format:?})");
            assert!(!posting.id.is_empty(), "a posting without an id ({format:?})");
        }
    }
}

/// Taxonomy tables (skills and categories CSV, split at the first NUL byte) and flat lists: no
/// panic; whatever loads compiles, and its word-start matcher finds what searching everywhere
/// finds.
pub fn taxonomy(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (skills, categories) = text.split_once('\0').unwrap_or((&text, "id,name,kind\nlang,Languages,technology\n"));
    let tables = Taxonomy::parse_tables(skills, "skills.csv", categories, "categories.csv");
    if let Err(err) = &tables {
        assert!(!err.problems.is_empty(), "a failed load names its problems");
    }
    let flat = Taxonomy::from_flat_list(skills, "flat.txt");
    for taxonomy in tables.into_iter().chain([flat]) {
        if let Ok(analyzer) = Analyzer::new(taxonomy) {
            // The word-start scan (first-word index, trie walks) finds what searching from
            // every position finds, whatever the aliases.
            let matcher = analyzer.matcher().expect("a full analyzer compiles its aliases");
            assert_eq!(matcher.candidates(skills), matcher.candidates_searching_everywhere(skills), "{skills:?}");
            check_analysis(&analyzer.analyse(Posting::new("p", skills)));
        }
    }
}

/// Ladder files: no panic, and whatever loads writes back as CSV that loads to the same ladder.
pub fn ladder(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(ladder) = parse_ladder(&text, "fuzz.csv") {
        let written = ladder.to_csv();
        let reloaded = parse_ladder(&written, "fuzz.csv").expect("a written ladder loads");
        assert_eq!(reloaded, ladder, "round trip through CSV changed the ladder");
    }
}

/// Partial results as `rungs merge` reads them: no panic on any line; a partial that passes
/// its check becomes a table, and merging it with an empty partial changes nothing.
pub fn partial(data: &[u8]) {
    let taxonomy = fixtures().analyzer.taxonomy();
    let text = String::from_utf8_lossy(data);
    // Lines that almost parse are the interesting ones: start from a real partial's header.
    for line in text.lines() {
        let Ok(partial) = serde_json::from_str::<FrequencyPartial>(line) else { continue };
        if partial.check(taxonomy).is_err() {
            continue;
        }
        let table = FrequencyTable::from_partial(taxonomy, &partial).expect("a checked partial loads");
        let _ = table.skill_rows(taxonomy, Some(10));
        let _ = table.category_rows(taxonomy, None);
        let mut merged = FrequencyPartial::empty(taxonomy);
        merged.merge(&partial);
        assert_eq!(merged.postings, partial.postings);
        assert_eq!(merged.skills.len(), partial.skills.len());
    }
}

/// Elements and attributes the HTML report may contain; anything else means posting text
/// escaped its escaping.
const ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "main", "div", "p", "b", "code", "details", "summary", "ol",
    "ul", "li", "mark", "span", "table", "thead", "tbody", "tr", "th", "td", "svg", "rect", "text", "img", "h1", "h2",
    "h3", "h4", "g", "line", "a", "input", "select", "option", "button",
];
const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "class",
    "id",
    "style",
    "title",
    "role",
    "aria-label",
    "colspan",
    "width",
    "height",
    "x",
    "y",
    "fill",
    "text-anchor",
    "xmlns",
    "viewbox",
    "alt",
    "src",
    "x1",
    "x2",
    "y1",
    "y2",
    "stroke",
    "stroke-width",
    "tabindex",
    "href",
    "rel",
    "target",
    "type",
    "placeholder",
    "value",
    "data-skill",
    "data-name",
    "data-band",
    "data-company",
    "data-skills",
    "data-search",
    "data-v",
];

/// The HTML writer with posting text in every field: only allowed elements and attributes, and
/// no `<script>` but the page's own.
pub fn html(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1}').map(str::to_string).cycle();
    let mut next = || parts.next().unwrap_or_default();
    let skill = SkillFrequency {
        rank: 1,
        skill_id: next(),
        skill: next(),
        category: next(),
        postings: 3,
        share: 0.5,
        mentions: 4,
        required: 2,
        preferred: 1,
        years_stated: 1,
        median_years: Some(3.0),
    };
    let category = CategoryFrequency {
        rank: 1,
        category_id: next(),
        category: next(),
        skills: 2,
        postings: 3,
        share: 0.5,
        mentions: 4,
        required: 2,
        preferred: 1,
        years_stated: 1,
        median_years: None,
    };
    let row = PostingRow {
        id: next(),
        title: next(),
        company: next(),
        location: next(),
        url: Some(next()),
        level: next(),
        band: 2,
        estimate: 2.5,
        confidence: 0.5,
        evidence: vec![next(), next()],
        requirements: vec![vec![
            Piece { text: next(), mark: Some((next(), true)) },
            Piece { text: next(), mark: Some((next(), false)) },
            Piece { text: next(), mark: None },
        ]],
        other: vec![(next(), next())],
        skills: vec![next(), next()],
        rates: Some((Some(0.5), None)),
        fit: Some(PostingFit { held: vec![next()], adjacent: vec![next()], missing: vec![next()] }),
    };
    let report = HtmlReport {
        postings: 3,
        requirements: 4,
        matches: 5,
        skipped: 1,
        skills: vec![skill],
        categories: vec![category],
        years: vec![(
            next(),
            YearsSpread { postings: 3, min: 1, lower_quartile: 2, median: 3.0, upper_quartile: 5, max: 12 },
        )],
        levels: vec![LevelChart { ladders: vec![next(), next()], levels: vec![(1, next(), 2), (0, next(), 1)] }],
        rows: vec![row],
        gap: Some(GapView {
            profile: next(),
            profile_band: Some(2.5),
            held: vec![next()],
            learn_next: vec![LearnNext {
                skill: next(),
                required: 0.5,
                preferred: 0.25,
                fit: next(),
                examples: vec![(next(), next())],
            }],
            categories: vec![(next(), 0.5)],
        }),
    };
    check_html(&render(&report));
}

/// Every tag in `html` is an allowed element with allowed attributes.
pub fn check_html(html: &str) {
    // The page's own script, once, at the end; nothing else may run.
    let own = format!("<script>{SCRIPT}</script>");
    assert_eq!(html.matches(own.as_str()).count(), 1, "the page's script is not there exactly once");
    let html = &html.replacen(own.as_str(), "", 1);
    let mut rest = html.as_str();
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if rest.starts_with("!DOCTYPE") || rest.starts_with("!--") {
            continue;
        }
        let tag_end = rest.find('>').expect("every tag is closed");
        let tag = &rest[..tag_end];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase();
        assert!(ELEMENTS.contains(&name.as_str()), "element <{name}> is not allowed: <{tag}>");
        // Attribute names: words followed by `=`, outside quoted values.
        let mut in_quotes = false;
        let mut word = String::new();
        for c in tag[name.len()..].chars() {
            match c {
                '"' => {
                    in_quotes = !in_quotes;
                    word.clear();
                }
                '=' if !in_quotes => {
                    let attribute = word.to_lowercase();
                    assert!(
                        ATTRIBUTES.contains(&attribute.as_str()),
                        "attribute {attribute} on <{name}> is not allowed"
                    );
                    word.clear();
                }
                c if !in_quotes && (c.is_ascii_alphanumeric() || c == '-') => word.push(c),
                _ if !in_quotes => word.clear(),
                _ => {}
            }
        }
        rest = &rest[tag_end..];
    }
    assert!(!html.to_lowercase().contains("<script"), "a script element");
}
