//! The identifier check of an export, run over a document part by part.

use super::*;
use crate::content::PackSource;
use crate::export::document::Section;
use crate::export::regulators;
use crate::export::templates::{self, Options, Sources, Template, build};
use crate::workbook::generate::{generate, keep_from_an_older_pack};

/// Each piece of `sections`, with its place, as the check meets them.
fn each_section_piece<'t, V>(sections: &[Section<'t>], visit: V)
where
    V: for<'d> FnMut(Place<'d>, &Text<'t, 'd>, &'d Whose),
{
    let mut visiting = Visiting::new(visit, Nowhere);
    for section in sections {
        section.replay(&mut visiting);
    }
}

fn walked(document: &Document) -> Vec<(String, String)> {
    let mut pieces = Vec::new();
    each_opening_piece(document, |place, text| {
        pieces.push((place.text(), text.to_string()))
    });
    each_section_piece(&document.sections, |place, text, _| {
        pieces.push((place.text(), text.as_str().to_string()))
    });
    let footer = document.footer.iter();
    pieces.extend(footer.map(|f| ("footer".to_string(), f.clone())));
    pieces
}

fn pieces(document: &Document) -> Vec<(String, String)> {
    let pieces = document.pieces().into_iter();
    pieces.map(|p| (p.place, p.text)).collect()
}

/// The place and words of each finding in `document`, quoted by no reflection.
fn found_in(document: &Document) -> Vec<(String, String)> {
    let workbook = Workbook::new(crate::workbook::now());
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let findings = check(document, &[], &workbook, None, &[today], &[]).into_iter();
    findings.map(|l| (l.field, l.finding.text)).collect()
}

fn quoting<'t>(heading: &'static str, long: &'t str, short: &'t str) -> Section<'t> {
    Section::new(2, heading).paragraph(long).field("Who", short)
}

#[test]
fn a_text_quoted_in_several_places_is_found_in_each() {
    let long = String::from("We spoke with Mrs. Patel about her plans for the week ahead");
    let short = String::from("Mrs. Patel");
    let document = Document {
        template: "t".into(),
        title: "Title".into(),
        notices: vec![],
        sections: vec![quoting("One", &long, &short), quoting("Two", &long, &short)],
        footer: vec![],
    };
    let patel = |place: &str| (place.to_string(), "Mrs. Patel".to_string());
    assert_eq!(
        found_in(&document),
        [
            patel("One"),
            patel("One · Who"),
            patel("Two"),
            patel("Two · Who")
        ]
    );
}

#[test]
fn a_text_seen_to_hold_nothing_hides_no_other_of_its_length() {
    // Each clean text comes first, and the one after it differs only in its words.
    let (clean_long, named_long) = (
        String::from("We spoke with the nurses about her plans for the week ahead"),
        String::from("We spoke with Mrs. Patel about her plans for the week ahead"),
    );
    let (clean_short, named_short) = (String::from("The nurses"), String::from("Mrs. Patel"));
    assert_eq!(clean_long.len(), named_long.len());
    assert_eq!(clean_short.len(), named_short.len());
    let document = Document {
        template: "t".into(),
        title: "Title".into(),
        notices: vec![],
        sections: vec![
            quoting("Clean", &clean_long, &clean_short),
            quoting("Named", &named_long, &named_short),
        ],
        footer: vec![],
    };
    let patel = |place: &str| (place.to_string(), "Mrs. Patel".to_string());
    assert_eq!(found_in(&document), [patel("Named"), patel("Named · Who")]);
}

#[test]
fn a_clean_start_of_a_text_hides_nothing_in_the_rest_of_it() {
    // The same address, two lengths: the first part holds nothing, the whole a name.
    let whole = String::from("We spoke with the ward team about the week, and with Mrs. Patel");
    let start = &whole[..whole.find(", and").expect("a comma")];
    assert!(start.as_ptr() == whole.as_ptr());
    let document = Document {
        template: "t".into(),
        title: "Title".into(),
        notices: vec![],
        sections: vec![
            Section::new(2, "Start").paragraph(start),
            Section::new(2, "Whole").paragraph(whole.as_str()),
        ],
        footer: vec![],
    };
    assert_eq!(
        found_in(&document),
        [("Whole".to_string(), "Mrs. Patel".to_string())]
    );
}

