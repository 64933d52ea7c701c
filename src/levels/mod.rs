//! Level mapping: which rung of a ladder a posting, and each of its requirements, sits on, and
//! why.
//!
//! Kinds of evidence ([`EvidenceKind`]), each a (band, weight) pair tied to the text that
//! produced it:
//!
//! - **Title words** ([`signals`]), from the editable table `taxonomy/level-signals.csv`, and
//!   level numbers after a role noun ("Engineer III", "SDE 2", "L5"): in the posting's title
//!   only, where they are the employer's own word for the level.
//! - **The text model** ([`model`]): a linear scorer over each requirement's word n-grams,
//!   learned from many companies' ladders and validated on companies left out. Its reasons are
//!   the requirement's strongest content n-grams.
//! - **Stated years**, through the years-to-band table; the largest minimum speaks for the role.
//! - **Scope phrases** from the signal table, unless their clause is about someone else or
//!   negated ("for others", "their manager", "not").
//!
//! A posting's band is the weighted mean of its evidence, with the weights of the model file
//! ([`model::CombineParams`]). Per ladder, the level is the one whose band is nearest, or
//! "outside the ladder's range" when the ladder does not reach the band. Confidence grows with
//! the amount of evidence and shrinks with its disagreement. Each requirement is also placed on
//! each ladder: the competency it exercises (BM25 over that ladder's cells, boosted by the
//! taxonomy's skill → competency links) at the level its own evidence points to.

pub mod bands;
pub mod bm25;
mod combine;
pub mod model;
mod ngram_index;
pub mod signals;
pub mod summary;
pub mod words;

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::analyse::Analysis;
use crate::fixed::push_fixed;
use crate::ladder::Ladder;
use crate::practice::PracticePhrase;
use crate::signals::years_mentions;
use crate::taxonomy::{Taxonomy, TaxonomyError};
use bm25::Bm25;
use combine::{cap_scope, combine_evidence, discount_lesser_years, strongest, weighted_band, Weighed};
use model::{Contribution, TextModel, TextScore};
use signals::{LevelSignals, SignalKind};
use words::LowerWords;

/// Similarity below this BM25 score places a requirement on no competency.
const SIMILARITY_MIN_SCORE: f64 = 3.0;
/// Boost to a cell's score when the requirement names a skill linked to its competency.
const LINK_BOOST: f64 = 4.0;
/// How many content n-grams a text vote shows as its reasons.
const REASONS: usize = 3;
/// The band said for a posting with no evidence at all (with confidence 0).
const NO_EVIDENCE_BAND: f64 = 3.0;

/// What a piece of evidence is.
#[derive(Clone, Debug, PartialEq)]
pub enum EvidenceKind {
    /// A level word of the title ("Senior", "Engineer III", "L5").
    Title,
    /// A title with no level word, which the model file may weigh as a band of its own.
    PlainTitle,
    /// A scope or autonomy phrase of the signal table.
    Scope,
    /// A stated minimum of years.
    Years {
        /// The minimum stated.
        min_years: u32,
    },
    /// The text model's vote for one requirement.
    Text {
        /// Its raw score, before de-compression.
        raw: f64,
        /// The content n-grams that pushed it most, strongest first.
        reasons: Vec<Contribution>,
    },
}

/// One piece of evidence for a level.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The requirement it comes from (0 for the posting's title).
    pub requirement: u32,
    /// Byte range of the phrase (for the text model, of the requirement) in the posting text;
    /// for the title, in the title.
    pub range: Range<usize>,
    /// What it is.
    pub kind: EvidenceKind,
    /// What was found, for a person: `title "Senior"`, `scope "cross-organizational"`,
    /// `years "8+ years"`, `text: 'entire platform' +0.12, 'strategy' +0.08`.
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

/// Where a posting's band falls relative to a ladder's levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LadderFit {
    /// Within half a band of the ladder's levels: the level is an answer.
    Within,
    /// Below the ladder's lowest level by more than half a band.
    Below,
    /// Above the ladder's highest level by more than half a band.
    Above,
}

