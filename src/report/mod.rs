//! Writing records in every output format: table, CSV, JSON, JSONL, Markdown.
//!
//! Reports only format: they receive finished records and never compute. A record type
//! implements [`Record`] (its columns and cells, for table/CSV/Markdown) and `Serialize` (for
//! JSON/JSONL, with the same field names as the CSV header). [`RecordWriter`] streams CSV,
//! JSON and JSONL row by row, and buffers only the people-facing table and Markdown, whose
//! column widths depend on every row.

mod gap;
pub mod html;
mod levels;
mod records;
mod text;

use std::io::{self, Write};

use serde::Serialize;

pub use gap::{CategoryGapRecord, GapPostingRecord, LearnNextRecord, ProfileSkillRecord};
pub use levels::{
    round2, CoverageRecord, EvidenceRecord, LadderCellRecord, LevelBandRecord, LevelRecord, LevelSummaryRecord,
    PlacementRecord,
};
pub use records::{CategoryRecord, MatchRecord, SkillRecord};
pub use text::printable;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// RFC 4180 CSV with a header row; text cells are protected against formula injection.
    Csv,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A GitHub-flavoured Markdown table.
    Markdown,
}

/// One output column.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// Header text, identical to the JSON field name.
    pub name: &'static str,
    /// Numbers are right-aligned in tables.
    pub numeric: bool,
}

/// A text column.
pub(crate) const fn text(name: &'static str) -> Column {
    Column { name, numeric: false }
}

/// A numeric (right-aligned) column.
pub(crate) const fn number(name: &'static str) -> Column {
    Column { name, numeric: true }
}

/// One cell, typed so each format can render it properly.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text from postings or the taxonomy: untrusted.
    Text(String),
    /// A count or offset.
    Int(u64),
    /// A ratio or median, printed with this many decimals.
    Float(f64, usize),
    /// No value (printed empty, or `null` in JSON).
    Empty,
}

impl Cell {
    /// A whole number, or empty when there is none.
    pub(crate) fn opt_int(value: Option<u32>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Int(u64::from(v)))
    }

    /// A decimal with `decimals` places, or empty when there is none.
    pub(crate) fn opt_float(value: Option<f64>, decimals: usize) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Float(v, decimals))
    }

    fn render(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(x, decimals) => format!("{x:.decimals$}"),
            Cell::Empty => String::new(),
        }
    }
}

/// A row type every format can write.
pub trait Record: Serialize {
    /// The columns, in order; names are the stable API of CSV headers and JSON keys.
    fn columns() -> &'static [Column];
    /// This row's cells, one per column.
    fn cells(&self) -> Vec<Cell>;
}

/// Options that change how records look (never what they say).
#[derive(Clone, Debug)]
pub struct Style {
    /// The widest a table may be, in characters.
    pub max_width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style { max_width: 120 }
    }
}

/// The fields that wrap the rows in `--format json` (`{"postings": …, "skills": [...]}`).
#[derive(Clone, Debug, Default)]
pub struct Envelope {
    /// Summary fields written before the array, in order.
    pub fields: Vec<(&'static str, serde_json::Value)>,
    /// The key of the array of rows.
    pub array_key: &'static str,
}

/// Writes records of one type in one format.
pub struct RecordWriter<W: Write> {
    columns: &'static [Column],
    format: Format,
    out: W,
    style: Style,
    envelope: Option<Envelope>,
    buffered: Vec<Vec<Cell>>,
    rows: u64,
}

impl<W: Write> RecordWriter<W> {
    /// A writer for rows with `columns` (a [`Record::columns`]); `envelope` is used by
    /// `--format json` only.
    pub fn new(
        columns: &'static [Column],
        format: Format,
        out: W,
        style: Style,
        envelope: Option<Envelope>,
    ) -> RecordWriter<W> {
        RecordWriter { columns, format, out, style, envelope, buffered: Vec::new(), rows: 0 }
    }

    /// Writes (or, for table and Markdown, buffers) one record.
    pub fn write<R: Record>(&mut self, record: &R) -> io::Result<()> {
        if self.rows == 0 {
            self.start()?;
        }
        self.rows += 1;
        match self.format {
            Format::Table | Format::Markdown => self.buffered.push(record.cells()),
            Format::Csv => {
                let line = csv_line(record.cells().iter().map(csv_cell))?;
                self.out.write_all(&line)?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, record)?;
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                if self.rows > 1 {
                    self.out.write_all(b",\n")?;
                }
                serde_json::to_writer(&mut self.out, record)?;
            }
        }
        Ok(())
    }

    fn start(&mut self) -> io::Result<()> {
        match self.format {
            Format::Csv => {
                let line = csv_line(self.columns.iter().map(|c| c.name.to_string()))?;
                self.out.write_all(&line)
            }
            Format::Json => {
                match &self.envelope {
                    Some(envelope) => {
                        self.out.write_all(b"{")?;
                        for (key, value) in &envelope.fields {
                            write!(self.out, "{}:{},", serde_json::to_string(key)?, value)?;
                        }
                        writeln!(self.out, "{}:[", serde_json::to_string(envelope.array_key)?)?;
                    }
                    None => self.out.write_all(b"[\n")?,
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Finishes the output (closing JSON, rendering buffered tables) and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        if self.rows == 0 {
            self.start()?;
        }
        match self.format {
            Format::Table => text::write_table(&mut self.out, self.columns, &self.buffered, &self.style)?,
            Format::Markdown => text::write_markdown(&mut self.out, self.columns, &self.buffered)?,
            Format::Json => {
                let close = if self.envelope.is_some() { "]}" } else { "]" };
                let newline = if self.rows > 0 { "\n" } else { "" };
                writeln!(self.out, "{newline}{close}")?;
            }
            Format::Csv | Format::Jsonl => {}
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// One CSV line, quoted as RFC 4180 requires.
fn csv_line(cells: impl Iterator<Item = String>) -> io::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::with_capacity(128));
    writer.write_record(cells)?;
    writer.into_inner().map_err(|e| e.into_error())
}

/// Renders a cell for CSV. A text cell a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or carriage return) gets a leading apostrophe, OWASP's advice for
/// CSV injection; spreadsheets show the text as typed and hide the apostrophe. A missing
/// number is `NA`, which pandas and R read as missing and which no spreadsheet evaluates.
fn csv_cell(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{s}"),
        Cell::Empty => "NA".to_string(),
        other => other.render(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_never_start_a_formula() {
        for (input, want) in [("=1+1", "'=1+1"), ("+1", "'+1"), ("-Go", "'-Go"), ("@x", "'@x"), ("Go", "Go")] {
            assert_eq!(csv_cell(&Cell::Text(input.to_string())), want);
        }
        assert_eq!(csv_cell(&Cell::Float(0.25, 4)), "0.2500");
        assert_eq!(csv_cell(&Cell::Empty), "NA");
    }
}
