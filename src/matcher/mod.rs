//! Finding skills in text with Aho-Corasick automata over every alias, whole words only.
//!
//! [`SkillMatcher`] is built once from a [`Taxonomy`] and shared by every thread (it is
//! immutable and `Sync`). Matching a text has two steps:
//!
//! 1. [`SkillMatcher::candidates`]: two leftmost-longest scans, one ASCII-case-insensitive over
//!    the plain aliases and one exact-case over the cased and ambiguous aliases (kept apart so
//!    that `R` and `C` do not stop the scan at every letter r and c), merged leftmost-longest.
//!    A match is kept only where it is a whole word (so `Java` never fires inside `JavaScript`, while `C++`,
//!    `C#`, `.NET` and `CI/CD`, whose edges are not letters, still match), where a cased or
//!    ambiguous alias has exactly the taxonomy's case, and extended over a plural `s`.
//! 2. [`SkillMatcher::resolve`]: ambiguous aliases (`Go`, `R`, `Spring`, `Excel`…) are kept
//!    only with evidence in their requirement; see `evidence.rs` (and `taxonomy/README.md`) for the rules.
//!
//! Alias variants are generated at build time rather than by normalising the text, so every
//! offset points straight into the original posting: `infrastructure as code` also matches
//! `infrastructure-as-code`, and the reverse.

pub(crate) mod evidence;
mod starts;

pub use evidence::PostingEvidence;

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use rustc_hash::FxHashSet;

use self::starts::{StartIndex, Trie, ASCII_WORD, NO_NODE};
use crate::byteset::ascii_word_at;
use crate::taxonomy::check::is_common_english;
use crate::taxonomy::Taxonomy;

/// A skill's position in [`Taxonomy::skills`].
pub type SkillIndex = u32;

/// How an alias may match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AliasKind {
    /// Any case, no evidence needed.
    Plain,
    /// Exact case, no evidence needed.
    Cased,
    /// Exact case, and evidence in the requirement.
    Ambiguous,
}

#[derive(Clone, Debug)]
struct Pattern {
    skill: SkillIndex,
    kind: AliasKind,
    /// The alias as written, for the exact-case comparison.
    exact: Box<str>,
    /// Whether a trailing plural `s`/`es` may extend the match.
    pluralisable: bool,
    /// A lower- or upper-case spelling of a cased or ambiguous alias (`go`, `HIVE`): kept only
    /// with list evidence (see `evidence.rs`).
    recased: bool,
    /// A recased spelling that is an ordinary English word (`teams`, `access`): kept only
    /// inside a tag line.
    common_word: bool,
    /// Whether verb endings may extend the match ("mentor" → "mentored", "mentoring"): a
    /// one-word lower-case alias of a practice, which is often a verb.
    inflectable: bool,
}

impl Pattern {
    /// This pattern's mention at `range`.
    fn candidate(&self, range: Range<usize>) -> Candidate {
        Candidate {
            skill: self.skill,
            range,
            ambiguous: self.kind == AliasKind::Ambiguous,
            recased: self.recased,
            common_word: self.common_word,
        }
    }
}

/// What the evidence rules need to know about a skill.
#[derive(Clone, Debug)]
struct SkillRule {
    technology: bool,
    /// Industry and field names ("healthcare", "payments") describe the employer as often as
    /// the job; they count only where the requirement asks for experience or knowledge.
    needs_cue: bool,
    category: u32,
    context: Vec<String>,
    /// A searcher per context word, built once: a requirement is searched for the words of
    /// every ambiguous name it holds.
    context_finders: Vec<memchr::memmem::Finder<'static>>,
}

/// A possible skill mention, before ambiguity is resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The skill.
    pub skill: SkillIndex,
    /// Byte range of the mention.
    pub range: Range<usize>,
    /// Whether it came from an ambiguous alias and needs evidence.
    pub ambiguous: bool,
    /// Whether it is a cased or ambiguous name in another case (`go`, `HIVE`), which only list
    /// evidence keeps.
    pub recased: bool,
    /// Whether, so recased, it is an ordinary English word (`teams`), which only a tag line
    /// ("jira confluence teams") keeps.
    pub common_word: bool,
}

