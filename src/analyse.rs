//! One posting through the pure stages: clean → split → match → resolve → strength and years.
//!
//! The stages read the clean view of the text ([`CleanText`]: Markdown escapes, emphasis and
//! HTML undone); every range they find is mapped back, so an [`Analysis`] holds offsets into
//! the posting as read.
//!
//! [`Analyzer`] holds what is built once (taxonomy and matcher) and turns a [`Posting`] into
//! an [`Analysis`]: its requirements and its skill matches, each match carrying its
//! requirement, offsets, strength and stated minimum years. It does no I/O and keeps no state
//! between postings, so it runs on any number of threads at once.

use std::ops::Range;

use crate::clean::CleanText;
use crate::context::{names_a_role, read_requirement, Context, ContextSet};
use crate::matcher::{Candidate, SkillIndex, SkillMatcher};
use crate::posting::Posting;
use crate::practice::{PracticePhrase, PracticeVerbs};
use crate::signals::{clauses, preference_cues, years_mentions, PreferenceCue, YearsMention};
use crate::split::{split_requirements, Requirement, SectionKind, Strength};
use crate::taxonomy::Taxonomy;

/// One skill mention in a posting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkillMatch {
    /// The requirement's 1-based index within the posting.
    pub requirement: u32,
    /// Byte range in the posting text (as read, not the clean view).
    pub range: Range<usize>,
    /// The skill.
    pub skill: SkillIndex,
    /// Required or preferred.
    pub strength: Strength,
    /// The minimum years the requirement states for it, if any.
    pub min_years: Option<u32>,
    /// Where it stands: asked for, or said of the employer, its benefits, the law, a title.
    pub context: Context,
}

/// A posting and what rungs found in it.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The posting as read.
    pub posting: Posting,
    /// Its requirements, in text order.
    pub requirements: Vec<Requirement>,
    /// Its skill matches, in text order.
    pub matches: Vec<SkillMatch>,
    /// What its requirements ask the reader to do, in text order (only from an analyzer
    /// built [`Analyzer::with_practices`]; empty otherwise).
    pub practices: Vec<PracticePhrase>,
    /// The clean view of the text the stages read, and its map back to the posting text.
    pub view: CleanText,
}

impl Analysis {
    /// Drops the mentions outside `contexts`, as an [`Analyzer::with_contexts`] would have.
    pub fn keep_contexts(&mut self, contexts: ContextSet) {
        self.matches.retain(|m| contexts.contains(m.context));
        if !contexts.contains(Context::Requirement) {
            self.practices.clear();
        }
    }

    /// The clean text the stages read; [`Requirement::clean_range`] slices it.
    pub fn clean_text(&self) -> &str {
        self.view.text(&self.posting.text)
    }
}

/// Which requirements an analysis reads the context of ([`Requirement::context`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ContextReading {
    /// Every requirement (the default): what reports that show requirements read.
    #[default]
    Every,
    /// Only the requirements that hold a skill mention, whose mentions take their context:
    /// all that counts and lists of mentions read. The others keep [`Context::Requirement`]
    /// unread. Finding practice phrases reads every requirement all the same.
    OfMentions,
}

/// The stages that analyse one posting, built once and shared across threads.
#[derive(Clone, Debug)]
pub struct Analyzer {
    taxonomy: Taxonomy,
    /// `None` for [`Analyzer::requirements_only`].
    matcher: Option<SkillMatcher>,
    contexts: ContextSet,
    practices: bool,
    skills: bool,
    reading: ContextReading,
}

impl Analyzer {
    /// Compiles the matcher for `taxonomy`.
    pub fn new(taxonomy: Taxonomy) -> Result<Analyzer, aho_corasick::BuildError> {
        let matcher = SkillMatcher::new(&taxonomy)?;
        Ok(Analyzer {
            taxonomy,
            matcher: Some(matcher),
            contexts: ContextSet::ALL,
            practices: false,
            skills: true,
            reading: ContextReading::Every,
        })
    }

    /// An analyzer that finds requirements, their contexts and (if asked) practice phrases, but
    /// never skill mentions, and so does not compile the taxonomy's aliases (most of building
    /// an analyzer): what level mapping reads. [`Analyzer::with_skills`] cannot turn mentions
    /// on for it, and its [`Analyzer::matcher`] is `None`.
    ///
    /// ```
    /// use rungs::{Analyzer, Posting, Taxonomy};
    /// let analyzer = Analyzer::requirements_only(Taxonomy::embedded()).with_skills(true);
    /// let analysis = analyzer.analyse(Posting::new("p1", "- 5+ years of Kubernetes\n- Mentor others"));
    /// assert_eq!((analysis.requirements.len(), analysis.matches.len()), (2, 0));
    /// assert!(!analyzer.finds_skills() && analyzer.matcher().is_none());
    /// ```
    pub fn requirements_only(taxonomy: Taxonomy) -> Analyzer {
        Analyzer {
            taxonomy,
            matcher: None,
            contexts: ContextSet::ALL,
            practices: false,
            skills: false,
            reading: ContextReading::Every,
        }
    }

