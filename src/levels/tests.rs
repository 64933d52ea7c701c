use super::*;
use crate::input::text::split_document;
use crate::{Analyzer, Posting};

const SEED: &str = include_str!("../../data/sre-postings.txt");

fn model_and_analyzer() -> (LevelModel, Analyzer) {
    let taxonomy = Taxonomy::embedded();
    let model = LevelModel::new(Ladder::embedded(), LevelData::embedded(), &taxonomy);
    (model, Analyzer::new(taxonomy).unwrap())
}

fn seed_posting(containing: &str) -> Posting {
    let range = split_document(SEED).into_iter().find(|r| SEED[r.clone()].contains(containing)).expect("seed posting");
    Posting::new("seed", &SEED[range])
}

#[test]
fn senior_principal_posting_lands_at_staff_or_above() {
    let (model, analyzer) = model_and_analyzer();
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

/// Written for this test, in the voice of no ladder the model was trained on.
const JUNIOR_TEXT: &str = "Works on small, clearly scoped tasks that a teammate has broken down.
Asks for help early when stuck and learns the team's tools and code review habits.
Fixes bugs in one component with guidance from the mentor assigned to them.";
const STAFF_TEXT: &str = "Sets the technical strategy for several product groups over a multi-year horizon.
Is recognised across the company as the authority on the architecture of the payments platform.
Shapes how the whole engineering organization plans, and influences executives on investment.";

#[test]
fn junior_and_staff_texts_land_at_the_ends_of_the_scale() {
    let (model, analyzer) = model_and_analyzer();
    let junior = model.estimate(&analyzer.analyse(Posting::new("j", JUNIOR_TEXT)));
    let staff = model.estimate(&analyzer.analyse(Posting::new("s", STAFF_TEXT)));
    assert!(junior.estimate <= 2.0, "{junior:#?}");
    assert!(staff.estimate >= 5.0, "{staff:#?}");
}

#[test]
fn every_level_call_quotes_text_it_can_slice() {
    let (model, analyzer) = model_and_analyzer();
    for text in [JUNIOR_TEXT, STAFF_TEXT, SEED, "- Mentor junior engineers and coach new hires"] {
        let analysis = analyzer.analyse(Posting::new("t", text));
        let level = model.estimate(&analysis);
        assert!(!level.evidence.is_empty());
        for evidence in level.requirements.iter().flat_map(|r| &r.evidence) {
            let quoted = &text[evidence.range.clone()];
            assert!(!quoted.trim().is_empty(), "{evidence:?}");
            if let EvidenceKind::Text { reasons, .. } = &evidence.kind {
                let words = model::words(quoted).join(" ");
                for reason in reasons {
                    assert!(reason.content, "{reason:?}");
                    assert!(words.contains(&*reason.ngram), "'{}' not in '{quoted}'", reason.ngram);
                }
            }
        }
    }
}

#[test]
fn a_one_level_ladder_says_when_a_posting_is_outside_it() {
    let (model, analyzer) = model_and_analyzer();
    let mut posting = Posting::new("t", "- Build data pipelines in Python");
    posting.title = Some("Principal Data Engineer".to_string());
    let level = model.estimate(&analyzer.analyse(posting));
    let dropbox = model.ladders().iter().position(|l| l.levels.len() == 1).expect("the one-level Dropbox ladder");
    assert_eq!(level.ladders[dropbox].fit, LadderFit::Above, "{level:#?}");
    let kensho = &level.ladders[0];
    assert_eq!(kensho.fit, LadderFit::Within);
}

#[test]
fn the_embedded_model_matches_its_checksum_and_an_edit_is_caught() {
    let model = model::TextModel::embedded();
    assert!(model.ngrams().len() > 1000);
    assert!(model::DEFAULT_MODEL_CSV.contains(&format!("# checksum: {}", model.fingerprint())));
    let edited = model::DEFAULT_MODEL_CSV.replacen("param,intercept,", "param,intercept,1", 1);
    let error = model::TextModel::parse(&edited, "edited.csv").unwrap_err();
    assert!(error.to_string().contains("checksum"), "{error}");
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
    assert_eq!(level.evidence[0].kind, EvidenceKind::Title);
    assert!(level.estimate > 4.5, "{level:#?}");
}

#[test]
fn no_evidence_means_no_confidence() {
    let (model, analyzer) = model_and_analyzer();
    let level = model.estimate(&analyzer.analyse(Posting::new("t", "Bananas.")));
    assert_eq!(level.confidence, 0.0);
    assert_eq!(level.estimate, NO_EVIDENCE_BAND);
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

#[test]
fn levels_without_skills_or_placing_are_the_levels_of_a_full_call() {
    let (model, analyzer) = model_and_analyzer();
    let mut titled = Posting::new("t", SEED);
    titled.title = Some("Senior Site Reliability Engineer".to_string());
    for posting in [Posting::new("j", JUNIOR_TEXT), Posting::new("s", STAFF_TEXT), titled] {
        let full = analyzer.analyse(posting.clone());
        let lean = analyzer.analyse_requirements(posting);
        assert!(!full.matches.is_empty() || full.posting.id == "j", "a text with skills: {:?}", full.posting.id);
        assert!(lean.matches.is_empty());
        assert_eq!(lean.requirements, full.requirements);

        let placed = model.estimate(&full);
        let level = model.estimate_levels(&lean);
        assert!(placed.requirements.iter().any(|r| !r.placements.is_empty()));
        assert!(level.requirements.iter().all(|r| r.placements.is_empty()));
        assert_eq!(level.estimate, placed.estimate);
        assert_eq!(level.confidence, placed.confidence);
        assert_eq!(level.ladders, placed.ladders);
        assert_eq!(level.evidence, placed.evidence);
        for (lean, full) in level.requirements.iter().zip(&placed.requirements) {
            assert_eq!((lean.requirement, &lean.range, lean.band), (full.requirement, &full.range, full.band));
            assert_eq!(lean.evidence, full.evidence);
        }
    }
}
