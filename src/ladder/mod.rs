//! Career ladders as data: levels, competencies grouped in areas, and one descriptor per
//! competency × level.
//!
//! A ladder is one CSV file in long format (one row per cell; schema in `taxonomy/README.md`).
//! The three seed ladders under `taxonomy/ladders/` are embedded; `--ladder FILE` loads a
//! user's own with the same validation as the taxonomy, every problem naming file and line.
//!
//! Cells keep what the source says about them: `stated`, `truncated` (the source text is cut
//! off and is kept as it is, not completed), `empty` (the source has nothing there), or
//! `inherit` (the level restates nothing, so the nearest lower level's descriptor applies, as
//! Kensho's ladders specify). [`Ladder::resolved`] follows inheritance and says where a
//! descriptor came from.

mod load;

use std::fmt;

pub use load::parse_ladder;

use crate::taxonomy::TaxonomyError;

/// The ladders compiled into rungs: (file name, CSV text).
const EMBEDDED: &[(&str, &str)] = &[
    ("taxonomy/ladders/kensho-sre.csv", include_str!("../../taxonomy/ladders/kensho-sre.csv")),
    ("taxonomy/ladders/systems-engineering.csv", include_str!("../../taxonomy/ladders/systems-engineering.csv")),
    ("taxonomy/ladders/dropbox-mle-ic2.csv", include_str!("../../taxonomy/ladders/dropbox-mle-ic2.csv")),
];

/// One rung.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    /// 1-based position, lowest first.
    pub order: u32,
    /// The ladder's own title for it.
    pub title: String,
    /// Normalised seniority: 1 entry, 2 mid, 3 senior, 4 senior II / lead, 5 staff, 6 principal+.
    pub band: u8,
}

/// One competency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Competency {
    /// Id derived from the name (`Debugging & Support` → `debugging-support`), used by the
    /// taxonomy's `competencies` links.
    pub id: String,
    /// Name as the ladder writes it.
    pub name: String,
    /// The area it is grouped in.
    pub area: String,
}

/// What the source says about a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellStatus {
    /// The descriptor is the source's text.
    Stated,
    /// The source's text is cut off; the descriptor is the part that survives.
    Truncated,
    /// The source has no text for this cell.
    Empty,
    /// The level restates nothing; the nearest lower level's descriptor applies.
    Inherit,
}

impl CellStatus {
    /// The name used in CSV files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            CellStatus::Stated => "stated",
            CellStatus::Truncated => "truncated",
            CellStatus::Empty => "empty",
            CellStatus::Inherit => "inherit",
        }
    }
}

impl fmt::Display for CellStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One competency × level cell as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The descriptor text (empty for `empty` and `inherit`).
    pub descriptor: String,
    /// What the source says about it.
    pub status: CellStatus,
}

/// A cell with inheritance followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedCell<'a> {
    /// The descriptor that applies (empty if none does).
    pub descriptor: &'a str,
    /// The status of the cell the descriptor comes from.
    pub status: CellStatus,
    /// The level order it was inherited from, when it was.
    pub inherited_from: Option<u32>,
}

/// A validated ladder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ladder {
    /// Stable id (`kensho-sre`), what `--ladder` takes.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Levels, lowest first.
    pub levels: Vec<Level>,
    /// Competencies in file order.
    pub competencies: Vec<Competency>,
    /// `levels.len() × competencies.len()` cells, level-major.
    cells: Vec<Cell>,
    /// Where it was loaded from.
    pub origin: String,
}

impl Ladder {
    /// The embedded ladders, in a fixed order (Kensho SRE, Systems Engineering, Dropbox IC2 MLE).
    pub fn embedded() -> Vec<Ladder> {
        EMBEDDED
            .iter()
            .map(|(name, text)| parse_ladder(text, name).expect("embedded ladders are validated by the test suite"))
            .collect()
    }

    /// Loads a ladder from a CSV file.
    pub fn load(path: &std::path::Path) -> Result<Ladder, TaxonomyError> {
        parse_ladder(&TaxonomyError::read_file(path)?, &path.display().to_string())
    }

    /// The cell as written.
    pub fn cell(&self, level: usize, competency: usize) -> &Cell {
        &self.cells[level * self.competencies.len() + competency]
    }

