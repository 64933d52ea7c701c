//! Lint-level validation for `rungs taxonomy check`, on top of the structural checks that
//! loading already does.
//!
//! The rule this module enforces: a technology alias that is also an ordinary English word
//! (`Go`, `Make`, `Spring`, `Chef`), or that is a single letter (`R`, `C`), must be listed in
//! `ambiguous_aliases`, where it matches only with evidence. A practice or competency named by
//! a common word (`security`, `leadership`) is fine as a plain alias: the word is the skill.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

use super::{Problem, Severity, Taxonomy, COMMON_ENGLISH};

/// Every lint finding in `taxonomy`, in file order.
pub fn check(taxonomy: &Taxonomy) -> Vec<Problem> {
    let mut problems = Vec::new();
    for skill in taxonomy.skills() {
        let technology = taxonomy.category(&skill.category).is_none_or(|c| c.is_technology() || c.kind == "unknown");
        let name_is_special =
            skill.cased_aliases.iter().chain(&skill.ambiguous_aliases).any(|a| a.eq_ignore_ascii_case(&skill.name));
        let plain = std::iter::once(&skill.name).filter(|_| !name_is_special).chain(&skill.aliases);
        for alias in plain {
            if let Some(why) = plain_alias_risk(alias, technology) {
                problems.push(Problem {
                    severity: Severity::Warning,
                    at: skill.source.clone(),
                    message: format!(
                        "alias '{alias}' of '{}' {why}; list it in ambiguous_aliases so it needs evidence to match",
                        skill.id
                    ),
                });
            }
        }
        let plain: Vec<String> = std::iter::once(&skill.name)
            .filter(|_| !name_is_special)
            .chain(&skill.aliases)
            .map(|a| a.to_lowercase())
            .collect();
        for alias in skill.cased_aliases.iter().chain(&skill.ambiguous_aliases) {
            if plain.contains(&alias.to_lowercase()) {
                problems.push(Problem {
                    severity: Severity::Warning,
                    at: skill.source.clone(),
                    message: format!(
                        "alias '{alias}' of '{}' is also a plain alias, which matches it in any case and without \
                         evidence; remove one of the two",
                        skill.id
                    ),
                });
            }
        }
        for alias in &skill.cased_aliases {
            if alias.chars().count() == 1 {
                problems.push(Problem {
                    severity: Severity::Warning,
                    at: skill.source.clone(),
                    message: format!(
                        "cased alias '{alias}' of '{}' is a single character; list it in ambiguous_aliases",
                        skill.id
                    ),
                });
            }
        }
        for competency in &skill.competencies {
            let valid =
                competency.split_once('/').is_some_and(|(l, c)| !l.is_empty() && !c.is_empty() && !c.contains('/'));
            if !valid {
                problems.push(Problem {
                    severity: Severity::Warning,
                    at: skill.source.clone(),
                    message: format!(
                        "competency link '{competency}' of '{}' is not of the form ladder-id/competency-id",
                        skill.id
                    ),
                });
            }
        }
    }
    problems
}

/// Why a case-insensitive alias would fire on ordinary English, if it would.
fn plain_alias_risk(alias: &str, technology: bool) -> Option<&'static str> {
    if alias.chars().count() == 1 {
        return Some("is a single character");
    }
    let single_word = alias.chars().all(char::is_alphabetic);
    let common = single_word && common_english().contains(alias.to_lowercase().as_str());
    // Short common words ("be", "it", "ma") are function words in any category; longer ones
    // are a risk for tools, whose names are borrowed words, but are the skill itself for
    // practices ("leadership", "security").
    if common && (technology || alias.chars().count() <= 3) {
        return Some("is an ordinary English word");
    }
    None
}

/// Whether `word` (any case) is an ordinary English word.
pub(crate) fn is_common_english(word: &str) -> bool {
    common_english().contains(word.to_lowercase().as_str())
}

fn common_english() -> &'static FxHashSet<&'static str> {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        COMMON_ENGLISH.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_and_single_letters_need_to_be_ambiguous() {
        let skills = "id,name,category,aliases,ambiguous_aliases,competencies\n\
                      go,Go,lang,golang,,\n\
                      golang2,Golang2,lang,,Go2,\n\
                      r,R,lang,,,\n\
                      sec,Security,practice,security engineering,,bad-link\n\
                      k8s,Kubernetes,lang,kubernetes|K8s,K8S,\n";
        let categories = "id,name,kind\nlang,Languages,technology\npractice,Practices,practice\n";
        let taxonomy = Taxonomy::parse_tables(skills, "s.csv", categories, "c.csv").unwrap();
        let found: Vec<String> = check(&taxonomy).into_iter().map(|p| p.to_string()).collect();
        assert_eq!(
            found,
            [
                "s.csv:2: warning: alias 'Go' of 'go' is an ordinary English word; list it in ambiguous_aliases so it needs evidence to match",
                "s.csv:4: warning: alias 'R' of 'r' is a single character; list it in ambiguous_aliases so it needs evidence to match",
                "s.csv:5: warning: competency link 'bad-link' of 'sec' is not of the form ladder-id/competency-id",
                "s.csv:6: warning: alias 'K8S' of 'k8s' is also a plain alias, which matches it in any case and without evidence; remove one of the two",
            ]
        );
    }
}
