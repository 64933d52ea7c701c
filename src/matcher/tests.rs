//! Table-driven tests of the matcher on a small taxonomy: boundaries, case, variants, plurals,
//! leftmost-longest, and the retry of shorter aliases.

use super::*;

const CATEGORIES: &str = "id,name,kind\nlang,Languages,technology\npractice,Practices,practice\n";
const SKILLS: &str = "\
id,name,category,aliases,cased_aliases,ambiguous_aliases,context
java,Java,lang,Java SE,,,
javascript,JavaScript,lang,JS,,,
cpp,C++,lang,,,,
csharp,C#,lang,,,,
dotnet,.NET,lang,,,,
cicd,CI/CD,practice,,,,
iac,Infrastructure as code,practice,IaC,,,
ml,Machine learning,practice,,,,
learning,Learning,practice,,,,
api,APIs,lang,,API,,
go,Go,lang,golang,,Go,golang
sas,SAS,lang,,SAS,,
";

fn matcher() -> SkillMatcher {
    let taxonomy = Taxonomy::parse_tables(SKILLS, "skills.csv", CATEGORIES, "categories.csv").unwrap();
    SkillMatcher::new(&taxonomy).unwrap()
}

/// `(text, [(matched text, ambiguous)])` for every candidate, in order.
fn check(cases: &[(&str, &[(&str, bool)])]) {
    let matcher = matcher();
    for (text, want) in cases {
        let got: Vec<(&str, bool)> =
            matcher.candidates(text).iter().map(|c| (&text[c.range.clone()], c.ambiguous)).collect();
        assert_eq!(&got, want, "{text:?}");
    }
}

#[test]
fn whole_words() {
    check(&[
        ("Java", &[("Java", false)]),
        ("JavaScript", &[("JavaScript", false)]),
        ("Javanese", &[]),
        ("Java, JavaScript", &[("Java", false), ("JavaScript", false)]),
        ("xJava", &[]),
        ("Java_x", &[]),
        ("Javaé", &[]),
    ]);
}

#[test]
fn punctuation_edged_names() {
    check(&[
        ("C++17 and C#, on .NET", &[("C++", false), ("C#", false), (".NET", false)]),
        ("ASP.NET", &[(".NET", false)]),
        ("CI/CD.", &[("CI/CD", false)]),
    ]);
}

#[test]
fn case_rules() {
    check(&[
        ("java and JAVA", &[("java", false), ("JAVA", false)]),
        // Other-case spellings of cased and ambiguous names are candidates that need evidence
        // (a list: see tests/matching.rs); two-letter names are not shouted.
        ("SAS and sas", &[("SAS", false), ("sas", true)]),
        ("Go, go and GO", &[("Go", true), ("go", true)]),
        ("golang", &[("golang", false)]),
    ]);
}

#[test]
fn variants_plurals_and_longest() {
    check(&[
        ("infrastructure-as-code", &[("infrastructure-as-code", false)]),
        ("Infrastructure as code", &[("Infrastructure as code", false)]),
        ("machine learning", &[("machine learning", false)]),
        ("learning", &[("learning", false)]),
        ("APIs and API", &[("APIs", false), ("API", false)]),
        ("Machine learnings", &[("Machine learnings", false)]),
    ]);
}

#[test]
fn a_rejected_long_alias_gives_way_to_a_shorter_one() {
    // "Java SE" is an alias, but "Java service" holds only "Java" as a word.
    check(&[("Java service", &[("Java", false)]), ("Java SE 17", &[("Java SE", false)])]);
}

#[test]
fn a_taxonomy_of_cased_aliases_only_matches_their_case() {
    // No plain alias: the first automaton matches exact case, and a walk there cannot start
    // from the node its lower-cased first word leads to ("GO lang" is not "go lang").
    let skills = "id,name,category,aliases,cased_aliases,ambiguous_aliases,context\ngl,Go Lang,lang,,Go Lang,,\n";
    let taxonomy = Taxonomy::parse_tables(skills, "skills.csv", CATEGORIES, "categories.csv").unwrap();
    let matcher = SkillMatcher::new(&taxonomy).unwrap();
    for (text, found) in [("Go Lang", 1), ("GO lang", 0), ("go Lang", 0), ("Go Lang and Go Lang", 2)] {
        assert_eq!(matcher.candidates(text).len(), found, "{text}");
        assert_eq!(matcher.candidates(text), matcher.candidates_searching_everywhere(text), "{text}");
    }
}
