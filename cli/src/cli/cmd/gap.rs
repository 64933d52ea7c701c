//! `rungs gap --profile FILE POSTINGS…`: the job seeker's view of what postings want that the
//! profile lacks.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use rungs::gap::{Fit, FitCounts, GapTally, PostingGap, Profile, ProfileLevel, SkillGraph};
use rungs::input::read_document;
use rungs::ladder::Ladder;
use rungs::levels::LevelModel;
use rungs::report::{
    CategoryGapRecord, Format, GapPostingRecord, LearnNextRecord, ProfileSkillRecord, Record, RecordWriter, Style,
};
use rungs::{Analysis, Taxonomy};
use serde::Serialize;

use rungs::context::ContextSet;
use rungs::ContextReading;

use super::{analyse_all_with, build_analyzer, print_summary};
use crate::cli::args::GapView;
use crate::cli::config::RunConfig;
use crate::cli::Exit;

pub fn run(mut config: RunConfig, profile_path: &Path, view: GapView, top: Option<usize>) -> anyhow::Result<Exit> {
    let analyzer = build_analyzer(&mut config, ContextSet::REQUIREMENTS, ContextReading::OfMentions)?;
    let taxonomy = analyzer.taxonomy();
    let graph = SkillGraph::new(taxonomy);
    let model = LevelModel::new(Ladder::embedded(), config.level_data()?, taxonomy);
    let profile_posting = read_document(profile_path).context("cannot read the profile")?;
    let profile_analysis = analyzer.analyse_profile(profile_posting);
    let profile = Profile::new(&profile_analysis);
    let ProfileLevel { band: profile_band, years: profile_years } = ProfileLevel::new(&model, &profile_analysis);

    let mut tally = GapTally::new(taxonomy);
    let mut rows = Vec::new();
    // CSV and JSONL of the per-posting view stream, so a script can run `gap` over any corpus;
    // the other formats and views need every row (or the totals) before they print.
    let streaming = view == GapView::Postings && matches!(config.output.format, Format::Csv | Format::Jsonl);
    let mut stream = streaming
        .then(|| -> anyhow::Result<_> {
            let out = config.output.open()?;
            Ok(RecordWriter::new(
                GapPostingRecord::columns(),
                config.output.format,
                out,
                config.output.style.clone(),
                None,
            ))
        })
        .transpose()?;
    let work =
        |analysis: &Analysis| (PostingGap::new(analysis, &profile, &graph), model.estimate_levels(analysis).estimate);
    let totals = analyse_all_with(&config, &analyzer, &work, &mut |analysis, (gap, band)| {
        tally.add(&gap);
        let row = posting_record(taxonomy, analysis, &gap, band, profile_band, profile_years);
        match stream.as_mut() {
            Some(writer) => writer.write(&row),
            None => {
                rows.push(row);
                Ok(())
            }
        }
    })?;
    if let Some(writer) = stream {
        writer.finish()?.commit()?;
        print_summary(config.quiet, &totals);
        return Ok(Exit::Success);
    }

    let share = |x: f64| (x * 10_000.0).round() / 10_000.0;
    let skill = |s: u32| &taxonomy.skills()[s as usize];
    let learn_next: Vec<LearnNextRecord> = tally
        .learn_next_rows(&profile, &graph, top)
        .into_iter()
        .enumerate()
        .map(|(rank, row)| LearnNextRecord {
            rank: rank as u64 + 1,
            skill_id: skill(row.skill).id.clone(),
            skill: skill(row.skill).name.clone(),
            category: skill(row.skill).category.clone(),
            requiring: row.requiring,
            require_share: share(row.require_share),
            preferring: row.preferring,
            prefer_share: share(row.prefer_share),
            fit: if matches!(row.fit, Fit::Adjacent(_)) { "adjacent" } else { "missing" },
            via: match row.fit {
                Fit::Adjacent(via) => skill(via).id.clone(),
                _ => String::new(),
            },
        })
        .collect();
    let profile_rows: Vec<ProfileSkillRecord> = profile
        .skills
        .iter()
        .map(|(&s, ranges)| {
            let (requiring, preferring) = tally.demand(s);
            ProfileSkillRecord {
                skill_id: skill(s).id.clone(),
                skill: skill(s).name.clone(),
                category: skill(s).category.clone(),
                mentions: ranges.len() as u64,
                matched: profile_analysis.posting.text[ranges[0].clone()].to_string(),
                start: ranges[0].start,
                end: ranges[0].end,
                wanted_by: requiring + preferring,
            }
        })
        .collect();
    let categories = category_rows(taxonomy, &tally, &profile, &graph);

    let mut out = config.output.open()?;
    let style = config.output.style.clone();
    match config.output.format {
        Format::Json => {
            #[derive(Serialize)]
            struct GapReport<'a> {
                postings: u64,
                profile: &'a str,
                profile_band: Option<f64>,
                profile_years: Option<u32>,
                per_posting: &'a [GapPostingRecord],
                learn_next: &'a [LearnNextRecord],
                profile_skills: &'a [ProfileSkillRecord],
                unused: Vec<&'a str>,
                categories: &'a [CategoryGapRecord],
            }
            let unused = profile_rows.iter().filter(|r| r.wanted_by == 0).map(|r| r.skill_id.as_str()).collect();
            let report = GapReport {
                postings: tally.postings(),
                profile: &profile_analysis.posting.id,
                profile_band: profile_band.map(|b| (b * 10.0).round() / 10.0),
                profile_years,
                per_posting: &rows,
                learn_next: &learn_next,
                profile_skills: &profile_rows,
                unused,
                categories: &categories,
            };
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        Format::Csv | Format::Jsonl => match view {
            GapView::Postings => write_rows(&mut out, config.output.format, &style, &rows)?,
            GapView::LearnNext => write_rows(&mut out, config.output.format, &style, &learn_next)?,
            GapView::Profile => write_rows(&mut out, config.output.format, &style, &profile_rows)?,
            GapView::Categories => write_rows(&mut out, config.output.format, &style, &categories)?,
        },
        Format::Table | Format::Markdown => {
            let markdown = config.output.format == Format::Markdown;
            let section = |title: &str, out: &mut dyn Write| -> std::io::Result<()> {
                if markdown {
                    writeln!(out, "## {title}\n")
                } else {
                    writeln!(out, "{title}\n")
                }
            };
            let level = match (profile_band, profile_years) {
                (Some(band), Some(years)) => format!("profile band {band:.1}, {years} years stated"),
                (Some(band), None) => format!("profile band {band:.1}"),
                _ => "the profile states no level evidence".to_string(),
            };
            section(&format!("Per posting ({level})"), &mut out)?;
            write_rows(&mut out, config.output.format, &style, &rows)?;
            section("\nLearn next: missing or adjacent skills by demand", &mut out)?;
            write_rows(&mut out, config.output.format, &style, &learn_next)?;
            section("\nThe profile's skills (wanted_by 0: nobody asks for it)", &mut out)?;
            write_rows(&mut out, config.output.format, &style, &profile_rows)?;
            section("\nCategories, thinnest coverage first", &mut out)?;
            write_rows(&mut out, config.output.format, &style, &categories)?;
        }
    }
    out.commit()?;
    print_summary(config.quiet, &totals);
    Ok(Exit::Success)
}

