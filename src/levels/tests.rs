use super::*;
use crate::input::text::split_document;
use crate::{Analyzer, Posting};

const SEED: &str = include_str!("../../data/sre-postings.txt");

fn model_and_analyzer() -> (LevelModel, Analyzer) {
    let taxonomy = Taxonomy::embedded();
    let model = LevelModel::new(Ladder::embedded(), LevelSignals::embedded(), &taxonomy);
    (model, Analyzer::new(taxonomy).unwrap())
}

fn seed_posting(containing: &str) -> Posting {
    let range = split_document(SEED).into_iter().find(|r| SEED[r.clone()].contains(containing)).expect("seed posting");
    Posting::new("seed", &SEED[range])
}

#[test]
fn senior_principal_posting_lands_at_staff_or_above() {
    let (model, analyzer) = model_and_analyzer();
    let level = model.estimate(&analyzer.analyse(seed_posting("driving large, complex, cross-organizational")));
    assert!((4.5..=6.0).contains(&level.estimate), "{level:#?}");
    let kensho = &model.ladders()[level.ladders[0].ladder];
    let band = kensho.levels[level.ladders[0].level].band;
    assert!((5..=6).contains(&band), "band {band}");
    assert!(level.evidence.iter().any(|e| e.signal.contains("cross-organizational")), "{:#?}", level.evidence);
    // The first seed posting states 8+ years and little else about scope: senior II or above.
    let other = model.estimate(&analyzer.analyse(seed_posting("8+ years experience as a senior/principal SRE")));
    assert!(other.estimate >= 3.5, "{other:#?}");
    // Both signals of the example in one posting.
    let both = Posting::new(
        "both",
        "- 8+ years experience as a senior/principal SRE\n- Experience in driving large, complex, cross-organizational initiatives from inception to completion.",
    );
    let level = model.estimate(&analyzer.analyse(both));
    let band = model.ladders()[0].levels[level.ladders[0].level].band;
    assert!((5..=6).contains(&band), "{level:#?}");
}

#[test]
fn two_years_and_working_knowledge_lands_at_entry_or_mid() {
    let (model, analyzer) = model_and_analyzer();
    let level = model.estimate(&analyzer.analyse(seed_posting("Typically, 2+ years")));
    let band = model.ladders()[0].levels[level.ladders[0].level].band;
    assert!((1..=2).contains(&band), "{level:#?}");
}

#[test]
fn title_words_weigh_most_in_the_title() {
    let (model, analyzer) = model_and_analyzer();
    let mut posting = Posting::new("t", "- Build data pipelines in Python");
    posting.title = Some("Principal Data Engineer".to_string());
    let level = model.estimate(&analyzer.analyse(posting));
    assert_eq!(level.evidence[0].signal, "title \"Principal\"");
    assert!(level.estimate > 4.5, "{level:#?}");
}

#[test]
fn no_evidence_means_no_confidence() {
    let (model, analyzer) = model_and_analyzer();
    let level = model.estimate(&analyzer.analyse(Posting::new("t", "Bananas.")));
    assert_eq!(level.confidence, 0.0);
    assert_eq!(level.estimate, PRIOR_BAND);
}

#[test]
fn requirements_are_placed_on_competencies() {
    let (model, analyzer) = model_and_analyzer();
    let analysis = analyzer.analyse(Posting::new("t", "- Conduct blameless postmortems and own incident response"));
    let level = model.estimate(&analysis);
    let kensho = &model.ladders()[0];
    let placement = &level.requirements[0].placements[0];
    let competency = &kensho.competencies[placement.competency.unwrap()];
    assert_eq!(competency.id, "collaboration", "{placement:?}");
    assert!(placement.terms.contains(&"postmortem".to_string()), "{placement:?}");
}
