//! The identifier check of an export: every piece of the document that would leave the
//! machine is scanned, whatever it came from (a chosen reflection, an earlier one, wording
//! typed for this export, questions to bring), so that nothing leaves unchecked.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::content::Pack;

use super::document::{Block, Document};
use super::identifiers::{Finding, Kind, Located, may_hold_finding, scan, scan_reflection_with};
use crate::workbook::{Reflection, Workbook};

/// The dates a template itself writes (when activities happened, when actions are due,
/// and `written`: today, a CPD window, when the regulators' data was checked), as
/// `YYYY-MM-DD`: a CPD record must carry them, so they are not findings. Dates a person
/// types into their narrative are still found.
fn structural_dates(workbook: &Workbook, written: &[NaiveDate]) -> HashSet<String> {
    let mut dates: HashSet<String> = workbook
        .reflections
        .iter()
        .flat_map(|r| [Some(r.created.date_naive()), r.cpd.activity_date])
        .chain(workbook.actions.iter().map(|a| a.due))
        .flatten()
        .map(|d| d.to_string())
        .collect();
    dates.extend(written.iter().map(NaiveDate::to_string));
    dates
}

/// `text` with each run of whitespace folded to one space: templates may fold a text's spaces
/// (summaries), so findings are compared by their words, not their spacing.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where a piece of a document stands, as [`super::document::Piece::place`] words it;
/// written out only for a finding, since nearly every piece has none.
#[derive(Clone, Copy)]
enum Place<'d> {
    Fixed(&'static str),
    Heading(&'d str),
    /// A field's value or a table's cell: the heading and the label or column.
    Under(&'d str, &'d str),
}

impl Place<'_> {
    fn text(&self) -> String {
        match self {
            Place::Fixed(place) => place.to_string(),
            Place::Heading(heading) => heading.to_string(),
            Place::Under(heading, label) => format!("{heading} · {label}"),
        }
    }
}

/// Each piece of `document`, in the order and with the places of [`Document::pieces`], but
/// without copying them: a document of a thousand reflections has some 85,000 pieces.
fn each_piece<'d>(document: &'d Document<'_>, mut visit: impl FnMut(Place<'d>, &'d str)) {
    visit(Place::Fixed("title"), &document.title);
    for notice in &document.notices {
        visit(Place::Fixed("notice"), notice);
    }
    for section in &document.sections {
        let heading: &str = &section.heading;
        visit(Place::Fixed("heading"), heading);
        for block in &section.blocks {
            match block {
                Block::Paragraph { text } | Block::Warning { text } => {
                    visit(Place::Heading(heading), text)
                }
                Block::Field { label, value } => {
                    visit(Place::Heading(heading), label);
                    visit(Place::Under(heading, label), value);
                }
                Block::List { items } => {
                    for item in items {
                        visit(Place::Heading(heading), item);
                    }
                }
                Block::Table { headers, rows } => {
                    for header in headers {
                        visit(Place::Heading(heading), header);
                    }
                    for row in rows {
                        let columns = headers.iter().map(|h| &**h);
                        for (cell, column) in row.iter().zip(columns.chain(std::iter::repeat(""))) {
                            visit(Place::Under(heading, column), cell);
                        }
                    }
                }
            }
        }
    }
    for footer in &document.footer {
        visit(Place::Fixed("footer"), footer);
    }
}

/// The findings of each distinct text that may hold one, scanned once: the document repeats
/// texts (every reflection's table rates on "3 Established"), and carries the chosen
/// reflections' own text again.
struct Scanned<'t, 'w> {
    watch_list: &'w [String],
    /// By their words: every short text, and each long one that may hold a finding.
    by_text: FxHashMap<&'t str, Vec<Finding>>,
    /// Long texts already seen to hold nothing, by where they stand in memory: a document
    /// quotes the pack's own wording (a competency, a question) at every reflection, some
    /// two thirds of its text, from the one copy of it. Every text lives, unchanged, for
    /// `'t`, so the same address and length always hold the same words.
    clean: FxHashSet<(usize, usize)>,
}

/// The length from which a text is remembered by its address rather than its words. A short
/// text (a label, a kind, a rating) is looked up by its words before anything else: the
/// quick look takes a block of 64 bytes whatever the length, and costs more than that.
const LONG_FROM: usize = 32;

