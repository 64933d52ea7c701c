//! A job seeker's gap: which skills postings ask for that a profile lacks, holds, or holds
//! something close to.
//!
//! A profile (a résumé, a written interview, or a plain list of skills) is analysed like a
//! posting, so every skill it holds comes with the offsets it was found at. Each posting's
//! required and preferred skills are then sorted into **has**, **adjacent** (the profile holds
//! the skill's parent, a child, a sibling under the same parent, or a related skill: Amazon EKS
//! for Kubernetes, Postgres for SQL) and **missing**. [`GapTally`] accumulates demand over a
//! stream of postings in memory bounded by the taxonomy, for the "learn next" ranking.

use std::collections::BTreeMap;

use crate::analyse::Analysis;
use crate::matcher::SkillIndex;
use crate::split::Strength;
use crate::taxonomy::Taxonomy;

/// How a profile stands against one demanded skill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// The profile names the skill.
    Has,
    /// The profile names a skill linked to it (parent, child, sibling, related).
    Adjacent(SkillIndex),
    /// Neither.
    Missing,
}

/// Parent and related links by skill index, for adjacency.
#[derive(Clone, Debug)]
pub struct SkillGraph {
    parent: Vec<Option<SkillIndex>>,
    related: Vec<Vec<SkillIndex>>,
}

impl SkillGraph {
    /// The links of `taxonomy`.
    pub fn new(taxonomy: &Taxonomy) -> SkillGraph {
        let index: BTreeMap<&str, SkillIndex> =
            taxonomy.skills().iter().enumerate().map(|(i, s)| (s.id.as_str(), i as SkillIndex)).collect();
        let parent =
            taxonomy.skills().iter().map(|s| s.parent.as_deref().and_then(|p| index.get(p).copied())).collect();
        let related = taxonomy
            .skills()
            .iter()
            .map(|s| s.related.iter().filter_map(|r| index.get(r.as_str()).copied()).collect())
            .collect();
        SkillGraph { parent, related }
    }

    /// Whether holding `have` partly covers `want`.
    pub fn adjacent(&self, have: SkillIndex, want: SkillIndex) -> bool {
        let (h, w) = (have as usize, want as usize);
        self.parent[h] == Some(want)
            || self.parent[w] == Some(have)
            || (self.parent[h].is_some() && self.parent[h] == self.parent[w])
            || self.related[w].contains(&have)
            || self.related[h].contains(&want)
    }
}

/// The skills a profile holds, from its analysis.
#[derive(Clone, Debug)]
pub struct Profile {
    /// Each skill held (sorted by index), with its mentions' byte ranges in the profile text.
    pub skills: BTreeMap<SkillIndex, Vec<std::ops::Range<usize>>>,
}

impl Profile {
    /// The profile of an analysed profile text.
    pub fn new(analysis: &Analysis) -> Profile {
        let mut skills: BTreeMap<SkillIndex, Vec<std::ops::Range<usize>>> = BTreeMap::new();
        for m in &analysis.matches {
            skills.entry(m.skill).or_default().push(m.range.clone());
        }
        Profile { skills }
    }

    /// How the profile stands against `want`: has it, has something adjacent (the first such
    /// skill, in index order), or lacks it.
    pub fn fit(&self, graph: &SkillGraph, want: SkillIndex) -> Fit {
        if self.skills.contains_key(&want) {
            return Fit::Has;
        }
        self.skills.keys().find(|&&have| graph.adjacent(have, want)).map_or(Fit::Missing, |&h| Fit::Adjacent(h))
    }
}

/// One posting against the profile.
#[derive(Clone, Debug)]
pub struct PostingGap {
    /// Required skills and the profile's fit, in first-mention order.
    pub required: Vec<(SkillIndex, Fit)>,
    /// Skills only preferred, likewise.
    pub preferred: Vec<(SkillIndex, Fit)>,
}

