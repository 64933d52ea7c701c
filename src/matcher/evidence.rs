//! Evidence rules for ambiguous aliases: names that are also ordinary English.
//!
//! Industry names (skills in a category of kind `domain`: "healthcare", "payments") get one
//! rule of their own: they count only in a requirement that asks for experience, knowledge,
//! background or a degree, since otherwise they usually describe the employer, not the job.
//!
//! An ambiguous alias (`Go`, `R`, `C`, `Spring`, `Excel`, `Chef`, `Make`…) is already
//! case-sensitive, which removes "keep things on the go" and "a swift response". What is
//! left is decided here, per requirement, in two steps.
//!
//! **Vetoes** (any one drops the mention):
//! - joined to another word by a hyphen, ampersand or apostrophe: `C-suite`, `R-squared`,
//!   `No-Go`, `R&D`, `chef's`;
//! - the first word of a sentence followed by a lower-case word, which is how imperative and
//!   ordinary sentences start ("Make sure", "Excel at", "Spring semester", "Go beyond"), unless
//!   that word is a technical noun ("Go experience", "R programming").
//!
//! **Evidence** (at least one is needed):
//! - the same skill is mentioned unambiguously elsewhere in the posting (`Golang` … `Go`);
//! - one of the skill's `context` words occurs in the requirement (`Spring` + `Java`);
//! - a technical noun right after it: "Go experience", "Excel skills", "Swift developers";
//! - a tool cue right before it: "experience with", "proficient in", "knowledge of", "using";
//! - a list neighbour: another technology skill (or one of its own category) separated from it
//!   only by list punctuation and conjunctions ("C/C++", "R, SAS or SPSS", "Puppet/Chef", "Go and Rust"). Two
//!   ambiguous names may vouch for each other this way, as long as neither is vetoed.
//!
//! **Other-case spellings** of cased and ambiguous names (`go`, `react`, `HIVE`, `BASH`) are
//! kept only in a list: a technology right beside them with nothing but punctuation or spaces
//! between (a conjunction too for shouted names: "SPARK and BASH"), or two other technologies in
//! the requirement; never when an ordinary word follows ("go to market"). One that is an
//! ordinary English word (`teams`, `access`) needs a tag line: neighbours on both sides, or one
//! and the requirement's edge ("jira confluence teams").

use std::ops::Range;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use rustc_hash::FxHashMap;

/// A regex whose classes and case folding are ASCII-only: the cue words are English, and
/// without Unicode tables the lazy DFA stays small and fast on every posting.
fn ascii_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).unicode(false).build()
}

use super::{is_word_char, Candidate, SkillIndex, SkillMatcher};
use crate::levels::words::push_lowercase;

pub(super) fn resolve(
    matcher: &SkillMatcher,
    text: &str,
    requirement: Range<usize>,
    candidates: &mut Vec<Candidate>,
    posting: &PostingEvidence,
) {
    let vetoed: Vec<bool> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| c.ambiguous && vetoed(text, requirement.clone(), candidates, i))
        .collect();
    // Lower-cased once, and only if some candidate needs it. Whether the requirement holds a
    // skill's context words, or a domain cue, is a property of the requirement: each is
    // computed once, however many mentions ask (a long requirement may hold thousands).
    let lower = std::cell::OnceCell::new();
    let lower = || {
        lower
            .get_or_init(|| {
                let mut lower = String::new();
                push_lowercase(&mut lower, &text[requirement.clone()]);
                lower
            })
            .as_str()
    };
    let domain_cue = std::cell::OnceCell::new();
    let domain_cue = || *domain_cue.get_or_init(|| domain_cue_regex().is_match(lower()));
    let mut context_found: FxHashMap<SkillIndex, bool> = FxHashMap::default();
    let mut context = |skill: SkillIndex| {
        *context_found
            .entry(skill)
            .or_insert_with(|| has_context_word(lower(), &matcher.rules[skill as usize].context_finders))
    };
    let keep: Vec<bool> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let rule = &matcher.rules[c.skill as usize];
            if !c.ambiguous {
                return !rule.needs_cue || context(c.skill) || domain_cue();
            }
            if vetoed[i] {
                return false;
            }
            let after = &text[c.range.end..requirement.end];
            if c.recased {
                // "react go", "HIVE, PIG": only a list makes a name in another case the tool,
                // and not one that runs into an ordinary word ("go to market").
                let next_is_skill = candidates.get(i + 1).is_some_and(|n| {
                    text[c.range.end..n.range.start].trim_start_matches([' ', ',', '/', '|']).is_empty()
                });
                if !next_is_skill && followed_by_ordinary_word(after, &rule.context) {
                    return false;
                }
                if c.common_word {
                    // "teams", "access": only between tight neighbours, or one and the edge of
                    // a tag line ("jira confluence teams").
                    let (left, right) = tight_neighbours(matcher, text, candidates, &vetoed, i);
                    let at_start = text[requirement.start..c.range.start].trim().is_empty();
                    let at_end = after.trim_end_matches(['.', ';', ' ']).is_empty();
                    return (left || at_start) && (right || at_end) && (left || right);
                }
                let (left, right) = tight_neighbours(matcher, text, candidates, &vetoed, i);
                return left || right || technologies_around(matcher, candidates, i) >= 2;
            }
            let context = context(c.skill);
            let before = &text[requirement.start..c.range.start];
            if opens_like_ordinary_sentence(before, after, &rule.context) {
                // "Make sure", "Spark curiosity": only the skill's own context words outweigh this.
                return context;
            }
            // Cheapest first; the tool-cue regex last.
            context
                || followed_by_technical_noun(after)
                || posting.mentions(c.skill)
                || has_list_neighbour(matcher, text, candidates, &vetoed, i)
                // The weakest evidence, so only for a name that stands alone as a noun: not "the
                // Spring semester" or "Lambda Labs", even in a posting full of technologies.
                || posting.is_technical()
                    && !followed_by_ordinary_word(after, &rule.context)
                    && !starts_proper_name(after, candidates.get(i + 1), c.range.end)
                || tool_cue_before(text, requirement.start, c.range.start)
        })
        .collect();
    let mut flags = keep.into_iter();
    candidates.retain(|_| flags.next().unwrap_or(true));
}

