//! Tests of the `cpd-log` template.

use chrono::NaiveDate;

use super::Document;
use super::build;
use crate::content::{Pack, PackSource};
use crate::export::document::Block;
use crate::export::regulators::{self, Regulators};
use crate::export::templates::{Options, Sources};
use crate::workbook::generate::generate;
use crate::workbook::{Reflection, Workbook};

fn fixture() -> (Pack, Workbook, Regulators) {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, 4, 3);
    (pack, workbook, regulators::built_in().expect("regulators"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Sets a reflection's date, hours and whether they were participatory.
fn set(r: &mut Reflection, title: &str, on: NaiveDate, hours: Option<f64>, with_others: bool) {
    r.title = title.into();
    r.cpd.activity_date = Some(on);
    r.cpd.hours = hours;
    r.cpd.participatory = Some(with_others);
}

/// Four rows: two in the window, one four years old, one with no hours.
fn four_rows(workbook: &mut Workbook) {
    let mut rows: Vec<&mut Reflection> = workbook.reflections_mut().collect();
    set(rows[0], "Old course", date(2022, 10, 1), Some(30.0), true);
    set(rows[1], "Reading", date(2025, 1, 1), Some(5.5), false);
    set(rows[2], "Study day", date(2026, 6, 1), Some(10.0), true);
    set(rows[3], "Huddle", date(2026, 7, 1), None, true);
}

fn export(pack: &Pack, workbook: &Workbook, regs: &Regulators) -> Document {
    let sources = Sources::new(pack, workbook, regs, date(2026, 11, 1));
    let reflections: Vec<&Reflection> = workbook
        .reflections
        .iter()
        .map(std::sync::Arc::as_ref)
        .collect();
    build(&sources, &reflections, &Options::default())
}

fn table(document: &Document) -> (Vec<String>, Vec<Vec<String>>) {
    document.sections[0]
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(table) => Some((
                table.headers().iter().map(|h| h.to_string()).collect(),
                table
                    .rows()
                    .map(|row| row.iter().map(|c| c.to_string()).collect())
                    .collect(),
            )),
            _ => None,
        })
        .expect("the table")
}

fn totals(document: &Document) -> (Vec<(String, String)>, Vec<String>) {
    let mut fields = Vec::new();
    let mut warnings = Vec::new();
    for block in &document.sections[1].blocks {
        match block {
            Block::Field { label, value } => fields.push((label.to_string(), value.to_string())),
            Block::Warning { text } => warnings.push(text.to_string()),
            _ => {}
        }
    }
    (fields, warnings)
}

fn column(regs: &Regulators, id: &str) -> usize {
    let columns = &regs.nmc.cpd_log.columns;
    columns.iter().position(|c| c.id == id).expect("column")
}

#[test]
fn one_row_per_reflection_under_the_columns_of_the_data_file() {
    let (pack, mut workbook, regs) = fixture();
    four_rows(&mut workbook);
    workbook.reflection_mut(2).cpd.code_themes = [
        "promote-professionalism-and-trust".to_string(),
        "prioritise-people".to_string(),
    ]
    .into();
    workbook.reflection_mut(2).cpd.method = Some("study day".into());
    workbook.reflection_mut(2).cpd.evidence = Some("Certificate, June 2026".into());
    let document = export(&pack, &workbook, &regs);
    assert_eq!(document.template, "cpd-log");
    let (headers, rows) = table(&document);
    let labels: Vec<String> = regs
        .nmc
        .cpd_log
        .columns
        .iter()
        .map(|c| c.label.clone())
        .collect();
    assert_eq!(headers, labels);
    assert_eq!(rows.len(), 4, "the old row is listed too");
    let row = &rows[2];
    assert_eq!(row[column(&regs, "dates")], "2026-06-01");
    assert_eq!(row[column(&regs, "method")], "study day");
    let topic = &row[column(&regs, "topic")];
    assert!(topic.starts_with("Study day. Focus: "), "{topic}");
    assert!(topic.contains("Context: "), "{topic}");
    assert_eq!(row[column(&regs, "hours")], "10");
    assert_eq!(row[column(&regs, "participatory-hours")], "10");
    assert_eq!(
        row[column(&regs, "code")],
        "Prioritise people; Promote professionalism and trust"
    );
    assert_eq!(row[column(&regs, "evidence")], "Certificate, June 2026");
}

#[test]
fn participatory_hours_are_the_hours_only_when_participatory() {
    let (pack, mut workbook, regs) = fixture();
    four_rows(&mut workbook);
    workbook.reflection_mut(0).cpd.participatory = None;
    let (_, rows) = table(&export(&pack, &workbook, &regs));
    let (hours, with_others) = (column(&regs, "hours"), column(&regs, "participatory-hours"));
    assert_eq!(
        (rows[0][hours].as_str(), rows[0][with_others].as_str()),
        ("30", "0")
    );
    assert_eq!(
        (rows[1][hours].as_str(), rows[1][with_others].as_str()),
        ("5.5", "0")
    );
    assert_eq!(
        (rows[2][hours].as_str(), rows[2][with_others].as_str()),
        ("10", "10")
    );
    assert_eq!(
        (rows[3][hours].as_str(), rows[3][with_others].as_str()),
        ("—", "—")
    );
}

#[test]
fn totals_count_only_the_window_and_warn_of_the_shortfall() {
    let (pack, mut workbook, regs) = fixture();
    four_rows(&mut workbook);
    let document = export(&pack, &workbook, &regs);
    assert_eq!(document.sections[1].heading, "Totals over the last 3 years");
    let (fields, warnings) = totals(&document);
    let value = |label: &str| {
        let found = fields.iter().find(|(l, _)| l == label);
        found.map(|(_, v)| v.as_str()).expect(label)
    };
    assert_eq!(value("Window"), "2023-11-02 to 2026-11-01");
    assert_eq!(value("Activities counted"), "3 of 4");
    // 5.5 + 10, not the 30 hours of four years ago.
    assert_eq!(value("Hours"), "15.5 of the 35 needed");
    assert_eq!(value("Participatory hours"), "10 of the 20 needed");
    assert!(warnings.contains(
        &"Short of the 35 hours of CPD needed over 3 years: 19.5 hours missing.".to_string()
    ));
    assert!(warnings.contains(
        &"Short of the 20 participatory hours needed over 3 years: 10 participatory hours missing."
            .to_string()
    ));
    let no_hours = warnings
        .iter()
        .find(|w| w.starts_with("No hours recorded for: "));
    assert_eq!(
        no_hours.map(String::as_str),
        Some(
            "No hours recorded for: 2026-07-01 Huddle. Add the hours in each reflection's CPD details to count them."
        )
    );
    let text = document.all_text();
    assert!(
        text.contains("Listed but not counted, being outside the window: 2022-10-01 Old course.")
    );
}

#[test]
fn the_requirements_come_from_the_data_file() {
    let (pack, mut workbook, mut regs) = fixture();
    four_rows(&mut workbook);
    regs.nmc.cpd.hours = 12;
    regs.nmc.cpd.participatory_hours = 10;
    regs.nmc.cpd.cycle_years = 5;
    let document = export(&pack, &workbook, &regs);
    let (fields, warnings) = totals(&document);
    assert!(fields.contains(&("Hours".to_string(), "45.5 of the 12 needed".to_string())));
    assert!(fields.contains(&("Activities counted".to_string(), "4 of 4".to_string())));
    assert_eq!(
        warnings.len(),
        1,
        "only the row with no hours: {warnings:?}"
    );
    assert!(document.notices[0].contains("12 hours over 5 years, at least 10 of them"));
}
