//! The validated content pack: what every other layer reads.
//!
//! These types are only built by [`super::load`] after validation, so code that holds a
//! [`Pack`] may rely on its invariants: ids are unique, every area has competencies, the
//! scale has at least two ascending levels.

use std::collections::BTreeSet;
use std::fmt;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// The pack format this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pack {
    pub schema_version: u32,
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub source: Source,
    pub wording: Wording,
    pub not_assessed: ScaleNotAssessed,
    pub scale: Vec<ScaleLevel>,
    pub contexts: Vec<Context>,
    pub areas: Vec<Area>,
}

/// Where the framework comes from, shown wherever its content is shown or exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub attribution: String,
}

/// How the workbook addresses an individual ("I") and a team ("we").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wording {
    pub individual: String,
    pub team: String,
}

impl Wording {
    /// The workbook writes "I (we)" where an individual says "I" and a team "we": gives the
    /// text for one or the other.
    pub fn apply(&self, text: &str, team: bool) -> String {
        let word = if team { &self.team } else { &self.individual };
        text.replace("I (we)", word)
    }
}

impl Default for Wording {
    fn default() -> Self {
        Self {
            individual: "I".into(),
            team: "we".into(),
        }
    }
}

/// The label shown for a competency that has not been rated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleNotAssessed {
    pub label: String,
    pub description: String,
}

impl Default for ScaleNotAssessed {
    fn default() -> Self {
        Self {
            label: "Not assessed".into(),
            description: "Not rated in this reflection.".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "ScaleLevelFields")]
pub struct ScaleLevel {
    value: u8,
    label: String,
    pub description: String,
    /// The value and the label, as a document's table of ratings shows the level, made with
    /// them: the value and the label are read-only, so that it stays in step.
    #[serde(skip)]
    numbered: String,
}

impl ScaleLevel {
    pub fn new(value: u8, label: String, description: String) -> Self {
        ScaleLevel {
            numbered: format!("{value} {label}"),
            value,
            label,
            description,
        }
    }

    pub fn value(&self) -> u8 {
        self.value
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    /// The value and the label, "3 Established", as a document's table of ratings shows the
    /// level. Made once with the pack: an export of thousands of reflections shows it in
    /// tens of thousands of rows.
    pub fn numbered(&self) -> &str {
        &self.numbered
    }
}

/// A scale level as a pack written out as JSON or TOML has it.
#[derive(Deserialize)]
struct ScaleLevelFields {
    value: u8,
    label: String,
    description: String,
}

impl From<ScaleLevelFields> for ScaleLevel {
    fn from(fields: ScaleLevelFields) -> Self {
        ScaleLevel::new(fields.value, fields.label, fields.description)
    }
}

/// Why a reflection is being written: own development, an incident, supervision, ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    pub id: String,
    pub label: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub competencies: Vec<Competency>,
    #[serde(default)]
    pub questions: Vec<Item>,
    #[serde(default)]
    pub activities: Vec<Item>,
    #[serde(default)]
    pub prompts: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competency {
    pub id: String,
    pub tags: BTreeSet<Tag>,
    pub text: String,
}

/// A reflective question, an example activity or a free-text prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub text: String,
}

/// The four kinds of competency in the Wheel. Ordered as the workbook lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tag {
    Knowledge,
    Skills,
    Behaviour,
    Attitude,
}

impl Tag {
    pub const ALL: [Tag; 4] = [Tag::Knowledge, Tag::Skills, Tag::Behaviour, Tag::Attitude];

