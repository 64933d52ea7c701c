//! Parsing and validating a ladder CSV, collecting every problem with its line.

use std::collections::HashMap;

use super::{competency_id, Cell, CellStatus, Competency, Ladder, Level};
use crate::posting::SourceRef;
use crate::taxonomy::{Problem, Severity, TaxonomyError};

const COLUMNS: [&str; 9] =
    ["ladder_id", "ladder_name", "level", "level_title", "band", "area", "competency", "descriptor", "status"];

/// Parses one ladder file (`name` is used in messages).
pub fn parse_ladder(text: &str, name: &str) -> Result<Ladder, TaxonomyError> {
    let file = SourceRef::file(name);
    let mut problems = Vec::new();
    let mut problem = |line: u64, message: String| {
        problems.push(Problem { at: file.at_line(line), message, severity: Severity::Error })
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            problem(1, format!("cannot read the header: {e}"));
            return Err(TaxonomyError { problems });
        }
    };
    let index: HashMap<&str, usize> =
        COLUMNS.iter().filter_map(|&c| headers.iter().position(|h| h == c).map(|i| (c, i))).collect();
    let missing: Vec<&str> = COLUMNS.iter().copied().filter(|c| !index.contains_key(c) && *c != "status").collect();
    if !missing.is_empty() {
        problem(1, format!("missing column(s) {} (the header has: {})", missing.join(", "), headers.join(", ")));
        return Err(TaxonomyError { problems });
    }

    let mut id = String::new();
    let mut ladder_name = String::new();
    let mut levels: Vec<(Level, u64)> = Vec::new();
    let mut competencies: Vec<Competency> = Vec::new();
    let mut cells: HashMap<(u32, usize), (Cell, u64)> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problem(line, format!("malformed CSV: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let get = |c: &str| index.get(c).and_then(|&i| record.get(i)).unwrap_or("").trim().to_string();
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let (row_id, row_name) = (get("ladder_id"), get("ladder_name"));
        if id.is_empty() {
            if row_id.is_empty() {
                problem(line, "empty ladder_id".to_string());
            }
            id = row_id;
            ladder_name = row_name;
        } else if row_id != id || row_name != ladder_name {
            problem(line, format!("ladder '{row_id}' / '{row_name}' differs from '{id}' / '{ladder_name}' above: one file holds one ladder"));
        }
        let Ok(order) = get("level").parse::<u32>() else {
            problem(line, format!("level '{}' is not a whole number", get("level")));
            continue;
        };
        // An empty band is a level not yet on the common scale (`rungs ladder bands` assigns one).
        let band = match get("band").parse::<u8>() {
            _ if get("band").is_empty() => 0,
            Ok(b) if (1..=6).contains(&b) => b,
            _ => {
                problem(
                    line,
                    format!("band '{}' is not a number from 1 (entry) to 6 (principal and above)", get("band")),
                );
                continue;
            }
        };
        let title = get("level_title");
        if title.is_empty() {
            problem(line, format!("level {order} has an empty level_title"));
        }
        match levels.iter().find(|(l, _)| l.order == order) {
            Some((known, first)) if known.title != title || known.band != band => problem(
                line,
                format!(
                    "level {order} is '{title}' band {band} here but '{}' band {} on line {first}",
                    known.title, known.band
                ),
            ),
            Some(_) => {}
            None => levels.push((Level { order, title, band }, line)),
        }
        let competency_name = get("competency");
        if competency_name.is_empty() {
            problem(line, "empty competency".to_string());
            continue;
        }
        let area = get("area");
        let cid = competency_id(&competency_name);
        if cid.is_empty() {
            problem(line, format!("competency '{competency_name}' needs a letter or digit to name it by"));
            continue;
        }
        let competency = match competencies.iter().position(|c| c.id == cid) {
            Some(i) => {
                if competencies[i].name != competency_name {
                    problem(
                        line,
                        format!(
                            "competency '{competency_name}' has the id '{cid}' of '{}' above; rename one of them",
                            competencies[i].name
                        ),
                    );
                }
                if competencies[i].area != area {
                    problem(
                        line,
                        format!(
                            "competency '{competency_name}' is in area '{area}' here but '{}' above",
                            competencies[i].area
                        ),
                    );
                }
                i
            }
            None => {
                competencies.push(Competency { id: cid, name: competency_name.clone(), area });
                competencies.len() - 1
            }
        };
        let descriptor = get("descriptor");
        let status = match get("status").as_str() {
            "" if descriptor.is_empty() => CellStatus::Empty,
            "" | "stated" => CellStatus::Stated,
            "truncated" => CellStatus::Truncated,
            "empty" => CellStatus::Empty,
            "inherit" | "inherited" => CellStatus::Inherit,
            other => {
                problem(line, format!("status '{other}' is not one of stated, truncated, empty, inherit"));
                continue;
            }
        };
        match status {
            CellStatus::Stated | CellStatus::Truncated if descriptor.is_empty() => {
                problem(line, format!("a {status} cell needs a descriptor ({competency_name}, level {order})"))
            }
            CellStatus::Empty | CellStatus::Inherit if !descriptor.is_empty() => {
                problem(line, format!("an {status} cell must have no descriptor ({competency_name}, level {order})"))
            }
            _ => {}
        }
        if let Some((_, first)) = cells.insert((order, competency), (Cell { descriptor, status }, line)) {
            problem(line, format!("{competency_name} at level {order} is defined twice (first on line {first})"));
        }
    }
    if levels.is_empty() {
        problem(1, "no levels: a ladder needs at least one row".to_string());
    }
    levels.sort_by_key(|(l, _)| l.order);
    for pair in levels.windows(2) {
        let ((low, _), (high, line)) = (&pair[0], &pair[1]);
        if high.band != 0 && high.band < low.band {
            problem(
                *line,
                format!("level {} has band {} below level {}'s band {}", high.order, high.band, low.order, low.band),
            );
        }
    }
    if let Some((lowest, _)) = levels.first() {
        for ((order, _), (cell, line)) in &cells {
            if *order == lowest.order && cell.status == CellStatus::Inherit {
                problem(*line, format!("the lowest level (level {order}) has nothing to inherit from"));
            }
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.at.line);
        return Err(TaxonomyError { problems });
    }
    let levels: Vec<Level> = levels.into_iter().map(|(l, _)| l).collect();
    let mut grid = Vec::with_capacity(levels.len() * competencies.len());
    for level in &levels {
        for c in 0..competencies.len() {
            let cell = cells.remove(&(level.order, c)).map(|(cell, _)| cell);
            grid.push(cell.unwrap_or(Cell { descriptor: String::new(), status: CellStatus::Empty }));
        }
    }
    Ok(Ladder { id, name: ladder_name, levels, competencies, cells: grid, origin: name.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_their_lines() {
        let text = "ladder_id,ladder_name,level,level_title,band,area,competency,descriptor,status\n\
                    acme,Acme,1,Engineer I,1,Craft,Coding,Writes code.,stated\n\
                    acme,Acme,1,Engineer 1,1,Craft,Review,,inherit\n\
                    acme,Acme,2,Engineer II,9,Craft,Coding,Writes more code.,stated\n\
                    acme,Acme,3,Senior,3,Craft,Coding,,stated\n\
                    acme,Acme,3,Senior,3,Craft,Coding,x,weird\n";
        let err = parse_ladder(text, "acme.csv").unwrap_err();
        let messages: Vec<String> = err.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            messages,
            [
                "acme.csv:3: level 1 is 'Engineer 1' band 1 here but 'Engineer I' band 1 on line 2",
                "acme.csv:3: the lowest level (level 1) has nothing to inherit from",
                "acme.csv:4: band '9' is not a number from 1 (entry) to 6 (principal and above)",
                "acme.csv:5: a stated cell needs a descriptor (Coding, level 3)",
                "acme.csv:6: status 'weird' is not one of stated, truncated, empty, inherit",
            ]
        );
    }

    #[test]
    fn missing_cells_are_empty() {
        let text = "ladder_id,ladder_name,level,level_title,band,area,competency,descriptor,status\n\
                    acme,Acme,1,Engineer I,1,Craft,Coding,Writes code.,stated\n\
                    acme,Acme,2,Engineer II,2,Craft,Review,Reviews code.,stated\n";
        let ladder = parse_ladder(text, "acme.csv").unwrap();
        assert_eq!(ladder.cell(0, 1).status, CellStatus::Empty);
        assert_eq!(ladder.cell(1, 0).status, CellStatus::Empty);
    }
}
