//! Record types of `rungs levels` and `rungs ladder`.

use std::fmt::Write;

use serde::Serialize;

use super::{number, posting_cells, text, Cell, Column, Record, POSTING_COLUMNS};
use crate::fixed::push_fixed;

/// Rounds for display and stable output.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// One piece of evidence in a `levels` row, borrowing its texts from the analysis.
#[derive(Clone, Debug, Serialize)]
pub struct EvidenceRecord<'a> {
    /// 1-based requirement index; 0 for the posting's title.
    pub requirement: u32,
    /// The requirement's text (or the title).
    pub text: &'a str,
    /// Byte offsets of the requirement in the posting text (of the title, in the title).
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
    /// What was found, with the phrase in quotes.
    pub signal: &'a str,
    /// Byte offsets of the phrase itself.
    pub signal_start: usize,
    /// End offset, exclusive.
    pub signal_end: usize,
    /// The band it points to.
    pub band: f64,
    /// How much it counted.
    pub weight: f64,
}

/// One row of `rungs levels`: a posting on one ladder.
#[derive(Clone, Debug, Serialize)]
pub struct LevelRecord<'a> {
    /// Posting id.
    pub posting: &'a str,
    /// Ladder id.
    pub ladder: &'a str,
    /// Level order on the ladder (1 = lowest).
    pub level: u32,
    /// The ladder's title for that level.
    pub level_title: &'a str,
    /// The level's band (1 entry … 6 principal and above).
    pub band: u8,
    /// `within`, or `outside ladder range (above)` / `(below)` when the ladder does not reach
    /// the estimate within half a band (then `level` is only the nearest one).
    pub fit: &'a str,
    /// The continuous estimate the level was chosen from.
    pub estimate: f64,
    /// 0 to 1.
    pub confidence: f64,
    /// The strongest evidence, strongest first (borrowed: a posting's rows, one per ladder,
    /// share it).
    pub evidence: &'a [EvidenceRecord<'a>],
    /// The job title, when the input gives one.
    pub title: Option<&'a str>,
    /// The employer, when the input gives one.
    pub company: Option<&'a str>,
}

impl Record for LevelRecord<'_> {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            POSTING_COLUMNS[0],
            POSTING_COLUMNS[1],
            text("ladder"),
            number("level"),
            text("level_title"),
            number("band"),
            text("fit"),
            number("estimate"),
            number("confidence"),
            text("evidence"),
            POSTING_COLUMNS[2],
            POSTING_COLUMNS[3],
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        // `r1 years "5+ years" → 3.0 ×1.00; …`, written into one string.
        let mut evidence = String::new();
        for (i, e) in self.evidence.iter().enumerate() {
            if i > 0 {
                evidence.push_str("; ");
            }
            let _ = write!(evidence, "r{} ", e.requirement);
            evidence.push_str(e.signal);
            evidence.push_str(" → ");
            push_fixed(&mut evidence, e.band, 1, false);
            evidence.push_str(" ×");
            push_fixed(&mut evidence, e.weight, 2, false);
        }
        let [id, label, title, company] = posting_cells(self.posting, self.title, self.company);
        let mut cells = vec![id, label];
        cells.extend([
            Cell::text(self.ladder),
            Cell::Int(u64::from(self.level)),
            Cell::text(self.level_title),
            Cell::Int(u64::from(self.band)),
            Cell::text(self.fit),
            Cell::Float(self.estimate, 2),
            Cell::Float(self.confidence, 2),
            Cell::text(evidence),
        ]);
        cells.extend([title, company]);
        cells
    }
}

/// One row of `rungs levels --summary`.
#[derive(Clone, Debug, Serialize)]
pub struct LevelSummaryRecord<'a> {
    /// Ladder id.
    pub ladder: &'a str,
    /// Level order.
    pub level: u32,
    /// Level title.
    pub level_title: &'a str,
    /// Its band.
    pub band: u8,
    /// Postings placed at this level.
    pub postings: u64,
    /// Their share of all postings, 4 decimals.
    pub share: f64,
    /// Mean confidence of those placements.
    pub mean_confidence: f64,
}

