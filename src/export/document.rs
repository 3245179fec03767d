//! What an export says, apart from how it is written down: every template builds a
//! [`Document`], and [`super::render`] writes it as Markdown, plain text, HTML or JSON.

use std::borrow::Cow;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

/// The text of sections is borrowed where it stands as written in the workbook or the pack
/// (answers, competencies, headings): an export of thousands of reflections would otherwise
/// copy all of it, and a copy costs as much again in memory to touch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document<'a> {
    /// The template's name, e.g. `nmc-reflective-account`.
    pub template: String,
    pub title: String,
    /// Shown first: what this document is, and who it is for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
    pub sections: Vec<Section<'a>>,
    /// Shown last: where the document belongs, attribution.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub footer: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section<'a> {
    pub heading: Cow<'a, str>,
    /// 1 for a top-level section, 2 and 3 below it.
    pub level: u8,
    pub blocks: Vec<Block<'a>>,
    /// The id of the reflection the section is made from, if it is one's: the identifier
    /// check names what it finds there by that reflection's fields. Not written out.
    #[serde(skip)]
    pub reflection: Option<Cow<'a, str>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block<'a> {
    Paragraph {
        text: Cow<'a, str>,
    },
    /// A label and what was written for it, e.g. a form's prompt and the answer.
    Field {
        label: Cow<'a, str>,
        value: Cow<'a, str>,
    },
    List {
        items: Vec<Cow<'a, str>>,
    },
    Table(Table<'a>),
    /// Something the reader must not miss: a shortfall, a word limit passed.
    Warning {
        text: Cow<'a, str>,
    },
}

/// A table: its headers, then its rows' cells one row after another, each row as wide as
/// the headers. One vector holds a table's cells, not one a row: the record of 2,000
/// reflections has some 50,000 rows, each made twice when the export is checked first.
#[derive(Debug, Clone, PartialEq)]
pub struct Table<'a> {
    headers: Vec<Cow<'a, str>>,
    cells: Vec<Cow<'a, str>>,
    row_count: usize,
}

impl<'a> Table<'a> {
    /// A row shorter than the headers is filled out with empty cells; one longer widens
    /// the table, under empty headers, so that no cell is ever left out.
    pub fn new<H, R, C>(
        headers: impl IntoIterator<Item = H>,
        rows: impl IntoIterator<Item = R>,
    ) -> Self
    where
        H: Into<Cow<'a, str>>,
        R: IntoIterator<Item = C>,
        C: Into<Cow<'a, str>>,
    {
        let mut table = Table {
            headers: headers.into_iter().map(Into::into).collect(),
            cells: Vec::new(),
            row_count: 0,
        };
        let rows = rows.into_iter();
        table
            .cells
            .reserve(rows.size_hint().0.saturating_mul(table.headers.len()));
        for row in rows {
            let row_start = table.cells.len();
            table.cells.extend(row.into_iter().map(Into::into));
            let width = table.cells.len() - row_start;
            if width > table.headers.len() {
                table.widen(width, row_start);
            }
            let end = (table.row_count + 1) * table.headers.len();
            table.cells.resize(end, Cow::Borrowed(""));
            table.row_count += 1;
        }
        table
    }

    /// The table made `width` wide, its rows before the one starting at `row_start` laid
    /// out again.
    fn widen(&mut self, width: usize, row_start: usize) {
        let old = self.headers.len();
        let mut cells = Vec::with_capacity(self.cells.len() + self.row_count * (width - old));
        let mut taken = self.cells.drain(..);
        for _ in 0..self.row_count {
            cells.extend(taken.by_ref().take(old));
            cells.resize(cells.len() + width - old, Cow::Borrowed(""));
        }
        debug_assert_eq!(cells.len(), row_start + self.row_count * (width - old));
        cells.extend(taken);
        self.cells = cells;
        self.headers.resize(width, Cow::Borrowed(""));
    }

    pub fn headers(&self) -> &[Cow<'a, str>] {
        &self.headers
    }

    /// The rows, in order, each as wide as [`Table::headers`].
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &[Cow<'a, str>]> + Clone {
        let width = self.headers.len();
        (0..self.row_count).map(move |row| &self.cells[row * width..(row + 1) * width])
    }
}

/// As the rows were one vector each: `{"headers": [...], "rows": [[...], ...]}`.
impl Serialize for Table<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Rows<'t, 'a>(&'t Table<'a>);
        impl Serialize for Rows<'_, '_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.rows())
            }
        }
        let mut table = serializer.serialize_struct("Table", 2)?;
        table.serialize_field("headers", &self.headers)?;
        table.serialize_field("rows", &Rows(self))?;
        table.end()
    }
}

/// Each text of a section is borrowed where it can be (`&'a str`, from the pack or the
/// workbook) and owned where it is made for the export (`String`); both go into the same
/// builders, and text that lives too short a time must be made a `String` first.
impl<'a> Section<'a> {
    pub fn new(level: u8, heading: impl Into<Cow<'a, str>>) -> Self {
        Section {
            heading: heading.into(),
            level,
            blocks: Vec::new(),
            reflection: None,
        }
    }

    /// This section, made from the reflection with id `id`.
    pub fn of_reflection(mut self, id: impl Into<Cow<'a, str>>) -> Self {
        self.reflection = Some(id.into());
        self
    }

