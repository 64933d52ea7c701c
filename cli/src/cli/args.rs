//! The command line as clap sees it: flags and arguments, validated only for shape.
//! [`super::config`] turns these into the typed configuration the commands run on.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

use super::examples;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (skipped bad records are reported, not failures)
  1  unexpected failure (e.g. the output file cannot be written)
  2  usage error (unknown flag, bad value, unknown --ladder id or --target level)
  3  bad input (missing file, invalid UTF-8, malformed record, missing column, no postings)
  4  invalid taxonomy or ladder, or `taxonomy check` found problems";

/// Find the skills job postings ask for, and how often.
#[derive(Debug, Parser)]
#[command(name = "rungs", version, about, after_help = EXIT_CODES, after_long_help = format!("{}\n\n{EXIT_CODES}", examples::TOP))]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every skill mention: posting, requirement, offsets, skill, strength, years.
    #[command(after_long_help = examples::SCAN)]
    Scan(ScanArgs),
    /// Count skills over all postings: postings, share, mentions, required/preferred, years.
    #[command(after_long_help = examples::FREQ)]
    Freq(FreqArgs),
    /// Add up partial counts (`freq --partial`, `levels --summary --partial`, `ladder --coverage
    /// --partial`) from many runs and print what one run over all their input would have printed.
    #[command(after_long_help = examples::MERGE)]
    Merge(MergeArgs),
    /// Compare a profile (résumé, self-description or skill list) with postings: what is missing,
    /// what is adjacent, what to learn next.
    #[command(after_long_help = examples::GAP)]
    Gap(GapArgs),
    /// Write a self-contained HTML report: charts of skills, categories and levels, every
    /// posting's requirements with the skills highlighted, and with --profile the gap view.
    #[command(after_long_help = examples::REPORT)]
    Report(ReportArgs),
    /// Estimate each posting's level on each ladder, with the evidence for it.
    #[command(after_long_help = examples::LEVELS)]
    Levels(LevelsArgs),
    /// A hiring manager's view of postings against one ladder, or `ladder show ID`.
    #[command(after_long_help = examples::LADDER)]
    Ladder(LadderArgs),
    /// Inspect or validate a taxonomy (and ladders).
    #[command(subcommand, after_long_help = examples::TAXONOMY)]
    Taxonomy(TaxonomyCommand),
    /// Print a shell completion script, made from these very definitions.
    ///
    /// Example: rungs completions bash > ~/.local/share/bash-completion/completions/rungs
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), made from these very definitions.
    ///
    /// Example: rungs man > ~/.local/share/man/man1/rungs.1 && man rungs
    Man,
}

#[derive(Debug, ClapArgs)]
pub struct GapArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// The profile: a résumé or self-description (text or Markdown), or one skill per line.
    #[arg(long, value_name = "FILE")]
    pub profile: std::path::PathBuf,
    /// For CSV and JSONL, which table to print (table, Markdown and JSON print them all).
    #[arg(long, value_enum, default_value_t = GapView::Postings)]
    pub view: GapView,
    /// Keep only the first N rows of the "learn next" list.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
}