impl Record for LevelSummaryRecord<'_> {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            text("ladder"),
            number("level"),
            text("level_title"),
            number("band"),
            number("postings"),
            number("share"),
            number("mean_confidence"),
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::text(self.ladder),
            Cell::Int(u64::from(self.level)),
            Cell::text(self.level_title),
            Cell::Int(u64::from(self.band)),
            Cell::Int(self.postings),
            Cell::Float(self.share, 4),
            Cell::Float(self.mean_confidence, 2),
        ]
    }
}

/// One row of `rungs ladder bands`: a level placed on the common band scale.
#[derive(Clone, Debug, Serialize)]
pub struct LevelBandRecord<'a> {
    /// Ladder id.
    pub ladder: &'a str,
    /// Level order.
    pub level: u32,
    /// Level title.
    pub level_title: &'a str,
    /// The band the ladder file gives (0 when it gives none).
    pub file_band: u8,
    /// The band assigned from the level's text, after ordering.
    pub band: u8,
    /// The model's calibrated estimate before ordering (missing when no cell could be scored).
    pub estimate: Option<f64>,
    /// Cells scored.
    pub cells: usize,
    /// The n-grams that pushed the level most, with their summed contribution in bands.
    pub reasons: String,
}

impl Record for LevelBandRecord<'_> {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            text("ladder"),
            number("level"),
            text("level_title"),
            number("file_band"),
            number("band"),
            number("estimate"),
            number("cells"),
            text("reasons"),
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::text(self.ladder),
            Cell::Int(u64::from(self.level)),
            Cell::text(self.level_title),
            Cell::Int(u64::from(self.file_band)),
            Cell::Int(u64::from(self.band)),
            Cell::opt_float(self.estimate, 2),
            Cell::Int(self.cells as u64),
            Cell::text(&self.reasons),
        ]
    }
}

/// One cell of `rungs ladder show`. The first nine columns are the ladder file schema, so the
/// CSV output loads back as a ladder (the loader ignores the two extra columns).
#[derive(Clone, Debug, Serialize)]
pub struct LadderCellRecord<'a> {
    /// Ladder id.
    pub ladder_id: &'a str,
    /// Ladder name.
    pub ladder_name: &'a str,
    /// Level order.
    pub level: u32,
    /// Level title.
    pub level_title: &'a str,
    /// Band.
    pub band: u8,
    /// Area.
    pub area: &'a str,
    /// Competency name.
    pub competency: &'a str,
    /// Descriptor (as written, or resolved with `--resolved`).
    pub descriptor: &'a str,
    /// `stated`, `truncated`, `empty` or `inherit` (resolved: the source cell's status).
    pub status: &'static str,
    /// Competency id.
    pub competency_id: &'a str,
    /// With `--resolved`: the level the descriptor was inherited from.
    pub inherited_from: Option<u32>,
}

impl Record for LadderCellRecord<'_> {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            text("ladder_id"),
            text("ladder_name"),
            number("level"),
            text("level_title"),
            number("band"),
            text("area"),
            text("competency"),
            text("descriptor"),
            text("status"),
            text("competency_id"),
            number("inherited_from"),
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::text(self.ladder_id),
            Cell::text(self.ladder_name),
            Cell::Int(u64::from(self.level)),
            Cell::text(self.level_title),
            Cell::Int(u64::from(self.band)),
            Cell::text(self.area),
            Cell::text(self.competency),
            Cell::text(self.descriptor),
            Cell::text(self.status),
            Cell::text(self.competency_id),
            Cell::opt_int(self.inherited_from),
        ]
    }
}

