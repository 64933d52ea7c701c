//! Typed configuration built from the parsed arguments: the only place that reads the
//! environment or loads files named by flags. Commands run on these values, never on clap
//! types (ripgrep's low-args / high-args split).

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use anyhow::Context;
use rungs::batch::BatchOptions;
use rungs::context::{Context as MentionContext, ContextSet};
use rungs::input::{
    ColumnChoice, InputFormat, InputOptions, InputSource, DEFAULT_COMPANY_COLUMNS, DEFAULT_LOCATION_COLUMNS,
    DEFAULT_TITLE_COLUMNS, DEFAULT_URL_COLUMNS,
};
use rungs::levels::LevelData;
use rungs::report::{Format, Style};
use rungs::Taxonomy;

use super::args::{ContextArg, FormatArg, InputFormatArg, OutputArgs, RunArgs};
use super::output::{is_stdout, refuse_output_among_inputs, Output};

/// A command-line value that parsed but makes no sense (`--threads 0`).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Where a report goes and what it looks like.
#[derive(Debug)]
pub struct OutputConfig {
    pub format: Format,
    pub destination: Option<PathBuf>,
    pub style: Style,
}

impl OutputConfig {
    pub fn from_args(args: &OutputArgs) -> OutputConfig {
        let format = match args.format {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Md => Format::Markdown,
        };
        // A table is fitted to the terminal it is shown on: COLUMNS when the shell exports it,
        // else 120. Written to a file or a pipe, it keeps every character.
        let destination = args.output.clone().filter(|path| !is_stdout(path));
        let to_terminal = destination.is_none() && io::stdout().is_terminal();
        let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|&w| w >= 40);
        let max_width = if to_terminal { columns.unwrap_or(120) } else { usize::MAX };
        OutputConfig { format, destination, style: Style { max_width } }
    }

    /// The configuration of a command with no report on stdout.
    pub fn none() -> OutputConfig {
        OutputConfig { format: Format::Table, destination: None, style: Style::default() }
    }

    /// Opens the destination. A file appears (or is replaced) only when the report is
    /// committed, so a failed run leaves what was there.
    pub fn open(&self) -> anyhow::Result<Output> {
        match &self.destination {
            Some(path) => Output::file(path),
            None => Output::stdout(),
        }
    }
}

/// Everything a command that reads postings needs.
pub struct RunConfig {
    pub inputs: Vec<InputSource>,
    pub input: InputOptions,
    /// The contexts `--context` chose, if it was given.
    pub contexts: Option<ContextSet>,
    /// Taken whole by the command's analyzer ([`RunConfig::take_taxonomy`]): a copy of the
    /// default taxonomy costs as much start-up as parsing it.
    taxonomy: Option<Taxonomy>,
    /// Where the level tables come from; read by [`RunConfig::level_data`] only for the
    /// commands that map levels, so `freq` and `scan` do not pay for parsing them.
    level_sources: LevelSources,
    pub output: OutputConfig,
    pub pool: rayon::ThreadPool,
    pub batch: BatchOptions,
    pub quiet: bool,
}

