//! `rungs levels`: each posting's level on each ladder, with its evidence; `--summary` for the
//! distribution over a corpus.

use rungs::levels::summary::LevelDistribution;
use rungs::levels::{Evidence, LevelModel, PostingLevel};
use rungs::partial::SummaryPartial;
use rungs::report::{round2, EvidenceRecord, LevelRecord, LevelSummaryRecord, Record, RecordWriter};
use rungs::Analysis;

use super::{analyse_all_with, build_requirement_analyzer, print_summary, write_line, zero_if_empty};
use crate::cli::config::{load_ladders, OutputConfig, RunConfig};
use crate::cli::Exit;

pub fn run(mut config: RunConfig, ladders: &[String], summary: bool, partial: bool) -> anyhow::Result<Exit> {
    // Levels read requirements, not skill mentions.
    let analyzer = build_requirement_analyzer(&mut config);
    let model = LevelModel::new(load_ladders(ladders)?, config.level_data()?, analyzer.taxonomy());
    // Rows show the posting's levels and strongest evidence: the per-requirement detail is
    // dropped where it was made, on the analysis thread, rather than freed by the writing thread
    // into another thread's allocator arena (which made them contend for its lock).
    let estimate = |analysis: &Analysis| PostingLevel { requirements: Vec::new(), ..model.estimate_levels(analysis) };
    let totals = if summary {
        let mut distribution = LevelDistribution::new(&model);
        let counted = analyse_all_with(&config, &analyzer, &estimate, &mut |_, level: PostingLevel| {
            distribution.add(&level);
            Ok(())
        });
        let totals = if partial { zero_if_empty(counted)? } else { counted? };
        if partial {
            let line = SummaryPartial::new(distribution, analyzer.taxonomy(), totals.as_array()).to_json_line();
            write_line(&config.output, &line)?;
        } else {
            write_level_summary(&config.output, &model, &distribution)?;
        }
        totals
    } else {
        let mut writer = RecordWriter::new(
            LevelRecord::columns(),
            config.output.format,
            config.output.open()?,
            config.output.style.clone(),
            None,
        );
        let totals = analyse_all_with(&config, &analyzer, &estimate, &mut |analysis, level: PostingLevel| {
            let evidence: Vec<EvidenceRecord> = level.evidence.iter().map(|e| evidence_record(analysis, e)).collect();
            for placed in &level.ladders {
                let ladder = &model.ladders()[placed.ladder];
                let rung = &ladder.levels[placed.level];
                writer.write(&LevelRecord {
                    posting: &analysis.posting.id,
                    title: analysis.posting.title.as_deref(),
                    company: analysis.posting.company.as_deref(),
                    ladder: &ladder.id,
                    level: rung.order,
                    level_title: &rung.title,
                    band: rung.band,
                    fit: placed.fit.as_str(),
                    estimate: round2(placed.estimate),
                    confidence: placed.confidence,
                    evidence: &evidence,
                })?;
            }
            Ok(())
        })?;
        writer.finish()?.commit()?;
        totals
    };
    print_summary(config.quiet, &totals);
    Ok(Exit::Success)
}

/// The distribution of levels per ladder: what `levels --summary` prints, and `merge` too.
pub fn write_level_summary(
    output: &OutputConfig,
    model: &LevelModel,
    distribution: &LevelDistribution,
) -> anyhow::Result<()> {
    let mut writer =
        RecordWriter::new(LevelSummaryRecord::columns(), output.format, output.open()?, output.style.clone(), None);
    for row in distribution.rows() {
        let ladder = &model.ladders()[row.ladder];
        let (order, title, band) = match row.level {
            Some(level) => (ladder.levels[level].order, ladder.levels[level].title.as_str(), ladder.levels[level].band),
            None => (0, "outside ladder range", 0),
        };
        writer.write(&LevelSummaryRecord {
            ladder: &ladder.id,
            level: order,
            level_title: title,
            band,
            postings: row.postings,
            share: (row.share * 10_000.0).round() / 10_000.0,
            mean_confidence: round2(row.mean_confidence),
        })?;
    }
    writer.finish()?.commit()?;
    Ok(())
}

/// Evidence with the text it came from: the requirement, or the title for requirement 0.
pub fn evidence_record<'a>(analysis: &'a Analysis, evidence: &'a Evidence) -> EvidenceRecord<'a> {
    let (text, start, end) = match analysis.requirements.iter().find(|r| r.index == evidence.requirement) {
        Some(r) => (&analysis.posting.text[r.range.clone()], r.range.start, r.range.end),
        None => {
            let title = analysis.posting.title.as_deref().unwrap_or_default();
            (title, 0, title.len())
        }
    };
    EvidenceRecord {
        requirement: evidence.requirement,
        text,
        start,
        end,
        signal: &evidence.signal,
        signal_start: evidence.range.start,
        signal_end: evidence.range.end,
        band: round2(evidence.band),
        weight: round2(evidence.weight),
    }
}
