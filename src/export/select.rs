//! Which reflections an export takes: named ones, or those matching filters, or by default
//! the most recent complete reflection.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::content::Pack;
use crate::workbook::{FindError, Focus, Reflection, Status, Workbook};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Ids, or starts of ids that only one reflection has.
    pub ids: Vec<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub area: Option<String>,
    pub context: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    #[error("there is no reflection with the id `{0}`: `wheelbook list` shows the ids")]
    NotFound(String),
    #[error("more than one reflection has an id starting `{0}`: give more of the id")]
    Ambiguous(String),
    #[error(
        "no complete reflection matches: loosen the filters, or name reflections by id (`wheelbook list`; a draft goes in only when named)"
    )]
    NothingMatches,
    #[error("there is no complete reflection yet: mark one complete, or name a draft by id")]
    NoCompleteReflection,
    #[error(
        "`{0}` is not an area of this pack: give an area's title or id, as `wheelbook pack show` lists them"
    )]
    UnknownArea(String),
    #[error(
        "`{0}` is not a context of this pack: give a context as the new reflection's form words it, e.g. \"An incident or event\", or its id (`wheelbook pack show --json`)"
    )]
    UnknownContext(String),
}

impl Selection {
    pub fn is_default(&self) -> bool {
        self == &Selection::default()
    }
}

/// The date an export files a reflection under: the activity's date when known.
pub fn date_of(reflection: &Reflection) -> NaiveDate {
    reflection
        .cpd
        .activity_date
        .unwrap_or_else(|| reflection.created.date_naive())
}

/// The id of the item that `given` names, by its id or, ignoring case, by its words.
fn named<'p, T>(
    items: &'p [T],
    given: &str,
    id_and_words: impl Fn(&'p T) -> (&'p String, &'p String),
) -> Option<&'p str> {
    items.iter().map(id_and_words).find_map(|(id, words)| {
        (id == given || words.eq_ignore_ascii_case(given.trim())).then_some(id.as_str())
    })
}

/// The chosen reflections, oldest first.
pub fn select<'w>(
    workbook: &'w Workbook,
    pack: &Pack,
    selection: &Selection,
) -> Result<Vec<&'w Reflection>, SelectError> {
    // An area or a context may be given by its id or as the pack words it ("Resilience",
    // "Preparing for supervision or appraisal"), in any case.
    let area = selection.area.as_deref().map(|given| {
        let found = named(&pack.areas, given, |a| (&a.id, &a.title));
        found.ok_or_else(|| SelectError::UnknownArea(given.to_string()))
    });
    let context = selection.context.as_deref().map(|given| {
        let found = named(&pack.contexts, given, |c| (&c.id, &c.label));
        found.ok_or_else(|| SelectError::UnknownContext(given.to_string()))
    });
    let (area, context) = (area.transpose()?, context.transpose()?);
    if selection.is_default() {
        return workbook
            .newest_first()
            .into_iter()
            .find(|r| r.status == Status::Complete)
            .map(|r| vec![r])
            .ok_or(SelectError::NoCompleteReflection);
    }
    // A draft goes into an export only when it is named: dates and filters choose among
    // the complete ones, which are what a CPD record or supervision is about.
    let candidates: Vec<&Reflection> = if selection.ids.is_empty() {
        let complete = workbook.reflections.iter().map(Arc::as_ref);
        complete.filter(|r| r.status == Status::Complete).collect()
    } else {
        // The screens name every reflection ticked, thousands of them: whole ids are looked
        // up in an index, and only a start of one is searched for.
        let by_id: HashMap<&str, &Reflection> = workbook
            .reflections
            .iter()
            .map(|r| (r.id.as_str(), r.as_ref()))
            .collect();
        let mut named = Vec::new();
        let mut seen = HashSet::new();
        for id in &selection.ids {
            let reflection = match by_id.get(id.as_str()) {
                Some(&reflection) => reflection,
                None => workbook.find_reflection(id).map_err(|error| match error {
                    FindError::NotFound => SelectError::NotFound(id.clone()),
                    FindError::Ambiguous => SelectError::Ambiguous(id.clone()),
                })?,
            };
            if seen.insert(reflection.id.as_str()) {
                named.push(reflection);
            }
        }
        named
    };
    let mut chosen: Vec<&Reflection> = candidates
        .into_iter()
        .filter(|r| selection.since.is_none_or(|since| date_of(r) >= since))
        .filter(|r| selection.until.is_none_or(|until| date_of(r) <= until))
        .filter(|r| context.is_none_or(|c| r.context == c))
        .filter(|r| {
            area.is_none_or(|area| match &r.focus {
                Focus::WholeWheel => true,
                Focus::Areas(ids) => ids.iter().any(|id| id == area),
            })
        })
        .collect();
    if chosen.is_empty() {
        return Err(SelectError::NothingMatches);
    }
    chosen.sort_by_key(|r| (date_of(r), r.created));
    Ok(chosen)
}
