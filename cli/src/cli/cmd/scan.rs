//! `rungs scan`: every skill mention, one row each, streamed as postings are analysed.

use rungs::report::{MatchRecord, Record, RecordWriter};

use rungs::context::ContextSet;

use super::{analyse_all, build_analyzer, print_summary};
use crate::cli::config::RunConfig;
use crate::cli::Exit;

pub fn run(config: RunConfig) -> anyhow::Result<Exit> {
    let analyzer = build_analyzer(&config, ContextSet::ALL)?;
    let skills = analyzer.taxonomy().skills();
    let ancestors: Vec<Vec<&str>> = analyzer
        .taxonomy()
        .ancestor_chains()
        .into_iter()
        .map(|chain| chain.into_iter().map(|a| skills[a as usize].id.as_str()).collect())
        .collect();
    let mut writer = RecordWriter::new(
        MatchRecord::columns(),
        config.output.format,
        config.output.open()?,
        config.output.style.clone(),
        None,
    );
    let totals = analyse_all(&config, &analyzer, &mut |analysis| {
        let posting = &analysis.posting;
        for m in &analysis.matches {
            let skill = &skills[m.skill as usize];
            writer.write(&MatchRecord {
                posting: &posting.id,
                title: posting.title.as_deref(),
                company: posting.company.as_deref(),
                requirement: m.requirement,
                start: m.range.start,
                end: m.range.end,
                skill_id: &skill.id,
                skill: &skill.name,
                category: &skill.category,
                ancestors: ancestors[m.skill as usize].clone(),
                matched: &posting.text[m.range.clone()],
                strength: m.strength.as_str(),
                min_years: m.min_years,
                context: m.context.as_str(),
            })?;
        }
        Ok(())
    })?;
    writer.finish()?.commit()?;
    print_summary(config.quiet, &totals);
    Ok(Exit::Success)
}
