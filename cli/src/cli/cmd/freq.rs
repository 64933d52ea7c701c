//! `rungs freq`: skill (or category) frequencies over all postings, in memory bounded by the
//! taxonomy size: analyses are counted and dropped as they stream past. `--partial` prints the
//! counts for `rungs merge` instead; `merge` prints them exactly as `freq` does.

use std::io::Write;

use rungs::aggregate::FrequencyTable;
use rungs::batch::BatchError;
use rungs::input::{InputSource, Notice};
use rungs::levels::summary::{LadderCoverage, LevelDistribution};
use rungs::levels::LevelData;
use rungs::levels::LevelModel;
use rungs::partial::{merge_frequency_lines, merge_summary_lines, partial_format, read_partial_lines, Summary};
use rungs::report::{Envelope, PracticeFrequencyRecord, Record, RecordWriter};
use rungs::SourceRef;
use rungs::Taxonomy;
use serde_json::json;

use rungs::context::ContextSet;
use rungs::ContextReading;

use super::{
    analyse_all, analyse_all_with, build_analyzer, ladder, levels, print_summary, write_line, zero_if_empty, Totals,
};
use crate::cli::args::{GroupBy, MergeArgs, SkillKindArg};
use crate::cli::config::{load_ladders, load_taxonomy, OutputConfig, RunConfig, UsageError};
use crate::cli::output::{message, refuse_output_among_inputs};
use crate::cli::Exit;

/// What `freq` prints: the rows, how many, of which kinds, rolled up or not.
pub struct View<'a> {
    pub by: GroupBy,
    pub top: Option<usize>,
    pub kinds: &'a [SkillKindArg],
    pub roll_up: bool,
    /// The ladder whose competencies practice phrases are counted by (`--kind practice`).
    pub ladder: Option<&'a str>,
}

pub fn run(mut config: RunConfig, view: &View, partial: bool) -> anyhow::Result<Exit> {
    let (by, top, kinds) = (view.by, view.top, view.kinds);
    if let Some(ladder) = view.ladder {
        if kinds != [SkillKindArg::Practice] {
            return Err(UsageError(
                "--ladder counts practice phrases by competency: use it with --kind practice alone".into(),
            )
            .into());
        }
        return practice_frequencies(config, ladder, top);
    }
    let analyzer = build_analyzer(&mut config, ContextSet::REQUIREMENTS, ContextReading::OfMentions)?;
    let mut table = FrequencyTable::new(analyzer.taxonomy());
    if view.roll_up {
        table = table.with_roll_up(analyzer.taxonomy());
    }
    let counted = analyse_all(&config, &analyzer, &mut |analysis| {
        table.add(analysis);
        Ok(())
    });
    let totals = if partial { zero_if_empty(counted)? } else { counted? };
    if partial {
        write_partial(&config.output, &table, analyzer.taxonomy(), totals.batch.skipped)?;
    } else {
        let taxonomy = analyzer.taxonomy();
        if kinds.is_empty() {
            write_frequencies(&config.output, &table, taxonomy, totals.batch.skipped, by, top)?;
        } else {
            let of_kind = |skill: &rungs::taxonomy::Skill| {
                let kind = taxonomy.category(&skill.category).map_or("unknown", |c| c.kind.as_str());
                kinds.iter().any(|k| k.as_str() == kind)
            };
            let rows = table.skill_rows_where(taxonomy, top, of_kind);
            write_rows(&config.output, envelope(&table, totals.batch.skipped, "skills"), rows)?;
        }
    }
    print_summary(config.quiet, &totals);
    Ok(Exit::Success)
}

/// `freq --kind practice --ladder L`: postings whose practice phrases are placed on each
/// competency of the ladder, most practised first (ties in ladder order).
fn practice_frequencies(mut config: RunConfig, ladder: &str, top: Option<usize>) -> anyhow::Result<Exit> {
    let analyzer =
        build_analyzer(&mut config, ContextSet::REQUIREMENTS, ContextReading::OfMentions)?.with_practices(true);
    let model = LevelModel::new(load_ladders(&[ladder.to_string()])?, config.level_data()?, analyzer.taxonomy());
    let mut coverage = LadderCoverage::new(&model);
    let estimate = |analysis: &rungs::Analysis| model.estimate(analysis);
    let totals = analyse_all_with(&config, &analyzer, &estimate, &mut |_, level| {
        coverage.add(&level);
        Ok(())
    })?;
    let ladder = &model.ladders()[0];
    let mut order: Vec<usize> = (0..ladder.competencies.len()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(coverage.competencies[c].practice_postings));
    let rows: Vec<PracticeFrequencyRecord> = order
        .into_iter()
        .take(top.unwrap_or(usize::MAX))
        .map(|c| {
            let (competency, count) = (&ladder.competencies[c], &coverage.competencies[c]);
            PracticeFrequencyRecord {
                competency_id: &competency.id,
                competency: &competency.name,
                area: &competency.area,
                postings: count.practice_postings,
                share: count.practice_postings as f64 / coverage.postings.max(1) as f64,
                phrases: count.practices,
            }
        })
        .collect();
    let envelope = Envelope {
        fields: vec![
            ("postings", json!(coverage.postings)),
            ("ladder", json!(ladder.id)),
            ("phrases", json!(coverage.competencies.iter().map(|c| c.practices).sum::<u64>())),
            ("skipped", json!(totals.batch.skipped)),
        ],
        array_key: "competencies",
    };
    write_rows(&config.output, envelope, rows)?;
    print_summary(config.quiet, &totals);
    Ok(Exit::Success)
}

