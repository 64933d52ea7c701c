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

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::byteset::ByteSet;
use crate::fixed::Digits;
use text::PendingRow;

pub use gap::{CategoryGapRecord, GapPostingRecord, LearnNextRecord, ProfileSkillRecord};
pub use levels::{
    round2, CoverageRecord, EvidenceRecord, LadderCellRecord, LevelBandRecord, LevelRecord, LevelSummaryRecord,
    PlacementRecord, PracticeFrequencyRecord,
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
    /// Which formats show it.
    pub audience: Audience,
}

/// Which formats show a column: scripts want stable ids and separate fields, people a short
/// label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Every format.
    All,
    /// CSV, JSON and JSONL only.
    Machines,
    /// Table and Markdown only: a label made of other cells. Labels that are equal for rows
    /// whose cell at `key` differs get that cell appended, so rows stay distinguishable.
    People {
        /// The index (among all columns) of the cell that tells rows apart.
        key: usize,
    },
}

impl Audience {
    fn shown_in(self, format: Format) -> bool {
        match (self, format) {
            (Audience::All, _) => true,
            (Audience::Machines, format) => !matches!(format, Format::Table | Format::Markdown),
            (Audience::People { .. }, format) => matches!(format, Format::Table | Format::Markdown),
        }
    }
}

/// A text column.
pub(crate) const fn text(name: &'static str) -> Column {
    Column { name, numeric: false, audience: Audience::All }
}

/// A numeric (right-aligned) column.
pub(crate) const fn number(name: &'static str) -> Column {
    Column { name, numeric: true, audience: Audience::All }
}

/// A text column for CSV and JSON only.
pub(crate) const fn machine_text(name: &'static str) -> Column {
    Column { name, numeric: false, audience: Audience::Machines }
}

/// The columns that name a posting: its id first, and for people a `posting` label in its
/// place (title · company, else the id); title and company for scripts last, so that the
/// columns scripts read by position before they existed keep their place. A record's cells
/// take the first two of [`posting_cells`] first and the other two last.
pub(crate) const POSTING_COLUMNS: [Column; 4] = [
    machine_text("posting"),
    Column { name: "posting", numeric: false, audience: Audience::People { key: 0 } },
    machine_text("title"),
    machine_text("company"),
];

/// The cells of [`POSTING_COLUMNS`].
pub(crate) fn posting_cells<'a>(id: &'a str, title: Option<&'a str>, company: Option<&'a str>) -> [Cell<'a>; 4] {
    let optional = |s: Option<&'a str>| s.map_or(Cell::Empty, Cell::text);
    [Cell::text(id), Cell::text(crate::posting::posting_label(id, title, company)), optional(title), optional(company)]
}

/// One cell, typed so each format can render it properly.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Text from postings or the taxonomy: untrusted. Borrowed from the record where it can be.
    Text(Cow<'a, str>),
    /// A count or offset.
    Int(u64),
    /// A ratio or median, printed with this many decimals.
    Float(f64, usize),
    /// No value (printed empty, or `null` in JSON).
    Empty,
}

impl<'a> Cell<'a> {
    /// A text cell.
    pub(crate) fn text(text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(text.into())
    }

    /// A whole number, or empty when there is none.
    pub(crate) fn opt_int(value: Option<u32>) -> Cell<'a> {
        value.map_or(Cell::Empty, |v| Cell::Int(u64::from(v)))
    }

    /// A decimal with `decimals` places, or empty when there is none.
    pub(crate) fn opt_float(value: Option<f64>, decimals: usize) -> Cell<'a> {
        value.map_or(Cell::Empty, |v| Cell::Float(v, decimals))
    }

    fn render(&self) -> String {
        let mut text = String::new();
        self.push_to(&mut text);
        text
    }

    /// Appends the cell's text to `out`.
    fn push_to(&self, out: &mut String) {
        match self {
            Cell::Text(s) => out.push_str(s),
            &Cell::Int(n) => out.push_str(Digits::new(n).as_str()),
            &Cell::Float(x, decimals) => crate::fixed::push_fixed(out, x, decimals, false),
            Cell::Empty => {}
        }
    }
}