#[derive(Debug, ClapArgs)]
pub struct ReportArgs {
    #[command(flatten)]
    pub run: RunArgs,
    /// The HTML file to write (`--html FILE` also works; `-` writes the page to stdout).
    #[arg(long = "output", short = 'o', visible_alias = "html", value_name = "FILE")]
    pub html: std::path::PathBuf,
    /// A profile to compare with the postings (adds the gap view).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<std::path::PathBuf>,
    /// Ladders for the level charts (default: every built-in ladder).
    #[arg(long, value_name = "ID|FILE")]
    pub ladder: Vec<String>,
    /// Skills in the top-skills chart.
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub top: usize,
    /// Postings listed in the per-posting table (the charts count them all).
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub max_postings: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GapView {
    /// One row per posting: required and preferred match rates, missing and adjacent skills.
    Postings,
    /// Missing and adjacent skills ranked by demand.
    LearnNext,
    /// The profile's skills, where they were found, and how many postings want each.
    Profile,
    /// Categories by how much of the demand the profile covers, thinnest first.
    Categories,
}

#[derive(Debug, ClapArgs)]
pub struct LevelsArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Ladder id (built in: kensho-sre, systems-engineering, dropbox-mle-ic2) or a ladder CSV
    /// file; repeatable. Default: every built-in ladder.
    #[arg(long, value_name = "ID|FILE")]
    pub ladder: Vec<String>,
    /// Print the distribution of levels per ladder instead of one row per posting.
    #[arg(long)]
    pub summary: bool,
    /// With --summary: print one line of JSON with the counts, for `rungs merge` (empty input
    /// is a zero partial).
    #[arg(long, requires = "summary", conflicts_with = "format")]
    pub partial: bool,
}

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct LadderArgs {
    #[command(subcommand)]
    pub show: Option<LadderCommand>,
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// The ladder to map requirements onto: a built-in id or a ladder CSV file.
    #[arg(long, value_name = "ID|FILE", required = true)]
    pub ladder: Option<String>,
    /// The level the role is meant to be (order number or title); flags requirements more than
    /// one band away and stated years that do not fit it.
    #[arg(long, value_name = "LEVEL")]
    pub target: Option<String>,
    /// Print which of the ladder's competencies the postings cover, instead of the requirements
    /// (with the practice phrases placed on each).
    #[arg(long)]
    pub coverage: bool,
    /// Print one row per practice phrase (what a requirement asks the reader to do: "mentor
    /// junior engineers") with the competency it exercises, instead of one per requirement.
    #[arg(long, conflicts_with = "coverage")]
    pub practices: bool,
    /// With --coverage: print one line of JSON with the counts, for `rungs merge` (empty input
    /// is a zero partial).
    #[arg(long, requires = "coverage", conflicts_with = "format")]
    pub partial: bool,
}

#[derive(Debug, Subcommand)]
pub enum LadderCommand {
    /// Put a ladder's levels on the common 1-6 band scale from the text of its cells, with the
    /// learned level model, and say why. Works on a ladder CSV whose band column is empty.
    ///
    /// Examples:
    ///   rungs ladder bands my-ladder.csv
    ///   rungs ladder bands my-ladder.csv --ladder-csv -o my-ladder-banded.csv
    Bands {
        /// A built-in ladder id or a ladder CSV file.
        ladder: String,
        /// Print the ladder file with the assigned bands filled in, ready for --ladder.
        #[arg(long, conflicts_with = "format")]
        ladder_csv: bool,
        /// Learned level model (default: embedded).
        #[arg(long, value_name = "FILE")]
        level_model: Option<PathBuf>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Print a ladder: every competency × level cell.
    Show {
        /// A built-in ladder id or a ladder CSV file.
        ladder: String,
        /// Follow inheritance: show the descriptor that applies and where it came from.
        #[arg(long)]
        resolved: bool,
        #[command(flatten)]
        output: OutputArgs,
    },
}

#[derive(Debug, ClapArgs)]
pub struct ScanArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Also print practice phrases: what a requirement asks the reader to do ("mentor junior
    /// engineers"), as rows with skill_id `practice`, the verb as skill and the phrase as
    /// matched text.
    #[arg(long)]
    pub practices: bool,
}

#[derive(Debug, ClapArgs)]
pub struct FreqArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Count per skill, or roll skills up into their categories.
    #[arg(long, value_enum, default_value_t = GroupBy::Skill)]
    pub by: GroupBy,
    /// Keep only the N most frequent rows.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Only skills of these kinds (their category's kind): technology, practice, competency
    /// (soft skills), qualification, domain; comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND,...", conflicts_with = "by")]
    pub kind: Vec<SkillKindArg>,
    /// Count a skill's mentions for its ancestors too (parent, grandparent…), once per
    /// posting: a posting asking for Arduino asks for embedded systems.
    #[arg(long, conflicts_with = "by")]
    pub roll_up: bool,
    /// With `--kind practice`: count the practice phrases of requirements ("mentor junior
    /// engineers") by the competency of this ladder each is placed on, one row per competency,
    /// instead of the taxonomy's practice skills.
    #[arg(long, value_name = "ID|FILE", requires = "kind", conflicts_with = "roll_up")]
    pub ladder: Option<String>,
    /// Print one line of JSON with the counts, for `rungs merge` to add up (a map step on many
    /// machines); empty input is a zero partial, not an error.
    #[arg(long, conflicts_with_all = ["by", "top", "format", "kind", "roll_up", "ladder"])]
    pub partial: bool,
}

