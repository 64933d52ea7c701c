//! Bands for a user's own ladder: each level placed on the common 1–6 scale from the text of
//! its cells, with the learned text model ([`super::model`]), so a ladder written without bands
//! can be compared with postings and other ladders.
//!
//! A level's estimate is the calibrated mean score of the cells it states (inherited cells
//! restate a lower level and are left out). Levels of one ladder are ordered, so the estimates
//! are then made non-decreasing in level order (pool-adjacent-violators: a level that reads
//! lower than the one below it is pooled with it) before rounding.

use super::model::{Contribution, TextModel};
use crate::ladder::Ladder;

/// How many reasons a level shows.
const REASONS: usize = 3;

/// The band assigned to one level, with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelBand {
    /// Index of the level in the ladder.
    pub level: usize,
    /// The calibrated mean of its cells' scores, before ordering (`None`: no cell the model
    /// could score).
    pub estimate: Option<f64>,
    /// The band assigned, 1 to 6, after ordering.
    pub band: u8,
    /// How many of its cells were scored.
    pub cells: usize,
    /// The content n-grams that pushed its cells most, strongest first, in bands per cell.
    pub reasons: Vec<Contribution>,
}

/// Assigns every level of `ladder` a band from its own text.
pub fn assign_bands(ladder: &Ladder, model: &TextModel) -> Vec<LevelBand> {
    let mut rows: Vec<LevelBand> = (0..ladder.levels.len())
        .map(|level| {
            let mut raws = Vec::new();
            let mut pushes: Vec<Contribution> = Vec::new();
            for competency in 0..ladder.competencies.len() {
                let cell = ladder.resolved(level, competency);
                if cell.inherited_from.is_some() {
                    continue;
                }
                let Some(score) = model.score(cell.descriptor) else { continue };
                raws.push(score.raw);
                for c in model.contributions(&score).filter(|c| c.content) {
                    match pushes.iter_mut().find(|p| p.ngram == c.ngram) {
                        Some(p) => p.bands += c.bands,
                        None => pushes.push(c),
                    }
                }
            }
            for push in &mut pushes {
                push.bands /= raws.len().max(1) as f64;
            }
            pushes.sort_by(|a, b| b.bands.abs().total_cmp(&a.bands.abs()).then_with(|| a.ngram.cmp(&b.ngram)));
            pushes.truncate(REASONS);
            let estimate = (!raws.is_empty()).then(|| model.calibrate(raws.iter().sum::<f64>() / raws.len() as f64));
            LevelBand { level, estimate, band: 0, cells: raws.len(), reasons: pushes }
        })
        .collect();
    // Levels the model could not read take the estimate of the level below (or above).
    let mut known: Vec<f64> = Vec::with_capacity(rows.len());
    let mut last = rows.iter().find_map(|r| r.estimate).unwrap_or(3.0);
    for row in &rows {
        last = row.estimate.unwrap_or(last);
        known.push(last);
    }
    for (row, band) in rows.iter_mut().zip(non_decreasing(&known)) {
        row.band = band.round().clamp(1.0, 6.0) as u8;
    }
    rows
}

/// The closest non-decreasing sequence in least squares (pool-adjacent-violators).
fn non_decreasing(values: &[f64]) -> Vec<f64> {
    // Blocks of (sum, count), merged while a block's mean is below the previous one's.
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for &v in values {
        blocks.push((v, 1));
        while blocks.len() > 1 {
            let (s2, n2) = blocks[blocks.len() - 1];
            let (s1, n1) = blocks[blocks.len() - 2];
            if s1 / n1 as f64 <= s2 / n2 as f64 {
                break;
            }
            blocks.pop();
            *blocks.last_mut().expect("two blocks") = (s1 + s2, n1 + n2);
        }
    }
    blocks.into_iter().flat_map(|(s, n)| std::iter::repeat_n(s / n as f64, n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordering_pools_levels_that_read_lower_than_the_one_below() {
        assert_eq!(non_decreasing(&[1.0, 3.0, 2.0, 5.0]), [1.0, 2.5, 2.5, 5.0]);
        assert_eq!(non_decreasing(&[4.0, 1.0]), [2.5, 2.5]);
    }

    #[test]
    fn the_shipped_kensho_ladder_gets_rising_bands_near_its_own() {
        let kensho = Ladder::embedded().into_iter().find(|l| l.id == "kensho-sre").unwrap();
        let bands = assign_bands(&kensho, &TextModel::embedded());
        let assigned: Vec<u8> = bands.iter().map(|b| b.band).collect();
        assert!(assigned.windows(2).all(|w| w[0] <= w[1]), "{assigned:?}");
        for (row, level) in bands.iter().zip(&kensho.levels) {
            assert!((i32::from(row.band) - i32::from(level.band)).abs() <= 1, "{assigned:?}");
            assert!(!row.reasons.is_empty());
        }
    }
}
