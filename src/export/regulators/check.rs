//! Validation of `regulators.toml`, each problem placed at a line and column.
//!
//! Serde reads the file into the typed [`Regulators`] (unknown keys rejected, since in a
//! hand-edited file they are nearly always typos). The same text is then read as a spanned
//! TOML tree: rules that hold everywhere (no empty text, valid and unique ids, citations of
//! known sources) walk the tree, and the rules of particular values place their message by
//! the value's key path in it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Regulators, SCHEMA_VERSION};
use crate::content::{Problem, is_valid_id};

/// One step of a key path: a table key or an array index.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    At(usize),
}
use Step::{At, Key};

pub(super) fn parse(text: &str) -> Result<Regulators, Vec<Problem>> {
    let regulators = parse_unchecked(text).map_err(|problem| vec![problem])?;
    let tree = DeTable::parse(text).map_err(|error| vec![toml_problem(text, &error)])?;
    let tree = DeValue::Table(tree.into_inner());
    let mut checker = Checker {
        text,
        tree: &tree,
        problems: Vec::new(),
        cited: HashSet::new(),
    };
    checker.everywhere(&regulators, &tree, None);
    checker.values(&regulators);
    if checker.problems.is_empty() {
        Ok(regulators)
    } else {
        Err(checker.problems)
    }
}

/// `text` read into [`Regulators`], its types and keys checked by serde but none of the
/// rules that [`parse`] checks after.
pub(super) fn parse_unchecked(text: &str) -> Result<Regulators, Problem> {
    toml::from_str::<Regulators>(text).map_err(|error| toml_problem(text, &error))
}

/// Rewords a TOML or structure error so that it says what to do about it.
fn toml_problem(text: &str, error: &toml::de::Error) -> Problem {
    let message = error.message().trim().replace('\n', "; ");
    let advice = if message.starts_with("unknown field") {
        " (a misspelt key? correct or remove it)"
    } else if message.starts_with("missing field") {
        " in this table: add it"
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        " (check the quotes and brackets of this value, and that a number is whole and not negative)"
    } else if message.contains("YYYY-MM-DD") {
        ""
    } else {
        " (TOML syntax: check quotes, brackets and `key = value` on this line)"
    };
    let offset = error.span().map_or(0, |span| span.start);
    Problem::at(text, offset, format!("{message}{advice}"))
}

struct Checker<'t> {
    text: &'t str,
    tree: &'t DeValue<'t>,
    problems: Vec<Problem>,
    cited: HashSet<String>,
}

