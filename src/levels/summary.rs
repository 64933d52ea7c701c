//! Corpus-level results of level mapping, as sums that merge exactly: how postings spread over
//! each ladder's levels ([`LevelDistribution`], `rungs levels --summary`), and which of one
//! ladder's competencies the requirements exercise ([`LadderCoverage`], `rungs ladder
//! --coverage`). Both serialise as partial results, so a map step can count pieces of a corpus
//! and `rungs merge` can add them up into what one run over all of it prints.
//!
//! Confidence is summed in millionths as an integer: floating-point sums depend on their order,
//! and a merge must not.

use serde::{Deserialize, Serialize};

use super::{LadderFit, LevelModel, PostingLevel, RequirementLevel};
use crate::ladder::Ladder;
use crate::signals::years_mentions;

/// Confidence is counted in these units, so sums are exact in any order.
const CONFIDENCE_UNITS: f64 = 1_000_000.0;

/// Postings placed at one level of one ladder.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelCount {
    /// Postings placed here.
    pub postings: u64,
    /// Their summed confidence, in millionths.
    pub confidence_millionths: u64,
}

/// A ladder a partial was counted against, named and fingerprinted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LadderKey {
    /// The ladder's id.
    pub id: String,
    /// [`Ladder::fingerprint`].
    pub fingerprint: String,
}

impl LadderKey {
    fn of(ladder: &Ladder) -> LadderKey {
        LadderKey { id: ladder.id.clone(), fingerprint: ladder.fingerprint() }
    }
}

/// Why two level summaries cannot be added.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("counted against ladders {found}, not {expected}: merge summaries of the same ladders only")]
pub struct LadderMismatch {
    /// The ladders the summary was counted against.
    pub found: String,
    /// The ladders expected.
    pub expected: String,
}

fn check_ladders(found: &[LadderKey], expected: &[LadderKey]) -> Result<(), LadderMismatch> {
    if found == expected {
        return Ok(());
    }
    let names = |keys: &[LadderKey]| keys.iter().map(|k| format!("{} ({})", k.id, k.fingerprint)).collect::<Vec<_>>();
    Err(LadderMismatch { found: names(found).join(", "), expected: names(expected).join(", ") })
}

/// How postings spread over the levels of each ladder of a [`LevelModel`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelDistribution {
    /// The ladders, in the model's order.
    pub ladders: Vec<LadderKey>,
    /// Postings counted.
    pub postings: u64,
    /// Per ladder, per level (in ladder order).
    pub counts: Vec<Vec<LevelCount>>,
    /// Per ladder, the postings whose band the ladder does not reach.
    #[serde(default)]
    pub outside: Vec<LevelCount>,
}

/// One row of a level distribution, unrounded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LevelShare {
    /// Index of the ladder in the model.
    pub ladder: usize,
    /// Index of the level in the ladder; `None` for the postings outside the ladder's range.
    pub level: Option<usize>,
    /// Postings placed at this level.
    pub postings: u64,
    /// `postings` over all postings.
    pub share: f64,
    /// Mean confidence of those postings (0 when there are none).
    pub mean_confidence: f64,
}

impl LevelDistribution {
    /// An empty distribution over the model's ladders.
    pub fn new(model: &LevelModel) -> LevelDistribution {
        LevelDistribution {
            ladders: model.ladders().iter().map(LadderKey::of).collect(),
            postings: 0,
            counts: model.ladders().iter().map(|l| vec![LevelCount::default(); l.levels.len()]).collect(),
            outside: vec![LevelCount::default(); model.ladders().len()],
        }
    }

    /// Counts one posting's level on every ladder.
    pub fn add(&mut self, level: &PostingLevel) {
        self.postings += 1;
        for placed in &level.ladders {
            let count = match placed.fit {
                LadderFit::Within => &mut self.counts[placed.ladder][placed.level],
                LadderFit::Below | LadderFit::Above => &mut self.outside[placed.ladder],
            };
            count.postings += 1;
            count.confidence_millionths += (placed.confidence.clamp(0.0, 1.0) * CONFIDENCE_UNITS).round() as u64;
        }
    }

    /// Adds another distribution over the same ladders.
    pub fn merge(&mut self, other: &LevelDistribution) -> Result<(), LadderMismatch> {
        check_ladders(&other.ladders, &self.ladders)?;
        if other.counts.iter().map(Vec::len).ne(self.counts.iter().map(Vec::len)) {
            return Err(LadderMismatch { found: "other level counts".into(), expected: "these".into() });
        }
        if other.outside.len() != self.outside.len() {
            return Err(LadderMismatch { found: "other outside counts".into(), expected: "these".into() });
        }
        self.postings += other.postings;
        let mine = self.counts.iter_mut().flatten().chain(self.outside.iter_mut());
        for (mine, theirs) in mine.zip(other.counts.iter().flatten().chain(other.outside.iter())) {
            mine.postings += theirs.postings;
            mine.confidence_millionths += theirs.confidence_millionths;
        }
        Ok(())
    }

