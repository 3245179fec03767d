//! The pieces of a document as the check meets them, each with its place, in the order and
//! with the places of [`Document::pieces`] (for tables as [`crate::export::document::Table`]
//! lays them out, every row as wide as its headers): from a built document, or handed over
//! by a template as it makes its sections ([`Visiting`]), without building them.

use std::borrow::Cow;
use std::cell::RefCell;

use crate::export::document::Document;
use crate::export::sink::{Nowhere, Sink, Text};

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

/// Whose pieces the check visits: the id of the reflection whose sections they are, if they
/// are one's, in a buffer used again for each; read only for a finding.
#[derive(Default)]
pub(super) struct Whose {
    id: String,
    known: bool,
}

impl Whose {
    pub(super) fn reflection(&self) -> Option<&str> {
        self.known.then_some(self.id.as_str())
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

/// A [`Sink`] that hands each piece of the sections given it, with its place, to `visit`,
/// then hands the piece on to `then`: the JSON writer, when an export is checked as it is
/// written, or [`Nowhere`]. Each piece is visited as `then` takes it, so lists and tables
/// are never gathered first.
pub(super) struct Visiting<V, S = Nowhere> {
    /// The heading of the section being visited, the place of its pieces: kept in one
    /// buffer, used again for each section.
    heading: String,
    /// Whose pieces are visited.
    whose: Whose,
    visit: V,
    then: S,
    /// Whether a section has begun: a block before any (a maker's mistake) is placed under
    /// no heading.
    in_section: bool,
}

impl<V, S> Visiting<V, S> {
    pub(super) fn new(visit: V, then: S) -> Self {
        Visiting {
            heading: String::new(),
            whose: Whose::default(),
            visit,
            then,
            in_section: false,
        }
    }

    fn begin_block(&self) {
        debug_assert!(self.in_section, "a block before any section");
    }
}

impl<'t, V, S> Sink<'t> for Visiting<V, S>
where
    V: for<'d> FnMut(Place<'d>, &Text<'t, 'd>, &'d Whose),
    S: Sink<'t>,
{
    fn reflection(&mut self, id: Option<&str>) {
        self.whose.id.clear();
        self.whose.id.push_str(id.unwrap_or_default());
        self.whose.known = id.is_some();
        self.then.reflection(id);
    }

    fn section(&mut self, level: u8, heading: Text<'t, '_>) {
        (self.visit)(Place::Fixed("heading"), &heading, &self.whose);
        self.heading.clear();
        self.heading.push_str(heading.as_str());
        self.in_section = true;
        self.then.section(level, heading);
    }

    fn paragraph(&mut self, text: Text<'t, '_>) {
        self.begin_block();
        (self.visit)(Place::Heading(&self.heading), &text, &self.whose);
        self.then.paragraph(text);
    }

    fn field(&mut self, label: Text<'t, '_>, value: Text<'t, '_>) {
        self.begin_block();
        let whose = &self.whose;
        (self.visit)(Place::Heading(&self.heading), &label, whose);
        (self.visit)(Place::Under(&self.heading, label.as_str()), &value, whose);
        self.then.field(label, value);
    }

    fn list<'x>(&mut self, items: impl IntoIterator<Item = Text<'t, 'x>>) {
        self.begin_block();
        let (visit, heading, whose) = (&mut self.visit, &self.heading, &self.whose);
        let items = items.into_iter();
        self.then
            .list(items.inspect(|item| visit(Place::Heading(heading), item, whose)));
    }

    fn table<'x, R>(&mut self, headers: &[Cow<'t, str>], rows: impl IntoIterator<Item = R>)
    where
        R: IntoIterator<Item = Text<'t, 'x>>,
    {
        self.begin_block();
        for header in headers {
            (self.visit)(
                Place::Heading(&self.heading),
                &Text::of(header),
                &self.whose,
            );
        }
        // Each row's cells are visited as `then` takes them, one row after another; the
        // rows share the one visitor.
        let visit = RefCell::new(&mut self.visit);
        let (visit, heading, whose) = (&visit, &self.heading, &self.whose);
        let rows = rows.into_iter().map(|row| {
            // A maker hands over no row wider than its headers ([`Sink::table`]); were one
            // to, its cells past them would still be checked, under no column.
            let columns = headers.iter().map(|h| &**h).chain(std::iter::repeat(""));
            row.into_iter().zip(columns).map(move |(cell, column)| {
                (visit.borrow_mut())(Place::Under(heading, column), &cell, whose);
                cell
            })
        });
        self.then.table(headers, rows);
    }

    fn warning(&mut self, text: Text<'t, '_>) {
        self.begin_block();
        (self.visit)(Place::Heading(&self.heading), &text, &self.whose);
        self.then.warning(text);
    }
}
