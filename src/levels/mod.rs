//! Level mapping: which rung of a ladder a posting, and each of its requirements, sits on, and
//! why.
//!
//! Three kinds of evidence, each a (band, weight) pair tied to the text that produced it:
//!
//! - **Signals** ([`signals`]): title words, scope and autonomy phrases, stated years, from the
//!   editable table `taxonomy/level-signals.csv`. Title words count in the posting's title only
//!   (weighing [`TITLE_WEIGHT`] times their table weight); a title with no level word is
//!   evidence of an entry or mid-level role.
//! - **Similarity** ([`bm25`]): each requirement is compared with every ladder cell; the bands
//!   of the closest cells, weighted by score, say which level it reads like.
//! - **A weak prior** at the middle of the scale, so a posting with no evidence says "mid" with
//!   a confidence near zero rather than nothing.
//!
//! A requirement's band is the weighted mean of its evidence; a posting's is the weighted mean
//! of all its evidence. Per ladder, the level is the one whose band is nearest. Confidence grows
//! with the amount of evidence and shrinks with its disagreement. Each requirement is also
//! placed on each ladder: the competency it exercises (BM25 over that ladder's cells, boosted
//! by the taxonomy's skill → competency links), at which level, with the terms that matched.

pub mod bm25;
pub mod signals;
pub mod summary;

use std::ops::Range;

use crate::analyse::Analysis;
use crate::ladder::Ladder;
use crate::signals::years_mentions;
use crate::taxonomy::Taxonomy;
use bm25::{terms, Bm25};
use signals::{LevelSignals, SignalKind};

/// How much more a title word counts in the posting's title than in its body.
pub const TITLE_WEIGHT: f64 = 8.0;
/// The band and weight of a title that names no level.
const PLAIN_TITLE_BAND: f64 = 2.0;
const PLAIN_TITLE_WEIGHT: f64 = 8.0;
/// Weight of a stated minimum of years.
const YEARS_WEIGHT: f64 = 1.0;
/// What a stated minimum below the posting's largest one still counts.
const LESSER_YEARS_FACTOR: f64 = 0.25;
/// Weight of the similarity evidence of one requirement, at full strength.
const SIMILARITY_WEIGHT: f64 = 0.6;
/// BM25 score at which similarity evidence reaches full strength.
const SIMILARITY_FULL_SCORE: f64 = 12.0;
/// The most all scope phrases of one posting may weigh together.
const SCOPE_POSTING_CAP: f64 = 1000.0;
/// The most all similarity evidence of one posting may weigh together.
const SIMILARITY_POSTING_CAP: f64 = 0.4;
/// Similarity below this score is noise and ignored.
const SIMILARITY_MIN_SCORE: f64 = 3.0;
/// How many of the closest cells vote.
const SIMILARITY_TOP: usize = 5;
/// The prior: the middle of the scale, weighing little.
const PRIOR_BAND: f64 = 2.5;
const PRIOR_WEIGHT: f64 = 0.2;
/// Boost to a cell's score when the requirement names a skill linked to its competency.
const LINK_BOOST: f64 = 4.0;

/// One piece of evidence for a level.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The requirement it comes from (0 for the posting's title).
    pub requirement: u32,
    /// Byte range of the phrase (for similarity, of the requirement) in the posting text; for
    /// the title, in the title.
    pub range: Range<usize>,
    /// What was found: `title "Senior"`, `scope "cross-organizational"`, `years "8+ years"`,
    /// `similar to kensho-sre Staff Site Reliability Engineer · Architecture (12.3)`.
    pub signal: String,
    /// The band it points to.
    pub band: f64,
    /// How much it counts.
    pub weight: f64,
}

/// A requirement placed on one ladder.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    /// Index of the ladder in [`LevelModel::ladders`].
    pub ladder: usize,
    /// The competency it exercises most, if any cell of the ladder is similar at all.
    pub competency: Option<usize>,
    /// The level index it sits at on this ladder.
    pub level: usize,
    /// The similarity score of the best cell (with any link boost).
    pub score: f64,
    /// The terms it shares with that cell.
    pub terms: Vec<String>,
}

