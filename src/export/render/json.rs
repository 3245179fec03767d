//! A [`Document`] as JSON, byte for byte what `serde_json::to_string_pretty` writes for it,
//! written by hand: an export of thousands of reflections is some 17 MB of JSON, and
//! serde_json writes each level of indentation and each unescaped byte one at a time.

use std::borrow::Cow;

use super::super::document::{Document, Section};
use super::super::sink::{Sink, Text};
use crate::export::numbers::push_whole;
use crate::masks::first_json_escape;

mod rows;

pub use rows::Rows;
use rows::write_row;

/// Two spaces a level, as serde_json's pretty printer indents, enough for any depth here.
const SPACES: &str = "                                ";

/// What goes between two items, then the indent: after the comma, what starts a first item.
/// One push for the whole of it: a large export writes a million of them.
const NEXT_LINE: &str = ",\n                                ";

/// The start of `document`, up to its sections.
pub(super) fn start(document: &Document, out: &mut String) {
    Json { out }.start(document);
}

/// A section of the document, `first` among them or after those before it.
pub(super) fn section(section: &Section, first: bool, out: &mut String) {
    let mut sections = Sections::new(out, first, None);
    section.replay(&mut sections);
    sections.end();
}

/// Sections written as JSON as their pieces are handed over, after those before them:
/// the sections of a document made a reflection at a time need not be built to be written.
pub struct Sections<'o, 'a> {
    json: Json<'o>,
    /// Whether the next section is the document's first.
    first: bool,
    open: Open,
    rows: Option<&'o mut Rows<'a>>,
}

/// How far the section being written has come.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    /// Its heading and level, before any block.
    Section,
    Blocks,
}

/// The depths at which a section and its blocks stand, as [`super::render`] nests them.
const SECTION: usize = 2;
const IN_SECTION: usize = SECTION + 1;
const BLOCK: usize = IN_SECTION + 1;
const IN_BLOCK: usize = BLOCK + 1;

/// The keys of a section and its blocks, each with the line break and indent before it, as
/// [`Json::key`] writes them at [`IN_SECTION`] and [`IN_BLOCK`], and a block's opening with
/// its type: one push each, where an export of 2,000 reflections writes some 120,000 keys
/// (held to [`Json::key`] by a test).
mod keys {
    pub(super) const HEADING: &str = "\n      \"heading\": ";
    pub(super) const LEVEL: &str = ",\n      \"level\": ";
    pub(super) const BLOCKS: &str = ",\n      \"blocks\": ";
    pub(super) const TEXT: &str = ",\n          \"text\": ";
    pub(super) const LABEL: &str = ",\n          \"label\": ";
    pub(super) const VALUE: &str = ",\n          \"value\": ";
    pub(super) const ITEMS: &str = ",\n          \"items\": ";
    pub(super) const HEADERS: &str = ",\n          \"headers\": ";
    pub(super) const ROWS: &str = ",\n          \"rows\": ";

    /// The opening of a block of each type, up to its type.
    pub(super) const PARAGRAPH: &str = "{\n          \"type\": \"paragraph\"";
    pub(super) const FIELD: &str = "{\n          \"type\": \"field\"";
    pub(super) const LIST: &str = "{\n          \"type\": \"list\"";
    pub(super) const TABLE: &str = "{\n          \"type\": \"table\"";
    pub(super) const WARNING: &str = "{\n          \"type\": \"warning\"";
}

impl<'o, 'a> Sections<'o, 'a> {
    /// Sections written to `out`, the first of them the document's if `first`, copying the
    /// table rows in `rows` that come again, and remembering there those that may.
    pub fn new(out: &'o mut String, first: bool, rows: Option<&'o mut Rows<'a>>) -> Self {
        Sections {
            json: Json { out },
            first,
            open: Open::Nothing,
            rows,
        }
    }

    /// Closes the last section.
    pub fn end(mut self) {
        self.close_section();
    }

    fn close_section(&mut self) {
        let json = &mut self.json;
        match self.open {
            Open::Nothing => return,
            Open::Section => json.out.push_str("[]"),
            Open::Blocks => json.close(IN_SECTION, ']'),
        }
        json.close(SECTION, '}');
        self.open = Open::Nothing;
    }

    /// Begins a block in the section's array of blocks with `opening` (one of [`keys`]), as
    /// serde's internally tagged enum writes one: the tag first, then the fields in order.
    fn block(&mut self, opening: &str) -> &mut Json<'o> {
        match self.open {
            Open::Nothing => {
                debug_assert!(false, "a block before any section");
                self.section(1, Text::Lasting(""));
            }
            Open::Section => {
                self.json.out.push('[');
                self.json.line(BLOCK, true);
            }
            Open::Blocks => self.json.line(BLOCK, false),
        }
        self.open = Open::Blocks;
        let json = &mut self.json;
        json.out.push_str(opening);
        json
    }

    fn text_block(&mut self, opening: &str, text: &str) {
        let json = self.block(opening);
        json.out.push_str(keys::TEXT);
        json.string(text);
        json.close(BLOCK, '}');
    }
}

impl<'a> Sink<'a> for Sections<'_, 'a> {
    fn section(&mut self, level: u8, heading: Text<'a, '_>) {
        self.close_section();
        let json = &mut self.json;
        if self.first {
            json.out.push('[');
        }
        json.line(SECTION, self.first);
        self.first = false;
        json.out.push('{');
        json.out.push_str(keys::HEADING);
        json.string(heading.as_str());
        json.out.push_str(keys::LEVEL);
        push_whole(json.out, u64::from(level));
        json.out.push_str(keys::BLOCKS);
        self.open = Open::Section;
    }