    pub fn paragraph(mut self, text: impl Into<Cow<'a, str>>) -> Self {
        self.blocks.push(Block::Paragraph { text: text.into() });
        self
    }

    pub fn field(mut self, label: impl Into<Cow<'a, str>>, value: impl Into<Cow<'a, str>>) -> Self {
        self.blocks.push(Block::Field {
            label: label.into(),
            value: value.into(),
        });
        self
    }

    /// A list, left out when it has no items.
    pub fn list<T: Into<Cow<'a, str>>>(mut self, items: impl IntoIterator<Item = T>) -> Self {
        let items: Vec<Cow<'a, str>> = items.into_iter().map(Into::into).collect();
        if !items.is_empty() {
            self.blocks.push(Block::List { items });
        }
        self
    }

    pub fn table<H, R, C>(
        mut self,
        headers: impl IntoIterator<Item = H>,
        rows: impl IntoIterator<Item = R>,
    ) -> Self
    where
        H: Into<Cow<'a, str>>,
        R: IntoIterator<Item = C>,
        C: Into<Cow<'a, str>>,
    {
        self.blocks.push(Block::Table(Table::new(headers, rows)));
        self
    }

    pub fn warning(mut self, text: impl Into<Cow<'a, str>>) -> Self {
        self.blocks.push(Block::Warning { text: text.into() });
        self
    }

    /// The value of the first field labelled `label`, if there is one.
    pub fn field_value(&self, label: &str) -> Option<&str> {
        self.blocks.iter().find_map(|block| match block {
            Block::Field { label: l, value } if l == label => Some(value.as_ref()),
            _ => None,
        })
    }
}

/// A piece of a document's text, and where in the document it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// e.g. "Account 1: Handover · What did you learn…", or "title".
    pub place: String,
    pub text: String,
}

impl Document<'_> {
    /// Every piece of text a reader would see, with its place: what the identifier check
    /// scans, so that nothing leaves the machine unchecked.
    pub fn pieces(&self) -> Vec<Piece> {
        let piece = |place: &str, text: &str| Piece {
            place: place.to_string(),
            text: text.to_string(),
        };
        let mut pieces = vec![piece("title", &self.title)];
        pieces.extend(self.notices.iter().map(|n| piece("notice", n)));
        for section in &self.sections {
            let heading = &section.heading;
            pieces.push(piece("heading", heading));
            for block in &section.blocks {
                match block {
                    Block::Paragraph { text } | Block::Warning { text } => {
                        pieces.push(piece(heading, text))
                    }
                    Block::Field { label, value } => {
                        pieces.push(piece(heading, label));
                        pieces.push(piece(&format!("{heading} · {label}"), value));
                    }
                    Block::List { items } => pieces.extend(items.iter().map(|i| piece(heading, i))),
                    Block::Table(table) => {
                        let headers = table.headers();
                        pieces.extend(headers.iter().map(|h| piece(heading, h)));
                        for row in table.rows() {
                            for (cell, header) in row.iter().zip(headers) {
                                pieces.push(piece(&format!("{heading} · {header}"), cell));
                            }
                        }
                    }
                }
            }
        }
        pieces.extend(self.footer.iter().map(|f| piece("footer", f)));
        pieces
    }

    /// All the text a reader would see, one piece a line.
    pub fn all_text(&self) -> String {
        self.pieces()
            .into_iter()
            .map(|p| p.text)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows_of(table: &Table) -> Vec<Vec<String>> {
        let row = |row: &[Cow<str>]| row.iter().map(|c| c.to_string()).collect();
        table.rows().map(row).collect()
    }

    #[test]
    fn a_table_keeps_its_rows_in_order_each_as_wide_as_its_headers() {
        let table = Table::new(["A", "B"], [vec!["1", "2"], vec!["3"], vec![]]);
        assert_eq!(table.headers(), ["A", "B"]);
        assert_eq!(
            rows_of(&table),
            [vec!["1", "2"], vec!["3", ""], vec!["", ""]],
            "a short row is filled out with empty cells"
        );
    }

    #[test]
    fn a_row_wider_than_the_headers_widens_the_table_and_loses_no_cell() {
        let rows = [vec!["1"], vec!["2", "3", "4"], vec!["5", "6"]];
        let table = Table::new(["A"], rows);
        assert_eq!(table.headers(), ["A", "", ""]);
        assert_eq!(
            rows_of(&table),
            [vec!["1", "", ""], vec!["2", "3", "4"], vec!["5", "6", ""]]
        );
    }

    #[test]
    fn a_table_without_headers_still_has_its_rows() {
        let empty: [&str; 0] = [];
        let table = Table::new(empty, [empty, empty]);
        assert_eq!(table.rows().len(), 2);
        let table = Table::new(empty, [vec!["x"], vec![]]);
        assert_eq!(rows_of(&table), [vec!["x"], vec![""]]);
    }

    #[test]
    fn a_table_serialises_as_its_headers_and_rows_of_cells() {
        let table = Table::new(["A", "B"], [["1", "2"], ["3", "4"]]);
        let json = serde_json::to_value(Block::Table(table)).expect("serialisable");
        let expected = serde_json::json!({
            "type": "table",
            "headers": ["A", "B"],
            "rows": [["1", "2"], ["3", "4"]],
        });
        assert_eq!(json, expected);
    }
}