#[test]
fn the_walk_visits_the_pieces_of_the_document_in_order() {
    let table = vec![vec!["a", "b", "extra"], vec![]];
    let document = Document {
        template: "t".into(),
        title: "Title".into(),
        notices: vec!["Notice".into()],
        sections: vec![
            Section::new(1, "One")
                .paragraph("Para")
                .field("Label", "Value")
                .list(["i", "ii"])
                .table(["H1", "H2"], table)
                .warning("Careful"),
            Section::new(2, "Two"),
        ],
        footer: vec!["Footer".into()],
    };
    assert_eq!(walked(&document), pieces(&document));

    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, 12, 4);
    let regulators = regulators::built_in().expect("regulators");
    let sources = Sources::new(
        &pack,
        &workbook,
        &regulators,
        NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
    );
    let reflections: Vec<&Reflection> = workbook.reflections.iter().map(AsRef::as_ref).collect();
    let options = Options {
        questions: vec!["A question?".into()],
        ..Options::default()
    };
    for template in Template::ALL {
        let document = build(template, &sources, &reflections, &options);
        assert_eq!(walked(&document), pieces(&document), "{template:?}");
    }
}

/// `made` handed to `scanned` to scan, as a text made for a section (moved in, then taken
/// back) or as one passing (borrowed), and given back.
fn scanned_as(scanned: &mut Scanned, made: String, moved: bool, found: &mut Vec<String>) -> String {
    if !moved {
        scanned.scan(&Text::Passing(&made), |f| found.push(f.text.clone()));
        return made;
    }
    let text = Text::Made(made);
    scanned.scan(&text, |f| found.push(f.text.clone()));
    match text {
        Text::Made(made) => made,
        _ => unreachable!("handed over as made"),
    }
}

/// A stretch's own text is freed once it is written, and the next stretch's text may stand
/// in the same memory: a text made for a section is never remembered by its address,
/// whether it is handed over or lent.
#[test]
fn a_made_text_in_the_memory_of_an_earlier_one_is_scanned_afresh() {
    let (clean, named) = (
        "We spoke with the nurses about her plans for the week ahead",
        "We spoke with Mrs. Patel about her plans for the week ahead",
    );
    let filler = "The team met on the ward. ".repeat(REMEMBERED_BELOW / 20);
    // Remembered by their words, and too long to be.
    for (before, moved) in [("", false), ("", true), (&filler, false), (&filler, true)] {
        let (clean, named) = (format!("{before}{clean}"), format!("{before}{named}"));
        assert_eq!(clean.len(), named.len());
        let mut scanned = Scanned::new(&[]);
        let mut made = clean.clone();
        let address = made.as_ptr();
        let mut found = Vec::new();
        for _ in 0..2 {
            made.replace_range(.., &clean);
            made = scanned_as(&mut scanned, made, moved, &mut found);
            made.replace_range(.., &named);
            assert_eq!(made.as_ptr(), address, "the same memory, other words");
            made = scanned_as(&mut scanned, made, moved, &mut found);
        }
        assert_eq!(
            found,
            ["Mrs. Patel", "Mrs. Patel"],
            "{} {moved}",
            made.len()
        );
        assert!(
            scanned.clean.is_empty(),
            "nothing remembered by its address"
        );
        let remembered = scanned.passing.len();
        assert_eq!(remembered, if before.is_empty() { 2 } else { 0 });
    }
}

#[test]
fn only_a_date_written_as_a_template_writes_it_is_read_as_one() {
    let day = NaiveDate::from_ymd_opt(2023, 10, 29);
    assert_eq!(date_as_written(b"2023-10-29"), day);
    for other in [
        "2023-1-29",
        "2023-10-9 ",
        "29/10/2023",
        "2023-02-30",
        "2023/10/29",
        "２０２３-10-29",
    ] {
        assert_eq!(date_as_written(other.as_bytes()), None, "{other}");
    }
}

type Seen = Vec<(String, String, bool, Option<String>)>;

