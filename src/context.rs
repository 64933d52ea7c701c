//! Where a mention stands: in what the job asks for, or in what the employer says about itself,
//! its benefits or the law.
//!
//! A requirement's [`Context`] comes from its section (the heading above it, see
//! [`crate::split::SectionKind`]) and from cues in its own words:
//!
//! - `legal`: equal-opportunity, accommodation, privacy and background-check text, in any
//!   section ("without regard to race", "E-Verify");
//! - `benefit`: a benefits or perks section, a sentence about pay, insurance or leave with
//!   nothing asked of the reader, or one that offers the reader something ("We offer you…",
//!   "You'll get…");
//! - `application`: how to apply, in a "How to apply" section or any sentence that says it
//!   ("please send your application", "the application must include a CV", "apply online");
//!   a degree or a language the documents must show is not a skill the job asks for;
//! - `employer`: an "About us" section, or prose in the employer's voice ("we", "our") that
//!   asks nothing of the reader; prose under no heading or an unknown one is read by its cues,
//!   bullets there are requirements;
//! - `requirement`: everything else.
//!
//! A single mention is `title` when a role or unit noun follows it ("Java Developer", "DevOps
//! Manager", "frontend guild", "PhD student") or a role's head precedes it ("Head of Customer
//! Service"): it names a job or a team, not a skill asked for. A whole line is `title` when it
//! reads as a job title: short, capitalised, with a role noun ending it or a part of it
//! ("Senior Embedded Systems Developer (w/m/d) - Linux"), under no heading and asking nothing.

use std::ops::Range;

use rustc_hash::FxHashSet;
use serde::Serialize;
use std::sync::OnceLock;

use crate::byteset::packed_ascii_lowercase;
use crate::phrase_dfa::{Matches, PhraseDfa};
use crate::practice::PracticeVerbs;
use crate::split::{Requirement, SectionKind};

/// Where a mention stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    /// What the job asks for.
    Requirement,
    /// What the employer says about itself ("About us", "we run Kafka").
    Employer,
    /// Pay, insurance, leave, perks.
    Benefit,
    /// Equal opportunity, accommodation, privacy, background checks.
    Legal,
    /// Part of a job title or a team's name ("Java Developer", "frontend guild").
    Title,
    /// How to apply: documents, deadlines, where to send them.
    Application,
}

impl Context {
    /// Every context, in column order.
    pub const ALL: [Context; 6] = [
        Context::Requirement,
        Context::Employer,
        Context::Benefit,
        Context::Legal,
        Context::Title,
        Context::Application,
    ];

    /// The lower-case name reports print.
    pub fn as_str(self) -> &'static str {
        match self {
            Context::Requirement => "requirement",
            Context::Employer => "employer",
            Context::Benefit => "benefit",
            Context::Legal => "legal",
            Context::Title => "title",
            Context::Application => "application",
        }
    }

    /// The context named `name` (as [`Context::as_str`] prints it).
    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// A set of contexts: which mentions a count keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ContextSet(u8);

impl ContextSet {
    /// Every context: what `scan` prints.
    pub const ALL: ContextSet = ContextSet(0b11_1111);
    /// Requirements only: what counts and comparisons use by default.
    pub const REQUIREMENTS: ContextSet = ContextSet(1);

    /// The set of `contexts`.
    pub fn of(contexts: impl IntoIterator<Item = Context>) -> ContextSet {
        ContextSet(contexts.into_iter().fold(0, |bits, c| bits | (1 << c as u8)))
    }

    /// Whether `context` is in the set.
    pub fn contains(self, context: Context) -> bool {
        self.0 & (1 << context as u8) != 0
    }
}

impl Default for ContextSet {
    fn default() -> Self {
        ContextSet::ALL
    }
}

/// Phrases that make a sentence legal text wherever it stands.
const LEGAL_CUES: &[&str] = &[
    "equal opportunity",
    "equal employment",
    "affirmative action",
    "without regard to",
    "regardless of race",
    "regardless of their race",
    "protected veteran",
    "protected characteristic",
    "protected status",
    "sexual orientation",
    "gender identity",
    "national origin",
    "reasonable accommodation",
    "e-verify",
    "background check",
    "drug screen",
    "drug test",
    "privacy notice",
    "privacy policy",
    "discriminat",
    "eeo",
    "fair chance",
    "arrest and conviction",
    "pay transparency",
];

