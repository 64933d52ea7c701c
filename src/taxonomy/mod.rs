//! The skills taxonomy: skills, their aliases and categories, and how they are loaded.
//!
//! The default taxonomy is the CSV data under `taxonomy/`, compiled into the binary;
//! `--taxonomy DIR|FILE` replaces it with a user's own (a directory with `skills.csv` and
//! optionally `categories.csv`, one `skills.csv`-shaped file, or a plain list with one skill
//! name per line). Every column is documented in `taxonomy/README.md`.
//!
//! This module owns parsing and validation. Loading fails on problems that make the data
//! unusable (duplicate ids, an alias claimed twice, unknown categories or parents, empty
//! names), each naming file and line; [`check`] adds the lint-level findings that
//! `rungs taxonomy check` reports. Matching lives in [`crate::matcher`].

pub(crate) mod check;
mod load;
pub mod suggest;

use std::fmt;
use std::path::Path;

pub use check::check;

use crate::posting::SourceRef;

/// The embedded default skills table.
pub const DEFAULT_SKILLS_CSV: &str = include_str!("../../taxonomy/skills.csv");
/// The embedded default categories table.
pub const DEFAULT_CATEGORIES_CSV: &str = include_str!("../../taxonomy/categories.csv");
/// Frequent English words; a technology alias among them needs evidence to match.
pub(crate) const COMMON_ENGLISH: &str = include_str!("../../taxonomy/common-english.txt");

/// One skill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skill {
    /// Stable identifier (`kubernetes`, `error-budgets`); reports print it.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Category id (see [`Category`]).
    pub category: String,
    /// Case-insensitive aliases that match without further evidence. The name is one of them
    /// unless it is listed among the cased or ambiguous aliases.
    pub aliases: Vec<String>,
    /// Aliases that match only with exactly this case (`SAS`, `IT`).
    pub cased_aliases: Vec<String>,
    /// Case-sensitive aliases that are also ordinary English (`Go`, `Excel`, `Spring`): they
    /// match only with evidence in the same requirement (see [`crate::matcher`]).
    pub ambiguous_aliases: Vec<String>,
    /// Words that, near an ambiguous alias, show the technical sense (`golang`, `goroutines`).
    pub context: Vec<String>,
    /// A broader skill this one is a kind of (`amazon-eks` → `kubernetes`).
    pub parent: Option<String>,
    /// Sibling skills that partly substitute for this one.
    pub related: Vec<String>,
    /// Ladder competencies this skill evidences, as `ladder-id/competency-id`.
    pub competencies: Vec<String>,
    /// A reference link for the skill.
    pub url: Option<String>,
    /// Where the skill was defined.
    pub source: SourceRef,
}

/// One skill category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The broad kind: `technology`, `practice`, `competency`, `qualification`, `domain`.
    pub kind: String,
    /// One line saying what belongs here.
    pub description: String,
}

impl Category {
    /// Whether the category names tools and technologies (whose names collide with English
    /// words more often than practices do).
    pub fn is_technology(&self) -> bool {
        self.kind == "technology"
    }
}

/// A validated taxonomy.
#[derive(Clone, Debug)]
pub struct Taxonomy {
    skills: Vec<Skill>,
    categories: Vec<Category>,
    /// Where it came from, for messages (`embedded`, a path).
    origin: String,
    /// [`Taxonomy::fingerprint`], computed on first use.
    fingerprint: std::sync::OnceLock<String>,
}

/// Whether a problem stops the taxonomy from loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The data cannot be used as it is (duplicate id, unknown category…).
    Error,
    /// The data loads, but will match badly or was partly ignored; `taxonomy check` fails on it.
    Warning,
}

/// Something wrong in a taxonomy file, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// File and line.
    pub at: SourceRef,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "{}: {}", self.at, self.message),
            Severity::Warning => write!(f, "{}: warning: {}", self.at, self.message),
        }
    }
}

/// A taxonomy that cannot be used, with every problem found.
#[derive(Debug, thiserror::Error)]
pub struct TaxonomyError {
    /// The problems, in file order.
    pub problems: Vec<Problem>,
}

impl TaxonomyError {
    /// Reads a data file (a ladder, a level table) whole, or the one problem that it cannot be.
    pub(crate) fn read_file(path: &std::path::Path) -> Result<String, TaxonomyError> {
        std::fs::read_to_string(path).map_err(|e| TaxonomyError {
            problems: vec![Problem {
                at: SourceRef::file(path.display().to_string()),
                message: format!("cannot read: {e}"),
                severity: Severity::Error,
            }],
        })
    }
}

impl fmt::Display for TaxonomyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(f, "invalid taxonomy ({n} problem{})", if n == 1 { "" } else { "s" })?;
        for problem in self.problems.iter().take(20) {
            write!(f, "\n  {problem}")?;
        }
        if n > 20 {
            write!(f, "\n  … and {} more (run `rungs taxonomy check` for all)", n - 20)?;
        }
        Ok(())
    }
}

impl Taxonomy {
    /// The default taxonomy compiled into rungs.
    pub fn embedded() -> Taxonomy {
        Taxonomy::parse_tables(
            DEFAULT_SKILLS_CSV,
            "taxonomy/skills.csv",
            DEFAULT_CATEGORIES_CSV,
            "taxonomy/categories.csv",
        )
        .expect("the embedded taxonomy is validated by the test suite")
    }