/// What rungs concludes about one requirement.
#[derive(Clone, Debug, PartialEq)]
pub struct RequirementLevel {
    /// 1-based requirement index.
    pub requirement: u32,
    /// Byte range in the posting text.
    pub range: Range<usize>,
    /// Weighted band of its own evidence, if it has any.
    pub band: Option<f64>,
    /// Its evidence.
    pub evidence: Vec<Evidence>,
    /// Its place on each ladder.
    pub placements: Vec<Placement>,
}

/// A posting's level on one ladder.
#[derive(Clone, Debug, PartialEq)]
pub struct LadderLevel {
    /// Index of the ladder in [`LevelModel::ladders`].
    pub ladder: usize,
    /// Index of the level in the ladder.
    pub level: usize,
    /// The continuous estimate the level was chosen from.
    pub estimate: f64,
    /// 0 (no evidence, or evidence that disagrees) to 1.
    pub confidence: f64,
}

/// Everything rungs concludes about one posting's level.
#[derive(Clone, Debug, PartialEq)]
pub struct PostingLevel {
    /// The continuous band estimate (1.0 to 6.0).
    pub estimate: f64,
    /// 0 to 1.
    pub confidence: f64,
    /// Per ladder.
    pub ladders: Vec<LadderLevel>,
    /// The strongest evidence, strongest first.
    pub evidence: Vec<Evidence>,
    /// Per requirement.
    pub requirements: Vec<RequirementLevel>,
}

/// Which cell a similarity document is.
#[derive(Clone, Copy, Debug)]
struct CellRef {
    ladder: usize,
    level: usize,
    competency: usize,
    band: u8,
}

/// Ladders, signals and the similarity index, built once.
#[derive(Clone, Debug)]
pub struct LevelModel {
    ladders: Vec<Ladder>,
    signals: LevelSignals,
    index: Bm25,
    cells: Vec<CellRef>,
    /// For each skill, the (ladder, competency) pairs it is linked to.
    skill_links: Vec<Vec<(usize, usize)>>,
}

impl LevelModel {
    /// Builds the model for `ladders`, linking the taxonomy's skills to their competencies.
    pub fn new(ladders: Vec<Ladder>, signals: LevelSignals, taxonomy: &Taxonomy) -> LevelModel {
        let mut cells = Vec::new();
        let mut texts = Vec::new();
        for (l, ladder) in ladders.iter().enumerate() {
            for (level, info) in ladder.levels.iter().enumerate() {
                for competency in 0..ladder.competencies.len() {
                    let cell = ladder.resolved(level, competency);
                    // Inherited text is indexed once, at the level that states it.
                    if cell.descriptor.is_empty() || cell.inherited_from.is_some() {
                        continue;
                    }
                    cells.push(CellRef { ladder: l, level, competency, band: info.band });
                    texts.push(cell.descriptor);
                }
            }
        }
        let index = Bm25::new(texts);
        let skill_links = taxonomy
            .skills()
            .iter()
            .map(|skill| {
                skill
                    .competencies
                    .iter()
                    .filter_map(|link| {
                        let (ladder_id, competency_id) = link.split_once('/')?;
                        let l = ladders.iter().position(|l| l.id == ladder_id)?;
                        let c = ladders[l].competencies.iter().position(|c| c.id == competency_id)?;
                        Some((l, c))
                    })
                    .collect()
            })
            .collect();
        LevelModel { ladders, signals, index, cells, skill_links }
    }

    /// The signal table the model uses.
    pub fn signals(&self) -> &LevelSignals {
        &self.signals
    }

    /// The ladders, in the order results refer to them.
    pub fn ladders(&self) -> &[Ladder] {
        &self.ladders
    }

