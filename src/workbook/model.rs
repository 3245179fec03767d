//! The user's workbook: reflections and development actions. Pure data, no I/O.
//!
//! Ratings, answers and prompts are keyed by the pack's ids. Keys the current pack no longer
//! has are kept as they are (see [`Reflection::ids_not_in`]), so nothing written with an
//! older pack is ever dropped.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::content::Pack;
use crate::workbook::flat::{FlatMap, FlatSet};
use crate::workbook::intern::SharedId;
use crate::workbook::timestamp;

/// The workbook format this build reads and writes. Any new field means a new version, and
/// older versions are migrated on reading (see `store::load`).
///
/// - 1: the first format.
/// - 2: CPD details gain Code themes, evidence reference, activity type, planned or not.
pub const SCHEMA_VERSION: u32 = 2;

/// More hours than anyone records for one CPD activity; the form and imports refuse more.
pub const MAX_CPD_HOURS: f64 = 1000.0;

/// A moment with the user's time zone offset at the time, as RFC 3339 in JSON.
pub type Timestamp = DateTime<FixedOffset>;

pub fn now() -> Timestamp {
    Local::now().fixed_offset()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workbook {
    pub schema_version: u32,
    #[serde(deserialize_with = "timestamp::deserialize")]
    pub created: Timestamp,
    #[serde(deserialize_with = "timestamp::deserialize")]
    pub updated: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    pub mode: Mode,
    /// Shared, so that a copy of the workbook to save costs a pointer a reflection: the
    /// copy is written in the background while the user goes on (see `Arc::make_mut`).
    #[serde(default)]
    pub reflections: Vec<Arc<Reflection>>,
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// Whether the workbook is kept by one person ("I") or a team ("we").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Individual,
    Team,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reflection {
    pub id: String,
    #[serde(deserialize_with = "timestamp::deserialize")]
    pub created: Timestamp,
    #[serde(deserialize_with = "timestamp::deserialize")]
    pub updated: Timestamp,
    pub title: String,
    /// A context id of the pack, e.g. `incident`.
    pub context: SharedId,
    pub focus: Focus,
    pub pack: PackRef,
    /// Competency id to scale value. A competency not in the map is "not assessed".
    #[serde(default)]
    pub ratings: FlatMap<SharedId, u8>,
    /// Reflective question id to the answer.
    #[serde(default)]
    pub answers: FlatMap<SharedId, String>,
    /// Ids of the pack's example activities the user ticked.
    #[serde(default)]
    pub ticked_activities: FlatSet<SharedId>,
    #[serde(default)]
    pub own_activities: Vec<OwnActivity>,
    /// Area id to prompt id (`comments`, `develop`) to what the user wrote.
    #[serde(default)]
    pub prompts: FlatMap<SharedId, FlatMap<SharedId, String>>,
    pub status: Status,
    #[serde(default)]
    pub cpd: Cpd,
}

/// What a reflection looks at: the whole wheel, or chosen areas (the workbook suggests one or
/// two at a time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Focus {
    WholeWheel,
    Areas(Vec<SharedId>),
}

impl Focus {
    /// The area ids in focus, in the pack's order for the whole wheel.
    pub fn area_ids<'p>(&'p self, pack: &'p Pack) -> Vec<&'p str> {
        match self {
            Focus::WholeWheel => pack.areas.iter().map(|a| a.id.as_str()).collect(),
            Focus::Areas(ids) => ids.iter().map(SharedId::as_str).collect(),
        }
    }
}

/// The pack a reflection was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackRef {
    pub id: SharedId,
    pub version: SharedId,
}

impl PackRef {
    pub fn of(pack: &Pack) -> Self {
        PackRef {
            id: pack.id.as_str().into(),
            version: pack.version.as_str().into(),
        }
    }
}

/// An activity the user adds in an area, beside the pack's examples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnActivity {
    pub area: SharedId,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Draft,
    Complete,
}

/// What a CPD or revalidation record needs to know about the activity reflected on.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cpd {
    #[serde(
        default,
        deserialize_with = "timestamp::deserialize_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub activity_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Whether the activity involved interaction with other people (NMC "participatory").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participatory: Option<bool>,
    /// How the learning happened, e.g. "reflective practice", "course", "supervision".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Ids of the NMC Code's themes this is relevant to (see content/regulators.toml).
    #[serde(default, skip_serializing_if = "FlatSet::is_empty")]
    pub code_themes: FlatSet<SharedId>,
    /// Where the evidence is: a certificate's file name, a notebook page, an agenda.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// The kind of CPD activity, an id from content/regulators.toml (HCPC's activity types).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_type: Option<String>,
    /// Planned in advance, or prompted by something that happened (GPhC asks for both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<bool>,
}