#[derive(Debug, ClapArgs)]
pub struct MergeArgs {
    /// Files of partials (one JSON object per line), directories of them, or `-`/nothing for
    /// stdin.
    #[arg(value_name = "PARTIALS")]
    pub inputs: Vec<PathBuf>,
    /// The taxonomy the partials were counted with (default: embedded).
    #[arg(long, value_name = "DIR|FILE")]
    pub taxonomy: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Count per skill, or roll skills up into their categories.
    #[arg(long, value_enum, default_value_t = GroupBy::Skill)]
    pub by: GroupBy,
    /// Keep only the N most frequent rows.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Ladders of `levels --summary --partial` or `ladder --coverage --partial` lines (as given
    /// to those commands; default: every built-in ladder).
    #[arg(long, value_name = "ID|FILE")]
    pub ladder: Vec<String>,
    /// Print the merged partial instead of the table, to merge again (a tree of merges).
    #[arg(long, conflicts_with_all = ["by", "top", "format"])]
    pub partial: bool,
    /// Do not print the summary line on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum TaxonomyCommand {
    /// Validate a taxonomy (the embedded one by default); every problem names file and line.
    Check {
        /// A taxonomy directory, a skills CSV, or a text file with one skill per line.
        path: Option<PathBuf>,
    },
    /// Print the skills of a taxonomy.
    List(ListArgs),
    /// List technology-looking terms postings ask for that the taxonomy does not know
    /// (CamelCase, dotted, with digits, or listed beside known skills), with counts and an
    /// example requirement each: what a taxonomy maintainer may want to add.
    ///
    /// Example: rungs taxonomy suggest --min-postings 5 --top 50 postings.jsonl
    Suggest(Box<SuggestArgs>),
}

#[derive(Debug, ClapArgs)]
pub struct SuggestArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Only terms asked for in at least N postings.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_postings: u64,
    /// Keep only the first N terms.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
}

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    /// Taxonomy to list instead of the embedded default.
    #[arg(long, value_name = "DIR|FILE")]
    pub taxonomy: Option<PathBuf>,
    /// Only skills of this category id.
    #[arg(long, value_name = "ID")]
    pub category: Option<String>,
}