    /// The name used in pack files and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Tag::Knowledge => "knowledge",
            Tag::Skills => "skills",
            Tag::Behaviour => "behaviour",
            Tag::Attitude => "attitude",
        }
    }

    /// The one-letter badge shown beside a competency (K S B A).
    pub fn badge(self) -> char {
        match self {
            Tag::Knowledge => 'K',
            Tag::Skills => 'S',
            Tag::Behaviour => 'B',
            Tag::Attitude => 'A',
        }
    }

    pub fn from_key(key: &str) -> Option<Tag> {
        Tag::ALL.into_iter().find(|tag| tag.key() == key)
    }

    /// The name shown to people, e.g. "Knowledge".
    pub fn label(self) -> &'static str {
        match self {
            Tag::Knowledge => "Knowledge",
            Tag::Skills => "Skills",
            Tag::Behaviour => "Behaviour",
            Tag::Attitude => "Attitude",
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Counts for the one-line summary of `wheelbook pack check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackCounts {
    pub areas: usize,
    pub competencies: usize,
    pub questions: usize,
    pub activities: usize,
}

impl Pack {
    pub fn counts(&self) -> PackCounts {
        PackCounts {
            areas: self.areas.len(),
            competencies: self.areas.iter().map(|a| a.competencies.len()).sum(),
            questions: self.areas.iter().map(|a| a.questions.len()).sum(),
            activities: self.areas.iter().map(|a| a.activities.len()).sum(),
        }
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|area| area.id == id)
    }

    pub fn context(&self, id: &str) -> Option<&Context> {
        self.contexts.iter().find(|context| context.id == id)
    }

    pub fn scale_level(&self, value: u8) -> Option<&ScaleLevel> {
        self.scale.iter().find(|level| level.value == value)
    }

    /// Whether the pack defines `id` as a `kind`, found by a search of the pack: see
    /// [`PackIds`] to ask of many.
    pub fn defines(&self, kind: IdKind, id: &str) -> bool {
        let mut areas = self.areas.iter();
        match kind {
            IdKind::Area => self.area(id).is_some(),
            IdKind::Competency => areas.any(|a| a.competencies.iter().any(|c| c.id == id)),
            IdKind::Question => areas.any(|a| a.questions.iter().any(|q| q.id == id)),
            IdKind::Activity => areas.any(|a| a.activities.iter().any(|t| t.id == id)),
        }
    }

    /// Every id the pack defines, by kind, and where each stands among its kind.
    pub fn ids(&self) -> PackIds<'_> {
        // Ids are unique in a pack, so each stands at its place in pack order.
        fn places<'p>(ids: impl Iterator<Item = &'p str>) -> FxHashMap<&'p str, usize> {
            let mut count = 0;
            let places: FxHashMap<_, _> = ids
                .inspect(|_| count += 1)
                .enumerate()
                .map(|(place, id)| (id, place))
                .collect();
            debug_assert_eq!(places.len(), count, "a pack's ids are unique");
            places
        }
        let areas = || self.areas.iter();
        PackIds {
            areas: places(areas().map(|a| a.id.as_str())),
            competencies: places(areas().flat_map(|a| &a.competencies).map(|c| c.id.as_str())),
            questions: places(areas().flat_map(|a| &a.questions).map(|q| q.id.as_str())),
            activities: places(areas().flat_map(|a| &a.activities).map(|t| t.id.as_str())),
        }
    }
}

/// What a pack's id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Area,
    Competency,
    Question,
    Activity,
}

/// The ids a pack defines, looked up by a quick hash: an export asks of each of thousands
/// of reflections where the pack has every id it rated, answered and ticked, and a search of
/// the pack for each took as long as making the reflection's sections.
#[derive(Debug, Default)]
pub struct PackIds<'p> {
    areas: FxHashMap<&'p str, usize>,
    competencies: FxHashMap<&'p str, usize>,
    questions: FxHashMap<&'p str, usize>,
    activities: FxHashMap<&'p str, usize>,
}

impl PackIds<'_> {
    pub fn has(&self, kind: IdKind, id: &str) -> bool {
        self.place(kind, id).is_some()
    }

    /// Where `id` stands among the pack's ids of `kind`, counted from 0 through every area
    /// in order: the pack's third competency is 2, whichever area it is in.
    pub fn place(&self, kind: IdKind, id: &str) -> Option<usize> {
        let ids = match kind {
            IdKind::Area => &self.areas,
            IdKind::Competency => &self.competencies,
            IdKind::Question => &self.questions,
            IdKind::Activity => &self.activities,
        };
        ids.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_turns_i_we_into_the_chosen_word() {
        let wording = Wording::default();
        let prompt = "What can I (we) do to develop in this area?";
        assert_eq!(
            wording.apply(prompt, false),
            "What can I do to develop in this area?"
        );
        assert_eq!(
            wording.apply(prompt, true),
            "What can we do to develop in this area?"
        );
        assert_eq!(wording.apply("Comments", true), "Comments");
    }

    #[test]
    fn each_id_stands_at_its_place_among_its_kind_in_pack_order() {
        let pack = crate::content::PackSource::BuiltIn.load().expect("pack");
        let ids = pack.ids();
        let areas = || pack.areas.iter();
        let kinds: [(IdKind, Vec<&str>); 4] = [
            (IdKind::Area, areas().map(|a| a.id.as_str()).collect()),
            (
                IdKind::Competency,
                areas()
                    .flat_map(|a| &a.competencies)
                    .map(|c| c.id.as_str())
                    .collect(),
            ),
            (
                IdKind::Question,
                areas()
                    .flat_map(|a| &a.questions)
                    .map(|q| q.id.as_str())
                    .collect(),
            ),
            (
                IdKind::Activity,
                areas()
                    .flat_map(|a| &a.activities)
                    .map(|t| t.id.as_str())
                    .collect(),
            ),
        ];
        for (kind, in_order) in kinds {
            assert!(in_order.len() > 10, "{kind:?}");
            for (place, id) in in_order.iter().enumerate() {
                assert_eq!(ids.place(kind, id), Some(place), "{kind:?} {id}");
                assert!(ids.has(kind, id) && pack.defines(kind, id));
            }
            assert!(!ids.has(kind, "retired.x1") && !pack.defines(kind, "retired.x1"));
        }
    }
}
