//! An export written out as it is made: byte for byte what is prepared whole, with the same
//! findings, whatever the format, the template or the number of threads.

use std::io::{self, Write};
use std::sync::Arc;

use chrono::NaiveDate;

use super::*;
use crate::content::PackSource;
use crate::export::regulators;
use crate::export::render;
use crate::workbook::Workbook;
use crate::workbook::generate::{generate, keep_from_an_older_pack};

const FORMATS: [Format; 4] = [Format::Markdown, Format::Text, Format::Html, Format::Json];

/// A workbook of `count` reflections, every ninth carrying identifiers of its own, and
/// every seventh what an older pack had (with one identifier there too), so that every
/// kind of section a reflection can have is made.
fn workbook_with_identifiers(count: usize) -> (crate::content::Pack, Workbook) {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = generate(&pack, count, 11);
    for (index, reflection) in workbook.reflections.iter_mut().enumerate().step_by(9) {
        let reflection = Arc::make_mut(reflection);
        reflection.title = format!("Visit with Mrs. Patel on {}/03/2026", 1 + index % 28);
    }
    for reflection in workbook.reflections.iter_mut().skip(3).step_by(7) {
        keep_from_an_older_pack(Arc::make_mut(reflection));
    }
    (pack, workbook)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).expect("date")
}

#[test]
fn a_streamed_export_is_the_prepared_one_and_finds_the_same() {
    let (pack, workbook) = workbook_with_identifiers(2 * super::super::STRETCH + 5);
    let regulators = regulators::built_in().expect("regulators");
    let sources = Sources::new(&pack, &workbook, &regulators, today());
    let reflections: Vec<&Reflection> = workbook.reflections.iter().map(AsRef::as_ref).collect();
    let options = Options::default();
    let watch_list = ["Acacia".to_string()];
    for template in Template::ALL {
        for (format, threads) in FORMATS.into_iter().flat_map(|f| [(f, 1), (f, 3)]) {
            let export = Streamed::new(
                &sources,
                &reflections,
                template,
                format,
                &options,
                &watch_list,
            )
            .on(threads);
            // As the preview and the screens make it, whole.
            let prepared = export.prepared();
            let case = format!("{template:?} {format:?} on {threads}");
            assert!(!prepared.findings.is_empty(), "{case}");
            assert!(
                matches!(export.check(), Err(found) if found == prepared.findings),
                "{case}"
            );
            for checking in [true, false] {
                let mut written = Vec::new();
                let carried = export.write(&mut written, checking).expect("written");
                assert!(written == prepared.text.to_string().into_bytes(), "{case}");
                let expected = if checking {
                    &prepared.findings[..]
                } else {
                    &[]
                };
                assert_eq!(carried, expected, "{case}");
            }
        }
    }
}

#[test]
fn only_an_export_found_clean_is_written_unchecked() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, super::super::STRETCH + 3, 12);
    let regulators = regulators::built_in().expect("regulators");
    let sources = Sources::new(&pack, &workbook, &regulators, today());
    let reflections: Vec<&Reflection> = workbook.reflections.iter().map(AsRef::as_ref).collect();
    let options = Options::default();
    let export = Streamed::new(
        &sources,
        &reflections,
        Template::Record,
        Format::Markdown,
        &options,
        &[],
    );
    let Ok(checked) = export.check() else {
        panic!("the generated workbook holds no identifier");
    };
    let mut written = Vec::new();
    checked.write_to(&mut written).expect("written");
    assert_eq!(
        String::from_utf8(written),
        Ok(export.prepared().text.to_string())
    );
}

#[test]
fn a_streamed_export_of_nothing_is_the_prepared_one() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, 0, 1);
    let regulators = regulators::built_in().expect("regulators");
    let sources = Sources::new(&pack, &workbook, &regulators, today());
    let options = Options::default();
    for format in FORMATS {
        let export = Streamed::new(&sources, &[], Template::Record, format, &options, &[]);
        let prepared = export.prepared();
        let mut written = Vec::new();
        export.write(&mut written, true).expect("written");
        assert_eq!(String::from_utf8(written), Ok(prepared.text.to_string()));
    }
}

/// Takes `room` bytes, then fails as a closed pipe does.
struct Closing {
    room: usize,
    taken: Vec<u8>,
}

impl Write for Closing {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.taken.len() >= self.room {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        let n = bytes.len().min(self.room - self.taken.len());
        self.taken.extend_from_slice(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failed_write_stops_the_making_within_the_window() {
    let count = 24;
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, count * super::super::STRETCH, 13);
    let regulators = regulators::built_in().expect("regulators");
    let sources = Sources::new(&pack, &workbook, &regulators, today());
    let reflections: Vec<&Reflection> = workbook.reflections.iter().map(AsRef::as_ref).collect();
    let options = Options::default();
    let parts = templates::parts(Template::Record, &sources, &reflections, &options);
    let each = parts.each.as_ref().expect("made a reflection at a time");
    let check = Check::new(&workbook, &[], &[]);
    let work = Work {
        write: true,
        check: false,
    };
    for threads in 1..=3 {
        let stretches = Stretches::new(each, Format::Json, &check, &parts.outline, work);
        // Less than one stretch's text: the first write fails.
        let mut closing = Closing {
            room: 100_000,
            taken: Vec::new(),
        };
        let mut out = Finishing::new(Format::Json, &mut closing);
        let Err(error) = written_in_order(&stretches, threads, &mut out) else {
            panic!("the pipe closed, on {threads}");
        };
        assert_eq!(error.kind(), io::ErrorKind::BrokenPipe, "on {threads}");
        assert_eq!(closing.taken.len(), 100_000, "on {threads}");
        // The one that failed, those in the window after it, and a last claim a maker.
        let claimed = stretches.next.load(std::sync::atomic::Ordering::Relaxed);
        assert!(
            claimed <= 1 + 3 * threads,
            "{claimed} of {count} on {threads}"
        );
    }
}

#[test]
fn spaces_wait_until_more_than_spaces_follow() {
    let mut out = Vec::new();
    let mut finishing = Finishing::new(Format::Markdown, &mut out);
    for piece in ["# A\n\n", "", " \n", "text  ", "\n\n"] {
        finishing.write(piece).expect("written");
    }
    finishing.finish().expect("finished");
    assert_eq!(String::from_utf8(out), Ok("# A\n\n \ntext\n".to_string()));
    let mut out = Vec::new();
    let mut finishing = Finishing::new(Format::Json, &mut out);
    finishing.write("{ }\n\n").expect("written");
    finishing.finish().expect("finished");
    assert_eq!(String::from_utf8(out), Ok("{ }\n\n".to_string()));
}

proptest::proptest! {
    #[test]
    fn finishing_as_it_goes_is_finishing_at_the_end(
        // A document always has its opening piece.
        pieces in proptest::collection::vec("[ a\n]{0,4}", 1..6),
        json in proptest::bool::ANY,
    ) {
        let format = if json { Format::Json } else { Format::Text };
        let mut finished = pieces.clone();
        render::finish(format, &mut finished);
        let mut out = Vec::new();
        let mut finishing = Finishing::new(format, &mut out);
        for piece in &pieces {
            finishing.write(piece).expect("written");
        }
        finishing.finish().expect("finished");
        proptest::prop_assert_eq!(String::from_utf8(out).expect("UTF-8"), finished.concat());
    }
}
