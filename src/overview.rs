//! The figures of the HTML report, computed from analyses: one row per posting with its
//! requirements cut into highlighted pieces, the profile's side of the page, and the level
//! charts. [`crate::report::html`] only renders them.

use crate::analyse::Analysis;
use crate::gap::{Fit, GapTally, PostingGap, Profile, SkillGraph};
use crate::levels::summary::LevelDistribution;
use crate::levels::{LevelModel, PostingLevel};
use crate::report::html::{GapView, PostingRow};
use crate::taxonomy::Taxonomy;

/// How many "learn next" skills and thinnest categories the gap view lists.
const LEARN_NEXT_SHOWN: usize = 20;
const CATEGORIES_SHOWN: usize = 15;

/// One posting's row: its level on the first ladder, the evidence, and each requirement cut
/// into plain and highlighted pieces (a highlight names the skill and its strength).
pub fn posting_row(
    model: &LevelModel,
    taxonomy: &Taxonomy,
    analysis: &Analysis,
    level: &PostingLevel,
    gap: Option<&PostingGap>,
) -> PostingRow {
    let text = &analysis.posting.text;
    let requirements = analysis
        .requirements
        .iter()
        .map(|requirement| {
            let mut pieces = Vec::new();
            let mut at = requirement.range.start;
            for m in analysis.matches.iter().filter(|m| m.requirement == requirement.index) {
                if m.range.start > at {
                    pieces.push((text[at..m.range.start].to_string(), None));
                }
                let label = format!("{} ({})", taxonomy.skills()[m.skill as usize].name, m.strength.as_str());
                pieces.push((text[m.range.clone()].to_string(), Some(label)));
                at = m.range.end;
            }
            if at < requirement.range.end {
                pieces.push((text[at..requirement.range.end].to_string(), None));
            }
            pieces
        })
        .collect();
    let mut distinct: Vec<u32> = analysis.matches.iter().map(|m| m.skill).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let placed = &level.ladders[0];
    let ladder = &model.ladders()[placed.ladder];
    let rung = &ladder.levels[placed.level];
    PostingRow {
        id: analysis.posting.id.clone(),
        title: analysis.posting.title.clone().unwrap_or_default(),
        level: format!("{} (band {})", rung.title, rung.band),
        confidence: placed.confidence,
        evidence: level
            .evidence
            .iter()
            .map(|e| {
                format!("requirement {}: {} → band {:.1} (weight {:.2})", e.requirement, e.signal, e.band, e.weight)
            })
            .collect(),
        requirements,
        skills: distinct.len(),
        rates: gap.map(|g| (PostingGap::rate(&g.required), PostingGap::rate(&g.preferred))),
    }
}

/// The profile's side of the page: what it holds, what to learn next and the thinnest
/// categories, from the demand tallied over all postings.
pub fn gap_view(
    taxonomy: &Taxonomy,
    graph: &SkillGraph,
    profile: &Profile,
    profile_name: &str,
    profile_band: Option<f64>,
    tally: &GapTally,
) -> GapView {
    let postings = tally.postings().max(1) as f64;
    let skill = |s: u32| &taxonomy.skills()[s as usize];
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
                let fit = match fit {
                    Fit::Adjacent(via) => format!("adjacent: has {}", skill(via).name),
                    _ => "missing".to_string(),
                };
                (skill(s).name.clone(), requiring as f64 / postings, preferring as f64 / postings, fit)
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

/// Per ladder with more than one level (one level is no distribution): its name and (level
/// title, postings) per level, then the postings outside its range if any.
pub fn level_charts(model: &LevelModel, distribution: &LevelDistribution) -> Vec<(String, Vec<(String, u64)>)> {
    model
        .ladders()
        .iter()
        .enumerate()
        .filter(|(_, ladder)| ladder.levels.len() > 1)
        .map(|(i, ladder)| {
            let mut bars: Vec<(String, u64)> =
                ladder.levels.iter().zip(&distribution.counts[i]).map(|(l, c)| (l.title.clone(), c.postings)).collect();
            if let Some(outside) = distribution.outside.get(i).filter(|c| c.postings > 0) {
                bars.push(("outside ladder range".to_string(), outside.postings));
            }
            (ladder.name.clone(), bars)
        })
        .collect()
}
