//! `rungs_skills`: the rungs library for Python (the `rungs-skills` distribution).
//!
//! The API mirrors the command line's documented columns. Results come back as columns (a
//! dict of equal-length lists), which `pandas.DataFrame(...)` and `polars.DataFrame(...)` take
//! as they are. Every call releases the GIL while it works, so Python threads run alongside;
//! `threads=` sets the worker threads of one call (default: all cores). A [`Scanner`] is
//! immutable and shareable across threads, and pickles as the taxonomy path it was built from,
//! so it can travel in a Spark closure and be rebuilt on an executor.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};
use rayon::prelude::*;
use rungs::aggregate::FrequencyTable;
use rungs::context::ContextSet;
use rungs::ladder::Ladder;
use rungs::levels::LevelModel;
use rungs::levels::{LadderFit, LevelData};
use rungs::partial::FrequencyPartial;
use rungs::practice::PracticePhrase;
use rungs::report::Record;
use rungs::{Analysis, Analyzer, ContextReading, Posting, Taxonomy};

/// What a practice phrase's row says in `skill_id` and `category`.
const PRACTICE: &str = "practice";

/// What a scanner builds once: the analyzer, and the level model on first use.
struct Engine {
    analyzer: Analyzer,
    levels: OnceLock<LevelModel>,
    /// The taxonomy path given, for pickling; `None` for the embedded taxonomy.
    source: Option<PathBuf>,
}

impl Engine {
    fn load(source: Option<PathBuf>) -> PyResult<Engine> {
        let taxonomy = match &source {
            Some(path) => Taxonomy::load(path)
                .map_err(|e| PyValueError::new_err(format!("cannot use taxonomy {}: {e}", path.display())))?,
            None => Taxonomy::embedded(),
        };
        let analyzer = Analyzer::new(taxonomy)
            .map_err(|e| PyValueError::new_err(format!("cannot compile: {e}")))?
            // Every result of the package reads mentions' contexts, never a requirement's alone.
            .reading_contexts(ContextReading::OfMentions);
        Ok(Engine { analyzer, levels: OnceLock::new(), source })
    }

    fn level_model(&self) -> &LevelModel {
        self.levels.get_or_init(|| LevelModel::new(Ladder::embedded(), LevelData::embedded(), self.analyzer.taxonomy()))
    }

    fn taxonomy(&self) -> &Taxonomy {
        self.analyzer.taxonomy()
    }

    /// The analysis counts and level calls use, as the CLI's do: mentions in requirements only
    /// (`scan` keeps every mention, with its context).
    fn requirements_only(&self, posting: Posting) -> Analysis {
        let mut analysis = self.analyzer.analyse(posting);
        analysis.keep_contexts(ContextSet::REQUIREMENTS);
        analysis
    }
}

/// Postings built from Python arguments: ids default to their position (`"0"`, `"1"`, …), so
/// postings never share an id by accident.
fn postings(
    texts: Vec<String>,
    ids: Option<Vec<String>>,
    titles: Option<Vec<Option<String>>>,
) -> PyResult<Vec<Posting>> {
    let n = texts.len();
    let ids = ids.unwrap_or_else(|| (0..n).map(|i| i.to_string()).collect());
    if ids.len() != n {
        return Err(PyValueError::new_err(format!("{} ids for {n} texts", ids.len())));
    }
    let titles = titles.unwrap_or_else(|| vec![None; n]);
    if titles.len() != n {
        return Err(PyValueError::new_err(format!("{} titles for {n} texts", titles.len())));
    }
    Ok(texts
        .into_iter()
        .zip(ids)
        .zip(titles)
        .map(|((text, id), title)| Posting { title, ..Posting::new(id, text) })
        .collect())
}

/// Runs `work` over `postings` on `threads` workers (all cores when `None`), in input order.
fn in_parallel<T: Send>(
    postings: Vec<Posting>,
    threads: Option<usize>,
    work: impl Fn(Posting) -> T + Sync + Send,
) -> PyResult<Vec<T>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| PyValueError::new_err(format!("cannot start worker threads: {e}")))?;
    Ok(pool.install(|| postings.into_par_iter().map(work).collect()))
}

