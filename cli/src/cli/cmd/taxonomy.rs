//! `rungs taxonomy check`, `rungs taxonomy list` and `rungs taxonomy suggest`.

use std::io::Write;
use std::path::{Path, PathBuf};

use rungs::ladder::Ladder;
use rungs::levels::LevelData;
use rungs::report::{printable, Record, RecordWriter, SkillRecord};
use rungs::taxonomy::{Problem, Severity};
use rungs::Taxonomy;

use rungs::context::ContextSet;
use rungs::taxonomy::suggest::{SuggestedTerm, Suggestions};
use rungs::ContextReading;

use super::{analyse_all, build_analyzer, print_summary};
use crate::cli::config::{load_taxonomy, OutputConfig, RunConfig};
use crate::cli::output::message;
use crate::cli::Exit;

pub fn check(path: Option<&Path>) -> anyhow::Result<Exit> {
    if let Some(path) = path.filter(|p| is_ladder_file(p)) {
        return check_ladder(path);
    }
    let (taxonomy, mut problems) = Taxonomy::check_path(path);
    if let Some(taxonomy) = &taxonomy {
        problems.extend(unresolved_competency_links(taxonomy, &Ladder::embedded()));
    }
    // The level tables of a taxonomy directory (level-signals.csv, level-model.csv) are part of
    // it: a bad weight or an edited model is an error here, not a surprise in `levels`.
    if let Err(error) = LevelData::load(path, None, None) {
        problems.extend(error.problems);
    }
    let name = path.map_or_else(|| "embedded taxonomy".to_string(), |p| p.display().to_string());
    let mut out = std::io::stdout().lock();
    for problem in &problems {
        writeln!(out, "{}", printable(&problem.to_string()))?;
    }
    let counts = taxonomy
        .map_or_else(String::new, |t| format!(" ({} skills, {} categories)", t.skills().len(), t.categories().len()));
    if problems.is_empty() {
        writeln!(out, "{name}{counts}: ok")?;
        Ok(Exit::Success)
    } else {
        out.flush()?;
        message(format_args!("rungs: {name}{counts}: {} problem(s)", problems.len()));
        Ok(Exit::BadTaxonomy)
    }
}

/// A CSV whose header starts with `ladder_id` is a ladder, not a skills table.
fn is_ladder_file(path: &Path) -> bool {
    path.is_file()
        && std::fs::read_to_string(path)
            .is_ok_and(|text| text.lines().next().is_some_and(|h| h.trim_start().starts_with("ladder_id")))
}

fn check_ladder(path: &Path) -> anyhow::Result<Exit> {
    let mut out = std::io::stdout().lock();
    match Ladder::load(path) {
        Ok(ladder) => {
            writeln!(
                out,
                "{}: ok (ladder {}, {} levels, {} competencies)",
                path.display(),
                ladder.id,
                ladder.levels.len(),
                ladder.competencies.len()
            )?;
            Ok(Exit::Success)
        }
        Err(err) => {
            for problem in &err.problems {
                writeln!(out, "{}", printable(&problem.to_string()))?;
            }
            out.flush()?;
            message(format_args!("rungs: {}: {} problem(s)", path.display(), err.problems.len()));
            Ok(Exit::BadTaxonomy)
        }
    }
}

/// Competency links that name a ladder rungs knows but a competency it does not have.
fn unresolved_competency_links(taxonomy: &Taxonomy, ladders: &[Ladder]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for skill in taxonomy.skills() {
        for link in &skill.competencies {
            let Some((ladder_id, competency_id)) = link.split_once('/') else { continue };
            let Some(ladder) = ladders.iter().find(|l| l.id == ladder_id) else { continue };
            if !ladder.competencies.iter().any(|c| c.id == competency_id) {
                let known: Vec<&str> = ladder.competencies.iter().map(|c| c.id.as_str()).collect();
                problems.push(Problem {
                    at: skill.source.clone(),
                    message: format!(
                        "competency link '{link}' of '{}': ladder {ladder_id} has no competency '{competency_id}' (it has: {})",
                        skill.id,
                        known.join(", ")
                    ),
                    severity: Severity::Warning,
                });
            }
        }
    }
    problems
}

pub fn list(path: Option<&PathBuf>, category: Option<&str>, output: OutputConfig) -> anyhow::Result<Exit> {
    let taxonomy = load_taxonomy(path)?;
    let mut writer =
        RecordWriter::new(SkillRecord::columns(), output.format, output.open()?, output.style.clone(), None);
    for skill in taxonomy.skills().iter().filter(|s| category.is_none_or(|c| s.category == c)) {
        writer.write(&SkillRecord {
            id: &skill.id,
            name: &skill.name,
            category: &skill.category,
            aliases: skill.aliases.join("|"),
            cased_aliases: skill.cased_aliases.join("|"),
            ambiguous_aliases: skill.ambiguous_aliases.join("|"),
            parent: skill.parent.as_deref().unwrap_or(""),
            related: skill.related.join("|"),
            competencies: skill.competencies.join("|"),
        })?;
    }
    writer.finish()?.commit()?;
    Ok(Exit::Success)
}

/// Unknown, technology-looking terms of the postings' requirements.
pub fn suggest(mut config: RunConfig, min_postings: u64, top: Option<usize>) -> anyhow::Result<Exit> {
    let analyzer = build_analyzer(&mut config, ContextSet::ALL, ContextReading::Every)?;
    let mut suggestions = Suggestions::new(analyzer.taxonomy());
    let totals = analyse_all(&config, &analyzer, &mut |analysis| {
        suggestions.add(analysis);
        Ok(())
    })?;
    let mut writer = RecordWriter::new(
        SuggestedTerm::columns(),
        config.output.format,
        config.output.open()?,
        config.output.style.clone(),
        None,
    );
    for row in suggestions.rows(min_postings, top) {
        writer.write(&row)?;
    }
    writer.finish()?.commit()?;
    print_summary(config.quiet, &totals);
    Ok(Exit::Success)
}
