//! The identifier check of an export: every piece of the document that would leave the
//! machine is scanned, whatever it came from (a chosen reflection, an earlier one, wording
//! typed for this export, questions to bring), so that nothing leaves unchecked.

use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::content::Pack;

use super::document::{Document, Section};
use super::identifiers::{
    Finding, Kind, Located, may_hold_finding, scan, scan_all, scan_reflection_with,
};
use super::sink::{Nowhere, Sink, Text};
use crate::workbook::timestamp::date_as_written;
use crate::workbook::{Reflection, Workbook};

mod clean;
mod named;
mod pieces;

use clean::Clean;
use named::Fields;
pub use named::Found;
use pieces::{Place, Visiting, Whose, each_opening_piece};

/// The dates a template itself writes (when activities happened, when actions are due,
/// and `written`: today, a CPD window, when the regulators' data was checked): a CPD record
/// must carry them, so, written as `YYYY-MM-DD`, they are not findings. Dates a person types
/// into their narrative are still found. Kept as dates, not text: a large workbook has
/// thousands, and a finding is rare.
fn structural_dates(workbook: &Workbook, written: &[NaiveDate]) -> FxHashSet<NaiveDate> {
    let mut dates: FxHashSet<NaiveDate> = workbook
        .reflections
        .iter()
        .flat_map(|r| [Some(r.created.date_naive()), r.cpd.activity_date])
        .chain(workbook.actions.iter().map(|a| a.due))
        .flatten()
        .collect();
    dates.extend(written);
    dates
}

/// The findings of each distinct text that may hold one, scanned once: the document repeats
/// texts (every reflection's table rates on "3 Established"), and carries the chosen
/// reflections' own text again.
pub struct Scanned<'t, 'w> {
    watch_list: &'w [String],
    /// Lasting texts already seen to hold nothing, by where they stand in memory, whether the
    /// quick look passed them over or a scan found nothing: a document quotes the pack's own
    /// wording (a competency, a question, a rating) at every reflection, some two thirds of
    /// its text, from the one copy of it. A lasting text stays, unchanged, for `'t`, so the
    /// same address and length always hold the same words.
    clean: Clean,
    /// Lasting texts that may hold a finding, by their words.
    lasting: FxHashMap<&'t str, Vec<Finding>>,
    /// Texts made for the document or passing (not [`Text::Lasting`]) shorter than
    /// [`REMEMBERED_BELOW`], by their text: a rating or a kind
    /// made again for each row, a CPD line for each reflection.
    passing: FxHashMap<String, Vec<Finding>>,
}

/// The length below which a text not lasting is remembered by its text: ratings, kinds and a
/// reflection's CPD lines ("Type of activity: Work-based learning") are made again for each
/// reflection, and an export of 2,000 repeats each of its CPD lines five times on average.
/// A heading with its date is seldom made twice, but a copy costs little beside its scan; a
/// longer text (an action with its status) is rarely made twice, and would only fill memory.
const REMEMBERED_BELOW: usize = 256;

impl<'t, 'w> Scanned<'t, 'w> {
    fn new(watch_list: &'w [String]) -> Self {
        Scanned {
            watch_list,
            clean: Clean::new(),
            lasting: FxHashMap::default(),
            passing: FxHashMap::default(),
        }
    }

    /// Calls `each` with every finding in `text`.
    fn scan(&mut self, text: &Text<'t, '_>, each: impl FnMut(&Finding)) {
        let watch_list = self.watch_list;
        let passing = match *text {
            Text::Lasting(text) => {
                if self.clean.holds(text) {
                    return;
                }
                // A text seen for the first time is passed over after a quick look, unless
                // it may hold a finding; only then is it scanned, and remembered by its words.
                // The quick look comes first: it costs less than hashing the words of a long
                // answer, and most texts hold nothing.
                if !may_hold_finding(text, watch_list) {
                    self.clean.keep(text);
                    return;
                }
                let findings = self
                    .lasting
                    .entry(text)
                    .or_insert_with(|| scan_all(text, watch_list));
                // Found to hold nothing after all (a rating's "3 Established" has a digit):
                // passed over by its address from now on, without another quick look.
                if findings.is_empty() {
                    self.clean.keep(text);
                }
                findings.iter().for_each(each);
                return;
            }
            Text::Made(ref made) => made.as_str(),
            Text::Passing(passing) => passing,
        };
        if passing.len() >= REMEMBERED_BELOW {
            scan(passing, watch_list).iter().for_each(each);
            return;
        }
        if let Some(findings) = self.passing.get(passing) {
            findings.iter().for_each(each);
            return;
        }
        let findings = self.passing.entry(passing.to_string());
        findings
            .or_insert(scan(passing, watch_list))
            .iter()
            .for_each(each);
    }

    /// What `other`, run over other parts of the same document, has seen.
    fn absorb(&mut self, other: Scanned<'t, '_>) {
        self.clean.absorb(other.clean);
        self.lasting.extend(other.lasting);
        self.passing.extend(other.passing);
    }
}

/// The identifier check of one export, run a part of the document at a time: its opening,
/// each stretch of sections (on any thread, each with its own [`Scanned`]), its close. The
/// findings, put together in the document's order, are then named by [`Check::located`].
pub struct Check<'w> {
    structural: FxHashSet<NaiveDate>,
    watch_list: &'w [String],
}

impl<'w> Check<'w> {
    pub fn new(workbook: &Workbook, written: &[NaiveDate], watch_list: &'w [String]) -> Self {
        Check {
            structural: structural_dates(workbook, written),
            watch_list,
        }
    }