/// Python string offsets (code points) of sorted byte offsets into `text`, in one pass.
fn char_offsets(text: &str, bytes: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut chars = 0;
    let mut at = 0;
    bytes
        .into_iter()
        .map(|byte| {
            chars += text[at..byte].chars().count();
            at = byte;
            chars
        })
        .collect()
}

/// The columns of `scan`, filled from analyses.
#[derive(Default)]
struct ScanColumns {
    posting: Vec<String>,
    requirement: Vec<u32>,
    start: Vec<usize>,
    end: Vec<usize>,
    start_byte: Vec<usize>,
    end_byte: Vec<usize>,
    skill_id: Vec<String>,
    skill: Vec<String>,
    category: Vec<String>,
    ancestors: Vec<Vec<String>>,
    matched: Vec<String>,
    strength: Vec<&'static str>,
    min_years: Vec<Option<u32>>,
    context: Vec<&'static str>,
}

impl ScanColumns {
    /// Adds one analysis (its skill mentions, and its practice phrases merged in text order as
    /// `rungs scan --practices` prints them); `chains` is [`Taxonomy::ancestor_chains`].
    fn add(&mut self, taxonomy: &Taxonomy, chains: &[Vec<u32>], analysis: &Analysis) {
        let text = &analysis.posting.text;
        // A phrase may hold mentions, so offsets are not in order: convert each distinct one.
        let mut bounds: Vec<usize> = analysis
            .matches
            .iter()
            .map(|m| &m.range)
            .chain(analysis.practices.iter().map(|p| &p.range))
            .flat_map(|r| [r.start, r.end])
            .collect();
        bounds.sort_unstable();
        bounds.dedup();
        let chars = char_offsets(text, bounds.iter().copied());
        let char_at = |byte: usize| chars[bounds.binary_search(&byte).expect("every bound was converted")];
        let row = |columns: &mut ScanColumns, requirement: u32, range: &std::ops::Range<usize>| {
            columns.posting.push(analysis.posting.id.clone());
            columns.requirement.push(requirement);
            columns.start.push(char_at(range.start));
            columns.end.push(char_at(range.end));
            columns.start_byte.push(range.start);
            columns.end_byte.push(range.end);
            columns.matched.push(text[range.clone()].to_string());
        };
        let mut phrases = analysis.practices.iter().peekable();
        for m in &analysis.matches {
            while let Some(phrase) = phrases.next_if(|p| p.range.start < m.range.start) {
                row(self, phrase.requirement, &phrase.range);
                self.push_phrase(phrase);
            }
            row(self, m.requirement, &m.range);
            let skill = &taxonomy.skills()[m.skill as usize];
            self.skill_id.push(skill.id.clone());
            self.skill.push(skill.name.clone());
            self.category.push(skill.category.clone());
            let ancestors = &chains[m.skill as usize];
            self.ancestors.push(ancestors.iter().map(|&a| taxonomy.skills()[a as usize].id.clone()).collect());
            self.strength.push(m.strength.as_str());
            self.min_years.push(m.min_years);
            self.context.push(m.context.as_str());
        }
        for phrase in phrases {
            row(self, phrase.requirement, &phrase.range);
            self.push_phrase(phrase);
        }
    }

    /// The skill columns of a practice phrase's row, as `rungs scan --practices` fills them.
    fn push_phrase(&mut self, phrase: &PracticePhrase) {
        self.skill_id.push(PRACTICE.to_string());
        self.skill.push(phrase.verb.to_string());
        self.category.push(PRACTICE.to_string());
        self.ancestors.push(Vec::new());
        self.strength.push(phrase.strength.as_str());
        self.min_years.push(None);
        self.context.push("requirement");
    }

    fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("posting", self.posting)?;
        dict.set_item("requirement", self.requirement)?;
        dict.set_item("start", self.start)?;
        dict.set_item("end", self.end)?;
        dict.set_item("start_byte", self.start_byte)?;
        dict.set_item("end_byte", self.end_byte)?;
        dict.set_item("skill_id", self.skill_id)?;
        dict.set_item("skill", self.skill)?;
        dict.set_item("category", self.category)?;
        dict.set_item("matched", self.matched)?;
        dict.set_item("strength", self.strength)?;
        dict.set_item("min_years", self.min_years)?;
        dict.set_item("context", self.context)?;
        dict.set_item("ancestors", self.ancestors)?;
        Ok(dict)
    }
}

/// One posting's level, before it becomes columns.
struct LevelRow {
    posting: String,
    band: f64,
    confidence: f64,
    /// `ladder id: level title` per built-in ladder.
    ladders: Vec<String>,
    /// (signal, "title" or "text", start, end, band), strongest first; offsets are Python
    /// string offsets into the title or the text.
    evidence: Vec<(String, &'static str, usize, usize, f64)>,
}

/// Finds skills in postings with a taxonomy (the embedded one by default).
#[pyclass(frozen, module = "rungs_skills")]
struct Scanner {
    engine: Arc<Engine>,
}

#[pymethods]
impl Scanner {
    /// `Scanner(taxonomy=None)`: a taxonomy directory, skills CSV or one-skill-per-line file.
    #[new]
    #[pyo3(signature = (taxonomy=None))]
    fn new(py: Python<'_>, taxonomy: Option<PathBuf>) -> PyResult<Scanner> {
        let engine = py.detach(|| Engine::load(taxonomy))?;
        Ok(Scanner { engine: Arc::new(engine) })
    }

    /// Pickles as the taxonomy path: an executor rebuilds the scanner from it.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyType>, (Option<PathBuf>,))> {
        Ok((py.get_type::<Scanner>(), (self.engine.source.clone(),)))
    }

    /// The taxonomy's fingerprint, as partials record it.
    #[getter]
    fn fingerprint(&self) -> String {
        self.engine.taxonomy().fingerprint().to_string()
    }

