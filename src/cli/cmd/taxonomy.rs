//! `rungs taxonomy check` and `rungs taxonomy list`.

use std::io::Write;
use std::path::{Path, PathBuf};

use rungs::report::{Record, RecordWriter, SkillRecord};
use rungs::Taxonomy;

use crate::cli::config::{load_taxonomy, OutputConfig};
use crate::cli::Exit;

pub fn check(path: Option<&Path>) -> anyhow::Result<Exit> {
    let (taxonomy, problems) = Taxonomy::check_path(path);
    let name = path.map_or_else(|| "embedded taxonomy".to_string(), |p| p.display().to_string());
    let mut out = std::io::stdout().lock();
    for problem in &problems {
        writeln!(out, "{problem}")?;
    }
    let counts = taxonomy
        .map_or_else(String::new, |t| format!(" ({} skills, {} categories)", t.skills().len(), t.categories().len()));
    if problems.is_empty() {
        writeln!(out, "{name}{counts}: ok")?;
        Ok(Exit::Success)
    } else {
        out.flush()?;
        eprintln!("rungs: {name}{counts}: {} problem(s)", problems.len());
        Ok(Exit::BadTaxonomy)
    }
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
    writer.finish()?;
    Ok(Exit::Success)
}
