//! The people-facing formats: an aligned terminal table and a Markdown table.

use std::borrow::Cow;
use std::io::{self, Write};

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Audience, Column, PendingRow, Style};

/// The narrowest a text column is squeezed to before the table is allowed to overflow.
const MIN_TEXT_WIDTH: usize = 8;

pub(super) fn char_width(s: &str) -> usize {
    s.chars().count()
}

/// Text on one line: newlines and tabs become spaces so a cell never breaks the grid, and
/// control characters become `�` so a cell cannot drive the terminal.
pub(super) fn one_line(s: &str) -> String {
    // One pass: whitespace runs become one space between words, control characters `�`.
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(if c.is_control() { '\u{fffd}' } else { c });
    }
    out
}

/// Text with control characters (ESC, BEL, C1 codes…) replaced by `�`, so that a posting's id
/// or text cannot move the cursor, clear the screen or retitle a terminal. Newlines and tabs
/// are kept.
///
/// ```
/// assert_eq!(rungs::report::printable("id\u{1b}]0;x\u{7}"), "id\u{fffd}]0;x\u{fffd}");
/// ```
pub fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if unsafe_char(c) { '\u{fffd}' } else { c }).collect())
}

/// A Markdown table cell that renders as the text it holds: no HTML, links, images or
/// emphasis from posting text reach a renderer, and `|` cannot open a new cell.
pub(super) fn markdown_cell(s: &str) -> String {
    let line = one_line(s);
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // Without `[` and `]` no link or image can form; `*` and backquotes are emphasis
            // and code; `|` would open a cell.
            '\\' | '|' | '[' | ']' | '*' | '`' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn truncate(s: &str, width: usize) -> Cow<'_, str> {
    if char_width(s) <= width {
        return Cow::Borrowed(s);
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    Cow::Owned(out)
}

/// Makes labels tell rows apart: where one label stands for rows of different keys (two
/// postings with one title at one company), each gets its key appended, printed by `print`.
/// `columns` are the shown ones, whose cells `rows` hold.
pub(super) fn distinguish_labels(columns: &[Column], rows: &mut [PendingRow], print: fn(&str) -> String) {
    let label_columns = columns.iter().enumerate().filter(|(_, c)| matches!(c.audience, Audience::People { .. }));
    for (label, (shown_at, _)) in label_columns.enumerate() {
        let mut keys_of: FxHashMap<&str, std::collections::BTreeSet<&str>> = FxHashMap::default();
        for row in rows.iter() {
            let (text, key) = &row.labels[label];
            keys_of.entry(text).or_default().insert(key);
        }
        let shared: FxHashSet<String> =
            keys_of.into_iter().filter(|(_, keys)| keys.len() > 1).map(|(text, _)| text.to_string()).collect();
        for row in rows.iter_mut() {
            let (text, key) = &row.labels[label];
            if shared.contains(text) {
                row.set(shown_at, print(&format!("{text} ({key})")));
            }
        }
    }
}

/// The narrowest width at which [`truncate`] keeps every distinct value of a column
/// distinct: for each pair of neighbours in sorted order, past their common prefix (or the
/// shorter one's whole length, which is then never cut).
fn distinct_width(values: &[&str]) -> usize {
    let mut sorted: Vec<&str> = values.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    sorted
        .windows(2)
        .map(|pair| {
            let common = pair[0].chars().zip(pair[1].chars()).take_while(|(a, b)| a == b).count();
            (common + 2).min(char_width(pair[0]).min(char_width(pair[1])))
        })
        .max()
        .unwrap_or(0)
}

/// Writes an aligned table of `rows` (cells made by [`one_line`], widths counted), fitted to
/// the terminal.
pub(super) fn write_table(
    out: &mut dyn Write,
    columns: &[Column],
    rows: &[PendingRow],
    style: &Style,
) -> io::Result<()> {
    let mut widths: Vec<usize> = columns.iter().map(|c| char_width(c.name)).collect();
    for row in rows {
        for (w, &cell) in widths.iter_mut().zip(&row.widths) {
            *w = (*w).max(cell);
        }
    }
    // Labels are never cut so far that two rows read the same.
    let floors: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let floor = MIN_TEXT_WIDTH.max(char_width(column.name));
            match column.audience {
                Audience::People { .. } => {
                    floor.max(distinct_width(&rows.iter().map(|row| row.shown[i].as_str()).collect::<Vec<_>>()))
                }
                _ => floor,
            }
        })
        .collect();
    // Shrink the widest text column until the table fits; numbers are never cut.
    let total = |widths: &[usize]| widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    while total(&widths) > style.max_width {
        let widest = (0..columns.len())
            .filter(|&i| !columns[i].numeric && widths[i] > floors[i])
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    let mut text = String::new();
    let mut line = |cells: &[String], cell_widths: &[usize]| -> io::Result<()> {
        text.clear();
        for (i, (cell, &width)) in cells.iter().zip(cell_widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            let (cell, width) = if width <= widths[i] {
                (Cow::Borrowed(cell.as_str()), width)
            } else {
                let cut = truncate(cell, widths[i]);
                let width = char_width(&cut);
                (cut, width)
            };
            let pad = widths[i] - width;
            if columns[i].numeric {
                text.extend(std::iter::repeat_n(' ', pad));
                text.push_str(&cell);
            } else {
                text.push_str(&cell);
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    let names: Vec<String> = columns.iter().map(|c| c.name.to_string()).collect();
    line(&names, &names.iter().map(|name| char_width(name)).collect::<Vec<_>>())?;
    line(&widths.iter().map(|&w| "─".repeat(w)).collect::<Vec<_>>(), &widths)?;
    for row in rows {
        line(&row.shown, &row.widths)?;
    }
    Ok(())
}

/// Writes a Markdown table of `rows`, whose cells [`markdown_cell`] made.
pub(super) fn write_markdown(out: &mut dyn Write, columns: &[Column], rows: &[PendingRow]) -> io::Result<()> {
    let header: Vec<&str> = columns.iter().map(|c| c.name).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = columns.iter().map(|c| if c.numeric { "---:" } else { "---" }).collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    for row in rows {
        writeln!(out, "| {} |", row.shown.join(" | "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_labels_stay_distinct_when_cut() {
        let values = ["Data Engineer · Acme (li-1)", "Data Engineer · Acme (li-2)", "Analyst"];
        let width = distinct_width(&values);
        let cut: std::collections::HashSet<String> = values.iter().map(|v| truncate(v, width).into_owned()).collect();
        assert_eq!(cut.len(), values.len());
        assert_eq!(distinct_width(&["a", "a"]), 0);
    }

    #[test]
    fn a_cell_on_one_line_has_single_spaces_between_words_and_no_control_characters() {
        let joined = |s: &str| printable(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned();
        for text in [
            "",
            " ",
            "a",
            "  two  words \n\tnext ",
            "bell\u{7}esc\u{1b}[0m",
            "nbsp\u{a0}x\u{2028}y\u{85}z",
            "é \u{1c}x",
        ] {
            assert_eq!(one_line(text), joined(text), "{text:?}");
        }
    }

    #[test]
    fn markdown_cells_carry_no_markup() {
        assert_eq!(markdown_cell("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(markdown_cell("[click](javascript:x) a|b **c**"), "\\[click\\](javascript:x) a\\|b \\*\\*c\\*\\*");
    }
}
