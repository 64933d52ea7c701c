//! Frequency counting over a stream of analyses, in memory that depends on the taxonomy only.
//!
//! [`FrequencyTable`] keeps one fixed-size tally per skill (counts and a histogram of stated
//! years, so medians need no list of values) and is fed one [`Analysis`] at a time in input
//! order. Rows come out sorted with a total order (postings, then mentions, descending, then
//! id), so reports never depend on hash or thread order.

use std::collections::HashMap;

use serde::Serialize;

use crate::analyse::Analysis;
use crate::matcher::SkillIndex;
use crate::partial::{FrequencyPartial, PartialError, TallySums};
use crate::split::Strength;
use crate::taxonomy::Taxonomy;

/// Stated years above this are counted as this many (a histogram bucket per year).
const MAX_YEARS: usize = 40;

#[derive(Clone, Debug)]
struct Tally {
    postings: u64,
    mentions: u64,
    required: u64,
    preferred: u64,
    years: [u32; MAX_YEARS + 1],
}

impl Default for Tally {
    fn default() -> Self {
        Tally { postings: 0, mentions: 0, required: 0, preferred: 0, years: [0; MAX_YEARS + 1] }
    }
}

impl Tally {
    fn median_years(&self) -> Option<f64> {
        let n = self.years_stated();
        if n == 0 {
            return None;
        }
        // The mean of the two middle values for an even count, as a spreadsheet's MEDIAN.
        Some((f64::from(self.years_at((n - 1) / 2)) + f64::from(self.years_at(n / 2))) / 2.0)
    }

    fn years_stated(&self) -> u64 {
        self.years.iter().map(|&c| u64::from(c)).sum()
    }

    /// The stated years at 0-based rank `rank` in ascending order.
    fn years_at(&self, rank: u64) -> u32 {
        let mut seen = 0;
        for (years, &count) in self.years.iter().enumerate() {
            seen += u64::from(count);
            if seen > rank {
                return years as u32;
            }
        }
        MAX_YEARS as u32
    }
}

/// How the years postings state for one skill spread: the least, the quartiles (nearest
/// rank) and the most, from the per-posting maxima that `median_years` counts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YearsSpread {
    /// Postings that state years for the skill.
    pub postings: u64,
    /// The fewest years stated.
    pub min: u32,
    /// The first quartile.
    pub lower_quartile: u32,
    /// The median (as in `freq`'s `median_years`).
    pub median: f64,
    /// The third quartile.
    pub upper_quartile: u32,
    /// The most years stated (40 stands for 40 or more).
    pub max: u32,
}

/// Per-skill and per-category counts over the postings seen so far.
#[derive(Clone, Debug)]
pub struct FrequencyTable {
    postings: u64,
    requirements: u64,
    matches: u64,
    skills: Vec<Tally>,
    categories: Vec<Tally>,
    /// The category index of each skill.
    skill_category: Vec<usize>,
    /// With roll-up, each skill's ancestors (parent first); empty lists without it.
    ancestors: Vec<Vec<u32>>,
}

/// One row of `rungs freq`: a skill and how often postings ask for it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SkillFrequency {
    /// 1-based rank in the sorted table.
    pub rank: u64,
    /// Skill id.
    pub skill_id: String,
    /// Skill name.
    pub skill: String,
    /// Category id.
    pub category: String,
    /// Postings that mention the skill at least once.
    pub postings: u64,
    /// `postings` divided by all postings read, rounded to 4 decimals.
    pub share: f64,
    /// Mentions in all postings.
    pub mentions: u64,
    /// Postings that require it (at least one mention not marked preferred).
    pub required: u64,
    /// Postings that mention it only as preferred.
    pub preferred: u64,
    /// Postings that state a minimum number of years for it.
    pub years_stated: u64,
    /// The median of those minimums.
    pub median_years: Option<f64>,
}

/// One row of `rungs freq --by category`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryFrequency {
    /// 1-based rank.
    pub rank: u64,
    /// Category id.
    pub category_id: String,
    /// Category name.
    pub category: String,
    /// Distinct skills of the category seen.
    pub skills: u64,
    /// Postings mentioning at least one of its skills.
    pub postings: u64,
    /// `postings` over all postings, 4 decimals.
    pub share: f64,
    /// Mentions of its skills.
    pub mentions: u64,
    /// Postings requiring at least one of its skills.
    pub required: u64,
    /// Postings mentioning its skills only as preferred.
    pub preferred: u64,
    /// Postings stating years for one of its skills.
    pub years_stated: u64,
    /// The median stated minimum.
    pub median_years: Option<f64>,
}

impl FrequencyTable {
    /// An empty table for `taxonomy`.
    pub fn new(taxonomy: &Taxonomy) -> FrequencyTable {
        let skill_category = taxonomy
            .skills()
            .iter()
            .map(|s| taxonomy.categories().iter().position(|c| c.id == s.category).unwrap_or(0))
            .collect();
        FrequencyTable {
            postings: 0,
            requirements: 0,
            matches: 0,
            skills: vec![Tally::default(); taxonomy.skills().len()],
            categories: vec![Tally::default(); taxonomy.categories().len().max(1)],
            skill_category,
            ancestors: vec![Vec::new(); taxonomy.skills().len()],
        }
    }

