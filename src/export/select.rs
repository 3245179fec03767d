//! Which reflections an export takes: named ones, or those matching filters, or by default
//! the most recent complete reflection.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use named::{Unnamed, did_you_mean, listed, named};

use crate::content::Pack;
use crate::workbook::{FindError, Focus, Reflection, Status, Workbook};

mod named;

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
        "`{given}` is not an area of this pack.{near} Give one by its id or its words: {choices}"
    )]
    UnknownArea {
        given: String,
        near: String,
        choices: String,
    },
    #[error("`{given}` could be more than one area, {choices}: give more of its words, or its id")]
    AmbiguousArea { given: String, choices: String },
    #[error(
        "`{given}` is not a context of this pack.{near} Give one by its id or its words: {choices}"
    )]
    UnknownContext {
        given: String,
        near: String,
        choices: String,
    },
    #[error(
        "`{given}` could be more than one context, {choices}: give more of its words, or its id"
    )]
    AmbiguousContext { given: String, choices: String },
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

/// What narrows `selection`, in words for a document: "with the area “Positive Risk Taking”
/// in focus, dated from the day given". `None` when nothing does (or when an area or a
/// context names nothing: [`select`] refuses that anyway). The days themselves are not
/// written: the identifier check must not pass over a day given, which may be the day of
/// what happened.
pub fn described(selection: &Selection, pack: &Pack) -> Option<String> {
    let mut parts = Vec::new();
    if !selection.ids.is_empty() {
        parts.push("named by id".to_string());
    }
    if let Some(given) = selection.area.as_deref() {
        let found = named(&pack.areas, given, |a| (&a.id, &a.title)).ok();
        let area = found.and_then(|id| pack.areas.iter().find(|a| a.id == id))?;
        parts.push(format!("with the area “{}” in focus", area.title));
    }
    if let Some(given) = selection.context.as_deref() {
        let found = named(&pack.contexts, given, |c| (&c.id, &c.label)).ok();
        let context = found.and_then(|id| pack.contexts.iter().find(|c| c.id == id))?;
        parts.push(format!("in the context “{}”", context.label));
    }
    match (selection.since, selection.until) {
        (Some(_), Some(_)) => parts.push("dated between the days given".to_string()),
        (Some(_), None) => parts.push("dated from the day given".to_string()),
        (None, Some(_)) => parts.push("dated up to the day given".to_string()),
        (None, None) => {}
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The error for `given` naming no one area or context: `unknown` (what was given, what is
/// near, every choice) or `ambiguous` (what was given, the choices it could be).
fn unnamed_error(
    given: &str,
    unnamed: Unnamed,
    unknown: fn(String, String, String) -> SelectError,
    ambiguous: fn(String, String) -> SelectError,
) -> SelectError {
    let given = given.to_string();
    match unnamed {
        Unnamed::Unknown { all, near } => unknown(given, did_you_mean(&near), listed(&all)),
        Unnamed::Ambiguous(found) => ambiguous(given, listed(&found)),
    }
}

/// The chosen reflections, oldest first.
pub fn select<'w>(
    workbook: &'w Workbook,
    pack: &Pack,
    selection: &Selection,
) -> Result<Vec<&'w Reflection>, SelectError> {
    // An area or a context may be given by its id, as the pack words it ("Resilience",
    // "Preparing for supervision or appraisal") in any case, or by some of its words.
    let area = selection.area.as_deref().map(|given| {
        let found = named(&pack.areas, given, |a| (&a.id, &a.title));
        found.map_err(|unnamed| {
            unnamed_error(
                given,
                unnamed,
                |given, near, choices| SelectError::UnknownArea {
                    given,
                    near,
                    choices,
                },
                |given, choices| SelectError::AmbiguousArea { given, choices },
            )
        })
    });
    let context = selection.context.as_deref().map(|given| {
        let found = named(&pack.contexts, given, |c| (&c.id, &c.label));
        found.map_err(|unnamed| {
            unnamed_error(
                given,
                unnamed,
                |given, near, choices| SelectError::UnknownContext {
                    given,
                    near,
                    choices,
                },
                |given, choices| SelectError::AmbiguousContext { given, choices },
            )
        })
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
        // The first of two with one id, as find_reflection takes.
        let mut by_id: HashMap<&str, &Reflection> = HashMap::new();
        for reflection in &workbook.reflections {
            by_id.entry(&reflection.id).or_insert(reflection);
        }
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
