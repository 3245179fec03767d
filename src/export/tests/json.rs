//! The JSON writer held to serde_json, on any document and through one sink for all of its
//! sections.

use std::borrow::Cow;

use super::*;
use crate::export::document::{Block, Table};
use proptest::prelude::*;

fn written(document: &Document) -> String {
    crate::export::render::render(document, crate::export::render::Format::Json)
}

fn serde(document: &Document) -> String {
    serde_json::to_string_pretty(document).expect("serialisable") + "\n"
}

fn text() -> impl Strategy<Value = String> {
    // Escapes, controls, multi-byte characters, and runs longer than a 16-byte block.
    prop::collection::vec(
        prop_oneof![
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("\n".to_string()),
            Just("é—’".to_string()),
            Just("a plain run of words, long enough".to_string()),
            (0u8..0x20).prop_map(|b| char::from(b).to_string()),
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

fn strings() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..3)
}

fn cows(texts: Vec<String>) -> Vec<Cow<'static, str>> {
    texts.into_iter().map(Cow::Owned).collect()
}

fn block() -> impl Strategy<Value = Block<'static>> {
    prop_oneof![
        text().prop_map(|text| Block::Paragraph { text: text.into() }),
        (text(), text()).prop_map(|(label, value)| Block::Field {
            label: label.into(),
            value: value.into(),
        }),
        strings().prop_map(|items| Block::List { items: cows(items) }),
        (strings(), prop::collection::vec(strings(), 0..3))
            .prop_map(|(headers, rows)| { Block::Table(Table::new(headers, rows)) }),
        text().prop_map(|text| Block::Warning { text: text.into() }),
    ]
}

fn document() -> impl Strategy<Value = Document<'static>> {
    let section = (text(), any::<u8>(), prop::collection::vec(block(), 0..4)).prop_map(
        |(heading, level, blocks)| Section {
            heading: heading.into(),
            level,
            blocks,
            reflection: None,
        },
    );
    (
        text(),
        text(),
        strings(),
        prop::collection::vec(section, 0..4),
        strings(),
    )
        .prop_map(|(template, title, notices, sections, footer)| Document {
            template,
            title,
            notices,
            sections,
            footer,
        })
}

proptest! {
    #[test]
    fn the_json_is_what_serde_json_writes(document in document()) {
        prop_assert_eq!(written(&document), serde(&document));
    }
}

#[test]
fn every_byte_escapes_as_serde_json_escapes_it() {
    let all: String = (0..=127u8).map(char::from).collect();
    let document = Document {
        template: all.clone(),
        title: all.repeat(3),
        notices: vec![],
        sections: vec![],
        footer: vec![],
    };
    assert_eq!(written(&document), serde(&document));
}

proptest! {
    /// As a stretch of reflections is written: one sink takes all of its sections.
    #[test]
    fn one_sink_for_all_the_sections_writes_what_serde_json_writes(document in document()) {
        let mut out = String::new();
        super::start(&document, &mut out);
        let mut sections = Sections::new(&mut out, true, None);
        for section in &document.sections {
            section.replay(&mut sections);
        }
        sections.end();
        super::end(&document, !document.sections.is_empty(), &mut out);
        prop_assert_eq!(out, serde(&document));
    }
}

/// `document` written as a stretch of reflections is, its rows remembered in `rows`.
fn written_remembering<'a>(document: &Document<'a>, rows: &mut Rows<'a>) -> String {
    let mut out = String::new();
    super::start(document, &mut out);
    let mut sections = Sections::new(&mut out, true, Some(rows));
    for section in &document.sections {
        section.replay(&mut sections);
    }
    sections.end();
    super::end(document, !document.sections.is_empty(), &mut out);
    out
}