/// The compiled matcher for one taxonomy.
#[derive(Clone, Debug)]
pub struct SkillMatcher {
    /// Plain aliases (any case), then cased and ambiguous aliases (exact case), each kind in
    /// one automaton per [`MAX_PATTERNS_PER_AUTOMATON`] patterns.
    automata: Vec<Automaton>,
    /// Which automata may have an alias starting where.
    starts: StartIndex,
    patterns: Vec<Pattern>,
    rules: Vec<SkillRule>,
}

/// One compiled automaton over a run of `patterns`.
#[derive(Clone, Debug)]
struct Automaton {
    /// Its pattern ids start at this offset in `patterns`.
    offset: usize,
    /// How many patterns it holds.
    len: usize,
    /// Whether it matches any ASCII case.
    any_case: bool,
    /// The same patterns as an unanchored searcher, for the reference scan and the benches'
    /// bare pass only: built on first use, so `rungs` itself never pays for it.
    searcher: std::sync::OnceLock<AhoCorasick>,
    /// The same patterns as a trie, for the word-start scan's anchored walks.
    walker: Trie,
}

/// The most patterns compiled into one automaton. `aho-corasick` 1.1 builds an automaton in
/// time that grows with the square of its match states (its state shuffle follows chains of
/// swaps), so a 100,000-skill taxonomy took 10 s in one piece; in pieces of this size it is
/// linear. The default taxonomy (about 10,000 patterns) stays one automaton per kind. Pieces
/// are merged leftmost-longest like the two kinds, so the only cost is that a rejected match
/// in one piece cannot hand its position to a shorter alias in another.
const MAX_PATTERNS_PER_AUTOMATON: usize = 20_000;