/// Phrases that make a sentence about benefits when it asks nothing of the reader.
const BENEFIT_CUES: &[&str] = &[
    "401(k)",
    "401k",
    "health insurance",
    "medical, dental",
    "dental",
    "vision insurance",
    "life insurance",
    "paid time off",
    "pto",
    "parental leave",
    "maternity",
    "paternity",
    "stock options",
    "equity package",
    "tuition reimbursement",
    "wellness",
    "gym",
    "salary range",
    "base salary",
    "pay range",
    "compensation package",
    "annual bonus",
    "paid holidays",
    "retirement plan",
    "employee discount",
    "commuter",
    "free lunch",
    "snacks",
];

/// Phrases that make a sentence about applying for the job, wherever it stands: what it asks
/// for are documents, not skills.
const APPLICATION_CUES: &[&str] = &[
    "to apply",
    "apply online",
    "please apply",
    "apply now",
    "apply for this",
    "apply for the job",
    "apply for the position",
    "apply for the role",
    "apply via",
    "apply here",
    "encouraged to apply",
    "application must",
    "applications must",
    "application should",
    "applications should",
    "your application",
    "application deadline",
    "deadline for application",
    "applications received",
    "application form",
    "curriculum vitae",
    "cover letter",
    "please attach",
    "please upload",
    "please send",
    "please submit",
    "must include:",
];

/// Phrases that make a sentence what the job gives the reader, even though it addresses them
/// ("We offer you a training budget", "You'll get a competitive salary").
const OFFER_CUES: &[&str] =
    &["we offer", "offer you", "offers you", "you'll get", "you’ll get", "you will get", "in return", "in exchange"];

/// Words that ask something of the reader: a sentence with one is a requirement wherever it
/// stands (except in legal text).
const REQUIREMENT_CUES: &[&str] = &[
    "experience",
    "knowledge",
    "proficien",
    "familiar",
    "expertise",
    "understanding of",
    "ability to",
    "able to",
    "skills",
    "degree",
    "must",
    "required",
    "requirement",
    "qualification",
    "candidate",
    "years",
    "responsible for",
    "looking for",
    "seeking",
    "ideal",
    "should",
    "need",
    // A verdict on a skill asks for it: "Rust is a plus", "Kafka preferred".
    "plus",
    "bonus",
    "advantage",
    "asset",
    "prefer",
    "nice to have",
    "desir",
    "ideally",
];

/// Words that address the reader without asking for anything in particular: they make a
/// sentence a requirement, unless it offers the reader something ("We offer you…").
const ADDRESS_CUES: &[&str] = &["you", "your", "will be", "join"];

/// The employer's voice.
/// ("our" alone is not: "maintain our infrastructure" is work the reader will do.)
const EMPLOYER_CUES: &[&str] =
    &["we ", "we're", "we’re", "we've", "the company", "is a leading", "founded in", "headquartered"];

/// Nouns that, right after a skill, make it part of a job title or a team's name.
const ROLE_NOUNS: &[&str] = &[
    "administrator",
    "administrators",
    "analyst",
    "analysts",
    "architect",
    "architects",
    "candidate",
    "candidates",
    "consultant",
    "consultants",
    "developer",
    "developers",
    "engineer",
    "engineers",
    "fellow",
    "fellows",
    "fellowship",
    "fellowships",
    "guild",
    "intern",
    "interns",
    "lead",
    "manager",
    "managers",
    "position",
    "role",
    "scholarship",
    "scholarships",
    "specialist",
    "specialists",
    "stipend",
    "stipends",
    "student",
    "students",
];

/// Words before "of" that make what follows it the name of a job or a unit ("Head of Customer
/// Service", "Director of Engineering"). Each ends in " of" (`names_a_role` looks for them only
/// there).
const ROLE_HEADS: &[&str] = &["head of", "director of", "vp of", "vice president of"];