    /// Counts a mention of a skill for its ancestors too (`freq --roll-up`), once per posting:
    /// a posting that asks for HashiCorp Vault asks for secrets management. Category counts
    /// are unchanged. Such a table's partial must not be merged with one without roll-up.
    pub fn with_roll_up(mut self, taxonomy: &Taxonomy) -> FrequencyTable {
        self.ancestors = taxonomy.ancestor_chains();
        self
    }

    /// How the stated years spread for one skill, when any posting states some.
    pub fn years_spread(&self, skill: SkillIndex) -> Option<YearsSpread> {
        let tally = self.skills.get(skill as usize)?;
        let n = tally.years_stated();
        let median = tally.median_years()?;
        Some(YearsSpread {
            postings: n,
            min: tally.years_at(0),
            lower_quartile: tally.years_at((n - 1) / 4),
            median,
            upper_quartile: tally.years_at((3 * (n - 1)).div_ceil(4_u64)),
            max: tally.years_at(n - 1),
        })
    }

    /// Counts one posting.
    pub fn add(&mut self, analysis: &Analysis) {
        self.postings += 1;
        self.requirements += analysis.requirements.len() as u64;
        self.matches += analysis.matches.len() as u64;
        // Per posting, each skill and category it asks for, with the stronger of its mentions'
        // strengths and the most years stated: every mention's marks, sorted and merged.
        // Skills are counted with their rolled-up ancestors (a skill asked for itself and
        // through a child is one posting, with the stronger marks); categories without.
        let mut skills: Vec<Marks<u32>> = Vec::with_capacity(analysis.matches.len());
        let mut categories: Vec<Marks<usize>> = Vec::with_capacity(analysis.matches.len());
        for m in &analysis.matches {
            let category = self.skill_category[m.skill as usize];
            self.skills[m.skill as usize].mentions += 1;
            self.categories[category].mentions += 1;
            let required = m.strength == Strength::Required;
            skills.push((m.skill, required, m.min_years));
            categories.push((category, required, m.min_years));
            for &ancestor in &self.ancestors[m.skill as usize] {
                self.skills[ancestor as usize].mentions += 1;
                skills.push((ancestor, required, m.min_years));
            }
        }
        for (skill, required, years) in merged(skills) {
            record(&mut self.skills[skill as usize], required, years);
        }
        for (category, required, years) in merged(categories) {
            record(&mut self.categories[category], required, years);
        }
    }

    /// The counts as a mergeable partial; `skipped` is the bad records skipped while reading.
    pub fn to_partial(&self, taxonomy: &Taxonomy, skipped: u64) -> FrequencyPartial {
        let mut partial = FrequencyPartial::empty(taxonomy);
        partial.postings = self.postings;
        partial.requirements = self.requirements;
        partial.matches = self.matches;
        partial.skipped = skipped;
        let sums = |tally: &Tally| TallySums {
            postings: tally.postings,
            mentions: tally.mentions,
            required: tally.required,
            preferred: tally.preferred,
            years: (0..=MAX_YEARS)
                .filter(|&y| tally.years[y] > 0)
                .map(|y| (y as u32, u64::from(tally.years[y])))
                .collect(),
        };
        let used = |tally: &&Tally| tally.mentions > 0 || tally.postings > 0;
        for (skill, tally) in taxonomy.skills().iter().zip(&self.skills).filter(|(_, t)| used(t)) {
            partial.skills.insert(skill.id.clone(), sums(tally));
        }
        for (category, tally) in taxonomy.categories().iter().zip(&self.categories).filter(|(_, t)| used(t)) {
            partial.categories.insert(category.id.clone(), sums(tally));
        }
        partial
    }

    /// The table a partial describes; the partial must have passed
    /// [`FrequencyPartial::check`] against `taxonomy`.
    pub fn from_partial(taxonomy: &Taxonomy, partial: &FrequencyPartial) -> Result<FrequencyTable, PartialError> {
        partial.check(taxonomy)?;
        let mut table = FrequencyTable::new(taxonomy);
        table.postings = partial.postings;
        table.requirements = partial.requirements;
        table.matches = partial.matches;
        let tally = |sums: &TallySums| {
            let mut tally = Tally {
                postings: sums.postings,
                mentions: sums.mentions,
                required: sums.required,
                preferred: sums.preferred,
                ..Tally::default()
            };
            for (&years, &count) in &sums.years {
                let bucket = &mut tally.years[(years as usize).min(MAX_YEARS)];
                *bucket = bucket.saturating_add(u32::try_from(count).unwrap_or(u32::MAX));
            }
            tally
        };
        let skills: HashMap<&str, usize> =
            taxonomy.skills().iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        for (id, sums) in &partial.skills {
            table.skills[skills[id.as_str()]] = tally(sums);
        }
        for (id, sums) in &partial.categories {
            let index = taxonomy.categories().iter().position(|c| &c.id == id).expect("checked above");
            table.categories[index] = tally(sums);
        }
        Ok(table)
    }