/// What the whole posting says, for evidence that one requirement lacks.
#[derive(Clone, Debug, Default)]
pub struct PostingEvidence {
    /// Skills the posting mentions through unambiguous aliases, sorted.
    skills: Vec<SkillIndex>,
    /// How many of those are technologies.
    technologies: usize,
}

impl PostingEvidence {
    /// Postings naming at least this many distinct technologies unambiguously are technical
    /// enough that a capitalised `Rust` or `Chef` there means the tool.
    const TECHNICAL: usize = 3;

    pub(super) fn new(matcher: &SkillMatcher, candidates: &[Candidate]) -> PostingEvidence {
        let mut skills: Vec<SkillIndex> = candidates.iter().filter(|c| !c.ambiguous).map(|c| c.skill).collect();
        skills.sort_unstable();
        skills.dedup();
        let technologies = skills.iter().filter(|&&s| matcher.rules[s as usize].technology).count();
        PostingEvidence { skills, technologies }
    }

    fn mentions(&self, skill: SkillIndex) -> bool {
        self.skills.binary_search(&skill).is_ok()
    }

    fn is_technical(&self) -> bool {
        self.technologies >= Self::TECHNICAL
    }
}

/// Names of seasons, which a calendar year after them makes a term ("Spring 2025").
const SEASONS: &[&str] = &["Autumn", "Fall", "Spring", "Summer", "Winter"];

/// Hard vetoes: the name is glued into another word ("C-suite", "No-Go", "R&D", "chef's"),
/// slashed to a word that is not a skill ("Go/No-Go" but not "C/C++"), a field's label
/// ("Work Mode:"), or a season dated ("Spring 2025").
fn vetoed(text: &str, requirement: Range<usize>, candidates: &[Candidate], i: usize) -> bool {
    let candidate = &candidates[i];
    let before = &text[requirement.start..candidate.range.start];
    let after = &text[candidate.range.end..requirement.end];
    let mut after_chars = after.chars();
    if let (Some(joint), Some(next)) = (after_chars.next(), after_chars.next()) {
        if matches!(joint, '-' | '‑' | '&' | '\'' | '’') && is_word_char(next) {
            return true;
        }
        let slashed_to_skill = candidates.get(i + 1).is_some_and(|n| n.range.start == candidate.range.end + 1);
        if joint == '/' && is_word_char(next) && !slashed_to_skill {
            return true;
        }
    }
    // "Work Mode: Hybrid", "Location: Remote": a name before a colon is a field's label.
    if after.starts_with(':') {
        return true;
    }
    // "Spring 2025": a season's name followed by a calendar year is a term, not the framework.
    // Any other name followed by a year is a version ("Windows 2008 R2", "Excel 2016").
    let name = &text[candidate.range.clone()];
    let is_season = SEASONS.iter().any(|s| s.eq_ignore_ascii_case(name));
    let year = after.strip_prefix(' ').map(|rest| rest.as_bytes()).filter(|_| is_season);
    if year.is_some_and(|y| {
        y.len() >= 4
            && (y.starts_with(b"19") || y.starts_with(b"20"))
            && y[..4].iter().all(u8::is_ascii_digit)
            && !y.get(4).is_some_and(u8::is_ascii_alphanumeric)
    }) {
        return true;
    }
    let mut before_chars = before.chars().rev();
    if let (Some(joint), Some(prev)) = (before_chars.next(), before_chars.next()) {
        if matches!(joint, '-' | '‑' | '&') && is_word_char(prev) {
            return true;
        }
        let slashed_from_skill = i > 0 && candidates[i - 1].range.end + 1 == candidate.range.start;
        if joint == '/' && is_word_char(prev) && !slashed_from_skill {
            return true;
        }
    }
    false
}