impl SkillMatcher {
    /// Compiles every alias of every skill into the two automata.
    pub fn new(taxonomy: &Taxonomy) -> Result<SkillMatcher, aho_corasick::BuildError> {
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut exact_patterns: Vec<Pattern> = Vec::new();
        // A plain alias matches any case, so it is one pattern per lower-cased spelling; cased and
        // ambiguous aliases match their exact case, so "Monitoring" and "monitoring" are two
        // (and neither is needed where a plain alias already covers the spelling).
        let mut plain_seen: FxHashSet<String> = FxHashSet::default();
        let mut exact_seen: FxHashSet<String> = FxHashSet::default();
        let mut recased: Vec<(usize, String)> = Vec::new();
        let mut rules = Vec::with_capacity(taxonomy.skills().len());
        for (index, skill) in taxonomy.skills().iter().enumerate() {
            let category = taxonomy.category(&skill.category);
            let technology = category.is_none_or(|c| c.is_technology() || c.kind == "unknown");
            let needs_cue = category.is_some_and(|c| c.kind == "domain");
            let category =
                taxonomy.categories().iter().position(|c| c.id == skill.category).unwrap_or(usize::MAX) as u32;
            // An empty word names nothing (and a loaded taxonomy has none).
            let context_finders = skill
                .context
                .iter()
                .filter(|w| !w.is_empty())
                .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
                .collect();
            rules.push(SkillRule { technology, needs_cue, category, context: skill.context.clone(), context_finders });
            let special = |alias: &str| {
                let cased = skill.cased_aliases.iter().any(|a| a == alias);
                let ambiguous = skill.ambiguous_aliases.iter().any(|a| a == alias);
                (cased, ambiguous)
            };
            let name_is_special = {
                let (c, a) = special(&skill.name);
                c || a
            };
            let plain = std::iter::once(&skill.name).filter(|_| !name_is_special).chain(&skill.aliases);
            let all = plain
                .map(|a| (a, AliasKind::Plain))
                .chain(skill.cased_aliases.iter().map(|a| (a, AliasKind::Cased)))
                .chain(skill.ambiguous_aliases.iter().map(|a| (a, AliasKind::Ambiguous)));
            for (alias, kind) in all {
                let inflectable = kind == AliasKind::Plain && !technology && is_verb_like(alias);
                let mut spellings = variants(alias);
                if inflectable {
                    // The "-ing" form of a verb ending in "e" drops it ("collaborating").
                    if let Some(stem) = alias.strip_suffix('e') {
                        spellings.push(format!("{stem}ing"));
                    }
                }
                for variant in spellings {
                    let key = variant.to_ascii_lowercase();
                    let new = if kind == AliasKind::Plain {
                        plain_seen.insert(key)
                    } else {
                        !plain_seen.contains(&key) && exact_seen.insert(variant.clone())
                    };
                    if !new {
                        continue;
                    }
                    let pluralisable = kind != AliasKind::Ambiguous
                        && variant.chars().count() >= 3
                        && variant.ends_with(|c: char| c.is_ascii_alphabetic() && !matches!(c, 's' | 'S' | 'y'));
                    let target = if kind == AliasKind::Plain { &mut patterns } else { &mut exact_patterns };
                    target.push(Pattern {
                        skill: index as SkillIndex,
                        kind,
                        exact: variant.clone().into(),
                        pluralisable,
                        recased: false,
                        common_word: false,
                        inflectable: inflectable && variant == *alias,
                    });
                    if kind != AliasKind::Plain {
                        // Tag lines and shouting: "react go", "HIVE, PIG, SPARK". Added after
                        // every alias as written, which win over a recasing.
                        recased.extend(recasings(&variant).into_iter().map(|r| (index, r)));
                    }
                }
            }
        }
        for (index, spelling) in recased {
            if plain_seen.contains(&spelling.to_ascii_lowercase()) || !exact_seen.insert(spelling.clone()) {
                continue;
            }
            exact_patterns.push(Pattern {
                skill: index as SkillIndex,
                kind: AliasKind::Ambiguous,
                common_word: is_common_english(&spelling),
                exact: spelling.into(),
                pluralisable: false,
                recased: true,
                inflectable: false,
            });
        }
        let texts: Vec<&str> = patterns.iter().map(|p| &*p.exact).collect();
        let exact_texts: Vec<&str> = exact_patterns.iter().map(|p| &*p.exact).collect();
        let mut automata = Vec::new();
        let mut starts = StartIndex::default();
        for (start, chunk) in (0..).step_by(MAX_PATTERNS_PER_AUTOMATON).zip(texts.chunks(MAX_PATTERNS_PER_AUTOMATON)) {
            starts.add(automata.len(), chunk);
            automata.push(Automaton {
                offset: start,
                len: chunk.len(),
                any_case: true,
                searcher: std::sync::OnceLock::new(),
                walker: Trie::new(chunk, true),
            });
        }
        let exact_offset = patterns.len();
        for (start, chunk) in
            (0..).step_by(MAX_PATTERNS_PER_AUTOMATON).zip(exact_texts.chunks(MAX_PATTERNS_PER_AUTOMATON))
        {
            starts.add(automata.len(), chunk);
            automata.push(Automaton {
                offset: exact_offset + start,
                len: chunk.len(),
                any_case: false,
                searcher: std::sync::OnceLock::new(),
                walker: Trie::new(chunk, false),
            });
        }
        if let Some(first) = automata.first() {
            starts.link_first_automaton(&first.walker);
        }
        patterns.extend(exact_patterns);
        Ok(SkillMatcher { automata, starts, patterns, rules })
    }

    /// The number of patterns compiled (aliases and their generated variants).
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The raw automata (any-case ones first), for benchmarks that compare the pipeline with a
    /// bare scan.
    pub fn automata(&self) -> Vec<&AhoCorasick> {
        self.automata.iter().map(|a| self.searcher(a)).collect()
    }

    /// `automaton`'s unanchored searcher, built on first use.
    fn searcher<'a>(&'a self, automaton: &'a Automaton) -> &'a AhoCorasick {
        automaton.searcher.get_or_init(|| {
            let patterns = &self.patterns[automaton.offset..automaton.offset + automaton.len];
            let texts: Vec<&str> = patterns.iter().map(|p| &*p.exact).collect();
            // A piece holds at most `MAX_PATTERNS_PER_AUTOMATON` patterns, far inside
            // aho-corasick's limits.
            build_automaton(&texts, automaton.any_case).expect("a piece of the taxonomy's aliases compiles")
        })
    }