impl Checker<'_> {
    fn problem(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems
            .push(Problem::at(self.text, span.start, message));
    }

    /// Places a message at the value a key path names, or at the nearest part of the path
    /// that exists.
    fn at(&mut self, path: &[Step], message: impl Into<String>) {
        let mut value = self.tree;
        let mut span = 0..0;
        for step in path {
            let next = match *step {
                Key(key) => value.get(key),
                At(index) => value.get(index),
            };
            let Some(next) = next else { break };
            span = next.span();
            value = next.get_ref();
        }
        self.problem(span, message);
    }

    /// Rules that hold for every value in the file.
    fn everywhere(&mut self, regulators: &Regulators, value: &DeValue, key: Option<&str>) {
        match value {
            DeValue::Table(table) => {
                for (key, child) in table.iter() {
                    let key = key.get_ref().as_ref();
                    if let DeValue::String(text) = child.get_ref() {
                        self.text_value(regulators, key, text, child.span());
                    }
                    self.everywhere(regulators, child.get_ref(), Some(key));
                }
                self.provenance(value);
            }
            DeValue::Array(array) => {
                let mut ids: HashMap<&str, usize> = HashMap::new();
                for element in array.iter() {
                    if let DeValue::String(text) = element.get_ref() {
                        self.text_value(regulators, key.unwrap_or_default(), text, element.span());
                    }
                    let id = element
                        .get_ref()
                        .get("id")
                        .map(|id| (id.get_ref(), id.span()));
                    if let Some((DeValue::String(id), span)) = id {
                        let line = Problem::at(self.text, span.start, "").line;
                        if let Some(first) = ids.insert(id, line) {
                            self.problem(
                                span,
                                format!(
                                    "duplicate id `{id}`: line {first} already uses it; give each entry in this list its own id"
                                ),
                            );
                        }
                    }
                    self.everywhere(regulators, element.get_ref(), key);
                }
            }
            _ => {}
        }
    }

    fn text_value(&mut self, regulators: &Regulators, key: &str, text: &str, span: Range<usize>) {
        if text.trim().is_empty() {
            self.problem(
                span,
                format!("`{key}` is empty: write the text between the quotes"),
            );
        } else if key == "id" && !is_valid_id(text) {
            self.problem(
                span,
                format!(
                    "`{text}` is not a valid id: use lower-case letters and digits joined by '-' or '.', e.g. `preserve-safety`"
                ),
            );
        } else if key == "sources" {
            if regulators.source(text).is_some() {
                self.cited.insert(text.to_string());
            } else {
                self.problem(
                    span,
                    format!(
                        "unknown source `{text}`: cite the id of a [[sources]] entry, or add one with an id, title and url"
                    ),
                );
            }
        }
    }

    /// Verbatim text and paraphrased facts must cite where they come from.
    fn provenance(&mut self, table: &DeValue) {
        let Some(basis) = table.get("basis") else {
            return;
        };
        let cites = table.get("sources").and_then(|s| s.get_ref().as_array());
        let needs_source = matches!(basis.get_ref().as_str(), Some("verbatim" | "paraphrase"));
        if needs_source && cites.is_none_or(|sources| sources.is_empty()) {
            self.problem(
                basis.span(),
                "verbatim and paraphrased text must cite where it comes from: add `sources = [\"...\"]` with [[sources]] ids",
            );
        }
    }

    /// A count, window or limit that must be at least one.
    fn positive(&mut self, path: &[Step], value: u32) {
        if value == 0 {
            self.at(path, "this must be 1 or more");
        }
    }

    fn values(&mut self, r: &Regulators) {
        if r.schema_version != SCHEMA_VERSION {
            self.at(
                &[Key("schema_version")],
                format!(
                    "unknown format {}: this wheelbook reads `schema_version = {SCHEMA_VERSION}`",
                    r.schema_version
                ),
            );
        }
        for (index, source) in r.sources.iter().enumerate() {
            if !self.cited.contains(&source.id) {
                self.at(
                    &[Key("sources"), At(index), Key("id")],
                    format!(
                        "source `{}` is never cited: cite it in a `sources` list, or remove it",
                        source.id
                    ),
                );
            }
            if !(source.url.starts_with("https://") || source.url.starts_with("http://")) {
                self.at(
                    &[Key("sources"), At(index), Key("url")],
                    "a source url must start with https:// or http://",
                );
            }
        }
        self.nmc(r);
        self.hcpc(r);
        let sup = [Key("supervision_prep"), Key("sections")];
        if r.supervision_prep.sections.is_empty() {
            self.at(
                &sup,
                "the supervision preparation sheet needs at least one section",
            );
        }
        if r.reflection_cpd.planning.len() < 2 {
            self.at(
                &[Key("reflection_cpd"), Key("planning")],
                "a reflection's planning needs at least two choices, e.g. planned and unplanned",
            );
        }
    }

    fn nmc(&mut self, r: &Regulators) {
        let account = &r.nmc.reflective_account;
        let ra = |key| [Key("nmc"), Key("reflective_account"), Key(key)];
        if account.prompts.len() != 4 {
            let count = account.prompts.len();
            self.at(
                &ra("prompts"),
                format!(
                    "the NMC reflective account has four prompts, but {count} are listed here: list the form's four prompts in order"
                ),
            );
        }
        self.positive(&ra("number_min"), account.number_min);
        if account.number_max < account.number_min {
            self.at(
                &ra("number_max"),
                "`number_max` must be at least `number_min`",
            );
        }
        let themes = &r.nmc.code.themes;
        if themes.len() != 4 {
            let count = themes.len();
            self.at(
                &[Key("nmc"), Key("code"), Key("themes")],
                format!(
                    "the Code has four themes, but {count} are listed here: list all four, in the Code's order"
                ),
            );
        }
        self.positive(&ra("min_themes"), account.min_themes);
        if account.min_themes as usize > themes.len() {
            self.at(
                &ra("min_themes"),
                "`min_themes` is more than the number of Code themes",
            );
        }
        let cpd = |key| [Key("nmc"), Key("cpd"), Key(key)];
        self.positive(&cpd("cycle_years"), r.nmc.cpd.cycle_years);
        self.positive(&cpd("hours"), r.nmc.cpd.hours);
        if r.nmc.cpd.participatory_hours > r.nmc.cpd.hours {
            self.at(
                &cpd("participatory_hours"),
                "the participatory hours are part of the CPD hours, so cannot be more than `hours`",
            );
        }
        if r.nmc.cpd_log.columns.is_empty() {
            self.at(
                &[Key("nmc"), Key("cpd_log"), Key("columns")],
                "the CPD log needs at least one column",
            );
        }
    }

    fn hcpc(&mut self, r: &Regulators) {
        let h = &r.hcpc;
        let cpd = |key| [Key("hcpc"), Key("cpd"), Key(key)];
        self.positive(&cpd("min_activity_types"), h.cpd.min_activity_types);
        if h.cpd.min_activity_types as usize > h.activity_types.types.len() {
            self.at(
                &cpd("min_activity_types"),
                format!(
                    "`min_activity_types` is more than the {} activity types listed",
                    h.activity_types.types.len()
                ),
            );
        }
        self.positive(&cpd("gap_months"), h.cpd.gap_months);
        let audit = |key| [Key("hcpc"), Key("audit"), Key(key)];
        self.positive(&audit("renewal_years"), h.audit.renewal_years);
        if !(h.audit.sample_percent > 0.0 && h.audit.sample_percent <= 100.0) {
            self.at(
                &audit("sample_percent"),
                "a percentage must be more than 0 and at most 100",
            );
        }
        let profile = |key| [Key("hcpc"), Key("profile"), Key(key)];
        self.positive(
            &profile("statement_min_activities"),
            h.profile.statement_min_activities,
        );
        if h.profile.statement_max_activities < h.profile.statement_min_activities {
            self.at(
                &profile("statement_max_activities"),
                "`statement_max_activities` must be at least `statement_min_activities`",
            );
        }
        if h.profile.statement_parts.is_empty() {
            self.at(
                &profile("statement_parts"),
                "list the parts each statement activity is told in",
            );
        }
        if h.profile.sections.is_empty() {
            self.at(
                &profile("sections"),
                "the profile needs at least one section",
            );
        }
        let sections = [
            ("hcpc", "profile", &h.profile.sections),
            ("supervision_prep", "", &r.supervision_prep.sections),
        ];
        for (first, second, list) in sections {
            for (index, section) in list.iter().enumerate() {
                if section.max_words == Some(0) {
                    let mut path = vec![Key(first)];
                    path.extend((!second.is_empty()).then_some(Key(second)));
                    path.extend([Key("sections"), At(index), Key("max_words")]);
                    self.at(
                        &path,
                        "a word limit must be 1 or more: leave `max_words` out for no limit",
                    );
                }
            }
        }
        for (index, standard) in h.standards.items.iter().enumerate() {
            let expected = index + 1;
            if standard.number as usize != expected {
                self.at(
                    &[
                        Key("hcpc"),
                        Key("standards"),
                        Key("items"),
                        At(index),
                        Key("number"),
                    ],
                    format!(
                        "standards are numbered 1, 2, 3… in order: write `number = {expected}`"
                    ),
                );
            }
        }
    }
}