/// `rungs merge`: adds up partials and prints them as `freq` (or as one merged partial).
pub fn merge(args: &MergeArgs) -> anyhow::Result<Exit> {
    refuse_output_among_inputs(args.output.output.as_deref(), args.inputs.iter().map(|p| p.as_path()))?;
    let taxonomy = load_taxonomy(args.taxonomy.as_ref())?;
    let output = OutputConfig::from_args(&args.output);
    let sources: Vec<InputSource> = args
        .inputs
        .iter()
        .map(|p| if p.as_os_str() == "-" { InputSource::Stdin } else { InputSource::Path(p.clone()) })
        .collect();
    let quiet = args.quiet;
    let mut notices = Box::new(move |notice: Notice| {
        if !quiet {
            message(format_args!("rungs: note: {notice}"));
        }
    }) as rungs::input::NoticeSink;
    let lines = read_partial_lines(&sources, &mut notices)?;
    let format = lines.first().and_then(|(_, line)| partial_format(line));
    match format.as_deref() {
        Some(LevelDistribution::FORMAT) | Some(LadderCoverage::FORMAT) => {
            return merge_summaries(args, &output, &taxonomy, &lines, format.as_deref());
        }
        _ => {}
    }
    let merged = merge_frequency_lines(&lines, &taxonomy)?;
    let table = FrequencyTable::from_partial(&taxonomy, &merged)?;
    if args.partial {
        write_partial(&output, &table, &taxonomy, merged.skipped)?;
    } else {
        if merged.postings == 0 {
            // What `freq` says of the same (empty) input.
            return Err(BatchError::NoPostings { skipped: merged.skipped }.into());
        }
        write_frequencies(&output, &table, &taxonomy, merged.skipped, args.by, args.top)?;
    }
    let totals = Totals::from_array([merged.postings, merged.requirements, merged.matches, merged.skipped]);
    print_summary(args.quiet, &totals);
    Ok(Exit::Success)
}

/// `merge` of `levels --summary --partial` or `ladder --coverage --partial` lines.
fn merge_summaries(
    args: &MergeArgs,
    output: &OutputConfig,
    taxonomy: &Taxonomy,
    lines: &[(SourceRef, String)],
    format: Option<&str>,
) -> anyhow::Result<Exit> {
    let model = LevelModel::new(load_ladders(&args.ladder)?, LevelData::embedded(), taxonomy);
    let (totals, empty) = if format == Some(LevelDistribution::FORMAT) {
        let merged = merge_summary_lines(lines, taxonomy, LevelDistribution::new(&model))?;
        let totals = [merged.postings, merged.requirements, merged.matches, merged.skipped];
        if args.partial {
            write_line(output, &merged.to_json_line())?;
        } else if merged.postings > 0 {
            levels::write_level_summary(output, &model, &merged.summary)?;
        }
        // `levels` does not look for skills; its partials count no matches.
        (Totals { matches: None, ..Totals::from_array(totals) }, merged.postings == 0)
    } else {
        if model.ladders().len() != 1 {
            return Err(
                UsageError("merging coverage partials needs the one --ladder they were counted with".into()).into()
            );
        }
        let merged = merge_summary_lines(lines, taxonomy, LadderCoverage::new(&model))?;
        let totals = [merged.postings, merged.requirements, merged.matches, merged.skipped];
        if args.partial {
            write_line(output, &merged.to_json_line())?;
        } else if merged.postings > 0 {
            ladder::write_coverage(output, &model.ladders()[0], &merged.summary)?;
        }
        (Totals::from_array(totals), merged.postings == 0)
    };
    if empty && !args.partial {
        return Err(BatchError::NoPostings { skipped: totals.batch.skipped }.into());
    }
    print_summary(args.quiet, &totals);
    Ok(Exit::Success)
}

fn write_partial(
    output: &OutputConfig,
    table: &FrequencyTable,
    taxonomy: &Taxonomy,
    skipped: u64,
) -> anyhow::Result<()> {
    let mut out = output.open()?;
    writeln!(out, "{}", table.to_partial(taxonomy, skipped).to_json_line())?;
    out.commit()
}

/// The frequency report, in every format: what `freq` prints, and `merge` too.
fn write_frequencies(
    output: &OutputConfig,
    table: &FrequencyTable,
    taxonomy: &Taxonomy,
    skipped: u64,
    by: GroupBy,
    top: Option<usize>,
) -> anyhow::Result<()> {
    match by {
        GroupBy::Skill => write_rows(output, envelope(table, skipped, "skills"), table.skill_rows(taxonomy, top)),
        GroupBy::Category => {
            write_rows(output, envelope(table, skipped, "categories"), table.category_rows(taxonomy, top))
        }
    }
}

/// The totals JSON output carries around its rows.
fn envelope(table: &FrequencyTable, skipped: u64, array_key: &'static str) -> Envelope {
    Envelope {
        fields: vec![
            ("postings", json!(table.postings())),
            ("requirements", json!(table.requirements())),
            ("matches", json!(table.matches())),
            ("skipped", json!(skipped)),
        ],
        array_key,
    }
}

fn write_rows<R: Record>(output: &OutputConfig, envelope: Envelope, rows: Vec<R>) -> anyhow::Result<()> {
    let mut writer =
        RecordWriter::new(R::columns(), output.format, output.open()?, output.style.clone(), Some(envelope));
    for row in &rows {
        writer.write(row)?;
    }
    writer.finish()?.commit()?;
    Ok(())
}