    /// Whole-word mentions in `text`, in order, before ambiguity is resolved.
    ///
    /// One pass over the text asks the automata only where a mention may start (see
    /// `matcher/starts.rs`): at the start of a word or at a character that is not part of one,
    /// and there only the automata whose aliases may start with that word or character. Each
    /// walks anchored and takes the longest alias that is acceptable there ("Java se" fails in
    /// "Java service", "Java" does not);
    /// after a mention, that automaton resumes at its end. The results equal
    /// [`SkillMatcher::candidates_searching_everywhere`].
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        let bytes = text.as_bytes();
        // Merged leftmost-longest as they are found: positions are visited in order, so a
        // mention is kept when it starts at or past the end of the last one kept, and of those
        // starting at one position the longest (the first automaton's, among equals).
        // About one mention in a hundred bytes of a posting: room for most without growing.
        let mut found: Vec<Candidate> = Vec::with_capacity(text.len() / 96 + 1);
        let mut kept_end = 0;
        let mut resume = vec![0; self.automata.len()];
        let mut ends = Vec::new();
        let mut at = 0;
        let mut after_word = false;
        while at < bytes.len() {
            let byte = bytes[at];
            let (is_word, width) = match byte {
                0..=0x7f => (ASCII_WORD[usize::from(byte)], 1),
                _ => {
                    let c = text[at..].chars().next().unwrap_or_default();
                    (is_word_char(c), c.len_utf8())
                }
            };
            // Inside a word no mention can be accepted.
            if is_word && after_word {
                at += width;
                continue;
            }
            // Where the scan goes on, and whether it stepped over a space after a word.
            let mut over_space = false;
            // Where the first automaton's walk may start: after the word, at this node.
            let mut first_walk = (NO_NODE, at);
            let (may, skip) = if is_word && byte < 0x80 {
                // A word starts: its ASCII run decides, and the scan goes on after it, and after
                // the space that most often follows if no alias starts with one.
                let word = ascii_word_at(bytes, at);
                over_space = bytes.get(at + word.len) == Some(&b' ') && self.starts.at_other(b' ') == 0;
                let (may, node) = self.starts.at_word(bytes, &word);
                first_walk = (node, at + word.len);
                (may, word.len + usize::from(over_space))
            } else if is_word {
                (u64::MAX, width)
            } else {
                (self.starts.at_other(byte), width)
            };
            if may != 0 {
                let mut longest: Option<Candidate> = None;
                for (index, automaton) in self.automata.iter().enumerate() {
                    if at < resume[index] || (index < 64 && may & (1 << index) == 0) {
                        continue;
                    }
                    match first_walk {
                        (node, after) if index == 0 && node != NO_NODE => {
                            automaton.walker.matches_from(bytes, node, after, &mut ends)
                        }
                        _ => automaton.walker.matches_at(bytes, at, &mut ends),
                    }
                    if let Some(candidate) = self.longest_acceptable(automaton, text, at, &ends) {
                        // Each automaton goes on after its own mention, kept or not.
                        resume[index] = candidate.range.end;
                        if longest.as_ref().is_none_or(|longest| candidate.range.end > longest.range.end) {
                            longest = Some(candidate);
                        }
                    }
                }
                if let Some(longest) = longest.filter(|_| at >= kept_end) {
                    kept_end = longest.range.end;
                    found.push(longest);
                }
            }
            after_word = is_word && !over_space;
            at += skip;
        }
        found
    }

    /// Of the aliases starting at `at` (their ends, shortest first), the longest that
    /// [`accept`] takes.
    fn longest_acceptable(
        &self,
        automaton: &Automaton,
        text: &str,
        at: usize,
        ends: &[(usize, usize)],
    ) -> Option<Candidate> {
        ends.iter().rev().find_map(|&(end, id)| {
            let pattern = &self.patterns[automaton.offset + id];
            accept(text, at..end, pattern).map(|end| pattern.candidate(at..end))
        })
    }

    /// [`SkillMatcher::candidates`] the way it was first written: each automaton searches from
    /// every position and the word-boundary check throws most hits away. Kept as the reference
    /// the word-start scan must agree with (tests) and be measured against (benches).
    #[doc(hidden)]
    pub fn candidates_searching_everywhere(&self, text: &str) -> Vec<Candidate> {
        self.merge(self.automata.iter().map(|a| self.scan(self.searcher(a), a.offset, text)).collect())
    }

    /// The mentions of several automata, merged leftmost-longest.
    fn merge(&self, lists: Vec<Vec<Candidate>>) -> Vec<Candidate> {
        let mut lists: Vec<Vec<Candidate>> = lists.into_iter().filter(|l| !l.is_empty()).collect();
        if lists.len() <= 1 {
            return lists.pop().unwrap_or_default();
        }
        let mut found: Vec<Candidate> = lists.into_iter().flatten().collect();
        // Merge leftmost-longest: of overlapping mentions, the earlier wins, then the longer.
        found.sort_by_key(|c| (c.range.start, std::cmp::Reverse(c.range.end)));
        let mut end = 0;
        found.retain(|c| {
            let keep = c.range.start >= end;
            if keep {
                end = c.range.end;
            }
            keep
        });
        found
    }

    /// One automaton's accepted mentions. The iterator is kept while matches are accepted. When
    /// a match is rejected, shorter aliases at the same start are tried ("Java se" fails in
    /// "Java service", "Java" does not), and failing those the scan restarts one character on.
    fn scan(&self, automaton: &AhoCorasick, offset: usize, text: &str) -> Vec<Candidate> {
        let mut out = Vec::new();
        let mut at = 0;
        'restart: while at < text.len() {
            for found in automaton.find_iter(Input::new(text).span(at..text.len())) {
                let pattern = &self.patterns[offset + found.pattern().as_usize()];
                match accept(text, found.range(), pattern) {
                    Some(end) => {
                        out.push(pattern.candidate(found.start()..end));
                        if end > found.end() {
                            // A plural suffix was taken in: resume after it.
                            at = end;
                            continue 'restart;
                        }
                    }
                    None => {
                        at = match self.shorter_at(automaton, offset, text, found.range()) {
                            Some(candidate) => {
                                at = candidate.range.end;
                                out.push(candidate);
                                at
                            }
                            None => next_char_boundary(text, found.start()),
                        };
                        continue 'restart;
                    }
                }
            }
            break;
        }
        out
    }

    /// The longest acceptable alias that starts where `rejected` starts and ends before it.
    fn shorter_at(
        &self,
        automaton: &AhoCorasick,
        offset: usize,
        text: &str,
        rejected: Range<usize>,
    ) -> Option<Candidate> {
        let starts_word = text[rejected.start..].chars().next().is_some_and(is_word_char);
        if starts_word && text[..rejected.start].chars().next_back().is_some_and(is_word_char) {
            return None;
        }
        let mut end = rejected.end;
        while end > rejected.start + 1 {
            let input = Input::new(text).span(rejected.start..end - 1).anchored(Anchored::Yes);
            let found = automaton.find(input)?;
            let pattern = &self.patterns[offset + found.pattern().as_usize()];
            if let Some(accepted_end) = accept(text, found.range(), pattern) {
                return Some(pattern.candidate(found.start()..accepted_end));
            }
            end = found.end();
        }
        None
    }

    /// What the whole posting's candidates say, for [`SkillMatcher::resolve`].
    pub fn posting_evidence(&self, candidates: &[Candidate]) -> PostingEvidence {
        PostingEvidence::new(self, candidates)
    }

    /// Drops the candidates in `requirement` that lack the evidence they need: ambiguous aliases,
    /// and industry names without an experience cue. `candidates` must be the requirement's
    /// candidates in order.
    pub fn resolve(
        &self,
        text: &str,
        requirement: Range<usize>,
        candidates: &mut Vec<Candidate>,
        posting: &PostingEvidence,
    ) {
        if candidates.iter().any(|c| c.ambiguous || self.rules[c.skill as usize].needs_cue) {
            evidence::resolve(self, text, requirement, candidates, posting);
        }
    }
}

