//! The identifier check of an export: every piece of the document that would leave the
//! machine is scanned, whatever it came from (a chosen reflection, an earlier one, wording
//! typed for this export, questions to bring), so that nothing leaves unchecked.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::document::Document;
use super::identifiers::{Kind, Located, scan, scan_reflection};
use crate::workbook::{Reflection, Workbook};

/// The dates a template itself writes (when activities happened, when actions are due,
/// today), as `YYYY-MM-DD`: a CPD record must carry them, so they are not findings. Dates a
/// person types into their narrative are still found.
fn structural_dates(workbook: &Workbook, today: NaiveDate) -> BTreeSet<String> {
    let mut dates: BTreeSet<String> = workbook
        .reflections
        .iter()
        .flat_map(|r| [Some(r.created.date_naive()), r.cpd.activity_date])
        .chain(workbook.actions.iter().map(|a| a.due))
        .flatten()
        .map(|d| d.to_string())
        .collect();
    dates.insert(today.to_string());
    dates
}

/// The likely identifiers in `document`. A finding that also stands in a chosen reflection's
/// own text is named by that reflection and field, so that it can be edited there; any other
/// is named by its place in the document, with an empty `reflection_id`.
pub fn check(
    document: &Document,
    reflections: &[&Reflection],
    workbook: &Workbook,
    today: NaiveDate,
    watch_list: &[String],
) -> Vec<Located> {
    let structural = structural_dates(workbook, today);
    let known: Vec<Located> = reflections
        .iter()
        .flat_map(|r| {
            let actions: Vec<_> = workbook.actions_of(r).collect();
            scan_reflection(r, &actions, watch_list)
        })
        .collect();
    let mut findings: Vec<Located> = Vec::new();
    for piece in document.pieces() {
        for finding in scan(&piece.text, watch_list) {
            if finding.kind == Kind::FullDate && structural.contains(&finding.text) {
                continue;
            }
            // Templates may fold a text's spaces (summaries): compare words, not spacing.
            let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
            let located = match known
                .iter()
                .find(|k| words(&k.finding.text) == words(&finding.text))
            {
                Some(named) => Located {
                    reflection_id: named.reflection_id.clone(),
                    field: named.field.clone(),
                    place: named.place.clone(),
                    finding,
                },
                None => Located {
                    reflection_id: String::new(),
                    field: piece.place.clone(),
                    place: None,
                    finding,
                },
            };
            let duplicate = findings.iter().any(|f| {
                f.reflection_id == located.reflection_id
                    && f.field == located.field
                    && f.finding.text == located.finding.text
            });
            if !duplicate {
                findings.push(located);
            }
        }
    }
    findings
}
