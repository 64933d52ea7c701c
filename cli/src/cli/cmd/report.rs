//! `rungs report --html FILE [--profile FILE] POSTINGS…`: one self-contained HTML page.

use std::io::Write;

use anyhow::Context;
use rungs::aggregate::FrequencyTable;
use rungs::gap::{Fit, GapTally, PostingGap, Profile, SkillGraph};
use rungs::input::read_document;
use rungs::levels::signals::LevelSignals;
use rungs::levels::{LevelModel, PostingLevel};
use rungs::report::html::{render, GapView, HtmlReport, PostingRow};
use rungs::{Analysis, Taxonomy};

use super::{analyse_all_with, build_analyzer, print_summary};
use crate::cli::args::ReportArgs;
use crate::cli::config::{load_ladders, RunConfig};
use crate::cli::output::{message, Output};
use crate::cli::Exit;

pub fn run(config: RunConfig, args: &ReportArgs) -> anyhow::Result<Exit> {
    let analyzer = build_analyzer(&config)?;
    let taxonomy = analyzer.taxonomy();
    let model = LevelModel::new(load_ladders(&args.ladder)?, LevelSignals::embedded(), taxonomy);
    let graph = SkillGraph::new(taxonomy);
    let profile = match &args.profile {
        Some(path) => {
            let analysis = analyzer.analyse(read_document(path).context("cannot read the profile")?);
            let level = model.estimate(&analysis);
            let band = (level.confidence > 0.0).then_some(level.estimate);
            Some((Profile::new(&analysis), band, analysis.posting.id.clone()))
        }
        None => None,
    };

    let mut table = FrequencyTable::new(taxonomy);
    let mut level_counts: Vec<Vec<u64>> = model.ladders().iter().map(|l| vec![0; l.levels.len()]).collect();
    let mut tally = GapTally::new(taxonomy);
    let mut rows = Vec::new();
    let work = |analysis: &Analysis| {
        let level = model.estimate(analysis);
        let gap = profile.as_ref().map(|(p, _, _)| PostingGap::new(analysis, p, &graph));
        (level, gap)
    };
    let totals = analyse_all_with(&config, &analyzer, &work, &mut |analysis,
                                                                   (level, gap): (
        PostingLevel,
        Option<PostingGap>,
    )| {
        table.add(analysis);
        for placed in &level.ladders {
            level_counts[placed.ladder][placed.level] += 1;
        }
        if let Some(gap) = &gap {
            tally.add(gap);
        }
        if rows.len() < args.max_postings {
            rows.push(posting_row(&model, taxonomy, analysis, &level, gap.as_ref()));
        }
        Ok(())
    })?;

    let postings = table.postings().max(1) as f64;
    let skill = |s: u32| &taxonomy.skills()[s as usize];
    let gap = profile.as_ref().map(|(profile, band, name)| GapView {
        profile: name.clone(),
        profile_band: *band,
        held: profile.skills.keys().map(|&s| skill(s).name.clone()).collect(),
        learn_next: tally
            .learn_next(profile, &graph)
            .into_iter()
            .take(20)
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
            .category_coverage(taxonomy, profile, &graph)
            .into_iter()
            .take(15)
            .map(|row| (taxonomy.categories()[row.category].name.clone(), row.coverage()))
            .collect(),
    });
    let report = HtmlReport {
        postings: table.postings(),
        requirements: table.requirements(),
        matches: table.matches(),
        skipped: totals.batch.skipped,
        skills: table.skill_rows(taxonomy, Some(args.top)),
        categories: table.category_rows(taxonomy, Some(20)),
        levels: model
            .ladders()
            .iter()
            .zip(&level_counts)
            .map(|(ladder, counts)| {
                (ladder.name.clone(), ladder.levels.iter().zip(counts).map(|(l, &n)| (l.title.clone(), n)).collect())
            })
            .collect(),
        rows,
        gap,
    };
    let mut out = Output::file(&args.html)?;
    out.write_all(render(&report).as_bytes()).with_context(|| format!("cannot write {}", args.html.display()))?;
    out.commit()?;
    print_summary(config.quiet, &totals);
    if !config.quiet {
        message(format_args!("rungs: wrote {}", args.html.display()));
    }
    Ok(Exit::Success)
}

fn posting_row(
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
