//! `rungs levels`: each posting's level on each ladder, with its evidence; `--summary` for the
//! distribution over a corpus.

use rungs::levels::signals::LevelSignals;
use rungs::levels::{Evidence, LevelModel, PostingLevel};
use rungs::report::{round2, EvidenceRecord, LevelRecord, LevelSummaryRecord, Record, RecordWriter};
use rungs::Analysis;

use super::{analyse_all_with, build_analyzer, print_summary};
use crate::cli::config::{load_ladders, RunConfig};
use crate::cli::Exit;

pub fn run(config: RunConfig, ladders: &[String], summary: bool) -> anyhow::Result<Exit> {
    let analyzer = build_analyzer(&config)?;
    let model = LevelModel::new(load_ladders(ladders)?, LevelSignals::embedded(), analyzer.taxonomy());
    let estimate = |analysis: &Analysis| model.estimate(analysis);
    let totals = if summary {
        // Counts per ladder × level, and the summed confidence for the mean.
        let mut counts: Vec<Vec<(u64, f64)>> = model.ladders().iter().map(|l| vec![(0, 0.0); l.levels.len()]).collect();
        let totals = analyse_all_with(&config, &analyzer, &estimate, &mut |_, level: PostingLevel| {
            for placed in &level.ladders {
                let slot = &mut counts[placed.ladder][placed.level];
                slot.0 += 1;
                slot.1 += placed.confidence;
            }
            Ok(())
        })?;
        let postings = totals.batch.postings.max(1) as f64;
        let mut writer = RecordWriter::new(
            LevelSummaryRecord::columns(),
            config.output.format,
            config.output.open()?,
            config.output.style.clone(),
            None,
        );
        for (ladder, levels) in model.ladders().iter().zip(&counts) {
            for (level, &(count, confidence)) in ladder.levels.iter().zip(levels) {
                writer.write(&LevelSummaryRecord {
                    ladder: &ladder.id,
                    level: level.order,
                    level_title: &level.title,
                    band: level.band,
                    postings: count,
                    share: (count as f64 / postings * 10_000.0).round() / 10_000.0,
                    mean_confidence: if count == 0 { 0.0 } else { round2(confidence / count as f64) },
                })?;
            }
        }
        writer.finish()?.commit()?;
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
                    ladder: &ladder.id,
                    level: rung.order,
                    level_title: &rung.title,
                    band: rung.band,
                    estimate: round2(placed.estimate),
                    confidence: placed.confidence,
                    evidence: evidence.clone(),
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

/// Evidence with the text it came from: the requirement, or the title for requirement 0.
pub fn evidence_record(analysis: &Analysis, evidence: &Evidence) -> EvidenceRecord {
    let (text, start, end) = match analysis.requirements.iter().find(|r| r.index == evidence.requirement) {
        Some(r) => (analysis.posting.text[r.range.clone()].to_string(), r.range.start, r.range.end),
        None => {
            let title = analysis.posting.title.clone().unwrap_or_default();
            let len = title.len();
            (title, 0, len)
        }
    };
    EvidenceRecord {
        requirement: evidence.requirement,
        text,
        start,
        end,
        signal: evidence.signal.clone(),
        signal_start: evidence.range.start,
        signal_end: evidence.range.end,
        band: round2(evidence.band),
        weight: round2(evidence.weight),
    }
}