/// Flags shared by every command that reads postings.
#[derive(Debug, ClapArgs)]
pub struct RunArgs {
    /// Posting files or directories; `-` or nothing reads stdin.
    #[arg(value_name = "POSTINGS")]
    pub inputs: Vec<PathBuf>,
    /// Taxonomy directory, skills CSV, or one-skill-per-line text file (default: embedded).
    #[arg(long, value_name = "DIR|FILE")]
    pub taxonomy: Option<PathBuf>,
    /// Level signal table (title words, years, scope phrases), like taxonomy/level-signals.csv
    /// (default: the taxonomy directory's level-signals.csv, else embedded).
    #[arg(long, value_name = "FILE")]
    pub signals: Option<PathBuf>,
    /// Learned level model, like taxonomy/level-model.csv (default: the taxonomy directory's
    /// level-model.csv, else embedded).
    #[arg(long, value_name = "FILE")]
    pub level_model: Option<PathBuf>,
    /// Input format; by default chosen by extension (.csv/.tsv, .jsonl/.json, else text).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormatArg>,
    /// CSV column / JSONL field holding the posting id.
    #[arg(long, value_name = "NAME")]
    pub id_column: Option<String>,
    /// CSV column / JSONL field holding the posting text [default: text; a CSV without a
    /// `text` column is read from `description`, as JobSpy writes it, with a note].
    #[arg(long, value_name = "NAME")]
    pub text_column: Option<String>,
    /// CSV column / JSONL field holding the job title [default: title or job_title, when
    /// present].
    #[arg(long, value_name = "NAME")]
    pub title_column: Option<String>,
    /// CSV column / JSONL field holding the employer [default: company, company_name or
    /// employer, when present].
    #[arg(long, value_name = "NAME")]
    pub company_column: Option<String>,
    /// CSV column / JSONL field holding the job's location [default: location or
    /// job_location, when present].
    #[arg(long, value_name = "NAME")]
    pub location_column: Option<String>,
    /// CSV column / JSONL field holding the link to the original posting [default: job_url,
    /// url, job_link or link, when present].
    #[arg(long, value_name = "NAME")]
    pub url_column: Option<String>,
    /// CSV field separator: one character, or `tab` [default: `,`; tab for .tsv; `;` or tab
    /// when the header line uses only that].
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// The most bytes one posting may take: a CSV row, a JSONL line, or a plain-text file (all
    /// its postings together). Larger ones are bad records.
    #[arg(long, value_name = "BYTES", default_value_t = rungs::input::DEFAULT_MAX_POSTING_BYTES)]
    pub max_posting_bytes: usize,
    /// Worker threads (default: all cores). Output is identical for any value.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Skip malformed records (reporting each on stderr) instead of stopping at the first.
    #[arg(long)]
    pub skip_bad_records: bool,
    /// Which mentions to keep, by where they stand: requirement, employer ("we run Kafka"),
    /// benefit, legal, title ("Java Developer"), application ("please send your CV"), or all
    /// [default: all for `scan`, requirement for every count and comparison].
    #[arg(long, value_enum, value_delimiter = ',', value_name = "CONTEXT,...")]
    pub context: Vec<ContextArg>,
    /// Do not print the summary line (or skipped records) on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Where and how to write a report.
#[derive(Debug, ClapArgs)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Write to FILE instead of stdout (`-` is stdout).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Csv,
    Json,
    Jsonl,
    #[value(alias = "markdown")]
    Md,
}

/// A `--kind` value: the kind of a skill's category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SkillKindArg {
    Technology,
    Practice,
    Competency,
    Qualification,
    Domain,
}

impl SkillKindArg {
    /// The category kind as the taxonomy's `categories.csv` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            SkillKindArg::Technology => "technology",
            SkillKindArg::Practice => "practice",
            SkillKindArg::Competency => "competency",
            SkillKindArg::Qualification => "qualification",
            SkillKindArg::Domain => "domain",
        }
    }
}

/// A `--context` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ContextArg {
    Requirement,
    Employer,
    Benefit,
    Legal,
    Title,
    Application,
    All,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    #[value(alias = "txt", alias = "md", alias = "markdown")]
    Text,
    #[value(alias = "tsv")]
    Csv,
    #[value(alias = "json", alias = "ndjson")]
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    Skill,
    Category,
}

/// A CSV separator: one ASCII character other than a quote or a line break, or `tab`/`\t`.
fn parse_delimiter(value: &str) -> Result<u8, String> {
    match value {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ => match value.as_bytes() {
            [b] if b.is_ascii() && !matches!(b, b'"' | b'\n' | b'\r') => Ok(*b),
            _ => Err(format!("'{value}' is not one ASCII character (quote and line breaks excepted) or `tab`")),
        },
    }
}