/// A visitor of pieces, as the check's sink calls it.
type Visit<'v> = &'v mut dyn FnMut(Place<'_>, &Text<'_, '_>, &Whose);

/// Each piece `visit_all` visits: its place, its words, whether it lasts, and whose it is.
fn seen(visit_all: impl FnOnce(Visit)) -> Seen {
    let mut seen = Vec::new();
    visit_all(&mut |place, text, whose| {
        let lasting = matches!(text, Text::Lasting(_));
        let reflection = whose.reflection().map(str::to_string);
        seen.push((place.text(), text.as_str().to_string(), lasting, reflection))
    });
    seen
}

/// The check's pass of an export checked first builds no section: it must meet every piece
/// the written sections hold, in the same place, lasting or not alike.
#[test]
fn the_pieces_handed_over_as_made_are_those_of_the_sections_built() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = generate(&pack, 40, 11);
    for reflection in workbook.reflections.iter_mut().step_by(5) {
        keep_from_an_older_pack(std::sync::Arc::make_mut(reflection));
    }
    let regulators = regulators::built_in().expect("regulators");
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let sources = Sources::new(&pack, &workbook, &regulators, today);
    let reflections: Vec<&Reflection> = workbook.reflections.iter().map(AsRef::as_ref).collect();
    let parts = templates::parts(
        Template::Record,
        &sources,
        &reflections,
        &Options::default(),
    );
    let each = parts
        .each
        .as_ref()
        .expect("the record is made a reflection at a time");
    let mut scratch = templates::Scratch::default();
    for r in &reflections {
        let handed = seen(|visit| {
            each.count_sections_to(&[r], &mut scratch, Visiting::new(visit, Nowhere));
        });
        let sections = each.sections_in(r, &mut scratch);
        let walked = seen(|visit| each_section_piece(&sections, visit));
        assert_eq!(handed, walked, "{}", r.id);
        let whose = handed.iter().map(|(_, _, _, whose)| whose.as_deref());
        assert!(
            whose.clone().all(|whose| whose == Some(r.id.as_str())),
            "{}",
            r.id
        );
        let document = Document {
            sections,
            ..parts.outline.clone()
        };
        let pieces = pieces(&document)
            .into_iter()
            .skip(1 + document.notices.len());
        let pieces: Vec<_> = pieces.take(handed.len()).collect();
        let handed: Vec<_> = handed.into_iter().map(|(p, t, _, _)| (p, t)).collect();
        assert_eq!(handed, pieces, "{}", r.id);
    }
}

#[test]
fn a_cell_handed_over_past_its_headers_is_still_checked() {
    let mut found = Vec::new();
    let check = Check::new(&Workbook::new(crate::workbook::now()), &[], &[]);
    let mut scanned = check.scanned();
    let mut sink = check.sink(&mut scanned, &mut found);
    sink.section(2, Text::Lasting("Visits"));
    let headers = [std::borrow::Cow::Borrowed("Who")];
    sink.table(
        &headers,
        [[Text::Lasting("A nurse"), Text::Lasting("Mrs. Patel")]],
    );
    drop(sink);
    let found: Vec<(String, &str)> = found
        .iter()
        .map(|f| (f.place.clone(), f.finding.text.as_str()))
        .collect();
    assert_eq!(found, [("Visits · ".to_string(), "Mrs. Patel")]);
}

#[test]
fn whose_pieces_they_are_holds_until_it_is_said_again() {
    let seen = seen(|visit| {
        let mut visiting = Visiting::new(visit, Nowhere);
        visiting.reflection(Some("r1"));
        visiting.section(2, Text::Lasting("Visit"));
        visiting.paragraph(Text::Lasting("of r1"));
        visiting.reflection(None);
        visiting.section(1, Text::Lasting("Questions"));
        visiting.paragraph(Text::Lasting("of none"));
    });
    let whose: Vec<(&str, Option<&str>)> = (seen.iter())
        .map(|(_, text, _, whose)| (text.as_str(), whose.as_deref()))
        .collect();
    let expected = [
        ("Visit", Some("r1")),
        ("of r1", Some("r1")),
        ("Questions", None),
        ("of none", None),
    ];
    assert_eq!(whose, expected);
}

#[test]
fn a_finding_after_a_reflections_sections_is_not_named_by_it() {
    let workbook = Workbook::new(crate::workbook::now());
    let document = Document {
        template: "t".into(),
        title: "Title".into(),
        notices: vec![],
        sections: vec![
            Section::new(2, "Visit")
                .of_reflection("r1")
                .paragraph(String::from("Saw Mr Smith at home.")),
            Section::new(1, "Questions").paragraph(String::from("How is Mr Jones?")),
        ],
        footer: vec![],
    };
    let findings = check(&document, &[], &workbook, None, &[], &[]);
    let named: Vec<(&str, &str)> = (findings.iter())
        .map(|l| (l.reflection_id.as_str(), l.finding.text.as_str()))
        .collect();
    assert_eq!(named, [("r1", "Mr Smith"), ("", "Mr Jones")]);
}

#[test]
fn the_findings_in_one_text_share_its_words() {
    let check = Check::new(&Workbook::new(crate::workbook::now()), &[], &[]);
    let mut scanned = check.scanned();
    let mut found = Vec::new();
    let text = "Saw Mr Smith, then Mr Jones, then Mrs Patel.".to_string();
    let sections = [Section::new(2, "Visits").paragraph(text)];
    check.sections(&mut scanned, &sections, &mut found);
    assert_eq!(found.len(), 3);
    assert!(found.iter().all(|f| Arc::ptr_eq(&f.words, &found[0].words)));
}