/// Whether the next word is a lower-case word that does not mark the name as a noun.
fn followed_by_ordinary_word(after: &str, context: &[String]) -> bool {
    next_word(after).is_some_and(|w| {
        w.chars().next().is_some_and(char::is_lowercase)
            && !NOUN_FOLLOWERS.contains(&w.as_str())
            && !TECHNICAL_FOLLOWERS.contains(&w.as_str())
            && !context.contains(&w)
    })
}

/// Whether the name is followed by a capitalised word that is not itself a skill, as in a
/// company or product name ("Lambda Labs", "Spring Festival").
fn starts_proper_name(after: &str, next: Option<&Candidate>, end: usize) -> bool {
    let gap = after.len() - after.trim_start().len();
    if gap == 0 || after[gap..].starts_with(|c: char| !c.is_uppercase()) {
        return false;
    }
    next.is_none_or(|n| n.range.start != end + gap)
}

/// A sentence that opens with the name followed by a lower-case word is how imperatives and
/// ordinary sentences start ("Make sure", "Excel at", "Spring semester", "Go beyond"), unless
/// that word shows the name is a noun ("Go experience", "Rust is a plus").
fn opens_like_ordinary_sentence(before: &str, after: &str, context: &[String]) -> bool {
    starts_sentence(before) && followed_by_ordinary_word(after, context)
}

/// Words after a sentence-initial name that show it is a noun, not a verb or a season.
const NOUN_FOLLOWERS: &[&str] = &["and", "or", "is", "are", "was", "will", "would", "should"];

/// Technical nouns that, right after the name, show it is the technology: "Go experience",
/// "Excel skills", "Swift developers", "Spark jobs". They also lift the sentence-opening veto.
#[rustfmt::skip]
const TECHNICAL_FOLLOWERS: &[&str] = &[
    "experience", "expertise", "programming", "development", "developer", "developers", "engineer", "engineers",
    "language", "languages", "code", "coding", "skills", "skill", "knowledge", "services", "microservices",
    "framework", "frameworks", "applications", "apps", "scripts", "scripting", "proficiency", "background",
    "libraries", "library", "packages", "modules", "jobs", "clusters", "cluster", "pipelines", "projects", "tools",
    "tooling", "ecosystem", "stack", "certification", "certified", "version", "versions", "environment",
    "environments", "platform", "expert", "experts", "fluency", "codebase", "codebases", "programs", "queries",
    "spreadsheets", "workbooks", "macros", "modeling", "models", "dashboards", "reports", "cookbooks", "manifests",
    "playbooks", "charts", "functions", "runtime", "compiler", "toolchain",
];

/// The word right after the name, if a space separates them.
fn next_word(after: &str) -> Option<String> {
    if !after.starts_with(|c: char| c.is_whitespace()) {
        return None;
    }
    let word: String = after.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
    (!word.is_empty()).then_some(word)
}

/// Whether the name is followed by a technical noun.
fn followed_by_technical_noun(after: &str) -> bool {
    next_word(after).is_some_and(|w| TECHNICAL_FOLLOWERS.contains(&w.as_str()))
}

fn starts_sentence(before: &str) -> bool {
    let trimmed = before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '(' | '*' | '_'));
    trimmed.is_empty() || trimmed.ends_with(['.', '!', '?', ':', ';'])
}

/// Whether the lower-cased requirement holds one of the context words (searched by `context`)
/// as a whole word.
fn has_context_word(lower_requirement: &str, context: &[memchr::memmem::Finder<'static>]) -> bool {
    context.iter().any(|word| {
        // A word found in valid UTF-8 starts and ends on character boundaries.
        word.find_iter(lower_requirement.as_bytes()).any(|at| {
            let before_ok = !lower_requirement[..at].chars().next_back().is_some_and(is_word_char);
            let after_ok = !lower_requirement[at + word.needle().len()..].chars().next().is_some_and(is_word_char);
            before_ok && after_ok
        })
    })
}

/// Builds the cue regexes now rather than on first use.
pub(crate) fn prepare() {
    domain_cue_regex();
    tool_cue_regex();
}

fn domain_cue_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        ascii_regex(
            r"(?-u:\b)(?:experience[sd]?|knowledge|knowledgeable|background|familiar\w*|understanding|expertise|exposure|industry|industries|sector|domain|degree|specializ\w*|specialis\w*|worked|working\s+in)(?-u:\b)",
        )
        .expect("valid regex")
    })
}

