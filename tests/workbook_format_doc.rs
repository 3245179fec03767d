//! The example in docs/workbook-format.md: it must be a valid workbook, use only ids of the
//! built-in pack, and be exactly what wheelbook writes.

use wheelbook::content::{Pack, PackSource};
use wheelbook::workbook::Workbook;

const DOC: &str = include_str!("../docs/workbook-format.md");

/// The text of the first ```json block of the page.
fn example_json() -> &'static str {
    let start = DOC
        .find("\n```json\n")
        .expect("docs/workbook-format.md has a ```json block")
        + "\n```json\n".len();
    let length = DOC[start..]
        .find("\n```")
        .expect("the ```json block is closed");
    &DOC[start..start + length]
}

fn example() -> Workbook {
    match serde_json::from_str(example_json()) {
        Ok(workbook) => workbook,
        Err(error) => panic!("the example in docs/workbook-format.md is not a workbook: {error}"),
    }
}

fn wheel() -> Pack {
    match PackSource::BuiltIn.load() {
        Ok(pack) => pack,
        Err(error) => panic!("the built-in pack must be valid:\n{error}"),
    }
}

#[test]
fn the_example_parses_as_a_workbook() {
    let workbook = example();
    assert_eq!(workbook.schema_version, wheelbook::workbook::SCHEMA_VERSION);
    assert_eq!(workbook.reflections.len(), 2);
    assert_eq!(workbook.actions.len(), 2);
}

#[test]
fn every_id_in_the_example_is_in_the_built_in_pack() {
    let pack = wheel();
    let workbook = example();
    for reflection in &workbook.reflections {
        let orphans = reflection.ids_not_in(&pack);
        assert!(
            orphans.is_empty(),
            "{} refers to ids the built-in pack lacks: {orphans:?}",
            reflection.id
        );
        assert_eq!(reflection.pack.id, pack.id, "{}", reflection.id);
    }
    for action in &workbook.actions {
        assert!(pack.area(&action.area).is_some(), "{}", action.area);
        if let Some(reflection) = &action.reflection {
            assert!(
                workbook.find_reflection(reflection).is_ok(),
                "{} comes from an unknown reflection {reflection}",
                action.id
            );
        }
    }
}

#[test]
fn the_example_ids_have_the_documented_shape() {
    let workbook = example();
    let ids = workbook
        .reflections
        .iter()
        .map(|r| ("r", &r.id, r.created))
        .chain(workbook.actions.iter().map(|a| ("a", &a.id, a.created)));
    for (prefix, id, created) in ids {
        let expected_start = format!("{prefix}{}-", created.format("%Y%m%d"));
        let digits = id
            .strip_prefix(&expected_start)
            .unwrap_or_else(|| panic!("{id} should start with {expected_start}"));
        assert!(
            digits.len() == 12
                && digits
                    .chars()
                    .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)),
            "{id} should end with 12 lower-case hex digits"
        );
    }
}

#[test]
fn the_example_survives_a_round_trip() {
    let workbook = example();
    let written = serde_json::to_string_pretty(&workbook).expect("serialise");
    let read: Workbook = serde_json::from_str(&written).expect("parse again");
    assert_eq!(read, workbook);
}

#[test]
fn the_example_is_exactly_what_wheelbook_writes() {
    let written = serde_json::to_string_pretty(&example()).expect("serialise");
    for (number, (ours, doc)) in written.lines().zip(example_json().lines()).enumerate() {
        assert_eq!(ours, doc, "line {} of the example differs", number + 1);
    }
    assert_eq!(written, example_json());
}
