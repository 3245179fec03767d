//! What an export says, apart from how it is written down: every template builds a
//! [`Document`], and [`super::render`] writes it as Markdown, plain text, HTML or JSON.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The template's name, e.g. `nmc-reflective-account`.
    pub template: String,
    pub title: String,
    /// Shown first: what this document is, and who it is for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
    pub sections: Vec<Section>,
    /// Shown last: where the document belongs, attribution.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub footer: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub heading: String,
    /// 1 for a top-level section, 2 and 3 below it.
    pub level: u8,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// A label and what was written for it, e.g. a form's prompt and the answer.
    Field {
        label: String,
        value: String,
    },
    List {
        items: Vec<String>,
    },
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Something the reader must not miss: a shortfall, a word limit passed.
    Warning {
        text: String,
    },
}

impl Section {
    pub fn new(level: u8, heading: impl Into<String>) -> Self {
        Section {
            heading: heading.into(),
            level,
            blocks: Vec::new(),
        }
    }

    pub fn paragraph(mut self, text: impl Into<String>) -> Self {
        self.blocks.push(Block::Paragraph { text: text.into() });
        self
    }

    pub fn field(mut self, label: impl Into<String>, value: impl Into<String>) -> Self {
        self.blocks.push(Block::Field {
            label: label.into(),
            value: value.into(),
        });
        self
    }

    pub fn list(mut self, items: Vec<String>) -> Self {
        if !items.is_empty() {
            self.blocks.push(Block::List { items });
        }
        self
    }

    pub fn table(mut self, headers: Vec<String>, rows: Vec<Vec<String>>) -> Self {
        self.blocks.push(Block::Table { headers, rows });
        self
    }

    pub fn warning(mut self, text: impl Into<String>) -> Self {
        self.blocks.push(Block::Warning { text: text.into() });
        self
    }
}

/// A piece of a document's text, and where in the document it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// e.g. "Account 1: Handover · What did you learn…", or "title".
    pub place: String,
    pub text: String,
}

impl Document {
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
                            for (cell, header) in row
                                .iter()
                                .zip(headers.iter().chain(std::iter::repeat(&String::new())))
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