    /// Postings counted.
    pub fn postings(&self) -> u64 {
        self.postings
    }

    /// Requirements counted.
    pub fn requirements(&self) -> u64 {
        self.requirements
    }

    /// Matches counted.
    pub fn matches(&self) -> u64 {
        self.matches
    }

    fn share(&self, postings: u64) -> f64 {
        if self.postings == 0 {
            0.0
        } else {
            (postings as f64 / self.postings as f64 * 10_000.0).round() / 10_000.0
        }
    }

    /// Skills mentioned at least once, most frequent first; `top` keeps the first N.
    pub fn skill_rows(&self, taxonomy: &Taxonomy, top: Option<usize>) -> Vec<SkillFrequency> {
        self.skill_rows_where(taxonomy, top, |_| true)
    }

    /// [`Self::skill_rows`] of the skills `keep` accepts, ranked among themselves: e.g. only
    /// technologies, so that "Collaboration" does not lead every list.
    pub fn skill_rows_where(
        &self,
        taxonomy: &Taxonomy,
        top: Option<usize>,
        keep: impl Fn(&crate::taxonomy::Skill) -> bool,
    ) -> Vec<SkillFrequency> {
        let skills = taxonomy.skills();
        ranked(&self.skills, |i| skills[i].id.as_str())
            .into_iter()
            .filter(|&i| keep(&skills[i]))
            .take(top.unwrap_or(usize::MAX))
            .enumerate()
            .map(|(rank, i)| {
                let tally = &self.skills[i];
                SkillFrequency {
                    rank: rank as u64 + 1,
                    skill_id: skills[i].id.clone(),
                    skill: skills[i].name.clone(),
                    category: skills[i].category.clone(),
                    postings: tally.postings,
                    share: self.share(tally.postings),
                    mentions: tally.mentions,
                    required: tally.required,
                    preferred: tally.preferred,
                    years_stated: tally.years_stated(),
                    median_years: tally.median_years(),
                }
            })
            .collect()
    }

    /// Categories with at least one mention, most frequent first.
    pub fn category_rows(&self, taxonomy: &Taxonomy, top: Option<usize>) -> Vec<CategoryFrequency> {
        let categories = taxonomy.categories();
        let mut distinct = vec![0u64; self.categories.len()];
        for (skill, tally) in self.skills.iter().enumerate() {
            if tally.postings > 0 {
                distinct[self.skill_category[skill]] += 1;
            }
        }
        ranked(&self.categories[..categories.len()], |i| categories[i].id.as_str())
            .into_iter()
            .take(top.unwrap_or(usize::MAX))
            .enumerate()
            .map(|(rank, i)| {
                let tally = &self.categories[i];
                CategoryFrequency {
                    rank: rank as u64 + 1,
                    category_id: categories[i].id.clone(),
                    category: categories[i].name.clone(),
                    skills: distinct[i],
                    postings: tally.postings,
                    share: self.share(tally.postings),
                    mentions: tally.mentions,
                    required: tally.required,
                    preferred: tally.preferred,
                    years_stated: tally.years_stated(),
                    median_years: tally.median_years(),
                }
            })
            .collect()
    }
}

/// Indices of the tallies with any postings: most postings first, then most mentions, then id,
/// a total order so that reports never depend on anything else.
fn ranked<'a>(tallies: &[Tally], id: impl Fn(usize) -> &'a str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..tallies.len()).filter(|&i| tallies[i].postings > 0).collect();
    order.sort_by(|&a, &b| {
        let (ta, tb) = (&tallies[a], &tallies[b]);
        tb.postings.cmp(&ta.postings).then(tb.mentions.cmp(&ta.mentions)).then_with(|| id(a).cmp(id(b)))
    });
    order
}

/// A skill or category a posting asks for: its index, whether a mention requires it, and the
/// most years a mention states.
type Marks<K> = (K, bool, Option<u32>);

/// One entry per index, in index order, with the strongest marks of its entries.
fn merged<K: Ord + Copy>(mut marks: Vec<Marks<K>>) -> Vec<Marks<K>> {
    marks.sort_unstable_by_key(|&(key, _, _)| key);
    marks.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 |= later.1;
            kept.2 = kept.2.max(later.2);
        }
        same
    });
    marks
}

fn record(tally: &mut Tally, required: bool, years: Option<u32>) {
    tally.postings += 1;
    if required {
        tally.required += 1;
    } else {
        tally.preferred += 1;
    }
    if let Some(years) = years {
        tally.years[(years as usize).min(MAX_YEARS)] += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_from_histogram() {
        let mut tally = Tally::default();
        assert_eq!(tally.median_years(), None);
        for y in [2, 5, 3] {
            record(&mut tally, true, Some(y));
        }
        assert_eq!(tally.median_years(), Some(3.0));
        record(&mut tally, false, Some(8));
        assert_eq!(tally.median_years(), Some(4.0));
        assert_eq!((tally.required, tally.preferred, tally.postings), (3, 1, 4));
    }
}
