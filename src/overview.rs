//! The figures of the HTML report, computed from analyses: one row per posting with its
//! clean requirement text cut into marked pieces, the profile's side of the page, where
//! postings ask for each skill, and the level charts. [`crate::report::html`] only renders
//! them.

use crate::aggregate::FrequencyTable;
use crate::analyse::Analysis;
use crate::context::Context;
use crate::gap::{Fit, GapTally, PostingGap, Profile, SkillGraph};
use crate::levels::summary::LevelDistribution;
use crate::levels::{LevelModel, PostingLevel};
use crate::matcher::SkillIndex;
use crate::report::html::{GapView, LearnNext, LevelChart, Piece, PostingFit, PostingRow};
use crate::split::Strength;
use crate::taxonomy::Taxonomy;

/// How many "learn next" skills and thinnest categories the gap view lists.
const LEARN_NEXT_SHOWN: usize = 20;
const CATEGORIES_SHOWN: usize = 15;
/// How many postings a "learn next" skill quotes.
const EXAMPLES_KEPT: usize = 5;
/// Skills in the years chart need this many postings stating years.
const YEARS_MIN_POSTINGS: u64 = 3;

/// One posting's row: its level on the first ladder, the evidence, each requirement's clean
/// text cut into plain and marked pieces, and the rest of the text apart.
pub fn posting_row(
    model: &LevelModel,
    taxonomy: &Taxonomy,
    analysis: &Analysis,
    level: &PostingLevel,
    gap: Option<&PostingGap>,
) -> PostingRow {
    let clean = analysis.clean_text();
    let mut requirements = Vec::new();
    let mut other = Vec::new();
    for requirement in &analysis.requirements {
        let range = requirement.clean_range.clone();
        if requirement.context != Context::Requirement {
            other.push((requirement.context.as_str().to_string(), clean[range].to_string()));
            continue;
        }
        let mut pieces = Vec::new();
        let mut at = range.start;
        for m in analysis.matches.iter().filter(|m| m.requirement == requirement.index) {
            let marked = analysis.view.to_clean(m.range.clone());
            if marked.start < at || marked.end > range.end {
                continue;
            }
            if marked.start > at {
                pieces.push(Piece { text: clean[at..marked.start].to_string(), mark: None });
            }
            let skill = taxonomy.skills()[m.skill as usize].name.clone();
            pieces.push(Piece {
                text: clean[marked.clone()].to_string(),
                mark: Some((skill, m.strength == Strength::Preferred)),
            });
            at = marked.end;
        }
        if at < range.end {
            pieces.push(Piece { text: clean[at..range.end].to_string(), mark: None });
        }
        requirements.push(pieces);
    }
    let mut distinct: Vec<SkillIndex> = analysis.matches.iter().map(|m| m.skill).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let placed = &level.ladders[0];
    let ladder = &model.ladders()[placed.ladder];
    let rung = &ladder.levels[placed.level];
    let posting = &analysis.posting;
    let name = |s: SkillIndex| taxonomy.skills()[s as usize].name.clone();
    PostingRow {
        id: posting.id.clone(),
        title: posting.title.clone().unwrap_or_default(),
        company: posting.company.clone().unwrap_or_default(),
        location: posting.location.clone().unwrap_or_default(),
        url: posting.url.as_deref().map(str::trim).filter(|u| is_web_address(u)).map(str::to_string),
        level: rung.title.clone(),
        band: rung.band,
        estimate: level.estimate,
        confidence: placed.confidence,
        evidence: level
            .evidence
            .iter()
            .map(|e| {
                format!("requirement {}: {} → band {:.1} (weight {:.2})", e.requirement, e.signal, e.band, e.weight)
            })
            .collect(),
        requirements,
        other,
        skills: distinct.iter().map(|&s| taxonomy.skills()[s as usize].id.clone()).collect(),
        rates: gap.map(|g| (PostingGap::rate(&g.required), PostingGap::rate(&g.preferred))),
        fit: gap.map(|g| {
            let all = || g.required.iter().chain(&g.preferred);
            PostingFit {
                held: all().filter(|(_, f)| *f == Fit::Has).map(|&(s, _)| name(s)).collect(),
                adjacent: all()
                    .filter_map(|&(s, f)| match f {
                        Fit::Adjacent(via) => Some(format!("{} (has {})", name(s), name(via))),
                        _ => None,
                    })
                    .collect(),
                missing: all().filter(|(_, f)| *f == Fit::Missing).map(|&(s, _)| name(s)).collect(),
            }
        }),
    }
}

/// Whether a posting's link may be a link on the page: `http` or `https` only, so no
/// `javascript:` or `data:` address from an export can run.
fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && !url.contains(char::is_whitespace)
}

/// Where postings ask for each skill: the first few (posting, requirement text) per skill,
/// over every posting read, for the "learn next" drill-down.
#[derive(Clone, Debug, Default)]
pub struct SkillExamples {
    per_skill: Vec<Vec<(String, String)>>,
}

