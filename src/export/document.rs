//! What an export says, apart from how it is written down: every template builds a
//! [`Document`], and [`super::render`] writes it as Markdown, plain text, HTML or JSON.

use std::borrow::Cow;

use serde::Serialize;

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
    Table {
        headers: Vec<Cow<'a, str>>,
        rows: Vec<Vec<Cow<'a, str>>>,
    },
    /// Something the reader must not miss: a shortfall, a word limit passed.
    Warning {
        text: Cow<'a, str>,
    },
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
        }
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
        let headers = headers.into_iter().map(Into::into).collect();
        let rows = rows
            .into_iter()
            .map(|row| row.into_iter().map(Into::into).collect())
            .collect();
        self.blocks.push(Block::Table { headers, rows });
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
                    Block::Table { headers, rows } => {
                        pieces.extend(headers.iter().map(|h| piece(heading, h)));
                        for row in rows {
                            let columns = headers.iter().map(|h| &**h);
                            for (cell, header) in
                                row.iter().zip(columns.chain(std::iter::repeat("")))
                            {
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
