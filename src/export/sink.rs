//! Where a template's sections go as they are made. A template that makes a reflection at a
//! time hands each piece to a [`Sink`]: one builds the [`Section`]s a preview shows, one
//! checks the pieces for identifiers, one writes them as JSON. The check and the JSON need
//! no `Section`s at all, and an export of 2,000 reflections checked first would otherwise
//! build and free some 10,000 of them twice. Sections already built are handed over the
//! same way ([`Section::replay`]), so that each consumer reads a section in one place only.

use std::borrow::Cow;

use super::document::{Block, Section, Table};

/// A text handed to a [`Sink`], and how long it lasts.
#[derive(Debug, Clone)]
pub enum Text<'a, 'x> {
    /// Standing for the whole export in the pack, the workbook or the template's wording.
    Lasting(&'a str),
    /// Made for this piece and handed over.
    Made(String),
    /// Valid only for the call: made once and kept by the maker (a competency's kinds), a
    /// line the maker writes into a buffer it reuses, or the text of a section being
    /// replayed. A sink that keeps it copies it.
    Passing(&'x str),
}

impl<'a, 'x> Text<'a, 'x> {
    /// The words, however long they last.
    pub fn as_str(&self) -> &str {
        match self {
            Text::Lasting(text) | Text::Passing(text) => text,
            Text::Made(text) => text,
        }
    }

    /// `text` as it stands in a built section.
    pub fn of(text: &'x Cow<'a, str>) -> Self {
        match text {
            Cow::Borrowed(lasting) => Text::Lasting(lasting),
            Cow::Owned(made) => Text::Passing(made),
        }
    }

    /// The text to keep in a section: borrowed if it lasts, else owned.
    pub fn kept(self) -> Cow<'a, str> {
        match self {
            Text::Lasting(text) => Cow::Borrowed(text),
            Text::Made(text) => Cow::Owned(text),
            Text::Passing(text) => Cow::Owned(text.to_string()),
        }
    }
}

impl<'a> From<&'a str> for Text<'a, '_> {
    fn from(text: &'a str) -> Self {
        Text::Lasting(text)
    }
}

impl<'a> From<Cow<'a, str>> for Text<'a, '_> {
    fn from(text: Cow<'a, str>) -> Self {
        match text {
            Cow::Borrowed(lasting) => Text::Lasting(lasting),
            Cow::Owned(made) => Text::Made(made),
        }
    }
}

impl From<String> for Text<'_, '_> {
    fn from(text: String) -> Self {
        Text::Made(text)
    }
}

/// What takes the pieces of sections in the order a reader meets them. A block belongs to
/// the section begun last; a maker begins a section before its first block. A sink takes
/// every item of a list and every cell of a table, in order, before its call returns.
pub trait Sink<'a> {
    fn section(&mut self, level: u8, heading: Text<'a, '_>);
    fn paragraph(&mut self, text: Text<'a, '_>);
    /// A label and what was written for it, e.g. a form's prompt and the answer.
    fn field(&mut self, label: Text<'a, '_>, value: Text<'a, '_>);
    /// A list, as given: a built section may hold an empty one.
    fn list<'x>(&mut self, items: impl IntoIterator<Item = Text<'a, 'x>>);
    /// A list, left out when it has no items, as [`Section::list`] leaves it.
    fn list_if_any<'x>(&mut self, items: impl IntoIterator<Item = Text<'a, 'x>>) {
        let mut items = items.into_iter().peekable();
        if items.peek().is_some() {
            self.list(items);
        }
    }
    /// A table, each row exactly as wide as `headers` (a maker must not hand over a ragged
    /// row: built sections would pad it, [`Table::new`], and JSON written from the pieces
    /// would not).
    fn table<'x, R>(&mut self, headers: &[Cow<'a, str>], rows: impl IntoIterator<Item = R>)
    where
        R: IntoIterator<Item = Text<'a, 'x>>;
    fn warning(&mut self, text: Text<'a, '_>);
    /// Whose pieces follow, until it is said again: a reflection's id, or `None` for the
    /// document's own. Only the identifier check asks, to name what it finds by the
    /// reflection's fields; other sinks let it pass.
    fn reflection(&mut self, _id: Option<&str>) {}
}

