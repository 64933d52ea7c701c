//! Trains the level model shipped in `taxonomy/level-model.csv`, and validates it leaving one
//! company out.
//!
//! ```text
//! cargo run --release --example train_levels -- [EVAL_DIR] [--out FILE] [--report FILE]
//! ```
//!
//! EVAL_DIR (default `../shared/eval`) holds the descriptor sentences of twelve companies'
//! public career ladders (see its README). The model is a ridge regression of a sentence's band
//! on its word 1–3-grams, each n-gram kept only if it occurs in at least `MIN_COMPANIES` of the
//! training companies (a phrase one company uses says nothing about the next). The
//! de-compression (band = scale · raw + shift) is fitted on *out-of-company* level scores: for
//! each company, a model trained without it scores its levels.
//!
//! Validation is the same, one level deeper: for each of the twelve companies, the whole
//! procedure (inner leave-one-out for the de-compression included) runs on the other eleven,
//! and the left-out company's levels go through the library's real level call. The table
//! compares the text model alone, the text model with the signal table's scope phrases, and the
//! median baseline.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rungs::ladder::Ladder;
use rungs::levels::model::{for_each_ngram, CombineParams, TextModel};
use rungs::levels::signals::LevelSignals;
use rungs::levels::{LevelData, LevelModel};
use rungs::{Analyzer, Posting, Taxonomy};
use serde::Deserialize;

/// The choices of the fit, chosen by the leave-one-company-out table (`--lambda`,
/// `--min-companies`, `--norm-power`, `--scope-cap` to try others).
#[derive(Clone, Copy)]
struct Hyper {
    /// An n-gram must occur in this many training companies to be a feature.
    min_companies: usize,
    /// Ridge penalty.
    lambda: f64,
    /// Exponent of the feature count a sentence's features are divided by.
    norm_power: f64,
}

/// A scope phrase is kept if, on the training companies' levels, it points this close to the
/// level it is found in on average.
const PHRASE_MAX_ERROR: f64 = 1.0;

/// How the posting's evidence is combined. The title, plain-title and years weights were tuned
/// on `postings-seniority-dev.jsonl` with `rungs levels --level-model` (a title with no level
/// word is a better guess of "entry or mid" there than the body text: Spearman 0.31 with it,
/// 0.13 without); the scope cap, relative to the text weight, on the table this program prints.
const COMBINE: CombineParams = CombineParams {
    title_weight: 8.0,
    plain_title_band: 2.0,
    plain_title_weight: 8.0,
    years_weight: 1.0,
    lesser_years_factor: 0.25,
    text_weight: 0.5,
    text_full_requirements: 5.0,
    scope_cap: 0.5,
};

#[derive(Deserialize)]
struct Row {
    source: String,
    band: u8,
    text: String,
}

struct Sentence {
    company: String,
    band: f64,
    ngrams: Vec<String>,
}

fn read_rows(path: &Path) -> Result<Vec<Row>, Box<dyn Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        rows.push(serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?);
    }
    Ok(rows)
}

fn sentence(row: &Row) -> Sentence {
    let mut seen = BTreeSet::new();
    for_each_ngram(&row.text, |g, _| {
        seen.insert(g.to_string());
    });
    Sentence { company: row.source.clone(), band: f64::from(row.band), ngrams: seen.into_iter().collect() }
}

