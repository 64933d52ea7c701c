//! One module per subcommand, each `run(config) -> anyhow::Result<Exit>`, plus the driver they
//! share for reading and analysing postings.

mod freq;
mod gap;
mod ladder;
mod levels;
mod report;
mod scan;
mod taxonomy;

use anyhow::Context;
use rungs::batch::{self, BatchSummary};
use rungs::context::ContextSet;
use rungs::input::PostingReader;
use rungs::{Analysis, Analyzer, ContextReading};

use super::args::{Args, Command, LadderCommand, TaxonomyCommand};
use super::config::{OutputConfig, RunConfig};
use super::output::{message, refuse_output_among_inputs};
use super::Exit;

pub fn run(args: Args) -> anyhow::Result<Exit> {
    match args.command {
        Command::Scan(args) => scan::run(RunConfig::from_args(&args.run, Some(&args.output))?, args.practices),
        Command::Freq(args) => {
            let config = RunConfig::from_args(&args.run, Some(&args.output))?;
            let view = freq::View {
                by: args.by,
                top: args.top,
                kinds: &args.kind,
                roll_up: args.roll_up,
                ladder: args.ladder.as_deref(),
            };
            freq::run(config, &view, args.partial)
        }
        Command::Merge(args) => freq::merge(&args),
        Command::Gap(args) => {
            refuse_output_among_inputs(args.output.output.as_deref(), [args.profile.as_path()])?;
            gap::run(RunConfig::from_args(&args.run, Some(&args.output))?, &args.profile, args.view, args.top)
        }
        Command::Report(args) => {
            let inputs = args.run.inputs.iter().map(|p| p.as_path()).chain(args.profile.as_deref());
            refuse_output_among_inputs(Some(&args.html), inputs)?;
            report::run(RunConfig::from_args(&args.run, None)?, &args)
        }
        Command::Levels(args) => {
            levels::run(RunConfig::from_args(&args.run, Some(&args.output))?, &args.ladder, args.summary, args.partial)
        }
        Command::Ladder(args) => match args.show {
            Some(LadderCommand::Bands { ladder, ladder_csv, level_model, output }) => {
                ladder::bands(&ladder, ladder_csv, level_model.as_deref(), OutputConfig::from_args(&output))
            }
            Some(LadderCommand::Show { ladder, resolved, output }) => {
                ladder::show(&ladder, resolved, OutputConfig::from_args(&output))
            }
            None => {
                let name = args.ladder.expect("clap requires --ladder without a subcommand");
                let shape = match (args.coverage, args.partial, args.practices) {
                    (true, true, _) => ladder::MapShape::CoveragePartial,
                    (true, false, _) => ladder::MapShape::Coverage,
                    (false, _, true) => ladder::MapShape::Practices,
                    (false, _, false) => ladder::MapShape::Requirements,
                };
                ladder::map(RunConfig::from_args(&args.run, Some(&args.output))?, &name, args.target.as_deref(), shape)
            }
        },
        Command::Completions { shell } => {
            // Generated into memory first: `generate` panics on a write error, and a closed
            // pipe must end rungs quietly like every other command.
            let mut command = <Args as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "rungs", &mut script);
            std::io::Write::write_all(&mut std::io::stdout().lock(), &script)?;
            Ok(Exit::Success)
        }
        Command::Man => {
            let command = <Args as clap::CommandFactory>::command();
            clap_mangen::Man::new(command).render(&mut std::io::stdout().lock())?;
            Ok(Exit::Success)
        }
        Command::Taxonomy(TaxonomyCommand::Check { path }) => taxonomy::check(path.as_deref()),
        Command::Taxonomy(TaxonomyCommand::List(args)) => {
            taxonomy::list(args.taxonomy.as_ref(), args.category.as_deref(), OutputConfig::from_args(&args.output))
        }
        Command::Taxonomy(TaxonomyCommand::Suggest(args)) => {
            taxonomy::suggest(RunConfig::from_args(&args.run, Some(&args.output))?, args.min_postings, args.top)
        }
    }
}

/// Totals for the stderr summary line.
#[derive(Debug, Default)]
pub struct Totals {
    pub batch: BatchSummary,
    pub requirements: u64,
    /// Skill mentions; `None` for a run that did not look for them (`levels`).
    pub matches: Option<u64>,
}

impl Totals {
    /// Postings, requirements, matches and skipped, as partials record them.
    pub fn as_array(&self) -> [u64; 4] {
        [self.batch.postings, self.requirements, self.matches.unwrap_or(0), self.batch.skipped]
    }

    /// The totals a partial records.
    pub fn from_array([postings, requirements, matches, skipped]: [u64; 4]) -> Totals {
        Totals { batch: BatchSummary { postings, skipped, duplicate_ids: 0 }, requirements, matches: Some(matches) }
    }
}

/// A run's totals, where an input with no postings is a zero count rather than an error: a
/// map step's chunk may hold nothing, and its partial is then zero.
pub fn zero_if_empty(counted: anyhow::Result<Totals>) -> anyhow::Result<Totals> {
    match counted {
        Err(err) => match err.downcast_ref::<rungs::batch::BatchError>() {
            Some(&rungs::batch::BatchError::NoPostings { skipped }) => Ok(Totals::from_array([0, 0, 0, skipped])),
            _ => Err(err),
        },
        ok => ok,
    }
}