/// A document of `tables` tables of `width` columns, each row's cells picked from `pool`:
/// borrowed from it (lasting) or copied (made), as a pick says.
fn tables_of<'a>(
    pool: &'a [String],
    width: usize,
    picks: &[Vec<(usize, bool)>],
    tables: usize,
) -> Document<'a> {
    let cell = |&(index, lasting): &(usize, bool)| -> Cow<'a, str> {
        let text = &pool[index % pool.len()];
        if lasting {
            Cow::Borrowed(text.as_str())
        } else {
            Cow::Owned(text.clone())
        }
    };
    let headers: Vec<String> = (0..width).map(|c| format!("c{c}")).collect();
    let rows = || picks.iter().map(|row| row[..width].iter().map(cell));
    let section = |n: usize| Section {
        heading: format!("Table {n}").into(),
        level: 2,
        blocks: vec![Block::Table(Table::new(headers.clone(), rows()))],
        reflection: None,
    };
    Document {
        template: "record".into(),
        title: "Tables".into(),
        notices: vec![],
        sections: (0..tables).map(section).collect(),
        footer: vec![],
    }
}

proptest! {
    /// As the record's rating tables are written: rows of lasting cells, the same texts again
    /// and again, are copied from those remembered, and the JSON is still serde_json's, rows
    /// wider than those remembered and rows with made cells among them.
    #[test]
    fn rows_remembered_write_what_serde_json_writes(
        pool in prop::collection::vec(text(), 1..4),
        width in 0usize..7,
        picks in prop::collection::vec(prop::collection::vec((0usize..4, any::<bool>()), 6), 0..8),
        tables in 1usize..4,
    ) {
        let document = tables_of(&pool, width, &picks, tables);
        let mut rows = Rows::default();
        prop_assert_eq!(written_remembering(&document, &mut rows), serde(&document));
    }
}

#[test]
fn a_row_of_lasting_cells_is_remembered_once_and_a_row_with_a_made_cell_never() {
    let pool = ["3 Established".to_string(), "Knowledge".to_string()];
    let lasting = vec![(0, true), (1, true)];
    let made = vec![(0, true), (1, false)];
    let picks = [lasting.clone(), made, lasting];
    let document = tables_of(&pool, 2, &picks, 3);
    let mut rows = Rows::default();
    assert_eq!(written_remembering(&document, &mut rows), serde(&document));
    // Six rows of lasting cells over the three tables, all the same: one remembered.
    assert_eq!(rows.written.len(), 1);
}

#[test]
fn the_keys_written_at_once_are_those_written_one_piece_at_a_time() {
    let key = |depth: usize, key: &str, first: bool| {
        let mut out = String::new();
        Json { out: &mut out }.key(depth, key, first);
        out
    };
    let opening = |kind: &str| {
        let mut out = String::from("{");
        let mut json = Json { out: &mut out };
        json.key(IN_BLOCK, "type", true);
        json.string(kind);
        out
    };
    assert_eq!(keys::HEADING, key(IN_SECTION, "heading", true));
    assert_eq!(keys::LEVEL, key(IN_SECTION, "level", false));
    assert_eq!(keys::BLOCKS, key(IN_SECTION, "blocks", false));
    for (written, name) in [
        (keys::TEXT, "text"),
        (keys::LABEL, "label"),
        (keys::VALUE, "value"),
        (keys::ITEMS, "items"),
        (keys::HEADERS, "headers"),
        (keys::ROWS, "rows"),
    ] {
        assert_eq!(written, key(IN_BLOCK, name, false));
    }
    for (written, kind) in [
        (keys::PARAGRAPH, "paragraph"),
        (keys::FIELD, "field"),
        (keys::LIST, "list"),
        (keys::TABLE, "table"),
        (keys::WARNING, "warning"),
    ] {
        assert_eq!(written, opening(kind));
    }
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "a row as wide as the headers")]
fn a_row_handed_over_wider_than_its_headers_is_a_mistake_caught_in_tests() {
    use crate::export::sink::{Sink, Text};
    let mut out = String::new();
    let mut sections = Sections::new(&mut out, true, None);
    sections.section(1, Text::Lasting("Heading"));
    let headers = [Cow::Borrowed("A")];
    sections.table(&headers, [[Text::Lasting("1"), Text::Lasting("2")]]);
}