impl PostingGap {
    /// Sorts a posting's skills by strength and fit. A skill required anywhere in the posting is
    /// required.
    pub fn new(analysis: &Analysis, profile: &Profile, graph: &SkillGraph) -> PostingGap {
        let mut order: Vec<SkillIndex> = Vec::new();
        let mut required: BTreeMap<SkillIndex, bool> = BTreeMap::new();
        for m in &analysis.matches {
            let entry = required.entry(m.skill).or_insert_with(|| {
                order.push(m.skill);
                false
            });
            *entry |= m.strength == Strength::Required;
        }
        let fit = |s: SkillIndex| (s, profile.fit(graph, s));
        PostingGap {
            required: order.iter().copied().filter(|s| required[s]).map(fit).collect(),
            preferred: order.iter().copied().filter(|s| !required[s]).map(fit).collect(),
        }
    }

    /// The share of `skills` the profile covers, an adjacent skill counting half.
    pub fn rate(skills: &[(SkillIndex, Fit)]) -> Option<f64> {
        if skills.is_empty() {
            return None;
        }
        let score: f64 = skills
            .iter()
            .map(|(_, fit)| match fit {
                Fit::Has => 1.0,
                Fit::Adjacent(_) => 0.5,
                Fit::Missing => 0.0,
            })
            .sum();
        Some(score / skills.len() as f64)
    }
}

/// How a profile covers the skills postings want from one category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CategoryCoverage {
    /// Index in [`Taxonomy::categories`].
    pub category: usize,
    /// Distinct skills of the category that postings require or prefer.
    pub wanted: u64,
    /// Of those, held.
    pub has: u64,
    /// Of those, adjacent.
    pub adjacent: u64,
}

impl CategoryCoverage {
    /// Of those, missing.
    pub fn missing(&self) -> u64 {
        self.wanted - self.has - self.adjacent
    }

    /// (has + adjacent / 2) / wanted.
    pub fn coverage(&self) -> f64 {
        (self.has as f64 + self.adjacent as f64 / 2.0) / self.wanted as f64
    }
}

/// How a list of wanted skills splits by fit.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FitCounts {
    /// Skills wanted.
    pub wanted: u64,
    /// Held.
    pub has: u64,
    /// Not held, but a neighbour is.
    pub adjacent: u64,
    /// Neither.
    pub missing: u64,
    /// The match rate ([`PostingGap::rate`]), when anything is wanted.
    pub rate: Option<f64>,
}

impl FitCounts {
    /// The counts of `skills`.
    pub fn of(skills: &[(SkillIndex, Fit)]) -> FitCounts {
        let count = |want: fn(&Fit) -> bool| skills.iter().filter(|(_, f)| want(f)).count() as u64;
        FitCounts {
            wanted: skills.len() as u64,
            has: count(|f| *f == Fit::Has),
            adjacent: count(|f| matches!(f, Fit::Adjacent(_))),
            missing: count(|f| *f == Fit::Missing),
            rate: PostingGap::rate(skills),
        }
    }
}

/// The profile's own level, only where it gives evidence (stated years, scope phrases).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ProfileLevel {
    /// The band the profile's text points to, if it has level evidence.
    pub band: Option<f64>,
    /// The most years the profile states.
    pub years: Option<u32>,
}

impl ProfileLevel {
    /// The level of an analysed profile.
    pub fn new(model: &crate::levels::LevelModel, analysis: &Analysis) -> ProfileLevel {
        let level = model.estimate_levels(analysis);
        ProfileLevel {
            band: (level.confidence > 0.0).then_some(level.estimate),
            years: crate::signals::years_mentions(&analysis.posting.text).iter().map(|y| y.min_years).max(),
        }
    }
}

/// A skill to learn next, with the demand behind it (shares unrounded).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LearnNext {
    /// The skill.
    pub skill: SkillIndex,
    /// Missing, or adjacent through a held skill.
    pub fit: Fit,
    /// Postings requiring it.
    pub requiring: u64,
    /// Postings preferring it.
    pub preferring: u64,
    /// `requiring` over all postings.
    pub require_share: f64,
    /// `preferring` over all postings.
    pub prefer_share: f64,
}