/// A sink borrowed: what is handed to it goes to the sink it borrows, which the lender keeps
/// (to finish it, say, once every piece is in).
impl<'a, S: Sink<'a> + ?Sized> Sink<'a> for &mut S {
    fn section(&mut self, level: u8, heading: Text<'a, '_>) {
        (**self).section(level, heading);
    }

    fn paragraph(&mut self, text: Text<'a, '_>) {
        (**self).paragraph(text);
    }

    fn field(&mut self, label: Text<'a, '_>, value: Text<'a, '_>) {
        (**self).field(label, value);
    }

    fn list<'x>(&mut self, items: impl IntoIterator<Item = Text<'a, 'x>>) {
        (**self).list(items);
    }

    fn table<'x, R>(&mut self, headers: &[Cow<'a, str>], rows: impl IntoIterator<Item = R>)
    where
        R: IntoIterator<Item = Text<'a, 'x>>,
    {
        (**self).table(headers, rows);
    }

    fn warning(&mut self, text: Text<'a, '_>) {
        (**self).warning(text);
    }

    fn reflection(&mut self, id: Option<&str>) {
        (**self).reflection(id);
    }
}

/// A sink that keeps nothing, but takes every item of every list and every cell of every
/// table, as any sink does: what hands pieces on to it (the check's) sees each as it goes.
pub struct Nowhere;

impl<'a> Sink<'a> for Nowhere {
    fn section(&mut self, _level: u8, _heading: Text<'a, '_>) {}

    fn paragraph(&mut self, _text: Text<'a, '_>) {}

    fn field(&mut self, _label: Text<'a, '_>, _value: Text<'a, '_>) {}

    fn list<'x>(&mut self, items: impl IntoIterator<Item = Text<'a, 'x>>) {
        items.into_iter().for_each(drop);
    }

    fn table<'x, R>(&mut self, _headers: &[Cow<'a, str>], rows: impl IntoIterator<Item = R>)
    where
        R: IntoIterator<Item = Text<'a, 'x>>,
    {
        for row in rows {
            row.into_iter().for_each(drop);
        }
    }

    fn warning(&mut self, _text: Text<'a, '_>) {}
}

/// A sink that counts the sections handed through it to `sink`.
pub struct Counting<S> {
    pub(super) sink: S,
    pub(super) sections: usize,
}

impl<S> Counting<S> {
    pub fn new(sink: S) -> Self {
        Counting { sink, sections: 0 }
    }
}

impl<'a, S: Sink<'a>> Sink<'a> for Counting<S> {
    fn section(&mut self, level: u8, heading: Text<'a, '_>) {
        self.sections += 1;
        self.sink.section(level, heading);
    }

    fn paragraph(&mut self, text: Text<'a, '_>) {
        self.sink.paragraph(text);
    }

    fn field(&mut self, label: Text<'a, '_>, value: Text<'a, '_>) {
        self.sink.field(label, value);
    }

    fn list<'x>(&mut self, items: impl IntoIterator<Item = Text<'a, 'x>>) {
        self.sink.list(items);
    }

    fn table<'x, R>(&mut self, headers: &[Cow<'a, str>], rows: impl IntoIterator<Item = R>)
    where
        R: IntoIterator<Item = Text<'a, 'x>>,
    {
        self.sink.table(headers, rows);
    }

    fn warning(&mut self, text: Text<'a, '_>) {
        self.sink.warning(text);
    }

    fn reflection(&mut self, id: Option<&str>) {
        self.sink.reflection(id);
    }
}

