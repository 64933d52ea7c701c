//! The self-contained HTML report: charts as inline SVG, no script, no network.
//!
//! [`render`] turns finished figures ([`HtmlReport`]) into one HTML document. Every string that
//! comes from a posting, a profile or a taxonomy is escaped, and a Content-Security-Policy that
//! forbids scripts and every network fetch guards the page even against a bug in that escaping.
//! The page is deterministic: no timestamps, no random ids.

use std::fmt::Write as _;

use crate::aggregate::{CategoryFrequency, SkillFrequency};

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
    /// Categories.
    pub categories: Vec<CategoryFrequency>,
    /// Per ladder: its name and (level title, postings) per level.
    pub levels: Vec<(String, Vec<(String, u64)>)>,
    /// The per-posting rows shown (capped).
    pub rows: Vec<PostingRow>,
    /// With a profile: the gap view.
    pub gap: Option<GapView>,
}

/// One posting in the table.
#[derive(Clone, Debug, Default)]
pub struct PostingRow {
    /// Posting id.
    pub id: String,
    /// Title, if any.
    pub title: String,
    /// Level title on the first ladder, with its band.
    pub level: String,
    /// Confidence of that level.
    pub confidence: f64,
    /// Level evidence, strongest first, as sentences.
    pub evidence: Vec<String>,
    /// Requirements: text split into (segment, highlight) pieces, `highlight` naming the skill.
    pub requirements: Vec<Vec<(String, Option<String>)>>,
    /// Distinct skills.
    pub skills: usize,
    /// With a profile: the required and preferred match rates.
    pub rates: Option<(Option<f64>, Option<f64>)>,
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
    /// (skill, share requiring, share preferring, fit) most demanded first.
    pub learn_next: Vec<(String, f64, f64, String)>,
    /// (category, coverage 0-1) thinnest first.
    pub categories: Vec<(String, f64)>,
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

const STYLE: &str = "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1f2937;background:#f8fafc}\
main{max-width:1100px;margin:0 auto;padding:24px}h1{margin:0 0 4px}h2{margin:32px 0 8px;border-bottom:1px solid #e2e8f0;padding-bottom:4px}\
.lede{color:#475569}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}.card{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:10px 16px}\
.card b{display:block;font-size:22px}svg{background:#fff;border:1px solid #e2e8f0;border-radius:8px;max-width:100%;height:auto}\
svg text{font:12px system-ui,sans-serif;fill:#1f2937}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}\
table{border-collapse:collapse;width:100%;background:#fff}th,td{border-bottom:1px solid #e2e8f0;padding:6px 8px;text-align:left;vertical-align:top}\
th{background:#f1f5f9}td.num{text-align:right;font-variant-numeric:tabular-nums}details{margin:4px 0}summary{cursor:pointer;color:#2563eb}\
mark{background:#fef08a;border-radius:3px;padding:0 2px}ol{margin:6px 0;padding-left:22px}.note{color:#64748b;font-size:13px}\
.ladders{display:flex;gap:16px;flex-wrap:wrap}";

/// Renders the page.
pub fn render(report: &HtmlReport) -> String {
    let mut html = String::with_capacity(64 * 1024);
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    html.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
    html.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>rungs report</title>",
    );
    let _ = write!(html, "<style>{STYLE}</style></head><body><main>");
    html.push_str("<h1>What these postings ask for</h1>");
    let _ = write!(
        html,
        "<p class=\"lede\">A rungs report on {} posting{}: skills by share of postings, their categories, the level each posting reads at, and every posting's requirements with the skills highlighted.</p>",
        report.postings,
        if report.postings == 1 { "" } else { "s" }
    );
    html.push_str("<div class=\"cards\">");
    for (label, value) in [
        ("postings", report.postings),
        ("requirements", report.requirements),
        ("skill mentions", report.matches),
        ("records skipped", report.skipped),
    ] {
        let _ = write!(html, "<div class=\"card\"><b>{value}</b>{label}</div>");
    }
    html.push_str("</div>");