/// Demand over all postings, per skill (by index in the taxonomy); sums, so tallies of parts of
/// a corpus merge exactly.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GapTally {
    postings: u64,
    requiring: Vec<u64>,
    preferring: Vec<u64>,
}

impl GapTally {
    /// An empty tally for `taxonomy`.
    pub fn new(taxonomy: &Taxonomy) -> GapTally {
        let n = taxonomy.skills().len();
        GapTally { postings: 0, requiring: vec![0; n], preferring: vec![0; n] }
    }

    /// Counts one posting's demand.
    pub fn add(&mut self, gap: &PostingGap) {
        self.postings += 1;
        for &(skill, _) in &gap.required {
            self.requiring[skill as usize] += 1;
        }
        for &(skill, _) in &gap.preferred {
            self.preferring[skill as usize] += 1;
        }
    }

    /// Adds the tally of other postings, counted with the same taxonomy.
    ///
    /// # Panics
    /// If the tallies were made for taxonomies of different sizes.
    pub fn merge(&mut self, other: &GapTally) {
        assert_eq!(self.requiring.len(), other.requiring.len(), "gap tallies of different taxonomies");
        self.postings += other.postings;
        for (mine, theirs) in self.requiring.iter_mut().zip(&other.requiring) {
            *mine += theirs;
        }
        for (mine, theirs) in self.preferring.iter_mut().zip(&other.preferring) {
            *mine += theirs;
        }
    }

    /// Postings counted.
    pub fn postings(&self) -> u64 {
        self.postings
    }

    /// [`GapTally::learn_next`] with the demand and shares of each skill, the first `top`.
    pub fn learn_next_rows(&self, profile: &Profile, graph: &SkillGraph, top: Option<usize>) -> Vec<LearnNext> {
        let postings = self.postings.max(1) as f64;
        self.learn_next(profile, graph)
            .into_iter()
            .take(top.unwrap_or(usize::MAX))
            .map(|(skill, fit)| {
                let (requiring, preferring) = self.demand(skill);
                LearnNext {
                    skill,
                    fit,
                    requiring,
                    preferring,
                    require_share: requiring as f64 / postings,
                    prefer_share: preferring as f64 / postings,
                }
            })
            .collect()
    }

    /// Postings requiring and preferring `skill`.
    pub fn demand(&self, skill: SkillIndex) -> (u64, u64) {
        (self.requiring[skill as usize], self.preferring[skill as usize])
    }

    /// Skills the profile lacks or only neighbours, most demanded first: by postings
    /// requiring, then preferring, then skill index.
    pub fn learn_next(&self, profile: &Profile, graph: &SkillGraph) -> Vec<(SkillIndex, Fit)> {
        let mut skills: Vec<(SkillIndex, Fit)> = (0..self.requiring.len() as SkillIndex)
            .filter(|&s| self.requiring[s as usize] + self.preferring[s as usize] > 0)
            .map(|s| (s, profile.fit(graph, s)))
            .filter(|(_, fit)| *fit != Fit::Has)
            .collect();
        skills.sort_by_key(|&(s, _)| {
            (std::cmp::Reverse(self.requiring[s as usize]), std::cmp::Reverse(self.preferring[s as usize]), s)
        });
        skills
    }

    /// Per category with any demand: how many of its wanted skills the profile has, nearly
    /// has, or lacks, thinnest coverage first (ties: more wanted skills first, then category
    /// order).
    pub fn category_coverage(
        &self,
        taxonomy: &Taxonomy,
        profile: &Profile,
        graph: &SkillGraph,
    ) -> Vec<CategoryCoverage> {
        let mut rows: Vec<CategoryCoverage> = taxonomy
            .categories()
            .iter()
            .enumerate()
            .filter_map(|(index, category)| {
                let mut row = CategoryCoverage { category: index, wanted: 0, has: 0, adjacent: 0 };
                for (s, skill) in taxonomy.skills().iter().enumerate() {
                    if skill.category != category.id || self.requiring[s] + self.preferring[s] == 0 {
                        continue;
                    }
                    row.wanted += 1;
                    match profile.fit(graph, s as SkillIndex) {
                        Fit::Has => row.has += 1,
                        Fit::Adjacent(_) => row.adjacent += 1,
                        Fit::Missing => {}
                    }
                }
                (row.wanted > 0).then_some(row)
            })
            .collect();
        rows.sort_by(|a, b| {
            a.coverage().total_cmp(&b.coverage()).then(b.wanted.cmp(&a.wanted)).then(a.category.cmp(&b.category))
        });
        rows
    }

