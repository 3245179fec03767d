//! Writing a document down: what each format writes, held to what it wrote before.

use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

use super::{Format, Table, escape, finish, plain_table};
use crate::columns::columns;

/// [`escape`] as it was first written, a character at a time.
fn escape_by_characters(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br />"),
            c => out.push(c),
        }
    }
    out
}

fn texts() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        prop::sample::select(vec![
            "&",
            "<",
            ">",
            "\"",
            "'",
            "\n",
            "\t",
            "\r",
            "\u{7f}",
            "é",
            "—",
            "中文",
            "e\u{301}",
            "a run of plain words long enough to take a line past a block of 64 bytes",
        ])
        .prop_map(String::from),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(part, 0..16).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn html_escapes_any_text_as_a_character_at_a_time(text in texts()) {
        prop_assert_eq!(escape(&text), escape_by_characters(&text));
    }

    #[test]
    fn a_text_takes_the_columns_unicode_width_gives_it(text in texts()) {
        prop_assert_eq!(columns(&text), text.width());
    }
}

#[test]
fn markdown_and_text_end_in_one_line_break_whatever_the_last_pieces_hold() {
    for format in [Format::Markdown, Format::Text] {
        let mut pieces = vec!["a \n".to_string(), " \n".into(), String::new()];
        finish(format, &mut pieces);
        assert_eq!(pieces, ["a\n"], "{format:?}");
        let mut blank = vec![" ".to_string(), "\n".into()];
        finish(format, &mut blank);
        assert_eq!(blank, ["\n"], "{format:?}");
    }
    let mut json = vec!["{}\n".to_string(), String::new()];
    finish(Format::Json, &mut json);
    assert_eq!(json, ["{}\n", ""]);
}

#[test]
fn a_wide_table_in_plain_text_is_written_row_by_row_a_cell_past_the_headers_alone() {
    let long = "a cell long enough to take the table past the width of plain text ".repeat(2);
    let long = long.trim_end();
    let table = Table::new(["Competency", "Kind"], [[long, "Skills", "extra"]]);
    assert_eq!(
        plain_table(&table),
        format!("  - {long}\n    Kind: Skills\n    extra\n")
    );
}

#[test]
fn a_cell_with_line_breaks_is_one_line_in_plain_text_and_measured_as_one() {
    let table = Table::new(
        ["Note", "Kind"],
        [["one\ntwo", "Skills"], ["three", "Attitude"]],
    );
    assert_eq!(
        plain_table(&table),
        "Note     Kind\n-------  --------\none two  Skills\nthree    Attitude\n"
    );
    let long = "a cell long enough to take the table past the width of plain text\n".repeat(2);
    let wide = Table::new(["Note", "Kind"], [[long.as_str(), "Skills"]]);
    let written = plain_table(&wide);
    assert_eq!(written.lines().count(), 2, "{written}");
    assert!(written.starts_with("  - a cell long enough"), "{written}");
}
