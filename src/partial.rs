//! Mergeable partial results: what `rungs freq --partial` prints and `rungs merge` adds up.
//!
//! A [`FrequencyPartial`] holds only sums (counters and a histogram of stated years per skill
//! and category), so partials of any split of a corpus add up to exactly the partial of the
//! whole, in any order; medians and shares are computed once, from the merged sums, when a
//! report is printed. One partial is one line of JSON with sorted keys, identical at any
//! thread count, so a map step on a cluster (Spark, a shell loop over files) can emit them and
//! one `rungs merge` prints what `rungs freq` would have printed for all the input.
//!
//! A partial records the format version, the rungs version and a fingerprint of the taxonomy
//! it was counted with; merging partials that disagree on any of them is an error, since their
//! counts do not mean the same thing.

use std::collections::BTreeMap;
use std::io::BufRead;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::input::{expand_directories, open_source, InputError, InputSource, NoticeSink};
use crate::levels::summary::{LadderCoverage, LadderMismatch, LevelDistribution};
use crate::posting::SourceRef;
use crate::taxonomy::Taxonomy;

/// The `format` field of every partial.
pub const PARTIAL_FORMAT: &str = "rungs-freq-partial";

/// The version of the partial's layout; bumped on any change of meaning.
pub const PARTIAL_FORMAT_VERSION: u32 = 1;

/// The counters of one skill or category. All fields add under merging.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TallySums {
    /// Postings mentioning it.
    pub postings: u64,
    /// Mentions.
    pub mentions: u64,
    /// Postings requiring it.
    pub required: u64,
    /// Postings mentioning it only as preferred.
    pub preferred: u64,
    /// Stated minimum years → postings stating that many (sparse; years above 40 count as 40).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub years: BTreeMap<u32, u64>,
}

impl TallySums {
    fn merge(&mut self, other: &TallySums) {
        self.postings += other.postings;
        self.mentions += other.mentions;
        self.required += other.required;
        self.preferred += other.preferred;
        for (&years, &count) in &other.years {
            *self.years.entry(years).or_default() += count;
        }
    }
}

/// Frequency counts of part of a corpus, ready to be merged with others.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrequencyPartial {
    /// Always [`PARTIAL_FORMAT`].
    pub format: String,
    /// [`PARTIAL_FORMAT_VERSION`] when written.
    pub format_version: u32,
    /// The version of rungs that counted it.
    pub rungs_version: String,
    /// [`Taxonomy::fingerprint`] of the taxonomy it was counted with.
    pub taxonomy: String,
    /// Postings counted.
    pub postings: u64,
    /// Requirements counted.
    pub requirements: u64,
    /// Skill mentions counted.
    pub matches: u64,
    /// Bad records skipped while reading.
    pub skipped: u64,
    /// Per skill id, for skills with any mention.
    pub skills: BTreeMap<String, TallySums>,
    /// Per category id, for categories with any mention.
    pub categories: BTreeMap<String, TallySums>,
}

/// Why partials cannot be merged or used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PartialError {
    /// Written by another layout or another rungs.
    #[error("written by {found}, this is {expected}: merge partials of one rungs version only")]
    Version {
        /// What the partial says.
        found: String,
        /// What this rungs writes.
        expected: String,
    },
    /// Counted with another taxonomy.
    #[error("counted with taxonomy {found}, not {expected} (the taxonomy given here): merge partials counted with the same taxonomy")]
    Taxonomy {
        /// The partial's fingerprint.
        found: String,
        /// The fingerprint expected.
        expected: String,
    },
    /// Names a skill or category the taxonomy does not have.
    #[error("names {kind} '{id}', which the taxonomy does not have")]
    Unknown {
        /// "skill" or "category".
        kind: &'static str,
        /// The id.
        id: String,
    },
}

impl FrequencyPartial {
    /// A partial with no postings, for `taxonomy`.
    pub fn empty(taxonomy: &Taxonomy) -> FrequencyPartial {
        FrequencyPartial {
            format: PARTIAL_FORMAT.to_string(),
            format_version: PARTIAL_FORMAT_VERSION,
            rungs_version: env!("CARGO_PKG_VERSION").to_string(),
            taxonomy: taxonomy.fingerprint().to_string(),
            postings: 0,
            requirements: 0,
            matches: 0,
            skipped: 0,
            skills: BTreeMap::new(),
            categories: BTreeMap::new(),
        }
    }

