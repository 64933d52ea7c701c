//! The examples `--help` prints after each subcommand's flags (ripgrep's long help reads this
//! way): two or three command lines a new user can paste, each with what it answers. Every
//! one runs as written from a clone of the repository; `cli/tests/cli.rs` runs them.

/// `rungs` itself.
pub const TOP: &str = "\
Examples:
  The skills the sample postings ask for, most wanted first:
    rungs freq data/postings.jsonl

  What level each posting really asks for, and why:
    rungs levels data/postings.jsonl

  `rungs COMMAND --help` shows each command's flags and examples.";

/// `rungs scan`.
pub const SCAN: &str = "\
Examples:
  Every mention in the sample postings, as CSV for a spreadsheet or pandas:
    rungs scan -f csv data/postings.jsonl > mentions.csv

  A JobSpy export (CSV with `description`, `company`, `job_url`), only requirement mentions:
    rungs scan --context requirement jobs.csv

  A posting pasted on stdin:
    pbpaste | rungs scan";

/// `rungs freq`.
pub const FREQ: &str = "\
Examples:
  The 20 skills most postings ask for:
    rungs freq --top 20 data/sre-postings.txt

  Technologies only, with a skill counting for its parent too (Kubernetes for containers):
    rungs freq --kind technology --roll-up data/postings.jsonl

  What requirements ask the reader to do, by competency of the SRE ladder:
    rungs freq --kind practice --ladder kensho-sre data/sre-postings.txt

  Counts per category, as JSON for a script:
    rungs freq --by category -f json data/postings.jsonl";

/// `rungs merge`.
pub const MERGE: &str = "\
Examples:
  Count two halves separately, then add them up as one run over both would have:
    rungs freq --partial part1.jsonl > a.partial
    rungs freq --partial part2.jsonl > b.partial
    cat a.partial b.partial | rungs merge";

/// `rungs gap`.
pub const GAP: &str = "\
Examples:
  What a résumé lacks for a set of postings, posting by posting:
    rungs gap --profile data/profiles/profile-python-engineer.md data/postings.jsonl

  The ten skills to learn next, ranked by how many postings want them:
    rungs gap --profile data/profiles/profile-python-engineer.md --view learn-next --top 10 -f csv data/postings.jsonl";

/// `rungs report`.
pub const REPORT: &str = "\
Examples:
  One page for a corpus, to open in a browser:
    rungs report -o report.html data/postings.jsonl

  With a profile, adding what it has, nearly has and lacks for each posting:
    rungs report -o report.html --profile data/profiles/profile-python-engineer.md data/postings.jsonl";

/// `rungs levels`.
pub const LEVELS: &str = "\
Examples:
  The level of each posting on the SRE ladder, with the evidence:
    rungs levels --ladder kensho-sre data/postings.jsonl

  How the levels of a corpus are distributed:
    rungs levels --summary data/sre-postings.txt

  Your own ladder (a CSV like `rungs ladder show kensho-sre -f csv` prints):
    rungs levels --ladder my-ladder.csv postings.jsonl";

/// `rungs ladder`.
pub const LADDER: &str = "\
Examples:
  Each requirement placed on a ladder, flagged where it departs from the level meant:
    rungs ladder --ladder kensho-sre --target 2 data/sre-postings.txt

  Which competencies of the ladder the postings never mention:
    rungs ladder --ladder kensho-sre --coverage data/sre-postings.txt

  What the postings ask people to do (\"mentor junior engineers\"), each on its competency:
    rungs ladder --ladder kensho-sre --practices data/sre-postings.txt

  Put your own ladder's levels on the common band scale:
    rungs ladder bands my-ladder.csv";

/// `rungs taxonomy`.
pub const TAXONOMY: &str = "\
Examples:
  The skills of the embedded taxonomy in one category:
    rungs taxonomy list --category cloud

  Check an edited copy of the taxonomy before using it:
    rungs taxonomy check taxonomy/ && rungs freq --taxonomy taxonomy/ data/postings.jsonl

  Terms postings ask for that the taxonomy does not know:
    rungs taxonomy suggest --min-postings 2 data/postings.jsonl";