    html.push_str("<h2 id=\"skills\">Top skills</h2><p class=\"legend\">Share of postings that mention each skill:<span style=\"background:#2563eb\"></span>required<span style=\"background:#93c5fd\"></span>only preferred</p>");
    let postings = report.postings.max(1) as f64;
    let bars: Vec<Bar> = report
        .skills
        .iter()
        .map(|s| Bar {
            label: s.skill.clone(),
            first: s.required as f64 / postings,
            second: s.preferred as f64 / postings,
            note: format!("{:.0}% · {} postings", s.share * 100.0, s.postings),
        })
        .collect();
    html.push_str(&bar_chart("Top skills by share of postings", &bars));

    html.push_str("<h2 id=\"categories\">Categories</h2><p class=\"legend\">Share of postings that mention at least one skill of the category.</p>");
    let bars: Vec<Bar> = report
        .categories
        .iter()
        .map(|c| Bar {
            label: c.category.clone(),
            first: c.required as f64 / postings,
            second: c.preferred as f64 / postings,
            note: format!("{:.0}% · {} skills", c.share * 100.0, c.skills),
        })
        .collect();
    html.push_str(&bar_chart("Categories by share of postings", &bars));

    html.push_str("<h2 id=\"levels\">Levels</h2><p class=\"legend\">How many postings read at each level of each ladder.</p><div class=\"ladders\">");
    for (ladder, levels) in &report.levels {
        let bars: Vec<Bar> = levels
            .iter()
            .map(|(title, n)| Bar {
                label: title.clone(),
                first: *n as f64 / postings,
                second: 0.0,
                note: n.to_string(),
            })
            .collect();
        let _ = write!(html, "<div><h3>{}</h3>{}</div>", escape(ladder), bar_chart(ladder, &bars));
    }
    html.push_str("</div>");

    if let Some(gap) = &report.gap {
        let _ = write!(
            html,
            "<h2 id=\"gap\">Your gap</h2><p class=\"lede\">Profile <b>{}</b> ({}) holds {} skill{}: {}.</p>",
            escape(&gap.profile),
            gap.profile_band.map_or("states no level evidence".to_string(), |b| format!("reads at band {b:.1}")),
            gap.held.len(),
            if gap.held.len() == 1 { "" } else { "s" },
            escape(&gap.held.join(", "))
        );
        html.push_str("<h3>Learn next</h3><p class=\"legend\">Missing or adjacent skills by share of postings:<span style=\"background:#2563eb\"></span>required<span style=\"background:#93c5fd\"></span>only preferred</p>");
        let bars: Vec<Bar> = gap
            .learn_next
            .iter()
            .map(|(skill, req, pref, fit)| Bar { label: skill.clone(), first: *req, second: *pref, note: fit.clone() })
            .collect();
        html.push_str(&bar_chart("Skills to learn next", &bars));
        html.push_str("<h3>Thinnest categories</h3>");
        let bars: Vec<Bar> = gap
            .categories
            .iter()
            .map(|(c, cov)| Bar {
                label: c.clone(),
                first: *cov,
                second: 0.0,
                note: format!("{:.0}% covered", cov * 100.0),
            })
            .collect();
        html.push_str(&bar_chart("Category coverage", &bars));
    }