/// One requirement in `rungs ladder`: the hiring manager's view.
#[derive(Clone, Debug, Serialize)]
pub struct PlacementRecord<'a> {
    /// Posting id.
    pub posting: &'a str,
    /// 1-based requirement index.
    pub requirement: u32,
    /// Byte offsets in the posting text.
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
    /// The requirement's text.
    pub text: &'a str,
    /// The competency it exercises (empty if none is similar).
    pub competency_id: &'a str,
    /// Its name.
    pub competency: &'a str,
    /// Level order on the ladder.
    pub level: u32,
    /// Level title.
    pub level_title: &'a str,
    /// The level's band.
    pub band: u8,
    /// Similarity score of the best cell.
    pub score: f64,
    /// Terms shared with that cell, `|`-separated.
    pub terms: String,
    /// Minimum years the requirement states.
    pub min_years: Option<u32>,
    /// Where it departs from `--target`: `above target`, `below target`, `years above target`,
    /// `years below target` (`|`-separated), or empty.
    pub flags: String,
    /// The job title, when the input gives one.
    pub title: Option<&'a str>,
    /// The employer, when the input gives one.
    pub company: Option<&'a str>,
}

impl Record for PlacementRecord<'_> {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            POSTING_COLUMNS[0],
            POSTING_COLUMNS[1],
            number("requirement"),
            number("start"),
            number("end"),
            text("text"),
            text("competency_id"),
            text("competency"),
            number("level"),
            text("level_title"),
            number("band"),
            number("score"),
            text("terms"),
            number("min_years"),
            text("flags"),
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
            Cell::text(self.text),
            Cell::text(self.competency_id),
            Cell::text(self.competency),
            Cell::Int(u64::from(self.level)),
            Cell::text(self.level_title),
            Cell::Int(u64::from(self.band)),
            Cell::Float(self.score, 1),
            Cell::text(&self.terms),
            Cell::opt_int(self.min_years),
            Cell::text(&self.flags),
        ]);
        cells.extend([title, company]);
        cells
    }
}

/// One competency in `rungs ladder --coverage`.
#[derive(Clone, Debug, Serialize)]
pub struct CoverageRecord<'a> {
    /// Area.
    pub area: &'a str,
    /// Competency id.
    pub competency_id: &'a str,
    /// Competency name.
    pub competency: &'a str,
    /// Requirements placed on it.
    pub requirements: u64,
    /// Postings with at least one such requirement.
    pub postings: u64,
    /// The lowest and highest level titles seen, or `never mentioned`.
    pub levels: String,
    /// Practice phrases placed on it.
    pub practices: u64,
}

impl Record for CoverageRecord<'_> {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            text("area"),
            text("competency_id"),
            text("competency"),
            number("requirements"),
            number("postings"),
            text("levels"),
            number("practices"),
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::text(self.area),
            Cell::text(self.competency_id),
            Cell::text(self.competency),
            Cell::Int(self.requirements),
            Cell::Int(self.postings),
            Cell::text(&self.levels),
            Cell::Int(self.practices),
        ]
    }
}

/// One competency in `rungs freq --kind practice --ladder L`: the practice phrases placed on
/// it.
#[derive(Clone, Debug, Serialize)]
pub struct PracticeFrequencyRecord<'a> {
    /// Competency id.
    pub competency_id: &'a str,
    /// Competency name.
    pub competency: &'a str,
    /// Area.
    pub area: &'a str,
    /// Postings with at least one phrase placed on it.
    pub postings: u64,
    /// Their share of all postings, 4 decimals.
    pub share: f64,
    /// Phrases placed on it.
    pub phrases: u64,
}

impl Record for PracticeFrequencyRecord<'_> {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            text("competency_id"),
            text("competency"),
            text("area"),
            number("postings"),
            number("share"),
            number("phrases"),
        ];
        COLUMNS
    }

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::text(self.competency_id),
            Cell::text(self.competency),
            Cell::text(self.area),
            Cell::Int(self.postings),
            Cell::Float(self.share, 4),
            Cell::Int(self.phrases),
        ]
    }
}
