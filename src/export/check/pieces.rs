//! The pieces of a document as the check meets them, each with its place, in the order and
//! with the places of [`Document::pieces`] (for tables as [`crate::export::document::Table`]
//! lays them out, every row as wide as its headers): from a built document, or handed over
//! by a template as it makes its sections ([`Visiting`]), without building them.

use std::borrow::Cow;

use crate::export::document::Document;
use crate::export::sink::{Sink, Text};

/// Where a piece of a document stands, as [`crate::export::document::Piece::place`] words
/// it; written out only for a finding, since nearly every piece has none.
#[derive(Clone, Copy)]
pub(super) enum Place<'d> {
    Fixed(&'static str),
    Heading(&'d str),
    /// A field's value or a table's cell: the heading and the label or column.
    Under(&'d str, &'d str),
}

impl Place<'_> {
    pub(super) fn text(&self) -> String {
        match self {
            Place::Fixed(place) => place.to_string(),
            Place::Heading(heading) => heading.to_string(),
            Place::Under(heading, label) => format!("{heading} · {label}"),
        }
    }
}

/// The title and notices of `document`.
pub(super) fn each_opening_piece<'d>(
    document: &'d Document<'_>,
    mut visit: impl FnMut(Place<'d>, &'d str),
) {
    visit(Place::Fixed("title"), &document.title);
    for notice in &document.notices {
        visit(Place::Fixed("notice"), notice);
    }
}

/// A [`Sink`] that hands each piece of the sections given it, with its place, to `visit`.
pub(super) struct Visiting<V> {
    /// The heading of the section being visited, the place of its pieces: kept in one
    /// buffer, used again for each section.
    heading: String,
    visit: V,
    /// Whether a section has begun: a block before any (a maker's mistake) is placed under
    /// no heading.
    in_section: bool,
}

impl<V> Visiting<V> {
    pub(super) fn new(visit: V) -> Self {
        Visiting {
            heading: String::new(),
            visit,
            in_section: false,
        }
    }

    fn begin_block(&self) {
        debug_assert!(self.in_section, "a block before any section");
    }
}

impl<'t, V> Sink<'t> for Visiting<V>
where
    V: for<'d> FnMut(Place<'d>, &Text<'t, 'd>),
{
    fn section(&mut self, _level: u8, heading: Text<'t, '_>) {
        (self.visit)(Place::Fixed("heading"), &heading);
        self.heading.clear();
        self.heading.push_str(heading.as_str());
        self.in_section = true;
    }

    fn paragraph(&mut self, text: Text<'t, '_>) {
        self.begin_block();
        (self.visit)(Place::Heading(&self.heading), &text);
    }

    fn field(&mut self, label: Text<'t, '_>, value: Text<'t, '_>) {
        self.begin_block();
        (self.visit)(Place::Heading(&self.heading), &label);
        (self.visit)(Place::Under(&self.heading, label.as_str()), &value);
    }

    fn list<'x>(&mut self, items: impl IntoIterator<Item = Text<'t, 'x>>) {
        self.begin_block();
        for item in items {
            (self.visit)(Place::Heading(&self.heading), &item);
        }
    }

    fn table<'x, R>(&mut self, headers: &[Cow<'t, str>], rows: impl IntoIterator<Item = R>)
    where
        R: IntoIterator<Item = Text<'t, 'x>>,
    {
        self.begin_block();
        for header in headers {
            (self.visit)(Place::Heading(&self.heading), &Text::of(header));
        }
        for row in rows {
            // A maker hands over no row wider than its headers ([`Sink::table`]); were one
            // to, its cells past them would still be checked, under no column.
            let columns = headers.iter().map(|h| &**h).chain(std::iter::repeat(""));
            for (cell, column) in row.into_iter().zip(columns) {
                (self.visit)(Place::Under(&self.heading, column), &cell);
            }
        }
    }

    fn warning(&mut self, text: Text<'t, '_>) {
        self.begin_block();
        (self.visit)(Place::Heading(&self.heading), &text);
    }
}