    html.push_str("<h2 id=\"postings\">Postings</h2>");
    if (report.rows.len() as u64) < report.postings {
        let _ = write!(
            html,
            "<p class=\"note\">Showing the first {} of {} postings, to keep the page fast; the charts above count all of them. Use <code>rungs scan</code> or <code>rungs levels</code> for every posting.</p>",
            report.rows.len(),
            report.postings
        );
    }
    html.push_str("<table><thead><tr><th>posting</th><th>title</th><th>level</th><th>confidence</th><th>skills</th>");
    if report.gap.is_some() {
        html.push_str("<th>required match</th><th>preferred match</th>");
    }
    html.push_str("</tr></thead><tbody>");
    let columns = if report.gap.is_some() { 7 } else { 5 };
    for row in &report.rows {
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{:.2}</td><td class=\"num\">{}</td>",
            escape(&row.id),
            escape(&row.title),
            escape(&row.level),
            row.confidence,
            row.skills
        );
        if let Some((required, preferred)) = row.rates {
            let pct = |r: Option<f64>| r.map_or("–".to_string(), |r| format!("{:.0}%", r * 100.0));
            let _ = write!(html, "<td class=\"num\">{}</td><td class=\"num\">{}</td>", pct(required), pct(preferred));
        }
        let _ = write!(
            html,
            "</tr><tr><td colspan=\"{columns}\"><details><summary>{} requirements, level evidence</summary><ol>",
            row.requirements.len()
        );
        for requirement in &row.requirements {
            html.push_str("<li>");
            for (segment, skill) in requirement {
                match skill {
                    Some(skill) => {
                        let _ = write!(html, "<mark title=\"{}\">{}</mark>", escape(skill), escape(segment));
                    }
                    None => html.push_str(&escape(segment)),
                }
            }
            html.push_str("</li>");
        }
        html.push_str("</ol>");
        if !row.evidence.is_empty() {
            html.push_str("<p class=\"note\">Level evidence:</p><ul>");
            for evidence in &row.evidence {
                let _ = write!(html, "<li>{}</li>", escape(evidence));
            }
            html.push_str("</ul>");
        }
        html.push_str("</details></td></tr>");
    }
    html.push_str("</tbody></table><p class=\"note\">Made by rungs. No scripts, no network: this file is the whole report.</p></main></body></html>\n");
    html
}

/// One bar: two stacked parts (e.g. required and preferred), as shares from 0 to 1.
struct Bar {
    label: String,
    first: f64,
    second: f64,
    note: String,
}

fn bar_chart(title: &str, bars: &[Bar]) -> String {
    const LABEL: f64 = 290.0;
    const WIDTH: f64 = 980.0;
    const ROW: f64 = 24.0;
    let plot = WIDTH - LABEL - 280.0;
    let max = bars.iter().map(|b| b.first + b.second).fold(0.0_f64, f64::max).max(0.05);
    let height = ROW * bars.len().max(1) as f64 + 12.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(title)
    );
    if bars.is_empty() {
        svg.push_str("<text x=\"12\" y=\"24\">nothing to show</text>");
    }
    for (i, bar) in bars.iter().enumerate() {
        let y = 6.0 + ROW * i as f64;
        let w1 = bar.first / max * plot;
        let w2 = bar.second / max * plot;
        let label: String = bar.label.chars().take(46).collect();
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"{LABEL}\" y=\"{:.1}\" width=\"{w1:.1}\" height=\"16\" fill=\"#2563eb\"><title>{}</title></rect>",
            LABEL - 8.0,
            y + 13.0,
            escape(&label),
            y,
            escape(&bar.label)
        );
        if w2 > 0.0 {
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{w2:.1}\" height=\"16\" fill=\"#93c5fd\"/>",
                LABEL + w1
            );
        }
        let _ =
            write!(svg, "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>", LABEL + w1 + w2 + 6.0, y + 13.0, escape(&bar.note));
    }
    svg.push_str("</svg>");
    svg
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
                title: "</textarea><img src=x onerror=alert(2)>".to_string(),
                requirements: vec![vec![("Go & <b>".to_string(), Some("Go \"lang\"".to_string()))]],
                ..PostingRow::default()
            }],
            ..HtmlReport::default()
        };
        let html = render(&report);
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("</textarea>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("<mark title=\"Go &quot;lang&quot;\">Go &amp; &lt;b&gt;</mark>"));
    }
}
