//! `rungs freq`: skill (or category) frequencies over all postings, in memory bounded by the
//! taxonomy size: analyses are counted and dropped as they stream past.

use rungs::aggregate::FrequencyTable;
use rungs::report::{Envelope, Record, RecordWriter};
use serde_json::json;

use super::{analyse_all, build_analyzer, print_summary};
use crate::cli::args::GroupBy;
use crate::cli::config::RunConfig;
use crate::cli::Exit;

pub fn run(config: RunConfig, by: GroupBy, top: Option<usize>) -> anyhow::Result<Exit> {
    let analyzer = build_analyzer(&config)?;
    let mut table = FrequencyTable::new(analyzer.taxonomy());
    let totals = analyse_all(&config, &analyzer, &mut |analysis| {
        table.add(analysis);
        Ok(())
    })?;
    let envelope = |array_key| Envelope {
        fields: vec![
            ("postings", json!(table.postings())),
            ("requirements", json!(table.requirements())),
            ("matches", json!(table.matches())),
            ("skipped", json!(totals.batch.skipped)),
        ],
        array_key,
    };
    match by {
        GroupBy::Skill => write_rows(&config, envelope("skills"), table.skill_rows(analyzer.taxonomy(), top))?,
        GroupBy::Category => {
            write_rows(&config, envelope("categories"), table.category_rows(analyzer.taxonomy(), top))?
        }
    }
    print_summary(&config, &totals);
    Ok(Exit::Success)
}

fn write_rows<R: Record>(config: &RunConfig, envelope: Envelope, rows: Vec<R>) -> anyhow::Result<()> {
    let mut writer = RecordWriter::new(
        R::columns(),
        config.output.format,
        config.output.open()?,
        config.output.style.clone(),
        Some(envelope),
    );
    for row in &rows {
        writer.write(row)?;
    }
    writer.finish()?.commit()?;
    Ok(())
}