    /// Keeps only mentions in `contexts` (all by default): counts and comparisons keep
    /// [`ContextSet::REQUIREMENTS`], so benefits and legal text do not count as demand.
    pub fn with_contexts(mut self, contexts: ContextSet) -> Analyzer {
        self.contexts = contexts;
        self
    }

    /// Also finds practice phrases ([`crate::practice`]): what each requirement asks the
    /// reader to do. Off by default, since counts of skills do not need them.
    pub fn with_practices(mut self, practices: bool) -> Analyzer {
        self.practices = practices;
        self
    }

    /// Looks for skill mentions (the default). Without, an analysis holds the requirements (and
    /// practice phrases, if asked) but no matches: all that level mapping reads, at a fraction
    /// of the cost. With [`ContextReading::OfMentions`] its requirements' contexts are then left
    /// unread.
    pub fn with_skills(mut self, skills: bool) -> Analyzer {
        self.skills = skills && self.matcher.is_some();
        self
    }

    /// Which requirements' contexts [`Analyzer::analyse`] reads: [`ContextReading::OfMentions`]
    /// spares a count the reading of requirements it would not use.
    pub fn reading_contexts(mut self, reading: ContextReading) -> Analyzer {
        self.reading = reading;
        self
    }

    /// Whether [`Analyzer::analyse`] looks for skill mentions.
    pub fn finds_skills(&self) -> bool {
        self.skills
    }

    /// The taxonomy the analyzer matches against.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The compiled matcher (`None` for [`Analyzer::requirements_only`]).
    pub fn matcher(&self) -> Option<&SkillMatcher> {
        self.matcher.as_ref()
    }

    /// Splits, matches and qualifies one posting.
    ///
    /// ```
    /// use rungs::{Analyzer, Posting, Taxonomy};
    /// let analyzer = Analyzer::new(Taxonomy::embedded()).unwrap();
    /// let analysis = analyzer.analyse(Posting::new("p1", "- 5+ years of Kubernetes\n- Terraform is a plus"));
    /// let found: Vec<(&str, &str, Option<u32>)> = analysis.matches.iter().map(|m| {
    ///     (analyzer.taxonomy().skills()[m.skill as usize].id.as_str(), m.strength.as_str(), m.min_years)
    /// }).collect();
    /// assert_eq!(found, [("kubernetes", "required", Some(5)), ("terraform", "preferred", None)]);
    /// ```
    pub fn analyse(&self, posting: Posting) -> Analysis {
        self.analyse_keeping(posting, self.contexts, self.practices, self.skills)
    }

    /// Like [`Analyzer::analyse`], without looking for skill mentions (as an analyzer built
    /// [`Analyzer::with_skills`]`(false)` would): for callers that decide per call.
    pub fn analyse_requirements(&self, posting: Posting) -> Analysis {
        self.analyse_keeping(posting, self.contexts, self.practices, false)
    }

    /// Like [`Analyzer::analyse`], and finds practice phrases whether or not the analyzer was
    /// built [`Analyzer::with_practices`]: for callers that decide per call.
    pub fn analyse_with_practices(&self, posting: Posting) -> Analysis {
        self.analyse_keeping(posting, self.contexts, true, self.skills)
    }

    /// Analyses a profile (a résumé, a written interview, a list of skills): every mention
    /// counts, wherever it stands, since a résumé's "The platform ran on Kafka." or "We moved
    /// to Go." says what its author worked with, where a posting's would describe the employer.
    pub fn analyse_profile(&self, profile: Posting) -> Analysis {
        self.analyse_keeping(profile, ContextSet::ALL, false, true)
    }