    /// Profile skills no posting asks for.
    pub fn unused(&self, profile: &Profile) -> Vec<SkillIndex> {
        profile
            .skills
            .keys()
            .copied()
            .filter(|&s| self.requiring[s as usize] + self.preferring[s as usize] == 0)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Analyzer, Posting};

    #[test]
    fn tallies_of_parts_merge_to_the_tally_of_the_whole() {
        let analyzer = Analyzer::new(Taxonomy::embedded()).unwrap();
        let graph = SkillGraph::new(analyzer.taxonomy());
        let profile = Profile::new(&analyzer.analyse(Posting::new("me", "Python and Go")));
        let gaps: Vec<PostingGap> = ["- Kubernetes\n- Python", "- Rust is a plus", "- SQL, Python"]
            .iter()
            .map(|text| PostingGap::new(&analyzer.analyse(Posting::new("p", *text)), &profile, &graph))
            .collect();
        let mut whole = GapTally::new(analyzer.taxonomy());
        gaps.iter().for_each(|g| whole.add(g));
        let mut first = GapTally::new(analyzer.taxonomy());
        first.add(&gaps[0]);
        let mut rest = GapTally::new(analyzer.taxonomy());
        gaps[1..].iter().for_each(|g| rest.add(g));
        first.merge(&rest);
        assert_eq!(first, whole);
        let json = serde_json::to_string(&whole).unwrap();
        assert_eq!(serde_json::from_str::<GapTally>(&json).unwrap(), whole);
    }

    #[test]
    fn has_adjacent_and_missing() {
        let analyzer = Analyzer::new(Taxonomy::embedded()).unwrap();
        let taxonomy = analyzer.taxonomy();
        let graph = SkillGraph::new(taxonomy);
        let profile = Profile::new(
            &analyzer.analyse(Posting::new("me", "I run Amazon EKS clusters, write Postgres queries and Python.")),
        );
        let posting = analyzer.analyse(Posting::new("job", "- Kubernetes\n- SQL\n- Python\n- Rust is a plus"));
        let gap = PostingGap::new(&posting, &profile, &graph);
        let id = |s: SkillIndex| taxonomy.skills()[s as usize].id.as_str();
        let describe = |list: &[(SkillIndex, Fit)]| -> Vec<String> {
            list.iter()
                .map(|&(s, fit)| match fit {
                    Fit::Has => format!("{} has", id(s)),
                    Fit::Adjacent(via) => format!("{} adjacent via {}", id(s), id(via)),
                    Fit::Missing => format!("{} missing", id(s)),
                })
                .collect()
        };
        assert_eq!(
            describe(&gap.required),
            ["kubernetes adjacent via amazon-eks", "sql adjacent via postgresql", "python has"]
        );
        assert_eq!(describe(&gap.preferred), ["rust missing"]);
        assert_eq!(PostingGap::rate(&gap.required), Some(2.0 / 3.0));
        assert_eq!(PostingGap::rate(&gap.preferred), Some(0.0));

        let mut tally = GapTally::new(taxonomy);
        tally.add(&gap);
        let coverage: Vec<(&str, u64, u64, u64, u64)> = tally
            .category_coverage(taxonomy, &profile, &graph)
            .iter()
            .map(|c| (taxonomy.categories()[c.category].id.as_str(), c.wanted, c.has, c.adjacent, c.missing()))
            .collect();
        // Both cover half: Kubernetes adjacent of 1; Python held and SQL adjacent of 3 languages
        // (Rust missing). On a tie the category wanting more skills comes first.
        assert_eq!(coverage, [("programming-language", 3, 1, 1, 1), ("containers", 1, 0, 1, 0)]);
    }
}