fn tool_cue_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        ascii_regex(
            r"(?ix)
            (?:
              (?:experience|experienced|expertise|expert|proficien\w*|knowledge|knowledgeable|skill\w*|familiar\w*|fluen\w*|
                 background|work(?:ing)?|programming|coding|code|programs?|applications?|apps|services|systems|
                 develop\w*|written|hands-on|competen\w*|understanding|
                 languages?|tools?|frameworks?|technolog\w*|stack|platforms?|software|packages?)
              \s+(?:[\w/+\#-]+\s+){0,3}?(?:with|in|of|using|like|such\s+as|including|e\.g\.,?|incl\.)
            | (?-u:\b)using | (?-u:\b)use\s+of | (?-u:\b)such\s+as | (?-u:\b)e\.g\.,? | (?-u:\b)including | (?-u:\b)like
            | (?:languages?|tools?|frameworks?|stack|technologies)\s*[:(]
            )
            \s*$",
        )
        .expect("valid regex")
    })
}

fn tool_cue_before(text: &str, requirement_start: usize, at: usize) -> bool {
    let mut from = at.saturating_sub(60).max(requirement_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    tool_cue_regex().is_match(&text[from..at])
}

/// Characters and words that may separate items of a list.
fn is_list_gap(gap: &str) -> bool {
    let mut rest = gap.trim();
    loop {
        rest = rest.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '/' | '&' | '+' | '(' | ')' | '|' | ';')
        });
        if rest.is_empty() {
            return true;
        }
        let word_end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        let word = &rest[..word_end];
        if !matches!(word.to_ascii_lowercase().as_str(), "and" | "or" | "plus" | "with" | "nor" | "as" | "well" | "etc")
        {
            return false;
        }
        rest = &rest[word_end..];
    }
}

/// Like [`has_list_neighbour`], on each side, but the gap holds only punctuation and spaces: in
/// "Python and go to market" a lower-case `go` is not listed.
fn tight_neighbours(
    matcher: &SkillMatcher,
    text: &str,
    candidates: &[Candidate],
    vetoed: &[bool],
    i: usize,
) -> (bool, bool) {
    let me = &candidates[i];
    // Shouting names may be joined by a conjunction ("SPARK and BASH"); a lower-case one may
    // not ("Python and go to market").
    let shouted = text[me.range.clone()].bytes().all(|b| !b.is_ascii_lowercase());
    let tight = |gap: &str| !gap.is_empty() && (shouted || !gap.contains(char::is_alphanumeric)) && is_list_gap(gap);
    let usable = |j: usize| {
        let other = &candidates[j];
        other.skill != me.skill && !vetoed[j] && matcher.rules[other.skill as usize].technology
    };
    let left = i.checked_sub(1).filter(|&j| usable(j) && tight(&text[candidates[j].range.end..me.range.start]));
    let right = Some(i + 1)
        .filter(|&j| j < candidates.len())
        .filter(|&j| usable(j) && tight(&text[me.range.end..candidates[j].range.start]));
    (left.is_some(), right.is_some())
}

/// How many other technologies the requirement names unambiguously.
fn technologies_around(matcher: &SkillMatcher, candidates: &[Candidate], i: usize) -> usize {
    let mut skills: Vec<SkillIndex> = candidates
        .iter()
        .enumerate()
        .filter(|&(j, c)| j != i && !c.ambiguous && c.skill != candidates[i].skill)
        .filter(|(_, c)| matcher.rules[c.skill as usize].technology)
        .map(|(_, c)| c.skill)
        .collect();
    skills.sort_unstable();
    skills.dedup();
    skills.len()
}

fn has_list_neighbour(matcher: &SkillMatcher, text: &str, candidates: &[Candidate], vetoed: &[bool], i: usize) -> bool {
    let me = &candidates[i];
    let usable = |j: usize| {
        let other = &candidates[j];
        let rule = &matcher.rules[other.skill as usize];
        let kin = rule.technology || rule.category == matcher.rules[me.skill as usize].category;
        other.skill != me.skill && !vetoed[j] && kin
    };
    let left = i.checked_sub(1).filter(|&j| usable(j) && is_list_gap(&text[candidates[j].range.end..me.range.start]));
    let right = Some(i + 1)
        .filter(|&j| j < candidates.len())
        .filter(|&j| usable(j) && is_list_gap(&text[me.range.end..candidates[j].range.start]));
    left.is_some() || right.is_some()
}