/// The kinds of cue, as bits of [`CueSet`].
const LEGAL: u8 = 1;
const BENEFIT: u8 = 2;
const ASKS: u8 = 4;
const EMPLOYER: u8 = 8;
const APPLICATION: u8 = 16;
const OFFER: u8 = 32;
const ADDRESS: u8 = 64;
/// Either kind of cue that makes a requirement of a sentence.
const ASKS_OR_ADDRESSES: u8 = ASKS | ADDRESS;

/// Every cue list in one automaton, so a requirement is read once for all of them.
struct CueSet {
    automaton: PhraseDfa,
    /// The kind of each pattern.
    kinds: Vec<u8>,
}

impl CueSet {
    fn get() -> &'static CueSet {
        static CUES: OnceLock<CueSet> = OnceLock::new();
        CUES.get_or_init(|| {
            let lists = [
                (LEGAL, LEGAL_CUES),
                (BENEFIT, BENEFIT_CUES),
                (ASKS, REQUIREMENT_CUES),
                (ADDRESS, ADDRESS_CUES),
                (EMPLOYER, EMPLOYER_CUES),
                (APPLICATION, APPLICATION_CUES),
                (OFFER, OFFER_CUES),
            ];
            let patterns: Vec<&str> = lists.iter().flat_map(|(_, cues)| cues.iter().copied()).collect();
            let kinds = lists.iter().flat_map(|&(kind, cues)| std::iter::repeat_n(kind, cues.len())).collect();
            // A DFA: the cue lists are small, and every requirement of every posting is read.
            let automaton = PhraseDfa::new(&patterns, Matches::LeftmostLongest).expect("valid cues");
            CueSet { automaton, kinds }
        })
    }

    /// The kinds of cue `text` has, each starting a word. The longest cue at a place wins:
    /// "your application" is an application cue although "your" addresses the reader.
    fn found(&self, text: &str) -> u8 {
        let mut found = 0;
        for (pattern, range) in self.automaton.find_iter(text.as_bytes()) {
            if !text[..range.start].chars().next_back().is_some_and(char::is_alphanumeric) {
                found |= self.kinds[pattern];
            }
        }
        found
    }
}

/// Builds the cue automaton now rather than on first use.
pub(crate) fn prepare() {
    CueSet::get();
}

/// How a requirement reads: where it stands, and whether its words ask something of the
/// reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    /// Where it stands.
    pub context: Context,
    /// Whether it has a requirement cue ("you", "experience", "ability to", …).
    pub asks: bool,
}

/// The context of `requirement`, whose `clean_range` slices `text`.
pub fn requirement_context(text: &str, requirement: &Requirement) -> Context {
    read_requirement(text, requirement).context
}

/// How `requirement` reads (its `clean_range` slices `text`), from one pass over its words.
pub fn read_requirement(text: &str, requirement: &Requirement) -> Reading {
    let words = &text[requirement.clean_range.clone()];
    let mut found = CueSet::get().found(words);
    if found & ASKS_OR_ADDRESSES == 0 && names_the_employer_as_subject(words) {
        found |= EMPLOYER;
    }
    let asks = found & ASKS_OR_ADDRESSES != 0;
    let mut context = context_of(requirement, found);
    // A duty under the employer's heading is the reader's: the section ran on past a heading
    // rungs did not see ("About Us … What You'll Do Own the roadmap…").
    if context == Context::Employer && requirement.section == SectionKind::Employer && opens_with_a_duty(words) {
        context = Context::Requirement;
    }
    // Unheaded prose that asks nothing is read by its shape: a sentence that opens with its
    // subject describes the employer or the job ("The platform runs on Kafka and Go."); a
    // short capitalised line with a role noun is a job title. A line of skills, or a duty in
    // the imperative ("Mentor junior analysts."), is still a requirement.
    if context == Context::Requirement && !asks && !requirement.is_bullet && requirement.section == SectionKind::Unknown
    {
        if words.trim_end().ends_with(['.', '!']) && opens_with_a_subject(words) {
            context = Context::Employer;
        } else if reads_as_a_job_title(words) {
            context = Context::Title;
        }
    }
    Reading { context, asks }
}

