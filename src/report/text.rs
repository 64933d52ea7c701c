//! The people-facing formats: an aligned terminal table and a Markdown table.

use std::borrow::Cow;
use std::io::{self, Write};

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Audience, Cell, Column, Style};

/// The narrowest a text column is squeezed to before the table is allowed to overflow.
const MIN_TEXT_WIDTH: usize = 8;

pub(super) fn char_width(s: &str) -> usize {
    s.chars().count()
}

/// A row of a table or Markdown output, kept until the end, when the column widths are known:
/// its shown cells as they will be printed (made as the row arrives, while the analysis goes
/// on), and each label's own text and its key's, by which the end tells apart rows whose
/// labels read the same ([`distinguish_labels`]).
///
/// All of them are one string, cut where `pieces` say: a table of a whole corpus holds
/// hundreds of thousands of rows, and a string per cell made most of its memory and time.
pub(super) struct PendingRow {
    text: String,
    /// The shown cells, then each label's text and its key: where each ends in `text`, and for
    /// a table a shown cell's width in characters, counted once.
    pieces: Vec<Piece>,
    /// How many of the pieces are shown cells.
    shown: usize,
    /// Whether widths are counted (for a table).
    counts_widths: bool,
}

#[derive(Clone, Copy)]
struct Piece {
    end: u32,
    width: u32,
}

impl PendingRow {
    /// An empty row with room for `pieces` pieces and `text` bytes of them.
    pub(super) fn with_capacity(counts_widths: bool, pieces: usize, text: usize) -> PendingRow {
        PendingRow { text: String::with_capacity(text), pieces: Vec::with_capacity(pieces), shown: 0, counts_widths }
    }

    /// Adds the next shown cell, `text` as `print` prints it.
    pub(super) fn push_shown(&mut self, print: fn(&mut String, &str), text: &str) {
        debug_assert_eq!(self.shown, self.pieces.len(), "shown cells come before labels");
        let start = self.text.len();
        print(&mut self.text, text);
        self.end_piece(start);
        self.shown += 1;
    }

    /// Adds the next label: its cell's text and its key cell's, as they are.
    pub(super) fn push_label(&mut self, label: &Cell, key: &Cell) {
        for cell in [label, key] {
            cell.push_to(&mut self.text);
            self.pieces.push(Piece { end: piece_offset(self.text.len()), width: 0 });
        }
    }

    fn end_piece(&mut self, start: usize) {
        let width = if self.counts_widths { char_width(&self.text[start..]) } else { 0 };
        self.pieces.push(Piece { end: piece_offset(self.text.len()), width: piece_offset(width) });
    }

    fn piece(&self, at: usize) -> &str {
        let start = if at == 0 { 0 } else { self.pieces[at - 1].end as usize };
        &self.text[start..self.pieces[at].end as usize]
    }

    /// Shown cell `at`, as printed.
    pub(super) fn shown(&self, at: usize) -> &str {
        debug_assert!(at < self.shown);
        self.piece(at)
    }

    /// The width of shown cell `at`, in characters (0 unless widths are counted).
    fn width(&self, at: usize) -> usize {
        self.pieces[at].width as usize
    }

    /// Label `label`'s text and its key's.
    fn label(&self, label: usize) -> (&str, &str) {
        let at = self.shown + 2 * label;
        (self.piece(at), self.piece(at + 1))
    }

    /// Replaces shown cell `at` with `printed` (and its width, if the row counts widths).
    fn set(&mut self, at: usize, printed: &str) {
        let mut rebuilt =
            PendingRow::with_capacity(self.counts_widths, self.pieces.len(), self.text.len() + printed.len());
        for i in 0..self.pieces.len() {
            let start = rebuilt.text.len();
            rebuilt.text.push_str(if i == at { printed } else { self.piece(i) });
            if i < self.shown {
                rebuilt.end_piece(start);
            } else {
                rebuilt.pieces.push(Piece { end: piece_offset(rebuilt.text.len()), width: 0 });
            }
        }
        rebuilt.shown = self.shown;
        *self = rebuilt;
    }
}

/// An offset or width within one row: rows are bounded by the largest posting read, far
/// below 4 GiB.
fn piece_offset(n: usize) -> u32 {
    u32::try_from(n).expect("a table row under 4 GiB")
}

/// Appends `s` on one line: newlines and tabs become spaces so a cell never breaks the grid,
/// and control characters become `�` so a cell cannot drive the terminal.
pub(super) fn push_one_line(out: &mut String, s: &str) {
    // Most cells are ASCII words with single spaces between them: copied whole.
    if is_one_plain_line(s.as_bytes()) {
        out.push_str(s);
        return;
    }
    // One pass: whitespace runs become one space between words, control characters `�`.
    let start = out.len();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = out.len() > start;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(if c.is_control() { '\u{fffd}' } else { c });
    }
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