    /// Checks that this partial was written by this rungs, with `taxonomy`, and names only
    /// skills and categories it has.
    pub fn check(&self, taxonomy: &Taxonomy) -> Result<(), PartialError> {
        let expected = format!("{PARTIAL_FORMAT} {PARTIAL_FORMAT_VERSION}, rungs {}", env!("CARGO_PKG_VERSION"));
        let found = format!("{} {}, rungs {}", self.format, self.format_version, self.rungs_version);
        if found != expected {
            return Err(PartialError::Version { found, expected });
        }
        let fingerprint = taxonomy.fingerprint();
        if self.taxonomy != fingerprint {
            return Err(PartialError::Taxonomy { found: self.taxonomy.clone(), expected: fingerprint.to_string() });
        }
        let skills: std::collections::HashSet<&str> = taxonomy.skills().iter().map(|s| s.id.as_str()).collect();
        if let Some(id) = self.skills.keys().find(|id| !skills.contains(id.as_str())) {
            return Err(PartialError::Unknown { kind: "skill", id: id.clone() });
        }
        if let Some(id) = self.categories.keys().find(|id| taxonomy.category(id).is_none()) {
            return Err(PartialError::Unknown { kind: "category", id: id.clone() });
        }
        Ok(())
    }

    /// Adds `other` to this partial. Both must have passed [`FrequencyPartial::check`] against
    /// the same taxonomy.
    pub fn merge(&mut self, other: &FrequencyPartial) {
        self.postings += other.postings;
        self.requirements += other.requirements;
        self.matches += other.matches;
        self.skipped += other.skipped;
        for (id, sums) in &other.skills {
            self.skills.entry(id.clone()).or_default().merge(sums);
        }
        for (id, sums) in &other.categories {
            self.categories.entry(id.clone()).or_default().merge(sums);
        }
    }

    /// The one-line JSON form (every object's keys sorted, no spaces), without a newline.
    pub fn to_json_line(&self) -> String {
        // Through `Value`, whose maps are ordered by key, so the top level is sorted too.
        let value = serde_json::to_value(self).expect("a partial always serialises");
        value.to_string()
    }
}

/// The non-blank lines of partials in files, directories and stdin, each with where it is.
pub fn read_partial_lines(
    sources: &[InputSource],
    notices: &mut NoticeSink,
) -> Result<Vec<(SourceRef, String)>, InputError> {
    let mut lines = Vec::new();
    for (source, _) in expand_directories(sources, notices)? {
        let (name, reader) = open_source(&source)?;
        let origin = SourceRef::file(name);
        for (n, line) in reader.lines().enumerate() {
            let line = line.map_err(|error| InputError::Io { path: origin.path.clone(), error })?;
            if !line.trim().is_empty() {
                lines.push((origin.at_line(n as u64 + 1), line));
            }
        }
    }
    Ok(lines)
}

/// The `format` field of a partial's line (`rungs-freq-partial`, `rungs-levels-partial`…).
pub fn partial_format(line: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Format {
        format: String,
    }
    serde_json::from_str::<Format>(line).ok().map(|f| f.format)
}

/// Checks every line as a frequency partial of this rungs and `taxonomy`, and merges them.
pub fn merge_frequency_lines(
    lines: &[(SourceRef, String)],
    taxonomy: &Taxonomy,
) -> Result<FrequencyPartial, InputError> {
    let mut merged = FrequencyPartial::empty(taxonomy);
    for (at, line) in lines {
        let partial: FrequencyPartial = serde_json::from_str(line)
            .map_err(|e| InputError::Json { at: at.clone(), message: format!("not a rungs partial: {e}") })?;
        partial.check(taxonomy).map_err(|e| InputError::Json { at: at.clone(), message: format!("partial {e}") })?;
        merged.merge(&partial);
    }
    Ok(merged)
}

/// Reads partials, one JSON object per line, from files, directories and stdin, checks each
/// against `taxonomy`, and merges them all into one. Blank lines are skipped; a line that is
/// not a partial of this rungs and taxonomy is an error naming file and line.
pub fn merge_sources(
    sources: &[InputSource],
    taxonomy: &Taxonomy,
    notices: &mut NoticeSink,
) -> Result<FrequencyPartial, InputError> {
    merge_frequency_lines(&read_partial_lines(sources, notices)?, taxonomy)
}

/// A corpus summary that partial results can carry: [`LevelDistribution`] or [`LadderCoverage`].
pub trait Summary: Serialize + DeserializeOwned + Clone {
    /// The `format` of its partials.
    const FORMAT: &'static str;
    /// Adds another summary of the same ladders.
    fn merge(&mut self, other: &Self) -> Result<(), LadderMismatch>;
}

impl Summary for LevelDistribution {
    const FORMAT: &'static str = "rungs-levels-partial";
    fn merge(&mut self, other: &Self) -> Result<(), LadderMismatch> {
        LevelDistribution::merge(self, other)
    }
}

impl Summary for LadderCoverage {
    const FORMAT: &'static str = "rungs-coverage-partial";
    fn merge(&mut self, other: &Self) -> Result<(), LadderMismatch> {
        LadderCoverage::merge(self, other)
    }
}

