//! Parsing taxonomy files into [`Taxonomy`] values, collecting every structural problem.
//!
//! Parsing never stops at the first problem: a hiring manager editing a spreadsheet wants the
//! whole list, each with its file and line.

use std::fs;
use std::path::Path;

use super::{alias_key, split_list, Category, Problem, Severity, Skill, Taxonomy, DEFAULT_CATEGORIES_CSV};
use crate::posting::SourceRef;
use rustc_hash::{FxHashMap, FxHashSet};

/// The category flat lists are put in.
pub(crate) const FLAT_CATEGORY: &str = "uncategorised";

pub(crate) fn load_path(path: &Path) -> (Option<Taxonomy>, Vec<Problem>) {
    let display = path.display().to_string();
    let read = |p: &Path| {
        fs::read(p).map_err(|e| problem(SourceRef::file(p.display().to_string()), format!("cannot read: {e}")))
    };
    let decode = |p: &Path, bytes: Vec<u8>| {
        String::from_utf8(bytes).map_err(|e| {
            let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64;
            problem(SourceRef::file(p.display().to_string()).at_line(line), "invalid UTF-8".to_string())
        })
    };
    let read_text = |p: &Path| read(p).and_then(|bytes| decode(p, bytes));

    let (skills_path, categories_path) = if path.is_dir() {
        (path.join("skills.csv"), Some(path.join("categories.csv")))
    } else {
        let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if !is_csv {
            return match read_text(path) {
                Ok(text) => {
                    let (taxonomy, problems) = parse_flat(&text, &display);
                    (Some(taxonomy), problems)
                }
                Err(p) => (None, vec![p]),
            };
        }
        (path.to_path_buf(), path.parent().map(|dir| dir.join("categories.csv")))
    };
    let skills = match read_text(&skills_path) {
        Ok(text) => text,
        Err(p) => return (None, vec![p]),
    };
    let (categories, categories_name) = match categories_path.filter(|p| p.is_file()) {
        Some(p) => match read_text(&p) {
            Ok(text) => (text, p.display().to_string()),
            Err(problem) => return (None, vec![problem]),
        },
        None => (DEFAULT_CATEGORIES_CSV.to_string(), "taxonomy/categories.csv (embedded)".to_string()),
    };
    let (taxonomy, problems) = parse_tables(&skills, &skills_path.display().to_string(), &categories, &categories_name);
    let taxonomy = Taxonomy { origin: display, ..taxonomy };
    (Some(taxonomy), problems)
}

fn problem(at: SourceRef, message: String) -> Problem {
    Problem { at, message, severity: Severity::Error }
}

/// A CSV table's rows, each with its line number, read by lower-cased header name.
#[derive(Default)]
struct Table {
    headers: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

impl Table {
    /// `row`'s field under `key`, trimmed: empty where the header or the row lacks it. Of
    /// repeated header names, the last counts.
    fn field<'r>(&self, row: &'r csv::StringRecord, key: &str) -> &'r str {
        self.headers.iter().rposition(|h| h == key).and_then(|i| row.get(i)).map_or("", str::trim)
    }
}

/// Reads a CSV table, with each row's line number.
fn read_rows(text: &str, name: &str, required: &[&str], problems: &mut Vec<Problem>) -> Table {
    let file = SourceRef::file(name);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            problems.push(problem(file.at_line(1), format!("cannot read the header: {e}")));
            return Table::default();
        }
    };
    let missing: Vec<&str> = required.iter().copied().filter(|r| !headers.iter().any(|h| h == r)).collect();
    if !missing.is_empty() {
        problems.push(problem(
            file.at_line(1),
            format!("missing column(s) {} (the header has: {})", missing.join(", "), headers.join(", ")),
        ));
        return Table::default();
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                rows.push((line, record));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(problem(file.at_line(line), format!("malformed CSV: {e}")));
            }
        }
    }
    Table { headers, rows }
}

pub(crate) fn parse_tables(
    skills_text: &str,
    skills_name: &str,
    categories_text: &str,
    categories_name: &str,
) -> (Taxonomy, Vec<Problem>) {
    let mut problems = Vec::new();
    let categories = parse_categories(categories_text, categories_name, &mut problems);
    let skills_file = SourceRef::file(skills_name);
    let mut skills = Vec::new();
    let category_ids: FxHashSet<&str> = categories.iter().map(|c| c.id.as_str()).collect();
    let table = read_rows(skills_text, skills_name, &["id", "name", "category"], &mut problems);
    for (line, row) in &table.rows {
        let get = |key: &str| table.field(row, key).to_string();
        let at = skills_file.at_line(*line);
        let (id, name, category) = (get("id"), get("name"), get("category"));
        if id.is_empty() {
            problems.push(problem(at.clone(), "empty id".to_string()));
        } else if id.chars().any(char::is_whitespace) {
            problems.push(problem(at.clone(), format!("id '{id}' contains whitespace")));
        }
        if name.is_empty() {
            problems.push(problem(at.clone(), format!("skill '{id}' has an empty name")));
        }
        if category.is_empty() {
            problems.push(problem(at.clone(), format!("skill '{id}' has no category")));
        } else if !category_ids.contains(category.as_str()) {
            problems.push(problem(
                at.clone(),
                format!("skill '{id}' has unknown category '{category}' (not in {categories_name})"),
            ));
        }
        let parent = Some(get("parent")).filter(|p| !p.is_empty());
        let url = Some(get("url")).filter(|p| !p.is_empty());
        skills.push(Skill {
            id,
            name,
            category,
            aliases: split_list(&get("aliases")),
            cased_aliases: split_list(&get("cased_aliases")),
            ambiguous_aliases: split_list(&get("ambiguous_aliases")),
            context: split_list(&get("context")).into_iter().map(|c| c.to_lowercase()).collect(),
            parent,
            related: split_list(&get("related")),
            competencies: split_list(&get("competencies")),
            url,
            source: at,
        });
    }
    validate_references(&skills, &mut problems);
    let taxonomy = Taxonomy::from_parts(skills, categories, skills_name.to_string());
    (taxonomy, problems)
}