    /// Loads a taxonomy from a directory, a skills CSV or a flat list of names.
    pub fn load(path: &Path) -> Result<Taxonomy, TaxonomyError> {
        let (taxonomy, problems) = load::load_path(path);
        let errors: Vec<Problem> = problems.into_iter().filter(|p| p.severity == Severity::Error).collect();
        match taxonomy {
            Some(taxonomy) if errors.is_empty() => Ok(taxonomy),
            _ => Err(TaxonomyError { problems: errors }),
        }
    }

    /// Parses a skills table and a categories table given as text (`skills_name` and
    /// `categories_name` are used in messages).
    pub fn parse_tables(
        skills: &str,
        skills_name: &str,
        categories: &str,
        categories_name: &str,
    ) -> Result<Taxonomy, TaxonomyError> {
        let (taxonomy, problems) = load::parse_tables(skills, skills_name, categories, categories_name);
        if problems.is_empty() {
            Ok(taxonomy)
        } else {
            Err(TaxonomyError { problems })
        }
    }

    /// Every structural and lint problem in the taxonomy at `path` (or the embedded one),
    /// without stopping at the first: what `rungs taxonomy check` prints. Also returns the
    /// taxonomy when it could be parsed at all, for the summary line.
    pub fn check_path(path: Option<&Path>) -> (Option<Taxonomy>, Vec<Problem>) {
        let (taxonomy, mut problems) = match path {
            Some(path) => load::load_path(path),
            None => {
                let (t, p) = load::parse_tables(
                    DEFAULT_SKILLS_CSV,
                    "taxonomy/skills.csv",
                    DEFAULT_CATEGORIES_CSV,
                    "taxonomy/categories.csv",
                );
                (Some(t), p)
            }
        };
        if let Some(taxonomy) = &taxonomy {
            problems.extend(check(taxonomy));
        }
        // File order, so a person can work down the list; the sort is stable within a line.
        problems.sort_by(|a, b| (&a.at.path, a.at.line).cmp(&(&b.at.path, b.at.line)));
        (taxonomy, problems)
    }

    /// Builds a flat taxonomy from one skill name per line (blank lines and `#` comments
    /// skipped; later duplicates of a name, ignoring case, are dropped).
    pub fn from_flat_list(text: &str, origin: &str) -> Taxonomy {
        load::parse_flat(text, origin).0
    }

    pub(crate) fn from_parts(skills: Vec<Skill>, categories: Vec<Category>, origin: String) -> Taxonomy {
        Taxonomy { skills, categories, origin, fingerprint: std::sync::OnceLock::new() }
    }

    /// All skills, in file order; a skill's index here is its [`crate::matcher::SkillIndex`].
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// All categories, in file order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Where the taxonomy came from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// A fingerprint of everything in the taxonomy that decides what is matched and how it is
    /// counted (every skill's and category's fields, in order; not where it was loaded from):
    /// `fnv1a64:` and 16 hex digits, the same on every platform and run. Partial results record
    /// it so that only counts made with the same taxonomy are merged.
    pub fn fingerprint(&self) -> &str {
        self.fingerprint.get_or_init(|| {
            let mut hash = crate::fingerprint::Fnv1a::default();
            for category in &self.categories {
                hash.fields(["category", &category.id, &category.name, &category.kind]);
            }
            for skill in &self.skills {
                hash.fields(["skill", &skill.id, &skill.name, &skill.category, skill.parent.as_deref().unwrap_or("")]);
                for list in
                    [&skill.aliases, &skill.cased_aliases, &skill.ambiguous_aliases, &skill.context, &skill.related]
                {
                    hash.fields(list.iter().map(String::as_str));
                    hash.fields(["|"]);
                }
            }
            hash.finish()
        })
    }

    /// Looks a skill up by id.
    pub fn skill(&self, id: &str) -> Option<&Skill> {
        self.skills.iter().find(|s| s.id == id)
    }

    /// Looks a category up by id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Per skill, its ancestors by index in [`Taxonomy::skills`]: parent, grandparent… A
    /// checked taxonomy has no parent cycle; the bound keeps an unchecked one from looping.
    pub fn ancestor_chains(&self) -> Vec<Vec<u32>> {
        let index: std::collections::HashMap<&str, u32> =
            self.skills.iter().enumerate().map(|(i, s)| (s.id.as_str(), i as u32)).collect();
        (0..self.skills.len())
            .map(|skill| {
                let mut chain = Vec::new();
                let mut at = skill;
                while let Some(&parent) = self.skills[at].parent.as_deref().and_then(|p| index.get(p)) {
                    if chain.len() >= self.skills.len() || parent as usize == skill {
                        break;
                    }
                    chain.push(parent);
                    at = parent as usize;
                }
                chain
            })
            .collect()
    }
}

/// The lower-cased, whitespace-collapsed form two aliases are compared in.
pub(crate) fn alias_key(alias: &str) -> String {
    alias.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Splits a `|`-separated cell into trimmed, non-empty parts.
pub(crate) fn split_list(cell: &str) -> Vec<String> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_taxonomy_loads_and_checks_clean() {
        let taxonomy = Taxonomy::embedded();
        assert!(taxonomy.skills().len() >= 1000, "{} skills", taxonomy.skills().len());
        let problems = check(&taxonomy);
        assert!(problems.is_empty(), "{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"));
    }
}
