//! How a posting's evidence is weighed together into one band and a confidence: the scope
//! phrases capped as a group, the lesser stated years discounted, and the weighted mean and its
//! spread. The evidence itself stays where it was found; this works on copies of its bands and
//! weights.

use super::{Evidence, EvidenceKind, NO_EVIDENCE_BAND};

/// A piece of evidence as the posting's combination weighs it: copies of its band and of its
/// weight (which the combination adjusts), and where the evidence itself is.
#[derive(Clone, Copy, Debug)]
pub(super) struct Weighed {
    band: f64,
    weight: f64,
    years: bool,
    scope: bool,
    requirement: u32,
    /// Its start in the posting text (or the title).
    start: usize,
    /// The requirement (by position) whose evidence list holds it; `None` for the title's.
    source: Option<usize>,
    /// Its place in that list.
    index: usize,
}

impl Weighed {
    pub(super) fn of(evidence: &Evidence, source: Option<usize>, index: usize) -> Weighed {
        Weighed {
            band: evidence.band,
            weight: evidence.weight,
            years: matches!(evidence.kind, EvidenceKind::Years { .. }),
            scope: evidence.kind == EvidenceKind::Scope,
            requirement: evidence.requirement,
            start: evidence.range.start,
            source,
            index,
        }
    }
}

/// The `count` pieces that weigh most, strongest first (of equal weight, the earlier
/// requirement, then the earlier in the text): each as where its list is (`None` for the
/// title's, else the requirement's position), its place in that list, and its weight as
/// weighed.
pub(super) fn strongest(mut weighed: Vec<Weighed>, count: usize) -> impl Iterator<Item = (Option<usize>, usize, f64)> {
    weighed.sort_by(|a, b| {
        b.weight.total_cmp(&a.weight).then(a.requirement.cmp(&b.requirement)).then(a.start.cmp(&b.start))
    });
    weighed.truncate(count);
    weighed.into_iter().map(|w| (w.source, w.index, w.weight))
}

/// Scope phrases speak together for the whole posting, at most `cap`: a long posting uses many
/// scope words, and together they would drown its title and stated years. Their relative
/// weights are kept.
pub(super) fn cap_scope(evidence: &mut [Weighed], cap: f64) {
    let total: f64 = evidence.iter().filter(|e| e.scope).map(|e| e.weight).sum();
    if total > cap {
        let scale = cap / total;
        for e in evidence.iter_mut().filter(|e| e.scope) {
            e.weight *= scale;
        }
    }
}

/// A posting that asks for "8+ years of Java" and "5+ years of AWS" is an 8-year role: the
/// largest stated minimum speaks for the level, the smaller ones about single skills.
pub(super) fn discount_lesser_years(evidence: &mut [Weighed], factor: f64) {
    let Some(top) = evidence.iter().filter(|e| e.years).map(|e| e.band).max_by(f64::total_cmp) else { return };
    for e in evidence.iter_mut().filter(|e| e.years && e.band < top) {
        e.weight *= factor;
    }
}

/// The mean of (band, weight) pairs weighted by weight, if any weight is positive.
fn weighted_mean(pairs: impl Iterator<Item = (f64, f64)> + Clone) -> Option<f64> {
    let weight: f64 = pairs.clone().map(|(_, weight)| weight).sum();
    (weight > 0.0).then(|| pairs.map(|(band, weight)| band * weight).sum::<f64>() / weight)
}

pub(super) fn weighted_band(evidence: &[Evidence]) -> Option<f64> {
    weighted_mean(evidence.iter().map(|e| (e.band, e.weight)))
}

/// The weighted mean band, and a confidence from the evidence's total weight and spread.
pub(super) fn combine_evidence(evidence: &[Weighed]) -> (f64, f64) {
    let Some(mean) = weighted_mean(evidence.iter().map(|e| (e.band, e.weight))) else {
        return (NO_EVIDENCE_BAND, 0.0);
    };
    let weight: f64 = evidence.iter().map(|e| e.weight).sum::<f64>();
    let variance = evidence.iter().map(|e| e.weight * (e.band - mean).powi(2)).sum::<f64>() / weight;
    let amount = 1.0 - (-weight / 3.0).exp();
    let agreement = (1.0 - variance.sqrt() / 2.5).clamp(0.0, 1.0);
    (mean.clamp(1.0, 6.0), (amount * agreement * 100.0).round() / 100.0)
}