impl<'t> Scanned<'t, '_> {
    fn new(watch_list: &[String]) -> Scanned<'t, '_> {
        Scanned {
            watch_list,
            by_text: FxHashMap::default(),
            clean: FxHashSet::default(),
        }
    }

    fn scan(&mut self, text: &'t str) -> &[Finding] {
        let watch_list = self.watch_list;
        if text.len() < LONG_FROM {
            return self
                .by_text
                .entry(text)
                .or_insert_with(|| scan(text, watch_list));
        }
        let address = (text.as_ptr() as usize, text.len());
        if self.clean.contains(&address) {
            return &[];
        }
        // A long text seen for the first time is passed over after a quick look, unless it
        // may hold a finding; only then is it scanned, and remembered by its words.
        if !may_hold_finding(text, watch_list) {
            self.clean.insert(address);
            return &[];
        }
        self.by_text
            .entry(text)
            .or_insert_with(|| scan(text, watch_list))
    }
}

/// The likely identifiers in `document`. A finding that also stands in a chosen reflection's
/// own text is named by that reflection and field, so that it can be edited there; any other
/// is named by its place in the document, with an empty `reflection_id`.
pub fn check(
    document: &Document,
    reflections: &[&Reflection],
    workbook: &Workbook,
    pack: Option<&Pack>,
    written: &[NaiveDate],
    watch_list: &[String],
) -> Vec<Located> {
    let structural = structural_dates(workbook, written);
    let mut scanned = Scanned::new(watch_list);
    let mut found: Vec<(Place, Finding)> = Vec::new();
    each_piece(document, |place, text| {
        for finding in scanned.scan(text) {
            if finding.kind == Kind::FullDate && structural.contains(&finding.text) {
                continue;
            }
            found.push((place, finding.clone()));
        }
    });
    // The reflections are only scanned to name the fields of findings, so not at all for a
    // document with none; their texts the document carries are already scanned.
    if found.is_empty() {
        return Vec::new();
    }
    let actions = workbook.actions_by_reflection();
    let mut known: Vec<Located> = Vec::new();
    for r in reflections {
        let actions = actions.get(r.id.as_str()).map_or(&[][..], Vec::as_slice);
        known.extend(scan_reflection_with(r, actions, pack, |text| {
            scanned.scan(text).to_vec()
        }));
    }
    // Where the same words were found in several fields, the first names them all.
    let mut named_by: HashMap<String, &Located> = HashMap::new();
    for k in &known {
        named_by.entry(words(&k.finding.text)).or_insert(k);
    }
    let mut findings: Vec<Located> = Vec::new();
    let mut reported: HashSet<(String, String, String)> = HashSet::new();
    for (place, finding) in found {
        let (reflection_id, field, place) = match named_by.get(&words(&finding.text)) {
            Some(named) => (
                named.reflection_id.clone(),
                named.field.clone(),
                named.place.clone(),
            ),
            None => (String::new(), place.text(), None),
        };
        let key = (reflection_id.clone(), field.clone(), finding.text.clone());
        if reported.insert(key) {
            findings.push(Located {
                reflection_id,
                field,
                place,
                finding,
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::PackSource;
    use crate::export::document::Section;
    use crate::export::regulators;
    use crate::export::templates::{Options, Sources, Template, build};
    use crate::workbook::generate::generate;

    fn walked(document: &Document) -> Vec<(String, String)> {
        let mut pieces = Vec::new();
        each_piece(document, |place, text| {
            pieces.push((place.text(), text.to_string()))
        });
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
        assert!(long.len() >= LONG_FROM && short.len() < LONG_FROM);
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
        assert!(start.len() >= LONG_FROM && start.as_ptr() == whole.as_ptr());
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
        let reflections: Vec<&Reflection> =
            workbook.reflections.iter().map(AsRef::as_ref).collect();
        let options = Options {
            questions: vec!["A question?".into()],
            ..Options::default()
        };
        for template in Template::ALL {
            let document = build(template, &sources, &reflections, &options);
            assert_eq!(walked(&document), pieces(&document), "{template:?}");
        }
    }
}