/// A row type every format can write.
pub trait Record: Serialize {
    /// The columns, in order; names are the stable API of CSV headers and JSON keys.
    fn columns() -> &'static [Column];
    /// This row's cells, one per column.
    fn cells(&self) -> Vec<Cell<'_>>;
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
    buffered: Vec<PendingRow>,
    rows: u64,
    /// For CSV, the writer that quotes each row into a line of its own, kept across rows.
    csv: CsvLines,
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
        RecordWriter { columns, format, out, style, envelope, buffered: Vec::new(), rows: 0, csv: CsvLines::new() }
    }

    /// The cells of a row that this format shows.
    fn shown_cells<'a>(&self, cells: Vec<Cell<'a>>) -> impl Iterator<Item = Cell<'a>> + use<'a, W> {
        let format = self.format;
        cells.into_iter().zip(self.columns).filter(move |(_, c)| c.audience.shown_in(format)).map(|(cell, _)| cell)
    }

    /// How a table or Markdown cell is printed (appended to a string): on one line, and for
    /// Markdown escaped.
    fn people_text(&self) -> fn(&mut String, &str) {
        if self.format == Format::Markdown {
            text::push_markdown_cell
        } else {
            text::push_one_line
        }
    }

    /// A row of a people's format as kept until the end, its cells printed already.
    fn pending_row(&self, cells: Vec<Cell>) -> PendingRow {
        let print = self.people_text();
        // Sized to the row, so that a table of many rows holds little unused room: its pieces
        // exactly, its text about (numbers guessed short).
        let text_len = |cell: &Cell| match cell {
            Cell::Text(text) => text.len(),
            _ => 8,
        };
        let (mut pieces, mut text) = (0, 0);
        for (column, cell) in self.columns.iter().zip(&cells) {
            if column.audience.shown_in(self.format) {
                pieces += 1;
                text += text_len(cell);
            }
            if let Audience::People { key } = column.audience {
                pieces += 2;
                text += text_len(cell) + text_len(&cells[key]);
            }
        }
        let mut row = PendingRow::with_capacity(self.format == Format::Table, pieces, text);
        let mut rendered = String::new();
        for (cell, _) in cells.iter().zip(self.columns).filter(|(_, c)| c.audience.shown_in(self.format)) {
            match cell {
                Cell::Text(text) => row.push_shown(print, text),
                other => {
                    rendered.clear();
                    other.push_to(&mut rendered);
                    row.push_shown(print, &rendered);
                }
            }
        }
        for (column, cell) in self.columns.iter().zip(&cells) {
            if let Audience::People { key } = column.audience {
                row.push_label(cell, &cells[key]);
            }
        }
        row
    }

    /// Writes (or, for table and Markdown, buffers) one record.
    pub fn write<R: Record>(&mut self, record: &R) -> io::Result<()> {
        if self.rows == 0 {
            self.start()?;
        }
        self.rows += 1;
        match self.format {
            // People's formats keep every cell until the end: labels are told apart there.
            Format::Table | Format::Markdown => {
                let row = self.pending_row(record.cells());
                self.buffered.push(row);
            }
            Format::Csv => {
                let cells: Vec<Cell> = self.shown_cells(record.cells()).collect();
                let line = self.csv.line(cells.iter().map(csv_cell));
                self.out.write_all(line)?;
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
                let names = self.columns.iter().filter(|c| c.audience.shown_in(Format::Csv)).map(|c| c.name);
                let line = self.csv.line(names);
                self.out.write_all(line)
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
            Format::Table | Format::Markdown => {
                let columns: Vec<Column> =
                    self.columns.iter().copied().filter(|c| c.audience.shown_in(self.format)).collect();
                let mut buffered = std::mem::take(&mut self.buffered);
                text::distinguish_labels(&columns, &mut buffered, self.people_text());
                match self.format {
                    Format::Table => text::write_table(&mut self.out, &columns, &buffered, &self.style)?,
                    _ => text::write_markdown(&mut self.out, &columns, &buffered)?,
                }
            }
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

/// CSV lines, quoted as RFC 4180 asks and as the `csv` crate writes them (a field holding a
/// comma, a quote or a line break is quoted, its quotes doubled; a line of one empty field is
/// `""`), one at a time into one buffer: a row is a line of its own, so that the rows of a
/// stream reach the output whole as they come. Most fields need no quotes and are copied
/// whole, found so sixteen bytes at a time.
struct CsvLines {
    line: Vec<u8>,
}

/// The bytes that make a CSV field quoted.
const CSV_QUOTED: ByteSet = ByteSet::new(b",\"\r\n");

impl CsvLines {
    fn new() -> CsvLines {
        CsvLines { line: Vec::with_capacity(256) }
    }

    /// The line of `cells`, valid until the next.
    fn line<S: AsRef<str>>(&mut self, cells: impl Iterator<Item = S>) -> &[u8] {
        let line = &mut self.line;
        line.clear();
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                line.push(b',');
            }
            let field = cell.as_ref().as_bytes();
            if CSV_QUOTED.find(field).is_none() {
                line.extend_from_slice(field);
                continue;
            }
            line.push(b'"');
            for part in field.split_inclusive(|&b| b == b'"') {
                line.extend_from_slice(part);
                if part.ends_with(b"\"") {
                    line.push(b'"');
                }
            }
            line.push(b'"');
        }
        if line.is_empty() {
            // An empty line would read as no record at all.
            line.extend_from_slice(b"\"\"");
        }
        line.push(b'\n');
        line
    }
}

/// Renders a cell for CSV. A text cell a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or carriage return) gets a leading apostrophe, OWASP's advice for
/// CSV injection; spreadsheets show the text as typed and hide the apostrophe. A missing
/// number is `NA`, which pandas and R read as missing and which no spreadsheet evaluates.
fn csv_cell<'a>(cell: &'a Cell<'_>) -> CsvText<'a> {
    match cell {
        Cell::Text(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => CsvText::Owned(format!("'{s}")),
        Cell::Text(s) => CsvText::Borrowed(s),
        Cell::Empty => CsvText::Borrowed("NA"),
        // Written without an allocation: most cells of a mention row are offsets.
        &Cell::Int(n) => CsvText::Digits(Digits::new(n)),
        other => CsvText::Owned(other.render()),
    }
}

/// A cell's CSV text.
enum CsvText<'a> {
    Borrowed(&'a str),
    Owned(String),
    Digits(Digits),
}

impl AsRef<str> for CsvText<'_> {
    fn as_ref(&self) -> &str {
        match self {
            CsvText::Borrowed(text) => text,
            CsvText::Owned(text) => text,
            CsvText::Digits(digits) => digits.as_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_lines_are_quoted_as_the_csv_crate_quotes_them() {
        let pieces = ["", "a", "Go", ",", "\"", "\r", "\n", "\r\n", " ", "é", "x,y", "say \"hi\"", "'", ";", "\t"];
        let mut rng = crate::test_rng::XorShift::new(13);
        let mut lines = CsvLines::new();
        for _ in 0..2_000 {
            let fields: Vec<String> = (0..rng.below(5))
                .map(|_| (0..rng.below(4)).map(|_| pieces[rng.below(pieces.len())]).collect())
                .collect();
            let mut reference = csv::Writer::from_writer(Vec::new());
            reference.write_record(&fields).expect("a record");
            let reference = reference.into_inner().expect("written");
            assert_eq!(lines.line(fields.iter()), reference, "{fields:?}");
        }
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        for (input, want) in [("=1+1", "'=1+1"), ("+1", "'+1"), ("-Go", "'-Go"), ("@x", "'@x"), ("Go", "Go")] {
            assert_eq!(csv_cell(&Cell::text(input)).as_ref(), want);
        }
        assert_eq!(csv_cell(&Cell::Float(0.25, 4)).as_ref(), "0.2500");
        assert_eq!(csv_cell(&Cell::Empty).as_ref(), "NA");
        for n in [0, 7, 10, 1_234_567, u64::MAX] {
            assert_eq!(csv_cell(&Cell::Int(n)).as_ref(), n.to_string());
        }
    }

    /// A posting row as the level and mention records have it: id and label, a count, a text.
    #[derive(Serialize)]
    struct Row {
        id: &'static str,
        title: &'static str,
        company: &'static str,
        count: u64,
        note: &'static str,
    }

    impl Record for Row {
        fn columns() -> &'static [Column] {
            const COLUMNS: [Column; 6] = [
                POSTING_COLUMNS[0],
                POSTING_COLUMNS[1],
                number("count"),
                text("note"),
                POSTING_COLUMNS[2],
                POSTING_COLUMNS[3],
            ];
            &COLUMNS
        }

        fn cells(&self) -> Vec<Cell<'_>> {
            let [id, label, title, company] = posting_cells(self.id, Some(self.title), Some(self.company));
            vec![id, label, Cell::Int(self.count), Cell::text(self.note), title, company]
        }
    }

    fn written(format: Format, rows: &[Row], max_width: usize) -> String {
        let mut writer = RecordWriter::new(Row::columns(), format, Vec::new(), Style { max_width }, None);
        for row in rows {
            writer.write(row).expect("a Vec takes every row");
        }
        String::from_utf8(writer.finish().expect("a Vec takes every row")).expect("UTF-8")
    }

    #[test]
    fn people_labels_that_read_the_same_get_their_keys_and_stay_on_one_line() {
        let rows = [
            Row { id: "li-1", title: "Data  Engineer", company: "Acme\n", count: 3, note: "" },
            Row { id: "li-2", title: "Data Engineer", company: "Acme\n", count: 12, note: "Kafka,\tGo" },
            Row { id: "li-3", title: "Data Engineer", company: "Acme", count: 1, note: "" },
            Row {
                id: "li-4",
                title: "SRE | <b>[x]</b>",
                company: "Beta",
                count: 7,
                note: "Ünïcödé lines are cut by characters",
            },
        ];
        let table = written(Format::Table, &rows, 120);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "posting                      count  note");
        // Equal labels (as written, before the line is tidied) get the key; others do not.
        assert_eq!(lines[2], "Data Engineer · Acme             3");
        assert_eq!(lines[3], "Data Engineer · Acme (li-2)     12  Kafka, Go");
        assert_eq!(lines[4], "Data Engineer · Acme (li-3)      1");
        assert_eq!(lines[5], "SRE | <b>[x]</b> · Beta          7  Ünïcödé lines are cut by characters");
        // Fitted to 50 characters: the text column is cut, the label and the number are not.
        let narrow = written(Format::Table, &rows, 50);
        let lines: Vec<&str> = narrow.lines().collect();
        assert_eq!(lines[0], "posting                      count  note");
        assert_eq!(lines[1], "───────────────────────────  ─────  ──────────────");
        assert_eq!(lines[3], "Data Engineer · Acme (li-2)     12  Kafka, Go");
        assert_eq!(lines[5], "SRE | <b>[x]</b> · Beta          7  Ünïcödé lines…");
        let markdown = written(Format::Markdown, &rows, 120);
        let lines: Vec<&str> = markdown.lines().collect();
        assert_eq!(lines[2], "| Data Engineer · Acme | 3 |  |");
        assert_eq!(lines[3], "| Data Engineer · Acme (li-2) | 12 | Kafka, Go |");
        assert_eq!(lines[5], "| SRE \\| &lt;b&gt;\\[x\\]&lt;/b&gt; · Beta | 7 | Ünïcödé lines are cut by characters |");
    }
}
