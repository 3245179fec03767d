//! Making, checking and writing an export in stretches: the whole document, byte for byte.

use std::sync::Arc;

use chrono::NaiveDate;

use super::*;
use crate::content::PackSource;
use crate::export::check::check;
use crate::export::regulators;
use crate::workbook::generate::generate;

#[test]
fn an_export_made_in_stretches_is_the_whole_document_written_and_checked() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    // Many stretches, so that every thread takes some and they finish out of order, and
    // a last one cut short.
    let mut workbook = generate(&pack, 8 * STRETCH + 5, 7);
    for (index, reflection) in workbook.reflections.iter_mut().enumerate().step_by(9) {
        let reflection = Arc::make_mut(reflection);
        // Each reflection's identifiers differ, so that each is named by its own.
        let day = 1 + index % 28;
        reflection.title = format!("Visit with Mrs. Patel on {day}/03/2026");
        let answer = reflection
            .answers
            .iter()
            .next()
            .map(|(q, a)| (q.clone(), a));
        if let Some((question, answer)) = answer {
            let marked = format!("{answer} She lives at {index} Acacia Road, E1 6AN.");
            reflection.answers.insert(question, marked);
        }
    }
    let regulators = regulators::built_in().expect("regulators");
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let sources = Sources::new(&pack, &workbook, &regulators, today);
    let reflections: Vec<&Reflection> = workbook.reflections.iter().map(AsRef::as_ref).collect();
    let options = Options::default();
    let document = templates::build(Template::Record, &sources, &reflections, &options);
    let written = templates::written_dates(Template::Record, &sources, &options);
    for watch_list in [vec![], vec!["Acacia".to_string()]] {
        let whole_findings = check(
            &document,
            &reflections,
            &workbook,
            Some(&pack),
            &written,
            &watch_list,
        );
        assert!(whole_findings.len() > 10, "{whole_findings:?}");
        let formats = [Format::Markdown, Format::Text, Format::Html, Format::Json];
        // On as many threads as there are formats, whatever this machine's cores.
        for (format, threads) in formats.into_iter().zip(1..) {
            let prepared = prepare_on(
                threads,
                &sources,
                &reflections,
                Template::Record,
                format,
                &options,
                &watch_list,
            );
            assert!(prepared.text.pieces().count() > 9, "{format:?}");
            let text = prepared.text.to_string();
            assert!(text == render::render(&document, format), "{format:?}");
            assert_eq!(prepared.findings, whole_findings, "{format:?}");
        }
    }
}

#[test]
fn an_export_of_no_reflections_is_written_whole() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, 0, 1);
    let regulators = regulators::built_in().expect("regulators");
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let sources = Sources::new(&pack, &workbook, &regulators, today);
    let options = Options::default();
    let document = templates::build(Template::Record, &sources, &[], &options);
    for format in [Format::Markdown, Format::Text, Format::Html, Format::Json] {
        let prepared = prepare(&sources, &[], Template::Record, format, &options, &[]);
        assert_eq!(prepared.text.to_string(), render::render(&document, format));
    }
}

#[test]
fn the_pieces_of_a_text_read_as_the_text() {
    let text = Rendered {
        pieces: vec!["one, ".into(), String::new(), "two".into()],
    };
    let mut written = Vec::new();
    text.write_to(&mut written).expect("written");
    assert_eq!(written, b"one, two");
    assert_eq!((text.len(), text.is_empty()), (8, false));
    assert_eq!(text.to_string(), "one, two");
    assert_eq!(text.into_string(), "one, two");
    assert!(Rendered::default().is_empty());
}