impl LadderFit {
    /// `within`, `outside ladder range (below)`, `outside ladder range (above)`.
    pub fn as_str(self) -> &'static str {
        match self {
            LadderFit::Within => "within",
            LadderFit::Below => "outside ladder range (below)",
            LadderFit::Above => "outside ladder range (above)",
        }
    }
}

/// A posting's level on one ladder.
#[derive(Clone, Debug, PartialEq)]
pub struct LadderLevel {
    /// Index of the ladder in [`LevelModel::ladders`].
    pub ladder: usize,
    /// Index of the nearest level in the ladder.
    pub level: usize,
    /// Whether the ladder reaches the estimate at all; outside it, `level` is only the nearest.
    pub fit: LadderFit,
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
    /// Per practice phrase of the analysis (in its order), its place on each ladder.
    pub practices: Vec<Vec<Placement>>,
}

/// The data a level call is made with: the signal table and the learned text model.
#[derive(Clone, Debug)]
pub struct LevelData {
    /// Title words, years table and scope phrases.
    pub signals: LevelSignals,
    /// The learned n-gram model and the combination weights.
    pub text: TextModel,
}

impl LevelData {
    /// The tables built into rungs.
    pub fn embedded() -> LevelData {
        LevelData { signals: LevelSignals::embedded(), text: TextModel::embedded() }
    }

    /// The tables a user chose: `signals` and `model` files if given, else
    /// `level-signals.csv` and `level-model.csv` in `taxonomy_dir` if it has them, else the
    /// embedded ones.
    pub fn load(
        taxonomy_dir: Option<&Path>,
        signals: Option<&Path>,
        model: Option<&Path>,
    ) -> Result<LevelData, TaxonomyError> {
        let pick = |explicit: Option<&Path>, name: &str| -> Option<PathBuf> {
            explicit.map(Path::to_path_buf).or_else(|| {
                let candidate = taxonomy_dir.filter(|d| d.is_dir())?.join(name);
                candidate.is_file().then_some(candidate)
            })
        };
        let signals = match pick(signals, "level-signals.csv") {
            Some(path) => LevelSignals::parse(&TaxonomyError::read_file(&path)?, &path.display().to_string())?,
            None => LevelSignals::embedded(),
        };
        let text = match pick(model, "level-model.csv") {
            Some(path) => TextModel::parse(&TaxonomyError::read_file(&path)?, &path.display().to_string())?,
            None => TextModel::embedded(),
        };
        Ok(LevelData { signals, text })
    }
}

/// Which cell a similarity document is.
#[derive(Clone, Copy, Debug)]
struct CellRef {
    level: usize,
    competency: usize,
}

/// Ladders, signals, the text model and the similarity index, built once.
#[derive(Clone, Debug)]
pub struct LevelModel {
    ladders: Vec<Ladder>,
    data: LevelData,
    index: Bm25,
    cells: Vec<CellRef>,
    /// Each ladder's cells: a range of `cells` (and of the index's documents).
    ladder_cells: Vec<Range<usize>>,
    /// For each skill, the (ladder, competency) pairs it is linked to.
    skill_links: Vec<Vec<(usize, usize)>>,
}

