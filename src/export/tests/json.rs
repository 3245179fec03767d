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
        let mut sections = Sections::new(&mut out, true);
        for section in &document.sections {
            section.replay(&mut sections);
        }
        sections.end();
        super::end(&document, !document.sections.is_empty(), &mut out);
        prop_assert_eq!(out, serde(&document));
    }
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "a row as wide as the headers")]
fn a_row_handed_over_wider_than_its_headers_is_a_mistake_caught_in_tests() {
    use crate::export::sink::{Sink, Text};
    let mut out = String::new();
    let mut sections = Sections::new(&mut out, true);
    sections.section(1, Text::Lasting("Heading"));
    let headers = [Cow::Borrowed("A")];
    sections.table(&headers, [[Text::Lasting("1"), Text::Lasting("2")]]);
}