/// A leftmost-longest automaton over `patterns` with both start kinds: unanchored for the
/// scan, anchored to retry a rejected match's start.
fn build_automaton<P: AsRef<[u8]>>(patterns: &[P], any_case: bool) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .ascii_case_insensitive(any_case)
        // The same kinds as the walkers use, so the reference scan and the benches' bare pass
        // compare like with like: a DFA for the small exact-case sets.
        .kind((!any_case && patterns.len() <= MAX_DFA_PATTERNS).then_some(AhoCorasickKind::DFA))
        .build(patterns)
}

/// The most patterns compiled into a DFA (the default taxonomy's exact-case ones are far fewer).
const MAX_DFA_PATTERNS: usize = 5_000;

/// The spellings an alias matches: as written, and with spaces and hyphens exchanged.
fn variants(alias: &str) -> Vec<String> {
    // Runs of whitespace are one space (most aliases have none to change).
    let single_spaced = !alias.starts_with(' ')
        && !alias.ends_with(' ')
        && !alias.contains("  ")
        && !alias.contains(|c: char| c.is_whitespace() && c != ' ');
    let alias = if single_spaced { alias.to_string() } else { alias.split_whitespace().collect::<Vec<_>>().join(" ") };
    let mut out = vec![alias.clone()];
    if alias.contains(' ') {
        out.push(alias.replace(' ', "-"));
    }
    let bytes = alias.as_bytes();
    let inner_hyphen = (1..bytes.len().saturating_sub(1))
        .any(|i| bytes[i] == b'-' && bytes[i - 1].is_ascii_alphabetic() && bytes[i + 1].is_ascii_alphabetic());
    if inner_hyphen {
        out.push(alias.replace('-', " "));
    }
    out
}