    fn paragraph(&mut self, text: Text<'a, '_>) {
        self.text_block(keys::PARAGRAPH, text.as_str());
    }

    fn field(&mut self, label: Text<'a, '_>, value: Text<'a, '_>) {
        let json = self.block(keys::FIELD);
        json.out.push_str(keys::LABEL);
        json.string(label.as_str());
        json.out.push_str(keys::VALUE);
        json.string(value.as_str());
        json.close(BLOCK, '}');
    }

    fn list<'x>(&mut self, items: impl IntoIterator<Item = Text<'a, 'x>>) {
        let json = self.block(keys::LIST);
        json.out.push_str(keys::ITEMS);
        json.array(IN_BLOCK, items, |json, _, item| json.string(item.as_str()));
        json.close(BLOCK, '}');
    }

    fn table<'x, R>(&mut self, headers: &[Cow<'a, str>], rows: impl IntoIterator<Item = R>)
    where
        R: IntoIterator<Item = Text<'a, 'x>>,
    {
        self.block(keys::TABLE);
        let (json, mut remembered) = (&mut self.json, self.rows.as_deref_mut());
        json.out.push_str(keys::HEADERS);
        json.strings(IN_BLOCK, headers);
        json.out.push_str(keys::ROWS);
        let width = headers.len();
        json.array(IN_BLOCK, rows, |json, depth, row| {
            let mut cells = 0;
            let counted = row.into_iter().inspect(|_| cells += 1);
            write_row(json, depth, counted, remembered.as_deref_mut());
            debug_assert_eq!(cells, width, "a row as wide as the headers");
        });
        json.close(BLOCK, '}');
    }

    fn warning(&mut self, text: Text<'a, '_>) {
        self.text_block(keys::WARNING, text.as_str());
    }
}

/// The end of `document`, after its sections, if `any_sections`.
pub(super) fn end(document: &Document, any_sections: bool, out: &mut String) {
    Json { out }.end(document, any_sections);
    out.push('\n');
}

struct Json<'o> {
    out: &'o mut String,
}

impl<'o> Json<'o> {
    fn start(&mut self, d: &Document) {
        self.out.push('{');
        self.key(1, "template", true);
        self.string(&d.template);
        self.key(1, "title", false);
        self.string(&d.title);
        // As `skip_serializing_if = "Vec::is_empty"` on the Document.
        if !d.notices.is_empty() {
            self.key(1, "notices", false);
            self.strings(1, &d.notices);
        }
        self.key(1, "sections", false);
    }

    /// As [`Json::array`] ends the sections' array begun by the first section.
    fn end(&mut self, d: &Document, any_sections: bool) {
        if any_sections {
            self.close(1, ']');
        } else {
            self.out.push_str("[]");
        }
        if !d.footer.is_empty() {
            self.key(1, "footer", false);
            self.strings(1, &d.footer);
        }
        self.close(0, '}');
    }

    fn strings(&mut self, depth: usize, strings: &[impl AsRef<str>]) {
        self.array(depth, strings, |json, _, s| json.string(s.as_ref()));
    }

    /// `items` as an array whose opening bracket stands at `depth`; `[]` when empty.
    fn array<T>(
        &mut self,
        depth: usize,
        items: impl IntoIterator<Item = T>,
        mut item: impl FnMut(&mut Self, usize, T),
    ) {
        let mut items = items.into_iter().peekable();
        if items.peek().is_none() {
            self.out.push_str("[]");
            return;
        }
        self.out.push('[');
        for (i, value) in items.enumerate() {
            self.line(depth + 1, i == 0);
            item(self, depth + 1, value);
        }
        self.close(depth, ']');
    }

    fn key(&mut self, depth: usize, key: &str, first: bool) {
        self.line(depth, first);
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\": ");
    }

    fn line(&mut self, depth: usize, first: bool) {
        let from = usize::from(first);
        match NEXT_LINE.get(from..2 + 2 * depth) {
            Some(line) => self.out.push_str(line),
            None => {
                self.out.push_str(&NEXT_LINE[from..2]);
                self.indent(depth);
            }
        }
    }

    fn close(&mut self, depth: usize, bracket: char) {
        self.line(depth, true);
        self.out.push(bracket);
    }

    fn indent(&mut self, depth: usize) {
        let mut width = 2 * depth;
        while width > SPACES.len() {
            self.out.push_str(SPACES);
            width -= SPACES.len();
        }
        self.out.push_str(&SPACES[..width]);
    }

    /// `text` quoted and escaped as serde_json escapes: `"`, `\` and control characters,
    /// with the short forms \b \t \n \f \r and `\u00xx` for the rest; nothing else.
    fn string(&mut self, text: &str) {
        // Room for the text and its quotes at once; escapes are rare.
        self.out.reserve(text.len() + 2);
        self.out.push('"');
        let mut rest = text;
        while let Some(at) = first_json_escape(rest.as_bytes()) {
            // Escapes are ASCII, so `at` stands on a character boundary.
            self.out.push_str(&rest[..at]);
            self.escape(rest.as_bytes()[at]);
            rest = &rest[at + 1..];
        }
        self.out.push_str(rest);
        self.out.push('"');
    }

    fn escape(&mut self, byte: u8) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let short = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0c => "\\f",
            b'\r' => "\\r",
            _ => {
                self.out.push_str("\\u00");
                self.out.push(char::from(HEX[usize::from(byte >> 4)]));
                self.out.push(char::from(HEX[usize::from(byte & 0xf)]));
                return;
            }
        };
        self.out.push_str(short);
    }
}

#[cfg(test)]
#[path = "../tests/json.rs"]
mod tests;