/// Whether `sentence` opens with a practice verb, bare or with an `s`, as a duty does
/// ("Develop dashboards", "Designs reports"), and not with its subject ("Acme develops…") or
/// another form ("Developing Go since 2001").
fn opens_with_a_duty(sentence: &str) -> bool {
    let first = sentence.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
    // The verb itself, or it and an `s` ("Designs"): a longer form, or one of one more letter
    // that is no `s` ("Used"), is none.
    first.starts_with(|c: char| c.is_ascii_uppercase())
        && PracticeVerbs::get().base_form(first).is_some_and(|verb| {
            first.len() == verb.len() || first.len() == verb.len() + 1 && first.ends_with(['s', 'S'])
        })
}

/// Words that open a sentence about something other than the reader: a determiner, a
/// pronoun, or an adverbial ("The team uses Kafka.", "In 2019 we moved to Go.").
const SUBJECT_OPENERS: &[&str] = &[
    "the",
    "this",
    "these",
    "those",
    "our",
    "its",
    "their",
    "a",
    "an",
    "we",
    "it",
    "they",
    "that",
    "there",
    "here",
    "as",
    "in",
    "at",
    "with",
    "for",
    "by",
    "from",
    "since",
    "after",
    "all",
    "every",
    "each",
    "many",
    "most",
    "some",
    "today",
    "currently",
];

/// Whether `sentence` opens with one of [`SUBJECT_OPENERS`] and is not about the job holder:
/// what they will do ("This role requires SQL.", "The team will…") or a role as the subject
/// ("The Data Analyst performs…").
fn opens_with_a_subject(sentence: &str) -> bool {
    let mut words = sentence.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    if !SUBJECT_OPENERS.iter().any(|opener| opener.eq_ignore_ascii_case(first)) {
        return false;
    }
    let mut subject_is_a_role = false;
    for (i, word) in words.enumerate() {
        if ["will", "requires", "role", "position", "person", "individual"].contains(&word) {
            return false;
        }
        subject_is_a_role |= i < 3 && is_role_noun(word);
    }
    !subject_is_a_role
}

/// Words that may stand between the words of a title without being capitalised.
const TITLE_LINKS: &[&str] = &["a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with", "m/f/d", "w/m/d"];

/// Whether `line` is a job title: short, its words capitalised, and a role noun among them
/// that ends the title or a part of it ("Senior Embedded Systems Developer (w/m/d) - Linux",
/// "DevOps Engineer (CI CD Cloud Docker Jenkins) <ORGANIZATION>"), not one that modifies the
/// word after it ("Developer Tools").
fn reads_as_a_job_title(line: &str) -> bool {
    let line = line.trim_end();
    if line.ends_with(['.', '!', '?']) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let mut capitalised = 0;
    let mut lower = 0;
    for word in &words {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '<' | '>' | '/'));
        match word.chars().next() {
            Some(c) if c.is_uppercase() || c == '<' || c.is_ascii_digit() => capitalised += 1,
            Some(c) if c.is_alphabetic() && !TITLE_LINKS.iter().any(|link| link.eq_ignore_ascii_case(word)) => {
                lower += 1
            }
            _ => {}
        }
    }
    if lower * 4 > capitalised {
        return false;
    }
    words.iter().enumerate().any(|(i, word)| {
        let noun = word.trim_end_matches([',', ':', ';']);
        let is_role = noun.chars().next().is_some_and(char::is_uppercase) && is_role_noun(noun);
        // The role ends the title or a part of it: the next word opens a bracket, a dash or a
        // link ("Developer (m/f/d)", "Engineer - Cloud", "Engineer with…"), or is lower case.
        let ends_part = noun.len() < word.len()
            || words
                .get(i + 1)
                .is_none_or(|next| !next.starts_with(|c: char| c.is_alphanumeric()) || TITLE_LINKS.contains(next));
        is_role && ends_part
    })
}

/// Whether `word` is a role noun of [`ROLE_NOUNS`] or [`TITLE_ROLES`], in any case.
fn is_role_noun(word: &str) -> bool {
    ROLE_NOUNS.iter().chain(TITLE_ROLES).any(|role| role.eq_ignore_ascii_case(word))
}

/// Role nouns of job titles besides [`ROLE_NOUNS`].
const TITLE_ROLES: &[&str] = &[
    "designer",
    "director",
    "leader",
    "officer",
    "programmer",
    "researcher",
    "scientist",
    "technician",
    "coordinator",
    "sre",
];

