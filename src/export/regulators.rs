//! The regulator details exports need (the NMC's form labels and Code themes, CPD counts and
//! windows, the HCPC profile's headings and word limits, supervision headings), read from
//! the versioned data file `content/regulators.toml` rather than written into code.
//!
//! The file is compiled in and validated like the content pack: every problem is reported
//! with its line and column, so that an edit to the file that breaks it says where.

mod check;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::content::Problem;

/// The regulator data, compiled into the binary.
pub const BUILT_IN_TOML: &str = include_str!("../../content/regulators.toml");
const BUILT_IN_NAME: &str = "(built-in) regulators.toml";

/// The format of `regulators.toml` this wheelbook reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything in `regulators.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regulators {
    pub schema_version: u32,
    /// The data's own version, raised whenever a fact changes.
    pub version: String,
    /// When the data was last checked against its sources (written "YYYY-MM-DD").
    #[serde(deserialize_with = "date")]
    pub checked: NaiveDate,
    /// What it was checked against.
    pub checked_against: String,
    pub sources: Vec<Source>,
    pub nmc: Nmc,
    pub hcpc: Hcpc,
    pub supervision_prep: SupervisionPrep,
    pub reflection_cpd: ReflectionCpd,
}

/// A published page that facts in the file rest on.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: String,
}

/// How far a block's text can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// The regulator's printed labels, copied exactly: exports must not reword them.
    Verbatim,
    /// Facts from the cited sources, in wheelbook's words.
    Paraphrase,
    /// Wheelbook's own wording or choice, resting on the cited sources.
    Wheelbook,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    pub basis: Basis,
    /// Ids of [`Source`]s.
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// What the sources did not confirm, if anything.
    #[serde(default)]
    pub unverified: Option<String>,
}

/// A choice with a stable id: a Code theme, a log column, an activity type, planned or not.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub examples: Option<String>,
}

/// A heading of a generated document, with what goes under it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub heading: String,
    /// A word limit, where the regulator sets one.
    #[serde(default)]
    pub max_words: Option<u32>,
    pub guidance: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nmc {
    pub name: String,
    pub short_name: String,
    pub registrants: String,
    pub reflective_account: ReflectiveAccount,
    pub code: Code,
    pub cpd: NmcCpd,
    pub cpd_log: CpdLog,
}

/// The NMC's reflective account form, in its printed order: the number label, the prompts,
/// then the themes label after the last prompt.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReflectiveAccount {
    pub provenance: Provenance,
    pub number_label: String,
    pub number_min: u32,
    pub number_max: u32,
    pub themes_label: String,
    /// The fewest Code themes an account may tick.
    pub min_themes: u32,
    pub prompts: Vec<Prompt>,
    pub footer: Footer,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    pub provenance: Provenance,
    pub text: String,
}

/// The NMC Code: its four themes, in order.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    pub provenance: Provenance,
    pub title: String,
    pub themes: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NmcCpd {
    pub provenance: Provenance,
    pub cycle_years: u32,
    pub hours: u32,
    pub participatory_hours: u32,
    pub participatory_meaning: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CpdLog {
    pub provenance: Provenance,
    pub columns: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hcpc {
    pub name: String,
    pub short_name: String,
    pub registrants: String,
    pub cpd: HcpcCpd,
    pub audit: Audit,
    pub activity_types: ActivityTypes,
    pub profile: Profile,
    pub standards: Standards,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HcpcCpd {
    pub provenance: Provenance,
    /// The fewest different types of activity a record may show.
    pub min_activity_types: u32,
    /// Gaps of this many months or more between activities are flagged.
    pub gap_months: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    pub provenance: Provenance,
    pub renewal_years: u32,
    pub sample_percent: f64,
    /// Registrants of fewer years than this are not picked.
    pub exempt_under_years: u32,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityTypes {
    pub provenance: Provenance,
    pub types: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub provenance: Provenance,
    pub statement_min_activities: u32,
    pub statement_max_activities: u32,
    pub statement_parts: Vec<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standards {
    pub provenance: Provenance,
    pub items: Vec<Standard>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    pub number: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisionPrep {
    pub provenance: Provenance,
    /// Says whose notes these are, and that they become formal records only by agreement.
    pub header: String,
    pub sections: Vec<Section>,
}

/// The choices a reflection's CPD details offer besides the activity type (which is one of
/// [`Hcpc::activity_types`]).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReflectionCpd {
    pub provenance: Provenance,
    /// Planned or unplanned learning.
    pub planning: Vec<Item>,
}

fn date<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(deserializer)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
        serde::de::Error::custom(format!(
            "`{text}` is not a date: write it as \"YYYY-MM-DD\", e.g. \"2026-11-23\""
        ))
    })
}

fn find<'a, T>(items: &'a [T], id: &str, key: impl Fn(&T) -> &str) -> Option<&'a T> {
    items.iter().find(|item| key(item) == id)
}

