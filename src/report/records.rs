//! The record types each command prints, with their stable column names.

use serde::Serialize;

use super::{machine_text, number, posting_cells, text, Cell, Column, Record, POSTING_COLUMNS};
use crate::aggregate::{CategoryFrequency, SkillFrequency};
use crate::taxonomy::suggest::SuggestedTerm;

/// One row of `rungs scan`: one skill mention.
#[derive(Clone, Debug, Serialize)]
pub struct MatchRecord<'a> {
    /// Posting id.
    pub posting: &'a str,
    /// 1-based requirement index within the posting.
    pub requirement: u32,
    /// UTF-8 byte offset of the mention's start in the posting text.
    pub start: usize,
    /// UTF-8 byte offset just past its end.
    pub end: usize,
    /// Skill id.
    pub skill_id: &'a str,
    /// Skill name.
    pub skill: &'a str,
    /// Category id.
    pub category: &'a str,
    /// The text as it appears in the posting.
    pub matched: &'a str,
    /// `required` or `preferred`.
    pub strength: &'static str,
    /// The minimum years the requirement states, if any.
    pub min_years: Option<u32>,
    /// Where it stands: `requirement`, `employer`, `benefit`, `legal` or `title`.
    pub context: &'static str,
    /// The skill's ancestors, parent first (`|`-separated in CSV, an array in JSON): a
    /// mention of HashiCorp Vault is one of secrets management too.
    pub ancestors: Vec<&'a str>,
    /// The job title, when the input gives one.
    pub title: Option<&'a str>,
    /// The employer, when the input gives one.
    pub company: Option<&'a str>,
}

impl Record for MatchRecord<'_> {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            POSTING_COLUMNS[0],
            POSTING_COLUMNS[1],
            number("requirement"),
            number("start"),
            number("end"),
            text("skill_id"),
            text("skill"),
            text("category"),
            text("matched"),
            text("strength"),
            number("min_years"),
            text("context"),
            machine_text("ancestors"),
            POSTING_COLUMNS[2],
            POSTING_COLUMNS[3],
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        let [id, label, title, company] = posting_cells(self.posting, self.title, self.company);
        let mut cells = vec![id, label];
        cells.extend([
            Cell::Int(u64::from(self.requirement)),
            Cell::Int(self.start as u64),
            Cell::Int(self.end as u64),
            Cell::text(self.skill_id),
            Cell::text(self.skill),
            Cell::text(self.category),
            Cell::text(self.matched),
            Cell::text(self.strength),
            Cell::opt_int(self.min_years),
            Cell::text(self.context),
        ]);
        // A skill without a parent has no ancestors: `NA`, like every missing value.
        cells.push(if self.ancestors.is_empty() { Cell::Empty } else { Cell::text(self.ancestors.join("|")) });
        cells.extend([title, company]);
        cells
    }
}

impl Record for SkillFrequency {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            number("rank"),
            text("skill_id"),
            text("skill"),
            text("category"),
            number("postings"),
            number("share"),
            number("mentions"),
            number("required"),
            number("preferred"),
            number("years_stated"),
            number("median_years"),
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Int(self.rank),
            Cell::text(&self.skill_id),
            Cell::text(&self.skill),
            Cell::text(&self.category),
            Cell::Int(self.postings),
            Cell::Float(self.share, 4),
            Cell::Int(self.mentions),
            Cell::Int(self.required),
            Cell::Int(self.preferred),
            Cell::Int(self.years_stated),
            Cell::opt_float(self.median_years, 1),
        ]
    }
}

/// `rungs freq --by category` rows.
pub type CategoryRecord = CategoryFrequency;

impl Record for CategoryFrequency {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            number("rank"),
            text("category_id"),
            text("category"),
            number("skills"),
            number("postings"),
            number("share"),
            number("mentions"),
            number("required"),
            number("preferred"),
            number("years_stated"),
            number("median_years"),
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Int(self.rank),
            Cell::text(&self.category_id),
            Cell::text(&self.category),
            Cell::Int(self.skills),
            Cell::Int(self.postings),
            Cell::Float(self.share, 4),
            Cell::Int(self.mentions),
            Cell::Int(self.required),
            Cell::Int(self.preferred),
            Cell::Int(self.years_stated),
            Cell::opt_float(self.median_years, 1),
        ]
    }
}

/// One row of `rungs taxonomy list`.
#[derive(Clone, Debug, Serialize)]
pub struct SkillRecord<'a> {
    /// Skill id.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
    /// Category id.
    pub category: &'a str,
    /// Case-insensitive aliases, `|`-separated.
    pub aliases: String,
    /// Exact-case aliases, `|`-separated.
    pub cased_aliases: String,
    /// Aliases that need evidence, `|`-separated.
    pub ambiguous_aliases: String,
    /// Parent skill id.
    pub parent: &'a str,
    /// Related skill ids, `|`-separated.
    pub related: String,
    /// Ladder competency links, `|`-separated.
    pub competencies: String,
}

impl Record for SkillRecord<'_> {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            text("id"),
            text("name"),
            text("category"),
            text("aliases"),
            text("cased_aliases"),
            text("ambiguous_aliases"),
            text("parent"),
            text("related"),
            text("competencies"),
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        [
            self.id,
            self.name,
            self.category,
            &self.aliases,
            &self.cased_aliases,
            &self.ambiguous_aliases,
            self.parent,
            &self.related,
            &self.competencies,
        ]
        .into_iter()
        .map(Cell::text)
        .collect()
    }
}

impl Record for SuggestedTerm {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] =
            &[text("term"), number("postings"), number("mentions"), text("shape"), text("example")];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::text(&self.term),
            Cell::Int(self.postings),
            Cell::Int(self.mentions),
            Cell::text(&self.shape),
            Cell::text(&self.example),
        ]
    }
}