/// Verbs that, after a name opening a sentence, describe the employer ("Acme is a leading…",
/// "Acme builds…"): the third-person voice of an "About us" paragraph.
const BLURB_VERBS: &[&str] = &[
    "is",
    "are",
    "has",
    "have",
    "was",
    "provides",
    "offers",
    "builds",
    "helps",
    "supports",
    "serves",
    "develops",
    "delivers",
    "creates",
    "operates",
    "specializes",
    "specialises",
    "enables",
    "empowers",
    "powers",
    "combines",
];

/// Words after "is a" that make the sentence a verdict on a skill ("Rust is a plus").
const VERDICT_NOUNS: &[&str] =
    &["plus", "bonus", "must", "nice", "big", "huge", "strong", "asset", "advantage", "requirement", "prerequisite"];

/// Whether `sentence` opens with a name as its subject and a verb describing it: "Acme is an
/// independent software company…", "The Acme Group develops…", or an anonymised
/// "<ORGANIZATION> supports…". A name is one to four capitalised words (or a `<PLACEHOLDER>`).
fn names_the_employer_as_subject(sentence: &str) -> bool {
    let mut words = sentence.split_whitespace().peekable();
    words.next_if(|w| *w == "The");
    let mut name_words = 0;
    while let Some(word) = words.next_if(|w| is_name_word(w)) {
        name_words += 1;
        // "The Data Analyst builds…" is the job holder, not the employer.
        if name_words > 4 || word.ends_with([',', '.', ':', ';']) || is_role_noun(word) {
            return false;
        }
    }
    let Some(verb) = words.next() else { return false };
    if name_words == 0 || !BLURB_VERBS.contains(&verb) {
        return false;
    }
    // "Acme is a plus" is about a skill, not an employer; "Acme is seeking" asks (a cue).
    let next = words.next().unwrap_or("");
    let object = if matches!(next, "a" | "an") { words.next().unwrap_or("") } else { next };
    !VERDICT_NOUNS.contains(&object.trim_end_matches([',', '.']))
}

fn is_name_word(word: &str) -> bool {
    let placeholder = word.len() > 2 && word.starts_with('<') && word.ends_with('>');
    placeholder || word.chars().next().is_some_and(char::is_uppercase)
}

fn context_of(requirement: &Requirement, found: u8) -> Context {
    if found & LEGAL != 0 {
        return Context::Legal;
    }
    if found & APPLICATION != 0 {
        return Context::Application;
    }
    if found & OFFER != 0 && found & ASKS == 0 {
        return Context::Benefit;
    }
    let asks = found & ASKS_OR_ADDRESSES != 0;
    match requirement.section {
        SectionKind::Legal => Context::Legal,
        SectionKind::Application => Context::Application,
        SectionKind::Benefits => Context::Benefit,
        SectionKind::Employer if !asks => Context::Employer,
        _ if !asks && found & BENEFIT != 0 => Context::Benefit,
        SectionKind::Requirements | SectionKind::Employer => Context::Requirement,
        SectionKind::Unknown if requirement.is_bullet => Context::Requirement,
        SectionKind::Unknown if !asks && found & EMPLOYER != 0 => Context::Employer,
        SectionKind::Unknown => Context::Requirement,
    }
}

/// Whether the mention at `range` of `text` is part of a job title or a team's name: a role
/// noun follows it, or a role's head and "of" precede it.
pub fn names_a_role(text: &str, range: Range<usize>) -> bool {
    let before = text.as_bytes()[..range.start].trim_ascii_end();
    // Every head ends in " of", which most mentions do not follow.
    let after_of = before.len() >= 3 && before[before.len() - 3..].eq_ignore_ascii_case(b" of");
    let head_before = after_of
        && ROLE_HEADS.iter().any(|head| {
            let head = head.as_bytes();
            before.len() >= head.len()
                && before[before.len() - head.len()..].eq_ignore_ascii_case(head)
                && (before.len() == head.len() || !before[before.len() - head.len() - 1].is_ascii_alphanumeric())
        });
    if head_before {
        return true;
    }
    let after = text[range.end..].trim_start_matches([' ', '-']);
    let word_len = after.find(|c: char| !c.is_alphabetic()).unwrap_or(after.len());
    // Every role noun is ASCII, of 4 to 16 bytes: looked up by its packed bytes, as most
    // mentions (each asks) are followed by a word that is none.
    let word = &after.as_bytes()[..word_len];
    word.len() >= 4
        && word.is_ascii()
        && packed_ascii_lowercase(word, 0..word.len()).is_some_and(|key| role_noun_keys().contains(&key))
}