fn parse_categories(text: &str, name: &str, problems: &mut Vec<Problem>) -> Vec<Category> {
    let file = SourceRef::file(name);
    let mut categories: Vec<Category> = Vec::new();
    let mut seen: FxHashMap<String, u64> = FxHashMap::default();
    let table = read_rows(text, name, &["id", "name"], problems);
    for (line, row) in &table.rows {
        let line = *line;
        let get = |key: &str| table.field(row, key).to_string();
        let at = file.at_line(line);
        let id = get("id");
        if id.is_empty() || get("name").is_empty() {
            problems.push(problem(at, "a category needs an id and a name".to_string()));
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), line) {
            problems.push(problem(at, format!("duplicate category id '{id}' (first defined on line {first})")));
            continue;
        }
        let kind = Some(get("kind")).filter(|k| !k.is_empty()).unwrap_or_else(|| "technology".to_string());
        categories.push(Category { id, name: get("name"), kind, description: get("description") });
    }
    categories
}

/// Duplicate ids, aliases claimed twice, and links to skills that do not exist.
fn validate_references(skills: &[Skill], problems: &mut Vec<Problem>) {
    let mut ids: FxHashMap<&str, &Skill> = FxHashMap::default();
    for skill in skills {
        if skill.id.is_empty() {
            continue;
        }
        if let Some(first) = ids.get(skill.id.as_str()) {
            problems.push(problem(
                skill.source.clone(),
                format!("duplicate skill id '{}' (first defined at {})", skill.id, first.source),
            ));
        } else {
            ids.insert(&skill.id, skill);
        }
    }
    report_parent_cycles(skills, &ids, problems);
    // The first skill to claim an alias keeps it: "claimed by" names the earliest.
    let mut claimed: FxHashMap<String, &Skill> = FxHashMap::default();
    for skill in skills {
        for alias in all_aliases(skill) {
            if !alias.chars().any(char::is_alphanumeric) {
                problems.push(problem(
                    skill.source.clone(),
                    format!("alias '{alias}' of '{}' has no letter or digit", skill.id),
                ));
                continue;
            }
            let key = alias_key(alias);
            match claimed.get(&key) {
                Some(owner) if owner.id != skill.id => problems.push(problem(
                    skill.source.clone(),
                    format!(
                        "alias '{alias}' of '{}' is already claimed by '{}' ({})",
                        skill.id, owner.id, owner.source
                    ),
                )),
                Some(_) => {}
                None => {
                    claimed.insert(key, skill);
                }
            }
        }
        if let Some(parent) = &skill.parent {
            if !ids.contains_key(parent.as_str()) {
                problems
                    .push(problem(skill.source.clone(), format!("skill '{}' has unknown parent '{parent}'", skill.id)));
            } else if parent == &skill.id {
                problems.push(problem(skill.source.clone(), format!("skill '{}' is its own parent", skill.id)));
            }
        }
        for related in &skill.related {
            if !ids.contains_key(related.as_str()) {
                problems.push(problem(
                    skill.source.clone(),
                    format!("skill '{}' lists unknown related skill '{related}'", skill.id),
                ));
            }
        }
    }
}

/// Parent chains that loop (`a` → `b` → `a`): each loop once, at the skill of it that comes
/// first in the file. A skill that is its own parent is reported on its own.
fn report_parent_cycles(skills: &[Skill], ids: &FxHashMap<&str, &Skill>, problems: &mut Vec<Problem>) {
    // 0: not visited, 1: on the chain being walked, 2: done.
    let mut state: FxHashMap<&str, u8> = FxHashMap::default();
    for skill in skills {
        let mut chain: Vec<&Skill> = Vec::new();
        let mut at = Some(skill);
        while let Some(current) = at {
            match state.get(current.id.as_str()).copied().unwrap_or(0) {
                2 => break,
                1 => {
                    let start = chain.iter().position(|s| s.id == current.id).unwrap_or(0);
                    let cycle = &chain[start..];
                    if cycle.len() > 1 {
                        let first = cycle.iter().min_by_key(|s| s.source.line).expect("a cycle has skills");
                        let names: Vec<&str> =
                            cycle.iter().map(|s| s.id.as_str()).chain([cycle[0].id.as_str()]).collect();
                        problems.push(problem(
                            first.source.clone(),
                            format!("parent links form a loop: {}", names.join(" → ")),
                        ));
                    }
                    break;
                }
                _ => {}
            }
            state.insert(&current.id, 1);
            chain.push(current);
            at = current.parent.as_deref().filter(|p| *p != current.id).and_then(|p| ids.get(p).copied());
        }
        for walked in chain {
            state.insert(&walked.id, 2);
        }
    }
}

