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

impl Document {
    /// All the text a reader would see, for the identifier check of what leaves the machine.
    pub fn all_text(&self) -> String {
        let mut text = vec![self.title.clone()];
        text.extend(self.notices.iter().cloned());
        for section in &self.sections {
            text.push(section.heading.clone());
            for block in &section.blocks {
                match block {
                    Block::Paragraph { text: t } | Block::Warning { text: t } => {
                        text.push(t.clone())
                    }
                    Block::Field { label, value } => text.extend([label.clone(), value.clone()]),
                    Block::List { items } => text.extend(items.iter().cloned()),
                    Block::Table { headers, rows } => {
                        text.extend(headers.iter().cloned());
                        text.extend(rows.iter().flatten().cloned());
                    }
                }
            }
        }
        text.extend(self.footer.iter().cloned());
        text.join("\n")
    }
}