/// Writes one line (a partial) to the output.
pub fn write_line(output: &OutputConfig, line: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = output.open()?;
    writeln!(out, "{line}")?;
    out.commit()
}

/// Reads and analyses every posting of `config`, calling `sink` in input order, reporting
/// skipped records on stderr unless quiet.
pub fn analyse_all(
    config: &RunConfig,
    analyzer: &Analyzer,
    sink: &mut dyn FnMut(&Analysis) -> std::io::Result<()>,
) -> anyhow::Result<Totals> {
    analyse_all_with(config, analyzer, &|_| (), &mut |analysis, ()| sink(analysis))
}

/// [`analyse_all`] with more per-posting work (`extra`, run in parallel after analysis).
pub fn analyse_all_with<T: Send>(
    config: &RunConfig,
    analyzer: &Analyzer,
    extra: &(dyn Fn(&Analysis) -> T + Sync),
    sink: &mut dyn FnMut(&Analysis, T) -> std::io::Result<()>,
) -> anyhow::Result<Totals> {
    let quiet = config.quiet;
    let notices = Box::new(move |notice: rungs::input::Notice| {
        if !quiet {
            message(format_args!("rungs: note: {notice}"));
        }
    });
    let reader =
        PostingReader::with_notices(&config.inputs, config.input.clone(), notices).context("cannot read input")?;
    let mut on_skip = |err: &rungs::input::InputError| {
        if !quiet {
            message(format_args!("rungs: skipped {err}"));
        }
    };
    let mut totals = Totals { matches: analyzer.finds_skills().then_some(0), ..Totals::default() };
    let read = reader.progress();
    let progress = progress_bar(config.quiet, read.total_bytes());
    let mut postings = 0u64;
    let mut count = |(analysis, result): (Analysis, T)| {
        postings += 1;
        if read.total_bytes().is_some() {
            progress.set_position(read.bytes_read());
            if postings % 64 == 1 {
                progress.set_message(format!("{postings} postings"));
            }
        } else {
            progress.inc(1);
        }
        totals.requirements += analysis.requirements.len() as u64;
        if let Some(matches) = &mut totals.matches {
            *matches += analysis.matches.len() as u64;
        }
        sink(&analysis, result)
    };
    let work = |posting| {
        let analysis = analyzer.analyse(posting);
        let result = extra(&analysis);
        (analysis, result)
    };
    let summary = batch::run_with(reader, &config.pool, config.batch, &mut on_skip, &work, &mut count);
    progress.finish_and_clear();
    let summary = summary?;
    totals.batch = summary;
    Ok(totals)
}

/// Progress on stderr, only for a person watching a terminal (hidden with `--quiet`, in pipes,
/// in files and in CI): bytes read of `total` with an ETA when the input's size is known, else
/// a spinner counting postings.
fn progress_bar(quiet: bool, total: Option<u64>) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return indicatif::ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(total) => (
            indicatif::ProgressBar::new(total),
            "{bar:30} {bytes}/{total_bytes} · {msg} · {elapsed} elapsed, about {eta} to go",
        ),
        None => (indicatif::ProgressBar::new_spinner(), "{spinner} {pos} postings analysed ({elapsed})"),
    };
    bar.set_style(indicatif::ProgressStyle::with_template(template).expect("a valid template"));
    bar.set_message("0 postings");
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// The one-line summary on stderr.
pub fn print_summary(quiet: bool, totals: &Totals) {
    if quiet {
        return;
    }
    let skipped = match totals.batch.skipped {
        0 => "0 skipped".to_string(),
        n => format!("{n} skipped (bad records, listed above)"),
    };
    let matches = totals.matches.map(|n| format!("{n} matches, ")).unwrap_or_default();
    message(format_args!(
        "rungs: {} postings, {} requirements, {matches}{skipped}",
        totals.batch.postings, totals.requirements
    ));
    if totals.batch.duplicate_ids > 0 {
        message(format_args!(
            "rungs: note: {} postings have an id an earlier posting already had; rows keyed on ids will not tell them apart",
            totals.batch.duplicate_ids
        ));
    }
}

/// The analyzer for `config`, keeping the mentions `--context` chose, else `default`, and
/// reading the contexts of the requirements `reading` names. A worker builds the analysis's
/// fixed patterns meanwhile, which the first posting would otherwise wait for.
pub fn build_analyzer(
    config: &mut RunConfig,
    default: ContextSet,
    reading: ContextReading,
) -> anyhow::Result<Analyzer> {
    config.pool.spawn(rungs::analyse::prepare_fixed_patterns);
    let analyzer = Analyzer::new(config.take_taxonomy()).context("cannot compile the taxonomy's aliases")?;
    Ok(analyzer.with_contexts(config.contexts.unwrap_or(default)).reading_contexts(reading))
}

/// The analyzer of `rungs levels`: requirements and their contexts, no skill mentions, so
/// neither the taxonomy's aliases nor the patterns that qualify mentions are compiled.
pub fn build_requirement_analyzer(config: &mut RunConfig) -> Analyzer {
    Analyzer::requirements_only(config.take_taxonomy())
        .with_contexts(config.contexts.unwrap_or(ContextSet::REQUIREMENTS))
        .reading_contexts(ContextReading::OfMentions)
}