    /// Every level of every ladder, in order, with its share and mean confidence.
    pub fn rows(&self) -> Vec<LevelShare> {
        let postings = self.postings.max(1) as f64;
        let mut rows = Vec::new();
        for (ladder, levels) in self.counts.iter().enumerate() {
            let outside = self.outside.get(ladder).filter(|c| c.postings > 0).map(|c| (None, c));
            for (level, count) in levels.iter().enumerate().map(|(i, c)| (Some(i), c)).chain(outside) {
                let mean_confidence = if count.postings == 0 {
                    0.0
                } else {
                    count.confidence_millionths as f64 / CONFIDENCE_UNITS / count.postings as f64
                };
                rows.push(LevelShare {
                    ladder,
                    level,
                    postings: count.postings,
                    share: count.postings as f64 / postings,
                    mean_confidence,
                });
            }
        }
        rows
    }
}

/// How much of one competency the requirements of a corpus exercise.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompetencyCount {
    /// Requirements placed on it.
    pub requirements: u64,
    /// Postings with at least one such requirement.
    pub postings: u64,
    /// The lowest and highest level index they were placed at.
    pub levels: Option<(usize, usize)>,
    /// Practice phrases placed on it (counted when the analysis found them).
    #[serde(default)]
    pub practices: u64,
    /// Postings with at least one such phrase.
    #[serde(default)]
    pub practice_postings: u64,
}

/// Which competencies of one ladder (the model's first) the requirements exercise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LadderCoverage {
    /// The ladder.
    pub ladder: LadderKey,
    /// Postings counted.
    pub postings: u64,
    /// Per competency, in ladder order.
    pub competencies: Vec<CompetencyCount>,
}

impl LadderCoverage {
    /// Empty coverage of the model's first ladder.
    pub fn new(model: &LevelModel) -> LadderCoverage {
        let ladder = &model.ladders()[0];
        LadderCoverage {
            ladder: LadderKey::of(ladder),
            postings: 0,
            competencies: vec![CompetencyCount::default(); ladder.competencies.len()],
        }
    }

    /// Counts one posting's requirements, as placed on the model's first ladder.
    pub fn add(&mut self, level: &PostingLevel) {
        self.postings += 1;
        let mut in_posting = vec![false; self.competencies.len()];
        for requirement in &level.requirements {
            let Some(placement) = requirement.placements.first() else { continue };
            let Some(c) = placement.competency else { continue };
            let entry = &mut self.competencies[c];
            entry.requirements += 1;
            in_posting[c] = true;
            let at = placement.level;
            entry.levels = Some(entry.levels.map_or((at, at), |(lo, hi)| (lo.min(at), hi.max(at))));
        }
        let mut practised = vec![false; self.competencies.len()];
        for placements in &level.practices {
            if let Some(c) = placements.first().and_then(|p| p.competency) {
                self.competencies[c].practices += 1;
                practised[c] = true;
            }
        }
        for ((entry, seen), practised) in self.competencies.iter_mut().zip(in_posting).zip(practised) {
            entry.postings += u64::from(seen);
            entry.practice_postings += u64::from(practised);
        }
    }

    /// Adds coverage of the same ladder.
    pub fn merge(&mut self, other: &LadderCoverage) -> Result<(), LadderMismatch> {
        check_ladders(std::slice::from_ref(&other.ladder), std::slice::from_ref(&self.ladder))?;
        if other.competencies.len() != self.competencies.len() {
            return Err(LadderMismatch { found: "other competencies".into(), expected: "these".into() });
        }
        self.postings += other.postings;
        for (mine, theirs) in self.competencies.iter_mut().zip(&other.competencies) {
            mine.requirements += theirs.requirements;
            mine.practices += theirs.practices;
            mine.practice_postings += theirs.practice_postings;
            mine.postings += theirs.postings;
            mine.levels = match (mine.levels, theirs.levels) {
                (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
                (one, other) => one.or(other),
            };
        }
        Ok(())
    }
}

/// How a requirement departs from the level a role is meant to be (`rungs ladder --target`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Departure {
    /// The most years the requirement states, if any.
    pub min_years: Option<u32>,
    /// `above target`, `below target`, `years above target`, `years below target`.
    pub flags: Vec<&'static str>,
}

impl LevelModel {
    /// How `requirement` (placed on ladder `ladder`; `text` is the requirement's text) departs
    /// from the level `target` of that ladder: a placement or stated years more than one band
    /// away. Only explicit signals (scope phrases, years) put a placement off target; a
    /// resemblance to some ladder cell is too weak to accuse a posting of.
    pub fn departure(
        &self,
        requirement: &RequirementLevel,
        text: &str,
        ladder: usize,
        target: Option<usize>,
    ) -> Departure {
        let min_years = years_mentions(text).iter().map(|y| y.min_years).max();
        let mut flags = Vec::new();
        let Some(target) = target else { return Departure { min_years, flags } };
        let levels = &self.ladders()[ladder].levels;
        let target = i32::from(levels[target].band);
        let explicit = requirement
            .evidence
            .iter()
            .any(|e| matches!(e.kind, super::EvidenceKind::Scope | super::EvidenceKind::Years { .. }));
        let placement = requirement.placements.iter().find(|p| p.ladder == ladder);
        if let (Some(placement), true) = (placement, explicit) {
            let band = i32::from(levels[placement.level].band);
            if band > target + 1 {
                flags.push("above target");
            } else if band < target - 1 {
                flags.push("below target");
            }
        }
        if let Some(years) = min_years {
            let band = i32::from(self.signals().years_band(years));
            if band > target + 1 {
                flags.push("years above target");
            } else if band < target - 1 {
                flags.push("years below target");
            }
        }
        Departure { min_years, flags }
    }
}
