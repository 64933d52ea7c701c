//! The charts of the HTML report, as inline SVG: stacked bars and a years spread.

use std::fmt::Write as _;

use super::escape;
use crate::aggregate::YearsSpread;

/// One bar: two stacked parts (e.g. required and preferred), as shares from 0 to 1.
pub(super) struct Bar {
    pub label: String,
    pub first: f64,
    pub second: f64,
    pub note: String,
    /// A skill id: the bar lists that skill's postings when clicked (with the script on).
    pub skill: Option<String>,
}

const LABEL: f64 = 290.0;
const WIDTH: f64 = 980.0;
const ROW: f64 = 24.0;

fn open_svg(title: &str, rows: usize) -> String {
    let height = ROW * rows.max(1) as f64 + 12.0;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(title)
    )
}

/// The label of a row, cut to fit beside the plot.
fn short(label: &str) -> String {
    let cut: String = label.chars().take(46).collect();
    if cut.len() < label.len() {
        format!("{}…", cut.trim_end())
    } else {
        cut
    }
}

pub(super) fn bar_chart(title: &str, bars: &[Bar]) -> String {
    let plot = WIDTH - LABEL - 280.0;
    let max = bars.iter().map(|b| b.first + b.second).fold(0.0_f64, f64::max).max(0.05);
    let mut svg = open_svg(title, bars.len());
    if bars.is_empty() {
        svg.push_str("<text x=\"12\" y=\"24\">nothing to show</text>");
    }
    for (i, bar) in bars.iter().enumerate() {
        let y = 6.0 + ROW * i as f64;
        let w1 = bar.first / max * plot;
        let w2 = bar.second / max * plot;
        match &bar.skill {
            Some(skill) => {
                let _ = write!(
                    svg,
                    "<g class=\"pick\" tabindex=\"0\" role=\"button\" data-skill=\"{}\" data-name=\"{}\">",
                    escape(skill),
                    escape(&bar.label)
                );
            }
            None => svg.push_str("<g>"),
        }
        let _ = write!(
            svg,
            "<title>{}: {}</title><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"{LABEL}\" y=\"{y:.1}\" width=\"{w1:.1}\" height=\"16\" fill=\"#2563eb\"/>",
            escape(&bar.label),
            escape(&bar.note),
            LABEL - 8.0,
            y + 13.0,
            escape(&short(&bar.label)),
        );
        if w2 > 0.0 {
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{w2:.1}\" height=\"16\" fill=\"#93c5fd\"/>",
                LABEL + w1
            );
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            LABEL + w1 + w2 + 6.0,
            y + 13.0,
            escape(&bar.note)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Stated years per skill: a line from the fewest to the most, a box over the middle half
/// and a tick at the median, on a scale of years.
pub(super) fn years_chart(title: &str, rows: &[(String, YearsSpread)]) -> String {
    let plot = WIDTH - LABEL - 200.0;
    let top = rows.iter().map(|(_, s)| s.max).max().unwrap_or(1).clamp(5, 20) as f64;
    let x = |years: f64| LABEL + years.min(top) / top * plot;
    let mut svg = open_svg(title, rows.len() + 1);
    if rows.is_empty() {
        svg.push_str("<text x=\"12\" y=\"24\">no posting states years for these skills</text>");
    }
    for (i, (skill, spread)) in rows.iter().enumerate() {
        let y = 6.0 + ROW * i as f64;
        let mid = y + 8.0;
        let (low, q1, q3, high) =
            (spread.min as f64, spread.lower_quartile as f64, spread.upper_quartile as f64, spread.max as f64);
        let _ = write!(
            svg,
            "<g><title>{}: median {} years, middle half {}–{}, all {}–{}, {} postings state years</title>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{mid:.1}\" y2=\"{mid:.1}\" stroke=\"#94a3b8\" stroke-width=\"2\"/>\
             <rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"16\" fill=\"#bfdbfe\" stroke=\"#2563eb\"/>\
             <line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{:.1}\" stroke=\"#1e3a8a\" stroke-width=\"3\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\">median {} · {} postings</text></g>",
            escape(skill),
            spread.median,
            spread.lower_quartile,
            spread.upper_quartile,
            spread.min,
            spread.max,
            spread.postings,
            LABEL - 8.0,
            y + 13.0,
            escape(&short(skill)),
            x(low),
            x(high),
            x(q1),
            (x(q3) - x(q1)).max(2.0),
            x(spread.median),
            x(spread.median),
            y + 16.0,
            x(high) + 8.0,
            y + 13.0,
            spread.median,
            spread.postings,
        );
    }
    // The scale, in years.
    let y = 6.0 + ROW * rows.len() as f64 + 12.0;
    let step = if top > 10.0 { 5 } else { 1 };
    for years in (0..=top as u32).step_by(step) {
        let _ = write!(svg, "<text x=\"{:.1}\" y=\"{y:.1}\" text-anchor=\"middle\">{years}</text>", x(years as f64));
    }
    svg.push_str("</svg>");
    svg
}