/// Ridge regression with an unpenalised intercept, solved by conjugate gradients on the
/// centred normal equations (the design matrix stays sparse).
fn fit(sentences: &[&Sentence], hyper: Hyper) -> (f64, Vec<(String, f64)>) {
    let Hyper { min_companies, lambda, norm_power } = hyper;
    let mut companies: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for s in sentences {
        for g in &s.ngrams {
            companies.entry(g).or_default().insert(&s.company);
        }
    }
    let mut vocab: Vec<&str> = companies.iter().filter(|(_, c)| c.len() >= min_companies).map(|(g, _)| *g).collect();
    vocab.sort_unstable();
    let column: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, g)| (*g, i)).collect();
    let rows: Vec<(Vec<usize>, f64)> = sentences
        .iter()
        .map(|s| {
            let cols: Vec<usize> = s.ngrams.iter().filter_map(|g| column.get(g.as_str()).copied()).collect();
            let value = if cols.is_empty() { 0.0 } else { 1.0 / (cols.len() as f64).powf(norm_power) };
            (cols, value)
        })
        .collect();
    let n = rows.len() as f64;
    let d = vocab.len();
    let y_mean = sentences.iter().map(|s| s.band).sum::<f64>() / n;
    let mut x_mean = vec![0.0; d];
    for (cols, v) in &rows {
        for &c in cols {
            x_mean[c] += v / n;
        }
    }
    // A·v = Xcᵀ Xc v + λ v, with Xc the column-centred design.
    let apply = |v: &[f64]| -> Vec<f64> {
        let shift: f64 = x_mean.iter().zip(v).map(|(m, x)| m * x).sum();
        let mut out: Vec<f64> = v.iter().map(|x| lambda * x).collect();
        for (cols, value) in &rows {
            let u = cols.iter().map(|&c| v[c]).sum::<f64>() * value - shift;
            for &c in cols {
                out[c] += u * value;
            }
            // The centring term of Xcᵀ u is -x̄ Σu, and Σu over rows is zero by construction.
        }
        out
    };
    let mut rhs = vec![0.0; d];
    for ((cols, value), s) in rows.iter().zip(sentences) {
        for &c in cols {
            rhs[c] += value * (s.band - y_mean);
        }
    }
    let mut w = vec![0.0; d];
    let mut r = rhs.clone();
    let mut p = r.clone();
    let mut rr: f64 = r.iter().map(|x| x * x).sum();
    let tolerance = rr * 1e-12;
    for _ in 0..500 {
        if rr <= tolerance {
            break;
        }
        let ap = apply(&p);
        let alpha = rr / p.iter().zip(&ap).map(|(a, b)| a * b).sum::<f64>();
        for i in 0..d {
            w[i] += alpha * p[i];
            r[i] -= alpha * ap[i];
        }
        let next: f64 = r.iter().map(|x| x * x).sum();
        let beta = next / rr;
        rr = next;
        for i in 0..d {
            p[i] = r[i] + beta * p[i];
        }
    }
    let intercept = y_mean - x_mean.iter().zip(&w).map(|(m, x)| m * x).sum::<f64>();
    let weights = vocab.iter().zip(&w).filter(|(_, x)| x.abs() > 1e-6).map(|(g, x)| (g.to_string(), *x)).collect();
    (intercept, weights)
}

