//! `rungs ladder show ID` prints a ladder; `rungs ladder bands FILE` puts a ladder's levels on
//! the common band scale from their text; `rungs ladder --ladder ID POSTINGS…` is the hiring
//! manager's view: each requirement on a competency and level, the competencies the postings
//! cover or ignore, and what departs from `--target`.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use rungs::ladder::Ladder;
use rungs::levels::bands::assign_bands;
use rungs::levels::summary::LadderCoverage;
use rungs::levels::{LevelData, LevelModel, Placement, PostingLevel};
use rungs::partial::SummaryPartial;
use rungs::report::{round2, CoverageRecord, LadderCellRecord, LevelBandRecord, PlacementRecord, Record, RecordWriter};
use rungs::Analysis;

use rungs::context::ContextSet;
use rungs::ContextReading;

use super::{analyse_all_with, build_analyzer, print_summary, write_line, zero_if_empty};
use crate::cli::config::{load_ladders, OutputConfig, RunConfig, UsageError};
use crate::cli::Exit;

/// `rungs ladder bands`: each level's band from its text, or the ladder file with them filled in.
pub fn bands(name: &str, ladder_csv: bool, model: Option<&Path>, output: OutputConfig) -> anyhow::Result<Exit> {
    let mut ladder = match Ladder::embedded().into_iter().find(|l| l.id == name) {
        Some(ladder) => ladder,
        None => Ladder::load(Path::new(name)).with_context(|| format!("cannot use ladder {name}"))?,
    };
    let model = LevelData::load(None, None, model).context("cannot use the level model")?.text;
    let assigned = assign_bands(&ladder, &model);
    if ladder_csv {
        for row in &assigned {
            ladder.levels[row.level].band = row.band;
        }
        let mut out = output.open()?;
        out.write_all(ladder.to_csv().as_bytes())?;
        out.commit()?;
        return Ok(Exit::Success);
    }
    let mut writer =
        RecordWriter::new(LevelBandRecord::columns(), output.format, output.open()?, output.style.clone(), None);
    for row in &assigned {
        let level = &ladder.levels[row.level];
        let reasons: Vec<String> = row.reasons.iter().map(|c| format!("'{}' {:+.2}", c.ngram, c.bands)).collect();
        writer.write(&LevelBandRecord {
            ladder: &ladder.id,
            level: level.order,
            level_title: &level.title,
            file_band: level.band,
            band: row.band,
            estimate: row.estimate.map(round2),
            cells: row.cells,
            reasons: reasons.join(", "),
        })?;
    }
    writer.finish()?.commit()?;
    Ok(Exit::Success)
}

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
    ladder.level_named(target).ok_or_else(|| {
        let levels: Vec<String> = ladder.levels.iter().map(|l| format!("{} ({})", l.order, l.title)).collect();
        UsageError(format!("--target '{target}' is not a level of {}: {}", ladder.id, levels.join(", "))).into()
    })
}

/// What `rungs ladder --ladder L` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapShape {
    /// One row per requirement, placed on the ladder.
    Requirements,
    /// One row per practice phrase, placed on the ladder.
    Practices,
    /// One row per competency: how much the postings exercise it.
    Coverage,
    /// The coverage counts as one line of JSON for `rungs merge`.
    CoveragePartial,
}

pub fn map(mut config: RunConfig, name: &str, target: Option<&str>, shape: MapShape) -> anyhow::Result<Exit> {
    let coverage = matches!(shape, MapShape::Coverage | MapShape::CoveragePartial);
    let partial = shape == MapShape::CoveragePartial;
    let ladders = load_ladders(&[name.to_string()])?;
    let analyzer = build_analyzer(&mut config, ContextSet::REQUIREMENTS, ContextReading::OfMentions)?
        .with_practices(shape != MapShape::Requirements);
    let model = LevelModel::new(ladders, config.level_data()?, analyzer.taxonomy());
    let ladder = &model.ladders()[0];
    let target = target.map(|t| target_level(ladder, t)).transpose()?;
    let estimate = |analysis: &Analysis| model.estimate(analysis);

    let mut covered = LadderCoverage::new(&model);
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
    let counted = analyse_all_with(&config, &analyzer, &estimate, &mut |analysis, level: PostingLevel| {
        covered.add(&level);
        let Some(writer) = writer.as_mut() else { return Ok(()) };
        if shape == MapShape::Practices {
            for (phrase, placements) in analysis.practices.iter().zip(&level.practices) {
                let row = placement_record(analysis, ladder, phrase.requirement, phrase.range.clone(), &placements[0]);
                writer.write(&row)?;
            }
            return Ok(());
        }
        for requirement in &level.requirements {
            let placement = &requirement.placements[0];
            let row = placement_record(analysis, ladder, requirement.requirement, requirement.range.clone(), placement);
            let departure = model.departure(requirement, row.text, 0, target);
            writer.write(&PlacementRecord {
                min_years: departure.min_years,
                flags: departure.flags.join("|"),
                ..row
            })?;
        }
        Ok(())
    });
    let totals = if partial { zero_if_empty(counted)? } else { counted? };
    match writer {
        Some(writer) => {
            writer.finish()?.commit()?;
        }
        None if partial => {
            let line = SummaryPartial::new(covered, analyzer.taxonomy(), totals.as_array()).to_json_line();
            write_line(&config.output, &line)?;
        }
        None => write_coverage(&config.output, ladder, &covered)?,
    }
    print_summary(config.quiet, &totals);
    Ok(Exit::Success)
}

/// The row of one requirement or practice phrase (`range` of the posting text) placed on
/// `ladder`, with no years or flags.
fn placement_record<'a>(
    analysis: &'a Analysis,
    ladder: &'a Ladder,
    requirement: u32,
    range: std::ops::Range<usize>,
    placement: &Placement,
) -> PlacementRecord<'a> {
    let rung = &ladder.levels[placement.level];
    let competency = placement.competency.map(|c| &ladder.competencies[c]);
    PlacementRecord {
        posting: &analysis.posting.id,
        title: analysis.posting.title.as_deref(),
        company: analysis.posting.company.as_deref(),
        requirement,
        start: range.start,
        end: range.end,
        text: &analysis.posting.text[range],
        competency_id: competency.map_or("", |c| c.id.as_str()),
        competency: competency.map_or("", |c| c.name.as_str()),
        level: rung.order,
        level_title: &rung.title,
        band: rung.band,
        score: (placement.score * 10.0).round() / 10.0,
        terms: placement.terms.join("|"),
        min_years: None,
        flags: String::new(),
    }
}

/// Which competencies the postings cover: what `ladder --coverage` prints, and `merge` too.
pub fn write_coverage(output: &OutputConfig, ladder: &Ladder, coverage: &LadderCoverage) -> anyhow::Result<()> {
    let mut writer =
        RecordWriter::new(CoverageRecord::columns(), output.format, output.open()?, output.style.clone(), None);
    for (competency, count) in ladder.competencies.iter().zip(&coverage.competencies) {
        let levels = match count.levels {
            None if count.practices > 0 => "only in practice phrases".to_string(),
            None => "never mentioned".to_string(),
            Some((lo, hi)) if lo == hi => ladder.levels[lo].title.clone(),
            Some((lo, hi)) => format!("{} – {}", ladder.levels[lo].title, ladder.levels[hi].title),
        };
        writer.write(&CoverageRecord {
            area: &competency.area,
            competency_id: &competency.id,
            competency: &competency.name,
            requirements: count.requirements,
            postings: count.postings,
            levels,
            practices: count.practices,
        })?;
    }
    writer.finish()?.commit()?;
    Ok(())
}