/// Every surface form a skill can match, name included.
pub(crate) fn all_aliases(skill: &Skill) -> impl Iterator<Item = &str> {
    std::iter::once(skill.name.as_str())
        .chain(skill.aliases.iter().map(String::as_str))
        .chain(skill.cased_aliases.iter().map(String::as_str))
        .chain(skill.ambiguous_aliases.iter().map(String::as_str))
        .filter(|a| !a.is_empty())
}

/// One skill per line; the problems are lines repeating an earlier name.
pub(crate) fn parse_flat(text: &str, origin: &str) -> (Taxonomy, Vec<Problem>) {
    let file = SourceRef::file(origin);
    let mut problems = Vec::new();
    let mut seen: FxHashMap<String, u64> = FxHashMap::default();
    let mut ids: FxHashMap<String, usize> = FxHashMap::default();
    let mut skills = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n as u64 + 1;
        let name = line.trim();
        if name.is_empty() || name.starts_with('#') {
            continue;
        }
        if !name.chars().any(char::is_alphanumeric) {
            problems.push(problem(file.at_line(line_no), format!("'{name}' has no letter or digit")));
            continue;
        }
        let key = alias_key(name);
        if let Some(first) = seen.get(&key) {
            problems.push(Problem {
                at: file.at_line(line_no),
                message: format!("'{name}' repeats line {first} (ignored)"),
                severity: Severity::Warning,
            });
            continue;
        }
        seen.insert(key, line_no);
        let slug = slugify(name);
        let count = ids.entry(slug.clone()).or_insert(0);
        *count += 1;
        let id = if *count == 1 { slug } else { format!("{slug}-{count}") };
        skills.push(Skill {
            id,
            name: name.to_string(),
            category: FLAT_CATEGORY.to_string(),
            aliases: Vec::new(),
            cased_aliases: Vec::new(),
            ambiguous_aliases: Vec::new(),
            context: Vec::new(),
            parent: None,
            related: Vec::new(),
            competencies: Vec::new(),
            url: None,
            source: file.at_line(line_no),
        });
    }
    let category = Category {
        id: FLAT_CATEGORY.to_string(),
        name: "Uncategorised".to_string(),
        kind: "unknown".to_string(),
        description: "Skills from a flat list".to_string(),
    };
    (Taxonomy::from_parts(skills, vec![category], origin.to_string()), problems)
}

/// A lower-case id from a name: `C++` → `c++`, `Power BI` → `power-bi`.
pub(crate) fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for ch in name.chars() {
        if ch.is_alphanumeric() || matches!(ch, '+' | '#' | '.') {
            slug.extend(ch.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATEGORIES: &str = "id,name,kind\nlang,Languages,technology\n";

    fn problems(skills: &str) -> Vec<String> {
        parse_tables(skills, "skills.csv", CATEGORIES, "categories.csv").1.into_iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn structural_problems_name_file_and_line() {
        let skills = "id,name,category,aliases,parent\n\
                      go,Go,lang,golang,\n\
                      go,Golang,lang,,\n\
                      py,Python,snakes,,\n\
                      rs,,lang,golang,nope\n";
        let found = problems(skills);
        assert_eq!(
            found,
            [
                "skills.csv:4: skill 'py' has unknown category 'snakes' (not in categories.csv)",
                "skills.csv:5: skill 'rs' has an empty name",
                "skills.csv:3: duplicate skill id 'go' (first defined at skills.csv:2)",
                "skills.csv:5: alias 'golang' of 'rs' is already claimed by 'go' (skills.csv:2)",
                "skills.csv:5: skill 'rs' has unknown parent 'nope'",
            ]
        );
    }

    #[test]
    fn missing_columns_are_reported_on_line_one() {
        assert_eq!(
            problems("id,title\nx,y\n"),
            ["skills.csv:1: missing column(s) name, category (the header has: id, title)"]
        );
    }

    #[test]
    fn flat_lists_dedupe_and_slug() {
        let (taxonomy, problems) = parse_flat("Python\n\n# comment\nPower BI\npython\nC++\n", "list.txt");
        let ids: Vec<&str> = taxonomy.skills().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["python", "power-bi", "c++"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].to_string(), "list.txt:5: warning: 'python' repeats line 1 (ignored)");
    }
}