    /// Estimates the level of one analysed posting.
    pub fn estimate(&self, analysis: &Analysis) -> PostingLevel {
        let text = analysis.posting.text.as_str();
        let mut all_evidence = Vec::new();
        if let Some(title) = &analysis.posting.title {
            for hit in self.signals.find(title) {
                let phrase = &self.signals.phrases()[hit.phrase];
                let weight = phrase.weight * if phrase.kind == SignalKind::Title { TITLE_WEIGHT } else { 1.0 };
                all_evidence.push(Evidence {
                    requirement: 0,
                    signal: format!("title \"{}\"", &title[hit.range.clone()]),
                    range: hit.range,
                    band: f64::from(phrase.band),
                    weight,
                });
            }
            // Employers put the level in the title of senior roles; a title without any level
            // word ("Data Analyst") is itself evidence of an entry or mid-level role.
            if all_evidence.is_empty() && !title.trim().is_empty() {
                all_evidence.push(Evidence {
                    requirement: 0,
                    signal: "title without a level word".to_string(),
                    range: 0..title.len(),
                    band: PLAIN_TITLE_BAND,
                    weight: PLAIN_TITLE_WEIGHT,
                });
            }
        }
        let mut requirements = Vec::with_capacity(analysis.requirements.len());
        for requirement in &analysis.requirements {
            let range = requirement.range.clone();
            let slice = &text[range.clone()];
            let mut evidence = self.signal_evidence(requirement.index, range.start, slice);
            let query = terms(slice);
            let ranked = self.index.search(&query);
            if let Some(similar) = self.similarity_evidence(requirement.index, range.clone(), &ranked) {
                evidence.push(similar);
            }
            let linked: Vec<(usize, usize)> = analysis
                .matches
                .iter()
                .filter(|m| m.requirement == requirement.index)
                .flat_map(|m| self.skill_links[m.skill as usize].iter().copied())
                .collect();
            let band = weighted_band(&evidence);
            let placements = (0..self.ladders.len()).map(|l| self.place(l, band, &ranked, &query, &linked)).collect();
            all_evidence.extend(evidence.iter().cloned());
            requirements.push(RequirementLevel { requirement: requirement.index, range, band, evidence, placements });
        }
        discount_lesser_years(&mut all_evidence);
        cap_weights(&mut all_evidence);
        let (estimate, confidence) = combine(&all_evidence);
        let ladders = self
            .ladders
            .iter()
            .enumerate()
            .map(|(l, ladder)| LadderLevel { ladder: l, level: ladder.nearest_level(estimate), estimate, confidence })
            .collect();
        all_evidence.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then(a.requirement.cmp(&b.requirement))
                .then(a.range.start.cmp(&b.range.start))
        });
        all_evidence.truncate(5);
        PostingLevel { estimate, confidence, ladders, evidence: all_evidence, requirements }
    }

    fn signal_evidence(&self, requirement: u32, offset: usize, text: &str) -> Vec<Evidence> {
        // Title words count in the title only: in the body, "lead", "staff" and "senior" are
        // verbs, colleagues and stakeholders far more often than the role's own level.
        let mut evidence: Vec<Evidence> = self
            .signals
            .find(text)
            .into_iter()
            .filter(|hit| self.signals.phrases()[hit.phrase].kind == SignalKind::Scope)
            .map(|hit| {
                let phrase = &self.signals.phrases()[hit.phrase];
                Evidence {
                    requirement,
                    signal: format!("scope \"{}\"", &text[hit.range.clone()]),
                    range: offset + hit.range.start..offset + hit.range.end,
                    band: f64::from(phrase.band),
                    weight: phrase.weight,
                }
            })
            .collect();
        for mention in years_mentions(text) {
            evidence.push(Evidence {
                requirement,
                signal: format!("years \"{}\"", text[mention.range.clone()].trim()),
                range: offset + mention.range.start..offset + mention.range.end,
                band: f64::from(self.signals.years_band(mention.min_years)),
                weight: YEARS_WEIGHT,
            });
        }
        evidence
    }

    fn similarity_evidence(&self, requirement: u32, range: Range<usize>, ranked: &[(usize, f64)]) -> Option<Evidence> {
        let &(_, top) = ranked.first()?;
        if top < SIMILARITY_MIN_SCORE {
            return None;
        }
        // Only ladders with a range of levels can say which level a text reads like.
        let voters: Vec<(usize, f64)> = ranked
            .iter()
            .filter(|&&(d, _)| self.ladders[self.cells[d].ladder].levels.len() >= 3)
            .take(SIMILARITY_TOP)
            .copied()
            .collect();
        if voters.is_empty() {
            return None;
        }
        let total: f64 = voters.iter().map(|(_, s)| s).sum();
        let band = voters.iter().map(|&(d, s)| f64::from(self.cells[d].band) * s).sum::<f64>() / total;
        let (best, top) = voters[0];
        let cell = self.cells[best];
        let ladder = &self.ladders[cell.ladder];
        Some(Evidence {
            requirement,
            range,
            signal: format!(
                "similar to {} {} · {} ({top:.1})",
                ladder.id, ladder.levels[cell.level].title, ladder.competencies[cell.competency].name
            ),
            band,
            weight: SIMILARITY_WEIGHT * (top / SIMILARITY_FULL_SCORE).min(1.0),
        })
    }

    fn place(
        &self,
        ladder: usize,
        band: Option<f64>,
        ranked: &[(usize, f64)],
        query: &[String],
        linked: &[(usize, usize)],
    ) -> Placement {
        let mut best: Option<(usize, f64)> = None;
        for &(doc, score) in ranked {
            let cell = self.cells[doc];
            if cell.ladder != ladder {
                continue;
            }
            let boosted = score + if linked.contains(&(ladder, cell.competency)) { LINK_BOOST } else { 0.0 };
            if best.is_none_or(|(_, s)| boosted > s) {
                best = Some((doc, boosted));
            }
        }
        // A linked competency with no similar cell still counts: the skill says which one.
        let ladder_ref = &self.ladders[ladder];
        match best {
            Some((doc, score)) if score >= SIMILARITY_MIN_SCORE => {
                let cell = self.cells[doc];
                let level = band.map_or(cell.level, |b| ladder_ref.nearest_level(b));
                Placement {
                    ladder,
                    competency: Some(cell.competency),
                    level,
                    score,
                    terms: self.index.shared_terms(doc, query),
                }
            }
            _ => {
                let competency = linked.iter().find(|(l, _)| *l == ladder).map(|&(_, c)| c);
                let level = ladder_ref.nearest_level(band.unwrap_or(PRIOR_BAND));
                let score = if competency.is_some() { LINK_BOOST } else { 0.0 };
                Placement { ladder, competency, level, score, terms: Vec::new() }
            }
        }
    }
}

