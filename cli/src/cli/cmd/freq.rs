//! `rungs freq`: skill (or category) frequencies over all postings, in memory bounded by the
//! taxonomy size: analyses are counted and dropped as they stream past. `--partial` prints the
//! counts for `rungs merge` instead; `merge` prints them exactly as `freq` does.

use std::io::Write;

use rungs::aggregate::FrequencyTable;
use rungs::batch::{BatchError, BatchSummary};
use rungs::input::{InputSource, Notice};
use rungs::partial::merge_sources;
use rungs::report::{Envelope, Record, RecordWriter};
use rungs::Taxonomy;
use serde_json::json;

use super::{analyse_all, build_analyzer, print_summary, Totals};
use crate::cli::args::{GroupBy, MergeArgs};
use crate::cli::config::{load_taxonomy, OutputConfig, RunConfig};
use crate::cli::output::{message, refuse_output_among_inputs};
use crate::cli::Exit;

pub fn run(config: RunConfig, by: GroupBy, top: Option<usize>, partial: bool) -> anyhow::Result<Exit> {
    let analyzer = build_analyzer(&config)?;
    let mut table = FrequencyTable::new(analyzer.taxonomy());
    let counted = analyse_all(&config, &analyzer, &mut |analysis| {
        table.add(analysis);
        Ok(())
    });
    let totals = match counted {
        Ok(totals) => totals,
        // A map step's chunk may hold nothing: its partial is zero, not a failure.
        Err(err) if partial => match err.downcast_ref::<BatchError>() {
            Some(&BatchError::NoPostings { skipped }) => {
                Totals { batch: BatchSummary { skipped, ..BatchSummary::default() }, ..Totals::default() }
            }
            _ => return Err(err),
        },
        Err(err) => return Err(err),
    };
    if partial {
        write_partial(&config.output, &table, analyzer.taxonomy(), totals.batch.skipped)?;
    } else {
        write_frequencies(&config.output, &table, analyzer.taxonomy(), totals.batch.skipped, by, top)?;
    }
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
    let merged = merge_sources(&sources, &taxonomy, &mut notices)?;
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
    let totals = Totals {
        batch: BatchSummary { postings: merged.postings, skipped: merged.skipped, duplicate_ids: 0 },
        requirements: merged.requirements,
        matches: merged.matches,
    };
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
    let envelope = |array_key| Envelope {
        fields: vec![
            ("postings", json!(table.postings())),
            ("requirements", json!(table.requirements())),
            ("matches", json!(table.matches())),
            ("skipped", json!(skipped)),
        ],
        array_key,
    };
    match by {
        GroupBy::Skill => write_rows(output, envelope("skills"), table.skill_rows(taxonomy, top)),
        GroupBy::Category => write_rows(output, envelope("categories"), table.category_rows(taxonomy, top)),
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