/// The packed bytes ([`packed_ascii_lowercase`]) of every role noun of [`ROLE_NOUNS`].
fn role_noun_keys() -> &'static FxHashSet<u128> {
    static KEYS: OnceLock<FxHashSet<u128>> = OnceLock::new();
    KEYS.get_or_init(|| {
        ROLE_NOUNS
            .iter()
            .map(|noun| {
                packed_ascii_lowercase(noun.as_bytes(), 0..noun.len()).expect("role nouns are short ASCII words")
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::split_requirements;

    fn contexts(text: &str) -> Vec<(&str, Context)> {
        split_requirements(text).into_iter().map(|r| (&text[r.range.clone()], requirement_context(text, &r))).collect()
    }

    #[test]
    fn sections_and_cues_decide() {
        let text = "Acme builds robots. We run Kafka on Kubernetes.\n\
                    Requirements:\n- 5+ years of C++\n- Python\n\
                    Benefits:\n- Health insurance and a Python conference budget\n\
                    Acme is an equal opportunity employer and does not discriminate.\n\
                    Assets:\n- Rust\n";
        assert_eq!(
            contexts(text),
            [
                ("Acme builds robots.", Context::Employer),
                ("We run Kafka on Kubernetes.", Context::Employer),
                ("5+ years of C++", Context::Requirement),
                ("Python", Context::Requirement),
                ("Health insurance and a Python conference budget", Context::Benefit),
                ("Acme is an equal opportunity employer and does not discriminate.", Context::Legal),
                ("Rust", Context::Requirement),
            ]
        );
    }

    #[test]
    fn a_name_as_subject_is_the_employer_speaking() {
        let text = "The Acme Group develops software for banks using Java.\n\
                    <ORGANIZATION> is an independent software company with Kafka experts.\n\
                    Rust is a plus.\n\
                    Acme is seeking an engineer with Go experience.\n\
                    Kubernetes, Terraform and AWS are part of the job.\n";
        assert_eq!(
            contexts(text),
            [
                ("The Acme Group develops software for banks using Java.", Context::Employer),
                ("<ORGANIZATION> is an independent software company with Kafka experts.", Context::Employer),
                ("Rust is a plus.", Context::Requirement),
                ("Acme is seeking an engineer with Go experience.", Context::Requirement),
                ("Kubernetes, Terraform and AWS are part of the job.", Context::Requirement),
            ]
        );
    }

    #[test]
    fn how_to_apply_asks_for_documents_not_skills() {
        let text = "Requirements:\n- A PhD in computer science\n\
                    - Your application must include a CV and a copy of your PhD diploma\n\
                    To apply, please send your application in English.\n\
                    How to apply\nSend a CV listing your Python projects.\n";
        assert_eq!(
            contexts(text),
            [
                ("A PhD in computer science", Context::Requirement),
                ("Your application must include a CV and a copy of your PhD diploma", Context::Application),
                ("To apply, please send your application in English.", Context::Application),
                ("Send a CV listing your Python projects.", Context::Application),
            ]
        );
    }

    #[test]
    fn an_about_section_is_the_employer_unless_it_asks() {
        let text = "About us\nWe use Go and Postgres.\nYou have experience with Go.\nDevelop dashboards in Looker.\n\
                    Designs reports in SQL.\nAcme develops Go.\nDeveloping Go since 2001.\n";
        assert_eq!(
            contexts(text),
            [
                ("We use Go and Postgres.", Context::Employer),
                ("You have experience with Go.", Context::Requirement),
                // Duties: the section ran on past a heading not seen.
                ("Develop dashboards in Looker.", Context::Requirement),
                ("Designs reports in SQL.", Context::Requirement),
                ("Acme develops Go.", Context::Employer),
                ("Developing Go since 2001.", Context::Employer),
            ]
        );
    }

    #[test]
    fn role_nouns_make_a_title() {
        let text = "Java Developer with Java experience; DevOps Manager; our frontend guild; \
                    Head of Customer Service; a PhD student; ahead of Kubernetes";
        let at = |s: &str, nth: usize| {
            let start = text.match_indices(s).nth(nth).unwrap().0;
            names_a_role(text, start..start + s.len())
        };
        assert!(at("Java", 0));
        assert!(!at("Java", 1));
        assert!(at("DevOps", 0));
        assert!(at("frontend", 0));
        assert!(at("Customer Service", 0));
        assert!(at("PhD", 0));
        assert!(!at("Kubernetes", 0));
        // Any case, after a hyphen; not a longer word, one beyond ASCII, or a word inside.
        let text = "Go-ENGINEERS, Rust Interns. Scala Internationalization, Kafka Développeur, C leader";
        let role_after = |s: &str| {
            let start = text.find(s).unwrap();
            names_a_role(text, start..start + s.len())
        };
        assert!(role_after("Go") && role_after("Rust"));
        assert!(!role_after("Scala") && !role_after("Kafka") && !role_after("C "));
        // Every head is looked for only after " of".
        let text = "VICE PRESIDENT OF Data Science; the vp  of  Go; Director of\nSQL; a cup of Java";
        let role_after_head = |s: &str| {
            let start = text.find(s).unwrap();
            names_a_role(text, start..start + s.len())
        };
        assert!(role_after_head("Data Science") && role_after_head("SQL"));
        assert!(!role_after_head("Go") && !role_after_head("Java"));
        assert!(ROLE_HEADS.iter().all(|head| head.ends_with(" of")));
    }

    #[test]
    fn prose_that_asks_nothing_describes_the_employer_or_the_job() {
        let text = "The platform runs on Kafka and Go.\n\
                    Mentor junior analysts in SQL.\n\
                    The Data Analyst builds Tableau dashboards.\n\
                    This role requires SQL.\n\
                    Kafka, Go, Terraform\n\
                    Rust is a plus.\n\
                    We offer you a training budget for AWS certifications.\n\
                    We offer you a team that needs 5 years of Go experience.\n";
        assert_eq!(
            contexts(text),
            [
                ("The platform runs on Kafka and Go.", Context::Employer),
                ("Mentor junior analysts in SQL.", Context::Requirement),
                ("The Data Analyst builds Tableau dashboards.", Context::Requirement),
                ("This role requires SQL.", Context::Requirement),
                ("Kafka, Go, Terraform", Context::Requirement),
                ("Rust is a plus.", Context::Requirement),
                ("We offer you a training budget for AWS certifications.", Context::Benefit),
                ("We offer you a team that needs 5 years of Go experience.", Context::Requirement),
            ]
        );
    }

    #[test]
    fn a_title_line_is_a_title() {
        let text = "Senior Embedded Systems Developer (w/m/d), Linux\n\
                    DEVOPS ENGINEER (CI CD DOCKER)\n\
                    JavaScript e.g. Chrome Firefox Edge Developer Tools\n\
                    Demonstrated leadership through influencing engineers\n\
                    Requirements:\n- AWS Certified Solutions Architect\n";
        assert_eq!(
            contexts(text),
            [
                ("Senior Embedded Systems Developer (w/m/d), Linux", Context::Title),
                ("DEVOPS ENGINEER (CI CD DOCKER)", Context::Title),
                ("JavaScript e.g. Chrome Firefox Edge Developer Tools", Context::Requirement),
                ("Demonstrated leadership through influencing engineers", Context::Requirement),
                ("AWS Certified Solutions Architect", Context::Requirement),
            ]
        );
    }

    #[test]
    fn sets_hold_what_they_are_made_of() {
        let set = ContextSet::of([Context::Requirement, Context::Employer]);
        assert!(set.contains(Context::Employer) && !set.contains(Context::Legal));
        assert!(ContextSet::ALL.contains(Context::Title));
        assert!(ContextSet::REQUIREMENTS.contains(Context::Requirement));
        assert!(!ContextSet::REQUIREMENTS.contains(Context::Benefit));
    }
}