    /// The analysis, keeping mentions in `contexts`, with practice phrases if `with_practices`
    /// and skill mentions if `with_skills`.
    fn analyse_keeping(
        &self,
        posting: Posting,
        contexts: ContextSet,
        with_practices: bool,
        with_skills: bool,
    ) -> Analysis {
        let view = CleanText::new(&posting.text);
        let text = view.text(&posting.text);
        let mut requirements = split_requirements(text);
        let matcher = self.matcher.as_ref().filter(|_| with_skills);
        let mut candidates = matcher.map_or_else(Vec::new, |matcher| matcher.candidates(text));
        // A candidate must lie inside one requirement; headings and bullet markers hold none.
        // `spans[r]` is requirement r's run of `inside`, which stays in text order.
        let mut inside: Vec<Candidate> = Vec::with_capacity(candidates.len());
        let mut spans: Vec<Range<usize>> = Vec::with_capacity(requirements.len());
        let mut req = 0;
        let mut next = candidates.drain(..).peekable();
        while req < requirements.len() {
            let range = &requirements[req].range;
            let start = inside.len();
            while let Some(candidate) = next.next_if(|c| c.range.start < range.end) {
                if range.start <= candidate.range.start && candidate.range.end <= range.end {
                    inside.push(candidate);
                }
            }
            spans.push(start..inside.len());
            req += 1;
        }
        drop(next);
        let evidence = matcher.map(|matcher| matcher.posting_evidence(&inside)).unwrap_or_default();
        // Phrases are found only in requirement context, so an analyzer that drops it finds none.
        let find_phrases = with_practices && contexts.contains(Context::Requirement);
        // Cues qualify mentions and phrases, years only mentions: a text with neither needs
        // neither scan.
        let cues = if inside.is_empty() && !find_phrases { Vec::new() } else { preference_cues(text) };
        let years = if inside.is_empty() { Vec::new() } else { years_mentions(text) };
        let mut matches = Vec::with_capacity(inside.len());
        let mut found = Vec::new();
        let mut practices = Vec::new();
        let every = self.reading == ContextReading::Every || find_phrases;
        for (requirement, span) in requirements.iter_mut().zip(&spans) {
            if !every && span.is_empty() {
                continue;
            }
            let reading = read_requirement(text, requirement);
            requirement.context = reading.context;
            if find_phrases && asks_for_practice(requirement, reading.asks) {
                find_practices(text, requirement, &cues, &mut practices);
            }
        }
        // A requirement's matches take its context (a requirement's may turn into titles): those
        // of a requirement whose context is not kept need not be resolved or qualified.
        let kept = |context: Context| {
            contexts.contains(context) || context == Context::Requirement && contexts.contains(Context::Title)
        };
        for (requirement, span) in requirements.iter().zip(spans) {
            // A requirement holds candidates only if there is a matcher.
            let Some(matcher) = matcher.filter(|_| !span.is_empty() && kept(requirement.context)) else { continue };
            found.clear();
            found.extend_from_slice(&inside[span]);
            matcher.resolve(text, requirement.range.clone(), &mut found, &evidence);
            let first = matches.len();
            qualify(text, requirement, &found, &cues, &years, &mut matches);
            for found in &mut matches[first..] {
                if found.context == Context::Requirement && names_a_role(text, found.range.clone()) {
                    found.context = Context::Title;
                }
            }
        }
        matches.retain(|m| contexts.contains(m.context));
        if view.is_changed() {
            // Each list is in text order: one walk over the view's pieces maps it.
            for requirement in &mut requirements {
                requirement.range = requirement.clean_range.clone();
            }
            view.map_to_original(requirements.iter_mut().map(|r| &mut r.range));
            view.map_to_original(matches.iter_mut().map(|m| &mut m.range));
            view.map_to_original(practices.iter_mut().map(|p| &mut p.range));
        }
        Analysis { posting, requirements, matches, practices, view }
    }
}

/// Builds the fixed cue automata and regexes that the analysis of the first posting would
/// otherwise build (a few milliseconds): a caller with a spare thread can run this while it
/// loads the taxonomy and builds its [`Analyzer`], as the command line does on its worker pool.
/// Never needed for correctness: each is built once, by whoever asks first.
pub fn prepare_fixed_patterns() {
    crate::signals::prepare();
    crate::context::prepare();
    crate::matcher::evidence::prepare();
}

/// Whether a requirement may hold practice phrases: it is asked of the reader, by its section,
/// its bullet, or its own words.
fn asks_for_practice(requirement: &Requirement, asks: bool) -> bool {
    requirement.context == Context::Requirement
        && (asks || requirement.is_bullet || requirement.section == SectionKind::Requirements)
}