    pub fn scanned<'t>(&self) -> Scanned<'t, 'w> {
        Scanned::new(self.watch_list)
    }

    /// The findings in `text`, at `place` in the sections of `reflection` if they are one's,
    /// into `found`.
    fn scan_into<'t>(
        &self,
        scanned: &mut Scanned<'t, '_>,
        place: Place,
        text: &Text<'t, '_>,
        reflection: Option<&str>,
        found: &mut Vec<Found>,
    ) {
        // The text's words, made at its first finding, however many it holds.
        let mut words = None;
        scanned.scan(text, |finding| {
            self.keep(place, text, reflection, &mut words, finding, found)
        });
    }

    fn keep(
        &self,
        place: Place,
        text: &Text,
        reflection: Option<&str>,
        words: &mut Option<Arc<str>>,
        finding: &Finding,
        found: &mut Vec<Found>,
    ) {
        // Read by hand: every heading's date is looked up, and chrono's general parser would
        // cost more than the lookup.
        let structural = || {
            date_as_written(finding.text.as_bytes()).is_some_and(|d| self.structural.contains(&d))
        };
        if finding.kind == Kind::FullDate && structural() {
            return;
        }
        let words = words.get_or_insert_with(|| named::words(text.as_str()).into());
        let finding = finding.clone();
        found.push(Found::new(
            place.text(),
            text,
            reflection,
            finding,
            words.clone(),
        ));
    }

    /// The findings in the title and notices of `document`.
    pub fn opening(&self, scanned: &mut Scanned, document: &Document, found: &mut Vec<Found>) {
        each_opening_piece(document, |place, text| {
            self.scan_into(scanned, place, &Text::Passing(text), None, found)
        });
    }

    /// The findings in `sections`, following those before them.
    pub fn sections<'t>(
        &self,
        scanned: &mut Scanned<'t, 'w>,
        sections: &[Section<'t>],
        found: &mut Vec<Found>,
    ) {
        let mut sink = self.sink(scanned, found);
        for section in sections {
            section.replay(&mut sink);
        }
    }

    /// What checks the pieces of sections as a template makes them, without their being
    /// built, as [`Check::sections`] checks sections built: into `found`, following those
    /// before them.
    pub fn sink<'c, 't>(
        &'c self,
        scanned: &'c mut Scanned<'t, 'w>,
        found: &'c mut Vec<Found>,
    ) -> impl Sink<'t> + 'c {
        self.sink_before(scanned, found, Nowhere)
    }

    /// [`Check::sink`], handing each piece on to `then` once checked: an export written as
    /// it is checked, its sections never built.
    pub fn sink_before<'c, 't, S: Sink<'t> + 'c>(
        &'c self,
        scanned: &'c mut Scanned<'t, 'w>,
        found: &'c mut Vec<Found>,
        then: S,
    ) -> impl Sink<'t> + 'c {
        let visit = move |place: Place<'_>, text: &Text<'t, '_>, whose: &Whose| {
            self.scan_into(scanned, place, text, whose.reflection(), found)
        };
        Visiting::new(visit, then)
    }

    /// The findings in the footer of `document`, after all its sections.
    pub fn close(&self, scanned: &mut Scanned, document: &Document, found: &mut Vec<Found>) {
        for footer in &document.footer {
            let (place, text) = (Place::Fixed("footer"), Text::Passing(footer));
            self.scan_into(scanned, place, &text, None, found);
        }
    }

    /// The findings of the whole document, in its order, each named by a chosen
    /// reflection's field where that field holds it too: see [`check`].
    pub fn located<'t>(
        &self,
        found: Vec<Found>,
        mut scanned: Scanned<'t, '_>,
        others: impl IntoIterator<Item = Scanned<'t, 'w>>,
        reflections: &[&'t Reflection],
        workbook: &'t Workbook,
        pack: Option<&Pack>,
    ) -> Vec<Located> {
        // The reflections are only scanned to name the fields of findings, so not at all for
        // a document with none; their texts the document carries are already scanned.
        if found.is_empty() {
            return Vec::new();
        }
        others.into_iter().for_each(|other| scanned.absorb(other));
        let actions = workbook.actions_by_reflection();
        let mut fields = Fields::default();
        for r in reflections {
            let actions = actions.get(r.id.as_str()).map_or(&[][..], Vec::as_slice);
            let located = scan_reflection_with(r, actions, pack, |text| {
                let mut findings = Vec::new();
                scanned.scan(&Text::Lasting(text), |f| findings.push(f.clone()));
                findings
            });
            for (text, located) in located {
                fields.add(text, located);
            }
        }
        fields.name(found)
    }
}

/// The likely identifiers in `document`. A finding that also stands in a chosen reflection's
/// own text is named by that reflection and field, so that it can be edited there; any other
/// is named by its place in the document, with an empty `reflection_id`.
pub fn check<'t>(
    document: &Document<'t>,
    reflections: &[&'t Reflection],
    workbook: &'t Workbook,
    pack: Option<&Pack>,
    written: &[NaiveDate],
    watch_list: &[String],
) -> Vec<Located> {
    let check = Check::new(workbook, written, watch_list);
    let mut scanned = check.scanned();
    let mut found = Vec::new();
    check.opening(&mut scanned, document, &mut found);
    check.sections(&mut scanned, &document.sections, &mut found);
    check.close(&mut scanned, document, &mut found);
    check.located(found, scanned, [], reflections, workbook, pack)
}

#[cfg(test)]
#[path = "tests/check.rs"]
mod tests;