/// The mean raw score of a level text's requirements, as the level call computes it.
fn raw_level_score(model: &TextModel, analyzer: &Analyzer, text: &str) -> Option<f64> {
    let analysis = analyzer.analyse(Posting::new("level", text));
    let scores: Vec<f64> = analysis
        .requirements
        .iter()
        .filter_map(|r| model.score(&analysis.posting.text[r.range.clone()]))
        .map(|s| s.raw)
        .collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

/// Least squares of gold band on raw score.
fn line_fit(points: &[(f64, f64)]) -> (f64, f64) {
    let n = points.len() as f64;
    let (mx, my) = (points.iter().map(|p| p.0).sum::<f64>() / n, points.iter().map(|p| p.1).sum::<f64>() / n);
    let sxy: f64 = points.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let sxx: f64 = points.iter().map(|(x, _)| (x - mx).powi(2)).sum();
    let scale = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    (scale, my - scale * mx)
}

struct Corpus {
    hyper: Hyper,
    combine: CombineParams,
    sentences: Vec<Sentence>,
    levels: Vec<Row>,
    companies: Vec<String>,
}

impl Corpus {
    /// A model trained on `companies`, de-compressed with their out-of-company scores.
    fn train(&self, companies: &[&str], analyzer: &Analyzer) -> TextModel {
        let train = |keep: &dyn Fn(&str) -> bool| -> TextModel {
            let rows: Vec<&Sentence> = self.sentences.iter().filter(|s| keep(&s.company)).collect();
            let (intercept, weights) = fit(&rows, self.hyper);
            TextModel::from_weights(intercept, self.hyper.norm_power, (1.0, 0.0), self.combine.clone(), weights)
        };
        let mut points = Vec::new();
        for &held in companies {
            let inner = train(&|c| c != held && companies.contains(&c));
            for level in self.levels.iter().filter(|l| l.source == held) {
                if let Some(raw) = raw_level_score(&inner, analyzer, &level.text) {
                    points.push((raw, f64::from(level.band)));
                }
            }
        }
        let calibration = line_fit(&points);
        let full = train(&|c| companies.contains(&c));
        TextModel::from_weights(
            full.intercept,
            self.hyper.norm_power,
            calibration,
            self.combine.clone(),
            full.ngrams().to_vec(),
        )
    }
}

#[derive(Default, Clone)]
struct Tally {
    n: usize,
    abs_error: f64,
    exact: usize,
    within_one: usize,
}

impl Tally {
    fn add(&mut self, predicted: u8, gold: u8) {
        let error = (i32::from(predicted) - i32::from(gold)).abs();
        self.n += 1;
        self.abs_error += f64::from(error);
        self.exact += usize::from(error == 0);
        self.within_one += usize::from(error <= 1);
    }
    fn add_all(&mut self, other: &Tally) {
        self.n += other.n;
        self.abs_error += other.abs_error;
        self.exact += other.exact;
        self.within_one += other.within_one;
    }
    fn cells(&self) -> String {
        let n = self.n.max(1) as f64;
        format!("{:.2} | {:.2} | {:.2}", self.abs_error / n, self.exact as f64 / n, self.within_one as f64 / n)
    }
}

/// The scope phrases that earn their place on `companies`' levels: found in at least two of
/// them, pointing within one band of the level they are found in on average.
fn select_phrases(corpus: &Corpus, companies: &[&str], signals: &LevelSignals) -> BTreeSet<String> {
    let mut found: BTreeMap<String, (BTreeSet<&str>, f64, usize)> = BTreeMap::new();
    for level in corpus.levels.iter().filter(|l| companies.contains(&l.source.as_str())) {
        for hit in signals.find_about_holder(&level.text) {
            let phrase = &signals.phrases()[hit.phrase];
            let entry = found.entry(phrase.phrase.clone()).or_default();
            entry.0.insert(&level.source);
            entry.1 += (f64::from(phrase.band) - f64::from(level.band)).abs();
            entry.2 += 1;
        }
    }
    found
        .into_iter()
        .filter(|(_, (in_companies, error, hits))| in_companies.len() >= 2 && error / *hits as f64 <= PHRASE_MAX_ERROR)
        .map(|(phrase, _)| phrase)
        .collect()
}

/// The signal table with only `phrases` of its scope rows.
fn with_scope_phrases(table: &str, phrases: &BTreeSet<String>) -> Result<LevelSignals, Box<dyn Error>> {
    let kept: Vec<&str> = table
        .lines()
        .filter(|line| match line.strip_prefix("scope,") {
            Some(rest) => phrases.contains(rest.split(',').next().unwrap_or("")),
            None => true,
        })
        .collect();
    Ok(LevelSignals::parse(&kept.join("\n"), "signal table with selected scope phrases")?)
}

fn band_of(model: &LevelModel, analyzer: &Analyzer, text: &str) -> u8 {
    let level = model.estimate(&analyzer.analyse(Posting::new("level", text)));
    level.estimate.round().clamp(1.0, 6.0) as u8
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let mut eval = PathBuf::from("../shared/eval");
    let mut out = PathBuf::from("taxonomy/level-model.csv");
    let mut report = None;
    let mut hyper = Hyper { min_companies: 2, lambda: 1.0, norm_power: 0.5 };
    let mut combine = COMBINE;
    let number = |name: &str, value: Option<String>| -> Result<f64, Box<dyn Error>> {
        Ok(value.ok_or(format!("{name} needs a number"))?.parse()?)
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lambda" => hyper.lambda = number(&arg, args.next())?,
            "--min-companies" => hyper.min_companies = number(&arg, args.next())? as usize,
            "--norm-power" => hyper.norm_power = number(&arg, args.next())?,
            "--scope-cap" => combine.scope_cap = number(&arg, args.next())?,
            "--out" => out = args.next().ok_or("--out needs a file")?.into(),
            "--report" => report = Some(PathBuf::from(args.next().ok_or("--report needs a file")?)),
            _ => eval = arg.into(),
        }
    }
    if !eval.join("levels-pool-sentences.jsonl").exists() {
        return Err(
            format!("{}: no levels-pool-sentences.jsonl (is ../shared beside the project?)", eval.display()).into()
        );
    }
    let mut sentences = Vec::new();
    let mut levels = Vec::new();
    for name in ["levels-dev-sentences.jsonl", "levels-pool-sentences.jsonl"] {
        sentences.extend(read_rows(&eval.join(name))?.iter().map(sentence));
    }
    for name in ["levels-dev.jsonl", "levels-pool.jsonl"] {
        levels.extend(read_rows(&eval.join(name))?);
    }
    let companies: Vec<String> = levels.iter().map(|l| l.source.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let corpus = Corpus { hyper, combine, sentences, levels, companies };
    let taxonomy = Taxonomy::embedded();
    let analyzer = Analyzer::new(taxonomy.clone())?;
    let signal_table = std::fs::read_to_string("taxonomy/level-signals.csv")?;
    let all_phrases = LevelSignals::parse(&signal_table, "taxonomy/level-signals.csv")?;
    let without_phrases = with_scope_phrases(&signal_table, &BTreeSet::new())?;

    // Leave one company out.
    let mut table: BTreeMap<&str, [Tally; 3]> = BTreeMap::new();
    for held in &corpus.companies {
        let others: Vec<&str> = corpus.companies.iter().map(String::as_str).filter(|c| c != held).collect();
        let model = corpus.train(&others, &analyzer);
        let text_only = LevelModel::new(
            Ladder::embedded(),
            LevelData { signals: without_phrases.clone(), text: model.clone() },
            &taxonomy,
        );
        let selected = with_scope_phrases(&signal_table, &select_phrases(&corpus, &others, &all_phrases))?;
        let phrases = LevelModel::new(Ladder::embedded(), LevelData { signals: selected, text: model }, &taxonomy);
        let mut train_bands: Vec<u8> = corpus.levels.iter().filter(|l| l.source != *held).map(|l| l.band).collect();
        train_bands.sort_unstable();
        let median = train_bands[train_bands.len() / 2];
        let tallies = table.entry(held.as_str()).or_default();
        for level in corpus.levels.iter().filter(|l| l.source == *held) {
            tallies[0].add(band_of(&text_only, &analyzer, &level.text), level.band);
            tallies[1].add(band_of(&phrases, &analyzer, &level.text), level.band);
            tallies[2].add(median, level.band);
        }
        eprintln!("{held}: {} levels", tallies[0].n);
    }
    let mut text = String::from(
        "| company | levels | text model MAE · exact · within 1 | text model + scope phrases | median of training bands |\n| --- | ---: | --- | --- | --- |\n",
    );
    let mut micro: [Tally; 3] = Default::default();
    let mut macro_sums = [[0.0; 3]; 3];
    for (company, tallies) in &table {
        writeln!(
            text,
            "| {company} | {} | {} | {} | {} |",
            tallies[0].n,
            tallies[0].cells(),
            tallies[1].cells(),
            tallies[2].cells()
        )?;
        for (i, t) in tallies.iter().enumerate() {
            micro[i].add_all(t);
            let n = t.n as f64;
            macro_sums[i][0] += t.abs_error / n;
            macro_sums[i][1] += t.exact as f64 / n;
            macro_sums[i][2] += t.within_one as f64 / n;
        }
    }
    let mut fresh: [Tally; 3] = Default::default();
    for (_, tallies) in table.iter().filter(|(c, _)| !["dropbox", "kensho"].contains(c)) {
        for (i, t) in tallies.iter().enumerate() {
            fresh[i].add_all(t);
        }
    }
    let k = table.len() as f64;
    writeln!(
        text,
        "| **micro** | {} | {} | {} | {} |",
        micro[0].n,
        micro[0].cells(),
        micro[1].cells(),
        micro[2].cells()
    )?;
    let macro_cells =
        |i: usize| format!("{:.2} | {:.2} | {:.2}", macro_sums[i][0] / k, macro_sums[i][1] / k, macro_sums[i][2] / k);
    writeln!(text, "| **macro** | {} | {} | {} | {} |", table.len(), macro_cells(0), macro_cells(1), macro_cells(2))?;
    writeln!(
        text,
        "| micro, pool only (phrases were first written from dropbox and kensho) | {} | {} | {} | {} |",
        fresh[0].n,
        fresh[0].cells(),
        fresh[1].cells(),
        fresh[2].cells()
    )?;
    print!("{text}");
    if let Some(path) = report {
        std::fs::write(&path, &text)?;
    }

    // The shipped model: all twelve companies.
    let all: Vec<&str> = corpus.companies.iter().map(String::as_str).collect();
    let kept = select_phrases(&corpus, &all, &all_phrases);
    eprintln!("scope phrases that earn their place on all 12 companies ({}): {kept:?}", kept.len());
    let model = corpus.train(&all, &analyzer);
    let mut file = String::new();
    writeln!(file, "# rungs level model: ridge regression of a ladder sentence's band (1-6) on its word 1-3-grams.")?;
    writeln!(file, "# Rebuild: cargo run --release --example train_levels (reads ../shared/eval).")?;
    writeln!(file, "# Trained on the descriptor sentences of 12 companies' public career ladders (../shared/eval):")?;
    writeln!(file, "#   Dropbox career framework (Apache-2.0); Kensho career tracks (CC BY-SA 4.0, Copyright Kensho")?;
    writeln!(
        file,
        "#   Technologies, LLC); InfraCloud career ladders (CC BY 4.0); Sourcegraph handbook (Apache-2.0);"
    )?;
    writeln!(file, "#   Artsy Engineering README (CC BY 4.0); Sarah Drasner career ladders (MIT); Teleport careers")?;
    writeln!(
        file,
        "#   (Apache-2.0); engineeringladders by Jorge Fioranelli (Apache-2.0); GitLab handbook (CC BY-SA 4.0);"
    )?;
    writeln!(
        file,
        "#   inDrive handbook (MIT); Readify Mad Skillz (CC BY-SA 4.0); UK GDS capability framework (OGL v3:"
    )?;
    writeln!(file, "#   contains public sector information licensed under the Open Government Licence v3.0).")?;
    writeln!(file, "# Licence of this file: CC BY-SA 4.0, as a work derived from CC BY-SA rows.")?;
    writeln!(
        file,
        "# Leave-one-company-out (text model alone): micro MAE {:.3}, exact {:.3}, within one {:.3} over {} levels.",
        micro[0].abs_error / micro[0].n as f64,
        micro[0].exact as f64 / micro[0].n as f64,
        micro[0].within_one as f64 / micro[0].n as f64,
        micro[0].n
    )?;
    writeln!(
        file,
        "# Features: n-grams in at least {} companies; ridge lambda {}; {} n-grams.",
        hyper.min_companies,
        hyper.lambda,
        model.ngrams().len()
    )?;
    writeln!(file, "# checksum: {}", model.fingerprint())?;
    file.push_str(&model.data_rows());
    std::fs::write(&out, file)?;
    eprintln!(
        "wrote {} ({} n-grams, scale {:.3}, shift {:.3})",
        out.display(),
        model.ngrams().len(),
        model.scale,
        model.shift
    );
    Ok(())
}