/// A step in the development plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    #[serde(deserialize_with = "timestamp::deserialize")]
    pub created: Timestamp,
    #[serde(deserialize_with = "timestamp::deserialize")]
    pub updated: Timestamp,
    pub text: String,
    /// The area id this action develops.
    pub area: SharedId,
    /// The reflection it came from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflection: Option<String>,
    #[serde(
        default,
        deserialize_with = "timestamp::deserialize_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
    Dropped,
}

impl ActionStatus {
    /// The status in a word, as documents and screens show it.
    pub fn word(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }
}

impl Workbook {
    /// A prompt's text in this workbook's wording ("I" or "we").
    pub fn worded(&self, pack: &Pack, text: &str) -> String {
        pack.wording.apply(text, self.mode == Mode::Team)
    }

    pub fn new(created: Timestamp) -> Self {
        Workbook {
            schema_version: SCHEMA_VERSION,
            created,
            updated: created,
            display_name: None,
            mode: Mode::Individual,
            reflections: Vec::new(),
            actions: Vec::new(),
        }
    }

    /// Reflections whose CPD hours cannot be right (negative, not a number, or more than
    /// [`MAX_CPD_HOURS`]): refused on import rather than carried into CPD logs.
    pub fn implausible_hours(&self) -> Vec<(&str, f64)> {
        self.reflections
            .iter()
            .filter_map(|r| r.cpd.hours.map(|h| (r.id.as_str(), h)))
            .filter(|(_, h)| !h.is_finite() || *h < 0.0 || *h > MAX_CPD_HOURS)
            .collect()
    }

    /// The reflection at `index`, to change. If a copy being saved shares it, it is copied
    /// first, so that the save writes the workbook as it was when the save began.
    pub fn reflection_mut(&mut self, index: usize) -> &mut Reflection {
        Arc::make_mut(&mut self.reflections[index])
    }

    /// Like [`Workbook::reflection_mut`], `None` if there is no reflection at `index`.
    pub fn get_reflection_mut(&mut self, index: usize) -> Option<&mut Reflection> {
        self.reflections.get_mut(index).map(Arc::make_mut)
    }

    /// Every reflection, to change (see [`Workbook::reflection_mut`]).
    pub fn reflections_mut(&mut self) -> impl Iterator<Item = &mut Reflection> {
        self.reflections.iter_mut().map(Arc::make_mut)
    }

    /// The development actions of each reflection, by reflection id, in the workbook's order:
    /// one pass over the actions, where looking them up for each of thousands of reflections
    /// would go through every action for each.
    pub fn actions_by_reflection(&self) -> HashMap<&str, Vec<&Action>> {
        self.action_indices_by_reflection()
            .into_iter()
            .map(|(id, indices)| (id, indices.into_iter().map(|i| &self.actions[i]).collect()))
            .collect()
    }

    /// Like [`Workbook::actions_by_reflection`], with indices into `actions`.
    pub fn action_indices_by_reflection(&self) -> HashMap<&str, Vec<usize>> {
        let mut by_reflection: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, action) in self.actions.iter().enumerate() {
            if let Some(reflection) = &action.reflection {
                by_reflection.entry(reflection).or_default().push(index);
            }
        }
        by_reflection
    }

    /// Finds a reflection by its id or by a prefix of it that only one id has.
    pub fn find_reflection(&self, id_or_prefix: &str) -> Result<&Reflection, FindError> {
        if let Some(exact) = self.reflections.iter().find(|r| r.id == id_or_prefix) {
            return Ok(exact);
        }
        let mut matches = self
            .reflections
            .iter()
            .filter(|r| !id_or_prefix.is_empty() && r.id.starts_with(id_or_prefix));
        match (matches.next(), matches.next()) {
            (Some(only), None) => Ok(only),
            (Some(_), Some(_)) => Err(FindError::Ambiguous),
            (None, _) => Err(FindError::NotFound),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindError {
    NotFound,
    Ambiguous,
}

impl Reflection {
    /// A new draft with nothing rated or written yet.
    pub fn draft(
        id: String,
        created: Timestamp,
        title: String,
        context: String,
        focus: Focus,
        pack: PackRef,
    ) -> Self {
        Reflection {
            id,
            created,
            updated: created,
            title,
            context: context.into(),
            focus,
            pack,
            ratings: FlatMap::new(),
            answers: FlatMap::new(),
            ticked_activities: FlatSet::new(),
            own_activities: Vec::new(),
            prompts: FlatMap::new(),
            status: Status::Draft,
            cpd: Cpd::default(),
        }
    }
}
