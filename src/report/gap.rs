//! Record types of `rungs gap`.

use serde::Serialize;

use super::{number, posting_cells, text, Cell, Column, Record, POSTING_COLUMNS};

/// One posting against the profile.
#[derive(Clone, Debug, Serialize)]
pub struct GapPostingRecord {
    /// Posting id.
    pub posting: String,
    /// The posting's estimated band (1-6, one decimal).
    pub posting_band: f64,
    /// The profile's estimated band, from its own evidence (years, scope phrases); null when it
    /// gives none.
    pub profile_band: Option<f64>,
    /// The largest number of years the profile states.
    pub profile_years: Option<u32>,
    /// Required skills.
    pub required: u64,
    /// Of those, held.
    pub required_has: u64,
    /// Of those, adjacent.
    pub required_adjacent: u64,
    /// Of those, missing.
    pub required_missing: u64,
    /// (has + adjacent / 2) / required, or null when nothing is required.
    pub required_rate: Option<f64>,
    /// Skills only preferred.
    pub preferred: u64,
    /// Of those, held.
    pub preferred_has: u64,
    /// Of those, adjacent.
    pub preferred_adjacent: u64,
    /// Of those, missing.
    pub preferred_missing: u64,
    /// As `required_rate`, for preferred skills.
    pub preferred_rate: Option<f64>,
    /// Skills held, `|`-separated.
    pub matched: String,
    /// Missing skill ids, required first, `|`-separated.
    pub missing: String,
    /// Adjacent skills as `wanted<held`, `|`-separated.
    pub adjacent: String,
    /// The job title, when the input gives one.
    pub title: Option<String>,
    /// The employer, when the input gives one.
    pub company: Option<String>,
}

impl Record for GapPostingRecord {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            POSTING_COLUMNS[0],
            POSTING_COLUMNS[1],
            number("posting_band"),
            number("profile_band"),
            number("profile_years"),
            number("required"),
            number("required_has"),
            number("required_adjacent"),
            number("required_missing"),
            number("required_rate"),
            number("preferred"),
            number("preferred_has"),
            number("preferred_adjacent"),
            number("preferred_missing"),
            number("preferred_rate"),
            text("matched"),
            text("missing"),
            text("adjacent"),
            POSTING_COLUMNS[2],
            POSTING_COLUMNS[3],
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        let [id, label, title, company] = posting_cells(&self.posting, self.title.as_deref(), self.company.as_deref());
        let mut cells = vec![id, label];
        cells.extend([
            Cell::Float(self.posting_band, 1),
            Cell::opt_float(self.profile_band, 1),
            Cell::opt_int(self.profile_years),
            Cell::Int(self.required),
            Cell::Int(self.required_has),
            Cell::Int(self.required_adjacent),
            Cell::Int(self.required_missing),
            Cell::opt_float(self.required_rate, 2),
            Cell::Int(self.preferred),
            Cell::Int(self.preferred_has),
            Cell::Int(self.preferred_adjacent),
            Cell::Int(self.preferred_missing),
            Cell::opt_float(self.preferred_rate, 2),
            Cell::text(&self.matched),
            Cell::text(&self.missing),
            Cell::text(&self.adjacent),
        ]);
        cells.extend([title, company]);
        cells
    }
}

/// One skill of the "learn next" list.
#[derive(Clone, Debug, Serialize)]
pub struct LearnNextRecord {
    /// 1-based rank: by postings requiring, then preferring.
    pub rank: u64,
    /// Skill id.
    pub skill_id: String,
    /// Skill name.
    pub skill: String,
    /// Category id.
    pub category: String,
    /// Postings that require it.
    pub requiring: u64,
    /// Their share of all postings.
    pub require_share: f64,
    /// Postings that only prefer it.
    pub preferring: u64,
    /// Their share.
    pub prefer_share: f64,
    /// `missing` or `adjacent`.
    pub fit: &'static str,
    /// For `adjacent`: the profile's skill that is close to it.
    pub via: String,
}

impl Record for LearnNextRecord {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            number("rank"),
            text("skill_id"),
            text("skill"),
            text("category"),
            number("requiring"),
            number("require_share"),
            number("preferring"),
            number("prefer_share"),
            text("fit"),
            text("via"),
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Int(self.rank),
            Cell::text(&self.skill_id),
            Cell::text(&self.skill),
            Cell::text(&self.category),
            Cell::Int(self.requiring),
            Cell::Float(self.require_share, 4),
            Cell::Int(self.preferring),
            Cell::Float(self.prefer_share, 4),
            Cell::text(self.fit),
            Cell::text(&self.via),
        ]
    }
}

/// One skill of the profile, with where it was found and how much it is wanted.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileSkillRecord {
    /// Skill id.
    pub skill_id: String,
    /// Skill name.
    pub skill: String,
    /// Category id.
    pub category: String,
    /// Mentions in the profile.
    pub mentions: u64,
    /// The first mention as written.
    pub matched: String,
    /// Its byte offsets in the profile text.
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
    /// Postings that require or prefer it (0: nobody asks for it).
    pub wanted_by: u64,
}

impl Record for ProfileSkillRecord {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            text("skill_id"),
            text("skill"),
            text("category"),
            number("mentions"),
            text("matched"),
            number("start"),
            number("end"),
            number("wanted_by"),
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::text(&self.skill_id),
            Cell::text(&self.skill),
            Cell::text(&self.category),
            Cell::Int(self.mentions),
            Cell::text(&self.matched),
            Cell::Int(self.start as u64),
            Cell::Int(self.end as u64),
            Cell::Int(self.wanted_by),
        ]
    }
}

/// One category: how much of what postings want in it the profile covers.
#[derive(Clone, Debug, Serialize)]
pub struct CategoryGapRecord {
    /// Category id.
    pub category_id: String,
    /// Category name.
    pub category: String,
    /// Distinct skills of the category the postings ask for.
    pub wanted: u64,
    /// Of those, held.
    pub has: u64,
    /// Of those, adjacent.
    pub adjacent: u64,
    /// Of those, missing.
    pub missing: u64,
    /// (has + adjacent / 2) / wanted: thinnest first.
    pub coverage: f64,
}

impl Record for CategoryGapRecord {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            text("category_id"),
            text("category"),
            number("wanted"),
            number("has"),
            number("adjacent"),
            number("missing"),
            number("coverage"),
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::text(&self.category_id),
            Cell::text(&self.category),
            Cell::Int(self.wanted),
            Cell::Int(self.has),
            Cell::Int(self.adjacent),
            Cell::Int(self.missing),
            Cell::Float(self.coverage, 2),
        ]
    }
}