impl LevelModel {
    /// Builds the model for `ladders`, linking the taxonomy's skills to their competencies.
    pub fn new(ladders: Vec<Ladder>, data: LevelData, taxonomy: &Taxonomy) -> LevelModel {
        let mut cells = Vec::new();
        let mut texts = Vec::new();
        let mut ladder_cells = Vec::with_capacity(ladders.len());
        for ladder in &ladders {
            let first = cells.len();
            for level in 0..ladder.levels.len() {
                for competency in 0..ladder.competencies.len() {
                    let cell = ladder.resolved(level, competency);
                    // Inherited text is indexed once, at the level that states it.
                    if cell.descriptor.is_empty() || cell.inherited_from.is_some() {
                        continue;
                    }
                    cells.push(CellRef { level, competency });
                    texts.push(cell.descriptor);
                }
            }
            ladder_cells.push(first..cells.len());
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
        LevelModel { ladders, data, index, cells, ladder_cells, skill_links }
    }

    /// The signal table the model uses.
    pub fn signals(&self) -> &LevelSignals {
        &self.data.signals
    }

    /// The learned text model.
    pub fn text_model(&self) -> &TextModel {
        &self.data.text
    }

    /// The ladders, in the order results refer to them.
    pub fn ladders(&self) -> &[Ladder] {
        &self.ladders
    }

    /// Estimates the level of one analysed posting, and places each of its requirements and
    /// practice phrases on each ladder's competencies.
    pub fn estimate(&self, analysis: &Analysis) -> PostingLevel {
        self.estimate_placing(analysis, true)
    }

    /// The posting's level on each ladder and its evidence, as [`LevelModel::estimate`] finds
    /// them, without placing requirements and practice phrases on competencies (their
    /// `placements` and [`PostingLevel::practices`] stay empty): what `rungs levels` prints.
    /// Placing is a similarity search per requirement and ladder, most of a level call.
    pub fn estimate_levels(&self, analysis: &Analysis) -> PostingLevel {
        self.estimate_placing(analysis, false)
    }

    fn estimate_placing(&self, analysis: &Analysis, placing: bool) -> PostingLevel {
        // The stages read the clean view; ranges go back to the posting text at the end.
        let text = analysis.clean_text();
        let title_evidence = match &analysis.posting.title {
            Some(title) => self.title_evidence(title),
            None => Vec::new(),
        };
        let mut requirements = Vec::with_capacity(analysis.requirements.len());
        let mut queries = Vec::with_capacity(if placing { analysis.requirements.len() } else { 0 });
        for requirement in &analysis.requirements {
            let range = requirement.clean_range.clone();
            let slice = &text[range.clone()];
            let mut evidence = self.signal_evidence(requirement.index, range.start, slice);
            // The words are read once for the text model and the similarity index when the
            // requirement is placed; the model alone reads them straight from the text.
            let score = if placing {
                let words = LowerWords::new(slice);
                queries.push(self.index.query(&words));
                self.data.text.score_words(&words)
            } else {
                self.data.text.score(slice)
            };
            if let Some(vote) = score.map(|score| self.text_evidence(requirement.index, range.clone(), score)) {
                evidence.push(vote);
            }
            requirements.push(RequirementLevel {
                requirement: requirement.index,
                range,
                band: None,
                evidence,
                placements: Vec::new(),
            });
        }
        self.weigh_text_votes(&mut requirements);
        for requirement in &mut requirements {
            requirement.band = weighted_band(&requirement.evidence);
        }
        if placing {
            for ((requirement, analysed), query) in requirements.iter_mut().zip(&analysis.requirements).zip(queries) {
                requirement.placements = self.place_requirement(analysis, analysed.index, requirement.band, &query);
            }
        }
        // The posting's evidence, weighed together: copies of bands and weights, and where each
        // piece is, so that only the strongest pieces are cloned.
        let mut weighed: Vec<Weighed> =
            title_evidence.iter().enumerate().map(|(i, e)| Weighed::of(e, None, i)).collect();
        // Ranges in text order, requirement by requirement: one walk over the view's pieces each.
        analysis.view.map_to_original(requirements.iter_mut().map(|r| &mut r.range));
        analysis
            .view
            .map_to_original(requirements.iter_mut().flat_map(|r| r.evidence.iter_mut().map(|e| &mut e.range)));
        for (r, requirement) in requirements.iter().enumerate() {
            for (i, evidence) in requirement.evidence.iter().enumerate() {
                weighed.push(Weighed::of(evidence, Some(r), i));
            }
        }
        let combine = &self.data.text.combine;
        discount_lesser_years(&mut weighed, combine.lesser_years_factor);
        cap_scope(&mut weighed, combine.scope_cap);
        let (estimate, confidence) = combine_evidence(&weighed);
        let ladders = self
            .ladders
            .iter()
            .enumerate()
            .map(|(l, ladder)| LadderLevel {
                ladder: l,
                level: ladder.nearest_level(estimate),
                fit: ladder_fit(ladder, estimate),
                estimate,
                confidence,
            })
            .collect();
        let evidence = strongest(weighed, 5)
            .map(|(source, index, weight)| {
                let list = source.map_or(&title_evidence, |r| &requirements[r].evidence);
                Evidence { weight, ..list[index].clone() }
            })
            .collect();
        let practices = if placing {
            analysis.practices.iter().map(|phrase| self.place_phrase(analysis, phrase)).collect()
        } else {
            Vec::new()
        };
        PostingLevel { estimate, confidence, ladders, evidence, requirements, practices }
    }

    /// Places requirement `index` (with its own `band`, and its similarity `query`) on each
    /// ladder, boosted by the competencies its skill matches are linked to.
    fn place_requirement(&self, analysis: &Analysis, index: u32, band: Option<f64>, query: &[usize]) -> Vec<Placement> {
        let scores = self.index.scores(query);
        let linked: Vec<(usize, usize)> = analysis
            .matches
            .iter()
            .filter(|m| m.requirement == index)
            .flat_map(|m| self.skill_links[m.skill as usize].iter().copied())
            .collect();
        (0..self.ladders.len()).map(|l| self.place(l, band, &scores, query, &linked)).collect()
    }

    /// Places one practice phrase on each ladder: the competency whose cells it resembles most
    /// (boosted where a skill it names is linked to one), at the level of that cell.
    pub fn place_phrase(&self, analysis: &Analysis, phrase: &PracticePhrase) -> Vec<Placement> {
        let query = self.index.query(&LowerWords::new(&analysis.posting.text[phrase.range.clone()]));
        let scores = self.index.scores(&query);
        let linked: Vec<(usize, usize)> = analysis
            .matches
            .iter()
            .filter(|m| phrase.range.start <= m.range.start && m.range.end <= phrase.range.end)
            .flat_map(|m| self.skill_links[m.skill as usize].iter().copied())
            .collect();
        (0..self.ladders.len()).map(|l| self.place(l, None, &scores, &query, &linked)).collect()
    }

    /// Level words of the title, or the plain-title vote when it has none.
    fn title_evidence(&self, title: &str) -> Vec<Evidence> {
        let combine = &self.data.text.combine;
        let mut evidence: Vec<Evidence> = self
            .data
            .signals
            .find_in_title(title)
            .into_iter()
            .map(|hit| Evidence {
                requirement: 0,
                signal: format!("title \"{}\"", &title[hit.range.clone()]),
                range: hit.range,
                kind: EvidenceKind::Title,
                band: f64::from(hit.band),
                weight: hit.weight * combine.title_weight,
            })
            .collect();
        if evidence.is_empty() && !title.trim().is_empty() && combine.plain_title_weight > 0.0 {
            evidence.push(Evidence {
                requirement: 0,
                signal: "title without a level word".to_string(),
                range: 0..title.len(),
                kind: EvidenceKind::PlainTitle,
                band: combine.plain_title_band,
                weight: combine.plain_title_weight,
            });
        }
        evidence
    }

    /// Scope phrases about the role holder, and stated years, in one requirement.
    fn signal_evidence(&self, requirement: u32, offset: usize, text: &str) -> Vec<Evidence> {
        // Title words count in the title only: in the body, "lead", "staff" and "senior" are
        // verbs, colleagues and stakeholders far more often than the role's own level.
        let signals = &self.data.signals;
        let mut evidence: Vec<Evidence> = signals
            .find_about_holder(text)
            .into_iter()
            .filter(|hit| signals.phrases()[hit.phrase].kind == SignalKind::Scope)
            .map(|hit| {
                let phrase = &signals.phrases()[hit.phrase];
                Evidence {
                    requirement,
                    signal: format!("scope \"{}\"", &text[hit.range.clone()]),
                    range: offset + hit.range.start..offset + hit.range.end,
                    kind: EvidenceKind::Scope,
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
                kind: EvidenceKind::Years { min_years: mention.min_years },
                band: f64::from(signals.years_band(mention.min_years)),
                weight: self.data.text.combine.years_weight,
            });
        }
        evidence
    }

    /// The text model's vote for one requirement, weighed later by [`Self::weigh_text_votes`].
    fn text_evidence(&self, requirement: u32, range: Range<usize>, score: TextScore) -> Evidence {
        let model = &self.data.text;
        let reasons: Vec<Contribution> = model.reasons(&score).take(REASONS).collect();
        Evidence {
            requirement,
            range,
            signal: text_signal(&reasons),
            kind: EvidenceKind::Text { raw: score.raw, reasons },
            // Beyond the scale by more than half a band is the model extrapolating.
            band: model.calibrate(score.raw).clamp(0.5, 6.5),
            weight: 0.0,
        }
    }

    /// The text model speaks once for the posting: its weight grows with the number of scored
    /// requirements up to full strength and is shared equally among them, so their mean is the
    /// model's calibrated band for the whole text.
    fn weigh_text_votes(&self, requirements: &mut [RequirementLevel]) {
        let combine = &self.data.text.combine;
        let is_vote = |e: &Evidence| matches!(e.kind, EvidenceKind::Text { .. });
        let votes = requirements.iter().flat_map(|r| &r.evidence).filter(|e| is_vote(e)).count();
        if votes == 0 {
            return;
        }
        let total = combine.text_weight * (votes as f64 / combine.text_full_requirements.max(1.0)).min(1.0);
        let each = total / votes as f64;
        for evidence in requirements.iter_mut().flat_map(|r| r.evidence.iter_mut()).filter(|e| is_vote(e)) {
            evidence.weight = each;
        }
    }

    fn place(
        &self,
        ladder: usize,
        band: Option<f64>,
        scores: &[f64],
        query: &[usize],
        linked: &[(usize, usize)],
    ) -> Placement {
        // The most similar cell after the boost; of equals, the one with the higher similarity,
        // then the lower id (the order of a ranked search, with no sort).
        let mut best: Option<(usize, f64, f64)> = None;
        let docs = self.ladder_cells[ladder].clone();
        for (doc, &score) in docs.clone().zip(&scores[docs]) {
            let cell = self.cells[doc];
            if score <= 0.0 {
                continue;
            }
            let boosted = score + if linked.contains(&(ladder, cell.competency)) { LINK_BOOST } else { 0.0 };
            if best.is_none_or(|(_, b, s)| boosted > b || (boosted == b && score > s)) {
                best = Some((doc, boosted, score));
            }
        }
        let best = best.map(|(doc, boosted, _)| (doc, boosted));
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
                let level = ladder_ref.nearest_level(band.unwrap_or(NO_EVIDENCE_BAND));
                let score = if competency.is_some() { LINK_BOOST } else { 0.0 };
                Placement { ladder, competency, level, score, terms: Vec::new() }
            }
        }
    }
}