fn write_rows<R: Record>(out: &mut dyn Write, format: Format, style: &Style, rows: &[R]) -> std::io::Result<()> {
    let mut writer = RecordWriter::new(R::columns(), format, out, style.clone(), None);
    for row in rows {
        writer.write(row)?;
    }
    writer.finish()?;
    Ok(())
}

fn posting_record(
    taxonomy: &Taxonomy,
    analysis: &Analysis,
    gap: &PostingGap,
    band: f64,
    profile_band: Option<f64>,
    profile_years: Option<u32>,
) -> GapPostingRecord {
    let id = |s: u32| taxonomy.skills()[s as usize].id.as_str();
    let has = |f: &Fit| *f == Fit::Has;
    let missing = |f: &Fit| *f == Fit::Missing;
    let all = || gap.required.iter().chain(&gap.preferred);
    let round = |x: Option<f64>| x.map(|v| (v * 100.0).round() / 100.0);
    let (required, preferred) = (FitCounts::of(&gap.required), FitCounts::of(&gap.preferred));
    GapPostingRecord {
        posting: analysis.posting.id.clone(),
        title: analysis.posting.title.clone(),
        company: analysis.posting.company.clone(),
        posting_band: (band * 10.0).round() / 10.0,
        profile_band: profile_band.map(|b| (b * 10.0).round() / 10.0),
        profile_years,
        required: required.wanted,
        required_has: required.has,
        required_adjacent: required.adjacent,
        required_missing: required.missing,
        required_rate: round(required.rate),
        preferred: preferred.wanted,
        preferred_has: preferred.has,
        preferred_adjacent: preferred.adjacent,
        preferred_missing: preferred.missing,
        preferred_rate: round(preferred.rate),
        matched: all().filter(|(_, f)| has(f)).map(|&(s, _)| id(s)).collect::<Vec<_>>().join("|"),
        missing: all().filter(|(_, f)| missing(f)).map(|&(s, _)| id(s)).collect::<Vec<_>>().join("|"),
        adjacent: all()
            .filter_map(|&(s, f)| match f {
                Fit::Adjacent(via) => Some(format!("{}<{}", id(s), id(via))),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("|"),
    }
}

/// The category coverage as report rows.
fn category_rows(
    taxonomy: &Taxonomy,
    tally: &GapTally,
    profile: &Profile,
    graph: &SkillGraph,
) -> Vec<CategoryGapRecord> {
    tally
        .category_coverage(taxonomy, profile, graph)
        .into_iter()
        .map(|row| {
            let category = &taxonomy.categories()[row.category];
            CategoryGapRecord {
                category_id: category.id.clone(),
                category: category.name.clone(),
                wanted: row.wanted,
                has: row.has,
                adjacent: row.adjacent,
                missing: row.missing(),
                coverage: (row.coverage() * 100.0).round() / 100.0,
            }
        })
        .collect()
}