    /// Every skill mention: the columns of `rungs scan`, with `start`/`end` as Python string
    /// offsets (`text[start:end] == matched`) and `start_byte`/`end_byte` as the CLI's UTF-8
    /// byte offsets. `practices=True` adds practice phrases, as `rungs scan --practices` does:
    /// rows with `skill_id` and `category` `"practice"`, the verb's base form as `skill` and the
    /// phrase as `matched`.
    #[pyo3(signature = (texts, ids=None, threads=None, practices=false))]
    fn scan<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        ids: Option<Vec<String>>,
        threads: Option<usize>,
        practices: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        let postings = postings(texts, ids, None)?;
        let engine = &self.engine;
        let columns = py.detach(|| -> PyResult<ScanColumns> {
            let analyses = in_parallel(postings, threads, |p| {
                if practices {
                    engine.analyzer.analyse_with_practices(p)
                } else {
                    engine.analyzer.analyse(p)
                }
            })?;
            let mut columns = ScanColumns::default();
            let chains = engine.taxonomy().ancestor_chains();
            for analysis in &analyses {
                columns.add(engine.taxonomy(), &chains, analysis);
            }
            Ok(columns)
        })?;
        columns.into_dict(py)
    }

    /// Counts skills: a `Partial`, the same JSON `rungs freq --partial` prints.
    #[pyo3(signature = (texts, threads=None))]
    fn freq_partial(&self, py: Python<'_>, texts: Vec<String>, threads: Option<usize>) -> PyResult<Partial> {
        let postings = postings(texts, None, None)?;
        let engine = Arc::clone(&self.engine);
        let partial = py.detach(|| -> PyResult<FrequencyPartial> {
            // Counted like `rungs freq`: mentions in requirements only.
            let analyses = in_parallel(postings, threads, |p| engine.requirements_only(p))?;
            let mut table = FrequencyTable::new(engine.taxonomy());
            for analysis in &analyses {
                table.add(analysis);
            }
            Ok(table.to_partial(engine.taxonomy(), 0))
        })?;
        Ok(Partial { inner: partial, engine })
    }

    /// Each posting's level: band estimate (1-6), confidence, the level on each built-in
    /// ladder, and the strongest evidence as (signal, "title" or "text", start, end, band) with
    /// Python string offsets into what it quotes.
    #[pyo3(signature = (texts, ids=None, titles=None, threads=None))]
    fn levels<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        ids: Option<Vec<String>>,
        titles: Option<Vec<Option<String>>>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let postings = postings(texts, ids, titles)?;
        let engine = &self.engine;
        let rows = py.detach(|| {
            let model = engine.level_model();
            in_parallel(postings, threads, |p| {
                // Levels are read from requirements: no skill mentions needed.
                let analysis = engine.analyzer.analyse_requirements(p);
                let level = model.estimate_levels(&analysis);
                let ladders: Vec<String> = level
                    .ladders
                    .iter()
                    .map(|l| {
                        let ladder = &model.ladders()[l.ladder];
                        match l.fit {
                            LadderFit::Within => format!("{}: {}", ladder.id, ladder.levels[l.level].title),
                            outside => format!("{}: {}", ladder.id, outside.as_str()),
                        }
                    })
                    .collect();
                let text = analysis.posting.text.as_str();
                let title = analysis.posting.title.as_deref().unwrap_or("");
                let evidence: Vec<(String, &'static str, usize, usize, f64)> = level
                    .evidence
                    .iter()
                    .map(|e| {
                        // Requirement 0 is the title; its range points into the title.
                        let (source, within) = if e.requirement == 0 { ("title", title) } else { ("text", text) };
                        let chars = char_offsets(within, [e.range.start, e.range.end]);
                        (e.signal.clone(), source, chars[0], chars[1], e.band)
                    })
                    .collect();
                LevelRow {
                    posting: analysis.posting.id,
                    band: level.estimate,
                    confidence: level.confidence,
                    ladders,
                    evidence,
                }
            })
        })?;
        let dict = PyDict::new(py);
        let round2 = |x: f64| (x * 100.0).round() / 100.0;
        dict.set_item("posting", rows.iter().map(|r| r.posting.clone()).collect::<Vec<_>>())?;
        dict.set_item("band", rows.iter().map(|r| round2(r.band)).collect::<Vec<_>>())?;
        dict.set_item("confidence", rows.iter().map(|r| round2(r.confidence)).collect::<Vec<_>>())?;
        dict.set_item("ladders", rows.iter().map(|r| r.ladders.clone()).collect::<Vec<_>>())?;
        dict.set_item("evidence", rows.into_iter().map(|r| r.evidence).collect::<Vec<_>>())?;
        Ok(dict)
    }
}

/// Skill counts of some postings, mergeable with others: `rungs freq --partial` as an object.
#[pyclass(module = "rungs_skills")]
struct Partial {
    inner: FrequencyPartial,
    engine: Arc<Engine>,
}