/// What a text vote shows: `text: 'entire platform' +0.12, 'strategy' +0.08`.
fn text_signal(reasons: &[Contribution]) -> String {
    if reasons.is_empty() {
        return "text: function words only".to_string();
    }
    let mut signal = String::with_capacity(8 + reasons.iter().map(|c| c.ngram.len() + 10).sum::<usize>());
    signal.push_str("text: ");
    for (i, reason) in reasons.iter().enumerate() {
        if i > 0 {
            signal.push_str(", ");
        }
        signal.push('\'');
        signal.push_str(&reason.ngram);
        signal.push_str("' ");
        push_fixed(&mut signal, reason.bands, 2, true);
    }
    signal
}

/// Whether `ladder` reaches `estimate`: within half a band of its lowest and highest level.
pub fn ladder_fit(ladder: &Ladder, estimate: f64) -> LadderFit {
    let bands = ladder.levels.iter().map(|l| f64::from(l.band));
    let low = bands.clone().fold(f64::INFINITY, f64::min);
    let high = bands.fold(f64::NEG_INFINITY, f64::max);
    if estimate < low - 0.5 {
        LadderFit::Below
    } else if estimate > high + 0.5 {
        LadderFit::Above
    } else {
        LadderFit::Within
    }
}

#[cfg(test)]
mod tests;
