//! The self-contained HTML report: charts as inline SVG, one small inline script, no network.
//!
//! [`render`] turns finished figures ([`HtmlReport`]) into one HTML document. Every string that
//! comes from a posting, a profile or a taxonomy is escaped, and a Content-Security-Policy
//! guards the page even against a bug in that escaping: no fetch of any kind, and no script but
//! the one this module ships, allowed by its SHA-256 hash (so no `eval`, no inline handlers,
//! nothing a posting could inject). The script only sorts, filters and drills down; with
//! scripts off the page is whole. The page is deterministic: no timestamps, no random ids.

mod charts;

use std::fmt::Write as _;

use base64::Engine as _;
use sha2::Digest as _;

use self::charts::{bar_chart, years_chart, Bar};
use crate::aggregate::{CategoryFrequency, SkillFrequency, YearsSpread};

/// Everything the page shows.
#[derive(Clone, Debug, Default)]
pub struct HtmlReport {
    /// Postings read.
    pub postings: u64,
    /// Requirements found.
    pub requirements: u64,
    /// Skill mentions.
    pub matches: u64,
    /// Bad records skipped.
    pub skipped: u64,
    /// The most frequent skills.
    pub skills: Vec<SkillFrequency>,
    /// Stated years of the top skills that any posting states years for.
    pub years: Vec<(String, YearsSpread)>,
    /// Categories.
    pub categories: Vec<CategoryFrequency>,
    /// One chart per distinct distribution of postings over a ladder's levels.
    pub levels: Vec<LevelChart>,
    /// The per-posting rows shown (capped).
    pub rows: Vec<PostingRow>,
    /// With a profile: the gap view.
    pub gap: Option<GapView>,
}

/// Postings per level of one ladder (or of several that place every posting alike).
#[derive(Clone, Debug, Default)]
pub struct LevelChart {
    /// The ladders' names.
    pub ladders: Vec<String>,
    /// Per level: its band, its title(s) and the postings placed there; postings outside the
    /// ladder's range last, with band 0.
    pub levels: Vec<(u8, String, u64)>,
}

/// A run of requirement text, marked when it names a skill.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Piece {
    /// The text, cleaned of markup.
    pub text: String,
    /// The skill it names, and whether only preferred.
    pub mark: Option<(String, bool)>,
}

/// One posting in the table.
#[derive(Clone, Debug, Default)]
pub struct PostingRow {
    /// Posting id.
    pub id: String,
    /// Title, if any.
    pub title: String,
    /// Employer, if any.
    pub company: String,
    /// Location, if any.
    pub location: String,
    /// The original posting's address: `http(s)` only, else none.
    pub url: Option<String>,
    /// Level title on the first ladder.
    pub level: String,
    /// Its band (1-6).
    pub band: u8,
    /// The continuous estimate.
    pub estimate: f64,
    /// Confidence of that level.
    pub confidence: f64,
    /// Level evidence, strongest first, as sentences.
    pub evidence: Vec<String>,
    /// The requirements, numbered on the page.
    pub requirements: Vec<Vec<Piece>>,
    /// The rest of the text (about the employer, benefits, legal), by context name.
    pub other: Vec<(String, String)>,
    /// Distinct skill ids, for the skill filter.
    pub skills: Vec<String>,
    /// With a profile: the required and preferred match rates.
    pub rates: Option<(Option<f64>, Option<f64>)>,
    /// With a profile: skills held, adjacent (with what is held instead) and missing.
    pub fit: Option<PostingFit>,
}

/// What a profile has of one posting's skills.
#[derive(Clone, Debug, Default)]
pub struct PostingFit {
    /// Skills the profile holds.
    pub held: Vec<String>,
    /// Skills it nearly holds, as "wanted (has held)".
    pub adjacent: Vec<String>,
    /// Skills it lacks, required ones first.
    pub missing: Vec<String>,
}

/// The profile's side of the page.
#[derive(Clone, Debug, Default)]
pub struct GapView {
    /// The profile's file name.
    pub profile: String,
    /// Its estimated band, when it states evidence of one.
    pub profile_band: Option<f64>,
    /// Skills the profile holds.
    pub held: Vec<String>,
    /// Skills to learn next, most demanded first.
    pub learn_next: Vec<LearnNext>,
    /// (category, coverage 0-1) thinnest first.
    pub categories: Vec<(String, f64)>,
}