/// Similarity and scope phrases each speak once for the whole posting: a long posting has many
/// requirements, each similar to some cell or using some scope word, and together they would
/// drown its title and stated years. Their relative weights within the kind are kept.
fn cap_weights(evidence: &mut [Evidence]) {
    for (prefix, cap) in [("similar to ", SIMILARITY_POSTING_CAP), ("scope ", SCOPE_POSTING_CAP)] {
        let total: f64 = evidence.iter().filter(|e| e.signal.starts_with(prefix)).map(|e| e.weight).sum();
        if total > cap {
            let scale = cap / total;
            for e in evidence.iter_mut().filter(|e| e.signal.starts_with(prefix)) {
                e.weight *= scale;
            }
        }
    }
}

/// A posting that asks for "8+ years of Java" and "5+ years of AWS" is an 8-year role: the
/// largest stated minimum speaks for the level, the smaller ones about single skills.
fn discount_lesser_years(evidence: &mut [Evidence]) {
    let is_years = |e: &Evidence| e.signal.starts_with("years ");
    let Some(top) = evidence.iter().filter(|e| is_years(e)).map(|e| e.band).max_by(f64::total_cmp) else { return };
    for e in evidence.iter_mut().filter(|e| is_years(e) && e.band < top) {
        e.weight *= LESSER_YEARS_FACTOR;
    }
}

fn weighted_band(evidence: &[Evidence]) -> Option<f64> {
    let weight: f64 = evidence.iter().map(|e| e.weight).sum();
    (weight > 0.0).then(|| evidence.iter().map(|e| e.band * e.weight).sum::<f64>() / weight)
}

/// The weighted mean band with the prior, and a confidence from the evidence's total weight
/// and spread.
fn combine(evidence: &[Evidence]) -> (f64, f64) {
    let weight: f64 = evidence.iter().map(|e| e.weight).sum::<f64>();
    let total = weight + PRIOR_WEIGHT;
    let mean = (evidence.iter().map(|e| e.band * e.weight).sum::<f64>() + PRIOR_BAND * PRIOR_WEIGHT) / total;
    let variance = evidence.iter().map(|e| e.weight * (e.band - mean).powi(2)).sum::<f64>() / weight.max(f64::EPSILON);
    let amount = 1.0 - (-weight / 3.0).exp();
    let agreement = (1.0 - variance.sqrt() / 2.5).clamp(0.0, 1.0);
    let estimate = mean.clamp(1.0, 6.0);
    (estimate, (amount * agreement * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests;