/// The other-case spellings of a cased or ambiguous name that lists write: all lower case
/// (two letters or more: "go") and all upper case (three or more: "HIVE"). Single letters are
/// left alone: a lower-case `r` or `c` is everywhere.
fn recasings(alias: &str) -> Vec<String> {
    let letters = alias.bytes().filter(u8::is_ascii_alphabetic).count();
    if !alias.is_ascii() || letters < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let lower = alias.to_ascii_lowercase();
    if lower != alias {
        out.push(lower);
    }
    let upper = alias.to_ascii_uppercase();
    if upper != alias && letters >= 3 {
        out.push(upper);
    }
    out
}

/// A one-word, lower-case alias of at least five letters: for a practice, most likely a verb
/// ("collaborate", "mentor") that résumés and postings also write as "collaborated",
/// "mentoring".
fn is_verb_like(alias: &str) -> bool {
    alias.len() >= 5 && alias.bytes().all(|b| b.is_ascii_lowercase())
}

/// Whether `c` continues a word: letters, digits and `_`, in any script.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn next_char_boundary(text: &str, at: usize) -> usize {
    let mut next = at + 1;
    while next < text.len() && !text.is_char_boundary(next) {
        next += 1;
    }
    next
}

/// Checks word boundaries and case; returns the end of the accepted mention (past a plural).
fn accept(text: &str, range: Range<usize>, pattern: &Pattern) -> Option<usize> {
    let matched = &text[range.clone()];
    if pattern.kind != AliasKind::Plain && matched != &*pattern.exact {
        return None;
    }
    let first_is_word = matched.chars().next().is_some_and(is_word_char);
    let last_is_word = matched.chars().next_back().is_some_and(is_word_char);
    if first_is_word && text[..range.start].chars().next_back().is_some_and(is_word_char) {
        return None;
    }
    let rest = &text[range.end..];
    let next = rest.chars().next();
    if !last_is_word || !next.is_some_and(is_word_char) {
        return Some(range.end);
    }
    if pattern.inflectable {
        let suffixes: &[&str] = if matched.ends_with('e') { &["d"] } else { &["ed", "ing"] };
        for suffix in suffixes {
            if rest.starts_with(suffix) && !rest[suffix.len()..].chars().next().is_some_and(is_word_char) {
                return Some(range.end + suffix.len());
            }
        }
    }
    if pattern.pluralisable {
        for suffix in ["s", "es"] {
            // Compared as bytes: the suffix is ASCII, so a match also proves a char boundary.
            if rest.as_bytes().get(..suffix.len()).is_some_and(|b| b.eq_ignore_ascii_case(suffix.as_bytes())) {
                let upper = matched.chars().next_back().is_some_and(|c| c.is_ascii_uppercase());
                // "APIs" keeps a lower-case plural after an upper-case alias; "APIS" would not be one.
                let suffix_text = &rest[..suffix.len()];
                if upper && pattern.kind != AliasKind::Plain && suffix_text != suffix {
                    continue;
                }
                if !rest[suffix.len()..].chars().next().is_some_and(is_word_char) {
                    return Some(range.end + suffix.len());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