/// One skill to learn next, and where postings ask for it.
#[derive(Clone, Debug, Default)]
pub struct LearnNext {
    /// Skill name.
    pub skill: String,
    /// Share of postings requiring it.
    pub required: f64,
    /// Share only preferring it.
    pub preferred: f64,
    /// "missing", or "adjacent: has X".
    pub fit: String,
    /// Postings asking for it: (posting label, requirement text), the first few.
    pub examples: Vec<(String, String)>,
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

const STYLE: &str = include_str!("style.css");
/// The page's one script: sorting, filtering and the skill drill-down. Public so that checks
/// can tell it from anything a posting might smuggle in.
pub const SCRIPT: &str = include_str!("explore.js");

/// The Content-Security-Policy: nothing from anywhere, inline style, and only [`SCRIPT`].
fn content_security_policy() -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(SCRIPT.as_bytes()));
    format!("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{hash}'")
}

fn plural(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

const LEGEND_BARS: &str =
    "<span style=\"background:#2563eb\"></span>required<span style=\"background:#93c5fd\"></span>only preferred";

/// Renders the page.
pub fn render(report: &HtmlReport) -> String {
    let mut html = String::with_capacity(64 * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>rungs report</title><style>{STYLE}</style></head><body><main>",
        content_security_policy()
    );
    html.push_str("<h1>What these postings ask for</h1>");
    let _ = write!(
        html,
        "<p class=\"lede\">A rungs report on {}: skills by share of postings, the years they state, their categories, the level each posting reads at, and every posting's requirements with the skills highlighted.</p><div class=\"cards\">",
        plural(report.postings, "posting")
    );
    for (label, value) in [
        ("postings", report.postings),
        ("requirements", report.requirements),
        ("skill mentions", report.matches),
        ("records skipped", report.skipped),
    ] {
        let _ = write!(html, "<div class=\"card\"><b>{value}</b>{label}</div>");
    }
    html.push_str("</div>");
    skills_section(&mut html, report);
    levels_section(&mut html, report);
    if let Some(gap) = &report.gap {
        gap_section(&mut html, gap);
    }
    postings_section(&mut html, report);
    let _ = writeln!(
        html,
        "<p class=\"note\">Made by rungs. No network: this file is the whole report; its one script only sorts and filters.</p></main><script>{SCRIPT}</script></body></html>"
    );
    html
}

fn skills_section(html: &mut String, report: &HtmlReport) {
    let _ = write!(
        html,
        "<h2 id=\"skills\">Top skills</h2><p class=\"legend\">Share of postings that mention each skill:{LEGEND_BARS}</p>\
         <p class=\"note needs-script\" hidden>Click a skill to list the postings that ask for it.</p>"
    );
    let postings = report.postings.max(1) as f64;
    let bars: Vec<Bar> = report
        .skills
        .iter()
        .map(|s| Bar {
            label: s.skill.clone(),
            first: s.required as f64 / postings,
            second: s.preferred as f64 / postings,
            note: format!("{:.0}% · {} postings", s.share * 100.0, s.postings),
            skill: Some(s.skill_id.clone()),
        })
        .collect();
    html.push_str(&bar_chart("Top skills by share of postings", &bars));
    if !report.years.is_empty() {
        html.push_str("<h2 id=\"years\">Years asked for</h2><p class=\"legend\">For top skills that postings state years for: the fewest to the most years stated (line), the middle half of postings (box) and the median (tick).</p>");
        html.push_str(&years_chart("Years of experience stated per skill", &report.years));
    }
    html.push_str("<h2 id=\"categories\">Categories</h2><p class=\"legend\">Share of postings that mention at least one skill of the category.</p>");
    let bars: Vec<Bar> = report
        .categories
        .iter()
        .map(|c| Bar {
            label: c.category.clone(),
            first: c.required as f64 / postings,
            second: c.preferred as f64 / postings,
            note: format!("{:.0}% · {} skills", c.share * 100.0, c.skills),
            skill: None,
        })
        .collect();
    html.push_str(&bar_chart("Categories by share of postings", &bars));
}

fn levels_section(html: &mut String, report: &HtmlReport) {
    html.push_str("<h2 id=\"levels\">Levels</h2>");
    if report.levels.is_empty() {
        html.push_str(
            "<p class=\"note\">No ladder with more than one level was given, so there is no distribution to show.</p>",
        );
        return;
    }
    html.push_str("<p class=\"legend\">How many postings read at each level, by band (1 entry … 6 principal); ladders that place every posting alike share a chart.</p><div class=\"ladders\">");
    let postings = report.postings.max(1) as f64;
    for chart in &report.levels {
        let bars: Vec<Bar> = chart
            .levels
            .iter()
            .map(|(band, title, n)| Bar {
                label: if *band == 0 { title.clone() } else { format!("band {band} · {title}") },
                first: *n as f64 / postings,
                second: 0.0,
                note: format!("{n} ({:.0}%)", *n as f64 / postings * 100.0),
                skill: None,
            })
            .collect();
        let name = chart.ladders.join(" = ");
        let _ = write!(html, "<div><h3>{}</h3>{}</div>", escape(&name), bar_chart(&name, &bars));
    }
    html.push_str("</div>");
}

fn gap_section(html: &mut String, gap: &GapView) {
    let _ = write!(
        html,
        "<h2 id=\"gap\">Your gap</h2><p class=\"lede\">Profile <b>{}</b> ({}) holds {}: {}.</p>",
        escape(&gap.profile),
        gap.profile_band.map_or("states no level evidence".to_string(), |b| format!("reads at band {b:.1}")),
        plural(gap.held.len() as u64, "skill"),
        escape(&gap.held.join(", "))
    );
    let _ = write!(
        html,
        "<h3>Learn next</h3><p class=\"legend\">Missing or adjacent skills by share of postings:{LEGEND_BARS}</p>"
    );
    let bars: Vec<Bar> = gap
        .learn_next
        .iter()
        .map(|l| Bar {
            label: l.skill.clone(),
            first: l.required,
            second: l.preferred,
            note: l.fit.clone(),
            skill: None,
        })
        .collect();
    html.push_str(&bar_chart("Skills to learn next", &bars));
    html.push_str("<p class=\"legend\">Where postings ask for each:</p>");
    for learn in &gap.learn_next {
        let _ = write!(
            html,
            "<details><summary>{} — {:.0}% of postings require it, {:.0}% prefer it ({})</summary><ul class=\"examples\">",
            escape(&learn.skill),
            learn.required * 100.0,
            learn.preferred * 100.0,
            escape(&learn.fit)
        );
        for (posting, requirement) in &learn.examples {
            let _ = write!(html, "<li><b>{}</b>: {}</li>", escape(posting), escape(requirement));
        }
        html.push_str("</ul></details>");
    }
    html.push_str("<h3>Thinnest categories</h3>");
    let bars: Vec<Bar> = gap
        .categories
        .iter()
        .map(|(c, cov)| Bar {
            label: c.clone(),
            first: *cov,
            second: 0.0,
            note: format!("{:.0}% covered", cov * 100.0),
            skill: None,
        })
        .collect();
    html.push_str(&bar_chart("Category coverage", &bars));
}

fn postings_section(html: &mut String, report: &HtmlReport) {
    html.push_str("<h2 id=\"postings-heading\">Postings</h2>");
    if (report.rows.len() as u64) < report.postings {
        let _ = write!(
            html,
            "<p class=\"note\">Showing the first {} of {} postings, to keep the page fast (raise with <code>--max-postings</code>); the charts above count all of them.</p>",
            report.rows.len(),
            report.postings
        );
    }
    html.push_str(
        "<div class=\"filters\" id=\"filters\" hidden><input id=\"filter-text\" type=\"search\" placeholder=\"Filter by title, company, location…\" aria-label=\"Filter postings\">\
         <select id=\"filter-band\" aria-label=\"Band\"><option value=\"\">every band</option>",
    );
    for band in 1..=6 {
        let _ = write!(html, "<option value=\"{band}\">band {band}</option>");
    }
    html.push_str(
        "</select><select id=\"filter-company\" aria-label=\"Company\"><option value=\"\">every company</option></select>\
         <span id=\"skill-filter\" hidden>asking for <b id=\"skill-name\"></b> <button id=\"clear-skill\" type=\"button\">show all</button></span>\
         <span id=\"shown\" class=\"note\"></span></div>\
         <p class=\"legend\">In the requirements: <mark class=\"required\">required skill</mark> <mark class=\"preferred\">preferred skill</mark></p>",
    );
    let sortable = |name: &str| format!("<th><button type=\"button\">{name}</button></th>");
    html.push_str("<table id=\"postings\"><thead><tr>");
    for name in ["title", "company", "location", "level", "band", "confidence", "skills"] {
        html.push_str(&sortable(name));
    }
    if report.gap.is_some() {
        html.push_str(&sortable("required match"));
        html.push_str(&sortable("preferred match"));
    }
    html.push_str("</tr></thead>");
    let columns = if report.gap.is_some() { 9 } else { 7 };
    for row in &report.rows {
        posting_body(html, row, columns);
    }
    html.push_str("</table>");
}

/// One posting: a `<tbody>` of its summary row and its details, so sorting moves both.
fn posting_body(html: &mut String, row: &PostingRow, columns: usize) {
    let search = format!("{} {} {} {}", row.title, row.company, row.location, row.id).to_lowercase();
    let _ = write!(
        html,
        "<tbody class=\"posting\" data-band=\"{}\" data-company=\"{}\" data-skills=\"{}\" data-search=\"{}\"><tr>",
        row.band,
        escape(&row.company),
        escape(&row.skills.join(" ")),
        escape(&search)
    );
    let title = if row.title.is_empty() { &row.id } else { &row.title };
    match &row.url {
        Some(url) => {
            let _ = write!(
                html,
                "<td><a href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">{}</a></td>",
                escape(url),
                escape(title)
            );
        }
        None => {
            let _ = write!(html, "<td>{}</td>", escape(title));
        }
    }
    let _ = write!(
        html,
        "<td>{}</td><td>{}</td><td class=\"level\">{}</td><td class=\"num\" data-v=\"{:.2}\">{:.1}</td><td class=\"num\" data-v=\"{:.2}\">{:.2}</td><td class=\"num\" data-v=\"{}\">{}</td>",
        escape(&row.company),
        escape(&row.location),
        escape(&row.level),
        row.estimate,
        row.estimate,
        row.confidence,
        row.confidence,
        row.skills.len(),
        row.skills.len()
    );
    if let Some((required, preferred)) = row.rates {
        for rate in [required, preferred] {
            match rate {
                Some(r) => {
                    let _ = write!(html, "<td class=\"num\" data-v=\"{r:.4}\">{:.0}%</td>", r * 100.0);
                }
                None => html.push_str("<td class=\"num\" data-v=\"-1\">–</td>"),
            }
        }
    }
    let _ = write!(
        html,
        "</tr><tr><td colspan=\"{columns}\"><details><summary>{}, level evidence</summary><ol>",
        plural(row.requirements.len() as u64, "requirement")
    );
    for requirement in &row.requirements {
        html.push_str("<li>");
        for piece in requirement {
            match &piece.mark {
                Some((skill, preferred)) => {
                    let (class, strength) =
                        if *preferred { ("preferred", "preferred") } else { ("required", "required") };
                    let _ = write!(
                        html,
                        "<mark class=\"{class}\" title=\"{} ({strength})\">{}</mark>",
                        escape(skill),
                        escape(&piece.text)
                    );
                }
                None => html.push_str(&escape(&piece.text)),
            }
        }
        html.push_str("</li>");
    }
    html.push_str("</ol>");
    if let Some(fit) = &row.fit {
        html.push_str("<div class=\"fit\">");
        for (heading, skills) in [("You have", &fit.held), ("Adjacent", &fit.adjacent), ("Missing", &fit.missing)] {
            let list = if skills.is_empty() { "–".to_string() } else { escape(&skills.join(", ")) };
            let _ = write!(html, "<div><h4>{heading} ({})</h4>{list}</div>", skills.len());
        }
        html.push_str("</div>");
    }
    if !row.other.is_empty() {
        let _ = write!(
            html,
            "<details class=\"other\"><summary>The rest of the posting ({}: about the employer, benefits, legal)</summary>",
            plural(row.other.len() as u64, "passage")
        );
        for (context, text) in &row.other {
            let _ = write!(html, "<p><span class=\"context\">{}</span>{}</p>", escape(context), escape(text));
        }
        html.push_str("</details>");
    }
    if !row.evidence.is_empty() {
        html.push_str("<p class=\"note\">Level evidence:</p><ul>");
        for evidence in &row.evidence {
            let _ = write!(html, "<li>{}</li>", escape(evidence));
        }
        html.push_str("</ul>");
    }
    html.push_str("</details></td></tr></tbody>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped() {
        let report = HtmlReport {
            postings: 1,
            rows: vec![PostingRow {
                id: "<script>alert(1)</script>".to_string(),
                company: "\"><img src=x>".to_string(),
                title: "</textarea><img src=x onerror=alert(2)>".to_string(),
                requirements: vec![vec![Piece {
                    text: "Go & <b>".to_string(),
                    mark: Some(("Go \"lang\"".to_string(), false)),
                }]],
                ..PostingRow::default()
            }],
            ..HtmlReport::default()
        };
        let html = render(&report);
        assert_eq!(html.matches("<script>").count(), 1, "only the page's own script");
        assert!(!html.contains("<img"));
        assert!(!html.contains("</textarea>"));
        assert!(html.contains("&lt;/textarea&gt;&lt;img src=x onerror=alert(2)&gt;"));
        assert!(html
            .contains("<mark class=\"required\" title=\"Go &quot;lang&quot; (required)\">Go &amp; &lt;b&gt;</mark>"));
    }

    #[test]
    fn the_policy_allows_exactly_the_shipped_script() {
        let html = render(&HtmlReport::default());
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(SCRIPT.as_bytes()));
        assert!(html.contains(&format!("script-src 'sha256-{hash}'")));
        assert!(html.contains(&format!("<script>{SCRIPT}</script>")));
        assert!(!html.contains("unsafe-eval") && !html.contains("script-src 'unsafe-inline'"));
    }
}
