//! `rungs ladder show ID` prints a ladder; `rungs ladder --ladder ID POSTINGS…` is the hiring
//! manager's view: each requirement on a competency and level, the competencies the postings
//! cover or ignore, and what departs from `--target`.

use rungs::ladder::Ladder;
use rungs::levels::signals::LevelSignals;
use rungs::levels::{LevelModel, PostingLevel};
use rungs::report::{CoverageRecord, LadderCellRecord, PlacementRecord, Record, RecordWriter};
use rungs::signals::years_mentions;
use rungs::Analysis;

use super::{analyse_all_with, build_analyzer, print_summary};
use crate::cli::config::{load_ladders, OutputConfig, RunConfig, UsageError};
use crate::cli::Exit;

pub fn show(name: &str, resolved: bool, output: OutputConfig) -> anyhow::Result<Exit> {
    let ladder = load_ladders(&[name.to_string()])?.remove(0);
    let mut writer =
        RecordWriter::new(LadderCellRecord::columns(), output.format, output.open()?, output.style.clone(), None);
    for (l, level) in ladder.levels.iter().enumerate() {
        for (c, competency) in ladder.competencies.iter().enumerate() {
            let cell = ladder.cell(l, c);
            let (descriptor, status, inherited_from) = if resolved {
                let r = ladder.resolved(l, c);
                (r.descriptor, r.status, r.inherited_from)
            } else {
                (cell.descriptor.as_str(), cell.status, None)
            };
            writer.write(&LadderCellRecord {
                ladder_id: &ladder.id,
                ladder_name: &ladder.name,
                level: level.order,
                level_title: &level.title,
                band: level.band,
                area: &competency.area,
                competency_id: &competency.id,
                competency: &competency.name,
                descriptor,
                status: status.as_str(),
                inherited_from,
            })?;
        }
    }
    writer.finish()?.commit()?;
    Ok(Exit::Success)
}

/// The level `--target` names: an order number or a title (any case).
fn target_level(ladder: &Ladder, target: &str) -> anyhow::Result<usize> {
    let by_order = target.parse::<u32>().ok().and_then(|n| ladder.levels.iter().position(|l| l.order == n));
    let by_title = || ladder.levels.iter().position(|l| l.title.eq_ignore_ascii_case(target.trim()));
    by_order.or_else(by_title).ok_or_else(|| {
        let levels: Vec<String> = ladder.levels.iter().map(|l| format!("{} ({})", l.order, l.title)).collect();
        UsageError(format!("--target '{target}' is not a level of {}: {}", ladder.id, levels.join(", "))).into()
    })
}

/// How much of one competency the postings exercise.
#[derive(Clone, Copy, Debug, Default)]
struct Coverage {
    requirements: u64,
    postings: u64,
    /// Lowest and highest level index seen.
    levels: Option<(usize, usize)>,
}

pub fn map(config: RunConfig, name: &str, target: Option<&str>, coverage: bool) -> anyhow::Result<Exit> {
    let ladders = load_ladders(&[name.to_string()])?;
    let analyzer = build_analyzer(&config)?;
    let model = LevelModel::new(ladders, LevelSignals::embedded(), analyzer.taxonomy());
    let ladder = &model.ladders()[0];
    let target = target.map(|t| target_level(ladder, t)).transpose()?;
    let target_band = target.map(|t| i32::from(ladder.levels[t].band));
    let estimate = |analysis: &Analysis| model.estimate(analysis);

    let mut covered = vec![Coverage::default(); ladder.competencies.len()];
    let mut writer = (!coverage)
        .then(|| -> anyhow::Result<_> {
            Ok(RecordWriter::new(
                PlacementRecord::columns(),
                config.output.format,
                config.output.open()?,
                config.output.style.clone(),
                None,
            ))
        })
        .transpose()?;
    let totals = analyse_all_with(&config, &analyzer, &estimate, &mut |analysis, level: PostingLevel| {
        let mut in_posting = vec![false; ladder.competencies.len()];
        for requirement in &level.requirements {
            let placement = &requirement.placements[0];
            let rung = &ladder.levels[placement.level];
            if let Some(c) = placement.competency {
                let entry = &mut covered[c];
                entry.requirements += 1;
                in_posting[c] = true;
                entry.levels = Some(entry.levels.map_or((placement.level, placement.level), |(lo, hi)| {
                    (lo.min(placement.level), hi.max(placement.level))
                }));
            }
            let Some(writer) = writer.as_mut() else { continue };
            let text = &analysis.posting.text[requirement.range.clone()];
            let min_years = years_mentions(text).iter().map(|y| y.min_years).max();
            let mut flags = Vec::new();
            // Only explicit signals (scope phrases, years) put a requirement off target; a
            // resemblance to some cell is too weak to accuse a posting of.
            let explicit = requirement.evidence.iter().any(|e| !e.signal.starts_with("similar to "));
            if let (Some(target), true) = (target_band, explicit) {
                let band = i32::from(rung.band);
                if band > target + 1 {
                    flags.push("above target");
                } else if band < target - 1 {
                    flags.push("below target");
                }
            }
            if let (Some(target), Some(years)) = (target_band, min_years) {
                let band = i32::from(model.signals().years_band(years));
                if band > target + 1 {
                    flags.push("years above target");
                } else if band < target - 1 {
                    flags.push("years below target");
                }
            }
            let competency = placement.competency.map(|c| &ladder.competencies[c]);
            writer.write(&PlacementRecord {
                posting: &analysis.posting.id,
                requirement: requirement.requirement,
                start: requirement.range.start,
                end: requirement.range.end,
                text,
                competency_id: competency.map_or("", |c| c.id.as_str()),
                competency: competency.map_or("", |c| c.name.as_str()),
                level: rung.order,
                level_title: &rung.title,
                band: rung.band,
                score: (placement.score * 10.0).round() / 10.0,
                terms: placement.terms.join("|"),
                min_years,
                flags: flags.join("|"),
            })?;
        }
        for (c, seen) in in_posting.into_iter().enumerate() {
            covered[c].postings += u64::from(seen);
        }
        Ok(())
    })?;
    match writer {
        Some(writer) => {
            writer.finish()?.commit()?;
        }
        None => {
            let mut writer = RecordWriter::new(
                CoverageRecord::columns(),
                config.output.format,
                config.output.open()?,
                config.output.style.clone(),
                None,
            );
            for (c, competency) in ladder.competencies.iter().enumerate() {
                let Coverage { requirements, postings, levels: span } = covered[c];
                let levels = match span {
                    None => "never mentioned".to_string(),
                    Some((lo, hi)) if lo == hi => ladder.levels[lo].title.clone(),
                    Some((lo, hi)) => format!("{} – {}", ladder.levels[lo].title, ladder.levels[hi].title),
                };
                writer.write(&CoverageRecord {
                    area: &competency.area,
                    competency_id: &competency.id,
                    competency: &competency.name,
                    requirements,
                    postings,
                    levels,
                })?;
            }
            writer.finish()?.commit()?;
        }
    }
    print_summary(config.quiet, &totals);
    Ok(Exit::Success)
}