    /// The cell with inheritance followed down to the nearest level that states something.
    pub fn resolved(&self, level: usize, competency: usize) -> ResolvedCell<'_> {
        let mut at = level;
        loop {
            let cell = self.cell(at, competency);
            if cell.status != CellStatus::Inherit {
                return ResolvedCell {
                    descriptor: &cell.descriptor,
                    status: cell.status,
                    inherited_from: (at != level).then(|| self.levels[at].order),
                };
            }
            if at == 0 {
                return ResolvedCell { descriptor: "", status: CellStatus::Empty, inherited_from: None };
            }
            at -= 1;
        }
    }

    /// Whether every level has a band (a ladder loaded with empty bands has not).
    pub fn has_bands(&self) -> bool {
        self.levels.iter().all(|l| l.band != 0)
    }

    /// The level whose band is nearest `band` (the lower one on a tie).
    pub fn nearest_level(&self, band: f64) -> usize {
        let mut best = 0;
        for (i, level) in self.levels.iter().enumerate() {
            if (f64::from(level.band) - band).abs() < (f64::from(self.levels[best].band) - band).abs() {
                best = i;
            }
        }
        best
    }

    /// A fingerprint of the ladder's content (`fnv1a64:` and 16 hex digits), for partial
    /// results counted against it.
    pub fn fingerprint(&self) -> String {
        let mut hash = crate::fingerprint::Fnv1a::default();
        hash.bytes(self.to_csv().as_bytes());
        hash.finish()
    }

    /// The level a user names: its order number or its title (any case).
    pub fn level_named(&self, name: &str) -> Option<usize> {
        let by_order = name.trim().parse::<u32>().ok().and_then(|n| self.levels.iter().position(|l| l.order == n));
        by_order.or_else(|| self.levels.iter().position(|l| l.title.eq_ignore_ascii_case(name.trim())))
    }

    /// The ladder as CSV in its own schema; loading the result gives the same ladder.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        let header =
            ["ladder_id", "ladder_name", "level", "level_title", "band", "area", "competency", "descriptor", "status"];
        writer.write_record(header).expect("writing to memory");
        for (l, level) in self.levels.iter().enumerate() {
            for (c, competency) in self.competencies.iter().enumerate() {
                let cell = self.cell(l, c);
                writer
                    .write_record([
                        self.id.as_str(),
                        &self.name,
                        &level.order.to_string(),
                        &level.title,
                        // Band 0 is "not on the scale yet", which the file spells as an empty cell.
                        &if level.band == 0 { String::new() } else { level.band.to_string() },
                        &competency.area,
                        &competency.name,
                        &cell.descriptor,
                        cell.status.as_str(),
                    ])
                    .expect("writing to memory");
            }
        }
        String::from_utf8(writer.into_inner().expect("writing to memory")).expect("CSV of UTF-8 fields is UTF-8")
    }
}

/// The id of a competency name: lower case, runs of other characters become `-`.
pub fn competency_id(name: &str) -> String {
    let mut id = String::new();
    for ch in name.chars() {
        if ch.is_alphanumeric() {
            id.extend(ch.to_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_ladders_round_trip_unchanged() {
        for (name, text) in EMBEDDED {
            let ladder = parse_ladder(text, name).unwrap();
            assert_eq!(ladder.to_csv(), *text, "{name} prints back as it was written");
            assert_eq!(parse_ladder(&ladder.to_csv(), name).unwrap(), ladder);
        }
    }

    #[test]
    fn seed_ladders_have_their_shape() {
        let ladders = Ladder::embedded();
        let shape: Vec<(&str, usize, usize)> =
            ladders.iter().map(|l| (l.id.as_str(), l.levels.len(), l.competencies.len())).collect();
        assert_eq!(shape, [("kensho-sre", 6, 26), ("systems-engineering", 6, 8), ("dropbox-mle-ic2", 1, 19)]);
        let kensho = &ladders[0];
        let areas: Vec<&str> = {
            let mut a: Vec<&str> = kensho.competencies.iter().map(|c| c.area.as_str()).collect();
            a.dedup();
            a
        };
        assert_eq!(areas, ["Technical Excellence", "Leadership", "Autonomy", "Teamwork"]);
        let bands: Vec<u8> = kensho.levels.iter().map(|l| l.band).collect();
        assert_eq!(bands, [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn kensho_inheritance_is_explicit() {
        let kensho = &Ladder::embedded()[0];
        let resourcefulness = kensho.competencies.iter().position(|c| c.id == "resourcefulness").unwrap();
        // Senior II restates nothing for Resourcefulness; it inherits Senior I's descriptor.
        assert_eq!(kensho.cell(3, resourcefulness).status, CellStatus::Inherit);
        let resolved = kensho.resolved(3, resourcefulness);
        assert_eq!(resolved.inherited_from, Some(3));
        assert!(resolved.descriptor.starts_with("Prunes and maintains documentation"));
        // Staff restates it? No: Staff inherits from Senior I too, two levels down.
        assert_eq!(kensho.resolved(4, resourcefulness).inherited_from, Some(3));
    }

    #[test]
    fn truncated_cells_stay_truncated() {
        let se = &Ladder::embedded()[1];
        let product = se.competencies.iter().position(|c| c.id == "product-output").unwrap();
        let cell = se.cell(4, product);
        assert_eq!(cell.status, CellStatus::Truncated);
        assert_eq!(cell.descriptor, "uct line or significant part of the product");
        assert_eq!(se.cell(5, product).status, CellStatus::Empty);
    }

    #[test]
    fn competency_ids() {
        assert_eq!(competency_id("Debugging & Support"), "debugging-support");
        assert_eq!(competency_id("Code/Design Review"), "code-design-review");
        assert_eq!(competency_id("Self-Development"), "self-development");
    }
}