/// The practice phrases of one requirement (ranges in the clean view), with its strength.
fn find_practices(text: &str, requirement: &Requirement, cues: &[PreferenceCue], out: &mut Vec<PracticePhrase>) {
    let range = requirement.clean_range.clone();
    let cues = within_sorted(cues, &range, |c| &c.range);
    let strength = if cues.is_empty() { requirement.section_strength } else { Strength::Preferred };
    for (phrase, verb) in PracticeVerbs::get().phrases_in(&text[range.clone()]) {
        let mut phrase = range.start + phrase.start..range.start + phrase.end;
        // "building data pipelines is a plus": the cue qualifies the phrase, it is not part of it.
        if let Some(cue) = cues.iter().find(|c| phrase.contains(&c.range.start) && c.range.start > phrase.start) {
            phrase.end = phrase.start + text[phrase.start..cue.range.start].trim_end().len();
        }
        out.push(PracticePhrase { requirement: requirement.index, range: phrase, verb, strength });
    }
}

/// Gives each match of one requirement its strength and years, clause by clause.
///
/// Everything is found by binary search over sorted ranges, so the work grows with
/// (matches + cues + years) × log of them, however many of each one requirement holds.
fn qualify(
    text: &str,
    requirement: &Requirement,
    found: &[Candidate],
    cues: &[PreferenceCue],
    years: &[YearsMention],
    out: &mut Vec<SkillMatch>,
) {
    let cues = within_sorted(cues, &requirement.range, |c| &c.range);
    let years = within_sorted(years, &requirement.range, |y| &y.range);
    let plain = |candidate: &Candidate| SkillMatch {
        requirement: requirement.index,
        range: candidate.range.clone(),
        skill: candidate.skill,
        strength: requirement.section_strength,
        min_years: None,
        context: requirement.context,
    };
    // Most requirements state neither: their matches take the section's strength and no years,
    // and their clauses need not be found.
    if cues.is_empty() && years.is_empty() {
        out.extend(found.iter().map(plain));
        return;
    }
    let clauses = clauses(text, requirement.range.clone());
    // The index of the clause holding a byte (clauses tile the requirement, in order).
    let clause_at = |at: usize| Some(clauses.partition_point(|c| c.end <= at)).filter(|&i| i < clauses.len());
    // A parenthesised cue right after a match qualifies that match alone ("Azure (preferred)").
    // Any other cue lowers its whole clause, or the whole requirement when it is one clause.
    let mut preferred_match = vec![false; found.len()];
    let mut preferred_clause = vec![false; clauses.len()];
    for cue in cues {
        let owner = found
            .partition_point(|c| c.range.end <= cue.range.start)
            .checked_sub(1)
            .filter(|&i| text[found[i].range.end..cue.range.start].trim_matches([' ', ',']).is_empty());
        match (cue.parenthesised, owner) {
            (true, Some(i)) => preferred_match[i] = true,
            _ if clauses.len() == 1 => preferred_clause[0] = true,
            _ => {
                if let Some(i) = clause_at(cue.range.start).filter(|&i| cue.range.end <= clauses[i].end) {
                    preferred_clause[i] = true;
                }
            }
        }
    }
    for (i, candidate) in found.iter().enumerate() {
        let clause_index = clause_at(candidate.range.start);
        let clause = clause_index.map_or(&requirement.range, |c| &clauses[c]);
        let in_preferred_clause = clause_index.is_some_and(|c| preferred_clause[c]);
        let strength =
            if preferred_match[i] || in_preferred_clause { Strength::Preferred } else { requirement.section_strength };
        out.push(SkillMatch { strength, min_years: years_for(candidate, clause, years), ..plain(candidate) });
    }
}

/// The items of a list sorted by start whose ranges lie inside `outer`.
fn within_sorted<'a, T>(items: &'a [T], outer: &Range<usize>, range: impl Fn(&T) -> &Range<usize>) -> &'a [T] {
    let from = items.partition_point(|item| range(item).start < outer.start);
    let to = from + items[from..].partition_point(|item| range(item).start < outer.end);
    let mut slice = &items[from..to];
    // Ranges are disjoint and sorted, so only the last can run past `outer`.
    while slice.last().is_some_and(|item| range(item).end > outer.end) {
        slice = &slice[..slice.len() - 1];
    }
    slice
}

/// The nearest years mention before the match in its clause, else the first after it.
fn years_for(candidate: &Candidate, clause: &Range<usize>, years: &[YearsMention]) -> Option<u32> {
    let in_clause = within_sorted(years, clause, |y| &y.range);
    let before = in_clause.partition_point(|y| y.range.end <= candidate.range.start);
    let nearest = before.checked_sub(1).map_or(in_clause.first(), |i| in_clause.get(i));
    nearest.map(|y| y.min_years)
}