impl SkillExamples {
    /// No examples yet, for a taxonomy's skills.
    pub fn new(taxonomy: &Taxonomy) -> SkillExamples {
        SkillExamples { per_skill: vec![Vec::new(); taxonomy.skills().len()] }
    }

    /// Takes examples from one posting: one requirement per skill it names.
    pub fn add(&mut self, analysis: &Analysis) {
        let clean = analysis.clean_text();
        let mut seen: Vec<SkillIndex> = Vec::new();
        for m in &analysis.matches {
            let examples = &mut self.per_skill[m.skill as usize];
            if examples.len() >= EXAMPLES_KEPT || seen.contains(&m.skill) {
                continue;
            }
            seen.push(m.skill);
            if let Some(requirement) = analysis.requirements.iter().find(|r| r.index == m.requirement) {
                examples.push((analysis.posting.label(), clean[requirement.clean_range.clone()].to_string()));
            }
        }
    }
}

/// The profile's side of the page: what it holds, what to learn next (with where postings
/// ask for it) and the thinnest categories, from the demand tallied over all postings.
pub fn gap_view(
    taxonomy: &Taxonomy,
    graph: &SkillGraph,
    profile: &Profile,
    profile_name: &str,
    profile_band: Option<f64>,
    tally: &GapTally,
    examples: &SkillExamples,
) -> GapView {
    let postings = tally.postings().max(1) as f64;
    let skill = |s: SkillIndex| &taxonomy.skills()[s as usize];
    GapView {
        profile: profile_name.to_string(),
        profile_band,
        held: profile.skills.keys().map(|&s| skill(s).name.clone()).collect(),
        learn_next: tally
            .learn_next(profile, graph)
            .into_iter()
            .take(LEARN_NEXT_SHOWN)
            .map(|(s, fit)| {
                let (requiring, preferring) = tally.demand(s);
                LearnNext {
                    skill: skill(s).name.clone(),
                    required: requiring as f64 / postings,
                    preferred: preferring as f64 / postings,
                    fit: match fit {
                        Fit::Adjacent(via) => format!("adjacent: has {}", skill(via).name),
                        _ => "missing".to_string(),
                    },
                    examples: examples.per_skill[s as usize].clone(),
                }
            })
            .collect(),
        categories: tally
            .category_coverage(taxonomy, profile, graph)
            .into_iter()
            .take(CATEGORIES_SHOWN)
            .map(|row| (taxonomy.categories()[row.category].name.clone(), row.coverage()))
            .collect(),
    }
}

/// The stated years of the top skills (those `rows` lists) that enough postings state years
/// for, in the same order.
pub fn years_rows(
    taxonomy: &Taxonomy,
    table: &FrequencyTable,
    rows: &[crate::aggregate::SkillFrequency],
) -> Vec<(String, crate::aggregate::YearsSpread)> {
    rows.iter()
        .filter_map(|row| {
            let index = taxonomy.skills().iter().position(|s| s.id == row.skill_id)?;
            let spread = table.years_spread(index as SkillIndex)?;
            (spread.postings >= YEARS_MIN_POSTINGS).then(|| (row.skill.clone(), spread))
        })
        .collect()
}

/// One chart per ladder with more than one level (one level is no distribution): postings per
/// level by band, then those outside its range. Ladders that place every posting alike (the
/// same counts on the same bands) share one chart, their titles side by side.
pub fn level_charts(model: &LevelModel, distribution: &LevelDistribution) -> Vec<LevelChart> {
    let mut charts: Vec<LevelChart> = Vec::new();
    for (i, ladder) in model.ladders().iter().enumerate().filter(|(_, l)| l.levels.len() > 1) {
        let mut levels: Vec<(u8, String, u64)> = ladder
            .levels
            .iter()
            .zip(&distribution.counts[i])
            .map(|(level, count)| (level.band, level.title.clone(), count.postings))
            .collect();
        if let Some(outside) = distribution.outside.get(i).filter(|c| c.postings > 0) {
            levels.push((0, "outside ladder range".to_string(), outside.postings));
        }
        let same = |chart: &&mut LevelChart| {
            chart.levels.len() == levels.len()
                && chart.levels.iter().zip(&levels).all(|(a, b)| a.0 == b.0 && a.2 == b.2 && (a.0 != 0 || a.1 == b.1))
        };
        match charts.iter_mut().find(|c| same(c)) {
            Some(chart) => {
                chart.ladders.push(ladder.name.clone());
                for (shared, (band, title, _)) in chart.levels.iter_mut().zip(levels) {
                    if band != 0 {
                        shared.1 = format!("{} / {title}", shared.1);
                    }
                }
            }
            None => charts.push(LevelChart { ladders: vec![ladder.name.clone()], levels }),
        }
    }
    charts
}

#[cfg(test)]
mod tests {
    use super::is_web_address;

    #[test]
    fn only_web_addresses_become_links() {
        for url in ["https://jobs.example/1", "HTTP://x.test/a?b=c"] {
            assert!(is_web_address(url), "{url}");
        }
        for url in ["javascript:alert(1)", "data:text/html,x", "//evil.test", "https://a b", "ftp://x", ""] {
            assert!(!is_web_address(url), "{url}");
        }
    }
}