/// Whether `line` is printable ASCII with single spaces between words, as [`push_one_line`]
/// would print it.
fn is_one_plain_line(line: &[u8]) -> bool {
    let mut after_space = true;
    for &b in line {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'!'..=b'~' => after_space = false,
            _ => return false,
        }
    }
    !after_space || line.is_empty()
}

/// Appends a Markdown table cell that renders as the text `s` holds: no HTML, links, images
/// or emphasis from posting text reach a renderer, and `|` cannot open a new cell.
pub(super) fn push_markdown_cell(out: &mut String, s: &str) {
    let mut line = String::with_capacity(s.len());
    push_one_line(&mut line, s);
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
pub(super) fn distinguish_labels(columns: &[Column], rows: &mut [PendingRow], print: fn(&mut String, &str)) {
    let label_columns = columns.iter().enumerate().filter(|(_, c)| matches!(c.audience, Audience::People { .. }));
    for (label, (shown_at, _)) in label_columns.enumerate() {
        // Per label text, the first key met and whether another key has the same text.
        let mut keys_of: FxHashMap<&str, (&str, bool)> = FxHashMap::default();
        for row in rows.iter() {
            let (text, key) = row.label(label);
            let (first_key, shared) = keys_of.entry(text).or_insert((key, false));
            *shared |= *first_key != key;
        }
        let shared: FxHashSet<String> =
            keys_of.into_iter().filter(|(_, (_, shared))| *shared).map(|(text, _)| text.to_string()).collect();
        for row in rows.iter_mut() {
            let (text, key) = row.label(label);
            if shared.contains(text) {
                let mut printed = String::new();
                print(&mut printed, &format!("{text} ({key})"));
                row.set(shown_at, &printed);
            }
        }
    }
}

/// The narrowest width at which [`truncate`] keeps every distinct value of a column
/// distinct: for each pair of neighbours in sorted order, past their common prefix (or the
/// shorter one's whole length, which is then never cut).
fn distinct_width(values: &[&str]) -> usize {
    // A label column repeats its values (a posting's title on each of its rows): sorting the
    // distinct ones only.
    let distinct: FxHashSet<&str> = values.iter().copied().collect();
    let mut sorted: Vec<&str> = distinct.into_iter().collect();
    sorted.sort_unstable();
    sorted
        .windows(2)
        .map(|pair| {
            let common = pair[0].chars().zip(pair[1].chars()).take_while(|(a, b)| a == b).count();
            (common + 2).min(char_width(pair[0]).min(char_width(pair[1])))
        })
        .max()
        .unwrap_or(0)
}

/// Writes an aligned table of `rows` (cells made by [`push_one_line`], widths counted), fitted
/// to the terminal.
pub(super) fn write_table(
    out: &mut dyn Write,
    columns: &[Column],
    rows: &[PendingRow],
    style: &Style,
) -> io::Result<()> {
    let mut widths: Vec<usize> = columns.iter().map(|c| char_width(c.name)).collect();
    for row in rows {
        for (at, w) in widths.iter_mut().enumerate() {
            *w = (*w).max(row.width(at));
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
                    floor.max(distinct_width(&rows.iter().map(|row| row.shown(i)).collect::<Vec<_>>()))
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
    // Cells are padded from one run of spaces, not a character at a time.
    let spaces = " ".repeat(widths.iter().copied().max().unwrap_or(0));
    let mut text = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = (&str, usize)>| -> io::Result<()> {
        text.clear();
        for (i, (cell, width)) in cells.enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            let (cell, width) = if width <= widths[i] {
                (Cow::Borrowed(cell), width)
            } else {
                let cut = truncate(cell, widths[i]);
                let width = char_width(&cut);
                (cut, width)
            };
            let pad = &spaces[..widths[i] - width];
            if columns[i].numeric {
                text.push_str(pad);
                text.push_str(&cell);
            } else {
                text.push_str(&cell);
                text.push_str(pad);
            }
        }
        text.truncate(text.trim_end().len());
        text.push('\n');
        out.write_all(text.as_bytes())
    };
    line(&mut columns.iter().map(|c| (c.name, char_width(c.name))))?;
    let rules: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
    line(&mut rules.iter().zip(&widths).map(|(rule, &w)| (rule.as_str(), w)))?;
    for row in rows {
        line(&mut (0..columns.len()).map(|at| (row.shown(at), row.width(at))))?;
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
        let cells: Vec<&str> = (0..columns.len()).map(|at| row.shown(at)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_line(s: &str) -> String {
        let mut out = String::new();
        push_one_line(&mut out, s);
        out
    }

    fn markdown_cell(s: &str) -> String {
        let mut out = String::new();
        push_markdown_cell(&mut out, s);
        out
    }

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
            "plain words, (punctuation) [and] #symbols!",
            " leading",
            "trailing ",
            "double  space",
            "tab\tinside",
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