#[pymethods]
impl Partial {
    /// Reads a partial (one line of `rungs freq --partial`), checked against the scanner's
    /// taxonomy (the embedded one by default).
    #[classmethod]
    #[pyo3(signature = (text, scanner=None))]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, text: &str, scanner: Option<&Scanner>) -> PyResult<Partial> {
        let engine = match scanner {
            Some(scanner) => Arc::clone(&scanner.engine),
            None => default_engine(py)?,
        };
        let inner: FrequencyPartial = serde_json::from_str(text.trim())
            .map_err(|e| PyValueError::new_err(format!("not a rungs partial: {e}")))?;
        inner.check(engine.taxonomy()).map_err(|e| PyValueError::new_err(format!("partial {e}")))?;
        Ok(Partial { inner, engine })
    }

    /// The one-line JSON form, as the CLI prints it (without the newline).
    fn to_json(&self) -> String {
        self.inner.to_json_line()
    }

    /// A new partial: this one plus `other` (same rungs and taxonomy).
    fn merge(&self, other: &Partial) -> PyResult<Partial> {
        other.inner.check(self.engine.taxonomy()).map_err(|e| PyValueError::new_err(format!("partial {e}")))?;
        let mut merged = self.inner.clone();
        merged.merge(&other.inner);
        Ok(Partial { inner: merged, engine: Arc::clone(&self.engine) })
    }

    /// Postings counted.
    #[getter]
    fn postings(&self) -> u64 {
        self.inner.postings
    }

    /// The frequency table as columns: the rows of `rungs freq` (`by="skill"` or
    /// `by="category"`), most frequent first, the first `top` of them.
    #[pyo3(signature = (by="skill", top=None))]
    fn table<'py>(&self, py: Python<'py>, by: &str, top: Option<usize>) -> PyResult<Bound<'py, PyDict>> {
        let taxonomy = self.engine.taxonomy();
        let table =
            FrequencyTable::from_partial(taxonomy, &self.inner).map_err(|e| PyValueError::new_err(e.to_string()))?;
        match by {
            "skill" => columns_of(py, &table.skill_rows(taxonomy, top)),
            "category" => columns_of(py, &table.category_rows(taxonomy, top)),
            other => Err(PyValueError::new_err(format!("by must be 'skill' or 'category', not '{other}'"))),
        }
    }

    fn __repr__(&self) -> String {
        format!("Partial(postings={}, skills={})", self.inner.postings, self.inner.skills.len())
    }
}

/// Report rows as a dict of columns, in the CLI's column order (an empty table still has its
/// columns, so a DataFrame of it has the right shape).
fn columns_of<'py, R: Record>(py: Python<'py>, rows: &[R]) -> PyResult<Bound<'py, PyDict>> {
    let rows: Vec<serde_json::Value> = rows
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<_, _>>()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let dict = PyDict::new(py);
    for column in R::columns() {
        let values: Vec<Bound<'py, PyAny>> =
            rows.iter().map(|row| json_to_python(py, &row[column.name])).collect::<PyResult<_>>()?;
        dict.set_item(column.name, values)?;
    }
    Ok(dict)
}

fn json_to_python<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) if n.is_u64() => n.as_u64().into_pyobject(py)?.into_any(),
        Value::Number(n) => n.as_f64().into_pyobject(py)?.into_any(),
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        other => other.to_string().into_pyobject(py)?.into_any(),
    })
}

/// The scanner of the module-level functions, built on first use.
fn default_engine(py: Python<'_>) -> PyResult<Arc<Engine>> {
    static DEFAULT: OnceLock<Arc<Engine>> = OnceLock::new();
    if let Some(engine) = DEFAULT.get() {
        return Ok(Arc::clone(engine));
    }
    let engine = Arc::new(py.detach(|| Engine::load(None))?);
    Ok(Arc::clone(DEFAULT.get_or_init(|| engine)))
}

/// `scan(texts, ids=None, threads=None, practices=False)` with the embedded taxonomy.
#[pyfunction]
#[pyo3(signature = (texts, ids=None, threads=None, practices=false))]
fn scan<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    ids: Option<Vec<String>>,
    threads: Option<usize>,
    practices: bool,
) -> PyResult<Bound<'py, PyDict>> {
    Scanner { engine: default_engine(py)? }.scan(py, texts, ids, threads, practices)
}

/// `freq(texts, by="skill", top=None, threads=None)`: the frequency table with the embedded
/// taxonomy, as columns.
#[pyfunction]
#[pyo3(signature = (texts, by="skill", top=None, threads=None))]
fn freq<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    by: &str,
    top: Option<usize>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    let partial = Scanner { engine: default_engine(py)? }.freq_partial(py, texts, threads)?;
    partial.table(py, by, top)
}

#[pymodule]
fn rungs_skills(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_class::<Scanner>()?;
    module.add_class::<Partial>()?;
    module.add_function(wrap_pyfunction!(scan, module)?)?;
    module.add_function(wrap_pyfunction!(freq, module)?)?;
    Ok(())
}