impl Regulators {
    pub fn source(&self, id: &str) -> Option<&Source> {
        find(&self.sources, id, |s| &s.id)
    }

    /// The activity types a reflection may record: the HCPC's categories.
    pub fn activity_types(&self) -> &[Item] {
        &self.hcpc.activity_types.types
    }
}

impl ReflectiveAccount {
    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        find(&self.prompts, id, |p| &p.id)
    }

    pub fn numbers(&self) -> std::ops::RangeInclusive<u32> {
        self.number_min..=self.number_max
    }
}

impl Code {
    pub fn theme(&self, id: &str) -> Option<&Item> {
        find(&self.themes, id, |t| &t.id)
    }
}

impl Hcpc {
    pub fn activity_type(&self, id: &str) -> Option<&Item> {
        find(&self.activity_types.types, id, |t| &t.id)
    }
}

impl Profile {
    pub fn section(&self, id: &str) -> Option<&Section> {
        find(&self.sections, id, |s| &s.id)
    }
}

impl SupervisionPrep {
    pub fn section(&self, id: &str) -> Option<&Section> {
        find(&self.sections, id, |s| &s.id)
    }
}

impl ReflectionCpd {
    pub fn planning(&self, id: &str) -> Option<&Item> {
        find(&self.planning, id, |p| &p.id)
    }
}

/// Regulator data that could not be loaded: every problem found, in file order.
#[derive(Debug, thiserror::Error)]
#[error("{}", format_problems(origin, problems))]
pub struct RegulatorsError {
    pub origin: String,
    pub problems: Vec<Problem>,
}

fn format_problems(origin: &str, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("{origin}:{}:{}: {}", p.line, p.column, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The built-in regulator data, parsed. Its rules are checked by the tests
/// (`the_built_in_data_keeps_every_rule`), not on each export: the data is part of the
/// program, and checking it took more than twice as long as reading it.
pub fn built_in() -> Result<Regulators, RegulatorsError> {
    check::parse_unchecked(BUILT_IN_TOML).map_err(|problem| RegulatorsError {
        origin: BUILT_IN_NAME.to_string(),
        problems: vec![problem],
    })
}

/// The built-in data, read once, on first use, and kept: the first screen does not need
/// it, so its start does not wait for it. `Err` (the message) only
/// if the built-in data were broken.
pub fn built_in_shared() -> Result<&'static Regulators, &'static str> {
    static BUILT_IN: std::sync::OnceLock<Result<Regulators, String>> = std::sync::OnceLock::new();
    BUILT_IN
        .get_or_init(|| built_in().map_err(|error| error.to_string()))
        .as_ref()
        .map_err(String::as_str)
}

/// Parses and validates regulator data. `origin` names the file in messages.
pub fn parse(origin: &str, text: &str) -> Result<Regulators, RegulatorsError> {
    check::parse(text).map_err(|mut problems| {
        problems.sort_by_key(|p| (p.line, p.column));
        RegulatorsError {
            origin: origin.to_string(),
            problems,
        }
    })
}

#[cfg(test)]
#[path = "tests/regulators.rs"]
mod tests;