/// Sections built to keep, as the preview, the other formats and the other templates need.
/// Whose sections they are is set on them by whoever has them made
/// ([`Section::reflection`]): this sink lets [`Sink::reflection`] pass.
impl<'a> Sink<'a> for Vec<Section<'a>> {
    fn section(&mut self, level: u8, heading: Text<'a, '_>) {
        self.push(Section::new(level, heading.kept()));
    }

    fn paragraph(&mut self, text: Text<'a, '_>) {
        push_block(self, Block::Paragraph { text: text.kept() });
    }

    fn field(&mut self, label: Text<'a, '_>, value: Text<'a, '_>) {
        let (label, value) = (label.kept(), value.kept());
        push_block(self, Block::Field { label, value });
    }

    fn list<'x>(&mut self, items: impl IntoIterator<Item = Text<'a, 'x>>) {
        let items = items.into_iter().map(Text::kept).collect();
        push_block(self, Block::List { items });
    }

    fn table<'x, R>(&mut self, headers: &[Cow<'a, str>], rows: impl IntoIterator<Item = R>)
    where
        R: IntoIterator<Item = Text<'a, 'x>>,
    {
        let rows = rows.into_iter().map(|row| row.into_iter().map(Text::kept));
        let table = Table::new(headers.iter().cloned(), rows);
        push_block(self, Block::Table(table));
    }

    fn warning(&mut self, text: Text<'a, '_>) {
        push_block(self, Block::Warning { text: text.kept() });
    }
}

/// `block` at the end of the last section; a block before any section (a maker's mistake)
/// is kept in one without a heading.
fn push_block<'a>(sections: &mut Vec<Section<'a>>, block: Block<'a>) {
    debug_assert!(!sections.is_empty(), "a block before any section");
    if sections.is_empty() {
        sections.push(Section::new(1, ""));
    }
    if let Some(section) = sections.last_mut() {
        section.blocks.push(block);
    }
}

impl<'a> Section<'a> {
    /// Hands this section to `sink`, piece by piece, as it was made.
    pub fn replay(&self, sink: &mut impl Sink<'a>) {
        sink.reflection(self.reflection.as_deref());
        sink.section(self.level, Text::of(&self.heading));
        for block in &self.blocks {
            match block {
                Block::Paragraph { text } => sink.paragraph(Text::of(text)),
                Block::Field { label, value } => sink.field(Text::of(label), Text::of(value)),
                Block::List { items } => sink.list(items.iter().map(Text::of)),
                Block::Table(table) => {
                    let rows = table.rows().map(|row| row.iter().map(Text::of));
                    sink.table(table.headers(), rows);
                }
                Block::Warning { text } => sink.warning(Text::of(text)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section() -> Section<'static> {
        Section::new(2, "Heading")
            .paragraph("Para")
            .field("Label", String::from("Value"))
            .list(["i", "ii"])
            .table(["H1", "H2"], [["a", "b"], ["c", "d"]])
            .warning("Careful")
    }

    #[test]
    fn a_section_replayed_into_sections_is_built_again_the_same() {
        let original = section();
        let mut built: Vec<Section> = Vec::new();
        original.replay(&mut built);
        original.replay(&mut built);
        assert_eq!(built, [original.clone(), original]);
        // A borrowed text stays borrowed, and a made one owned.
        let owned = |s: &Section| -> Vec<bool> {
            let field = s.blocks.iter().find(|b| matches!(b, Block::Field { .. }));
            let Some(Block::Field { label, value }) = field else {
                panic!("a field");
            };
            [&s.heading, label, value]
                .map(|text| matches!(text, Cow::Owned(_)))
                .to_vec()
        };
        assert_eq!(owned(&built[1]), [false, false, true]);
    }

    #[test]
    fn an_empty_list_is_left_out_and_a_text_is_kept_borrowed_only_if_it_lasts() {
        let mut built: Vec<Section> = Vec::new();
        built.section(1, Text::Lasting("One"));
        built.list_if_any(std::iter::empty());
        let made = String::from("made");
        built.paragraph(Text::Passing(&made));
        built.paragraph(Text::Made("handed over".into()));
        let [section] = built.as_slice() else {
            panic!("one section: {built:?}");
        };
        assert!(matches!(section.heading, Cow::Borrowed("One")));
        let kinds: Vec<bool> = (section.blocks.iter())
            .map(|block| {
                matches!(
                    block,
                    Block::Paragraph {
                        text: Cow::Owned(_)
                    }
                )
            })
            .collect();
        assert_eq!(kinds, [true, true], "no list, and both paragraphs owned");
    }
}