/// A level summary of part of a corpus (`levels --summary --partial`, `ladder --coverage
/// --partial`), with the same header as a [`FrequencyPartial`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryPartial<T> {
    /// `T::FORMAT`.
    pub format: String,
    /// [`PARTIAL_FORMAT_VERSION`] when written.
    pub format_version: u32,
    /// The version of rungs that counted it.
    pub rungs_version: String,
    /// [`Taxonomy::fingerprint`] of the taxonomy it was counted with.
    pub taxonomy: String,
    /// Postings counted.
    pub postings: u64,
    /// Requirements counted.
    pub requirements: u64,
    /// Skill mentions counted.
    pub matches: u64,
    /// Bad records skipped while reading.
    pub skipped: u64,
    /// The summary.
    pub summary: T,
}

impl<T: Summary> SummaryPartial<T> {
    /// A partial of `summary`, counted with `taxonomy`.
    pub fn new(summary: T, taxonomy: &Taxonomy, totals: [u64; 4]) -> SummaryPartial<T> {
        let [postings, requirements, matches, skipped] = totals;
        SummaryPartial {
            format: T::FORMAT.to_string(),
            format_version: PARTIAL_FORMAT_VERSION,
            rungs_version: env!("CARGO_PKG_VERSION").to_string(),
            taxonomy: taxonomy.fingerprint().to_string(),
            postings,
            requirements,
            matches,
            skipped,
            summary,
        }
    }

    /// The one-line JSON form (keys sorted), without a newline.
    pub fn to_json_line(&self) -> String {
        serde_json::to_value(self).expect("a partial always serialises").to_string()
    }
}

/// Checks every line as a summary partial of this rungs, `taxonomy` and the ladders of `empty`,
/// and adds them all to `empty`.
pub fn merge_summary_lines<T: Summary>(
    lines: &[(SourceRef, String)],
    taxonomy: &Taxonomy,
    empty: T,
) -> Result<SummaryPartial<T>, InputError> {
    let mut merged = SummaryPartial::new(empty, taxonomy, [0; 4]);
    for (at, line) in lines {
        let error = |message: String| InputError::Json { at: at.clone(), message };
        let partial: SummaryPartial<T> =
            serde_json::from_str(line).map_err(|e| error(format!("not a rungs {} line: {e}", T::FORMAT)))?;
        let found = format!("{} {}, rungs {}", partial.format, partial.format_version, partial.rungs_version);
        let expected = format!("{} {}, rungs {}", merged.format, merged.format_version, merged.rungs_version);
        if found != expected {
            return Err(error(format!("partial {}", PartialError::Version { found, expected })));
        }
        if partial.taxonomy != merged.taxonomy {
            let mismatch = PartialError::Taxonomy { found: partial.taxonomy, expected: merged.taxonomy.clone() };
            return Err(error(format!("partial {mismatch}")));
        }
        merged.summary.merge(&partial.summary).map_err(|e| error(format!("partial {e}")))?;
        merged.postings += partial.postings;
        merged.requirements += partial.requirements;
        merged.matches += partial.matches;
        merged.skipped += partial.skipped;
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::FrequencyTable;
    use crate::{Analyzer, Posting};

    fn partial_of(analyzer: &Analyzer, texts: &[&str]) -> FrequencyPartial {
        let mut table = FrequencyTable::new(analyzer.taxonomy());
        for (i, text) in texts.iter().enumerate() {
            table.add(&analyzer.analyse(Posting::new(format!("p{i}"), *text)));
        }
        table.to_partial(analyzer.taxonomy(), 0)
    }

    #[test]
    fn partials_of_a_split_merge_to_the_partial_of_the_whole() {
        let analyzer = Analyzer::new(Taxonomy::embedded()).unwrap();
        let texts =
            ["- 5+ years of Python\n- Kubernetes", "- Go and Rust, 3 years", "- Terraform is a plus", "- Python"];
        let whole = partial_of(&analyzer, &texts);
        let mut merged = partial_of(&analyzer, &texts[2..]);
        merged.merge(&partial_of(&analyzer, &texts[..1]));
        merged.merge(&FrequencyPartial::empty(analyzer.taxonomy()));
        merged.merge(&partial_of(&analyzer, &texts[1..2]));
        assert_eq!(merged, whole);
        let line = whole.to_json_line();
        assert_eq!(serde_json::from_str::<FrequencyPartial>(&line).unwrap(), whole);
        assert!(line.starts_with("{\"categories\":{"), "keys are sorted: {line}");
    }

    #[test]
    fn partials_of_another_taxonomy_are_refused() {
        let analyzer = Analyzer::new(Taxonomy::embedded()).unwrap();
        let partial = partial_of(&analyzer, &["- Python"]);
        let other = Taxonomy::from_flat_list("Python\nRust\n", "flat.txt");
        assert!(matches!(partial.check(&other), Err(PartialError::Taxonomy { .. })));
        let mut old = partial.clone();
        old.rungs_version = "0.0.1".to_string();
        assert!(matches!(old.check(analyzer.taxonomy()), Err(PartialError::Version { .. })));
        assert_eq!(partial.check(analyzer.taxonomy()), Ok(()));
    }
}
