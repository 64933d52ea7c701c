//! The people-facing formats: an aligned terminal table and a Markdown table.

use std::io::{self, Write};

use super::{Cell, Column, Style};

/// The narrowest a text column is squeezed to before the table is allowed to overflow.
const MIN_TEXT_WIDTH: usize = 8;

fn char_width(s: &str) -> usize {
    s.chars().count()
}

/// Text on one line: newlines and tabs become spaces so a cell never breaks the grid.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truncate(s: &str, width: usize) -> String {
    if char_width(s) <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

pub(super) fn write_table(
    out: &mut dyn Write,
    columns: &[Column],
    rows: &[Vec<Cell>],
    style: &Style,
) -> io::Result<()> {
    let rendered: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| one_line(&c.render())).collect()).collect();
    let mut widths: Vec<usize> = columns.iter().map(|c| char_width(c.name)).collect();
    for row in &rendered {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(char_width(cell));
        }
    }
    // Shrink the widest text column until the table fits; numbers are never cut.
    let total = |widths: &[usize]| widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    while total(&widths) > style.max_width {
        let widest = (0..columns.len())
            .filter(|&i| !columns[i].numeric && widths[i] > MIN_TEXT_WIDTH.max(char_width(columns[i].name)))
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    let line = |cells: Vec<String>| -> String {
        let parts: Vec<String> = cells
            .into_iter()
            .enumerate()
            .map(|(i, cell)| {
                let cell = truncate(&cell, widths[i]);
                let pad = widths[i] - char_width(&cell);
                if columns[i].numeric {
                    format!("{}{cell}", " ".repeat(pad))
                } else {
                    format!("{cell}{}", " ".repeat(pad))
                }
            })
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    writeln!(out, "{}", line(columns.iter().map(|c| c.name.to_string()).collect()))?;
    writeln!(out, "{}", line(widths.iter().map(|&w| "─".repeat(w)).collect()))?;
    for row in rendered {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

pub(super) fn write_markdown(out: &mut dyn Write, columns: &[Column], rows: &[Vec<Cell>]) -> io::Result<()> {
    let escape = |s: &str| one_line(s).replace('\\', "\\\\").replace('|', "\\|");
    let header: Vec<&str> = columns.iter().map(|c| c.name).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = columns.iter().map(|c| if c.numeric { "---:" } else { "---" }).collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| escape(&c.render())).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}
