//! `rungs report -o FILE [--profile FILE] POSTINGS…`: one self-contained HTML page.

use std::io::Write;

use anyhow::Context;
use rungs::aggregate::FrequencyTable;
use rungs::gap::{GapTally, PostingGap, Profile, SkillGraph};
use rungs::input::read_document;
use rungs::levels::summary::LevelDistribution;
use rungs::levels::{LevelModel, PostingLevel};
use rungs::overview::{gap_view, level_charts, posting_row, years_rows, SkillExamples};
use rungs::report::html::{render, HtmlReport};
use rungs::Analysis;

use rungs::context::ContextSet;
use rungs::ContextReading;

use super::{analyse_all_with, build_analyzer, print_summary};
use crate::cli::args::ReportArgs;
use crate::cli::config::{load_ladders, RunConfig};
use crate::cli::output::{is_stdout, message, Output};
use crate::cli::Exit;

pub fn run(mut config: RunConfig, args: &ReportArgs) -> anyhow::Result<Exit> {
    let analyzer = build_analyzer(&mut config, ContextSet::REQUIREMENTS, ContextReading::Every)?;
    let taxonomy = analyzer.taxonomy();
    let model = LevelModel::new(load_ladders(&args.ladder)?, config.level_data()?, taxonomy);
    let graph = SkillGraph::new(taxonomy);
    let profile = match &args.profile {
        Some(path) => {
            let analysis = analyzer.analyse_profile(read_document(path).context("cannot read the profile")?);
            let level = model.estimate_levels(&analysis);
            let band = (level.confidence > 0.0).then_some(level.estimate);
            Some((Profile::new(&analysis), band, analysis.posting.id.clone()))
        }
        None => None,
    };

    let mut table = FrequencyTable::new(taxonomy);
    let mut distribution = LevelDistribution::new(&model);
    let mut tally = GapTally::new(taxonomy);
    let mut examples = SkillExamples::new(taxonomy);
    let mut rows = Vec::new();
    let work = |analysis: &Analysis| {
        // The page shows each posting's level, not its requirements': their detail is dropped
        // on the analysis thread that made it (see `levels`).
        let level = PostingLevel { requirements: Vec::new(), ..model.estimate_levels(analysis) };
        let gap = profile.as_ref().map(|(p, _, _)| PostingGap::new(analysis, p, &graph));
        (level, gap)
    };
    let totals = analyse_all_with(&config, &analyzer, &work, &mut |analysis,
                                                                   (level, gap): (
        PostingLevel,
        Option<PostingGap>,
    )| {
        table.add(analysis);
        distribution.add(&level);
        if let Some(gap) = &gap {
            tally.add(gap);
            examples.add(analysis);
        }
        if rows.len() < args.max_postings {
            rows.push(posting_row(&model, taxonomy, analysis, &level, gap.as_ref()));
        }
        Ok(())
    })?;

    let gap = profile
        .as_ref()
        .map(|(profile, band, name)| gap_view(taxonomy, &graph, profile, name, *band, &tally, &examples));
    let skills = table.skill_rows(taxonomy, Some(args.top));
    let report = HtmlReport {
        postings: table.postings(),
        requirements: table.requirements(),
        matches: table.matches(),
        skipped: totals.batch.skipped,
        years: years_rows(taxonomy, &table, &skills),
        skills,
        categories: table.category_rows(taxonomy, Some(20)),
        levels: level_charts(&model, &distribution),
        rows,
        gap,
    };
    let mut out = Output::to(&args.html)?;
    out.write_all(render(&report).as_bytes()).with_context(|| format!("cannot write {}", args.html.display()))?;
    out.commit()?;
    print_summary(config.quiet, &totals);
    if !config.quiet && !is_stdout(&args.html) {
        message(format_args!("rungs: wrote {}", args.html.display()));
    }
    Ok(Exit::Success)
}
