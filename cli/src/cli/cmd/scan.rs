//! `rungs scan`: every skill mention, one row each, streamed as postings are analysed.

use rungs::report::{MatchRecord, Record, RecordWriter};

use rungs::context::ContextSet;
use rungs::practice::PracticePhrase;
use rungs::ContextReading;

use super::{analyse_all, build_analyzer, print_summary};
use crate::cli::config::RunConfig;
use crate::cli::Exit;

/// What a practice phrase's row says in the skill columns.
const PRACTICE: &str = "practice";

pub fn run(mut config: RunConfig, practices: bool) -> anyhow::Result<Exit> {
    let analyzer = build_analyzer(&mut config, ContextSet::ALL, ContextReading::OfMentions)?.with_practices(practices);
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
        let row = |requirement, range: &std::ops::Range<usize>| MatchRecord {
            posting: &posting.id,
            title: posting.title.as_deref(),
            company: posting.company.as_deref(),
            requirement,
            start: range.start,
            end: range.end,
            skill_id: PRACTICE,
            skill: PRACTICE,
            category: PRACTICE,
            ancestors: Vec::new(),
            matched: &posting.text[range.clone()],
            strength: "required",
            min_years: None,
            context: "requirement",
        };
        let phrase_row = |phrase: &PracticePhrase| MatchRecord {
            skill: phrase.verb,
            strength: phrase.strength.as_str(),
            ..row(phrase.requirement, &phrase.range)
        };
        // Skill mentions and practice phrases, merged in text order (a phrase after a mention
        // that starts where it does).
        let mut phrases = analysis.practices.iter().peekable();
        for m in &analysis.matches {
            while let Some(phrase) = phrases.next_if(|p| p.range.start < m.range.start) {
                writer.write(&phrase_row(phrase))?;
            }
            let skill = &skills[m.skill as usize];
            writer.write(&MatchRecord {
                skill_id: &skill.id,
                skill: &skill.name,
                category: &skill.category,
                ancestors: ancestors[m.skill as usize].clone(),
                strength: m.strength.as_str(),
                min_years: m.min_years,
                context: m.context.as_str(),
                ..row(m.requirement, &m.range)
            })?;
        }
        for phrase in phrases {
            writer.write(&phrase_row(phrase))?;
        }
        Ok(())
    })?;
    writer.finish()?.commit()?;
    print_summary(config.quiet, &totals);
    Ok(Exit::Success)
}