impl RunConfig {
    /// The configuration of a command; `output` is `None` for commands that write no report to
    /// stdout (`report` writes its own file).
    pub fn from_args(args: &RunArgs, output: Option<&OutputArgs>) -> anyhow::Result<RunConfig> {
        let threads = match args.threads {
            Some(0) => return Err(UsageError("--threads must be at least 1".to_string()).into()),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let pool =
            rayon::ThreadPoolBuilder::new().num_threads(threads).build().context("cannot start worker threads")?;
        let destination = output.and_then(|o| o.output.as_deref());
        refuse_output_among_inputs(destination, args.inputs.iter().map(PathBuf::as_path))?;
        let inputs = args
            .inputs
            .iter()
            .map(|p| if p.as_os_str() == "-" { InputSource::Stdin } else { InputSource::Path(p.clone()) })
            .collect();
        let input = InputOptions {
            format: args.input_format.map(|f| match f {
                InputFormatArg::Text => InputFormat::Text,
                InputFormatArg::Csv => InputFormat::Csv,
                InputFormatArg::Jsonl => InputFormat::Jsonl,
            }),
            id_column: args.id_column.clone().unwrap_or_else(|| "id".to_string()),
            id_column_explicit: args.id_column.is_some(),
            text_column: args.text_column.clone().unwrap_or_else(|| "text".to_string()),
            text_column_explicit: args.text_column.is_some(),
            title_column: column_choice(&args.title_column, DEFAULT_TITLE_COLUMNS),
            company_column: column_choice(&args.company_column, DEFAULT_COMPANY_COLUMNS),
            location_column: column_choice(&args.location_column, DEFAULT_LOCATION_COLUMNS),
            url_column: column_choice(&args.url_column, DEFAULT_URL_COLUMNS),
            delimiter: args.delimiter,
            max_posting_bytes: args.max_posting_bytes,
        };
        Ok(RunConfig {
            inputs,
            input,
            taxonomy: Some(load_taxonomy(args.taxonomy.as_ref())?),
            level_sources: LevelSources {
                taxonomy_dir: args.taxonomy.clone(),
                signals: args.signals.clone(),
                model: args.level_model.clone(),
            },
            output: output.map_or_else(OutputConfig::none, OutputConfig::from_args),
            pool,
            batch: BatchOptions { skip_bad_records: args.skip_bad_records, ..BatchOptions::default() },
            contexts: context_set(&args.context),
            quiet: args.quiet,
        })
    }

    /// The taxonomy, for the one analyzer a command builds.
    pub fn take_taxonomy(&mut self) -> Taxonomy {
        self.taxonomy.take().expect("a command builds one analyzer, which takes the taxonomy")
    }

    /// The level tables the user chose (or the embedded ones), read now.
    pub fn level_data(&self) -> anyhow::Result<LevelData> {
        let sources = &self.level_sources;
        LevelData::load(sources.taxonomy_dir.as_deref(), sources.signals.as_deref(), sources.model.as_deref())
            .context("cannot use the level tables")
    }
}

/// The files `--taxonomy`, `--signals` and `--level-model` name.
struct LevelSources {
    taxonomy_dir: Option<PathBuf>,
    signals: Option<PathBuf>,
    model: Option<PathBuf>,
}

/// The column a flag names, or the default names to look for.
fn column_choice(named: &Option<String>, defaults: &'static [&'static str]) -> ColumnChoice {
    named.clone().map_or(ColumnChoice::Default(defaults), ColumnChoice::Named)
}

/// The ladders `--ladder` names (built-in ids or CSV files), or every built-in one with more
/// than one level (a one-level ladder can only say "this level" or "outside its range").
pub fn load_ladders(names: &[String]) -> anyhow::Result<Vec<rungs::ladder::Ladder>> {
    use rungs::ladder::Ladder;
    let embedded = Ladder::embedded();
    if names.is_empty() {
        return Ok(embedded.into_iter().filter(|l| l.levels.len() > 1).collect());
    }
    names
        .iter()
        .map(|name| {
            if let Some(ladder) = embedded.iter().find(|l| &l.id == name) {
                return Ok(ladder.clone());
            }
            let path = std::path::Path::new(name);
            if path.exists() {
                let ladder = Ladder::load(path).with_context(|| format!("cannot use ladder {name}"))?;
                if !ladder.has_bands() {
                    return Err(UsageError(format!(
                        "ladder {name} has levels without a band: `rungs ladder bands {name} --ladder-csv` assigns them"
                    ))
                    .into());
                }
                return Ok(ladder);
            }
            let known: Vec<&str> = embedded.iter().map(|l| l.id.as_str()).collect();
            Err(UsageError(format!(
                "no ladder '{name}': give a built-in id ({}) or a ladder CSV file",
                known.join(", ")
            ))
            .into())
        })
        .collect()
}

/// The taxonomy a `--taxonomy` flag names, or the embedded default.
pub fn load_taxonomy(path: Option<&PathBuf>) -> anyhow::Result<Taxonomy> {
    match path {
        Some(path) => Taxonomy::load(path).with_context(|| format!("cannot use taxonomy {}", path.display())),
        None => Ok(Taxonomy::embedded()),
    }
}

/// The set `--context` names; `None` when it was not given (each command has its default).
fn context_set(args: &[ContextArg]) -> Option<ContextSet> {
    if args.is_empty() {
        return None;
    }
    if args.contains(&ContextArg::All) {
        return Some(ContextSet::ALL);
    }
    Some(ContextSet::of(args.iter().map(|arg| match arg {
        ContextArg::Requirement | ContextArg::All => MentionContext::Requirement,
        ContextArg::Employer => MentionContext::Employer,
        ContextArg::Benefit => MentionContext::Benefit,
        ContextArg::Legal => MentionContext::Legal,
        ContextArg::Title => MentionContext::Title,
        ContextArg::Application => MentionContext::Application,
    })))
}
