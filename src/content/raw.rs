//! The pack as written in TOML, before validation.
//!
//! Every value a validation message may point at is `Spanned`, so that the message can
//! name its line and column. Unknown keys are rejected (`deny_unknown_fields`) because in
//! a hand-written file they are almost always typos that would silently drop content.

use serde::Deserialize;
use toml::Spanned;

pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    pub schema_version: Spanned<i64>,
    pub id: Text,
    pub title: Text,
    pub version: Text,
    pub description: Text,
    #[serde(default)]
    pub notes: Vec<Text>,
    pub source: Spanned<RawSource>,
    pub wording: Option<Spanned<RawWording>>,
    pub not_assessed: Option<Spanned<RawNotAssessed>>,
    pub scale: Spanned<Vec<Spanned<RawScaleLevel>>>,
    pub contexts: Spanned<Vec<Spanned<RawContext>>>,
    /// Prompts shared by every area that does not list its own.
    #[serde(default)]
    pub prompts: Vec<Spanned<RawItem>>,
    pub areas: Spanned<Vec<Spanned<RawArea>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: Text,
    pub publisher: Option<Text>,
    pub year: Option<Spanned<i64>>,
    pub attribution: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWording {
    pub individual: Text,
    pub team: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNotAssessed {
    pub label: Text,
    pub description: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScaleLevel {
    pub value: Spanned<i64>,
    pub label: Text,
    pub description: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContext {
    pub id: Text,
    pub label: Text,
    pub description: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArea {
    pub id: Text,
    pub title: Text,
    #[serde(default)]
    pub notes: Vec<Text>,
    #[serde(default)]
    pub competencies: Vec<Spanned<RawCompetency>>,
    #[serde(default)]
    pub questions: Vec<Spanned<RawItem>>,
    #[serde(default)]
    pub activities: Vec<Spanned<RawItem>>,
    pub prompts: Option<Vec<Spanned<RawItem>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCompetency {
    pub id: Text,
    pub tags: Spanned<Vec<Text>>,
    pub text: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub id: Text,
    pub text: Text,
}
